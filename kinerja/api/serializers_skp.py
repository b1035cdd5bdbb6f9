"""SKP and appraisal API shapes (API.md, Kinerja, second table).

As for the work mechanism (`serializers.py`), input serializers only document and hand over: the values go to
the services as sent, and the services check them and name their errors by path
(`hasil_kerja[0].indikator[1].aspek`, `perilaku.jujur`). Answers give people by NIP, units by kode, numbers
as decimal strings (targets "4.00", angka kredit "18.750").
"""

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sistemkerja.masukan import bentuk_id

from .. import penilaian
from ..choices import (
    Aspek,
    JenisHasilKerja,
    JenisPengembangan,
    JenisTindakLanjut,
    NilaiBerakhlak,
    Pendekatan,
    Perspektif,
    Predikat,
    PredikatOrganisasi,
    Rating,
)
from .serializers import ANGKA, BenarMentah, BulatMentah, Mentah, PemilikSerializer, TanggalMentah, TeksMentah

AK = {"max_digits": 12, "decimal_places": 3, "read_only": True}
NIP = {"help_text": "NIP."}
RATING = "`di_bawah`, `sesuai` atau `di_atas` (ekspektasi)."
PREDIKAT = "`sangat_baik`, `baik`, `butuh_perbaikan`, `kurang` atau `sangat_kurang`."
PREDIKAT_ORGANISASI = "`istimewa`, `baik`, `butuh_perbaikan`, `kurang` atau `sangat_kurang`."


def pilihan_mentah(choices, nama: str):
    """A raw field documented as one of `choices` (the service checks the value and names the field). Wrapped in
    `oneOf` so that the schema's enum naming leaves it inline (two fields with one choice set, `rating_hasil` and
    `rating_perilaku`, would otherwise need a shared name in the settings)."""
    kelas = type(nama, (Mentah,), {})
    return extend_schema_field({"oneOf": [{"type": "string", "enum": list(choices.values)}], "nullable": True})(kelas)


RatingMentah = pilihan_mentah(Rating, "RatingMentah")
JenisPengembanganMentah = pilihan_mentah(JenisPengembangan, "JenisPengembanganMentah")
JenisTindakLanjutMentah = pilihan_mentah(JenisTindakLanjut, "JenisTindakLanjutMentah")
PredikatOrganisasiMentah = pilihan_mentah(PredikatOrganisasi, "PredikatOrganisasiMentah")
AspekMentah = pilihan_mentah(Aspek, "AspekMentah")
JenisHasilKerjaMentah = pilihan_mentah(JenisHasilKerja, "JenisHasilKerjaMentah")
PerspektifMentah = pilihan_mentah(Perspektif, "PerspektifMentah")
PendekatanMentah = pilihan_mentah(Pendekatan, "PendekatanMentah")


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}], "nullable": True})
class IdAtauTeksMentah(Mentah):
    pass


# --- input: bodies ----------------------------------------------------------------------------------------


class IndikatorSkpMasukSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    aspek = AspekMentah(required=True, allow_null=False, default=serializers.empty)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    satuan = serializers.CharField(max_length=60)


class HasilKerjaMasukSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    jenis = JenisHasilKerjaMentah(help_text="Bawaan `utama`.")
    intervensi = IdAtauTeksMentah(
        help_text="Id hasil kerja dalam SKP PPK (dicari lebih dulu) atau id target; atau `target:12` / "
        "`hasil_kerja:7`. Wajib untuk hasil kerja utama; SKP JPT menurunkan target perjanjian kinerja."
    )
    perspektif = PerspektifMentah(help_text="Wajib untuk SKP JPT.")
    pendekatan = PendekatanMentah(help_text="Bawaan `kuantitatif`.")
    indikator = IndikatorSkpMasukSerializer(many=True)


class HasilKerjaUbahSerializer(HasilKerjaMasukSerializer):
    id = serializers.IntegerField(required=False, help_text="Id hasil kerja yang dipertahankan (tanpa id: baru).")


@extend_schema_field(HasilKerjaMasukSerializer(many=True))
class HasilKerjaMentah(Mentah):
    pass


@extend_schema_field(HasilKerjaUbahSerializer(many=True))
class HasilKerjaUbahMentah(Mentah):
    pass


