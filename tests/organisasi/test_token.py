"""API tokens stored as digests, revocable, expiring, limited to their scopes; the personal-data access log."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from organisasi import services
from organisasi.choices import CakupanToken
from organisasi.models import AksesDataPribadi, TokenApi
from organisasi.services.akses import sidik_kunci
from sistemkerja import registry
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from tests import factories as f

TIDAK_SAH = {"detail": "Token tidak sah, kedaluwarsa atau sudah dicabut."}


def api_token(kunci: str, **extra) -> APIClient:
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {kunci}", **extra)
    return c


@pytest.fixture
def aplikasi(struktur):
    return f.akun_klien_api("simpeg-bkpsdm")


@pytest.fixture
def superuser(django_user_model, db):
    return django_user_model.objects.create_superuser("super", "", "rahasia-uji-123")


# --- storage -------------------------------------------------------------------------------------


def test_only_a_digest_of_the_key_is_stored(aplikasi):
    token, kunci = services.token_buat(pelaku=None, user=aplikasi, nama="SIMPEG", cakupan=[CakupanToken.STRUKTUR_BACA])
    token.refresh_from_db()
    assert len(kunci) == 48 and token.awalan == kunci[:10]
    assert token.sidik == sidik_kunci(kunci) and kunci not in token.sidik
    stored = [str(v) for v in TokenApi.objects.values_list(flat=False).get(pk=token.pk)]
    assert kunci not in stored  # the key is nowhere in the row
    assert token.history.get().history_change_reason == "token_buat"


def test_a_key_with_the_right_prefix_but_wrong_rest_is_refused(aplikasi, struktur):
    kunci = f.kunci_token(aplikasi)
    palsu = kunci[:10] + ("0" if kunci[10] != "0" else "1") + kunci[11:]
    assert api_token(kunci).get("/api/v1/unit/").status_code == 200
    r = api_token(palsu).get("/api/v1/unit/")
    assert (r.status_code, r.json()) == (401, TIDAK_SAH)


@pytest.mark.parametrize("kunci", ["pendek", "G" * 48, "0" * 47, "0" * 49, " " * 48])
def test_a_malformed_key_is_401_without_a_lookup(aplikasi, kunci, django_assert_num_queries):
    with django_assert_num_queries(0):
        r = api_token(kunci).get("/api/v1/unit/")
    assert r.status_code == 401


@pytest.mark.parametrize(
    "kolom, nilai, pesan",
    [
        ("nama", " ", "Nama token wajib diisi."),
        ("cakupan", [], "Pilih sedikitnya satu cakupan."),
        ("cakupan", ["penugasan:hapus"], "Cakupan tidak dikenal: penugasan:hapus."),
        ("kedaluwarsa", timezone.now() - dt.timedelta(seconds=1), "Waktu kedaluwarsa harus di masa depan."),
    ],
)
def test_token_buat_names_the_bad_field(aplikasi, kolom, nilai, pesan):
    data = {"nama": "SIMPEG", "cakupan": [CakupanToken.STRUKTUR_BACA], "kedaluwarsa": None, kolom: nilai}
    with pytest.raises(ValidationError) as e:
        services.token_buat(pelaku=None, user=aplikasi, **data)
    assert e.value.message_dict == {kolom: [pesan]}
    assert not TokenApi.objects.exists()


def test_only_a_superuser_makes_tokens_for_another_account(aplikasi, struktur, superuser):
    lain = struktur.analis.akun
    with pytest.raises(BukanWewenang):
        services.token_buat(pelaku=lain, user=aplikasi, nama="x", cakupan=CakupanToken.values)
    token, _ = services.token_buat(pelaku=superuser, user=aplikasi, nama="x", cakupan=CakupanToken.values)
    assert token.dibuat_oleh == superuser


# --- expiry and revocation -----------------------------------------------------------------------


def test_an_expired_token_is_refused(aplikasi, struktur):
    kunci = f.kunci_token(aplikasi, kedaluwarsa=timezone.now() + dt.timedelta(hours=1))
    assert api_token(kunci).get("/api/v1/unit/").status_code == 200
    token = TokenApi.objects.get()
    token.kedaluwarsa = timezone.now() - dt.timedelta(seconds=1)  # as the admin shortens it
    token.save()
    assert api_token(kunci).get("/api/v1/unit/").json() == TIDAK_SAH


def test_a_token_from_the_password_expires_after_the_configured_days(struktur, settings):
    settings.TOKEN_MASA_BERLAKU_HARI = 7
    akun = struktur.analis.akun
    akun.set_password("rahasia-uji-123")
    akun.save()
    r = APIClient().post(
        "/api/v1/token/",
        {
            "username": struktur.analis.nip,
            "password": "rahasia-uji-123",
            "nama": "Skrip laporan",
            "cakupan": ["struktur:baca"],
        },
        format="json",
    )
    assert r.status_code == 200
    token = TokenApi.objects.get(awalan=r.json()["awalan"])
    assert token.nama == "Skrip laporan" and token.cakupan == ["struktur:baca"]
    assert abs(token.kedaluwarsa - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)


def test_asking_for_an_unknown_scope_is_a_field_error(struktur):
    akun = struktur.analis.akun
    akun.set_password("rahasia-uji-123")
    akun.save()
    r = APIClient().post(
        "/api/v1/token/",
        {"username": akun.username, "password": "rahasia-uji-123", "cakupan": ["semua"]},
        format="json",
    )
    assert r.status_code == 400 and list(r.json()) == ["cakupan[0]"]
    assert not TokenApi.objects.exists()


def test_the_owner_revokes_the_token_in_use_over_the_api(aplikasi, struktur):
    kunci = f.kunci_token(aplikasi)
    api = api_token(kunci)
    assert api.delete("/api/v1/token/").status_code == 204
    assert api.get("/api/v1/unit/").json() == TIDAK_SAH
    token = TokenApi.objects.get()
    assert token.dicabut is not None and token.dicabut_oleh == aplikasi
    assert token.history.first().history_change_reason.startswith("token_cabut: ")
    assert api.delete("/api/v1/token/").status_code == 401  # already revoked: no longer a credential


def test_revoking_needs_a_token(client, struktur):
    assert APIClient().delete("/api/v1/token/").status_code == 401


def test_a_stale_token_in_the_header_does_not_block_signing_in(struktur):
    akun = struktur.analis.akun
    akun.set_password("rahasia-uji-123")
    akun.save()
    r = api_token("0" * 48).post("/api/v1/token/", {"username": akun.username, "password": "rahasia-uji-123"})
    assert r.status_code == 200


def test_token_cabut_checks_actor_reason_and_state(aplikasi, struktur, superuser):
    token, _ = services.token_buat(pelaku=None, user=aplikasi, nama="x", cakupan=CakupanToken.values)
    with pytest.raises(BukanWewenang):
        services.token_cabut(pelaku=struktur.analis.akun, token=token, alasan="iseng")
    with pytest.raises(ValidationError) as e:
        services.token_cabut(pelaku=superuser, token=token, alasan="  ")
    assert e.value.message_dict == {"alasan_cabut": ["Alasan pencabutan wajib diisi."]}
    services.token_cabut(pelaku=superuser, token=token, alasan="Aplikasi dihentikan")
    with pytest.raises(TransisiTidakSah):
        services.token_cabut(pelaku=superuser, token=token, alasan="lagi")


def test_last_use_is_noted_at_most_every_ten_minutes(aplikasi, struktur, django_assert_num_queries):
    kunci = f.kunci_token(aplikasi)
    api = api_token(kunci)
    api.get("/api/v1/saya/")
    pertama = TokenApi.objects.get().terakhir_dipakai
    assert pertama is not None
    api.get("/api/v1/saya/")
    assert TokenApi.objects.get().terakhir_dipakai == pertama
    nanti = pertama + dt.timedelta(minutes=11)
    with mock.patch("organisasi.api.auth.timezone.now", return_value=nanti):
        api.get("/api/v1/saya/")
    assert TokenApi.objects.get().terakhir_dipakai == nanti


# --- scopes --------------------------------------------------------------------------------------


def test_a_structure_only_token_reads_units_but_not_staff(aplikasi, struktur):
    api = api_token(f.kunci_token(aplikasi, cakupan=[CakupanToken.STRUKTUR_BACA]))
    for url in ["/api/v1/unit/", "/api/v1/unit/setda/", "/api/v1/unit/kab-uji/pohon/", "/api/v1/saya/"]:
        assert api.get(url).status_code == 200, url
    nip = struktur.analis.nip
    for url in ["/api/v1/pegawai/", f"/api/v1/pegawai/{nip}/", f"/api/v1/pegawai/{nip}/kedudukan/"]:
        r = api.get(url)
        assert r.status_code == 403, url
        assert r.json() == {"detail": "Token ini tidak diberi cakupan untuk sumber daya ini."}
    assert not AksesDataPribadi.objects.exists()


def test_a_staff_only_token_reads_staff_but_not_units(aplikasi, struktur):
    api = api_token(f.kunci_token(aplikasi, cakupan=[CakupanToken.PEGAWAI_BACA]))
    assert api.get(f"/api/v1/pegawai/{struktur.analis.nip}/kedudukan/").status_code == 200
    assert api.get("/api/v1/unit/").status_code == 403


def test_a_scope_does_not_widen_the_accounts_own_grants(struktur):
    """A staff member's token with every scope still sees only their own Perangkat Daerah."""
    api = api_token(f.kunci_token(struktur.analis.akun))
    assert api.get("/api/v1/unit/setda/").status_code == 200
    assert api.get("/api/v1/unit/dinkes/").status_code == 404
    assert api.get(f"/api/v1/pegawai/{struktur.staf_bidang.nip}/").status_code == 404


