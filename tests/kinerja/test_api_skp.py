"""The appraisal's API as API.md fixes it (Kinerja, second table): a year per SKP model walked through HTTP only
(draft, return once, submit again, approve, rate four quarters and the year, finalise, sign every document,
verify the yearly one's code), the distribution holding a finalisation until a reason is given, the
organisation's predikat and the distribution's readers, a fungsional's angka kredit, lists in a constant number
of queries, and who may see what. Error codes per transition: test_api_skp_galat.py."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kinerja import services
from organisasi.models import AksesDataPribadi
from tests import factories as f

from .conftest import TAHUN, pk_berlaku

pytestmark = pytest.mark.django_db

AKHIR_TAHUN = dt.date(TAHUN, 12, 31)
PERIODE = [f"{TAHUN}-T{t}" for t in range(1, 5)] + [str(TAHUN)]
NILAI_BERAKHLAK = {"berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"}


def klien(p):
    c = APIClient()
    c.force_authenticate(user=p.akun if hasattr(p, "akun") else p)
    return c


def akhir_tahun():
    """Every period of the year has begun (the services' clock on 31 December)."""
    return mock.patch("kinerja.services.penilaian.hari_ini", return_value=AKHIR_TAHUN)


def hasil_kerja(intervensi, uraian="Tersusunnya dokumen pelayanan", **lain):
    return [
        {
            "uraian": uraian,
            "jenis": "utama",
            "intervensi": intervensi,
            "indikator": [{"uraian": "Jumlah dokumen", "aspek": "kuantitas", "target": 4, "satuan": "dokumen"}],
            **lain,
        }
    ]


def susun(p, **isi) -> dict:
    r = klien(p).post("/api/v1/skp/", {"tahun": TAHUN, **isi}, format="json")
    assert r.status_code == 201, r.json()
    return r.json()


def post(p, url, isi=None, kode=200) -> dict:
    r = klien(p).post(url, isi or {}, format="json")
    assert r.status_code == kode, (url, r.json())
    return r.json()


def orang_menurut_nip(s, *tambahan):
    return {p.nip: p for p in [*(v for v in vars(s).values() if hasattr(v, "nip")), *tambahan]}


def setahun_lewat_http(skp_id, pegawai, ppk, rating=("sesuai", "sesuai")) -> list[dict]:
    """Rate the four quarters and the year, finalising each; returns the evaluations as answered."""
    hasil = []
    with akhir_tahun():
        for kode in PERIODE:
            isi = {"periode": kode, "rating_hasil": rating[0], "rating_perilaku": rating[1], "catatan": "Baik"}
            ev = post(ppk, f"/api/v1/skp/{skp_id}/evaluasi/", isi, kode=201)
            assert (ev["periode"], ev["status"], ev["skp"]) == (kode, "dinilai", skp_id)
            assert (ev["rating_hasil"], ev["rating_perilaku"]) == rating
            ev = post(ppk, f"/api/v1/evaluasi/{ev['id']}/tetapkan/")
            assert ev["status"] == "ditetapkan" and ev["alasan_deviasi"] == ""
            hasil.append(ev)
    return hasil


def tandatangani_semua(s, skp_id, pegawai, *tambahan) -> list[dict]:
    """Every signatory signs every document of the SKP; returns the documents as last answered."""
    siapa = orang_menurut_nip(s, pegawai, *tambahan)
    dokumen = klien(pegawai).get(f"/api/v1/skp/{skp_id}/").json()["dokumen"]
    assert dokumen and not any(d["lengkap"] for d in dokumen)
    akhir = []
    for d in dokumen:
        for ttd in d["tanda_tangan"]:
            assert ttd["waktu"] is None
            jawab = post(siapa[ttd["nip"]], f"/api/v1/dokumen-kinerja/{d['id']}/tandatangani/")
        assert jawab["lengkap"] and all(t["waktu"] for t in jawab["tanda_tangan"])
        akhir.append(jawab)
    return akhir


def periksa_verifikasi(c, ev_tahunan: dict, penanda: list[str]):
    """The yearly document's code, checked as the public verification does."""
    (dok,) = [d for d in c.get(f"/api/v1/evaluasi/{ev_tahunan['id']}/").json()["dokumen"] if d["berlaku"]]
    assert dok["jenis"] == "dokumen_evaluasi" and dok["lengkap"]
    assert sorted(t["peran"] for t in dok["tanda_tangan"]) == sorted(penanda)
    from kinerja.dokumen import verifikasi_dokumen

    v = verifikasi_dokumen(dok["kode_verifikasi"].lower())
    assert v["kode"] == dok["kode_verifikasi"] and v["status"] == "berlaku" and v["jenis"] == "dokumen_evaluasi"
    assert sorted(t["peran"] for t in v["penanda_tangan"]) == sorted(penanda)
    assert dok["url_verifikasi"] == f"/kinerja/dokumen/verifikasi/{dok['kode_verifikasi']}/"
    r = APIClient().get(dok["url_verifikasi"])  # the public page, anonymous
    assert r.status_code == 200 and dok["kode_verifikasi"] in r.content.decode()


def test_non_jpt_setahun_lewat_http(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    # the PPK drafts first, intervening the Kepala Dinas's target; the staff member intervenes his result
    skp_ppk = susun(s.kepala_bidang, hasil_kerja=hasil_kerja(target.pk, "Meningkatnya layanan bidang"))
    (hk_ppk,) = skp_ppk["hasil_kerja"]
    assert (hk_ppk["intervensi"], hk_ppk["intervensi_jenis"]) == (target.pk, "target")
    isi = {
        "hasil_kerja": hasil_kerja(hk_ppk["id"], pendekatan="kuantitatif"),
        "perilaku": {"akuntabel": "Laporan tepat waktu", "kolaboratif": "Aktif di tim"},
        "lampiran": {"sumber_daya": "Anggaran bidang", "skema": "Laporan bulanan", "konsekuensi": "TPP"},
    }
    d = susun(s.staf_bidang, **isi)
    skp = d["id"]
    assert (d["tahun"], d["model"], d["status"], d["pegawai"]) == (TAHUN, "non_jpt", "draf", s.staf_bidang.nip)
    assert d["ppk"] == {
        "nip": s.kepala_bidang.nip,
        "nama": s.kepala_bidang.nama,
        "jabatan": s.kepala_bidang.jabatan.nama,
        "sebagai": "definitif",
    }
    assert d["atasan_ppk"]["nip"] == s.kepala_dinas.nip
    assert (d["unit"], d["unit_organisasi"]) == (s.bidang.kode, s.dinas.kode)
    assert (d["mulai"], d["selesai"]) == (f"{TAHUN}-01-01", f"{TAHUN}-12-31")
    (hk,) = d["hasil_kerja"]
    assert (hk["intervensi"], hk["intervensi_jenis"], hk["jenis"]) == (hk_ppk["id"], "hasil_kerja", "utama")
    assert hk["intervensi_uraian"] == "Meningkatnya layanan bidang"
    ind = hk["indikator"][0]
    assert {k: ind[k] for k in ("uraian", "aspek", "target", "satuan")} == {
        "uraian": "Jumlah dokumen",
        "aspek": "kuantitas",
        "target": "4.00",
        "satuan": "dokumen",
    }
    assert set(d["perilaku"]) == NILAI_BERAKHLAK and d["perilaku"]["akuntabel"] == "Laporan tepat waktu"
    assert d["perilaku"]["loyal"] == ""
    assert d["lampiran"] == isi["lampiran"]
    assert (d["rekonsiliasi"], d["evaluasi"], d["catatan_kembali"]) == ([], [], "")
    assert [x["aksi"] for x in d["riwayat"]] == ["susun"]

    post(s.staf_bidang, f"/api/v1/skp/{skp}/ajukan/")
    menunggu = klien(s.kepala_bidang).get("/api/v1/skp/?menunggu=saya").json()["results"]
    assert [x["id"] for x in menunggu] == [skp] and menunggu[0]["ppk_nip"] == s.kepala_bidang.nip
    d = post(s.kepala_bidang, f"/api/v1/skp/{skp}/kembalikan/", {"catatan": "Perjelas indikator kualitas"})
    assert (d["status"], d["catatan_kembali"]) == ("dikembalikan", "Perjelas indikator kualitas")
    # reworked: the result keeps its id, a quality indikator is added
    ubah = hasil_kerja(hk_ppk["id"], id=hk["id"])
    ubah[0]["indikator"].append({"uraian": "Tanpa revisi", "aspek": "kualitas", "target": 100, "satuan": "%"})
    r = klien(s.staf_bidang).put(f"/api/v1/skp/{skp}/", {**isi, "hasil_kerja": ubah}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["hasil_kerja"][0]["id"] == hk["id"] and len(r.json()["hasil_kerja"][0]["indikator"]) == 2
    d = post(s.staf_bidang, f"/api/v1/skp/{skp}/ajukan/")
    assert (d["status"], d["catatan_kembali"]) == ("diajukan", "")
    d = post(s.kepala_bidang, f"/api/v1/skp/{skp}/setujui/")
    assert d["status"] == "disetujui" and d["disetujui_oleh"] == s.kepala_bidang.nip
    assert [(x["jenis"], len(x["tanda_tangan"])) for x in d["dokumen"]] == [("skp", 2)]

    # the PPK rewrites his result: the staff member's SKP shows what changed above
    r = klien(s.kepala_bidang).put(
        f"/api/v1/skp/{skp_ppk['id']}/",
        {"hasil_kerja": hasil_kerja(target.pk, "Layanan bidang bermutu", id=hk_ppk["id"])},
        format="json",
    )
    assert r.status_code == 200, r.json()
    (rek,) = klien(s.staf_bidang).get(f"/api/v1/skp/{skp}/").json()["rekonsiliasi"]
    assert rek == {
        "hasil_kerja": hk["id"],
        "keadaan": "berubah",
        "semula": "Meningkatnya layanan bidang",
        "kini": "Layanan bidang bermutu",
    }

    evaluasi = setahun_lewat_http(skp, s.staf_bidang, s.kepala_bidang)
    assert [e["predikat"] for e in evaluasi] == ["baik"] * 5
    assert all(e["angka_kredit"] is None for e in evaluasi)
    d = klien(s.staf_bidang).get(f"/api/v1/skp/{skp}/").json()
    assert [(e["periode"], e["status"]) for e in d["evaluasi"]] == [(k, "ditetapkan") for k in PERIODE]
    akhir = tandatangani_semua(s, skp, s.staf_bidang)
    assert sorted(x["jenis"] for x in akhir) == ["dokumen_evaluasi"] + ["evaluasi"] * 4 + ["skp"]
    periksa_verifikasi(klien(s.staf_bidang), evaluasi[-1], ["pegawai", "ppk", "atasan_ppk"])
    riwayat = [x["aksi"] for x in klien(s.kepala_bidang).get(f"/api/v1/skp/{skp}/").json()["riwayat"]]
    assert riwayat.count("kembalikan") == 1 and riwayat.count("tetapkan") == 5 and riwayat.count("tanda_tangan") == 13


def test_jpt_setahun_lewat_http(s):
    target = pk_berlaku(s.kepala_setda, s.setda)
    hk = hasil_kerja(target.pk, "Meningkatnya tata kelola pemerintahan", perspektif="proses_bisnis")
    d = susun(s.kepala_asisten, hasil_kerja=hk, lampiran={"sumber_daya": "APBD", "skema": "", "konsekuensi": ""})
    skp = d["id"]
    assert (d["model"], d["ppk"]["nip"], d["ppk"]["sebagai"]) == ("jpt", s.kepala_setda.nip, "definitif")
    assert d["hasil_kerja"][0]["perspektif"] == "proses_bisnis"
    assert d["hasil_kerja"][0]["intervensi_jenis"] == "target"
    assert d["lampiran"]["sumber_daya"] == "APBD"

    post(s.kepala_asisten, f"/api/v1/skp/{skp}/ajukan/")
    post(s.kepala_setda, f"/api/v1/skp/{skp}/kembalikan/", {"catatan": "Tambahkan perspektif anggaran"})
    hk.append({**hk[0], "uraian": "Serapan anggaran", "perspektif": "anggaran"})
    r = klien(s.kepala_asisten).put(f"/api/v1/skp/{skp}/", {"hasil_kerja": hk}, format="json")
    assert r.status_code == 200 and [h["perspektif"] for h in r.json()["hasil_kerja"]] == ["proses_bisnis", "anggaran"]
    post(s.kepala_asisten, f"/api/v1/skp/{skp}/ajukan/")
    assert post(s.kepala_setda, f"/api/v1/skp/{skp}/setujui/")["status"] == "disetujui"

    evaluasi = setahun_lewat_http(skp, s.kepala_asisten, s.kepala_setda, ("di_atas", "di_atas"))
    assert [e["predikat"] for e in evaluasi] == ["sangat_baik"] * 5
    tandatangani_semua(s, skp, s.kepala_asisten)
    # the Sekda has no PPK within the instansi's tree: the yearly document is signed by two
    atasan = klien(s.kepala_asisten).get(f"/api/v1/skp/{skp}/").json()["atasan_ppk"]
    penanda = ["pegawai", "ppk"] + (["atasan_ppk"] if atasan else [])
    periksa_verifikasi(klien(s.kepala_setda), evaluasi[-1], penanda)


# --- SKPs approved the service way, for the rest ---------------------------------------------------------


def skp_disetujui(orang, ppk, intervensi, tahun=TAHUN):
    skp = services.skp_susun(pelaku=orang.akun, tahun=tahun, hasil_kerja=hasil_kerja(intervensi))
    services.skp_ajukan(pelaku=orang.akun, skp=skp)
    return services.skp_setujui(pelaku=ppk.akun, skp=skp)


def test_distribusi_menahan_penetapan_sampai_ada_alasan(s, admin_organisasi):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = skp_disetujui(s.analis, s.kepala_bag_org, target.pk)
    r = klien(admin_organisasi).put(
        f"/api/v1/unit/{s.setda.kode}/predikat-organisasi/{TAHUN}/", {"predikat": "baik"}, format="json"
    )
    assert r.status_code == 200, r.json()
    with akhir_tahun():
        isi = {"periode": str(TAHUN), "rating_hasil": "sesuai", "rating_perilaku": "sesuai"}
        ev = post(s.kepala_bag_org, f"/api/v1/skp/{skp.pk}/evaluasi/", isi, kode=201)
    d = klien(s.kepala_bag_org).get(f"/api/v1/unit/{s.setda.kode}/distribusi-predikat/?periode={TAHUN}").json()
    assert (d["predikat_organisasi"], d["jumlah"]["baik"], d["sesuai"]) == ("baik", 1, False)
    langgar = [a["uraian"] for a in d["aturan"] if not a["terpenuhi"]]
    assert langgar
    r = klien(s.kepala_bag_org).post(f"/api/v1/evaluasi/{ev['id']}/tetapkan/", {}, format="json")
    assert r.status_code == 409
    assert all(u in r.json()["detail"] for u in langgar) and "70% pegawai berpredikat Baik" in r.json()["detail"]
    assert klien(s.kepala_bag_org).get(f"/api/v1/evaluasi/{ev['id']}/").json()["status"] == "dinilai"
    d = post(s.kepala_bag_org, f"/api/v1/evaluasi/{ev['id']}/tetapkan/", {"alasan": "Unit satu orang"})
    assert (d["status"], d["alasan_deviasi"]) == ("ditetapkan", "Unit satu orang")


def test_nilai_ulang_memenuhi_distribusi(s, admin_organisasi):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = skp_disetujui(s.analis, s.kepala_bag_org, target.pk)
    services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.setda, tahun=TAHUN, predikat="baik")
    with akhir_tahun():
        isi = {"periode": str(TAHUN), "rating_hasil": "sesuai", "rating_perilaku": "sesuai"}
        ev = post(s.kepala_bag_org, f"/api/v1/skp/{skp.pk}/evaluasi/", isi, kode=201)
    isi = {"rating_hasil": "di_bawah", "rating_perilaku": "sesuai", "catatan": "Target tidak tercapai"}
    d = post(s.kepala_bag_org, f"/api/v1/evaluasi/{ev['id']}/nilai-ulang/", isi)
    assert (d["predikat"], d["catatan"]) == ("butuh_perbaikan", "Target tidak tercapai")
    d = post(s.kepala_bag_org, f"/api/v1/evaluasi/{ev['id']}/tetapkan/")
    assert (d["status"], d["alasan_deviasi"]) == ("ditetapkan", "")


def test_predikat_organisasi_oleh_pimpinan_di_atas_atau_bagian_organisasi(s, admin_organisasi):
    url = f"/api/v1/unit/{s.upt5.kode}/predikat-organisasi/{TAHUN}/"
    r = klien(s.kepala_dinas).put(url, {"predikat": "kurang"}, format="json")
    assert r.status_code == 200, r.json()
    d = r.json()
    assert {k: d[k] for k in ("unit", "tahun", "predikat")} == {
        "unit": s.upt5.kode,
        "tahun": TAHUN,
        "predikat": "kurang",
    }
    r = klien(admin_organisasi).put(url, {"predikat": "istimewa"}, format="json")  # corrected
    assert (r.status_code, r.json()["predikat"]) == (200, "istimewa")
    r = klien(admin_organisasi).put(
        f"/api/v1/unit/{s.dinas.kode}/predikat-organisasi/{TAHUN}/", {"predikat": "baik"}, format="json"
    )
    assert r.status_code == 200
    for orang, unit in [(s.kepala_upt5, s.upt5), (s.staf_upt5, s.upt5), (s.kepala_dinas, s.dinas), (s.analis, s.upt5)]:
        r = klien(orang).put(
            f"/api/v1/unit/{unit.kode}/predikat-organisasi/{TAHUN}/", {"predikat": "baik"}, format="json"
        )
        assert r.status_code == 403 and isinstance(r.json()["detail"], str), (orang, unit)
    bidang = f"/api/v1/unit/{s.bidang.kode}/predikat-organisasi/{TAHUN}/"  # not a Unit Organisasi
    assert klien(admin_organisasi).put(bidang, {"predikat": "baik"}, format="json").status_code == 409
    for kode, tahun, status_ in [("tidak-ada", TAHUN, 404), ("a%20b", TAHUN, 404), (s.upt5.kode, 1999, 400)]:
        r = klien(admin_organisasi).put(
            f"/api/v1/unit/{kode}/predikat-organisasi/{tahun}/", {"predikat": "baik"}, format="json"
        )
        assert r.status_code == status_, (kode, tahun, r.json())
    r = klien(admin_organisasi).put(f"/api/v1/unit/{s.upt5.kode}/predikat-organisasi/20x6/", {"predikat": "baik"})
    assert r.status_code == 400 and "tahun" in r.json()
    r = klien(admin_organisasi).put(url, {"predikat": "luar_biasa"}, format="json")
    assert r.status_code == 400 and "predikat" in r.json()


def test_distribusi_bentuk_dan_pembacanya(s, admin_organisasi):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    services.predikat_organisasi_tetapkan(pelaku=admin_organisasi, unit=s.dinas, tahun=TAHUN, predikat="istimewa")
    with akhir_tahun():
        services.evaluasi_nilai(
            pelaku=s.kepala_bidang.akun,
            skp=skp,
            periode=f"{TAHUN}-T1",
            rating_hasil="di_atas",
            rating_perilaku="sesuai",
        )
    url = f"/api/v1/unit/{s.dinas.kode}/distribusi-predikat/?periode={TAHUN}-T1"
    d = klien(admin_organisasi).get(url).json()
    assert set(d) == {"unit", "periode", "predikat_organisasi", "jumlah", "total", "aturan", "sesuai", "batas"}
    assert (d["unit"], d["periode"], d["predikat_organisasi"], d["total"]) == (
        s.dinas.kode,
        f"{TAHUN}-T1",
        "istimewa",
        1,
    )
    assert d["jumlah"] == {"sangat_baik": 0, "baik": 1, "butuh_perbaikan": 0, "kurang": 0, "sangat_kurang": 0}
    assert d["aturan"] and all(set(a) == {"uraian", "terpenuhi"} for a in d["aturan"])
    assert d["sesuai"] is all(a["terpenuhi"] for a in d["aturan"])
    assert set(d["batas"]["sangat_baik"]) == {"min", "maks"}
    # the head of the unit, the head above a unit (the Kepala Dinas over the UPT), the PPK of an SKP there
    for orang in (s.kepala_dinas, s.kepala_bidang):
        assert klien(orang).get(url).json() == d
    atas = klien(s.kepala_dinas).get(f"/api/v1/unit/{s.upt5.kode}/distribusi-predikat/?periode={TAHUN}")
    assert atas.status_code == 200 and atas.json()["total"] == 0
    # nobody else: the staff member rated, someone outside, the head of a unit beside it
    for orang in (s.staf_bidang, s.staf_upt5, s.analis, s.kepala_upt5, s.kepala_setda):
        r = klien(orang).get(url)
        assert r.status_code == 404 and isinstance(r.json()["detail"], str), orang
    bukan_uo = klien(admin_organisasi).get(f"/api/v1/unit/{s.bidang.kode}/distribusi-predikat/?periode={TAHUN}")
    assert bukan_uo.status_code == 404
    for periode in ("", "?periode=", f"?periode={TAHUN}-T5", "?periode=1999", "?periode=%00"):
        r = klien(admin_organisasi).get(f"/api/v1/unit/{s.dinas.kode}/distribusi-predikat/{periode}")
        assert r.status_code == 400 and list(r.json()) == ["periode"], periode


def test_distribusi_plh_kepala_unit(s):
    from organisasi.choices import JenisPeran
    from organisasi.selectors import hari_ini
    from organisasi.services import pejabat_tetapkan

    plh = f.pegawai(s.dinas, nama="Sekretaris Dinas")
    pejabat_tetapkan(
        pelaku=None,
        unit=s.upt5,
        pegawai=plh,
        jenis=JenisPeran.PLH,
        mulai=hari_ini(),
        selesai=hari_ini() + dt.timedelta(9),
    )
    url = f"/api/v1/unit/{s.upt5.kode}/distribusi-predikat/?periode={TAHUN}"
    assert klien(plh).get(url).status_code == 200
    assert klien(plh).get(f"/api/v1/unit/{s.dinas.kode}/distribusi-predikat/?periode={TAHUN}").status_code == 404


def test_angka_kredit_pejabat_fungsional(s, admin_organisasi):
    perawat = f.pegawai(s.bidang, jabatan_=f.jabatan("Perawat Ahli Pertama", jenjang="ahli_pertama"), nama="Perawat")
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    d = susun(perawat, hasil_kerja=hasil_kerja(f"target:{target.pk}"))
    post(perawat, f"/api/v1/skp/{d['id']}/ajukan/")
    post(s.kepala_bidang, f"/api/v1/skp/{d['id']}/setujui/")
    evaluasi = setahun_lewat_http(d["id"], perawat, s.kepala_bidang, ("di_atas", "di_atas"))
    assert [e["angka_kredit"] for e in evaluasi] == [None] * 4 + ["18.750"]  # 12.5 × 150%
    assert (evaluasi[-1]["predikat"], evaluasi[-1]["jenjang"]) == ("sangat_baik", "ahli_pertama")
    url = f"/api/v1/pegawai/{perawat.nip}/angka-kredit/"
    ak = klien(perawat).get(url).json()
    assert (ak["nip"], ak["jenjang"], ak["kumulatif"]) == (perawat.nip, "ahli_pertama", "18.750")
    assert ak["tahun"] == [
        {
            "tahun": TAHUN,
            "predikat": "sangat_baik",
            "angka_kredit": "18.750",
            "kumulatif": "18.750",
            "sumber": "evaluasi",
        }
    ]
    assert ak["dibutuhkan"] is None or ak["dibutuhkan"].count(".") == 1
    for orang in (s.kepala_bidang, s.kepala_dinas, admin_organisasi):
        assert klien(orang).get(url).json() == ak
    for orang in (s.staf_bidang, s.staf_upt5, s.analis, s.kepala_upt5):
        assert klien(orang).get(url).status_code == 404, orang
    for nip in ("123", "x" * 50, "199001012020011999"):
        assert klien(admin_organisasi).get(f"/api/v1/pegawai/{nip}/angka-kredit/").status_code == 404


def test_dialog_sepanjang_tahun(s):
    """Notes, feedback, a development plan: each answered as recorded, and shown on the SKP."""
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    hk = skp.hasil_kerja.get().pk
    url = f"/api/v1/skp/{skp.pk}/"
    c = post(
        s.staf_bidang,
        url + "catatan/",
        {"uraian": "Dua dokumen selesai", "hasil_kerja": hk, "periode": f"{TAHUN}-T1", "realisasi": "2"},
        kode=201,
    )
    assert (c["hasil_kerja"], c["realisasi"], c["bukti"]) == (hk, "2.00", "")
    ub = post(s.kepala_bidang, url + "umpan-balik/", {"isi": "Pertahankan"}, kode=201)
    assert (ub["dari"], ub["sebagai"]) == (s.kepala_bidang.nip, "ppk")
    r = post(s.kepala_bidang, url + "pengembangan/", {"jenis": "coaching", "uraian": "Menulis laporan"}, kode=201)
    assert (r["terlaksana"], r["dicatat_oleh"]) == (False, s.kepala_bidang.nip)
    assert post(s.staf_bidang, f"/api/v1/pengembangan/{r['id']}/terlaksana/")["terlaksana"] is True
    d = klien(s.staf_bidang).get(url).json()
    assert [x["id"] for x in d["catatan"]] == [c["id"]] and [x["id"] for x in d["umpan_balik"]] == [ub["id"]]
    assert d["pengembangan"][0]["terlaksana"] is True


def test_ketua_tim_memberi_masukan_tanpa_membaca_skp(s):
    from penugasan.models import AnggotaTim, TimKerja

    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    tim = TimKerja.objects.create(
        nama="Tim Akreditasi",
        tujuan="Akreditasi",
        unit_pemilik=s.dinas,
        sifat="rutin",
        mulai=dt.date(TAHUN, 1, 1),
        selesai=dt.date(TAHUN, 12, 31),
        ketua=s.staf_upt5,
    )
    AnggotaTim.objects.create(tim=tim, pegawai=s.staf_bidang, mulai=dt.date(TAHUN, 1, 1))
    r = klien(s.staf_upt5).post(f"/api/v1/skp/{skp.pk}/umpan-balik/", {"isi": "Sigap di tim"}, format="json")
    assert r.status_code == 201 and r.json()["sebagai"] == "ketua"
    assert klien(s.staf_upt5).get(f"/api/v1/skp/{skp.pk}/").status_code == 404
    r = klien(s.analis).post(f"/api/v1/skp/{skp.pk}/umpan-balik/", {"isi": "Halo"}, format="json")
    assert r.status_code == 404


def test_keberatan_diputus_atasan_ppk_dan_tindak_lanjut(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    with akhir_tahun():
        isi = {"periode": f"{TAHUN}-T1", "rating_hasil": "di_bawah", "rating_perilaku": "sesuai"}
        ev = post(s.kepala_bidang, f"/api/v1/skp/{skp.pk}/evaluasi/", isi, kode=201)
    ev = post(s.kepala_bidang, f"/api/v1/evaluasi/{ev['id']}/tetapkan/")
    assert ev["predikat"] == "butuh_perbaikan"
    k = post(s.staf_bidang, f"/api/v1/evaluasi/{ev['id']}/keberatan/", {"alasan": "Bukti capaian terlampir"}, kode=201)
    assert (k["status"], k["predikat_semula"], k["evaluasi"]) == ("diajukan", "butuh_perbaikan", ev["id"])
    putus = {"diterima": True, "putusan": "Bukti sah", "rating_hasil": "sesuai", "rating_perilaku": "sesuai"}
    k = post(s.kepala_dinas, f"/api/v1/keberatan/{k['id']}/putus/", putus)
    assert (k["status"], k["pemutus"], k["predikat"]) == ("diterima", s.kepala_dinas.nip, "baik")
    tl = post(
        s.kepala_bidang,
        f"/api/v1/evaluasi/{ev['id']}/tindak-lanjut/",
        {"jenis": "penghargaan", "uraian": "Piagam"},
        kode=201,
    )
    assert (tl["jenis"], tl["dicatat_oleh"]) == ("penghargaan", s.kepala_bidang.nip)
    d = klien(s.staf_bidang).get(f"/api/v1/evaluasi/{ev['id']}/").json()
    assert d["predikat"] == "baik" and [x["status"] for x in d["keberatan"]] == ["diterima"]
    assert [x["id"] for x in d["tindak_lanjut"]] == [tl["id"]]
    assert sorted(x["berlaku"] for x in d["dokumen"]) == [False, True]
    menunggu = klien(s.staf_bidang).get("/api/v1/dokumen-kinerja/?menunggu=saya").json()["results"]
    assert {x["jenis"] for x in menunggu} == {"skp", "evaluasi"} and all(x["berlaku"] for x in menunggu)


def test_saring_daftar(s, admin_organisasi):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    draf = services.skp_susun(pelaku=s.kepala_bidang.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(target.pk))
    with akhir_tahun():
        ev = services.evaluasi_nilai(
            pelaku=s.kepala_bidang.akun, skp=skp, periode=f"{TAHUN}-T1", rating_hasil="sesuai", rating_perilaku="sesuai"
        )
    c = klien(s.kepala_dinas)

    def ids(url, p=None):
        r = (klien(p) if p else c).get(url)
        assert r.status_code == 200, r.json()
        return [x["id"] for x in r.json()["results"]]

    assert set(ids("/api/v1/skp/")) == {skp.pk, draf.pk}
    assert ids("/api/v1/skp/?status=draf") == [draf.pk]
    assert ids(f"/api/v1/skp/?pegawai={s.staf_bidang.nip}&tahun={TAHUN}") == [skp.pk]
    assert ids(f"/api/v1/skp/?tahun={TAHUN - 1}") == []
    assert ids("/api/v1/skp/?menunggu=saya") == []
    assert ids("/api/v1/skp/", s.staf_bidang) == [skp.pk]
    assert ids(f"/api/v1/evaluasi/?periode={TAHUN}-T1&status=dinilai&unit={s.dinas.kode}&tahun={TAHUN}") == [ev.pk]
    assert ids(f"/api/v1/evaluasi/?unit={s.setda.kode}") == []
    assert ids("/api/v1/evaluasi/?menunggu=saya", s.kepala_bidang) == [ev.pk]
    assert ids("/api/v1/evaluasi/?menunggu=saya") == []
    for url, kolom in [
        ("/api/v1/skp/?status=aneh", "status"),
        ("/api/v1/skp/?tahun=dua", "tahun"),
        ("/api/v1/skp/?pegawai=123", "pegawai"),
        ("/api/v1/skp/?menunggu=kamu", "menunggu"),
        ("/api/v1/evaluasi/?periode=2026-T9", "periode"),
        ("/api/v1/evaluasi/?unit=%00", "unit"),
        ("/api/v1/evaluasi/?status=final", "status"),
    ]:
        r = c.get(url)
        assert r.status_code == 400 and list(r.json()) == [kolom], url
    d = c.get("/api/v1/skp/").json()
    assert set(d) == {"count", "next", "previous", "results"}
    baris = next(x for x in d["results"] if x["id"] == skp.pk)
    assert (baris["pegawai"], baris["ppk_nip"], baris["atasan_ppk_nip"]) == (
        s.staf_bidang.nip,
        s.kepala_bidang.nip,
        s.kepala_dinas.nip,
    )


def _tambah_skp(s, target, n):
    """n more staff of the bidang with an approved SKP, rated for T1 and with their documents."""
    for _ in range(n):
        p = f.pegawai(s.bidang)
        skp = skp_disetujui(p, s.kepala_bidang, target.pk)
        with akhir_tahun():
            services.evaluasi_nilai(
                pelaku=s.kepala_bidang.akun,
                skp=skp,
                periode=f"{TAHUN}-T1",
                rating_hasil="sesuai",
                rating_perilaku="sesuai",
            )


@pytest.mark.parametrize("daftar", ["skp", "evaluasi", "dokumen-kinerja"])
@pytest.mark.parametrize("siapa", ["admin", "kepala_dinas"])
def test_daftar_dengan_kueri_tetap(s, admin_organisasi, django_assert_num_queries, daftar, siapa):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    _tambah_skp(s, target, 2)
    c = klien(admin_organisasi if siapa == "admin" else s.kepala_dinas)
    url = f"/api/v1/{daftar}/"
    c.get(url)  # the user's permissions are cached on it after a first request
    with CaptureQueriesContext(connection) as q:
        assert len(c.get(url).json()["results"]) == 2
    _tambah_skp(s, target, 4)
    with django_assert_num_queries(len(q)):
        assert len(c.get(url).json()["results"]) == 6


def test_orang_luar_404_dan_yang_melihat_tanpa_wewenang_403(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    with akhir_tahun():
        ev = services.evaluasi_nilai(
            pelaku=s.kepala_bidang.akun, skp=skp, periode=f"{TAHUN}-T1", rating_hasil="sesuai", rating_perilaku="sesuai"
        )
    dok = skp.dokumen.get()
    for luar in (s.staf_upt5, s.analis, s.kepala_upt5):
        c = klien(luar)
        for url in (f"/api/v1/skp/{skp.pk}/", f"/api/v1/evaluasi/{ev.pk}/", f"/api/v1/dokumen-kinerja/{dok.pk}/"):
            r = c.get(url)
            assert r.status_code == 404 and isinstance(r.json()["detail"], str), (luar, url)
        for url in (
            f"/api/v1/skp/{skp.pk}/setujui/",
            f"/api/v1/skp/{skp.pk}/evaluasi/",
            f"/api/v1/evaluasi/{ev.pk}/tetapkan/",
            f"/api/v1/dokumen-kinerja/{dok.pk}/tandatangani/",
        ):
            assert c.post(url, {}, format="json").status_code == 404, (luar, url)
        assert c.put(f"/api/v1/skp/{skp.pk}/", {}, format="json").status_code == 404
        for daftar in ("skp", "evaluasi", "dokumen-kinerja"):
            assert c.get(f"/api/v1/{daftar}/").json()["results"] == []
    # the atasan PPK reads it but does not rate; the person reads it but does not finalise
    r = klien(s.kepala_dinas).post(f"/api/v1/evaluasi/{ev.pk}/tetapkan/", {}, format="json")
    assert r.status_code == 403 and isinstance(r.json()["detail"], str)
    assert klien(s.kepala_dinas).get(f"/api/v1/evaluasi/{ev.pk}/").status_code == 200
    assert klien(s.staf_bidang).post(f"/api/v1/evaluasi/{ev.pk}/tetapkan/", {}, format="json").status_code == 403


def test_bacaan_tercatat_di_log_akses_data_pribadi(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, target.pk)
    AksesDataPribadi.objects.all().delete()
    klien(s.kepala_dinas).get(f"/api/v1/skp/{skp.pk}/")
    log = AksesDataPribadi.objects.get(user=s.kepala_dinas.akun)
    assert {s.staf_bidang.nip, s.kepala_bidang.nip} <= set(log.subjek.split())
    assert log.path == f"/api/v1/skp/{skp.pk}/"
    klien(s.kepala_dinas).get("/api/v1/skp/")
    assert AksesDataPribadi.objects.filter(user=s.kepala_dinas.akun).count() == 2
