"""Pages of layanan: peta (filled in by issue 18)."""

urlpatterns: list = []
