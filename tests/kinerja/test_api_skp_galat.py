"""Every appraisal endpoint refuses a wrong actor (403), a wrong state (409) and bad input (400, messages by field
path); anonymous callers get 401/403, a token without the kinerja scope 403, a malformed id a JSON 404.

The world is last year's (every period of it has begun, whatever today is), in the Bidang Pelayanan Kesehatan:
the Staf Bidang's SKP approved and its document signed by her, T1 rated, T2 final, T3 final with her objection
waiting for the Kepala Dinas, T4 final with an objection refused; a second staff member's SKP submitted, a
third's a draft; a development plan open and one carried out."""

import pytest
from rest_framework.test import APIClient

from kinerja import services
from tests import factories as f

from .conftest import TAHUN

pytestmark = pytest.mark.django_db

LALU = TAHUN - 1
HASIL = [
    {
        "uraian": "Reviu SOP pelayanan",
        "jenis": "tambahan",
        "indikator": [{"uraian": "SOP direviu", "aspek": "kuantitas", "target": 12, "satuan": "SOP"}],
    }
]
NILAI = {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"}
PANJANG = "x" * 5000


def hasil(**ganti_indikator):
    return [{**HASIL[0], "indikator": [{**HASIL[0]["indikator"][0], **ganti_indikator}]}]


@pytest.fixture
def o(s):
    staf, ppk, atasan = s.staf_bidang.akun, s.kepala_bidang.akun, s.kepala_dinas.akun
    skp = services.skp_susun(pelaku=staf, tahun=LALU, hasil_kerja=HASIL)
    services.skp_ajukan(pelaku=staf, skp=skp)
    services.skp_setujui(pelaku=ppk, skp=skp)
    dok = skp.dokumen.get()
    services.dokumen_tandatangani(pelaku=staf, dokumen=dok)
    ev1 = services.evaluasi_nilai(pelaku=ppk, skp=skp, periode=f"{LALU}-T1", **NILAI)
    ev2, ev3, ev4 = (
        services.evaluasi_tetapkan(
            pelaku=ppk, evaluasi=services.evaluasi_nilai(pelaku=ppk, skp=skp, periode=f"{LALU}-T{t}", **NILAI)
        )
        for t in (2, 3, 4)
    )
    k = services.keberatan_ajukan(pelaku=staf, evaluasi=ev3, alasan="Mohon ditinjau")
    k4 = services.keberatan_ajukan(pelaku=staf, evaluasi=ev4, alasan="Mohon ditinjau")
    services.keberatan_putus(pelaku=atasan, keberatan=k4, diterima=False, putusan="Penilaian sesuai bukti")
    s.staf_b = f.pegawai(s.bidang, nama="Staf Bidang Kedua")
    diajukan = services.skp_susun(pelaku=s.staf_b.akun, tahun=LALU, hasil_kerja=HASIL)
    services.skp_ajukan(pelaku=s.staf_b.akun, skp=diajukan)
    s.staf_c = f.pegawai(s.bidang, nama="Staf Bidang Ketiga")
    draf = services.skp_susun(pelaku=s.staf_c.akun, tahun=LALU, hasil_kerja=HASIL)
    r = services.pengembangan_catat(pelaku=staf, skp=skp, jenis="coaching", uraian="Menulis laporan")
    r2 = services.pengembangan_catat(pelaku=staf, skp=skp, jenis="mentoring", uraian="Analisis data")
    services.pengembangan_terlaksana(pelaku=ppk, rencana=r2)
    return {
        "skp": skp.pk,
        "diajukan": diajukan.pk,
        "draf": draf.pk,
        "dok": dok.pk,
        "ev1": ev1.pk,
        "ev2": ev2.pk,
        "ev3": ev3.pk,
        "k": k.pk,
        "k4": k4.pk,
        "r": r.pk,
        "r2": r2.pk,
        "hk": skp.hasil_kerja.get().pk,
    }


SKP = {"tahun": LALU, "hasil_kerja": HASIL}
EV = {"periode": f"{LALU}-T2", **NILAI}
PUTUS = {"diterima": True, "putusan": "Bukti sah", **NILAI}

# (case, actor, method, path, body, code, the field a 400 names)
KASUS = [
    # drafting
    ("susun-403-bukan-pegawai", "admin", "post", "skp/", SKP, 403, None),
    ("susun-409-sudah-ada", "staf_bidang", "post", "skp/", SKP, 409, None),
    ("susun-400-tahun", "staf_upt5", "post", "skp/", {**SKP, "tahun": 2000}, 400, "tahun"),
    ("susun-400-tahun-teks", "staf_upt5", "post", "skp/", {**SKP, "tahun": "dua"}, 400, "tahun"),
    ("susun-400-aspek", "staf_upt5", "post", "skp/", {**SKP, "hasil_kerja": hasil(aspek="rasa")}, 400, None),
    ("susun-400-target", "staf_upt5", "post", "skp/", {**SKP, "hasil_kerja": hasil(target="banyak")}, 400, None),
    ("susun-400-kosong", "staf_upt5", "post", "skp/", {**SKP, "hasil_kerja": []}, 400, "hasil_kerja"),
    ("susun-400-perilaku", "staf_upt5", "post", "skp/", {**SKP, "perilaku": {"foo": "x"}}, 400, "perilaku.foo"),
    ("susun-400-lampiran", "staf_upt5", "post", "skp/", {**SKP, "lampiran": "x"}, 400, "lampiran"),
    (
        "susun-400-intervensi",
        "staf_upt5",
        "post",
        "skp/",
        {**SKP, "hasil_kerja": [{**HASIL[0], "intervensi": "target:999999"}]},
        400,
        "hasil_kerja[0].intervensi",
    ),
    ("ubah-403", "kepala_bidang", "put", "skp/{draf}/", {"hasil_kerja": HASIL}, 403, None),
    ("ubah-409", "staf_bidang", "put", "skp/{skp}/", {"hasil_kerja": HASIL}, 409, None),
    ("ubah-400", "staf_c", "put", "skp/{draf}/", {"hasil_kerja": [{"uraian": ""}]}, 400, "hasil_kerja[0].uraian"),
    (
        "ubah-400-id",
        "staf_c",
        "put",
        "skp/{draf}/",
        {"hasil_kerja": [{**HASIL[0], "id": "1\x00"}]},
        400,
        "hasil_kerja[0].id",
    ),
    ("ajukan-403", "kepala_bidang", "post", "skp/{draf}/ajukan/", {}, 403, None),
    ("ajukan-409", "staf_bidang", "post", "skp/{skp}/ajukan/", {}, 409, None),
    ("setujui-403-atasan", "kepala_dinas", "post", "skp/{diajukan}/setujui/", {}, 403, None),
    ("setujui-403-sendiri", "staf_b", "post", "skp/{diajukan}/setujui/", {}, 403, None),
    ("setujui-409", "kepala_bidang", "post", "skp/{skp}/setujui/", {}, 409, None),
    ("setujui-409-draf", "kepala_bidang", "post", "skp/{draf}/setujui/", {}, 409, None),
    ("kembalikan-403", "kepala_dinas", "post", "skp/{diajukan}/kembalikan/", {"catatan": "Ulang"}, 403, None),
    ("kembalikan-409", "kepala_bidang", "post", "skp/{skp}/kembalikan/", {"catatan": "Ulang"}, 409, None),
    ("kembalikan-400", "kepala_bidang", "post", "skp/{diajukan}/kembalikan/", {}, 400, "catatan"),
    (
        "kembalikan-400-kosong",
        "kepala_bidang",
        "post",
        "skp/{diajukan}/kembalikan/",
        {"catatan": "\u200b"},
        400,
        "catatan",
    ),
    # the year's dialogue
    ("catatan-403", "kepala_bidang", "post", "skp/{skp}/catatan/", {"uraian": "x"}, 403, None),
    ("catatan-409", "staf_c", "post", "skp/{draf}/catatan/", {"uraian": "x"}, 409, None),
    ("catatan-400", "staf_bidang", "post", "skp/{skp}/catatan/", {}, 400, "uraian"),
    (
        "catatan-400-bukti",
        "staf_bidang",
        "post",
        "skp/{skp}/catatan/",
        {"uraian": "x", "bukti": "ftp://x"},
        400,
        "bukti",
    ),
    (
        "catatan-400-periode",
        "staf_bidang",
        "post",
        "skp/{skp}/catatan/",
        {"uraian": "x", "periode": "2001"},
        400,
        "periode",
    ),
    (
        "catatan-400-hasil",
        "staf_bidang",
        "post",
        "skp/{skp}/catatan/",
        {"uraian": "x", "hasil_kerja": 999999},
        400,
        "hasil_kerja",
    ),
    ("umpan-balik-403", "kepala_dinas", "post", "skp/{skp}/umpan-balik/", {"isi": "Halo"}, 403, None),
    ("umpan-balik-400", "kepala_bidang", "post", "skp/{skp}/umpan-balik/", {"isi": " "}, 400, "isi"),
    (
        "pengembangan-403",
        "kepala_dinas",
        "post",
        "skp/{skp}/pengembangan/",
        {"jenis": "coaching", "uraian": "x"},
        403,
        None,
    ),
    (
        "pengembangan-400",
        "kepala_bidang",
        "post",
        "skp/{skp}/pengembangan/",
        {"jenis": "kursus", "uraian": "x"},
        400,
        "jenis",
    ),
    (
        "pengembangan-400-tanggal",
        "kepala_bidang",
        "post",
        "skp/{skp}/pengembangan/",
        {"jenis": "coaching", "uraian": "x", "rencana_selesai": "1900-01-01"},
        400,
        "rencana_selesai",
    ),
    ("terlaksana-403", "kepala_dinas", "post", "pengembangan/{r}/terlaksana/", {}, 403, None),
    ("terlaksana-409", "staf_bidang", "post", "pengembangan/{r2}/terlaksana/", {}, 409, None),
    # rating
    ("nilai-403", "kepala_dinas", "post", "skp/{skp}/evaluasi/", EV, 403, None),
    ("nilai-403-sendiri", "staf_bidang", "post", "skp/{skp}/evaluasi/", EV, 403, None),
    ("nilai-409-sudah", "kepala_bidang", "post", "skp/{skp}/evaluasi/", EV, 409, None),
    ("nilai-409-belum-disetujui", "kepala_bidang", "post", "skp/{diajukan}/evaluasi/", EV, 409, None),
    (
        "nilai-400-periode",
        "kepala_bidang",
        "post",
        "skp/{skp}/evaluasi/",
        {**EV, "periode": f"{LALU}-T9"},
        400,
        "periode",
    ),
    (
        "nilai-400-periode-tahun-lain",
        "kepala_bidang",
        "post",
        "skp/{skp}/evaluasi/",
        {**EV, "periode": "2001"},
        400,
        "periode",
    ),
    (
        "nilai-400-rating",
        "kepala_bidang",
        "post",
        "skp/{skp}/evaluasi/",
        {**EV, "periode": str(LALU), "rating_hasil": "luar_biasa"},
        400,
        "rating_hasil",
    ),
    (
        "nilai-400-tanpa-rating",
        "kepala_bidang",
        "post",
        "skp/{skp}/evaluasi/",
        {"periode": str(LALU)},
        400,
        "rating_perilaku",
    ),
    (
        "nilai-400-catatan",
        "kepala_bidang",
        "post",
        "skp/{skp}/evaluasi/",
        {**EV, "periode": str(LALU), "catatan": PANJANG},
        400,
        "catatan",
    ),
    ("nilai-ulang-403", "staf_bidang", "post", "evaluasi/{ev1}/nilai-ulang/", NILAI, 403, None),
    ("nilai-ulang-409", "kepala_bidang", "post", "evaluasi/{ev2}/nilai-ulang/", NILAI, 409, None),
    (
        "nilai-ulang-400",
        "kepala_bidang",
        "post",
        "evaluasi/{ev1}/nilai-ulang/",
        {**NILAI, "rating_perilaku": 3},
        400,
        "rating_perilaku",
    ),
    ("tetapkan-403", "staf_bidang", "post", "evaluasi/{ev1}/tetapkan/", {}, 403, None),
    ("tetapkan-403-atasan", "kepala_dinas", "post", "evaluasi/{ev1}/tetapkan/", {}, 403, None),
    ("tetapkan-409", "kepala_bidang", "post", "evaluasi/{ev2}/tetapkan/", {}, 409, None),
    ("tetapkan-400", "kepala_bidang", "post", "evaluasi/{ev1}/tetapkan/", {"alasan": PANJANG}, 400, "alasan"),
    ("tetapkan-400-nul", "kepala_bidang", "post", "evaluasi/{ev1}/tetapkan/", {"alasan": "a\x00b"}, 400, "alasan"),
    # objection, follow-up
    ("keberatan-403", "kepala_bidang", "post", "evaluasi/{ev2}/keberatan/", {"alasan": "x"}, 403, None),
    ("keberatan-409-belum-final", "staf_bidang", "post", "evaluasi/{ev1}/keberatan/", {"alasan": "x"}, 409, None),
    ("keberatan-409-sudah", "staf_bidang", "post", "evaluasi/{ev3}/keberatan/", {"alasan": "x"}, 409, None),
    ("keberatan-400", "staf_bidang", "post", "evaluasi/{ev2}/keberatan/", {"alasan": " "}, 400, "alasan"),
    ("putus-403-ppk", "kepala_bidang", "post", "keberatan/{k}/putus/", PUTUS, 403, None),
    ("putus-403-pegawai", "staf_bidang", "post", "keberatan/{k}/putus/", PUTUS, 403, None),
    ("putus-409", "kepala_dinas", "post", "keberatan/{k4}/putus/", PUTUS, 409, None),
    (
        "putus-400-rating",
        "kepala_dinas",
        "post",
        "keberatan/{k}/putus/",
        {"diterima": True, "putusan": "Ya"},
        400,
        "rating_hasil",
    ),
    (
        "putus-400-diterima",
        "kepala_dinas",
        "post",
        "keberatan/{k}/putus/",
        {**PUTUS, "diterima": "ya"},
        400,
        "diterima",
    ),
    ("putus-400-putusan", "kepala_dinas", "post", "keberatan/{k}/putus/", {**PUTUS, "putusan": ""}, 400, "putusan"),
    (
        "tindak-lanjut-403",
        "staf_bidang",
        "post",
        "evaluasi/{ev2}/tindak-lanjut/",
        {"jenis": "penghargaan", "uraian": "x"},
        403,
        None,
    ),
    (
        "tindak-lanjut-409",
        "kepala_bidang",
        "post",
        "evaluasi/{ev1}/tindak-lanjut/",
        {"jenis": "penghargaan", "uraian": "x"},
        409,
        None,
    ),
    (
        "tindak-lanjut-400",
        "kepala_bidang",
        "post",
        "evaluasi/{ev2}/tindak-lanjut/",
        {"jenis": "hadiah", "uraian": "x"},
        400,
        "jenis",
    ),
    (
        "tindak-lanjut-400-tpp",
        "kepala_bidang",
        "post",
        "evaluasi/{ev2}/tindak-lanjut/",
        {"jenis": "tunjangan", "uraian": "TPP", "persen_tpp": 500},
        400,
        "persen_tpp",
    ),
    (
        "tindak-lanjut-400-tpp-digit",
        "kepala_bidang",
        "post",
        "evaluasi/{ev2}/tindak-lanjut/",
        {"jenis": "tunjangan", "uraian": "TPP", "persen_tpp": "\u00b2"},
        400,
        "persen_tpp",
    ),
    # documents
    ("tandatangani-403", "kepala_dinas", "post", "dokumen-kinerja/{dok}/tandatangani/", {}, 403, None),
    ("tandatangani-409", "staf_bidang", "post", "dokumen-kinerja/{dok}/tandatangani/", {}, 409, None),
    # the organisation's predikat
    (
        "predikat-403",
        "kepala_upt5",
        "put",
        f"unit/dinkes-upt-lab/predikat-organisasi/{LALU}/",
        {"predikat": "baik"},
        403,
        None,
    ),
    (
        "predikat-409",
        "admin",
        "put",
        f"unit/dinkes-yankes/predikat-organisasi/{LALU}/",
        {"predikat": "baik"},
        409,
        None,
    ),
    (
        "predikat-400",
        "admin",
        "put",
        f"unit/dinkes/predikat-organisasi/{LALU}/",
        {"predikat": "bagus"},
        400,
        "predikat",
    ),
    ("predikat-400-tahun", "admin", "put", "unit/dinkes/predikat-organisasi/2100/", {"predikat": "baik"}, 400, "tahun"),
    ("predikat-404", "admin", "put", f"unit/tidak-ada/predikat-organisasi/{LALU}/", {"predikat": "baik"}, 404, None),
    ("distribusi-400", "kepala_dinas", "get", "unit/dinkes/distribusi-predikat/?periode=kemarin", None, 400, "periode"),
    ("distribusi-404", "staf_bidang", "get", f"unit/dinkes/distribusi-predikat/?periode={LALU}", None, 404, None),
]


def aktor(s, admin_organisasi, nama):
    return admin_organisasi if nama == "admin" else getattr(s, nama).akun


@pytest.mark.parametrize(
    ("pelaku", "metode", "jalur", "isi", "kode", "kolom"), [k[1:] for k in KASUS], ids=[k[0] for k in KASUS]
)
def test_galat_langkah(s, o, admin_organisasi, pelaku, metode, jalur, isi, kode, kolom):
    c = APIClient()
    c.force_authenticate(user=aktor(s, admin_organisasi, pelaku))
    url = "/api/v1/" + jalur.format(**o)
    r = getattr(c, metode)(url, isi, format="json") if isi is not None else c.get(url)
    assert r.status_code == kode, r.json()
    data = r.json()
    if kode == 400:
        assert all(isinstance(m, list) and all(isinstance(x, str) for x in m) for m in data.values()), data
        if kolom:
            assert kolom in data, data
        else:  # a nested field: named by its whole path
            assert any(k.startswith("hasil_kerja[0].indikator[0].") for k in data), data
    else:
        assert list(data) == ["detail"] and isinstance(data["detail"], str), data


def test_galat_bersarang_bernama_jalur(s):
    c = APIClient()
    c.force_authenticate(user=s.staf_upt5.akun)
    isi = {
        "tahun": LALU,
        "hasil_kerja": [
            {"uraian": "A", "jenis": "utama", "indikator": [{"uraian": "I", "aspek": "rasa", "target": -1}]},
            "bukan objek",
        ],
        "perilaku": {"foo": "x", "akuntabel": "\x00"},
    }
    r = c.post("/api/v1/skp/", isi, format="json")
    assert r.status_code == 400
    assert {
        "hasil_kerja[0].intervensi",
        "hasil_kerja[0].indikator[0].aspek",
        "hasil_kerja[0].indikator[0].target",
        "hasil_kerja[0].indikator[0].satuan",
        "hasil_kerja[1]",
        "perilaku.foo",
        "perilaku.akuntabel",
    } <= set(r.json()), r.json()


BACA = [
    "skp/",
    "skp/{skp}/",
    "evaluasi/",
    "evaluasi/{ev1}/",
    "keberatan/{k}/",
    "dokumen-kinerja/",
    "dokumen-kinerja/{dok}/",
]
BACA += [f"unit/dinkes/distribusi-predikat/?periode={LALU}", "pegawai/{nip}/angka-kredit/"]
TULIS = [
    ("post", "skp/"),
    ("put", "skp/{draf}/"),
    ("post", "skp/{skp}/ajukan/"),
    ("post", "skp/{diajukan}/setujui/"),
    ("post", "skp/{diajukan}/kembalikan/"),
    ("post", "skp/{skp}/evaluasi/"),
    ("post", "skp/{skp}/catatan/"),
    ("post", "skp/{skp}/umpan-balik/"),
    ("post", "skp/{skp}/pengembangan/"),
    ("post", "pengembangan/{r}/terlaksana/"),
    ("post", "evaluasi/{ev1}/tetapkan/"),
    ("post", "evaluasi/{ev1}/nilai-ulang/"),
    ("post", "evaluasi/{ev2}/keberatan/"),
    ("post", "evaluasi/{ev2}/tindak-lanjut/"),
    ("post", "keberatan/{k}/putus/"),
    ("post", "dokumen-kinerja/{dok}/tandatangani/"),
    ("put", f"unit/dinkes/predikat-organisasi/{LALU}/"),
]


def test_anonim_tidak_mendapat_data(s, o):
    c = APIClient()
    o = {**o, "nip": s.staf_bidang.nip}
    for metode, jalur in [("get", j) for j in BACA] + TULIS:
        url = "/api/v1/" + jalur.format(**o)
        r = c.get(url) if metode == "get" else getattr(c, metode)(url, {}, format="json")
        assert r.status_code in (401, 403), (metode, jalur)
        assert list(r.json()) == ["detail"], (metode, jalur)


def test_cakupan_token(s, o):
    o = {**o, "nip": s.staf_bidang.nip}
    lain = f.kunci_token(s.kepala_bidang.akun, cakupan=["penugasan:baca", "penugasan:tulis"])
    baca = f.kunci_token(s.kepala_bidang.akun, cakupan=["kinerja:baca"])
    tulis = f.kunci_token(s.kepala_bidang.akun, cakupan=["kinerja:baca", "kinerja:tulis"])
    c = APIClient()
    for jalur in BACA:
        url = "/api/v1/" + jalur.format(**o)
        assert c.get(url, HTTP_AUTHORIZATION=f"Token {lain}").status_code == 403, jalur
        assert c.get(url, HTTP_AUTHORIZATION=f"Token {baca}").status_code == 200, jalur
    for metode, jalur in TULIS:
        url = "/api/v1/" + jalur.format(**o)
        for kunci in (lain, baca):
            r = getattr(c, metode)(url, {}, format="json", HTTP_AUTHORIZATION=f"Token {kunci}")
            assert r.status_code == 403 and "cakupan" in r.json()["detail"], (metode, jalur)
    url = f"/api/v1/skp/{o['diajukan']}/kembalikan/"
    r = c.post(url, {"catatan": "Perjelas"}, format="json", HTTP_AUTHORIZATION=f"Token {tulis}")
    assert r.status_code == 200 and r.json()["status"] == "dikembalikan"


@pytest.mark.parametrize(
    ("metode", "jalur"),
    [
        ("get", "skp/abc/"),
        ("get", "skp/1.5/"),
        ("get", "skp/99999999999999999999/"),
        ("put", "skp/abc/"),
        ("post", "skp/0/ajukan/"),
        ("post", "skp/-1/setujui/"),
        ("post", "skp/abc/umpan-balik/"),
        ("get", "evaluasi/abc/"),
        ("post", "evaluasi/%00/tetapkan/"),
        ("get", "keberatan/abc/"),
        ("post", "keberatan/x/putus/"),
        ("post", "dokumen-kinerja/99999999999/tandatangani/"),
        ("post", "pengembangan/abc/terlaksana/"),
        ("get", "pegawai/abc/angka-kredit/"),
        ("get", "unit/%00/distribusi-predikat/?periode=2026"),
        ("get", "unit/" + "x" * 5000 + "/distribusi-predikat/?periode=2026"),
        ("put", "unit/a.b/predikat-organisasi/2026/"),
    ],
)
def test_id_cacat_json_404(admin_organisasi, metode, jalur):
    c = APIClient()
    c.force_authenticate(user=admin_organisasi)
    url = "/api/v1/" + jalur
    r = c.get(url) if metode == "get" else getattr(c, metode)(url, {"predikat": "baik"}, format="json")
    assert r.status_code == 404, r.content[:200]
    assert r["Content-Type"].startswith("application/json") and isinstance(r.json()["detail"], str)
