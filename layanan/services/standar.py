"""The standar pelayanan: a service is registered with version 1 as a draft; a change is a new draft
version; publishing puts the latest draft in force and keeps every earlier published version readable
with its dates (API.md *Layanan*)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisasi.models import Unit
from sistemkerja.errors import TransisiTidakSah
from sistemkerja.masukan import periksa_teks

from ..choices import KODE_KOMPONEN, LABEL_KOMPONEN, AksiLayanan, StatusVersi
from ..models import TENGGAT_PENGADUAN_BAWAAN, Layanan, SkemaSurvei, VersiLayanan
from ..skema_bawaan import SKEMA_BAWAAN
from ._dasar import KOMPONEN_MAKS, bulat, catat_layanan, gagal_bila, harus_penetap, kunci, teks

BENTUK_KODE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")
KODE_TERPAKAI = {"kelola", "instansi", "skm", "baru", "pengaduan"}  # path segments under /layanan/ and /layanan/kelola/
PESAN_PENETAP = "Hanya Bagian Organisasi, admin unit atau pimpinan unit ini yang dapat mengelola standar pelayanannya."


def _komponen(galat: dict, komponen, *, sebagian: bool) -> dict[str, str]:
    """The components given, cleaned; unknown keys refused. `sebagian`: keys left out keep their value."""
    if komponen is None and sebagian:
        return {}
    if not isinstance(komponen, dict):
        galat["komponen"] = [f"Harus objek dengan kunci: {', '.join(KODE_KOMPONEN)}."]
        return {}
    hasil = {}
    for kunci_, nilai in komponen.items():
        if kunci_ not in LABEL_KOMPONEN:
            galat[f"komponen.{str(kunci_)[:40]}"] = [f"Komponen tidak dikenal; gunakan: {', '.join(KODE_KOMPONEN)}."]
            continue
        hasil[kunci_] = teks(galat, f"komponen.{kunci_}", nilai, maks=KOMPONEN_MAKS, wajib=False)
    return hasil


def _tenggat(galat: dict, nilai) -> int | None:
    if nilai is None:
        return None
    return bulat(
        galat, "tenggat_pengaduan_hari", nilai, minimum=1, maksimum=365, pesan="Harus bilangan bulat 1 sampai 365 hari."
    )


TETAP = object()  # a keyword left out: the version keeps (or copies) its value


def _jangka_waktu(galat: dict, nilai, lama=None) -> int | None:
    """The standard's jangka waktu in days (1–365) for the deadline of a request; None or "" = "sesuai
    kebutuhan" (the requester names the date); `TETAP` = `lama`."""
    if nilai is TETAP:
        return lama
    if nilai is None or nilai == "":
        return None
    return bulat(
        galat, "jangka_waktu_hari", nilai, minimum=1, maksimum=365, pesan="Harus bilangan bulat 1 sampai 365 hari."
    )


@transaction.atomic
def layanan_daftarkan(
    *,
    pelaku,
    kode: str,
    nama: str,
    unit: Unit,
    komponen: dict | None = None,
    skema: SkemaSurvei | None = None,
    tenggat_pengaduan_hari: int | None = None,
    jangka_waktu_hari: int | None = None,
) -> Layanan:
    """Register a service of `unit`: version 1, a draft."""
    diri, sebagai = harus_penetap(pelaku, unit, PESAN_PENETAP)
    galat: dict = {}
    if not isinstance(kode, str) or not BENTUK_KODE.match(kode):
        galat["kode"] = ["Kode 2–64 karakter: huruf kecil, angka, - dan _, diawali huruf atau angka."]
    elif kode in KODE_TERPAKAI:
        galat["kode"] = [f"Kode {kode} dipakai alamat halaman; pilih kode lain."]
    elif Layanan.objects.filter(kode=kode).exists():
        galat["kode"] = [f"Kode {kode} sudah dipakai layanan lain."]
    nama = teks(galat, "nama", nama, maks=300)
    if not unit.aktif:
        galat["unit"] = ["Unit ini tidak aktif lagi."]
    isi = _komponen(galat, komponen or {}, sebagian=False)
    tenggat = _tenggat(galat, tenggat_pengaduan_hari)
    jangka = _jangka_waktu(galat, jangka_waktu_hari)
    if skema is not None and skema.instansi_id not in (None, unit.instansi_id):
        galat["skema"] = ["Skema survei ini milik instansi lain."]
    gagal_bila(galat)
    skema = skema or SkemaSurvei.objects.get(kode=SKEMA_BAWAAN)
    try:
        with transaction.atomic():
            layanan = Layanan.objects.create(kode=kode, nama=nama, unit=unit, skema_survei=skema)
    except IntegrityError:  # the same code registered a moment ago
        raise ValidationError({"kode": [f"Kode {kode} sudah dipakai layanan lain."]}) from None
    versi = VersiLayanan.objects.create(
        layanan=layanan,
        nomor=1,
        disusun_oleh=diri,
        tenggat_pengaduan_hari=tenggat or TENGGAT_PENGADUAN_BAWAAN,
        jangka_waktu_hari=jangka,
        **isi,
    )
    catat_layanan(
        AksiLayanan.LAYANAN_DAFTAR,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_ke=versi.status,
        layanan=layanan,
        versi=versi,
    )
    return layanan


