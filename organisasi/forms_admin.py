"""Forms of the Bagian Organisasi's admin. They read and translate input; the services decide and write."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError

from sistemkerja.forms import FormTransisi

from . import nip as nip_mod
from . import pertukaran
from .choices import JenisUnit
from .models import Instansi, Jabatan, Pegawai, PejabatUnit, Unit


def _tanggal(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=AdminDateWidget, **kwargs)


class InstansiForm(FormTransisi):
    class Meta:
        model = Instansi
        fields = ["kode", "nama", "kode_wilayah", "tempat", "alamat", "lambang", "kode_klasifikasi"]


class JabatanForm(FormTransisi):
    class Meta:
        model = Jabatan
        fields = ["nama", "jenis", "tingkat", "jenjang"]


class UnitForm(FormTransisi):
    class Meta:
        model = Unit
        fields = ["kode", "nama", "induk", "jenis", "tingkat", "mandiri", "aktif", "kode_naskah"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "jenis" in self.fields:
            pilihan = self.fields["jenis"].choices
            self.fields["jenis"].choices = [c for c in pilihan if c[0] != JenisUnit.INSTANSI]
        for nama in ("induk", "tingkat"):
            if nama in self.fields:
                self.fields[nama].required = True


class PejabatUnitForm(FormTransisi):
    """A head, Plt/Plh or delegate. A decided row keeps everything but an earlier end (pejabat_akhiri)."""

    class Meta:
        model = PejabatUnit
        fields = ["unit", "pegawai", "jenis", "mulai", "selesai", "nomor_sk", "keterangan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for nama, f in self.fields.items():
                f.disabled = nama != "selesai"

    def clean_selesai(self):
        selesai = self.cleaned_data.get("selesai")
        if self.instance.pk and selesai is None and self.instance.selesai is not None:
            raise ValidationError("Tanggal selesai yang sudah ditetapkan tidak dapat dikosongkan.")
        return selesai


class PegawaiTambahForm(FormTransisi):
    """A new person with their first placement (pegawai_daftarkan)."""

    nip = forms.CharField(label="NIP", max_length=40, help_text="18 digit; spasi boleh diketik.")
    unit = forms.ModelChoiceField(Unit.objects.none(), label="Unit")
    jabatan = forms.ModelChoiceField(Jabatan.objects.all(), label="Jabatan")
    mulai = _tanggal("Mulai", required=False, help_text="Kosongkan untuk hari ini.")
    nomor_sk = forms.CharField(label="Nomor SK", max_length=120, required=False)

    class Meta:
        model = Pegawai
        fields = ["nip", "nama", "jenis_asn", "golongan", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis_asn"].required = False
        self.fields["jenis_asn"].help_text = "Kosongkan untuk ditebak dari NIP."
        self.fields["unit"].queryset = unit_terjangkau(self.pengguna)

    def clean_nip(self):
        return nip_mod.bersihkan(self.cleaned_data["nip"])


class PegawaiUbahForm(FormTransisi):
    class Meta:
        model = Pegawai
        fields = ["nama", "golongan", "email"]


def unit_terjangkau(pengguna):
    """Units the user may place staff in (their scope, no instansi roots)."""
    if pengguna is None:
        return Unit.objects.none()
    return Unit.objects.restrict(pengguna, "change").exclude(jenis=JenisUnit.INSTANSI).filter(aktif=True)


class PindahkanForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="Unit tujuan")
    jabatan = forms.ModelChoiceField(Jabatan.objects.all(), label="Jabatan")
    mulai = _tanggal("Berlaku mulai")
    nomor_sk = forms.CharField(label="Nomor SK", max_length=120, required=False)

    def __init__(self, *args, pengguna=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_terjangkau(pengguna)


class BerhentikanForm(forms.Form):
    tanggal = _tanggal("Tanggal berhenti")
    alasan = forms.CharField(label="Alasan", max_length=300, help_text="Mis. pensiun, pindah instansi, meninggal.")


class _BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _BanyakBerkasField(forms.FileField):
    """One or more files (Django's documented pattern): a list of UploadedFile."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _BanyakBerkasInput(attrs={"accept": ".xlsx,.csv,.json"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        satu = super().clean
        if isinstance(data, (list, tuple)):
            return [satu(d, initial) for d in data] or satu(None, initial)
        return [satu(data, initial)]


class ImporStrukturForm(forms.Form):
    """The structure upload: one XLSX workbook, CSV files (one per sheet) or one JSON file.

    `cleaned_data["unggahan"]` is the `pertukaran.Unggahan` read from it (the same data whatever the form);
    a file that cannot be read is an Indonesian error on the field."""

    berkas = _BanyakBerkasField(
        label="Berkas",
        help_text="Satu buku kerja Excel (.xlsx), atau beberapa berkas .csv sekaligus (satu per lembar, "
        "mis. unit.csv dan pegawai.csv), atau satu berkas .json. Paling besar "
        f"{pertukaran.BATAS_UNGGAHAN // 1024 // 1024} MB.",
    )

    def clean_berkas(self):
        daftar = self.cleaned_data["berkas"]
        if sum(b.size for b in daftar) > pertukaran.BATAS_UNGGAHAN:
            batas = pertukaran.BATAS_UNGGAHAN // 1024 // 1024
            raise ValidationError(f"Berkas terlalu besar (paling besar {batas} MB seluruhnya).")
        # JSON nested thousands deep, a broken workbook or a CSV in another encoding is a form error
        self.cleaned_data["unggahan"] = pertukaran.baca_unggahan([(b.name, b.read()) for b in daftar])
        return daftar

    def nama_berkas(self) -> str:
        return ", ".join(b.name for b in self.cleaned_data["berkas"])


# --- mutasi kolektif ------------------------------------------------------------------------------


@dataclass
class BarisMutasiTeks:
    """One line `NIP;unit kode;jabatan` as typed, and what it resolved to."""

    nomor: int
    nip: str
    kode_unit: str
    nama_jabatan: str
    pegawai: Pegawai | None = None
    unit: Unit | None = None
    jabatan: Jabatan | None = None
    galat: list[str] = field(default_factory=list)


class MutasiKolektifForm(forms.Form):
    nomor_sk = forms.CharField(label="Nomor SK", max_length=120)
    tanggal_sk = _tanggal("Tanggal SK")
    berlaku_mulai = _tanggal("Berlaku mulai")
    perihal = forms.CharField(label="Perihal", max_length=300, required=False)
    unit_tujuan = forms.CharField(
        label="Unit tujuan (kode)",
        max_length=64,
        required=False,
        help_text="Dipakai untuk baris yang kolom unitnya kosong.",
    )
    baris = forms.CharField(
        label="Daftar pegawai",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Satu baris per pegawai: NIP;kode unit;nama jabatan. Jabatan kosong = "
        "jabatan sekarang. Pemisah ; , atau tab.",
    )
    berkas = forms.FileField(label="Atau unggah CSV", required=False)

    def clean(self):
        data = super().clean()
        berkas = data.get("berkas")
        if berkas:
            try:
                data["baris"] = berkas.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("berkas", "Berkas CSV harus berenkode UTF-8.")
                return data
        if not (data.get("baris") or "").strip():
            self.add_error("baris", "Isi daftar pegawai atau unggah berkas CSV.")
        return data


class LampiranSkForm(forms.Form):
    berkas_sk = forms.FileField(
        label="Berkas SK (PDF)", help_text="Pindaian SK yang sudah ditandatangani; PDF, paling besar 10 MB."
    )


def _pemisah(teks: str) -> str:
    contoh = next((b for b in teks.splitlines() if b.strip()), "")
    return next((p for p in (";", "\t", ",") if p in contoh), ";")


def urai_baris_mutasi(teks: str, *, pengguna, unit_tujuan: str = "") -> list[BarisMutasiTeks]:
    """Parse the lines and resolve NIP, unit and jabatan within the user's scope; errors per line."""
    baris = []
    for nomor, kolom in enumerate(csv.reader(io.StringIO(teks), delimiter=_pemisah(teks)), 1):
        kolom = [k.strip() for k in kolom] + ["", "", ""]
        if not any(kolom) or kolom[0].lower() == "nip":  # blank line or a header
            continue
        baris.append(BarisMutasiTeks(nomor, nip_mod.bersihkan(kolom[0]), kolom[1] or unit_tujuan, kolom[2]))
    pegawai = {
        p.nip: p
        for p in Pegawai.objects.restrict(pengguna, "change")
        .select_related("unit", "jabatan")
        .filter(nip__in=[b.nip for b in baris])
    }
    unit = {u.kode: u for u in unit_terjangkau(pengguna).filter(kode__in=[b.kode_unit for b in baris])}
    jabatan: dict[str, list[Jabatan]] = {}
    for j in Jabatan.objects.filter(nama__in=[b.nama_jabatan for b in baris]):
        jabatan.setdefault(j.nama, []).append(j)
    for b in baris:
        b.pegawai, b.unit = pegawai.get(b.nip), unit.get(b.kode_unit)
        if b.pegawai is None:
            b.galat.append(f"Pegawai dengan NIP {b.nip or '(kosong)'} tidak ditemukan di cakupan Anda.")
        if b.unit is None:
            b.galat.append(
                f"Unit {b.kode_unit} tidak ditemukan atau tidak aktif di cakupan Anda."
                if b.kode_unit
                else "Kode unit kosong (isi kolom kedua atau unit tujuan)."
            )
        cocok = jabatan.get(b.nama_jabatan, [])
        if not b.nama_jabatan:
            b.jabatan = b.pegawai.jabatan if b.pegawai else None
        elif len(cocok) == 1:
            b.jabatan = cocok[0]
        else:
            masalah = (
                "tidak ada di katalog jabatan."
                if not cocok
                else "ada lebih dari satu di katalog; pilih di admin Jabatan."
            )
            b.galat.append(f"Jabatan {b.nama_jabatan!r} {masalah}")
        if b.pegawai and not b.nama_jabatan and b.jabatan is None:
            b.galat.append("Pegawai belum memiliki jabatan: isi kolom jabatan.")
    return baris
