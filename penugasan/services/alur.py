"""The five flows of SPEC §4 (Pasal 7, Lampiran B.2): a request, its steps, and how it ends.

Each transition locks the request, checks its state (409) and, live from kedudukan on the day, that
the actor is the one the step names (403), then changes it, records it in `RiwayatPenugasan`,
issues the letters the regulation names, delivers the copies, refreshes who acts next and their
object permissions, and sends notices once it commits.

A 400 (ValidationError, by field) says the request itself cannot stand, whoever acts:
- `maksud`, `kompetensi`, `target`, `catatan`, `alasan`: text too long (`sedang`, a letter's field), holding
  a control character, or (where required) empty once invisible characters are removed;
- `mulai`, `selesai`, `batas_keputusan`: outside the plausible window, or a period ending before it starts;
- `unit_tujuan`: the flow does not fit the units (e.g. B across two Perangkat Daerah);
- `pegawai`: staff who do not sit in `unit_tujuan`, or who hold a unit head's role on the day (definitive,
  Plt, Plh or PPK delegate): the flows assign Pejabat Fungsional and Pejabat Pelaksana only (Pasal 7
  ayat (1)); or the actor themselves: nobody assigns, or approves the assignment of, themselves.
A unit head starting a voluntary application (D, E) is a 403: those flows are the applicant's own request
as a Pejabat Fungsional or Pelaksana (Pasal 7 ayat (3)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from organisasi.choices import JenisPeran, JenisUnit
from organisasi.models import Pegawai, PejabatUnit, Unit
from organisasi.permissions import pegawai_dari_user
from organisasi.selectors import Pejabat, hari_ini, jalur_perangkat_daerah, kedudukan_pada
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from sistemkerja.masukan import periksa_tanggal, periode, tak_terlihat, teks_isian
from sistemkerja.teks import tanggal_id

from ..choices import Aksi, Alur, JenisSurat, Langkah, Peran, Status
from ..models import AnggotaTim, Kompetensi, PegawaiPenugasan, Penugasan, TimKerja
from ..selectors import (
    PERLU_PEGAWAI,
    URUTAN_LANGKAH,
    kedudukan_simpul,
    pegawai_di_unit,
    pelaku_langkah,
    unit_dipimpin,
)
from . import surat as surat_svc
from ._dasar import beri_tahu, catat_riwayat, diri_pelaku, izin_penugasan_selaraskan, izin_tim_selaraskan, tembuskan

LANGKAH_AWAL = "permohonan"  # the history row of the request itself
# In C the reasoned reply (surat jawaban) comes from the target side (Lampiran B.2.a.3).
LANGKAH_PIHAK_TUJUAN_C = {Langkah.DISPOSISI, Langkah.KETERSEDIAAN, Langkah.JAWABAN}
PANJANG_MINIMAL_ALASAN = 10


# --- starting a flow ----------------------------------------------------------------------------------


def _validasi_isi(
    *,
    alur: str,
    unit_tujuan: Unit,
    maksud: str,
    kompetensi: str,
    target: str,
    mulai: dt.date,
    selesai: dt.date,
    batas_keputusan: dt.date | None,
    tanggal: dt.date,
) -> dict[str, str]:
    """The request's own content (400 by field); its texts, cleaned, as they go into the letters."""
    galat: dict = {}
    if alur not in Alur.values:
        galat["alur"] = "Alur harus salah satu dari A, B, C, D, E."
    teks = {
        "maksud": teks_isian(galat, "maksud", maksud),
        "kompetensi": teks_isian(galat, "kompetensi", kompetensi, wajib=False),
        "target": teks_isian(galat, "target", target),
    }
    try:
        periode(mulai, selesai)
    except ValidationError as e:
        galat.update(e.message_dict)
    try:
        periksa_tanggal(batas_keputusan)
    except ValidationError as e:
        galat["batas_keputusan"] = e.messages
    else:
        if batas_keputusan is not None and batas_keputusan < tanggal:
            galat["batas_keputusan"] = "Batas keputusan tidak boleh sebelum hari ini."
    if not unit_tujuan.aktif or unit_tujuan.jenis == JenisUnit.INSTANSI:
        galat["unit_tujuan"] = f"{unit_tujuan.nama} bukan unit aktif tempat pegawai berkedudukan."
    if galat:
        raise ValidationError(galat)
    return teks


