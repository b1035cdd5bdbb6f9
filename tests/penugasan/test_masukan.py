"""Issue 13 in penugasan: bad input never reaches the database or a letter, the regulation's limits on who
is assigned, NIPs resolved only within reach, and every NIP an answer returns in the access log.

The NUL cases give 500 on PostgreSQL only: run this file with DATABASE_URL set too.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from organisasi.choices import JenisPeran
from organisasi.models import AksesDataPribadi
from organisasi.nip import tampilkan
from organisasi.selectors import hari_ini
from organisasi.services import pejabat_tetapkan
from penugasan import pdf, services, tasks
from penugasan.choices import Alur, Langkah, Status, StatusBerkas
from penugasan.models import AnggotaTim, NomorSurat, Penugasan, Surat, TimKerja
from sistemkerja.errors import BukanWewenang

from .conftest import MULAI, SELESAI, ajukan, lanjut
from .test_api import isi

pytestmark = pytest.mark.django_db

NUL = "\u0000"
NOL_LEBAR = "\u200b\u200c\u200d\ufeff"  # zero-width space, non-joiner, joiner, BOM
TAK_ADA = "199901012020011999"


def api(pegawai):
    c = APIClient()
    c.force_login(pegawai.akun)
    return c


def halaman(pegawai):
    c = Client()
    c.force_login(pegawai.akun)
    return c


def isi_tim(unit, ketua, **lain):
    return {
        "nama": "Tim SOP",
        "tujuan": "SOP pelayanan",
        "unit_pemilik": unit.kode,
        "ketua": ketua.nip,
        "sifat": "rutin",
        "mulai": "2027-01-01",
        "selesai": "2027-12-31",
        **lain,
    }


def tanpa_nip(teks: str, *nip: str) -> str:
    """The text with these NIPs (and the page's per-answer CSRF token) blanked, to compare two answers."""
    for n in nip:
        teks = teks.replace(n, "X")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", teks)


def plh(unit, pegawai, mulai=None):
    """A Plh in force from `mulai` (today) for a month: a head's role like any other."""
    mulai = mulai or hari_ini()
    return pejabat_tetapkan(
        pelaku=None, unit=unit, pegawai=pegawai, jenis=JenisPeran.PLH, mulai=mulai, selesai=mulai + dt.timedelta(30)
    )


def tim_sop(s, ketua=None):
    return services.tim_bentuk(
        pelaku=s.kepala_bidang.akun,
        nama="Tim SOP",
        tujuan="SOP pelayanan",
        unit_pemilik=s.bidang,
        sifat="rutin",
        mulai=dt.date(2027, 1, 1),
        selesai=SELESAI,
        ketua=ketua or s.staf_bidang,
    )


@pytest.fixture
def tidak_menulis(django_capture_on_commit_callbacks):
    """Asserts that what runs inside writes nothing: no request, no letter number, nothing after commit."""

    class Periksa:
        def __enter__(self):
            self.jumlah = (Penugasan.objects.count(), TimKerja.objects.count(), AnggotaTim.objects.count())
            self.nomor = list(NomorSurat.objects.values_list("terakhir", flat=True))
            self.tangkap = django_capture_on_commit_callbacks()
            self.callbacks = self.tangkap.__enter__()
            return self

        def __exit__(self, *exc):
            self.tangkap.__exit__(*exc)
            if exc[0] is None:
                assert (Penugasan.objects.count(), TimKerja.objects.count(), AnggotaTim.objects.count()) == self.jumlah
                assert list(NomorSurat.objects.values_list("terakhir", flat=True)) == self.nomor
                assert self.callbacks == [] and mail.outbox == []

    return Periksa


# --- 1. NUL in an identifier: "not found", never a 500 ------------------------------------------------


def test_nul_pada_kode_unit_dan_nip_di_api_sama_dengan_tidak_ada(s, tidak_menulis):
    c = api(s.kepala_bidang)
    with tidak_menulis():
        r = c.post("/api/v1/penugasan/", isi("A", s.bidang, [s.staf_bidang], unit_tujuan=f"dinkes{NUL}"), format="json")
        assert r.status_code == 400 and "tidak ditemukan" in r.json()["unit_tujuan"][0]
        r = c.post("/api/v1/penugasan/", {**isi("A", s.bidang), "pegawai": [f"1985{NUL}"]}, format="json")
        nul = r.json()["pegawai[0]"][0]
        r = c.post("/api/v1/penugasan/", {**isi("A", s.bidang), "pegawai": [TAK_ADA]}, format="json")
        assert r.status_code == 400
        assert tanpa_nip(r.json()["pegawai[0]"][0], TAK_ADA) == tanpa_nip(nul, "1985")
        # teams: the unit and every NIP
        r = c.post("/api/v1/tim/", isi_tim(s.bidang, s.staf_bidang, unit_pemilik=NUL), format="json")
        assert r.status_code == 400 and "tidak ditemukan" in r.json()["unit_pemilik"][0]
        r = c.post("/api/v1/tim/", {**isi_tim(s.bidang, s.staf_bidang), "ketua": NUL}, format="json")
        assert r.status_code == 400 and "tidak ditemukan" in r.json()["ketua"][0]
        r = c.post("/api/v1/tim/", {**isi_tim(s.bidang, s.staf_bidang), "anggota": [f"{NUL}1"]}, format="json")
        assert r.status_code == 400 and "tidak ditemukan" in r.json()["anggota[0]"][0]
        r = c.get("/api/v1/penugasan/kandidat/?unit_tujuan=%00&mulai=2027-01-01&selesai=2027-06-30")
        assert r.status_code == 404
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    with tidak_menulis():
        r = c.post(f"/api/v1/penugasan/{p.pk}/lanjut/", {"pegawai": [NUL * 18]}, format="json")
        assert r.status_code == 400 and "tidak ditemukan" in r.json()["pegawai[0]"][0]


def test_nul_pada_kode_unit_dan_nip_di_halaman_sama_dengan_tidak_ada(s, tidak_menulis):
    c = halaman(s.kepala_bidang)
    data = {
        "alur": "A",
        "unit_tujuan": s.bidang.kode,
        "pegawai": [f"1985{NUL}"],
        "maksud": "Menyusun SOP",
        "target": "3 SOP",
        "mulai": "2027-01-04",
        "selesai": "2027-03-31",
    }
    with tidak_menulis():
        r = c.post("/penugasan/baru/", data)
        assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form"].errors["pegawai"])
        r = c.post("/penugasan/baru/", {**data, "pegawai": [s.staf_bidang.nip], "unit_tujuan": f"dinkes{NUL}"})
        assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form"].errors["unit_tujuan"])
        r = c.post("/tim/baru/", {**isi_tim(s.bidang, s.staf_bidang), "ketua": NUL})
        assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form"].errors["ketua"])
        r = c.post("/tim/baru/", isi_tim(s.bidang, s.staf_bidang, anggota=f"1985{NUL}: analis"))
        assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form"].errors["anggota"])
        r = c.post("/tim/baru/", isi_tim(s.bidang, s.staf_bidang, unit_pemilik=NUL))
        assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form"].errors["unit_pemilik"])
        r = c.get("/penugasan/kandidat/?unit_tujuan=%00&mulai=2027-01-01&selesai=2027-06-30&pegawai=%00")
        assert r.status_code == 200 and r.context["unit"] is None
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    tim = tim_sop(s)
    with tidak_menulis():
        r = c.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [f"{NUL}"]})
        assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form_lanjut"].errors["pegawai"])
        r = c.post(f"/tim/{tim.pk}/anggota/", {"nip": f"1985{NUL}"})
        assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form_anggota"].errors["nip"])


