"""Compliance reminders of the appraisal (beat job, daily): an email to each person whose SKP is missing or
not approved past its deadline, and to each PPK with evaluations past theirs, once per person, kind and
year or period (a `PengingatSkp` row, unique, written in the same transaction as the email is queued).

Who is behind is read by `kinerja.kepatuhan` (the same rules as the compliance page), for the whole
instansi at once: a fixed number of queries per instansi, whatever its size. The year's SKP reminders are
for the current year; evaluation reminders also for the previous year (its yearly evaluation falls due in
January).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction

from organisasi.models import Pegawai, Unit
from organisasi.selectors import hari_ini
from sistemkerja.teks import tanggal_id

from .. import kepatuhan as kp
from ..models import PengingatSkp, Skp
from ._dasar import beri_tahu

SKP_BELUM = "skp_belum"
SKP_BELUM_DISETUJUI = "skp_belum_disetujui"
EVALUASI_BELUM = "evaluasi_belum"
JENIS = (SKP_BELUM, SKP_BELUM_DISETUJUI, EVALUASI_BELUM)
PER_TUGAS = 200


def _baru(calon: list[tuple[int, str, str]]) -> set[tuple[int, str, str]]:
    """The (pegawai id, jenis, kunci) not reminded before (one query per kind; no list of ids is sent)."""
    sudah = set()
    per_jenis: dict[str, set[str]] = defaultdict(set)
    for _, jenis, kunci in calon:
        per_jenis[jenis].add(kunci)
    for jenis, kunci in per_jenis.items():
        sudah |= set(
            PengingatSkp.objects.filter(jenis=jenis, kunci__in=kunci).values_list("pegawai_id", "jenis", "kunci")
        )
    return set(calon) - sudah


def _kirim(pesan: dict[tuple[int, str, str], tuple[list[Pegawai], str, str]]) -> int:
    """Record the reminders and queue their emails in one transaction; a run that loses a race to another
    (the unique constraint) sends nothing, the other sends them all. The same message to many people is
    one email task per `PER_TUGAS` addresses (each still gets their own email)."""
    if not pesan:
        return 0
    sama: dict[tuple[str, str], list[Pegawai]] = defaultdict(list)
    for penerima, subjek, isi in pesan.values():
        sama[(subjek, isi)].extend(penerima)
    try:
        with transaction.atomic():
            PengingatSkp.objects.bulk_create([PengingatSkp(pegawai_id=p, jenis=j, kunci=k) for p, j, k in pesan])
            for (subjek, isi), penerima in sama.items():
                for i in range(0, len(penerima), PER_TUGAS):
                    beri_tahu(penerima[i : i + PER_TUGAS], subjek, isi)
    except IntegrityError:
        return 0
    return len(pesan)


def _pengingat_skp(orang: list[kp.Orang], a: kp.Aturan) -> dict[str, int]:
    calon = {}
    for o in orang:
        if not o.skp_lewat_batas or not o.email:
            continue
        jenis = SKP_BELUM if o.status_skp is None else SKP_BELUM_DISETUJUI
        calon[(o.pegawai_id, jenis, str(a.tahun))] = o
    baru = _baru(list(calon))
    hitung = {}
    for jenis in (SKP_BELUM, SKP_BELUM_DISETUJUI):
        pesan = {}
        for k, o in calon.items():
            if k[1] != jenis or k not in baru:
                continue
            if jenis == SKP_BELUM:
                isi = (
                    f"Anda belum menyusun SKP tahun {a.tahun}. Batas SKP disetujui PPK: {tanggal_id(o.batas_skp)}. "
                    "Susun dan ajukan SKP Anda di Sistem Kerja."
                )
                subjek = f"SKP {a.tahun} belum disusun"
            else:
                isi = (
                    f"SKP tahun {a.tahun} Anda belum disetujui (status: {o.status_skp_label}). "
                    f"Batasnya {tanggal_id(o.batas_skp)}. Lengkapi dan ajukan, atau minta PPK Anda menyetujuinya."
                )
                subjek = f"SKP {a.tahun} belum disetujui"
            pesan[k] = ([Pegawai(email=o.email)], subjek, isi)
        hitung[jenis] = _kirim(pesan)
    return hitung


def _pengingat_evaluasi(orang: list[kp.Orang], a: kp.Aturan, staf) -> int:
    """Each PPK of an approved SKP covering an unevaluated period past its deadline, once per period."""
    kurang = {o.pegawai_id: o for o in orang if o.periode_kurang}
    if not kurang:
        return 0
    skp = Skp.objects.filter(tahun=a.tahun, disetujui__isnull=False, ppk__isnull=False, pegawai_id__in=staf)
    per_ppk: dict[tuple[int, str], list[str]] = defaultdict(list)
    ppk: dict[int, Pegawai] = {}
    for s in skp.select_related("ppk").only("pegawai_id", "mulai", "selesai", "ppk__nama", "ppk__email").order_by():
        if s.pegawai_id not in kurang:
            continue
        for p in kurang[s.pegawai_id].periode_kurang:
            if s.mulai <= p.selesai and s.selesai >= p.mulai and s.ppk.email:
                ppk[s.ppk_id] = s.ppk
                nama = kurang[s.pegawai_id].nama
                if nama not in per_ppk[(s.ppk_id, p.kode)]:
                    per_ppk[(s.ppk_id, p.kode)].append(nama)
    baru = _baru([(pid, EVALUASI_BELUM, kode) for pid, kode in per_ppk])
    per = {p.kode: p for p in a.periode}
    pesan = {}
    for (pid, kode), nama in per_ppk.items():
        if (pid, EVALUASI_BELUM, kode) not in baru:
            continue
        p = per[kode]
        isi = (
            f"Evaluasi kinerja {p.label} belum dilakukan untuk {len(nama)} pegawai yang Anda nilai: "
            + ", ".join(sorted(nama)[:30])
            + (f", dan {len(nama) - 30} lainnya" if len(nama) > 30 else "")
            + f". Batasnya {tanggal_id(a.batas_evaluasi(p))}."
        )
        pesan[(pid, EVALUASI_BELUM, kode)] = ([ppk[pid]], f"Evaluasi kinerja {p.label} belum dilakukan", isi)
    return _kirim(pesan)


def pengingat_kepatuhan(*, tanggal: dt.date | None = None) -> dict[str, int]:
    """Beat job: the reminders due today for every instansi; returns how many of each kind were sent."""
    tanggal = tanggal or hari_ini()
    hitung = dict.fromkeys(JENIS, 0)
    for akar in Unit.objects.filter(depth=1).select_related("instansi").order_by("path"):
        for tahun in (tanggal.year, tanggal.year - 1):
            a = kp.aturan(akar.instansi_id, tahun, tanggal)
            staf = kp.penempatan(a, akar.path)
            orang = kp.orang_dari(a, staf)
            if tahun == tanggal.year:
                for jenis, n in _pengingat_skp(orang, a).items():
                    hitung[jenis] += n
            hitung[EVALUASI_BELUM] += _pengingat_evaluasi(orang, a, staf.values("pegawai_id"))
    return hitung
