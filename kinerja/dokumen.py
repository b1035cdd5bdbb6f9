"""The appraisal's signed documents (PermenPANRB 6/2022, Lampiran): what each says, frozen in `isi` when it is
made; its PDF, once every signatory has signed; and what the public verification page may tell of it.

Three layouts, one template each (templates/kinerja/dokumen/pdf_<jenis>.html): the SKP (`skp`), the periodic
evaluation (`evaluasi`) and the yearly dokumen evaluasi (`dokumen_evaluasi`). A PDF is made from the frozen
`isi` and the signature rows only, so it says what was signed even after the SKP or the people change. Every
page carries the verification code and a QR code to the public page (`dokumen_verifikasi`).

Rendering reuses penugasan's letters' machinery (penugasan.pdf: bundled font, time limit, QR, lambang) with
its own lean stylesheet (static/kinerja/dokumen.css) and its own limits, wider than a letter's: an SKP may
hold 30 results of 10 indikator each. What falls outside them is recorded on the document (`galat_berkas`).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from organisasi import nip as nip_mod
from organisasi.choices import Jenjang, pangkat_golongan
from organisasi.selectors import perangkat_daerah
from penugasan.pdf import WaktuHabis, batas_waktu, lambang_uri, qr_png, tata_letak
from penugasan.services.surat import kop as kop_surat
from sistemkerja.teks import tanggal_id

from . import penilaian
from .choices import JenisDokumen, JenisHasilKerja, PeranTandaTangan, PredikatOrganisasi

CSS_DOKUMEN = settings.BASE_DIR / "static" / "kinerja" / "dokumen.css"
# An ordinary SKP is 5,000–20,000 characters and three to six pages. The services accept far more (30 results
# × 10 indikator, every text at its limit: 470,000 characters, 900 pages, 45 seconds to lay out); such a
# document is refused with its reason rather than hold a worker: about 500 characters make a page.
MAKS_ISI = 150_000
MAKS_HALAMAN = 300
MAKS_DETIK = 60
AWALAN_BATAS = "Melampaui batas dokumen"
MAKS_CATATAN = 5  # realisasi notes and feedback per result on an evaluation (the latest)

# The behaviour each BerAKHLAK core value describes (panduan perilaku, SE MenPANRB 20/2021, printed under
# each value in the SKP form of PermenPANRB 6/2022).
PANDUAN_PERILAKU = {
    "berorientasi_pelayanan": [
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ],
    "akuntabel": [
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ],
    "kompeten": [
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ],
    "harmonis": [
        "Menghargai setiap orang apa pun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ],
    "loyal": [
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada "
        "Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara",
    ],
    "adaptif": [
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ],
    "kolaboratif": [
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ],
}
URUTAN_PERAN = {p: i for i, p in enumerate(PeranTandaTangan.values)}


class BatasDokumen(Exception):
    """A document too long to render (content or pages): recorded on it, not rendered again by itself."""


# --- what a document says (frozen when it is made) ---


def angka_teks(nilai) -> str:
    """A number as the documents write it: no trailing zeros, decimal comma (12,5)."""
    return f"{Decimal(nilai).normalize():f}".replace(".", ",")


def _unit_kerja(unit) -> str:
    """The unit and the Perangkat Daerah it belongs to: `Bidang Pelayanan Kesehatan, Dinas Kesehatan`."""
    if unit is None:
        return ""
    pd = perangkat_daerah(unit)
    return unit.nama if pd.pk == unit.pk else f"{unit.nama}, {pd.nama}"


def _orang(p, *, jabatan=None, unit=None, golongan=None) -> dict:
    if p is None:
        return {}
    jabatan = jabatan or (p.jabatan if p.jabatan_id else None)
    unit = unit or (p.unit if p.unit_id else None)
    golongan = p.golongan if golongan is None else golongan
    return {
        "nip": p.nip,
        "nama": p.nama,
        "golongan": golongan,
        "pangkat": pangkat_golongan(golongan),
        "jabatan": jabatan.nama if jabatan else "",
        "unit": unit.nama if unit else "",
        "unit_kerja": _unit_kerja(unit),
        "nip_tampil": nip_mod.tampilkan(p.nip),
    }


def _catatan_periode(skp, evaluasi) -> dict[int | None, dict[str, list[str]]]:
    """Per result (None: the SKP as a whole), the person's realisasi notes and the feedback of the evaluated
    period: tied to it, or untied and written within it. The latest `MAKS_CATATAN` of each."""
    hasil: dict[int | None, dict[str, list[str]]] = {}

    def dalam(x) -> bool:
        return x.periode == evaluasi.periode or (
            not x.periode and evaluasi.mulai <= timezone.localdate(x.dibuat) <= evaluasi.selesai
        )

    for c in skp.catatan.order_by("-dibuat", "-id"):
        daftar = hasil.setdefault(c.hasil_kerja_id, {"realisasi": [], "umpan_balik": []})["realisasi"]
        if dalam(c) and len(daftar) < MAKS_CATATAN:
            angka = f" (realisasi {angka_teks(c.realisasi)})" if c.realisasi is not None else ""
            daftar.append(c.uraian + angka)
    for u in skp.umpan_balik.select_related("dari").order_by("-dibuat", "-id"):
        daftar = hasil.setdefault(u.hasil_kerja_id, {"realisasi": [], "umpan_balik": []})["umpan_balik"]
        if dalam(u) and len(daftar) < MAKS_CATATAN:
            daftar.append(f"{u.isi} — {u.dari.nama}")
    return hasil


def _evaluasi(skp, evaluasi) -> dict:
    from .selectors_skp import predikat_organisasi

    per = penilaian.periode(evaluasi.periode)
    po = predikat_organisasi(evaluasi.unit_organisasi, evaluasi.mulai.year)
    return {
        "periode": evaluasi.periode,
        "jenis": evaluasi.jenis,
        "label": per.label if per else evaluasi.periode,
        "mulai": evaluasi.mulai.isoformat(),
        "selesai": evaluasi.selesai.isoformat(),
        "unit_organisasi": evaluasi.unit_organisasi.nama,
        "capaian_organisasi": PredikatOrganisasi(po).label if po else "",
        "rating_hasil": evaluasi.get_rating_hasil_display(),
        "rating_perilaku": evaluasi.get_rating_perilaku_display(),
        "predikat": evaluasi.get_predikat_display(),
        "predikat_kode": evaluasi.predikat,
        "jenjang": evaluasi.jenjang,
        "angka_kredit": str(evaluasi.angka_kredit) if evaluasi.angka_kredit is not None else None,
        "catatan": evaluasi.catatan,
    }


def isi_dokumen(jenis: str, skp, evaluasi=None) -> dict:
    """The content of a document as it stands now: identities, results and indikator, behaviour, and for an
    evaluation its period, ratings, predikat and angka kredit. For an evaluation the PPK is who finalised
    it and the atasan PPK the one of the day (who sign it)."""
    ppk, atasan = skp.ppk, skp.atasan_ppk
    if evaluasi is not None:
        from .selectors_skp import penilai

        ppk = evaluasi.ditetapkan_oleh or evaluasi.penilai or ppk
        pj = penilai(skp).atasan_ppk
        atasan = pj.pegawai if pj else atasan
    kop = kop_surat(skp.unit)  # the letters' letterhead: instansi, Perangkat Daerah, place, lambang
    catatan = _catatan_periode(skp, evaluasi) if evaluasi is not None else {}
    isi = {
        "jenis": jenis,
        "tahun": skp.tahun,
        "model": skp.model,
        "periode_skp": [skp.mulai.isoformat(), skp.selesai.isoformat()],
        "pegawai": _orang(skp.pegawai, jabatan=skp.jabatan, unit=skp.unit, golongan=skp.golongan or None),
        "ppk": _orang(ppk),
        "atasan_ppk": _orang(atasan),
        "instansi": skp.unit.instansi.nama,
        "kop": kop,
        "hasil_kerja": [
            {
                "uraian": h.uraian,
                "jenis": h.jenis,
                "perspektif": h.get_perspektif_display() if h.perspektif else "",
                "pendekatan": h.pendekatan,
                "intervensi": h.intervensi_uraian,
                "indikator": [
                    {"uraian": i.uraian, "aspek": i.aspek, "target": str(i.target), "satuan": i.satuan}
                    for i in h.indikator.all()
                ],
                **(catatan.get(h.pk, {"realisasi": [], "umpan_balik": []}) if evaluasi is not None else {}),
            }
            for h in skp.hasil_kerja.prefetch_related("indikator")
        ],
        "perilaku": [
            {"nilai": p.get_nilai_display(), "ekspektasi": p.ekspektasi, "panduan": PANDUAN_PERILAKU.get(p.nilai, [])}
            for p in skp.perilaku.all()
        ],
        "lampiran": {
            "sumber_daya": skp.lampiran_sumber_daya,
            "skema": skp.lampiran_skema,
            "konsekuensi": skp.lampiran_konsekuensi,
        },
    }
    if evaluasi is not None:
        isi["evaluasi"] = _evaluasi(skp, evaluasi)
        isi["umpan_balik_umum"] = catatan.get(None, {}).get("umpan_balik", [])
    return isi


# --- the PDF ---


def url_verifikasi(kode: str) -> str:
    """The public page's absolute address (what the QR code carries)."""
    return settings.SITUS_URL.rstrip("/") + reverse("kinerja:dokumen_verifikasi", args=[kode])


