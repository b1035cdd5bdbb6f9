"""The content of an SOP version checked as a whole (the services of `sop.py` write it): the identity block of
PermenPANRB 35/2012, the actors (the flowchart's columns) and the activity table. Errors are keyed by field,
a row by its index in the list (`langkah[3].pelaksana`), an actor likewise (`pelaksana[1]`)."""

from __future__ import annotations

import datetime as dt

from organisasi.models import Unit
from sistemkerja.masukan import PERIODE_MAKS

from ..choices import JenisLangkahSop
from ..models import LangkahSop, Layanan, Sop, VersiSop
from ._dasar import KOMPONEN_MAKS, bulat, tanggal
from ._dasar import teks as teks_

MAKS_PELAKSANA = 12
MAKS_LANGKAH = 300
TEKS_IDENTITAS = ["dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan"]
TANGGAL_IDENTITAS = ["tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"]
KOLOM_IDENTITAS = TANGGAL_IDENTITAS + TEKS_IDENTITAS
# What the regulation's identity block cannot do without (keterkaitan may be empty: an SOP may stand alone).
WAJIB_TERBIT = ["tanggal_pembuatan", "dasar_hukum", "kualifikasi_pelaksana", "peralatan", "peringatan", "pencatatan"]
LABEL = {f: str(VersiSop._meta.get_field(f).verbose_name) for f in KOLOM_IDENTITAS}
KOLOM_LANGKAH = ("urutan", "uraian", "jenis", "pelaksana", "kelengkapan", "waktu", "output", "keterangan")
KOLOM_CABANG = ("ke_ya", "ke_tidak")
# The longest text of each column of the table (the model's limits for waktu and output).
MAKS_TEKS = {"uraian": 1000, "kelengkapan": 1000, "waktu": 100, "output": 300, "keterangan": 1000}
M, K, P, S = JenisLangkahSop.MULAI, JenisLangkahSop.KEGIATAN, JenisLangkahSop.KEPUTUSAN, JenisLangkahSop.SELESAI


# --- checks -------------------------------------------------------------------------------------------------


def cek_tanggal(galat: dict, kolom: str, nilai) -> dt.date | None:
    """A date (or ISO text) from 2000 to 2099, or None for an empty one."""
    return tanggal(galat, kolom, nilai, wajib=False, akhir=PERIODE_MAKS)


def cek_identitas(galat: dict, identitas) -> dict:
    if identitas is None:
        return {}
    if not isinstance(identitas, dict):
        galat["identitas"] = [f"Harus objek dengan kunci: {', '.join(KOLOM_IDENTITAS)}."]
        return {}
    hasil = {}
    for kunci_, nilai in identitas.items():
        if kunci_ in TANGGAL_IDENTITAS:
            hasil[kunci_] = cek_tanggal(galat, kunci_, nilai)
        elif kunci_ in TEKS_IDENTITAS:
            hasil[kunci_] = teks_(galat, kunci_, nilai, maks=KOMPONEN_MAKS, wajib=False)
        else:
            galat[f"identitas.{str(kunci_)[:40]}"] = [
                f"Bagian identitas tidak dikenal; gunakan: {', '.join(KOLOM_IDENTITAS)}."
            ]
    return hasil


def normal_nama(nama: str) -> str:
    """An actor's name as compared: case and spacing ignored."""
    return " ".join(str(nama).split()).casefold()


def cek_pelaksana(galat: dict, pelaksana) -> list[str]:
    if not isinstance(pelaksana, list | tuple):
        galat["pelaksana"] = ["Harus daftar nama pelaksana."]
        return []
    if len(pelaksana) > MAKS_PELAKSANA:
        galat["pelaksana"] = [f"Paling banyak {MAKS_PELAKSANA} pelaksana (kolom bagan)."]
        return []
    hasil: list[str] = []
    for i, nama in enumerate(pelaksana):
        nama = teks_(galat, f"pelaksana[{i}]", nama, maks=100)
        sama = [j for j, x in enumerate(hasil) if nama and normal_nama(x) == normal_nama(nama)]
        if sama:
            galat[f"pelaksana[{i}]"] = [f"Pelaksana ini sudah tercantum di urutan {sama[0] + 1}."]
        hasil.append(nama)
    return hasil


