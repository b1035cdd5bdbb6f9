"""Choices of penugasan, shared by models, services, forms and the API (API.md, Penugasan)."""

from django.db import models


class Alur(models.TextChoices):
    """The five flows of SPEC §4 (Lampiran B.2)."""

    A = "A", "A — penunjukan dalam Unit Organisasi"
    B = "B", "B — penunjukan lintas Unit Organisasi dalam Perangkat Daerah"
    C = "C", "C — penunjukan lintas Perangkat Daerah"
    D = "D", "D — pengajuan sukarela dalam Unit Organisasi"
    E = "E", "E — pengajuan sukarela lintas Unit Organisasi"


class Status(models.TextChoices):
    BERJALAN = "berjalan", "Berjalan"
    SELESAI = "selesai", "Selesai"
    DITOLAK = "ditolak", "Ditolak"
    DITARIK = "ditarik", "Ditarik"
    KEDALUWARSA = "kedaluwarsa", "Kedaluwarsa"


class Langkah(models.TextChoices):
    """The steps of API.md, by `langkah.nama`."""

    PERSETUJUAN_PPK = "persetujuan_ppk", "Persetujuan Pejabat Penilai Kinerja"
    DISPOSISI = "disposisi", "Disposisi Pimpinan Unit Organisasi"
    KETERSEDIAAN = "ketersediaan", "Jawaban ketersediaan oleh Pejabat Penilai Kinerja"
    JAWABAN = "jawaban", "Surat jawaban Pimpinan Unit Organisasi"
    PENGAJUAN = "pengajuan", "Pengajuan surat penugasan oleh pemohon"
    PENETAPAN = "penetapan", "Penetapan oleh Pejabat yang Berwenang"
    PERSETUJUAN_PIMPINAN = "persetujuan_pimpinan", "Persetujuan Pimpinan Unit Organisasi"
    PERSETUJUAN_TUJUAN = "persetujuan_tujuan", "Persetujuan Pimpinan Unit Organisasi tujuan"
    PENERUSAN = "penerusan", "Penerusan permohonan oleh pemohon"


class Aksi(models.TextChoices):
    """What a row of a request's history records."""

    AJUKAN = "ajukan", "diajukan"
    LANJUT = "lanjut", "dilanjutkan"
    TOLAK = "tolak", "ditolak"
    TARIK = "tarik", "ditarik"
    KEDALUWARSA = "kedaluwarsa", "kedaluwarsa"
    CABUT_SURAT = "cabut_surat", "surat dicabut"


class Sifat(models.TextChoices):
    RUTIN = "rutin", "Rutin"
    INSIDENTAL = "insidental", "Insidental"


class JenisSurat(models.TextChoices):
    PERMOHONAN = "permohonan", "Surat Permohonan Pelibatan"
    JAWABAN = "jawaban", "Surat Jawaban"
    PENUGASAN = "penugasan", "Surat Penugasan"


class StatusSurat(models.TextChoices):
    BERLAKU = "berlaku", "Berlaku"
    DICABUT = "dicabut", "Dicabut"


class StatusBerkas(models.TextChoices):
    """Progress of a letter's PDF (rendered by a Celery task after the letter is issued)."""

    MENUNGGU = "menunggu", "Menunggu"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


class Peran(models.TextChoices):
    """Who acts at a step, resolved from kedudukan on the day (organisasi.selectors)."""

    PPK = "ppk", "Pejabat Penilai Kinerja"
    PIMPINAN = "pimpinan", "Pimpinan Unit Organisasi"
    PEMOHON = "pemohon", "Pemohon"
    BERWENANG = "berwenang", "Pejabat yang Berwenang"


class CakupanToken(models.TextChoices):
    """The scopes an API token needs for penugasan's endpoints (registered in `sistemkerja.registry`)."""

    PENUGASAN_BACA = "penugasan:baca", "Membaca tim kerja, penugasan dan surat"
    PENUGASAN_TULIS = "penugasan:tulis", "Membentuk tim dan mengajukan atau memutus penugasan atas nama akunnya"
