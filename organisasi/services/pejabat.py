"""Heads of units: definitive heads, Plt/Plh and delegations of PPK authority, each over a date range."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sistemkerja import masukan
from sistemkerja.errors import TransisiTidakSah

from ..choices import JenisPeran, JenisUnit, Tingkat
from ..models import Pegawai, PejabatUnit, Unit
from ._dasar import _rentang_bertumpang, _simpan, pastikan_wewenang

_SLOT = {
    JenisPeran.DEFINITIF: [JenisPeran.DEFINITIF],
    JenisPeran.PLT: [JenisPeran.PLT, JenisPeran.PLH],
    JenisPeran.PLH: [JenisPeran.PLT, JenisPeran.PLH],
    JenisPeran.DELEGASI: [JenisPeran.DELEGASI],
}


def _validasi_peran(*, unit: Unit, pegawai: Pegawai, jenis: str, mulai: dt.date, selesai: dt.date | None) -> None:
    if jenis not in _SLOT:
        raise ValidationError({"jenis": f"Jenis {jenis!r} tidak dikenal."})
    if selesai is not None and selesai < mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if unit.jenis == JenisUnit.INSTANSI:
        raise ValidationError({"unit": "Instansi tidak memiliki pejabat di sistem ini."})
    if not pegawai.aktif:
        raise ValidationError({"pegawai": f"{pegawai.nama} sudah tidak aktif."})
    if jenis == JenisPeran.DEFINITIF:
        tingkat = pegawai.jabatan.tingkat_kepemimpinan if pegawai.jabatan_id else ""
        if tingkat != unit.tingkat:
            jabatan = pegawai.jabatan.nama if pegawai.jabatan_id else "tanpa jabatan"
            raise ValidationError(
                {
                    "pegawai": (
                        f"Jabatan {pegawai.nama} ({jabatan}) tidak setingkat dengan pimpinan {unit.nama} "
                        f"({Tingkat(unit.tingkat).label})."
                    )
                }
            )
    if jenis in (JenisPeran.PLT, JenisPeran.PLH, JenisPeran.DELEGASI) and selesai is None:
        raise ValidationError(
            {"selesai": "Plt, Plh dan pendelegasian berlaku untuk jangka waktu tertentu: isi tanggal selesai."}
        )
    definitif = _rentang_bertumpang(PejabatUnit.objects.filter(unit=unit, jenis=JenisPeran.DEFINITIF), mulai, selesai)
    if jenis == JenisPeran.PLT and definitif.exists():
        raise ValidationError(
            {
                "jenis": f"{unit.nama} memiliki pejabat definitif pada rentang tanggal ini: "
                "Plt mengisi jabatan yang kosong; gunakan Plh untuk pejabat yang berhalangan."
            }
        )
    if jenis == JenisPeran.PLH and not definitif.filter(mulai__lte=mulai).exists():
        raise ValidationError(
            {
                "jenis": f"{unit.nama} tidak memiliki pejabat definitif pada {mulai:%d-%m-%Y}: "
                "gunakan Plt untuk jabatan yang kosong."
            }
        )
    if jenis == JenisPeran.DELEGASI and definitif.filter(pegawai=pegawai).exists():
        raise ValidationError({"pegawai": "Pejabat tidak dapat mendelegasikan kewenangan kepada dirinya sendiri."})


@transaction.atomic
def pejabat_tetapkan(
    *,
    pelaku,
    unit: Unit,
    pegawai: Pegawai,
    jenis: str,
    mulai: dt.date,
    selesai: dt.date | None = None,
    nomor_sk: str = "",
    keterangan: str = "",
) -> PejabatUnit:
    """Appoint a definitive head, a Plt/Plh, or a PPK delegate for a unit over a date range.

    A new definitive head ends the previous definitive head and any Plt the day before.
    """
    masukan.periode(mulai, selesai)  # before any date arithmetic: 0001-01-01 minus a day overflows
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    pastikan_wewenang(pelaku, unit)
    _validasi_peran(unit=unit, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)
    sebelum = mulai - dt.timedelta(days=1)
    bentrok = _rentang_bertumpang(PejabatUnit.objects.filter(unit=unit, jenis__in=_SLOT[jenis]), mulai, selesai)
    for lama in bentrok:
        digantikan = lama.mulai < mulai and lama.selesai is None and jenis == JenisPeran.DEFINITIF
        if not digantikan:
            raise ValidationError(
                {
                    "mulai": (
                        f"Bertumpang dengan {lama.get_jenis_display()} {lama.pegawai.nama} "
                        f"({lama.mulai:%d-%m-%Y} s.d. {lama.selesai:%d-%m-%Y} )."
                        if lama.selesai
                        else f"Bertumpang dengan {lama.get_jenis_display()} {lama.pegawai.nama} "
                        f"sejak {lama.mulai:%d-%m-%Y}."
                    )
                }
            )
        lama.selesai = sebelum
        _simpan(lama, pelaku, f"pejabat_tetapkan: digantikan {pegawai.nip}")
    if jenis == JenisPeran.DEFINITIF:
        for plt in _rentang_bertumpang(PejabatUnit.objects.filter(unit=unit, jenis=JenisPeran.PLT), mulai, None):
            if plt.mulai >= mulai:
                raise ValidationError({"mulai": f"Plt {plt.pegawai.nama} dimulai pada atau sesudah tanggal ini."})
            plt.selesai = sebelum
            _simpan(plt, pelaku, f"pejabat_tetapkan: Plt berakhir, definitif {pegawai.nip}")
    baru = PejabatUnit(
        unit=unit, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, nomor_sk=nomor_sk, keterangan=keterangan
    )
    _simpan(baru, pelaku, f"pejabat_tetapkan: {jenis}")
    return baru


@transaction.atomic
def pejabat_akhiri(*, pelaku, pejabat: PejabatUnit, selesai: dt.date, catatan: str = "") -> PejabatUnit:
    """End a head's, acting head's or delegate's term early."""
    masukan.periode(None, selesai)
    pejabat = PejabatUnit.objects.select_for_update().select_related("unit", "pegawai").get(pk=pejabat.pk)
    pastikan_wewenang(pelaku, pejabat.unit)
    if selesai < pejabat.mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if pejabat.selesai is not None and pejabat.selesai <= selesai:
        raise TransisiTidakSah(f"Masa {pejabat.get_jenis_display()} ini sudah berakhir {pejabat.selesai:%d-%m-%Y}.")
    pejabat.selesai = selesai
    _simpan(pejabat, pelaku, f"pejabat_akhiri: {catatan}".strip())
    return pejabat
