"""The service catalogue: each service of a unit and the versions of its standar pelayanan (seed 001)."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai, Unit

from ..choices import LABEL_KOMPONEN, StatusVersi

TENGGAT_PENGADUAN_BAWAAN = 14  # days to answer a complaint when a standard names no other figure


class Layanan(models.Model):
    """A service a unit gives the public; what it promises is in its versions (`VersiLayanan`)."""

    kode = models.SlugField("kode", max_length=64, unique=True)
    nama = models.CharField("nama layanan", max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="layanan", verbose_name="unit penyelenggara")
    skema_survei = models.ForeignKey(
        "layanan.SkemaSurvei",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="skema survei",
        help_text="Kuesioner yang diisi masyarakat untuk layanan ini (bawaan SKM PermenPANRB 14/2017).",
    )
    # The version in force, kept by `versi_terbitkan` (None until the first is published).
    versi_berlaku = models.OneToOneField(
        "layanan.VersiLayanan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="versi berlaku",
    )
    menerima_konsultasi = models.BooleanField(
        "layanan konsultasi Bagian Organisasi",
        default=False,
        help_text="Penilaian konsultasi perangkat daerah masuk ke survei kepuasan layanan ini (satu per instansi).",
    )
    aktif = models.BooleanField("aktif", default=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    history = HistoricalRecords(verbose_name="riwayat layanan")

    class Meta:
        verbose_name = "layanan"
        verbose_name_plural = "layanan (standar pelayanan)"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class VersiLayanan(models.Model):
    """One version of a service's standard: a draft until published, then in force until the next."""

    layanan = models.ForeignKey(Layanan, on_delete=models.CASCADE, related_name="versi", verbose_name="layanan")
    nomor = models.PositiveIntegerField("versi")
    status = models.CharField("status", max_length=16, choices=StatusVersi.choices, default=StatusVersi.DRAF)
    dasar_hukum = models.TextField(LABEL_KOMPONEN["dasar_hukum"], blank=True)
    persyaratan = models.TextField(LABEL_KOMPONEN["persyaratan"], blank=True)
    prosedur = models.TextField(LABEL_KOMPONEN["prosedur"], blank=True)
    jangka_waktu = models.TextField(LABEL_KOMPONEN["jangka_waktu"], blank=True)
    biaya = models.TextField(LABEL_KOMPONEN["biaya"], blank=True)
    produk = models.TextField(LABEL_KOMPONEN["produk"], blank=True)
    sarana = models.TextField(LABEL_KOMPONEN["sarana"], blank=True)
    kompetensi_pelaksana = models.TextField(LABEL_KOMPONEN["kompetensi_pelaksana"], blank=True)
    pengawasan_internal = models.TextField(LABEL_KOMPONEN["pengawasan_internal"], blank=True)
    pengaduan = models.TextField(LABEL_KOMPONEN["pengaduan"], blank=True)
    jumlah_pelaksana = models.TextField(LABEL_KOMPONEN["jumlah_pelaksana"], blank=True)
    jaminan_pelayanan = models.TextField(LABEL_KOMPONEN["jaminan_pelayanan"], blank=True)
    jaminan_keamanan = models.TextField(LABEL_KOMPONEN["jaminan_keamanan"], blank=True)
    evaluasi_kinerja = models.TextField(LABEL_KOMPONEN["evaluasi_kinerja"], blank=True)
    tenggat_pengaduan_hari = models.PositiveSmallIntegerField(
        "tenggat tanggapan pengaduan (hari)",
        default=TENGGAT_PENGADUAN_BAWAAN,
        help_text="Berapa hari sejak diterima pengaduan atas layanan ini harus ditanggapi (komponen pengaduan).",
    )
    jangka_waktu_hari = models.PositiveSmallIntegerField(
        "jangka waktu penyelesaian (hari)",
        null=True,
        blank=True,
        help_text="Untuk menghitung tenggat permohonan; kosong bila jangka waktunya 'sesuai kebutuhan'.",
    )
    catatan_perubahan = models.TextField("catatan perubahan", blank=True)
    disusun_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="disusun oleh"
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diterbitkan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diterbitkan oleh"
    )
    berlaku_sejak = models.DateTimeField("berlaku sejak", null=True, blank=True)
    berlaku_sampai = models.DateTimeField("berlaku sampai", null=True, blank=True)
    history = HistoricalRecords(verbose_name="riwayat versi standar pelayanan")

    class Meta:
        verbose_name = "versi standar pelayanan"
        verbose_name_plural = "versi standar pelayanan"
        ordering = ["layanan", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["layanan", "nomor"], name="versi_layanan_nomor_unik"),
            models.UniqueConstraint(
                fields=["layanan"], condition=Q(status="berlaku"), name="versi_layanan_satu_berlaku"
            ),
        ]

    def __str__(self):
        return f"{self.layanan} v{self.nomor}"

    def komponen(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in LABEL_KOMPONEN}

    @property
    def terbit(self) -> bool:
        return self.berlaku_sejak is not None
