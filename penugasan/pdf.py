"""Letters to PDF with WeasyPrint: one lean stylesheet and one font configuration, reused per process.

Parsing the stylesheet and scanning fonts cost more than laying out a one-page letter, so both are
made once (issue 5: reuse font configuration, keep the stylesheet lean).
"""

from __future__ import annotations

from functools import lru_cache

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from organisasi import nip as nip_mod
from sistemkerja.teks import tanggal_id

CSS_SURAT = settings.BASE_DIR / "static" / "penugasan" / "surat.css"


@lru_cache(maxsize=1)
def _weasy():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, CSS(filename=str(CSS_SURAT), font_config=fonts)


def url_verifikasi(kode: str) -> str:
    return settings.SITUS_URL.rstrip("/") + reverse("penugasan:verifikasi", args=[kode])


def qr_png(data: str) -> str:
    """A QR code as a PNG data URI (no file, no network; cheaper to lay out than an SVG of modules)."""
    return segno.make(data, error="m").png_data_uri(scale=4, border=2)


def periode_id(periode: dict) -> str:
    return f"{tanggal_id(periode['mulai'])} s.d. {tanggal_id(periode['selesai'])}" if periode else ""


def konteks_surat(surat) -> dict:
    isi = surat.isi
    url = url_verifikasi(surat.kode_verifikasi)
    ttd = dict(isi.get("penandatangan", {}))
    ttd["nip_tampil"] = nip_mod.tampilkan(ttd["nip"]) if ttd.get("nip") else ""
    ttd["jabatan_baris"] = (ttd.get("jabatan") or "").split("\n")
    return {
        "surat": surat,
        "isi": isi,
        "ttd": ttd,
        "url_verifikasi": url,
        "qr": qr_png(url),
        "periode": periode_id(isi.get("periode")),
        "kepada": [{**k, "nip_tampil": nip_mod.tampilkan(k["nip"])} for k in isi.get("kepada", [])],
        "daftar": [{**k, "nip_tampil": nip_mod.tampilkan(k["nip"])} for k in isi.get("daftar", [])],
    }


def html_surat(surat) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("penugasan/surat_pdf.html", konteks_surat(surat))


def respon_pdf(surat):
    """The kept PDF as a download, never cached by anything in between."""
    from django.http import FileResponse

    respon = FileResponse(
        surat.berkas.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{surat.jenis}-{surat.kode_verifikasi}.pdf",
    )
    respon["Cache-Control"] = "private, no-store"
    return respon


def pdf_surat(surat) -> bytes:
    from weasyprint import HTML

    fonts, css = _weasy()
    return HTML(string=html_surat(surat), base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[css], font_config=fonts
    )
