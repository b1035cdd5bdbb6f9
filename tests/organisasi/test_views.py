"""Browser pages: sign-in by NIP, beranda, the structure tree and search, unit and person pages, the audit."""

import datetime as dt
import re

import pytest
from django.core import mail

from organisasi import services
from organisasi.choices import NAMA_POLA, JenisPeran
from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.models import PejabatUnit, Unit
from organisasi.selectors import hari_ini
from tests import factories as f

SANDI = "rahasia-uji-123"


@pytest.fixture
def sebagai(client):
    def masuk(user):
        client.force_login(user)
        return client

    return masuk


def isi(resp) -> str:
    return resp.content.decode()


def teks(resp) -> str:
    """The page's visible text with tags dropped and whitespace squeezed, for phrase assertions."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", isi(resp)))


# --- sign-in ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/struktur/", "/struktur/cari/?q=dinas", "/unit/setda/", "/pegawai/198503172010031001/", "/audit/"]
)
def test_anonymous_visitors_are_sent_to_sign_in(client, struktur, url):
    resp = client.get(url)
    assert resp.status_code == 302
    assert resp["Location"].startswith("/masuk/?next=")


def test_sign_in_accepts_a_nip_typed_with_spaces(client, struktur):
    akun = struktur.analis.akun
    akun.set_password(SANDI)
    akun.save()

    halaman = client.get("/masuk/")
    assert "NIP" in isi(halaman) and "Kata sandi" in isi(halaman)
    resp = client.post("/masuk/", {"username": f"  {struktur.analis.nip_tampil} ", "password": SANDI})

    assert resp.status_code == 302 and resp["Location"] == "/"
    assert client.get("/").context["user"] == akun


def test_a_wrong_password_shows_an_indonesian_error(client, struktur):
    akun = struktur.analis.akun
    akun.set_password(SANDI)
    akun.save()

    resp = client.post("/masuk/", {"username": struktur.analis.nip, "password": "salah"})

    assert resp.status_code == 400
    assert "NIP atau kata sandi salah" in isi(resp)
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post(sebagai, struktur):
    client = sebagai(struktur.analis.akun)
    assert client.get("/keluar/").status_code == 405
    resp = client.post("/keluar/")
    assert resp.status_code == 302 and resp["Location"] == "/masuk/"
    assert client.get("/").status_code == 302


def test_a_new_account_sets_its_password_through_the_reset_e_mail(client, struktur):
    baru = f.pegawai(struktur.bag_org, nama="Pegawai Baru", email="baru@malangkab.go.id")
    assert not baru.akun.has_usable_password()

    resp = client.post("/sandi/lupa/", {"email": "baru@malangkab.go.id"})
    assert resp.status_code == 302 and resp["Location"] == "/sandi/lupa/terkirim/"
    assert len(mail.outbox) == 1
    surel = mail.outbox[0]
    assert surel.subject == "Atur kata sandi Sistem Kerja" and baru.nip in surel.body
    tautan = re.search(r"http://testserver(/sandi/atur/\S+/)", surel.body).group(1)

    form = client.get(tautan, follow=True)
    assert "Kata sandi baru" in isi(form)
    resp = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Lembayung-Senja-77", "new_password2": "Lembayung-Senja-77"}
    )
    assert resp.status_code == 302 and resp["Location"] == "/sandi/atur/selesai/"
    assert client.post("/masuk/", {"username": baru.nip_tampil, "password": "Lembayung-Senja-77"}).status_code == 302


def test_a_reset_for_an_unknown_address_sends_nothing(client, struktur):
    resp = client.post("/sandi/lupa/", {"email": "tidak-ada@contoh.go.id"})
    assert resp.status_code == 302
    assert mail.outbox == []


def test_a_signed_in_user_changes_their_password(sebagai, struktur):
    akun = struktur.analis.akun
    akun.set_password(SANDI)
    akun.save()
    client = sebagai(akun)
    resp = client.post(
        "/sandi/ubah/",
        {"old_password": SANDI, "new_password1": "Lembayung-Senja-77", "new_password2": "Lembayung-Senja-77"},
        follow=True,
    )
    assert "Kata sandi diubah" in isi(resp)
    akun.refresh_from_db()
    assert akun.check_password("Lembayung-Senja-77")
    assert client.get("/masuk/").status_code == 302  # already signed in


# --- beranda ---------------------------------------------------------------------------------------


def test_beranda_shows_my_placement_ppk_pimpinan_chain_and_pattern(sebagai, struktur):
    resp = sebagai(struktur.analis.akun).get("/")
    halaman = teks(resp)
    assert resp.status_code == 200
    assert "Analis Organisasi" in halaman and struktur.analis.nip_tampil in halaman
    assert "Pejabat Penilai Kinerja Kepala Bagian Organisasi" in halaman
    assert "Pimpinan Unit Organisasi Kepala Sekretariat Daerah" in halaman
    rantai = resp.context["kedudukan"].rantai
    assert [p.pegawai for p in rantai] == [struktur.kepala_bag_org, struktur.kepala_asisten, struktur.kepala_setda]
    assert NAMA_POLA[1] in halaman
    assert hari_ini().strftime("%Y") in halaman


def test_beranda_lists_the_units_i_lead_today_and_how(sebagai, struktur):
    kosong = f.unit(struktur.dinas, "dinkes-p2p", J.BIDANG, T.ADMINISTRATOR, nama="Bidang P2P")
    services.pejabat_tetapkan(
        pelaku=None,
        unit=kosong,
        pegawai=struktur.kepala_bidang,
        jenis=JenisPeran.PLT,
        mulai=hari_ini() - dt.timedelta(days=3),
        selesai=hari_ini() + dt.timedelta(days=60),
    )

    halaman = teks(sebagai(struktur.kepala_bidang.akun).get("/"))

    assert "Unit yang saya pimpin hari ini" in halaman
    assert "Bidang Pelayanan Kesehatan Definitif" in halaman
    assert "Bidang P2P Pelaksana Tugas (Plt)" in halaman


def test_beranda_for_an_account_without_a_pegawai_record(sebagai, struktur, admin_organisasi):
    resp = sebagai(admin_organisasi).get("/")
    assert resp.status_code == 200
    assert "tidak terhubung dengan data pegawai" in isi(resp)
    assert 'href="/audit/"' in isi(resp) and 'href="/admin/"' in isi(resp)


def test_the_menu_offers_the_audit_admin_and_api_docs_only_to_those_allowed(sebagai, struktur):
    halaman = isi(sebagai(struktur.analis.akun).get("/"))
    assert 'href="/audit/"' not in halaman and 'href="/admin/"' not in halaman
    assert 'href="/struktur/"' in halaman and 'href="/api/v1/docs/"' not in halaman  # the API is for applications


# --- struktur --------------------------------------------------------------------------------------


def _plt_di_unit_baru(struktur, kode="dinkes-p2p", nama="Bidang P2P", pegawai=None):
    unit = f.unit(struktur.dinas, kode, J.BIDANG, T.ADMINISTRATOR, nama=nama)
    services.pejabat_tetapkan(
        pelaku=None,
        unit=unit,
        pegawai=pegawai or struktur.staf_bidang,
        jenis=JenisPeran.PLT,
        mulai=hari_ini() - dt.timedelta(days=3),
        selesai=hari_ini() + dt.timedelta(days=60),
    )
    return unit


def test_the_tree_shows_every_unit_with_its_head_and_pattern(sebagai, struktur, admin_organisasi):
    _plt_di_unit_baru(struktur)
    f.unit(struktur.kecamatan, "kec-kepanjen-trantib", J.SEKSI, T.PENGAWAS, nama="Seksi Trantib")

    resp = sebagai(admin_organisasi).get("/struktur/", {"semua": "1"})
    halaman = teks(resp)

    assert resp.status_code == 200
    for u in [
        "Pemerintah Kabupaten Uji",
        "Sekretariat Daerah",
        "Bagian Organisasi",
        "Dinas Kesehatan",
        "UPT Puskesmas Kepanjen",
        "Kelurahan Cepokomulyo",
        "Seksi Trantib",
    ]:
        assert u in halaman
    assert "Dinas Kesehatan UO Kepala Dinas Kesehatan Pola 2: " + NAMA_POLA[2] in halaman
    assert "UPT Puskesmas Kepanjen UO Kepala UPT Puskesmas Kepanjen Pola 6: " + NAMA_POLA[6] in halaman
    assert "Bidang P2P Staf Bidang Plt" in halaman
    assert "Seksi Trantib kosong" in halaman
    assert 'href="/unit/kec-kepanjen-trantib/"' in isi(resp)
    # collapsible without JavaScript: every unit with sub-units is a <details>, all open ("Buka semua")
    assert isi(resp).count("<details") == 6 and isi(resp).count("<details open") == 6
    # the page as first sent: only the root open, its closed branches fetched when opened
    halaman_awal = isi(sebagai(admin_organisasi).get("/struktur/"))
    assert halaman_awal.count("<details open") == 1 and halaman_awal.count("<details hx-get=") == 4


def test_a_unit_organisasi_that_fits_no_pattern_is_marked_in_the_tree(sebagai, struktur, admin_organisasi):
    f.unit(struktur.bidang, "dinkes-yankes-rujukan", J.SEKSI, T.PENGAWAS, nama="Seksi Rujukan")
    halaman = teks(sebagai(admin_organisasi).get("/struktur/", {"semua": "1"}))
    assert "Dinas Kesehatan UO Kepala Dinas Kesehatan Tidak sesuai pola mana pun" in halaman


def test_a_pegawai_sees_the_tree_of_their_own_perangkat_daerah_opened_to_their_unit(sebagai, struktur):
    resp = sebagai(struktur.analis.akun).get("/struktur/")
    halaman = teks(resp)
    assert "Sekretariat Daerah" in halaman and "Bagian Organisasi" in halaman
    assert "Dinas Kesehatan" not in halaman and "Kecamatan Kepanjen" not in halaman
    assert "Pemerintah Kabupaten Uji" not in halaman
    assert isi(resp).count("<details open") == 2  # Sekretariat Daerah and Asisten, down to Bagian Organisasi


def test_the_tree_sends_the_open_branches_and_fetches_the_others_when_opened(sebagai, struktur, admin_organisasi):
    client = sebagai(admin_organisasi)
    resp = client.get("/struktur/")
    halaman = isi(resp)
    # the root's sub-units are there; a closed branch holds a placeholder fetched by htmx when opened,
    # which links to the unit page without JavaScript
    assert "Dinas Kesehatan" in teks(resp) and "Bidang Pelayanan Kesehatan" not in teks(resp)
    assert '<details hx-get="/struktur/cabang/dinkes/" hx-trigger="toggle once" hx-target="find ul">' in halaman
    assert '<a href="/unit/dinkes/">Lihat 3 sub-unit</a>' in halaman
    assert 'data-sebagian="/struktur/?semua=1"' in halaman and 'href="/struktur/?semua=1"' in halaman
    cabang = client.get("/struktur/cabang/dinkes/", headers={"HX-Request": "true"})
    assert cabang.status_code == 200 and "<html" not in isi(cabang)
    assert re.findall(r'class="simpul-nama" href="/unit/([^/]+)/"', isi(cabang)) == [
        "dinkes-yankes",
        "dinkes-upt-lab",
        "dinkes-puskesmas",
    ]
    # each sub-unit with its head, and its own sub-units to fetch in turn
    assert f"Bidang Pelayanan Kesehatan {struktur.kepala_bidang.nama}" in teks(cabang)
    assert 'hx-get="/struktur/cabang/setda-asisten-1/"' in isi(client.get("/struktur/cabang/setda/"))
    assert "data-sebagian" not in isi(client.get("/struktur/", {"semua": "1"}))


def test_a_branch_outside_ones_scope_is_not_found(sebagai, struktur):
    client = sebagai(struktur.analis.akun)  # sees Sekretariat Daerah only
    assert client.get("/struktur/cabang/setda-asisten-1/").status_code == 200
    assert client.get("/struktur/cabang/dinkes/").status_code == 404
    assert client.get("/struktur/cabang/tidak-ada/").status_code == 404


def test_an_account_that_may_see_nothing_gets_an_explanation(sebagai, struktur):
    resp = sebagai(f.UserFactory(username="tanpa-peran")).get("/struktur/")
    assert resp.status_code == 200
    assert "Tidak ada unit yang dapat Anda lihat" in isi(resp)


def test_the_tree_takes_the_same_number_of_queries_however_large(
    sebagai, struktur, admin_organisasi, django_assert_num_queries, settings
):
    client = sebagai(admin_organisasi)
    client.get("/struktur/", {"semua": "1"})  # warm: the rendered tree
    # session, account, its grant, the user's own placement (which branch opens); the tree from the cache
    with django_assert_num_queries(4):
        client.get("/struktur/", {"semua": "1"})
    for i in range(15):
        bidang = f.unit(struktur.dinas, f"dinkes-bidang-{i}", J.BIDANG, T.ADMINISTRATOR, nama=f"Bidang {i}")
        f.kepala(bidang)
    _plt_di_unit_baru(struktur)
    # the structure changed, so the tree is built again: its roots, the subtree, the heads in force
    with django_assert_num_queries(7):
        resp = client.get("/struktur/", {"semua": "1"})
    assert "Bidang 14" in isi(resp)
    with django_assert_num_queries(4):
        assert "Bidang 14" in isi(client.get("/struktur/", {"semua": "1"}))


@pytest.mark.parametrize("ubah", ["nama", "kepala", "plt", "pola", "pindah"])
def test_the_cached_tree_follows_every_kind_of_structure_change(sebagai, struktur, admin_organisasi, ubah):
    client = sebagai(admin_organisasi)
    client.get("/struktur/")
    if ubah == "nama":
        services.unit_ubah(pelaku=None, unit=struktur.bidang, nama="Bidang Layanan Kesehatan")
        harap = "Bidang Layanan Kesehatan"
    elif ubah == "kepala":
        services.pejabat_akhiri(
            pelaku=None,
            pejabat=PejabatUnit.objects.get(unit=struktur.seksi, selesai__isnull=True),
            selesai=hari_ini() - dt.timedelta(days=1),
        )
        harap = "Seksi Pemerintahan kosong"
    elif ubah == "plt":
        _plt_di_unit_baru(struktur)
        harap = "Bidang P2P Staf Bidang Plt"
    elif ubah == "pola":  # pola_hitung_ulang writes in bulk, without signals: it moves the version itself
        Unit.objects.filter(pk=struktur.dinas.pk).update(pola=None)  # no signal either
        client.get("/struktur/")  # the wrong pattern is now what the cache holds
        services.pola_hitung_ulang(instansi=struktur.instansi)
        harap = "Dinas Kesehatan UO Kepala Dinas Kesehatan Pola 2: " + NAMA_POLA[2]
    else:
        services.unit_pindahkan(pelaku=None, unit=struktur.seksi, induk_baru=struktur.dinas)
        harap = None
    halaman = teks(client.get("/struktur/", {"semua": "1"}))
    if harap:
        assert harap in halaman
    else:
        dinkes = halaman.index("Dinas Kesehatan")
        assert dinkes < halaman.index("Seksi Pemerintahan") < halaman.index("Kecamatan Kepanjen")


def test_the_version_moves_again_when_the_write_commits(struktur, django_capture_on_commit_callbacks):
    from django.db import connection

    from organisasi import cache as cache_struktur

    # the fixture's writes queued their own once-per-transaction callback in the test's transaction
    # (which never commits); start from an empty queue as a request's transaction does
    connection.run_on_commit.clear()
    awal = cache_struktur.versi()
    with django_capture_on_commit_callbacks(execute=False) as panggilan:
        services.unit_ubah(pelaku=None, unit=struktur.bidang, nama="Bidang Baru")
    saat_tulis = cache_struktur.versi()
    assert saat_tulis > awal and panggilan
    for p in panggilan:
        p()
    assert cache_struktur.versi() > saat_tulis  # an answer built before the commit is not kept after it


def test_readers_with_different_scopes_do_not_share_a_cached_tree(sebagai, struktur, admin_organisasi):
    assert "Dinas Kesehatan" in teks(sebagai(admin_organisasi).get("/struktur/"))
    halaman = teks(sebagai(struktur.analis.akun).get("/struktur/"))
    assert "Sekretariat Daerah" in halaman and "Dinas Kesehatan" not in halaman


def test_search_finds_units_and_people_by_name_kode_and_nip(sebagai, struktur, admin_organisasi):
    client = sebagai(admin_organisasi)
    resp = client.get("/struktur/cari/", {"q": "kepanjen"}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert "<html" not in isi(resp)  # a fragment for htmx
    assert 'href="/unit/kec-kepanjen/"' in isi(resp) and 'href="/unit/dinkes-puskesmas/"' in isi(resp)

    resp = client.get("/struktur/cari/", {"q": "setda-bag"})
    assert 'href="/unit/setda-bag-organisasi/"' in isi(resp)

    resp = client.get("/struktur/cari/", {"q": struktur.analis.nip_tampil[:15]})  # typed with spaces
    assert f'href="/pegawai/{struktur.analis.nip}/"' in isi(resp)
    assert struktur.analis.nip_tampil in isi(resp)

    resp = client.get("/struktur/cari/", {"q": "analis org"})
    assert "Analis Organisasi" in isi(resp)


def test_search_needs_two_letters_and_says_when_nothing_matches(sebagai, struktur, admin_organisasi):
    client = sebagai(admin_organisasi)
    assert "sedikitnya 2 huruf" in isi(client.get("/struktur/cari/", {"q": "k"}))
    assert "Tidak ada unit atau pegawai yang cocok" in isi(client.get("/struktur/cari/", {"q": "zzzz"}))
    assert isi(client.get("/struktur/cari/", {"q": ""})).strip() == ""


def test_search_stays_within_what_the_user_may_see(sebagai, struktur, orang_luar):
    client = sebagai(orang_luar.akun)
    resp = client.get("/struktur/cari/", {"q": "organisasi"})
    assert "Bagian Organisasi" not in isi(resp) and "Analis Organisasi" not in isi(resp)
    resp = client.get("/struktur/cari/", {"q": struktur.analis.nip})
    assert "Tidak ada unit atau pegawai yang cocok" in isi(resp)
    assert "Kepala Bidang Pelayanan Kesehatan" in isi(client.get("/struktur/cari/", {"q": "kepala bidang"}))


def test_search_works_without_javascript_on_the_full_page(sebagai, struktur, admin_organisasi):
    resp = sebagai(admin_organisasi).get("/struktur/", {"q": "puskesmas"})
    assert "<html" in isi(resp)
    assert "Hasil pencarian “puskesmas”" in isi(resp)
    assert 'value="puskesmas"' in isi(resp)


# --- unit page -------------------------------------------------------------------------------------


def test_the_unit_page_shows_head_staff_their_ppk_and_chain(sebagai, struktur):
    resp = sebagai(struktur.analis.akun).get("/unit/setda-bag-organisasi/")
    halaman = teks(resp)

    assert resp.status_code == 200
    assert (
        "Pemerintah Kabupaten Uji Sekretariat Daerah Asisten Pemerintahan Bagian Organisasi Bagian Organisasi"
        in halaman
    )
    assert 'href="/unit/kab-uji/"' not in isi(resp)  # outside the user's scope: named, not linked
    assert 'href="/unit/setda/"' in isi(resp)
    assert "Jenis Bagian Tingkat pimpinan Administrator Unit Organisasi mandiri Tidak" in halaman
    assert "Bagian dari Unit Organisasi Sekretariat Daerah (pola 1)" in halaman
    assert "Pejabat definitif Kepala Bagian Organisasi Yang memimpin sekarang Kepala Bagian Organisasi" in halaman
    assert (
        "Analis Organisasi " + struktur.analis.nip_tampil + " Analis Kebijakan Ahli Muda Kepala Bagian Organisasi "
        "Kepala Bagian Organisasi Kepala Asisten Pemerintahan Kepala Sekretariat Daerah 1"
    ) in halaman
    # the head is assessed from the unit above
    assert (
        "Kepala Bagian Organisasi " + struktur.kepala_bag_org.nip_tampil + " Kepala Bidang "
        "Kepala Asisten Pemerintahan Kepala Asisten Pemerintahan Kepala Sekretariat Daerah 1"
    ) in halaman


def test_a_unit_organisasi_page_names_its_pattern_and_its_sub_units(sebagai, struktur, admin_organisasi):
    _plt_di_unit_baru(struktur)
    halaman = teks(sebagai(admin_organisasi).get("/unit/dinkes/"))
    assert f"Pola 2 {NAMA_POLA[2]}" in halaman
    assert "Sub-unit (4)" in halaman
    assert "Bidang Pelayanan Kesehatan Bidang Administrator Kepala Bidang Pelayanan Kesehatan" in halaman
    assert (
        "UPT Puskesmas Kepanjen Unit Pelaksana Teknis Pejabat Fungsional Kepala UPT Puskesmas Kepanjen Pola 6"
        in halaman
    )
    assert "Bidang P2P Bidang Administrator Staf Bidang Plt" in halaman


def test_a_unit_that_fits_no_pattern_shows_why(sebagai, struktur, admin_organisasi):
    f.unit(struktur.bidang, "dinkes-yankes-rujukan", J.SEKSI, T.PENGAWAS, nama="Seksi Rujukan")
    halaman = teks(sebagai(admin_organisasi).get("/unit/dinkes/"))
    assert "Tidak sesuai pola mana pun" in halaman
    assert "Rantai Seksi Rujukan (pengawas) → Bidang Pelayanan Kesehatan (administrator) → Dinas Kesehatan" in halaman


def test_a_vacant_head_shows_who_covers_and_acting_heads_show_their_badge(sebagai, struktur, admin_organisasi):
    f.unit(struktur.kecamatan, "kec-kepanjen-trantib", J.SEKSI, T.PENGAWAS, nama="Seksi Trantib")
    services.pejabat_tetapkan(
        pelaku=None,
        unit=struktur.bidang,
        pegawai=struktur.staf_bidang,
        jenis=JenisPeran.PLH,
        mulai=hari_ini() - dt.timedelta(days=1),
        selesai=hari_ini() + dt.timedelta(days=5),
    )
    services.pejabat_tetapkan(
        pelaku=None,
        unit=struktur.bag_org,
        pegawai=struktur.kepala_asisten,
        jenis=JenisPeran.DELEGASI,
        mulai=hari_ini() - dt.timedelta(days=1),
        selesai=hari_ini() + dt.timedelta(days=5),
    )
    client = sebagai(admin_organisasi)

    halaman = teks(client.get("/unit/kec-kepanjen-trantib/"))
    assert "Pejabat definitif Kosong" in halaman
    assert "kosong — dirangkap oleh atasan: Kepala Kecamatan Kepanjen — Kecamatan Kepanjen" in halaman

    halaman = teks(client.get("/unit/dinkes-yankes/"))
    assert "Yang memimpin sekarang Staf Bidang Plh" in halaman
    assert "Pejabat definitif Kepala Bidang Pelayanan Kesehatan" in halaman

    halaman = teks(client.get("/unit/setda-bag-organisasi/"))
    assert "Kewenangan PPK Kepala Asisten Pemerintahan Delegasi PPK" in halaman
    assert "Analis Kebijakan Ahli Muda Kepala Asisten Pemerintahan Delegasi PPK" in halaman  # the analis's PPK


def test_the_unit_page_of_the_instansi_root(sebagai, struktur, admin_organisasi):
    halaman = teks(sebagai(admin_organisasi).get("/unit/kab-uji/"))
    assert "Instansi tidak memiliki pimpinan unit" in halaman
    assert "Sub-unit (4)" in halaman


def test_someone_from_another_perangkat_daerah_gets_404_on_a_unit(sebagai, struktur, orang_luar):
    client = sebagai(orang_luar.akun)
    assert client.get("/unit/setda-bag-organisasi/").status_code == 404
    assert client.get("/unit/kab-uji/").status_code == 404
    assert client.get("/unit/tidak-ada/").status_code == 404
    assert client.get("/unit/dinkes-yankes/").status_code == 200


def test_the_unit_page_takes_the_same_number_of_queries_however_many_staff(
    sebagai, struktur, admin_organisasi, django_assert_num_queries, settings
):
    client = sebagai(admin_organisasi)
    f.unit(struktur.bag_org, "setda-bag-organisasi-kelembagaan", J.SUBBAGIAN, T.PENGAWAS, nama="Subbagian Kelembagaan")
    # session, account, its grant, unit, ancestors, sub-units and their heads (2), staff and their
    # kedudukan (3), the unit's heads (2), the menu's own-pegawai lookup
    with django_assert_num_queries(13):
        client.get("/unit/setda-bag-organisasi/")
    for i in range(12):
        f.pegawai(struktur.bag_org, nama=f"Staf Tambahan {i:02d}")
    f.unit(struktur.bag_org, "setda-bag-organisasi-tatalaksana", J.SUBBAGIAN, T.PENGAWAS, nama="Subbagian Tatalaksana")
    with django_assert_num_queries(13):
        resp = client.get("/unit/setda-bag-organisasi/")
    assert "Pegawai di unit ini (14)" in teks(resp) and "Sub-unit (2)" in teks(resp)
    # each staff member's chain and pattern; the head's pattern is Setda's, which a subbagian under
    # a bagian no longer fits, so it shows none
    assert teks(resp).count("Kepala Asisten Pemerintahan Kepala Sekretariat Daerah 1") == 13


# --- person page -----------------------------------------------------------------------------------


def test_the_person_page_shows_data_kedudukan_and_history(sebagai, struktur):
    mutasi = services.mutasi_kolektif(
        pelaku=None,
        nomor_sk="800/123/35.07.201/2024",
        tanggal_sk=dt.date(2024, 1, 20),
        berlaku_mulai=dt.date(2024, 2, 1),
        perihal="Mutasi pejabat fungsional",
        daftar=[services.BarisMutasi(struktur.analis, struktur.bag_org, f.jabatan("Analis SDM Aparatur Ahli Muda"))],
    )
    services.pegawai_ubah(pelaku=None, pegawai=struktur.analis, golongan="III/c")

    resp = sebagai(struktur.analis.akun).get(f"/pegawai/{struktur.analis.nip}/")
    halaman = teks(resp)

    assert resp.status_code == 200
    assert struktur.analis.nip_tampil in halaman
    assert "Jenis ASN PNS Pangkat/golongan III/c Jabatan saat ini Analis SDM Aparatur Ahli Muda" in halaman
    assert "Pejabat Penilai Kinerja Kepala Bagian Organisasi — Bagian Organisasi" in halaman
    assert "Pimpinan Unit Organisasi Kepala Sekretariat Daerah — Sekretariat Daerah" in halaman
    assert "Pola 1 " + NAMA_POLA[1] in halaman
    assert (
        "1 Februari 2024 sekarang Bagian Organisasi Analis SDM Aparatur Ahli Muda 800/123/35.07.201/2024 "
        "800/123/35.07.201/2024 (20 Januari 2024) Mutasi pejabat fungsional"
    ) in halaman
    assert "1 Januari 2020 31 Januari 2024 Bagian Organisasi Analis Kebijakan Ahli Muda" in halaman
    assert f"Mutasi kolektif: SK {mutasi.nomor_sk}" in halaman
    assert "Data pegawai Diubah Sistem Data pegawai diubah: golongan" in halaman


def test_the_person_page_lists_roles_held(sebagai, struktur):
    halaman = teks(sebagai(struktur.kepala_bidang.akun).get(f"/pegawai/{struktur.kepala_bidang.nip}/"))
    assert "Bidang Pelayanan Kesehatan Definitif 1 Januari 2020 —" in halaman
    assert "Peran pimpinan Dibuat Sistem Penetapan pejabat: definitif" in halaman


def test_the_person_page_shows_kedudukan_on_another_date(sebagai, struktur, admin_organisasi):
    services.pegawai_pindahkan(
        pelaku=None,
        pegawai=struktur.staf_bidang,
        unit=struktur.upt5,
        jabatan=struktur.staf_bidang.jabatan,
        mulai=dt.date(2024, 3, 1),
    )
    client = sebagai(admin_organisasi)
    url = f"/pegawai/{struktur.staf_bidang.nip}/"

    halaman = teks(client.get(url))
    assert "Pejabat Penilai Kinerja Kepala UPT Laboratorium Kesehatan" in halaman
    assert f"Pola 5 {NAMA_POLA[5]}" in halaman

    halaman = teks(client.get(url, {"tanggal": "2024-02-15"}))
    assert "Kedudukan pada 15 Februari 2024" in halaman
    assert "Pejabat Penilai Kinerja Kepala Bidang Pelayanan Kesehatan" in halaman
    assert (
        "Rantai evaluasi Kepala Bidang Pelayanan Kesehatan — Bidang Pelayanan Kesehatan Kepala Dinas Kesehatan"
        in halaman
    )
    assert f"Pola 2 {NAMA_POLA[2]}" in halaman

    halaman = teks(client.get(url, {"tanggal": "2019-06-01"}))
    assert "Tidak ada penempatan pada tanggal ini" in halaman


@pytest.mark.parametrize(
    "tanggal, pesan",
    [
        ("2024-13-45", "Tanggal tidak dikenali"),
        ("kemarin", "Tanggal tidak dikenali"),
        ("1900-01-01", "Tanggal di luar rentang"),
    ],
)
def test_a_bad_date_shows_a_message_not_an_error(sebagai, struktur, tanggal, pesan):
    resp = sebagai(struktur.analis.akun).get(f"/pegawai/{struktur.analis.nip}/", {"tanggal": tanggal})
    assert resp.status_code == 200
    assert pesan in isi(resp)
    assert "Ditampilkan kedudukan hari ini" in isi(resp)
    assert "Kepala Bagian Organisasi" in isi(resp)


def test_the_person_page_accepts_a_nip_with_spaces_in_the_address(sebagai, struktur):
    client = sebagai(struktur.analis.akun)
    resp = client.get(f"/pegawai/{struktur.analis.nip_tampil}/")  # to the one address of the person
    assert resp.status_code == 302 and resp["Location"] == f"/pegawai/{struktur.analis.nip}/"
    assert client.get(resp["Location"]).status_code == 200
    assert client.get("/pegawai/%20%20/").status_code == 404  # nothing but spaces: no one


def test_someone_from_another_perangkat_daerah_gets_404_on_a_person(sebagai, struktur, orang_luar):
    client = sebagai(orang_luar.akun)
    assert client.get(f"/pegawai/{struktur.analis.nip}/").status_code == 404
    assert client.get(f"/pegawai/{struktur.kepala_setda.nip}/").status_code == 404
    assert client.get("/pegawai/000000000000000000/").status_code == 404
    assert client.get(f"/pegawai/{orang_luar.nip}/").status_code == 200  # oneself
    assert client.get(f"/pegawai/{struktur.kepala_dinas.nip}/").status_code == 200  # same Perangkat Daerah
