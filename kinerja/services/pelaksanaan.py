"""The plan and its carrying out (Lampiran A.1.c, A.2): the rencana pelaksanaan kegiatan dan anggaran
drafted by staff with the owner and approved by the owner; rincian, progress with evidence, spending
against the budget lines; feedback at any time, acknowledged by its addressee."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from organisasi.models import Pegawai
from sistemkerja.berkas import nama_acak, periksa_berkas
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import periksa_tanggal, periode, teks_isian

from .. import selectors
from ..choices import Aksi, StatusRencana
from ..models import Anggaran, Kegiatan, Progres, Realisasi, RencanaKegiatan, Rincian, Target, UmpanBalik
from ._dasar import beri_tahu, catat, daftar, diri_pelaku, gagal_bila, harus, kunci, rupiah, tautan_bukti
from .perencanaan import _target_berlaku

MAKS_KEGIATAN = 100
MAKS_ANGGARAN = 50
MAKS_PELAKSANA = 50
BATAS_BUKTI_MB = 10
JENIS_BUKTI = {"pdf", "png", "jpg"}


def _tanggal(galat: dict, kolom: str, nilai) -> dt.date | None:
    if isinstance(nilai, dt.date):
        tanggal = nilai
    elif isinstance(nilai, str):
        try:
            tanggal = dt.date.fromisoformat(nilai)
        except ValueError:
            galat[kolom] = ["Tanggal dengan format YYYY-MM-DD."]
            return None
    else:
        galat[kolom] = ["Wajib diisi: tanggal dengan format YYYY-MM-DD."]
        return None
    try:
        return periksa_tanggal(tanggal)
    except ValidationError as e:
        galat[kolom] = e.messages
        return None


def _boleh_menyusun(t: Target, diri: Pegawai) -> None:
    """Staff of the owner unit or its team, with the owner, draft the plan."""
    if diri.pk in selectors.anggota_tim(t) or (diri.unit_id and diri.unit.path.startswith(t.unit.path)):
        return
    pj = selectors.pemimpin(t.unit)
    if pj is not None and pj.pegawai.pk == diri.pk:
        return
    raise BukanWewenang(f"Rencana target ini disusun oleh pegawai {t.unit.nama} atau timnya bersama pimpinannya.")


def _kegiatan_bersih(galat: dict, kegiatan, t: Target, boleh: set[int]) -> list[dict]:
    hasil = []
    nip_boleh = dict(Pegawai.objects.filter(pk__in=boleh, aktif=True).values_list("nip", "pk"))
    for i, k in enumerate(daftar(galat, "kegiatan", kegiatan, maks=MAKS_KEGIATAN)):
        a = f"kegiatan[{i}]"
        if not isinstance(k, dict):
            galat[a] = ["Setiap kegiatan berisi uraian, mulai, selesai, pelaksana dan anggaran."]
            continue
        mulai = _tanggal(galat, f"{a}.mulai", k.get("mulai"))
        selesai = _tanggal(galat, f"{a}.selesai", k.get("selesai"))
        if mulai and selesai:
            if selesai < mulai:
                galat[f"{a}.selesai"] = ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
            elif mulai.year != t.tahun or selesai.year != t.tahun:
                galat[f"{a}.mulai" if mulai.year != t.tahun else f"{a}.selesai"] = [
                    f"Kegiatan berada dalam tahun target ({t.tahun})."
                ]
        pelaksana = []
        for j, nip in enumerate(daftar(galat, f"{a}.pelaksana", k.get("pelaksana"), maks=MAKS_PELAKSANA)):
            pk = nip_boleh.get(nip) if isinstance(nip, str) else None
            if pk is None:
                galat[f"{a}.pelaksana[{j}]"] = [
                    f"{str(nip)[:20]} bukan pegawai aktif {t.unit.nama} atau anggota timnya."
                ]
            elif pk not in pelaksana:
                pelaksana.append(pk)
        anggaran = []
        for j, baris in enumerate(
            daftar(galat, f"{a}.anggaran", k.get("anggaran", []), maks=MAKS_ANGGARAN, wajib=False)
        ):
            b = f"{a}.anggaran[{j}]"
            if not isinstance(baris, dict):
                galat[b] = ["Setiap baris anggaran berisi uraian dan jumlah."]
                continue
            uraian = teks_isian(galat, f"{b}.uraian", baris.get("uraian"), jenis="pendek")
            anggaran.append({"uraian": uraian, "jumlah": rupiah(galat, f"{b}.jumlah", baris.get("jumlah"))})
        hasil.append(
            {
                "uraian": teks_isian(galat, f"{a}.uraian", k.get("uraian")),
                "mulai": mulai,
                "selesai": selesai,
                "pelaksana": pelaksana,
                "anggaran": anggaran,
            }
        )
    return hasil


@transaction.atomic
def rencana_susun(*, pelaku, target: Target, kegiatan, alasan="") -> RencanaKegiatan:
    """A new version of the plan, waiting for the owner's approval. After an approved version, a change
    needs its reason (`alasan`); a version not yet approved is replaced by the new one."""
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    _target_berlaku(t)
    _boleh_menyusun(t, diri)
    galat: dict = {}
    boleh = selectors.staf_unit(t.unit) | selectors.anggota_tim(t)
    bersih = _kegiatan_bersih(galat, kegiatan, t, boleh)
    ada_disetujui = t.rencana.filter(status=StatusRencana.DISETUJUI).exists()
    alasan = teks_isian(galat, "alasan", alasan, wajib=ada_disetujui)
    gagal_bila(galat)
    for lama in t.rencana.filter(status=StatusRencana.DIAJUKAN):
        lama.status = StatusRencana.DIGANTI
        lama.save(update_fields=["status"])
        catat(
            Aksi.RENCANA_SUSUN,
            oleh=diri,
            pelaku=pelaku,
            rencana=lama,
            status_dari=StatusRencana.DIAJUKAN,
            status_ke=lama.status,
            catatan="Diganti versi baru sebelum disetujui.",
        )
    versi = (t.rencana.order_by("-versi").values_list("versi", flat=True).first() or 0) + 1
    r = RencanaKegiatan.objects.create(target=t, versi=versi, disusun_oleh=diri, alasan_perubahan=alasan)
    for i, k in enumerate(bersih, 1):
        obj = Kegiatan.objects.create(rencana=r, urutan=i, uraian=k["uraian"], mulai=k["mulai"], selesai=k["selesai"])
        obj.pelaksana.set(k["pelaksana"])
        Anggaran.objects.bulk_create([Anggaran(kegiatan=obj, **b) for b in k["anggaran"]])
    catat(Aksi.RENCANA_SUSUN, oleh=diri, pelaku=pelaku, rencana=r, target=t, status_ke=r.status, catatan=alasan)
    pj = selectors.pemimpin(t.unit)
    if pj is not None and pj.pegawai.pk != diri.pk:
        beri_tahu(
            [pj.pegawai],
            "Rencana kegiatan menunggu persetujuan",
            f"{diri.nama} menyusun rencana kegiatan dan anggaran versi {versi} untuk target: {t.uraian[:200]}",
        )
    return r


@transaction.atomic
def rencana_setujui(*, pelaku, rencana: RencanaKegiatan, catatan="") -> RencanaKegiatan:
    """The owner approves a version; the version approved before it is replaced."""
    diri = diri_pelaku(pelaku)
    r = kunci(RencanaKegiatan, rencana.pk)
    t = r.target
    pj = harus(selectors.pemimpin(t.unit), diri, f"Rencana disetujui oleh pimpinan {t.unit.nama}.")
    if r.status != StatusRencana.DIAJUKAN:
        raise TransisiTidakSah(f"Rencana versi {r.versi} sudah {r.get_status_display().lower()}.")
    _target_berlaku(t)
    galat: dict = {}
    catatan = teks_isian(galat, "catatan", catatan, wajib=False)
    gagal_bila(galat)
    for lama in t.rencana.filter(status=StatusRencana.DISETUJUI):
        lama.status = StatusRencana.DIGANTI
        lama.save(update_fields=["status"])
        catat(
            Aksi.RENCANA_SETUJUI,
            oleh=diri,
            pelaku=pelaku,
            rencana=lama,
            status_dari=StatusRencana.DISETUJUI,
            status_ke=lama.status,
            catatan=f"Diganti versi {r.versi}.",
        )
    r.status, r.disetujui_oleh, r.disetujui = StatusRencana.DISETUJUI, diri, timezone.now()
    r.save(update_fields=["status", "disetujui_oleh", "disetujui"])
    catat(
        Aksi.RENCANA_SETUJUI,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pj.sebagai,
        rencana=r,
        target=t,
        status_dari=StatusRencana.DIAJUKAN,
        status_ke=r.status,
        catatan=catatan,
    )
    beri_tahu(
        [r.disusun_oleh], "Rencana kegiatan disetujui", f"Rencana versi {r.versi} untuk {t.uraian[:200]} disetujui."
    )
    return r


def _kegiatan_berjalan(kegiatan: Kegiatan, diri: Pegawai, *, ketua_boleh: bool = True) -> Kegiatan:
    k = kunci(Kegiatan, kegiatan.pk)
    t = k.rencana.target
    if not k.pelaksana.filter(pk=diri.pk).exists() and not (ketua_boleh and t.tim_id and t.tim.ketua_id == diri.pk):
        raise BukanWewenang("Hanya pelaksana kegiatan ini (atau ketua timnya) yang mencatatnya.")
    if k.rencana.status != StatusRencana.DISETUJUI:
        raise TransisiTidakSah(
            "Kegiatan ini bukan bagian dari rencana yang berlaku (belum disetujui atau sudah diganti)."
        )
    _target_berlaku(t)
    return k


def _bukti(galat: dict, bukti_url, berkas) -> tuple[str, object]:
    url = tautan_bukti(galat, bukti_url) if not berkas else ""
    if berkas is not None:
        try:
            jenis = periksa_berkas(berkas, jenis=JENIS_BUKTI, maks_mb=BATAS_BUKTI_MB)
            return "", (berkas, jenis)
        except ValidationError as e:
            galat["bukti"] = e.messages
    return url, None


def _simpan_bukti(obj, berkas_jenis) -> None:
    if berkas_jenis is not None:
        berkas, jenis = berkas_jenis
        obj.bukti_berkas.save(nama_acak("kinerja-bukti", jenis), berkas, save=True)


@transaction.atomic
def progres_catat(*, pelaku, kegiatan: Kegiatan, tanggal, uraian, persen, bukti="", berkas=None) -> Progres:
    diri = diri_pelaku(pelaku)
    k = _kegiatan_berjalan(kegiatan, diri)
    galat: dict = {}
    tgl = _tanggal(galat, "tanggal", tanggal)
    if tgl and tgl > timezone.localdate():
        galat["tanggal"] = ["Progres dicatat untuk hari ini atau sebelumnya."]
    uraian = teks_isian(galat, "uraian", uraian)
    if isinstance(persen, bool) or not isinstance(persen, int) or not 0 <= persen <= 100:
        galat["persen"] = ["Persen bilangan bulat 0 sampai 100."]
    url, berkas_jenis = _bukti(galat, bukti, berkas)
    gagal_bila(galat)
    p = Progres.objects.create(kegiatan=k, tanggal=tgl, uraian=uraian, persen=persen, bukti_url=url, oleh=diri)
    _simpan_bukti(p, berkas_jenis)
    terakhir = k.progres.order_by("-tanggal", "-id").values_list("persen", flat=True).first()
    Kegiatan.objects.filter(pk=k.pk).update(persen=terakhir)
    catat(Aksi.PROGRES, oleh=diri, pelaku=pelaku, target=k.rencana.target, catatan=f"{k.uraian[:80]}: {persen}%")
    return p


@transaction.atomic
def realisasi_catat(
    *, pelaku, kegiatan: Kegiatan, tanggal, uraian, jumlah, anggaran: Anggaran | None = None
) -> Realisasi:
    """Spending against the activity (and a budget line of it). More than what is left of the line is
    refused; the activity as a whole may not exceed its budget either."""
    diri = diri_pelaku(pelaku)
    k = _kegiatan_berjalan(kegiatan, diri)
    galat: dict = {}
    tgl = _tanggal(galat, "tanggal", tanggal)
    if tgl and tgl > timezone.localdate():
        galat["tanggal"] = ["Realisasi dicatat untuk hari ini atau sebelumnya."]
    uraian = teks_isian(galat, "uraian", uraian, jenis="pendek")
    jumlah = rupiah(galat, "jumlah", jumlah, positif=True)
    if anggaran is not None and anggaran.kegiatan_id != k.pk:
        galat["anggaran"] = ["Baris anggaran itu milik kegiatan lain."]
    if "jumlah" not in galat and "anggaran" not in galat:
        from django.db.models import Sum

        if anggaran is not None:
            pagu, nama = anggaran.jumlah, f"baris “{anggaran.uraian}”"
            terpakai = anggaran.realisasi.aggregate(n=Sum("jumlah"))["n"] or 0
        else:
            pagu, nama = k.anggaran.aggregate(n=Sum("jumlah"))["n"] or 0, "kegiatan ini"
            terpakai = k.realisasi.aggregate(n=Sum("jumlah"))["n"] or 0
        if terpakai + jumlah > pagu:
            sisa = f"{pagu - terpakai:,}".replace(",", ".")
            galat["jumlah"] = [f"Melebihi sisa anggaran {nama}: Rp{sisa}."]
    gagal_bila(galat)
    r = Realisasi.objects.create(kegiatan=k, anggaran=anggaran, tanggal=tgl, uraian=uraian, jumlah=jumlah, oleh=diri)
    catat(
        Aksi.REALISASI,
        oleh=diri,
        pelaku=pelaku,
        target=k.rencana.target,
        catatan=f"{uraian}: Rp{jumlah:,}".replace(",", "."),
    )
    return r


@transaction.atomic
def rincian_catat(
    *, pelaku, kegiatan: Kegiatan, uraian, pegawai: Pegawai | None = None, peran="", mulai=None, selesai=None
) -> Rincian:
    """A step of an activity and, in a team, who does it in which role (by competency)."""
    diri = diri_pelaku(pelaku)
    k = _kegiatan_berjalan(kegiatan, diri)
    t = k.rencana.target
    galat: dict = {}
    uraian = teks_isian(galat, "uraian", uraian)
    peran = teks_isian(galat, "peran", peran, jenis="pendek", wajib=False)
    if pegawai is not None and pegawai.pk not in (
        set(k.pelaksana.values_list("pk", flat=True)) | selectors.anggota_tim(t)
    ):
        galat["pegawai"] = [f"{pegawai.nama} bukan pelaksana kegiatan ini atau anggota timnya."]
    try:
        periode(mulai, selesai)
    except ValidationError as e:
        galat.update(e.message_dict)
    gagal_bila(galat)
    r = Rincian.objects.create(
        kegiatan=k, uraian=uraian, pegawai=pegawai, peran=peran, mulai=mulai, selesai=selesai, oleh=diri
    )
    catat(Aksi.RINCIAN, oleh=diri, pelaku=pelaku, target=t, catatan=uraian[:200])
    return r


def _boleh_memberi_umpan_balik(t: Target, diri: Pegawai) -> bool:
    """The owner, the team's ketua, or a head above on the owner unit's chain."""
    s = selectors.simpul(t.unit)
    kepala = {pj.pegawai.pk for pj in s.rantai}
    if s.pemimpin:
        kepala.add(s.pemimpin.pegawai.pk)
    return diri.pk in kepala or (t.tim_id and t.tim.ketua_id == diri.pk)


@transaction.atomic
def umpan_balik_kirim(
    *, pelaku, target: Target, isi, kepada: Pegawai | None = None, balasan_untuk: UmpanBalik | None = None
) -> UmpanBalik:
    """Feedback from the owner, the ketua or a head above to someone carrying the target out; a reply
    goes back to the author of what it answers, from its addressee or anyone who may give feedback."""
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    galat: dict = {}
    isi = teks_isian(galat, "isi", isi, jenis="panjang")
    pemberi = _boleh_memberi_umpan_balik(t, diri)
    if balasan_untuk is not None:
        if balasan_untuk.target_id != t.pk:
            galat["balasan_untuk"] = ["Umpan balik itu milik target lain."]
        elif diri.pk not in (balasan_untuk.kepada_id, balasan_untuk.dari_id) and not pemberi:
            raise BukanWewenang("Anda tidak terlibat dalam percakapan ini.")
        else:
            kepada = balasan_untuk.dari if balasan_untuk.dari_id != diri.pk else balasan_untuk.kepada
    else:
        if not pemberi:
            raise BukanWewenang("Umpan balik diberikan oleh pemilik target, ketua tim atau pimpinan di atasnya.")
        pelaksana = selectors.pelaksana_target(t) | selectors.anggota_tim(t)
        pelaksana.discard(diri.pk)
        if kepada is None:
            if len(pelaksana) == 1:
                kepada = Pegawai.objects.get(pk=pelaksana.pop())
            else:
                galat["kepada"] = ["Sebutkan kepada siapa umpan balik ini (NIP pelaksana)."]
        elif kepada.pk not in pelaksana:
            galat["kepada"] = [f"{kepada.nama} bukan pelaksana target ini."]
    gagal_bila(galat)
    u = UmpanBalik.objects.create(
        target=t,
        dari=diri,
        kepada=kepada,
        isi=isi,
        balasan_untuk=balasan_untuk,
        akun=pelaku if getattr(pelaku, "is_authenticated", False) else None,
    )
    catat(Aksi.UMPAN_BALIK, oleh=diri, pelaku=pelaku, target=t, catatan=f"Kepada {kepada.nama}: {isi[:200]}")
    beri_tahu(
        [kepada], "Umpan balik kinerja", f"{diri.nama} memberi umpan balik atas target {t.uraian[:120]}:\n\n{isi}"
    )
    return u


@transaction.atomic
def umpan_balik_baca(*, pelaku, umpan_balik: UmpanBalik) -> UmpanBalik:
    """The addressee acknowledges feedback."""
    diri = diri_pelaku(pelaku)
    u = kunci(UmpanBalik, umpan_balik.pk)
    if u.kepada_id != diri.pk:
        raise BukanWewenang("Umpan balik ini ditujukan kepada orang lain.")
    if u.dibaca is not None:
        raise TransisiTidakSah("Umpan balik ini sudah ditandai dibaca.")
    u.dibaca = timezone.now()
    u.save(update_fields=["dibaca"])
    catat(Aksi.UMPAN_BALIK_BACA, oleh=diri, pelaku=pelaku, target=u.target, catatan=f"Umpan balik #{u.pk}")
    return u
