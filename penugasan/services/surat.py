"""Letters: numbered per issuing unit and year without gaps or duplicates, issued once, revoked, reissued.

A number is taken inside the transaction that issues the letter, from a counter row locked for
it (`NomorSurat`): a rolled-back letter gives its number back, and two letters issued at once wait
for each other instead of taking the same number. The PDF is rendered after commit (`tasks`).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisasi.choices import SEBAGAI_ATASAN, JenisPeran, JenisUnit, pangkat_golongan
from organisasi.models import Pegawai, Penempatan, Unit
from organisasi.naskah import KLASIFIKASI_BAWAAN, singkatan
from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user
from organisasi.selectors import Pejabat, kedudukan_banyak, perangkat_daerah
from organisasi.services import akun_pelaku
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import teks_isian

from ..choices import JenisSurat, StatusSurat
from ..models import NomorSurat, PenerimaSurat, PolaNomorSurat, Surat
from ..models.surat import POLA_NOMOR_BAWAAN

ISIAN_POLA = {"no", "tahun", "bulan", "kode", "klasifikasi", "wilayah"}
PANJANG_NOMOR = 120  # Surat.nomor
POLA_FORMAT_NO = re.compile(r"0?[1-9]d?")
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Verification codes: 12 characters without look-alikes (no 0/O, 1/I/L), ~59 bits.
HURUF_KODE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PANJANG_KODE = 12


def validasi_pola(pola: str) -> None:
    """A numbering pattern must carry {no} and only known fields, and make a number that fits its column."""
    try:
        bagian = [(nama, spek, ubah) for _, nama, spek, ubah in string.Formatter().parse(pola) if nama is not None]
    except ValueError:
        raise ValidationError({"pola": "Pola tidak sah: periksa tanda kurung kurawal."}) from None
    isian = {nama for nama, _, _ in bagian}
    if "no" not in isian:
        raise ValidationError({"pola": "Pola nomor wajib memuat {no}."})
    if asing := isian - ISIAN_POLA:
        raise ValidationError(
            {
                "pola": "Isian tidak dikenal: "
                + ", ".join(f"{{{a}}}" for a in sorted(asing))
                + ". Yang dikenal: {no}, {tahun}, {bulan}, {kode}, {klasifikasi}, {wilayah}."
            }
        )
    # a format only pads the number ({no:04d}): a width of millions would be a string of millions
    if any(ubah or (spek and (nama != "no" or not POLA_FORMAT_NO.fullmatch(spek))) for nama, spek, ubah in bagian):
        raise ValidationError(
            {"pola": "Format isian tidak sah: hanya {no} yang boleh diberi format, mis. {no:04d} untuk 0012."}
        )
    # the longest number it can make: the longest code and classification an admin can set
    contoh = {"urut": 999_999, "tanggal": dt.date(2099, 12, 31), "kode": "K" * 40, "klasifikasi": "8" * 20}
    terpanjang = format_nomor(pola, wilayah="9" * 16, **contoh)
    if len(terpanjang) > PANJANG_NOMOR:
        raise ValidationError(
            {"pola": f"Pola terlalu panjang: nomor yang dihasilkan bisa melebihi {PANJANG_NOMOR} karakter."}
        )


def buku_nomor(unit: Unit) -> tuple[Unit, PolaNomorSurat | None]:
    """The letter book a unit numbers in: the nearest unit at or above it with a pattern, else its PD."""
    pola = (
        PolaNomorSurat.objects.filter(unit__path__in=unit.jalur_leluhur())
        .select_related("unit")
        .order_by("-unit__depth")
        .first()
    )
    if pola is not None:
        return pola.unit, pola
    return perangkat_daerah(unit), None


def _nomor_berikut(unit: Unit, tahun: int) -> int:
    """The next number of a book, with its counter row locked until the caller's transaction ends."""
    try:
        with transaction.atomic():
            NomorSurat.objects.get_or_create(unit=unit, tahun=tahun)
    except IntegrityError:  # created at the same moment by another transaction: it is there now
        pass
    buku = NomorSurat.objects.select_for_update().get(unit=unit, tahun=tahun)
    buku.terakhir += 1
    buku.save(update_fields=["terakhir"])
    return buku.terakhir


def format_nomor(pola: str, *, urut: int, tanggal: dt.date, kode: str, wilayah: str, klasifikasi: str = "") -> str:
    return pola.format(
        no=urut,
        tahun=tanggal.year,
        bulan=ROMAWI[tanggal.month - 1],
        kode=kode,
        klasifikasi=klasifikasi,
        wilayah=wilayah,
    )


