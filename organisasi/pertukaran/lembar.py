"""The exchange as a spreadsheet: an XLSX workbook, or CSV files, with one sheet (file) per list of the JSON
exchange (instansi, unit, pegawai, plt, delegasi) and the field names as the header row.

Reading turns the sheets into exactly the data `baca_json` returns for the same structure (a dict of lists of
row dicts, empty cells left out), so one reader checks it and one writer loads it. What a sheet can get wrong
that JSON cannot (a workbook that does not open, an unknown or missing sheet or column, a NIP Excel turned
into a rounded number, a date typed as day/month/year, a CSV in another encoding or with `;`) is reported here,
in Indonesian, naming the sheet, row and column; nothing further is checked until those are fixed.

Each record's sheet row is returned beside the data, so later messages name `pegawai baris 5` (as the
spreadsheet numbers it) rather than a list index.

Bounds: the caller bounds the upload's size (`berkas.BATAS_UNGGAHAN`); a workbook may unpack to at most
`BATAS_ISI` bytes (checked on the ZIP directory before anything is parsed, so a small file that would unpack to
gigabytes is refused) and a file may hold at most `BATAS_BARIS` rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError

from sistemkerja.masukan import tampil

from .kolom import LEMBAR, NIP, TANGGAL, YA_TIDAK

BATAS_BARIS = 50_000  # data rows in one upload, all sheets together
BATAS_NOMOR_BARIS = BATAS_BARIS + 10_000  # the last row number read in a sheet, empty rows included
BATAS_ISI = 50 * 1024 * 1024  # a workbook's unpacked size (10,000 staff take about 7 MB)
BATAS_ANGGOTA_ZIP = 1_000  # parts of a workbook
BATAS_KOLOM = 40  # columns read per row (the widest sheet has 14)
LEMBAR_PETUNJUK = "petunjuk"

_YA = {"ya", "true", "benar", "1"}
_TIDAK = {"tidak", "false", "salah", "0"}
_TANGGAL_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TANGGAL_HBT = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_NIP_ILMIAH = re.compile(r"[0-9][.,][0-9]+e\+?[0-9]+", re.IGNORECASE)  # 1,97501E+17 as Excel shows a number
_PETUNJUK_NIP = "ubah format kolom menjadi Teks lalu ketik ulang NIP-nya (atau awali NIP dengan tanda ')."
_PETUNJUK_UTF8 = 'Di Excel pilih Simpan Sebagai → "CSV UTF-8 (dipisahkan koma) (*.csv)".'


@dataclass
class Hasil:
    """The data the JSON reader would get, and the sheet row of each record (for messages)."""

    data: dict = field(default_factory=dict)
    baris: dict[str, list[int]] = field(default_factory=dict)
    galat: list[str] = field(default_factory=list)
    jumlah: int = 0

    def periksa(self) -> None:
        if self.galat:
            raise ValidationError(list(self.galat), code="lembar_tak_terbaca")


class _Berhenti(Exception):
    """Too many rows: stop reading, the message is already recorded."""


def nama_lembar(nama: str) -> str:
    return nama.strip().lower()


# --- cells ---------------------------------------------------------------------------------------------------


def _teks(v) -> str | None:
    """A text cell's value; numbers as typed (12, not 12.0), dates as YYYY-MM-DD."""
    if isinstance(v, str):
        return v if v.strip() else None
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def _nip(v):
    if isinstance(v, float):
        # as Excel shows it: 15 significant digits, the rest zeros
        terbaca = f"{Decimal(f'{v:.15g}'):f}" if 1 <= abs(v) < 1e30 else tampil(v)
        raise ValueError(
            f"NIP tersimpan sebagai angka ({terbaca}), sehingga Excel hanya menyimpan 15 digit pertamanya; "
            + _PETUNJUK_NIP
        )
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    teks = _teks(v)
    if teks is not None and _NIP_ILMIAH.fullmatch(teks.strip()):
        raise ValueError(
            f"NIP {tampil(teks.strip())} tertulis sebagai angka berpangkat (dibulatkan Excel); " + _PETUNJUK_NIP
        )
    return teks


