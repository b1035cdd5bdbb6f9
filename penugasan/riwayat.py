"""How penugasan's transitions read in history and in the admin's messages (registered in apps.py)."""

ALASAN = {
    "tim_bentuk": "Tim kerja dibentuk",
    "tim_anggota_tambah": "Anggota tim ditambahkan",
    "tim_anggota_akhiri": "Keanggotaan tim diakhiri",
    "kompetensi_hapus": "Kompetensi dihapus",
    "surat_cabut": "Surat dicabut",
    "pola_nomor_atur": "Pola nomor surat diatur",
    "pejabat_berwenang_atur": "Pejabat yang Berwenang diatur",
}

PESAN = {
    "surat_cabut": "{obj} dicabut; alasan: {alasan}.",
    "surat_terbitkan_ulang": "{surat} diganti dengan {obj}.",
    "pola_nomor_atur": "Pola nomor surat {obj} disimpan.",
    "pejabat_berwenang_atur": "Pejabat yang Berwenang ditetapkan: {obj}.",
}
