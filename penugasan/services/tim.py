"""Teams (Pasal 6, Lampiran B.3): formed by the Pimpinan of the unit that owns the target, members and roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from organisasi.models import Pegawai, Unit
from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user
from organisasi.selectors import hari_ini
from organisasi.services import akun_pelaku, pastikan_wewenang
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import periksa_tanggal, periksa_teks, periode, teks_isian

from ..choices import Sifat
from ..models import AnggotaTim, Kompetensi, KompetensiPegawai, TimKerja
from ..selectors import unit_dipimpin
from ._dasar import izin_tim_selaraskan

PANJANG_BUKTI = 300  # KompetensiPegawai.bukti


def boleh_bentuk_tim(pelaku, unit: Unit | None = None, tanggal: dt.date | None = None) -> bool:
    """The Bagian Organisasi, or whoever heads the unit or a unit above it today. Without a unit: whether
    there is any unit the actor may form a team for (whether to offer the form at all)."""
    if adalah_admin_organisasi(pelaku):
        return True
    diri = pegawai_dari_user(pelaku)
    if diri is None:
        return False
    dipimpin = unit_dipimpin(diri, tanggal)
    return bool(dipimpin) if unit is None else any(unit.path.startswith(d.unit.path) for d in dipimpin)


def boleh_kelola_tim(pelaku, tim: TimKerja) -> bool:
    diri = pegawai_dari_user(pelaku)
    return (diri is not None and diri.pk == tim.ketua_id) or boleh_bentuk_tim(pelaku, tim.unit_pemilik)


@transaction.atomic
def tim_bentuk(
    *,
    pelaku,
    nama: str,
    tujuan: str,
    unit_pemilik: Unit,
    sifat: str,
    mulai: dt.date,
    selesai: dt.date,
    ketua: Pegawai,
    anggota: Iterable[tuple[Pegawai, str]] = (),
) -> TimKerja:
    """Form a team with its ketua and members (each with a role). Team size is the Pimpinan's choice."""
    if not boleh_bentuk_tim(pelaku, unit_pemilik):
        raise BukanWewenang(f"Tim untuk {unit_pemilik.nama} dibentuk oleh pimpinannya atau Bagian Organisasi.")
    galat = {}
    nama = teks_isian(galat, "nama", nama, jenis="pendek", baris=False)
    tujuan = teks_isian(galat, "tujuan", tujuan, wajib=False)
    if sifat not in Sifat.values:
        galat["sifat"] = "Sifat tim: rutin atau insidental."
    try:
        periode(mulai, selesai)
    except ValidationError as e:
        galat.update(e.message_dict)
    if not ketua.aktif:
        galat["ketua"] = f"{ketua.nama} sudah tidak aktif."
    anggota = [
        (p, teks_isian(galat, "peran", peran, jenis="pendek", wajib=False, baris=False))
        for p, peran in dict(anggota).items()
        if p.pk != ketua.pk
    ]
    if tidak_aktif := [p for p, _ in anggota if not p.aktif]:
        galat["anggota"] = [f"{p.nama} ({p.nip}) sudah tidak aktif." for p in tidak_aktif]
    if galat:
        raise ValidationError(galat)
    tim = TimKerja(
        nama=nama,
        tujuan=tujuan,
        unit_pemilik=unit_pemilik,
        sifat=sifat,
        mulai=mulai,
        selesai=selesai,
        ketua=ketua,
        dibuat_oleh=akun_pelaku(pelaku),
    )
    tim._change_reason = "tim_bentuk"
    tim.save()
    AnggotaTim.objects.bulk_create([AnggotaTim(tim=tim, pegawai=p, peran=peran, mulai=mulai) for p, peran in anggota])
    izin_tim_selaraskan(tim)
    return tim


