"""Perencanaan (Lampiran A.1): the perjanjian kinerja of a Unit Organisasi and the targets handed down."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai, Unit

from ..choices import Cara, StatusPK
from ..querysets import PerjanjianQuerySet, TargetQuerySet

ANGKA = {"max_digits": 16, "decimal_places": 2}


class PerjanjianKinerja(models.Model):
    """The PK of a Unit Organisasi for a year, in versions: a set PK is never edited, a perubahan PK is a
    new version that replaces it when set."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="perjanjian_kinerja", verbose_name="unit")
    tahun = models.PositiveSmallIntegerField("tahun")
    versi = models.PositiveSmallIntegerField("versi", default=1)
    status = models.CharField("status", max_length=16, choices=StatusPK.choices, default=StatusPK.DRAF)
    menggantikan = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="mengubah PK"
    )
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    disusun_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="disusun oleh", null=True, blank=True
    )
    ditetapkan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="ditetapkan oleh", null=True, blank=True
    )
    ditetapkan = models.DateTimeField("ditetapkan pada", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat perjanjian kinerja")

    objects = PerjanjianQuerySet.as_manager()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["-tahun", "unit__path", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "tahun", "versi"], name="pk_versi_unik"),
            models.UniqueConstraint(
                fields=["unit", "tahun"], condition=Q(status=StatusPK.DITETAPKAN), name="pk_satu_berlaku_per_tahun"
            ),
            models.UniqueConstraint(
                fields=["unit", "tahun"], condition=Q(status=StatusPK.DRAF), name="pk_satu_draf_per_tahun"
            ),
            models.CheckConstraint(name="pk_tahun_wajar", condition=Q(tahun__gte=2000, tahun__lte=2099)),
        ]

    def __str__(self):
        return f"PK {self.unit.nama} {self.tahun} v{self.versi}"


class Sasaran(models.Model):
    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="sasaran", verbose_name="perjanjian kinerja"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    uraian = models.TextField("sasaran")

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["perjanjian", "urutan"]

    def __str__(self):
        return self.uraian[:80]


class Indikator(models.Model):
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="indikator", verbose_name="sasaran")
    urutan = models.PositiveSmallIntegerField("urutan")
    uraian = models.TextField("indikator")
    satuan = models.CharField("satuan", max_length=60)
    target = models.DecimalField("target", **ANGKA)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["sasaran", "urutan"]

    def __str__(self):
        return f"{self.uraian[:60]} ({self.target} {self.satuan})"


class Target(models.Model):
    """A target owned by a unit: an indikator of a set PK (a root) or a part handed down to a unit directly
    below (`induk`). The head of `unit` on the day owns it, records its strategy, approves its plans."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.PROTECT, related_name="target", verbose_name="perjanjian kinerja"
    )
    indikator = models.ForeignKey(
        Indikator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="target_kinerja",
        verbose_name="indikator PK",
    )
    induk = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="turunan", verbose_name="target induk"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="target_kinerja", verbose_name="unit pemilik")
    tahun = models.PositiveSmallIntegerField("tahun")
    uraian = models.TextField("uraian")
    satuan = models.CharField("satuan", max_length=60)
    target = models.DecimalField("target", **ANGKA)
    aktif = models.BooleanField("berlaku", default=True, help_text="Tidak lagi berlaku setelah perubahan PK.")
    # strategy (Lampiran A.1.b), set by the owner
    cara = models.CharField("cara pelaksanaan", max_length=16, choices=Cara.choices, blank=True)
    tim = models.ForeignKey(
        "penugasan.TimKerja",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tim kerja",
    )
    lintas_unit = models.BooleanField("perlu pegawai lintas unit", default=False)
    perlu_ketua = models.BooleanField("perlu ketua tim", default=False)
    strategi_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="strategi oleh"
    )
    strategi_pada = models.DateTimeField("strategi dicatat", null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diturunkan oleh"
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat target")

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = "target kinerja"
        verbose_name_plural = "target kinerja"
        ordering = ["perjanjian", "unit__path", "id"]
        indexes = [models.Index(fields=["tahun", "unit"], name="target_tahun_unit")]
        constraints = [
            models.CheckConstraint(name="target_tidak_negatif", condition=Q(target__gte=0)),
            models.CheckConstraint(
                name="target_akar_dari_indikator", condition=Q(induk__isnull=False) | Q(indikator__isnull=False)
            ),
        ]

    def __str__(self):
        return f"{self.uraian[:60]} — {self.unit.nama}"
