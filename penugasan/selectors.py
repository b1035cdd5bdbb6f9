"""Reads of penugasan: who acts at a step on a date, candidates and their workload, what waits for whom.

Actors are resolved from kedudukan (organisasi.selectors), so a Plt, a Plh or a delegate in force
acts where the regulation says, and a vacancy passes to the next head up.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from organisasi.choices import JenisUnit
from organisasi.models import Pegawai, PejabatUnit, Penempatan, Unit
from organisasi.selectors import (
    Kedudukan,
    Pejabat,
    hari_ini,
    kedudukan_pada,
    leluhur_dan_pejabat,
    pimpinan_unit_pada,
    susun_kedudukan,
)

from .choices import Alur, Langkah, Peran, Status
from .models import KompetensiPegawai, PegawaiPenugasan, PejabatBerwenang, Penugasan, TimKerja

# The steps after the request, in order (API.md, Penugasan). A has none: it ends at once.
URUTAN_LANGKAH: dict[str, list[str]] = {
    Alur.A: [],
    Alur.B: [Langkah.PERSETUJUAN_PPK],
    Alur.C: [Langkah.DISPOSISI, Langkah.KETERSEDIAAN, Langkah.JAWABAN, Langkah.PENGAJUAN, Langkah.PENETAPAN],
    Alur.D: [Langkah.PERSETUJUAN_PIMPINAN],
    Alur.E: [Langkah.PERSETUJUAN_TUJUAN, Langkah.PENERUSAN, Langkah.PERSETUJUAN_PPK],
}
# Steps where the actor names the staff (API.md `perlu_pegawai`).
PERLU_PEGAWAI = {(Alur.B, Langkah.PERSETUJUAN_PPK), (Alur.C, Langkah.KETERSEDIAAN)}
# Who acts at each step: the role, and whose (the unit where the wanted staff sit, or the applicant).
PERAN_LANGKAH: dict[tuple[str, str], tuple[str, str]] = {
    (Alur.B, Langkah.PERSETUJUAN_PPK): (Peran.PPK, "tujuan"),
    (Alur.C, Langkah.DISPOSISI): (Peran.PIMPINAN, "tujuan"),
    (Alur.C, Langkah.KETERSEDIAAN): (Peran.PPK, "tujuan"),
    (Alur.C, Langkah.JAWABAN): (Peran.PIMPINAN, "tujuan"),
    (Alur.C, Langkah.PENGAJUAN): (Peran.PEMOHON, ""),
    (Alur.C, Langkah.PENETAPAN): (Peran.BERWENANG, ""),
    (Alur.D, Langkah.PERSETUJUAN_PIMPINAN): (Peran.PIMPINAN, "pemohon"),
    (Alur.E, Langkah.PERSETUJUAN_TUJUAN): (Peran.PIMPINAN, "tujuan"),
    (Alur.E, Langkah.PENERUSAN): (Peran.PEMOHON, ""),
    (Alur.E, Langkah.PERSETUJUAN_PPK): (Peran.PPK, "pemohon"),
}


def kedudukan_simpul(unit: Unit, tanggal: dt.date | None = None) -> Kedudukan:
    """The PPK, chain and Pimpinan of a staff member sitting at `unit` (not its head) on a date."""
    tanggal = tanggal or hari_ini()
    leluhur, peta = leluhur_dan_pejabat(unit, tanggal)
    return susun_kedudukan(pegawai=Pegawai(), unit=unit, jabatan=None, leluhur=leluhur, peta=peta, tanggal=tanggal)


def unit_berwenang(instansi_id: int) -> Unit | None:
    """The unit whose head is the instansi's Pejabat yang Berwenang: as set, else its Sekretariat Daerah."""
    atur = PejabatBerwenang.objects.filter(instansi_id=instansi_id).select_related("unit").first()
    if atur is not None:
        return atur.unit
    return (
        Unit.objects.filter(instansi_id=instansi_id, jenis=JenisUnit.SEKRETARIAT_DAERAH, aktif=True)
        .order_by("depth", "path")
        .first()
    )


def pejabat_berwenang(instansi_id: int, tanggal: dt.date | None = None) -> Pejabat | None:
    unit = unit_berwenang(instansi_id)
    return pimpinan_unit_pada(unit, tanggal)["memimpin"] if unit is not None else None


def unit_dipimpin(pegawai: Pegawai, tanggal: dt.date | None = None) -> list[PejabatUnit]:
    """The units a person heads on a date (definitive, Plt, Plh or as PPK delegate), highest first."""
    return list(
        PejabatUnit.objects.pada(tanggal or hari_ini())
        .filter(pegawai=pegawai, unit__aktif=True)
        .select_related("unit")
        .order_by("unit__depth", "unit__path")
    )


