"""The penugasan pages: inbox, a request and its steps, starting a flow, candidates, teams, letters."""

import datetime as dt
import re

import pytest
from django.test import Client

from penugasan import services
from penugasan.choices import Status
from penugasan.models import Kompetensi, Penugasan, TimKerja
from penugasan.tasks import render_surat

from .conftest import SELESAI, ajukan

pytestmark = pytest.mark.django_db


def masuk(pegawai) -> Client:
    c = Client()
    c.force_login(pegawai.akun)
    return c


def test_kotak_masuk_dan_beranda_menghitung(s):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    r = masuk(s.kepala_bidang).get("/penugasan/")
    assert r.status_code == 200 and f"/penugasan/{p.pk}/" in r.content.decode()
    assert r.context["menunggu"].count() == 1
    r = masuk(s.kepala_bidang).get("/")
    assert r.context["kotak_masuk"]["menunggu"] == 1
    assert "menunggu keputusan saya" in r.content.decode()
    r = masuk(s.kepala_dinas).get("/")
    assert r.context["kotak_masuk"]["tembusan"] == 1  # the requester's PPK got a copy
    assert Client().get("/penugasan/").status_code == 302


def _hitungan(c: Client) -> dict[str, int]:
    """The home page's counts, as the reader sees them."""
    isi = c.get("/").content.decode()
    return {jenis: int(n) for n, jenis in re.findall(r"<strong>(\d+)</strong> (menunggu|tembusan|surat)", isi)}


def test_hitungan_beranda_mengikuti_setiap_perubahan(s):
    """The home page's counts move with every request, copy and letter, at once."""
    ppk, atasan = masuk(s.kepala_bidang), masuk(s.kepala_dinas)
    assert _hitungan(ppk)["menunggu"] == 0 and _hitungan(atasan)["tembusan"] == 0
    p = ajukan(s.kepala_bidang2, "B", s.bidang)  # waits for the staff's PPK; a copy to the requester's PPK
    assert _hitungan(ppk)["menunggu"] == 1 and _hitungan(atasan)["tembusan"] == 1
    atasan.get(f"/penugasan/{p.pk}/")  # opening the request reads the copy
    assert _hitungan(atasan)["tembusan"] == 0
    services.penugasan_tarik(pelaku=s.kepala_bidang2.akun, penugasan=p, alasan="Tidak jadi diperlukan")
    assert _hitungan(ppk)["menunggu"] == 0


def test_profil_kerja_di_halaman_pegawai_mengikuti_tim_baru(s):
    from organisasi.selectors import hari_ini

    c = masuk(s.staf_bidang_b)
    url = f"/pegawai/{s.staf_bidang_b.nip}/"
    assert "Tim Kajian Layanan" not in c.get(url).content.decode()
    services.tim_bentuk(
        pelaku=s.kepala_dinas.akun,
        nama="Tim Kajian Layanan",
        tujuan="Kajian",
        unit_pemilik=s.bidang,
        sifat="rutin",
        mulai=hari_ini() - dt.timedelta(days=1),
        selesai=SELESAI,
        ketua=s.staf_bidang,
        anggota=[(s.staf_bidang_b, "")],
    )
    assert "Tim Kajian Layanan" in c.get(url).content.decode()


def test_detail_orang_luar_404_dan_tembusan_terbaca(s):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    assert masuk(s.staf_kelurahan).get(f"/penugasan/{p.pk}/").status_code == 404
    assert masuk(s.staf_kelurahan).post(f"/penugasan/{p.pk}/lanjut/").status_code == 404
    assert masuk(s.kepala_bidang).get("/penugasan/999999999999999999999/").status_code == 404
    r = masuk(s.kepala_dinas).get(f"/penugasan/{p.pk}/")
    assert r.status_code == 200 and not r.context["boleh_bertindak"]
    assert p.tembusan.get().dibaca is not None


