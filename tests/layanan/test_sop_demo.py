"""The demo's SOPs (`layanan.demo_sop.muat`, after the organisasi and layanan demos): the Bagian Organisasi's
consultation SOP after seed 001 with its two loops back and two flowchart pages, versions replaced, a revision
being drafted, a draft never approved, each linked to its demo service. One test: the demos take a while."""

import io
import time

import pypdf
import pytest
from django.core.management import call_command

from layanan import bagan, demo, demo_sop, sop_baca, sop_dokumen
from layanan.choices import StatusVersi
from layanan.models import Sop

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def test_sop_demo(settings, tmp_path):
    settings.DEBUG, settings.MEDIA_ROOT = True, tmp_path
    call_command("muat_demo")
    d = demo.muat()
    mulai = time.monotonic()
    ringkasan = demo_sop.muat(d)
    print(f"\ndemo_sop.muat: {time.monotonic() - mulai:.1f} s")
    assert len(ringkasan) == 5 and ringkasan[0].startswith("  SOP: 4 SOP")
    semua = {s.nama: s for s in Sop.objects.select_related("unit", "versi_berlaku")}
    assert len(semua) == 4
    konsultasi = semua[demo_sop.KONSULTASI["nama"]]
    assert konsultasi.unit.kode == "setda-bag-organisasi" and konsultasi.versi_berlaku.nomor == 2
    assert dict(konsultasi.versi.values_list("nomor", "status")) == {1: StatusVersi.DIGANTI, 2: StatusVersi.BERLAKU}
    assert list(konsultasi.layanan.values_list("kode", flat=True)) == [demo.KODE_KONSULTASI]
    v = konsultasi.versi_berlaku
    assert v.disahkan_oleh is not None and v.jabatan_pengesah and v.tanggal_efektif < d.hari
    tepi = {(t.dari, t.ke) for t in bagan.alur(sop_baca.langkah_bagan(v))}
    assert {(5, 3), (10, 8)} <= tepi  # "Berkas lengkap?" and "Dokumen sesuai ketentuan?" loop back
    pdf = pypdf.PdfReader(io.BytesIO(sop_dokumen.pdf_sop(v)))
    assert len(pdf.pages) == 3 and "Fasilitasi Konsultasi" in pdf.pages[0].extract_text()
    izin = semua[demo_sop.IZIN["nama"]]
    assert izin.versi_berlaku.nomor == 1 and izin.versi.filter(status=StatusVersi.DRAF).count() == 1
    kk = semua[demo_sop.KK["nama"]]
    assert kk.versi_berlaku is None and kk.versi.get().status == StatusVersi.DRAF
    lab = semua[demo_sop.LAB["nama"]]
    assert list(lab.layanan.values_list("kode", flat=True)) == ["uji-laboratorium-kesehatan"]