# --- 2. integers as integers, a team role's length -----------------------------------------------------


def test_halaman_kandidat_menolak_angka_bukan_ascii_tanpa_500(s):
    c = halaman(s.kepala_bidang)
    url = f"/penugasan/kandidat/?unit_tujuan={s.bidang.kode}&mulai=2027-01-01&selesai=2027-06-30"
    for k in ("²", "٣", "99999999999999999999", "1.5", "-1"):
        r = c.get(f"{url}&kompetensi_daftar={k}")
        assert r.status_code == 200, k
        assert {x.nip for x in r.context["kandidat"]} == {s.staf_bidang.nip, s.staf_bidang_b.nip}


def test_tim_pecahan_bukan_tim_1(s, tidak_menulis):
    tim = tim_sop(s, ketua=s.kepala_bidang)
    c = api(s.kepala_bidang)
    with tidak_menulis():
        for nilai in (tim.pk + 0.5, str(tim.pk + 0.5), True, f"{tim.pk}{NUL}", "²"):
            r = c.post("/api/v1/penugasan/", isi("A", s.bidang, [s.staf_bidang], tim=nilai), format="json")
            assert r.status_code == 400 and "tim" in r.json(), nilai
    r = c.post("/api/v1/penugasan/", isi("A", s.bidang, [s.staf_bidang], tim=tim.pk), format="json")
    assert r.status_code == 201 and r.json()["tim"] == tim.pk


