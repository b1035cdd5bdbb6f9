"""Browser forms of penugasan. They translate input; the services decide.

Input rules come from sistemkerja.masukan: free text is bounded (`TeksFormField`), periods lie in the
plausible window. Identifiers are checked for shape before any lookup, and NIPs are looked up only within
the reach the view gives the form (`terjangkau`, nobody by default), so a malformed NIP, an unknown one and
one out of reach get the same "not found" (penugasan.masukan).
"""

import datetime as dt

from django import forms

from organisasi.models import Pegawai, Unit
from organisasi.selectors import hari_ini
from sistemkerja.forms import PilihanIdBanyakField, PilihanIdField
from sistemkerja.masukan import PANJANG, TeksFormField, bentuk_nip, periksa_tanggal, periksa_teks, periode

from .choices import Alur, Sifat
from .masukan import PESAN_NIP, cari_pegawai, cari_unit, tampil
from .models import Kompetensi, TimKerja
from .selectors import jalur_perangkat_daerah

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAKS_PEGAWAI = 200  # staff named at once, as in the API


def pegawai_menurut_nip(teks_nip: list[str], terjangkau) -> list[Pegawai]:
    """Active people of `terjangkau` by NIP (spaces allowed), in the order given; a NIP malformed, unknown
    or outside `terjangkau` is a field error alike."""
    teks_nip = [n for n in teks_nip if n.strip()]
    if len(teks_nip) > MAKS_PEGAWAI:
        raise forms.ValidationError(f"Paling banyak {MAKS_PEGAWAI} pegawai sekaligus.")
    return cari_pegawai(teks_nip, terjangkau)


def tempel_periode(form, data: dict, *lain: str) -> None:
    """`periode()` of the form's `mulai`/`selesai` (and the window of other dates) as field errors."""
    try:
        periode(data.get("mulai"), data.get("selesai"))
    except forms.ValidationError as e:
        for kolom, pesan in e.message_dict.items():
            form.add_error(kolom, pesan)
    for kolom in lain:
        try:
            periksa_tanggal(data.get(kolom))
        except forms.ValidationError as e:
            form.add_error(kolom, e.messages)


class IdentitasField(forms.CharField):
    """An identifier as typed. Only its shape is checked, by the form's lookup: Django's text validators
    would answer a NUL differently from an unknown identifier."""

    def run_validators(self, value):
        pass


class NipFormField(IdentitasField):
    """A NIP as typed; one that cannot be a NIP is "not found" here, the rest when the form looks it up."""

    def clean(self, value):
        nip = super().clean(value)
        if nip and bentuk_nip(nip) is None:
            raise forms.ValidationError(PESAN_NIP.format(nip=tampil(nip)))
        return nip


