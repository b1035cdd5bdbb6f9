"""Browser forms of the SOP registry. They read what was sent and hand it to `services.sop`, which decides: the
fields are text here (a date, a row number, an actor's number) so the service's own messages land on them.

The activity table is a formset, one form per row (`langkah-0-uraian` …), its "No" typed (the service checks
the rows are numbered 1..n), the actor picked from the actors list as it stands in the page, a row dropped by
its "Hapus" box; empty rows are ignored, so a few blank ones always follow the table."""

from __future__ import annotations

from django import forms

from penugasan.forms import UnitField
from sistemkerja.forms import PilihanIdBanyakField, PilihanIdField

from .choices import JenisLangkahSop
from .services.sop_isi import MAKS_LANGKAH, TEKS_IDENTITAS
from .sop_impor import MAKS_BAIT, MAKS_BARIS

ANGKA = {"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"}
STATUS = [
    ("", "Semua"),
    ("berlaku", "Berlaku"),
    ("draf", "Belum pernah disahkan"),
    ("ada_draf", "Sedang direvisi (ada draf)"),
    ("dicabut", "Dicabut"),
]
BANTUAN_TEKS = "Satu butir per baris; daftar bernomor dan huruf (a), b), …) ditampilkan apa adanya."


def _teks(label: str, baris: int = 3, **kw) -> forms.CharField:
    return forms.CharField(label=label, required=False, strip=False, widget=forms.Textarea(attrs={"rows": baris}), **kw)