def test_peran_tim_lebih_dari_200_karakter_ditolak(s, tidak_menulis):
    panjang = "a" * 201
    with tidak_menulis():
        r = api(s.kepala_bidang).post(
            "/api/v1/tim/",
            {
                **isi_tim(s.bidang, s.staf_bidang),
                "anggota": [s.staf_bidang_b.nip],
                "peran": {s.staf_bidang_b.nip: panjang},
            },
            format="json",
        )
        assert r.status_code == 400 and "200" in str(r.json())
        r = halaman(s.kepala_bidang).post(
            "/tim/baru/", isi_tim(s.bidang, s.staf_bidang, anggota=f"{s.staf_bidang_b.nip}: {panjang}")
        )
        assert r.status_code == 400 and "200" in str(r.context["form"].errors["anggota"])
        with pytest.raises(ValidationError) as e:
            services.tim_bentuk(
                pelaku=s.kepala_bidang.akun,
                nama="Tim",
                tujuan="",
                unit_pemilik=s.bidang,
                sifat="rutin",
                mulai=MULAI,
                selesai=SELESAI,
                ketua=s.staf_bidang,
                anggota=[(s.staf_bidang_b, panjang)],
            )
        assert "peran" in e.value.message_dict
    tim = tim_sop(s)
    with tidak_menulis(), pytest.raises(ValidationError):
        services.tim_anggota_tambah(pelaku=s.kepala_bidang.akun, tim=tim, pegawai=s.staf_bidang_b, peran=panjang)


# --- 3. free text bounded, never invisibly empty; letters with a time and page limit ---------------------


@pytest.mark.parametrize("kolom", ["maksud", "kompetensi", "target"])
def test_teks_surat_dibatasi_dan_tidak_kosong_tak_terlihat_lewat_api(s, tidak_menulis, kolom):
    c = api(s.kepala_bidang2)
    wajib = kolom != "kompetensi"
    with tidak_menulis():
        for nilai in ("x" * 1001, f"SOP{NUL}", *([NOL_LEBAR] if wajib else [])):
            r = c.post("/api/v1/penugasan/", isi("B", s.bidang, **{kolom: nilai}), format="json")
            assert r.status_code == 400 and kolom in r.json(), (kolom, nilai[:5])
    r = c.post("/api/v1/penugasan/", isi("B", s.bidang, **{kolom: "x" * 1000}), format="json")
    assert r.status_code == 201
    if not wajib:  # optional: invisible text is no text
        r = c.post("/api/v1/penugasan/", isi("B", s.bidang, **{kolom: NOL_LEBAR}), format="json")
        assert r.status_code == 201 and Penugasan.objects.get(pk=r.json()["id"]).kompetensi == ""


def test_catatan_dan_alasan_dibatasi_lewat_api(s, tidak_menulis):
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    ppk, pemohon = api(s.kepala_bidang), api(s.kepala_bidang2)
    url = f"/api/v1/penugasan/{p.pk}/"
    with tidak_menulis():
        r = ppk.post(url + "tolak/", {"alasan": NOL_LEBAR * 5}, format="json")
        assert r.status_code == 400 and "alasan" in r.json()
        r = ppk.post(url + "tolak/", {"alasan": "x" * 1001}, format="json")
        assert r.status_code == 400 and "alasan" in r.json()
        r = ppk.post(url + "lanjut/", {"pegawai": [s.staf_bidang.nip], "catatan": "x" * 1001}, format="json")
        assert r.status_code == 400 and "catatan" in r.json()
        r = pemohon.post(url + "tarik/", {"alasan": "x" * 1001}, format="json")
        assert r.status_code == 400 and "alasan" in r.json()
    p.refresh_from_db()
    assert p.status == Status.BERJALAN and p.riwayat.count() == 1


