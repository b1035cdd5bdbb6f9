"""Business-process maps of an agency (Pasal 13; PermenPANRB 19/2018): level 1 and the levels below it, and
the subprocess, relation and cross-function maps hung under them. A map is registered and edited by the
pengelola of its unit (`peta_daftarkan`, `peta_ubah`), its drawings are uploaded as draft versions
(`peta_versi_unggah`: PDF, PNG, JPEG or BPMN 2.0 XML, checked by content) and the penetap of the unit sets the
latest draft in force (`peta_terbitkan`), as standards and SOPs are versioned.

The tree holds within one agency: a map's parent belongs to the same Perangkat Daerah, a level map's parent
is a level map one level up, and no map is its own ancestor. Moving a map moves its subtree's levels with it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisasi.models import Unit
from sistemkerja.berkas import nama_acak
from sistemkerja.errors import TransisiTidakSah
from sistemkerja.masukan import PERIODE_MAKS, PERIODE_MIN, bentuk_id

from ..choices import AksiLayanan, JenisPeta, StatusVersi
from ..models import PetaProses, Sop, VersiPeta
from ..peta_baca import jalur_pd, q_pd
from ..peta_berkas import periksa_berkas_peta
from ._dasar import catat_layanan, gagal_bila, harus_penetap, harus_pengelola, kunci, teks

LEVEL_MAKS = 9
KAITAN_MAKS = 100  # units involved or related SOPs on one map
BENTUK_KODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
PESAN_PENGELOLA = "Hanya pegawai perangkat daerah pemilik peta (atau pimpinannya) yang dapat menyusun peta ini."
PESAN_PENETAP = "Hanya pimpinan unit pemilik peta, admin unit atau Bagian Organisasi yang dapat menetapkan peta."
TETAP = object()  # "leave as it is" for `peta_ubah(induk=...)`, where None means "no parent"


# --- input ----------------------------------------------------------------------------------------


def tanggal(galat: dict, kolom: str, nilai, *, akhir: dt.date = PERIODE_MAKS) -> dt.date | None:
    """An optional date (or its ISO text) from 2000 to `akhir`; None when left empty or refused (then a
    message on `kolom`)."""
    if nilai in (None, ""):
        return None
    if isinstance(nilai, str):
        try:
            nilai = dt.date.fromisoformat(nilai) if nilai.isascii() and len(nilai) == 10 else None
        except ValueError:
            nilai = None
    if not isinstance(nilai, dt.date) or isinstance(nilai, dt.datetime):
        galat[kolom] = ["Tanggal tidak sah; tulis seperti 2027-03-15."]
        return None
    if not PERIODE_MIN <= nilai <= akhir:
        galat[kolom] = [f"Tanggal harus antara {PERIODE_MIN:%d-%m-%Y} dan {akhir:%d-%m-%Y}."]
        return None
    return nilai


def kode_isian(galat: dict, kode, *, pola: re.Pattern, bentuk: str, terpakai, milik: str) -> str:
    """A code of the shape `pola` (else `bentuk` on the field) not used yet among `terpakai` (a queryset)."""
    if not isinstance(kode, str) or not pola.match(kode.strip()):
        galat["kode"] = [bentuk]
        return ""
    kode = kode.strip()
    if terpakai.filter(kode=kode).exists():
        galat["kode"] = [f"Kode {kode} sudah dipakai {milik}."]
    return kode


def _kode(galat: dict, kode, unit: Unit, kecuali: int | None = None) -> str:
    return kode_isian(
        galat,
        kode,
        pola=BENTUK_KODE,
        bentuk="Kode 1–64 karakter: huruf, angka, titik, garis miring, - dan _, mis. PB-01.2.",
        terpakai=PetaProses.objects.filter(unit=unit).exclude(pk=kecuali),
        milik="peta lain unit ini",
    )


def _jenis(galat: dict, jenis) -> str:
    if jenis not in JenisPeta.values:
        galat["jenis"] = [f"Gunakan salah satu: {', '.join(JenisPeta.values)}."]
        return ""
    return jenis


def ids_dari(galat: dict, kolom: str, nilai) -> list[int] | None:
    """Row ids from instances or ids; None (and a message) when the list is not one."""
    if nilai is None:
        return []
    if isinstance(nilai, str | bytes) or not isinstance(nilai, Iterable):
        galat[kolom] = ["Harus berupa daftar."]
        return None
    hasil = []
    for x in nilai:
        i = x.pk if hasattr(x, "pk") else bentuk_id(x)
        if i is None:
            galat[kolom] = ["Pilihan tidak sah."]
            return None
        hasil.append(i)
    if len(set(hasil)) > KAITAN_MAKS:
        galat[kolom] = [f"Paling banyak {KAITAN_MAKS} pilihan."]
        return None
    return sorted(set(hasil))


def _unit_terlibat(galat: dict, nilai, instansi_id: int) -> list[Unit] | None:
    ids = ids_dari(galat, "unit_terlibat", nilai)
    if ids is None:
        return None
    unit = list(Unit.objects.filter(pk__in=ids, instansi_id=instansi_id, aktif=True))
    if len(unit) != len(ids):
        galat["unit_terlibat"] = ["Unit yang terlibat harus unit aktif instansi yang sama."]
        return None
    return unit


def _sop(galat: dict, nilai, instansi_id: int) -> list[Sop] | None:
    ids = ids_dari(galat, "sop", nilai)
    if ids is None:
        return None
    sop = list(Sop.objects.filter(pk__in=ids, unit__instansi_id=instansi_id))
    if len(sop) != len(ids):
        galat["sop"] = ["SOP terkait harus SOP instansi yang sama."]
        return None
    return sop


def _induk(galat: dict, induk, unit: Unit) -> PetaProses | None:
    if induk is None or induk == "":
        return None
    pk = induk.pk if isinstance(induk, PetaProses) else bentuk_id(induk)
    peta = PetaProses.objects.select_related("unit").filter(pk=pk).first() if pk else None
    if peta is None:
        galat["induk"] = ["Peta induk tidak ditemukan."]
    elif jalur_pd(peta.unit.path) != jalur_pd(unit.path):
        galat["induk"] = ["Peta induk harus milik perangkat daerah yang sama."]
        return None
    return peta


def _level(galat: dict, level, jenis: str, induk: PetaProses | None) -> int:
    """The map's level: one below its parent's (1 without a parent). A level map's parent is a level map,
    and a level given that says otherwise is refused."""
    harus = (induk.level + 1) if induk is not None else 1
    if jenis == JenisPeta.LEVEL and induk is not None and induk.jenis != JenisPeta.LEVEL:
        galat["induk"] = ["Induk peta level harus peta level juga (peta level 1 dan turunannya)."]
    if level not in (None, ""):
        if isinstance(level, str):
            level = int(level) if level.strip().isascii() and level.strip().isdigit() else -1
        if isinstance(level, bool) or not isinstance(level, int) or level != harus:
            sebab = f"satu di bawah induknya (level {induk.level})." if induk else "tanpa induk."
            galat["level"] = [f"Level harus {harus}: {sebab}"]
    if harus > LEVEL_MAKS:
        galat["induk"] = [f"Peta paling dalam level {LEVEL_MAKS}."]
    return harus


def _peta_pd(unit: Unit) -> dict[int, PetaProses]:
    """Every map of the agency (one query), for the loop check and moving a subtree's levels."""
    return {p.pk: p for p in PetaProses.objects.filter(q_pd(jalur_pd(unit.path))).only("pk", "induk_id", "level")}


