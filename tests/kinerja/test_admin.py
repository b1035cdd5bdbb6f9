"""Kinerja in the Bagian Organisasi's admin: every model readable with history, the transitions' records
read-only, the settings per instansi editable, list pages in constant queries."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinerja import services
from kinerja.models import Hasil, PengaturanKinerja, PengingatLaporan, Target
from organisasi.selectors import hari_ini
from penugasan.services import tim_bentuk
from tests import factories as f

from .conftest import pk_berlaku, rencana_disetujui

pytestmark = pytest.mark.django_db

# the work mechanism's models; the appraisal's (kinerja.models.skp) are in test_admin_skp.py
MODEL = [
    m
    for m in apps.get_app_config("kinerja").get_models()
    if not m.__name__.startswith("Historical") and m.__module__ != "kinerja.models.skp"
]
PENGATURAN_LAIN = {
    "periode_evaluasi": "triwulanan",
    "batas_skp_hari": 31,
    "batas_evaluasi_hari": 15,
    "keberatan_hari": 14,
    "putusan_keberatan_hari": 14,
}


@pytest.fixture
def admin_c(admin_organisasi):
    c = Client()
    c.force_login(admin_organisasi)
    return c


def jalan(s, kepala=None, unit=None, staf=None, dengan_tim=True):
    """A target of the Dinas handed down to a unit, carried out by a team, reported on, a result submitted."""
    kepala, unit, staf = kepala or s.kepala_bidang, unit or s.bidang, staf or s.staf_bidang
    akar = Target.objects.filter(unit=s.dinas, induk__isnull=True).first() or pk_berlaku(s.kepala_dinas, s.dinas)
    anak = services.target_turunkan(
        pelaku=s.kepala_dinas.akun, target=akar, unit=unit, uraian="Dokumen SOP", satuan="dokumen", target_nilai=10
    )
    tim = None
    if dengan_tim:
        tim = tim_bentuk(
            pelaku=kepala.akun,
            nama=f"Tim SOP {unit.nama}",
            tujuan="Menyusun SOP",
            unit_pemilik=unit,
            sifat="insidental",
            mulai=hari_ini(),
            selesai=hari_ini() + dt.timedelta(days=180),
            ketua=staf,
        )
    services.target_strategi(pelaku=kepala.akun, target=anak, cara="tim" if tim else "individu", tim=tim)
    keg = rencana_disetujui(anak, kepala, staf).kegiatan.get()
    services.progres_catat(pelaku=staf.akun, kegiatan=keg, tanggal=hari_ini(), uraian="Mulai", persen=30)
    services.realisasi_catat(
        pelaku=staf.akun,
        kegiatan=keg,
        tanggal=hari_ini(),
        uraian="Konsumsi",
        jumlah=100_000,
        anggaran=keg.anggaran.get(),
    )
    services.rincian_catat(pelaku=staf.akun, kegiatan=keg, uraian="Rapat penyusunan", pegawai=staf, peran="penyusun")
    services.umpan_balik_kirim(pelaku=kepala.akun, target=anak, isi="Lanjutkan", kepada=staf)
    if tim:
        jadwal = services.jadwal_tetapkan(pelaku=s.kepala_dinas.akun, target=anak, frekuensi="bulanan")
        PengingatLaporan.objects.create(jadwal=jadwal, periode=f"{hari_ini():%Y-%m}", jenis="pengingat")
        services.laporan_sampaikan(pelaku=staf.akun, target=anak, isi="Laporan bulan ini")
    services.laporan_minta(pelaku=s.kepala_dinas.akun, target=anak, kepada=staf, pesan="Mohon laporan")
    return services.hasil_ajukan(pelaku=staf.akun, target=anak, capaian=4, uraian="Empat SOP")


def url(model, *rest) -> str:
    return "/".join(["/admin/kinerja", model._meta.model_name, *map(str, rest)]) + "/"


def test_setiap_model_terbuka_dengan_riwayat(s, admin_c):
    jalan(s)
    PengaturanKinerja.objects.create(instansi=s.instansi)
    assert admin_c.get("/admin/kinerja/").status_code == 200
    for model in MODEL:
        r = admin_c.get(url(model))
        assert r.status_code == 200, model
        obj = model.objects.order_by("pk").first()
        assert obj is not None, model
        r = admin_c.get(url(model, obj.pk, "change"))
        assert r.status_code == 200, model
        assert admin_c.get(url(model, obj.pk, "history")).status_code == 200, model


def test_rekaman_transisi_hanya_dibaca(s, admin_c):
    jalan(s)
    for model in MODEL:
        if model is PengaturanKinerja:
            continue
        obj = model.objects.order_by("pk").first()
        html = admin_c.get(url(model, obj.pk, "change")).content.decode()
        assert 'name="_save"' not in html, model
        assert admin_c.get(url(model, "add")).status_code == 403, model
        assert admin_c.post(url(model, obj.pk, "change"), {}).status_code == 403, model
        assert admin_c.get(url(model, obj.pk, "delete")).status_code == 403, model
    # the inlines of a result's page list its transitions without form fields to fill
    h = Hasil.objects.get()
    html = admin_c.get(url(Hasil, h.pk, "change")).content.decode()
    assert "Hasil diajukan" in html and "riwayat-0-catatan" not in html


def test_riwayat_hasil_dalam_kata(s, admin_c):
    h = jalan(s)
    services.hasil_kembalikan(pelaku=s.kepala_bidang.akun, hasil=h, catatan="Lengkapi")
    html = admin_c.get(url(Hasil, h.pk, "history")).content.decode()
    assert "Dikembalikan" in html and "None" not in html


def test_pengaturan_kinerja_diatur_bagian_organisasi(s, admin_c):
    r = admin_c.post(
        url(PengaturanKinerja, "add"),
        {"instansi": s.instansi.pk, "batas_tinjau_hari": 3, "pengingat_laporan_hari": 4} | PENGATURAN_LAIN,
    )
    assert r.status_code == 302
    p = PengaturanKinerja.objects.get()
    assert (p.batas_tinjau_hari, p.pengingat_laporan_hari) == (3, 4)
    r = admin_c.post(
        url(PengaturanKinerja, p.pk, "change"), {"batas_tinjau_hari": 7, "pengingat_laporan_hari": 1} | PENGATURAN_LAIN
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.batas_tinjau_hari, p.pengingat_laporan_hari, p.instansi_id) == (7, 1, s.instansi.pk)
    assert p.history.count() == 2
    assert admin_c.get(url(PengaturanKinerja, p.pk, "history")).status_code == 200
    assert admin_c.get(url(PengaturanKinerja, p.pk, "delete")).status_code == 403


def test_di_luar_bagian_organisasi_tidak_masuk(s):
    jalan(s)
    c = Client()
    c.force_login(s.kepala_dinas.akun)
    assert c.get(url(Hasil)).status_code == 302  # not staff: the admin's login page
    s.kepala_dinas.akun.is_staff = True
    s.kepala_dinas.akun.save()
    assert c.get(url(Hasil)).status_code == 403
    assert c.get(url(PengaturanKinerja, "add")).status_code == 403


def jumlah_kueri(c, alamat) -> int:
    with CaptureQueriesContext(connection) as q:
        assert c.get(alamat).status_code == 200
    return len(q)


def test_daftar_hasil_dan_target_kueri_tetap(s, admin_c, django_assert_num_queries):
    jalan(s)
    n_hasil, n_target = jumlah_kueri(admin_c, url(Hasil)), jumlah_kueri(admin_c, url(Target))
    staf2 = f.pegawai(s.bidang, nama="Staf Bidang Kedua")
    jalan(s, dengan_tim=False)
    jalan(s, staf=staf2, dengan_tim=False)
    assert Hasil.objects.count() == 3 and Target.objects.count() >= 4
    with django_assert_num_queries(n_hasil):
        admin_c.get(url(Hasil))
    with django_assert_num_queries(n_target):
        admin_c.get(url(Target))
    # the Perangkat Daerah filter narrows by the unit's path
    r = admin_c.get(url(Hasil) + f"?pd={s.dinas.pk}&status=ditinjau")
    assert r.status_code == 200 and len(r.context["cl"].result_list) == 3
