"""Reading a structure file: every check that needs no write, with all errors collected (see `baris`)."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from sistemkerja import masukan

from .. import nip as nip_mod
from ..choices import Golongan, JenisAsn, JenisJabatan, JenisPeran, JenisUnit, Jenjang, Tingkat
from ..models import Instansi, Jabatan, Pegawai, PejabatUnit, Penempatan, Unit
from ..services import GOLONGAN_PPPK
from . import bagian
from .baris import KOLOM, TINGKAT_STRUKTURAL, Galat, Pembaca, bentuk_nip, dalam_potongan, mentah, tampil


class BacaanBerkas:
    """The file's records, checked against each other and against the database."""

    def __init__(self, galat: Galat, baris_lembar: dict[str, list[int]] | None = None):
        self.galat = galat
        self.baris_lembar = baris_lembar or {}
        self.instansi: list = []
        self.unit: dict[str, SimpleNamespace] = {}
        self.pegawai: dict[str, SimpleNamespace] = {}
        self.plt: list = []
        self.delegasi: list = []
        self.instansi_db = {i.kode: i for i in Instansi.objects.all()}
        self.kode_instansi = {i.pk: i.kode for i in self.instansi_db.values()}
        self.muat_unit()
        self.jabatan_db = {(j.nama, j.jenis, j.jenjang): j for j in Jabatan.objects.all()}
        self._letak_memo: dict[str, tuple[str, int]] = {}
        self._jabatan_berkas: dict[tuple, str] = {}
        self._dipimpin: dict[str, str] = {}
        self._peran_berkas: set = set()
        self._tanpa_tingkat: list = []  # struktural rows whose level a later row may still give

    def posisi(self, jenis: str, i: int) -> str:
        """How messages name a record: `pegawai[3]` (the JSON list's index, from 0) or, for a spreadsheet,
        `pegawai baris 5` (the sheet's row)."""
        nomor = self.baris_lembar.get(jenis, [])
        return f"{jenis} baris {nomor[i]}" if i < len(nomor) else f"{jenis}[{i}]"

    # --- the database side ---

    def muat_unit(self) -> None:
        self.unit_db: dict[str, Unit] = {}
        self.kode_per_path: dict[str, str] = {}
        for u in Unit.objects.all():
            self.tambah_unit(u)

    def tambah_unit(self, u: Unit) -> None:
        self.unit_db[u.kode] = u
        self.kode_per_path[u.path] = u.kode
        if u.depth == 1:
            self.kode_instansi.setdefault(u.instansi_id, u.kode)

    def muat_pegawai(self, nips) -> None:
        self.pegawai_db: dict[str, Pegawai] = {}
        for potong in dalam_potongan(sorted(nips)):
            self.pegawai_db.update({g.nip: g for g in Pegawai.objects.filter(nip__in=potong)})
        self.penempatan_db: dict[int, Penempatan] = {}
        for potong in dalam_potongan([g.pk for g in self.pegawai_db.values()]):
            for p in Penempatan.objects.filter(pegawai_id__in=potong).order_by("pegawai_id", "-mulai", "-id"):
                self.penempatan_db.setdefault(p.pegawai_id, p)
        self.definitif_per_unit: dict[int, PejabatUnit] = {}
        self.definitif_per_pegawai: dict[int, list[PejabatUnit]] = defaultdict(list)
        terbuka = PejabatUnit.objects.filter(jenis=JenisPeran.DEFINITIF, selesai__isnull=True)
        for p in terbuka.select_related("unit"):
            self.definitif_per_unit[p.unit_id] = p
            self.definitif_per_pegawai[p.pegawai_id].append(p)
        self.peran_db = {
            (p.unit_id, p.pegawai_id, p.jenis, p.mulai): p
            for p in PejabatUnit.objects.exclude(jenis=JenisPeran.DEFINITIF)
        }

    def pegawai_segar(self, nips) -> dict[str, Pegawai]:
        """Staff as they are now (after moves), with their position, for appointing heads."""
        hasil = {}
        for potong in dalam_potongan(sorted(nips)):
            hasil.update({g.nip: g for g in Pegawai.objects.filter(nip__in=potong).select_related("jabatan")})
        return hasil

    # --- instansi and units ---

    def _kode_instansi_semua(self) -> set[str]:
        return set(self.instansi_db) | {r.kode for r in self.instansi if r.kode}

    def baca_instansi(self, i: int, baris) -> None:
        label = f"{self.posisi('instansi', i)} {mentah(baris, 'kode')}"
        p = Pembaca(baris, label, self.galat, "instansi")
        kode = p.kode("kode")
        nilai = {"kode": kode, "nama": p.teks("nama")}
        for kolom in ("kode_wilayah", "tempat", "alamat"):
            if (v := p.teks(kolom)) is not None:
                nilai[kolom] = v
        bagian = p.rujukan("bagian_organisasi")  # checked once the units are read (`bagian.periksa`)
        if kode is not None and kode in {r.kode for r in self.instansi}:
            p.salah("kode", f"Kode {kode!r} tercantum lebih dari sekali.")
        elif kode is not None and kode in self.unit_db and self.unit_db[kode].depth != 1:
            p.salah("kode", f"Kode {kode!r} sudah dipakai unit {self.unit_db[kode].nama}.")
        self.instansi.append(SimpleNamespace(label=label, kode=kode, nilai=nilai, bagian_organisasi=bagian))

    def baca_unit(self, i: int, baris) -> None:
        label = f"{self.posisi('unit', i)} {mentah(baris, 'kode')}"
        p = Pembaca(baris, label, self.galat, "unit")
        r = SimpleNamespace(
            label=label,
            urutan=i,
            kode=p.kode("kode"),
            nama=p.teks("nama"),
            jenis=p.pilihan("jenis", JenisUnit),
            tingkat=p.pilihan("tingkat", Tingkat),
            induk=p.rujukan("induk"),
            mandiri=p.benar_salah("mandiri", False),
            aktif=p.benar_salah("aktif", True),
            kedalaman=0,
        )
        if r.jenis == JenisUnit.INSTANSI:
            p.salah("jenis", "Jenis instansi hanya untuk akar instansi; cantumkan di daftar instansi.")
        if r.kode is None:
            return
        if r.kode in self.unit:
            p.salah("kode", f"Kode {r.kode!r} tercantum lebih dari sekali.")
        elif r.kode in self._kode_instansi_semua():
            p.salah("kode", f"Kode {r.kode!r} sudah dipakai sebagai kode instansi.")
        else:
            self.unit[r.kode] = r

    def _letak(self, kode: str) -> tuple[str, int] | str:
        """(instansi kode, depth) of a unit in the tree the file describes, or why it has none."""
        jejak, k = [], kode
        while k not in self._letak_memo:
            if k in jejak:
                return "Rantai induk membentuk lingkaran: " + " → ".join(jejak + [k]) + "."
            if k in self.unit:
                jejak.append(k)
                k = self.unit[k].induk
                if k is None:
                    return ""
            elif k in self._kode_instansi_semua():
                self._letak_memo[k] = (k, 1)
            elif k in self.unit_db:
                u = self.unit_db[k]
                if u.depth == 1:
                    self._letak_memo[k] = (self.kode_instansi[u.instansi_id], 1)
                else:
                    jejak.append(k)
                    k = self.kode_per_path[u.path[: -Unit.steplen]]
            else:
                return ""  # an unknown induk, reported on the row that names it
        instansi, kedalaman = self._letak_memo[k]
        for n, kk in enumerate(reversed(jejak), 1):
            self._letak_memo[kk] = (instansi, kedalaman + n)
        return self._letak_memo[kode]

    def periksa_pohon(self) -> None:
        """Every induk resolves, without cycles, to an instansi; an existing unit stays in its instansi."""
        dikenal = set(self.unit) | set(self.unit_db) | self._kode_instansi_semua()
        for r in self.unit.values():
            if r.induk is None:
                continue
            if r.induk not in dikenal:
                self.galat.tambah(r.label, "induk", f"Unit induk {r.induk!r} tidak dikenal.")
                continue
            letak = self._letak(r.kode)
            if isinstance(letak, str):
                if letak:
                    self.galat.tambah(r.label, "induk", letak)
                continue
            r.instansi_kode, r.kedalaman = letak
            lama = self.unit_db.get(r.kode)
            if lama is not None and self.kode_instansi.get(lama.instansi_id) != r.instansi_kode:
                milik = self.kode_instansi[lama.instansi_id]
                self.galat.tambah(
                    r.label,
                    "induk",
                    f"Unit ini milik instansi {milik} dan tidak dapat dipindahkan ke instansi {r.instansi_kode}.",
                )

    def _tingkat_unit(self, kode: str) -> str:
        if kode in self.unit:
            return self.unit[kode].tingkat or ""
        return self.unit_db[kode].tingkat if kode in self.unit_db else ""

    def _periksa_tempat(self, p: Pembaca, kolom: str, kode: str) -> bool:
        if kode in self._kode_instansi_semua():
            p.salah(kolom, f"{kode!r} adalah instansi; pilih unit di bawahnya.")
        elif kode not in self.unit and kode not in self.unit_db:
            p.salah(kolom, f"Unit {kode!r} tidak dikenal.")
        else:
            return True
        return False

    # --- staff ---

    def baca_pegawai(self, i: int, baris) -> None:
        label = f"{self.posisi('pegawai', i)} NIP {mentah(baris, 'nip', nip=True)}"
        p = Pembaca(baris, label, self.galat, "pegawai")
        r = SimpleNamespace(label=label)
        self._baca_identitas(p, r)
        self._baca_jabatan(p, r)
        self._baca_tempat(p, r)
        self._tingkat_jabatan(p, r)
        if not r.nip:
            return
        if r.nip in self.pegawai:
            p.salah("nip", "NIP ini tercantum lebih dari sekali.")
            return
        lama = self.pegawai_db.get(r.nip)
        if lama is not None and lama.jenis_asn != r.jenis_asn:
            p.salah("jenis_asn", f"Terdaftar sebagai {lama.get_jenis_asn_display()}; jenis ASN tidak dapat diubah.")
        if lama is not None and not lama.aktif and r.aktif:
            p.salah(
                "aktif",
                "Pegawai ini sudah diberhentikan; pengaktifan kembali tidak dapat dilakukan "
                'melalui impor (isi "aktif": false).',
            )
        self.pegawai[r.nip] = r

    def _baca_identitas(self, p: Pembaca, r) -> None:
        r.jenis_asn = p.pilihan("jenis_asn", JenisAsn)
        r.nip, r.tmt, r.lahir = p.nip("nip") or "", None, None
        if r.nip:
            try:
                terurai = nip_mod.urai(r.nip, r.jenis_asn)
                r.nip, r.jenis_asn, r.tmt, r.lahir = terurai.nip, terurai.jenis_asn, terurai.tmt, terurai.tanggal_lahir
            except ValidationError as e:
                p.salah("nip", e.messages)
        if r.lahir is not None and r.lahir < masukan.LAHIR_MIN:
            p.salah("nip", f"Tanggal lahir pada NIP (digit 1–8: {r.nip[:8]}) sebelum {masukan.LAHIR_MIN:%d-%m-%Y}.")
        r.nama = p.teks("nama")
        r.golongan = p.teks("golongan")
        sah = Golongan.values if r.jenis_asn == JenisAsn.PNS else GOLONGAN_PPPK
        if r.golongan and r.jenis_asn and r.golongan not in sah:
            p.salah("golongan", f"Golongan {r.golongan!r} bukan golongan {r.jenis_asn.upper()} yang sah.")
        r.email = p.teks("email")
        try:
            if r.email:
                validate_email(r.email)
        except ValidationError:
            p.salah("email", f"Alamat surel {r.email!r} tidak sah.")

    def _baca_jabatan(self, p: Pembaca, r) -> None:
        nama = p.teks("jabatan")
        jenis = p.pilihan("jenis_jabatan", JenisJabatan)
        jenjang = p.pilihan("jenjang", Jenjang)
        r.tingkat_jabatan = p.pilihan("tingkat_jabatan", Tingkat, boleh=TINGKAT_STRUKTURAL) or ""
        if jenis == JenisJabatan.FUNGSIONAL and not p.baris.get("jenjang"):
            p.salah("jenjang", "Wajib diisi untuk jabatan fungsional.")
        if jenis and jenis != JenisJabatan.FUNGSIONAL and jenjang:
            p.salah("jenjang", "Hanya untuk jabatan fungsional.")
        if jenis and jenis != JenisJabatan.STRUKTURAL and r.tingkat_jabatan:
            p.salah("tingkat_jabatan", "Hanya untuk jabatan struktural.")
        r.kunci_jabatan = (nama, jenis, jenjang or "") if nama and jenis else None

    def _baca_tempat(self, p: Pembaca, r) -> None:
        r.unit, r.memimpin = p.rujukan("unit"), p.rujukan("memimpin")
        if r.unit:
            self._periksa_tempat(p, "unit", r.unit)
        if r.memimpin and not self._periksa_tempat(p, "memimpin", r.memimpin):
            r.memimpin = None
        r.mulai, r.nomor_sk = p.tanggal("mulai"), p.teks("nomor_sk")
        if r.mulai and r.lahir and r.mulai < r.lahir:
            p.salah("mulai", _sebelum_lahir(r.mulai, r.lahir))
        r.aktif = p.benar_salah("aktif", True)
        if r.memimpin and not r.aktif:
            p.salah("memimpin", "Pegawai yang diberhentikan tidak dapat memimpin unit.")
        if r.memimpin:
            if r.memimpin in self._dipimpin:
                lain = self._dipimpin[r.memimpin]
                p.salah("memimpin", f"Unit {r.memimpin} sudah dipimpin {lain} di berkas ini.")
            self._dipimpin.setdefault(r.memimpin, r.label)

    def _tingkat_jabatan(self, p: Pembaca, r) -> None:
        """The level of a structural position (given, known, or that of the unit it heads); check heads.

        A struktural position whose level nothing gives (it heads no unit and no other row or record names
        it) is accepted without one (API.md); the audit lists it for the Bagian Organisasi to fill in."""
        r.tingkat_pimpin = None
        if r.kunci_jabatan is None:
            return
        nama, jenis, _ = r.kunci_jabatan
        if jenis != JenisJabatan.STRUKTURAL:
            r.tingkat_pimpin = Tingkat.FUNGSIONAL if jenis == JenisJabatan.FUNGSIONAL else ""
        else:
            ada = self.jabatan_db.get(r.kunci_jabatan)
            if ada is not None and ada.tingkat and r.tingkat_jabatan and ada.tingkat != r.tingkat_jabatan:
                p.salah(
                    "tingkat_jabatan", f"Jabatan {nama} sudah terdaftar dengan tingkat {Tingkat(ada.tingkat).label}."
                )
            dari_unit = self._tingkat_unit(r.memimpin) if r.memimpin else ""
            tingkat = (
                r.tingkat_jabatan
                or (ada.tingkat if ada else "")
                or self._jabatan_berkas.get(r.kunci_jabatan)
                or (dari_unit if dari_unit in TINGKAT_STRUKTURAL else "")
            )
            if not tingkat:
                self._tanpa_tingkat.append(r)
            elif self._jabatan_berkas.setdefault(r.kunci_jabatan, tingkat) != tingkat:
                p.salah("tingkat_jabatan", f"Jabatan {nama} tercantum dengan tingkat lain di baris sebelumnya.")
            r.tingkat_jabatan = r.tingkat_pimpin = tingkat
        tingkat_unit = self._tingkat_unit(r.memimpin) if r.memimpin else ""
        if tingkat_unit and r.tingkat_pimpin != tingkat_unit:
            dijabat = (
                Tingkat(r.tingkat_pimpin).label
                if r.tingkat_pimpin
                else "struktural tanpa tingkat"
                if jenis == JenisJabatan.STRUKTURAL
                else "pelaksana"
            )
            p.salah(
                "memimpin",
                f"Jabatan {nama} ({dijabat}) tidak setingkat dengan pimpinan {r.memimpin} "
                f"({Tingkat(tingkat_unit).label}).",
            )

    def lengkapi_tingkat(self) -> None:
        """A struktural row without a level takes the one a later row gives the same position."""
        for r in self._tanpa_tingkat:
            r.tingkat_jabatan = r.tingkat_pimpin = self._jabatan_berkas.get(r.kunci_jabatan, "")

    # --- acting heads and delegations ---

    def baca_peran(self, i: int, baris, jenis_baris: str) -> None:
        kolom_unit, kolom_nip = ("unit", "nip") if jenis_baris == "plt" else ("dari_unit", "kepada_nip")
        label = (
            f"{self.posisi(jenis_baris, i)} unit {mentah(baris, kolom_unit)} NIP {mentah(baris, kolom_nip, nip=True)}"
        )
        p = Pembaca(baris, label, self.galat, jenis_baris)
        r = SimpleNamespace(
            label=label,
            jenis_hasil=jenis_baris,
            unit=p.rujukan(kolom_unit),
            nip=p.nip(kolom_nip) or "",
            mulai=p.tanggal("mulai"),
            selesai=p.tanggal("selesai"),
            nomor_sk=p.teks("nomor_sk") or "",
            keterangan=p.teks("keterangan") or "",
            peta_kolom={"unit": kolom_unit, "pegawai": kolom_nip},
        )
        r.jenis = JenisPeran.DELEGASI
        if jenis_baris == "plt":
            r.jenis = p.pilihan("jenis", JenisPeran, boleh=[JenisPeran.PLT, JenisPeran.PLH])
        if r.unit:
            self._periksa_tempat(p, kolom_unit, r.unit)
        if r.nip and r.nip not in self.pegawai and r.nip not in self.pegawai_db:
            p.salah(kolom_nip, "Pegawai dengan NIP ini tidak ada di berkas maupun di basis data.")
        elif r.nip in self.pegawai and not self.pegawai[r.nip].aktif:
            p.salah(kolom_nip, "Pegawai ini diberhentikan di berkas yang sama.")
        try:
            masukan.periode(r.mulai, r.selesai)
        except ValidationError as e:
            for kolom, pesan in e.message_dict.items():
                p.salah(kolom, pesan)
        lahir = self._lahir(r.nip)
        if r.mulai and lahir and r.mulai < lahir:
            p.salah("mulai", _sebelum_lahir(r.mulai, lahir))
        kunci = (r.unit, r.nip, r.jenis, r.mulai)
        if kunci in self._peran_berkas:
            p.salah(kolom_unit, "Baris yang sama tercantum lebih dari sekali.")
        self._peran_berkas.add(kunci)
        (self.plt if jenis_baris == "plt" else self.delegasi).append(r)

    def _lahir(self, nip: str):
        """The birth date of a person the file or the database knows (from their NIP)."""
        if nip in self.pegawai:
            return self.pegawai[nip].lahir
        return self.pegawai_db[nip].tanggal_lahir if nip in self.pegawai_db else None


