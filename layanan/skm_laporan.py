"""The published SKM report of a service and period, as the annex of PermenPANRB 14/2017 lays it out: the
results (per element the NRR and weighted NRR, their sum, the index, mutu and kinerja), the respondent
profile, complaints, the weakest elements and the rencana tindak lanjut, and as an appendix the tabulation
per respondent and per element. As a PDF (WeasyPrint, made in the request within the letters' time limit;
the appendix capped at `MAKS_LAMPIRAN` rows, the XLSX has all) and an XLSX (openpyxl write-only, row by row
into a spooled file, so a year of 100,000 respondents never sits in memory).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from sistemkerja.teks import tanggal_id

from . import grafik, indeks
from . import selectors as sel
from . import skm_baca as baca
from .models import Layanan, SkemaSurvei
from .periode import Periode

CSS_LAPORAN = settings.BASE_DIR / "static" / "layanan" / "skm_laporan.css"
# Respondents printed in the PDF's appendix. WeasyPrint lays out a row of the tabulation in about 13 ms of CPU
# (12 cells), so 1,000 rows take 13-20 s on a busy 2-core machine, inside the letters' 30 s limit
# (`penugasan.pdf.MAKS_DETIK`); 2,000 did not fit. The XLSX carries every respondent.
MAKS_LAMPIRAN = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JUDUL_TABULASI = "PENGOLAHAN DATA SURVEI KEPUASAN MASYARAKAT PER RESPONDEN DAN PER UNSUR PELAYANAN"


@dataclass
class Laporan:
    layanan: Layanan
    skema: SkemaSurvei
    periode: Periode
    hasil: indeks.Hasil
    kerja: dict
    profil: list = field(default_factory=list)
    pengaduan: dict = field(default_factory=dict)
    terlemah: list = field(default_factory=list)
    rencana: list = field(default_factory=list)
    nilai_persepsi: list = field(default_factory=list)
    grafik_nrr: dict | None = None

    @property
    def tanggal(self) -> str:
        return f"{tanggal_id(self.periode.mulai)} s.d. {tanggal_id(self.periode.selesai)}"

    def nama_berkas(self, ext: str) -> str:
        return f"skm-{self.layanan.kode}-{self.periode.mulai:%Y%m%d}-{self.periode.selesai:%Y%m%d}.{ext}"


def laporan(layanan: Layanan, skema: SkemaSurvei, per: Periode) -> Laporan:
    """Everything the page, the PDF and the XLSX print for a service and period, in a constant number of
    queries (the index 2, the profile 8, complaints 1, the plan 1)."""
    hasil = sel.ikm(skema=skema, layanan=layanan, mulai=per.mulai, selesai=per.selesai)
    rincian = sel.rincian_profil(skema=skema, layanan=layanan, mulai=per.mulai, selesai=per.selesai)
    stat = sel.statistik_pengaduan([layanan.pk], per.mulai, per.selesai).get(layanan.pk, {})
    return Laporan(
        layanan=layanan,
        skema=skema,
        periode=per,
        hasil=hasil,
        kerja=baca.kerja(hasil),
        profil=baca.profil(rincian, hasil.skema, hasil.responden),
        pengaduan={**baca.KOSONG_PENGADUAN, **stat},
        terlemah=baca.terlemah(hasil),
        rencana=list(baca.rencana(layanan, per.mulai, per.selesai)),
        nilai_persepsi=baca.nilai_persepsi(hasil.skema),
        grafik_nrr=grafik.nrr_unsur(hasil, skema.nilai_maks) if hasil.k else None,
    )


def kode_unsur(skema: SkemaSurvei) -> list[str]:
    return [u.kode for u in sorted(skema.unsur.all(), key=lambda u: u.urutan)]


# --- PDF ------------------------------------------------------------------------------------------------


def konteks_pdf(lap: Laporan, *, lampiran: bool) -> dict:
    from penugasan.pdf import lambang_uri
    from penugasan.services.surat import kop

    k = kop(lap.layanan.unit)
    baris, lebih = [], 0
    if lampiran:
        qs = baca.responden_urut(lap.skema, lap.layanan, lap.periode.mulai, lap.periode.selesai)
        baris = baca.baris_tabulasi(list(qs[:MAKS_LAMPIRAN]), lap.skema)
        lebih = max(lap.hasil.responden - len(baris), 0)
    return {
        "lap": lap,
        "kop": k,
        "lambang": lambang_uri(k.get("lambang", "")),
        "kode_unsur": kode_unsur(lap.skema),
        "lampiran": lampiran,
        "tabulasi": baris,
        "lampiran_lebih": lebih,
        "maks_lampiran": f"{MAKS_LAMPIRAN:,}".replace(",", "."),
        "tempat_tanggal": f"{k.get('tempat') or k.get('instansi', '')}, {tanggal_id(timezone.localdate())}",
    }


def html_pdf(lap: Laporan, *, lampiran: bool) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("layanan/skm/laporan_pdf.html", konteks_pdf(lap, lampiran=lampiran))


def pdf(lap: Laporan, *, lampiran: bool) -> bytes:
    """The report as PDF within the letters' time limit (`penugasan.pdf.WaktuHabis` past it)."""
    from penugasan.pdf import MAKS_DETIK, batas_waktu, tata_letak

    with batas_waktu(MAKS_DETIK):
        return tata_letak(html_pdf(lap, lampiran=lampiran), CSS_LAPORAN, "laporan").write_pdf()


