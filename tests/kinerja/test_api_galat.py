"""Every kinerja transition endpoint refuses a wrong actor (403), a wrong state (409) and bad input (400,
with messages by field). The state is pola 2 (dinas → bidang) plus a few objects elsewhere."""

import pytest
from rest_framework.test import APIClient

from kinerja import services
from kinerja.models import Target

from .conftest import TAHUN, kegiatan, pk_berlaku, rencana_disetujui, sasaran

pytestmark = pytest.mark.django_db


@pytest.fixture
def o(s):
    """Ids of the objects the cases act on."""
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    t = services.target_turunkan(
        pelaku=s.kepala_dinas.akun, target=akar, unit=s.bidang, uraian="Bagian", satuan="dok", target_nilai=60
    )
    r = rencana_disetujui(t, s.kepala_bidang, s.staf_bidang)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=5, uraian="Satu")
    h2 = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=5, uraian="Dua")
    services.hasil_kembalikan(pelaku=s.kepala_bidang.akun, hasil=h2, catatan="Perbaiki")
    ub = services.umpan_balik_kirim(pelaku=s.kepala_bidang.akun, target=t, isi="Percepat")
    ub2 = services.umpan_balik_kirim(pelaku=s.kepala_bidang.akun, target=t, isi="Sudah dibaca")
    services.umpan_balik_baca(pelaku=s.staf_bidang.akun, umpan_balik=ub2)
    # a target no longer in force: its PK was changed and the new version has other indikator
    mati = pk_berlaku(s.kepala_kecamatan, s.kecamatan)
    lain = [{"uraian": "Sasaran baru", "indikator": [{"uraian": "Lain", "satuan": "dok", "target": 1}]}]
    baru = services.perjanjian_ubah(
        pelaku=s.kepala_kecamatan.akun, perjanjian=mati.perjanjian, sasaran=lain, alasan="x"
    )
    services.perjanjian_tetapkan(pelaku=s.kepala_kecamatan.akun, perjanjian=baru)
    assert not Target.objects.get(pk=mati.pk).aktif
    # a plan not yet approved
    t3 = pk_berlaku(s.kepala_dpmptsp, s.dpmptsp)
    r3 = services.rencana_susun(pelaku=s.staf_dpmptsp.akun, target=t3, kegiatan=kegiatan(s.staf_dpmptsp))
    draf = services.perjanjian_susun(pelaku=s.kepala_upt5.akun, unit=s.upt5, tahun=TAHUN, sasaran=sasaran())
    return {
        "pk": akar.perjanjian_id,
        "draf": draf.pk,
        "akar": akar.pk,
        "t": t.pk,
        "r": r.pk,
        "k": r.kegiatan.get().pk,
        "h": h.pk,
        "h2": h2.pk,
        "ub": ub.pk,
        "ub2": ub2.pk,
        "mati": mati.pk,
        "t3": t3.pk,
        "r3": r3.pk,
        "k3": r3.kegiatan.get().pk,
    }


HARI_INI = {"tanggal": "2020-01-02", "uraian": "Rapat"}
PK = {"tahun": TAHUN, "sasaran": sasaran()}
TURUN = {"uraian": "Bagian", "satuan": "dok", "target": 1}
HASIL = {"capaian": 5, "uraian": "Hasil", "bukti": "https://contoh.id/b"}
PANJANG = "x" * 5000
NIP_ASING = "199001012020011999"

