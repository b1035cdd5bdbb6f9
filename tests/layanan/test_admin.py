"""Layanan in the Bagian Organisasi's admin: every model readable (with history where the model keeps it), the
services' records read-only, a draft edited and a standard published through the services, the schemes an
instansi adds checked as a whole, the shipped ones untouchable, list pages in constant queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from layanan import services
from layanan.admin.survei import periksa_mutu
from layanan.choices import AksiLayanan, StatusVersi
from layanan.models import (
    Jawaban,
    Layanan,
    Pengaduan,
    PengingatPengaduan,
    Responden,
    RiwayatLayanan,
    SkemaSurvei,
    VersiLayanan,
)
from tests import factories as f

from .conftest import layanan_terbit

pytestmark = pytest.mark.django_db

# The models of the standards, the survey and the complaints; those of consultations, SOPs, maps, reviews and
# clusters have their own admin tests (test_konsultasi_admin, test_sop*, test_peta_admin, test_rumpun*).
MODUL = {"layanan.models.standar", "layanan.models.survei", "layanan.models.pengaduan"}
MODEL = [
    m
    for m in apps.get_app_config("layanan").get_models()
    if not m.__name__.startswith("Historical") and m.__module__ in MODUL
]
DISUNTING = {SkemaSurvei, VersiLayanan}  # an instansi's scheme (elements and bands on its page); a draft


@pytest.fixture
def admin_c(admin_organisasi):
    c = Client()
    c.force_login(admin_organisasi)
    return c


def url(model, *rest) -> str:
    return "/".join(["/admin/layanan", model._meta.model_name, *map(str, rest)]) + "/"


def isi(lay, n: int = 1) -> None:
    """Work on the lab's service: survey answers and codes, complaints answered and closed, a follow-up plan."""
    s = lay.s
    petugas = s.staf_upt5.akun
    for i in range(n):
        services.responden_catat(
            pelaku=petugas,
            layanan=lay.lab,
            baris=[{"tanggal": "2026-01-05", "jawaban": {"U1": 4, "U2": 3}, "usia": 30 + i, "jenis_kelamin": "P"}],
        )
        services.kode_survei_buat(pelaku=petugas, layanan=lay.lab, jumlah=2)
        PengingatPengaduan.objects.get_or_create(kunci=f"unit:{s.upt5.pk}", tanggal=dt.date(2026, 1, 6 + i))
        p = services.pengaduan_ajukan(isi=f"Antrean lama {i}", layanan="uji-lab", nama="Warga", kontak="0812")
        services.pengaduan_proses(pelaku=petugas, pengaduan=p)
        t = services.tanggapan_tulis(pelaku=petugas, pengaduan=p, isi="Loket ditambah.")
        services.tanggapan_terbitkan(pelaku=s.kepala_upt5.akun, tanggapan=t)
        services.pengaduan_tutup(pelaku=petugas, pengaduan=p)
        services.tindak_lanjut_catat(
            pelaku=petugas,
            layanan=lay.lab,
            mulai=dt.date(2026, 1, 1),
            selesai=dt.date(2026, 6, 30),
            unsur=lay.lab.skema_survei.unsur.get(kode="U3"),
            kegiatan=f"Menambah loket {i}",
            waktu="Triwulan III",
            penanggung_jawab="Kepala UPT",
        )


def test_setiap_model_terbuka_dengan_riwayat(lay, admin_c):
    isi(lay)
    assert admin_c.get("/admin/layanan/").status_code == 200
    for model in MODEL:
        assert admin_c.get(url(model)).status_code == 200, model
        obj = model.objects.order_by("pk").first()
        assert obj is not None, model
        assert admin_c.get(url(model, obj.pk, "change")).status_code == 200, model
        assert admin_c.get(url(model, obj.pk, "history")).status_code == 200, model
    # simple-history's pages for the services and their versions, in words
    html = admin_c.get(url(VersiLayanan, lay.lab.versi_berlaku.pk, "history")).content.decode()
    assert "Berlaku" in html and "None" not in html


