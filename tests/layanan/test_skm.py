"""The satisfaction index pages: the working printed exactly as the API computes it, periods, the comparison
over quarters, the profile, the follow-up plan, the unit and agency indexes, who may see what."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from layanan import selectors as sel
from layanan import services
from layanan.models import RencanaTindakLanjut, SkemaSurvei

from .conftest import layanan_terbit

pytestmark = pytest.mark.django_db

TAHUN = 2026


def catat(pelaku, layanan, baris):
    return services.responden_catat(pelaku=pelaku.akun, layanan=layanan, baris=baris)


def jawab(tanggal, nilai: dict, **profil):
    return {"tanggal": tanggal, "jawaban": nilai, **profil}


def isi_contoh(lay):
    """Three questionnaires of the lab in the first quarter (U9 answered by nobody, U2 by two of three: NRR
    with repeating decimals), one in the third quarter."""
    catat(
        lay.s.staf_upt5,
        lay.lab,
        [
            jawab("2026-01-10", {"U1": 4, "U2": 3, "U3": 3, "U4": 4, "U5": 3, "U6": 3, "U7": 4, "U8": 2}, usia=30),
            jawab(
                "2026-02-11",
                {"U1": 3, "U2": 2, "U3": 4, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3},
                jenis_kelamin="P",
            ),
            jawab("2026-03-12", {"U1": 2, "U3": 3, "U4": 4, "U5": 4, "U6": 3, "U7": 3, "U8": 3}, pendidikan="s1"),
            jawab("2026-08-01", {"U1": 1, "U2": 1, "U3": 1, "U4": 1, "U5": 1, "U6": 1, "U7": 1, "U8": 1, "U9": 1}),
        ],
    )


def url(nama, *args, **q):
    dasar = reverse(f"layanan:{nama}", args=args)
    return dasar + ("?" + "&".join(f"{k}={v}" for k, v in q.items()) if q else "")


def baris_kerja(isi: str) -> dict[str, dict]:
    """Per element row of the working table: its data attributes and the cells' text."""
    hasil = {}
    for m in re.finditer(
        r'<tr data-unsur="(U[0-9]+)" data-nrr="([^"]*)" data-tertimbang="([^"]*)"[^>]*>(.*?)</tr>', isi, re.S
    ):
        sel_ = [
            unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", m.group(4), re.S)
        ]
        hasil[m.group(1)] = {"nrr": m.group(2), "tertimbang": m.group(3), "sel": sel_}
    return hasil


def tanpa_sisipan(isi: str) -> bool:
    """No inline style or script (the CSP forbids them)."""
    return " style=" not in isi and not re.search(r"<script(?![^>]*\ssrc=)", isi)


def test_perhitungan_di_halaman_sama_dengan_api(client, lay):
    isi_contoh(lay)
    client.force_login(lay.s.staf_dpmptsp.akun)  # staff of another agency: the service is published
    r = client.get(url("skm", "uji-lab", periode="2026-T1"))
    assert r.status_code == 200
    isi = r.content.decode()
    api = sel.ikm(
        skema=lay.lab.skema_survei, layanan=lay.lab, mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 3, 31)
    ).sebagai_api()
    assert api["responden"] == 3 and api["unsur"][8]["nrr"] is None and api["unsur"][1]["nrr"] == "2.5000"
    baris = baris_kerja(isi)
    assert list(baris) == [u["kode"] for u in api["unsur"]]
    for u in api["unsur"]:
        b = baris[u["kode"]]
        # kode, nama, jumlah nilai, jumlah jawaban, NRR (decimal comma), bobot, NRR tertimbang
        assert b["sel"][0] == u["kode"] and b["sel"][1] == u["nama"]
        assert b["sel"][2] == str(u["jumlah_nilai"]) and b["sel"][3] == str(u["jumlah_jawaban"])
        if u["nrr"] is None:
            assert b["nrr"] == "" and b["sel"][4] == "—" and b["sel"][5] == "—" and b["sel"][6] == "—"
        else:
            assert b["nrr"] == u["nrr"] and b["sel"][4].replace(",", ".") == u["nrr"]
            assert b["sel"][5] == "1/8 = 0,1250"  # U9 answered by nobody: k = 8
    ikm = re.search(r'<td class="angka skm-ikm" data-ikm="([^"]*)">([^<]*)</td>', isi)
    assert ikm.group(1) == api["ikm"] and ikm.group(2).replace(",", ".") == api["ikm"]
    assert f'data-mutu="{api["mutu"]}"' in isi and f'data-kinerja="{api["kinerja"]}"' in isi
    assert "8 unsur dijawab, bobot 1/8" in isi and "(U9) ditandai — dan tidak dihitung dalam k" in isi
    assert "pecahan tepat" in isi and "<svg" in isi and tanpa_sisipan(isi)
    # not the pengelola: no tabulation per respondent, no XLSX, no import, no follow-up form
    assert 'id="tabulasi"' not in isi and "laporan.xlsx" not in isi and "Simpan rencana" not in isi


