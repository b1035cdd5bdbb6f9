"""The demo Kabupaten Malang (`organisasi.demo`, `muat_demo`, `demo_login`).

The data tests need no database. The load is done once for the module inside a
transaction that is rolled back at the end, so other modules never see it.
"""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from organisasi import demo, nip
from organisasi.audit import audit_kelembagaan
from organisasi.choices import Golongan, JenisPeran, JenisUnit, Tingkat
from organisasi.management.commands.muat_demo import akun_demo_siapkan
from organisasi.models import Instansi, Jabatan, Pegawai, PejabatUnit, Penempatan, Unit
from organisasi.permissions import GRUP_ADMIN_ORGANISASI
from organisasi.selectors import hari_ini, kedudukan_pada
from organisasi.services import GOLONGAN_PPPK

HARI = dt.date(2025, 3, 10)
# Every loaded test shares one load: keep them on one worker under `pytest -n … --dist loadgroup`.
pytestmark = pytest.mark.xdist_group("demo")


@pytest.fixture(scope="module")
def data():
    return demo.data_demo(hari_ini=HARI)


# --- the data, without a database ----------------------------------------------------------------


def test_every_generated_nip_is_valid_and_unique(data):
    nips = [p["nip"] for p in data["pegawai"]]
    assert len(nips) == len(set(nips))
    for p in data["pegawai"]:
        terurai = nip.urai(p["nip"], p["jenis_asn"], hari_ini=HARI)
        assert terurai.jenis_asn == p["jenis_asn"]
    jenis = {p["jenis_asn"] for p in data["pegawai"]}
    assert jenis == {"pns", "pppk"}


def test_staff_count_and_mix_are_plausible(data):
    pegawai = data["pegawai"]
    assert 1000 <= len(pegawai) <= 2000
    per_jenis = {j: sum(p["jenis_jabatan"] == j for p in pegawai) for j in ("struktural", "fungsional", "pelaksana")}
    assert all(n > 100 for n in per_jenis.values()), per_jenis
    assert all(p["jenis_jabatan"] == "fungsional" for p in pegawai if p["jenis_asn"] == "pppk")


def test_golongan_matches_the_level(data):
    for p in data["pegawai"]:
        assert p["golongan"] in (Golongan.values if p["jenis_asn"] == "pns" else GOLONGAN_PPPK), p
    tingkat = {u["kode"]: u["tingkat"] for u in data["unit"]}
    for p in data["pegawai"]:
        if p.get("memimpin") and tingkat[p["memimpin"]] == Tingkat.JPT_PRATAMA:
            assert p["golongan"] in ("IV/c", "IV/d"), p
        if p.get("jenjang") == "ahli_pertama" and p["jenis_asn"] == "pns":
            assert p["golongan"] in ("III/a", "III/b"), p


def test_heads_hold_positions_named_after_their_unit(data):
    kepala = {p["memimpin"]: p["jabatan"] for p in data["pegawai"] if p.get("memimpin")}
    assert kepala["dinkes"] == "Kepala Dinas Kesehatan"
    assert kepala["setda"] == "Sekretaris Daerah"
    assert kepala["kec-kepanjen"] == "Camat Kepanjen"
    assert kepala["kel-cepokomulyo"] == "Lurah Cepokomulyo"
    assert kepala["dinkes-pelayanan-kesehatan"] == "Kepala Bidang Pelayanan Kesehatan"
    assert kepala["dinkes-upt-puskesmas-kepanjen"] == "Dokter Ahli Madya"  # a fungsional-led UPT


