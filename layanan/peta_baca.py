"""Reads of the business-process maps and the review rounds (Pasal 13): who sees which, and an agency's maps
as a tree.

- A map with a version in force is seen by every active staff member of its instansi and by the Bagian
  Organisasi; a map still in draft, and the draft versions of any map, by the pengelola of its unit (the
  agency's staff, the heads above, unit admins) and the Bagian Organisasi of the instansi. Others: 404.
- A review round and its findings are seen by the Bagian Organisasi of the instansi and the reviewed
  agency's staff (its pengelola circle).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Substr

from organisasi.models import Unit
from organisasi.permissions import pegawai_dari_user
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

from . import selectors as sel
from .choices import JenisPeta, StatusTemuan, StatusVersi
from .models import PetaProses, Reviu, Sop, Temuan

PANJANG_PD = Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH
TEMUAN_TERBUKA = [StatusTemuan.TERBUKA, StatusTemuan.DITINDAKLANJUTI]
URUT_JENIS = {j: i for i, j in enumerate(JenisPeta.values)}  # level maps first, then subprocess, relation, cross


# --- agencies -------------------------------------------------------------------------------------


def jalur_pd(path: str) -> str:
    """The tree path of the Perangkat Daerah a unit belongs to; the instansi's root is its own."""
    return path[:PANJANG_PD]


def q_pd(path: str, kolom: str = "unit__path") -> Q:
    """Rows whose unit belongs to the Perangkat Daerah at `path`. The instansi's root (depth 1) counts as an
    agency of its own: only its own rows, not the whole tree under it."""
    if len(path) < PANJANG_PD:
        return Q(**{kolom: path})
    return Q(**{f"{kolom}__startswith": path})


def adalah_pd(unit: Unit) -> bool:
    return unit.depth <= KEDALAMAN_PERANGKAT_DAERAH


def instansi_terlihat(user) -> set[int] | None:
    """The instansi whose published maps, clusters and agencies the user reads: the one they work in and those
    whose Bagian Organisasi they belong to; None: every instansi (the global organisation admins)."""
    bo = sel.instansi_bagian_organisasi(user)
    if bo is None:
        return None
    hasil = set(bo)
    diri = pegawai_dari_user(user)
    if diri is not None and diri.aktif and diri.unit_id:
        hasil.update(Unit.objects.filter(pk=diri.unit_id).values_list("instansi_id", flat=True))
    return hasil


def q_draf_terlihat(user, kolom_unit: str = "unit") -> Q:
    """Drafts (of maps or SOPs) the user may read: those of units they run, and all of the instansi whose
    Bagian Organisasi they belong to."""
    bo = sel.instansi_bagian_organisasi(user)
    if bo is None:
        return Q()
    q = sel._q(sel.jalur_pengelola(user), f"{kolom_unit}__path")
    if bo:
        q |= Q(**{f"{kolom_unit}__instansi__in": sorted(bo)})
    return q


def q_terbit_terlihat(user, kolom_unit: str = "unit") -> Q:
    inst = instansi_terlihat(user)
    if inst is None:
        return Q()
    return Q(**{f"{kolom_unit}__instansi__in": sorted(inst)}) if inst else Q(pk__in=[])


def boleh_draf(user, unit: Unit) -> bool:
    """Whether the user reads the drafts of `unit`'s maps (its pengelola, the instansi's Bagian Organisasi)."""
    return sel.boleh_kelola(user, unit) or sel.di_bagian_organisasi(user, unit.instansi_id)


def pd_terlihat(user):
    """The agencies (units at depth ≤ 2, active) of the instansi the user reads, in tree order."""
    qs = Unit.objects.filter(depth__lte=KEDALAMAN_PERANGKAT_DAERAH, aktif=True).select_related("instansi")
    inst = instansi_terlihat(user)
    if inst is not None:
        qs = qs.filter(instansi__in=sorted(inst))
    return qs.order_by("path")


# --- maps -----------------------------------------------------------------------------------------


def peta_terlihat(user):
    """Maps the user may see (module docstring): published ones of their instansi, drafts they run."""
    qs = PetaProses.objects.select_related("unit", "versi_berlaku", "induk")
    if instansi_terlihat(user) is None:
        return qs
    terbit = Q(versi_berlaku__isnull=False) & q_terbit_terlihat(user)
    return qs.filter(terbit | q_draf_terlihat(user))


def sop_terlihat_q(user) -> Q:
    """SOPs the user may read by name on a map's page: those in force of the instansi, drafts they run."""
    if instansi_terlihat(user) is None:
        return Q()
    return (Q(versi_berlaku__isnull=False) & q_terbit_terlihat(user)) | q_draf_terlihat(user)


def _jumlah_temuan_terbuka(kolom: str) -> Coalesce:
    qs = (
        Temuan.objects.filter(**{kolom: OuterRef("pk")}, status__in=TEMUAN_TERBUKA)
        .order_by()
        .values(kolom)
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(qs, output_field=IntegerField()), Value(0))


