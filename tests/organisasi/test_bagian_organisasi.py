"""The instansi's Bagian Organisasi (API.md: an `instansi` row may name its `bagian_organisasi`, a unit's kode):
imported from JSON and XLSX (the unit may be new in the same file), checked (the unit must exist and belong
to that instansi, else an error on that row and nothing changes), exported and read back unchanged, set in
the admin among the instansi's own units, and refused by the service for anything else."""

import copy
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from guardian.shortcuts import assign_perm

from organisasi import pertukaran, services
from organisasi.models import Instansi, Unit
from tests import factories as f

from .test_pertukaran import CONTOH, galat_impor, jumlah_baris, kosongkan_basis_data, nol_perubahan

pytestmark = pytest.mark.django_db

BAGIAN = "setda-bag-organisasi"


def dengan_bagian(kode=BAGIAN, data=None) -> dict:
    data = copy.deepcopy(data or CONTOH)
    data["instansi"][0]["bagian_organisasi"] = kode
    return data


def jejak() -> list:
    return jumlah_baris() + [Instansi.history.count(), list(Instansi.objects.values_list("kode", "bagian_organisasi"))]


def test_impor_json_menetapkan_bagian_organisasi_dari_unit_baru_di_berkas_yang_sama():
    hasil = pertukaran.impor(dengan_bagian())
    instansi = Instansi.objects.get(kode="kab-malang")
    assert instansi.bagian_organisasi == Unit.objects.get(kode=BAGIAN)
    assert hasil["instansi"] == {"dibuat": 1, "diubah": 0, "tetap": 0}
    # a second identical import changes nothing, history included
    sebelum = jejak()
    hasil = pertukaran.impor(dengan_bagian())
    assert all(v == (0, 0) for v in nol_perubahan(hasil).values()) and hasil["instansi"]["tetap"] == 1
    assert jejak() == sebelum
    # a file without the column leaves it as it is; another unit of the instansi replaces it
    pertukaran.impor(copy.deepcopy(CONTOH))
    assert Instansi.objects.get().bagian_organisasi.kode == BAGIAN
    hasil = pertukaran.impor(dengan_bagian("setda-asisten-1"))
    assert hasil["instansi"] == {"dibuat": 0, "diubah": 1, "tetap": 0}
    assert Instansi.objects.get().bagian_organisasi.kode == "setda-asisten-1"
    assert "bagian_organisasi" in Instansi.history.latest().history_change_reason


def test_impor_xlsx_dan_templat_memuat_kolomnya():
    buku = openpyxl.load_workbook(io.BytesIO(pertukaran.templat_xlsx()))
    assert "bagian_organisasi" in [c.value for c in buku["instansi"][1]]
    pertukaran.impor(copy.deepcopy(CONTOH))
    isi = pertukaran.ekspor_xlsx()  # before the instansi names one: the column is there, empty
    assert [c.value for c in openpyxl.load_workbook(io.BytesIO(isi))["instansi"][2]][-1] is None
    data = pertukaran.ekspor()
    data["instansi"][0]["bagian_organisasi"] = BAGIAN
    from organisasi.pertukaran.lembar import tulis_xlsx

    unggahan = pertukaran.baca_unggahan([("struktur.xlsx", tulis_xlsx(data, judul_petunjuk="uji"))])
    assert unggahan.data["instansi"][0]["bagian_organisasi"] == BAGIAN
    hasil = pertukaran.impor(unggahan.data, baris_lembar=unggahan.baris)
    assert hasil["instansi"]["diubah"] == 1
    assert Instansi.objects.get().bagian_organisasi.kode == BAGIAN
    # a wrong kode in a workbook is named by its sheet row
    data["instansi"][0]["bagian_organisasi"] = "tidak-ada"
    unggahan = pertukaran.baca_unggahan([("struktur.xlsx", tulis_xlsx(data, judul_petunjuk="uji"))])
    pesan = galat_impor(unggahan.data, baris_lembar=unggahan.baris)
    assert pesan == [
        "instansi baris 2 kab-malang: bagian_organisasi: Unit 'tidak-ada' tidak dikenal (tidak ada di lembar unit "
        "maupun di basis data)."
    ]


@pytest.mark.parametrize(
    "kode,pesan",
    [
        ("tidak-ada", "Unit 'tidak-ada' tidak dikenal"),
        ("kab-malang", "'kab-malang' adalah instansi; pilih unit di bawahnya."),
        ("kab-uji", "'kab-uji' adalah instansi; pilih unit di bawahnya."),
        ("dinkes", "Unit 'dinkes' milik instansi kab-uji, bukan kab-malang."),  # a unit of another instansi
        ("bag\x00org", "karakter kendali"),
        ("bag org", "Kode unit 'bag org' tidak sah"),
        ("unit-mati", "Unit 'unit-mati' tidak aktif."),
    ],
)
def test_kode_yang_salah_ditolak_pada_barisnya_dan_tidak_ada_yang_berubah(kode, pesan):
    f.instansi()  # kab-uji, with a Dinas already in the database
    f.unit(Unit.objects.get(kode="kab-uji"), "dinkes", "dinas", "jpt_pratama", True, "Dinas Kesehatan")
    data = dengan_bagian(kode)
    data["unit"].append(
        {
            "kode": "unit-mati",
            "nama": "Unit Lama",
            "jenis": "bagian",
            "induk": "setda-asisten-1",
            "tingkat": "administrator",
            "aktif": False,
        }
    )
    sebelum = jejak()
    (galat,) = galat_impor(data)
    assert galat.startswith("instansi[0] kab-malang: bagian_organisasi: ") and pesan in galat, galat
    assert jejak() == sebelum


