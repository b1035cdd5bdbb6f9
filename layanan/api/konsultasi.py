"""Consultations (API.md *Layanan*): staff of a Perangkat Daerah file a request with the Bagian Organisasi of
their instansi; its head disposes it (`disposisi`), the handler may schedule a meeting (`jadwalkan`) and
answers (`jawab`), the requester closes and rates it (`tutup`). Files go with the request or the answer, or are
added later (`lampiran`).

A consultation comes through `konsultasi_baca.konsultasi_terlihat(user)`: the Bagian Organisasi sees its
instansi's, the requester, the handler and the requesting unit's circle see theirs; anyone else gets a 404.
The services decide the rest: 403 for a caller whose step it is not, 409 for a step out of turn, 400 by field.
"""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from sistemkerja.api import GALAT_DAFTAR, GalatSerializer, galat_objek, satu_dari_id
from sistemkerja.berkas import kirim_berkas

from .. import konsultasi_baca as kb
from .. import selectors as sel
from ..choices import JenisKonsultasi, StatusKonsultasi
from ..models import LampiranKonsultasi, RiwayatLayanan
from ..services import konsultasi as layanan_konsultasi
from . import serializers_konsultasi as s
from ._dasar import GALAT_LANGKAH, Dasar, param_kode, param_pilihan

PESAN_KONSULTASI = "Konsultasi tidak ditemukan."
LANGKAH = (
    "Langkah (`langkah.nama`): `disposisi` oleh Kepala Bagian Organisasi (Plt/Plh menurut kedudukan), `jawab` oleh "
    "penangan (`jadwalkan` boleh lebih dulu), `tutup` oleh pemohon. Selain pelaku langkah: 403; langkah tidak "
    "pada gilirannya: 409; konsultasi yang tidak dapat Anda lihat: 404."
)
MULTIPART = ("application/json", "multipart/form-data")


def _qs(user):
    return (
        kb.konsultasi_terlihat(user)
        .select_related("instansi__bagian_organisasi")
        .prefetch_related(
            Prefetch("riwayat", queryset=RiwayatLayanan.objects.select_related("oleh").order_by("waktu", "id")),
            Prefetch("lampiran", queryset=LampiranKonsultasi.objects.select_related("diunggah_oleh")),
        )
    )


def _kepala(daftar) -> dict:
    """The Bagian Organisasi's head of the day, once per instansi with a request waiting for disposal."""
    instansi = {k.instansi_id: k.instansi for k in daftar if k.status == StatusKonsultasi.DIAJUKAN}
    return {pk: sel.kepala_bagian_organisasi(i) for pk, i in instansi.items()}


def _data(daftar, many: bool = False):
    baris = list(daftar) if many else [daftar]
    return s.KonsultasiSerializer(daftar, many=many, context={"kepala": _kepala(baris)}).data


