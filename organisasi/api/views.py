"""Read-only organisasi API (API.md): units, their tree, staff, kedudukan, the caller, tokens.

Every object a caller can reach comes through `restrict(user, "view")`, so an
object outside the caller's scope is a 404, exactly like one that does not exist.
Reads beyond a plain lookup go through `selectors`.
"""

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.template import engines
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularRedocView
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from sistemkerja import masukan
from sistemkerja.api import (
    GALAT_AUTH,
    GALAT_DAFTAR,
    GALAT_FIELD,
    CatatAksesDataPribadi,
    GalatSerializer,
    Halaman,
    ambil_atau_404,
    galat_objek,
    param_path,
)
from sistemkerja.masukan import bentuk_nip

from .. import cache as cache_struktur
from .. import selectors, services
from ..choices import CakupanToken, JenisUnit
from ..models import Pegawai, TokenApi, Unit
from ..permissions import GRUP_KLIEN_API, HanyaBaca, adalah_admin_organisasi, pegawai_dari_user
from ..querysets import q_cakupan_pegawai
from . import serializers as s
from .auth import SEMUA_TOKEN, CakupanTokenDiperlukan, TokenAuthentication
from .filters import PegawaiFilter, UnitFilter

KODE_SAH = re.compile(r"^[-a-zA-Z0-9_]{1,64}$")


# --- framework plumbing --------------------------------------------------------------------------


class TokenThrottle(AnonRateThrottle):
    """Limits token requests per address when settings set DEFAULT_THROTTLE_RATES["token"]; off otherwise."""

    scope = "token"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope)


class OrganisasiAPI:
    # Token first, so an anonymous request gets 401 with `WWW-Authenticate: Token`; always read-only.
    permission_classes = [HanyaBaca, CakupanTokenDiperlukan]


class JawabanTersimpan:
    """Answers everyone of a scope sees alike, changing only with the structure (the `unit` and `pohon`
    JSON): kept rendered in the shared cache per structure version, date, the caller's scope and the exact
    URL (`organisasi.cache`), and built from the database only on a miss. JSON only (the browsable API is
    built afresh), and only for the parameters a view answers to: unknown ones are answered, not kept."""

    def _tersimpan(self, nama: str, hitung, parameter=()):
        request = self.request
        if (
            set(request.query_params) - {"format", *parameter}
            or request.accepted_renderer.format != "json"
            or ";" in request.accepted_media_type
        ):
            return Response(hitung())

        def render():
            return request.accepted_renderer.render(hitung(), request.accepted_media_type, self.get_renderer_context())

        isi = cache_struktur.ambil_atau_hitung(request.user, ("json", nama, request.build_absolute_uri()), render)
        return HttpResponse(isi, content_type="application/json")


class BacaAPI(OrganisasiAPI, JawabanTersimpan, viewsets.ReadOnlyModelViewSet):
    pagination_class = Halaman
    # Anything up to the next slash reaches get_object, which answers a malformed key with a JSON 404.
    lookup_value_regex = "[^/]+"


PARAM_KODE = param_path("kode", "Kode unit.")
PARAM_NIP = param_path("nip", "NIP 18 digit (spasi di antara kelompok boleh).")


