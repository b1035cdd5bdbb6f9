"""Penugasan in the admin: read-only records with history, revoking a letter, the numbering settings."""

import pytest
from django.test import Client

from penugasan.choices import StatusSurat
from penugasan.models import NomorSurat, PejabatBerwenang, PolaNomorSurat, Surat

from .conftest import ajukan

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_c(admin_organisasi):
    c = Client()
    c.force_login(admin_organisasi)
    return c


def test_penugasan_terbaca_tanpa_ubah_dan_hapus(s, admin_c):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    r = admin_c.get("/admin/penugasan/penugasan/")
    assert r.status_code == 200 and f"Penugasan #{p.pk}" in r.content.decode()
    r = admin_c.get(f"/admin/penugasan/penugasan/{p.pk}/change/")
    assert r.status_code == 200 and "permohonan" in r.content.decode()
    assert admin_c.post(f"/admin/penugasan/penugasan/{p.pk}/change/", {"maksud": "x"}).status_code == 403
    assert admin_c.get(f"/admin/penugasan/penugasan/{p.pk}/delete/").status_code == 403
    assert admin_c.get(f"/admin/penugasan/penugasan/{p.pk}/history/").status_code == 200
    assert admin_c.get("/admin/penugasan/timkerja/").status_code == 200


def test_cabut_surat_lewat_admin(s, admin_c):
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    url = f"/admin/penugasan/surat/{surat.pk}/change/"
    r = admin_c.post(url, {"alasan_cabut": ""})
    assert r.status_code == 200 and "Alasan pencabutan wajib diisi." in r.content.decode()
    assert Surat.objects.get(pk=surat.pk).status == StatusSurat.BERLAKU
    r = admin_c.post(url, {"alasan_cabut": "Nama pegawai keliru"})
    assert r.status_code == 302
    surat.refresh_from_db()
    assert surat.status == StatusSurat.DICABUT and surat.alasan_cabut == "Nama pegawai keliru"
    assert admin_c.get(f"/admin/penugasan/surat/{surat.pk}/delete/").status_code == 403
    r = admin_c.post("/admin/penugasan/surat/", {"action": "terbitkan_ulang", "_selected_action": [surat.pk]})
    assert r.status_code == 302 and Surat.objects.get(menggantikan=surat).status == StatusSurat.BERLAKU


def test_pola_nomor_dan_pejabat_berwenang(s, admin_c):
    r = admin_c.post("/admin/penugasan/polanomorsurat/add/", {"unit": s.dinas.pk, "pola": "800/{tahun}", "kode": ""})
    assert r.status_code == 200 and "{no}" in r.content.decode() and not PolaNomorSurat.objects.exists()
    r = admin_c.post(
        "/admin/penugasan/polanomorsurat/add/", {"unit": s.dinas.pk, "pola": "800/{no}/{tahun}", "kode": "302"}
    )
    assert r.status_code == 302 and PolaNomorSurat.objects.get().pola == "800/{no}/{tahun}"
    r = admin_c.post("/admin/penugasan/pejabatberwenang/add/", {"instansi": s.instansi.pk, "unit": s.asisten.pk})
    assert r.status_code == 302 and PejabatBerwenang.objects.get().unit == s.asisten


def test_pegawai_biasa_tidak_masuk_admin(s):
    c = Client()
    c.force_login(s.staf_bidang.akun)
    assert c.get("/admin/penugasan/penugasan/").status_code == 302


def pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


def test_mencabut_surat_menyebut_nomor_dan_alasan_bukan_berhasil_diubah(s, admin_c):
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    r = admin_c.post(f"/admin/penugasan/surat/{surat.pk}/change/", {"alasan_cabut": "Nama pegawai keliru"}, follow=True)
    teks = " ".join(pesan(r))
    assert f"{surat.nomor} dicabut; alasan: Nama pegawai keliru." in teks
    assert "berhasil" not in teks
    r = admin_c.post(
        "/admin/penugasan/surat/", {"action": "terbitkan_ulang", "_selected_action": [surat.pk]}, follow=True
    )
    baru = Surat.objects.get(menggantikan=surat)
    assert any(surat.nomor in m and f"diganti dengan {baru}" in m for m in pesan(r))


def test_riwayat_surat_menyebut_pelaku_dan_alasan_dalam_kata(s, admin_c, admin_organisasi):
    admin_organisasi.first_name = "Dwi Didik Wicaksono"
    admin_organisasi.save()
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    admin_c.post(f"/admin/penugasan/surat/{surat.pk}/change/", {"alasan_cabut": "Nama pegawai keliru"})
    html = admin_c.get(f"/admin/penugasan/surat/{surat.pk}/history/").content.decode()
    assert "Surat dicabut: Nama pegawai keliru" in html and "surat_cabut" not in html
    assert "Dwi Didik Wicaksono (admin-org)" in html
    assert "Changes" not in html and "None" not in html and "style=" not in html


def test_nomor_surat_terbaca_dengan_riwayat_admin_tanpa_ubah(s, admin_c):
    """The numbering counter keeps no simple-history of its own; its history link must still open (it was a 500)."""
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    nomor = NomorSurat.objects.get(unit=surat.unit_penerbit, tahun=surat.tahun)
    assert admin_c.get("/admin/penugasan/nomorsurat/").status_code == 200
    r = admin_c.get(f"/admin/penugasan/nomorsurat/{nomor.pk}/change/")
    assert r.status_code == 200 and "Simpan" not in r.content.decode()
    assert admin_c.get(f"/admin/penugasan/nomorsurat/{nomor.pk}/history/").status_code == 200
    assert admin_c.post(f"/admin/penugasan/nomorsurat/{nomor.pk}/change/", {"terakhir": 0}).status_code == 403
