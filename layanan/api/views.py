"""Layanan API for staff and applications (API.md, Layanan): the service catalogue and the versions of
each standard, survey responses entered by staff, one-time survey codes, and the satisfaction index.

A service comes through `selectors.layanan_terlihat(user)`: every published one, and drafts of the services
the caller runs; one the caller may not know is a 404, as is a malformed kode. Drafts of a new version are
shown only to the pengelola of the service. Acting on a visible service is the services' decision: 403 for
a caller who may not act, 409 when the state does not allow it, 400 by field for bad input.
"""

from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from organisasi.models import Unit
from sistemkerja.api import GALAT_AUTH, GALAT_DAFTAR, GALAT_FIELD, GalatSerializer, galat_objek, param_path
from sistemkerja.masukan import bentuk_id, bentuk_kode

from .. import selectors, services
from ..choices import StatusVersi, SumberResponden
from ..models import Jawaban, Responden, SkemaSurvei, VersiLayanan
from ..services.survei import BERLAKU_KODE_HARI
from ..skema_bawaan import SKEMA_BAWAAN
from . import serializers as s
from ._dasar import (
    GALAT_LANGKAH,
    PARAM_MULAI,
    PARAM_MULAI_IKM,
    PARAM_SELESAI,
    PARAM_SELESAI_IKM,
    PESAN_LAYANAN,
    Dasar,
    dibuat,
    param_cari,
    param_kode,
    param_periode,
    param_pilihan,
)

PARAM_KODE = param_path("kode", "Kode layanan.")
PARAM_SKEMA_IKM = OpenApiParameter(
    "skema",
    OpenApiTypes.STR,
    description="Kode skema survei: `skm2017` (PermenPANRB 14/2017) atau `ikm2004` (Kepmen PAN 25/2004), atau skema "
    "instansi. Bawaan: `skm2017`.",
)
KETERANGAN_IKM = (
    "Per unsur, NRR = jumlah nilai ÷ banyak yang menjawab; atas k unsur yang dijawab, IKM = Σ NRR × (1/k) × 25, "
    "pecahan eksak, dibulatkan setengah ke atas menjadi 2 desimal hanya di akhir; `mutu` dibaca dari IKM yang "
    "dibulatkan. Tanpa jawaban dalam periode: `ikm`, `mutu` dan `kinerja` null."
)
GALAT_IKM = {
    400: OpenApiResponse(GALAT_FIELD, "Tanggal atau skema tidak sah, atau `selesai` sebelum `mulai`."),
    **GALAT_AUTH,
    404: OpenApiResponse(GalatSerializer, "Tidak ada atau di luar cakupan Anda."),
}


def skema_ikm(param, instansi_id, bawaan: str) -> SkemaSurvei:
    """The scheme asked for (shipped or the instansi's own), with its elements and bands."""
    kode = param_kode(param, "skema", "Kode skema tidak sah.") or bawaan
    skema = selectors.skema_tersedia(instansi_id).filter(kode=kode).first()
    if skema is None:
        tersedia = ", ".join(selectors.skema_tersedia(instansi_id).values_list("kode", flat=True))
        raise exceptions.ValidationError({"skema": [f"Skema survei tidak dikenal; gunakan: {tersedia}."]})
    return skema


def _versi_qs():
    return VersiLayanan.objects.select_related("disusun_oleh", "diterbitkan_oleh").order_by("-nomor")


