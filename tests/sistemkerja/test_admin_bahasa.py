"""First impressions of the admin (issue 14): read-only links only where the user may go, permissions,
the two-box selector and django-axes in Indonesian."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from organisasi.models import Pegawai
from penugasan.models import TimKerja
from sistemkerja import riwayat
from sistemkerja.admin import TautanTerbatasMixin
from sistemkerja.urls import urlpatterns as urlpatterns_situs
from tests import factories as f


def klien(user) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


def teks_tampak(html: str) -> str:
    """The page's text as people read it: no scripts, styles or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def tautan_admin(html: str) -> set[str]:
    return {h for h in re.findall(r'href="(/admin/[^"#]*)"', html) if "/logout/" not in h}


@pytest.fixture
def superuser(db):
    return f.UserFactory(username="dpo", is_staff=True, is_superuser=True)


@pytest.fixture
def tim(struktur):
    pembentuk = struktur.kepala_bidang.akun
    return TimKerja.objects.create(
        nama="Tim Stunting",
        tujuan="Turunkan stunting",
        unit_pemilik=struktur.bidang,
        sifat="rutin",
        mulai=dt.date(2027, 1, 1),
        selesai=dt.date(2027, 12, 31),
        ketua=struktur.staf_bidang,
        dibuat_oleh=pembentuk,
    )


# --- 1. read-only foreign keys link only where the user may go ----------------------------------------------


def test_the_team_form_names_its_maker_without_a_link_for_who_may_not_open_accounts(tim, admin_organisasi):
    c = klien(admin_organisasi)
    assert not admin_organisasi.has_perm("auth.view_user")
    r = c.get(f"/admin/penugasan/timkerja/{tim.pk}/change/")
    isi = r.content.decode()
    assert r.status_code == 200 and "/admin/auth/user/" not in isi
    baris = re.search(r'class="form-row field-dibuat_oleh">(.*?)</div>\s*</div>', isi, re.S).group(1)
    assert riwayat.nama_pelaku(tim.dibuat_oleh) in baris and "Dibentuk oleh" in baris
    # the ketua (a person they may open) stays a link; every link of the page answers
    assert f"/admin/organisasi/pegawai/{tim.ketua_id}/change/" in isi
    gagal = {h: s for h in tautan_admin(isi) if (s := c.get(h).status_code) >= 400}
    assert not gagal
    TimKerja.objects.filter(pk=tim.pk).update(dibuat_oleh=None)  # formed by the system: empty, as other fields
    isi = c.get(f"/admin/penugasan/timkerja/{tim.pk}/change/").content.decode()
    assert re.search(r'field-dibuat_oleh">.*?<div class="readonly">(.*?)</div>', isi, re.S).group(1) == "-"


def test_who_may_open_accounts_still_gets_the_link(tim, superuser):
    isi = klien(superuser).get(f"/admin/penugasan/timkerja/{tim.pk}/change/").content.decode()
    assert f'href="/admin/auth/user/{tim.dibuat_oleh_id}/change/"' in isi


def test_a_persons_account_is_named_without_a_link(struktur, admin_organisasi, superuser):
    orang = struktur.staf_bidang
    url = f"/admin/organisasi/pegawai/{orang.pk}/change/"
    isi = klien(admin_organisasi).get(url).content.decode()
    assert "/admin/auth/user/" not in isi and riwayat.nama_pelaku(orang.akun) in isi
    assert f"/admin/auth/user/{orang.akun_id}/change/" in klien(superuser).get(url).content.decode()


# The mechanism in inlines, on a site of its own: a content type's admin log as read-only rows (the user
# column declared read-only, or the whole inline view-only).
situs = admin.AdminSite(name="uji")
situs.register(User, admin.ModelAdmin)


class CatatanDinyatakan(admin.TabularInline):
    model = LogEntry
    fields = readonly_fields = ["user", "object_repr"]
    extra = 0


class CatatanLihatSaja(admin.TabularInline):
    model = LogEntry
    fields = ["user", "object_repr"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ContentType, site=situs)
