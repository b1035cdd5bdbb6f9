"""The domain errors every app's services raise; `sistemkerja.api.exception_handler` maps them to HTTP
codes, the pages show their message."""


class GalatDomain(Exception):
    status_code = 400

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


class BukanWewenang(GalatDomain):
    """The actor may not do this to this object (API 403)."""

    status_code = 403


class TransisiTidakSah(GalatDomain):
    """The object's state does not allow the transition (API 409)."""

    status_code = 409


class TerlaluSering(GalatDomain):
    """Too many requests from one address in a window (API 429)."""

    status_code = 429
