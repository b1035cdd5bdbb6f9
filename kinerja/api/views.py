"""Kinerja API (API.md, Kinerja): perjanjian kinerja, targets, plans, their carrying out, results.

Every object comes through `restrict(user)` (plans, activities and feedback through their target's): one
the caller may not know is a 404, as is a malformed id. Acting on a visible one is the services' decision:
403 for a caller who may not act, 409 when the state does not allow it, 400 by field for bad input.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Sum
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from organisasi.permissions import pegawai_dari_user
from sistemkerja.api import (
    GALAT_AUTH,
    GALAT_DAFTAR,
    GALAT_FIELD,
    CatatNipDiKunci,
    GalatSerializer,
    Halaman,
    galat_objek,
    satu_dari_id,
)
from sistemkerja.masukan import bentuk_id, bentuk_kode

from .. import selectors, services
from ..choices import CakupanToken, StatusHasil, StatusPK
from ..models import Anggaran, Hasil, Indikator, Kegiatan, PerjanjianKinerja, RencanaKegiatan, Target, UmpanBalik
from . import serializers as s

GALAT_LANGKAH = {
    400: OpenApiResponse(GALAT_FIELD, "Isian tidak sah (pesan per kolom)."),
    **GALAT_AUTH,
    404: OpenApiResponse(GalatSerializer, "Tidak ada atau di luar cakupan Anda."),
    409: OpenApiResponse(GalatSerializer, "Keadaannya tidak memungkinkan langkah ini."),
}


class CakupanMenurutMetode:
    """Reads need `kinerja:baca`, writes `kinerja:tulis` (organisasi.api.auth)."""

    cakupan_token = {"baca": CakupanToken.KINERJA_BACA, "tulis": CakupanToken.KINERJA_TULIS}


class Dasar(CatatNipDiKunci, CakupanMenurutMetode):
    """Each read naming staff goes to the personal-data access log with every NIP it returns."""

    pagination_class = Halaman
    pesan_404 = "Tidak ditemukan."
    # where kinerja's answers name people by NIP, at any depth
    kunci_nip = frozenset(
        {"nip", "pengaju", "peninjau", "oleh", "pelaksana", "dari", "kepada", "disusun_oleh", "disetujui_oleh"}
        | {"pelaku", "rantai"}
    )

    def get_object(self):
        return satu_dari_id(self.get_queryset(), self.kwargs["pk"], self.pesan_404)

    def _tanpa_isi(self) -> None:
        """An action that takes no body still reads it: a broken or oversized one is refused (400/413)
        before anything is written, as on every other write."""
        self.request.data  # noqa: B018 - parsing is the check

    def _masuk(self, Serializer):
        masuk = Serializer(data=self.request.data, context={"request": self.request})
        masuk.is_valid(raise_exception=True)
        return masuk.validated_data

    def _jawab(self, obj, Serializer=None, kode=status.HTTP_200_OK, **lain):
        """The record as answered by a read (fetched again with its prefetches when still visible)."""
        obj = self.get_queryset().filter(pk=obj.pk).first() or obj
        data = (Serializer or self.get_serializer_class())(obj, context={"request": self.request}).data
        return Response({**data, **lain}, status=kode)


def _rujukan(queryset, nilai, kolom: str, nama: str):
    """An optional id of a related object (None when not sent); unknown → 400 on that field."""
    if nilai is None:
        return None
    obj = queryset.filter(pk=bentuk_id(nilai)).first() if bentuk_id(nilai) else None
    if obj is None:
        raise ValidationError({kolom: [f"{nama} {str(nilai)[:20]} tidak ditemukan."]})
    return obj


def _pilihan(param, nama: str, nilai: list[str]):
    if param[nama] not in nilai:
        raise exceptions.ValidationError({nama: [f"Gunakan salah satu: {', '.join(nilai)}."]})
    return param[nama]


def _bulat(param, nama: str) -> int:
    n = bentuk_id(param[nama])
    if n is None:
        raise exceptions.ValidationError({nama: ["Harus bilangan bulat, mis. 2027."]})
    return n


def _menunggu_saya(param) -> bool:
    if "menunggu" in param:
        _pilihan(param, "menunggu", ["saya"])
        return True
    return False


def _unit(qs, param, kolom: str):
    if "unit" in param:
        kode = bentuk_kode(param["unit"])
        if kode is None:  # a NUL or 1 MB is not a code: refused, not an empty page
            raise exceptions.ValidationError({"unit": ["Kode unit tidak sah (huruf, angka, - dan _, maks. 64)."]})
        return qs.filter(**{kolom: kode})
    return qs


PARAM_MENUNGGU = OpenApiParameter(
    "menunggu", OpenApiTypes.STR, enum=["saya"], description="`saya`: yang menunggu Anda."
)


# --- perjanjian kinerja --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Perjanjian kinerja yang dapat Anda lihat",
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.STR, description="Kode Unit Organisasi."),
            OpenApiParameter("tahun", OpenApiTypes.INT),
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusPK.values),
        ],
        responses={200: s.PerjanjianSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(
        summary="Satu perjanjian kinerja", responses={200: s.PerjanjianSerializer, **galat_objek("Perjanjian kinerja")}
    ),
    create=extend_schema(
        summary="Susun draf perjanjian kinerja",
        description="Oleh Pimpinan Unit Organisasi `unit` pada hari itu. Dalam jawaban, `sasaran[].indikator[]."
        "target` adalah angka target selama draf, dan id target kinerja setelah ditetapkan (angkanya tetap di "
        "`nilai_target`). 409 bila unit sudah memiliki PK berlaku atau draf untuk tahun itu.",
        request=s.PerjanjianBuatSerializer,
        responses={201: s.PerjanjianSerializer, **GALAT_LANGKAH},
    ),
)
class PerjanjianViewSet(Dasar, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PerjanjianSerializer
    pesan_404 = "Perjanjian kinerja tidak ditemukan."

    def get_queryset(self):
        indikator = Indikator.objects.prefetch_related(
            Prefetch("target_kinerja", queryset=Target.objects.filter(induk__isnull=True).order_by("id"))
        )
        qs = (
            PerjanjianKinerja.objects.restrict(self.request.user)
            .select_related("unit")
            .prefetch_related("sasaran", Prefetch("sasaran__indikator", queryset=indikator))
        )
        param = self.request.query_params
        if self.action != "list":
            return qs
        qs = _unit(qs, param, "unit__kode")
        if "tahun" in param:
            qs = qs.filter(tahun=_bulat(param, "tahun"))
        if "status" in param:
            qs = qs.filter(status=_pilihan(param, "status", StatusPK.values))
        return qs

    def create(self, request, *args, **kwargs):
        d = self._masuk(s.PerjanjianBuatSerializer)
        pk = services.perjanjian_susun(pelaku=request.user, unit=d["unit"], tahun=d["tahun"], sasaran=d["sasaran"])
        return self._jawab(pk, kode=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tetapkan perjanjian kinerja",
        description="Indikatornya menjadi target milik unit; id tiap target ada di `sasaran[].indikator[].target`.",
        request=None,
        responses={200: s.PerjanjianSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tetapkan(self, request, pk=None):
        self._tanpa_isi()
        return self._jawab(services.perjanjian_tetapkan(pelaku=request.user, perjanjian=self.get_object()))

    @extend_schema(
        summary="Susun perubahan perjanjian kinerja",
        description="Versi baru (draf) dari PK yang berlaku, dengan `alasan`; setelah ditetapkan menggantikannya.",
        request=s.PerjanjianUbahSerializer,
        responses={201: s.PerjanjianSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def ubah(self, request, pk=None):
        pk_lama = self.get_object()
        d = self._masuk(s.PerjanjianUbahSerializer)
        baru = services.perjanjian_ubah(
            pelaku=request.user, perjanjian=pk_lama, sasaran=d["sasaran"], alasan=d["alasan"]
        )
        return self._jawab(baru, kode=status.HTTP_201_CREATED)


# --- targets -------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Target kinerja yang dapat Anda lihat",
        description="Ringkas: siapa pemiliknya hari ini ada pada `GET /target/{id}/`.",
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.STR, description="Kode unit pemilik."),
            OpenApiParameter("tahun", OpenApiTypes.INT),
            OpenApiParameter("aktif", OpenApiTypes.STR, enum=["true", "false"]),
            PARAM_MENUNGGU,
        ],
        responses={200: s.TargetRingkasSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(summary="Satu target kinerja", responses={200: s.TargetSerializer, **galat_objek("Target")}),
)
class TargetViewSet(Dasar, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TargetSerializer
    pesan_404 = "Target tidak ditemukan."

    def get_queryset(self):
        qs = (
            Target.objects.restrict(self.request.user)
            .select_related("unit", "perjanjian")
            .prefetch_related(Prefetch("turunan", queryset=Target.objects.order_by("id")))
        )
        param = self.request.query_params
        if self.action != "list":
            return qs
        qs = _unit(qs, param, "unit__kode")
        if "tahun" in param:
            qs = qs.filter(tahun=_bulat(param, "tahun"))
        if "aktif" in param:
            qs = qs.filter(aktif=_pilihan(param, "aktif", ["true", "false"]) == "true")
        if _menunggu_saya(param):
            diri = pegawai_dari_user(self.request.user)
            qs = qs.filter(pk__in=selectors.kotak_masuk(diri)["target"].values("pk")) if diri else qs.none()
        return qs

    def get_serializer_class(self):
        return s.TargetRingkasSerializer if self.action == "list" else s.TargetSerializer

    def list(self, request, *args, **kwargs):
        halaman = self.paginate_queryset(self.get_queryset())
        konteks = {"request": request, "capaian": selectors.capaian([t.pk for t in halaman])}
        return self.get_paginated_response(s.TargetRingkasSerializer(halaman, many=True, context=konteks).data)

    @extend_schema(
        summary="Turunkan sebagian target ke unit di bawahnya",
        description="Oleh pimpinan unit pemilik. 400 bila `unit` tidak langsung berada di bawahnya.",
        request=s.TurunkanSerializer,
        responses={201: s.TargetSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def turunkan(self, request, pk=None):
        t = self.get_object()
        d = self._masuk(s.TurunkanSerializer)
        anak = services.target_turunkan(
            pelaku=request.user,
            target=t,
            unit=d["unit"],
            uraian=d["uraian"],
            satuan=d["satuan"],
            target_nilai=d["target"],
        )
        return self._jawab(anak, kode=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Catat strategi pelaksanaan target",
        description="Oleh pemilik. Bila `lintas_unit`, jawaban memuat `penugasan`: permohonan penugasan (alur B "
        "atau C) yang perlu dimulai, sudah terisi, dengan `rujukan` ke target ini.",
        request=s.StrategiMasukSerializer,
        responses={200: s.TargetStrategiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def strategi(self, request, pk=None):
        t = self.get_object()
        d = self._masuk(s.StrategiMasukSerializer)
        t = services.target_strategi(pelaku=request.user, target=t, **d)
        lain = {"penugasan": services.usulan_penugasan(t)} if t.lintas_unit else {}
        return self._jawab(t, **lain)

    @extend_schema(
        summary="Susun rencana kegiatan dan anggaran",
        description="Oleh pegawai unit pemilik atau timnya, bersama pemilik; menunggu persetujuan pemilik.",
        request=s.RencanaMasukSerializer,
        responses={201: s.RencanaSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def rencana(self, request, pk=None):
        t = self.get_object()
        d = self._masuk(s.RencanaMasukSerializer)
        r = services.rencana_susun(pelaku=request.user, target=t, kegiatan=d["kegiatan"], alasan=d["alasan"] or "")
        return Response(s.RencanaSerializer(_rencana_qs(request.user).get(pk=r.pk)).data, status=201)

    @extend_schema(
        summary="Beri umpan balik",
        description="Oleh pemilik, ketua tim atau pimpinan di atasnya, kepada pelaksana; atau balasan atas "
        "umpan balik (`balasan_untuk`).",
        request=s.UmpanBalikMasukSerializer,
        responses={201: s.UmpanBalikSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"], url_path="umpan-balik")
    def umpan_balik(self, request, pk=None):
        t = self.get_object()
        d = self._masuk(s.UmpanBalikMasukSerializer)
        balas = _rujukan(UmpanBalik.objects.filter(target=t), d["balasan_untuk"], "balasan_untuk", "Umpan balik")
        u = services.umpan_balik_kirim(
            pelaku=request.user, target=t, isi=d["isi"], kepada=d["kepada"], balasan_untuk=balas
        )
        return Response(s.UmpanBalikSerializer(u).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ajukan hasil",
        description="Oleh pelaksana rencana yang disetujui atau ketua timnya; tinjauan dimulai pada pimpinan "
        "pertama rantai unit pemilik.",
        request=s.HasilMasukSerializer,
        responses={201: s.HasilSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def hasil(self, request, pk=None):
        t = self.get_object()
        d = self._masuk(s.HasilMasukSerializer)
        h = services.hasil_ajukan(
            pelaku=request.user,
            target=t,
            capaian=d["capaian"],
            uraian=d["uraian"],
            bukti=d["bukti"],
            berkas=d["berkas"],
        )
        return Response(s.HasilSerializer(_hasil_qs(request.user).get(pk=h.pk)).data, status=201)


# --- plans, activities, feedback -----------------------------------------------------------------------


def _rencana_qs(user):
    return (
        RencanaKegiatan.objects.filter(target__in=Target.objects.restrict(user))
        .select_related("disusun_oleh", "disetujui_oleh")
        .prefetch_related("kegiatan__pelaksana", "kegiatan__anggaran")
    )


@extend_schema_view(
    retrieve=extend_schema(
        summary="Satu rencana kegiatan dan anggaran", responses={200: s.RencanaSerializer, **galat_objek("Rencana")}
    )
)
class RencanaViewSet(Dasar, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.RencanaSerializer
    pesan_404 = "Rencana tidak ditemukan."

    def get_queryset(self):
        return _rencana_qs(self.request.user)

    @extend_schema(
        summary="Setujui rencana (oleh pemilik target)",
        request=s.CatatanSerializer,
        responses={200: s.RencanaSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        r = self.get_object()
        d = self._masuk(s.CatatanSerializer)
        return self._jawab(services.rencana_setujui(pelaku=request.user, rencana=r, catatan=d["catatan"] or ""))


class KegiatanViewSet(Dasar, viewsets.GenericViewSet):
    serializer_class = s.ProgresSerializer
    pesan_404 = "Kegiatan tidak ditemukan."

    def get_queryset(self):
        return Kegiatan.objects.filter(rencana__target__in=Target.objects.restrict(self.request.user))

    @extend_schema(
        summary="Catat progres kegiatan",
        description="Oleh pelaksana (atau ketua tim). Bukti: tautan `bukti`, atau berkas `berkas` (multipart).",
        request={"application/json": s.ProgresMasukSerializer, "multipart/form-data": s.ProgresMasukSerializer},
        responses={201: s.ProgresSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def progres(self, request, pk=None):
        k = self.get_object()
        d = self._masuk(s.ProgresMasukSerializer)
        p = services.progres_catat(pelaku=request.user, kegiatan=k, **d)
        return Response(s.ProgresSerializer(p).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Catat realisasi anggaran",
        description="Oleh pelaksana (atau ketua tim); `sisa_anggaran` adalah sisa anggaran kegiatan sesudahnya.",
        request=s.RealisasiMasukSerializer,
        responses={201: s.RealisasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def realisasi(self, request, pk=None):
        k = self.get_object()
        d = self._masuk(s.RealisasiMasukSerializer)
        baris = _rujukan(Anggaran.objects.filter(kegiatan=k), d.pop("anggaran"), "anggaran", "Baris anggaran")
        r = services.realisasi_catat(pelaku=request.user, kegiatan=k, anggaran=baris, **d)
        r.sisa_anggaran = _sisa(Anggaran.objects.filter(kegiatan=k), Kegiatan.objects.filter(pk=k.pk))
        r.sisa_baris = (
            _sisa(Anggaran.objects.filter(pk=baris.pk), Anggaran.objects.filter(pk=baris.pk)) if baris else None
        )
        return Response(s.RealisasiSerializer(r).data, status=status.HTTP_201_CREATED)


def _sisa(pagu, terpakai) -> int:
    """Budget minus spending, both summed in the database."""
    return (pagu.aggregate(n=Sum("jumlah"))["n"] or 0) - (terpakai.aggregate(n=Sum("realisasi__jumlah"))["n"] or 0)


class UmpanBalikViewSet(Dasar, viewsets.GenericViewSet):
    serializer_class = s.UmpanBalikSerializer
    pesan_404 = "Umpan balik tidak ditemukan."

    def get_queryset(self):
        return UmpanBalik.objects.filter(target__in=Target.objects.restrict(self.request.user)).select_related(
            "dari", "kepada"
        )

    @extend_schema(
        summary="Tandai umpan balik dibaca (oleh penerimanya)",
        request=None,
        responses={200: s.UmpanBalikSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def baca(self, request, pk=None):
        self._tanpa_isi()
        return self._jawab(services.umpan_balik_baca(pelaku=request.user, umpan_balik=self.get_object()))


# --- results -------------------------------------------------------------------------------------------


def _hasil_qs(user):
    return (
        Hasil.objects.restrict(user)
        .select_related("pengaju", "peninjau", "target__unit")
        .prefetch_related(Prefetch("riwayat", queryset=_riwayat()))
    )


def _riwayat():
    from ..models import Riwayat

    return Riwayat.objects.select_related("oleh").order_by("waktu", "id")


@extend_schema_view(
    list=extend_schema(
        summary="Hasil kinerja yang dapat Anda lihat",
        description="Ringkas: `langkah` dan `rantai` (menurut hari ini) ada pada `GET /hasil/{id}/`.",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusHasil.values),
            OpenApiParameter("target", OpenApiTypes.INT, description="Id target."),
            PARAM_MENUNGGU,
        ],
        responses={200: s.HasilRingkasSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(summary="Satu hasil kinerja", responses={200: s.HasilSerializer, **galat_objek("Hasil")}),
)
class HasilViewSet(Dasar, viewsets.ReadOnlyModelViewSet):
    pesan_404 = "Hasil tidak ditemukan."

    def get_serializer_class(self):
        return s.HasilRingkasSerializer if self.action == "list" else s.HasilSerializer

    def get_queryset(self):
        if self.action != "list":
            return _hasil_qs(self.request.user)
        qs = Hasil.objects.restrict(self.request.user).select_related("pengaju", "peninjau")
        param = self.request.query_params
        if "status" in param:
            qs = qs.filter(status=_pilihan(param, "status", StatusHasil.values))
        if "target" in param:
            qs = qs.filter(target_id=_bulat(param, "target"))
        if _menunggu_saya(param):
            diri = pegawai_dari_user(self.request.user)
            qs = qs.filter(pk__in=selectors.kotak_masuk(diri)["hasil"].values("pk")) if diri else qs.none()
        return qs

    @extend_schema(
        summary="Terima hasil (oleh peninjau pada `langkah.pelaku`)",
        description="Tinjauan berpindah ke pimpinan berikutnya, atau hasil `selesai` setelah yang terakhir.",
        request=s.CatatanSerializer,
        responses={200: s.HasilSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def terima(self, request, pk=None):
        h = self.get_object()
        d = self._masuk(s.CatatanSerializer)
        return self._jawab(services.hasil_terima(pelaku=request.user, hasil=h, catatan=d["catatan"] or ""))

    @extend_schema(
        summary="Kembalikan hasil untuk diperbaiki",
        description="Oleh peninjau pada `langkah.pelaku`; `catatan` wajib.",
        request=s.CatatanSerializer,
        responses={200: s.HasilSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request, pk=None):
        h = self.get_object()
        d = self._masuk(s.CatatanSerializer)
        return self._jawab(services.hasil_kembalikan(pelaku=request.user, hasil=h, catatan=d["catatan"]))

    @extend_schema(
        summary="Ajukan kembali hasil yang dikembalikan",
        description="Oleh pengajunya; tinjauan dimulai lagi pada peninjau pertama.",
        request=s.HasilMasukSerializer,
        responses={200: s.HasilSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        h = self.get_object()
        d = self._masuk(s.HasilMasukSerializer)
        return self._jawab(services.hasil_ajukan_ulang(pelaku=request.user, hasil=h, **d))