def skema_baca(nama: str, *, daftar, satu, param: OpenApiParameter, keterangan: str):
    """The documented responses of a read-only list and detail."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"Daftar {nama} dalam cakupan Anda",
            description=keterangan,
            responses={200: daftar(many=True), **GALAT_DAFTAR},
        ),
        retrieve=extend_schema(
            summary=f"Satu {nama}",
            description=keterangan,
            parameters=[param],
            responses={200: satu, **galat_objek(nama.capitalize())},
        ),
    )


# --- units ---------------------------------------------------------------------------------------


@skema_baca(
    "unit",
    daftar=s.UnitSerializer,
    satu=s.UnitDetailSerializer,
    param=PARAM_KODE,
    keterangan=(
        "Unit struktur organisasi dalam cakupan pemanggil, urut pohon. `pimpinan`: yang memimpin hari ini "
        "(Plt/Plh yang berlaku, jika tidak ada pejabat definitif); null bila jabatan kosong."
    ),
)
class UnitViewSet(BacaAPI):
    cakupan_token = CakupanToken.STRUKTUR_BACA
    serializer_class = s.UnitSerializer
    filterset_class = UnitFilter
    lookup_field = "kode"

    def get_queryset(self):
        return Unit.objects.restrict(self.request.user, "view").select_related("induk", "instansi")

    def get_object(self):
        kode = self.kwargs["kode"]
        if not KODE_SAH.match(kode):
            raise exceptions.NotFound("Unit tidak ditemukan.")
        return ambil_atau_404(self.get_queryset(), "Unit tidak ditemukan.", kode=kode)

    def list(self, request, *args, **kwargs):
        def hitung():
            halaman = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
            peta = selectors.PetaPejabat.muat([u.pk for u in halaman], selectors.hari_ini())
            data = s.UnitSerializer(halaman, many=True, context={"peta": peta}).data
            return self.get_paginated_response(data).data

        return self._tersimpan("unit-daftar", hitung, ["page", "page_size", *self.filterset_class.base_filters])

    def retrieve(self, request, *args, **kwargs):
        def hitung():
            unit = self.get_object()
            konteks = {
                "peta": selectors.PetaPejabat.muat([unit.pk], selectors.hari_ini()),
                "unit_organisasi": (
                    Unit.objects.leluhur_dari(unit)
                    .filter(mandiri=True)
                    .exclude(jenis=JenisUnit.INSTANSI)
                    .order_by("-depth")
                    .values_list("kode", flat=True)
                    .first()
                ),
            }
            return s.UnitDetailSerializer(unit, context=konteks).data

        return self._tersimpan("unit-satu", hitung)

    @extend_schema(
        summary="Pohon unit di bawah unit ini (termasuk dirinya)",
        parameters=[PARAM_KODE],
        filters=False,
        description=(
            "Seluruh subpohon dalam satu permintaan sebagai JSON bersarang; pada unit akar "
            "instansi, seluruh instansi. `pimpinan` tiap simpul: yang memimpin hari ini, atau "
            "null."
        ),
        responses={200: s.SimpulPohonSerializer, **galat_objek("Unit")},
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def pohon(self, request, *args, **kwargs):
        return self._tersimpan("unit-pohon", lambda: selectors.pohon_ringkas(self.get_object(), selectors.hari_ini()))


# --- staff ---------------------------------------------------------------------------------------


@skema_baca(
    "pegawai",
    daftar=s.PegawaiSerializer,
    satu=s.PegawaiSerializer,
    param=PARAM_NIP,
    keterangan="Pegawai dalam cakupan pemanggil, urut nama, dengan unit dan jabatan saat ini.",
)
class PegawaiViewSet(CatatAksesDataPribadi, BacaAPI):
    cakupan_token = CakupanToken.PEGAWAI_BACA
    serializer_class = s.PegawaiSerializer
    filterset_class = PegawaiFilter
    lookup_field = "nip"

    def get_queryset(self):
        return (
            Pegawai.objects.restrict(self.request.user, "view")
            .select_related("unit", "jabatan")
            .order_by("nama", "nip")
        )

    def get_object(self):
        return ambil_atau_404(self._dalam_cakupan(self.get_queryset()), "Pegawai tidak ditemukan.")

    def list(self, request, *args, **kwargs):
        # The page picked by id first, with no join (a deep OFFSET over joined rows costs ~35 ms on 22,000
        # staff, over the covering index of (nama, nip) ~3 ms), then its rows as plain values.
        queryset = self.filter_queryset(self.get_queryset())
        id_halaman = list(self.paginate_queryset(queryset.values_list("pk", flat=True)))
        baris = {b["id"]: b for b in queryset.filter(pk__in=id_halaman).values("id", *s.KOLOM_PEGAWAI)}
        return self.get_paginated_response([s.pegawai_json(baris[i]) for i in id_halaman if i in baris])

    def _dalam_cakupan(self, queryset):
        """The person named in the URL within a restricted queryset (a malformed NIP is a 404 at once)."""
        return queryset.filter(nip=self._nip())

    def _nip(self) -> str:
        """The NIP in the URL (spaces allowed), checked for shape before any lookup: else a 404 at once."""
        nip = bentuk_nip(self.kwargs["nip"])
        if nip is None:
            raise exceptions.NotFound("Pegawai tidak ditemukan.")
        return nip

    @extend_schema(
        summary="Kedudukan pegawai pada suatu tanggal: PPK, rantai evaluasi, Pimpinan Unit Organisasi, pola",
        description=(
            "Menurut Perbup Malang 132/2023 Lampiran B.1 dan D. `sebagai`: definitif, plt, plh, delegasi "
            "(kewenangan PPK didelegasikan) atau atasan (jabatan kosong tanpa Plt/Plh: pimpinan di atasnya "
            "bertindak). `rantai_evaluasi` dimulai dari PPK dan diakhiri Pimpinan Unit Organisasi."
        ),
        parameters=[
            PARAM_NIP,
            OpenApiParameter("tanggal", OpenApiTypes.DATE, description="Tanggal (YYYY-MM-DD); bawaan hari ini."),
        ],
        filters=False,
        responses={
            200: s.KedudukanSerializer,
            400: OpenApiResponse(GALAT_FIELD, "Tanggal tidak sah."),
            **galat_objek("Pegawai"),
        },
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def kedudukan(self, request, *args, **kwargs):
        return Response(self._kedudukan())

    def _kedudukan(self):
        request = self.request

        def dalam_cakupan():  # built only when needed (a miss or a bad date), not on the hot path
            return self._dalam_cakupan(Pegawai.objects.restrict(request.user, "view"))

        tanggal = baca_tanggal(request)
        if tanggal is None:
            ambil_atau_404(dalam_cakupan(), "Pegawai tidak ditemukan.")  # an unknown person stays a 404
            raise exceptions.ValidationError({"tanggal": [PESAN_TANGGAL]})
        # Benchmarked hot path: the placement in force is the lookup of the person too (one hand-written
        # query for unscoped callers), then their ancestors and heads (one more).
        cakupan = q_cakupan_pegawai(request.user, "view", "pegawai__")
        penempatan = selectors.penempatan_menurut_nip(tanggal, self._nip(), cakupan=cakupan)
        if penempatan is None:  # unknown, or no placement on that date (an empty kedudukan)
            pegawai = ambil_atau_404(dalam_cakupan(), "Pegawai tidak ditemukan.")
        else:
            pegawai = penempatan.pegawai
        return s.kedudukan_json(selectors.kedudukan_dari_penempatan(pegawai, penempatan, tanggal))


PESAN_TANGGAL = "Tanggal tidak sah: gunakan format YYYY-MM-DD antara 1940 dan 2099, mis. 2024-05-03."


def baca_tanggal(request):
    """`?tanggal=YYYY-MM-DD`, default today; None when malformed (an empty value is malformed too)."""
    if "tanggal" not in request.query_params:
        return selectors.hari_ini()
    nilai = request.query_params["tanggal"]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", nilai):
        return None
    try:
        return masukan.periksa_tanggal(dt.date.fromisoformat(nilai), awal=masukan.LAHIR_MIN)
    except (ValueError, DjangoValidationError):
        return None


# --- the caller ----------------------------------------------------------------------------------


class SayaView(OrganisasiAPI, APIView):
    cakupan_token = SEMUA_TOKEN  # the caller's own record

    @extend_schema(
        summary="Data pegawai dan peran pemanggil",
        responses={200: s.SayaSerializer, **GALAT_AUTH},
        description=(
            "Peran: admin_organisasi, klien_api, pimpinan (memimpin Unit Organisasi hari ini), ppk "
            "(memegang kewenangan PPK hari ini), pegawai. `pegawai` null bila akun tidak terhubung "
            "dengan data pegawai."
        ),
    )
    def get(self, request):
        user = request.user
        pegawai = pegawai_dari_user(user)
        memimpin, ppk = selectors.peran_unit_hari_ini(pegawai)
        peran = [
            nama
            for nama, ya in (
                ("admin_organisasi", adalah_admin_organisasi(user)),
                ("klien_api", Group.objects.filter(user=user, name=GRUP_KLIEN_API).exists()),
                ("pimpinan", any(m["unit_organisasi"] for m in memimpin)),
                ("ppk", bool(ppk)),
                ("pegawai", pegawai is not None),
            )
            if ya
        ]
        return Response(
            {
                "username": user.get_username(),
                "pegawai": s.PegawaiSerializer(pegawai).data if pegawai is not None else None,
                "peran": peran,
                "memimpin": memimpin,
                "kewenangan_ppk": ppk,
            }
        )


# --- tokens --------------------------------------------------------------------------------------


class TokenView(APIView):
    """POST exchanges NIP (or username) and password for a new token; DELETE revokes the token used."""

    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]

    def initialize_request(self, request, *args, **kwargs):
        # Signing in carries no token (a stale one in the header must not block it); revoking needs one.
        self.authentication_classes = [] if request.method == "POST" else [TokenAuthentication]
        return super().initialize_request(request, *args, **kwargs)

    def get_authenticate_header(self, request):
        return "Token"  # wrong credentials are a 401 (DRF makes it a 403 without an authenticator)

    @extend_schema(
        summary="Minta token API",
        auth=[],
        request=s.TokenMasukSerializer,
        description=(
            "Tukar NIP (spasi boleh) atau nama pengguna dan kata sandi dengan token baru; kirim "
            "token sebagai `Authorization: Token <token>`. Kunci hanya ditampilkan sekali (yang "
            "disimpan hanya sidiknya) dan berlaku sampai `kedaluwarsa` atau sampai dicabut."
        ),
        responses={
            200: s.TokenSerializer,
            400: OpenApiResponse(GALAT_FIELD, "NIP atau kata sandi tidak diisi, cakupan tidak dikenal."),
            401: OpenApiResponse(GalatSerializer, "NIP/nama pengguna atau kata sandi salah."),
            429: OpenApiResponse(GalatSerializer, "Terlalu banyak percobaan."),
        },
    )
    def post(self, request):
        masuk = s.TokenMasukSerializer(data=request.data, context={"request": request})
        masuk.is_valid(raise_exception=True)
        d = masuk.validated_data
        masa = dt.timedelta(days=settings.TOKEN_MASA_BERLAKU_HARI)
        token, kunci = services.token_buat(
            pelaku=d["user"], user=d["user"], nama=d["nama"], cakupan=d["cakupan"], kedaluwarsa=timezone.now() + masa
        )
        return Response(
            {"token": kunci, "awalan": token.awalan, "cakupan": token.cakupan, "kedaluwarsa": token.kedaluwarsa}
        )

    @extend_schema(summary="Cabut token yang dipakai permintaan ini", request=None, responses={204: None, **GALAT_AUTH})
    def delete(self, request):
        if not isinstance(request.auth, TokenApi):
            raise exceptions.NotAuthenticated("Kirim token yang akan dicabut: Authorization: Token <token>.")
        services.token_cabut(pelaku=request.user, token=request.auth, alasan="dicabut pemiliknya melalui API")
        return Response(status=204)


# --- docs ----------------------------------------------------------------------------------------

# drf-spectacular's Redoc page fetches Google Fonts; with no network at run time (and no CDN allowed)
# its head is replaced by one that loads nothing from outside. Its body loads Redoc by the <redoc> tag
# alone, with no inline init script, so the page works under script-src 'self' (no 'unsafe-inline').
REDOC_LOKAL = """{% extends "drf_spectacular/redoc.html" %}{% block head %}
<title>{{ title|default:"Redoc" }}</title><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; padding: 0; }</style>{% endblock head %}
{% block body %}<redoc spec-url="{{ schema_url }}"></redoc>
<script src="{{ redoc_standalone }}"></script>{% endblock body %}"""


class RedocLokalRenderer(TemplateHTMLRenderer):
    def resolve_template(self, template_names):
        return engines["django"].from_string(REDOC_LOKAL)


class RedocView(SpectacularRedocView):
    renderer_classes = [RedocLokalRenderer]
