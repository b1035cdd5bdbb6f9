"""Business-process maps of an agency (Pasal 13): level 1 and below, subprocess, relation and cross-function
maps as files with versions; and the review and evaluation rounds over maps and SOPs with their findings."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai, Unit

from ..choices import FormatPeta, JenisPeta, StatusReviu, StatusTemuan, StatusVersi


class PetaProses(models.Model):
    """One map of an agency; its drawings are the versions (`VersiPeta`), its place in the hierarchy `induk`."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="peta_proses", verbose_name="unit pemilik")
    kode = models.CharField("kode", max_length=64)
    nama = models.CharField("nama proses", max_length=300)
    jenis = models.CharField("jenis peta", max_length=16, choices=JenisPeta.choices)
    level = models.PositiveSmallIntegerField("level", default=1, help_text="1 untuk peta level 1; turunannya 2, 3, …")
    induk = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak", verbose_name="peta induk"
    )
    unit_terlibat = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="unit yang terlibat")
    sop = models.ManyToManyField("layanan.Sop", blank=True, related_name="peta", verbose_name="SOP terkait")
    uraian = models.TextField("uraian", blank=True)
    versi_berlaku = models.OneToOneField(
        "layanan.VersiPeta",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="versi berlaku",
    )
    aktif = models.BooleanField("aktif", default=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    history = HistoricalRecords(verbose_name="riwayat peta proses bisnis")

    class Meta:
        verbose_name = "peta proses bisnis"
        verbose_name_plural = "peta proses bisnis"
        ordering = ["unit__path", "level", "kode"]
        constraints = [models.UniqueConstraint(fields=["unit", "kode"], name="peta_kode_unik_per_unit")]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class VersiPeta(models.Model):
    """One drawing of a map, a draft until it is set (`peta_terbitkan`)."""

    peta = models.ForeignKey(PetaProses, on_delete=models.CASCADE, related_name="versi", verbose_name="peta")
    nomor = models.PositiveIntegerField("versi")
    status = models.CharField("status", max_length=16, choices=StatusVersi.choices, default=StatusVersi.DRAF)
    berkas = models.FileField("berkas", upload_to="peta/", max_length=200)
    format = models.CharField("format", max_length=8, choices=FormatPeta.choices)
    nama_berkas = models.CharField("nama berkas", max_length=200)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    tanggal_penetapan = models.DateField("tanggal penetapan", null=True, blank=True)
    catatan_perubahan = models.TextField("catatan perubahan", blank=True)
    disusun_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diunggah oleh"
    )
    dibuat = models.DateTimeField("diunggah", auto_now_add=True)
    diterbitkan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="ditetapkan oleh"
    )
    berlaku_sejak = models.DateTimeField("berlaku sejak", null=True, blank=True)
    berlaku_sampai = models.DateTimeField("berlaku sampai", null=True, blank=True)

    class Meta:
        verbose_name = "versi peta proses bisnis"
        verbose_name_plural = "versi peta proses bisnis"
        ordering = ["peta", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["peta", "nomor"], name="versi_peta_nomor_unik"),
            models.UniqueConstraint(fields=["peta"], condition=Q(status="berlaku"), name="versi_peta_satu_berlaku"),
        ]

    def __str__(self):
        return f"{self.peta} v{self.nomor}"


class Reviu(models.Model):
    """A review and evaluation round of one agency's business processes and SOPs (Pasal 13 ayat 3–4)."""

    perangkat_daerah = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="perangkat daerah"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    judul = models.CharField("judul", max_length=300)
    metode = models.TextField("metode", blank=True)
    status = models.CharField("status", max_length=16, choices=StatusReviu.choices, default=StatusReviu.DIRENCANAKAN)
    mulai = models.DateField("mulai", null=True, blank=True)
    selesai = models.DateField("selesai", null=True, blank=True)
    kesimpulan = models.TextField("kesimpulan", blank=True)
    dibuat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="dibuka oleh"
    )
    dibuat = models.DateTimeField("dibuat", default=timezone.now)

    class Meta:
        verbose_name = "reviu dan evaluasi"
        verbose_name_plural = "reviu dan evaluasi proses bisnis/SOP"
        ordering = ["-tahun", "perangkat_daerah__path", "-id"]

    def __str__(self):
        return f"{self.judul} ({self.tahun})"


class Temuan(models.Model):
    """A finding of a round about one SOP or map, and the agency's follow-up."""

    reviu = models.ForeignKey(Reviu, on_delete=models.CASCADE, related_name="temuan", verbose_name="reviu")
    sop = models.ForeignKey(
        "layanan.Sop", on_delete=models.PROTECT, null=True, blank=True, related_name="temuan", verbose_name="SOP"
    )
    peta = models.ForeignKey(
        PetaProses, on_delete=models.PROTECT, null=True, blank=True, related_name="temuan", verbose_name="peta"
    )
    uraian = models.TextField("temuan")
    rekomendasi = models.TextField("rekomendasi", blank=True)
    status = models.CharField("status", max_length=16, choices=StatusTemuan.choices, default=StatusTemuan.TERBUKA)
    tenggat = models.DateField("tenggat tindak lanjut", null=True, blank=True)
    tindak_lanjut = models.TextField("tindak lanjut", blank=True)
    ditindaklanjuti = models.DateTimeField("ditindaklanjuti", null=True, blank=True)
    ditindaklanjuti_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="ditindaklanjuti oleh"
    )
    dibuat = models.DateTimeField("dicatat", default=timezone.now)
    dicatat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="dicatat oleh"
    )

    class Meta:
        verbose_name = "temuan reviu"
        verbose_name_plural = "temuan reviu"
        ordering = ["reviu", "id"]
        constraints = [
            models.CheckConstraint(name="temuan_sop_atau_peta", condition=Q(sop__isnull=True) | Q(peta__isnull=True))
        ]

    def __str__(self):
        return self.uraian[:80]
