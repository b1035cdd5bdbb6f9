"""The organisasi REST API: who may read what, tokens, /saya/, and the published schema and docs."""

import datetime as dt
import re

import jsonschema
import pytest
from guardian.shortcuts import assign_perm

from organisasi import services
from organisasi.choices import JenisPeran
from organisasi.models import Pegawai, TokenApi, Unit
from organisasi.selectors import hari_ini
from tests import factories as f
from tests.organisasi import test_api
from tests.organisasi.test_api import klien, kodes, tetapkan
from tests.organisasi.test_api_pegawai import nama, pegawai_json

PASSWORD = "rahasia-uji-123"
admin_api = test_api.admin_api  # the fixture, shared


def urls_baca(s) -> list[str]:
    nip = s.analis.nip
    return [
        "/api/v1/unit/",
        "/api/v1/unit/setda/",
        "/api/v1/unit/kab-uji/pohon/",
        "/api/v1/pegawai/",
        f"/api/v1/pegawai/{nip}/",
        f"/api/v1/pegawai/{nip}/kedudukan/",
        "/api/v1/saya/",
    ]


@pytest.fixture
def klien_api_user(db):
    return f.akun_klien_api("aplikasi-spbe")


# --- anonymous and writes ------------------------------------------------------------------------


def test_anonymous_requests_get_401_and_no_data(struktur):
    for url in urls_baca(struktur):
        r = klien().get(url)
        assert r.status_code == 401, url
        assert r["WWW-Authenticate"] == "Token"
        assert list(r.json()) == ["detail"]


def test_the_api_is_read_only(struktur, admin_api):
    s = struktur
    tulis = [
        ("post", "/api/v1/unit/"),
        ("put", "/api/v1/unit/setda/"),
        ("patch", "/api/v1/unit/setda/"),
        ("delete", "/api/v1/unit/setda/"),
        ("post", "/api/v1/unit/setda/pohon/"),
        ("post", "/api/v1/pegawai/"),
        ("delete", f"/api/v1/pegawai/{s.analis.nip}/"),
        ("post", f"/api/v1/pegawai/{s.analis.nip}/kedudukan/"),
        ("post", "/api/v1/saya/"),
    ]
    for metode, url in tulis:
        r = getattr(admin_api, metode)(url, {"nama": "Diubah"}, format="json")
        assert r.status_code in (403, 405), (metode, url)
        assert getattr(klien(), metode)(url, {}, format="json").status_code == 401
    assert Unit.objects.get(kode="setda").nama == "Sekretariat Daerah"
    assert Pegawai.objects.filter(nip=s.analis.nip).exists()


# --- scope ---------------------------------------------------------------------------------------


def test_outsider_sees_only_their_own_perangkat_daerah(struktur, orang_luar):
    s, api = struktur, klien(orang_luar.akun)
    assert kodes(api.get("/api/v1/unit/")) == ["dinkes", "dinkes-yankes", "dinkes-upt-lab", "dinkes-puskesmas"]
    assert nama(api.get("/api/v1/pegawai/", {"q": "a"})) == [
        "Kepala Bidang Pelayanan Kesehatan",
        "Kepala Dinas Kesehatan",
        "Kepala UPT Laboratorium Kesehatan",
        "Kepala UPT Puskesmas Kepanjen",
        "Staf Bidang",
        "Staf Lab",
        "Staf Puskesmas",
    ]
    assert api.get("/api/v1/pegawai/", {"q": s.analis.nip}).json()["count"] == 0
    assert api.get("/api/v1/unit/dinkes/pohon/").status_code == 200
    assert api.get(f"/api/v1/pegawai/{s.staf_upt6.nip}/kedudukan/").status_code == 200


@pytest.mark.parametrize(
    "url, pesan",
    [
        ("/api/v1/unit/setda/", "Unit tidak ditemukan."),
        ("/api/v1/unit/setda/pohon/", "Unit tidak ditemukan."),
        ("/api/v1/unit/kab-uji/pohon/", "Unit tidak ditemukan."),
        ("/api/v1/pegawai/{nip}/", "Pegawai tidak ditemukan."),
        ("/api/v1/pegawai/{nip}/kedudukan/?tanggal=2024-05-03", "Pegawai tidak ditemukan."),
        ("/api/v1/pegawai/{nip}/kedudukan/?tanggal=salah", "Pegawai tidak ditemukan."),
    ],
)
def test_outsider_gets_404_outside_their_scope(struktur, orang_luar, url, pesan):
    r = klien(orang_luar.akun).get(url.format(nip=struktur.analis.nip))
    assert r.status_code == 404
    assert r.json() == {"detail": pesan}