def test_teks_tim_dibatasi_lewat_api(s, tidak_menulis):
    c = api(s.kepala_bidang)
    with tidak_menulis():
        for lain in ({"nama": "x" * 201}, {"nama": NOL_LEBAR}, {"tujuan": "x" * 1001}, {"tujuan": f"a{NUL}"}):
            r = c.post("/api/v1/tim/", {**isi_tim(s.bidang, s.staf_bidang), **lain}, format="json")
            assert r.status_code == 400 and set(lain) <= set(r.json()), lain


def test_layanan_menolak_teks_tanpa_batas_tanpa_menulis_apa_pun(s, tidak_menulis):
    with tidak_menulis():
        for lain in ({"maksud": "x" * 300_000}, {"target": NOL_LEBAR}, {"kompetensi": "y" * 1001}):
            with pytest.raises(ValidationError) as e:
                ajukan(s.kepala_bidang2, Alur.B, s.bidang, **lain)
            assert set(lain) <= set(e.value.message_dict)
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    with tidak_menulis():
        with pytest.raises(ValidationError) as e:
            services.penugasan_tolak(pelaku=s.kepala_bidang.akun, penugasan=p, alasan=NOL_LEBAR * 10)
        assert "alasan" in e.value.message_dict
        with pytest.raises(ValidationError) as e:  # ten characters, one of them visible
            services.penugasan_tolak(pelaku=s.kepala_bidang.akun, penugasan=p, alasan="a" + "\u200b" * 12)
        with pytest.raises(ValidationError) as e:
            lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang], catatan="c" * 1001)
        assert "catatan" in e.value.message_dict


def test_teks_dibatasi_lewat_halaman(s, tidak_menulis):
    c = halaman(s.kepala_bidang)
    data = {
        "alur": "A",
        "unit_tujuan": s.bidang.kode,
        "pegawai": [s.staf_bidang.nip],
        "maksud": "x" * 1001,
        "target": NOL_LEBAR,
        "kompetensi": "y" * 1001,
        "mulai": "2027-01-04",
        "selesai": "2027-03-31",
    }
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    with tidak_menulis():
        r = c.post("/penugasan/baru/", data)
        assert r.status_code == 400 and {"maksud", "target", "kompetensi"} <= set(r.context["form"].errors)
        r = c.post(f"/penugasan/{p.pk}/tolak/", {"alasan": NOL_LEBAR * 4})
        assert r.status_code == 400 and r.context["form_tolak"].errors["alasan"]
        r = c.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [s.staf_bidang.nip], "catatan": "c" * 1001})
        assert r.status_code == 400 and r.context["form_lanjut"].errors["catatan"]
        r = c.post("/tim/baru/", isi_tim(s.bidang, s.staf_bidang, tujuan="t" * 1001, nama=NOL_LEBAR))
        assert r.status_code == 400 and {"tujuan", "nama"} <= set(r.context["form"].errors)


