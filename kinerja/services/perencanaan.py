"""Perencanaan (Lampiran A.1, D): the PK drafted and set by the Pimpinan Unit Organisasi, its targets
handed down to the units directly below, the owner's strategy.

Who may act is resolved live on the day: the head of the unit (definitive, Plt/Plh, or the head above
a vacancy). 403 for anyone else, 409 when the state does not allow it, 400 (by field) for bad input.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from organisasi.choices import JenisUnit
from organisasi.models import Unit
from organisasi.selectors import hari_ini
from sistemkerja.errors import TransisiTidakSah
from sistemkerja.masukan import teks_isian

from .. import selectors
from ..choices import Aksi, Cara, StatusPK
from ..models import Indikator, PerjanjianKinerja, Sasaran, Target
from ._dasar import angka, catat, daftar, diri_pelaku, gagal_bila, harus, kunci

MAKS_SASARAN = 50
MAKS_INDIKATOR = 30


def _tahun(galat: dict, tahun) -> int:
    if isinstance(tahun, bool) or not isinstance(tahun, int):
        galat["tahun"] = ["Tahun harus bilangan bulat, mis. 2027."]
        return 0
    sekarang = hari_ini().year
    if not sekarang - 1 <= tahun <= sekarang + 1:
        galat["tahun"] = [f"Perjanjian kinerja disusun untuk tahun {sekarang - 1} sampai {sekarang + 1}."]
    return tahun


def _sasaran_bersih(galat: dict, sasaran) -> list[dict]:
    """`[{uraian, indikator: [{uraian, satuan, target}]}]` checked, errors named by path."""
    hasil = []
    for i, s in enumerate(daftar(galat, "sasaran", sasaran, maks=MAKS_SASARAN)):
        awal = f"sasaran[{i}]"
        if not isinstance(s, dict):
            galat[awal] = ["Setiap sasaran berisi uraian dan indikator."]
            continue
        uraian = teks_isian(galat, f"{awal}.uraian", s.get("uraian"))
        indikator = []
        for j, ind in enumerate(daftar(galat, f"{awal}.indikator", s.get("indikator"), maks=MAKS_INDIKATOR)):
            a = f"{awal}.indikator[{j}]"
            if not isinstance(ind, dict):
                galat[a] = ["Setiap indikator berisi uraian, satuan dan target."]
                continue
            indikator.append(
                {
                    "uraian": teks_isian(galat, f"{a}.uraian", ind.get("uraian")),
                    "satuan": teks_isian(galat, f"{a}.satuan", ind.get("satuan"), jenis="pendek")[:60],
                    "target": angka(galat, f"{a}.target", ind.get("target")),
                }
            )
            if len(ind.get("satuan") or "") > 60:
                galat[f"{a}.satuan"] = ["Paling banyak 60 karakter."]
        hasil.append({"uraian": uraian, "indikator": indikator})
    return hasil


def _tulis_sasaran(pk: PerjanjianKinerja, sasaran: list[dict]) -> None:
    for i, s in enumerate(sasaran, 1):
        obj = Sasaran.objects.create(perjanjian=pk, urutan=i, uraian=s["uraian"])
        Indikator.objects.bulk_create(
            [Indikator(sasaran=obj, urutan=j, **ind) for j, ind in enumerate(s["indikator"], 1)]
        )


def pimpinan_unit_organisasi(unit: Unit, diri) -> None:
    """Only the head of a Unit Organisasi (on the day) drafts and sets its PK."""
    if not unit.adalah_unit_organisasi or unit.jenis == JenisUnit.INSTANSI:
        raise ValidationError(
            {"unit": [f"{unit.nama} bukan Unit Organisasi: perjanjian kinerja disusun di Unit Organisasi."]}
        )
    harus(selectors.pemimpin(unit), diri, f"Perjanjian kinerja {unit.nama} disusun oleh pimpinannya.")


@transaction.atomic
def perjanjian_susun(*, pelaku, unit: Unit, tahun, sasaran) -> PerjanjianKinerja:
    """The Pimpinan Unit Organisasi drafts the year's PK. 409 while one is in force or a draft exists."""
    diri = diri_pelaku(pelaku)
    galat: dict = {}
    tahun = _tahun(galat, tahun)
    bersih = _sasaran_bersih(galat, sasaran)
    if "unit" not in galat:
        try:
            pimpinan_unit_organisasi(unit, diri)
        except ValidationError as e:
            galat.update(e.message_dict)
    gagal_bila(galat)
    Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one draft per unit at a time
    ada = PerjanjianKinerja.objects.filter(unit=unit, tahun=tahun, status__in=[StatusPK.DITETAPKAN, StatusPK.DRAF])
    if berlaku := ada.first():
        if berlaku.status == StatusPK.DITETAPKAN:
            raise TransisiTidakSah(
                f"{unit.nama} sudah memiliki perjanjian kinerja {tahun} yang berlaku; ubah dengan perubahan PK."
            )
        raise TransisiTidakSah(f"Draf perjanjian kinerja {unit.nama} {tahun} sudah ada (#{berlaku.pk}).")
    versi = (
        PerjanjianKinerja.objects.filter(unit=unit, tahun=tahun)
        .order_by("-versi")
        .values_list("versi", flat=True)
        .first()
        or 0
    ) + 1
    pk = PerjanjianKinerja.objects.create(unit=unit, tahun=tahun, versi=versi, disusun_oleh=diri)
    _tulis_sasaran(pk, bersih)
    catat(Aksi.PK_SUSUN, oleh=diri, pelaku=pelaku, perjanjian=pk, status_ke=pk.status)
    return pk


