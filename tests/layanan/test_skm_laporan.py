"""The SKM report: the PDF in the annex's layout (its appendix for the pengelola only, capped) and the XLSX
(Tabulasi with the annex's summary rows, Ringkasan, Rencana Tindak Lanjut), figures equal to the API's."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from layanan import selectors as sel
from layanan import services, skm_laporan
from layanan.periode import baca

from .test_skm import isi_contoh, jawab

pytestmark = pytest.mark.django_db


def teks_pdf(isi: bytes) -> str:
    return "\n".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages)


def unduh(client, nama, kode="uji-lab", **q):
    r = client.get(reverse(f"layanan:{nama}", args=[kode]), q)
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    return r, isi


def rencana(lay, kegiatan="Loket tambahan"):
    unsur = lay.lab.skema_survei.unsur.get(kode="U3")
    return services.tindak_lanjut_catat(
        pelaku=lay.s.staf_upt5.akun,
        layanan=lay.lab,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 12, 31),
        unsur=unsur,
        kegiatan=kegiatan,
        waktu="Triwulan I 2027",
        penanggung_jawab="Kepala UPT",
    )


def test_pdf_laporan_dengan_lampiran_untuk_pengelola(client, lay):
    isi_contoh(lay)
    rencana(lay)
    client.force_login(lay.s.staf_upt5.akun)
    r, isi = unduh(client, "skm_pdf", periode="2026")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and isi.startswith(b"%PDF")
    assert 'filename="skm-uji-lab-20260101-20261231.pdf"' in r["Content-Disposition"]
    teks = teks_pdf(isi)
    api = sel.ikm(
        skema=lay.lab.skema_survei, layanan=lay.lab, mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 12, 31)
    ).sebagai_api()
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in teks and "KABUPATEN" in teks.upper()
    assert api["ikm"].replace(".", ",") in teks and f"Kinerja unit pelayanan {api['kinerja']}" in teks
    for u in api["unsur"]:
        if u["nrr"]:
            assert u["nrr"].replace(".", ",") in teks
    assert "II. PROFIL RESPONDEN" in teks and "III. PENGADUAN" in teks and "V. RENCANA TINDAK LANJUT" in teks
    assert "Loket tambahan" in teks and "Kepala UPT" in teks
    assert "Lampiran. Pengolahan data survei" in teks.replace("LAMPIRAN", "Lampiran") or "LAMPIRAN" in teks
    assert "Σ nilai/unsur" in teks and "01-08-2026" in teks


def test_pdf_tanpa_lampiran_bagi_yang_bukan_pengelola(client, lay):
    isi_contoh(lay)
    client.force_login(lay.s.staf_dpmptsp.akun)
    r, isi = unduh(client, "skm_pdf", periode="2026")
    assert r.status_code == 200
    teks = teks_pdf(isi)
    assert "I. HASIL PENGOLAHAN DATA SURVEI" in teks and "01-08-2026" not in teks and "Σ nilai/unsur" not in teks
    client.force_login(lay.s.staf_dpmptsp.akun)
    assert unduh(client, "skm_pdf", "izin-praktik")[0].status_code == 404


def test_lampiran_pdf_dibatasi(lay, monkeypatch):
    isi_contoh(lay)
    monkeypatch.setattr(skm_laporan, "MAKS_LAMPIRAN", 2)
    lap = skm_laporan.laporan(lay.lab, lay.lab.skema_survei, baca("2026"))
    html = skm_laporan.html_pdf(lap, lampiran=True)
    assert "memuat 2 responden pertama" in html and "2 responden lainnya ada pada laporan XLSX" in html
    assert "2026-08-01" not in html and "01-08-2026" not in html


def test_xlsx_tabulasi_ringkasan_dan_rencana(client, lay):
    isi_contoh(lay)
    rencana(lay, kegiatan='=HYPERLINK("http://contoh")')
    client.force_login(lay.s.staf_upt5.akun)
    r, isi = unduh(client, "skm_xlsx", periode="2026")
    assert r.status_code == 200 and r["Content-Type"] == skm_laporan.XLSX
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    assert wb.sheetnames == ["Tabulasi", "Ringkasan", "Rencana Tindak Lanjut"]
    api = sel.ikm(
        skema=lay.lab.skema_survei, layanan=lay.lab, mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 12, 31)
    ).sebagai_api()
    rows = [list(r) for r in wb["Tabulasi"].iter_rows(values_only=True)]
    kepala = rows.index(
        ["No", "Tanggal", *[f"U{i}" for i in range(1, 10)], "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]
    )
    data = rows[kepala + 1 : kepala + 5]
    assert [d[0] for d in data] == [1, 2, 3, 4] and data[0][1].date() == dt.date(2026, 1, 10)
    assert data[0][2:11] == [4, 3, 3, 4, 3, 3, 4, 2, None] and data[0][12] == 30 and data[1][11] == "Perempuan"
    ringkas = {r[0]: r[2:11] for r in rows[kepala + 5 :] if r and r[0]}
    assert ringkas["Σ Nilai per unsur"] == [u["jumlah_nilai"] for u in api["unsur"]]
    assert ringkas["Jumlah jawaban per unsur"] == [u["jumlah_jawaban"] for u in api["unsur"]]
    assert [f"{x:.4f}" if x is not None else None for x in ringkas["NRR per unsur"]] == [u["nrr"] for u in api["unsur"]]
    assert f"{ringkas['IKM (Σ NRR tertimbang × pengali)'][0]:.2f}" == api["ikm"]
    assert ringkas["Mutu pelayanan"][0] == api["mutu"] and ringkas["Kinerja unit pelayanan"][0] == api["kinerja"]
    ring = [list(r) for r in wb["Ringkasan"].iter_rows(values_only=True)]
    assert ["Jumlah responden", None, 4] == ring[5][:3]
    assert any(r[1] == "IKM = Σ NRR tertimbang × 25" and f"{r[6]:.2f}" == api["ikm"] for r in ring)
    rtl = [list(r) for r in wb["Rencana Tindak Lanjut"].iter_rows(values_only=True)]
    baris = next(r for r in rtl if r[0] == 1)
    assert baris[1] == "U3 Waktu penyelesaian" and baris[3] == '=HYPERLINK("http://contoh")'
    sel_ = next(
        c
        for row in openpyxl.load_workbook(io.BytesIO(isi))["Rencana Tindak Lanjut"]
        for c in row
        if c.value == baris[3]
    )
    assert sel_.data_type == "s"  # typed text, never a formula


def test_xlsx_hanya_pengelola(client, lay):
    client.force_login(lay.s.staf_dpmptsp.akun)
    assert unduh(client, "skm_xlsx")[0].status_code == 403
    client.force_login(lay.admin)  # the Bagian Organisasi runs every counter
    assert unduh(client, "skm_xlsx")[0].status_code == 200


def test_xlsx_besar_ditulis_bertahap(lay, django_assert_max_num_queries):
    skema = lay.lab.skema_survei
    catat = [jawab("2026-03-03", {"U1": 1 + i % 4, "U2": 4}) for i in range(900)]
    services.responden_catat(pelaku=lay.s.staf_upt5.akun, layanan=lay.lab, baris=catat)
    lap = skm_laporan.laporan(lay.lab, skema, baca("2026"))
    with django_assert_max_num_queries(8):  # tabulation read 2,000 respondents at a time: 2 queries a slice
        berkas = skm_laporan.xlsx_berkas(lap)
    rows = list(openpyxl.load_workbook(berkas, read_only=True)["Tabulasi"].iter_rows(values_only=True))
    assert sum(1 for r in rows if r and isinstance(r[0], int)) == 900
    nrr = next(r for r in rows if r and r[0] == "NRR per unsur")
    assert Decimal(str(nrr[2])) == Decimal("2.5")
