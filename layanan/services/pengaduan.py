"""Complaints and suggestions: the public files one and gets a tracking code; staff of the unit that owns
the service take it up (the Bagian Organisasi triages those about no service), answer, publish the
answer and close it. The deadline is the service standard's; each step leaves a history row."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from organisasi.models import Instansi, PejabatUnit, Unit
from sistemkerja.berkas import nama_acak, periksa_berkas
from sistemkerja.errors import BukanWewenang, TerlaluSering, TransisiTidakSah
from sistemkerja.masukan import bentuk_kode

from .. import selectors as sel
from ..choices import AksiLayanan, JenisPengaduan, StatusPengaduan
from ..models import TENGGAT_PENGADUAN_BAWAAN, Layanan, Pengaduan, Tanggapan
from ._dasar import beri_tahu, catat_layanan, gagal_bila, harus_penetap, harus_pengelola, kunci, teks

ABJAD_LACAK = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PANJANG_LACAK = 12  # 30^12: about 59 bits
BATAS_PER_JAM = 5  # complaints per sender address per hour
LAMPIRAN_MAKS_MB = 5
_BENTUK_LACAK = re.compile(r"^[0-9A-Z]{12}$")
PESAN_PENGELOLA = "Hanya petugas unit penanggung jawab atau Bagian Organisasi yang dapat menangani pengaduan ini."


def normal_lacak(teks_kode) -> str | None:
    """A tracking code as typed ("adu7-k3mq-9pxz") in its stored form, or None for one that cannot be."""
    if not isinstance(teks_kode, str) or len(teks_kode) > 40:
        return None
    kode = "".join(c for c in teks_kode.upper() if c not in " -\t")
    return kode if _BENTUK_LACAK.match(kode) else None


def tampil_lacak(kode: str) -> str:
    return "-".join(kode[i : i + 4] for i in range(0, len(kode), 4))


def sidik_alamat(alamat: str | None) -> str:
    """A keyed hash of the sender's address: enough to count, not to recover it."""
    return salted_hmac("layanan.pengaduan.alamat", alamat).hexdigest() if alamat else ""


def _instansi(galat: dict, layanan: Layanan | None, instansi: Instansi | str | None) -> Instansi | None:
    if instansi not in (None, "") and not isinstance(instansi, Instansi):
        kode = bentuk_kode(instansi)
        instansi = Instansi.objects.filter(kode=kode).first() if kode else None
        if instansi is None:
            galat["instansi"] = ["Instansi tidak dikenal."]
            return None
    if layanan is not None:
        if isinstance(instansi, Instansi) and instansi.pk != layanan.unit.instansi_id:
            galat["instansi"] = ["Layanan ini milik instansi lain."]
        return layanan.unit.instansi
    if isinstance(instansi, Instansi):
        return instansi
    semua = list(Instansi.objects.all()[:2])
    if len(semua) == 1:
        return semua[0]
    galat["instansi"] = ["Sebutkan instansi yang dituju (kode instansi) atau layanannya."]
    return None