@transaction.atomic
def perjanjian_ubah(*, pelaku, perjanjian: PerjanjianKinerja, sasaran, alasan) -> PerjanjianKinerja:
    """A perubahan PK: a new draft version of a PK in force, with its reason; set, it replaces the old."""
    diri = diri_pelaku(pelaku)
    lama = kunci(PerjanjianKinerja, perjanjian.pk)
    harus(selectors.pemimpin(lama.unit), diri, f"Perjanjian kinerja {lama.unit.nama} diubah oleh pimpinannya.")
    if lama.status != StatusPK.DITETAPKAN:
        raise TransisiTidakSah("Hanya perjanjian kinerja yang berlaku yang dapat diubah.")
    if PerjanjianKinerja.objects.filter(unit=lama.unit, tahun=lama.tahun, status=StatusPK.DRAF).exists():
        raise TransisiTidakSah("Perubahan perjanjian kinerja ini sudah ada sebagai draf.")
    galat: dict = {}
    alasan = teks_isian(galat, "alasan", alasan)
    bersih = _sasaran_bersih(galat, sasaran)
    gagal_bila(galat)
    baru = PerjanjianKinerja.objects.create(
        unit=lama.unit,
        tahun=lama.tahun,
        versi=lama.versi + 1,
        menggantikan=lama,
        alasan_perubahan=alasan,
        disusun_oleh=diri,
    )
    _tulis_sasaran(baru, bersih)
    catat(Aksi.PK_UBAH, oleh=diri, pelaku=pelaku, perjanjian=baru, status_ke=baru.status, catatan=alasan)
    return baru


