"""Every write to the organisation structure, one function per transition.

Each checks the actor's right and the current state inside a transaction (rows
locked with select_for_update where it matters), changes, and leaves a history
record naming the actor and the transition (django-simple-history).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from . import nip as nip_mod
from .choices import JenisAsn, JenisJabatan, JenisPeran, JenisUnit, Tingkat
from .errors import BukanWewenang, TransisiTidakSah
from .models import Instansi, Jabatan, MutasiKolektif, Pegawai, PejabatUnit, Penempatan, Unit
from .permissions import cakupan_jalur
from .selectors import hari_ini, pola_unit_organisasi

GOLONGAN_PPPK = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
                 "XV", "XVI", "XVII"]


# --- helpers -------------------------------------------------------------------------------------

def _catat(obj, pelaku, alasan: str) -> None:
    """Name the actor and the transition on the history row the next save writes."""
    obj._history_user = pelaku if getattr(pelaku, "is_authenticated", False) else None
    obj._change_reason = alasan


def _simpan(obj, pelaku, alasan: str, **kwargs) -> None:
    _catat(obj, pelaku, alasan)
    # Related objects come in as instances the service already checked; re-querying each FK is waste.
    relasi = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    obj.full_clean(exclude=relasi, validate_unique=False, validate_constraints=False)
    obj.save(**kwargs)


def pastikan_wewenang(pelaku, unit: Unit) -> None:
    """The actor must manage the unit's subtree (Admin Organisasi or a unit admin of an ancestor)."""
    if pelaku is None:  # system jobs and management commands act as the system
        return
    jalur = cakupan_jalur(pelaku, "change")
    if jalur is not None and not any(unit.path.startswith(j) for j in jalur):
        raise BukanWewenang(f"Anda tidak berwenang mengelola {unit.nama}.")


def _rentang_bertumpang(qs, mulai: dt.date, selesai: dt.date | None):
    qs = qs.filter(Q(selesai__isnull=True) | Q(selesai__gte=mulai))
    return qs if selesai is None else qs.filter(mulai__lte=selesai)


# --- instansi and units --------------------------------------------------------------------------

@transaction.atomic
def instansi_buat(*, pelaku, kode: str, nama: str, kode_wilayah: str = "", tempat: str = "",
                  alamat: str = "") -> Instansi:
    if pelaku is not None and cakupan_jalur(pelaku, "change") is not None:
        raise BukanWewenang("Hanya Admin Organisasi yang dapat membuat instansi.")
    instansi = Instansi(kode=kode, nama=nama, kode_wilayah=kode_wilayah, tempat=tempat, alamat=alamat)
    _simpan(instansi, pelaku, "instansi_buat")
    akar = Unit(kode=kode, nama=nama, jenis=JenisUnit.INSTANSI, tingkat="", mandiri=False, instansi=instansi)
    _catat(akar, pelaku, "instansi_buat")
    akar.full_clean(exclude=["path", "depth"], validate_unique=False, validate_constraints=False)
    Unit.objects.add_root(instance=akar)
    return instansi


def _validasi_unit(*, jenis: str, tingkat: str, induk: Unit | None) -> None:
    if jenis == JenisUnit.INSTANSI:
        raise ValidationError({"jenis": "Unit berjenis instansi dibuat bersama instansinya."})
    if not tingkat:
        raise ValidationError({"tingkat": "Tingkat pimpinan unit wajib diisi."})
    if induk is None:
        raise ValidationError({"induk": "Unit induk wajib diisi."})
    if not induk.aktif:
        raise ValidationError({"induk": f"Unit induk {induk.nama} sudah tidak aktif."})