@transaction.atomic
def versi_buat(
    *,
    pelaku,
    layanan: Layanan,
    komponen: dict | None,
    catatan: str = "",
    tenggat_pengaduan_hari: int | None = None,
    jangka_waktu_hari=TETAP,
) -> VersiLayanan:
    """A new draft version: the latest version's components (and figures) with the given ones changed."""
    layanan = kunci(Layanan, layanan.pk)
    diri, sebagai = harus_penetap(pelaku, layanan.unit, PESAN_PENETAP)
    terakhir = layanan.versi.order_by("-nomor").first()
    galat: dict = {}
    isi = _komponen(galat, komponen, sebagian=True)
    catatan = teks(galat, "catatan", catatan, maks=1000, wajib=False)
    tenggat = _tenggat(galat, tenggat_pengaduan_hari)
    jangka = _jangka_waktu(galat, jangka_waktu_hari, terakhir.jangka_waktu_hari if terakhir else None)
    gagal_bila(galat)
    dasar = terakhir.komponen() if terakhir else dict.fromkeys(KODE_KOMPONEN, "")
    versi = VersiLayanan.objects.create(
        layanan=layanan,
        nomor=(terakhir.nomor + 1) if terakhir else 1,
        disusun_oleh=diri,
        catatan_perubahan=catatan,
        tenggat_pengaduan_hari=tenggat or (terakhir.tenggat_pengaduan_hari if terakhir else TENGGAT_PENGADUAN_BAWAAN),
        jangka_waktu_hari=jangka,
        **{**dasar, **isi},
    )
    berubah = [LABEL_KOMPONEN[k] for k in isi if isi[k] != dasar.get(k)]
    catat_layanan(
        AksiLayanan.VERSI_BUAT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_ke=versi.status,
        layanan=layanan,
        versi=versi,
        catatan="; ".join(filter(None, [catatan, "diubah: " + ", ".join(berubah) if berubah else ""])),
    )
    return versi


@transaction.atomic
def versi_ubah(
    *,
    pelaku,
    versi: VersiLayanan,
    komponen: dict | None,
    catatan: str | None = None,
    tenggat_pengaduan_hari=None,
    jangka_waktu_hari=TETAP,
) -> VersiLayanan:
    """Edit a draft in place (a published version is never edited: make a new version)."""
    versi = kunci(VersiLayanan, versi.pk)
    diri, sebagai = harus_penetap(pelaku, versi.layanan.unit, PESAN_PENETAP)
    if versi.status != StatusVersi.DRAF:
        raise TransisiTidakSah(f"Versi {versi.nomor} berstatus {versi.get_status_display()}; susun versi baru.")
    galat: dict = {}
    isi = _komponen(galat, komponen, sebagian=True)
    if catatan is not None:
        versi.catatan_perubahan = teks(galat, "catatan", catatan, maks=1000, wajib=False)
    tenggat = _tenggat(galat, tenggat_pengaduan_hari)
    jangka = _jangka_waktu(galat, jangka_waktu_hari, versi.jangka_waktu_hari)
    gagal_bila(galat)
    berubah = [LABEL_KOMPONEN[k] for k, v in isi.items() if getattr(versi, k) != v]
    if jangka != versi.jangka_waktu_hari:
        berubah.append("jangka waktu (hari)")
    for k, v in isi.items():
        setattr(versi, k, v)
    if tenggat:
        versi.tenggat_pengaduan_hari = tenggat
    versi.jangka_waktu_hari = jangka
    versi.save()
    catat_layanan(
        AksiLayanan.VERSI_UBAH,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=versi.status,
        status_ke=versi.status,
        layanan=versi.layanan,
        versi=versi,
        catatan=("diubah: " + ", ".join(berubah)) if berubah else "",
    )
    return versi


