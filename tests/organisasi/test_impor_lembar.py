"""Issue 14: the structure exchange as an Excel workbook or CSV files, read into the very data the JSON
reader gets (so one check and one writer), with Indonesian messages for every way a file can be unreadable,
a template to download, and the format described on the import page itself."""

import csv
import datetime as dt
import io
import json
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from organisasi import pertukaran
from organisasi.models import Instansi, Pegawai, PejabatUnit, Penempatan, Unit
from organisasi.pertukaran import baris as baris_mod
from organisasi.pertukaran import lembar as lembar_mod
from organisasi.pertukaran.kolom import LEMBAR
from tests import factories as f
from tests.organisasi.test_impor_api_md import ANALIS, KEPALA, PLH, dari_api_md
from tests.organisasi.test_pertukaran import kosongkan_basis_data

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TANGGAL = {"mulai", "selesai"}


def url(nama):
    return reverse(f"admin:organisasi_unit_{nama}")


# --- building files as a person with Excel would -------------------------------------------------------------


def _judul(baris: list[dict]) -> list[str]:
    judul = []
    for b in baris:
        judul += [k for k in b if k not in judul]
    return judul


def ke_xlsx(data: dict, *, urutan=None, sel=None) -> bytes:
    """A workbook as Excel saves one: booleans as TRUE/FALSE cells, dates as date cells, NIPs as text, columns
    in the order the rows first name them (not the template's), and an extra sheet of notes."""
    buku = openpyxl.Workbook()
    buku.active.title = "Petunjuk"
    buku.active.append(["catatan bebas, diabaikan"])
    for jenis in urutan or data:
        ws = buku.create_sheet(jenis)
        judul = _judul(data[jenis])
        ws.append(judul)
        for b in data[jenis]:
            nilai = []
            for k in judul:
                v = b.get(k)
                if k in TANGGAL and isinstance(v, str):
                    v = dt.date.fromisoformat(v)
                nilai.append((sel or (lambda jenis, k, v: v))(jenis, k, v))
            ws.append(nilai)
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def ke_csv(data: dict, *, pemisah=",", bom=False, tanggal_hbt=False, benar="ya", salah="tidak", nama="{}.csv"):
    """One CSV file per list, as Excel writes them ("CSV UTF-8" adds a BOM; the Indonesian locale uses `;`,
    BENAR/SALAH and day/month/year dates)."""
    berkas = []
    for jenis, baris in data.items():
        keluar = io.StringIO()
        penulis = csv.writer(keluar, delimiter=pemisah, lineterminator="\r\n")
        judul = _judul(baris)
        penulis.writerow(judul)
        for b in baris:
            nilai = []
            for k in judul:
                v = b.get(k, "")
                if isinstance(v, bool):
                    v = benar if v else salah
                elif k in TANGGAL and tanggal_hbt and v:
                    v = f"{dt.date.fromisoformat(v):%d/%m/%Y}"
                nilai.append(v)
            penulis.writerow(nilai)
        berkas.append((nama.format(jenis), ("\ufeff" if bom else "") + keluar.getvalue()))
    return [(n, t.encode("utf-8")) for n, t in berkas]


def unggah(berkas: list[tuple[str, bytes]]):
    return [SimpleUploadedFile(nama, isi) for nama, isi in berkas]


def galat_unggahan(berkas) -> list[str]:
    with pytest.raises(ValidationError) as e:
        pertukaran.baca_unggahan(berkas)
    return e.value.messages


def snapshot():
    """Everything an import writes, without ids or timestamps."""
    return {
        "instansi": sorted(Instansi.objects.values_list("kode", "nama")),
        "unit": sorted(
            (u.kode, u.nama, u.jenis, u.tingkat, u.mandiri, u.aktif, u.path[: -Unit.steplen])
            for u in Unit.objects.all()
        ),
        "pegawai": sorted(
            Pegawai.objects.values_list(
                "nip", "nama", "jenis_asn", "golongan", "email", "aktif", "unit__kode", "jabatan__nama"
            )
        ),
        "penempatan": sorted(
            Penempatan.objects.values_list(
                "pegawai__nip", "unit__kode", "jabatan__nama", "jabatan__tingkat", "mulai", "selesai", "nomor_sk"
            )
        ),
        "pejabat": sorted(
            PejabatUnit.objects.values_list("unit__kode", "pegawai__nip", "jenis", "mulai", "selesai", "nomor_sk")
        ),
    }


