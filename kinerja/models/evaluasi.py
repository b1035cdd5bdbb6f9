"""Results under review up the chain (Lampiran A.3), reporting (Pasal 9–10), the history of every
transition, and the Bagian Organisasi's settings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisasi.models import Instansi, Pegawai

from ..choices import Aksi, Frekuensi, JenisLaporan, StatusHasil
from ..querysets import HasilQuerySet
from .pelaksanaan import RencanaKegiatan
from .perencanaan import ANGKA, PerjanjianKinerja, Target


class Hasil(models.Model):
    """A result submitted against a target, reviewed head by head up the owner unit's chain.

    Where review stands is kept as the position of the last head who accepted in this round
    (`posisi_kedalaman`: the depth of that head's unit; `posisi_delegasi`: whether it was the PPK delegate
    of that unit). The next reviewer is the first head of today's chain above that position, so a Plt,
    Plh, delegate or vacancy that arrives mid-review is honoured. `peninjau` is that reviewer as last
    resolved (for inboxes); a decision checks it again, live.
    """

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="hasil", verbose_name="target")
    pengaju = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="hasil_kinerja", verbose_name="pengaju")
    status = models.CharField("status", max_length=16, choices=StatusHasil.choices, default=StatusHasil.DITINJAU)
    capaian = models.DecimalField("capaian", **ANGKA)
    uraian = models.TextField("uraian")
    bukti_url = models.URLField("tautan bukti", max_length=500, blank=True)
    bukti_berkas = models.FileField("berkas bukti", max_length=200, blank=True)
    putaran = models.PositiveSmallIntegerField("putaran pengajuan", default=1)
    posisi_kedalaman = models.PositiveSmallIntegerField("posisi tinjauan (kedalaman)", default=0, editable=False)
    posisi_delegasi = models.BooleanField("posisi tinjauan (delegasi)", default=False, editable=False)
    peninjau = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hasil_menunggu",
        verbose_name="peninjau (hari ini)",
        editable=False,
    )
    menunggu_sejak = models.DateTimeField("menunggu sejak", null=True, blank=True)
    terlambat_diberitahu = models.DateTimeField("keterlambatan diberitahukan", null=True, blank=True, editable=False)
    diajukan = models.DateTimeField("diajukan", default=timezone.now)
    selesai = models.DateTimeField("selesai pada", null=True, blank=True)
    history = HistoricalRecords(verbose_name="riwayat hasil", excluded_fields=["peninjau"])

    objects = HasilQuerySet.as_manager()

    class Meta:
        verbose_name = "hasil kinerja"
        verbose_name_plural = "hasil kinerja"
        ordering = ["-diajukan", "-id"]
        indexes = [
            models.Index(fields=["status", "peninjau"], name="hasil_status_peninjau"),
            models.Index(fields=["target", "status"], name="hasil_target_status"),
        ]
        constraints = [
            models.CheckConstraint(name="hasil_capaian_tidak_negatif", condition=Q(capaian__gte=0)),
        ]

    def __str__(self):
        return f"Hasil #{self.pk} ({self.get_status_display()}) — {self.target.uraian[:40]}"


class JadwalLaporan(models.Model):
    """The schedule the Pimpinan sets for a team's ketua to report (Pasal 10 ayat (2))."""

    target = models.OneToOneField(
        Target, on_delete=models.PROTECT, related_name="jadwal_laporan", verbose_name="target"
    )
    frekuensi = models.CharField("frekuensi", max_length=16, choices=Frekuensi.choices)
    mulai = models.DateField("mulai")
    ditetapkan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="ditetapkan oleh"
    )
    ditetapkan = models.DateTimeField("ditetapkan", default=timezone.now)

    class Meta:
        verbose_name = "jadwal laporan"
        verbose_name_plural = "jadwal laporan"

    def __str__(self):
        return f"{self.get_frekuensi_display()} — {self.target}"


class PermintaanLaporan(models.Model):
    """The Pimpinan asks a ketua or member for a report at any time (Pasal 10 ayat (3)); it waits in
    their inbox until answered."""

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="permintaan_laporan", verbose_name="target"
    )
    peminta = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="diminta oleh")
    kepada = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="permintaan_laporan", verbose_name="kepada"
    )
    pesan = models.TextField("pesan", blank=True)
    batas = models.DateField("batas", null=True, blank=True)
    dibuat = models.DateTimeField("diminta", default=timezone.now)
    dijawab = models.DateTimeField("dijawab", null=True, blank=True)

    class Meta:
        verbose_name = "permintaan laporan"
        verbose_name_plural = "permintaan laporan"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["kepada", "dijawab"], name="permintaan_kepada_dijawab")]

    def __str__(self):
        return f"Permintaan laporan kepada {self.kepada.nama}"