@pytest.fixture
def surat_a(s, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return ajukan(s.kepala_bidang, Alur.A, s.bidang, [s.staf_bidang]).surat.get()


def test_surat_yang_isinya_melampaui_batas_gagal_jelas_tanpa_diulang(s, surat_a, monkeypatch):
    # text stored before the limits existed: three 300 KB fields
    isi_besar = {**surat_a.isi, "untuk": ["x" * 300_000] * 3}
    Surat.objects.filter(pk=surat_a.pk).update(isi=isi_besar)
    assert tasks.render_surat(surat_a.pk) == "gagal"
    surat_a.refresh_from_db()
    assert surat_a.status_berkas == StatusBerkas.GAGAL and not surat_a.berkas
    assert surat_a.galat_berkas.startswith(pdf.AWALAN_BATAS) and "karakter" in surat_a.galat_berkas
    antre = []
    monkeypatch.setattr(tasks.render_surat, "delay", lambda pk: antre.append(pk))
    assert not tasks.render_ulang_bila_gagal(surat_a)
    Surat.objects.filter(pk=surat_a.pk).update(dibuat="2020-01-01T00:00:00Z")
    assert tasks.render_tertunda() == 0 and antre == []
    r = api(s.staf_bidang).get(f"/api/v1/surat/{surat_a.pk}/pdf/")
    assert r.status_code == 409 and pdf.AWALAN_BATAS in r.json()["detail"]
    r = halaman(s.staf_bidang).get(f"/surat/{surat_a.pk}/status/")
    assert pdf.AWALAN_BATAS in r.content.decode()


def test_surat_melebihi_batas_halaman_gagal_jelas(surat_a, monkeypatch):
    monkeypatch.setattr(pdf, "MAKS_HALAMAN", 0)
    assert tasks.render_surat(surat_a.pk) == "gagal"
    surat_a.refresh_from_db()
    assert surat_a.status_berkas == StatusBerkas.GAGAL and "halaman" in surat_a.galat_berkas


def test_surat_melebihi_batas_waktu_gagal_jelas(surat_a, monkeypatch):
    monkeypatch.setattr(pdf, "MAKS_DETIK", 0.001)
    assert tasks.render_surat(surat_a.pk) == "gagal"
    surat_a.refresh_from_db()
    assert surat_a.status_berkas == StatusBerkas.GAGAL and "detik" in surat_a.galat_berkas
    antre = []
    monkeypatch.setattr(tasks.render_surat, "delay", lambda pk: antre.append(pk))
    assert tasks.render_ulang_bila_gagal(surat_a) and antre == [surat_a.pk]  # may go faster next time


def test_surat_terpanjang_yang_sah_muat_dalam_batas(s, settings, tmp_path):
    """Every letter field at its limit and 40 staff addressed: still rendered, within the page limit."""
    settings.MEDIA_ROOT = tmp_path
    from tests import factories as f

    staf = [f.pegawai(s.bidang, nama=f"Pegawai Dengan Nama Cukup Panjang {i}") for i in range(40)]
    p = ajukan(s.kepala_bidang, Alur.A, s.bidang, staf, maksud="m " * 500, kompetensi="k " * 500, target="t " * 500)
    surat = p.surat.get()
    assert len(tasks.render_surat(surat.pk)) == 64
    surat.refresh_from_db()
    assert surat.status_berkas == StatusBerkas.SELESAI


# --- 4. periods inside the plausible window -------------------------------------------------------------


def test_periode_mustahil_ditolak_di_api_halaman_dan_layanan(s, tidak_menulis):
    c = api(s.kepala_bidang)
    with tidak_menulis():
        r = c.post("/api/v1/penugasan/", isi("A", s.bidang, [s.staf_bidang], mulai="0001-01-01"), format="json")
        assert r.status_code == 400 and "mulai" in r.json()
        r = c.post("/api/v1/penugasan/", isi("A", s.bidang, [s.staf_bidang], selesai="9999-12-31"), format="json")
        assert r.status_code == 400 and "selesai" in r.json()
        r = c.post("/api/v1/penugasan/", isi("B", s.bidang, batas_keputusan="9999-12-31"), format="json")
        assert r.status_code == 400 and "batas_keputusan" in r.json()
        r = c.post("/api/v1/tim/", isi_tim(s.bidang, s.staf_bidang, mulai="0001-01-01"), format="json")
        assert r.status_code == 400 and "mulai" in r.json()
        r = c.post("/api/v1/tim/", isi_tim(s.bidang, s.staf_bidang, selesai="2026-12-31"), format="json")
        assert r.status_code == 400 and "selesai" in r.json()
        r = c.get(f"/api/v1/penugasan/kandidat/?unit_tujuan={s.bidang.kode}&mulai=0001-01-01&selesai=9999-12-31")
        assert r.status_code == 400
        h = halaman(s.kepala_bidang)
        data = {**isi("A", s.bidang, [s.staf_bidang]), "mulai": "0001-01-01", "selesai": "9999-12-31"}
        r = h.post("/penugasan/baru/", data)
        assert r.status_code == 400 and {"mulai", "selesai"} <= set(r.context["form"].errors)
        r = h.post("/tim/baru/", isi_tim(s.bidang, s.staf_bidang, selesai="9999-12-31"))
        assert r.status_code == 400 and "selesai" in r.context["form"].errors
        r = h.get(f"/penugasan/kandidat/?unit_tujuan={s.bidang.kode}&mulai=0001-01-01&selesai=9999-12-31")
        assert r.status_code == 200 and not r.context["kandidat"]
        with pytest.raises(ValidationError) as e:
            ajukan(s.kepala_bidang, Alur.A, s.bidang, [s.staf_bidang], mulai=dt.date(1, 1, 1))
        assert "mulai" in e.value.message_dict
        with pytest.raises(ValidationError) as e:
            ajukan(s.kepala_bidang2, Alur.B, s.bidang, batas_keputusan=dt.date(9999, 12, 31))
        assert "batas_keputusan" in e.value.message_dict
        with pytest.raises(ValidationError) as e:
            services.tim_bentuk(
                pelaku=s.kepala_bidang.akun,
                nama="Tim",
                tujuan="",
                unit_pemilik=s.bidang,
                sifat="rutin",
                mulai=MULAI,
                selesai=dt.date(9999, 12, 31),
                ketua=s.staf_bidang,
            )
        assert "selesai" in e.value.message_dict


# --- 5. only Pejabat Fungsional and Pelaksana are assigned; nobody approves their own assignment ---------


def test_kepala_dinas_tidak_dapat_menugaskan_kepala_bidang_alur_a(s, tidak_menulis):
    with tidak_menulis():
        r = api(s.kepala_dinas).post("/api/v1/penugasan/", isi("A", s.bidang, [s.kepala_bidang]), format="json")
        assert r.status_code == 400 and "Pejabat Fungsional" in r.json()["pegawai"][0]
        with pytest.raises(ValidationError) as e:
            ajukan(s.kepala_dinas, Alur.A, s.bidang, [s.staf_bidang, s.kepala_bidang])
        assert s.kepala_bidang.nip in str(e.value.message_dict["pegawai"])
        assert s.staf_bidang.nip not in str(e.value.message_dict["pegawai"])


def test_ppk_tidak_dapat_menyetujui_b_dengan_menunjuk_dirinya(s, tidak_menulis):
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    with tidak_menulis():
        r = api(s.kepala_bidang).post(
            f"/api/v1/penugasan/{p.pk}/lanjut/", {"pegawai": [s.kepala_bidang.nip]}, format="json"
        )
        assert r.status_code == 400 and "pegawai" in r.json()
        r = halaman(s.kepala_bidang).post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [s.kepala_bidang.nip]})
        assert r.status_code == 400 and r.context["form_lanjut"].errors["pegawai"]
    p.refresh_from_db()
    assert p.status == Status.BERJALAN


