import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import assign_perm

from organisasi import services
from organisasi.choices import JenisUnit, Tingkat
from organisasi.models import MutasiKolektif, Pegawai, PejabatUnit, Penempatan, Unit
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from tests import factories as f

D = dt.date


def galat(fungsi, **kwargs):
    with pytest.raises(ValidationError) as e:
        fungsi(**kwargs)
    return e.value.message_dict


def test_unit_buat_rejects_a_duplicate_kode_and_a_missing_tingkat(struktur):
    assert "kode" in galat(
        services.unit_buat,
        pelaku=None,
        induk=struktur.dinas,
        kode="dinkes-yankes",
        nama="X",
        jenis=JenisUnit.BIDANG,
        tingkat=Tingkat.ADMINISTRATOR,
    )
    assert "tingkat" in galat(
        services.unit_buat, pelaku=None, induk=struktur.dinas, kode="baru", nama="X", jenis=JenisUnit.BIDANG, tingkat=""
    )
    assert not Unit.objects.filter(kode="baru").exists()


def test_a_unit_admin_manages_only_their_subtree(struktur):
    admin_dinas = f.UserFactory(username="admin-dinkes")
    assign_perm("organisasi.kelola_unit", admin_dinas, struktur.dinas)
    bidang = services.unit_buat(
        pelaku=admin_dinas,
        induk=struktur.dinas,
        kode="dinkes-p2p",
        nama="Bidang P2P",
        jenis=JenisUnit.BIDANG,
        tingkat=Tingkat.ADMINISTRATOR,
    )
    assert bidang.induk == struktur.dinas and bidang.path.startswith(struktur.dinas.path)
    with pytest.raises(BukanWewenang):
        services.unit_buat(
            pelaku=admin_dinas,
            induk=struktur.kecamatan,
            kode="kec-x",
            nama="X",
            jenis=JenisUnit.SEKSI,
            tingkat=Tingkat.PENGAWAS,
        )
    with pytest.raises(BukanWewenang):
        services.instansi_buat(pelaku=admin_dinas, kode="kota-x", nama="Kota X")


def test_unit_pindahkan_moves_the_subtree_and_recomputes_patterns(struktur):
    s = struktur
    services.unit_pindahkan(pelaku=None, unit=s.seksi, induk_baru=s.bidang)
    s.seksi.refresh_from_db(), s.dinas.refresh_from_db(), s.kecamatan.refresh_from_db()
    assert s.seksi.induk == s.bidang and s.seksi.path.startswith(s.bidang.path)
    assert s.dinas.pola is None  # seksi under a bidang: three levels, no pattern
    # left with no sub-unit, the camat is PPK and Pimpinan alone: the level-II single-level case (pola 3)
    assert s.kecamatan.pola == 3
    assert "pengawas" in s.dinas.catatan_pola
    with pytest.raises(ValidationError):
        services.unit_pindahkan(pelaku=None, unit=s.dinas, induk_baru=s.bidang)


def test_unit_ubah_records_history_with_actor_and_reason(struktur, admin_organisasi):
    services.unit_ubah(pelaku=admin_organisasi, unit=struktur.bidang, nama="Bidang Yankes")
    h = struktur.bidang.history.latest()
    assert (h.nama, h.history_user, h.history_change_reason) == ("Bidang Yankes", admin_organisasi, "unit_ubah: nama")
    assert "nip" in galat(
        services.pegawai_daftarkan,
        pelaku=None,
        nip="1958",
        nama="X",
        unit=struktur.bidang,
        jabatan=f.jabatan_pelaksana(),
    )


