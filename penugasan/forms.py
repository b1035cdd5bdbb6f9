"""Browser forms of penugasan. They translate input; the services decide.

Input rules come from sistemkerja.masukan: free text is bounded (`TeksFormField`), periods lie in the
plausible window. Units and people are typed or picked in search boxes (sistemkerja.widgets.Cari): a code
or NIP, a picked "Nama (kunci)" or an exact name, resolved by penugasan.masukan. People are looked up only
within the reach the view gives the form (`terjangkau`, nobody by default), so an unknown person and one
out of reach get the same "not found".
"""

import datetime as dt

from django import forms

from organisasi.models import Pegawai, Unit
from organisasi.selectors import hari_ini
from sistemkerja.forms import CariBanyakField, CariField, PilihanIdBanyakField, PilihanIdField
from sistemkerja.masukan import PANJANG, TeksFormField, periksa_tanggal, periksa_teks, periode

from .choices import Alur, Sifat
from .masukan import pegawai_dari_teks, unit_dari_teks
from .models import Kompetensi, TimKerja

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAKS_PEGAWAI = 200  # staff named at once, as in the API


def pegawai_menurut_teks(teks: list[str], terjangkau) -> list[Pegawai]:
    """Active people of `terjangkau` by NIP (spaces allowed), picked suggestion or exact name, in the order
    given; one unknown or outside `terjangkau` is a field error alike (penugasan.masukan.pegawai_dari_teks)."""
    teks = [n for n in teks if n.strip()]
    if len(teks) > MAKS_PEGAWAI:
        raise forms.ValidationError(f"Paling banyak {MAKS_PEGAWAI} pegawai sekaligus.")
    return pegawai_dari_teks(teks, terjangkau)


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


class UnitField(CariField):
    """A unit typed or picked in a search box: its code, "Nama (kode)" or its exact name."""

    def __init__(self, **kwargs):
        super().__init__(url="cari_unit", **kwargs)

    def prepare_value(self, value):
        return f"{value.nama} ({value.kode})" if isinstance(value, Unit) else value

    def clean(self, value):
        teks = super().clean(value)
        return unit_dari_teks(teks) if teks else None


class PegawaiField(CariField):
    """A person typed or picked in a search box; the form looks them up within its reach."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Ketik nama atau NIP, lalu pilih dari saran.")
        super().__init__(url="cari_pegawai", **kwargs)


class PenugasanForm(forms.Form):
    alur = forms.ChoiceField(label="Alur", choices=Alur.choices, widget=forms.RadioSelect)
    unit_tujuan = UnitField(
        label="Unit tujuan",
        help_text="Ketik nama atau kode unit, lalu pilih dari saran. Unit tempat pegawai yang diminta "
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
        label="Kompetensi yang dibutuhkan (calon yang memilikinya ditandai)",
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
    # what started the request elsewhere (a target's strategy in kinerja), carried through unchanged
    rujukan = forms.RegexField(
        regex=r"^[a-z_]+\.[a-z_]+:[0-9]{1,10}$",
        max_length=64,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Rujukan tidak sah."},
    )

    def __init__(self, *args, tim_qs=None, terjangkau=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terjangkau = Pegawai.objects.none() if terjangkau is None else terjangkau
        if tim_qs is not None:
            self.fields["tim"].queryset = tim_qs
        # Any NIP may be posted (candidates are loaded for the chosen unit); clean_pegawai checks them.
        self.fields["pegawai"].choices = [(n, n) for n in self.data.getlist("pegawai")] if self.is_bound else []

    def clean_pegawai(self):
        return pegawai_menurut_teks(self.cleaned_data["pegawai"], self.terjangkau)

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
        return pegawai_menurut_teks(self.cleaned_data["pegawai"], self.terjangkau)


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
    """A new team. Who may form one for the unit (`pelaku`) is asked first; people are looked up only for
    those who may (anyone active: a team may take members from other agencies, Lampiran B.3), so the form
    tells nobody else whether a NIP or name exists. `bukan_wewenang` then holds the refusal (a 403)."""

    nama = TeksFormField(jenis="pendek", baris=False, label="Nama tim")
    tujuan = TeksFormField(jenis="sedang", label="Tujuan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit_pemilik = UnitField(
        label="Unit Organisasi pemilik kinerja", help_text="Ketik nama atau kode unit, lalu pilih dari saran."
    )
    sifat = forms.ChoiceField(label="Sifat", choices=Sifat.choices)
    mulai = forms.DateField(label="Mulai", widget=TANGGAL)
    selesai = forms.DateField(label="Selesai", widget=TANGGAL)
    ketua = PegawaiField(label="Ketua")
    anggota = CariBanyakField(
        url="cari_pegawai",
        keterangan="Peran",
        label="Anggota",
        required=False,
        help_text="Ketik nama atau NIP, lalu pilih dari saran; ulangi untuk anggota berikutnya. Saran memuat "
        "pegawai dalam cakupan Anda; anggota dari instansi lain: ketik NIP-nya. Tanpa JavaScript: pisahkan "
        "dengan titik koma, peran (boleh) sesudah titik dua, mis. 19850317 201003 1 001: analis data.",
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
        return pegawai_menurut_teks(nip, Pegawai.objects.all()) if self.cleaned_data.get("unit_pemilik") else []

    def clean_ketua(self):
        return next(iter(self._cari([self.cleaned_data["ketua"]])), None)

    def clean_anggota(self):
        isian = self.cleaned_data["anggota"]  # [(name or NIP, role)]
        if any(not siapa for siapa, _ in isian):
            raise forms.ValidationError("Setiap anggota diawali nama atau NIP-nya.")
        peran = []
        for i, (_, p) in enumerate(isian, start=1):
            try:
                peran.append(periksa_teks(p, maks=PANJANG["pendek"], baris=False, wajib=False))
            except forms.ValidationError as e:
                raise forms.ValidationError([f"Anggota ke-{i}, peran: {m}" for m in e.messages]) from None
        return list(zip(self._cari([siapa for siapa, _ in isian]), peran, strict=False))

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


class KompetensiForm(forms.Form):
    kompetensi = PilihanIdField(label="Kompetensi", queryset=Kompetensi.objects.all(), empty_label="— pilih —")
    bukti = TeksFormField(
        jenis="sedang", baris=False, label="Bukti (sertifikat, pelatihan)", required=False, max_length=300
    )


class AnggotaForm(forms.Form):
    """A member added to a team; the view asks whether the caller manages it before giving `terjangkau`."""

    nip = PegawaiField(label="Anggota")
    peran = TeksFormField(jenis="pendek", baris=False, label="Peran dalam tim", required=False)

    def __init__(self, *args, terjangkau=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terjangkau = Pegawai.objects.none() if terjangkau is None else terjangkau

    def clean_nip(self):
        return pegawai_menurut_teks([self.cleaned_data["nip"]], self.terjangkau)[0]


class CabutForm(forms.Form):
    alasan = TeksFormField(
        jenis="sedang",
        label="Alasan pencabutan",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Alasan pencabutan wajib diisi."},
    )
