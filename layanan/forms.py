"""Browser forms of layanan. They read what was sent and hand it to the services, which decide; a service's
refusal comes back on the fields (`views._dasar.tempel`). Fields are optional here when the service says
what is missing in its own words (a survey element left unanswered, a complaint without text)."""

from __future__ import annotations

from django import forms

from penugasan.forms import UnitField
from sistemkerja.forms import PilihanIdField

from .choices import KOMPONEN, JenisKelamin, JenisPengaduan, Pekerjaan, Pendidikan, StatusPengaduan
from .services.pengaduan import LAMPIRAN_MAKS_MB
from .services.survei import KODE_MAKS_SEKALI

ANGKA = {"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"}
TIDAK_DIISI = [("", "— tidak diisi —")]


def _catatan(label: str = "Catatan (tidak wajib)") -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _tenggat() -> forms.CharField:
    return forms.CharField(
        label="Tenggat tanggapan pengaduan (hari)",
        required=False,
        max_length=3,
        help_text="Berapa hari sejak diterima pengaduan atas layanan ini harus ditanggapi (bawaan 14).",
        widget=forms.TextInput(attrs={**ANGKA, "size": 4}),
    )


# --- public -------------------------------------------------------------------------------------


class SurveiForm(forms.Form):
    """The questionnaire: the one-time code, each element of the service's scheme with its labelled
    answers (1..nilai tertinggi), and the optional profile of PermenPANRB 14/2017. No name, no contact."""

    kode = forms.CharField(
        label="Kode survei",
        required=False,
        max_length=40,
        help_text="Kode 8 huruf/angka dari petugas loket, mis. ABCD-EFGH.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    jenis_kelamin = forms.ChoiceField(label="Jenis kelamin", required=False, choices=TIDAK_DIISI + JenisKelamin.choices)
    usia = forms.CharField(
        label="Usia (tahun)", required=False, max_length=3, widget=forms.TextInput(attrs={**ANGKA, "size": 4})
    )
    pendidikan = forms.ChoiceField(
        label="Pendidikan terakhir", required=False, choices=TIDAK_DIISI + Pendidikan.choices
    )
    pekerjaan = forms.ChoiceField(label="Pekerjaan utama", required=False, choices=TIDAK_DIISI + Pekerjaan.choices)

    PROFIL = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")

    def __init__(self, *args, unsur, **kwargs):
        super().__init__(*args, **kwargs)
        self.unsur = list(unsur)
        for u in self.unsur:
            self.fields[u.kode] = forms.ChoiceField(
                label=u.pertanyaan,
                required=False,
                choices=[(str(i), teks) for i, teks in enumerate(u.pilihan, start=1)],
                widget=forms.RadioSelect,
            )

    def pertanyaan(self):
        """(element, bound field) in the scheme's order, for the template."""
        return [(u, self[u.kode]) for u in self.unsur]

    def jawaban(self) -> dict[str, str]:
        return {u.kode: self.cleaned_data[u.kode] for u in self.unsur if self.cleaned_data.get(u.kode)}

    def profil(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k, "") for k in self.PROFIL}


class PengaduanForm(forms.Form):
    """A complaint or suggestion. `situs_web` is a trap for robots: hidden from people by CSS and skipped
    by the keyboard; a form that fills it is thanked and nothing is stored."""

    jenis = forms.ChoiceField(
        label="Jenis", choices=JenisPengaduan.choices, initial=JenisPengaduan.PENGADUAN, widget=forms.RadioSelect
    )
    layanan = forms.ChoiceField(label="Layanan yang dimaksud (tidak wajib)", required=False)
    instansi = forms.ChoiceField(label="Pemerintah daerah yang dituju", required=False)
    isi = forms.CharField(
        label="Isi pengaduan atau saran",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        help_text="Ceritakan apa yang terjadi, kapan dan di mana. Paling banyak 4.000 karakter.",
    )
    nama = forms.CharField(label="Nama (tidak wajib)", required=False, widget=forms.TextInput(attrs={"maxlength": 200}))
    kontak = forms.CharField(
        label="Surel atau nomor telepon (tidak wajib)",
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 200, "autocomplete": "email"}),
        help_text="Bila diisi surel, kami kabari saat tanggapan terbit.",
    )
    lampiran = forms.FileField(
        label="Lampiran foto atau PDF (tidak wajib)",
        required=False,
        help_text=f"JPEG, PNG atau PDF, paling besar {LAMPIRAN_MAKS_MB} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    situs_web = forms.CharField(
        label="Situs web (kosongkan)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, pilihan_layanan, pilihan_instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].choices = [("", "— tidak menyangkut satu layanan tertentu —"), *pilihan_layanan]
        if len(pilihan_instansi) > 1:
            self.fields["instansi"].choices = [("", "— pilih —"), *pilihan_instansi]
            self.fields["instansi"].help_text = "Wajib dipilih bila pengaduan tidak menyangkut layanan tertentu."
        else:
            del self.fields["instansi"]

    @property
    def robot(self) -> bool:
        return bool(self.data.get("situs_web", "").strip())


class LacakForm(forms.Form):
    kode = forms.CharField(
        label="Kode lacak",
        max_length=40,
        help_text="12 huruf/angka dari halaman tanda terima, mis. ABCD-EFGH-JKMN (huruf kecil dan tanpa tanda "
        "hubung juga bisa).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": "Masukkan kode lacak pengaduan Anda."},
    )


