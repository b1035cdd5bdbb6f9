"""Writing a structure file that read clean: dependency order, every write through the services.

A pegawai row without `mulai` holds from no particular date (API.md): it is dated as early as the records
allow, so the file's past Plt/Plh and delegasi rows find it in force, and a second import finds it as it
left it. A new person's placement starts at the appointment month their NIP encodes (TMT), the earliest it
can hold; a head's term at the start of their placement, but not before the unit's earlier heads and past
Plt terms (in the database or in the file) end, nor before today when someone else heads it now. A person
moved by the file without a date moves today. No undated start is earlier than `masukan.PERIODE_MIN`, the
earliest date a dated row may give: a person appointed before it is placed from it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from sistemkerja.errors import GalatDomain
from sistemkerja.masukan import PERIODE_MIN

from .. import services
from ..choices import JenisJabatan, JenisPeran
from ..models import Instansi, Jabatan, Pegawai, PejabatUnit, Unit
from ..selectors import hari_ini
from . import bagian
from .baca import baca_berkas
from .baris import JENIS_HASIL, Galat, dalam_potongan

ALASAN_BERHENTI = "Dinonaktifkan melalui impor struktur."
_URUTAN_STATUS = ["tetap", "diubah", "dibuat"]


def _isi_tingkat(*, pelaku, jabatan: Jabatan, tingkat: str) -> Jabatan:
    jabatan.tingkat = tingkat
    services._simpan(jabatan, pelaku, "impor struktur: tingkat jabatan diisi")
    return jabatan


class Penulis:
    """Reads the file, then writes it parents first and counts per record what happened."""

    def __init__(self, data, pelaku, baris_lembar: dict[str, list[int]] | None = None):
        self.pelaku = pelaku
        self.galat = Galat()
        self.hari = hari_ini()
        self.status: dict[str, dict[str, str]] = {k: {} for k in JENIS_HASIL}
        self.bacaan = baca_berkas(data, self.galat, baris_lembar)
        self.awal_pimpinan: dict[str, dt.date] = {}  # unit kode -> earliest start of an undated new head
        self.awal_penempatan: dict[str, dt.date] = {}  # NIP -> start of the placement the file leaves

    def jalankan(self) -> dict:
        self.galat.periksa()
        b = self.bacaan
        self._tulis_instansi()
        for r in sorted(b.unit.values(), key=lambda r: (r.kedalaman, r.urutan)):
            self._tulis_unit(r)
        b.muat_unit()  # paths change when units move; later writes need fresh ones
        bagian.tulis(self)  # an instansi's Bagian Organisasi may be a unit the file has just created
        self._hitung_awal_pimpinan()
        for r in b.pegawai.values():
            self._tulis_pegawai(r)
        self._tulis_pimpinan()
        for r in b.plt + b.delegasi:
            self._tulis_peran(r)
        self.galat.periksa()
        tersentuh = {b.unit_db[k].instansi_id for k in b.unit if k in b.unit_db}
        for instansi in Instansi.objects.filter(pk__in=tersentuh):
            services.pola_hitung_ulang(instansi=instansi)
        return {jenis: self._hitung(jenis) for jenis in JENIS_HASIL}

    def _hitung(self, jenis: str) -> dict[str, int]:
        c = Counter(self.status[jenis].values())
        return {"dibuat": c["dibuat"], "diubah": c["diubah"], "tetap": c["tetap"]}

    def _tandai(self, jenis: str, kunci: str, status: str) -> None:
        lama = self.status[jenis].get(kunci, "tetap")
        self.status[jenis][kunci] = max(lama, status, key=_URUTAN_STATUS.index)

    def _coba(self, label: str, fungsi, peta_kolom: dict | None = None, **kwargs):
        """Call a service; collect its error under the record's label instead of stopping."""
        try:
            return fungsi(pelaku=self.pelaku, **kwargs)
        except (ValidationError, GalatDomain) as e:
            self.galat.dari(label, e, peta_kolom)
        except IntegrityError:
            self.galat.tambah(label, None, "Bentrok dengan data yang sudah ada.")
        return None

    # --- instansi and units ---

    def _tulis_instansi(self) -> None:
        b = self.bacaan
        for r in b.instansi:
            lama = b.instansi_db.get(r.kode)
            if lama is None:
                if self._coba(r.label, services.instansi_buat, **r.nilai) is not None:
                    self._tandai("instansi", r.kode, "dibuat")
                    b.tambah_unit(Unit.objects.get(kode=r.kode))
                continue
            berubah = {k: v for k, v in r.nilai.items() if getattr(lama, k) != v}
            if berubah and self._coba(r.label, services.instansi_ubah, instansi=lama, **berubah) is not None:
                self._tandai("instansi", r.kode, "diubah")
            self._tandai("instansi", r.kode, "tetap")

    def _tulis_unit(self, r) -> None:
        b = self.bacaan
        induk = b.unit_db.get(r.induk)
        if induk is None:  # its parent failed to be written: that error is already listed
            return
        lama = b.unit_db.get(r.kode)
        if lama is None:
            baru = self._coba(
                r.label,
                services.unit_buat,
                induk=induk,
                kode=r.kode,
                nama=r.nama,
                jenis=r.jenis,
                tingkat=r.tingkat,
                mandiri=r.mandiri,
                hitung_pola=False,
            )
            if baru is not None and not r.aktif:
                baru = self._coba(r.label, services.unit_ubah, unit=baru, aktif=False, hitung_pola=False)
            if baru is not None:
                b.tambah_unit(baru)
                self._tandai("unit", r.kode, "dibuat")
            return
        self._tandai("unit", r.kode, "tetap")
        if lama.induk_id != induk.pk:
            if (
                self._coba(
                    r.label,
                    services.unit_pindahkan,
                    unit=lama,
                    induk_baru=Unit.objects.get(pk=induk.pk),
                    hitung_pola=False,
                )
                is not None
            ):
                b.muat_unit()
                self._tandai("unit", r.kode, "diubah")
            lama = b.unit_db[r.kode]
        berubah = {
            k: getattr(r, k)
            for k in ("nama", "jenis", "tingkat", "mandiri", "aktif")
            if getattr(lama, k) != getattr(r, k)
        }
        if berubah and self._coba(r.label, services.unit_ubah, unit=lama, hitung_pola=False, **berubah) is not None:
            self._tandai("unit", r.kode, "diubah")

    # --- positions and staff ---

    def _jabatan(self, r) -> Jabatan | None:
        b = self.bacaan
        kunci = r.kunci_jabatan
        nama_kunci = " | ".join(kunci)
        if kunci not in b.jabatan_db:
            nama, jenis, jenjang = kunci
            tingkat = r.tingkat_jabatan if jenis == JenisJabatan.STRUKTURAL else ""
            jabatan = self._coba(
                r.label,
                lambda pelaku, **kw: services.jabatan_dapatkan(**kw),
                {"nama": "jabatan", "jenis": "jenis_jabatan", "tingkat": "tingkat_jabatan"},
                nama=nama,
                jenis=jenis,
                jenjang=jenjang,
                tingkat=tingkat,
                boleh_tanpa_tingkat=True,
            )
            if jabatan is None:
                return None
            b.jabatan_db[kunci] = jabatan
            self._tandai("jabatan", nama_kunci, "dibuat")
        self._tandai("jabatan", nama_kunci, "tetap")
        jabatan = b.jabatan_db[kunci]
        if jabatan.jenis == JenisJabatan.STRUKTURAL and not jabatan.tingkat and r.tingkat_jabatan:
            # a struktural position recorded without a level (the audit lists it) takes the one the file gives
            jabatan = self._coba(
                r.label, _isi_tingkat, {"tingkat": "tingkat_jabatan"}, jabatan=jabatan, tingkat=r.tingkat_jabatan
            )
            if jabatan is None:
                return None
            self._tandai("jabatan", nama_kunci, "diubah")
        return jabatan

    def _tulis_pegawai(self, r) -> None:
        b = self.bacaan
        unit, jabatan = b.unit_db.get(r.unit), self._jabatan(r)
        if unit is None or jabatan is None:
            return
        lama = b.pegawai_db.get(r.nip)
        if lama is None:
            mulai = r.mulai or self._awal_orang_baru(r)
            baru = self._coba(
                r.label,
                services.pegawai_daftarkan,
                nip=r.nip,
                nama=r.nama,
                jenis_asn=r.jenis_asn,
                unit=unit,
                jabatan=jabatan,
                mulai=mulai,
                golongan=r.golongan or "",
                email=r.email or "",
                nomor_sk=r.nomor_sk or "",
            )
            if baru is None:
                return
            b.pegawai_db[r.nip] = baru
            self.awal_penempatan[r.nip] = mulai
            self._tandai("pegawai", r.nip, "dibuat")
        else:
            self._perbarui_pegawai(r, lama, unit, jabatan)
        if not r.aktif and b.pegawai_db[r.nip].aktif:
            if (
                self._coba(
                    r.label,
                    services.pegawai_berhentikan,
                    pegawai=b.pegawai_db[r.nip],
                    tanggal=self.hari,
                    alasan=ALASAN_BERHENTI,
                )
                is not None
            ):
                self._tandai("pegawai", r.nip, "diubah")

    def _perbarui_pegawai(self, r, lama: Pegawai, unit: Unit, jabatan: Jabatan) -> None:
        """Personal data through pegawai_ubah (fields left out stay as they are); a new place is a move."""
        self._tandai("pegawai", r.nip, "tetap")
        berubah = {
            k: getattr(r, k)
            for k in ("nama", "golongan", "email")
            if getattr(r, k) is not None and getattr(lama, k) != getattr(r, k)
        }
        if berubah and self._coba(r.label, services.pegawai_ubah, pegawai=lama, **berubah) is not None:
            self._tandai("pegawai", r.nip, "diubah")
        sekarang = self.bacaan.penempatan_db.get(lama.pk)
        if not lama.aktif or (sekarang and (sekarang.unit_id, sekarang.jabatan_id) == (unit.pk, jabatan.pk)):
            if sekarang is not None:
                self.awal_penempatan[r.nip] = sekarang.mulai
            return
        if (
            self._coba(
                r.label,
                services.pegawai_pindahkan,
                pegawai=lama,
                unit=unit,
                jabatan=jabatan,
                mulai=r.mulai or self.hari,
                nomor_sk=r.nomor_sk or "",
            )
            is not None
        ):
            self.awal_penempatan[r.nip] = r.mulai or self.hari
            self._tandai("pegawai", r.nip, "diubah")

    # --- rows without dates ---

    def _hitung_awal_pimpinan(self) -> None:
        """For each unit an undated row heads: the earliest day a new head's term may start there.

        After every other definitive term and past Plt term the database or the file records for the unit
        (a Plt fills a vacant head); today if such a term has not ended before today (the new head
        replaces it now, as a dated appointment would)."""
        b = self.bacaan
        kode = {r.memimpin for r in b.pegawai.values() if r.memimpin and r.mulai is None and r.aktif}
        awal = self.awal_pimpinan

        def sesudah(k: str, selesai: dt.date | None) -> None:
            hari = selesai + dt.timedelta(days=1) if selesai is not None and selesai < self.hari else self.hari
            awal[k] = max(awal.get(k, hari), hari)

        for r in b.plt:
            if r.unit in kode and r.jenis == JenisPeran.PLT and r.selesai is not None and r.selesai < self.hari:
                sesudah(r.unit, r.selesai)
        per_id = {b.unit_db[k].pk: k for k in kode if k in b.unit_db}
        for potong in dalam_potongan(per_id):
            for unit_id, selesai in PejabatUnit.objects.filter(
                unit_id__in=potong, jenis__in=[JenisPeran.DEFINITIF, JenisPeran.PLT]
            ).values_list("unit_id", "selesai"):
                sesudah(per_id[unit_id], selesai)

    def _awal_orang_baru(self, r) -> dt.date:
        """An undated new person: placed since their TMT, or a head since the unit is free for them."""
        awal = max(r.tmt, PERIODE_MIN)
        if r.memimpin and r.aktif:
            return max(awal, self.awal_pimpinan.get(r.memimpin, awal))
        return awal

    def _awal_pimpinan(self, r) -> dt.date:
        """An undated head: from the start of their placement, once the unit is free for them."""
        awal = max(self.awal_penempatan.get(r.nip, self.hari), PERIODE_MIN)
        return max(awal, self.awal_pimpinan.get(r.memimpin, awal))

    # --- heads, acting heads, delegations ---

    def _tulis_pimpinan(self) -> None:
        """`memimpin`: end definitive roles a listed person no longer holds, then appoint the new ones."""
        b = self.bacaan
        aktif = [r for r in b.pegawai.values() if r.aktif and r.nip in b.pegawai_db]
        segar = b.pegawai_segar([r.nip for r in aktif])
        kemarin = self.hari - dt.timedelta(days=1)
        for r in aktif:
            for peran in b.definitif_per_pegawai.get(segar[r.nip].pk, []):
                if peran.unit.kode == r.memimpin:
                    continue
                akhir = max((r.mulai or self.hari) - dt.timedelta(days=1), kemarin, peran.mulai)
                if (
                    self._coba(
                        r.label,
                        services.pejabat_akhiri,
                        {"selesai": "memimpin"},
                        pejabat=peran,
                        selesai=akhir,
                        catatan="impor struktur: tidak lagi memimpin",
                    )
                    is not None
                ):
                    self._tandai("pegawai", r.nip, "diubah")
        for r in aktif:
            if not r.memimpin:
                continue
            unit = b.unit_db[r.memimpin]
            sekarang = b.definitif_per_unit.get(unit.pk)
            if sekarang is not None and sekarang.pegawai_id == segar[r.nip].pk:
                continue
            if (
                self._coba(
                    r.label,
                    services.pejabat_tetapkan,
                    {"pegawai": "memimpin", "unit": "memimpin"},
                    unit=unit,
                    pegawai=segar[r.nip],
                    jenis=JenisPeran.DEFINITIF,
                    mulai=r.mulai or self._awal_pimpinan(r),
                    nomor_sk=r.nomor_sk or "",
                )
                is not None
            ):
                self._tandai("pegawai", r.nip, "diubah")

    def _tulis_peran(self, r) -> None:
        """A Plt/Plh or delegation row: new, unchanged, or ended earlier than recorded."""
        b = self.bacaan
        unit, pegawai = b.unit_db.get(r.unit), b.pegawai_db.get(r.nip)
        if unit is None or pegawai is None:
            return
        lama = b.peran_db.get((unit.pk, pegawai.pk, r.jenis, r.mulai))
        if lama is None:
            if (
                self._coba(
                    r.label,
                    services.pejabat_tetapkan,
                    r.peta_kolom,
                    unit=unit,
                    pegawai=pegawai,
                    jenis=r.jenis,
                    mulai=r.mulai,
                    selesai=r.selesai,
                    nomor_sk=r.nomor_sk,
                    keterangan=r.keterangan,
                )
                is not None
            ):
                self._tandai(r.jenis_hasil, r.label, "dibuat")
        elif lama.selesai == r.selesai:
            self._tandai(r.jenis_hasil, r.label, "tetap")
        elif lama.selesai is not None and r.selesai < lama.selesai:
            if (
                self._coba(
                    r.label,
                    services.pejabat_akhiri,
                    r.peta_kolom,
                    pejabat=lama,
                    selesai=r.selesai,
                    catatan="impor struktur",
                )
                is not None
            ):
                self._tandai(r.jenis_hasil, r.label, "diubah")
        else:
            self.galat.tambah(
                r.label,
                "selesai",
                (
                    f"Sudah tercatat berakhir {lama.selesai:%d-%m-%Y}; masa yang sudah ditetapkan tidak dapat "
                    "diperpanjang. Tetapkan baris baru yang dimulai sesudahnya."
                ),
            )