def test_unit_instansi_lain_dalam_berkas_yang_sama_ditolak():
    data = dengan_bagian("kota-setda")
    data["instansi"].append({"kode": "kota-lain", "nama": "Pemerintah Kota Lain"})
    data["unit"].append(
        {
            "kode": "kota-setda",
            "nama": "Setda Kota",
            "jenis": "sekretariat_daerah",
            "induk": "kota-lain",
            "tingkat": "jpt_pratama",
            "mandiri": True,
        }
    )
    assert galat_impor(data) == [
        "instansi[0] kab-malang: bagian_organisasi: Unit 'kota-setda' milik instansi kota-lain, bukan kab-malang."
    ]
    assert jumlah_baris() == [0, 0, 0, 0, 0, 0]


def test_admin_unit_tidak_dapat_mengganti_bagian_organisasi_lewat_impor(struktur):
    admin_dinkes = f.UserFactory(username="admin-dinkes", is_staff=True)
    assign_perm("organisasi.kelola_unit", admin_dinkes, struktur.dinas)
    data = pertukaran.ekspor(instansi="kab-uji")
    data["instansi"][0]["bagian_organisasi"] = struktur.bag_org.kode
    (galat,) = galat_impor(data, pelaku=admin_dinkes)
    assert "Hanya Admin Organisasi" in galat
    assert Instansi.objects.get().bagian_organisasi is None


def test_ekspor_menulisnya_dan_terbaca_kembali_sama(struktur):
    services.instansi_ubah(pelaku=None, instansi=struktur.instansi, bagian_organisasi=struktur.bag_org)
    sebelum = pertukaran.ekspor()
    assert sebelum["instansi"][0]["bagian_organisasi"] == struktur.bag_org.kode
    kosongkan_basis_data()
    pertukaran.impor(copy.deepcopy(sebelum))
    assert pertukaran.ekspor() == sebelum
    assert Instansi.objects.get().bagian_organisasi.kode == struktur.bag_org.kode
    assert all(v == (0, 0) for v in nol_perubahan(pertukaran.impor(copy.deepcopy(sebelum))).values())


def test_layanan_instansi_ubah_menolak_unit_yang_bukan_miliknya(struktur):
    lain = f.instansi(kode="kota-lain", nama="Pemerintah Kota Lain")
    setda_lain = f.unit(Unit.objects.get(kode="kota-lain"), "kota-setda", "sekretariat_daerah", "jpt_pratama", True)
    mati = f.unit(struktur.asisten, "bag-lama", "bagian", "administrator")
    services.unit_ubah(pelaku=None, unit=mati, aktif=False)
    mati.refresh_from_db()
    for unit, pesan in (
        (setda_lain, "Pilih unit di bawah"),
        (struktur.akar, "Pilih unit di bawah"),
        (mati, "tidak aktif"),
    ):
        with pytest.raises(ValidationError, match=pesan):
            services.instansi_ubah(pelaku=None, instansi=struktur.instansi, bagian_organisasi=unit)
    assert Instansi.objects.get(pk=struktur.instansi.pk).bagian_organisasi is None
    assert lain.bagian_organisasi is None
    i = services.instansi_ubah(pelaku=None, instansi=struktur.instansi, bagian_organisasi=struktur.bag_org)
    assert i.bagian_organisasi == struktur.bag_org
    assert services.instansi_ubah(pelaku=None, instansi=i, bagian_organisasi=None).bagian_organisasi is None


def test_formulir_admin_instansi(client, admin_organisasi, struktur):
    from .test_admin import data_formulir

    client.force_login(admin_organisasi)
    f.instansi(kode="kota-lain", nama="Pemerintah Kota Lain")
    setda_lain = f.unit(Unit.objects.get(kode="kota-lain"), "kota-setda", "sekretariat_daerah", "jpt_pratama", True)
    alamat = reverse("admin:organisasi_instansi_change", args=[struktur.instansi.pk])
    resp = client.get(alamat)
    pilihan = {str(v) for v, _ in resp.context["adminform"].form.fields["bagian_organisasi"].choices if v}
    assert str(struktur.bag_org.pk) in pilihan and str(setda_lain.pk) not in pilihan
    assert str(struktur.akar.pk) not in pilihan  # the instansi's root is no Bagian
    assert "Bagian Organisasi (setda-bag-organisasi)" in resp.content.decode()
    data = data_formulir(resp)
    for salah in (str(setda_lain.pk), "\u0661", "99999999999999999999"):
        resp = client.post(alamat, {**data, "bagian_organisasi": salah})
        assert resp.status_code == 200 and "bagian_organisasi" in resp.context["adminform"].form.errors, salah
    assert Instansi.objects.get(pk=struktur.instansi.pk).bagian_organisasi is None
    resp = client.post(alamat, {**data, "bagian_organisasi": str(struktur.bag_org.pk)})
    assert resp.status_code == 302
    instansi = Instansi.objects.get(pk=struktur.instansi.pk)
    assert instansi.bagian_organisasi == struktur.bag_org
    assert "bagian_organisasi" in instansi.history.latest().history_change_reason
    daftar = client.get(reverse("admin:organisasi_instansi_changelist")).content.decode()
    assert "Bagian Organisasi" in daftar
    # a new instansi has no units yet: the field waits
    resp = client.get(reverse("admin:organisasi_instansi_add"))
    assert resp.context["adminform"].form.fields["bagian_organisasi"].disabled