def test_structure_follows_lampiran_d(data):
    unit = {u["kode"]: u for u in data["unit"]}
    assert len(unit) == len(data["unit"]) and all(len(k) <= 64 for k in unit)
    assert sum(u["jenis"] == JenisUnit.KECAMATAN for u in unit.values()) == 33
    kelurahan = [u for u in unit.values() if u["jenis"] == JenisUnit.KELURAHAN]
    assert len(kelurahan) == 12 and all(unit[k["induk"]]["jenis"] == JenisUnit.KECAMATAN for k in kelurahan)
    pd = [u for u in unit.values() if u["induk"] == demo.KODE_INSTANSI]
    assert len(pd) == 1 + 35 + 1 + 33  # Setda, Lampiran D.2 a.-ii., DPMPTSP, the kecamatan
    assert unit[unit["setda-bag-organisasi"]["induk"]]["jenis"] == JenisUnit.ASISTEN


def test_demo_data_is_the_same_every_day_but_for_acting_dates(data):
    lain = demo.data_demo(hari_ini=HARI + dt.timedelta(days=400))
    assert lain["unit"] == data["unit"]
    assert [p["nip"] for p in lain["pegawai"]] == [p["nip"] for p in data["pegawai"]]
    assert [r["nip"] for r in lain["plt"]] == [r["nip"] for r in data["plt"]]
    assert lain["plt"][0]["selesai"] != data["plt"][0]["selesai"]


def test_the_demo_logins_are_found_in_the_data(data):
    logins = demo.login_demo(data)
    assert len({x.nip for x in logins}) == 4
    assert sum(x.admin_organisasi for x in logins) == 1


# --- before loading (these run first: the module's load below lasts until its end) ------------


def test_muat_demo_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("muat_demo", stdout=StringIO())
    assert not Instansi.objects.filter(kode=demo.KODE_INSTANSI).exists()


def test_demo_login_before_loading_says_what_to_run(db):
    out = StringIO()
    call_command("demo_login", stdout=out)
    assert "belum dimuat" in out.getvalue()


