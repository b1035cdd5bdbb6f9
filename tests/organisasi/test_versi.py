"""Per-process copies (tokens, grants, answers) kept under shared version numbers (organisasi.versi).

"Another process" is played by writing the database behind this process's back (a queryset update, no
signals) and moving the shared number the way that process's signal would have.
"""
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from organisasi import services
from organisasi import versi as versi_mod
from organisasi.models import AksesDataPribadi, TokenApi, Unit
from sistemkerja.cache_redis import RedisCache
from tests import factories as f


def api_token(kunci: str) -> APIClient:
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {kunci}")
    return c


@pytest.fixture
def aplikasi(struktur):
    return f.akun_klien_api("simpeg-bkpsdm")


@pytest.fixture
def api(aplikasi):
    return api_token(f.kunci_token(aplikasi))


def dari_proses_lain(kunci_versi: str) -> None:
    """What another process's write leaves here: the shared number moved, this process's copies kept."""
    cache.incr(kunci_versi)


# --- tokens and accounts -------------------------------------------------------------------------

def test_a_token_is_read_once_then_kept(api, struktur, django_assert_num_queries):
    url = f"/api/v1/unit/{struktur.bidang.kode}/"
    assert api.get(url).status_code == 200
    with django_assert_num_queries(0):  # token, grant and answer from this process's memory
        assert api.get(url).status_code == 200


def test_a_token_revoked_elsewhere_is_refused_on_the_next_request(api, aplikasi, struktur):
    url = f"/api/v1/unit/{struktur.bidang.kode}/"
    assert api.get(url).status_code == 200
    TokenApi.objects.filter(user=aplikasi).update(dicabut=timezone.now(), alasan_cabut="bocor")
    assert api.get(url).status_code == 200  # this process has not been told yet
    dari_proses_lain(versi_mod.AKUN)
    assert api.get(url).status_code == 401


def test_a_token_revoked_here_is_refused_at_once(api, aplikasi, struktur):
    url = f"/api/v1/unit/{struktur.bidang.kode}/"
    assert api.get(url).status_code == 200
    services.token_cabut(pelaku=None, token=TokenApi.objects.get(user=aplikasi), alasan="bocor")
    assert api.get(url).status_code == 401


def test_a_deactivated_account_is_refused_at_once(api, aplikasi, struktur):
    url = f"/api/v1/unit/{struktur.bidang.kode}/"
    assert api.get(url).status_code == 200
    aplikasi.is_active = False
    aplikasi.save()
    r = api.get(url)
    assert r.status_code == 401 and r.json() == {"detail": "Akun tidak aktif."}


def test_an_expired_token_is_refused_though_kept(api, aplikasi, struktur):
    url = f"/api/v1/unit/{struktur.bidang.kode}/"
    TokenApi.objects.filter(user=aplikasi).update(kedaluwarsa=timezone.now() + timezone.timedelta(hours=1))
    dari_proses_lain(versi_mod.AKUN)
    assert api.get(url).status_code == 200
    with mock.patch("organisasi.api.auth.timezone.now", return_value=timezone.now() + timezone.timedelta(hours=2)):
        assert api.get(url).status_code == 401


def test_a_sign_in_does_not_drop_every_kept_token(aplikasi, struktur):
    from django.contrib.auth.models import update_last_login

    awal = versi_mod.versi(versi_mod.AKUN)
    update_last_login(None, aplikasi)
    assert versi_mod.versi(versi_mod.AKUN) == awal


def test_a_request_reads_the_version_numbers_once(api, struktur):
    with mock.patch.object(versi_mod.cache, "get_many", wraps=versi_mod.cache.get_many) as baca:
        assert api.get(f"/api/v1/pegawai/{struktur.analis.nip}/kedudukan/").status_code == 200
    assert baca.call_count == 1


def test_a_grant_withdrawn_elsewhere_is_seen(api, aplikasi, struktur):
    from django.contrib.auth.models import Group

    assert api.get("/api/v1/unit/").json()["count"] > 1
    aplikasi.groups.through.objects.filter(user=aplikasi).delete()  # no m2m signal from a queryset delete
    dari_proses_lain(versi_mod.IZIN)
    assert api.get("/api/v1/unit/").json()["count"] == 0
    assert not Group.objects.filter(user=aplikasi).exists()


# --- answers -------------------------------------------------------------------------------------

