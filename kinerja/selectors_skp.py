"""Reads of the appraisal: who is PPK and atasan PPK of an SKP today, the distribution of a Unit
Organisasi, what changed above an SKP, the evidence the work mechanism already holds, angka kredit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from organisasi.choices import JenisJabatan, Tingkat
from organisasi.models import Pegawai, Unit
from organisasi.selectors import Pejabat, hari_ini, kedudukan_pada
from organisasi.selectors.kedudukan import susun_kedudukan
from organisasi.selectors.sql import leluhur_dan_pejabat

from . import penilaian
from .choices import ModelSkp, Predikat, StatusEvaluasi, StatusSkp
from .models import (
    Evaluasi,
    HasilKerja,
    Laporan,
    PengaturanKinerja,
    PredikatImpor,
    PredikatOrganisasiTahunan,
    Progres,
    SaldoAngkaKredit,
    Skp,
    Target,
)
from .models import Hasil as HasilTarget


def model_skp(jabatan) -> str:
    jpt = jabatan is not None and jabatan.jenis == JenisJabatan.STRUKTURAL and jabatan.tingkat == Tingkat.JPT_PRATAMA
    return ModelSkp.JPT if jpt else ModelSkp.NON_JPT


def pengaturan(instansi_id: int) -> PengaturanKinerja:
    return PengaturanKinerja.objects.filter(instansi_id=instansi_id).first() or PengaturanKinerja(
        instansi_id=instansi_id
    )


@dataclass(frozen=True)
class Penilai:
    ppk: Pejabat | None
    atasan_ppk: Pejabat | None
    unit_organisasi: Unit | None


def penilai(skp: Skp, tanggal: dt.date | None = None) -> Penilai:
    """The PPK and atasan PPK of an SKP on a date. This year's open SKP follows the person's kedudukan; a
    closed one (the person moved) or an earlier year's keeps the heads of the placement it was for."""
    tanggal = tanggal or hari_ini()
    if skp.status == StatusSkp.DITUTUP or skp.tahun != tanggal.year:
        leluhur, peta = leluhur_dan_pejabat(skp.unit, tanggal)
        ked = susun_kedudukan(
            pegawai=skp.pegawai, unit=skp.unit, jabatan=skp.jabatan, leluhur=leluhur, peta=peta, tanggal=tanggal
        )
    else:
        ked = kedudukan_pada(skp.pegawai, tanggal)
    atasan = kedudukan_pada(ked.ppk.pegawai, tanggal).ppk if ked.ppk else None
    return Penilai(ked.ppk, atasan, ked.unit_organisasi)


def ppk_hari_ini(skp: Skp) -> Pegawai | None:
    pj = penilai(skp).ppk
    return pj.pegawai if pj else None


# --- distribution ---


def predikat_organisasi(unit: Unit, tahun: int) -> str | None:
    return PredikatOrganisasiTahunan.objects.filter(unit=unit, tahun=tahun).values_list("predikat", flat=True).first()


def jumlah_predikat(unit: Unit, kode_periode: str) -> dict[str, int]:
    """The Unit Organisasi's evaluations of a period (rated or final), counted per predikat."""
    hitung = Counter(
        Evaluasi.objects.filter(unit_organisasi=unit, periode=kode_periode).values_list("predikat", flat=True)
    )
    return {p: hitung.get(p, 0) for p in Predikat.values}


def distribusi(unit: Unit, kode_periode: str) -> dict:
    """API.md `distribusi-predikat`: two queries."""
    per = penilaian.periode(kode_periode)
    po = predikat_organisasi(unit, per.tahun) if per else None
    jumlah = jumlah_predikat(unit, kode_periode)
    aturan = penilaian.cek_distribusi(po, jumlah)
    n = sum(jumlah.values())
    return {
        "unit": unit.kode,
        "periode": kode_periode,
        "predikat_organisasi": po,
        "jumlah": jumlah,
        "total": n,
        "aturan": aturan,
        "sesuai": all(a["terpenuhi"] for a in aturan),
        "batas": {p: {"min": lo, "maks": hi} for p, (lo, hi) in penilaian.batas_distribusi(po, n).items()},
    }