def test_nilai_tepat_dan_pembulatan_terlihat(client, lay):
    # U1 = 4 and 3 → NRR 3.5; the rest 3 → index (3.5 + 8 × 3) / 9 × 25 = 76.3888… → 76.39, mutu C
    catat(lay.s.staf_upt5, lay.lab, [jawab("2026-05-02", {f"U{i}": 3 for i in range(1, 10)} | {"U1": 4})])
    catat(lay.s.staf_upt5, lay.lab, [jawab("2026-05-03", {f"U{i}": 3 for i in range(1, 10)})])
    client.force_login(lay.s.staf_upt5.akun)
    isi = client.get(url("skm", "uji-lab", periode="2026-05")).content.decode()
    assert "76,388888…" in isi and 'data-ikm="76.39"' in isi and 'data-mutu="C"' in isi and "1/9 = 0,1111" in isi


def test_pengelola_melihat_tabulasi_dan_unduhan(client, lay):
    isi_contoh(lay)
    client.force_login(lay.s.staf_upt5.akun)
    isi = client.get(url("skm", "uji-lab", periode="2026")).content.decode()
    assert 'id="tabulasi"' in isi and "laporan.xlsx" in isi and "Simpan rencana" in isi
    tabel = isi.split('id="tabulasi"')[1]
    assert tabel.count("<tr><td>") == 4 and "2026-08-01" in tabel
    assert "Perempuan" in tabel and "S1" in tabel


def test_draf_orang_luar_404_dan_bukan_pengelola_403(client, lay):
    luar = lay.s.staf_dpmptsp.akun
    client.force_login(luar)
    assert client.get(url("skm", "izin-praktik")).status_code == 404  # a draft of another agency
    assert client.get(url("skm_pdf", "izin-praktik")).status_code == 404
    assert client.get(url("skm_xlsx", "izin-praktik")).status_code == 404
    assert client.get(url("skm", "tidak-ada")).status_code == 404
    for nama in ("skm_xlsx", "skm_impor", "skm_templat"):
        assert client.get(url(nama, "uji-lab")).status_code == 403, nama
    r = client.post(
        url("skm_tindak_lanjut", "uji-lab"), {"unsur": "U1", "kegiatan": "x", "waktu": "y", "penanggung_jawab": "z"}
    )
    assert r.status_code == 403 and not RencanaTindakLanjut.objects.exists()
    client.logout()
    assert client.get(url("skm", "uji-lab")).status_code == 302  # login first


def test_periode_dan_skema_tidak_sah_400_dengan_pesan(client, lay):
    client.force_login(lay.s.staf_upt5.akun)
    for q, pesan in [
        ({"periode": "2026-T5"}, "Periode tidak dikenal"),
        ({"periode": "２０２６"}, "Periode tidak dikenal"),
        ({"mulai": "2026-03-01", "selesai": "2026-01-01"}, "tidak boleh sebelum"),
        ({"mulai": "kemarin", "selesai": "2026-01-01"}, "tanggal yang sah"),
        ({"skema": "palsu\x00"}, "Skema survei tidak dikenal"),
    ]:
        r = client.get(reverse("layanan:skm", args=["uji-lab"]), q)
        assert r.status_code == 400 and pesan in r.content.decode(), q
    r = client.get(reverse("layanan:skm", args=["uji-lab"]), {"mulai": "2026-01-01", "selesai": "2026-02-15"})
    assert r.status_code == 200 and "1 Januari 2026 – 15 Februari 2026" in r.content.decode()


