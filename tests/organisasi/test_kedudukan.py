import datetime as dt

import pytest

from organisasi import services
from organisasi.selectors import kedudukan_pada
from tests.conftest import HARI


def ringkas(k):
    return {
        "ppk": (k.ppk.pegawai.nama, k.ppk.sebagai) if k.ppk else None,
        "pimpinan": (k.pimpinan.pegawai.nama, k.pimpinan.sebagai) if k.pimpinan else None,
        "rantai": [p.pegawai.nama for p in k.rantai],
        "pola": k.pola,
    }


@pytest.mark.parametrize(
    "staf, ppk, rantai, pola",
    [
        ("analis", "bag_org", ["bag_org", "asisten", "setda"], 1),
        ("staf_bidang", "bidang", ["bidang", "dinas"], 2),
        ("staf_dpmptsp", "dpmptsp", ["dpmptsp"], 3),
        ("staf_sek_dpmptsp", "sek_dpmptsp", ["sek_dpmptsp"], 3),
        ("staf_seksi", "seksi", ["seksi", "kecamatan"], 4),
        ("staf_kelurahan", "kelurahan", ["kelurahan"], 5),
        ("staf_upt5", "upt5", ["upt5"], 5),
        ("staf_upt6", "upt6", ["upt6"], 6),
    ],
)
def test_each_pattern_resolves_from_the_tree(struktur, staf, ppk, rantai, pola):
    k = kedudukan_pada(getattr(struktur, staf), HARI)
    nama = lambda u: getattr(struktur, f"kepala_{u}").nama  # noqa: E731
    assert ringkas(k) == {
        "ppk": (nama(ppk), "definitif"),
        "pimpinan": (nama(rantai[-1]), "definitif"),
        "rantai": [nama(u) for u in rantai],
        "pola": pola,
    }


def test_unit_patterns_are_stored(struktur):
    pola = {
        u: getattr(struktur, u).pola
        for u in ["setda", "dinas", "dpmptsp", "sek_dpmptsp", "kecamatan", "kelurahan", "upt5", "upt6", "bidang"]
    }
    assert pola == {
        "setda": 1,
        "dinas": 2,
        "dpmptsp": 3,
        "sek_dpmptsp": 3,
        "kecamatan": 4,
        "kelurahan": 5,
        "upt5": 5,
        "upt6": 6,
        "bidang": None,
    }


def tetapkan(struktur, unit, pegawai, jenis, mulai, selesai=None):

    return services.pejabat_tetapkan(
        pelaku=None, unit=getattr(struktur, unit), pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai
    )


def test_plh_in_force_acts_as_ppk_and_only_within_its_dates(struktur):
    s = struktur
    tetapkan(s, "bag_org", s.kepala_seksi, "plh", dt.date(2024, 5, 1), dt.date(2024, 5, 10))
    k = kedudukan_pada(s.analis, HARI)
    assert (k.ppk.pegawai, k.ppk.sebagai) == (s.kepala_seksi, "plh")
    assert [p.pegawai for p in k.rantai] == [s.kepala_seksi, s.kepala_asisten, s.kepala_setda]
    sesudah = kedudukan_pada(s.analis, dt.date(2024, 5, 11))
    assert (sesudah.ppk.pegawai, sesudah.ppk.sebagai) == (s.kepala_bag_org, "definitif")


