"""Pengelolaan kinerja pegawai (Pasal 11, PermenPANRB 6/2022): each staff member's SKP, the dialogue
during the year, the periodic and yearly evaluation, the organisation's predikat, the follow-up, and the
signed documents.

An SKP belongs to one placement: when a person moves to another unit mid-year the open SKP is closed with
its period (`selesai`) and a new one is drafted for the new placement (`pendahulu`). `ppk` and
`atasan_ppk` are who held those roles when last resolved (for lists and access); every decision checks
the PPK again, live on the day.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisasi.models import Instansi, Jabatan, Pegawai, Unit

from ..choices import (
    AksiSkp,
    Aspek,
    JenisDokumen,
    JenisHasilKerja,
    JenisPengembangan,
    JenisPeriode,
    JenisTindakLanjut,
    ModelSkp,
    NilaiBerakhlak,
    Pendekatan,
    PeranTandaTangan,
    Perspektif,
    Predikat,
    PredikatOrganisasi,
    Rating,
    StatusEvaluasi,
    StatusKeberatan,
    StatusSkp,
)
from ..querysets import EvaluasiQuerySet, SkpQuerySet
from .perencanaan import ANGKA, Target

AK = {"max_digits": 9, "decimal_places": 3}


class Skp(models.Model):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp", verbose_name="pegawai")
    tahun = models.PositiveSmallIntegerField("tahun")
    model = models.CharField("model SKP", max_length=8, choices=ModelSkp.choices)
    status = models.CharField("status", max_length=16, choices=StatusSkp.choices, default=StatusSkp.DRAF)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="unit penempatan")
    unit_organisasi = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name="Unit Organisasi"
    )
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+", verbose_name="jabatan")
    golongan = models.CharField("pangkat/golongan", max_length=8, blank=True)
    ppk = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="skp_dinilai", verbose_name="PPK"
    )
    atasan_ppk = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="atasan PPK"
    )
    mulai = models.DateField("periode mulai")
    selesai = models.DateField("periode selesai")
    pendahulu = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="penerus", verbose_name="SKP sebelumnya"
    )
    lampiran_sumber_daya = models.TextField("dukungan sumber daya", blank=True)
    lampiran_skema = models.TextField("skema pertanggungjawaban", blank=True)
    lampiran_konsekuensi = models.TextField("konsekuensi", blank=True)
    catatan_kembali = models.TextField("catatan pengembalian", blank=True)
    diajukan = models.DateTimeField("diajukan", null=True, blank=True)
    disetujui = models.DateTimeField("disetujui", null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="disetujui oleh"
    )
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    history = HistoricalRecords(verbose_name="riwayat SKP", excluded_fields=["ppk", "atasan_ppk"])

    objects = SkpQuerySet.as_manager()

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        ordering = ["-tahun", "pegawai__nama", "-mulai"]
        indexes = [
            models.Index(fields=["tahun", "status"], name="skp_tahun_status"),
            models.Index(fields=["ppk", "tahun"], name="skp_ppk_tahun"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun"], condition=~Q(status=StatusSkp.DITUTUP), name="skp_satu_terbuka_per_tahun"
            ),
            models.CheckConstraint(name="skp_periode_urut", condition=Q(selesai__gte=models.F("mulai"))),
        ]

    def __str__(self):
        return f"SKP {self.tahun} {self.pegawai.nama}"


class HasilKerja(models.Model):
    """A planned result of an SKP. It intervenes a target of the work mechanism or a result of the PPK's
    SKP; `intervensi_uraian` keeps what the superior's result said when this one was written, so a change
    above shows (reconciliation)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="hasil_kerja", verbose_name="SKP")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    uraian = models.TextField("rencana hasil kerja")
    jenis = models.CharField("jenis", max_length=8, choices=JenisHasilKerja.choices, default=JenisHasilKerja.UTAMA)
    intervensi_target = models.ForeignKey(
        Target, on_delete=models.PROTECT, null=True, blank=True, related_name="hasil_kerja_skp", verbose_name="target"
    )
    intervensi_hasil = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intervensi_bawahan",
        verbose_name="hasil kerja pimpinan yang diintervensi",
    )
    intervensi_uraian = models.TextField("uraian yang diintervensi saat disusun", blank=True)
    perspektif = models.CharField("perspektif (JPT)", max_length=24, choices=Perspektif.choices, blank=True)
    pendekatan = models.CharField(
        "pendekatan", max_length=12, choices=Pendekatan.choices, default=Pendekatan.KUANTITATIF
    )

    class Meta:
        verbose_name = "hasil kerja SKP"
        verbose_name_plural = "hasil kerja SKP"
        ordering = ["skp", "urutan", "id"]

    def __str__(self):
        return self.uraian[:60]


