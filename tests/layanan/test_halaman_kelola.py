"""The staff pages of layanan: the services I run, registering one, versions (view, compare, edit the draft,
a new version, publish), survey codes and their printable slips, paper questionnaires, complaints (list,
page, attachment, every step), the menu and the home card. Outsiders get 404 (what they may not know) or
403 (what they see but may not do); lists run in a constant number of queries."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from layanan import services
from layanan.choices import StatusPengaduan, StatusVersi
from layanan.models import KodeSurvei, Layanan, Pengaduan, Responden, Tanggapan

from .conftest import layanan_terbit
from .test_halaman_publik import PDF, bersih_csp, html

pytestmark = pytest.mark.django_db

HALAMAN_LAB = [
    "/layanan/kelola/uji-lab/",
    "/layanan/kelola/uji-lab/versi/1/",
    "/layanan/kelola/uji-lab/kode-survei/",
    "/layanan/kelola/uji-lab/kode-survei/cetak/",
    "/layanan/kelola/uji-lab/responden/",
]


def masuk(client, pegawai_atau_akun):
    client.force_login(getattr(pegawai_atau_akun, "akun", pegawai_atau_akun))
    return client


def aduan(lay, layanan="uji-lab", **lain) -> Pengaduan:
    return services.pengaduan_ajukan(isi=lain.pop("isi", "Antrean lama."), layanan=layanan, **lain)


# --- access -------------------------------------------------------------------------------------


def test_tamu_diarahkan_masuk(client, lay):
    p = aduan(lay)
    for url in [
        "/layanan/kelola/",
        "/layanan/kelola/baru/",
        *HALAMAN_LAB,
        "/layanan/kelola/pengaduan/",
        f"/layanan/kelola/pengaduan/{p.pk}/",
        f"/layanan/kelola/pengaduan/{p.pk}/lampiran/",
    ]:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/"), url
    assert client.post(f"/layanan/kelola/pengaduan/{p.pk}/proses/").status_code == 302
    assert Pengaduan.objects.get().status == StatusPengaduan.DITERIMA


def test_petugas_unit_membuka_halaman_layanannya(client, lay):
    masuk(client, lay.s.staf_upt5)
    for url in HALAMAN_LAB:
        r = client.get(url)
        assert r.status_code == 200, url
        bersih_csp(html(r))


def test_orang_luar_403_untuk_layanan_terbit_404_untuk_draf(client, lay):
    services.versi_buat(pelaku=lay.admin, layanan=lay.lab, komponen={"biaya": "Rp1"})
    masuk(client, lay.s.staf_seksi)  # staff of Kecamatan Kepanjen
    for url in [
        *HALAMAN_LAB,
        "/layanan/kelola/uji-lab/ubah/",
        "/layanan/kelola/uji-lab/versi/baru/",
        "/layanan/kelola/uji-lab/versi/2/ubah/",
        "/layanan/kelola/uji-lab/banding/?a=1&b=2",
    ]:
        assert client.get(url).status_code == 403, url
    for url in (
        "/layanan/kelola/uji-lab/terbitkan/",
        "/layanan/kelola/uji-lab/versi/2/ubah/",
        "/layanan/kelola/uji-lab/ubah/",
    ):
        assert client.post(url, {"biaya": "Rp0"}).status_code == 403
    assert lay.lab.versi.get(nomor=2).status == StatusVersi.DRAF
    assert client.post("/layanan/kelola/uji-lab/kode-survei/", {"jumlah": "5", "hari": "30"}).status_code == 403
    assert client.get("/layanan/kelola/izin-praktik/").status_code == 404
    assert client.get("/layanan/kelola/izin-praktik/versi/1/").status_code == 404
    assert client.get("/layanan/kelola/tidak-ada/").status_code == 404
    assert KodeSurvei.objects.count() == 0


def test_staf_bukan_penetap_tidak_mengubah_standar(client, lay):
    masuk(client, lay.s.staf_upt5)
    assert client.get("/layanan/kelola/uji-lab/versi/baru/").status_code == 403
    assert client.post("/layanan/kelola/uji-lab/terbitkan/").status_code == 403
    assert client.get("/layanan/kelola/baru/").status_code == 403
    assert "Susun versi baru" not in html(client.get("/layanan/kelola/uji-lab/"))


# --- the list of services -----------------------------------------------------------------------


def test_daftar_layanan_dikelola_dengan_pengaduan(client, lay):
    p = aduan(lay)
    Pengaduan.objects.filter(pk=p.pk).update(tenggat=timezone.localdate() - dt.timedelta(days=3))
    aduan(lay)
    masuk(client, lay.s.staf_bidang)  # Dinas Kesehatan: the lab (UPT) and the draft (Bidang)
    isi = html(client.get("/layanan/kelola/"))
    bersih_csp(isi)
    assert "Uji Laboratorium Kesehatan" in isi and "Rekomendasi Izin Praktik" in isi
    assert "Konsultasi Kelembagaan" not in isi
    assert "Belum terbit" in isi and "draf versi 1" in isi
    assert re.search(r'layanan=uji-lab">2</a>', isi)  # open complaints
    assert re.search(r'class="lay-terlambat"[^>]*>1</a>', isi)  # one overdue
    semua = html(client.get("/layanan/kelola/", {"cakupan": "semua"}))
    assert "/layanan/konsultasi-org/" in semua  # others' published services lead to their public page
    assert "Daftarkan layanan" not in isi  # staff, not head


def test_daftar_layanan_kueri_tetap(client, lay, django_assert_max_num_queries):
    masuk(client, lay.admin)

    def hitung():
        with django_assert_max_num_queries(20) as q:
            assert client.get("/layanan/kelola/").status_code == 200
            assert client.get("/layanan/kelola/pengaduan/").status_code == 200
        return len(q.captured_queries)

    aduan(lay)
    sedikit = hitung()
    for i in range(6):
        lay_baru = layanan_terbit(lay.admin, [lay.s.upt6, lay.s.kecamatan][i % 2], f"layanan-{i}")
        aduan(lay, layanan=lay_baru.kode)
        aduan(lay, layanan=None, instansi=lay.s.instansi)
    assert hitung() == sedikit


# --- registering a service and its versions ------------------------------------------------------


def test_kepala_mendaftarkan_layanan_unitnya(client, lay):
    masuk(client, lay.s.kepala_upt5)
    r = client.get("/layanan/kelola/baru/")
    assert r.status_code == 200
    isi = html(r)
    assert "UPT Laboratorium Kesehatan" in isi and "Bagian Organisasi" not in isi  # only units in reach
    data = {"kode": "uji-air", "nama": "Uji Kualitas Air", "unit": str(lay.s.upt5.pk), "persyaratan": "- Sampel air"}
    r = client.post("/layanan/kelola/baru/", data)
    assert r.status_code == 302 and r["Location"] == "/layanan/kelola/uji-air/"
    baru = Layanan.objects.get(kode="uji-air")
    assert baru.versi.get().persyaratan == "- Sampel air" and baru.versi_berlaku is None

    r = client.post("/layanan/kelola/baru/", {**data, "kode": "Uji Air!"})
    assert r.status_code == 400 and "huruf kecil" in html(r)
    for dipakai in ("baru", "pengaduan", "kelola", "uji-air"):  # the pages' own segments, a taken code
        r = client.post("/layanan/kelola/baru/", {**data, "kode": dipakai})
        assert r.status_code == 400 and ("pilih kode lain" in html(r) or "sudah dipakai" in html(r)), dipakai
    r = client.post("/layanan/kelola/baru/", {**data, "unit": str(lay.s.bag_org.pk)})
    assert r.status_code == 400 and "bukan salah satu" in html(r)  # a unit out of reach is not offered
    assert Layanan.objects.filter(kode="uji-air").count() == 1


def test_bagian_organisasi_mendaftarkan_dengan_kotak_cari(client, lay):
    masuk(client, lay.admin)
    r = client.post("/layanan/kelola/baru/", {"kode": "rekom-ormas", "nama": "Rekomendasi", "unit": "kec-kepanjen"})
    assert r.status_code == 302
    assert Layanan.objects.get(kode="rekom-ormas").unit == lay.s.kecamatan


def test_ubah_draf_susun_versi_terbitkan(client, lay):
    masuk(client, lay.s.kepala_upt5)
    r = client.get("/layanan/kelola/uji-lab/versi/baru/")
    assert r.status_code == 200 and "Isi komponen biaya." in html(r)
    r = client.post(
        "/layanan/kelola/uji-lab/versi/baru/",
        {**{k: v for k, v in lay.lab.versi_berlaku.komponen().items()}, "biaya": "Rp25.000", "catatan": "tarif baru"},
    )
    assert r.status_code == 302
    v2 = lay.lab.versi.get(nomor=2)
    assert v2.status == StatusVersi.DRAF and v2.biaya == "Rp25.000" and v2.catatan_perubahan == "tarif baru"

    isi = html(client.get("/layanan/kelola/uji-lab/"))
    assert "Terbitkan versi 2" in isi and "/layanan/kelola/uji-lab/versi/2/ubah/" in isi
    data = {**v2.komponen(), "biaya": "Rp30.000", "tenggat_pengaduan_hari": "7"}
    assert client.post("/layanan/kelola/uji-lab/versi/2/ubah/", data).status_code == 302
    v2.refresh_from_db()
    assert (v2.biaya, v2.tenggat_pengaduan_hari) == ("Rp30.000", 7)
    r = client.post("/layanan/kelola/uji-lab/versi/2/ubah/", {**data, "tenggat_pengaduan_hari": "999"})
    assert r.status_code == 400 and "1 sampai 365" in html(r)

    banding = html(client.get("/layanan/kelola/uji-lab/banding/", {"a": "1", "b": "2"}))
    assert "1 komponen berubah" in banding and "Rp30.000" in banding and "Isi komponen biaya." in banding
    assert client.get("/layanan/kelola/uji-lab/banding/", {"a": "1", "b": "x"}).status_code == 400

    r = client.post("/layanan/kelola/uji-lab/terbitkan/")
    assert r.status_code == 302
    lay.lab.refresh_from_db()
    assert lay.lab.versi_berlaku.nomor == 2
    r = client.get("/layanan/kelola/uji-lab/versi/1/ubah/")
    assert r.status_code == 409  # a published version is never edited
    riwayat = html(client.get("/layanan/kelola/uji-lab/"))
    assert "Standar pelayanan diterbitkan" in riwayat and lay.s.kepala_upt5.nama in riwayat


def test_terbitkan_komponen_kosong_ditandai(client, lay):
    masuk(client, lay.admin)
    services.versi_ubah(pelaku=lay.admin, versi=lay.draf.versi.get(), komponen={"dasar_hukum": "UU 25/2009"})
    r = client.post("/layanan/kelola/izin-praktik/terbitkan/")
    assert r.status_code == 400
    isi = html(r)
    assert isi.count("Wajib diisi sebelum diterbitkan") == 13
    assert "UU 25/2009" in isi
    assert Layanan.objects.get(kode="izin-praktik").versi_berlaku is None
    r = client.post("/layanan/kelola/uji-lab/terbitkan/")  # no draft
    assert r.status_code == 409 and "Tidak ada draf" in html(r)


# --- survey codes and paper forms ---------------------------------------------------------------


def test_kode_survei_dan_slip_cetak(client, lay, settings):
    settings.SITUS_URL = "https://layanan.contoh.go.id"
    masuk(client, lay.s.staf_upt5)
    r = client.post("/layanan/kelola/uji-lab/kode-survei/", {"jumlah": "5", "hari": "14"})
    assert r.status_code == 302 and "/kode-survei/cetak/?dari=" in r["Location"]
    isi = html(client.get(r["Location"]))
    bersih_csp(isi)
    kode = list(KodeSurvei.objects.values_list("kode", flat=True))
    assert len(kode) == 5
    for k in kode:
        assert services.tampil_kode(k) in isi
    assert isi.count('<svg viewBox="0 0') == 5
    assert "https://layanan.contoh.go.id/layanan/uji-lab/survei/" in isi
    r = client.post("/layanan/kelola/uji-lab/kode-survei/", {"jumlah": "0", "hari": "14"})
    assert r.status_code == 400 and "Jumlah kode 1 sampai 500." in html(r)
    r = client.post("/layanan/kelola/uji-lab/kode-survei/", {"jumlah": "١٠", "hari": "14"})
    assert r.status_code == 400 and KodeSurvei.objects.count() == 5
    masuk(client, lay.admin)
    r = client.post("/layanan/kelola/izin-praktik/kode-survei/", {"jumlah": "5", "hari": "14"})
    assert r.status_code == 409  # not published yet


def _baris(i, **isi):
    return {f"r{i}-{k}": v for k, v in isi.items()}


def test_catat_kuesioner_kertas_semua_atau_tidak(client, lay):
    masuk(client, lay.s.staf_upt5)
    hari_ini = timezone.localdate().isoformat()
    data = {
        "n": "5",
        **_baris(0, tanggal=hari_ini, U1="4", U2="3", jenis_kelamin="L", usia="30"),
        **_baris(1, tanggal=hari_ini),  # empty: skipped
        **_baris(2, tanggal=hari_ini, U1="9", usia="7"),
        **_baris(3, tanggal="2999-01-01", U3="2"),
    }
    r = client.post("/layanan/kelola/uji-lab/responden/", data)
    assert r.status_code == 400
    isi = html(r)
    assert "Baris 3: Nilai harus 1 sampai 4." in isi and "Baris 3: Usia 10 sampai 120 tahun." in isi
    assert "Baris 4: Tanggal harus antara" in isi
    assert 'name="r2-U1" aria-label="Baris 3 U1" aria-invalid="true"' in isi
    assert Responden.objects.count() == 0

    data.update(_baris(2, U1="1", usia="70") | _baris(3, tanggal=hari_ini))
    r = client.post("/layanan/kelola/uji-lab/responden/", data)
    assert r.status_code == 302
    assert Responden.objects.filter(sumber="kertas").count() == 3
    assert Responden.objects.get(usia=30).jawaban.count() == 2
    r = client.post("/layanan/kelola/uji-lab/responden/", {"n": "3", **_baris(0, tanggal=hari_ini)})
    assert r.status_code == 400 and "paling sedikit satu baris" in html(r)
    for n in ["", "x", "0", "٣", "999999", "3\x00"]:  # a row count the grid never sends: refused, nothing written
        r = client.post("/layanan/kelola/uji-lab/responden/", {**data, "n": n})
        assert r.status_code == 400 and "Jumlah baris formulir tidak sah" in html(r), n
    assert Responden.objects.count() == 3


# --- complaints -----------------------------------------------------------------------------------


def test_daftar_pengaduan_cakupan_saringan_terlambat(client, lay):
    a = aduan(lay, isi="Aduan lab")
    b = aduan(lay, layanan="konsultasi-org", isi="Aduan konsultasi")
    c = aduan(lay, layanan=None, isi="Aduan umum", instansi=lay.s.instansi)
    Pengaduan.objects.filter(pk=a.pk).update(tenggat=timezone.localdate() - dt.timedelta(days=4))
    masuk(client, lay.s.staf_upt5)
    isi = html(client.get("/layanan/kelola/pengaduan/"))
    bersih_csp(isi)
    assert f"/layanan/kelola/pengaduan/{a.pk}/" in isi
    assert f"/layanan/kelola/pengaduan/{b.pk}/" not in isi and f"/layanan/kelola/pengaduan/{c.pk}/" not in isi
    assert "terlambat 4 hari" in isi
    masuk(client, lay.admin)
    semua = html(client.get("/layanan/kelola/pengaduan/"))
    assert all(f"/layanan/kelola/pengaduan/{p.pk}/" in semua for p in (a, b, c))
    saring = html(client.get("/layanan/kelola/pengaduan/", {"terlambat": "on"}))
    assert f"/pengaduan/{a.pk}/" in saring and f"/pengaduan/{b.pk}/" not in saring
    saring = html(client.get("/layanan/kelola/pengaduan/", {"layanan": "konsultasi-org", "status": "terbuka"}))
    assert f"/pengaduan/{b.pk}/" in saring and f"/pengaduan/{a.pk}/" not in saring
    saring = html(client.get("/layanan/kelola/pengaduan/", {"unit": "dinkes"}))
    assert f"/pengaduan/{a.pk}/" in saring and f"/pengaduan/{b.pk}/" not in saring
    assert "tidak ditemukan" in html(client.get("/layanan/kelola/pengaduan/", {"unit": "tidak-ada"}))
    masuk(client, lay.s.staf_seksi)
    assert "0 pengaduan" in html(client.get("/layanan/kelola/pengaduan/"))


def test_halaman_pengaduan_isi_lengkap_dan_lampiran(client, lay, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = aduan(
        lay,
        isi="Petugas tidak ramah",
        nama="Siti",
        kontak="siti@contoh.id",
        lampiran=SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf"),
    )
    masuk(client, lay.s.staf_upt5)
    isi = html(client.get(f"/layanan/kelola/pengaduan/{p.pk}/"))
    bersih_csp(isi)
    assert "Petugas tidak ramah" in isi and "Siti" in isi and "siti@contoh.id" in isi
    assert f"/layanan/kelola/pengaduan/{p.pk}/lampiran/" in isi
    r = client.get(f"/layanan/kelola/pengaduan/{p.pk}/lampiran/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content) == PDF
    services.pengaduan_proses(pelaku=lay.s.staf_upt5.akun, pengaduan=p)
    t = services.tanggapan_tulis(pelaku=lay.s.staf_upt5.akun, pengaduan=p, isi="Draf")
    masuk(client, lay.s.staf_seksi)
    assert client.get(f"/layanan/kelola/pengaduan/{p.pk}/").status_code == 404
    assert client.get(f"/layanan/kelola/pengaduan/{p.pk}/lampiran/").status_code == 404
    for langkah in ("proses", "alihkan", "tanggapan", f"tanggapan/{t.pk}/terbitkan", "tutup"):
        assert client.post(f"/layanan/kelola/pengaduan/{p.pk}/{langkah}/").status_code == 404, langkah
    p.refresh_from_db()
    assert p.status == StatusPengaduan.DIPROSES and p.tanggapan.get().diterbitkan is None


def test_langkah_pengaduan_proses_tanggapan_terbit_tutup(client, lay):
    p = aduan(lay, isi="Hasil uji lambat")
    staf = masuk(client, lay.s.staf_upt5)
    assert (
        staf.post(f"/layanan/kelola/pengaduan/{p.pk}/tanggapan/", {"tanggapan-isi": "Terlalu dini"}).status_code == 409
    )
    assert staf.post(f"/layanan/kelola/pengaduan/{p.pk}/proses/", {"proses-catatan": ""}).status_code == 302
    p.refresh_from_db()
    assert p.status == StatusPengaduan.DIPROSES and p.unit == lay.s.upt5
    r = staf.post(f"/layanan/kelola/pengaduan/{p.pk}/tanggapan/", {"tanggapan-isi": " "})
    assert r.status_code == 400 and "Wajib diisi" in html(r)
    assert (
        staf.post(f"/layanan/kelola/pengaduan/{p.pk}/tanggapan/", {"tanggapan-isi": "Alat baru datang"}).status_code
        == 302
    )
    t = Tanggapan.objects.get()
    isi = html(staf.get(f"/layanan/kelola/pengaduan/{p.pk}/"))
    assert "Menunggu diterbitkan pimpinan" in isi
    assert staf.post(f"/layanan/kelola/pengaduan/{p.pk}/tanggapan/{t.pk}/terbitkan/").status_code == 403
    r = staf.post(f"/layanan/kelola/pengaduan/{p.pk}/tutup/", {"tutup-catatan": ""})
    assert r.status_code == 400 and "Terbitkan tanggapan lebih dulu" in html(r)

    kepala = masuk(client, lay.s.kepala_upt5)
    assert kepala.post(f"/layanan/kelola/pengaduan/{p.pk}/tanggapan/{t.pk}/terbitkan/").status_code == 302
    t.refresh_from_db()
    assert t.diterbitkan is not None
    assert kepala.post(f"/layanan/kelola/pengaduan/{p.pk}/tanggapan/{t.pk}/terbitkan/").status_code == 409
    assert kepala.post(f"/layanan/kelola/pengaduan/{p.pk}/tutup/", {"tutup-catatan": ""}).status_code == 302
    p.refresh_from_db()
    assert p.status == StatusPengaduan.SELESAI
    isi = html(kepala.get(f"/layanan/kelola/pengaduan/{p.pk}/"))
    for langkah in ("Pengaduan diterima", "Pengaduan diproses", "Tanggapan ditulis", "Tanggapan diterbitkan"):
        assert langkah in isi
    assert 'id="tindakan"' not in isi


def test_bagian_organisasi_menugaskan_pengaduan_tanpa_layanan(client, lay):
    p = aduan(lay, layanan=None, instansi=lay.s.instansi, isi="Jalan rusak")
    masuk(client, lay.s.staf_upt5)
    assert client.get(f"/layanan/kelola/pengaduan/{p.pk}/").status_code == 404  # not assigned: the BO's
    admin = masuk(client, lay.admin)
    r = admin.post(f"/layanan/kelola/pengaduan/{p.pk}/proses/", {"proses-unit": ""})
    assert r.status_code == 400 and "Pilih unit yang menangani" in html(r)
    r = admin.post(
        f"/layanan/kelola/pengaduan/{p.pk}/proses/", {"proses-unit": "Seksi Pemerintahan (kec-kepanjen-pem)"}
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.unit == lay.s.seksi and p.status == StatusPengaduan.DIPROSES
    r = admin.post(
        f"/layanan/kelola/pengaduan/{p.pk}/alihkan/", {"alihkan-unit": "kec-kepanjen", "alihkan-catatan": "salah unit"}
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.unit == lay.s.kecamatan

    staf = masuk(client, lay.s.staf_seksi)  # Kecamatan Kepanjen's staff run its counter
    r = staf.post(f"/layanan/kelola/pengaduan/{p.pk}/alihkan/", {"alihkan-unit": "dinkes-upt-lab"})
    assert r.status_code == 302 and r["Location"] == "/layanan/kelola/pengaduan/"  # out of their reach now


# --- the menu and the home card -------------------------------------------------------------------


def test_menu_dan_kartu_beranda(client, lay):
    p = aduan(lay)
    Pengaduan.objects.filter(pk=p.pk).update(tenggat=timezone.localdate() - dt.timedelta(days=1))
    masuk(client, lay.s.staf_upt5)
    beranda = html(client.get("/"))
    assert 'href="/layanan/kelola/">Layanan Publik</a>' in beranda
    assert ">Pengaduan</a>" not in beranda
    assert "Pengaduan layanan publik" in beranda and "lewat tenggat" in beranda
    masuk(client, lay.admin)
    assert 'href="/layanan/kelola/pengaduan/">Pengaduan</a>' in html(client.get("/"))
    masuk(client, lay.s.staf_seksi)
    assert "Pengaduan layanan publik" not in html(client.get("/"))


def test_ubah_data_layanan_dan_tarik_dari_katalog(client, lay):
    masuk(client, lay.s.staf_upt5)
    assert client.get("/layanan/kelola/uji-lab/ubah/").status_code == 403
    masuk(client, lay.s.kepala_upt5)
    r = client.get("/layanan/kelola/uji-lab/ubah/")
    assert r.status_code == 200 and 'value="Uji Laboratorium Kesehatan"' in html(r)
    skema = str(lay.lab.skema_survei_id)
    r = client.post("/layanan/kelola/uji-lab/ubah/", {"nama": "\u200b", "skema": skema, "aktif": "on"})
    assert r.status_code == 400 and "Wajib diisi" in html(r)
    r = client.post("/layanan/kelola/uji-lab/ubah/", {"nama": "Uji", "skema": skema, "aktif": "ya\x00"})
    assert r.status_code == 400 and Layanan.objects.get(pk=lay.lab.pk).nama == "Uji Laboratorium Kesehatan"
    r = client.post("/layanan/kelola/uji-lab/ubah/", {"nama": "Uji Laboratorium Klinik", "skema": skema})
    assert r.status_code == 302
    lay.lab.refresh_from_db()
    assert lay.lab.nama == "Uji Laboratorium Klinik" and not lay.lab.aktif
    assert "Ditarik dari katalog" in html(client.get("/layanan/kelola/uji-lab/"))
    client.logout()
    assert client.get("/layanan/uji-lab/").status_code == 404
