"""Consultation API shapes (API.md *Layanan*, `/api/v1/konsultasi/`): bodies handed to the services as sent
(they check them and name their errors by field), and the consultation as answered, with its step, files and
history."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.api.serializers import BulatMentah, Mentah, TeksMentah

from ..choices import JenisKonsultasi, StatusKonsultasi
from .serializers import JawabanMentah, RiwayatLayananSerializer


def _berkas(apa: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text=f"{apa} (multipart, `lampiran` berulang): PDF, PNG atau JPEG, paling banyak 5 berkas @10 MB.",
    )


@extend_schema_field({"type": "string", "enum": JenisKonsultasi.values})
class JenisKonsultasiMentah(Mentah):
    pass


@extend_schema_field(OpenApiTypes.DATETIME)
class WaktuMentah(Mentah):
    pass


# An optional date: empty (a form's or multipart's empty field) means none given.
@extend_schema_field({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]})
class TanggalAtauKosong(Mentah):
    pass


class KonsultasiMasukSerializer(serializers.Serializer):
    jenis = JenisKonsultasiMentah(required=True, allow_null=False, default=serializers.empty)
    uraian = TeksMentah(
        required=True, allow_null=False, default=serializers.empty, help_text="Apa yang dikonsultasikan."
    )
    dibutuhkan = TanggalAtauKosong(
        help_text="Tanggal hasil dibutuhkan (hari ini sampai setahun ke depan); menjadi tenggat. Tanpa ini: "
        "jangka waktu standar layanan konsultasi, atau 14 hari."
    )
    lampiran = _berkas("Berkas permohonan")


class DisposisiMasukSerializer(serializers.Serializer):
    penangan = TeksMentah(
        required=True, allow_null=False, default=serializers.empty, help_text="NIP pegawai Bagian Organisasi."
    )
    catatan = TeksMentah(help_text="Arahan disposisi.")


class JadwalkanMasukSerializer(serializers.Serializer):
    waktu = WaktuMentah(
        required=True, allow_null=False, default=serializers.empty, help_text="Mis. 2027-03-15T09:00+07:00."
    )
    tempat = TeksMentah(required=True, allow_null=False, default=serializers.empty)


class JawabMasukSerializer(serializers.Serializer):
    jawaban = TeksMentah(required=True, allow_null=False, default=serializers.empty)
    lampiran = _berkas("Dokumen hasil")


class TutupMasukSerializer(serializers.Serializer):
    nilai = BulatMentah(help_text="Penilaian 1–4 (opsional); masuk ke survei layanan konsultasi instansi.")
    catatan = TeksMentah()
    jawaban = JawabanMentah(help_text='Penilaian per unsur kuesioner layanan konsultasi, mis. {"U1": 4}.')


class LampiranMasukSerializer(serializers.Serializer):
    berkas = serializers.FileField(help_text="PDF, PNG atau JPEG, paling besar 10 MB.")


@extend_schema_field({"type": "string", "enum": JenisKonsultasi.values})
class JenisKonsultasiField(serializers.CharField):
    pass


@extend_schema_field({"type": "string", "enum": StatusKonsultasi.values})
class StatusKonsultasiField(serializers.CharField):
    pass


@extend_schema_field({"type": "string", "enum": ["disposisi", "jawab", "tutup"]})
class NamaLangkahField(serializers.CharField):
    pass


class LangkahKonsultasiSerializer(serializers.Serializer):
    nama = NamaLangkahField()
    pelaku = serializers.ListField(child=serializers.CharField(), help_text="NIP yang melakukan langkah ini.")


class LampiranKonsultasiSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tahap = serializers.CharField(help_text="`permohonan` (dari pemohon) atau `hasil` (dari penangan).")
    nama = serializers.CharField()
    ukuran = serializers.IntegerField(help_text="Bita.")
    diunggah_oleh = serializers.CharField(source="diunggah_oleh.nip")
    dibuat = serializers.DateTimeField()
    unduh = serializers.SerializerMethodField(help_text="Alamat unduhan (bagi yang dapat melihat konsultasinya).")

    def get_unduh(self, lamp) -> str:
        return reverse("api-konsultasi-lampiran-unduh", args=[lamp.konsultasi_id, lamp.pk])


class KonsultasiSerializer(serializers.Serializer):
    # `langkah` takes the Bagian's head of the day per instansi from the context (`kepala`: {instansi id:
    # Pejabat or None}), computed once per answer, not per row

    id = serializers.IntegerField()
    jenis = JenisKonsultasiField()
    status = StatusKonsultasiField()
    instansi = serializers.CharField(source="instansi.kode")
    pemohon = serializers.CharField(source="pemohon.nip")
    unit_pemohon = serializers.CharField(source="unit_pemohon.kode")
    perangkat_daerah = serializers.CharField(source="perangkat_daerah.kode", help_text="Perangkat daerah pemohon.")
    penangan = serializers.CharField(source="penangan.nip", allow_null=True, default=None)
    pendisposisi = serializers.CharField(source="pendisposisi.nip", allow_null=True, default=None)
    langkah = serializers.SerializerMethodField(help_text="Langkah yang ditunggu; null setelah `selesai`.")
    uraian = serializers.CharField()
    dibutuhkan = serializers.DateField(allow_null=True)
    tenggat = serializers.DateField(help_text="Batas jawaban.")
    terlambat = serializers.BooleanField(help_text="Belum dijawab lewat tenggat, atau dijawab setelahnya.")
    diajukan = serializers.DateTimeField()
    didisposisi = serializers.DateTimeField(allow_null=True)
    catatan_disposisi = serializers.CharField()
    waktu = serializers.DateTimeField(source="waktu_pertemuan", allow_null=True, help_text="Waktu pertemuan.")
    tempat = serializers.CharField(source="tempat_pertemuan", help_text="Tempat pertemuan.")
    jawaban = serializers.CharField()
    dijawab = serializers.DateTimeField(allow_null=True)
    nilai = serializers.IntegerField(allow_null=True, help_text="Penilaian pemohon 1–4.")
    catatan_penilaian = serializers.CharField()
    selesai = serializers.DateTimeField(allow_null=True)
    lampiran = LampiranKonsultasiSerializer(many=True)
    riwayat = RiwayatLayananSerializer(many=True)

    @extend_schema_field(LangkahKonsultasiSerializer(allow_null=True))
    def get_langkah(self, k):
        from ..konsultasi_baca import langkah

        peta = self.context.get("kepala", {})
        if k.status == StatusKonsultasi.DIAJUKAN and k.instansi_id in peta:
            kepala = peta[k.instansi_id]
            return {"nama": "disposisi", "pelaku": [kepala.pegawai.nip] if kepala else []}
        return langkah(k)
