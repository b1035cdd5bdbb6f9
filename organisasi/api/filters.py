"""Query filters of the organisasi API (django-filter): they only narrow an already restricted queryset."""

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Q, Subquery

from sistemkerja import masukan

from .. import nip as nip_mod
from ..choices import NAMA_POLA, JenisAsn, JenisJabatan, JenisUnit, Tingkat
from ..models import Pegawai, Unit


class YaTidakField(forms.Field):
    """A strict boolean: `true`/`false` (or 1/0); anything else is a 400, not a silently ignored filter."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        nilai = str(value).strip().lower()
        if nilai in ("true", "1"):
            return True
        if nilai in ("false", "0"):
            return False
        raise ValidationError("Gunakan true atau false.", code="invalid")


class BooleanFilter(df.BooleanFilter):
    field_class = YaTidakField


class TeksField(forms.CharField):
    """Search text: bounded, no control characters (a 400 in Indonesian, before any query)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def clean(self, value):
        value = super().clean(value)
        return masukan.periksa_teks(value, maks=masukan.PANJANG["pendek"], wajib=False) if value else value


class KodeField(forms.CharField):
    """A unit or instansi code, checked for shape before any lookup."""

    def clean(self, value):
        value = super().clean(value)
        if value and masukan.bentuk_kode(value) is None:
            raise ValidationError("Kode unit hanya huruf, angka, - dan _ (paling banyak 64).", code="invalid")
        return value


class TeksFilter(df.CharFilter):
    field_class = TeksField


class KodeFilter(df.CharFilter):
    field_class = KodeField


class FilterSetKetat(df.FilterSet):
    """An empty value for a choice or yes/no filter is a 400, like any other value outside its set.

    Text filters are bounded and refuse control characters, codes are checked for shape (`masukan`): a
    NUL never reaches PostgreSQL, nor 1 MB a LIKE.
    """

    def is_valid(self):
        sah = super().is_valid()
        for nama, filter_ in self.filters.items():
            pilihan = isinstance(filter_, (df.ChoiceFilter, df.TypedChoiceFilter, BooleanFilter))
            if pilihan and self.data.get(nama, None) == "":
                self.form.add_error(nama, "Nilai tidak boleh kosong.")
        return sah and not self.form.errors


def _path_unit(kode: str) -> Subquery:
    """The tree path of a unit as a subquery, so a subtree filter stays one query."""
    return Subquery(Unit.objects.filter(kode=kode).values("path")[:1])


class UnitFilter(FilterSetKetat):
    instansi = KodeFilter(field_name="instansi__kode", label="Kode instansi")
    induk = KodeFilter(field_name="induk__kode", label="Kode unit induk langsung")
    di_bawah = KodeFilter(method="filter_di_bawah", label="Kode unit: hanya unit di dalam subpohonnya")
    tingkat = df.ChoiceFilter(choices=Tingkat.choices, label="Tingkat pimpinan")
    jenis = df.ChoiceFilter(choices=JenisUnit.choices, label="Jenis unit")
    mandiri = BooleanFilter(label="Unit Organisasi mandiri")
    pola = df.TypedChoiceFilter(choices=sorted(NAMA_POLA.items()), coerce=int, label="Pola mekanisme kerja (1–6)")
    aktif = BooleanFilter(label="Aktif")
    q = TeksFilter(method="filter_q", label="Cari pada nama atau kode")

    class Meta:
        model = Unit
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(nama__icontains=value) | Q(kode__icontains=value)) if value else queryset

    def filter_di_bawah(self, queryset, name, value):
        return queryset.filter(path__startswith=_path_unit(value))


class PegawaiFilter(FilterSetKetat):
    unit = KodeFilter(field_name="unit__kode", label="Kode unit saat ini")
    instansi = KodeFilter(field_name="unit__instansi__kode", label="Kode instansi")
    jenis_asn = df.ChoiceFilter(choices=JenisAsn.choices, label="Jenis ASN")
    jenis_jabatan = df.ChoiceFilter(field_name="jabatan__jenis", choices=JenisJabatan.choices, label="Jenis jabatan")
    di_bawah = KodeFilter(method="filter_di_bawah", label="Kode unit: pegawai di seluruh subpohonnya")
    aktif = BooleanFilter(label="Aktif")
    q = TeksFilter(method="filter_q", label="Cari pada nama atau NIP (spasi pada NIP boleh)")

    class Meta:
        model = Pegawai
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        kondisi = Q(nama__icontains=value)
        angka = nip_mod.bersihkan(value)
        if angka.isdigit():
            kondisi |= Q(nip__contains=angka)
        return queryset.filter(kondisi)

    def filter_di_bawah(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=_path_unit(value))
