"""Compliance of the appraisal: the rules on a worked example, queries that do not grow with the data, the
page (who may see what, table, chart, files) and the reminders (once each, on a frozen day)."""

import csv
import datetime as dt
import io
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import kepatuhan as kp
from kinerja.kepatuhan import boleh_kepatuhan
from kinerja.models import Evaluasi, PengaturanKinerja, PengingatSkp, Skp
from kinerja.services.pengingat_skp import pengingat_kepatuhan
from kinerja.views_kepatuhan import KOLOM_TABEL
from organisasi.models import Pegawai, Penempatan, Unit
from tests import factories as f

from .conftest import TAHUN

pytestmark = pytest.mark.django_db

HARI = dt.date(TAHUN, 7, 20)  # T1 (due 15 April) and T2 (due 15 July) are past their deadline; SKPs since 1 Feb


def skp(p, status="disetujui", *, ppk=None, mulai=None, selesai=None):
    pen = Penempatan.objects.filter(pegawai=p).order_by("-mulai").first()
    return Skp.objects.create(
        pegawai=p,
        tahun=TAHUN,
        model="non_jpt",
        status=status,
        unit=pen.unit,
        jabatan=pen.jabatan,
        ppk=ppk,
        mulai=mulai or max(dt.date(TAHUN, 1, 1), pen.mulai),
        selesai=selesai or dt.date(TAHUN, 12, 31),
        disetujui=dt.datetime(TAHUN, 1, 20, tzinfo=dt.UTC) if status in ("disetujui", "ditutup") else None,
    )


def nilai(s_, *kode):
    from kinerja import penilaian

    for k in kode:
        per = penilaian.periode(k)
        Evaluasi.objects.create(
            skp=s_,
            periode=k,
            jenis=per.jenis,
            mulai=per.mulai,
            selesai=per.selesai,
            unit_organisasi=s_.unit,
            rating_hasil="sesuai",
            rating_perilaku="sesuai",
            predikat="baik",
            penilai=s_.ppk or s_.pegawai,
        )


def pindah(p, unit, mulai):
    """Close the person's placement the day before `mulai` and open one in `unit` (as a move records it)."""
    lama = Penempatan.objects.get(pegawai=p, selesai__isnull=True)
    lama.selesai = mulai - dt.timedelta(days=1)
    lama.save()
    Penempatan.objects.create(pegawai=p, unit=unit, jabatan=lama.jabatan, mulai=mulai)
    Pegawai.objects.filter(pk=p.pk).update(unit=unit)


@pytest.fixture
def contoh(s):
    """Dinas Kesehatan on 20 July: seven staff, each a different case (see test_angka_contoh)."""
    nilai(skp(s.kepala_dinas), f"{TAHUN}-T1", f"{TAHUN}-T2")  # compliant
    nilai(skp(s.staf_upt5, ppk=s.kepala_upt5), f"{TAHUN}-T1")  # T2 missing
    skp(s.staf_bidang, "diajukan", ppk=s.kepala_bidang)  # not approved past the deadline, no evaluation
    skp(s.kepala_upt6, "dikembalikan")  # likewise
    # kepala_bidang: no SKP at all
    # staf_upt6: joined on 1 July; nothing due yet
    Penempatan.objects.filter(pegawai=s.staf_upt6).update(mulai=dt.date(TAHUN, 7, 1))
    # kepala_upt5 moved into the UPT on 1 July: the old SKP (approved, T1 rated) closed, a new draft not due yet
    lama = skp(s.kepala_upt5, "ditutup", ppk=s.kepala_dinas, selesai=dt.date(TAHUN, 6, 30))
    nilai(lama, f"{TAHUN}-T1")
    Penempatan.objects.filter(pegawai=s.kepala_upt5).update(unit=s.dinas)
    pindah(s.kepala_upt5, s.upt5, dt.date(TAHUN, 7, 1))
    skp(s.kepala_upt5, "draf", ppk=s.kepala_dinas)
    return s


def angka(a: kp.Angka) -> tuple:
    return (
        a.staf,
        a.tanpa_skp,
        a.belum_disetujui,
        a.skp_lewat_batas,
        a.evaluasi_lewat_batas,
        a.periode_lewat_batas,
        a.tidak_patuh,
        a.patuh,
    )


