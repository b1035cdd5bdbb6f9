"""The SKM's reads for pages and files: the working of the index as the annex of PermenPANRB 14/2017
tabulates it, the comparison over a year's quarters or months, the grouped reads behind the unit and agency
pages (a query per figure kind, whatever the number of services), the respondent profile for display, the
follow-up plan of a period and the tabulation (a row per respondent).

Every index here is `indeks.hitung` over `selectors.agregat`-shaped sums, so a page, a file and the API
(`selectors.ikm(...).sebagai_api()`) print the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from organisasi.models import Unit
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

from . import grafik, indeks
from . import selectors as sel
from .choices import JenisKelamin, Pekerjaan, Pendidikan
from .grafik import angka
from .models import Jawaban, Layanan, RencanaTindakLanjut, Responden, SkemaSurvei
from .periode import BULAN

TRIWULAN = ["I", "II", "III", "IV"]
LABEL_PROFIL = {
    "jenis_kelamin": dict(JenisKelamin.choices),
    "pendidikan": dict(Pendidikan.choices),
    "pekerjaan": dict(Pekerjaan.choices),
}
KOSONG_PENGADUAN = {"diterima": 0, "selesai": 0, "terbuka": 0, "terlambat": 0}
# The summary rows under the tabulation (XLSX sheet "Tabulasi"), in the annex's order; the import stops at
# the first row whose "No" cell starts with one of them.
RINGKAS_TABULASI = [
    "Σ Nilai per unsur",
    "Jumlah jawaban per unsur",
    "NRR per unsur",
    "Bobot (1/k)",
    "NRR tertimbang per unsur",
    "Σ NRR tertimbang",
    "IKM (Σ NRR tertimbang × pengali)",
    "Mutu pelayanan",
    "Kinerja unit pelayanan",
]
KOLOM_PROFIL = ["Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]


# --- the working ----------------------------------------------------------------------------------


def eksak_teks(nilai: Fraction | None, tempat: int = 6) -> str:
    """The exact value before rounding: all its decimals when it ends within `tempat`, else `tempat`
    decimals cut (not rounded) and "…"."""
    if nilai is None:
        return "—"
    skala = 10**tempat
    potong = (nilai.numerator * skala) // nilai.denominator
    teks = str((Decimal(potong) / skala).quantize(Decimal(1).scaleb(-tempat)))
    if potong * nilai.denominator == nilai.numerator * skala:
        bulat, _, pecah = teks.partition(".")
        pecah = pecah.rstrip("0").ljust(2, "0")
        return f"{bulat},{pecah}"
    return teks.replace(".", ",") + "…"


def kerja(hasil: indeks.Hasil) -> dict:
    """The working of an index for a page, a PDF or a sheet: per element the sum, the count, NRR, weight and
    weighted NRR (the API's strings beside their display), then Σ, × pengali, the exact value and the index."""
    bobot = hasil.bobot
    baris = []
    for u in hasil.unsur:
        dijawab = u.nrr is not None
        baris.append(
            {
                "kode": u.kode,
                "nama": u.nama,
                "jumlah_nilai": u.jumlah_nilai,
                "jumlah_jawaban": u.jumlah_jawaban,
                "dijawab": dijawab,
                "nrr": u.nrr_teks,
                "nrr_tampil": angka(u.nrr_teks),
                "bobot_pecahan": f"1/{hasil.k}" if dijawab else "—",
                "bobot_desimal": angka(indeks.bulat(bobot, 4)) if dijawab else "—",
                "tertimbang": u.tertimbang_teks,
                "tertimbang_tampil": angka(u.tertimbang_teks),
            }
        )
    return {
        "baris": baris,
        "responden": hasil.responden,
        "k": hasil.k,
        "n_unsur": len(hasil.unsur),
        "tidak_dijawab": [u.kode for u in hasil.unsur if u.nrr is None],
        "bobot_pecahan": f"1/{hasil.k}" if hasil.k else "—",
        "bobot_desimal": angka(indeks.bulat(bobot, 4)) if bobot is not None else "—",
        "jumlah_tertimbang": angka(indeks.bulat(hasil.jumlah_tertimbang, 4)) if hasil.k else "—",
        "jumlah_tertimbang_api": str(indeks.bulat(hasil.jumlah_tertimbang, 4)) if hasil.k else None,
        "pengali": hasil.skema.pengali,
        "eksak": eksak_teks(hasil.eksak),
        "ikm": hasil.ikm_teks,
        "ikm_tampil": angka(hasil.ikm_teks),
        "mutu": hasil.mutu.mutu if hasil.mutu else None,
        "kinerja": hasil.mutu.kinerja if hasil.mutu else None,
    }


def nilai_persepsi(skema: indeks.Skema) -> list[dict]:
    """The annex's table of bands: the interval on an answer's scale (NI) and converted (NIK)."""
    return [
        {
            "nilai": i + 1,
            "ni": f"{angka(indeks.bulat(grafik._pecahan(m.bawah) / skema.pengali, 4))} – "
            f"{angka(indeks.bulat(grafik._pecahan(m.atas) / skema.pengali, 4))}",
            "nik": f"{angka(m.bawah)} – {angka(m.atas)}",
            "mutu": m.mutu,
            "kinerja": m.kinerja,
        }
        for i, m in enumerate(sorted(skema.mutu, key=lambda m: m.bawah))
    ]


def terlemah(hasil: indeks.Hasil, n: int = 3) -> list[dict]:
    """The follow-up plan's priorities: the `n` elements of lowest NRR, with the band their NRR × pengali
    reads as."""
    hasil_ = []
    for u in hasil.terlemah(n):
        m = hasil.skema.mutu_dari(indeks.bulat(u.nrr * hasil.skema.pengali, 2))
        hasil_.append(
            {
                "kode": u.kode,
                "nama": u.nama,
                "nrr_api": u.nrr_teks,
                "nrr": angka(u.nrr_teks),
                "mutu": m.mutu if m else "—",
                "kinerja": m.kinerja if m else "",
            }
        )
    return hasil_


# --- grouped reads --------------------------------------------------------------------------------


def _kode_unsur(skema: SkemaSurvei) -> dict[int, str]:
    return {u.pk: u.kode for u in skema.unsur.all()}


def _jumlahkan(tujuan: dict[str, tuple[int, int]], sumber: dict[str, tuple[int, int]]) -> None:
    for k, (s, n) in sumber.items():
        a, b = tujuan.get(k, (0, 0))
        tujuan[k] = (a + s, b + n)


def _per_kelompok(qs, skema: SkemaSurvei, kunci_jawaban, kunci_responden) -> tuple[dict, dict]:
    """Per group: the answers' {kode: (sum, count)} and the respondents' {"c": count, "layanan": services},
    in two grouped queries; `kunci_*` give each answer's and each respondent's group (F() or Substr())."""
    kode = _kode_unsur(skema)
    agregat: dict = defaultdict(dict)
    for b in (
        Jawaban.objects.filter(responden__in=qs.values("pk"))
        .annotate(k=kunci_jawaban)
        .values("k", "unsur_id")
        .annotate(s=Sum("nilai"), n=Count("id"))
        .order_by()
    ):
        if b["unsur_id"] in kode:
            agregat[b["k"]][kode[b["unsur_id"]]] = (b["s"], b["n"])
    jumlah = {
        b["k"]: b
        for b in qs.annotate(k=kunci_responden)
        .values("k")
        .annotate(c=Count("pk"), layanan=Count("layanan_id", distinct=True))
        .order_by()
    }
    return agregat, jumlah


def banding(skema: SkemaSurvei, tahun: int, *, bulanan: bool, layanan=None, unit=None) -> list[dict]:
    """The year's index per quarter (or per month), in two grouped queries; each figure equals
    `selectors.ikm` over that sub-period. Grouped by day, not by an extracted month: a plain column groups
    without a function call per answer (SQLite's month extraction is one), and a year is ≤ 366 × k groups."""
    qs = sel.responden_dari(
        skema=skema, mulai=dt.date(tahun, 1, 1), selesai=dt.date(tahun, 12, 31), layanan=layanan, unit=unit
    )
    per_hari, jumlah_hari = _per_kelompok(qs, skema, F("responden__tanggal"), F("tanggal"))
    per_bulan: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    jumlah: dict[int, int] = defaultdict(int)
    for hari, agregat in per_hari.items():
        _jumlahkan(per_bulan[hari.month], agregat)
    for hari, b in jumlah_hari.items():
        jumlah[hari.month] += b["c"]
    murni = indeks.skema_dari(skema)
    if bulanan:
        kelompok = [(BULAN[m - 1][:3], f"{tahun}-{m:02d}", [m]) for m in range(1, 13)]
    else:
        kelompok = [
            (f"Triwulan {TRIWULAN[t]}", f"{tahun}-T{t + 1}", [3 * t + 1, 3 * t + 2, 3 * t + 3]) for t in range(4)
        ]
    hasil = []
    for label, kode_periode, bulan in kelompok:
        agregat: dict[str, tuple[int, int]] = {}
        for m in bulan:
            _jumlahkan(agregat, per_bulan.get(m, {}))
        n = sum(jumlah.get(m, 0) for m in bulan)
        hasil.append({"label": label, "kode": kode_periode, "hasil": indeks.hitung(murni, agregat, n)})
    return hasil


def _urut(baris: list[dict]) -> list[dict]:
    """Highest index first; those without an index last, by name."""
    return sorted(baris, key=lambda b: (b["hasil"].eksak is None, -(b["hasil"].eksak or 0), b["nama"]))


def per_layanan(skema: SkemaSurvei, unit: Unit, mulai: dt.date, selesai: dt.date) -> list[dict]:
    """Each service under the unit with its index: the services (one query), every service's answers
    grouped by service and element (one) and its respondents (one), then `indeks.hitung` per service."""
    layanan = list(Layanan.objects.filter(unit__path__startswith=unit.path).select_related("unit").order_by("nama"))
    qs = sel.responden_dari(skema=skema, mulai=mulai, selesai=selesai, unit=unit)
    agregat, jumlah = _per_kelompok(qs, skema, F("responden__layanan_id"), F("layanan_id"))
    murni = indeks.skema_dari(skema)
    return _urut(
        [
            {
                "layanan": x,
                "nama": x.nama,
                "hasil": indeks.hitung(murni, agregat.get(x.pk, {}), jumlah.get(x.pk, {}).get("c", 0)),
            }
            for x in layanan
        ]
    )


def per_perangkat_daerah(skema: SkemaSurvei, akar: Unit, mulai: dt.date, selesai: dt.date) -> list[dict]:
    """Every Perangkat Daerah of the instansi with its pooled index: the agencies (one query), the answers
    grouped by agency and element (one), respondents and services surveyed per agency (one)."""
    panjang = Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH
    pd = list(Unit.objects.filter(path__startswith=akar.path, depth=KEDALAMAN_PERANGKAT_DAERAH).order_by("path"))
    qs = sel.responden_dari(skema=skema, mulai=mulai, selesai=selesai, unit=akar)
    agregat, jumlah = _per_kelompok(
        qs, skema, Substr("responden__layanan__unit__path", 1, panjang), Substr("layanan__unit__path", 1, panjang)
    )
    murni = indeks.skema_dari(skema)
    return _urut(
        [
            {
                "unit": u,
                "nama": u.nama,
                "layanan": jumlah.get(u.path, {}).get("layanan", 0),
                "hasil": indeks.hitung(murni, agregat.get(u.path, {}), jumlah.get(u.path, {}).get("c", 0)),
            }
            for u in pd
        ]
    )


def profil(rincian: list[dict], skema: indeks.Skema, total: int) -> list[dict]:
    """`selectors.rincian_profil` for display: per field its rows (count, share, index, mutu) and a chart of
    the values anyone gave."""
    hasil = []
    for r in rincian:
        baris = [
            {
                "label": b["label"],
                "responden": b["hasil"].responden,
                "persen": angka(Decimal(b["hasil"].responden * 100) / total, 1) if total else "—",
                "ikm": b["hasil"].ikm_teks,
                "ikm_tampil": angka(b["hasil"].ikm_teks),
                "mutu": b["hasil"].mutu.mutu if b["hasil"].mutu else "—",
                "kinerja": b["hasil"].mutu.kinerja if b["hasil"].mutu else "",
            }
            for b in r["baris"]
        ]
        isi = [(b["label"], b["hasil"]) for b in r["baris"] if b["hasil"].responden]
        hasil.append(
            {
                "bidang": r["bidang"],
                "label": r["label"],
                "baris": baris,
                "grafik": grafik.indeks_mendatar(skema, isi) if isi else None,
            }
        )
    return hasil


def rencana(layanan: Layanan, mulai: dt.date, selesai: dt.date):
    """The follow-up plans whose period overlaps this one."""
    return (
        RencanaTindakLanjut.objects.filter(layanan=layanan, mulai__lte=selesai, selesai__gte=mulai)
        .select_related("unsur", "dibuat_oleh")
        .order_by("unsur__urutan", "mulai", "id")
    )


# --- the tabulation (a row per respondent) ------------------------------------------------------------


def responden_urut(skema: SkemaSurvei, layanan: Layanan, mulai: dt.date, selesai: dt.date):
    return sel.responden_dari(skema=skema, mulai=mulai, selesai=selesai, layanan=layanan).order_by("tanggal", "id")


def baris_tabulasi(responden: list[Responden], skema: SkemaSurvei, awal: int = 1) -> list[dict]:
    """Rows of the tabulation for a slice of respondents: their answers in one query."""
    unsur = sorted(skema.unsur.all(), key=lambda u: u.urutan)
    nilai: dict[int, dict[int, int]] = defaultdict(dict)
    for rid, uid, n in Jawaban.objects.filter(responden__in=[r.pk for r in responden]).values_list(
        "responden_id", "unsur_id", "nilai"
    ):
        nilai[rid][uid] = n
    return [
        {
            "no": awal + i,
            "tanggal": r.tanggal,
            "nilai": [nilai[r.pk].get(u.pk) for u in unsur],
            "jenis_kelamin": LABEL_PROFIL["jenis_kelamin"].get(r.jenis_kelamin, ""),
            "usia": r.usia,
            "pendidikan": LABEL_PROFIL["pendidikan"].get(r.pendidikan, ""),
            "pekerjaan": LABEL_PROFIL["pekerjaan"].get(r.pekerjaan, ""),
            "profil": ", ".join(
                x
                for x in (
                    r.jenis_kelamin,
                    f"{r.usia} th" if r.usia is not None else "",
                    LABEL_PROFIL["pendidikan"].get(r.pendidikan, ""),
                    LABEL_PROFIL["pekerjaan"].get(r.pekerjaan, ""),
                )
                if x
            ),
        }
        for i, r in enumerate(responden)
    ]


def tabulasi_semua(qs, skema: SkemaSurvei, potong: int = 2000):
    """Every row of the tabulation, read `potong` respondents at a time (two queries a slice)."""
    no = 1
    akhir = None
    while True:
        bagian = qs.filter(Q(pk__gt=0) if akhir is None else _setelah(*akhir))[:potong]
        bagian = list(bagian)
        if not bagian:
            return
        yield from baris_tabulasi(bagian, skema, no)
        no += len(bagian)
        akhir = (bagian[-1].tanggal, bagian[-1].pk)


def _setelah(tanggal: dt.date, pk: int) -> Q:
    """Keyset paging on (tanggal, id): no OFFSET scan over a year of respondents."""
    return Q(tanggal__gt=tanggal) | Q(tanggal=tanggal, pk__gt=pk)
