"""Structure exchange: impor / ekspor and their commands (API.md "Structure exchange format")."""

import copy
import datetime as dt
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from guardian.shortcuts import assign_perm

from organisasi import pertukaran, services
from organisasi.audit import audit_kelembagaan
from organisasi.choices import JenisPeran
from organisasi.management.commands.impor_struktur import Command as ImporCommand
from organisasi.models import Instansi, Jabatan, MutasiKolektif, Pegawai, PejabatUnit, Penempatan, Unit
from organisasi.selectors import hari_ini, kedudukan_pada, pimpinan_unit_pada
from tests import factories as f
from tests.organisasi.test_audit import jabatan_struktural_tanpa_tingkat

KEPALA = "197501012000031001"
ANALIS = "199001012015032001"
CONTOH = {
    "instansi": [{"kode": "kab-malang", "nama": "Pemerintah Kabupaten Malang"}],
    "unit": [
        {
            "kode": "setda",
            "nama": "Sekretariat Daerah",
            "jenis": "sekretariat_daerah",
            "induk": "kab-malang",
            "tingkat": "jpt_pratama",
            "mandiri": True,
        },
        {
            "kode": "setda-asisten-1",
            "nama": "Asisten Pemerintahan dan Kesra",
            "jenis": "asisten",
            "induk": "setda",
            "tingkat": "jpt_pratama",
            "mandiri": False,
        },
        {
            "kode": "setda-bag-organisasi",
            "nama": "Bagian Organisasi",
            "jenis": "bagian",
            "induk": "setda-asisten-1",
            "tingkat": "administrator",
            "mandiri": False,
        },
    ],
    "pegawai": [
        {
            "nip": KEPALA,
            "nama": "Contoh Nama, S.Sos.",
            "jenis_asn": "pns",
            "jabatan": "Kepala Bagian Organisasi",
            "jenis_jabatan": "struktural",
            "unit": "setda-bag-organisasi",
            "memimpin": "setda-bag-organisasi",
            "mulai": "2020-01-01",
        },
        {
            "nip": ANALIS,
            "nama": "Contoh Analis",
            "jenis_asn": "pns",
            "jabatan": "Analis Kebijakan Ahli Muda",
            "jenis_jabatan": "fungsional",
            "jenjang": "ahli_muda",
            "unit": "setda-bag-organisasi",
            "mulai": "2020-01-01",
        },
    ],
    "plt": [],
    "delegasi": [],
}


def contoh(**ubah):
    data = copy.deepcopy(CONTOH)
    data.update(ubah)
    return data


def nol_perubahan(hasil):
    return {jenis: (h["dibuat"], h["diubah"]) for jenis, h in hasil.items()}


