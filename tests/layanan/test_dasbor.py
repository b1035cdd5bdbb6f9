"""The Bagian Organisasi's dashboard: for its staff and head (their instansi) and the global organisation
admins (who pick one); 403 for other staff. Consultations this year by status and kind, the unanswered ones
past their deadline, the average rating and each handler's load; per agency the published services with
and without an SOP in force, SOPs and maps, the latest review round and its findings; all in a fixed number
of queries whatever the size of the data. SOPs, maps and rounds are made with the ORM here (their services
belong to other parts)."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from layanan import dasbor, services
from layanan.choices import StatusKonsultasi, StatusReviu, StatusTemuan, StatusVersi
from layanan.models import Konsultasi, PetaProses, Reviu, Sop, Temuan, VersiPeta, VersiSop
from tests import factories as f

from .conftest import layanan_terbit

pytestmark = pytest.mark.django_db

DASBOR = reverse("layanan:dasbor_bo")
_nomor = itertools.count(1)


def sop(unit, *, berlaku=True, layanan=()):
    s = Sop.objects.create(unit=unit, nomor=f"SOP-{next(_nomor)}", nama=f"SOP uji {unit.nama}")
    v = VersiSop.objects.create(sop=s, nomor=1, status=StatusVersi.BERLAKU if berlaku else StatusVersi.DRAF)
    if berlaku:
        s.versi_berlaku = v
        s.save()
    s.layanan.add(*layanan)
    return s


def peta(unit, *, berlaku=True):
    p = PetaProses.objects.create(unit=unit, kode=f"PETA-{next(_nomor)}", nama="Peta level 1", jenis="level")
    v = VersiPeta.objects.create(
        peta=p, nomor=1, status=StatusVersi.BERLAKU if berlaku else StatusVersi.DRAF, berkas="peta/x.pdf", format="pdf"
    )
    if berlaku:
        p.versi_berlaku = v
        p.save()
    return p


def reviu(pd, tahun, status, temuan=()):
    r = Reviu.objects.create(perangkat_daerah=pd, tahun=tahun, judul=f"Reviu SOP {pd.nama} {tahun}", status=status)
    for status_temuan, tenggat, s in temuan:
        Temuan.objects.create(
            reviu=r, sop=s, uraian="Kolom pelaksana belum sesuai.", status=status_temuan, tenggat=tenggat
        )
    return r


def konsultasi(bo, status, *, nilai=None, lewat=False):
    k = services.konsultasi_ajukan(pelaku=bo.pemohon.akun, jenis="sop", uraian="Mohon asistensi SOP.")
    if status != StatusKonsultasi.DIAJUKAN:
        k = services.konsultasi_disposisi(pelaku=bo.kepala_bo.akun, konsultasi=k, penangan=bo.penangan.nip)
    if status in (StatusKonsultasi.DIJAWAB, StatusKonsultasi.SELESAI):
        k = services.konsultasi_jawab(pelaku=bo.penangan.akun, konsultasi=k, jawaban="Gunakan format baku.")
    if status == StatusKonsultasi.SELESAI:
        k = services.konsultasi_tutup(pelaku=bo.pemohon.akun, konsultasi=k, nilai=nilai)
    if lewat:
        Konsultasi.objects.filter(pk=k.pk).update(tenggat=timezone.localdate() - dt.timedelta(days=4))
    return k


def isi(bo, kali: int):
    """`kali` rounds of everything the dashboard counts, in two agencies."""
    s, hari = bo.s, timezone.localdate()
    for i in range(kali):
        lay = layanan_terbit(bo.admin, s.bidang if i % 2 else s.dpmptsp, f"layanan-uji-{next(_nomor)}")
        sop(s.bidang, layanan=[lay] if i % 2 else [])
        sop(s.dpmptsp, berlaku=False)
        peta(s.dinas)
        peta(s.dpmptsp, berlaku=bool(i % 2))
        reviu(s.dinas, hari.year - 1 - i, StatusReviu.SELESAI, [(StatusTemuan.SELESAI, None, None)])
        reviu(s.dpmptsp, hari.year, StatusReviu.BERJALAN, [(StatusTemuan.TERBUKA, hari - dt.timedelta(days=1), None)])
        konsultasi(bo, StatusKonsultasi.DIAJUKAN, lewat=True)
        konsultasi(bo, StatusKonsultasi.SELESAI, nilai=3)


@pytest.fixture
def masuk(client):
    def masuk(pegawai_atau_user):
        client.logout()
        client.force_login(getattr(pegawai_atau_user, "akun", pegawai_atau_user))
        return client

    return masuk


def test_hak_akses(masuk, client, bo, admin_organisasi):
    r = client.get(DASBOR)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    for orang in (bo.penangan, bo.kepala_bo):
        r = masuk(orang).get(DASBOR)
        assert r.status_code == 200 and "Dasbor Bagian Organisasi" in r.content.decode()
    for orang in (bo.pemohon, bo.s.kepala_dinas, bo.s.staf_kelurahan):
        assert masuk(orang).get(DASBOR).status_code == 403
    assert masuk(admin_organisasi).get(DASBOR).status_code == 200


def test_instansi_lain_hanya_bagi_admin_global(masuk, bo, admin_organisasi):
    lain = f.instansi("kota-lain", "Pemerintah Kota Lain")
    c = masuk(admin_organisasi)
    r = c.get(DASBOR, {"instansi": lain.pk})
    assert r.status_code == 200 and r.context["instansi"] == lain and 'name="instansi"' in r.content.decode()
    assert c.get(DASBOR).context["instansi"] == bo.s.instansi  # the one with a Bagian Organisasi first
    # staff of a Bagian see their own instansi, whatever they ask for
    r = masuk(bo.penangan).get(DASBOR, {"instansi": lain.pk})
    assert (
        r.status_code == 200
        and r.context["instansi"] == bo.s.instansi
        and "Pemerintah Kota Lain" not in r.content.decode()
    )


def test_isi_konsultasi_cakupan_sop_dan_reviu(masuk, bo):
    s, hari = bo.s, timezone.localdate()
    tanpa_sop = layanan_terbit(bo.admin, s.bidang, "rujukan", "Rujukan Pasien")
    sop(s.upt5, layanan=[bo.lab])
    sop(s.upt5, layanan=[tanpa_sop], berlaku=False)  # a draft SOP covers nothing yet
    sop(s.dinas)
    peta(s.dinas)
    peta(s.dinas, berlaku=False)
    s_dinas = Sop.objects.filter(unit=s.dinas).first()
    reviu(s.dinas, hari.year - 1, StatusReviu.SELESAI, [(StatusTemuan.SELESAI, None, s_dinas)])
    reviu(
        s.dinas,
        hari.year,
        StatusReviu.BERJALAN,
        [
            (StatusTemuan.TERBUKA, hari - dt.timedelta(days=2), s_dinas),
            (StatusTemuan.DITINDAKLANJUTI, hari + dt.timedelta(days=5), None),
            (StatusTemuan.SELESAI, hari - dt.timedelta(days=9), None),
        ],
    )
    lewat = konsultasi(bo, StatusKonsultasi.DIAJUKAN, lewat=True)
    konsultasi(bo, StatusKonsultasi.DIDISPOSISI)
    konsultasi(bo, StatusKonsultasi.SELESAI, nilai=4)
    konsultasi(bo, StatusKonsultasi.SELESAI, nilai=3)

    r = masuk(bo.kepala_bo).get(DASBOR)
    assert r.status_code == 200
    ks = r.context["konsultasi"]
    assert dict((s_.value, n) for s_, n in ks["per_status"]) == {
        "diajukan": 1,
        "didisposisi": 1,
        "dijadwalkan": 0,
        "dijawab": 0,
        "selesai": 2,
    }
    assert dict((j.value, n) for j, n in ks["per_jenis"])["sop"] == 4
    assert ks["semua"] == 4 and ks["terlambat"] == 1 and ks["dinilai"] == 2 and ks["rata"] == pytest.approx(3.5)
    assert [k.pk for k in ks["lewat_tenggat"]] == [lewat.pk] and ks["lewat_tenggat"][0].hari_terlambat == 4
    beban = {b["pegawai"].pk: b for b in ks["penangan"]}
    assert beban[bo.penangan.pk]["berjalan"] == 1 and beban[bo.penangan.pk]["dijawab"] == 2
    assert beban[s.kepala_bag_org.pk]["berjalan"] == 0  # every staff member of the Bagian is listed

    pd = {b.unit: b for b in r.context["pd"]}
    dinas = pd[s.dinas]
    assert (dinas.layanan, dinas.layanan_ber_sop, dinas.cakupan) == (2, 1, 50)
    assert [lay["nama"] for lay in dinas.tanpa_sop] == ["Rujukan Pasien"]
    assert (dinas.sop, dinas.sop_berlaku, dinas.peta, dinas.peta_berlaku) == (3, 2, 2, 1)
    assert dinas.reviu["tahun"] == hari.year and dinas.reviu["status"] == StatusReviu.BERJALAN
    assert (dinas.temuan, dinas.temuan_terbuka, dinas.temuan_lewat) == (4, 2, 1)
    setda = pd[s.setda]
    assert setda.layanan == 1 and [lay["kode"] for lay in setda.tanpa_sop] == [bo.konsultasi.kode]
    assert pd[s.kecamatan].reviu is None and pd[s.kecamatan].cakupan is None
    assert s.akar not in pd  # the root has nothing of its own
    total = r.context["total"]
    assert (total["layanan"], total["layanan_ber_sop"], total["temuan_lewat"]) == (3, 1, 1)

    isi_ = r.content.decode()
    assert "Rujukan Pasien" in isi_ and "terlambat 4 hari" in isi_ and ("3,50" in isi_ or "3.50" in isi_)
    assert "<script>" not in isi_ and 'style="' not in isi_


def test_kueri_tetap_berapa_pun_datanya(masuk, bo):
    c = masuk(bo.penangan)
    isi(bo, 1)
    with CaptureQueriesContext(connection) as sedikit:
        assert c.get(DASBOR).status_code == 200
    isi(bo, 4)
    with CaptureQueriesContext(connection) as banyak:
        r = c.get(DASBOR)
    assert r.status_code == 200 and r.context["konsultasi"]["semua"] == 10
    assert r.context["total"]["layanan"] == 7  # and the two of the fixture
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)


def test_bagian_dasbor_langsung_kueri_tetap(bo, django_assert_max_num_queries):
    """The selectors alone: five and six queries for one instansi."""
    isi(bo, 2)
    hari = timezone.localdate()
    with django_assert_max_num_queries(7):  # 5 and the head's two lookups of the handlers' list
        dasbor.ringkasan_konsultasi(bo.s.instansi, hari.year, hari)
    with django_assert_max_num_queries(6):
        dasbor.per_perangkat_daerah(bo.s.instansi, hari)
