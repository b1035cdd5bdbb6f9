"""Penugasan's identifiers, on top of sistemkerja.masukan: NIPs and unit codes are checked for shape before
any lookup, and NIPs are looked up only within what the caller may reach. A malformed identifier, an
unknown one and one out of reach all get the same "not found" message, so nothing can be learned from it.

The API names units by code and people by NIP (`cari_unit`, `cari_pegawai`). The pages' search boxes
(sistemkerja.widgets.Cari) send what the person typed or picked: a code or NIP, a picked suggestion
"Nama (kunci)", or an exact name (`unit_dari_teks`, `pegawai_dari_teks`). A name several share is refused
with a request to choose.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q

from organisasi.models import Pegawai, Unit
from sistemkerja import masukan
from sistemkerja.masukan import PANJANG, bentuk_kode, bentuk_nip, periksa_teks
from sistemkerja.widgets import kunci_dalam_kurung

PESAN_NIP = "Pegawai dengan NIP {nip} tidak ditemukan atau tidak aktif."
PESAN_KODE = "Unit dengan kode {kode} tidak ditemukan."
PESAN_UNIT = "Unit “{teks}” tidak ditemukan. Ketik nama atau kode unit, lalu pilih dari daftar saran."
PESAN_UNIT_GANDA = "Ada {n} unit bernama “{nama}”; pilih salah satu: {daftar}."
PESAN_PEGAWAI = "Pegawai “{teks}” tidak ditemukan atau tidak aktif. Ketik nama lengkap atau NIP, lalu pilih dari saran."
PESAN_PEGAWAI_GANDA = "Ada {n} pegawai bernama “{nama}”; pilih dari daftar saran atau ketik NIP-nya."


def tampil(nilai, maks: int = 40) -> str:
    """An identifier as it was sent, safe to echo in a message: without control characters, cut short."""
    return masukan.tampil(nilai, maks, buang_kendali=True)


def cari_pegawai(daftar_nip: list, terjangkau) -> list[Pegawai]:
    """The active people of `terjangkau` with these NIPs (spaces allowed), in the order given. Every NIP
    that is malformed, unknown, inactive or outside `terjangkau` is named in one ValidationError, alike."""
    bentuk = [(n, bentuk_nip(n)) for n in daftar_nip]
    sah = [b for _, b in bentuk if b is not None]
    ada = (
        {p.nip: p for p in terjangkau.filter(nip__in=sah, aktif=True).select_related("jabatan", "unit")} if sah else {}
    )
    if hilang := [b or n for n, b in bentuk if b not in ada]:
        raise ValidationError([PESAN_NIP.format(nip=tampil(n)) for n in hilang], code="tidak_ada")
    return [ada[b] for _, b in bentuk]


def cari_unit(kode) -> Unit:
    """An active unit by its code (units are public: anyone may name one); ValidationError otherwise."""
    sah = bentuk_kode(kode)
    unit = Unit.objects.filter(kode=sah, aktif=True).select_related("instansi").first() if sah else None
    if unit is None:
        raise ValidationError(PESAN_KODE.format(kode=tampil(kode, 64)), code="tidak_ada")
    return unit


def _nama(teks) -> str:
    """A typed name with its spaces collapsed, or "" when it cannot be a name (control characters, too long)."""
    try:
        return " ".join(periksa_teks(teks, maks=PANJANG["pendek"], baris=False).split())
    except (ValidationError, TypeError):
        return ""


def unit_dari_teks(teks, dalam=None) -> Unit:
    """An active unit by what was typed in a page's unit box: its code, a picked "Nama (kode)", or its exact
    name (any case), among `dalam` (a queryset; default every unit). Unknown → "tidak ditemukan"; a name
    several units share → asked to choose, each unit named with its code and parent (units are public:
    anyone may name one)."""
    kode = bentuk_kode(teks) or bentuk_kode(kunci_dalam_kurung(teks))
    nama = _nama(teks)
    if not (kode or nama):
        raise ValidationError(PESAN_UNIT.format(teks=tampil(teks, 64)), code="tidak_ada")
    q = (Q(kode=kode) if kode else Q(pk__in=[])) | (Q(nama__iexact=nama) if nama else Q(pk__in=[]))
    unit = (Unit.objects if dalam is None else dalam).filter(q, aktif=True)
    unit = list(unit.select_related("instansi", "induk").order_by("path")[:11])
    if kode and (tepat := [u for u in unit if u.kode == kode]):
        return tepat[0]
    if len(unit) == 1:
        return unit[0]
    if not unit:
        raise ValidationError(PESAN_UNIT.format(teks=tampil(teks, 64)), code="tidak_ada")
    daftar = "; ".join(f"{u.nama} ({u.kode}) di {u.induk.nama if u.induk else u.instansi.nama}" for u in unit[:10])
    raise ValidationError(PESAN_UNIT_GANDA.format(n=len(unit), nama=unit[0].nama, daftar=daftar), code="ganda")


def pegawai_dari_teks(daftar: list[str], terjangkau) -> list[Pegawai]:
    """The active people of `terjangkau` by what was typed in a page's person box: a NIP (spaces allowed),
    a picked "Nama (NIP)" or an exact name (any case), in the order given. Every entry unknown, inactive or
    out of reach is named in one ValidationError, alike; a name several share asks for a choice.
    Two queries at most: one by NIP, one by name."""
    nip = [bentuk_nip(t) or bentuk_nip(kunci_dalam_kurung(t)) for t in daftar]
    nama = [None if n else _nama(t) for t, n in zip(daftar, nip, strict=True)]
    sah = [n for n in nip if n]
    per_nip = {p.nip: p for p in _aktif(terjangkau).filter(nip__in=sah)} if sah else {}
    q_nama = Q(pk__in=[])
    for n in {n for n in nama if n}:
        q_nama |= Q(nama__iexact=n)
    per_nama: dict[str, list[Pegawai]] = {}
    for p in _aktif(terjangkau).filter(q_nama).order_by("nip") if any(nama) else []:
        per_nama.setdefault(" ".join(p.nama.split()).casefold(), []).append(p)
    hasil, galat = [], []
    for teks, n, nm in zip(daftar, nip, nama, strict=True):
        calon = [per_nip[n]] if n in per_nip else per_nama.get(nm.casefold(), []) if nm else []
        if len(calon) == 1:
            hasil.append(calon[0])
        elif calon:
            galat.append(PESAN_PEGAWAI_GANDA.format(n=len(calon), nama=calon[0].nama))
        else:
            galat.append(PESAN_PEGAWAI.format(teks=tampil(teks)) if nm else PESAN_NIP.format(nip=n or tampil(teks)))
    if galat:
        raise ValidationError(galat, code="tidak_ada")
    return hasil


def _aktif(terjangkau):
    return terjangkau.filter(aktif=True).select_related("jabatan", "unit")
