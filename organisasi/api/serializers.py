"""Translate organisasi objects to the JSON of API.md; they decide nothing.

Lists and details use DRF serializers. The tree (`selectors.pohon_ringkas`) and the
kedudukan (`kedudukan_json`) are built as plain dicts, because they are
benchmarked and a tree of 1,500 nodes must not pay for 1,500 serializer
instances; the serializer classes below document those shapes for the OpenAPI
schema and are kept field for field in step (tests check responses against it).
"""

from django.contrib.auth import authenticate
from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from sistemkerja import registry
from sistemkerja.masukan import PANJANG_USERNAME

from .. import nip as nip_mod
from ..choices import NAMA_POLA, SEBAGAI_ATASAN, JenisJabatan, JenisPeran, JenisUnit, Jenjang, Tingkat
from ..models import Pegawai, Unit

SEBAGAI = [*JenisPeran.values, SEBAGAI_ATASAN]
POLA = sorted(NAMA_POLA.items())


# --- plain translation functions (hot paths) -----------------------------------------------------


def orang(pegawai, sebagai: str) -> dict:
    """A person in a head's role: `{"nip", "nama", "jabatan", "sebagai"}`."""
    jabatan = pegawai.jabatan if pegawai.jabatan_id else None
    return {"nip": pegawai.nip, "nama": pegawai.nama, "jabatan": jabatan.nama if jabatan else None, "sebagai": sebagai}


def pejabat_json(pejabat) -> dict | None:
    """A `selectors.Pejabat` (person, capacity, unit whose role they hold) or None."""
    if pejabat is None:
        return None
    return {**orang(pejabat.pegawai, pejabat.sebagai), "unit": pejabat.unit.kode}


def baris_pejabat_json(baris) -> dict | None:
    """A `PejabatUnit` row in force, or None."""
    return orang(baris.pegawai, baris.jenis) if baris is not None else None


def kedudukan_json(k) -> dict:
    """A `selectors.Kedudukan` as API.md fixes it, with the date and the Unit Organisasi."""
    return {
        "nip": k.pegawai.nip,
        "tanggal": k.tanggal.isoformat(),
        "unit": k.unit.kode if k.unit else None,
        "jabatan": k.jabatan.nama if k.jabatan else None,
        "unit_organisasi": k.unit_organisasi.kode if k.unit_organisasi else None,
        "ppk": pejabat_json(k.ppk),
        "pimpinan_unit_organisasi": pejabat_json(k.pimpinan),
        "rantai_evaluasi": [pejabat_json(p) for p in k.rantai],
        "pola": k.pola,
    }


# --- shapes for the schema -----------------------------------------------------------------------


class PejabatSerializer(serializers.Serializer):
    nip = serializers.CharField(help_text="NIP, 18 digit tanpa spasi.")
    nama = serializers.CharField()
    jabatan = serializers.CharField(allow_null=True, help_text="Nama jabatan orang itu saat ini.")
    sebagai = serializers.ChoiceField(
        choices=SEBAGAI,
        help_text=(
            "definitif, plt, plh, delegasi (kewenangan PPK didelegasikan), atau atasan "
            "(jabatan kosong tanpa Plt/Plh: pimpinan di atasnya yang bertindak)."
        ),
    )


class PejabatKedudukanSerializer(PejabatSerializer):
    unit = serializers.CharField(help_text="Kode unit yang peran pimpinannya dijalankan orang ini.")


class SimpulPohonSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    jenis = serializers.ChoiceField(choices=JenisUnit.choices)
    tingkat = serializers.ChoiceField(choices=Tingkat.choices, allow_null=True)
    mandiri = serializers.BooleanField()
    aktif = serializers.BooleanField()
    pola = serializers.ChoiceField(choices=POLA, allow_null=True)
    pimpinan = PejabatSerializer(allow_null=True)
    anak = serializers.ListField(child=serializers.DictField(), help_text="Simpul anak, bentuknya sama.")


# The tree is recursive: each child is a node of the same shape.
SimpulPohonSerializer._declared_fields["anak"] = serializers.ListField(child=SimpulPohonSerializer())


