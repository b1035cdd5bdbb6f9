"""Evidence files are sent only to whoever sees the target, never from a public media URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja import services
from organisasi.selectors import hari_ini

from .conftest import pk_berlaku, rencana_disetujui

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def bukti(s, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    t = pk_berlaku(s.kepala_dpmptsp, s.dpmptsp)
    services.target_strategi(pelaku=s.kepala_dpmptsp.akun, target=t, cara="individu")
    r = rencana_disetujui(t, s.kepala_dpmptsp, s.staf_dpmptsp)
    p = services.progres_catat(
        pelaku=s.staf_dpmptsp.akun,
        kegiatan=r.kegiatan.get(),
        tanggal=hari_ini(),
        uraian="Foto kegiatan",
        persen=50,
        berkas=SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
    )
    h = services.hasil_ajukan(
        pelaku=s.staf_dpmptsp.akun,
        target=t,
        capaian=10,
        uraian="Hasil",
        berkas=SimpleUploadedFile("hasil.png", PNG, content_type="image/png"),
    )
    return p, h


@pytest.mark.parametrize("nama", ["kinerja:bukti_progres", "kinerja:bukti_hasil"])
def test_berkas_bukti_hanya_untuk_yang_melihat_target(client, s, bukti, nama):
    obj = bukti[0] if nama.endswith("progres") else bukti[1]
    url = reverse(nama, args=[obj.pk])
    client.force_login(s.kepala_dpmptsp.akun)
    r = client.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PNG
    assert r["Content-Type"] == "image/png" and r["X-Content-Type-Options"] == "nosniff"
    client.force_login(s.staf_bidang.akun)  # another Perangkat Daerah
    assert client.get(url).status_code == 404


def test_api_menautkan_halaman_berkas_bukan_media(s, bukti):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user=s.kepala_dpmptsp.akun)
    r = api.get(f"/api/v1/hasil/{bukti[1].pk}/")
    assert r.status_code == 200
    assert r.json()["bukti"] == reverse("kinerja:bukti_hasil", args=[bukti[1].pk])