@transaction.atomic
def unit_buat(*, pelaku, induk: Unit, kode: str, nama: str, jenis: str, tingkat: str,
              mandiri: bool = False, hitung_pola: bool = True) -> Unit:
    _validasi_unit(jenis=jenis, tingkat=tingkat, induk=induk)
    pastikan_wewenang(pelaku, induk)
    if Unit.objects.filter(kode=kode).exists():
        raise ValidationError({"kode": f"Kode unit {kode!r} sudah dipakai."})
    unit = Unit(kode=kode, nama=nama, jenis=jenis, tingkat=tingkat, mandiri=mandiri, induk=induk,
                instansi_id=induk.instansi_id)
    _catat(unit, pelaku, "unit_buat")
    unit.full_clean(exclude=["path", "depth"], validate_unique=False, validate_constraints=False)
    unit = Unit.objects.add_child(induk, instance=unit)
    if hitung_pola:
        pola_hitung_ulang(instansi=unit.instansi)
    return unit


@transaction.atomic
def unit_ubah(*, pelaku, unit: Unit, hitung_pola: bool = True, **perubahan) -> Unit:
    """Change a unit's name, jenis, tingkat, mandiri flag or active state (not its place)."""
    boleh = {"nama", "jenis", "tingkat", "mandiri", "aktif"}
    if asing := set(perubahan) - boleh:
        raise ValidationError({f: "Kolom ini tidak dapat diubah di sini." for f in asing})
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    pastikan_wewenang(pelaku, unit)
    if unit.jenis == JenisUnit.INSTANSI:
        raise ValidationError({"jenis": "Unit akar instansi diubah melalui data instansi."})
    _validasi_unit(jenis=perubahan.get("jenis", unit.jenis), tingkat=perubahan.get("tingkat", unit.tingkat),
                   induk=unit.induk)
    berubah = {k: v for k, v in perubahan.items() if getattr(unit, k) != v}
    if not berubah:
        return unit
    for k, v in berubah.items():
        setattr(unit, k, v)
    _simpan(unit, pelaku, "unit_ubah: " + ", ".join(sorted(berubah)))
    if hitung_pola:
        pola_hitung_ulang(instansi=unit.instansi)
    return unit


@transaction.atomic
def unit_pindahkan(*, pelaku, unit: Unit, induk_baru: Unit, hitung_pola: bool = True) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    pastikan_wewenang(pelaku, unit)
    pastikan_wewenang(pelaku, induk_baru)
    if induk_baru.path.startswith(unit.path):
        raise ValidationError({"induk": "Unit tidak dapat dipindahkan ke bawah dirinya sendiri."})
    if induk_baru.instansi_id != unit.instansi_id:
        raise ValidationError({"induk": "Unit tidak dapat dipindahkan ke instansi lain."})
    if unit.induk_id == induk_baru.pk:
        return unit
    Unit.objects.move(unit, induk_baru, "last-child")
    unit = Unit.objects.get(pk=unit.pk)
    unit.induk = induk_baru
    _simpan(unit, pelaku, f"unit_pindahkan: ke {induk_baru.kode}")
    if hitung_pola:
        pola_hitung_ulang(instansi=unit.instansi)
    return unit


def pola_hitung_ulang(*, instansi: Instansi) -> int:
    """Recompute the stored pattern of every Unit Organisasi of an instansi; returns how many changed.

    Derived data, so it is not a transition and writes no history.
    """
    semua = list(Unit.objects.filter(instansi=instansi).order_by("path"))
    berubah = []
    for i, u in enumerate(semua):
        turunan = [u] + [v for v in semua[i + 1:] if v.path.startswith(u.path)] if u.adalah_unit_organisasi else []
        pola, alasan = pola_unit_organisasi(u, turunan)
        catatan = "\n".join(alasan)
        if (u.pola, u.catatan_pola) != (pola, catatan):
            u.pola, u.catatan_pola = pola, catatan
            berubah.append(u)
    Unit.objects.bulk_update(berubah, ["pola", "catatan_pola"], batch_size=500)
    return len(berubah)


# --- positions and staff -------------------------------------------------------------------------

