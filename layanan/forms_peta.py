"""Browser forms of the business-process maps, review rounds and clusters. They read what was sent and hand
it to the services, which decide (`views._dasar.kirim`); a choice is a row id among those the view offers,
compared as text (so "١" or "01" is not row 1)."""

from __future__ import annotations

from django import forms

from .choices import JenisPeta, StatusReviu
from .peta_baca import jalur_pd
from .peta_berkas import BERKAS_MAKS_MB

TANPA = [("", "— tanpa induk (puncak) —")]
TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _teks(label: str, *, wajib: bool = True, baris: int = 0, maks: int = 4000, bantuan: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": baris}) if baris else forms.TextInput()
    return forms.CharField(label=label, required=wajib, max_length=maks, help_text=bantuan, widget=widget)


def _tanggal(label: str, bantuan: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=TANGGAL, help_text=bantuan)


def _pilih_banyak(label: str, bantuan: str = "", centang: bool = False) -> forms.MultipleChoiceField:
    widget = forms.CheckboxSelectMultiple if centang else forms.SelectMultiple(attrs={"size": 8})
    return forms.MultipleChoiceField(label=label, required=False, help_text=bantuan, widget=widget)


def pilihan_unit(daftar) -> list:
    """Units as choices grouped by their Perangkat Daerah (optgroups), in tree order."""
    daftar = list(daftar)
    nama_pd = {u.path: u.nama for u in daftar if len(u.path) == len(jalur_pd(u.path))}
    kelompok: dict[str, list] = {}
    for u in daftar:
        kelompok.setdefault(jalur_pd(u.path), []).append((str(u.pk), u.nama))
    return [(nama_pd.get(j, ""), isi) for j, isi in kelompok.items()]


# --- maps -----------------------------------------------------------------------------------------


class PetaForm(forms.Form):
    kode = _teks("Kode peta", maks=64, bantuan="Mis. PB-01 untuk level 1, PB-01.2 untuk turunannya.")
    nama = _teks("Nama proses", maks=300)
    jenis = forms.ChoiceField(label="Jenis peta", choices=JenisPeta.choices)
    unit = forms.ChoiceField(label="Unit pemilik", help_text="Unit perangkat daerah yang memiliki proses ini.")
    induk = forms.ChoiceField(
        label="Peta induk",
        required=False,
        help_text="Peta level berinduk peta level satu tingkat di atasnya; peta subproses, relasi dan lintas "
        "fungsi digantungkan pada peta yang diuraikannya.",
    )
    level = forms.CharField(
        label="Level",
        required=False,
        max_length=2,
        help_text="Kosongkan: dihitung dari induknya (1 tanpa induk).",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3}),
    )
    unit_terlibat = _pilih_banyak("Unit yang terlibat", "Tahan Ctrl (Cmd) untuk memilih beberapa unit.")
    sop = _pilih_banyak("SOP terkait")
    uraian = _teks("Uraian", wajib=False, baris=3)
    aktif = forms.BooleanField(label="Aktif", required=False, initial=True)

    def __init__(self, *args, unit, induk, unit_terlibat, sop, ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(str(u.pk), u.nama) for u in unit]
        self.fields["induk"].choices = TANPA + [(str(p.pk), f"{p.kode} {p.nama} (level {p.level})") for p in induk]
        self.fields["unit_terlibat"].choices = pilihan_unit(unit_terlibat)
        self.fields["sop"].choices = [(str(s.pk), f"{s.nomor} {s.nama}") for s in sop]
        if ubah:
            del self.fields["unit"]  # a map stays with its unit
            del self.fields["level"]  # follows its parent
        else:
            del self.fields["aktif"]


class VersiPetaForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas peta",
        help_text=f"PDF, PNG, JPEG atau BPMN 2.0 (XML), paling besar {BERKAS_MAKS_MB} MB. Jenisnya dikenali dari isi.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.bpmn,.xml"}),
    )
    catatan = _teks("Catatan perubahan", wajib=False, baris=2, maks=2000)


class TetapkanPetaForm(forms.Form):
    tanggal_penetapan = _tanggal("Tanggal penetapan", "Kosongkan: hari ini.")


# --- review rounds --------------------------------------------------------------------------------


class ReviuForm(forms.Form):
    perangkat_daerah = forms.ChoiceField(label="Perangkat daerah yang direviu")
    tahun = forms.CharField(label="Tahun", max_length=4, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    judul = _teks("Judul", maks=300)
    metode = _teks("Metode", wajib=False, baris=3, bantuan="Mis. telaah dokumen, wawancara, observasi lapangan.")
    mulai = _tanggal("Rencana mulai")
    selesai = _tanggal("Rencana selesai")

    def __init__(self, *args, perangkat_daerah, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].choices = pilihan_unit(perangkat_daerah)


class StatusReviuForm(forms.Form):
    status = forms.ChoiceField(choices=StatusReviu.choices, widget=forms.HiddenInput)
    kesimpulan = _teks("Kesimpulan", wajib=False, baris=4, maks=10_000, bantuan="Wajib saat reviu diselesaikan.")


class TemuanForm(forms.Form):
    pokok = forms.ChoiceField(label="Tentang", help_text="Satu SOP atau satu peta perangkat daerah ini.")
    uraian = _teks("Temuan", baris=3)
    rekomendasi = _teks("Rekomendasi", wajib=False, baris=2)
    tenggat = _tanggal("Tenggat tindak lanjut")

    def __init__(self, *args, sop, peta, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pokok"].choices = [
            ("", "— pilih —"),
            ("SOP", [(f"sop:{s.pk}", f"{s.nomor} {s.nama}") for s in sop]),
            ("Peta proses bisnis", [(f"peta:{p.pk}", f"{p.kode} {p.nama}") for p in peta]),
        ]

    def pokok_terpilih(self) -> dict:
        jenis, _, pk = (self.cleaned_data.get("pokok") or "").partition(":")
        return {"sop": pk if jenis == "sop" else None, "peta": pk if jenis == "peta" else None}


class TindakLanjutForm(forms.Form):
    tindak_lanjut = _teks("Tindak lanjut", baris=3)


class TutupTemuanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan",
        choices=[("terima", "Terima: temuan selesai"), ("kembalikan", "Kembalikan untuk diperbaiki")],
        widget=forms.RadioSelect,
    )
    catatan = _teks("Catatan", wajib=False, baris=2, maks=2000, bantuan="Wajib bila dikembalikan.")


# --- clusters -------------------------------------------------------------------------------------


class RumpunForm(forms.Form):
    kode = forms.CharField(label="Kode", max_length=64, help_text="Huruf kecil, angka, - dan _, mis. kesehatan-sosial.")
    nama = _teks("Nama rumpun", maks=200)
    urusan = _teks("Urusan pemerintahan", wajib=False, baris=3, bantuan="Satu urusan per baris.")
    keterangan = _teks("Keterangan", wajib=False, baris=3)
    perangkat_daerah = _pilih_banyak("Perangkat daerah anggota", "Paling sedikit dua.", centang=True)
    sop = _pilih_banyak("SOP bersama")
    layanan = _pilih_banyak("Layanan bersama")
    aktif = forms.BooleanField(label="Aktif", required=False, initial=True)

    def __init__(self, *args, perangkat_daerah, sop, layanan, ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].choices = [(str(u.pk), u.nama) for u in perangkat_daerah]
        self.fields["sop"].choices = [(str(s.pk), f"{s.nomor} {s.nama}") for s in sop]
        self.fields["layanan"].choices = [(str(la.pk), la.nama) for la in layanan]
        if not ubah:
            del self.fields["aktif"]
