"""Audit kelembagaan: each kind of finding, scope, and a constant number of queries."""

import datetime as dt
import re

import pytest
from django.utils.dateformat import format as date_format
from guardian.shortcuts import assign_perm

from organisasi import services
from organisasi.audit import audit_kelembagaan, dapat_mengaudit
from organisasi.choices import JenisPeran
from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.models import Jabatan, Unit
from organisasi.selectors import hari_ini
from sistemkerja.errors import BukanWewenang
from tests import factories as f

HARI = dt.date(2024, 5, 3)


def audit(user, tanggal=HARI):
    return audit_kelembagaan(user=user, tanggal=tanggal)


def kode(units):
    return sorted(u.kode for u in units)


def test_the_clean_structure_has_no_findings(struktur, admin_organisasi):
    hasil = audit(admin_organisasi)
    assert hasil.jumlah == {
        "tanpa_pola": 0,
        "tingkat_janggal": 0,
        "kosong": 0,
        "segera_berakhir": 0,
        "tanpa_unit": 0,
        "tidak_di_unitnya": 0,
        "jabatan_tanpa_tingkat": 0,
    }
    assert hasil.total == 0
    assert hasil.batas == dt.date(2024, 6, 2)


def test_a_seksi_under_a_bidang_fits_no_pattern_and_says_why(struktur, admin_organisasi):
    dinas = f.unit(struktur.akar, "dishub", J.DINAS, T.JPT_PRATAMA, True, "Dinas Perhubungan")
    bidang = f.unit(dinas, "dishub-lalin", J.BIDANG, T.ADMINISTRATOR, nama="Bidang Lalu Lintas")
    f.unit(bidang, "dishub-lalin-rekayasa", J.SEKSI, T.PENGAWAS, nama="Seksi Rekayasa")

    temuan = audit(admin_organisasi).tanpa_pola

    assert [t.unit.kode for t in temuan] == ["dishub"]
    assert len(temuan[0].alasan) == 1
    assert "Seksi Rekayasa (pengawas) → Bidang Lalu Lintas (administrator) → Dinas Perhubungan" in temuan[0].alasan[0]
    assert "tidak sesuai dengan pola mana pun" in temuan[0].alasan[0]


def test_a_unit_led_at_a_higher_level_than_its_parent_is_flagged(struktur, admin_organisasi):
    f.unit(struktur.kecamatan, "kec-kepanjen-upt", J.UPT, T.JPT_PRATAMA, True, "UPT Salah Tingkat")
    # same level as the parent is not flagged (an asisten sits at the level of the Sekda)
    temuan = audit(admin_organisasi).tingkat_janggal
    assert [(t.unit.kode, t.induk.kode) for t in temuan] == [("kec-kepanjen-upt", "kec-kepanjen")]


def test_a_vacant_head_is_listed_with_the_head_above_who_covers_it(struktur, admin_organisasi):
    f.unit(struktur.bidang, "dinkes-yankes-rujukan", J.SEKSI, T.PENGAWAS, nama="Seksi Rujukan")
    kosong_plt = f.unit(struktur.dinas, "dinkes-p2p", J.BIDANG, T.ADMINISTRATOR, nama="Bidang P2P")
    services.pejabat_tetapkan(
        pelaku=None,
        unit=kosong_plt,
        pegawai=struktur.staf_bidang,
        jenis=JenisPeran.PLT,
        mulai=dt.date(2024, 1, 1),
        selesai=dt.date(2024, 12, 31),
    )

    temuan = audit(admin_organisasi).kosong

    assert [t.unit.kode for t in temuan] == ["dinkes-yankes-rujukan"]  # the unit with a Plt is not vacant
    assert temuan[0].dirangkap.pegawai == struktur.kepala_bidang
    assert temuan[0].dirangkap.sebagai == "atasan"
    assert temuan[0].dirangkap.unit == struktur.bidang