def jabatan_dapatkan(*, nama: str, jenis: str, jenjang: str = "", tingkat: str = "") -> Jabatan:
    """Find or create a position in the catalogue (positions are reference data)."""
    if jenis == JenisJabatan.STRUKTURAL and not tingkat:
        raise ValidationError({"tingkat": f"Jabatan struktural {nama!r} memerlukan tingkat."})
    if jenis == JenisJabatan.FUNGSIONAL and not jenjang:
        raise ValidationError({"jenjang": f"Jabatan fungsional {nama!r} memerlukan jenjang."})
    jabatan = Jabatan.objects.filter(nama=nama, jenis=jenis, jenjang=jenjang if jenis == "fungsional" else "").first()
    if jabatan is None:
        jabatan = Jabatan(nama=nama, jenis=jenis, jenjang=jenjang if jenis == JenisJabatan.FUNGSIONAL else "",
                          tingkat=tingkat if jenis == JenisJabatan.STRUKTURAL else "")
        jabatan.full_clean(validate_constraints=False)
        jabatan.save()
    return jabatan


def _validasi_golongan(jenis_asn: str, golongan: str) -> None:
    from .choices import Golongan

    if not golongan:
        return
    sah = Golongan.values if jenis_asn == JenisAsn.PNS else GOLONGAN_PPPK
    if golongan not in sah:
        jenis = "PNS (mis. III/a)" if jenis_asn == JenisAsn.PNS else "PPPK (I sampai XVII)"
        raise ValidationError({"golongan": f"Golongan {golongan!r} bukan golongan {jenis} yang sah."})


def akun_siapkan(*, pegawai: Pegawai):
    """An account named by the NIP, without a usable password until the admin sets one or a reset."""
    User = get_user_model()
    if pegawai.akun_id:
        akun = pegawai.akun
        if akun.is_active != pegawai.aktif or akun.email != pegawai.email:
            akun.is_active, akun.email = pegawai.aktif, pegawai.email
            akun.save(update_fields=["is_active", "email"])
        return akun
    akun = User.objects.filter(username=pegawai.nip).first()
    if akun is None:
        akun = User(username=pegawai.nip, email=pegawai.email, first_name=pegawai.nama[:150],
                    is_active=pegawai.aktif)
        akun.set_unusable_password()
        akun.save()
    elif akun.is_active != pegawai.aktif:
        akun.is_active = pegawai.aktif
        akun.save(update_fields=["is_active"])
    pegawai.akun = akun
    Pegawai.objects.filter(pk=pegawai.pk).update(akun=akun)
    return akun


@transaction.atomic
def pegawai_daftarkan(*, pelaku, nip: str, nama: str, jenis_asn: str | None = None, unit: Unit,
                      jabatan: Jabatan, mulai: dt.date | None = None, golongan: str = "", email: str = "",
                      nomor_sk: str = "") -> Pegawai:
    """Register a new staff member with their first placement and an account."""
    try:
        terurai = nip_mod.urai(nip, jenis_asn)
    except ValidationError as e:
        raise ValidationError({"nip": e.messages}) from e
    if Pegawai.objects.filter(nip=terurai.nip).exists():
        raise ValidationError({"nip": f"Pegawai dengan NIP {nip_mod.tampilkan(terurai.nip)} sudah terdaftar."})
    pastikan_wewenang(pelaku, unit)
    _validasi_golongan(terurai.jenis_asn, golongan)
    mulai = mulai or hari_ini()
    pegawai = Pegawai(nip=terurai.nip, nama=nama.strip(), jenis_asn=terurai.jenis_asn, golongan=golongan,
                      jenis_kelamin=terurai.jenis_kelamin, tanggal_lahir=terurai.tanggal_lahir, email=email,
                      unit=unit if mulai <= hari_ini() else None, jabatan=jabatan if mulai <= hari_ini() else None)
    _simpan(pegawai, pelaku, "pegawai_daftarkan")
    penempatan = Penempatan(pegawai=pegawai, unit=unit, jabatan=jabatan, mulai=mulai, nomor_sk=nomor_sk)
    _simpan(penempatan, pelaku, "pegawai_daftarkan")
    akun_siapkan(pegawai=pegawai)
    return pegawai


