"""The SKP's whole year through the services, per model: draft, approve, rate four quarters and the year,
finalise, sign; with the errors each transition can raise."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from kinerja import services
from kinerja.choices import StatusEvaluasi, StatusSkp
from kinerja.models import DokumenKinerja
from sistemkerja.errors import BukanWewenang, TransisiTidakSah

from .conftest import TAHUN, pk_berlaku

pytestmark = pytest.mark.django_db


def hasil_kerja(intervensi, n=1):
    return [
        {
            "uraian": f"Tersusunnya dokumen {i + 1}",
            "jenis": "utama",
            "intervensi": intervensi,
            "perspektif": "proses_bisnis",
            "indikator": [{"uraian": "Jumlah dokumen", "aspek": "kuantitas", "target": 4, "satuan": "dokumen"}],
        }
        for i in range(n)
    ]


def setahun(skp, ppk, rating=("sesuai", "sesuai")):
    """Rate the four quarters and the year, finalising each; returns the yearly evaluation."""
    tgl = dt.date(TAHUN, 12, 31)
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=tgl):
        for kode in [f"{TAHUN}-T{t}" for t in range(1, 5)] + [str(TAHUN)]:
            ev = services.evaluasi_nilai(
                pelaku=ppk.akun, skp=skp, periode=kode, rating_hasil=rating[0], rating_perilaku=rating[1]
            )
            services.evaluasi_tetapkan(pelaku=ppk.akun, evaluasi=ev)
    ev.refresh_from_db()
    return ev


def test_non_jpt_setahun(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = services.skp_susun(pelaku=s.staf_bidang.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(f"target:{target.pk}"))
    assert skp.model == "non_jpt" and skp.ppk == s.kepala_bidang and skp.atasan_ppk == s.kepala_dinas
    assert skp.perilaku.count() == 7
    with pytest.raises(BukanWewenang):
        services.skp_ajukan(pelaku=s.kepala_bidang.akun, skp=skp)
    services.skp_ajukan(pelaku=s.staf_bidang.akun, skp=skp)
    with pytest.raises(ValidationError):
        services.skp_kembalikan(pelaku=s.kepala_bidang.akun, skp=skp, catatan="")
    services.skp_kembalikan(pelaku=s.kepala_bidang.akun, skp=skp, catatan="Perjelas indikator")
    services.skp_ajukan(pelaku=s.staf_bidang.akun, skp=skp)
    with pytest.raises(BukanWewenang):
        services.skp_setujui(pelaku=s.kepala_dinas.akun, skp=skp)
    services.skp_setujui(pelaku=s.kepala_bidang.akun, skp=skp)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI
    ev = setahun(skp, s.kepala_bidang)
    assert ev.status == StatusEvaluasi.DITETAPKAN and ev.predikat == "baik" and ev.angka_kredit is None
    dok = DokumenKinerja.objects.get(evaluasi=ev)
    assert dok.jenis == "dokumen_evaluasi"
    assert sorted(dok.tanda_tangan.values_list("peran", flat=True)) == ["atasan_ppk", "pegawai", "ppk"]
    for p in (s.staf_bidang, s.kepala_bidang, s.kepala_dinas):
        services.dokumen_tandatangani(pelaku=p.akun, dokumen=dok)
    with pytest.raises(TransisiTidakSah):
        services.dokumen_tandatangani(pelaku=s.staf_bidang.akun, dokumen=dok)


def test_jpt_setahun(s):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = services.skp_susun(pelaku=s.kepala_asisten.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(target.pk))
    assert skp.model == "jpt" and skp.ppk == s.kepala_setda
    services.skp_ajukan(pelaku=s.kepala_asisten.akun, skp=skp)
    services.skp_setujui(pelaku=s.kepala_setda.akun, skp=skp)
    ev = setahun(skp, s.kepala_setda, ("di_atas", "di_atas"))
    assert ev.predikat == "sangat_baik"


def skp_disetujui(orang, ppk, intervensi):
    skp = services.skp_susun(pelaku=orang.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(intervensi))
    services.skp_ajukan(pelaku=orang.akun, skp=skp)
    return services.skp_setujui(pelaku=ppk.akun, skp=skp)


def test_angka_kredit_fungsional_dan_akumulasi(s):
    from kinerja.selectors_skp import angka_kredit

    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = skp_disetujui(s.analis, s.kepala_bag_org, target.pk)
    ev = setahun(skp, s.kepala_bag_org, ("di_atas", "di_atas"))
    assert ev.jenjang == "ahli_muda" and str(ev.angka_kredit) == "37.500"
    periodik = skp.evaluasi.exclude(jenis="tahunan")
    assert periodik.count() == 4 and not periodik.filter(angka_kredit__isnull=False).exists()
    ak = angka_kredit(s.analis)
    assert ak["kumulatif"] == Decimal("37.500") and ak["tahun"][0]["sumber"] == "evaluasi"


def test_distribusi_menahan_penetapan_kecuali_ada_alasan(s, admin_organisasi):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = skp_disetujui(s.analis, s.kepala_bag_org, target.pk)
    services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.setda, tahun=TAHUN, predikat="baik")
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        ev = services.evaluasi_nilai(
            pelaku=s.kepala_bag_org.akun, skp=skp, periode=str(TAHUN), rating_hasil="sesuai", rating_perilaku="sesuai"
        )
    # one person, baik: 100% baik and nobody butuh perbaikan or kurang
    with pytest.raises(TransisiTidakSah, match="70% pegawai berpredikat Baik"):
        services.evaluasi_tetapkan(pelaku=s.kepala_bag_org.akun, evaluasi=ev)
    services.evaluasi_nilai_ulang(
        pelaku=s.kepala_bag_org.akun, evaluasi=ev, rating_hasil="di_bawah", rating_perilaku="sesuai"
    )
    ev = services.evaluasi_tetapkan(pelaku=s.kepala_bag_org.akun, evaluasi=ev)
    assert ev.predikat == "butuh_perbaikan" and ev.alasan_deviasi == ""


def test_alasan_penyimpangan_dicatat(s, admin_organisasi):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = skp_disetujui(s.analis, s.kepala_bag_org, target.pk)
    services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.setda, tahun=TAHUN, predikat="baik")
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        ev = services.evaluasi_nilai(
            pelaku=s.kepala_bag_org.akun,
            skp=skp,
            periode=f"{TAHUN}-T1",
            rating_hasil="sesuai",
            rating_perilaku="sesuai",
        )
    ev = services.evaluasi_tetapkan(pelaku=s.kepala_bag_org.akun, evaluasi=ev, alasan="Unit satu orang")
    assert ev.alasan_deviasi == "Unit satu orang" and ev.status == "ditetapkan"


def test_predikat_organisasi_hanya_pimpinan_di_atas_atau_bagian_organisasi(s, admin_organisasi):
    with pytest.raises(BukanWewenang):
        services.predikat_organisasi_tetapkan(pelaku=s.kepala_bidang.akun, unit=s.dinas, tahun=TAHUN, predikat="baik")
    with pytest.raises(BukanWewenang):  # a PD's own head does not set it, nor anyone for a PD but the admin
        services.predikat_organisasi_tetapkan(pelaku=s.kepala_dinas.akun, unit=s.dinas, tahun=TAHUN, predikat="baik")
    po = services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.dinas, tahun=TAHUN, predikat="baik")
    assert po.predikat == "baik"
    po = services.predikat_organisasi_tetapkan(pelaku=s.kepala_dinas.akun, unit=s.upt5, tahun=TAHUN, predikat="kurang")
    assert po.predikat == "kurang"
    with pytest.raises(TransisiTidakSah):  # a bidang is not a Unit Organisasi
        services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.bidang, tahun=TAHUN, predikat="baik")
    with pytest.raises(ValidationError):
        services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.dinas, tahun=TAHUN, predikat="luar")


def test_keberatan_diputus_atasan_ppk_dalam_batas(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        ev = services.evaluasi_nilai(
            pelaku=s.kepala_bidang.akun, skp=skp, periode=str(TAHUN), rating_hasil="di_bawah", rating_perilaku="sesuai"
        )
    services.evaluasi_tetapkan(pelaku=s.kepala_bidang.akun, evaluasi=ev)
    with pytest.raises(BukanWewenang):
        services.keberatan_ajukan(pelaku=s.kepala_bidang.akun, evaluasi=ev, alasan="Tidak adil")
    k = services.keberatan_ajukan(pelaku=s.staf_bidang.akun, evaluasi=ev, alasan="Target tercapai, bukti terlampir")
    with pytest.raises(TransisiTidakSah):
        services.keberatan_ajukan(pelaku=s.staf_bidang.akun, evaluasi=ev, alasan="Lagi")
    with pytest.raises(BukanWewenang):  # the PPK does not decide an objection to their own rating
        services.keberatan_putus(pelaku=s.kepala_bidang.akun, keberatan=k, diterima=False, putusan="Tidak")
    with pytest.raises(ValidationError):
        services.keberatan_putus(pelaku=s.kepala_dinas.akun, keberatan=k, diterima=True, putusan="Ya")
    dok_lama = list(ev.dokumen.all())
    services.keberatan_putus(
        pelaku=s.kepala_dinas.akun,
        keberatan=k,
        diterima=True,
        putusan="Bukti capaian sah",
        rating_hasil="sesuai",
        rating_perilaku="sesuai",
    )
    ev.refresh_from_db()
    assert ev.predikat == "baik"
    assert all(not d.berlaku for d in DokumenKinerja.objects.filter(pk__in=[d.pk for d in dok_lama]))
    assert ev.dokumen.filter(berlaku=True).count() == 1


def test_keberatan_lewat_batas(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        ev = services.evaluasi_nilai(
            pelaku=s.kepala_bidang.akun, skp=skp, periode=f"{TAHUN}-T1", rating_hasil="sesuai", rating_perilaku="sesuai"
        )
    services.evaluasi_tetapkan(pelaku=s.kepala_bidang.akun, evaluasi=ev)
    nanti = dt.date.today() + dt.timedelta(days=15)
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=nanti):
        with pytest.raises(TransisiTidakSah, match="14 hari"):
            services.keberatan_ajukan(pelaku=s.staf_bidang.akun, evaluasi=ev, alasan="Terlambat")


def test_konsekuensi_predikat_menjadi_tindak_lanjut(s):
    from kinerja.models import KonsekuensiPredikat

    KonsekuensiPredikat.objects.create(
        instansi=s.instansi,
        predikat="baik",
        jenis_periode="triwulanan",
        jenis="tunjangan",
        uraian="TPP",
        persen_tpp=100,
    )
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        ev = services.evaluasi_nilai(
            pelaku=s.kepala_bidang.akun, skp=skp, periode=f"{TAHUN}-T2", rating_hasil="sesuai", rating_perilaku="sesuai"
        )
    services.evaluasi_tetapkan(pelaku=s.kepala_bidang.akun, evaluasi=ev)
    assert list(ev.tindak_lanjut.values_list("jenis", "persen_tpp")) == [("tunjangan", 100)]


def test_skp_ikut_pindah_dan_ppk_disegarkan(s, admin_organisasi):
    from organisasi.services import pegawai_pindahkan

    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    pegawai_pindahkan(
        pelaku=admin_organisasi,
        pegawai=s.staf_bidang,
        unit=s.upt5,
        jabatan=s.staf_bidang.jabatan,
        mulai=dt.date.today(),
    )
    services.skp_sinkronkan()  # the task also runs on the structure change
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DITUTUP
    assert skp.selesai == max(skp.mulai, dt.date.today() - dt.timedelta(days=1))
    baru = skp.penerus
    assert baru.status == StatusSkp.DRAF and baru.unit == s.upt5 and baru.ppk == s.kepala_upt5
    assert baru.perilaku.count() == 7
    # the closed SKP is still rated by the head of the placement it was for
    from kinerja.selectors_skp import penilai

    assert penilai(skp).ppk.pegawai == s.kepala_bidang


def test_rekonsiliasi_menunjukkan_perubahan_di_atas(s):
    from kinerja.selectors_skp import rekonsiliasi

    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp_ppk = services.skp_susun(pelaku=s.kepala_bidang.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(target.pk))
    hk_ppk = skp_ppk.hasil_kerja.get()
    skp = services.skp_susun(
        pelaku=s.staf_bidang.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(f"hasil_kerja:{hk_ppk.pk}")
    )
    assert skp.hasil_kerja.get().intervensi_hasil == hk_ppk and rekonsiliasi(skp) == []
    ubah = hasil_kerja(target.pk)
    ubah[0] |= {"id": hk_ppk.pk, "uraian": "Uraian baru pimpinan"}
    services.skp_ubah(pelaku=s.kepala_bidang.akun, skp=skp_ppk, hasil_kerja=ubah)
    (r,) = rekonsiliasi(skp)
    assert r["keadaan"] == "berubah" and r["kini"] == "Uraian baru pimpinan"
    services.skp_ubah(pelaku=s.kepala_bidang.akun, skp=skp_ppk, hasil_kerja=hasil_kerja(target.pk))  # replaced
    (r,) = rekonsiliasi(skp)
    assert r["keadaan"] == "hilang"


def test_isi_skp_salah_ditolak_per_kolom(s):
    with pytest.raises(ValidationError) as e:
        services.skp_susun(
            pelaku=s.staf_bidang.akun,
            tahun=TAHUN,
            hasil_kerja=[{"uraian": "", "jenis": "x", "indikator": [{"aspek": "rasa", "target": -1}]}],
            perilaku={"jujur": "x"},
        )
    kolom = set(e.value.message_dict)
    assert {
        "hasil_kerja[0].uraian",
        "hasil_kerja[0].jenis",
        "hasil_kerja[0].indikator[0].aspek",
        "hasil_kerja[0].indikator[0].target",
        "hasil_kerja[0].indikator[0].uraian",
        "perilaku.jujur",
    } <= kolom
    from kinerja.models import Skp

    assert not Skp.objects.exists()
    with pytest.raises(ValidationError) as e:
        services.skp_susun(pelaku=s.staf_bidang.akun, tahun=TAHUN - 2, hasil_kerja=hasil_kerja(None))
    assert "tahun" in e.value.message_dict


def test_bukti_dari_mekanisme_kerja_melekat_pada_hasil_kerja(s, django_assert_max_num_queries):
    from kinerja.selectors_skp import bukti_otomatis

    from .conftest import rencana_disetujui

    target = pk_berlaku(s.kepala_dinas, s.dinas)
    rencana = rencana_disetujui(target, s.kepala_dinas, s.staf_bidang)
    kegiatan = rencana.kegiatan.get()
    services.progres_catat(
        pelaku=s.staf_bidang.akun, kegiatan=kegiatan, tanggal=dt.date.today(), uraian="Draf selesai", persen=50
    )
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, f"target:{target.pk}")
    with django_assert_max_num_queries(4):
        bukti = bukti_otomatis(skp)
    (hk,) = skp.hasil_kerja.all()
    assert [(j, b.uraian) for j, b in bukti["per_hasil_kerja"][hk.pk]] == [("progres", "Draf selesai")]
    assert bukti["lain"] == []
