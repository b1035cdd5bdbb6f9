"""Pages of layanan: sop (filled in by issue 18)."""

urlpatterns: list = []