def test_pegawai_daftarkan_validates_nip_and_golongan_and_creates_an_account(struktur):
    s = struktur
    msg = galat(
        services.pegawai_daftarkan,
        pelaku=None,
        nip="19580230 198403 1 012",
        nama="X",
        unit=s.bidang,
        jabatan=f.jabatan_pelaksana(),
    )
    assert "Tanggal lahir" in msg["nip"][0]
    assert "golongan" in galat(
        services.pegawai_daftarkan,
        pelaku=None,
        nip="19580415 198403 1 012",
        nama="X",
        unit=s.bidang,
        jabatan=f.jabatan_pelaksana(),
        golongan="V/a",
    )
    p = services.pegawai_daftarkan(
        pelaku=None,
        nip="19580415 198403 1 012",
        nama="Shofwan",
        unit=s.bidang,
        jabatan=f.jabatan_pelaksana(),
        golongan="IV/d",
        mulai=D(2024, 1, 1),
    )
    assert (p.nip, p.tanggal_lahir, p.jenis_kelamin, p.akun.username) == (
        "195804151984031012",
        D(1958, 4, 15),
        "1",
        "195804151984031012",
    )
    assert not p.akun.has_usable_password()
    assert (
        "sudah terdaftar"
        in galat(
            services.pegawai_daftarkan,
            pelaku=None,
            nip="195804151984031012",
            nama="X",
            unit=s.bidang,
            jabatan=f.jabatan_pelaksana(),
        )["nip"][0]
    )


def test_pegawai_pindahkan_keeps_the_history_of_placements(struktur):
    s = struktur
    services.pegawai_pindahkan(
        pelaku=None,
        pegawai=s.staf_bidang,
        unit=s.seksi,
        jabatan=s.staf_bidang.jabatan,
        mulai=D(2024, 1, 1),
        nomor_sk="SK-1",
    )
    rows = list(
        Penempatan.objects.filter(pegawai=s.staf_bidang)
        .order_by("mulai")
        .values_list("unit__kode", "mulai", "selesai", "nomor_sk")
    )
    assert rows == [
        ("dinkes-yankes", D(2020, 1, 1), D(2023, 12, 31), ""),
        ("kec-kepanjen-pem", D(2024, 1, 1), None, "SK-1"),
    ]
    s.staf_bidang.refresh_from_db()
    assert s.staf_bidang.unit == s.seksi
    assert "mulai" in galat(
        services.pegawai_pindahkan,
        pelaku=None,
        pegawai=s.staf_bidang,
        unit=s.bidang,
        jabatan=s.staf_bidang.jabatan,
        mulai=D(2023, 6, 1),
    )


def test_a_future_placement_takes_effect_on_its_day(struktur):
    s = struktur
    besok = services.hari_ini() + dt.timedelta(days=1)
    services.pegawai_pindahkan(
        pelaku=None, pegawai=s.staf_bidang, unit=s.seksi, jabatan=s.staf_bidang.jabatan, mulai=besok
    )
    s.staf_bidang.refresh_from_db()
    assert s.staf_bidang.unit == s.bidang
    assert services.sinkron_penempatan(tanggal=besok) == 1
    assert services.sinkron_penempatan(tanggal=besok) == 0
    s.staf_bidang.refresh_from_db()
    assert s.staf_bidang.unit == s.seksi


def test_mutasi_kolektif_is_all_or_nothing(struktur):
    s = struktur
    jab = f.jabatan_pelaksana()
    baris = [services.BarisMutasi(s.staf_bidang, s.seksi, jab), services.BarisMutasi(s.staf_upt5, s.kelurahan, jab)]
    m = services.mutasi_kolektif(
        pelaku=None,
        nomor_sk="821.2/96/35.07.402/2024",
        tanggal_sk=D(2024, 5, 3),
        berlaku_mulai=D(2024, 5, 3),
        daftar=baris,
        perihal="Mutasi 96 ASN",
    )
    assert set(m.penempatan.values_list("pegawai__nama", "unit__kode", "nomor_sk")) == {
        ("Staf Bidang", "kec-kepanjen-pem", "821.2/96/35.07.402/2024"),
        ("Staf Lab", "kel-cepokomulyo", "821.2/96/35.07.402/2024"),
    }
    buruk = [services.BarisMutasi(s.staf_seksi, s.bidang, jab), services.BarisMutasi(s.staf_kelurahan, s.akar, jab)]
    msg = galat(
        services.mutasi_kolektif,
        pelaku=None,
        nomor_sk="SK-2",
        tanggal_sk=D(2024, 6, 1),
        berlaku_mulai=D(2024, 6, 1),
        daftar=buruk,
    )
    assert "daftar[1]" in msg and "Staf Kelurahan" in msg["daftar[1]"][0]
    assert MutasiKolektif.objects.count() == 1
    assert Penempatan.objects.get(pegawai=s.staf_seksi, selesai__isnull=True).unit == s.seksi
    assert "daftar" in galat(
        services.mutasi_kolektif,
        pelaku=None,
        nomor_sk="SK-3",
        tanggal_sk=D(2024, 6, 1),
        berlaku_mulai=D(2024, 6, 1),
        daftar=[baris[0], baris[0]],
    )