def test_a_structure_write_elsewhere_is_seen(api, struktur):
    url = f"/api/v1/unit/{struktur.bidang.kode}/"
    lama = api.get(url).json()["nama"]
    Unit.objects.filter(pk=struktur.bidang.pk).update(nama="Bidang Berganti Nama")
    assert api.get(url).json()["nama"] == lama
    dari_proses_lain(versi_mod.STRUKTUR)
    assert api.get(url).json()["nama"] == "Bidang Berganti Nama"


def test_a_kept_staff_answer_is_still_logged(api, aplikasi, struktur, django_assert_num_queries):
    url = f"/api/v1/pegawai/{struktur.analis.nip}/"
    pertama = api.get(url)
    with django_assert_num_queries(1):  # the access-log row, nothing else
        kedua = api.get(url)
    assert kedua.content == pertama.content and kedua["Content-Type"] == "application/json"
    log = list(AksesDataPribadi.objects.filter(user=aplikasi).values_list("subjek", flat=True))
    assert log == [struktur.analis.nip, struktur.analis.nip]


def test_a_kept_answer_matches_a_fresh_one(api, struktur, settings):
    for url in ["/api/v1/unit/", f"/api/v1/pegawai/?page_size=2&page=2", f"/api/v1/unit/{struktur.bidang.kode}/",
                f"/api/v1/pegawai/{struktur.analis.nip}/kedudukan/?tanggal=2026-01-05"]:
        tersimpan = api.get(url).json()
        settings.STRUKTUR_CACHE = False
        assert api.get(url).json() == tersimpan, url
        settings.STRUKTUR_CACHE = True


def test_the_browsable_api_is_not_served_from_the_json_copy(api, struktur):
    url = f"/api/v1/unit/{struktur.bidang.kode}/"
    api.get(url)
    r = api.get(url, HTTP_ACCEPT="text/html")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")


def test_the_staff_list_page_is_picked_by_id_and_counted_once(api, struktur, django_assert_num_queries):
    semua = api.get("/api/v1/pegawai/?page_size=500").json()["results"]
    halaman = api.get("/api/v1/pegawai/?page_size=3&page=2").json()
    assert [p["nip"] for p in halaman["results"]] == [p["nip"] for p in semua[3:6]]
    with django_assert_num_queries(3):  # the page's ids, its rows, the log (the count is kept)
        api.get("/api/v1/pegawai/?page_size=3&page=3")


@override_settings(CACHE_LOKAL_MB=1)
def test_this_process_keeps_a_bounded_copy():
    versi_mod.lokal_kosongkan()
    for i in range(3):
        versi_mod.lokal_simpan(f"k{i}", f"nilai{i}", 400 * 1024)
    assert versi_mod.lokal_ambil("k0") is None  # the least recently used made room
    assert versi_mod.lokal_ambil("k1") == "nilai1" and versi_mod.lokal_ambil("k2") == "nilai2"
    versi_mod.lokal_simpan("besar", "x", 2 * 1024 * 1024)  # larger than the whole copy: not kept
    assert versi_mod.lokal_ambil("besar") is None
    versi_mod.lokal_kosongkan()


def test_a_missing_version_starts_above_any_used_before():
    cache.set(versi_mod.STRUKTUR, 5, None)
    cache.delete(versi_mod.STRUKTUR)
    assert versi_mod.versi(versi_mod.STRUKTUR) > 10**18


def test_the_redis_cache_builds_one_client_per_pool():
    cadangan = RedisCache("redis://127.0.0.1:6379/15", {})  # no connection until a command is sent
    assert cadangan._cache.get_client() is cadangan._cache.get_client(write=True)


def test_the_staff_list_rows_are_the_serializer_s_answer(struktur):
    from organisasi.api import serializers as s
    from organisasi.models import Pegawai

    struktur.analis.jabatan = None  # a person without a position, and one without a unit, too
    struktur.analis.save()
    struktur.staf_seksi.unit = None
    struktur.staf_seksi.save()
    baris = {b["nip"]: b for b in Pegawai.objects.values(*s.KOLOM_PEGAWAI)}
    semua = list(Pegawai.objects.select_related("unit", "jabatan"))
    assert len(semua) > 10 and any(p.jabatan_id is None for p in semua) and any(p.unit_id is None for p in semua)
    for p in semua:
        assert s.pegawai_json(baris[p.nip]) == s.PegawaiSerializer(p).data, p.nip


