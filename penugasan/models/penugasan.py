from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisasi.models import Pegawai, Unit

from ..choices import Aksi, Alur, Langkah, Status
from ..querysets import PenugasanQuerySet
from .kompetensi import Kompetensi


class Penugasan(models.Model):
    """One request through one of the five flows (SPEC §4), from the request to the surat penugasan.

    `langkah` is the step waiting now ('' once ended). `pelaku_nip` is who may act on it today,
    resolved from kedudukan (Plt, Plh, delegates) and kept fresh by `services.pelaku_sinkronkan`;
    a decision checks the actor again, live, inside its transaction.
    """

    alur = models.CharField("alur", max_length=1, choices=Alur.choices)
    status = models.CharField("status", max_length=16, choices=Status.choices, default=Status.BERJALAN)
    langkah = models.CharField("langkah menunggu", max_length=32, choices=Langkah.choices, blank=True)
    pemohon = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="penugasan_diajukan", verbose_name="pemohon"
    )
    unit_pemohon = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="unit pemohon",
        help_text="Unit yang dipimpin pemohon (A–C) atau unit tempat pemohon (D, E).",
    )
    unit_tujuan = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="penugasan_masuk", verbose_name="unit tujuan"
    )
    tim = models.ForeignKey(
        "TimKerja", on_delete=models.PROTECT, null=True, blank=True, related_name="penugasan", verbose_name="tim kerja"
    )
    maksud = models.TextField("maksud dan tujuan")
    kompetensi = models.TextField("kompetensi, keahlian dan/atau keterampilan yang dibutuhkan", blank=True)
    kompetensi_diperlukan = models.ManyToManyField(
        Kompetensi, blank=True, related_name="+", verbose_name="kompetensi (daftar)"
    )
    target = models.TextField("ekspektasi/target kinerja")
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    batas_keputusan = models.DateField(
        "batas keputusan",
        null=True,
        blank=True,
        help_text="Permohonan yang belum diputus sampai tanggal ini kedaluwarsa.",
    )
    rujukan = models.CharField(
        "rujukan",
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Asal permohonan di aplikasi lain, mis. kinerja.target:12 (strategi target lintas unit).",
    )
    pelaku_nip = models.JSONField("pelaku langkah (hari ini)", default=list, blank=True, editable=False)
    dibuat = models.DateTimeField("diajukan", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    berakhir = models.DateTimeField("berakhir", null=True, blank=True)
    history = HistoricalRecords(verbose_name="riwayat penugasan", excluded_fields=["pelaku_nip"])

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"
        ordering = ["-dibuat", "-id"]
        permissions = [
            ("putuskan_penugasan", "Dapat melakukan langkah penugasan yang menunggunya"),
            ("tarik_penugasan", "Dapat menarik permohonan penugasan"),
        ]
        constraints = [
            models.CheckConstraint(name="penugasan_selesai_setelah_mulai", condition=Q(selesai__gte=F("mulai"))),
            models.CheckConstraint(
                name="penugasan_langkah_hanya_saat_berjalan",
                condition=(Q(status=Status.BERJALAN) & ~Q(langkah="")) | (~Q(status=Status.BERJALAN) & Q(langkah="")),
            ),
        ]
        indexes = [models.Index(fields=["status", "batas_keputusan"], name="penugasan_status_batas")]

    def __str__(self):
        return f"Penugasan #{self.pk} alur {self.alur} ({self.get_status_display()})"

    @property
    def berjalan(self) -> bool:
        return self.status == Status.BERJALAN


class PegawaiPenugasan(models.Model):
    """A person named in a request: wished for by the requester (`usulan`) or assigned."""

    penugasan = models.ForeignKey(Penugasan, on_delete=models.CASCADE, related_name="orang", verbose_name="penugasan")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penugasan", verbose_name="pegawai")
    usulan = models.BooleanField(
        "usulan pemohon", default=False, help_text="Nama yang diharapkan pemohon; belum ditugaskan."
    )

    class Meta:
        verbose_name = "pegawai penugasan"
        verbose_name_plural = "pegawai penugasan"
        ordering = ["penugasan", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["penugasan", "pegawai", "usulan"], name="pegawai_penugasan_unik")
        ]

    def __str__(self):
        return f"{self.pegawai.nama} ({'usulan' if self.usulan else 'ditugaskan'})"


class RiwayatPenugasan(models.Model):
    """One transition of a request: who did what at which step, from which state to which."""

    penugasan = models.ForeignKey(Penugasan, on_delete=models.CASCADE, related_name="riwayat", verbose_name="penugasan")
    langkah = models.CharField("langkah", max_length=32)
    aksi = models.CharField("aksi", max_length=16, choices=Aksi.choices)
    oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="oleh",
        help_text="Kosong: sistem (mis. kedaluwarsa).",
    )
    sebagai = models.CharField("sebagai", max_length=16, blank=True)
    akun = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="akun",
    )
    status_dari = models.CharField("status semula", max_length=16, blank=True)
    status_ke = models.CharField("status menjadi", max_length=16)
    langkah_ke = models.CharField("langkah berikutnya", max_length=32, blank=True)
    catatan = models.TextField("catatan", blank=True)
    waktu = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "riwayat penugasan"
        verbose_name_plural = "riwayat penugasan"
        ordering = ["penugasan", "waktu", "id"]

    def __str__(self):
        return f"#{self.penugasan_id} {self.langkah} {self.aksi}"


class Tembusan(models.Model):
    """A copy delivered to a person's inbox (Lampiran B.2: tembusan)."""

    penugasan = models.ForeignKey(
        Penugasan, on_delete=models.CASCADE, related_name="tembusan", verbose_name="penugasan"
    )
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="tembusan", verbose_name="penerima")
    langkah = models.CharField("pada langkah", max_length=32)
    sebagai = models.CharField("sebagai", max_length=100, blank=True, help_text="mis. PPK pemohon.")
    surat = models.ForeignKey(
        "Surat", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="surat"
    )
    dikirim = models.DateTimeField("dikirim", default=timezone.now)
    dibaca = models.DateTimeField("dibaca", null=True, blank=True)

    class Meta:
        verbose_name = "tembusan"
        verbose_name_plural = "tembusan"
        ordering = ["-dikirim", "-id"]
        constraints = [models.UniqueConstraint(fields=["penugasan", "pegawai", "langkah"], name="tembusan_unik")]

    def __str__(self):
        return f"Tembusan #{self.penugasan_id} untuk {self.pegawai.nama}"
