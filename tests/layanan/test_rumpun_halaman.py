"""The pages of the clusters: the list, a cluster's agencies side by side for a year in a constant number of
queries (two data sizes), forming and changing one by the Bagian Organisasi (others 403, bad input 400 with
nothing written); outsiders 404; every page CSP-clean."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from layanan.models import Rumpun

from . import test_rumpun as tr
from .test_halaman_publik import bersih_csp, html

pytestmark = pytest.mark.django_db
dunia = tr.dunia
akun = tr.akun


def masuk(client, orang):
    client.force_login(akun(orang))
    return client


def test_halaman_rumpun_berdampingan_kueri_tetap(client, dunia):
    d = dunia
    r = tr.rumpun_baru(d, sop=[tr.sop_dari(d.s.dinas)])
    url = f"/rumpun/{r.pk}/?tahun={tr.TAHUN}"
    masuk(client, d.lain)  # staff of another agency of the instansi read it

    def hitung(alamat):
        with CaptureQueriesContext(connection) as q:
            respons = client.get(alamat)
        assert respons.status_code == 200
        bersih_csp(html(respons))
        return len(q.captured_queries)

    tr._dunia_rumpun(d, 1)
    sedikit = [hitung(url), hitung("/rumpun/")]
    tr._dunia_rumpun(d, 4)
    tr.rumpun_baru(d, kode="lain", nama="Rumpun Lain", perangkat_daerah=[d.s.kecamatan, d.s.setda])
    assert [hitung(url), hitung("/rumpun/")] == sedikit
    isi = html(client.get(url))
    # Dinas: 5 targets of 1 juta and two parts of half a juta; DPMPTSP: 5 of 2 juta; the cluster: 16 juta
    assert "Rp6.000.000" in isi and "Rp10.000.000" in isi and "Rp16.000.000" in isi
    assert "Tim lintas 3" in isi and "Tim dalam" not in isi and "Kecamatan Kepanjen" in isi
    assert "Ubah rumpun" not in isi and "Riwayat" not in isi
    assert "Tahun 2027" in isi and f'href="?tahun={tr.TAHUN + 1}"' in isi
    assert client.get(f"/rumpun/{r.pk}/?tahun=abc").status_code == 200  # a bad year: this year
    masuk(client, d.luar)
    assert client.get(url).status_code == 404 and "Rumpun Kesehatan" not in html(client.get("/rumpun/"))
    assert client.get(f"/rumpun/{r.pk}/ubah/").status_code == 404


def test_bentuk_dan_ubah_lewat_halaman(client, dunia):
    d = dunia
    masuk(client, d.pengelola)
    assert client.get("/rumpun/baru/").status_code == 403
    assert "Bentuk rumpun" not in html(client.get("/rumpun/"))
    masuk(client, d.bo)
    r = client.get("/rumpun/baru/")
    assert r.status_code == 200 and "Dinas Kesehatan" in html(r) and "Bidang Pelayanan" not in html(r)
    bersih_csp(html(r))
    data = {"kode": "kesehatan", "nama": "Rumpun Kesehatan", "urusan": "Kesehatan", "perangkat_daerah": [d.s.dinas.pk]}
    r = client.post("/rumpun/baru/", data)
    assert r.status_code == 400 and "paling sedikit 2" in html(r) and not Rumpun.objects.exists()
    r = client.post("/rumpun/baru/", {**data, "perangkat_daerah": [d.s.dinas.pk, d.s.bidang.pk]})
    assert r.status_code == 400 and not Rumpun.objects.exists()  # a bidang is not offered: the form refuses it
    r = client.post("/rumpun/baru/", {**data, "perangkat_daerah": [d.s.dinas.pk, d.s.dpmptsp.pk]})
    rumpun = Rumpun.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/rumpun/{rumpun.pk}/"
    isi = html(client.get(r["Location"]))
    assert "Ubah rumpun" in isi and "Rumpun dibentuk" in isi
    r = client.post(
        f"/rumpun/{rumpun.pk}/ubah/",
        {**data, "nama": "Rumpun Kesehatan dan Perizinan", "perangkat_daerah": [d.s.dinas.pk, d.s.dpmptsp.pk]},
    )
    rumpun.refresh_from_db()
    assert r.status_code == 302 and rumpun.nama == "Rumpun Kesehatan dan Perizinan" and not rumpun.aktif
    masuk(client, d.penetap)
    assert client.get(f"/rumpun/{rumpun.pk}/").status_code == 200
    assert client.get(f"/rumpun/{rumpun.pk}/ubah/").status_code == 403
    assert client.post(f"/rumpun/{rumpun.pk}/ubah/", {**data, "nama": "Diambil alih"}).status_code == 403
    rumpun.refresh_from_db()
    assert rumpun.nama == "Rumpun Kesehatan dan Perizinan"
