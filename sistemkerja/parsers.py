"""The API's JSON parser (settings REST_FRAMEWORK DEFAULT_PARSER_CLASSES)."""

from rest_framework import exceptions, parsers

PESAN_TAK_TERBACA = "Isi permintaan tidak dapat dibaca: periksa format JSON-nya."


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, also for input that breaks Python's decoder outright: JSON nested thousands
    deep (RecursionError) or a number of thousands of digits (ValueError) is a 400 like any bad JSON."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(PESAN_TAK_TERBACA) from None
