"""The organisation structure: instansi, units, positions, staff and who heads what, dated.

Writes go through `services`; `save()` stays plain. Every model keeps a change
history (django-simple-history), so each record shows who changed what, when and why.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from . import naskah
from . import nip as nip_mod
from .choices import (
    Golongan,
    JenisAsn,
    JenisJabatan,
    JenisKelamin,
    JenisPeran,
    JenisUnit,
    Jenjang,
    Tingkat,
)
from .querysets import PegawaiQuerySet, PejabatUnitQuerySet, PenempatanQuerySet, UnitManager

models.CharField.register_lookup(Length)


class Instansi(models.Model):
    kode = models.SlugField("kode", max_length=64, unique=True)
    nama = models.CharField("nama", max_length=200)
    kode_wilayah = models.CharField(
        "kode wilayah",
        max_length=16,
        blank=True,
        help_text="Kode wilayah Kemendagri, mis. 35.07 untuk Kabupaten Malang.",
    )
    tempat = models.CharField(
        "tempat penetapan surat", max_length=100, blank=True, help_text="Nama kota pada tanggal surat, mis. Kepanjen."
    )
    alamat = models.TextField("alamat", blank=True)
    lambang = models.ImageField(
        "lambang",
        upload_to="lambang/",
        max_length=200,
        blank=True,
        validators=[naskah.validasi_lambang],
        help_text="Lambang daerah pada kop surat: PNG atau JPEG, paling besar 1 MB dan 2000 piksel per sisi.",
    )
    kode_klasifikasi = models.CharField(
        "kode klasifikasi surat",
        max_length=20,
        default=naskah.KLASIFIKASI_BAWAAN,
        validators=[naskah.validasi_klasifikasi],
        help_text="Kode klasifikasi arsip (Permendagri 83/2022) pada nomor surat permohonan, jawaban dan "
        "penugasan, mis. 800.1.11.1. Pola nomor surat memakainya lewat {klasifikasi}.",
    )
    bagian_organisasi = models.ForeignKey(
        "organisasi.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Bagian Organisasi",
        help_text="Unit yang menjalankan urusan organisasi instansi ini: kepalanya mendisposisikan konsultasi, "
        "pegawainya menanganinya.",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat instansi")

    class Meta:
        verbose_name = "instansi"
        verbose_name_plural = "instansi"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class Unit(MP_Node):
    """A node of an instansi's tree. The root node of each instansi has jenis `instansi`."""

    kode = models.SlugField("kode", max_length=64, unique=True)
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField("jenis", max_length=32, choices=JenisUnit.choices)
    tingkat = models.CharField("tingkat pimpinan", max_length=16, choices=Tingkat.choices, blank=True)
    mandiri = models.BooleanField(
        "Unit Organisasi mandiri",
        default=False,
        help_text="Unit Organisasi sendiri (Pasal 1 angka 14): kepalanya Pimpinan Unit Organisasi.",
    )
    kode_naskah = models.CharField(
        "kode naskah",
        max_length=30,
        blank=True,
        validators=[naskah.validasi_kode_naskah],
        help_text="Kode singkat unit pada nomor surat, mis. Dinkes atau 35.07.302. Kosong: huruf awal nama unit.",
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="unit", verbose_name="instansi")
    induk = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak", verbose_name="unit induk"
    )
    aktif = models.BooleanField("aktif", default=True)
    # Derived from the tree by services.pola_hitung_ulang() after every structural change.
    pola = models.PositiveSmallIntegerField("pola mekanisme kerja", null=True, blank=True, editable=False)
    catatan_pola = models.TextField("catatan pola", blank=True, editable=False)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat unit", excluded_fields=["numchild", "pola", "catatan_pola"])

    objects = UnitManager()

    class Meta:
        verbose_name = "unit"
        verbose_name_plural = "unit"
        ordering = ["path"]
        permissions = [("kelola_unit", "Dapat mengelola struktur, pejabat dan pegawai di bawah unit ini")]
        constraints = [
            models.CheckConstraint(
                name="unit_tingkat_wajib_kecuali_instansi",
                condition=Q(jenis=JenisUnit.INSTANSI, tingkat="") | (~Q(jenis=JenisUnit.INSTANSI) & ~Q(tingkat="")),
            ),
            models.CheckConstraint(
                name="unit_induk_wajib_kecuali_instansi",
                condition=Q(jenis=JenisUnit.INSTANSI, induk__isnull=True)
                | (~Q(jenis=JenisUnit.INSTANSI) & Q(induk__isnull=False)),
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def adalah_unit_organisasi(self) -> bool:
        return self.mandiri and self.jenis != JenisUnit.INSTANSI

    def jalur_leluhur(self) -> list[str]:
        """Paths of this node and its ancestors, root first (no query)."""
        return [self.path[:i] for i in range(self.steplen, len(self.path) + 1, self.steplen)]


class Jabatan(models.Model):
    nama = models.CharField("nama jabatan", max_length=200)
    jenis = models.CharField("jenis jabatan", max_length=16, choices=JenisJabatan.choices)
    tingkat = models.CharField(
        "tingkat (struktural)",
        max_length=16,
        blank=True,
        choices=[
            (Tingkat.JPT_PRATAMA, Tingkat.JPT_PRATAMA.label),
            (Tingkat.ADMINISTRATOR, Tingkat.ADMINISTRATOR.label),
            (Tingkat.PENGAWAS, Tingkat.PENGAWAS.label),
        ],
    )
    jenjang = models.CharField("jenjang (fungsional)", max_length=16, blank=True, choices=Jenjang.choices)
    history = HistoricalRecords(verbose_name="riwayat jabatan")

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["nama", "jenis", "jenjang"], name="jabatan_unik"),
            models.CheckConstraint(
                name="jabatan_tingkat_hanya_struktural",
                # a struktural position may wait for its level (an import without one; the audit lists it)
                condition=Q(jenis=JenisJabatan.STRUKTURAL) | Q(tingkat=""),
            ),
            models.CheckConstraint(
                name="jabatan_jenjang_hanya_fungsional",
                condition=(Q(jenis=JenisJabatan.FUNGSIONAL) & ~Q(jenjang=""))
                | (~Q(jenis=JenisJabatan.FUNGSIONAL) & Q(jenjang="")),
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def tingkat_kepemimpinan(self) -> str:
        """The level this position gives its holder when heading a unit."""
        return self.tingkat or (Tingkat.FUNGSIONAL if self.jenis == JenisJabatan.FUNGSIONAL else "")


class Pegawai(models.Model):
    nip = models.CharField(
        "NIP",
        max_length=18,
        unique=True,
        validators=[nip_mod.validasi_nip],
        help_text="18 digit; spasi boleh diketik, disimpan tanpa spasi.",
    )
    nama = models.CharField("nama lengkap dengan gelar", max_length=200)
    jenis_asn = models.CharField("jenis ASN", max_length=8, choices=JenisAsn.choices)
    golongan = models.CharField(
        "pangkat/golongan",
        max_length=8,
        blank=True,
        help_text="PNS: golongan ruang (mis. III/a). PPPK: golongan I–XVII.",
    )
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin.choices)
    tanggal_lahir = models.DateField("tanggal lahir")
    email = models.EmailField("surel", blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="pegawai", verbose_name="unit saat ini"
    )
    jabatan = models.ForeignKey(
        Jabatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pegawai",
        verbose_name="jabatan saat ini",
    )
    akun = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pegawai",
        verbose_name="akun",
    )
    aktif = models.BooleanField("aktif", default=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat pegawai")

    objects = PegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(name="pegawai_nip_18_digit", condition=Q(nip__length=18)),
            models.CheckConstraint(
                name="pegawai_golongan_pns_sah",
                condition=~Q(jenis_asn=JenisAsn.PNS) | Q(golongan="") | Q(golongan__in=Golongan.values),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "nama"], name="pegawai_unit_nama"),
            # the staff list's order (API and admin): a page's ids are read off the index alone
            models.Index(fields=["nama", "nip"], include=["id"], name="pegawai_nama_nip_id"),
        ]

    def __str__(self):
        return f"{self.nama} ({self.nip_tampil})"

    @property
    def nip_tampil(self) -> str:
        return nip_mod.tampilkan(self.nip)