def galat_impor(data, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as e:
        pertukaran.impor(data, **kwargs)
    return e.value.messages


def jumlah_baris():
    return [m.objects.count() for m in (Instansi, Unit, Jabatan, Pegawai, Penempatan, PejabatUnit)]


@pytest.mark.django_db
def test_it_imports_the_api_example():
    hasil = pertukaran.impor(contoh())

    assert hasil["instansi"] == {"dibuat": 1, "diubah": 0, "tetap": 0}
    assert hasil["unit"] == {"dibuat": 3, "diubah": 0, "tetap": 0}
    assert hasil["pegawai"] == {"dibuat": 2, "diubah": 0, "tetap": 0}
    bagian = Unit.objects.get(kode="setda-bag-organisasi")
    assert [u.kode for u in Unit.objects.leluhur_dari(bagian)] == [
        "kab-malang",
        "setda",
        "setda-asisten-1",
        "setda-bag-organisasi",
    ]
    assert Unit.objects.get(kode="setda").pola == 1
    kepala = Pegawai.objects.get(nip=KEPALA)
    assert kepala.jabatan.tingkat == "administrator"  # inferred from the unit they head
    assert not kepala.akun.has_usable_password() and kepala.akun.username == KEPALA
    k = kedudukan_pada(Pegawai.objects.get(nip=ANALIS))
    assert (k.ppk.pegawai.nip, k.ppk.sebagai, k.pola) == (KEPALA, "definitif", 1)


@pytest.mark.django_db
def test_a_second_identical_import_changes_nothing():
    pertukaran.impor(contoh())
    sebelum = jumlah_baris() + [Pegawai.history.count(), Unit.history.count()]

    hasil = pertukaran.impor(contoh())

    assert all(v == (0, 0) for v in nol_perubahan(hasil).values())
    assert hasil["pegawai"]["tetap"] == 2 and hasil["unit"]["tetap"] == 3
    assert jumlah_baris() + [Pegawai.history.count(), Unit.history.count()] == sebelum


@pytest.mark.django_db
def test_units_are_created_parents_first_whatever_the_file_order():
    data = contoh(unit=list(reversed(CONTOH["unit"])))
    pertukaran.impor(data)
    assert Unit.objects.get(kode="setda-bag-organisasi").induk.kode == "setda-asisten-1"


@pytest.mark.django_db
def test_pratinjau_reports_the_summary_and_keeps_nothing():
    hasil = pertukaran.pratinjau(contoh())
    assert hasil["pegawai"]["dibuat"] == 2
    assert jumlah_baris() == [0, 0, 0, 0, 0, 0]


def kosongkan_basis_data():
    PejabatUnit.objects.all().delete()
    Penempatan.objects.all().delete()
    MutasiKolektif.objects.all().delete()
    Pegawai.objects.all().delete()
    Jabatan.objects.all().delete()
    for kedalaman in sorted(set(Unit.objects.values_list("depth", flat=True)), reverse=True):
        Unit.objects.filter(depth=kedalaman).delete()
    Instansi.objects.all().delete()
    get_user_model().objects.all().delete()


def test_export_then_import_into_an_empty_database_gives_the_same_json(struktur):
    s, hari = struktur, hari_ini()
    services.pejabat_tetapkan(
        pelaku=None,
        unit=s.bidang,
        pegawai=s.staf_bidang,
        jenis=JenisPeran.PLH,
        mulai=hari - dt.timedelta(days=3),
        selesai=hari + dt.timedelta(days=10),
        nomor_sk="800/1/2024",
    )
    services.pejabat_tetapkan(
        pelaku=None,
        unit=s.dinas,
        pegawai=s.kepala_bidang,
        jenis=JenisPeran.DELEGASI,
        mulai=hari,
        selesai=hari + dt.timedelta(days=30),
    )
    services.pegawai_ubah(pelaku=None, pegawai=s.analis, golongan="III/c", email="analis@malangkab.go.id")
    services.pegawai_berhentikan(pelaku=None, pegawai=s.staf_kelurahan, tanggal=hari, alasan="pensiun")
    sebelum = pertukaran.ekspor()

    kosongkan_basis_data()
    hasil = pertukaran.impor(json.loads(json.dumps(sebelum)))

    assert pertukaran.ekspor() == sebelum
    assert hasil["plt"]["dibuat"] == 1 and hasil["delegasi"]["dibuat"] == 1
    assert len(sebelum["pegawai"]) == Pegawai.objects.count() == 20
    assert not Pegawai.objects.get(nip=s.staf_kelurahan.nip).aktif
    assert all(v == (0, 0) for v in nol_perubahan(pertukaran.impor(sebelum)).values())


def test_export_of_one_instansi_leaves_the_others_out(struktur):
    f.instansi(kode="kota-lain", nama="Pemerintah Kota Lain")
    hasil = pertukaran.ekspor(instansi="kota-lain")
    assert hasil["instansi"] == [
        {"kode": "kota-lain", "nama": "Pemerintah Kota Lain", "kode_wilayah": "35.07", "tempat": "Kepanjen"}
    ]
    assert hasil["unit"] == hasil["pegawai"] == hasil["plt"] == hasil["delegasi"] == []


@pytest.mark.django_db
def test_reimport_updates_by_kode_and_nip():
    pertukaran.impor(contoh())
    data = contoh()
    data["instansi"][0]["nama"] = "Pemerintah Kabupaten Malang (baru)"
    data["unit"].append(
        {
            "kode": "setda-asisten-3",
            "nama": "Asisten Administrasi Umum",
            "jenis": "asisten",
            "induk": "setda",
            "tingkat": "jpt_pratama",
        }
    )
    data["unit"][2].update(nama="Bagian Organisasi dan Tata Laksana", induk="setda-asisten-3")
    data["pegawai"][1].update(
        unit="setda-asisten-3", mulai="2024-05-03", nomor_sk="821/12/35.07.201/2024", golongan="III/c"
    )

    hasil = pertukaran.impor(data)

    assert hasil["instansi"]["diubah"] == 1 and Unit.objects.get(kode="kab-malang").nama.endswith("(baru)")
    assert hasil["unit"] == {"dibuat": 1, "diubah": 1, "tetap": 2}
    bagian = Unit.objects.get(kode="setda-bag-organisasi")
    assert (bagian.nama, bagian.induk.kode) == ("Bagian Organisasi dan Tata Laksana", "setda-asisten-3")
    assert bagian.path.startswith(Unit.objects.get(kode="setda-asisten-3").path)
    analis = Pegawai.objects.get(nip=ANALIS)
    riwayat = list(
        analis.riwayat_penempatan.order_by("mulai").values_list("unit__kode", "mulai", "selesai", "nomor_sk")
    )
    assert riwayat == [
        ("setda-bag-organisasi", dt.date(2020, 1, 1), dt.date(2024, 5, 2), ""),
        ("setda-asisten-3", dt.date(2024, 5, 3), None, "821/12/35.07.201/2024"),
    ]
    assert (analis.unit.kode, analis.golongan) == ("setda-asisten-3", "III/c")
    assert hasil["pegawai"] == {"dibuat": 0, "diubah": 1, "tetap": 1}


def _kabag_baru(data: dict) -> None:
    """The file's Kepala Bagian Organisasi leads no more; a new one does."""
    data["pegawai"][0].pop("memimpin")
    data["pegawai"].append(
        {
            "nip": "198002022005011002",
            "nama": "Kabag Baru",
            "jabatan": "Kepala Bagian Organisasi",
            "jenis_jabatan": "struktural",
            "unit": "setda-bag-organisasi",
            "memimpin": "setda-bag-organisasi",
        }
    )


@pytest.mark.django_db
def test_a_new_head_replaces_the_old_one_and_the_old_role_ends():
    pertukaran.impor(contoh())
    data = contoh()
    _kabag_baru(data)
    pertukaran.impor(data)

    definitif = PejabatUnit.objects.filter(unit__kode="setda-bag-organisasi", jenis="definitif")
    assert definitif.get(selesai__isnull=True).pegawai.nip == "198002022005011002"
    assert definitif.get(pegawai__nip=KEPALA).selesai == hari_ini() - dt.timedelta(days=1)


@pytest.mark.django_db
def test_one_bad_record_changes_nothing_and_is_named():
    data = contoh()
    data["pegawai"][1]["nip"] = "199013012015032001"

    pesan = galat_impor(data)

    assert pesan == [
        "pegawai[1] NIP 199013012015032001: nip: Tanggal lahir pada NIP (digit 1–8: 19901301) bukan tanggal yang sah."
    ]
    assert jumlah_baris() == [0, 0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_an_error_raised_by_a_service_while_writing_also_rolls_everything_back():
    data = contoh(
        plt=[
            {
                "unit": "setda-bag-organisasi",
                "nip": ANALIS,
                "jenis": "plt",
                "mulai": "2024-05-03",
                "selesai": "2024-08-03",
            }
        ]
    )
    pesan = galat_impor(data)
    assert len(pesan) == 1 and pesan[0].startswith(f"plt[0] unit setda-bag-organisasi NIP {ANALIS}: jenis: ")
    assert "pejabat definitif" in pesan[0]
    assert jumlah_baris() == [0, 0, 0, 0, 0, 0]


def _rusak(jalur, nilai):
    def ubah(data):
        wadah = data
        for k in jalur[:-1]:
            wadah = wadah[k]
        if nilai is KeyError:
            del wadah[jalur[-1]]
        else:
            wadah[jalur[-1]] = nilai

    return ubah


def _tambah(jenis, baris):
    return lambda data: data[jenis].append(baris)


A1 = f"pegawai[1] NIP {ANALIS}: "
K0 = f"pegawai[0] NIP {KEPALA}: "
PLT = f"plt[0] unit setda-asisten-1 NIP {ANALIS}: "
DLG = f"delegasi[0] unit setda-bag-organisasi NIP {ANALIS}: "
UNIT_LAIN = {"kode": "setda", "nama": "Lagi", "jenis": "bagian", "induk": "setda", "tingkat": "pengawas"}
ASING = "198501012010031999"


def _plt(**kolom):
    return _tambah(
        "plt",
        {
            "unit": "setda-asisten-1",
            "nip": ANALIS,
            "jenis": "plt",
            "mulai": "2024-05-03",
            "selesai": "2024-06-01",
            **kolom,
        },
    )


def _delegasi(**kolom):
    baris = {"dari_unit": "setda-bag-organisasi", "kepada_nip": ANALIS, "mulai": "2024-05-03", **kolom}
    return _tambah("delegasi", {k: v for k, v in baris.items() if v is not None})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rusak, diharapkan",
    [
        (_rusak(["unit", 0, "jenis"], "dinas_x"), "unit[0] setda: jenis: Nilai 'dinas_x' tidak dikenal"),
        (_rusak(["unit", 1, "tingkat"], "eselon_2"), "unit[1] setda-asisten-1: tingkat: Nilai 'eselon_2'"),
        (
            _rusak(["unit", 2, "induk"], "tidak-ada"),
            "unit[2] setda-bag-organisasi: induk: Unit induk 'tidak-ada' tidak dikenal.",
        ),
        (_rusak(["unit", 0, "kode"], "Set Da"), "unit[0] Set Da: kode: Kode 'Set Da' hanya boleh berisi"),
        (
            _rusak(["unit", 0, "kode"], "kab-malang"),
            "unit[0] kab-malang: kode: Kode 'kab-malang' sudah dipakai sebagai kode instansi.",
        ),
        (_rusak(["unit", 0, "nama"], KeyError), "unit[0] setda: nama: Wajib diisi."),
        (_rusak(["unit", 0, "mandiri"], "ya"), "unit[0] setda: mandiri: Harus true atau false."),
        (_tambah("unit", UNIT_LAIN), "unit[3] setda: kode: Kode 'setda' tercantum lebih dari sekali."),
        (
            _rusak(["unit", 0, "induk"], "setda-bag-organisasi"),
            "unit[0] setda: induk: Rantai induk membentuk lingkaran",
        ),
        (_rusak(["unit", 0, "warna"], "merah"), "unit[0] setda: warna: Kolom tidak dikenal."),
        (_rusak(["pegawai", 1, "unit"], "bag-x"), A1 + "unit: Unit 'bag-x' tidak dikenal."),
        (_rusak(["pegawai", 1, "unit"], "kab-malang"), A1 + "unit: 'kab-malang' adalah instansi"),
        (_rusak(["pegawai", 0, "memimpin"], "setda-x"), K0 + "memimpin: Unit 'setda-x' tidak dikenal."),
        (_rusak(["pegawai", 1, "nip"], KEPALA), f"pegawai[1] NIP {KEPALA}: nip: NIP ini tercantum lebih dari"),
        (
            _rusak(["pegawai", 1, "nip"], "19900101 201503 2 00"),
            "pegawai[1] NIP 19900101201503200: nip: NIP harus 18 digit angka (diterima 17 digit).",
        ),
        (_rusak(["pegawai", 1, "jenis_asn"], "pppk"), A1 + "nip: Digit ke-13 Nomor Induk PPPK"),
        (_rusak(["pegawai", 1, "mulai"], "2024-13-01"), A1 + "mulai: Tanggal '2024-13-01' tidak sah"),
        (_rusak(["pegawai", 1, "jenjang"], KeyError), A1 + "jenjang: Wajib diisi untuk jabatan fungsional."),
        (_rusak(["pegawai", 1, "golongan"], "III/z"), A1 + "golongan: Golongan 'III/z' bukan"),
        (_rusak(["pegawai", 1, "email"], "bukan-surel"), A1 + "email: Alamat surel"),
        (
            _rusak(["pegawai", 0, "tingkat_jabatan"], "pengawas"),
            K0 + "memimpin: Jabatan Kepala Bagian Organisasi (Pengawas) tidak setingkat dengan pimpinan "
            "setda-bag-organisasi (Administrator).",
        ),
        (
            _tambah(
                "pegawai",
                {
                    "nip": "198002022005011002",
                    "nama": "Kabag Lain",
                    "jabatan": "Kepala Bagian Organisasi",
                    "jenis_jabatan": "struktural",
                    "tingkat_jabatan": "pengawas",
                    "unit": "setda",
                },
            ),
            (
                "pegawai[2] NIP 198002022005011002: tingkat_jabatan: Jabatan Kepala Bagian Organisasi tercantum dengan "
                "tingkat lain di baris sebelumnya."
            ),
        ),
        (
            _rusak(["pegawai", 1, "tingkat_jabatan"], "pengawas"),
            A1 + "tingkat_jabatan: Hanya untuk jabatan struktural.",
        ),
        (
            _rusak(["pegawai", 1, "memimpin"], "setda-bag-organisasi"),
            A1 + "memimpin: Unit setda-bag-organisasi sudah dipimpin",
        ),
        (_rusak(["pegawai", 0, "aktif"], False), K0 + "memimpin: Pegawai yang diberhentikan"),
        (_plt(selesai="2024-05-01"), PLT + "selesai: Tanggal selesai tidak boleh sebelum tanggal mulai."),
        (_plt(jenis="pjs"), PLT + "jenis: Nilai 'pjs'"),
        (_plt(nip=ASING), f"plt[0] unit setda-asisten-1 NIP {ASING}: nip: Pegawai dengan NIP ini tidak ada"),
        (_delegasi(), DLG + "selesai: Wajib diisi."),
        (_delegasi(mulai="03-05-2024", selesai="2024-06-01"), DLG + "mulai: Tanggal '03-05-2024' tidak sah"),
        (lambda data: data.update(pegawais=[]), "pegawais: Kunci tidak dikenal"),
        (lambda data: data.update(unit={"kode": "x"}), "unit: Harus berupa daftar (JSON array)."),
    ],
)
def test_it_rejects_each_kind_of_bad_record(rusak, diharapkan):
    data = contoh()
    rusak(data)
    pesan = galat_impor(data)
    assert any(p.startswith(diharapkan) or diharapkan in p for p in pesan), pesan
    assert jumlah_baris() == [0, 0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_it_collects_every_error_not_just_the_first():
    data = contoh()
    data["unit"][0]["jenis"] = "dinas_x"
    data["pegawai"][1]["nip"] = "199013012015032001"
    data["pegawai"][0]["unit"] = "tidak-ada"
    pesan = galat_impor(data)
    assert len(pesan) == 3
    assert {p.split(":")[0] for p in pesan} == {
        "unit[0] setda",
        "pegawai[1] NIP 199013012015032001",
        f"pegawai[0] NIP {KEPALA}",
    }


@pytest.mark.django_db
def test_it_rejects_a_file_that_is_not_an_object():
    assert galat_impor([1, 2]) == [
        "berkas: Isi berkas harus berupa objek JSON dengan kunci instansi, unit, pegawai, plt, delegasi."
    ]


@pytest.mark.django_db
def test_plt_plh_and_delegasi_rows():
    pertukaran.impor(contoh())
    hari = hari_ini()
    iso = lambda d: d.isoformat()  # noqa: E731
    data = contoh(
        plt=[
            {
                "unit": "setda-asisten-1",
                "nip": KEPALA,
                "jenis": "plt",
                "mulai": iso(hari),
                "selesai": iso(hari + dt.timedelta(days=90)),
                "nomor_sk": "800/5/2024",
            },
            {
                "unit": "setda-bag-organisasi",
                "nip": ANALIS,
                "jenis": "plh",
                "mulai": iso(hari),
                "selesai": iso(hari + dt.timedelta(days=5)),
            },
        ],
        delegasi=[
            {
                "dari_unit": "setda-bag-organisasi",
                "kepada_nip": ANALIS,
                "mulai": iso(hari + dt.timedelta(6)),
                "selesai": iso(hari + dt.timedelta(days=20)),
            }
        ],
    )

    hasil = pertukaran.impor(data)

    assert hasil["plt"] == {"dibuat": 2, "diubah": 0, "tetap": 0}
    assert hasil["delegasi"] == {"dibuat": 1, "diubah": 0, "tetap": 0}
    plt = PejabatUnit.objects.get(unit__kode="setda-asisten-1", jenis="plt")
    assert (plt.pegawai.nip, plt.nomor_sk) == (KEPALA, "800/5/2024")
    assert pertukaran.impor(data)["plt"] == {"dibuat": 0, "diubah": 0, "tetap": 2}

    data["plt"][0]["selesai"] = iso(hari + dt.timedelta(days=30))  # ended earlier: pejabat_akhiri
    assert pertukaran.impor(data)["plt"] == {"dibuat": 0, "diubah": 1, "tetap": 1}
    assert PejabatUnit.objects.get(pk=plt.pk).selesai == hari + dt.timedelta(days=30)

    data["plt"][0]["selesai"] = iso(hari + dt.timedelta(days=60))  # cannot be extended
    assert galat_impor(data) == [
        f"plt[0] unit setda-asisten-1 NIP {KEPALA}: selesai: Sudah tercatat berakhir "
        f"{hari + dt.timedelta(days=30):%d-%m-%Y}; masa yang sudah ditetapkan tidak dapat diperpanjang. "
        "Tetapkan baris baru yang dimulai sesudahnya."
    ]


# --- rows without dates (API.md: they hold from no particular date) --------------------------------


def tanpa_tanggal(**ubah):
    data = contoh(**ubah)
    for g in data["pegawai"]:
        del g["mulai"]
    return data


@pytest.mark.django_db
def test_undated_rows_hold_since_the_nips_appointment_month_so_past_plh_and_delegasi_fit():
    data = tanpa_tanggal(
        plt=[
            {
                "unit": "setda-bag-organisasi",
                "nip": ANALIS,
                "jenis": "plh",
                "mulai": "2019-07-01",
                "selesai": "2019-07-05",
            }
        ],
        delegasi=[
            {"dari_unit": "setda-bag-organisasi", "kepada_nip": ANALIS, "mulai": "2018-01-01", "selesai": "2018-12-31"}
        ],
    )

    hasil = pertukaran.impor(data)

    assert (hasil["plt"]["dibuat"], hasil["delegasi"]["dibuat"]) == (1, 1)
    kepala = PejabatUnit.objects.get(jenis="definitif")
    assert (kepala.pegawai.nip, kepala.mulai) == (KEPALA, dt.date(2000, 3, 1))  # NIP 1975…200003…: TMT 2000-03
    assert Penempatan.objects.get(pegawai__nip=KEPALA).mulai == dt.date(2000, 3, 1)
    assert Penempatan.objects.get(pegawai__nip=ANALIS).mulai == dt.date(2015, 3, 1)
    bagian = Unit.objects.get(kode="setda-bag-organisasi")
    plh, delegasi = pimpinan_unit_pada(bagian, dt.date(2019, 7, 2)), pimpinan_unit_pada(bagian, dt.date(2018, 6, 1))
    assert (plh["memimpin"].pegawai.nip, plh["memimpin"].sebagai, plh["definitif"].pegawai.nip) == (
        ANALIS,
        "plh",
        KEPALA,
    )
    assert (delegasi["ppk"].pegawai.nip, delegasi["ppk"].sebagai) == (ANALIS, "delegasi")
    assert all(v == (0, 0) for v in nol_perubahan(pertukaran.impor(data)).values())


@pytest.mark.django_db
def test_a_past_row_before_the_undated_heads_appointment_month_is_refused():
    data = tanpa_tanggal(
        plt=[
            {
                "unit": "setda-bag-organisasi",
                "nip": ANALIS,
                "jenis": "plh",
                "mulai": "2000-01-03",
                "selesai": "2000-01-05",
            }
        ]
    )
    assert galat_impor(data) == [
        (
            f"plt[0] unit setda-bag-organisasi NIP {ANALIS}: jenis: Bagian Organisasi tidak memiliki pejabat "
            "definitif pada 03-01-2000: gunakan Plt untuk jabatan yang kosong."
        )
    ]


@pytest.mark.django_db
def test_an_undated_head_of_a_unit_that_already_has_one_takes_over_today():
    pertukaran.impor(tanpa_tanggal())
    data = tanpa_tanggal()
    _kabag_baru(data)
    pertukaran.impor(data)

    definitif = PejabatUnit.objects.filter(unit__kode="setda-bag-organisasi", jenis="definitif")
    assert list(definitif.order_by("mulai").values_list("pegawai__nip", "mulai", "selesai")) == [
        (KEPALA, dt.date(2000, 3, 1), hari_ini() - dt.timedelta(days=1)),
        ("198002022005011002", hari_ini(), None),
    ]
    assert Penempatan.objects.get(pegawai__nip="198002022005011002").mulai == hari_ini()
    assert all(v == (0, 0) for v in nol_perubahan(pertukaran.impor(data)).values())


# --- struktural positions without a level (API.md: accepted when nothing gives it) -----------------

STAF_AHLI = {
    "nip": "198002022005011002",
    "nama": "Staf Ahli",
    "jabatan": "Staf Ahli Bupati Bidang Hukum",
    "jenis_jabatan": "struktural",
    "unit": "setda",
}


@pytest.mark.django_db
def test_a_struktural_row_without_a_level_takes_the_one_a_later_row_gives_its_position():
    data = contoh()
    data["pegawai"].insert(0, {**STAF_AHLI, "jabatan": "Kepala Bagian Organisasi", "unit": "setda-bag-organisasi"})
    pertukaran.impor(data)
    assert Jabatan.objects.get(nama="Kepala Bagian Organisasi").tingkat == "administrator"
    assert Pegawai.objects.get(nip=STAF_AHLI["nip"]).jabatan.tingkat == "administrator"


@pytest.mark.django_db
def test_a_new_struktural_position_that_heads_no_unit_is_imported_without_a_level(admin_organisasi):
    hasil = pertukaran.impor(contoh(pegawai=CONTOH["pegawai"] + [STAF_AHLI]))

    assert hasil["jabatan"]["dibuat"] == 3
    assert Jabatan.objects.get(nama=STAF_AHLI["jabatan"]).tingkat == ""
    temuan = audit_kelembagaan(user=admin_organisasi, tanggal=hari_ini()).jabatan_tanpa_tingkat
    assert [(t.jabatan.nama, [p.nip for p in t.pemegang]) for t in temuan] == [
        (STAF_AHLI["jabatan"], [STAF_AHLI["nip"]])
    ]


@pytest.mark.django_db
def test_a_struktural_position_recorded_without_a_level_imports_and_a_file_can_fill_it_in(admin_organisasi):
    jabatan_struktural_tanpa_tingkat(STAF_AHLI["jabatan"])
    data = contoh(pegawai=CONTOH["pegawai"] + [STAF_AHLI])

    assert pertukaran.impor(data)["pegawai"]["dibuat"] == 3
    assert all(v == (0, 0) for v in nol_perubahan(pertukaran.impor(data)).values())
    baris = next(g for g in pertukaran.ekspor()["pegawai"] if g["nip"] == STAF_AHLI["nip"])
    assert (baris["jenis_jabatan"], "tingkat_jabatan" in baris) == ("struktural", False)

    def audit():
        return audit_kelembagaan(user=admin_organisasi, tanggal=hari_ini())

    assert [t.jabatan.nama for t in audit().jabatan_tanpa_tingkat] == [STAF_AHLI["jabatan"]]

    data["pegawai"][2]["tingkat_jabatan"] = "jpt_pratama"
    hasil = pertukaran.impor(data)

    assert hasil["jabatan"] == {"dibuat": 0, "diubah": 1, "tetap": 2}
    assert Jabatan.objects.get(nama=STAF_AHLI["jabatan"]).tingkat == "jpt_pratama"
    assert audit().jabatan_tanpa_tingkat == []
    assert nol_perubahan(pertukaran.impor(data))["jabatan"] == (0, 0)


@pytest.mark.django_db
def test_aktif_false_ends_the_person_and_disables_the_account():
    pertukaran.impor(contoh())
    data = contoh()
    data["pegawai"][1]["aktif"] = False

    hasil = pertukaran.impor(data)

    analis = Pegawai.objects.get(nip=ANALIS)
    assert hasil["pegawai"]["diubah"] == 1
    assert not analis.aktif and analis.unit is None and not analis.akun.is_active
    assert analis.riwayat_penempatan.get().selesai == hari_ini()
    assert nol_perubahan(pertukaran.impor(data))["pegawai"] == (0, 0)
    data["pegawai"][1]["aktif"] = True
    assert galat_impor(data) == [
        A1 + "aktif: Pegawai ini sudah diberhentikan; pengaktifan kembali tidak "
        'dapat dilakukan melalui impor (isi "aktif": false).'
    ]


@pytest.mark.django_db
def test_a_unit_admin_cannot_create_an_instansi_through_the_import():
    user = f.UserFactory(username="admin-unit", is_staff=True)
    pesan = galat_impor(contoh(), pelaku=user)
    assert pesan == ["instansi[0] kab-malang: Hanya Admin Organisasi yang dapat membuat instansi."]


def test_a_unit_admin_may_only_touch_their_subtree(struktur):
    user = f.UserFactory(username="admin-dinkes", is_staff=True)
    assign_perm("organisasi.kelola_unit", user, struktur.dinas)
    data = {
        "unit": [
            {
                "kode": "dinkes-baru",
                "nama": "Bidang Baru",
                "jenis": "bidang",
                "induk": "dinkes",
                "tingkat": "administrator",
            },
            {
                "kode": "setda-baru",
                "nama": "Bagian Baru",
                "jenis": "bagian",
                "induk": "setda-asisten-1",
                "tingkat": "administrator",
            },
        ]
    }
    assert galat_impor(data, pelaku=user) == [
        "unit[1] setda-baru: Anda tidak berwenang mengelola Asisten Pemerintahan."
    ]
    assert not Unit.objects.filter(kode="dinkes-baru").exists()
    assert pertukaran.impor({"unit": data["unit"][:1]}, pelaku=user)["unit"]["dibuat"] == 1


# --- commands ---------------------------------------------------------------------------------------


@pytest.fixture
def berkas_contoh(tmp_path):
    jalur = tmp_path / "struktur.json"
    jalur.write_text(json.dumps(contoh()), encoding="utf-8")
    return jalur


@pytest.mark.django_db
def test_impor_struktur_command_prints_the_summary(berkas_contoh):
    keluaran = io.StringIO()
    call_command("impor_struktur", str(berkas_contoh), stdout=keluaran)
    assert "pegawai: 2 dibuat, 0 diubah, 0 tetap" in keluaran.getvalue()
    assert Pegawai.objects.count() == 2


@pytest.mark.django_db
def test_impor_struktur_dry_run_saves_nothing(berkas_contoh):
    keluaran = io.StringIO()
    call_command("impor_struktur", str(berkas_contoh), "--dry-run", stdout=keluaran)
    assert "Uji coba" in keluaran.getvalue() and "unit: 3 dibuat" in keluaran.getvalue()
    assert jumlah_baris() == [0, 0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_impor_struktur_exits_non_zero_and_lists_errors_on_stderr(tmp_path, capsys, monkeypatch):
    # run_from_argv closes every connection at the end; keep the test's transaction open
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    data = contoh()
    data["pegawai"][1]["nip"] = "199013012015032001"
    jalur = tmp_path / "rusak.json"
    jalur.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(SystemExit) as keluar:
        ImporCommand().run_from_argv(["manage.py", "impor_struktur", str(jalur)])

    assert keluar.value.code == 1
    err = capsys.readouterr().err
    assert "pegawai[1] NIP 199013012015032001: nip: Tanggal lahir pada NIP" in err
    assert "Impor dibatalkan: 1 galat" in err
    assert jumlah_baris() == [0, 0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_impor_struktur_rejects_a_file_that_is_not_json(tmp_path):
    jalur = tmp_path / "bukan.json"
    jalur.write_text("{bukan json", encoding="utf-8")
    with pytest.raises(CommandError, match="bukan JSON yang sah"):
        call_command("impor_struktur", str(jalur))
    with pytest.raises(CommandError, match="tidak dapat dibuka"):
        call_command("impor_struktur", str(tmp_path / "tidak-ada.json"))


def test_ekspor_struktur_command_writes_utf8_json(struktur, tmp_path):
    services.pegawai_ubah(pelaku=None, pegawai=struktur.analis, nama="Analis Ñusantara, S.Sos.")
    keluaran = io.StringIO()
    call_command("ekspor_struktur", stdout=keluaran)
    assert json.loads(keluaran.getvalue()) == pertukaran.ekspor()
    assert "Ñusantara" in keluaran.getvalue() and '\n  "instansi": [' in keluaran.getvalue()

    jalur = tmp_path / "keluar.json"
    call_command("ekspor_struktur", "--instansi", "kab-uji", "-o", str(jalur), stderr=io.StringIO())
    assert json.loads(jalur.read_text(encoding="utf-8")) == pertukaran.ekspor(instansi="kab-uji")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("ekspor_struktur", "--instansi", "tidak-ada")
