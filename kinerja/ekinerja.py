"""Interoperability with the national e-Kinerja (kinerja.bkn.go.id): a person's or an agency's SKPs,
evaluations and angka kredit as CSV and XLSX, and the import of last year's predikat from such a file.

Where the column order comes from. BKN publishes no import or export template for e-Kinerja (none was
found; research notes of issue 16, /work/briefs/riset_skp.md §3), so the order follows the forms of the
Lampiran of PermenPANRB 6/2022 that e-Kinerja's screens reproduce, in the order a person types them:

- the SKP form (Format SKP, "Pendekatan Hasil Kerja Kuantitatif bagi Pejabat Administrasi dan Pejabat
  Fungsional", and the JPT form with its Perspektif column): period, PEGAWAI YANG DINILAI (NIP, nama,
  pangkat/gol ruang, jabatan, unit kerja), PEJABAT PENILAI KINERJA (the same), then per row: rencana hasil
  kerja pimpinan yang diintervensi, rencana hasil kerja, aspek, indikator kinerja individu, target
  (A. Utama, then B. Tambahan); PERILAKU KERJA (the seven BerAKHLAK values, ekspektasi khusus pimpinan);
  LAMPIRAN SKP (dukungan sumber daya, skema pertanggungjawaban, konsekuensi);
- the Evaluasi Kinerja Pegawai form (Anak Lampiran 4) and the Dokumen Evaluasi Kinerja Pegawai: the
  atasan PPK's identity, per period the realisasi berdasarkan bukti dukung and the umpan balik, rating hasil
  kerja, rating perilaku kerja, predikat kinerja;
- PermenPANRB 1/2023's conversion of the yearly predikat into angka kredit: jenjang, koefisien,
  persentase, angka kredit.

One flat table, one header row, the same columns in CSV (UTF-8 with a byte order mark, comma-separated)
and XLSX (one sheet, "e-Kinerja"), so a file per person and a file per agency read alike. Each row repeats
the SKP's identity columns; `Bagian` says which part of the forms the row belongs to (Hasil kerja: one row
per indikator, numbered "1.1", "1.2", … and "T1.1" for tambahan; Perilaku kerja; Lampiran; Evaluasi: one row
per period, the year last, its angka kredit on the yearly row). The columns, in order (`KOLOM`):

 1-5   Tahun, Periode SKP mulai, Periode SKP selesai, Model SKP, Status SKP
 6-11  pegawai: NIP, Nama, Pangkat/golongan, Jabatan, Unit kerja, Instansi
12-16  PPK: NIP PPK, Nama PPK, Pangkat/golongan PPK, Jabatan PPK, Unit kerja PPK
17-19  atasan PPK: NIP atasan PPK, Nama atasan PPK, Jabatan atasan PPK
20-21  Bagian, No
22-30  hasil kerja: Jenis hasil kerja, Rencana hasil kerja pimpinan yang diintervensi, Rencana hasil kerja,
       Perspektif (JPT), Pendekatan, Aspek, Indikator kinerja individu, Target, Satuan
31-34  Perilaku kerja, Ekspektasi khusus pimpinan; Lampiran, Isi lampiran
35-42  evaluation: Periode evaluasi (2027-T1, 2027-03, 2027), Jenis periode, Realisasi berdasarkan bukti dukung
       (the person's notes for the period, "[no] realisasi: uraian; …"), Umpan balik/catatan PPK, Rating hasil
       kerja, Rating perilaku kerja, Predikat kinerja, Status evaluasi
43-46  angka kredit (the yearly row of a pejabat fungsional): Jenjang, Koefisien, Persentase predikat,
       Angka kredit

Values are the forms' words (Utama, Kuantitas, Sesuai ekspektasi, Sangat Baik), dates ISO 8601, numbers
with a decimal point (angka kredit with three decimals). Text that a spreadsheet would read as a formula is
kept as text (CSV: a leading apostrophe; XLSX: a text cell).

The import (`impor_predikat`) reads NIP, Tahun, Predikat and optionally Angka kredit from such a file (only
its yearly Evaluasi rows when it has the Bagian and Jenis periode columns) or from any sheet with those
headers, and records each row as a `PredikatImpor`.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from organisasi.choices import Jenjang, pangkat_golongan
from organisasi.models import Pegawai
from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user
from organisasi.selectors import hari_ini
from sistemkerja.berkas import baris_xlsx, isi_unggahan
from sistemkerja.errors import BukanWewenang
from sistemkerja.masukan import bentuk_nip, tampil

from . import penilaian
from .choices import JenisHasilKerja, JenisPeriode, Predikat, StatusEvaluasi
from .models import CatatanSkp, Evaluasi, HasilKerja, PredikatImpor, RiwayatSkp, Skp

# the SKP and whose it is (the SKP form's header)
_SKP = ["Tahun", "Periode SKP mulai", "Periode SKP selesai", "Model SKP", "Status SKP"]
_PEGAWAI = ["NIP", "Nama", "Pangkat/golongan", "Jabatan", "Unit kerja", "Instansi"]
_PPK = ["NIP PPK", "Nama PPK", "Pangkat/golongan PPK", "Jabatan PPK", "Unit kerja PPK"]
_ATASAN_PPK = ["NIP atasan PPK", "Nama atasan PPK", "Jabatan atasan PPK"]
# hasil kerja (the SKP form's table), perilaku kerja and lampiran
_HASIL = ["Jenis hasil kerja", "Rencana hasil kerja pimpinan yang diintervensi", "Rencana hasil kerja", "Perspektif"]
_INDIKATOR = ["Pendekatan", "Aspek", "Indikator kinerja individu", "Target", "Satuan"]
_PERILAKU = ["Perilaku kerja", "Ekspektasi khusus pimpinan", "Lampiran", "Isi lampiran"]
# the evaluation (Evaluasi Kinerja Pegawai form) and angka kredit (PermenPANRB 1/2023)
_EVALUASI = ["Periode evaluasi", "Jenis periode", "Realisasi berdasarkan bukti dukung", "Umpan balik/catatan PPK"]
_PREDIKAT = ["Rating hasil kerja", "Rating perilaku kerja", "Predikat kinerja", "Status evaluasi"]
_ANGKA_KREDIT = ["Jenjang", "Koefisien", "Persentase predikat", "Angka kredit"]
KOLOM = [
    *_SKP,
    *_PEGAWAI,
    *_PPK,
    *_ATASAN_PPK,
    "Bagian",
    "No",
    *_HASIL,
    *_INDIKATOR,
    *_PERILAKU,
    *_EVALUASI,
    *_PREDIKAT,
    *_ANGKA_KREDIT,
]
_POSISI = {k: i for i, k in enumerate(KOLOM)}
BAGIAN_HASIL = "Hasil kerja"
BAGIAN_PERILAKU = "Perilaku kerja"
BAGIAN_LAMPIRAN = "Lampiran"
BAGIAN_EVALUASI = "Evaluasi"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POTONGAN = 200  # SKPs read per round trip when writing an agency's file


# --- export ---


def skp_untuk_ekspor() -> QuerySet:
    """SKPs with everything a row needs: six queries per batch, whatever the number of SKPs in it."""
    return Skp.objects.select_related(
        "pegawai",
        "jabatan",
        "unit__instansi",
        "ppk__jabatan",
        "ppk__unit",
        "atasan_ppk__jabatan",
    ).prefetch_related(
        Prefetch(
            "hasil_kerja",
            HasilKerja.objects.select_related("intervensi_hasil", "intervensi_target")
            .prefetch_related("indikator")
            .order_by("urutan", "id"),
        ),
        "perilaku",
        Prefetch("evaluasi", Evaluasi.objects.order_by("mulai", "id")),
        Prefetch("catatan", CatatanSkp.objects.exclude(periode="").order_by("dibuat", "id")),
    )


def _teks_angka(d: Decimal | None) -> Decimal | None:
    """A number without trailing zeros (4.00 → 4, 12.50 → 12.5)."""
    if d is None:
        return None
    return Decimal(format(d.normalize(), "f"))


def _kepala(skp: Skp) -> list:
    peg, ppk, atas = skp.pegawai, skp.ppk, skp.atasan_ppk
    return [
        skp.tahun,
        skp.mulai,
        skp.selesai,
        skp.get_model_display(),
        skp.get_status_display(),
        peg.nip,
        peg.nama,
        pangkat_golongan(skp.golongan),
        skp.jabatan.nama,
        skp.unit.nama,
        skp.unit.instansi.nama,
        ppk.nip if ppk else "",
        ppk.nama if ppk else "",
        pangkat_golongan(ppk.golongan) if ppk else "",
        ppk.jabatan.nama if ppk and ppk.jabatan_id else "",
        ppk.unit.nama if ppk and ppk.unit_id else "",
        atas.nip if atas else "",
        atas.nama if atas else "",
        atas.jabatan.nama if atas and atas.jabatan_id else "",
    ]


def _baris(kepala: list, bagian: str, no: str, **isi) -> list:
    r = kepala + [bagian, no] + [None] * (len(KOLOM) - len(kepala) - 2)
    for k, v in isi.items():
        r[_POSISI[k]] = v
    return r


def _intervensi(hk: HasilKerja) -> str:
    """What the result intervenes as it reads today (the text kept when it was written, if it is gone)."""
    if hk.intervensi_hasil is not None:
        return hk.intervensi_hasil.uraian
    if hk.intervensi_target is not None:
        return hk.intervensi_target.uraian
    return hk.intervensi_uraian


def _hasil_kerja(kepala: list, skp: Skp) -> tuple[list[list], dict[int, str]]:
    rows, nomor = [], {}
    semua = list(skp.hasil_kerja.all())
    for jenis in (JenisHasilKerja.UTAMA, JenisHasilKerja.TAMBAHAN):
        for i, hk in enumerate((h for h in semua if h.jenis == jenis), 1):
            no = f"{i}" if jenis == JenisHasilKerja.UTAMA else f"T{i}"
            nomor[hk.pk] = no
            umum = {
                "Jenis hasil kerja": hk.get_jenis_display(),
                "Rencana hasil kerja pimpinan yang diintervensi": _intervensi(hk),
                "Rencana hasil kerja": hk.uraian,
                "Perspektif": hk.get_perspektif_display() if hk.perspektif else "",
                "Pendekatan": hk.get_pendekatan_display(),
            }
            indikator = list(hk.indikator.all()) or [None]
            for j, ind in enumerate(indikator, 1):
                lain = {}
                if ind is not None:
                    lain = {
                        "Aspek": ind.get_aspek_display(),
                        "Indikator kinerja individu": ind.uraian,
                        "Target": _teks_angka(ind.target),
                        "Satuan": ind.satuan,
                    }
                rows.append(_baris(kepala, BAGIAN_HASIL, f"{no}.{j}", **umum, **lain))
    return rows, nomor


def _realisasi(skp: Skp, nomor: dict[int, str]) -> dict[str, str]:
    """The person's notes of realisasi per period, one text per period (`[no] realisasi: uraian; …`)."""
    per: dict[str, list[str]] = {}
    for c in skp.catatan.all():
        no = nomor.get(c.hasil_kerja_id, "-")
        nilai = f" {_teks_angka(c.realisasi)}" if c.realisasi is not None else ""
        per.setdefault(c.periode, []).append(f"[{no}]{nilai}: {c.uraian}")
    return {k: "; ".join(v) for k, v in per.items()}