class MutasiKolektif(models.Model):
    """One decree moving many staff at once (seed 002: 96 ASN in one act)."""

    nomor_sk = models.CharField("nomor SK", max_length=120)
    tanggal_sk = models.DateField("tanggal SK")
    berlaku_mulai = models.DateField("berlaku mulai")
    perihal = models.CharField("perihal", max_length=300, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="dicatat oleh"
    )
    dibuat = models.DateTimeField("dicatat", auto_now_add=True)
    # A scan of the signed decree, attached once (`services.mutasi_lampirkan_sk`); served only through
    # the admin to those who reach the decree, never from a public URL.
    berkas_sk = models.FileField("berkas SK (PDF)", max_length=200, blank=True, editable=False)
    history = HistoricalRecords(verbose_name="riwayat mutasi kolektif")

    class Meta:
        verbose_name = "mutasi kolektif"
        verbose_name_plural = "mutasi kolektif"
        ordering = ["-berlaku_mulai", "-id"]

    def __str__(self):
        return f"{self.nomor_sk} ({self.berlaku_mulai:%d-%m-%Y})"


class Penempatan(models.Model):
    """A person's placement (unit and position) over a date range: the history of kedudukan."""

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="riwayat_penempatan", verbose_name="pegawai"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="penempatan", verbose_name="unit")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penempatan", verbose_name="jabatan")
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai", null=True, blank=True)
    nomor_sk = models.CharField("nomor SK", max_length=120, blank=True)
    mutasi = models.ForeignKey(
        MutasiKolektif,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penempatan",
        verbose_name="mutasi kolektif",
    )
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    history = HistoricalRecords(verbose_name="riwayat penempatan")

    objects = PenempatanQuerySet.as_manager()

    class Meta:
        verbose_name = "penempatan"
        verbose_name_plural = "riwayat penempatan"
        ordering = ["pegawai", "-mulai"]
        constraints = [
            models.CheckConstraint(
                name="penempatan_selesai_setelah_mulai", condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai"))
            ),
            models.UniqueConstraint(
                fields=["pegawai"], condition=Q(selesai__isnull=True), name="penempatan_satu_terbuka_per_pegawai"
            ),
        ]

    def __str__(self):
        return f"{self.pegawai.nama} di {self.unit.nama} sejak {self.mulai:%d-%m-%Y}"


