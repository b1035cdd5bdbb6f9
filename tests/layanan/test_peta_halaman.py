"""The pages of the business-process maps and review rounds: the agencies with their counts and an agency's
hierarchy page in a constant number of queries (two data sizes), a map's page with its versions, upload (a
file refused by its content: 400, nothing written), setting in force (the wrong actor 403, no draft 409), the
drawing served through the checked view (BPMN as an XML download, images inline), editing; the review rounds'
pages with every step. Outsiders get 404, the wrong actor 403; every page CSP-clean."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from layanan.choices import JenisPeta, StatusReviu, StatusTemuan, StatusVersi
from layanan.models import PetaProses, Reviu, Temuan, VersiPeta
from layanan.services import reviu as reviu_svc

from . import test_peta as tp
from .test_halaman_publik import bersih_csp, html

pytestmark = pytest.mark.django_db
dunia = tp.dunia
akun, peta_baru, terbit = tp.akun, tp.peta_baru, tp.terbit


def masuk(client, orang):
    client.force_login(akun(orang))
    return client


def _pohon(d, n: int, awalan: str):
    """`n` level-1 maps of the Dinas, each with a child, a subprocess under it, units, SOPs, findings."""
    s = d.s
    r = reviu_svc.reviu_buka(pelaku=akun(d.bo), perangkat_daerah=s.dinas, tahun=2027, judul=f"Reviu {awalan}")
    r = reviu_svc.reviu_status(pelaku=akun(d.bo), reviu=r, status="berjalan")
    for i in range(n):
        sop = tp.sop_dari(s.upt5, f"{awalan}-SOP-{i}")
        a = peta_baru(d.pengelola, s.dinas, f"{awalan}-{i}", unit_terlibat=[s.bidang, s.upt5], sop=[sop])
        b = peta_baru(d.pengelola, s.bidang, f"{awalan}-{i}.1", induk=a)
        peta_baru(d.pengelola, s.upt5, f"{awalan}-{i}.1-S", jenis=JenisPeta.SUBPROSES, induk=b, sop=[sop])
        terbit(d, a)
        reviu_svc.temuan_catat(pelaku=akun(d.bo), reviu=r, peta=a, uraian="Perlu diperbarui.")
        reviu_svc.temuan_catat(pelaku=akun(d.bo), reviu=r, sop=sop, uraian="Waktu kosong.")


def _jumlah_kueri(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200, url
    bersih_csp(html(r))
    return len(q.captured_queries)


# --- lists and the hierarchy ----------------------------------------------------------------------


def test_daftar_dan_hierarki_kueri_tetap(client, dunia):
    d = dunia
    masuk(client, d.bo)
    _pohon(d, 1, "A")
    urls = ["/proses-bisnis/", "/proses-bisnis/dinkes/", "/reviu/"]
    sedikit = [_jumlah_kueri(client, u) for u in urls]
    _pohon(d, 4, "B")
    assert [_jumlah_kueri(client, u) for u in urls] == sedikit
    isi = html(client.get("/proses-bisnis/dinkes/"))
    assert isi.count('class="peta-simpul"') == 15 and "B-3.1-S" in isi and "2 temuan terbuka" not in isi
    assert "1 temuan terbuka" in isi and "Unit terlibat:" in isi and "B-SOP-3" in isi
    daftar = html(client.get("/proses-bisnis/"))
    assert "Dinas Kesehatan" in daftar and "Kecamatan Kepanjen" in daftar


def test_hierarki_sesuai_pembaca(client, dunia):
    d = dunia
    draf = peta_baru(d.pengelola, d.s.dinas, "DRAF-1")
    berlaku = peta_baru(d.pengelola, d.s.dinas, "BERLAKU-1")
    terbit(d, berlaku)
    isi = html(masuk(client, d.lain).get("/proses-bisnis/dinkes/"))  # another agency of the instansi
    assert "BERLAKU-1" in isi and "DRAF-1" not in isi and "Daftarkan peta" not in isi
    assert client.get(f"/proses-bisnis/peta/{draf.pk}/").status_code == 404
    assert client.get(f"/proses-bisnis/peta/{berlaku.pk}/").status_code == 200
    isi = html(masuk(client, d.pengelola).get("/proses-bisnis/dinkes/"))
    assert "DRAF-1" in isi and "Daftarkan peta" in isi
    masuk(client, d.luar)  # another instansi
    for url in ["/proses-bisnis/dinkes/", f"/proses-bisnis/peta/{berlaku.pk}/", f"/proses-bisnis/peta/{draf.pk}/"]:
        assert client.get(url).status_code == 404, url
    assert '"/proses-bisnis/dinkes/"' not in html(client.get("/proses-bisnis/"))


def test_tamu_diarahkan_masuk(client, dunia):
    p = peta_baru(dunia.pengelola, dunia.s.dinas, "PB-1")
    for url in ["/proses-bisnis/", "/proses-bisnis/dinkes/", f"/proses-bisnis/peta/{p.pk}/", "/reviu/", "/rumpun/"]:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/"), url


# --- registering, editing, versions ---------------------------------------------------------------


def test_daftarkan_dan_ubah_lewat_halaman(client, dunia):
    d = dunia
    induk = peta_baru(d.pengelola, d.s.dinas, "PB-1")
    masuk(client, d.pengelola)
    r = client.get(f"/proses-bisnis/dinkes/baru/?induk={induk.pk}")
    assert r.status_code == 200 and f'value="{induk.pk}" selected' in html(r)
    bersih_csp(html(r))
    data = {"kode": "PB-1.1", "nama": "Verifikasi berkas", "jenis": "level", "unit": d.s.bidang.pk, "induk": induk.pk}
    r = client.post("/proses-bisnis/dinkes/baru/", {**data, "level": "3"})  # level mismatch: 400, nothing written
    assert r.status_code == 400 and "Level harus 2" in html(r)
    assert not PetaProses.objects.filter(kode="PB-1.1").exists()
    r = client.post("/proses-bisnis/dinkes/baru/", {**data, "unit_terlibat": [d.s.upt5.pk]})
    anak = PetaProses.objects.get(kode="PB-1.1")
    assert r.status_code == 302 and r["Location"] == f"/proses-bisnis/peta/{anak.pk}/" and anak.level == 2
    r = client.post(
        f"/proses-bisnis/peta/{induk.pk}/ubah/",
        {"kode": "PB-1", "nama": "Pelayanan kesehatan", "jenis": "level", "induk": anak.pk, "aktif": "on"},
    )
    assert r.status_code == 400 and "berputar" in html(r)  # its own child as its parent
    r = client.get(f"/proses-bisnis/peta/{anak.pk}/ubah/")
    assert r.status_code == 200 and 'value="PB-1.1"' in html(r)
    bersih_csp(html(r))
    r = client.post(f"/proses-bisnis/peta/{anak.pk}/ubah/", {"kode": "PB-2", "nama": "Verifikasi", "jenis": "level"})
    anak.refresh_from_db()
    assert r.status_code == 302 and (anak.kode, anak.induk_id, anak.level, anak.aktif) == ("PB-2", None, 1, False)
    masuk(client, d.lain)  # another agency: may not register or edit here
    assert client.get("/proses-bisnis/dinkes/baru/").status_code == 403
    assert client.post("/proses-bisnis/dinkes/baru/", {**data, "kode": "X"}).status_code == 403
    terbit(d, anak)
    assert client.get(f"/proses-bisnis/peta/{anak.pk}/ubah/").status_code == 403
    assert not PetaProses.objects.filter(kode="X").exists()


def test_unggah_tetapkan_dan_berkas(client, dunia):
    d = dunia
    p = peta_baru(d.pengelola, d.s.dinas, "PB-1")
    url = f"/proses-bisnis/peta/{p.pk}/"
    masuk(client, d.pengelola)
    r = client.post(url + "versi/", {"berkas": SimpleUploadedFile("peta.png", b"teks biasa, bukan gambar")})
    assert r.status_code == 400 and "bukan PDF, PNG, JPEG atau XML BPMN" in html(r)
    r = client.post(url + "versi/", {"berkas": SimpleUploadedFile("model.bpmn", tp.XXE)})
    assert r.status_code == 400 and "DTD atau entitas" in html(r)
    assert not VersiPeta.objects.exists()
    assert client.post(url + "tetapkan/").status_code == 403  # staff draft; heads set
    assert client.post(url + "versi/", {"berkas": SimpleUploadedFile("model.bpmn", tp.BPMN)}).status_code == 302
    assert client.post(url + "versi/", {"berkas": SimpleUploadedFile("gambar.png", tp.png())}).status_code == 302
    isi = html(client.get(url))
    assert "Tetapkan draf terbaru" not in isi and "Menunggu ditetapkan" not in isi
    bersih_csp(isi)
    masuk(client, d.penetap)
    assert "Tetapkan draf terbaru" in html(client.get(url))
    assert client.post(url + "tetapkan/", {"tanggal_penetapan": "2999-01-01"}).status_code == 400
    assert client.post(url + "tetapkan/", {"tanggal_penetapan": ""}).status_code == 302
    r = client.post(url + "tetapkan/")
    assert r.status_code == 409 and "Tidak ada draf" in html(r)
    v1, v2 = VersiPeta.objects.order_by("nomor")
    assert (v1.status, v2.status) == (StatusVersi.DILEWATI, StatusVersi.BERLAKU)
    isi = html(client.get(url))
    assert f'<img src="/proses-bisnis/peta/{p.pk}/versi/2/berkas/"' in isi
    bersih_csp(isi)
    gambar = client.get(url + "versi/2/berkas/")
    assert gambar["Content-Type"] == "image/png" and gambar["X-Content-Type-Options"] == "nosniff"
    assert b"".join(gambar.streaming_content) == tp.png()
    bpmn = client.get(url + "versi/1/berkas/")
    assert bpmn["Content-Type"] == "application/xml" and bpmn["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in bpmn["Content-Security-Policy"] and b"".join(bpmn.streaming_content) == tp.BPMN
    masuk(client, d.lain)  # reads the version in force, not the skipped draft
    assert client.get(url + "versi/2/berkas/").status_code == 200
    assert client.get(url + "versi/1/berkas/").status_code == 404
    assert client.post(url + "versi/", {"berkas": SimpleUploadedFile("p.png", tp.png())}).status_code == 403
    masuk(client, d.luar)
    assert client.get(url + "versi/2/berkas/").status_code == 404
    assert VersiPeta.objects.count() == 2


# --- review rounds --------------------------------------------------------------------------------


def test_reviu_lewat_halaman(client, dunia):
    d = dunia
    peta = peta_baru(d.pengelola, d.s.dinas, "PB-1")
    masuk(client, d.pengelola)
    assert client.get("/reviu/baru/").status_code == 403  # only the Bagian Organisasi opens rounds
    masuk(client, d.bo)
    r = client.get("/reviu/baru/")
    assert r.status_code == 200 and "Dinas Kesehatan" in html(r)
    bersih_csp(html(r))
    data = {"perangkat_daerah": d.s.dinas.pk, "tahun": "2027", "judul": "Reviu 2027", "metode": "Telaah"}
    r = client.post("/reviu/baru/", {**data, "tahun": "20x7"})
    assert r.status_code == 400 and not Reviu.objects.exists()
    r = client.post("/reviu/baru/", data)
    rv = Reviu.objects.get()
    url = f"/reviu/{rv.pk}/"
    assert r.status_code == 302 and r["Location"] == url
    assert client.post(url + "status/", {"status": "selesai", "kesimpulan": "x"}).status_code == 409
    assert client.post(url + "status/", {"status": "berjalan"}).status_code == 302
    r = client.post(url + "temuan/", {"pokok": "", "uraian": "Kosong"})
    assert r.status_code == 400 and not Temuan.objects.exists()
    assert (
        client.post(url + "temuan/", {"pokok": f"peta:{peta.pk}", "uraian": "Unit belum lengkap."}).status_code == 302
    )
    t = Temuan.objects.get()
    assert client.post(url + f"temuan/{t.pk}/tindak-lanjut/", {"tindak_lanjut": "x"}).status_code == 403
    masuk(client, d.lain)
    assert client.get(url).status_code == 404 and rv.judul not in html(client.get("/reviu/"))
    masuk(client, d.pengelola)
    isi = html(client.get(url))
    assert "Kirim tindak lanjut" in isi and "Catat temuan" not in isi and "Simpan keputusan" not in isi
    bersih_csp(isi)
    assert client.post(url + f"temuan/{t.pk}/tutup/", {"keputusan": "terima"}).status_code == 403
    assert client.post(url + f"temuan/{t.pk}/tindak-lanjut/", {"tindak_lanjut": " "}).status_code == 400
    assert client.post(url + f"temuan/{t.pk}/tindak-lanjut/", {"tindak_lanjut": "Dilengkapi."}).status_code == 302
    masuk(client, d.kepala_bo)
    r = client.post(url + f"temuan/{t.pk}/tutup/", {"keputusan": "kembalikan", "catatan": ""})
    assert r.status_code == 400 and Temuan.objects.get().status == StatusTemuan.DITINDAKLANJUTI
    r = client.post(url + f"temuan/{t.pk}/tutup/", {"keputusan": "kembalikan", "catatan": "Lampirkan versi 2."})
    assert r.status_code == 302 and Temuan.objects.get().status == StatusTemuan.TERBUKA
    isi = html(client.get(url))
    assert "Tindak lanjut temuan dikembalikan" in isi and "Lampirkan versi 2." in isi
    r = client.post(url + "status/", {"status": "selesai", "kesimpulan": " "})
    assert r.status_code == 400 and Reviu.objects.get().status == StatusReviu.BERJALAN
    assert client.post(url + "status/", {"status": "selesai", "kesimpulan": "Cukup baik."}).status_code == 302
    assert "Cukup baik." in html(client.get(url)) and f"/reviu/{rv.pk}/" in html(client.get("/proses-bisnis/dinkes/"))
    masuk(client, d.luar)
    assert client.get(url).status_code == 404
    assert client.post(url + f"temuan/{t.pk}/tindak-lanjut/", {"tindak_lanjut": "x"}).status_code == 404
