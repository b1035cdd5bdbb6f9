"""The appraisal in the Bagian Organisasi's admin: every model of kinerja/models/skp.py opens (list, record,
history) for the Admin Organisasi; what a service owns is read-only; what the Bagian keeps is edited with
history; the organisation's predikat goes through its service; lists in constant queries; scoped like the
pages."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinerja import services
from kinerja.models import (
    Evaluasi,
    HasilKerja,
    KonsekuensiPredikat,
    PengingatSkp,
    PredikatImpor,
    PredikatOrganisasiTahunan,
    RiwayatSkp,
    SaldoAngkaKredit,
    Skp,
)
from tests import factories as f

from .conftest import TAHUN, pk_berlaku

pytestmark = pytest.mark.django_db

MODEL = [m for m in apps.get_app_config("kinerja").get_models() if m.__module__ == "kinerja.models.skp"]
DISUNTING = {KonsekuensiPredikat, SaldoAngkaKredit, PredikatOrganisasiTahunan}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def admin_c(admin_organisasi):
    c = Client()
    c.force_login(admin_organisasi)
    return c


def url(model, *rest) -> str:
    return "/".join(["/admin/kinerja", model._meta.model_name, *map(str, rest)]) + "/"


def skp_disetujui(orang, ppk, intervensi):
    skp = services.skp_susun(
        pelaku=orang.akun,
        tahun=TAHUN,
        hasil_kerja=[
            {
                "uraian": "Tersusunnya dokumen SOP",
                "jenis": "utama",
                "intervensi": intervensi,
                "indikator": [{"uraian": "Jumlah SOP", "aspek": "kuantitas", "target": 4, "satuan": "dokumen"}],
            }
        ],
    )
    services.skp_ajukan(pelaku=orang.akun, skp=skp)
    return services.skp_setujui(pelaku=ppk.akun, skp=skp)


def setahun(s, admin_organisasi, orang=None, ppk=None):
    """An SKP approved, noted on, given feedback and a development plan, the year rated and finalised with
    its consequence, objected to, its documents partly signed; the predikat organisasi set."""
    orang, ppk = orang or s.staf_bidang, ppk or s.kepala_bidang
    target = pk_berlaku(s.kepala_dinas, s.dinas) if not Skp.objects.exists() else None
    intervensi = f"target:{target.pk}" if target else f"target:{HasilKerja.objects.first().intervensi_target_id}"
    skp = skp_disetujui(orang, ppk, intervensi)
    hk = skp.hasil_kerja.get()
    services.catatan_skp_catat(pelaku=orang.akun, skp=skp, uraian="Dua SOP selesai", hasil_kerja=hk.pk, realisasi=2)
    services.umpan_balik_skp_kirim(pelaku=ppk.akun, skp=skp, isi="Percepat dua sisanya", hasil_kerja=hk.pk)
    services.pengembangan_catat(pelaku=ppk.akun, skp=skp, jenis="coaching", uraian="Coaching penulisan SOP")
    services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.dinas, tahun=TAHUN, predikat="baik")
    KonsekuensiPredikat.objects.get_or_create(
        instansi=s.instansi, predikat="butuh_perbaikan", jenis="pengembangan", uraian="Pelatihan teknis"
    )
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        ev = services.evaluasi_nilai(
            pelaku=ppk.akun, skp=skp, periode=str(TAHUN), rating_hasil="di_bawah", rating_perilaku="sesuai"
        )
    services.evaluasi_tetapkan(pelaku=ppk.akun, evaluasi=ev, alasan="Unit uji kecil")
    services.keberatan_ajukan(pelaku=orang.akun, evaluasi=ev, alasan="Target tercapai sebagian")
    services.dokumen_tandatangani(pelaku=orang.akun, dokumen=skp.dokumen.get(jenis="skp"))
    SaldoAngkaKredit.objects.get_or_create(pegawai=orang, tahun=TAHUN - 1, defaults={"jumlah": Decimal("12.5")})
    PredikatImpor.objects.get_or_create(
        pegawai=orang, tahun=TAHUN - 1, defaults={"predikat": "baik", "diimpor_oleh": admin_organisasi}
    )
    PengingatSkp.objects.get_or_create(pegawai=orang, jenis="evaluasi_belum", kunci=f"{TAHUN}-T1")
    return skp


def test_setiap_model_skp_terbuka_dengan_riwayat(s, admin_organisasi, admin_c):
    setahun(s, admin_organisasi)
    assert len(MODEL) == 18
    for model in MODEL:
        r = admin_c.get(url(model))
        assert r.status_code == 200, model
        obj = model.objects.order_by("pk").first()
        assert obj is not None, model
        assert admin_c.get(url(model, obj.pk, "change")).status_code == 200, model
        assert admin_c.get(url(model, obj.pk, "history")).status_code == 200, model
    html = admin_c.get("/admin/kinerja/").content.decode()
    assert "Dokumen kinerja" in html and "Saldo angka kredit" in html


def test_yang_dimiliki_layanan_hanya_dibaca(s, admin_organisasi, admin_c):
    setahun(s, admin_organisasi)
    for model in MODEL:
        obj = model.objects.order_by("pk").first()
        html = admin_c.get(url(model, obj.pk, "change")).content.decode()
        assert admin_c.get(url(model, obj.pk, "delete")).status_code == 403, model
        if model in DISUNTING:
            continue
        assert 'name="_save"' not in html, model
        assert admin_c.get(url(model, "add")).status_code == 403, model
        assert admin_c.post(url(model, obj.pk, "change"), {}).status_code == 403, model
    # the SKP's page lists its results and transitions without form fields
    skp = Skp.objects.get()
    html = admin_c.get(url(Skp, skp.pk, "change")).content.decode()
    assert "Tersusunnya dokumen SOP" in html and "SKP disetujui" in html and "riwayat-0-catatan" not in html


def test_konsekuensi_dan_saldo_disunting_dengan_riwayat(s, admin_c):
    r = admin_c.post(
        url(KonsekuensiPredikat, "add"),
        {
            "instansi": s.instansi.pk,
            "predikat": "baik",
            "jenis_periode": "tahunan",
            "jenis": "tunjangan",
            "uraian": "TPP 100%",
            "persen_tpp": 100,
        },
    )
    assert r.status_code == 302
    k = KonsekuensiPredikat.objects.get()
    r = admin_c.post(
        url(KonsekuensiPredikat, k.pk, "change"),
        {
            "instansi": s.instansi.pk,
            "predikat": "baik",
            "jenis_periode": "tahunan",
            "jenis": "tunjangan",
            "uraian": "TPP 100% dari pagu",
            "persen_tpp": 100,
        },
    )
    assert r.status_code == 302 and k.history.count() == 2
    assert "TPP 100% dari pagu" in admin_c.get(url(KonsekuensiPredikat, k.pk, "history")).content.decode()

    data = {"pegawai": s.analis.pk, "tahun": TAHUN - 1, "jumlah": "-1", "keterangan": "Konversi"}
    r = admin_c.post(url(SaldoAngkaKredit, "add"), data)
    assert r.status_code == 200 and "tidak boleh negatif" in r.content.decode()
    r = admin_c.post(url(SaldoAngkaKredit, "add"), data | {"jumlah": "45.250"})
    assert r.status_code == 302
    saldo = SaldoAngkaKredit.objects.get()
    assert saldo.jumlah == Decimal("45.250") and saldo.history.count() == 1
    r = admin_c.post(url(SaldoAngkaKredit, "add"), data | {"jumlah": "1"})  # one per person and year
    assert r.status_code == 200 and SaldoAngkaKredit.objects.count() == 1


def test_predikat_organisasi_lewat_layanan(s, admin_c):
    r = admin_c.post(url(PredikatOrganisasiTahunan, "add"), {"unit": s.dinas.pk, "tahun": TAHUN, "predikat": "baik"})
    assert r.status_code == 302
    po = PredikatOrganisasiTahunan.objects.get()
    assert po.predikat == "baik" and po.ditetapkan_oleh.username == "admin-org"
    assert RiwayatSkp.objects.filter(aksi="predikat_organisasi", unit=s.dinas, status_ke="baik").exists()
    r = admin_c.post(url(PredikatOrganisasiTahunan, po.pk, "change"), {"predikat": "istimewa"})
    assert r.status_code == 302
    po.refresh_from_db()
    assert po.predikat == "istimewa" and (po.unit, po.tahun) == (s.dinas, TAHUN)
    assert RiwayatSkp.objects.filter(aksi="predikat_organisasi", status_dari="baik", status_ke="istimewa").exists()
    # a bidang is no Unit Organisasi: not offered; a year outside the service's range: its message on the field
    r = admin_c.post(url(PredikatOrganisasiTahunan, "add"), {"unit": s.bidang.pk, "tahun": TAHUN, "predikat": "baik"})
    assert r.status_code == 200 and PredikatOrganisasiTahunan.objects.count() == 1
    r = admin_c.post(url(PredikatOrganisasiTahunan, "add"), {"unit": s.upt5.pk, "tahun": 1990, "predikat": "baik"})
    assert r.status_code == 200 and "2000–2099" in r.content.decode()
    assert PredikatOrganisasiTahunan.objects.count() == 1


def test_predikat_organisasi_ditolak_layanan_untuk_yang_tidak_berwenang(s):
    """Staff with the model's permissions but neither the Bagian Organisasi nor the head above: the service's
    refusal shows on the form, nothing is saved."""
    akun = s.kepala_bidang.akun
    akun.is_staff = True
    akun.save()
    akun.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="kinerja", codename__endswith="predikatorganisasitahunan"
        ).exclude(codename__startswith="delete")
    )
    c = Client()
    c.force_login(akun)
    r = c.post(url(PredikatOrganisasiTahunan, "add"), {"unit": s.dinas.pk, "tahun": TAHUN, "predikat": "baik"})
    assert r.status_code == 200 and "Bagian Organisasi" in r.content.decode()
    assert not PredikatOrganisasiTahunan.objects.exists()


def test_di_luar_bagian_organisasi_tidak_masuk(s, admin_organisasi):
    setahun(s, admin_organisasi)
    c = Client()
    akun = s.kepala_dinas.akun
    c.force_login(akun)
    assert c.get(url(Skp)).status_code == 302  # not staff: the admin's login page
    akun.is_staff = True
    akun.save()
    for model in (Skp, Evaluasi, KonsekuensiPredikat, PredikatOrganisasiTahunan, SaldoAngkaKredit):
        assert c.get(url(model)).status_code == 403, model
    assert c.get(url(KonsekuensiPredikat, "add")).status_code == 403


def test_staf_berizin_melihat_hanya_skp_yang_boleh_dibacanya(s, admin_organisasi):
    setahun(s, admin_organisasi)
    lain = setahun(s, admin_organisasi, orang=s.staf_upt5, ppk=s.kepala_upt5)
    akun = s.kepala_bidang.akun
    akun.is_staff = True
    akun.save()
    # the model's permission, not the SKP's: rows only of the SKPs the PPK may read (their staff's)
    akun.user_permissions.add(Permission.objects.get(content_type__app_label="kinerja", codename="view_hasilkerja"))
    c = Client()
    c.force_login(akun)
    r = c.get(url(HasilKerja))
    assert r.status_code == 200
    hasil = list(r.context["cl"].result_list)
    assert [h.skp.pegawai for h in hasil] == [s.staf_bidang]
    assert c.get(url(HasilKerja, lain.hasil_kerja.get().pk, "change")).status_code == 302  # not found: back to list


def jumlah_kueri(c, alamat) -> int:
    with CaptureQueriesContext(connection) as q:
        assert c.get(alamat).status_code == 200
    return len(q)


def test_daftar_skp_dan_evaluasi_kueri_tetap(s, admin_organisasi, admin_c, django_assert_num_queries):
    setahun(s, admin_organisasi)
    n = {m: jumlah_kueri(admin_c, url(m)) for m in (Skp, Evaluasi, RiwayatSkp, HasilKerja)}
    setahun(s, admin_organisasi, orang=s.staf_upt5, ppk=s.kepala_upt5)
    rekan = f.pegawai(s.bidang, nama="Staf Bidang Kedua")
    setahun(s, admin_organisasi, orang=rekan)
    assert Skp.objects.count() == 3
    for model, jumlah in n.items():
        with django_assert_num_queries(jumlah):
            admin_c.get(url(model))


def test_pengaturan_kinerja_memuat_pengaturan_penilaian(s, admin_c):
    from kinerja.models import PengaturanKinerja

    data = {
        "instansi": s.instansi.pk,
        "batas_tinjau_hari": 5,
        "pengingat_laporan_hari": 2,
        "periode_evaluasi": "bulanan",
        "batas_skp_hari": 45,
        "batas_evaluasi_hari": 10,
        "keberatan_hari": 14,
        "putusan_keberatan_hari": 21,
    }
    assert 'name="periode_evaluasi"' in admin_c.get("/admin/kinerja/pengaturankinerja/add/").content.decode()
    assert admin_c.post("/admin/kinerja/pengaturankinerja/add/", data).status_code == 302
    p = PengaturanKinerja.objects.get()
    assert (p.periode_evaluasi, p.batas_skp_hari, p.putusan_keberatan_hari) == ("bulanan", 45, 21)
