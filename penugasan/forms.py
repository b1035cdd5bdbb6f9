"""Browser forms of penugasan. They translate input; the services decide."""

import datetime as dt

from django import forms

from organisasi import nip as nip_mod
from organisasi.models import Pegawai, Unit
from organisasi.selectors import hari_ini

from .choices import Alur, Sifat
from .models import Kompetensi, TimKerja
from .selectors import jalur_perangkat_daerah

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def pegawai_menurut_nip(teks_nip: list[str], terjangkau=None) -> list[Pegawai]:
    """Active people by NIP (spaces allowed), in the order given; unknown NIPs (or, with `terjangkau`, NIPs
    outside it) are a field error alike."""
    nip = [nip_mod.bersihkan(n) for n in teks_nip if n.strip()]
    qs = Pegawai.objects.all() if terjangkau is None else terjangkau
    ada = {p.nip: p for p in qs.filter(nip__in=nip, aktif=True).select_related("jabatan", "unit")}
    if hilang := [n for n in nip if n not in ada]:
        raise forms.ValidationError([f"Pegawai dengan NIP {n} tidak ditemukan atau tidak aktif." for n in hilang])
    return [ada[n] for n in nip]


class UnitKodeField(forms.CharField):
    """A unit by its kode; the page offers the active units' names in a <datalist id="daftar-unit">."""

    widget = forms.TextInput(attrs={"list": "daftar-unit", "autocomplete": "off"})

    def clean(self, value):
        kode = super().clean(value)
        if not kode:
            return None
        unit = Unit.objects.filter(kode=kode, aktif=True).select_related("instansi").first()
        if unit is None:
            raise forms.ValidationError(f"Unit dengan kode {kode} tidak ditemukan.")
        return unit


class PenugasanForm(forms.Form):
    alur = forms.ChoiceField(label="Alur", choices=Alur.choices, widget=forms.RadioSelect)
    unit_tujuan = UnitKodeField(
        label="Unit tujuan",
        help_text="Ketik nama atau kode unit, lalu pilih. Unit tempat pegawai yang diminta "
        "berkedudukan; pada pengajuan sukarela, unit yang ingin Anda bantu.",
    )
    pegawai = forms.MultipleChoiceField(
        label="Pegawai",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A: yang ditunjuk. B, C: usulan nama (boleh kosong). D, E: Anda sendiri.",
    )
    tim = forms.ModelChoiceField(label="Tim kerja", required=False, queryset=TimKerja.objects.none())
    maksud = forms.CharField(label="Maksud dan tujuan", widget=forms.Textarea(attrs={"rows": 3}))
    kompetensi = forms.CharField(
        label="Kompetensi, keahlian dan/atau keterampilan yang dibutuhkan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kompetensi_daftar = forms.ModelMultipleChoiceField(
        label="Kompetensi (untuk menyaring calon)",
        required=False,
        queryset=Kompetensi.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    target = forms.CharField(label="Ekspektasi/target kinerja", widget=forms.Textarea(attrs={"rows": 2}))
    mulai = forms.DateField(label="Mulai", widget=TANGGAL)
    selesai = forms.DateField(label="Selesai", widget=TANGGAL)
    batas_keputusan = forms.DateField(
        label="Batas keputusan",
        required=False,
        widget=TANGGAL,
        help_text="Permohonan yang belum diputus sampai tanggal ini kedaluwarsa.",
    )

    def __init__(self, *args, tim_qs=None, terjangkau=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terjangkau = terjangkau
        if tim_qs is not None:
            self.fields["tim"].queryset = tim_qs
        # Any NIP may be posted (candidates are loaded for the chosen unit); clean_pegawai checks them.
        self.fields["pegawai"].choices = [(n, n) for n in self.data.getlist("pegawai")] if self.is_bound else []

    def clean_pegawai(self):
        return pegawai_menurut_nip(self.cleaned_data["pegawai"], self.terjangkau)


class PeriodeForm(forms.Form):
    """The period candidates' workload is counted in (the htmx candidate list)."""

    mulai = forms.DateField()
    selesai = forms.DateField()


class LanjutForm(forms.Form):
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pegawai = forms.MultipleChoiceField(
        label="Pegawai yang ditugaskan", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].choices = [(n, n) for n in self.data.getlist("pegawai")] if self.is_bound else []

    def clean_pegawai(self):
        return pegawai_menurut_nip(self.cleaned_data["pegawai"])


class TolakForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan penolakan",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Alasan penolakan wajib diisi."},
    )


