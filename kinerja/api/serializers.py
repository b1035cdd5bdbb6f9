"""Kinerja API shapes (API.md, Kinerja).

Serializers only translate: identifiers (a unit's kode, a person's NIP, a team's id) become objects,
everything else goes to the services as sent, and the services check it and name their errors by field
(`sasaran[0].indikator[1].target`). Numbers are answered as decimal strings ("60.00").
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisasi.models import Pegawai, Unit
from penugasan.models import TimKerja
from sistemkerja.masukan import bentuk_id, bentuk_kode, bentuk_nip, tampil

from .. import selectors
from ..choices import StatusPK
from ..models import Hasil, PerjanjianKinerja, RencanaKegiatan, Target

# --- input: values passed through ----------------------------------------------------------------------


class Mentah(serializers.Field):
    """A value handed to the service as sent (absent: None); the service checks it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", None)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return value


@extend_schema_field(OpenApiTypes.STR)
class TeksMentah(Mentah):
    pass


@extend_schema_field(OpenApiTypes.NUMBER)
class AngkaMentah(Mentah):
    """A number; ASCII digits from a form are read as the whole number they are."""

    def to_internal_value(self, data):
        return int(data) if isinstance(data, str) and data.isascii() and data.isdigit() and len(data) < 10 else data


@extend_schema_field(OpenApiTypes.INT)
class BulatMentah(AngkaMentah):
    pass


@extend_schema_field(OpenApiTypes.DATE)
class TanggalMentah(Mentah):
    pass


@extend_schema_field(OpenApiTypes.BOOL)
class BenarMentah(Mentah):
    pass


# --- input: identifiers looked up -----------------------------------------------------------------------


class KodeUnitField(serializers.Field):
    """An active unit by its kode; anything that cannot be a kode is "not found" like an unknown one."""

    default_error_messages = {"tidak_ada": "Unit dengan kode {kode} tidak ditemukan."}

    def to_internal_value(self, data):
        kode = bentuk_kode(data)
        unit = Unit.objects.filter(kode=kode, aktif=True).first() if kode else None
        if unit is None:
            self.fail("tidak_ada", kode=tampil(data, 64, buang_kendali=True))
        return unit

    def to_representation(self, value):
        return value.kode


extend_schema_field(OpenApiTypes.STR)(KodeUnitField)


class NipField(serializers.Field):
    """An active person within the caller's reach, by NIP (spaces allowed); others are "not found"."""

    default_error_messages = {"tidak_ada": "Pegawai dengan NIP {nip} tidak ditemukan atau tidak aktif."}

    def to_internal_value(self, data):
        nip = bentuk_nip(data)
        request = self.context.get("request")
        ada = Pegawai.objects.restrict(request.user) if request is not None else Pegawai.objects.none()
        p = ada.filter(nip=nip, aktif=True).first() if nip else None
        if p is None:
            self.fail("tidak_ada", nip=tampil(data, buang_kendali=True))
        return p

    def to_representation(self, value):
        return value.nip


extend_schema_field(OpenApiTypes.STR)(NipField)


class TimField(serializers.Field):
    """A team the caller may see, by id."""

    default_error_messages = {"tidak_ada": "Tim {id} tidak ditemukan."}

    def to_internal_value(self, data):
        pk = bentuk_id(data)
        request = self.context.get("request")
        tim = TimKerja.objects.restrict(request.user).filter(pk=pk).first() if pk and request else None
        if tim is None:
            self.fail("tidak_ada", id=tampil(data, buang_kendali=True))
        return tim

    def to_representation(self, value):
        return value.pk


extend_schema_field(OpenApiTypes.INT)(TimField)


# --- input: bodies (nested shapes documented; their values checked by the services) ----------------------


class IndikatorMasukSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    satuan = serializers.CharField(max_length=60)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)


class SasaranMasukSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    indikator = IndikatorMasukSerializer(many=True)


@extend_schema_field(SasaranMasukSerializer(many=True))
class SasaranMentah(Mentah):
    pass


class PerjanjianBuatSerializer(serializers.Serializer):
    unit = KodeUnitField(help_text="Kode Unit Organisasi.")
    tahun = BulatMentah()
    sasaran = SasaranMentah()


