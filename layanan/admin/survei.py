"""The survey in the admin: the schemes (an instansi's own kept here by the Bagian Organisasi, checked as a
whole: every element has exactly one label per value, the bands of mutu cover the whole range of the index
without gap or overlap), and the records the services write (codes, responses, answers, follow-up plans),
read-only."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from kinerja.admin.dasar import InlineHanyaBaca, boleh_buka, filter_perangkat_daerah, kolom_waktu
from kinerja.admin.skp import IzinBagianOrganisasi
from sistemkerja.admin import TautanTerbatasMixin

from ..models import Jawaban, KodeSurvei, MutuSurvei, RencanaTindakLanjut, Responden, SkemaSurvei, UnsurSurvei
from ..services import tampil_kode
from .dasar import CariAman, HanyaBaca, IzinBaca, singkat

SEN = Decimal("0.01")
BENTUK_KODE_UNSUR = re.compile(r"^[A-Za-z0-9]{1,8}$")
NILAI_MAKS = (2, 10)  # answers 1..n on a questionnaire: a 2- to 10-point scale
INDEKS_MAKS = Decimal("999.99")  # MutuSurvei's bounds: five digits, two decimals


def rentang(nilai_maks: int, pengali: int) -> tuple[Decimal, Decimal]:
    """The index's range: every answer 1 (× pengali) to every answer the highest value."""
    return Decimal(pengali).quantize(SEN), Decimal(pengali * nilai_maks).quantize(SEN)


def periksa_mutu(pita: list[tuple[str, Decimal, Decimal]], nilai_maks: int, pengali: int) -> list[str]:
    """What is wrong with a scheme's bands [(mutu, bawah, atas)]: each a range with bawah ≤ atas, together
    covering the index's range at 0.01 steps, each value in exactly one band (no overlap, no gap)."""
    awal, akhir = rentang(nilai_maks, pengali)
    if not pita:
        return ["Isi paling sedikit satu mutu."]
    galat = []
    nama = [m for m, _, _ in pita]
    if dobel := sorted({m for m in nama if nama.count(m) > 1}):
        galat.append(f"Mutu {', '.join(dobel)} tercantum lebih dari sekali.")
    for m, bawah, atas in pita:
        if bawah > atas:
            galat.append(f"Mutu {m}: batas bawah {bawah} lebih besar dari batas atas {atas}.")
    if galat:
        return galat
    urut = sorted(pita, key=lambda p: (p[1], p[2]))
    if urut[0][1] != awal:
        galat.append(f"Mutu terendah ({urut[0][0]}) harus mulai dari {awal}, bukan {urut[0][1]}.")
    if urut[-1][2] != akhir:
        galat.append(f"Mutu tertinggi ({urut[-1][0]}) harus sampai {akhir}, bukan {urut[-1][2]}.")
    for (m1, b1, a1), (m2, b2, a2) in zip(urut, urut[1:], strict=False):
        if b2 <= a1:
            galat.append(f"Mutu {m1} ({b1}–{a1}) dan {m2} ({b2}–{a2}) tumpang tindih.")
        elif b2 != a1 + SEN:
            galat.append(f"Ada celah antara mutu {m1} dan {m2}: {a1 + SEN}–{b2 - SEN} tidak masuk mutu mana pun.")
    return galat


