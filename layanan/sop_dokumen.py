"""An SOP version as PDF, in the format of PermenPANRB 35/2012, A4 landscape:

- page 1, the identity block: on the left the agency's kop (lambang, instansi, Perangkat Daerah, unit), on the
  right Nomor SOP, Tanggal Pembuatan, Tanggal Revisi, Tanggal Efektif, Disahkan oleh (title, signature space,
  name, NIP) and Nama SOP; under them the two-column grid Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan |
  Peralatan/Perlengkapan, Peringatan | Pencatatan dan Pendataan;
- then the flowchart table, one SVG per page drawn by `layanan.bagan` with every column (No | Kegiatan |
  actors | Kelengkapan | Waktu | Output | Keterangan), so the symbols and the text of each row align exactly;
  a flow crossing a page ends on an off-page connector and resumes from its pair on the next page.

Rendered on request, nothing kept; a draft is marked DRAF across every page. WeasyPrint through penugasan's
machinery (bundled font, time limit) with its own stylesheet (static/layanan/sop_pdf.css).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from organisasi import nip as nip_mod
from penugasan.pdf import batas_waktu, lambang_uri, tata_letak
from penugasan.services.surat import kop as kop_surat
from sistemkerja.teks import tanggal_id

from . import bagan, sop_baca
from .teks import komponen_html

CSS_SOP = settings.BASE_DIR / "static" / "layanan" / "sop_pdf.css"
FON = "SOP Serif"  # the bundled font, under the name sop_pdf.css gives it
# A table of 10 to 30 rows lays out in 1–3 seconds; the largest the services take (300 rows, 30 pages of
# flowchart) in about 25 seconds on the development machine.
MAKS_DETIK = 60
BARIS_PER_HALAMAN = 10
# The page's usable area is about 27.3 × 16.6 cm under the title line: a drawing no taller than 0.6 of its
# width fits once laid out to the page's width.
RASIO_HALAMAN = 0.6

GRID = [
    (("dasar_hukum", "Dasar Hukum"), ("kualifikasi_pelaksana", "Kualifikasi Pelaksana")),
    (("keterkaitan", "Keterkaitan"), ("peralatan", "Peralatan/Perlengkapan")),
    (("peringatan", "Peringatan"), ("pencatatan", "Pencatatan dan Pendataan")),
]


def _kop(unit) -> dict:
    kop = kop_surat(unit)
    if unit.nama != kop["perangkat_daerah"]:
        kop["unit"] = unit.nama
    return kop


def _tanggal(t) -> str:
    return tanggal_id(t) if t else "—"


def konteks_sop(versi) -> dict:
    sop = versi.sop
    kop = _kop(sop.unit)
    pengesah = versi.disahkan_oleh
    halaman = bagan.halaman(
        versi.pelaksana or [],
        sop_baca.langkah_bagan(versi),
        lengkap=True,
        baris_per_halaman=BARIS_PER_HALAMAN,
        rasio_maks=RASIO_HALAMAN,
        judul=f"{sop.nomor} {sop.nama}",
        fon=FON,
        awalan="sop",
    )
    terbit = versi.berlaku_sejak is not None
    return {
        "sop": sop,
        "versi": versi,
        "kop": kop,
        "lambang": lambang_uri(kop.get("lambang", "")),
        "tanggal": {
            "pembuatan": _tanggal(versi.tanggal_pembuatan),
            "revisi": _tanggal(versi.tanggal_revisi),
            "efektif": _tanggal(versi.tanggal_efektif),
        },
        "pengesah": {
            "jabatan": versi.jabatan_pengesah,
            "nama": pengesah.nama if pengesah else "",
            "nip": nip_mod.tampilkan(pengesah.nip) if pengesah else "",
        },
        "grid": [[{"label": lbl, "isi": komponen_html(getattr(versi, f))} for f, lbl in baris] for baris in GRID],
        "halaman": [mark_safe(h) for h in halaman],  # bagan escapes every text it draws
        "tanda_air": "" if terbit else "DRAF",
        "keterangan": f"Versi {versi.nomor} · {versi.get_status_display()}"
        + (f" · dicetak {tanggal_id(timezone.localdate())}" if terbit else " · belum disahkan"),
    }


def html_sop(versi) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("layanan/sop/sop_pdf.html", konteks_sop(versi))


def pdf_sop(versi) -> bytes:
    """The identity block and the flowchart pages of one version (penugasan.pdf.WaktuHabis past `MAKS_DETIK`)."""
    with batas_waktu(MAKS_DETIK):
        return tata_letak(html_sop(versi), CSS_SOP, "SOP").write_pdf()


def nama_berkas(versi) -> str:
    nomor = "".join(c if c.isascii() and c.isalnum() else "-" for c in versi.sop.nomor).strip("-")[:60] or str(
        versi.sop.pk
    )
    return f"sop-{nomor}-versi-{versi.nomor}.pdf"