def kode_unit_naskah(unit: Unit, pola: PolaNomorSurat | None = None) -> str:
    """The unit's code in its letters' numbers: the numbering pattern's own code, else the code the admin set
    on the unit (`kode_naskah`), else its name's initials. Never the system's internal kode (a slug)."""
    return (pola.kode if pola and pola.kode else "") or unit.kode_naskah or singkatan(unit.nama)


def _kode_verifikasi() -> str:
    while True:
        kode = "".join(secrets.choice(HURUF_KODE) for _ in range(PANJANG_KODE))
        if not Surat.objects.filter(kode_verifikasi=kode).exists():
            return kode


def judul_pimpinan(unit: Unit) -> str:
    """How the head of a unit is titled on a letter."""
    nama = unit.nama
    for awalan, judul in (("Kecamatan ", "Camat "), ("Kelurahan ", "Lurah ")):
        if nama.startswith(awalan):
            return judul + nama.removeprefix(awalan)
    return {
        JenisUnit.SEKRETARIAT_DAERAH: "Sekretaris Daerah",
        JenisUnit.INSPEKTORAT: "Inspektur",
        JenisUnit.SEKRETARIAT_DPRD: "Sekretaris DPRD",
        JenisUnit.RSUD: f"Direktur {nama}",
        JenisUnit.SEKRETARIAT: f"Sekretaris {nama.removeprefix('Sekretariat ')}",
    }.get(unit.jenis, f"Kepala {nama}")


def jabatan_penandatangan(pj: Pejabat) -> str:
    """The signature block's title: the head's title (Plt./Plh. for acting heads, a.n. for a delegate),
    or the person's own position when they sign for themselves (an applicant)."""
    sendiri = pj.pegawai.jabatan.nama if pj.pegawai.jabatan_id else ""
    judul = judul_pimpinan(pj.unit)
    if pj.sebagai in (JenisPeran.PLT, JenisPeran.PLH):
        return f"{'Plt.' if pj.sebagai == JenisPeran.PLT else 'Plh.'} {judul}"
    if pj.sebagai == JenisPeran.DELEGASI:
        return f"a.n. {judul}" + (f"\n{sendiri}" if sendiri else "")
    if pj.sebagai == SEBAGAI_ATASAN:
        return judul
    if pj.sebagai == JenisPeran.DEFINITIF:
        return sendiri or judul
    return sendiri


def orang(p: Pegawai) -> dict:
    return {
        "nip": p.nip,
        "nama": p.nama,
        "jabatan": p.jabatan.nama if p.jabatan_id else "",
        "pangkat": pangkat_golongan(p.golongan),
    }


def kop(unit: Unit) -> dict:
    """The letterhead, frozen on the letter: the lambang by its stored name (a new upload gets a new name,
    so an issued letter keeps the lambang it was issued with)."""
    instansi = unit.instansi
    pd = perangkat_daerah(unit)
    return {
        "instansi": instansi.nama,
        "perangkat_daerah": pd.nama,
        "alamat": instansi.alamat,
        "tempat": instansi.tempat or instansi.nama,
        "lambang": instansi.lambang.name or "",
    }


def judul_tembusan(pj: Pejabat) -> str:
    """How a copy's addressee is named under Tembusan: their title as a signatory, one line (a delegate by
    their own position)."""
    return jabatan_penandatangan(pj).split("\n")[-1]


def tembusan_ppk(kepada: list[Pegawai], penandatangan: Pejabat, tanggal: dt.date) -> list[Pejabat]:
    """The PPK of each person assigned, when someone else signs (flow A and the others): the letter changes
    their staff's work, so a copy goes to them. Two queries for any number of people."""
    ditugaskan = {p.pk for p in kepada}
    penempatan = (
        Penempatan.objects.pada(tanggal).filter(pegawai__in=ditugaskan).select_related("pegawai", "unit", "jabatan")
    )
    hasil: dict[int, Pejabat] = {}
    for k in kedudukan_banyak(penempatan.order_by("mulai", "id"), tanggal).values():
        ppk = k.ppk
        if ppk is None or ppk.pegawai.pk == penandatangan.pegawai.pk or ppk.pegawai.pk in ditugaskan:
            continue
        hasil.setdefault(ppk.pegawai.pk, ppk)
    return list(hasil.values())


