"""Fuzzing every GET operation of the API against the OpenAPI schema the app itself serves.

Each operation gets a bounded, deterministic Hypothesis run (Schemathesis generates the path and query
parameters) as three callers: an API client (group "Klien API", token), a plain staff member (token) and an
anonymous caller. No answer may be a 5xx; authenticated answers must conform to the schema (documented
status code, content type, body and headers); anonymous callers get 401/403 and never data.
"""

from collections import Counter

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as hs
from schemathesis import checks as st_checks
from schemathesis.core.failures import Failure, FailureGroup

from tests import factories as f
from tests.api_fuzz.ringkasan import catat

pytestmark = pytest.mark.xdist_group("fuzz")

MAX_EXAMPLES = 25
SCHEMA_URL = "/api/v1/schema/?format=json"
GET_OPERATIONS = [
    "/api/v1/pegawai/",
    "/api/v1/pegawai/{nip}/",
    "/api/v1/pegawai/{nip}/kedudukan/",
    "/api/v1/saya/",
    "/api/v1/unit/",
    "/api/v1/unit/{kode}/",
    "/api/v1/unit/{kode}/pohon/",
    "/api/v1/penugasan/",
    "/api/v1/penugasan/kandidat/",
    "/api/v1/penugasan/{id}/",
    "/api/v1/tim/",
    "/api/v1/tim/{id}/",
    "/api/v1/surat/{id}/",
    "/api/v1/surat/{id}/pdf/",
    "/api/v1/surat/verifikasi/{kode}/",
]
# Public operations: anonymous callers are held to the schema like everyone else (API.md: verification).
PUBLIK = {"/api/v1/surat/verifikasi/{kode}/"}
# For heads of units and applications: a staff member is refused (403) and reaches no data there.
HANYA_PIMPINAN = {"/api/v1/penugasan/kandidat/"}
PERAN = ["klien_api", "staf", "anonim"]
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    phases=[Phase.explicit, Phase.generate],  # failures are collected, not raised, so nothing to shrink
    suppress_health_check=list(HealthCheck),
)
# every built-in check that looks at one response; positive_data_acceptance is left out because random
# (schema-valid) codes and NIPs rightly answer 404, which the schema documents
CHECKS_TERAUTENTIKASI = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
    st_checks.response_headers_conformance,
]


