"""The survey's writes: one-time codes for the counter, the public's questionnaire, staff entering paper
forms, and the follow-up plan. A response never stores who gave it: no name, no contact, no address, and
the code that let it in is marked used without a link to it."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sistemkerja.errors import TransisiTidakSah
from sistemkerja.masukan import bentuk_kode

from ..choices import AksiLayanan, JenisKelamin, Pekerjaan, Pendidikan, SumberResponden
from ..models import Jawaban, KodeSurvei, Layanan, RencanaTindakLanjut, Responden, SkemaSurvei, UnsurSurvei
from ._dasar import bulat, catat_layanan, gagal_bila, harus_pengelola, tanggal, teks

# Crockford's alphabet without the look-alikes (0/O, 1/I/L, U): 8 characters are 40 bits.
ABJAD_KODE = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PANJANG_KODE = 8
KODE_MAKS_SEKALI = 500
BERLAKU_KODE_HARI = 30
BARIS_MAKS = 1000  # questionnaires per call of the API
BARIS_MAKS_IMPOR = 10_000  # rows of one tabulation workbook
USIA_MIN, USIA_MAKS = 10, 120
PESAN_PENGELOLA = "Hanya petugas perangkat daerah penyelenggara layanan ini yang dapat mencatat survei."
PESAN_KODE = "Kode survei tidak dikenal, sudah dipakai atau kedaluwarsa. Mintalah kode baru di loket."


def normal_kode(teks_kode) -> str:
    """A code as typed ("abcd-efgh ", "ABCDEFGH") in its stored form."""
    if not isinstance(teks_kode, str) or len(teks_kode) > 40:
        return ""
    kode = "".join(c for c in teks_kode.upper() if c not in " -\t")
    return kode if kode.isascii() and kode.isalnum() else ""  # a NUL or other stray character: no code


def tampil_kode(kode: str) -> str:
    return f"{kode[:4]}-{kode[4:]}" if len(kode) == PANJANG_KODE else kode


def _harus_terbit(layanan: Layanan) -> None:
    if layanan.versi_berlaku_id is None or not layanan.aktif:
        raise TransisiTidakSah("Layanan ini belum memiliki standar pelayanan yang diterbitkan.")


@transaction.atomic
def kode_survei_buat(*, pelaku, layanan: Layanan, jumlah: int = 1, hari: int = BERLAKU_KODE_HARI) -> list[KodeSurvei]:
    """`jumlah` fresh one-time codes, valid `hari` days (slips to print, or one per receipt)."""
    diri, sebagai = harus_pengelola(pelaku, layanan.unit, PESAN_PENGELOLA)
    _harus_terbit(layanan)
    galat: dict = {}
    jumlah = bulat(galat, "jumlah", jumlah, minimum=1, maksimum=KODE_MAKS_SEKALI, pesan="Jumlah kode 1 sampai 500.")
    hari = bulat(galat, "hari", hari, minimum=1, maksimum=365, pesan="Masa berlaku 1 sampai 365 hari.")
    gagal_bila(galat)
    sampai = timezone.now() + dt.timedelta(days=hari)
    kode = set()
    while len(kode) < jumlah:
        kode.add("".join(secrets.choice(ABJAD_KODE) for _ in range(PANJANG_KODE)))
        if len(kode) == jumlah:
            kode -= set(KodeSurvei.objects.filter(kode__in=kode).values_list("kode", flat=True))
    baru = KodeSurvei.objects.bulk_create(
        [KodeSurvei(layanan=layanan, kode=k, dibuat_oleh=diri, berlaku_sampai=sampai) for k in sorted(kode)]
    )
    catat_layanan(
        AksiLayanan.KODE_SURVEI, oleh=diri, pelaku=pelaku, sebagai=sebagai, layanan=layanan, catatan=f"{jumlah} kode"
    )
    return baru


def _unsur(skema: SkemaSurvei) -> dict[str, UnsurSurvei]:
    return {u.kode: u for u in skema.unsur.all()}


def _jawaban(galat: dict, awalan: str, jawaban, unsur: dict[str, UnsurSurvei], maks: int, *, semua: bool):
    """[(unsur, nilai)] from {"U1": 1..maks}; unknown keys, values out of range refused. `semua`: every
    element must be answered (the public form); otherwise at least one (a paper form with gaps)."""
    if not isinstance(jawaban, dict):
        galat[f"{awalan}jawaban"] = [f'Harus objek, mis. {{"U1": 4, "U2": 3}} (nilai 1–{maks}).']
        return []
    hasil = []
    for kode, nilai in jawaban.items():
        kolom = f"{awalan}jawaban.{str(kode)[:8]}"
        if kode not in unsur:
            galat[kolom] = [f"Unsur tidak dikenal; gunakan {', '.join(unsur)}."]
            continue
        n = bulat(galat, kolom, nilai, minimum=1, maksimum=maks, pesan=f"Nilai harus 1 sampai {maks}.")
        if n is not None:
            hasil.append((unsur[kode], n))
    if semua:
        for kode in unsur:
            if kode not in jawaban:
                galat[f"{awalan}jawaban.{kode}"] = ["Pilih salah satu jawaban."]
    elif not jawaban:
        galat[f"{awalan}jawaban"] = ["Jawab paling sedikit satu unsur."]
    return hasil


def _profil(galat: dict, awalan: str, data: dict) -> dict:
    hasil = {}
    for kolom, pilihan in (("jenis_kelamin", JenisKelamin), ("pendidikan", Pendidikan), ("pekerjaan", Pekerjaan)):
        nilai = data.get(kolom)
        if nilai in (None, ""):
            hasil[kolom] = ""
        elif nilai in pilihan.values:
            hasil[kolom] = nilai
        else:
            galat[f"{awalan}{kolom}"] = [f"Gunakan salah satu: {', '.join(pilihan.values)} (atau kosongkan)."]
    usia = data.get("usia")
    hasil["usia"] = (
        None
        if usia in (None, "")
        else bulat(
            galat, f"{awalan}usia", usia, minimum=USIA_MIN, maksimum=USIA_MAKS, pesan="Usia 10 sampai 120 tahun."
        )
    )
    return hasil


def _simpan(layanan, skema, baris: list[tuple[dict, dt.date, list]], sumber: str, diri) -> list[Responden]:
    responden = Responden.objects.bulk_create(
        [Responden(layanan=layanan, skema=skema, tanggal=t, sumber=sumber, dicatat_oleh=diri, **p) for p, t, _ in baris]
    )
    Jawaban.objects.bulk_create(
        [
            Jawaban(responden=r, unsur=u, nilai=n)
            for r, (_, _, jwb) in zip(responden, baris, strict=True)
            for u, n in jwb
        ]
    )
    return responden


@transaction.atomic
def survei_isi(*, layanan: Layanan, kode: str, jawaban, profil: dict | None = None) -> Responden:
    """The public's questionnaire, let in by a one-time code of this service (every element answered)."""
    _harus_terbit(layanan)
    skema = layanan.skema_survei
    galat: dict = {}
    hasil = _jawaban(galat, "", jawaban, _unsur(skema), skema.nilai_maks, semua=True)
    prof = _profil(galat, "", profil or {})
    kode = normal_kode(kode)
    tiket = (
        KodeSurvei.objects.select_for_update()
        .filter(layanan=layanan, kode=kode, dipakai__isnull=True, berlaku_sampai__gt=timezone.now())
        .first()
        if kode
        else None
    )
    if tiket is None:
        galat["kode"] = [PESAN_KODE]
    gagal_bila(galat)
    # Marked used only if still unused: two tabs sending the same code at once let one response in.
    if not KodeSurvei.objects.filter(pk=tiket.pk, dipakai__isnull=True).update(dipakai=timezone.now()):
        raise ValidationError({"kode": [PESAN_KODE]})
    (responden,) = _simpan(layanan, skema, [(prof, timezone.localdate(), hasil)], SumberResponden.DARING, None)
    catat_layanan(AksiLayanan.SURVEI_ISI, oleh=None, pelaku=None, sebagai="publik", layanan=layanan)
    return responden