def _keturunan(peta_pk: int, semua: dict[int, PetaProses]) -> list[int]:
    anak: dict[int, list[int]] = {}
    for p in semua.values():
        anak.setdefault(p.induk_id, []).append(p.pk)
    hasil, tumpuk = [], list(anak.get(peta_pk, []))
    while tumpuk:
        i = tumpuk.pop()
        if i not in hasil and i != peta_pk:
            hasil.append(i)
            tumpuk.extend(anak.get(i, []))
    return hasil


# --- registering and editing ----------------------------------------------------------------------


@transaction.atomic
def peta_daftarkan(
    *,
    pelaku,
    unit: Unit,
    kode,
    nama,
    jenis,
    level=None,
    induk=None,
    unit_terlibat=None,
    sop=None,
    uraian="",
) -> PetaProses:
    """Register a map of `unit` (no drawing yet: upload one with `peta_versi_unggah`)."""
    diri, sebagai = harus_pengelola(pelaku, unit, PESAN_PENGELOLA)
    galat: dict = {}
    if not unit.aktif:
        galat["unit"] = ["Unit ini tidak aktif lagi."]
    kode = _kode(galat, kode, unit)
    nama = teks(galat, "nama", nama, maks=300)
    jenis = _jenis(galat, jenis)
    induk = _induk(galat, induk, unit)
    level = _level(galat, level, jenis, induk)
    terlibat = _unit_terlibat(galat, unit_terlibat, unit.instansi_id)
    sop_ = _sop(galat, sop, unit.instansi_id)
    uraian = teks(galat, "uraian", uraian, maks=4000, wajib=False)
    gagal_bila(galat)
    try:
        with transaction.atomic():
            peta = PetaProses.objects.create(
                unit=unit, kode=kode, nama=nama, jenis=jenis, level=level, induk=induk, uraian=uraian
            )
    except IntegrityError:  # the same code registered a moment ago
        raise ValidationError({"kode": [f"Kode {kode} sudah dipakai peta lain unit ini."]}) from None
    peta.unit_terlibat.set(terlibat)
    peta.sop.set(sop_)
    catat_layanan(
        AksiLayanan.PETA_DAFTAR,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        peta=peta,
        catatan=f"{peta.get_jenis_display()}, level {level}" + (f", di bawah {induk.kode}" if induk else ""),
    )
    return peta


