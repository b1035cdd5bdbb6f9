"""The organisasi REST API: units and their tree (API.md "Fixed resources").

Shared helpers for the other test_api_*.py modules live here too.
"""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from organisasi import services
from organisasi.choices import JenisPeran
from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.models import PejabatUnit
from organisasi.selectors import hari_ini, pohon
from tests import factories as f

HARI_LAIN = dt.timedelta(days=1)


# --- helpers shared by the API tests -------------------------------------------------------------


def klien(user=None) -> APIClient:
    c = APIClient()
    if user is not None:
        c.force_login(user)
    return c


def orang(pegawai, sebagai: str, unit=None) -> dict:
    """The JSON of a person in a head's role; `unit` (kode) appears in kedudukan only."""
    d = {"nip": pegawai.nip, "nama": pegawai.nama, "jabatan": pegawai.jabatan.nama, "sebagai": sebagai}
    if unit is not None:
        d["unit"] = unit.kode
    return d


def kodes(response) -> list[str]:
    return [u["kode"] for u in response.json()["results"]]


def tambah_unit(induk, jumlah: int, awalan: str) -> None:
    """Grow the tree: sub-units under `induk`, each with a definitive head and one staff member."""
    for i in range(jumlah):
        u = f.unit(induk, f"{awalan}-{i}", J.BIDANG, T.ADMINISTRATOR, nama=f"Bidang Uji {i}")
        f.kepala(u)
        f.pegawai(u, nama=f"Staf Uji {awalan} {i}")


def tetapkan(unit, pegawai, jenis: str, mulai: dt.date, selesai: dt.date) -> PejabatUnit:
    return services.pejabat_tetapkan(pelaku=None, unit=unit, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)


def akhiri_definitif(unit, selesai: dt.date) -> PejabatUnit:
    baris = PejabatUnit.objects.get(unit=unit, jenis=JenisPeran.DEFINITIF, selesai__isnull=True)
    return services.pejabat_akhiri(pelaku=None, pejabat=baris, selesai=selesai)


@pytest.fixture
def admin_api(admin_organisasi):
    return klien(admin_organisasi)


AKAR = {
    "kode": "kab-uji",
    "nama": "Pemerintah Kabupaten Uji",
    "jenis": "instansi",
    "tingkat": None,
    "mandiri": False,
    "aktif": True,
    "induk": None,
    "instansi": "kab-uji",
    "pola": None,
    "pimpinan": None,
}


def unit_json(unit, *, induk: str, kepala, pola=None, mandiri=False) -> dict:
    return {
        "kode": unit.kode,
        "nama": unit.nama,
        "jenis": unit.jenis,
        "tingkat": unit.tingkat,
        "mandiri": mandiri,
        "aktif": True,
        "induk": induk,
        "instansi": "kab-uji",
        "pola": pola,
        "pimpinan": orang(kepala, "definitif"),
    }


# --- GET /api/v1/unit/ ---------------------------------------------------------------------------


def test_unit_list_is_paginated_in_tree_order(struktur, admin_api):
    r = admin_api.get("/api/v1/unit/", {"page_size": 2})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 13
    assert body["previous"] is None
    assert body["next"].endswith("/api/v1/unit/?page=2&page_size=2")
    assert body["results"] == [
        AKAR,
        unit_json(struktur.setda, induk="kab-uji", pola=1, kepala=struktur.kepala_setda, mandiri=True),
    ]
    terakhir = admin_api.get("/api/v1/unit/", {"page_size": 2, "page": 7}).json()
    assert terakhir["next"] is None and terakhir["previous"].endswith("page=6&page_size=2")
    assert [u["kode"] for u in terakhir["results"]] == ["kel-cepokomulyo"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"instansi": "kab-uji", "induk": "dinkes"}, ["dinkes-yankes", "dinkes-upt-lab", "dinkes-puskesmas"]),
        ({"instansi": "kab-lain"}, []),
        ({"tingkat": "pengawas"}, ["dinkes-upt-lab", "kec-kepanjen-pem", "kel-cepokomulyo"]),
        ({"jenis": "upt"}, ["dinkes-upt-lab", "dinkes-puskesmas"]),
        ({"q": "KEPANJEN"}, ["dinkes-puskesmas", "kec-kepanjen", "kec-kepanjen-pem"]),
        ({"q": "setda-bag"}, ["setda-bag-organisasi"]),
        ({"mandiri": "true", "induk": "dpmptsp"}, ["dpmptsp-sekretariat"]),
        ({"mandiri": "false", "induk": "kec-kepanjen"}, ["kec-kepanjen-pem"]),
        ({"pola": 5}, ["dinkes-upt-lab", "kel-cepokomulyo"]),
        ({"di_bawah": "kec-kepanjen"}, ["kec-kepanjen", "kec-kepanjen-pem", "kel-cepokomulyo"]),
        ({"di_bawah": "tidak-ada"}, []),
    ],
)
def test_unit_list_filters(struktur, admin_api, params, expected):
    r = admin_api.get("/api/v1/unit/", params)
    assert r.status_code == 200
    assert kodes(r) == expected