def test_pimpinan_tidak_diusulkan_dan_plh_pun_pimpinan(s, tidak_menulis):
    # a staff member acting (Plh) as head of another unit holds a head's role in force
    plh(s.upt6, s.staf_bidang_b, mulai=hari_ini() - dt.timedelta(days=1))
    with tidak_menulis():
        with pytest.raises(ValidationError) as e:
            ajukan(s.kepala_bidang2, Alur.B, s.bidang, [s.staf_bidang_b])  # a wished name in B
        assert "pegawai" in e.value.message_dict
        with pytest.raises(ValidationError):
            ajukan(s.kepala_dpmptsp, Alur.C, s.bidang, [s.kepala_bidang])
        with pytest.raises(ValidationError):
            ajukan(s.kepala_bidang, Alur.A, s.bidang, [s.staf_bidang_b])
    p = ajukan(s.kepala_dpmptsp, Alur.C, s.bidang)
    p = lanjut(p, s.kepala_dinas)
    with tidak_menulis(), pytest.raises(ValidationError):
        lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang_b])  # ketersediaan


def test_pimpinan_tidak_mengajukan_diri_secara_sukarela(s, tidak_menulis):
    with tidak_menulis():
        with pytest.raises(BukanWewenang):
            ajukan(s.kepala_bidang, Alur.D, s.bidang2)
        with pytest.raises(BukanWewenang):
            ajukan(s.kepala_bidang, Alur.E, s.upt5)
        r = api(s.kepala_bidang).post("/api/v1/penugasan/", isi("D", s.bidang2), format="json")
        assert r.status_code == 403


