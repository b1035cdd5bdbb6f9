"""The SOP registry's pages: the list (filters, constant queries), an SOP's page with its flowchart drawn
server-side, versions, registering, the draft's grid (errors on the cells, nothing written), approval, import,
the PDF (the identity block and the flowchart pages), the SVG and the workbook; an outsider gets 404, a reader
who may not act 403."""

import io
import re

import pypdf
import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layanan import services, sop_dokumen
from layanan.choices import AksiLayanan, StatusVersi
from layanan.models import LangkahSop, RiwayatLayanan, Sop, VersiSop
from layanan.services import sop as sop_services

from .conftest import layanan_terbit
from .test_sop import BARIS_XLSX, IDENTITAS, PELAKSANA, buku, fixture_dunia, langkah_contoh, sop_draf, sop_terbit  # noqa: F401

pytestmark = pytest.mark.django_db


def klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(nama, *args) -> str:
    return reverse(f"layanan:{nama}", args=args)


def test_daftar_dengan_saringan_dan_kueri_tetap(dunia):
    d = dunia
    c = klien(d.staf)

    def hitung() -> int:
        with CaptureQueriesContext(connection) as q:
            r = c.get(url("sop_daftar"), {"status": "", "q": "SOP"})
        assert r.status_code == 200
        return len(q.captured_queries)

    sop_terbit(d)
    for i in range(2):
        sop_draf(d, nomor=f"800/1{i}/SOP", nama=f"Prosedur {i}")
    sedikit = hitung()
    for i in range(2, 8):
        s = sop_draf(d, nomor=f"800/1{i}/SOP", nama=f"Prosedur {i}")
        s.layanan.add(d.lab)
    assert hitung() == sedikit
    html = c.get(url("sop_daftar")).content.decode()
    assert "Fasilitasi Konsultasi" in html and "Prosedur 7" in html and "9 SOP" in html
    html = c.get(url("sop_daftar"), {"status": "berlaku"}).content.decode()
    assert "1 SOP" in html and "Prosedur 1" not in html
    html = c.get(url("sop_daftar"), {"q": "prosedur 3"}).content.decode()
    assert "1 SOP" in html and "Prosedur 3" in html
    html = c.get(url("sop_daftar"), {"pd": d.s.dpmptsp.pk}).content.decode()
    assert "0 SOP" in html
    # another agency sees the published one only; another instansi nothing
    html = klien(d.asing).get(url("sop_daftar")).content.decode()
    assert "1 SOP" in html and "Fasilitasi Konsultasi" in html
    assert "0 SOP" in klien(d.luar).get(url("sop_daftar")).content.decode()
    # the services published without an active SOP (an SOP governing no service changes nothing)
    sop_services.sop_daftarkan(pelaku=d.staf, unit=d.s.upt5, nomor="800/99", nama="Tanpa layanan")
    html = c.get(url("sop_daftar"), {"tanpa_sop": "on"}).content.decode()
    assert 'id="tanpa-sop"' in html and "Setiap layanan yang terbit sudah diatur SOP." in html
    services.versi_terbitkan(pelaku=d.admin, layanan=d.lab)  # governed by the SOP
    air = layanan_terbit(d.admin, d.s.upt5, "uji-air", "Uji Kualitas Air")
    html = c.get(url("sop_daftar"), {"tanpa_sop": "on"}).content.decode()
    bagian = html[html.index('id="tanpa-sop"') :]
    assert air.nama in bagian and "Uji Laboratorium" not in bagian[: bagian.index("</section>")]