def waktu_id(waktu) -> str:
    """`4 Desember 2026 pukul 10.15 WIB` (Asia/Jakarta)."""
    w = timezone.localtime(waktu)
    return f"{tanggal_id(w.date())} pukul {w:%H.%M} WIB"


def _periode_teks(mulai: str, selesai: str) -> str:
    return f"{tanggal_id(mulai)} s.d. {tanggal_id(selesai)}"


def _hasil(isi: dict, jenis: str) -> list[dict]:
    """Results of one kind, numbered, each with its indikator as table rows (at least one row)."""
    hasil = []
    for h in isi.get("hasil_kerja", []):
        if h.get("jenis", JenisHasilKerja.UTAMA) != jenis:
            continue
        indikator = [
            {**i, "target_teks": f"{angka_teks(i['target'])} {i.get('satuan', '')}".strip()}
            for i in h.get("indikator", [])
        ]
        hasil.append({**h, "no": len(hasil) + 1, "baris": indikator or [{}], "n": max(1, len(indikator))})
    return hasil


def _penanda(ttd) -> list[dict]:
    return [
        {
            "peran": t.peran,
            "peran_label": PeranTandaTangan(t.peran).label,
            "nama": t.pegawai.nama,
            "nip_tampil": nip_mod.tampilkan(t.pegawai.nip),
            "waktu": waktu_id(t.waktu) if t.waktu else "",
        }
        for t in sorted(ttd, key=lambda t: URUTAN_PERAN.get(t.peran, 9))
    ]