def test_langkah_lewat_halaman(s):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    ppk = masuk(s.kepala_bidang)
    r = ppk.get(f"/penugasan/{p.pk}/")
    assert r.context["boleh_bertindak"] and r.context["perlu_pegawai"]
    assert {k.nip for k in r.context["kandidat"]} == {s.staf_bidang.nip, s.staf_bidang_b.nip}
    r = masuk(s.kepala_bidang2).post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [s.staf_bidang.nip]})
    assert r.status_code == 403 and "bukan wewenang Anda" in r.content.decode()
    r = ppk.post(f"/penugasan/{p.pk}/lanjut/", {})
    assert r.status_code == 400 and r.context["form_lanjut"].errors["pegawai"]
    r = ppk.post(f"/penugasan/{p.pk}/tolak/", {"alasan": ""})
    assert r.status_code == 400 and "Alasan penolakan wajib diisi." in r.content.decode()
    r = ppk.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [s.staf_bidang.nip], "catatan": "Setuju"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == Status.SELESAI
    r = ppk.post(f"/penugasan/{p.pk}/lanjut/", {"pegawai": [s.staf_bidang.nip]})
    assert r.status_code == 409


def test_ajukan_lewat_halaman(s):
    c = masuk(s.kepala_bidang)
    assert c.get("/penugasan/baru/").status_code == 200
    data = {
        "alur": "A",
        "unit_tujuan": s.bidang.kode,
        "pegawai": [s.staf_bidang.nip],
        "maksud": "Menyusun SOP",
        "target": "3 SOP",
        "mulai": "2027-01-04",
        "selesai": "2027-03-31",
    }
    r = c.post("/penugasan/baru/", data)
    assert r.status_code == 302
    p = Penugasan.objects.get()
    assert r["Location"] == f"/penugasan/{p.pk}/" and p.status == Status.SELESAI
    r = c.post("/penugasan/baru/", {**data, "alur": "B", "unit_tujuan": s.seksi.kode})
    assert r.status_code == 400 and "alur C" in str(r.context["form"].errors["unit_tujuan"])
    r = masuk(s.staf_bidang2).post("/penugasan/baru/", data)
    assert r.status_code == 403
    r = c.post("/penugasan/baru/", {**data, "unit_tujuan": "tidak-ada", "pegawai": ["123"], "maksud": ""})
    assert r.status_code == 400 and {"unit_tujuan", "pegawai", "maksud"} <= set(r.context["form"].errors)
    assert Penugasan.objects.count() == 1


def test_kandidat_menurut_kompetensi_dan_beban(s):
    analisis = Kompetensi.objects.create(nama="Analisis data")
    services.kompetensi_catat(pelaku=s.staf_bidang.akun, pegawai=s.staf_bidang, kompetensi=analisis)
    services.kompetensi_catat(pelaku=None, pegawai=s.staf_bidang_b, kompetensi=analisis)
    ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])  # staf_bidang now carries one assignment
    c = masuk(s.kepala_bidang)
    url = f"/penugasan/kandidat/?unit_tujuan={s.bidang.kode}&mulai=2027-01-01&selesai=2027-12-31"
    r = c.get(url)
    assert [k.nip for k in r.context["kandidat"]] == [s.staf_bidang_b.nip, s.staf_bidang.nip]
    assert [k.jumlah_penugasan for k in r.context["kandidat"]] == [0, 1]
    r = c.get(url + f"&kompetensi_daftar={analisis.pk}")
    assert len(r.context["kandidat"]) == 2
    lain = Kompetensi.objects.create(nama="Hukum")
    # nobody holds it: everyone is still listed, none marked; filtered on request, the list is empty
    r = c.get(url + f"&kompetensi_daftar={lain.pk}")
    assert [k.jumlah_cocok for k in r.context["kandidat"]] == [0, 0]
    assert list(c.get(url + f"&kompetensi_daftar={lain.pk}&hanya_cocok=1").context["kandidat"]) == []
    r = masuk(s.staf_kelurahan).get(url)  # another Perangkat Daerah: not in reach
    assert r.context["unit"] is None