# --- XLSX -----------------------------------------------------------------------------------------------

_AWAL_RUMUS = ("=", "+", "-", "@")


class _Lembar:
    """A write-only sheet whose text never becomes a formula and whose figures keep their decimals."""

    def __init__(self, wb, judul: str, lebar: dict[str, float] | None = None):
        from openpyxl.styles import Font

        self.ws = wb.create_sheet(judul)
        self.tebal = Font(bold=True)
        for kolom, w in (lebar or {}).items():
            self.ws.column_dimensions[kolom].width = w

    def sel(self, v, *, tebal: bool = False, format_: str | None = None):
        from openpyxl.cell import WriteOnlyCell

        if isinstance(v, Decimal):
            format_ = format_ or ("0" if v == v.to_integral_value() else "0." + "0" * -v.as_tuple().exponent)
            v = float(v)
        c = WriteOnlyCell(self.ws, value=v)
        if isinstance(v, str) and v.startswith(_AWAL_RUMUS):
            c.data_type = "s"  # typed text, never a formula
        if isinstance(v, dt.date):
            format_ = "yyyy-mm-dd"
        if format_:
            c.number_format = format_
        if tebal:
            c.font = self.tebal
        return c

    def baris(self, nilai: list, *, tebal: bool = False) -> None:
        self.ws.append([self.sel(v, tebal=tebal) for v in nilai])


def _d(teks: str | None) -> Decimal | None:
    return Decimal(teks) if teks is not None else None


def _kepala(lembar: _Lembar, lap: Laporan, judul: str) -> None:
    lembar.baris([judul], tebal=True)
    lembar.baris([f"Layanan: {lap.layanan.nama} — {lap.layanan.unit.nama}"])
    lembar.baris([f"Periode: {lap.periode.label} ({lap.tanggal})"])
    lembar.baris([f"Skema: {lap.skema.nama}"])
    lembar.baris([])


