"""Layanan in the demo (`muat_demo_layanan`, after `muat_demo`), once: seed 001's standard word for word as the
Bagian Organisasi's own service with two versions, more services (one a draft), survey answers for two years
with differing indices (one mutu C), unused survey codes, complaints in every state with one overdue, and
the codes a tester needs printed. One test: the organisasi demo takes a while to load."""

import datetime as dt
import re
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from layanan import demo, selectors, services
from layanan.choices import StatusPengaduan, StatusVersi
from layanan.dokumen import html_standar
from layanan.models import KodeSurvei, Layanan, Pengaduan, Responden, RiwayatLayanan, Tanggapan
from organisasi.selectors import hari_ini, perangkat_daerah, pimpinan_unit_pada

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def test_muat_demo_layanan_sekali(settings, tmp_path):
    settings.DEBUG, settings.MEDIA_ROOT = True, tmp_path
    with pytest.raises(CommandError):
        call_command("muat_demo_layanan")  # the organisasi demo first
    call_command("muat_demo")
    keluar = StringIO()
    mulai = time.monotonic()
    call_command("muat_demo_layanan", stdout=keluar)
    detik = time.monotonic() - mulai
    print(f"\nmuat_demo_layanan: {detik:.1f} s")
    assert detik < 20  # target under 10 s; generous while other test runs share the machine
    hari = hari_ini()

    # seed 001, word for word, each "a) …" item on its own line, the Bagian Organisasi's, versions 1 and 2
    k = Layanan.objects.get(kode=demo.KODE_KONSULTASI)
    assert k.unit.kode == "setda-bag-organisasi" and k.nama.startswith("Konsultasi Penyusunan Pelaporan LAKIP")
    v = k.versi_berlaku
    assert v.nomor == 2 and v.status == StatusVersi.BERLAKU
    assert v.biaya == "Tidak dipungut biaya" and v.jumlah_pelaksana == "7 orang"
    assert v.pengawasan_internal == "Evaluasi secara berkala oleh Kepala Bagian Organisasi"
    assert v.jangka_waktu == "Sesuai kebutuhan" and v.produk == "Konsultasi Penyusunan Laporan"
    assert v.sarana.split("\n") == [
        "a) Komputer;",
        "b) Surat atau email;",
        "c) Telepon atau faksimil;",
        "d) Jaringan internet;",
        "e) Materi.",
    ]
    dasar = v.dasar_hukum.split("\n")
    assert [b[:2] for b in dasar] == ["a)", "b)", "c)", "d)", "e)", "f)", "g)"]
    assert dasar[5].startswith("f) Peraturan Daerah Kota Malang Nomor 5 Tahun 2012")  # the source's text, kept
    assert "c) Mampu menyimpulkan berdasarkan hasil pembahasan dan analisa;" in v.kompetensi_pelaksana.split("\n")
    assert "bag-organisasi@malangkota.go.id" in v.pengaduan
    assert v.jaminan_keamanan == "Termasuk dalam prosedur mutu ISO 9001:2008 Sekretariat Daerah Kota Malang"
    assert "kata demi kata" in v.catatan_perubahan
    v1 = k.versi.get(nomor=1)
    assert v1.status == StatusVersi.DIGANTI and v1.berlaku_sampai == v.berlaku_sejak
    assert v1.berlaku_sejak.date() < v.berlaku_sejak.date() and "0341" not in v1.pengaduan
    assert RiwayatLayanan.objects.filter(layanan=k, aksi="versi_terbit").count() == 2

    # more services, published by their heads; one left as a draft
    assert Layanan.objects.count() == 6
    draf = Layanan.objects.get(versi_berlaku__isnull=True)
    assert draf.versi.get().status == StatusVersi.DRAF
    terbit = list(selectors.layanan_publik())
    assert len(terbit) == 5

    # survey answers last year and this year, indices that differ, one service mutu C, profiles some of the time
    mutu = {}
    for layanan in terbit:
        for tahun in (hari.year - 1, hari.year):
            n = Responden.objects.filter(layanan=layanan, tanggal__year=tahun).count()
            assert 150 <= n <= 400, (layanan.kode, tahun, n)
        h = selectors.ikm(skema=layanan.skema_survei, layanan=layanan, mulai=dt.date(hari.year, 1, 1), selesai=hari)
        mutu[layanan.kode] = (h.ikm, h.mutu.mutu)
    assert len({ikm for ikm, _ in mutu.values()}) == 5
    assert mutu["surat-keterangan-kepanjen"][1] == "C" and mutu[demo.KODE_KONSULTASI][1] == "A"
    assert Responden.objects.filter(usia__isnull=True, jenis_kelamin="").exists()
    assert Responden.objects.filter(usia__isnull=False, jenis_kelamin__in=["L", "P"], pendidikan__gt="").exists()
    assert KodeSurvei.objects.filter(dipakai__isnull=True).count() == 10

    # complaints in every state, one overdue, answers published, one about no service
    status = set(Pengaduan.objects.values_list("status", flat=True))
    assert status == {StatusPengaduan.DITERIMA, StatusPengaduan.DIPROSES, StatusPengaduan.SELESAI}
    assert Pengaduan.objects.filter(selectors.terlambat_q()).count() == 1
    assert Tanggapan.objects.filter(diterbitkan__isnull=False).count() == 3
    assert Pengaduan.objects.filter(unit__isnull=True, status=StatusPengaduan.DITERIMA).exists()

    # the summary prints the codes a tester looks up
    teks = keluar.getvalue()
    lacak = re.findall(r"kode lacak ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", teks)
    assert len(lacak) == Pengaduan.objects.count() == 6
    assert all(Pengaduan.objects.filter(kode_lacak=services.normal_lacak(x)).exists() for x in lacak)
    assert "terlambat" in teks and "mutu C" in teks
    for kode in re.findall(r"\b([0-9A-Z]{4}-[0-9A-Z]{4})\b(?!-)", teks.split("kode lacak")[0]):
        assert KodeSurvei.objects.filter(kode=services.normal_kode(kode), dipakai__isnull=True).exists()

    # the seed's standard prints, signed by the Sekretaris Daerah of the publish date
    r = Client().get(f"/layanan/{demo.KODE_KONSULTASI}/standar.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    sekda = pimpinan_unit_pada(perangkat_daerah(k.unit), v.berlaku_sejak.date())["memimpin"].pegawai
    html = html_standar(v)
    assert sekda.nama in html and "Tidak dipungut biaya" in html

    # a second run changes nothing
    sebelum = (Layanan.objects.count(), Responden.objects.count(), Pengaduan.objects.count())
    call_command("muat_demo_layanan", stdout=StringIO())
    assert (Layanan.objects.count(), Responden.objects.count(), Pengaduan.objects.count()) == sebelum
