"""The appraisal's rules, pure: the predikat matrix cell by cell, the distribution per organisation
predikat with spreads that keep and break each rule (small units included), angka kredit for every
jenjang and predikat, and the periods."""

import datetime as dt
from decimal import Decimal

import pytest

from kinerja import penilaian
from kinerja.penilaian import angka_kredit, batas_distribusi, cek_distribusi, periode, predikat

# PermenPANRB 6/2022 (SPEC §6): rows rating hasil kerja, columns rating perilaku kerja.
MATRIKS = [
    ("di_atas", "di_bawah", "kurang"),
    ("di_atas", "sesuai", "baik"),
    ("di_atas", "di_atas", "sangat_baik"),
    ("sesuai", "di_bawah", "kurang"),
    ("sesuai", "sesuai", "baik"),
    ("sesuai", "di_atas", "baik"),
    ("di_bawah", "di_bawah", "sangat_kurang"),
    ("di_bawah", "sesuai", "butuh_perbaikan"),
    ("di_bawah", "di_atas", "butuh_perbaikan"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "harapan"), MATRIKS)
def test_matriks_predikat(hasil, perilaku, harapan):
    assert predikat(hasil, perilaku) == harapan


def test_matriks_lengkap():
    assert len(penilaian.MATRIKS) == 9 == len({(h, p) for h, p, _ in MATRIKS})


def sebaran(sb=0, b=0, bp=0, k=0, sk=0) -> dict[str, int]:
    return {"sangat_baik": sb, "baik": b, "butuh_perbaikan": bp, "kurang": k, "sangat_kurang": sk}


def langgar(po, jumlah) -> list[str]:
    return [a["uraian"] for a in cek_distribusi(po, jumlah) if not a["terpenuhi"]]


# (organisation predikat, spread, the rules broken — by a word of their text — or [] when it holds)
DISTRIBUSI = [
    # istimewa: at most 70% sangat baik
    ("istimewa", sebaran(sb=7, b=3), []),
    ("istimewa", sebaran(sb=8, b=2), ["70% pegawai berpredikat Sangat Baik"]),
    ("istimewa", sebaran(sb=10), ["70% pegawai berpredikat Sangat Baik"]),
    ("istimewa", sebaran(sb=2, b=1), []),  # 2/3 = 66.7%
    ("istimewa", sebaran(sb=3, b=1), ["70% pegawai berpredikat Sangat Baik"]),  # 75%
    ("istimewa", sebaran(sb=1), ["70% pegawai berpredikat Sangat Baik"]),  # a unit of one
    ("istimewa", sebaran(b=1), []),
    # baik: at most 70% baik, and at least one butuh perbaikan or kurang
    ("baik", sebaran(sb=2, b=7, bp=1), []),
    ("baik", sebaran(b=7, k=1, sb=2), []),
    ("baik", sebaran(b=8, bp=1, sb=1), ["70% pegawai berpredikat Baik"]),
    ("baik", sebaran(sb=3, b=7), ["Butuh Perbaikan atau Kurang"]),
    ("baik", sebaran(b=9, bp=1), ["70% pegawai berpredikat Baik"]),
    ("baik", sebaran(b=1), ["70% pegawai berpredikat Baik", "Butuh Perbaikan atau Kurang"]),
    ("baik", sebaran(b=1, bp=1), []),  # 50%
    ("baik", sebaran(sk=3), ["Butuh Perbaikan atau Kurang"]),
    # butuh perbaikan: at least 60% butuh perbaikan, at most 10% sangat baik
    ("butuh_perbaikan", sebaran(bp=6, b=3, sb=1), []),
    ("butuh_perbaikan", sebaran(bp=5, b=5), ["60% pegawai berpredikat Butuh Perbaikan"]),
    ("butuh_perbaikan", sebaran(bp=6, sb=2, b=2), ["10% pegawai berpredikat Sangat Baik"]),
    ("butuh_perbaikan", sebaran(bp=3, b=1, sb=1), ["10% pegawai berpredikat Sangat Baik"]),  # 1/5 = 20%
    ("butuh_perbaikan", sebaran(bp=3, b=2), []),  # 60% exactly
    ("butuh_perbaikan", sebaran(bp=9, sb=1), []),  # 10% exactly
    # kurang: at least 60% kurang, at least 10% butuh perbaikan, at most 10% sangat baik
    ("kurang", sebaran(k=6, bp=1, b=2, sb=1), []),
    ("kurang", sebaran(k=5, bp=5), ["60% pegawai berpredikat Kurang"]),
    ("kurang", sebaran(k=7, b=3), ["10% pegawai berpredikat Butuh Perbaikan"]),
    ("kurang", sebaran(k=6, bp=2, sb=2), ["10% pegawai berpredikat Sangat Baik"]),
    ("kurang", sebaran(k=3, bp=1), []),  # small: 1/4 ≥ 10%
    ("kurang", sebaran(k=4), ["10% pegawai berpredikat Butuh Perbaikan"]),  # 10% of 4 is less than one person
    ("kurang", sebaran(k=3, bp=1, sb=1), ["10% pegawai berpredikat Sangat Baik"]),
    # sangat kurang: at least 60% sangat kurang, at least 10% kurang or butuh perbaikan, no sangat baik
    ("sangat_kurang", sebaran(sk=6, k=1, b=3), []),
    ("sangat_kurang", sebaran(sk=6, bp=1, b=3), []),
    ("sangat_kurang", sebaran(sk=5, k=5), ["60% pegawai berpredikat Sangat Kurang"]),
    ("sangat_kurang", sebaran(sk=8, b=2), ["10% pegawai berpredikat Kurang"]),
    ("sangat_kurang", sebaran(sk=8, k=1, sb=1), ["Tidak ada pegawai berpredikat Sangat Baik"]),
    ("sangat_kurang", sebaran(sk=2, k=1), []),
    ("sangat_kurang", sebaran(sk=1), ["10% pegawai berpredikat Kurang"]),
]