def test_angka_contoh(contoh):
    s = contoh
    d = kp.kepatuhan(s.dinas, TAHUN, HARI)
    assert [p.kode for p in d.aturan.jatuh_tempo] == [f"{TAHUN}-T1", f"{TAHUN}-T2"]
    assert angka(d.total) == (7, 2, 3, 3, 5, 8, 5, 2)
    assert str(d.total.persen_patuh) == "28.6"
    per = {b.unit.kode: angka(b.angka) for b in d.baris}
    assert per == {
        "dinkes": (1, 0, 0, 0, 0, 0, 0, 1),
        "dinkes-yankes": (2, 1, 1, 2, 2, 4, 2, 0),
        "dinkes-upt-lab": (2, 0, 1, 0, 2, 2, 2, 0),
        "dinkes-puskesmas": (2, 1, 1, 1, 1, 2, 1, 1),
    }
    orang = {o.nama: o for o in kp.daftar_orang(s.upt5, TAHUN, HARI)}
    pindahan = orang[s.kepala_upt5.nama]
    assert pindahan.status_skp == "draf" and pindahan.batas_skp == dt.date(TAHUN, 8, 1)
    assert not pindahan.skp_lewat_batas and [p.kode for p in pindahan.periode_kurang] == [f"{TAHUN}-T2"]
    # the names and the grouped figures follow the same rules
    semua = kp.daftar_orang(s.akar, TAHUN, HARI, subpohon=True)
    assert angka(kp.jumlahkan(semua)) == angka(kp.kepatuhan(s.akar, TAHUN, HARI).total)


def test_per_perangkat_daerah_dan_total(contoh):
    s = contoh
    d = kp.kepatuhan(s.akar, TAHUN, HARI)
    assert d.per_perangkat_daerah
    per = {b.unit.kode: b.angka for b in d.baris}
    assert set(per) == {"setda", "dinkes", "dpmptsp", "kec-kepanjen"}
    assert (per["setda"].staf, per["setda"].tanpa_skp, per["setda"].tidak_patuh) == (4, 4, 4)
    assert angka(per["dinkes"]) == angka(kp.kepatuhan(s.dinas, TAHUN, HARI).total)
    assert d.total.staf == 20 and d.total.patuh == 2


def test_sebelum_batas_tidak_ada_yang_tidak_patuh(contoh):
    d = kp.kepatuhan(contoh.akar, TAHUN, dt.date(TAHUN, 1, 20))
    # 19 staff on 20 January (staf_upt6 joins in July); five hold an open SKP (rows made ahead here)
    assert d.aturan.jatuh_tempo == () and d.total.tidak_patuh == 0 and (d.total.staf, d.total.tanpa_skp) == (19, 14)


def test_tahun_lalu_dan_evaluasi_tahunan(contoh):
    s = contoh
    a = kp.aturan(s.instansi.pk, TAHUN, dt.date(TAHUN + 1, 1, 20))
    assert a.acuan == dt.date(TAHUN, 12, 31)
    assert [p.kode for p in a.jatuh_tempo] == [f"{TAHUN}-T{i}" for i in range(1, 5)] + [str(TAHUN)]
    d = kp.kepatuhan(s.dinas, TAHUN, dt.date(TAHUN + 1, 1, 20))
    kadis = next(o for o in kp.daftar_orang(s.dinas, TAHUN, dt.date(TAHUN + 1, 1, 20)) if o.nama == s.kepala_dinas.nama)
    assert [p.kode for p in kadis.periode_kurang] == [f"{TAHUN}-T3", f"{TAHUN}-T4", str(TAHUN)]
    assert d.total.staf == 7 and d.total.patuh == 0


def test_pengaturan_bulanan_dan_batas(contoh):
    PengaturanKinerja.objects.create(
        instansi=contoh.instansi, periode_evaluasi="bulanan", batas_skp_hari=250, batas_evaluasi_hari=0
    )
    a = kp.aturan(contoh.instansi.pk, TAHUN, HARI)
    assert [p.kode for p in a.jatuh_tempo] == [f"{TAHUN}-{b:02d}" for b in range(1, 7)]
    d = kp.kepatuhan(contoh.dinas, TAHUN, HARI)
    assert d.total.skp_lewat_batas == 0  # 250 days after 1 January is in September


def _dunia_besar(s, n: int):
    """n more staff in every unit of the dinas, with SKPs, evaluations and a move for some."""
    for u in (s.dinas, s.bidang, s.upt5, s.upt6):
        for i in range(n):
            p = f.pegawai(u, nama=f"Tambahan {u.kode} {i}")
            if i % 3 == 0:
                nilai(skp(p, ppk=s.kepala_dinas), f"{TAHUN}-T1", f"{TAHUN}-T2")
            elif i % 3 == 1:
                skp(p, "draf")
    pindah(s.staf_bidang, s.upt6, dt.date(TAHUN, 5, 1))


def _hitung_kueri(fn) -> int:
    with CaptureQueriesContext(connection) as q:
        fn()
    return len(q)


