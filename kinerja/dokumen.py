"""The appraisal's signed documents: what each says (frozen when it is made) and its PDF."""

from __future__ import annotations

from organisasi import nip as nip_mod

from . import penilaian


def _orang(p) -> dict:
    if p is None:
        return {}
    return {
        "nip": p.nip,
        "nama": p.nama,
        "golongan": p.golongan,
        "jabatan": p.jabatan.nama if p.jabatan_id else "",
        "unit": p.unit.nama if p.unit_id else "",
        "nip_tampil": nip_mod.tampilkan(p.nip),
    }


def isi_dokumen(jenis: str, skp, evaluasi=None) -> dict:
    """The content of a document as it stands now: identities, results and indikator, behaviour, and for an
    evaluation its period, ratings, predikat and angka kredit."""
    isi = {
        "jenis": jenis,
        "tahun": skp.tahun,
        "model": skp.model,
        "periode_skp": [skp.mulai.isoformat(), skp.selesai.isoformat()],
        "pegawai": _orang(skp.pegawai) | {"jabatan": skp.jabatan.nama, "unit": skp.unit.nama},
        "ppk": _orang(skp.ppk),
        "atasan_ppk": _orang(skp.atasan_ppk),
        "instansi": skp.unit.instansi.nama,
        "hasil_kerja": [
            {
                "uraian": h.uraian,
                "jenis": h.jenis,
                "perspektif": h.get_perspektif_display() if h.perspektif else "",
                "intervensi": h.intervensi_uraian,
                "indikator": [
                    {"uraian": i.uraian, "aspek": i.aspek, "target": str(i.target), "satuan": i.satuan}
                    for i in h.indikator.all()
                ],
            }
            for h in skp.hasil_kerja.prefetch_related("indikator")
        ],
        "perilaku": [{"nilai": p.get_nilai_display(), "ekspektasi": p.ekspektasi} for p in skp.perilaku.all()],
        "lampiran": {
            "sumber_daya": skp.lampiran_sumber_daya,
            "skema": skp.lampiran_skema,
            "konsekuensi": skp.lampiran_konsekuensi,
        },
    }
    if evaluasi is not None:
        per = penilaian.periode(evaluasi.periode)
        isi["evaluasi"] = {
            "periode": evaluasi.periode,
            "label": per.label if per else evaluasi.periode,
            "mulai": evaluasi.mulai.isoformat(),
            "selesai": evaluasi.selesai.isoformat(),
            "rating_hasil": evaluasi.get_rating_hasil_display(),
            "rating_perilaku": evaluasi.get_rating_perilaku_display(),
            "predikat": evaluasi.get_predikat_display(),
            "angka_kredit": str(evaluasi.angka_kredit) if evaluasi.angka_kredit is not None else None,
            "catatan": evaluasi.catatan,
        }
    return isi


def buat_pdf(dokumen_id: int) -> None:
    """Render the document's PDF (filled in by the documents work)."""
    return None