def snapshot_json(data) -> dict:
    """What importing `data` as JSON leaves, without keeping it."""
    with transaction.atomic():
        pertukaran.impor(json.loads(json.dumps(data)))
        hasil = snapshot()
        transaction.set_rollback(True)
    return hasil


@pytest.fixture
def admin_client(client, admin_organisasi):
    client.force_login(admin_organisasi)
    return client


def data_lengkap() -> dict:
    """API.md's example (with a past Plh and a delegation), plus optional fields of every kind."""
    data = dari_api_md(PLH)
    data["instansi"][0].update(kode_wilayah="35.07", tempat="Kepanjen")
    data["pegawai"][1].update(golongan="III/c", email="analis@malangkab.go.id", nomor_sk="800/12/2015")
    data["pegawai"][0]["mulai"] = "2024-08-04"
    data["plt"][0].update(nomor_sk="800/1/2024", keterangan="Kepala Bagian belum dilantik")
    data["unit"][2]["aktif"] = True
    return data


# --- the same structure, three forms ------------------------------------------------------------------------


def test_a_workbook_reads_into_exactly_the_json_data():
    data = data_lengkap()
    unggahan = pertukaran.baca_unggahan([("struktur.xlsx", ke_xlsx(data))])
    assert unggahan.bentuk == "XLSX"
    assert unggahan.data == data
    # each record keeps its sheet row, for messages
    assert unggahan.baris["unit"] == [2, 3, 4] and unggahan.baris["plt"] == [2, 3]


@pytest.mark.parametrize(
    "gaya",
    [
        {},
        {"pemisah": ";", "bom": True, "tanggal_hbt": True, "benar": "BENAR", "salah": "SALAH"},
        {"pemisah": "\t", "benar": "TRUE", "salah": "FALSE", "nama": "struktur-{} (1).csv"},
    ],
    ids=["koma", "excel-indonesia-titik-koma-bom", "tab-nama-unduhan"],
)
def test_csv_files_read_into_exactly_the_json_data(gaya):
    data = data_lengkap()
    unggahan = pertukaran.baca_unggahan(ke_csv(data, **gaya))
    assert unggahan.bentuk == "CSV"
    assert unggahan.data == data


@pytest.mark.django_db
@pytest.mark.parametrize("bentuk", ["xlsx", "csv"])
def test_a_spreadsheet_imports_through_the_page_to_the_same_result_as_json(admin_client, bentuk):
    data = data_lengkap()
    harapan = snapshot_json(data)
    assert len(harapan["pejabat"]) == 4  # the head, Plt, Plh and delegation: the comparison is not empty
    berkas = [("struktur.xlsx", ke_xlsx(data))] if bentuk == "xlsx" else ke_csv(data, pemisah=";", bom=True)

    resp = admin_client.post(url("impor"), {"berkas": unggah(berkas)})
    assert resp.status_code == 200, resp.context["form"].errors
    assert "pegawai: 2 dibuat, 0 diubah, 0 tetap" in resp.context["ringkasan"]
    assert not Unit.objects.filter(kode="setda").exists()  # only a preview so far
    resp = admin_client.post(url("impor"), {"_konfirmasi": "1", "token": resp.context["token"]})
    assert resp.status_code == 302

    assert snapshot() == harapan
    # a second upload of the same sheets changes nothing
    resp = admin_client.post(url("impor"), {"berkas": unggah(berkas)})
    assert "pegawai: 0 dibuat, 0 diubah, 2 tetap" in resp.context["ringkasan"]


