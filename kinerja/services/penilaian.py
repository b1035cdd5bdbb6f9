"""Penilaian and tindak lanjut (PermenPANRB 6/2022): the PPK rates each period of an approved SKP, the
predikat follows the matrix, the evaluation is finalised against the Unit Organisasi's distribution; the
organisation's predikat; objections to the atasan PPK; rewards and sanctions; the signed documents."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from organisasi.models import Pegawai, Unit
from organisasi.permissions import adalah_admin_organisasi
from organisasi.selectors import hari_ini, pimpinan_unit_pada
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import bilangan_bulat, teks_isian

from .. import penilaian
from .. import selectors_skp as sel
from ..choices import (
    AksiSkp,
    JenisDokumen,
    JenisPeriode,
    JenisTindakLanjut,
    PeranTandaTangan,
    PredikatOrganisasi,
    Rating,
    StatusEvaluasi,
    StatusKeberatan,
)
from ..models import (
    DokumenKinerja,
    Evaluasi,
    Keberatan,
    KonsekuensiPredikat,
    PredikatOrganisasiTahunan,
    Skp,
    TandaTangan,
    TindakLanjut,
)
from ._dasar import beri_tahu, diri_pelaku, gagal_bila, kunci, opsional
from .skp import _ppk_hari_ini, catat_skp, pilihan, tindakan

HURUF_KODE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PANJANG_KODE = 12


class DistribusiTidakSesuai(TransisiTidakSah):
    """409 naming the distribution rules an evaluation would break."""


def _angka_kredit(skp: Skp, jenis: str, predikat_: str):
    """For a pejabat fungsional's yearly evaluation: the jenjang's koefisien × the predikat's percentage,
    for the months of the year this SKP covers (all twelve unless the person moved or started mid-year)."""
    jenjang = skp.jabatan.jenjang if skp.jabatan.jenis == "fungsional" else ""
    if jenis != JenisPeriode.TAHUNAN or jenjang not in penilaian.KOEFISIEN:
        return jenjang, None
    return jenjang, penilaian.angka_kredit(jenjang, predikat_, penilaian.bulan_dalam(skp.mulai, skp.selesai))


def _rating(galat: dict, data: dict) -> tuple[str, str]:
    return (
        pilihan(galat, "rating_hasil", data.get("rating_hasil"), Rating),
        pilihan(galat, "rating_perilaku", data.get("rating_perilaku"), Rating),
    )


@transaction.atomic
def evaluasi_nilai(*, pelaku, skp: Skp, periode, rating_hasil, rating_perilaku, catatan="") -> Evaluasi:
    """The PPK of the day rates a period of an approved SKP, once the period has begun."""
    diri = diri_pelaku(pelaku)
    skp = kunci(Skp, skp.pk)
    pen = _ppk_hari_ini(skp, diri, "Hanya PPK pegawai ini (hari ini) yang dapat menilai kinerjanya.")
    if skp.disetujui is None:
        raise TransisiTidakSah("SKP belum disetujui PPK; belum dapat dinilai.")
    galat: dict = {}
    per = penilaian.periode(periode)
    if per is None or per.tahun != skp.tahun:
        galat["periode"] = [f"Periode tahun {skp.tahun}: {skp.tahun}, {skp.tahun}-01…12 atau {skp.tahun}-T1…T4."]
    elif per.mulai > hari_ini():
        galat["periode"] = [f"{per.label} belum dimulai."]
    elif per.mulai > skp.selesai or per.selesai < skp.mulai:
        galat["periode"] = [f"{per.label} di luar masa SKP ini ({skp.mulai:%d-%m-%Y} s.d. {skp.selesai:%d-%m-%Y})."]
    rh, rp = _rating(galat, {"rating_hasil": rating_hasil, "rating_perilaku": rating_perilaku})
    catatan = teks_isian(galat, "catatan", catatan or "", jenis="panjang", wajib=False)
    gagal_bila(galat)
    if Evaluasi.objects.filter(skp=skp, periode=per.kode).exists():
        raise TransisiTidakSah(f"{per.label} sudah dinilai; ubah penilaian itu sebelum ditetapkan.")
    pred = penilaian.predikat(rh, rp)
    jenjang, ak = _angka_kredit(skp, per.jenis, pred)
    ev = Evaluasi.objects.create(
        skp=skp,
        periode=per.kode,
        jenis=per.jenis,
        mulai=max(per.mulai, skp.mulai),
        selesai=min(per.selesai, skp.selesai),
        unit_organisasi=skp.unit_organisasi or pen.unit_organisasi or skp.unit,
        rating_hasil=rh,
        rating_perilaku=rp,
        predikat=pred,
        jenjang=jenjang,
        angka_kredit=ak,
        catatan=catatan,
        penilai=diri,
    )
    catat_skp(
        AksiSkp.NILAI, oleh=diri, pelaku=pelaku, sebagai=pen.ppk.sebagai, status_ke=ev.status, skp=skp, evaluasi=ev
    )
    return ev


@transaction.atomic
def evaluasi_nilai_ulang(*, pelaku, evaluasi: Evaluasi, rating_hasil, rating_perilaku, catatan=None) -> Evaluasi:
    """The PPK corrects a rating before it is final (e.g. after seeing the distribution)."""
    diri = diri_pelaku(pelaku)
    ev = kunci(Evaluasi, evaluasi.pk)
    pen = _ppk_hari_ini(ev.skp, diri, "Hanya PPK pegawai ini (hari ini) yang dapat mengubah penilaiannya.")
    if ev.status != StatusEvaluasi.DINILAI:
        raise TransisiTidakSah("Evaluasi yang sudah ditetapkan tidak diubah; gunakan keberatan.")
    galat: dict = {}
    rh, rp = _rating(galat, {"rating_hasil": rating_hasil, "rating_perilaku": rating_perilaku})
    if catatan is not None:
        ev.catatan = teks_isian(galat, "catatan", catatan, jenis="panjang", wajib=False)
    gagal_bila(galat)
    semula = ev.predikat
    ev.rating_hasil, ev.rating_perilaku, ev.predikat = rh, rp, penilaian.predikat(rh, rp)
    ev.jenjang, ev.angka_kredit = _angka_kredit(ev.skp, ev.jenis, ev.predikat)
    ev.penilai, ev.dinilai = diri, timezone.now()
    ev.save()
    catat_skp(
        AksiSkp.NILAI_ULANG,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pen.ppk.sebagai,
        status_dari=semula,
        status_ke=ev.predikat,
        skp=ev.skp,
        evaluasi=ev,
    )
    return ev


def pelanggaran_distribusi(ev: Evaluasi) -> list[str]:
    d = sel.distribusi(ev.unit_organisasi, ev.periode)
    return [a["uraian"] for a in d["aturan"] if not a["terpenuhi"]]


@transaction.atomic
def evaluasi_tetapkan(*, pelaku, evaluasi: Evaluasi, alasan="") -> Evaluasi:
    """The PPK finalises: refused (409, naming the rules) while the Unit Organisasi's distribution for the
    period does not hold, unless a reason for the deviation is given."""
    diri = diri_pelaku(pelaku)
    ev = kunci(Evaluasi, evaluasi.pk)
    skp = ev.skp
    pen = _ppk_hari_ini(skp, diri, "Hanya PPK pegawai ini (hari ini) yang dapat menetapkan evaluasinya.")
    if ev.status != StatusEvaluasi.DINILAI:
        raise TransisiTidakSah("Evaluasi ini sudah ditetapkan.")
    galat: dict = {}
    alasan = teks_isian(galat, "alasan", alasan or "", jenis="sedang", wajib=False)
    gagal_bila(galat)
    langgar = pelanggaran_distribusi(ev)
    if langgar and not alasan:
        raise DistribusiTidakSesuai(
            "Distribusi predikat unit belum sesuai predikat organisasi: "
            + "; ".join(langgar)
            + ". Perbaiki penilaian atau isi alasan penyimpangan."
        )
    ev.status, ev.ditetapkan, ev.ditetapkan_oleh = StatusEvaluasi.DITETAPKAN, timezone.now(), diri
    ev.alasan_deviasi = alasan if langgar else ""
    ev.save()
    catat_skp(
        AksiSkp.TETAPKAN,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pen.ppk.sebagai,
        status_dari=StatusEvaluasi.DINILAI,
        status_ke=ev.status,
        catatan=ev.alasan_deviasi,
        skp=skp,
        evaluasi=ev,
    )
    for k in KonsekuensiPredikat.objects.filter(
        instansi_id=skp.unit.instansi_id, predikat=ev.predikat, jenis_periode=ev.jenis
    ):
        TindakLanjut.objects.create(evaluasi=ev, jenis=k.jenis, uraian=k.uraian, persen_tpp=k.persen_tpp)
    _dokumen_evaluasi(ev, diri, pen)
    beri_tahu(
        [skp.pegawai],
        "Evaluasi kinerja ditetapkan",
        f"Evaluasi {penilaian.periode(ev.periode).label} Anda ditetapkan: {ev.get_predikat_display()}. "
        "Tandatangani dokumennya; keberatan dapat diajukan kepada atasan PPK.",
    )
    return ev


def _dokumen_evaluasi(ev: Evaluasi, ppk: Pegawai, pen) -> DokumenKinerja:
    penanda = {PeranTandaTangan.PEGAWAI: ev.skp.pegawai, PeranTandaTangan.PPK: ppk}
    if ev.jenis == JenisPeriode.TAHUNAN:
        if pen.atasan_ppk is not None:  # none above the PPK at the top of the tree: two signatures
            penanda[PeranTandaTangan.ATASAN_PPK] = pen.atasan_ppk.pegawai
        return dokumen_buat(JenisDokumen.DOKUMEN_EVALUASI, skp=ev.skp, evaluasi=ev, penanda=penanda)
    return dokumen_buat(JenisDokumen.EVALUASI, skp=ev.skp, evaluasi=ev, penanda=penanda)


# --- the organisation's predikat ---


def _boleh_predikat_organisasi(pelaku, unit: Unit):
    if adalah_admin_organisasi(pelaku):
        return None
    diri = diri_pelaku(pelaku)
    atas = pimpinan_unit_pada(Unit.objects.get(pk=unit.induk_id))["memimpin"] if unit.induk_id else None
    if atas is None or atas.pegawai.pk != diri.pk:
        raise BukanWewenang(
            "Predikat organisasi ditetapkan oleh pimpinan di atas Unit Organisasi ini atau Bagian Organisasi."
        )
    return diri


@transaction.atomic
def predikat_organisasi_tetapkan(*, pelaku, unit: Unit, tahun: int, predikat) -> PredikatOrganisasiTahunan:
    """Set (or correct) a Unit Organisasi's predikat for a year. Evaluations already final stay as they are."""
    if not unit.adalah_unit_organisasi:
        raise TransisiTidakSah(
            f"{unit.nama} bukan Unit Organisasi; predikat organisasi ditetapkan untuk Unit Organisasi."
        )
    diri = _boleh_predikat_organisasi(pelaku, unit)
    galat: dict = {}
    predikat = pilihan(galat, "predikat", predikat, PredikatOrganisasi)
    if not (2000 <= tahun <= 2099):
        galat["tahun"] = ["Tahun 2000–2099."]
    gagal_bila(galat)
    po = PredikatOrganisasiTahunan.objects.filter(unit=unit, tahun=tahun).select_for_update().first()
    semula = po.predikat if po else ""
    if po is None:
        po = PredikatOrganisasiTahunan(unit=unit, tahun=tahun)
    po.predikat, po.ditetapkan_oleh = predikat, pelaku
    po.save()
    catat_skp(
        AksiSkp.PREDIKAT_ORGANISASI,
        oleh=diri,
        pelaku=pelaku,
        sebagai="bagian_organisasi" if diri is None else "pimpinan",
        status_dari=semula,
        status_ke=predikat,
        catatan=str(tahun),
        unit=unit,
    )
    return po


