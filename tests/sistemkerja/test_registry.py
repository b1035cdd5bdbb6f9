"""The parts every app shares take what each app registers (`sistemkerja.registry`), and organisasi names
no app above it."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from sistemkerja import registry


@pytest.fixture
def kartu_uji(monkeypatch):
    """A card and a section registered as a new app would, from its AppConfig; gone after the test."""
    monkeypatch.setattr(registry, "_bagian", {k: list(v) for k, v in registry._bagian.items()})
    monkeypatch.setattr(registry, "_menu", list(registry._menu))
    monkeypatch.setattr(registry, "_cakupan", dict(registry._cakupan))
    registry.kartu_beranda("sistemkerja/_kartu_uji.html", lambda request: {"isi": f"Kartu {request.user}"}, urutan=1)
    registry.kartu_beranda("sistemkerja/_kartu_tersembunyi.html", lambda request: None)  # not for this reader
    registry.bagian_pegawai(
        "sistemkerja/_kartu_uji.html", lambda request, *, pegawai: {"isi": f"Bagian {pegawai.nama}"}
    )
    registry.menu("Kinerja Uji", "password_change", urutan=5)
    registry.cakupan_token("kinerja:baca", "Membaca kinerja")


def test_a_registered_card_section_menu_entry_and_scope_reach_the_shared_pages(
    kartu_uji, struktur, client, tmp_path, settings
):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    (tmp_path / "sistemkerja").mkdir()
    (tmp_path / "sistemkerja" / "_kartu_uji.html").write_text('<section class="kartu">{{ isi }}</section>')
    client.force_login(struktur.analis.akun)
    beranda = client.get("/").content.decode()
    assert f"Kartu {struktur.analis.akun}" in beranda
    assert beranda.index("Kartu") < beranda.index("Kedudukan saya")  # in `urutan` order
    assert ">Kinerja Uji</a>" in beranda
    orang = client.get(f"/pegawai/{struktur.analis.nip}/").content.decode()
    assert f"Bagian {struktur.analis.nama}" in orang
    assert ("kinerja:baca", "Membaca kinerja") in registry.daftar_cakupan()


def test_the_apps_register_their_parts():
    assert {
        "struktur:baca",
        "pegawai:baca",
        "penugasan:baca",
        "penugasan:tulis",
        "kinerja:baca",
        "kinerja:tulis",
    } <= dict(registry.daftar_cakupan()).keys()
    assert [m.url_name for m in registry._menu][:3] == ["struktur", "penugasan:kotak_masuk", "kinerja:kotak_masuk"]
    assert [b.template for b in registry._bagian["beranda"]] == [
        "penugasan/_beranda.html",
        "kinerja/_beranda.html",
        "kinerja/skp/_beranda.html",
        "layanan/_beranda.html",
        "organisasi/_kartu_kedudukan.html",
        "organisasi/_kartu_memimpin.html",
    ]
    assert [b.template for b in registry._bagian["pegawai"]] == ["penugasan/_profil.html", "kinerja/skp/_profil.html"]


def test_each_app_registers_how_its_transitions_read(monkeypatch):
    from sistemkerja import riwayat

    assert riwayat.label_alasan("surat_cabut: Nama keliru") == "Surat dicabut: Nama keliru"  # penugasan's
    assert riwayat.label_alasan("pegawai_daftarkan") == "Pegawai didaftarkan"  # organisasi's
    assert riwayat.nama_pelaku(None, "sinkron_penempatan") == "Sistem (penempatan harian)"
    for nama in ("ALASAN", "PESAN", "SISTEM"):
        monkeypatch.setattr(riwayat, nama, dict(getattr(riwayat, nama)))
    registry.riwayat(alasan={"hasil_setujui": "Hasil kerja disetujui"}, pesan={"hasil_setujui": "{obj} disetujui."})
    assert riwayat.label_alasan("hasil_setujui") == "Hasil kerja disetujui"
    registry.riwayat(alasan={"hasil_setujui": "Hasil kerja disetujui"})  # the same again (a second ready()): fine
    with pytest.raises(ValueError, match="surat_cabut"):  # a code belongs to one app
        registry.riwayat(alasan={"surat_cabut": "Lain"})


def test_organisasi_names_no_app_above_it():
    akar = Path(settings.BASE_DIR)
    # imports, template includes and names (`penugasan.x`, "penugasan/_x.html", "penugasan:baca")
    atas = re.compile(r"(from|import) (penugasan|kinerja|layanan)\b|[\"'/](penugasan|kinerja|layanan)[/:.]")
    berkas = [*(akar / "organisasi").rglob("*.py"), *(akar / "templates" / "organisasi").rglob("*.html")]
    temuan = [
        f"{p.relative_to(akar)}:{i}"
        for p in berkas
        if "migrations" not in p.parts
        for i, baris in enumerate(p.read_text().splitlines(), 1)
        if atas.search(baris)
    ]
    assert berkas and temuan == []