def test_jumlah_kueri_tidak_tumbuh_dengan_data(contoh, admin_organisasi):
    s = contoh
    kecil = [
        _hitung_kueri(lambda: kp.kepatuhan(s.akar, TAHUN, HARI)),
        _hitung_kueri(lambda: kp.kepatuhan(s.dinas, TAHUN, HARI)),
        _hitung_kueri(lambda: kp.daftar_orang(s.bidang, TAHUN, HARI)),
    ]
    c = Client()
    c.force_login(admin_organisasi)
    halaman = f"{reverse('kinerja:kepatuhan')}?tahun={TAHUN}&unit={s.bidang.kode}"
    c.get(halaman)
    kecil.append(_hitung_kueri(lambda: c.get(halaman)))
    _dunia_besar(s, 12)
    besar = [
        _hitung_kueri(lambda: kp.kepatuhan(s.akar, TAHUN, HARI)),
        _hitung_kueri(lambda: kp.kepatuhan(s.dinas, TAHUN, HARI)),
        _hitung_kueri(lambda: kp.daftar_orang(s.bidang, TAHUN, HARI)),
        _hitung_kueri(lambda: c.get(halaman)),
    ]
    assert kecil == besar
    jit = connection.vendor == "postgresql"  # SET LOCAL jit = off before the grouped query
    assert kecil[:3] == [3 + jit, 2 + jit, 3]
    assert kp.kepatuhan(s.dinas, TAHUN, HARI).total.staf == 7 + 48


# --- the page ---


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(**q) -> str:
    return reverse("kinerja:kepatuhan") + "?" + "&".join(f"{k}={v}" for k, v in {"tahun": TAHUN, **q}.items())


def test_bagian_organisasi_melihat_semua_perangkat_daerah(contoh, admin_organisasi):
    r = masuk(admin_organisasi).get(url())
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Dinas Kesehatan" in isi and "Kecamatan Kepanjen" in isi and "<svg" in isi
    assert "style=" not in isi.split('<section class="kartu dasbor-grafik">')[1]
    assert r.context["data"].per_perangkat_daerah and r.context["orang"] == []
    assert boleh_kepatuhan(admin_organisasi)


def test_pimpinan_perangkat_daerah_hanya_perangkat_daerahnya(contoh):
    s = contoh
    kadis = masuk(s.kepala_dinas.akun)
    r = kadis.get(url())
    assert r.status_code == 200 and r.context["unit"] == s.dinas
    assert [b.unit.kode for b in r.context["data"].baris] == [
        "dinkes",
        "dinkes-yankes",
        "dinkes-upt-lab",
        "dinkes-puskesmas",
    ]
    r = kadis.get(url(unit=s.bidang.kode))
    assert r.status_code == 200 and s.staf_bidang.nama in r.content.decode()
    assert kadis.get(url(unit=s.dpmptsp.kode)).status_code == 404
    assert kadis.get(url(unit="tidak-ada")).status_code == 404
    assert boleh_kepatuhan(s.kepala_dinas.akun)


def test_selain_itu_403(contoh):
    s = contoh
    for p in (s.kepala_bidang, s.staf_bidang, s.analis):
        assert masuk(p.akun).get(url()).status_code == 403
        assert masuk(p.akun).get(url(unit=s.dinas.kode, bentuk="csv")).status_code == 403
        assert not boleh_kepatuhan(p.akun)
    assert Client().get(url()).status_code == 302


def test_plh_pimpinan_perangkat_daerah(contoh):
    from organisasi.models import PejabatUnit
    from organisasi.selectors import hari_ini

    s = contoh
    hari = hari_ini()
    PejabatUnit.objects.create(
        unit=s.dpmptsp, pegawai=s.kepala_bidang, jenis="plh", mulai=hari, selesai=hari + dt.timedelta(days=5)
    )
    assert masuk(s.kepala_bidang.akun).get(url()).context["unit"] == s.dpmptsp


def test_unduh_csv_dan_xlsx(contoh, admin_organisasi):
    from openpyxl import load_workbook

    s = contoh
    c = masuk(admin_organisasi)
    with mock.patch("kinerja.kepatuhan.hari_ini", return_value=HARI):
        r = c.get(url(unit=s.dinas.kode, bentuk="csv"))
        assert r.status_code == 200 and r["Content-Disposition"].endswith('.csv"')
        baris = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert baris[0] == KOLOM_TABEL
        assert baris[1][:9] == ["Dinas Kesehatan", "1", "0", "0", "0", "0", "0", "0", "1"]
        assert baris[-1][:9] == ["Jumlah", "7", "2", "3", "3", "5", "8", "5", "2"] and baris[-1][9] == "28.6"
        r = c.get(url(unit=s.dinas.kode, bentuk="xlsx"))
    wb = load_workbook(io.BytesIO(r.content))
    tabel = [list(x) for x in wb["Kepatuhan"].iter_rows(values_only=True)]
    assert tabel[3] == KOLOM_TABEL and tabel[-1][:2] == ["Jumlah", 7]
    nama = {x[1]: x for x in wb["Pegawai"].iter_rows(min_row=2, values_only=True)}
    assert nama[s.staf_bidang.nama][4] == "Diajukan kepada PPK" and nama[s.staf_bidang.nama][6] == "ya"