@pytest.mark.django_db
def test_row_errors_name_the_sheet_row_in_the_preview_and_the_confirmation(admin_client):
    data = data_lengkap()
    data["unit"][1]["jenis"] = "dinas_x"
    resp = admin_client.post(url("impor"), {"berkas": unggah([("s.xlsx", ke_xlsx(data))])})
    assert resp.context["galat"] == [
        "unit baris 3 setda-asisten-1: jenis: Nilai 'dinas_x' tidak dikenal; pilihan: "
        + ", ".join(v for v in __import__("organisasi.choices").choices.JenisUnit.values)
        + "."
    ]
    # JSON keeps its list indexes
    with pytest.raises(ValidationError) as e:
        pertukaran.impor(data)
    assert e.value.messages[0].startswith("unit[1] setda-asisten-1: jenis:")


# --- the template and the export ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_template_downloads_and_imports_back_with_its_example_rows(admin_client):
    resp = admin_client.get(url("ekspor") + "?bentuk=templat")
    assert resp.status_code == 200 and resp["Content-Type"] == JENIS_XLSX
    assert resp["Content-Disposition"] == 'attachment; filename="templat-impor-struktur.xlsx"'

    buku = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert buku.sheetnames == ["petunjuk", "instansi", "unit", "pegawai", "plt", "delegasi"]
    for jenis, lembar in LEMBAR.items():
        assert [c.value for c in buku[jenis][1]] == [k.nama for k in lembar.kolom]
        assert buku[jenis].max_row == 2  # one example row
    assert buku["pegawai"]["A2"].data_type == "s" and buku["pegawai"]["A2"].number_format == "@"
    petunjuk = [c.value for (c,) in buku["petunjuk"].iter_rows(min_col=4, max_col=4) if c.value]
    assert any("Wajib diisi untuk jabatan fungsional" in p or "wajib untuk jabatan fungsional" in p for p in petunjuk)

    unggahan = pertukaran.baca_unggahan([("templat-impor-struktur.xlsx", resp.content)])
    kosongkan_basis_data()
    hasil = pertukaran.impor(unggahan.data, baris_lembar=unggahan.baris)
    assert {j: h["dibuat"] for j, h in hasil.items()} == {
        "instansi": 1,
        "unit": 1,
        "jabatan": 1,
        "pegawai": 1,
        "plt": 1,
        "delegasi": 1,
    }


def test_the_format_columns_are_the_readers_columns():
    assert set(LEMBAR) == set(baris_mod.KOLOM)
    for jenis, (wajib, pilihan) in baris_mod.KOLOM.items():
        assert {k.nama for k in LEMBAR[jenis].kolom} == wajib | pilihan


@pytest.mark.django_db
def test_the_xlsx_export_reads_back_as_the_json_export(admin_client, struktur):
    resp = admin_client.get(url("ekspor") + "?bentuk=xlsx&instansi=kab-uji")
    assert resp.status_code == 200 and resp["Content-Type"] == JENIS_XLSX
    assert resp["Content-Disposition"].startswith('attachment; filename="struktur-kab-uji-')
    dibaca = pertukaran.baca_unggahan([("ekspor.xlsx", resp.content)]).data
    assert dibaca == pertukaran.ekspor(instansi="kab-uji")
    assert len(dibaca["pegawai"]) > 5
    assert all(nol == (0, 0) for nol in ((h["dibuat"], h["diubah"]) for h in pertukaran.impor(dibaca).values()))
    assert admin_client.get(url("ekspor") + "?bentuk=pdf").status_code == 404


# --- unreadable files, in Indonesian -----------------------------------------------------------------------


INGGRIS = ("Expecting", "delimiter", "line ", "column ", "char ", "Unterminated", "Invalid", "Extra data", "property")


@pytest.mark.parametrize(
    "isi, arti",
    [
        (b'{"unit": [\n  {"kode": "a"\n    "nama": "b"}]}', "baris 3, kolom 5: tanda koma (,) atau kurung penutup"),
        (b'{"unit": [{"kode": "a",}]}', "nama kunci dalam tanda petik ganda diharapkan"),
        (b'{"unit": [1,]}', "nilai diharapkan"),
        (b'{"unit": "abc', "teks tidak ditutup"),
        (b'{"unit" []}', "tanda titik dua (:)"),
        (b'{"unit": []} x', "ada isi lain setelah akhir data"),
        (b'{"unit": "a\\q"}', "garis miring terbalik"),
    ],
)
def test_broken_json_is_explained_in_indonesian(isi, arti):
    (pesan,) = galat_unggahan([("struktur.json", isi)])
    assert pesan.startswith("Berkas bukan JSON yang sah: galat pada baris ") and arti in pesan
    assert not any(kata in pesan for kata in INGGRIS)


