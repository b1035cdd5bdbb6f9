"""`/api/v1/publik/`: what anyone may read or send without logging in (API.md, Layanan).

The services in force with their published standard, and every version ever published (drafts and drafts
passed over never); a complaint or suggestion, answered with its tracking code only; the tracking of a
complaint by that code: its status, dates and published answers, nothing else.
"""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from organisasi.models import Unit
from sistemkerja.api import GALAT_DAFTAR, GALAT_FIELD, GalatSerializer, Halaman, param_path
from sistemkerja.masukan import bentuk_id, bentuk_kode
from sistemkerja.security import alamat_klien

from .. import selectors, services
from . import serializers as s
from ._dasar import PESAN_LAYANAN, Publik, dibuat, param_cari, param_kode

PARAM_KODE = param_path("kode", "Kode layanan.")
GALAT_404_LAYANAN = {404: OpenApiResponse(GalatSerializer, "Tidak ada layanan berlaku dengan kode ini.")}


def _layanan_publik(kode):
    kode = bentuk_kode(kode)
    layanan = selectors.layanan_publik().filter(kode=kode).first() if kode else None
    if layanan is None:
        raise exceptions.NotFound(PESAN_LAYANAN)
    return layanan


class LayananPublikDaftarView(Publik, generics.ListAPIView):
    serializer_class = s.LayananPublikSerializer
    pagination_class = Halaman
    filter_backends = []

    @extend_schema(
        summary="Layanan yang standarnya berlaku (publik)",
        description="Tanpa login. Tiap layanan dengan versi standar yang berlaku, `berlaku_sejak` dan ke-14 "
        "komponennya (teks Markdown). Urut nama.",
        auth=[],
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Cari pada nama atau kode layanan."),
            OpenApiParameter(
                "unit", OpenApiTypes.STR, description="Kode unit penyelenggara: unit itu dan unit di bawahnya."
            ),
            OpenApiParameter("instansi", OpenApiTypes.STR, description="Kode instansi."),
        ],
        responses={200: s.LayananPublikSerializer(many=True), 400: GALAT_DAFTAR[400], 404: GALAT_DAFTAR[404]},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = selectors.layanan_publik()
        param = self.request.query_params
        if q := param_cari(param):
            qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q))
        if (kode := param_kode(param, "unit")) is not None:
            path = Unit.objects.filter(kode=kode).values_list("path", flat=True).first()
            qs = qs.filter(unit__path__startswith=path) if path else qs.none()
        if (instansi := param_kode(param, "instansi")) is not None:
            qs = qs.filter(unit__instansi__kode=instansi)
        return qs.order_by("nama", "kode")


class LayananPublikView(Publik, APIView):
    @extend_schema(
        summary="Satu layanan dan standarnya yang berlaku (publik)",
        description="Dengan daftar semua versi yang pernah diterbitkan (`versi_terbit`); versi lama dibaca di "
        "`/publik/layanan/{kode}/versi/{nomor}/`.",
        auth=[],
        parameters=[PARAM_KODE],
        responses={200: s.LayananPublikDetailSerializer, **GALAT_404_LAYANAN},
    )
    def get(self, request, kode):
        layanan = _layanan_publik(kode)
        versi = list(selectors.versi_publik(layanan))
        return Response(s.LayananPublikDetailSerializer(layanan, context={"versi_terbit": versi}).data)


class VersiPublikView(Publik, APIView):
    @extend_schema(
        summary="Satu versi standar yang pernah diterbitkan (publik)",
        description="Versi yang berlaku atau yang sudah diganti, dengan masa berlakunya. Draf tidak pernah tampil.",
        auth=[],
        parameters=[PARAM_KODE, OpenApiParameter("nomor", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={
            200: s.VersiPublikSerializer,
            404: OpenApiResponse(GalatSerializer, "Tidak ada versi terbit dengan nomor ini."),
        },
    )
    def get(self, request, kode, nomor):
        layanan = _layanan_publik(kode)
        nomor = bentuk_id(nomor)
        versi = selectors.versi_publik(layanan).filter(nomor=nomor).first() if nomor else None
        if versi is None:
            raise exceptions.NotFound("Versi tidak ditemukan.")
        versi.layanan = layanan  # with its unit and instansi already fetched
        return Response(s.VersiPublikSerializer(versi).data)


class PengaduanPublikView(Publik, APIView):
    @extend_schema(
        summary="Sampaikan pengaduan atau saran (publik)",
        description="Tanpa login. `isi` wajib; `layanan` (kode), `nama`, `kontak`, `lampiran` (multipart) "
        "opsional. Jawaban hanya `kode_lacak`: simpan untuk memantau di `/publik/pengaduan/{kode_lacak}/`. Paling "
        "banyak 5 pengaduan per jam dari satu alamat (429).",
        auth=[],
        request={
            "application/json": s.PengaduanMasukSerializer,
            "multipart/form-data": s.PengaduanMasukSerializer,
        },
        responses={
            201: s.KodeLacakSerializer,
            400: OpenApiResponse(GALAT_FIELD, "Isian tidak sah (pesan per kolom)."),
            429: OpenApiResponse(GalatSerializer, "Terlalu banyak pengaduan dari alamat ini; coba lagi nanti."),
        },
    )
    def post(self, request):
        masuk = s.PengaduanMasukSerializer(data=request.data)
        masuk.is_valid(raise_exception=True)
        p = services.pengaduan_ajukan(**masuk.validated_data, alamat=alamat_klien(request))
        return dibuat({"kode_lacak": services.tampil_lacak(p.kode_lacak)})


class LacakPublikView(Publik, APIView):
    @extend_schema(
        summary="Lacak pengaduan (publik)",
        description="Dengan kode lacak (dengan atau tanpa tanda hubung, huruf besar atau kecil): status, tanggal dan "
        "tanggapan yang sudah terbit; tidak ada yang lain.",
        auth=[],
        parameters=[param_path("kode_lacak", "Kode lacak, mis. `ABCD-EFGH-JKMN`.")],
        responses={
            200: s.LacakSerializer,
            404: OpenApiResponse(GalatSerializer, "Tidak ada pengaduan dengan kode lacak ini."),
        },
    )
    def get(self, request, kode_lacak):
        p = selectors.pengaduan_lacak(services.normal_lacak(kode_lacak))
        if p is None:
            raise exceptions.NotFound("Tidak ada pengaduan dengan kode lacak ini.")
        return Response(s.LacakSerializer(p).data)
