"""Every step of a consultation through the services: the right actor, a wrong one (403), a step out of turn
(409), bad input (400 by field, nothing written) and the e-mail each step sends; the Plh of the Bagian
Organisasi disposing; the deadline and overdue detection on a frozen clock; the rating landing in the SKM of
the consultation service; files added later; and the standards' jangka waktu and consultation service."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from layanan import konsultasi_baca as kb
from layanan.choices import AksiLayanan, SumberResponden, TahapLampiran
from layanan.choices import StatusKonsultasi as S
from layanan.models import Konsultasi, LampiranKonsultasi, Layanan, Responden, RiwayatLayanan
from layanan.services import konsultasi as svc
from layanan.services import standar
from organisasi import services as org
from organisasi.choices import JenisPeran
from organisasi.models import Instansi
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from tests import factories as f

from .conftest import komponen_lengkap

pytestmark = pytest.mark.django_db

WIB = dt.timezone(dt.timedelta(hours=7))
HARI_BEKU = dt.date(2030, 3, 4)  # a Monday, well after every fixture's start


@contextmanager
def jam(tanggal: dt.date, pukul: int = 10):
    """A frozen clock: `timezone.now()` (and so `localdate()`, kedudukan's day, the deadline) at that hour
    of that day in Asia/Jakarta. Neither time-machine nor freezegun is a dependency of the project."""
    saat = dt.datetime.combine(tanggal, dt.time(pukul), tzinfo=WIB).astimezone(dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=saat):
        yield saat


def akun(p):
    """The person's account fetched afresh (a user object caches its staff record and rights)."""
    return get_user_model().objects.get(pk=p.akun.pk)


def pdf(nama: str = "berkas.pdf"):
    return SimpleUploadedFile(nama, b"%PDF-1.4\n" + b"0" * 64, content_type="application/pdf")


def bukan_pdf(nama: str = "virus.pdf"):
    return SimpleUploadedFile(nama, b"MZ\x90\x00" + b"0" * 64, content_type="application/pdf")


def surel(*orang) -> None:
    for p in orang:
        p.email = f"{p.nip}@uji.go.id"
        p.save(update_fields=["email"])


def ajukan(bo, **kw) -> Konsultasi:
    kw.setdefault("jenis", "sop")
    kw.setdefault("uraian", "Mohon asistensi penyusunan SOP uji laboratorium.")
    return svc.konsultasi_ajukan(pelaku=akun(kw.pop("oleh", bo.pemohon)), **kw)


def disposisi(bo, k, penangan=None, oleh=None) -> Konsultasi:
    return svc.konsultasi_disposisi(
        pelaku=akun(oleh or bo.kepala_bo), konsultasi=k, penangan=(penangan or bo.penangan).nip
    )


def jawab(bo, k, oleh=None, **kw) -> Konsultasi:
    kw.setdefault("jawaban", "Gunakan format PermenPANRB 35/2012; contoh terlampir.")
    return svc.konsultasi_jawab(pelaku=akun(oleh or bo.penangan), konsultasi=k, **kw)


def tutup(bo, k, oleh=None, **kw) -> Konsultasi:
    return svc.konsultasi_tutup(pelaku=akun(oleh or bo.pemohon), konsultasi=k, **kw)


def plh_bagian(bo, mulai: dt.date, selesai: dt.date):
    """A staff member of the Bagian Organisasi made its Plh (the head is away) for these days."""
    plh = f.pegawai(bo.s.bag_org, nama="Pelaksana Harian Kepala Bagian")
    org.pejabat_tetapkan(
        pelaku=None, unit=bo.s.bag_org, pegawai=plh, jenis=JenisPeran.PLH, mulai=mulai, selesai=selesai
    )
    return plh


def galat(fungsi, *args, **kw) -> set[str]:
    """The fields a refused step names (a ValidationError by field: the API's 400)."""
    with pytest.raises(ValidationError) as e:
        fungsi(*args, **kw)
    return set(e.value.message_dict)


def jejak(k: Konsultasi) -> tuple:
    """What a refused step must leave as it was."""
    segar = Konsultasi.objects.get(pk=k.pk)
    return (
        segar.status,
        segar.penangan_id,
        segar.waktu_pertemuan,
        segar.tempat_pertemuan,
        segar.jawaban,
        segar.nilai,
        RiwayatLayanan.objects.filter(konsultasi=k).count(),
        LampiranKonsultasi.objects.filter(konsultasi=k).count(),
        Responden.objects.count(),
    )


# --- ajukan ---------------------------------------------------------------------------------------------------


def test_ajukan(bo, settings, tmp_path, django_capture_on_commit_callbacks, mailoutbox):
    settings.MEDIA_ROOT = tmp_path
    surel(bo.kepala_bo, bo.pemohon)
    riwayat = RiwayatLayanan.objects.count()
    kemarin = timezone.localdate() - dt.timedelta(days=1)
    for data, kolom in [
        ({"jenis": "rahasia"}, {"jenis"}),
        ({"jenis": None}, {"jenis"}),
        ({"uraian": ""}, {"uraian"}),
        ({"uraian": " \u200b\u3164 "}, {"uraian"}),
        ({"uraian": "SOP\x00"}, {"uraian"}),
        ({"uraian": "x" * 4001}, {"uraian"}),
        ({"uraian": 42}, {"uraian"}),
        ({"dibutuhkan": "2027-02-30"}, {"dibutuhkan"}),
        ({"dibutuhkan": kemarin.isoformat()}, {"dibutuhkan"}),
        ({"dibutuhkan": "besok"}, {"dibutuhkan"}),
        ({"lampiran": [bukan_pdf()]}, {"lampiran"}),
        ({"lampiran": [pdf() for _ in range(6)]}, {"lampiran"}),
        ({"jenis": "x", "uraian": ""}, {"jenis", "uraian"}),
    ]:
        assert galat(ajukan, bo, **data) == kolom, data
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(BukanWewenang):  # an account without a staff record
            svc.konsultasi_ajukan(pelaku=bo.admin, jenis="sop", uraian="Mohon asistensi.")
    assert Konsultasi.objects.count() == 0 and RiwayatLayanan.objects.count() == riwayat and not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        k = ajukan(bo, jenis="lakip", lampiran=[pdf("draf lakip.pdf")])
    assert (k.status, k.jenis, k.pemohon, k.unit_pemohon, k.perangkat_daerah, k.instansi) == (
        S.DIAJUKAN,
        "lakip",
        bo.pemohon,
        bo.s.upt5,
        bo.s.dinas,
        bo.s.instansi,
    )
    (lamp,) = k.lampiran.all()
    assert (lamp.tahap, lamp.nama, lamp.diunggah_oleh) == (TahapLampiran.PERMOHONAN, "draf lakip.pdf", bo.pemohon)
    r = k.riwayat.get()
    assert (r.aksi, r.oleh, r.sebagai, r.status_dari, r.status_ke) == (
        AksiLayanan.KONSULTASI_AJUKAN,
        bo.pemohon,
        "pemohon",
        "",
        S.DIAJUKAN,
    )
    assert kb.langkah(k) == {"nama": "disposisi", "pelaku": [bo.kepala_bo.nip]}
    # ajukan → the head of the Bagian Organisasi
    assert [m.to for m in mailoutbox] == [[bo.kepala_bo.email]]
    assert "didisposisikan" in mailoutbox[0].body and bo.s.dinas.nama in mailoutbox[0].body

    # an instansi that names no Bagian Organisasi: 409 saying so, nothing written
    Instansi.objects.filter(pk=bo.s.instansi.pk).update(bagian_organisasi=None)
    with pytest.raises(TransisiTidakSah, match="belum menetapkan Bagian Organisasi"):
        ajukan(bo)
    assert Konsultasi.objects.count() == 1


# --- disposisi -------------------------------------------------------------------------------------------------


def test_disposisi(bo, django_capture_on_commit_callbacks, mailoutbox):
    surel(bo.penangan, bo.pemohon, bo.kepala_bo)
    k = ajukan(bo)
    lain = f.pegawai(bo.s.bag_org, nama="Analis Organisasi Kedua")
    sebelum = jejak(k)
    # staff of the Bagian who is not its head, the requester, the agency's head, the head above the Bagian
    for siapa in (bo.penangan, bo.pemohon, bo.s.kepala_dinas, bo.s.kepala_asisten):
        with pytest.raises(BukanWewenang):
            disposisi(bo, k, oleh=siapa)
    for penangan in (bo.s.staf_bidang.nip, "199001012015032999", "19900101\x002015032001", "", None, 12345):
        assert galat(svc.konsultasi_disposisi, pelaku=akun(bo.kepala_bo), konsultasi=k, penangan=penangan) == {
            "penangan"
        }, penangan
    assert galat(
        svc.konsultasi_disposisi, pelaku=akun(bo.kepala_bo), konsultasi=k, penangan=bo.penangan.nip, catatan="a\x00"
    ) == {"catatan"}
    assert jejak(k) == sebelum and not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        k = svc.konsultasi_disposisi(
            pelaku=akun(bo.kepala_bo), konsultasi=k, penangan=bo.penangan.nip, catatan="Pelajari SOP lama dulu."
        )
    assert (k.status, k.penangan, k.pendisposisi, k.catatan_disposisi) == (
        S.DIDISPOSISI,
        bo.penangan,
        bo.kepala_bo,
        "Pelajari SOP lama dulu.",
    )
    assert k.didisposisi is not None
    r = k.riwayat.order_by("-pk").first()
    assert (r.aksi, r.oleh, r.sebagai, r.status_dari, r.status_ke) == (
        AksiLayanan.KONSULTASI_DISPOSISI,
        bo.kepala_bo,
        "kepala_bagian_organisasi (definitif)",
        S.DIAJUKAN,
        S.DIDISPOSISI,
    )
    assert kb.langkah(k) == {"nama": "jawab", "pelaku": [bo.penangan.nip]}
    # disposisi → the handler (with the instruction) and the requester
    surat = {m.to[0]: m.body for m in mailoutbox}
    assert set(surat) == {bo.penangan.email, bo.pemohon.email}
    assert "Pelajari SOP lama dulu." in surat[bo.penangan.email] and bo.penangan.nama in surat[bo.pemohon.email]

    # not yet scheduled: disposed again to another handler; once answered: 409
    k = disposisi(bo, k, penangan=lain)
    assert (k.status, k.penangan) == (S.DIDISPOSISI, lain)
    k = jawab(bo, k, oleh=lain)
    sebelum = jejak(k)
    with pytest.raises(TransisiTidakSah):
        disposisi(bo, k)
    assert jejak(k) == sebelum


def test_plh_bagian_organisasi_yang_mendisposisikan(bo):
    """While a Plh of the Bagian Organisasi is in force, the Plh disposes and the definitive head may not."""
    hari = timezone.localdate()
    plh = plh_bagian(bo, hari - dt.timedelta(days=1), hari + dt.timedelta(days=5))
    k = ajukan(bo)
    assert kb.langkah(k) == {"nama": "disposisi", "pelaku": [plh.nip]}
    with pytest.raises(BukanWewenang):
        disposisi(bo, k)
    k = disposisi(bo, k, oleh=plh)
    assert (k.status, k.pendisposisi) == (S.DIDISPOSISI, plh)
    assert k.riwayat.order_by("-pk").first().sebagai == "kepala_bagian_organisasi (plh)"
    # the Plh's term over: the definitive head disposes again
    with jam(hari + dt.timedelta(days=6)):
        k2 = ajukan(bo)
        with pytest.raises(BukanWewenang):
            disposisi(bo, k2, oleh=plh)
        assert disposisi(bo, k2).pendisposisi == bo.kepala_bo


# --- jadwalkan and jawab ---------------------------------------------------------------------------------------


def test_jadwalkan_dan_jawab(bo, settings, tmp_path, django_capture_on_commit_callbacks, mailoutbox):
    settings.MEDIA_ROOT = tmp_path
    surel(bo.pemohon, bo.penangan)
    lain = f.pegawai(bo.s.bag_org, nama="Analis Organisasi Kedua")
    besok = (timezone.localtime() + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)

    belum = ajukan(bo)  # not disposed yet: the Bagian's staff are early (409), anyone else is not theirs (403)
    for fungsi, kw in (
        (svc.konsultasi_jadwalkan, {"waktu": besok, "tempat": "Ruang Rapat"}),
        (svc.konsultasi_jawab, {"jawaban": "Jawaban"}),
    ):
        with pytest.raises(TransisiTidakSah, match="belum didisposisikan"):
            fungsi(pelaku=akun(bo.penangan), konsultasi=belum, **kw)
        with pytest.raises(BukanWewenang):
            fungsi(pelaku=akun(bo.pemohon), konsultasi=belum, **kw)

    k = disposisi(bo, ajukan(bo))
    sebelum = jejak(k)
    for siapa in (lain, bo.pemohon, bo.kepala_bo, bo.s.kepala_upt5):  # another staff member, the requester, ...
        with pytest.raises(BukanWewenang):
            svc.konsultasi_jadwalkan(pelaku=akun(siapa), konsultasi=k, waktu=besok, tempat="Ruang Rapat")
        with pytest.raises(BukanWewenang):
            jawab(bo, k, oleh=siapa)
    jadwal = lambda **kw: svc.konsultasi_jadwalkan(pelaku=akun(bo.penangan), konsultasi=k, **kw)  # noqa: E731
    kemarin = besok - dt.timedelta(days=2)
    for waktu, tempat, kolom in [
        ("besok pagi", "Ruang Rapat", {"waktu"}),
        ("2030-13-01T09:00", "Ruang Rapat", {"waktu"}),
        ("2030-02-30T09:00", "Ruang Rapat", {"waktu"}),
        (kemarin.isoformat(), "Ruang Rapat", {"waktu"}),
        ((besok + dt.timedelta(days=400)).isoformat(), "Ruang Rapat", {"waktu"}),
        (None, "Ruang Rapat", {"waktu"}),
        ("2030\x00", "Ruang Rapat", {"waktu"}),
        (besok.isoformat(), "", {"tempat"}),
        (besok.isoformat(), "Ruang\x00Rapat", {"tempat"}),
        (besok.isoformat(), "x" * 301, {"tempat"}),
        ("", None, {"waktu", "tempat"}),
    ]:
        assert galat(jadwal, waktu=waktu, tempat=tempat) == kolom, (waktu, tempat)
    for isi, kolom in [("", {"jawaban"}), ("  \u200b ", {"jawaban"}), (None, {"jawaban"}), ("a\x00", {"jawaban"})]:
        assert galat(jawab, bo, k, jawaban=isi) == kolom, isi
    assert galat(jawab, bo, k, lampiran=[bukan_pdf()]) == {"lampiran"}
    assert jejak(k) == sebelum and not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        k = jadwal(waktu=besok.isoformat(), tempat="Ruang Rapat Bagian Organisasi")
    assert (k.status, k.waktu_pertemuan, k.tempat_pertemuan) == (S.DIJADWALKAN, besok, "Ruang Rapat Bagian Organisasi")
    assert k.riwayat.order_by("-pk").first().aksi == AksiLayanan.KONSULTASI_JADWALKAN
    assert kb.langkah(k) == {"nama": "jawab", "pelaku": [bo.penangan.nip]}
    # jadwalkan → the requester, with the time and place
    assert [m.to for m in mailoutbox] == [[bo.pemohon.email]]
    assert "Ruang Rapat Bagian Organisasi" in mailoutbox[0].body and f"{besok:%H:%M}" in mailoutbox[0].body
    k = jadwal(waktu=besok + dt.timedelta(hours=2), tempat="Ruang Rapat 2")  # moved before the answer
    assert (k.status, k.tempat_pertemuan) == (S.DIJADWALKAN, "Ruang Rapat 2")

    with django_capture_on_commit_callbacks(execute=True):
        k = jawab(bo, k, lampiran=[pdf("contoh sop.pdf")])
    assert (k.status, k.dijawab is not None) == (S.DIJAWAB, True)
    assert [(x.tahap, x.nama) for x in k.lampiran.all()] == [(TahapLampiran.HASIL, "contoh sop.pdf")]
    assert kb.langkah(k) == {"nama": "tutup", "pelaku": [bo.pemohon.nip]}
    # jawab → the requester
    assert [m.to for m in mailoutbox[1:]] == [[bo.pemohon.email]] and "tutup" in mailoutbox[1].body
    sebelum = jejak(k)
    with pytest.raises(TransisiTidakSah):  # answered twice
        jawab(bo, k)
    with pytest.raises(TransisiTidakSah):  # scheduled after the answer
        jadwal(waktu=besok, tempat="Ruang Rapat")
    assert jejak(k) == sebelum


# --- tutup and the rating --------------------------------------------------------------------------------------


def test_tutup_dan_penilaian_masuk_skm(bo, django_capture_on_commit_callbacks, mailoutbox):
    surel(bo.penangan, bo.kepala_bo, bo.pemohon)
    rekan = f.pegawai(bo.s.upt5, nama="Rekan Pemohon")
    k = disposisi(bo, ajukan(bo))
    with pytest.raises(TransisiTidakSah):  # closed before the answer
        tutup(bo, k, nilai=4)
    k = jawab(bo, k)
    sebelum = jejak(k)
    for siapa in (bo.penangan, rekan, bo.s.kepala_upt5, bo.kepala_bo):  # someone other than the requester
        with pytest.raises(BukanWewenang):
            tutup(bo, k, nilai=4, oleh=siapa)
    for kw, kolom in [
        ({"nilai": 0}, {"nilai"}),
        ({"nilai": 5}, {"nilai"}),
        ({"nilai": "x"}, {"nilai"}),
        ({"nilai": 2.5}, {"nilai"}),
        ({"nilai": True}, {"nilai"}),
        ({"nilai": -1}, {"nilai"}),
        ({"nilai": 3, "catatan": "baik\x00"}, {"catatan"}),
        ({"jawaban": {"U1": 9}}, {"jawaban.U1"}),
        ({"jawaban": {"U99": 3}}, {"jawaban.U99"}),
        ({"jawaban": "semua empat"}, {"jawaban"}),
    ]:
        assert galat(tutup, bo, k, **kw) == kolom, kw
    assert jejak(k) == sebelum and not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        k = tutup(bo, k, nilai=3, catatan="Sangat membantu.")
    assert (k.status, k.nilai, k.catatan_penilaian, k.selesai is not None) == (S.SELESAI, 3, "Sangat membantu.", True)
    assert kb.langkah(k) is None
    r = Responden.objects.get(layanan=bo.konsultasi, sumber=SumberResponden.KONSULTASI)
    assert sorted(r.jawaban.values_list("unsur__kode", "nilai")) == [(f"U{i}", 3) for i in range(1, 10)]
    assert r.tanggal == timezone.localdate() and r.dicatat_oleh is None  # anonymous: no requester on it
    riwayat = k.riwayat.order_by("-pk").first()
    assert (riwayat.aksi, riwayat.sebagai, riwayat.status_dari, riwayat.catatan) == (
        AksiLayanan.KONSULTASI_TUTUP,
        "pemohon",
        S.DIJAWAB,
        "nilai 3; Sangat membantu.",
    )
    # tutup → the handler (and the head who disposed it)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([bo.penangan.email, bo.kepala_bo.email])
    assert "nilai 3 dari 4" in mailoutbox[0].body
    sebelum = jejak(k)
    with pytest.raises(TransisiTidakSah):
        tutup(bo, k, nilai=4)
    with pytest.raises(TransisiTidakSah):  # scheduled once closed
        svc.konsultasi_jadwalkan(pelaku=akun(bo.penangan), konsultasi=k, waktu=timezone.now(), tempat="Ruang")
    with pytest.raises(TransisiTidakSah):
        disposisi(bo, k)
    assert jejak(k) == sebelum

    # a rating per element of the questionnaire
    k2 = tutup(bo, jawab(bo, disposisi(bo, ajukan(bo))), jawaban={"U1": 4, "U3": 2})
    r2 = Responden.objects.filter(sumber=SumberResponden.KONSULTASI).exclude(pk=r.pk).get()
    assert sorted(r2.jawaban.values_list("unsur__kode", "nilai")) == [("U1", 4), ("U3", 2)] and k2.nilai is None

    # without a consultation service nothing breaks: the rating is kept on the request only
    Layanan.objects.filter(pk=bo.konsultasi.pk).update(menerima_konsultasi=False)
    k3 = jawab(bo, disposisi(bo, ajukan(bo)))
    assert galat(tutup, bo, k3, jawaban={"U1": 4}) == {"jawaban"}
    k3 = tutup(bo, k3, nilai=4)
    assert (k3.status, k3.nilai) == (S.SELESAI, 4)
    assert Responden.objects.filter(sumber=SumberResponden.KONSULTASI).count() == 2
    k4 = tutup(bo, jawab(bo, disposisi(bo, ajukan(bo))))  # closed without a rating
    assert (k4.status, k4.nilai) == (S.SELESAI, None)


# --- files added later -----------------------------------------------------------------------------------------


def test_lampiran_tambah(bo, settings, tmp_path, django_capture_on_commit_callbacks, mailoutbox):
    settings.MEDIA_ROOT = tmp_path
    surel(bo.pemohon, bo.penangan)
    tambah = lambda siapa, k, berkas: svc.konsultasi_lampiran_tambah(  # noqa: E731
        pelaku=akun(siapa), konsultasi=k, berkas=berkas
    )
    k = ajukan(bo)
    lamp = tambah(bo.pemohon, k, pdf("data dukung.pdf"))
    assert (lamp.tahap, lamp.nama, lamp.diunggah_oleh, lamp.berkas.name.startswith("konsultasi/")) == (
        TahapLampiran.PERMOHONAN,
        "data dukung.pdf",
        bo.pemohon,
        True,
    )
    r = k.riwayat.order_by("-pk").first()
    assert (r.aksi, r.sebagai, r.status_dari, r.status_ke) == (
        AksiLayanan.KONSULTASI_LAMPIRAN,
        "pemohon",
        S.DIAJUKAN,
        S.DIAJUKAN,
    )
    # not the handler yet, the head, a colleague of the requester: theirs to add nothing
    for siapa in (bo.penangan, bo.kepala_bo, bo.s.kepala_upt5):
        with pytest.raises(BukanWewenang):
            tambah(siapa, k, pdf())
    k = disposisi(bo, k)
    with django_capture_on_commit_callbacks(execute=True):
        hasil = tambah(bo.penangan, k, pdf("notula.pdf"))
    assert hasil.tahap == TahapLampiran.HASIL
    assert [m.to for m in mailoutbox] == [[bo.pemohon.email]] and "notula.pdf" in mailoutbox[0].body
    sebelum = jejak(k)
    kosong = SimpleUploadedFile("kosong.pdf", b"", content_type="application/pdf")
    for berkas in (bukan_pdf(), kosong, None):
        assert galat(tambah, bo.pemohon, k, berkas) == {"berkas"}
    LampiranKonsultasi.objects.bulk_create(
        LampiranKonsultasi(
            konsultasi=k, tahap="hasil", berkas="konsultasi/x.pdf", nama="x.pdf", diunggah_oleh=bo.penangan
        )
        for _ in range(18)
    )
    assert galat(tambah, bo.penangan, k, pdf()) == {"berkas"}  # the twenty-first file
    LampiranKonsultasi.objects.filter(nama="x.pdf").delete()
    assert jejak(k) == sebelum
    k = tutup(bo, jawab(bo, k), nilai=4)
    for siapa in (bo.pemohon, bo.penangan):
        with pytest.raises(TransisiTidakSah):
            tambah(siapa, k, pdf())


# --- the deadline on a frozen clock ----------------------------------------------------------------------------


def test_tenggat_dan_terlambat_dengan_jam_beku(bo):
    hari = lambda n: HARI_BEKU + dt.timedelta(days=n)  # noqa: E731
    terlambat = lambda: set(Konsultasi.objects.filter(kb.terlambat_q()).values_list("pk", flat=True))  # noqa: E731

    def segar(k):
        return Konsultasi.objects.get(pk=k.pk)

    with jam(hari(0)):
        dibutuhkan = ajukan(bo, dibutuhkan=hari(5).isoformat())  # "sesuai kebutuhan": the date asked for
        standar_kosong = ajukan(bo)  # the consultation service's standard names no jangka waktu: 14 days
        v = standar.versi_buat(pelaku=bo.admin, layanan=bo.konsultasi, komponen={}, jangka_waktu_hari=7)
        standar.versi_terbitkan(pelaku=bo.admin, layanan=bo.konsultasi)
        assert v.jangka_waktu_hari == 7
        dari_standar = ajukan(bo)  # the standard's jangka waktu
        Layanan.objects.filter(pk=bo.konsultasi.pk).update(menerima_konsultasi=False)
        tanpa_layanan = ajukan(bo)  # no consultation service: 14 days
    assert (dibutuhkan.dibutuhkan, dibutuhkan.tenggat) == (hari(5), hari(5))
    assert (standar_kosong.tenggat, dari_standar.tenggat, tanpa_layanan.tenggat) == (hari(14), hari(7), hari(14))
    assert dari_standar.dibutuhkan is None

    with jam(hari(5), 23):  # the last day, late in the evening: not late yet
        assert not segar(dibutuhkan).terlambat and terlambat() == set()
    with jam(hari(6), 0):  # just after midnight in Jakarta
        assert segar(dibutuhkan).terlambat and terlambat() == {dibutuhkan.pk}
    with jam(hari(3)):  # answered on time
        jawab(bo, disposisi(bo, dari_standar))
    with jam(hari(20)):  # answered after its deadline (day 14)
        jawab(bo, disposisi(bo, tanpa_layanan))
    with jam(hari(21)):
        tutup(bo, segar(tanpa_layanan), nilai=2)
    with jam(hari(30)):
        assert not segar(dari_standar).terlambat  # on time stays on time
        assert segar(tanpa_layanan).terlambat  # late stays late, closed or not
        assert segar(dibutuhkan).terlambat and segar(standar_kosong).terlambat
        assert terlambat() == {dibutuhkan.pk, standar_kosong.pk, tanpa_layanan.pk}


# --- the standards: jangka waktu, the consultation service ------------------------------------------------------


def test_standar_jangka_waktu_dan_layanan_konsultasi(bo):
    admin, s = bo.admin, bo.s
    daftar = lambda kode, **kw: standar.layanan_daftarkan(  # noqa: E731
        pelaku=admin,
        kode=kode,
        nama=f"Layanan {kode}",
        unit=kw.pop("unit", s.bag_org),
        komponen=komponen_lengkap(),
        **kw,
    )
    for nilai in (0, 366, "x", 2.5, True):
        assert galat(daftar, "asistensi", jangka_waktu_hari=nilai) == {"jangka_waktu_hari"}, nilai
    assert not Layanan.objects.filter(kode="asistensi").exists()
    lay = daftar("asistensi", jangka_waktu_hari=10)
    v1 = lay.versi.get()
    assert v1.jangka_waktu_hari == 10
    v1 = standar.versi_ubah(pelaku=admin, versi=v1, komponen=None, catatan="tanpa perubahan angka")
    assert v1.jangka_waktu_hari == 10  # left out: kept
    v1 = standar.versi_ubah(pelaku=admin, versi=v1, komponen=None, jangka_waktu_hari=5)
    assert v1.jangka_waktu_hari == 5
    assert galat(standar.versi_ubah, pelaku=admin, versi=v1, komponen=None, jangka_waktu_hari=400) == {
        "jangka_waktu_hari"
    }
    standar.versi_terbitkan(pelaku=admin, layanan=lay)
    v2 = standar.versi_buat(pelaku=admin, layanan=lay, komponen={"biaya": "Gratis"})
    assert v2.jangka_waktu_hari == 5  # copied to the new version, like tenggat_pengaduan_hari
    v3 = standar.versi_buat(pelaku=admin, layanan=lay, komponen={}, jangka_waktu_hari=None)
    assert v3.jangka_waktu_hari is None  # "sesuai kebutuhan"

    # one consultation service per instansi, and only the Bagian Organisasi's
    ubah = lambda layanan, nilai, oleh=admin: standar.layanan_ubah(  # noqa: E731
        pelaku=oleh, layanan=layanan, menerima_konsultasi=nilai
    )
    with pytest.raises(ValidationError, match="Konsultasi Kelembagaan \\(konsultasi-org\\)"):
        ubah(lay, True)
    with pytest.raises(ValidationError, match="Bagian Organisasi"):
        ubah(bo.lab, True)  # the health lab's service
    assert galat(ubah, lay, "ya") == {"menerima_konsultasi"}
    with pytest.raises(BukanWewenang):  # the service's own rules: only those who may manage the unit's standards
        ubah(bo.konsultasi, False, oleh=akun(bo.pemohon))
    ubah(bo.konsultasi, False)
    lay = ubah(lay, True)
    assert lay.menerima_konsultasi and svc.layanan_konsultasi(s.instansi) == lay
    r = lay.riwayat.filter(aksi=AksiLayanan.LAYANAN_UBAH).get()
    assert r.catatan == "diubah: menerima penilaian konsultasi"
    hari = timezone.localdate()
    assert ajukan(bo).tenggat == hari + dt.timedelta(days=5)  # version 1 in force: 5 days
    standar.versi_terbitkan(pelaku=admin, layanan=lay)  # version 3: "sesuai kebutuhan", no date asked: 14 days
    assert ajukan(bo).tenggat == hari + dt.timedelta(days=14)
    Instansi.objects.filter(pk=s.instansi.pk).update(bagian_organisasi=None)
    with pytest.raises(ValidationError, match="belum menetapkan Bagian Organisasi"):
        ubah(bo.konsultasi, True)
