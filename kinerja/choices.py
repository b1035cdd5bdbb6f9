"""Choices of kinerja, shared by models, services, forms and the API (API.md, Kinerja)."""

from django.db import models


class StatusPK(models.TextChoices):
    DRAF = "draf", "Draf"
    DITETAPKAN = "ditetapkan", "Ditetapkan"
    DIGANTI = "diganti", "Diganti perubahan"


class Cara(models.TextChoices):
    INDIVIDU = "individu", "Individu"
    TIM = "tim", "Tim kerja"


class StatusRencana(models.TextChoices):
    DIAJUKAN = "diajukan", "Menunggu persetujuan"
    DISETUJUI = "disetujui", "Disetujui"
    DIGANTI = "diganti", "Diganti versi baru"


class StatusHasil(models.TextChoices):
    DITINJAU = "ditinjau", "Ditinjau"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    SELESAI = "selesai", "Selesai"


class Frekuensi(models.TextChoices):
    """How often a team's ketua reports to the Pimpinan (Pasal 10 ayat (2))."""

    MINGGUAN = "mingguan", "Mingguan"
    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"


class JenisLaporan(models.TextChoices):
    INDIVIDU = "individu", "Laporan individu kepada Pimpinan Unit Organisasi"
    ANGGOTA = "anggota", "Laporan anggota kepada ketua tim"
    KETUA = "ketua", "Laporan berkala ketua tim kepada Pimpinan Unit Organisasi"
    PERMINTAAN = "permintaan", "Laporan atas permintaan Pimpinan"


class Aksi(models.TextChoices):
    """What a history row records (kinerja.models.Riwayat)."""

    PK_SUSUN = "pk_susun", "Perjanjian kinerja disusun"
    PK_TETAPKAN = "pk_tetapkan", "Perjanjian kinerja ditetapkan"
    PK_UBAH = "pk_ubah", "Perubahan perjanjian kinerja disusun"
    PK_GANTI = "pk_ganti", "Perjanjian kinerja diganti perubahannya"
    TARGET_TURUNKAN = "target_turunkan", "Target diturunkan"
    TARGET_STRATEGI = "target_strategi", "Strategi dicatat"
    TARGET_HENTIKAN = "target_hentikan", "Target tidak berlaku lagi"
    RENCANA_SUSUN = "rencana_susun", "Rencana kegiatan dan anggaran disusun"
    RENCANA_SETUJUI = "rencana_setujui", "Rencana kegiatan dan anggaran disetujui"
    RINCIAN = "rincian", "Rincian pelaksanaan dicatat"
    PROGRES = "progres", "Progres dicatat"
    REALISASI = "realisasi", "Realisasi anggaran dicatat"
    UMPAN_BALIK = "umpan_balik", "Umpan balik diberikan"
    UMPAN_BALIK_BACA = "umpan_balik_baca", "Umpan balik dibaca"
    JADWAL_LAPORAN = "jadwal_laporan", "Jadwal laporan ditetapkan"
    LAPORAN = "laporan", "Laporan disampaikan"
    LAPORAN_MINTA = "laporan_minta", "Laporan diminta"
    HASIL_AJUKAN = "hasil_ajukan", "Hasil diajukan"
    HASIL_TERIMA = "hasil_terima", "Hasil diterima"
    HASIL_KEMBALIKAN = "hasil_kembalikan", "Hasil dikembalikan"
    HASIL_AJUKAN_ULANG = "hasil_ajukan_ulang", "Hasil diajukan kembali"


class CakupanToken(models.TextChoices):
    """The scopes an API token needs for kinerja's endpoints (registered in `sistemkerja.registry`)."""

    KINERJA_BACA = "kinerja:baca", "Membaca perjanjian kinerja, target, rencana dan hasil"
    KINERJA_TULIS = "kinerja:tulis", "Menyusun, menurunkan, melaksanakan dan meninjau kinerja atas nama akunnya"


# --- Pengelolaan kinerja pegawai (SKP, PermenPANRB 6/2022) ---


class ModelSkp(models.TextChoices):
    JPT = "jpt", "Pejabat Pimpinan Tinggi"
    NON_JPT = "non_jpt", "Non-JPT"