def pelaku_langkah(p: Penugasan, tanggal: dt.date | None = None) -> list[Pejabat]:
    """Who performs the step a request waits at, on a date (empty once ended, or for a vacancy)."""
    if not p.berjalan or not p.langkah:
        return []
    tanggal = tanggal or hari_ini()
    peran, milik = PERAN_LANGKAH[(p.alur, p.langkah)]
    if peran == Peran.PEMOHON:
        return [Pejabat(p.pemohon, Peran.PEMOHON, p.unit_pemohon)]
    if peran == Peran.BERWENANG:
        pj = pejabat_berwenang(p.unit_pemohon.instansi_id, tanggal)
    else:
        k = kedudukan_simpul(p.unit_tujuan, tanggal) if milik == "tujuan" else kedudukan_pada(p.pemohon, tanggal)
        pj = k.ppk if peran == Peran.PPK else k.pimpinan
    return [pj] if pj is not None else []


def pegawai_di_unit(unit: Unit, nip: list[str], tanggal: dt.date | None = None) -> dict[str, Pegawai]:
    """Of these NIPs, the active staff placed in `unit` on the date, by NIP."""
    baris = (
        Penempatan.objects.pada(tanggal or hari_ini())
        .filter(unit=unit, pegawai__nip__in=nip, pegawai__aktif=True)
        .select_related("pegawai")
    )
    return {b.pegawai.nip: b.pegawai for b in baris}


def beban_kerja(pegawai_qs, mulai: dt.date, selesai: dt.date):
    """Annotate staff with their load in a period: assignments in force and teams they are in."""
    tumpang = Q(penugasan__penugasan__mulai__lte=selesai, penugasan__penugasan__selesai__gte=mulai)
    aktif = Q(penugasan__usulan=False, penugasan__penugasan__status__in=[Status.SELESAI, Status.BERJALAN])
    tim = Q(
        keanggotaan_tim__tim__mulai__lte=selesai,
        keanggotaan_tim__tim__selesai__gte=mulai,
        keanggotaan_tim__selesai__isnull=True,
    )
    ketua = Q(tim_diketuai__mulai__lte=selesai, tim_diketuai__selesai__gte=mulai)
    return pegawai_qs.annotate(
        jumlah_penugasan=Count("penugasan", filter=tumpang & aktif, distinct=True),
        jumlah_tim=Count("keanggotaan_tim", filter=tim, distinct=True)
        + Count("tim_diketuai", filter=ketua, distinct=True),
    )


def kandidat(
    *,
    unit: Unit,
    mulai: dt.date,
    selesai: dt.date,
    kompetensi: list[int] | None = None,
    hanya_cocok: bool = True,
    tanggal: dt.date | None = None,
):
    """Staff placed in `unit`, those holding more of the competencies asked for first, then the lightest
    load (Lampiran B.2.d). Each carries `jumlah_cocok`, how many of those competencies they hold.
    `hanya_cocok` keeps only those holding every one (the API's filter; the pages show everyone, marked).

    Heads of units are not candidates: assignments are for Pejabat Fungsional and Pelaksana.
    """
    tanggal = tanggal or hari_ini()
    kompetensi = list(kompetensi or [])
    qs = Pegawai.objects.filter(
        aktif=True,
        riwayat_penempatan__in=Penempatan.objects.pada(tanggal).filter(unit=unit),
    ).exclude(Exists(PejabatUnit.objects.pada(tanggal).filter(pegawai=OuterRef("pk"))))
    if hanya_cocok:
        for k in kompetensi:
            qs = qs.filter(Exists(KompetensiPegawai.objects.filter(pegawai=OuterRef("pk"), kompetensi_id=k)))
    cocok = (
        KompetensiPegawai.objects.filter(pegawai=OuterRef("pk"), kompetensi_id__in=kompetensi)
        .order_by()
        .values("pegawai")
        .annotate(n=Count("kompetensi", distinct=True))
        .values("n")
    )
    qs = qs.annotate(jumlah_cocok=Coalesce(Subquery(cocok), 0)) if kompetensi else qs.annotate(jumlah_cocok=Value(0))
    qs = beban_kerja(qs, mulai, selesai).select_related("jabatan").prefetch_related("kompetensi__kompetensi")
    return qs.order_by("-jumlah_cocok", "jumlah_penugasan", "jumlah_tim", "nama", "nip")


def boleh_memilih_pegawai(user) -> bool:
    """Candidates and their workload are for those who appoint: heads of units today, the Bagian Organisasi,
    and applications granted to read staff records."""
    from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user

    if adalah_admin_organisasi(user) or user.has_perm("organisasi.view_pegawai"):  # incl. API clients' grant
        return True
    diri = pegawai_dari_user(user)
    return diri is not None and PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri).exists()


def peringatan_tim(tim: TimKerja) -> list[str]:
    """Pasal 6 ayat (3): in a cross-unit team the ketua should come from the unit pemilik kinerja (a warning).

    A ketua from outside that unit makes the team cross-unit by itself, so that is the whole test.
    """
    ketua = tim.ketua
    if ketua.unit is not None and ketua.unit.path.startswith(tim.unit_pemilik.path):
        return []
    return [
        f"Ketua tim ({ketua.nama}) bukan dari {tim.unit_pemilik.nama}, Unit Organisasi pemilik kinerja: dalam "
        "tim lintas Unit Organisasi ketua diutamakan dari unit pemilik kinerja (Pasal 6 ayat (3))."
    ]


