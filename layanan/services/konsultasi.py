"""Consultations (seed 001's service; API.md *Layanan*): staff of an agency file a request with the
Bagian Organisasi of their instansi; its head disposes it to a handler of the Bagian (`disposisi`); the
handler may schedule a meeting (`jadwalkan`) and answers (`jawab`); the requester closes it, rating the
service (`tutup`), and the rating becomes a response in the survey of the instansi's consultation service.
Each step locks the row, checks the actor (403) and the state (409), refuses bad input by field (400,
nothing written), leaves a history row and e-mails whoever acts next."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from organisasi.models import Pegawai
from organisasi.selectors import perangkat_daerah
from sistemkerja.berkas import nama_acak, periksa_berkas
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import PERIODE_MAKS, bentuk_nip

from .. import selectors as sel
from ..choices import AksiLayanan, JenisKonsultasi, StatusKonsultasi, SumberResponden, TahapLampiran
from ..models import TENGGAT_KONSULTASI_BAWAAN, Konsultasi, LampiranKonsultasi, Layanan
from ._dasar import beri_tahu, bulat, catat_layanan, gagal_bila, kunci, pelaku_pegawai, tanggal, teks
from .survei import _jawaban, _simpan, _unsur

LAMPIRAN_MAKS_MB = 10
LAMPIRAN_MAKS_JUMLAH = 5  # files in one submission
LAMPIRAN_MAKS_TOTAL = 20  # files on one request, both sides together
URAIAN_MAKS = 4000
JAWABAN_MAKS = 10_000
S = StatusKonsultasi


def _diri(pelaku, pesan: str) -> Pegawai:
    diri = pelaku_pegawai(pelaku) if getattr(pelaku, "is_authenticated", False) else None
    if diri is None:
        raise BukanWewenang(pesan)
    return diri


def _lampiran(galat: dict, lampiran) -> list[tuple]:
    """[(upload, kind)] checked by content: PDF, PNG or JPEG, at most 5 files of 10 MB."""
    berkas = [b for b in (lampiran or []) if b is not None]
    if len(berkas) > LAMPIRAN_MAKS_JUMLAH:
        galat["lampiran"] = [f"Paling banyak {LAMPIRAN_MAKS_JUMLAH} berkas."]
        return []
    hasil = []
    for b in berkas:
        try:
            hasil.append((b, periksa_berkas(b, jenis={"pdf", "png", "jpg"}, maks_mb=LAMPIRAN_MAKS_MB)))
        except ValidationError as e:
            galat["lampiran"] = [f"{getattr(b, 'name', 'Berkas')}: {m}" for m in e.messages]
    return hasil


def _simpan_lampiran(konsultasi: Konsultasi, berkas: list[tuple], tahap: str, diri: Pegawai) -> list:
    hasil = []
    for b, jenis in berkas:
        nama = "".join(c for c in (getattr(b, "name", "") or "") if c.isprintable()).strip()
        lamp = LampiranKonsultasi(
            konsultasi=konsultasi,
            tahap=tahap,
            nama=(nama or f"lampiran.{jenis}")[-200:],
            ukuran=b.size,
            diunggah_oleh=diri,
        )
        lamp.berkas.save(nama_acak("konsultasi", jenis), b, save=False)
        lamp.save()
        hasil.append(lamp)
    return hasil


def layanan_konsultasi(instansi) -> Layanan | None:
    """The instansi's consultation service in force (its standard gives the jangka waktu; ratings feed its SKM)."""
    return (
        Layanan.objects.filter(
            unit__instansi=instansi, menerima_konsultasi=True, aktif=True, versi_berlaku__isnull=False
        )
        .select_related("versi_berlaku", "skema_survei")
        .first()
    )