def test_a_head_whose_term_ended_leaves_the_unit_vacant_covered_further_up(struktur, admin_organisasi):
    baris = struktur.kepala_bidang.peran_pimpinan.get()
    services.pejabat_akhiri(pelaku=None, pejabat=baris, selesai=dt.date(2024, 3, 31))

    temuan = audit(admin_organisasi).kosong

    assert [t.unit.kode for t in temuan] == ["dinkes-yankes"]
    assert temuan[0].dirangkap.pegawai == struktur.kepala_dinas
    # and the head is then no longer reported as sitting outside a unit they lead
    assert audit(admin_organisasi).tidak_di_unitnya == []


def test_acting_heads_and_delegations_ending_within_30_days_are_listed(struktur, admin_organisasi):
    kosong = f.unit(struktur.dinas, "dinkes-p2p", J.BIDANG, T.ADMINISTRATOR, nama="Bidang P2P")
    plt = services.pejabat_tetapkan(
        pelaku=None,
        unit=kosong,
        pegawai=struktur.staf_bidang,
        jenis=JenisPeran.PLT,
        mulai=dt.date(2024, 4, 1),
        selesai=HARI + dt.timedelta(days=10),
    )
    delegasi = services.pejabat_tetapkan(
        pelaku=None,
        unit=struktur.bag_org,
        pegawai=struktur.kepala_asisten,
        jenis=JenisPeran.DELEGASI,
        mulai=dt.date(2024, 5, 1),
        selesai=HARI + dt.timedelta(days=30),
    )
    # a Plh ending in 31 days and one that already ended are not listed
    services.pejabat_tetapkan(
        pelaku=None,
        unit=struktur.seksi,
        pegawai=struktur.staf_seksi,
        jenis=JenisPeran.PLH,
        mulai=dt.date(2024, 5, 1),
        selesai=HARI + dt.timedelta(days=31),
    )
    services.pejabat_tetapkan(
        pelaku=None,
        unit=struktur.kelurahan,
        pegawai=struktur.staf_kelurahan,
        jenis=JenisPeran.PLH,
        mulai=dt.date(2024, 4, 1),
        selesai=HARI - dt.timedelta(days=1),
    )

    hasil = audit(admin_organisasi)

    assert [b.pk for b in hasil.segera_berakhir] == [plt.pk, delegasi.pk]  # soonest first
    assert hasil.kosong == []  # the Plt fills the vacant bidang today


def test_active_staff_without_a_unit_are_listed(struktur, admin_organisasi):
    nanti = f.pegawai(struktur.bidang, nama="Calon Pegawai", mulai=dt.date.today() + dt.timedelta(days=20))
    keluar = f.pegawai(struktur.bidang, nama="Pensiunan")
    services.pegawai_berhentikan(pelaku=None, pegawai=keluar, tanggal=dt.date(2024, 1, 31), alasan="pensiun")

    hasil = audit(admin_organisasi)

    assert nanti.unit is None
    assert [p.nama for p in hasil.tanpa_unit] == ["Calon Pegawai"]


def test_a_definitive_head_placed_elsewhere_is_listed_with_where_they_sit(struktur, admin_organisasi):
    services.pegawai_pindahkan(
        pelaku=None,
        pegawai=struktur.kepala_seksi,
        unit=struktur.kecamatan,
        jabatan=struktur.kepala_seksi.jabatan,
        mulai=dt.date(2024, 2, 1),
    )

    temuan = audit(admin_organisasi).tidak_di_unitnya

    assert [(t.pejabat.unit.kode, t.pejabat.pegawai.nama) for t in temuan] == [
        ("kec-kepanjen-pem", "Kepala Seksi Pemerintahan")
    ]
    assert temuan[0].penempatan.unit == struktur.kecamatan
    # on a date before the move the head sat in the unit they lead
    assert audit(admin_organisasi, dt.date(2024, 1, 15)).tidak_di_unitnya == []


