"""The standar pelayanan as PDF, laid out as agencies print it: page 1 the Maklumat Pelayanan signed by the
head of the Perangkat Daerah, then "STANDAR PELAYANAN <NAMA LAYANAN>" with the table NO | KOMPONEN | URAIAN
(a "1 2 3" column-number row under the header, repeated on each page, as seed 001 prints it), place and date,
and the same signature block; the agency's kop on both. Every page's foot: the version, since when it is in
force, the page number, and a QR code to the service's public page.

Rendered on request, nothing kept: a standard is small (14 components). The signatory is read from organisasi
as of the day the version was published (a draft: today), so a standard printed later names whoever headed
the Perangkat Daerah when it came into force. Rendering reuses penugasan's letters' machinery (bundled font,
time limit, QR code, lambang) with its own lean stylesheet (static/layanan/standar.css).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from organisasi import nip as nip_mod
from organisasi.choices import pangkat_golongan
from organisasi.selectors import perangkat_daerah, pimpinan_unit_pada
from penugasan.pdf import batas_waktu, lambang_uri, qr_png, tata_letak
from penugasan.services.surat import jabatan_penandatangan
from penugasan.services.surat import kop as kop_surat
from sistemkerja.teks import tanggal_id

from .choices import KOMPONEN, StatusVersi
from .teks import komponen_html

CSS_STANDAR = settings.BASE_DIR / "static" / "layanan" / "standar.css"
# Fourteen components at the services' limit (10,000 characters each) lay out in well under this; an ordinary
# standard takes a fraction of a second.
MAKS_DETIK = 30

MAKLUMAT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)


def url_publik(versi) -> str:
    """The absolute address of the public page the QR code points at: an older published version's own page,
    else the service's page (the paths of the URL plan when those pages are not there)."""
    kode = versi.layanan.kode
    lama = versi.terbit and versi.status != StatusVersi.BERLAKU
    try:
        path = (
            reverse("layanan:publik_versi", args=[kode, versi.nomor])
            if lama
            else reverse("layanan:publik", args=[kode])
        )
    except NoReverseMatch:
        path = f"/layanan/{kode}/versi/{versi.nomor}/" if lama else f"/layanan/{kode}/"
    return settings.SITUS_URL.rstrip("/") + path


def penandatangan(unit, tanggal) -> dict:
    """The head of the unit's Perangkat Daerah on `tanggal` (a Plt/Plh as such; the head above when the post is
    empty): title, name, pangkat and NIP as a letter's signature block prints them. Empty lines if nobody."""
    pd = perangkat_daerah(unit)
    pj = pimpinan_unit_pada(pd, tanggal)["memimpin"]
    if pj is None:
        return {"jabatan_baris": [f"Kepala {pd.nama}"], "nama": "", "pangkat": "", "nip_tampil": ""}
    p = pj.pegawai
    return {
        "jabatan_baris": [b for b in jabatan_penandatangan(pj).split("\n") if b],
        "nama": p.nama,
        "pangkat": pangkat_golongan(p.golongan).split(" (")[0],
        "nip_tampil": nip_mod.tampilkan(p.nip),
    }


def _kop(unit) -> dict:
    kop = kop_surat(unit)  # instansi, Perangkat Daerah, address, place, lambang: the letters' letterhead
    if unit.nama != kop["perangkat_daerah"]:
        kop["unit"] = unit.nama
    return kop


def _keterangan(versi) -> tuple[str, str]:
    """(what the foot says about the version's force, the watermark: "" for a published version)."""
    if versi.berlaku_sejak is None:
        return "Draf, belum diterbitkan", "DRAF"
    sejak = tanggal_id(timezone.localdate(versi.berlaku_sejak))
    if versi.berlaku_sampai is not None:
        sampai = tanggal_id(timezone.localdate(versi.berlaku_sampai))
        return f"Berlaku sejak {sejak} sampai {sampai} (sudah diganti)", ""
    return f"Berlaku sejak {sejak}", ""


def konteks_standar(versi) -> dict:
    layanan = versi.layanan
    unit = layanan.unit
    tanggal = timezone.localdate(versi.berlaku_sejak) if versi.berlaku_sejak else timezone.localdate()
    kop = _kop(unit)
    url = url_publik(versi)
    keterangan, tanda_air = _keterangan(versi)
    return {
        "layanan": layanan,
        "versi": versi,
        "kop": kop,
        "lambang": lambang_uri(kop.get("lambang", "")),
        "maklumat": MAKLUMAT,
        "baris": [
            {"no": i, "label": label, "isi": komponen_html(getattr(versi, kunci))}
            for i, (kunci, label) in enumerate(KOMPONEN, 1)
        ],
        "ttd": penandatangan(unit, tanggal),
        "tempat_tanggal": f"{kop.get('tempat') or kop.get('instansi', '')}, {tanggal_id(tanggal)}",
        "keterangan": keterangan,
        "tanda_air": tanda_air,
        "url_publik": url,
        "qr": qr_png(url),
    }


def html_standar(versi) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("layanan/dokumen/standar_pdf.html", konteks_standar(versi))


def pdf_standar(versi) -> bytes:
    """The maklumat and standard of one version as PDF (penugasan.pdf.WaktuHabis past `MAKS_DETIK`)."""
    with batas_waktu(MAKS_DETIK):
        return tata_letak(html_standar(versi), CSS_STANDAR, "standar pelayanan").write_pdf()


def nama_berkas(versi) -> str:
    return f"standar-pelayanan-{versi.layanan.kode}-versi-{versi.nomor}.pdf"