class PerilakuSerializer(serializers.Serializer):
    """{nilai inti BerAKHLAK: ekspektasi khusus pimpinan}."""

    berorientasi_pelayanan = serializers.CharField(required=False, allow_blank=True)
    akuntabel = serializers.CharField(required=False, allow_blank=True)
    kompeten = serializers.CharField(required=False, allow_blank=True)
    harmonis = serializers.CharField(required=False, allow_blank=True)
    loyal = serializers.CharField(required=False, allow_blank=True)
    adaptif = serializers.CharField(required=False, allow_blank=True)
    kolaboratif = serializers.CharField(required=False, allow_blank=True)


@extend_schema_field(PerilakuSerializer(allow_null=True))
class PerilakuMentah(Mentah):
    pass


class LampiranSerializer(serializers.Serializer):
    sumber_daya = serializers.CharField(required=False, allow_blank=True, help_text="Dukungan sumber daya.")
    skema = serializers.CharField(required=False, allow_blank=True, help_text="Skema pertanggungjawaban.")
    konsekuensi = serializers.CharField(required=False, allow_blank=True)


@extend_schema_field(LampiranSerializer(allow_null=True))
class LampiranMentah(Mentah):
    pass


class SkpBuatSerializer(serializers.Serializer):
    tahun = BulatMentah(help_text="Tahun berjalan atau tahun sebelumnya.")
    hasil_kerja = HasilKerjaMentah()
    perilaku = PerilakuMentah(help_text="Kunci: tujuh nilai BerAKHLAK; nilai: ekspektasi khusus pimpinan.")
    lampiran = LampiranMentah(help_text="Lampiran SKP: sumber daya, skema pertanggungjawaban, konsekuensi.")


class SkpUbahSerializer(serializers.Serializer):
    hasil_kerja = HasilKerjaUbahMentah()
    perilaku = PerilakuMentah(help_text="Kunci: tujuh nilai BerAKHLAK; nilai: ekspektasi khusus pimpinan.")
    lampiran = LampiranMentah(help_text="Lampiran SKP: sumber daya, skema pertanggungjawaban, konsekuensi.")

    def validate(self, attrs):
        # the service reads a malformed `id` as "no id" (a new result); refused here instead (see the report)
        galat = {}
        for i, h in enumerate(attrs["hasil_kerja"] if isinstance(attrs.get("hasil_kerja"), list) else []):
            if isinstance(h, dict) and h.get("id") not in (None, "") and bentuk_id(h["id"]) is None:
                galat[f"hasil_kerja[{i}].id"] = ["Harus id hasil kerja SKP ini (bilangan bulat), atau tidak diisi."]
        if galat:
            raise serializers.ValidationError(galat)
        return attrs


class CatatanKembaliSerializer(serializers.Serializer):
    catatan = TeksMentah(help_text="Wajib: apa yang perlu diperbaiki.")


class EvaluasiMasukSerializer(serializers.Serializer):
    periode = TeksMentah(help_text="`2027-01`…`2027-12`, `2027-T1`…`2027-T4`, atau tahun `2027`; sudah dimulai.")
    rating_hasil = RatingMentah()
    rating_perilaku = RatingMentah()
    catatan = TeksMentah()


class NilaiUlangSerializer(serializers.Serializer):
    rating_hasil = RatingMentah()
    rating_perilaku = RatingMentah()
    catatan = TeksMentah(help_text="Tidak dikirim: catatan tetap.")


class AlasanSerializer(serializers.Serializer):
    alasan = TeksMentah()


class PutusanSerializer(serializers.Serializer):
    diterima = BenarMentah(help_text="`true` atau `false`.")
    putusan = TeksMentah(help_text="Alasan putusan (wajib).")
    rating_hasil = RatingMentah(help_text="Bila diterima: rating baru.")
    rating_perilaku = RatingMentah(help_text="Bila diterima: rating baru.")


class TindakLanjutMasukSerializer(serializers.Serializer):
    jenis = JenisTindakLanjutMentah()
    uraian = TeksMentah()
    persen_tpp = BulatMentah(help_text="TPP, % dari pagu (0–200), opsional.")

    def validate(self, attrs):
        # ASCII digits were read as the number they are; other text ("²", "١٢") would reach int() in the service
        n = attrs.get("persen_tpp")
        if isinstance(n, str) and n != "" and not (n.isascii() and n.isdigit()):
            raise serializers.ValidationError({"persen_tpp": ["Bilangan bulat 0–200."]})
        return attrs