@transaction.atomic
def surat_terbitkan(
    *,
    penugasan,
    jenis: str,
    penandatangan: Pejabat,
    perihal: str,
    isi: dict,
    kepada: list[Pegawai],
    tanggal: dt.date | None = None,
    menggantikan: Surat | None = None,
    disampaikan: list[Pegawai] = (),
) -> Surat:
    """Number and issue a letter (in the caller's transaction, if any); its PDF is rendered once that commits.

    `kepada` are addressed on the letter; `disampaikan` receive it too (in their letters received), unnamed.
    """
    from ..tasks import render_surat

    tanggal = tanggal or timezone.localdate()
    unit_buku, pola = buku_nomor(penandatangan.unit)
    urut = _nomor_berikut(unit_buku, tanggal.year)
    instansi = unit_buku.instansi
    nomor = format_nomor(
        pola.pola if pola else POLA_NOMOR_BAWAAN,
        urut=urut,
        tanggal=tanggal,
        kode=kode_unit_naskah(unit_buku, pola),
        klasifikasi=instansi.kode_klasifikasi or KLASIFIKASI_BAWAAN,
        wilayah=instansi.kode_wilayah or "0",
    )
    ppk = tembusan_ppk(kepada, penandatangan, tanggal) if jenis == JenisSurat.PENUGASAN else []
    tembusan = [t.split("\n")[-1] for t in isi.get("tembusan") or []]
    tembusan += [j for j in dict.fromkeys(judul_tembusan(pj) for pj in ppk) if j not in tembusan]
    isi = {
        **isi,
        **({"tembusan": tembusan} if tembusan else {}),
        "kop": kop(penandatangan.unit),
        "perihal": perihal,
        "kepada": [orang(p) for p in kepada],
        "disampaikan": [p.nip for p in disampaikan],
        "penandatangan": {
            **orang(penandatangan.pegawai),
            "jabatan": jabatan_penandatangan(penandatangan),
            "sebagai": penandatangan.sebagai,
            "unit": penandatangan.unit.pk,
        },
    }
    surat = Surat.objects.create(
        jenis=jenis,
        penugasan=penugasan,
        unit_penerbit=unit_buku,
        tahun=tanggal.year,
        urut=urut,
        nomor=nomor,
        tanggal=tanggal,
        perihal=perihal,
        kode_verifikasi=_kode_verifikasi(),
        penandatangan=penandatangan.pegawai,
        isi=isi,
        menggantikan=menggantikan,
    )
    PenerimaSurat.objects.bulk_create(
        [PenerimaSurat(surat=surat, pegawai=p) for p in [*kepada, *disampaikan, *(pj.pegawai for pj in ppk)]],
        ignore_conflicts=True,
    )
    # robust: a broker that cannot be reached must not turn a committed letter into an error page
    transaction.on_commit(lambda: render_surat.delay(surat.pk), robust=True)
    return surat


def pemegang_kini(surat: Surat, tanggal: dt.date | None = None) -> list[Pejabat]:
    """Who may act for a letter's signatory today: the applicant themselves for their own letter, else
    whoever holds that head's role on the signing unit now (the signatory, or their successor or Plt)."""
    ttd = surat.isi["penandatangan"]
    if ttd["sebagai"] == "pemohon":
        return [Pejabat(surat.penandatangan, "pemohon", Unit.objects.get(pk=ttd["unit"]))]
    from organisasi.selectors import pimpinan_unit_pada

    peran = pimpinan_unit_pada(Unit.objects.get(pk=ttd["unit"]), tanggal)
    urutan = ("ppk", "memimpin") if ttd["sebagai"] == JenisPeran.DELEGASI else ("memimpin", "ppk")
    hasil: list[Pejabat] = []
    for nama in urutan:
        pj = peran[nama]
        if pj is not None and all(pj.pegawai.pk != h.pegawai.pk for h in hasil):
            hasil.append(pj)
    return hasil


def _pelaku_surat(user, surat: Surat) -> tuple[Pejabat | None, list[Pejabat]]:
    """The role the user acts in for this letter today (None for the Bagian Organisasi), with everyone who
    holds it today. 403 for anyone else."""
    diri = pegawai_dari_user(user)
    pemegang = pemegang_kini(surat)
    for pj in pemegang:
        if diri is not None and pj.pegawai.pk == diri.pk:
            return pj, pemegang
    if adalah_admin_organisasi(user):
        return None, pemegang
    raise BukanWewenang("Surat ini dikelola oleh pemegang jabatan penandatangannya hari ini atau Bagian Organisasi.")