class KedudukanSerializer(serializers.Serializer):
    nip = serializers.CharField()
    tanggal = serializers.DateField()
    unit = serializers.CharField(allow_null=True, help_text="Kode unit tempat pegawai berkedudukan pada tanggal itu.")
    jabatan = serializers.CharField(allow_null=True)
    unit_organisasi = serializers.CharField(allow_null=True)
    ppk = PejabatKedudukanSerializer(allow_null=True, help_text="Pejabat Penilai Kinerja.")
    pimpinan_unit_organisasi = PejabatKedudukanSerializer(allow_null=True)
    rantai_evaluasi = PejabatKedudukanSerializer(many=True, help_text="PPK lebih dulu, Pimpinan terakhir.")
    pola = serializers.ChoiceField(choices=POLA, allow_null=True)


# --- units ---------------------------------------------------------------------------------------


class UnitSerializer(serializers.ModelSerializer):
    induk = serializers.SlugRelatedField(
        slug_field="kode", read_only=True, allow_null=True, help_text="Kode unit induk; null untuk akar instansi."
    )
    instansi = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    tingkat = serializers.SerializerMethodField()
    pola = serializers.SerializerMethodField()
    pimpinan = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = ["kode", "nama", "jenis", "tingkat", "mandiri", "aktif", "induk", "instansi", "pola", "pimpinan"]

    @extend_schema_field(serializers.ChoiceField(choices=Tingkat.choices, allow_null=True))
    def get_tingkat(self, unit) -> str | None:
        return unit.tingkat or None

    @extend_schema_field(
        serializers.ChoiceField(
            choices=POLA, allow_null=True, help_text="Pola 1–6; null untuk subunit atau unit tanpa pola."
        )
    )
    def get_pola(self, unit) -> int | None:
        return unit.pola

    @extend_schema_field(
        PejabatSerializer(
            allow_null=True, help_text="Yang memimpin hari ini: Plt/Plh yang berlaku, jika tidak ada pejabat definitif."
        )
    )
    def get_pimpinan(self, unit):
        return baris_pejabat_json(self.context["peta"].pimpinan(unit.pk))


class UnitDetailSerializer(UnitSerializer):
    nama_pola = serializers.SerializerMethodField()
    unit_organisasi = serializers.SerializerMethodField()

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "nama_pola", "catatan_pola", "unit_organisasi"]

    def get_nama_pola(self, unit) -> str | None:
        return NAMA_POLA.get(unit.pola)

    @extend_schema_field(
        serializers.CharField(
            allow_null=True, help_text="Kode Unit Organisasi tempat unit ini berada (dirinya sendiri bila mandiri)."
        )
    )
    def get_unit_organisasi(self, unit) -> str | None:
        return self.context.get("unit_organisasi")


# --- staff ---------------------------------------------------------------------------------------


class PegawaiSerializer(serializers.ModelSerializer):
    jabatan = serializers.SlugRelatedField(
        slug_field="nama", read_only=True, allow_null=True, help_text="Nama jabatan saat ini."
    )
    jenis_jabatan = serializers.SerializerMethodField()
    jenjang = serializers.SerializerMethodField()
    unit = serializers.SlugRelatedField(
        slug_field="kode",
        read_only=True,
        allow_null=True,
        help_text="Kode unit saat ini; null bila tidak berkedudukan.",
    )
    unit_nama = serializers.SerializerMethodField()

    class Meta:
        model = Pegawai
        fields = [
            "nip",
            "nip_tampil",
            "nama",
            "jenis_asn",
            "golongan",
            "jabatan",
            "jenis_jabatan",
            "jenjang",
            "unit",
            "unit_nama",
            "aktif",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=JenisJabatan.choices, allow_null=True))
    def get_jenis_jabatan(self, p) -> str | None:
        return p.jabatan.jenis if p.jabatan_id else None

    @extend_schema_field(serializers.ChoiceField(choices=Jenjang.choices, allow_null=True))
    def get_jenjang(self, p) -> str | None:
        return (p.jabatan.jenjang or None) if p.jabatan_id else None

    def get_unit_nama(self, p) -> str | None:
        return p.unit.nama if p.unit_id else None


# The columns and the answer of PegawaiSerializer from `values()`, for the staff list (no model instances:
# building three per row cost more than the query); a test holds the two answers equal.
KOLOM_PEGAWAI = (
    "nip",
    "nama",
    "jenis_asn",
    "golongan",
    "jabatan__nama",
    "jabatan__jenis",
    "jabatan__jenjang",
    "unit__kode",
    "unit__nama",
    "aktif",
)


