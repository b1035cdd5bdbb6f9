"""A year of work in the demo Kabupaten Malang, through kinerja's services (so every step has its history).

One Unit Organisasi of each of the six patterns sets its PK and carries a target out; the Dinas
Kesehatan's, where the demo logins work, goes furthest: a target handed down to the Bidang Pelayanan
Kesehatan, carried out by the demo team, reported on, with results finished, returned and under review.
Each demo login finds something waiting in its inbox (`selectors.kotak_masuk`).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from organisasi import demo as demo_organisasi
from organisasi.models import Pegawai, PejabatUnit, Unit
from organisasi.selectors import hari_ini

from . import selectors, services
from .models import Hasil, PerjanjianKinerja, Target

# The Unit Organisasi of each pattern (SPEC §3) the demo works in, by kode.
UNIT_POLA = {
    1: "setda",
    2: "dinkes",
    3: "dpmptsp",
    4: "kec-kepanjen",
    5: "kel-kepanjen",
    6: "dinkes-upt-puskesmas-kepanjen",
}
UPT_PENGAWAS = "dinkes-upt-laboratorium-kesehatan-daerah"  # pola 5 too, led by a pengawas
NAMA_TIM = "Tim Percepatan Penurunan Stunting"  # penugasan's demo team (muat_demo_penugasan)


class Demo:
    """The demo's people and dates; each step a service call as the person would make it."""

    def __init__(self):
        self.hari = hari_ini()
        self.tahun = self.hari.year
        self.awal = dt.date(self.tahun, 1, 1)
        self.hitung = {"pk": 0, "target": 0, "rencana": 0, "hasil": 0}

    # --- people ------------------------------------------------------------------------------------

    @staticmethod
    def unit(kode: str) -> Unit:
        return Unit.objects.get(kode=kode)

    def kepala(self, kode: str) -> Pegawai:
        return selectors.pemimpin(self.unit(kode)).pegawai

    def staf(self, kode: str) -> list[Pegawai]:
        pimpinan = PejabatUnit.objects.pada(self.hari).values("pegawai")
        return list(Pegawai.objects.filter(unit__kode=kode, aktif=True).exclude(pk__in=pimpinan).order_by("nip"))

    def login(self, i: int) -> Pegawai:
        """The `i`-th demo login (organisasi.demo.login_demo): 0 Admin Organisasi, 1 Kepala Dinas Kesehatan,
        2 its PPK, 3 the staff member under that PPK."""
        nip = demo_organisasi.login_demo(demo_organisasi.data_demo(hari_ini=self.hari))[i].nip
        return Pegawai.objects.get(nip=nip)

    # --- steps ---------------------------------------------------------------------------------------

    def tanggal(self, bagian: int, dari: int = 4) -> dt.date:
        """A day `bagian`/`dari` of the way from 1 January to today (never after today)."""
        return self.awal + (self.hari - self.awal) * bagian // dari

    def pk(self, kode: str, sasaran: list[tuple[str, list[tuple[str, str, int]]]]) -> list[Target]:
        """The head drafts and sets the PK; its indikator become the unit's targets."""
        kepala = self.kepala(kode)
        isi = [
            {"uraian": s, "indikator": [{"uraian": u, "satuan": sat, "target": n} for u, sat, n in ind]}
            for s, ind in sasaran
        ]
        pk = services.perjanjian_susun(pelaku=kepala.akun, unit=self.unit(kode), tahun=self.tahun, sasaran=isi)
        services.perjanjian_tetapkan(pelaku=kepala.akun, perjanjian=pk)
        self.hitung["pk"] += 1
        return list(pk.target.order_by("id"))

    def turunkan(self, t: Target, kode: str, uraian: str, satuan: str, nilai: int) -> Target:
        self.hitung["target"] += 1
        return services.target_turunkan(
            pelaku=self.kepala(t.unit.kode).akun,
            target=t,
            unit=self.unit(kode),
            uraian=uraian,
            satuan=satuan,
            target_nilai=nilai,
        )

    def rencana(self, t: Target, penyusun: Pegawai, kegiatan: list[tuple[str, list[Pegawai], int]], setujui=True):
        """The plan drafted by staff (activities, executors, one budget line each), approved by the owner."""
        isi = [
            {
                "uraian": uraian,
                "mulai": self.awal.isoformat(),
                "selesai": dt.date(self.tahun, 12, 30).isoformat(),
                "pelaksana": [p.nip for p in pelaksana],
                "anggaran": [{"uraian": "Belanja kegiatan", "jumlah": jumlah}] if jumlah else [],
            }
            for uraian, pelaksana, jumlah in kegiatan
        ]
        r = services.rencana_susun(pelaku=penyusun.akun, target=t, kegiatan=isi)
        self.hitung["rencana"] += 1
        if setujui:
            r = services.rencana_setujui(pelaku=self.kepala(t.unit.kode).akun, rencana=r, catatan="Setuju.")
        return r

    def jalankan(self, r, oleh: Pegawai, belanja: int = 0) -> None:
        """Progress through the year on each activity, and spending against its budget line."""
        for k in r.kegiatan.order_by("urutan"):
            for i, persen in enumerate((25, 50, 70), 1):
                services.progres_catat(
                    pelaku=oleh.akun,
                    kegiatan=k,
                    tanggal=self.tanggal(i),
                    uraian=f"Tahap {i}: {k.uraian[:60]}",
                    persen=persen,
                    bukti="https://drive.example.go.id/kinerja/bukti",
                )
            baris = k.anggaran.first()
            if belanja and baris is not None:
                services.realisasi_catat(
                    pelaku=oleh.akun,
                    kegiatan=k,
                    tanggal=self.tanggal(3),
                    uraian="Belanja bahan dan konsumsi rapat",
                    jumlah=min(belanja, baris.jumlah),
                    anggaran=baris,
                )

    def hasil(self, t: Target, pengaju: Pegawai, capaian, uraian: str, akhir: str) -> Hasil:
        """A result walked to `akhir`: "ditinjau" (waiting at its first reviewer), "naik" (accepted once,
        waiting higher up), "dikembalikan" (returned by its first reviewer) or "selesai" (all accepted)."""
        h = services.hasil_ajukan(pelaku=pengaju.akun, target=t, capaian=capaian, uraian=uraian)
        self.hitung["hasil"] += 1
        if akhir == "dikembalikan":
            return services.hasil_kembalikan(
                pelaku=h.peninjau.akun, hasil=h, catatan="Lampirkan daftar hadir dan notulen sebagai bukti."
            )
        langkah = {"ditinjau": 0, "naik": 1, "selesai": 99}[akhir]
        while langkah and h.status == "ditinjau":
            h = services.hasil_terima(pelaku=h.peninjau.akun, hasil=h, catatan="Sesuai target.")
            langkah -= 1
        return h

    def individu(self, t: Target, pelaksana: Pegawai, uraian: str, akhir: str, capaian) -> Hasil:
        """A target carried out individually by one staff member, from strategy to a result."""
        services.target_strategi(pelaku=self.kepala(t.unit.kode).akun, target=t, cara="individu")
        r = self.rencana(t, pelaksana, [(uraian, [pelaksana], 15_000_000)])
        self.jalankan(r, pelaksana, belanja=6_500_000)
        return self.hasil(t, pelaksana, capaian, f"Capaian {uraian.lower()} sampai triwulan berjalan.", akhir)

    # --- the six patterns ------------------------------------------------------------------------------

    def setda(self) -> None:
        """Pola 1: Sekda → Asisten → Kepala Bagian Organisasi; the Bagian's analyst (the Admin Organisasi
        login) works, reviewed by the Kepala Bagian; a second plan waits for the Sekda's approval."""
        reformasi, sakip = self.pk(
            "setda",
            [
                ("Meningkatnya kualitas kelembagaan perangkat daerah", [("Indeks kelembagaan", "nilai", 80)]),
                ("Meningkatnya akuntabilitas kinerja", [("Nilai SAKIP kabupaten", "nilai", 75)]),
            ],
        )
        bag_org = self.unit("setda-bag-organisasi")
        asisten = self.turunkan(reformasi, bag_org.induk.kode, "Evaluasi kelembagaan perangkat daerah", "dokumen", 36)
        t = self.turunkan(asisten, bag_org.kode, "Analisis jabatan dan peta proses bisnis", "dokumen", 36)
        analis = self.login(0)
        self.individu(t, analis, "Penyusunan peta proses bisnis", "ditinjau", 12)
        services.umpan_balik_kirim(
            pelaku=self.kepala(bag_org.kode).akun,
            target=t,
            kepada=analis,
            isi="Peta proses Dinas Kesehatan didahulukan; koordinasikan dengan Sekretaris Dinas.",
        )
        services.target_strategi(pelaku=self.kepala("setda").akun, target=sakip, cara="individu")
        self.rencana(sakip, analis, [("Penyusunan laporan kinerja Sekretariat Daerah", [analis], 8_000_000)], False)

    def dinkes(self) -> None:
        """Pola 2, where the demo logins work: the Kepala Dinas hands a target to the Bidang Pelayanan
        Kesehatan, whose head gives it to the demo team; results finished, returned and under review."""
        from penugasan.models import TimKerja

        stunting, _akreditasi = self.pk(
            "dinkes",
            [
                ("Menurunnya prevalensi stunting", [("Balita berisiko stunting yang didampingi", "persen", 90)]),
                ("Meningkatnya mutu layanan puskesmas", [("Puskesmas terakreditasi paripurna", "puskesmas", 12)]),
            ],
        )
        yankes = "dinkes-pelayanan-kesehatan"
        t = self.turunkan(stunting, yankes, "Dasbor dan pendampingan balita berisiko stunting", "kecamatan", 33)
        kabid, kadis = self.kepala(yankes), self.kepala("dinkes")
        tim = TimKerja.objects.filter(nama=NAMA_TIM, unit_pemilik__kode=yankes).first()
        login = self.login(3)
        if tim is not None:
            services.target_strategi(pelaku=kabid.akun, target=t, cara="tim", tim=tim, perlu_ketua=True)
            ketua = tim.ketua
            anggota = [ketua, *(Pegawai.objects.get(pk=pk) for pk in sorted(selectors.anggota_tim(t) - {ketua.pk}))]
        else:  # penugasan's demo not loaded: individual work by the bidang's staff
            services.target_strategi(pelaku=kabid.akun, target=t, cara="individu")
            anggota = [login, *(p for p in self.staf(yankes) if p.pk != login.pk)]
            ketua = anggota[0]
        lain = [p for p in anggota if p.pk != login.pk]
        r = self.rencana(
            t,
            ketua,
            [
                ("Pemutakhiran data balita berisiko per kecamatan", [login, *lain[:1]], 25_000_000),
                ("Pendampingan keluarga balita berisiko", anggota, 40_000_000),
            ],
        )
        self.jalankan(r, ketua, belanja=12_000_000)
        pertama = r.kegiatan.order_by("urutan").first()
        services.rincian_catat(
            pelaku=ketua.akun, kegiatan=pertama, uraian="Validasi data posyandu", pegawai=login, peran="analis data"
        )
        if tim is not None:
            services.jadwal_tetapkan(pelaku=kadis.akun, target=t, frekuensi="bulanan", mulai=self.awal)
            services.laporan_sampaikan(pelaku=ketua.akun, target=t, isi="Pendataan selesai di 20 dari 33 kecamatan.")
        # the staff login: one result finished, one returned, a request for a report and feedback to read
        self.hasil(t, login, 10, "Dasbor 10 kecamatan pertama tayang.", "selesai")
        self.hasil(t, login, 5, "Pendampingan 5 kecamatan.", "dikembalikan")
        services.laporan_minta(
            pelaku=kadis.akun,
            target=t,
            kepada=login,
            pesan="Mohon laporan singkat pendampingan untuk rapat pimpinan.",
            batas=self.hari + dt.timedelta(days=7),
        )
        services.umpan_balik_kirim(
            pelaku=kabid.akun, target=t, kepada=login, isi="Tambahkan peta sebaran balita pada dasbor."
        )
        # the PPK login reviews a colleague's result; the Kepala Dinas one the ketua's, accepted by the PPK
        if lain:
            self.hasil(t, lain[-1], 3, "Pendampingan di Kecamatan Dau, Wagir dan Pakisaji.", "ditinjau")
            u = services.umpan_balik_kirim(pelaku=kabid.akun, target=t, kepada=lain[-1], isi="Bagus, lanjutkan.")
            services.umpan_balik_baca(pelaku=lain[-1].akun, umpan_balik=u)
            services.umpan_balik_kirim(
                pelaku=lain[-1].akun, target=t, balasan_untuk=u, isi="Baik, Bu. Jadwal minggu depan terlampir."
            )
        self.hasil(t, ketua, 8, "Rekap pendampingan 8 kecamatan.", "naik")

    def dpmptsp(self) -> None:
        """Pola 3: the Kepala Dinas owns the targets and reviews alone; a result finished."""
        (t,) = self.pk("dpmptsp", [("Meningkatnya kemudahan berusaha", [("Izin terbit tepat waktu", "persen", 95)])])
        self.individu(t, self.staf("dpmptsp")[0], "Pemantauan waktu layanan perizinan", "selesai", 93)

    def kecamatan(self) -> None:
        """Pola 4: the Camat hands a target to a seksi; the result accepted by the Kasi waits for the Camat."""
        (t,) = self.pk("kec-kepanjen", [("Meningkatnya pelayanan umum", [("Layanan administrasi", "persen", 100)])])
        seksi = self.unit("kec-kepanjen").anak.filter(jenis="seksi", aktif=True).order_by("kode").first()
        anak = self.turunkan(t, seksi.kode, "Layanan administrasi kependudukan tepat waktu", "persen", 100)
        self.individu(anak, self.staf(seksi.kode)[0], "Pelayanan administrasi terpadu kecamatan", "naik", 88)

    def kelurahan(self) -> None:
        """Pola 5: the Lurah reviews alone; a result finished. The UPT led by a pengawas: one returned."""
        (t,) = self.pk("kel-kepanjen", [("Meningkatnya ketertiban lingkungan", [("RW tertib", "RW", 12)])])
        self.individu(t, self.staf("kel-kepanjen")[0], "Pembinaan ketertiban RW", "selesai", 6)
        (t,) = self.pk(UPT_PENGAWAS, [("Meningkatnya mutu laboratorium", [("Sampel diuji", "sampel", 4000)])])
        self.individu(t, self.staf(UPT_PENGAWAS)[0], "Pengujian sampel kesehatan", "dikembalikan", 1200)

    def upt_fungsional(self) -> None:
        """Pola 6: the UPT's head, a pejabat fungsional, reviews; a result under review."""
        kode = UNIT_POLA[6]
        (t,) = self.pk(kode, [("Meningkatnya cakupan imunisasi", [("Imunisasi dasar lengkap", "persen", 95)])])
        self.individu(t, self.staf(kode)[0], "Imunisasi dasar di posyandu", "ditinjau", 60)


def sudah_dimuat() -> bool:
    return PerjanjianKinerja.objects.filter(unit__kode=UNIT_POLA[1], tahun=hari_ini().year).exists()


def muat() -> dict[str, int]:
    """Load the year once (the caller checks `sudah_dimuat`); all or nothing."""
    d = Demo()
    with transaction.atomic():
        d.setda()
        d.dinkes()
        d.dpmptsp()
        d.kecamatan()
        d.kelurahan()
        d.upt_fungsional()
    return d.hitung