def test_halaman_sop_dengan_bagan_dan_versi(dunia):
    d = dunia
    sop = sop_terbit(d)
    draf = sop_services.sop_versi_buat(pelaku=d.staf, sop=sop, identitas={"peringatan": "Revisi peringatan."})
    for user in (d.staf, d.asing, d.bo, d.admin):
        r = klien(user).get(url("sop_detail", sop.pk))
        assert r.status_code == 200, user
        html = r.content.decode()
        assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="bagan-sop" role="img"') == 1
        assert 'data-langkah="4" data-jenis="keputusan"' in html and 'data-dari="4" data-ke="2"' in html
        assert IDENTITAS["dasar_hukum"] in html and "Memeriksa kelengkapan berkas" in html
        assert "Uji Laboratorium" in html and "Versi 1: Berlaku" in html
    assert "Sahkan versi 2" in klien(d.kepala).get(url("sop_detail", sop.pk)).content.decode()
    staf = klien(d.staf).get(url("sop_detail", sop.pk)).content.decode()
    assert "Ubah draf" in staf and "Sahkan versi" not in staf and "Revisi peringatan." not in staf
    assert "Ubah draf" not in klien(d.asing).get(url("sop_detail", sop.pk)).content.decode()
    # the draft: its circle only
    assert "Revisi peringatan." in klien(d.staf).get(url("sop_versi", sop.pk, 2)).content.decode()
    assert klien(d.bo).get(url("sop_versi", sop.pk, 2)).status_code == 200
    assert klien(d.asing).get(url("sop_versi", sop.pk, 2)).status_code == 404
    assert klien(d.asing).get(url("sop_versi", sop.pk, 1)).status_code == 200
    # another instansi: nothing at all
    for nama, args in [
        ("sop_detail", (sop.pk,)),
        ("sop_versi", (sop.pk, 1)),
        ("sop_pdf", (sop.pk,)),
        ("sop_svg", (sop.pk,)),
        ("sop_templat", (sop.pk, 1)),
        ("sop_ubah", (sop.pk,)),
        ("sop_versi_ubah", (sop.pk, 2)),
        ("sop_impor", (sop.pk, 2)),
    ]:
        assert klien(d.luar).get(url(nama, *args)).status_code == 404, nama
    assert klien(d.luar).post(url("sop_sahkan", sop.pk)).status_code == 404
    assert klien(d.luar).post(url("sop_versi_baru", sop.pk)).status_code == 404
    # a reader who may not act: 403
    for nama, args in [("sop_ubah", (sop.pk,)), ("sop_impor", (sop.pk, 1))]:
        assert klien(d.asing).get(url(nama, *args)).status_code == 403, nama
    assert klien(d.asing).post(url("sop_versi_baru", sop.pk)).status_code == 403
    r = klien(d.asing).post(url("sop_sahkan", sop.pk))
    assert r.status_code == 403
    draf.refresh_from_db()
    assert draf.status == StatusVersi.DRAF
    # a draft never published: invisible to the other agency
    lain = sop_draf(d, nomor="800/09/SOP", nama="Penerimaan Sampel")
    assert klien(d.asing).get(url("sop_detail", lain.pk)).status_code == 404
    assert klien(d.staf).get(url("sop_detail", lain.pk)).status_code == 200


def test_daftarkan_sop(dunia):
    d = dunia
    c = klien(d.staf)
    assert c.get(url("sop_baru")).status_code == 200
    r = c.post(url("sop_baru"), {"unit": d.s.upt5.pk, "nomor": "800/01", "nama": "Uji Sampel", "layanan": [d.lab.pk]})
    sop = Sop.objects.get(nomor="800/01")
    assert r.status_code == 302 and r["Location"] == url("sop_versi_ubah", sop.pk, 1)
    assert list(sop.layanan.all()) == [d.lab]
    sebelum = RiwayatLayanan.objects.count()
    r = c.post(url("sop_baru"), {"unit": d.s.upt5.pk, "nomor": "800/01", "nama": "Lagi"})
    assert r.status_code == 400 and "Nomor SOP ini sudah dipakai" in r.content.decode()
    r = c.post(url("sop_baru"), {"unit": d.s.dpmptsp.pk, "nomor": "800/02", "nama": "Lagi"})  # not offered
    assert r.status_code == 400
    r = c.post(url("sop_baru"), {"unit": d.s.upt5.pk, "nomor": "800/03", "nama": "X", "layanan": [d.layanan_lain.pk]})
    assert r.status_code == 400
    assert RiwayatLayanan.objects.count() == sebelum and Sop.objects.count() == 1
    from tests import factories as f

    tanpa_pegawai = f.UserFactory(username="bukan-pegawai")
    assert klien(tanpa_pegawai).get(url("sop_baru")).status_code == 403


