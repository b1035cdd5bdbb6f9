"""First impressions (issue 14): error pages in Indonesian inside the layout (on the development server too),
no link a role cannot open, an icon, no inline style, the API's token messages in Indonesian."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from organisasi.permissions import GRUP_KLIEN_API, pastikan_grup_peran
from sistemkerja import galat, riwayat
from tests import factories as f

pytestmark = pytest.mark.django_db


def klien(user=None) -> Client:
    c = Client(raise_request_exception=False)
    if user is not None:
        c.force_login(user)
    return c


def menu(isi: str) -> list[str]:
    nav = re.search(r'<nav id="navigasi".*?</nav>', isi, re.S).group(0)
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<a [^>]*>([^<]*)</a>", nav)]


# --- error pages ------------------------------------------------------------------------------------


@pytest.fixture(params=[False, True], ids=["produksi", "debug"])
def debug(request, settings):
    """Both the production answer and the development server's (`make run`: DEBUG on)."""
    settings.DEBUG = request.param
    return request.param


@pytest.mark.parametrize(
    ("path", "judul"),
    [
        ("/penugasan/999/", "Tidak ditemukan"),  # a view's Http404 (restrict/get_object_or_404)
        ("/tidak-ada-halaman-ini/", "Tidak ditemukan"),  # no URL pattern at all
        ("/audit/", "Tidak berwenang"),  # PermissionDenied: ordinary staff
    ],
)
def test_error_pages_are_indonesian_and_inside_the_layout(debug, struktur, path, judul):
    r = klien(struktur.staf_bidang.akun).get(path)
    isi = r.content.decode()
    assert r.status_code == (403 if judul == "Tidak berwenang" else 404)
    assert '<html lang="id">' in isi and f"<h1>{judul}</h1>" in isi and galat.PESAN_KLIEN[r.status_code][1] in isi
    assert "Struktur Organisasi" in menu(isi) and "Kembali ke beranda" in isi  # the signed-in layout
    for bocor in ("Page not found", "Using the URLconf", "403 Forbidden", "urlpatterns", "Traceback"):
        assert bocor not in isi
    if not debug:  # django-csp leaves the development server's error answers outside the policy
        assert "style-src 'self'" in r["Content-Security-Policy"]


def test_an_unknown_api_address_is_a_json_404_on_the_development_server_too(debug, struktur):
    r = klien(struktur.staf_bidang.akun).get("/api/v1/tidak-ada/")
    assert r.status_code == 404 and r.json() == {"detail": galat.PESAN_KLIEN[404][1]}


def test_a_missing_slash_still_redirects_with_debug_on(debug, struktur):
    r = klien(struktur.staf_bidang.akun).get("/penugasan")
    assert r.status_code == 301 and r["Location"] == "/penugasan/"


def test_the_middleware_is_not_loaded_in_production(settings):
    from django.core.exceptions import MiddlewareNotUsed

    settings.DEBUG = False
    with pytest.raises(MiddlewareNotUsed):
        galat.HalamanGalatDebugMiddleware(lambda request: None)


# --- what the menu offers ---------------------------------------------------------------------------


def test_the_api_documentation_is_offered_to_admins_and_api_accounts_only(struktur, admin_organisasi):
    pastikan_grup_peran()
    klien_api = f.UserFactory(username="aplikasi-lain")
    klien_api.groups.add(Group.objects.get(name=GRUP_KLIEN_API))
    for user, ditawari in [
        (struktur.staf_bidang.akun, False),
        (struktur.kepala_dinas.akun, False),
        (admin_organisasi, True),
        (klien_api, True),
    ]:
        c = klien(user)
        isi = c.get("/").content.decode()
        assert ("Dokumentasi API" in menu(isi)) is ditawari, user
        assert ("/api/v1/docs/" in isi) is ditawari  # nor among the home page's quick links
        assert c.get("/api/v1/docs/").status_code == 200  # the page itself stays open


def _tautan_admin(isi: str) -> set[str]:
    return {h for h in re.findall(r'href="(/admin/[^"#]*)"', isi) if "logout" not in h}


def test_the_admin_shows_the_admin_organisasi_only_links_it_can_open(struktur, admin_organisasi):
    """A walk through the admin from its index and a person's page: every link shown opens (no 403)."""
    c = klien(admin_organisasi)
    antre = ["/admin/", f"/admin/organisasi/pegawai/{struktur.staf_bidang.pk}/change/"]
    dilihat, pola, gagal = set(), set(), []
    while antre and len(dilihat) < 120:
        url = antre.pop(0)
        if url in dilihat:
            continue
        dilihat.add(url)
        r = c.get(url)
        if r.status_code >= 400:
            gagal.append((url, r.status_code))
            continue
        if r.status_code == 200 and "html" in r["Content-Type"]:
            for h in sorted(_tautan_admin(r.content.decode())):
                kunci = re.sub(r"/\d+/", "/N/", h.split("?")[0])
                if kunci not in pola:
                    pola.add(kunci)
                    antre.append(h)
    assert len(dilihat) > 20 and not gagal, gagal


