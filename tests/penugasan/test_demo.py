"""The demo's teams and requests load through the services, once, and reach the demo logins' inboxes."""

import pytest
from django.core.management import call_command

from penugasan.models import Penugasan, Surat, TimKerja
from penugasan.selectors import menunggu_saya

pytestmark = pytest.mark.django_db


def test_demo_penugasan_sekali_dan_sampai_ke_kotak_masuk(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.DEBUG, settings.MEDIA_ROOT = True, tmp_path
    call_command("muat_demo")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("muat_demo_penugasan")
    call_command("muat_demo_penugasan")
    assert TimKerja.objects.count() == 1
    assert sorted(Penugasan.objects.values_list("alur", "status")) == [
        ("A", "selesai"),
        ("B", "berjalan"),
        ("E", "berjalan"),
    ]
    b = Penugasan.objects.get(alur="B")
    from django.contrib.auth import get_user_model

    pelaku = get_user_model().objects.get(username=b.pelaku_nip[0])
    assert list(menunggu_saya(pelaku)) == [b]
    assert all(s.status_berkas == "selesai" for s in Surat.objects.all())
    # the demo instansi's placeholder lambang and letter codes: the letter of A reads like tata naskah dinas
    from organisasi.models import Instansi

    assert Instansi.objects.get(kode="kab-malang").lambang.name.startswith("lambang/")
    a = Surat.objects.get(penugasan__alur="A")
    assert a.nomor.startswith("800.1.11.1/") and a.nomor.split("/")[2] == "Dinkes"
    assert a.isi["kop"]["lambang"].startswith("lambang/")
