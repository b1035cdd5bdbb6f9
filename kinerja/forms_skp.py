"""Forms of the appraisal's pages (SKP, monitoring, evaluation, objection, follow-up). They only shape what
was typed; every rule is the services' (a refusal comes back on the fields). The SKP's results and their
indikator are repeated rows read from plain field names (`n_hasil`, `h<i>-…`, `h<i>-n`, `h<i>-k<j>-…`), so a
submit button named `tambah` adds a row on the server, without JavaScript, as the PK form does."""

from __future__ import annotations

from django import forms

from .choices import (
    Aspek,
    JenisHasilKerja,
    JenisPengembangan,
    JenisTindakLanjut,
    NilaiBerakhlak,
    Pendekatan,
    PredikatOrganisasi,
    Rating,
)
from .forms import TEKS, _n

LAMPIRAN = (
    ("sumber_daya", "Dukungan sumber daya"),
    ("skema", "Skema pertanggungjawaban"),
    ("konsekuensi", "Konsekuensi"),
)
KOLOM_HASIL = ("id", "uraian", "jenis", "intervensi", "perspektif", "pendekatan")
KOLOM_INDIKATOR = ("uraian", "aspek", "target", "satuan")
MAKS_HASIL = 30
MAKS_INDIKATOR = 10

# The service speaks to API clients about ids; on the page the intervention is picked from a list.
PESAN_HALAMAN = {
    "Hasil kerja utama mengintervensi hasil kerja PPK atau target unit; isi id-nya.": (
        "Hasil kerja utama mengintervensi hasil kerja PPK atau target unit; pilih salah satu."
    ),
    "Hasil kerja utama JPT menurunkan target perjanjian kinerja; isi id targetnya.": (
        "Hasil kerja utama JPT menurunkan target perjanjian kinerja; pilih targetnya."
    ),
    "Harus id hasil kerja SKP PPK atau id target (mis. 12, target:12, hasil_kerja:7).": (
        "Pilihan intervensi tidak dikenal; pilih dari daftar."
    ),
}


def _indikator_kosong() -> dict:
    return {"uraian": "", "aspek": Aspek.KUANTITAS, "target": "", "satuan": ""}


def _hasil_kosong() -> dict:
    return {
        "id": "",
        "uraian": "",
        "jenis": JenisHasilKerja.UTAMA,
        "intervensi": "",
        "perspektif": "",
        "pendekatan": Pendekatan.KUANTITATIF,
        "indikator": [],
    }


def _teks(post, kunci: str) -> str:
    nilai = post.get(kunci, "")
    return nilai.strip() if isinstance(nilai, str) else ""


def hasil_dari_post(post) -> list[dict]:
    """`[{id, uraian, jenis, intervensi, perspektif, pendekatan, indikator: [{uraian, aspek, target, satuan}]}]`
    from `h<i>-…` fields; blank indikator rows and blank results dropped (a select's default alone is blank)."""
    hasil = []
    for i in range(_n(post.get("n_hasil"), atas=MAKS_HASIL)):
        a = f"h{i}"
        indikator = [
            {k: _teks(post, f"{a}-k{j}-{k}") for k in KOLOM_INDIKATOR}
            for j in range(_n(post.get(f"{a}-n"), atas=MAKS_INDIKATOR))
        ]
        indikator = [x for x in indikator if x["uraian"] or x["target"] or x["satuan"]]
        h = {k: _teks(post, f"{a}-{k}") for k in KOLOM_HASIL} | {"indikator": indikator}
        if h["uraian"] or h["intervensi"] or indikator:
            hasil.append(h)
    return hasil


def hasil_tambah(hasil: list[dict], tombol: str) -> list[dict]:
    """One more row where asked (`tambah` = "hasil" or "indikator-<i>"); never a result without an indikator row."""
    if (tombol == "hasil" and len(hasil) < MAKS_HASIL) or not hasil:
        hasil.append(_hasil_kosong())
    elif tombol.startswith("indikator-") and tombol[10:].isdigit() and int(tombol[10:]) < len(hasil):
        baris = hasil[int(tombol[10:])]["indikator"]
        if len(baris) < MAKS_INDIKATOR:
            baris.append(_indikator_kosong())
    for h in hasil:
        if not h["indikator"]:
            h["indikator"].append(_indikator_kosong())
    return hasil