@transaction.atomic
def responden_catat(
    *, pelaku, layanan: Layanan, baris, sumber: str = SumberResponden.KERTAS, skema: SkemaSurvei | None = None
) -> list[Responden]:
    """Paper forms or a kiosk's answers entered by staff: all rows or none, errors named by row
    (`[3].jawaban.U2`)."""
    diri, sebagai = harus_pengelola(pelaku, layanan.unit, PESAN_PENGELOLA)
    _harus_terbit(layanan)
    if not isinstance(baris, list):
        raise ValidationError({"detail": ["Kirim daftar jawaban responden."]})
    if not baris:
        raise ValidationError({"detail": ["Daftar responden kosong."]})
    maks = BARIS_MAKS_IMPOR if sumber == SumberResponden.IMPOR else BARIS_MAKS
    if len(baris) > maks:
        raise ValidationError({"detail": [f"Paling banyak {maks} responden sekali kirim."]})
    skema = skema or layanan.skema_survei
    per_skema = {skema.kode: (skema, _unsur(skema))}
    galat: dict = {}
    siap: dict[str, list] = {}
    for i, data in enumerate(baris):
        awalan = f"[{i}]."
        if not isinstance(data, dict):
            galat[f"[{i}]"] = [f"Baris {i + 1}: harus objek dengan tanggal dan jawaban."]
            continue
        sk = _skema_baris(galat, awalan, data.get("skema"), per_skema, layanan)
        t = tanggal(galat, f"{awalan}tanggal", data.get("tanggal"))
        # answers are checked against the row's scheme; an unknown scheme is the row's one error
        jwb = (
            _jawaban(galat, awalan, data.get("jawaban"), per_skema[sk.kode][1], sk.nilai_maks, semua=False)
            if sk
            else []
        )
        prof = _profil(galat, awalan, data)
        if sk is not None:
            siap.setdefault(sk.kode, []).append((prof, t, jwb))
    if galat:
        raise ValidationError({k: [f"Baris {_nomor(k)}: {p}" for p in v] for k, v in galat.items()})
    hasil = []
    for kode_skema, isi in siap.items():
        hasil += _simpan(layanan, per_skema[kode_skema][0], isi, sumber, diri)
    aksi = AksiLayanan.RESPONDEN_IMPOR if sumber == SumberResponden.IMPOR else AksiLayanan.RESPONDEN_CATAT
    catat_layanan(aksi, oleh=diri, pelaku=pelaku, sebagai=sebagai, layanan=layanan, catatan=f"{len(hasil)} responden")
    return hasil