def _tabulasi(wb, lap: Laporan) -> None:
    kode = kode_unsur(lap.skema)
    ws = _Lembar(wb, "Tabulasi", {"A": 8, "B": 12})
    _kepala(ws, lap, JUDUL_TABULASI)
    ws.baris(["No", "Tanggal", *kode, *baca.KOLOM_PROFIL], tebal=True)
    qs = baca.responden_urut(lap.skema, lap.layanan, lap.periode.mulai, lap.periode.selesai)
    tambah = ws.ws.append
    for b in baca.tabulasi_semua(qs, lap.skema):
        # plain values (numbers, a date, the profile's fixed labels): no per-cell object for 100,000 rows
        profil = [b["jenis_kelamin"] or None, b["usia"], b["pendidikan"] or None, b["pekerjaan"] or None]
        tambah([b["no"], b["tanggal"], *b["nilai"], *profil])  # None: no cell written
    ws.baris([])
    h, k = lap.hasil, lap.kerja
    bobot = indeks.bulat(h.bobot, 4) if h.bobot is not None else None
    per_unsur = [
        [u.jumlah_nilai for u in h.unsur],
        [u.jumlah_jawaban for u in h.unsur],
        [_d(u.nrr_teks) for u in h.unsur],
        [bobot if u.nrr is not None else None for u in h.unsur],
        [_d(u.tertimbang_teks) for u in h.unsur],
    ]
    for label, nilai in zip(baca.RINGKAS_TABULASI, per_unsur, strict=False):
        ws.baris([label, "", *nilai], tebal=label.startswith("NRR"))
    akhir = [_d(k["jumlah_tertimbang_api"]), _d(h.ikm_teks), k["mutu"], k["kinerja"]]
    for label, nilai in zip(baca.RINGKAS_TABULASI[5:], akhir, strict=True):
        ws.baris([label, "", nilai], tebal=True)


def _ringkasan(wb, lap: Laporan) -> None:
    ws = _Lembar(wb, "Ringkasan", {"A": 14, "B": 42, "C": 14, "D": 14, "E": 12, "F": 12, "G": 16})
    _kepala(ws, lap, "HASIL SURVEI KEPUASAN MASYARAKAT")
    h, k = lap.hasil, lap.kerja
    ws.baris(["Jumlah responden", "", h.responden])
    ws.baris([])
    ws.baris(
        ["Kode", "Unsur pelayanan", "Jumlah nilai", "Jumlah jawaban", "NRR", "Bobot", "NRR tertimbang"], tebal=True
    )
    for u, b in zip(h.unsur, k["baris"], strict=True):
        bobot = indeks.bulat(h.bobot, 4) if u.nrr is not None else None
        ws.baris([u.kode, u.nama, u.jumlah_nilai, u.jumlah_jawaban, _d(u.nrr_teks), bobot, _d(u.tertimbang_teks)])
    ws.baris(["", "Σ NRR tertimbang", "", "", "", "", _d(k["jumlah_tertimbang_api"])], tebal=True)
    ws.baris(["", f"IKM = Σ NRR tertimbang × {h.skema.pengali}", "", "", "", "", _d(h.ikm_teks)], tebal=True)
    ws.baris(["", "Mutu pelayanan", "", "", "", "", k["mutu"]], tebal=True)
    ws.baris(["", "Kinerja unit pelayanan", "", "", "", "", k["kinerja"]], tebal=True)
    if k["tidak_dijawab"]:
        ws.baris(["", f"Tidak dijawab seorang pun, di luar k: {', '.join(k['tidak_dijawab'])}; k = {h.k}."])
    ws.baris([])
    ws.baris(["Nilai persepsi", "Nilai interval (NI)", "Nilai interval konversi (NIK)", "Mutu", "Kinerja"], tebal=True)
    for p in lap.nilai_persepsi:
        ws.baris([p["nilai"], p["ni"], p["nik"], p["mutu"], p["kinerja"]])
    ws.baris([])
    ws.baris(["Profil responden", "Nilai", "Responden", "Persen", "IKM", "Mutu"], tebal=True)
    for p in lap.profil:
        for b in p["baris"]:
            ws.baris([p["label"], b["label"], b["responden"], b["persen"], _d(b["ikm"]), b["mutu"]])
    ws.baris([])
    s = lap.pengaduan
    ws.baris(["Pengaduan", "Diterima", "Selesai", "Belum selesai", "Terlambat"], tebal=True)
    ws.baris(["", s["diterima"], s["selesai"], s["terbuka"], s["terlambat"]])