def test_pegawai_berhentikan_ends_everything_and_disables_the_account(struktur):
    s = struktur
    services.pegawai_berhentikan(pelaku=None, pegawai=s.kepala_seksi, tanggal=D(2024, 5, 31), alasan="Pensiun")
    p = Pegawai.objects.get(pk=s.kepala_seksi.pk)
    assert (p.aktif, p.unit, p.akun.is_active) == (False, None, False)
    assert not PejabatUnit.objects.filter(pegawai=p, selesai__isnull=True).exists()
    with pytest.raises(TransisiTidakSah):
        services.pegawai_berhentikan(pelaku=None, pegawai=p, tanggal=D(2024, 6, 1), alasan="lagi")


class TestPejabatTetapkan:
    def tetapkan(self, s, unit, pegawai, jenis, mulai, selesai=None):
        return services.pejabat_tetapkan(
            pelaku=None, unit=getattr(s, unit), pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai
        )

    def test_plt_only_fills_a_vacancy(self, struktur):
        msg = galat(
            self.tetapkan,
            s=struktur,
            unit="seksi",
            pegawai=struktur.staf_seksi,
            jenis="plt",
            mulai=D(2024, 5, 1),
            selesai=D(2024, 6, 1),
        )
        assert "gunakan Plh" in msg["jenis"][0]

    def test_plh_needs_a_definitive_head(self, struktur):
        services.pejabat_akhiri(
            pelaku=None, pejabat=PejabatUnit.objects.get(pegawai=struktur.kepala_seksi), selesai=D(2024, 4, 30)
        )
        msg = galat(
            self.tetapkan,
            s=struktur,
            unit="seksi",
            pegawai=struktur.staf_seksi,
            jenis="plh",
            mulai=D(2024, 5, 1),
            selesai=D(2024, 6, 1),
        )
        assert "gunakan Plt" in msg["jenis"][0]

    def test_acting_roles_need_an_end_date_after_the_start(self, struktur):
        assert "selesai" in galat(
            self.tetapkan, s=struktur, unit="seksi", pegawai=struktur.staf_seksi, jenis="plh", mulai=D(2024, 5, 1)
        )
        assert "selesai" in galat(
            self.tetapkan,
            s=struktur,
            unit="seksi",
            pegawai=struktur.staf_seksi,
            jenis="plh",
            mulai=D(2024, 5, 1),
            selesai=D(2024, 4, 1),
        )

    def test_overlapping_acting_roles_are_refused(self, struktur):
        self.tetapkan(struktur, "seksi", struktur.staf_seksi, "plh", D(2024, 5, 1), D(2024, 5, 31))
        msg = galat(
            self.tetapkan,
            s=struktur,
            unit="seksi",
            pegawai=struktur.staf_bidang,
            jenis="plh",
            mulai=D(2024, 5, 20),
            selesai=D(2024, 6, 10),
        )
        assert "Bertumpang" in msg["mulai"][0]

    def test_a_new_definitive_head_replaces_the_old_and_ends_a_plt(self, struktur):
        s = struktur
        services.pejabat_akhiri(
            pelaku=None, pejabat=PejabatUnit.objects.get(pegawai=s.kepala_seksi), selesai=D(2024, 4, 30)
        )
        self.tetapkan(s, "seksi", s.staf_seksi, "plt", D(2024, 5, 1), D(2024, 12, 31))
        baru = f.pegawai(s.seksi, jabatan_=f.jabatan_struktural(Tingkat.PENGAWAS), nama="Kasi Baru")
        self.tetapkan(s, "seksi", baru, "definitif", D(2024, 7, 1))
        assert PejabatUnit.objects.get(pegawai=s.staf_seksi, jenis="plt").selesai == D(2024, 6, 30)
        lain = f.pegawai(s.seksi, jabatan_=f.jabatan_struktural(Tingkat.PENGAWAS), nama="Kasi Lain")
        self.tetapkan(s, "seksi", lain, "definitif", D(2024, 9, 1))
        assert PejabatUnit.objects.get(pegawai=baru).selesai == D(2024, 8, 31)

    def test_a_definitive_head_must_hold_a_position_of_the_units_level(self, struktur):
        msg = galat(
            self.tetapkan,
            s=struktur,
            unit="bidang",
            pegawai=struktur.staf_bidang,
            jenis="definitif",
            mulai=D(2024, 5, 1),
        )
        assert "tidak setingkat" in msg["pegawai"][0]

    def test_a_head_cannot_delegate_to_themselves(self, struktur):
        msg = galat(
            self.tetapkan,
            s=struktur,
            unit="bidang",
            pegawai=struktur.kepala_bidang,
            jenis="delegasi",
            mulai=D(2024, 5, 1),
            selesai=D(2024, 6, 1),
        )
        assert "dirinya sendiri" in msg["pegawai"][0]

    def test_ending_a_term_twice_is_a_state_error(self, struktur):
        baris = PejabatUnit.objects.get(pegawai=struktur.kepala_seksi)
        services.pejabat_akhiri(pelaku=None, pejabat=baris, selesai=D(2024, 4, 30))
        with pytest.raises(TransisiTidakSah):
            services.pejabat_akhiri(pelaku=None, pejabat=baris, selesai=D(2024, 5, 30))
        assert "selesai" in galat(services.pejabat_akhiri, pelaku=None, pejabat=baris, selesai=D(2019, 1, 1))