@transaction.atomic
def versi_terbitkan(*, pelaku, layanan: Layanan) -> VersiLayanan:
    """Put the latest draft in force: the version in force until now is kept, dated, as `diganti`; older
    drafts are `dilewati`. Every one of the 14 components must be filled."""
    layanan = kunci(Layanan, layanan.pk)
    diri, sebagai = harus_penetap(pelaku, layanan.unit, PESAN_PENETAP)
    draf = layanan.versi.filter(status=StatusVersi.DRAF).order_by("-nomor").first()
    if draf is None:
        raise TransisiTidakSah("Tidak ada draf untuk diterbitkan; susun versi baru lebih dulu.")
    draf = kunci(VersiLayanan, draf.pk)
    kosong = {
        f"komponen.{k}": ["Wajib diisi sebelum diterbitkan (PermenPANRB 15/2014: ke-14 komponen)."]
        for k in KODE_KOMPONEN
        if not _terisi(getattr(draf, k))
    }
    gagal_bila(kosong)
    sekarang = timezone.now()
    lama = layanan.versi_berlaku
    if lama is not None:
        VersiLayanan.objects.filter(pk=lama.pk).update(status=StatusVersi.DIGANTI, berlaku_sampai=sekarang)
    layanan.versi.filter(status=StatusVersi.DRAF, nomor__lt=draf.nomor).update(status=StatusVersi.DILEWATI)
    draf.status, draf.berlaku_sejak, draf.diterbitkan_oleh = StatusVersi.BERLAKU, sekarang, diri
    draf.save()
    layanan.versi_berlaku = draf
    layanan.save(update_fields=["versi_berlaku"])
    catat_layanan(
        AksiLayanan.VERSI_TERBIT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=StatusVersi.DRAF,
        status_ke=StatusVersi.BERLAKU,
        layanan=layanan,
        versi=draf,
        catatan=f"menggantikan versi {lama.nomor}" if lama else "",
    )
    return draf


def _terisi(nilai: str) -> bool:
    try:
        return bool(periksa_teks(nilai or "", maks=KOMPONEN_MAKS))
    except ValidationError:
        return False


@transaction.atomic
def layanan_ubah(
    *,
    pelaku,
    layanan: Layanan,
    nama: str | None = None,
    skema: SkemaSurvei | None = None,
    aktif: bool | None = None,
    menerima_konsultasi: bool | None = None,
) -> Layanan:
    """Rename a service, change the questionnaire its public survey uses, withdraw it from the catalogue
    (`aktif`), or make it the one whose survey takes the ratings of the Bagian Organisasi's consultations
    (`menerima_konsultasi`); its standard changes only by a new version."""
    layanan = kunci(Layanan, layanan.pk)
    diri, sebagai = harus_penetap(pelaku, layanan.unit, PESAN_PENETAP)
    galat: dict = {}
    berubah = []
    if nama is not None:
        nama = teks(galat, "nama", nama, maks=300)
        if nama and nama != layanan.nama:
            layanan.nama = nama
            berubah.append("nama")
    if skema is not None and skema.pk != layanan.skema_survei_id:
        if skema.instansi_id not in (None, layanan.unit.instansi_id):
            galat["skema"] = ["Skema survei ini milik instansi lain."]
        layanan.skema_survei = skema
        berubah.append("skema survei")
    if aktif is not None and bool(aktif) != layanan.aktif:
        layanan.aktif = bool(aktif)
        berubah.append("aktif" if aktif else "ditarik dari katalog")
    if menerima_konsultasi is not None:
        konsultasi = _menerima_konsultasi(galat, layanan, menerima_konsultasi)
        if konsultasi is not None and konsultasi != layanan.menerima_konsultasi:
            layanan.menerima_konsultasi = konsultasi
            berubah.append(
                "menerima penilaian konsultasi" if konsultasi else "tidak lagi menerima penilaian konsultasi"
            )
    gagal_bila(galat)
    if berubah:
        layanan.save()
        catat_layanan(
            AksiLayanan.LAYANAN_UBAH,
            oleh=diri,
            pelaku=pelaku,
            sebagai=sebagai,
            layanan=layanan,
            catatan="diubah: " + ", ".join(berubah),
        )
    return layanan


def _menerima_konsultasi(galat: dict, layanan: Layanan, nilai) -> bool | None:
    """True only for a service of the instansi's Bagian Organisasi (its unit or below), and only one per
    instansi: the other one is named."""
    if not isinstance(nilai, bool):
        galat["menerima_konsultasi"] = ["Harus true atau false."]
        return None
    if not nilai:
        return False
    instansi = layanan.unit.instansi
    bagian = instansi.bagian_organisasi
    if bagian is None:
        galat["menerima_konsultasi"] = [f"{instansi.nama} belum menetapkan Bagian Organisasi."]
        return None
    if not layanan.unit.path.startswith(bagian.path):
        galat["menerima_konsultasi"] = [
            f"Hanya layanan {bagian.nama} (atau unit di bawahnya) yang dapat menerima penilaian konsultasi."
        ]
        return None
    lain = (
        Layanan.objects.select_for_update()
        .filter(unit__instansi=instansi, menerima_konsultasi=True)
        .exclude(pk=layanan.pk)
        .first()
    )
    if lain is not None:
        galat["menerima_konsultasi"] = [
            f"Layanan {lain.nama} ({lain.kode}) sudah menerima penilaian konsultasi instansi ini; lepaskan dahulu."
        ]
        return None
    return True
