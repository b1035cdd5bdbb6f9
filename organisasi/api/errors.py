"""One DRF exception handler: domain errors and Django validation errors become structured JSON."""
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from organisasi.errors import GalatDomain


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
