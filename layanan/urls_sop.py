"""Pages of the SOP registry under /sop/ (issue 18): the list, registering, an SOP's page and its versions,
the draft's editing and import pages, approval, the PDF, the flowchart as SVG and the import's workbook."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import sop, sop_draf

urlpatterns = [
    path("sop/", sop.daftar, name="sop_daftar"),
    path("sop/baru/", sop.baru, name="sop_baru"),
    path("sop/templat-tabel-kegiatan.xlsx", sop.templat_kosong, name="sop_templat_kosong"),
    path("sop/<id:pk>/", sop.detail, name="sop_detail"),
    path("sop/<id:pk>/ubah/", sop.ubah, name="sop_ubah"),
    path("sop/<id:pk>/sahkan/", sop.sahkan, name="sop_sahkan"),
    path("sop/<id:pk>/sop.pdf", sop.pdf, name="sop_pdf"),
    path("sop/<id:pk>/bagan.svg", sop.svg, name="sop_svg"),
    path("sop/<id:pk>/versi/baru/", sop.versi_baru, name="sop_versi_baru"),
    path("sop/<id:pk>/versi/<id:n>/", sop.versi, name="sop_versi"),
    path("sop/<id:pk>/versi/<id:n>/ubah/", sop_draf.versi_ubah, name="sop_versi_ubah"),
    path("sop/<id:pk>/versi/<id:n>/impor/", sop.impor, name="sop_impor"),
    path("sop/<id:pk>/versi/<id:n>/tabel-kegiatan.xlsx", sop.templat, name="sop_templat"),
    path("sop/<id:pk>/versi/<id:n>/sop.pdf", sop.pdf, name="sop_pdf_versi"),
    path("sop/<id:pk>/versi/<id:n>/bagan.svg", sop.svg, name="sop_svg_versi"),
]
