"""Penugasan API (API.md, Penugasan): teams, requests and their steps, letters, public verification.

Every object comes through `restrict(user, "view")`: one the caller may not know is a 404. Acting on
a visible one that is not theirs is a 403 (the services decide), on an ended one a 409.
"""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from organisasi.api.auth import SEMUA_TOKEN
from organisasi.models import Pegawai, Unit
from sistemkerja.api import (
    GALAT_AUTH,
    GALAT_DAFTAR,
    GALAT_FIELD,
    CatatNipDiKunci,
    GalatSerializer,
    Halaman,
    galat_objek,
    nip_dalam,
    satu_dari_id,
)
from sistemkerja.errors import TransisiTidakSah

from .. import selectors, services
from ..choices import CakupanToken, Status, StatusBerkas
from ..models import Penugasan, Surat, TimKerja
from ..pdf import melampaui_batas, respon_pdf
from . import serializers as s

GALAT_TULIS = {400: OpenApiResponse(GALAT_FIELD, "Isian tidak sah."), **GALAT_AUTH}
GALAT_LANGKAH = {
    **GALAT_TULIS,
    404: OpenApiResponse(GalatSerializer, "Tidak ada atau di luar cakupan Anda."),
    409: OpenApiResponse(GalatSerializer, "Penugasan sudah berakhir."),
}


class CakupanMenurutMetode:
    """Reads need `penugasan:baca`, writes `penugasan:tulis` (organisasi.api.auth)."""

    cakupan_token = {"baca": CakupanToken.PENUGASAN_BACA, "tulis": CakupanToken.PENUGASAN_TULIS}


class NipDicatat(CatatNipDiKunci):
    """Penugasan's answers name staff: each read is in the personal-data access log with every NIP it returns:
    a record's requester, staff assigned and wished for, copies, the step's actors, history, team leads and
    members, a letter's signatory and addressees."""

    kunci_nip = frozenset({"nip", "pemohon", "ketua", "oleh", "pegawai", "usulan", "anggota", "tembusan", "pelaku"})