def _evaluasi(kepala: list, skp: Skp, nomor: dict[int, str]) -> list[list]:
    realisasi = _realisasi(skp, nomor)
    urut = sorted(skp.evaluasi.all(), key=lambda e: (e.jenis == JenisPeriode.TAHUNAN, e.mulai, e.periode))
    rows = []
    for i, e in enumerate(urut, 1):
        ak = {}
        if e.jenis == JenisPeriode.TAHUNAN and e.jenjang in penilaian.KOEFISIEN:
            ak = {
                "Jenjang": Jenjang(e.jenjang).label,
                "Koefisien": _teks_angka(penilaian.KOEFISIEN[e.jenjang]),
                "Persentase predikat": _teks_angka(penilaian.PERSEN_PREDIKAT[e.predikat] * 100),
                "Angka kredit": e.angka_kredit,
            }
        rows.append(
            _baris(
                kepala,
                BAGIAN_EVALUASI,
                str(i),
                **{
                    "Periode evaluasi": e.periode,
                    "Jenis periode": e.get_jenis_display(),
                    "Realisasi berdasarkan bukti dukung": realisasi.get(e.periode, ""),
                    "Umpan balik/catatan PPK": e.catatan,
                    "Rating hasil kerja": e.get_rating_hasil_display(),
                    "Rating perilaku kerja": e.get_rating_perilaku_display(),
                    "Predikat kinerja": e.get_predikat_display(),
                    "Status evaluasi": e.get_status_display(),
                },
                **ak,
            )
        )
    return rows


