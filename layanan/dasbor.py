"""Reads of the Bagian Organisasi's dashboard (consultations, SOP coverage per agency, review status) and
the consultation summaries the list and the home card share: whose step a request waits for, how late it is.

Every section is a fixed number of grouped queries for one instansi, whatever the number of agencies,
services, SOPs, maps, rounds or requests: rows are grouped by their Perangkat Daerah in SQL (the prefix of
the unit's tree path) and put side by side in Python."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.utils import timezone

from organisasi.models import Unit
from organisasi.permissions import pegawai_dari_user
from organisasi.selectors.dasar import KEDALAMAN_PERANGKAT_DAERAH

from . import konsultasi_baca as kb
from . import selectors as sel
from .choices import JenisKonsultasi, StatusKonsultasi, StatusReviu, StatusTemuan
from .models import Konsultasi, Layanan, PetaProses, Reviu, Sop, Temuan

S = StatusKonsultasi
MENUNGGU_JAWABAN = [S.DIAJUKAN, S.DIDISPOSISI, S.DIJADWALKAN]  # the deadline runs until the answer
PANJANG_PD = Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH


# --- consultations: late, whose step ------------------------------------------------------------


def terlambat_q(hari_ini: dt.date) -> Q:
    """Still unanswered past the deadline (what the Kepala Bagian must chase)."""
    return Q(status__in=MENUNGGU_JAWABAN, tenggat__lt=hari_ini)


def hari_terlambat(k: Konsultasi, hari_ini: dt.date) -> int:
    """Days past the deadline: until today while unanswered, until the answer once answered (0: in time)."""
    akhir = timezone.localdate(k.dijawab) if k.dijawab else hari_ini
    if k.dijawab is None and k.status == S.SELESAI:
        return 0
    return max((akhir - k.tenggat).days, 0)


def kepala_per_instansi(daftar) -> dict[int, object]:
    """The head of each instansi's Bagian Organisasi today ({instansi_id: Pejabat | None}), computed once
    per instansi of the rows (each row's `instansi` loaded with its `bagian_organisasi`)."""
    hasil: dict[int, object] = {}
    for k in daftar:
        if k.instansi_id not in hasil:
            hasil[k.instansi_id] = sel.kepala_bagian_organisasi(k.instansi)
    return hasil


def keterangan_langkah(k: Konsultasi, kepala) -> str:
    """Whose step a request waits for, in words ("Menunggu disposisi Kepala Bagian Organisasi (Nama)")."""
    if k.status == S.DIAJUKAN:
        nama = f" ({kepala.pegawai.nama})" if kepala else " (belum ada pejabat)"
        return f"Menunggu disposisi Kepala Bagian Organisasi{nama}"
    if k.status == S.DIDISPOSISI:
        return f"Menunggu jawaban penangan ({k.penangan.nama})"
    if k.status == S.DIJADWALKAN:
        waktu = timezone.localtime(k.waktu_pertemuan)
        return f"Pertemuan {waktu:%d-%m-%Y %H.%M}; menunggu jawaban penangan ({k.penangan.nama})"
    if k.status == S.DIJAWAB:
        return f"Menunggu ditutup dan dinilai pemohon ({k.pemohon.nama})"
    return f"Selesai, dinilai {k.nilai} dari 4" if k.nilai else "Selesai"


def instansi_dipimpin(user) -> set[int]:
    """The instansi whose Bagian Organisasi the user heads today (they dispose its requests). Only a reader
    who leads some unit or administers one (`jalur_penetap`, already read for the home page) pays the
    queries of the head's lookup; for everyone else this asks nothing."""
    cache = getattr(user, "__dict__", {}).setdefault("_layanan_jalur", {})
    if "kepala_bo" in cache:
        return cache["kepala_bo"]
    hasil: set[int] = set()
    diri = pegawai_dari_user(user)
    if diri is not None and diri.aktif and diri.unit_id and sel.jalur_penetap(user) != []:
        unit = Unit.objects.select_related("instansi__bagian_organisasi").get(pk=diri.unit_id)
        kepala = sel.kepala_bagian_organisasi(unit.instansi)
        if kepala is not None and kepala.pegawai.pk == diri.pk:
            hasil.add(unit.instansi_id)
    cache["kepala_bo"] = hasil
    return hasil


def giliran_q(user) -> Q:
    """The requests waiting for the user's step: dispose (as head of the Bagian Organisasi), answer (as
    the handler), close and rate (as the requester)."""
    diri = pegawai_dari_user(user)
    if diri is None or not diri.aktif:
        return Q(pk__in=[])
    syarat = Q(status=S.DIJAWAB, pemohon=diri) | Q(status__in=[S.DIDISPOSISI, S.DIJADWALKAN], penangan=diri)
    if dipimpin := instansi_dipimpin(user):
        syarat |= Q(status=S.DIAJUKAN, instansi__in=dipimpin)
    return syarat


def hitung_giliran(user) -> dict:
    """The home card's figures in one counting query: what waits for each of the user's steps and how many
    of them missed their deadline (as the list's filter counts them)."""
    return Konsultasi.objects.filter(giliran_q(user)).aggregate(
        semua=Count("pk"),
        disposisi=Count("pk", filter=Q(status=S.DIAJUKAN)),
        jawab=Count("pk", filter=Q(status__in=[S.DIDISPOSISI, S.DIJADWALKAN])),
        tutup=Count("pk", filter=Q(status=S.DIJAWAB)),
        terlambat=Count("pk", filter=kb.terlambat_q()),
    )


# --- the dashboard ----------------------------------------------------------------------------------


@dataclass
class BarisPd:
    """One agency's row of the SOP coverage and review status."""

    unit: Unit
    layanan: int = 0
    layanan_ber_sop: int = 0
    tanpa_sop: list = field(default_factory=list)
    sop: int = 0
    sop_berlaku: int = 0
    peta: int = 0
    peta_berlaku: int = 0
    reviu: dict | None = None
    temuan: int = 0
    temuan_terbuka: int = 0
    temuan_lewat: int = 0

    @property
    def cakupan(self) -> int | None:
        """Percentage of published services with an SOP in force (None: no service)."""
        return round(100 * self.layanan_ber_sop / self.layanan) if self.layanan else None

    @property
    def kosong(self) -> bool:
        return not (self.layanan or self.sop or self.peta or self.reviu or self.temuan)


def _pd(kolom: str):
    return Substr(kolom, 1, PANJANG_PD)


def ringkasan_konsultasi(instansi, tahun: int, hari_ini: dt.date) -> dict:
    """The year's requests by status and kind, their count late and average rating, the open ones past
    their deadline (any year), and each handler's load: five queries."""
    tahun_ini = Konsultasi.objects.filter(instansi=instansi, diajukan__year=tahun)
    per_status = dict(tahun_ini.order_by().values_list("status").annotate(n=Count("pk")))
    per_jenis = dict(tahun_ini.order_by().values_list("jenis").annotate(n=Count("pk")))
    angka = tahun_ini.aggregate(
        semua=Count("pk"),
        terlambat=Count("pk", filter=kb.terlambat_q()),
        dinilai=Count("nilai"),
        rata=Avg("nilai"),
    )
    lewat = list(
        Konsultasi.objects.filter(instansi=instansi)
        .filter(terlambat_q(hari_ini))
        .select_related("pemohon", "perangkat_daerah", "penangan")
        .order_by("tenggat", "pk")
    )
    for k in lewat:
        k.hari_terlambat = hari_terlambat(k, hari_ini)
    beban = {
        b["penangan_id"]: b
        for b in Konsultasi.objects.filter(instansi=instansi, penangan__isnull=False)
        .order_by()
        .values("penangan_id")
        .annotate(
            berjalan=Count("pk", filter=Q(status__in=[S.DIDISPOSISI, S.DIJADWALKAN])),
            terlambat=Count("pk", filter=terlambat_q(hari_ini)),
            dijawab=Count("pk", filter=Q(dijawab__isnull=False, diajukan__year=tahun)),
            rata=Avg("nilai", filter=Q(diajukan__year=tahun)),
        )
    }
    penangan = [
        {"pegawai": p, **beban.pop(p.pk, {"berjalan": 0, "terlambat": 0, "dijawab": 0, "rata": None})}
        for p in sel.penangan_konsultasi(instansi)
    ]
    if beban:  # handlers who have since left the Bagian keep their requests
        from organisasi.models import Pegawai

        for p in Pegawai.objects.filter(pk__in=beban).order_by("nama"):
            penangan.append({"pegawai": p, **beban[p.pk], "keluar": True})
    return {
        "tahun": tahun,
        "per_status": [(s, per_status.get(s.value, 0)) for s in StatusKonsultasi],
        "per_jenis": [(j, per_jenis.get(j.value, 0)) for j in JenisKonsultasi],
        **angka,
        "lewat_tenggat": lewat,
        "penangan": penangan,
    }


def _layanan_dengan_sop(instansi):
    sop_berlaku = Sop.objects.filter(layanan=OuterRef("pk"), aktif=True, versi_berlaku__isnull=False)
    return (
        Layanan.objects.filter(unit__instansi=instansi, aktif=True, versi_berlaku__isnull=False)
        .annotate(pd=_pd("unit__path"), ada_sop=Exists(sop_berlaku))
        .values("pk", "kode", "nama", "unit__nama", "pd", "ada_sop")
        .order_by("unit__path", "nama")
    )


def _hitung_per_pd(qs, kolom: str) -> dict[str, dict]:
    """{pd path: {"semua", "berlaku"}} of SOPs or maps (active ones, those with a version in force)."""
    return {
        b["pd"]: b
        for b in qs.filter(aktif=True)
        .annotate(pd=_pd(kolom))
        .order_by()
        .values("pd")
        .annotate(semua=Count("pk"), berlaku=Count("pk", filter=Q(versi_berlaku__isnull=False)))
    }


def _reviu_terakhir(instansi) -> dict[str, dict]:
    """The latest round of each agency: {pd path: {...}} (the newest year, then the newest opened)."""
    terbaru = Reviu.objects.filter(perangkat_daerah=OuterRef("perangkat_daerah")).order_by("-tahun", "-dibuat", "-pk")
    baris = (
        Reviu.objects.filter(perangkat_daerah__instansi=instansi, pk=Subquery(terbaru.values("pk")[:1]))
        .annotate(pd=_pd("perangkat_daerah__path"))
        .values("pk", "pd", "tahun", "judul", "status", "mulai", "selesai")
    )
    hasil: dict[str, dict] = {}
    for b in baris:
        lama = hasil.get(b["pd"])
        if lama is None or (b["tahun"], b["pk"]) > (lama["tahun"], lama["pk"]):
            b["label_status"] = StatusReviu(b["status"]).label
            hasil[b["pd"]] = b
    return hasil


def _temuan_per_pd(instansi, hari_ini: dt.date) -> dict[str, dict]:
    belum = ~Q(status=StatusTemuan.SELESAI)
    return {
        b["pd"]: b
        for b in Temuan.objects.filter(reviu__perangkat_daerah__instansi=instansi)
        .annotate(pd=_pd("reviu__perangkat_daerah__path"))
        .order_by()
        .values("pd")
        .annotate(
            semua=Count("pk"),
            terbuka=Count("pk", filter=belum),
            lewat=Count("pk", filter=belum & Q(tenggat__lt=hari_ini)),
        )
    }


def per_perangkat_daerah(instansi, hari_ini: dt.date) -> list[BarisPd]:
    """Per agency of the instansi: published services, those with an SOP in force and those without (listed),
    SOPs and maps (in force / all), the latest review round and its findings (open, past their deadline).
    Six queries."""
    pd = {
        u.path: BarisPd(unit=u)
        for u in Unit.objects.filter(instansi=instansi, depth__lte=KEDALAMAN_PERANGKAT_DAERAH).order_by("path")
    }

    baris = pd.get
    for lay in _layanan_dengan_sop(instansi):
        if (b := baris(lay["pd"])) is not None:
            b.layanan += 1
            if lay["ada_sop"]:
                b.layanan_ber_sop += 1
            else:
                b.tanpa_sop.append(lay)
    for path, h in _hitung_per_pd(Sop.objects.filter(unit__instansi=instansi), "unit__path").items():
        if (b := baris(path)) is not None:
            b.sop, b.sop_berlaku = b.sop + h["semua"], b.sop_berlaku + h["berlaku"]
    for path, h in _hitung_per_pd(PetaProses.objects.filter(unit__instansi=instansi), "unit__path").items():
        if (b := baris(path)) is not None:
            b.peta, b.peta_berlaku = b.peta + h["semua"], b.peta_berlaku + h["berlaku"]
    for path, r in _reviu_terakhir(instansi).items():
        if (b := baris(path)) is not None:
            b.reviu = r
    for path, h in _temuan_per_pd(instansi, hari_ini).items():
        if (b := baris(path)) is not None:
            b.temuan, b.temuan_terbuka, b.temuan_lewat = h["semua"], h["terbuka"], h["lewat"]
    return [b for b in pd.values() if b.unit.depth == KEDALAMAN_PERANGKAT_DAERAH or not b.kosong]


def total(daftar: list[BarisPd]) -> dict:
    hasil = {
        k: sum(getattr(b, k) for b in daftar)
        for k in ("layanan", "layanan_ber_sop", "sop", "sop_berlaku", "peta", "peta_berlaku")
    }
    hasil |= {k: sum(getattr(b, k) for b in daftar) for k in ("temuan", "temuan_terbuka", "temuan_lewat")}
    hasil["cakupan"] = round(100 * hasil["layanan_ber_sop"] / hasil["layanan"]) if hasil["layanan"] else None
    hasil["tanpa_reviu"] = sum(1 for b in daftar if b.reviu is None)
    return hasil