@extend_schema_view(
    list=extend_schema(
        summary="Tim kerja yang dapat Anda lihat", responses={200: s.TimSerializer(many=True), **GALAT_DAFTAR}
    ),
    retrieve=extend_schema(summary="Satu tim kerja", responses={200: s.TimSerializer, **galat_objek("Tim")}),
    create=extend_schema(
        summary="Bentuk tim kerja",
        request=s.TimBuatSerializer,
        description=(
            "Oleh pimpinan unit pemilik kinerja (atau unit di atasnya) atau Bagian "
            "Organisasi. `peringatan`: mis. ketua tim lintas unit bukan dari unit pemilik "
            "kinerja (Pasal 6 ayat (3)); tidak menghalangi."
        ),
        responses={201: s.TimSerializer, **GALAT_TULIS},
    ),
)
class TimViewSet(NipDicatat, CakupanMenurutMetode, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TimSerializer
    pagination_class = Halaman

    def get_object(self):
        return satu_dari_id(self.get_queryset(), self.kwargs["pk"], "Tim tidak ditemukan.")

    def get_queryset(self):
        return (
            TimKerja.objects.restrict(self.request.user)
            .select_related("unit_pemilik", "ketua__unit")
            .prefetch_related("anggota__pegawai__unit")
            .order_by("-mulai", "nama", "id")
        )

    def create(self, request, *args, **kwargs):
        # who may form a team for that unit, before any NIP is looked up
        pemilik = s.TimPemilikSerializer(data=request.data)
        pemilik.is_valid(raise_exception=True)
        if not services.boleh_bentuk_tim(request.user, pemilik.validated_data["unit_pemilik"]):
            raise exceptions.PermissionDenied("Tim untuk unit ini dibentuk oleh pimpinannya atau Bagian Organisasi.")
        masuk = s.TimBuatSerializer(data=request.data, context={"request": request})
        masuk.is_valid(raise_exception=True)
        d = masuk.validated_data
        tim = services.tim_bentuk(
            pelaku=request.user,
            nama=d["nama"],
            tujuan=d["tujuan"],
            unit_pemilik=d["unit_pemilik"],
            sifat=d["sifat"],
            mulai=d["mulai"],
            selesai=d["selesai"],
            ketua=d["ketua"],
            anggota=[(p, d["peran"].get(p.nip, "")) for p in d["anggota"]],
        )
        return Response(s.TimSerializer(self.get_queryset().get(pk=tim.pk)).data, status=status.HTTP_201_CREATED)


def _penugasan_qs(user):
    return (
        Penugasan.objects.restrict(user)
        .select_related("pemohon", "unit_pemohon", "unit_tujuan")
        .prefetch_related(
            "orang__pegawai",
            "tembusan__pegawai",
            "riwayat__oleh",
            Prefetch("surat", queryset=Surat.objects.order_by("id")),
            "kompetensi_diperlukan",
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="Penugasan yang dapat Anda lihat",
        responses={200: s.PenugasanSerializer(many=True), **GALAT_DAFTAR},
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values, description="Saring status."),
            OpenApiParameter(
                "menunggu", OpenApiTypes.STR, enum=["saya"], description="`saya`: hanya yang langkahnya menunggu Anda."
            ),
        ],
    ),
    retrieve=extend_schema(
        summary="Satu penugasan", responses={200: s.PenugasanSerializer, **galat_objek("Penugasan")}
    ),
    create=extend_schema(
        summary="Mulai alur penugasan (A–E)",
        request=s.PenugasanBuatSerializer,
        description="Pemanggil adalah pemohon. 403 bila tidak boleh memulai alur ini (pimpinan unit tidak "
        "mengajukan diri pada alur D dan E); 400 bila alur tidak sesuai dengan unitnya (mis. B antar Perangkat "
        "Daerah), atau bila `pegawai` memuat pemohon sendiri atau pemegang jabatan pimpinan unit (definitif, Plt, "
        "Plh, delegasi PPK): yang ditugaskan hanya Pejabat Fungsional dan Pejabat Pelaksana (Pasal 7 ayat (1)).",
        responses={201: s.PenugasanSerializer, **GALAT_TULIS},
    ),
)
class PenugasanViewSet(NipDicatat, CakupanMenurutMetode, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PenugasanSerializer
    pagination_class = Halaman

    def get_queryset(self):
        qs = _penugasan_qs(self.request.user)
        param = self.request.query_params
        if "status" in param:
            if param["status"] not in Status.values:
                raise exceptions.ValidationError({"status": [f"Gunakan salah satu: {', '.join(Status.values)}."]})
            qs = qs.filter(status=param["status"])
        if "menunggu" in param:
            if param["menunggu"] != "saya":
                raise exceptions.ValidationError({"menunggu": ["Satu-satunya nilai: saya."]})
            from ..selectors import menunggu_saya

            qs = qs.filter(pk__in=menunggu_saya(self.request.user).values("pk"))
        return qs

    def get_object(self):
        return satu_dari_id(self.get_queryset(), self.kwargs["pk"], "Penugasan tidak ditemukan.")

    def _jawab(self, p, kode=status.HTTP_200_OK):
        return Response(s.PenugasanSerializer(_penugasan_qs(self.request.user).get(pk=p.pk)).data, status=kode)

    def create(self, request, *args, **kwargs):
        masuk = s.PenugasanBuatSerializer(data=request.data, context={"request": request})
        masuk.is_valid(raise_exception=True)
        d = masuk.validated_data
        p = services.penugasan_ajukan(
            pelaku=request.user,
            alur=d["alur"],
            unit_tujuan=d["unit_tujuan"],
            pegawai=d["pegawai"],
            tim=d.get("tim"),
            maksud=d["maksud"],
            kompetensi=d["kompetensi"],
            target=d["target"],
            mulai=d["mulai"],
            selesai=d["selesai"],
            batas_keputusan=d["batas_keputusan"],
            rujukan=d["rujukan"],
        )
        return self._jawab(p, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Calon pegawai di suatu unit, beban kerja paling ringan lebih dulu",
        description=(
            "Untuk pimpinan unit yang memilih pegawai (Lampiran B.2.d): pegawai berkedudukan di "
            "`unit_tujuan` yang memiliki semua `kompetensi`, dengan jumlah penugasan dan tim pada periode."
        ),
        parameters=[s.KandidatQuerySerializer],
        responses={200: s.KandidatSerializer(many=True), **GALAT_DAFTAR},
        filters=False,
    )
    @action(detail=False)
    def kandidat(self, request):
        if not selectors.boleh_memilih_pegawai(request.user):
            raise exceptions.PermissionDenied("Calon dan beban kerjanya hanya untuk pimpinan unit.")
        masuk = s.KandidatQuerySerializer(
            data={**request.query_params.dict(), "kompetensi": request.query_params.getlist("kompetensi")}
        )
        masuk.is_valid(raise_exception=True)
        d = masuk.validated_data
        unit = Unit.objects.restrict(request.user).filter(kode=d["unit_tujuan"]).first() if d["unit_tujuan"] else None
        if unit is None:
            raise exceptions.NotFound("Unit tidak ditemukan atau di luar cakupan Anda.")
        qs = selectors.kandidat(unit=unit, mulai=d["mulai"], selesai=d["selesai"], kompetensi=d["kompetensi"]).filter(
            pk__in=Pegawai.objects.restrict(request.user).values("pk")
        )
        halaman = self.paginate_queryset(qs)
        return self.get_paginated_response(s.KandidatSerializer(halaman, many=True).data)

    def _langkah(self, request, Serializer, panggil):
        """Validate the body, then let the service perform the transition on the visible request."""
        p = self.get_object()
        masuk = Serializer(data=request.data, context={"request": request})
        masuk.is_valid(raise_exception=True)
        return self._jawab(panggil(p, masuk.validated_data))

    @extend_schema(
        summary="Lakukan langkah yang menunggu (setujui, disposisi, jawab, ajukan, tetapkan)",
        description="403 bagi selain `langkah.pelaku`; 409 bila sudah berakhir; 400 bila `pegawai` tidak "
        "berkedudukan di `unit_tujuan` atau memegang jabatan pimpinan unit pada hari itu, atau bila pelaku "
        "termasuk pegawai yang ditugaskan: tidak ada yang memutus penugasannya sendiri.",
        request=s.LanjutSerializer,
        responses={200: s.PenugasanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def lanjut(self, request, pk=None):
        return self._langkah(
            request,
            s.LanjutSerializer,
            lambda p, d: services.penugasan_lanjut(
                pelaku=request.user, penugasan=p, catatan=d["catatan"], pegawai=d["pegawai"]
            ),
        )

    @extend_schema(
        summary="Tolak dengan alasan",
        request=s.TolakSerializer,
        responses={200: s.PenugasanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tolak(self, request, pk=None):
        return self._langkah(
            request,
            s.TolakSerializer,
            lambda p, d: services.penugasan_tolak(pelaku=request.user, penugasan=p, alasan=d["alasan"]),
        )

    @extend_schema(
        summary="Tarik permohonan (oleh pemohon, selama berjalan)",
        request=s.TarikSerializer,
        responses={200: s.PenugasanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tarik(self, request, pk=None):
        return self._langkah(
            request,
            s.TarikSerializer,
            lambda p, d: services.penugasan_tarik(pelaku=request.user, penugasan=p, alasan=d["alasan"]),
        )


@extend_schema_view(
    retrieve=extend_schema(summary="Metadata surat", responses={200: s.SuratSerializer, **galat_objek("Surat")})
)
class SuratViewSet(NipDicatat, CakupanMenurutMetode, viewsets.GenericViewSet, mixins.RetrieveModelMixin):
    serializer_class = s.SuratSerializer
    nip_berkas: list[str] = []  # the people a PDF just served names (a file answer has no data to read them from)

    def nip_subjek(self, data) -> list[str]:
        return super().nip_subjek(data) if data is not None else self.nip_berkas

    def get_queryset(self):
        return Surat.objects.restrict(self.request.user).select_related("unit_penerbit")

    def get_object(self):
        return satu_dari_id(self.get_queryset(), self.kwargs["pk"], "Surat tidak ditemukan.")

    @extend_schema(
        summary="Berkas PDF surat",
        description="202 dengan `Retry-After` selama PDF sedang dibuat; 409 bila surat melampaui batas "
        "pembuatan PDF (jumlah halaman atau panjang isi) dan tidak akan dibuat.",
        responses={
            (200, "application/pdf"): bytes,
            202: OpenApiResponse(GalatSerializer, "Sedang dibuat."),
            409: OpenApiResponse(GalatSerializer, "Melampaui batas pembuatan PDF."),
            **galat_objek("Surat"),
        },
    )
    @action(detail=True, url_path="pdf")
    def pdf(self, request, pk=None):
        surat = self.get_object()
        if melampaui_batas(surat):
            raise TransisiTidakSah(surat.galat_berkas)
        if surat.status_berkas != StatusBerkas.SELESAI or not surat.berkas:
            from ..tasks import render_ulang_bila_gagal

            render_ulang_bila_gagal(surat)
            return Response(
                {"detail": "PDF surat sedang dibuat; coba lagi sebentar.", "status_berkas": surat.status_berkas},
                status=status.HTTP_202_ACCEPTED,
                headers={"Retry-After": "5"},
            )
        self.nip_berkas = sorted(nip_dalam(surat.isi, self.kunci_nip))
        return respon_pdf(surat)


class VerifikasiView(APIView):
    """Public (API.md): whether a letter with this code was issued, and its status. Names only."""

    authentication_classes = []
    permission_classes = [AllowAny]
    cakupan_token = SEMUA_TOKEN  # public: no token is needed or checked

    @extend_schema(
        summary="Verifikasi surat (publik)",
        auth=[],
        responses={
            200: s.VerifikasiSerializer,
            404: OpenApiResponse(GalatSerializer, "Tidak ada surat dengan kode ini."),
        },
    )
    def get(self, request, kode):
        from ..selectors import verifikasi_surat

        data = verifikasi_surat(kode)
        if data is None:
            raise exceptions.NotFound("Tidak ada surat yang diterbitkan dengan kode verifikasi ini.")
        return Response(data)
