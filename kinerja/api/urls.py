"""`/api/v1/` routes of kinerja (API.md, Kinerja)."""

urlpatterns: list = []
