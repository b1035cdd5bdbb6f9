"""The access log written in batches off the request (AKSES_LOG_ANTRE, production's default)."""
from unittest import mock

import pytest
from django.db import OperationalError

from organisasi.models import AksesDataPribadi
from organisasi.services import akses
from organisasi.services.antrean_akses import AntreanAkses
from tests import factories as f
from tests.organisasi.test_api import klien


@pytest.fixture
def antrean(settings, monkeypatch):
    """A queue of the test's own, whose writer thread sleeps: the test writes its batches itself."""
    settings.AKSES_LOG_ANTRE, settings.AKSES_LOG_ANTRE_DETIK = True, 3600
    baru = AntreanAkses()
    monkeypatch.setattr(akses, "antrean", baru)
    return baru


@pytest.mark.django_db(transaction=True)  # each read its own statement, as in production
def test_reads_are_queued_then_written_in_one_batch(struktur, antrean):
    c = klien(f.akun_klien_api("aplikasi-spbe"))
    nip = struktur.analis.nip
    assert c.get(f"/api/v1/pegawai/{nip}/").status_code == 200
    assert c.get(f"/api/v1/pegawai/{nip}/kedudukan/").status_code == 200
    assert AksesDataPribadi.objects.count() == 0  # queued before each answer left, not yet written
    assert antrean.kirim() == 2
    assert list(AksesDataPribadi.objects.order_by("id").values_list("username", "subjek", "path")) == [
        ("aplikasi-spbe", nip, f"/api/v1/pegawai/{nip}/"),
        ("aplikasi-spbe", nip, f"/api/v1/pegawai/{nip}/kedudukan/")]
    assert antrean.kirim() == 0  # written once


@pytest.mark.django_db(transaction=True)
def test_a_batch_that_cannot_be_written_refuses_reads_until_one_is(struktur, antrean):
    c = klien(f.akun_klien_api("aplikasi-spbe"))
    url = f"/api/v1/pegawai/{struktur.analis.nip}/"
    assert c.get(url).status_code == 200
    with mock.patch("django.db.backends.utils.CursorWrapper.executemany",
                    side_effect=OperationalError("server closed the connection")):
        with pytest.raises(OperationalError):
            antrean.kirim()
    assert AksesDataPribadi.objects.count() == 0
    c.raise_request_exception = False
    r = c.get(url)  # no unlogged read while the log cannot be written
    assert r.status_code == 503 and "detail" in r.json()
    assert antrean.kirim() == 1  # the database is back: the queued row, once
    assert c.get(url).status_code == 200
    assert antrean.kirim() == 1 and AksesDataPribadi.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("macet", ["tertunda", "penulis-berhenti", "galat-lain"])
def test_reads_are_refused_when_the_log_falls_behind_or_its_writer_is_gone(struktur, antrean, macet):
    c = klien(f.akun_klien_api("aplikasi-spbe"))
    c.raise_request_exception = False
    url = f"/api/v1/pegawai/{struktur.analis.nip}/"
    assert c.get(url).status_code == 200
    if macet == "tertunda":  # a database that hangs: the oldest row has waited too long
        antrean._sejak -= 5
    elif macet == "penulis-berhenti":
        antrean._penulis = mock.Mock(is_alive=lambda: False)
    else:  # not a database error: the batch still returns to the queue
        with mock.patch("django.db.backends.utils.CursorWrapper.executemany", side_effect=ValueError("baris")):
            with pytest.raises(ValueError):
                antrean.kirim()
    assert c.get(url).status_code == 503
    if macet != "penulis-berhenti":
        assert antrean.kirim() == 1 and c.get(url).status_code == 200  # written: reads go on


def test_inside_a_callers_transaction_the_row_is_part_of_it(struktur, antrean):
    from django.db import transaction

    user = f.akun_klien_api("aplikasi-spbe")
    with transaction.atomic():
        akses.akses_data_pribadi_catat(user=user, token=None, alamat_ip=None, metode="GET", path="/x", nip=["1"])
        assert AksesDataPribadi.objects.count() == 1  # written in the transaction, not queued
    assert antrean.kirim() == 0
