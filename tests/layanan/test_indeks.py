"""The satisfaction index against worked examples computed by hand from the regulations' formula
(PermenPANRB 14/2017; Kepmen PAN 25/2004; API.md *Layanan*):

    per element, NRR = sum of its answers ÷ number who answered it;
    over the k elements anyone answered, IKM = Σ NRR × (1/k) × 25,
    exact fractions, rounded half up to two decimals only at the end; mutu read from the rounded IKM.

Each case states its hand computation. Every case is checked twice: on the pure functions of
`layanan.indeks` (no database) and through the API (`POST /layanan/{kode}/responden/`, then
`GET /layanan/{kode}/ikm/`), which must give the same figures.
"""

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from layanan import indeks
from layanan.models import SkemaSurvei
from layanan.skema_bawaan import IKM_2004, SKM_2017

from .conftest import layanan_terbit


def skema_murni(data) -> indeks.Skema:
    """A shipped scheme straight from its data (no database)."""
    return indeks.Skema(
        kode=data["kode"],
        nama=data["nama"],
        unsur=tuple(indeks.Unsur(u[0], u[1]) for u in data["unsur"]),
        mutu=tuple(indeks.Mutu(m, k, Decimal(b), Decimal(a)) for m, k, b, a in data["mutu"]),
        pengali=25,
    )


SKM = skema_murni(SKM_2017)
IKM04 = skema_murni(IKM_2004)
U9 = [f"U{i}" for i in range(1, 10)]
U14 = [f"U{i}" for i in range(1, 15)]


def baris(nilai: list[int | None], kode=U9) -> dict[str, int]:
    """One questionnaire from its answers in element order (None: left unanswered)."""
    return {k: n for k, n in zip(kode, nilai, strict=True) if n is not None}


def serupa(n: int, total: int, kode=U9) -> list[dict[str, int]]:
    """`n` questionnaires answering every element, with answers summing to `total`: every answer
    b = total ÷ cells (rounded down), and the first total mod cells answers (respondent by respondent, element
    by element) one point more."""
    sel = n * len(kode)
    dasar, lebih = divmod(total, sel)
    assert 1 <= dasar and dasar + (lebih > 0) <= 4
    nilai = [dasar + (i < lebih) for i in range(sel)]
    return [dict(zip(kode, nilai[r * len(kode) : (r + 1) * len(kode)], strict=True)) for r in range(n)]


# --- the worked examples -------------------------------------------------------------------------------
#
# (name, scheme, questionnaires, expected IKM, mutu, expected figures per element as (sum, n, NRR shown))

# 1. One respondent; exact 1/9 (SKM 2017).
#    Answers U1..U9 = 4,3,4,3,4,3,4,3,4: NRR = the answers; Σ NRR = 5×4 + 4×3 = 32.
#    IKM = 32 × 1/9 × 25 = 800/9 = 88.888… → 88.89 → A (88.31–100.00).
#    With 0.111 for 1/9: 32 × 0.111 × 25 = 88.80 (another index); with 0.11: 32 × 0.11 × 25 = 88.00 → B.
SATU = [baris([4, 3, 4, 3, 4, 3, 4, 3, 4])]