def baris_skp(skp: Skp) -> list[list]:
    """Every row of one SKP (prefetched by `skp_untuk_ekspor`), in the forms' order."""
    kepala = _kepala(skp)
    rows, nomor = _hasil_kerja(kepala, skp)
    for i, p in enumerate(skp.perilaku.all(), 1):
        rows.append(
            _baris(
                kepala,
                BAGIAN_PERILAKU,
                str(i),
                **{"Perilaku kerja": p.get_nilai_display(), "Ekspektasi khusus pimpinan": p.ekspektasi},
            )
        )
    lampiran = [
        ("Dukungan sumber daya", skp.lampiran_sumber_daya),
        ("Skema pertanggungjawaban", skp.lampiran_skema),
        ("Konsekuensi", skp.lampiran_konsekuensi),
    ]
    for i, (judul, isi) in enumerate(((j, x) for j, x in lampiran if x), 1):
        rows.append(_baris(kepala, BAGIAN_LAMPIRAN, str(i), **{"Lampiran": judul, "Isi lampiran": isi}))
    return rows + _evaluasi(kepala, skp, nomor)


def baris_semua(skp_qs: QuerySet) -> Iterator[list]:
    """The rows of many SKPs, read in batches (a file of twenty thousand staff never sits in memory)."""
    for skp in skp_qs.iterator(chunk_size=POTONGAN):
        yield from baris_skp(skp)