def _identitas(o: dict) -> dict:
    """A person as the forms list them, every line filled ("—" for what is not known)."""
    o = o or {}
    return {
        "nama": o.get("nama") or "—",
        "nip_tampil": o.get("nip_tampil") or o.get("nip") or "—",
        "pangkat": o.get("pangkat") or o.get("golongan") or "—",
        "jabatan": o.get("jabatan") or "—",
        "unit_kerja": o.get("unit_kerja") or o.get("unit") or "—",
    }


def konteks_dokumen(dokumen, ttd) -> dict:
    isi = dokumen.isi or {}
    url = url_verifikasi(dokumen.kode_verifikasi)
    kop = isi.get("kop") or {"instansi": isi.get("instansi", ""), "tempat": ""}
    ev = isi.get("evaluasi") or {}
    mulai, selesai = isi.get("periode_skp") or ["", ""]
    utama, tambahan = _hasil(isi, JenisHasilKerja.UTAMA), _hasil(isi, JenisHasilKerja.TAMBAHAN)
    jenjang = ev.get("jenjang") or ""
    tempat = kop.get("tempat") or kop.get("instansi", "")
    return {
        "dokumen": dokumen,
        "isi": isi,
        "ev": ev,
        "kop": kop,
        "lambang": lambang_uri(kop.get("lambang", "")),
        "kode": dokumen.kode_verifikasi,
        "url_verifikasi": url,
        "qr": qr_png(url),
        "jpt": isi.get("model") == "jpt",
        "periode_skp": _periode_teks(mulai, selesai) if mulai else "",
        "periode_evaluasi": _periode_teks(ev["mulai"], ev["selesai"]) if ev else "",
        "utama": utama,
        "tambahan": tambahan,
        "bagian": [(utama, "A", "Utama"), (tambahan, "B", "Tambahan")],
        "pegawai": _identitas(isi.get("pegawai")),
        "ppk": _identitas(isi.get("ppk")),
        "identitas": [
            (1, "Pegawai yang dinilai", _identitas(isi.get("pegawai"))),
            (2, "Pejabat Penilai Kinerja", _identitas(isi.get("ppk"))),
            (3, "Atasan Pejabat Penilai Kinerja", _identitas(isi.get("atasan_ppk"))),
        ],
        "jenjang": Jenjang(jenjang).label if jenjang in Jenjang.values else jenjang,
        "tempat_tanggal": f"{tempat}, {tanggal_id(timezone.localdate(dokumen.dibuat))}",
        "penanda": _penanda(ttd),
        "lampiran": isi.get("lampiran") or {},
    }