class JenisUji(TautanTerbatasMixin, admin.ModelAdmin):
    fields = ["app_label", "model"]
    inlines = [CatatanDinyatakan, CatatanLihatSaja]


urlpatterns = [path("uji/", situs.urls), *urlpatterns_situs]


@pytest.mark.urls(__name__)
def test_inline_rows_name_accounts_without_a_link_for_who_may_not_open_them(db, superuser):
    jenis = ContentType.objects.get_for_model(Group)
    pelaku = f.UserFactory(username="pelaku", first_name="Ani", last_name="Pelaku")
    LogEntry.objects.create(user=pelaku, content_type=jenis, object_id="1", object_repr="Grup uji", action_flag=1)
    penjaga = f.UserFactory(username="penjaga", is_staff=True)
    izin = ["view_contenttype", "change_contenttype", "view_logentry", "change_logentry"]
    penjaga.user_permissions.add(*Permission.objects.filter(codename__in=izin))
    url = f"/uji/contenttypes/contenttype/{jenis.pk}/change/"
    isi = klien(penjaga).get(url).content.decode()
    sel = re.findall(r'<td class="field-user">\s*<p>(.*?)</p>', isi, re.S)
    assert sel == ["Ani Pelaku (pelaku)"] * 2  # a row in each inline, the account in words
    assert "/auth/user/" not in isi
    isi = klien(superuser).get(url).content.decode()
    assert isi.count(f'href="/uji/auth/user/{pelaku.pk}/change/"') == 2


# --- 2. permissions and the two-box selector in Indonesian ---------------------------------------------------


def _halaman_dan_kueri(c, url):
    with CaptureQueriesContext(connection) as kueri:
        r = c.get(url)
    assert r.status_code == 200
    return teks_tampak(r.content.decode()), len(kueri)


@pytest.mark.parametrize("halaman", ["grup-baru", "grup", "akun"])
def test_permissions_read_in_indonesian_with_a_constant_number_of_queries(struktur, superuser, halaman):
    grup = Group.objects.create(name="Uji")
    url = {
        "grup-baru": "/admin/auth/group/add/",
        "grup": f"/admin/auth/group/{grup.pk}/change/",
        "akun": f"/admin/auth/user/{struktur.staf_bidang.akun_id}/change/",
    }[halaman]
    c = klien(superuser)
    c.get(url)  # the content types' cache and the session warmed
    teks, sebelum = _halaman_dan_kueri(c, url)
    assert "Organisasi | pegawai | Dapat menambah pegawai" in teks
    assert "Dapat mengubah pegawai" in teks and "Dapat menghapus pegawai" in teks and "Dapat melihat pegawai" in teks
    assert not re.search(r"\bCan (add|change|delete|view)\b", teks)
    # a library's model without an Indonesian name of its own (django-guardian's)
    assert "Guardian | izin per objek untuk akun | Dapat menambah izin per objek untuk akun" in teks
    assert "object permission" not in teks
    jenis = ContentType.objects.get_for_model(Pegawai)
    for i in range(5):
        Permission.objects.create(codename=f"izin_uji_{i}", name=f"Izin uji {i}", content_type=jenis)
    teks, sesudah = _halaman_dan_kueri(c, url)
    assert "Organisasi | pegawai | Izin uji 4" in teks  # a custom permission keeps its name
    assert sesudah == sebelum


def test_the_admins_script_catalogue_names_the_selectors_arrows_in_indonesian(superuser):
    r = klien(superuser).get("/admin/jsi18n/")
    isi = r.content.decode()
    assert r.status_code == 200
    assert 'Pilih %s dengan menandainya, lalu tekan tombol panah \\"Pilih\\"' in isi
    assert 'tombol panah \\"Keluarkan\\"' in isi
    assert 'panah \\"Choose\\"' not in isi and 'panah \\"Remove\\"' not in isi


# --- 3. django-axes ------------------------------------------------------------------------------------------