def skp_pegawai(pegawai: Pegawai, tahun: int) -> QuerySet:
    return skp_untuk_ekspor().filter(pegawai=pegawai, tahun=tahun).order_by("mulai", "id")


def skp_unit(path: str, tahun: int) -> QuerySet:
    """The year's SKPs of every placement within a subtree (an agency's, or the whole instansi's)."""
    qs = skp_untuk_ekspor().filter(unit__path__startswith=path, tahun=tahun)
    return qs.order_by("unit__path", "pegawai__nama", "mulai", "id")


class _Gema:
    """csv.writer's file: hands back what it is given, for a streamed answer."""

    def write(self, nilai: str) -> str:
        return nilai


_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def _sel_csv(v) -> object:
    if v is None:
        return ""
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, str) and v.startswith(_AWAL_RUMUS):
        return "'" + v  # typed text must not become a spreadsheet formula when the file is opened
    return v


def csv_baris(rows: Iterable[list]) -> Iterator[bytes]:
    """The CSV file, line by line (UTF-8, a byte order mark first so Excel reads the names right)."""
    w = csv.writer(_Gema())
    yield "\ufeff".encode() + w.writerow(KOLOM).encode()
    for r in rows:
        yield w.writerow([_sel_csv(v) for v in r]).encode()


def _sel_xlsx(ws, v) -> object:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, str) and v.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        sel = WriteOnlyCell(ws, value=v)
        sel.data_type = "s"  # text, never a formula
        return sel
    return v


