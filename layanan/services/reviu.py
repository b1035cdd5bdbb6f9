"""Review and evaluation rounds of an agency's business processes and SOPs (Pasal 13 ayat 3–4): the Bagian
Organisasi of the instansi opens a round (`reviu_buka`), runs it and closes it with its conclusion
(`reviu_status`: direncanakan → berjalan → selesai), records findings about one SOP or one map of the agency
while it runs (`temuan_catat`); the agency's staff write the follow-up (`temuan_tindak_lanjut`), and the
Bagian Organisasi accepts it or sends it back with a note (`temuan_tutup`). The agency's head is e-mailed
when findings are recorded and when the round closes."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from organisasi.models import Pegawai, Unit
from organisasi.selectors import pimpinan_unit_pada
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import bentuk_id

from .. import selectors as sel
from ..choices import AksiLayanan, StatusReviu, StatusTemuan
from ..models import PetaProses, Reviu, Sop, Temuan
from ..peta_baca import adalah_pd, jalur_pd
from ._dasar import beri_tahu, bulat, catat_layanan, gagal_bila, kunci, pelaku_pegawai, teks
from .peta import tanggal

R = StatusReviu
T = StatusTemuan
URUTAN = {R.DIRENCANAKAN: R.BERJALAN, R.BERJALAN: R.SELESAI}  # the one step each state may take
PESAN_BO = "Hanya Bagian Organisasi instansi ini yang membuka, menjalankan dan menutup reviu dan evaluasi."
PESAN_PD = "Hanya pegawai perangkat daerah yang direviu (atau pimpinannya) yang menulis tindak lanjut temuan."


def harus_bo(pelaku, instansi_id: int, pesan: str = PESAN_BO) -> tuple[Pegawai | None, str]:
    """(actor's staff record, role) for the Bagian Organisasi of the instansi (or a global organisation admin)."""
    if not getattr(pelaku, "is_authenticated", False) or not sel.di_bagian_organisasi(pelaku, instansi_id):
        raise BukanWewenang(pesan)
    return pelaku_pegawai(pelaku), "bagian_organisasi"


def _kepala_pd(pd: Unit) -> list[Pegawai]:
    """Who heads the agency today (definitif, else Plt/Plh, else the head above): the findings' addressee."""
    memimpin = pimpinan_unit_pada(pd)["memimpin"]
    return [memimpin.pegawai] if memimpin else []


# --- rounds ---------------------------------------------------------------------------------------


@transaction.atomic
def reviu_buka(*, pelaku, perangkat_daerah: Unit, tahun, judul, metode="", mulai=None, selesai=None) -> Reviu:
    """Open (plan) a round for one agency of the instansi (`direncanakan`)."""
    diri, sebagai = harus_bo(pelaku, perangkat_daerah.instansi_id)
    galat: dict = {}
    if not adalah_pd(perangkat_daerah) or not perangkat_daerah.aktif:
        galat["perangkat_daerah"] = ["Pilih perangkat daerah yang aktif (unit langsung di bawah instansi)."]
    tahun = bulat(galat, "tahun", tahun, minimum=2000, maksimum=2099, pesan="Tahun 2000 sampai 2099.")
    judul = teks(galat, "judul", judul, maks=300)
    metode = teks(galat, "metode", metode, maks=4000, wajib=False)
    mulai = tanggal(galat, "mulai", mulai)
    selesai = tanggal(galat, "selesai", selesai)
    if mulai and selesai and selesai < mulai:
        galat["selesai"] = ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    gagal_bila(galat)
    r = Reviu.objects.create(
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        judul=judul,
        metode=metode,
        mulai=mulai,
        selesai=selesai,
        dibuat_oleh=diri,
    )
    catat_layanan(
        AksiLayanan.REVIU_BUAT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_ke=r.status,
        reviu=r,
        catatan=f"{perangkat_daerah.nama}, tahun {tahun}",
    )
    return r


@transaction.atomic
def reviu_status(*, pelaku, reviu: Reviu, status, kesimpulan="") -> Reviu:
    """Move a round one step: direncanakan → berjalan → selesai (with its conclusion). Anything else is 409."""
    r = kunci(Reviu, reviu.pk)
    pd = r.perangkat_daerah
    diri, sebagai = harus_bo(pelaku, pd.instansi_id)
    if status not in R.values:
        gagal_bila({"status": [f"Gunakan salah satu: {', '.join(R.values)}."]})
    if URUTAN.get(r.status) != status:
        raise TransisiTidakSah(
            f"Reviu berstatus {r.get_status_display()} tidak dapat menjadi {R(status).label.lower()}; "
            "urutannya direncanakan → berjalan → selesai."
        )
    galat: dict = {}
    kesimpulan = teks(galat, "kesimpulan", kesimpulan, maks=10_000, wajib=status == R.SELESAI)
    gagal_bila(galat)
    dari, hari_ini = r.status, timezone.localdate()
    r.status = status
    if status == R.BERJALAN and r.mulai is None:
        r.mulai = hari_ini
    if status == R.SELESAI:
        r.kesimpulan = kesimpulan
        if r.selesai is None or r.selesai > hari_ini:
            r.selesai = max(hari_ini, r.mulai or hari_ini)
    r.save()
    catat_layanan(
        AksiLayanan.REVIU_STATUS,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=dari,
        status_ke=status,
        reviu=r,
        catatan=kesimpulan[:500] if kesimpulan else "",
    )
    if status == R.SELESAI:
        terbuka = r.temuan.exclude(status=T.SELESAI).count()
        sisa = f"{terbuka} temuan masih menunggu tindak lanjut atau penerimaan." if terbuka else "Semua temuan selesai."
        beri_tahu(
            _kepala_pd(pd),
            "Reviu dan evaluasi proses bisnis selesai",
            f"Reviu \u201c{r.judul}\u201d ({r.tahun}) atas {pd.nama} telah selesai.\n\n"
            f"Kesimpulan: {kesimpulan}\n\n{sisa}",
        )
    return r


# --- findings -------------------------------------------------------------------------------------


def _objek(galat: dict, model, nilai, kolom: str, pd: Unit):
    """The SOP or map a finding is about, checked to belong to the reviewed agency."""
    if nilai in (None, ""):
        return None
    pk = nilai.pk if isinstance(nilai, model) else bentuk_id(nilai)
    obj = model.objects.select_related("unit").filter(pk=pk).first() if pk else None
    if obj is None:
        galat[kolom] = ["Tidak ditemukan."]
        return None
    if obj.unit.instansi_id != pd.instansi_id or jalur_pd(obj.unit.path) != pd.path:
        galat[kolom] = [f"Harus milik {pd.nama}, perangkat daerah yang direviu."]
        return None
    return obj


@transaction.atomic
def temuan_catat(*, pelaku, reviu: Reviu, uraian, sop=None, peta=None, rekomendasi="", tenggat=None) -> Temuan:
    """Record a finding of a running round about one SOP or one map of the agency (not both, not neither)."""
    r = kunci(Reviu, reviu.pk)
    pd = r.perangkat_daerah
    diri, sebagai = harus_bo(pelaku, pd.instansi_id)
    if r.status != R.BERJALAN:
        raise TransisiTidakSah(f"Reviu berstatus {r.get_status_display()}; temuan dicatat selama reviu berjalan.")
    galat: dict = {}
    if sop not in (None, "") and peta not in (None, ""):
        galat["sop"] = galat["peta"] = ["Satu temuan tentang satu SOP atau satu peta, tidak keduanya."]
    elif sop in (None, "") and peta in (None, ""):
        galat["sop"] = galat["peta"] = ["Pilih SOP atau peta yang menjadi pokok temuan."]
    else:
        sop = _objek(galat, Sop, sop, "sop", pd)
        peta = _objek(galat, PetaProses, peta, "peta", pd)
    uraian = teks(galat, "uraian", uraian, maks=4000)
    rekomendasi = teks(galat, "rekomendasi", rekomendasi, maks=4000, wajib=False)
    tenggat = tanggal(galat, "tenggat", tenggat)
    if tenggat and tenggat < timezone.localdate():
        galat["tenggat"] = ["Tenggat tindak lanjut tidak boleh sebelum hari ini."]
    gagal_bila(galat)
    t = Temuan.objects.create(
        reviu=r, sop=sop, peta=peta, uraian=uraian, rekomendasi=rekomendasi, tenggat=tenggat, dicatat_oleh=diri
    )
    pokok = f"SOP {sop.nomor}" if sop else f"peta {peta.kode}"
    catat_layanan(
        AksiLayanan.TEMUAN_CATAT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_ke=t.status,
        reviu=r,
        sop=sop,
        peta=peta,
        catatan=f"temuan #{t.pk} tentang {pokok}",
    )
    beri_tahu(
        _kepala_pd(pd),
        "Temuan reviu proses bisnis/SOP",
        f"Reviu \u201c{r.judul}\u201d mencatat temuan tentang {pokok} {(sop or peta).nama}:\n\n{uraian}"
        + (f"\n\nRekomendasi: {rekomendasi}" if rekomendasi else "")
        + (f"\n\nTenggat tindak lanjut: {tenggat:%d-%m-%Y}." if tenggat else ""),
    )
    return t


@transaction.atomic
def temuan_tindak_lanjut(*, pelaku, temuan: Temuan, tindak_lanjut) -> Temuan:
    """The agency's staff write what they did (`terbuka` → `ditindaklanjuti`)."""
    t = kunci(Temuan, temuan.pk)
    pd = t.reviu.perangkat_daerah
    if not getattr(pelaku, "is_authenticated", False) or not sel.boleh_kelola(pelaku, pd):
        raise BukanWewenang(PESAN_PD)
    if t.status != T.TERBUKA:
        raise TransisiTidakSah(f"Temuan berstatus {t.get_status_display()}; tindak lanjut ditulis saat terbuka.")
    galat: dict = {}
    tindak_lanjut = teks(galat, "tindak_lanjut", tindak_lanjut, maks=4000)
    gagal_bila(galat)
    diri = pelaku_pegawai(pelaku)
    t.tindak_lanjut, t.status = tindak_lanjut, T.DITINDAKLANJUTI
    t.ditindaklanjuti, t.ditindaklanjuti_oleh = timezone.now(), diri
    t.save()
    catat_layanan(
        AksiLayanan.TEMUAN_TINDAK,
        oleh=diri,
        pelaku=pelaku,
        sebagai="perangkat_daerah",
        status_dari=T.TERBUKA,
        status_ke=t.status,
        reviu=t.reviu,
        sop=t.sop,
        peta=t.peta,
        catatan=f"temuan #{t.pk}: {tindak_lanjut[:400]}",
    )
    beri_tahu(
        [t.dicatat_oleh] if t.dicatat_oleh else [],
        "Tindak lanjut temuan reviu",
        f"{pd.nama} menulis tindak lanjut temuan #{t.pk} reviu \u201c{t.reviu.judul}\u201d. Mohon diperiksa.",
    )
    return t


@transaction.atomic
def temuan_tutup(*, pelaku, temuan: Temuan, terima: bool, catatan="") -> Temuan:
    """The Bagian Organisasi accepts the follow-up (`ditindaklanjuti` → `selesai`) or sends it back with a note
    (→ `terbuka`, the note kept in the history)."""
    t = kunci(Temuan, temuan.pk)
    pd = t.reviu.perangkat_daerah
    diri, sebagai = harus_bo(pelaku, pd.instansi_id)
    if t.status != T.DITINDAKLANJUTI:
        raise TransisiTidakSah(f"Temuan berstatus {t.get_status_display()}; diperiksa setelah ditindaklanjuti.")
    galat: dict = {}
    if not isinstance(terima, bool):
        galat["terima"] = ["Pilih terima atau kembalikan."]
    catatan = teks(galat, "catatan", catatan, maks=2000, wajib=terima is False)
    gagal_bila(galat)
    t.status = T.SELESAI if terima else T.TERBUKA
    t.save()
    catat_layanan(
        AksiLayanan.TEMUAN_TUTUP if terima else AksiLayanan.TEMUAN_KEMBALI,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=T.DITINDAKLANJUTI,
        status_ke=t.status,
        reviu=t.reviu,
        sop=t.sop,
        peta=t.peta,
        catatan=f"temuan #{t.pk} " + ("diterima" if terima else "dikembalikan") + (f": {catatan}" if catatan else ""),
    )
    if not terima:
        beri_tahu(
            [p for p in [t.ditindaklanjuti_oleh, *_kepala_pd(pd)] if p],
            "Tindak lanjut temuan dikembalikan",
            f"Tindak lanjut temuan #{t.pk} reviu \u201c{t.reviu.judul}\u201d dikembalikan Bagian Organisasi:\n\n"
            f"{catatan}",
        )
    return t