def test_a_browser_session_needs_no_scope(struktur, admin_organisasi):
    c = APIClient()
    c.force_login(admin_organisasi)
    assert c.get("/api/v1/pegawai/").status_code == 200


def test_every_api_view_names_the_scope_a_token_needs():
    """A new endpoint is never reachable by tokens by omission: each view names its scope (or none)."""
    from django.urls import get_resolver

    from organisasi.api.auth import SEMUA_TOKEN

    def pola(resolver, awal=""):
        for p in resolver.url_patterns:
            if hasattr(p, "url_patterns"):
                yield from pola(p, awal + str(p.pattern))
            else:
                yield awal + str(p.pattern), p.callback

    diperiksa = 0
    for path, callback in pola(get_resolver()):
        kelas = getattr(callback, "cls", None)
        if (
            not path.startswith("api/v1/")
            or kelas is None
            or path.startswith(("api/v1/schema", "api/v1/docs", "api/v1/redoc", "api/v1/token"))
        ):
            continue
        cakupan = getattr(kelas, "cakupan_token", None)
        for c in cakupan.values() if isinstance(cakupan, dict) else [cakupan]:
            assert c in {*(k for k, _ in registry.daftar_cakupan()), SEMUA_TOKEN}, path
        diperiksa += 1
    assert diperiksa >= 5


