"""Uploaded decree scans: checked by content and size, attached once, served only to those in scope."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from guardian.shortcuts import assign_perm

from organisasi import services
from organisasi.models import MutasiKolektif
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from tests import factories as f

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def mutasi(struktur):
    """A decree moving one person within Dinas Kesehatan."""
    return services.mutasi_kolektif(
        pelaku=None,
        nomor_sk="800/12/35.07.301/2026",
        tanggal_sk=dt.date(2026, 1, 5),
        berlaku_mulai=dt.date(2026, 1, 10),
        daftar=[services.BarisMutasi(struktur.staf_bidang, struktur.upt5, struktur.staf_bidang.jabatan)],
    )


def unggah(isi=PDF, nama="sk.pdf", tipe="application/pdf"):
    return SimpleUploadedFile(nama, isi, content_type=tipe)


def url_sk(mutasi, unduh=False):
    return f"/admin/organisasi/mutasikolektif/{mutasi.pk}/sk/" + ("unduh/" if unduh else "")


def test_a_pdf_is_attached_under_a_random_name_with_history(mutasi, admin_organisasi, media):
    m = services.mutasi_lampirkan_sk(pelaku=admin_organisasi, mutasi=mutasi, berkas=unggah(nama="SK Budi.pdf"))
    assert m.berkas_sk.name.startswith("sk/") and "Budi" not in m.berkas_sk.name
    assert (media / m.berkas_sk.name).read_bytes() == PDF
    assert m.history.first().history_change_reason == "mutasi_lampirkan_sk"
    assert m.history.first().history_user == admin_organisasi


@pytest.mark.parametrize(
    "isi, nama, pesan",
    [
        (b"MZ\x90\x00 bukan pdf", "sk.pdf", "Isi berkas bukan PDF"),  # the name says pdf, the content does not
        (b"\x89PNG\r\n\x1a\n....", "sk.pdf", "Isi berkas bukan PDF"),
        (b"", "sk.pdf", "Berkas kosong."),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "sk.pdf", "Berkas terlalu besar"),
    ],
)
def test_a_bad_upload_is_refused_with_a_field_message_and_nothing_written(
    mutasi, admin_organisasi, media, isi, nama, pesan
):
    with pytest.raises(ValidationError) as e:
        services.mutasi_lampirkan_sk(pelaku=admin_organisasi, mutasi=mutasi, berkas=unggah(isi, nama))
    assert list(e.value.message_dict) == ["berkas_sk"] and e.value.message_dict["berkas_sk"][0].startswith(pesan)
    assert not MutasiKolektif.objects.get().berkas_sk
    assert not (media / "sk").exists() or not any((media / "sk").iterdir())


def test_a_decree_is_attached_once(mutasi, admin_organisasi):
    services.mutasi_lampirkan_sk(pelaku=admin_organisasi, mutasi=mutasi, berkas=unggah())
    with pytest.raises(TransisiTidakSah):
        services.mutasi_lampirkan_sk(pelaku=admin_organisasi, mutasi=mutasi, berkas=unggah())


def test_a_unit_admin_of_another_agency_may_not_attach(mutasi, struktur):
    luar = f.UserFactory(username="admin-kecamatan")
    assign_perm("kelola_unit", luar, struktur.kecamatan)
    with pytest.raises(BukanWewenang):
        services.mutasi_lampirkan_sk(pelaku=luar, mutasi=mutasi, berkas=unggah())


def test_upload_and_download_in_the_admin(mutasi, admin_organisasi):
    c = Client()
    c.force_login(admin_organisasi)
    r = c.post(url_sk(mutasi), {"berkas_sk": unggah(b"GIF89a palsu", "sk.pdf")})
    assert r.status_code == 200 and "Isi berkas bukan PDF" in r.content.decode()
    r = c.post(url_sk(mutasi), {"berkas_sk": unggah()})
    assert r.status_code == 302
    halaman = c.get(f"/admin/organisasi/mutasikolektif/{mutasi.pk}/change/").content.decode()
    assert url_sk(mutasi, unduh=True) in halaman
    r = c.get(url_sk(mutasi, unduh=True))
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= {s.strip() for s in r["Cache-Control"].split(",")}
    assert r["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert 'filename="SK-80012350730120' in r["Content-Disposition"]


def test_the_scan_is_served_only_to_those_who_reach_the_decree(mutasi, admin_organisasi, struktur, client):
    services.mutasi_lampirkan_sk(pelaku=admin_organisasi, mutasi=mutasi, berkas=unggah())
    nama = MutasiKolektif.objects.get().berkas_sk.name
    luar = f.UserFactory(username="admin-kecamatan", is_staff=True)
    assign_perm("kelola_unit", luar, struktur.kecamatan)
    client.force_login(luar)
    assert client.get(url_sk(mutasi, unduh=True)).status_code == 404
    assert client.get(url_sk(mutasi)).status_code == 404
    dinkes = f.UserFactory(username="admin-dinkes", is_staff=True)
    assign_perm("kelola_unit", dinkes, struktur.dinas)
    client.force_login(dinkes)
    assert client.get(url_sk(mutasi, unduh=True)).status_code == 200
    client.logout()
    r = client.get(url_sk(mutasi, unduh=True))
    assert r.status_code == 302 and "/login/" in r["Location"]
    # nothing under MEDIA_ROOT has a public address
    assert client.get(f"/media/{nama}").status_code == 404
    assert Client().get(f"/{nama}").status_code in (302, 404)
