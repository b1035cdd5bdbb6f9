"""A dashboard as a spreadsheet (openpyxl) or a PDF (WeasyPrint), with the same figures as the page.

The PDF is made in the request: a dashboard is a few pages of tables, laid out in well under the letter
limit (`penugasan.pdf.MAKS_DETIK`, reused here so a huge agency cannot hold a worker).
"""

from __future__ import annotations

import io
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from sistemkerja.teks import tanggal_id

from .dasbor import Dasbor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KOLOM_TARGET = [
    ("Unit", 32),
    ("Target", 48),
    ("Jenis", 12),
    ("Nilai target", 14),
    ("Satuan", 12),
    ("Capaian", 14),
    ("Capaian (%)", 12),
    ("Anggaran (Rp)", 18),
    ("Realisasi (Rp)", 18),
    ("Menunggu tinjauan", 12),
    ("Terlambat", 10),
    ("Tertua menunggu (hari)", 14),
    ("Tim kerja", 28),
]


def judul(data: Dasbor) -> str:
    return f"Dasbor Kinerja {data.unit.nama} Tahun {data.tahun}"


def nama_berkas(data: Dasbor, ext: str) -> str:
    return f"dasbor-kinerja-{data.unit.kode}-{data.tahun}.{ext}"


def _unduh(isi: bytes, jenis: str, nama: str) -> HttpResponse:
    respon = HttpResponse(isi, content_type=jenis)
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    respon["Cache-Control"] = "private, no-store"
    return respon


def xlsx(data: Dasbor) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Target"
    r = data.ringkasan
    kepala = [
        [data.instansi.nama],
        [judul(data)],
        [f"Keadaan {tanggal_id(data.hari)}; batas peninjauan {data.batas_hari} hari kerja"],
        [],
        ["Jumlah target", r.target],
        ["Rata-rata capaian (%)", float(r.persen_rata) if r.persen_rata is not None else None],
        ["Anggaran (Rp)", r.anggaran],
        ["Realisasi (Rp)", r.realisasi],
        ["Hasil menunggu tinjauan", r.menunggu],
        ["Terlambat ditinjau", r.terlambat],
        ["Tertua menunggu (hari)", data.tertua_hari()],
        [],
        [k for k, _ in KOLOM_TARGET],
    ]
    for baris in kepala:
        ws.append(baris)
    ws["A1"].font = ws["A2"].font = Font(bold=True)
    for sel in ws[len(kepala)]:
        sel.font = Font(bold=True)
    for b in data.target:
        ws.append(
            [
                b.unit_nama,
                b.uraian,
                "Indikator PK" if b.akar else "Turunan",
                float(b.target),
                b.satuan,
                float(b.capaian),
                float(b.persen) if b.persen is not None else None,
                b.anggaran,
                b.realisasi,
                b.menunggu,
                b.terlambat,
                b.tertua_hari(data.hari),
                b.tim_nama,
            ]
        )
    for i, (_, lebar) in enumerate(KOLOM_TARGET, 1):
        ws.column_dimensions[get_column_letter(i)].width = lebar
    tim = wb.create_sheet("Tim kerja")
    tim.append(["Tim kerja", "Ketua", "Jumlah target", "Jumlah anggota"])
    for t in data.tim:
        tim.append([t.nama, t.ketua, t.target, t.anggota])
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


def respon_xlsx(data: Dasbor) -> HttpResponse:
    return _unduh(xlsx(data), XLSX, nama_berkas(data, "xlsx"))


@lru_cache(maxsize=1)
def _fon():
    """One font configuration per process (scanning fonts costs more than laying out a dashboard)."""
    import atexit

    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    atexit.register(_fon.cache_clear)  # before WeasyPrint's libraries unload (see penugasan.pdf.gaya)
    return fonts


def html(data: Dasbor) -> str:
    from penugasan.pdf import FON_SURAT  # the letters' bundled font: the same look on every server

    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "kinerja/dasbor_pdf.html",
            {
                "dasbor": data,
                "judul": judul(data),
                "fon": [f.as_uri() for f in FON_SURAT],
                "tanggal": tanggal_id(data.hari),
                "tertua_hari": data.tertua_hari(),
                "baris": [(b, b.tertua_hari(data.hari)) for b in data.target],
            },
        )


def pdf(data: Dasbor) -> bytes:
    from weasyprint import HTML

    from penugasan.pdf import MAKS_DETIK, batas_waktu

    with batas_waktu(MAKS_DETIK):
        return HTML(string=html(data), base_url=str(settings.BASE_DIR)).write_pdf(font_config=_fon())


def respon_pdf(data: Dasbor) -> HttpResponse:
    return _unduh(pdf(data), "application/pdf", nama_berkas(data, "pdf"))
