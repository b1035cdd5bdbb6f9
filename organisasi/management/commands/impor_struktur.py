"""`python manage.py impor_struktur FILE [--dry-run]`: load a structure file (API.md exchange format)."""

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from organisasi import pertukaran


class Command(BaseCommand):
    help = "Impor struktur organisasi dari berkas JSON (format pertukaran struktur, API.md)."

    def add_arguments(self, parser):
        parser.add_argument("berkas", metavar="FILE", help="Berkas JSON; '-' untuk stdin.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa dan tampilkan ringkasan tanpa menyimpan apa pun."
        )

    def handle(self, *args, berkas, dry_run, **options):
        data = self._baca(berkas)
        fungsi = pertukaran.pratinjau if dry_run else pertukaran.impor
        try:
            hasil = fungsi(data)
        except ValidationError as e:
            for pesan in e.messages:
                self.stderr.write(pesan)
            pesan = f"Impor dibatalkan: {len(e.messages)} galat; tidak ada data yang diubah."
            raise CommandError(pesan) from e
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        for baris in pertukaran.ringkasan_teks(hasil):
            self.stdout.write(baris)

    def _baca(self, berkas: str):
        try:
            if berkas == "-":
                return json.load(sys.stdin)
            with open(berkas, encoding="utf-8") as f:
                return json.load(f)
        except OSError as e:
            raise CommandError(f"Berkas {berkas} tidak dapat dibuka: {e.strerror}.") from e
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise CommandError(f"Berkas {berkas} bukan JSON yang sah: {e}.") from e
