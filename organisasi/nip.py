"""Nomor Induk Pegawai: parsing and validation for PNS and PPPK.

PNS (Perka BKN 22/2007): yyyymmdd lahir, yyyymm TMT pengangkatan, jenis kelamin
(1/2), nomor urut 3 digit. PPPK: yyyymmdd lahir, yyyy tahun pengangkatan, digit
2, frekuensi pengangkatan, jenis kelamin (1/2), nomor urut 3 digit.
Each failure names the part of the number that is wrong, in Indonesian.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from .choices import JenisAsn

PANJANG_NIP = 18


@dataclass(frozen=True)
class NipTerurai:
    nip: str
    jenis_asn: str
    tanggal_lahir: dt.date
    tmt: dt.date  # first day of the appointment month (PNS) or year (PPPK)
    jenis_kelamin: str
    nomor_urut: str


def bersihkan(nilai: str) -> str:
    """Strip the spaces people type between the groups of a NIP."""
    return "".join(str(nilai or "").split())


def tampilkan(nip: str) -> str:
    """Group a stored 18-digit NIP for display: `19580415 198403 1 012`."""
    if len(nip) != PANJANG_NIP:
        return nip
    if nip[12] == "2":  # PPPK: lahir, tahun, 2, frekuensi, jenis kelamin, urut
        return f"{nip[:8]} {nip[8:12]} {nip[12]} {nip[13]} {nip[14]} {nip[15:]}"
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def tebak_jenis_asn(nip: str) -> str:
    """Digit 13 is a month's first digit (0/1) for PNS and always 2 for PPPK."""
    nip = bersihkan(nip)
    return JenisAsn.PPPK if len(nip) == PANJANG_NIP and nip[12] == "2" else JenisAsn.PNS


def _tambah_tahun(tanggal: dt.date, tahun: int) -> dt.date:
    try:
        return tanggal.replace(year=tanggal.year + tahun)
    except ValueError:  # 29 Februari
        return tanggal.replace(year=tanggal.year + tahun, day=28)


def urai(nilai: str, jenis_asn: str | None = None, *, hari_ini: dt.date | None = None) -> NipTerurai:
    """Parse and validate; raise ValidationError with every problem found."""
    nip = bersihkan(nilai)
    if not (nip.isascii() and nip.isdigit()) or len(nip) != PANJANG_NIP:
        if not (nip.isascii() and nip.isdigit()) and nip:
            raise ValidationError(
                "NIP hanya boleh berisi angka (spasi diperbolehkan di antara kelompok).", code="nip_bukan_angka"
            )
        raise ValidationError(f"NIP harus {PANJANG_NIP} digit angka (diterima {len(nip)} digit).", code="nip_panjang")
    jenis_asn = jenis_asn or tebak_jenis_asn(nip)
    hari_ini = hari_ini or timezone.localdate()
    galat: list[ValidationError] = []

    try:
        lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        lahir = None
        galat.append(
            ValidationError(
                f"Tanggal lahir pada NIP (digit 1–8: {nip[0:8]}) bukan tanggal yang sah.", code="nip_tanggal_lahir"
            )
        )
    if lahir and lahir > hari_ini:
        galat.append(
            ValidationError(
                f"Tanggal lahir pada NIP (digit 1–8: {nip[0:8]}) ada di masa depan.", code="nip_tanggal_lahir"
            )
        )

    if jenis_asn == JenisAsn.PPPK:
        bagian_tmt, label_tmt = nip[8:12], "Tahun pengangkatan (digit 9–12"
        if nip[12] != "2":
            galat.append(
                ValidationError(f"Digit ke-13 Nomor Induk PPPK harus 2 (diterima {nip[12]}).", code="nip_kode_pppk")
            )
        tahun = int(bagian_tmt)
        tmt = dt.date(tahun, 1, 1) if tahun >= 1 else None
        akhir_tmt = dt.date(tahun, 12, 31) if tmt else None
        posisi_jk = 14
    else:
        bagian_tmt, label_tmt = nip[8:14], "TMT pengangkatan (digit 9–14"
        tahun, bulan = int(nip[8:12]), int(nip[12:14])
        if tahun >= 1 and 1 <= bulan <= 12:
            tmt = dt.date(tahun, bulan, 1)
            akhir_tmt = dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
        else:
            tmt = akhir_tmt = None
        posisi_jk = 14
    if tmt is None:
        galat.append(ValidationError(f"{label_tmt}: {bagian_tmt}) bukan tanggal yang sah.", code="nip_tmt"))
    else:
        if tmt > hari_ini:
            galat.append(ValidationError(f"{label_tmt}: {bagian_tmt}) ada di masa depan.", code="nip_tmt_masa_depan"))
        if lahir and akhir_tmt < _tambah_tahun(lahir, 18):
            galat.append(
                ValidationError(
                    f"{label_tmt}: {bagian_tmt}) sebelum pegawai berusia 18 tahun (lahir {lahir:%d-%m-%Y}).",
                    code="nip_tmt_di_bawah_umur",
                )
            )

    jenis_kelamin = nip[posisi_jk]
    if jenis_kelamin not in ("1", "2"):
        galat.append(
            ValidationError(
                f"Digit jenis kelamin pada NIP (digit {posisi_jk + 1}: {jenis_kelamin}) "
                "harus 1 (pria) atau 2 (wanita).",
                code="nip_jenis_kelamin",
            )
        )
    if galat:
        raise ValidationError(galat)
    return NipTerurai(
        nip=nip, jenis_asn=jenis_asn, tanggal_lahir=lahir, tmt=tmt, jenis_kelamin=jenis_kelamin, nomor_urut=nip[15:]
    )


def validasi_nip(nilai: str) -> None:
    """Model-field validator: the ASN kind is inferred from digit 13."""
    urai(nilai)