@transaction.atomic
def perjanjian_tetapkan(*, pelaku, perjanjian: PerjanjianKinerja) -> PerjanjianKinerja:
    """The Pimpinan sets the draft: its indikator become targets owned by the unit. A perubahan replaces
    the PK in force; targets of the same indikator (uraian and satuan) carry over with their cascade and
    results, the others stop."""
    diri = diri_pelaku(pelaku)
    pk = kunci(PerjanjianKinerja, perjanjian.pk)
    harus(selectors.pemimpin(pk.unit), diri, f"Perjanjian kinerja {pk.unit.nama} ditetapkan oleh pimpinannya.")
    if pk.status != StatusPK.DRAF:
        raise TransisiTidakSah(f"Perjanjian kinerja ini sudah {pk.get_status_display().lower()}.")
    lama = None
    if pk.menggantikan_id:
        lama = kunci(PerjanjianKinerja, pk.menggantikan_id)
        if lama.status != StatusPK.DITETAPKAN:
            raise TransisiTidakSah("Perjanjian kinerja yang diubah sudah tidak berlaku.")
        lama.status = StatusPK.DIGANTI
        lama.save(update_fields=["status", "diubah"])
        catat(
            Aksi.PK_GANTI,
            oleh=diri,
            pelaku=pelaku,
            perjanjian=lama,
            status_dari=StatusPK.DITETAPKAN,
            status_ke=lama.status,
        )
    elif PerjanjianKinerja.objects.filter(unit=pk.unit, tahun=pk.tahun, status=StatusPK.DITETAPKAN).exists():
        raise TransisiTidakSah(f"{pk.unit.nama} sudah memiliki perjanjian kinerja {pk.tahun} yang berlaku.")
    pk.status = StatusPK.DITETAPKAN
    pk.ditetapkan_oleh = diri
    pk.ditetapkan = timezone.now()
    pk.save(update_fields=["status", "ditetapkan_oleh", "ditetapkan", "diubah"])
    akar_lama = {}
    if lama is not None:
        for t in Target.objects.filter(perjanjian=lama, induk__isnull=True, aktif=True):
            akar_lama[(t.uraian, t.satuan)] = t
    for ind in Indikator.objects.filter(sasaran__perjanjian=pk).order_by("sasaran__urutan", "urutan"):
        t = akar_lama.pop((ind.uraian, ind.satuan), None)
        if t is not None:
            t.indikator, t.perjanjian, t.target = ind, pk, ind.target
            t.save(update_fields=["indikator", "perjanjian", "target", "diubah"])
            Target.objects.filter(pk__in=_keturunan(t)).update(perjanjian=pk)
        else:
            Target.objects.create(
                perjanjian=pk,
                indikator=ind,
                unit=pk.unit,
                tahun=pk.tahun,
                uraian=ind.uraian,
                satuan=ind.satuan,
                target=ind.target,
                dibuat_oleh=diri,
            )
    for t in akar_lama.values():
        henti = [t.pk, *_keturunan(t)]
        Target.objects.filter(pk__in=henti).update(aktif=False)
        catat(Aksi.TARGET_HENTIKAN, oleh=diri, pelaku=pelaku, target=t, catatan=f"Tidak ada dalam PK versi {pk.versi}.")
    catat(Aksi.PK_TETAPKAN, oleh=diri, pelaku=pelaku, perjanjian=pk, status_dari=StatusPK.DRAF, status_ke=pk.status)
    return pk


def _keturunan(t: Target) -> list[int]:
    hasil, antre = [], [t.pk]
    while antre:
        anak = list(Target.objects.filter(induk_id__in=antre).values_list("pk", flat=True))
        hasil += anak
        antre = anak
    return hasil


def _target_berlaku(t: Target) -> None:
    if not t.aktif or t.perjanjian.status != StatusPK.DITETAPKAN:
        raise TransisiTidakSah("Target ini tidak berlaku lagi (perjanjian kinerjanya sudah diubah).")


@transaction.atomic
def target_turunkan(*, pelaku, target: Target, unit: Unit, uraian, satuan, target_nilai) -> Target:
    """The head of the target's unit hands a part down to a unit directly below it within the Unit
    Organisasi (Setda: Sekda → Asisten → Kepala Bagian; elsewhere level I → level II)."""
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    _target_berlaku(t)
    harus(selectors.pemimpin(t.unit), diri, f"Target {t.unit.nama} diturunkan oleh pimpinannya.")
    galat: dict = {}
    if unit.induk_id != t.unit_id or not unit.aktif:
        galat["unit"] = [f"{unit.nama} tidak berada langsung di bawah {t.unit.nama}."]
    elif unit.adalah_unit_organisasi:
        galat["unit"] = [f"{unit.nama} adalah Unit Organisasi tersendiri dengan perjanjian kinerjanya sendiri."]
    uraian = teks_isian(galat, "uraian", uraian)
    satuan = teks_isian(galat, "satuan", satuan, jenis="pendek")
    if len(satuan) > 60:
        galat["satuan"] = ["Paling banyak 60 karakter."]
    nilai = angka(galat, "target", target_nilai)
    gagal_bila(galat)
    anak = Target.objects.create(
        perjanjian=t.perjanjian,
        induk=t,
        unit=unit,
        tahun=t.tahun,
        uraian=uraian,
        satuan=satuan,
        target=nilai,
        dibuat_oleh=diri,
    )
    catat(Aksi.TARGET_TURUNKAN, oleh=diri, pelaku=pelaku, target=anak, catatan=f"Dari target #{t.pk} {t.unit.nama}.")
    return anak


