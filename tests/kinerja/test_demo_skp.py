"""The appraisal in the demo, through the services, once: last year's two Unit Organisasi appraised, finalised
and signed (one spread keeping the distribution, one breaking it with a reason), this year's in progress, and
something for every demo login that is staff or a PPK. One test: the demo takes a while to load."""

import pytest
from django.core.management import call_command

from kinerja import demo_skp
from kinerja import dokumen as dokumen_mod
from kinerja.models import DokumenKinerja, Evaluasi, Keberatan, RiwayatSkp, Skp, TandaTangan, UmpanBalikSkp
from kinerja.selectors_skp import angka_kredit, distribusi
from organisasi import demo as demo_organisasi
from organisasi.models import Pegawai, Unit
from organisasi.selectors import hari_ini

pytestmark = pytest.mark.django_db


def hitung() -> tuple:
    return (
        Skp.objects.count(),
        Evaluasi.objects.count(),
        DokumenKinerja.objects.count(),
        TandaTangan.objects.filter(waktu__isnull=False).count(),
        RiwayatSkp.objects.count(),
    )


def test_demo_skp_sekali_dua_sebaran_dan_sesuatu_untuk_setiap_login(settings, tmp_path):
    settings.DEBUG, settings.MEDIA_ROOT = True, tmp_path
    call_command("muat_demo")
    call_command("muat_demo_kinerja")
    tahun = hari_ini().year
    lalu = tahun - 1
    login = [
        Pegawai.objects.get(nip=x.nip)
        for x in demo_organisasi.login_demo(demo_organisasi.data_demo(hari_ini=hari_ini()))
    ]
    admin, kadis, ppk, staf = login

    # last year: every period and the year rated and final, in both units
    sesuai, menyimpang = Unit.objects.get(kode="dinkes"), Unit.objects.get(kode="setda")
    for unit in (sesuai, menyimpang):
        ev = Evaluasi.objects.filter(skp__tahun=lalu, unit_organisasi=unit)
        assert ev.count() == 4 * 5 and not ev.exclude(status="ditetapkan").exists()
        assert set(ev.values_list("periode", flat=True)) == {f"{lalu}-T{t}" for t in range(1, 5)} | {str(lalu)}
    # one spread keeps the distribution, the other breaks it and was finalised with a reason
    d = distribusi(sesuai, str(lalu))
    assert d["predikat_organisasi"] == "baik" and d["sesuai"] and d["jumlah"]["butuh_perbaikan"] == 1
    assert not Evaluasi.objects.filter(unit_organisasi=sesuai, skp__tahun=lalu).exclude(alasan_deviasi="").exists()
    d = distribusi(menyimpang, str(lalu))
    assert d["predikat_organisasi"] == "baik" and not d["sesuai"]
    assert {a["uraian"] for a in d["aturan"] if not a["terpenuhi"]} == {
        "Paling banyak 70% pegawai berpredikat Baik",
        "Harus ada pegawai berpredikat Butuh Perbaikan atau Kurang/Misconduct",
    }
    assert not Evaluasi.objects.filter(unit_organisasi=menyimpang, skp__tahun=lalu, alasan_deviasi="").exists()
    # every document of last year signed; the yearly one of a staff member by the atasan PPK too
    dokumen_lalu = DokumenKinerja.objects.filter(skp__tahun=lalu)
    assert dokumen_lalu.count() == 8 * 6
    assert not TandaTangan.objects.filter(dokumen__in=dokumen_lalu, waktu__isnull=True).exists()
    tahunan = DokumenKinerja.objects.get(evaluasi__skp__pegawai=staf, evaluasi__periode=str(lalu))
    assert sorted(tahunan.tanda_tangan.values_list("peran", flat=True)) == ["atasan_ppk", "pegawai", "ppk"]
    # angka kredit for the pejabat fungsional, on top of a balance brought in for one of them
    ev_staf = Evaluasi.objects.get(skp__pegawai=staf, periode=str(lalu))
    assert ev_staf.jenjang == "ahli_pertama" and ev_staf.angka_kredit is not None
    madya = Pegawai.objects.get(unit__kode="dinkes", jabatan__jenjang="ahli_madya")
    ak = angka_kredit(madya)
    assert ak["saldo_awal"] is not None and ak["kumulatif"] > ak["saldo_awal"].jumlah

    # this year, in progress: every state of an SKP, a period rated and not final, feedback
    status = set(Skp.objects.filter(tahun=tahun).values_list("status", flat=True))
    assert {"draf", "diajukan", "dikembalikan", "disetujui"} <= status
    assert Evaluasi.objects.filter(skp__tahun=tahun, status="dinilai").exists()

    # something for each demo login that is staff or a PPK
    menunggu = TandaTangan.objects.filter(waktu__isnull=True)
    assert Skp.objects.get(pegawai=admin, tahun=tahun).status == "disetujui" and menunggu.filter(pegawai=admin)
    assert Skp.objects.filter(ppk=kadis, tahun=tahun, status="diajukan").exists()
    assert Keberatan.objects.filter(status="diajukan", evaluasi__skp__atasan_ppk=kadis).exists()
    assert Skp.objects.filter(ppk=ppk, tahun=tahun, status="diajukan").exists()
    assert Evaluasi.objects.filter(penilai=ppk, status="dinilai").exists()
    assert menunggu.filter(pegawai=staf).exists() and UmpanBalikSkp.objects.filter(skp__pegawai=staf).exists()

    # a document of the demo made into its PDF (the demo's own run makes them after its commit)
    d = tahunan
    assert dokumen_mod.buat_pdf(d.pk) not in ("belum", "gagal")
    d.refresh_from_db()
    assert d.berkas and len(d.sidik) == 64 and d.galat_berkas == ""

    # a second run changes nothing
    assert demo_skp.sudah_dimuat()
    sebelum = hitung()
    call_command("muat_demo_kinerja")
    assert hitung() == sebelum