# (case, actor, path, body, code, the field a 400 names)
KASUS = [
    # perjanjian kinerja
    ("susun-403", "staf_bidang", "perjanjian-kinerja/", {**PK, "unit": "dinkes-puskesmas"}, 403, None),
    ("susun-409", "kepala_dinas", "perjanjian-kinerja/", {**PK, "unit": "dinkes"}, 409, None),
    (
        "susun-400",
        "kepala_upt6",
        "perjanjian-kinerja/",
        {**PK, "unit": "dinkes-puskesmas", "sasaran": sasaran(target="banyak")},
        400,
        "sasaran[0].indikator[0].target",
    ),
    ("susun-400-unit", "kepala_upt6", "perjanjian-kinerja/", {**PK, "unit": "tidak-ada"}, 400, "unit"),
    ("tetapkan-403", "staf_bidang", "perjanjian-kinerja/{pk}/tetapkan/", {}, 403, None),
    ("tetapkan-409", "kepala_dinas", "perjanjian-kinerja/{pk}/tetapkan/", {}, 409, None),
    ("ubah-403", "staf_bidang", "perjanjian-kinerja/{pk}/ubah/", {"sasaran": sasaran(), "alasan": "x"}, 403, None),
    ("ubah-409", "kepala_upt5", "perjanjian-kinerja/{draf}/ubah/", {"sasaran": sasaran(), "alasan": "x"}, 409, None),
    ("ubah-400", "kepala_dinas", "perjanjian-kinerja/{pk}/ubah/", {"sasaran": sasaran()}, 400, "alasan"),
    # targets
    ("turunkan-403", "kepala_bidang", "target/{akar}/turunkan/", {**TURUN, "unit": "dinkes-yankes"}, 403, None),
    ("turunkan-409", "kepala_kecamatan", "target/{mati}/turunkan/", {**TURUN, "unit": "kec-kepanjen-pem"}, 409, None),
    ("turunkan-400", "kepala_dinas", "target/{akar}/turunkan/", {**TURUN, "unit": "kec-kepanjen-pem"}, 400, "unit"),
    ("strategi-403", "staf_bidang", "target/{t}/strategi/", {"cara": "individu"}, 403, None),
    ("strategi-409", "kepala_kecamatan", "target/{mati}/strategi/", {"cara": "individu"}, 409, None),
    ("strategi-400", "kepala_bidang", "target/{t}/strategi/", {"cara": "sendiri"}, 400, "cara"),
    ("strategi-400-tim", "kepala_bidang", "target/{t}/strategi/", {"cara": "tim", "tim": 999999}, 400, "tim"),
    # plans, activities, feedback
    ("rencana-403", "kepala_dinas", "target/{t}/rencana/", {"kegiatan": []}, 403, None),
    ("rencana-409", "kepala_kecamatan", "target/{mati}/rencana/", {"kegiatan": []}, 409, None),
    ("rencana-400", "staf_bidang", "target/{t}/rencana/", {"kegiatan": [], "alasan": "Ubah"}, 400, "kegiatan"),
    ("setujui-403", "staf_bidang", "rencana/{r}/setujui/", {}, 403, None),
    ("setujui-409", "kepala_bidang", "rencana/{r}/setujui/", {}, 409, None),
    ("setujui-400", "kepala_dpmptsp", "rencana/{r3}/setujui/", {"catatan": PANJANG}, 400, "catatan"),
    ("progres-403", "kepala_bidang", "kegiatan/{k}/progres/", {**HARI_INI, "persen": 5}, 403, None),
    ("progres-409", "staf_dpmptsp", "kegiatan/{k3}/progres/", {**HARI_INI, "persen": 5}, 409, None),
    ("progres-400", "staf_bidang", "kegiatan/{k}/progres/", {**HARI_INI, "persen": 101}, 400, "persen"),
    ("realisasi-403", "kepala_bidang", "kegiatan/{k}/realisasi/", {**HARI_INI, "jumlah": 5}, 403, None),
    ("realisasi-409", "staf_dpmptsp", "kegiatan/{k3}/realisasi/", {**HARI_INI, "jumlah": 5}, 409, None),
    ("realisasi-400", "staf_bidang", "kegiatan/{k}/realisasi/", {**HARI_INI, "jumlah": 10**9}, 400, "jumlah"),
    ("realisasi-400-baris", "staf_bidang", "kegiatan/{k}/realisasi/", {**HARI_INI, "anggaran": 99999}, 400, "anggaran"),
    ("umpan-balik-403", "staf_bidang", "target/{t}/umpan-balik/", {"isi": "Halo"}, 403, None),
    ("umpan-balik-400", "kepala_bidang", "target/{t}/umpan-balik/", {"isi": " "}, 400, "isi"),
    (
        "umpan-balik-400-nip",
        "kepala_bidang",
        "target/{t}/umpan-balik/",
        {"isi": "a", "kepada": NIP_ASING},
        400,
        "kepada",
    ),
    ("baca-403", "kepala_dinas", "umpan-balik/{ub}/baca/", {}, 403, None),
    ("baca-409", "staf_bidang", "umpan-balik/{ub2}/baca/", {}, 409, None),
    # results
    ("hasil-403", "kepala_dinas", "target/{t}/hasil/", HASIL, 403, None),
    ("hasil-409", "staf_dpmptsp", "target/{t3}/hasil/", HASIL, 409, None),
    ("hasil-400", "staf_bidang", "target/{t}/hasil/", {**HASIL, "capaian": "banyak"}, 400, "capaian"),
    ("hasil-400-bukti", "staf_bidang", "target/{t}/hasil/", {**HASIL, "bukti": "ftp://x"}, 400, "bukti"),
    ("terima-403", "kepala_dinas", "hasil/{h}/terima/", {}, 403, None),
    ("terima-409", "kepala_bidang", "hasil/{h2}/terima/", {}, 409, None),
    ("terima-400", "kepala_bidang", "hasil/{h}/terima/", {"catatan": PANJANG}, 400, "catatan"),
    ("kembalikan-403", "kepala_dinas", "hasil/{h}/kembalikan/", {"catatan": "Ulang"}, 403, None),
    ("kembalikan-409", "kepala_bidang", "hasil/{h2}/kembalikan/", {"catatan": "Ulang"}, 409, None),
    ("kembalikan-400", "kepala_bidang", "hasil/{h}/kembalikan/", {}, 400, "catatan"),
    ("ajukan-403", "kepala_bidang", "hasil/{h2}/ajukan/", HASIL, 403, None),
    ("ajukan-409", "staf_bidang", "hasil/{h}/ajukan/", HASIL, 409, None),
    ("ajukan-400", "staf_bidang", "hasil/{h2}/ajukan/", {**HASIL, "capaian": -1}, 400, "capaian"),
]


@pytest.mark.parametrize(("pelaku", "jalur", "isi", "kode", "kolom"), [k[1:] for k in KASUS], ids=[k[0] for k in KASUS])
def test_galat_langkah(s, o, pelaku, jalur, isi, kode, kolom):
    c = APIClient()
    c.force_authenticate(user=getattr(s, pelaku).akun)
    r = c.post("/api/v1/" + jalur.format(**o), isi, format="json")
    assert r.status_code == kode, r.json()
    if kolom:
        assert kolom in r.json() and all(isinstance(m, str) for m in r.json()[kolom]), r.json()
    else:
        assert isinstance(r.json()["detail"], str)