def test_a_unit_admin_audits_only_their_subtree(struktur):
    admin_dinas = f.UserFactory(username="admin-dinkes")
    assign_perm("organisasi.kelola_unit", admin_dinas, struktur.dinas)
    f.unit(struktur.bidang, "dinkes-yankes-rujukan", J.SEKSI, T.PENGAWAS, nama="Seksi Rujukan")
    f.unit(struktur.kecamatan, "kec-kepanjen-trantib", J.SEKSI, T.PENGAWAS, nama="Seksi Trantib")
    f.pegawai(struktur.bidang, nama="Calon Pegawai", mulai=dt.date.today() + dt.timedelta(days=20))

    hasil = audit(admin_dinas)

    assert dapat_mengaudit(admin_dinas)
    assert [t.unit.kode for t in hasil.kosong] == ["dinkes-yankes-rujukan"]
    assert hasil.tanpa_unit == []  # staff without a unit belong to no subtree: only Admin Organisasi see them


def test_a_unit_admin_sees_who_covers_a_vacancy_from_outside_their_subtree(struktur):
    admin_bidang = f.UserFactory(username="admin-bidang")
    assign_perm("organisasi.kelola_unit", admin_bidang, struktur.bidang)
    services.pejabat_akhiri(
        pelaku=None, pejabat=struktur.kepala_bidang.peran_pimpinan.get(), selesai=dt.date(2024, 3, 31)
    )

    temuan = audit(admin_bidang).kosong

    assert [t.unit.kode for t in temuan] == ["dinkes-yankes"]
    assert temuan[0].dirangkap.pegawai == struktur.kepala_dinas


@pytest.mark.parametrize("siapa", ["analis", "kepala_dinas"])
def test_staff_and_heads_without_an_admin_grant_may_not_audit(struktur, siapa):
    user = getattr(struktur, siapa).akun
    assert not dapat_mengaudit(user)
    with pytest.raises(BukanWewenang):
        audit(user)


def jabatan_struktural_tanpa_tingkat(nama: str) -> Jabatan:
    return Jabatan.objects.create(nama=nama, jenis="struktural", tingkat="")


def test_struktural_positions_without_a_level_are_listed_with_who_holds_them(struktur, admin_organisasi):
    staf_ahli = jabatan_struktural_tanpa_tingkat("Staf Ahli Bupati Bidang Hukum")
    kasubbag = jabatan_struktural_tanpa_tingkat("Kepala Subbagian Umum")
    f.pegawai(struktur.setda, jabatan_=staf_ahli, nama="Staf Ahli Satu")
    f.pegawai(struktur.bidang, jabatan_=kasubbag, nama="Kasubbag Dua")
    f.pegawai(struktur.dinas, jabatan_=kasubbag, nama="Kasubbag Satu")
    keluar = f.pegawai(struktur.bidang, jabatan_=kasubbag, nama="Kasubbag Pensiun")
    services.pegawai_berhentikan(pelaku=None, pegawai=keluar, tanggal=dt.date(2024, 1, 31), alasan="pensiun")

    hasil = audit(admin_organisasi)

    assert [(t.jabatan.nama, [p.nama for p in t.pemegang]) for t in hasil.jabatan_tanpa_tingkat] == [
        ("Kepala Subbagian Umum", ["Kasubbag Dua", "Kasubbag Satu"]),  # active holders only
        ("Staf Ahli Bupati Bidang Hukum", ["Staf Ahli Satu"]),
    ]
    assert hasil.jumlah["jabatan_tanpa_tingkat"] == 2 and hasil.jumlah["tanpa_unit"] == 0
    # a unit admin sees the positions held in their subtree
    admin_dinas = f.UserFactory(username="admin-dinkes")
    assign_perm("organisasi.kelola_unit", admin_dinas, struktur.dinas)
    assert [(t.jabatan.nama, [p.nama for p in t.pemegang]) for t in audit(admin_dinas).jabatan_tanpa_tingkat] == [
        ("Kepala Subbagian Umum", ["Kasubbag Dua", "Kasubbag Satu"])
    ]
    # once the level is filled in, the finding is gone
    Jabatan.objects.filter(pk=kasubbag.pk).update(tingkat=T.PENGAWAS)
    assert [t.jabatan.nama for t in audit(admin_organisasi).jabatan_tanpa_tingkat] == ["Staf Ahli Bupati Bidang Hukum"]