class PejabatUnit(models.Model):
    """Who holds a unit head's role over a date range: definitive, Plt, Plh or a PPK delegate."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="pejabat", verbose_name="unit")
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="peran_pimpinan", verbose_name="pegawai"
    )
    jenis = models.CharField("sebagai", max_length=16, choices=JenisPeran.choices)
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai", null=True, blank=True)
    nomor_sk = models.CharField("nomor SK/surat perintah", max_length=120, blank=True)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    history = HistoricalRecords(verbose_name="riwayat pejabat unit")

    objects = PejabatUnitQuerySet.as_manager()

    class Meta:
        verbose_name = "pejabat unit"
        verbose_name_plural = "pejabat unit (definitif, Plt/Plh, delegasi)"
        ordering = ["unit", "-mulai"]
        constraints = [
            models.CheckConstraint(
                name="pejabat_unit_selesai_setelah_mulai",
                condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai")),
            ),
            models.UniqueConstraint(
                fields=["unit", "jenis"], condition=Q(selesai__isnull=True), name="pejabat_unit_satu_terbuka_per_jenis"
            ),
        ]
        indexes = [models.Index(fields=["unit", "mulai"], name="pejabat_unit_unit_mulai")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.unit.nama}: {self.pegawai.nama}"


class TokenApi(models.Model):
    """An API token. Only a SHA-256 digest of the key is kept: the key is shown once, when made.

    The key is 48 random hex digits (192 bits), so a fast digest is as safe as a slow password hash
    and costs nothing per request. Its first 10 digits (`awalan`) find the row; the digest is then
    compared in constant time. A token is revoked, never deleted, so the access log keeps its name.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_api", verbose_name="akun"
    )
    nama = models.CharField("nama", max_length=100, help_text="Aplikasi atau keperluan, mis. SIMPEG BKPSDM.")
    awalan = models.CharField("awalan kunci", max_length=10, unique=True, editable=False)
    sidik = models.CharField("sidik SHA-256 kunci", max_length=64, editable=False)
    cakupan = models.JSONField("cakupan", default=list)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dibuat oleh",
    )
    kedaluwarsa = models.DateTimeField(
        "kedaluwarsa", null=True, blank=True, help_text="Kosong: berlaku sampai dicabut."
    )
    dicabut = models.DateTimeField("dicabut", null=True, blank=True)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dicabut oleh",
    )
    alasan_cabut = models.CharField("alasan pencabutan", max_length=300, blank=True)
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    history = HistoricalRecords(verbose_name="riwayat token API", excluded_fields=["terakhir_dipakai"])

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-dibuat"]
        constraints = [
            models.CheckConstraint(
                name="token_api_dicabut_dengan_alasan", condition=Q(dicabut__isnull=True) | ~Q(alasan_cabut="")
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.awalan}…)"

    def berlaku_pada(self, saat) -> bool:
        return self.dicabut is None and (self.kedaluwarsa is None or self.kedaluwarsa > saat)


class AksesDataPribadi(models.Model):
    """Who read whose personal data through the API (UU 27/2022 Pasal 31: a record of processing).

    One row per request that returned staff records; `subjek` holds the NIPs returned, space-separated
    (searchable in the admin), so a page of 50 people is one insert, not 50.

    An append-only log with no foreign key constraints in the database: a constraint checks and
    share-locks the reader's account and token row on every insert, two concurrent readers with one
    token then contending for it. The reader's name is copied into `username`; Django still empties
    `user` and `token` when an account or a token is deleted.
    """

    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="pembaca",
        db_constraint=False,
    )
    username = models.CharField("nama pengguna", max_length=150)
    token = models.ForeignKey(
        TokenApi,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="akses",
        verbose_name="token",
        db_constraint=False,
    )
    alamat_ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    metode = models.CharField("metode", max_length=8)
    path = models.CharField("alamat", max_length=500)
    subjek = models.TextField("NIP yang dibaca")
    jumlah_subjek = models.PositiveIntegerField("jumlah pegawai")

    class Meta:
        verbose_name = "akses data pribadi"
        verbose_name_plural = "log akses data pribadi"
        ordering = ["-waktu", "-id"]

    def __str__(self):
        return f"{self.username} {self.metode} {self.path} ({self.jumlah_subjek} pegawai)"