def test_skema_2004_dan_perbandingan_triwulan(client, lay):
    isi_contoh(lay)
    client.force_login(lay.s.staf_upt5.akun)
    isi = client.get(url("skm", "uji-lab", periode="2026", skema="ikm2004")).content.decode()
    assert "U14" in isi and "Belum ada kuesioner" in isi
    isi = client.get(url("skm", "uji-lab", periode="2026-T1")).content.decode()
    skema = lay.lab.skema_survei
    for t, (a, b) in enumerate([(1, 3), (4, 6), (7, 9), (10, 12)], 1):
        h = sel.ikm(
            skema=skema,
            layanan=lay.lab,
            mulai=dt.date(TAHUN, a, 1),
            selesai=dt.date(TAHUN, b, 30 if b in (6, 9) else 31),
        )
        kolom = re.search(rf'<g data-periode="2026-T{t}"><title>([^<]*)</title>', isi).group(1)
        if h.ikm is None:
            assert "belum ada jawaban" in kolom
        else:
            assert f"IKM {str(h.ikm).replace('.', ',')}, {h.responden} responden" in kolom
    # months when a month is shown
    isi = client.get(url("skm", "uji-lab", periode="2026-08")).content.decode()
    assert 'data-periode="2026-08"' in isi and "IKM 25,00, 1 responden" in isi


def test_profil_responden(client, lay):
    isi_contoh(lay)
    client.force_login(lay.s.staf_upt5.akun)
    isi = client.get(url("skm", "uji-lab", periode="2026-T1")).content.decode()
    profil = isi.split('id="profil"')[1].split("</section>")[0]
    assert "Jenis kelamin" in profil and "Perempuan" in profil and "25–34" in profil and "Tidak diisi" in profil
    assert '<td data-label="Responden" class="angka">1</td><td data-label="%" class="angka">33,3</td>' in profil


def test_tindak_lanjut_dicatat_dan_salah_isi(client, lay):
    isi_contoh(lay)
    client.force_login(lay.s.staf_upt5.akun)
    isi = client.get(url("skm", "uji-lab", periode="2026-T1")).content.decode()
    lemah = re.findall(r'<li data-unsur="(U[0-9]+)">', isi)
    h = sel.ikm(skema=lay.lab.skema_survei, layanan=lay.lab, mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 3, 31))
    assert lemah == [u.kode for u in h.terlemah(3)]
    assert f'<option value="{lemah[0]}" selected>' in isi  # the weakest suggested
    r = client.post(
        url("skm_tindak_lanjut", "uji-lab", periode="2026-T1"), {"unsur": "U2", "kegiatan": "", "waktu": ""}
    )
    assert r.status_code == 400 and not RencanaTindakLanjut.objects.exists()
    assert "galat-isian" in r.content.decode()
    r = client.post(url("skm_tindak_lanjut", "uji-lab", periode="2026-T1"), {"unsur": "U99", "kegiatan": "x"})
    assert r.status_code == 400 and not RencanaTindakLanjut.objects.exists()
    data = {
        "unsur": "U8",
        "kegiatan": "Kotak saran daring",
        "waktu": "Triwulan II 2026",
        "penanggung_jawab": "Kepala UPT",
    }
    r = client.post(url("skm_tindak_lanjut", "uji-lab", periode="2026-T1"), data)
    assert r.status_code == 302 and r["Location"].endswith("?periode=2026-T1&skema=skm2017#tindak-lanjut")
    rtl = RencanaTindakLanjut.objects.get()
    assert (rtl.mulai, rtl.selesai, rtl.unsur.kode) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31), "U8")
    isi = client.get(url("skm", "uji-lab", periode="2026")).content.decode()  # overlapping period: shown
    assert "Kotak saran daring" in isi and "Kepala UPT" in isi
    assert client.get(url("skm_tindak_lanjut", "uji-lab")).status_code == 405


def test_halaman_layanan_kueri_tetap(client, lay, django_assert_max_num_queries):
    client.force_login(lay.s.staf_upt5.akun)
    isi_contoh(lay)
    with django_assert_max_num_queries(40) as sedikit:
        assert client.get(url("skm", "uji-lab", periode="2026")).status_code == 200
    for i in range(30):
        catat(lay.s.staf_upt5, lay.lab, [jawab(f"2026-{i % 11 + 1:02d}-05", {"U1": 1 + i % 4, "U2": 2}, usia=20 + i)])
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        assert client.get(url("skm", "uji-lab", periode="2026")).status_code == 200