@transaction.atomic
def pengaduan_ajukan(
    *,
    isi,
    layanan: Layanan | str | None = None,
    nama="",
    kontak="",
    jenis: str = JenisPengaduan.PENGADUAN,
    lampiran=None,
    instansi: Instansi | str | None = None,
    alamat: str | None = None,
) -> Pengaduan:
    """A complaint or suggestion from the public; `alamat` (the sender's IP) only feeds the rate limit."""
    sidik = sidik_alamat(alamat)
    if sidik:
        sejam = timezone.now() - dt.timedelta(hours=1)
        if Pengaduan.objects.filter(alamat_hash=sidik, diterima__gte=sejam).count() >= BATAS_PER_JAM:
            raise TerlaluSering(
                f"Dari alamat Anda sudah masuk {BATAS_PER_JAM} pengaduan dalam satu jam terakhir. "
                "Silakan coba lagi nanti."
            )
    galat: dict = {}
    isi = teks(galat, "isi", isi, maks=4000)
    nama = teks(galat, "nama", nama, maks=200, wajib=False)
    kontak = teks(
        galat,
        "kontak",
        kontak,
        maks=200,
        wajib=False,
    )
    if jenis not in JenisPengaduan.values:
        galat["jenis"] = [f"Gunakan salah satu: {', '.join(JenisPengaduan.values)}."]
    if isinstance(layanan, str) or (layanan is not None and not isinstance(layanan, Layanan)):
        kode = layanan if isinstance(layanan, str) else ""
        sah = bentuk_kode(kode)  # a NUL or a megabyte is no service's code (and never reaches the database)
        layanan = sel.layanan_publik().filter(kode=sah).first() if sah else None
        if kode and layanan is None:
            galat["layanan"] = ["Layanan tidak dikenal atau belum diterbitkan."]
    inst = _instansi(galat, layanan, instansi)
    jenis_berkas = None
    if lampiran is not None:
        try:
            jenis_berkas = periksa_berkas(lampiran, jenis={"pdf", "png", "jpg"}, maks_mb=LAMPIRAN_MAKS_MB)
        except ValidationError as e:
            galat["lampiran"] = e.messages
    gagal_bila(galat)
    sekarang = timezone.now()
    hari = layanan.versi_berlaku.tenggat_pengaduan_hari if layanan else TENGGAT_PENGADUAN_BAWAAN
    pengaduan = Pengaduan(
        kode_lacak=_kode_lacak_baru(),
        instansi=inst,
        layanan=layanan,
        unit=layanan.unit if layanan else None,
        jenis=jenis,
        isi=isi,
        nama=nama,
        kontak=kontak,
        diterima=sekarang,
        tenggat=timezone.localdate(sekarang) + dt.timedelta(days=hari),
        alamat_hash=sidik,
    )
    if lampiran is not None:
        pengaduan.lampiran.save(nama_acak("pengaduan", jenis_berkas), lampiran, save=False)
    pengaduan.save()
    catat_layanan(
        AksiLayanan.ADUAN_AJUKAN,
        oleh=None,
        pelaku=None,
        sebagai="publik",
        status_ke=pengaduan.status,
        pengaduan=pengaduan,
        layanan=layanan,
    )
    if pengaduan.unit_id:
        _kabari_pimpinan(pengaduan.unit, pengaduan, "Pengaduan baru")
    return pengaduan


def _kode_lacak_baru() -> str:
    while True:
        kode = "".join(secrets.choice(ABJAD_LACAK) for _ in range(PANJANG_LACAK))
        if not Pengaduan.objects.filter(kode_lacak=kode).exists():
            return kode


def _kabari_pimpinan(unit: Unit, pengaduan: Pengaduan, subjek: str) -> None:
    pejabat = PejabatUnit.objects.pada(timezone.localdate()).filter(unit=unit, jenis__in=sel.PERAN_PIMPINAN)
    beri_tahu(
        [p.pegawai for p in pejabat.select_related("pegawai")],
        subjek,
        f"{pengaduan.get_jenis_display()} {tampil_lacak(pengaduan.kode_lacak)} untuk {unit.nama}, "
        f"tenggat tanggapan {pengaduan.tenggat:%d-%m-%Y}.",
    )


@transaction.atomic
def pengaduan_proses(*, pelaku, pengaduan: Pengaduan, unit: Unit | None = None, catatan: str = "") -> Pengaduan:
    """Take a received complaint up (`diterima` → `diproses`). The Bagian Organisasi assigns it to the unit
    that owns the service (required when it names none); the unit's own staff take up what is theirs."""
    pengaduan = kunci(Pengaduan, pengaduan.pk)
    diri, sebagai = harus_pengelola(pelaku, pengaduan.unit, PESAN_PENGELOLA)
    if pengaduan.status != StatusPengaduan.DITERIMA:
        raise TransisiTidakSah(f"Pengaduan berstatus {pengaduan.get_status_display()} tidak dapat diproses lagi.")
    galat: dict = {}
    catatan = teks(galat, "catatan", catatan, maks=1000, wajib=False)
    unit = _unit_tujuan(galat, pelaku, pengaduan, unit)
    gagal_bila(galat)
    pengaduan.unit = unit
    pengaduan.status, pengaduan.diproses = StatusPengaduan.DIPROSES, timezone.now()
    pengaduan.save()
    catat_layanan(
        AksiLayanan.ADUAN_PROSES,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=StatusPengaduan.DITERIMA,
        status_ke=pengaduan.status,
        pengaduan=pengaduan,
        layanan=pengaduan.layanan,
        catatan="; ".join(filter(None, [f"unit: {unit.nama}", catatan])),
    )
    return pengaduan


