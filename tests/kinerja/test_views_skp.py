"""The appraisal's pages: who reads an SKP (the person, the PPK, the atasan PPK, the Bagian Organisasi; a
colleague in the same unit and someone outside get 404), the forms run the transitions and give
Indonesian field errors (never a 500), the distribution chart turns red and holds finalising until the
rating is corrected or a reason is given, and the lists answer in a constant number of queries."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import services
from kinerja.bagian_skp import bagian_profil_skp, kartu_skp
from kinerja.choices import StatusEvaluasi, StatusKeberatan, StatusSkp
from kinerja.models import (
    CatatanSkp,
    DokumenKinerja,
    Evaluasi,
    PredikatOrganisasiTahunan,
    RencanaPengembangan,
    Skp,
    TindakLanjut,
    UmpanBalikSkp,
)
from kinerja.selectors_skp import distribusi
from kinerja.views.skp_grafik import grafik_distribusi
from penugasan.models import AnggotaTim, TimKerja
from tests import factories as f

from .conftest import TAHUN, pk_berlaku

pytestmark = pytest.mark.django_db

AKHIR_TAHUN = dt.date(TAHUN, 12, 31)


def masuk(client, p):
    client.force_login(p.akun if hasattr(p, "akun") else p)
    return client


def hasil_kerja(intervensi, uraian="Tersusunnya dokumen pelayanan"):
    return [
        {
            "uraian": uraian,
            "jenis": "utama",
            "intervensi": intervensi,
            "indikator": [{"uraian": "Jumlah dokumen", "aspek": "kuantitas", "target": 4, "satuan": "dokumen"}],
        }
    ]


def skp_disetujui(orang, ppk, intervensi):
    skp = services.skp_susun(pelaku=orang.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(intervensi))
    services.skp_ajukan(pelaku=orang.akun, skp=skp)
    return services.skp_setujui(pelaku=ppk.akun, skp=skp)


def nilai(ppk, skp, periode, rh="sesuai", rp="sesuai"):
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=AKHIR_TAHUN):
        return services.evaluasi_nilai(pelaku=ppk.akun, skp=skp, periode=periode, rating_hasil=rh, rating_perilaku=rp)


@pytest.fixture
def dunia(s):
    """Dinas (pola 2): PK set; the staff member's SKP approved by the Kepala Bidang (PPK), the Kepala Dinas
    above; a colleague in the same bidang."""
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, f"target:{target.pk}")
    s.rekan = f.pegawai(s.bidang, nama="Rekan Bidang")
    return target, skp


def test_halaman_skp_bagi_pegawai_ppk_atasan_admin_dan_404_bagi_rekan_dan_orang_luar(
    client, s, dunia, admin_organisasi
):
    target, skp = dunia
    ev = nilai(s.kepala_bidang, skp, f"{TAHUN}-T1")
    dok = DokumenKinerja.objects.get(skp=skp, evaluasi=None)
    url = reverse("kinerja:skp_detail", args=[skp.pk])
    for siapa, teks in (
        (s.staf_bidang, "Catat kemajuan"),
        (s.kepala_bidang, "Tetapkan evaluasi"),
        (s.kepala_dinas, "Distribusi predikat"),
        (admin_organisasi, "Riwayat"),
    ):
        r = masuk(client, siapa).get(url)
        assert r.status_code == 200, siapa
        assert teks in r.content.decode(), siapa
        assert "Tersusunnya dokumen pelayanan" in r.content.decode()
    for siapa in (s.rekan, s.staf_dpmptsp, s.kepala_upt5):
        masuk(client, siapa)
        assert client.get(url).status_code == 404
        assert client.get(reverse("kinerja:skp_ubah", args=[skp.pk])).status_code == 404
        for nama, pk, data in (
            ("kinerja:skp_ajukan", skp.pk, {}),
            ("kinerja:skp_setujui", skp.pk, {}),
            ("kinerja:skp_umpan_balik", skp.pk, {"isi": "Bagus"}),
            (
                "kinerja:skp_nilai",
                skp.pk,
                {"periode": str(TAHUN), "rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
            ),
            ("kinerja:skp_nilai_ulang", ev.pk, {"rating_hasil": "di_atas", "rating_perilaku": "di_atas"}),
            ("kinerja:skp_tetapkan", ev.pk, {"alasan": "x"}),
            ("kinerja:skp_keberatan", ev.pk, {"alasan": "x"}),
            ("kinerja:skp_tindak_lanjut", ev.pk, {"jenis": "pembinaan", "uraian": "x"}),
            ("kinerja:skp_tandatangani", dok.pk, {}),
            ("kinerja:skp_masukan_ketua", skp.pk, {"isi": "x"}),
        ):
            assert client.post(reverse(nama, args=[pk]), data).status_code == 404, (siapa, nama)
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.DINILAI and ev.predikat == "baik"
    assert not UmpanBalikSkp.objects.exists()
    # the colleague's own page lists nothing of the staff member's
    r = masuk(client, s.rekan).get(reverse("kinerja:skp_saya"))
    assert r.status_code == 200 and "Tersusunnya" not in r.content.decode()
    r = client.get(reverse("kinerja:ppk_staf"))
    assert r.status_code == 200 and s.staf_bidang.nama not in r.content.decode()


def _baris(hasil="Laporan pelayanan", target="4", intervensi=""):
    return {
        "tahun": str(TAHUN),
        "n_hasil": "1",
        "h0-uraian": hasil,
        "h0-jenis": "utama",
        "h0-pendekatan": "kuantitatif",
        "h0-intervensi": intervensi,
        "h0-n": "1",
        "h0-k0-uraian": "Jumlah laporan",
        "h0-k0-aspek": "kuantitas",
        "h0-k0-target": target,
        "h0-k0-satuan": "laporan",
        "perilaku-akuntabel": "Laporan tepat waktu",
        "lampiran-sumber_daya": "Anggaran bidang",
    }


def test_susun_ubah_ajukan_setujui_lewat_halaman(client, s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    hk_ppk = services.skp_susun(
        pelaku=s.kepala_bidang.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(f"target:{target.pk}", "Hasil pimpinan")
    ).hasil_kerja.get()
    masuk(client, s.staf_bidang)
    url = reverse("kinerja:skp_baru")
    isi = client.get(url).content.decode()
    assert f'value="hasil_kerja:{hk_ppk.pk}"' in isi and f'value="target:{target.pk}"' in isi
    assert "Hasil pimpinan" in isi and "Berorientasi Pelayanan" in isi
    # rows are added on the server
    r = client.post(url, {**_baris(), "tambah": "indikator-0"})
    assert r.status_code == 200 and 'name="h0-k1-uraian"' in r.content.decode()
    r = client.post(url, {**_baris(), "tambah": "hasil"})
    assert 'name="h1-uraian"' in r.content.decode() and not Skp.objects.filter(pegawai=s.staf_bidang).exists()
    # bad input: Indonesian messages on the rows, nothing written
    r = client.post(url, _baris(target="empat", intervensi=f"hasil_kerja:{hk_ppk.pk}"))
    assert r.status_code == 400 and "Harus angka" in r.content.decode()
    r = client.post(url, _baris(intervensi=""))
    assert r.status_code == 400 and "pilih salah satu" in r.content.decode()
    r = client.post(url, {**_baris(intervensi="hasil_kerja:999999"), "tahun": str(TAHUN - 5)})
    assert r.status_code == 400 and "pilihan yang tersedia" in r.content.decode()
    r = client.post(
        url, {**_baris(intervensi="hasil_kerja:999999"), "h0-k0-aspek": "rasa", "perilaku-akuntabel": "x" * 3000}
    )
    isi = r.content.decode()
    assert r.status_code == 400 and "Bukan hasil kerja dalam SKP PPK Anda" in isi and "Pilih salah satu" in isi
    assert not Skp.objects.filter(pegawai=s.staf_bidang).exists()
    # forged row counts: a message, not a 500
    r = client.post(url, {**_baris(), "n_hasil": "x"})
    assert r.status_code == 400 and "Susunan baris formulir tidak sah" in r.content.decode()
    r = client.post(url, _baris(intervensi=f"hasil_kerja:{hk_ppk.pk}"))
    skp = Skp.objects.get(pegawai=s.staf_bidang)
    assert r.status_code == 302 and r.url == reverse("kinerja:skp_detail", args=[skp.pk])
    assert skp.perilaku.get(nilai="akuntabel").ekspektasi == "Laporan tepat waktu"
    assert skp.lampiran_sumber_daya == "Anggaran bidang"
    # a second SKP for the same year: the service's refusal as a message
    r = client.post(url, _baris(intervensi=f"hasil_kerja:{hk_ppk.pk}"))
    assert r.status_code == 409 and "sudah memiliki SKP" in r.content.decode()

    # changing: the rows come back with their ids, the PPK's change above shows
    url_ubah = reverse("kinerja:skp_ubah", args=[skp.pk])
    hk = skp.hasil_kerja.get()
    isi = client.get(url_ubah).content.decode()
    assert f'name="h0-id" value="{hk.pk}"' in isi and "Laporan pelayanan" in isi
    services.skp_ubah(
        pelaku=s.kepala_bidang.akun,
        skp=hk_ppk.skp,
        hasil_kerja=[hasil_kerja(f"target:{target.pk}", "Hasil pimpinan diubah")[0] | {"id": hk_ppk.pk}],
    )
    isi = client.get(url_ubah).content.decode()
    assert "berubah sejak SKP ini disusun" in isi and "Hasil pimpinan diubah" in isi
    data = _baris("Laporan pelayanan triwulanan", intervensi=f"hasil_kerja:{hk_ppk.pk}") | {"h0-id": str(hk.pk)}
    data.pop("tahun")
    assert client.post(url_ubah, data).status_code == 302
    hk.refresh_from_db()
    assert hk.uraian == "Laporan pelayanan triwulanan"
    assert "berubah sejak" not in client.get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()

    # the PPK cannot change it; the person submits; the PPK returns without a note (400), then approves
    r = masuk(client, s.kepala_bidang).get(url_ubah)
    assert r.status_code == 403
    masuk(client, s.staf_bidang)
    r = client.post(reverse("kinerja:skp_ajukan", args=[skp.pk]))
    assert r.status_code == 302
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN
    assert client.post(reverse("kinerja:skp_setujui", args=[skp.pk])).status_code == 403
    masuk(client, s.kepala_bidang)
    assert "Setujui SKP" in client.get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()
    r = client.post(reverse("kinerja:skp_kembalikan", args=[skp.pk]), {"catatan": ""})
    assert r.status_code == 400 and "galat-isian" in r.content.decode()
    r = client.post(reverse("kinerja:skp_kembalikan", args=[skp.pk]), {"catatan": "Tambah indikator waktu"})
    skp.refresh_from_db()
    assert r.status_code == 302 and skp.status == StatusSkp.DIKEMBALIKAN
    masuk(client, s.staf_bidang)
    assert "Tambah indikator waktu" in client.get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()
    client.post(reverse("kinerja:skp_ajukan", args=[skp.pk]))
    masuk(client, s.kepala_bidang)
    assert client.post(reverse("kinerja:skp_setujui", args=[skp.pk])).status_code == 302
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI
    assert DokumenKinerja.objects.filter(skp=skp, jenis="skp").exists()


def test_jpt_memilih_target_dan_perspektif(client, s):
    target = pk_berlaku(s.kepala_setda, s.setda)
    masuk(client, s.kepala_asisten)
    url = reverse("kinerja:skp_baru")
    isi = client.get(url).content.decode()
    assert 'name="h0-perspektif"' in isi and "Perspektif Proses Bisnis" in isi
    r = client.post(url, _baris(intervensi=f"target:{target.pk}"))
    assert r.status_code == 400 and "Pilih salah satu" in r.content.decode()  # perspektif required for JPT
    r = client.post(url, _baris(intervensi=f"target:{target.pk}") | {"h0-perspektif": "proses_bisnis"})
    assert r.status_code == 302
    assert Skp.objects.get(pegawai=s.kepala_asisten).model == "jpt"


def test_pemantauan_catatan_umpan_balik_pengembangan(client, s, dunia):
    target, skp = dunia
    hk = skp.hasil_kerja.get()
    url = reverse("kinerja:skp_detail", args=[skp.pk])
    masuk(client, s.staf_bidang)
    r = client.post(
        reverse("kinerja:skp_catatan", args=[skp.pk]), {"uraian": "", "realisasi": "-1", "bukti": "bukan url"}
    )
    assert r.status_code == 400 and not CatatanSkp.objects.exists()
    isi = r.content.decode()
    assert "harus diisi" in isi
    r = client.post(
        reverse("kinerja:skp_catatan", args=[skp.pk]),
        {"uraian": "Dua dokumen selesai", "hasil_kerja": str(hk.pk), "periode": f"{TAHUN}-T1", "realisasi": "2"},
    )
    assert r.status_code == 302 and CatatanSkp.objects.get().hasil_kerja == hk
    r = client.post(reverse("kinerja:skp_catatan", args=[skp.pk]), {"uraian": "x", "hasil_kerja": "999"})
    assert r.status_code == 400 and "pilihan yang tersedia" in r.content.decode()
    r = client.post(reverse("kinerja:skp_umpan_balik", args=[skp.pk]), {"isi": "Mohon arahan"})
    assert r.status_code == 302
    masuk(client, s.kepala_bidang)
    assert client.post(reverse("kinerja:skp_umpan_balik", args=[skp.pk]), {"isi": ""}).status_code == 400
    assert client.post(reverse("kinerja:skp_umpan_balik", args=[skp.pk]), {"isi": "Lanjutkan"}).status_code == 302
    r = client.post(reverse("kinerja:skp_pengembangan", args=[skp.pk]), {"jenis": "lain", "uraian": "x"})
    assert r.status_code == 400 and "pilihan yang tersedia" in r.content.decode()
    r = client.post(
        reverse("kinerja:skp_pengembangan", args=[skp.pk]),
        {"jenis": "coaching", "uraian": "Coaching penulisan laporan", "rencana_selesai": f"{TAHUN}-06-30"},
    )
    assert r.status_code == 302
    rencana = RencanaPengembangan.objects.get()
    assert client.post(reverse("kinerja:skp_pengembangan_terlaksana", args=[rencana.pk])).status_code == 302
    rencana.refresh_from_db()
    assert rencana.terlaksana
    assert client.post(reverse("kinerja:skp_pengembangan_terlaksana", args=[rencana.pk])).status_code == 409
    isi = client.get(url).content.decode()
    assert "Dua dokumen selesai" in isi and "Mohon arahan" in isi and "Coaching penulisan laporan" in isi
    # the atasan PPK reads but does not write the dialogue
    assert (
        masuk(client, s.kepala_dinas).post(reverse("kinerja:skp_umpan_balik", args=[skp.pk]), {"isi": "x"}).status_code
        == 403
    )


def test_masukan_ketua_dibaca_ppk(client, s, dunia):
    target, skp = dunia
    ketua = f.pegawai(s.dinas, nama="Ketua Tim Mutu")
    tim = TimKerja.objects.create(
        nama="Tim Mutu",
        tujuan="Mutu layanan",
        unit_pemilik=s.dinas,
        sifat="rutin",
        mulai=dt.date(TAHUN, 1, 1),
        selesai=dt.date(TAHUN, 12, 31),
        ketua=ketua,
    )
    AnggotaTim.objects.create(tim=tim, pegawai=s.staf_bidang, mulai=dt.date(TAHUN, 1, 1))
    masuk(client, ketua)
    # the ketua does not read the SKP, but gives input from the list
    assert client.get(reverse("kinerja:skp_detail", args=[skp.pk])).status_code == 404
    isi = client.get(reverse("kinerja:ppk_staf")).content.decode()
    assert "Masukan sebagai ketua tim" in isi and s.staf_bidang.nama in isi
    url = reverse("kinerja:skp_masukan_ketua", args=[skp.pk])
    r = client.post(url, {"isi": ""})
    assert r.status_code == 400 and "galat-isian" in r.content.decode()
    r = client.post(url, {"isi": "Teliti dan tepat waktu di tim", "periode": f"{TAHUN}-T1"})
    assert r.status_code == 302
    assert UmpanBalikSkp.objects.get().sebagai == "ketua"
    isi = masuk(client, s.kepala_bidang).get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()
    assert "Masukan ketua tim" in isi and "Teliti dan tepat waktu di tim" in isi


@pytest.fixture
def unit_baik(s, dunia, admin_organisasi):
    """The Dinas with organisation predikat `baik`: two colleagues rated for the year, one baik and one
    butuh perbaikan (so far the spread holds)."""
    target, skp = dunia
    services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.dinas, tahun=TAHUN, predikat="baik")
    lain = []
    for nama, rating in (("Staf Baik", ("sesuai", "sesuai")), ("Staf Perbaikan", ("di_bawah", "sesuai"))):
        p = f.pegawai(s.bidang, nama=nama)
        k = skp_disetujui(p, s.kepala_bidang, f"target:{target.pk}")
        lain.append(nilai(s.kepala_bidang, k, str(TAHUN), *rating))
    return skp, lain


def test_nilai_distribusi_merah_koreksi_tetapkan_tanda_tangan(client, s, unit_baik):
    skp, lain = unit_baik
    url = reverse("kinerja:skp_detail", args=[skp.pk])
    masuk(client, s.kepala_bidang)
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=AKHIR_TAHUN):
        isi = client.get(url + f"?periode={TAHUN}").content.decode()
        assert 'data-sesuai="ya"' in isi and f'id="nilai-{TAHUN}"' in isi
        # bad input first: a missing rating is a field error
        r = client.post(reverse("kinerja:skp_nilai", args=[skp.pk]), {"periode": str(TAHUN), "rating_hasil": "sesuai"})
        assert (
            r.status_code == 400
            and "galat-isian" in r.content.decode()
            and not Evaluasi.objects.filter(skp=skp).exists()
        )
        r = client.post(
            reverse("kinerja:skp_nilai", args=[skp.pk]),
            {"periode": f"{TAHUN}-T9", "rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
        )
        assert r.status_code == 400 and f"Periode tahun {TAHUN}" in r.content.decode()
        r = client.post(
            reverse("kinerja:skp_nilai", args=[skp.pk]),
            {"periode": str(TAHUN), "rating_hasil": "sesuai", "rating_perilaku": "sesuai", "catatan": "Tepat waktu"},
        )
        assert r.status_code == 302 and f"periode={TAHUN}" in r.url
    ev = Evaluasi.objects.get(skp=skp)
    assert ev.predikat == "baik"
    # two of three baik (67%) but nobody... one butuh perbaikan: still within; add a third baik → 3 of 4 = 75%
    isi = client.get(url + f"?periode={TAHUN}").content.decode()
    assert 'data-sesuai="ya"' in isi
    k2 = skp_disetujui(
        f.pegawai(s.bidang, nama="Staf Ketiga"), s.kepala_bidang, skp.hasil_kerja.get().intervensi_target_id
    )
    nilai(s.kepala_bidang, k2, str(TAHUN))
    isi = client.get(url + f"?periode={TAHUN}").content.decode()
    assert 'data-sesuai="tidak"' in isi and "skp-langgar" in isi and "Distribusi belum sesuai" in isi
    assert "Paling banyak 70% pegawai berpredikat Baik" in isi and "Alasan penyimpangan distribusi" in isi
    # finalising is held (409) with the broken rule named
    r = client.post(reverse("kinerja:skp_tetapkan", args=[ev.pk]), {"alasan": ""})
    assert r.status_code == 409 and "70% pegawai berpredikat Baik" in r.content.decode()
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.DINILAI
    # bad re-rating input, then the correction
    r = client.post(
        reverse("kinerja:skp_nilai_ulang", args=[ev.pk]), {"rating_hasil": "tinggi", "rating_perilaku": "sesuai"}
    )
    assert r.status_code == 400 and "pilihan yang tersedia" in r.content.decode()
    r = client.post(
        reverse("kinerja:skp_nilai_ulang", args=[ev.pk]), {"rating_hasil": "di_atas", "rating_perilaku": "di_atas"}
    )
    assert r.status_code == 302
    ev.refresh_from_db()
    assert ev.predikat == "sangat_baik"
    isi = client.get(url + f"?periode={TAHUN}").content.decode()
    assert 'data-sesuai="ya"' in isi
    assert client.post(reverse("kinerja:skp_tetapkan", args=[ev.pk]), {"alasan": ""}).status_code == 302
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.DITETAPKAN
    dok = DokumenKinerja.objects.get(evaluasi=ev)
    assert dok.jenis == "dokumen_evaluasi"
    # signatures: the person, the PPK, the atasan PPK; a second signature is a message. A signatory no longer
    # recorded on the SKP (the positions changed hands since) still reads it and signs.
    Skp.objects.filter(pk=skp.pk).update(atasan_ppk=None)
    for p in (s.staf_bidang, s.kepala_bidang, s.kepala_dinas):
        masuk(client, p)
        isi = client.get(url).content.decode()
        assert f'action="{reverse("kinerja:skp_tandatangani", args=[dok.pk])}"' in isi
        assert client.post(reverse("kinerja:skp_tandatangani", args=[dok.pk])).status_code == 302
    assert client.post(reverse("kinerja:skp_tandatangani", args=[dok.pk])).status_code == 409
    assert not dok.tanda_tangan.filter(waktu__isnull=True).exists()
    isi = client.get(url).content.decode()
    assert "Lengkap ditandatangani" in isi


def test_tetapkan_dengan_alasan_penyimpangan(client, s, unit_baik):
    skp, lain = unit_baik
    ev = nilai(s.kepala_bidang, skp, str(TAHUN), "di_atas", "sesuai")  # baik: 2 of 3 baik, one BP: fine
    k2 = skp_disetujui(
        f.pegawai(s.bidang, nama="Staf Ketiga"), s.kepala_bidang, skp.hasil_kerja.get().intervensi_target_id
    )
    nilai(s.kepala_bidang, k2, str(TAHUN))
    masuk(client, s.kepala_bidang)
    r = client.post(reverse("kinerja:skp_tetapkan", args=[ev.pk]), {"alasan": "Unit kecil; capaian merata"})
    assert r.status_code == 302
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.DITETAPKAN and ev.alasan_deviasi == "Unit kecil; capaian merata"


def test_keberatan_dan_putusan_atasan_tindak_lanjut(client, s, dunia):
    target, skp = dunia
    ev = nilai(s.kepala_bidang, skp, str(TAHUN), "di_bawah", "sesuai")
    services.evaluasi_tetapkan(pelaku=s.kepala_bidang.akun, evaluasi=ev)
    url = reverse("kinerja:skp_detail", args=[skp.pk])
    masuk(client, s.staf_bidang)
    assert "Ajukan keberatan" in client.get(url).content.decode()
    r = client.post(reverse("kinerja:skp_keberatan", args=[ev.pk]), {"alasan": ""})
    assert r.status_code == 400
    r = client.post(reverse("kinerja:skp_keberatan", args=[ev.pk]), {"alasan": "Target tercapai, bukti terlampir"})
    assert r.status_code == 302
    k = ev.keberatan.get()
    # the PPK does not decide; the atasan PPK does, with reasons and new ratings when accepting
    masuk(client, s.kepala_bidang)
    r = client.post(reverse("kinerja:skp_keberatan_putus", args=[k.pk]), {"diterima": "tidak", "putusan": "Tidak"})
    assert r.status_code == 403
    masuk(client, s.kepala_dinas)
    assert 'id="putus-' in client.get(url).content.decode()
    r = client.post(reverse("kinerja:skp_keberatan_putus", args=[k.pk]), {"diterima": "ya", "putusan": "Bukti sah"})
    assert r.status_code == 400 and "galat-isian" in r.content.decode()
    r = client.post(reverse("kinerja:skp_keberatan_putus", args=[k.pk]), {"diterima": "mungkin", "putusan": "x"})
    assert r.status_code == 400
    r = client.post(
        reverse("kinerja:skp_keberatan_putus", args=[k.pk]),
        {"diterima": "ya", "putusan": "Bukti sah", "rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
    )
    assert r.status_code == 302
    k.refresh_from_db()
    ev.refresh_from_db()
    assert k.status == StatusKeberatan.DITERIMA and ev.predikat == "baik"
    # follow-up by the PPK: a bad percentage is a field error
    masuk(client, s.kepala_bidang)
    url_tl = reverse("kinerja:skp_tindak_lanjut", args=[ev.pk])
    r = client.post(url_tl, {"jenis": "tunjangan", "uraian": "TPP", "persen_tpp": "500"})
    assert r.status_code == 400 and not TindakLanjut.objects.exists()
    r = client.post(url_tl, {"jenis": "tunjangan", "uraian": "TPP penuh", "persen_tpp": "100"})
    assert r.status_code == 302 and TindakLanjut.objects.get().persen_tpp == 100
    assert "TPP penuh" in client.get(url).content.decode()
    # the person may not record follow-up
    masuk(client, s.staf_bidang)
    assert client.post(url_tl, {"jenis": "penghargaan", "uraian": "x"}).status_code == 403


def test_distribusi_halaman_dan_predikat_organisasi(client, s, unit_baik, admin_organisasi):
    skp, lain = unit_baik
    url = reverse("kinerja:distribusi", args=[s.dinas.kode]) + f"?periode={TAHUN}"
    for siapa in (s.kepala_bidang, s.kepala_dinas, admin_organisasi):
        r = masuk(client, siapa).get(url)
        assert r.status_code == 200 and "Distribusi predikat Dinas Kesehatan" in r.content.decode()
    isi = masuk(client, s.kepala_bidang).get(url).content.decode()
    assert "Staf Perbaikan" in isi  # the PPK sees their own staff's evaluations
    for siapa in (s.staf_bidang, s.rekan, s.staf_dpmptsp, s.kepala_dpmptsp):
        assert masuk(client, siapa).get(url).status_code == 404, siapa
    assert client.get(reverse("kinerja:distribusi", args=[s.bidang.kode])).status_code == 404  # not a UO
    assert client.get(reverse("kinerja:distribusi", args=["tidak-ada"])).status_code == 404
    # only the Bagian Organisasi (for a PD) sets the organisation predikat; others get the form's refusal
    url_po = reverse("kinerja:skp_predikat_organisasi", args=[s.dinas.kode])
    masuk(client, s.kepala_dinas)
    assert "Tetapkan predikat organisasi" not in client.get(url).content.decode()
    r = client.post(url_po, {"tahun": TAHUN, "predikat": "istimewa"})
    assert r.status_code == 403
    masuk(client, admin_organisasi)
    assert "Tetapkan predikat organisasi" in client.get(url).content.decode()
    r = client.post(url_po, {"tahun": TAHUN, "predikat": "luar biasa"})
    assert r.status_code == 400 and "pilihan yang tersedia" in r.content.decode()
    r = client.post(url_po, {"tahun": "dua ribu", "predikat": "istimewa"})
    assert r.status_code == 400
    r = client.post(url_po, {"tahun": TAHUN, "predikat": "istimewa", "periode": str(TAHUN)})
    assert r.status_code == 302 and f"periode={TAHUN}" in r.url
    assert PredikatOrganisasiTahunan.objects.get(unit=s.dinas, tahun=TAHUN).predikat == "istimewa"
    # the head of a PD sets it for a UPT below
    masuk(client, s.kepala_dinas)
    url_upt = reverse("kinerja:skp_predikat_organisasi", args=[s.upt5.kode])
    assert client.post(url_upt, {"tahun": TAHUN, "predikat": "baik"}).status_code == 302


def test_grafik_merah_per_aturan():
    d = {
        "unit": "u",
        "periode": str(TAHUN),
        "predikat_organisasi": "baik",
        "jumlah": {"sangat_baik": 0, "baik": 3, "butuh_perbaikan": 0, "kurang": 0, "sangat_kurang": 0},
        "total": 3,
        "aturan": [
            {"uraian": "Paling banyak 70% pegawai berpredikat Baik", "terpenuhi": False},
            {"uraian": "Harus ada pegawai berpredikat Butuh Perbaikan atau Kurang/Misconduct", "terpenuhi": False},
        ],
        "sesuai": False,
        "batas": {
            "sangat_baik": {"min": 0, "maks": 3},
            "baik": {"min": 0, "maks": 2},
            "butuh_perbaikan": {"min": 0, "maks": 3},
            "kurang": {"min": 0, "maks": 3},
            "sangat_kurang": {"min": 0, "maks": 3},
        },
    }
    g = grafik_distribusi(d)
    merah = {b["predikat"] for b in g["grafik"]["baris"] if b["langgar"]}
    assert merah == {"baik", "butuh_perbaikan", "kurang"}
    baik = next(b for b in g["grafik"]["baris"] if b["predikat"] == "baik")
    assert baik["dibatasi"] and baik["lebar"] > 0 and baik["pita_lebar"] < g["grafik"]["lebar"]


def test_grafik_tanpa_predikat_organisasi(s):
    g = grafik_distribusi(distribusi(s.dinas, str(TAHUN)))
    assert g["sesuai"] and not any(b["langgar"] or b["dibatasi"] for b in g["grafik"]["baris"])


def _kueri(client, url) -> list[str]:
    client.get(url)  # the session settles first
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
        assert r.status_code == 200
    return [x["sql"] for x in q.captured_queries]


def test_daftar_jumlah_kueri_tetap(client, s, unit_baik):
    skp, lain = unit_baik
    target = skp.hasil_kerja.get().intervensi_target
    nilai(s.kepala_bidang, skp, f"{TAHUN}-T1")
    halaman = [
        (s.kepala_bidang, reverse("kinerja:ppk_staf")),
        (s.kepala_bidang, reverse("kinerja:distribusi", args=[s.dinas.kode]) + f"?periode={TAHUN}"),
        (s.staf_bidang, reverse("kinerja:skp_saya")),
        (s.kepala_bidang, reverse("beranda")),
        (s.kepala_bidang, reverse("kinerja:skp_detail", args=[skp.pk])),
        (s.staf_bidang, reverse("kinerja:skp_detail", args=[skp.pk])),
    ]
    awal = [_kueri(masuk(client, p), url) for p, url in halaman]
    # more staff, more evaluations, objections and documents
    for i in range(4):
        p = f.pegawai(s.bidang, nama=f"Staf Tambahan {i}")
        k = skp_disetujui(p, s.kepala_bidang, f"target:{target.pk}")
        ev = nilai(s.kepala_bidang, k, str(TAHUN), "di_bawah", "sesuai")
        nilai(s.kepala_bidang, k, f"{TAHUN}-T{i + 1}")
        services.evaluasi_tetapkan(pelaku=s.kepala_bidang.akun, evaluasi=ev)
        services.keberatan_ajukan(pelaku=p.akun, evaluasi=ev, alasan="Keberatan")
    for i in range(2):
        ev2 = nilai(s.kepala_bidang, skp, f"{TAHUN}-T{i + 2}")
        services.evaluasi_tetapkan(pelaku=s.kepala_bidang.akun, evaluasi=ev2, alasan="Uji")
        services.keberatan_ajukan(pelaku=s.staf_bidang.akun, evaluasi=ev2, alasan="Keberatan")
        services.tindak_lanjut_catat(pelaku=s.kepala_bidang.akun, evaluasi=ev2, jenis="pembinaan", uraian="Bina")
        services.umpan_balik_skp_kirim(pelaku=s.kepala_bidang.akun, skp=skp, isi=f"Umpan balik {i}")
        services.catatan_skp_catat(pelaku=s.staf_bidang.akun, skp=skp, uraian=f"Catatan {i}")
        services.pengembangan_catat(pelaku=s.staf_bidang.akun, skp=skp, jenis="coaching", uraian=f"Rencana {i}")
    services.skp_susun(
        pelaku=f.pegawai(s.bidang, nama="Staf Draf").akun, tahun=TAHUN, hasil_kerja=hasil_kerja(f"target:{target.pk}")
    )
    for (p, url), sebelum in zip(halaman, awal, strict=True):
        kini = _kueri(masuk(client, p), url)
        assert len(kini) == len(sebelum), (url, [k[:300] for k in kini if k not in sebelum])


def test_skp_saya_angka_kredit_dan_tanda_tangan(client, s):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = skp_disetujui(s.analis, s.kepala_bag_org, target.pk)
    ev = nilai(s.kepala_bag_org, skp, str(TAHUN), "di_atas", "di_atas")
    services.evaluasi_tetapkan(pelaku=s.kepala_bag_org.akun, evaluasi=ev, alasan="Uji")
    r = masuk(client, s.analis).get(reverse("kinerja:skp_saya"))
    isi = r.content.decode()
    assert "Angka kredit" in isi and "Ahli Muda" in isi and "37,5" in isi
    assert "Dokumen Evaluasi Kinerja Pegawai (tahunan)" in isi  # waiting for my signature
    assert f"Tahun {TAHUN}" in isi and "Sangat Baik" in isi
    assert "Susun SKP" in isi  # the previous year has none yet


def test_tanpa_data_pegawai(client, admin_organisasi):
    masuk(client, admin_organisasi)
    r = client.get(reverse("kinerja:skp_saya"))
    assert r.status_code == 200 and "tidak terhubung dengan data pegawai" in r.content.decode()
    r = client.get(reverse("kinerja:skp_baru"))
    assert r.status_code == 403
    assert client.get(reverse("kinerja:ppk_staf")).status_code == 200


def test_kartu_beranda_dan_bagian_profil(client, rf, s, dunia):
    target, skp = dunia
    req = rf.get("/")
    req.user = s.kepala_bidang.akun
    assert kartu_skp(req) is None or kartu_skp(req)["skp"]["setuju"] == 0
    baru = services.skp_susun(pelaku=s.rekan.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(f"target:{target.pk}"))
    services.skp_ajukan(pelaku=s.rekan.akun, skp=baru)
    assert kartu_skp(req)["skp"]["setuju"] == 1
    r = masuk(client, s.kepala_bidang).get(reverse("beranda"))
    assert "SKP menunggu persetujuan saya" in r.content.decode()
    req.user = s.staf_bidang.akun
    assert kartu_skp(req)["skp"]["tanda_tangan"] == 1  # the approved SKP's document
    req.user = s.kepala_bidang.akun
    assert [x.pk for x in bagian_profil_skp(req, pegawai=s.staf_bidang)["skp_pegawai"]] == [skp.pk]
    req.user = s.rekan.akun
    assert bagian_profil_skp(req, pegawai=s.staf_bidang) is None
    req.user = s.staf_dpmptsp.akun
    assert kartu_skp(req) is None


def test_menu_skp(client, s):
    isi = masuk(client, s.staf_bidang).get(reverse("kinerja:skp_saya")).content.decode()
    assert re.search(r'href="/kinerja/skp/"[^>]*aria-current="page"', isi)


def test_daftar_distribusi_per_unit_organisasi(client, s, dunia, admin_organisasi):
    url = reverse("kinerja:distribusi_daftar")
    isi = masuk(client, admin_organisasi).get(url).content.decode()
    assert s.dinas.nama in isi and s.upt5.nama in isi and s.kecamatan.nama in isi
    assert "Distribusi predikat per Unit Organisasi" in client.get(reverse("kinerja:skp_saya")).content.decode()
    isi = masuk(client, s.kepala_bidang).get(url).content.decode()
    assert s.dinas.nama in isi and s.kecamatan.nama not in isi and s.upt5.nama not in isi
    isi = masuk(client, s.kepala_dinas).get(url).content.decode()
    assert s.dinas.nama in isi and s.upt5.nama in isi and s.dpmptsp.nama not in isi
    isi = masuk(client, s.staf_bidang).get(url).content.decode()
    assert "Tidak ada Unit Organisasi" in isi


def test_baris_palsu_dan_digit_asing_ditolak(client, s, dunia):
    target, _ = dunia
    skp = services.skp_susun(pelaku=s.rekan.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(f"target:{target.pk}"))
    hk = skp.hasil_kerja.get()
    url = reverse("kinerja:skp_ubah", args=[skp.pk])
    data = _baris(intervensi=f"target:{target.pk}") | {"h0-id": str(hk.pk)}
    data.pop("tahun")
    masuk(client, s.rekan)
    for salah in ({"h0-id": "٣"}, {"h0-id": "999999"}, {"h0-id": "1\x00"}, {"h0-k0-target": "١٢"}):
        r = client.post(url, data | salah)
        assert r.status_code == 400, salah
        isi = r.content.decode()
        assert "Baris hasil kerja tidak dikenal" in isi or "Gunakan angka 0-9" in isi
    hk.refresh_from_db()
    assert hk.uraian == "Tersusunnya dokumen pelayanan" and skp.hasil_kerja.count() == 1
    r = masuk(client, s.kepala_upt5).post(
        reverse("kinerja:skp_baru"), _baris(intervensi=f"target:{target.pk}") | {"h0-id": str(hk.pk)}
    )
    assert r.status_code == 400 and "Baris hasil kerja tidak dikenal" in r.content.decode()
    masuk(client, s.rekan)
    assert client.post(url, data).status_code == 302