@pytest.mark.parametrize(("po", "jumlah", "dilanggar"), DISTRIBUSI)
def test_distribusi(po, jumlah, dilanggar):
    hasil = langgar(po, jumlah)
    assert len(hasil) == len(dilanggar), hasil
    for kata, uraian in zip(dilanggar, hasil, strict=True):
        assert kata in uraian


@pytest.mark.parametrize("po", ["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"])
def test_distribusi_setiap_predikat_punya_yang_menjaga_dan_melanggar(po):
    """Each organisation predikat has at least one rule, a spread above keeps it and one breaks it."""
    kasus = [d for d in DISTRIBUSI if d[0] == po]
    assert any(not d[2] for d in kasus) and any(d[2] for d in kasus)
    assert cek_distribusi(po, sebaran())  # rules exist
    assert not langgar(po, sebaran())  # nobody evaluated breaks nothing


def test_tanpa_predikat_organisasi_tidak_ada_aturan():
    assert cek_distribusi(None, sebaran(sb=10)) == []


def test_batas_grafik():
    # baik, 10 staff: at most 7 baik; butuh perbaikan stays 0..10 (the "at least one" rule counts two predikat)
    b = batas_distribusi("baik", 10)
    assert b["baik"] == (0, 7) and b["sangat_baik"] == (0, 10)
    k = batas_distribusi("kurang", 4)
    assert k["kurang"] == (3, 4)  # 60% of 4 = 2.4 → at least 3
    assert k["butuh_perbaikan"] == (1, 4)  # 10% of 4 → at least 1
    assert k["sangat_baik"] == (0, 0)  # 10% of 4 → nobody
    assert batas_distribusi("sangat_kurang", 20)["sangat_baik"] == (0, 0)
    assert batas_distribusi(None, 5)["baik"] == (0, 5)


# PermenPANRB 1/2023: koefisien per year × 150/100/75/50/25 %
KOEFISIEN = {
    "pemula": "3.75",
    "terampil": "5",
    "mahir": "12.5",
    "penyelia": "25",
    "ahli_pertama": "12.5",
    "ahli_muda": "25",
    "ahli_madya": "37.5",
    "ahli_utama": "50",
}
PERSEN = {"sangat_baik": 150, "baik": 100, "butuh_perbaikan": 75, "kurang": 50, "sangat_kurang": 25}
ANGKA_KREDIT = {
    "pemula": ["5.625", "3.750", "2.813", "1.875", "0.938"],
    "terampil": ["7.500", "5.000", "3.750", "2.500", "1.250"],
    "mahir": ["18.750", "12.500", "9.375", "6.250", "3.125"],
    "penyelia": ["37.500", "25.000", "18.750", "12.500", "6.250"],
    "ahli_pertama": ["18.750", "12.500", "9.375", "6.250", "3.125"],
    "ahli_muda": ["37.500", "25.000", "18.750", "12.500", "6.250"],
    "ahli_madya": ["56.250", "37.500", "28.125", "18.750", "9.375"],
    "ahli_utama": ["75.000", "50.000", "37.500", "25.000", "12.500"],
}