def _teks_kosong(attrs: dict, *kolom) -> dict:
    """The optional text fields not sent (or null) as "", as the services take them."""
    for k in kolom:
        if attrs.get(k) is None:
            attrs[k] = ""
    return attrs


class CatatanSkpMasukSerializer(serializers.Serializer):
    uraian = TeksMentah()
    hasil_kerja = BulatMentah(help_text="Id hasil kerja SKP ini (opsional).")
    periode = TeksMentah(help_text="Kode periode tahun SKP (opsional).")
    realisasi = TeksMentah(help_text="Angka realisasi (opsional).")
    bukti = TeksMentah(help_text="Tautan bukti http(s) (opsional).")

    def validate(self, attrs):
        return _teks_kosong(attrs, "periode", "bukti")


class UmpanBalikSkpMasukSerializer(serializers.Serializer):
    isi = TeksMentah()
    hasil_kerja = BulatMentah(help_text="Id hasil kerja SKP ini (opsional).")
    periode = TeksMentah(help_text="Kode periode tahun SKP (opsional).")

    def validate(self, attrs):
        return _teks_kosong(attrs, "periode")


class PengembanganMasukSerializer(serializers.Serializer):
    jenis = JenisPengembanganMentah()
    uraian = TeksMentah()
    rencana_selesai = TanggalMentah(help_text="YYYY-MM-DD (opsional).")


class PredikatOrganisasiMasukSerializer(serializers.Serializer):
    predikat = PredikatOrganisasiMentah()


# --- output --------------------------------------------------------------------------------------------------


def _tautan(nama: str, *args) -> str | None:
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return None


class IndikatorSkpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uraian = serializers.CharField()
    aspek = serializers.CharField()
    target = serializers.DecimalField(**ANGKA)
    satuan = serializers.CharField()


class HasilKerjaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    urutan = serializers.IntegerField()
    uraian = serializers.CharField()
    jenis = serializers.CharField(help_text="`utama` atau `tambahan`.")
    intervensi = serializers.SerializerMethodField(help_text="Id target atau hasil kerja yang diintervensi.")
    intervensi_jenis = serializers.SerializerMethodField(help_text="`target` atau `hasil_kerja` (SKP PPK).")
    intervensi_uraian = serializers.CharField(help_text="Uraian yang diintervensi saat hasil kerja ini ditulis.")
    perspektif = serializers.CharField(help_text="Perspektif (SKP JPT); kosong untuk non-JPT.")
    pendekatan = serializers.CharField()
    indikator = IndikatorSkpSerializer(many=True)

    def get_intervensi(self, hk) -> int | None:
        return hk.intervensi_target_id or hk.intervensi_hasil_id

    @extend_schema_field({"type": "string", "enum": ["target", "hasil_kerja"], "nullable": True})
    def get_intervensi_jenis(self, hk):
        if hk.intervensi_target_id:
            return "target"
        return "hasil_kerja" if hk.intervensi_hasil_id else None


class RekonsiliasiSerializer(serializers.Serializer):
    hasil_kerja = serializers.IntegerField(source="hasil_kerja.pk", help_text="Id hasil kerja SKP ini.")
    keadaan = serializers.CharField(help_text="`berubah`, `hilang` atau `ditutup` (SKP atasan ditutup).")
    semula = serializers.CharField(help_text="Uraian di atas saat hasil kerja ini ditulis.")
    kini = serializers.CharField(help_text="Uraian di atas sekarang (kosong bila hilang).")


class EvaluasiSingkatSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    periode = serializers.CharField()
    jenis = serializers.CharField()
    predikat = serializers.CharField()
    status = serializers.CharField(help_text="`dinilai` atau `ditetapkan`.")


class TandaTanganSerializer(serializers.Serializer):
    peran = serializers.CharField(help_text="`pegawai`, `ppk` atau `atasan_ppk`.")
    nip = serializers.CharField(source="pegawai.nip")
    nama = serializers.CharField(source="pegawai.nama")
    waktu = serializers.DateTimeField(allow_null=True, help_text="Null: belum ditandatangani.")


class DokumenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    jenis = serializers.CharField(help_text="`skp`, `evaluasi` (periodik) atau `dokumen_evaluasi` (tahunan).")
    skp = serializers.IntegerField(source="skp_id")
    evaluasi = serializers.IntegerField(source="evaluasi_id", allow_null=True)
    kode_verifikasi = serializers.CharField()
    berlaku = serializers.BooleanField()
    alasan_cabut = serializers.CharField()
    dibuat = serializers.DateTimeField()
    tanda_tangan = TandaTanganSerializer(many=True)
    lengkap = serializers.SerializerMethodField(help_text="Semua penanda tangan sudah menandatangani.")
    url_verifikasi = serializers.SerializerMethodField(help_text="Halaman verifikasi publik.")
    url_unduh = serializers.SerializerMethodField(help_text="PDF, setelah dibuat; null sebelumnya.")

    def get_lengkap(self, d) -> bool:
        return all(t.waktu is not None for t in d.tanda_tangan.all())

    @extend_schema_field({"type": "string", "nullable": True})
    def get_url_verifikasi(self, d):
        return _tautan("kinerja:dokumen_verifikasi", d.kode_verifikasi)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_url_unduh(self, d):
        return _tautan("kinerja:dokumen_unduh", d.pk) if d.berkas else None


class CatatanSkpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    skp = serializers.IntegerField(source="skp_id")
    hasil_kerja = serializers.IntegerField(source="hasil_kerja_id", allow_null=True)
    periode = serializers.CharField()
    realisasi = serializers.DecimalField(**ANGKA, allow_null=True)
    uraian = serializers.CharField()
    bukti = serializers.CharField(source="bukti_url")
    dibuat = serializers.DateTimeField()


class UmpanBalikSkpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    skp = serializers.IntegerField(source="skp_id")
    hasil_kerja = serializers.IntegerField(source="hasil_kerja_id", allow_null=True)
    periode = serializers.CharField()
    dari = serializers.CharField(source="dari.nip", **NIP)
    sebagai = serializers.CharField(help_text="`ppk`, `ketua` (ketua tim) atau `pegawai`.")
    isi = serializers.CharField()
    dibuat = serializers.DateTimeField()


class PengembanganSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    skp = serializers.IntegerField(source="skp_id")
    jenis = serializers.CharField()
    uraian = serializers.CharField()
    rencana_selesai = serializers.DateField(allow_null=True)
    terlaksana = serializers.BooleanField()
    dicatat_oleh = serializers.CharField(source="dicatat_oleh.nip", **NIP)
    dibuat = serializers.DateTimeField()


class RiwayatSkpSerializer(serializers.Serializer):
    aksi = serializers.CharField()
    oleh = serializers.CharField(source="oleh.nip", allow_null=True, default=None)
    sebagai = serializers.CharField()
    waktu = serializers.DateTimeField()
    catatan = serializers.CharField()
    status_dari = serializers.CharField()
    status_ke = serializers.CharField()
    evaluasi = serializers.IntegerField(source="evaluasi_id", allow_null=True)


class SkpRingkasSerializer(serializers.Serializer):
    """An SKP in a list: `ppk_nip` and `atasan_ppk_nip` as last recorded (the detail resolves them today)."""

    id = serializers.IntegerField()
    tahun = serializers.IntegerField()
    model = serializers.CharField(help_text="`jpt` atau `non_jpt`.")
    status = serializers.CharField(help_text="`draf`, `diajukan`, `dikembalikan`, `disetujui` atau `ditutup`.")
    pegawai = serializers.CharField(source="pegawai.nip", **NIP)
    nama = serializers.CharField(source="pegawai.nama")
    unit = serializers.CharField(source="unit.kode")
    unit_organisasi = serializers.CharField(source="unit_organisasi.kode", allow_null=True, default=None)
    ppk_nip = serializers.CharField(source="ppk.nip", allow_null=True, default=None)
    atasan_ppk_nip = serializers.CharField(source="atasan_ppk.nip", allow_null=True, default=None)
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    diajukan = serializers.DateTimeField(allow_null=True)
    disetujui = serializers.DateTimeField(allow_null=True)


class LampiranKeluarSerializer(serializers.Serializer):
    sumber_daya = serializers.CharField(source="lampiran_sumber_daya")
    skema = serializers.CharField(source="lampiran_skema")
    konsekuensi = serializers.CharField(source="lampiran_konsekuensi")


