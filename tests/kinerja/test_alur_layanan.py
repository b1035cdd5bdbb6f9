"""The work mechanism through the services, pattern by pattern (SPEC §3, Lampiran D)."""

import pytest
from django.core.exceptions import ValidationError

from kinerja import services
from kinerja.choices import StatusHasil
from sistemkerja.errors import BukanWewenang, TransisiTidakSah

from .conftest import TAHUN, pk_berlaku, rencana_disetujui, sasaran


def test_pola_2_dari_pk_sampai_selesai_dengan_satu_pengembalian(s):
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    anak = services.target_turunkan(
        pelaku=s.kepala_dinas.akun,
        target=akar,
        unit=s.bidang,
        uraian="Bagian bidang",
        satuan="dokumen",
        target_nilai=60,
    )
    services.target_strategi(pelaku=s.kepala_bidang.akun, target=anak, cara="individu")
    rencana_disetujui(anak, s.kepala_bidang, s.staf_bidang)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=anak, capaian=60, uraian="Selesai")
    assert h.status == StatusHasil.DITINJAU and h.peninjau == s.kepala_bidang
    with pytest.raises(BukanWewenang):
        services.hasil_terima(pelaku=s.kepala_dinas.akun, hasil=h)
    with pytest.raises(ValidationError):
        services.hasil_kembalikan(pelaku=s.kepala_bidang.akun, hasil=h, catatan=" ")
    h = services.hasil_terima(pelaku=s.kepala_bidang.akun, hasil=h)
    assert h.peninjau == s.kepala_dinas
    h = services.hasil_kembalikan(pelaku=s.kepala_dinas.akun, hasil=h, catatan="Lengkapi lampiran")
    assert h.status == StatusHasil.DIKEMBALIKAN
    with pytest.raises(TransisiTidakSah):
        services.hasil_terima(pelaku=s.kepala_dinas.akun, hasil=h)
    h = services.hasil_ajukan_ulang(pelaku=s.staf_bidang.akun, hasil=h, capaian=60, uraian="Dilengkapi")
    assert h.peninjau == s.kepala_bidang
    h = services.hasil_terima(pelaku=s.kepala_bidang.akun, hasil=h)
    h = services.hasil_terima(pelaku=s.kepala_dinas.akun, hasil=h)
    assert h.status == StatusHasil.SELESAI
    from kinerja.selectors import capaian

    assert capaian([anak.pk]) == {anak.pk: 60}
    assert h.riwayat.count() == 6


def test_pk_kedua_di_tahun_sama_409(s):
    pk_berlaku(s.kepala_dinas, s.dinas)
    with pytest.raises(TransisiTidakSah):
        services.perjanjian_susun(pelaku=s.kepala_dinas.akun, unit=s.dinas, tahun=TAHUN, sasaran=sasaran())


def test_capaian_target_induk_termasuk_hasil_bagian_yang_diturunkan(s):
    from kinerja.selectors import capaian

    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    anak = services.target_turunkan(
        pelaku=s.kepala_dinas.akun, target=akar, unit=s.bidang, uraian="Bagian", satuan="dokumen", target_nilai=60
    )
    services.target_strategi(pelaku=s.kepala_bidang.akun, target=anak, cara="individu")
    rencana_disetujui(anak, s.kepala_bidang, s.staf_bidang)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=anak, capaian=25, uraian="Tahap satu")
    assert capaian([akar.pk, anak.pk]) == {}  # under review: nothing achieved yet
    services.hasil_terima(pelaku=s.kepala_bidang.akun, hasil=h)
    services.hasil_terima(pelaku=s.kepala_dinas.akun, hasil=h)
    assert capaian([akar.pk, anak.pk]) == {akar.pk: 25, anak.pk: 25}
    assert capaian([anak.pk]) == {anak.pk: 25}
