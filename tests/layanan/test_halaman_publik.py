"""The public pages of layanan (no login): the catalogue, a service's standard and its versions, the QR code,
the survey with its one-time code, the complaint form (honeypot, rate limit, attachment) and the tracking
page, which shows status, dates and published answers only."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from layanan import services
from layanan.choices import StatusPengaduan
from layanan.models import Jawaban, KodeSurvei, Pengaduan, Responden
from layanan.services.survei import PESAN_KODE

from .conftest import komponen_lengkap, layanan_terbit

pytestmark = pytest.mark.django_db

JAWABAN = {f"U{i}": "3" for i in range(1, 10)}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def html(respons) -> str:
    return respons.content.decode()


def bersih_csp(teks: str) -> None:
    """No inline style or script (the CSP forbids both): the pages must work without them."""
    assert not re.search(r"\sstyle=", teks)
    assert not re.search(r"<script(?![^>]*\ssrc=)", teks)
    assert not re.search(r"\son[a-z]+=", teks)


def kode_survei(lay, layanan=None) -> str:
    (k,) = services.kode_survei_buat(pelaku=lay.admin, layanan=layanan or lay.lab)
    return k.kode


def isi_survei(client, kode, **lain):
    return client.post("/layanan/uji-lab/survei/", {"kode": kode, **JAWABAN, **lain})


# --- the catalogue and the standard ----------------------------------------------------------------


def test_katalog_perangkat_daerah_dengan_jumlah_tanpa_login(client, lay):
    r = client.get("/layanan/")
    assert r.status_code == 200
    isi = html(r)
    bersih_csp(isi)
    assert "Sekretariat Daerah" in isi and "Dinas Kesehatan" in isi
    assert "Kecamatan Kepanjen" not in isi  # no published service
    assert "/layanan/instansi/dinkes/" in isi and "1 layanan" in isi
    assert 'id="navigasi"' not in isi  # the menu is for signed-in users only


def test_katalog_cari_nama_kode_produk_tanpa_draf(client, lay):
    isi = html(client.get("/layanan/", {"q": "laborat"}))
    assert "Uji Laboratorium Kesehatan" in isi and "1 layanan cocok" in isi
    assert "Konsultasi Kelembagaan" not in isi
    assert "Uji Laboratorium" in html(client.get("/layanan/", {"q": "uji-lab"}))
    assert "Rekomendasi Izin Praktik" not in html(client.get("/layanan/", {"q": "izin"}))  # a draft
    assert client.get("/layanan/", {"q": "a\x00b"}).status_code == 200  # unreadable text: no search


def test_katalog_unit(client, lay):
    r = client.get("/layanan/instansi/dinkes/")
    assert r.status_code == 200 and "Uji Laboratorium Kesehatan" in html(r)
    assert "Rekomendasi Izin Praktik" not in html(r)
    assert "Tidak ada layanan yang cocok" in html(client.get("/layanan/instansi/dinkes/", {"q": "zzz"}))
    assert client.get("/layanan/instansi/kec-kepanjen/").status_code == 404  # nothing published
    assert client.get("/layanan/instansi/tidak-ada/").status_code == 404


def test_halaman_layanan_standar_berlaku(client, lay):
    r = client.get("/layanan/uji-lab/")
    assert r.status_code == 200
    isi = html(r)
    bersih_csp(isi)
    for label in ("Dasar Hukum", "Persyaratan Pelayanan", "Biaya/Tarif", "Evaluasi Kinerja Pelaksana"):
        assert label in isi
    assert "Isi komponen dasar hukum." in isi
    assert "berlaku sejak" in isi
    assert "Isi survei kepuasan" in isi and "/layanan/uji-lab/survei/" in isi
    assert "/pengaduan/?layanan=uji-lab" in isi and "Sampaikan pengaduan" in isi
    assert "/layanan/uji-lab/qr.svg" in isi
    assert "Indeks Kepuasan Masyarakat" not in isi  # nobody answered yet


def test_draf_tidak_pernah_tampil(client, lay):
    for url in ("/layanan/izin-praktik/", "/layanan/izin-praktik/survei/", "/layanan/izin-praktik/qr.svg"):
        assert client.get(url).status_code == 404
    services.versi_buat(pelaku=lay.admin, layanan=lay.lab, komponen={"biaya": "Rp5.000"})
    assert client.get("/layanan/uji-lab/versi/2/").status_code == 404  # the new draft
    assert "Rp5.000" not in html(client.get("/layanan/uji-lab/"))


def test_versi_lama_terbaca_dengan_tanggal(client, lay):
    services.versi_buat(pelaku=lay.admin, layanan=lay.lab, komponen={"biaya": "Rp5.000"}, catatan="tarif")
    services.versi_terbitkan(pelaku=lay.admin, layanan=lay.lab)
    isi = html(client.get("/layanan/uji-lab/"))
    assert "Rp5.000" in isi and "/layanan/uji-lab/versi/1/" in isi
    lama = client.get("/layanan/uji-lab/versi/1/")
    assert lama.status_code == 200
    assert "sudah diganti" in html(lama) and "Isi komponen biaya." in html(lama)
    assert client.get("/layanan/uji-lab/versi/2/").status_code == 302  # the one in force: its own page
    assert client.get("/layanan/uji-lab/versi/9/").status_code == 404


def test_ringkasan_ikm_tahun_ini(client, lay):
    services.survei_isi(layanan=lay.lab, kode=kode_survei(lay), jawaban={f"U{i}": 4 for i in range(1, 10)})
    isi = html(client.get("/layanan/uji-lab/"))
    assert "Indeks Kepuasan Masyarakat" in isi
    assert "100,00" in isi and "Mutu A" in isi and "1 responden" in isi


def test_qr_svg_menuju_halaman_survei(client, lay, settings):
    settings.SITUS_URL = "https://layanan.contoh.go.id/"
    r = client.get("/layanan/uji-lab/qr.svg")
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml"
    assert b"<svg" in r.content
    assert "https://layanan.contoh.go.id/layanan/uji-lab/survei/" in html(client.get("/layanan/uji-lab/"))


def test_katalog_kueri_tetap(client, lay, django_assert_max_num_queries):
    def hitung():
        with django_assert_max_num_queries(8) as q:
            assert client.get("/layanan/").status_code == 200
            assert client.get("/layanan/", {"q": "an"}).status_code == 200
            assert client.get("/layanan/instansi/dinkes/").status_code == 200
        return len(q.captured_queries)

    sedikit = hitung()
    for i in range(8):
        layanan_terbit(lay.admin, [lay.s.upt6, lay.s.kecamatan][i % 2], f"layanan-{i}", f"Layanan {i}")
    assert hitung() == sedikit


# --- the survey -----------------------------------------------------------------------------------


def test_survei_ponsel_kode_terisi_dari_qr(client, lay):
    r = client.get("/layanan/uji-lab/survei/", {"kode": "abcd-efgh"})
    assert r.status_code == 200
    isi = html(r)
    bersih_csp(isi)
    assert 'value="ABCD-EFGH"' in isi
    assert isi.count('type="radio"') == 9 * 4
    assert "kesesuaian persyaratan pelayanan" in isi and "Sangat sesuai" in isi
    assert "tidak menanyakan nama" in isi
    assert "Jenis kelamin" in isi and "Pendidikan terakhir" in isi
    assert 'name="viewport"' in isi


def test_survei_terkirim_sekali_tanpa_jejak(client, lay):
    kode = kode_survei(lay)
    r = isi_survei(client, services.tampil_kode(kode).lower(), usia="41", jenis_kelamin="P", pendidikan="s1")
    assert r.status_code == 302 and r["Location"] == "/layanan/uji-lab/survei/terima-kasih/"
    selesai = client.get(r["Location"])
    assert "Terima kasih" in html(selesai)
    assert "Sesuai" not in html(selesai) and "41" not in html(selesai)  # no echo of the answers
    (resp,) = Responden.objects.all()
    assert (resp.usia, resp.jenis_kelamin, resp.pendidikan, resp.sumber) == (41, "P", "s1", "daring")
    assert Jawaban.objects.filter(responden=resp).count() == 9
    assert KodeSurvei.objects.get(kode=kode).dipakai is not None

    again = isi_survei(client, kode)  # the same code again
    assert again.status_code == 400
    assert PESAN_KODE in html(again)
    assert Responden.objects.count() == 1


def test_survei_tidak_menyimpan_data_pribadi(client, lay):
    assert isi_survei(client, kode_survei(lay)).status_code == 302
    kolom = {f.name for f in Responden._meta.get_fields()}
    assert kolom == {
        "id",
        "layanan",
        "skema",
        "tanggal",
        "jenis_kelamin",
        "usia",
        "pendidikan",
        "pekerjaan",
        "sumber",
        "dicatat_oleh",
        "dicatat",
        "jawaban",
    }
    assert not any(f.related_model is KodeSurvei for f in Responden._meta.get_fields())
    assert not any(f.related_model is Responden for f in KodeSurvei._meta.get_fields())
    assert Responden.objects.get().dicatat_oleh is None


def test_survei_isian_salah_pesan_per_isian_tanpa_tulis(client, lay):
    kode = kode_survei(lay)
    data = {"kode": kode, "U1": "4", "U2": "9", "usia": "abc", "jenis_kelamin": "X"}
    r = client.post("/layanan/uji-lab/survei/", data)
    assert r.status_code == 400
    isi = html(r)
    assert re.search(r'id="soal-U2".*?galat-isian', isi, re.S)  # the message beside its question
    assert "9 bukan salah satu dari pilihan yang tersedia" in isi
    assert Responden.objects.count() == 0 and KodeSurvei.objects.get(kode=kode).dipakai is None

    r = client.post("/layanan/uji-lab/survei/", {"kode": kode, "U1": "4", "usia": "abc"})
    assert r.status_code == 400
    isi = html(r)
    assert "Pilih salah satu jawaban." in isi and "Usia 10 sampai 120 tahun." in isi
    assert Responden.objects.count() == 0 and KodeSurvei.objects.get(kode=kode).dipakai is None

    r = client.post("/layanan/uji-lab/survei/", JAWABAN)  # no code
    assert r.status_code == 400 and "Masukkan kode survei" in html(r)
    r = isi_survei(client, kode_survei(lay, lay.konsultasi))  # another service's code
    assert r.status_code == 400 and PESAN_KODE in html(r)
    assert Responden.objects.count() == 0


def test_formulir_publik_dilindungi_csrf(lay):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/layanan/uji-lab/survei/", {"kode": "X", **JAWABAN}).status_code == 403
    assert client.post("/pengaduan/", {"isi": "Halo", "jenis": "pengaduan"}).status_code == 403
    assert 'name="csrfmiddlewaretoken"' in html(client.get("/pengaduan/"))


# --- complaints -----------------------------------------------------------------------------------


def ajukan(client, alamat="10.0.0.1", **data):
    return client.post("/pengaduan/", {"jenis": "pengaduan", "isi": "Antrean lama sekali.", **data}, REMOTE_ADDR=alamat)


def test_formulir_pengaduan_layanan_terpilih(client, lay):
    r = client.get("/pengaduan/", {"layanan": "uji-lab"})
    assert r.status_code == 200
    isi = html(r)
    bersih_csp(isi)
    assert '<option value="uji-lab" selected>' in isi
    assert "izin-praktik" not in isi  # drafts are not offered
    assert 'name="situs_web"' in isi and 'tabindex="-1"' in isi and 'class="lay-madu"' in isi
    assert 'enctype="multipart/form-data"' in isi


def test_pengaduan_terkirim_kode_lacak(client, lay):
    r = ajukan(client, layanan="uji-lab", nama="Warga Uji", kontak="warga@contoh.id")
    assert r.status_code == 302
    p = Pengaduan.objects.get()
    kode = services.tampil_lacak(p.kode_lacak)
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", kode)
    assert r["Location"] == f"/pengaduan/terkirim/{kode}/"
    isi = html(client.get(r["Location"]))
    assert f'id="kode-lacak">{kode}<' in isi and f"/pengaduan/lacak/{kode}/" in isi
    assert (p.layanan, p.unit, p.nama, p.kontak) == (lay.lab, lay.s.upt5, "Warga Uji", "warga@contoh.id")
    assert client.get("/pengaduan/terkirim/AAAA-BBBB-CCCC/").status_code == 404


def test_pengaduan_salah_pesan_tanpa_tulis(client, lay):
    r = ajukan(client, isi="   ", layanan="izin-praktik", jenis="lain")
    assert r.status_code == 400
    isi = html(r)
    assert "izin-praktik bukan salah satu dari pilihan" in isi and "lain bukan salah satu" in isi
    r = ajukan(client, isi="\u200b ")
    assert r.status_code == 400 and "Wajib diisi dengan teks yang terbaca." in html(r)
    r = ajukan(client, nama="x" * 201)
    assert r.status_code == 400 and "200 karakter" in html(r)
    assert Pengaduan.objects.count() == 0


def test_pengaduan_lampiran_jenis_dan_ukuran(client, lay, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    palsu = SimpleUploadedFile("foto.jpg", b"MZ bukan gambar", content_type="image/jpeg")
    r = ajukan(client, lampiran=palsu)
    assert r.status_code == 400 and "bukan" in html(r) and Pengaduan.objects.count() == 0
    besar = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf")
    r = ajukan(client, lampiran=besar)
    assert r.status_code == 400 and "terlalu besar" in html(r) and Pengaduan.objects.count() == 0
    r = ajukan(client, lampiran=SimpleUploadedFile("surat.pdf", PDF, content_type="application/pdf"))
    assert r.status_code == 302
    p = Pengaduan.objects.get()
    assert p.lampiran.name.endswith(".pdf") and "surat" not in p.lampiran.name


def test_honeypot_tidak_menyimpan_apa_pun(client, lay, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lampiran = SimpleUploadedFile("surat.pdf", PDF, content_type="application/pdf")
    r = ajukan(client, situs_web="http://spam.example", layanan="uji-lab", lampiran=lampiran)
    assert r.status_code == 302 and r["Location"] == "/pengaduan/terkirim/"
    isi = html(client.get(r["Location"]))
    assert "Terima kasih" in isi and 'id="kode-lacak"' not in isi
    assert Pengaduan.objects.count() == 0
    assert not [b for b in tmp_path.rglob("*") if b.is_file()]  # the attachment's file is gone too
    r = ajukan(client, situs_web="http://spam.example", isi="")  # checked like any form
    assert r.status_code == 400 and "Wajib diisi" in html(r) and Pengaduan.objects.count() == 0


def test_batas_kiriman_per_alamat_429(client, lay):
    for _ in range(5):
        assert ajukan(client, alamat="10.9.9.9").status_code == 302
    r = client.post("/pengaduan/", {"jenis": "pengaduan", "isi": "Lagi"}, REMOTE_ADDR="10.9.9.9")
    assert r.status_code == 429
    assert "satu jam terakhir" in html(r)
    assert Pengaduan.objects.count() == 5
    assert client.post("/pengaduan/", {"jenis": "saran", "isi": "Lain"}, REMOTE_ADDR="10.9.9.8").status_code == 302


# --- tracking ---------------------------------------------------------------------------------------


def test_lacak_hanya_status_tanggal_tanggapan_terbit(client, lay):
    ajukan(client, layanan="uji-lab", isi="Petugas loket kasar sekali", nama="Budi Rahasia", kontak="0812999888")
    p = Pengaduan.objects.get()
    kode = services.tampil_lacak(p.kode_lacak)
    r = client.get(f"/pengaduan/lacak/{kode}/")
    assert r.status_code == 200
    isi = html(r)
    bersih_csp(isi)
    assert "Diterima" in isi
    for rahasia in ("Petugas loket kasar", "Budi Rahasia", "0812999888", "Uji Laboratorium"):
        assert rahasia not in isi

    staf, kepala = lay.s.staf_upt5.akun, lay.s.kepala_upt5.akun
    services.pengaduan_proses(pelaku=staf, pengaduan=p)
    t = services.tanggapan_tulis(pelaku=staf, pengaduan=p, isi="Mohon maaf, petugas sudah dibina.")
    services.tanggapan_tulis(pelaku=staf, pengaduan=p, isi="Draf internal belum terbit.")
    assert "petugas sudah dibina" not in html(client.get(f"/pengaduan/lacak/{kode}/"))
    services.tanggapan_terbitkan(pelaku=kepala, tanggapan=t)
    isi = html(client.get(f"/pengaduan/lacak/{p.kode_lacak.lower()}/"))  # lowercase, no hyphens
    assert "Diproses" in isi and "petugas sudah dibina" in isi
    assert "Draf internal" not in isi and lay.s.kepala_upt5.nama not in isi


def test_lacak_tidak_membuka_pengaduan_lain(client, lay):
    ajukan(client, layanan="uji-lab", isi="Aduan A")
    ajukan(client, layanan="uji-lab", isi="Aduan B")
    a, b = Pengaduan.objects.order_by("id")
    services.pengaduan_proses(pelaku=lay.s.staf_upt5.akun, pengaduan=b)
    t = services.tanggapan_tulis(pelaku=lay.s.staf_upt5.akun, pengaduan=b, isi="Jawaban untuk B saja")
    services.tanggapan_terbitkan(pelaku=lay.s.kepala_upt5.akun, tanggapan=t)
    isi = html(client.get(f"/pengaduan/lacak/{services.tampil_lacak(a.kode_lacak)}/"))
    assert "Jawaban untuk B saja" not in isi and services.tampil_lacak(b.kode_lacak) not in isi
    assert a.status == StatusPengaduan.DITERIMA and "Diterima" in isi


def test_lacak_formulir_dan_kode_tak_dikenal(client, lay):
    assert client.get("/pengaduan/lacak/").status_code == 200
    ajukan(client)
    p = Pengaduan.objects.get()
    r = client.get("/pengaduan/lacak/", {"kode": p.kode_lacak.lower()})
    assert r.status_code == 302 and r["Location"] == f"/pengaduan/lacak/{services.tampil_lacak(p.kode_lacak)}/"
    r = client.get("/pengaduan/lacak/", {"kode": "12"})
    assert r.status_code == 400 and "12 huruf/angka" in html(r)
    r = client.get("/pengaduan/lacak/ZZZZ-ZZZZ-ZZZZ/")
    assert r.status_code == 404 and "Kode lacak tidak ditemukan" in html(r)
    assert client.get("/pengaduan/lacak/%00%3Cx%3E/").status_code == 404
    assert client.get("/pengaduan/lacak/" + "A" * 300 + "/").status_code == 404


def test_komponen_ditampilkan_aman(client, lay):
    komponen = komponen_lengkap()
    komponen["persyaratan"] = "- KTP\n- <script>alert(1)</script> **asli**"
    services.versi_buat(pelaku=lay.admin, layanan=lay.lab, komponen=komponen)
    services.versi_terbitkan(pelaku=lay.admin, layanan=lay.lab)
    isi = html(client.get("/layanan/uji-lab/"))
    assert "<li>KTP</li>" in isi and "<strong>asli</strong>" in isi and "<script>alert" not in isi
