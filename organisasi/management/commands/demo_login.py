"""`python manage.py demo_login`: the demo logins as a small table (`make run` shows it before serving)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from organisasi import demo
from organisasi.models import Instansi, Pegawai, TokenApi
from organisasi.nip import tampilkan
from organisasi.selectors import hari_ini
from organisasi.services.akses import kunci_cocok


def baris_login() -> list[tuple[str, str, str, str, str]]:
    """(peran, NIP grouped, NIP bare, nama, what to try) for every demo login present in the database."""
    logins = demo.login_demo(demo.data_demo(hari_ini=hari_ini()))
    nama = dict(Pegawai.objects.filter(nip__in=[x.nip for x in logins]).values_list("nip", "nama"))
    baris = [(x.peran, tampilkan(x.nip), x.nip, nama[x.nip], x.coba) for x in logins if x.nip in nama]
    admin = get_user_model().objects.filter(username=demo.USERNAME_SUPERUSER, is_superuser=True).first()
    if admin is not None and admin.check_password(demo.SANDI_DEMO):
        baris.append(("Superuser (semua data, pengguna, token)", demo.USERNAME_SUPERUSER, "", "", "/admin/"))
    return baris


class Command(BaseCommand):
    help = "Menampilkan login demo (peran, NIP, nama, sandi, apa yang dicoba)."

    def handle(self, *args, **options):
        try:
            ada = Instansi.objects.filter(kode=demo.KODE_INSTANSI).exists()
        except DatabaseError:  # not migrated yet
            ada = False
        if not ada:
            self.stdout.write("Data demo belum dimuat: jalankan `python manage.py muat_demo` (atau `make run`).")
            return
        judul = ("Peran", "NIP", "NIP tanpa spasi", "Nama", "Coba")
        baris = baris_login()
        lebar = [max(len(str(b[i])) for b in [judul, *baris]) for i in range(len(judul))]
        garis = "+".join("-" * (w + 2) for w in lebar)
        self.stdout.write(f"\nLogin demo Sistem Kerja - sandi untuk semua: {demo.SANDI_DEMO}")
        self.stdout.write(garis)
        for b in [judul, None, *baris]:
            self.stdout.write(
                garis if b is None else " | ".join(str(s).ljust(w) for s, w in zip(b, lebar, strict=True))
            )
        self.stdout.write(garis)
        situs = settings.SITUS_URL.rstrip("/")
        kunci = demo.KUNCI_TOKEN_DEMO
        token = TokenApi.objects.filter(user__username=demo.USERNAME_KLIEN_API, awalan=kunci[:10]).first()
        if token is not None and kunci_cocok(token, kunci) and token.dicabut is None:
            self.stdout.write(
                f"Klien API ({demo.USERNAME_KLIEN_API}, grup Klien API): "
                f"curl -H 'Authorization: Token {kunci}' "
                f"{situs}/api/v1/unit/{demo.KODE_INSTANSI}/pohon/"
            )
        self.stdout.write(f"\nBuka {situs}/ di peramban. Port lain: make run PORT=8080.\n")
