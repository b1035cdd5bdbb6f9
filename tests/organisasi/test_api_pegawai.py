"""The organisasi REST API: staff and their kedudukan on a date (API.md "Fixed resources")."""

import datetime as dt
from urllib.parse import quote

import pytest

from organisasi import services
from organisasi.choices import JenisPeran
from organisasi.models import Pegawai
from organisasi.selectors import hari_ini
from tests import factories as f
from tests.conftest import HARI
from tests.organisasi import test_api
from tests.organisasi.test_api import akhiri_definitif, klien, orang, tambah_unit, tetapkan

admin_api = test_api.admin_api  # the fixture, shared


def pegawai_json(p, unit) -> dict:
    return {
        "nip": p.nip,
        "nip_tampil": p.nip_tampil,
        "nama": p.nama,
        "jenis_asn": "pns",
        "golongan": "",
        "jabatan": p.jabatan.nama,
        "jenis_jabatan": p.jabatan.jenis,
        "jenjang": p.jabatan.jenjang or None,
        "unit": unit.kode,
        "unit_nama": unit.nama,
        "aktif": True,
    }


def nama(response) -> list[str]:
    return [p["nama"] for p in response.json()["results"]]


# --- GET /api/v1/pegawai/ ------------------------------------------------------------------------


def test_pegawai_list_is_paginated_by_name(struktur, admin_api):
    r = admin_api.get("/api/v1/pegawai/", {"page_size": 1})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 20
    assert body["previous"] is None and body["next"].endswith("/api/v1/pegawai/?page=2&page_size=1")
    assert body["results"] == [pegawai_json(struktur.analis, struktur.bag_org)]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"unit": "dinkes-yankes"}, ["Kepala Bidang Pelayanan Kesehatan", "Staf Bidang"]),
        ({"instansi": "kab-lain"}, []),
        ({"jenis_jabatan": "fungsional"}, ["Analis Organisasi", "Kepala UPT Puskesmas Kepanjen"]),
        ({"di_bawah": "kec-kepanjen", "jenis_jabatan": "pelaksana"}, ["Staf Kelurahan", "Staf Seksi"]),
        ({"q": "staf d"}, ["Staf DPMPTSP"]),
    ],
)
def test_pegawai_list_filters(struktur, admin_api, params, expected):
    r = admin_api.get("/api/v1/pegawai/", params)
    assert r.status_code == 200
    assert nama(r) == expected


def test_pegawai_list_counts_by_instansi_and_subtree(struktur, admin_api):
    assert admin_api.get("/api/v1/pegawai/", {"instansi": "kab-uji"}).json()["count"] == 20
    assert admin_api.get("/api/v1/pegawai/", {"di_bawah": "dinkes"}).json()["count"] == 7


def test_pegawai_list_searches_nip_with_or_without_spaces(struktur, admin_api):
    analis = struktur.analis
    for q in (analis.nip, analis.nip_tampil, f"  {analis.nip_tampil} "):
        assert nama(admin_api.get("/api/v1/pegawai/", {"q": q})) == ["Analis Organisasi"]
    # The factories' birth year moves every 1,000 NIPs, so count the prefix's holders rather than assume all 20.
    sebaya = Pegawai.objects.filter(nip__startswith=analis.nip[:8]).count()
    assert admin_api.get("/api/v1/pegawai/", {"q": analis.nip[:8]}).json()["count"] == sebaya


def test_pegawai_list_filters_jenis_asn_and_aktif(struktur, admin_api):
    pppk = f.pegawai(struktur.seksi, nama="Tenaga PPPK", jenis_asn="pppk")
    services.pegawai_berhentikan(pelaku=None, pegawai=struktur.staf_kelurahan, tanggal=hari_ini(), alasan="Pensiun")
    assert nama(admin_api.get("/api/v1/pegawai/", {"jenis_asn": "pppk"})) == [pppk.nama]
    assert nama(admin_api.get("/api/v1/pegawai/", {"aktif": "false"})) == ["Staf Kelurahan"]
    assert admin_api.get("/api/v1/pegawai/", {"aktif": "true"}).json()["count"] == 20
    berhenti = admin_api.get("/api/v1/pegawai/", {"aktif": "false"}).json()["results"][0]
    assert [berhenti[k] for k in ("aktif", "unit", "jabatan", "jenis_jabatan")] == [False, None, None, None]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"jenis_asn": "honorer"}, "jenis_asn"),
        ({"aktif": "ya"}, "aktif"),
        ({"jenis_jabatan": "x"}, "jenis_jabatan"),
    ],
)
def test_pegawai_list_rejects_bad_filter_values(struktur, admin_api, params, field):
    r = admin_api.get("/api/v1/pegawai/", params)
    assert r.status_code == 400
    assert list(r.json()) == [field]