def _bukan_pimpinan(pegawai: list[Pegawai], tanggal: dt.date) -> None:
    """Pasal 7 ayat (1): the flows assign Pejabat Fungsional and Pejabat Pelaksana. Whoever holds a unit
    head's role on the day (definitive, Plt, Plh or PPK delegate) is refused by name (400 on `pegawai`)."""
    pimpinan = set(PejabatUnit.objects.pada(tanggal).filter(pegawai__in=pegawai).values_list("pegawai_id", flat=True))
    if pimpinan:
        raise ValidationError(
            {
                "pegawai": [
                    f"{p.nama} ({p.nip}) memegang jabatan pimpinan unit: yang ditugaskan hanya Pejabat "
                    "Fungsional dan Pejabat Pelaksana (Pasal 7 ayat (1))."
                    for p in pegawai
                    if p.pk in pimpinan
                ]
            }
        )


def _staf_di_tujuan(
    unit_tujuan: Unit, pegawai: list[Pegawai], *, kecuali: list[Pegawai], tanggal: dt.date, wajib: bool
) -> list[Pegawai]:
    """The staff named must sit in `unit_tujuan` today and be Pejabat Fungsional or Pelaksana, and neither
    the requester nor the actor may name themselves (API.md: 400 otherwise)."""
    if wajib and not pegawai:
        raise ValidationError({"pegawai": "Pilih sedikitnya satu pegawai yang ditugaskan."})
    if any(p.pk == k.pk for p in pegawai for k in kecuali):
        raise ValidationError({"pegawai": "Anda tidak dapat menugaskan diri sendiri."})
    ada = pegawai_di_unit(unit_tujuan, [p.nip for p in pegawai], tanggal)
    if luar := [p for p in pegawai if p.nip not in ada]:
        raise ValidationError(
            {"pegawai": [f"Pegawai dengan NIP {p.nip} tidak berkedudukan di {unit_tujuan.nama}." for p in luar]}
        )
    _bukan_pimpinan(pegawai, tanggal)
    return [ada[p.nip] for p in pegawai]


def _sama(pj: Pejabat | None, diri: Pegawai) -> bool:
    return pj is not None and pj.pegawai.pk == diri.pk