def redis_uji(awalan: str, db: int = 15, **nilai) -> RedisCache:
    """The project's Redis cache on the machine's Redis (database 15), with `nilai` set; skips without one."""
    import redis

    cadangan = RedisCache(f"redis://127.0.0.1:6379/{db}", {"KEY_PREFIX": awalan})
    try:
        cadangan.set_many(nilai, 60)
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis tidak berjalan di 127.0.0.1:6379")
    return cadangan


def test_the_redis_cache_reads_counters_in_one_round_trip():
    cadangan = redis_uji("uji-bilangan", a=7)
    cadangan.add("b", 10**18 + 3, 60)
    cadangan.incr("a")
    assert cadangan.ambil_bilangan(["a", "b", "tidak-ada"]) == {"a": 8, "b": 10**18 + 3}
    cadangan.delete_many(["a", "b"])
    assert cadangan.ambil_bilangan(["a"]) == {}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_in_use_a_moment_ago_is_not_health_checked_again():
    from django.db import connection

    connection.ensure_connection()
    assert connection.health_check_enabled
    connection.close_at = None  # kept between requests, as in production (the tests' CONN_MAX_AGE is 0)
    with connection.cursor() as kursor:
        kursor.execute("SELECT 1")
    with mock.patch.object(connection, "is_usable", wraps=connection.is_usable) as periksa:
        connection.close_if_unusable_or_obsolete()  # as at the start of a request
        connection.cursor().close()
        assert periksa.call_count == 0  # used a moment ago
        connection._dipakai -= 2  # idle for two seconds
        connection.close_if_unusable_or_obsolete()
        assert connection.connection is not None
        connection.cursor().close()
        assert periksa.call_count == 1


# --- signed-in accounts (pages, admin) -----------------------------------------------------------

def _baca_akun(kueri) -> list[str]:
    return [q["sql"] for q in kueri.captured_queries if 'FROM "auth_user" WHERE "auth_user"."id"' in q["sql"]]


def test_a_signed_in_account_is_read_once_then_kept(admin_organisasi, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_organisasi)
    with CaptureQueriesContext(connection) as pertama:
        assert client.get("/api/v1/saya/").status_code == 200
    with CaptureQueriesContext(connection) as kedua:
        assert client.get("/api/v1/saya/").json()["username"] == admin_organisasi.username
    assert len(_baca_akun(pertama)) == 1 and _baca_akun(kedua) == []


def test_a_kept_account_deactivated_is_signed_out_at_once(admin_organisasi, client):
    client.force_login(admin_organisasi)
    assert client.get("/api/v1/saya/").status_code == 200
    admin_organisasi.is_active = False
    admin_organisasi.save()
    assert client.get("/api/v1/saya/").status_code == 401  # no longer signed in


def test_a_password_changed_elsewhere_ends_the_kept_session(admin_organisasi, client, django_user_model):
    from django.contrib.auth.hashers import make_password

    client.force_login(admin_organisasi)
    assert client.get("/api/v1/saya/").status_code == 200
    django_user_model.objects.filter(pk=admin_organisasi.pk).update(password=make_password("sandi-baru-123"))
    assert client.get("/api/v1/saya/").status_code == 200  # this process has not been told yet
    dari_proses_lain(versi_mod.AKUN)
    assert client.get("/api/v1/saya/").status_code == 401  # the session's password hash no longer matches


# --- numbers moved at the write and again at its commit ------------------------------------------

def test_a_revocation_moves_the_account_number_again_when_it_commits(aplikasi, django_capture_on_commit_callbacks):
    f.kunci_token(aplikasi)
    awal = versi_mod.versi(versi_mod.AKUN)
    with django_capture_on_commit_callbacks(execute=False) as panggilan:
        services.token_cabut(pelaku=None, token=TokenApi.objects.get(user=aplikasi), alasan="bocor")
    saat_tulis = versi_mod.versi(versi_mod.AKUN)
    assert saat_tulis > awal and panggilan
    for p in panggilan:
        p()
    assert versi_mod.versi(versi_mod.AKUN) > saat_tulis  # what a reader kept before the commit is stale


def test_a_grant_change_moves_the_grant_number_again_when_it_commits(aplikasi, django_capture_on_commit_callbacks):
    awal = versi_mod.versi(versi_mod.IZIN)
    with django_capture_on_commit_callbacks(execute=False) as panggilan:
        aplikasi.groups.clear()
    saat_tulis = versi_mod.versi(versi_mod.IZIN)
    assert saat_tulis > awal and panggilan
    for p in panggilan:
        p()
    assert versi_mod.versi(versi_mod.IZIN) > saat_tulis


