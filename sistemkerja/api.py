"""What every app's API shares: paging, the error shape and its handler, the documented error answers,
and the personal-data access log of reads (UU 27/2022)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import GalatDomain
from .security import alamat_klien


class Halaman(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = "Nomor halaman."
    page_size_query_description = "Jumlah baris per halaman (bawaan 50, paling banyak 500)."
    invalid_page_message = "Halaman tidak ditemukan."

    def get_page_size(self, request):
        # DRF silently falls back to the default on a bad value; a client's typo should be a 400.
        nilai = request.query_params.get(self.page_size_query_param)
        if nilai is None:
            return self.page_size
        if not (nilai.isascii() and nilai.isdigit() and 1 <= int(nilai) <= self.max_page_size):
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"Gunakan bilangan bulat 1 sampai {self.max_page_size}."]}
            )
        return int(nilai)

    def get_schema_operation_parameters(self, view):
        batas = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        parameter = super().get_schema_operation_parameters(view)
        for p in parameter:
            p["schema"].update(batas.get(p["name"], {}))
        return parameter


class GalatSerializer(serializers.Serializer):
    detail = serializers.CharField()


GALAT_FIELD = {
    "type": "object",
    "additionalProperties": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
    "description": 'Pesan per kolom (`{"kolom": ["pesan"]}`), atau `{"detail": "pesan"}`.',
}
GALAT_AUTH = {
    401: OpenApiResponse(GalatSerializer, "Belum masuk, atau token tidak sah."),
    403: OpenApiResponse(GalatSerializer, "Tidak berwenang atas sumber daya ini."),
}
GALAT_DAFTAR = {
    400: OpenApiResponse(GALAT_FIELD, "Nilai filter tidak sah."),
    **GALAT_AUTH,
    404: OpenApiResponse(GalatSerializer, "Halaman tidak ditemukan."),
}


def galat_objek(nama: str) -> dict:
    pesan = f"{nama} tidak ada atau di luar cakupan Anda."
    return {**GALAT_AUTH, 404: OpenApiResponse(GalatSerializer, pesan)}


def param_path(nama: str, keterangan: str) -> OpenApiParameter:
    return OpenApiParameter(nama, OpenApiTypes.STR, OpenApiParameter.PATH, description=keterangan)


def ambil_atau_404(queryset, pesan: str, **lookup):
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise exceptions.NotFound(pesan)
    return obj


class CatatAksesDataPribadi:
    """Logs each successful read of staff records (UU 27/2022): who, with which token, from where, whose.

    Views name the people a response is about in `nip_subjek(data)`.
    """

    def nip_subjek(self, data) -> list[str]:
        if isinstance(data, dict) and "results" in data:
            return [baris["nip"] for baris in data["results"]]
        return [data["nip"]] if isinstance(data, dict) and data.get("nip") else []

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and request.user.is_authenticated:
            nip = self.nip_subjek(getattr(response, "data", None))
            if nip:
                from organisasi.models import TokenApi
                from organisasi.services import akses_data_pribadi_catat

                akses_data_pribadi_catat(
                    user=request.user,
                    token=request.auth if isinstance(request.auth, TokenApi) else None,
                    alamat_ip=alamat_klien(request),
                    metode=request.method,
                    path=request.get_full_path(),
                    nip=list(nip),
                )
        return response


def exception_handler(exc, context):
    if isinstance(exc, GalatDomain):
        return Response({"detail": exc.pesan}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        data = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(data)
    if isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError("Isi permintaan tidak dapat dibaca: periksa format JSON-nya.")
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        response.data = {"detail": "Metode tidak diizinkan."}
    return response
