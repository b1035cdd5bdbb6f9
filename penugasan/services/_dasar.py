"""Shared by the flow services: the actor, the history row, copies, notices and object permissions."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from guardian.models import UserObjectPermission

from organisasi.models import Pegawai
from organisasi.permissions import diri_pelaku  # noqa: F401  (the services take it from here)
from organisasi.selectors import Pejabat
from organisasi.services import akun_pelaku

from ..models import Penugasan, RiwayatPenugasan, Tembusan, TimKerja


def catat_riwayat(
    p: Penugasan,
    *,
    langkah: str,
    aksi: str,
    oleh: Pegawai | None,
    pelaku=None,
    sebagai: str = "",
    status_dari: str = "",
    catatan: str = "",
) -> RiwayatPenugasan:
    return RiwayatPenugasan.objects.create(
        penugasan=p,
        langkah=langkah,
        aksi=aksi,
        oleh=oleh,
        akun=akun_pelaku(pelaku),
        sebagai=sebagai,
        status_dari=status_dari,
        status_ke=p.status,
        langkah_ke=p.langkah,
        catatan=catatan,
    )


def tembuskan(
    p: Penugasan,
    pejabat: list[tuple[Pejabat | None, str]],
    *,
    langkah: str,
    surat=None,
    kecuali: set[int] = frozenset(),
) -> list[Tembusan]:
    """Deliver copies to the inboxes of the officials named (each once per step), with what they are."""
    dikirim, sudah = [], set(kecuali)
    for pj, sebagai in pejabat:
        if pj is None or pj.pegawai.pk in sudah:
            continue
        sudah.add(pj.pegawai.pk)
        t, _ = Tembusan.objects.get_or_create(
            penugasan=p, pegawai=pj.pegawai, langkah=langkah, defaults={"sebagai": sebagai, "surat": surat}
        )
        dikirim.append(t)
    if dikirim:
        beri_tahu(
            [t.pegawai for t in dikirim],
            f"Tembusan penugasan #{p.pk}",
            f"Anda menerima tembusan penugasan #{p.pk} ({p.get_alur_display()}): {p.maksud[:200]}",
        )
    return dikirim


def beri_tahu(penerima: list[Pegawai], subjek: str, pesan: str) -> None:
    """An email to each person with an address, sent by a task once the transaction commits."""
    from ..tasks import kirim_surel

    alamat = sorted({p.email for p in penerima if p.email})
    if alamat:
        transaction.on_commit(lambda: kirim_surel.delay(alamat, subjek, pesan), robust=True)


def _selaraskan(obj, codename: str, user_ids: set[int]) -> None:
    """Make exactly these users hold `codename` on obj (guardian object permissions)."""
    ct = ContentType.objects.get_for_model(obj)
    izin = Permission.objects.get(content_type=ct, codename=codename)
    baris = UserObjectPermission.objects.filter(permission=izin, content_type=ct, object_pk=str(obj.pk))
    ada = set(baris.values_list("user_id", flat=True))
    if hapus := ada - user_ids:
        baris.filter(user_id__in=hapus).delete()
    if baru := user_ids - ada:
        UserObjectPermission.objects.bulk_create(
            [
                UserObjectPermission(permission=izin, content_type=ct, object_pk=str(obj.pk), user_id=u)
                for u in sorted(baru)
            ],
            ignore_conflicts=True,
        )  # granted meanwhile by another transaction


def _akun(pegawai_ids) -> set[int]:
    return set(
        Pegawai.objects.filter(pk__in=set(pegawai_ids), akun__isnull=False, aktif=True).values_list(
            "akun_id", flat=True
        )
    )


def izin_penugasan_selaraskan(p: Penugasan, pelaku_ids: list[int]) -> None:
    """Who may see, act on and withdraw a request, as guardian grants, from its current state.

    See: the requester, the people named, the copies' recipients, everyone who acted and who acts
    now. Act: those who perform the waiting step today. Withdraw: the requester while it runs.
    """
    terlibat = {
        p.pemohon_id,
        *pelaku_ids,
        *p.orang.values_list("pegawai_id", flat=True),
        *p.tembusan.values_list("pegawai_id", flat=True),
        *p.riwayat.exclude(oleh=None).values_list("oleh_id", flat=True),
    }
    _selaraskan(p, "view_penugasan", _akun(terlibat))
    _selaraskan(p, "putuskan_penugasan", _akun(pelaku_ids) if p.berjalan else set())
    _selaraskan(p, "tarik_penugasan", _akun([p.pemohon_id]) if p.berjalan else set())


def izin_tim_selaraskan(tim: TimKerja) -> None:
    """See a team: its ketua, members and who formed it; manage it: the ketua and who formed it."""
    anggota = set(tim.anggota.filter(selesai__isnull=True).values_list("pegawai_id", flat=True))
    kelola = _akun([tim.ketua_id])
    if tim.dibuat_oleh_id and tim.dibuat_oleh.is_active:
        kelola.add(tim.dibuat_oleh_id)
    _selaraskan(tim, "view_timkerja", kelola | _akun(anggota))
    _selaraskan(tim, "kelola_timkerja", kelola)