def test_a_wrong_key_is_not_kept(api, aplikasi, struktur, django_assert_num_queries):
    kunci = f.kunci_token(aplikasi)
    palsu = kunci[:10] + ("0" if kunci[10] != "0" else "1") + kunci[11:]
    for _ in range(2):
        with django_assert_num_queries(1):  # looked up each time, never kept
            assert api_token(palsu).get(f"/api/v1/unit/{struktur.bidang.kode}/").status_code == 401


@override_settings(CACHE_LOKAL_DETIK=60)
def test_nothing_is_kept_longer_than_its_time_whatever_the_numbers():
    versi_mod.lokal_kosongkan()
    with mock.patch("time.monotonic", return_value=1000.0):
        versi_mod.lokal_simpan("k", "nilai", 10)
        assert versi_mod.lokal_ambil("k") == "nilai"
    with mock.patch("time.monotonic", return_value=1061.0):
        assert versi_mod.lokal_ambil("k") is None
    versi_mod.lokal_kosongkan()


def _mget_terhitung(cadangan) -> list:
    """The MGETs `cadangan` sends from now on."""
    terkirim = []
    koneksi = cadangan._koneksi_terlacak()
    asli = koneksi.send_command
    koneksi.send_command = lambda *a, **k: (terkirim.append(a[0]), asli(*a, **k))[1]
    return terkirim


def _kabar_tiba(cadangan) -> None:
    """Wait for Redis's invalidation to reach the reader's socket (it is written microseconds after the
    writer's reply: between processes, the next request; here, the next line)."""
    assert cadangan._koneksi_terlacak().can_read(timeout=2)


def test_a_thread_that_moves_a_number_reads_it_again_at_once():
    cadangan = redis_uji("uji-sendiri", a=1)
    assert cadangan.ambil_bilangan(["a"]) == {"a": 1}
    with mock.patch.object(versi_mod, "cache", cadangan):
        versi_mod.naikkan("a")
    assert cadangan._utas.nilai is None  # forgotten: not waiting on Redis's push for its own write
    assert cadangan.ambil_bilangan(["a"]) == {"a": 2}


def test_the_redis_counters_are_read_again_only_when_redis_says_they_moved():
    import redis

    pembaca = redis_uji("uji-lacak", db=14, a=1, b=2)  # one process (a database of its own: it is flushed)
    penulis = RedisCache("redis://127.0.0.1:6379/14", {"KEY_PREFIX": "uji-lacak"})  # another
    assert pembaca.ambil_bilangan(["a", "b"]) == {"a": 1, "b": 2}
    mget = _mget_terhitung(pembaca)
    for _ in range(5):
        assert pembaca.ambil_bilangan(["a", "b"]) == {"a": 1, "b": 2}
    assert mget == []  # nothing moved: no round trip
    penulis.incr("a")  # Redis pushes an invalidation to the reader's connection at once
    _kabar_tiba(pembaca)
    assert pembaca.ambil_bilangan(["a", "b"]) == {"a": 2, "b": 2} and mget == ["MGET"]
    penulis.delete("b")
    _kabar_tiba(pembaca)
    assert pembaca.ambil_bilangan(["a", "b"]) == {"a": 2}
    penulis.set("b", 9, 60)  # a key read while missing is followed too
    _kabar_tiba(pembaca)
    assert pembaca.ambil_bilangan(["a", "b"]) == {"a": 2, "b": 9}
    penulis.set("c", 1, 60)  # a key never read: no invalidation, no round trip
    assert pembaca.ambil_bilangan(["a", "b"]) == {"a": 2, "b": 9} and mget == ["MGET"] * 3
    with mock.patch("time.monotonic", return_value=time.monotonic() + 1.5):  # at least every second
        assert pembaca.ambil_bilangan(["a", "b"]) == {"a": 2, "b": 9} and mget == ["MGET"] * 4
    redis.Redis.from_url("redis://127.0.0.1:6379/14").flushdb()  # a flush invalidates everything
    _kabar_tiba(pembaca)
    assert pembaca.ambil_bilangan(["a", "b"]) == {}


def test_the_redis_counters_survive_a_connection_closed_by_the_server():
    import redis

    cadangan = redis_uji("uji-putus", a=5)
    assert cadangan.ambil_bilangan(["a"]) == {"a": 5}
    redis.Redis.from_url("redis://127.0.0.1:6379/15").client_kill_filter(_type="normal", skipme=True)
    assert cadangan.ambil_bilangan(["a"]) == {"a": 5}  # opened again, once
    cadangan.delete("a")