def test_rekaman_layanan_hanya_dibaca(lay, admin_c):
    isi(lay)
    for model in MODEL:
        if model in DISUNTING:
            continue
        obj = model.objects.order_by("pk").first()
        html = admin_c.get(url(model, obj.pk, "change")).content.decode()
        assert 'name="_save"' not in html, model
        assert admin_c.get(url(model, "add")).status_code == 403, model
        assert admin_c.post(url(model, obj.pk, "change"), {}).status_code == 403, model
        assert admin_c.get(url(model, obj.pk, "delete")).status_code == 403, model
    # a complaint's page lists its answer and its steps, and none of the sender's address
    p = Pengaduan.objects.get()
    html = admin_c.get(url(Pengaduan, p.pk, "change")).content.decode()
    assert "Loket ditambah." in html and "Pengaduan ditutup" in html and "alamat_hash" not in html
    # a published version is read, never changed
    terbit = lay.lab.versi_berlaku
    assert 'name="_save"' not in admin_c.get(url(VersiLayanan, terbit.pk, "change")).content.decode()
    assert admin_c.post(url(VersiLayanan, terbit.pk, "change"), {"biaya": "Rp1"}).status_code == 403
    terbit.refresh_from_db()
    assert terbit.biaya != "Rp1"


def data_draf(versi, **ubah) -> dict:
    data = {k: getattr(versi, k) for k in versi.komponen()}
    data |= {"tenggat_pengaduan_hari": versi.tenggat_pengaduan_hari, "catatan_perubahan": ""}
    data |= {"riwayat-TOTAL_FORMS": 0, "riwayat-INITIAL_FORMS": 0}
    return data | ubah


def test_draf_diubah_lewat_layanan(lay, admin_c):
    draf = lay.draf.versi.get()
    html = admin_c.get(url(VersiLayanan, draf.pk, "change")).content.decode()
    assert 'name="_save"' in html and "Maklumat dan standar (PDF)" in html
    r = admin_c.post(url(VersiLayanan, draf.pk, "change"), data_draf(draf, biaya="Gratis", catatan_perubahan="tarif"))
    assert r.status_code == 302, r.content.decode()[:2000]
    draf.refresh_from_db()
    assert draf.biaya == "Gratis" and draf.catatan_perubahan == "tarif" and draf.status == StatusVersi.DRAF
    riwayat = RiwayatLayanan.objects.filter(versi=draf, aksi=AksiLayanan.VERSI_UBAH).get()
    assert "Biaya/Tarif" in riwayat.catatan and riwayat.sebagai == "bagian_organisasi"
    # the service refuses a bad value: shown on the field, nothing saved
    r = admin_c.post(url(VersiLayanan, draf.pk, "change"), data_draf(draf, tenggat_pengaduan_hari=400))
    assert r.status_code == 200 and "365" in r.content.decode()
    draf.refresh_from_db()
    assert draf.tenggat_pengaduan_hari != 400


def jalankan_aksi(c, aksi: str, *layanan):
    return c.post(url(Layanan), {"action": aksi, "_selected_action": [x.pk for x in layanan]}, follow=True)


def test_aksi_terbitkan_dan_susun_draf(lay, admin_c):
    r = jalankan_aksi(admin_c, "terbitkan_draf", lay.draf)
    pesan = [str(m) for m in get_messages(r.wsgi_request)]
    assert any("Komponen belum diisi: Dasar Hukum" in p for p in pesan), pesan
    lay.draf.refresh_from_db()
    assert lay.draf.versi_berlaku is None
    r = jalankan_aksi(admin_c, "susun_draf", lay.lab)
    assert any("draf versi 2 disusun" in str(m) for m in get_messages(r.wsgi_request))
    r = jalankan_aksi(admin_c, "terbitkan_draf", lay.lab)
    assert any("versi 2 diterbitkan" in str(m) for m in get_messages(r.wsgi_request))
    lay.lab.refresh_from_db()
    assert lay.lab.versi_berlaku.nomor == 2
    assert RiwayatLayanan.objects.filter(layanan=lay.lab, aksi=AksiLayanan.VERSI_TERBIT).count() == 2


# --- the schemes ---------------------------------------------------------------------------------------


def pita(*baris):
    return [(m, Decimal(b), Decimal(a)) for m, b, a in baris]


