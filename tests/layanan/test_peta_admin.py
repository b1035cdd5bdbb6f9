"""Maps, versions, review rounds, findings and clusters in the admin: changelists in a constant number of queries
(two data sizes), read-only records whose actions call the services, clusters added and changed through the
services (a refusal on the form, nothing saved)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from layanan.choices import AksiLayanan, StatusReviu, StatusTemuan, StatusVersi
from layanan.models import PetaProses, Reviu, RiwayatLayanan, Rumpun, Temuan
from layanan.services import peta as peta_svc
from layanan.services import reviu as reviu_svc
from layanan.services.rumpun import rumpun_buat

from . import test_peta as tp
from . import test_peta_halaman as tph

pytestmark = pytest.mark.django_db
dunia = tp.dunia

DAFTAR = [
    "/admin/layanan/petaproses/",
    "/admin/layanan/versipeta/",
    "/admin/layanan/reviu/",
    "/admin/layanan/temuan/",
    "/admin/layanan/rumpun/",
]


def _rumpun(d, kode):
    return rumpun_buat(
        pelaku=d.admin, instansi=d.s.instansi, kode=kode, nama=f"Rumpun {kode}", perangkat_daerah=[d.s.dinas, d.s.setda]
    )


def test_daftar_admin_kueri_tetap(client, dunia):
    d = dunia
    client.force_login(d.admin)

    def hitung():
        jumlah = []
        for url in DAFTAR:
            with CaptureQueriesContext(connection) as q:
                assert client.get(url).status_code == 200, url
            jumlah.append(len(q.captured_queries))
        return jumlah

    tph._pohon(d, 1, "A")
    _rumpun(d, "satu")
    sedikit = hitung()
    tph._pohon(d, 3, "B")
    _rumpun(d, "dua")
    _rumpun(d, "tiga")
    assert hitung() == sedikit
    p = PetaProses.objects.get(kode="B-0")
    r = client.get(f"/admin/layanan/petaproses/{p.pk}/change/")
    assert r.status_code == 200 and "versi/1/berkas/" in r.content.decode()
    assert client.get(f"/admin/layanan/petaproses/{p.pk}/history/").status_code == 200
    assert client.get(f"/admin/layanan/reviu/{Reviu.objects.first().pk}/change/").status_code == 200


def test_aksi_admin_memanggil_layanan(client, dunia):
    d = dunia
    client.force_login(d.admin)
    p = tp.peta_baru(d.pengelola, d.s.dinas, "PB-1")
    kosong = tp.peta_baru(d.pengelola, d.s.dinas, "PB-2")
    peta_svc.peta_versi_unggah(pelaku=d.pengelola.akun, peta=p, berkas=tp.berkas(tp.PDF, "p.pdf"))
    r = client.post(
        "/admin/layanan/petaproses/",
        {"action": "tetapkan_draf", "_selected_action": [p.pk, kosong.pk]},
        follow=True,
    )
    isi = r.content.decode()
    assert "PB-1: versi 1 ditetapkan" in isi and "Tidak ada draf" in isi
    assert (
        p.versi.get().status == StatusVersi.BERLAKU and RiwayatLayanan.objects.filter(aksi="peta_terbit").count() == 1
    )
    rv = reviu_svc.reviu_buka(pelaku=d.bo.akun, perangkat_daerah=d.s.dinas, tahun=2027, judul="Reviu")
    client.post("/admin/layanan/reviu/", {"action": "mulai_reviu", "_selected_action": [rv.pk]})
    rv.refresh_from_db()
    assert rv.status == StatusReviu.BERJALAN
    t = reviu_svc.temuan_catat(pelaku=d.bo.akun, reviu=rv, peta=p, uraian="Temuan.")
    terima = {"action": "terima_tindak_lanjut", "_selected_action": [t.pk]}
    r = client.post("/admin/layanan/temuan/", terima, follow=True)
    assert "diperiksa setelah ditindaklanjuti" in r.content.decode()  # 409 as a message, nothing changed
    reviu_svc.temuan_tindak_lanjut(pelaku=d.pengelola.akun, temuan=t, tindak_lanjut="Sudah.")
    client.post("/admin/layanan/temuan/", terima)
    assert Temuan.objects.get().status == StatusTemuan.SELESAI
    assert client.post(f"/admin/layanan/petaproses/{p.pk}/change/", {"nama": "x"}).status_code == 403


def test_rumpun_lewat_admin(client, dunia):
    d = dunia
    client.force_login(d.admin)
    assert client.get("/admin/layanan/rumpun/add/").status_code == 200
    data = {"instansi": d.s.instansi.pk, "kode": "kesehatan", "nama": "Rumpun Kesehatan", "aktif": "on"}
    data |= {"riwayat-TOTAL_FORMS": 0, "riwayat-INITIAL_FORMS": 0}  # the history inline: read-only
    r = client.post("/admin/layanan/rumpun/add/", {**data, "perangkat_daerah": [d.s.dinas.pk]})
    assert r.status_code == 200 and "paling sedikit 2" in r.content.decode() and not Rumpun.objects.exists()
    r = client.post("/admin/layanan/rumpun/add/", {**data, "perangkat_daerah": [d.s.dinas.pk, d.s.dpmptsp.pk]})
    rumpun = Rumpun.objects.get()
    assert r.status_code == 302 and set(rumpun.perangkat_daerah.all()) == {d.s.dinas, d.s.dpmptsp}
    assert list(rumpun.riwayat.values_list("aksi", flat=True)) == [AksiLayanan.RUMPUN_BUAT]
    r = client.post(
        f"/admin/layanan/rumpun/{rumpun.pk}/change/",
        {**data, "nama": "Rumpun Kesehatan dan Perizinan", "perangkat_daerah": [d.s.dinas.pk, d.s.kecamatan.pk]},
    )
    rumpun.refresh_from_db()
    assert r.status_code == 302 and rumpun.nama == "Rumpun Kesehatan dan Perizinan"
    assert set(rumpun.perangkat_daerah.all()) == {d.s.dinas, d.s.kecamatan}
    assert rumpun.riwayat.filter(aksi=AksiLayanan.RUMPUN_UBAH).count() == 1