# 2. Lands exactly on .xx5: half up only at the end (SKM 2017, 8 respondents; U7–U9 answered by 3 of them).
#    U1: 2 ×8 = 16 → 16/8 = 2        U4: 4,4,3×6 = 26 → 3.25       U7: 4,3,3 = 10 → 10/3
#    U2: 4,3×7 = 25 → 3.125          U5: 4×4,3×4 = 28 → 3.5        U8: 4,3,3 = 10 → 10/3
#    U3: 4×4,3×4 = 28 → 3.5          U6: 3×6,2×2 = 22 → 2.75       U9: 4,3,3 = 10 → 10/3
#    Σ NRR = 2 + 3.125 + 3.5 + 3.25 + 3.5 + 2.75 + 3 × 10/3 = 18.125 + 10 = 28.125 (exact).
#    IKM = 28.125 × 1/9 × 25 = 703.125/9 = 78.125 exactly → half up: 78.13 → B.
#    Banker's rounding (half to even) would give 78.12. Rounding each NRR to 4 decimals first: 10/3 → 3.3333,
#    Σ = 18.125 + 9.9999 = 28.1249, × 25/9 = 78.12472… → 78.12. With 0.111 for 1/9: 78.046875 → 78.05.
SETENGAH = [
    baris([2, 4, 4, 4, 4, 3, 4, 4, 4]),
    baris([2, 3, 4, 4, 4, 3, 3, 3, 3]),
    baris([2, 3, 4, 3, 4, 3, 3, 3, 3]),
    baris([2, 3, 4, 3, 4, 3, None, None, None]),
    baris([2, 3, 3, 3, 3, 3, None, None, None]),
    baris([2, 3, 3, 3, 3, 3, None, None, None]),
    baris([2, 3, 3, 3, 3, 2, None, None, None]),
    baris([2, 3, 3, 3, 3, 2, None, None, None]),
]

# 3. An element nobody answered (SKM 2017, 2 respondents; U4 biaya left blank by both: a free service).
#    U1 4+3 = 7 → 3.5; U2 4+4 = 8 → 4; U3 3+3 = 6 → 3; U5 4+3 = 7 → 3.5; U6 4+4 = 8 → 4; U7 4+4 = 8 → 4;
#    U8 3+3 = 6 → 3; U9 4+3 = 7 → 3.5. k = 8 (U4 drops out), Σ NRR = 28.5.
#    IKM = 28.5 × 1/8 × 25 = 89.0625 → 89.06 → A. Weighting by 1/9 as if U4 counted (NRR 0) would give
#    28.5 × 25/9 = 79.1666… → 79.17 → B.
KOSONG_SATU = [baris([4, 4, 3, None, 4, 4, 4, 3, 4]), baris([3, 4, 3, None, 3, 4, 4, 3, 3])]

# 4.–9. Band boundaries, SKM 2017: 300 respondents answer all nine, T = the sum of all 2,700 answers.
#    Every n = 300, so Σ NRR = T/300 and IKM = T/300 × 1/9 × 25 = T/108.
#    T = 8273: 76.601851… → 76.60 → C (top of C)      T = 8274: 76.611111… → 76.61 → B (bottom of B)
#    T = 9536: 88.296296… → 88.30 → B (top of B)      T = 9537: 88.305555… → 88.31 → A (bottom of A)
#    T = 7019: 64.990740… → 64.99 → D (top of D)      T = 7020: 65 exactly    → 65.00 → C (bottom of C)
#    One answer one point higher moves the service across the band.

# 10. IKM 2004 (Kepmen PAN 25/2004), 14 elements, one respondent: U1–U7 = 3, U8–U14 = 2, Σ NRR = 35.
#     IKM = 35 × 1/14 × 25 = 62.5 exactly → 62.50 → C (43.76–62.50, its top).
# 11.–15. IKM 2004 boundaries: 200 respondents answer all 14; Σ NRR = T/200, IKM = T/200 × 1/14 × 25 = T/112.
#     T = 7001: 62.508928… → 62.51 → B (bottom of B). The Kepmen's printed weight 0.071 instead of 1/14
#     would give 35.005 × 0.071 × 25 = 62.133875 → 62.13 → C.
#     T = 9100: 81.25 exactly → B (top of B); T = 9101: 81.258928… → 81.26 → A (bottom of A).
#     T = 4900: 43.75 exactly → D (top of D); T = 4901: 43.758928… → 43.76 → C (bottom of C).
KASUS = {
    "satu_responden": (SKM, SATU, "88.89", "A"),
    "setengah_ke_atas": (SKM, SETENGAH, "78.13", "B"),
    "unsur_tak_dijawab": (SKM, KOSONG_SATU, "89.06", "A"),
    "batas_76_60": (SKM, serupa(300, 8273), "76.60", "C"),
    "batas_76_61": (SKM, serupa(300, 8274), "76.61", "B"),
    "batas_88_30": (SKM, serupa(300, 9536), "88.30", "B"),
    "batas_88_31": (SKM, serupa(300, 9537), "88.31", "A"),
    "batas_64_99": (SKM, serupa(300, 7019), "64.99", "D"),
    "batas_65_00": (SKM, serupa(300, 7020), "65.00", "C"),
    "ikm2004_62_50": (IKM04, [baris([3] * 7 + [2] * 7, U14)], "62.50", "C"),
    "ikm2004_62_51": (IKM04, serupa(200, 7001, U14), "62.51", "B"),
    "ikm2004_81_25": (IKM04, serupa(200, 9100, U14), "81.25", "B"),
    "ikm2004_81_26": (IKM04, serupa(200, 9101, U14), "81.26", "A"),
    "ikm2004_43_75": (IKM04, serupa(200, 4900, U14), "43.75", "D"),
    "ikm2004_43_76": (IKM04, serupa(200, 4901, U14), "43.76", "C"),
}
KINERJA = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}


