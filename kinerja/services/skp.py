"""Perencanaan and pemantauan of the SKP (PermenPANRB 6/2022): a person drafts their SKP, the PPK approves
or returns it; during the year the person notes progress, the PPK and the team's ketua give feedback, and
a development plan is recorded. The SKP moves with the person: a new placement closes it and opens a new
draft."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from organisasi.models import Pegawai, Penempatan
from organisasi.selectors import hari_ini, kedudukan_banyak, kedudukan_pada, penempatan_pada
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import bentuk_id, periksa_tanggal, teks_isian

from .. import penilaian
from .. import selectors_skp as sel
from ..choices import (
    AksiSkp,
    Aspek,
    JenisDokumen,
    JenisHasilKerja,
    JenisPengembangan,
    ModelSkp,
    NilaiBerakhlak,
    Pendekatan,
    PeranTandaTangan,
    Perspektif,
    StatusSkp,
)
from ..models import (
    CatatanSkp,
    HasilKerja,
    IndikatorSkp,
    PerilakuSkp,
    RencanaPengembangan,
    RiwayatSkp,
    Skp,
    UmpanBalikSkp,
)
from ._dasar import angka, beri_tahu, catat, daftar, diri_pelaku, gagal_bila, kunci, opsional, tautan_bukti

MAKS_HASIL_KERJA = 30
MAKS_INDIKATOR = 10
BISA_DIUBAH = (StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN)


# The SKP's history row: `catat` of `_dasar` written to `RiwayatSkp`.
catat_skp = partial(catat, model=RiwayatSkp)


def tindakan(model, galat: dict, jenis_pilihan, jenis, uraian, diri, **objek):
    """An unsaved plan or follow-up (`model`): its kind among `jenis_pilihan`, its text, who records it."""
    return model(
        jenis=pilihan(galat, "jenis", jenis, jenis_pilihan),
        uraian=teks_isian(galat, "uraian", uraian, jenis="sedang"),
        dicatat_oleh=diri,
        **objek,
    )


def _tanggal(nilai) -> dt.date:
    tgl = nilai if isinstance(nilai, dt.date) else dt.date.fromisoformat(str(nilai))
    periksa_tanggal(tgl)
    return tgl


def pilihan(galat: dict, kolom: str, nilai, choices, *, wajib: bool = True, bawaan: str = "") -> str:
    if nilai in (None, "") and not wajib:
        return bawaan
    if not isinstance(nilai, str) or nilai not in choices.values:
        galat[kolom] = [f"Pilih salah satu: {', '.join(choices.values)}."]
        return bawaan
    return nilai


# --- the SKP's content ---


def _intervensi(galat: dict, kolom: str, nilai, *, skp: Skp, hasil_ppk: dict[int, HasilKerja], target_ok):
    """(target, superior result) for `intervensi`: a bare id is looked up first among the PPK's SKP results,
    then among the targets the person may intervene; `target:<id>` and `hasil_kerja:<id>` say which."""
    if nilai in (None, ""):
        return None, None
    jenis = ""
    if isinstance(nilai, str) and ":" in nilai:
        jenis, _, nilai = nilai.partition(":")
    i = bentuk_id(nilai)
    if i is None or jenis not in ("", "target", "hasil_kerja"):
        galat[kolom] = ["Harus id hasil kerja SKP PPK atau id target (mis. 12, target:12, hasil_kerja:7)."]
        return None, None
    if jenis in ("", "hasil_kerja") and i in hasil_ppk:
        return None, hasil_ppk[i]
    if jenis in ("", "target"):
        t = target_ok.filter(pk=i).first()
        if t is not None:
            return t, None
    galat[kolom] = [
        "Bukan hasil kerja dalam SKP PPK Anda tahun ini, dan bukan target unit Anda atau yang Anda ikuti tahun ini."
    ]
    return None, None


def _id_hasil_kerja(galat: dict, kolom: str, nilai, milik: set[int]) -> int | None:
    """The id of a result of this SKP to keep (None: a new result)."""
    if nilai in (None, ""):
        return None
    i = bentuk_id(nilai)
    if i is None or i not in milik:
        galat[kolom] = ["Bukan id hasil kerja SKP ini; kosongkan untuk hasil kerja baru."]
        return None
    return i


def _isi(galat: dict, skp: Skp, hasil_kerja, perilaku, lampiran) -> tuple[list, dict, dict]:
    """Checked content: [(fields, [indikator fields])], {nilai: ekspektasi}, {lampiran fields}."""
    jpt = skp.model == ModelSkp.JPT
    # a JPT's results come from the perjanjian kinerja: only targets are looked up for them
    hasil_ppk = {} if jpt else {h.pk: h for h in sel.hasil_kerja_ppk(skp)}
    milik = set(skp.hasil_kerja.values_list("pk", flat=True)) if skp.pk else set()
    target_ok = sel.target_boleh(skp.unit, skp.pegawai, skp.tahun)
    hasil = []
    for i, h in enumerate(daftar(galat, "hasil_kerja", hasil_kerja, maks=MAKS_HASIL_KERJA)):
        k = f"hasil_kerja[{i}]"
        if not isinstance(h, dict):
            galat[k] = ["Harus berupa objek."]
            continue
        d = {
            "id": _id_hasil_kerja(galat, f"{k}.id", h.get("id"), milik),
            "uraian": teks_isian(galat, f"{k}.uraian", h.get("uraian"), jenis="sedang"),
            "jenis": pilihan(galat, f"{k}.jenis", h.get("jenis"), JenisHasilKerja, wajib=False, bawaan="utama"),
            "perspektif": pilihan(galat, f"{k}.perspektif", h.get("perspektif"), Perspektif, wajib=jpt),
            "pendekatan": pilihan(
                galat, f"{k}.pendekatan", h.get("pendekatan"), Pendekatan, wajib=False, bawaan="kuantitatif"
            ),
        }
        if not jpt:
            d["perspektif"] = ""
        t, atas = _intervensi(
            galat, f"{k}.intervensi", h.get("intervensi"), skp=skp, hasil_ppk=hasil_ppk, target_ok=target_ok
        )
        if d["jenis"] == JenisHasilKerja.UTAMA and t is None and atas is None and f"{k}.intervensi" not in galat:
            galat[f"{k}.intervensi"] = [
                "Hasil kerja utama JPT menurunkan target perjanjian kinerja; isi id targetnya."
                if jpt
                else "Hasil kerja utama mengintervensi hasil kerja PPK atau target unit; isi id-nya."
            ]
        if jpt and atas is not None:
            galat[f"{k}.intervensi"] = ["SKP JPT menurunkan target perjanjian kinerja, bukan hasil kerja SKP lain."]
        d["intervensi_target"], d["intervensi_hasil"] = t, atas
        d["intervensi_uraian"] = atas.uraian if atas else (t.uraian if t else "")
        ind = []
        for j, x in enumerate(daftar(galat, f"{k}.indikator", h.get("indikator"), maks=MAKS_INDIKATOR)):
            kk = f"{k}.indikator[{j}]"
            if not isinstance(x, dict):
                galat[kk] = ["Harus berupa objek."]
                continue
            ind.append(
                {
                    "uraian": teks_isian(galat, f"{kk}.uraian", x.get("uraian"), jenis="sedang"),
                    "aspek": pilihan(galat, f"{kk}.aspek", x.get("aspek"), Aspek),
                    "target": angka(galat, f"{kk}.target", x.get("target")),
                    "satuan": teks_isian(galat, f"{kk}.satuan", x.get("satuan"), jenis="pendek"),
                }
            )
        hasil.append((d, ind))
    ekspektasi = {n: "" for n in NilaiBerakhlak.values}
    if perilaku not in (None, ""):
        if not isinstance(perilaku, dict):
            galat["perilaku"] = ["Harus objek {nilai inti: ekspektasi khusus pimpinan}."]
        else:
            for kunci_, v in perilaku.items():
                if kunci_ not in ekspektasi:
                    galat[f"perilaku.{str(kunci_)[:40]}"] = [
                        f"Bukan nilai BerAKHLAK; pilih: {', '.join(NilaiBerakhlak.values)}."
                    ]
                    continue
                ekspektasi[kunci_] = teks_isian(galat, f"perilaku.{kunci_}", v or "", jenis="sedang", wajib=False)
    lamp = {"sumber_daya": "", "skema": "", "konsekuensi": ""}
    if lampiran not in (None, ""):
        if not isinstance(lampiran, dict):
            galat["lampiran"] = ["Harus objek {sumber_daya, skema, konsekuensi}."]
        else:
            for kunci_ in lamp:
                lamp[kunci_] = teks_isian(
                    galat, f"lampiran.{kunci_}", lampiran.get(kunci_) or "", jenis="panjang", wajib=False
                )
    return hasil, ekspektasi, lamp


def _simpan_isi(skp: Skp, hasil, ekspektasi, lamp) -> None:
    skp.lampiran_sumber_daya, skp.lampiran_skema, skp.lampiran_konsekuensi = (
        lamp["sumber_daya"],
        lamp["skema"],
        lamp["konsekuensi"],
    )
    skp.save()
    lama = {h.pk: h for h in skp.hasil_kerja.all()}
    simpan = set()
    for urutan, (d, ind) in enumerate(hasil):
        hk = lama.get(d["id"]) if d["id"] else None
        hk = hk or HasilKerja(skp=skp)
        for f in ("uraian", "jenis", "perspektif", "pendekatan", "intervensi_target", "intervensi_hasil"):
            setattr(hk, f, d[f])
        hk.intervensi_uraian, hk.urutan = d["intervensi_uraian"], urutan
        hk.save()
        simpan.add(hk.pk)
        hk.indikator.all().delete()
        IndikatorSkp.objects.bulk_create([IndikatorSkp(hasil_kerja=hk, urutan=j, **x) for j, x in enumerate(ind)])
    for pk, hk in lama.items():
        if pk not in simpan:
            hk.delete()  # results below that intervened it keep their text and show it as gone
    skp.perilaku.all().delete()
    PerilakuSkp.objects.bulk_create([PerilakuSkp(skp=skp, nilai=n, ekspektasi=e) for n, e in ekspektasi.items()])


def _tahun(galat: dict, tahun) -> int:
    sekarang = hari_ini().year
    if (
        isinstance(tahun, bool)
        or not isinstance(tahun, int | str)
        or str(tahun)
        not in (
            str(sekarang),
            str(sekarang - 1),
        )
    ):
        galat["tahun"] = [f"SKP disusun untuk tahun berjalan ({sekarang}) atau tahun sebelumnya ({sekarang - 1})."]
        return sekarang
    return int(tahun)


def _kedudukan_tahun(diri: Pegawai, tahun: int):
    """The person's kedudukan for an SKP of a year: today for this year, the year's last placement before."""
    today = hari_ini()
    tanggal = today if tahun == today.year else dt.date(tahun, 12, 31)
    pen = penempatan_pada(tanggal, pegawai=diri)
    if pen is None:
        raise TransisiTidakSah(f"Anda tidak memiliki penempatan pada {tanggal:%d-%m-%Y}; SKP tidak dapat disusun.")
    return kedudukan_pada(diri, tanggal), pen


def _isi_penilai(skp: Skp, ked) -> None:
    skp.ppk = ked.ppk.pegawai if ked.ppk else None
    skp.unit_organisasi = ked.unit_organisasi
    skp.atasan_ppk = None
    if ked.ppk:
        atas = kedudukan_pada(ked.ppk.pegawai, ked.tanggal).ppk
        skp.atasan_ppk = atas.pegawai if atas else None


@transaction.atomic
def skp_susun(*, pelaku, tahun, hasil_kerja, perilaku=None, lampiran=None) -> Skp:
    diri = diri_pelaku(pelaku)
    galat: dict = {}
    tahun = _tahun(galat, tahun)
    gagal_bila(galat)
    ked, pen = _kedudukan_tahun(diri, tahun)
    if Skp.objects.filter(pegawai=diri, tahun=tahun).exclude(status=StatusSkp.DITUTUP).exists():
        raise TransisiTidakSah(f"Anda sudah memiliki SKP tahun {tahun}; ubah SKP itu.")
    skp = Skp(
        pegawai=diri,
        tahun=tahun,
        model=sel.model_skp(pen.jabatan),
        unit=pen.unit,
        jabatan=pen.jabatan,
        golongan=diri.golongan,
        mulai=max(dt.date(tahun, 1, 1), pen.mulai),
        selesai=dt.date(tahun, 12, 31),
    )
    _isi_penilai(skp, ked)
    hasil, ekspektasi, lamp = _isi(galat, skp, hasil_kerja, perilaku, lampiran)
    gagal_bila(galat)
    _simpan_isi(skp, hasil, ekspektasi, lamp)
    catat_skp(AksiSkp.SUSUN, oleh=diri, pelaku=pelaku, sebagai="pegawai", status_ke=skp.status, skp=skp)
    return skp


def _milik(skp: Skp, diri: Pegawai) -> None:
    if skp.pegawai_id != diri.pk:
        raise BukanWewenang("Hanya pegawai pemilik SKP yang dapat melakukannya.")


@transaction.atomic
def skp_ubah(*, pelaku, skp: Skp, hasil_kerja, perilaku=None, lampiran=None) -> Skp:
    diri = diri_pelaku(pelaku)
    skp = kunci(Skp, skp.pk)
    _milik(skp, diri)
    if skp.status not in BISA_DIUBAH:
        raise TransisiTidakSah(f"SKP berstatus {skp.get_status_display()} tidak dapat diubah.")
    galat: dict = {}
    hasil, ekspektasi, lamp = _isi(galat, skp, hasil_kerja, perilaku, lampiran)
    gagal_bila(galat)
    _simpan_isi(skp, hasil, ekspektasi, lamp)
    catat_skp(AksiSkp.UBAH, oleh=diri, pelaku=pelaku, sebagai="pegawai", status_ke=skp.status, skp=skp)
    return skp


def _ppk_hari_ini(skp: Skp, diri: Pegawai, pesan: str):
    pen = sel.penilai(skp)
    if pen.ppk is None or pen.ppk.pegawai.pk != diri.pk:
        raise BukanWewenang(pesan)
    return pen


@transaction.atomic
def skp_ajukan(*, pelaku, skp: Skp) -> Skp:
    diri = diri_pelaku(pelaku)
    skp = kunci(Skp, skp.pk)
    _milik(skp, diri)
    if skp.status not in BISA_DIUBAH:
        raise TransisiTidakSah(f"SKP berstatus {skp.get_status_display()} tidak dapat diajukan.")
    if not skp.hasil_kerja.exists():
        raise ValidationError({"hasil_kerja": ["Isi paling sedikit satu hasil kerja sebelum mengajukan."]})
    pen = sel.penilai(skp)
    if pen.ppk is None:
        raise TransisiTidakSah("Pejabat Penilai Kinerja Anda belum ada (jabatan kosong); hubungi Bagian Organisasi.")
    dari = skp.status
    skp.status, skp.diajukan, skp.catatan_kembali = StatusSkp.DIAJUKAN, timezone.now(), ""
    skp.ppk = pen.ppk.pegawai
    skp.atasan_ppk = pen.atasan_ppk.pegawai if pen.atasan_ppk else None
    skp.save()
    catat_skp(
        AksiSkp.AJUKAN, oleh=diri, pelaku=pelaku, sebagai="pegawai", status_dari=dari, status_ke=skp.status, skp=skp
    )
    beri_tahu([skp.ppk], "SKP menunggu persetujuan", f"{diri.nama} mengajukan SKP tahun {skp.tahun}.")
    return skp


def _ajuan(pelaku, skp: Skp, menindak: str, ditindak: str):
    """(diri, the SKP locked, its penilai) for the PPK of the day acting on a submitted SKP."""
    diri = diri_pelaku(pelaku)
    skp = kunci(Skp, skp.pk)
    pen = _ppk_hari_ini(skp, diri, f"Hanya PPK pegawai ini (hari ini) yang dapat {menindak} SKP-nya.")
    if skp.status != StatusSkp.DIAJUKAN:
        raise TransisiTidakSah(f"SKP berstatus {skp.get_status_display()} tidak dapat {ditindak}.")
    return diri, skp, pen


def _catat_ajuan(aksi: str, diri, pelaku, pen, skp: Skp, catatan: str = ""):
    sebagai = pen.ppk.sebagai
    catat_skp(
        aksi,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari="diajukan",
        status_ke=skp.status,
        catatan=catatan,
        skp=skp,
    )


@transaction.atomic
def skp_setujui(*, pelaku, skp: Skp) -> Skp:
    from .penilaian import dokumen_buat

    diri, skp, pen = _ajuan(pelaku, skp, "menyetujui", "disetujui")
    skp.status, skp.disetujui, skp.disetujui_oleh = StatusSkp.DISETUJUI, timezone.now(), diri
    skp.ppk = diri
    skp.atasan_ppk = pen.atasan_ppk.pegawai if pen.atasan_ppk else None
    skp.save()
    _catat_ajuan(AksiSkp.SETUJUI, diri, pelaku, pen, skp)
    dokumen_buat(JenisDokumen.SKP, skp=skp, penanda={PeranTandaTangan.PEGAWAI: skp.pegawai, PeranTandaTangan.PPK: diri})
    beri_tahu(
        [skp.pegawai], "SKP disetujui", f"SKP tahun {skp.tahun} Anda disetujui {diri.nama}; tandatangani dokumennya."
    )
    return skp


@transaction.atomic
def skp_kembalikan(*, pelaku, skp: Skp, catatan) -> Skp:
    diri, skp, pen = _ajuan(pelaku, skp, "mengembalikan", "dikembalikan")
    galat: dict = {}
    catatan = teks_isian(galat, "catatan", catatan, jenis="sedang")
    gagal_bila(galat)
    skp.status, skp.catatan_kembali = StatusSkp.DIKEMBALIKAN, catatan
    skp.save()
    _catat_ajuan(AksiSkp.KEMBALIKAN, diri, pelaku, pen, skp, catatan)
    beri_tahu([skp.pegawai], "SKP dikembalikan", f"SKP tahun {skp.tahun} Anda dikembalikan: {catatan[:300]}")
    return skp


# --- the SKP moves with the person ---


@transaction.atomic
def skp_ikut_pindah(*, skp: Skp, tanggal: dt.date | None = None) -> Skp | None:
    """Close an open SKP whose holder now sits in another unit (the day before the new placement) and open
    a draft for the new placement carrying the behaviour expectations. Run by the nightly task and after
    structure changes; returns the new SKP, or None when nothing moved."""
    tanggal = tanggal or hari_ini()
    skp = kunci(Skp, skp.pk)
    if skp.status == StatusSkp.DITUTUP or skp.tahun != tanggal.year:
        return None
    pen = penempatan_pada(tanggal, pegawai_id=skp.pegawai_id)
    if pen is None or pen.unit_id == skp.unit_id:
        return None
    dari = skp.status
    skp.status, skp.selesai = StatusSkp.DITUTUP, max(skp.mulai, pen.mulai - dt.timedelta(days=1))
    skp.save()
    catat_skp(
        AksiSkp.TUTUP, oleh=None, status_dari=dari, status_ke=skp.status, catatan=f"Pindah ke {pen.unit.nama}", skp=skp
    )
    baru = Skp(
        pegawai=skp.pegawai,
        tahun=skp.tahun,
        model=sel.model_skp(pen.jabatan),
        unit=pen.unit,
        jabatan=pen.jabatan,
        golongan=skp.pegawai.golongan,
        mulai=max(dt.date(skp.tahun, 1, 1), pen.mulai),
        selesai=dt.date(skp.tahun, 12, 31),
        pendahulu=skp,
    )
    _isi_penilai(baru, kedudukan_pada(skp.pegawai, tanggal))
    baru.save()
    PerilakuSkp.objects.bulk_create(
        [PerilakuSkp(skp=baru, nilai=p.nilai, ekspektasi="") for p in skp.perilaku.all()]
        or [PerilakuSkp(skp=baru, nilai=n) for n in NilaiBerakhlak.values]
    )
    catat_skp(AksiSkp.SUSUN, oleh=None, status_ke=baru.status, catatan="SKP penempatan baru", skp=baru)
    beri_tahu(
        [skp.pegawai],
        "SKP penempatan baru",
        f"Anda pindah ke {pen.unit.nama}: SKP lama ditutup per {skp.selesai:%d-%m-%Y}; susun SKP penempatan baru.",
    )
    return baru


def skp_sinkronkan(tanggal: dt.date | None = None) -> int:
    """Nightly and after structure changes: move SKPs with people who changed units, and refresh the PPK,
    atasan PPK and Unit Organisasi recorded on open SKPs (lists and access; decisions check live).
    A fixed number of queries for any number of SKPs, plus one transition per person who moved.
    Returns the SKPs changed."""
    tanggal = tanggal or hari_ini()
    terbuka = Skp.objects.filter(tahun=tanggal.year).exclude(status=StatusSkp.DITUTUP)
    pindah = terbuka.filter(
        Exists(Penempatan.objects.pada(tanggal).filter(pegawai=OuterRef("pegawai")).exclude(unit=OuterRef("unit")))
    )
    ubah = sum(1 for skp in pindah if skp_ikut_pindah(skp=skp, tanggal=tanggal) is not None)
    skp_list = list(terbuka.only("pk", "pegawai_id", "ppk_id", "atasan_ppk_id", "unit_organisasi_id"))
    penempatan = Penempatan.objects.pada(tanggal).select_related("pegawai", "unit", "jabatan")
    ked = kedudukan_banyak(penempatan.filter(pegawai_id__in={k.pegawai_id for k in skp_list}), tanggal)
    ppk_ids = {k.ppk.pegawai.pk for k in ked.values() if k.ppk}
    ked_ppk = kedudukan_banyak(penempatan.filter(pegawai_id__in=ppk_ids), tanggal)
    berubah = []
    for skp in skp_list:
        k = ked.get(skp.pegawai_id)
        if k is None:
            continue
        ppk = k.ppk.pegawai.pk if k.ppk else None
        atas_k = ked_ppk.get(ppk) if ppk else None
        atas = atas_k.ppk.pegawai.pk if atas_k and atas_k.ppk else None
        uo = k.unit_organisasi.pk if k.unit_organisasi else skp.unit_organisasi_id
        if (ppk, atas, uo) != (skp.ppk_id, skp.atasan_ppk_id, skp.unit_organisasi_id):
            skp.ppk_id, skp.atasan_ppk_id, skp.unit_organisasi_id = ppk, atas, uo
            berubah.append(skp)
    Skp.objects.bulk_update(berubah, ["ppk", "atasan_ppk", "unit_organisasi"], batch_size=500)
    return ubah + len(berubah)


# --- monitoring ---


def _boleh_lihat_sebagai(skp: Skp, diri: Pegawai) -> str:
    """'pegawai', 'ppk' or 'ketua' (of a team the person is in this year), else 403."""
    if skp.pegawai_id == diri.pk:
        return "pegawai"
    pen = sel.penilai(skp)
    if pen.ppk is not None and pen.ppk.pegawai.pk == diri.pk:
        return "ppk"
    from penugasan.models import AnggotaTim

    if AnggotaTim.objects.filter(
        pegawai_id=skp.pegawai_id, tim__ketua=diri, mulai__lte=skp.selesai, tim__selesai__gte=skp.mulai
    ).exists():
        return "ketua"
    raise BukanWewenang("Hanya pegawai, PPK-nya atau ketua timnya yang dapat melakukannya.")


def _hasil_kerja_milik(galat: dict, skp: Skp, nilai) -> HasilKerja | None:
    if nilai in (None, ""):
        return None
    i = bentuk_id(nilai)
    hk = skp.hasil_kerja.filter(pk=i).first() if i else None
    if hk is None:
        galat["hasil_kerja"] = ["Bukan hasil kerja SKP ini."]
    return hk


def _periode_isian(galat: dict, skp: Skp, nilai) -> str:
    if nilai in (None, ""):
        return ""
    per = penilaian.periode(nilai)
    if per is None or per.tahun != skp.tahun:
        galat["periode"] = [f"Periode tahun {skp.tahun}: {skp.tahun}, {skp.tahun}-01…12 atau {skp.tahun}-T1…T4."]
        return ""
    return per.kode


def _disetujui(skp: Skp) -> None:
    if skp.disetujui is None:
        raise TransisiTidakSah("SKP belum disetujui PPK.")


@transaction.atomic
def catatan_skp_catat(
    *, pelaku, skp: Skp, uraian, hasil_kerja=None, periode="", realisasi=None, bukti=""
) -> CatatanSkp:
    diri = diri_pelaku(pelaku)
    skp = kunci(Skp, skp.pk)
    _milik(skp, diri)
    _disetujui(skp)
    galat: dict = {}
    c = CatatanSkp(
        skp=skp,
        hasil_kerja=_hasil_kerja_milik(galat, skp, hasil_kerja),
        periode=_periode_isian(galat, skp, periode),
        realisasi=angka(galat, "realisasi", realisasi) if realisasi not in (None, "") else None,
        uraian=teks_isian(galat, "uraian", uraian, jenis="panjang"),
        bukti_url=tautan_bukti(galat, bukti),
    )
    gagal_bila(galat)
    c.save()
    catat_skp(AksiSkp.CATATAN, oleh=diri, pelaku=pelaku, sebagai="pegawai", skp=skp)
    return c


@transaction.atomic
def umpan_balik_skp_kirim(*, pelaku, skp: Skp, isi, hasil_kerja=None, periode="") -> UmpanBalikSkp:
    diri = diri_pelaku(pelaku)
    skp = kunci(Skp, skp.pk)
    sebagai = _boleh_lihat_sebagai(skp, diri)
    galat: dict = {}
    ub = UmpanBalikSkp(
        skp=skp,
        hasil_kerja=_hasil_kerja_milik(galat, skp, hasil_kerja),
        periode=_periode_isian(galat, skp, periode),
        dari=diri,
        sebagai=sebagai,
        isi=teks_isian(galat, "isi", isi, jenis="panjang"),
    )
    gagal_bila(galat)
    ub.save()
    catat_skp(AksiSkp.UMPAN_BALIK, oleh=diri, pelaku=pelaku, sebagai=sebagai, skp=skp)
    if sebagai == "pegawai":
        penerima = [skp.ppk] if skp.ppk_id else []
    else:
        penerima = [skp.pegawai]
    beri_tahu(penerima, "Umpan balik SKP", f"{diri.nama}: {ub.isi[:300]}")
    return ub


@transaction.atomic
def pengembangan_catat(*, pelaku, skp: Skp, jenis, uraian, rencana_selesai=None) -> RencanaPengembangan:
    diri = diri_pelaku(pelaku)
    skp = kunci(Skp, skp.pk)
    sebagai = _boleh_lihat_sebagai(skp, diri)
    if sebagai == "ketua":
        raise BukanWewenang("Rencana pengembangan dicatat oleh pegawai atau PPK-nya.")
    galat: dict = {}
    r = tindakan(RencanaPengembangan, galat, JenisPengembangan, jenis, uraian, diri, skp=skp)
    r.rencana_selesai = opsional(
        galat, "rencana_selesai", rencana_selesai, _tanggal, "Tanggal YYYY-MM-DD yang masuk akal."
    )
    gagal_bila(galat)
    r.save()
    catat_skp(AksiSkp.PENGEMBANGAN, oleh=diri, pelaku=pelaku, sebagai=sebagai, skp=skp)
    return r


@transaction.atomic
def pengembangan_terlaksana(*, pelaku, rencana: RencanaPengembangan) -> RencanaPengembangan:
    diri = diri_pelaku(pelaku)
    r = kunci(RencanaPengembangan, rencana.pk)
    sebagai = _boleh_lihat_sebagai(r.skp, diri)
    if sebagai == "ketua":
        raise BukanWewenang("Rencana pengembangan ditandai oleh pegawai atau PPK-nya.")
    if r.terlaksana:
        raise TransisiTidakSah("Rencana pengembangan ini sudah ditandai terlaksana.")
    r.terlaksana = True
    r.save(update_fields=["terlaksana"])
    catat_skp(AksiSkp.PENGEMBANGAN, oleh=diri, pelaku=pelaku, sebagai=sebagai, skp=r.skp, catatan="Terlaksana")
    return r