class PerjanjianUbahSerializer(serializers.Serializer):
    sasaran = SasaranMentah()
    alasan = TeksMentah(help_text="Alasan perubahan perjanjian kinerja (wajib).")


class TurunkanSerializer(serializers.Serializer):
    unit = KodeUnitField(help_text="Kode unit yang langsung berada di bawah unit pemilik target.")
    uraian = TeksMentah()
    satuan = TeksMentah()
    target = AngkaMentah()


class StrategiMasukSerializer(serializers.Serializer):
    cara = TeksMentah(help_text="`individu` atau `tim`.")
    tim = TimField(required=False, allow_null=True, default=None, help_text="Id tim kerja, untuk `tim`.")
    lintas_unit = BenarMentah()
    perlu_ketua = BenarMentah()

    def validate(self, attrs):
        # the service's defaults for what was not sent
        for kolom in ("lintas_unit", "perlu_ketua"):
            if attrs.get(kolom) is None:
                attrs[kolom] = False
        return attrs


class AnggaranMasukSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    jumlah = serializers.IntegerField(help_text="Rupiah utuh.")


class KegiatanMasukSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    pelaksana = serializers.ListField(child=serializers.CharField(), help_text="NIP pelaksana.")
    anggaran = AnggaranMasukSerializer(many=True, required=False)


@extend_schema_field(KegiatanMasukSerializer(many=True))
class KegiatanMentah(Mentah):
    pass


class RencanaMasukSerializer(serializers.Serializer):
    kegiatan = KegiatanMentah()
    alasan = TeksMentah(help_text="Wajib bila mengubah rencana yang sudah disetujui.")


class CatatanSerializer(serializers.Serializer):
    catatan = TeksMentah()


class ProgresMasukSerializer(serializers.Serializer):
    tanggal = TanggalMentah()
    uraian = TeksMentah()
    persen = BulatMentah(help_text="0 sampai 100.")
    bukti = TeksMentah(help_text="Tautan bukti (http/https), atau kirim berkas `berkas` (multipart).")
    berkas = serializers.FileField(required=False, allow_null=True, default=None, help_text="PDF, PNG atau JPG.")


class RealisasiMasukSerializer(serializers.Serializer):
    tanggal = TanggalMentah()
    uraian = TeksMentah()
    jumlah = BulatMentah(help_text="Rupiah utuh.")
    anggaran = BulatMentah(help_text="Id baris anggaran kegiatan ini (opsional).")


class UmpanBalikMasukSerializer(serializers.Serializer):
    isi = TeksMentah()
    kepada = NipField(required=False, allow_null=True, default=None, help_text="NIP pelaksana (opsional).")
    balasan_untuk = BulatMentah(help_text="Id umpan balik yang dibalas (opsional).")


class HasilMasukSerializer(serializers.Serializer):
    # required in the schema too, so that a client (and the fuzzing) knows a result needs both
    capaian = AngkaMentah(required=True, allow_null=False, default=serializers.empty)
    uraian = TeksMentah(required=True, allow_null=False, default=serializers.empty)
    bukti = TeksMentah(help_text="Tautan bukti (http/https), atau kirim berkas `berkas` (multipart).")
    berkas = serializers.FileField(required=False, allow_null=True, default=None, help_text="PDF, PNG atau JPG.")


# --- output --------------------------------------------------------------------------------------------

ANGKA = {"max_digits": 16, "decimal_places": 2, "read_only": True}


class IndikatorSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    satuan = serializers.CharField()
    target = serializers.SerializerMethodField(
        help_text="Draf: angka target. Setelah ditetapkan: id target kinerja yang lahir dari indikator ini."
    )
    nilai_target = serializers.DecimalField(source="target", **ANGKA)

    @extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "format": "decimal"}]})
    def get_target(self, ind):
        if self.context.get("ditetapkan"):
            akar = [t for t in ind.target_kinerja.all() if t.induk_id is None]
            if akar:
                return akar[0].pk
        return serializers.DecimalField(**ANGKA).to_representation(ind.target)


class SasaranSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    indikator = serializers.SerializerMethodField()

    @extend_schema_field(IndikatorSerializer(many=True))
    def get_indikator(self, sasaran):
        return IndikatorSerializer(sasaran.indikator.all(), many=True, context=self.context).data


class PerjanjianSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    status = serializers.CharField(help_text="`draf`, `ditetapkan` atau `diganti`.")
    sasaran = serializers.SerializerMethodField(
        help_text="Untuk PK yang ditetapkan, `indikator[].target` adalah id target; angkanya di `nilai_target`."
    )

    class Meta:
        model = PerjanjianKinerja
        fields = ["id", "unit", "tahun", "versi", "status", "menggantikan", "alasan_perubahan", "ditetapkan"]
        fields += ["sasaran"]

    @extend_schema_field(SasaranSerializer(many=True))
    def get_sasaran(self, pk):
        konteks = {"ditetapkan": pk.status == StatusPK.DITETAPKAN}
        return SasaranSerializer(pk.sasaran.all(), many=True, context=konteks).data


class PemilikSerializer(serializers.Serializer):
    nip = serializers.CharField(source="pegawai.nip")
    nama = serializers.CharField(source="pegawai.nama")
    jabatan = serializers.CharField(source="pegawai.jabatan.nama", default=None, allow_null=True)
    sebagai = serializers.CharField(help_text="`definitif`, `plt`, `plh`, `delegasi` atau `atasan` (unit kosong).")


class StrategiSerializer(serializers.Serializer):
    cara = serializers.CharField(help_text="`individu` atau `tim`.")
    tim = serializers.IntegerField(source="tim_id", allow_null=True)
    lintas_unit = serializers.BooleanField()
    perlu_ketua = serializers.BooleanField()


class TargetRingkasSerializer(serializers.ModelSerializer):
    """A target in a list: the person heading its unit is shown on the target itself."""

    unit = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    target = serializers.DecimalField(**ANGKA)
    capaian = serializers.SerializerMethodField()
    strategi = serializers.SerializerMethodField()
    turunan = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["id", "perjanjian", "induk", "unit", "tahun", "uraian", "satuan", "target", "capaian"]
        fields += ["strategi", "turunan", "aktif"]

    @extend_schema_field(serializers.DecimalField(max_digits=16, decimal_places=2))  # a string, like `target`
    def get_capaian(self, t):
        cap = self.context["capaian"] if "capaian" in self.context else selectors.capaian([t.pk])
        return serializers.DecimalField(**ANGKA).to_representation(cap.get(t.pk, 0))

    @extend_schema_field(StrategiSerializer(allow_null=True))
    def get_strategi(self, t):
        return StrategiSerializer(t).data if t.cara else None

    def get_turunan(self, t) -> list[int]:
        return [anak.pk for anak in t.turunan.all()]


class TargetSerializer(TargetRingkasSerializer):
    pemilik = serializers.SerializerMethodField(help_text="Yang memimpin unit pemilik hari ini (Plt/Plh termasuk).")

    class Meta(TargetRingkasSerializer.Meta):
        fields = [*TargetRingkasSerializer.Meta.fields[:4], "pemilik", *TargetRingkasSerializer.Meta.fields[4:]]

    @extend_schema_field(PemilikSerializer(allow_null=True))
    def get_pemilik(self, t):
        pj = selectors.pemimpin(t.unit)
        return PemilikSerializer(pj).data if pj else None


class TargetStrategiSerializer(TargetSerializer):
    penugasan = serializers.DictField(
        required=False, help_text="Hanya bila `lintas_unit`: permohonan penugasan (alur B atau C) yang perlu dimulai."
    )

    class Meta(TargetSerializer.Meta):
        fields = [*TargetSerializer.Meta.fields, "penugasan"]


class AnggaranSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uraian = serializers.CharField()
    jumlah = serializers.IntegerField()


class KegiatanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uraian = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    persen = serializers.IntegerField(help_text="Progres terakhir.")
    pelaksana = serializers.SerializerMethodField(help_text="NIP pelaksana.")
    anggaran = AnggaranSerializer(many=True)

    def get_pelaksana(self, k) -> list[str]:
        return [p.nip for p in k.pelaksana.all()]


class RencanaSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text="`diajukan`, `disetujui` atau `diganti`.")
    disusun_oleh = serializers.SlugRelatedField(slug_field="nip", read_only=True)
    disetujui_oleh = serializers.SlugRelatedField(slug_field="nip", read_only=True, allow_null=True)
    kegiatan = KegiatanSerializer(many=True)

    class Meta:
        model = RencanaKegiatan
        fields = ["id", "target", "versi", "status", "alasan_perubahan", "disusun_oleh", "disetujui_oleh"]
        fields += ["disetujui", "kegiatan"]


