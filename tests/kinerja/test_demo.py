"""A year of work in the demo, through the services, once: every pattern has a set PK with targets, results in
each state, and every demo login finds something waiting. One test: the demo takes a while to load."""

import pytest
from django.core.management import call_command

from kinerja import demo, selectors
from kinerja.choices import StatusHasil, StatusPK
from kinerja.models import Hasil, PerjanjianKinerja, Riwayat, Target
from organisasi import demo as demo_organisasi
from organisasi.models import Pegawai, Unit
from organisasi.selectors import hari_ini

pytestmark = pytest.mark.django_db


def test_demo_kinerja_sekali_enam_pola_dan_kotak_masuk_login(settings, tmp_path):
    settings.DEBUG, settings.MEDIA_ROOT = True, tmp_path
    call_command("muat_demo")
    call_command("muat_demo_penugasan")
    call_command("muat_demo_kinerja")
    tahun = hari_ini().year

    for pola, kode in [*demo.UNIT_POLA.items(), (5, demo.UPT_PENGAWAS)]:
        unit = Unit.objects.get(kode=kode)
        assert unit.pola == pola, kode
        pk = PerjanjianKinerja.objects.get(unit=unit, tahun=tahun, status=StatusPK.DITETAPKAN)
        assert pk.target.filter(aktif=True).exists() and pk.riwayat.exists()
    assert Target.objects.filter(induk__isnull=False).count() >= 3  # handed down in setda, dinkes, kecamatan
    t = Target.objects.get(unit__kode="dinkes-pelayanan-kesehatan")
    assert t.cara == "tim" and t.tim.nama == demo.NAMA_TIM  # the penugasan demo's team
    assert t.laporan.exists() and t.permintaan_laporan.filter(dijawab__isnull=True).exists()
    assert t.umpan_balik.filter(dibaca__isnull=True).exists() and t.umpan_balik.filter(dibaca__isnull=False).exists()

    status = set(Hasil.objects.values_list("status", flat=True))
    assert status == {StatusHasil.SELESAI, StatusHasil.DIKEMBALIKAN, StatusHasil.DITINJAU}
    assert all(h.history.exists() and h.riwayat.exists() for h in Hasil.objects.all())

    for login in demo_organisasi.login_demo(demo_organisasi.data_demo(hari_ini=hari_ini())):
        ringkas = selectors.ringkasan_kotak_masuk(Pegawai.objects.get(nip=login.nip))
        assert sum(ringkas.values()) >= 1, (login.peran, ringkas)
    # the Sekda has a plan to approve
    sekda = selectors.pemimpin(Unit.objects.get(kode="setda")).pegawai
    assert selectors.ringkasan_kotak_masuk(sekda)["rencana"] == 1

    sebelum = (
        PerjanjianKinerja.objects.count(),
        Target.objects.count(),
        Hasil.objects.count(),
        Riwayat.objects.count(),
    )
    call_command("muat_demo_kinerja")
    sesudah = (
        PerjanjianKinerja.objects.count(),
        Target.objects.count(),
        Hasil.objects.count(),
        Riwayat.objects.count(),
    )
    assert sesudah == sebelum