class IndikatorSkp(models.Model):
    hasil_kerja = models.ForeignKey(HasilKerja, on_delete=models.CASCADE, related_name="indikator")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    uraian = models.TextField("indikator kinerja individu")
    aspek = models.CharField("aspek", max_length=12, choices=Aspek.choices)
    target = models.DecimalField("target", **ANGKA)
    satuan = models.CharField("satuan", max_length=60)

    class Meta:
        verbose_name = "indikator SKP"
        verbose_name_plural = "indikator SKP"
        ordering = ["hasil_kerja", "urutan", "id"]

    def __str__(self):
        return self.uraian[:60]


class PerilakuSkp(models.Model):
    """One of the seven BerAKHLAK core values with the leader's specific expectation."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="perilaku", verbose_name="SKP")
    nilai = models.CharField("perilaku kerja", max_length=24, choices=NilaiBerakhlak.choices)
    ekspektasi = models.TextField("ekspektasi khusus pimpinan", blank=True)

    class Meta:
        verbose_name = "perilaku kerja SKP"
        verbose_name_plural = "perilaku kerja SKP"
        ordering = ["skp", "id"]
        constraints = [models.UniqueConstraint(fields=["skp", "nilai"], name="perilaku_skp_unik")]

    def __str__(self):
        return self.get_nilai_display()


class CatatanSkp(models.Model):
    """The person's own note of progress on a result (realisasi, with evidence) for a period."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="catatan", verbose_name="SKP")
    hasil_kerja = models.ForeignKey(
        HasilKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="catatan", verbose_name="hasil kerja"
    )
    periode = models.CharField("periode", max_length=8, blank=True)
    realisasi = models.DecimalField("realisasi", null=True, blank=True, **ANGKA)
    uraian = models.TextField("uraian")
    bukti_url = models.URLField("tautan bukti", max_length=500, blank=True)
    dibuat = models.DateTimeField("dicatat", default=timezone.now)

    class Meta:
        verbose_name = "catatan SKP"
        verbose_name_plural = "catatan SKP"
        ordering = ["-dibuat", "-id"]


class UmpanBalikSkp(models.Model):
    """Continuous feedback on an SKP from the PPK or a team's ketua (the ketua's input the PPK reads before
    rating), or the person's reply."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="umpan_balik", verbose_name="SKP")
    hasil_kerja = models.ForeignKey(
        HasilKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="umpan_balik"
    )
    periode = models.CharField("periode", max_length=8, blank=True)
    dari = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="dari")
    sebagai = models.CharField("sebagai", max_length=16)  # ppk, ketua, pegawai
    isi = models.TextField("isi")
    dibuat = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "umpan balik SKP"
        verbose_name_plural = "umpan balik SKP"
        ordering = ["dibuat", "id"]


class RencanaPengembangan(models.Model):
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="pengembangan", verbose_name="SKP")
    jenis = models.CharField("jenis", max_length=16, choices=JenisPengembangan.choices)
    uraian = models.TextField("uraian")
    rencana_selesai = models.DateField("target selesai", null=True, blank=True)
    terlaksana = models.BooleanField("terlaksana", default=False)
    dicatat_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="dicatat oleh")
    dibuat = models.DateTimeField("dicatat", default=timezone.now)

    class Meta:
        verbose_name = "rencana pengembangan"
        verbose_name_plural = "rencana pengembangan"
        ordering = ["dibuat", "id"]


class Evaluasi(models.Model):
    """The PPK's rating of one period of an approved SKP (one evaluation per period), then finalised."""

    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="evaluasi", verbose_name="SKP")
    periode = models.CharField("periode", max_length=8)
    jenis = models.CharField("jenis periode", max_length=12, choices=JenisPeriode.choices)
    mulai = models.DateField("periode mulai")
    selesai = models.DateField("periode selesai")
    unit_organisasi = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="Unit Organisasi (untuk distribusi)"
    )
    rating_hasil = models.CharField("rating hasil kerja", max_length=8, choices=Rating.choices)
    rating_perilaku = models.CharField("rating perilaku kerja", max_length=8, choices=Rating.choices)
    predikat = models.CharField("predikat kinerja", max_length=16, choices=Predikat.choices)
    jenjang = models.CharField("jenjang (fungsional)", max_length=16, blank=True)
    angka_kredit = models.DecimalField("angka kredit", null=True, blank=True, **AK)
    catatan = models.TextField("catatan", blank=True)
    status = models.CharField("status", max_length=12, choices=StatusEvaluasi.choices, default=StatusEvaluasi.DINILAI)
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="dinilai oleh")
    dinilai = models.DateTimeField("dinilai", default=timezone.now)
    ditetapkan = models.DateTimeField("ditetapkan", null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="ditetapkan oleh"
    )
    alasan_deviasi = models.TextField("alasan penyimpangan distribusi", blank=True)
    history = HistoricalRecords(verbose_name="riwayat evaluasi")

    objects = EvaluasiQuerySet.as_manager()

    class Meta:
        verbose_name = "evaluasi kinerja"
        verbose_name_plural = "evaluasi kinerja"
        ordering = ["skp", "mulai", "jenis"]
        indexes = [models.Index(fields=["unit_organisasi", "periode"], name="evaluasi_unit_periode")]
        constraints = [models.UniqueConstraint(fields=["skp", "periode"], name="evaluasi_satu_per_periode")]

    def __str__(self):
        return f"Evaluasi {self.periode} {self.skp.pegawai.nama}"