# --- objection ---


@transaction.atomic
def keberatan_ajukan(*, pelaku, evaluasi: Evaluasi, alasan) -> Keberatan:
    diri = diri_pelaku(pelaku)
    ev = kunci(Evaluasi, evaluasi.pk)
    if ev.skp.pegawai_id != diri.pk:
        raise BukanWewenang("Keberatan diajukan oleh pegawai yang dinilai.")
    if ev.status != StatusEvaluasi.DITETAPKAN:
        raise TransisiTidakSah("Keberatan diajukan atas evaluasi yang sudah ditetapkan.")
    atur = sel.pengaturan(ev.skp.unit.instansi_id)
    batas = timezone.localdate(ev.ditetapkan) + dt.timedelta(days=atur.keberatan_hari)
    if hari_ini() > batas:
        raise TransisiTidakSah(f"Batas mengajukan keberatan ({atur.keberatan_hari} hari) berakhir {batas:%d-%m-%Y}.")
    if ev.keberatan.exists():
        raise TransisiTidakSah("Keberatan atas evaluasi ini sudah pernah diajukan.")
    galat: dict = {}
    alasan = teks_isian(galat, "alasan", alasan, jenis="panjang")
    gagal_bila(galat)
    k = Keberatan.objects.create(
        evaluasi=ev,
        alasan=alasan,
        batas_putusan=hari_ini() + dt.timedelta(days=atur.putusan_keberatan_hari),
        predikat_semula=ev.predikat,
    )
    catat_skp(
        AksiSkp.KEBERATAN, oleh=diri, pelaku=pelaku, sebagai="pegawai", status_ke=k.status, skp=ev.skp, evaluasi=ev
    )
    pen = sel.penilai(ev.skp)
    if pen.atasan_ppk:
        beri_tahu([pen.atasan_ppk.pegawai], "Keberatan atas evaluasi kinerja", f"{diri.nama}: {alasan[:300]}")
    return k