def boleh_lihat_distribusi(user, unit: Unit) -> bool:
    """Who may read a Unit Organisasi's counts per predikat (pages and API): the Bagian Organisasi and accounts
    granted `kinerja.view_evaluasi`; whoever heads today (definitive, Plt, Plh, delegate) it, a unit above it or
    a unit within its domain (a bidang, not a UPT that is its own Unit Organisasi); and the PPK or atasan PPK
    of an SKP placed in it. Three queries at most."""
    from organisasi.models import PejabatUnit
    from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user

    if adalah_admin_organisasi(user) or user.has_perm("kinerja.view_evaluasi"):
        return True
    diri = pegawai_dari_user(user)
    if diri is None:
        return False
    dipimpin = list(PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri).values_list("unit__path", flat=True))
    if any(unit.path.startswith(p) for p in dipimpin):
        return True
    di_bawah = [p for p in dipimpin if p.startswith(unit.path)]
    if di_bawah:
        # the units between the Unit Organisasi (exclusive) and each led unit (inclusive)
        antara = {j: p for p in di_bawah for j in Unit(path=p).jalur_leluhur() if len(j) > len(unit.path)}
        uo = set(Unit.objects.filter(path__in=antara, mandiri=True).values_list("path", flat=True))
        if any(not any(p.startswith(j) for j in uo) for p in di_bawah):
            return True
    return Skp.objects.filter(unit_organisasi=unit).filter(Q(ppk=diri) | Q(atasan_ppk=diri)).exists()


# --- planning: what changed above ---


def _ubah(hk: HasilKerja, keadaan: str, kini: str) -> dict:
    return {"hasil_kerja": hk, "keadaan": keadaan, "semula": hk.intervensi_uraian, "kini": kini}


def rekonsiliasi(skp: Skp) -> list[dict]:
    """Results whose intervened superior result changed since they were written, or is gone (one query)."""
    berubah = []
    for hk in skp.hasil_kerja.select_related("intervensi_hasil__skp").all():
        if not hk.intervensi_uraian:
            continue
        atas = hk.intervensi_hasil
        if atas is None and hk.intervensi_target_id is None:
            berubah.append(_ubah(hk, "hilang", ""))
        elif atas is not None and atas.uraian != hk.intervensi_uraian:
            berubah.append(
                {"hasil_kerja": hk, "keadaan": "berubah", "semula": hk.intervensi_uraian, "kini": atas.uraian}
            )
        elif atas is not None and atas.skp.status == StatusSkp.DITUTUP:
            berubah.append(
                {"hasil_kerja": hk, "keadaan": "ditutup", "semula": hk.intervensi_uraian, "kini": atas.uraian}
            )
    return berubah


def hasil_kerja_ppk(skp: Skp) -> list[HasilKerja]:
    """The results of the PPK's SKP of the same year that this SKP may intervene (draft ones too)."""
    ppk_id = skp.ppk_id if skp.pk is None else getattr(ppk_hari_ini(skp), "pk", None)
    if ppk_id is None:
        return []
    return list(
        HasilKerja.objects.filter(skp__pegawai_id=ppk_id, skp__tahun=skp.tahun)
        .exclude(skp__status=StatusSkp.DITUTUP)
        .order_by("skp_id", "urutan", "id")
    )


def target_boleh(skp_unit: Unit, pegawai: Pegawai, tahun: int):
    """Targets a person may intervene: of their unit or a unit above it, or ones they take part in."""
    from .querysets import q_peserta

    leluhur = skp_unit.jalur_leluhur()
    return Target.objects.filter(tahun=tahun, aktif=True).filter(Q(unit__path__in=leluhur) | q_peserta(pegawai))


# --- monitoring: evidence the work mechanism already holds ---