class PredikatOrganisasiTahunan(models.Model):
    """A Unit Organisasi's predikat for a year, set by the head above it or the Bagian Organisasi."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="Unit Organisasi")
    tahun = models.PositiveSmallIntegerField("tahun")
    predikat = models.CharField("predikat", max_length=16, choices=PredikatOrganisasi.choices)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ditetapkan oleh"
    )
    diubah = models.DateTimeField("diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat predikat organisasi")

    class Meta:
        verbose_name = "predikat kinerja organisasi"
        verbose_name_plural = "predikat kinerja organisasi"
        ordering = ["-tahun", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "tahun"], name="predikat_organisasi_unik")]

    def __str__(self):
        return f"{self.unit.nama} {self.tahun}: {self.get_predikat_display()}"


class Keberatan(models.Model):
    """The appraised person's objection to a final evaluation, decided by the atasan PPK with reasons."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="keberatan")
    alasan = models.TextField("alasan keberatan")
    status = models.CharField(
        "status", max_length=12, choices=StatusKeberatan.choices, default=StatusKeberatan.DIAJUKAN
    )
    diajukan = models.DateTimeField("diajukan", default=timezone.now)
    batas_putusan = models.DateField("batas waktu putusan")
    pemutus = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diputus oleh"
    )
    putusan = models.TextField("alasan putusan", blank=True)
    diputus = models.DateTimeField("diputus", null=True, blank=True)
    predikat_semula = models.CharField("predikat semula", max_length=16, choices=Predikat.choices)

    class Meta:
        verbose_name = "keberatan"
        verbose_name_plural = "keberatan"
        ordering = ["-diajukan", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluasi"], condition=Q(status=StatusKeberatan.DIAJUKAN), name="keberatan_satu_terbuka"
            )
        ]

    def __str__(self):
        return f"Keberatan atas {self.evaluasi}"


