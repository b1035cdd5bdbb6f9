"""What the appraisal adds to the shared pages (registered in apps.py): a home card of what waits for the
reader, and the SKPs on a person's page for those who may read them (the person, PPK, atasan PPK, Bagian
Organisasi; nothing for a colleague)."""

from django.db.models import Count, Q

from organisasi.permissions import pegawai_dari_user

from .choices import StatusEvaluasi, StatusKeberatan, StatusSkp
from .models import Evaluasi, Keberatan, Skp, TandaTangan


def kartu_skp(request, **objek):
    """The home card (None: no staff record, or nothing waits)."""
    diri = pegawai_dari_user(request.user)
    if diri is None:
        return None
    setuju, dikembalikan = Q(ppk=diri, status=StatusSkp.DIAJUKAN), Q(pegawai=diri, status=StatusSkp.DIKEMBALIKAN)
    hitung = Skp.objects.filter(setuju | dikembalikan).aggregate(
        setuju=Count("pk", filter=setuju), dikembalikan=Count("pk", filter=dikembalikan)
    )
    hitung |= {
        "tetapkan": Evaluasi.objects.filter(skp__ppk=diri, status=StatusEvaluasi.DINILAI).count(),
        "keberatan": Keberatan.objects.filter(status=StatusKeberatan.DIAJUKAN, evaluasi__skp__atasan_ppk=diri).count(),
        "tanda_tangan": TandaTangan.objects.filter(pegawai=diri, waktu__isnull=True, dokumen__berlaku=True).count(),
    }
    if not any(hitung.values()):
        return None
    return {"skp": hitung}


def bagian_profil_skp(request, *, pegawai, **objek):
    """A person's SKPs the reader may read (None: none)."""
    daftar = list(Skp.objects.restrict(request.user).filter(pegawai=pegawai).order_by("-tahun", "-mulai")[:10])
    return {"skp_pegawai": daftar} if daftar else None