def test_a_persons_account_is_a_link_only_for_who_may_open_accounts(struktur, admin_organisasi):
    orang = struktur.staf_bidang
    url = f"/admin/organisasi/pegawai/{orang.pk}/change/"
    isi = klien(admin_organisasi).get(url).content.decode()
    assert "/admin/auth/user/" not in isi and riwayat.nama_pelaku(orang.akun) in isi  # "Nama (NIP)", no link
    superuser = f.UserFactory(username="dpo", is_staff=True, is_superuser=True)
    assert f"/admin/auth/user/{orang.akun_id}/change/" in klien(superuser).get(url).content.decode()


# --- the icon, the header, inline styles ------------------------------------------------------------


def test_the_site_has_an_icon(struktur, admin_organisasi):
    r = klien().get("/favicon.ico")
    assert r.status_code == 302
    ikon = klien().get(r["Location"])
    assert ikon.status_code == 200 and b"".join(ikon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO
    for c, url in ((klien(), "/masuk/"), (klien(admin_organisasi), "/admin/")):
        isi = c.get(url).content.decode()
        assert 'rel="icon" href="/static/favicon.ico"' in isi and 'href="/static/favicon.svg"' in isi


def test_the_header_keeps_a_long_name_whole_in_its_title(struktur):
    orang = struktur.staf_bidang
    orang.nama = "Dr. Hj. Sri Wahyuningsih Kusumawardhani, S.Sos., M.Si."
    orang.save(update_fields=["nama"])
    isi = klien(orang.akun).get("/").content.decode()
    assert f'<span class="pengguna-nama" title="{orang.nama}">{orang.nama}</span>' in isi


@pytest.mark.parametrize(
    "path",
    ["/", "/struktur/", "/unit/dinkes/", "/penugasan/", "/penugasan/baru/", "/tim/", "/tim/baru/", "/audit/"],
)
def test_pages_carry_no_inline_style(struktur, admin_organisasi, path):
    """The CSP allows no inline style (style-src 'self'): a `style` attribute or element would be refused."""
    for user in (admin_organisasi, struktur.kepala_bidang.akun):
        r = klien(user).get(path)
        isi = r.content.decode()
        assert r.status_code in (200, 403), (path, r.status_code)
        assert not re.search(r"<[^>]+\sstyle=|<style", isi), path


def test_the_sub_units_stack_on_a_phone_and_the_uo_badge_is_explained(struktur, admin_organisasi):
    c = klien(admin_organisasi)
    isi = c.get("/unit/dinkes/").content.decode()
    tabel = re.search(r"<h2>Sub-unit.*?</table>", isi, re.S).group(0)
    assert '<table class="tumpuk">' in tabel and 'data-label="Unit"' in tabel
    isi = c.get("/struktur/").content.decode()
    assert '<abbr class="lencana lencana-uo" title="Unit Organisasi mandiri">UO</abbr>' in isi
    legenda = re.search(r'<p class="legenda[^"]*"[^>]*>(.*?)</p>', isi, re.S).group(1)
    assert "Unit Organisasi mandiri" in legenda
    assert '<span class="lencana lencana-uo"' not in isi


# --- the API's authentication messages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "pesan"),
    [
        ("Token", "Header token tidak sah: token tidak ada."),
        ("Token a b", "Header token tidak sah: token tidak boleh memuat spasi."),
        ("Token " + "0" * 48, "Token tidak sah, kedaluwarsa atau sudah dicabut."),
        ("Token bukan-kunci", "Token tidak sah, kedaluwarsa atau sudah dicabut."),
        ("Basic", "Data autentikasi tidak diberikan."),
    ],
)
def test_token_authentication_answers_in_indonesian(struktur, header, pesan):
    r = klien().get("/api/v1/unit/", HTTP_AUTHORIZATION=header, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert r.status_code == 401 and r.json()["detail"].startswith(pesan)


def test_a_token_header_with_bytes_that_are_not_text_is_refused_in_indonesian(struktur):
    r = klien().get("/api/v1/unit/", HTTP_AUTHORIZATION="Token \udcff\udcfe".encode("utf-8", "surrogateescape"))
    assert r.status_code == 401 and "tidak sah" in r.json()["detail"]


def test_drf_messages_with_a_poor_indonesian_translation_are_ours():
    from django.utils import translation

    with translation.override("id"):
        assert translation.gettext("User inactive or deleted.") == "Akun tidak aktif atau sudah dihapus."
        assert translation.gettext("Invalid token header. No credentials provided.").startswith("Header token")


def test_a_browser_opening_an_api_url_gets_json_not_drfs_english_page(client, struktur, admin_organisasi):
    """DRF's browsable pages are English and carry inline styles the CSP refuses; the docs are /api/v1/docs/."""
    client.force_login(admin_organisasi)
    r = client.get("/api/v1/unit/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
    assert r.json()["count"] >= 1


def test_the_api_documentation_leads_back_to_the_site(client, struktur, admin_organisasi):
    client.force_login(admin_organisasi)
    r = client.get("/api/v1/docs/")
    isi = r.content.decode()
    assert r.status_code == 200 and '<a href="/">← Kembali ke Sistem Kerja</a>' in isi
    assert "/static/css/api-docs.css" in isi and 'href="/api/v1/schema/"' in isi
