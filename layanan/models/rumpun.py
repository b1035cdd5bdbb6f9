"""Clusters of agencies by government affairs (seed 003's "mapping rumpunisasi SKPD")."""

from django.db import models
from simple_history.models import HistoricalRecords

from organisasi.models import Instansi, Unit


class Rumpun(models.Model):
    """Agencies that plan together: their targets, budgets, teams, SOPs and services read side by side."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+", verbose_name="instansi")
    kode = models.SlugField("kode", max_length=64)
    nama = models.CharField("nama rumpun", max_length=200)
    urusan = models.TextField("urusan pemerintahan", blank=True, help_text="Satu urusan per baris.")
    keterangan = models.TextField("keterangan", blank=True)
    perangkat_daerah = models.ManyToManyField(
        Unit, blank=True, related_name="rumpun", verbose_name="perangkat daerah anggota"
    )
    sop = models.ManyToManyField("layanan.Sop", blank=True, related_name="rumpun", verbose_name="SOP bersama")
    layanan = models.ManyToManyField(
        "layanan.Layanan", blank=True, related_name="rumpun", verbose_name="layanan bersama"
    )
    aktif = models.BooleanField("aktif", default=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    history = HistoricalRecords(verbose_name="riwayat rumpun")

    class Meta:
        verbose_name = "rumpun perangkat daerah"
        verbose_name_plural = "rumpun perangkat daerah"
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(fields=["instansi", "kode"], name="rumpun_kode_unik")]

    def __str__(self):
        return self.nama