class BarisField(forms.CharField):
    """A list of labels typed one per line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 28})

    def prepare_value(self, value):
        return "\n".join(str(v) for v in value) if isinstance(value, list) else value

    def to_python(self, value):
        teks = super().to_python(value)
        return [b.strip() for b in teks.splitlines() if b.strip()]


class UnsurForm(forms.ModelForm):
    pilihan = BarisField(
        label="label jawaban",
        help_text="Satu label per baris, dari nilai 1 (terendah) sampai nilai tertinggi skema.",
    )

    class Meta:
        model = UnsurSurvei
        fields = ["urutan", "kode", "nama", "pertanyaan", "pilihan"]

    def clean_kode(self):
        kode = self.cleaned_data["kode"]
        if not BENTUK_KODE_UNSUR.match(kode):
            raise ValidationError("Kode 1–8 huruf atau angka, mis. U1.")
        return kode

    def clean_pilihan(self):
        pilihan = self.cleaned_data["pilihan"]
        if any(len(p) > 100 for p in pilihan):
            raise ValidationError("Setiap label paling banyak 100 karakter.")
        return pilihan


class UnsurFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        baris = [f for f in self.forms if f.cleaned_data and not self._should_delete_form(f)]
        if not baris:
            raise ValidationError("Isi paling sedikit satu unsur.")
        n = self.instance.nilai_maks
        for f in baris:
            if len(f.cleaned_data["pilihan"]) != n:
                f.add_error(
                    "pilihan", f"Harus tepat {n} label (nilai 1 sampai {n}); sekarang {len(f.cleaned_data['pilihan'])}."
                )
        for kolom, label in (("kode", "Kode"), ("urutan", "Urutan")):
            nilai = [f.cleaned_data[kolom] for f in baris]
            if dobel := sorted({str(v) for v in nilai if nilai.count(v) > 1}):
                raise ValidationError(f"{label} unsur {', '.join(dobel)} dipakai lebih dari sekali.")


class MutuFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        pita = [
            (f.cleaned_data["mutu"], f.cleaned_data["bawah"], f.cleaned_data["atas"])
            for f in self.forms
            if f.cleaned_data and not self._should_delete_form(f)
        ]
        if galat := periksa_mutu(pita, self.instance.nilai_maks, self.instance.pengali):
            raise ValidationError(galat)


class SkemaForm(forms.ModelForm):
    class Meta:
        model = SkemaSurvei
        fields = ["kode", "nama", "dasar_hukum", "instansi", "nilai_maks", "pengali"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "instansi" in self.fields:  # a scheme added here is an instansi's own (the form of one to change)
            self.fields["instansi"].required = True
            self.fields["instansi"].help_text = "Instansi pemilik skema ini."

    def clean_nilai_maks(self):
        n = self.cleaned_data["nilai_maks"]
        if not NILAI_MAKS[0] <= n <= NILAI_MAKS[1]:
            raise ValidationError(f"Nilai tertinggi {NILAI_MAKS[0]} sampai {NILAI_MAKS[1]}.")
        return n

    def clean(self):
        d = super().clean()
        n, pengali = d.get("nilai_maks"), d.get("pengali")
        if n and pengali is not None and (pengali < 1 or rentang(n, pengali)[1] > INDEKS_MAKS):
            self.add_error("pengali", f"Pengali minimal 1 dan nilai tertinggi × pengali paling besar {INDEKS_MAKS}.")
        return d


class IzinSkema:
    """Shipped schemes (no instansi) and schemes already answered stay as they are: the indices of past
    periods were computed with them."""

    @staticmethod
    def terkunci(obj) -> bool:
        if obj is None:
            return False
        return obj.instansi_id is None or Responden.objects.filter(skema=obj).exists()


class UnsurInline(IzinSkema, admin.TabularInline):
    model = UnsurSurvei
    form = UnsurForm
    formset = UnsurFormSet
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not self.terkunci(obj) and boleh_buka(request, super().has_add_permission(request, obj))

    def has_change_permission(self, request, obj=None):
        return not self.terkunci(obj) and boleh_buka(request, super().has_change_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return not self.terkunci(obj) and boleh_buka(request, super().has_change_permission(request, obj))

    def has_view_permission(self, request, obj=None):
        return boleh_buka(request, super().has_view_permission(request, obj))


class MutuInline(UnsurInline):
    model = MutuSurvei
    form = forms.ModelForm
    formset = MutuFormSet
    fields = ["mutu", "kinerja", "bawah", "atas"]


@admin.register(SkemaSurvei)
class SkemaSurveiAdmin(CariAman, IzinSkema, IzinBagianOrganisasi, TautanTerbatasMixin, admin.ModelAdmin):
    form = SkemaForm
    list_display = ["kode", "nama", "instansi", "nilai_maks", "pengali", "bawaan"]
    list_filter = [("instansi", admin.EmptyFieldListFilter)]
    search_fields = ["kode", "nama"]
    list_select_related = ["instansi"]
    inlines = [UnsurInline, MutuInline]

    @admin.display(description="bawaan", boolean=True)
    def bawaan(self, obj):
        return obj.instansi_id is None

    def has_change_permission(self, request, obj=None):
        return not self.terkunci(obj) and super().has_change_permission(request, obj)


class JawabanInline(InlineHanyaBaca):
    model = Jawaban
    fields = ["unsur", "nilai"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unsur")


@admin.register(KodeSurvei)
class KodeSurveiAdmin(HanyaBaca):
    jalur_layanan = "layanan"
    list_display = ["kode_tampil", "layanan", "dibuat_pada", "berlaku_sampai", "dipakai"]
    list_filter = [("dipakai", admin.EmptyFieldListFilter), filter_perangkat_daerah("layanan__unit__")]
    search_fields = ["kode", "layanan__kode", "layanan__nama"]
    list_select_related = ["layanan"]
    dibuat_pada = kolom_waktu("dibuat", "dibuat")

    @admin.display(description="kode", ordering="kode")
    def kode_tampil(self, obj):
        return tampil_kode(obj.kode)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("-", "").strip())


@admin.register(Responden)
class RespondenAdmin(HanyaBaca):
    jalur_layanan = "layanan"
    list_display = ["__str__", "layanan", "skema", "tanggal", "sumber", "jenis_kelamin", "usia", "pendidikan"]
    list_filter = [
        "sumber",
        "skema",
        "jenis_kelamin",
        "pendidikan",
        "pekerjaan",
        filter_perangkat_daerah("layanan__unit__"),
    ]
    search_fields = ["layanan__kode", "layanan__nama"]
    list_select_related = ["layanan", "skema"]
    date_hierarchy = "tanggal"
    inlines = [JawabanInline]


@admin.register(Jawaban)
class JawabanAdmin(HanyaBaca):
    jalur_layanan = "responden__layanan"
    list_display = ["__str__", "responden", "unsur", "nilai"]
    list_filter = ["unsur__skema", "nilai"]
    search_fields = ["responden__layanan__kode", "unsur__kode"]
    list_select_related = ["responden__layanan", "unsur"]


@admin.register(RencanaTindakLanjut)
class RencanaTindakLanjutAdmin(HanyaBaca):
    jalur_layanan = "layanan"
    list_display = ["layanan", "unsur", "mulai", "selesai", "kegiatan_singkat", "waktu", "penanggung_jawab"]
    list_filter = [filter_perangkat_daerah("layanan__unit__")]
    search_fields = ["layanan__kode", "layanan__nama", "kegiatan"]
    list_select_related = ["layanan", "unsur"]

    @admin.display(description="program/kegiatan", ordering="kegiatan")
    def kegiatan_singkat(self, obj):
        return singkat(obj.kegiatan)


class BagianSkema(CariAman, IzinBaca, TautanTerbatasMixin, admin.ModelAdmin):
    """Listed for search; edited on their scheme's page, where the scheme is checked as a whole."""

    list_select_related = ["skema"]
    search_fields = ["skema__kode", "skema__nama"]
    list_filter = ["skema"]


@admin.register(UnsurSurvei)
class UnsurSurveiAdmin(BagianSkema):
    list_display = ["kode", "nama", "skema", "urutan", "pertanyaan"]
    search_fields = [*BagianSkema.search_fields, "kode", "nama", "pertanyaan"]


@admin.register(MutuSurvei)
class MutuSurveiAdmin(BagianSkema):
    list_display = ["mutu", "kinerja", "bawah", "atas", "skema"]
