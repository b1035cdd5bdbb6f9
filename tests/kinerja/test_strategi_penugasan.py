"""A strategy that needs staff from other units opens penugasan's flow B or C prefilled, and the request
started from it links back to the target (Lampiran A.1.b, D)."""

from django.urls import reverse

from kinerja import services
from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from penugasan.models import Penugasan
from tests import factories as f

from .conftest import TAHUN, pk_berlaku


def test_strategi_lintas_unit_membuka_alur_b_yang_tertaut_ke_target(client, s):
    p2p = f.unit(s.dinas, "dinkes-p2p", J.BIDANG, T.ADMINISTRATOR, nama="Bidang P2P")
    f.kepala(p2p, nama="Kepala Bidang P2P")
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    t = services.target_turunkan(
        pelaku=s.kepala_dinas.akun, target=akar, unit=s.bidang, uraian="Survei gizi", satuan="laporan", target_nilai=4
    )
    services.target_strategi(pelaku=s.kepala_bidang.akun, target=t, cara="individu", lintas_unit=True)
    client.force_login(s.kepala_bidang.akun)
    halaman = client.get(reverse("kinerja:target_detail", args=[t.pk])).content.decode()
    assert "Ajukan pelibatan pegawai (alur B)" in halaman

    usulan = {k: v for k, v in services.usulan_penugasan(t).items() if isinstance(v, str)}
    r = client.get(reverse("penugasan:baru"), {**usulan, "alur": "B"})
    form = r.context["form"]
    assert form["rujukan"].value() == f"kinerja.target:{t.pk}" and "Survei gizi" in form["maksud"].value()
    data = {
        "alur": "B",
        "unit_tujuan": p2p.kode,
        "maksud": form["maksud"].value(),
        "target": form["target"].value(),
        "mulai": f"{TAHUN}-12-01" if form["mulai"].value() is None else form["mulai"].value(),
        "selesai": f"{TAHUN}-12-31",
        "rujukan": form["rujukan"].value(),
    }
    r = client.post(reverse("penugasan:baru"), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    p = Penugasan.objects.get()
    assert p.rujukan == f"kinerja.target:{t.pk}"
    assert list(services.penugasan_terkait(t)) == [p]
    assert f"#{p.pk}" in client.get(reverse("kinerja:target_detail", args=[t.pk])).content.decode()

    # a forged reference is refused, nothing is written
    r = client.post(reverse("penugasan:baru"), {**data, "rujukan": "kinerja.target:abc"})
    assert r.status_code == 400 and Penugasan.objects.count() == 1