def nilai_intervensi(hk) -> str:
    if hk.intervensi_hasil_id:
        return f"hasil_kerja:{hk.intervensi_hasil_id}"
    if hk.intervensi_target_id:
        return f"target:{hk.intervensi_target_id}"
    return ""


def hasil_dari_skp(skp) -> list[dict]:
    """An SKP's results as rows (the start of changing it)."""
    return [
        {
            "id": str(h.pk),
            "uraian": h.uraian,
            "jenis": h.jenis,
            "intervensi": nilai_intervensi(h),
            "perspektif": h.perspektif,
            "pendekatan": h.pendekatan,
            "indikator": [
                {"uraian": i.uraian, "aspek": i.aspek, "target": f"{i.target.normalize():f}", "satuan": i.satuan}
                for i in h.indikator.all()
            ],
        }
        for h in skp.hasil_kerja.prefetch_related("indikator")
    ]


def ke_layanan(hasil: list[dict]) -> list[dict]:
    """The rows as the service takes them (no display keys; the id only when there is one)."""
    keluar = []
    for h in hasil:
        d = {k: h[k] for k in KOLOM_HASIL if k != "id"}
        if h.get("id"):
            d["id"] = h["id"]
        d["indikator"] = [{k: x[k] for k in KOLOM_INDIKATOR} for x in h["indikator"]]
        keluar.append(d)
    return keluar


def periksa_baris(hasil: list[dict], id_sah: set[str]) -> dict:
    """What the page refuses before the service sees it, by the service's field paths: a result id that is not
    one of this SKP's (a forged or stale page would otherwise add a row), a number in other digits than 0-9
    (Python reads "١٢" as 12)."""
    galat: dict = {}
    for i, h in enumerate(hasil):
        if h["id"] and h["id"] not in id_sah:
            galat[f"hasil_kerja[{i}]"] = ["Baris hasil kerja tidak dikenal; muat ulang halaman lalu isi kembali."]
        for j, x in enumerate(h["indikator"]):
            if x["target"] and not x["target"].isascii():
                galat[f"hasil_kerja[{i}].indikator[{j}].target"] = ["Gunakan angka 0-9."]
    return galat


def perilaku_dari_post(post) -> list[dict]:
    return [
        {"nilai": n, "label": label, "ekspektasi": _teks(post, f"perilaku-{n}")} for n, label in NilaiBerakhlak.choices
    ]


def perilaku_dari_skp(skp) -> list[dict]:
    ada = {p.nilai: p.ekspektasi for p in skp.perilaku.all()}
    return [{"nilai": n, "label": label, "ekspektasi": ada.get(n, "")} for n, label in NilaiBerakhlak.choices]


def lampiran_dari_post(post) -> list[dict]:
    return [{"kunci": k, "label": label, "isi": _teks(post, f"lampiran-{k}")} for k, label in LAMPIRAN]


def lampiran_dari_skp(skp) -> list[dict]:
    isi = {
        "sumber_daya": skp.lampiran_sumber_daya,
        "skema": skp.lampiran_skema,
        "konsekuensi": skp.lampiran_konsekuensi,
    }
    return [{"kunci": k, "label": label, "isi": isi[k]} for k, label in LAMPIRAN]


def tempel_galat_skp(hasil: list[dict], perilaku: list[dict], lampiran: list[dict], galat: dict) -> dict:
    """Put the service's `hasil_kerja[i]…`, `perilaku.<nilai>` and `lampiran.<kunci>` errors on their rows;
    what is left (the list itself, `tahun`, unknown paths) is returned for the top of the form."""
    from .forms import tempel_galat_baris

    galat = {k: [PESAN_HALAMAN.get(p, p) for p in v] for k, v in galat.items()}
    sisa = tempel_galat_baris(hasil, galat, "hasil_kerja", "indikator")
    for p in perilaku:
        p["galat"] = sisa.pop(f"perilaku.{p['nilai']}", [])
    for lamp in lampiran:
        lamp["galat"] = sisa.pop(f"lampiran.{lamp['kunci']}", [])
    return sisa


# --- plain forms ----------------------------------------------------------------------------------------


