"""SKP and appraisal API (API.md, Kinerja, second table; lists, filters and the rest of the appraisal besides).

SKPs and evaluations come through `restrict(user)`: the person, their PPK and the PPK's superior (as last
recorded), the Bagian Organisasi and accounts granted the view permission. One the caller may not know is a 404,
as is a malformed id; acting on a visible one is the services' decision: 403 for a caller who may not act, 409
when the state does not allow it (a broken distribution names its rules), 400 by field for bad input.

Reads that name staff go to the personal-data access log with every NIP they return (`CatatNipDiKunci`).
"""

from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from organisasi.models import Pegawai, Unit
from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user
from organisasi.selectors import hari_ini, kedudukan_pada
from penugasan.models import AnggotaTim
from sistemkerja.api import (
    GALAT_AUTH,
    GALAT_DAFTAR,
    GALAT_FIELD,
    CatatNipDiKunci,
    GalatSerializer,
    galat_objek,
    param_path,
    satu_dari_id,
)
from sistemkerja.masukan import bentuk_kode, bentuk_nip

from .. import penilaian, services
from .. import selectors_skp as sel
from ..choices import StatusEvaluasi, StatusSkp
from ..models import (
    DokumenKinerja,
    Evaluasi,
    HasilKerja,
    Keberatan,
    RencanaPengembangan,
    RiwayatSkp,
    Skp,
    TandaTangan,
    TindakLanjut,
    UmpanBalikSkp,
)
from . import serializers_skp as s
from .views import GALAT_LANGKAH, CakupanMenurutMetode, Dasar, _bulat, _menunggu_saya, _pilihan

KUNCI_NIP = frozenset(
    {"nip", "pegawai", "ppk_nip", "atasan_ppk_nip", "oleh", "dari", "penilai", "disetujui_oleh"}
    | {"ditetapkan_oleh", "pemutus", "dicatat_oleh"}
)
PARAM_PEGAWAI = OpenApiParameter("pegawai", OpenApiTypes.STR, description="NIP pegawai yang dinilai.")


class DasarSkp(Dasar):
    kunci_nip = KUNCI_NIP


def _nip(param) -> str:
    nip = bentuk_nip(param["pegawai"])
    if nip is None:
        raise exceptions.ValidationError({"pegawai": ["NIP 18 digit."]})
    return nip


def _periode(param, nama: str = "periode") -> penilaian.Periode:
    per = penilaian.periode(param.get(nama))
    if per is None:
        raise exceptions.ValidationError(
            {nama: ["Kode periode: tahun (2027), bulan (2027-01…2027-12) atau triwulan (2027-T1…2027-T4)."]}
        )
    return per


def _dokumen_qs():
    return DokumenKinerja.objects.order_by("dibuat", "id").prefetch_related(
        Prefetch("tanda_tangan", queryset=TandaTangan.objects.select_related("pegawai").order_by("id"))
    )


# --- SKP -----------------------------------------------------------------------------------------------------


def _skp_qs(user):
    return (
        Skp.objects.restrict(user)
        .select_related("pegawai", "unit", "unit_organisasi", "jabatan", "ppk", "atasan_ppk", "disetujui_oleh")
        .prefetch_related(
            Prefetch("hasil_kerja", queryset=HasilKerja.objects.prefetch_related("indikator")),
            "perilaku",
            Prefetch("evaluasi", queryset=Evaluasi.objects.order_by("selesai", "-mulai", "id")),
            Prefetch("dokumen", queryset=_dokumen_qs()),
            "catatan",
            Prefetch("umpan_balik", queryset=_umpan_balik_qs()),
            Prefetch("pengembangan", queryset=RencanaPengembangan.objects.select_related("dicatat_oleh")),
            Prefetch("riwayat", queryset=RiwayatSkp.objects.select_related("oleh").order_by("waktu", "id")),
        )
    )


def _umpan_balik_qs():
    return UmpanBalikSkp.objects.select_related("dari")


