"""Forms of kinerja's pages. They only shape what was typed; every rule is the services' (a refusal comes
back on the fields through `sistemkerja.forms.tempel_galat`). Repeated rows (a PK's sasaran and
indikator, a plan's kegiatan and anggaran) are read from plain field names so "tambah baris" works
without JavaScript: a submit button named `tambah` re-renders the form with one more row."""

from __future__ import annotations

from django import forms

from penugasan.models import TimKerja
from sistemkerja.forms import PilihanIdField

from .choices import Cara, Frekuensi

MAKS_BARIS = 50
TEKS = forms.Textarea(attrs={"rows": 3})


def _n(nilai, bawah: int = 1, atas: int = MAKS_BARIS) -> int:
    """A row count sent back by the form, clamped (a forged count cannot build a huge page)."""
    try:
        return max(bawah, min(atas, int(nilai)))
    except (TypeError, ValueError):
        return bawah


def _kosong(d: dict) -> bool:
    return not any(v for k, v in d.items() if k not in ("galat", "indikator", "anggaran"))


# --- repeated rows --------------------------------------------------------------------------------------


def sasaran_dari_post(post) -> list[dict]:
    """`[{uraian, indikator: [{uraian, satuan, target}]}]` from `s<i>-…` fields; blank rows dropped."""
    hasil = []
    for i in range(_n(post.get("n_sasaran"))):
        a = f"s{i}"
        indikator = [
            {k: post.get(f"{a}-i{j}-{k}", "").strip() for k in ("uraian", "satuan", "target")}
            for j in range(_n(post.get(f"{a}-n")))
        ]
        indikator = [ind for ind in indikator if not _kosong(ind)]
        s = {"uraian": post.get(f"{a}-uraian", "").strip(), "indikator": indikator}
        if s["uraian"] or indikator:
            hasil.append(s)
    return hasil


def sasaran_tambah(sasaran: list[dict], tombol: str) -> list[dict]:
    """One more row where asked (`tambah` = "sasaran" or "indikator-<i>"), and never a sasaran without a row."""
    if tombol == "sasaran" or not sasaran:
        sasaran.append({"uraian": "", "indikator": []})
    elif tombol.startswith("indikator-") and tombol[10:].isdigit() and int(tombol[10:]) < len(sasaran):
        sasaran[int(tombol[10:])]["indikator"].append({"uraian": "", "satuan": "", "target": ""})
    for s in sasaran:
        if not s["indikator"]:
            s["indikator"].append({"uraian": "", "satuan": "", "target": ""})
    return sasaran


def sasaran_dari_pk(pk) -> list[dict]:
    """A PK's sasaran as rows (the start of a perubahan PK)."""
    return [
        {
            "uraian": s.uraian,
            "indikator": [
                {"uraian": i.uraian, "satuan": i.satuan, "target": f"{i.target.normalize():f}"}
                for i in s.indikator.all()
            ],
        }
        for s in pk.sasaran.all()
    ]


def kegiatan_dari_post(post) -> list[dict]:
    """`[{uraian, mulai, selesai, pelaksana: [nip], anggaran: [{uraian, jumlah}]}]` from `k<i>-…` fields."""
    hasil = []
    for i in range(_n(post.get("n_kegiatan"))):
        a = f"k{i}"
        anggaran = [
            {k: post.get(f"{a}-a{j}-{k}", "").strip() for k in ("uraian", "jumlah")}
            for j in range(_n(post.get(f"{a}-n"), 0))
        ]
        k = {
            "uraian": post.get(f"{a}-uraian", "").strip(),
            "mulai": post.get(f"{a}-mulai", "").strip(),
            "selesai": post.get(f"{a}-selesai", "").strip(),
            "pelaksana": [n for n in post.getlist(f"{a}-pelaksana") if isinstance(n, str)][:MAKS_BARIS],
            "anggaran": [b for b in anggaran if not _kosong(b)],
        }
        if not _kosong(k) or k["anggaran"]:
            hasil.append(k)
    return hasil


def kegiatan_tambah(kegiatan: list[dict], tombol: str) -> list[dict]:
    if tombol == "kegiatan" or not kegiatan:
        kegiatan.append({"uraian": "", "mulai": "", "selesai": "", "pelaksana": [], "anggaran": []})
    elif tombol.startswith("anggaran-") and tombol[9:].isdigit() and int(tombol[9:]) < len(kegiatan):
        kegiatan[int(tombol[9:])]["anggaran"].append({"uraian": "", "jumlah": ""})
    return kegiatan


