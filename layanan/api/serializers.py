"""Layanan API shapes (API.md, Layanan).

Serializers only translate: a unit's kode and a scheme's kode become objects, everything else goes to the
services as sent, and the services check it and name their errors by field (`komponen.biaya`,
`[3].jawaban.U2`). Components are answered as their stored text (Markdown with line breaks kept).
"""

from django.urls import NoReverseMatch, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.api.serializers import (
    BenarMentah,
    BulatMentah,
    KodeUnitField,
    Mentah,
    RiwayatKinerjaSerializer,
    TeksMentah,
)
from sistemkerja.masukan import bentuk_kode, tampil

from ..choices import KOMPONEN, JenisKelamin, JenisPengaduan, Pekerjaan, Pendidikan
from ..models import SkemaSurvei
from ..services import tampil_kode, tampil_lacak

# --- input: values passed through (Mentah, TeksMentah and BulatMentah are kinerja's) ---------------------


class KomponenSerializer(serializers.Serializer):
    """The 14 components of a standar pelayanan (seed 001; PermenPANRB 15/2014)."""

    def get_fields(self):
        return {k: serializers.CharField(label=label, required=False, allow_blank=True) for k, label in KOMPONEN}


@extend_schema_field(KomponenSerializer)
class KomponenMentah(Mentah):
    pass


# --- input: identifiers looked up -------------------------------------------------------------------------


class KodeSkemaField(serializers.Field):
    """A survey scheme by its kode (the service checks that it is the instansi's or a shipped one)."""

    default_error_messages = {"tidak_ada": "Skema survei {kode} tidak dikenal."}

    def to_internal_value(self, data):
        kode = bentuk_kode(data)
        skema = SkemaSurvei.objects.filter(kode=kode).first() if kode else None
        if skema is None:
            self.fail("tidak_ada", kode=tampil(data, 32, buang_kendali=True))
        return skema

    def to_representation(self, value):
        return value.kode


extend_schema_field(OpenApiTypes.STR)(KodeSkemaField)


# --- input: bodies ----------------------------------------------------------------------------------------


class LayananBuatSerializer(serializers.Serializer):
    kode = TeksMentah(
        required=True,
        allow_null=False,
        default=serializers.empty,
        help_text="2–64 karakter: huruf kecil, angka, - dan _; tetap (dipakai di alamat halaman publik).",
    )
    nama = TeksMentah(required=True, allow_null=False, default=serializers.empty)
    unit = KodeUnitField(help_text="Kode unit penyelenggara.")
    komponen = KomponenMentah(help_text="Ke-14 komponen (boleh sebagian selama draf; semua wajib saat diterbitkan).")
    skema = KodeSkemaField(
        required=False, allow_null=True, default=None, help_text="Kode skema survei (bawaan `skm2017`)."
    )
    tenggat_pengaduan_hari = BulatMentah(help_text="Hari untuk menanggapi pengaduan atas layanan ini (bawaan 14).")
    jangka_waktu_hari = BulatMentah(
        help_text="Jangka waktu penyelesaian dalam hari (1–365) untuk menghitung tenggat permohonan (konsultasi); "
        "null bila 'sesuai kebutuhan'."
    )


class VersiBuatSerializer(serializers.Serializer):
    komponen = KomponenMentah(help_text="Komponen yang berubah; yang tidak disebut disalin dari versi terakhir.")
    catatan = TeksMentah(help_text="Catatan perubahan.")
    tenggat_pengaduan_hari = BulatMentah()
    jangka_waktu_hari = BulatMentah(
        default=serializers.empty,
        help_text="Hari (1–365); null: 'sesuai kebutuhan'. Tidak dikirim: tetap (versi baru: disalin dari versi "
        "terakhir).",
    )


class VersiUbahSerializer(VersiBuatSerializer):
    pass


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 4},
        "description": 'Nilai per unsur, mis. `{"U1": 4, "U2": 3}`; unsur yang tidak disebut berarti tidak dijawab.',
    }
)
class JawabanMentah(Mentah):
    pass


class RespondenMasukSerializer(serializers.Serializer):
    """One questionnaire (paper form, kiosk): its date, answers and the optional profile; no identity."""

    tanggal = serializers.DateField(help_text="Tanggal pengisian; 1 Januari 2000 sampai hari ini.")
    jawaban = JawabanMentah(required=True, allow_null=False, default=serializers.empty)
    jenis_kelamin = serializers.ChoiceField(JenisKelamin.choices, required=False)
    usia = serializers.IntegerField(min_value=10, max_value=120, required=False, help_text="Tahun.")
    pendidikan = serializers.ChoiceField(Pendidikan.choices, required=False)
    pekerjaan = serializers.ChoiceField(Pekerjaan.choices, required=False)
    skema = serializers.CharField(required=False, help_text="Kode skema baris ini (bawaan: skema layanan).")


