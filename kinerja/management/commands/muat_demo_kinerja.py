"""`python manage.py muat_demo_kinerja`: a year of work in the demo (after `muat_demo` and `muat_demo_penugasan`).

Everything goes through kinerja's services (`kinerja.demo`, then the appraisal: `kinerja.demo_skp`), so each
step has its history. A second run finds the demo's PKs and SKPs and changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from organisasi.models import Unit

from ... import demo, demo_skp


class Command(BaseCommand):
    help = "Memuat contoh perjanjian kinerja, rencana, progres, hasil, SKP dan penilaiannya ke data demo (sekali)."

    def handle(self, *args, **options):
        if not Unit.objects.filter(kode__in=demo.UNIT_POLA.values()).count() == len(demo.UNIT_POLA):
            raise CommandError("Muat data demo organisasi dulu: python manage.py muat_demo")
        if demo.sudah_dimuat():
            self.stdout.write("Contoh kinerja sudah dimuat; tidak ada yang diubah.")
        else:
            n = demo.muat()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Contoh kinerja dimuat: {n['pk']} perjanjian kinerja (enam pola), {n['target']} target "
                    f"diturunkan, {n['rencana']} rencana kegiatan, {n['hasil']} hasil (selesai, dikembalikan dan "
                    "menunggu tinjauan)."
                )
            )
        if demo_skp.sudah_dimuat():
            self.stdout.write("Contoh SKP dan penilaian kinerja sudah dimuat; tidak ada yang diubah.")
            return
        n = demo_skp.muat()
        self.stdout.write(
            self.style.SUCCESS(
                f"Contoh SKP dimuat: {n['skp']} SKP (tahun lalu dinilai dan ditetapkan, tahun ini berjalan), "
                f"{n['evaluasi']} penilaian, {n['dokumen']} dokumen ditandatangani (PDF dibuat setelahnya)."
            )
        )
