"""The Bagian Organisasi's admin: saves through the services, errors on the form, scope per unit admin."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import assign_perm

from organisasi import services
from organisasi.choices import JenisPeran
from organisasi.models import Jabatan, MutasiKolektif, Pegawai, PejabatUnit, Penempatan, Unit
from organisasi.selectors import hari_ini
from tests import factories as f

from .test_pertukaran import ANALIS, contoh


def url(nama, *args):
    return reverse(f"admin:organisasi_{nama}", args=args)


@pytest.fixture
def admin_client(client, admin_organisasi):
    client.force_login(admin_organisasi)
    return client


@pytest.fixture
def admin_dinkes(struktur, client):
    """A unit admin of Dinas Kesehatan only: guardian kelola_unit, staff, no global model permission."""
    user = f.UserFactory(username="admin-dinkes", is_staff=True)
    assign_perm("organisasi.kelola_unit", user, struktur.dinas)
    client.force_login(user)
    return client


def data_formulir(resp) -> dict:
    """The POST data of an admin change page as it stands (main form and inline formsets)."""
    data = {}

    def isi(form):
        for nama in form.fields:
            nilai = form[nama].value()
            if nilai is True:
                data[form.add_prefix(nama)] = "on"
            elif nilai is not None and nilai is not False and nilai != "":
                data[form.add_prefix(nama)] = str(nilai)

    isi(resp.context["adminform"].form)
    for inline in resp.context["inline_admin_formsets"]:
        fs = inline.formset
        isi(fs.management_form)
        for form in fs.initial_forms:
            isi(form)
    return data


def jumlah_kueri(client, alamat) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(alamat).status_code == 200
    return len(kueri)


# --- changelists -----------------------------------------------------------------------------------


def test_unit_changelist_shows_heads_and_patterns_in_constant_queries(
    admin_client, struktur, django_assert_num_queries
):
    resp = admin_client.get(url("unit_changelist"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Kepala Dinas Kesehatan" in html and "2: JPT pratama, 2 level" in html
    assert "Impor struktur" in html and "Ekspor struktur" in html
    sebelum = jumlah_kueri(admin_client, url("unit_changelist"))
    for i in range(5):
        baru = f.unit(struktur.dinas, f"dinkes-bidang-{i}", "bidang", "administrator")
        f.kepala(baru)
    admin_client.get(url("unit_changelist"))  # new accounts were made: the signed-in one is read again, once
    with django_assert_num_queries(sebelum):
        admin_client.get(url("unit_changelist"))


def test_unit_changelist_filters_and_search(admin_client, struktur):
    resp = admin_client.get(url("unit_changelist") + "?pola=5")
    assert {u.kode for u in resp.context["cl"].result_list} == {"dinkes-upt-lab", "kel-cepokomulyo"}
    resp = admin_client.get(url("unit_changelist") + "?q=dinkes-yankes")
    assert [u.kode for u in resp.context["cl"].result_list] == ["dinkes-yankes"]


def test_pegawai_search_by_nip_with_or_without_spaces(admin_client, struktur):
    analis = struktur.analis
    for q in (analis.nip_tampil, analis.nip, analis.nip[:8]):
        hasil = admin_client.get(url("pegawai_changelist"), {"q": q}).context["cl"].result_list
        assert analis in hasil, q
    resp = admin_client.get(url("pegawai_changelist"), {"q": analis.nip_tampil})
    assert list(resp.context["cl"].result_list) == [analis]
    assert list(admin_client.get(url("pegawai_changelist"), {"q": "Staf Lab"}).context["cl"].result_list) == [
        struktur.staf_upt5
    ]


def test_pegawai_changelist_queries_do_not_grow_with_rows(admin_client, struktur, django_assert_num_queries):
    sebelum = jumlah_kueri(admin_client, url("pegawai_changelist"))
    for _ in range(5):
        f.pegawai(struktur.bidang)
    with django_assert_num_queries(sebelum):
        admin_client.get(url("pegawai_changelist"))


@pytest.mark.parametrize("nama", ["instansi", "jabatan", "penempatan", "pejabatunit", "mutasikolektif"])
def test_other_changelists_render(admin_client, struktur, nama):
    assert admin_client.get(url(f"{nama}_changelist")).status_code == 200


# --- units -----------------------------------------------------------------------------------------


def test_adding_a_unit_goes_through_unit_buat(admin_client, struktur):
    resp = admin_client.post(
        url("unit_add"),
        {
            "kode": "dinkes-p2p",
            "nama": "Bidang P2P",
            "induk": struktur.dinas.pk,
            "jenis": "bidang",
            "tingkat": "administrator",
        },
    )
    assert resp.status_code == 302
    unit = Unit.objects.get(kode="dinkes-p2p")
    assert unit.induk == struktur.dinas and unit.path.startswith(struktur.dinas.path)
    assert unit.history.get().history_change_reason == "unit_buat"


def test_a_refused_unit_shows_the_error_on_the_field_and_saves_nothing(admin_client, struktur):
    resp = admin_client.post(
        url("unit_add"),
        {
            "kode": "dinkes-yankes",
            "nama": "Ganda",
            "induk": struktur.dinas.pk,
            "jenis": "bidang",
            "tingkat": "administrator",
        },
    )
    assert resp.status_code == 200
    assert resp.context["adminform"].form.errors["kode"] == ["Kode unit 'dinkes-yankes' sudah dipakai."]
    assert Unit.objects.filter(kode="dinkes-yankes").count() == 1


def test_changing_a_unit_calls_unit_ubah_and_unit_pindahkan(admin_client, struktur):
    alamat = url("unit_change", struktur.seksi.pk)
    data = data_formulir(admin_client.get(alamat))
    data.update(nama="Seksi Tata Pemerintahan", induk=str(struktur.kecamatan.pk))
    assert admin_client.post(alamat, data).status_code == 302

    data = data_formulir(admin_client.get(url("unit_change", struktur.upt5.pk)))
    data["induk"] = str(struktur.bidang.pk)
    assert admin_client.post(url("unit_change", struktur.upt5.pk), data).status_code == 302

    seksi, upt5 = Unit.objects.get(pk=struktur.seksi.pk), Unit.objects.get(pk=struktur.upt5.pk)
    assert seksi.nama == "Seksi Tata Pemerintahan"
    assert seksi.history.first().history_change_reason == "unit_ubah: nama"
    assert upt5.induk == struktur.bidang and upt5.path.startswith(struktur.bidang.path)
    assert upt5.history.first().history_change_reason == f"unit_pindahkan: ke {struktur.bidang.kode}"


def test_moving_a_unit_under_itself_is_an_error_on_induk(admin_client, struktur):
    alamat = url("unit_change", struktur.bidang.pk)
    data = data_formulir(admin_client.get(alamat))
    anak = f.unit(struktur.bidang, "dinkes-yankes-seksi", "seksi", "pengawas")
    data["induk"] = str(anak.pk)
    resp = admin_client.post(alamat, data)
    assert resp.status_code == 200
    galat = resp.context["adminform"].form.errors["induk"]
    assert galat == ["Unit tidak dapat dipindahkan ke bawah dirinya sendiri."]


def test_the_root_unit_of_an_instansi_is_read_only(admin_client, struktur):
    resp = admin_client.get(url("unit_change", struktur.akar.pk))
    assert resp.status_code == 200 and not resp.context["has_change_permission"]
    assert admin_client.post(url("unit_change", struktur.akar.pk), {"nama": "x"}).status_code == 403


def test_an_inline_plt_is_appointed_through_pejabat_tetapkan(admin_client, struktur):
    unit = f.unit(struktur.dinas, "dinkes-kosong", "bidang", "administrator", nama="Bidang Kosong")
    alamat = url("unit_change", unit.pk)
    data = data_formulir(admin_client.get(alamat))
    hari = hari_ini()
    data.update(
        {
            "pejabat-0-pegawai": str(struktur.kepala_seksi.pk),
            "pejabat-0-jenis": "plt",
            "pejabat-0-mulai": str(hari),
            "pejabat-0-selesai": str(hari + dt.timedelta(days=90)),
            "pejabat-0-nomor_sk": "800/12/2024",
        }
    )
    assert admin_client.post(alamat, data).status_code == 302
    plt = PejabatUnit.objects.get(unit=unit)
    assert (plt.pegawai, plt.jenis, plt.nomor_sk) == (struktur.kepala_seksi, "plt", "800/12/2024")
    assert plt.history.get().history_change_reason == "pejabat_tetapkan: plt"


def test_a_refused_inline_row_shows_its_error_on_the_row_not_a_500(admin_client, struktur):
    alamat = url("unit_change", struktur.bidang.pk)
    data = data_formulir(admin_client.get(alamat))
    n = int(data["pejabat-INITIAL_FORMS"])
    data.update(
        {
            "nama": "Bidang Yankes (tidak tersimpan)",
            f"pejabat-{n}-pegawai": str(struktur.staf_bidang.pk),
            f"pejabat-{n}-jenis": "plt",
            f"pejabat-{n}-mulai": str(hari_ini()),
            f"pejabat-{n}-selesai": str(hari_ini() + dt.timedelta(days=30)),
        }
    )
    resp = admin_client.post(alamat, data)
    assert resp.status_code == 200
    galat = resp.context["inline_admin_formsets"][0].formset.forms[n].errors
    assert "memiliki pejabat definitif" in galat["jenis"][0]
    assert not PejabatUnit.objects.filter(unit=struktur.bidang, jenis="plt").exists()
    assert Unit.objects.get(pk=struktur.bidang.pk).nama == "Bidang Pelayanan Kesehatan"  # all rolled back


def test_a_plt_without_end_date_is_refused_on_the_row(admin_client, struktur):
    unit = f.unit(struktur.dinas, "dinkes-kosong", "bidang", "administrator")
    alamat = url("unit_change", unit.pk)
    data = data_formulir(admin_client.get(alamat))
    data.update(
        {
            "pejabat-0-pegawai": str(struktur.staf_bidang.pk),
            "pejabat-0-jenis": "plt",
            "pejabat-0-mulai": str(hari_ini()),
        }
    )
    resp = admin_client.post(alamat, data)
    assert resp.status_code == 200
    galat = resp.context["inline_admin_formsets"][0].formset.forms[0].errors
    assert "isi tanggal selesai" in galat["selesai"][0]


def test_a_decided_row_only_takes_an_earlier_end(admin_client, struktur):
    alamat = url("unit_change", struktur.bidang.pk)
    data = data_formulir(admin_client.get(alamat))
    assert data["pejabat-0-id"] == str(PejabatUnit.objects.get(unit=struktur.bidang).pk)
    data.update(
        {
            "pejabat-0-selesai": "2024-05-31",
            "pejabat-0-pegawai": str(struktur.analis.pk),
            "pejabat-0-nomor_sk": "diubah diam-diam",
        }
    )
    assert admin_client.post(alamat, data).status_code == 302
    kepala = PejabatUnit.objects.get(unit=struktur.bidang)
    assert (kepala.pegawai, kepala.selesai) == (struktur.kepala_bidang, dt.date(2024, 5, 31))
    assert kepala.nomor_sk == ""
    assert kepala.history.first().history_change_reason == "pejabat_akhiri:"


def test_nothing_is_deleted_from_the_admin(admin_client, struktur):
    pejabat = PejabatUnit.objects.get(unit=struktur.bidang)
    penempatan = Penempatan.objects.filter(pegawai=struktur.analis).first()
    for alamat in (
        url("pejabatunit_delete", pejabat.pk),
        url("penempatan_delete", penempatan.pk),
        url("unit_delete", struktur.seksi.pk),
        url("pegawai_delete", struktur.analis.pk),
    ):
        assert admin_client.post(alamat, {"post": "yes"}).status_code == 403
    assert PejabatUnit.objects.filter(pk=pejabat.pk).exists()


def test_history_is_shown_but_cannot_be_reverted(admin_client, struktur):
    unit = struktur.bidang
    assert admin_client.get(url("unit_history", unit.pk)).status_code == 200
    versi = unit.history.first().history_id
    alamat = reverse("admin:organisasi_unit_simple_history", args=[unit.pk, versi])
    assert admin_client.get(alamat).status_code == 200
    assert admin_client.post(alamat, {"nama": "dipulihkan"}).status_code == 403


# --- staff -----------------------------------------------------------------------------------------


def test_adding_a_pegawai_registers_them_with_an_account(admin_client, struktur):
    jabatan = f.jabatan_pelaksana()
    resp = admin_client.post(
        url("pegawai_add"),
        {
            "nip": "19900101 201503 2 001",
            "nama": "Pegawai Baru",
            "unit": struktur.bidang.pk,
            "jabatan": jabatan.pk,
            "mulai": "2024-05-03",
        },
    )
    assert resp.status_code == 302
    baru = Pegawai.objects.get(nip=ANALIS)
    assert (baru.unit, baru.jenis_asn, baru.akun.username) == (struktur.bidang, "pns", ANALIS)
    assert not baru.akun.has_usable_password()
    assert baru.riwayat_penempatan.get().mulai == dt.date(2024, 5, 3)


def test_a_bad_nip_is_shown_on_the_nip_field(admin_client, struktur):
    resp = admin_client.post(
        url("pegawai_add"),
        {
            "nip": "19901301 201503 2 001",
            "nama": "Salah",
            "unit": struktur.bidang.pk,
            "jabatan": f.jabatan_pelaksana().pk,
        },
    )
    assert resp.status_code == 200
    assert "Tanggal lahir pada NIP" in resp.context["adminform"].form.errors["nip"][0]
    assert not Pegawai.objects.filter(nama="Salah").exists()


def test_changing_a_pegawai_goes_through_pegawai_ubah(admin_client, struktur):
    alamat = url("pegawai_change", struktur.analis.pk)
    data = data_formulir(admin_client.get(alamat))
    data.update(golongan="III/d", email="analis@malangkab.go.id")
    assert admin_client.post(alamat, data).status_code == 302
    analis = Pegawai.objects.get(pk=struktur.analis.pk)
    assert (analis.golongan, analis.akun.email) == ("III/d", "analis@malangkab.go.id")
    assert analis.history.first().history_change_reason == "pegawai_ubah: email, golongan"
    data["golongan"] = "V/a"
    resp = admin_client.post(alamat, data)
    assert resp.status_code == 200
    assert "bukan golongan PNS" in resp.context["adminform"].form.errors["golongan"][0]


def test_pindahkan_page_moves_the_person(admin_client, struktur):
    alamat = url("pegawai_pindahkan", struktur.analis.pk)
    assert "Pindahkan" in admin_client.get(url("pegawai_change", struktur.analis.pk)).content.decode()
    assert admin_client.get(alamat).status_code == 200
    resp = admin_client.post(
        alamat,
        {
            "unit": struktur.bidang.pk,
            "jabatan": struktur.analis.jabatan_id,
            "mulai": "2024-05-03",
            "nomor_sk": "821/7/2024",
        },
    )
    assert resp.status_code == 302
    assert struktur.analis.riwayat_penempatan.filter(unit=struktur.bidang, nomor_sk="821/7/2024").exists()
    resp = admin_client.post(
        alamat, {"unit": struktur.seksi.pk, "jabatan": struktur.analis.jabatan_id, "mulai": "2024-05-01"}
    )
    assert resp.status_code == 200
    assert "harus sesudah penempatan sekarang" in resp.context["form"].errors["mulai"][0]


def test_berhentikan_page_ends_the_person_and_their_account(admin_client, struktur):
    alamat = url("pegawai_berhentikan", struktur.staf_seksi.pk)
    resp = admin_client.post(alamat, {"tanggal": str(hari_ini()), "alasan": "Pensiun"})
    assert resp.status_code == 302
    p = Pegawai.objects.get(pk=struktur.staf_seksi.pk)
    assert not p.aktif and not p.akun.is_active
    resp = admin_client.post(alamat, {"tanggal": str(hari_ini()), "alasan": "lagi"})
    assert resp.status_code == 200
    assert resp.context["form"].non_field_errors() == ["Staf Seksi sudah tidak aktif."]


# --- mutasi kolektif -------------------------------------------------------------------------------


def _mutasi(struktur, baris, **lain):
    return {
        "nomor_sk": "821/96/35.73.403/2024",
        "tanggal_sk": "2024-05-02",
        "berlaku_mulai": "2024-05-03",
        "perihal": "Mutasi 96 ASN",
        "baris": baris,
        **lain,
    }


def test_mutasi_kolektif_preview_then_confirm(admin_client, struktur):
    s = struktur
    baris = f"{s.staf_seksi.nip_tampil};kel-cepokomulyo;\n{s.staf_upt5.nip};dinkes-yankes;Pengadministrasi Umum"
    resp = admin_client.post(url("mutasikolektif_add"), _mutasi(s, baris, _pratinjau="1"))
    assert resp.status_code == 200 and resp.context["siap"]
    assert [(b.pegawai, b.unit) for b in resp.context["baris"]] == [
        (s.staf_seksi, s.kelurahan),
        (s.staf_upt5, s.bidang),
    ]
    assert not MutasiKolektif.objects.exists() and Penempatan.objects.filter(mulai="2024-05-03").count() == 0

    resp = admin_client.post(url("mutasikolektif_add"), _mutasi(s, baris, _konfirmasi="1", sidik=resp.context["sidik"]))
    mutasi = MutasiKolektif.objects.get()
    assert resp.status_code == 302 and resp["Location"] == url("mutasikolektif_change", mutasi.pk)
    for p, unit in ((s.staf_seksi, s.kelurahan), (s.staf_upt5, s.bidang)):
        baru = Penempatan.objects.get(pegawai=p, selesai__isnull=True)
        assert (baru.unit, baru.nomor_sk, baru.mutasi, baru.mulai) == (
            unit,
            mutasi.nomor_sk,
            mutasi,
            dt.date(2024, 5, 3),
        )
    assert admin_client.get(url("mutasikolektif_change", mutasi.pk)).status_code == 200


def test_mutasi_kolektif_shows_each_bad_line_and_no_confirm_button(admin_client, struktur):
    s = struktur
    baris = (
        f"NIP;unit;jabatan\n{s.staf_seksi.nip};tidak-ada;\n198501012010031999;dinkes-yankes;\n"
        f"{s.staf_upt5.nip};dinkes-yankes;Jabatan Khayalan"
    )
    resp = admin_client.post(url("mutasikolektif_add"), _mutasi(s, baris))
    assert resp.status_code == 200 and not resp.context["siap"]
    galat = [b.galat for b in resp.context["baris"]]
    assert "Unit tidak-ada tidak ditemukan" in galat[0][0]
    assert "NIP 198501012010031999 tidak ditemukan" in galat[1][0]
    assert "tidak ada di katalog jabatan" in galat[2][0]
    assert 'name="_konfirmasi"' not in resp.content.decode()


def test_mutasi_kolektif_shows_the_services_refusal_on_its_line(admin_client, struktur):
    s = struktur
    baris = f"{s.staf_seksi.nip};kel-cepokomulyo;\n{s.staf_upt5.nip};dinkes-upt-lab;"
    resp = admin_client.post(url("mutasikolektif_add"), _mutasi(s, baris, berlaku_mulai="2024-05-03"))
    assert resp.context["baris"][0].galat == []
    assert "sudah ditempatkan di UPT Laboratorium Kesehatan" in resp.context["baris"][1].galat[0]
    assert not MutasiKolektif.objects.exists()


def test_mutasi_kolektif_from_a_csv_upload_and_a_changed_preview_is_not_confirmed(admin_client, struktur):
    s = struktur
    csv = SimpleUploadedFile("mutasi.csv", f"nip,unit,jabatan\n{s.staf_seksi.nip},,\n".encode())
    resp = admin_client.post(url("mutasikolektif_add"), _mutasi(s, "", berkas=csv, unit_tujuan="kec-kepanjen"))
    assert resp.context["siap"] and resp.context["form"]["baris"].value().startswith("nip,unit,jabatan")
    diubah = _mutasi(s, f"{s.staf_upt5.nip};kec-kepanjen;", _konfirmasi="1", sidik=resp.context["sidik"])
    resp = admin_client.post(url("mutasikolektif_add"), diubah)
    assert resp.status_code == 200 and not MutasiKolektif.objects.exists()  # shown again as a preview


def test_pegawai_action_prefills_the_mutasi_page(admin_client, struktur):
    s = struktur
    dipilih = [s.staf_seksi.pk, s.staf_upt5.pk]
    resp = admin_client.post(url("pegawai_changelist"), {"action": "mutasi_ke_unit", "_selected_action": dipilih})
    assert resp.status_code == 302 and resp["Location"].startswith(url("mutasikolektif_add"))
    awal = admin_client.get(resp["Location"]).context["form"].initial["baris"].splitlines()
    assert sorted(awal) == sorted(
        [f"{s.staf_seksi.nip};;Pengadministrasi Umum", f"{s.staf_upt5.nip};;Pengadministrasi Umum"]
    )


# --- import / export -------------------------------------------------------------------------------


def _berkas(data, nama="struktur.json"):
    return SimpleUploadedFile(nama, json.dumps(data).encode(), content_type="application/json")


def test_import_page_previews_then_imports_on_confirmation(admin_client):
    assert admin_client.get(url("unit_impor")).status_code == 200
    resp = admin_client.post(url("unit_impor"), {"berkas": _berkas(contoh())})
    assert resp.status_code == 200 and "pegawai: 2 dibuat, 0 diubah, 0 tetap" in resp.context["ringkasan"]
    assert not Unit.objects.filter(kode="setda-bag-organisasi").exists()

    resp = admin_client.post(url("unit_impor"), {"_konfirmasi": "1", "token": resp.context["token"]})
    assert resp.status_code == 302 and resp["Location"] == url("unit_changelist")
    assert Pegawai.objects.filter(nip=ANALIS).exists()
    resp = admin_client.post(url("unit_impor"), {"_konfirmasi": "1", "token": "lama"})
    assert resp.status_code == 302 and resp["Location"] == url("unit_impor")


def test_import_page_lists_errors_naming_record_and_field(admin_client):
    data = contoh()
    data["unit"][0]["jenis"] = "dinas_x"
    resp = admin_client.post(url("unit_impor"), {"berkas": _berkas(data)})
    assert resp.status_code == 200
    assert resp.context["galat"][0].startswith("unit[0] setda: jenis: Nilai 'dinas_x' tidak dikenal")
    assert "galat-impor" in resp.content.decode()
    resp = admin_client.post(url("unit_impor"), {"berkas": SimpleUploadedFile("x.json", b"{rusak")})
    assert "bukan JSON yang sah" in resp.context["form"].errors["berkas"][0]


def test_export_download(admin_client, struktur):
    resp = admin_client.get(url("unit_ekspor") + "?instansi=kab-uji")
    assert resp.status_code == 200
    assert resp["Content-Disposition"].startswith('attachment; filename="struktur-kab-uji')
    assert {u["kode"] for u in json.loads(resp.content)["unit"]} >= {"setda", "dinkes", "kel-cepokomulyo"}
    assert admin_client.get(url("unit_ekspor") + "?instansi=tidak-ada").status_code == 404


# --- a unit admin's scope --------------------------------------------------------------------------


def test_a_unit_admin_sees_only_their_subtree(admin_dinkes, struktur):
    units = {u.kode for u in admin_dinkes.get(url("unit_changelist")).context["cl"].result_list}
    assert units == {"dinkes", "dinkes-yankes", "dinkes-upt-lab", "dinkes-puskesmas"}
    pegawai = set(admin_dinkes.get(url("pegawai_changelist")).context["cl"].result_list)
    assert struktur.staf_bidang in pegawai and struktur.analis not in pegawai
    assert admin_dinkes.get(url("unit_change", struktur.bidang.pk)).status_code == 200
    assert admin_dinkes.get(url("pegawai_change", struktur.staf_bidang.pk)).status_code == 200


def test_a_unit_admin_cannot_open_or_change_another_dinas(admin_dinkes, struktur):
    for alamat in (url("unit_change", struktur.setda.pk), url("pegawai_change", struktur.analis.pk)):
        resp = admin_dinkes.get(alamat)
        assert resp.status_code == 302 and resp["Location"] == reverse("admin:index")
    resp = admin_dinkes.post(url("unit_change", struktur.setda.pk), {"nama": "Diambil alih"})
    assert resp.status_code == 302 and Unit.objects.get(pk=struktur.setda.pk).nama == "Sekretariat Daerah"
    assert admin_dinkes.get(url("unit_history", struktur.setda.pk)).status_code == 403
    assert admin_dinkes.get(url("pegawai_pindahkan", struktur.analis.pk)).status_code == 404
    pejabat = PejabatUnit.objects.get(unit=struktur.setda)
    assert admin_dinkes.get(url("pejabatunit_change", pejabat.pk)).status_code == 302


def test_a_unit_admin_can_add_within_but_not_outside_their_subtree(admin_dinkes, struktur):
    resp = admin_dinkes.post(
        url("unit_add"),
        {
            "kode": "dinkes-p2p",
            "nama": "Bidang P2P",
            "induk": struktur.dinas.pk,
            "jenis": "bidang",
            "tingkat": "administrator",
        },
    )
    assert resp.status_code == 302 and Unit.objects.filter(kode="dinkes-p2p").exists()
    resp = admin_dinkes.post(
        url("unit_add"),
        {"kode": "setda-x", "nama": "X", "induk": struktur.setda.pk, "jenis": "bagian", "tingkat": "administrator"},
    )
    assert resp.status_code == 200 and "induk" in resp.context["adminform"].form.errors
    assert not Unit.objects.filter(kode="setda-x").exists()


def test_a_unit_admin_cannot_import_or_export(admin_dinkes, struktur):
    assert admin_dinkes.get(url("unit_impor")).status_code == 403
    assert admin_dinkes.post(url("unit_impor"), {"berkas": _berkas(contoh())}).status_code == 403
    assert admin_dinkes.get(url("unit_ekspor")).status_code == 403
    assert "Impor struktur" not in admin_dinkes.get(url("unit_changelist")).content.decode()


def test_a_unit_admin_mutasi_is_limited_to_their_scope(admin_dinkes, struktur):
    s = struktur
    baris = f"{s.analis.nip};dinkes-yankes;\n{s.staf_upt5.nip};setda-bag-organisasi;"
    resp = admin_dinkes.post(url("mutasikolektif_add"), _mutasi(s, baris))
    galat = [b.galat for b in resp.context["baris"]]
    assert "tidak ditemukan di cakupan Anda" in galat[0][0] and "tidak ditemukan" in galat[1][0]
    mutasi = services.mutasi_kolektif(
        pelaku=None,
        nomor_sk="1/2024",
        tanggal_sk=hari_ini(),
        berlaku_mulai=hari_ini(),
        daftar=[services.BarisMutasi(s.analis, s.asisten, s.analis.jabatan)],
    )
    assert admin_dinkes.get(url("mutasikolektif_change", mutasi.pk)).status_code == 302


def test_outsiders_without_staff_status_are_sent_to_login(client, struktur):
    client.force_login(struktur.staf_bidang.akun)
    resp = client.get(url("unit_changelist"))
    assert resp.status_code == 302 and "/login/" in resp["Location"]


def test_a_new_jabatan_is_added_through_the_catalogue(admin_client, struktur):
    resp = admin_client.post(
        url("jabatan_add"),
        {"nama": "Penata Kelola Sistem dan Teknologi Informasi", "jenis": "fungsional", "jenjang": "ahli_pertama"},
    )
    assert resp.status_code == 302
    assert Jabatan.objects.filter(nama__startswith="Penata Kelola", jenjang="ahli_pertama").exists()
    resp = admin_client.post(url("jabatan_add"), {"nama": "Kepala X", "jenis": "struktural"})
    assert resp.status_code == 200
    assert "memerlukan tingkat" in resp.context["adminform"].form.errors["tingkat"][0]


def test_instansi_change_renames_its_root_unit(admin_client, struktur):
    alamat = url("instansi_change", struktur.instansi.pk)
    data = data_formulir(admin_client.get(alamat))
    data["nama"] = "Pemerintah Kabupaten Uji Coba"
    assert admin_client.post(alamat, data).status_code == 302
    assert Unit.objects.get(pk=struktur.akar.pk).nama == "Pemerintah Kabupaten Uji Coba"


def test_plh_through_the_pejabat_list(admin_client, struktur):
    resp = admin_client.post(
        url("pejabatunit_add"),
        {
            "unit": struktur.bidang.pk,
            "pegawai": struktur.staf_bidang.pk,
            "jenis": JenisPeran.PLH,
            "mulai": str(hari_ini()),
            "selesai": str(hari_ini() + dt.timedelta(days=7)),
        },
    )
    assert resp.status_code == 302
    plh = PejabatUnit.objects.get(unit=struktur.bidang, jenis="plh")
    assert plh.pegawai == struktur.staf_bidang


def test_a_unit_admin_reaches_the_admin_index_and_autocomplete_only_within_scope(admin_dinkes, struktur):
    resp = admin_dinkes.get(reverse("admin:index"))
    assert resp.status_code == 200 and url("unit_changelist") in resp.content.decode()
    resp = admin_dinkes.get(
        reverse("admin:autocomplete"),
        {"app_label": "organisasi", "model_name": "pejabatunit", "field_name": "pegawai", "term": "Staf"},
    )
    assert {r["text"] for r in resp.json()["results"]} == {
        str(struktur.staf_bidang),
        str(struktur.staf_upt5),
        str(struktur.staf_upt6),
    }


def test_a_unit_admin_appoints_a_plh_inline_in_their_own_unit(admin_dinkes, struktur):
    alamat = url("unit_change", struktur.upt5.pk)
    data = data_formulir(admin_dinkes.get(alamat))
    n = int(data["pejabat-INITIAL_FORMS"])
    data.update(
        {
            f"pejabat-{n}-pegawai": str(struktur.staf_upt5.pk),
            f"pejabat-{n}-jenis": "plh",
            f"pejabat-{n}-mulai": str(hari_ini()),
            f"pejabat-{n}-selesai": str(hari_ini() + dt.timedelta(7)),
        }
    )
    assert admin_dinkes.post(alamat, data).status_code == 302
    plh = PejabatUnit.objects.get(unit=struktur.upt5, jenis="plh")
    assert plh.history.get().history_user.username == "admin-dinkes"


def test_a_unit_admin_cannot_act_on_staff_or_placements_of_another_dinas(admin_dinkes, struktur):
    assert (
        admin_dinkes.post(
            url("pegawai_berhentikan", struktur.analis.pk), {"tanggal": str(hari_ini()), "alasan": "x"}
        ).status_code
        == 404
    )
    assert Pegawai.objects.get(pk=struktur.analis.pk).aktif
    penempatan = Penempatan.objects.get(pegawai=struktur.analis)
    assert admin_dinkes.get(url("penempatan_change", penempatan.pk)).status_code == 302
    assert penempatan not in admin_dinkes.get(url("penempatan_changelist")).context["cl"].result_list


# --- issue 14: history in words, staff filters, Indonesian sections, messages that say what happened ----


def pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]]


def nama_di_daftar(resp) -> set[str]:
    return {p.nama for p in resp.context["cl"].result_list}


def test_history_names_the_actor_and_the_reason_in_indonesian(admin_client, admin_organisasi, struktur):
    admin_organisasi.first_name = "Dwi Didik Wicaksono"
    admin_organisasi.save()
    pegawai = struktur.staf_bidang
    alamat = url("pegawai_change", pegawai.pk)
    data = data_formulir(admin_client.get(alamat))
    data.update(nama="Staf Bidang, S.Kom.", email="staf@contoh.go.id")
    resp = admin_client.post(alamat, data, follow=True)
    assert f"Data Staf Bidang, S.Kom. ({pegawai.nip_tampil}) diubah: surel, nama lengkap dengan gelar." in pesan(resp)

    resp = admin_client.get(url("pegawai_history", pegawai.pk))
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "Dwi Didik Wicaksono (admin-org)" in html  # the change, by name
    assert "Sistem (impor atau tugas terjadwal)" in html  # the registration, made without an account
    assert "Data pegawai diubah: surel, nama lengkap dengan gelar" in html and "Pegawai didaftarkan" in html
    assert "Staf Bidang &rarr; Staf Bidang, S.Kom." in html and "— &rarr; staf@contoh.go.id" in html
    for asing in ("pegawai_daftarkan", "pegawai_ubah", "Changes", "Changed by", "None"):
        assert asing not in html
    assert "style=" not in html  # the CSP forbids inline styles (simple-history's own template has one)

    versi = pegawai.history.earliest("history_date")
    resp = admin_client.get(reverse("admin:organisasi_pegawai_simple_history", args=[pegawai.pk, versi.pk]))
    html = resp.content.decode()
    assert resp.status_code == 200 and "Versi pegawai" in html and "Kembali ke riwayat" in html
    assert "Historical" not in html and "Revert" not in html


def test_a_unit_admin_sees_the_history_of_a_person_by_the_nip_of_who_changed_it(client, struktur):
    pelaku = struktur.kepala_dinas.akun
    assign_perm("organisasi.kelola_unit", pelaku, struktur.dinas)
    services.pegawai_ubah(pelaku=pelaku, pegawai=struktur.staf_upt5, email="lab@contoh.go.id")
    pelaku.is_staff = True
    pelaku.save()
    client.force_login(pelaku)
    html = client.get(url("pegawai_history", struktur.staf_upt5.pk)).content.decode()
    assert f"{struktur.kepala_dinas.nama} ({struktur.kepala_dinas.nip_tampil})" in html


def test_staff_list_filters_by_perangkat_daerah_and_by_unit_with_its_sub_units(
    admin_client, struktur, django_assert_max_num_queries
):
    daftar = url("pegawai_changelist")
    resp = admin_client.get(daftar, {"pd": struktur.dinas.pk})
    dinkes = nama_di_daftar(resp)
    assert {"Staf Bidang", "Staf Lab", "Staf Puskesmas"} <= dinkes
    assert not dinkes & {"Staf DPMPTSP", "Analis Organisasi", "Staf Seksi"}
    html = resp.content.decode()
    assert 'name="pd"' in html and "Dinas Kesehatan" in html and "Hapus filter perangkat daerah" in html

    resp = admin_client.get(daftar, {"unit": struktur.kecamatan.pk})
    assert nama_di_daftar(resp) >= {"Staf Seksi", "Staf Kelurahan"}
    assert all(p.unit.path.startswith(struktur.kecamatan.path) for p in resp.context["cl"].result_list)
    assert nama_di_daftar(admin_client.get(daftar, {"unit": struktur.bidang.pk})) >= {"Staf Bidang"}
    assert "Staf Lab" not in nama_di_daftar(admin_client.get(daftar, {"unit": struktur.bidang.pk}))
    # both together, and with the other filters and the search kept in the form as hidden fields
    resp = admin_client.get(daftar, {"pd": struktur.dinas.pk, "unit": struktur.upt5.pk, "q": "Staf"})
    assert nama_di_daftar(resp) == {"Staf Lab"}
    assert '<input type="hidden" name="q" value="Staf">' in resp.content.decode()

    # a value that names nothing is an empty list, never an error
    for salah in ({"unit": "abc"}, {"unit": "99999999"}, {"pd": struktur.bidang.pk}, {"unit": "1\x00"}):
        resp = admin_client.get(daftar, salah)
        assert resp.status_code == 200 and not resp.context["cl"].result_list

    # the query count does not depend on the tree, the rows or the filter
    alamat = f"{daftar}?pd={struktur.dinas.pk}&unit={struktur.bidang.pk}"
    sebelum = jumlah_kueri(admin_client, alamat)
    baris = len(admin_client.get(alamat).context["cl"].result_list)
    for i in range(5):
        anak = f.unit(struktur.bidang, f"dinkes-yankes-{i}", "seksi", "pengawas")
        f.pegawai(anak)
    admin_client.get(daftar)  # new accounts were made: the signed-in one is read again, once
    with django_assert_max_num_queries(sebelum):
        resp = admin_client.get(alamat)
    assert len(resp.context["cl"].result_list) == baris + 5


def test_a_unit_admin_is_offered_only_their_own_perangkat_daerah(admin_dinkes, struktur):
    resp = admin_dinkes.get(url("pegawai_changelist"))
    (filter_pd,) = [s for s in resp.context["cl"].filter_specs if getattr(s, "parameter_name", "") == "pd"]
    assert [label for _, label in filter_pd.lookup_choices] == ["Dinas Kesehatan"]
    assert not admin_dinkes.get(url("pegawai_changelist"), {"pd": struktur.dpmptsp.pk}).context["cl"].result_list


def test_every_admin_section_has_an_indonesian_name(client, struktur):
    su = f.UserFactory(username="su", is_staff=True, is_superuser=True)
    client.force_login(su)
    resp = client.get(reverse("admin:index"))
    nama = {a["app_label"]: a["name"] for a in resp.context["app_list"]}
    assert nama["axes"] == "Pengamanan login" and nama["auth"] == "Autentikasi dan Otorisasi"
    assert ">Axes<" not in resp.content.decode() and "aplikasi Axes" not in resp.content.decode()
    for label, judul in nama.items():
        assert judul.lower() != label.replace("_", " ").lower() or label in ("organisasi", "penugasan", "kinerja"), (
            judul
        )


def test_a_unit_save_says_what_changed_or_that_nothing_did(admin_client, struktur):
    alamat = url("unit_change", struktur.seksi.pk)
    data = data_formulir(admin_client.get(alamat))
    resp = admin_client.post(alamat, data, follow=True)
    assert pesan(resp) == ["Tidak ada yang berubah pada Seksi Pemerintahan."]
    data.update(nama="Seksi Tata Pemerintahan", induk=str(struktur.dinas.pk))
    (teks,) = pesan(admin_client.post(alamat, data, follow=True))
    assert "Unit Seksi Pemerintahan dipindahkan ke bawah Dinas Kesehatan." in teks
    assert "Unit Seksi Tata Pemerintahan diubah: nama." in teks and "berhasil" not in teks
