"""`python manage.py muat_demo_penugasan`: teams, competencies and requests in the demo (after `muat_demo`).

Everything goes through the services, as the demo people would do it in the browser: a Kepala Bidang
appoints within the bidang (A), another asks for staff across bidang (B, waiting for the PPK login),
a staff member applies to help the Bagian Organisasi (E, with copies to their PPK and Pimpinan).
A second run finds the demo team and changes nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisasi import demo
from organisasi.models import Pegawai, PejabatUnit, Unit
from organisasi.selectors import hari_ini
from penugasan import services
from penugasan.models import Kompetensi, TimKerja
from penugasan.permissions import pastikan_izin_grup

NAMA_TIM = "Tim Percepatan Penurunan Stunting"
KOMPETENSI = [
    "Analisis data kesehatan",
    "Penyusunan SOP",
    "Analisis kebijakan",
    "Evaluasi program",
    "Komunikasi publik",
]


def _kepala(kode: str) -> Pegawai:
    return PejabatUnit.objects.pada(hari_ini()).get(unit__kode=kode, jenis="definitif").pegawai


def _staf(kode: str) -> list[Pegawai]:
    pimpinan = PejabatUnit.objects.pada(hari_ini()).values("pegawai")
    return list(Pegawai.objects.filter(unit__kode=kode, aktif=True).exclude(pk__in=pimpinan).order_by("nip"))


class Command(BaseCommand):
    help = "Memuat contoh tim, kompetensi dan penugasan ke data demo (sekali)."

    def handle(self, *args, **options):
        if not Unit.objects.filter(kode="dinkes-pelayanan-kesehatan").exists():
            raise CommandError("Muat data demo organisasi dulu: python manage.py muat_demo")
        if TimKerja.objects.filter(nama=NAMA_TIM).exists():
            self.stdout.write("Contoh penugasan sudah dimuat; tidak ada yang diubah.")
            return
        hari = hari_ini()
        mulai, selesai = hari + dt.timedelta(days=7), hari + dt.timedelta(days=180)
        with transaction.atomic():
            pastikan_izin_grup()
            kompetensi = {n: Kompetensi.objects.get_or_create(nama=n)[0] for n in KOMPETENSI}
            yankes = Unit.objects.get(kode="dinkes-pelayanan-kesehatan")
            kabid, kadis = _kepala("dinkes-pelayanan-kesehatan"), _kepala("dinkes")
            # the demo login "Staf fungsional" last: it receives the letter of A and applies through E
            login = Pegawai.objects.get(nip=demo.login_demo(demo.data_demo(hari_ini=hari))[3].nip)
            staf = [p for p in _staf("dinkes-pelayanan-kesehatan") if p.pk != login.pk] + [login]
            for i, p in enumerate(staf):
                services.kompetensi_catat(pelaku=None, pegawai=p, kompetensi=kompetensi[KOMPETENSI[i % 3]])
            tim = services.tim_bentuk(
                pelaku=kadis.akun,
                nama=NAMA_TIM,
                tujuan="Menurunkan prevalensi stunting di 33 kecamatan.",
                unit_pemilik=yankes,
                sifat="insidental",
                mulai=hari,
                selesai=hari + dt.timedelta(days=365),
                ketua=staf[0],
                anggota=[(staf[1], "analis data")],
            )
            isi = {"mulai": mulai, "selesai": selesai}
            services.penugasan_ajukan(
                pelaku=kabid.akun,
                alur="A",
                unit_tujuan=yankes,
                pegawai=[login],
                tim=tim,
                **isi,
                maksud="Menyusun dasbor pemantauan balita berisiko stunting.",
                target="Dasbor per kecamatan",
            )
            services.penugasan_ajukan(
                pelaku=_kepala("dinkes-kesehatan-masyarakat").akun,
                alur="B",
                unit_tujuan=yankes,
                **isi,
                maksud="Pendampingan survei status gizi.",
                kompetensi="Analisis data kesehatan",
                kompetensi_daftar=[kompetensi["Analisis data kesehatan"]],
                target="Laporan survei status gizi",
                batas_keputusan=hari + dt.timedelta(days=14),
            )
            services.penugasan_ajukan(
                pelaku=staf[-1].akun,
                alur="E",
                unit_tujuan=Unit.objects.get(kode="setda-bag-organisasi"),
                **isi,
                maksud="Membantu penyusunan peta proses bisnis layanan kesehatan.",
                kompetensi="Penyusunan SOP",
                target="Peta proses level 1 Dinas Kesehatan",
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Contoh penugasan dimuat: {len(KOMPETENSI)} kompetensi, 1 tim, 3 penugasan (A selesai, B menunggu "
                f"PPK {kabid.nama}, E menunggu Pimpinan Unit Organisasi tujuan)."
            )
        )
