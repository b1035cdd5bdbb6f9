"""Choices of layanan, shared by models, services, forms and the API (API.md, Layanan)."""

from django.db import models

# The 14 components of a standar pelayanan (seed 001; PermenPANRB 15/2014), as API.md names them.
KOMPONEN = [
    ("dasar_hukum", "Dasar Hukum"),
    ("persyaratan", "Persyaratan Pelayanan"),
    ("prosedur", "Sistem, Mekanisme dan Prosedur"),
    ("jangka_waktu", "Jangka Waktu Penyelesaian"),
    ("biaya", "Biaya/Tarif"),
    ("produk", "Produk Pelayanan"),
    ("sarana", "Sarana, Prasarana dan/atau Fasilitas"),
    ("kompetensi_pelaksana", "Kompetensi Pelaksana"),
    ("pengawasan_internal", "Pengawasan Internal"),
    ("pengaduan", "Penanganan Pengaduan, Saran dan Masukan"),
    ("jumlah_pelaksana", "Jumlah Pelaksana"),
    ("jaminan_pelayanan", "Jaminan Pelayanan"),
    ("jaminan_keamanan", "Jaminan Keamanan dan Keselamatan Pelayanan"),
    ("evaluasi_kinerja", "Evaluasi Kinerja Pelaksana"),
]
KODE_KOMPONEN = [k for k, _ in KOMPONEN]
LABEL_KOMPONEN = dict(KOMPONEN)


class StatusVersi(models.TextChoices):
    DRAF = "draf", "Draf"
    BERLAKU = "berlaku", "Berlaku"
    DIGANTI = "diganti", "Diganti versi baru"
    DILEWATI = "dilewati", "Dilewati (draf lebih baru diterbitkan)"


class JenisKelamin(models.TextChoices):
    L = "L", "Laki-laki"
    P = "P", "Perempuan"


class Pendidikan(models.TextChoices):
    """The respondent profile of PermenPANRB 14/2017 (API.md)."""

    SD = "sd", "SD ke bawah"
    SMP = "smp", "SMP"
    SMA = "sma", "SMA"
    DIPLOMA = "diploma", "Diploma (D1–D4)"
    S1 = "s1", "S1"
    S2 = "s2", "S2"
    S3 = "s3", "S3"


class Pekerjaan(models.TextChoices):
    PNS_TNI_POLRI = "pns_tni_polri", "PNS/TNI/Polri"
    SWASTA = "swasta", "Pegawai swasta"
    WIRAUSAHA = "wirausaha", "Wirausaha"
    PELAJAR = "pelajar", "Pelajar/Mahasiswa"
    LAINNYA = "lainnya", "Lainnya"


class SumberResponden(models.TextChoices):
    DARING = "daring", "Formulir daring (kode sekali pakai)"
    KERTAS = "kertas", "Formulir kertas/kios, dicatat petugas"
    IMPOR = "impor", "Impor XLSX tabulasi"


class JenisPengaduan(models.TextChoices):
    PENGADUAN = "pengaduan", "Pengaduan"
    SARAN = "saran", "Saran/masukan"


class StatusPengaduan(models.TextChoices):
    DITERIMA = "diterima", "Diterima"
    DIPROSES = "diproses", "Diproses"
    SELESAI = "selesai", "Selesai"


class AksiLayanan(models.TextChoices):
    """What a history row of layanan records (`RiwayatLayanan`)."""

    LAYANAN_DAFTAR = "layanan_daftar", "Layanan didaftarkan"
    LAYANAN_UBAH = "layanan_ubah", "Data layanan diubah"
    VERSI_BUAT = "versi_buat", "Versi standar pelayanan disusun"
    VERSI_UBAH = "versi_ubah", "Draf standar pelayanan diubah"
    VERSI_TERBIT = "versi_terbit", "Standar pelayanan diterbitkan"
    KODE_SURVEI = "kode_survei", "Kode survei dibuat"
    SURVEI_ISI = "survei_isi", "Survei diisi masyarakat"
    RESPONDEN_CATAT = "responden_catat", "Jawaban survei dicatat petugas"
    RESPONDEN_IMPOR = "responden_impor", "Jawaban survei diimpor"
    TINDAK_LANJUT = "tindak_lanjut_skm", "Rencana tindak lanjut SKM dicatat"
    ADUAN_AJUKAN = "aduan_ajukan", "Pengaduan diterima"
    ADUAN_PROSES = "aduan_proses", "Pengaduan diproses"
    ADUAN_TUGASKAN = "aduan_tugaskan", "Pengaduan dialihkan ke unit lain"
    ADUAN_JAWAB = "aduan_jawab", "Tanggapan ditulis"
    ADUAN_TERBIT = "aduan_terbit", "Tanggapan diterbitkan"
    ADUAN_TUTUP = "aduan_tutup", "Pengaduan ditutup"


class CakupanToken(models.TextChoices):
    """The scopes an API token needs for layanan's endpoints (registered in `sistemkerja.registry`)."""

    LAYANAN_BACA = "layanan:baca", "Membaca standar pelayanan, indeks kepuasan dan pengaduan"
    LAYANAN_TULIS = "layanan:tulis", "Mendaftarkan standar pelayanan, mencatat survei dan menanggapi pengaduan"
