from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organisasi.models import Instansi, Pegawai, Unit

from ..choices import JenisSurat, StatusBerkas, StatusSurat
from ..querysets import SuratQuerySet

# Kode klasifikasi / nomor urut / kode unit / tahun, as tata naskah dinas numbers letters (Permendagri 1/2023),
# e.g. 800.1.11.1/0012/Dinkes/2027.
POLA_NOMOR_BAWAAN = "{klasifikasi}/{no:04d}/{kode}/{tahun}"


class PolaNomorSurat(models.Model):
    """How a unit numbers its letters. A unit without one numbers in its Perangkat Daerah's book."""

    unit = models.OneToOneField(
        Unit, on_delete=models.PROTECT, related_name="pola_nomor_surat", verbose_name="unit penerbit"
    )
    pola = models.CharField(
        "pola nomor",
        max_length=120,
        default=POLA_NOMOR_BAWAAN,
        help_text="Tempat isian: {no} (wajib, nomor urut; {no:04d} menjadi 0012), {tahun}, {bulan} (angka Romawi), "
        "{kode} (kode surat unit), {klasifikasi} (kode klasifikasi instansi), {wilayah} (kode wilayah instansi). "
        "Contoh: {klasifikasi}/{no:04d}/{kode}/{tahun} atau 800/{no}/{wilayah}.{kode}/{tahun}.",
    )
    kode = models.CharField(
        "kode surat unit", max_length=40, blank=True, help_text="Kosong: kode naskah unit penerbit (data unit)."
    )
    history = HistoricalRecords(verbose_name="riwayat pola nomor surat")

    class Meta:
        verbose_name = "pola nomor surat"
        verbose_name_plural = "pola nomor surat"
        ordering = ["unit__path"]

    def __str__(self):
        return f"{self.unit.nama}: {self.pola}"


class NomorSurat(models.Model):
    """The last number a unit's letter book gave in a year. Locked while a letter is numbered."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="unit penerbit")
    tahun = models.PositiveSmallIntegerField("tahun")
    terakhir = models.PositiveIntegerField("nomor terakhir", default=0)

    class Meta:
        verbose_name = "buku nomor surat"
        verbose_name_plural = "buku nomor surat"
        constraints = [models.UniqueConstraint(fields=["unit", "tahun"], name="nomor_surat_unik_per_unit_tahun")]

    def __str__(self):
        return f"{self.unit.nama} {self.tahun}: {self.terakhir}"


class PejabatBerwenang(models.Model):
    """Whose head is the Pejabat yang Berwenang of an instansi (flow C, `penetapan`).

    Without a row, the head of the instansi's Sekretariat Daerah (the Sekretaris Daerah).
    """

    instansi = models.OneToOneField(
        Instansi, on_delete=models.PROTECT, related_name="pejabat_berwenang", verbose_name="instansi"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="unit yang pimpinannya berwenang"
    )
    history = HistoricalRecords(verbose_name="riwayat pejabat yang berwenang")

    class Meta:
        verbose_name = "pejabat yang berwenang"
        verbose_name_plural = "pejabat yang berwenang"

    def __str__(self):
        return f"{self.instansi.nama}: pimpinan {self.unit.nama}"


class Surat(models.Model):
    """A letter of a flow: permohonan pelibatan, jawaban or surat penugasan. Never deleted once issued.

    What the letter says (`isi`) is frozen when it is issued, so the PDF and the verification page
    show what was signed even after people move. A wrong letter is revoked with a reason and a new
    one issued (`menggantikan`).
    """

    jenis = models.CharField("jenis", max_length=16, choices=JenisSurat.choices)
    penugasan = models.ForeignKey("Penugasan", on_delete=models.PROTECT, related_name="surat", verbose_name="penugasan")
    unit_penerbit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="unit penerbit (buku nomor)"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    urut = models.PositiveIntegerField("nomor urut")
    nomor = models.CharField("nomor", max_length=120)
    tanggal = models.DateField("tanggal")
    perihal = models.CharField("perihal", max_length=300)
    kode_verifikasi = models.CharField("kode verifikasi", max_length=16, unique=True)
    penandatangan = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="surat_ditandatangani", verbose_name="penandatangan"
    )
    isi = models.JSONField("isi surat", default=dict)
    status = models.CharField("status", max_length=16, choices=StatusSurat.choices, default=StatusSurat.BERLAKU)
    dicabut = models.DateTimeField("dicabut", null=True, blank=True)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dicabut oleh",
    )
    alasan_cabut = models.TextField("alasan pencabutan", blank=True)
    menggantikan = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengganti",
        verbose_name="menggantikan surat",
    )
    berkas = models.FileField("berkas PDF", max_length=200, blank=True, editable=False)
    status_berkas = models.CharField(
        "status berkas", max_length=16, choices=StatusBerkas.choices, default=StatusBerkas.MENUNGGU
    )
    galat_berkas = models.TextField("galat pembuatan berkas", blank=True, editable=False)
    dibuat = models.DateTimeField("diterbitkan", auto_now_add=True)
    history = HistoricalRecords(verbose_name="riwayat surat", excluded_fields=["status_berkas", "galat_berkas"])

    objects = SuratQuerySet.as_manager()

    class Meta:
        verbose_name = "surat"
        verbose_name_plural = "surat"
        ordering = ["-tanggal", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit_penerbit", "tahun", "urut"], name="surat_nomor_unik_per_unit_tahun"),
            models.CheckConstraint(
                name="surat_dicabut_dengan_alasan", condition=Q(status=StatusSurat.BERLAKU) | ~Q(alasan_cabut="")
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nomor}"


class PenerimaSurat(models.Model):
    """A person a letter is addressed to (kepada): it reaches their inbox."""

    surat = models.ForeignKey(Surat, on_delete=models.PROTECT, related_name="penerima", verbose_name="surat")
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="surat_diterima", verbose_name="penerima"
    )
    dibaca = models.DateTimeField("dibaca", null=True, blank=True)

    class Meta:
        verbose_name = "penerima surat"
        verbose_name_plural = "penerima surat"
        ordering = ["surat", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["surat", "pegawai"], name="penerima_surat_unik")]

    def __str__(self):
        return f"{self.surat.nomor} untuk {self.pegawai.nama}"
