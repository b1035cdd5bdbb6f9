"""Browser journey of the search boxes (issue 14): a unit found by a word of its name, people by name,
picked with the keyboard (arrows, Enter, Escape) or a click, a member's role beside them."""

import pytest

from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.nip import tampilkan
from penugasan.models import TimKerja
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]


def test_tim_dibentuk_dengan_kotak_cari_dan_papan_ketik(buat_halaman, struktur):
    sdk = f.unit(struktur.dinas, "dinkes-sdk", J.BIDANG, T.ADMINISTRATOR, nama="Bidang Sumber Daya Kesehatan")
    ketua = f.pegawai(sdk, nama="Ani Rahmawati")
    anggota = f.pegawai(sdk, nama="Budi Santoso")

    page = buat_halaman(user=struktur.kepala_dinas.akun)
    page.goto("/tim/baru/")
    page.get_by_label("Nama tim").fill("Tim Data SDM Kesehatan")
    unit = page.get_by_role("combobox", name="Unit Organisasi pemilik kinerja")
    unit.press_sequentially("sumber daya")
    pilihan = page.get_by_role("option", name="Bidang Sumber Daya Kesehatan")
    pilihan.wait_for()
    assert unit.get_attribute("aria-expanded") == "true"
    assert "Dinas Kesehatan" in pilihan.inner_text()  # the parent unit is shown
    unit.press("ArrowDown")
    assert unit.get_attribute("aria-activedescendant") == pilihan.get_attribute("id")
    assert pilihan.get_attribute("aria-selected") == "true"
    unit.press("Enter")  # picks; the form is not sent
    assert unit.input_value() == "Bidang Sumber Daya Kesehatan (dinkes-sdk)"
    assert unit.get_attribute("aria-expanded") == "false" and "/tim/baru/" in page.url

    kotak_ketua = page.get_by_role("combobox", name="Ketua")
    kotak_ketua.press_sequentially("ani rah")
    page.get_by_role("option", name="Ani Rahmawati").wait_for()
    kotak_ketua.press("Escape")
    assert kotak_ketua.get_attribute("aria-expanded") == "false"
    kotak_ketua.press("ArrowDown")  # opens again on the first suggestion
    kotak_ketua.press("Enter")
    assert kotak_ketua.input_value() == f"Ani Rahmawati ({tampilkan(ketua.nip)})"

    kotak_anggota = page.get_by_role("combobox", name="Anggota")
    kotak_anggota.press_sequentially("budi")
    page.get_by_role("option", name="Budi Santoso").click()
    assert kotak_anggota.input_value() == ""
    assert page.get_by_role("checkbox", name=f"Budi Santoso ({tampilkan(anggota.nip)})").is_checked()
    page.get_by_role("textbox", name=f"Peran untuk Budi Santoso ({tampilkan(anggota.nip)})").fill("analis data")
    page.get_by_role("button", name="Bentuk tim").click()
    page.wait_for_url("**/tim/*/")
    tim = TimKerja.objects.get()
    assert tim.unit_pemilik == sdk and tim.ketua == ketua
    assert [(a.pegawai, a.peran) for a in tim.anggota.all()] == [(anggota, "analis data")]