def test_periksa_mutu():
    benar = pita(("D", "25.00", "64.99"), ("C", "65.00", "76.60"), ("B", "76.61", "88.30"), ("A", "88.31", "100.00"))
    assert periksa_mutu(benar, 4, 25) == []
    assert periksa_mutu(list(reversed(benar)), 4, 25) == []  # any order
    tumpang = pita(("D", "25.00", "65.00"), ("C", "65.00", "100.00"))
    assert periksa_mutu(tumpang, 4, 25) == ["Mutu D (25.00–65.00) dan C (65.00–100.00) tumpang tindih."]
    celah = pita(("D", "25.00", "64.99"), ("C", "65.01", "100.00"))
    assert periksa_mutu(celah, 4, 25) == ["Ada celah antara mutu D dan C: 65.00–65.00 tidak masuk mutu mana pun."]
    sempit = pita(("D", "30.00", "64.99"), ("A", "65.00", "99.99"))
    assert periksa_mutu(sempit, 4, 25) == [
        "Mutu terendah (D) harus mulai dari 25.00, bukan 30.00.",
        "Mutu tertinggi (A) harus sampai 100.00, bukan 99.99.",
    ]
    assert periksa_mutu(pita(("A", "20.00", "100.00")), 5, 20) == []  # another scale: 20 to 100
    assert periksa_mutu(pita(("A", "100.00", "25.00")), 4, 25)[0].startswith("Mutu A: batas bawah")
    assert periksa_mutu(pita(("A", "25.00", "50.00"), ("A", "50.01", "100.00")), 4, 25) == [
        "Mutu A tercantum lebih dari sekali."
    ]
    assert periksa_mutu([], 4, 25) == ["Isi paling sedikit satu mutu."]
    # the shipped schemes pass their own check
    for skema in SkemaSurvei.objects.prefetch_related("mutu"):
        assert (
            periksa_mutu([(m.mutu, m.bawah, m.atas) for m in skema.mutu.all()], skema.nilai_maks, skema.pengali) == []
        )


def data_skema(inst, unsur=None, mutu=None, **lain) -> dict:
    unsur = unsur or [("U1", "Waktu", ["Lama", "Agak lama", "Cepat", "Sangat cepat"])]
    mutu = mutu or [("C", "Kurang", "25.00", "62.50"), ("B", "Baik", "62.51", "100.00")]
    data = {"kode": "ikm-uji", "nama": "IKM Kabupaten Uji", "instansi": inst.pk, "nilai_maks": 4, "pengali": 25}
    data |= {"unsur-TOTAL_FORMS": len(unsur), "unsur-INITIAL_FORMS": 0, "mutu-TOTAL_FORMS": len(mutu)}
    data |= {"mutu-INITIAL_FORMS": 0}
    for i, (kode, nama, label) in enumerate(unsur):
        data |= {f"unsur-{i}-urutan": i + 1, f"unsur-{i}-kode": kode, f"unsur-{i}-nama": nama}
        data |= {f"unsur-{i}-pertanyaan": f"Bagaimana {nama.lower()}?", f"unsur-{i}-pilihan": "\n".join(label)}
    for i, (m, kinerja, bawah, atas) in enumerate(mutu):
        data |= {f"mutu-{i}-mutu": m, f"mutu-{i}-kinerja": kinerja, f"mutu-{i}-bawah": bawah, f"mutu-{i}-atas": atas}
    return data | lain


def test_skema_instansi_ditambah_dan_diperiksa(lay, admin_c):
    instansi = lay.s.instansi
    salah = {
        "celah": (data_skema(instansi, mutu=[("C", "K", "25.00", "62.50"), ("B", "B", "62.60", "100.00")]), "celah"),
        "tumpang": (
            data_skema(instansi, mutu=[("C", "K", "25.00", "62.50"), ("B", "B", "62.50", "100.00")]),
            "tumpang tindih",
        ),
        "label": (data_skema(instansi, unsur=[("U1", "Waktu", ["Lama", "Cepat", "Sangat cepat"])]), "tepat 4 label"),
        "tanpa instansi": (data_skema(instansi, instansi=""), "harus diisi"),
        "rentang": (data_skema(instansi, pengali=20), "harus mulai dari 20.00"),
    }
    for nama, (data, pesan) in salah.items():
        r = admin_c.post(url(SkemaSurvei, "add"), data)
        assert r.status_code == 200, nama
        assert pesan in r.content.decode().lower(), (nama, pesan)
    assert not SkemaSurvei.objects.filter(kode="ikm-uji").exists()
    r = admin_c.post(url(SkemaSurvei, "add"), data_skema(instansi))
    assert r.status_code == 302, r.content.decode()[:3000]
    skema = SkemaSurvei.objects.get(kode="ikm-uji")
    assert skema.instansi == instansi and list(skema.unsur.values_list("pilihan", flat=True)) == [
        ["Lama", "Agak lama", "Cepat", "Sangat cepat"]
    ]
    assert [(m.mutu, str(m.bawah), str(m.atas)) for m in skema.mutu.all()] == [
        ("C", "25.00", "62.50"),
        ("B", "62.51", "100.00"),
    ]
    # still unused: its page can be saved; once a service's answers use it, it is kept as it is
    assert 'name="_save"' in admin_c.get(url(SkemaSurvei, skema.pk, "change")).content.decode()
    layanan = layanan_terbit(lay.admin, lay.s.upt6, "layanan-skema-uji", skema="ikm-uji")
    services.responden_catat(
        pelaku=lay.s.staf_upt6.akun, layanan=layanan, baris=[{"tanggal": "2026-02-01", "jawaban": {"U1": 3}}]
    )
    assert 'name="_save"' not in admin_c.get(url(SkemaSurvei, skema.pk, "change")).content.decode()
    assert admin_c.post(url(SkemaSurvei, skema.pk, "change"), data_skema(instansi, nama="Ubah")).status_code == 403