def _cabang(galat: dict, k: str, b: dict, no: int, n: int, jenis: str, awal_mulai: bool) -> dict:
    hasil = {}
    for kolom in KOLOM_CABANG:
        nilai = b.get(kolom)
        if nilai in (None, ""):
            hasil[kolom] = None
            continue
        if jenis != P:
            galat[f"{k}.{kolom}"] = ["Hanya baris keputusan yang bercabang; kosongkan."]
            hasil[kolom] = None
            continue
        ke = bulat(galat, f"{k}.{kolom}", nilai, minimum=1, maksimum=max(n, 1), pesan=f"Isi nomor baris 1 sampai {n}.")
        if ke == no:
            galat[f"{k}.{kolom}"] = ["Cabang tidak boleh menuju baris ini sendiri."]
        elif ke == 1 and awal_mulai:
            galat[f"{k}.{kolom}"] = ["Cabang tidak boleh kembali ke baris Mulai; arahkan ke kegiatan sesudahnya."]
        hasil[kolom] = ke
    if jenis == P and no < n and f"{k}.ke_ya" not in galat and f"{k}.ke_tidak" not in galat:
        ya, tidak = hasil["ke_ya"] or no + 1, hasil["ke_tidak"] or no + 1
        if ya == tidak:
            galat[f"{k}.ke_tidak"] = [
                "Cabang Ya dan Tidak menuju baris yang sama; isi salah satunya dengan nomor baris lain."
            ]
    return hasil


def _satu_langkah(galat: dict, i: int, b, n: int, jumlah_pelaksana: int, awal_mulai: bool) -> dict | None:
    k, no = f"langkah[{i}]", i + 1
    if not isinstance(b, dict):
        galat[k] = ["Harus objek satu baris kegiatan."]
        return None
    for asing in sorted(set(map(str, b)) - set(KOLOM_LANGKAH) - set(KOLOM_CABANG))[:3]:
        galat[f"{k}.{asing[:40]}"] = ["Kolom tidak dikenal."]
    if b.get("urutan") not in (None, ""):
        urutan = bulat(galat, f"{k}.urutan", b["urutan"], minimum=1, maksimum=MAKS_LANGKAH, pesan="Harus nomor urut.")
        if urutan is not None and urutan != no:
            galat[f"{k}.urutan"] = [f"Harus {no}: baris kegiatan bernomor urut 1 sampai {n} tanpa lompatan."]
    isi = {f: teks_(galat, f"{k}.{f}", b.get(f), maks=m, wajib=f == "uraian") for f, m in MAKS_TEKS.items()}
    jenis = b.get("jenis") or K
    if jenis not in JenisLangkahSop.values:
        galat[f"{k}.jenis"] = ["Pilih mulai, kegiatan, keputusan atau selesai."]
        jenis = K
    if no == 1 and jenis != M:
        galat[f"{k}.jenis"] = ["Baris pertama harus Mulai (terminator)."]
    elif no > 1 and jenis == M:
        galat[f"{k}.jenis"] = ["Hanya baris pertama yang Mulai."]
    elif no == n and n > 1 and jenis != S:
        galat[f"{k}.jenis"] = ["Baris terakhir harus Selesai (terminator)."]
    elif no < n and jenis == S:
        galat[f"{k}.jenis"] = ["Hanya baris terakhir yang Selesai; prosedur berlanjut ke baris berikutnya."]
    if jumlah_pelaksana == 0:
        galat[f"{k}.pelaksana"] = ["Isi daftar pelaksana lebih dulu."]
        pelaksana = None
    else:
        pelaksana = bulat(
            galat,
            f"{k}.pelaksana",
            b.get("pelaksana"),
            minimum=1,
            maksimum=jumlah_pelaksana,
            pesan=f"Pilih pelaksana 1 sampai {jumlah_pelaksana}.",
        )
    cabang = _cabang(galat, k, b, no, n, jenis, awal_mulai)
    return {"urutan": no, "jenis": jenis, "pelaksana": pelaksana, **isi, **cabang}


def cek_langkah(galat: dict, langkah, jumlah_pelaksana: int) -> list[dict]:
    """The activity table checked as a whole: numbered 1..n, Mulai first, Selesai last, every actor on the
    list, only decisions branching, to other rows that exist, their two branches apart."""
    if not isinstance(langkah, list | tuple):
        galat["langkah"] = ["Harus daftar baris kegiatan."]
        return []
    n = len(langkah)
    if n > MAKS_LANGKAH:
        galat["langkah"] = [f"Paling banyak {MAKS_LANGKAH} baris kegiatan."]
        return []
    if n == 1:
        galat["langkah"] = ["Paling sedikit dua baris: Mulai dan Selesai."]
    awal_mulai = n > 0 and isinstance(langkah[0], dict) and (langkah[0].get("jenis") or K) == M
    hasil = [_satu_langkah(galat, i, b, n, jumlah_pelaksana, awal_mulai) for i, b in enumerate(langkah)]
    return [b for b in hasil if b is not None]