def tempel_galat_baris(baris: list[dict], galat: dict, awalan: str, anak: str) -> dict:
    """Put `awalan[i].kolom` and `awalan[i].anak[j].kolom` errors on their rows (`row["galat"][kolom]`);
    what is left (the list itself, unknown paths) is returned for the top of the form."""
    sisa = dict(galat)
    for i, r in enumerate(baris):
        a = f"{awalan}[{i}]"
        r["galat"] = {
            k[len(a) + 1 :]: sisa.pop(k) for k in list(sisa) if k.startswith(a + ".") and "[" not in k[len(a) :]
        }
        r["galat"]["baris"] = sisa.pop(a, []) + sisa.pop(f"{a}.{anak}", [])
        for k in [k for k in sisa if k.startswith(f"{a}.pelaksana[")]:
            r["galat"].setdefault("pelaksana", []).extend(sisa.pop(k))
        for j, b in enumerate(r[anak]):
            c = f"{a}.{anak}[{j}]"
            b["galat"] = {k[len(c) + 1 :]: sisa.pop(k) for k in list(sisa) if k.startswith(c + ".")}
            b["galat"]["baris"] = sisa.pop(c, [])
    return sisa


# --- plain forms ----------------------------------------------------------------------------------------


class PKForm(forms.Form):
    unit = PilihanIdField(queryset=None, label="Unit Organisasi", empty_label=None)
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2099)

    def __init__(self, *args, unit_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_qs


class UbahPKForm(forms.Form):
    alasan = forms.CharField(label="Alasan perubahan", widget=TEKS)


class TurunkanForm(forms.Form):
    unit = PilihanIdField(queryset=None, label="Unit penerima")
    uraian = forms.CharField(label="Uraian target", widget=TEKS)
    satuan = forms.CharField(label="Satuan", max_length=60)
    target = forms.DecimalField(label="Target", min_value=0, max_digits=16, decimal_places=2)

    def __init__(self, *args, unit_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_qs


class StrategiForm(forms.Form):
    cara = forms.ChoiceField(label="Cara pelaksanaan", choices=Cara.choices, widget=forms.RadioSelect)
    tim = PilihanIdField(queryset=None, label="Tim kerja", required=False)
    lintas_unit = forms.BooleanField(label="Perlu pegawai dari unit lain", required=False)
    perlu_ketua = forms.BooleanField(label="Perlu ketua tim", required=False)

    def __init__(self, *args, tim_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tim"].queryset = tim_qs


class CatatanForm(forms.Form):
    catatan = forms.CharField(label="Catatan", required=False, widget=TEKS)


class KembalikanForm(forms.Form):
    catatan = forms.CharField(label="Catatan perbaikan", widget=TEKS)


class RencanaForm(forms.Form):
    alasan = forms.CharField(label="Alasan perubahan", required=False, widget=TEKS)


class _BuktiForm(forms.Form):
    bukti = forms.URLField(label="Tautan bukti", required=False, assume_scheme="https")
    berkas = forms.FileField(label="atau unggah berkas (PDF/PNG/JPG, maks. 10 MB)", required=False)


class ProgresForm(_BuktiForm):
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    uraian = forms.CharField(label="Uraian", widget=TEKS)
    persen = forms.IntegerField(label="Progres (%)", min_value=0, max_value=100)

    field_order = ["tanggal", "uraian", "persen", "bukti", "berkas"]


class RealisasiForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    uraian = forms.CharField(label="Uraian", max_length=200)
    jumlah = forms.CharField(label="Jumlah (Rp)", help_text="Rupiah utuh tanpa titik, mis. 1500000.")
    anggaran = PilihanIdField(queryset=None, label="Baris anggaran", required=False)

    def __init__(self, *args, anggaran_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anggaran"].queryset = anggaran_qs


class RincianForm(forms.Form):
    uraian = forms.CharField(label="Rincian", widget=TEKS)
    pegawai = PilihanIdField(queryset=None, label="Pegawai", required=False)
    peran = forms.CharField(label="Peran", required=False, max_length=200)

    def __init__(self, *args, pegawai_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = pegawai_qs


class UmpanBalikForm(forms.Form):
    isi = forms.CharField(label="Umpan balik", widget=TEKS)
    kepada = PilihanIdField(queryset=None, label="Kepada", required=False)
    balasan_untuk = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, pegawai_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepada"].queryset = pegawai_qs


class HasilForm(_BuktiForm):
    capaian = forms.DecimalField(label="Capaian", min_value=0, max_digits=16, decimal_places=2)
    uraian = forms.CharField(label="Uraian hasil", widget=TEKS)

    field_order = ["capaian", "uraian", "bukti", "berkas"]


class LaporanForm(forms.Form):
    isi = forms.CharField(label="Isi laporan", widget=TEKS)
    bukti = forms.URLField(label="Tautan bukti", required=False, assume_scheme="https")
    permintaan = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MintaLaporanForm(forms.Form):
    kepada = PilihanIdField(queryset=None, label="Kepada")
    pesan = forms.CharField(label="Pesan", required=False, widget=TEKS)
    batas = forms.DateField(label="Batas", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, pegawai_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepada"].queryset = pegawai_qs


class JadwalForm(forms.Form):
    frekuensi = forms.ChoiceField(label="Frekuensi laporan ketua tim", choices=Frekuensi.choices)
    mulai = forms.DateField(label="Mulai", required=False, widget=forms.DateInput(attrs={"type": "date"}))


def tim_terlihat(user):
    return TimKerja.objects.restrict(user).order_by("nama")
