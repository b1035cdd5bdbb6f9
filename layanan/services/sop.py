"""The SOP registry (PermenPANRB 35/2012): an SOP of a unit is registered with version 1 as a draft; a change
is a new draft copied from the latest version; the draft's identity block, actors and activity table are
edited (checked as a whole: nothing half-written); the unit's penetap publishes (sahkan) the latest draft,
which puts it in force: the version in force until then is kept as `diganti`, older drafts as `dilewati`
(the pattern of the service standards, `standar.py`).

Who: the unit's **pengelola** (the agency's staff, its heads, unit admins, the Bagian Organisasi) register and
draft; its **penetap** (heads of the unit or above, unit admins, the Bagian Organisasi) publish and withdraw.

A row of the activity table is a dict: `urutan` (optional; when given it must be the row's place, 1..n),
`uraian`, `jenis` (mulai/kegiatan/keputusan/selesai), `pelaksana` (1.. into the actors list), `kelengkapan`,
`waktu`, `output`, `keterangan`, and for a decision `ke_ya`/`ke_tidak` (row numbers; empty: the next row).
Errors name the row by its index in the list: `langkah[3].pelaksana`, `pelaksana[1]`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisasi.models import Pegawai, PejabatUnit, Unit
from sistemkerja.errors import TransisiTidakSah

from .. import selectors as sel
from ..choices import AksiLayanan, StatusVersi
from ..models import Sop, VersiSop
from . import sop_isi as cek
from ._dasar import beri_tahu, catat_layanan, gagal_bila, harus_penetap, harus_pengelola, kunci
from ._dasar import teks as teks_

PESAN_PENGELOLA = (
    "Hanya pegawai perangkat daerah pemilik SOP, pimpinannya, admin unit atau Bagian Organisasi yang dapat "
    "menyusun SOP ini."
)
PESAN_PENETAP = (
    "Hanya pimpinan unit pemilik SOP atau di atasnya, admin unit atau Bagian Organisasi yang dapat mengesahkan "
    "atau mencabut SOP ini."
)


def _harus_draf(versi: VersiSop) -> None:
    if versi.status != StatusVersi.DRAF:
        raise TransisiTidakSah(f"Versi {versi.nomor} berstatus {versi.get_status_display()}; susun versi baru.")


def _harus_aktif(sop: Sop) -> None:
    if not sop.aktif:
        raise TransisiTidakSah("SOP ini sudah dicabut; aktifkan kembali lebih dulu.")


# --- transitions --------------------------------------------------------------------------------------------


@transaction.atomic
def sop_daftarkan(
    *, pelaku, unit: Unit, nomor: str, nama: str, layanan=None, identitas=None, pelaksana=None, langkah=None
) -> Sop:
    """Register an SOP of `unit`: version 1, a draft (made today unless `identitas` says otherwise)."""
    diri, sebagai = harus_pengelola(pelaku, unit, PESAN_PENGELOLA)
    galat: dict = {}
    nomor = teks_(galat, "nomor", nomor, maks=120)
    nama = teks_(galat, "nama", nama, maks=300)
    if not unit.aktif:
        galat["unit"] = ["Unit ini tidak aktif lagi."]
    elif nomor and Sop.objects.filter(unit=unit, nomor__iexact=nomor).exists():
        galat["nomor"] = ["Nomor SOP ini sudah dipakai SOP lain di unit ini."]
    daftar_layanan = cek.cek_layanan(galat, layanan, unit)
    lama = cek.isi_lama(None)
    lama["identitas"]["tanggal_pembuatan"] = timezone.localdate()
    isi = cek.periksa(galat, lama, identitas=identitas, pelaksana=pelaksana, langkah=langkah)
    gagal_bila(galat)
    try:
        with transaction.atomic():
            sop = Sop.objects.create(unit=unit, nomor=nomor, nama=nama)
    except IntegrityError:  # the same number registered a moment ago
        raise ValidationError({"nomor": ["Nomor SOP ini sudah dipakai SOP lain di unit ini."]}) from None
    sop.layanan.set(daftar_layanan)
    versi = VersiSop(sop=sop, nomor=1, disusun_oleh=diri)
    cek.simpan(versi, isi, tabel=True, terkait=None)
    catat_layanan(AksiLayanan.SOP_DAFTAR, oleh=diri, pelaku=pelaku, sebagai=sebagai, status_ke=versi.status, sop=sop)
    return sop


@transaction.atomic
def sop_ubah(*, pelaku, sop: Sop, nama=None, nomor=None, layanan=None, aktif: bool | None = None) -> Sop:
    """Rename or renumber an SOP, change the services it governs (pengelola), or withdraw it and bring it back
    (`aktif`, penetap); what it prescribes changes only by a new version."""
    sop = kunci(Sop, sop.pk)
    diri, sebagai = harus_pengelola(pelaku, sop.unit, PESAN_PENGELOLA)
    if aktif is not None and bool(aktif) != sop.aktif:
        diri, sebagai = harus_penetap(pelaku, sop.unit, PESAN_PENETAP)
    galat: dict = {}
    berubah = []
    if nama is not None:
        nama = teks_(galat, "nama", nama, maks=300)
        if nama and nama != sop.nama:
            sop.nama = nama
            berubah.append("nama")
    if nomor is not None:
        nomor = teks_(galat, "nomor", nomor, maks=120)
        if nomor and nomor != sop.nomor:
            if Sop.objects.filter(unit=sop.unit_id, nomor__iexact=nomor).exclude(pk=sop.pk).exists():
                galat["nomor"] = ["Nomor SOP ini sudah dipakai SOP lain di unit ini."]
            sop.nomor = nomor
            berubah.append("nomor")
    daftar_layanan = cek.cek_layanan(galat, layanan, sop.unit)
    if layanan is not None and {x.pk for x in daftar_layanan} != set(sop.layanan.values_list("pk", flat=True)):
        berubah.append("layanan yang diatur")
    if aktif is not None and bool(aktif) != sop.aktif:
        sop.aktif = bool(aktif)
        berubah.append("diaktifkan kembali" if aktif else "dicabut")
    gagal_bila(galat)
    if berubah:
        try:
            with transaction.atomic():
                sop.save()
        except IntegrityError:
            raise ValidationError({"nomor": ["Nomor SOP ini sudah dipakai SOP lain di unit ini."]}) from None
        if layanan is not None:
            sop.layanan.set(daftar_layanan)
        catat_layanan(
            AksiLayanan.SOP_UBAH,
            oleh=diri,
            pelaku=pelaku,
            sebagai=sebagai,
            sop=sop,
            catatan="diubah: " + ", ".join(berubah),
        )
    return sop


@transaction.atomic
def sop_versi_buat(
    *, pelaku, sop: Sop, catatan: str = "", identitas=None, pelaksana=None, langkah=None, sop_terkait=None
) -> VersiSop:
    """A new draft: the latest version's identity block, actors, table and related SOPs, with the given ones
    changed; revised today when the latest was in force."""
    sop = kunci(Sop, sop.pk)
    diri, sebagai = harus_pengelola(pelaku, sop.unit, PESAN_PENGELOLA)
    _harus_aktif(sop)
    terakhir = sop.versi.order_by("-nomor").first()
    lama = cek.isi_lama(terakhir)
    dasar = {**lama, "identitas": {**lama["identitas"], "tanggal_efektif": None}}
    if terakhir is not None and terakhir.status != StatusVersi.DRAF:
        dasar["identitas"]["tanggal_revisi"] = timezone.localdate()
    galat: dict = {}
    catatan = cek.cek_catatan(galat, catatan)
    isi = cek.periksa(galat, dasar, identitas=identitas, pelaksana=pelaksana, langkah=langkah)
    terkait = cek.cek_sop_terkait(galat, sop_terkait, sop)
    gagal_bila(galat)
    versi = VersiSop(
        sop=sop, nomor=(terakhir.nomor + 1) if terakhir else 1, disusun_oleh=diri, catatan_perubahan=catatan or ""
    )
    cek.simpan(versi, isi, tabel=True, terkait=terkait)
    berubah = cek.beda(isi, dasar) + (["SOP terkait"] if terkait is not None else [])
    if terkait is None and terakhir is not None:
        versi.sop_terkait.set(terakhir.sop_terkait.all())
    catat_layanan(
        AksiLayanan.SOP_VERSI,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_ke=versi.status,
        sop=sop,
        catatan="; ".join(filter(None, [catatan, f"dari versi {terakhir.nomor}" if terakhir else ""]))
        + ("; diubah: " + ", ".join(berubah) if berubah else ""),
    )
    return versi


@transaction.atomic
def sop_versi_ubah(
    *, pelaku, versi: VersiSop, identitas=None, pelaksana=None, langkah=None, sop_terkait=None, catatan=None
) -> VersiSop:
    """Edit a draft in place: its identity block, its actors, its whole activity table (given rows replace the
    table), its related SOPs and its note. Everything is checked before anything is written."""
    versi = kunci(VersiSop, versi.pk)
    diri, sebagai = harus_pengelola(pelaku, versi.sop.unit, PESAN_PENGELOLA)
    _harus_draf(versi)
    galat: dict = {}
    catatan = cek.cek_catatan(galat, catatan)
    lama = cek.isi_lama(versi)
    isi = cek.periksa(galat, lama, identitas=identitas, pelaksana=pelaksana, langkah=langkah)
    terkait = cek.cek_sop_terkait(galat, sop_terkait, versi.sop)
    gagal_bila(galat)
    if catatan is not None:
        versi.catatan_perubahan = catatan
    berubah = cek.beda(isi, lama) + (["SOP terkait"] if terkait is not None else [])
    cek.simpan(versi, isi, tabel=isi["langkah"] != lama["langkah"], terkait=terkait)
    catat_layanan(
        AksiLayanan.SOP_VERSI_UBAH,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=versi.status,
        status_ke=versi.status,
        sop=versi.sop,
        catatan=f"versi {versi.nomor}" + ("; diubah: " + ", ".join(berubah) if berubah else ""),
    )
    return versi


def sop_impor_langkah(*, pelaku, versi: VersiSop, berkas) -> VersiSop:
    """The activity table of a draft replaced by an XLSX's (`layanan.sop_impor`): every row or none; errors
    name the sheet's rows ("Baris 7, Pelaksana: …"). Actors are matched by name, new ones added to the list."""
    from .. import sop_impor

    with transaction.atomic():
        versi = kunci(VersiSop, versi.pk)
        diri, sebagai = harus_pengelola(pelaku, versi.sop.unit, PESAN_PENGELOLA)
        _harus_draf(versi)
        baris = sop_impor.baca(berkas)
        pelaksana, langkah = sop_impor.ke_langkah(baris, list(versi.pelaksana or []))
        if len(pelaksana) > cek.MAKS_PELAKSANA:
            raise ValidationError({"berkas": [f"Berkas memuat lebih dari {cek.MAKS_PELAKSANA} pelaksana."]})
        galat: dict = {}
        lama = cek.isi_lama(versi)
        isi = cek.periksa(galat, lama, identitas=None, pelaksana=pelaksana, langkah=langkah)
        if galat:
            raise ValidationError({"berkas": sop_impor.pesan_baris(galat, baris, pelaksana)})
        cek.simpan(versi, isi, tabel=True, terkait=None)
        catat_layanan(
            AksiLayanan.SOP_IMPOR,
            oleh=diri,
            pelaku=pelaku,
            sebagai=sebagai,
            status_dari=versi.status,
            status_ke=versi.status,
            sop=versi.sop,
            catatan=f"versi {versi.nomor}: {len(langkah)} baris kegiatan, {len(pelaksana)} pelaksana dari berkas XLSX",
        )
    return versi