def _bukti(obj) -> str:
    """The evidence link, or the path of the page that sends the uploaded file to whoever sees the target."""
    if not obj.bukti_berkas:
        return obj.bukti_url
    nama = "kinerja:bukti_hasil" if isinstance(obj, Hasil) else "kinerja:bukti_progres"
    return reverse(nama, args=[obj.pk])


class ProgresSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kegiatan = serializers.IntegerField(source="kegiatan_id")
    tanggal = serializers.DateField()
    uraian = serializers.CharField()
    persen = serializers.IntegerField()
    bukti = serializers.SerializerMethodField()
    oleh = serializers.CharField(source="oleh.nip")

    def get_bukti(self, p) -> str:
        return _bukti(p)


class RealisasiSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kegiatan = serializers.IntegerField(source="kegiatan_id")
    anggaran = serializers.IntegerField(source="anggaran_id", allow_null=True)
    tanggal = serializers.DateField()
    uraian = serializers.CharField()
    jumlah = serializers.IntegerField()
    oleh = serializers.CharField(source="oleh.nip")
    sisa_anggaran = serializers.IntegerField(help_text="Sisa anggaran kegiatan (rupiah) setelah realisasi ini.")
    sisa_baris = serializers.IntegerField(allow_null=True, help_text="Sisa baris anggaran yang disebut, bila ada.")


class UmpanBalikSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.IntegerField(source="target_id")
    dari = serializers.CharField(source="dari.nip")
    kepada = serializers.CharField(source="kepada.nip")
    isi = serializers.CharField()
    balasan_untuk = serializers.IntegerField(source="balasan_untuk_id", allow_null=True)
    dibuat = serializers.DateTimeField()
    dibaca = serializers.DateTimeField(allow_null=True)


class RiwayatKinerjaSerializer(serializers.Serializer):
    aksi = serializers.CharField()
    oleh = serializers.CharField(source="oleh.nip", allow_null=True, default=None)
    sebagai = serializers.CharField()
    waktu = serializers.DateTimeField()
    catatan = serializers.CharField()
    status_dari = serializers.CharField()
    status_ke = serializers.CharField()


class LangkahTinjauSerializer(serializers.Serializer):
    nama = serializers.CharField()
    pelaku = serializers.ListField(child=serializers.CharField())


class HasilRingkasSerializer(serializers.ModelSerializer):
    """A result in a list: `peninjau` is the reviewer as last resolved (the detail resolves it live)."""

    status = serializers.CharField(help_text="`ditinjau`, `dikembalikan` atau `selesai`.")
    capaian = serializers.DecimalField(**ANGKA)
    pengaju = serializers.SlugRelatedField(slug_field="nip", read_only=True)
    peninjau = serializers.SlugRelatedField(slug_field="nip", read_only=True, allow_null=True)  # none once resolved
    bukti = serializers.SerializerMethodField()

    class Meta:
        model = Hasil
        fields = ["id", "target", "status", "capaian", "pengaju", "peninjau", "uraian", "bukti", "putaran"]
        fields += ["diajukan", "menunggu_sejak", "selesai"]

    def get_bukti(self, h) -> str:
        return _bukti(h)


class HasilSerializer(HasilRingkasSerializer):
    langkah = serializers.SerializerMethodField()
    rantai = serializers.SerializerMethodField(help_text="NIP para peninjau putaran ini, berurutan, menurut hari ini.")
    riwayat = RiwayatKinerjaSerializer(many=True, read_only=True)

    class Meta(HasilRingkasSerializer.Meta):
        fields = [*HasilRingkasSerializer.Meta.fields, "langkah", "rantai", "riwayat"]

    def _tinjauan(self, h):
        if not hasattr(h, "_tinjauan"):
            h._tinjauan = selectors.tinjauan(h)
        return h._tinjauan

    @extend_schema_field(LangkahTinjauSerializer(allow_null=True))
    def get_langkah(self, h):
        pj = self._tinjauan(h).peninjau
        return {"nama": "tinjau", "pelaku": [pj.pegawai.nip]} if pj else None

    def get_rantai(self, h) -> list[str]:
        return [pj.pegawai.nip for pj in self._tinjauan(h).rantai]