@transaction.atomic
def surat_cabut(*, pelaku, surat: Surat, alasan: str) -> Surat:
    """Revoke an issued letter with a reason. It stays, marked `dicabut`, and its number stays used.

    A revoked letter is corrected by a new one (`surat_terbitkan_ulang`); the request it belongs to is
    not reopened, and its history records the revocation.
    """
    surat = Surat.objects.select_for_update().get(pk=surat.pk)
    _pelaku_surat(pelaku, surat)
    if surat.status != StatusSurat.BERLAKU:
        raise TransisiTidakSah("Surat ini sudah dicabut.")
    galat: dict = {}
    alasan = teks_isian(galat, "alasan", alasan, wajib=False)
    if galat or not alasan:
        raise ValidationError(galat or {"alasan": "Alasan pencabutan wajib diisi."})
    surat.status, surat.alasan_cabut = StatusSurat.DICABUT, alasan
    surat.dicabut, surat.dicabut_oleh = timezone.now(), akun_pelaku(pelaku)
    surat._change_reason = f"surat_cabut: {surat.alasan_cabut}"
    surat.save(update_fields=["status", "alasan_cabut", "dicabut", "dicabut_oleh"])
    from .alur import catat_surat_dicabut

    catat_surat_dicabut(surat=surat, pelaku=pelaku)
    return surat


@transaction.atomic
def surat_terbitkan_ulang(*, pelaku, surat: Surat, tanggal: dt.date | None = None) -> Surat:
    """A new letter, with a new number and the same content, in place of a revoked one, signed by whoever
    holds the signatory's role today (the Bagian Organisasi may start it; the holder still signs)."""
    surat = Surat.objects.select_for_update(of=("self",)).select_related("penandatangan__jabatan").get(pk=surat.pk)
    pj, pemegang = _pelaku_surat(pelaku, surat)
    if surat.status != StatusSurat.DICABUT:
        raise TransisiTidakSah("Cabut surat ini dulu, dengan alasannya, sebelum menerbitkan penggantinya.")
    if hasattr(surat, "pengganti"):
        raise TransisiTidakSah(f"Surat ini sudah diganti dengan {surat.pengganti.nomor}.")
    if pj is None:
        if not pemegang:
            raise ValidationError({"penandatangan": "Jabatan penandatangan kosong hari ini: tetapkan Plt/Plh dulu."})
        pj = pemegang[0]
    isi = {k: v for k, v in surat.isi.items() if k not in ("kop", "penandatangan", "perihal", "kepada", "disampaikan")}
    per_nip = {
        p.nip: p
        for p in Pegawai.objects.filter(
            nip__in=[k["nip"] for k in surat.isi["kepada"]] + surat.isi.get("disampaikan", [])
        ).select_related("jabatan")
    }
    return surat_terbitkan(
        penugasan=surat.penugasan,
        jenis=surat.jenis,
        penandatangan=pj,
        perihal=surat.perihal,
        isi=isi,
        kepada=[per_nip[k["nip"]] for k in surat.isi["kepada"] if k["nip"] in per_nip],
        disampaikan=[per_nip[n] for n in surat.isi.get("disampaikan", []) if n in per_nip],
        tanggal=tanggal,
        menggantikan=surat,
    )


@transaction.atomic
def pola_nomor_atur(*, pelaku, unit: Unit, pola: str, kode: str = "") -> PolaNomorSurat:
    """Set how a unit numbers its letters (Bagian Organisasi). Letters already issued keep their numbers."""
    if not adalah_admin_organisasi(pelaku):
        raise BukanWewenang("Pola nomor surat diatur oleh Bagian Organisasi.")
    validasi_pola(pola)
    atur, _ = PolaNomorSurat.objects.select_for_update().get_or_create(unit=unit, defaults={"pola": pola})
    atur.pola, atur.kode = pola, (kode or "").strip()
    atur._change_reason = "pola_nomor_atur"
    atur.save()
    return atur


@transaction.atomic
def pejabat_berwenang_atur(*, pelaku, instansi, unit: Unit):
    """Name the unit whose head is the instansi's Pejabat yang Berwenang (flow C)."""
    from ..models import PejabatBerwenang

    if not adalah_admin_organisasi(pelaku):
        raise BukanWewenang("Pejabat yang Berwenang diatur oleh Bagian Organisasi.")
    if unit.instansi_id != instansi.pk or unit.jenis == JenisUnit.INSTANSI:
        raise ValidationError({"unit": f"{unit.nama} bukan unit dalam {instansi.nama}."})
    atur, _ = PejabatBerwenang.objects.select_for_update().get_or_create(instansi=instansi, defaults={"unit": unit})
    atur.unit = unit
    atur._change_reason = "pejabat_berwenang_atur"
    atur.save()
    return atur