def test_yang_menjadi_pimpinan_sebelum_ditetapkan_tidak_ditugaskan(s, tidak_menulis):
    p = ajukan(s.staf_bidang, Alur.D, s.bidang2)
    plh(s.upt6, s.staf_bidang)
    with tidak_menulis(), pytest.raises(ValidationError) as e:
        lanjut(p, s.kepala_dinas)
    assert s.staf_bidang.nip in str(e.value.message_dict["pegawai"])


def test_tidak_ada_yang_menyetujui_penugasannya_sendiri(s, tidak_menulis):
    """C: staff made available at ketersediaan who later hold the Pejabat yang Berwenang's role (Plh of the
    Sekretariat Daerah) cannot issue their own assignment."""
    p = ajukan(s.kepala_dpmptsp, Alur.C, s.bidang)
    p = lanjut(p, s.kepala_dinas)
    p = lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    p = lanjut(p, s.kepala_dinas)
    p = lanjut(p, s.kepala_dpmptsp)
    assert p.langkah == Langkah.PENETAPAN
    plh(s.setda, s.staf_bidang)
    services.pelaku_sinkronkan()
    p.refresh_from_db()
    assert p.pelaku_nip == [s.staf_bidang.nip]
    with tidak_menulis(), pytest.raises(ValidationError) as e:
        lanjut(p, s.staf_bidang)
    assert "pegawai" in e.value.message_dict


# --- 6. page forms resolve NIPs only within reach, after the permission check ----------------------------


def _sama(r1, r2, nip1, nip2):
    assert r1.status_code == r2.status_code
    assert tanpa_nip(r1.content.decode(), nip1) == tanpa_nip(r2.content.decode(), nip2)


def test_tim_baru_tidak_membocorkan_nip(s):
    c = halaman(s.staf_bidang)  # may not form a team for the bidang
    ada = c.post("/tim/baru/", isi_tim(s.bidang, s.staf_kelurahan))
    tidak = c.post("/tim/baru/", {**isi_tim(s.bidang, s.staf_kelurahan), "ketua": TAK_ADA})
    assert ada.status_code == 403
    _sama(ada, tidak, s.staf_kelurahan.nip, TAK_ADA)
    ada = c.post("/tim/baru/", isi_tim(s.bidang, s.staf_bidang, anggota=s.staf_kelurahan.nip))
    tidak = c.post("/tim/baru/", isi_tim(s.bidang, s.staf_bidang, anggota=TAK_ADA))
    _sama(ada, tidak, s.staf_kelurahan.nip, TAK_ADA)
    assert TimKerja.objects.count() == 0


def test_lanjut_halaman_tidak_membocorkan_nip(s):
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    for c in (halaman(s.kepala_bidang2), halaman(s.kepala_bidang)):  # the requester (403), the PPK
        ada = c.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [s.staf_kelurahan.nip]})
        tidak = c.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [TAK_ADA]})
        assert ada.status_code == 400
        _sama(ada, tidak, s.staf_kelurahan.nip, TAK_ADA)
    services.penugasan_tarik(pelaku=s.kepala_bidang2.akun, penugasan=p)
    c = halaman(s.kepala_bidang)  # ended: out of reach and unknown alike
    ada = c.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [s.staf_kelurahan.nip]})
    tidak = c.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [TAK_ADA]})
    _sama(ada, tidak, s.staf_kelurahan.nip, TAK_ADA)


