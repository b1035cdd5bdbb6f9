"""Writing the current structure in the exchange shape (what impor reads back unchanged)."""

from __future__ import annotations

from sistemkerja.masukan import PERIODE_MIN

from ..choices import JenisPeran, JenisUnit
from ..models import Instansi, PejabatUnit, Penempatan, Unit
from ..selectors import hari_ini


def ekspor(*, instansi=None) -> dict:
    """Instansi, units (parents first), each person's latest placement and head role, and the Plt/Plh and
    delegations not yet ended. `instansi` is an Instansi or its kode; None exports every instansi."""
    semua_instansi = Instansi.objects.select_related("bagian_organisasi").order_by("kode")
    if instansi is not None:
        semua_instansi = semua_instansi.filter(kode=getattr(instansi, "kode", instansi))
    semua_instansi = list(semua_instansi)
    unit = list(Unit.objects.filter(instansi__in=semua_instansi).order_by("path"))
    kode_per_path = {u.path: u.kode for u in unit}
    return {
        "instansi": [_instansi(i) for i in semua_instansi],
        "unit": [_unit(u, kode_per_path) for u in unit if u.jenis != JenisUnit.INSTANSI],
        "pegawai": _pegawai(semua_instansi),
        "plt": [
            {"unit": p.unit.kode, "nip": p.pegawai.nip, "jenis": p.jenis, **_masa(p)}
            for p in _peran_berjalan(semua_instansi, [JenisPeran.PLT, JenisPeran.PLH])
        ],
        "delegasi": [
            {"dari_unit": p.unit.kode, "kepada_nip": p.pegawai.nip, **_masa(p)}
            for p in _peran_berjalan(semua_instansi, [JenisPeran.DELEGASI])
        ],
    }


def _tanpa_kosong(**kolom) -> dict:
    return {k: v for k, v in kolom.items() if v not in ("", None)}


def _instansi(i: Instansi) -> dict:
    return {
        "kode": i.kode,
        "nama": i.nama,
        **_tanpa_kosong(kode_wilayah=i.kode_wilayah, tempat=i.tempat, alamat=i.alamat),
        **_tanpa_kosong(bagian_organisasi=i.bagian_organisasi.kode if i.bagian_organisasi else None),
    }


def _unit(u: Unit, kode_per_path: dict[str, str]) -> dict:
    baris = {
        "kode": u.kode,
        "nama": u.nama,
        "jenis": u.jenis,
        "induk": kode_per_path[u.path[: -Unit.steplen]],
        "tingkat": u.tingkat,
        "mandiri": u.mandiri,
    }
    if not u.aktif:
        baris["aktif"] = False
    return baris


def _masa(p: PejabatUnit) -> dict:
    return {
        "mulai": p.mulai.isoformat(),
        "selesai": p.selesai.isoformat(),
        **_tanpa_kosong(nomor_sk=p.nomor_sk, keterangan=p.keterangan),
    }


def _peran_berjalan(semua_instansi, jenis: list[str]):
    return (
        PejabatUnit.objects.filter(unit__instansi__in=semua_instansi, jenis__in=jenis, selesai__gte=hari_ini())
        .select_related("unit", "pegawai")
        .order_by("unit__path", "mulai", "id")
    )


def _pegawai(semua_instansi) -> list[dict]:
    """Each person's latest placement decides where (and whether) they are exported; ordered by NIP."""
    terakhir: dict[int, Penempatan] = {}
    for p in (
        Penempatan.objects.filter(pegawai__riwayat_penempatan__unit__instansi__in=semua_instansi)
        .select_related("pegawai", "unit", "jabatan")
        .order_by("pegawai_id", "-mulai", "-id")
        .distinct()
    ):
        terakhir.setdefault(p.pegawai_id, p)
    memimpin = dict(
        PejabatUnit.objects.filter(jenis=JenisPeran.DEFINITIF, selesai__isnull=True)
        .order_by("mulai")
        .values_list("pegawai_id", "unit__kode")
    )
    id_instansi = {i.pk for i in semua_instansi}
    hasil = []
    for p in sorted(terakhir.values(), key=lambda p: p.pegawai.nip):
        if p.unit.instansi_id not in id_instansi:
            continue
        g, j = p.pegawai, p.jabatan
        baris = {
            "nip": g.nip,
            "nama": g.nama,
            "jenis_asn": g.jenis_asn,
            **_tanpa_kosong(golongan=g.golongan, email=g.email),
            "jabatan": j.nama,
            "jenis_jabatan": j.jenis,
            **_tanpa_kosong(jenjang=j.jenjang, tingkat_jabatan=j.tingkat),
            "unit": p.unit.kode,
            **_tanpa_kosong(memimpin=memimpin.get(g.pk)),
            # a placement from before the import's window is written undated ("from no particular date")
            **_tanpa_kosong(mulai=p.mulai.isoformat() if p.mulai >= PERIODE_MIN else ""),
            **_tanpa_kosong(nomor_sk=p.nomor_sk),
        }
        if not g.aktif:
            baris["aktif"] = False
        hasil.append(baris)
    return hasil