def data_draf(versi, baris=None, **ubah) -> dict:
    data = {f: IDENTITAS.get(f, "") for f in sop_services.cek.TEKS_IDENTITAS}
    data |= {"tanggal_pembuatan": "2026-01-05", "tanggal_revisi": "", "tanggal_efektif": "", "catatan": ""}
    data |= {"pelaksana": "\n".join(PELAKSANA)}
    baris = langkah_contoh() if baris is None else baris
    data |= {"langkah-TOTAL_FORMS": len(baris) + 2, "langkah-INITIAL_FORMS": 0}
    for i, b in enumerate(baris):
        for k, v in {"urutan": i + 1, "jenis": "kegiatan", **b}.items():
            data[f"langkah-{i}-{k}"] = "" if v is None else v
    for i in range(len(baris), len(baris) + 2):  # blank rows are ignored
        data[f"langkah-{i}-jenis"] = "kegiatan"
    return data | ubah


def test_draf_diubah_di_grid(dunia):
    d = dunia
    sop = sop_draf(d)
    versi = sop.versi.get()
    c = klien(d.staf)
    alamat = url("sop_versi_ubah", sop.pk, 1)
    html = c.get(alamat).content.decode()
    assert 'name="langkah-TOTAL_FORMS"' in html and 'name="dasar_hukum"' in html
    r = c.post(alamat, data_draf(versi))
    assert r.status_code == 302, r.content.decode()[:3000]
    versi.refresh_from_db()
    assert versi.langkah.count() == 8 and versi.pelaksana == PELAKSANA and versi.dasar_hukum == IDENTITAS["dasar_hukum"]
    assert str(versi.tanggal_pembuatan) == "2026-01-05" and versi.langkah.get(urutan=4).ke_tidak == 2
    # errors on their cells, nothing written
    sebelum = (RiwayatLayanan.objects.count(), list(LangkahSop.objects.values_list("pk", flat=True)))
    baris = langkah_contoh()
    baris[2]["pelaksana"] = 9
    baris[3]["ke_tidak"] = 4
    r = c.post(alamat, data_draf(versi, baris, tanggal_revisi="2026-13-01", pelaksana="A\nA"))
    assert r.status_code == 400
    html = r.content.decode()
    assert "Pilih pelaksana 1 sampai 2." in html and "Cabang tidak boleh menuju baris ini sendiri." in html
    assert "Isi tanggal yang sah" in html and "Pelaksana ke-2: Pelaksana ini sudah tercantum di urutan 1." in html
    assert html.index("Pilih pelaksana 1 sampai 2.") > html.index('name="langkah-2-pelaksana"')  # in row 3's cell
    assert (RiwayatLayanan.objects.count(), list(LangkahSop.objects.values_list("pk", flat=True))) == sebelum
    # a forged row count or checkbox: 400, nothing written
    assert c.post(alamat, data_draf(versi) | {"langkah-TOTAL_FORMS": "x"}).status_code == 400
    assert c.post(alamat, data_draf(versi) | {"langkah-0-hapus": "ya"}).status_code == 400
    # more rows, nothing saved
    r = c.post(alamat, data_draf(versi, baris) | {"tambah": "1"})
    assert r.status_code == 200 and 'name="langkah-14-uraian"' in r.content.decode()
    # a row ticked "Hapus" is dropped: the numbering must follow
    baris = langkah_contoh()
    data = data_draf(versi, baris) | {"langkah-4-hapus": "on"}
    r = c.post(alamat, data)
    assert r.status_code == 400 and "Harus 5: baris kegiatan bernomor urut" in r.content.decode()
    # another agency: 403; a published version: back to its page
    assert klien(d.asing).get(url("sop_versi_ubah", sop.pk, 1)).status_code == 404  # a draft: not even seen
    sop_services.sop_terbitkan(pelaku=d.kepala, sop=sop)
    r = c.get(alamat)
    assert r.status_code == 302 and r["Location"] == url("sop_versi", sop.pk, 1)
    assert klien(d.asing).get(alamat).status_code == 403