@transaction.atomic
def target_strategi(*, pelaku, target: Target, cara, tim=None, lintas_unit=False, perlu_ketua=False) -> Target:
    """The owner records how the target is carried out (Lampiran A.1.b): individually or by a team,
    whether staff from other units are needed (then a penugasan flow B or C is to be started), whether
    a ketua is needed."""
    diri = diri_pelaku(pelaku)
    t = kunci(Target, target.pk)
    _target_berlaku(t)
    pj = harus(selectors.pemimpin(t.unit), diri, f"Strategi target {t.unit.nama} dirumuskan oleh pimpinannya.")
    galat: dict = {}
    if cara not in Cara.values:
        galat["cara"] = ["Pilih individu atau tim."]
    if cara == Cara.TIM and tim is None:
        galat["tim"] = ["Sebutkan tim kerja yang melaksanakan."]
    if cara == Cara.INDIVIDU and tim is not None:
        galat["tim"] = ["Pelaksanaan individu tidak memakai tim."]
    if tim is not None and not (
        tim.unit_pemilik.path.startswith(t.unit.path) or t.unit.path.startswith(tim.unit_pemilik.path)
    ):
        galat["tim"] = [f"Tim {tim.nama} milik unit lain, bukan {t.unit.nama}."]
    for kolom, nilai in (("lintas_unit", lintas_unit), ("perlu_ketua", perlu_ketua)):
        if not isinstance(nilai, bool):
            galat[kolom] = ["Harus true atau false."]
    gagal_bila(galat)
    sebelum = t.cara
    t.cara, t.tim, t.lintas_unit, t.perlu_ketua = cara, tim, lintas_unit, perlu_ketua
    t.strategi_oleh, t.strategi_pada = diri, timezone.now()
    t.save(update_fields=["cara", "tim", "lintas_unit", "perlu_ketua", "strategi_oleh", "strategi_pada", "diubah"])
    catat(
        Aksi.TARGET_STRATEGI,
        oleh=diri,
        pelaku=pelaku,
        sebagai=pj.sebagai,
        target=t,
        status_dari=sebelum,
        status_ke=cara,
        catatan=("lintas unit; " if lintas_unit else "") + ("perlu ketua" if perlu_ketua else ""),
    )
    return t


RUJUKAN = "kinerja.target:{}"


def usulan_penugasan(t: Target) -> dict:
    """What a cross-unit need opens in penugasan (flow B within the Perangkat Daerah, C across), prefilled."""
    tahun = t.tahun
    return {
        "alur": ["B", "C"],
        "keterangan": "B bila pegawai yang dibutuhkan berada di unit lain dalam Perangkat Daerah yang sama, "
        "C bila di Perangkat Daerah lain.",
        "maksud": f"Pelibatan pegawai untuk mencapai target: {t.uraian}",
        "target": f"{t.target.normalize():f} {t.satuan}",
        "tim": t.tim_id,
        "mulai": max(hari_ini(), timezone.datetime(tahun, 1, 1).date()).isoformat(),
        "selesai": f"{tahun}-12-31",
        "rujukan": RUJUKAN.format(t.pk),
    }


def penugasan_terkait(t: Target):
    from penugasan.selectors import penugasan_dengan_rujukan

    return penugasan_dengan_rujukan(RUJUKAN.format(t.pk))
