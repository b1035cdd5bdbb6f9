"""The rencana pelaksanaan kegiatan dan anggaran of a target and how it is carried out (Lampiran A.1.c, A.2)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai

from ..choices import StatusRencana
from .perencanaan import Target


class RencanaKegiatan(models.Model):
    """A version of a target's plan. The owner approves it; a change after approval is a new version with
    its reason, which replaces the approved one when approved in turn."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="rencana", verbose_name="target")
    versi = models.PositiveSmallIntegerField("versi")
    status = models.CharField("status", max_length=16, choices=StatusRencana.choices, default=StatusRencana.DIAJUKAN)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    disusun_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="disusun oleh")
    disetujui_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="disetujui oleh"
    )
    disetujui = models.DateTimeField("disetujui pada", null=True, blank=True)
    dibuat = models.DateTimeField("disusun", auto_now_add=True)
    history = HistoricalRecords(verbose_name="riwayat rencana kegiatan")

    class Meta:
        verbose_name = "rencana kegiatan dan anggaran"
        verbose_name_plural = "rencana kegiatan dan anggaran"
        ordering = ["target", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["target", "versi"], name="rencana_versi_unik"),
            models.UniqueConstraint(
                fields=["target"], condition=Q(status=StatusRencana.DISETUJUI), name="rencana_satu_disetujui"
            ),
            models.UniqueConstraint(
                fields=["target"], condition=Q(status=StatusRencana.DIAJUKAN), name="rencana_satu_diajukan"
            ),
        ]

    def __str__(self):
        return f"Rencana v{self.versi} — {self.target}"


class Kegiatan(models.Model):
    rencana = models.ForeignKey(
        RencanaKegiatan, on_delete=models.CASCADE, related_name="kegiatan", verbose_name="rencana"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    uraian = models.TextField("kegiatan")
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    pelaksana = models.ManyToManyField(Pegawai, related_name="kegiatan_kinerja", verbose_name="pelaksana")
    persen = models.PositiveSmallIntegerField("progres terakhir (%)", default=0, editable=False)

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["rencana", "urutan"]
        constraints = [
            models.CheckConstraint(name="kegiatan_selesai_setelah_mulai", condition=Q(selesai__gte=F("mulai"))),
        ]

    def __str__(self):
        return self.uraian[:80]


class Anggaran(models.Model):
    """A budget line of an activity, in whole rupiah."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="anggaran", verbose_name="kegiatan")
    uraian = models.CharField("uraian", max_length=200)
    jumlah = models.BigIntegerField("jumlah (Rp)")

    class Meta:
        verbose_name = "baris anggaran"
        verbose_name_plural = "anggaran"
        ordering = ["kegiatan", "id"]
        constraints = [models.CheckConstraint(name="anggaran_tidak_negatif", condition=Q(jumlah__gte=0))]

    def __str__(self):
        return f"{self.uraian}: Rp{self.jumlah:,}".replace(",", ".")


class Rincian(models.Model):
    """Rincian pelaksanaan (Lampiran A.2.a): a step of an activity and who does it in which role."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="rincian", verbose_name="kegiatan")
    uraian = models.TextField("rincian")
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="pegawai"
    )
    peran = models.CharField("peran", max_length=200, blank=True)
    mulai = models.DateField("mulai", null=True, blank=True)
    selesai = models.DateField("selesai", null=True, blank=True)
    oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="dicatat oleh")
    dicatat = models.DateTimeField("dicatat", default=timezone.now)

    class Meta:
        verbose_name = "rincian pelaksanaan"
        verbose_name_plural = "rincian pelaksanaan"
        ordering = ["kegiatan", "mulai", "id"]

    def __str__(self):
        return self.uraian[:80]


class Progres(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="progres", verbose_name="kegiatan")
    tanggal = models.DateField("tanggal")
    uraian = models.TextField("uraian")
    persen = models.PositiveSmallIntegerField("persen")
    bukti_url = models.URLField("tautan bukti", max_length=500, blank=True)
    bukti_berkas = models.FileField("berkas bukti", max_length=200, blank=True)
    oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="oleh")
    dicatat = models.DateTimeField("dicatat", default=timezone.now)

    class Meta:
        verbose_name = "progres"
        verbose_name_plural = "progres"
        ordering = ["kegiatan", "tanggal", "id"]
        constraints = [models.CheckConstraint(name="progres_persen_0_100", condition=Q(persen__lte=100))]

    def __str__(self):
        return f"{self.tanggal} {self.persen}%"


class Realisasi(models.Model):
    """Spending recorded against an activity (and one of its budget lines, if named)."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="realisasi", verbose_name="kegiatan")
    anggaran = models.ForeignKey(
        Anggaran,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="realisasi",
        verbose_name="baris anggaran",
    )
    tanggal = models.DateField("tanggal")
    uraian = models.CharField("uraian", max_length=200)
    jumlah = models.BigIntegerField("jumlah (Rp)")
    oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="oleh")
    dicatat = models.DateTimeField("dicatat", default=timezone.now)

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["kegiatan", "tanggal", "id"]
        constraints = [models.CheckConstraint(name="realisasi_positif", condition=Q(jumlah__gt=0))]

    def __str__(self):
        return f"{self.tanggal} Rp{self.jumlah:,}".replace(",", ".")


class UmpanBalik(models.Model):
    """Feedback on a target, threaded (`balasan_untuk`), acknowledged by its addressee (Lampiran D:
    "secara berkala atau sewaktu-waktu")."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="umpan_balik", verbose_name="target")
    dari = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="dari")
    kepada = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="umpan_balik_masuk", verbose_name="kepada"
    )
    isi = models.TextField("isi")
    balasan_untuk = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="balasan", verbose_name="membalas"
    )
    dibuat = models.DateTimeField("dikirim", default=timezone.now)
    dibaca = models.DateTimeField("dibaca", null=True, blank=True)
    akun = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="akun",
    )

    class Meta:
        verbose_name = "umpan balik"
        verbose_name_plural = "umpan balik"
        ordering = ["target", "dibuat", "id"]
        indexes = [models.Index(fields=["kepada", "dibaca"], name="umpan_balik_kepada_dibaca")]

    def __str__(self):
        return f"{self.dari.nama} → {self.kepada.nama}: {self.isi[:40]}"