def _zip(**anggota) -> bytes:
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zf:
        for nama, isi in anggota.items():
            zf.writestr(nama, isi)
    return keluar.getvalue()


@pytest.mark.parametrize(
    "isi, arti",
    [
        (b"ini bukan buku kerja", "bukan buku kerja XLSX yang sah"),
        (b"PK\x03\x04rusak", "bukan buku kerja XLSX yang sah"),
        (_zip(**{"catatan.txt": "halo"}), "bukan buku kerja XLSX yang sah"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "format Excel lama (.xls)"),
    ],
    ids=["teks", "zip-rusak", "zip-lain", "xls-lama"],
)
def test_a_file_named_xlsx_that_is_no_workbook_is_refused_in_indonesian(isi, arti):
    (pesan,) = galat_unggahan([("struktur.xlsx", isi)])
    assert arti in pesan and "struktur.xlsx" in pesan


def test_other_spreadsheet_formats_are_named():
    assert "simpan ulang sebagai .xlsx" in galat_unggahan([("struktur.xls", b"x")])[0]
    assert "LibreOffice (.ods)" in galat_unggahan([("struktur.ods", b"x")])[0]
    assert "tidak dikenali" in galat_unggahan([("struktur.txt", b"x")])[0]
    # without a known name, the content decides
    assert pertukaran.baca_unggahan([("unduhan", ke_xlsx({"unit": []}))]).bentuk == "XLSX"


def test_a_workbook_that_unpacks_too_large_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(lembar_mod, "BATAS_ISI", 2_000)
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("parsed"))
    (pesan,) = galat_unggahan([("besar.xlsx", ke_xlsx(data_lengkap()))])
    assert "terlalu besar setelah dibuka" in pesan


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(lembar_mod, "BATAS_BARIS", 3)
    assert "paling banyak 3 baris data" in galat_unggahan([("s.xlsx", ke_xlsx(data_lengkap()))])[-1]
    assert "paling banyak 3 baris data" in galat_unggahan(ke_csv(data_lengkap()))[-1]


def test_unknown_and_missing_sheets_are_named():
    buku = openpyxl.Workbook()
    buku.active.title = "Sheet1"
    keluar = io.BytesIO()
    buku.save(keluar)
    (pesan,) = galat_unggahan([("s.xlsx", keluar.getvalue())])
    assert pesan.startswith("Lembar 'Sheet1' tidak dikenal; nama lembar yang dikenal: instansi, unit, pegawai")

    # a sheet name differing only in case and spaces is the same sheet; "petunjuk" is skipped
    data = {"Pegawai ": data_lengkap()["pegawai"]}
    assert pertukaran.baca_unggahan([("s.xlsx", ke_xlsx(data))]).data == {"pegawai": data_lengkap()["pegawai"]}


def test_unknown_duplicate_and_missing_columns_are_named():
    data = data_lengkap()
    for b in data["pegawai"]:
        b["NIPP"] = b.pop("nip")
        del b["unit"]
    data["unit"][0]["Nama"] = "dua kali"
    pesan = galat_unggahan([("s.xlsx", ke_xlsx(data, urutan=["unit", "pegawai"]))])
    assert "Lembar unit, baris judul (baris 1): kolom G: kolom nama tercantum lebih dari sekali." in pesan
    assert not any(p.startswith("Lembar unit: kolom yang dikenal") for p in pesan)
    assert "Lembar pegawai, baris judul (baris 1): kolom G: judul 'NIPP' tidak dikenal." in pesan
    assert "Lembar pegawai, baris judul (baris 1): kolom wajib tidak ada: nip, unit." in pesan
    assert any(p.startswith("Lembar pegawai: kolom yang dikenal: nip, nama, jenis_asn") for p in pesan)

    csv_berkas = ke_csv({"plt": [{"unit": "setda", "nip": ANALIS, "jenis": "plt", "mulai": "2024-01-01"}]})
    assert galat_unggahan(csv_berkas)[0] == "Berkas plt.csv, baris judul (baris 1): kolom wajib tidak ada: selesai."