class SkpBaruForm(forms.Form):
    tahun = forms.TypedChoiceField(label="Tahun", coerce=int, choices=())

    def __init__(self, *args, tahun_boleh: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun_boleh]


class KembalikanSkpForm(forms.Form):
    catatan = forms.CharField(label="Catatan perbaikan", widget=TEKS)


def _pilihan_kosong(label: str, pilihan) -> list:
    return [("", label), *pilihan]


class _HasilPeriodeForm(forms.Form):
    """Tied, if chosen, to one of the SKP's results and one of its periods (the choices the page gives)."""

    hasil_kerja = forms.ChoiceField(label="Hasil kerja", required=False, choices=())
    periode = forms.ChoiceField(label="Periode", required=False, choices=())

    def __init__(self, *args, hasil_kerja: list, periode: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hasil_kerja"].choices = _pilihan_kosong("(umum)", hasil_kerja)
        self.fields["periode"].choices = _pilihan_kosong("(tanpa periode)", periode)


class CatatanSkpForm(_HasilPeriodeForm):
    uraian = forms.CharField(label="Catatan kemajuan", widget=TEKS)
    realisasi = forms.DecimalField(label="Realisasi", required=False, min_value=0, max_digits=16, decimal_places=2)
    bukti = forms.URLField(label="Tautan bukti", required=False, assume_scheme="https", max_length=500)
    field_order = ["uraian", "hasil_kerja", "periode", "realisasi", "bukti"]


class UmpanBalikSkpForm(_HasilPeriodeForm):
    isi = forms.CharField(label="Umpan balik", widget=TEKS)
    field_order = ["isi", "hasil_kerja", "periode"]


class MasukanKetuaForm(forms.Form):
    isi = forms.CharField(label="Masukan ketua tim", widget=TEKS)
    periode = forms.ChoiceField(label="Periode", required=False, choices=())

    def __init__(self, *args, periode: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = _pilihan_kosong("(tanpa periode)", periode)


class PengembanganForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis pengembangan", choices=JenisPengembangan.choices)
    uraian = forms.CharField(label="Uraian rencana", widget=TEKS)
    rencana_selesai = forms.DateField(
        label="Target selesai", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


RATING = forms.RadioSelect


class NilaiForm(forms.Form):
    rating_hasil = forms.ChoiceField(label="Rating hasil kerja", choices=Rating.choices, widget=RATING)
    rating_perilaku = forms.ChoiceField(label="Rating perilaku kerja", choices=Rating.choices, widget=RATING)
    catatan = forms.CharField(label="Catatan penilaian", required=False, widget=TEKS)


class NilaiPeriodeForm(NilaiForm):
    periode = forms.CharField(widget=forms.HiddenInput, max_length=8)


class TetapkanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan penyimpangan distribusi",
        required=False,
        widget=TEKS,
        help_text="Diisi hanya bila distribusi predikat unit belum sesuai predikat organisasi.",
    )


class KeberatanForm(forms.Form):
    alasan = forms.CharField(label="Alasan keberatan", widget=TEKS)


class PutusKeberatanForm(forms.Form):
    diterima = forms.TypedChoiceField(
        label="Putusan",
        choices=[("ya", "Keberatan diterima (ubah penilaian)"), ("tidak", "Keberatan ditolak")],
        coerce=lambda v: v == "ya",
        widget=forms.RadioSelect,
    )
    putusan = forms.CharField(label="Alasan putusan", widget=TEKS)
    rating_hasil = forms.ChoiceField(
        label="Rating hasil kerja baru (bila diterima)", required=False, choices=_pilihan_kosong("—", Rating.choices)
    )
    rating_perilaku = forms.ChoiceField(
        label="Rating perilaku kerja baru (bila diterima)",
        required=False,
        choices=_pilihan_kosong("—", Rating.choices),
    )


class TindakLanjutForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis tindak lanjut", choices=JenisTindakLanjut.choices)
    uraian = forms.CharField(label="Uraian", widget=TEKS)
    persen_tpp = forms.IntegerField(label="TPP (% dari pagu)", required=False, min_value=0, max_value=200)


class PredikatOrganisasiForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2099)
    predikat = forms.ChoiceField(label="Predikat kinerja organisasi", choices=PredikatOrganisasi.choices)
