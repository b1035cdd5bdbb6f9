"""Consultations the Bagian Organisasi gives the agencies of its instansi (seed 001's service)."""

from django.db import models
from django.utils import timezone

from organisasi.models import Instansi, Pegawai, Unit

from ..choices import JenisKonsultasi, StatusKonsultasi, TahapLampiran

TENGGAT_KONSULTASI_BAWAAN = 14  # days to answer when neither the request nor the standard names another


class Konsultasi(models.Model):
    """An agency's request; its steps are `layanan.services.konsultasi`'s transitions."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+", verbose_name="instansi")
    jenis = models.CharField("jenis konsultasi", max_length=24, choices=JenisKonsultasi.choices)
    uraian = models.TextField("uraian permohonan")
    status = models.CharField(
        "status", max_length=16, choices=StatusKonsultasi.choices, default=StatusKonsultasi.DIAJUKAN
    )
    pemohon = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="pemohon")
    unit_pemohon = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="unit pemohon",
        help_text="Unit pemohon pada hari pengajuan.",
    )
    perangkat_daerah = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="perangkat daerah pemohon"
    )
    # Who acted on the request, kept as the people of the day (the structure may change later).
    pendisposisi = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="didisposisikan oleh"
    )
    penangan = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="penangan"
    )
    catatan_disposisi = models.TextField("catatan disposisi", blank=True)
    waktu_pertemuan = models.DateTimeField("waktu pertemuan", null=True, blank=True)
    tempat_pertemuan = models.CharField("tempat pertemuan", max_length=300, blank=True)
    jawaban = models.TextField("jawaban/hasil konsultasi", blank=True)
    nilai = models.PositiveSmallIntegerField("penilaian pemohon (1–4)", null=True, blank=True)
    catatan_penilaian = models.TextField("catatan penilaian", blank=True)
    dibutuhkan = models.DateField(
        "dibutuhkan paling lambat",
        null=True,
        blank=True,
        help_text="Jangka waktu 'sesuai kebutuhan': tanggal yang diminta pemohon.",
    )
    tenggat = models.DateField("tenggat jawaban")
    diajukan = models.DateTimeField("diajukan", default=timezone.now)
    didisposisi = models.DateTimeField("didisposisikan", null=True, blank=True)
    dijawab = models.DateTimeField("dijawab", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "konsultasi"
        verbose_name_plural = "konsultasi"
        ordering = ["-diajukan", "-id"]
        indexes = [
            models.Index(fields=["instansi", "status", "tenggat"], name="konsultasi_status_tenggat"),
            models.Index(fields=["perangkat_daerah", "diajukan"], name="konsultasi_pd_diajukan"),
        ]
        constraints = [
            models.CheckConstraint(
                name="konsultasi_nilai_1_4", condition=models.Q(nilai__isnull=True) | models.Q(nilai__range=(1, 4))
            )
        ]

    def __str__(self):
        return f"Konsultasi {self.pk}: {self.get_jenis_display()}"

    @property
    def terlambat(self) -> bool:
        """Not answered by its deadline: still open past it, or answered after it."""
        if self.dijawab:
            return timezone.localdate(self.dijawab) > self.tenggat
        if self.status == StatusKonsultasi.SELESAI:
            return False
        return timezone.localdate() > self.tenggat


class LampiranKonsultasi(models.Model):
    """A file with the request (from the agency) or with the answer (from the handler)."""

    konsultasi = models.ForeignKey(
        Konsultasi, on_delete=models.CASCADE, related_name="lampiran", verbose_name="konsultasi"
    )
    tahap = models.CharField("tahap", max_length=16, choices=TahapLampiran.choices)
    berkas = models.FileField("berkas", upload_to="konsultasi/", max_length=200)
    nama = models.CharField("nama berkas", max_length=200)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    diunggah_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="diunggah oleh")
    dibuat = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        verbose_name = "lampiran konsultasi"
        verbose_name_plural = "lampiran konsultasi"
        ordering = ["dibuat", "id"]

    def __str__(self):
        return self.nama
