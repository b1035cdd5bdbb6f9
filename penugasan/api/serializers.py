"""Penugasan API shapes (API.md, Penugasan). Serializers translate; the services decide."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisasi.models import Pegawai
from sistemkerja.masukan import IdField, TeksField, bentuk_kode, bentuk_nip, periksa_tanggal, periode

from ..choices import Alur, Sifat
from ..masukan import cari_pegawai, cari_unit, tampil
from ..models import Penugasan, Surat, TimKerja
from ..selectors import PERLU_PEGAWAI, peringatan_tim

# --- input ---------------------------------------------------------------------------------------------


def _galat(e: ValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(e.messages, code="tidak_ada")


class NipField(serializers.CharField):
    """A NIP (spaces allowed) of an active person within the caller's reach, as a Pegawai.

    Someone outside it is "not found" like a NIP nobody has, and so is a string that cannot be a NIP (a NUL,
    5,000 characters): its shape is checked before any lookup, so the API cannot be used to look names up.
    """

    def terjangkau(self):
        request = self.context.get("request")
        return Pegawai.objects.restrict(request.user) if request is not None else Pegawai.objects.none()

    def to_internal_value(self, data):
        try:
            return cari_pegawai([data], self.terjangkau())[0]
        except ValidationError as e:
            raise _galat(e) from None


class NipSemuaField(NipField):
    """Any active person's NIP: a team may take members from other agencies and instansi (Lampiran B.3).
    Only those who may form the team get this far (`TimViewSet.create` checks first)."""

    def terjangkau(self):
        return Pegawai.objects.all()


class KodeUnitField(serializers.CharField):
    """An active unit by its code; a string that cannot be a code is "not found" like an unknown one."""

    def to_internal_value(self, data):
        try:
            return cari_unit(data)
        except ValidationError as e:
            raise _galat(e) from None


class BentukKodeField(serializers.CharField):
    """A unit code to be looked up by the view within the caller's reach; one that cannot be a code comes
    through as "" (found nowhere), so it is answered like an unknown one."""

    def to_internal_value(self, data):
        return bentuk_kode(data) or ""


def validasi_periode(attrs: dict, *, tanggal_lain=()) -> dict:
    """`periode()` of sistemkerja.masukan as a serializer's error, plus other dates of the window."""
    try:
        periode(attrs.get("mulai"), attrs.get("selesai"))
        galat = {}
    except ValidationError as e:
        galat = e.message_dict
    for kolom in tanggal_lain:
        try:
            periksa_tanggal(attrs.get(kolom))
        except ValidationError as e:
            galat[kolom] = e.messages
    if galat:
        raise serializers.ValidationError(galat)
    return attrs


class KandidatQuerySerializer(serializers.Serializer):
    unit_tujuan = BentukKodeField(help_text="Kode unit tempat calon berkedudukan.")
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    kompetensi = serializers.ListField(
        child=IdField(), required=False, default=list, max_length=50, help_text="Id kompetensi (semua harus dimiliki)."
    )

    def validate(self, attrs):
        return validasi_periode(attrs)


class TimPemilikSerializer(serializers.Serializer):
    unit_pemilik = KodeUnitField(help_text="Kode Unit Organisasi pemilik kinerja.")


class TimBuatSerializer(TimPemilikSerializer):
    nama = TeksField(jenis="pendek", baris=False)
    tujuan = TeksField(jenis="sedang", required=False, allow_blank=True, default="")
    ketua = NipSemuaField()
    anggota = serializers.ListField(child=NipSemuaField(), required=False, default=list, max_length=200)
    peran = serializers.DictField(
        child=TeksField(jenis="pendek", baris=False, allow_blank=True),
        required=False,
        default=dict,
        help_text="Peran tiap anggota dalam tim, menurut NIP.",
    )
    sifat = serializers.ChoiceField(choices=Sifat.choices)
    mulai = serializers.DateField()
    selesai = serializers.DateField()

    def validate(self, attrs):
        """The period; roles keyed by the NIP of a member listed (spaces allowed), none for anyone else."""
        anggota = {p.nip for p in attrs["anggota"]}
        peran = {bentuk_nip(k): v for k, v in attrs["peran"].items()}
        if asing := [k for k, n in zip(attrs["peran"], peran) if n not in anggota]:
            raise serializers.ValidationError(
                {"peran": [f"{tampil(k)} bukan NIP anggota yang disebut dalam `anggota`." for k in asing]}
            )
        attrs["peran"] = peran
        return validasi_periode(attrs)


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
    tim = IdField(required=False, allow_null=True, default=None, help_text="Id tim kerja (bilangan bulat).")

    def validate_tim(self, pk):
        """A team the caller may see, by an integer id (never 1.5 or true); any other is "not found"."""
        if pk is None:
            return None
        request = self.context.get("request")
        tim = TimKerja.objects.restrict(request.user).filter(pk=pk).first() if request is not None else None
        if tim is None:
            raise serializers.ValidationError(f"Tim {pk} tidak ditemukan.")
        return tim

    maksud = TeksField(jenis="sedang")
    kompetensi = TeksField(jenis="sedang", required=False, allow_blank=True, default="")
    target = TeksField(jenis="sedang")
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    batas_keputusan = serializers.DateField(required=False, allow_null=True, default=None)
    rujukan = serializers.RegexField(
        r"^[a-z_]+\.[a-z_]+:[0-9]{1,10}$",
        max_length=64,
        required=False,
        default="",
        help_text="Asal permohonan, mis. `kinerja.target:12` dari strategi target (opsional).",
        error_messages={"invalid": "Bentuk rujukan: aplikasi.objek:id, mis. kinerja.target:12."},
    )

    def validate(self, attrs):
        return validasi_periode(attrs, tanggal_lain=["batas_keputusan"])


class LanjutSerializer(serializers.Serializer):
    catatan = TeksField(jenis="sedang", required=False, allow_blank=True, default="")
    pegawai = serializers.ListField(child=NipField(), required=False, default=list, max_length=200)


class TolakSerializer(serializers.Serializer):
    alasan = TeksField(
        jenis="sedang",
        error_messages={"required": "Alasan penolakan wajib diisi.", "blank": "Alasan penolakan wajib diisi."},
    )


class TarikSerializer(serializers.Serializer):
    alasan = TeksField(jenis="sedang", required=False, allow_blank=True, default="")


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
            "rujukan",
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