@transaction.atomic
def pegawai_ubah(*, pelaku, pegawai: Pegawai, **perubahan) -> Pegawai:
    """Change personal data (name, rank, e-mail); placement changes go through pegawai_pindahkan."""
    boleh = {"nama", "golongan", "email"}
    if asing := set(perubahan) - boleh:
        raise ValidationError({f: "Kolom ini tidak dapat diubah di sini." for f in asing})
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if pegawai.unit_id:
        pastikan_wewenang(pelaku, pegawai.unit)
    _validasi_golongan(pegawai.jenis_asn, perubahan.get("golongan", pegawai.golongan))
    berubah = {k: v for k, v in perubahan.items() if getattr(pegawai, k) != v}
    if berubah:
        for k, v in berubah.items():
            setattr(pegawai, k, v)
        _simpan(pegawai, pelaku, "pegawai_ubah: " + ", ".join(sorted(berubah)))
        akun_siapkan(pegawai=pegawai)
    return pegawai


def _pindahkan(*, pelaku, pegawai: Pegawai, unit: Unit, jabatan: Jabatan, mulai: dt.date, nomor_sk: str,
               mutasi: MutasiKolektif | None, alasan: str) -> Penempatan:
    pastikan_wewenang(pelaku, unit)
    if not pegawai.aktif:
        raise ValidationError({"pegawai": f"{pegawai.nama} sudah tidak aktif."})
    if not unit.aktif or unit.jenis == JenisUnit.INSTANSI:
        raise ValidationError({"unit": f"Pegawai tidak dapat ditempatkan di {unit.nama}."})
    lama = Penempatan.objects.select_for_update().filter(pegawai=pegawai, selesai__isnull=True).first()
    if lama is not None:
        pastikan_wewenang(pelaku, lama.unit)
        if mulai <= lama.mulai:
            raise ValidationError({"mulai": f"Tanggal mulai harus sesudah penempatan sekarang "
                                            f"({lama.mulai:%d-%m-%Y})."})
        if lama.unit_id == unit.pk and lama.jabatan_id == jabatan.pk:
            raise ValidationError({"unit": f"{pegawai.nama} sudah ditempatkan di {unit.nama} sebagai {jabatan}."})
        lama.selesai = mulai - dt.timedelta(days=1)
        _simpan(lama, pelaku, alasan)
    if Penempatan.objects.filter(pegawai=pegawai, mulai__gte=mulai).exists():
        raise ValidationError({"mulai": "Sudah ada penempatan yang dimulai pada atau sesudah tanggal ini."})
    baru = Penempatan(pegawai=pegawai, unit=unit, jabatan=jabatan, mulai=mulai, nomor_sk=nomor_sk, mutasi=mutasi)
    _simpan(baru, pelaku, alasan)
    if mulai <= hari_ini():
        pegawai.unit, pegawai.jabatan = unit, jabatan
        _simpan(pegawai, pelaku, alasan)
    return baru


@transaction.atomic
def pegawai_pindahkan(*, pelaku, pegawai: Pegawai, unit: Unit, jabatan: Jabatan, mulai: dt.date,
                      nomor_sk: str = "") -> Penempatan:
    """Move one person to another unit and/or position from a date (mutasi, promosi)."""
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    return _pindahkan(pelaku=pelaku, pegawai=pegawai, unit=unit, jabatan=jabatan, mulai=mulai,
                      nomor_sk=nomor_sk, mutasi=None, alasan="pegawai_pindahkan")


@dataclass(frozen=True)
class BarisMutasi:
    pegawai: Pegawai
    unit: Unit
    jabatan: Jabatan