@pytest.mark.parametrize(
    "params, field",
    [
        ({"tingkat": "camat"}, "tingkat"),
        ({"pola": "9"}, "pola"),
        ({"mandiri": "mungkin"}, "mandiri"),
        ({"jenis": ""}, "jenis"),
        ({"pola": ""}, "pola"),
        ({"aktif": ""}, "aktif"),
    ],
)
def test_unit_list_rejects_bad_filter_values(struktur, admin_api, params, field):
    r = admin_api.get("/api/v1/unit/", params)
    assert r.status_code == 400
    assert list(r.json()) == [field]


@pytest.mark.parametrize("page_size", ["0", "501", "-1", "dua", "", "null"])
def test_unit_list_rejects_a_bad_page_size(struktur, admin_api, page_size):
    r = admin_api.get("/api/v1/unit/", {"page_size": page_size})
    assert r.status_code == 400
    assert r.json() == {"page_size": ["Gunakan bilangan bulat 1 sampai 500."]}


def test_unit_list_page_out_of_range_is_404_in_indonesian(struktur, admin_api):
    r = admin_api.get("/api/v1/unit/", {"page": 99})
    assert r.status_code == 404
    assert r.json() == {"detail": "Halaman tidak ditemukan."}


def test_unit_list_query_count_does_not_grow(struktur, admin_api, django_assert_num_queries):
    # session, account, grant, count, page, heads of the page
    with django_assert_num_queries(6):
        assert admin_api.get("/api/v1/unit/").json()["count"] == 13
    with django_assert_num_queries(3):  # the same answer again: only the caller is read, until the structure changes
        assert admin_api.get("/api/v1/unit/").json()["count"] == 13
    tambah_unit(struktur.dinas, 12, "dinkes-tambah")
    with django_assert_num_queries(6):
        r = admin_api.get("/api/v1/unit/")
    assert r.json()["count"] == 25
    assert all(u["pimpinan"] for u in r.json()["results"] if u["jenis"] == "bidang")


def test_unknown_parameters_are_answered_but_not_cached(struktur, admin_api, django_assert_num_queries):
    for _ in range(2):
        with django_assert_num_queries(6):  # session, account, grant, count, page, heads
            assert admin_api.get("/api/v1/unit/", {"acak": "123"}).json()["count"] == 13


def test_cached_unit_answers_follow_changes_and_scopes(struktur, admin_api):
    assert admin_api.get("/api/v1/unit/dinkes-yankes/").json()["nama"] == "Bidang Pelayanan Kesehatan"
    services.unit_ubah(pelaku=None, unit=struktur.bidang, nama="Bidang Layanan")
    assert admin_api.get("/api/v1/unit/dinkes-yankes/").json()["nama"] == "Bidang Layanan"
    pohon = admin_api.get("/api/v1/unit/dinkes/pohon/").json()
    assert "Bidang Layanan" in str(pohon)
    staf = klien(struktur.analis.akun)  # another scope: the cached answers of the admin are not theirs
    assert staf.get("/api/v1/unit/dinkes-yankes/").status_code == 404
    assert staf.get("/api/v1/unit/").json()["count"] < admin_api.get("/api/v1/unit/").json()["count"]


