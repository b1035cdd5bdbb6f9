"""A large synthetic instansi for the benchmarks, in the structure exchange format of API.md.

The demo's Perangkat Daerah (`organisasi.demo`: Setda, the pola-2 dinas and badan with
their UPT, DPMPTSP, the 33 kecamatan with kelurahan, RSUD Lawang) are repeated
`salinan` times under one root, each node with `skala_staf` times the demo's staff.
About 2% of the heads are vacant with a Plt, 2% absent with a Plh and 2% have
delegated their PPK authority, all in force on `hari_ini`; the demo's own audit
corner (a seksi under a bidang, a vacancy nobody covers) comes along in every copy.
Deterministic for a given seed. With the defaults: 1,755 units and about 22,000 staff.

    python bench/generate.py [--salinan 5] [--skala-staf 4.2]   # writes bench/out/sintetis.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KODE = "kab-sintetis"
BENIH = 2023


def _ganti(kode: str, i: int) -> str:
    """The copy's kode: the demo's with `-<i>`, kept within the 64 characters of Unit.kode."""
    return f"{kode[:61]}-{i}"


def _salin(pd_list, i: int, skala: float):
    from organisasi import demo

    for u in demo.semua_unit(pd_list):
        u.induk = KODE if u.induk == demo.KODE_INSTANSI else _ganti(u.induk, i)
        u.kode = _ganti(u.kode, i)
        if u.induk == KODE:
            u.nama = f"{u.nama} (Wilayah {i})"
        lo, hi = u.staf
        u.staf = (round(lo * skala), round(hi * skala))
    return demo.semua_unit(pd_list)


def _peran_sementara(
    unit, kepala: dict[str, dict], staf_per_unit: dict[str, list[dict]], rng: random.Random, hari_ini: dt.date
) -> tuple[list[dict], list[dict]]:
    """Vacate ~2% of the heads (a Plt fills in), Plh for ~2% absent ones, PPK delegations for ~2%."""

    def hari(n: int) -> str:
        return (hari_ini + dt.timedelta(days=n)).isoformat()

    ber_kepala = [u for u in unit if u.kode in kepala]
    kosong = {u.kode for u in ber_kepala if rng.random() < 0.02}
    for kode in kosong:
        del kepala[kode]
    plt, delegasi = [], []
    for u in ber_kepala:
        r = rng.random()
        pengganti = kepala.get(u.induk) or next((kepala[a.kode] for a in u.anak if a.kode in kepala), None)
        if u.kode in kosong and pengganti is not None:
            plt.append(
                {
                    "unit": u.kode,
                    "nip": pengganti["nip"],
                    "jenis": "plt",
                    "mulai": hari(-rng.randint(10, 90)),
                    "selesai": hari(rng.randint(30, 180)),
                }
            )
        elif u.kode not in kosong and r < 0.02 and pengganti is not None:
            plt.append(
                {
                    "unit": u.kode,
                    "nip": pengganti["nip"],
                    "jenis": "plh",
                    "mulai": hari(-rng.randint(1, 10)),
                    "selesai": hari(rng.randint(30, 120)),
                }
            )
        elif u.kode not in kosong and r < 0.04 and staf_per_unit.get(u.kode):
            delegasi.append(
                {
                    "dari_unit": u.kode,
                    "kepada_nip": rng.choice(staf_per_unit[u.kode])["nip"],
                    "mulai": hari(-rng.randint(1, 30)),
                    "selesai": hari(rng.randint(30, 120)),
                }
            )
    return plt, delegasi


def generate(*, salinan: int = 5, skala_staf: float = 4.2, benih: int = BENIH, hari_ini: dt.date | None = None) -> dict:
    """The synthetic instansi as an import file (plain JSON-able dict)."""
    from organisasi import demo

    hari_ini = hari_ini or dt.date.today()
    rng = random.Random(benih)
    gen = demo.Generator(benih=benih)
    unit = []
    for i in range(1, salinan + 1):
        unit.extend(_salin(demo.struktur(), i, skala_staf))
    kepala = {u.kode: gen.kepala(u) for u in unit if u.jabatan_kepala}
    staf_per_unit = {u.kode: [gen.staf(u) for _ in range(gen.rng.randint(*u.staf))] for u in unit}
    plt, delegasi = _peran_sementara(unit, kepala, staf_per_unit, rng, hari_ini)
    pegawai = list(kepala.values()) + [p for staf in staf_per_unit.values() for p in staf]
    for p in pegawai:
        p["mulai"] = demo.MULAI_PENEMPATAN.isoformat()
    return {
        "instansi": [
            {"kode": KODE, "nama": "Pemerintah Kabupaten Sintetis", "kode_wilayah": "99.99", "tempat": "Kepanjen"}
        ],
        "unit": [
            {
                "kode": u.kode,
                "nama": u.nama,
                "jenis": str(u.jenis),
                "induk": u.induk,
                "tingkat": str(u.tingkat),
                "mandiri": u.mandiri,
            }
            for u in unit
        ],
        "pegawai": pegawai,
        "plt": plt,
        "delegasi": delegasi,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--salinan", type=int, default=5)
    parser.add_argument("--skala-staf", type=float, default=4.2)
    parser.add_argument("--benih", type=int, default=BENIH)
    parser.add_argument("--keluaran", default=str(ROOT / "bench" / "out" / "sintetis.json"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.dev")
    import django

    django.setup()
    data = generate(salinan=args.salinan, skala_staf=args.skala_staf, benih=args.benih)
    Path(args.keluaran).parent.mkdir(parents=True, exist_ok=True)
    Path(args.keluaran).write_text(json.dumps(data, ensure_ascii=False))
    print(
        f"{args.keluaran}: {len(data['unit'])} unit, {len(data['pegawai'])} pegawai, "
        f"{sum(1 for p in data['plt'] if p['jenis'] == 'plt')} Plt, "
        f"{sum(1 for p in data['plt'] if p['jenis'] == 'plh')} Plh, {len(data['delegasi'])} delegasi"
    )


if __name__ == "__main__":
    main()
