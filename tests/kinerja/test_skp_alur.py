"""The SKP's whole year through the services, per model: draft, approve, rate four quarters and the year,
finalise, sign; with the errors each transition can raise."""

import datetime as dt
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