# --- staff: the standard --------------------------------------------------------------------------


class KomponenMixin(forms.Form):
    """The 14 components of a standar pelayanan, each a textarea (lists and steps one per line)."""

    def tambah_komponen(self, awal: dict | None = None):
        for kode, label in KOMPONEN:
            self.fields[kode] = forms.CharField(
                label=label,
                required=False,
                strip=False,
                initial=(awal or {}).get(kode, ""),
                widget=forms.Textarea(attrs={"rows": 4, "maxlength": 10000}),
            )

    def komponen(self) -> dict[str, str]:
        return {kode: self.cleaned_data.get(kode, "") for kode, _ in KOMPONEN}

    def bidang_komponen(self):
        return [self[kode] for kode, _ in KOMPONEN]

    def tenggat(self) -> str | None:
        return self.cleaned_data.get("tenggat_pengaduan_hari") or None


class VersiForm(KomponenMixin):
    tenggat_pengaduan_hari = _tenggat()
    catatan = _catatan("Catatan perubahan (tidak wajib)")

    def __init__(self, *args, awal: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tambah_komponen(awal)


class LayananBaruForm(KomponenMixin):
    kode = forms.CharField(
        label="Kode layanan",
        max_length=64,
        help_text="Huruf kecil, angka, - dan _, mis. izin-praktik-bidan. Menjadi alamat halaman layanan.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    nama = forms.CharField(label="Nama layanan", max_length=300)
    skema = PilihanIdField(label="Skema survei kepuasan", queryset=None, required=False, empty_label=None)
    tenggat_pengaduan_hari = _tenggat()

    def __init__(self, *args, unit_pilihan=None, skema_qs, **kwargs):
        """`unit_pilihan`: the units the reader may register for, as a queryset (a list); None: any unit, typed
        or picked in a search box (the Bagian Organisasi)."""
        super().__init__(*args, **kwargs)
        if unit_pilihan is None:
            self.fields["unit"] = UnitField(label="Unit penyelenggara")
        else:
            self.fields["unit"] = PilihanIdField(
                label="Unit penyelenggara", queryset=unit_pilihan, empty_label="— pilih unit —"
            )
        self.order_fields(["kode", "nama", "unit", "skema", "tenggat_pengaduan_hari"])
        self.fields["skema"].queryset = skema_qs
        self.tambah_komponen()

    def bidang_utama(self):
        return [self[n] for n in ("kode", "nama", "unit", "skema", "tenggat_pengaduan_hari")]


class LayananUbahForm(forms.Form):
    nama = forms.CharField(label="Nama layanan", max_length=300)
    skema = PilihanIdField(label="Skema survei kepuasan", queryset=None, empty_label=None)
    aktif = forms.BooleanField(
        label="Tampil di katalog publik",
        required=False,
        help_text="Tanpa centang, layanan ditarik dari katalog, survei dan formulir pengaduan; riwayatnya tetap.",
    )

    def __init__(self, *args, skema_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skema"].queryset = skema_qs


# --- staff: the survey ----------------------------------------------------------------------------


class KodeSurveiForm(forms.Form):
    jumlah = forms.CharField(
        label="Jumlah kode",
        initial="20",
        max_length=4,
        help_text=f"1 sampai {KODE_MAKS_SEKALI}; satu kode untuk satu kunjungan.",
        widget=forms.TextInput(attrs={**ANGKA, "size": 5}),
    )
    hari = forms.CharField(
        label="Berlaku (hari)", initial="30", max_length=3, widget=forms.TextInput(attrs={**ANGKA, "size": 4})
    )


# --- staff: complaints ----------------------------------------------------------------------------


class SaringPengaduanForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua"), ("terbuka", "Belum selesai"), *StatusPengaduan.choices]
    )
    layanan = forms.ChoiceField(label="Layanan", required=False)
    unit = UnitField(label="Unit (termasuk unit di bawahnya)", required=False)
    terlambat = forms.BooleanField(label="Hanya yang lewat tenggat", required=False)

    def __init__(self, *args, pilihan_layanan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].choices = [("", "Semua"), *pilihan_layanan]


class ProsesForm(forms.Form):
    prefix = "proses"  # the complaint's page holds several forms: their fields' ids stay apart
    unit = UnitField(label="Unit yang menangani", required=False)
    catatan = _catatan()

    def __init__(self, *args, pilih_unit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if pilih_unit:
            self.fields["unit"].help_text = "Unit pemilik layanan; wajib bila pengaduan tidak menyebut layanan."
        else:
            del self.fields["unit"]


class TugaskanForm(forms.Form):
    prefix = "alihkan"
    unit = UnitField(label="Alihkan ke unit")
    catatan = _catatan("Alasan (tidak wajib)")


class TanggapanForm(forms.Form):
    prefix = "tanggapan"
    isi = forms.CharField(
        label="Tanggapan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        help_text="Terbit bagi pengadu setelah diterbitkan pimpinan unit, admin unit atau Bagian Organisasi.",
    )


class TutupForm(forms.Form):
    prefix = "tutup"
    catatan = _catatan("Alasan menutup (wajib bila belum ada tanggapan terbit)")