def _tenggat(galat: dict, dibutuhkan, instansi, hari_ini: dt.date) -> tuple[dt.date | None, dt.date]:
    """(the date the requester needs it by, the deadline): that date when given ("sesuai kebutuhan"),
    else the standard's jangka waktu in days, else 14 days."""
    if isinstance(dibutuhkan, dt.datetime):  # a day is asked for, not a moment
        galat["dibutuhkan"] = ["Isi tanggal yang sah, mis. 2027-03-15."]
    else:
        dibutuhkan = tanggal(galat, "dibutuhkan", dibutuhkan, wajib=False, akhir=PERIODE_MAKS)
    if "dibutuhkan" in galat:
        return None, hari_ini
    if dibutuhkan is not None:
        if not hari_ini <= dibutuhkan <= hari_ini + dt.timedelta(days=366):
            galat["dibutuhkan"] = ["Tanggal dibutuhkan harus antara hari ini dan setahun ke depan."]
            return None, hari_ini
        return dibutuhkan, dibutuhkan
    layanan = layanan_konsultasi(instansi)
    hari = (layanan.versi_berlaku.jangka_waktu_hari if layanan else None) or TENGGAT_KONSULTASI_BAWAAN
    return None, hari_ini + dt.timedelta(days=hari)


@transaction.atomic
def konsultasi_ajukan(*, pelaku, jenis, uraian, dibutuhkan=None, lampiran=None) -> Konsultasi:
    """Staff of a Perangkat Daerah ask the Bagian Organisasi of their instansi (`diajukan`)."""
    diri = _diri(pelaku, "Konsultasi diajukan oleh pegawai aktif perangkat daerah.")
    if diri.unit_id is None:
        raise BukanWewenang("Anda belum ditempatkan pada unit mana pun.")
    unit = diri.unit
    instansi = unit.instansi
    if instansi.bagian_organisasi_id is None:
        raise TransisiTidakSah(
            f"{instansi.nama} belum menetapkan Bagian Organisasi; minta admin mengisinya pada data instansi."
        )
    galat: dict = {}
    if jenis not in JenisKonsultasi.values:
        galat["jenis"] = [f"Gunakan salah satu: {', '.join(JenisKonsultasi.values)}."]
    uraian = teks(galat, "uraian", uraian, maks=URAIAN_MAKS)
    hari_ini = timezone.localdate()
    dibutuhkan, tenggat = _tenggat(galat, dibutuhkan, instansi, hari_ini)
    berkas = _lampiran(galat, lampiran)
    gagal_bila(galat)
    k = Konsultasi.objects.create(
        instansi=instansi,
        jenis=jenis,
        uraian=uraian,
        pemohon=diri,
        unit_pemohon=unit,
        perangkat_daerah=perangkat_daerah(unit),
        dibutuhkan=dibutuhkan,
        tenggat=tenggat,
    )
    _simpan_lampiran(k, berkas, TahapLampiran.PERMOHONAN, diri)
    catat_layanan(
        AksiLayanan.KONSULTASI_AJUKAN, oleh=diri, pelaku=pelaku, sebagai="pemohon", status_ke=k.status, konsultasi=k
    )
    kepala = sel.kepala_bagian_organisasi(instansi)
    beri_tahu(
        [kepala.pegawai] if kepala else [],
        "Permohonan konsultasi baru",
        f"{diri.nama} ({k.perangkat_daerah.nama}) mengajukan konsultasi {k.get_jenis_display().lower()}, "
        f"tenggat jawaban {k.tenggat:%d-%m-%Y}. Mohon didisposisikan kepada penangan.",
    )
    return k


def _sebagai_kepala(pelaku, k: Konsultasi) -> tuple[Pegawai, str]:
    """The head of the Bagian Organisasi on the day (Plt/Plh/the head above, as kedudukan says)."""
    diri = _diri(pelaku, "Hanya Kepala Bagian Organisasi yang mendisposisikan konsultasi.")
    kepala = sel.kepala_bagian_organisasi(k.instansi)
    if kepala is None or kepala.pegawai.pk != diri.pk:
        raise BukanWewenang("Hanya Kepala Bagian Organisasi (atau Plt/Plh-nya) yang mendisposisikan konsultasi.")
    return diri, f"kepala_bagian_organisasi ({kepala.sebagai})"


def _penangan(galat: dict, k: Konsultasi, penangan) -> Pegawai | None:
    if isinstance(penangan, Pegawai):
        nip = penangan.nip
    else:
        nip = bentuk_nip(penangan)
    orang = sel.penangan_konsultasi(k.instansi).filter(nip=nip).first() if nip else None
    if orang is None:
        galat["penangan"] = ["Pilih pegawai aktif Bagian Organisasi (NIP)."]
    return orang


