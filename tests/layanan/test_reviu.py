"""Review and evaluation rounds through their services (Pasal 13 ayat 3–4): the Bagian Organisasi opens, runs
and closes a round with its conclusion, records findings about one SOP or one map of the agency; the agency's
staff follow them up; the Bagian Organisasi accepts or sends back. The agency's head is e-mailed. Every step:
the right actor, a wrong one (403), a wrong state (409), bad input (400) with nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from layanan.choices import AksiLayanan, StatusReviu, StatusTemuan
from layanan.models import Reviu, RiwayatLayanan, Temuan
from layanan.peta_baca import reviu_terlihat
from layanan.services import reviu as svc
from sistemkerja.errors import BukanWewenang, TransisiTidakSah

from . import test_peta as tp

pytestmark = pytest.mark.django_db
dunia = tp.dunia
akun, peta_baru, sop_dari = tp.akun, tp.peta_baru, tp.sop_dari


def buka(d, **lain) -> Reviu:
    kw = {"perangkat_daerah": d.s.dinas, "tahun": 2027, "judul": "Reviu proses bisnis 2027", "metode": "Wawancara"}
    return svc.reviu_buka(pelaku=akun(lain.pop("oleh", d.bo)), **{**kw, **lain})


def berjalan(d) -> Reviu:
    return svc.reviu_status(pelaku=akun(d.bo), reviu=buka(d), status=StatusReviu.BERJALAN)


def _galat(fungsi, **kw) -> dict:
    with pytest.raises(ValidationError) as e:
        fungsi(**kw)
    return e.value.message_dict


def test_jalur_lengkap_dengan_surel(dunia, django_capture_on_commit_callbacks, mailoutbox):
    d = dunia
    d.penetap.email = "kadinkes@uji.go.id"
    d.penetap.save()
    peta = peta_baru(d.pengelola, d.s.dinas, "PB-1")
    sop = sop_dari(d.s.upt5)
    r = buka(d, mulai=dt.date(2027, 2, 1), selesai="2027-03-31")
    assert (r.status, r.dibuat_oleh, r.perangkat_daerah) == (StatusReviu.DIRENCANAKAN, d.bo, d.s.dinas)
    r = svc.reviu_status(pelaku=akun(d.kepala_bo), reviu=r, status="berjalan")
    with django_capture_on_commit_callbacks(execute=True):
        t1 = svc.temuan_catat(
            pelaku=akun(d.bo), reviu=r, peta=peta, uraian="Peta belum memuat unit UPT.", tenggat=timezone.localdate()
        )
        t2 = svc.temuan_catat(pelaku=akun(d.bo), reviu=r, sop=sop.pk, uraian="Waktu tidak diisi.", rekomendasi="Isi.")
    assert mailoutbox[-1].to == ["kadinkes@uji.go.id"] and "Waktu tidak diisi" in mailoutbox[-1].body
    assert (t1.peta, t1.sop, t2.sop, t2.peta) == (peta, None, sop, None)
    t1 = svc.temuan_tindak_lanjut(pelaku=akun(d.pengelola), temuan=t1, tindak_lanjut="UPT ditambahkan.")
    assert (t1.status, t1.ditindaklanjuti_oleh) == (StatusTemuan.DITINDAKLANJUTI, d.pengelola)
    t1 = svc.temuan_tutup(pelaku=akun(d.bo), temuan=t1, terima=False, catatan="Lampirkan peta versi baru.")
    assert t1.status == StatusTemuan.TERBUKA
    t1 = svc.temuan_tindak_lanjut(pelaku=akun(d.penetap), temuan=t1, tindak_lanjut="Versi 2 diunggah.")
    t1 = svc.temuan_tutup(pelaku=akun(d.kepala_bo), temuan=t1, terima=True)
    assert t1.status == StatusTemuan.SELESAI
    with django_capture_on_commit_callbacks(execute=True):
        r = svc.reviu_status(pelaku=akun(d.bo), reviu=r, status="selesai", kesimpulan="Perlu penyesuaian SOP.")
    assert r.status == StatusReviu.SELESAI and r.kesimpulan == "Perlu penyesuaian SOP." and r.selesai
    assert "1 temuan masih menunggu" in mailoutbox[-1].body
    assert list(r.riwayat.order_by("id").values_list("aksi", "status_dari", "status_ke")) == [
        (AksiLayanan.REVIU_BUAT, "", "direncanakan"),
        (AksiLayanan.REVIU_STATUS, "direncanakan", "berjalan"),
        (AksiLayanan.TEMUAN_CATAT, "", "terbuka"),
        (AksiLayanan.TEMUAN_CATAT, "", "terbuka"),
        (AksiLayanan.TEMUAN_TINDAK, "terbuka", "ditindaklanjuti"),
        (AksiLayanan.TEMUAN_KEMBALI, "ditindaklanjuti", "terbuka"),
        (AksiLayanan.TEMUAN_TINDAK, "terbuka", "ditindaklanjuti"),
        (AksiLayanan.TEMUAN_TUTUP, "ditindaklanjuti", "selesai"),
        (AksiLayanan.REVIU_STATUS, "berjalan", "selesai"),
    ]
    assert (
        RiwayatLayanan.objects.filter(
            peta=peta, aksi__in=[AksiLayanan.TEMUAN_KEMBALI, AksiLayanan.TEMUAN_TUTUP]
        ).count()
        == 2
    )
    # follow-up goes on after the round closed
    t2 = svc.temuan_tindak_lanjut(pelaku=akun(d.pengelola), temuan=t2, tindak_lanjut="Waktu diisi.")
    assert svc.temuan_tutup(pelaku=akun(d.bo), temuan=t2, terima=True).status == StatusTemuan.SELESAI


@pytest.mark.parametrize("siapa", ["pengelola", "penetap", "lain", "luar"])
def test_hanya_bagian_organisasi_membuka_menjalankan_mencatat_menerima(dunia, siapa):
    d = dunia
    orang = akun(getattr(d, siapa))
    with pytest.raises(BukanWewenang):
        buka(d, oleh=orang)
    r = berjalan(d)
    peta = peta_baru(d.pengelola, d.s.dinas, "PB-1")
    with pytest.raises(BukanWewenang):
        svc.reviu_status(pelaku=orang, reviu=r, status="selesai", kesimpulan="x")
    with pytest.raises(BukanWewenang):
        svc.temuan_catat(pelaku=orang, reviu=r, peta=peta, uraian="x")
    t = svc.temuan_catat(pelaku=akun(d.bo), reviu=r, peta=peta, uraian="Temuan.")
    svc.temuan_tindak_lanjut(pelaku=akun(d.pengelola), temuan=t, tindak_lanjut="Sudah.")
    with pytest.raises(BukanWewenang):
        svc.temuan_tutup(pelaku=orang, temuan=t, terima=True)
    assert Reviu.objects.count() == 1 and Temuan.objects.get().status == StatusTemuan.DITINDAKLANJUTI


@pytest.mark.parametrize("siapa", ["lain", "luar", "bo"])
def test_tindak_lanjut_hanya_oleh_perangkat_daerah_yang_direviu(dunia, siapa):
    d = dunia
    t = svc.temuan_catat(pelaku=akun(d.bo), reviu=berjalan(d), sop=sop_dari(d.s.dinas), uraian="Temuan.")
    with pytest.raises(BukanWewenang):
        svc.temuan_tindak_lanjut(pelaku=akun(getattr(d, siapa)), temuan=t, tindak_lanjut="Diambil alih.")
    t.refresh_from_db()
    assert (t.status, t.tindak_lanjut) == (StatusTemuan.TERBUKA, "")


def test_urutan_status_409(dunia):
    d = dunia
    r = buka(d)
    peta = peta_baru(d.pengelola, d.s.dinas, "PB-1")
    with pytest.raises(TransisiTidakSah):  # a planned round has no findings yet
        svc.temuan_catat(pelaku=akun(d.bo), reviu=r, peta=peta, uraian="Terlalu dini.")
    for status in ("selesai", "direncanakan"):
        with pytest.raises(TransisiTidakSah):
            svc.reviu_status(pelaku=akun(d.bo), reviu=r, status=status, kesimpulan="x")
    r = svc.reviu_status(pelaku=akun(d.bo), reviu=r, status="berjalan")
    with pytest.raises(TransisiTidakSah):
        svc.reviu_status(pelaku=akun(d.bo), reviu=r, status="berjalan")
    t = svc.temuan_catat(pelaku=akun(d.bo), reviu=r, peta=peta, uraian="Temuan.")
    with pytest.raises(TransisiTidakSah):  # nothing to accept yet
        svc.temuan_tutup(pelaku=akun(d.bo), temuan=t, terima=True)
    svc.temuan_tindak_lanjut(pelaku=akun(d.pengelola), temuan=t, tindak_lanjut="Sudah.")
    with pytest.raises(TransisiTidakSah):
        svc.temuan_tindak_lanjut(pelaku=akun(d.pengelola), temuan=t, tindak_lanjut="Lagi.")
    svc.temuan_tutup(pelaku=akun(d.bo), temuan=t, terima=True)
    with pytest.raises(TransisiTidakSah):
        svc.temuan_tutup(pelaku=akun(d.bo), temuan=t, terima=False, catatan="Buka lagi.")
    r = svc.reviu_status(pelaku=akun(d.bo), reviu=r, status="selesai", kesimpulan="Baik.")
    for status in ("berjalan", "selesai"):
        with pytest.raises(TransisiTidakSah):
            svc.reviu_status(pelaku=akun(d.bo), reviu=r, status=status, kesimpulan="x")
    with pytest.raises(TransisiTidakSah):
        svc.temuan_catat(pelaku=akun(d.bo), reviu=r, peta=peta, uraian="Terlambat.")
    assert Temuan.objects.count() == 1


def test_masukan_buruk_400_tanpa_tulis(dunia):
    d = dunia
    peta = peta_baru(d.pengelola, d.s.dinas, "PB-1")
    peta_kec = peta_baru(d.lain, d.s.kecamatan, "KEC-1")
    sop = sop_dari(d.s.dinas)
    kw = {"pelaku": akun(d.bo), "tahun": 2027, "judul": "Reviu", "perangkat_daerah": d.s.dinas}
    for ubah, kolom in [
        ({"perangkat_daerah": d.s.bidang}, "perangkat_daerah"),  # a bidang is not an agency
        ({"tahun": 1999}, "tahun"),
        ({"tahun": "dua ribu"}, "tahun"),
        ({"judul": " "}, "judul"),
        ({"mulai": "2027-13-01"}, "mulai"),
        ({"mulai": "2027-03-01", "selesai": "2027-02-01"}, "selesai"),
    ]:
        assert kolom in _galat(svc.reviu_buka, **{**kw, **ubah}), ubah
    assert not Reviu.objects.exists()
    r = berjalan(d)
    jumlah_riwayat = RiwayatLayanan.objects.count()
    assert "kesimpulan" in _galat(svc.reviu_status, pelaku=akun(d.bo), reviu=r, status="selesai", kesimpulan=" ")
    assert "status" in _galat(svc.reviu_status, pelaku=akun(d.bo), reviu=r, status="tutup")
    kw = {"pelaku": akun(d.bo), "reviu": r, "uraian": "Temuan."}
    for ubah, kolom in [
        ({"sop": sop, "peta": peta}, "sop"),  # both
        ({}, "peta"),  # neither
        ({"peta": peta_kec}, "peta"),  # another agency's map
        ({"peta": "abc"}, "peta"),
        ({"sop": sop, "uraian": ""}, "uraian"),
        ({"sop": sop, "tenggat": timezone.localdate() - dt.timedelta(days=1)}, "tenggat"),
    ]:
        assert kolom in _galat(svc.temuan_catat, **{**kw, **ubah}), ubah
    assert not Temuan.objects.exists() and RiwayatLayanan.objects.count() == jumlah_riwayat
    t = svc.temuan_catat(pelaku=akun(d.bo), reviu=r, sop=sop, uraian="Temuan.")
    assert "tindak_lanjut" in _galat(svc.temuan_tindak_lanjut, pelaku=akun(d.pengelola), temuan=t, tindak_lanjut="")
    svc.temuan_tindak_lanjut(pelaku=akun(d.pengelola), temuan=t, tindak_lanjut="Sudah.")
    assert "catatan" in _galat(svc.temuan_tutup, pelaku=akun(d.bo), temuan=t, terima=False, catatan="")
    assert "terima" in _galat(svc.temuan_tutup, pelaku=akun(d.bo), temuan=t, terima="ya")
    t.refresh_from_db()
    assert t.status == StatusTemuan.DITINDAKLANJUTI


def test_terlihat_bagian_organisasi_dan_perangkat_daerah_yang_direviu(dunia):
    d = dunia
    r = buka(d)

    def lihat(p):
        return reviu_terlihat(akun(p)).filter(pk=r.pk).exists()

    assert lihat(d.bo) and lihat(d.kepala_bo) and lihat(d.admin) and lihat(d.pengelola) and lihat(d.penetap)
    assert not lihat(d.lain) and not lihat(d.luar)
