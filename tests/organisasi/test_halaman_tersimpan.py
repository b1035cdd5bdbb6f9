"""Pages kept per account (organisasi.halaman): a second visit is one query, and a
kept page never outlives a change behind it, never reaches another account, and never swallows a message."""
import gzip
import re
import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import assign_perm, remove_perm

from organisasi import services
from organisasi.halaman import PENGGANTI_CSRF, Halaman
from organisasi.permissions import GRUP_ADMIN_ORGANISASI
from tests import factories as f

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def masuk(user, **kw) -> Client:
    c = Client(**kw)
    c.force_login(user)
    return c


def teks(resp) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", resp.content.decode()))


def tanpa_token(resp) -> str:
    return TOKEN.sub("", resp.content.decode())


def halaman(struktur) -> list[str]:
    return ["/", "/struktur/", "/unit/setda-bag-organisasi/", f"/pegawai/{struktur.analis.nip}/"]


def test_a_second_visit_is_the_kept_page_with_a_fresh_token(struktur, django_assert_num_queries):
    c = masuk(struktur.analis.akun)
    for url in halaman(struktur):
        pertama = c.get(url)
        with django_assert_num_queries(1):  # the session; the account, the numbers and the page are kept
            kedua = c.get(url)
        assert kedua.status_code == 200 and kedua["Content-Type"] == "text/html; charset=utf-8"
        assert tanpa_token(kedua) == tanpa_token(pertama)
        token = TOKEN.findall(kedua.content.decode())
        assert token and PENGGANTI_CSRF not in kedua.content.decode()
        assert token != TOKEN.findall(pertama.content.decode())  # masked afresh for each answer


@pytest.mark.parametrize("url", ["/", "/struktur/", "/unit/setda-bag-organisasi/"])
def test_a_browser_gets_the_kept_page_gzipped_with_its_own_token(struktur, url):
    c = masuk(struktur.analis.akun, enforce_csrf_checks=True)
    polos = c.get(url)  # rendered and kept
    for _ in range(2):  # from the keep, gzipped
        resp = c.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert resp["Content-Encoding"] == "gzip" and "Accept-Encoding" in resp["Vary"]
        assert int(resp["Content-Length"]) == len(resp.content) < len(polos.content)
        halaman = gzip.decompress(resp.content).decode()  # one valid member: CRC-32 and length checked
        assert TOKEN.sub("", halaman) == tanpa_token(polos) and PENGGANTI_CSRF not in halaman
    token = TOKEN.search(halaman).group(1)
    assert c.post("/keluar/", {"csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.parametrize("bagian", [
    [b"<p>tanpa formulir</p>"], [b"", b""], [b"awal", b""], [b"", b"akhir"], [b"a" * 5000, b"", b"b" * 70000, b"c"],
    [bytes(range(256)) * 300, b"<form>", b"</form>" * 1000],
])
def test_a_kept_page_joins_its_pieces_around_the_token_plain_or_gzipped(bagian):
    h = Halaman.dari("text/html", PENGGANTI_CSRF.encode().join(bagian))
    token = b"T" * 64
    assert h.isi(token) == token.join(bagian) == gzip.decompress(h.isi_gzip(token))  # CRC-32 and length checked


