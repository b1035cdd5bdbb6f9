"""The hostile-input walk's objects and path values for the business-process maps, review rounds and clusters
(issue 18, helper D). Wired in by two calls: `peta_dunia(struktur, d)` at the end of `objek.layanan_dunia`
(after the instansi names its Bagian Organisasi), and `nilai_peta(jalur, param, d)` first in
`test_masukan_hostile.nilai_path` (before `_nilai_layanan`, whose `tid` is a complaint's answer)."""

from __future__ import annotations

from types import SimpleNamespace

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
    b"\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def peta_dunia(struktur, d: SimpleNamespace) -> None:
    """For the head of the Bagian Organisasi (the walk's actor: the Setda's pengelola and penetap, and the
    instansi's Bagian Organisasi): a map of his unit with a draft drawing (his to set), a round of the Setda
    running with one finding open (his to follow up) and one followed up (his to accept), a cluster."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from layanan.services import peta, reviu, rumpun
    from organisasi.models import Instansi

    Instansi.objects.filter(pk=struktur.instansi.pk).update(bagian_organisasi=struktur.bag_org)
    akun = get_user_model().objects.get(pk=struktur.kepala_bag_org.akun_id)  # afresh: the instansi changed
    d.peta = peta.peta_daftarkan(
        pelaku=akun, unit=struktur.bag_org, kode="PB-ORG-01", nama="Penataan kelembagaan", jenis="level"
    )
    d.versi_peta = peta.peta_versi_unggah(pelaku=akun, peta=d.peta, berkas=SimpleUploadedFile("peta.png", PNG))
    r = reviu.reviu_buka(pelaku=akun, perangkat_daerah=struktur.setda, tahun=2027, judul="Reviu Setda")
    d.reviu = reviu.reviu_status(pelaku=akun, reviu=r, status="berjalan")
    d.temuan_terbuka = reviu.temuan_catat(pelaku=akun, reviu=d.reviu, peta=d.peta, uraian="Peta belum lengkap.")
    t = reviu.temuan_catat(pelaku=akun, reviu=d.reviu, peta=d.peta, uraian="Unit terlibat belum diisi.")
    d.temuan_ditindak = reviu.temuan_tindak_lanjut(pelaku=akun, temuan=t, tindak_lanjut="Sudah diisi.")
    d.rumpun = rumpun.rumpun_buat(
        pelaku=akun,
        instansi=struktur.instansi,
        kode="pemerintahan",
        nama="Rumpun Pemerintahan",
        perangkat_daerah=[struktur.setda, struktur.kecamatan],
    )


def nilai_peta(jalur: str, param: str, d) -> str | None:
    """A real path value for the routes under /proses-bisnis/, /reviu/ and /rumpun/; None for any other."""
    if jalur.startswith("proses-bisnis/"):
        if param == "kode":
            return d.struktur.setda.kode
        if param == "pk":
            return str(d.peta.pk)
        if param == "n":
            return str(d.versi_peta.nomor)
    if jalur.startswith("reviu/"):
        if param == "pk":
            return str(d.reviu.pk)
        if param == "tid":
            return str((d.temuan_ditindak if "/tutup/" in jalur else d.temuan_terbuka).pk)
    if jalur.startswith("rumpun/") and param == "pk":
        return str(d.rumpun.pk)
    return None