def test_delegation_beats_plh_and_the_delegating_head_still_reviews(struktur):
    s = struktur
    tetapkan(s, "bidang", s.kepala_seksi, "plh", dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    tetapkan(s, "bidang", s.staf_upt5, "delegasi", dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    k = kedudukan_pada(s.staf_bidang, HARI)
    assert (k.ppk.pegawai, k.ppk.sebagai) == (s.staf_upt5, "delegasi")
    assert [(p.pegawai, p.sebagai) for p in k.rantai] == [
        (s.staf_upt5, "delegasi"),
        (s.kepala_seksi, "plh"),
        (s.kepala_dinas, "definitif"),
    ]
    assert (k.pimpinan.pegawai, k.pimpinan.sebagai) == (s.kepala_dinas, "definitif")


def test_vacant_head_is_covered_by_the_next_head_up(struktur):
    from organisasi.models import PejabatUnit

    s = struktur
    services.pejabat_akhiri(
        pelaku=None, pejabat=PejabatUnit.objects.get(pegawai=s.kepala_bidang), selesai=dt.date(2024, 4, 30)
    )
    k = kedudukan_pada(s.staf_bidang, HARI)
    assert (k.ppk.pegawai, k.ppk.sebagai, k.ppk.unit) == (s.kepala_dinas, "atasan", s.dinas)
    assert [p.pegawai for p in k.rantai] == [s.kepala_dinas]
    assert k.pola == 2  # the structure still says pattern 2; only the person is missing


def test_plt_fills_a_vacant_pimpinan(struktur):
    from organisasi.models import PejabatUnit

    s = struktur
    services.pejabat_akhiri(
        pelaku=None, pejabat=PejabatUnit.objects.get(pegawai=s.kepala_kelurahan), selesai=dt.date(2024, 4, 30)
    )
    tetapkan(s, "kelurahan", s.kepala_seksi, "plt", dt.date(2024, 5, 1), dt.date(2024, 7, 31))
    k = kedudukan_pada(s.staf_kelurahan, HARI)
    assert (k.ppk.pegawai, k.ppk.sebagai) == (s.kepala_seksi, "plt")
    assert (k.pimpinan.pegawai, k.pimpinan.sebagai) == (s.kepala_seksi, "plt")
    # before the Plt started, the camat covered the vacancy
    sebelum = kedudukan_pada(s.staf_kelurahan, dt.date(2024, 4, 30))
    assert (sebelum.ppk.pegawai, sebelum.ppk.sebagai) == (s.kepala_kelurahan, "definitif")
    kosong = kedudukan_pada(s.staf_kelurahan, dt.date(2024, 8, 1))
    assert (kosong.ppk.pegawai, kosong.ppk.sebagai) == (s.kepala_kecamatan, "atasan")


def test_a_head_is_assessed_from_the_node_above(struktur):
    s = struktur
    k = kedudukan_pada(s.kepala_bag_org, HARI)
    assert [p.pegawai for p in k.rantai] == [s.kepala_asisten, s.kepala_setda]
    assert k.pola == 1
    kabid = kedudukan_pada(s.kepala_bidang, HARI)
    assert (kabid.ppk.pegawai, kabid.pimpinan.pegawai, kabid.pola) == (s.kepala_dinas, s.kepala_dinas, 2)
    lurah = kedudukan_pada(s.kepala_kelurahan, HARI)
    assert (lurah.ppk.pegawai, lurah.pimpinan.pegawai) == (s.kepala_kecamatan, s.kepala_kecamatan)


def test_top_of_an_agency_has_no_ppk_in_the_tree(struktur):
    k = kedudukan_pada(struktur.kepala_dinas, HARI)
    assert (k.ppk, k.pimpinan, k.rantai) == (None, None, ())


def test_kedudukan_follows_placement_history(struktur):

    s = struktur
    services.pegawai_pindahkan(
        pelaku=None,
        pegawai=s.staf_bidang,
        unit=s.seksi,
        jabatan=s.staf_bidang.jabatan,
        mulai=dt.date(2024, 6, 1),
        nomor_sk="800/1/35.07.402/2024",
    )
    assert kedudukan_pada(s.staf_bidang, HARI).ppk.pegawai == s.kepala_bidang
    juni = kedudukan_pada(s.staf_bidang, dt.date(2024, 6, 1))
    assert (juni.unit, juni.ppk.pegawai, juni.pola) == (s.seksi, s.kepala_seksi, 4)
    assert kedudukan_pada(s.staf_bidang, dt.date(2019, 1, 1)).unit is None


def test_kedudukan_pada_runs_in_two_queries_whatever_the_depth(struktur, django_assert_num_queries):
    # the placement, the ancestors with their heads
    with django_assert_num_queries(2):
        k = kedudukan_pada(struktur.analis, HARI)
    with django_assert_num_queries(0):
        assert [(p.pegawai.nama, p.pegawai.jabatan.nama, p.unit.kode) for p in k.rantai] == [
            ("Kepala Bagian Organisasi", "Kepala Bidang", "setda-bag-organisasi"),
            ("Kepala Asisten Pemerintahan", "Kepala Dinas", "setda-asisten-1"),
            ("Kepala Sekretariat Daerah", "Kepala Dinas", "setda"),
        ]
    # fields not read by the selector are deferred, never silently empty
    assert k.ppk.pegawai.tanggal_lahir == struktur.kepala_bag_org.tanggal_lahir


def _peran_sementara(s, hari):
    """Two vacancies, a Plt over their own unit, a Plh and a delegation, all in force on `hari`."""
    from organisasi.choices import JenisPeran
    from organisasi.models import PejabatUnit

    sampai = hari + dt.timedelta(days=30)
    for unit in (s.upt5, s.seksi):
        services.pejabat_akhiri(
            pelaku=None,
            pejabat=PejabatUnit.objects.get(unit=unit, jenis="definitif"),
            selesai=hari - dt.timedelta(days=1),
        )
    services.pejabat_tetapkan(
        pelaku=None, unit=s.upt5, pegawai=s.staf_upt5, jenis=JenisPeran.PLT, mulai=hari, selesai=sampai
    )
    services.pejabat_tetapkan(
        pelaku=None, unit=s.bag_org, pegawai=s.analis, jenis=JenisPeran.PLH, mulai=hari, selesai=sampai
    )
    services.pejabat_tetapkan(
        pelaku=None, unit=s.kecamatan, pegawai=s.staf_seksi, jenis=JenisPeran.DELEGASI, mulai=hari, selesai=sampai
    )


@pytest.mark.parametrize("hari_lalu", [0, 1, 400], ids=["in-force", "the-day-before", "a-year-before"])
def test_kedudukan_pada_agrees_with_kedudukan_banyak_for_everyone(struktur, hari_lalu):
    """The one-person path (hand-written SQL) and the many-people path (the ORM) are independent: with a
    Plt, a Plh, a delegation and vacancies in force, on their dates and before, they agree for everyone."""
    from organisasi.api.serializers import kedudukan_json
    from organisasi.models import Pegawai, Penempatan
    from organisasi.selectors import hari_ini, kedudukan_banyak

    s = struktur
    _peran_sementara(s, hari_ini())
    tanggal = hari_ini() - dt.timedelta(days=hari_lalu)
    semua = list(Pegawai.objects.all())
    satu_per_satu = {p.pk: kedudukan_json(kedudukan_pada(p, tanggal)) for p in semua}
    penempatan = Penempatan.objects.pada(tanggal).select_related("pegawai", "unit", "jabatan")
    banyak = {pk: kedudukan_json(k) for pk, k in kedudukan_banyak(penempatan, tanggal).items()}
    assert banyak and banyak == {pk: k for pk, k in satu_per_satu.items() if pk in banyak}
    if hari_lalu == 0:
        # their seksi is vacant: the head above covers it (not the delegate, who is they themselves)
        assert (
            satu_per_satu[s.staf_seksi.pk]["ppk"] | {"sebagai": "atasan", "nip": s.kepala_kecamatan.nip}
            == satu_per_satu[s.staf_seksi.pk]["ppk"]
        )
        assert satu_per_satu[s.analis.pk]["ppk"]["nip"] not in (s.analis.nip, s.kepala_bag_org.nip)  # Plh of own unit
        assert satu_per_satu[s.staf_upt5.pk]["ppk"]["nip"] != s.staf_upt5.nip  # Plt over their own unit
    else:
        assert satu_per_satu[s.staf_seksi.pk]["ppk"]["nip"] == s.kepala_seksi.nip  # the head, before


def test_kedudukan_banyak_is_constant_in_queries(struktur, django_assert_num_queries):
    from organisasi.models import Penempatan
    from organisasi.selectors import kedudukan_banyak

    semua = list(Penempatan.objects.pada(HARI).select_related("pegawai", "unit", "jabatan"))
    with django_assert_num_queries(2):
        hasil = kedudukan_banyak(semua, HARI)
    assert hasil[struktur.analis.pk].ppk.pegawai == struktur.kepala_bag_org
    assert len(hasil) == len(semua) == 20


def test_staff_in_a_chain_that_fits_no_pattern_get_no_pola(struktur):
    from organisasi.choices import JenisUnit, Tingkat
    from tests import factories as f

    seksi_lama = f.unit(struktur.bidang, "dinkes-yankes-seksi", JenisUnit.SEKSI, Tingkat.PENGAWAS)
    staf = f.pegawai(seksi_lama, mulai=dt.date(2020, 1, 1))
    struktur.dinas.refresh_from_db()
    assert struktur.dinas.pola is None
    assert "tidak sesuai dengan pola" in struktur.dinas.catatan_pola
    assert kedudukan_pada(staf, HARI).pola is None


@pytest.mark.parametrize("tanggal", [HARI, dt.date(2024, 5, 11), dt.date(2019, 1, 1)])
def test_the_hand_written_ancestor_query_agrees_with_the_orm(struktur, tanggal):
    from organisasi.models import Unit
    from organisasi.selectors import PetaPejabat, leluhur_dan_pejabat

    s = struktur
    services.pejabat_tetapkan(
        pelaku=None,
        unit=s.bag_org,
        pegawai=s.kepala_seksi,
        jenis="plh",
        mulai=dt.date(2024, 5, 1),
        selesai=dt.date(2024, 5, 10),
    )
    for unit in [s.bag_org, s.kelurahan, s.upt6, s.akar]:
        leluhur, peta = leluhur_dan_pejabat(unit, tanggal)
        orm = list(Unit.objects.leluhur_dari(unit))
        peta_orm = PetaPejabat.muat([u.pk for u in orm], tanggal)
        assert [(u.pk, u.kode, u.tingkat, u.mandiri, u.pola) for u in leluhur] == [
            (u.pk, u.kode, u.tingkat, u.mandiri, u.pola) for u in orm
        ]
        for u in orm:
            assert {
                j: (b.pegawai.nip, b.pegawai.jabatan.nama, b.mulai, b.selesai) for j, b in peta.semua(u.pk).items()
            } == {
                j: (b.pegawai.nip, b.pegawai.jabatan.nama, b.mulai, b.selesai) for j, b in peta_orm.semua(u.pk).items()
            }


@pytest.mark.parametrize("tanggal", [HARI, dt.date(2024, 6, 1), dt.date(2019, 1, 1)])
def test_the_hand_written_placement_query_agrees_with_the_orm(struktur, tanggal):
    from organisasi.models import Pegawai
    from organisasi.selectors import penempatan_menurut_nip, penempatan_pada

    s = struktur
    services.pegawai_pindahkan(
        pelaku=None,
        pegawai=s.staf_bidang,
        unit=s.seksi,
        jabatan=s.staf_bidang.jabatan,
        mulai=dt.date(2024, 6, 1),
        nomor_sk="SK-9",
    )
    for orang in Pegawai.objects.all():
        cepat = penempatan_menurut_nip(tanggal, orang.nip, cakupan=None)
        orm = penempatan_pada(tanggal, pegawai__nip=orang.nip)
        # every field the hand-written query reads, by name, on each of the four instances it builds
        from organisasi.selectors.sql import KOLOM

        def ringkas(p):
            if p is None:
                return None
            return {
                alias: {n: getattr(obj, n) for n in KOLOM[alias][1]}
                for alias, obj in (("pn", p), ("pg", p.pegawai), ("u", p.unit), ("jb", p.jabatan))
            }

        assert ringkas(cepat) == ringkas(orm)
    assert penempatan_menurut_nip(HARI, "199901012020011001", cakupan=None) is None