def peta_dengan_rincian(user, qs):
    """Maps with what a list or tree shows: units involved, related SOPs the reader may see, open findings,
    the number of the newest draft (three queries whatever the number of maps)."""
    draf = (
        PetaProses.objects.filter(pk=OuterRef("pk"))
        .annotate(n=Max("versi__nomor", filter=Q(versi__status=StatusVersi.DRAF)))
        .values("n")[:1]
    )
    return qs.annotate(temuan_terbuka=_jumlah_temuan_terbuka("peta"), draf_terakhir=Subquery(draf)).prefetch_related(
        Prefetch("unit_terlibat", queryset=Unit.objects.order_by("path")),
        Prefetch(
            "sop",
            queryset=Sop.objects.filter(sop_terlihat_q(user)).select_related("versi_berlaku").order_by("nomor"),
        ),
    )


def urut_peta(p: PetaProses) -> tuple:
    return (URUT_JENIS.get(p.jenis, 9), p.kode, p.pk)


def pohon(daftar) -> list[PetaProses]:
    """The maps as a tree: the roots, each with `.cabang` (its children, level maps first, then subprocess,
    relation and cross-function maps, by code). A map whose parent the reader cannot see is a root; so is
    one caught in a loop (which the services never make)."""
    daftar = list(daftar)
    per_id = {p.pk: p for p in daftar}
    anak: dict[int, list] = defaultdict(list)
    akar = []
    for p in daftar:
        (anak[p.induk_id] if p.induk_id in per_id and p.induk_id != p.pk else akar).append(p)
    for p in daftar:
        p.cabang = sorted(anak.get(p.pk, []), key=urut_peta)
    akar.sort(key=urut_peta)
    tercapai: set[int] = set()
    tumpuk = list(akar)
    while tumpuk:
        p = tumpuk.pop()
        if p.pk not in tercapai:
            tercapai.add(p.pk)
            tumpuk.extend(p.cabang)
    for p in daftar:
        if p.pk not in tercapai:  # a loop written outside the services: shown, not lost
            p.cabang = []
            akar.append(p)
    return akar


def hierarki(user, pd: Unit) -> list[PetaProses]:
    """The agency's maps the reader sees, as a tree (`pohon`), each with its details (`peta_dengan_rincian`)."""
    qs = peta_terlihat(user).filter(q_pd(pd.path))
    return pohon(peta_dengan_rincian(user, qs))


def ringkasan_pd(user, daftar_pd: list[Unit]) -> dict[str, dict]:
    """Per agency path: maps the reader sees, those in force, open findings the reader may see (two grouped
    queries)."""
    hasil: dict[str, dict] = defaultdict(lambda: {"peta": 0, "berlaku": 0, "temuan": 0})
    if not daftar_pd:
        return hasil
    for b in (
        peta_terlihat(user)
        .select_related(None)
        .annotate(pd=Substr("unit__path", 1, PANJANG_PD))
        .order_by()
        .values("pd")
        .annotate(n=Count("id"), berlaku=Count("id", filter=Q(versi_berlaku__isnull=False)))
    ):
        hasil[b["pd"]].update(peta=b["n"], berlaku=b["berlaku"])
    for b in (
        Temuan.objects.filter(reviu__in=reviu_terlihat(user).values("pk"), status__in=TEMUAN_TERBUKA)
        .order_by()
        .values("reviu__perangkat_daerah__path")
        .annotate(n=Count("id"))
    ):
        hasil[b["reviu__perangkat_daerah__path"]]["temuan"] += b["n"]
    return hasil


def versi_terlihat(user, peta: PetaProses):
    """The versions of a map the reader may see: every one for its pengelola and the Bagian Organisasi,
    the published ones (in force or replaced) for the rest."""
    qs = peta.versi.select_related("disusun_oleh", "diterbitkan_oleh").order_by("-nomor")
    return qs if boleh_draf(user, peta.unit) else qs.filter(berlaku_sejak__isnull=False)


# --- review rounds --------------------------------------------------------------------------------


def reviu_terlihat(user):
    """Rounds the user sees: the Bagian Organisasi of the instansi, and the reviewed agency's staff."""
    qs = Reviu.objects.select_related("perangkat_daerah", "perangkat_daerah__instansi", "dibuat_oleh")
    bo = sel.instansi_bagian_organisasi(user)
    if bo is None:
        return qs
    syarat = Q(perangkat_daerah__instansi__in=sorted(bo)) if bo else Q(pk__in=[])
    jalur = sel.jalur_pengelola(user)
    if jalur:
        syarat |= sel._q(jalur, "perangkat_daerah__path")
    return qs.filter(syarat)


def boleh_lihat_reviu(user, pd: Unit) -> bool:
    """Whether the user reads the findings about `pd` (its staff and the instansi's Bagian Organisasi)."""
    return sel.boleh_kelola(user, pd) or sel.di_bagian_organisasi(user, pd.instansi_id)


def ringkasan_reviu(qs):
    """Rounds with their findings counted by state (one query)."""
    return qs.annotate(
        jumlah_temuan=Count("temuan"),
        temuan_terbuka=Count("temuan", filter=Q(temuan__status=StatusTemuan.TERBUKA)),
        temuan_ditindaklanjuti=Count("temuan", filter=Q(temuan__status=StatusTemuan.DITINDAKLANJUTI)),
        temuan_selesai=Count("temuan", filter=Q(temuan__status=StatusTemuan.SELESAI)),
    )
