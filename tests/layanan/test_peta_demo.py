"""The demo's maps, review rounds and clusters (`layanan.demo_peta.muat`, after the organisasi and layanan demos):
the Dinas Kesehatan's tree with drawings of every kind, a newer drawing waiting, rounds in each state with
findings in each state, three clusters read side by side. One test: the demos take a while."""

import time

import pytest
from django.core.management import call_command
from django.test import Client

from layanan import demo, demo_peta
from layanan.choices import FormatPeta, StatusReviu, StatusTemuan, StatusVersi
from layanan.models import PetaProses, Reviu, Rumpun, Temuan

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def test_peta_demo(settings, tmp_path):
    settings.DEBUG, settings.MEDIA_ROOT = True, tmp_path
    call_command("muat_demo")
    d = demo.muat()
    mulai = time.monotonic()
    ringkasan = demo_peta.muat(d)
    print(f"\ndemo_peta.muat: {time.monotonic() - mulai:.1f} s")
    assert ringkasan[0].startswith("  Proses bisnis: 9 peta") and len(ringkasan) == 5
    assert demo_peta.muat(d) == ["  Proses bisnis, reviu dan rumpun sudah dimuat."]
    peta = {p.kode: p for p in PetaProses.objects.select_related("versi_berlaku", "induk")}
    akar = peta["PB-DINKES-01"]
    assert akar.level == 1 and akar.versi_berlaku.format == FormatPeta.PNG
    assert akar.versi.filter(status=StatusVersi.DRAF).count() == 1  # the drawing after the review, to be set
    assert peta["SP-DINKES-01.1.1"].induk.kode == "PB-DINKES-01.1" and peta["SP-DINKES-01.1.1"].level == 3
    assert peta["SP-DINKES-01.1.1"].versi_berlaku.format == FormatPeta.BPMN
    assert peta["PB-DINKES-01.2"].versi_berlaku.format == FormatPeta.PDF
    assert peta["LF-DINKES-01"].versi_berlaku is None
    assert set(Reviu.objects.values_list("status", flat=True)) == set(StatusReviu.values)
    assert set(Temuan.objects.values_list("status", flat=True)) == set(StatusTemuan.values)
    rumpun = list(Rumpun.objects.order_by("pk"))
    assert [r.nama for r in rumpun] == ["Rumpun Kesehatan dan Sosial", "Rumpun Perekonomian", "Rumpun Pemerintahan"]
    assert all(r.perangkat_daerah.count() == 4 for r in rumpun) and rumpun[0].layanan.exists()
    klien = Client()
    klien.force_login(d.admin.akun)
    for url in ["/proses-bisnis/", "/proses-bisnis/dinkes/", f"/proses-bisnis/peta/{akar.pk}/", "/reviu/"]:
        assert klien.get(url).status_code == 200, url
    for r in rumpun:
        assert klien.get(f"/rumpun/{r.pk}/").status_code == 200
    assert "PB-DINKES-01.1" in klien.get("/proses-bisnis/dinkes/").content.decode()