class KodeSurveiMasukSerializer(serializers.Serializer):
    jumlah = BulatMentah(help_text="Banyak kode, 1–500 (bawaan 1).")
    hari = BulatMentah(help_text="Masa berlaku dalam hari, 1–365 (bawaan 30).")


@extend_schema_field({"type": "string", "enum": JenisPengaduan.values})
class JenisPengaduanMentah(Mentah):
    pass


class PengaduanMasukSerializer(serializers.Serializer):
    isi = TeksMentah(required=True, allow_null=False, default=serializers.empty, help_text="Isi pengaduan atau saran.")
    layanan = TeksMentah(help_text="Kode layanan yang diadukan (opsional).")
    nama = TeksMentah(help_text="Opsional.")
    kontak = TeksMentah(help_text="Surel atau telepon (opsional); tanggapan yang terbit dikabarkan ke surel.")
    jenis = JenisPengaduanMentah(default=JenisPengaduan.PENGADUAN, help_text="Bawaan `pengaduan`.")
    instansi = TeksMentah(help_text="Kode instansi yang dituju, bila tidak menyebut layanan.")
    lampiran = serializers.FileField(
        required=False, allow_null=True, default=None, help_text="Foto (PNG/JPG) atau PDF, paling besar 5 MB."
    )


class ProsesMasukSerializer(serializers.Serializer):
    unit = KodeUnitField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Unit yang menangani (wajib bila pengaduan belum punya unit; unit lain hanya oleh Bagian "
        "Organisasi).",
    )
    catatan = TeksMentah()


class TugaskanMasukSerializer(serializers.Serializer):
    unit = KodeUnitField(help_text="Kode unit tujuan, instansi yang sama.")
    catatan = TeksMentah()


class TanggapanMasukSerializer(serializers.Serializer):
    isi = TeksMentah(required=True, allow_null=False, default=serializers.empty)


class CatatanTutupSerializer(serializers.Serializer):
    catatan = TeksMentah(help_text="Wajib bila menutup tanpa tanggapan yang terbit.")


# --- output -----------------------------------------------------------------------------------------------


class UnitRingkasSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()


class InstansiSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()


class KomponenField(serializers.Field):
    """A version's 14 components as {key: text}."""

    def to_representation(self, versi):
        return versi.komponen()


extend_schema_field(KomponenSerializer)(KomponenField)


class VersiSerializer(serializers.Serializer):
    versi = serializers.IntegerField(source="nomor")
    status = serializers.CharField(help_text="`draf`, `berlaku`, `diganti` atau `dilewati`.")
    berlaku_sejak = serializers.DateTimeField(allow_null=True)
    berlaku_sampai = serializers.DateTimeField(allow_null=True)
    tenggat_pengaduan_hari = serializers.IntegerField()
    jangka_waktu_hari = serializers.IntegerField(
        allow_null=True, help_text="Jangka waktu penyelesaian dalam hari; null bila 'sesuai kebutuhan'."
    )
    catatan = serializers.CharField(source="catatan_perubahan")
    disusun_oleh = serializers.CharField(source="disusun_oleh.nip", allow_null=True, default=None)
    diterbitkan_oleh = serializers.CharField(source="diterbitkan_oleh.nip", allow_null=True, default=None)
    dibuat = serializers.DateTimeField()
    komponen = KomponenField(source="*")


class LayananRingkasSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    unit = UnitRingkasSerializer()
    instansi = serializers.CharField(source="unit.instansi.kode", help_text="Kode instansi.")
    skema = serializers.CharField(source="skema_survei.kode", help_text="Skema survei kepuasan.")
    aktif = serializers.BooleanField()
    status = serializers.SerializerMethodField(
        help_text="`berlaku` bila ada standar yang berlaku, `draf` bila belum pernah diterbitkan."
    )
    versi_berlaku = serializers.IntegerField(source="versi_berlaku.nomor", allow_null=True, default=None)
    berlaku_sejak = serializers.DateTimeField(source="versi_berlaku.berlaku_sejak", allow_null=True, default=None)

    def get_status(self, layanan) -> str:
        return "berlaku" if layanan.versi_berlaku_id else "draf"


class LayananSerializer(LayananRingkasSerializer):
    menerima_konsultasi = serializers.BooleanField(
        help_text="Penilaian konsultasi perangkat daerah masuk ke survei layanan ini (satu per instansi)."
    )
    versi = serializers.SerializerMethodField(
        help_text="Semua versi, terbaru dahulu; draf hanya bagi pengelola layanan ini."
    )

    @extend_schema_field(VersiSerializer(many=True))
    def get_versi(self, layanan):
        terlihat = self.context.get("draf_terlihat", False)
        versi = [v for v in layanan.versi.all() if terlihat or v.berlaku_sejak is not None]
        return VersiSerializer(versi, many=True).data


class RespondenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tanggal = serializers.DateField()
    skema = serializers.CharField(source="skema.kode")
    sumber = serializers.CharField(help_text="`daring`, `kertas`, `impor` atau `konsultasi`.")
    jenis_kelamin = serializers.CharField(allow_null=True)
    usia = serializers.IntegerField(allow_null=True)
    pendidikan = serializers.CharField(allow_null=True)
    pekerjaan = serializers.CharField(allow_null=True)
    jawaban = serializers.SerializerMethodField(help_text='{"U1": 4, …}; unsur yang tidak dijawab tidak ada.')

    def to_representation(self, r):
        data = super().to_representation(r)
        for kolom in ("jenis_kelamin", "pendidikan", "pekerjaan"):
            data[kolom] = data[kolom] or None
        return data

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "integer"}})
    def get_jawaban(self, r):
        return {j.unsur.kode: j.nilai for j in sorted(r.jawaban.all(), key=lambda j: j.unsur.urutan)}


class RespondenTercatatSerializer(serializers.Serializer):
    jumlah = serializers.IntegerField(help_text="Banyak responden yang tercatat.")
    id = serializers.ListField(child=serializers.IntegerField(), help_text="Id responden, urut baris kiriman.")


class KodeSurveiSatuSerializer(serializers.Serializer):
    kode = serializers.CharField(help_text="Kode sekali pakai, mis. `ABCD-EFGH`.")
    tautan = serializers.CharField(allow_null=True, help_text="Alamat halaman survei dengan kode ini (untuk QR).")


class KodeSurveiSerializer(serializers.Serializer):
    layanan = serializers.CharField()
    berlaku_sampai = serializers.DateTimeField()
    kode = KodeSurveiSatuSerializer(many=True)


def kode_survei_data(request, layanan, kode: list) -> dict:
    try:
        halaman = request.build_absolute_uri(reverse("layanan:survei", args=[layanan.kode]))
    except NoReverseMatch:  # the public pages are not mounted
        halaman = None
    return {
        "layanan": layanan.kode,
        "berlaku_sampai": kode[0].berlaku_sampai,
        "kode": [
            {"kode": tampil_kode(k.kode), "tautan": f"{halaman}?kode={tampil_kode(k.kode)}" if halaman else None}
            for k in kode
        ],
    }


class UnsurIkmSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    jumlah_nilai = serializers.IntegerField(help_text="Jumlah nilai jawaban unsur ini.")
    jumlah_jawaban = serializers.IntegerField(help_text="Banyak responden yang menjawab unsur ini.")
    nrr = serializers.CharField(allow_null=True, help_text="Nilai rata-rata, 4 desimal; null bila tak dijawab.")


class IkmSerializer(serializers.Serializer):
    skema = serializers.CharField()
    responden = serializers.IntegerField()
    unsur = UnsurIkmSerializer(many=True)
    ikm = serializers.CharField(allow_null=True, help_text="Indeks, 2 desimal (string); null tanpa jawaban.")
    mutu = serializers.CharField(allow_null=True, help_text="`A`–`D`; null tanpa jawaban.")
    kinerja = serializers.CharField(
        allow_null=True, help_text="`Sangat Baik`, `Baik`, `Kurang Baik` atau `Tidak Baik`; null tanpa jawaban."
    )


# --- complaints (staff) -----------------------------------------------------------------------------------


class KodeLacakField(serializers.Field):
    def to_representation(self, kode):
        return tampil_lacak(kode)


extend_schema_field(OpenApiTypes.STR)(KodeLacakField)


class TanggapanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pengaduan = serializers.IntegerField(source="pengaduan_id")
    isi = serializers.CharField()
    oleh = serializers.CharField(source="oleh.nip")
    dibuat = serializers.DateTimeField()
    diterbitkan = serializers.DateTimeField(allow_null=True, help_text="Null: belum tampil bagi publik.")
    diterbitkan_oleh = serializers.CharField(source="diterbitkan_oleh.nip", allow_null=True, default=None)


class RiwayatLayananSerializer(RiwayatKinerjaSerializer):
    pass  # a history row reads as kinerja's; its own name in the schema


class PengaduanRingkasSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode_lacak = KodeLacakField()
    jenis = serializers.CharField(help_text="`pengaduan` atau `saran`.")
    status = serializers.CharField(help_text="`diterima`, `diproses` atau `selesai`.")
    instansi = serializers.CharField(source="instansi.kode")
    layanan = serializers.CharField(source="layanan.kode", allow_null=True, default=None)
    unit = serializers.CharField(source="unit.kode", allow_null=True, default=None, help_text="Unit penanggung jawab.")
    isi = serializers.CharField()
    nama = serializers.CharField()
    kontak = serializers.CharField()
    lampiran = serializers.SerializerMethodField(help_text="Alamat halaman lampiran bagi petugas; null tanpa lampiran.")
    diterima = serializers.DateTimeField()
    diproses = serializers.DateTimeField(allow_null=True)
    selesai = serializers.DateTimeField(allow_null=True)
    tenggat = serializers.DateField()
    terlambat = serializers.BooleanField(help_text="Lewat tenggat tanpa selesai, atau selesai setelahnya.")

    def get_lampiran(self, p) -> str | None:
        if not p.lampiran:
            return None
        try:
            return reverse("layanan:pengaduan_lampiran", args=[p.pk])
        except NoReverseMatch:  # the staff pages are not mounted
            return None


class PengaduanSerializer(PengaduanRingkasSerializer):
    tanggapan = TanggapanSerializer(many=True, help_text="Semua tanggapan, terbit atau belum.")
    riwayat = RiwayatLayananSerializer(many=True)


# --- public -----------------------------------------------------------------------------------------------


class LayananPublikSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    unit = UnitRingkasSerializer()
    instansi = InstansiSerializer(source="unit.instansi")
    versi = serializers.IntegerField(source="versi_berlaku.nomor", help_text="Nomor versi standar yang berlaku.")
    berlaku_sejak = serializers.DateTimeField(source="versi_berlaku.berlaku_sejak")
    komponen = KomponenField(source="versi_berlaku")


class VersiTerbitSerializer(serializers.Serializer):
    versi = serializers.IntegerField(source="nomor")
    status = serializers.CharField(help_text="`berlaku` atau `diganti`.")
    berlaku_sejak = serializers.DateTimeField()
    berlaku_sampai = serializers.DateTimeField(allow_null=True)


class LayananPublikDetailSerializer(LayananPublikSerializer):
    tenggat_pengaduan_hari = serializers.IntegerField(source="versi_berlaku.tenggat_pengaduan_hari")
    skema = serializers.CharField(source="skema_survei.kode", help_text="Skema survei kepuasan layanan ini.")
    versi_terbit = serializers.SerializerMethodField(help_text="Semua versi yang pernah diterbitkan, terbaru dahulu.")

    @extend_schema_field(VersiTerbitSerializer(many=True))
    def get_versi_terbit(self, layanan):
        return VersiTerbitSerializer(self.context["versi_terbit"], many=True).data


class VersiPublikSerializer(serializers.Serializer):
    kode = serializers.CharField(source="layanan.kode")
    nama = serializers.CharField(source="layanan.nama")
    unit = UnitRingkasSerializer(source="layanan.unit")
    instansi = InstansiSerializer(source="layanan.unit.instansi")
    versi = serializers.IntegerField(source="nomor")
    status = serializers.CharField(help_text="`berlaku` atau `diganti`.")
    berlaku_sejak = serializers.DateTimeField()
    berlaku_sampai = serializers.DateTimeField(allow_null=True, help_text="Null selama masih berlaku.")
    tenggat_pengaduan_hari = serializers.IntegerField()
    komponen = KomponenField(source="*")


class KodeLacakSerializer(serializers.Serializer):
    kode_lacak = serializers.CharField(help_text="Kode lacak, mis. `ABCD-EFGH-JKMN`; simpan untuk memantau.")


class TanggapanPublikSerializer(serializers.Serializer):
    isi = serializers.CharField()
    diterbitkan = serializers.DateTimeField()


class LacakSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="`diterima`, `diproses` atau `selesai`.")
    diterima = serializers.DateTimeField()
    diproses = serializers.DateTimeField(allow_null=True)
    selesai = serializers.DateTimeField(allow_null=True)
    tenggat = serializers.DateField(help_text="Batas waktu tanggapan menurut standar pelayanan.")
    tanggapan = TanggapanPublikSerializer(many=True, source="tanggapan_terbit", help_text="Tanggapan yang terbit.")


# --- standards: the consultation's jangka waktu and the service taking its ratings (issue 18) ---------------


class LayananUbahSerializer(serializers.Serializer):
    nama = TeksMentah(required=False, default=serializers.empty)
    skema = KodeSkemaField(required=False, help_text="Kode skema survei.")
    aktif = BenarMentah(required=False, default=serializers.empty, help_text="false: ditarik dari katalog.")
    menerima_konsultasi = BenarMentah(
        required=False,
        default=serializers.empty,
        help_text="Penilaian konsultasi perangkat daerah masuk ke survei layanan ini: satu layanan per instansi, "
        "milik unit Bagian Organisasi (atau di bawahnya).",
    )

    def validate_aktif(self, nilai):
        if nilai is not None and not isinstance(nilai, bool):
            raise serializers.ValidationError("Harus true atau false.")
        return nilai
