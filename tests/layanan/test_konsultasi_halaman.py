"""The consultation pages: the list, filing a request, a request's page with the step of whoever's turn it
is, the attachments, the home card and the menu. Each page for the right reader, 404 for staff of another
agency who are not involved, 403 for a wrong actor posting a step, 409 out of turn, the login page for an
anonymous reader, field messages with nothing written for bad input, and a list in constant queries."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from layanan import services
from layanan.bagian import boleh_dasbor_bo
from layanan.choices import AksiLayanan, StatusKonsultasi
from layanan.models import Konsultasi, LampiranKonsultasi, RiwayatLayanan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DAFTAR = reverse("layanan:konsultasi_daftar")
BARU = reverse("layanan:konsultasi_baru")


def pdf(nama="surat.pdf"):
    return SimpleUploadedFile(nama, PDF, content_type="application/pdf")


def url(nama, k, **kw):
    return reverse(f"layanan:konsultasi_{nama}", kwargs={"pk": k.pk, **kw})


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def masuk(client):
    def masuk(pegawai_atau_user):
        client.logout()
        client.force_login(getattr(pegawai_atau_user, "akun", pegawai_atau_user))
        return client

    return masuk


def ajukan(bo, uraian="Mohon asistensi penyusunan SOP uji laboratorium.", **kw):
    return services.konsultasi_ajukan(pelaku=bo.pemohon.akun, jenis=kw.pop("jenis", "sop"), uraian=uraian, **kw)


def disposisi(bo, k, catatan=""):
    return services.konsultasi_disposisi(
        pelaku=bo.kepala_bo.akun, konsultasi=k, penangan=bo.penangan.nip, catatan=catatan
    )


def jawab(bo, k):
    return services.konsultasi_jawab(
        pelaku=bo.penangan.akun, konsultasi=k, jawaban="Gunakan format PermenPANRB 35/2012."
    )


def test_tamu_diarahkan_ke_halaman_masuk(client, bo):
    k = ajukan(bo)
    for alamat in (DAFTAR, BARU, url("detail", k), reverse("layanan:dasbor_bo")):
        r = client.get(alamat)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    r = client.post(url("disposisi", k), {"disposisi-penangan": bo.penangan.nip})
    assert r.status_code == 302 and Konsultasi.objects.get().status == StatusKonsultasi.DIAJUKAN


def test_ajukan_dengan_lampiran_lalu_halaman_dan_unduhan(masuk, bo, media):
    c = masuk(bo.pemohon)
    r = c.get(BARU)
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Konsultasi Kelembagaan" in isi and reverse("layanan:publik", args=[bo.konsultasi.kode]) in isi  # standard
    assert 'enctype="multipart/form-data"' in isi and "csrfmiddlewaretoken" in isi and "<script>" not in isi
    besok = timezone.localdate() + dt.timedelta(days=10)
    r = c.post(
        BARU,
        {
            "jenis": "sop",
            "uraian": "Mohon asistensi SOP.",
            "dibutuhkan": besok.isoformat(),
            "lampiran": [pdf(), pdf("b.pdf")],
        },
    )
    k = Konsultasi.objects.get()
    assert r.status_code == 302 and r["Location"] == url("detail", k)
    assert k.pemohon == bo.pemohon and k.tenggat == besok and k.lampiran.count() == 2
    r = c.get(url("detail", k))
    isi = r.content.decode()
    assert "Mohon asistensi SOP." in isi and "surat.pdf" in isi and bo.pemohon.nama in isi
    assert f"Menunggu disposisi Kepala Bagian Organisasi ({bo.kepala_bo.nama})" in isi
    assert "Konsultasi diajukan" in isi  # the history
    assert 'id="form-disposisi"' not in isi and 'id="form-tutup"' not in isi  # not the requester's step
    a = k.lampiran.first()
    r = c.get(url("lampiran", k, lid=a.pk))
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF and r["Content-Type"] == "application/pdf"
    assert r["X-Content-Type-Options"] == "nosniff"
    # staff of another agency, not involved: 404 everywhere, nothing listed
    c = masuk(bo.s.staf_kelurahan)
    assert c.get(url("detail", k)).status_code == 404
    assert c.get(url("lampiran", k, lid=a.pk)).status_code == 404
    assert f'href="{url("detail", k)}"' not in c.get(DAFTAR).content.decode()
    # an attachment of another request through this one: 404
    lain = ajukan(bo, lampiran=[pdf("lain.pdf")])
    c = masuk(bo.pemohon)
    assert c.get(url("lampiran", k, lid=lain.lampiran.get().pk)).status_code == 404


def test_ajukan_masukan_buruk_pesan_per_isian_tanpa_tulisan(masuk, bo, media):
    c = masuk(bo.pemohon)
    r = c.post(BARU, {"jenis": "", "uraian": "  ", "dibutuhkan": "2020-01-01"})
    assert r.status_code == 400
    form = r.context["form"]
    assert set(form.errors) >= {"jenis", "uraian", "dibutuhkan"}
    assert "antara hari ini dan setahun ke depan" in " ".join(form.errors["dibutuhkan"])
    teks = SimpleUploadedFile("catatan.pdf", b"bukan pdf", content_type="application/pdf")
    r = c.post(BARU, {"jenis": "sop", "uraian": "SOP", "lampiran": [teks]})
    assert r.status_code == 400 and "catatan.pdf" in " ".join(r.context["form"].errors["lampiran"])
    r = c.post(BARU, {"jenis": "sop", "uraian": "SOP", "lampiran": [pdf(f"{i}.pdf") for i in range(6)]})
    assert r.status_code == 400 and "Paling banyak 5" in " ".join(r.context["form"].errors["lampiran"])
    assert not Konsultasi.objects.exists() and not LampiranKonsultasi.objects.exists()
    assert not list(media.rglob("*.pdf"))


def test_instansi_tanpa_bagian_organisasi_ditolak_dengan_pesan(masuk, lay):
    c = masuk(lay.s.staf_upt5)
    assert "belum menetapkan Bagian Organisasi" in c.get(BARU).content.decode()
    r = c.post(BARU, {"jenis": "sop", "uraian": "SOP"})
    assert r.status_code == 409 and not Konsultasi.objects.exists()


def test_disposisi_oleh_kepala_dan_penolakan(masuk, bo):
    k = ajukan(bo)
    # the handler is not the head: 403, nothing changes
    c = masuk(bo.penangan)
    r = c.post(url("disposisi", k), {"disposisi-penangan": bo.penangan.nip})
    assert r.status_code == 403 and "Kepala Bagian Organisasi" in r.content.decode()
    # the requester's colleague in the same agency sees it but may not dispose it
    c = masuk(bo.s.staf_bidang)
    assert c.get(url("detail", k)).status_code == 200
    assert c.post(url("disposisi", k), {"disposisi-penangan": bo.penangan.nip}).status_code == 403
    # an outsider: 404 before anything
    c = masuk(bo.s.staf_kelurahan)
    assert c.post(url("disposisi", k), {"disposisi-penangan": bo.penangan.nip}).status_code == 404
    k.refresh_from_db()
    assert k.status == StatusKonsultasi.DIAJUKAN and k.riwayat.count() == 1
    # the head: the form offers the Bagian's staff; a NIP outside it is a field message
    c = masuk(bo.kepala_bo)
    isi = c.get(url("detail", k)).content.decode()
    assert 'id="form-disposisi"' in isi and bo.penangan.nip in isi
    r = c.post(url("disposisi", k), {"disposisi-penangan": bo.pemohon.nip})
    assert r.status_code == 400 and r.context["forms"]["disposisi"].errors["penangan"]
    assert Konsultasi.objects.get().status == StatusKonsultasi.DIAJUKAN
    r = c.post(url("disposisi", k), {"disposisi-penangan": bo.penangan.nip, "disposisi-catatan": "Pakai format baru."})
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.status == StatusKonsultasi.DIDISPOSISI and k.penangan == bo.penangan
    isi = c.get(url("detail", k)).content.decode()
    assert "Pakai format baru." in isi and f"Menunggu jawaban penangan ({bo.penangan.nama})" in isi


def test_penangan_menjadwalkan_dan_menjawab_pemohon_menutup_dengan_nilai(masuk, bo, media):
    k = ajukan(bo)
    c = masuk(bo.penangan)
    r = c.post(url("jawab", k), {"jawab-jawaban": "Terlalu dini."})
    assert r.status_code == 409 and "belum didisposisikan" in r.content.decode()  # out of turn
    disposisi(bo, k)
    isi = c.get(url("detail", k)).content.decode()
    assert 'id="form-jadwal"' in isi and 'id="form-jawab"' in isi and 'type="datetime-local"' in isi
    r = c.post(url("jadwalkan", k), {"jadwal-waktu": "", "jadwal-tempat": ""})
    assert r.status_code == 400 and set(r.context["forms"]["jadwal"].errors) == {"waktu", "tempat"}
    waktu = (timezone.localdate() + dt.timedelta(days=2)).isoformat() + "T09:30"
    r = c.post(url("jadwalkan", k), {"jadwal-waktu": waktu, "jadwal-tempat": "Ruang Rapat Bagian Organisasi"})
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.status == StatusKonsultasi.DIJADWALKAN and timezone.localtime(k.waktu_pertemuan).hour == 9
    # the requester may not answer
    r = masuk(bo.pemohon).post(url("jawab", k), {"jawab-jawaban": "Saya jawab sendiri."})
    assert r.status_code == 403
    c = masuk(bo.penangan)
    r = c.post(url("jawab", k), {"jawab-jawaban": "  "})
    assert r.status_code == 400 and r.context["forms"]["jawab"].errors["jawaban"]
    r = c.post(
        url("jawab", k),
        {"jawab-jawaban": "Susun ulang alur pada kolom pelaksana.", "jawab-lampiran": [pdf("hasil.pdf")]},
    )
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.status == StatusKonsultasi.DIJAWAB and k.lampiran.get().tahap == "hasil"
    # the handler may not close it; the requester rates it
    assert c.post(url("tutup", k), {"tutup-nilai": "4"}).status_code == 403
    c = masuk(bo.pemohon)
    isi = c.get(url("detail", k)).content.decode()
    assert "Susun ulang alur" in isi and "hasil.pdf" in isi and 'id="form-tutup"' in isi
    assert all(label in isi for label in ("Tidak baik", "Kurang baik", "Baik", "Sangat baik"))
    r = c.post(url("tutup", k), {"tutup-nilai": "5"})
    assert r.status_code == 400 and r.context["forms"]["tutup"].errors["nilai"]
    assert Konsultasi.objects.get().status == StatusKonsultasi.DIJAWAB
    r = c.post(url("tutup", k), {"tutup-nilai": "4", "tutup-catatan": "Sangat membantu."})
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.status == StatusKonsultasi.SELESAI and k.nilai == 4
    isi = c.get(url("detail", k)).content.decode()
    assert "4 dari 4" in isi and "Sangat baik" in isi and "Sangat membantu." in isi and 'id="tindakan"' not in isi
    assert list(RiwayatLayanan.objects.filter(konsultasi=k).order_by("waktu", "id").values_list("aksi", flat=True)) == [
        AksiLayanan.KONSULTASI_AJUKAN,
        AksiLayanan.KONSULTASI_DISPOSISI,
        AksiLayanan.KONSULTASI_JADWALKAN,
        AksiLayanan.KONSULTASI_JAWAB,
        AksiLayanan.KONSULTASI_TUTUP,
    ]
    # closed: a second close is out of turn
    r = c.post(url("tutup", k), {"tutup-nilai": "3"})
    assert r.status_code == 409 and Konsultasi.objects.get().nilai == 4


def test_daftar_saringan_terlambat_dan_langkah(masuk, bo):
    a = ajukan(bo, jenis="sop")
    b = disposisi(bo, ajukan(bo, "Cara hitung IKM?", jenis="ikm"))
    c_ = jawab(bo, disposisi(bo, ajukan(bo, "LAKIP?", jenis="lakip")))
    Konsultasi.objects.filter(pk=a.pk).update(tenggat=timezone.localdate() - dt.timedelta(days=3))
    c = masuk(bo.kepala_bo)
    isi = c.get(DAFTAR).content.decode()
    assert "3 konsultasi" in isi and "terlambat 3 hari" in isi and "lay-baris-terlambat" in isi
    assert f"Menunggu disposisi Kepala Bagian Organisasi ({bo.kepala_bo.nama})" in isi
    assert f"Menunggu jawaban penangan ({bo.penangan.nama})" in isi
    assert f"Menunggu ditutup dan dinilai pemohon ({bo.pemohon.nama})" in isi

    def nomor(params):
        r = c.get(DAFTAR, params)
        assert r.status_code == 200
        return {k.pk for k in r.context["halaman"]}

    assert nomor({"jenis": "ikm"}) == {b.pk}
    assert nomor({"status": "dijawab"}) == {c_.pk}
    assert nomor({"status": "terbuka"}) == {a.pk, b.pk, c_.pk}
    assert nomor({"terlambat": "on"}) == {a.pk}
    assert nomor({"giliran": "on"}) == {a.pk}  # the head's turn: dispose
    assert nomor({"perangkat_daerah": str(bo.s.dinas.pk)}) == {a.pk, b.pk, c_.pk}
    assert nomor({"perangkat_daerah": str(bo.s.kecamatan.pk)}) == {a.pk, b.pk, c_.pk}  # not a choice: unfiltered
    c = masuk(bo.penangan)
    assert nomor({"giliran": "on"}) == {b.pk}
    c = masuk(bo.pemohon)
    assert nomor({"giliran": "on"}) == {c_.pk}
    c = masuk(bo.s.staf_dpmptsp)
    assert nomor({}) == set()


def test_daftar_kueri_tetap(masuk, bo):
    c = masuk(bo.kepala_bo)
    ajukan(bo)
    with CaptureQueriesContext(connection) as sedikit:
        assert c.get(DAFTAR).status_code == 200
    for i in range(6):
        k = ajukan(bo, f"Permohonan {i}", jenis=["lakip", "ikm", "sop"][i % 3])
        if i % 2:
            k = disposisi(bo, k)
        if i % 3 == 0 and k.status == StatusKonsultasi.DIDISPOSISI:
            jawab(bo, k)
    with CaptureQueriesContext(connection) as banyak:
        r = c.get(DAFTAR, {"status": "terbuka"})
    assert r.status_code == 200 and len(r.context["halaman"]) == 7
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)


def test_kartu_beranda_menunggu_langkah(masuk, bo, django_assert_max_num_queries):
    k = ajukan(bo)
    Konsultasi.objects.filter(pk=k.pk).update(tenggat=timezone.localdate() - dt.timedelta(days=1))
    c = masuk(bo.kepala_bo)
    isi = c.get("/").content.decode()
    assert 'id="kartu-konsultasi"' in isi and "menunggu disposisi" in isi and "lewat tenggat jawaban" in isi
    assert 'id="kartu-konsultasi"' not in masuk(bo.penangan).get("/").content.decode()
    disposisi(bo, k)
    assert "menunggu jawaban Anda" in masuk(bo.penangan).get("/").content.decode()
    jawab(bo, k)
    assert "menunggu penilaian Anda" in masuk(bo.pemohon).get("/").content.decode()
    assert 'id="kartu-konsultasi"' not in masuk(bo.s.staf_kelurahan).get("/").content.decode()
    # one counting query for a reader who leads nothing, once the rest of the home page is read
    from layanan import bagian

    user = type(bo.pemohon.akun).objects.get(pk=bo.pemohon.akun.pk)
    user.pegawai  # noqa: B018  (the page shell reads it)
    from layanan import selectors as sel

    sel.jalur_penetap(user)  # the complaints' card reads it
    with django_assert_max_num_queries(1):
        assert bagian.kartu_konsultasi(user)["tutup"] == 1


def test_menu_konsultasi_dan_bagian_organisasi(masuk, bo, admin_organisasi, django_assert_max_num_queries):
    isi = masuk(bo.penangan).get("/").content.decode()
    assert f'href="{DAFTAR}"' in isi and f'href="{reverse("layanan:dasbor_bo")}"' in isi
    isi = masuk(bo.pemohon).get("/").content.decode()
    assert f'href="{DAFTAR}"' in isi and f'href="{reverse("layanan:dasbor_bo")}"' not in isi
    assert f'href="{reverse("layanan:dasbor_bo")}"' in masuk(admin_organisasi).get("/").content.decode()
    # the dashboard's entry: at most one query for staff once the page shell read the staff record
    for pegawai, boleh in ((bo.penangan, True), (bo.kepala_bo, True), (bo.pemohon, False)):
        user = type(pegawai.akun).objects.get(pk=pegawai.akun.pk)
        user.pegawai  # noqa: B018
        user.get_all_permissions()
        with django_assert_max_num_queries(1):
            assert boleh_dasbor_bo(user) is boleh


def test_detail_tanpa_skrip_sebaris_dan_isi_lengkap(masuk, bo, media):
    k = jawab(bo, disposisi(bo, ajukan(bo, lampiran=[pdf()]), catatan="Cek dasar hukum."))
    c = masuk(bo.kepala_bo)
    r = c.get(url("detail", k))
    isi = r.content.decode()
    assert r.status_code == 200 and "<script>" not in isi and 'style="' not in isi
    for teks in (
        "Cek dasar hukum.",
        bo.penangan.nama,
        "Gunakan format PermenPANRB 35/2012.",
        "surat.pdf",
        "Tenggat jawaban",
    ):
        assert teks in isi


def test_tambah_lampiran_oleh_pemohon_dan_penangan(masuk, bo, media):
    k = disposisi(bo, ajukan(bo))
    c = masuk(bo.pemohon)
    assert 'id="form-lampiran"' in c.get(url("detail", k)).content.decode()
    r = c.post(url("lampiran_tambah", k), {"lampiran-berkas": pdf("tambahan.pdf")})
    assert r.status_code == 302 and k.lampiran.get().tahap == "permohonan"
    r = c.post(url("lampiran_tambah", k), {})
    assert r.status_code == 400 and r.context["forms"]["lampiran"].errors["berkas"]
    c = masuk(bo.penangan)
    assert c.post(url("lampiran_tambah", k), {"lampiran-berkas": pdf("draf-hasil.pdf")}).status_code == 302
    assert set(k.lampiran.values_list("tahap", flat=True)) == {"permohonan", "hasil"}
    # the requester's colleague sees the request but adds nothing; an outsider does not see it
    assert masuk(bo.s.staf_bidang).post(url("lampiran_tambah", k), {"lampiran-berkas": pdf()}).status_code == 403
    assert masuk(bo.s.staf_kelurahan).post(url("lampiran_tambah", k), {"lampiran-berkas": pdf()}).status_code == 404
    assert k.lampiran.count() == 2
