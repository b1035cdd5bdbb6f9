"""Pages of layanan: konsultasi (filled in by issue 18)."""

urlpatterns: list = []