# --- services and their standards ----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Layanan yang dapat Anda lihat",
        description="Semua layanan yang standarnya berlaku, dan draf layanan yang Anda kelola; urut nama.",
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.STR, description="Kode unit: layanan unit itu dan unit di bawahnya."),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=["berlaku", "draf"],
                description="`berlaku`: ada standar yang berlaku; `draf`: belum pernah diterbitkan.",
            ),
            OpenApiParameter("q", OpenApiTypes.STR, description="Cari pada nama atau kode layanan."),
            OpenApiParameter("skema", OpenApiTypes.STR, description="Kode skema survei."),
        ],
        responses={200: s.LayananRingkasSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(
        summary="Satu layanan dengan versi standarnya",
        description="`versi`: semua versi yang pernah diterbitkan; draf hanya bagi pengelola layanan ini.",
        parameters=[PARAM_KODE],
        responses={200: s.LayananSerializer, **galat_objek("Layanan")},
    ),
    create=extend_schema(
        summary="Daftarkan layanan",
        description="Oleh Bagian Organisasi, admin unit atau pimpinan unit (atau di atasnya). Versi 1 berstatus "
        "`draf`; terbitkan dengan `POST /layanan/{kode}/terbitkan/` setelah ke-14 komponen terisi.",
        request=s.LayananBuatSerializer,
        responses={201: s.LayananSerializer, **GALAT_LANGKAH},
    ),
    partial_update=extend_schema(
        summary="Ubah data layanan",
        description="Nama, skema survei, `aktif` (false: ditarik dari katalog) dan `menerima_konsultasi` (layanan "
        "Bagian Organisasi yang survei kepuasannya menerima penilaian konsultasi; satu per instansi). Oleh yang "
        "dapat mendaftarkan layanan unit ini. Standarnya berubah hanya lewat versi baru.",
        parameters=[PARAM_KODE],
        request=s.LayananUbahSerializer,
        responses={200: s.LayananSerializer, **GALAT_LANGKAH},
    ),
)
class LayananViewSet(Dasar, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "kode"
    # anything up to the next slash reaches get_object, which answers a malformed kode with a JSON 404
    lookup_value_regex = "[^/]+"

    def get_serializer_class(self):
        return s.LayananRingkasSerializer if self.action == "list" else s.LayananSerializer

    def get_queryset(self):
        qs = selectors.layanan_terlihat(self.request.user).select_related("unit__instansi")
        if self.action != "list":
            return qs.prefetch_related(Prefetch("versi", queryset=_versi_qs()))
        param = self.request.query_params
        if (kode := param_kode(param, "unit")) is not None:
            path = Unit.objects.filter(kode=kode).values_list("path", flat=True).first()
            qs = qs.filter(unit__path__startswith=path) if path else qs.none()
        status = param_pilihan(param, "status", ["berlaku", "draf"])
        if status:
            qs = qs.filter(versi_berlaku__isnull=status == "draf")
        if q := param_cari(param):
            qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q))
        if (skema := param_kode(param, "skema")) is not None:
            qs = qs.filter(skema_survei__kode=skema)
        return qs.order_by("nama", "kode")

    def get_object(self):
        kode = bentuk_kode(self.kwargs["kode"])
        obj = self.get_queryset().filter(kode=kode).first() if kode else None
        if obj is None:
            raise exceptions.NotFound(PESAN_LAYANAN)
        return obj

    def _layanan(self):
        """The service of the URL, without its versions (actions)."""
        kode = bentuk_kode(self.kwargs["kode"])
        obj = selectors.layanan_terlihat(self.request.user).filter(kode=kode).first() if kode else None
        if obj is None:
            raise exceptions.NotFound(PESAN_LAYANAN)
        return obj

    def _jawab(self, layanan, kode=200, *, muat_ulang=True):
        """The service with its versions (fetched again after a write); drafts for its pengelola only."""
        if muat_ulang:
            layanan = self.get_queryset().filter(pk=layanan.pk).first() or layanan
        konteks = {"draf_terlihat": selectors.boleh_kelola(self.request.user, layanan.unit)}
        return Response(s.LayananSerializer(layanan, context=konteks).data, status=kode)

    def retrieve(self, request, *args, **kwargs):
        return self._jawab(self.get_object(), muat_ulang=False)

    def create(self, request, *args, **kwargs):
        d = self._masuk(s.LayananBuatSerializer)
        layanan = services.layanan_daftarkan(pelaku=request.user, **d)
        return self._jawab(layanan, 201)

    def partial_update(self, request, *args, **kwargs):
        layanan = self._layanan()
        d = self._masuk(s.LayananUbahSerializer)
        layanan = services.layanan_ubah(pelaku=request.user, layanan=layanan, **d)
        return self._jawab(layanan)

    @extend_schema(
        summary="Susun versi baru (draf) standar pelayanan",
        description="Komponen versi terakhir disalin, yang dikirim menggantikannya. Oleh yang dapat mendaftarkan "
        "layanan unit ini.",
        parameters=[PARAM_KODE],
        request=s.VersiBuatSerializer,
        responses={201: s.VersiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def versi(self, request, kode=None):
        layanan = self._layanan()
        d = self._masuk(s.VersiBuatSerializer)
        v = services.versi_buat(pelaku=request.user, layanan=layanan, **d)
        return dibuat(s.VersiSerializer(_versi_qs().get(pk=v.pk)).data)

    @extend_schema(
        summary="Terbitkan draf terbaru",
        description="Draf terbaru menjadi standar yang berlaku; versi yang berlaku sebelumnya tetap dapat dibaca "
        "(`diganti`, dengan `berlaku_sampai`), draf yang lebih lama `dilewati`. Ke-14 komponen wajib terisi (400 "
        "per komponen); 409 bila tidak ada draf.",
        parameters=[PARAM_KODE],
        request=None,
        responses={200: s.LayananSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def terbitkan(self, request, kode=None):
        layanan = self._layanan()
        self._tanpa_isi()
        services.versi_terbitkan(pelaku=request.user, layanan=layanan)
        return self._jawab(layanan)

    # --- the survey ---------------------------------------------------------------------------------

    @extend_schema(
        methods=["GET"],
        summary="Jawaban survei layanan (responden)",
        description="Bagi pengelola layanan (petugas perangkat daerahnya, pimpinan, Bagian Organisasi). Tanpa "
        "identitas: hanya tanggal, profil opsional dan nilai per unsur. Urut tanggal terbaru.",
        parameters=[
            PARAM_KODE,
            PARAM_MULAI,
            PARAM_SELESAI,
            OpenApiParameter("skema", OpenApiTypes.STR, description="Kode skema survei."),
            OpenApiParameter("sumber", OpenApiTypes.STR, enum=SumberResponden.values),
        ],
        responses={200: s.RespondenSerializer(many=True), **GALAT_DAFTAR},
    )
    @extend_schema(
        methods=["POST"],
        summary="Catat jawaban survei (formulir kertas, kios)",
        description="Daftar kuesioner (paling banyak 1.000). Semua atau tidak sama sekali: galat dinamai menurut "
        "baris (`[3].jawaban.U2`, pesannya diawali `Baris 4:`). Layanan harus sudah diterbitkan (409).",
        parameters=[PARAM_KODE],
        request=s.RespondenMasukSerializer(many=True),
        responses={201: s.RespondenTercatatSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["get", "post"])
    def responden(self, request, kode=None):
        layanan = self._layanan()
        if request.method == "POST":
            baru = services.responden_catat(pelaku=request.user, layanan=layanan, baris=request.data)
            return dibuat({"jumlah": len(baru), "id": [r.pk for r in baru]})
        if not selectors.boleh_kelola(request.user, layanan.unit):
            raise exceptions.PermissionDenied("Hanya pengelola layanan ini yang dapat membaca jawaban surveinya.")
        param = request.query_params
        mulai, selesai = param_periode(param, wajib_penuh=False)
        qs = (
            Responden.objects.filter(layanan=layanan)
            .select_related("skema")
            .prefetch_related(Prefetch("jawaban", queryset=Jawaban.objects.select_related("unsur")))
            .order_by("-tanggal", "-id")
        )
        if mulai:
            qs = qs.filter(tanggal__gte=mulai)
        if selesai:
            qs = qs.filter(tanggal__lte=selesai)
        if (skema := param_kode(param, "skema")) is not None:
            qs = qs.filter(skema__kode=skema)
        if sumber := param_pilihan(param, "sumber", SumberResponden.values):
            qs = qs.filter(sumber=sumber)
        halaman = self.paginate_queryset(qs)
        return self.get_paginated_response(s.RespondenSerializer(halaman, many=True).data)

    @extend_schema(
        summary="Buat kode survei sekali pakai",
        description="Untuk dicetak di slip atau tanda terima (satu kode satu kunjungan); kode tidak tersambung "
        "dengan jawaban. Oleh pengelola layanan; layanan harus sudah diterbitkan (409).",
        parameters=[PARAM_KODE],
        request=s.KodeSurveiMasukSerializer,
        responses={201: s.KodeSurveiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"], url_path="kode-survei")
    def kode_survei(self, request, kode=None):
        layanan = self._layanan()
        d = self._masuk(s.KodeSurveiMasukSerializer)
        baru = services.kode_survei_buat(
            pelaku=request.user,
            layanan=layanan,
            jumlah=1 if d["jumlah"] is None else d["jumlah"],
            hari=BERLAKU_KODE_HARI if d["hari"] is None else d["hari"],
        )
        return dibuat(s.kode_survei_data(request, layanan, baru))

    @extend_schema(
        summary="Indeks kepuasan masyarakat layanan dalam satu periode",
        description=KETERANGAN_IKM,
        parameters=[PARAM_KODE, PARAM_MULAI_IKM, PARAM_SELESAI_IKM, PARAM_SKEMA_IKM],
        responses={200: s.IkmSerializer, **GALAT_IKM},
    )
    @action(detail=True, methods=["get"])
    def ikm(self, request, kode=None):
        layanan = self._layanan()
        param = request.query_params
        mulai, selesai = param_periode(param)
        skema = skema_ikm(param, layanan.unit.instansi_id, SKEMA_BAWAAN)
        hasil = selectors.ikm(skema=skema, mulai=mulai, selesai=selesai, layanan=layanan)
        return Response(hasil.sebagai_api())


# --- one version -----------------------------------------------------------------------------------------


class VersiView(Dasar, APIView):
    """`/layanan/{kode}/versi/{nomor}/`: one version; a draft is edited in place (published ones never)."""

    def _versi(self, request, kode, nomor) -> VersiLayanan:
        kode, nomor = bentuk_kode(kode), bentuk_id(nomor)
        layanan = selectors.layanan_terlihat(request.user).filter(kode=kode).first() if kode else None
        versi = _versi_qs().filter(layanan=layanan, nomor=nomor).first() if layanan and nomor else None
        if versi is not None and versi.status in (StatusVersi.DRAF, StatusVersi.DILEWATI):
            if not selectors.boleh_kelola(request.user, layanan.unit):
                versi = None
        if versi is None:
            raise exceptions.NotFound("Versi tidak ditemukan.")
        return versi

    @extend_schema(
        summary="Satu versi standar pelayanan",
        description="Draf hanya bagi pengelola layanan ini.",
        parameters=[PARAM_KODE, OpenApiParameter("nomor", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: s.VersiSerializer, **galat_objek("Versi")},
    )
    def get(self, request, kode, nomor):
        return Response(s.VersiSerializer(self._versi(request, kode, nomor)).data)

    @extend_schema(
        summary="Ubah draf",
        description="Hanya draf; komponen yang tidak dikirim tetap. 409 untuk versi yang sudah diterbitkan (susun "
        "versi baru).",
        parameters=[PARAM_KODE, OpenApiParameter("nomor", OpenApiTypes.INT, OpenApiParameter.PATH)],
        request=s.VersiUbahSerializer,
        responses={200: s.VersiSerializer, **GALAT_LANGKAH},
    )
    def patch(self, request, kode, nomor):
        versi = self._versi(request, kode, nomor)
        d = self._masuk(s.VersiUbahSerializer)
        versi = services.versi_ubah(pelaku=request.user, versi=versi, **d)
        return Response(s.VersiSerializer(_versi_qs().get(pk=versi.pk)).data)


# --- the index of a unit ----------------------------------------------------------------------------------


class UnitIkmView(Dasar, APIView):
    @extend_schema(
        summary="Indeks kepuasan masyarakat sebuah unit (gabungan layanannya)",
        description="Jawaban semua layanan unit itu dan unit di bawahnya digabung lalu dihitung sekali. "
        + KETERANGAN_IKM
        + " Bagi yang dapat melihat unit itu.",
        parameters=[param_path("kode", "Kode unit."), PARAM_MULAI_IKM, PARAM_SELESAI_IKM, PARAM_SKEMA_IKM],
        responses={200: s.IkmSerializer, **GALAT_IKM},
    )
    def get(self, request, kode):
        kode = bentuk_kode(kode)
        unit = Unit.objects.restrict(request.user, "view").filter(kode=kode).first() if kode else None
        if unit is None:
            raise exceptions.NotFound("Unit tidak ditemukan.")
        param = request.query_params
        mulai, selesai = param_periode(param)
        skema = skema_ikm(param, unit.instansi_id, SKEMA_BAWAAN)
        return Response(selectors.ikm(skema=skema, mulai=mulai, selesai=selesai, unit=unit).sebagai_api())