def _unit_tujuan(galat, pelaku, pengaduan: Pengaduan, unit: Unit | None) -> Unit | None:
    if unit is None:
        if pengaduan.unit is None:
            galat["unit"] = ["Pilih unit yang menangani pengaduan ini."]
        return pengaduan.unit
    # The unit's own staff may hand it on to the unit it belongs to (as `pengaduan_tugaskan` does).
    if unit.instansi_id != pengaduan.instansi_id or not unit.aktif:
        galat["unit"] = ["Unit harus unit aktif instansi yang sama."]
    return unit


@transaction.atomic
def pengaduan_tugaskan(*, pelaku, pengaduan: Pengaduan, unit: Unit, catatan: str = "") -> Pengaduan:
    """Hand an open complaint to another unit of the instansi (the wrong unit had it)."""
    pengaduan = kunci(Pengaduan, pengaduan.pk)
    diri, sebagai = harus_pengelola(pelaku, pengaduan.unit, PESAN_PENGELOLA)
    if pengaduan.status == StatusPengaduan.SELESAI:
        raise TransisiTidakSah("Pengaduan yang sudah selesai tidak dapat dialihkan.")
    galat: dict = {}
    catatan = teks(galat, "catatan", catatan, maks=1000, wajib=False)
    if unit is None:
        galat["unit"] = ["Pilih unit tujuan."]
    elif unit.instansi_id != pengaduan.instansi_id or not unit.aktif:
        galat["unit"] = ["Unit harus unit aktif instansi yang sama."]
    elif unit.pk == pengaduan.unit_id:
        galat["unit"] = ["Pengaduan sudah ditangani unit ini."]
    gagal_bila(galat)
    dari = pengaduan.unit
    pengaduan.unit = unit
    pengaduan.save(update_fields=["unit"])
    catat_layanan(
        AksiLayanan.ADUAN_TUGASKAN,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=pengaduan.status,
        status_ke=pengaduan.status,
        pengaduan=pengaduan,
        layanan=pengaduan.layanan,
        catatan="; ".join(filter(None, [f"{dari.nama if dari else '—'} → {unit.nama}", catatan])),
    )
    _kabari_pimpinan(unit, pengaduan, "Pengaduan dialihkan ke unit Anda")
    return pengaduan


@transaction.atomic
def tanggapan_tulis(*, pelaku, pengaduan: Pengaduan, isi) -> Tanggapan:
    """Write an answer (not yet public) to a complaint being processed."""
    pengaduan = kunci(Pengaduan, pengaduan.pk)
    diri, sebagai = harus_pengelola(pelaku, pengaduan.unit, PESAN_PENGELOLA)
    if diri is None:
        raise BukanWewenang("Tanggapan ditulis oleh pegawai; akun Anda tidak terhubung dengan data pegawai aktif.")
    if pengaduan.status != StatusPengaduan.DIPROSES:
        raise TransisiTidakSah(
            f"Pengaduan berstatus {pengaduan.get_status_display()}; tanggapan ditulis saat diproses."
        )
    galat: dict = {}
    isi = teks(galat, "isi", isi, maks=4000)
    gagal_bila(galat)
    tanggapan = Tanggapan.objects.create(pengaduan=pengaduan, isi=isi, oleh=diri)
    catat_layanan(
        AksiLayanan.ADUAN_JAWAB,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=pengaduan.status,
        status_ke=pengaduan.status,
        pengaduan=pengaduan,
        layanan=pengaduan.layanan,
    )
    return tanggapan