def test_tim_lewat_halaman(s):
    c = masuk(s.kepala_dinas)
    r = c.post(
        "/tim/baru/",
        {
            "nama": "Tim Stunting",
            "tujuan": "Turunkan stunting",
            "unit_pemilik": s.bidang.kode,
            "sifat": "rutin",
            "mulai": "2027-01-01",
            "selesai": "2027-12-31",
            "ketua": s.staf_bidang2.nip,
            "anggota": f"{s.staf_kelurahan.nip}: analis data\n",
        },
    )
    assert r.status_code == 302
    tim = TimKerja.objects.get()
    r = c.get(r["Location"])
    assert r.status_code == 200 and "Pasal 6 ayat (3)" in r.content.decode()
    assert masuk(s.staf_seksi).get(f"/tim/{tim.pk}/").status_code == 404
    assert masuk(s.staf_kelurahan).get(f"/tim/{tim.pk}/").status_code == 200
    r = masuk(s.staf_bidang).post(
        "/tim/baru/",
        {
            "nama": "X",
            "tujuan": "Y",
            "unit_pemilik": s.bidang.kode,
            "sifat": "rutin",
            "mulai": "2027-01-01",
            "selesai": "2027-12-31",
            "ketua": s.staf_bidang.nip,
        },
    )
    assert r.status_code == 403 and TimKerja.objects.count() == 1