class SaringSopForm(forms.Form):
    q = forms.CharField(label="Cari nomor atau nama", required=False, max_length=100)
    pd = forms.ChoiceField(label="Perangkat daerah", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS)
    tanpa_sop = forms.BooleanField(label="Tampilkan layanan tanpa SOP", required=False)

    def __init__(self, *args, pilihan_pd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pd"].choices = [("", "Semua")] + [(str(u.pk), u.nama) for u in pilihan_pd]


class SopBaruForm(forms.Form):
    nomor = forms.CharField(label="Nomor SOP", max_length=120, help_text="Mis. 800/01/35.07.101/2026.")
    nama = forms.CharField(label="Nama SOP", max_length=300)
    layanan = PilihanIdBanyakField(
        label="Layanan yang diatur",
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Layanan publik yang prosedurnya diatur SOP ini (boleh lebih dari satu, boleh kosong).",
    )

    def __init__(self, *args, unit_pilihan, layanan_qs, **kwargs):
        """`unit_pilihan`: the units the reader drafts for (a queryset); None: any unit, typed or picked."""
        super().__init__(*args, **kwargs)
        if unit_pilihan is None:
            self.fields["unit"] = UnitField(label="Unit pemilik SOP")
        else:
            self.fields["unit"] = PilihanIdField(
                label="Unit pemilik SOP", queryset=unit_pilihan, empty_label="— pilih unit —"
            )
            self.fields["unit"].label_from_instance = lambda u: "— " * max(u.depth - 2, 0) + u.nama
        self.fields["layanan"].queryset = layanan_qs
        self.order_fields(["unit", "nomor", "nama", "layanan"])


class SopUbahForm(forms.Form):
    nomor = forms.CharField(label="Nomor SOP", max_length=120)
    nama = forms.CharField(label="Nama SOP", max_length=300)
    layanan = PilihanIdBanyakField(
        label="Layanan yang diatur", queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    aktif = forms.BooleanField(
        label="SOP aktif",
        required=False,
        help_text="Tanpa centang, SOP dicabut: tetap tercatat dan dapat dibaca, tetapi tidak dapat direvisi.",
    )

    def __init__(self, *args, layanan_qs, boleh_cabut: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].queryset = layanan_qs
        if not boleh_cabut:
            del self.fields["aktif"]


class IdentitasForm(forms.Form):
    """The identity block of a draft, its actors (the flowchart's columns) and its note."""

    tanggal_pembuatan = forms.CharField(
        label="Tanggal pembuatan", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tanggal_revisi = forms.CharField(
        label="Tanggal revisi", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tanggal_efektif = forms.CharField(
        label="Tanggal efektif",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Kosong: tanggal disahkan.",
    )
    dasar_hukum = _teks("Dasar hukum", 4, help_text=BANTUAN_TEKS)
    kualifikasi_pelaksana = _teks("Kualifikasi pelaksana")
    keterkaitan = _teks("Keterkaitan (SOP terkait)", 2)
    peralatan = _teks("Peralatan/perlengkapan")
    peringatan = _teks("Peringatan")
    pencatatan = _teks("Pencatatan dan pendataan", 2)
    pelaksana = _teks(
        "Pelaksana (kolom bagan)",
        4,
        help_text="Satu pelaksana per baris, berurutan dari kiri ke kanan; nomor urutnya dipakai di tabel kegiatan.",
    )
    sop_terkait = PilihanIdBanyakField(
        label="SOP terkait dalam daftar", queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    catatan = _teks("Catatan perubahan (tidak wajib)", 2)

    def __init__(self, *args, sop_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sop_terkait"].queryset = sop_qs

    def daftar_pelaksana(self) -> list[str]:
        """The actors as typed, one per line, empty lines dropped."""
        teks = self.data.get(self.add_prefix("pelaksana")) if self.is_bound else self.initial.get("pelaksana", "")
        return [b.strip() for b in str(teks or "").splitlines() if b.strip()]

    def identitas(self) -> dict:
        d = self.cleaned_data
        return {f: d[f] for f in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", *TEKS_IDENTITAS)}

    def bidang_identitas(self):
        return [self[f] for f in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", *TEKS_IDENTITAS)]


class LangkahForm(forms.Form):
    """One row of the activity table."""

    urutan = forms.CharField(
        label="No", required=False, max_length=4, widget=forms.TextInput(attrs={**ANGKA, "size": 2})
    )
    uraian = forms.CharField(label="Kegiatan", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 2}))
    pelaksana = forms.CharField(label="Pelaksana", required=False, max_length=4, widget=forms.Select())
    jenis = forms.ChoiceField(label="Simbol", choices=JenisLangkahSop.choices, initial=JenisLangkahSop.KEGIATAN)
    kelengkapan = forms.CharField(
        label="Kelengkapan", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    waktu = forms.CharField(label="Waktu", required=False, max_length=100, widget=forms.TextInput(attrs={"size": 8}))
    output = forms.CharField(label="Output", required=False, max_length=300, widget=forms.TextInput(attrs={"size": 12}))
    keterangan = forms.CharField(
        label="Keterangan", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    ke_ya = forms.CharField(
        label="Jika ya, ke no.", required=False, max_length=4, widget=forms.TextInput(attrs={**ANGKA, "size": 2})
    )
    ke_tidak = forms.CharField(
        label="Jika tidak, ke no.", required=False, max_length=4, widget=forms.TextInput(attrs={**ANGKA, "size": 2})
    )
    hapus = forms.BooleanField(label="Hapus", required=False)

    ISIAN = ("urutan", "uraian", "pelaksana", "kelengkapan", "waktu", "output", "keterangan", "ke_ya", "ke_tidak")

    def __init__(self, *args, pilihan_pelaksana=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pelaksana"].widget.choices = [("", "— pilih —")] + [
            (str(i), f"{i}. {nama}") for i, nama in enumerate(pilihan_pelaksana, 1)
        ]

    def kosong(self) -> bool:
        d = self.cleaned_data
        return not any(str(d.get(f) or "").strip() for f in self.ISIAN)

    def baris(self) -> dict:
        d = self.cleaned_data
        return {f: d.get(f) if d.get(f) not in ("",) else None for f in self.ISIAN} | {"jenis": d["jenis"]}


LangkahFormSet = forms.formset_factory(
    LangkahForm, extra=0, max_num=MAKS_LANGKAH + 5, absolute_max=MAKS_LANGKAH + 5, validate_max=True
)


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas tabel kegiatan (XLSX)",
        help_text=f"Paling besar {MAKS_BAIT // 1024 // 1024} MB, {MAKS_BARIS} baris. "
        "Mengganti seluruh tabel kegiatan draf.",
    )


class SahkanForm(forms.Form):
    tanggal_efektif = forms.CharField(
        label="Tanggal efektif",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Kosong: tanggal efektif pada draf, atau hari ini.",
    )