@pytest.fixture(autouse=True)
def _koneksi_tetap():
    """Requests go through the real WSGI handler, whose signals would close the test's DB connection (and
    its transaction) on PostgreSQL; Django's own test client disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def token_untuk(user) -> dict:
    kunci = user.__dict__.setdefault("_kunci_fuzz", f.kunci_token(user))  # one token per user and test
    return {"Authorization": f"Token {kunci}"}


@pytest.fixture
def klien_api(struktur):
    return f.akun_klien_api("aplikasi-fuzz")


@pytest.fixture
def schema(struktur, klien_api):
    """The schema exactly as /api/v1/schema/ serves it (it needs a login, so the API client asks)."""
    return schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application(), headers=token_untuk(klien_api))


@pytest.fixture
def header_peran(struktur, klien_api):
    return {"klien_api": token_untuk(klien_api), "staf": token_untuk(struktur.analis.akun), "anonim": {}}


def operasi_get(schema, path: str):
    for hasil in schema.get_all_operations():
        op = hasil.ok()
        if op.method.upper() == "GET" and op.path == path:
            return op
    raise AssertionError(f"{path} tidak ada di skema")


def periksa_anonim(response) -> None:
    """No 5xx, no data: only the 401/403 with its `detail`."""
    assert response.status_code in (401, 403), f"anonim mendapat {response.status_code}"
    body = response.json()
    assert list(body) == ["detail"], f"anonim mendapat data: {body!r}"


def strategi(op, nyata: dict):
    """Generated cases; for operations with path parameters (or `_query`), also ones aimed at real objects."""
    if "_query" in nyata:
        return hs.one_of(op.as_strategy(), op.as_strategy(query=nyata["_query"]))
    if not op.path_parameters:
        return op.as_strategy()
    dikenal = {nama: nilai for nama, nilai in nyata.items() if f"{{{nama}}}" in op.path}
    return hs.one_of(op.as_strategy(), op.as_strategy(path_parameters=dikenal))


def jalankan(op, headers: dict, peran: str, nyata: dict) -> tuple[int, Counter, list[str]]:
    """Run the bounded Hypothesis search for one operation; return (examples, statuses, failure messages)."""
    contoh, status, gagal = [0], Counter(), []

    @FUZZ_SETTINGS
    @given(case=strategi(op, nyata))
    def satu(case):
        contoh[0] += 1
        response = case.call(headers=headers)
        status[response.status_code] += 1
        try:
            if peran == "anonim" and op.path not in PUBLIK:
                periksa_anonim(response)
            else:
                case.validate_response(response, checks=CHECKS_TERAUTENTIKASI, headers=headers)
        except (AssertionError, Failure, FailureGroup) as exc:
            # every failure is counted; the first few are spelled out (with a curl line to replay them)
            gagal.append(f"{case.as_curl_command()}\n  -> {response.status_code}: {exc}" if len(gagal) < 5 else "")

    satu()
    return contoh[0], status, gagal


@pytest.mark.django_db
@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("path", GET_OPERATIONS)
def test_get_operation_survives_fuzzing(struktur, schema, header_peran, path, peran, settings, tmp_path):
    op = operasi_get(schema, path)
    nyata = {"nip": struktur.analis.nip, "kode": "setda"}  # both within the staff member's reach
    if path in HANYA_PIMPINAN:
        nyata["_query"] = {"unit_tujuan": struktur.bag_org.kode, "mulai": "2027-01-01", "selesai": "2027-12-31"}
    elif path.startswith(("/api/v1/penugasan/", "/api/v1/tim/", "/api/v1/surat/")):
        settings.MEDIA_ROOT = tmp_path
        nyata.update(objek_penugasan(struktur, path))
    contoh, status, gagal = jalankan(op, header_peran[peran], peran, nyata)
    catat(f"GET {path}", contoh, len(gagal))
    assert contoh >= 5, f"hanya {contoh} contoh dibuat"
    assert not gagal, f"{len(gagal)} gagal:\n" + "\n".join(filter(None, gagal))
    if peran != "anonim" and not (peran == "staf" and path in HANYA_PIMPINAN):
        assert status[200] > 0, dict(status)  # the search reached real data, not only 400/404 answers


def objek_penugasan(struktur, path: str) -> dict:
    """A team and a finished flow A for the staff member (their letter rendered), to aim ids at."""
    import datetime as dt

    from penugasan import services
    from penugasan.tasks import render_surat

    kepala = struktur.kepala_bag_org
    tim = services.tim_bentuk(
        pelaku=kepala.akun,
        nama="Tim Uji",
        tujuan="Uji",
        unit_pemilik=struktur.bag_org,
        sifat="rutin",
        mulai=dt.date(2027, 1, 1),
        selesai=dt.date(2027, 12, 31),
        ketua=struktur.analis,
    )
    p = services.penugasan_ajukan(
        pelaku=kepala.akun,
        alur="A",
        unit_tujuan=struktur.bag_org,
        pegawai=[struktur.analis],
        maksud="Uji",
        target="Uji",
        mulai=dt.date(2027, 1, 1),
        selesai=dt.date(2027, 2, 1),
        tim=tim,
    )
    surat = p.surat.get()
    render_surat(surat.pk)
    if "verifikasi" in path:
        return {"kode": surat.kode_verifikasi}
    return {"id": {"/api/v1/penugasan/": p.pk, "/api/v1/tim/": tim.pk}.get(path.split("{")[0], surat.pk)}


@pytest.mark.django_db
def test_the_token_endpoint_survives_fuzzed_bodies(struktur, schema):
    """Sign-in takes any body from anyone: never a 5xx, always a documented answer, never a token."""
    op = next(
        h.ok()
        for h in schema.get_all_operations()
        if h.ok().method.upper() == "POST" and h.ok().path == "/api/v1/token/"
    )
    contoh, status, gagal = [0], Counter(), []

    @FUZZ_SETTINGS
    @given(case=op.as_strategy())
    def satu(case):
        contoh[0] += 1
        response = case.call()
        status[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS_TERAUTENTIKASI)
            assert response.status_code in (400, 401, 429), response.status_code
        except (AssertionError, Failure, FailureGroup) as exc:
            gagal.append(f"{case.as_curl_command()}\n  -> {response.status_code}: {exc}" if len(gagal) < 5 else "")

    satu()
    catat("POST /api/v1/token/", contoh[0], len(gagal))
    assert contoh[0] >= 5
    assert not gagal, f"{len(gagal)} gagal:\n" + "\n".join(filter(None, gagal))
    from organisasi.models import TokenApi

    assert not TokenApi.objects.filter(user__username=struktur.analis.akun.username).exists()


def test_every_get_operation_of_the_schema_is_fuzzed(schema):
    semua = sorted(hasil.ok().path for hasil in schema.get_all_operations() if hasil.ok().method.upper() == "GET")
    assert semua == sorted(GET_OPERATIONS)


# --- the harness itself catches what it is meant to catch ----------------------------------------


def test_fuzzing_reports_a_body_that_breaks_the_schema(struktur, schema, header_peran, monkeypatch):
    from organisasi.api import serializers

    monkeypatch.setattr(serializers.UnitSerializer, "to_representation", lambda self, obj: {"kode": 1})
    op = operasi_get(schema, "/api/v1/unit/{kode}/")
    _, status, gagal = jalankan(op, header_peran["klien_api"], "klien_api", {"kode": "setda"})
    assert status[200] > 0 and gagal
    assert "schema" in gagal[0].lower()


def test_fuzzing_reports_a_server_error(struktur, schema, header_peran, monkeypatch):
    from organisasi.api import views

    def meledak(self, request, *args, **kwargs):
        raise RuntimeError("uji")

    monkeypatch.setattr(views.SayaView, "get", meledak)
    _, status, gagal = jalankan(operasi_get(schema, "/api/v1/saya/"), header_peran["staf"], "staf", {})
    assert status[500] > 0 and gagal
    _, status, gagal = jalankan(operasi_get(schema, "/api/v1/saya/"), {}, "anonim", {})
    assert status[401] > 0 and not gagal  # anonymous never reaches the view
