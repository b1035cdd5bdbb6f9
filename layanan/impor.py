"""Survey answers from an XLSX in the tabulation layout of PermenPANRB 14/2017's annex (the "Tabulasi" sheet
the report's XLSX and the template carry): a header row with No, Tanggal, U1..Uk and optionally Jenis
Kelamin, Usia, Pendidikan, Pekerjaan; a row per respondent; the summary rows under it (Σ, NRR, IKM) end it.

The file is checked by its content, not its name: a ZIP holding a workbook, at most `MAKS_BAIT` bytes and
`MAKS_ISI` unpacked, read by openpyxl in read-only mode (which parses with defusedxml when it is installed)
with the sheet's own idea of its size ignored (`sistemkerja.berkas.baris_xlsx`); at most `MAKS_BARIS` data
rows. Each row becomes the shape API.md fixes for `POST /layanan/{kode}/responden/` and everything is handed
to `services.responden_catat` (source `impor`) in one transaction: every row or none. The service names a
wrong value by its index (`[6].jawaban.U3`); here that becomes the sheet's row and column ("Baris 9, U3: Nilai
harus 1 sampai 4.").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction

from sistemkerja.berkas import baris_xlsx, isi_unggahan
from sistemkerja.masukan import tampil

from . import services
from .choices import JenisKelamin, Pekerjaan, Pendidikan, SumberResponden
from .models import Layanan, Responden, SkemaSurvei
from .skm_baca import RINGKAS_TABULASI

MAKS_BAIT = 5 * 1024 * 1024
MAKS_ISI = 50 * 1024 * 1024  # the workbook unpacked (a small ZIP may unpack into gigabytes)
MAKS_BARIS = 10_000
MAKS_KOLOM = 60
MAKS_GALAT = 50
BARIS_JUDUL = 10  # the header row is looked for in the first rows (the report's sheet has a title above it)

PESAN_BUKAN_XLSX = "Berkas bukan buku kerja XLSX yang sah; buka di Excel lalu simpan sebagai .xlsx."
PROFIL = {"jenis kelamin": "jenis_kelamin", "usia": "usia", "pendidikan": "pendidikan", "pekerjaan": "pekerjaan"}
ALIAS = {
    "no": "no",
    "no.": "no",
    "nomor": "no",
    "tanggal": "tanggal",
    "jk": "jenis_kelamin",
    "l/p": "jenis_kelamin",
    "umur": "usia",
    **PROFIL,
}
LABEL_KOLOM = {"tanggal": "Tanggal", **{v: k.title() for k, v in PROFIL.items()}}
_AWAL_RINGKAS = tuple(x.split()[0].lower() for x in RINGKAS_TABULASI) + ("∑", "jumlah", "rata-rata")


def _normal(teks) -> str:
    return re.sub(r"\s+", " ", str(teks if teks is not None else "")).strip().lower()


def _kunci(teks: str) -> str:
    return re.sub(r"[\s/_.()-]+", " ", teks.lower()).strip()


def _peta(pilihan, tambahan: dict[str, str]) -> dict[str, str]:
    """Codes and labels (any case, spacing or punctuation) to the stored code."""
    peta = {_kunci(v): v for v in pilihan.values} | {_kunci(lbl): v for v, lbl in pilihan.choices}
    return peta | {_kunci(k): v for k, v in tambahan.items()}


PETA_PROFIL = {
    "jenis_kelamin": _peta(JenisKelamin, {"laki laki": "L", "pria": "L", "wanita": "P"}),
    "pendidikan": _peta(
        Pendidikan, {"sd": "sd", "d1": "diploma", "d2": "diploma", "d3": "diploma", "d4": "diploma", "smk": "sma"}
    ),
    "pekerjaan": _peta(
        Pekerjaan,
        {"pns": "pns_tni_polri", "tni": "pns_tni_polri", "polri": "pns_tni_polri", "mahasiswa": "pelajar"},
    ),
}


def _tolak(pesan: str):
    raise ValidationError({"berkas": [pesan]})


def _judul(baris: Iterator, kode_unsur: list[str]) -> tuple[int, dict[int, str]]:
    """(row number of the header, {column index: field}) from the first rows: the row with a Tanggal column."""
    dikenal = {k.lower(): k for k in kode_unsur}
    for no, r in enumerate(baris, 1):
        nama = [_normal(x) for x in (r or ())]
        if "tanggal" not in nama:
            if no >= BARIS_JUDUL:
                break
            continue
        kolom: dict[int, str] = {}
        galat = []
        for i, n in enumerate(nama):
            if not n:
                continue
            m = re.match(r"^(u[0-9]{1,3})\b", n)
            bidang = ALIAS.get(n) or (dikenal.get(m.group(1)) if m else None)
            if bidang is None:
                galat.append(f"Kolom {tampil(r[i])} (baris {no}) tidak dikenal.")
            elif bidang in kolom.values():
                galat.append(f"Kolom {tampil(r[i])} (baris {no}) tercantum dua kali.")
            else:
                kolom[i] = bidang
        if not set(kolom.values()) & set(kode_unsur):
            galat.append(f"Baris judul (baris {no}) tidak memuat kolom unsur ({kode_unsur[0]} dst.).")
        if galat:
            petunjuk = f"Kolom yang dikenal: No, Tanggal, {kode_unsur[0]}–{kode_unsur[-1]}, " + ", ".join(
                k.title() for k in PROFIL
            )
            raise ValidationError({"berkas": [*galat, petunjuk + "."]})
        return no, kolom
    _tolak(
        f"Baris judul dengan kolom Tanggal dan {kode_unsur[0]} dst. tidak ditemukan pada {BARIS_JUDUL} baris pertama."
    )
    return 0, {}  # unreachable


def _tanggal(nilai):
    """A date from a date cell, `2027-03-15`, `15/03/2027`, `15-03-2027` or an Excel day number; anything
    else is handed on for the service to refuse with its own message."""
    if isinstance(nilai, dt.datetime):
        return nilai.date()
    if isinstance(nilai, dt.date):
        return nilai
    if isinstance(nilai, int | float) and not isinstance(nilai, bool) and 36526 <= nilai < 73051:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(nilai))  # Excel's day 1 is 1900-01-01
    if isinstance(nilai, str):
        teks = nilai.strip()
        m = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", teks)
        if m:
            try:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return teks
        return teks
    return nilai


def _profil(bidang: str, nilai):
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return ""
    if bidang == "usia":
        return int(nilai) if isinstance(nilai, float) and nilai.is_integer() else nilai
    return PETA_PROFIL[bidang].get(_kunci(str(nilai)), str(nilai).strip()[:40])


def _kosong(x) -> bool:
    return x is None or (isinstance(x, str) and not x.strip())


def baca(isi: bytes, kode_unsur: list[str]) -> list[dict]:
    """[{"baris": sheet row number, "data": the row in API.md's shape}] of the file's respondents."""
    baris = iter(
        baris_xlsx(
            isi,
            maks_isi=MAKS_ISI,
            maks_kolom=MAKS_KOLOM,
            bukan_xlsx=PESAN_BUKAN_XLSX,
            tak_terbaca="Lembar Tabulasi tidak dapat dibaca; simpan ulang berkasnya sebagai .xlsx.",
            lembar="Tabulasi",
            ketat=True,
        )
    )
    awal, kolom = _judul(baris, kode_unsur)
    hasil = []
    for no, r in enumerate(baris, awal + 1):
        r = r or ()
        sel = {b: r[i] if i < len(r) else None for i, b in kolom.items()}
        nomor = sel.get("no")
        if isinstance(nomor, str) and _normal(nomor).startswith(_AWAL_RINGKAS):
            break  # the summary under the tabulation
        if all(_kosong(v) for b, v in sel.items() if b != "no"):
            continue
        if len(hasil) >= MAKS_BARIS:
            _tolak(
                f"Berkas memuat lebih dari {MAKS_BARIS:,} baris responden; bagi ke beberapa berkas.".replace(",", ".")
            )
        data = {
            "tanggal": _tanggal(sel.get("tanggal")),
            "jawaban": {k: sel[k] for k in kode_unsur if k in sel and not _kosong(sel[k])},
        }
        for b in PROFIL.values():
            if b in sel:
                data[b] = _profil(b, sel[b])
        hasil.append({"baris": no, "data": data})
    if not hasil:
        _tolak("Berkas tidak memuat baris jawaban responden di bawah baris judul.")
    return hasil


def _pesan(kunci: str, pesan: str, baris: list[dict], awal: int) -> tuple[tuple, str]:
    """A service error (`[6].jawaban.U3`, "Baris 7: Nilai …") as the sheet's (row, column) and text."""
    m = re.match(r"^\[([0-9]+)\]\.?(.*)$", kunci)
    teks = re.sub(r"^Baris [0-9]+: ", "", pesan)
    if m is None:
        return (0, ""), teks
    no = baris[awal + int(m.group(1))]["baris"]
    bidang = m.group(2)
    kolom = bidang.split(".", 1)[1] if bidang.startswith("jawaban.") else LABEL_KOLOM.get(bidang, "")
    return (no, kolom), (f"Baris {no}, {kolom}: {teks}" if kolom else f"Baris {no}: {teks}")


def impor(*, pelaku, layanan: Layanan, berkas, skema: SkemaSurvei | None = None) -> list[Responden]:
    """Every respondent of the file recorded (source `impor`), or none: a ValidationError
    `{"berkas": ["Baris 9, U3: Nilai harus 1 sampai 4.", …]}` naming the sheet's rows."""
    skema = skema or layanan.skema_survei
    kode_unsur = [u.kode for u in sorted(skema.unsur.all(), key=lambda u: u.urutan)]
    baris = baca(isi_unggahan(berkas, MAKS_BAIT), kode_unsur)
    galat: list[tuple[tuple, str]] = []
    hasil: list[Responden] = []
    with transaction.atomic():
        # One call of the service for the whole file (up to BARIS_MAKS_IMPOR rows): all or nothing, one history row.
        try:
            hasil = services.responden_catat(
                pelaku=pelaku,
                layanan=layanan,
                baris=[b["data"] for b in baris],
                sumber=SumberResponden.IMPOR,
                skema=skema,
            )
        except ValidationError as e:
            for kunci, pesan in e.message_dict.items():
                galat += [_pesan(kunci, p, baris, 0) for p in pesan]
        if galat:
            galat.sort(key=lambda g: (g[0][0], _urut_kolom(g[0][1], kode_unsur)))
            pesan = [p for _, p in galat[:MAKS_GALAT]]
            if len(galat) > MAKS_GALAT:
                pesan.append(f"… dan {len(galat) - MAKS_GALAT} galat lain.")
            raise ValidationError({"berkas": pesan})
    return hasil


def _urut_kolom(kolom: str, kode_unsur: list[str]) -> int:
    urutan = ["", "Tanggal", *kode_unsur, *LABEL_KOLOM.values()]
    return urutan.index(kolom) if kolom in urutan else len(urutan)