@transaction.atomic
def tanggapan_terbitkan(*, pelaku, tanggapan: Tanggapan) -> Tanggapan:
    """Publish an answer: the head of the unit (or above), its admin or the Bagian Organisasi; the person who
    filed it is told by e-mail when they left one."""
    tanggapan = kunci(Tanggapan, tanggapan.pk)
    pengaduan = kunci(Pengaduan, tanggapan.pengaduan_id)
    if pengaduan.unit is None:
        raise BukanWewenang(PESAN_PENGELOLA)
    harus_pengelola(pelaku, pengaduan.unit, PESAN_PENGELOLA)  # 404 before 403 in the views: same circle
    diri, sebagai = harus_penetap(
        pelaku, pengaduan.unit, "Tanggapan diterbitkan oleh pimpinan unit, admin unit atau Bagian Organisasi."
    )
    if tanggapan.diterbitkan is not None:
        raise TransisiTidakSah("Tanggapan ini sudah diterbitkan.")
    if pengaduan.status != StatusPengaduan.DIPROSES:
        raise TransisiTidakSah(f"Pengaduan berstatus {pengaduan.get_status_display()}.")
    tanggapan.diterbitkan, tanggapan.diterbitkan_oleh = timezone.now(), diri
    tanggapan.save()
    catat_layanan(
        AksiLayanan.ADUAN_TERBIT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=pengaduan.status,
        status_ke=pengaduan.status,
        pengaduan=pengaduan,
        layanan=pengaduan.layanan,
    )
    _kabari_pengadu(pengaduan)
    return tanggapan


def _kabari_pengadu(pengaduan: Pengaduan) -> None:
    try:
        validate_email(pengaduan.kontak)
    except ValidationError:
        return
    from penugasan.tasks import kirim_surel

    pesan = (
        f"Tanggapan atas {pengaduan.get_jenis_display().lower()} Anda dengan kode lacak "
        f"{tampil_lacak(pengaduan.kode_lacak)} sudah terbit. Lihat di halaman Lacak Pengaduan dengan kode tersebut."
    )
    alamat = [pengaduan.kontak]
    transaction.on_commit(lambda: kirim_surel.delay(alamat, "Tanggapan pengaduan Anda", pesan), robust=True)


@transaction.atomic
def pengaduan_tutup(*, pelaku, pengaduan: Pengaduan, catatan: str = "") -> Pengaduan:
    """Close a complaint being processed: after a published answer, or with a reason (spam, a duplicate)."""
    pengaduan = kunci(Pengaduan, pengaduan.pk)
    diri, sebagai = harus_pengelola(pelaku, pengaduan.unit, PESAN_PENGELOLA)
    if pengaduan.status != StatusPengaduan.DIPROSES:
        raise TransisiTidakSah(f"Pengaduan berstatus {pengaduan.get_status_display()} tidak dapat ditutup.")
    galat: dict = {}
    catatan = teks(galat, "catatan", catatan, maks=1000, wajib=False)
    if not catatan and not pengaduan.tanggapan.filter(diterbitkan__isnull=False).exists():
        galat["catatan"] = ["Terbitkan tanggapan lebih dulu, atau tulis alasan menutup tanpa tanggapan."]
    gagal_bila(galat)
    pengaduan.status, pengaduan.selesai = StatusPengaduan.SELESAI, timezone.now()
    pengaduan.save()
    catat_layanan(
        AksiLayanan.ADUAN_TUTUP,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=StatusPengaduan.DIPROSES,
        status_ke=pengaduan.status,
        pengaduan=pengaduan,
        layanan=pengaduan.layanan,
        catatan=catatan,
    )
    return pengaduan


def alamat_bersihkan() -> int:
    """Forget the senders' address hashes older than a day (the rate limit needs only the last hour)."""
    batas = timezone.now() - dt.timedelta(days=1)
    return Pengaduan.objects.filter(diterima__lt=batas).exclude(alamat_hash="").update(alamat_hash="")
