"""Clusters of agencies (seed 003): formed and changed by the Bagian Organisasi only (403 for others, 400 with
nothing written for members that are not agencies of the instansi), and read side by side for a year: PK
targets in force, budget planned and spent against them with the absorption, teams and assignments across
agencies, shared SOPs and services, in a number of queries that does not grow with the data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.choices import StatusPK, StatusRencana
from kinerja.models import Anggaran, Indikator, Kegiatan, PerjanjianKinerja, Realisasi, RencanaKegiatan, Sasaran, Target
from layanan import services as layanan_services
from layanan.choices import AksiLayanan
from layanan.models import RiwayatLayanan, Rumpun
from layanan.rumpun_baca import rumpun_terlihat, sisi_rumpun, tahun_dari
from layanan.services import rumpun as svc
from penugasan.choices import Alur, Status
from penugasan.models import AnggotaTim, PegawaiPenugasan, Penugasan, TimKerja
from sistemkerja.errors import BukanWewenang

from . import test_peta as tp

pytestmark = pytest.mark.django_db
TAHUN = 2027
TARGET = {"satuan": "%", "target": 90}
dunia = tp.dunia
akun, sop_dari = tp.akun, tp.sop_dari


def rumpun_baru(d, **lain) -> Rumpun:
    kw = {
        "instansi": d.s.instansi,
        "kode": "kesehatan",
        "nama": "Rumpun Kesehatan dan Perizinan",
        "urusan": "Kesehatan\nPenanaman modal",
        "perangkat_daerah": [d.s.dinas, d.s.dpmptsp],
    }
    return svc.rumpun_buat(pelaku=akun(lain.pop("oleh", d.bo)), **{**kw, **lain})


def pk(unit, oleh, n: int, *, anggaran: int = 1_000_000, realisasi: int = 250_000, tahun: int = TAHUN, turun=None):
    """A PK in force of `unit` with `n` indicators, each a target with an approved plan: one activity with one
    budget line and one spending row; `turun`: a unit below that gets a part of the first target, with its own
    plan (its budget and spending roll up to the PK's target)."""
    perjanjian, _ = PerjanjianKinerja.objects.get_or_create(unit=unit, tahun=tahun, status=StatusPK.DITETAPKAN)
    sasaran, _ = Sasaran.objects.get_or_create(perjanjian=perjanjian, urutan=1, uraian="Meningkatnya mutu layanan")
    hasil = []
    for i in range(n):
        ind = Indikator.objects.create(sasaran=sasaran, urutan=i + 1, uraian=f"Indikator {i}", **TARGET)
        t = Target.objects.create(
            perjanjian=perjanjian, indikator=ind, unit=unit, tahun=tahun, uraian=f"{unit.nama} {i}", **TARGET
        )
        _rencana(t, oleh, anggaran, realisasi)
        hasil.append(t)
    if turun is not None:
        bagian = Target.objects.create(
            perjanjian=perjanjian, induk=hasil[0], unit=turun, tahun=tahun, uraian="Bagian", **TARGET
        )
        _rencana(bagian, oleh, 500_000, 500_000)
    return hasil


def _rencana(target, oleh, anggaran, realisasi):
    rencana = RencanaKegiatan.objects.create(target=target, versi=1, status=StatusRencana.DISETUJUI, disusun_oleh=oleh)
    keg = Kegiatan.objects.create(
        rencana=rencana, urutan=1, uraian="Kegiatan", mulai=dt.date(TAHUN, 1, 1), selesai=dt.date(TAHUN, 12, 31)
    )
    baris = Anggaran.objects.create(kegiatan=keg, uraian="Belanja", jumlah=anggaran)
    if realisasi:
        Realisasi.objects.create(
            kegiatan=keg, anggaran=baris, tanggal=dt.date(TAHUN, 3, 1), uraian="Bayar", jumlah=realisasi, oleh=oleh
        )


def tim(nama, pemilik, ketua, anggota, mulai=dt.date(TAHUN, 1, 1)):
    t = TimKerja.objects.create(
        nama=nama,
        tujuan="Sinergi",
        unit_pemilik=pemilik,
        sifat="insidental",
        mulai=mulai,
        selesai=mulai.replace(month=12),
        ketua=ketua,
    )
    for p in anggota:
        AnggotaTim.objects.create(tim=t, pegawai=p, mulai=mulai)
    return t


def penugasan(pemohon, dari, ke, orang, status=Status.SELESAI):
    p = Penugasan.objects.create(
        alur=Alur.C,
        status=status,
        langkah="" if status != Status.BERJALAN else "disposisi",
        pemohon=pemohon,
        unit_pemohon=dari,
        unit_tujuan=ke,
        maksud="Pendampingan perizinan fasilitas kesehatan",
        target="Selesai",
        mulai=dt.date(TAHUN, 2, 1),
        selesai=dt.date(TAHUN, 4, 30),
    )
    for o in orang:
        PegawaiPenugasan.objects.create(penugasan=p, pegawai=o)
    return p


def _galat(fungsi, **kw) -> dict:
    with pytest.raises(ValidationError) as e:
        fungsi(**kw)
    return e.value.message_dict


# --- forming and changing -------------------------------------------------------------------------


def test_bentuk_dan_ubah_oleh_bagian_organisasi(dunia):
    d = dunia
    sop = sop_dari(d.s.dinas)
    layanan = layanan_services.layanan_daftarkan(pelaku=d.admin, kode="uji-lab", nama="Uji Lab", unit=d.s.upt5)
    r = rumpun_baru(d, sop=[sop], layanan=[layanan.pk], keterangan="Sinergi perizinan fasilitas kesehatan.")
    assert set(r.perangkat_daerah.all()) == {d.s.dinas, d.s.dpmptsp} and list(r.sop.all()) == [sop]
    assert list(r.layanan.all()) == [layanan]
    r = svc.rumpun_ubah(
        pelaku=akun(d.kepala_bo), rumpun=r, perangkat_daerah=[d.s.dinas, d.s.dpmptsp, d.s.kecamatan], nama="Rumpun 2"
    )
    r = svc.rumpun_ubah(pelaku=akun(d.admin), rumpun=r, aktif=False, sop=[])
    assert r.perangkat_daerah.count() == 3 and not r.aktif and not r.sop.exists() and r.nama == "Rumpun 2"
    assert list(r.riwayat.order_by("id").values_list("aksi", flat=True)) == [
        AksiLayanan.RUMPUN_BUAT,
        AksiLayanan.RUMPUN_UBAH,
        AksiLayanan.RUMPUN_UBAH,
    ]
    assert "Kecamatan Kepanjen" in r.riwayat.order_by("id")[1].catatan
    svc.rumpun_ubah(pelaku=akun(d.bo), rumpun=r, nama="Rumpun 2")  # nothing changes, nothing recorded
    assert r.riwayat.count() == 3 and list(r.layanan.all()) == [layanan]


@pytest.mark.parametrize("siapa", ["pengelola", "penetap", "lain", "luar"])
def test_bukan_bagian_organisasi_403(dunia, siapa):
    with pytest.raises(BukanWewenang):
        rumpun_baru(dunia, oleh=getattr(dunia, siapa))
    r = rumpun_baru(dunia)
    with pytest.raises(BukanWewenang):
        svc.rumpun_ubah(pelaku=akun(getattr(dunia, siapa)), rumpun=r, nama="Diambil alih")
    assert Rumpun.objects.get().nama == "Rumpun Kesehatan dan Perizinan" and RiwayatLayanan.objects.count() == 1


def test_masukan_buruk_400_tanpa_tulis(dunia):
    d = dunia
    sop_luar = sop_dari(d.dinas_luar, "LUAR")
    kasus = [
        ({"perangkat_daerah": [d.s.dinas, d.s.bidang]}, "perangkat_daerah"),  # a bidang is not an agency
        ({"perangkat_daerah": [d.s.dinas, d.dinas_luar]}, "perangkat_daerah"),  # another instansi
        ({"perangkat_daerah": [d.s.dinas]}, "perangkat_daerah"),  # one is not a cluster
        ({"perangkat_daerah": "dinkes"}, "perangkat_daerah"),
        ({"kode": "Kesehatan Sosial"}, "kode"),
        ({"nama": ""}, "nama"),
        ({"sop": [sop_luar]}, "sop"),
        ({"layanan": [10**9]}, "layanan"),
    ]
    for ubah, kolom in kasus:
        assert kolom in _galat(rumpun_baru, d=d, **ubah), ubah
    assert not Rumpun.objects.exists() and not RiwayatLayanan.objects.exists()
    r = rumpun_baru(d)
    rumpun_baru(d, kode="lain")
    assert "kode" in _galat(svc.rumpun_ubah, pelaku=akun(d.bo), rumpun=r, kode="lain")
    assert "perangkat_daerah" in _galat(svc.rumpun_ubah, pelaku=akun(d.bo), rumpun=r, perangkat_daerah=[d.s.bidang])
    r.refresh_from_db()
    assert r.kode == "kesehatan" and r.perangkat_daerah.count() == 2


def test_terlihat_pegawai_instansi(dunia):
    r = rumpun_baru(dunia)
    for siapa in ("pengelola", "lain", "bo", "admin"):
        assert rumpun_terlihat(akun(getattr(dunia, siapa))).filter(pk=r.pk).exists(), siapa
    assert not rumpun_terlihat(akun(dunia.luar)).exists()


# --- side by side ---------------------------------------------------------------------------------


def _dunia_rumpun(d, n: int):
    """`n` scales every kind of row: targets, teams, assignments."""
    s = d.s
    pk(s.dinas, s.kepala_dinas, n, turun=s.bidang)
    pk(s.dpmptsp, s.kepala_dpmptsp, n, anggaran=2_000_000, realisasi=0)
    pk(s.kecamatan, s.kepala_kecamatan, n)  # outside the cluster
    pk(s.dinas, s.kepala_dinas, 1, tahun=TAHUN - 1)  # another year
    draf, _ = PerjanjianKinerja.objects.get_or_create(unit=s.dpmptsp, tahun=TAHUN, versi=2, status=StatusPK.DRAF)
    sasaran = Sasaran.objects.create(perjanjian=draf, urutan=1, uraian="x")
    ind = Indikator.objects.create(sasaran=sasaran, urutan=1, uraian="x", **TARGET)
    Target.objects.create(perjanjian=draf, indikator=ind, unit=s.dpmptsp, tahun=TAHUN, uraian="Target draf", **TARGET)
    for i in range(n):
        tim(f"Tim lintas {i}", s.dinas, s.staf_upt5, [s.staf_bidang, s.staf_dpmptsp])  # two members of the cluster
        tim(f"Tim luar {i}", s.dinas, s.staf_upt5, [s.staf_seksi])  # the cluster and an outsider
        tim(f"Tim dalam {i}", s.dinas, s.staf_upt5, [s.staf_bidang])  # one agency: not across
        penugasan(s.kepala_dinas, s.dinas, s.dpmptsp, [s.staf_dpmptsp])
        penugasan(s.kepala_kecamatan, s.kecamatan, s.kelurahan, [s.staf_kelurahan])  # not the cluster's
    penugasan(s.kepala_dinas, s.dinas, s.dpmptsp, [s.staf_dpmptsp], status=Status.DITOLAK)


def test_sisi_rumpun_angka(dunia):
    d = dunia
    r = rumpun_baru(d)
    _dunia_rumpun(d, 2)
    sisi = sisi_rumpun(akun(d.lain), r, TAHUN)
    dinas, dpm = sisi.kolom
    assert (dinas.unit, dpm.unit) == (d.s.dinas, d.s.dpmptsp)
    assert [t.uraian for t in dinas.target] == ["Dinas Kesehatan 0", "Dinas Kesehatan 1"] and dinas.turunan == 1
    assert [t.uraian for t in dpm.target] == ["DPMPTSP 0", "DPMPTSP 1"]  # the draft PK's target is not counted
    assert (dinas.anggaran, dinas.realisasi, dinas.serapan) == (2_500_000, 1_000_000, Decimal("40.0"))
    assert (dinas.target[0].anggaran, dinas.target[0].realisasi) == (1_500_000, 750_000)  # with the part below
    assert (dinas.target[1].anggaran, dinas.target[1].serapan) == (1_000_000, Decimal("25.0"))
    assert (dpm.anggaran, dpm.realisasi, dpm.serapan) == (4_000_000, 0, Decimal("0.0"))
    assert (sisi.anggaran, sisi.realisasi, sisi.serapan, sisi.jumlah_target) == (
        6_500_000,
        1_000_000,
        Decimal("15.4"),
        4,
    )
    assert sorted(t.judul for t in sisi.tim) == ["Tim lintas 0", "Tim lintas 1", "Tim luar 0", "Tim luar 1"]
    luar = next(t for t in sisi.tim if t.judul == "Tim luar 0")
    assert luar.pd_rumpun == [d.s.dinas] and luar.pd_lain == [d.s.kecamatan] and not luar.antar_anggota
    assert next(t for t in sisi.tim if t.judul == "Tim lintas 0").antar_anggota
    assert len(sisi.penugasan) == 2 and all(p.pd_rumpun == [d.s.dinas, d.s.dpmptsp] for p in sisi.penugasan)
    assert (dinas.tim, dpm.tim, dinas.penugasan, dpm.penugasan) == (4, 2, 2, 2)
    kosong = sisi_rumpun(akun(d.lain), r, TAHUN + 5)
    assert kosong.jumlah_target == 0 and kosong.serapan is None and not kosong.tim and not kosong.penugasan


def test_sisi_rumpun_kueri_tetap(dunia):
    d = dunia
    r = rumpun_baru(d, sop=[sop_dari(d.s.dinas)])

    def hitung():
        pengguna = type(akun(d.bo)).objects.get(pk=akun(d.bo).pk)  # a fresh account: no rights cached on it
        with CaptureQueriesContext(connection) as q:
            sisi = sisi_rumpun(pengguna, Rumpun.objects.get(pk=r.pk), TAHUN)
        return len(q.captured_queries), sisi

    _dunia_rumpun(d, 1)
    sedikit, kecil = hitung()
    _dunia_rumpun(d, 4)
    r.sop.add(sop_dari(d.s.dpmptsp, "SOP-02"))
    banyak, besar = hitung()
    assert sedikit == banyak <= 22  # nine reads and the reader's rights (whose SOP drafts they see)
    assert besar.jumlah_target > kecil.jumlah_target and len(besar.tim) > len(kecil.tim) and len(besar.sop) == 2


def test_tahun_dari():
    assert [tahun_dari(x, 2026) for x in ("2027", "1999", "abcd", None, "٢٠٢٧", "20270")] == [2027] + [2026] * 5