# --- the pure functions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("nama", sorted(KASUS))
def test_contoh_dihitung_tangan(nama):
    skema, kuesioner, ikm, mutu = KASUS[nama]
    h = indeks.dari_jawaban(skema, kuesioner)
    assert (str(h.ikm), h.mutu.mutu, h.mutu.kinerja) == (ikm, mutu, KINERJA[mutu])
    assert h.sebagai_api()["ikm"] == ikm and h.sebagai_api()["mutu"] == mutu
    assert h.responden == len(kuesioner)


def test_satu_responden_bobot_eksak_sepersembilan():
    h = indeks.dari_jawaban(SKM, SATU)
    assert (h.responden, h.k, h.bobot) == (1, 9, Fraction(1, 9))
    assert [u.nrr for u in h.unsur] == [4, 3, 4, 3, 4, 3, 4, 3, 4]
    assert h.jumlah_tertimbang == Fraction(32, 9) and h.eksak == Fraction(800, 9)
    assert h.ikm == Decimal("88.89") and h.mutu.mutu == "A"
    # what a rounded weight would have said
    assert indeks.bulat(Fraction(32) * Fraction("0.111") * 25, 2) == Decimal("88.80")
    assert indeks.bulat(Fraction(32) * Fraction("0.11") * 25, 2) == Decimal("88.00")
    assert SKM.mutu_dari(Decimal("88.00")).mutu == "B"


def test_tepat_setengah_dibulatkan_ke_atas_hanya_di_akhir():
    h = indeks.dari_jawaban(SKM, SETENGAH)
    assert [(u.jumlah_nilai, u.jumlah_jawaban) for u in h.unsur] == [
        (16, 8), (25, 8), (28, 8), (26, 8), (28, 8), (22, 8), (10, 3), (10, 3), (10, 3),
    ]  # fmt: skip
    assert [u.nrr_teks for u in h.unsur] == [
        "2.0000", "3.1250", "3.5000", "3.2500", "3.5000", "2.7500", "3.3333", "3.3333", "3.3333",
    ]  # fmt: skip
    assert sum(u.nrr for u in h.unsur) == Fraction("28.125")
    assert h.eksak == Fraction("78.125")  # exactly on the half
    assert h.ikm == Decimal("78.13")
    # banker's rounding of the same exact value, and Python's round() of the float, give 78.12
    assert Decimal("78.125").quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN) == Decimal("78.12")
    assert round(78.125, 2) == 78.12
    # rounding each NRR to 4 decimals before summing also gives 78.12
    dibulatkan = sum(Fraction(u.nrr_teks) for u in h.unsur)
    assert dibulatkan == Fraction("28.1249")
    assert indeks.bulat(dibulatkan * Fraction(1, 9) * 25, 2) == Decimal("78.12")
    # and 0.111 for 1/9 gives 78.05
    assert indeks.bulat(Fraction("28.125") * Fraction("0.111") * 25, 2) == Decimal("78.05")


