"""Reporting (Pasal 9–10): individuals report to the Pimpinan Unit Organisasi; members to their ketua;
the ketua reports to the Pimpinan on the schedule the Pimpinan sets for the team; the Pimpinan may ask
any ketua or member for a report at any time, which waits in their inbox until answered."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from organisasi.models import Pegawai
from organisasi.selectors import hari_ini
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import teks_isian

from .. import selectors
from ..choices import Aksi, Frekuensi, JenisLaporan
from ..models import JadwalLaporan, Laporan, PermintaanLaporan, Target
from ._dasar import beri_tahu, catat, diri_pelaku, gagal_bila, harus, kunci
from .pelaksanaan import _bukti, _tanggal


def periode_pada(frekuensi: str, tanggal: dt.date) -> tuple[str, dt.date]:
    """The reporting period a date falls in and its due date (the period's last day)."""
    if frekuensi == Frekuensi.MINGGUAN:
        tahun, minggu, _ = tanggal.isocalendar()
        return f"{tahun}-W{minggu:02d}", tanggal + dt.timedelta(days=6 - tanggal.weekday())
    if frekuensi == Frekuensi.BULANAN:
        akhir = (tanggal.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return f"{tanggal:%Y-%m}", akhir
    tw = (tanggal.month - 1) // 3 + 1
    akhir_bulan = dt.date(tanggal.year, tw * 3, 1)
    akhir = (akhir_bulan.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return f"{tanggal.year}-T{tw}", akhir


def awal_periode(frekuensi: str, tanggal: dt.date) -> dt.date:
    if frekuensi == Frekuensi.MINGGUAN:
        return tanggal - dt.timedelta(days=tanggal.weekday())
    if frekuensi == Frekuensi.BULANAN:
        return tanggal.replace(day=1)
    return dt.date(tanggal.year, (tanggal.month - 1) // 3 * 3 + 1, 1)


def pimpinan_target(t: Target):
    return selectors.simpul(t.unit).pimpinan_unit_organisasi


@transaction.atomic
def jadwal_tetapkan(*, pelaku, target: Target, frekuensi, mulai=None) -> JadwalLaporan:
    """The Pimpinan sets how often the team's ketua reports (again to change it)."""
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    harus(pimpinan_target(t), diri, "Jadwal laporan tim ditetapkan oleh Pimpinan Unit Organisasi.")
    if not t.tim_id:
        raise TransisiTidakSah("Jadwal laporan berkala ditetapkan untuk target yang dilaksanakan tim kerja.")
    galat: dict = {}
    if frekuensi not in Frekuensi.values:
        galat["frekuensi"] = [f"Pilih salah satu: {', '.join(Frekuensi.values)}."]
    tgl = _tanggal(galat, "mulai", mulai) if mulai else hari_ini()
    gagal_bila(galat)
    j, _ = JadwalLaporan.objects.update_or_create(
        target=t, defaults={"frekuensi": frekuensi, "mulai": tgl, "ditetapkan_oleh": diri, "ditetapkan": timezone.now()}
    )
    catat(Aksi.JADWAL_LAPORAN, oleh=diri, pelaku=pelaku, target=t, status_ke=frekuensi)
    beri_tahu(
        [t.tim.ketua],
        "Jadwal laporan tim",
        f"Laporkan pelaksanaan {t.uraian[:120]} secara {j.get_frekuensi_display().lower()}.",
    )
    return j


def _jenis_dan_penerima(t: Target, diri: Pegawai) -> tuple[str, Pegawai]:
    """Pasal 9–10: whom this person reports to for this target."""
    pimpinan = pimpinan_target(t)
    if t.tim_id and t.tim.ketua_id == diri.pk:
        if pimpinan is None:
            raise TransisiTidakSah("Pimpinan Unit Organisasi target ini kosong.")
        return JenisLaporan.KETUA, pimpinan.pegawai
    if diri.pk in selectors.anggota_tim(t):
        return JenisLaporan.ANGGOTA, t.tim.ketua
    if diri.pk in selectors.pelaksana_target(t):
        if pimpinan is None:
            raise TransisiTidakSah("Pimpinan Unit Organisasi target ini kosong.")
        return JenisLaporan.INDIVIDU, pimpinan.pegawai
    raise BukanWewenang("Laporan disampaikan oleh pelaksana, anggota atau ketua tim target ini.")


@transaction.atomic
def laporan_sampaikan(*, pelaku, target: Target, isi, bukti="", permintaan: PermintaanLaporan | None = None) -> Laporan:
    """A report on the target to whom the regulation names; answering a request closes it."""
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    galat: dict = {}
    isi = teks_isian(galat, "isi", isi, jenis="panjang")
    url, _ = _bukti(galat, bukti, None)
    if permintaan is not None:
        permintaan = kunci(PermintaanLaporan, permintaan.pk)
        if permintaan.kepada_id != diri.pk or permintaan.target_id != t.pk:
            raise BukanWewenang("Permintaan laporan itu ditujukan kepada orang lain.")
        if permintaan.dijawab is not None:
            raise TransisiTidakSah("Permintaan laporan itu sudah dijawab.")
        jenis, kepada, periode = JenisLaporan.PERMINTAAN, permintaan.peminta, ""
    else:
        jenis, kepada = _jenis_dan_penerima(t, diri)
        periode = ""
        if jenis == JenisLaporan.KETUA and hasattr(t, "jadwal_laporan"):
            periode = periode_pada(t.jadwal_laporan.frekuensi, hari_ini())[0]
    gagal_bila(galat)
    lap = Laporan.objects.create(
        target=t,
        jenis=jenis,
        pelapor=diri,
        kepada=kepada,
        periode=periode,
        permintaan=permintaan,
        isi=isi,
        bukti_url=url,
    )
    if permintaan is not None:
        permintaan.dijawab = timezone.now()
        permintaan.save(update_fields=["dijawab"])
    catat(Aksi.LAPORAN, oleh=diri, pelaku=pelaku, target=t, status_ke=jenis, catatan=f"Kepada {kepada.nama}")
    beri_tahu([kepada], "Laporan pelaksanaan tugas", f"{diri.nama} menyampaikan laporan atas {t.uraian[:150]}.")
    return lap


@transaction.atomic
def laporan_minta(*, pelaku, target: Target, kepada: Pegawai, pesan="", batas=None) -> PermintaanLaporan:
    """The Pimpinan asks a ketua or member (or an individual pelaksana) for a report (Pasal 10 ayat (3))."""
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    harus(pimpinan_target(t), diri, "Laporan diminta oleh Pimpinan Unit Organisasi target ini.")
    galat: dict = {}
    pesan = teks_isian(galat, "pesan", pesan, wajib=False)
    if kepada.pk not in selectors.pelaksana_target(t) | selectors.anggota_tim(t):
        galat["kepada"] = [f"{kepada.nama} bukan ketua, anggota atau pelaksana target ini."]
    tgl = _tanggal(galat, "batas", batas) if batas else None
    if tgl and tgl < hari_ini():
        galat["batas"] = ["Batas tidak boleh sebelum hari ini."]
    gagal_bila(galat)
    p = PermintaanLaporan.objects.create(target=t, peminta=diri, kepada=kepada, pesan=pesan, batas=tgl)
    catat(Aksi.LAPORAN_MINTA, oleh=diri, pelaku=pelaku, target=t, catatan=f"Kepada {kepada.nama}: {pesan[:150]}")
    beri_tahu([kepada], "Permintaan laporan", f"{diri.nama} meminta laporan atas {t.uraian[:150]}.\n\n{pesan}")
    return p


def pengingat_laporan(*, tanggal: dt.date | None = None) -> dict[str, int]:
    """Beat job: remind each team's ketua before a due date and flag a missed one, once per period."""
    from ..models import PengaturanKinerja, PengingatLaporan

    tanggal = tanggal or hari_ini()
    hari = dict(PengaturanKinerja.objects.values_list("instansi_id", "pengingat_laporan_hari"))
    hitung = {"pengingat": 0, "terlambat": 0}
    for j in JadwalLaporan.objects.select_related("target__tim__ketua", "target__unit").filter(
        target__aktif=True, mulai__lte=tanggal
    ):
        t = j.target
        periode, jatuh_tempo = periode_pada(j.frekuensi, tanggal)
        sudah = Laporan.objects.filter(target=t, jenis=JenisLaporan.KETUA, periode=periode).exists()
        if not sudah and 0 <= (jatuh_tempo - tanggal).days <= hari.get(t.unit.instansi_id, 2):
            _, baru = PengingatLaporan.objects.get_or_create(jadwal=j, periode=periode, jenis="pengingat")
            if baru:
                hitung["pengingat"] += 1
                beri_tahu(
                    [t.tim.ketua],
                    "Pengingat laporan tim",
                    f"Laporan {periode} atas {t.uraian[:120]} jatuh tempo {jatuh_tempo:%d-%m-%Y}.",
                )
        lalu, tempo_lalu = periode_pada(j.frekuensi, awal_periode(j.frekuensi, tanggal) - dt.timedelta(days=1))
        if (
            tempo_lalu < tanggal
            and tempo_lalu >= j.mulai
            and not Laporan.objects.filter(target=t, jenis=JenisLaporan.KETUA, periode=lalu).exists()
        ):
            _, baru = PengingatLaporan.objects.get_or_create(jadwal=j, periode=lalu, jenis="terlambat")
            if baru:
                hitung["terlambat"] += 1
                pimpinan = pimpinan_target(t)
                beri_tahu(
                    [t.tim.ketua, pimpinan.pegawai if pimpinan else None],
                    "Laporan tim terlambat",
                    f"Laporan {lalu} atas {t.uraian[:120]} belum disampaikan.",
                )
    return hitung


def laporan_terlambat(j: JadwalLaporan, tanggal: dt.date | None = None) -> list[str]:
    """The periods since the schedule began whose due date passed without the ketua's report."""
    tanggal = tanggal or hari_ini()
    sudah = set(
        Laporan.objects.filter(target_id=j.target_id, jenis=JenisLaporan.KETUA).values_list("periode", flat=True)
    )
    hasil, d = [], j.mulai
    while True:
        periode, tempo = periode_pada(j.frekuensi, d)
        if tempo >= tanggal:
            return hasil
        if periode not in sudah:
            hasil.append(periode)
        d = tempo + dt.timedelta(days=1)