# --- the personal-data access log ----------------------------------------------------------------


def test_reading_a_person_through_the_api_is_logged_with_who_how_and_whose(aplikasi, struktur):
    token, kunci = services.token_buat(pelaku=None, user=aplikasi, nama="SIMPEG", cakupan=CakupanToken.values)
    nip = struktur.analis.nip
    api = api_token(kunci, REMOTE_ADDR="10.20.30.40")
    assert api.get(f"/api/v1/pegawai/{nip}/kedudukan/", {"tanggal": "2024-05-03"}).status_code == 200
    log = AksesDataPribadi.objects.get()
    assert (log.user, log.username, log.token, log.alamat_ip) == (aplikasi, "simpeg-bkpsdm", token, "10.20.30.40")
    assert (log.metode, log.path) == ("GET", f"/api/v1/pegawai/{nip}/kedudukan/?tanggal=2024-05-03")
    assert (log.subjek, log.jumlah_subjek) == (nip, 1)
    assert abs(log.waktu - timezone.now()) < dt.timedelta(minutes=1)


def test_a_list_page_is_one_log_row_naming_every_person_on_it(aplikasi, struktur):
    api = api_token(f.kunci_token(aplikasi))
    body = api.get("/api/v1/pegawai/", {"page_size": 5}).json()
    log = AksesDataPribadi.objects.get()
    assert log.subjek.split() == [p["nip"] for p in body["results"]] and log.jumlah_subjek == 5
    assert AksesDataPribadi.objects.filter(subjek__contains=body["results"][2]["nip"]).count() == 1