class KonsekuensiPredikat(models.Model):
    """What a yearly predikat brings in an instansi (set by the Bagian Organisasi): recorded as follow-up
    when an evaluation is finalised, e.g. TPP at 100% for Baik, development for Butuh Perbaikan."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+", verbose_name="instansi")
    predikat = models.CharField("predikat", max_length=16, choices=Predikat.choices)
    jenis_periode = models.CharField(
        "berlaku untuk evaluasi", max_length=12, choices=JenisPeriode.choices, default=JenisPeriode.TAHUNAN
    )
    jenis = models.CharField("jenis tindak lanjut", max_length=16, choices=JenisTindakLanjut.choices)
    uraian = models.CharField("uraian", max_length=300)
    persen_tpp = models.PositiveSmallIntegerField("TPP (% dari pagu)", null=True, blank=True)
    history = HistoricalRecords(verbose_name="riwayat konsekuensi predikat")

    class Meta:
        verbose_name = "konsekuensi predikat"
        verbose_name_plural = "konsekuensi predikat"
        ordering = ["instansi", "predikat", "jenis"]

    def __str__(self):
        return f"{self.get_predikat_display()}: {self.uraian}"


class TindakLanjut(models.Model):
    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="tindak_lanjut")
    jenis = models.CharField("jenis", max_length=16, choices=JenisTindakLanjut.choices)
    uraian = models.TextField("uraian")
    persen_tpp = models.PositiveSmallIntegerField("TPP (% dari pagu)", null=True, blank=True)
    dicatat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="dicatat oleh"
    )
    dibuat = models.DateTimeField("dicatat", default=timezone.now)

    class Meta:
        verbose_name = "tindak lanjut"
        verbose_name_plural = "tindak lanjut"
        ordering = ["dibuat", "id"]


class DokumenKinerja(models.Model):
    """A signed document of the appraisal: what it says is frozen in `isi` when it is made; each signatory
    signs in the system; the PDF is made once all have signed and carries the verification code and QR."""

    jenis = models.CharField("jenis", max_length=20, choices=JenisDokumen.choices)
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="dokumen", verbose_name="SKP")
    evaluasi = models.ForeignKey(
        Evaluasi, on_delete=models.PROTECT, null=True, blank=True, related_name="dokumen", verbose_name="evaluasi"
    )
    kode_verifikasi = models.CharField("kode verifikasi", max_length=16, unique=True)
    isi = models.JSONField("isi dokumen", default=dict)
    berlaku = models.BooleanField("berlaku", default=True)
    alasan_cabut = models.TextField("alasan tidak berlaku", blank=True)
    berkas = models.FileField("berkas PDF", max_length=200, blank=True, editable=False)
    sidik = models.CharField("SHA-256 berkas", max_length=64, blank=True, editable=False)
    galat_berkas = models.TextField("galat pembuatan berkas", blank=True, editable=False)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)

    class Meta:
        verbose_name = "dokumen kinerja"
        verbose_name_plural = "dokumen kinerja"
        ordering = ["-dibuat", "-id"]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.kode_verifikasi}"


class TandaTangan(models.Model):
    """Who must sign a document and, once they have, when."""

    dokumen = models.ForeignKey(DokumenKinerja, on_delete=models.CASCADE, related_name="tanda_tangan")
    peran = models.CharField("peran", max_length=12, choices=PeranTandaTangan.choices)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="penanda tangan")
    waktu = models.DateTimeField("ditandatangani", null=True, blank=True)

    class Meta:
        verbose_name = "tanda tangan"
        verbose_name_plural = "tanda tangan"
        ordering = ["dokumen", "id"]
        constraints = [models.UniqueConstraint(fields=["dokumen", "peran"], name="tanda_tangan_satu_per_peran")]


class SaldoAngkaKredit(models.Model):
    """Angka kredit a pejabat fungsional brought in (conversion, integration, an earlier jenjang), entered by
    the Bagian Organisasi; the yearly evaluations add to it."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="pegawai")
    tahun = models.PositiveSmallIntegerField("per akhir tahun")
    jumlah = models.DecimalField("angka kredit", **AK)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    history = HistoricalRecords(verbose_name="riwayat saldo angka kredit")

    class Meta:
        verbose_name = "saldo angka kredit"
        verbose_name_plural = "saldo angka kredit"
        ordering = ["pegawai", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="saldo_ak_unik")]


class PredikatImpor(models.Model):
    """A yearly predikat brought from the national e-Kinerja (a year before this system)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="pegawai")
    tahun = models.PositiveSmallIntegerField("tahun")
    predikat = models.CharField("predikat", max_length=16, choices=Predikat.choices)
    angka_kredit = models.DecimalField("angka kredit", null=True, blank=True, **AK)
    sumber = models.CharField("berkas sumber", max_length=200, blank=True)
    diimpor_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="diimpor oleh"
    )
    diimpor = models.DateTimeField("diimpor", default=timezone.now)

    class Meta:
        verbose_name = "predikat impor"
        verbose_name_plural = "predikat impor"
        ordering = ["pegawai", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="predikat_impor_unik")]


class PengingatSkp(models.Model):
    """A compliance reminder sent (once per person, kind and year or period)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField("jenis", max_length=24)  # skp_belum, skp_belum_disetujui, evaluasi_belum
    kunci = models.CharField("tahun/periode", max_length=8)
    dikirim = models.DateTimeField("dikirim", default=timezone.now)

    class Meta:
        verbose_name = "pengingat SKP"
        verbose_name_plural = "pengingat SKP"
        constraints = [models.UniqueConstraint(fields=["pegawai", "jenis", "kunci"], name="pengingat_skp_unik")]


class RiwayatSkp(models.Model):
    """One transition of the appraisal: who did what to which SKP or evaluation, from which state to which."""

    aksi = models.CharField("aksi", max_length=24, choices=AksiSkp.choices)
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat")
    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, null=True, blank=True, related_name="riwayat")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sebagai = models.CharField("sebagai", max_length=40, blank=True)  # e.g. "pegawai, ppk" signing twice
    akun = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_dari = models.CharField("status semula", max_length=20, blank=True)
    status_ke = models.CharField("status menjadi", max_length=20, blank=True)
    catatan = models.TextField("catatan", blank=True)
    waktu = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "riwayat SKP"
        verbose_name_plural = "riwayat SKP"
        ordering = ["waktu", "id"]

    def __str__(self):
        return f"{self.get_aksi_display()} ({self.waktu:%Y-%m-%d %H:%M})"
