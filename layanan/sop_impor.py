"""An SOP's activity table from an XLSX (`services.sop.sop_impor_langkah`) and the workbook to fill.

The sheet "Kegiatan" (else the first sheet) has a header row, looked for in the first rows, with the columns
No, Kegiatan, Pelaksana, Simbol, Kelengkapan, Waktu, Output, Keterangan, Jika Ya, Jika Tidak (Kegiatan and
Pelaksana required, the others optional, any order); a row per activity under it, empty rows skipped. An
actor is named, not numbered: matched to the draft's actors by name (case and spacing ignored) or added to
the list. Simbol is mulai, kegiatan, keputusan or selesai (empty: kegiatan). Jika Ya / Jika Tidak: the row
number a decision goes to (empty: the next row).

The file is checked by its content: a ZIP holding a workbook, at most `MAKS_BAIT` bytes and `MAKS_ISI`
unpacked, read by openpyxl in read-only mode (`sistemkerja.berkas.baris_xlsx`); at most `MAKS_BARIS` rows.
The service checks the rows as it checks the edit page's; its errors (`langkah[4].pelaksana`) come back
here as the sheet's rows ("Baris 7, Pelaksana: …").
"""

from __future__ import annotations

import datetime as dt
import io
import re

from django.core.exceptions import ValidationError

from sistemkerja.berkas import baris_xlsx, isi_unggahan
from sistemkerja.masukan import tampil

from .choices import JenisLangkahSop

MAKS_BAIT = 2 * 1024 * 1024
MAKS_ISI = 20 * 1024 * 1024
MAKS_BARIS = 300
MAKS_KOLOM = 30
MAKS_GALAT = 50
BARIS_JUDUL = 10
LEMBAR = "Kegiatan"
PESAN_BUKAN_XLSX = "Berkas bukan buku kerja XLSX yang sah; buka di Excel lalu simpan sebagai .xlsx."

KOLOM = [
    ("urutan", "No"),
    ("uraian", "Kegiatan"),
    ("pelaksana", "Pelaksana"),
    ("jenis", "Simbol"),
    ("kelengkapan", "Kelengkapan"),
    ("waktu", "Waktu"),
    ("output", "Output"),
    ("keterangan", "Keterangan"),
    ("ke_ya", "Jika Ya"),
    ("ke_tidak", "Jika Tidak"),
]
LABEL_KOLOM = dict(KOLOM)
ALIAS = {
    "no": "urutan",
    "nomor": "urutan",
    "kegiatan": "uraian",
    "uraian kegiatan": "uraian",
    "uraian": "uraian",
    "aktivitas": "uraian",
    "pelaksana": "pelaksana",
    "simbol": "jenis",
    "jenis": "jenis",
    "kelengkapan": "kelengkapan",
    "persyaratan": "kelengkapan",
    "persyaratan kelengkapan": "kelengkapan",
    "waktu": "waktu",
    "output": "output",
    "keluaran": "output",
    "keterangan": "keterangan",
    "jika ya": "ke_ya",
    "ya": "ke_ya",
    "ke ya": "ke_ya",
    "jika tidak": "ke_tidak",
    "tidak": "ke_tidak",
    "ke tidak": "ke_tidak",
}
SIMBOL = {
    "mulai": JenisLangkahSop.MULAI,
    "start": JenisLangkahSop.MULAI,
    "kegiatan": JenisLangkahSop.KEGIATAN,
    "proses": JenisLangkahSop.KEGIATAN,
    "aktivitas": JenisLangkahSop.KEGIATAN,
    "keputusan": JenisLangkahSop.KEPUTUSAN,
    "decision": JenisLangkahSop.KEPUTUSAN,
    "selesai": JenisLangkahSop.SELESAI,
    "akhir": JenisLangkahSop.SELESAI,
    "end": JenisLangkahSop.SELESAI,
}
WAJIB = {"uraian", "pelaksana"}


def _kunci(teks) -> str:
    return re.sub(r"[\s/_.,():-]+", " ", str(teks if teks is not None else "").lower()).strip()


def _kosong(x) -> bool:
    return x is None or (isinstance(x, str) and not x.strip())


