"""The penugasan forms' search boxes (sistemkerja.widgets.Cari): units and people by name, code or NIP; and
the PPK's candidates, everyone with the matching competencies first and marked (issue 14)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.models import Unit
from organisasi.nip import tampilkan
from penugasan import services
from penugasan.models import Kompetensi, Penugasan, TimKerja
from tests import factories as f

from .conftest import ajukan
from .test_masukan import tim_sop

pytestmark = pytest.mark.django_db


def masuk(pegawai) -> Client:
    c = Client()
    c.force_login(pegawai.akun)
    return c


def permohonan(unit_tujuan, **lain) -> dict:
    return {
        "alur": "A",
        "unit_tujuan": unit_tujuan,
        "maksud": "Menyusun SOP",
        "target": "3 SOP",
        "mulai": "2027-01-04",
        "selesai": "2027-03-31",
        **lain,
    }


def tim(unit_pemilik, ketua, **lain) -> dict:
    return {
        "nama": "Tim SOP",
        "tujuan": "SOP pelayanan",
        "unit_pemilik": unit_pemilik,
        "ketua": ketua,
        "sifat": "rutin",
        "mulai": "2027-01-01",
        "selesai": "2027-12-31",
        **lain,
    }


# --- units by name ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ketik",
    ["Bidang Sumber Daya Kesehatan", "  bidang  sumber daya KESEHATAN ", "Bidang Sumber Daya Kesehatan (dinkes-sdk)"],
)
def test_unit_tujuan_menurut_nama_atau_saran_yang_dipilih(s, ketik):
    sdk = f.unit(s.dinas, "dinkes-sdk", J.BIDANG, T.ADMINISTRATOR, nama="Bidang Sumber Daya Kesehatan")
    staf = f.pegawai(sdk, nama="Staf SDK")
    kepala = f.kepala(sdk)
    r = masuk(kepala).post("/penugasan/baru/", permohonan(ketik, pegawai=[staf.nip]))
    assert r.status_code == 302, r.context["form"].errors
    assert Penugasan.objects.get().unit_tujuan == sdk


def test_nama_unit_yang_sama_diminta_memilih(s):
    umum_dinas = f.unit(s.dinas, "dinkes-umum", J.SUBBAGIAN, T.PENGAWAS, nama="Subbagian Umum")
    f.unit(s.dpmptsp, "dpmptsp-umum", J.SUBBAGIAN, T.PENGAWAS, nama="Subbagian Umum")
    c = masuk(s.kepala_bidang)
    r = c.post("/penugasan/baru/", permohonan("subbagian umum"))
    assert r.status_code == 400
    galat = " ".join(r.context["form"].errors["unit_tujuan"])
    assert "Ada 2 unit bernama “Subbagian Umum”; pilih salah satu" in galat
    assert "Subbagian Umum (dinkes-umum) di Dinas Kesehatan" in galat
    assert "Subbagian Umum (dpmptsp-umum) di DPMPTSP" in galat
    r = c.post("/penugasan/baru/", permohonan("Tidak Ada Unit Ini"))
    assert "Unit “Tidak Ada Unit Ini” tidak ditemukan" in " ".join(r.context["form"].errors["unit_tujuan"])
    assert Penugasan.objects.count() == 0
    # the code, typed or picked, settles it
    staf = f.pegawai(umum_dinas, nama="Staf Umum")
    kepala = f.kepala(umum_dinas)
    r = masuk(kepala).post("/penugasan/baru/", permohonan("Subbagian Umum (dinkes-umum)", pegawai=[staf.nip]))
    assert r.status_code == 302 and Penugasan.objects.get().unit_tujuan == umum_dinas


# --- people by name or NIP -------------------------------------------------------------------------------


def test_tim_dengan_ketua_nip_berspasi_dan_anggota_menurut_nama_atau_saran(s):
    nip_p2p = tampilkan(s.staf_bidang2.nip)
    data = tim(
        "Bidang Pelayanan Kesehatan",
        tampilkan(s.staf_bidang.nip),  # "19850317 201003 1 001": typed with its spaces
        anggota=["staf bidang kedua: penyusun", f"Staf P2P ({nip_p2p})"],
        **{f"anggota-ket-{nip_p2p}": "analis data"},  # the role typed beside a picked member
    )
    r = masuk(s.kepala_dinas).post("/tim/baru/", data)
    assert r.status_code == 302
    t = TimKerja.objects.get()
    assert t.ketua == s.staf_bidang and t.unit_pemilik == s.bidang
    assert {(a.pegawai, a.peran) for a in t.anggota.all()} == {
        (s.staf_bidang_b, "penyusun"),
        (s.staf_bidang2, "analis data"),
    }


def test_nama_pegawai_yang_sama_diminta_memilih_dan_dipilih_tetap_tampil(s):
    f.pegawai(s.bidang, nama="Budi Santoso")
    f.pegawai(s.bidang2, nama="Budi Santoso")
    data = tim(s.bidang.kode, "budi santoso", anggota=[f"Staf P2P ({tampilkan(s.staf_bidang2.nip)})"])
    r = masuk(s.kepala_dinas).post("/tim/baru/", {**data, f"anggota-ket-{tampilkan(s.staf_bidang2.nip)}": "analis"})
    assert r.status_code == 400
    assert r.context["form"].errors["ketua"] == [
        "Ada 2 pegawai bernama “Budi Santoso”; pilih dari daftar saran atau ketik NIP-nya."
    ]
    isi = r.content.decode()  # the member picked stays ticked, with its role
    assert f'type="checkbox" name="anggota" value="Staf P2P ({tampilkan(s.staf_bidang2.nip)})" checked' in isi
    assert 'value="analis"' in isi
    assert TimKerja.objects.count() == 0


def test_nama_di_luar_jangkauan_sama_dengan_tidak_ada(s):
    """The request form looks people up within the requester's reach: a name elsewhere reads as unknown."""
    c = masuk(s.kepala_bidang)
    luar = c.post("/penugasan/baru/", permohonan(s.bidang.kode, pegawai=["Staf Kelurahan"]))
    tidak = c.post("/penugasan/baru/", permohonan(s.bidang.kode, pegawai=["Staf Kelurahun"]))
    assert luar.status_code == tidak.status_code == 400
    assert [e.replace("Kelurahan", "X") for e in luar.context["form"].errors["pegawai"]] == [
        e.replace("Kelurahun", "X") for e in tidak.context["form"].errors["pegawai"]
    ]
    r = c.post("/penugasan/baru/", permohonan(s.bidang.kode, pegawai=["staf bidang"]))
    assert r.status_code == 302 and list(Penugasan.objects.get().orang.values_list("pegawai", flat=True)) == [
        s.staf_bidang.pk
    ]


