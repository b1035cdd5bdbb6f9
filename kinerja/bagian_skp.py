"""What the appraisal adds to the shared pages (registered in apps.py): a home card of what waits for the
reader, and the SKPs on a person's page for those who may read them (the person, PPK, atasan PPK, Bagian
Organisasi; nothing for a colleague)."""

from django.db.models import F, Func, Subquery
from django.db.models.functions import Coalesce

from organisasi.models import Pegawai
from organisasi.permissions import pegawai_dari_user

from .choices import StatusEvaluasi, StatusKeberatan, StatusSkp
from .models import Evaluasi, Keberatan, Skp, TandaTangan


def _jumlah(qs) -> Coalesce:
    """COUNT(*) of a queryset as a scalar subquery (no GROUP BY)."""
    return Coalesce(Subquery(qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]), 0)


def kartu_skp(request, **objek):
    """The home card (None: no staff record, or nothing waits): one query for the five counts."""
    diri = pegawai_dari_user(request.user)
    if diri is None:
        return None
    hitung = (
        Pegawai.objects.filter(pk=diri.pk)
        .values(
            setuju=_jumlah(Skp.objects.filter(ppk=diri, status=StatusSkp.DIAJUKAN)),
            dikembalikan=_jumlah(Skp.objects.filter(pegawai=diri, status=StatusSkp.DIKEMBALIKAN)),
            tetapkan=_jumlah(Evaluasi.objects.filter(skp__ppk=diri, status=StatusEvaluasi.DINILAI)),
            keberatan=_jumlah(
                Keberatan.objects.filter(status=StatusKeberatan.DIAJUKAN, evaluasi__skp__atasan_ppk=diri)
            ),
            tanda_tangan=_jumlah(TandaTangan.objects.filter(pegawai=diri, waktu__isnull=True, dokumen__berlaku=True)),
        )
        .first()
    )
    if not hitung or not any(hitung.values()):
        return None
    return {"skp": hitung}


def bagian_profil_skp(request, *, pegawai, **objek):
    """A person's SKPs the reader may read (None: none)."""
    daftar = list(Skp.objects.restrict(request.user).filter(pegawai=pegawai).order_by("-tahun", "-mulai")[:10])
    return {"skp_pegawai": daftar} if daftar else None
