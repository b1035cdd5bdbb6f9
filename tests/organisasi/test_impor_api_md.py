"""Issue 12: a structure file in exactly API.md's example shape imports, twice, with past Plt/Plh/delegasi rows.

API.md ("Structure exchange format"): every field not in the example is optional, and a row without `mulai`
holds from no particular date, so a definitive head or a placement given without dates is in force on the
past dates the file's `plt` and `delegasi` rows name.
"""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from organisasi import pertukaran
from organisasi.management.commands.impor_struktur import Command as ImporCommand
from organisasi.models import Jabatan, Pegawai, PejabatUnit, Penempatan, Unit
from organisasi.selectors import hari_ini, pimpinan_unit_pada
from tests.organisasi.test_pertukaran import kosongkan_basis_data

KEPALA = "197501012000031001"  # the example's NIPs are valid: born 1975-01-01, TMT 2000-03, pria, 001
ANALIS = "199001012015032001"  # born 1990-01-01, TMT 2015-03, wanita, 001

# Copied literally from API.md; only its "…" placeholders are filled in below (`dari_api_md`).
CONTOH_API_MD = """
{
  "instansi": [{"kode": "kab-malang", "nama": "Pemerintah Kabupaten Malang"}],
  "unit": [
    {"kode": "setda", "nama": "Sekretariat Daerah", "jenis": "sekretariat_daerah",
     "induk": "kab-malang", "tingkat": "jpt_pratama", "mandiri": true},
    {"kode": "setda-asisten-1", "nama": "Asisten Pemerintahan dan Kesra",
     "jenis": "asisten", "induk": "setda", "tingkat": "jpt_pratama", "mandiri": false},
    {"kode": "setda-bag-organisasi", "nama": "Bagian Organisasi", "jenis": "bagian",
     "induk": "setda-asisten-1", "tingkat": "administrator", "mandiri": false}
  ],
  "pegawai": [
    {"nip": "197501012000031001", "nama": "Contoh Nama, S.Sos.", "jenis_asn": "pns",
     "jabatan": "Kepala Bagian Organisasi", "jenis_jabatan": "struktural",
     "unit": "setda-bag-organisasi", "memimpin": "setda-bag-organisasi"},
    {"nip": "199001012015032001", "nama": "Contoh Analis", "jenis_asn": "pns",
     "jabatan": "Analis Kebijakan Ahli Muda", "jenis_jabatan": "fungsional",
     "jenjang": "ahli_muda", "unit": "setda-bag-organisasi"}
  ],
  "plt": [
    {"unit": "setda-bag-organisasi", "nip": "…", "jenis": "plt",
     "mulai": "2024-05-03", "selesai": "2024-08-03"}
  ],
  "delegasi": [
    {"dari_unit": "…", "kepada_nip": "…", "mulai": "…", "selesai": "…"}
  ]
}
"""
# the Kepala Bagian is away a week after taking office: a Plh in the past
PLH = {"unit": "setda-bag-organisasi", "nip": ANALIS, "jenis": "plh", "mulai": "2024-09-02", "selesai": "2024-09-06"}


def dari_api_md(*plt_tambahan) -> dict:
    teks = CONTOH_API_MD.replace('"nip": "…"', f'"nip": "{ANALIS}"').replace(
        '{"dari_unit": "…", "kepada_nip": "…", "mulai": "…", "selesai": "…"}',
        f'{{"dari_unit": "setda-bag-organisasi", "kepada_nip": "{ANALIS}", '
        f'"mulai": "2024-10-01", "selesai": "2024-12-31"}}',
    )
    assert "…" not in teks
    data = json.loads(teks)
    data["plt"].extend(plt_tambahan)
    return data


def jejak():
    """Every row and every history row: a second import must add none."""
    return [(m.objects.count(), m.history.count()) for m in (Unit, Jabatan, Pegawai, Penempatan, PejabatUnit)]


def siapa(pejabat):
    return (pejabat.pegawai.nip, pejabat.sebagai) if pejabat else None


@pytest.mark.django_db
@pytest.mark.parametrize("plt_tambahan", [[], [PLH]], ids=["contoh", "dengan-plh-lampau"])
def test_the_api_md_example_imports_and_a_second_import_changes_nothing(plt_tambahan):
    data = dari_api_md(*plt_tambahan)

    hasil = pertukaran.impor(data)

    assert hasil == {
        "instansi": {"dibuat": 1, "diubah": 0, "tetap": 0},
        "unit": {"dibuat": 3, "diubah": 0, "tetap": 0},
        "jabatan": {"dibuat": 2, "diubah": 0, "tetap": 0},
        "pegawai": {"dibuat": 2, "diubah": 0, "tetap": 0},
        "plt": {"dibuat": 1 + len(plt_tambahan), "diubah": 0, "tetap": 0},
        "delegasi": {"dibuat": 1, "diubah": 0, "tetap": 0},
    }
    sebelum = jejak()

    ulang = pertukaran.impor(json.loads(json.dumps(data)))

    assert ulang == {jenis: {"dibuat": 0, "diubah": 0, "tetap": h["dibuat"]} for jenis, h in hasil.items()}
    assert jejak() == sebelum


