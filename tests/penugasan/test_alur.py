"""The five flows of SPEC §4 end to end, with the actors Lampiran B.2 names, and every way they refuse."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from organisasi import services as org
from organisasi.choices import JenisPeran
from organisasi.selectors import hari_ini
from penugasan import services
from penugasan.choices import Aksi, Alur, JenisSurat, Langkah, Status
from penugasan.models import AnggotaTim, Penugasan, Tembusan
from penugasan.selectors import URUTAN_LANGKAH, menunggu_saya
from sistemkerja.errors import BukanWewenang, TransisiTidakSah

from .conftest import SELESAI, ajukan, lanjut

pytestmark = pytest.mark.django_db


def riwayat(p):
    return [(r.langkah, r.aksi, r.oleh.nip if r.oleh else None) for r in p.riwayat.order_by("waktu", "id")]


def surat(p, jenis):
    return list(p.surat.filter(jenis=jenis).order_by("id"))


def ditugaskan(p):
    return sorted(o.pegawai.nip for o in p.orang.filter(usulan=False))


def tembusan(p, langkah=None):
    qs = Tembusan.objects.filter(penugasan=p)
    if langkah:
        qs = qs.filter(langkah=langkah)
    return sorted(qs.values_list("pegawai__nip", flat=True))


# --- A: penunjukan within a Unit Organisasi ---------------------------------------------------------------


def test_a_ppk_menunjuk_langsung_dan_surat_penugasan_terbit(s):
    p = ajukan(s.kepala_bidang, Alur.A, s.bidang, [s.staf_bidang])
    assert p.status == Status.SELESAI and p.langkah == ""
    assert ditugaskan(p) == [s.staf_bidang.nip]
    [sp] = surat(p, JenisSurat.PENUGASAN)
    assert sp.penandatangan == s.kepala_bidang
    assert [k["nip"] for k in sp.isi["kepada"]] == [s.staf_bidang.nip]
    assert list(sp.penerima.values_list("pegawai", flat=True)) == [s.staf_bidang.pk]
    assert riwayat(p) == [("permohonan", Aksi.AJUKAN, s.kepala_bidang.nip)]


def test_a_pimpinan_unit_organisasi_juga_boleh_menunjuk(s):
    p = ajukan(s.kepala_dinas, Alur.A, s.bidang, [s.staf_bidang])
    assert p.status == Status.SELESAI
    assert surat(p, JenisSurat.PENUGASAN)[0].penandatangan == s.kepala_dinas


def test_a_lintas_unit_ditolak_400_dan_bukan_pimpinan_403(s):
    with pytest.raises(ValidationError) as e:
        ajukan(s.kepala_bidang2, Alur.A, s.bidang, [s.staf_bidang])
    assert "alur B" in str(e.value.message_dict["unit_tujuan"])
    with pytest.raises(BukanWewenang):
        ajukan(s.staf_bidang2, Alur.A, s.bidang, [s.staf_bidang])
    assert not Penugasan.objects.exists()


def test_a_pegawai_di_luar_unit_tujuan_400_tanpa_sisa(s):
    with pytest.raises(ValidationError) as e:
        ajukan(s.kepala_bidang, Alur.A, s.bidang, [s.staf_bidang, s.staf_bidang2])
    assert s.staf_bidang2.nip in str(e.value.message_dict["pegawai"])
    with pytest.raises(ValidationError) as e:
        ajukan(s.kepala_bidang, Alur.A, s.bidang, [])
    assert "pegawai" in e.value.message_dict
    assert not Penugasan.objects.exists()


def test_isi_tidak_lengkap_ditolak_per_kolom(s):
    with pytest.raises(ValidationError) as e:
        ajukan(
            s.kepala_bidang,
            Alur.A,
            s.bidang,
            [s.staf_bidang],
            maksud=" ",
            target="",
            selesai=dt.date(2026, 1, 1),
            batas_keputusan=hari_ini() - dt.timedelta(days=1),
        )
    assert set(e.value.message_dict) == {"maksud", "target", "selesai", "batas_keputusan"}


# --- B: penunjukan across units of one Perangkat Daerah ------------------------------------------------


def test_b_alur_lengkap(s):
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang, [s.staf_bidang])
    assert (p.status, p.langkah) == (Status.BERJALAN, Langkah.PERSETUJUAN_PPK)
    assert p.pelaku_nip == [s.kepala_bidang.nip]
    [permohonan] = surat(p, JenisSurat.PERMOHONAN)
    assert permohonan.penandatangan == s.kepala_bidang2
    assert [k["nip"] for k in permohonan.isi["kepada"]] == [s.kepala_bidang.nip]
    assert permohonan.isi["maksud"] and permohonan.isi["kompetensi"] and permohonan.isi["target"]
    assert permohonan.isi["periode"] == {"mulai": "2027-01-04", "selesai": "2027-06-30"}
    # tembusan: the requester's own PPK (the Kepala Dinas)
    assert tembusan(p, "permohonan") == [s.kepala_dinas.nip]
    assert list(menunggu_saya(s.kepala_bidang.akun)) == [p]
    assert ditugaskan(p) == []  # the wished name is only a wish

    p = lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang_b], catatan="Disetujui")
    assert p.status == Status.SELESAI
    assert ditugaskan(p) == [s.staf_bidang_b.nip]
    [sp] = surat(p, JenisSurat.PENUGASAN)
    assert sp.penandatangan == s.kepala_bidang
    assert any(permohonan.nomor in d for d in sp.isi["dasar"])
    assert riwayat(p) == [
        ("permohonan", Aksi.AJUKAN, s.kepala_bidang2.nip),
        (Langkah.PERSETUJUAN_PPK, Aksi.LANJUT, s.kepala_bidang.nip),
    ]
    assert list(menunggu_saya(s.kepala_bidang.akun)) == []


def test_b_ppk_menolak_dengan_surat_jawaban_beralasan(s):
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    with pytest.raises(ValidationError):
        services.penugasan_tolak(pelaku=s.kepala_bidang.akun, penugasan=p, alasan="")
    p = services.penugasan_tolak(
        pelaku=s.kepala_bidang.akun, penugasan=p, alasan="Seluruh analis sedang menyusun laporan akhir tahun."
    )
    assert p.status == Status.DITOLAK
    [jawaban] = surat(p, JenisSurat.JAWABAN)
    assert jawaban.isi["alasan"].startswith("Seluruh analis") and not jawaban.isi["disetujui"]
    assert [k["nip"] for k in jawaban.isi["kepada"]] == [s.kepala_bidang2.nip]
    with pytest.raises(TransisiTidakSah):
        lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])


def test_b_pelaku_salah_403_dan_pegawai_wajib_dari_unit_tujuan(s):
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    for orang_lain in (s.kepala_bidang2, s.kepala_dinas, s.staf_bidang):
        with pytest.raises(BukanWewenang):
            lanjut(p, orang_lain, pegawai=[s.staf_bidang])
    with pytest.raises(ValidationError) as e:
        lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang2])
    assert "pegawai" in e.value.message_dict
    with pytest.raises(ValidationError):
        lanjut(p, s.kepala_bidang, pegawai=[])
    p.refresh_from_db()
    assert (p.status, p.langkah) == (Status.BERJALAN, Langkah.PERSETUJUAN_PPK)


def test_b_antar_perangkat_daerah_400_dan_di_bawah_sendiri_400(s):
    with pytest.raises(ValidationError) as e:
        ajukan(s.kepala_bidang2, Alur.B, s.seksi)
    assert "alur C" in str(e.value.message_dict["unit_tujuan"])
    with pytest.raises(ValidationError) as e:
        ajukan(s.kepala_bidang, Alur.B, s.bidang)
    assert "alur A" in str(e.value.message_dict["unit_tujuan"])
    with pytest.raises(BukanWewenang):
        ajukan(s.staf_bidang2, Alur.B, s.bidang)


def test_b_plh_dan_delegasi_bertindak_sebagai_ppk(s):
    hari = hari_ini()
    org.pejabat_tetapkan(
        pelaku=None,
        unit=s.bidang,
        pegawai=s.staf_bidang_b,
        jenis=JenisPeran.PLH,
        mulai=hari - dt.timedelta(days=1),
        selesai=hari + dt.timedelta(days=10),
    )
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    assert p.pelaku_nip == [s.staf_bidang_b.nip]
    with pytest.raises(BukanWewenang):
        lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    # a delegation of PPK authority outranks the Plh; the actors follow without a new request
    org.pejabat_tetapkan(
        pelaku=None,
        unit=s.bidang,
        pegawai=s.kepala_bidang2,
        jenis=JenisPeran.DELEGASI,
        mulai=hari,
        selesai=hari + dt.timedelta(days=5),
    )
    services.pelaku_sinkronkan()
    p.refresh_from_db()
    assert p.pelaku_nip == [s.kepala_bidang2.nip]
    assert list(menunggu_saya(s.staf_bidang_b.akun)) == []
    assert list(menunggu_saya(s.kepala_bidang2.akun)) == [p]


# --- C: penunjukan across Perangkat Daerah --------------------------------------------------------------


def test_c_alur_lengkap_dengan_pejabat_yang_berwenang(s):
    p = ajukan(s.kepala_dpmptsp, Alur.C, s.bidang, [s.staf_bidang], batas_keputusan=hari_ini())
    assert p.langkah == Langkah.DISPOSISI and p.pelaku_nip == [s.kepala_dinas.nip]
    [permohonan] = surat(p, JenisSurat.PERMOHONAN)
    assert [k["nip"] for k in permohonan.isi["kepada"]] == [s.kepala_dinas.nip]
    assert [u["nip"] for u in permohonan.isi["usulan"]] == [s.staf_bidang.nip]

    p = lanjut(p, s.kepala_dinas, catatan="Kabid Yankes, mohon disiapkan")
    assert p.langkah == Langkah.KETERSEDIAAN and p.pelaku_nip == [s.kepala_bidang.nip]
    with pytest.raises(ValidationError):
        lanjut(p, s.kepala_bidang)  # perlu_pegawai
    p = lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang, s.staf_bidang_b])
    assert p.langkah == Langkah.JAWABAN and p.pelaku_nip == [s.kepala_dinas.nip]
    p = lanjut(p, s.kepala_dinas)
    [jawaban] = surat(p, JenisSurat.JAWABAN)
    assert jawaban.isi["disetujui"] and sorted(d["nip"] for d in jawaban.isi["daftar"]) == ditugaskan(p)
    assert p.langkah == Langkah.PENGAJUAN and p.pelaku_nip == [s.kepala_dpmptsp.nip]
    p = lanjut(p, s.kepala_dpmptsp)
    assert p.langkah == Langkah.PENETAPAN and p.pelaku_nip == [s.kepala_setda.nip]
    with pytest.raises(BukanWewenang):
        lanjut(p, s.kepala_dpmptsp)
    p = lanjut(p, s.kepala_setda)
    assert p.status == Status.SELESAI
    [sp] = surat(p, JenisSurat.PENUGASAN)
    assert sp.penandatangan == s.kepala_setda
    assert sorted(k["nip"] for k in sp.isi["kepada"]) == sorted([s.staf_bidang.nip, s.staf_bidang_b.nip])
    # the letter then goes to the target Pimpinan (Lampiran B.2.a.3.d): to their letters received, not as
    # one of API.md's copies (C has none)
    assert s.kepala_dinas in [r.pegawai for r in sp.penerima.all()]
    assert tembusan(p) == []
    assert [r[0] for r in riwayat(p)] == [
        "permohonan",
        "disposisi",
        "ketersediaan",
        "jawaban",
        "pengajuan",
        "penetapan",
    ]


def test_c_hanya_pimpinan_unit_organisasi_dan_antar_pd(s):
    with pytest.raises(BukanWewenang):
        ajukan(s.kepala_bidang2, Alur.C, s.seksi)  # a kabid leads no Unit Organisasi
    with pytest.raises(ValidationError) as e:
        ajukan(s.kepala_dinas, Alur.C, s.bidang)
    assert "alur A atau B" in str(e.value.message_dict["unit_tujuan"])


def test_c_penolakan_saat_ketersediaan_menjadi_surat_jawaban(s):
    p = ajukan(s.kepala_dpmptsp, Alur.C, s.bidang)
    p = lanjut(p, s.kepala_dinas)
    p = services.penugasan_tolak(
        pelaku=s.kepala_bidang.akun, penugasan=p, alasan="Tidak ada analis dengan kompetensi tersebut."
    )
    assert p.status == Status.DITOLAK
    assert surat(p, JenisSurat.JAWABAN)[0].isi["alasan"].startswith("Tidak ada analis")


# --- D and E: pengajuan sukarela -------------------------------------------------------------------------


def test_d_pengajuan_sukarela_dalam_unit_organisasi(s):
    p = ajukan(s.staf_bidang, Alur.D, s.bidang2)
    assert p.langkah == Langkah.PERSETUJUAN_PIMPINAN and p.pelaku_nip == [s.kepala_dinas.nip]
    assert ditugaskan(p) == [s.staf_bidang.nip]
    assert surat(p, JenisSurat.PERMOHONAN) == []  # stated orally; recorded, no letter
    with pytest.raises(BukanWewenang):
        lanjut(p, s.kepala_bidang)
    p = lanjut(p, s.kepala_dinas)
    assert p.status == Status.SELESAI
    assert surat(p, JenisSurat.PENUGASAN)[0].penandatangan == s.kepala_dinas


def test_d_lintas_unit_organisasi_harus_e_dan_hanya_untuk_diri_sendiri(s):
    with pytest.raises(ValidationError) as e:
        ajukan(s.staf_bidang, Alur.D, s.upt5)
    assert "alur E" in str(e.value.message_dict["unit_tujuan"])
    with pytest.raises(ValidationError) as e:
        ajukan(s.staf_bidang, Alur.D, s.bidang2, [s.staf_bidang_b])
    assert "pegawai" in e.value.message_dict
    with pytest.raises(ValidationError):
        ajukan(s.staf_bidang, Alur.E, s.bidang2)


def test_e_alur_lengkap_dengan_tembusan(s):
    p = ajukan(s.staf_bidang, Alur.E, s.upt5)
    assert p.langkah == Langkah.PERSETUJUAN_TUJUAN and p.pelaku_nip == [s.kepala_upt5.nip]
    assert tembusan(p, "permohonan") == sorted([s.kepala_bidang.nip, s.kepala_dinas.nip])
    [permohonan] = surat(p, JenisSurat.PERMOHONAN)
    assert permohonan.penandatangan == s.staf_bidang
    assert [k["nip"] for k in permohonan.isi["kepada"]] == [s.kepala_upt5.nip]
    p = lanjut(p, s.kepala_upt5)
    assert p.langkah == Langkah.PENERUSAN and p.pelaku_nip == [s.staf_bidang.nip]
    p = lanjut(p, s.staf_bidang)
    assert tembusan(p, Langkah.PENERUSAN) == [s.kepala_dinas.nip]
    assert p.langkah == Langkah.PERSETUJUAN_PPK and p.pelaku_nip == [s.kepala_bidang.nip]
    with pytest.raises(BukanWewenang):
        lanjut(p, s.kepala_upt5)
    p = lanjut(p, s.kepala_bidang)
    assert p.status == Status.SELESAI
    [sp] = surat(p, JenisSurat.PENUGASAN)
    assert sp.penandatangan == s.kepala_bidang
    assert [k["nip"] for k in sp.isi["kepada"]] == [s.staf_bidang.nip]


def test_e_ditolak_tujuan_tanpa_surat_jawaban(s):
    p = ajukan(s.staf_bidang, Alur.E, s.upt5)
    p = services.penugasan_tolak(pelaku=s.kepala_upt5.akun, penugasan=p, alasan="Kuota tim laboratorium penuh.")
    assert p.status == Status.DITOLAK and surat(p, JenisSurat.JAWABAN) == []
    assert riwayat(p)[-1] == (Langkah.PERSETUJUAN_TUJUAN, Aksi.TOLAK, s.kepala_upt5.nip)


# --- withdrawal, expiry, teams ---------------------------------------------------------------------------


def test_tarik_hanya_pemohon_dan_hanya_saat_berjalan(s):
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    with pytest.raises(BukanWewenang):
        services.penugasan_tarik(pelaku=s.kepala_bidang.akun, penugasan=p)
    p = services.penugasan_tarik(pelaku=s.kepala_bidang2.akun, penugasan=p, alasan="Kegiatan dibatalkan")
    assert p.status == Status.DITARIK and p.pelaku_nip == []
    with pytest.raises(TransisiTidakSah):
        services.penugasan_tarik(pelaku=s.kepala_bidang2.akun, penugasan=p)
    with pytest.raises(TransisiTidakSah):
        lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    assert list(menunggu_saya(s.kepala_bidang.akun)) == []


def test_kedaluwarsa_melewati_batas_keputusan(s):
    hari = hari_ini()
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang, batas_keputusan=hari)
    lain = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    assert services.penugasan_kedaluwarsakan(tanggal=hari) == 0
    assert services.penugasan_kedaluwarsakan(tanggal=hari + dt.timedelta(days=1)) == 1
    assert services.penugasan_kedaluwarsakan(tanggal=hari + dt.timedelta(days=1)) == 0  # idempotent
    p.refresh_from_db()
    lain.refresh_from_db()
    assert (p.status, lain.status) == (Status.KEDALUWARSA, Status.BERJALAN)
    assert riwayat(p)[-1] == (Langkah.PERSETUJUAN_PPK, Aksi.KEDALUWARSA, None)


def test_penugasan_dengan_tim_menambah_anggota(s):
    tim = services.tim_bentuk(
        pelaku=s.kepala_bidang2.akun,
        nama="Tim Eliminasi TBC",
        tujuan="Eliminasi TBC 2030",
        unit_pemilik=s.bidang2,
        sifat="insidental",
        mulai=dt.date(2027, 1, 1),
        selesai=SELESAI,
        ketua=s.staf_bidang2,
    )
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang, tim=tim)
    lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    a = AnggotaTim.objects.get(tim=tim, pegawai=s.staf_bidang)
    assert a.penugasan_id == p.pk and a.mulai == dt.date(2027, 1, 4)
    assert s.staf_bidang.akun.has_perm("penugasan.view_timkerja", tim)


@pytest.mark.parametrize("alur", ["B", "C", "D", "E"])
def test_setelah_berakhir_setiap_langkah_409(s, alur):
    pemohon, tujuan = {
        "B": (s.kepala_bidang2, s.bidang),
        "C": (s.kepala_dpmptsp, s.bidang),
        "D": (s.staf_bidang, s.bidang2),
        "E": (s.staf_bidang, s.upt5),
    }[alur]
    p = ajukan(pemohon, alur, tujuan)
    pelaku = p.pelaku_nip[0]
    from organisasi.models import Pegawai

    aktor = Pegawai.objects.get(nip=pelaku)
    services.penugasan_tarik(pelaku=pemohon.akun, penugasan=p)
    with pytest.raises(TransisiTidakSah):
        lanjut(p, aktor, pegawai=[s.staf_bidang])
    with pytest.raises(TransisiTidakSah):
        services.penugasan_tolak(pelaku=aktor.akun, penugasan=p, alasan="Sudah terlambat sekali")
    assert list(menunggu_saya(aktor.akun)) == []


def test_render_ulang_tidak_menggandakan_berkas(s, settings, tmp_path):
    from penugasan.tasks import render_surat

    settings.MEDIA_ROOT = tmp_path
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    sidik = render_surat(surat.pk)
    assert render_surat(surat.pk) == "sudah"
    surat.refresh_from_db()
    berkas = list(tmp_path.rglob("*.pdf"))
    assert [b.name for b in berkas] == [f"{surat.kode_verifikasi}.pdf"] and len(sidik) == 64
    # a crash after the file was written but before the row said so: the re-run overwrites, no second file
    type(surat).objects.filter(pk=surat.pk).update(status_berkas="menunggu")
    render_surat(surat.pk)
    assert len(list(tmp_path.rglob("*.pdf"))) == 1


def test_tembusan_api_tepat_seperti_api_md_sampai_selesai(s):
    b = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    b = lanjut(b, s.kepala_bidang, pegawai=[s.staf_bidang])
    assert tembusan(b) == [s.kepala_dinas.nip]  # B: the requester's own PPK, nothing added at the end
    e = ajukan(s.staf_bidang, Alur.E, s.upt5)
    for oleh in (s.kepala_upt5, s.staf_bidang, s.kepala_bidang):
        e = lanjut(e, oleh)
    assert tembusan(e, "permohonan") == sorted([s.kepala_bidang.nip, s.kepala_dinas.nip])
    assert tembusan(e, Langkah.PENERUSAN) == [s.kepala_dinas.nip]
    assert Tembusan.objects.filter(penugasan=e).count() == 3


def test_c_penolakan_pejabat_berwenang_tanpa_surat_jawaban(s):
    p = ajukan(s.kepala_dpmptsp, Alur.C, s.bidang)
    p = lanjut(p, s.kepala_dinas)
    p = lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    p = lanjut(p, s.kepala_dinas)
    p = lanjut(p, s.kepala_dpmptsp)
    p = services.penugasan_tolak(pelaku=s.kepala_setda.akun, penugasan=p, alasan="Anggaran tidak tersedia.")
    assert p.status == Status.DITOLAK
    assert [x.jenis for x in p.surat.order_by("id")] == [JenisSurat.PERMOHONAN, JenisSurat.JAWABAN]  # C's own reply


def test_tim_hanya_yang_dikelola_dan_dalam_masanya(s):
    tim = services.tim_bentuk(
        pelaku=s.kepala_bidang2.akun,
        nama="Tim P2P",
        tujuan="TBC",
        unit_pemilik=s.bidang2,
        sifat="rutin",
        mulai=dt.date(2027, 1, 1),
        selesai=dt.date(2027, 3, 31),
        ketua=s.staf_bidang2,
    )
    with pytest.raises(BukanWewenang):  # not the Kabid Yankes' team to put people into
        ajukan(s.kepala_bidang, Alur.A, s.bidang, [s.staf_bidang], tim=tim)
    with pytest.raises(ValidationError) as e:
        ajukan(s.kepala_bidang2, Alur.B, s.bidang, tim=tim)  # runs to June, the team ends in March
    assert "tim" in e.value.message_dict
    with pytest.raises(ValidationError):
        ajukan(s.staf_bidang, Alur.D, s.bidang, tim=tim)  # D: a team of the unit one wants to help
    p = ajukan(s.staf_bidang, Alur.D, s.bidang2, tim=tim, selesai=dt.date(2027, 3, 1))
    assert p.tim == tim


def _jalan(s, alur):
    """Each flow's request and, per step, who acts and the staff they name (the regulation's actors)."""
    return {
        "B": ((s.kepala_bidang2, s.bidang), [(s.kepala_bidang, [s.staf_bidang])]),
        "C": (
            (s.kepala_dpmptsp, s.bidang),
            [
                (s.kepala_dinas, None),
                (s.kepala_bidang, [s.staf_bidang]),
                (s.kepala_dinas, None),
                (s.kepala_dpmptsp, None),
                (s.kepala_setda, None),
            ],
        ),
        "D": ((s.staf_bidang, s.bidang2), [(s.kepala_dinas, None)]),
        "E": ((s.staf_bidang, s.upt5), [(s.kepala_upt5, None), (s.staf_bidang, None), (s.kepala_bidang, None)]),
    }[alur]


SETIAP_LANGKAH = [(a, i) for a, n in (("B", 1), ("C", 5), ("D", 1), ("E", 3)) for i in range(n)]


@pytest.mark.parametrize(("alur", "ke"), SETIAP_LANGKAH)
def test_setiap_langkah_pelaku_salah_lalu_penolakan_beralasan(s, alur, ke):
    (pemohon, tujuan), langkah = _jalan(s, alur)
    p = ajukan(pemohon, alur, tujuan)
    for oleh, staf in langkah[:ke]:
        p = lanjut(p, oleh, **({"pegawai": staf} if staf else {}))
    aktor, staf = langkah[ke]
    assert p.pelaku_nip == [aktor.nip]
    for salah in {s.staf_kelurahan, s.kepala_kelurahan, pemohon, s.kepala_dinas, s.kepala_bidang} - {aktor}:
        with pytest.raises(BukanWewenang):
            lanjut(p, salah, **({"pegawai": staf} if staf else {}))
        with pytest.raises(BukanWewenang):
            services.penugasan_tolak(pelaku=salah.akun, penugasan=p, alasan="Bukan saya yang memutus ini.")
    with pytest.raises(ValidationError):
        services.penugasan_tolak(pelaku=aktor.akun, penugasan=p, alasan="singkat")
    p = services.penugasan_tolak(pelaku=aktor.akun, penugasan=p, alasan="Alasan penolakan yang jelas.")
    assert (p.status, p.langkah, p.pelaku_nip) == (Status.DITOLAK, "", [])
    assert riwayat(p)[-1] == (URUTAN_LANGKAH[alur][ke], Aksi.TOLAK, aktor.nip)
    jawaban = surat(p, JenisSurat.JAWABAN)
    pihak_tujuan = alur == "B" or (alur == "C" and ke < 3)
    assert [j.isi["alasan"] for j in jawaban if not j.isi["disetujui"]] == (
        ["Alasan penolakan yang jelas."] if pihak_tujuan else []
    )
    assert surat(p, JenisSurat.PENUGASAN) == []


@pytest.mark.django_db(transaction=True)
def test_pelaku_mengikuti_perubahan_struktur_tanpa_menunggu_jadwal(s, monkeypatch):
    """A Plh appointed while a request waits takes it over once the appointment commits: one re-sync per
    transaction, however many rows it wrote (tasks run eagerly here, as in the embedded default)."""
    from penugasan import tasks

    hari = hari_ini()
    p = ajukan(s.kepala_bidang2, Alur.B, s.bidang)
    dipanggil = []
    asli = tasks.sinkron_pelaku.delay
    monkeypatch.setattr(tasks.sinkron_pelaku, "delay", lambda: dipanggil.append(1) or asli())
    org.pejabat_tetapkan(
        pelaku=None,
        unit=s.bidang,
        pegawai=s.staf_bidang_b,
        jenis=JenisPeran.PLH,
        mulai=hari,
        selesai=hari + dt.timedelta(days=3),
    )
    p.refresh_from_db()
    assert p.pelaku_nip == [s.staf_bidang_b.nip] and dipanggil == [1]
    assert list(menunggu_saya(s.staf_bidang_b.akun)) == [p] and list(menunggu_saya(s.kepala_bidang.akun)) == []


def test_restrict_honours_its_action(s):
    """`restrict(user, aksi)`: who may decide, who may withdraw, an action no model knows refused."""
    from organisasi.models import Pegawai
    from penugasan.models import Penugasan

    p = ajukan(s.staf_bidang, "D", s.bidang2)
    aktor = Pegawai.objects.get(nip=p.pelaku_nip[0]).akun
    pemohon = s.staf_bidang.akun
    assert list(Penugasan.objects.restrict(aktor, "decide")) == [p]
    assert list(Penugasan.objects.restrict(pemohon, "decide")) == []
    assert list(Penugasan.objects.restrict(pemohon, "withdraw")) == [p]
    assert list(Penugasan.objects.restrict(aktor, "withdraw")) == []
    assert p in Penugasan.objects.restrict(pemohon, "view") and p in Penugasan.objects.restrict(aktor, "view")
    services.penugasan_tarik(pelaku=pemohon, penugasan=p)
    assert list(Penugasan.objects.restrict(aktor, "decide")) == []  # ended: nobody acts on it any more
    with pytest.raises(ValueError):
        Penugasan.objects.restrict(aktor, "hapus")


def test_the_bagian_organisasi_sees_every_request_but_decides_none(s, admin_organisasi):
    """Its model permissions let it see everything; deciding is for the actors the services grant."""
    from penugasan.models import Penugasan
    from penugasan.permissions import pastikan_izin_grup

    pastikan_izin_grup()
    p = ajukan(s.staf_bidang, "D", s.bidang2)
    assert p in Penugasan.objects.restrict(admin_organisasi, "view")
    assert list(Penugasan.objects.restrict(admin_organisasi, "decide")) == []
    assert list(Penugasan.objects.restrict(admin_organisasi, "withdraw")) == []