def cek_layanan(galat: dict, layanan, unit: Unit) -> list[Layanan]:
    """The services an SOP governs: of the SOP's own instansi."""
    if layanan is None:
        return []
    if not isinstance(layanan, list | tuple | set) and not hasattr(layanan, "__iter__"):
        galat["layanan"] = ["Harus daftar layanan."]
        return []
    hasil = list(layanan)
    if any(not isinstance(x, Layanan) for x in hasil):
        galat["layanan"] = ["Pilih layanan dari daftar."]
        return []
    ids = {x.pk for x in hasil}
    lain = Layanan.objects.filter(pk__in=ids).exclude(unit__instansi_id=unit.instansi_id)
    if lain.exists():
        galat["layanan"] = ["Layanan dari instansi lain tidak dapat diatur SOP ini."]
    return hasil


def cek_sop_terkait(galat: dict, terkait, sop: Sop) -> list[Sop] | None:
    if terkait is None:
        return None
    hasil = list(terkait)
    if any(not isinstance(x, Sop) or x.pk == sop.pk for x in hasil):
        galat["sop_terkait"] = ["Pilih SOP lain dari daftar."]
        return []
    if Sop.objects.filter(pk__in=[x.pk for x in hasil]).exclude(unit__instansi_id=sop.unit.instansi_id).exists():
        galat["sop_terkait"] = ["SOP terkait harus dari instansi yang sama."]
    return hasil


# --- one version's content -------------------------------------------------------------------------------------


def isi_lama(versi: VersiSop | None) -> dict:
    if versi is None:
        return {"identitas": {}, "pelaksana": [], "langkah": [], "catatan": ""}
    return {
        "identitas": {f: getattr(versi, f) for f in KOLOM_IDENTITAS},
        "pelaksana": list(versi.pelaksana or []),
        "langkah": [
            {f: getattr(b, f) for f in (*KOLOM_LANGKAH, *KOLOM_CABANG)} for b in versi.langkah.order_by("urutan")
        ],
        "catatan": versi.catatan_perubahan,
    }


def periksa(galat: dict, lama: dict, *, identitas, pelaksana, langkah) -> dict:
    """The version's content, `lama` with what is given, checked (into `galat`)."""
    baru_identitas = {**lama["identitas"], **cek_identitas(galat, identitas)}
    baru_pelaksana = cek_pelaksana(galat, pelaksana) if pelaksana is not None else lama["pelaksana"]
    baris = langkah if langkah is not None else lama["langkah"]
    baru_langkah = cek_langkah(galat, baris, len(baru_pelaksana))
    if langkah is None and pelaksana is not None:
        # rows kept as they are: an actor they use may not disappear from the list
        for kunci_ in [k for k in galat if k.startswith("langkah[") and k.endswith(".pelaksana")]:
            galat.setdefault("pelaksana", []).append(
                f"Baris {int(kunci_[8 : kunci_.index(']')]) + 1} memakai pelaksana yang tidak ada lagi."
            )
    return {"identitas": baru_identitas, "pelaksana": baru_pelaksana, "langkah": baru_langkah}


def beda(isi: dict, lama: dict) -> list[str]:
    """What changed between two contents, in words."""
    berubah = [
        LABEL[f] for f in KOLOM_IDENTITAS if (isi["identitas"].get(f) or None) != (lama["identitas"].get(f) or None)
    ]
    if isi["pelaksana"] != lama["pelaksana"]:
        berubah.append("pelaksana")
    if isi["langkah"] != lama["langkah"]:
        berubah.append(f"tabel kegiatan ({len(isi['langkah'])} baris)")
    return berubah


def simpan(versi: VersiSop, isi: dict, *, tabel: bool, terkait: list[Sop] | None) -> None:
    """Write a checked content into the version; its table's rows replaced when `tabel`."""
    for f in KOLOM_IDENTITAS:
        setattr(versi, f, isi["identitas"].get(f) if f in TANGGAL_IDENTITAS else isi["identitas"].get(f) or "")
    versi.pelaksana = isi["pelaksana"]
    versi.save()
    if tabel:
        versi.langkah.all().delete()
        LangkahSop.objects.bulk_create([LangkahSop(versi=versi, **b) for b in isi["langkah"]])
    if terkait is not None:
        versi.sop_terkait.set(terkait)


def cek_catatan(galat: dict, catatan) -> str | None:
    return None if catatan is None else teks_(galat, "catatan", catatan, maks=1000, wajib=False)