@transaction.atomic
def keberatan_putus(*, pelaku, keberatan: Keberatan, diterima: bool, putusan, rating_hasil=None, rating_perilaku=None):
    """The atasan PPK of the day decides with reasons; accepting sets new ratings and replaces the
    evaluation's documents."""
    diri = diri_pelaku(pelaku)
    k = kunci(Keberatan, keberatan.pk)
    ev = kunci(Evaluasi, k.evaluasi_id)
    pen = sel.penilai(ev.skp)
    if pen.atasan_ppk is None or pen.atasan_ppk.pegawai.pk != diri.pk:
        raise BukanWewenang("Keberatan diputus oleh atasan Pejabat Penilai Kinerja.")
    if k.status != StatusKeberatan.DIAJUKAN:
        raise TransisiTidakSah("Keberatan ini sudah diputus.")
    galat: dict = {}
    putusan = teks_isian(galat, "putusan", putusan, jenis="panjang")
    if not isinstance(diterima, bool):
        galat["diterima"] = ["Harus true atau false."]
    if diterima is True:
        rh, rp = _rating(galat, {"rating_hasil": rating_hasil, "rating_perilaku": rating_perilaku})
    gagal_bila(galat)
    k.status = StatusKeberatan.DITERIMA if diterima else StatusKeberatan.DITOLAK
    k.pemutus, k.putusan, k.diputus = diri, putusan, timezone.now()
    k.save()
    if diterima:
        ev.rating_hasil, ev.rating_perilaku, ev.predikat = rh, rp, penilaian.predikat(rh, rp)
        ev.jenjang, ev.angka_kredit = _angka_kredit(ev.skp, ev.jenis, ev.predikat)
        ev.save()
        for d in ev.dokumen.filter(berlaku=True):
            d.berlaku, d.alasan_cabut = False, f"Diganti setelah keberatan diterima ({timezone.localdate():%d-%m-%Y})."
            d.save(update_fields=["berlaku", "alasan_cabut"])
        ppk = ev.ditetapkan_oleh or ev.penilai
        _dokumen_evaluasi(ev, ppk, pen)
    catat_skp(
        AksiSkp.PUTUS_KEBERATAN,
        oleh=diri,
        pelaku=pelaku,
        sebagai="atasan_ppk",
        status_dari=k.predikat_semula,
        status_ke=ev.predikat,
        catatan=putusan,
        skp=ev.skp,
        evaluasi=ev,
    )
    beri_tahu(
        [ev.skp.pegawai], "Keberatan diputus", f"Keberatan Anda {k.get_status_display().lower()}: {putusan[:300]}"
    )
    return k