@transaction.atomic
def mutasi_kolektif(*, pelaku, nomor_sk: str, tanggal_sk: dt.date, berlaku_mulai: dt.date,
                    daftar: Iterable[BarisMutasi], perihal: str = "") -> MutasiKolektif:
    """Move many people in one decree; all or nothing, each move recorded with the decree."""
    daftar = list(daftar)
    if not nomor_sk.strip():
        raise ValidationError({"nomor_sk": "Nomor SK wajib diisi."})
    if not daftar:
        raise ValidationError({"daftar": "Daftar pegawai yang dimutasi kosong."})
    nip_ganda = {b.pegawai.nip for b in daftar if sum(1 for c in daftar if c.pegawai.pk == b.pegawai.pk) > 1}
    if nip_ganda:
        raise ValidationError({"daftar": [f"NIP {nip_mod.tampilkan(n)} tercantum lebih dari sekali." for n in
                                          sorted(nip_ganda)]})
    mutasi = MutasiKolektif.objects.create(nomor_sk=nomor_sk.strip(), tanggal_sk=tanggal_sk,
                                           berlaku_mulai=berlaku_mulai, perihal=perihal,
                                           dibuat_oleh=pelaku if getattr(pelaku, "pk", None) else None)
    terkunci = {p.pk: p for p in Pegawai.objects.select_for_update().filter(pk__in=[b.pegawai.pk for b in daftar])}
    galat = {}
    for i, b in enumerate(daftar):
        try:
            _pindahkan(pelaku=pelaku, pegawai=terkunci[b.pegawai.pk], unit=b.unit, jabatan=b.jabatan,
                       mulai=berlaku_mulai, nomor_sk=mutasi.nomor_sk, mutasi=mutasi,
                       alasan=f"mutasi_kolektif: SK {mutasi.nomor_sk}")
        except ValidationError as e:
            galat[f"daftar[{i}]"] = [f"{b.pegawai.nama} ({b.pegawai.nip_tampil}): {m}" for m in e.messages]
    if galat:
        raise ValidationError(galat)
    return mutasi


@transaction.atomic
def pegawai_berhentikan(*, pelaku, pegawai: Pegawai, tanggal: dt.date, alasan: str) -> Pegawai:
    """The person leaves (pensiun, pindah instansi, ...): placement and roles end, the account is disabled."""
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan wajib diisi."})
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if not pegawai.aktif:
        raise TransisiTidakSah(f"{pegawai.nama} sudah tidak aktif.")
    if pegawai.unit_id:
        pastikan_wewenang(pelaku, pegawai.unit)
    catatan = f"pegawai_berhentikan: {alasan.strip()}"
    for terbuka in list(Penempatan.objects.filter(pegawai=pegawai, selesai__isnull=True)) + list(
            PejabatUnit.objects.filter(pegawai=pegawai, selesai__isnull=True)):
        terbuka.selesai = max(tanggal, terbuka.mulai)
        _simpan(terbuka, pelaku, catatan)
    pegawai.aktif, pegawai.unit, pegawai.jabatan = False, None, None
    _simpan(pegawai, pelaku, catatan)
    akun_siapkan(pegawai=pegawai)
    return pegawai


# --- heads, acting heads and delegations ---------------------------------------------------------

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
            raise ValidationError({"pegawai": (
                f"Jabatan {pegawai.nama} ({jabatan}) tidak setingkat dengan pimpinan {unit.nama} "
                f"({Tingkat(unit.tingkat).label}).")})
    if jenis in (JenisPeran.PLT, JenisPeran.PLH, JenisPeran.DELEGASI) and selesai is None:
        raise ValidationError({"selesai": "Plt, Plh dan pendelegasian berlaku untuk jangka waktu tertentu: "
                                          "isi tanggal selesai."})
    definitif = _rentang_bertumpang(PejabatUnit.objects.filter(unit=unit, jenis=JenisPeran.DEFINITIF),
                                    mulai, selesai)
    if jenis == JenisPeran.PLT and definitif.exists():
        raise ValidationError({"jenis": f"{unit.nama} memiliki pejabat definitif pada rentang tanggal ini: "
                                        "Plt mengisi jabatan yang kosong; gunakan Plh untuk pejabat yang berhalangan."})
    if jenis == JenisPeran.PLH and not definitif.filter(mulai__lte=mulai).exists():
        raise ValidationError({"jenis": f"{unit.nama} tidak memiliki pejabat definitif pada {mulai:%d-%m-%Y}: "
                                        "gunakan Plt untuk jabatan yang kosong."})
    if jenis == JenisPeran.DELEGASI and definitif.filter(pegawai=pegawai).exists():
        raise ValidationError({"pegawai": "Pejabat tidak dapat mendelegasikan kewenangan kepada dirinya sendiri."})