def test_api_client_group_reads_everything(struktur, klien_api_user):
    api = klien(klien_api_user)
    assert api.get("/api/v1/unit/").json()["count"] == 13
    assert api.get("/api/v1/pegawai/").json()["count"] == 20
    assert api.get(f"/api/v1/pegawai/{struktur.analis.nip}/kedudukan/").status_code == 200
    assert api.post("/api/v1/unit/", {}).status_code == 403


def test_api_client_granted_one_unit_sees_only_its_subtree(struktur):
    user = f.UserFactory(username="aplikasi-kecamatan")
    assign_perm("organisasi.view_unit", user, struktur.kecamatan)
    api = klien(user)
    assert kodes(api.get("/api/v1/unit/")) == ["kec-kepanjen", "kec-kepanjen-pem", "kel-cepokomulyo"]
    assert api.get("/api/v1/pegawai/").json()["count"] == 5
    assert api.get("/api/v1/unit/kec-kepanjen/pohon/").status_code == 200
    for url in ("/api/v1/unit/kab-uji/pohon/", "/api/v1/unit/setda/", f"/api/v1/pegawai/{struktur.analis.nip}/"):
        assert api.get(url).status_code == 404


def test_user_without_any_grant_sees_nothing(struktur):
    api = klien(f.UserFactory(username="tanpa-hak"))
    assert api.get("/api/v1/unit/").json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert api.get("/api/v1/unit/kab-uji/").status_code == 404


# --- tokens --------------------------------------------------------------------------------------


@pytest.fixture
def akun_analis(struktur):
    return f.akun_bersandi(struktur.analis, PASSWORD)


def test_token_obtained_with_a_spaced_nip_opens_the_api(struktur, akun_analis):
    r = klien().post("/api/v1/token/", {"username": struktur.analis.nip_tampil, "password": PASSWORD})
    assert r.status_code == 200
    token = TokenApi.objects.get(user=akun_analis)
    assert r.json()["token"][:10] == token.awalan == r.json()["awalan"]
    assert r.json()["token"] not in (token.sidik, token.awalan)  # only the digest is kept
    assert r.json()["cakupan"] == ["kinerja:baca", "layanan:baca", "pegawai:baca", "penugasan:baca", "struktur:baca"]
    data = {"username": struktur.analis.nip, "password": PASSWORD}
    again = klien().post("/api/v1/token/", data, format="json")
    assert again.status_code == 200 and again.json()["token"] != r.json()["token"]  # a second, separate token
    api = klien()
    api.credentials(HTTP_AUTHORIZATION=f"Token {r.json()['token']}")
    assert api.get("/api/v1/saya/").json()["pegawai"]["nip"] == struktur.analis.nip
    assert api.get("/api/v1/unit/setda/").status_code == 200
    assert api.get("/api/v1/unit/dinkes/").status_code == 404


SALAH = {"detail": "NIP/nama pengguna atau kata sandi salah, atau akun tidak aktif."}


@pytest.mark.parametrize(
    "data, status, expected",
    [
        ({"username": "nip", "password": "salah"}, 401, SALAH),
        ({"username": "199001012015031999", "password": PASSWORD}, 401, SALAH),
        ({"username": "nip\x00", "password": PASSWORD}, 401, SALAH),
        ({"username": "nip"}, 400, {"password": ["Bidang ini harus diisi."]}),
        ({"password": PASSWORD}, 400, {"username": ["Bidang ini harus diisi."]}),
    ],
)
def test_token_refuses_bad_credentials(struktur, akun_analis, data, status, expected):
    if data.get("username", "").startswith("nip"):
        data = {**data, "username": data["username"].replace("nip", struktur.analis.nip)}
    r = klien().post("/api/v1/token/", data)
    assert r.status_code == status
    assert r.json() == expected
    if status == 401:
        assert r["WWW-Authenticate"] == "Token"
    assert not TokenApi.objects.exists()