def bukti_otomatis(skp: Skp) -> dict:
    """Progress, finished results and reports by the person within the SKP's period (four queries), each
    attached to the SKP result whose target it serves (`per_hasil_kerja`: {result id: [items]}; the target
    itself or one handed down from it), the rest under `lain`."""
    awal, akhir = skp.mulai, skp.selesai
    bukti = {
        "progres": list(
            Progres.objects.filter(oleh=skp.pegawai, tanggal__range=(awal, akhir))
            .select_related("kegiatan__rencana__target")
            .order_by("-tanggal")[:50]
        ),
        "hasil": list(
            HasilTarget.objects.filter(pengaju=skp.pegawai, status="selesai", selesai__date__range=(awal, akhir))
            .select_related("target")
            .order_by("-selesai")[:50]
        ),
        "laporan": list(
            Laporan.objects.filter(pelapor=skp.pegawai, dibuat__date__range=(awal, akhir))
            .select_related("target")
            .order_by("-dibuat")[:50]
        ),
    }
    per_target: dict[int, list[int]] = {}
    for hk in skp.hasil_kerja.select_related("intervensi_hasil"):
        t = hk.intervensi_target_id or (hk.intervensi_hasil.intervensi_target_id if hk.intervensi_hasil else None)
        if t:
            per_target.setdefault(t, []).append(hk.pk)
    per_hasil: dict[int, list] = {}
    lain = []
    for jenis, daftar in bukti.items():
        for item in daftar:
            target = item.kegiatan.rencana.target if jenis == "progres" else item.target
            hk_ids = per_target.get(target.pk) or per_target.get(target.induk_id) or []
            for hk_id in hk_ids:
                per_hasil.setdefault(hk_id, []).append((jenis, item))
            if not hk_ids:
                lain.append((jenis, item))
    return bukti | {"per_hasil_kerja": per_hasil, "lain": lain}


# --- angka kredit ---


def angka_kredit(pegawai: Pegawai) -> dict:
    """A pejabat fungsional's angka kredit per year (entered balance, imported years, yearly evaluations
    finalised here), the running total, and what the next pangkat or jenjang still needs."""
    saldo = list(SaldoAngkaKredit.objects.filter(pegawai=pegawai).order_by("tahun"))
    tahunan = {
        e.skp.tahun: e
        for e in Evaluasi.objects.filter(
            skp__pegawai=pegawai, jenis="tahunan", status=StatusEvaluasi.DITETAPKAN, angka_kredit__isnull=False
        ).select_related("skp")
    }
    impor = {i.tahun: i for i in PredikatImpor.objects.filter(pegawai=pegawai, angka_kredit__isnull=False)}
    awal = saldo[-1] if saldo else None
    dasar = awal.jumlah if awal else Decimal(0)
    baris = []
    total = dasar
    for tahun in sorted(set(tahunan) | set(impor)):
        if awal and tahun <= awal.tahun:
            continue
        if tahun in tahunan:
            e = tahunan[tahun]
            nilai, predikat, sumber = e.angka_kredit, e.predikat, "evaluasi"
        else:
            i = impor[tahun]
            nilai, predikat, sumber = i.angka_kredit, i.predikat, "impor"
        total += nilai
        baris.append(
            {"tahun": tahun, "predikat": predikat, "angka_kredit": nilai, "kumulatif": total, "sumber": sumber}
        )
    jab = pegawai.jabatan
    jenjang = jab.jenjang if jab and jab.jenis == JenisJabatan.FUNGSIONAL else ""
    butuh = penilaian.kebutuhan_ak(jenjang, pegawai.golongan) if jenjang else None
    return {
        "jenjang": jenjang,
        "golongan": pegawai.golongan,
        "saldo_awal": awal,
        "tahun": baris,
        "kumulatif": total,
        "berikutnya": butuh[0] if butuh else "",
        "dibutuhkan": Decimal(butuh[1]) if butuh else None,
        "kurang": max(Decimal(butuh[1]) - total, Decimal(0)) if butuh else None,
    }


def total_angka_kredit_tahun(pegawai_ids, tahun: int) -> dict[int, Decimal]:
    return dict(
        Evaluasi.objects.filter(
            skp__pegawai_id__in=pegawai_ids, skp__tahun=tahun, jenis="tahunan", status=StatusEvaluasi.DITETAPKAN
        )
        .values_list("skp__pegawai_id")
        .annotate(s=Sum("angka_kredit"))
    )
