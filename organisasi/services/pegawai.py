"""Positions, staff, their placements (one or many at once) and their accounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from sistemkerja import masukan
from sistemkerja.berkas import nama_acak, periksa_berkas
from sistemkerja.errors import TransisiTidakSah

from .. import nip as nip_mod
from ..choices import Golongan, JenisAsn, JenisJabatan, JenisUnit
from ..models import Jabatan, MutasiKolektif, Pegawai, PejabatUnit, Penempatan, Unit
from ..selectors import hari_ini
from ._dasar import _simpan, akun_pelaku, hanya_kolom, pastikan_wewenang, terapkan_perubahan
from .akses import token_cabut_semua

GOLONGAN_PPPK = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]


def jabatan_dapatkan(
    *, nama: str, jenis: str, jenjang: str = "", tingkat: str = "", boleh_tanpa_tingkat: bool = False
) -> Jabatan:
    """Find or create a position in the catalogue (positions are reference data). A struktural position
    needs its level, except from an import that cannot tell it (`boleh_tanpa_tingkat`): the audit lists
    such positions until the Bagian Organisasi fills the level in."""
    if jenis == JenisJabatan.STRUKTURAL and not tingkat and not boleh_tanpa_tingkat:
        raise ValidationError({"tingkat": f"Jabatan struktural {nama!r} memerlukan tingkat."})
    if jenis == JenisJabatan.FUNGSIONAL and not jenjang:
        raise ValidationError({"jenjang": f"Jabatan fungsional {nama!r} memerlukan jenjang."})
    jabatan = Jabatan.objects.filter(nama=nama, jenis=jenis, jenjang=jenjang if jenis == "fungsional" else "").first()
    if jabatan is None:
        jabatan = Jabatan(
            nama=nama,
            jenis=jenis,
            jenjang=jenjang if jenis == JenisJabatan.FUNGSIONAL else "",
            tingkat=tingkat if jenis == JenisJabatan.STRUKTURAL else "",
        )
        jabatan.full_clean(validate_constraints=False)
        jabatan.save()
    return jabatan


def _validasi_golongan(jenis_asn: str, golongan: str) -> None:
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
        akun = User(username=pegawai.nip, email=pegawai.email, first_name=pegawai.nama[:150], is_active=pegawai.aktif)
        akun.set_unusable_password()
        akun.save()
    elif akun.is_active != pegawai.aktif:
        akun.is_active = pegawai.aktif
        akun.save(update_fields=["is_active"])
    pegawai.akun = akun
    Pegawai.objects.filter(pk=pegawai.pk).update(akun=akun)
    return akun


@transaction.atomic
def pegawai_daftarkan(
    *,
    pelaku,
    nip: str,
    nama: str,
    jenis_asn: str | None = None,
    unit: Unit,
    jabatan: Jabatan,
    mulai: dt.date | None = None,
    golongan: str = "",
    email: str = "",
    nomor_sk: str = "",
) -> Pegawai:
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
    pegawai = Pegawai(
        nip=terurai.nip,
        nama=nama.strip(),
        jenis_asn=terurai.jenis_asn,
        golongan=golongan,
        jenis_kelamin=terurai.jenis_kelamin,
        tanggal_lahir=terurai.tanggal_lahir,
        email=email,
        unit=unit if mulai <= hari_ini() else None,
        jabatan=jabatan if mulai <= hari_ini() else None,
    )
    _simpan(pegawai, pelaku, "pegawai_daftarkan")
    penempatan = Penempatan(pegawai=pegawai, unit=unit, jabatan=jabatan, mulai=mulai, nomor_sk=nomor_sk)
    _simpan(penempatan, pelaku, "pegawai_daftarkan")
    akun_siapkan(pegawai=pegawai)
    return pegawai


@transaction.atomic
def pegawai_ubah(*, pelaku, pegawai: Pegawai, **perubahan) -> Pegawai:
    """Change personal data (name, rank, e-mail); placement changes go through pegawai_pindahkan."""
    hanya_kolom(perubahan, {"nama", "golongan", "email"})
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if pegawai.unit_id:
        pastikan_wewenang(pelaku, pegawai.unit)
    _validasi_golongan(pegawai.jenis_asn, perubahan.get("golongan", pegawai.golongan))
    if terapkan_perubahan(pegawai, perubahan, pelaku=pelaku, transisi="pegawai_ubah"):
        akun_siapkan(pegawai=pegawai)
    return pegawai


def _pindahkan(
    *,
    pelaku,
    pegawai: Pegawai,
    unit: Unit,
    jabatan: Jabatan,
    mulai: dt.date,
    nomor_sk: str,
    mutasi: MutasiKolektif | None,
    alasan: str,
) -> Penempatan:
    pastikan_wewenang(pelaku, unit)
    if not pegawai.aktif:
        raise ValidationError({"pegawai": f"{pegawai.nama} sudah tidak aktif."})
    if not unit.aktif or unit.jenis == JenisUnit.INSTANSI:
        raise ValidationError({"unit": f"Pegawai tidak dapat ditempatkan di {unit.nama}."})
    lama = Penempatan.objects.select_for_update().filter(pegawai=pegawai, selesai__isnull=True).first()
    if lama is not None:
        pastikan_wewenang(pelaku, lama.unit)
        if mulai <= lama.mulai:
            raise ValidationError(
                {"mulai": f"Tanggal mulai harus sesudah penempatan sekarang ({lama.mulai:%d-%m-%Y})."}
            )
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
def pegawai_pindahkan(
    *, pelaku, pegawai: Pegawai, unit: Unit, jabatan: Jabatan, mulai: dt.date, nomor_sk: str = ""
) -> Penempatan:
    """Move one person to another unit and/or position from a date (mutasi, promosi)."""
    masukan.periode(mulai, None)
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    return _pindahkan(
        pelaku=pelaku,
        pegawai=pegawai,
        unit=unit,
        jabatan=jabatan,
        mulai=mulai,
        nomor_sk=nomor_sk,
        mutasi=None,
        alasan="pegawai_pindahkan",
    )


@dataclass(frozen=True)
class BarisMutasi:
    pegawai: Pegawai
    unit: Unit
    jabatan: Jabatan


@transaction.atomic
def mutasi_kolektif(
    *,
    pelaku,
    nomor_sk: str,
    tanggal_sk: dt.date,
    berlaku_mulai: dt.date,
    daftar: Iterable[BarisMutasi],
    perihal: str = "",
) -> MutasiKolektif:
    """Move many people in one decree; all or nothing, each move recorded with the decree."""
    daftar = list(daftar)
    if not nomor_sk.strip():
        raise ValidationError({"nomor_sk": "Nomor SK wajib diisi."})
    if not daftar:
        raise ValidationError({"daftar": "Daftar pegawai yang dimutasi kosong."})
    nip_ganda = {b.pegawai.nip for b in daftar if sum(1 for c in daftar if c.pegawai.pk == b.pegawai.pk) > 1}
    if nip_ganda:
        raise ValidationError(
            {"daftar": [f"NIP {nip_mod.tampilkan(n)} tercantum lebih dari sekali." for n in sorted(nip_ganda)]}
        )
    mutasi = MutasiKolektif.objects.create(
        nomor_sk=nomor_sk.strip(),
        tanggal_sk=tanggal_sk,
        berlaku_mulai=berlaku_mulai,
        perihal=perihal,
        dibuat_oleh=akun_pelaku(pelaku),
    )
    terkunci = {p.pk: p for p in Pegawai.objects.select_for_update().filter(pk__in=[b.pegawai.pk for b in daftar])}
    galat = {}
    for i, b in enumerate(daftar):
        try:
            _pindahkan(
                pelaku=pelaku,
                pegawai=terkunci[b.pegawai.pk],
                unit=b.unit,
                jabatan=b.jabatan,
                mulai=berlaku_mulai,
                nomor_sk=mutasi.nomor_sk,
                mutasi=mutasi,
                alasan=f"mutasi_kolektif: SK {mutasi.nomor_sk}",
            )
        except ValidationError as e:
            galat[f"daftar[{i}]"] = [f"{b.pegawai.nama} ({b.pegawai.nip_tampil}): {m}" for m in e.messages]
    if galat:
        raise ValidationError(galat)
    return mutasi


BATAS_SK_MB = 10


@transaction.atomic
def mutasi_lampirkan_sk(*, pelaku, mutasi: MutasiKolektif, berkas) -> MutasiKolektif:
    """Attach the scan of the signed decree (PDF, at most 10 MB), once; the actor must manage every unit
    the decree places people in."""
    mutasi = MutasiKolektif.objects.select_for_update().get(pk=mutasi.pk)
    for unit in Unit.objects.filter(penempatan__mutasi=mutasi).distinct():
        pastikan_wewenang(pelaku, unit)
    if mutasi.berkas_sk:
        raise TransisiTidakSah(
            f"Berkas SK {mutasi.nomor_sk} sudah dilampirkan; SK perbaikan dicatat sebagai mutasi baru."
        )
    try:
        jenis = periksa_berkas(berkas, jenis={"pdf"}, maks_mb=BATAS_SK_MB)
    except ValidationError as e:
        raise ValidationError({"berkas_sk": e.messages}) from None
    # Written before the row; should the transaction fail, an orphan file is left, never a row without one.
    mutasi.berkas_sk.save(nama_acak("sk", jenis), berkas, save=False)
    _simpan(mutasi, pelaku, "mutasi_lampirkan_sk", update_fields=["berkas_sk"])
    return mutasi


@transaction.atomic
def pegawai_berhentikan(*, pelaku, pegawai: Pegawai, tanggal: dt.date, alasan: str) -> Pegawai:
    """The person leaves (pensiun, pindah instansi, ...): placement and roles end, the account is disabled."""
    masukan.periode(None, tanggal, kolom_selesai="tanggal")
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan wajib diisi."})
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if not pegawai.aktif:
        raise TransisiTidakSah(f"{pegawai.nama} sudah tidak aktif.")
    if pegawai.unit_id:
        pastikan_wewenang(pelaku, pegawai.unit)
    catatan = f"pegawai_berhentikan: {alasan.strip()}"
    for terbuka in list(Penempatan.objects.filter(pegawai=pegawai, selesai__isnull=True)) + list(
        PejabatUnit.objects.filter(pegawai=pegawai, selesai__isnull=True)
    ):
        terbuka.selesai = max(tanggal, terbuka.mulai)
        _simpan(terbuka, pelaku, catatan)
    pegawai.aktif, pegawai.unit, pegawai.jabatan = False, None, None
    _simpan(pegawai, pelaku, catatan)
    akun_siapkan(pegawai=pegawai)
    if pegawai.akun_id:
        token_cabut_semua(pelaku=pelaku, user=pegawai.akun, alasan=catatan)
    return pegawai


def sinkron_penempatan(*, tanggal: dt.date | None = None) -> int:
    """Bring each person's current unit/position in line with the placement in force today.

    Run daily by Celery beat so placements that start in the future take effect on their day.
    Idempotent: a second run changes nothing.
    """
    tanggal = tanggal or hari_ini()
    berubah = 0
    for p in (
        Penempatan.objects.pada(tanggal)
        .select_related("pegawai")
        .filter(pegawai__aktif=True)
        .exclude(pegawai__unit=F("unit"), pegawai__jabatan=F("jabatan"))
    ):
        with transaction.atomic():
            pegawai = Pegawai.objects.select_for_update().get(pk=p.pegawai_id)
            pegawai.unit_id, pegawai.jabatan_id = p.unit_id, p.jabatan_id
            _simpan(pegawai, None, "sinkron_penempatan")
            berubah += 1
    return berubah