@transaction.atomic
def konsultasi_disposisi(*, pelaku, konsultasi: Konsultasi, penangan, catatan="") -> Konsultasi:
    """The head of the Bagian Organisasi names the handler (`diajukan` → `didisposisi`); a disposed request
    not yet scheduled may be disposed again to another handler."""
    k = kunci(Konsultasi, konsultasi.pk)
    diri, sebagai = _sebagai_kepala(pelaku, k)
    if k.status not in (S.DIAJUKAN, S.DIDISPOSISI):
        raise TransisiTidakSah(f"Konsultasi berstatus {k.get_status_display()} tidak dapat didisposisikan lagi.")
    galat: dict = {}
    orang = _penangan(galat, k, penangan)
    catatan = teks(galat, "catatan", catatan, maks=2000, wajib=False)
    gagal_bila(galat)
    dari = k.status
    k.penangan, k.pendisposisi, k.catatan_disposisi = orang, diri, catatan
    k.status, k.didisposisi = S.DIDISPOSISI, timezone.now()
    k.save()
    catat_layanan(
        AksiLayanan.KONSULTASI_DISPOSISI,
        oleh=diri,
        pelaku=pelaku,
        sebagai=sebagai,
        status_dari=dari,
        status_ke=k.status,
        konsultasi=k,
        catatan="; ".join(filter(None, [f"penangan: {orang.nama} ({orang.nip})", catatan])),
    )
    beri_tahu(
        [orang],
        "Disposisi konsultasi",
        f"Anda ditunjuk menangani konsultasi {k.get_jenis_display().lower()} dari {k.perangkat_daerah.nama}, "
        f"tenggat jawaban {k.tenggat:%d-%m-%Y}." + (f"\n\nCatatan disposisi: {catatan}" if catatan else ""),
    )
    beri_tahu([k.pemohon], "Konsultasi Anda didisposisikan", f"Konsultasi Anda ditangani oleh {orang.nama}.")
    return k


def _sebagai_penangan(pelaku, k: Konsultasi) -> Pegawai:
    diri = _diri(pelaku, "Hanya penangan yang ditunjuk yang menjawab konsultasi ini.")
    if k.penangan_id is None and sel.penangan_konsultasi(k.instansi).filter(pk=diri.pk).exists():
        raise TransisiTidakSah("Konsultasi ini belum didisposisikan oleh Kepala Bagian Organisasi.")
    if k.penangan_id != diri.pk:
        raise BukanWewenang("Hanya penangan yang ditunjuk yang menjawab konsultasi ini.")
    return diri


def _waktu(galat: dict, nilai) -> dt.datetime | None:
    if isinstance(nilai, str):
        try:
            nilai = parse_datetime(nilai.strip()) if len(nilai) <= 40 else None
        except ValueError:
            nilai = None
    if not isinstance(nilai, dt.datetime):
        galat["waktu"] = ["Tulis tanggal dan jam, mis. 2027-03-15T09:00."]
        return None
    if timezone.is_naive(nilai):
        nilai = timezone.make_aware(nilai)
    awal_hari = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time()))
    if not awal_hari <= nilai <= awal_hari + dt.timedelta(days=366):
        galat["waktu"] = ["Waktu pertemuan harus antara hari ini dan setahun ke depan."]
        return None
    return nilai


