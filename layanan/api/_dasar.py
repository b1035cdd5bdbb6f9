"""What layanan's API views share: scopes, the error answers, query parameters checked for shape."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from organisasi.api.auth import SEMUA_TOKEN
from sistemkerja.api import GALAT_AUTH, GALAT_FIELD, CatatNipDiKunci, GalatSerializer, Halaman
from sistemkerja.masukan import PERIODE_MAKS, PERIODE_MIN, bentuk_kode, periksa_teks

from ..choices import CakupanToken

GALAT_LANGKAH = {
    400: OpenApiResponse(GALAT_FIELD, "Isian tidak sah (pesan per kolom)."),
    **GALAT_AUTH,
    404: OpenApiResponse(GalatSerializer, "Tidak ada atau di luar cakupan Anda."),
    409: OpenApiResponse(GalatSerializer, "Keadaannya tidak memungkinkan langkah ini."),
}
PESAN_LAYANAN = "Layanan tidak ditemukan."
PESAN_PENGADUAN = "Pengaduan tidak ditemukan."


class CakupanMenurutMetode:
    """Reads need `layanan:baca`, writes `layanan:tulis` (organisasi.api.auth)."""

    cakupan_token = {"baca": CakupanToken.LAYANAN_BACA, "tulis": CakupanToken.LAYANAN_TULIS}


class Dasar(CatatNipDiKunci, CakupanMenurutMetode):
    """Staff views: paged lists; reads naming staff (who drafted, published, answered) go to the
    personal-data access log with every NIP they return."""

    pagination_class = Halaman
    kunci_nip = frozenset({"disusun_oleh", "diterbitkan_oleh", "oleh"})

    def _tanpa_isi(self) -> None:
        """An action that takes no body still reads it: a broken or oversized one is refused (400/413)."""
        self.request.data  # noqa: B018 - parsing is the check

    def _masuk(self, Serializer):
        masuk = Serializer(data=self.request.data, context={"request": self.request})
        masuk.is_valid(raise_exception=True)
        return masuk.validated_data


class Publik:
    """No login, no token: a stale or broken `Authorization` header does not turn a public read into a
    401. Without authentication DRF checks no CSRF token either, so anonymous JSON clients can post."""

    authentication_classes = []
    permission_classes = [AllowAny]
    cakupan_token = SEMUA_TOKEN


def dibuat(data) -> Response:
    return Response(data, status=status.HTTP_201_CREATED)


# --- query parameters --------------------------------------------------------------------------------


def param_pilihan(param, nama: str, nilai: list[str]) -> str | None:
    if nama not in param:
        return None
    if param[nama] not in nilai:
        raise exceptions.ValidationError({nama: [f"Gunakan salah satu: {', '.join(nilai)}."]})
    return param[nama]


def param_kode(param, nama: str, pesan: str = "Kode tidak sah (huruf, angka, - dan _, maks. 64).") -> str | None:
    """A kode from the query, checked for shape (a NUL or 1 MB is refused, not looked up)."""
    if nama not in param:
        return None
    kode = bentuk_kode(param[nama])
    if kode is None:
        raise exceptions.ValidationError({nama: [pesan]})
    return kode


def param_cari(param, nama: str = "q") -> str:
    if nama not in param:
        return ""
    try:
        return periksa_teks(param[nama], maks=100, baris=False, wajib=False)
    except ValidationError as e:
        raise exceptions.ValidationError({nama: e.messages}) from None


def _tanggal(param, nama: str, galat: dict) -> dt.date | None:
    nilai = param.get(nama)
    if nilai is None:
        return None
    try:
        tanggal = dt.date.fromisoformat(nilai) if nilai.isascii() and len(nilai) == 10 else None
    except ValueError:
        tanggal = None
    if tanggal is None:
        galat[nama] = ["Tanggal dengan format YYYY-MM-DD, mis. 2027-01-31."]
    elif not PERIODE_MIN <= tanggal <= PERIODE_MAKS:
        galat[nama] = [f"Tanggal harus antara {PERIODE_MIN:%d-%m-%Y} dan {PERIODE_MAKS:%d-%m-%Y}."]
        tanggal = None
    return tanggal


def param_periode(param, *, wajib_penuh: bool = True) -> tuple[dt.date | None, dt.date | None]:
    """`mulai` and `selesai` from the query. With `wajib_penuh` a missing end is filled: both missing is the
    current year, one missing the rest (or start) of the other's year. The end may not come before the start."""
    galat: dict = {}
    mulai, selesai = _tanggal(param, "mulai", galat), _tanggal(param, "selesai", galat)
    if galat:
        raise exceptions.ValidationError(galat)
    if wajib_penuh:
        if mulai is None and selesai is None:
            tahun = timezone.localdate().year
            mulai, selesai = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
        elif mulai is None:
            mulai = dt.date(selesai.year, 1, 1)
        elif selesai is None:
            selesai = dt.date(mulai.year, 12, 31)
    if mulai and selesai and selesai < mulai:
        raise exceptions.ValidationError({"selesai": ["Tanggal selesai tidak boleh sebelum tanggal mulai."]})
    return mulai, selesai


PARAM_MULAI = OpenApiParameter("mulai", OpenApiTypes.DATE, description="Tanggal awal (YYYY-MM-DD).")
PARAM_SELESAI = OpenApiParameter("selesai", OpenApiTypes.DATE, description="Tanggal akhir, tidak sebelum `mulai`.")
PARAM_MULAI_IKM = OpenApiParameter(
    "mulai",
    OpenApiTypes.DATE,
    description="Awal periode (YYYY-MM-DD). Bila `mulai` dan `selesai` tidak dikirim: tahun berjalan; bila hanya "
    "satu: sampai akhir (atau sejak awal) tahun tanggal itu.",
)
PARAM_SELESAI_IKM = OpenApiParameter(
    "selesai", OpenApiTypes.DATE, description="Akhir periode (YYYY-MM-DD), tidak sebelum `mulai`."
)