def test_skema_bawaan_tidak_dapat_diubah(lay, admin_c):
    skema = SkemaSurvei.objects.get(kode="skm2017")
    html = admin_c.get(url(SkemaSurvei, skema.pk, "change")).content.decode()
    assert 'name="_save"' not in html and "Persyaratan" in html and "88.31" in html
    r = admin_c.post(url(SkemaSurvei, skema.pk, "change"), data_skema(lay.s.instansi, kode="skm2017", nama="Ubah"))
    assert r.status_code == 403
    skema.refresh_from_db()
    assert skema.nama.startswith("Survei Kepuasan Masyarakat") and skema.unsur.count() == 9
    assert admin_c.get(url(SkemaSurvei, skema.pk, "delete")).status_code == 403


# --- who, and how many queries ---------------------------------------------------------------------------


def test_di_luar_bagian_organisasi_tidak_masuk(lay):
    c = Client()
    c.force_login(lay.s.kepala_upt5.akun)
    assert c.get(url(Pengaduan)).status_code == 302  # not staff: the admin's login page
    akun = lay.s.kepala_upt5.akun
    akun.is_staff = True
    akun.save()
    assert c.get(url(Pengaduan)).status_code == 403
    assert c.get(url(SkemaSurvei, "add")).status_code == 403
    assert c.get(url(Layanan)).status_code == 403


def test_cari_pengaduan_dengan_kode_lacak_tercetak(lay, admin_c):
    isi(lay, 2)
    p = Pengaduan.objects.order_by("pk").first()
    r = admin_c.get(url(Pengaduan), {"q": services.tampil_lacak(p.kode_lacak).lower()})
    assert list(r.context["cl"].result_list) == [p]
    r = admin_c.get(url(Pengaduan), {"terlambat": "ya"})
    assert list(r.context["cl"].result_list) == []


def jumlah_kueri(c, alamat) -> int:
    with CaptureQueriesContext(connection) as q:
        assert c.get(alamat).status_code == 200
    return len(q)


def test_daftar_kueri_tetap(lay, admin_c, django_assert_num_queries):
    isi(lay, 1)
    sedikit = {model: jumlah_kueri(admin_c, url(model)) for model in MODEL}
    isi(lay, 3)
    layanan_terbit(lay.admin, lay.s.dpmptsp, "izin-uji")
    f.pegawai(lay.s.upt5, nama="Petugas Lab Kedua")
    assert Responden.objects.count() == 4 and Jawaban.objects.count() == 8 and Pengaduan.objects.count() == 4
    for model, n in sedikit.items():
        with django_assert_num_queries(n):
            admin_c.get(url(model))


def test_cari_dengan_masukan_aneh_dan_formulir_tambah(lay, admin_c):
    for model in MODEL:
        for q in ("\x00", "x" * 100_000, "a\x00b"):
            assert admin_c.get(url(model), {"q": q}).status_code == 200, (model, q[:3])
    html = admin_c.get(url(SkemaSurvei, "add")).content.decode()
    assert 'name="unsur-TOTAL_FORMS"' in html and 'name="mutu-TOTAL_FORMS"' in html