def _isian(galat: dict, peta: PetaProses, berubah: list[str], *, kode, nama, jenis, uraian, aktif) -> None:
    """The map's own fields given (None: unchanged), checked and set; their names added to `berubah`."""
    if kode is not None:
        kode = _kode(galat, kode, peta.unit, kecuali=peta.pk)
        if kode and kode != peta.kode:
            peta.kode = kode
            berubah.append("kode")
    if nama is not None:
        nama = teks(galat, "nama", nama, maks=300)
        if nama and nama != peta.nama:
            peta.nama = nama
            berubah.append("nama")
    if jenis is not None:
        jenis = _jenis(galat, jenis)
        if jenis and jenis != peta.jenis:
            peta.jenis = jenis
            berubah.append("jenis")
    if uraian is not None:
        uraian = teks(galat, "uraian", uraian, maks=4000, wajib=False)
        if uraian != peta.uraian:
            peta.uraian = uraian
            berubah.append("uraian")
    if aktif is not None and bool(aktif) != peta.aktif:
        peta.aktif = bool(aktif)
        berubah.append("aktif" if aktif else "tidak aktif")


def _tempat(galat: dict, peta: PetaProses, induk, level) -> tuple[PetaProses | None, int, dict, list[int]]:
    """(new parent, new level, the agency's maps, this map's descendants), the tree's rules checked: no loop, a
    level map under a level map, a parent of level maps stays one, the subtree within the deepest level."""
    induk_baru = peta.induk if induk is TETAP else _induk(galat, induk, peta.unit)
    semua = _peta_pd(peta.unit)
    turunan = _keturunan(peta.pk, semua)
    if induk_baru is not None and (induk_baru.pk == peta.pk or induk_baru.pk in turunan):
        galat["induk"] = ["Peta tidak dapat menjadi turunan dirinya sendiri atau turunannya (berputar)."]
        induk_baru = None
    level_baru = _level(galat, level, peta.jenis, induk_baru) if "induk" not in galat else peta.level
    if peta.jenis != JenisPeta.LEVEL and PetaProses.objects.filter(induk=peta, jenis=JenisPeta.LEVEL).exists():
        galat["jenis"] = ["Peta ini menjadi induk peta level; jenisnya harus tetap peta level."]
    if turunan and level_baru - peta.level + max(semua[i].level for i in turunan) > LEVEL_MAKS:
        galat["induk"] = [f"Turunan peta ini akan melewati level {LEVEL_MAKS}."]
    return induk_baru, level_baru, semua, turunan


def _pindah(peta: PetaProses, induk_baru, level_baru: int, semua: dict, turunan: list[int], berubah: list[str]):
    """Hang the map under its new parent; its descendants' levels move by as much as its own."""
    if (induk_baru.pk if induk_baru else None) == peta.induk_id:
        return
    geser = level_baru - peta.level
    peta.induk, peta.level = induk_baru, level_baru
    berubah.append(f"induk: {induk_baru.kode if induk_baru else 'tanpa induk'}")
    for i in turunan if geser else []:
        PetaProses.objects.filter(pk=i).update(level=semua[i].level + geser)


def _kaitan(kaitan, baris: list | None, label: str, berubah: list[str]) -> None:
    """Set a many-to-many of the map (units involved, related SOPs) when it was given and differs."""
    if baris is not None and {b.pk for b in baris} != set(kaitan.values_list("pk", flat=True)):
        kaitan.set(baris)
        berubah.append(label)


