"""Evaluasi (Lampiran A.3, D): a result goes up the owner unit's chain of review, each head resolved on
the day they act; accept moves it up, return sends it back with a note and review restarts at the
first head; *selesai* only when the last head accepts."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from organisasi.selectors import hari_ini
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import teks_isian

from .. import selectors
from ..choices import Aksi, StatusHasil, StatusRencana
from ..models import Hasil, Target
from ._dasar import angka, beri_tahu, catat, diri_pelaku, gagal_bila, kunci
from .pelaksanaan import _bukti, _simpan_bukti
from .perencanaan import _target_berlaku


def _boleh_mengajukan(t: Target, diri) -> None:
    """A pelaksana of the approved plan, or the team's ketua."""
    if not t.rencana.filter(status=StatusRencana.DISETUJUI).exists():
        raise TransisiTidakSah("Rencana kegiatan dan anggaran target ini belum disetujui pemiliknya.")
    if diri.pk not in selectors.pelaksana_target(t):
        raise BukanWewenang("Hasil diajukan oleh pelaksana rencana target ini atau ketua timnya.")


def _mulai_tinjau(h: Hasil, *, pelaku, diri, aksi: str, status_dari: str, catatan: str = "") -> Hasil:
    """Review starts at the first head of today's chain (above the submitter when they are on it)."""
    rantai = selectors.simpul(h.target.unit).rantai
    h.posisi_kedalaman, h.posisi_delegasi = selectors.posisi_awal(rantai, h.pengaju_id)
    sisa = selectors.rantai_sisa(rantai, h.posisi_kedalaman, h.posisi_delegasi, h.pengaju_id)
    h.status = StatusHasil.DITINJAU
    h.menunggu_sejak, h.terlambat_diberitahu = timezone.now(), None
    h.peninjau = sisa[0].pegawai if sisa else None
    if not sisa:  # the last head of the chain submits their own result: nobody above reviews it
        h.status, h.selesai, h.menunggu_sejak = StatusHasil.SELESAI, timezone.now(), None
    h.save()
    catat(
        aksi,
        oleh=diri,
        pelaku=pelaku,
        hasil=h,
        target=h.target,
        status_dari=status_dari,
        status_ke=h.status,
        catatan=catatan,
    )
    if h.peninjau:
        beri_tahu(
            [h.peninjau],
            "Hasil kinerja menunggu tinjauan",
            f"{diri.nama} mengajukan hasil atas target {h.target.uraian[:150]}.",
        )
    return h


@transaction.atomic
def hasil_ajukan(*, pelaku, target: Target, capaian, uraian, bukti="", berkas=None) -> Hasil:
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    _target_berlaku(t)
    _boleh_mengajukan(t, diri)
    galat: dict = {}
    nilai = angka(galat, "capaian", capaian)
    uraian = teks_isian(galat, "uraian", uraian, jenis="panjang")
    url, berkas_jenis = _bukti(galat, bukti, berkas)
    gagal_bila(galat)
    h = Hasil(target=t, pengaju=diri, capaian=nilai, uraian=uraian, bukti_url=url)
    _mulai_tinjau(h, pelaku=pelaku, diri=diri, aksi=Aksi.HASIL_AJUKAN, status_dari="")
    _simpan_bukti(h, berkas_jenis)
    return h


def _peninjau_hari_ini(h: Hasil, diri):
    if h.status != StatusHasil.DITINJAU:
        raise TransisiTidakSah(f"Hasil ini {h.get_status_display().lower()}, tidak sedang ditinjau.")
    pj = selectors.tinjauan(h).peninjau
    if pj is None or pj.pegawai.pk != diri.pk:
        raise BukanWewenang("Hasil ini sedang menunggu tinjauan pejabat lain.")
    return pj


@transaction.atomic
def hasil_terima(*, pelaku, hasil: Hasil, catatan="") -> Hasil:
    """The reviewer of the day accepts: review moves to the next head, or the result is finished."""
    diri = diri_pelaku(pelaku)
    h = kunci(Hasil, hasil.pk)
    pj = _peninjau_hari_ini(h, diri)
    galat: dict = {}
    catatan = teks_isian(galat, "catatan", catatan, wajib=False)
    gagal_bila(galat)
    h.posisi_kedalaman, h.posisi_delegasi = pj.unit.depth, pj.sebagai == "delegasi"
    sisa = selectors.rantai_sisa(
        selectors.simpul(h.target.unit).rantai, h.posisi_kedalaman, h.posisi_delegasi, h.pengaju_id
    )
    if sisa:
        h.peninjau, h.menunggu_sejak, h.terlambat_diberitahu = sisa[0].pegawai, timezone.now(), None
        beri_tahu(
            [h.peninjau],
            "Hasil kinerja menunggu tinjauan",
            f"Hasil atas target {h.target.uraian[:150]} diteruskan kepada Anda.",
        )
    else:
        h.status, h.peninjau, h.menunggu_sejak, h.selesai = StatusHasil.SELESAI, None, None, timezone.now()
        beri_tahu(
            [h.pengaju],
            "Hasil kinerja selesai",
            f"Hasil Anda atas target {h.target.uraian[:150]} diterima dan selesai.",
        )
    h.save()
    catat(
        Aksi.HASIL_TERIMA,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pj.sebagai,
        hasil=h,
        target=h.target,
        status_dari=StatusHasil.DITINJAU,
        status_ke=h.status,
        catatan=catatan,
    )
    return h


