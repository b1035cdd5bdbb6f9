"""How a history row (django-simple-history) reads to a person: who made the change and why.

Every service writes the transition's code as the row's reason (`pegawai_daftarkan`, or
`pegawai_ubah: email, nama`, `surat_cabut: <alasan>`); the codes and their Indonesian labels are
listed here, once, for every app. The admin's history page and the person page both read them.
"""

from __future__ import annotations

# code -> what people read. A code not listed is shown as written.
ALASAN = {
    # organisasi: structure
    "instansi_buat": "Instansi dibuat",
    "instansi_ubah": "Data instansi diubah",
    "unit_buat": "Unit dibuat",
    "unit_ubah": "Unit diubah",
    "unit_pindahkan": "Unit dipindahkan",
    # organisasi: staff
    "pegawai_daftarkan": "Pegawai didaftarkan",
    "pegawai_ubah": "Data pegawai diubah",
    "pegawai_pindahkan": "Pegawai dipindahkan",
    "mutasi_kolektif": "Mutasi kolektif",
    "mutasi_lampirkan_sk": "Berkas SK mutasi dilampirkan",
    "pegawai_berhentikan": "Pegawai diberhentikan",
    "sinkron_penempatan": "Penempatan mulai berlaku",
    # organisasi: heads, Plt/Plh, delegations
    "pejabat_tetapkan": "Penetapan pejabat",
    "pejabat_akhiri": "Masa peran diakhiri",
    # organisasi: API tokens
    "token_buat": "Token API dibuat",
    "token_cabut": "Token API dicabut",
    # penugasan
    "tim_bentuk": "Tim kerja dibentuk",
    "tim_anggota_tambah": "Anggota tim ditambahkan",
    "tim_anggota_akhiri": "Keanggotaan tim diakhiri",
    "kompetensi_hapus": "Kompetensi dihapus",
    "surat_cabut": "Surat dicabut",
    "pola_nomor_atur": "Pola nomor surat diatur",
    "pejabat_berwenang_atur": "Pejabat yang Berwenang diatur",
}

# Who "the system" is, by the transition it wrote (jobs and commands act without an account).
SISTEM = {"sinkron_penempatan": "Sistem (penempatan harian)"}
SISTEM_LAIN = "Sistem (impor atau tugas terjadwal)"

JENIS_PERUBAHAN = {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}


def kode_alasan(teks) -> str:
    return str(teks or "").partition(":")[0].strip()


def label_alasan(teks, nama_kolom=None) -> str:
    """`pegawai_pindahkan` -> `Pegawai dipindahkan`; `mutasi_kolektif: SK 1/2024` -> `Mutasi kolektif: SK 1/2024`.

    For a `*_ubah` code, `nama_kolom(field) -> str` may turn the listed field names into their labels.
    """
    if not teks:
        return ""
    kunci, _, sisa = str(teks).partition(":")
    label = ALASAN.get(kunci.strip())
    if label is None:
        return str(teks)
    sisa = sisa.strip()
    if sisa and nama_kolom is not None and kunci.strip().endswith("_ubah"):
        sisa = ", ".join(nama_kolom(k.strip()) for k in sisa.split(","))
    return f"{label}: {sisa}" if sisa else label


def nama_pelaku(user, alasan: str = "") -> str:
    """`Nama (NIP)` for a person's account, `Nama (username)` for another account, `Sistem (…)` for none.

    Reads only the user row (first_name holds a person's name), so a list of rows costs no more queries.
    """
    if user is None:
        return SISTEM.get(kode_alasan(alasan), SISTEM_LAIN)
    username = user.get_username()
    if username.isdigit():
        from organisasi.nip import tampilkan  # display of a NIP; imported here: sistemkerja sits below the apps

        username = tampilkan(username)
    nama = user.get_full_name().strip()
    return f"{nama} ({username})" if nama else username


def jenis_perubahan(history_type) -> str:
    return JENIS_PERUBAHAN.get(history_type, history_type or "")
