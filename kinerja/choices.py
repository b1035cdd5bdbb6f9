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
