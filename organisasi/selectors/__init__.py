"""Reads: who holds which role where on a date, a person's kedudukan, the tree.

dasar       Pejabat, Kedudukan, PetaPejabat (role holders on a date), hari_ini, penempatan_pada,
            perangkat_daerah (the unit under the instansi a unit belongs to)
kedudukan   kedudukan_pada / _banyak / _dari_penempatan, pimpinan_unit_pada, peran_unit_hari_ini
sql         the two hot reads in hand-written SQL: leluhur_dan_pejabat, penempatan_menurut_nip
pohon       pohon, pohon_ringkas, the pattern of a Unit Organisasi
"""

from .dasar import (
    KEDALAMAN_PERANGKAT_DAERAH,
    Kedudukan,
    Pejabat,
    PetaPejabat,
    hari_ini,
    jalur_perangkat_daerah,
    penempatan_pada,
    perangkat_daerah,
    pola_rantai,
)
from .kedudukan import (
    kedudukan_banyak,
    kedudukan_dari_penempatan,
    kedudukan_pada,
    peran_unit_hari_ini,
    pimpinan_unit_pada,
    susun_kedudukan,
)
from .pohon import KOLOM_SIMPUL, domain_unit_organisasi, pohon, pohon_ringkas, pola_unit_organisasi
from .sql import leluhur_dan_pejabat, penempatan_menurut_nip

__all__ = [
    "KEDALAMAN_PERANGKAT_DAERAH",
    "KOLOM_SIMPUL",
    "Kedudukan",
    "Pejabat",
    "PetaPejabat",
    "domain_unit_organisasi",
    "hari_ini",
    "jalur_perangkat_daerah",
    "kedudukan_banyak",
    "kedudukan_dari_penempatan",
    "kedudukan_pada",
    "leluhur_dan_pejabat",
    "penempatan_menurut_nip",
    "penempatan_pada",
    "perangkat_daerah",
    "peran_unit_hari_ini",
    "pimpinan_unit_pada",
    "pohon",
    "pohon_ringkas",
    "pola_rantai",
    "pola_unit_organisasi",
    "susun_kedudukan",
]
