"""`python manage.py muat_demo_layanan`: service standards, survey answers, complaints, consultations, SOPs,
business-process maps, review rounds and clusters in the demo (after
`muat_demo`; `make demo` runs it after kinerja's).

Everything goes through layanan's services (`layanan.demo`). A second run finds the demo's consultation service
and changes nothing. The summary prints the codes a tester needs: unused survey codes for the counter and the
complaints' tracking codes.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from ... import demo, demo_konsultasi, demo_peta, demo_sop


class Command(BaseCommand):
    help = (
        "Memuat contoh standar pelayanan, survei kepuasan, pengaduan, konsultasi, SOP, peta proses bisnis, reviu "
        "dan rumpun ke data demo (sekali)."
    )

    def handle(self, *args, **options):
        if not demo.siap():
            raise CommandError("Muat data demo organisasi dulu: python manage.py muat_demo")
        if demo.sudah_dimuat():
            self.stdout.write("Contoh layanan sudah dimuat; tidak ada yang diubah.")
            return
        mulai = time.monotonic()
        d = demo.muat()
        self.stdout.write(
            self.style.SUCCESS(
                f"Contoh layanan dimuat dalam {time.monotonic() - mulai:.1f} detik: {d.hitung['layanan']} layanan "
                f"(satu masih draf; standar Bagian Organisasi dari seed 001 dengan versi 1 dan 2), "
                f"{d.hitung['responden']} responden survei, {len(d.pengaduan)} pengaduan dan saran."
            )
        )
        for baris in demo.ringkasan(d):
            self.stdout.write(baris)
        # Issue 18: consultations, then SOPs, then maps, review rounds and clusters (which share the SOPs).
        for bagian in (demo_konsultasi, demo_sop, demo_peta):
            for baris in bagian.muat(d):
                self.stdout.write(baris)