class UnitKodeField(IdentitasField):
    """A unit by its kode; the page offers the active units' names in a <datalist id="daftar-unit">."""

    widget = forms.TextInput(attrs={"list": "daftar-unit", "autocomplete": "off"})

    def clean(self, value):
        kode = super().clean(value)
        return cari_unit(kode) if kode else None


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
    tim = PilihanIdField(label="Tim kerja", required=False, queryset=TimKerja.objects.none())
    maksud = TeksFormField(jenis="sedang", label="Maksud dan tujuan", widget=forms.Textarea(attrs={"rows": 3}))
    kompetensi = TeksFormField(
        jenis="sedang",
        label="Kompetensi, keahlian dan/atau keterampilan yang dibutuhkan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kompetensi_daftar = PilihanIdBanyakField(
        label="Kompetensi (untuk menyaring calon)",
        required=False,
        queryset=Kompetensi.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    target = TeksFormField(jenis="sedang", label="Ekspektasi/target kinerja", widget=forms.Textarea(attrs={"rows": 2}))
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
        self.terjangkau = Pegawai.objects.none() if terjangkau is None else terjangkau
        if tim_qs is not None:
            self.fields["tim"].queryset = tim_qs
        # Any NIP may be posted (candidates are loaded for the chosen unit); clean_pegawai checks them.
        self.fields["pegawai"].choices = [(n, n) for n in self.data.getlist("pegawai")] if self.is_bound else []

    def clean_pegawai(self):
        return pegawai_menurut_nip(self.cleaned_data["pegawai"], self.terjangkau)

    def clean(self):
        data = super().clean()
        tempel_periode(self, data, "batas_keputusan")
        return data


class PeriodeForm(forms.Form):
    """The period candidates' workload is counted in (the htmx candidate list)."""

    mulai = forms.DateField()
    selesai = forms.DateField()

    def clean(self):
        data = super().clean()
        tempel_periode(self, data)
        return data


class LanjutForm(forms.Form):
    """A step's note and, where the step names them, the staff: NIPs looked up within `terjangkau`."""

    catatan = TeksFormField(jenis="sedang", label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pegawai = forms.MultipleChoiceField(
        label="Pegawai yang ditugaskan", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, terjangkau=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terjangkau = Pegawai.objects.none() if terjangkau is None else terjangkau
        self.fields["pegawai"].choices = [(n, n) for n in self.data.getlist("pegawai")] if self.is_bound else []

    def clean_pegawai(self):
        return pegawai_menurut_nip(self.cleaned_data["pegawai"], self.terjangkau)


class TolakForm(forms.Form):
    alasan = TeksFormField(
        jenis="sedang",
        label="Alasan penolakan",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Alasan penolakan wajib diisi."},
    )


class TarikForm(forms.Form):
    alasan = TeksFormField(
        jenis="sedang", label="Alasan (boleh kosong)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TimForm(forms.Form):
    """A new team. Who may form one for the unit (`pelaku`) is asked first; the NIPs are looked up only for
    those who may (anyone active: a team may take members from other agencies, Lampiran B.3), so the form
    tells nobody else whether a NIP exists. `bukan_wewenang` then holds the refusal (a 403)."""

    nama = TeksFormField(jenis="pendek", baris=False, label="Nama tim")
    tujuan = TeksFormField(jenis="sedang", label="Tujuan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit_pemilik = UnitKodeField(
        label="Unit Organisasi pemilik kinerja", help_text="Ketik nama atau kode unit, lalu pilih."
    )
    sifat = forms.ChoiceField(label="Sifat", choices=Sifat.choices)
    mulai = forms.DateField(label="Mulai", widget=TANGGAL)
    selesai = forms.DateField(label="Selesai", widget=TANGGAL)
    ketua = NipFormField(label="NIP ketua")
    anggota = IdentitasField(
        label="Anggota",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Satu per baris: NIP, lalu (boleh) titik dua dan perannya, mis. 19850317 201003 1 001: analis data.",
    )

    pegawai = forms.MultipleChoiceField(label="Calon dipilih", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, pelaku=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pelaku, self.bukan_wewenang = pelaku, ""
        self.fields["pegawai"].choices = [(n, n) for n in self.data.getlist("pegawai")] if self.is_bound else []

    def clean_unit_pemilik(self):
        from .services import boleh_bentuk_tim

        unit = self.cleaned_data["unit_pemilik"]
        if unit is not None and (self.pelaku is None or not boleh_bentuk_tim(self.pelaku, unit)):
            self.bukan_wewenang = f"Tim untuk {unit.nama} dibentuk oleh pimpinannya atau Bagian Organisasi."
            raise forms.ValidationError(self.bukan_wewenang)
        return unit

    def _cari(self, nip: list[str]) -> list[Pegawai]:
        """The people by NIP once the caller may form a team for the unit; before that nobody is looked up."""
        return pegawai_menurut_nip(nip, Pegawai.objects.all()) if self.cleaned_data.get("unit_pemilik") else []

    def clean_ketua(self):
        return next(iter(self._cari([self.cleaned_data["ketua"]])), None)

    def clean_anggota(self):
        baris = [b.split(":", 1) for b in self.cleaned_data["anggota"].splitlines() if b.strip()]
        if any(not b[0].strip() for b in baris):
            raise forms.ValidationError("Setiap baris diawali NIP anggota.")
        peran = []
        for i, b in enumerate(baris, start=1):
            try:
                peran.append(periksa_teks(b[1] if len(b) > 1 else "", maks=PANJANG["pendek"], baris=False, wajib=False))
            except forms.ValidationError as e:
                raise forms.ValidationError([f"Baris {i}, peran: {m}" for m in e.messages]) from None
        return list(zip(self._cari([b[0] for b in baris]), peran))

    def clean_pegawai(self):
        return self._cari(self.cleaned_data["pegawai"])

    def clean(self):
        data = super().clean()
        tempel_periode(self, data)
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
    kompetensi = PilihanIdField(label="Kompetensi", queryset=Kompetensi.objects.all(), empty_label="— pilih —")
    bukti = TeksFormField(
        jenis="sedang", baris=False, label="Bukti (sertifikat, pelatihan)", required=False, max_length=300
    )


class AnggotaForm(forms.Form):
    """A member added to a team; the view asks whether the caller manages it before giving `terjangkau`."""

    nip = NipFormField(label="NIP anggota")
    peran = TeksFormField(jenis="pendek", baris=False, label="Peran dalam tim", required=False)

    def __init__(self, *args, terjangkau=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terjangkau = Pegawai.objects.none() if terjangkau is None else terjangkau

    def clean_nip(self):
        return pegawai_menurut_nip([self.cleaned_data["nip"]], self.terjangkau)[0]


class CabutForm(forms.Form):
    alasan = TeksFormField(
        jenis="sedang",
        label="Alasan pencabutan",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Alasan pencabutan wajib diisi."},
    )
