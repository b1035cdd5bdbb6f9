from django.db import models
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai


class Kompetensi(models.Model):
    """A competency, skill or expertise staff are picked by (Pasal 6, Lampiran B.2.a)."""

    nama = models.CharField("nama", max_length=150, unique=True)
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "kompetensi"
        verbose_name_plural = "kompetensi"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class KompetensiPegawai(models.Model):
    """A competency in a person's profile."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="kompetensi", verbose_name="pegawai")
    kompetensi = models.ForeignKey(
        Kompetensi, on_delete=models.PROTECT, related_name="pemilik", verbose_name="kompetensi"
    )
    bukti = models.CharField("bukti (sertifikat, pelatihan)", max_length=300, blank=True)
    dicatat = models.DateTimeField("dicatat", auto_now_add=True)
    history = HistoricalRecords(verbose_name="riwayat kompetensi pegawai")

    class Meta:
        verbose_name = "kompetensi pegawai"
        verbose_name_plural = "kompetensi pegawai"
        ordering = ["pegawai", "kompetensi__nama"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "kompetensi"], name="kompetensi_pegawai_unik")]

    def __str__(self):
        return f"{self.pegawai.nama}: {self.kompetensi.nama}"