def test_anggota_tim_halaman_tidak_membocorkan_nip(s):
    tim = tim_sop(s)
    services.tim_anggota_tambah(pelaku=s.kepala_bidang.akun, tim=tim, pegawai=s.staf_bidang_b)
    c = halaman(s.staf_bidang_b)  # a member, not the ketua
    ada = c.post(f"/tim/{tim.pk}/anggota/", {"nip": s.staf_kelurahan.nip})
    tidak = c.post(f"/tim/{tim.pk}/anggota/", {"nip": TAK_ADA})
    assert ada.status_code == 403
    _sama(ada, tidak, s.staf_kelurahan.nip, TAK_ADA)
    ada = c.post(f"/tim/{tim.pk}/anggota/", {"nip": s.staf_bidang.nip})  # the ketua: 409 for a manager
    assert ada.status_code == 403


# --- 7. every NIP an answer returns is in the personal-data access log -----------------------------------


def test_surat_dan_usulan_tercatat_di_log_akses(s, surat_a):
    AksesDataPribadi.objects.all().delete()
    r = api(s.staf_bidang).get(f"/api/v1/surat/{surat_a.pk}/")
    assert r.status_code == 200
    log = AksesDataPribadi.objects.get()
    assert set(log.subjek.split()) == {s.kepala_bidang.nip, s.staf_bidang.nip}

    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang, [s.staf_bidang_b])
    AksesDataPribadi.objects.all().delete()
    r = api(s.kepala_bidang2).get(f"/api/v1/penugasan/{p.pk}/")
    assert r.json()["usulan"] == [s.staf_bidang_b.nip]
    log = AksesDataPribadi.objects.get()
    # requester, wished name, the step's actor, the copy's recipient
    assert set(log.subjek.split()) == {
        s.kepala_bidang2.nip,
        s.staf_bidang_b.nip,
        s.kepala_bidang.nip,
        s.kepala_dinas.nip,
    }

    AksesDataPribadi.objects.all().delete()
    api(s.kepala_bidang2).get("/api/v1/penugasan/")
    assert s.staf_bidang_b.nip in AksesDataPribadi.objects.get().subjek


def test_unduhan_pdf_surat_tercatat_di_log_akses(s, surat_a):
    tasks.render_surat(surat_a.pk)
    AksesDataPribadi.objects.all().delete()
    r = api(s.staf_bidang).get(f"/api/v1/surat/{surat_a.pk}/pdf/")
    assert r.status_code == 200
    assert set(AksesDataPribadi.objects.get().subjek.split()) == {s.kepala_bidang.nip, s.staf_bidang.nip}


def test_id_pilihan_di_halaman_bilangan_bulat_ascii_saja(s, tidak_menulis):
    from penugasan.models import Kompetensi, KompetensiPegawai

    k = Kompetensi.objects.create(nama="Analisis data")
    c = halaman(s.kepala_bidang)
    data = {**isi("A", s.bidang, [s.staf_bidang]), "kompetensi_daftar": ["12345678901234567890"]}
    with tidak_menulis():
        for nilai in ("12345678901234567890", "²", str(k.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))):
            r = c.post("/penugasan/baru/", {**data, "kompetensi_daftar": [nilai]})
            assert r.status_code == 400 and "kompetensi_daftar" in r.context["form"].errors, nilai
            r = c.post("/penugasan/baru/", {**data, "kompetensi_daftar": [], "tim": nilai})
            assert r.status_code == 400 and "tim" in r.context["form"].errors, nilai
            r = c.post("/kompetensi/", {"kompetensi": nilai})
            assert r.status_code == 400, nilai
    assert not KompetensiPegawai.objects.exists()


def test_peran_untuk_nip_yang_bukan_anggota_ditolak(s, tidak_menulis):
    c = api(s.kepala_bidang)
    dasar = {**isi_tim(s.bidang, s.staf_bidang), "anggota": [s.staf_bidang_b.nip]}
    with tidak_menulis():
        for kunci in (s.staf_bidang_b.nip + NUL, TAK_ADA, s.staf_bidang2.nip):
            r = c.post("/api/v1/tim/", {**dasar, "peran": {kunci: "Analis"}}, format="json")
            assert r.status_code == 400 and "peran" in r.json(), kunci
    spasi = tampilkan(s.staf_bidang_b.nip)  # as people type it: 19850317 201003 1 001
    r = c.post("/api/v1/tim/", {**dasar, "peran": {spasi: "Analis"}}, format="json")
    assert r.status_code == 201 and r.json()["anggota_rinci"][0]["peran"] == "Analis"