# --- follow-up ---


@transaction.atomic
def tindak_lanjut_catat(*, pelaku, evaluasi: Evaluasi, jenis, uraian, persen_tpp=None) -> TindakLanjut:
    """The PPK of the day or the Bagian Organisasi records a reward, development or sanction."""
    ev = kunci(Evaluasi, evaluasi.pk)
    diri = None
    if not adalah_admin_organisasi(pelaku):
        diri = diri_pelaku(pelaku)
        _ppk_hari_ini(ev.skp, diri, "Tindak lanjut dicatat oleh PPK pegawai ini atau Bagian Organisasi.")
    if ev.status != StatusEvaluasi.DITETAPKAN:
        raise TransisiTidakSah("Tindak lanjut dicatat setelah evaluasi ditetapkan.")
    galat: dict = {}
    tl = tindakan(TindakLanjut, galat, JenisTindakLanjut, jenis, uraian, diri, evaluasi=ev)
    tl.persen_tpp = opsional(
        galat, "persen_tpp", persen_tpp, lambda n: bilangan_bulat(n, minimum=0, maksimum=200), "Bilangan bulat 0–200."
    )
    gagal_bila(galat)
    tl.save()
    catat_skp(AksiSkp.TINDAK_LANJUT, oleh=diri, pelaku=pelaku, catatan=tl.uraian, skp=ev.skp, evaluasi=ev)
    return tl


