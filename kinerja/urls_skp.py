"""Pages of the appraisal (skp)."""

urlpatterns = []
