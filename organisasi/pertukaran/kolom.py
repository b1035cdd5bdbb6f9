"""The exchange's columns in order, with what each means: one place for the import page's format table, the
XLSX template's "petunjuk" sheet and its headers, and the sheet/CSV reader's column types.

Which columns are required is `baris.KOLOM`'s (the JSON reader's); a test checks both name the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..choices import JenisJabatan, JenisUnit, Jenjang, Tingkat
from .baris import KOLOM, TINGKAT_STRUKTURAL

TEKS, NIP, TANGGAL, YA_TIDAK = "teks", "nip", "tanggal", "ya_tidak"


def _nilai(pilihan) -> str:
    return ", ".join(str(p) for p in pilihan)


@dataclass(frozen=True)
class Kolom:
    nama: str
    keterangan: str
    contoh: str = ""
    jenis: str = TEKS


@dataclass(frozen=True)
class Lembar:
    nama: str
    keterangan: str
    kolom: tuple[Kolom, ...]

    @property
    def wajib(self) -> set[str]:
        return KOLOM[self.nama][0]

    def daftar(self):
        """(column, required) pairs in order, for the page and the template."""
        return [(k, k.nama in self.wajib) for k in self.kolom]


_TANGGAL_KET = (
    "Tanggal: sel bertipe tanggal, atau teks 2024-05-03 (tahun-bulan-hari) atau 03/05/2024 (hari/bulan/tahun)."
)
_YA_TIDAK_KET = "ya atau tidak (juga diterima: true/false, benar/salah, 1/0)"

LEMBAR: dict[str, Lembar] = {
    lembar.nama: lembar
    for lembar in (
        Lembar(
            "instansi",
            "Akar pohon: pemerintah daerah. Hanya perlu untuk instansi baru; lembar ini boleh dihapus.",
            (
                Kolom("kode", "Kode instansi: huruf, angka, tanda hubung, garis bawah.", "kab-malang"),
                Kolom("nama", "Nama instansi.", "Pemerintah Kabupaten Malang"),
                Kolom("kode_wilayah", "Kode wilayah Kemendagri.", "35.07"),
                Kolom("tempat", "Nama kota pada tanggal surat.", "Kepanjen"),
                Kolom("alamat", "Alamat kantor, untuk kop surat.", "Jl. Panji No. 158, Kepanjen"),
                Kolom(
                    "bagian_organisasi",
                    "Kode unit Bagian Organisasi instansi ini (unit di lembar unit atau yang sudah terdaftar): "
                    "kepalanya mendisposisikan konsultasi, pegawainya menanganinya. Kosong: tidak diubah.",
                ),
            ),
        ),
        Lembar(
            "unit",
            "Satu baris per unit kerja. Induk boleh disebut di baris mana saja (urutan bebas).",
            (
                Kolom("kode", "Kode unit, unik: huruf, angka, tanda hubung, garis bawah.", "setda"),
                Kolom("nama", "Nama unit.", "Sekretariat Daerah"),
                Kolom(
                    "jenis",
                    "Jenis unit; salah satu dari: "
                    + _nilai(j for j in JenisUnit.values if j != JenisUnit.INSTANSI)
                    + ".",
                    "sekretariat_daerah",
                ),
                Kolom("induk", "Kode unit induk, atau kode instansi untuk unit teratas.", "kab-malang"),
                Kolom("tingkat", "Tingkat pimpinan unit: " + _nilai(Tingkat.values) + ".", "jpt_pratama"),
                Kolom(
                    "mandiri",
                    "Unit Organisasi sendiri (kepalanya Pimpinan Unit Organisasi): "
                    + _YA_TIDAK_KET
                    + ". Kosong: tidak.",
                    "ya",
                    YA_TIDAK,
                ),
                Kolom("aktif", "Unit masih ada: " + _YA_TIDAK_KET + ". Kosong: ya.", "", YA_TIDAK),
            ),
        ),
        Lembar(
            "pegawai",
            "Satu baris per pegawai, dengan jabatan dan unit tempatnya sekarang. Dicocokkan menurut NIP.",
            (
                Kolom(
                    "nip",
                    "NIP 18 digit, diketik sebagai teks (format sel Teks, atau awali dengan tanda ').",
                    "199001012015032001",
                    NIP,
                ),
                Kolom("nama", "Nama lengkap dengan gelar.", "Contoh Analis"),
                Kolom("jenis_asn", "pns atau pppk. Kosong: ditebak dari NIP.", "pns"),
                Kolom("jabatan", "Nama jabatan.", "Analis Kebijakan Ahli Muda"),
                Kolom("jenis_jabatan", "Jenis jabatan: " + _nilai(JenisJabatan.values) + ".", "fungsional"),
                Kolom(
                    "jenjang", "Jenjang, wajib untuk jabatan fungsional: " + _nilai(Jenjang.values) + ".", "ahli_muda"
                ),
                Kolom(
                    "tingkat_jabatan",
                    "Hanya untuk jabatan struktural: "
                    + _nilai(TINGKAT_STRUKTURAL)
                    + ". Kosong: mengikuti unit yang dipimpin.",
                ),
                Kolom("unit", "Kode unit tempat pegawai bekerja.", "setda"),
                Kolom("memimpin", "Kode unit yang dipimpin secara definitif (kosong bila tidak memimpin)."),
                Kolom("golongan", "PNS: golongan ruang (mis. III/a). PPPK: I–XVII.", "III/c"),
                Kolom("email", "Alamat surel dinas.", ""),
                Kolom("mulai", "Mulai penempatan. " + _TANGGAL_KET + " Kosong: tanpa tanggal tertentu.", "", TANGGAL),
                Kolom("nomor_sk", "Nomor SK penempatan."),
                Kolom(
                    "aktif",
                    "Masih bekerja: " + _YA_TIDAK_KET + ". Isi tidak untuk memberhentikan. Kosong: ya.",
                    "",
                    YA_TIDAK,
                ),
            ),
        ),
        Lembar(
            "plt",
            "Pelaksana Tugas (kepala unit kosong) atau Pelaksana Harian (kepala unit berhalangan) untuk suatu masa.",
            (
                Kolom("unit", "Kode unit yang kepalanya dilaksanakan.", "setda"),
                Kolom(
                    "nip",
                    "NIP pelaksana (pegawai di lembar pegawai atau yang sudah terdaftar).",
                    "199001012015032001",
                    NIP,
                ),
                Kolom("jenis", "plt atau plh.", "plt"),
                Kolom("mulai", "Mulai. " + _TANGGAL_KET, "2024-09-02", TANGGAL),
                Kolom("selesai", "Selesai. " + _TANGGAL_KET, "2024-09-06", TANGGAL),
                Kolom("nomor_sk", "Nomor surat perintah."),
                Kolom("keterangan", "Keterangan bebas."),
            ),
        ),
        Lembar(
            "delegasi",
            "Pendelegasian kewenangan PPK kepala unit kepada pegawai lain untuk suatu masa.",
            (
                Kolom("dari_unit", "Kode unit yang kewenangan kepalanya didelegasikan.", "setda"),
                Kolom("kepada_nip", "NIP penerima delegasi.", "199001012015032001", NIP),
                Kolom("mulai", "Mulai. " + _TANGGAL_KET, "2024-10-01", TANGGAL),
                Kolom("selesai", "Selesai. " + _TANGGAL_KET, "2024-12-31", TANGGAL),
                Kolom("nomor_sk", "Nomor surat delegasi."),
                Kolom("keterangan", "Keterangan bebas."),
            ),
        ),
    )
}

JENIS_KOLOM = {(lembar.nama, k.nama): k.jenis for lembar in LEMBAR.values() for k in lembar.kolom}