def test_a_granted_or_withdrawn_permission_takes_effect_at_once(struktur, django_assert_num_queries):
    from django.contrib.auth.models import Group

    from organisasi.models import Unit
    from organisasi.permissions import GRUP_KLIEN_API, cakupan_jalur, pastikan_grup_peran

    pastikan_grup_peran()
    klien = f.UserFactory(username="klien-uji")
    assert cakupan_jalur(klien) == []
    klien = type(klien).objects.get(pk=klien.pk)  # a new request
    klien.groups.add(Group.objects.get(name=GRUP_KLIEN_API))
    assert cakupan_jalur(klien) is None
    assert Unit.objects.restrict(klien).count() == Unit.objects.count()
    with django_assert_num_queries(0):
        assert cakupan_jalur(klien) is None  # kept on the user for the request
    klien.groups.clear()
    klien = type(klien).objects.get(pk=klien.pk)
    assert cakupan_jalur(klien) == []


@pytest.mark.parametrize("mulai", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1999, 12, 31)])
def test_a_role_or_move_dated_outside_the_plausible_window_is_refused(struktur, mulai):
    """0001-01-01 overflowed in the date arithmetic (500); periods lie in 2000..2099."""
    with pytest.raises(ValidationError) as e:
        services.pejabat_tetapkan(
            pelaku=None, unit=struktur.bidang, pegawai=struktur.staf_bidang, jenis="plt", mulai=mulai
        )
    assert "mulai" in e.value.message_dict
    with pytest.raises(ValidationError):
        services.pegawai_pindahkan(
            pelaku=None, pegawai=struktur.analis, unit=struktur.bidang, jabatan=struktur.analis.jabatan, mulai=mulai
        )
