"""An instansi row's optional `bagian_organisasi` (API.md): the kode of the unit whose head disposes the
agencies' consultations and whose staff handle them. It must be an active unit of that instansi, in the
database or in the same file; it is checked once the file's tree is read and set once its units are written
(it may be a unit the file creates). A row without it leaves the instansi's Bagian Organisasi as it is."""

from __future__ import annotations

from .. import services
from ..models import Instansi


def periksa(b) -> None:
    """Record an error on each instansi row naming a unit that cannot be its Bagian Organisasi."""
    for r in b.instansi:
        if r.bagian_organisasi is not None and r.kode is not None:
            if pesan := _salah(b, r.kode, r.bagian_organisasi):
                b.galat.tambah(r.label, "bagian_organisasi", pesan)


def _salah(b, instansi: str, kode: str) -> str:
    if kode in b._kode_instansi_semua():
        return f"{kode!r} adalah instansi; pilih unit di bawahnya."
    if kode in b.unit:
        baris = b.unit[kode]
        milik, aktif = getattr(baris, "instansi_kode", None), baris.aktif
        if milik is None:  # its parent chain is broken: reported on the unit's own row
            return ""
    elif kode in b.unit_db:
        unit = b.unit_db[kode]
        milik, aktif = b.kode_instansi.get(unit.instansi_id), unit.aktif
    else:
        return f"Unit {kode!r} tidak dikenal (tidak ada di lembar unit maupun di basis data)."
    if milik != instansi:
        return f"Unit {kode!r} milik instansi {milik}, bukan {instansi}."
    if not aktif:
        return f"Unit {kode!r} tidak aktif."
    return ""


def tulis(penulis) -> None:
    """Set each named Bagian Organisasi that differs from the recorded one (through `instansi_ubah`)."""
    b = penulis.bacaan
    for r in b.instansi:
        if r.bagian_organisasi is None:
            continue
        instansi = Instansi.objects.filter(kode=r.kode).first()
        unit = b.unit_db.get(r.bagian_organisasi)
        if instansi is None or unit is None:  # their own rows failed to be written: those errors are listed
            continue
        if instansi.bagian_organisasi_id == unit.pk:
            continue
        if penulis._coba(r.label, services.instansi_ubah, instansi=instansi, bagian_organisasi=unit) is not None:
            penulis._tandai("instansi", r.kode, "diubah")