def test_token_with_a_malformed_body_is_400(struktur):
    r = klien().post("/api/v1/token/", "\x00", content_type="application/json")
    assert r.status_code == 400
    assert list(r.json()) == ["detail"]


def test_token_is_refused_and_revoked_for_staff_who_left(struktur, akun_analis):
    kunci = f.kunci_token(akun_analis)
    services.pegawai_berhentikan(pelaku=None, pegawai=struktur.analis, tanggal=hari_ini(), alasan="Pindah instansi")
    r = klien().post("/api/v1/token/", {"username": struktur.analis.nip, "password": PASSWORD})
    assert r.status_code == 401
    api = klien()
    api.credentials(HTTP_AUTHORIZATION=f"Token {kunci}")
    assert api.get("/api/v1/saya/").status_code == 401
    token = TokenApi.objects.get(user=akun_analis)
    assert token.dicabut is not None and "Pindah instansi" in token.alasan_cabut


def test_unknown_token_is_401(struktur):
    api = klien()
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 48)
    r = api.get("/api/v1/unit/")
    assert r.status_code == 401 and r.json() == {"detail": "Token tidak sah, kedaluwarsa atau sudah dicabut."}


# --- GET /api/v1/saya/ ---------------------------------------------------------------------------


def peran_unit(unit, sebagai="definitif") -> dict:
    return {"unit": unit.kode, "nama": unit.nama, "sebagai": sebagai, "unit_organisasi": unit.mandiri}


def test_saya_for_staff(struktur):
    r = klien(struktur.analis.akun).get("/api/v1/saya/")
    assert r.json() == {
        "username": struktur.analis.nip,
        "pegawai": pegawai_json(struktur.analis, struktur.bag_org),
        "peran": ["pegawai"],
        "memimpin": [],
        "kewenangan_ppk": [],
    }


def saya(pegawai) -> tuple:
    body = klien(pegawai.akun).get("/api/v1/saya/").json()
    return body["peran"], body["memimpin"], body["kewenangan_ppk"]


def test_saya_for_heads(struktur):
    s = struktur
    dinas = [peran_unit(s.dinas)]
    assert saya(s.kepala_dinas) == (["pimpinan", "ppk", "pegawai"], dinas, dinas)
    assert saya(s.kepala_bidang) == (["ppk", "pegawai"], [peran_unit(s.bidang)], [peran_unit(s.bidang)])


def test_saya_follows_plh_and_delegation_in_force_today(struktur):
    s, hari = struktur, hari_ini()
    tetapkan(s.bag_org, s.analis, JenisPeran.PLH, hari, hari + dt.timedelta(days=3))
    tetapkan(s.dpmptsp, s.kepala_sek_dpmptsp, JenisPeran.DELEGASI, hari, hari + dt.timedelta(days=3))
    plh = peran_unit(s.bag_org, "plh")
    assert saya(s.analis) == (["ppk", "pegawai"], [plh], [plh])
    assert saya(s.kepala_bag_org) == (["pegawai"], [], [])
    assert saya(s.kepala_sek_dpmptsp) == (
        ["pimpinan", "ppk", "pegawai"],
        [peran_unit(s.sek_dpmptsp)],
        [peran_unit(s.dpmptsp, "delegasi"), peran_unit(s.sek_dpmptsp)],
    )
    assert saya(s.kepala_dpmptsp) == (["pimpinan", "pegawai"], [peran_unit(s.dpmptsp)], [])


def test_saya_without_a_pegawai_record(admin_organisasi, klien_api_user):
    assert klien(admin_organisasi).get("/api/v1/saya/").json() == {
        "username": "admin-org",
        "pegawai": None,
        "peran": ["admin_organisasi"],
        "memimpin": [],
        "kewenangan_ppk": [],
    }
    assert klien(klien_api_user).get("/api/v1/saya/").json()["peran"] == ["klien_api"]


# --- schema and docs -----------------------------------------------------------------------------


def test_docs_pages_load_without_external_urls(db):
    for url in ("/api/v1/docs/", "/api/v1/redoc/"):
        r = klien().get(url)
        assert r.status_code == 200, url
        html = r.content.decode()
        assert "cdn" not in html.lower()
        tautan = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
        assert tautan and not [t for t in tautan if re.match(r"(https?:)?//", t)], tautan
        assert "/api/v1/schema/" in html