def _pemohon_alur(alur: str, diri: Pegawai, unit_tujuan: Unit, tanggal: dt.date) -> Pejabat:
    """Whether the flow fits the requester and the units; the requester as the letter's signatory."""
    tujuan = kedudukan_simpul(unit_tujuan, tanggal)
    pd_tujuan = jalur_perangkat_daerah(unit_tujuan)
    if alur in (Alur.D, Alur.E):
        sendiri = kedudukan_pada(diri, tanggal)
        if sendiri.unit is None:
            raise BukanWewenang("Anda tidak memiliki kedudukan pada hari ini: pengajuan sukarela tidak dapat dibuat.")
        if PejabatUnit.objects.pada(tanggal).filter(pegawai=diri).exists():  # as _bukan_pimpinan
            raise BukanWewenang(
                "Pengajuan sukarela diajukan oleh Pejabat Fungsional atau Pejabat Pelaksana (Pasal 7 ayat (3)); "
                "Anda memegang jabatan pimpinan unit."
            )
        satu_uo = (
            sendiri.unit_organisasi is not None
            and tujuan.unit_organisasi is not None
            and sendiri.unit_organisasi.pk == tujuan.unit_organisasi.pk
        )
        if alur == Alur.D and not satu_uo:
            raise ValidationError(
                {
                    "unit_tujuan": f"{unit_tujuan.nama} di luar Unit Organisasi Anda: "
                    "gunakan alur E (pengajuan sukarela lintas Unit Organisasi)."
                }
            )
        if alur == Alur.E and satu_uo:
            raise ValidationError(
                {"unit_tujuan": f"{unit_tujuan.nama} dalam Unit Organisasi Anda sendiri: gunakan alur D."}
            )
        return Pejabat(diri, Peran.PEMOHON, sendiri.unit)
    if alur == Alur.A:
        for pj in (tujuan.ppk, tujuan.pimpinan):
            if _sama(pj, diri):
                return pj
        if not unit_dipimpin(diri, tanggal):
            raise BukanWewenang(
                "Alur A diajukan oleh Pimpinan Unit Organisasi atau Pejabat Penilai Kinerja pegawai yang ditunjuk."
            )
        raise ValidationError(
            {
                "unit_tujuan": f"Pegawai di {unit_tujuan.nama} bukan di bawah Anda: gunakan alur B "
                "(lintas unit dalam Perangkat Daerah) atau C (antar Perangkat Daerah)."
            }
        )
    dipimpin = [d for d in unit_dipimpin(diri, tanggal) if d.jenis != JenisPeran.DELEGASI]
    if alur == Alur.B:
        if not dipimpin:
            raise BukanWewenang("Alur B diajukan oleh Pimpinan Unit Organisasi atau pimpinan unit pemilik kinerja.")
        if _sama(tujuan.ppk, diri) or _sama(tujuan.pimpinan, diri):
            raise ValidationError({"unit_tujuan": "Pegawai di unit ini di bawah Anda sendiri: gunakan alur A."})
        sama_pd = [d for d in dipimpin if jalur_perangkat_daerah(d.unit) == pd_tujuan]
        if not sama_pd:
            raise ValidationError(
                {"unit_tujuan": f"{unit_tujuan.nama} berada di Perangkat Daerah lain: gunakan alur C."}
            )
        return Pejabat(diri, sama_pd[0].jenis, sama_pd[0].unit)
    memimpin_uo = [d for d in dipimpin if d.unit.adalah_unit_organisasi]
    if not memimpin_uo:
        raise BukanWewenang("Alur C diajukan oleh Pimpinan Unit Organisasi.")
    lain_pd = [d for d in memimpin_uo if jalur_perangkat_daerah(d.unit) != pd_tujuan]
    if not lain_pd:
        raise ValidationError(
            {"unit_tujuan": f"{unit_tujuan.nama} dalam Perangkat Daerah Anda sendiri: gunakan alur A atau B."}
        )
    return Pejabat(diri, lain_pd[0].jenis, lain_pd[0].unit)


def _cek_tim(tim: TimKerja, *, pelaku, alur: str, unit_tujuan: Unit, mulai: dt.date, selesai: dt.date) -> None:
    """Staff join a team through a request only where it fits: appointing into a team one manages (A–C),
    applying to a team of the unit one wants to help (D, E), within the team's period."""
    from .tim import boleh_kelola_tim

    if alur in (Alur.D, Alur.E):
        if not unit_tujuan.path.startswith(tim.unit_pemilik.path) and not tim.unit_pemilik.path.startswith(
            unit_tujuan.path
        ):
            raise ValidationError({"tim": f"{tim.nama} bukan tim {unit_tujuan.nama}."})
    elif not boleh_kelola_tim(pelaku, tim):
        raise BukanWewenang(
            f"Anda tidak mengelola {tim.nama}: pegawai ditugaskan ke tim oleh ketua atau "
            "pimpinan unit pemilik kinerjanya."
        )
    if mulai < tim.mulai or selesai > tim.selesai:
        raise ValidationError(
            {
                "tim": f"Periode penugasan harus dalam masa {tim.nama} "
                f"({tanggal_id(tim.mulai)} s.d. {tanggal_id(tim.selesai)})."
            }
        )


def _unik(pegawai: Iterable[Pegawai]) -> list[Pegawai]:
    lihat, hasil = set(), []
    for p in pegawai:
        if p.pk not in lihat:
            lihat.add(p.pk)
            hasil.append(p)
    return hasil


