"""How a transition reads to a person: who made the change and why, and what the admin says it did.

Every service writes the transition's code as the history row's reason (`pegawai_daftarkan`, or
`pegawai_ubah: email, nama`, `surat_cabut: <alasan>`); each app registers its codes' Indonesian labels
and the admin's message after each (`registry.riwayat`, from its AppConfig.ready()). The admin's history page, the
person page and the admin's messages read them.
"""

from __future__ import annotations

import datetime as dt
import string

from django.db import models

# code -> what people read, registered by each app (`registry.riwayat`). A code not listed is shown as written.
ALASAN: dict[str, str] = {}

# Who "the system" is, by the transition it wrote (jobs and commands act without an account).
SISTEM: dict[str, str] = {}
SISTEM_LAIN = "Sistem (impor atau tugas terjadwal)"

# How an account's username is shown (organisasi registers NIP grouping: 19850317 201003 1 001).
TAMPIL_USERNAME: list = [str]

JENIS_PERUBAHAN = {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}

# code -> what the admin says after the transition, registered by each app. {obj}: what the service
# returned; {kolom}: ": " and the changed fields' labels (for a change of fields); any other name: that
# argument of the service.
PESAN: dict[str, str] = {}


def _teks(nilai) -> str:
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, dt.date) and not isinstance(nilai, dt.datetime):
        from .teks import tanggal_id

        return tanggal_id(nilai)
    return str(nilai)


class _Nilai(dict):
    def __missing__(self, kunci):
        return "—"


def pesan_transisi(kode: str, hasil, argumen: dict) -> tuple[str, bool] | None:
    """What the admin says after a service `kode` returned `hasil` for `argumen`, and whether anything
    changed; None if the transition has no words here."""
    templat = PESAN.get(kode)
    if templat is None:
        return None
    obj = hasil[0] if isinstance(hasil, tuple) else hasil
    kolom = [k for k, v in argumen.items() if not isinstance(v, models.Model)]
    if kode.endswith("_ubah"):
        # a change of fields names on its history note the fields that really changed (terapkan_perubahan)
        catatan = str(getattr(obj, "_change_reason", "") or "")
        if kode_alasan(catatan) != kode:
            return f"Tidak ada yang berubah pada {_teks(obj)}.", False
        kolom = [k.strip() for k in catatan.partition(":")[2].split(",") if k.strip()]
    label = []
    for k in kolom:
        try:
            label.append(str(obj._meta.get_field(k).verbose_name))
        except Exception:  # not a field of the result (an option of the service): named as passed
            label.append(k)
    nilai = _Nilai({k: _teks(v) for k, v in argumen.items()})
    nilai.update(obj=_teks(obj), kolom=(": " + ", ".join(label)) if label else "")
    return string.Formatter().vformat(templat, (), nilai), True


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
    username = TAMPIL_USERNAME[0](user.get_username())
    nama = user.get_full_name().strip()
    return f"{nama} ({username})" if nama else username


def jenis_perubahan(history_type) -> str:
    return JENIS_PERUBAHAN.get(history_type, history_type or "")
