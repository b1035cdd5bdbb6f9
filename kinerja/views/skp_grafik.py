"""The distribution chart of a Unit Organisasi (server-side SVG): a bar per staff predikat against the band
its organisation predikat allows (`batas`), red where a rule is broken. Geometry is computed here so the
template only places numbers (no inline style: the CSP's style-src is 'self')."""

from __future__ import annotations

from collections import Counter

from .. import penilaian
from ..choices import Predikat, PredikatOrganisasi
from ..models import Evaluasi, PredikatOrganisasiTahunan

X0 = 150  # where the bars start (labels end to the left)
LEBAR = 290  # the bars' width for the whole unit
TINGGI = 34  # one row
ATAS = 26  # room for the scale above the first row


def predikat_aturan(po: str | None) -> list[tuple[str, ...]]:
    """Per rule of the organisation predikat (in `cek_distribusi`'s order), the staff predikat it counts."""
    return [a.predikat for a in penilaian.ATURAN_DISTRIBUSI.get(po or "", ())]


def grafik_distribusi(d: dict) -> dict:
    """`d` as `selectors_skp.distribusi` returns it, with the chart's rows and the broken rules added."""
    n = d["total"]
    skala = max(n, 1)
    rusak: set[str] = set()
    for a, predikat in zip(d["aturan"], predikat_aturan(d["predikat_organisasi"]), strict=False):
        a["predikat"] = predikat
        if not a["terpenuhi"]:
            rusak.update(predikat)
    label = dict(Predikat.choices)
    baris = []
    for i, p in enumerate(Predikat.values):
        j = d["jumlah"].get(p, 0)
        b = d["batas"].get(p, {"min": 0, "maks": n})
        lo, hi = b["min"], b["maks"]
        y = ATAS + i * TINGGI
        baris.append(
            {
                "predikat": p,
                "label": label[p],
                "jumlah": j,
                "min": lo,
                "maks": hi,
                "dibatasi": d["predikat_organisasi"] is not None and (lo > 0 or hi < n),
                "langgar": p in rusak,
                "y": y,
                "y_teks": y + 17,
                "lebar": round(j * LEBAR / skala),
                "pita_x": X0 + round(lo * LEBAR / skala),
                "pita_lebar": max(2, round((hi - lo) * LEBAR / skala)),
                "x_nilai": X0 + round(j * LEBAR / skala) + 6,
            }
        )
    tinggi = ATAS + len(baris) * TINGGI + 6
    skala_garis = [{"x": X0 + round(k * LEBAR / skala), "nilai": k} for k in sorted({0, (n + 1) // 2, n})]
    return d | {
        "grafik": {
            "baris": baris,
            "tinggi": tinggi,
            "skala": skala_garis,
            "x0": X0,
            "x_label": X0 - 8,
            "lebar": LEBAR,
            "lebar_svg": X0 + LEBAR + 60,
        },
        "label_predikat_organisasi": dict(PredikatOrganisasi.choices).get(d["predikat_organisasi"], ""),
        "per": penilaian.periode(d["periode"]),
    }


def distribusi_banyak(pasangan: list[tuple]) -> list[dict]:
    """`selectors_skp.distribusi` for several (Unit Organisasi, period code) pairs in two queries."""
    pasangan = list(dict.fromkeys((u, k) for u, k in pasangan if penilaian.periode(k)))
    if not pasangan:
        return []
    unit_ids = {u.pk for u, _ in pasangan}
    kode = {k for _, k in pasangan}
    hitung = Counter()
    for uid, k, p in (
        Evaluasi.objects.filter(unit_organisasi_id__in=unit_ids, periode__in=kode)
        .order_by()
        .values_list("unit_organisasi_id", "periode", "predikat")
    ):
        hitung[(uid, k, p)] += 1
    tahun = {penilaian.periode(k).tahun for k in kode}
    po = {
        (uid, t): p
        for uid, t, p in PredikatOrganisasiTahunan.objects.filter(unit_id__in=unit_ids, tahun__in=tahun)
        .order_by()
        .values_list("unit_id", "tahun", "predikat")
    }
    hasil = []
    for u, k in pasangan:
        jumlah = {p: hitung[(u.pk, k, p)] for p in Predikat.values}
        org = po.get((u.pk, penilaian.periode(k).tahun))
        aturan = penilaian.cek_distribusi(org, jumlah)
        n = sum(jumlah.values())
        d = {
            "unit": u.kode,
            "periode": k,
            "predikat_organisasi": org,
            "jumlah": jumlah,
            "total": n,
            "aturan": aturan,
            "sesuai": all(a["terpenuhi"] for a in aturan),
            "batas": {p: {"min": lo, "maks": hi} for p, (lo, hi) in penilaian.batas_distribusi(org, n).items()},
        }
        hasil.append(grafik_distribusi(d) | {"unit_obj": u})
    return hasil