def test_tim_orang_yang_tidak_berwenang_tidak_mencari_nama(s):
    c = masuk(s.staf_bidang)  # may not form a team for the bidang: nobody is looked up
    ada = c.post("/tim/baru/", tim(s.bidang.kode, "Staf Kelurahan"))
    tidak = c.post("/tim/baru/", tim(s.bidang.kode, "Staf Kelurahun"))
    assert ada.status_code == tidak.status_code == 403
    assert "ketua" not in ada.context["form"].errors and "ketua" not in tidak.context["form"].errors


def test_anggota_tim_ditambah_menurut_nama(s):
    t = tim_sop(s)  # led by staf_bidang
    r = masuk(s.staf_bidang).post(f"/tim/{t.pk}/anggota/", {"nip": "Staf Bidang Kedua", "peran": "penyusun"})
    assert r.status_code == 302 and t.anggota.get().pegawai == s.staf_bidang_b


# --- the widget as rendered ------------------------------------------------------------------------------


def test_isian_unit_dan_pegawai_adalah_combobox_aria(s):
    isi = masuk(s.kepala_bidang).get("/penugasan/baru/").content.decode()
    kotak = re.search(r'<input type="text" name="unit_tujuan"[^>]*>', isi).group(0)
    for atribut in (
        'role="combobox"',
        'aria-autocomplete="list"',
        'aria-expanded="false"',
        'aria-controls="id_unit_tujuan-saran"',
        'hx-get="/cari/unit/"',
        'aria-describedby="id_unit_tujuan_helptext"',
        'autocomplete="off"',
    ):
        assert atribut in kotak, atribut
    assert '<ul id="id_unit_tujuan-saran" class="kotak-cari-saran" role="listbox"' in isi
    assert 'id="id_unit_tujuan_helptext"' in isi and "<datalist" not in isi
    assert "style=" not in isi and "<script>" not in isi
    isi = masuk(s.kepala_dinas).get("/tim/baru/").content.decode()
    assert 'hx-get="/cari/unit/"' in isi
    for nama in ("ketua", "anggota"):
        kotak = re.search(rf'<input type="text" name="{nama}"[^>]*>', isi).group(0)
        assert 'role="combobox"' in kotak and 'hx-get="/cari/pegawai/"' in kotak
    assert 'data-cari-banyak="anggota" data-keterangan="Peran"' in isi


# --- candidates: everyone, the matching first and marked, the filter stated and removable ------------------


