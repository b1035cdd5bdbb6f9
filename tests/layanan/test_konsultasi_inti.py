"""The consultation's whole path through the services, and the rating landing in the SKM."""

import pytest

from layanan import konsultasi_baca as kb
from layanan import services
from layanan.choices import AksiLayanan, StatusKonsultasi, SumberResponden
from layanan.models import Responden
from sistemkerja.errors import BukanWewenang, TransisiTidakSah

pytestmark = pytest.mark.django_db


def test_jalur_lengkap(bo, django_capture_on_commit_callbacks, mailoutbox):
    for p in (bo.kepala_bo, bo.penangan, bo.pemohon):
        p.email = f"{p.nip}@uji.go.id"
        p.save()
    with django_capture_on_commit_callbacks(execute=True):
        k = services.konsultasi_ajukan(pelaku=bo.pemohon.akun, jenis="sop", uraian="Mohon asistensi SOP uji lab.")
    assert k.perangkat_daerah == bo.s.dinas and k.status == StatusKonsultasi.DIAJUKAN
    assert kb.langkah(k) == {"nama": "disposisi", "pelaku": [bo.kepala_bo.nip]}
    assert mailoutbox[-1].to == [bo.kepala_bo.email]
    with pytest.raises(BukanWewenang):
        services.konsultasi_disposisi(pelaku=bo.penangan.akun, konsultasi=k, penangan=bo.penangan.nip)
    with pytest.raises(TransisiTidakSah):
        services.konsultasi_jawab(pelaku=bo.penangan.akun, konsultasi=k, jawaban="x")  # not yet disposed: 403 first
    k = services.konsultasi_disposisi(pelaku=bo.kepala_bo.akun, konsultasi=k, penangan=bo.penangan.nip)
    assert kb.langkah(k) == {"nama": "jawab", "pelaku": [bo.penangan.nip]}
    k = services.konsultasi_jawab(pelaku=bo.penangan.akun, konsultasi=k, jawaban="Gunakan format PermenPANRB 35/2012.")
    assert kb.langkah(k) == {"nama": "tutup", "pelaku": [bo.pemohon.nip]}
    k = services.konsultasi_tutup(pelaku=bo.pemohon.akun, konsultasi=k, nilai=4)
    assert k.status == StatusKonsultasi.SELESAI and kb.langkah(k) is None
    r = Responden.objects.get(layanan=bo.konsultasi, sumber=SumberResponden.KONSULTASI)
    assert r.jawaban.count() == 9 and set(r.jawaban.values_list("nilai", flat=True)) == {4}
    assert list(k.riwayat.values_list("aksi", flat=True)) == [
        AksiLayanan.KONSULTASI_AJUKAN,
        AksiLayanan.KONSULTASI_DISPOSISI,
        AksiLayanan.KONSULTASI_JAWAB,
        AksiLayanan.KONSULTASI_TUTUP,
    ]


def test_terlihat(bo):
    k = services.konsultasi_ajukan(pelaku=bo.pemohon.akun, jenis="ikm", uraian="Cara hitung IKM?")
    assert kb.konsultasi_terlihat(bo.kepala_bo.akun).filter(pk=k.pk).exists()
    assert kb.konsultasi_terlihat(bo.penangan.akun).filter(pk=k.pk).exists()  # staff of the Bagian
    assert kb.konsultasi_terlihat(bo.s.staf_upt5.akun).filter(pk=k.pk).exists()
    assert not kb.konsultasi_terlihat(bo.s.staf_kelurahan.akun).filter(pk=k.pk).exists()
