"""Pages of the appraisal (dokumen)."""

urlpatterns = []
