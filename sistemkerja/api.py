"""What every app's API shares: paging, the error shape and its handler, the documented error answers,
and the personal-data access log of reads (UU 27/2022)."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import GalatDomain
from .galat import PESAN_CSRF, PESAN_TERLALU_BESAR
from .masukan import bentuk_id, bentuk_nip
from .parsers import PESAN_TAK_TERBACA
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

    def get_page_number(self, request, paginator):
        # Django's paginator reads "١" (Arabic-Indic one) as page 1, and DRF an empty value as page 1: only
        # ASCII digits (or "last") are a page number
        nilai = request.query_params.get(self.page_query_param, "1")
        if nilai not in self.last_page_strings and not (nilai.isascii() and nilai.isdigit()):
            raise exceptions.NotFound(self.invalid_page_message)
        return nilai

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
        if response.status_code in (200, 201) and request.user.is_authenticated:
            nip = self.nip_subjek(getattr(response, "data", None))
            if nip:
                catat_akses(request, nip)
        return response


class CatatNipDiKunci(CatatAksesDataPribadi):
    """For answers that name staff by NIP at any depth: the view lists the keys that hold NIPs
    (`kunci_nip`), and each read is logged with every NIP found under them."""

    kunci_nip: frozenset[str] = frozenset()

    def nip_subjek(self, data) -> list[str]:
        return sorted(nip_dalam(data, self.kunci_nip))


def nip_dalam(data, kunci_nip, kunci: str = "") -> set[str]:
    """Every NIP under a key of `kunci_nip` anywhere in an answer (only 18-digit strings count: a letter's
    `tembusan` holds titles, not NIPs)."""
    if isinstance(data, dict):
        return set().union(*(nip_dalam(v, kunci_nip, k) for k, v in data.items()))
    if isinstance(data, list):
        return set().union(*(nip_dalam(v, kunci_nip, kunci) for v in data))
    return {data} if kunci in kunci_nip and isinstance(data, str) and bentuk_nip(data) == data else set()


def satu_dari_id(queryset, pk, pesan: str):
    """One object by id within a restricted queryset; a malformed or out-of-range id is a 404 too."""
    pk = bentuk_id(pk)
    obj = queryset.filter(pk=pk).first() if pk is not None else None
    if obj is None:
        raise exceptions.NotFound(pesan)
    return obj


def catat_akses(request, nip) -> None:
    """One access-log row for this request, naming the people whose data it returns (pages call it too)."""
    from organisasi.models import TokenApi
    from organisasi.services import akses_data_pribadi_catat

    token = getattr(request, "auth", None)
    akses_data_pribadi_catat(
        user=request.user,
        token=token if isinstance(token, TokenApi) else None,
        alamat_ip=alamat_klien(request),
        metode=request.method,
        path=request.get_full_path(),
        nip=list(nip),
    )


# --- one error shape ------------------------------------------------------------------------------


def ratakan(data, awalan: str = "") -> dict[str, list[str]]:
    """A DRF error detail as the documented shape: `{"kolom": ["pesan", ...]}`, nested fields and list
    items named by path (`pegawai[2]`, `anggota[0].peran`)."""
    if isinstance(data, dict):
        hasil = {}
        for kunci, nilai in data.items():
            kunci = str(kunci)
            nama = f"{awalan}[{kunci}]" if awalan and kunci.isdigit() else f"{awalan}.{kunci}" if awalan else kunci
            hasil.update(ratakan(nilai, nama))
        return hasil
    if isinstance(data, list) and any(isinstance(d, dict | list) for d in data):
        hasil = {}
        for i, nilai in enumerate(data):
            if nilai:  # list items without an error are left out
                hasil.update(ratakan(nilai, f"{awalan}[{i}]"))
        return hasil
    pesan = [str(d) for d in data] if isinstance(data, list) else [str(data)]
    return {awalan or "detail": pesan}


def _bentuk_galat(data):
    if isinstance(data, dict) and set(data) == {"detail"} and isinstance(data["detail"], str):
        return data
    if isinstance(data, list) and all(isinstance(d, str) for d in data):
        return {"detail": " ".join(str(d) for d in data)}
    rata = ratakan(data)
    if set(rata) == {"detail"}:
        return {"detail": " ".join(rata["detail"])}
    return rata


def exception_handler(exc, context):
    if isinstance(exc, GalatDomain):
        return Response({"detail": exc.pesan}, status=exc.status_code)
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return Response({"detail": PESAN_TERLALU_BESAR}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DjangoValidationError):
        data = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(data)
    if isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(PESAN_TAK_TERBACA)
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        exc = exceptions.UnsupportedMediaType(
            "", detail="Jenis isi permintaan tidak didukung: kirim application/json (atau data formulir)."
        )
    elif isinstance(exc, exceptions.NotAcceptable):
        exc = exceptions.NotAcceptable("Jenis jawaban yang diminta (Accept) tidak tersedia: gunakan application/json.")
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(PESAN_CSRF)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        response.data = {"detail": "Metode tidak diizinkan."}
    response.data = _bentuk_galat(response.data)
    return response


# --- the same shape outside DRF's views (Django's handlers, for /api/ only) ---------------------------


GALAT_KODE = {
    "type": "object",
    "description": (
        'Galat: `{"detail": "pesan"}`, atau pesan per kolom `{"kolom": ["pesan", ...]}`. Kolom bersarang dan '
        "butir daftar dinamai menurut jalurnya: `pegawai[2]`, `anggota[0].peran`."
    ),
    # `kode` is a machine code of some errors, and a field of some bodies (a service's `kode`): either shape
    "properties": {
        "detail": {"type": "string"},
        "kode": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    },
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
GALAT_UMUM = {
    "400": "Masukan tidak sah.",
    "401": "Belum masuk, atau token tidak sah.",
    "403": "Tidak berwenang.",
    "404": "Tidak ada, atau di luar cakupan Anda.",
    "405": "Metode tidak diizinkan.",
    "406": "Jenis jawaban yang diminta tidak tersedia.",
    "413": "Isi permintaan terlalu besar.",
    "415": "Jenis isi permintaan tidak didukung.",
    "429": "Terlalu banyak permintaan.",
}


def skema_galat(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents every error it can answer with,
    all in one shape (`Galat`)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Galat"] = GALAT_KODE
    rujukan = {"$ref": "#/components/schemas/Galat"}
    for jalur in result.get("paths", {}).values():
        for metode, operasi in jalur.items():
            if not isinstance(operasi, dict) or "responses" not in operasi:
                continue
            for kode, keterangan in GALAT_UMUM.items():
                if kode in ("413", "415") and metode in ("get", "head", "delete"):
                    continue
                jawaban = operasi["responses"].setdefault(kode, {"description": keterangan})
                jawaban["content"] = {"application/json": {"schema": rujukan}}
    return result