def test_a_session_read_is_logged_too_and_refusals_are_not(struktur, admin_organisasi):
    c = APIClient()
    c.force_login(admin_organisasi)
    c.get(f"/api/v1/pegawai/{struktur.analis.nip}/")
    assert AksesDataPribadi.objects.get().token is None
    c.get("/api/v1/pegawai/000000000000000000/")  # 404: nothing was read
    c.get("/api/v1/pegawai/", {"q": "tidak-ada-yang-bernama-begini"})  # an empty page names nobody
    c.get("/api/v1/unit/setda/")  # the structure is not personal data
    assert AksesDataPribadi.objects.count() == 1


def test_the_access_log_is_read_only_in_the_admin(struktur, superuser, client):
    services.akses_data_pribadi_catat(
        user=superuser,
        token=None,
        alamat_ip="127.0.0.1",
        metode="GET",
        path="/api/v1/pegawai/",
        nip=[struktur.analis.nip],
    )
    client.force_login(superuser)
    r = client.get("/admin/organisasi/aksesdatapribadi/", {"q": struktur.analis.nip})
    assert r.status_code == 200 and struktur.analis.nip in r.content.decode()
    log = AksesDataPribadi.objects.get()
    assert client.get(f"/admin/organisasi/aksesdatapribadi/{log.pk}/delete/").status_code == 403
    assert client.post(f"/admin/organisasi/aksesdatapribadi/{log.pk}/change/", {}).status_code == 403
    assert client.get("/admin/organisasi/aksesdatapribadi/add/").status_code == 403


def test_the_access_log_is_hidden_from_an_admin_organisasi(struktur, admin_organisasi, client):
    """Who read whose data is for the data protection officer (superuser), not for structure admins."""
    client.force_login(admin_organisasi)
    assert client.get("/admin/organisasi/aksesdatapribadi/").status_code == 403


def test_a_superuser_makes_a_token_in_the_admin_sees_the_key_once_and_revokes_it(aplikasi, struktur, superuser, client):
    client.force_login(superuser)
    r = client.post(
        "/admin/organisasi/tokenapi/add/",
        {
            "user": aplikasi.pk,
            "nama": "SIMPEG BKPSDM",
            "cakupan": ["struktur:baca"],
            "kedaluwarsa_0": "",
            "kedaluwarsa_1": "",
        },
        follow=True,
    )
    assert r.status_code == 200
    pesan = [str(m) for m in r.context["messages"]]
    token = TokenApi.objects.get()
    kunci = next(p for p in pesan if "salin sekarang" in p).split(": ", 1)[1].split(" ")[0]
    assert kunci[:10] == token.awalan and token.dibuat_oleh == superuser and token.cakupan == ["struktur:baca"]
    assert api_token(kunci).get("/api/v1/unit/").status_code == 200
    halaman = client.get(f"/admin/organisasi/tokenapi/{token.pk}/change/").content.decode()
    assert kunci not in halaman and token.awalan in halaman

    ubah = f"/admin/organisasi/tokenapi/{token.pk}/change/"
    assert client.post(ubah, {"alasan_cabut": "Aplikasi diganti"}).status_code == 302
    assert api_token(kunci).get("/api/v1/unit/").json() == TIDAK_SAH
    token.refresh_from_db()
    assert (token.alasan_cabut, token.dicabut_oleh) == ("Aplikasi diganti", superuser)


def test_the_admin_token_form_shows_field_errors(aplikasi, superuser, client):
    client.force_login(superuser)
    r = client.post(
        "/admin/organisasi/tokenapi/add/",
        {"user": aplikasi.pk, "nama": "x", "cakupan": [], "kedaluwarsa_0": "2001-01-01", "kedaluwarsa_1": "10:00"},
    )
    assert r.status_code == 200
    assert "cakupan" in r.context["adminform"].form.errors
    assert not TokenApi.objects.exists()


def test_tokens_are_hidden_from_an_admin_organisasi(admin_organisasi, client):
    client.force_login(admin_organisasi)
    assert client.get("/admin/organisasi/tokenapi/").status_code == 403
    assert client.get("/admin/organisasi/tokenapi/add/").status_code == 403
