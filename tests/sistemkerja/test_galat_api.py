"""One error shape for the whole API (API.md Conventions): JSON, Indonesian, `{"detail": ...}` or
`{"kolom": [...]}` with nested fields named by path, whatever fails: the parser, the size, the media
type, the URL, the token, CSRF."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sistemkerja.api import ratakan
from tests import factories as f


def bentuk_galat(r) -> dict:
    assert r["Content-Type"].startswith("application/json"), r.content[:200]
    data = r.json()
    assert isinstance(data, dict) and data
    for kunci, nilai in data.items():
        if kunci == "detail":
            assert isinstance(nilai, str) and nilai
        else:
            assert isinstance(nilai, list) and all(isinstance(p, str) for p in nilai)
    return data


def test_json_nested_a_hundred_thousand_deep_is_a_400_not_a_500(db):
    for path in ("/api/v1/token/", "/api/v1/penugasan/"):
        r = Client().post(path, "[" * 100_000, content_type="application/json")
        assert r.status_code in (400, 401), path
        assert "dibaca" in bentuk_galat(r)["detail"] or r.status_code == 401


def test_a_body_over_the_limit_is_a_json_413(db):
    r = Client().post("/api/v1/token/", json.dumps({"username": "x" * 3_000_000}), content_type="application/json")
    assert r.status_code == 413 and "terlalu besar" in bentuk_galat(r)["detail"]
    r = Client().post("/api/v1/token/", {f"k{i}": "v" for i in range(1_001)})
    assert r.status_code == 413 and "terlalu besar" in bentuk_galat(r)["detail"]


def test_a_page_form_over_the_limit_is_an_indonesian_413_page(db):
    r = Client().post("/masuk/", {f"k{i}": "v" for i in range(1_001)})
    assert r.status_code == 413 and "Terlalu besar" in r.content.decode()


def test_an_unsupported_media_type_is_a_415_in_indonesian(db):
    r = Client().post("/api/v1/token/", "<x/>", content_type="application/xml")
    assert r.status_code == 415 and "tidak didukung" in bentuk_galat(r)["detail"]


@pytest.mark.parametrize("path", ["/api/v1/penugasan/0.5/", "/api/v1/tidak-ada/", "/api/v1/unit/a/b/c/"])
def test_an_unknown_api_url_is_a_json_404(db, path):
    r = APIClient().get(path)
    assert r.status_code == 404 and bentuk_galat(r)["detail"]


def test_a_page_that_does_not_exist_is_an_indonesian_page(db):
    r = Client().get("/tidak-ada/")
    assert r.status_code == 404 and "Tidak ditemukan" in r.content.decode()


def test_drf_messages_are_in_indonesian(db):
    r = APIClient().post("/api/v1/token/", {"username": ["x"], "password": "y"}, format="json")
    assert r.status_code == 400 and bentuk_galat(r) == {"username": ["Harus berupa teks."]}
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION="Token")
    r = c.get("/api/v1/unit/")
    assert r.status_code == 401 and "token tidak ada" in bentuk_galat(r)["detail"]


def test_a_session_write_without_csrf_is_refused_in_indonesian(struktur):
    c = APIClient(enforce_csrf_checks=True)
    c.force_login(struktur.analis.akun)
    r = c.post("/api/v1/penugasan/", {}, format="json")
    assert r.status_code == 403 and "CSRF" in bentuk_galat(r)["detail"] and "Failed" not in r.json()["detail"]


def test_nested_errors_are_flattened_to_paths():
    assert ratakan({"pegawai": {"0": ["Tidak ada."]}, "tim": ["Harus bilangan bulat."]}) == {
        "pegawai[0]": ["Tidak ada."],
        "tim": ["Harus bilangan bulat."],
    }
    assert ratakan({"anggota": [{}, {"peran": ["Terlalu panjang."]}]}) == {"anggota[1].peran": ["Terlalu panjang."]}
    assert ratakan(["Satu.", "Dua."]) == {"detail": ["Satu.", "Dua."]}


def test_a_list_of_bad_nips_answers_in_the_documented_shape(struktur):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {f.kunci_token(struktur.kepala_bidang.akun)}")
    r = api.post(
        "/api/v1/penugasan/",
        {
            "alur": "A",
            "unit_tujuan": struktur.bidang.kode,
            "pegawai": ["1", "2"],
            "maksud": "x",
            "kompetensi": "x",
            "target": "x",
            "mulai": "2027-01-04",
            "selesai": "2027-02-04",
        },
        format="json",
    )
    assert r.status_code == 400
    galat = bentuk_galat(r)
    assert not any(isinstance(v, dict) for v in galat.values())


def test_the_schema_documents_every_error_in_one_shape(db):
    skema = APIClient().get("/api/v1/schema/?format=json").json()
    assert "Galat" in skema["components"]["schemas"]
    operasi = skema["paths"]["/api/v1/penugasan/"]["post"]["responses"]
    for kode in ("400", "401", "403", "404", "413", "415", "429"):
        assert operasi[kode]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Galat"}


@pytest.mark.parametrize("halaman", ["١", "²", "1.0", "-1"])
def test_a_page_number_is_ascii_digits(struktur, halaman):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {f.kunci_token(struktur.analis.akun)}")
    r = api.get("/api/v1/unit/", {"page": halaman})
    assert r.status_code == 404 and bentuk_galat(r) == {"detail": "Halaman tidak ditemukan."}
