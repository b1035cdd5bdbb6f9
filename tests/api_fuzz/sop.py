"""The hostile-input walk's SOP (issue 18): a published SOP of the Bagian Organisasi with a decision looping
back, and a draft of its next version. Wired in by `sop_dunia(struktur, d)` in `objek.layanan_dunia` and
`nilai_sop(jalur, param, d)` in `test_masukan_hostile.nilai_path`."""

from __future__ import annotations

from types import SimpleNamespace

IDENTITAS = {
    "dasar_hukum": "PermenPANRB 35/2012.",
    "kualifikasi_pelaksana": "Memahami tata naskah dinas.",
    "keterkaitan": "SOP Penerimaan Surat Masuk.",
    "peralatan": "Komputer.",
    "peringatan": "Berkas tidak lengkap dikembalikan.",
    "pencatatan": "Buku agenda.",
}
LANGKAH = [
    {"uraian": "Menyampaikan permohonan", "jenis": "mulai", "pelaksana": 1},
    {"uraian": "Memeriksa berkas", "pelaksana": 2},
    {"uraian": "Berkas lengkap?", "jenis": "keputusan", "pelaksana": 2, "ke_tidak": 2},
    {"uraian": "Selesai", "jenis": "selesai", "pelaksana": 1},
]


def sop_dunia(struktur, d: SimpleNamespace) -> None:
    """For the head of the Bagian Organisasi (the walk's actor: penetap of his unit)."""
    from django.contrib.auth import get_user_model

    from layanan.services.sop import sop_daftarkan, sop_terbitkan, sop_versi_buat

    kepala = get_user_model().objects.get(pk=struktur.kepala_bag_org.akun_id)
    d.sop = sop_daftarkan(
        pelaku=kepala,
        unit=struktur.bag_org,
        nomor="061/01/SOP",
        nama="Fasilitasi Konsultasi",
        identitas=IDENTITAS,
        pelaksana=["Pemohon", "Kepala Bagian"],
        langkah=LANGKAH,
    )
    sop_terbitkan(pelaku=kepala, sop=d.sop)
    d.sop_draf = sop_versi_buat(pelaku=kepala, sop=d.sop)


def nilai_sop(jalur: str, param: str, d) -> str | None:
    if jalur.startswith("sop/"):
        return {"pk": str(d.sop.pk), "n": str(d.sop_draf.nomor)}.get(param)
    return None
