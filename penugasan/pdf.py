"""Letters to PDF with WeasyPrint: one lean stylesheet and one font configuration, reused per process.

Parsing the stylesheet and scanning fonts cost more than laying out a one-page letter, so both are
made once (issue 5: reuse font configuration, keep the stylesheet lean).

Rendering has limits that fail clearly, so no letter holds a worker or a request for long (issue 13):
its content at most `MAKS_ISI` characters (checked before any layout), at most `MAKS_HALAMAN` pages,
at most `MAKS_DETIK` seconds. Input is bounded (sistemkerja.masukan), so a letter made through the flows
stays well inside them; what does not is recorded on the letter (`galat_berkas`).
"""

from __future__ import annotations

import atexit
import base64
import json
import signal
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from organisasi import nip as nip_mod
from organisasi.naskah import LAMBANG_MAKS_BYTE
from sistemkerja.teks import tanggal_id

CSS_SURAT = settings.BASE_DIR / "static" / "penugasan" / "surat.css"
# The letters' own font (static/fonts, SIL OFL), loaded by @font-face in CSS_SURAT: a letter looks the same
# on every server. Missing files fail the rendering instead of falling back to whatever fonts are installed.
FON_SURAT = [settings.BASE_DIR / "static" / "fonts" / n for n in ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf")]
# Assignees listed one block each up to this many; more are listed as a table.
KEPADA_BLOK = 5

# The largest letter the flows make, three fields at their limit (sistemkerja.masukan PANJANG["sedang"]) and
# 200 staff addressed, is about 30,000 characters and 15 pages, laid out in about 2 seconds: twice that fits.
MAKS_ISI = 80_000
MAKS_HALAMAN = 30
MAKS_DETIK = 30
AWALAN_BATAS = "Melampaui batas surat"


class BatasSurat(Exception):
    """A letter too long to render (content or pages): recorded on it, and not rendered again by itself."""


class WaktuHabis(Exception):
    """Rendering took longer than `MAKS_DETIK`: recorded on the letter, tried again later like any failure."""


def melampaui_batas(surat) -> bool:
    """Whether the letter's PDF was refused for its size (it will not be made without a new letter)."""
    from .choices import StatusBerkas

    return surat.status_berkas == StatusBerkas.GAGAL and surat.galat_berkas.startswith(AWALAN_BATAS)


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@contextmanager
def batas_waktu(detik: float):
    """WaktuHabis once the block has run `detik` seconds. In a process's main thread (a Celery prefork
    worker, gunicorn's sync worker) a timer interrupts the block; in other threads (the development server)
    the block is timed and refused afterwards, bounded anyway by the limits on the letter's content."""
    pesan = f"Pembuatan PDF surat melebihi {detik} detik; akan dicoba lagi."
    utama = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if utama:

        def habis(signum, frame):
            raise WaktuHabis(pesan)

        sebelumnya = signal.signal(signal.SIGALRM, habis)
        signal.setitimer(signal.ITIMER_REAL, detik)
    mulai = time.monotonic()
    try:
        yield
    finally:
        if utama:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, sebelumnya)
    if time.monotonic() - mulai > detik:
        raise WaktuHabis(pesan)