@transaction.atomic
def konsultasi_jadwalkan(*, pelaku, konsultasi: Konsultasi, waktu, tempat) -> Konsultasi:
    """The handler sets (or moves) the meeting (`didisposisi`/`dijadwalkan` → `dijadwalkan`)."""
    k = kunci(Konsultasi, konsultasi.pk)
    diri = _sebagai_penangan(pelaku, k)
    if k.status not in (S.DIDISPOSISI, S.DIJADWALKAN):
        raise TransisiTidakSah(f"Konsultasi berstatus {k.get_status_display()} tidak dapat dijadwalkan.")
    galat: dict = {}
    waktu = _waktu(galat, waktu)
    tempat = teks(galat, "tempat", tempat, maks=300)
    gagal_bila(galat)
    dari = k.status
    k.waktu_pertemuan, k.tempat_pertemuan, k.status = waktu, tempat, S.DIJADWALKAN
    k.save()
    lokal = timezone.localtime(waktu)
    catat_layanan(
        AksiLayanan.KONSULTASI_JADWALKAN,
        oleh=diri,
        pelaku=pelaku,
        sebagai="penangan",
        status_dari=dari,
        status_ke=k.status,
        konsultasi=k,
        catatan=f"{lokal:%d-%m-%Y %H:%M} WIB, {tempat}",
    )
    beri_tahu(
        [k.pemohon],
        "Jadwal konsultasi",
        f"Konsultasi {k.get_jenis_display().lower()} Anda dijadwalkan {lokal:%d-%m-%Y pukul %H:%M} WIB "
        f"di {tempat}, bersama {diri.nama}.",
    )
    return k


@transaction.atomic
def konsultasi_jawab(*, pelaku, konsultasi: Konsultasi, jawaban, lampiran=None) -> Konsultasi:
    """The handler answers, with the result's documents (`didisposisi`/`dijadwalkan` → `dijawab`)."""
    k = kunci(Konsultasi, konsultasi.pk)
    diri = _sebagai_penangan(pelaku, k)
    if k.status not in (S.DIDISPOSISI, S.DIJADWALKAN):
        raise TransisiTidakSah(f"Konsultasi berstatus {k.get_status_display()} tidak dapat dijawab.")
    galat: dict = {}
    jawaban = teks(galat, "jawaban", jawaban, maks=JAWABAN_MAKS)
    berkas = _lampiran(galat, lampiran)
    gagal_bila(galat)
    dari = k.status
    k.jawaban, k.status, k.dijawab = jawaban, S.DIJAWAB, timezone.now()
    k.save()
    _simpan_lampiran(k, berkas, TahapLampiran.HASIL, diri)
    catat_layanan(
        AksiLayanan.KONSULTASI_JAWAB,
        oleh=diri,
        pelaku=pelaku,
        sebagai="penangan",
        status_dari=dari,
        status_ke=k.status,
        konsultasi=k,
        catatan=f"{len(berkas)} lampiran hasil" if berkas else "",
    )
    beri_tahu(
        [k.pemohon],
        "Konsultasi Anda dijawab",
        f"{diri.nama} menjawab konsultasi {k.get_jenis_display().lower()} Anda. "
        "Bacalah jawabannya, lalu tutup permohonan dan beri penilaian atas layanan ini.",
    )
    return k


@transaction.atomic
def konsultasi_tutup(*, pelaku, konsultasi: Konsultasi, nilai=None, catatan="", jawaban=None) -> Konsultasi:
    """The requester closes an answered request (`dijawab` → `selesai`), optionally rating it: `nilai` 1–4
    overall, and/or `jawaban` per element of the consultation service's questionnaire. The rating is kept
    on the request and recorded, without the requester's name, as a response in that service's survey
    (every element answered `nilai` when only the overall rating is given)."""
    k = kunci(Konsultasi, konsultasi.pk)
    diri = _diri(pelaku, "Hanya pemohon yang menutup konsultasinya.")
    if k.pemohon_id != diri.pk:
        raise BukanWewenang("Hanya pemohon yang menutup konsultasinya.")
    if k.status != S.DIJAWAB:
        raise TransisiTidakSah(f"Konsultasi berstatus {k.get_status_display()}; ditutup setelah dijawab.")
    galat: dict = {}
    if nilai not in (None, ""):
        nilai = bulat(galat, "nilai", nilai, minimum=1, maksimum=4, pesan="Nilai harus 1 sampai 4.")
    else:
        nilai = None
    catatan = teks(galat, "catatan", catatan, maks=2000, wajib=False)
    layanan = layanan_konsultasi(k.instansi) if (nilai is not None or jawaban) else None
    isian = []
    if layanan is not None:
        skema = layanan.skema_survei
        unsur = _unsur(skema)
        if jawaban:
            isian = _jawaban(galat, "", jawaban, unsur, skema.nilai_maks, semua=False)
        elif nilai is not None and skema.nilai_maks == 4:
            isian = [(u, nilai) for u in unsur.values()]
    elif jawaban:
        galat["jawaban"] = ["Instansi ini belum menetapkan layanan konsultasi untuk survei kepuasan."]
    gagal_bila(galat)
    k.nilai, k.catatan_penilaian, k.status, k.selesai = nilai, catatan, S.SELESAI, timezone.now()
    k.save()
    if isian:
        profil = {"jenis_kelamin": "", "pendidikan": "", "pekerjaan": "pns_tni_polri", "usia": None}
        _simpan(
            layanan, layanan.skema_survei, [(profil, timezone.localdate(), isian)], SumberResponden.KONSULTASI, None
        )
    catat_layanan(
        AksiLayanan.KONSULTASI_TUTUP,
        oleh=diri,
        pelaku=pelaku,
        sebagai="pemohon",
        status_dari=S.DIJAWAB,
        status_ke=k.status,
        konsultasi=k,
        catatan="; ".join(filter(None, [f"nilai {nilai}" if nilai else "", catatan])),
    )
    beri_tahu(
        [p for p in (k.penangan, k.pendisposisi) if p],
        "Konsultasi ditutup",
        f"{diri.nama} menutup konsultasi {k.get_jenis_display().lower()}"
        + (f" dengan nilai {nilai} dari 4." if nilai else "."),
    )
    return k


