"""`python manage.py impor_struktur FILE [--dry-run]`: load a structure file (API.md exchange format)."""

import sys
from pathlib import Path

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
        """The file's data; a file that cannot be opened or read (not UTF-8, not JSON, nested thousands deep,
        a number of thousands of digits) is a CommandError, never a traceback."""
        try:
            if berkas == "-":
                isi = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
            else:
                isi = Path(berkas).read_bytes()
        except OSError as e:
            raise CommandError(f"Berkas {berkas} tidak dapat dibuka: {e.strerror}.") from e
        try:
            return pertukaran.baca_json(isi)
        except ValidationError as e:
            raise CommandError(f"{berkas}: {e.messages[0]}") from None
