"""Pages of the appraisal (kepatuhan)."""

urlpatterns = []