def test_pegawai_list_query_count_does_not_grow(struktur, admin_api, django_assert_num_queries):
    # session, account, grant, count, the page's ids, their rows (unit and jabatan joined), one access log row
    with django_assert_num_queries(7):
        assert admin_api.get("/api/v1/pegawai/").json()["count"] == 20
    tambah_unit(struktur.dinas, 8, "dinkes-tambah")
    with django_assert_num_queries(7):
        assert admin_api.get("/api/v1/pegawai/").json()["count"] == 36


# --- GET /api/v1/pegawai/{nip}/ ------------------------------------------------------------------


def test_pegawai_detail(struktur, admin_api):
    r = admin_api.get(f"/api/v1/pegawai/{struktur.kepala_upt6.nip}/")
    assert r.status_code == 200
    assert r.json() == {**pegawai_json(struktur.kepala_upt6, struktur.upt6), "jenjang": "ahli_madya"}


def test_pegawai_detail_accepts_a_nip_with_spaces(struktur, admin_api):
    r = admin_api.get(f"/api/v1/pegawai/{quote(struktur.analis.nip_tampil)}/")
    assert r.status_code == 200
    assert r.json()["nip"] == struktur.analis.nip


@pytest.mark.parametrize("nip", ["199001012015031999", "abc", "1985", "%00"])
def test_pegawai_detail_unknown_or_malformed_nip_is_404(struktur, admin_api, nip):
    r = admin_api.get(f"/api/v1/pegawai/{nip}/")
    assert r.status_code == 404
    assert r.json() == {"detail": "Pegawai tidak ditemukan."}


# --- GET /api/v1/pegawai/{nip}/kedudukan/ --------------------------------------------------------


def kedudukan(api, pegawai, tanggal: dt.date | str | None = HARI):
    params = {} if tanggal is None else {"tanggal": str(tanggal)}
    return api.get(f"/api/v1/pegawai/{pegawai.nip}/kedudukan/", params)


def kedudukan_json(pegawai, *, unit, jabatan, uo, rantai, pola, tanggal="2024-05-03") -> dict:
    return {
        "nip": pegawai.nip,
        "tanggal": tanggal,
        "unit": unit,
        "jabatan": jabatan,
        "unit_organisasi": uo,
        "ppk": rantai[0] if rantai else None,
        "pimpinan_unit_organisasi": rantai[-1] if rantai else None,
        "rantai_evaluasi": rantai,
        "pola": pola,
    }


@pytest.mark.parametrize(
    "staf, rantai, pola",
    [
        ("analis", ["bag_org", "asisten", "setda"], 1),
        ("staf_bidang", ["bidang", "dinas"], 2),
        ("staf_dpmptsp", ["dpmptsp"], 3),
        ("staf_sek_dpmptsp", ["sek_dpmptsp"], 3),
        ("staf_seksi", ["seksi", "kecamatan"], 4),
        ("staf_kelurahan", ["kelurahan"], 5),
        ("staf_upt5", ["upt5"], 5),
        ("staf_upt6", ["upt6"], 6),
    ],
)
def test_kedudukan_of_staff_in_each_pattern(struktur, admin_api, staf, rantai, pola):
    s = struktur
    pegawai = getattr(s, staf)
    kepala = [orang(getattr(s, f"kepala_{u}"), "definitif", getattr(s, u)) for u in rantai]
    r = kedudukan(admin_api, pegawai)
    assert r.status_code == 200
    assert r.json() == kedudukan_json(
        pegawai,
        unit=getattr(s, rantai[0]).kode,
        jabatan=pegawai.jabatan.nama,
        uo=getattr(s, rantai[-1]).kode,
        rantai=kepala,
        pola=pola,
    )


def test_kedudukan_of_a_head_is_assessed_from_the_unit_above(struktur, admin_api):
    s = struktur
    assert kedudukan(admin_api, s.kepala_bidang).json() == kedudukan_json(
        s.kepala_bidang,
        unit="dinkes-yankes",
        jabatan="Kepala Bidang",
        uo="dinkes",
        rantai=[orang(s.kepala_dinas, "definitif", s.dinas)],
        pola=2,
    )


@pytest.fixture
def bidang_dengan_plt(struktur):
    """Kabid leaves on 30 April 2024; nobody acts on 1 May; a Plt from 2 May to 2 August 2024."""
    akhiri_definitif(struktur.bidang, dt.date(2024, 4, 30))
    tetapkan(struktur.bidang, struktur.kepala_upt5, JenisPeran.PLT, dt.date(2024, 5, 2), dt.date(2024, 8, 2))
    return struktur


def ringkas(body) -> tuple:
    return body["ppk"], body["pimpinan_unit_organisasi"], body["rantai_evaluasi"]


def test_kedudukan_with_a_plt_in_force(bidang_dengan_plt, admin_api):
    s = bidang_dengan_plt
    plt, kadis = orang(s.kepala_upt5, "plt", s.bidang), orang(s.kepala_dinas, "definitif", s.dinas)
    body = kedudukan(admin_api, s.staf_bidang).json()
    assert ringkas(body) == (plt, kadis, [plt, kadis])
    assert body["pola"] == 2