def openapi_ke_jsonschema(node):
    """OpenAPI 3.0 `nullable` to JSON Schema, so responses can be checked with jsonschema."""
    if isinstance(node, list):
        return [openapi_ke_jsonschema(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: openapi_ke_jsonschema(v) for k, v in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


@pytest.fixture
def skema(db):
    r = klien().get("/api/v1/schema/", {"format": "json"})
    assert r.status_code == 200
    return r.json()


def test_schema_lists_the_fixed_resources(skema):
    assert {
        "/api/v1/unit/",
        "/api/v1/unit/{kode}/",
        "/api/v1/unit/{kode}/pohon/",
        "/api/v1/pegawai/",
        "/api/v1/pegawai/{nip}/",
        "/api/v1/pegawai/{nip}/kedudukan/",
        "/api/v1/saya/",
        "/api/v1/token/",
    } <= set(skema["paths"])
    kedudukan = skema["paths"]["/api/v1/pegawai/{nip}/kedudukan/"]["get"]
    assert {p["name"] for p in kedudukan["parameters"]} == {"nip", "tanggal"}
    assert {"200", "400", "401", "404"} <= set(kedudukan["responses"])


def _periksa(skema, path, status, body):
    media = skema["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]
    dokumen = {"components": openapi_ke_jsonschema(skema["components"]), **openapi_ke_jsonschema(media)}
    jsonschema.validate(body, dokumen)
    nama_komponen = media.get("$ref", "").rsplit("/", 1)[-1]
    if nama_komponen and nama_komponen != "Galat":  # every key returned is documented, and the other way round
        assert set(body) == set(skema["components"]["schemas"][nama_komponen]["properties"])


def test_responses_match_the_schema(struktur, skema, admin_api):
    s = struktur
    tetapkan(s.dpmptsp, s.kepala_sek_dpmptsp, JenisPeran.DELEGASI, hari_ini(), hari_ini())
    nip = s.staf_dpmptsp.nip
    kasus = [
        ("/api/v1/unit/", "/api/v1/unit/", 200),
        ("/api/v1/unit/?tingkat=x", "/api/v1/unit/", 400),
        ("/api/v1/unit/?page=9", "/api/v1/unit/", 404),
        ("/api/v1/unit/kab-uji/", "/api/v1/unit/{kode}/", 200),
        ("/api/v1/unit/setda/", "/api/v1/unit/{kode}/", 200),
        ("/api/v1/unit/x/", "/api/v1/unit/{kode}/", 404),
        ("/api/v1/unit/kab-uji/pohon/", "/api/v1/unit/{kode}/pohon/", 200),
        ("/api/v1/pegawai/", "/api/v1/pegawai/", 200),
        (f"/api/v1/pegawai/{nip}/", "/api/v1/pegawai/{nip}/", 200),
        (f"/api/v1/pegawai/{nip}/kedudukan/", "/api/v1/pegawai/{nip}/kedudukan/", 200),
        (f"/api/v1/pegawai/{nip}/kedudukan/?tanggal=2000-01-01", "/api/v1/pegawai/{nip}/kedudukan/", 200),
        (f"/api/v1/pegawai/{nip}/kedudukan/?tanggal=x", "/api/v1/pegawai/{nip}/kedudukan/", 400),
        ("/api/v1/saya/", "/api/v1/saya/", 200),
    ]
    for url, path, status in kasus:
        r = admin_api.get(url)
        assert r.status_code == status, url
        _periksa(skema, path, status, r.json())
    _periksa(skema, "/api/v1/saya/", 200, klien(s.kepala_sek_dpmptsp.akun).get("/api/v1/saya/").json())
    _periksa(skema, "/api/v1/saya/", 401, klien().get("/api/v1/saya/").json())


def test_a_malformed_json_body_gets_an_indonesian_400(client, db):
    r = client.post("/api/v1/token/", data="{bukan json", content_type="application/json")
    assert r.status_code == 400
    assert r.json() == {"detail": "Isi permintaan tidak dapat dibaca: periksa format JSON-nya."}


def test_an_anonymous_api_call_is_told_to_bring_a_token(client, db):
    r = client.get("/api/v1/unit/")
    assert (r.status_code, r.headers.get("WWW-Authenticate")) == (401, "Token")
