import datetime as dt

import pytest

from organisasi.selectors import kedudukan_pada
from tests.conftest import HARI


def ringkas(k):
    return {
        "ppk": (k.ppk.pegawai.nama, k.ppk.sebagai) if k.ppk else None,
        "pimpinan": (k.pimpinan.pegawai.nama, k.pimpinan.sebagai) if k.pimpinan else None,
        "rantai": [p.pegawai.nama for p in k.rantai],
        "pola": k.pola,
    }


@pytest.mark.parametrize("staf, ppk, rantai, pola", [
    ("analis", "bag_org", ["bag_org", "asisten", "setda"], 1),
    ("staf_bidang", "bidang", ["bidang", "dinas"], 2),
    ("staf_dpmptsp", "dpmptsp", ["dpmptsp"], 3),
    ("staf_sek_dpmptsp", "sek_dpmptsp", ["sek_dpmptsp"], 3),
    ("staf_seksi", "seksi", ["seksi", "kecamatan"], 4),
    ("staf_kelurahan", "kelurahan", ["kelurahan"], 5),
    ("staf_upt5", "upt5", ["upt5"], 5),
    ("staf_upt6", "upt6", ["upt6"], 6),
])
def test_each_pattern_resolves_from_the_tree(struktur, staf, ppk, rantai, pola):
    k = kedudukan_pada(getattr(struktur, staf), HARI)
    nama = lambda u: getattr(struktur, f"kepala_{u}").nama  # noqa: E731
    assert ringkas(k) == {
        "ppk": (nama(ppk), "definitif"),
        "pimpinan": (nama(rantai[-1]), "definitif"),
        "rantai": [nama(u) for u in rantai],
        "pola": pola,
    }


def test_unit_patterns_are_stored(struktur):
    pola = {u: getattr(struktur, u).pola for u in
            ["setda", "dinas", "dpmptsp", "sek_dpmptsp", "kecamatan", "kelurahan", "upt5", "upt6", "bidang"]}
    assert pola == {"setda": 1, "dinas": 2, "dpmptsp": 3, "sek_dpmptsp": 3, "kecamatan": 4, "kelurahan": 5,
                    "upt5": 5, "upt6": 6, "bidang": None}