def test_unsur_yang_tidak_dijawab_siapa_pun_keluar_dari_k():
    h = indeks.dari_jawaban(SKM, KOSONG_SATU)
    u4 = h.unsur[3]
    assert (u4.kode, u4.jumlah_nilai, u4.jumlah_jawaban, u4.nrr, u4.nrr_teks, u4.tertimbang) == (
        "U4", 0, 0, None, None, None
    )  # fmt: skip
    assert (h.k, h.bobot, h.jumlah_tertimbang) == (8, Fraction(1, 8), Fraction("28.5") / 8)
    assert (h.eksak, h.ikm, h.mutu.mutu) == (Fraction("89.0625"), Decimal("89.06"), "A")
    # weighting by 1/9 as if U4 counted would have said 79.17 (B)
    assert indeks.bulat(Fraction("28.5") * Fraction(1, 9) * 25, 2) == Decimal("79.17")
    assert h.sebagai_api()["unsur"][3] == {
        "kode": "U4",
        "nama": "Biaya/tarif",
        "jumlah_nilai": 0,
        "jumlah_jawaban": 0,
        "nrr": None,
    }


@pytest.mark.parametrize(
    "total,ikm,mutu",
    [(8273, "76.60", "C"), (8274, "76.61", "B"), (9536, "88.30", "B"), (9537, "88.31", "A"), (7019, "64.99", "D"),
     (7020, "65.00", "C")],
)  # fmt: skip
def test_batas_mutu_skm2017(total, ikm, mutu):
    h = indeks.dari_jawaban(SKM, serupa(300, total))
    assert sum(u.jumlah_nilai for u in h.unsur) == total and {u.jumlah_jawaban for u in h.unsur} == {300}
    assert h.eksak == Fraction(total, 108)  # T/300 × 1/9 × 25
    assert (str(h.ikm), h.mutu.mutu) == (ikm, mutu)


def test_skema_2004_empat_belas_unsur_dan_pitanya():
    h = indeks.dari_jawaban(IKM04, [baris([3] * 7 + [2] * 7, U14)])
    assert (h.k, h.bobot, h.eksak, h.ikm) == (14, Fraction(1, 14), Fraction(125, 2), Decimal("62.50"))
    assert (h.mutu.mutu, h.mutu.kinerja) == ("C", "Kurang Baik")
    assert [u.kode for u in h.unsur] == U14
    h = indeks.dari_jawaban(IKM04, serupa(200, 7001, U14))
    assert (h.eksak, h.ikm, h.mutu.mutu) == (Fraction(7001, 112), Decimal("62.51"), "B")
    # the weight printed in the Kepmen, 0.071, would have said 62.13 (C)
    assert indeks.bulat(Fraction(7001, 200) * Fraction("0.071") * 25, 2) == Decimal("62.13")
    assert [(m.mutu, str(m.bawah), str(m.atas)) for m in IKM04.mutu] == [
        ("D", "25.00", "43.75"), ("C", "43.76", "62.50"), ("B", "62.51", "81.25"), ("A", "81.26", "100.00"),
    ]  # fmt: skip


def test_periode_kosong_tanpa_indeks():
    h = indeks.hitung(SKM, {}, 0)
    assert (h.responden, h.k, h.bobot, h.jumlah_tertimbang, h.eksak, h.ikm, h.mutu) == (
        0, 0, None, None, None, None, None
    )  # fmt: skip
    api = h.sebagai_api()
    assert (api["skema"], api["responden"], api["ikm"], api["mutu"], api["kinerja"]) == ("skm2017", 0, None, None, None)
    assert [u["nrr"] for u in api["unsur"]] == [None] * 9
    assert h.terlemah() == []


def test_pembulatan_setengah_ke_atas():
    assert indeks.bulat(Fraction("78.125"), 2) == Decimal("78.13")
    assert indeks.bulat(Fraction("78.115"), 2) == Decimal("78.12")  # half up, not to even (78.12 either way)
    assert indeks.bulat(Fraction("76.605"), 2) == Decimal("76.61")  # banker's: 76.60
    assert indeks.bulat(Fraction("76.6049999"), 2) == Decimal("76.60")
    assert indeks.bulat(Fraction(1, 3), 4) == Decimal("0.3333") and indeks.bulat(Fraction(2, 3), 4) == Decimal("0.6667")
    assert indeks.bulat(Fraction(100), 2) == Decimal("100.00")


