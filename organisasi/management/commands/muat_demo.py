"""`python manage.py muat_demo`: load the demo Pemerintah Kabupaten Malang once (`make run` calls it).

The structure and staff go through the structure import (`pertukaran.impor`), as any
import file would; then the role groups and a handful of demo logins sharing one
password. A second run finds the instansi and changes nothing.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisasi import demo, pertukaran, services
from organisasi.models import Instansi
from organisasi.permissions import GRUP_ADMIN_ORGANISASI, GRUP_KLIEN_API, pastikan_grup_peran
from organisasi.selectors import hari_ini
from sistemkerja import registry


def akun_demo_siapkan(data: dict) -> None:
    """Give the demo logins the shared password; add a superuser and an API client with a token."""
    User = get_user_model()
    sandi = make_password(demo.SANDI_DEMO)  # hashed once: the default hasher is slow on purpose
    admin_org = Group.objects.get(name=GRUP_ADMIN_ORGANISASI)
    for login in demo.login_demo(data):
        akun = User.objects.get(username=login.nip)
        akun.password = sandi
        akun.is_staff = login.admin_organisasi
        akun.save(update_fields=["password", "is_staff"])
        if login.admin_organisasi:
            akun.groups.add(admin_org)
    # An existing account of the same name is left as it is.
    User.objects.get_or_create(
        username=demo.USERNAME_SUPERUSER,
        defaults={"password": sandi, "is_staff": True, "is_superuser": True, "first_name": "Administrator demo"},
    )
    klien, baru = User.objects.get_or_create(
        username=demo.USERNAME_KLIEN_API, defaults={"password": sandi, "first_name": "Aplikasi SPBE demo"}
    )
    if baru:
        klien.groups.add(Group.objects.get(name=GRUP_KLIEN_API))
        services.token_buat(
            pelaku=None,
            user=klien,
            nama="Aplikasi SPBE demo",
            cakupan=[k for k, _ in registry.daftar_cakupan()],
            kunci=demo.KUNCI_TOKEN_DEMO,
        )


class Command(BaseCommand):
    help = "Memuat data demo Pemerintah Kabupaten Malang (sekali; menjalankan ulang tidak mengubah apa pun)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--paksa",
            action="store_true",
            help=("Muat juga bila DEBUG mati (server uji). Sandi demo dikenal umum: bukan untuk produksi."),
        )

    def handle(self, *args, paksa: bool = False, **options):
        if not settings.DEBUG and not paksa:
            raise CommandError(
                "DEBUG mati: data demo dengan sandi yang dikenal umum tidak dimuat. "
                "Tambahkan --paksa bila ini memang server uji."
            )
        if Instansi.objects.filter(kode=demo.KODE_INSTANSI).exists():
            self.stdout.write(f"Data demo sudah dimuat (instansi {demo.KODE_INSTANSI}); tidak ada yang diubah.")
            return
        mulai = time.monotonic()
        data = demo.data_demo(hari_ini=hari_ini())
        with transaction.atomic():
            pertukaran.impor(data, pelaku=None)
            demo.naskah_demo_pasang()
            pastikan_grup_peran()
            akun_demo_siapkan(data)
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo Pemerintah Kabupaten Malang dimuat dalam {time.monotonic() - mulai:.1f} detik: "
                f"{len(data['unit'])} unit, {len(data['pegawai'])} pegawai, {len(data['plt'])} Plt/Plh, "
                f"{len(data['delegasi'])} pendelegasian. Lihat login demo: python manage.py demo_login"
            )
        )
