"""Penugasan API shapes (API.md, Penugasan). Serializers translate; the services decide."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisasi import nip as nip_mod
from organisasi.models import Pegawai, Unit

from ..choices import Alur, Sifat
from ..models import Penugasan, Surat, TimKerja
from ..selectors import PERLU_PEGAWAI, peringatan_tim

# --- input ---------------------------------------------------------------------------------------------


class NipField(serializers.CharField):
    """A NIP (spaces allowed) of an active person within the caller's reach, as a Pegawai.

    Someone outside it is "not found" like a NIP nobody has, so the API cannot be used to look names up.
    """

    default_error_messages = {"tidak_ada": "Pegawai dengan NIP {nip} tidak ditemukan atau tidak aktif."}

    def terjangkau(self):
        request = self.context.get("request")
        return Pegawai.objects.restrict(request.user) if request is not None else Pegawai.objects.none()

    def to_internal_value(self, data):
        nip = nip_mod.bersihkan(super().to_internal_value(data))
        pegawai = self.terjangkau().filter(nip=nip, aktif=True).select_related("jabatan", "unit").first()
        if pegawai is None:
            self.fail("tidak_ada", nip=nip)
        return pegawai


class NipSemuaField(NipField):
    """Any active person's NIP: a team may take members from other agencies and instansi (Lampiran B.3).
    Only those who may form the team get this far (`TimViewSet.create` checks first)."""

    def terjangkau(self):
        return Pegawai.objects.all()


class KodeUnitField(serializers.CharField):
    default_error_messages = {"tidak_ada": "Unit dengan kode {kode} tidak ditemukan."}

    def to_internal_value(self, data):
        kode = super().to_internal_value(data)
        unit = Unit.objects.filter(kode=kode, aktif=True).select_related("instansi").first()
        if unit is None:
            self.fail("tidak_ada", kode=kode)
        return unit


class KandidatQuerySerializer(serializers.Serializer):
    unit_tujuan = serializers.CharField(help_text="Kode unit tempat calon berkedudukan.")
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    kompetensi = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        default=list,
        help_text="Id kompetensi (semua harus dimiliki).",
    )

    def validate(self, attrs):
        if attrs["selesai"] < attrs["mulai"]:
            raise serializers.ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
        return attrs


class TimPemilikSerializer(serializers.Serializer):
    unit_pemilik = KodeUnitField(help_text="Kode Unit Organisasi pemilik kinerja.")


class TimBuatSerializer(TimPemilikSerializer):
    nama = serializers.CharField(max_length=200)
    tujuan = serializers.CharField(required=False, allow_blank=True, default="")
    ketua = NipSemuaField()
    anggota = serializers.ListField(child=NipSemuaField(), required=False, default=list, max_length=200)
    peran = serializers.DictField(
        child=serializers.CharField(max_length=200, allow_blank=True),
        required=False,
        default=dict,
        help_text="Peran tiap anggota dalam tim, menurut NIP.",
    )
    sifat = serializers.ChoiceField(choices=Sifat.choices)
    mulai = serializers.DateField()
    selesai = serializers.DateField()


class PenugasanBuatSerializer(serializers.Serializer):
    alur = serializers.ChoiceField(choices=Alur.choices)
    unit_tujuan = KodeUnitField(
        help_text="Unit tempat pegawai yang diminta berkedudukan; untuk D dan E, unit yang ingin dibantu pemohon."
    )
    pegawai = serializers.ListField(
        child=NipField(),
        required=False,
        default=list,
        max_length=200,
        help_text="A: yang ditunjuk; D, E: pemohon sendiri (boleh kosong); B, C: usulan.",
    )
    tim = serializers.PrimaryKeyRelatedField(
        queryset=TimKerja.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "Tim {pk_value} tidak ditemukan."},
    )

    def validate_tim(self, tim):
        request = self.context.get("request")
        if tim is not None and (
            request is None or not TimKerja.objects.restrict(request.user).filter(pk=tim.pk).exists()
        ):
            raise serializers.ValidationError(f"Tim {tim.pk} tidak ditemukan.")
        return tim

    maksud = serializers.CharField()
    kompetensi = serializers.CharField(required=False, allow_blank=True, default="")
    target = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    batas_keputusan = serializers.DateField(required=False, allow_null=True, default=None)


class LanjutSerializer(serializers.Serializer):
    catatan = serializers.CharField(required=False, allow_blank=True, default="")
    pegawai = serializers.ListField(child=NipField(), required=False, default=list, max_length=200)


class TolakSerializer(serializers.Serializer):
    alasan = serializers.CharField(
        error_messages={"required": "Alasan penolakan wajib diisi.", "blank": "Alasan penolakan wajib diisi."}
    )


class TarikSerializer(serializers.Serializer):
    alasan = serializers.CharField(required=False, allow_blank=True, default="")


# --- output --------------------------------------------------------------------------------------------


class AnggotaSerializer(serializers.Serializer):
    nip = serializers.CharField(source="pegawai.nip")
    nama = serializers.CharField(source="pegawai.nama")
    peran = serializers.CharField()
    mulai = serializers.DateField()


class TimSerializer(serializers.ModelSerializer):
    unit_pemilik = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    ketua = serializers.SlugRelatedField(slug_field="nip", read_only=True)
    anggota = serializers.SerializerMethodField()
    anggota_rinci = serializers.SerializerMethodField()
    peringatan = serializers.SerializerMethodField()

    class Meta:
        model = TimKerja
        fields = [
            "id",
            "nama",
            "tujuan",
            "unit_pemilik",
            "ketua",
            "anggota",
            "anggota_rinci",
            "sifat",
            "mulai",
            "selesai",
            "peringatan",
        ]

    def _aktif(self, tim):
        return [a for a in tim.anggota.all() if a.selesai is None]

    def get_anggota(self, tim) -> list[str]:
        return [a.pegawai.nip for a in self._aktif(tim)]

    def get_anggota_rinci(self, tim) -> list[dict]:
        return AnggotaSerializer(self._aktif(tim), many=True).data

    def get_peringatan(self, tim) -> list[str]:
        return peringatan_tim(tim)


class KandidatSerializer(serializers.ModelSerializer):
    jabatan = serializers.CharField(source="jabatan.nama", default=None)
    kompetensi = serializers.SerializerMethodField()
    jumlah_penugasan = serializers.IntegerField()
    jumlah_tim = serializers.IntegerField()

    class Meta:
        model = Pegawai
        fields = ["nip", "nama", "jabatan", "kompetensi", "jumlah_penugasan", "jumlah_tim"]

    def get_kompetensi(self, p) -> list[str]:
        return [k.kompetensi.nama for k in p.kompetensi.all()]


class LangkahSerializer(serializers.Serializer):
    nama = serializers.CharField()
    pelaku = serializers.ListField(child=serializers.CharField())
    perlu_pegawai = serializers.BooleanField()


class RiwayatSerializer(serializers.Serializer):
    langkah = serializers.CharField()
    aksi = serializers.CharField()
    oleh = serializers.CharField(source="oleh.nip", allow_null=True, default=None)
    waktu = serializers.DateTimeField()
    catatan = serializers.CharField()


class SuratRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Surat
        fields = ["id", "jenis", "nomor", "tanggal", "kode_verifikasi", "status"]


class PenugasanSerializer(serializers.ModelSerializer):
    pemohon = serializers.SlugRelatedField(slug_field="nip", read_only=True)
    unit_pemohon = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    unit_tujuan = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    pegawai = serializers.SerializerMethodField()
    usulan = serializers.SerializerMethodField()
    langkah = serializers.SerializerMethodField()
    tembusan = serializers.SerializerMethodField()
    riwayat = RiwayatSerializer(many=True, read_only=True)
    surat = SuratRingkasSerializer(many=True, read_only=True)
    kompetensi_daftar = serializers.SlugRelatedField(
        source="kompetensi_diperlukan", slug_field="nama", many=True, read_only=True
    )

    class Meta:
        model = Penugasan
        fields = [
            "id",
            "alur",
            "status",
            "pemohon",
            "unit_pemohon",
            "unit_tujuan",
            "tim",
            "pegawai",
            "usulan",
            "langkah",
            "tembusan",
            "riwayat",
            "surat",
            "maksud",
            "kompetensi",
            "kompetensi_daftar",
            "target",
            "mulai",
            "selesai",
            "batas_keputusan",
            "dibuat",
            "berakhir",
        ]

    def get_pegawai(self, p) -> list[str]:
        return [o.pegawai.nip for o in p.orang.all() if not o.usulan]

    def get_usulan(self, p) -> list[str]:
        return [o.pegawai.nip for o in p.orang.all() if o.usulan]

    def get_tembusan(self, p) -> list[str]:
        return sorted({t.pegawai.nip for t in p.tembusan.all()})

    @extend_schema_field(LangkahSerializer(allow_null=True))
    def get_langkah(self, p):
        if not p.berjalan:
            return None
        return {"nama": p.langkah, "pelaku": list(p.pelaku_nip), "perlu_pegawai": (p.alur, p.langkah) in PERLU_PEGAWAI}


class OrangSuratSerializer(serializers.Serializer):
    nip = serializers.CharField()
    nama = serializers.CharField()
    jabatan = serializers.CharField()


class SuratSerializer(serializers.ModelSerializer):
    penandatangan = serializers.SerializerMethodField()
    kepada = serializers.SerializerMethodField()
    tembusan = serializers.SerializerMethodField()
    unit_penerbit = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Surat
        fields = [
            "id",
            "jenis",
            "nomor",
            "tanggal",
            "perihal",
            "kode_verifikasi",
            "status",
            "alasan_cabut",
            "penugasan",
            "unit_penerbit",
            "penandatangan",
            "kepada",
            "tembusan",
            "status_berkas",
            "pdf",
            "menggantikan",
        ]

    def get_penandatangan(self, surat) -> dict:
        t = surat.isi.get("penandatangan", {})
        return {"nip": t.get("nip", ""), "nama": t.get("nama", ""), "jabatan": t.get("jabatan", "")}

    def get_kepada(self, surat) -> list[dict]:
        return OrangSuratSerializer(surat.isi.get("kepada", []), many=True).data

    def get_tembusan(self, surat) -> list[str]:
        return list(surat.isi.get("tembusan", []))

    def get_pdf(self, surat) -> str:
        return reverse("api-surat-pdf", args=[surat.pk])


class VerifikasiSerializer(serializers.Serializer):
    """The public check: no personal data beyond names."""

    terbit = serializers.BooleanField()
    nomor = serializers.CharField()
    tanggal = serializers.DateField()
    jenis = serializers.CharField()
    perihal = serializers.CharField()
    penandatangan = serializers.DictField(child=serializers.CharField())
    status = serializers.CharField()
    pengganti = serializers.CharField(allow_null=True, help_text="Nomor surat pengganti, bila dicabut dan diganti.")