# --- GET /api/v1/unit/{kode}/ --------------------------------------------------------------------


def test_unit_detail(struktur, admin_api):
    r = admin_api.get("/api/v1/unit/setda-bag-organisasi/")
    assert r.status_code == 200
    bagian = unit_json(struktur.bag_org, induk="setda-asisten-1", kepala=struktur.kepala_bag_org)
    assert r.json() == {**bagian, "nama_pola": None, "catatan_pola": "", "unit_organisasi": "setda"}


def test_unit_detail_of_a_unit_organisasi_names_its_pattern(struktur, admin_api):
    r = admin_api.get("/api/v1/unit/kec-kepanjen/")
    kecamatan = unit_json(struktur.kecamatan, induk="kab-uji", pola=4, kepala=struktur.kepala_kecamatan, mandiri=True)
    assert r.json() == {
        **kecamatan,
        "nama_pola": "Dipimpin administrator (pengawas sebagai PPK)",
        "catatan_pola": "",
        "unit_organisasi": "kec-kepanjen",
    }


def test_unit_detail_of_the_instansi_root(struktur, admin_api):
    r = admin_api.get("/api/v1/unit/kab-uji/")
    assert r.json() == {**AKAR, "nama_pola": None, "catatan_pola": "", "unit_organisasi": None}


def test_unit_detail_shows_the_plh_in_force_today(struktur, admin_api):
    hari = hari_ini()
    tetapkan(struktur.bag_org, struktur.analis, JenisPeran.PLH, hari - HARI_LAIN, hari + 10 * HARI_LAIN)
    r = admin_api.get("/api/v1/unit/setda-bag-organisasi/")
    assert r.json()["pimpinan"] == orang(struktur.analis, "plh")
    daftar = admin_api.get("/api/v1/unit/", {"q": "Bagian Organisasi"}).json()
    assert daftar["results"][0]["pimpinan"] == orang(struktur.analis, "plh")


def test_unit_detail_of_a_vacant_unit_has_no_pimpinan(struktur, admin_api):
    akhiri_definitif(struktur.bidang, hari_ini() - HARI_LAIN)
    assert admin_api.get("/api/v1/unit/dinkes-yankes/").json()["pimpinan"] is None


@pytest.mark.parametrize("kode", ["tidak-ada", "bukan kode", "%00", "a" * 65])
def test_unit_detail_unknown_or_malformed_kode_is_404(struktur, admin_api, kode):
    r = admin_api.get(f"/api/v1/unit/{kode}/")
    assert r.status_code == 404
    assert r.json() == {"detail": "Unit tidak ditemukan."}


def test_unit_detail_ignores_list_filters(struktur, admin_api):
    assert admin_api.get("/api/v1/unit/setda/", {"tingkat": "camat"}).status_code == 200


# --- GET /api/v1/unit/{kode}/pohon/ --------------------------------------------------------------


def simpul(kode, nama, jenis, tingkat, mandiri, pola, kepala, anak=()) -> dict:
    return {
        "kode": kode,
        "nama": nama,
        "jenis": jenis,
        "tingkat": tingkat,
        "mandiri": mandiri,
        "aktif": True,
        "pola": pola,
        "pimpinan": orang(kepala, "definitif"),
        "anak": list(anak),
    }


def test_pohon_of_a_kecamatan(struktur, admin_api):
    s = struktur
    r = admin_api.get("/api/v1/unit/kec-kepanjen/pohon/")
    assert r.status_code == 200
    assert r.json() == simpul(
        "kec-kepanjen",
        "Kecamatan Kepanjen",
        "kecamatan",
        "administrator",
        True,
        4,
        s.kepala_kecamatan,
        [
            simpul("kec-kepanjen-pem", "Seksi Pemerintahan", "seksi", "pengawas", False, None, s.kepala_seksi),
            simpul("kel-cepokomulyo", "Kelurahan Cepokomulyo", "kelurahan", "pengawas", True, 5, s.kepala_kelurahan),
        ],
    )


