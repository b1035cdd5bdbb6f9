"""Browser forms of the consultations (seed 001's service). They read what was sent and hand it to
`services.konsultasi`, which decides: a date, a meeting time, a handler's NIP or a rating is passed on as
typed and refused there, in the service's own words, on its field (`views._dasar.tempel`)."""

from __future__ import annotations

from django import forms

from .choices import JenisKonsultasi, StatusKonsultasi
from .services.konsultasi import JAWABAN_MAKS, LAMPIRAN_MAKS_JUMLAH, LAMPIRAN_MAKS_MB, URAIAN_MAKS

# The answers of the SKM questionnaire (PermenPANRB 14/2017), the scale a requester rates the service on.
NILAI_SKM = [("4", "Sangat baik"), ("3", "Baik"), ("2", "Kurang baik"), ("1", "Tidak baik")]
LABEL_NILAI = {int(k): v for k, v in NILAI_SKM}
TERIMA_BERKAS = "application/pdf,image/png,image/jpeg"


class _BerkasBanyakInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BerkasBanyakField(forms.FileField):
    """Several files from one input (Django's documented pattern): a list, empty when none is sent. Their
    kind and size are the service's to check, by content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", _BerkasBanyakInput(attrs={"accept": TERIMA_BERKAS}))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            f"PDF, PNG atau JPEG; paling banyak {LAMPIRAN_MAKS_JUMLAH} berkas, masing-masing {LAMPIRAN_MAKS_MB} MB.",
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        satu = super().clean
        daftar = data if isinstance(data, (list, tuple)) else [data]
        return [b for b in (satu(d, initial) for d in daftar if d) if b]


def _catatan(label: str, baris: int = 2, maks: int = 2000) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": baris, "maxlength": maks}))


class AjukanForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis konsultasi", choices=[("", "— pilih —"), *JenisKonsultasi.choices], required=False
    )
    uraian = forms.CharField(
        label="Uraian permohonan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": URAIAN_MAKS}),
        help_text="Apa yang ingin dikonsultasikan, dokumen mana yang sedang disusun, dan kendalanya.",
    )
    dibutuhkan = forms.CharField(
        label="Dibutuhkan paling lambat (tidak wajib)",
        required=False,
        max_length=10,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Jangka waktu layanan ini \u201csesuai kebutuhan\u201d: tanggal ini menjadi tenggat jawaban. "
        "Kosongkan untuk memakai jangka waktu standar.",
    )
    lampiran = BerkasBanyakField(label="Lampiran (tidak wajib)")


class SaringKonsultasiForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Semua"), ("terbuka", "Belum selesai"), *StatusKonsultasi.choices],
    )
    jenis = forms.ChoiceField(label="Jenis", required=False, choices=[("", "Semua"), *JenisKonsultasi.choices])
    perangkat_daerah = forms.TypedChoiceField(label="Perangkat daerah", required=False, coerce=int, empty_value=None)
    terlambat = forms.BooleanField(label="Hanya yang lewat tenggat", required=False)
    giliran = forms.BooleanField(label="Hanya yang menunggu langkah saya", required=False)

    def __init__(self, *args, pilihan_pd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].choices = [("", "Semua"), *pilihan_pd]


class DisposisiForm(forms.Form):
    prefix = "disposisi"  # the page holds several forms: their fields' ids stay apart
    # A select, read as text: the service says whether the NIP is one of the Bagian's staff (after it
    # checked who disposes, so a wrong actor hears 403 whatever they send).
    penangan = forms.CharField(label="Penangan", required=False, max_length=40, widget=forms.Select)
    catatan = _catatan("Petunjuk disposisi (tidak wajib)", 3)

    def __init__(self, *args, pilihan_penangan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penangan"].widget.choices = [("", "— pilih pegawai Bagian Organisasi —"), *pilihan_penangan]


class JadwalkanForm(forms.Form):
    prefix = "jadwal"
    waktu = forms.CharField(
        label="Waktu pertemuan",
        required=False,
        max_length=40,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Tanggal dan jam (WIB).",
    )
    tempat = forms.CharField(
        label="Tempat",
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
        help_text="Ruang, atau tautan rapat daring.",
    )


class JawabForm(forms.Form):
    prefix = "jawab"
    jawaban = forms.CharField(
        label="Jawaban / hasil konsultasi",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": JAWABAN_MAKS}),
    )
    lampiran = BerkasBanyakField(label="Dokumen hasil (tidak wajib)")


class TutupForm(forms.Form):
    prefix = "tutup"
    nilai = forms.CharField(  # read as text: the service refuses anything but 1–4 in its words
        label="Penilaian atas layanan konsultasi ini",
        required=False,
        max_length=4,
        widget=forms.RadioSelect(choices=NILAI_SKM),
        help_text="Masuk ke survei kepuasan layanan konsultasi Bagian Organisasi tanpa menyebut nama Anda.",
    )
    catatan = _catatan("Catatan (tidak wajib)")


class LampiranForm(forms.Form):
    """One more file on an open request: the requester's to the request, the handler's to the result."""

    prefix = "lampiran"
    berkas = forms.FileField(
        label="Berkas",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": TERIMA_BERKAS}),
        help_text=f"PDF, PNG atau JPEG, paling besar {LAMPIRAN_MAKS_MB} MB.",
    )


class DasborForm(forms.Form):
    """Which instansi (for the global organisation admins) and which year the dashboard shows."""

    instansi = forms.TypedChoiceField(label="Instansi", required=False, coerce=int, empty_value=None)
    tahun = forms.TypedChoiceField(label="Tahun", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, pilihan_instansi, pilihan_tahun, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].choices = pilihan_instansi
        self.fields["tahun"].choices = [(t, str(t)) for t in pilihan_tahun]
        if len(pilihan_instansi) < 2:
            del self.fields["instansi"]