@pytest.fixture
def analisis(s):
    k = Kompetensi.objects.create(nama="Analisis data")
    services.kompetensi_catat(pelaku=None, pegawai=s.staf_bidang, kompetensi=k)
    ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])  # staf_bidang carries the heavier load
    return k


def test_ppk_melihat_semua_calon_yang_berkompetensi_lebih_dulu_dan_ditandai(s, analisis):
    p = ajukan(s.kepala_bidang2, "B", s.bidang, kompetensi_daftar=[analisis])
    c = masuk(s.kepala_bidang)
    r = c.get(f"/penugasan/{p.pk}/")
    assert [k.nip for k in r.context["kandidat"]] == [s.staf_bidang.nip, s.staf_bidang_b.nip]
    assert [k.jumlah_cocok for k in r.context["kandidat"]] == [1, 0]
    isi = r.content.decode()
    assert "Pegawai dengan kompetensi <strong>Analisis data</strong> ditandai" in isi
    assert isi.count('<span class="lencana lencana-cocok">Sesuai kompetensi</span>') == 1
    assert '<span class="sr-only"> (memiliki kompetensi yang dibutuhkan)</span>' in isi
    tautan = f'href="/penugasan/{p.pk}/?hanya_cocok=1#tindakan">Tampilkan hanya mereka</a>'
    assert tautan in isi
    r = c.get(f"/penugasan/{p.pk}/?hanya_cocok=1")
    assert [k.nip for k in r.context["kandidat"]] == [s.staf_bidang.nip]
    isi = r.content.decode()
    assert "Menampilkan hanya pegawai dengan kompetensi <strong>Analisis data</strong>" in isi
    assert f'href="/penugasan/{p.pk}/?#tindakan">Tampilkan semua pegawai</a>' in isi


def test_calon_htmx_menyatakan_saringan_dan_dapat_dilepas(s, analisis):
    c = masuk(s.kepala_bidang)
    url = "/penugasan/kandidat/?unit_tujuan=Bidang Pelayanan Kesehatan&mulai=2027-01-01&selesai=2027-12-31"
    r = c.get(f"{url}&kompetensi_daftar={analisis.pk}")
    assert [k.nip for k in r.context["kandidat"]] == [s.staf_bidang.nip, s.staf_bidang_b.nip]
    assert 'hx-vals=\'{"hanya_cocok": "1"}\'' in r.content.decode()
    r = c.get(f"{url}&kompetensi_daftar={analisis.pk}&hanya_cocok=1")
    assert [k.nip for k in r.context["kandidat"]] == [s.staf_bidang.nip]
    assert 'hx-vals=\'{"hanya_cocok": "0"}\'' in r.content.decode()
    r = c.get(url)  # no competency asked: no statement, nobody marked, lightest load first
    assert [k.nip for k in r.context["kandidat"]] == [s.staf_bidang_b.nip, s.staf_bidang.nip]
    assert "lencana-cocok" not in r.content.decode()
    assert masuk(s.staf_bidang).get(url).status_code == 403  # candidates are for heads of units


def test_daftar_calon_dengan_jumlah_kueri_tetap(s, analisis, django_assert_num_queries):
    c = masuk(s.kepala_bidang)
    url = f"/penugasan/kandidat/?unit_tujuan={s.bidang.kode}&mulai=2027-01-01&selesai=2027-12-31"
    url += f"&kompetensi_daftar={analisis.pk}"
    c.get(url)
    with CaptureQueriesContext(connection) as awal:
        assert len(c.get(url).context["kandidat"]) == 2
    for i in range(5):
        baru = f.pegawai(s.bidang, nama=f"Staf Tambahan {i}")
        services.kompetensi_catat(pelaku=None, pegawai=baru, kompetensi=analisis)
    with django_assert_num_queries(len(awal)):
        assert len(c.get(url).context["kandidat"]) == 7


def test_calon_menurut_nama_unit_tidak_bingung_oleh_unit_senama_di_instansi_lain(s):
    """The candidates' unit box resolves a name among the units in the reader's scope only."""
    f.instansi("kab-lain", "Pemerintah Kabupaten Lain")
    dinas_lain = f.unit(Unit.objects.get(kode="kab-lain"), "dinkes-lain", J.DINAS, T.JPT_PRATAMA, True, "Dinas Lain")
    f.unit(dinas_lain, "bidang-lain", J.BIDANG, T.ADMINISTRATOR, nama="Bidang Pelayanan Kesehatan")
    c = masuk(s.kepala_bidang)
    url = "/penugasan/kandidat/?unit_tujuan=Bidang Pelayanan Kesehatan&mulai=2027-01-01&selesai=2027-12-31"
    assert {k.nip for k in c.get(url).context["kandidat"]} == {s.staf_bidang.nip, s.staf_bidang_b.nip}