class SkpSerializer(SkpRingkasSerializer):
    jabatan = serializers.CharField(source="jabatan.nama")
    golongan = serializers.CharField()
    ppk = serializers.SerializerMethodField(help_text="Pejabat Penilai Kinerja hari ini (Plt/Plh termasuk).")
    atasan_ppk = serializers.SerializerMethodField(help_text="Atasan PPK hari ini; null di puncak pohon.")
    pendahulu = serializers.IntegerField(source="pendahulu_id", allow_null=True, help_text="SKP sebelum pindah.")
    hasil_kerja = HasilKerjaSerializer(many=True)
    perilaku = serializers.SerializerMethodField()
    lampiran = LampiranKeluarSerializer(source="*")
    catatan_kembali = serializers.CharField()
    disetujui_oleh = serializers.CharField(source="disetujui_oleh.nip", allow_null=True, default=None)
    rekonsiliasi = serializers.SerializerMethodField(
        help_text="Hasil kerja yang hasil kerja atasannya berubah, hilang atau ditutup sejak ditulis."
    )
    evaluasi = EvaluasiSingkatSerializer(many=True)
    dokumen = DokumenSerializer(many=True)
    catatan = CatatanSkpSerializer(many=True)
    umpan_balik = UmpanBalikSkpSerializer(many=True)
    pengembangan = PengembanganSerializer(many=True)
    riwayat = RiwayatSkpSerializer(many=True)

    def _penilai(self, skp):
        if not hasattr(skp, "_penilai"):
            from ..selectors_skp import penilai

            skp._penilai = penilai(skp)
        return skp._penilai

    @extend_schema_field(PemilikSerializer(allow_null=True))
    def get_ppk(self, skp):
        pj = self._penilai(skp).ppk
        return PemilikSerializer(pj).data if pj else None

    @extend_schema_field(PemilikSerializer(allow_null=True))
    def get_atasan_ppk(self, skp):
        pj = self._penilai(skp).atasan_ppk
        return PemilikSerializer(pj).data if pj else None

    @extend_schema_field(PerilakuSerializer)
    def get_perilaku(self, skp):
        ada = {p.nilai: p.ekspektasi for p in skp.perilaku.all()}
        return {n: ada.get(n, "") for n in NilaiBerakhlak.values}

    @extend_schema_field(RekonsiliasiSerializer(many=True))
    def get_rekonsiliasi(self, skp):
        from ..selectors_skp import rekonsiliasi

        return RekonsiliasiSerializer(rekonsiliasi(skp), many=True).data


class EvaluasiRingkasSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    skp = serializers.IntegerField(source="skp_id")
    pegawai = serializers.CharField(source="skp.pegawai.nip", **NIP)
    nama = serializers.CharField(source="skp.pegawai.nama")
    periode = serializers.CharField(help_text="`2027-01`…`2027-12`, `2027-T1`…`2027-T4` atau `2027`.")
    jenis = serializers.CharField(help_text="`bulanan`, `triwulanan` atau `tahunan`.")
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    unit_organisasi = serializers.CharField(source="unit_organisasi.kode", help_text="Kode Unit Organisasi.")
    rating_hasil = serializers.CharField(help_text=RATING)
    rating_perilaku = serializers.CharField(help_text=RATING)
    predikat = serializers.CharField(help_text=PREDIKAT)
    angka_kredit = serializers.DecimalField(
        **AK, allow_null=True, help_text="Evaluasi tahunan pejabat fungsional: koefisien × persentase predikat."
    )
    status = serializers.CharField(help_text="`dinilai` atau `ditetapkan`.")
    penilai = serializers.CharField(source="penilai.nip", **NIP)
    dinilai = serializers.DateTimeField()
    ditetapkan = serializers.DateTimeField(allow_null=True)


class KeberatanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    evaluasi = serializers.IntegerField(source="evaluasi_id")
    alasan = serializers.CharField()
    status = serializers.CharField(help_text="`diajukan`, `diterima` atau `ditolak`.")
    diajukan = serializers.DateTimeField()
    batas_putusan = serializers.DateField()
    pemutus = serializers.CharField(source="pemutus.nip", allow_null=True, default=None)
    putusan = serializers.CharField()
    diputus = serializers.DateTimeField(allow_null=True)
    predikat_semula = serializers.CharField()
    predikat = serializers.CharField(source="evaluasi.predikat", help_text="Predikat evaluasi sekarang.")


class TindakLanjutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    evaluasi = serializers.IntegerField(source="evaluasi_id")
    jenis = serializers.CharField()
    uraian = serializers.CharField()
    persen_tpp = serializers.IntegerField(allow_null=True)
    dicatat_oleh = serializers.CharField(
        source="dicatat_oleh.nip", allow_null=True, default=None, help_text="Null: dari konsekuensi predikat."
    )
    dibuat = serializers.DateTimeField()


class EvaluasiSerializer(EvaluasiRingkasSerializer):
    label = serializers.SerializerMethodField()
    jenjang = serializers.CharField(help_text="Jenjang jabatan fungsional saat dinilai; kosong bila bukan.")
    catatan = serializers.CharField()
    alasan_deviasi = serializers.CharField(help_text="Alasan penyimpangan distribusi, bila ditetapkan dengannya.")
    ditetapkan_oleh = serializers.CharField(source="ditetapkan_oleh.nip", allow_null=True, default=None)
    keberatan = KeberatanSerializer(many=True)
    tindak_lanjut = TindakLanjutSerializer(many=True)
    dokumen = DokumenSerializer(many=True)

    def get_label(self, ev) -> str:
        per = penilaian.periode(ev.periode)
        return per.label if per else ev.periode


class PredikatOrganisasiSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.kode")
    tahun = serializers.IntegerField()
    predikat = serializers.CharField(help_text=PREDIKAT_ORGANISASI)
    diubah = serializers.DateTimeField()


class AturanSerializer(serializers.Serializer):
    uraian = serializers.CharField()
    terpenuhi = serializers.BooleanField()


class BatasSerializer(serializers.Serializer):
    min = serializers.IntegerField()
    maks = serializers.IntegerField()


def _per_predikat(field):
    return {
        "type": "object",
        "properties": {p: field for p in Predikat.values},
        "required": list(Predikat.values),
    }


class DistribusiSerializer(serializers.Serializer):
    unit = serializers.CharField()
    periode = serializers.CharField()
    predikat_organisasi = serializers.CharField(
        allow_null=True, help_text=PREDIKAT_ORGANISASI + " Null: belum ditetapkan untuk tahun itu (tanpa aturan)."
    )
    jumlah = serializers.SerializerMethodField(help_text="Evaluasi periode itu (dinilai atau ditetapkan) per predikat.")
    total = serializers.IntegerField()
    aturan = AturanSerializer(many=True)
    sesuai = serializers.BooleanField()
    batas = serializers.SerializerMethodField(help_text="Per predikat: jumlah orang paling sedikit dan paling banyak.")

    @extend_schema_field(_per_predikat({"type": "integer"}))
    def get_jumlah(self, d):
        return d["jumlah"]

    @extend_schema_field(
        _per_predikat(
            {"type": "object", "properties": {"min": {"type": "integer"}, "maks": {"type": "integer"}}},
        )
    )
    def get_batas(self, d):
        return d["batas"]


class SaldoSerializer(serializers.Serializer):
    tahun = serializers.IntegerField(help_text="Per akhir tahun.")
    jumlah = serializers.DecimalField(**AK)
    keterangan = serializers.CharField()


class AngkaKreditTahunSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    predikat = serializers.CharField()
    angka_kredit = serializers.DecimalField(**AK)
    kumulatif = serializers.DecimalField(**AK)
    sumber = serializers.CharField(help_text="`evaluasi` (di sini) atau `impor` (e-Kinerja nasional).")


class AngkaKreditSerializer(serializers.Serializer):
    nip = serializers.CharField()
    nama = serializers.CharField()
    jenjang = serializers.CharField(help_text="Kosong bila bukan pejabat fungsional.")
    golongan = serializers.CharField()
    saldo_awal = SaldoSerializer(allow_null=True)
    tahun = AngkaKreditTahunSerializer(many=True)
    kumulatif = serializers.DecimalField(**AK)
    berikutnya = serializers.CharField(help_text="Pangkat atau jenjang berikutnya.")
    dibutuhkan = serializers.DecimalField(**AK, allow_null=True)
    kurang = serializers.DecimalField(**AK, allow_null=True)