@pytest.mark.django_db
def test_skema_dalam_basis_data_sama_dengan_data_bawaan():
    """The schemes the migration loaded are the data the pure cases above use."""
    for data, murni in ((SKM_2017, SKM), (IKM_2004, IKM04)):
        assert indeks.skema_dari(SkemaSurvei.objects.get(kode=data["kode"])) == murni


# --- the same numbers through the API ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("nama", sorted(KASUS))
def test_contoh_yang_sama_lewat_api(lay, nama):
    skema, kuesioner, ikm, mutu = KASUS[nama]
    s = lay.s
    tanggal = dt.date(timezone.localdate().year, 1, 1).isoformat()
    layanan = layanan_terbit(lay.admin, s.upt5, "uji-indeks", skema=skema.kode)
    c = APIClient()
    c.force_authenticate(user=s.staf_upt5.akun)
    r = c.post(
        f"/api/v1/layanan/{layanan.kode}/responden/",
        [{"tanggal": tanggal, "jawaban": j} for j in kuesioner],
        format="json",
    )
    assert r.status_code == 201 and r.json()["jumlah"] == len(kuesioner), r.json()
    r = c.get(f"/api/v1/layanan/{layanan.kode}/ikm/", {"mulai": tanggal, "selesai": tanggal, "skema": skema.kode})
    assert r.status_code == 200, r.json()
    d = r.json()
    murni = indeks.dari_jawaban(skema, kuesioner).sebagai_api()
    assert d == murni  # the API's figures are the pure function's, element by element
    assert (d["skema"], d["responden"], d["ikm"], d["mutu"], d["kinerja"]) == (
        skema.kode,
        len(kuesioner),
        ikm,
        mutu,
        KINERJA[mutu],
    )
    # the unit's index, with this one service under it, is the same
    assert (
        c.get(f"/api/v1/unit/{s.upt5.kode}/ikm/", {"mulai": tanggal, "selesai": tanggal, "skema": skema.kode}).json()
        == d
    )


@pytest.mark.django_db
def test_setengah_lewat_api_menampilkan_nrr_empat_desimal(lay):
    s = lay.s
    tanggal = dt.date(timezone.localdate().year, 1, 1).isoformat()
    c = APIClient()
    c.force_authenticate(user=s.staf_upt5.akun)
    c.post("/api/v1/layanan/uji-lab/responden/", [{"tanggal": tanggal, "jawaban": j} for j in SETENGAH], format="json")
    d = c.get("/api/v1/layanan/uji-lab/ikm/", {"mulai": tanggal, "selesai": tanggal}).json()
    assert [(u["kode"], u["jumlah_nilai"], u["jumlah_jawaban"], u["nrr"]) for u in d["unsur"]] == [
        ("U1", 16, 8, "2.0000"), ("U2", 25, 8, "3.1250"), ("U3", 28, 8, "3.5000"), ("U4", 26, 8, "3.2500"),
        ("U5", 28, 8, "3.5000"), ("U6", 22, 8, "2.7500"), ("U7", 10, 3, "3.3333"), ("U8", 10, 3, "3.3333"),
        ("U9", 10, 3, "3.3333"),
    ]  # fmt: skip
    assert (d["ikm"], d["mutu"], d["kinerja"]) == ("78.13", "B", "Baik")


@pytest.mark.django_db
def test_periode_kosong_lewat_api(lay):
    c = APIClient()
    c.force_authenticate(user=lay.s.staf_upt5.akun)
    d = c.get("/api/v1/layanan/uji-lab/ikm/", {"mulai": "2001-01-01", "selesai": "2001-12-31"}).json()
    assert (d["skema"], d["responden"], d["ikm"], d["mutu"], d["kinerja"]) == ("skm2017", 0, None, None, None)
    assert d == indeks.hitung(SKM, {}, 0).sebagai_api()