@transaction.atomic
def penugasan_ajukan(
    *,
    pelaku,
    alur: str,
    unit_tujuan: Unit,
    pegawai: Iterable[Pegawai] = (),
    tim: TimKerja | None = None,
    maksud: str,
    kompetensi: str = "",
    kompetensi_daftar: Iterable[Kompetensi] = (),
    target: str,
    mulai: dt.date,
    selesai: dt.date,
    batas_keputusan: dt.date | None = None,
    rujukan: str = "",
) -> Penugasan:
    """Start a flow. The caller is the requester (pemohon); A ends at once with its surat penugasan.
    `rujukan` names what started it elsewhere (e.g. a target's strategy in kinerja), kept as given."""
    diri = diri_pelaku(pelaku)
    tanggal = hari_ini()
    teks = _validasi_isi(
        alur=alur,
        unit_tujuan=unit_tujuan,
        maksud=maksud,
        kompetensi=kompetensi,
        target=target,
        mulai=mulai,
        selesai=selesai,
        batas_keputusan=batas_keputusan,
        tanggal=tanggal,
    )
    pemohon = _pemohon_alur(alur, diri, unit_tujuan, tanggal)
    if tim is not None:
        _cek_tim(tim, pelaku=pelaku, alur=alur, unit_tujuan=unit_tujuan, mulai=mulai, selesai=selesai)
    pegawai = _unik(pegawai)
    if alur in (Alur.D, Alur.E):
        if any(p.pk != diri.pk for p in pegawai):
            raise ValidationError({"pegawai": "Pada pengajuan sukarela, yang ditugaskan adalah pemohon sendiri."})
        ditugaskan, usulan = [diri], []
    else:
        staf = _staf_di_tujuan(unit_tujuan, pegawai, kecuali=[diri], tanggal=tanggal, wajib=alur == Alur.A)
        ditugaskan, usulan = (staf, []) if alur == Alur.A else ([], staf)
    p = Penugasan.objects.create(
        alur=alur,
        pemohon=diri,
        unit_pemohon=pemohon.unit,
        unit_tujuan=unit_tujuan,
        tim=tim,
        **teks,
        mulai=mulai,
        selesai=selesai,
        batas_keputusan=batas_keputusan,
        rujukan=rujukan,
        langkah=(URUTAN_LANGKAH[alur] or [""])[0],
        status=Status.BERJALAN if URUTAN_LANGKAH[alur] else Status.SELESAI,
    )
    p.kompetensi_diperlukan.set(list(kompetensi_daftar))
    PegawaiPenugasan.objects.bulk_create(
        [PegawaiPenugasan(penugasan=p, pegawai=o, usulan=False) for o in ditugaskan]
        + [PegawaiPenugasan(penugasan=p, pegawai=o, usulan=True) for o in usulan]
    )
    catat_riwayat(p, langkah=LANGKAH_AWAL, aksi=Aksi.AJUKAN, oleh=diri, pelaku=pelaku, sebagai=pemohon.sebagai)
    _saat_diajukan(p, pemohon, tanggal)
    if alur == Alur.A:
        _selesaikan(p, penandatangan=pemohon, tanggal=tanggal)
    _segarkan(p, tanggal)
    return p


def _saat_diajukan(p: Penugasan, pemohon: Pejabat, tanggal: dt.date) -> None:
    """The request letter and the copies Lampiran B.2 names at the request (B, C, E)."""
    if p.alur not in (Alur.B, Alur.C, Alur.E):
        return
    tujuan = kedudukan_simpul(p.unit_tujuan, tanggal)
    penerima = tujuan.ppk if p.alur == Alur.B else tujuan.pimpinan
    tembusan: list[tuple[Pejabat | None, str]] = []
    if p.alur == Alur.B:
        tembusan = [(kedudukan_pada(p.pemohon, tanggal).ppk, "Pejabat Penilai Kinerja pemohon")]
    elif p.alur == Alur.E:
        sendiri = kedudukan_pada(p.pemohon, tanggal)
        tembusan = [
            (sendiri.ppk, "Pejabat Penilai Kinerja pemohon"),
            (sendiri.pimpinan, "Pimpinan Unit Organisasi pemohon"),
        ]
    surat = surat_svc.surat_terbitkan(
        penugasan=p,
        jenis=JenisSurat.PERMOHONAN,
        penandatangan=pemohon,
        tanggal=tanggal,
        perihal="Permohonan Pelibatan Pejabat Fungsional/Pelaksana"
        if p.alur != Alur.E
        else "Permohonan untuk Dilibatkan dalam Pelaksanaan Kinerja",
        kepada=[penerima.pegawai] if penerima else [],
        isi=_isi_permohonan(p, tembusan),
    )
    tembuskan(p, tembusan, langkah=LANGKAH_AWAL, surat=surat, kecuali={p.pemohon_id})


