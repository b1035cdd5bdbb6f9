"""Issue 13: hostile input in a structure file is refused whole, naming the record and field, never a traceback.

Every identifier (NIP, unit code) is checked for shape and control characters before any lookup (a NUL
reached PostgreSQL as a DataError); free text is bounded (`masukan.PANJANG` or the column, whichever is
smaller), without control characters and not invisibly empty; dates lie in masukan's window and a placement
or role does not start before the person's birth; a file nested thousands deep or holding a number of
thousands of digits is a clear error from the command and the admin upload.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from organisasi import pertukaran
from organisasi.management.commands.impor_struktur import Command as ImporCommand
from organisasi.models import Pegawai
from sistemkerja.masukan import PANJANG
from tests.organisasi.test_pertukaran import ANALIS, KEPALA, contoh, galat_impor, jumlah_baris

KOSONG = [0, 0, 0, 0, 0, 0]
KENDALI = "Teks tidak boleh memuat karakter kendali (mis. NUL)."
NIP_NUL = ANALIS[:9] + "\x00" + ANALIS[9:]
MUDA = "200301012022031001"  # born 2003-01-01, TMT 2022-03
TUA = "193501011960031001"  # born 1935-01-01: before masukan.LAHIR_MIN
A1 = f"pegawai[1] NIP {ANALIS}: "
K0 = f"pegawai[0] NIP {KEPALA}: "
PLT = f"plt[0] unit setda-bag-organisasi NIP {ANALIS}: "
DLG = f"delegasi[0] unit setda-bag-organisasi NIP {ANALIS}: "


def _plt(**kolom):
    baris = {"unit": "setda-bag-organisasi", "nip": ANALIS, "jenis": "plh", "mulai": "2024-05-03"}
    return {**baris, "selesai": "2024-05-10", **kolom}


def _delegasi(**kolom):
    baris = {"dari_unit": "setda-bag-organisasi", "kepada_nip": ANALIS, "mulai": "2024-05-03"}
    return {**baris, "selesai": "2024-05-10", **kolom}


def _ubah(jalur, nilai):
    def ubah(data):
        wadah = data
        for k in jalur[:-1]:
            wadah = wadah[k]
        wadah[jalur[-1]] = nilai

    return ubah


def _tambah(jenis, baris):
    return lambda data: data[jenis].append(baris)


def _periksa(ubah, label, kolom, pesan):
    data = contoh()
    ubah(data)
    semua = galat_impor(data)
    awal = f"{label}{kolom}: "
    cocok = [p for p in semua if p.startswith(awal)]
    assert cocok, semua
    assert any(pesan in p for p in cocok), semua
    assert all(p.isprintable() and len(p) < 600 for p in semua), semua
    assert jumlah_baris() == KOSONG


# --- finding 1: identifiers and NUL ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ubah, label, kolom",
    [
        (_ubah(["pegawai", 1, "nip"], NIP_NUL), "pegawai[1] NIP 199001012\\x00015032001: ", "nip"),
        (_ubah(["pegawai", 1, "unit"], "setda\x00"), A1, "unit"),
        (_ubah(["pegawai", 0, "memimpin"], "setda-bag-organisasi\x00"), K0, "memimpin"),
        (_ubah(["unit", 0, "kode"], "set\x00da"), "unit[0] set\\x00da: ", "kode"),
        (_ubah(["unit", 1, "induk"], "setda\x00"), "unit[1] setda-asisten-1: ", "induk"),
        (_ubah(["instansi", 0, "kode"], "kab\x00malang"), "instansi[0] kab\\x00malang: ", "kode"),
        (_tambah("plt", _plt(nip=NIP_NUL)), "plt[0] unit setda-bag-organisasi NIP 199001012\\x00015032001: ", "nip"),
        (_tambah("plt", _plt(unit="setda\x00")), f"plt[0] unit setda\\x00 NIP {ANALIS}: ", "unit"),
        (
            _tambah("delegasi", _delegasi(kepada_nip=NIP_NUL)),
            "delegasi[0] unit setda-bag-organisasi NIP 199001012\\x00015032001: ",
            "kepada_nip",
        ),
        (_tambah("delegasi", _delegasi(dari_unit="\x00")), f"delegasi[0] unit \\x00 NIP {ANALIS}: ", "dari_unit"),
    ],
)
def test_a_nul_in_an_identifier_is_refused_before_any_lookup(ubah, label, kolom):
    _periksa(ubah, label, kolom, KENDALI)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ubah, label, kolom",
    [
        (_ubah(["pegawai", 1, "nama"], "Contoh\x00Analis"), A1, "nama"),
        (_ubah(["pegawai", 1, "jabatan"], "Analis\x00"), A1, "jabatan"),
        (_ubah(["pegawai", 1, "nomor_sk"], "821/\x00"), A1, "nomor_sk"),
        (_ubah(["unit", 0, "nama"], "Sekretariat\x00Daerah"), "unit[0] setda: ", "nama"),
        (_ubah(["instansi", 0, "nama"], "Pemerintah\x00"), "instansi[0] kab-malang: ", "nama"),
        (_ubah(["instansi", 0, "alamat"], "Jl. Panji\x00"), "instansi[0] kab-malang: ", "alamat"),
        (_tambah("plt", _plt(keterangan="cuti\x00")), PLT, "keterangan"),
        (_tambah("plt", _plt(nomor_sk="\x00")), PLT, "nomor_sk"),
    ],
)
def test_a_nul_in_free_text_is_refused(ubah, label, kolom):
    _periksa(ubah, label, kolom, KENDALI)


@pytest.mark.django_db
def test_the_command_names_a_nul_nip_and_prints_no_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    data = contoh()
    data["pegawai"][1]["nip"] = NIP_NUL
    data["plt"] = [_plt(nip=NIP_NUL)]
    jalur = tmp_path / "nul.json"
    jalur.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(SystemExit) as keluar:
        ImporCommand().run_from_argv(["manage.py", "impor_struktur", str(jalur)])

    assert keluar.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "DataError" not in err and "\x00" not in err
    assert f"pegawai[1] NIP 199001012\\x00015032001: nip: {KENDALI}" in err
    assert "Impor dibatalkan" in err
    assert jumlah_baris() == KOSONG


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nilai, pesan",
    [
        (True, "Harus berupa teks 18 digit."),
        (1.5, "Harus berupa teks 18 digit."),
        ("²" * 18, "NIP hanya boleh berisi angka"),
        ("١٩٩٠٠١٠١٢٠١٥٠٣٢٠٠١", "NIP hanya boleh berisi angka"),  # Arabic-Indic digits
        ("１９９０" + ANALIS[4:], "NIP hanya boleh berisi angka"),  # fullwidth digits
        ("9" * 5000, "Paling banyak"),
        (ANALIS[:9] + "\u200b" + ANALIS[9:], "NIP hanya boleh berisi angka"),
        (int(ANALIS[:17]), "NIP harus 18 digit angka."),
        # from Python data: impor() is not only fed parsed files
        pytest.param(10**5000, "NIP harus 18 digit angka.", id="angka-5000-digit"),
    ],
)
def test_a_nip_is_eighteen_ascii_digits(nilai, pesan):
    data = contoh()
    data["pegawai"][1]["nip"] = nilai
    semua = galat_impor(data)
    assert any(p.startswith("pegawai[1] NIP ") and f": nip: {pesan}" in p for p in semua), semua
    assert all(p.isprintable() and len(p) < 600 for p in semua), semua
    assert jumlah_baris() == KOSONG


@pytest.mark.django_db
def test_a_nip_typed_with_spaces_or_as_a_json_number_still_imports():
    data = contoh()
    data["pegawai"][1]["nip"] = "19900101 201503 2 001"
    data["pegawai"][0]["nip"] = int(KEPALA)
    data["plt"] = [_plt(nip="19900101 201503 2 001", mulai="2024-05-03", selesai="2024-05-10")]
    hasil = pertukaran.impor(data)
    assert hasil["pegawai"]["dibuat"] == 2 and hasil["plt"]["dibuat"] == 1
    assert set(Pegawai.objects.values_list("nip", flat=True)) == {KEPALA, ANALIS}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ubah, label, kolom, pesan",
    [
        (_ubah(["unit", 0, "mandiri"], 1), "unit[0] setda: ", "mandiri", "Harus true atau false."),
        (_ubah(["unit", 0, "aktif"], "true"), "unit[0] setda: ", "aktif", "Harus true atau false."),
        (_ubah(["pegawai", 1, "aktif"], 0), A1, "aktif", "Harus true atau false."),
        (_ubah(["unit", 0, "nama"], 12), "unit[0] setda: ", "nama", "Harus berupa teks."),
        (_ubah(["unit", 0, "kode"], 1.5), "unit[0] 1.5: ", "kode", "Harus berupa teks."),
        (_ubah(["pegawai", 1, "unit"], ["setda"]), A1, "unit", "Harus berupa teks."),
        (_tambah("plt", _plt(mulai=20240503)), PLT, "mulai", "Harus berupa teks."),
    ],
)
def test_booleans_are_booleans_and_text_is_text(ubah, label, kolom, pesan):
    _periksa(ubah, label, kolom, pesan)


@pytest.mark.django_db
def test_unknown_keys_are_shown_bounded_and_escaped():
    data = contoh()
    data["unit"][0]["x\x00" + "y" * 5000] = 1
    data["z" * 5000] = []
    semua = galat_impor(data)
    assert len(semua) == 2 and all(p.isprintable() and len(p) < 300 for p in semua), semua
    assert jumlah_baris() == KOSONG


# --- finding 2: files that break Python's JSON decoder --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "isi, pesan",
    [
        ("[" * 100_000, "bersarang terlalu dalam"),
        ('{"unit": [' * 30_000, "bersarang terlalu dalam"),
        ('{"pegawai": [{"nip": ' + "1" * 5000 + "}]}", "angka terlalu panjang"),
        ("[" + "9" * 5000 + "]", "angka terlalu panjang"),
        ('{"unit": [], }', "bukan JSON yang sah"),
    ],
)
def test_the_command_refuses_json_it_cannot_read_without_a_traceback(tmp_path, isi, pesan):
    jalur = tmp_path / "rusak.json"
    jalur.write_text(isi, encoding="utf-8")
    with pytest.raises(CommandError, match=pesan) as e:
        call_command("impor_struktur", str(jalur))
    assert str(jalur) in str(e.value) and len(str(e.value)) < 400
    assert jumlah_baris() == KOSONG


@pytest.mark.django_db
def test_the_command_reads_a_file_with_a_byte_order_mark(tmp_path):
    jalur = tmp_path / "bom.json"
    jalur.write_bytes(b"\xef\xbb\xbf" + json.dumps(contoh()).encode())
    call_command("impor_struktur", str(jalur), "--dry-run", stdout=io.StringIO())
    assert jumlah_baris() == KOSONG


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (b"[" * 100_000, "bersarang terlalu dalam"),
        (b'{"pegawai": [{"nip": ' + b"1" * 5000 + b"}]}", "angka terlalu panjang"),
    ],
)
def test_the_admin_upload_refuses_json_it_cannot_read(admin_client, isi, pesan):
    resp = admin_client.post(reverse("admin:organisasi_unit_impor"), {"berkas": SimpleUploadedFile("x.json", isi)})
    assert resp.status_code == 200
    assert pesan in resp.context["form"].errors["berkas"][0]
    assert jumlah_baris()[:2] == [0, 0]


def test_the_admin_upload_names_a_nul_nip(admin_client):
    data = contoh()
    data["pegawai"][1]["nip"] = NIP_NUL
    berkas = SimpleUploadedFile("x.json", json.dumps(data).encode())
    resp = admin_client.post(reverse("admin:organisasi_unit_impor"), {"berkas": berkas})
    assert resp.status_code == 200
    assert f"pegawai[1] NIP 199001012\\x00015032001: nip: {KENDALI}" in resp.context["galat"]
    assert "token" not in resp.context
    assert jumlah_baris()[:2] == [0, 0]


@pytest.mark.parametrize("kode", ["%00", "kab%00uji", "k" * 5000])
def test_the_admin_export_answers_404_for_a_code_that_cannot_be_one(admin_client, kode):
    resp = admin_client.get(reverse("admin:organisasi_unit_ekspor") + f"?instansi={kode}")
    assert resp.status_code == 404


# --- finding 3: free text --------------------------------------------------------------------------

PENDEK = PANJANG["pendek"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ubah, label, kolom, pesan",
    [
        (_ubah(["pegawai", 1, "nama"], "\u200b\u200d\ufeff"), A1, "nama", "Wajib diisi"),
        (_ubah(["pegawai", 1, "jabatan"], "\u2060\u00ad"), A1, "jabatan", "Wajib diisi"),
        (_ubah(["unit", 0, "nama"], "\u3164"), "unit[0] setda: ", "nama", "Wajib diisi"),
        (_ubah(["instansi", 0, "nama"], "\u2800\u2800"), "instansi[0] kab-malang: ", "nama", "Wajib diisi"),
        (_ubah(["pegawai", 1, "nama"], "N" * (PENDEK + 1)), A1, "nama", f"Paling banyak {PENDEK} karakter"),
        (_ubah(["pegawai", 1, "jabatan"], "J" * (PENDEK + 1)), A1, "jabatan", f"Paling banyak {PENDEK}"),
        (_ubah(["pegawai", 1, "nomor_sk"], "8" * 121), A1, "nomor_sk", "Paling banyak 120 karakter"),
        (_ubah(["pegawai", 1, "nama"], "Contoh\tAnalis"), A1, "nama", KENDALI),
        (_ubah(["pegawai", 1, "nama"], "Contoh\u0085Analis"), A1, "nama", KENDALI),
        (_ubah(["instansi", 0, "alamat"], "A" * 1001), "instansi[0] kab-malang: ", "alamat", "Paling banyak 1000"),
        (_ubah(["instansi", 0, "tempat"], "T" * 101), "instansi[0] kab-malang: ", "tempat", "Paling banyak 100"),
        (_tambah("plt", _plt(keterangan="k" * 301)), PLT, "keterangan", "Paling banyak 300 karakter"),
        (_tambah("plt", _plt(keterangan="cuti\x07")), PLT, "keterangan", KENDALI),
        (_tambah("delegasi", _delegasi(nomor_sk="\x1b[31m")), DLG, "nomor_sk", KENDALI),
    ],
)
def test_free_text_is_bounded_printable_and_not_invisibly_empty(ubah, label, kolom, pesan):
    _periksa(ubah, label, kolom, pesan)


@pytest.mark.django_db
def test_an_address_may_span_lines_and_optional_invisible_text_counts_as_absent():
    data = contoh()
    data["instansi"][0]["alamat"] = "Jl. Panji No. 1\nKepanjen"
    data["pegawai"][1]["nomor_sk"] = "\u200b"
    pertukaran.impor(data)
    assert Pegawai.objects.get(nip=ANALIS).riwayat_penempatan.get().nomor_sk == ""


# --- finding 4: dates ------------------------------------------------------------------------------


def _muda(**kolom):
    baris = {
        "nip": MUDA,
        "nama": "Pegawai Muda",
        "jabatan": "Pengadministrasi Umum",
        "jenis_jabatan": "pelaksana",
        "unit": "setda-bag-organisasi",
    }
    return {**baris, **kolom}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ubah, label, kolom, pesan",
    [
        (
            _tambah("pegawai", _muda(mulai="2002-05-01")),
            f"pegawai[2] NIP {MUDA}: ",
            "mulai",
            "sebelum tanggal lahir pegawai (01-01-2003)",
        ),
        (
            lambda d: (d["pegawai"].append(_muda()), d["plt"].append(_plt(nip=MUDA, mulai="2002-12-30"))),
            f"plt[0] unit setda-bag-organisasi NIP {MUDA}: ",
            "mulai",
            "sebelum tanggal lahir pegawai (01-01-2003)",
        ),
        (
            _tambah("pegawai", _muda(nip=TUA)),
            f"pegawai[2] NIP {TUA}: ",
            "nip",
            "Tanggal lahir pada NIP (digit 1–8: 19350101) sebelum 01-01-1940.",
        ),
        (_tambah("plt", _plt(mulai="0001-01-01")), PLT, "mulai", "Tanggal harus antara 01-01-2000 dan 31-12-2099."),
        (_tambah("plt", _plt(selesai="9999-12-31")), PLT, "selesai", "Tanggal harus antara 01-01-2000"),
        (_tambah("plt", _plt(mulai="1999-12-31")), PLT, "mulai", "Tanggal harus antara 01-01-2000"),
        (_tambah("delegasi", _delegasi(mulai="0001-01-01")), DLG, "mulai", "Tanggal harus antara 01-01-2000"),
        (_tambah("plt", _plt(selesai="2024-05-02")), PLT, "selesai", "tidak boleh sebelum tanggal mulai"),
        (_ubah(["pegawai", 1, "mulai"], "1990-01-01"), A1, "mulai", "Tanggal harus antara 01-01-2000"),
        (_ubah(["pegawai", 1, "mulai"], "2100-01-01"), A1, "mulai", "Tanggal harus antara 01-01-2000"),
        (_ubah(["pegawai", 1, "mulai"], "20240503"), A1, "mulai", "gunakan format YYYY-MM-DD"),
        (_ubah(["pegawai", 1, "mulai"], "２０２４-05-03"), A1, "mulai", "gunakan format YYYY-MM-DD"),
    ],
)
def test_dates_lie_in_the_window_and_after_birth(ubah, label, kolom, pesan):
    _periksa(ubah, label, kolom, pesan)


@pytest.mark.django_db
def test_a_window_edge_plt_and_a_start_on_the_day_of_birth_are_accepted():
    data = contoh()
    data["pegawai"][0]["mulai"] = "2000-03-01"
    data["pegawai"].append(_muda(mulai="2022-03-01"))
    data["plt"] = [_plt(unit="setda-asisten-1", nip=KEPALA, jenis="plt", mulai="2000-03-01", selesai="2000-03-31")]
    hasil = pertukaran.impor(data)
    assert hasil["plt"]["dibuat"] == 1 and hasil["pegawai"]["dibuat"] == 3


@pytest.mark.django_db
def test_an_undated_person_appointed_before_the_window_is_placed_from_its_start():
    data = contoh()
    lama = {**data["pegawai"][1], "nip": "196501011990031001", "nama": "Pegawai Senior"}
    del lama["mulai"]
    data["pegawai"].append(lama)
    pertukaran.impor(data)
    penempatan = Pegawai.objects.get(nip="196501011990031001").riwayat_penempatan.get()
    assert penempatan.mulai.isoformat() == "2000-01-01"
    assert all((h["dibuat"], h["diubah"]) == (0, 0) for h in pertukaran.impor(data).values())
