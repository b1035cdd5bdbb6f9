"""Daily (beat job `layanan.ringkasan_terlambat`): each unit head gets one e-mail listing the complaints of their
unit that are past their deadline and not closed, once per unit and day.

The head is whoever leads the unit that day (a Plh or Plt before the definitive head); a unit without one is
reported to the head of the nearest unit above it. The e-mail names complaints by tracking code, service,
dates and status only: never the sender's name or contact. Complaints not yet assigned to a unit are the
Bagian Organisasi's to triage: its admins (group Admin Organisasi) get their own summary. A fixed number of
queries whatever the number of complaints and units.

"Once per day" is a row of `PengingatPengaduan` (recipient key and date, unique) written in the same
transaction as the e-mail is queued: a second run the same day, or a retry, sends nothing again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from organisasi.models import Unit
from organisasi.permissions import GRUP_ADMIN_ORGANISASI
from organisasi.selectors import PetaPejabat, hari_ini
from sistemkerja.teks import tanggal_id

from .choices import StatusPengaduan
from .models import Pengaduan, PengingatPengaduan
from .services import tampil_lacak
from .services._dasar import beri_tahu

MAKS_BARIS = 50  # complaints listed in one e-mail; the rest counted


def _alamat_daftar() -> str:
    try:
        return settings.SITUS_URL.rstrip("/") + reverse("layanan:pengaduan_daftar") + "?terlambat=1"
    except NoReverseMatch:
        return ""


def _pimpinan(units: list[Unit], tanggal: dt.date) -> dict[int, object]:
    """Per unit id: the Pegawai leading it on `tanggal`, or the unit above it (two queries for all)."""
    jalur = {u.path[:i] for u in units for i in range(Unit.steplen, len(u.path) + 1, Unit.steplen)}
    per_path = dict(Unit.objects.filter(path__in=jalur).values_list("path", "pk"))
    peta = PetaPejabat.muat(per_path.values(), tanggal)
    hasil = {}
    for u in units:
        for i in range(len(u.path), 0, -Unit.steplen):
            pj = peta.pimpinan(per_path.get(u.path[:i], 0))
            if pj is not None:
                hasil[u.pk] = pj.pegawai
                break
    return hasil


def _pesan(nama_unit: str, daftar: list[Pengaduan], tanggal: dt.date) -> str:
    baris = [
        f"Per {tanggal_id(tanggal)}, {len(daftar)} pengaduan/saran untuk {nama_unit} lewat tenggat tanggapan "
        "dan belum selesai:",
        "",
    ]
    for p in daftar[:MAKS_BARIS]:
        lewat = (tanggal - p.tenggat).days
        layanan = p.layanan.nama if p.layanan else "tanpa layanan"
        diterima = tanggal_id(timezone.localdate(p.diterima))
        baris.append(
            f"- {tampil_lacak(p.kode_lacak)} · {layanan} · diterima {diterima} · tenggat {tanggal_id(p.tenggat)} "
            f"(lewat {lewat} hari) · {p.get_status_display()}"
        )
    if len(daftar) > MAKS_BARIS:
        baris.append(f"- dan {len(daftar) - MAKS_BARIS} lainnya")
    if alamat := _alamat_daftar():
        baris += ["", f"Tangani di {alamat}"]
    return "\n".join(baris)


def _sekali(kunci: str, tanggal: dt.date) -> bool:
    """Record today's summary for `kunci`; False when it was already sent."""
    try:
        with transaction.atomic():
            PengingatPengaduan.objects.create(kunci=kunci, tanggal=tanggal)
    except IntegrityError:
        return False
    return True


def _admin_bagian_organisasi() -> list:
    """The Bagian Organisasi's admins who are staff with an e-mail address."""
    akun = get_user_model().objects.filter(is_active=True, groups__name=GRUP_ADMIN_ORGANISASI, pegawai__isnull=False)
    return [u.pegawai for u in akun.select_related("pegawai") if u.pegawai.email]


@transaction.atomic
def ringkasan_terlambat(*, tanggal: dt.date | None = None) -> int:
    """Send today's summaries; returns how many were sent (0 on a second run that day)."""
    tanggal = tanggal or hari_ini()
    per_unit: dict[int | None, list[Pengaduan]] = defaultdict(list)
    qs = (
        Pengaduan.objects.filter(tenggat__lt=tanggal)
        .exclude(status=StatusPengaduan.SELESAI)
        .select_related("layanan", "unit")
        .order_by("unit_id", "tenggat", "id")
    )
    unit = {}
    for p in qs:
        per_unit[p.unit_id].append(p)
        if p.unit_id:
            unit[p.unit_id] = p.unit
    kepala = _pimpinan(list(unit.values()), tanggal)
    n = 0
    for unit_id, daftar in per_unit.items():
        if unit_id is None:
            penerima, nama, kunci = _admin_bagian_organisasi(), "triase Bagian Organisasi", "bagian_organisasi"
        else:
            orang = kepala.get(unit_id)
            penerima, nama, kunci = [orang] if orang and orang.email else [], unit[unit_id].nama, f"unit:{unit_id}"
        if not penerima or not _sekali(kunci, tanggal):
            continue
        beri_tahu(penerima, f"{len(daftar)} pengaduan lewat tenggat: {nama}", _pesan(nama, daftar, tanggal))
        n += 1
    return n