def _perbanyak(struktur, n: int) -> None:
    """More units, vacancies, acting heads and staff without a unit: findings grow, queries must not."""
    for i in range(n):
        dinas = f.unit(struktur.akar, f"dinas-{i}", J.DINAS, T.JPT_PRATAMA, True, f"Dinas {i}")
        bidang = f.unit(dinas, f"dinas-{i}-bidang", J.BIDANG, T.ADMINISTRATOR, nama=f"Bidang {i}")
        f.unit(bidang, f"dinas-{i}-seksi", J.SEKSI, T.PENGAWAS, nama=f"Seksi {i}")
        f.kepala(dinas)
        staf = f.pegawai(bidang)
        services.pejabat_tetapkan(
            pelaku=None,
            unit=bidang,
            pegawai=staf,
            jenis=JenisPeran.PLT,
            mulai=dt.date(2024, 5, 1),
            selesai=HARI + dt.timedelta(days=5),
        )
        f.pegawai(bidang, mulai=dt.date.today() + dt.timedelta(days=20))
        f.pegawai(bidang, jabatan_=jabatan_struktural_tanpa_tingkat(f"Staf Ahli {i}"))


def test_the_audit_runs_in_a_constant_number_of_queries(struktur, admin_organisasi, django_assert_num_queries):
    admin_organisasi = type(admin_organisasi).objects.get(pk=admin_organisasi.pk)
    # the grant, units, role rows, the heads' placements, staff without a unit or a level
    with django_assert_num_queries(5):
        kecil = audit(admin_organisasi)
    _perbanyak(struktur, 4)
    admin_organisasi = type(admin_organisasi).objects.get(pk=admin_organisasi.pk)
    with django_assert_num_queries(5):
        besar = audit(admin_organisasi)
    assert kecil.total == 0
    assert besar.jumlah["tanpa_pola"] == 4 and besar.jumlah["kosong"] == 4
    assert besar.jumlah["segera_berakhir"] == 4 and besar.jumlah["tanpa_unit"] == 4
    assert besar.jumlah["jabatan_tanpa_tingkat"] == 4
    assert Unit.objects.count() > 20


def test_a_unit_admins_audit_runs_in_a_constant_number_of_queries(struktur, django_assert_num_queries):
    admin_dinas = f.UserFactory(username="admin-dinkes")
    assign_perm("organisasi.kelola_unit", admin_dinas, struktur.dinas)
    segar = type(admin_dinas).objects.get(pk=admin_dinas.pk)  # no cached scope
    # the grant, guardian grants, own pegawai record, units, ancestors, role rows, placements, staff
    with django_assert_num_queries(8):
        audit(segar)
    for i in range(4):
        f.unit(struktur.bidang, f"dinkes-seksi-{i}", J.SEKSI, T.PENGAWAS)
        f.pegawai(struktur.bidang, mulai=dt.date.today() + dt.timedelta(days=20))
    segar = type(admin_dinas).objects.get(pk=admin_dinas.pk)
    with django_assert_num_queries(8):
        hasil = audit(segar)
    assert hasil.jumlah["kosong"] == 4


# --- the page -------------------------------------------------------------------------------------


def teks(resp) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", resp.content.decode()))