class Laporan(models.Model):
    """A report on a target: an individual's to the Pimpinan (Pasal 9), a member's to the ketua, the
    ketua's periodic one to the Pimpinan (Pasal 10), or the answer to a request."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="laporan", verbose_name="target")
    jenis = models.CharField("jenis", max_length=16, choices=JenisLaporan.choices)
    pelapor = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="laporan_kinerja", verbose_name="pelapor"
    )
    kepada = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="laporan_masuk", verbose_name="kepada")
    periode = models.CharField("periode", max_length=10, blank=True, help_text="mis. 2027-03, 2027-T1, 2027-W05.")
    permintaan = models.OneToOneField(
        PermintaanLaporan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="laporan",
        verbose_name="atas permintaan",
    )
    isi = models.TextField("isi laporan")
    bukti_url = models.URLField("tautan bukti", max_length=500, blank=True)
    dibuat = models.DateTimeField("disampaikan", default=timezone.now)
    dibaca = models.DateTimeField("dibaca", null=True, blank=True)

    class Meta:
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["target", "jenis", "periode"], name="laporan_target_periode")]

    def __str__(self):
        return f"Laporan {self.pelapor.nama} ({self.get_jenis_display()})"


class PengingatLaporan(models.Model):
    """A reminder or missed-date flag sent once per team and period (keeps the beat job idempotent)."""

    jadwal = models.ForeignKey(JadwalLaporan, on_delete=models.CASCADE, related_name="pengingat", verbose_name="jadwal")
    periode = models.CharField("periode", max_length=10)
    jenis = models.CharField("jenis", max_length=16, choices=[("pengingat", "Pengingat"), ("terlambat", "Terlambat")])
    dikirim = models.DateTimeField("dikirim", default=timezone.now)

    class Meta:
        verbose_name = "pengingat laporan"
        verbose_name_plural = "pengingat laporan"
        constraints = [
            models.UniqueConstraint(fields=["jadwal", "periode", "jenis"], name="pengingat_laporan_unik"),
        ]


class PengaturanKinerja(models.Model):
    """What the Bagian Organisasi sets per instansi."""

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="pengaturan_kinerja", verbose_name="instansi"
    )
    batas_tinjau_hari = models.PositiveSmallIntegerField(
        "batas peninjauan (hari kerja)",
        default=5,
        help_text="Hasil yang menunggu peninjau lebih lama dari ini ditandai terlambat.",
    )
    pengingat_laporan_hari = models.PositiveSmallIntegerField("pengingat laporan (hari sebelum jatuh tempo)", default=2)
    periode_evaluasi = models.CharField(
        "periode evaluasi kinerja pegawai",
        max_length=12,
        choices=[("bulanan", "Bulanan"), ("triwulanan", "Triwulanan")],
        default="triwulanan",
        help_text="Evaluasi periodik SKP; evaluasi tahunan selalu ada.",
    )
    batas_skp_hari = models.PositiveSmallIntegerField(
        "batas SKP disetujui (hari sejak awal tahun/penempatan)",
        default=31,
        help_text="SKP yang belum disetujui setelah sekian hari tampil sebagai tidak patuh.",
    )
    batas_evaluasi_hari = models.PositiveSmallIntegerField(
        "batas evaluasi (hari setelah periode berakhir)",
        default=15,
        help_text="Periode yang belum dievaluasi setelah sekian hari tampil sebagai tidak patuh.",
    )
    keberatan_hari = models.PositiveSmallIntegerField(
        "batas mengajukan keberatan (hari sejak evaluasi ditetapkan)", default=14
    )
    putusan_keberatan_hari = models.PositiveSmallIntegerField(
        "batas memutus keberatan (hari sejak diajukan)", default=14
    )
    history = HistoricalRecords(verbose_name="riwayat pengaturan kinerja")

    class Meta:
        verbose_name = "pengaturan kinerja"
        verbose_name_plural = "pengaturan kinerja"

    def __str__(self):
        return f"Pengaturan kinerja {self.instansi.nama}"


class Riwayat(models.Model):
    """One transition: who did what to which PK, target, plan or result, from which state to which."""

    aksi = models.CharField("aksi", max_length=24, choices=Aksi.choices)
    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="PK"
    )
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="target"
    )
    rencana = models.ForeignKey(
        RencanaKegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="rencana"
    )
    hasil = models.ForeignKey(
        Hasil, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat", verbose_name="hasil"
    )
    oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="oleh"
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
    status_ke = models.CharField("status menjadi", max_length=16, blank=True)
    catatan = models.TextField("catatan", blank=True)
    waktu = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "riwayat kinerja"
        verbose_name_plural = "riwayat kinerja"
        ordering = ["waktu", "id"]

    def __str__(self):
        return f"{self.get_aksi_display()} ({self.waktu:%Y-%m-%d %H:%M})"