@transaction.atomic
def peta_ubah(
    *,
    pelaku,
    peta: PetaProses,
    kode=None,
    nama=None,
    jenis=None,
    induk=TETAP,
    level=None,
    unit_terlibat=None,
    sop=None,
    uraian=None,
    aktif=None,
) -> PetaProses:
    """Change a map's data; what is left out (None, `induk=TETAP`) stays. Moving it under another parent (or
    to the top) moves the levels of its whole subtree with it; a parent inside its own subtree is refused."""
    peta = kunci(PetaProses, peta.pk)
    diri, sebagai = harus_pengelola(pelaku, peta.unit, PESAN_PENGELOLA)
    galat: dict = {}
    berubah: list[str] = []
    _isian(galat, peta, berubah, kode=kode, nama=nama, jenis=jenis, uraian=uraian, aktif=aktif)
    induk_baru, level_baru, semua, turunan = _tempat(galat, peta, induk, level)
    terlibat = _unit_terlibat(galat, unit_terlibat, peta.unit.instansi_id) if unit_terlibat is not None else None
    sop_ = _sop(galat, sop, peta.unit.instansi_id) if sop is not None else None
    gagal_bila(galat)
    _pindah(peta, induk_baru, level_baru, semua, turunan, berubah)
    _kaitan(peta.unit_terlibat, terlibat, "unit yang terlibat", berubah)
    _kaitan(peta.sop, sop_, "SOP terkait", berubah)
    if berubah:
        try:
            with transaction.atomic():
                peta.save()
        except IntegrityError:
            raise ValidationError({"kode": [f"Kode {peta.kode} sudah dipakai peta lain unit ini."]}) from None
        catat_layanan(
            AksiLayanan.PETA_UBAH, oleh=diri, pelaku=pelaku, sebagai=sebagai, peta=peta, catatan="; ".join(berubah)
        )
    return peta


# --- drawings -------------------------------------------------------------------------------------


@transaction.atomic
def peta_versi_unggah(*, pelaku, peta: PetaProses, berkas, catatan="") -> VersiPeta:
    """A new draft version of the map: the drawing checked by its content and stored under a random name."""
    peta = kunci(PetaProses, peta.pk)
    diri, sebagai = harus_pengelola(pelaku, peta.unit, PESAN_PENGELOLA)
    galat: dict = {}
    format_ = ekstensi = ""
    try:
        format_, ekstensi = periksa_berkas_peta(berkas)
    except ValidationError as e:
        galat["berkas"] = e.messages
    catatan = teks(galat, "catatan", catatan, maks=2000, wajib=False)
    gagal_bila(galat)
    terakhir = peta.versi.order_by("-nomor").values_list("nomor", flat=True).first() or 0
    nama = (getattr(berkas, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    nama = "".join(c for c in nama if c.isprintable())[-200:] or f"peta.{ekstensi}"
    versi = VersiPeta(
        peta=peta,
        nomor=terakhir + 1,
        format=format_,
        nama_berkas=nama,
        ukuran=berkas.size,
        catatan_perubahan=catatan,
        disusun_oleh=diri,
    )
    berkas.seek(0)
    versi.berkas.save(nama_acak("peta", ekstensi), berkas, save=False)
    versi.save()
    catat_layanan(
        AksiLayanan.PETA_VERSI,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_ke=versi.status,
        peta=peta,
        catatan="; ".join(filter(None, [f"versi {versi.nomor} ({versi.get_format_display()}, {nama})", catatan])),
    )
    return versi


@transaction.atomic
def peta_terbitkan(*, pelaku, peta: PetaProses, tanggal_penetapan=None) -> VersiPeta:
    """Set the latest draft in force: the version in force until now is kept as `diganti`, dated; older drafts
    are `dilewati`. `tanggal_penetapan`: the date of the decision (today when not given; not in the future)."""
    peta = kunci(PetaProses, peta.pk)
    diri, sebagai = harus_penetap(pelaku, peta.unit, PESAN_PENETAP)
    draf = peta.versi.filter(status=StatusVersi.DRAF).order_by("-nomor").first()
    if draf is None:
        raise TransisiTidakSah("Tidak ada draf untuk ditetapkan; unggah versi baru lebih dulu.")
    galat: dict = {}
    tanggal_penetapan = tanggal(galat, "tanggal_penetapan", tanggal_penetapan, akhir=timezone.localdate())
    gagal_bila(galat)
    draf = kunci(VersiPeta, draf.pk)
    sekarang = timezone.now()
    lama = peta.versi_berlaku
    if lama is not None:
        VersiPeta.objects.filter(pk=lama.pk).update(status=StatusVersi.DIGANTI, berlaku_sampai=sekarang)
    peta.versi.filter(status=StatusVersi.DRAF, nomor__lt=draf.nomor).update(status=StatusVersi.DILEWATI)
    draf.status, draf.berlaku_sejak, draf.diterbitkan_oleh = StatusVersi.BERLAKU, sekarang, diri
    draf.tanggal_penetapan = tanggal_penetapan or timezone.localdate()
    draf.save()
    peta.versi_berlaku = draf
    peta.save(update_fields=["versi_berlaku"])
    catat_layanan(
        AksiLayanan.PETA_TERBIT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=StatusVersi.DRAF,
        status_ke=StatusVersi.BERLAKU,
        peta=peta,
        catatan=f"versi {draf.nomor}" + (f", menggantikan versi {lama.nomor}" if lama else ""),
    )
    return draf