def _isi_permohonan(p: Penugasan, tembusan) -> dict:
    usulan = [surat_svc.orang(o.pegawai) for o in p.orang.select_related("pegawai__jabatan") if o.usulan]
    return {
        "dasar": [DASAR_PERBUP],
        "maksud": p.maksud,
        "kompetensi": p.kompetensi,
        "target": p.target,
        "periode": {"mulai": p.mulai.isoformat(), "selesai": p.selesai.isoformat()},
        "unit_tujuan": p.unit_tujuan.nama,
        "usulan": usulan,
        "tembusan": _judul_tembusan(tembusan),
    }


DASAR_PERBUP = (
    "Peraturan Bupati Malang Nomor 132 Tahun 2023 tentang Sistem Kerja di Lingkungan Pemerintah "
    "Kabupaten Malang untuk Penyederhanaan Birokrasi"
)


def _judul_tembusan(tembusan: list[tuple[Pejabat | None, str]]) -> list[str]:
    return [surat_svc.jabatan_penandatangan(pj) or sebagai for pj, sebagai in tembusan if pj is not None]


# --- the steps ----------------------------------------------------------------------------------------


def _kunci(penugasan: Penugasan) -> Penugasan:
    return (
        Penugasan.objects.select_for_update(of=("self",))
        .select_related("pemohon__jabatan", "unit_pemohon__instansi", "unit_tujuan__instansi", "tim")
        .get(pk=penugasan.pk)
    )


def _pastikan_pelaku(p: Penugasan, diri: Pegawai, tanggal: dt.date) -> Pejabat:
    if not p.berjalan:
        raise TransisiTidakSah(f"Penugasan ini sudah {p.get_status_display().lower()}: tidak ada langkah lagi.")
    for pj in pelaku_langkah(p, tanggal):
        if pj.pegawai.pk == diri.pk:
            return pj
    raise BukanWewenang(f"Langkah {p.get_langkah_display()} bukan wewenang Anda.")


@transaction.atomic
def penugasan_lanjut(
    *, pelaku, penugasan: Penugasan, catatan: str = "", pegawai: Iterable[Pegawai] | None = None
) -> Penugasan:
    """The actor of the waiting step performs it (approve, dispose, answer, submit, issue).

    Nobody decides on their own assignment, and the flow ends only for staff who are not heads that day."""
    p = _kunci(penugasan)
    diri = diri_pelaku(pelaku)
    tanggal = hari_ini()
    pj = _pastikan_pelaku(p, diri, tanggal)
    galat: dict = {}
    catatan = teks_isian(galat, "catatan", catatan, wajib=False)
    if galat:
        raise ValidationError(galat)
    langkah, status_dari = p.langkah, p.status
    if (p.alur, langkah) in PERLU_PEGAWAI:
        staf = _staf_di_tujuan(
            p.unit_tujuan, _unik(pegawai or []), kecuali=[p.pemohon, diri], tanggal=tanggal, wajib=True
        )
        p.orang.filter(usulan=False).delete()
        PegawaiPenugasan.objects.bulk_create([PegawaiPenugasan(penugasan=p, pegawai=o) for o in staf])
    elif pegawai:
        raise ValidationError({"pegawai": "Langkah ini tidak memilih pegawai."})
    ditugaskan = list(Pegawai.objects.filter(penugasan__penugasan=p, penugasan__usulan=False))
    if pj.sebagai != Peran.PEMOHON and any(o.pk == diri.pk for o in ditugaskan):
        raise ValidationError({"pegawai": "Anda tidak dapat memutus penugasan Anda sendiri."})
    urutan = URUTAN_LANGKAH[p.alur]
    berikut = urutan[urutan.index(langkah) + 1] if urutan.index(langkah) + 1 < len(urutan) else ""
    p.langkah = berikut
    if not berikut:
        _bukan_pimpinan(ditugaskan, tanggal)
        _selesaikan(p, penandatangan=pj, tanggal=tanggal)
    else:
        p.save(update_fields=["langkah", "diubah"])
    catat_riwayat(
        p,
        langkah=langkah,
        aksi=Aksi.LANJUT,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pj.sebagai,
        status_dari=status_dari,
        catatan=catatan,
    )
    if p.alur == Alur.C and langkah == Langkah.JAWABAN:
        _surat_jawaban(p, pj, tanggal, alasan="")
    if p.alur == Alur.E and langkah == Langkah.PENERUSAN:
        tembuskan(
            p,
            [(kedudukan_pada(p.pemohon, tanggal).pimpinan, "Pimpinan Unit Organisasi pemohon")],
            langkah=Langkah.PENERUSAN,
            kecuali={p.pemohon_id},
        )
    _segarkan(p, tanggal)
    return p