def test_halaman_nama_dan_grafik(contoh, admin_organisasi):
    s = contoh
    with mock.patch("kinerja.kepatuhan.hari_ini", return_value=HARI):
        r = masuk(admin_organisasi).get(url(unit=s.dinas.kode))
    isi = r.content.decode()
    assert r.status_code == 200 and s.kepala_dinas.nama in isi
    patuh = [o.patuh for o in r.context["orang"]]
    assert patuh == sorted(patuh) and patuh == [True]  # the dinas' own staff: the head, compliant
    g = r.context["grafik"]["batang"]
    assert len(g) == 4 and g[0]["segmen"][0][1] == "500.00"  # the dinas' own head: all compliant


# --- reminders ---


def _surel(s):
    for p in Pegawai.objects.all():
        Pegawai.objects.filter(pk=p.pk).update(email=f"p{p.pk}@uji.go.id")


def test_pengingat_sekali_per_orang_jenis_dan_periode(contoh, django_capture_on_commit_callbacks):
    s = contoh
    _surel(s)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hasil = pengingat_kepatuhan(tanggal=HARI)
    # SKP: kepala_bidang and Setda/DPMPTSP/kecamatan staff have none; staf_bidang and kepala_upt6 not approved
    assert hasil["skp_belum"] == 14 and hasil["skp_belum_disetujui"] == 2
    # evaluations: staf_upt5's PPK for T2; kepala_upt5's old PPK for T2 (the old SKP covered Q2 up to 30 June)
    assert hasil["evaluasi_belum"] == 2
    belum = next(m for m in mail.outbox if m.to == [f"p{s.kepala_bidang.pk}@uji.go.id"])
    assert "belum menyusun SKP" in belum.body and "1 Februari" in belum.body
    n = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat_kepatuhan(tanggal=HARI) == {"skp_belum": 0, "skp_belum_disetujui": 0, "evaluasi_belum": 0}
    assert len(mail.outbox) == n
    assert PengingatSkp.objects.filter(jenis="skp_belum", kunci=str(TAHUN)).count() == 14


def test_pengingat_hari_dari_jam_sistem_dan_tanpa_surel(contoh, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with (
        mock.patch("kinerja.services.pengingat_skp.hari_ini", return_value=HARI),
        django_capture_on_commit_callbacks(execute=True),
    ):
        hasil = pengingat_kepatuhan()
    assert hasil == {"skp_belum": 0, "skp_belum_disetujui": 0, "evaluasi_belum": 0}  # nobody has an address
    assert mail.outbox == [] and not PengingatSkp.objects.exists()


def test_pengingat_evaluasi_ke_ppk_skp_yang_mencakup_periode(contoh, django_capture_on_commit_callbacks):
    s = contoh
    _surel(s)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pengingat_kepatuhan(tanggal=HARI)
    evaluasi = {m.to[0]: m.body for m in mail.outbox if "Evaluasi kinerja" in m.subject}
    # staf_upt5's approved SKP names kepala_upt5 as PPK; kepala_upt5's closed one (January to June) the
    # kepala dinas; both miss T2. Nobody is reminded for a person without an approved SKP.
    assert set(evaluasi) == {f"p{s.kepala_upt5.pk}@uji.go.id", f"p{s.kepala_dinas.pk}@uji.go.id"}
    assert s.staf_upt5.nama in evaluasi[f"p{s.kepala_upt5.pk}@uji.go.id"]
    assert s.kepala_upt5.nama in evaluasi[f"p{s.kepala_dinas.pk}@uji.go.id"]
    assert set(PengingatSkp.objects.filter(jenis="evaluasi_belum").values_list("kunci", flat=True)) == {f"{TAHUN}-T2"}


def test_unit_tanpa_pegawai(s):
    kosong = f.unit(s.dinas, "dinkes-kosong", "bidang", "administrator", nama="Bidang Kosong")
    d = kp.kepatuhan(Unit.objects.get(pk=kosong.pk), TAHUN, HARI)
    assert d.baris == [] and d.total.staf == 0 and d.total.persen_patuh is None
