"""Consultations in the admin: read-only (the services own every state), their files and steps shown, the
status/jenis/overdue filters, scoped to what the user may see, and the list in a constant number of queries."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from layanan.models import Konsultasi, LampiranKonsultasi

from .test_konsultasi_alur import HARI_BEKU, ajukan, disposisi, jam, jawab, pdf, tutup

pytestmark = pytest.mark.django_db


def url(model, *rest) -> str:
    return "/".join(["/admin/layanan", model._meta.model_name, *map(str, rest)]) + "/"


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def isi(bo, n: int) -> None:
    """n requests waiting, n answered and closed (with a file and four steps each)."""
    for i in range(n):
        ajukan(bo, jenis="lakip")
        k = disposisi(bo, ajukan(bo, oleh=[bo.pemohon, bo.s.staf_seksi][i % 2]))
        LampiranKonsultasi.objects.create(
            konsultasi=k, tahap="hasil", berkas="konsultasi/x.pdf", nama="notula.pdf", diunggah_oleh=bo.penangan
        )
        tutup(bo, jawab(bo, k), nilai=4, oleh=k.pemohon)


def test_hanya_dibaca_dengan_lampiran_dan_riwayat(bo, admin_organisasi, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = masuk(admin_organisasi)
    k = tutup(bo, jawab(bo, disposisi(bo, ajukan(bo, lampiran=[pdf("draf.pdf")]))), nilai=3)
    assert c.get(url(Konsultasi)).status_code == 200
    html = c.get(url(Konsultasi, k.pk, "change")).content.decode()
    assert 'name="_save"' not in html
    assert "draf.pdf" in html and f"/api/v1/konsultasi/{k.pk}/lampiran/" in html
    assert "Konsultasi didisposisikan" in html and "Konsultasi ditutup" in html
    lamp = k.lampiran.get()
    assert c.get(url(LampiranKonsultasi)).status_code == 200
    assert "draf.pdf" in c.get(url(LampiranKonsultasi, lamp.pk, "change")).content.decode()
    for model, obj in ((Konsultasi, k), (LampiranKonsultasi, lamp)):
        assert c.get(url(model, "add")).status_code == 403
        assert c.post(url(model, obj.pk, "change"), {"status": "diajukan"}).status_code == 403
        assert c.get(url(model, obj.pk, "delete")).status_code == 403
    assert Konsultasi.objects.get(pk=k.pk).status == "selesai"
    for q in ("\x00", "x" * 100_000, "Staf Lab"):
        assert c.get(url(Konsultasi), {"q": q}).status_code == 200


def test_saring_status_jenis_terlambat(bo, admin_organisasi):
    hari = lambda n: HARI_BEKU + dt.timedelta(days=n)  # noqa: E731
    with jam(hari(0)):
        lewat = ajukan(bo, jenis="lakip")
        tepat = ajukan(bo, jenis="sop")
    with jam(hari(1)):
        jawab(bo, disposisi(bo, tepat))
    with jam(hari(20)):
        c = masuk(admin_organisasi)
        hasil = lambda **q: {k.pk for k in c.get(url(Konsultasi), q).context["cl"].result_list}  # noqa: E731
        assert hasil() == {lewat.pk, tepat.pk}
        assert hasil(terlambat="ya") == {lewat.pk} and hasil(terlambat="tidak") == {tepat.pk}
        assert hasil(status__exact="dijawab") == {tepat.pk} and hasil(jenis__exact="lakip") == {lewat.pk}


def test_lingkup_pengguna_staf(bo):
    """A staff account with the model's view permission sees only what the consultation pages show it."""
    k_dinas = ajukan(bo)
    k_kec = ajukan(bo, oleh=bo.s.staf_seksi)
    izin = Permission.objects.get(codename="view_konsultasi")
    for p in (bo.s.kepala_upt5, bo.s.staf_dpmptsp):
        p.akun.is_staff = True
        p.akun.save()
        p.akun.user_permissions.add(izin)
    c = masuk(bo.s.kepala_upt5.akun)
    assert {k.pk for k in c.get(url(Konsultasi)).context["cl"].result_list} == {k_dinas.pk}
    assert c.get(url(Konsultasi, k_kec.pk, "change")).status_code == 302  # "does not exist": back to the index
    c = masuk(bo.s.staf_dpmptsp.akun)
    assert list(c.get(url(Konsultasi)).context["cl"].result_list) == []
    tanpa_izin = masuk(bo.s.staf_upt6.akun)
    assert tanpa_izin.get(url(Konsultasi)).status_code == 302  # not staff: the admin's login page


def _kueri(c, alamat) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(alamat).status_code == 200
    return len(ctx)


def test_daftar_kueri_tetap(bo, admin_organisasi, django_assert_num_queries):
    c = masuk(admin_organisasi)
    isi(bo, 2)
    alamat = [url(Konsultasi), url(Konsultasi) + "?terlambat=tidak", url(LampiranKonsultasi)]
    for a in alamat:
        c.get(a)
    sedikit = {a: _kueri(c, a) for a in alamat}
    isi(bo, 5)
    for a, n in sedikit.items():
        with django_assert_num_queries(n):
            c.get(a)