def _surat_jawaban(p: Penugasan, pj: Pejabat, tanggal: dt.date, *, alasan: str):
    """The reply to the requester: the staff made available (C), or the reasons for refusing (B, C)."""
    daftar = (
        [
            surat_svc.orang(o)
            for o in Pegawai.objects.filter(penugasan__penugasan=p, penugasan__usulan=False)
            .select_related("jabatan")
            .order_by("nama")
        ]
        if not alasan
        else []
    )
    permohonan = p.surat.filter(jenis=JenisSurat.PERMOHONAN).order_by("id").first()
    return surat_svc.surat_terbitkan(
        penugasan=p,
        jenis=JenisSurat.JAWABAN,
        penandatangan=pj,
        tanggal=tanggal,
        kepada=[p.pemohon],
        perihal="Jawaban Permohonan Pelibatan Pejabat Fungsional/Pelaksana",
        isi={
            "dasar": [DASAR_PERBUP]
            + (
                [f"Surat permohonan pelibatan Nomor {permohonan.nomor} tanggal {tanggal_id(permohonan.tanggal)}"]
                if permohonan
                else []
            ),
            "disetujui": not alasan,
            "alasan": alasan,
            "daftar": daftar,
            "maksud": p.maksud,
            "periode": {"mulai": p.mulai.isoformat(), "selesai": p.selesai.isoformat()},
            "tembusan": [],
        },
    )


def _akhiri(p: Penugasan, status: str) -> None:
    p.status, p.langkah, p.berakhir = status, "", timezone.now()
    p.save(update_fields=["status", "langkah", "berakhir", "diubah"])


