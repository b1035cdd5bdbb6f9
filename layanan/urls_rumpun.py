"""Pages of layanan: rumpun (filled in by issue 18)."""

urlpatterns: list = []