@pytest.mark.parametrize("terima, gzip_", [("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True),
                                            ("gzip;q=0", False), ("gzip; q=0.0, identity", False), ("", False)])
def test_gzip_only_for_those_who_accept_it(struktur, terima, gzip_):
    c = masuk(struktur.analis.akun)
    c.get("/")
    resp = c.get("/", headers={"Accept-Encoding": terima} if terima else {})
    assert resp.has_header("Content-Encoding") == gzip_
    assert "private" in resp["Cache-Control"]  # one account's page: no shared cache keeps it


def test_the_token_on_a_kept_page_is_accepted(struktur):
    c = masuk(struktur.analis.akun, enforce_csrf_checks=True)
    c.get("/")
    token = TOKEN.search(c.get("/").content.decode()).group(1)
    assert c.post("/keluar/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert c.get("/").status_code == 302  # signed out: the kept page is not served to nobody


def test_each_account_gets_its_own_page(struktur):
    masuk(struktur.analis.akun).get("/")
    lain = masuk(struktur.kepala_bag_org.akun).get("/")
    assert f"Selamat datang, {struktur.kepala_bag_org.nama}" in teks(lain)
    assert "Analis Organisasi" not in teks(lain)


@pytest.mark.parametrize("url", ["/", "/struktur/", "/unit/setda-bag-organisasi/", "/unit/setda-asisten-1/"])
def test_a_renamed_unit_shows_at_once(struktur, url):
    c = masuk(struktur.analis.akun)  # sits in Bagian Organisasi: on every one of these pages
    assert "Bagian Organisasi dan Tata Laksana" not in teks(c.get(url))
    services.unit_ubah(pelaku=None, unit=struktur.bag_org, nama="Bagian Organisasi dan Tata Laksana")
    assert "Bagian Organisasi dan Tata Laksana" in teks(c.get(url))


def test_a_changed_person_and_their_placement_show_at_once(struktur):
    c = masuk(struktur.analis.akun)
    url = f"/pegawai/{struktur.analis.nip}/"
    c.get(url)
    services.pegawai_ubah(pelaku=None, pegawai=struktur.analis, golongan="III/c")
    assert "III/c" in teks(c.get(url))


def test_a_withdrawn_grant_closes_the_kept_page(struktur, admin_organisasi):
    c = masuk(admin_organisasi)
    assert c.get("/unit/dinkes-yankes/").status_code == 200
    admin_organisasi.groups.remove(Group.objects.get(name=GRUP_ADMIN_ORGANISASI))
    assert c.get("/unit/dinkes-yankes/").status_code == 404


def test_a_unit_grant_given_and_taken_shows_at_once(struktur):
    c = masuk(struktur.analis.akun)  # sees Sekretariat Daerah, not Dinas Kesehatan
    assert c.get("/unit/dinkes/").status_code == 404
    c.get("/struktur/")
    assign_perm("organisasi.view_unit", struktur.analis.akun, struktur.dinas)
    assert c.get("/unit/dinkes/").status_code == 200
    assert "Dinas Kesehatan" in teks(c.get("/struktur/"))
    remove_perm("organisasi.view_unit", struktur.analis.akun, struktur.dinas)
    assert c.get("/unit/dinkes/").status_code == 404
    assert "Dinas Kesehatan" not in teks(c.get("/struktur/"))


def test_requests_leave_the_tree_and_unit_pages_kept(struktur, django_assert_num_queries):
    """Only the home and person pages show requests; a request's writes leave the others kept."""
    from penugasan.signals import berubah

    c = masuk(struktur.analis.akun)
    c.get("/struktur/")
    c.get("/")
    berubah()
    with django_assert_num_queries(1):  # the session
        c.get("/struktur/")
    with CaptureQueriesContext(connection) as q:
        c.get("/")
    assert len(q) > 1  # rendered again: its counts may have moved


def test_a_deactivated_account_is_not_served_its_kept_page(struktur):
    c = masuk(struktur.analis.akun)
    c.get("/")
    struktur.analis.akun.is_active = False
    struktur.analis.akun.save()
    assert c.get("/").status_code == 302


def test_a_waiting_message_is_shown_once_and_never_kept(struktur):
    c = masuk(struktur.analis.akun)
    c.get("/")
    c.cookies["messages"] = CookieStorage(None)._encode([Message(constants.SUCCESS, "Perubahan tersimpan.")])
    assert "Perubahan tersimpan." in teks(c.get("/"))
    assert "Perubahan tersimpan." not in teks(c.get("/"))


def test_a_visit_with_a_query_is_rendered_afresh(struktur):
    c = masuk(struktur.analis.akun)
    url = f"/pegawai/{struktur.analis.nip}/"
    c.get(url)
    resp = c.get(url, {"tanggal": "2019-01-01"})
    assert "1 Januari 2019" in teks(resp)


def test_nothing_is_kept_when_switched_off(struktur, settings):
    settings.HALAMAN_CACHE = False
    c = masuk(struktur.analis.akun)
    c.get("/")
    with CaptureQueriesContext(connection) as q:
        c.get("/")
    assert len(q) > 1  # the page's own queries again