def xlsx_berkas(rows: Iterable[list]):
    """The workbook in a temporary file (written row by row, spilled to disk past 8 MB), positioned at 0."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("e-Kinerja")
    tebal = Font(bold=True)
    kepala = []
    for k in KOLOM:
        c = WriteOnlyCell(ws, value=k)
        c.font = tebal
        kepala.append(c)
    ws.append(kepala)
    for r in rows:
        ws.append([_sel_xlsx(ws, v) for v in r])
    berkas = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(berkas)
    berkas.seek(0)
    return berkas


# --- import of last year's predikat ---

MAKS_BAIT = 5 * 1024 * 1024
MAKS_ISI_XLSX = 50 * 1024 * 1024  # a workbook's unpacked size
MAKS_BARIS = 20_000  # data rows (a whole agency's export has about 25 rows a person: read, most skipped)
MAKS_KOLOM = 80
MAKS_GALAT = 50
_KOLOM_IMPOR = {
    "nip": ("nip", "nip pegawai"),
    "tahun": ("tahun",),
    "predikat": ("predikat", "predikat kinerja", "predikat kinerja pegawai"),
    "angka_kredit": ("angka kredit", "ak"),
    "bagian": ("bagian",),
    "jenis_periode": ("jenis periode",),
}
_PETUNJUK_UTF8 = 'Di Excel pilih Simpan Sebagai → "CSV UTF-8 (dipisahkan koma) (*.csv)".'
_PETUNJUK_NIP = "ubah format kolom NIP menjadi Teks lalu ketik ulang NIP-nya (atau awali dengan tanda ')."


def _normal(teks) -> str:
    return re.sub(r"[\s_]+", " ", str(teks if teks is not None else "")).strip().strip("*:").strip().lower()


def _kunci_predikat(teks: str) -> str:
    return re.sub(r"[\s/_-]+", "_", teks.strip().lower())


PREDIKAT_DIKENAL: dict[str, str] = (
    {_kunci_predikat(v): v for v in Predikat.values}
    | {_kunci_predikat(label): v for v, label in Predikat.choices}
    | {"kurang": Predikat.KURANG, "misconduct": Predikat.KURANG, "cukup": Predikat.BUTUH_PERBAIKAN}
)


class _Galat:
    def __init__(self):
        self.pesan: list[str] = []
        self.lebih = 0

    def tambah(self, pesan: str) -> None:
        if len(self.pesan) < MAKS_GALAT:
            self.pesan.append(pesan)
        else:
            self.lebih += 1

    def periksa(self) -> None:
        if self.pesan:
            lain = [f"… dan {self.lebih} galat lain."] if self.lebih else []
            raise ValidationError({"berkas": self.pesan + lain})


def _tolak(pesan: str):
    raise ValidationError({"berkas": [pesan]})


def _baris_csv(isi: bytes) -> Iterator[list]:
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        _tolak(f"Berkas CSV bukan teks UTF-8 (bita ke-{e.start + 1} tidak sah). {_PETUNJUK_UTF8}")
    judul = next((b for b in teks.splitlines() if b.strip()), "")
    pemisah = max((";", ",", "\t"), key=lambda p: (judul.count(p), p == ","))
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah, strict=True)
    try:
        yield from pembaca
    except csv.Error:
        _tolak(f"Berkas CSV tidak dapat dibaca pada baris {pembaca.line_num}: susunannya tidak sah.")


def _baris_berkas(isi: bytes, nama: str) -> Iterator:
    akhiran = PurePath(nama or "").suffix.lower()
    if akhiran == ".xlsx" or (akhiran != ".csv" and isi.startswith(b"PK\x03\x04")):
        return baris_xlsx(
            isi,
            maks_isi=MAKS_ISI_XLSX,
            maks_kolom=MAKS_KOLOM,
            bukan_xlsx="Berkas bukan buku kerja XLSX yang sah; buka di Excel lalu simpan sebagai .xlsx atau .csv.",
            tak_terbaca="Lembar pertama buku kerja tidak dapat dibaca; simpan ulang berkasnya sebagai .xlsx atau .csv.",
        )
    if akhiran in (".csv", ".txt", ""):
        return _baris_csv(isi)
    return _tolak(f"Berkas {tampil(nama)} bukan .xlsx atau .csv.")


def _judul(baris: Iterator, galat: _Galat) -> tuple[int, dict[str, int]]:
    """(row number of the header, {field: column index}) from the first ten rows."""
    for no, r in enumerate(baris, 1):
        nama = [_normal(x) for x in (r or ())]
        kolom = {}
        for kunci, alias in _KOLOM_IMPOR.items():
            kolom.update({kunci: nama.index(a) for a in alias if a in nama and kunci not in kolom})
        if "nip" in kolom:
            kurang = [k for k in ("tahun", "predikat") if k not in kolom]
            if kurang:
                _tolak(f"Baris judul (baris {no}) tidak memuat kolom {' dan '.join(x.title() for x in kurang)}.")
            return no, kolom
        if no >= 10:
            break
    _tolak("Baris judul dengan kolom NIP, Tahun dan Predikat tidak ditemukan pada sepuluh baris pertama.")
    return 0, {}  # unreachable


def _sel(r, kolom: dict[str, int], kunci: str):
    i = kolom.get(kunci)
    return r[i] if i is not None and i < len(r) else None


def _nip(galat: _Galat, no: int, nilai) -> str | None:
    if isinstance(nilai, float) or (isinstance(nilai, str) and re.fullmatch(r"[0-9][.,][0-9]+e\+?[0-9]+", nilai, re.I)):
        galat.tambah(f"Baris {no}: NIP terbaca sebagai angka yang dibulatkan; {_PETUNJUK_NIP}")
        return None
    teks = str(nilai).strip() if nilai is not None else ""
    nip = bentuk_nip(teks)
    if nip is None:
        galat.tambah(f"Baris {no}: NIP {tampil(teks) or '(kosong)'} tidak sah; NIP terdiri atas 18 digit.")
    return nip


def _tahun(galat: _Galat, no: int, nilai) -> int | None:
    sekarang = hari_ini().year
    teks = str(int(nilai)) if isinstance(nilai, int | float) and nilai == int(nilai) else str(nilai or "").strip()
    if not re.fullmatch(r"[0-9]{4}", teks) or not 2000 <= int(teks) < sekarang:
        galat.tambah(f"Baris {no}: tahun {tampil(teks) or '(kosong)'} tidak sah; isi tahun 2000 s.d. {sekarang - 1}.")
        return None
    return int(teks)


def _predikat(galat: _Galat, no: int, nilai) -> str | None:
    teks = str(nilai or "").strip()
    p = PREDIKAT_DIKENAL.get(_kunci_predikat(teks))
    if p is None:
        galat.tambah(
            f"Baris {no}: predikat {tampil(teks) or '(kosong)'} tidak dikenal; isi salah satu: "
            + ", ".join(Predikat.labels)
            + "."
        )
    return p


def _angka_kredit(galat: _Galat, no: int, nilai) -> Decimal | None:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    teks = repr(nilai) if isinstance(nilai, float) else str(nilai).strip().replace(",", ".")
    try:
        d = Decimal(teks)
    except InvalidOperation:
        d = None
    if isinstance(nilai, float) and d is not None:
        d = d.quantize(Decimal("0.001"))
    if d is None or not d.is_finite() or d < 0 or d >= Decimal("1000000") or d != d.quantize(Decimal("0.001")):
        galat.tambah(f"Baris {no}: angka kredit {tampil(teks)} tidak sah; isi angka 0 sampai 999999,999.")
        return None
    return d


def _baca(baris: Iterator, galat: _Galat) -> list[dict]:
    """The rows to import, each checked alone (the file's row numbers as a spreadsheet shows them)."""
    awal, kolom = _judul(baris, galat)
    hasil, kunci_baris = [], {}
    for no, r in enumerate(baris, awal + 1):
        if no - awal > MAKS_BARIS:
            _tolak(f"Berkas memuat lebih dari {MAKS_BARIS:,} baris data; bagi ke beberapa berkas.".replace(",", "."))
        r = list(r or ())
        if not any(x not in (None, "") and str(x).strip() for x in r):
            continue
        if "bagian" in kolom and _normal(_sel(r, kolom, "bagian")) != _normal(BAGIAN_EVALUASI):
            continue  # an e-Kinerja file's SKP rows: only its evaluations carry a predikat
        if "jenis_periode" in kolom and _normal(_sel(r, kolom, "jenis_periode")) != JenisPeriode.TAHUNAN:
            continue  # a periodic evaluation; the yearly one is imported
        x = {
            "no": no,
            "nip": _nip(galat, no, _sel(r, kolom, "nip")),
            "tahun": _tahun(galat, no, _sel(r, kolom, "tahun")),
            "predikat": _predikat(galat, no, _sel(r, kolom, "predikat")),
            "angka_kredit": _angka_kredit(galat, no, _sel(r, kolom, "angka_kredit")),
        }
        if x["nip"] and x["tahun"]:
            k = (x["nip"], x["tahun"])
            if k in kunci_baris:
                galat.tambah(f"Baris {no}: NIP {k[0]} tahun {k[1]} sudah tercantum pada baris {kunci_baris[k]}.")
            kunci_baris.setdefault(k, no)
        hasil.append(x)
    if not hasil and not galat.pesan:
        _tolak("Berkas tidak memuat baris predikat tahunan untuk diimpor.")
    return hasil


def _periksa_basis_data(rows: list[dict], galat: _Galat) -> dict[str, Pegawai]:
    """Unknown NIPs, and years already imported or already evaluated here (three queries)."""
    nip = {r["nip"] for r in rows if r["nip"]}
    pegawai = {p.nip: p for p in Pegawai.objects.filter(nip__in=nip)}
    ids = [p.pk for p in pegawai.values()]
    tahun = {r["tahun"] for r in rows if r["tahun"]}
    sudah = {
        (pid, t): sumber
        for pid, t, sumber in PredikatImpor.objects.filter(pegawai_id__in=ids, tahun__in=tahun).values_list(
            "pegawai_id", "tahun", "sumber"
        )
    }
    dinilai = set(
        Evaluasi.objects.filter(
            skp__pegawai_id__in=ids, skp__tahun__in=tahun, jenis=JenisPeriode.TAHUNAN, status=StatusEvaluasi.DITETAPKAN
        ).values_list("skp__pegawai_id", "skp__tahun")
    )
    for r in rows:
        if not r["nip"]:
            continue
        p = pegawai.get(r["nip"])
        if p is None:
            galat.tambah(f"Baris {r['no']}: NIP {r['nip']} tidak dikenal di Sistem Kerja.")
        elif r["tahun"] and (p.pk, r["tahun"]) in sudah:
            asal = sudah[(p.pk, r["tahun"])]
            galat.tambah(
                f"Baris {r['no']}: predikat {p.nama} tahun {r['tahun']} sudah diimpor"
                + (f" dari {tampil(asal, 80)}" if asal else "")
                + "."
            )
        elif r["tahun"] and (p.pk, r["tahun"]) in dinilai:
            galat.tambah(
                f"Baris {r['no']}: {p.nama} sudah memiliki evaluasi tahunan {r['tahun']} yang ditetapkan "
                "di Sistem Kerja."
            )
    return pegawai


def impor_predikat(*, pelaku, berkas, nama: str) -> dict:
    """Last year's predikat (and angka kredit) from an e-Kinerja file (XLSX or CSV): every row is checked
    first, and nothing is written while any is wrong (a ValidationError `{"berkas": ["Baris n: …", …]}`);
    then all rows and one history row in one transaction. Admin Organisasi only."""
    if not adalah_admin_organisasi(pelaku):
        raise BukanWewenang("Impor predikat dilakukan oleh Bagian Organisasi.")
    isi = isi_unggahan(berkas, MAKS_BAIT)
    galat = _Galat()
    rows = _baca(iter(_baris_berkas(isi, nama)), galat)
    galat.periksa()
    pegawai = _periksa_basis_data(rows, galat)
    galat.periksa()
    sumber = tampil(PurePath(nama or "berkas").name, 190, buang_kendali=True)
    with transaction.atomic():
        PredikatImpor.objects.bulk_create(
            [
                PredikatImpor(
                    pegawai=pegawai[r["nip"]],
                    tahun=r["tahun"],
                    predikat=r["predikat"],
                    angka_kredit=r["angka_kredit"],
                    sumber=sumber,
                    diimpor_oleh=pelaku,
                )
                for r in rows
            ]
        )
        RiwayatSkp.objects.create(
            aksi="impor_predikat",
            oleh=pegawai_dari_user(pelaku),
            akun=pelaku,
            sebagai="admin_organisasi",
            catatan=f"{len(rows)} predikat tahunan diimpor dari {sumber}.",
        )
    return {"jumlah": len(rows), "tahun": sorted({r["tahun"] for r in rows}), "sumber": sumber}