# --- loaded ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dimuat(django_db_setup, django_db_blocker):
    """Load once for the module; roll it all back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("muat_demo", paksa=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def hari(dimuat, db):
    return hari_ini()


def test_command_reports_what_it_loaded(dimuat):
    assert "dimuat dalam" in dimuat and "pegawai" in dimuat


def test_every_pattern_occurs_among_unit_organisasi(hari):
    pola = set(Unit.objects.filter(mandiri=True).exclude(jenis=JenisUnit.INSTANSI).values_list("pola", flat=True))
    assert {1, 2, 3, 4, 5, 6} <= pola
    assert Unit.objects.get(kode="setda").pola == 1
    assert Unit.objects.get(kode="dinkes").pola == 2
    assert Unit.objects.get(kode="dpmptsp").pola == 3
    assert Unit.objects.get(kode="kec-kepanjen").pola == 4
    assert Unit.objects.get(kode="kel-cepokomulyo").pola == 5
    assert Unit.objects.get(kode="dinkes-upt-puskesmas-kepanjen").pola == 6


def test_bagian_organisasi_sits_under_an_asisten(hari):
    bagian = Unit.objects.select_related("induk").get(kode="setda-bag-organisasi")
    assert bagian.induk.jenis == JenisUnit.ASISTEN and bagian.induk.induk.kode == "setda"


def test_every_staff_nip_validates(hari):
    for n, jenis in Pegawai.objects.values_list("nip", "jenis_asn"):
        nip.urai(n, jenis)
    assert Pegawai.objects.count() == len(demo.data_demo(hari_ini=hari)["pegawai"])


def test_demo_logins_authenticate_with_the_demo_password(hari):
    admin_grup = Group.objects.get(name=GRUP_ADMIN_ORGANISASI)
    for login in demo.login_demo(demo.data_demo(hari_ini=hari)):
        user = authenticate(username=login.nip, password=demo.SANDI_DEMO)
        assert user is not None and user.pegawai.nip == login.nip
        assert user.is_staff == login.admin_organisasi == (admin_grup in user.groups.all())
        assert authenticate(username=login.nip, password="salah") is None
    assert authenticate(username=demo.USERNAME_SUPERUSER, password=demo.SANDI_DEMO).is_superuser
    orang_lain = Pegawai.objects.exclude(
        akun__username__in=[x.nip for x in demo.login_demo(demo.data_demo(hari_ini=hari))]
    ).first()
    assert not orang_lain.akun.has_usable_password()


def test_demo_logins_sit_where_the_table_says(hari):
    logins = demo.login_demo(demo.data_demo(hari_ini=hari))
    admin, pimpinan, ppk, staf = (Pegawai.objects.get(nip=x.nip) for x in logins)
    k = kedudukan_pada(staf, hari)
    assert (k.ppk.pegawai, k.pimpinan.pegawai, k.pola) == (ppk, pimpinan, 2)
    k = kedudukan_pada(admin, hari)
    assert k.pola == 1 and [p.unit.jenis for p in k.rantai] == ["bagian", "asisten", "sekretariat_daerah"]
    madya = Pegawai.objects.get(unit__kode="dinkes", jabatan__nama="Administrator Kesehatan Ahli Madya")
    assert kedudukan_pada(madya, hari).pola == 3  # Fungsional Madya directly under the JPT


def test_the_audit_corner_exists(hari):
    dishub = Unit.objects.get(kode="dishub")
    assert dishub.mandiri and dishub.pola is None and "tidak sesuai" in dishub.catatan_pola
    kosong = Unit.objects.get(kode="dispertan-penatausahaan-tanah")
    assert not PejabatUnit.objects.pada(hari).filter(unit=kosong).exists()
    plt = PejabatUnit.objects.pada(hari).filter(jenis=JenisPeran.PLT, selesai__lte=hari + dt.timedelta(days=30))
    assert plt.filter(unit__kode="dispussip").exists()
    assert PejabatUnit.objects.pada(hari).filter(jenis=JenisPeran.PLH).count() == 2
    assert PejabatUnit.objects.pada(hari).filter(jenis=JenisPeran.DELEGASI).count() == 2
    assert Pegawai.objects.filter(aktif=True, unit__isnull=True).count() == 2


def test_the_audit_shows_the_corner(hari):
    admin = authenticate(username=demo.USERNAME_SUPERUSER, password=demo.SANDI_DEMO)
    jumlah = audit_kelembagaan(user=admin, tanggal=hari).jumlah
    assert jumlah["tanpa_pola"] >= 1 and jumlah["kosong"] >= 1 and jumlah["segera_berakhir"] >= 1
    assert jumlah["tanpa_unit"] == 2


def _jumlah_baris() -> list[int]:
    models = [Instansi, Unit, Jabatan, Pegawai, Penempatan, PejabatUnit, Group, get_user_model()]
    return [m.objects.count() for m in models] + [m.history.count() for m in models if hasattr(m, "history")]


def test_a_second_run_changes_nothing_and_says_so(hari):
    sebelum = _jumlah_baris()
    out = StringIO()
    call_command("muat_demo", paksa=True, stdout=out)
    assert "tidak ada yang diubah" in out.getvalue()
    assert _jumlah_baris() == sebelum


def test_setting_up_the_logins_leaves_an_existing_admin_account_alone(hari):
    admin = get_user_model().objects.get(username=demo.USERNAME_SUPERUSER)
    admin.set_password("sandi-milik-admin")
    admin.save()
    akun_demo_siapkan(demo.data_demo(hari_ini=hari))
    admin.refresh_from_db()
    assert admin.check_password("sandi-milik-admin")
    out = StringIO()
    call_command("demo_login", stdout=out)
    assert "Superuser" not in out.getvalue()


def test_demo_login_prints_the_table(hari):
    out = StringIO()
    call_command("demo_login", stdout=out)
    teks = out.getvalue()
    assert demo.SANDI_DEMO in teks and "Token " in teks
    for login in demo.login_demo(demo.data_demo(hari_ini=hari)):
        assert login.nip in teks and nip.tampilkan(login.nip) in teks