def _susunan(node) -> dict | str:
    return {node["kode"]: [_susunan(a) for a in node["anak"]]} if node["anak"] else node["kode"]


def test_pohon_of_the_root_holds_the_whole_instansi(struktur, admin_api):
    r = admin_api.get("/api/v1/unit/kab-uji/pohon/")
    assert r.status_code == 200
    assert r.json()["pimpinan"] is None and r.json()["tingkat"] is None
    assert _susunan(r.json()) == {
        "kab-uji": [
            {"setda": [{"setda-asisten-1": ["setda-bag-organisasi"]}]},
            {"dinkes": ["dinkes-yankes", "dinkes-upt-lab", "dinkes-puskesmas"]},
            {"dpmptsp": ["dpmptsp-sekretariat"]},
            {"kec-kepanjen": ["kec-kepanjen-pem", "kel-cepokomulyo"]},
        ]
    }


def test_pohon_shows_acting_heads_and_vacancies_of_today(struktur, admin_api):
    hari = hari_ini()
    akhiri_definitif(struktur.bidang, hari - HARI_LAIN)
    tetapkan(struktur.seksi, struktur.staf_seksi, JenisPeran.PLH, hari, hari + 5 * HARI_LAIN)
    dinas = admin_api.get("/api/v1/unit/dinkes/pohon/").json()
    assert dinas["anak"][0]["kode"] == "dinkes-yankes" and dinas["anak"][0]["pimpinan"] is None
    kec = admin_api.get("/api/v1/unit/kec-kepanjen/pohon/").json()
    assert kec["anak"][0]["pimpinan"] == orang(struktur.staf_seksi, "plh")


def dari_selector(node) -> dict:
    """`selectors.pohon` translated by hand: the endpoint's fast path must give the same tree."""
    u, b = node["unit"], node["pimpinan"]
    return {
        "kode": u.kode,
        "nama": u.nama,
        "jenis": u.jenis,
        "tingkat": u.tingkat or None,
        "mandiri": u.mandiri,
        "aktif": u.aktif,
        "pola": u.pola,
        "pimpinan": orang(b.pegawai, b.jenis) if b else None,
        "anak": [dari_selector(a) for a in node["anak"]],
    }


def test_pohon_matches_the_selector(struktur, admin_api):
    hari = hari_ini()
    akhiri_definitif(struktur.upt5, hari - 3 * HARI_LAIN)
    tetapkan(struktur.upt5, struktur.staf_upt5, JenisPeran.PLT, hari - HARI_LAIN, hari + 9 * HARI_LAIN)
    tetapkan(struktur.dinas, struktur.kepala_bidang, JenisPeran.DELEGASI, hari, hari)
    akhiri_definitif(struktur.seksi, hari - HARI_LAIN)
    r = admin_api.get("/api/v1/unit/kab-uji/pohon/")
    assert r.json() == dari_selector(pohon(struktur.akar, tanggal=hari))
    assert r.json()["anak"][1]["anak"][1]["pimpinan"] == orang(struktur.staf_upt5, "plt")
    # a delegate holds the PPK authority, not the lead
    assert r.json()["anak"][1]["pimpinan"] == orang(struktur.kepala_dinas, "definitif")


def test_pohon_query_count_does_not_grow_with_the_tree(struktur, admin_api, django_assert_num_queries):
    # session, account, grant, the unit, the tree, its heads
    with django_assert_num_queries(6):
        kecil = admin_api.get("/api/v1/unit/kab-uji/pohon/").json()
    tambah_unit(struktur.dinas, 10, "dinkes-a")
    tambah_unit(struktur.kecamatan, 10, "kec-a")
    with django_assert_num_queries(6):
        besar = admin_api.get("/api/v1/unit/kab-uji/pohon/").json()
    assert len(kecil["anak"][1]["anak"]) == 3
    assert len(besar["anak"][1]["anak"]) == 13
    assert besar["anak"][3]["anak"][-1]["pimpinan"]["sebagai"] == "definitif"
