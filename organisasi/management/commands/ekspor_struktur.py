"""`python manage.py ekspor_struktur [--instansi KODE] [-o FILE]`: write the structure as exchange JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from organisasi import pertukaran
from organisasi.models import Instansi


class Command(BaseCommand):
    help = "Ekspor struktur organisasi ke JSON (format pertukaran struktur, API.md)."

    def add_arguments(self, parser):
        parser.add_argument("--instansi", metavar="KODE", help="Hanya instansi ini (bawaan: semua).")
        parser.add_argument("-o", "--output", metavar="FILE", help="Tulis ke berkas (bawaan: stdout).")

    def handle(self, *args, instansi=None, output=None, **options):
        if instansi and not Instansi.objects.filter(kode=instansi).exists():
            raise CommandError(f"Instansi dengan kode {instansi!r} tidak ada.")
        teks = json.dumps(pertukaran.ekspor(instansi=instansi), ensure_ascii=False, indent=2) + "\n"
        if not output:
            self.stdout.write(teks, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8") as f:
                f.write(teks)
        except OSError as e:
            raise CommandError(f"Berkas {output} tidak dapat ditulis: {e.strerror}.") from e
        self.stderr.write(f"Struktur ditulis ke {output}.")
