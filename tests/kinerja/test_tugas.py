"""The daily jobs of kinerja (kinerja.tasks → services): team report reminders and missed dates, late reviews,
and the reviewer kept in step with Plt/Plh appointments. Celery runs eagerly; mail goes to the outbox."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from kinerja import services
from kinerja.choices import JenisLaporan
from kinerja.models import Laporan, PengaturanKinerja, PengingatLaporan
from organisasi.choices import JenisPeran
from organisasi.models import Pegawai
from organisasi.selectors import hari_ini
from organisasi.services import pejabat_tetapkan
from penugasan.services import tim_bentuk
from tests import factories as f

from .conftest import TAHUN, pk_berlaku, rencana_disetujui

pytestmark = pytest.mark.django_db


def beralamat(*orang):
    for p in orang:
        Pegawai.objects.filter(pk=p.pk).update(email=f"{p.nip}@uji.go.id")
    return [f"{p.nip}@uji.go.id" for p in orang]


def target_bidang(s, tim=False):
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    t = services.target_turunkan(
        pelaku=s.kepala_dinas.akun, target=akar, unit=s.bidang, uraian="SOP layanan", satuan="dokumen", target_nilai=5
    )
    kerja = None
    if tim:
        kerja = tim_bentuk(
            pelaku=s.kepala_bidang.akun,
            nama="Tim SOP",
            tujuan="Menyusun SOP",
            unit_pemilik=s.bidang,
            sifat="insidental",
            mulai=hari_ini(),
            selesai=hari_ini() + dt.timedelta(days=200),
            ketua=s.staf_bidang,
        )
    services.target_strategi(pelaku=s.kepala_bidang.akun, target=t, cara="tim" if tim else "individu", tim=kerja)
    rencana_disetujui(t, s.kepala_bidang, s.staf_bidang)
    return t


# --- pengingat_laporan ---------------------------------------------------------------------------------


def test_pengingat_sebelum_jatuh_tempo_sekali_lalu_tanda_terlambat(s, django_capture_on_commit_callbacks):
    t = target_bidang(s, tim=True)
    ketua, kadis = beralamat(s.staf_bidang, s.kepala_dinas)
    services.jadwal_tetapkan(pelaku=s.kepala_dinas.akun, target=t, frekuensi="bulanan", mulai=dt.date(TAHUN, 3, 1))
    mail.outbox.clear()
    # before the schedule starts, and more than two days (the default) before the due date: nothing
    assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 2, 27)) == {"pengingat": 0, "terlambat": 0}
    assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 3, 20)) == {"pengingat": 0, "terlambat": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 3, 29)) == {"pengingat": 1, "terlambat": 0}
    assert [m.to for m in mail.outbox] == [[ketua]] and f"{TAHUN}-03" in mail.outbox[0].body
    # the next day's run reminds nobody again
    with django_capture_on_commit_callbacks(execute=True):
        assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 3, 30)) == {"pengingat": 0, "terlambat": 0}
    assert len(mail.outbox) == 1
    # March passed without the ketua's report: flagged once, to the ketua and the Pimpinan
    with django_capture_on_commit_callbacks(execute=True):
        assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 4, 2)) == {"pengingat": 0, "terlambat": 1}
        assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 4, 3)) == {"pengingat": 0, "terlambat": 0}
    assert sorted(mail.outbox[1].to + mail.outbox[2].to) == sorted([ketua, kadis])
    assert "belum disampaikan" in mail.outbox[1].body
    assert sorted(PengingatLaporan.objects.values_list("periode", "jenis")) == [
        (f"{TAHUN}-03", "pengingat"),
        (f"{TAHUN}-03", "terlambat"),
    ]


def test_laporan_ketua_dan_pengaturan_instansi(s):
    t = target_bidang(s, tim=True)
    j = services.jadwal_tetapkan(pelaku=s.kepala_dinas.akun, target=t, frekuensi="bulanan", mulai=dt.date(TAHUN, 1, 1))
    PengaturanKinerja.objects.create(instansi=s.instansi, pengingat_laporan_hari=10)
    # ten days ahead now counts as "before the due date"
    assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 5, 22))["pengingat"] == 1
    # a ketua's report for the period: neither reminded nor flagged
    Laporan.objects.create(
        target=t, jenis=JenisLaporan.KETUA, pelapor=s.staf_bidang, kepada=s.kepala_dinas, periode=f"{TAHUN}-06", isi="x"
    )
    Laporan.objects.create(
        target=t, jenis=JenisLaporan.KETUA, pelapor=s.staf_bidang, kepada=s.kepala_dinas, periode=f"{TAHUN}-05", isi="x"
    )
    assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 6, 25)) == {"pengingat": 0, "terlambat": 0}
    assert services.pengingat_laporan(tanggal=dt.date(TAHUN, 7, 1)) == {"pengingat": 0, "terlambat": 0}
    # only April went by without a report
    assert list(j.pengingat.filter(jenis="terlambat").values_list("periode", flat=True)) == [f"{TAHUN}-04"]


# --- tinjauan_terlambat_beri_tahu ----------------------------------------------------------------------


def senin_pagi():
    hari = dt.date(TAHUN, 1, 5)
    hari -= dt.timedelta(days=hari.weekday())  # a Monday
    return timezone.make_aware(dt.datetime.combine(hari, dt.time(9, 0)))


def test_tinjauan_terlambat_diberitahukan_sekali_per_peninjau(s, django_capture_on_commit_callbacks):
    t = target_bidang(s)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=2, uraian="Dua SOP")
    pengaju, kabid, kadis = beralamat(s.staf_bidang, s.kepala_bidang, s.kepala_dinas)
    mulai = senin_pagi()
    type(h).objects.filter(pk=h.pk).update(menunggu_sejak=mulai)
    mail.outbox.clear()
    # five working days (Tuesday to next Monday) is not yet late; the sixth is
    assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=7)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=8)) == 1
        assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=9)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pengaju, kabid])
    assert "lebih dari 5 hari kerja" in mail.outbox[0].body
    h.refresh_from_db()
    assert h.terlambat_diberitahu is not None
    # accepted: the next reviewer's wait is counted afresh, and flagged to them
    h = services.hasil_terima(pelaku=s.kepala_bidang.akun, hasil=h)
    assert h.terlambat_diberitahu is None and h.peninjau == s.kepala_dinas
    type(h).objects.filter(pk=h.pk).update(menunggu_sejak=mulai)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=8)) == 1
    assert sorted(mail.outbox[-1].to + mail.outbox[-2].to) == sorted([pengaju, kadis])


def test_batas_tinjau_menurut_pengaturan_instansi(s):
    t = target_bidang(s)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=2, uraian="Dua SOP")
    PengaturanKinerja.objects.create(instansi=s.instansi, batas_tinjau_hari=1)
    mulai = senin_pagi()
    type(h).objects.filter(pk=h.pk).update(menunggu_sejak=mulai)
    assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=1)) == 0
    assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=2)) == 1
    # returned or finished results are never flagged
    services.hasil_kembalikan(pelaku=s.kepala_bidang.akun, hasil=h, catatan="Lengkapi")
    assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=30)) == 0


# --- peninjau_sinkronkan -------------------------------------------------------------------------------


def test_peninjau_pindah_ke_plh_yang_ditunjuk(s):
    t = target_bidang(s)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=2, uraian="Dua SOP")
    assert h.peninjau == s.kepala_bidang
    plh = f.pegawai(s.bidang, nama="Plh Kepala Bidang")
    besok = hari_ini() + dt.timedelta(days=1)
    pejabat_tetapkan(
        pelaku=None, unit=s.bidang, pegawai=plh, jenis=JenisPeran.PLH, mulai=besok, selesai=besok + dt.timedelta(days=5)
    )
    assert services.peninjau_sinkronkan() == 0  # today the Kepala Bidang still reviews
    h.refresh_from_db()
    assert h.peninjau == s.kepala_bidang
    assert services.peninjau_sinkronkan(tanggal=besok) == 1
    h.refresh_from_db()
    assert h.peninjau == plh
    assert services.peninjau_sinkronkan(tanggal=besok) == 0
    # the Plh's term over: back to the Kepala Bidang
    assert services.peninjau_sinkronkan(tanggal=besok + dt.timedelta(days=6)) == 1
    h.refresh_from_db()
    assert h.peninjau == s.kepala_bidang


def test_plh_diberi_tahu_tinjauan_terlambat_yang_diwarisinya(s, django_capture_on_commit_callbacks):
    t = target_bidang(s)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=2, uraian="Dua SOP")
    mulai = senin_pagi()
    type(h).objects.filter(pk=h.pk).update(menunggu_sejak=mulai)
    assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=8)) == 1
    plh = f.pegawai(s.bidang, nama="Plh Kepala Bidang")
    (alamat,) = beralamat(plh)
    pejabat_tetapkan(
        pelaku=None, unit=s.bidang, pegawai=plh, jenis=JenisPeran.PLH, mulai=hari_ini(), selesai=hari_ini()
    )
    services.peninjau_sinkronkan()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.tinjauan_terlambat_beri_tahu(sekarang=mulai + dt.timedelta(days=9)) == 1
    assert [m.to for m in mail.outbox] == [[alamat]]


def test_plh_hari_ini_meninjau_dan_tugas_celery(s):
    from kinerja import tasks

    t = target_bidang(s)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=2, uraian="Dua SOP")
    plh = f.pegawai(s.bidang, nama="Plh Kepala Bidang")
    pejabat_tetapkan(
        pelaku=None, unit=s.bidang, pegawai=plh, jenis=JenisPeran.PLH, mulai=hari_ini(), selesai=hari_ini()
    )
    tasks.sinkron_peninjau.delay()
    h.refresh_from_db()
    assert h.peninjau == plh
    h = services.hasil_terima(pelaku=plh.akun, hasil=h)
    assert h.peninjau == s.kepala_dinas
    assert tasks.pengingat_laporan.delay().get() == {"pengingat": 0, "terlambat": 0}
    assert tasks.tinjauan_terlambat.delay().get() == 0
