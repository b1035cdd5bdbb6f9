"""Concurrency on PostgreSQL: two deciders at once leave one decision; letters issued in parallel get
distinct, consecutive numbers, and a rolled-back letter leaves no gap."""

import threading

import pytest
from django.db import connection, transaction

from organisasi.selectors import Pejabat
from penugasan import services
from penugasan.choices import JenisSurat, Status
from penugasan.models import RiwayatPenugasan, Surat
from penugasan.services.surat import surat_terbitkan
from sistemkerja.errors import TransisiTidakSah

from .conftest import ajukan

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def serentak(fungsi: list) -> list:
    """Run the callables in threads released together; each result or exception, in order."""
    hasil: list = [None] * len(fungsi)
    mulai = threading.Barrier(len(fungsi))

    def jalan(i, f):
        try:
            mulai.wait()
            hasil[i] = f()
        except Exception as e:  # noqa: BLE001 - returned to the test
            hasil[i] = e
        finally:
            connection.close()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(fungsi)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(60)
    return hasil


def test_dua_keputusan_serentak_hanya_satu_yang_berlaku(s):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    hasil = serentak(
        [
            lambda: services.penugasan_lanjut(pelaku=s.kepala_bidang.akun, penugasan=p, pegawai=[s.staf_bidang]),
            lambda: services.penugasan_tolak(
                pelaku=s.kepala_bidang.akun, penugasan=p, alasan="Ditolak dari jendela lain."
            ),
        ]
    )
    menang = [h for h in hasil if not isinstance(h, Exception)]
    kalah = [h for h in hasil if isinstance(h, Exception)]
    assert len(menang) == 1 and len(kalah) == 1 and isinstance(kalah[0], TransisiTidakSah), hasil
    p.refresh_from_db()
    assert p.status == menang[0].status and p.status in (Status.SELESAI, Status.DITOLAK)
    assert RiwayatPenugasan.objects.filter(penugasan=p).exclude(langkah="permohonan").count() == 1
    jenis_akhir = JenisSurat.PENUGASAN if p.status == Status.SELESAI else JenisSurat.JAWABAN
    assert list(p.surat.exclude(jenis=JenisSurat.PERMOHONAN).values_list("jenis", flat=True)) == [jenis_akhir]


def test_lima_puluh_surat_serentak_bernomor_berurutan_tanpa_kembar(s):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    ttd = Pejabat(s.kepala_bidang, "definitif", s.bidang)

    def terbitkan():
        with transaction.atomic():
            return surat_terbitkan(
                penugasan=p,
                jenis=JenisSurat.JAWABAN,
                penandatangan=ttd,
                perihal="Uji",
                isi={},
                kepada=[s.kepala_bidang2],
            ).urut

    hasil = serentak([terbitkan] * 50)
    assert not [h for h in hasil if isinstance(h, Exception)], hasil
    urut = sorted(Surat.objects.filter(perihal="Uji").values_list("urut", flat=True))
    assert urut == list(range(2, 52))  # number 1 went to the request letter of the same Dinas book
    assert Surat.objects.filter(perihal="Uji").values("nomor").distinct().count() == 50


def test_surat_yang_batal_tidak_meninggalkan_celah(s):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    ttd = Pejabat(s.kepala_bidang, "definitif", s.bidang)

    def terbitkan(batal: bool):
        def f():
            with transaction.atomic():
                surat = surat_terbitkan(
                    penugasan=p,
                    jenis=JenisSurat.JAWABAN,
                    penandatangan=ttd,
                    perihal="Uji",
                    isi={},
                    kepada=[s.kepala_bidang2],
                )
                if batal:
                    raise RuntimeError("gagal di tengah")
                return surat.urut

        return f

    serentak([terbitkan(i % 2 == 1) for i in range(10)])
    assert sorted(Surat.objects.filter(perihal="Uji").values_list("urut", flat=True)) == [2, 3, 4, 5, 6]


def test_dua_render_surat_yang_sama_bergantian(s, settings, tmp_path):
    """A redelivered message and its first run at once: they take turns on the letter's row."""
    from penugasan.tasks import render_surat

    settings.MEDIA_ROOT = tmp_path
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    for berkas in tmp_path.rglob("*.pdf"):  # rendered once already on commit (eager Celery): start over
        berkas.unlink()
    Surat.objects.filter(pk=surat.pk).update(status_berkas="menunggu", berkas="")
    hasil = serentak([lambda: render_surat(surat.pk), lambda: render_surat(surat.pk)])
    assert sorted(len(h) for h in hasil) == [len("sudah"), 64], hasil
    assert len(list(tmp_path.rglob("*.pdf"))) == 1