INGGRIS_AXES = [
    "User Agent",
    "Path",
    "Meta Data",
    "Form Data",
    "HTTP Accept",
    "GET Data",
    "POST Data",
    "Attempt",
    "Access",
    "Locked",
    "Not set",
    "Clean up",
    "Failed",
    "Logout",
    "Remaining",
    "Expires",
    " for ",
]


@pytest.fixture
def catatan_axes(db):
    umum = {"user_agent": "Mozilla/5.0 (X11; Linux x86_64)", "http_accept": "text/html", "path_info": "/masuk/"}
    return {
        "percobaan": AccessAttempt.objects.create(
            username="budi",
            ip_address="10.0.0.7",
            failures_since_start=5,
            get_data="",
            post_data="username=budi",
            **umum,
        ),
        "catatan": AccessLog.objects.create(username="admin", ip_address="10.0.0.8", **umum),
        "kegagalan": AccessFailureLog.objects.create(username="budi", ip_address="10.0.0.7", locked_out=True, **umum),
    }


def test_axes_pages_read_in_indonesian(catatan_axes, superuser):
    c = klien(superuser)
    halaman = []
    for obj in catatan_axes.values():
        dasar = f"/admin/axes/{obj._meta.model_name}/"
        daftar = c.get(dasar).content.decode()
        assert f"{dasar}{obj.pk}/change/" not in daftar  # a list that shows everything, nothing to open
        halaman += [dasar, f"{dasar}{obj.pk}/change/", f"{dasar}{obj.pk}/history/"]
    halaman.append("/admin/axes/")
    for url in halaman:
        r = c.get(url)
        assert r.status_code == 200, url
        teks = teks_tampak(r.content.decode())
        assert not [k for k in INGGRIS_AXES if k in teks], (url, [k for k in INGGRIS_AXES if k in teks])
    teks = teks_tampak(c.get(f"/admin/axes/accessattempt/{catatan_axes['percobaan'].pk}/change/").content.decode())
    assert "Percobaan masuk budi dari 10.0.0.7" in teks and "Peramban" in teks
    daftar = teks_tampak(c.get("/admin/axes/accessattempt/").content.decode())
    assert "Terkunci" in daftar and "Buka kunci" in daftar


def test_unlocking_deletes_the_attempt_and_says_so_in_indonesian(catatan_axes, superuser):
    percobaan = catatan_axes["percobaan"]
    c = klien(superuser)
    r = c.post(
        "/admin/axes/accessattempt/",
        {"action": "buka_kunci", "_selected_action": [percobaan.pk], "index": 0},
        follow=True,
    )
    assert r.status_code == 200 and "Kunci dibuka untuk budi (10.0.0.7)." in teks_tampak(r.content.decode())
    assert not AccessAttempt.objects.exists()
    catatan = LogEntry.objects.get(action_flag=DELETION)
    assert catatan.object_repr.startswith("Percobaan masuk budi dari 10.0.0.7") and catatan.user == superuser
    # the index's recent actions say it in Indonesian too
    assert "Percobaan masuk budi" in c.get("/admin/").content.decode()


def test_axes_logs_are_not_deleted_and_only_who_may_delete_attempts_unlocks(catatan_axes, superuser, admin_organisasi):
    c = klien(superuser)
    for obj in (catatan_axes["catatan"], catatan_axes["kegagalan"], catatan_axes["percobaan"]):
        assert c.get(f"/admin/axes/{obj._meta.model_name}/{obj.pk}/delete/").status_code == 403
    penjaga = f.UserFactory(username="penjaga", is_staff=True)
    penjaga.user_permissions.add(Permission.objects.get(codename="view_accessattempt"))
    r = klien(penjaga).post(
        "/admin/axes/accessattempt/",
        {"action": "buka_kunci", "_selected_action": [catatan_axes["percobaan"].pk], "index": 0},
    )
    assert r.status_code < 500 and AccessAttempt.objects.count() == 1
