"""A first walk through the services (the wider suites come with the API and pages)."""

import pytest
from django.core.exceptions import ValidationError

from layanan import selectors as sel
from layanan import services
from layanan.choices import StatusPengaduan, StatusVersi
from layanan.models import Jawaban, KodeSurvei, Responden
from sistemkerja.errors import BukanWewenang, TerlaluSering, TransisiTidakSah

pytestmark = pytest.mark.django_db


def test_alur_standar_survei_pengaduan(lay):
    s = lay.s
    kepala_upt = s.kepala_upt5.akun
    versi2 = services.versi_buat(pelaku=kepala_upt, layanan=lay.lab, komponen={"biaya": "Rp10.000"}, catatan="tarif")
    assert versi2.nomor == 2 and versi2.status == StatusVersi.DRAF and versi2.persyaratan.startswith("Isi")
    services.versi_terbitkan(pelaku=kepala_upt, layanan=lay.lab)
    lay.lab.refresh_from_db()
    assert lay.lab.versi_berlaku.nomor == 2
    assert [v.status for v in lay.lab.versi.order_by("nomor")] == [StatusVersi.DIGANTI, StatusVersi.BERLAKU]
    with pytest.raises(BukanWewenang):
        services.versi_buat(pelaku=s.staf_upt5.akun, layanan=lay.lab, komponen={})
    with pytest.raises(ValidationError) as e:
        services.versi_terbitkan(pelaku=lay.admin, layanan=lay.draf)
    assert "komponen.dasar_hukum" in e.value.message_dict

    (kode,) = services.kode_survei_buat(pelaku=s.staf_upt5.akun, layanan=lay.lab)
    jawaban = {f"U{i}": 3 for i in range(1, 10)}
    services.survei_isi(layanan=lay.lab, kode=kode.kode.lower(), jawaban=jawaban, profil={"usia": "30"})
    with pytest.raises(ValidationError) as e:
        services.survei_isi(layanan=lay.lab, kode=kode.kode, jawaban=jawaban)
    assert "kode" in e.value.message_dict
    assert KodeSurvei.objects.get(pk=kode.pk).dipakai is not None
    services.responden_catat(
        pelaku=s.staf_upt5.akun,
        layanan=lay.lab,
        baris=[
            {"tanggal": "2026-01-05", "jawaban": {"U1": 4, "U2": 3}},
            {"tanggal": "2026-01-06", "jawaban": {"U1": 2}},
        ],
    )
    with pytest.raises(ValidationError) as e:
        services.responden_catat(
            pelaku=s.staf_upt5.akun, layanan=lay.lab, baris=[{"tanggal": "2026-01-05", "jawaban": {"U1": 5}}]
        )
    assert list(e.value.message_dict) == ["[0].jawaban.U1"]
    assert Responden.objects.count() == 3 and Jawaban.objects.count() == 12
    import datetime as dt

    h = sel.ikm(skema=lay.lab.skema_survei, layanan=lay.lab, mulai=dt.date(2026, 1, 1), selesai=dt.date(2027, 12, 31))
    assert h.responden == 3 and h.unsur[0].jumlah_nilai == 9 and h.unsur[0].jumlah_jawaban == 3

    p = services.pengaduan_ajukan(isi="Antrean lama", layanan="uji-lab", kontak="warga@contoh.id", alamat="10.0.0.1")
    assert p.unit == s.upt5 and p.status == StatusPengaduan.DITERIMA
    with pytest.raises(BukanWewenang):
        services.pengaduan_proses(pelaku=s.staf_bidang.akun.__class__.objects.get(pk=s.staf_seksi.akun.pk), pengaduan=p)
    services.pengaduan_proses(pelaku=s.staf_upt5.akun, pengaduan=p)
    t = services.tanggapan_tulis(pelaku=s.staf_upt5.akun, pengaduan=p, isi="Loket ditambah.")
    with pytest.raises(BukanWewenang):
        services.tanggapan_terbitkan(pelaku=s.staf_upt5.akun, tanggapan=t)
    services.tanggapan_terbitkan(pelaku=s.kepala_dinas.akun, tanggapan=t)
    services.pengaduan_tutup(pelaku=s.staf_upt5.akun, pengaduan=p)
    with pytest.raises(TransisiTidakSah):
        services.pengaduan_tutup(pelaku=s.staf_upt5.akun, pengaduan=p)
    for _ in range(4):
        services.pengaduan_ajukan(isi="Lagi", layanan="uji-lab", alamat="10.0.0.1")
    with pytest.raises(TerlaluSering):
        services.pengaduan_ajukan(isi="Lagi", layanan="uji-lab", alamat="10.0.0.1")
