"""Complaints and suggestions from the public, their answers, and the history of every step in layanan."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from organisasi.models import Instansi, Pegawai, Unit

from ..choices import AksiLayanan, JenisPengaduan, StatusPengaduan
from .standar import Layanan, VersiLayanan


class Pengaduan(models.Model):
    """What the public filed. Only `kode_lacak` is ever shown back to them, with the status and the
    published answers; `alamat_hash` (a keyed hash of the sender's address, for the rate limit) is cleared
    after a day."""

    kode_lacak = models.CharField("kode lacak", max_length=16, unique=True)
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+", verbose_name="instansi")
    layanan = models.ForeignKey(
        Layanan, on_delete=models.PROTECT, null=True, blank=True, related_name="pengaduan", verbose_name="layanan"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="unit penanggung jawab"
    )
    jenis = models.CharField("jenis", max_length=16, choices=JenisPengaduan.choices, default=JenisPengaduan.PENGADUAN)
    isi = models.TextField("isi")
    nama = models.CharField("nama", max_length=200, blank=True)
    kontak = models.CharField("kontak (surel/telepon)", max_length=200, blank=True)
    lampiran = models.FileField("lampiran", upload_to="pengaduan/", max_length=200, blank=True)
    status = models.CharField(
        "status", max_length=16, choices=StatusPengaduan.choices, default=StatusPengaduan.DITERIMA
    )
    diterima = models.DateTimeField("diterima", default=timezone.now)
    diproses = models.DateTimeField("diproses", null=True, blank=True)
    tenggat = models.DateField("tenggat tanggapan")
    selesai = models.DateTimeField("selesai", null=True, blank=True)
    alamat_hash = models.CharField("sidik alamat pengirim", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan dan saran"
        ordering = ["-diterima", "-id"]
        indexes = [
            models.Index(fields=["alamat_hash", "diterima"], name="pengaduan_alamat_waktu"),
            models.Index(fields=["status", "tenggat"], name="pengaduan_status_tenggat"),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.kode_lacak}"

    @property
    def terlambat(self) -> bool:
        """Past its deadline without being closed, or closed after it."""
        if self.selesai:
            return timezone.localdate(self.selesai) > self.tenggat
        return timezone.localdate() > self.tenggat


class Tanggapan(models.Model):
    """An answer written by staff; the public sees it once published."""

    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.CASCADE, related_name="tanggapan", verbose_name="pengaduan"
    )
    isi = models.TextField("isi tanggapan")
    oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="ditulis oleh")
    dibuat = models.DateTimeField("ditulis", auto_now_add=True)
    diterbitkan = models.DateTimeField("diterbitkan", null=True, blank=True)
    diterbitkan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diterbitkan oleh"
    )

    class Meta:
        verbose_name = "tanggapan pengaduan"
        verbose_name_plural = "tanggapan pengaduan"
        ordering = ["dibuat", "id"]

    def __str__(self):
        return f"Tanggapan {self.pk} atas {self.pengaduan.kode_lacak}"


class RiwayatLayanan(models.Model):
    """One transition of layanan: who did what to which service, version, complaint, consultation, SOP, map,
    review round or cluster."""

    aksi = models.CharField("aksi", max_length=24, choices=AksiLayanan.choices)
    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="layanan"
    )
    versi = models.ForeignKey(
        VersiLayanan, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="versi"
    )
    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="pengaduan"
    )
    konsultasi = models.ForeignKey(
        "layanan.Konsultasi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="riwayat",
        verbose_name="konsultasi",
    )
    sop = models.ForeignKey(
        "layanan.Sop", on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="SOP"
    )
    peta = models.ForeignKey(
        "layanan.PetaProses",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="riwayat",
        verbose_name="peta proses bisnis",
    )
    reviu = models.ForeignKey(
        "layanan.Reviu", on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="reviu"
    )
    rumpun = models.ForeignKey(
        "layanan.Rumpun",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="riwayat",
        verbose_name="rumpun",
    )
    oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="oleh"
    )
    sebagai = models.CharField("sebagai", max_length=40, blank=True)
    akun = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="akun",
    )
    status_dari = models.CharField("status semula", max_length=16, blank=True)
    status_ke = models.CharField("status menjadi", max_length=16, blank=True)
    catatan = models.TextField("catatan", blank=True)
    waktu = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "riwayat layanan"
        verbose_name_plural = "riwayat layanan"
        ordering = ["waktu", "id"]

    def __str__(self):
        return f"{self.get_aksi_display()} ({self.waktu:%Y-%m-%d %H:%M})"


class PengingatPengaduan(models.Model):
    """A daily summary of overdue complaints already sent: one per recipient key and day (`layanan.pengingat`)."""

    kunci = models.CharField("penerima", max_length=40, help_text="unit:<id>, atau bagian_organisasi")
    tanggal = models.DateField("tanggal")
    dikirim = models.DateTimeField("dikirim", default=timezone.now)

    class Meta:
        verbose_name = "pengingat pengaduan"
        verbose_name_plural = "pengingat pengaduan terlambat"
        constraints = [models.UniqueConstraint(fields=["kunci", "tanggal"], name="pengingat_pengaduan_sekali")]

    def __str__(self):
        return f"{self.kunci} {self.tanggal}"
