"""How organisasi's transitions read in history and in the admin's messages (registered in apps.py)."""

from .nip import tampilkan

ALASAN = {
    # structure
    "instansi_buat": "Instansi dibuat",
    "instansi_ubah": "Data instansi diubah",
    "unit_buat": "Unit dibuat",
    "unit_ubah": "Unit diubah",
    "unit_pindahkan": "Unit dipindahkan",
    # staff
    "pegawai_daftarkan": "Pegawai didaftarkan",
    "pegawai_ubah": "Data pegawai diubah",
    "pegawai_pindahkan": "Pegawai dipindahkan",
    "mutasi_kolektif": "Mutasi kolektif",
    "mutasi_lampirkan_sk": "Berkas SK mutasi dilampirkan",
    "pegawai_berhentikan": "Pegawai diberhentikan",
    "sinkron_penempatan": "Penempatan mulai berlaku",
    # heads, Plt/Plh, delegations
    "pejabat_tetapkan": "Penetapan pejabat",
    "pejabat_akhiri": "Masa peran diakhiri",
    # API tokens
    "token_buat": "Token API dibuat",
    "token_cabut": "Token API dicabut",
}

PESAN = {
    "instansi_buat": "Instansi {obj} dibuat.",
    "instansi_ubah": "Data instansi {obj} diubah{kolom}.",
    "unit_buat": "Unit {obj} dibuat di bawah {induk}.",
    "unit_ubah": "Unit {obj} diubah{kolom}.",
    "unit_pindahkan": "Unit {obj} dipindahkan ke bawah {induk_baru}.",
    "pegawai_daftarkan": "{obj} didaftarkan di {unit} sebagai {jabatan}.",
    "pegawai_ubah": "Data {obj} diubah{kolom}.",
    "pejabat_tetapkan": "{obj} ditetapkan mulai {mulai}.",
    "pejabat_akhiri": "{obj}: masa peran diakhiri pada {selesai}.",
    "token_buat": "Token API {obj} dibuat untuk akun {user}.",
    "token_cabut": "Token API {obj} dicabut; alasan: {alasan}.",
}

# The daily job that starts placements dated in the future acts without an account.
SISTEM = {"sinkron_penempatan": "Sistem (penempatan harian)"}


def tampil_username(username: str) -> str:
    """A staff account's username is its NIP: shown grouped, as people read it."""
    return tampilkan(username) if username.isdigit() else username