def test_pdf_surat_dan_status(s, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    surat = p.surat.get()
    c = masuk(s.staf_bidang)
    assert c.get(f"/surat/{surat.pk}/pdf/").status_code == 404
    r = c.get(f"/surat/{surat.pk}/status/")
    assert "every 2s" in r.content.decode()
    render_surat(surat.pk)
    r = c.get(f"/surat/{surat.pk}/status/")
    assert "every 2s" not in r.content.decode() and "Unduh PDF" in r.content.decode()
    r = c.get(f"/surat/{surat.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert masuk(s.staf_kelurahan).get(f"/surat/{surat.pk}/pdf/").status_code == 404
    assert masuk(s.staf_kelurahan).get(f"/surat/{surat.pk}/status/").status_code == 404
    r = Client().get(f"/surat/verifikasi/{surat.kode_verifikasi}/")
    assert r.status_code == 200 and surat.nomor in r.content.decode()


def test_tim_dengan_ketua_lintas_unit_tanpa_anggota_lain_tanpa_peringatan(s):
    tim = services.tim_bentuk(
        pelaku=s.kepala_dinas.akun,
        nama="Tim",
        tujuan="T",
        unit_pemilik=s.bidang,
        sifat="rutin",
        mulai=dt.date(2027, 1, 1),
        selesai=SELESAI,
        ketua=s.staf_bidang,
        anggota=[(s.staf_bidang_b, "")],
    )
    from penugasan.selectors import peringatan_tim

    assert peringatan_tim(tim) == []


def test_kompetensi_saya_tambah_ganda_dan_hapus(s):
    k = Kompetensi.objects.create(nama="Analisis data")
    c = masuk(s.staf_bidang)
    assert c.post("/kompetensi/", {"kompetensi": k.pk, "bukti": "Sertifikat BPS 2025"}).status_code == 302
    r = c.post("/kompetensi/", {"kompetensi": k.pk})
    assert r.status_code == 409 and "sudah tercatat" in r.content.decode()
    assert c.post("/kompetensi/", {"kompetensi": ""}).status_code == 400
    kp = s.staf_bidang.kompetensi.get()
    r = masuk(s.kepala_bidang).get(f"/pegawai/{s.staf_bidang.nip}/")
    assert "Analisis data" in r.content.decode()  # the profile on the person page
    assert masuk(s.staf_bidang_b).post(f"/kompetensi/{kp.pk}/hapus/").status_code == 404
    assert c.post(f"/kompetensi/{kp.pk}/hapus/").status_code == 302
    assert not s.staf_bidang.kompetensi.exists()


def test_anggota_tim_diatur_ketua(s):
    tim = services.tim_bentuk(
        pelaku=s.kepala_bidang.akun,
        nama="Tim SOP",
        tujuan="SOP pelayanan",
        unit_pemilik=s.bidang,
        sifat="rutin",
        mulai=dt.date(2027, 1, 1),
        selesai=SELESAI,
        ketua=s.staf_bidang,
    )
    ketua = masuk(s.staf_bidang)
    r = ketua.post(f"/tim/{tim.pk}/anggota/", {"nip": s.staf_bidang_b.nip, "peran": "penyusun"})
    assert r.status_code == 302
    a = tim.anggota.get()
    assert (a.pegawai, a.peran) == (s.staf_bidang_b, "penyusun")
    assert ketua.post(f"/tim/{tim.pk}/anggota/", {"nip": s.staf_bidang_b.nip}).status_code == 409
    assert ketua.post(f"/tim/{tim.pk}/anggota/", {"nip": "123"}).status_code == 400
    anggota = masuk(s.staf_bidang_b)
    assert anggota.post(f"/tim/{tim.pk}/anggota/", {"nip": s.staf_bidang2.nip}).status_code == 403
    assert masuk(s.staf_kelurahan).post(f"/tim/{tim.pk}/anggota/{a.pk}/akhiri/").status_code == 404
    assert anggota.post(f"/tim/{tim.pk}/anggota/{a.pk}/akhiri/").status_code == 403
    assert ketua.post(f"/tim/{tim.pk}/anggota/{a.pk}/akhiri/").status_code == 302
    a.refresh_from_db()
    assert a.selesai is not None
    assert not s.staf_bidang_b.akun.has_perm("penugasan.view_timkerja", tim)  # withdrawn with the membership


def test_cabut_dan_terbitkan_ulang_lewat_halaman(s):
    p = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    surat = p.surat.get()
    assert masuk(s.staf_bidang).post(f"/surat/{surat.pk}/cabut/", {"alasan": "Salah"}).status_code == 403
    assert masuk(s.staf_kelurahan).post(f"/surat/{surat.pk}/cabut/", {"alasan": "Salah"}).status_code == 404
    ttd = masuk(s.kepala_bidang)
    assert ttd.post(f"/surat/{surat.pk}/cabut/", {"alasan": ""}).status_code == 400
    assert ttd.post(f"/surat/{surat.pk}/cabut/", {"alasan": "Periode keliru"}).status_code == 302
    r = ttd.get(f"/penugasan/{p.pk}/")
    assert "Terbitkan pengganti" in r.content.decode()
    assert ttd.post(f"/surat/{surat.pk}/terbitkan-ulang/").status_code == 302
    assert p.surat.count() == 2 and p.surat.get(menggantikan=surat).status == "berlaku"


def test_tim_dengan_calon_yang_dicentang(s):
    c = masuk(s.kepala_bidang)
    r = c.get(f"/penugasan/kandidat/?unit_pemilik={s.bidang.kode}&mulai=2027-01-01&selesai=2027-12-31")
    assert {k.nip for k in r.context["kandidat"]} == {s.staf_bidang.nip, s.staf_bidang_b.nip}
    r = c.post(
        "/tim/baru/",
        {
            "nama": "Tim SPM",
            "tujuan": "Capaian SPM",
            "unit_pemilik": s.bidang.kode,
            "sifat": "rutin",
            "mulai": "2027-01-01",
            "selesai": "2027-12-31",
            "ketua": s.staf_bidang.nip,
            "anggota": "",
            "pegawai": [s.staf_bidang_b.nip],
        },
    )
    assert r.status_code == 302
    assert [a.pegawai for a in TimKerja.objects.get().anggota.all()] == [s.staf_bidang_b]