class StatusSkp(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan kepada PPK"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk diperbaiki"
    DISETUJUI = "disetujui", "Disetujui"
    DITUTUP = "ditutup", "Ditutup (pindah unit)"


class JenisHasilKerja(models.TextChoices):
    UTAMA = "utama", "Utama"
    TAMBAHAN = "tambahan", "Tambahan"


class Aspek(models.TextChoices):
    KUANTITAS = "kuantitas", "Kuantitas"
    KUALITAS = "kualitas", "Kualitas"
    WAKTU = "waktu", "Waktu"
    BIAYA = "biaya", "Biaya"


class Pendekatan(models.TextChoices):
    KUANTITATIF = "kuantitatif", "Kuantitatif"
    KUALITATIF = "kualitatif", "Kualitatif"


class Perspektif(models.TextChoices):
    """The JPT model's perspectives (PermenPANRB 6/2022, Lampiran)."""

    PENERIMA_LAYANAN = "penerima_layanan", "Perspektif Penerima Layanan"
    PROSES_BISNIS = "proses_bisnis", "Perspektif Proses Bisnis"
    PENGUATAN_INTERNAL = "penguatan_internal", "Perspektif Penguatan Internal"
    ANGGARAN = "anggaran", "Perspektif Anggaran"


class NilaiBerakhlak(models.TextChoices):
    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan", "Berorientasi Pelayanan"
    AKUNTABEL = "akuntabel", "Akuntabel"
    KOMPETEN = "kompeten", "Kompeten"
    HARMONIS = "harmonis", "Harmonis"
    LOYAL = "loyal", "Loyal"
    ADAPTIF = "adaptif", "Adaptif"
    KOLABORATIF = "kolaboratif", "Kolaboratif"


class Rating(models.TextChoices):
    DI_BAWAH = "di_bawah", "Di bawah ekspektasi"
    SESUAI = "sesuai", "Sesuai ekspektasi"
    DI_ATAS = "di_atas", "Di atas ekspektasi"


class Predikat(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", "Sangat Baik"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class PredikatOrganisasi(models.TextChoices):
    ISTIMEWA = "istimewa", "Istimewa"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class JenisPeriode(models.TextChoices):
    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"
    TAHUNAN = "tahunan", "Tahunan"


class StatusEvaluasi(models.TextChoices):
    DINILAI = "dinilai", "Dinilai, belum ditetapkan"
    DITETAPKAN = "ditetapkan", "Ditetapkan"


class StatusKeberatan(models.TextChoices):
    DIAJUKAN = "diajukan", "Diajukan"
    DITERIMA = "diterima", "Diterima"
    DITOLAK = "ditolak", "Ditolak"


class JenisPengembangan(models.TextChoices):
    PEMBELAJARAN = "pembelajaran", "Pembelajaran (pelatihan, kursus, seminar)"
    COACHING = "coaching", "Coaching"
    MENTORING = "mentoring", "Mentoring"
    PENUGASAN = "penugasan", "Penugasan khusus/tim"
    LAINNYA = "lainnya", "Lainnya"


class JenisTindakLanjut(models.TextChoices):
    PENGHARGAAN = "penghargaan", "Penghargaan"
    PENGEMBANGAN = "pengembangan", "Pengembangan kompetensi"
    TUNJANGAN = "tunjangan", "Tunjangan (TPP)"
    SANKSI = "sanksi", "Sanksi"
    PEMBINAAN = "pembinaan", "Pembinaan"


class JenisDokumen(models.TextChoices):
    SKP = "skp", "Sasaran Kinerja Pegawai"
    EVALUASI = "evaluasi", "Evaluasi Kinerja Pegawai (periodik)"
    DOKUMEN_EVALUASI = "dokumen_evaluasi", "Dokumen Evaluasi Kinerja Pegawai (tahunan)"


class PeranTandaTangan(models.TextChoices):
    PEGAWAI = "pegawai", "Pegawai yang dinilai"
    PPK = "ppk", "Pejabat Penilai Kinerja"
    ATASAN_PPK = "atasan_ppk", "Atasan Pejabat Penilai Kinerja"


class AksiSkp(models.TextChoices):
    """What a history row of the appraisal records (kinerja.models.RiwayatSkp)."""

    SUSUN = "susun", "SKP disusun"
    UBAH = "ubah", "SKP diubah"
    AJUKAN = "ajukan", "SKP diajukan"
    SETUJUI = "setujui", "SKP disetujui"
    KEMBALIKAN = "kembalikan", "SKP dikembalikan"
    TUTUP = "tutup", "SKP ditutup karena pindah unit"
    CATATAN = "catatan", "Catatan/realisasi dicatat"
    UMPAN_BALIK = "umpan_balik", "Umpan balik diberikan"
    PENGEMBANGAN = "pengembangan", "Rencana pengembangan dicatat"
    NILAI = "nilai", "Periode dinilai"
    NILAI_ULANG = "nilai_ulang", "Penilaian diubah"
    TETAPKAN = "tetapkan", "Evaluasi ditetapkan"
    KEBERATAN = "keberatan", "Keberatan diajukan"
    PUTUS_KEBERATAN = "putus_keberatan", "Keberatan diputus"
    TINDAK_LANJUT = "tindak_lanjut", "Tindak lanjut dicatat"
    TANDA_TANGAN = "tanda_tangan", "Dokumen ditandatangani"
    PREDIKAT_ORGANISASI = "predikat_organisasi", "Predikat organisasi ditetapkan"
    IMPOR_PREDIKAT = "impor_predikat", "Predikat diimpor dari e-Kinerja"
