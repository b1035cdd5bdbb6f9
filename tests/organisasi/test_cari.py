"""The suggestions behind the forms' search boxes: /cari/unit/ and /cari/pegawai/ (sistemkerja.widgets.Cari)."""

import re

import pytest
from django.test import Client

from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.nip import tampilkan
from tests import factories as f

pytestmark = pytest.mark.django_db


def masuk(pegawai) -> Client:
    c = Client()
    c.force_login(pegawai.akun)
    return c


def nilai(r) -> list[str]:
    """The values the options would put into the box, in order."""
    assert r.status_code == 200
    return re.findall(r'role="option" aria-selected="false" data-nilai="([^"]*)"', r.content.decode())


def test_unit_dicari_menurut_nama_dengan_induknya(struktur):
    sdk = f.unit(struktur.dinas, "dinkes-sdk", J.BIDANG, T.ADMINISTRATOR, nama="Bidang Sumber Daya Kesehatan")
    c = masuk(struktur.staf_kelurahan)  # another agency's staff: unit names are not restricted
    r = c.get("/cari/unit/", {"q": "sumber daya"})
    assert nilai(r) == ["Bidang Sumber Daya Kesehatan (dinkes-sdk)"]
    isi = r.content.decode()
    assert "Dinas Kesehatan · dinkes-sdk" in isi  # the parent is shown
    assert nilai(c.get("/cari/unit/", {"q": "bidang kesehatan"})) == [
        "Bidang Pelayanan Kesehatan (dinkes-yankes)",
        f"{sdk.nama} (dinkes-sdk)",
    ]  # every word, in any place
    assert nilai(c.get("/cari/unit/", {"q": "dinkes-sd"})) == [f"{sdk.nama} (dinkes-sdk)"]  # by code
    assert nilai(c.get("/cari/unit/", {"q": "Kabupaten Uji"})) == []  # the instansi is no unit to pick


def test_unit_yang_namanya_diawali_kata_lebih_dulu_dan_nonaktif_tidak(struktur):
    f.unit(struktur.setda, "setda-bag-upt", J.BAGIAN, T.ADMINISTRATOR, nama="Bagian Pembinaan UPT")
    lama = f.unit(struktur.dinas, "dinkes-upt-lama", J.UPT, T.PENGAWAS, nama="UPT Lama")
    lama.aktif = False
    lama.save()
    r = masuk(struktur.staf_bidang).get("/cari/unit/", {"q": "upt"})
    assert nilai(r) == [
        "UPT Laboratorium Kesehatan (dinkes-upt-lab)",
        "UPT Puskesmas Kepanjen (dinkes-puskesmas)",
        "Bagian Pembinaan UPT (setda-bag-upt)",
    ]


def test_pegawai_dicari_menurut_nama_atau_nip_berspasi_dalam_cakupan(struktur):
    c = masuk(struktur.staf_bidang)
    r = c.get("/cari/pegawai/", {"q": "staf lab"})
    assert nilai(r) == [f"Staf Lab ({tampilkan(struktur.staf_upt5.nip)})"]
    assert "UPT Laboratorium Kesehatan" in r.content.decode()  # the person's unit is shown
    nip = tampilkan(struktur.staf_upt5.nip)  # "19850317 201003 1 012": typed with its spaces
    assert nilai(c.get("/cari/pegawai/", {"q": nip})) == [f"Staf Lab ({nip})"]
    assert nilai(c.get("/cari/pegawai/", {"q": struktur.staf_upt5.nip})) == [f"Staf Lab ({nip})"]
    # someone of another agency is out of this reader's reach: not suggested, by name or NIP
    assert nilai(c.get("/cari/pegawai/", {"q": "Staf Kelurahan"})) == []
    assert nilai(c.get("/cari/pegawai/", {"q": struktur.staf_kelurahan.nip})) == []
    assert nilai(masuk(struktur.staf_seksi).get("/cari/pegawai/", {"q": "Staf Kelurahan"})) == [
        f"Staf Kelurahan ({tampilkan(struktur.staf_kelurahan.nip)})"
    ]


def test_saran_hanya_untuk_yang_masuk_dan_kata_bermusuhan_400(struktur):
    for url in ("/cari/unit/", "/cari/pegawai/"):
        r = Client().get(url, {"q": "kesehatan"})
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")
        c = masuk(struktur.staf_bidang)
        assert c.get(url, {"q": "kes\x00"}).status_code == 400
        assert c.get(url, {"q": "k" * 101}).status_code == 400
        assert c.get(url, {"q": "k" * 100}).status_code == 200
        assert nilai(c.get(url, {"q": "k"})) == []  # one letter: nothing yet
        assert nilai(c.get(url)) == []


def test_saran_dibatasi_sepuluh_dengan_jumlah_kueri_tetap(struktur, django_assert_num_queries):
    c = masuk(struktur.staf_bidang)
    c.get("/cari/pegawai/", {"q": "staf"})  # the session is read and cached once
    with django_assert_num_queries(3):  # session, user, units
        assert len(nilai(c.get("/cari/unit/", {"q": "Bidang Pelayanan"}))) == 1
    with django_assert_num_queries(8):  # session, user, the reader's scope (restrict), people
        pertama = len(nilai(c.get("/cari/pegawai/", {"q": "Staf Bidang"})))
    for i in range(12):
        f.pegawai(struktur.bidang, nama=f"Staf Bidang {i:02}")
        f.unit(struktur.bidang, f"dinkes-yankes-{i}", J.SEKSI, T.PENGAWAS, nama=f"Bidang Pelayanan {i:02}")
    with django_assert_num_queries(3):  # session, user, units
        assert len(nilai(c.get("/cari/unit/", {"q": "Bidang Pelayanan"}))) == 10
    with django_assert_num_queries(8):
        assert len(nilai(c.get("/cari/pegawai/", {"q": "Staf Bidang"}))) == 10 > pertama