def test_versi_baru_dan_sahkan_dari_halaman(dunia):
    d = dunia
    sop = sop_draf(d)
    r = klien(d.kepala).post(url("sop_sahkan", sop.pk), {"tanggal_efektif": ""})
    assert r.status_code == 400
    html = r.content.decode()
    assert (
        "Dasar hukum: Wajib diisi sebelum disahkan" in html and "Tabel kegiatan: Tabel kegiatan paling sedikit" in html
    )
    sop_services.sop_versi_ubah(
        pelaku=d.staf, versi=sop.versi.get(), identitas=IDENTITAS, pelaksana=PELAKSANA, langkah=langkah_contoh()
    )
    r = klien(d.staf).post(url("sop_sahkan", sop.pk))
    assert r.status_code == 403 and "mengesahkan" in r.content.decode()
    r = klien(d.kepala).post(url("sop_sahkan", sop.pk), {"tanggal_efektif": "2001-01-01"})
    assert r.status_code == 400 and "tidak boleh sebelum tanggal pembuatan" in r.content.decode()
    r = klien(d.kepala).post(url("sop_sahkan", sop.pk), {"tanggal_efektif": ""})
    assert r.status_code == 302
    sop.refresh_from_db()
    assert sop.versi_berlaku.nomor == 1 and sop.versi_berlaku.disahkan_oleh == d.s.kepala_upt5
    r = klien(d.staf).post(url("sop_versi_baru", sop.pk))
    assert r.status_code == 302 and r["Location"] == url("sop_versi_ubah", sop.pk, 2)
    assert klien(d.staf).post(url("sop_versi_baru", sop.pk)).status_code == 302  # version 3
    sop_services.sop_ubah(pelaku=d.kepala, sop=sop, aktif=False)
    r = klien(d.staf).post(url("sop_versi_baru", sop.pk))
    assert r.status_code == 409 and VersiSop.objects.filter(sop=sop).count() == 3


def test_ubah_data_sop(dunia):
    d = dunia
    sop = sop_terbit(d)
    c = klien(d.staf)
    html = c.get(url("sop_ubah", sop.pk)).content.decode()
    assert 'name="nama"' in html and 'name="aktif"' not in html  # withdrawing is the head's
    r = c.post(url("sop_ubah", sop.pk), {"nomor": sop.nomor, "nama": "Nama Baru", "layanan": []})
    assert r.status_code == 302
    sop.refresh_from_db()
    assert sop.nama == "Nama Baru" and not sop.layanan.exists()
    r = c.post(url("sop_ubah", sop.pk), {"nomor": "", "nama": "X"})
    assert r.status_code == 400
    assert 'name="aktif"' in klien(d.kepala).get(url("sop_ubah", sop.pk)).content.decode()
    r = klien(d.kepala).post(url("sop_ubah", sop.pk), {"nomor": sop.nomor, "nama": "Nama Baru"})  # aktif unticked
    assert r.status_code == 302
    sop.refresh_from_db()
    assert not sop.aktif


def test_impor_dari_halaman(dunia):
    d = dunia
    sop = sop_draf(d, pelaksana=PELAKSANA)
    c = klien(d.staf)
    alamat = url("sop_impor", sop.pk, 1)
    assert c.get(alamat).status_code == 200
    rusak = [list(b) for b in BARIS_XLSX]
    rusak[1][2] = ""
    berkas = buku(rusak)
    berkas.name = "tabel.xlsx"
    r = c.post(alamat, {"berkas": berkas})
    assert r.status_code == 400 and "Baris 4, Pelaksana: Wajib diisi dengan nama pelaksana." in r.content.decode()
    assert not LangkahSop.objects.exists()
    berkas = buku(BARIS_XLSX)
    berkas.name = "tabel.xlsx"
    r = c.post(alamat, {"berkas": berkas})
    assert r.status_code == 302 and LangkahSop.objects.count() == 6
    assert RiwayatLayanan.objects.filter(sop=sop, aksi=AksiLayanan.SOP_IMPOR).exists()
    r = c.get(url("sop_templat", sop.pk, 1))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert c.get(url("sop_templat_kosong")).status_code == 200