def _rencana(wb, lap: Laporan) -> None:
    ws = _Lembar(wb, "Rencana Tindak Lanjut", {"B": 34, "D": 50, "E": 20, "F": 26, "G": 30})
    _kepala(ws, lap, "RENCANA TINDAK LANJUT HASIL SURVEI KEPUASAN MASYARAKAT")
    ws.baris(["No", "Prioritas unsur", "NRR", "Program/kegiatan", "Waktu", "Penanggung jawab", "Periode"], tebal=True)
    nrr = {u.kode: _d(u.nrr_teks) for u in lap.hasil.unsur}
    for i, r in enumerate(lap.rencana, 1):
        periode = f"{tanggal_id(r.mulai)} s.d. {tanggal_id(r.selesai)}"
        ws.baris(
            [
                i,
                f"{r.unsur.kode} {r.unsur.nama}",
                nrr.get(r.unsur.kode),
                r.kegiatan,
                r.waktu,
                r.penanggung_jawab,
                periode,
            ]
        )
    if lap.terlemah:
        ws.baris([])
        ws.baris(["", "Unsur terlemah periode ini (usulan prioritas)"], tebal=True)
        for u in lap.terlemah:
            ws.baris(["", f"{u['kode']} {u['nama']}", _d(u["nrr_api"])])


def xlsx_berkas(lap: Laporan):
    """The workbook in a temporary file (spilled to disk past 8 MB), positioned at 0."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    _tabulasi(wb, lap)
    _ringkasan(wb, lap)
    _rencana(wb, lap)
    berkas = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(berkas)
    berkas.seek(0)
    return berkas


def templat(skema: SkemaSurvei, layanan: Layanan) -> bytes:
    """An empty tabulation to fill and import: the header row, a number check on every element column, and
    a sheet "Petunjuk" with each element's question and what 1..nilai_maks mean."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .choices import JenisKelamin, Pekerjaan, Pendidikan

    unsur = sorted(skema.unsur.all(), key=lambda u: u.urutan)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tabulasi"
    ws.append(["No", "Tanggal", *[u.kode for u in unsur], *baca.KOLOM_PROFIL])
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.column_dimensions["B"].width = 12
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1="1",
        formula2=str(skema.nilai_maks),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nilai tidak sah",
        error=f"Isi angka 1 sampai {skema.nilai_maks}, atau kosongkan bila tidak dijawab.",
    )
    dv.add(f"C2:{get_column_letter(2 + len(unsur))}10001")
    ws.add_data_validation(dv)
    p = wb.create_sheet("Petunjuk")
    p.append([f"Templat impor SKM — {layanan.nama} ({skema.nama})"])
    p["A1"].font = Font(bold=True)
    p.append(["Satu baris per responden, mulai baris 2 lembar Tabulasi. Tanggal: 2027-03-15 atau 15/03/2027."])
    p.append([f"Nilai setiap unsur 1 sampai {skema.nilai_maks}; kosongkan unsur yang tidak dijawab."])
    p.append([])
    p.append(["Kode", "Unsur", "Pertanyaan", *[f"Nilai {i}" for i in range(1, skema.nilai_maks + 1)]])
    for u in unsur:
        p.append([u.kode, u.nama, u.pertanyaan, *list(u.pilihan or [])])
    p.append([])
    p.append(["Kolom profil (boleh kosong)"])
    p.append(["Jenis Kelamin", ", ".join(JenisKelamin.labels)])
    p.append(["Usia", "tahun, 10 sampai 120"])
    p.append(["Pendidikan", ", ".join(Pendidikan.labels)])
    p.append(["Pekerjaan", ", ".join(Pekerjaan.labels)])
    p.column_dimensions["B"].width = 34
    p.column_dimensions["C"].width = 60
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()