def test_a_column_with_data_but_no_header_is_named():
    data = {"unit": [{"kode": "a", "nama": "A", "jenis": "bidang", "induk": "x", "tingkat": "pengawas", "": "?"}]}
    pesan = galat_unggahan(ke_csv(data))
    assert pesan == [
        "Berkas unit.csv baris 2: kolom ke-6 berisi data tetapi tidak berjudul; beri judul atau kosongkan kolomnya."
    ]


def test_a_nip_excel_turned_into_a_number_is_refused_with_the_fix():
    data = data_lengkap()

    def nip_angka(jenis, kolom, v):
        return float(v) if kolom == "nip" and jenis == "pegawai" and v == KEPALA else v

    pesan = galat_unggahan([("s.xlsx", ke_xlsx(data, sel=nip_angka))])
    assert len(pesan) == 1
    assert pesan[0].startswith("Lembar pegawai baris 2: nip: NIP tersimpan sebagai angka (197501012000031000)")
    assert "format kolom menjadi Teks" in pesan[0]

    # an exact integer cell (as some programs write one) is the same NIP as text
    assert lembar_mod._nip(int(KEPALA)) == KEPALA

    # a CSV saved from Excel after it showed the NIP as 1,97501E+17
    berkas = ke_csv({"pegawai": [{**data["pegawai"][0], "nip": "1,97501E+17"}]}, pemisah=";")
    (pesan,) = galat_unggahan(berkas)
    assert pesan.startswith("Berkas pegawai.csv baris 2: nip: NIP 1,97501E+17 tertulis sebagai angka berpangkat")


def test_cells_of_the_wrong_kind_are_named():
    data = data_lengkap()
    data["plt"][0].update(mulai="31/02/2024", selesai="bulan depan")
    data["unit"][0]["mandiri"] = "mungkin"
    pesan = galat_unggahan(ke_csv(data))
    assert pesan == [
        "Berkas unit.csv baris 2: mandiri: Isi ya atau tidak, bukan 'mungkin'.",
        "Berkas plt.csv baris 2: mulai: Tanggal 31/02/2024 tidak ada (dibaca sebagai hari/bulan/tahun).",
        "Berkas plt.csv baris 2: selesai: Tanggal bulan depan tidak terbaca; tulis 2024-05-03 (tahun-bulan-hari) "
        "atau 03/05/2024 (hari/bulan/tahun), atau gunakan sel bertipe tanggal.",
    ]

    def tanggal_angka(jenis, kolom, v):
        return 45415 if kolom == "mulai" and jenis == "delegasi" else v

    (pesan,) = galat_unggahan([("s.xlsx", ke_xlsx(data_lengkap(), sel=tanggal_angka))])
    assert (
        pesan
        == "Lembar delegasi baris 2: mulai: Tanggal tertulis sebagai angka (45415); ubah format sel menjadi Tanggal."
    )


def test_numbers_in_text_columns_read_as_typed():
    data = {"unit": [{"kode": 123, "nama": "Seksi 1", "jenis": "seksi", "induk": "x", "tingkat": "pengawas"}]}
    dibaca = pertukaran.baca_unggahan([("s.xlsx", ke_xlsx(data))]).data
    assert dibaca["unit"][0]["kode"] == "123"


def test_a_csv_not_in_utf8_is_refused_with_how_to_save_it():
    teks = "kode,nama,jenis,induk,tingkat\r\nsetda,Sekretariat Daérah,sekretariat_daerah,kab,jpt_pratama\r\n"
    (pesan,) = galat_unggahan([("unit.csv", teks.encode("cp1252"))])
    assert pesan.startswith("Berkas unit.csv bukan teks UTF-8 (bita ke-") and "CSV UTF-8" in pesan