def html_dokumen(dokumen, ttd) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(f"kinerja/dokumen/pdf_{dokumen.jenis}.html", konteks_dokumen(dokumen, ttd))


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def pdf_dokumen(dokumen, ttd) -> bytes:
    """The document as PDF, within the limits above (BatasDokumen, WaktuHabis otherwise)."""
    panjang = len(json.dumps(dokumen.isi, ensure_ascii=False))
    if panjang > MAKS_ISI:
        raise BatasDokumen(f"{AWALAN_BATAS}: isinya {_angka(panjang)} karakter, paling banyak {_angka(MAKS_ISI)}.")
    with batas_waktu(MAKS_DETIK):
        hasil = tata_letak(html_dokumen(dokumen, ttd), CSS_DOKUMEN, "dokumen")
        if len(hasil.pages) > MAKS_HALAMAN:
            raise BatasDokumen(f"{AWALAN_BATAS}: {len(hasil.pages)} halaman, paling banyak {MAKS_HALAMAN}.")
        return hasil.write_pdf()


def nama_berkas(dokumen) -> str:
    return f"kinerja/dokumen/{dokumen.isi.get('tahun') or dokumen.dibuat.year}/{dokumen.kode_verifikasi}.pdf"


def buat_pdf(dokumen_id: int) -> str:
    """Make and keep a fully signed document's PDF and its SHA-256 (task `kinerja.buat_pdf_dokumen`).

    Re-run: a document already made is left as it is ("sudah"), one still waiting for a signature too
    ("belum"). The row is locked while it renders, so two runs take turns. A document outside the limits is
    marked with the reason and not retried ("gagal"); any other failure is recorded and raised, for the task
    to retry (in a request, the service's on-commit hook logs it and the page goes on).
    """
    from .models import DokumenKinerja

    batas = gagal = None
    with transaction.atomic():
        d = DokumenKinerja.objects.select_for_update(of=("self",)).get(pk=dokumen_id)
        if d.berkas and d.berkas.storage.exists(d.berkas.name):
            return "sudah"
        ttd = list(d.tanda_tangan.select_related("pegawai"))
        if not ttd or any(t.waktu is None for t in ttd):
            return "belum"
        try:
            data = pdf_dokumen(d, ttd)
        except BatasDokumen as exc:
            batas = str(exc)
        except WaktuHabis:
            batas = f"{AWALAN_BATAS}: pembuatan PDF melebihi {MAKS_DETIK} detik."
        except Exception as exc:  # noqa: BLE001 - recorded on the document, then raised for the task's retry
            gagal = exc
        else:
            nama = nama_berkas(d)
            penyimpanan = d.berkas.storage
            if penyimpanan.exists(nama):
                penyimpanan.delete(nama)
            disimpan = penyimpanan.save(nama, ContentFile(data))
            sidik = hashlib.sha256(data).hexdigest()
            DokumenKinerja.objects.filter(pk=d.pk).update(berkas=disimpan, sidik=sidik, galat_berkas="")
            return sidik
    if batas is not None:
        DokumenKinerja.objects.filter(pk=dokumen_id).update(galat_berkas=batas)
        return "gagal"
    DokumenKinerja.objects.filter(pk=dokumen_id).update(galat_berkas=f"{type(gagal).__name__}: {gagal}"[:2000])
    raise gagal


