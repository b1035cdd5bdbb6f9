"""Nothing about who may do what is kept beyond the request: a token revoked by any means, an account
deactivated, a grant withdrawn is seen by the very next request; the access-log row of a read is
committed before its answer leaves."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db import connections
from django.utils import timezone
from rest_framework.test import APIClient

from organisasi import services
from organisasi.models import AksesDataPribadi, TokenApi
from organisasi.permissions import GRUP_KLIEN_API
from tests import factories as f


def api_token(kunci: str) -> APIClient:
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {kunci}")
    return c


@pytest.fixture
def aplikasi(struktur):
    return f.akun_klien_api("simpeg-bkpsdm")


def test_a_token_revoked_in_the_admin_is_refused_on_the_next_request(aplikasi, struktur, client, django_user_model):
    api = api_token(f.kunci_token(aplikasi))
    assert api.get("/api/v1/unit/").status_code == 200
    client.force_login(django_user_model.objects.create_superuser("root", "", "rahasia-uji-123"))
    token = TokenApi.objects.get()
    assert client.post(f"/admin/organisasi/tokenapi/{token.pk}/change/", {"alasan_cabut": "bocor"}).status_code == 302
    assert api.get("/api/v1/unit/").status_code == 401


def test_a_token_revoked_with_delete_is_refused_on_the_next_request(aplikasi, struktur):
    api = api_token(f.kunci_token(aplikasi))
    assert api.get("/api/v1/unit/").status_code == 200
    assert api.delete("/api/v1/token/").status_code == 204
    assert api.get("/api/v1/unit/").status_code == 401


def test_a_token_revoked_by_a_queryset_update_is_refused_on_the_next_request(aplikasi, struktur):
    api = api_token(f.kunci_token(aplikasi))
    assert api.get("/api/v1/unit/").status_code == 200
    TokenApi.objects.filter(user=aplikasi).update(dicabut=timezone.now(), alasan_cabut="bocor")  # no signal
    assert api.get("/api/v1/unit/").status_code == 401


def test_a_token_of_a_person_who_left_is_refused_on_the_next_request(struktur):
    orang = struktur.analis
    api = api_token(f.kunci_token(orang.akun))
    assert api.get("/api/v1/saya/").status_code == 200
    services.pegawai_berhentikan(pelaku=None, pegawai=orang, tanggal=dt.date.today(), alasan="Pensiun")
    assert api.get("/api/v1/saya/").status_code == 401


def test_an_account_deactivated_by_a_queryset_update_is_signed_out_on_the_next_request(struktur, client):
    akun = struktur.analis.akun
    client.force_login(akun)
    assert client.get("/").status_code == 200
    type(akun).objects.filter(pk=akun.pk).update(is_active=False)  # no signal
    assert client.get("/").status_code == 302


def test_a_grant_withdrawn_by_a_queryset_delete_is_seen_on_the_next_request(aplikasi, struktur):
    api = api_token(f.kunci_token(aplikasi))
    assert api.get(f"/api/v1/unit/{struktur.bidang.kode}/").status_code == 200
    aplikasi.groups.through.objects.filter(group=Group.objects.get(name=GRUP_KLIEN_API)).delete()
    assert api.get(f"/api/v1/unit/{struktur.bidang.kode}/").status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_access_log_row_is_committed_before_the_answer_leaves(struktur):
    aplikasi = f.akun_klien_api("simpeg-bkpsdm")
    api = api_token(f.kunci_token(aplikasi))
    nip = struktur.analis.nip
    assert api.get(f"/api/v1/pegawai/{nip}/kedudukan/").status_code == 200
    lain = connections.create_connection("default")  # another session: sees only what is committed
    try:
        with lain.cursor() as kursor:
            kursor.execute(f"SELECT subjek, metode FROM {AksesDataPribadi._meta.db_table}")
            assert kursor.fetchall() == [(nip, "GET")]
    finally:
        lain.close()


def test_a_password_change_revokes_the_tokens_obtained_with_the_old_one(struktur, client, django_user_model):
    akun = struktur.analis.akun
    akun.set_password("sandi-lama-uji-123")
    akun.save()
    r = APIClient().post("/api/v1/token/", {"username": akun.username, "password": "sandi-lama-uji-123"}, format="json")
    dari_sandi = api_token(r.json()["token"])
    root = django_user_model.objects.create_superuser("root", "", "rahasia-uji-123")
    dari_admin = api_token(services.token_buat(pelaku=root, user=akun, nama="SIMPEG", cakupan=["struktur:baca"])[1])
    assert dari_sandi.get("/api/v1/saya/").status_code == 200

    client.force_login(akun)
    r = client.post(
        "/sandi/ubah/",
        {
            "old_password": "sandi-lama-uji-123",
            "new_password1": "Sandi-baru-uji-456",
            "new_password2": "Sandi-baru-uji-456",
        },
    )
    assert r.status_code == 302
    assert dari_sandi.get("/api/v1/saya/").status_code == 401  # obtained with the old password
    assert dari_admin.get("/api/v1/unit/").status_code == 200  # made by a superuser, not tied to it
    assert TokenApi.objects.get(user=akun, dibuat_oleh=akun).alasan_cabut == "kata sandi akun diubah"


def test_a_password_reset_revokes_them_too(struktur):
    akun = struktur.analis.akun
    akun.set_password("sandi-lama-uji-123")
    akun.save()
    kunci = (
        APIClient()
        .post("/api/v1/token/", {"username": akun.username, "password": "sandi-lama-uji-123"}, format="json")
        .json()["token"]
    )
    akun.set_password("Sandi-baru-uji-456")  # what the reset page and the admin do
    akun.save()
    assert api_token(kunci).get("/api/v1/saya/").status_code == 401
    akun.save(update_fields=["last_login"])  # a sign-in is not a password change


@pytest.mark.parametrize("nip", ["%00", "1985%00", "١٩٨٥٠٣١٧٢٠١٠٠٣١٠٠١", "1" * 300])
def test_a_nip_that_cannot_be_one_is_a_404_before_any_lookup(struktur, client, nip):
    """A NUL reached PostgreSQL (500); Arabic-Indic digits passed `isdigit()`."""
    client.force_login(struktur.analis.akun)
    assert client.get(f"/pegawai/{nip}/").status_code == 404
    api = api_token(f.kunci_token(struktur.analis.akun))
    for url in (f"/api/v1/pegawai/{nip}/", f"/api/v1/pegawai/{nip}/kedudukan/"):
        r = api.get(url)
        assert r.status_code == 404 and r.json() == {"detail": "Pegawai tidak ditemukan."}, url


def test_a_person_page_is_in_the_personal_data_access_log(struktur, client):
    client.force_login(struktur.analis.akun)
    assert client.get(f"/pegawai/{struktur.kepala_bag_org.nip}/").status_code == 200
    log = AksesDataPribadi.objects.get()
    assert (log.user, log.token, log.subjek, log.metode) == (
        struktur.analis.akun,
        None,
        struktur.kepala_bag_org.nip,
        "GET",
    )
