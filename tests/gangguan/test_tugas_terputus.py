"""A Celery task interrupted mid-way (its worker killed) and run again leaves no duplicate.

The daily `organisasi.sinkron_penempatan` runs on a real worker over the real Redis broker. A row
lock held by the test stops it half-way, the worker is killed with SIGKILL (no chance to clean up),
the lock is released and a new worker started. With late acknowledgement the broker hands the same
message to the new worker, which finishes the job: every placement is applied exactly once, with one
history record each.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import uuid

import pytest
from celery import Celery
from django.db import connection, transaction

from organisasi.models import Pegawai, Penempatan
from organisasi.selectors import hari_ini
from tests import factories as f

from .conftest import AKAR, redis_hidup, tunggu

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BROKER = "redis://127.0.0.1:6379/13"
JUMLAH, DIKUNCI = 12, 5  # the 6th person's row is locked: five are applied before the worker stops


def mulai_worker(antrean: str, log) -> subprocess.Popen:
    s = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.gangguan.settings_prod",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": "uji-" + "k" * 50,
        "DATABASE_URL": f"postgres://{s['USER'] or 'postgres'}@127.0.0.1:{s['PORT'] or 5432}/{s['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "PYTHONPATH": str(AKAR),
    }
    env.pop("REDIS_CACHE_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sistemkerja",
            "worker",
            "--pool",
            "solo",
            "-Q",
            antrean,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "INFO",
        ],
        cwd=AKAR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def berhenti(p: subprocess.Popen) -> None:
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()


def sudah_diterapkan(ids) -> int:
    return Pegawai.history.filter(id__in=ids, history_change_reason="sinkron_penempatan").count()


@pytest.fixture
def pindahan(struktur):
    """Twelve people whose new placement starts today but is not yet on their record."""
    if not redis_hidup():
        pytest.skip("Redis tidak berjalan di 127.0.0.1:6379")
    orang = [f.pegawai(struktur.bidang, nama=f"Pindahan {i:02d}") for i in range(JUMLAH)]
    hari = hari_ini()
    Penempatan.objects.filter(pegawai__in=orang, selesai__isnull=True).update(selesai=hari - dt.timedelta(days=1))
    Penempatan.objects.bulk_create(
        [
            Penempatan(pegawai=p, unit=struktur.upt5, jabatan=p.jabatan, mulai=hari, nomor_sk="800/1/35.07.301/2026")
            for p in orang
        ]
    )
    return sorted(p.pk for p in orang)


def test_a_killed_worker_leaves_no_duplicate_when_the_task_runs_again(pindahan, struktur, tmp_path, monkeypatch):
    antrean = f"uji-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("CELERY_BROKER_URL", BROKER)  # Celery lets this variable win over `broker=`
    # not the current app: shared tasks of the rest of the suite must keep the project app (eager in tests)
    kirim = Celery(broker=BROKER, set_as_current=False)
    log = (tmp_path / "worker.log").open("w")  # shown by pytest when the test fails
    worker = mulai_worker(antrean, log)
    try:
        with transaction.atomic():
            Pegawai.objects.select_for_update().get(pk=pindahan[DIKUNCI])
            kirim.send_task("organisasi.sinkron_penempatan", queue=antrean)
            tunggu(lambda: sudah_diterapkan(pindahan) == DIKUNCI, batas=60)
            os.kill(worker.pid, signal.SIGKILL)  # mid-task: blocked on the locked row
            worker.wait(10)
        assert sudah_diterapkan(pindahan) == DIKUNCI

        worker = mulai_worker(antrean, log)  # the unacknowledged message comes back to the new worker
        tunggu(lambda: sudah_diterapkan(pindahan) == JUMLAH, batas=90, jeda=0.5)
    except AssertionError:
        log.flush()
        print((tmp_path / "worker.log").read_text()[-4000:])
        raise
    finally:
        berhenti(worker)
        kirim.close()
        log.close()

    assert set(Pegawai.objects.filter(pk__in=pindahan).values_list("unit__kode", flat=True)) == {"dinkes-upt-lab"}
    per_orang = [Pegawai.history.filter(id=pk, history_change_reason="sinkron_penempatan").count() for pk in pindahan]
    assert per_orang == [1] * JUMLAH  # nobody applied twice
