import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from organisasi import nip

HARI = dt.date(2026, 11, 23)


def pesan(nilai, jenis=None):
    with pytest.raises(ValidationError) as e:
        nip.urai(nilai, jenis, hari_ini=HARI)
    return " ".join(e.value.messages)


def test_it_accepts_the_pns_nip_from_the_seed_with_spaces():
    t = nip.urai("19580415 198403 1 012", hari_ini=HARI)
    assert (t.nip, t.jenis_asn, t.tanggal_lahir, t.tmt, t.jenis_kelamin, t.nomor_urut) == (
        "195804151984031012",
        "pns",
        dt.date(1958, 4, 15),
        dt.date(1984, 3, 1),
        "1",
        "012",
    )


def test_it_accepts_a_pppk_number_and_recognises_it():
    t = nip.urai("199001012021 2 1 2 007", hari_ini=HARI)
    assert (t.jenis_asn, t.tmt, t.jenis_kelamin) == ("pppk", dt.date(2021, 1, 1), "2")


@pytest.mark.parametrize(
    "nilai, potongan",
    [
        ("1958041519840310", "harus 18 digit angka (diterima 16 digit)"),
        ("19580415198403101X", "hanya boleh berisi angka"),
        ("195802301984031012", "Tanggal lahir pada NIP (digit 1–8: 19580230) bukan tanggal yang sah"),
        ("195804151984131012", "TMT pengangkatan (digit 9–14: 198413) bukan tanggal yang sah"),
        ("195804151970031012", "sebelum pegawai berusia 18 tahun"),
        ("199004152027031012", "TMT pengangkatan (digit 9–14: 202703) ada di masa depan"),
        ("195804151984033012", "Digit jenis kelamin pada NIP (digit 15: 3) harus 1 (pria) atau 2 (wanita)"),
        ("202801011984031012", "ada di masa depan"),
    ],
)
def test_it_names_the_wrong_part_of_a_pns_nip(nilai, potongan):
    assert potongan in pesan(nilai, "pns")


@pytest.mark.parametrize(
    "nilai, potongan",
    [
        ("199001012030211001", "Tahun pengangkatan (digit 9–12: 2030) ada di masa depan"),
        ("199001012021311001", "Digit ke-13 Nomor Induk PPPK harus 2 (diterima 3)"),
        ("199001012021215001", "Digit jenis kelamin pada NIP (digit 15: 5)"),
        ("201001012021211001", "sebelum pegawai berusia 18 tahun"),
    ],
)
def test_it_names_the_wrong_part_of_a_pppk_number(nilai, potongan):
    assert potongan in pesan(nilai, "pppk")


def test_the_18th_birthday_bound_is_inclusive_of_the_appointment_month():
    assert nip.urai("200005152018051001", hari_ini=HARI).tmt == dt.date(2018, 5, 1)
    assert "18 tahun" in pesan("200005152018041001")


def test_display_groups_pns_and_pppk_differently():
    assert nip.tampilkan("195804151984031012") == "19580415 198403 1 012"
    assert nip.tampilkan("199001012021212007") == "19900101 2021 2 1 2 007"


@given(
    lahir=st.dates(dt.date(1960, 1, 1), dt.date(1999, 12, 31)),
    tahun_tambah=st.integers(18, 25),
    bulan=st.integers(1, 12),
    jk=st.sampled_from("12"),
    urut=st.integers(0, 999),
)
def test_every_well_formed_pns_nip_round_trips(lahir, tahun_tambah, bulan, jk, urut):
    tahun = lahir.year + tahun_tambah + 1
    nilai = f"{lahir:%Y%m%d}{tahun}{bulan:02d}{jk}{urut:03d}"
    t = nip.urai(nip.tampilkan(nilai), hari_ini=HARI)
    assert (t.nip, t.tanggal_lahir, t.jenis_kelamin) == (nilai, lahir, jk)
