"""kinerja's staff pages: who sees what (404 outside), the POST forms run the transitions, bad input comes
back as field errors, lists in a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import services
from kinerja.bagian import kartu_kotak_masuk
from kinerja.choices import StatusHasil, StatusPK, StatusRencana
from kinerja.models import Hasil, PerjanjianKinerja, Progres, Realisasi, RencanaKegiatan, Target

from .conftest import TAHUN, kegiatan, pk_berlaku, rencana_disetujui, sasaran

pytestmark = pytest.mark.django_db


def masuk(client, p):
    client.force_login(p.akun)
    return client


def turun(s, akar):
    return services.target_turunkan(
        pelaku=s.kepala_dinas.akun,
        target=akar,
        unit=s.bidang,
        uraian="Bagian bidang",
        satuan="dokumen",
        target_nilai=60,
    )


@pytest.fixture
def alur(s):
    """Dinas (pola 2): PK set, a part handed to the bidang, strategy, plan approved, a result under review."""
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    anak = turun(s, akar)
    services.target_strategi(pelaku=s.kepala_bidang.akun, target=anak, cara="individu")
    rencana_disetujui(anak, s.kepala_bidang, s.staf_bidang)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=anak, capaian=30, uraian="Separuh")
    return akar, anak, h


def test_halaman_terlihat_dan_404_bagi_perangkat_daerah_lain(client, s, alur):
    akar, anak, h = alur
    k = anak.rencana.get().kegiatan.get()
    halaman = {
        reverse("kinerja:pk_detail", args=[akar.perjanjian_id]): "Kaskade target",
        reverse("kinerja:target_detail", args=[anak.pk]): "Rencana kegiatan dan anggaran",
        reverse("kinerja:rencana_baru", args=[anak.pk]): "Ajukan rencana",
        reverse("kinerja:kegiatan_detail", args=[k.pk]): "Catat progres",
        reverse("kinerja:hasil_detail", args=[h.pk]): "Rantai peninjau",
        reverse("kinerja:hasil_baru", args=[anak.pk]): "Ajukan hasil",
    }
    masuk(client, s.kepala_bidang)
    for url, teks in halaman.items():
        r = client.get(url)
        assert r.status_code == 200, url
        assert teks in r.content.decode(), url
    masuk(client, s.staf_dpmptsp)
    for url in halaman:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("kinerja:hasil_terima", args=[h.pk])).status_code == 404
    assert client.post(reverse("kinerja:pk_tetapkan", args=[akar.perjanjian_id])).status_code == 404


def test_kotak_masuk_dan_kartu_beranda(client, rf, s, alur):
    akar, anak, h = alur
    r = masuk(client, s.kepala_bidang).get(reverse("kinerja:kotak_masuk"))
    isi = r.content.decode()
    assert r.status_code == 200 and "Hasil menunggu tinjauan saya (1)" in isi and "Separuh" not in isi
    assert reverse("kinerja:hasil_detail", args=[h.pk]) in isi
    req = rf.get("/")
    req.user = s.kepala_bidang.akun
    assert kartu_kotak_masuk(req)["kinerja"]["hasil"] == 1
    r = client.get(reverse("beranda"))
    assert "hasil menunggu tinjauan saya" in r.content.decode()
    req.user = s.staf_dpmptsp.akun
    assert kartu_kotak_masuk(req) is None
    r = masuk(client, s.staf_bidang).get(reverse("kinerja:kotak_masuk"))
    assert "Target saya" in r.content.decode() and "Bagian bidang" in r.content.decode()


def test_pk_baru_tambah_baris_simpan_lalu_tetapkan(client, s):
    masuk(client, s.kepala_dinas)
    url = reverse("kinerja:pk_baru")
    assert "Susun perjanjian kinerja" in client.get(url).content.decode()
    data = {"unit": s.dinas.pk, "tahun": TAHUN, "n_sasaran": 1, "s0-uraian": "Sasaran A", "s0-n": 1}
    data.update({"s0-i0-uraian": "Indikator A", "s0-i0-satuan": "dokumen", "s0-i0-target": "10"})
    r = client.post(url, {**data, "tambah": "indikator-0"})
    assert r.status_code == 200 and 'name="s0-i1-uraian"' in r.content.decode()
    assert not PerjanjianKinerja.objects.exists()
    # a bad number: its field's message, nothing written
    r = client.post(url, {**data, "s0-i0-target": "sepuluh"})
    assert r.status_code == 400 and "Harus angka" in r.content.decode()
    assert not PerjanjianKinerja.objects.exists()
    r = client.post(url, data)
    p = PerjanjianKinerja.objects.get()
    assert r.status_code == 302 and r.url == reverse("kinerja:pk_detail", args=[p.pk])
    r = client.post(reverse("kinerja:pk_tetapkan", args=[p.pk]))
    p.refresh_from_db()
    assert p.status == StatusPK.DITETAPKAN and p.target.count() == 1
    r = client.get(reverse("kinerja:pk_daftar"), {"tahun": TAHUN})
    assert r.status_code == 200 and s.dinas.nama in r.content.decode()


def test_tetapkan_oleh_bukan_pimpinan_403(client, s):
    p = services.perjanjian_susun(pelaku=s.kepala_dinas.akun, unit=s.dinas, tahun=TAHUN, sasaran=sasaran())
    r = masuk(client, s.kepala_bidang).post(reverse("kinerja:pk_tetapkan", args=[p.pk]))
    assert r.status_code == 403
    p.refresh_from_db()
    assert p.status == StatusPK.DRAF


def test_perubahan_pk(client, s):
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    url = reverse("kinerja:pk_ubah", args=[akar.perjanjian_id])
    masuk(client, s.kepala_dinas)
    assert "Indikator 1" in client.get(url).content.decode()
    data = {"alasan": "Refocusing", "n_sasaran": 1, "s0-uraian": "Sasaran B", "s0-n": 1}
    data.update({"s0-i0-uraian": "Indikator 1", "s0-i0-satuan": "dokumen", "s0-i0-target": "120"})
    assert client.post(url, data).status_code == 302
    assert PerjanjianKinerja.objects.filter(status=StatusPK.DRAF, versi=2).exists()


def test_turunkan_strategi_rencana_setujui(client, s):
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    masuk(client, s.kepala_dinas)
    url = reverse("kinerja:target_turunkan", args=[akar.pk])
    r = client.post(url, {"unit": s.bidang.pk, "uraian": "Bagian bidang", "satuan": "dokumen", "target": "abc"})
    assert r.status_code == 400 and not Target.objects.filter(induk=akar).exists()
    r = client.post(url, {"unit": s.bidang.pk, "uraian": "Bagian bidang", "satuan": "dokumen", "target": "60"})
    anak = Target.objects.get(induk=akar)
    assert r.status_code == 302 and anak.unit == s.bidang
    masuk(client, s.kepala_bidang)
    r = client.post(reverse("kinerja:target_strategi", args=[anak.pk]), {"cara": "individu", "lintas_unit": "on"})
    anak.refresh_from_db()
    assert r.status_code == 302 and anak.cara == "individu" and anak.lintas_unit
    isi = client.get(reverse("kinerja:target_detail", args=[anak.pk])).content.decode()
    assert "Ajukan pelibatan pegawai (alur B)" in isi and "rujukan=kinerja.target" in isi
    # a plan through the row form: a date outside the year is a field error on its row
    masuk(client, s.staf_bidang)
    url = reverse("kinerja:rencana_baru", args=[anak.pk])
    data = {"n_kegiatan": 1, "k0-uraian": "Menyusun", "k0-mulai": f"{TAHUN}-02-01", "k0-selesai": f"{TAHUN}-04-30"}
    data.update({"k0-pelaksana": [s.staf_bidang.nip], "k0-n": 1, "k0-a0-uraian": "Rapat", "k0-a0-jumlah": "1500000"})
    r = client.post(url, {**data, "k0-selesai": f"{TAHUN + 1}-01-05"})
    assert r.status_code == 400 and "Kegiatan berada dalam tahun target" in r.content.decode()
    assert not RencanaKegiatan.objects.exists()
    r = client.post(url, {**data, "tambah": "anggaran-0"})
    assert r.status_code == 200 and 'name="k0-a1-jumlah"' in r.content.decode()
    assert client.post(url, data).status_code == 302
    rencana = RencanaKegiatan.objects.get()
    assert rencana.status == StatusRencana.DIAJUKAN
    # only the owner approves
    assert client.post(reverse("kinerja:rencana_setujui", args=[rencana.pk])).status_code == 403
    masuk(client, s.kepala_bidang)
    assert "Setujui" in client.get(reverse("kinerja:target_detail", args=[anak.pk])).content.decode()
    assert client.post(reverse("kinerja:rencana_setujui", args=[rencana.pk])).status_code == 302
    rencana.refresh_from_db()
    assert rencana.status == StatusRencana.DISETUJUI
    isi = client.get(reverse("kinerja:target_detail", args=[anak.pk])).content.decode()
    assert "gantt-m2 gantt-s3" in isi and "Rp1.500.000" in isi


def test_progres_realisasi_rincian(client, s, alur):
    akar, anak, h = alur
    k = anak.rencana.get().kegiatan.get()
    masuk(client, s.staf_bidang)
    hari = dt.date.today().isoformat()
    url = reverse("kinerja:progres_catat", args=[k.pk])
    r = client.post(url, {"tanggal": hari, "uraian": "Draf", "persen": "150"})
    assert r.status_code == 400 and not Progres.objects.exists()
    assert client.post(url, {"tanggal": hari, "uraian": "Draf", "persen": "40"}).status_code == 302
    k.refresh_from_db()
    assert k.persen == 40
    url = reverse("kinerja:realisasi_catat", args=[k.pk])
    r = client.post(url, {"tanggal": hari, "uraian": "Konsumsi", "jumlah": "5000000"})
    assert r.status_code == 400 and "Melebihi sisa anggaran" in r.content.decode()
    assert client.post(url, {"tanggal": hari, "uraian": "Konsumsi", "jumlah": "250000"}).status_code == 302
    assert Realisasi.objects.get().jumlah == 250_000
    isi = client.get(reverse("kinerja:kegiatan_detail", args=[k.pk])).content.decode()
    assert "Rp750.000" in isi
    url = reverse("kinerja:rincian_catat", args=[k.pk])
    assert (
        client.post(url, {"uraian": "Menulis bab 1", "pegawai": s.staf_bidang.pk, "peran": "Penulis"}).status_code
        == 302
    )
    # someone else in the Dinas sees the activity but may not record on it
    r = masuk(client, s.kepala_dinas).post(
        reverse("kinerja:progres_catat", args=[k.pk]), {"tanggal": hari, "uraian": "X", "persen": "50"}
    )
    assert r.status_code == 403 and Progres.objects.count() == 1


def test_hasil_ajukan_terima_kembalikan_ajukan_ulang(client, s):
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    anak = turun(s, akar)
    rencana_disetujui(anak, s.kepala_bidang, s.staf_bidang)
    masuk(client, s.staf_bidang)
    url = reverse("kinerja:hasil_baru", args=[anak.pk])
    assert client.post(url, {"capaian": "-1", "uraian": "x"}).status_code == 400
    assert client.post(url, {"capaian": "60", "uraian": "Selesai"}).status_code == 302
    h = Hasil.objects.get()
    assert h.peninjau == s.kepala_bidang
    masuk(client, s.kepala_bidang)
    assert "Terima" in client.get(reverse("kinerja:hasil_detail", args=[h.pk])).content.decode()
    assert client.post(reverse("kinerja:hasil_terima", args=[h.pk])).status_code == 302
    h.refresh_from_db()
    assert h.peninjau == s.kepala_dinas
    masuk(client, s.kepala_dinas)
    r = client.post(reverse("kinerja:hasil_kembalikan", args=[h.pk]), {"catatan": ""})
    assert r.status_code == 400 and "galat-isian" in r.content.decode()
    assert client.post(reverse("kinerja:hasil_kembalikan", args=[h.pk]), {"catatan": "Lampiran"}).status_code == 302
    h.refresh_from_db()
    assert h.status == StatusHasil.DIKEMBALIKAN
    masuk(client, s.staf_bidang)
    assert "Ajukan kembali" in client.get(reverse("kinerja:hasil_detail", args=[h.pk])).content.decode()
    r = client.post(reverse("kinerja:hasil_ajukan_ulang", args=[h.pk]), {"capaian": "60", "uraian": "Lengkap"})
    h.refresh_from_db()
    assert r.status_code == 302 and h.status == StatusHasil.DITINJAU and h.putaran == 2


def test_umpan_balik_dan_laporan(client, s, alur):
    akar, anak, h = alur
    masuk(client, s.kepala_bidang)
    url = reverse("kinerja:umpan_balik_kirim", args=[anak.pk])
    assert client.post(url, {"isi": ""}).status_code == 400
    assert client.post(url, {"isi": "Percepat", "kepada": s.staf_bidang.pk}).status_code == 302
    u = anak.umpan_balik.get()
    masuk(client, s.staf_bidang)
    assert "Tandai dibaca" in client.get(reverse("kinerja:target_detail", args=[anak.pk])).content.decode()
    assert client.post(reverse("kinerja:umpan_balik_baca", args=[u.pk])).status_code == 302
    u.refresh_from_db()
    assert u.dibaca is not None
    r = client.post(reverse("kinerja:laporan_sampaikan", args=[anak.pk]), {"isi": "Berjalan baik"})
    assert r.status_code == 302 and anak.laporan.get().kepada == s.kepala_dinas


def _hitung(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_jumlah_kueri_tetap(client, s, alur):
    akar, anak, h = alur
    masuk(client, s.kepala_bidang)
    urls = [
        reverse("kinerja:kotak_masuk"),
        reverse("kinerja:pk_daftar"),
        reverse("kinerja:target_detail", args=[anak.pk]),
        reverse("kinerja:pk_detail", args=[akar.perjanjian_id]),
    ]
    for u in urls:  # warms the process-wide ContentType cache the permission checks use
        client.get(u)
    sebelum = [_hitung(client, u) for u in urls]
    # more of everything: targets, a second plan version with more activities, results, feedback
    for i in range(2):
        t = (
            services.target_turunkan(
                pelaku=s.kepala_bidang.akun,
                target=anak,
                unit=s.seksi_bidang,
                uraian=f"T{i}",
                satuan="x",
                target_nilai=1,
            )
            if hasattr(s, "seksi_bidang")
            else turun(s, akar)
        )
        services.target_strategi(pelaku=s.kepala_bidang.akun, target=t, cara="individu")
        rencana_disetujui(t, s.kepala_bidang, s.staf_bidang)
        services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=1, uraian="x")
    r = services.rencana_susun(
        pelaku=s.staf_bidang.akun,
        target=anak,
        kegiatan=kegiatan(s.staf_bidang) * 3,
        alasan="Tambah kegiatan",
    )
    services.rencana_setujui(pelaku=s.kepala_bidang.akun, rencana=r)
    services.umpan_balik_kirim(pelaku=s.kepala_bidang.akun, target=anak, isi="a", kepada=s.staf_bidang)
    sesudah = [_hitung(client, u) for u in urls]
    assert sebelum == sesudah