def _selesaikan(p: Penugasan, *, penandatangan: Pejabat, tanggal: dt.date) -> None:
    """The flow ends: the surat penugasan to the staff, with the copies the flow names; team membership."""
    _akhiri(p, Status.SELESAI)
    staf = list(
        Pegawai.objects.filter(penugasan__penugasan=p, penugasan__usulan=False)
        .select_related("jabatan")
        .order_by("nama")
    )
    tujuan = kedudukan_simpul(p.unit_tujuan, tanggal)
    tembusan: list[tuple[Pejabat | None, str]] = {
        Alur.B: [
            (Pejabat(p.pemohon, "pemohon", p.unit_pemohon), "Pemohon (unit pemilik kinerja)"),
            (kedudukan_pada(p.pemohon, tanggal).ppk, "Pejabat Penilai Kinerja pemohon"),
        ],
        Alur.C: [
            (tujuan.pimpinan, "Pimpinan Unit Organisasi tujuan"),
            (Pejabat(p.pemohon, "pemohon", p.unit_pemohon), "Pimpinan Unit Organisasi pemohon"),
        ],
        Alur.E: [
            (tujuan.pimpinan, "Pimpinan Unit Organisasi tujuan"),
            (kedudukan_pada(p.pemohon, tanggal).pimpinan, "Pimpinan Unit Organisasi pemohon"),
        ],
    }.get(p.alur, [])
    tembusan = [(pj, s) for pj, s in tembusan if pj is not None and pj.pegawai.pk != penandatangan.pegawai.pk]
    dasar = [DASAR_PERBUP] + [
        f"{s.get_jenis_display()} Nomor {s.nomor} tanggal {tanggal_id(s.tanggal)}"
        for s in p.surat.filter(status="berlaku").order_by("id")
    ]
    surat = surat_svc.surat_terbitkan(
        penugasan=p,
        jenis=JenisSurat.PENUGASAN,
        penandatangan=penandatangan,
        tanggal=tanggal,
        kepada=staf,
        perihal="Surat Penugasan",
        isi={
            "dasar": dasar,
            "untuk": [p.maksud, f"Ekspektasi/target kinerja: {p.target}"]
            + ([f"Sebagai anggota {p.tim.nama}"] if p.tim_id else []),
            "periode": {"mulai": p.mulai.isoformat(), "selesai": p.selesai.isoformat()},
            "unit_tujuan": p.unit_tujuan.nama,
            "tembusan": _judul_tembusan(tembusan),
        },
        # C: the letter then goes to the target Pimpinan (Lampiran B.2.a.3.d), to their letters received;
        # API.md's `tembusan` stays the copies of the request (B, E) only.
        disampaikan=[tujuan.pimpinan.pegawai] if p.alur == Alur.C and tujuan.pimpinan else [],
    )
    beri_tahu(
        [pj.pegawai for pj, _ in tembusan],
        f"Tembusan surat penugasan {surat.nomor}",
        f"Tembusan surat penugasan {surat.nomor}: {p.maksud[:200]}",
    )
    beri_tahu(staf, f"Surat penugasan {surat.nomor}", f"Anda menerima surat penugasan {surat.nomor}: {p.maksud[:200]}")
    if p.tim_id:
        TimKerja.objects.select_for_update().filter(pk=p.tim_id).first()  # members join one request at a time
        mulai = max(p.mulai, p.tim.mulai)
        for o in staf:
            if (
                o.pk != p.tim.ketua_id
                and not AnggotaTim.objects.filter(tim=p.tim, pegawai=o, selesai__isnull=True).exists()
            ):
                AnggotaTim.objects.create(tim=p.tim, pegawai=o, mulai=mulai, penugasan=p)
        izin_tim_selaraskan(p.tim)


@transaction.atomic
def penugasan_tolak(*, pelaku, penugasan: Penugasan, alasan: str) -> Penugasan:
    """The actor of the waiting step refuses, with reasons; in B and C the reply letter carries them."""
    p = _kunci(penugasan)
    diri = diri_pelaku(pelaku)
    tanggal = hari_ini()
    pj = _pastikan_pelaku(p, diri, tanggal)
    galat: dict = {}
    alasan = teks_isian(galat, "alasan", alasan, wajib=False)
    if galat:
        raise ValidationError(galat)
    if sum(not tak_terlihat(c) for c in alasan) < PANJANG_MINIMAL_ALASAN:
        raise ValidationError({"alasan": f"Tuliskan alasan penolakan (sedikitnya {PANJANG_MINIMAL_ALASAN} huruf)."})
    langkah, status_dari = p.langkah, p.status
    _akhiri(p, Status.DITOLAK)
    catat_riwayat(
        p,
        langkah=langkah,
        aksi=Aksi.TOLAK,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pj.sebagai,
        status_dari=status_dari,
        catatan=alasan,
    )
    if p.alur == Alur.B or (p.alur == Alur.C and langkah in LANGKAH_PIHAK_TUJUAN_C):
        _surat_jawaban(p, pj, tanggal, alasan=alasan)
    beri_tahu([p.pemohon], f"Penugasan #{p.pk} ditolak", f"{pj.pegawai.nama} menolak permohonan Anda: {alasan}")
    _segarkan(p, tanggal)
    return p


