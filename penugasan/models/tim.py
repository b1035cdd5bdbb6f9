from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai, Unit

from ..choices import Sifat
from ..querysets import TimKerjaQuerySet


class TimKerja(models.Model):
    """A team with one ketua and members, from one unit, across units or across instansi (Pasal 6)."""

    nama = models.CharField("nama tim", max_length=200)
    tujuan = models.TextField("tujuan")
    unit_pemilik = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="tim_kerja", verbose_name="Unit Organisasi pemilik kinerja"
    )
    sifat = models.CharField("sifat", max_length=16, choices=Sifat.choices)
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    ketua = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="tim_diketuai", verbose_name="ketua")
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dibentuk oleh",
    )
    dibuat = models.DateTimeField("dibentuk", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat tim kerja")

    objects = TimKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = "tim kerja"
        verbose_name_plural = "tim kerja"
        ordering = ["-mulai", "nama"]
        permissions = [("kelola_timkerja", "Dapat mengelola anggota dan peran tim kerja")]
        constraints = [
            models.CheckConstraint(name="tim_selesai_setelah_mulai", condition=Q(selesai__gte=F("mulai"))),
        ]

    def __str__(self):
        return self.nama


class AnggotaTim(models.Model):
    """A member of a team (the ketua is `TimKerja.ketua`), with their role in it, over a date range."""

    tim = models.ForeignKey(TimKerja, on_delete=models.CASCADE, related_name="anggota", verbose_name="tim")
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="keanggotaan_tim", verbose_name="pegawai"
    )
    peran = models.CharField(
        "peran dalam tim", max_length=200, blank=True, help_text="Pembagian peran menurut kompetensi, mis. analis data."
    )
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai", null=True, blank=True)
    penugasan = models.ForeignKey(
        "Penugasan", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="dasar penugasan"
    )
    history = HistoricalRecords(verbose_name="riwayat anggota tim")

    class Meta:
        verbose_name = "anggota tim"
        verbose_name_plural = "anggota tim"
        ordering = ["tim", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["tim", "pegawai"], condition=Q(selesai__isnull=True), name="anggota_tim_satu_terbuka"
            ),
            models.CheckConstraint(
                name="anggota_tim_selesai_setelah_mulai", condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai"))
            ),
        ]

    def __str__(self):
        return f"{self.pegawai.nama} di {self.tim.nama}"