@transaction.atomic
def tim_anggota_tambah(
    *, pelaku, tim: TimKerja, pegawai: Pegawai, peran: str = "", mulai: dt.date | None = None
) -> AnggotaTim:
    tim = TimKerja.objects.select_for_update().get(pk=tim.pk)
    if not boleh_kelola_tim(pelaku, tim):
        raise BukanWewenang("Anggota tim diatur oleh ketua tim atau pimpinan unit pemilik kinerja.")
    if pegawai.pk == tim.ketua_id or tim.anggota.filter(pegawai=pegawai, selesai__isnull=True).exists():
        raise TransisiTidakSah(f"{pegawai.nama} sudah berada dalam tim ini.")
    galat: dict = {}
    peran = teks_isian(galat, "peran", peran, jenis="pendek", wajib=False, baris=False)
    mulai = mulai or max(hari_ini(), tim.mulai)
    try:
        periksa_tanggal(mulai)
    except ValidationError as e:
        galat["mulai"] = e.messages
    if galat:
        raise ValidationError(galat)
    a = AnggotaTim(tim=tim, pegawai=pegawai, peran=peran, mulai=mulai)
    a._change_reason = "tim_anggota_tambah"
    a.save()
    izin_tim_selaraskan(tim)
    return a


@transaction.atomic
def tim_anggota_akhiri(*, pelaku, anggota: AnggotaTim, selesai: dt.date | None = None) -> AnggotaTim:
    a = AnggotaTim.objects.select_for_update(of=("self",)).select_related("tim").get(pk=anggota.pk)
    if not boleh_kelola_tim(pelaku, a.tim):
        raise BukanWewenang("Anggota tim diatur oleh ketua tim atau pimpinan unit pemilik kinerja.")
    if a.selesai is not None:
        raise TransisiTidakSah("Keanggotaan ini sudah berakhir.")
    selesai = selesai or max(hari_ini(), a.mulai)  # a membership not begun yet ends on its first day
    if selesai < a.mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai keanggotaan."})
    a.selesai = selesai
    a._change_reason = "tim_anggota_akhiri"
    a.save(update_fields=["selesai"])
    izin_tim_selaraskan(a.tim)
    return a


@transaction.atomic
def kompetensi_catat(*, pelaku, pegawai: Pegawai, kompetensi: Kompetensi, bukti: str = "") -> KompetensiPegawai:
    """Add a competency to a person's profile: by the person, or by whoever manages their unit."""
    _boleh_ubah_profil(pelaku, pegawai)
    try:
        bukti = periksa_teks(bukti or "", maks=PANJANG_BUKTI, baris=False, wajib=False)
    except ValidationError as e:
        raise ValidationError({"bukti": e.messages}) from None
    k, dibuat = KompetensiPegawai.objects.get_or_create(
        pegawai=pegawai, kompetensi=kompetensi, defaults={"bukti": bukti}
    )
    if not dibuat:
        raise TransisiTidakSah(f"{kompetensi.nama} sudah tercatat pada {pegawai.nama}.")
    return k


def _boleh_ubah_profil(pelaku, pegawai: Pegawai) -> None:
    diri = pegawai_dari_user(pelaku)
    if diri is not None and diri.pk == pegawai.pk:
        return
    if pegawai.unit is None:
        raise BukanWewenang("Pegawai tanpa unit hanya dapat diubah Bagian Organisasi.")
    pastikan_wewenang(pelaku, pegawai.unit)


@transaction.atomic
def kompetensi_hapus(*, pelaku, kompetensi_pegawai: KompetensiPegawai) -> None:
    """Remove a competency from a profile (its history stays): by the person or whoever manages their unit."""
    k = (
        KompetensiPegawai.objects.select_for_update(of=("self",))
        .select_related("pegawai__unit")
        .get(pk=kompetensi_pegawai.pk)
    )
    _boleh_ubah_profil(pelaku, k.pegawai)
    k._change_reason = "kompetensi_hapus"
    k._history_user = akun_pelaku(pelaku)
    k.delete()