@pytest.mark.django_db
def test_undated_rows_hold_from_as_early_as_the_file_allows():
    pertukaran.impor(dari_api_md(PLH))
    bagian = Unit.objects.get(kode="setda-bag-organisasi")

    # the analyst is placed since the appointment month in their NIP; the Kepala Bagian took office (and the
    # position) after the Plt that filled the vacant head ended
    assert Pegawai.objects.get(nip=ANALIS).riwayat_penempatan.get().mulai == dt.date(2015, 3, 1)
    kepala = PejabatUnit.objects.get(unit=bagian, jenis="definitif")
    assert (kepala.pegawai.nip, kepala.mulai, kepala.selesai) == (KEPALA, dt.date(2024, 8, 4), None)
    assert Pegawai.objects.get(nip=KEPALA).riwayat_penempatan.get().mulai == dt.date(2024, 8, 4)

    def pada(tanggal):
        return pimpinan_unit_pada(bagian, tanggal)

    assert siapa(pada(dt.date(2024, 6, 1))["memimpin"]) == (ANALIS, "plt")
    assert siapa(pada(dt.date(2024, 6, 1))["definitif"]) is None
    assert siapa(pada(dt.date(2024, 9, 3))["memimpin"]) == (ANALIS, "plh")
    assert siapa(pada(dt.date(2024, 9, 3))["definitif"]) == (KEPALA, "definitif")
    assert siapa(pada(dt.date(2024, 11, 1))["ppk"]) == (ANALIS, "delegasi")
    assert siapa(pada(hari_ini())["memimpin"]) == (KEPALA, "definitif")


@pytest.mark.django_db
def test_a_plh_while_the_file_says_the_head_was_vacant_is_still_refused_by_name():
    data = dari_api_md({**PLH, "mulai": "2024-03-01", "selesai": "2024-03-05"})
    with pytest.raises(ValidationError) as e:
        pertukaran.impor(data)
    assert e.value.messages == [
        (
            f"plt[1] unit setda-bag-organisasi NIP {ANALIS}: jenis: Bagian Organisasi tidak memiliki pejabat "
            "definitif pada 01-03-2024: gunakan Plt untuk jabatan yang kosong."
        )
    ]
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_export_of_the_imported_example_imports_back_unchanged():
    pertukaran.impor(dari_api_md(PLH))
    keluar = pertukaran.ekspor()
    kepala = next(g for g in keluar["pegawai"] if g["nip"] == KEPALA)
    assert (kepala["mulai"], kepala["memimpin"]) == ("2024-08-04", "setda-bag-organisasi")
    assert pertukaran.impor(keluar)["pegawai"] == {"dibuat": 0, "diubah": 0, "tetap": 2}

    kosongkan_basis_data()
    pertukaran.impor(json.loads(json.dumps(keluar)))

    assert pertukaran.ekspor() == keluar
    # and the API.md file itself still reads against what the export rebuilt
    hasil = pertukaran.impor(dari_api_md(PLH))
    assert hasil["pegawai"] == {"dibuat": 0, "diubah": 0, "tetap": 2}
    assert hasil["plt"]["dibuat"] == 2 and hasil["delegasi"]["dibuat"] == 1  # past rows are not exported


@pytest.mark.django_db
def test_impor_struktur_command_loads_the_api_md_file_twice(tmp_path, capsys, monkeypatch):
    # run_from_argv closes every connection at the end; keep the test's transaction open
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    jalur = tmp_path / "struktur.json"
    jalur.write_text(json.dumps(dari_api_md(PLH), ensure_ascii=False, indent=2), encoding="utf-8")

    ImporCommand().run_from_argv(["manage.py", "impor_struktur", str(jalur)])
    pertama = capsys.readouterr()
    ImporCommand().run_from_argv(["manage.py", "impor_struktur", str(jalur)])
    kedua = capsys.readouterr()

    assert pertama.err == kedua.err == ""
    assert "pegawai: 2 dibuat, 0 diubah, 0 tetap" in pertama.out and "plt: 2 dibuat" in pertama.out
    assert kedua.out.splitlines() == [
        "instansi: 0 dibuat, 0 diubah, 1 tetap",
        "unit: 0 dibuat, 0 diubah, 3 tetap",
        "jabatan: 0 dibuat, 0 diubah, 2 tetap",
        "pegawai: 0 dibuat, 0 diubah, 2 tetap",
        "plt: 0 dibuat, 0 diubah, 2 tetap",
        "delegasi: 0 dibuat, 0 diubah, 1 tetap",
    ]
    assert PejabatUnit.objects.count() == 4
