"""Clusters of agencies by government affairs (seed 003's "mapping rumpunisasi SKPD"), kept by the Bagian
Organisasi of the instansi: the agencies that plan together, the affairs they share, and the SOPs and services
they run in common. What the cluster shows side by side is read in `layanan.rumpun_baca`."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisasi.models import Instansi, Unit
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

from ..choices import AksiLayanan
from ..models import Layanan, Rumpun, Sop
from ._dasar import catat_layanan, gagal_bila, kunci, teks
from .peta import ids_dari, kode_isian
from .reviu import harus_bo

BENTUK_KODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ANGGOTA_MIN = 2
PESAN_BO = "Hanya Bagian Organisasi instansi ini yang membentuk dan mengubah rumpun perangkat daerah."


def _anggota(galat: dict, nilai, instansi_id: int) -> list[Unit] | None:
    ids = ids_dari(galat, "perangkat_daerah", nilai)
    if ids is None:
        return None
    unit = list(
        Unit.objects.filter(
            pk__in=ids, instansi_id=instansi_id, depth__lte=KEDALAMAN_PERANGKAT_DAERAH, aktif=True
        ).order_by("path")
    )
    if len(unit) != len(ids):
        galat["perangkat_daerah"] = ["Anggota rumpun harus perangkat daerah aktif instansi ini."]
        return None
    if len(unit) < ANGGOTA_MIN:
        galat["perangkat_daerah"] = [f"Pilih paling sedikit {ANGGOTA_MIN} perangkat daerah."]
        return None
    return unit


def _bersama(galat: dict, kolom: str, model, nilai, instansi_id: int) -> list | None:
    ids = ids_dari(galat, kolom, nilai)
    if ids is None:
        return None
    baris = list(model.objects.filter(pk__in=ids, unit__instansi_id=instansi_id))
    if len(baris) != len(ids):
        galat[kolom] = ["Harus milik unit instansi ini."]
        return None
    return baris


def _kode(galat: dict, kode, instansi_id: int, kecuali: int | None = None) -> str:
    return kode_isian(
        galat,
        kode,
        pola=BENTUK_KODE,
        bentuk="Kode 1–64 karakter: huruf kecil, angka, - dan _, mis. kesehatan-sosial.",
        terpakai=Rumpun.objects.filter(instansi_id=instansi_id).exclude(pk=kecuali),
        milik="rumpun lain",
    )


@transaction.atomic
def rumpun_buat(
    *,
    pelaku,
    instansi: Instansi,
    kode,
    nama,
    perangkat_daerah,
    urusan="",
    keterangan="",
    sop=None,
    layanan=None,
    aktif=True,
) -> Rumpun:
    """Form a cluster of at least two agencies of the instansi."""
    diri, sebagai = harus_bo(pelaku, instansi.pk, PESAN_BO)
    galat: dict = {}
    kode = _kode(galat, kode, instansi.pk)
    nama = teks(galat, "nama", nama, maks=200)
    urusan = teks(galat, "urusan", urusan, maks=4000, wajib=False)
    keterangan = teks(galat, "keterangan", keterangan, maks=4000, wajib=False)
    anggota = _anggota(galat, perangkat_daerah, instansi.pk)
    sop_ = _bersama(galat, "sop", Sop, sop, instansi.pk)
    layanan_ = _bersama(galat, "layanan", Layanan, layanan, instansi.pk)
    gagal_bila(galat)
    try:
        with transaction.atomic():
            r = Rumpun.objects.create(
                instansi=instansi, kode=kode, nama=nama, urusan=urusan, keterangan=keterangan, aktif=bool(aktif)
            )
    except IntegrityError:
        raise ValidationError({"kode": [f"Kode {kode} sudah dipakai rumpun lain."]}) from None
    r.perangkat_daerah.set(anggota)
    r.sop.set(sop_)
    r.layanan.set(layanan_)
    catat_layanan(
        AksiLayanan.RUMPUN_BUAT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        rumpun=r,
        catatan="anggota: " + ", ".join(u.nama for u in anggota),
    )
    return r


@transaction.atomic
def rumpun_ubah(
    *,
    pelaku,
    rumpun: Rumpun,
    kode=None,
    nama=None,
    urusan=None,
    keterangan=None,
    perangkat_daerah=None,
    sop=None,
    layanan=None,
    aktif=None,
) -> Rumpun:
    """Change a cluster; what is left out (None) stays."""
    r = kunci(Rumpun, rumpun.pk)
    diri, sebagai = harus_bo(pelaku, r.instansi_id, PESAN_BO)
    galat: dict = {}
    berubah: list[str] = []
    for kolom, nilai, maks, wajib in (
        ("nama", nama, 200, True),
        ("urusan", urusan, 4000, False),
        ("keterangan", keterangan, 4000, False),
    ):
        if nilai is not None:
            nilai = teks(galat, kolom, nilai, maks=maks, wajib=wajib)
            if kolom not in galat and nilai != getattr(r, kolom):
                setattr(r, kolom, nilai)
                berubah.append(kolom)
    if kode is not None:
        kode = _kode(galat, kode, r.instansi_id, kecuali=r.pk)
        if kode and kode != r.kode:
            r.kode = kode
            berubah.append("kode")
    if aktif is not None and bool(aktif) != r.aktif:
        r.aktif = bool(aktif)
        berubah.append("aktif" if aktif else "tidak aktif")
    himpunan = []
    if perangkat_daerah is not None:
        himpunan.append(("perangkat_daerah", "anggota", _anggota(galat, perangkat_daerah, r.instansi_id)))
    if sop is not None:
        himpunan.append(("sop", "SOP bersama", _bersama(galat, "sop", Sop, sop, r.instansi_id)))
    if layanan is not None:
        himpunan.append(("layanan", "layanan bersama", _bersama(galat, "layanan", Layanan, layanan, r.instansi_id)))
    gagal_bila(galat)
    catatan_anggota = ""
    for kolom, label, baris in himpunan:
        kaitan = getattr(r, kolom)
        lama = set(kaitan.values_list("pk", flat=True))
        if {b.pk for b in baris} != lama:
            kaitan.set(baris)
            berubah.append(label)
            if kolom == "perangkat_daerah":
                catatan_anggota = "anggota: " + ", ".join(u.nama for u in baris)
    if berubah:
        try:
            with transaction.atomic():
                r.save()
        except IntegrityError:
            raise ValidationError({"kode": [f"Kode {r.kode} sudah dipakai rumpun lain."]}) from None
        catat_layanan(
            AksiLayanan.RUMPUN_UBAH,
            oleh=diri,
            pelaku=pelaku,
            sebagai=sebagai,
            rumpun=r,
            catatan="; ".join(filter(None, ["diubah: " + ", ".join(berubah), catatan_anggota])),
        )
    return r