def _sisi_lampiran(diri: Pegawai, k: Konsultasi) -> str:
    """The stage a person adds files to: the handler the result's, the requester the request's."""
    if k.penangan_id == diri.pk:
        return TahapLampiran.HASIL
    if k.pemohon_id == diri.pk:
        return TahapLampiran.PERMOHONAN
    raise BukanWewenang("Hanya pemohon atau penangan yang ditunjuk yang dapat menambah lampiran konsultasi ini.")


@transaction.atomic
def konsultasi_lampiran_tambah(*, pelaku, konsultasi: Konsultasi, berkas) -> LampiranKonsultasi:
    """A file added to an open request: by the requester to the request (`permohonan`), by the handler to
    the result (`hasil`); PDF, PNG or JPEG of at most 10 MB, at most 20 files per request; not once closed."""
    k = kunci(Konsultasi, konsultasi.pk)
    diri = _diri(pelaku, "Hanya pemohon atau penangan yang dapat menambah lampiran konsultasi.")
    tahap = _sisi_lampiran(diri, k)
    if k.status == S.SELESAI:
        raise TransisiTidakSah("Konsultasi sudah selesai; lampiran tidak dapat ditambah lagi.")
    galat: dict = {}
    if berkas is None:
        galat["berkas"] = ["Pilih berkas PDF, PNG atau JPEG."]
        jenis = None
    else:
        try:
            jenis = periksa_berkas(berkas, jenis={"pdf", "png", "jpg"}, maks_mb=LAMPIRAN_MAKS_MB)
        except ValidationError as e:
            galat["berkas"] = e.messages
            jenis = None
    if k.lampiran.count() >= LAMPIRAN_MAKS_TOTAL:
        galat["berkas"] = [f"Konsultasi ini sudah memiliki {LAMPIRAN_MAKS_TOTAL} lampiran, batas terbanyak."]
    gagal_bila(galat)
    (lamp,) = _simpan_lampiran(k, [(berkas, jenis)], tahap, diri)
    catat_layanan(
        AksiLayanan.KONSULTASI_LAMPIRAN,
        oleh=diri,
        pelaku=pelaku,
        sebagai="penangan" if tahap == TahapLampiran.HASIL else "pemohon",
        status_dari=k.status,
        status_ke=k.status,
        konsultasi=k,
        catatan=f"{lamp.get_tahap_display()}: {lamp.nama}",
    )
    lain = k.pemohon if tahap == TahapLampiran.HASIL else k.penangan
    beri_tahu(
        [lain] if lain else [],
        "Lampiran konsultasi baru",
        f"{diri.nama} menambahkan lampiran {lamp.nama} pada konsultasi {k.get_jenis_display().lower()}.",
    )
    return lamp