def _nomor(kolom: str) -> int:
    return int(kolom[1 : kolom.index("]")]) + 1


def _skema_baris(galat, awalan, kode, per_skema, layanan) -> SkemaSurvei | None:
    """A row's scheme: the service's, or another one named by `skema` (shipped or the instansi's own)."""
    if kode in (None, ""):
        return next(iter(per_skema.values()))[0]
    if kode in per_skema:
        return per_skema[kode][0]
    kode = bentuk_kode(kode) or ""  # a NUL or a megabyte names no scheme
    sk = (
        SkemaSurvei.objects.filter(kode=kode, instansi__isnull=True).prefetch_related("unsur").first()
        or SkemaSurvei.objects.filter(kode=kode, instansi_id=layanan.unit.instansi_id).prefetch_related("unsur").first()
        if kode
        else None
    )
    if sk is None:
        galat[f"{awalan}skema"] = ["Skema survei tidak dikenal."]
        return None
    per_skema[sk.kode] = (sk, _unsur(sk))
    return sk


@transaction.atomic
def tindak_lanjut_catat(
    *,
    pelaku,
    layanan: Layanan,
    mulai: dt.date,
    selesai: dt.date,
    unsur: UnsurSurvei,
    kegiatan: str,
    waktu: str,
    penanggung_jawab: str,
) -> RencanaTindakLanjut:
    """A follow-up action for an element of the period's SKM (the report's rencana tindak lanjut)."""
    diri, sebagai = harus_pengelola(pelaku, layanan.unit, PESAN_PENGELOLA)
    galat: dict = {}
    if (
        unsur.skema_id != layanan.skema_survei_id
        and not Responden.objects.filter(layanan=layanan, skema_id=unsur.skema_id).exists()
    ):
        galat["unsur"] = ["Unsur ini bukan unsur skema survei layanan ini."]
    kegiatan = teks(galat, "kegiatan", kegiatan, maks=1000)
    waktu = teks(galat, "waktu", waktu, maks=200)
    penanggung_jawab = teks(galat, "penanggung_jawab", penanggung_jawab, maks=200)
    if mulai and selesai and selesai < mulai:
        galat["selesai"] = ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    gagal_bila(galat)
    rencana = RencanaTindakLanjut.objects.create(
        layanan=layanan,
        mulai=mulai,
        selesai=selesai,
        unsur=unsur,
        kegiatan=kegiatan,
        waktu=waktu,
        penanggung_jawab=penanggung_jawab,
        dibuat_oleh=diri,
    )
    catat_layanan(
        AksiLayanan.TINDAK_LANJUT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        layanan=layanan,
        catatan=f"{unsur.kode}: {kegiatan[:200]}",
    )
    return rencana
