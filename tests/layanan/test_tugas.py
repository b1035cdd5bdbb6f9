"""Layanan's daily jobs (Celery beat): the senders' address hashes forgotten after a day, and each unit head's
e-mail of their unit's overdue complaints, once a day. Dates are explicit; Celery runs eagerly; mail goes to
the outbox."""

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from layanan import pengingat, services, tasks
from layanan.models import Pengaduan
from organisasi.choices import JenisPeran, JenisUnit, Tingkat
from organisasi.models import Pegawai
from organisasi.services import pejabat_tetapkan
from sistemkerja.celery import app
from tests import factories as f

from .conftest import layanan_terbit

pytestmark = pytest.mark.django_db


def beralamat(*orang):
    for p in orang:
        Pegawai.objects.filter(pk=p.pk).update(email=f"{p.nip}@uji.go.id")
    return [f"{p.nip}@uji.go.id" for p in orang]


def aduan(kode, isi="Antrean lama", **lain):
    return services.pengaduan_ajukan(isi=isi, layanan=kode, nama="Budi Rahasia", kontak="0812-9999", **lain)


def test_jadwal_harian_terdaftar():
    jadwal = {v["task"] for v in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"layanan.bersihkan_alamat", "layanan.ringkasan_terlambat"} <= jadwal
    assert {"layanan.bersihkan_alamat", "layanan.ringkasan_terlambat"} <= set(app.tasks)


def test_ringkasan_terlambat_ke_kepala_unit_sekali_sehari(lay, django_capture_on_commit_callbacks):
    s = lay.s
    kepala_upt, kepala_bag = beralamat(s.kepala_upt5, s.kepala_bag_org)
    hari = timezone.localdate()
    lab1 = aduan("uji-lab")  # deadline in 5 days
    lab2 = aduan("uji-lab", isi="Hasil uji salah ketik")
    selesai = aduan("uji-lab", isi="Sudah ditangani")
    services.pengaduan_proses(pelaku=s.staf_upt5.akun, pengaduan=selesai)
    services.pengaduan_tutup(pelaku=s.staf_upt5.akun, pengaduan=selesai, catatan="Ganda")
    aduan("konsultasi-org")  # deadline in 14 days
    aduan(None, isi="Saran umum", instansi=s.instansi)  # no unit yet: the Bagian Organisasi triages it
    services.pengaduan_proses(pelaku=s.staf_upt5.akun, pengaduan=lab2)
    mail.outbox.clear()

    # on the deadline day nothing is overdue yet
    assert pengingat.ringkasan_terlambat(tanggal=hari + dt.timedelta(days=5)) == 0
    # a day later the lab's two open complaints are, the consultation's is not
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat.ringkasan_terlambat(tanggal=hari + dt.timedelta(days=6)) == 1
    (surel,) = mail.outbox
    assert surel.to == [kepala_upt] and "2 pengaduan lewat tenggat: UPT Laboratorium Kesehatan" in surel.subject
    for p in (lab1, lab2):
        assert services.tampil_lacak(p.kode_lacak) in surel.body
    assert services.tampil_lacak(selesai.kode_lacak) not in surel.body
    assert "lewat 1 hari" in surel.body and "Diproses" in surel.body and "Diterima" in surel.body
    assert "Budi Rahasia" not in surel.body and "0812-9999" not in surel.body  # never the sender
    # the same day again (a retry): nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat.ringkasan_terlambat(tanggal=hari + dt.timedelta(days=6)) == 0
    assert len(mail.outbox) == 1
    # the next day both units' heads: the lab's again, the Bagian Organisasi's consultation now too
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat.ringkasan_terlambat(tanggal=hari + dt.timedelta(days=15)) == 2
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted([kepala_upt, kepala_bag])


def test_plh_menerima_dan_unit_tanpa_kepala_ke_atasannya(lay, django_capture_on_commit_callbacks):
    s = lay.s
    hari = timezone.localdate()
    kepala_dinas, plh, kepala_upt6 = beralamat(s.kepala_dinas, s.kepala_bidang, s.kepala_upt6)
    aduan("uji-lab")  # overdue from the sixth day
    pejabat_tetapkan(
        pelaku=None,
        unit=s.upt5,
        pegawai=s.kepala_bidang,
        jenis=JenisPeran.PLH,
        mulai=hari + dt.timedelta(days=7),
        selesai=hari + dt.timedelta(days=9),
    )
    # a unit with no head of its own: the head of the unit above it is told
    pustu = f.unit(s.upt6, "dinkes-pustu", JenisUnit.SEKSI, Tingkat.PENGAWAS, nama="Puskesmas Pembantu")
    layanan_terbit(lay.admin, pustu, "layanan-pustu")
    aduan("layanan-pustu")  # overdue from the fifteenth day
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat.ringkasan_terlambat(tanggal=hari + dt.timedelta(days=8)) == 1
    assert [m.to for m in mail.outbox] == [[plh]]  # the lab's Plh that day, not its head
    with django_capture_on_commit_callbacks(execute=True):  # the lab's head has no e-mail address: skipped
        assert pengingat.ringkasan_terlambat(tanggal=hari + dt.timedelta(days=20)) == 1
    assert [m.to for m in mail.outbox[1:]] == [[kepala_upt6]]
    assert "Puskesmas Pembantu" in mail.outbox[1].subject
    assert kepala_dinas not in [m.to[0] for m in mail.outbox]


def test_tugas_memakai_hari_ini(lay, django_capture_on_commit_callbacks):
    (kepala,) = beralamat(lay.s.kepala_upt5)
    aduan("uji-lab")
    mail.outbox.clear()
    nanti = timezone.localdate() + dt.timedelta(days=30)
    with mock.patch("layanan.pengingat.hari_ini", return_value=nanti):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.ringkasan_terlambat.delay().get() == 1
    assert [m.to for m in mail.outbox] == [[kepala]]


def test_bersihkan_alamat_setelah_sehari(lay):
    kemarin = aduan("uji-lab", alamat="10.0.0.7")
    baru = aduan("uji-lab", alamat="10.0.0.8")
    Pengaduan.objects.filter(pk=kemarin.pk).update(diterima=timezone.now() - dt.timedelta(hours=25))
    assert tasks.bersihkan_alamat.delay().get() == 1
    assert Pengaduan.objects.get(pk=kemarin.pk).alamat_hash == ""
    assert Pengaduan.objects.get(pk=baru.pk).alamat_hash != ""
    assert tasks.bersihkan_alamat.delay().get() == 0


def test_aduan_belum_ditugaskan_ke_admin_bagian_organisasi(lay, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    from organisasi.permissions import GRUP_ADMIN_ORGANISASI

    s = lay.s
    (alamat,) = beralamat(s.analis)
    s.analis.akun.groups.add(Group.objects.get(name=GRUP_ADMIN_ORGANISASI))
    p = aduan(None, isi="Saran umum", instansi=s.instansi)
    mail.outbox.clear()
    hari = timezone.localdate() + dt.timedelta(days=15)
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat.ringkasan_terlambat(tanggal=hari) == 1
    (surel,) = mail.outbox
    assert surel.to == [alamat] and "triase Bagian Organisasi" in surel.subject
    assert services.tampil_lacak(p.kode_lacak) in surel.body
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat.ringkasan_terlambat(tanggal=hari) == 0  # once a day, kept in the database