def test_pdf_svg_dan_bagan_panjang(dunia):
    d = dunia
    baris = langkah_contoh()
    panjang = baris[:-1] + [
        {"uraian": f"Kegiatan tambahan {i}", "pelaksana": 1 + i % 4, "waktu": f"{i} jam"} for i in range(1, 9)
    ]
    panjang.append({"uraian": "Selesai", "jenis": "selesai", "pelaksana": 1})
    sop = sop_draf(d, identitas=IDENTITAS, pelaksana=PELAKSANA, langkah=panjang)
    sop_services.sop_terbitkan(pelaku=d.kepala, sop=sop)
    versi = sop.versi.get()
    html = sop_dokumen.html_sop(versi)
    assert html.count('class="bagan-sop"') == 2  # 16 rows, 10 a page
    assert 'data-jenis="penghubung-halaman"' in html and "Nomor SOP" in html and "Disahkan oleh" in html
    r = klien(d.asing).get(url("sop_pdf", sop.pk))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    pdf = pypdf.PdfReader(io.BytesIO(r.content))
    assert len(pdf.pages) == 3  # the identity block and two flowchart pages
    teks = [p.extract_text() for p in pdf.pages]
    assert "Nomor SOP" in teks[0] and "800/01/SOP/2026" in teks[0] and "Kualifikasi Pelaksana" in teks[0]
    assert d.s.kepala_upt5.nama in teks[0] and "PEMERINTAH KABUPATEN UJI" in teks[0]
    assert "Kelengkapan" in teks[1] and "Memeriksa kelengkapan berkas" in teks[1] and "Kegiatan tambahan 8" in teks[2]
    assert "Kepala Subbagian" in teks[1]
    r = klien(d.staf).get(url("sop_svg", sop.pk))
    assert r.status_code == 200 and r["Content-Type"].startswith("image/svg+xml")
    assert r.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"') and b'data-langkah="16"' in r.content
    # a draft's PDF: its circle only, marked DRAF
    draf = sop_services.sop_versi_buat(pelaku=d.staf, sop=sop)
    assert klien(d.asing).get(url("sop_pdf_versi", sop.pk, draf.nomor)).status_code == 404
    assert klien(d.staf).get(url("sop_pdf_versi", sop.pk, draf.nomor)).status_code == 200
    assert 'class="tanda-air">DRAF' in sop_dokumen.html_sop(draf)


def test_admin_sop(dunia):
    d = dunia
    c = klien(d.admin)

    def hitung(alamat) -> int:
        with CaptureQueriesContext(connection) as q:
            assert c.get(alamat).status_code == 200
        return len(q.captured_queries)

    sop = sop_terbit(d)
    sop_draf(d, nomor="800/02", nama="Kedua")
    daftar = {m: f"/admin/layanan/{m}/" for m in ("sop", "versisop", "langkahsop")}
    sedikit = {m: hitung(a) for m, a in daftar.items()}
    for i in range(3, 8):
        sop_terbit(d, nomor=f"800/0{i}")
    assert {m: hitung(a) for m, a in daftar.items()} == sedikit
    versi = sop.versi_berlaku
    html = c.get(f"/admin/layanan/versisop/{versi.pk}/change/").content.decode()
    assert "Memeriksa kelengkapan berkas" in html and 'name="_save"' not in html
    assert c.get(f"/admin/layanan/sop/{sop.pk}/history/").status_code == 200
    assert c.get(f"/admin/layanan/sop/{sop.pk}/change/").status_code == 200
    # actions through the services: a draft with nothing in it is refused part by part
    kedua = Sop.objects.get(nomor="800/02")
    r = c.post("/admin/layanan/sop/", {"action": "sahkan_draf", "_selected_action": [kedua.pk]}, follow=True)
    pesan = [str(m) for m in r.context["messages"]]
    assert any(p.startswith("800/02: Dasar hukum: Wajib diisi") for p in pesan), pesan
    r = c.post("/admin/layanan/sop/", {"action": "susun_draf", "_selected_action": [sop.pk]}, follow=True)
    assert any("draf versi 2 disusun" in str(m) for m in r.context["messages"])
    r = c.post("/admin/layanan/sop/", {"action": "sahkan_draf", "_selected_action": [sop.pk]}, follow=True)
    assert any("versi 2 disahkan" in str(m) for m in r.context["messages"])
    sop.refresh_from_db()
    assert sop.versi_berlaku.nomor == 2 and sop.versi.get(nomor=1).status == StatusVersi.DIGANTI
    # nothing is added, changed or deleted by hand
    assert c.get("/admin/layanan/sop/add/").status_code == 403
    assert c.post(f"/admin/layanan/versisop/{versi.pk}/change/", {}).status_code == 403


