"""Complaints for staff and SPBE applications (beyond API.md's public two): the list with filters, one
complaint with every answer (published or not) and its history, and the steps: take up, hand to another
unit, answer, publish the answer, close.

A complaint comes through `selectors.pengaduan_terlihat(user)`: the Bagian Organisasi sees all, the
pengelola of the unit it is assigned to see theirs; anyone else gets a 404. The services decide the rest
(403 for a caller who may not act, 409 for the wrong state, 400 by field).
"""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from organisasi.models import Unit
from sistemkerja.api import GALAT_DAFTAR, galat_objek, satu_dari_id

from .. import selectors, services
from ..choices import JenisPengaduan, StatusPengaduan
from ..models import RiwayatLayanan, Tanggapan
from . import serializers as s
from ._dasar import GALAT_LANGKAH, PESAN_PENGADUAN, Dasar, dibuat, param_kode, param_pilihan


def _pengaduan_qs(user):
    return (
        selectors.pengaduan_terlihat(user)
        .select_related("layanan", "unit", "instansi")
        .prefetch_related(
            Prefetch("tanggapan", queryset=Tanggapan.objects.select_related("oleh", "diterbitkan_oleh")),
            Prefetch("riwayat", queryset=RiwayatLayanan.objects.select_related("oleh").order_by("waktu", "id")),
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="Pengaduan dan saran yang dapat Anda tangani",
        description="Bagian Organisasi: semua; petugas: yang ditugaskan ke unit perangkat daerahnya. Terbaru dahulu. "
        "Tanggapan dan riwayat ada pada `GET /pengaduan/{id}/`.",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusPengaduan.values),
            OpenApiParameter("jenis", OpenApiTypes.STR, enum=JenisPengaduan.values),
            OpenApiParameter("layanan", OpenApiTypes.STR, description="Kode layanan."),
            OpenApiParameter("unit", OpenApiTypes.STR, description="Kode unit: unit itu dan unit di bawahnya."),
            OpenApiParameter(
                "terlambat",
                OpenApiTypes.STR,
                enum=["1", "0"],
                description="`1`: belum selesai dan lewat tenggat; `0`: selainnya.",
            ),
        ],
        responses={200: s.PengaduanRingkasSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(
        summary="Satu pengaduan dengan tanggapan dan riwayatnya",
        responses={200: s.PengaduanSerializer, **galat_objek("Pengaduan")},
    ),
)
class PengaduanViewSet(Dasar, viewsets.ReadOnlyModelViewSet):
    def get_serializer_class(self):
        return s.PengaduanRingkasSerializer if self.action == "list" else s.PengaduanSerializer

    def get_queryset(self):
        user = self.request.user
        if self.action != "list":
            return _pengaduan_qs(user)
        qs = selectors.pengaduan_terlihat(user).select_related("layanan", "unit", "instansi")
        param = self.request.query_params
        if status := param_pilihan(param, "status", StatusPengaduan.values):
            qs = qs.filter(status=status)
        if jenis := param_pilihan(param, "jenis", JenisPengaduan.values):
            qs = qs.filter(jenis=jenis)
        if (layanan := param_kode(param, "layanan")) is not None:
            qs = qs.filter(layanan__kode=layanan)
        if (kode := param_kode(param, "unit")) is not None:
            path = Unit.objects.filter(kode=kode).values_list("path", flat=True).first()
            qs = qs.filter(unit__path__startswith=path) if path else qs.none()
        terlambat = param_pilihan(param, "terlambat", ["1", "0"])
        if terlambat == "1":
            qs = qs.filter(selectors.terlambat_q())
        elif terlambat == "0":
            qs = qs.exclude(selectors.terlambat_q())
        return qs.order_by("-diterima", "-id")

    def get_object(self):
        return satu_dari_id(self.get_queryset(), self.kwargs["pk"], PESAN_PENGADUAN)

    def _jawab(self, pengaduan, kode=200):
        pengaduan = _pengaduan_qs(self.request.user).filter(pk=pengaduan.pk).first() or pengaduan
        return Response(s.PengaduanSerializer(pengaduan).data, status=kode)

    @extend_schema(
        summary="Proses pengaduan (diterima → diproses)",
        description="Oleh petugas unit penanggung jawab, atau Bagian Organisasi yang menetapkan `unit` (wajib bila "
        "pengaduan tidak menyebut layanan).",
        request=s.ProsesMasukSerializer,
        responses={200: s.PengaduanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def proses(self, request, pk=None):
        p = self.get_object()
        d = self._masuk(s.ProsesMasukSerializer)
        p = services.pengaduan_proses(pelaku=request.user, pengaduan=p, unit=d["unit"], catatan=d["catatan"] or "")
        return self._jawab(p)

    @extend_schema(
        summary="Alihkan pengaduan ke unit lain",
        description="Ke unit aktif instansi yang sama; pimpinan unit tujuan diberi tahu. 409 bila sudah selesai.",
        request=s.TugaskanMasukSerializer,
        responses={200: s.PengaduanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tugaskan(self, request, pk=None):
        p = self.get_object()
        d = self._masuk(s.TugaskanMasukSerializer)
        p = services.pengaduan_tugaskan(pelaku=request.user, pengaduan=p, unit=d["unit"], catatan=d["catatan"] or "")
        return self._jawab(p)

    @extend_schema(
        summary="Tulis tanggapan",
        description="Saat pengaduan diproses; belum tampil bagi publik sampai diterbitkan "
        "(`POST /tanggapan/{id}/terbitkan/`).",
        request=s.TanggapanMasukSerializer,
        responses={201: s.TanggapanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tanggapan(self, request, pk=None):
        p = self.get_object()
        d = self._masuk(s.TanggapanMasukSerializer)
        t = services.tanggapan_tulis(pelaku=request.user, pengaduan=p, isi=d["isi"])
        return dibuat(s.TanggapanSerializer(t).data)

    @extend_schema(
        summary="Tutup pengaduan (diproses → selesai)",
        description="Setelah tanggapan terbit, atau dengan `catatan` alasan menutup tanpa tanggapan.",
        request=s.CatatanTutupSerializer,
        responses={200: s.PengaduanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tutup(self, request, pk=None):
        p = self.get_object()
        d = self._masuk(s.CatatanTutupSerializer)
        p = services.pengaduan_tutup(pelaku=request.user, pengaduan=p, catatan=d["catatan"] or "")
        return self._jawab(p)


@extend_schema_view(
    retrieve=extend_schema(summary="Satu tanggapan", responses={200: s.TanggapanSerializer, **galat_objek("Tanggapan")})
)
class TanggapanViewSet(Dasar, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.TanggapanSerializer

    def get_queryset(self):
        terlihat = selectors.pengaduan_terlihat(self.request.user).values("pk")
        return Tanggapan.objects.filter(pengaduan__in=terlihat).select_related("oleh", "diterbitkan_oleh")

    def get_object(self):
        return satu_dari_id(self.get_queryset(), self.kwargs["pk"], "Tanggapan tidak ditemukan.")

    @extend_schema(
        summary="Terbitkan tanggapan",
        description="Oleh pimpinan unit penanggung jawab (atau di atasnya), admin unit atau Bagian Organisasi; "
        "tanggapan lalu tampil pada pelacakan publik dan pengadu yang meninggalkan surel diberi tahu.",
        request=None,
        responses={200: s.TanggapanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def terbitkan(self, request, pk=None):
        t = self.get_object()
        self._tanpa_isi()
        t = services.tanggapan_terbitkan(pelaku=request.user, tanggapan=t)
        return Response(s.TanggapanSerializer(self.get_queryset().get(pk=t.pk)).data)