def pegawai_json(b: dict) -> dict:
    return {
        "nip": b["nip"],
        "nip_tampil": nip_mod.tampilkan(b["nip"]),
        "nama": b["nama"],
        "jenis_asn": b["jenis_asn"],
        "golongan": b["golongan"],
        "jabatan": b["jabatan__nama"],
        "jenis_jabatan": b["jabatan__jenis"],
        "jenjang": b["jabatan__jenjang"] or None,
        "unit": b["unit__kode"],
        "unit_nama": b["unit__nama"],
        "aktif": b["aktif"],
    }


# --- the caller ----------------------------------------------------------------------------------


class PeranUnitSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Kode unit.")
    nama = serializers.CharField()
    sebagai = serializers.ChoiceField(choices=SEBAGAI, help_text="definitif, plt, plh atau delegasi.")
    unit_organisasi = serializers.BooleanField(help_text="Unit itu Unit Organisasi mandiri.")


PERAN = ["admin_organisasi", "klien_api", "pimpinan", "ppk", "pegawai"]


class SayaSerializer(serializers.Serializer):
    username = serializers.CharField()
    pegawai = PegawaiSerializer(allow_null=True)
    peran = serializers.ListField(
        child=serializers.ChoiceField(choices=PERAN),
        help_text=(
            "pimpinan: memimpin sebuah Unit Organisasi hari ini; ppk: memegang kewenangan PPK sebuah unit hari ini."
        ),
    )
    memimpin = PeranUnitSerializer(many=True, help_text="Unit yang dipimpin hari ini (definitif, Plt atau Plh).")
    kewenangan_ppk = PeranUnitSerializer(many=True, help_text="Unit yang kewenangan PPK-nya dipegang hari ini.")


# --- token ---------------------------------------------------------------------------------------


class TeksBebasField(serializers.CharField):
    """Any text, NUL included: a credential that cannot exist is a failed sign-in, not a 400."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class CakupanField(serializers.ChoiceField):
    """One token scope, of those the apps registered (`sistemkerja.registry`)."""

    def __init__(self, **kwargs):
        super().__init__(choices=registry.daftar_cakupan(), **kwargs)


def cakupan_baca() -> list[str]:
    """A token obtained by password reads; acting on the account's behalf must be asked for."""
    return [kode for kode, _ in registry.daftar_cakupan() if kode.endswith(":baca")]


class TokenMasukSerializer(serializers.Serializer):
    username = TeksBebasField(write_only=True, help_text="NIP (spasi boleh) atau nama pengguna.")
    password = TeksBebasField(write_only=True, trim_whitespace=False, style={"input_type": "password"})
    nama = serializers.CharField(
        write_only=True, required=False, max_length=100, help_text="Keperluan token (bawaan: Token pribadi)."
    )
    cakupan = serializers.ListField(
        child=CakupanField(),
        required=False,
        allow_empty=False,
        write_only=True,
        help_text="Cakupan yang diminta (bawaan: semua cakupan baca).",
    )

    def validate(self, attrs):
        username = attrs["username"].strip()
        if nip_mod.bersihkan(username).isdigit():
            username = nip_mod.bersihkan(username)
        # No account holds a NUL or a name longer than an account's (PostgreSQL refuses the one in a query,
        # the lockout's log the other): such a credential is a failed sign-in without looking anything up.
        mustahil = "\x00" in username + attrs["password"] or len(username) > PANJANG_USERNAME
        user = (
            None
            if mustahil
            else authenticate(request=self.context.get("request"), username=username, password=attrs["password"])
        )
        if user is None:
            raise exceptions.AuthenticationFailed("NIP/nama pengguna atau kata sandi salah, atau akun tidak aktif.")
        return {
            "user": user,
            "nama": attrs.get("nama") or "Token pribadi",
            "cakupan": attrs.get("cakupan") or cakupan_baca(),
        }


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Kunci token; hanya ditampilkan sekali ini, tidak disimpan.")
    awalan = serializers.CharField(help_text="Awalan kunci, untuk mengenali token di daftar dan log.")
    cakupan = serializers.ListField(child=CakupanField())
    kedaluwarsa = serializers.DateTimeField(allow_null=True)
