"""Fixed actors and a small instansi that shows all six patterns (SPEC §3)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.models import Unit
from organisasi.permissions import GRUP_ADMIN_ORGANISASI, pastikan_grup_peran
from tests import factories as f

HARI = dt.date(2024, 5, 3)

# CI summary lines: browser journeys, and the fuzzing tally (printed by the xdist controller too).
pytest_plugins = ["tests.ringkasan_peramban", "tests.api_fuzz.ringkasan"]


def pytest_collection_modifyitems(config, items):
    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="memerlukan PostgreSQL (set DATABASE_URL)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _cache_kosong():
    """Cached structure answers must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def struktur(db):
    """Pemerintah Kabupaten Uji with one Unit Organisasi of each pattern, heads and staff."""
    s = SimpleNamespace()
    s.instansi = f.instansi()
    s.akar = Unit.objects.get(kode="kab-uji")
    u = lambda *a, **k: f.unit(*a, **k)  # noqa: E731
    # pola 1: Sekretariat Daerah
    s.setda = u(s.akar, "setda", J.SEKRETARIAT_DAERAH, T.JPT_PRATAMA, True, "Sekretariat Daerah")
    s.asisten = u(s.setda, "setda-asisten-1", J.ASISTEN, T.JPT_PRATAMA, nama="Asisten Pemerintahan")
    s.bag_org = u(s.asisten, "setda-bag-organisasi", J.BAGIAN, T.ADMINISTRATOR, nama="Bagian Organisasi")
    # pola 2: dinas with bidang; pola 5 and 6: UPT under it
    s.dinas = u(s.akar, "dinkes", J.DINAS, T.JPT_PRATAMA, True, "Dinas Kesehatan")
    s.bidang = u(s.dinas, "dinkes-yankes", J.BIDANG, T.ADMINISTRATOR, nama="Bidang Pelayanan Kesehatan")
    s.upt5 = u(s.dinas, "dinkes-upt-lab", J.UPT, T.PENGAWAS, True, "UPT Laboratorium Kesehatan")
    s.upt6 = u(s.dinas, "dinkes-puskesmas", J.UPT, T.FUNGSIONAL, True, "UPT Puskesmas Kepanjen")
    # pola 3: DPMPTSP, with a sekretariat flagged mandiri
    s.dpmptsp = u(s.akar, "dpmptsp", J.DINAS, T.JPT_PRATAMA, True, "DPMPTSP")
    s.sek_dpmptsp = u(s.dpmptsp, "dpmptsp-sekretariat", J.SEKRETARIAT, T.ADMINISTRATOR, True, "Sekretariat DPMPTSP")
    # pola 4: kecamatan with a seksi; pola 5: kelurahan under it
    s.kecamatan = u(s.akar, "kec-kepanjen", J.KECAMATAN, T.ADMINISTRATOR, True, "Kecamatan Kepanjen")
    s.seksi = u(s.kecamatan, "kec-kepanjen-pem", J.SEKSI, T.PENGAWAS, nama="Seksi Pemerintahan")
    s.kelurahan = u(s.kecamatan, "kel-cepokomulyo", J.KELURAHAN, T.PENGAWAS, True, "Kelurahan Cepokomulyo")

    mulai = dt.date(2020, 1, 1)
    for nama in [
        "setda",
        "asisten",
        "bag_org",
        "dinas",
        "bidang",
        "upt5",
        "upt6",
        "dpmptsp",
        "sek_dpmptsp",
        "kecamatan",
        "seksi",
        "kelurahan",
    ]:
        setattr(s, f"kepala_{nama}", f.kepala(getattr(s, nama), mulai=mulai))
    s.analis = f.pegawai(s.bag_org, jabatan_=f.jabatan(), nama="Analis Organisasi", mulai=mulai)
    s.staf_bidang = f.pegawai(s.bidang, nama="Staf Bidang", mulai=mulai)
    s.staf_upt5 = f.pegawai(s.upt5, nama="Staf Lab", mulai=mulai)
    s.staf_upt6 = f.pegawai(s.upt6, nama="Staf Puskesmas", mulai=mulai)
    s.staf_dpmptsp = f.pegawai(s.dpmptsp, nama="Staf DPMPTSP", mulai=mulai)
    s.staf_sek_dpmptsp = f.pegawai(s.sek_dpmptsp, nama="Staf Sekretariat DPMPTSP", mulai=mulai)
    s.staf_seksi = f.pegawai(s.seksi, nama="Staf Seksi", mulai=mulai)
    s.staf_kelurahan = f.pegawai(s.kelurahan, nama="Staf Kelurahan", mulai=mulai)
    for nama in vars(s).copy():
        obj = getattr(s, nama)
        if isinstance(obj, Unit):
            obj.refresh_from_db()
    return s


@pytest.fixture
def admin_organisasi(db):
    pastikan_grup_peran()
    user = f.UserFactory(username="admin-org", is_staff=True)
    user.groups.add(Group.objects.get(name=GRUP_ADMIN_ORGANISASI))
    return user


@pytest.fixture
def pegawai(struktur):
    return struktur.analis


@pytest.fixture
def orang_luar(struktur):
    """Staff of another Perangkat Daerah."""
    return struktur.staf_bidang