class TarikForm(forms.Form):
    alasan = forms.CharField(label="Alasan (boleh kosong)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TimForm(forms.Form):
    nama = forms.CharField(label="Nama tim", max_length=200)
    tujuan = forms.CharField(label="Tujuan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit_pemilik = UnitKodeField(
        label="Unit Organisasi pemilik kinerja", help_text="Ketik nama atau kode unit, lalu pilih."
    )
    sifat = forms.ChoiceField(label="Sifat", choices=Sifat.choices)
    mulai = forms.DateField(label="Mulai", widget=TANGGAL)
    selesai = forms.DateField(label="Selesai", widget=TANGGAL)
    ketua = forms.CharField(label="NIP ketua")
    anggota = forms.CharField(
        label="Anggota",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Satu per baris: NIP, lalu (boleh) titik dua dan perannya, mis. 19850317 201003 1 001: analis data.",
    )

    pegawai = forms.MultipleChoiceField(label="Calon dipilih", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].choices = [(n, n) for n in self.data.getlist("pegawai")] if self.is_bound else []

    def clean_ketua(self):
        return pegawai_menurut_nip([self.cleaned_data["ketua"]])[0]

    def clean_anggota(self):
        baris = [b.split(":", 1) for b in self.cleaned_data["anggota"].splitlines() if b.strip()]
        if any(not b[0].strip() for b in baris):
            raise forms.ValidationError("Setiap baris diawali NIP anggota.")
        orang = pegawai_menurut_nip([b[0] for b in baris])
        return [(p, b[1].strip() if len(b) > 1 else "") for p, b in zip(orang, baris)]

    def clean_pegawai(self):
        return pegawai_menurut_nip(self.cleaned_data["pegawai"])

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        # candidates ticked in the list join as members without a role yet (the textarea's roles win)
        sudah = {p.pk for p, _ in data.get("anggota", [])}
        data["anggota"] = [*data.get("anggota", []), *((p, "") for p in data.get("pegawai", []) if p.pk not in sudah)]
        return data


def awal_periode() -> dict:
    hari = hari_ini()
    return {"mulai": hari, "selesai": hari + dt.timedelta(days=90)}


def pilihan_unit() -> list[tuple[str, str]]:
    """Every active unit as (kode, name with its agency) for the unit fields' suggestions."""
    unit = list(
        Unit.objects.filter(aktif=True).exclude(jenis="instansi").only("kode", "nama", "path", "depth").order_by("path")
    )  # one query: the agencies' names come from the same rows
    pd = {u.path: u.nama for u in unit if u.depth == 2}
    return [(u.kode, u.nama if u.depth <= 2 else f"{u.nama} — {pd.get(jalur_perangkat_daerah(u), '')}") for u in unit]


class KompetensiForm(forms.Form):
    kompetensi = forms.ModelChoiceField(label="Kompetensi", queryset=Kompetensi.objects.all(), empty_label="— pilih —")
    bukti = forms.CharField(label="Bukti (sertifikat, pelatihan)", required=False, max_length=300)


class AnggotaForm(forms.Form):
    nip = forms.CharField(label="NIP anggota")
    peran = forms.CharField(label="Peran dalam tim", required=False, max_length=200)

    def clean_nip(self):
        return pegawai_menurut_nip([self.cleaned_data["nip"]])[0]


class CabutForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan pencabutan",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Alasan pencabutan wajib diisi."},
    )