@extend_schema_view(
    list=extend_schema(
        summary="Konsultasi yang dapat Anda lihat",
        description="Bagian Organisasi: konsultasi instansinya; pemohon, penangan dan unit pemohon: miliknya. "
        "Terbaru dahulu.",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusKonsultasi.values),
            OpenApiParameter("jenis", OpenApiTypes.STR, enum=JenisKonsultasi.values),
            OpenApiParameter(
                "terlambat",
                OpenApiTypes.STR,
                enum=["true", "false"],
                description="`true`: belum dijawab lewat tenggat, atau dijawab setelahnya; `false`: selainnya.",
            ),
            OpenApiParameter("perangkat_daerah", OpenApiTypes.STR, description="Kode perangkat daerah pemohon."),
        ],
        responses={200: s.KonsultasiSerializer(many=True), **GALAT_DAFTAR},
    ),
    retrieve=extend_schema(
        summary="Satu konsultasi dengan langkah, lampiran dan riwayatnya",
        description=LANGKAH,
        responses={200: s.KonsultasiSerializer, **galat_objek("Konsultasi")},
    ),
    create=extend_schema(
        summary="Ajukan konsultasi kepada Bagian Organisasi",
        description="Oleh pegawai perangkat daerah; pemohon = pemanggil. Tenggat: `dibutuhkan`, atau jangka waktu "
        "standar layanan konsultasi instansi, atau 14 hari. Kepala Bagian Organisasi diberi tahu. 409 bila "
        "instansi belum menetapkan Bagian Organisasinya. Lampiran lewat multipart (`lampiran`, berulang).",
        request={m: s.KonsultasiMasukSerializer for m in MULTIPART},
        responses={201: s.KonsultasiSerializer, **GALAT_LANGKAH},
    ),
)
class KonsultasiViewSet(Dasar, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.KonsultasiSerializer
    kunci_nip = frozenset({"oleh", "pemohon", "penangan", "pendisposisi", "pelaku", "diunggah_oleh"})

    def get_queryset(self):
        qs = _qs(self.request.user)
        if self.action != "list":
            return qs
        param = self.request.query_params
        if status := param_pilihan(param, "status", StatusKonsultasi.values):
            qs = qs.filter(status=status)
        if jenis := param_pilihan(param, "jenis", JenisKonsultasi.values):
            qs = qs.filter(jenis=jenis)
        terlambat = param_pilihan(param, "terlambat", ["true", "false"])
        if terlambat == "true":
            qs = qs.filter(kb.terlambat_q())
        elif terlambat == "false":
            qs = qs.exclude(kb.terlambat_q())
        if (kode := param_kode(param, "perangkat_daerah")) is not None:
            qs = qs.filter(perangkat_daerah__kode=kode)
        return qs.order_by("-diajukan", "-id")

    def get_object(self):
        return satu_dari_id(self.get_queryset(), self.kwargs["pk"], PESAN_KONSULTASI)

    def _konsultasi(self):
        """The consultation of the URL without its files and history (before a step)."""
        return satu_dari_id(kb.konsultasi_terlihat(self.request.user), self.kwargs["pk"], PESAN_KONSULTASI)

    def _jawab(self, k, kode=200):
        k = _qs(self.request.user).filter(pk=k.pk).first() or k
        return Response(_data(k), status=kode)

    def list(self, request, *args, **kwargs):
        halaman = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(_data(halaman, many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(_data(self.get_object()))

    def create(self, request, *args, **kwargs):
        d = self._masuk(s.KonsultasiMasukSerializer)
        k = layanan_konsultasi.konsultasi_ajukan(pelaku=request.user, **d)
        return self._jawab(k, 201)

    @extend_schema(
        summary="Disposisi kepada penangan (diajukan → didisposisi)",
        description="Oleh Kepala Bagian Organisasi pada hari itu (Plt/Plh menurut kedudukan): `penangan` = NIP "
        "pegawai aktif Bagian Organisasi. Konsultasi yang belum dijadwalkan boleh didisposisikan ulang. Penangan dan "
        "pemohon diberi tahu.",
        request=s.DisposisiMasukSerializer,
        responses={200: s.KonsultasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def disposisi(self, request, pk=None):
        k = self._konsultasi()
        d = self._masuk(s.DisposisiMasukSerializer)
        k = layanan_konsultasi.konsultasi_disposisi(
            pelaku=request.user, konsultasi=k, penangan=d["penangan"], catatan=d["catatan"] or ""
        )
        return self._jawab(k)

    @extend_schema(
        summary="Jadwalkan pertemuan (→ dijadwalkan, opsional)",
        description="Oleh penangan: `waktu` (hari ini sampai setahun ke depan) dan `tempat`; boleh dijadwalkan "
        "ulang sebelum dijawab. Pemohon diberi tahu.",
        request=s.JadwalkanMasukSerializer,
        responses={200: s.KonsultasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def jadwalkan(self, request, pk=None):
        k = self._konsultasi()
        d = self._masuk(s.JadwalkanMasukSerializer)
        k = layanan_konsultasi.konsultasi_jadwalkan(
            pelaku=request.user, konsultasi=k, waktu=d["waktu"], tempat=d["tempat"]
        )
        return self._jawab(k)

    @extend_schema(
        summary="Jawab konsultasi (→ dijawab)",
        description="Oleh penangan, dengan dokumen hasil (multipart `lampiran`, berulang). Pemohon diberi tahu.",
        request={m: s.JawabMasukSerializer for m in MULTIPART},
        responses={200: s.KonsultasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def jawab(self, request, pk=None):
        k = self._konsultasi()
        d = self._masuk(s.JawabMasukSerializer)
        k = layanan_konsultasi.konsultasi_jawab(
            pelaku=request.user, konsultasi=k, jawaban=d["jawaban"], lampiran=d["lampiran"]
        )
        return self._jawab(k)

    @extend_schema(
        summary="Tutup dan nilai konsultasi (dijawab → selesai)",
        description="Oleh pemohon: `nilai` 1–4 (opsional) dan/atau `jawaban` per unsur kuesioner. Penilaian "
        "dicatat tanpa nama sebagai responden survei layanan konsultasi instansi (setiap unsur bernilai `nilai` "
        "bila hanya `nilai` yang dikirim). Penangan diberi tahu.",
        request=s.TutupMasukSerializer,
        responses={200: s.KonsultasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def tutup(self, request, pk=None):
        k = self._konsultasi()
        d = self._masuk(s.TutupMasukSerializer)
        k = layanan_konsultasi.konsultasi_tutup(
            pelaku=request.user, konsultasi=k, nilai=d["nilai"], catatan=d["catatan"] or "", jawaban=d["jawaban"]
        )
        return self._jawab(k)

    @extend_schema(
        summary="Tambah lampiran",
        description="Pemohon menambah berkas permohonan, penangan berkas hasil, selama konsultasi belum selesai "
        "(409 sesudahnya). PDF, PNG atau JPEG paling besar 10 MB; paling banyak 20 lampiran per konsultasi.",
        request={"multipart/form-data": s.LampiranMasukSerializer},
        responses={201: s.KonsultasiSerializer, **GALAT_LANGKAH},
    )
    @action(detail=True, methods=["post"])
    def lampiran(self, request, pk=None):
        k = self._konsultasi()
        d = self._masuk(s.LampiranMasukSerializer)
        layanan_konsultasi.konsultasi_lampiran_tambah(pelaku=request.user, konsultasi=k, berkas=d["berkas"])
        return self._jawab(k, 201)

    @extend_schema(
        summary="Unduh lampiran",
        description="Bagi yang dapat melihat konsultasinya.",
        parameters=[OpenApiParameter("lid", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id lampiran.")],
        responses={
            **{(200, jenis): OpenApiTypes.BINARY for jenis in ("application/pdf", "image/png", "image/jpeg")},
            **galat_objek("Lampiran"),
            404: OpenApiResponse(GalatSerializer, "Konsultasi atau lampiran tidak ada, atau di luar cakupan Anda."),
        },
    )
    @action(detail=True, methods=["get"], url_path=r"lampiran/(?P<lid>[^/]+)", url_name="lampiran-unduh")
    def lampiran_unduh(self, request, pk=None, lid=None):
        k = self._konsultasi()
        lamp = satu_dari_id(LampiranKonsultasi.objects.filter(konsultasi=k), lid, "Lampiran tidak ditemukan.")
        try:
            return kirim_berkas(lamp.berkas, nama_unduh=f"lampiran-konsultasi-{k.pk}-{lamp.pk}")
        except OSError:  # the stored file is gone
            raise exceptions.NotFound("Berkas lampiran tidak tersedia.") from None
