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
    KONSULTASI = "konsultasi", "Penilaian pemohon konsultasi"


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
    KONSULTASI_AJUKAN = "konsultasi_ajukan", "Konsultasi diajukan"
    KONSULTASI_DISPOSISI = "konsultasi_disposisi", "Konsultasi didisposisikan"
    KONSULTASI_JADWALKAN = "konsultasi_jadwalkan", "Pertemuan konsultasi dijadwalkan"
    KONSULTASI_JAWAB = "konsultasi_jawab", "Konsultasi dijawab"
    KONSULTASI_TUTUP = "konsultasi_tutup", "Konsultasi ditutup"
    KONSULTASI_LAMPIRAN = "konsultasi_lampiran", "Lampiran konsultasi ditambahkan"
    SOP_DAFTAR = "sop_daftar", "SOP didaftarkan"
    SOP_UBAH = "sop_ubah", "Data SOP diubah"
    SOP_VERSI = "sop_versi", "Versi SOP disusun"
    SOP_VERSI_UBAH = "sop_versi_ubah", "Draf SOP diubah"
    SOP_IMPOR = "sop_impor", "Tabel kegiatan SOP diimpor"
    SOP_TERBIT = "sop_terbit", "SOP disahkan"
    PETA_DAFTAR = "peta_daftar", "Peta proses bisnis didaftarkan"
    PETA_UBAH = "peta_ubah", "Data peta proses bisnis diubah"
    PETA_VERSI = "peta_versi", "Versi peta proses bisnis diunggah"
    PETA_TERBIT = "peta_terbit", "Peta proses bisnis ditetapkan"
    REVIU_BUAT = "reviu_buat", "Reviu dan evaluasi dibuka"
    REVIU_STATUS = "reviu_status", "Status reviu dan evaluasi berubah"
    TEMUAN_CATAT = "temuan_catat", "Temuan reviu dicatat"
    TEMUAN_TINDAK = "temuan_tindak", "Tindak lanjut temuan dicatat"
    TEMUAN_TUTUP = "temuan_tutup", "Temuan reviu dinyatakan selesai"
    TEMUAN_KEMBALI = "temuan_kembali", "Tindak lanjut temuan dikembalikan"
    RUMPUN_BUAT = "rumpun_buat", "Rumpun dibentuk"
    RUMPUN_UBAH = "rumpun_ubah", "Rumpun diubah"


class JenisKonsultasi(models.TextChoices):
    """What an agency may consult the Bagian Organisasi on (seed 001's service, API.md)."""

    LAKIP = "lakip", "Penyusunan pelaporan LAKIP"
    PERJANJIAN_KINERJA = "perjanjian_kinerja", "Penetapan/perjanjian kinerja"
    CAPAIAN_KINERJA = "capaian_kinerja", "Capaian kinerja"
    STANDAR_PELAYANAN = "standar_pelayanan", "Standar pelayanan"
    SOP = "sop", "Standar operasional prosedur"
    IKM = "ikm", "Indeks kepuasan masyarakat (IKM/SKM)"
    SPM = "spm", "Standar pelayanan minimal"


class StatusKonsultasi(models.TextChoices):
    DIAJUKAN = "diajukan", "Diajukan"
    DIDISPOSISI = "didisposisi", "Didisposisikan"
    DIJADWALKAN = "dijadwalkan", "Dijadwalkan"
    DIJAWAB = "dijawab", "Dijawab"
    SELESAI = "selesai", "Selesai"


class TahapLampiran(models.TextChoices):
    PERMOHONAN = "permohonan", "Berkas permohonan"
    HASIL = "hasil", "Hasil konsultasi"


class JenisLangkahSop(models.TextChoices):
    """The symbol a row of an SOP's activity table is drawn with (PermenPANRB 35/2012)."""

    MULAI = "mulai", "Mulai (terminator)"
    KEGIATAN = "kegiatan", "Kegiatan (proses)"
    KEPUTUSAN = "keputusan", "Keputusan (ya/tidak)"
    SELESAI = "selesai", "Selesai (terminator)"


class JenisPeta(models.TextChoices):
    """The maps of a business process (Pasal 13 ayat 4; PermenPANRB 19/2018)."""

    LEVEL = "level", "Peta proses bisnis (level 1 dan turunannya)"
    SUBPROSES = "subproses", "Peta subproses"
    RELASI = "relasi", "Peta relasi"
    LINTAS_FUNGSI = "lintas_fungsi", "Peta lintas fungsi"


class FormatPeta(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"
    BPMN = "bpmn", "BPMN 2.0 XML"


class StatusReviu(models.TextChoices):
    DIRENCANAKAN = "direncanakan", "Direncanakan"
    BERJALAN = "berjalan", "Berjalan"
    SELESAI = "selesai", "Selesai"


class StatusTemuan(models.TextChoices):
    TERBUKA = "terbuka", "Terbuka"
    DITINDAKLANJUTI = "ditindaklanjuti", "Ditindaklanjuti"
    SELESAI = "selesai", "Selesai"


class CakupanToken(models.TextChoices):
    """The scopes an API token needs for layanan's endpoints (registered in `sistemkerja.registry`)."""

    LAYANAN_BACA = "layanan:baca", "Membaca standar pelayanan, indeks kepuasan dan pengaduan"
    LAYANAN_TULIS = "layanan:tulis", "Mendaftarkan standar pelayanan, mencatat survei dan menanggapi pengaduan"