def _skp_ketua(user):
    """Open SKPs of members of teams the caller leads (in the SKP's year): the ketua may give feedback on them,
    without reading them."""
    diri = pegawai_dari_user(user)
    if diri is None:
        return Skp.objects.none()
    anggota = AnggotaTim.objects.filter(tim__ketua=diri)
    return (
        Skp.objects.exclude(status=StatusSkp.DITUTUP)
        .exclude(pegawai=diri)
        .filter(pegawai_id__in=anggota.values("pegawai_id"))
    )


@extend_schema_view(
    list=extend_schema(
        summary="SKP yang dapat Anda lihat",
        description="Milik Anda, staf yang Anda nilai (dan staf mereka bila Anda atasan PPK); semua bagi Bagian "
        "Organisasi. `ppk_nip` sebagaimana tercatat terakhir; PPK hari ini ada pada `GET /skp/{id}/`.",
        parameters=[
            OpenApiParameter("tahun", OpenApiTypes.INT),
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusSkp.values),
            PARAM_PEGAWAI,
            OpenApiParameter(
                "menunggu", OpenApiTypes.STR, enum=["saya"], description="`saya`: diajukan, menunggu persetujuan Anda."
            ),
        ],
        responses={200: s.SkpRingkasSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(
        summary="Satu SKP",
        description="Dengan PPK dan atasan PPK hari ini, hasil kerja dan indikatornya, perilaku kerja, lampiran, "
        "rekonsiliasi (yang berubah di atas), evaluasi, dokumen dan tanda tangannya, catatan, umpan balik, rencana "
        "pengembangan dan riwayat. Bagi pegawai itu, PPK dan atasan PPK-nya, dan Bagian Organisasi.",
        responses={200: s.SkpSerializer, **galat_objek("SKP")},
    ),
    create=extend_schema(
        summary="Susun SKP",
        description="Oleh pegawai sendiri, untuk tahun berjalan atau sebelumnya. `model` mengikuti jabatan; PPK "
        "dari kedudukan. 409 bila sudah ada SKP terbuka tahun itu.",
        request=s.SkpBuatSerializer,
        responses={201: s.SkpSerializer, **GALAT_LANGKAH},
    ),
    update=extend_schema(
        summary="Ubah SKP (draf atau dikembalikan)",
        description="Oleh pemiliknya; isi diganti seluruhnya. Butir `hasil_kerja` dengan `id` mempertahankan hasil "
        "kerja itu (hasil kerja bawahan yang mengintervensinya tetap terhubung).",
        request=s.SkpUbahSerializer,
        responses={200: s.SkpSerializer, **GALAT_LANGKAH},
    ),
)
class SkpViewSet(DasarSkp, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    pesan_404 = "SKP tidak ditemukan."

    def get_serializer_class(self):
        return s.SkpRingkasSerializer if self.action == "list" else s.SkpSerializer

    def get_queryset(self):
        user = self.request.user
        if self.action != "list":
            return _skp_qs(user)
        qs = (
            Skp.objects.restrict(user)
            .select_related("pegawai", "unit", "unit_organisasi", "ppk", "atasan_ppk")
            .order_by("-tahun", "pegawai__nama", "-mulai", "id")
        )
        param = self.request.query_params
        if "tahun" in param:
            qs = qs.filter(tahun=_bulat(param, "tahun"))
        if "status" in param:
            qs = qs.filter(status=_pilihan(param, "status", StatusSkp.values))
        if "pegawai" in param:
            qs = qs.filter(pegawai__nip=_nip(param))
        if _menunggu_saya(param):
            diri = pegawai_dari_user(user)
            qs = qs.filter(status=StatusSkp.DIAJUKAN, ppk=diri) if diri else qs.none()
        return qs

    def create(self, request, *args, **kwargs):
        d = self._masuk(s.SkpBuatSerializer)
        skp = services.skp_susun(pelaku=request.user, **d)
        return self._jawab(skp, kode=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        skp = self.get_object()
        d = self._masuk(s.SkpUbahSerializer)
        return self._jawab(services.skp_ubah(pelaku=request.user, skp=skp, **d))

    @extend_schema(
        summary="Ajukan SKP kepada PPK",
        description="Oleh pemiliknya, dari draf atau dikembalikan.",
        request=None,
        responses={200: s.SkpSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        self._tanpa_isi()
        return self._jawab(services.skp_ajukan(pelaku=request.user, skp=self.get_object()))

    @extend_schema(
        summary="Setujui SKP",
        description="Oleh PPK pegawai itu hari ini; dokumen SKP dibuat untuk ditandatangani pegawai dan PPK.",
        request=None,
        responses={200: s.SkpSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        self._tanpa_isi()
        return self._jawab(services.skp_setujui(pelaku=request.user, skp=self.get_object()))

    @extend_schema(
        summary="Kembalikan SKP untuk diperbaiki",
        description="Oleh PPK pegawai itu hari ini; `catatan` wajib.",
        request=s.CatatanKembaliSerializer,
        responses={200: s.SkpSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request, pk=None):
        skp = self.get_object()
        d = self._masuk(s.CatatanKembaliSerializer)
        return self._jawab(services.skp_kembalikan(pelaku=request.user, skp=skp, catatan=d["catatan"]))

    @extend_schema(
        summary="Nilai satu periode SKP",
        description="Oleh PPK pegawai itu hari ini, atas SKP yang disetujui, untuk periode yang sudah dimulai (satu "
        "evaluasi per periode). `predikat` menurut matriks; `angka_kredit` untuk evaluasi tahunan pejabat "
        "fungsional.",
        request=s.EvaluasiMasukSerializer,
        responses={201: s.EvaluasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def evaluasi(self, request, pk=None):
        skp = self.get_object()
        d = self._masuk(s.EvaluasiMasukSerializer)
        ev = services.evaluasi_nilai(pelaku=request.user, skp=skp, **d)
        return _jawab_evaluasi(request, ev, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Catat kemajuan atau realisasi",
        description="Oleh pemilik SKP yang disetujui.",
        request=s.CatatanSkpMasukSerializer,
        responses={201: s.CatatanSkpSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def catatan(self, request, pk=None):
        skp = self.get_object()
        d = self._masuk(s.CatatanSkpMasukSerializer)
        c = services.catatan_skp_catat(pelaku=request.user, skp=skp, **d)
        return Response(s.CatatanSkpSerializer(c).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Beri umpan balik atas SKP",
        description="Oleh PPK, ketua tim pegawai (tanpa dapat membaca SKP-nya) atau pegawai sendiri.",
        request=s.UmpanBalikSkpMasukSerializer,
        responses={201: s.UmpanBalikSkpSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"], url_path="umpan-balik")
    def umpan_balik(self, request, pk=None):
        terlihat = Skp.objects.restrict(request.user).values("pk")
        qs = Skp.objects.filter(Q(pk__in=terlihat) | Q(pk__in=_skp_ketua(request.user).values("pk")))
        skp = satu_dari_id(qs, pk, self.pesan_404)
        d = self._masuk(s.UmpanBalikSkpMasukSerializer)
        ub = services.umpan_balik_skp_kirim(pelaku=request.user, skp=skp, **d)
        return Response(s.UmpanBalikSkpSerializer(ub).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Catat rencana pengembangan",
        description="Oleh pegawai atau PPK-nya: pembelajaran, coaching, mentoring, penugasan, lainnya.",
        request=s.PengembanganMasukSerializer,
        responses={201: s.PengembanganSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def pengembangan(self, request, pk=None):
        skp = self.get_object()
        d = self._masuk(s.PengembanganMasukSerializer)
        r = services.pengembangan_catat(pelaku=request.user, skp=skp, **d)
        return Response(s.PengembanganSerializer(r).data, status=status.HTTP_201_CREATED)


class PengembanganViewSet(DasarSkp, viewsets.GenericViewSet):
    serializer_class = s.PengembanganSerializer
    pesan_404 = "Rencana pengembangan tidak ditemukan."

    def get_queryset(self):
        return RencanaPengembangan.objects.filter(
            skp__in=Skp.objects.restrict(self.request.user).values("pk")
        ).select_related("dicatat_oleh")

    @extend_schema(
        summary="Tandai rencana pengembangan terlaksana",
        description="Oleh pegawai atau PPK-nya.",
        request=None,
        responses={200: s.PengembanganSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def terlaksana(self, request, pk=None):
        self._tanpa_isi()
        r = services.pengembangan_terlaksana(pelaku=request.user, rencana=self.get_object())
        return self._jawab(r)


# --- evaluations -------------------------------------------------------------------------------------------


def _evaluasi_qs(user):
    return (
        Evaluasi.objects.restrict(user)
        .select_related("skp__pegawai", "unit_organisasi", "penilai", "ditetapkan_oleh")
        .prefetch_related(
            Prefetch("keberatan", queryset=Keberatan.objects.select_related("pemutus", "evaluasi")),
            Prefetch("tindak_lanjut", queryset=_tindak_lanjut_qs()),
            Prefetch("dokumen", queryset=_dokumen_qs()),
        )
    )


def _tindak_lanjut_qs():
    return TindakLanjut.objects.select_related("dicatat_oleh")


def _jawab_evaluasi(request, ev, kode=status.HTTP_200_OK) -> Response:
    ev = _evaluasi_qs(request.user).filter(pk=ev.pk).first() or ev
    return Response(s.EvaluasiSerializer(ev).data, status=kode)


@extend_schema_view(
    list=extend_schema(
        summary="Evaluasi kinerja yang dapat Anda lihat",
        description="Evaluasi Anda, staf yang Anda nilai (dan staf mereka bila Anda atasan PPK); semua bagi Bagian "
        "Organisasi. Keberatan, tindak lanjut dan dokumen ada pada `GET /evaluasi/{id}/`.",
        parameters=[
            OpenApiParameter("periode", OpenApiTypes.STR, description="Kode periode, mis. `2027-T1` atau `2027`."),
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusEvaluasi.values),
            OpenApiParameter("unit", OpenApiTypes.STR, description="Kode Unit Organisasi (distribusi)."),
            OpenApiParameter("tahun", OpenApiTypes.INT, description="Tahun SKP."),
            PARAM_PEGAWAI,
            OpenApiParameter(
                "menunggu", OpenApiTypes.STR, enum=["saya"], description="`saya`: dinilai, menunggu Anda tetapkan."
            ),
        ],
        responses={200: s.EvaluasiRingkasSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(
        summary="Satu evaluasi kinerja",
        description="Dengan keberatan, tindak lanjut dan dokumen beserta tanda tangannya.",
        responses={200: s.EvaluasiSerializer, **galat_objek("Evaluasi")},
    ),
)
class EvaluasiViewSet(DasarSkp, viewsets.ReadOnlyModelViewSet):
    pesan_404 = "Evaluasi tidak ditemukan."

    def get_serializer_class(self):
        return s.EvaluasiRingkasSerializer if self.action == "list" else s.EvaluasiSerializer

    def get_queryset(self):
        user = self.request.user
        if self.action != "list":
            return _evaluasi_qs(user)
        qs = (
            Evaluasi.objects.restrict(user)
            .select_related("skp__pegawai", "unit_organisasi", "penilai")
            .order_by("-skp__tahun", "skp__pegawai__nama", "skp_id", "selesai", "-mulai", "id")
        )
        param = self.request.query_params
        if "periode" in param:
            qs = qs.filter(periode=_periode(param).kode)
        if "status" in param:
            qs = qs.filter(status=_pilihan(param, "status", StatusEvaluasi.values))
        if "unit" in param:
            kode = bentuk_kode(param["unit"])
            if kode is None:
                raise exceptions.ValidationError({"unit": ["Kode unit tidak sah (huruf, angka, - dan _, maks. 64)."]})
            qs = qs.filter(unit_organisasi__kode=kode)
        if "tahun" in param:
            qs = qs.filter(skp__tahun=_bulat(param, "tahun"))
        if "pegawai" in param:
            qs = qs.filter(skp__pegawai__nip=_nip(param))
        if _menunggu_saya(param):
            diri = pegawai_dari_user(user)
            qs = qs.filter(status=StatusEvaluasi.DINILAI, skp__ppk=diri) if diri else qs.none()
        return qs

    @extend_schema(
        summary="Tetapkan evaluasi",
        description="Oleh PPK pegawai itu hari ini. 409 yang menyebut aturan yang dilanggar selama distribusi "
        "predikat Unit Organisasi untuk periode itu belum sesuai, kecuali `alasan` penyimpangan diisi. Dokumen "
        "evaluasi dibuat untuk ditandatangani.",
        request=s.AlasanSerializer,
        responses={200: s.EvaluasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tetapkan(self, request, pk=None):
        ev = self.get_object()
        d = self._masuk(s.AlasanSerializer)
        ev = services.evaluasi_tetapkan(pelaku=request.user, evaluasi=ev, alasan=d["alasan"] or "")
        return _jawab_evaluasi(request, ev)

    @extend_schema(
        summary="Ubah penilaian sebelum ditetapkan",
        description="Oleh PPK pegawai itu hari ini.",
        request=s.NilaiUlangSerializer,
        responses={200: s.EvaluasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"], url_path="nilai-ulang")
    def nilai_ulang(self, request, pk=None):
        ev = self.get_object()
        d = self._masuk(s.NilaiUlangSerializer)
        ev = services.evaluasi_nilai_ulang(pelaku=request.user, evaluasi=ev, **d)
        return _jawab_evaluasi(request, ev)

    @extend_schema(
        summary="Ajukan keberatan atas evaluasi yang ditetapkan",
        description="Oleh pegawai yang dinilai, dalam batas hari yang diatur instansi; diputus atasan PPK.",
        request=s.AlasanSerializer,
        responses={201: s.KeberatanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def keberatan(self, request, pk=None):
        ev = self.get_object()
        d = self._masuk(s.AlasanSerializer)
        k = services.keberatan_ajukan(pelaku=request.user, evaluasi=ev, alasan=d["alasan"])
        return Response(s.KeberatanSerializer(k).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Catat tindak lanjut",
        description="Oleh PPK pegawai itu hari ini atau Bagian Organisasi, setelah evaluasi ditetapkan.",
        request=s.TindakLanjutMasukSerializer,
        responses={201: s.TindakLanjutSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"], url_path="tindak-lanjut")
    def tindak_lanjut(self, request, pk=None):
        ev = self.get_object()
        d = self._masuk(s.TindakLanjutMasukSerializer)
        tl = services.tindak_lanjut_catat(pelaku=request.user, evaluasi=ev, **d)
        return Response(s.TindakLanjutSerializer(tl).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(
        summary="Satu keberatan",
        description="Bagi yang dapat melihat evaluasinya: pegawai, PPK, atasan PPK (pemutusnya), Bagian Organisasi.",
        responses={200: s.KeberatanSerializer, **galat_objek("Keberatan")},
    )
)
class KeberatanViewSet(DasarSkp, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.KeberatanSerializer
    pesan_404 = "Keberatan tidak ditemukan."

    def get_queryset(self):
        return Keberatan.objects.filter(
            evaluasi__in=Evaluasi.objects.restrict(self.request.user).values("pk")
        ).select_related("evaluasi", "pemutus")

    @extend_schema(
        summary="Putus keberatan",
        description="Oleh atasan PPK hari ini, dengan `putusan` (alasan). Bila `diterima`, `rating_hasil` dan "
        "`rating_perilaku` baru wajib; dokumen evaluasi lama tidak berlaku dan yang baru dibuat.",
        request=s.PutusanSerializer,
        responses={200: s.KeberatanSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def putus(self, request, pk=None):
        k = self.get_object()
        d = self._masuk(s.PutusanSerializer)
        k = services.keberatan_putus(pelaku=request.user, keberatan=k, **d)
        return self._jawab(k)


# --- documents -----------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Dokumen kinerja yang dapat Anda lihat atau harus Anda tandatangani",
        description="Dokumen SKP yang dapat Anda lihat, dan dokumen yang Anda tanda tangani.",
        parameters=[
            OpenApiParameter(
                "menunggu", OpenApiTypes.STR, enum=["saya"], description="`saya`: berlaku, belum Anda tandatangani."
            ),
        ],
        responses={200: s.DokumenSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(
        summary="Satu dokumen kinerja",
        description="Dengan penanda tangan per peran dan waktunya; `url_verifikasi` adalah halaman publiknya.",
        responses={200: s.DokumenSerializer, **galat_objek("Dokumen")},
    ),
)
class DokumenViewSet(DasarSkp, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.DokumenSerializer
    pesan_404 = "Dokumen tidak ditemukan."

    def get_queryset(self):
        user = self.request.user
        diri = pegawai_dari_user(user)
        lihat = Q(skp__in=Skp.objects.restrict(user).values("pk"))
        if diri is not None:
            lihat |= Q(pk__in=TandaTangan.objects.filter(pegawai=diri).values("dokumen_id"))
        qs = _dokumen_qs().filter(lihat)
        if self.action == "list" and _menunggu_saya(self.request.query_params):
            belum = TandaTangan.objects.filter(pegawai=diri, waktu__isnull=True).values("dokumen_id")
            qs = qs.filter(berlaku=True, pk__in=belum) if diri else qs.none()
        return qs

    @extend_schema(
        summary="Tandatangani dokumen kinerja",
        description="Oleh penanda tangannya (pegawai, PPK, atasan PPK untuk dokumen tahunan). Setelah semua "
        "menandatangani, PDF dibuat dengan kode verifikasi dan QR.",
        request=None,
        responses={200: s.DokumenSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tandatangani(self, request, pk=None):
        self._tanpa_isi()
        d = services.dokumen_tandatangani(pelaku=request.user, dokumen=self.get_object())
        return self._jawab(d)


# --- a Unit Organisasi: its predikat and its distribution ----------------------------------------------------


PARAM_KODE = param_path("kode", "Kode Unit Organisasi.")
PARAM_TAHUN = param_path("tahun", "Tahun, 2000–2099.")
PESAN_UNIT = "Unit tidak ditemukan."


def _unit(kode) -> Unit:
    kode = bentuk_kode(kode)
    unit = Unit.objects.filter(kode=kode).first() if kode else None
    if unit is None:
        raise exceptions.NotFound(PESAN_UNIT)
    return unit


class UnitKinerjaView(CakupanMenurutMetode, APIView):
    pass


class PredikatOrganisasiView(UnitKinerjaView):
    @extend_schema(
        summary="Tetapkan predikat kinerja organisasi setahun",
        description="Oleh pimpinan di atas Unit Organisasi atau Bagian Organisasi; dapat ditetapkan ulang untuk "
        "membetulkannya (evaluasi yang sudah ditetapkan tetap). 409 bila unit bukan Unit Organisasi.",
        parameters=[PARAM_KODE, PARAM_TAHUN],
        request=s.PredikatOrganisasiMasukSerializer,
        responses={
            200: s.PredikatOrganisasiSerializer,
            400: OpenApiResponse(GALAT_FIELD, "Isian atau tahun tidak sah."),
            **GALAT_AUTH,
            404: OpenApiResponse(GalatSerializer, PESAN_UNIT),
            409: OpenApiResponse(GalatSerializer, "Bukan Unit Organisasi."),
        },
    )
    def put(self, request, kode, tahun):
        unit = _unit(kode)
        if not (isinstance(tahun, str) and tahun.isascii() and tahun.isdigit() and 2000 <= int(tahun) <= 2099):
            raise exceptions.ValidationError({"tahun": ["Tahun 2000–2099."]})
        masuk = s.PredikatOrganisasiMasukSerializer(data=request.data)
        masuk.is_valid(raise_exception=True)
        po = services.predikat_organisasi_tetapkan(
            pelaku=request.user, unit=unit, tahun=int(tahun), predikat=masuk.validated_data["predikat"]
        )
        return Response(s.PredikatOrganisasiSerializer(po).data)


class DistribusiView(UnitKinerjaView):
    @extend_schema(
        summary="Distribusi predikat Unit Organisasi dalam satu periode",
        description="Evaluasi periode itu (dinilai atau ditetapkan) menurut predikat, terhadap pola distribusi yang "
        "diizinkan predikat organisasinya tahun itu (PermenPANRB 6/2022). Bagi Bagian Organisasi, pimpinan unit "
        "itu atau di atasnya, dan PPK pegawai di dalamnya.",
        parameters=[
            PARAM_KODE,
            OpenApiParameter("periode", OpenApiTypes.STR, required=True, description="Mis. `2027`, `2027-T1`."),
        ],
        responses={
            200: s.DistribusiSerializer,
            400: OpenApiResponse(GALAT_FIELD, "Periode tidak sah."),
            **galat_objek("Unit Organisasi"),
        },
    )
    def get(self, request, kode):
        unit = _unit(kode)
        if not unit.adalah_unit_organisasi or not sel.boleh_lihat_distribusi(request.user, unit):
            raise exceptions.NotFound(PESAN_UNIT)
        per = _periode(request.query_params)
        return Response(s.DistribusiSerializer(sel.distribusi(unit, per.kode)).data)


# --- angka kredit --------------------------------------------------------------------------------------------


def boleh_lihat_angka_kredit(user, p: Pegawai) -> bool:
    """The person, the Bagian Organisasi (or an account granted `kinerja.view_evaluasi`), whoever may read one of
    their SKPs (PPK and atasan PPK as recorded), and their PPK and its superior today."""
    diri = pegawai_dari_user(user)
    if diri is not None and diri.pk == p.pk:
        return True
    if adalah_admin_organisasi(user) or user.has_perm("kinerja.view_evaluasi"):
        return True
    if diri is None:
        return False
    if Skp.objects.restrict(user).filter(pegawai=p).exists():
        return True
    ppk = kedudukan_pada(p, hari_ini()).ppk
    if ppk is None:
        return False
    if ppk.pegawai.pk == diri.pk:
        return True
    atas = kedudukan_pada(ppk.pegawai, hari_ini()).ppk
    return atas is not None and atas.pegawai.pk == diri.pk


class AngkaKreditView(CatatNipDiKunci, UnitKinerjaView):
    kunci_nip = frozenset({"nip"})

    @extend_schema(
        summary="Angka kredit pejabat fungsional",
        description="Per tahun (saldo yang dibawa, tahun yang diimpor, evaluasi tahunan yang ditetapkan di sini), "
        "kumulatif, dan yang masih dibutuhkan untuk pangkat atau jenjang berikutnya. Bagi pegawai itu, PPK-nya "
        "dan atasan PPK, dan Bagian Organisasi.",
        parameters=[param_path("nip", "NIP 18 digit.")],
        responses={200: s.AngkaKreditSerializer, **galat_objek("Pegawai")},
    )
    def get(self, request, nip):
        n = bentuk_nip(nip)
        p = Pegawai.objects.select_related("jabatan").filter(nip=n).first() if n else None
        if p is None or not boleh_lihat_angka_kredit(request.user, p):
            raise exceptions.NotFound("Pegawai tidak ditemukan.")
        ak = sel.angka_kredit(p)
        return Response(s.AngkaKreditSerializer({"nip": p.nip, "nama": p.nama, **ak}).data)