def test_the_audit_page_counts_and_lists_each_kind_of_problem(client, struktur, admin_organisasi):
    hari = hari_ini()
    f.unit(struktur.bidang, "dinkes-yankes-rujukan", J.SEKSI, T.PENGAWAS, nama="Seksi Rujukan")
    kosong = f.unit(struktur.dinas, "dinkes-p2p", J.BIDANG, T.ADMINISTRATOR, nama="Bidang P2P")
    services.pejabat_tetapkan(
        pelaku=None,
        unit=kosong,
        pegawai=struktur.staf_bidang,
        jenis=JenisPeran.PLT,
        mulai=hari - dt.timedelta(days=3),
        selesai=hari + dt.timedelta(days=10),
    )
    f.pegawai(struktur.bidang, nama="Calon Pegawai", mulai=hari + dt.timedelta(days=20))
    services.pegawai_pindahkan(
        pelaku=None,
        pegawai=struktur.kepala_seksi,
        unit=struktur.kecamatan,
        jabatan=struktur.kepala_seksi.jabatan,
        mulai=hari - dt.timedelta(days=1),
    )
    f.pegawai(
        struktur.setda,
        jabatan_=jabatan_struktural_tanpa_tingkat("Staf Ahli Bupati Bidang Hukum"),
        nama="Staf Ahli Satu",
    )
    client.force_login(admin_organisasi)

    resp = client.get("/audit/")
    halaman = teks(resp)

    assert resp.status_code == 200
    assert "1 Unit Organisasi tidak sesuai pola" in halaman
    assert "0 tingkat tidak konsisten" in halaman
    assert "1 jabatan pimpinan kosong" in halaman
    assert "1 Plt/Plh/delegasi segera berakhir" in halaman
    assert "1 pegawai aktif tanpa unit" in halaman
    assert "1 pejabat tidak ditempatkan di unit yang dipimpin" in halaman
    assert "1 jabatan struktural tanpa tingkat" in halaman
    assert "Staf Ahli Bupati Bidang Hukum Staf Ahli Satu (Sekretariat Daerah)" in halaman
    assert "Rantai Seksi Rujukan (pengawas) → Bidang Pelayanan Kesehatan (administrator)" in halaman
    assert "Seksi Rujukan Pengawas Kepala Bidang Pelayanan Kesehatan — Bidang Pelayanan Kesehatan" in halaman
    assert (
        f"Bidang P2P Staf Bidang Pelaksana Tugas (Plt) {date_format(hari - dt.timedelta(days=3), 'j F Y')} "
        f"{date_format(hari + dt.timedelta(days=10), 'j F Y')}"
    ) in halaman
    assert "Calon Pegawai" in halaman
    assert "Seksi Pemerintahan Kepala Seksi Pemerintahan Kecamatan Kepanjen" in halaman
    assert 'href="/unit/dinkes/"' in resp.content.decode()


def test_a_unit_admin_audits_only_their_subtree_on_the_page(client, struktur):
    admin_dinas = f.UserFactory(username="admin-dinkes")
    assign_perm("organisasi.kelola_unit", admin_dinas, struktur.dinas)
    f.unit(struktur.bidang, "dinkes-yankes-rujukan", J.SEKSI, T.PENGAWAS, nama="Seksi Rujukan")
    f.unit(struktur.kecamatan, "kec-kepanjen-trantib", J.SEKSI, T.PENGAWAS, nama="Seksi Trantib")
    client.force_login(admin_dinas)

    resp = client.get("/audit/")

    assert resp.status_code == 200
    assert "Seksi Rujukan" in teks(resp) and "Seksi Trantib" not in teks(resp)
    assert 'href="/audit/"' in resp.content.decode()  # in the menu too


@pytest.mark.parametrize("siapa", ["analis", "kepala_setda"])
def test_staff_without_an_admin_grant_get_403_on_the_page(client, struktur, siapa):
    client.force_login(getattr(struktur, siapa).akun)
    assert client.get("/audit/").status_code == 403


def test_the_page_on_another_date_and_with_a_bad_date(client, struktur, admin_organisasi):
    client.force_login(admin_organisasi)
    halaman = teks(client.get("/audit/", {"tanggal": "2024-05-03"}))
    assert "Keadaan struktur pada 3 Mei 2024" in halaman and "sampai 2 Juni 2024" in halaman
    resp = client.get("/audit/", {"tanggal": "3 Mei"})
    assert resp.status_code == 200 and "Tanggal tidak dikenali" in teks(resp)