def _teks(nilai) -> str | object:
    """A cell as the service's text: numbers without a spurious ".0", dates as ISO; other types handed on."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return str(nilai)
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, int | float):
        return str(nilai)
    if isinstance(nilai, dt.datetime | dt.date):
        return nilai.isoformat()
    return nilai


def _nomor(nilai):
    """A row number from a number cell (3 or 3.0) or text; anything else handed on for the service to refuse."""
    if _kosong(nilai):
        return None
    if isinstance(nilai, float) and nilai.is_integer():
        return int(nilai)
    if isinstance(nilai, str):
        return nilai.strip()
    return nilai


def _judul(baris) -> tuple[int, dict[int, str]]:
    for no, r in enumerate(baris, 1):
        nama = [_kunci(x) for x in (r or ())]
        if "kegiatan" not in nama and "uraian kegiatan" not in nama:
            if no >= BARIS_JUDUL:
                break
            continue
        kolom: dict[int, str] = {}
        galat = []
        for i, n in enumerate(nama):
            if not n:
                continue
            bidang = ALIAS.get(n)
            if bidang is None:
                galat.append(f"Kolom {tampil(r[i])} (baris {no}) tidak dikenal.")
            elif bidang in kolom.values():
                galat.append(f"Kolom {tampil(r[i])} (baris {no}) tercantum dua kali.")
            else:
                kolom[i] = bidang
        for hilang in sorted(WAJIB - set(kolom.values())):
            galat.append(f"Kolom {LABEL_KOLOM[hilang]} tidak ada pada baris judul (baris {no}).")
        if galat:
            raise ValidationError(
                {"berkas": [*galat, "Kolom yang dikenal: " + ", ".join(lbl for _, lbl in KOLOM) + "."]}
            )
        return no, kolom
    raise ValidationError(
        {
            "berkas": [
                f"Baris judul dengan kolom Kegiatan dan Pelaksana tidak ditemukan pada {BARIS_JUDUL} baris pertama."
            ]
        }
    )


def baca(berkas) -> list[dict]:
    """[{"baris": the sheet's row number, "nama": actor's name, "data": the row for the service}]."""
    isi = isi_unggahan(berkas, MAKS_BAIT)
    baris = iter(
        baris_xlsx(
            isi,
            maks_isi=MAKS_ISI,
            maks_kolom=MAKS_KOLOM,
            bukan_xlsx=PESAN_BUKAN_XLSX,
            tak_terbaca="Lembar Kegiatan tidak dapat dibaca; simpan ulang berkasnya sebagai .xlsx.",
            lembar=LEMBAR,
            ketat=True,
        )
    )
    awal, kolom = _judul(baris)
    hasil = []
    for no, r in enumerate(baris, awal + 1):
        r = r or ()
        sel = {b: r[i] if i < len(r) else None for i, b in kolom.items()}
        if all(_kosong(v) for v in sel.values()):
            continue
        if len(hasil) >= MAKS_BARIS:
            raise ValidationError({"berkas": [f"Berkas memuat lebih dari {MAKS_BARIS} baris kegiatan; pecah SOP-nya."]})
        simbol = sel.get("jenis")
        data = {
            "urutan": _nomor(sel.get("urutan")),
            "uraian": _teks(sel.get("uraian")),
            "jenis": SIMBOL.get(_kunci(simbol).split(" ")[0], _teks(simbol)) if not _kosong(simbol) else "kegiatan",
            "kelengkapan": _teks(sel.get("kelengkapan")),
            "waktu": _teks(sel.get("waktu")),
            "output": _teks(sel.get("output")),
            "keterangan": _teks(sel.get("keterangan")),
            "ke_ya": _nomor(sel.get("ke_ya")),
            "ke_tidak": _nomor(sel.get("ke_tidak")),
        }
        nama = sel.get("pelaksana")
        hasil.append({"baris": no, "nama": " ".join(str(_teks(nama)).split()), "data": data})
    if not hasil:
        raise ValidationError({"berkas": ["Berkas tidak memuat baris kegiatan di bawah baris judul."]})
    return hasil


def ke_langkah(baris: list[dict], pelaksana: list[str]) -> tuple[list[str], list[dict]]:
    """(the actors: the draft's, then the new names in the order they appear; the rows with `pelaksana` as
    the actor's number, None where the name is empty)."""
    from .services.sop_isi import normal_nama

    daftar = list(pelaksana)
    indeks = {normal_nama(p): i for i, p in enumerate(daftar, 1)}
    langkah = []
    for b in baris:
        nama = b["nama"]
        nomor = None
        if nama:
            kunci_ = normal_nama(nama)
            if kunci_ not in indeks:
                daftar.append(nama)
                indeks[kunci_] = len(daftar)
            nomor = indeks[kunci_]
        langkah.append({**b["data"], "pelaksana": nomor})
    return daftar, langkah


def pesan_baris(galat: dict, baris: list[dict], pelaksana: list[str]) -> list[str]:
    """The service's errors as the sheet's rows and columns, in the sheet's order, at most `MAKS_GALAT`."""
    urut: list[tuple[tuple[int, int], str]] = []
    posisi = {k: i for i, (k, _) in enumerate(KOLOM)}
    for kunci_, pesan in galat.items():
        m = re.match(r"^langkah\[([0-9]+)\]\.?(\w*)$", kunci_)
        p = re.match(r"^pelaksana\[([0-9]+)\]$", kunci_)
        for teks in pesan:
            if m:
                b = baris[int(m.group(1))]
                bidang = m.group(2)
                if bidang == "pelaksana" and not b["nama"]:
                    teks = "Wajib diisi dengan nama pelaksana."
                label = LABEL_KOLOM.get(bidang, "")
                awal = f"Baris {b['baris']}, {label}: " if label else f"Baris {b['baris']}: "
                urut.append(((b["baris"], posisi.get(bidang, 99)), awal + teks))
            elif p:
                nama = pelaksana[int(p.group(1))] if int(p.group(1)) < len(pelaksana) else ""
                asal = next((b["baris"] for b in baris if b["nama"] == nama), 0)
                urut.append(((asal, posisi["pelaksana"]), f"Baris {asal}, Pelaksana: {teks}" if asal else teks))
            else:
                urut.append(((0, 0), teks))
    urut.sort(key=lambda x: x[0])
    hasil = [t for _, t in urut[:MAKS_GALAT]]
    if len(urut) > MAKS_GALAT:
        hasil.append(f"… dan {len(urut) - MAKS_GALAT} galat lain.")
    return hasil


_AWAL_RUMUS = ("=", "+", "-", "@")


def templat(pelaksana: list[str] | None = None, langkah=None) -> bytes:
    """The workbook to fill: the sheet "Kegiatan" with its header (and the draft's rows when given, so the
    table can be edited in Excel and imported back), a list check on Simbol, a number check on Jika Ya/Tidak,
    and a sheet "Petunjuk"."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR
    ws.append([lbl for _, lbl in KOLOM])
    for c in ws[1]:
        c.font = Font(bold=True)
    for huruf, lebar in zip("ABCDEFGHIJ", (6, 45, 24, 12, 28, 14, 24, 24, 9, 10), strict=True):
        ws.column_dimensions[huruf].width = lebar
    nama = list(pelaksana or [])
    for b in langkah or []:
        isi = [
            b.urutan,
            b.uraian,
            nama[b.pelaksana - 1] if 0 < b.pelaksana <= len(nama) else "",
            b.jenis,
            b.kelengkapan,
            b.waktu,
            b.output,
            b.keterangan,
            b.ke_ya,
            b.ke_tidak,
        ]
        ws.append(isi)
        for c in ws[ws.max_row]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(c.value, str) and c.value.startswith(_AWAL_RUMUS):
                c.data_type = "s"  # typed text, never a formula
    simbol = DataValidation(
        type="list",
        formula1='"mulai,kegiatan,keputusan,selesai"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Simbol tidak sah",
        error="Pilih mulai, kegiatan, keputusan atau selesai.",
    )
    nomor = DataValidation(
        type="whole",
        operator="between",
        formula1="1",
        formula2=str(MAKS_BARIS),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nomor tidak sah",
        error="Isi nomor baris tujuan, atau kosongkan (baris berikutnya).",
    )
    ws.add_data_validation(simbol)
    ws.add_data_validation(nomor)
    simbol.add(f"D2:D{MAKS_BARIS + 1}")
    nomor.add(f"I2:J{MAKS_BARIS + 1}")
    ws.freeze_panes = "A2"
    petunjuk = wb.create_sheet("Petunjuk")
    for teks in (
        "Tabel kegiatan SOP (PermenPANRB 35/2012). Satu baris satu kegiatan, berurutan.",
        "No: nomor urut 1, 2, 3, … (boleh dikosongkan).",
        "Kegiatan: uraian kegiatan (wajib).",
        "Pelaksana: nama jabatan/pelaksana (wajib); nama yang sama menjadi satu kolom bagan.",
        "Simbol: mulai (baris pertama), kegiatan, keputusan (ya/tidak), selesai (baris terakhir); kosong = kegiatan.",
        "Kelengkapan, Waktu, Output: mutu baku kegiatan; Keterangan: catatan.",
        "Jika Ya / Jika Tidak: hanya untuk keputusan, nomor baris tujuan; kosong = baris berikutnya.",
        f"Paling banyak {MAKS_BARIS} baris dan {MAKS_BAIT // 1024 // 1024} MB. "
        "Impor mengganti seluruh tabel kegiatan draf.",
    ):
        petunjuk.append([teks])
    petunjuk.column_dimensions["A"].width = 110
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()
