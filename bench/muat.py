"""Load an exchange-format dict into the database FAST, for benchmarks only.

`bulk_create` level by level with the materialised paths computed here, not the
per-row services: no history rows and no accounts for the staff (the benchmark
calls the API as one API client). The stored patterns are then derived by
`services.pola_hitung_ulang`, as after any structural change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction

from organisasi import nip as nip_mod
from organisasi import services
from organisasi.cache import naikkan_versi
from organisasi.choices import JenisUnit
from organisasi.models import Instansi, Jabatan, Pegawai, PejabatUnit, Penempatan, TokenApi, Unit
from organisasi.permissions import GRUP_KLIEN_API, pastikan_grup_peran
from sistemkerja import registry

BATCH = 2000
KLIEN = "klien-bench"


def _unit(data: dict, instansi: Instansi) -> dict[str, Unit]:
    """Every unit with its path, depth and numchild; created one depth at a time so parents have ids."""
    ins = data["instansi"][0]
    akar = Unit(
        kode=ins["kode"],
        nama=ins["nama"],
        jenis=JenisUnit.INSTANSI,
        tingkat="",
        instansi=instansi,
        path=_path_akar_berikut(),
        depth=1,
        numchild=0,
    )
    per_kode = {akar.kode: akar}
    anak = defaultdict(list)
    for u in data["unit"]:
        anak[u["induk"]].append(u)
    tingkat_ini = [akar]
    Unit.objects.bulk_create(tingkat_ini)
    while tingkat_ini:
        berikut = []
        for induk in tingkat_ini:
            baris = anak.get(induk.kode, [])
            induk.numchild = len(baris)
            for i, u in enumerate(baris, 1):
                berikut.append(
                    Unit(
                        kode=u["kode"],
                        nama=u["nama"],
                        jenis=u["jenis"],
                        tingkat=u["tingkat"],
                        mandiri=u["mandiri"],
                        instansi=instansi,
                        induk=induk,
                        depth=induk.depth + 1,
                        numchild=0,
                        path=Unit._get_path(induk.path, induk.depth + 1, i),
                    )
                )
        Unit.objects.bulk_update(tingkat_ini, ["numchild"], batch_size=BATCH)
        Unit.objects.bulk_create(berikut, batch_size=BATCH)
        per_kode.update((u.kode, u) for u in berikut)
        tingkat_ini = berikut
    return per_kode


def _path_akar_berikut() -> str:
    terakhir = Unit.get_last_root_node()
    return Unit._get_path(None, 1, 1 if terakhir is None else Unit._str2int(terakhir.path) + 1)


def _jabatan(pegawai: list[dict], unit: dict[str, Unit]) -> dict[tuple, Jabatan]:
    kunci = {}
    for p in pegawai:
        tingkat = unit[p["memimpin"]].tingkat if p["jenis_jabatan"] == "struktural" else ""
        kunci.setdefault((p["jabatan"], p["jenis_jabatan"], p.get("jenjang", "")), tingkat)
    ada = {(j.nama, j.jenis, j.jenjang): j for j in Jabatan.objects.all()}
    baru = [Jabatan(nama=n, jenis=j, jenjang=g, tingkat=t) for (n, j, g), t in kunci.items() if (n, j, g) not in ada]
    Jabatan.objects.bulk_create(baru, batch_size=BATCH)
    ada.update(((j.nama, j.jenis, j.jenjang), j) for j in baru)
    return ada


def _pegawai(data: dict, unit: dict[str, Unit], jabatan: dict[tuple, Jabatan]) -> dict[str, Pegawai]:
    pegawai = []
    for p in data["pegawai"]:
        t = nip_mod.urai(p["nip"], p["jenis_asn"])
        pegawai.append(
            Pegawai(
                nip=p["nip"],
                nama=p["nama"],
                jenis_asn=p["jenis_asn"],
                golongan=p["golongan"],
                jenis_kelamin=t.jenis_kelamin,
                tanggal_lahir=t.tanggal_lahir,
                unit=unit.get(p.get("unit") or ""),
                jabatan=jabatan[(p["jabatan"], p["jenis_jabatan"], p.get("jenjang", ""))],
            )
        )
    Pegawai.objects.bulk_create(pegawai, batch_size=BATCH)
    return {p.nip: p for p in pegawai}


def _tanggal(baris: dict, kolom: str) -> dt.date | None:
    return dt.date.fromisoformat(baris[kolom]) if baris.get(kolom) else None


def _peran(data: dict, unit: dict[str, Unit], per_nip: dict[str, Pegawai]) -> list[PejabatUnit]:
    def baris(u: str, nip: str, jenis: str, r: dict) -> PejabatUnit:
        return PejabatUnit(
            unit=unit[u], pegawai=per_nip[nip], jenis=jenis, mulai=_tanggal(r, "mulai"), selesai=_tanggal(r, "selesai")
        )

    return (
        [baris(p["memimpin"], p["nip"], "definitif", p) for p in data["pegawai"] if p.get("memimpin")]
        + [baris(r["unit"], r["nip"], r["jenis"], r) for r in data["plt"]]
        + [baris(r["dari_unit"], r["kepada_nip"], "delegasi", r) for r in data["delegasi"]]
    )


def muat(data: dict) -> Instansi:
    """Create the instansi of `data` (which must not exist yet) with its units, staff and roles."""
    ins = data["instansi"][0]
    with transaction.atomic():
        instansi = Instansi.objects.create(
            kode=ins["kode"], nama=ins["nama"], tempat=ins.get("tempat", ""), kode_wilayah=ins.get("kode_wilayah", "")
        )
        unit = _unit(data, instansi)
        per_nip = _pegawai(data, unit, _jabatan(data["pegawai"], unit))
        Penempatan.objects.bulk_create(
            [
                Penempatan(
                    pegawai=per_nip[p["nip"]],
                    unit=unit[p["unit"]],
                    jabatan=per_nip[p["nip"]].jabatan,
                    mulai=_tanggal(p, "mulai"),
                )
                for p in data["pegawai"]
                if p.get("unit")
            ],
            batch_size=BATCH,
        )
        PejabatUnit.objects.bulk_create(_peran(data, unit, per_nip), batch_size=BATCH)
        services.pola_hitung_ulang(instansi=instansi)
        naikkan_versi()  # bulk_create sends no signals: cached renderings of an older load must go
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")  # the visibility map too: index-only scans from the first request
    return instansi


def token_klien() -> str:
    """A token for an API client in group "Klien API" (sees every instansi read-only), created once."""
    pastikan_grup_peran()
    User = get_user_model()
    user, baru = User.objects.get_or_create(username=KLIEN)
    if baru:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=GRUP_KLIEN_API))
    # Only a digest is stored, so the key is fixed (a bench database, never production).
    kunci = hashlib.sha256(b"sistemkerja-bench-klien").hexdigest()[:48]
    if not TokenApi.objects.filter(awalan=kunci[:10]).exists():
        cakupan = [k for k, _ in registry.daftar_cakupan()]
        services.token_buat(pelaku=None, user=user, nama="bench", cakupan=cakupan, kunci=kunci)
    return kunci