def menunggu_saya(user):
    """Requests waiting for the user to act, by the grants the services keep (`putuskan_penugasan`).

    One subquery on guardian's table (the home page counts these on every visit), not guardian's
    general `get_objects_for_user`, which first looks the permission and its content type up.
    """
    from django.db.models import BigIntegerField
    from django.db.models.functions import Cast
    from guardian.models import UserObjectPermission

    diberi = (
        UserObjectPermission.objects.filter(
            user_id=user.pk,
            permission__codename="putuskan_penugasan",
            content_type__app_label="penugasan",
            content_type__model="penugasan",
        )
        .annotate(id_objek=Cast("object_pk", BigIntegerField()))
        .values("id_objek")
    )
    return Penugasan.objects.filter(status=Status.BERJALAN, pk__in=diberi)


def surat_dari_kode(kode: str):
    """The letter carrying a verification code (typed in any case, with spaces around), or None."""
    from .models import Surat

    kode = (kode or "").strip().upper()
    if not kode.isalnum() or len(kode) > 16:
        return None
    return Surat.objects.filter(kode_verifikasi=kode).first()


def verifikasi_surat(kode: str, surat=None) -> dict | None:
    """What the public may know of a letter by its verification code (or of `surat`, already found by it):
    no personal data beyond names."""
    surat = surat or surat_dari_kode(kode)
    if surat is None:
        return None
    ttd = surat.isi.get("penandatangan", {})
    return {
        "terbit": True,
        "nomor": surat.nomor,
        "tanggal": surat.tanggal,
        "jenis": surat.jenis,
        "perihal": surat.perihal,
        "penandatangan": {"nama": ttd.get("nama", ""), "jabatan": ttd.get("jabatan", "")},
        "status": surat.status,
        "pengganti": getattr(getattr(surat, "pengganti", None), "nomor", None),
    }


def kotak_masuk(pegawai: Pegawai | None, user) -> dict:
    """What waits for a person: steps to perform, copies to read, letters received, their own requests."""
    from .models import PenerimaSurat, Tembusan

    if pegawai is None:
        return {
            "menunggu": Penugasan.objects.none(),
            "tembusan": Tembusan.objects.none(),
            "surat": PenerimaSurat.objects.none(),
            "diajukan": Penugasan.objects.none(),
        }
    return {
        # the nearest deadline first, then the oldest; unread first (NULLs sort alike on SQLite and PostgreSQL)
        "menunggu": menunggu_saya(user)
        .select_related("pemohon", "unit_tujuan")
        .order_by(F("batas_keputusan").asc(nulls_last=True), "dibuat"),
        "tembusan": Tembusan.objects.filter(pegawai=pegawai)
        .select_related("penugasan__pemohon", "surat")
        .order_by(F("dibaca").asc(nulls_first=True), "-dikirim"),
        "surat": PenerimaSurat.objects.filter(pegawai=pegawai)
        .select_related("surat")
        .order_by(F("dibaca").asc(nulls_first=True), "-surat__tanggal"),
        "diajukan": Penugasan.objects.filter(pemohon=pegawai).select_related("unit_tujuan").order_by("-dibuat"),
    }


def hitung_kotak_masuk(pegawai: Pegawai | None, user) -> dict:
    """The counts on the home page: to decide, unread copies, unread letters."""
    if pegawai is None:
        return {"menunggu": 0, "tembusan": 0, "surat": 0}
    k = kotak_masuk(pegawai, user)
    return {
        "menunggu": k["menunggu"].count(),
        "tembusan": k["tembusan"].filter(dibaca__isnull=True).count(),
        "surat": k["surat"].filter(dibaca__isnull=True).count(),
    }


def profil_pegawai(pegawai: Pegawai) -> dict:
    """A person's competencies, the teams they are in and how many assignments they carry today."""
    hari = hari_ini()
    tim = (
        TimKerja.objects.filter(mulai__lte=hari, selesai__gte=hari)
        .filter(Q(ketua=pegawai) | Q(anggota__pegawai=pegawai, anggota__selesai__isnull=True))
        .distinct()
        .order_by("nama")
    )
    return {
        "kompetensi": list(KompetensiPegawai.objects.filter(pegawai=pegawai).select_related("kompetensi")),
        "tim": list(tim.select_related("unit_pemilik")),
        "penugasan_aktif": PegawaiPenugasan.objects.filter(
            pegawai=pegawai,
            usulan=False,
            penugasan__status=Status.SELESAI,
            penugasan__mulai__lte=hari,
            penugasan__selesai__gte=hari,
        ).count(),
    }


def penugasan_dengan_rujukan(rujukan: str):
    """The requests another app started and named (`rujukan`, e.g. `kinerja.target:12`), newest first."""
    return Penugasan.objects.filter(rujukan=rujukan).select_related("unit_tujuan").order_by("-dibuat", "-id")