@transaction.atomic
def pejabat_tetapkan(*, pelaku, unit: Unit, pegawai: Pegawai, jenis: str, mulai: dt.date,
                     selesai: dt.date | None = None, nomor_sk: str = "", keterangan: str = "") -> PejabatUnit:
    """Appoint a definitive head, a Plt/Plh, or a PPK delegate for a unit over a date range.

    A new definitive head ends the previous definitive head and any Plt the day before.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    pastikan_wewenang(pelaku, unit)
    _validasi_peran(unit=unit, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)
    sebelum = mulai - dt.timedelta(days=1)
    bentrok = _rentang_bertumpang(PejabatUnit.objects.filter(unit=unit, jenis__in=_SLOT[jenis]), mulai, selesai)
    for lama in bentrok:
        digantikan = lama.mulai < mulai and lama.selesai is None and jenis == JenisPeran.DEFINITIF
        if not digantikan:
            raise ValidationError({"mulai": (
                f"Bertumpang dengan {lama.get_jenis_display()} {lama.pegawai.nama} "
                f"({lama.mulai:%d-%m-%Y} s.d. {lama.selesai:%d-%m-%Y} )." if lama.selesai else
                f"Bertumpang dengan {lama.get_jenis_display()} {lama.pegawai.nama} sejak {lama.mulai:%d-%m-%Y}.")})
        lama.selesai = sebelum
        _simpan(lama, pelaku, f"pejabat_tetapkan: digantikan {pegawai.nip}")
    if jenis == JenisPeran.DEFINITIF:
        for plt in _rentang_bertumpang(PejabatUnit.objects.filter(unit=unit, jenis=JenisPeran.PLT), mulai, None):
            if plt.mulai >= mulai:
                raise ValidationError({"mulai": f"Plt {plt.pegawai.nama} dimulai pada atau sesudah tanggal ini."})
            plt.selesai = sebelum
            _simpan(plt, pelaku, f"pejabat_tetapkan: Plt berakhir, definitif {pegawai.nip}")
    baru = PejabatUnit(unit=unit, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, nomor_sk=nomor_sk,
                       keterangan=keterangan)
    _simpan(baru, pelaku, f"pejabat_tetapkan: {jenis}")
    return baru


@transaction.atomic
def pejabat_akhiri(*, pelaku, pejabat: PejabatUnit, selesai: dt.date, catatan: str = "") -> PejabatUnit:
    """End a head's, acting head's or delegate's term early."""
    pejabat = PejabatUnit.objects.select_for_update().select_related("unit", "pegawai").get(pk=pejabat.pk)
    pastikan_wewenang(pelaku, pejabat.unit)
    if selesai < pejabat.mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if pejabat.selesai is not None and pejabat.selesai <= selesai:
        raise TransisiTidakSah(f"Masa {pejabat.get_jenis_display()} ini sudah berakhir "
                               f"{pejabat.selesai:%d-%m-%Y}.")
    pejabat.selesai = selesai
    _simpan(pejabat, pelaku, f"pejabat_akhiri: {catatan}".strip())
    return pejabat


def sinkron_penempatan(*, tanggal: dt.date | None = None) -> int:
    """Bring each person's current unit/position in line with the placement in force today.

    Run daily by Celery beat so placements that start in the future take effect on their day.
    Idempotent: a second run changes nothing.
    """
    tanggal = tanggal or hari_ini()
    berubah = 0
    for p in Penempatan.objects.pada(tanggal).select_related("pegawai").filter(pegawai__aktif=True).exclude(
            pegawai__unit=F("unit"), pegawai__jabatan=F("jabatan")):
        with transaction.atomic():
            pegawai = Pegawai.objects.select_for_update().get(pk=p.pegawai_id)
            pegawai.unit_id, pegawai.jabatan_id = p.unit_id, p.jabatan_id
            _simpan(pegawai, None, "sinkron_penempatan")
            berubah += 1
    return berubah
