"""The consultation API exactly as API.md fixes it (`/api/v1/konsultasi/...`, `langkah` by step), and what is
around it: the list with its filters in a constant number of queries, files up and down with the rights
check, overdue requests on a frozen clock, the rating reaching the service's index, token scopes, answers
matching the served schema, and the standards' `jangka_waktu_hari` and `menerima_konsultasi`.

Every step: the right actor (200/201), a wrong one (403), someone who may not see it (404), a step out of turn
(409) and bad input (400 naming the field, nothing written)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from layanan.models import Konsultasi, LampiranKonsultasi, Layanan, Responden, RiwayatLayanan
from organisasi import services as org
from organisasi.choices import JenisPeran
from organisasi.models import Instansi, PejabatUnit
from tests import factories as f

from .conftest import komponen_lengkap
from .test_api import klien
from .test_konsultasi_alur import HARI_BEKU, ajukan, bukan_pdf, disposisi, jam, jawab, pdf, plh_bagian, tutup

pytestmark = pytest.mark.django_db

API = "/api/v1"
KUNCI = {
    "id",
    "jenis",
    "status",
    "instansi",
    "pemohon",
    "unit_pemohon",
    "perangkat_daerah",
    "penangan",
    "pendisposisi",
    "langkah",
    "uraian",
    "dibutuhkan",
    "tenggat",
    "terlambat",
    "diajukan",
    "didisposisi",
    "catatan_disposisi",
    "waktu",
    "tempat",
    "jawaban",
    "dijawab",
    "nilai",
    "catatan_penilaian",
    "selesai",
    "lampiran",
    "riwayat",
}


def url(k=None, aksi: str = "") -> str:
    return f"{API}/konsultasi/" + (f"{getattr(k, 'pk', k)}/" if k is not None else "") + (f"{aksi}/" if aksi else "")


def kirim(siapa, k, aksi: str, data=None, **kw):
    kw.setdefault("format", "json")
    return klien(siapa.akun).post(url(k, aksi), data if data is not None else {}, **kw)


def ringkas(r) -> tuple:
    return r.status_code, r.json()


def besok_pukul_9() -> str:
    return (timezone.localtime() + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0).isoformat()


# --- the path of API.md --------------------------------------------------------------------------------------


def test_alur_lengkap_lewat_api_dan_penilaian_masuk_ikm(bo, django_capture_on_commit_callbacks, mailoutbox):
    s = bo.s
    for p in (bo.kepala_bo, bo.penangan, bo.pemohon):
        p.email = f"{p.nip}@uji.go.id"
        p.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        r = klien(bo.pemohon.akun).post(
            url(), {"jenis": "standar_pelayanan", "uraian": "Mohon reviu standar uji lab."}, format="json"
        )
    assert r.status_code == 201, r.json()
    d = r.json()
    assert set(d) == KUNCI
    k = Konsultasi.objects.get()
    assert (d["id"], d["jenis"], d["status"], d["pemohon"], d["unit_pemohon"], d["penangan"]) == (
        k.pk,
        "standar_pelayanan",
        "diajukan",
        bo.pemohon.nip,
        s.upt5.kode,
        None,
    )
    assert (d["perangkat_daerah"], d["instansi"], d["lampiran"], d["terlambat"]) == (
        s.dinas.kode,
        s.instansi.kode,
        [],
        False,
    )
    assert d["tenggat"] == (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    assert d["langkah"] == {"nama": "disposisi", "pelaku": [bo.kepala_bo.nip]}
    (baris,) = d["riwayat"]
    assert baris == {
        "aksi": "konsultasi_ajukan",
        "oleh": bo.pemohon.nip,
        "sebagai": "pemohon",
        "status_dari": "",
        "status_ke": "diajukan",
        "catatan": "",
        "waktu": baris["waktu"],
    }
    assert [m.to for m in mailoutbox] == [[bo.kepala_bo.email]]

    kepala = klien(bo.kepala_bo.akun)
    assert [x["id"] for x in kepala.get(url()).json()["results"]] == [k.pk]
    r = kepala.post(url(k, "disposisi"), {"penangan": bo.penangan.nip, "catatan": "Cek komponen"}, format="json")
    assert r.status_code == 200, r.json()
    d = r.json()
    assert (d["status"], d["penangan"], d["pendisposisi"], d["catatan_disposisi"]) == (
        "didisposisi",
        bo.penangan.nip,
        bo.kepala_bo.nip,
        "Cek komponen",
    )
    assert d["langkah"] == {"nama": "jawab", "pelaku": [bo.penangan.nip]}
    assert d["riwayat"][-1]["sebagai"] == "kepala_bagian_organisasi (definitif)"

    penangan = klien(bo.penangan.akun)
    waktu = besok_pukul_9()
    r = penangan.post(url(k, "jadwalkan"), {"waktu": waktu, "tempat": "Ruang Rapat Setda"}, format="json")
    assert r.status_code == 200, r.json()
    d = r.json()
    assert (d["status"], d["tempat"], dt.datetime.fromisoformat(d["waktu"])) == (
        "dijadwalkan",
        "Ruang Rapat Setda",
        dt.datetime.fromisoformat(waktu),
    )
    assert d["langkah"] == {"nama": "jawab", "pelaku": [bo.penangan.nip]}
    r = penangan.post(url(k, "jawab"), {"jawaban": "Lengkapi komponen pengaduan."}, format="json")
    assert r.status_code == 200, r.json()
    d = r.json()
    assert (d["status"], d["jawaban"], d["langkah"]) == (
        "dijawab",
        "Lengkapi komponen pengaduan.",
        {"nama": "tutup", "pelaku": [bo.pemohon.nip]},
    )
    assert d["dijawab"] is not None

    pemohon = klien(bo.pemohon.akun)
    assert pemohon.get(url(k)).json()["jawaban"] == "Lengkapi komponen pengaduan."
    with django_capture_on_commit_callbacks(execute=True):
        r = pemohon.post(url(k, "tutup"), {"nilai": 3, "catatan": "Membantu"}, format="json")
    assert r.status_code == 200, r.json()
    d = r.json()
    assert (d["status"], d["nilai"], d["catatan_penilaian"], d["langkah"]) == ("selesai", 3, "Membantu", None)
    assert d["selesai"] is not None
    assert [x["aksi"] for x in d["riwayat"]] == [
        "konsultasi_ajukan",
        "konsultasi_disposisi",
        "konsultasi_jadwalkan",
        "konsultasi_jawab",
        "konsultasi_tutup",
    ]
    assert [x["oleh"] for x in d["riwayat"]] == [bo.pemohon.nip, bo.kepala_bo.nip] + [bo.penangan.nip] * 2 + [
        bo.pemohon.nip
    ]
    # the rating is a response (every element 3) in the consultation service's survey and its index
    ikm = klien(bo.admin).get(f"{API}/layanan/{bo.konsultasi.kode}/ikm/").json()
    assert (ikm["responden"], ikm["ikm"], ikm["mutu"]) == (1, "75.00", "C")
    assert {u["nrr"] for u in ikm["unsur"]} == {"3.0000"}
    assert Responden.objects.get().sumber == "konsultasi"
    assert sorted(m.to[0] for m in mailoutbox[-2:]) == sorted([bo.penangan.email, bo.kepala_bo.email])


# --- who may do what, in which state, with which input ----------------------------------------------------------


def test_salah_pelaku_luar_salah_langkah_dan_masukan_buruk(bo):
    s = bo.s
    lain = f.pegawai(s.bag_org, nama="Analis Organisasi Kedua")
    luar = s.staf_kelurahan  # another agency: may not know the request exists
    k = ajukan(bo)

    def tetap(fungsi):
        """A refused request writes nothing."""
        sebelum = (
            list(Konsultasi.objects.order_by("pk").values()),
            RiwayatLayanan.objects.count(),
            LampiranKonsultasi.objects.count(),
            Responden.objects.count(),
        )
        hasil = fungsi()
        assert sebelum == (
            list(Konsultasi.objects.order_by("pk").values()),
            RiwayatLayanan.objects.count(),
            LampiranKonsultasi.objects.count(),
            Responden.objects.count(),
        )
        return hasil

    # ajukan: bad input named by field
    for data, kolom in [
        ({"jenis": "rahasia", "uraian": "x"}, {"jenis"}),
        ({"jenis": "sop", "uraian": ""}, {"uraian"}),
        ({"jenis": "sop", "uraian": "SOP\x00"}, {"uraian"}),
        ({"jenis": "sop", "uraian": "x", "dibutuhkan": "2027-02-30"}, {"dibutuhkan"}),
        ({"jenis": "sop", "uraian": "x", "dibutuhkan": "2000-01-01"}, {"dibutuhkan"}),
        ({}, {"jenis", "uraian"}),
        ({"jenis": "sop", "uraian": "x", "lampiran": ["bukan berkas"]}, {"lampiran[0]"}),
    ]:
        r = tetap(lambda data=data: klien(bo.pemohon.akun).post(url(), data, format="json"))
        assert (r.status_code, set(r.json())) == (400, kolom), (data, r.json())
    assert ringkas(klien(bo.admin).post(url(), {"jenis": "sop", "uraian": "x"}, format="json"))[0] == 403

    # an outsider: 404 everywhere, nothing in the list
    assert klien(luar.akun).get(url()).json()["count"] == 0
    assert klien(luar.akun).get(url(k)).status_code == 404
    for aksi, data in [
        ("disposisi", {"penangan": bo.penangan.nip}),
        ("jadwalkan", {"waktu": besok_pukul_9(), "tempat": "Ruang"}),
        ("jawab", {"jawaban": "x"}),
        ("tutup", {"nilai": 4}),
        ("lampiran", {"berkas": pdf()}),
    ]:
        r = tetap(lambda aksi=aksi, data=data: kirim(luar, k, aksi, data, format="multipart"))
        assert r.status_code == 404 and set(r.json()) == {"detail"}, aksi
    for kode in ("999999", "abc", "1\x00", "99999999999999999999"):
        assert klien(bo.kepala_bo.akun).get(url(kode)).status_code == 404

    # disposisi: only the head of the Bagian; the handler must be its active staff
    for siapa in (bo.penangan, lain, bo.pemohon):
        r = tetap(lambda siapa=siapa: kirim(siapa, k, "disposisi", {"penangan": bo.penangan.nip}))
        assert r.status_code == 403, siapa
    for penangan in (s.staf_bidang.nip, "199001012015032999", "1990\x00", None, 42):
        r = tetap(lambda penangan=penangan: kirim(bo.kepala_bo, k, "disposisi", {"penangan": penangan}))
        assert (r.status_code, set(r.json())) == (400, {"penangan"}), penangan
    r = tetap(lambda: kirim(bo.kepala_bo, k, "disposisi", {}))
    assert (r.status_code, set(r.json())) == (400, {"penangan"})
    # a step out of turn: answered or scheduled before it is disposed
    assert tetap(lambda: kirim(bo.penangan, k, "jawab", {"jawaban": "x"})).status_code == 409
    assert tetap(lambda: kirim(bo.pemohon, k, "tutup", {"nilai": 4})).status_code == 409
    assert kirim(bo.kepala_bo, k, "disposisi", {"penangan": bo.penangan.nip}).status_code == 200

    # jadwalkan and jawab: only the handler
    for siapa in (lain, bo.pemohon, bo.kepala_bo):
        assert (
            tetap(
                lambda siapa=siapa: kirim(siapa, k, "jadwalkan", {"waktu": besok_pukul_9(), "tempat": "R"})
            ).status_code
            == 403
        )
        assert tetap(lambda siapa=siapa: kirim(siapa, k, "jawab", {"jawaban": "x"})).status_code == 403
    kemarin = (timezone.localtime() - dt.timedelta(days=1)).isoformat()
    for data, kolom in [
        ({"waktu": "besok", "tempat": "Ruang"}, {"waktu"}),
        ({"waktu": kemarin, "tempat": "Ruang"}, {"waktu"}),
        ({"waktu": "2030-13-45T25:00", "tempat": "Ruang"}, {"waktu"}),
        ({"waktu": besok_pukul_9(), "tempat": ""}, {"tempat"}),
        ({"waktu": besok_pukul_9(), "tempat": "R\x00"}, {"tempat"}),
        ({}, {"waktu", "tempat"}),
    ]:
        r = tetap(lambda data=data: kirim(bo.penangan, k, "jadwalkan", data))
        assert (r.status_code, set(r.json())) == (400, kolom), data
    for data in ({"jawaban": ""}, {"jawaban": " \u200b"}, {}):
        r = tetap(lambda data=data: kirim(bo.penangan, k, "jawab", data))
        assert (r.status_code, set(r.json())) == (400, {"jawaban"}), data
    assert kirim(bo.penangan, k, "jawab", {"jawaban": "Sudah sesuai."}).status_code == 200
    # after the answer: answered twice, disposed or scheduled again: 409
    assert tetap(lambda: kirim(bo.penangan, k, "jawab", {"jawaban": "lagi"})).status_code == 409
    assert tetap(lambda: kirim(bo.kepala_bo, k, "disposisi", {"penangan": lain.nip})).status_code == 409
    r = tetap(lambda: kirim(bo.penangan, k, "jadwalkan", {"waktu": besok_pukul_9(), "tempat": "R"}))
    assert r.status_code == 409 and "detail" in r.json()

    # tutup: only the requester, nilai 1–4
    for siapa in (bo.penangan, bo.kepala_bo, s.kepala_upt5):
        assert tetap(lambda siapa=siapa: kirim(siapa, k, "tutup", {"nilai": 4})).status_code == 403
    for data, kolom in [
        ({"nilai": 0}, {"nilai"}),
        ({"nilai": 5}, {"nilai"}),
        ({"nilai": "x"}, {"nilai"}),
        ({"nilai": 3, "jawaban": {"U1": 7}}, {"jawaban.U1"}),
        ({"catatan": "a\x00"}, {"catatan"}),
    ]:
        r = tetap(lambda data=data: kirim(bo.pemohon, k, "tutup", data))
        assert (r.status_code, set(r.json())) == (400, kolom), data
    assert kirim(bo.pemohon, k, "tutup", {"nilai": 4}).status_code == 200
    assert tetap(lambda: kirim(bo.pemohon, k, "tutup", {"nilai": 4})).status_code == 409
    assert (
        tetap(lambda: kirim(bo.penangan, k, "jadwalkan", {"waktu": besok_pukul_9(), "tempat": "R"})).status_code == 409
    )

    # an instansi without its Bagian Organisasi: filing is refused with a clear message
    Instansi.objects.filter(pk=s.instansi.pk).update(bagian_organisasi=None)
    r = tetap(lambda: klien(bo.pemohon.akun).post(url(), {"jenis": "sop", "uraian": "x"}, format="json"))
    assert r.status_code == 409 and "belum menetapkan Bagian Organisasi" in r.json()["detail"]


def test_plh_mendisposisikan_kepala_definitif_403(bo):
    hari = timezone.localdate()
    plh = plh_bagian(bo, hari, hari + dt.timedelta(days=3))
    k = ajukan(bo)
    assert klien(bo.kepala_bo.akun).get(url(k)).json()["langkah"] == {"nama": "disposisi", "pelaku": [plh.nip]}
    assert kirim(bo.kepala_bo, k, "disposisi", {"penangan": bo.penangan.nip}).status_code == 403
    r = kirim(plh, k, "disposisi", {"penangan": bo.penangan.nip})
    assert r.status_code == 200, r.json()
    assert (r.json()["pendisposisi"], r.json()["riwayat"][-1]["sebagai"]) == (plh.nip, "kepala_bagian_organisasi (plh)")

    # the head's post vacant with nobody acting (after the Plh): the head above disposes (`atasan`)
    definitif = PejabatUnit.objects.get(unit=bo.s.bag_org, jenis=JenisPeran.DEFINITIF)
    org.pejabat_akhiri(pelaku=None, pejabat=definitif, selesai=hari + dt.timedelta(days=3))
    asisten = bo.s.kepala_asisten
    with jam(hari + dt.timedelta(days=4)):
        k2 = ajukan(bo)
        assert klien(asisten.akun).get(url(k2)).json()["langkah"] == {"nama": "disposisi", "pelaku": [asisten.nip]}
        for siapa in (bo.kepala_bo, plh):
            assert kirim(siapa, k2, "disposisi", {"penangan": bo.penangan.nip}).status_code == 403
        r = kirim(asisten, k2, "disposisi", {"penangan": bo.penangan.nip})
        assert r.status_code == 200, r.json()
        assert r.json()["riwayat"][-1]["sebagai"] == "kepala_bagian_organisasi (atasan)"


# --- the list: filters, overdue on a frozen clock, constant queries ---------------------------------------------


def test_daftar_saring_dan_terlambat_dengan_jam_beku(bo):
    s = bo.s
    hari = lambda n: HARI_BEKU + dt.timedelta(days=n)  # noqa: E731
    with jam(hari(0)):
        lewat = ajukan(bo, jenis="lakip", dibutuhkan=hari(5).isoformat())
        tepat = ajukan(bo, jenis="ikm")
        telat = ajukan(bo, jenis="ikm", oleh=s.staf_seksi)  # from the Kecamatan
        baru = ajukan(bo, jenis="sop", oleh=s.staf_dpmptsp)
    with jam(hari(2)):
        jawab(bo, disposisi(bo, tepat))
    with jam(hari(16)):
        tutup(bo, jawab(bo, disposisi(bo, telat)), nilai=2, oleh=s.staf_seksi)

    with jam(hari(5)):
        d = klien(bo.kepala_bo.akun).get(url(lewat)).json()
        assert (d["tenggat"], d["dibutuhkan"], d["terlambat"]) == (hari(5).isoformat(), hari(5).isoformat(), False)
    with jam(hari(6)):
        assert klien(bo.kepala_bo.akun).get(url(lewat)).json()["terlambat"] is True
    with jam(hari(20)):
        kepala = klien(bo.kepala_bo.akun)
        id_ = lambda **q: sorted(x["id"] for x in kepala.get(url(), q).json()["results"])  # noqa: E731
        assert id_() == sorted([lewat.pk, tepat.pk, telat.pk, baru.pk])
        assert id_(terlambat="true") == sorted([lewat.pk, telat.pk, baru.pk])  # the answered-late one too
        assert id_(terlambat="false") == [tepat.pk]  # answered on time stays on time
        assert id_(status="selesai") == [telat.pk] and id_(status="dijawab") == [tepat.pk]
        assert id_(jenis="ikm") == sorted([tepat.pk, telat.pk])
        assert id_(perangkat_daerah=s.dinas.kode) == sorted([lewat.pk, tepat.pk])
        assert id_(perangkat_daerah=s.kecamatan.kode) == [telat.pk]
        assert id_(perangkat_daerah="tidak-ada") == []
        assert id_(jenis="ikm", terlambat="true") == [telat.pk]
        d = {x["id"]: x for x in kepala.get(url()).json()["results"]}
        assert (d[telat.pk]["terlambat"], d[tepat.pk]["terlambat"]) == (True, False)
        for q, kolom in [
            ({"terlambat": "1"}, "terlambat"),
            ({"status": "batal"}, "status"),
            ({"jenis": "x"}, "jenis"),
            ({"perangkat_daerah": "a b"}, "perangkat_daerah"),
            ({"perangkat_daerah": "x\x00"}, "perangkat_daerah"),
        ]:
            r = kepala.get(url(), q)
            assert (r.status_code, set(r.json())) == (400, {kolom}), q
        # the requester's agency sees its own only; the Kecamatan its own
        assert sorted(x["id"] for x in klien(s.kepala_dinas.akun).get(url()).json()["results"]) == sorted(
            [lewat.pk, tepat.pk]
        )
        assert [x["id"] for x in klien(s.staf_seksi.akun).get(url()).json()["results"]] == [telat.pk]
        r = kepala.get(url(), {"page_size": 2})
        assert (r.json()["count"], len(r.json()["results"]), r.json()["next"] is not None) == (4, 2, True)


def _kueri(c, alamat, **q) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(alamat, q)
    assert r.status_code == 200, r.json()
    return len(ctx)


@pytest.mark.parametrize("siapa", ["kepala_bo", "pemohon"])
def test_daftar_kueri_tetap(bo, siapa, django_assert_max_num_queries):
    s = bo.s
    pemohon = [bo.pemohon, s.staf_upt6, s.staf_dpmptsp]

    def tambah(n):
        for i in range(n):
            k = ajukan(bo, oleh=pemohon[i % 3], jenis=["sop", "ikm", "lakip"][i % 3])  # one left waiting: diajukan
            k = disposisi(bo, ajukan(bo, oleh=pemohon[i % 3]))
            LampiranKonsultasi.objects.bulk_create(
                LampiranKonsultasi(
                    konsultasi=k,
                    tahap="permohonan",
                    berkas=f"konsultasi/{i}.pdf",
                    nama=f"{i}.pdf",
                    diunggah_oleh=k.pemohon,
                )
                for _ in range(2)
            )
            tutup(bo, jawab(bo, k), nilai=4, oleh=k.pemohon)

    user = getattr(bo, siapa).akun
    tambah(2)
    klien(user).get(url())
    n1 = _kueri(klien(user), url())
    r1 = klien(user).get(url()).json()
    tambah(5)
    klien(user).get(url())
    c = klien(user)
    with django_assert_max_num_queries(n1):
        r2 = c.get(url())
    assert r2.json()["count"] > r1["count"] and any(x["status"] == "diajukan" for x in r2.json()["results"])
    assert any(len(x["lampiran"]) == 2 and len(x["riwayat"]) == 4 for x in r2.json()["results"])
    c = klien(user)
    with django_assert_max_num_queries(n1):  # filtered the same
        assert c.get(url(), {"terlambat": "false", "jenis": "sop"}).json()["count"] > 0


# --- files ------------------------------------------------------------------------------------------------------


def test_lampiran_unggah_dan_unduh(bo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    s = bo.s
    r = klien(bo.pemohon.akun).post(
        url(),
        {"jenis": "sop", "uraian": "Draf SOP terlampir", "lampiran": [pdf("draf-sop.pdf"), pdf("bagan.pdf")]},
        format="multipart",
    )
    assert r.status_code == 201, r.json()
    k = Konsultasi.objects.get()
    lamp = r.json()["lampiran"]
    assert [(x["tahap"], x["nama"], x["diunggah_oleh"]) for x in lamp] == [
        ("permohonan", "draf-sop.pdf", bo.pemohon.nip),
        ("permohonan", "bagan.pdf", bo.pemohon.nip),
    ]
    assert lamp[0]["unduh"] == url(k, f"lampiran/{lamp[0]['id']}")
    r = klien(bo.pemohon.akun).post(
        url(), {"jenis": "sop", "uraian": "x", "lampiran": [bukan_pdf()]}, format="multipart"
    )
    assert (r.status_code, set(r.json())) == (400, {"lampiran"})

    # added later: the requester's side; before it is disposed nobody else may add
    r = kirim(bo.pemohon, k, "lampiran", {"berkas": pdf("data.pdf")}, format="multipart")
    assert r.status_code == 201, r.json()
    assert [x["nama"] for x in r.json()["lampiran"]][-1] == "data.pdf"
    assert r.json()["riwayat"][-1]["aksi"] == "konsultasi_lampiran"
    for siapa in (bo.penangan, bo.kepala_bo):
        assert kirim(siapa, k, "lampiran", {"berkas": pdf()}, format="multipart").status_code == 403
    assert kirim(s.staf_kelurahan, k, "lampiran", {"berkas": pdf()}, format="multipart").status_code == 404
    for data in ({"berkas": bukan_pdf()}, {"berkas": SimpleUploadedFile("k.pdf", b"")}, {}):
        r = kirim(bo.pemohon, k, "lampiran", data, format="multipart")
        assert (r.status_code, set(r.json())) == (400, {"berkas"}), data
    r = kirim(bo.pemohon, k, "lampiran", {"berkas": "teks"}, format="json")
    assert (r.status_code, set(r.json())) == (400, {"berkas"})
    # the handler's answer with its documents, then the result's side
    disposisi(bo, k)
    r = kirim(
        bo.penangan, k, "jawab", {"jawaban": "Lihat catatan.", "lampiran": [pdf("catatan.pdf")]}, format="multipart"
    )
    assert r.status_code == 200, r.json()
    r = kirim(bo.penangan, k, "lampiran", {"berkas": pdf("notula.pdf")}, format="multipart")
    assert [(x["tahap"], x["nama"]) for x in r.json()["lampiran"]][-2:] == [
        ("hasil", "catatan.pdf"),
        ("hasil", "notula.pdf"),
    ]

    # downloads: whoever sees the request; others 404
    satu = LampiranKonsultasi.objects.get(nama="notula.pdf")
    alamat = url(k, f"lampiran/{satu.pk}")
    for siapa in (bo.pemohon, bo.kepala_bo, bo.penangan, s.kepala_dinas):
        r = klien(siapa.akun).get(alamat)
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf", siapa
        assert b"".join(r.streaming_content).startswith(b"%PDF-")
        assert r["X-Content-Type-Options"] == "nosniff" and "no-store" in r["Cache-Control"]
    assert klien(s.staf_kelurahan.akun).get(alamat).status_code == 404
    k2 = ajukan(bo)
    for salah in (url(k2, f"lampiran/{satu.pk}"), url(k, "lampiran/999999"), url(k, "lampiran/x")):
        r = klien(bo.kepala_bo.akun).get(salah)
        assert r.status_code == 404 and set(r.json()) == {"detail"}, salah
    satu.berkas.storage.delete(satu.berkas.name)  # the stored file gone: 404, not 500
    assert klien(bo.kepala_bo.akun).get(alamat).status_code == 404

    tutup(bo, k, nilai=4)
    for siapa in (bo.pemohon, bo.penangan):
        assert kirim(siapa, k, "lampiran", {"berkas": pdf()}, format="multipart").status_code == 409


# --- token scopes, the schema ------------------------------------------------------------------------------------


def test_cakupan_token(bo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    k = ajukan(bo, lampiran=[pdf()])
    lamp = k.lampiran.get()
    baca = f.kunci_token(bo.kepala_bo.akun, cakupan=["layanan:baca"])
    lain = f.kunci_token(bo.kepala_bo.akun, cakupan=["kinerja:baca", "kinerja:tulis"])
    tulis = f.kunci_token(bo.kepala_bo.akun, cakupan=["layanan:baca", "layanan:tulis"])
    token = lambda kunci: klien(HTTP_AUTHORIZATION=f"Token {kunci}")  # noqa: E731
    for alamat in (url(), url(k), url(k, f"lampiran/{lamp.pk}")):
        assert token(baca).get(alamat).status_code == 200, alamat
        r = token(lain).get(alamat)
        assert r.status_code == 403 and "cakupan" in r.json()["detail"], alamat
    for aksi in ("", "disposisi", "jadwalkan", "jawab", "tutup", "lampiran"):
        alamat = url(k if aksi else None, aksi)
        r = token(baca).post(alamat, {}, format="json")
        assert r.status_code == 403 and "cakupan" in r.json()["detail"], aksi
        r = token(tulis).post(alamat, {}, format="json")  # reaches the view (and fails there: body, actor)
        assert r.status_code in (400, 403) and "cakupan" not in str(r.json()), (aksi, r.json())
    r = token(tulis).post(url(k, "disposisi"), {"penangan": bo.penangan.nip}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "didisposisi"


def test_jawaban_sesuai_skema(bo, settings, tmp_path):
    import jsonschema

    from tests.organisasi.test_api_akses import openapi_ke_jsonschema

    settings.MEDIA_ROOT = tmp_path
    k = disposisi(bo, ajukan(bo, lampiran=[pdf()]))
    ajukan(bo)
    c = klien(bo.kepala_bo.akun)
    skema = klien(bo.admin).get(f"{API}/schema/", {"format": "json"}).json()
    jalur = {
        "/api/v1/konsultasi/": skema["paths"]["/api/v1/konsultasi/"],
        "/api/v1/konsultasi/{id}/": skema["paths"]["/api/v1/konsultasi/{id}/"],
    }
    assert {"get", "post"} <= set(jalur["/api/v1/konsultasi/"])
    for aksi in ("disposisi", "jadwalkan", "jawab", "tutup", "lampiran"):
        assert "post" in skema["paths"][f"/api/v1/konsultasi/{{id}}/{aksi}/"], aksi
    unduh = skema["paths"]["/api/v1/konsultasi/{id}/lampiran/{lid}/"]["get"]["responses"]["200"]["content"]
    assert set(unduh) == {"application/pdf", "image/png", "image/jpeg"}

    def cocok(r, path, metode="get", status="200"):
        media = skema["paths"][path][metode]["responses"][status]["content"]["application/json"]["schema"]
        jsonschema.validate(
            r.json(), {"components": openapi_ke_jsonschema(skema["components"]), **openapi_ke_jsonschema(media)}
        )

    cocok(c.get(url()), "/api/v1/konsultasi/")
    cocok(c.get(url(k)), "/api/v1/konsultasi/{id}/")
    r = klien(bo.pemohon.akun).post(url(), {"jenis": "ikm", "uraian": "Cara hitung IKM"}, format="json")
    cocok(r, "/api/v1/konsultasi/", "post", "201")
    r = kirim(bo.penangan, k, "jadwalkan", {"waktu": besok_pukul_9(), "tempat": "Ruang"})
    cocok(r, "/api/v1/konsultasi/{id}/jadwalkan/", "post")
    r = kirim(bo.penangan, k, "jawab", {"jawaban": "Ikuti pedoman."})
    cocok(r, "/api/v1/konsultasi/{id}/jawab/", "post")
    r = kirim(bo.pemohon, k, "tutup", {"nilai": 2})
    cocok(r, "/api/v1/konsultasi/{id}/tutup/", "post")
    nama = skema["paths"]["/api/v1/konsultasi/{id}/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]["$ref"].rsplit("/", 1)[-1]
    assert set(skema["components"]["schemas"][nama]["properties"]) == KUNCI == set(r.json())


# --- the standards: jangka waktu and the service taking the ratings ----------------------------------------------


def test_layanan_jangka_waktu_dan_menerima_konsultasi_lewat_api(bo):
    s = bo.s
    admin = klien(bo.admin)
    r = admin.post(
        f"{API}/layanan/",
        {
            "kode": "asistensi-org",
            "nama": "Asistensi",
            "unit": s.bag_org.kode,
            "komponen": komponen_lengkap(),
            "jangka_waktu_hari": 10,
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert (r.json()["versi"][0]["jangka_waktu_hari"], r.json()["menerima_konsultasi"]) == (10, False)
    for nilai in (0, 366, "x"):
        r = admin.patch(f"{API}/layanan/asistensi-org/versi/1/", {"jangka_waktu_hari": nilai}, format="json")
        assert (r.status_code, set(r.json())) == (400, {"jangka_waktu_hari"}), nilai
    r = admin.patch(f"{API}/layanan/asistensi-org/versi/1/", {"komponen": {"biaya": "Gratis"}}, format="json")
    assert r.json()["jangka_waktu_hari"] == 10  # left out: kept
    r = admin.patch(f"{API}/layanan/asistensi-org/versi/1/", {"jangka_waktu_hari": None}, format="json")
    assert r.status_code == 200 and r.json()["jangka_waktu_hari"] is None  # "sesuai kebutuhan"
    r = admin.post(f"{API}/layanan/asistensi-org/versi/", {"jangka_waktu_hari": 3}, format="json")
    assert (r.status_code, r.json()["jangka_waktu_hari"]) == (201, 3)
    r = admin.post(f"{API}/layanan/asistensi-org/versi/", {"komponen": {}}, format="json")
    assert r.json()["jangka_waktu_hari"] == 3  # copied from the latest version

    r = admin.patch(f"{API}/layanan/asistensi-org/", {"menerima_konsultasi": True}, format="json")
    assert r.status_code == 400 and "konsultasi-org" in r.json()["menerima_konsultasi"][0]
    r = admin.patch(f"{API}/layanan/uji-lab/", {"menerima_konsultasi": True}, format="json")
    assert (r.status_code, set(r.json())) == (400, {"menerima_konsultasi"})
    for data in ({"menerima_konsultasi": "ya"}, {"aktif": "tidak"}, {"skema": "tidak-ada"}):
        r = admin.patch(f"{API}/layanan/asistensi-org/", data, format="json")
        assert (r.status_code, set(r.json())) == (400, set(data)), data
    assert (
        klien(bo.pemohon.akun).patch(f"{API}/layanan/konsultasi-org/", {"nama": "X"}, format="json").status_code == 403
    )
    assert klien(s.staf_seksi.akun).patch(f"{API}/layanan/asistensi-org/", {}, format="json").status_code == 404
    r = admin.patch(f"{API}/layanan/konsultasi-org/", {"menerima_konsultasi": False}, format="json")
    assert r.status_code == 200 and r.json()["menerima_konsultasi"] is False
    r = admin.patch(
        f"{API}/layanan/asistensi-org/", {"menerima_konsultasi": True, "nama": "Asistensi Kelembagaan"}, format="json"
    )
    assert r.status_code == 200, r.json()
    assert (r.json()["menerima_konsultasi"], r.json()["nama"]) == (True, "Asistensi Kelembagaan")
    assert list(Layanan.objects.filter(menerima_konsultasi=True).values_list("kode", flat=True)) == ["asistensi-org"]