@pytest.mark.parametrize("jenjang", list(KOEFISIEN))
@pytest.mark.parametrize("pred", list(PERSEN))
def test_angka_kredit(jenjang, pred):
    harapan = ANGKA_KREDIT[jenjang][list(PERSEN).index(pred)]
    assert str(angka_kredit(jenjang, pred)) == harapan
    # the table above is the koefisien × percentage, rounded half up to 3 decimals
    tepat = Decimal(KOEFISIEN[jenjang]) * PERSEN[pred] / 100
    assert abs(Decimal(harapan) - tepat) < Decimal("0.0005") + Decimal("0.0000001")


def test_kebutuhan_angka_kredit_kumulatif_dalam_jenjang():
    assert penilaian.kebutuhan_ak("ahli_pertama", "III/a") == ("III/b", 50)
    assert penilaian.kebutuhan_ak("ahli_pertama", "III/b")[1] == 100
    assert penilaian.kebutuhan_ak("ahli_muda", "III/d")[1] == 200
    assert [penilaian.kebutuhan_ak("ahli_madya", g)[1] for g in ("IV/a", "IV/b", "IV/c")] == [150, 300, 450]
    assert [penilaian.kebutuhan_ak("terampil", g)[1] for g in ("II/b", "II/c", "II/d")] == [20, 40, 60]
    assert penilaian.kebutuhan_ak("ahli_utama", "IV/e") is None
    assert penilaian.kebutuhan_ak("penyelia", "III/d") is None


@pytest.mark.parametrize(
    ("mulai", "selesai", "bulan"),
    [
        (dt.date(2027, 1, 1), dt.date(2027, 12, 31), 12),
        (dt.date(2027, 1, 1), dt.date(2027, 6, 14), 6),  # moved on 15 June
        (dt.date(2027, 6, 15), dt.date(2027, 12, 31), 6),
        (dt.date(2027, 6, 1), dt.date(2027, 12, 31), 7),
        (dt.date(2027, 12, 2), dt.date(2027, 12, 31), 0),
    ],
)
def test_bulan_dalam(mulai, selesai, bulan):
    assert penilaian.bulan_dalam(mulai, selesai) == bulan


def test_angka_kredit_sebagian_tahun():
    # BKN's example: two months Baik as Ahli Pertama
    assert str(angka_kredit("ahli_pertama", "baik", 2)) == "2.083"
    assert str(angka_kredit("ahli_muda", "sangat_baik", 6)) == "18.750"


@pytest.mark.parametrize(
    ("kode", "jenis", "mulai", "selesai"),
    [
        ("2027", "tahunan", dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
        ("2027-02", "bulanan", dt.date(2027, 2, 1), dt.date(2027, 2, 28)),
        ("2028-02", "bulanan", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        ("2027-T1", "triwulanan", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
        ("2027-T4", "triwulanan", dt.date(2027, 10, 1), dt.date(2027, 12, 31)),
    ],
)
def test_periode(kode, jenis, mulai, selesai):
    p = periode(kode)
    assert (p.jenis, p.mulai, p.selesai, p.tahun) == (jenis, mulai, selesai, int(kode[:4]))


@pytest.mark.parametrize(
    "kode", ["2027-13", "2027-00", "2027-T5", "27", "2027-1", "abc", "", None, 2027, "20２７", "2027-T１", "2027\n"]
)
def test_periode_salah(kode):
    assert periode(kode) is None


def test_periode_tahun():
    assert [p.kode for p in penilaian.periode_tahun(2027, "triwulanan")] == [
        "2027-T1",
        "2027-T2",
        "2027-T3",
        "2027-T4",
        "2027",
    ]
    assert len(penilaian.periode_tahun(2027, "bulanan")) == 13