def test_indeks_unit_gabungan_dan_per_layanan(client, lay, django_assert_max_num_queries):
    s = lay.s
    isi_contoh(lay)
    puskesmas = layanan_terbit(lay.admin, s.upt6, "rawat-jalan", "Rawat Jalan")
    catat(s.staf_upt6, puskesmas, [jawab("2026-02-02", {f"U{i}": 4 for i in range(1, 10)})])
    client.force_login(s.staf_upt5.akun)  # staff of Dinas Kesehatan: its counters
    r = client.get(url("skm_unit", "dinkes", periode="2026"))
    assert r.status_code == 200
    isi = r.content.decode()
    gabung = sel.ikm(skema=lay.lab.skema_survei, mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 12, 31), unit=s.dinas)
    assert gabung.responden == 5 and f'<strong data-ikm="{gabung.ikm}">' in isi
    baris = re.findall(r'<tr data-kode="([a-z0-9-]+)" data-ikm="([^"]*)">', isi)
    harap = []
    for kode in ("rawat-jalan", "uji-lab"):
        x = {"rawat-jalan": puskesmas, "uji-lab": lay.lab}[kode]
        h = sel.ikm(skema=x.skema_survei, layanan=x, mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 12, 31))
        harap.append((kode, h.ikm_teks))
    assert baris[:2] == harap  # highest first (100.00 before the lab's)
    assert ("izin-praktik", "") in baris  # the draft without answers, last
    assert tanpa_sisipan(isi)
    # constant queries whatever the number of services
    with django_assert_max_num_queries(40) as sedikit:
        client.get(url("skm_unit", "dinkes", periode="2026"))
    for i in range(5):
        x = layanan_terbit(lay.admin, s.upt6, f"layanan-{i}")
        catat(s.staf_upt6, x, [jawab("2026-04-04", {"U1": 1 + i % 4})])
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = client.get(url("skm_unit", "dinkes", periode="2026")).content.decode()
    assert isi.count("<tr data-kode=") == 8


def test_indeks_unit_siapa_boleh(client, lay):
    s = lay.s
    client.force_login(s.staf_upt5.akun)
    assert client.get(url("skm_unit", "dinkes")).status_code == 200
    assert client.get(url("skm_unit", "dinkes-upt-lab")).status_code == 200
    assert client.get(url("skm_unit", "dpmptsp")).status_code == 404  # another agency
    assert client.get(url("skm_unit", "kab-uji")).status_code == 404  # the whole instansi
    assert client.get(url("skm_unit", "tidak-ada")).status_code == 404


def test_indeks_per_perangkat_daerah_untuk_bagian_organisasi(client, lay, django_assert_max_num_queries):
    s = lay.s
    isi_contoh(lay)
    catat(s.analis, lay.konsultasi, [jawab("2026-06-06", {f"U{i}": 3 for i in range(1, 10)})])
    client.force_login(lay.admin)
    with django_assert_max_num_queries(40) as sedikit:
        r = client.get(url("skm_unit", "kab-uji", periode="2026"))
    assert r.status_code == 200
    isi = r.content.decode()
    pd = dict(
        re.findall(
            r'<tr data-kode="([a-z0-9-]+)" data-ikm="([^"]*)">',
            isi.split('id="perangkat-daerah"')[1].split("</section>")[0],
        )
    )
    tahun = {"mulai": dt.date(2026, 1, 1), "selesai": dt.date(2026, 12, 31)}
    skema = SkemaSurvei.objects.get(kode="skm2017")
    for unit in (s.setda, s.dinas, s.dpmptsp, s.kecamatan):
        assert pd[unit.kode] == (sel.ikm(skema=skema, unit=unit, **tahun).ikm_teks or ""), unit.kode
    assert pd["setda"] == "75.00" and pd["dpmptsp"] == ""
    semua = sel.ikm(skema=skema, unit=s.akar, **tahun)
    assert semua.responden == 5 and f'<strong data-ikm="{semua.ikm}">' in isi
    layanan_terbit(lay.admin, s.kecamatan, "ktp", "Surat Pengantar KTP")
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        client.get(url("skm_unit", "kab-uji", periode="2026"))


def test_beranda_indeks_mengarah_ke_unit_yang_tepat(client, lay):
    client.force_login(lay.admin)  # the Bagian Organisasi: the instansi's agency list
    r = client.get(reverse("layanan:skm_beranda"), {"periode": "2026-T1"})
    assert r.status_code == 302 and r["Location"] == url("skm_unit", "kab-uji", periode="2026-T1")
    client.force_login(lay.s.staf_upt5.akun)  # staff: their Perangkat Daerah
    assert client.get(reverse("layanan:skm_beranda"))["Location"] == url("skm_unit", "dinkes")