# --- documents ---


def _kode() -> str:
    while True:
        kode = "".join(secrets.choice(HURUF_KODE) for _ in range(PANJANG_KODE))
        if not DokumenKinerja.objects.filter(kode_verifikasi=kode).exists():
            return kode


def dokumen_buat(jenis: str, *, skp: Skp, evaluasi: Evaluasi | None = None, penanda: dict) -> DokumenKinerja:
    """A document with its content frozen now and a signature line per role (called inside a transition)."""
    from ..dokumen import isi_dokumen

    d = DokumenKinerja.objects.create(
        jenis=jenis, skp=skp, evaluasi=evaluasi, kode_verifikasi=_kode(), isi=isi_dokumen(jenis, skp, evaluasi)
    )
    TandaTangan.objects.bulk_create([TandaTangan(dokumen=d, peran=p, pegawai=pg) for p, pg in penanda.items()])
    return d


@transaction.atomic
def dokumen_tandatangani(*, pelaku, dokumen: DokumenKinerja) -> DokumenKinerja:
    """A signatory signs in the system; once all have signed, the PDF is made (a task, after commit)."""
    from ..tasks import buat_pdf_dokumen

    diri = diri_pelaku(pelaku)
    d = kunci(DokumenKinerja, dokumen.pk)
    if not d.berlaku:
        raise TransisiTidakSah("Dokumen ini tidak berlaku lagi.")
    baris = [t for t in d.tanda_tangan.select_for_update() if t.pegawai_id == diri.pk]
    if not baris:
        raise BukanWewenang("Anda bukan penanda tangan dokumen ini.")
    belum = [t for t in baris if t.waktu is None]
    if not belum:
        raise TransisiTidakSah("Anda sudah menandatangani dokumen ini.")
    sekarang = timezone.now()
    for t in belum:
        t.waktu = sekarang
        t.save(update_fields=["waktu"])
    catat_skp(
        AksiSkp.TANDA_TANGAN,
        oleh=diri,
        pelaku=pelaku,
        sebagai=", ".join(t.peran for t in belum),
        catatan=f"{d.get_jenis_display()} {d.kode_verifikasi}",
        skp=d.skp,
        evaluasi=d.evaluasi,
    )
    if not d.tanda_tangan.filter(waktu__isnull=True).exists():
        transaction.on_commit(lambda: buat_pdf_dokumen.delay(d.pk), robust=True)
    return d