def test_csv_files_are_told_apart_by_name():
    data = data_lengkap()
    (pesan,) = galat_unggahan([("data.csv", ke_csv({"unit": data["unit"]})[0][1])])
    assert "dari namanya tidak jelas lembar apa; beri nama instansi.csv, unit.csv" in pesan
    dua = ke_csv({"unit": data["unit"]}) + ke_csv({"unit": data["unit"]}, nama="struktur_{}.csv")
    assert galat_unggahan(dua) == ["Berkas unit.csv dan struktur_unit.csv sama-sama berisi unit."]
    campur = ke_csv({"unit": data["unit"]}) + [("struktur.json", b"{}")]
    assert "hanya berkas CSV yang boleh lebih dari satu" in galat_unggahan(campur)[0]


def test_a_broken_csv_quote_is_explained():
    isi = b'kode,nama,jenis,induk,tingkat\r\nsetda,"Sekretariat,sekretariat_daerah,kab,jpt_pratama\r\n'
    assert galat_unggahan([("unit.csv", isi)]) == [
        'Berkas unit.csv tidak dapat dibaca sebagai CSV pada baris 2: tanda petik ganda (") tidak ditutup.'
    ]


# --- the page ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_describes_the_format_itself(admin_client):
    halaman = admin_client.get(url("impor")).content.decode()
    assert "API.md" not in halaman
    assert url("ekspor") + "?bentuk=templat" in halaman and url("ekspor") + "?bentuk=xlsx" in halaman
    for jenis, lembar in LEMBAR.items():
        assert f'id="format-{jenis}"' in halaman
        for k in lembar.kolom:
            assert f"<code>{k.nama}</code>" in halaman
    assert "unit.csv" in halaman and "titik koma (;)" in halaman and "CSV UTF-8" in halaman
    assert "multiple" in halaman and 'accept=".xlsx,.csv,.json"' in halaman


@pytest.mark.django_db
def test_the_page_shows_a_workbook_problem_on_the_field(admin_client):
    resp = admin_client.post(url("impor"), {"berkas": unggah([("struktur.xlsx", b"bukan")])})
    assert resp.status_code == 200
    assert "bukan buku kerja XLSX yang sah" in resp.context["form"].errors["berkas"][0]
    resp = admin_client.post(url("impor"), {"berkas": unggah([("x.json", b'{"a": 1\n "b": 2}')])})
    (pesan,) = resp.context["form"].errors["berkas"]
    assert (
        pesan
        == "Berkas bukan JSON yang sah: galat pada baris 2, kolom 2: tanda koma (,) atau kurung penutup diharapkan."
    )


@pytest.mark.django_db
def test_outsiders_cannot_open_the_page_the_template_or_the_export(client, admin_organisasi, struktur):
    unit_admin = f.UserFactory(username="admin-dinkes", is_staff=True)
    from guardian.shortcuts import assign_perm

    assign_perm("organisasi.kelola_unit", unit_admin, struktur.dinas)
    client.force_login(unit_admin)
    for alamat in (url("impor"), url("ekspor") + "?bentuk=templat", url("ekspor") + "?bentuk=xlsx"):
        assert client.get(alamat).status_code == 403
    assert client.post(url("impor"), {"berkas": unggah([("s.xlsx", ke_xlsx(data_lengkap()))])}).status_code == 403
    client.logout()
    anonim = client.get(url("ekspor") + "?bentuk=templat")
    assert anonim.status_code == 302 and "/login/" in anonim["Location"]


def test_a_row_numbered_far_beyond_the_limit_is_refused_without_reading_every_empty_row():
    """openpyxl hands out every empty row before a row numbered 1,000,000; the reader stops at its bound."""
    buku = openpyxl.Workbook()
    ws = buku.active
    ws.title = "unit"
    ws.append(list(data_lengkap()["unit"][0]))
    ws.cell(row=1_000_000, column=1, value="jauh")
    keluar = io.BytesIO()
    buku.save(keluar)
    (pesan,) = galat_unggahan([("s.xlsx", keluar.getvalue())])
    assert pesan.startswith("Lembar unit: baris ke-60.001 melewati batas 60.000 baris")
