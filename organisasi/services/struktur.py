"""Instansi and units: create, change, move, and the derived pattern of each Unit Organisasi."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sistemkerja.errors import BukanWewenang

from ..cache import naikkan_versi
from ..choices import JenisUnit
from ..models import Instansi, Unit
from ..permissions import cakupan_jalur
from ..selectors import pola_unit_organisasi
from ._dasar import _catat, _simpan, hanya_kolom, pastikan_wewenang, terapkan_perubahan


@transaction.atomic
def instansi_buat(
    *, pelaku, kode: str, nama: str, kode_wilayah: str = "", tempat: str = "", alamat: str = ""
) -> Instansi:
    if pelaku is not None and cakupan_jalur(pelaku, "change") is not None:
        raise BukanWewenang("Hanya Admin Organisasi yang dapat membuat instansi.")
    instansi = Instansi(kode=kode, nama=nama, kode_wilayah=kode_wilayah, tempat=tempat, alamat=alamat)
    _simpan(instansi, pelaku, "instansi_buat")
    akar = Unit(kode=kode, nama=nama, jenis=JenisUnit.INSTANSI, tingkat="", mandiri=False, instansi=instansi)
    _catat(akar, pelaku, "instansi_buat")
    akar.full_clean(exclude=["path", "depth"], validate_unique=False, validate_constraints=False)
    Unit.objects.add_root(instance=akar)
    return instansi


@transaction.atomic
def instansi_ubah(*, pelaku, instansi: Instansi, **perubahan) -> Instansi:
    """Change an instansi's data; its root unit carries the same name. `bagian_organisasi` names the unit
    (of this instansi, active, below its root) whose head disposes consultations and whose staff handle them."""
    hanya_kolom(
        perubahan, {"nama", "kode_wilayah", "tempat", "alamat", "lambang", "kode_klasifikasi", "bagian_organisasi"}
    )
    if pelaku is not None and cakupan_jalur(pelaku, "change") is not None:
        raise BukanWewenang("Hanya Admin Organisasi yang dapat mengubah data instansi.")
    instansi = Instansi.objects.select_for_update().get(pk=instansi.pk)
    if perubahan.get("bagian_organisasi") is not None:
        _periksa_bagian_organisasi(instansi, perubahan["bagian_organisasi"])
    if "nama" in terapkan_perubahan(instansi, perubahan, pelaku=pelaku, transisi="instansi_ubah"):
        akar = Unit.objects.get(instansi=instansi, depth=1)
        akar.nama = instansi.nama
        _simpan(akar, pelaku, "instansi_ubah: nama")
    return instansi


def _periksa_bagian_organisasi(instansi: Instansi, unit) -> None:
    if not isinstance(unit, Unit) or unit.instansi_id != instansi.pk or unit.depth <= 1:
        raise ValidationError({"bagian_organisasi": f"Pilih unit di bawah {instansi.nama}."})
    if not unit.aktif:
        raise ValidationError({"bagian_organisasi": f"Unit {unit.nama} sudah tidak aktif."})


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
def unit_buat(
    *,
    pelaku,
    induk: Unit,
    kode: str,
    nama: str,
    jenis: str,
    tingkat: str,
    mandiri: bool = False,
    hitung_pola: bool = True,
) -> Unit:
    _validasi_unit(jenis=jenis, tingkat=tingkat, induk=induk)
    pastikan_wewenang(pelaku, induk)
    if Unit.objects.filter(kode=kode).exists():
        raise ValidationError({"kode": f"Kode unit {kode!r} sudah dipakai."})
    unit = Unit(
        kode=kode, nama=nama, jenis=jenis, tingkat=tingkat, mandiri=mandiri, induk=induk, instansi_id=induk.instansi_id
    )
    _catat(unit, pelaku, "unit_buat")
    unit.full_clean(exclude=["path", "depth"], validate_unique=False, validate_constraints=False)
    unit = Unit.objects.add_child(induk, instance=unit)
    if hitung_pola:
        pola_hitung_ulang(instansi=unit.instansi)
    return unit


@transaction.atomic
def unit_ubah(*, pelaku, unit: Unit, hitung_pola: bool = True, **perubahan) -> Unit:
    """Change a unit's name, jenis, tingkat, mandiri flag, active state or letter code (not its place)."""
    hanya_kolom(perubahan, {"nama", "jenis", "tingkat", "mandiri", "aktif", "kode_naskah"})
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    pastikan_wewenang(pelaku, unit)
    if unit.jenis == JenisUnit.INSTANSI:
        raise ValidationError({"jenis": "Unit akar instansi diubah melalui data instansi."})
    _validasi_unit(
        jenis=perubahan.get("jenis", unit.jenis), tingkat=perubahan.get("tingkat", unit.tingkat), induk=unit.induk
    )
    if terapkan_perubahan(unit, perubahan, pelaku=pelaku, transisi="unit_ubah") and hitung_pola:
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
        turunan = [u] + [v for v in semua[i + 1 :] if v.path.startswith(u.path)] if u.adalah_unit_organisasi else []
        pola, alasan = pola_unit_organisasi(u, turunan)
        catatan = "\n".join(alasan)
        if (u.pola, u.catatan_pola) != (pola, catatan):
            u.pola, u.catatan_pola = pola, catatan
            berubah.append(u)
    Unit.objects.bulk_update(berubah, ["pola", "catatan_pola"], batch_size=500)
    if berubah:
        naikkan_versi()  # bulk_update sends no signals
    return len(berubah)
