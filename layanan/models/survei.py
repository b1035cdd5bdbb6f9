"""The satisfaction survey: its schemes as data, one-time codes, responses and the follow-up plan.

A scheme (PermenPANRB 14/2017's nine elements, Kepmen PAN 25/2004's fourteen, or one an instansi adds) is
rows, not code: its elements, the answer labels, the bands of mutu. A response stores no name, contact or
code: the one-time code that let it in is marked used and not linked to it.
"""

from django.db import models
from django.db.models import Q

from organisasi.models import Instansi, Pegawai

from ..choices import JenisKelamin, Pekerjaan, Pendidikan, SumberResponden
from .standar import Layanan


class SkemaSurvei(models.Model):
    kode = models.SlugField("kode", max_length=32, unique=True)
    nama = models.CharField("nama", max_length=200)
    dasar_hukum = models.CharField("dasar hukum", max_length=300, blank=True)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="instansi",
        help_text="Kosong: skema bawaan yang berlaku untuk semua instansi.",
    )
    nilai_maks = models.PositiveSmallIntegerField("nilai tertinggi", default=4)
    pengali = models.PositiveSmallIntegerField("nilai konversi (pengali)", default=25)

    class Meta:
        verbose_name = "skema survei"
        verbose_name_plural = "skema survei kepuasan"
        ordering = ["kode"]

    def __str__(self):
        return self.nama


class UnsurSurvei(models.Model):
    skema = models.ForeignKey(SkemaSurvei, on_delete=models.CASCADE, related_name="unsur", verbose_name="skema")
    kode = models.CharField("kode", max_length=8, help_text="Kunci jawaban, mis. U1.")
    nama = models.CharField("unsur", max_length=200)
    pertanyaan = models.CharField("pertanyaan", max_length=400)
    pilihan = models.JSONField("label jawaban 1..nilai tertinggi", default=list)
    urutan = models.PositiveSmallIntegerField("urutan")

    class Meta:
        verbose_name = "unsur survei"
        verbose_name_plural = "unsur survei"
        ordering = ["skema", "urutan"]
        constraints = [models.UniqueConstraint(fields=["skema", "kode"], name="unsur_survei_kode_unik")]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class MutuSurvei(models.Model):
    """A band of the index: inclusive bounds on the index rounded to two decimals."""

    skema = models.ForeignKey(SkemaSurvei, on_delete=models.CASCADE, related_name="mutu", verbose_name="skema")
    mutu = models.CharField("mutu", max_length=2)
    kinerja = models.CharField("kinerja unit pelayanan", max_length=40)
    bawah = models.DecimalField("nilai interval terendah", max_digits=5, decimal_places=2)
    atas = models.DecimalField("nilai interval tertinggi", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "mutu survei"
        verbose_name_plural = "mutu survei"
        ordering = ["skema", "bawah"]

    def __str__(self):
        return f"{self.mutu} ({self.bawah}–{self.atas})"


class KodeSurvei(models.Model):
    """A one-time code the counter hands out (a slip or the receipt): one response per visit."""

    layanan = models.ForeignKey(Layanan, on_delete=models.CASCADE, related_name="kode_survei", verbose_name="layanan")
    kode = models.CharField("kode", max_length=16, unique=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="dibuat oleh"
    )
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    dipakai = models.DateTimeField("dipakai", null=True, blank=True)

    class Meta:
        verbose_name = "kode survei"
        verbose_name_plural = "kode survei sekali pakai"
        ordering = ["-dibuat"]

    def __str__(self):
        return self.kode


class Responden(models.Model):
    """One filled questionnaire: the date, the optional PermenPANRB 14/2017 profile, and no identity."""

    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="responden", verbose_name="layanan")
    skema = models.ForeignKey(SkemaSurvei, on_delete=models.PROTECT, related_name="+", verbose_name="skema")
    tanggal = models.DateField("tanggal")
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin.choices, blank=True)
    usia = models.PositiveSmallIntegerField("usia", null=True, blank=True)
    pendidikan = models.CharField("pendidikan", max_length=8, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField("pekerjaan", max_length=16, choices=Pekerjaan.choices, blank=True)
    sumber = models.CharField("sumber", max_length=16, choices=SumberResponden.choices)
    dicatat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="dicatat oleh"
    )
    dicatat = models.DateTimeField("dicatat", auto_now_add=True)

    class Meta:
        verbose_name = "responden survei"
        verbose_name_plural = "responden survei"
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["layanan", "skema", "tanggal"], name="responden_layanan_tanggal")]
        constraints = [
            models.CheckConstraint(name="responden_usia_wajar", condition=Q(usia__isnull=True) | Q(usia__lte=120))
        ]

    def __str__(self):
        return f"Responden {self.pk} {self.layanan} {self.tanggal}"


class Jawaban(models.Model):
    """One element's answer (1..nilai_maks) of one response; an element left out has no row."""

    responden = models.ForeignKey(Responden, on_delete=models.CASCADE, related_name="jawaban", verbose_name="responden")
    unsur = models.ForeignKey(UnsurSurvei, on_delete=models.PROTECT, related_name="+", verbose_name="unsur")
    nilai = models.PositiveSmallIntegerField("nilai")

    class Meta:
        verbose_name = "jawaban survei"
        verbose_name_plural = "jawaban survei"
        constraints = [
            models.UniqueConstraint(fields=["responden", "unsur"], name="jawaban_satu_per_unsur"),
            models.CheckConstraint(name="jawaban_nilai_positif", condition=Q(nilai__gte=1)),
        ]

    def __str__(self):
        return f"{self.unsur.kode}={self.nilai}"


class RencanaTindakLanjut(models.Model):
    """The follow-up plan for a weak element, published with the SKM report (PermenPANRB 14/2017 annex)."""

    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, related_name="tindak_lanjut_skm", verbose_name="layanan"
    )
    mulai = models.DateField("periode mulai")
    selesai = models.DateField("periode selesai")
    unsur = models.ForeignKey(UnsurSurvei, on_delete=models.PROTECT, related_name="+", verbose_name="unsur")
    kegiatan = models.TextField("program/kegiatan")
    waktu = models.CharField("waktu pelaksanaan", max_length=200)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200)
    dibuat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="dibuat oleh"
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "rencana tindak lanjut SKM"
        verbose_name_plural = "rencana tindak lanjut SKM"
        ordering = ["layanan", "-mulai", "unsur__urutan"]

    def __str__(self):
        return f"{self.layanan} {self.unsur.kode}: {self.kegiatan[:40]}"