@transaction.atomic
def penugasan_tarik(*, pelaku, penugasan: Penugasan, alasan: str = "") -> Penugasan:
    """The requester withdraws a request before it is decided."""
    p = _kunci(penugasan)
    diri = diri_pelaku(pelaku)
    if p.pemohon_id != diri.pk:
        raise BukanWewenang("Hanya pemohon yang dapat menarik permohonan ini.")
    if not p.berjalan:
        raise TransisiTidakSah(f"Penugasan ini sudah {p.get_status_display().lower()}: tidak dapat ditarik.")
    galat: dict = {}
    alasan = teks_isian(galat, "alasan", alasan, wajib=False)
    if galat:
        raise ValidationError(galat)
    langkah, status_dari = p.langkah, p.status
    _akhiri(p, Status.DITARIK)
    catat_riwayat(
        p,
        langkah=langkah,
        aksi=Aksi.TARIK,
        oleh=diri,
        pelaku=pelaku,
        sebagai=Peran.PEMOHON,
        status_dari=status_dari,
        catatan=alasan,
    )
    _segarkan(p, hari_ini())
    return p


def penugasan_kedaluwarsakan(*, tanggal: dt.date | None = None) -> int:
    """Requests left undecided past their deadline expire (a Celery beat job). Idempotent."""
    tanggal = tanggal or hari_ini()
    n = 0
    for pk in Penugasan.objects.filter(status=Status.BERJALAN, batas_keputusan__lt=tanggal).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            p = _kunci(Penugasan(pk=pk))
            if not p.berjalan or p.batas_keputusan is None or p.batas_keputusan >= tanggal:
                continue
            langkah = p.langkah
            _akhiri(p, Status.KEDALUWARSA)
            catat_riwayat(
                p,
                langkah=langkah,
                aksi=Aksi.KEDALUWARSA,
                oleh=None,
                status_dari=Status.BERJALAN,
                catatan=f"Belum diputus sampai batas {tanggal_id(p.batas_keputusan)}.",
            )
            beri_tahu(
                [p.pemohon],
                f"Penugasan #{p.pk} kedaluwarsa",
                f"Permohonan Anda belum diputus sampai {tanggal_id(p.batas_keputusan)} dan kedaluwarsa.",
            )
            _segarkan(p, tanggal)
            n += 1
    return n


def _segarkan(p: Penugasan, tanggal: dt.date) -> None:
    """Who acts now (kept on the row for inboxes and lists) and everyone's object permissions."""
    pelaku = pelaku_langkah(p, tanggal)
    nip = [pj.pegawai.nip for pj in pelaku]
    if nip != p.pelaku_nip:
        p.pelaku_nip = nip
        Penugasan.objects.filter(pk=p.pk).update(pelaku_nip=nip)
        if pelaku and p.langkah:
            beri_tahu(
                [pj.pegawai for pj in pelaku],
                f"Penugasan #{p.pk} menunggu Anda",
                f"Langkah {p.get_langkah_display()} menunggu keputusan Anda: {p.maksud[:200]}",
            )
    izin_penugasan_selaraskan(p, [pj.pegawai.pk for pj in pelaku])


def pelaku_sinkronkan(*, tanggal: dt.date | None = None) -> int:
    """Re-resolve who acts on every running request (after role changes, and daily as dates roll)."""
    tanggal = tanggal or hari_ini()
    n = 0
    for pk in Penugasan.objects.filter(status=Status.BERJALAN).values_list("pk", flat=True):
        with transaction.atomic():
            p = _kunci(Penugasan(pk=pk))
            # only the actors can have changed here: the rest of the grants follow the request's own steps
            if p.berjalan and [pj.pegawai.nip for pj in pelaku_langkah(p, tanggal)] != p.pelaku_nip:
                _segarkan(p, tanggal)
                n += 1
    return n


def catat_surat_dicabut(*, surat, pelaku) -> None:
    """A revoked letter leaves a line in its request's history."""
    p = surat.penugasan
    catat_riwayat(
        p,
        langkah=f"surat_{surat.jenis}",
        aksi=Aksi.CABUT_SURAT,
        oleh=pegawai_dari_user(pelaku),
        pelaku=pelaku,
        status_dari=p.status,
        catatan=f"Surat {surat.nomor} dicabut: {surat.alasan_cabut}",
    )