@transaction.atomic
def hasil_kembalikan(*, pelaku, hasil: Hasil, catatan) -> Hasil:
    """The reviewer returns the result for rework with a note (required)."""
    diri = diri_pelaku(pelaku)
    h = kunci(Hasil, hasil.pk)
    pj = _peninjau_hari_ini(h, diri)
    galat: dict = {}
    catatan = teks_isian(galat, "catatan", catatan)
    gagal_bila(galat)
    h.status, h.peninjau, h.menunggu_sejak = StatusHasil.DIKEMBALIKAN, None, None
    h.posisi_kedalaman, h.posisi_delegasi = 0, False
    h.save()
    catat(
        Aksi.HASIL_KEMBALIKAN,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pj.sebagai,
        hasil=h,
        target=h.target,
        status_dari=StatusHasil.DITINJAU,
        status_ke=h.status,
        catatan=catatan,
    )
    beri_tahu(
        [h.pengaju],
        "Hasil kinerja dikembalikan",
        f"{diri.nama} mengembalikan hasil Anda untuk diperbaiki:\n\n{catatan}",
    )
    return h


@transaction.atomic
def hasil_ajukan_ulang(*, pelaku, hasil: Hasil, capaian, uraian, bukti="", berkas=None) -> Hasil:
    """The submitter submits the reworked result; review starts again at the first head."""
    diri = diri_pelaku(pelaku)
    h = kunci(Hasil, hasil.pk)
    if h.pengaju_id != diri.pk:
        raise BukanWewenang("Hasil ini diajukan kembali oleh pengajunya.")
    if h.status != StatusHasil.DIKEMBALIKAN:
        raise TransisiTidakSah(
            f"Hasil ini {h.get_status_display().lower()}; hanya hasil yang dikembalikan diajukan lagi."
        )
    _target_berlaku(h.target)
    galat: dict = {}
    h.capaian = angka(galat, "capaian", capaian)
    h.uraian = teks_isian(galat, "uraian", uraian, jenis="panjang")
    url, berkas_jenis = _bukti(galat, bukti, berkas)
    gagal_bila(galat)
    h.bukti_url = url
    h.putaran += 1
    h.diajukan = timezone.now()
    _mulai_tinjau(h, pelaku=pelaku, diri=diri, aksi=Aksi.HASIL_AJUKAN_ULANG, status_dari=StatusHasil.DIKEMBALIKAN)
    _simpan_bukti(h, berkas_jenis)
    return h


def peninjau_sinkronkan(*, tanggal: dt.date | None = None) -> int:
    """Re-resolve who reviews each result under review (after role changes, and daily as dates roll)."""
    tanggal = tanggal or hari_ini()
    n = 0
    for pk in Hasil.objects.filter(status=StatusHasil.DITINJAU).values_list("pk", flat=True):
        with transaction.atomic():
            h = kunci(Hasil, pk)
            if h.status != StatusHasil.DITINJAU:
                continue
            pj = selectors.tinjauan(h, tanggal).peninjau
            baru = pj.pegawai.pk if pj else None
            if baru != h.peninjau_id:  # a new reviewer is told of a late review in turn (once per reviewer)
                Hasil.objects.filter(pk=pk).update(peninjau_id=baru, terlambat_diberitahu=None)
                n += 1
    return n


def tinjauan_terlambat_beri_tahu(*, sekarang=None) -> int:
    """Daily: each result waiting on one reviewer past the instansi's deadline is flagged to that reviewer
    and to the submitter, once per reviewer."""
    from ..models import PengaturanKinerja

    batas = dict(PengaturanKinerja.objects.values_list("instansi_id", "batas_tinjau_hari"))
    n = 0
    for h in Hasil.objects.filter(status=StatusHasil.DITINJAU, terlambat_diberitahu__isnull=True).select_related(
        "peninjau", "pengaju", "target__unit"
    ):
        hari = batas.get(h.target.unit.instansi_id, selectors.BATAS_TINJAU_BAWAAN)
        if selectors.terlambat(h.menunggu_sejak, hari, sekarang):
            Hasil.objects.filter(pk=h.pk).update(terlambat_diberitahu=timezone.now())
            beri_tahu(
                [h.peninjau, h.pengaju],
                "Tinjauan hasil kinerja terlambat",
                f"Hasil atas target {h.target.uraian[:150]} menunggu tinjauan lebih dari {hari} hari kerja.",
            )
            n += 1
    return n