JAHAT = ["\x00", "x" * 1_000_000, "\u200b\u200b", "١٢٣", "99999999999999999999", "1.5", "9999-12-31", "2024-02-30"]
# 1 MB of text on a few fields of each kind (it is slow to send back in the page on every field).
BESAR = {"dasar_hukum", "pelaksana", "tanggal_revisi", "langkah-0-uraian", "langkah-0-ke_ya", "nama", "tanggal_efektif"}
# Fields read exactly as another one is (the other text parts of the identity block, the rows after the first).
SERUPA = {"kualifikasi_pelaksana", "keterkaitan", "peralatan", "pencatatan", "tanggal_pembuatan"}
# Fields no hostile value may pass: dates, numbers, choices (free text may legitimately be "١٢٣" or "1.5").
KETAT = re.compile(
    r"^(tanggal_\w+|unit|layanan|langkah-\d+-(urutan|pelaksana|ke_ya|ke_tidak|jenis|hapus)|langkah-\w+)$"
)


def jumlah_baris() -> tuple:
    return (RiwayatLayanan.objects.count(), VersiSop.objects.count(), LangkahSop.objects.count(), Sop.objects.count())


def test_masukan_jahat_tidak_pernah_500_dan_tidak_menulis(dunia):
    """Each hostile value in turn on each field of each form (the others valid): never a 5xx; refused (400)
    without a row written; on a date, number or choice, always refused. Each case is rolled back."""
    d = dunia
    sop = sop_draf(d, identitas=IDENTITAS, pelaksana=PELAKSANA, langkah=langkah_contoh())
    versi = sop.versi.get()
    c = klien(d.staf)
    formulir = [
        (c, url("sop_versi_ubah", sop.pk, 1), data_draf(versi, langkah_contoh()[:1] + langkah_contoh()[-1:])),
        (c, url("sop_baru"), {"unit": d.s.upt5.pk, "nomor": "800/77", "nama": "Baru", "layanan": [d.lab.pk]}),
        (c, url("sop_ubah", sop.pk), {"nomor": sop.nomor, "nama": sop.nama, "layanan": [d.lab.pk]}),
        (klien(d.kepala), url("sop_sahkan", sop.pk), {"tanggal_efektif": "2027-01-01"}),
    ]
    for klien_, alamat, dasar in formulir:
        for kolom in [k for k in dasar if k not in SERUPA and not re.match(r"langkah-[1-9]", k)]:
            for nilai in JAHAT if kolom in BESAR else [n for n in JAHAT if len(n) < 100]:
                with transaction.atomic():
                    sebelum = jumlah_baris()
                    r = klien_.post(alamat, {**dasar, kolom: nilai})
                    sesudah = jumlah_baris()
                    transaction.set_rollback(True)
                kasus = (alamat, kolom, nilai[:20], r.status_code)
                assert r.status_code < 500, kasus
                if r.status_code != 302:
                    assert r.status_code == 400 and sesudah == sebelum, kasus
                else:
                    assert not KETAT.match(kolom), kasus
    for nilai in JAHAT:
        for kolom in ("q", "pd", "status", "tanpa_sop", "halaman"):
            assert c.get(url("sop_daftar"), {kolom: nilai}).status_code == 200
    assert c.get(f"/sop/{'9' * 30}/").status_code == 404
    assert c.get(f"/sop/{sop.pk}/versi/{'9' * 19}/").status_code == 404
    berkas = io.BytesIO(b"PK\x03\x04" + b"\x00" * 1000)
    berkas.name = "x.xlsx"
    sebelum = jumlah_baris()
    assert c.post(url("sop_impor", sop.pk, 1), {"berkas": berkas}).status_code == 400
    assert jumlah_baris() == sebelum