def _tanggal(v):
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        raise ValueError(f"Tanggal tertulis sebagai angka ({tampil(v)}); ubah format sel menjadi Tanggal.")
    teks = _teks(v)
    if teks is None:
        return None
    t = teks.strip()
    if _TANGGAL_ISO.fullmatch(t):
        return t  # checked further by the row reader, as in JSON
    if m := _TANGGAL_HBT.fullmatch(t):
        hari, bulan, tahun = (int(x) for x in m.groups())
        try:
            return dt.date(tahun, bulan, hari).isoformat()
        except ValueError:
            raise ValueError(f"Tanggal {tampil(t)} tidak ada (dibaca sebagai hari/bulan/tahun).") from None
    raise ValueError(
        f"Tanggal {tampil(t)} tidak terbaca; tulis 2024-05-03 (tahun-bulan-hari) atau 03/05/2024 "
        "(hari/bulan/tahun), atau gunakan sel bertipe tanggal."
    )


def _ya_tidak(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and v in (0, 1):
        return bool(v)
    teks = _teks(v)
    if teks is None:
        return None
    t = teks.strip().lower()
    if t in _YA:
        return True
    if t in _TIDAK:
        return False
    raise ValueError(f"Isi ya atau tidak, bukan {tampil(teks.strip())!r}.")


_UBAH = {NIP: _nip, TANGGAL: _tanggal, YA_TIDAK: _ya_tidak}


# --- one sheet -----------------------------------------------------------------------------------------------


def _huruf_kolom(i: int) -> str:
    """Excel's column letter for a 0-based index (A, …, Z, AA, …)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def baca_lembar(hasil: Hasil, jenis: str, sumber: str, baris_baris, *, huruf: bool = True) -> None:
    """Read one sheet's rows (an iterable of (sheet row number, cells)) into `hasil` as the list `jenis`.

    The first non-empty row holds the column names; blank rows are skipped; a sheet with no rows at all is an
    empty list. `sumber` names the sheet in messages ("Lembar pegawai", "Berkas pegawai.csv"); `huruf` names
    columns by Excel letter (a workbook) or by number (a CSV file)."""
    lembar = LEMBAR[jenis]
    dikenal = {k.nama: k for k in lembar.kolom}

    def nama_kolom(i: int) -> str:
        return f"kolom {_huruf_kolom(i)}" if huruf else f"kolom ke-{i + 1}"

    judul: dict[int, str] | None = None
    dilaporkan: set[int] = set()  # untitled columns holding data, reported once each
    rekaman: list[dict] = []
    nomor_rekaman: list[int] = []
    for nomor, sel in baris_baris:
        # Empty rows count too: a workbook may number its one row 1,000,000,000, and openpyxl hands out
        # every empty row before it.
        if nomor > BATAS_NOMOR_BARIS:
            hasil.galat.append(
                f"{sumber}: baris ke-{nomor:,} melewati batas {BATAS_NOMOR_BARIS:,} baris; hapus baris kosong "
                "di antara data.".replace(",", ".")
            )
            raise _Berhenti
        sel = tuple(sel)
        if all(_kosong(v) for v in sel):
            continue
        if judul is None:
            judul = _baca_judul(hasil, lembar, sel, sumber, nomor, nama_kolom)
            if judul is None:
                return
            continue
        hasil.jumlah += 1
        if hasil.jumlah > BATAS_BARIS:
            hasil.galat.append(f"Berkas terlalu panjang: paling banyak {BATAS_BARIS:,} baris data.".replace(",", "."))
            raise _Berhenti
        baris = {}
        for i, v in enumerate(sel):
            if _kosong(v):
                continue
            if i not in judul:
                if i not in dilaporkan:
                    dilaporkan.add(i)
                    hasil.galat.append(
                        f"{sumber} baris {nomor}: {nama_kolom(i)} berisi data tetapi tidak berjudul; "
                        "beri judul atau kosongkan kolomnya."
                    )
                continue
            nama = judul[i]
            try:
                nilai = _UBAH.get(dikenal[nama].jenis, _teks)(v)
            except ValueError as e:
                hasil.galat.append(f"{sumber} baris {nomor}: {nama}: {e}")
                continue
            if nilai is not None:
                baris[nama] = nilai
        rekaman.append(baris)
        nomor_rekaman.append(nomor)
    hasil.data[jenis] = rekaman
    hasil.baris[jenis] = nomor_rekaman


def _baca_judul(hasil: Hasil, lembar, sel: tuple, sumber: str, nomor: int, nama_kolom) -> dict[int, str] | None:
    """{column index: field name} from the header row, or None (the problems recorded)."""
    judul: dict[int, str] = {}
    galat, tak_dikenal = [], False
    for i, v in enumerate(sel):
        if _kosong(v):
            continue
        tertulis = _teks(v).strip()
        nama = tertulis.lower()
        if nama not in {k.nama for k in lembar.kolom}:
            tak_dikenal = True
            galat.append(f"{nama_kolom(i)}: judul {tampil(tertulis)!r} tidak dikenal.")
        elif nama in judul.values():
            galat.append(f"{nama_kolom(i)}: kolom {nama} tercantum lebih dari sekali.")
        else:
            judul[i] = nama
    hilang = [k.nama for k in lembar.kolom if k.nama in lembar.wajib and k.nama not in judul.values()]
    if hilang:
        galat.append("kolom wajib tidak ada: " + ", ".join(hilang) + ".")
    if not galat:
        return judul
    hasil.galat += [f"{sumber}, baris judul (baris {nomor}): {g}" for g in galat]
    if tak_dikenal:
        hasil.galat.append(f"{sumber}: kolom yang dikenal: " + ", ".join(k.nama for k in lembar.kolom) + ".")
    return None


# --- a workbook ----------------------------------------------------------------------------------------------


def _bukan_buku_kerja(nama: str, isi: bytes) -> ValidationError:
    if isi.startswith(b"\xd0\xcf\x11\xe0"):
        pesan = (
            f"Berkas {tampil(nama)} berformat Excel lama (.xls) atau terlindung sandi; buka di Excel lalu "
            'Simpan Sebagai "Buku Kerja Excel (*.xlsx)" tanpa sandi.'
        )
    else:
        pesan = (
            f"Berkas {tampil(nama)} bukan buku kerja XLSX yang sah (rusak atau format lain); buka di Excel atau "
            'LibreOffice lalu simpan sebagai "Buku Kerja Excel (*.xlsx)".'
        )
    return ValidationError(pesan, code="bukan_xlsx")


def _periksa_zip(nama: str, isi: bytes) -> None:
    """Refuse what is not a ZIP, or would unpack to too much, before the workbook parser sees it."""
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as zf:
            anggota = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise _bukan_buku_kerja(nama, isi) from None
    if len(anggota) > BATAS_ANGGOTA_ZIP or sum(a.file_size for a in anggota) > BATAS_ISI:
        raise ValidationError(
            f"Berkas {tampil(nama)} terlalu besar setelah dibuka (paling besar {BATAS_ISI // 1024 // 1024} MB "
            "isi lembar); bagi datanya ke beberapa berkas.",
            code="xlsx_terlalu_besar",
        )


def baca_xlsx(nama: str, isi: bytes) -> Hasil:
    """A workbook's sheets as the exchange's data; a ValidationError listing every problem found."""
    import openpyxl  # noqa: PLC0415  (only the import page needs it)

    _periksa_zip(nama, isi)
    hasil = Hasil()
    try:
        buku = openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  a hostile or broken file can fail the parser in many ways
        raise _bukan_buku_kerja(nama, isi) from None
    try:
        lembar_lembar = {}
        for ws in buku.worksheets:
            kunci = nama_lembar(ws.title)
            if kunci == LEMBAR_PETUNJUK:
                continue
            if kunci not in LEMBAR:
                hasil.galat.append(
                    f"Lembar {tampil(ws.title)!r} tidak dikenal; nama lembar yang dikenal: "
                    + ", ".join(LEMBAR)
                    + f" (dan {LEMBAR_PETUNJUK}, yang diabaikan). Ganti namanya atau hapus lembarnya."
                )
            elif kunci in lembar_lembar:
                hasil.galat.append(f"Lembar {kunci} tercantum lebih dari sekali.")
            else:
                lembar_lembar[kunci] = ws
        if not lembar_lembar and not hasil.galat:
            hasil.galat.append(
                "Buku kerja tidak memuat lembar yang dikenal; beri nama lembar: " + ", ".join(LEMBAR) + "."
            )
        for jenis in LEMBAR:
            if jenis not in lembar_lembar:
                continue
            ws = lembar_lembar[jenis]
            ws.reset_dimensions()  # the file's own idea of its size is not trusted
            baris_baris = enumerate(ws.iter_rows(min_row=1, max_col=BATAS_KOLOM, values_only=True), 1)
            baca_lembar(hasil, jenis, f"Lembar {jenis}", baris_baris)
    except _Berhenti:
        pass
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001  a sheet's XML may be broken past the workbook's header
        raise _bukan_buku_kerja(nama, isi) from None
    finally:
        buku.close()
    hasil.periksa()
    return hasil


# --- CSV files -----------------------------------------------------------------------------------------------


def jenis_dari_nama_csv(nama: str) -> str | None:
    """The list a CSV file holds, from the last word of its name: pegawai.csv, struktur-pegawai.csv,
    "pegawai (1).csv" (a second download) all hold pegawai."""
    batang = re.sub(r"\s*\(\d+\)$", "", PurePath(nama).stem.strip().lower())
    kata = [k for k in re.split(r"[^a-z0-9]+", batang) if k]
    return kata[-1] if kata and kata[-1] in LEMBAR else None


def _pemisah(teks: str) -> str:
    """The delimiter of the header line: Excel in an Indonesian locale writes `;`, elsewhere `,`."""
    judul = next((b for b in teks.splitlines() if b.strip()), "")
    return max((";", ",", "\t"), key=lambda p: (judul.count(p), p == ","))


def baca_csv(berkas: list[tuple[str, bytes]]) -> Hasil:
    """CSV files (name, bytes), one per list, named after it; every problem found in a ValidationError."""
    hasil = Hasil()
    per_jenis: dict[str, tuple[str, bytes]] = {}
    for nama, isi in berkas:
        jenis = jenis_dari_nama_csv(nama)
        if jenis is None:
            hasil.galat.append(
                f"Berkas {tampil(nama)}: dari namanya tidak jelas lembar apa; beri nama "
                + ", ".join(f"{j}.csv" for j in LEMBAR)
                + "."
            )
        elif jenis in per_jenis:
            hasil.galat.append(f"Berkas {tampil(per_jenis[jenis][0])} dan {tampil(nama)} sama-sama berisi {jenis}.")
        else:
            per_jenis[jenis] = (nama, isi)
    try:
        for jenis in LEMBAR:
            if jenis not in per_jenis:
                continue
            nama, isi = per_jenis[jenis]
            sumber = f"Berkas {tampil(nama)}"
            try:
                teks = isi.decode("utf-8-sig")
            except UnicodeDecodeError as e:
                hasil.galat.append(f"{sumber} bukan teks UTF-8 (bita ke-{e.start + 1} tidak sah). " + _PETUNJUK_UTF8)
                continue
            pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=_pemisah(teks), strict=True)
            try:
                baca_lembar(hasil, jenis, sumber, enumerate(pembaca, 1), huruf=False)
            except csv.Error as e:
                hasil.galat.append(
                    f"{sumber} tidak dapat dibaca sebagai CSV pada baris {pembaca.line_num}: {_csv_galat(e)}"
                )
    except _Berhenti:
        pass
    hasil.periksa()
    return hasil


def _csv_galat(e: csv.Error) -> str:
    teks = str(e)
    if "field larger than field limit" in teks:
        return "satu sel terlalu panjang."
    if "NUL" in teks:
        return "memuat karakter NUL."
    if "end of data" in teks or "EOF" in teks:
        return 'tanda petik ganda (") tidak ditutup.'
    if "expected after" in teks:
        return 'setelah tanda petik ganda (") penutup harus ada pemisah atau akhir baris.'
    return "susunannya tidak sah."


# --- writing a workbook --------------------------------------------------------------------------------------


def _sel(v):
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    return v


def tulis_xlsx(data: dict, *, judul_petunjuk: str) -> bytes:
    """A workbook of the exchange `data` (one sheet per list, every list present, with headers) and a first
    sheet "petunjuk" describing the columns. NIP columns are text, so Excel keeps their 18 digits."""
    import openpyxl  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    tebal = Font(bold=True)
    wajib_isi = PatternFill("solid", fgColor="FFF2CC")
    buku = openpyxl.Workbook()
    petunjuk = buku.active
    petunjuk.title = LEMBAR_PETUNJUK
    petunjuk.append([judul_petunjuk])
    petunjuk["A1"].font = Font(bold=True, size=13)
    for baris in PETUNJUK_UMUM:
        petunjuk.append([baris])
    petunjuk.append([])
    petunjuk.append(["lembar", "kolom", "wajib", "keterangan", "contoh"])
    for sel in petunjuk[petunjuk.max_row]:
        sel.font = tebal
    for lembar in LEMBAR.values():
        petunjuk.append([lembar.nama, "", "", lembar.keterangan])
        petunjuk.cell(petunjuk.max_row, 1).font = tebal
        for k, wajib in lembar.daftar():
            petunjuk.append(["", k.nama, "wajib" if wajib else "", k.keterangan, k.contoh])
    for kolom, lebar in zip("ABCDE", (12, 18, 8, 90, 28), strict=True):
        petunjuk.column_dimensions[kolom].width = lebar
    for baris in petunjuk.iter_rows(min_col=4, max_col=4):
        baris[0].alignment = Alignment(wrap_text=True, vertical="top")

    for lembar in LEMBAR.values():
        ws = buku.create_sheet(lembar.nama)
        ws.append([k.nama for k in lembar.kolom])
        for i, (k, wajib) in enumerate(lembar.daftar(), 1):
            sel = ws.cell(1, i)
            sel.font = tebal
            if wajib:
                sel.fill = wajib_isi
            huruf = _huruf_kolom(i - 1)
            ws.column_dimensions[huruf].width = max(12, min(40, len(k.contoh) + 4, 40))
            if k.jenis == NIP:
                ws.column_dimensions[huruf].number_format = "@"
                ws.column_dimensions[huruf].width = 22
        for baris in data.get(lembar.nama, []):
            ws.append([_sel(baris.get(k.nama)) for k in lembar.kolom])
        for i, k in enumerate(lembar.kolom, 1):
            if k.jenis == NIP:
                for (sel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    sel.number_format = "@"
        ws.freeze_panes = "A2"
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def contoh_templat() -> dict:
    """One example row per sheet (the columns' examples), together an importable structure."""
    return {lembar.nama: [{k.nama: k.contoh for k in lembar.kolom if k.contoh}] for lembar in LEMBAR.values()}


PETUNJUK_UMUM = (
    "Satu lembar per jenis data: instansi, unit, pegawai, plt, delegasi. Baris pertama tiap lembar adalah judul "
    "kolom (jangan diubah); satu baris per data di bawahnya. Lembar yang tidak diperlukan boleh dihapus.",
    "Kolom berlatar kuning wajib diisi; kolom lain boleh dikosongkan atau dihapus. Baris kosong dilewati.",
    "Baris contoh di bawah judul harus diganti dengan data Anda (atau dihapus) sebelum diimpor.",
    "NIP ditulis sebagai teks 18 digit (kolom NIP di templat ini sudah berformat Teks). Tanggal: sel bertipe "
    "tanggal, atau teks 2024-05-03 atau 03/05/2024 (hari/bulan/tahun). Ya/tidak: ya atau tidak.",
    "Data dicocokkan menurut kode unit dan NIP: impor ulang memperbarui, tidak menggandakan. Bila ada satu galat, "
    "tidak ada yang diubah.",
)