def test_kedudukan_in_a_vacancy_falls_to_the_head_above(bidang_dengan_plt, admin_api):
    s = bidang_dengan_plt
    atasan = orang(s.kepala_dinas, "atasan", s.dinas)
    body = kedudukan(admin_api, s.staf_bidang, dt.date(2024, 5, 1)).json()
    assert ringkas(body) == (atasan, orang(s.kepala_dinas, "definitif", s.dinas), [atasan])


def test_kedudukan_on_a_past_date_gives_the_earlier_head(bidang_dengan_plt, admin_api):
    s = bidang_dengan_plt
    body = kedudukan(admin_api, s.staf_bidang, dt.date(2024, 4, 15)).json()
    assert body["tanggal"] == "2024-04-15"
    assert body["ppk"] == orang(s.kepala_bidang, "definitif", s.bidang)


def test_kedudukan_with_a_delegation_of_ppk_authority(struktur, admin_api):
    s = struktur
    tetapkan(s.dpmptsp, s.kepala_sek_dpmptsp, JenisPeran.DELEGASI, dt.date(2024, 5, 1), dt.date(2024, 6, 30))
    delegasi = orang(s.kepala_sek_dpmptsp, "delegasi", s.dpmptsp)
    kepala = orang(s.kepala_dpmptsp, "definitif", s.dpmptsp)
    assert ringkas(kedudukan(admin_api, s.staf_dpmptsp).json()) == (delegasi, kepala, [delegasi, kepala])
    assert kedudukan(admin_api, s.staf_dpmptsp, dt.date(2024, 7, 1)).json()["ppk"] == kepala


def test_kedudukan_with_a_plh(struktur, admin_api):
    s = struktur
    tetapkan(s.seksi, s.staf_kelurahan, JenisPeran.PLH, HARI, HARI)
    assert kedudukan(admin_api, s.staf_seksi).json()["ppk"] == orang(s.staf_kelurahan, "plh", s.seksi)


def test_kedudukan_before_any_placement_is_empty(struktur, admin_api):
    assert kedudukan(admin_api, struktur.analis, "2019-12-31").json() == kedudukan_json(
        struktur.analis, unit=None, jabatan=None, uo=None, rantai=[], pola=None, tanggal="2019-12-31"
    )


def test_kedudukan_defaults_to_today(struktur, admin_api):
    body = kedudukan(admin_api, struktur.staf_seksi, None).json()
    assert body["tanggal"] == hari_ini().isoformat()
    assert body["ppk"] == orang(struktur.kepala_seksi, "definitif", struktur.seksi)


@pytest.mark.parametrize(
    "tanggal", ["2024-13-01", "03-05-2024", "kemarin", "2024-05-03T10:00", "\x00", "", "0001-01-01", "9999-12-31"]
)
def test_kedudukan_rejects_a_malformed_date(struktur, admin_api, tanggal):
    r = kedudukan(admin_api, struktur.analis, tanggal)
    assert r.status_code == 400
    assert r.json() == {
        "tanggal": ["Tanggal tidak sah: gunakan format YYYY-MM-DD antara 1940 dan 2099, mis. 2024-05-03."]
    }


def test_kedudukan_accepts_a_nip_with_spaces(struktur, admin_api):
    url = f"/api/v1/pegawai/{quote(struktur.analis.nip_tampil)}/kedudukan/"
    r = admin_api.get(url, {"tanggal": "2024-05-03"})
    assert r.status_code == 200 and r.json()["pola"] == 1


def test_kedudukan_query_count_does_not_grow_with_depth(struktur, admin_api, django_assert_num_queries):
    # session, account, grant, the placement with the person, the ancestors with their heads, the access log row
    with django_assert_num_queries(6):
        assert kedudukan(admin_api, struktur.staf_seksi, None).json()["pola"] == 4
    with django_assert_num_queries(6):
        assert kedudukan(admin_api, struktur.staf_dpmptsp, None).json()["pola"] == 3
    with django_assert_num_queries(6):
        assert kedudukan(admin_api, struktur.analis, None).json()["pola"] == 1


def test_kedudukan_by_token_of_a_superuser_takes_four_queries(struktur, django_user_model, django_assert_num_queries):
    root = django_user_model.objects.create_superuser("root", "", "rahasia-uji-123")
    api = klien()
    api.credentials(HTTP_AUTHORIZATION=f"Token {f.kunci_token(root)}")
    kedudukan(api, struktur.staf_seksi, None)  # the token's first use is noted once
    # the token with its account, the placement with the person, the ancestors with their heads, the log row
    with django_assert_num_queries(4):
        assert kedudukan(api, struktur.analis, None).status_code == 200
    with django_assert_num_queries(4):  # any date alike
        assert kedudukan(api, struktur.analis, "2024-05-03").status_code == 200