def _sebelum_lahir(mulai, lahir) -> str:
    return f"Tanggal mulai {mulai:%d-%m-%Y} sebelum tanggal lahir pegawai ({lahir:%d-%m-%Y}) menurut NIP."


def _nip_rujukan(daftar: dict) -> set[str]:
    """Every well-shaped NIP the file names, so existing staff load in one pass (nothing else is looked up)."""
    nips = set()
    for jenis, kolom in (("pegawai", "nip"), ("plt", "nip"), ("delegasi", "kepada_nip")):
        nips |= {bentuk_nip(b.get(kolom)) for b in daftar[jenis] if isinstance(b, dict)}
    return nips - {None}


def baca_berkas(data, galat: Galat, baris_lembar: dict[str, list[int]] | None = None) -> BacaanBerkas:
    """Check a whole file; problems are collected in `galat` (the caller decides when to stop).
    `baris_lembar` gives each record's sheet row when the file was a spreadsheet (see `BacaanBerkas.posisi`)."""
    if not isinstance(data, dict):
        galat.tambah("berkas", None, "Isi berkas harus berupa objek JSON dengan kunci " + ", ".join(KOLOM) + ".")
        galat.periksa()
    b = BacaanBerkas(galat, baris_lembar)
    for k in sorted(set(data) - set(KOLOM)):
        galat.tambah(tampil(k), None, "Kunci tidak dikenal; yang dikenal: " + ", ".join(KOLOM) + ".")
    daftar = {}
    for k in KOLOM:
        daftar[k] = data.get(k) or []
        if not isinstance(daftar[k], list):
            galat.tambah(k, None, "Harus berupa daftar (JSON array).")
            daftar[k] = []
    for i, baris in enumerate(daftar["instansi"]):
        b.baca_instansi(i, baris)
    for i, baris in enumerate(daftar["unit"]):
        b.baca_unit(i, baris)
    b.periksa_pohon()
    bagian.periksa(b)
    b.muat_pegawai(_nip_rujukan(daftar))
    for i, baris in enumerate(daftar["pegawai"]):
        b.baca_pegawai(i, baris)
    b.lengkapi_tingkat()
    for jenis in ("plt", "delegasi"):
        for i, baris in enumerate(daftar[jenis]):
            b.baca_peran(i, baris, jenis)
    return b