@lru_cache(maxsize=None)
def gaya(css: Path, apa: str = "surat"):
    """One font configuration and the parsed stylesheet `css` per process, for every PDF laid out with the
    letters' bundled font (`FON_SURAT`): the letters, kinerja's documents, layanan's standards and SKM reports.
    `apa` names the kind of PDF in the error when the font is missing."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    if hilang := [str(f) for f in FON_SURAT if not f.is_file()]:
        raise FileNotFoundError(f"Fon {apa} tidak ditemukan: {', '.join(hilang)}.")
    fonts = FontConfiguration()
    # Let go of it while WeasyPrint's libraries are still loaded: left to interpreter shutdown, its __del__
    # prints "Exception ignored … TypeError" after every process that made a PDF.
    atexit.register(gaya.cache_clear)
    return fonts, CSS(filename=str(css), font_config=fonts)


def tata_letak(html: str, css: Path, apa: str = "surat"):
    """`html` laid out in pages with the stylesheet `css` and the bundled font (`gaya`): a WeasyPrint document,
    its `pages` to count, its `write_pdf()` to make. Callers bound it with `batas_waktu`."""
    from weasyprint import HTML

    fonts, lembar = gaya(css, apa)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(stylesheets=[lembar], font_config=fonts)


def url_verifikasi(kode: str) -> str:
    return settings.SITUS_URL.rstrip("/") + reverse("penugasan:verifikasi", args=[kode])


def qr_png(data: str) -> str:
    """A QR code as a PNG data URI (no file, no network; cheaper to lay out than an SVG of modules)."""
    return segno.make(data, error="m").png_data_uri(scale=4, border=2)


def periode_id(periode: dict) -> str:
    return f"{tanggal_id(periode['mulai'])} s.d. {tanggal_id(periode['selesai'])}" if periode else ""


TANDA_AKHIR = " \t\r\n.;,:"


def tanpa_tanda_akhir(teks: str) -> str:
    """Text without the punctuation it was typed with at its end, for the letter to punctuate itself."""
    return (teks or "").rstrip(TANDA_AKHIR)


def butir(daftar) -> list[str]:
    """The items of a numbered list in a letter: each ends with ";" and the last with ".", whatever the
    writer typed at their end (no "pertama.;"); empty items left out."""
    bersih = [t for t in (tanpa_tanda_akhir(str(x)) for x in daftar or []) if t]
    return [t + (";" if i < len(bersih) - 1 else ".") for i, t in enumerate(bersih)]


def lambang_uri(nama: str) -> str:
    """The instansi's lambang kept with the letter, as a data URI (no file path or URL reaches the renderer);
    "" when there is none or it is gone from storage."""
    if not nama:
        return ""
    from django.core.files.storage import default_storage

    jenis = "image/png" if nama.lower().endswith(".png") else "image/jpeg"
    try:
        with default_storage.open(nama, "rb") as berkas:
            data = berkas.read(LAMBANG_MAKS_BYTE + 1)
    except OSError:
        return ""
    if len(data) > LAMBANG_MAKS_BYTE:
        return ""
    return f"data:{jenis};base64,{base64.b64encode(data).decode('ascii')}"


def _orang(k: dict) -> dict:
    return {**k, "nip_tampil": nip_mod.tampilkan(k["nip"]) if k.get("nip") else ""}


def _untuk(isi: dict, periode: str) -> list[str]:
    untuk = list(isi.get("untuk") or [])
    if isi.get("unit_tujuan") or periode:
        tempat = f" pada {isi['unit_tujuan']}" if isi.get("unit_tujuan") else ""
        untuk.append(f"Melaksanakan tugas{tempat}" + (f" selama {periode}" if periode else ""))
    untuk.append("Melaporkan pelaksanaan tugas dan melaksanakan penugasan ini dengan penuh tanggung jawab")
    return butir(untuk)


def konteks_surat(surat) -> dict:
    isi = surat.isi
    url = url_verifikasi(surat.kode_verifikasi)
    ttd = _orang(dict(isi.get("penandatangan", {})))
    ttd["jabatan_baris"] = [b for b in (ttd.get("jabatan") or "").split("\n") if b]
    periode = periode_id(isi.get("periode"))
    kepada = [_orang(k) for k in isi.get("kepada", [])]
    kop = isi.get("kop", {})
    return {
        "surat": surat,
        "isi": isi,
        "kop": kop,
        "lambang": lambang_uri(kop.get("lambang", "")),
        "ttd": ttd,
        "url_verifikasi": url,
        "qr": qr_png(url),
        "periode": periode,
        "kepada": kepada,
        "kepada_tabel": len(kepada) > KEPADA_BLOK,
        "daftar": [_orang(k) for k in isi.get("daftar", [])],
        "menimbang": butir(isi.get("menimbang")),
        "dasar": butir(isi.get("dasar")),
        "untuk": _untuk(isi, periode),
        "maksud": tanpa_tanda_akhir(isi.get("maksud", "")),
        # the request a reply answers, and the rule a request rests on, inside a sentence
        "dasar_kalimat": [tanpa_tanda_akhir(d) for d in isi.get("dasar") or []],
        "tembusan": butir(t.split("\n")[-1] for t in isi.get("tembusan") or []),
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
    """The letter as PDF, within the limits above (BatasSurat, WaktuHabis otherwise)."""
    panjang = len(json.dumps(surat.isi, ensure_ascii=False))
    if panjang > MAKS_ISI:
        raise BatasSurat(f"{AWALAN_BATAS}: isinya {_angka(panjang)} karakter, paling banyak {_angka(MAKS_ISI)}.")
    with batas_waktu(MAKS_DETIK):
        dokumen = tata_letak(html_surat(surat), CSS_SURAT)
        if len(dokumen.pages) > MAKS_HALAMAN:
            raise BatasSurat(f"{AWALAN_BATAS}: {len(dokumen.pages)} halaman, paling banyak {MAKS_HALAMAN}.")
        return dokumen.write_pdf()
