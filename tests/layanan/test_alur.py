"""Every transition of layanan through its service: the right actor, a wrong actor (403), a wrong state
(409), bad input (400 by field, nothing written), and the history row."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from guardian.shortcuts import assign_perm

from layanan import selectors as sel
from layanan import services
from layanan.choices import AksiLayanan, StatusPengaduan, StatusVersi, SumberResponden
from layanan.models import Jawaban, KodeSurvei, Layanan, Pengaduan, Responden, RiwayatLayanan, SkemaSurvei
from sistemkerja.errors import BukanWewenang, TerlaluSering, TransisiTidakSah
from tests import factories as f

from .conftest import komponen_lengkap

pytestmark = pytest.mark.django_db
SEMUA_3 = {f"U{i}": 3 for i in range(1, 10)}


def galat(e) -> dict:
    return e.value.message_dict


# --- standards ------------------------------------------------------------------------------------


def test_pimpinan_admin_unit_dan_bagian_organisasi_mendaftarkan(struktur, admin_organisasi):
    s = struktur
    admin_dinkes = f.UserFactory(username="admin-dinkes", is_staff=True)
    assign_perm("organisasi.kelola_unit", admin_dinkes, s.dinas)
    for pelaku, unit, kode in [
        (admin_organisasi, s.kelurahan, "a1"),
        (admin_dinkes, s.upt6, "a2"),
        (s.kepala_dinas.akun, s.bidang, "a3"),  # the head of a unit above
        (s.kepala_upt5.akun, s.upt5, "a4"),
    ]:
        lay = services.layanan_daftarkan(pelaku=pelaku, kode=kode, nama="Layanan", unit=unit)
        assert lay.versi.get().status == StatusVersi.DRAF
        assert RiwayatLayanan.objects.filter(layanan=lay, aksi=AksiLayanan.LAYANAN_DAFTAR).exists()
    for pelaku, unit in [
        (s.staf_upt5.akun, s.upt5),  # staff run the counter, they do not set the standard
        (s.kepala_upt5.akun, s.bidang),  # a head of a sibling unit
        (admin_dinkes, s.kecamatan),  # a unit admin outside their subtree
        (s.kepala_kecamatan.akun, s.upt5),
    ]:
        with pytest.raises(BukanWewenang):
            services.layanan_daftarkan(pelaku=pelaku, kode="x1", nama="Layanan", unit=unit)
    assert not Layanan.objects.filter(kode="x1").exists()


@pytest.mark.parametrize(
    "isian, kolom",
    [
        ({"kode": "A B"}, "kode"),
        ({"kode": "kelola"}, "kode"),
        ({"kode": "konsultasi-org"}, "kode"),
        ({"nama": "  "}, "nama"),
        ({"nama": "x" * 301}, "nama"),
        ({"komponen": {"harga": "1"}}, "komponen.harga"),
        ({"komponen": {"biaya": 5}}, "komponen.biaya"),
        ({"komponen": {"biaya": "a\x00b"}}, "komponen.biaya"),
        ({"komponen": {"biaya": "x" * 10_001}}, "komponen.biaya"),
        ({"komponen": ["biaya"]}, "komponen"),
        ({"tenggat_pengaduan_hari": 0}, "tenggat_pengaduan_hari"),
        ({"tenggat_pengaduan_hari": "٣"}, "tenggat_pengaduan_hari"),
    ],
)
def test_daftar_isian_salah(lay, isian, kolom):
    data = {"kode": "baru", "nama": "Layanan baru", "unit": lay.s.upt5, "komponen": {}, **isian}
    sebelum = Layanan.objects.count()
    with pytest.raises(ValidationError) as e:
        services.layanan_daftarkan(pelaku=lay.admin, **data)
    assert kolom in galat(e)
    assert Layanan.objects.count() == sebelum


def test_versi_terbit_dan_riwayat(lay):
    kepala = lay.s.kepala_upt5.akun
    lama = lay.lab.versi_berlaku
    v2 = services.versi_buat(pelaku=kepala, layanan=lay.lab, komponen={"biaya": "Rp10.000"}, catatan="Tarif baru")
    v3 = services.versi_buat(pelaku=kepala, layanan=lay.lab, komponen={"biaya": "Rp12.000"})
    assert (v2.nomor, v3.nomor, v3.persyaratan) == (2, 3, lama.persyaratan)
    services.versi_ubah(pelaku=kepala, versi=v3, komponen={"produk": "Hasil uji"})
    with pytest.raises(TransisiTidakSah):
        services.versi_ubah(pelaku=kepala, versi=lama, komponen={"produk": "x"})  # published: never edited
    with pytest.raises(BukanWewenang):
        services.versi_terbitkan(pelaku=lay.s.staf_upt5.akun, layanan=lay.lab)
    terbit = services.versi_terbitkan(pelaku=kepala, layanan=lay.lab)
    assert terbit.pk == v3.pk and terbit.produk == "Hasil uji"
    status = dict(lay.lab.versi.values_list("nomor", "status"))
    assert status == {1: StatusVersi.DIGANTI, 2: StatusVersi.DILEWATI, 3: StatusVersi.BERLAKU}
    lama.refresh_from_db()
    assert lama.berlaku_sampai == terbit.berlaku_sejak
    assert [v.nomor for v in sel.versi_publik(lay.lab)] == [3, 1]  # the skipped draft never public
    with pytest.raises(TransisiTidakSah):
        services.versi_terbitkan(pelaku=kepala, layanan=lay.lab)  # no draft left
    aksi = list(RiwayatLayanan.objects.filter(layanan=lay.lab).values_list("aksi", flat=True))
    assert aksi.count(AksiLayanan.VERSI_TERBIT) == 2 and AksiLayanan.VERSI_UBAH in aksi


def test_terbit_perlu_keempat_belas_komponen(lay):
    services.versi_ubah(pelaku=lay.admin, versi=lay.draf.versi.get(), komponen={**komponen_lengkap(), "biaya": " "})
    with pytest.raises(ValidationError) as e:
        services.versi_terbitkan(pelaku=lay.admin, layanan=lay.draf)
    assert list(galat(e)) == ["komponen.biaya"]
    lay.draf.refresh_from_db()
    assert lay.draf.versi_berlaku is None


# --- survey ---------------------------------------------------------------------------------------


def test_kode_survei_oleh_petugas_perangkat_daerah(lay):
    s = lay.s
    kode = services.kode_survei_buat(pelaku=s.staf_bidang.akun, layanan=lay.lab, jumlah=3)  # same Dinas
    assert len({k.kode for k in kode}) == 3 and all(len(k.kode) == 8 for k in kode)
    with pytest.raises(BukanWewenang):
        services.kode_survei_buat(pelaku=s.staf_seksi.akun, layanan=lay.lab)
    with pytest.raises(TransisiTidakSah):
        services.kode_survei_buat(pelaku=lay.admin, layanan=lay.draf)
    with pytest.raises(ValidationError) as e:
        services.kode_survei_buat(pelaku=s.staf_bidang.akun, layanan=lay.lab, jumlah=0)
    assert "jumlah" in galat(e)


def test_survei_publik_kode_sekali_pakai_tanpa_data_pribadi(lay):
    (kode,) = services.kode_survei_buat(pelaku=lay.admin, layanan=lay.lab)
    (lain,) = services.kode_survei_buat(pelaku=lay.admin, layanan=lay.konsultasi)
    r = services.survei_isi(layanan=lay.lab, kode=services.tampil_kode(kode.kode).lower(), jawaban=SEMUA_3)
    assert r.sumber == SumberResponden.DARING and r.dicatat_oleh is None
    # nothing ties the response to the code or to a person
    nama_kolom = {fld.name for fld in Responden._meta.get_fields()}
    assert not nama_kolom & {"kode", "kode_survei", "nama", "kontak", "alamat", "ip", "email", "telepon"}
    assert {fld.name for fld in KodeSurvei._meta.get_fields()} & {"responden"} == set()
    for kode_salah in [kode.kode, lain.kode, "ZZZZZZZZ", "", None, kode.kode[:4] + "\x00", "A" * 1000]:
        with pytest.raises(ValidationError) as e:
            services.survei_isi(layanan=lay.lab, kode=kode_salah, jawaban=SEMUA_3)
        assert "kode" in galat(e)
    assert Responden.objects.count() == 1


def test_survei_publik_kode_kedaluwarsa_dan_isian_salah(lay):
    (kode,) = services.kode_survei_buat(pelaku=lay.admin, layanan=lay.lab, hari=1)
    KodeSurvei.objects.filter(pk=kode.pk).update(berlaku_sampai=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(ValidationError) as e:
        services.survei_isi(layanan=lay.lab, kode=kode.kode, jawaban=SEMUA_3)
    assert "kode" in galat(e)
    (kode,) = services.kode_survei_buat(pelaku=lay.admin, layanan=lay.lab)
    kurang = {k: v for k, v in SEMUA_3.items() if k != "U4"}
    with pytest.raises(ValidationError) as e:
        services.survei_isi(
            layanan=lay.lab,
            kode=kode.kode,
            jawaban={**kurang, "U1": 5},
            profil={"usia": "9", "pendidikan": "sd2", "jenis_kelamin": "X"},
        )
    assert set(galat(e)) == {"jawaban.U4", "jawaban.U1", "usia", "pendidikan", "jenis_kelamin"}
    assert KodeSurvei.objects.get(pk=kode.pk).dipakai is None  # a refused form does not spend the code


@pytest.mark.postgres
def test_kode_yang_sama_dari_dua_tab_sekaligus(lay, transactional_db):
    (kode,) = services.kode_survei_buat(pelaku=lay.admin, layanan=lay.lab)
    hasil = []

    def kirim():
        try:
            services.survei_isi(layanan=lay.lab, kode=kode.kode, jawaban=SEMUA_3)
            hasil.append("ok")
        except ValidationError:
            hasil.append("tolak")
        finally:
            from django.db import connection

            connection.close()

    utas = [threading.Thread(target=kirim) for _ in range(2)]
    [u.start() for u in utas]
    [u.join() for u in utas]
    assert sorted(hasil) == ["ok", "tolak"] and Responden.objects.count() == 1


def test_responden_dicatat_semua_atau_tidak_sama_sekali(lay):
    staf = lay.s.staf_upt5.akun
    baris = [
        {"tanggal": "2026-02-01", "jawaban": {"U1": 4}, "jenis_kelamin": "P", "usia": 41, "pendidikan": "s1"},
        {"tanggal": "2026-02-02", "jawaban": {"U1": 3, "U9": 2}, "pekerjaan": "swasta"},
        {"tanggal": "2099-01-01", "jawaban": {"U10": 3, "U2": 0}},
    ]
    with pytest.raises(ValidationError) as e:
        services.responden_catat(pelaku=staf, layanan=lay.lab, baris=baris)
    assert set(galat(e)) == {"[2].tanggal", "[2].jawaban.U10", "[2].jawaban.U2"}
    assert all(p.startswith("Baris 3: ") for v in galat(e).values() for p in v)
    assert Responden.objects.count() == 0 and Jawaban.objects.count() == 0
    dicatat = services.responden_catat(pelaku=staf, layanan=lay.lab, baris=baris[:2])
    assert [r.dicatat_oleh for r in dicatat] == [lay.s.staf_upt5] * 2 and Jawaban.objects.count() == 3
    for salah, kolom in [({}, "detail"), ([], "detail"), ([{}] * 1001, "detail"), ([5], "[0]"), ([{}], "[0].tanggal")]:
        with pytest.raises(ValidationError) as e:
            services.responden_catat(pelaku=staf, layanan=lay.lab, baris=salah)
        assert kolom in galat(e)
    with pytest.raises(BukanWewenang):
        services.responden_catat(pelaku=lay.s.staf_seksi.akun, layanan=lay.lab, baris=baris[:1])
    with pytest.raises(TransisiTidakSah):
        services.responden_catat(pelaku=lay.admin, layanan=lay.draf, baris=baris[:1])


def test_responden_skema_2004_per_baris_dan_indeks_terpisah(lay):
    jawaban = {f"U{i}": 4 for i in range(1, 15)}
    services.responden_catat(
        pelaku=lay.admin, layanan=lay.lab, baris=[{"tanggal": "2026-03-01", "skema": "ikm2004", "jawaban": jawaban}]
    )
    services.responden_catat(pelaku=lay.admin, layanan=lay.lab, baris=[{"tanggal": "2026-03-01", "jawaban": SEMUA_3}])
    tahun = dict(mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 12, 31), layanan=lay.lab)
    h2004 = sel.ikm(skema=sel.skema("ikm2004"), **tahun)
    h2017 = sel.ikm(skema=sel.skema("skm2017"), **tahun)
    assert (h2004.responden, str(h2004.ikm), h2004.mutu.mutu) == (1, "100.00", "A")
    assert (h2017.responden, str(h2017.ikm), h2017.mutu.mutu) == (1, "75.00", "C")
    for salah in ["skm1999", "skm\x002017", 5]:
        with pytest.raises(ValidationError) as e:
            services.responden_catat(
                pelaku=lay.admin, layanan=lay.lab, baris=[{"tanggal": "2026-03-01", "skema": salah, "jawaban": {}}]
            )
        assert "[0].skema" in galat(e)


def test_indeks_unit_menggabungkan_jawaban_dan_rincian_profil(lay, django_assert_max_num_queries):
    s = lay.s
    lab2 = services.layanan_daftarkan(
        pelaku=lay.admin, kode="uji-air", nama="Uji Air", unit=s.upt5, komponen=komponen_lengkap()
    )
    services.versi_terbitkan(pelaku=lay.admin, layanan=lab2)
    lab2.refresh_from_db()
    services.responden_catat(
        pelaku=lay.admin,
        layanan=lay.lab,
        baris=[{"tanggal": "2026-04-01", "jawaban": {"U1": 4}, "jenis_kelamin": "L", "usia": 30}],
    )
    services.responden_catat(
        pelaku=lay.admin, layanan=lab2, baris=[{"tanggal": "2026-04-01", "jawaban": {"U1": 1}, "usia": 70}]
    )
    periode = dict(skema=sel.skema(), mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 12, 31))
    gabung = sel.ikm(unit=s.dinas, **periode)
    # pooled: U1 answered twice, 4 + 1 = 5, NRR 5/2; only U1 answered, so k = 1: 2.5 × 25 = 62.50
    assert (gabung.responden, gabung.unsur[0].jumlah_nilai, str(gabung.ikm)) == (2, 5, "62.50")
    assert sel.ikm(unit=s.kecamatan, **periode).ikm is None
    with django_assert_max_num_queries(10):
        rincian = {r["bidang"]: r for r in sel.rincian_profil(unit=s.dinas, **periode)}
    jk = {b["nilai"]: b["hasil"] for b in rincian["jenis_kelamin"]["baris"]}
    assert (str(jk["L"].ikm), jk["P"].ikm, str(jk[""].ikm)) == ("100.00", None, "25.00")
    usia = {b["label"]: b["hasil"].responden for b in rincian["usia"]["baris"]}
    assert usia["25–34"] == 1 and usia["≥ 55"] == 1 and usia["Tidak diisi"] == 0


# --- complaints -----------------------------------------------------------------------------------


def test_pengaduan_isian_salah(lay):
    for isian, kolom in [
        ({"isi": " \u200b "}, "isi"),
        ({"isi": "x" * 4001}, "isi"),
        ({"layanan": "izin-praktik"}, "layanan"),  # a draft is not a service one can complain about yet
        ({"layanan": "tidak-ada"}, "layanan"),
        ({"jenis": "pujian"}, "jenis"),
        ({"nama": "a\x00"}, "nama"),
        ({"lampiran": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf")}, "lampiran"),
        ({"layanan": None, "instansi": "entah"}, "instansi"),
        ({"instansi": "a\x00b"}, "instansi"),  # checked even beside a service
        ({"layanan": "uji\x00lab"}, "layanan"),  # never reaches the database (PostgreSQL refuses NUL)
        ({"instansi": "x" * 100_000}, "instansi"),
    ]:
        data = {"isi": "Antrean terlalu lama", "layanan": "uji-lab", **isian}
        with pytest.raises(ValidationError) as e:
            services.pengaduan_ajukan(**data)
        assert kolom in galat(e), isian
    assert Pengaduan.objects.count() == 0


def test_pengaduan_tanpa_layanan_ditriase_bagian_organisasi(lay):
    s = lay.s
    p = services.pengaduan_ajukan(
        isi="Jalan rusak", lampiran=SimpleUploadedFile("f.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    )
    assert p.unit is None and p.instansi == s.instansi and p.lampiran.name.endswith(".png")
    assert p.tenggat == timezone.localdate() + dt.timedelta(days=14)
    assert list(sel.pengaduan_terlihat(s.kepala_dinas.akun)) == []
    with pytest.raises(BukanWewenang):
        services.pengaduan_proses(pelaku=s.kepala_dinas.akun, pengaduan=p, unit=s.dinas)
    with pytest.raises(ValidationError) as e:
        services.pengaduan_proses(pelaku=lay.admin, pengaduan=p)
    assert "unit" in galat(e)
    services.pengaduan_proses(pelaku=lay.admin, pengaduan=p, unit=s.bidang, catatan="urusan kesehatan")
    p.refresh_from_db()
    assert (p.status, p.unit) == (StatusPengaduan.DIPROSES, s.bidang)
    assert list(sel.pengaduan_terlihat(s.staf_upt5.akun)) == [p]  # the Dinas's staff now see it
    with pytest.raises(TransisiTidakSah):
        services.pengaduan_proses(pelaku=lay.admin, pengaduan=p, unit=s.bidang)
    with pytest.raises(BukanWewenang):
        services.pengaduan_tugaskan(pelaku=s.staf_seksi.akun, pengaduan=p, unit=s.seksi)
    services.pengaduan_tugaskan(pelaku=s.staf_bidang.akun, pengaduan=p, unit=s.upt5)
    assert Pengaduan.objects.get(pk=p.pk).unit == s.upt5


def test_tanggapan_terbit_lalu_tutup(lay, mailoutbox, django_capture_on_commit_callbacks):
    s = lay.s
    p = services.pengaduan_ajukan(isi="Hasil lab lama", layanan=lay.lab, kontak="warga@contoh.id")
    assert p.tenggat == timezone.localdate() + dt.timedelta(days=5)  # the standard's figure
    with pytest.raises(TransisiTidakSah):
        services.tanggapan_tulis(pelaku=s.staf_upt5.akun, pengaduan=p, isi="x")
    services.pengaduan_proses(pelaku=s.staf_upt5.akun, pengaduan=p)
    with pytest.raises(ValidationError) as e:
        services.pengaduan_tutup(pelaku=s.staf_upt5.akun, pengaduan=p)
    assert "catatan" in galat(e)
    with pytest.raises(ValidationError):
        services.tanggapan_tulis(pelaku=s.staf_upt5.akun, pengaduan=p, isi="")
    t = services.tanggapan_tulis(pelaku=s.staf_upt5.akun, pengaduan=p, isi="Alat baru dipasang.")
    with pytest.raises(BukanWewenang):
        services.tanggapan_tulis(pelaku=s.staf_seksi.akun, pengaduan=p, isi="x")
    with pytest.raises(BukanWewenang):
        services.tanggapan_terbitkan(pelaku=s.staf_upt5.akun, tanggapan=t)  # staff write, heads publish
    with django_capture_on_commit_callbacks(execute=True):
        services.tanggapan_terbitkan(pelaku=s.kepala_upt5.akun, tanggapan=t)
    with pytest.raises(TransisiTidakSah):
        services.tanggapan_terbitkan(pelaku=s.kepala_upt5.akun, tanggapan=t)
    services.pengaduan_tutup(pelaku=s.staf_upt5.akun, pengaduan=p)
    p.refresh_from_db()
    assert p.status == StatusPengaduan.SELESAI and not p.terlambat
    assert [m.to for m in mailoutbox if "Tanggapan" in m.subject] == [["warga@contoh.id"]]
    aksi = list(p.riwayat.values_list("aksi", "status_ke"))
    assert aksi == [
        (AksiLayanan.ADUAN_AJUKAN, "diterima"),
        (AksiLayanan.ADUAN_PROSES, "diproses"),
        (AksiLayanan.ADUAN_JAWAB, "diproses"),
        (AksiLayanan.ADUAN_TERBIT, "diproses"),
        (AksiLayanan.ADUAN_TUTUP, "selesai"),
    ]


def test_tutup_dengan_alasan_tanpa_tanggapan_dan_terlambat(lay):
    p = services.pengaduan_ajukan(isi="spam spam", layanan=lay.lab)
    Pengaduan.objects.filter(pk=p.pk).update(tenggat=timezone.localdate() - dt.timedelta(days=1))
    p.refresh_from_db()
    assert p.terlambat and Pengaduan.objects.filter(sel.terlambat_q()).count() == 1
    services.pengaduan_proses(pelaku=lay.admin, pengaduan=p)
    services.pengaduan_tutup(pelaku=lay.admin, pengaduan=p, catatan="Pesan berulang tanpa isi.")
    p.refresh_from_db()
    assert p.terlambat  # closed after its deadline stays flagged
    assert Pengaduan.objects.filter(sel.terlambat_q()).count() == 0


def test_batas_per_alamat_dan_sidik_dibersihkan(lay):
    for _ in range(5):
        services.pengaduan_ajukan(isi="Aduan", alamat="203.0.113.9")
    with pytest.raises(TerlaluSering):
        services.pengaduan_ajukan(isi="Aduan", alamat="203.0.113.9")
    services.pengaduan_ajukan(isi="Aduan", alamat="203.0.113.10")  # another address is not held back
    assert Pengaduan.objects.count() == 6
    assert not Pengaduan.objects.filter(alamat_hash__contains="203.0").exists()  # only a keyed hash
    Pengaduan.objects.update(diterima=timezone.now() - dt.timedelta(days=2))
    assert services.alamat_bersihkan() == 6
    services.pengaduan_ajukan(isi="Aduan", alamat="203.0.113.9")


def test_kode_lacak_dibaca_longgar(lay):
    p = services.pengaduan_ajukan(isi="Aduan")
    tampil = services.tampil_lacak(p.kode_lacak)
    assert len(tampil) == 14 and tampil.count("-") == 2
    assert services.normal_lacak(tampil.lower()) == p.kode_lacak
    assert services.normal_lacak(" " + p.kode_lacak + " ") == p.kode_lacak
    for salah in ["", "ABC", "x" * 41, None, "ÅBCDEFGHJKMN", p.kode_lacak + "A"]:
        assert services.normal_lacak(salah) is None
    assert SkemaSurvei.objects.count() == 2


def test_layanan_diubah_atau_ditarik(lay):
    s = lay.s
    ikm2004 = SkemaSurvei.objects.get(kode="ikm2004")
    with pytest.raises(BukanWewenang):
        services.layanan_ubah(pelaku=s.staf_upt5.akun, layanan=lay.lab, nama="X")
    services.layanan_ubah(pelaku=s.kepala_upt5.akun, layanan=lay.lab, nama="Uji Lab Klinik", skema=ikm2004, aktif=False)
    lay.lab.refresh_from_db()
    assert (lay.lab.nama, lay.lab.skema_survei, lay.lab.aktif) == ("Uji Lab Klinik", ikm2004, False)
    assert not sel.layanan_publik().filter(pk=lay.lab.pk).exists()
    assert lay.lab.riwayat.filter(aksi=AksiLayanan.LAYANAN_UBAH).get().catatan.startswith("diubah: nama")
    with pytest.raises(ValidationError) as e:
        services.layanan_ubah(pelaku=lay.admin, layanan=lay.lab, nama="")
    assert "nama" in galat(e)