def buat_ulang_bila_gagal(dokumen) -> bool:
    """A fully signed document whose PDF failed, asked for again: queued once (the caller that clears the
    failure), never one refused for its size. True when queued."""
    from .models import DokumenKinerja
    from .tasks import buat_pdf_dokumen

    gagal = (
        DokumenKinerja.objects.filter(pk=dokumen.pk, berkas="")
        .exclude(galat_berkas="")
        .exclude(galat_berkas__startswith=AWALAN_BATAS)
    )
    if not gagal.update(galat_berkas=""):
        return False
    transaction.on_commit(lambda: buat_pdf_dokumen.delay(dokumen.pk), robust=True)
    return True


# --- the public verification ---

STATUS = {
    "berlaku": "Berlaku",
    "tidak_berlaku": "Tidak berlaku",
    "menunggu_tanda_tangan": "Menunggu tanda tangan",
}


def dokumen_dari_kode(kode: str):
    """The document carrying a verification code (typed in any case, with spaces around), or None."""
    from .models import DokumenKinerja

    kode = (kode or "").strip().upper()
    if not (kode.isascii() and kode.isalnum()) or len(kode) > 16:
        return None
    return DokumenKinerja.objects.filter(kode_verifikasi=kode).first()


def _periode_dokumen(d) -> str:
    isi = d.isi or {}
    ev = isi.get("evaluasi")
    if ev:
        return f"{ev.get('label', '')} ({_periode_teks(ev['mulai'], ev['selesai'])})"
    mulai, selesai = isi.get("periode_skp") or ["", ""]
    return f"Tahun {isi.get('tahun', '')} ({_periode_teks(mulai, selesai)})" if mulai else str(isi.get("tahun", ""))


def verifikasi_dokumen(kode: str) -> dict | None:
    """What anyone holding a document (or its QR code) may know of it, without signing in: that it exists,
    its kind and period, whose it is, who signed in which role and when, whether it is in force, and the
    SHA-256 of its PDF to compare a copy with. Nothing of the appraisal itself (no predikat, no rating, no
    NIP). None for a code no document carries."""
    d = dokumen_dari_kode(kode)
    if d is None:
        return None
    isi = d.isi or {}
    ttd = sorted(d.tanda_tangan.select_related("pegawai"), key=lambda t: URUTAN_PERAN.get(t.peran, 9))
    if not d.berlaku:
        status = "tidak_berlaku"
    elif any(t.waktu is None for t in ttd):
        status = "menunggu_tanda_tangan"
    else:
        status = "berlaku"
    return {
        "kode": d.kode_verifikasi,
        "jenis": d.jenis,
        "jenis_label": JenisDokumen(d.jenis).label,
        "tahun": isi.get("tahun"),
        "periode": _periode_dokumen(d),
        "instansi": isi.get("instansi", ""),
        "pegawai": (isi.get("pegawai") or {}).get("nama", ""),
        "dibuat": d.dibuat,
        "penanda_tangan": [
            {
                "peran": t.peran,
                "peran_label": PeranTandaTangan(t.peran).label,
                "nama": t.pegawai.nama,
                "waktu": t.waktu,
            }
            for t in ttd
        ],
        "status": status,
        "status_label": STATUS[status],
        "alasan": d.alasan_cabut if not d.berlaku else "",
        "sidik": d.sidik,
    }