def jabatan_pengesah(diri: Pegawai | None, unit: Unit) -> str:
    """The title the approver signs with: as head of the nearest unit at or above `unit` they lead today
    (Plt./Plh. as such), else their own position."""
    from organisasi.selectors.dasar import Pejabat
    from penugasan.services.surat import jabatan_penandatangan

    if diri is None:
        return ""
    baris = (
        PejabatUnit.objects.pada(timezone.localdate())
        .filter(pegawai=diri, jenis__in=sel.PERAN_PIMPINAN)
        .select_related("unit", "pegawai__jabatan")
    )
    di_atas = [b for b in baris if unit.path.startswith(b.unit.path)]
    if di_atas:
        b = max(di_atas, key=lambda b: len(b.unit.path))
        return jabatan_penandatangan(Pejabat(b.pegawai, b.jenis, b.unit)).replace("\n", " ")
    return diri.jabatan.nama if diri.jabatan_id else ""


@transaction.atomic
def sop_terbitkan(*, pelaku, sop: Sop, tanggal_efektif=None) -> VersiSop:
    """Approve (sahkan) the latest draft and put it in force from `tanggal_efektif` (the draft's, else today):
    the approver is recorded with their title; the version in force until now is kept as `diganti`, older drafts
    as `dilewati`. The identity block's required parts, an actor and at least two rows must be there."""
    sop = kunci(Sop, sop.pk)
    diri, sebagai = harus_penetap(pelaku, sop.unit, PESAN_PENETAP)
    _harus_aktif(sop)
    draf = sop.versi.filter(status=StatusVersi.DRAF).order_by("-nomor").first()
    if draf is None:
        raise TransisiTidakSah("Tidak ada draf untuk disahkan; susun versi baru lebih dulu.")
    draf = kunci(VersiSop, draf.pk)
    galat: dict = {
        f: ["Wajib diisi sebelum disahkan (PermenPANRB 35/2012)."] for f in cek.WAJIB_TERBIT if not getattr(draf, f)
    }
    if not draf.pelaksana:
        galat["pelaksana"] = ["Isi paling sedikit satu pelaksana."]
    if draf.langkah.count() < 2:
        galat["langkah"] = ["Tabel kegiatan paling sedikit dua baris: Mulai dan Selesai."]
    efektif = cek.cek_tanggal(galat, "tanggal_efektif", tanggal_efektif) or draf.tanggal_efektif or timezone.localdate()
    if draf.tanggal_pembuatan and efektif < draf.tanggal_pembuatan:
        galat["tanggal_efektif"] = ["Tanggal efektif tidak boleh sebelum tanggal pembuatan."]
    gagal_bila(galat)
    sekarang = timezone.now()
    lama = sop.versi_berlaku
    if lama is not None:
        VersiSop.objects.filter(pk=lama.pk).update(status=StatusVersi.DIGANTI, berlaku_sampai=sekarang)
    sop.versi.filter(status=StatusVersi.DRAF, nomor__lt=draf.nomor).update(status=StatusVersi.DILEWATI)
    draf.status, draf.berlaku_sejak, draf.diterbitkan_oleh = StatusVersi.BERLAKU, sekarang, diri
    draf.disahkan_oleh, draf.jabatan_pengesah = diri, jabatan_pengesah(diri, sop.unit)
    draf.tanggal_efektif = efektif
    draf.save()
    sop.versi_berlaku = draf
    sop.save(update_fields=["versi_berlaku"])
    catat_layanan(
        AksiLayanan.SOP_TERBIT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=StatusVersi.DRAF,
        status_ke=StatusVersi.BERLAKU,
        sop=sop,
        catatan=f"versi {draf.nomor}, efektif {efektif:%d-%m-%Y}"
        + (f", menggantikan versi {lama.nomor}" if lama else ""),
    )
    if draf.disusun_oleh_id and draf.disusun_oleh != diri:
        beri_tahu(
            [draf.disusun_oleh],
            f"SOP {sop.nomor} disahkan",
            f"SOP {sop.nomor} {sop.nama} versi {draf.nomor} telah disahkan dan berlaku mulai {efektif:%d-%m-%Y}.",
        )
    return draf
