"""The registry of an agency's SOPs in the format of PermenPANRB 35/2012: the identity block and the
activity table of each version, drawn as the regulation's flowchart (`layanan.bagan`)."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai, Unit

from ..choices import JenisLangkahSop, StatusVersi


class Sop(models.Model):
    """One SOP of a unit; what it prescribes is in its versions (`VersiSop`)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="sop", verbose_name="unit pemilik")
    nomor = models.CharField("nomor SOP", max_length=120)
    nama = models.CharField("nama SOP", max_length=300)
    layanan = models.ManyToManyField(
        "layanan.Layanan",
        blank=True,
        related_name="sop",
        verbose_name="layanan yang diatur",
        help_text="Layanan publik yang prosedurnya diatur SOP ini (cakupan SOP per layanan).",
    )
    versi_berlaku = models.OneToOneField(
        "layanan.VersiSop",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="versi berlaku",
    )
    aktif = models.BooleanField("aktif", default=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    history = HistoricalRecords(verbose_name="riwayat SOP")

    class Meta:
        verbose_name = "SOP"
        verbose_name_plural = "SOP (standar operasional prosedur)"
        ordering = ["unit__path", "nomor"]
        constraints = [models.UniqueConstraint(fields=["unit", "nomor"], name="sop_nomor_unik_per_unit")]

    def __str__(self):
        return f"{self.nomor} {self.nama}"


class VersiSop(models.Model):
    """One version: the identity block of PermenPANRB 35/2012 and its activity table (`LangkahSop`)."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="versi", verbose_name="SOP")
    nomor = models.PositiveIntegerField("versi")
    status = models.CharField("status", max_length=16, choices=StatusVersi.choices, default=StatusVersi.DRAF)
    tanggal_pembuatan = models.DateField("tanggal pembuatan", null=True, blank=True)
    tanggal_revisi = models.DateField("tanggal revisi", null=True, blank=True)
    tanggal_efektif = models.DateField("tanggal efektif", null=True, blank=True)
    disahkan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="disahkan oleh"
    )
    jabatan_pengesah = models.CharField("jabatan pengesah", max_length=300, blank=True)
    dasar_hukum = models.TextField("dasar hukum", blank=True)
    kualifikasi_pelaksana = models.TextField("kualifikasi pelaksana", blank=True)
    keterkaitan = models.TextField("keterkaitan (SOP terkait)", blank=True)
    sop_terkait = models.ManyToManyField(Sop, blank=True, related_name="+", verbose_name="SOP terkait dalam daftar")
    peralatan = models.TextField("peralatan/perlengkapan", blank=True)
    peringatan = models.TextField("peringatan", blank=True)
    pencatatan = models.TextField("pencatatan dan pendataan", blank=True)
    pelaksana = models.JSONField(
        "pelaksana (kolom bagan)", default=list, help_text="Nama pelaksana berurutan, satu kolom bagan masing-masing."
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
    history = HistoricalRecords(verbose_name="riwayat versi SOP", excluded_fields=["pelaksana"])

    class Meta:
        verbose_name = "versi SOP"
        verbose_name_plural = "versi SOP"
        ordering = ["sop", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "nomor"], name="versi_sop_nomor_unik"),
            models.UniqueConstraint(fields=["sop"], condition=Q(status="berlaku"), name="versi_sop_satu_berlaku"),
        ]

    def __str__(self):
        return f"{self.sop} v{self.nomor}"


class LangkahSop(models.Model):
    """One row of the activity table: who does what, with its mutu baku (kelengkapan, waktu, output).

    A decision (`keputusan`) goes to `ke_ya` or `ke_tidak` (row numbers); an empty branch means the next
    row. Every other row goes to the next row, the last ends the procedure."""

    versi = models.ForeignKey(VersiSop, on_delete=models.CASCADE, related_name="langkah", verbose_name="versi")
    urutan = models.PositiveSmallIntegerField("no.")
    uraian = models.TextField("uraian kegiatan")
    jenis = models.CharField("simbol", max_length=16, choices=JenisLangkahSop.choices, default=JenisLangkahSop.KEGIATAN)
    pelaksana = models.PositiveSmallIntegerField("kolom pelaksana", help_text="Nomor urut pelaksana (mulai 1).")
    kelengkapan = models.TextField("kelengkapan (persyaratan)", blank=True)
    waktu = models.CharField("waktu", max_length=100, blank=True)
    output = models.CharField("output", max_length=300, blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    ke_ya = models.PositiveSmallIntegerField("jika ya, ke no.", null=True, blank=True)
    ke_tidak = models.PositiveSmallIntegerField("jika tidak, ke no.", null=True, blank=True)

    class Meta:
        verbose_name = "langkah SOP"
        verbose_name_plural = "langkah SOP"
        ordering = ["versi", "urutan"]
        constraints = [models.UniqueConstraint(fields=["versi", "urutan"], name="langkah_sop_urutan_unik")]

    def __str__(self):
        return f"{self.urutan}. {self.uraian[:60]}"
