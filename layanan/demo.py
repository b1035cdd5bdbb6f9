"""Layanan in the demo Kabupaten Malang, through layanan's services (so every step has its history).

- Seed 001's standard, word for word where the seed gives it, as the Bagian Organisasi's own consultation
  service: version 1 published last year, version 2 (the seed's text) in force, so the version history shows.
  The seed is the Kota Malang standard of December 2013; its text is kept as it is, Kota Malang included, and
  the version's note says so.
- Four more services of demo agencies (the health laboratory, business licensing, a kecamatan's letters, the
  family card) and one left as a draft.
- Survey answers for last year and this year, a few hundred per service from a fixed random seed, varied so
  the indices differ (one service is mutu C), some with the respondent's profile, some without; a few unused
  one-time codes for the counter.
- Complaints in every state (received, being processed, finished), one past its deadline, answers published,
  a suggestion about no service waiting for the Bagian Organisasi; their tracking codes are printed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from organisasi import demo as demo_organisasi
from organisasi.models import Pegawai, PejabatUnit, Unit
from organisasi.selectors import hari_ini

from . import selectors, services
from .models import Layanan, Pengaduan, RiwayatLayanan, VersiLayanan

KODE_KONSULTASI = "konsultasi-bagian-organisasi"
NAMA_KONSULTASI = (
    "Konsultasi Penyusunan Pelaporan LAKIP, Penetapan Kinerja, Capaian Kinerja, Standar Pelayanan, Standar "
    "Operasional Prosedur, Indeks Kepuasan Masyarakat, Standar Pelayanan Minimal"
)
UNIT_KONSULTASI = "setda-bag-organisasi"
BENIH = 17  # the number: every run gives the same answers

# Seed 001, component by component, as the seed gives it: each "a) …" item on its own line.
KONSULTASI = {
    "dasar_hukum": "\n".join(
        [
            "a) Peraturan Pemerintah Nomor 65 Tahun 2005 tentang Pedoman Penyusunan dan Penerapan Standar "
            "Pelayanan Minimal;",
            "b) Permen PAN dan RB Nomor 29 Tahun 2010 tentang Pedoman Penyusunan Penetapan Kinerja dan Pelaporan "
            "Akuntabilitas Kinerja Instansi Pemerintah;",
            "c) Permen PAN dan RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur "
            "Administrasi Pemerintah;",
            "d) Permen PAN dan RB Nomor 36 Tahun 2012 tentang Petunjuk Teknis Penyusunan, Penetapan dan Penerapan "
            "Standar Pelayanan;",
            "e) Keputusan Men PAN dan RB Nomor 25 Tahun 2004 tentang Penyusunan Indeks Kepuasan Masyarakat;",
            "f) Peraturan Daerah Kota Malang Nomor 5 Tahun 2012 tentang Organisasi dan Tata Kerja Sekretariat "
            "Daerah, Sekretariat Dewan Perwakilan Rakyat Daerah dan Staf Ahli;",
            "g) Peraturan Walikota Malang Nomor 39 Tahun 2012 tentang Uraian Tugas Pokok Fungsi dan Tata Kerja "
            "Sekretariat Daerah.",
        ]
    ),
    "persyaratan": "a) Surat dari Sekretaris Daerah perihal penyusunan laporan;\n"
    "b) Disposisi dari Kepala Bagian Organisasi;\n"
    "c) Kebutuhan mendesak untuk pelaksanaan di lapangan.",
    "prosedur": "a) Surat dari Sekretaris Daerah perihal penyusunan laporan kepada SKPD terkait;\n"
    "b) SKPD terkait bisa langsung datang ke Bagian Organisasi atau menghubungi via telepon dalam berkonsultasi;\n"
    "c) Konsultasi dari SKPD akan difasilitasi oleh Ka Subag yang menangani atau kepada staf yang telah ditunjuk "
    "untuk mewakili.",
    "jangka_waktu": "Sesuai kebutuhan",
    "biaya": "Tidak dipungut biaya",
    "produk": "Konsultasi Penyusunan Laporan",
    "sarana": "a) Komputer;\nb) Surat atau email;\nc) Telepon atau faksimil;\nd) Jaringan internet;\ne) Materi.",
    "kompetensi_pelaksana": "a) Memiliki latar belakang pendidikan minimal Sarjana Pemerintahan/Administrasi/Sosial/ "
    "Hukum;\n"
    "b) Mampu menganalisa suatu persoalan dengan pendekatan yang tepat;\n"
    "c) Mampu menyimpulkan berdasarkan hasil pembahasan dan analisa;\n"
    "d) Menguasai materi bahasan;\n"
    "e) Mampu berkomunikasi dan memberikan informasi secara benar;\n"
    "f) Mampu mengoperasikan perangkat internet",
    "pengawasan_internal": "Evaluasi secara berkala oleh Kepala Bagian Organisasi",
    "pengaduan": "Masukan, saran, usulan dan kritikan dapat langsung disampaikan kepada Bagian Organisasi "
    "Sekretariat Daerah Kota Malang\n• Telp. 0341-365657\n• Fax. 0341-365657\n• Email: bag-organisasi@malangkota.go.id",
    "jumlah_pelaksana": "7 orang",
    "jaminan_pelayanan": "Kepala Bagian Organisasi",
    "jaminan_keamanan": "Termasuk dalam prosedur mutu ISO 9001:2008 Sekretariat Daerah Kota Malang",
    "evaluasi_kinerja": "Termasuk dalam evaluasi capaian pelaksanaan pada ISO 9001:2008 Sekretariat Daerah Kota Malang",
}
SUMBER = "Standar Pelayanan Bagian Organisasi Sekretariat Daerah Kota Malang (Desember 2013)"
CATATAN_V1 = f"Versi pertama, disusun dari {SUMBER}; kanal pengaduan belum dirinci."
CATATAN_V2 = (
    f"Teks dikutip kata demi kata dari {SUMBER}, termasuk rujukan Kota Malang sebagaimana tertulis pada sumber. "
    "Kanal pengaduan dilengkapi telepon, faksimile dan surel."
)


def _standar(**isi: str) -> dict[str, str]:
    return {
        "pengawasan_internal": "Supervisi oleh atasan langsung dan evaluasi berkala oleh kepala unit.",
        "jaminan_pelayanan": "Pelayanan diberikan sesuai standar; apabila tidak sesuai, pengguna dapat mengadu.",
        "jaminan_keamanan": "Data pemohon dijaga kerahasiaannya; ruang pelayanan aman dan nyaman.",
        "evaluasi_kinerja": "Evaluasi kinerja pelaksana setiap triwulan melalui Survei Kepuasan Masyarakat.",
        **isi,
    }


# (unit kode, service kode, name, complaint deadline in days, components); the units exist in organisasi.demo.
LAIN = [
    (
        "dinkes-upt-laboratorium-kesehatan-daerah",
        "uji-laboratorium-kesehatan",
        "Pemeriksaan Laboratorium Kesehatan Lingkungan (Uji Kualitas Air Minum)",
        5,
        _standar(
            dasar_hukum="a) Peraturan Menteri Kesehatan Nomor 2 Tahun 2023 tentang Kesehatan Lingkungan;\n"
            "b) Peraturan Daerah tentang Retribusi Jasa Umum Pelayanan Kesehatan.",
            persyaratan="a) Formulir permintaan pemeriksaan;\nb) Sampel air dalam wadah steril dari laboratorium;\n"
            "c) Fotokopi KTP pemohon.",
            prosedur="1. Pemohon mengambil wadah steril dan mengisi formulir di loket.\n"
            "2. Sampel diserahkan paling lama 6 jam setelah diambil.\n"
            "3. Petugas memeriksa kelayakan sampel dan menerbitkan tanda terima.\n"
            "4. Hasil uji diserahkan di loket atau dikirim melalui surel.",
            jangka_waktu="7 (tujuh) hari kerja sejak sampel diterima",
            biaya="Sesuai Peraturan Daerah tentang retribusi: Rp150.000 per sampel (parameter fisika dan kimia).",
            produk="Laporan Hasil Uji kualitas air minum",
            sarana="a) Ruang tunggu dan loket;\nb) Peralatan laboratorium terkalibrasi;\nc) Lemari pendingin sampel.",
            kompetensi_pelaksana="Pranata Laboratorium Kesehatan bersertifikat; memahami ISO/IEC 17025.",
            pengaduan="Kotak saran di ruang tunggu, telepon (0341) 000000, atau laman Pengaduan Sistem Kerja. "
            "Pengaduan ditanggapi paling lama 5 hari kerja.",
            jumlah_pelaksana="6 orang",
        ),
    ),
    (
        "dpmptsp",
        "izin-usaha",
        "Perizinan Berusaha Berbasis Risiko (Nomor Induk Berusaha dan Sertifikat Standar)",
        14,
        _standar(
            dasar_hukum="a) Peraturan Pemerintah Nomor 28 Tahun 2025 tentang Penyelenggaraan Perizinan Berusaha "
            "Berbasis Risiko;\nb) Peraturan Bupati tentang Pendelegasian Kewenangan Perizinan.",
            persyaratan="a) KTP pemilik atau akta pendirian badan usaha;\nb) NPWP;\nc) Alamat lokasi usaha.",
            prosedur="1. Pemohon mendaftar melalui OSS atau dibantu petugas loket.\n"
            "2. Petugas memverifikasi data dan persyaratan.\n3. NIB terbit; sertifikat standar diverifikasi.",
            jangka_waktu="NIB: 1 hari kerja; sertifikat standar: 5 hari kerja sejak berkas lengkap",
            biaya="Tidak dipungut biaya",
            produk="Nomor Induk Berusaha (NIB) dan Sertifikat Standar",
            sarana="a) Loket pelayanan terpadu;\nb) Komputer pendampingan OSS;\nc) Ruang konsultasi.",
            kompetensi_pelaksana="Memahami perizinan berbasis risiko dan sistem OSS.",
            pengaduan="Loket pengaduan, WhatsApp layanan, atau laman Pengaduan Sistem Kerja.",
            jumlah_pelaksana="12 orang",
        ),
    ),
    (
        "kec-kepanjen-pelayanan-umum",
        "surat-keterangan-kepanjen",
        "Surat Keterangan dan Pengantar Administrasi di Kecamatan Kepanjen",
        7,
        _standar(
            dasar_hukum="Peraturan Bupati tentang Pelimpahan Sebagian Kewenangan Bupati kepada Camat.",
            persyaratan="a) Surat pengantar desa/kelurahan;\nb) KTP dan Kartu Keluarga pemohon.",
            prosedur="1. Pemohon menyerahkan berkas di loket.\n2. Petugas memeriksa dan menyiapkan surat.\n"
            "3. Surat ditandatangani Camat dan diserahkan.",
            jangka_waktu="1 (satu) hari kerja",
            biaya="Tidak dipungut biaya",
            produk="Surat keterangan atau surat pengantar",
            sarana="a) Loket;\nb) Ruang tunggu;\nc) Komputer dan pencetak.",
            kompetensi_pelaksana="Memahami tata naskah dinas dan administrasi kependudukan.",
            pengaduan="Kotak saran, telepon kantor kecamatan, atau laman Pengaduan Sistem Kerja.",
            jumlah_pelaksana="3 orang",
        ),
    ),
    (
        "dispendukcapil-pelayanan-pendaftaran-penduduk",
        "kartu-keluarga",
        "Penerbitan Kartu Keluarga",
        14,
        _standar(
            dasar_hukum="a) Undang-Undang Nomor 24 Tahun 2013 tentang Administrasi Kependudukan;\n"
            "b) Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk "
            "dan Pencatatan Sipil.",
            persyaratan="a) Formulir F-1.01;\nb) Kartu Keluarga lama;\nc) Dokumen peristiwa (akta, surat pindah).",
            prosedur="1. Pemohon mengisi formulir dan menyerahkan berkas.\n2. Petugas memverifikasi dan merekam.\n"
            "3. Kartu Keluarga dicetak dan diserahkan, atau dikirim dalam bentuk elektronik.",
            jangka_waktu="1 (satu) hari kerja sejak berkas lengkap",
            biaya="Tidak dipungut biaya",
            produk="Kartu Keluarga",
            sarana="a) Loket;\nb) Mesin antrean;\nc) Komputer dan pencetak.",
            kompetensi_pelaksana="Operator SIAK terlatih.",
            pengaduan="Loket pengaduan dan laman Pengaduan Sistem Kerja.",
            jumlah_pelaksana="8 orang",
        ),
    ),
]
DRAF = (
    "dispendukcapil-pelayanan-pencatatan-sipil",
    "akta-kelahiran",
    "Penerbitan Akta Kelahiran",
    {"persyaratan": "a) Surat keterangan kelahiran;\nb) Kartu Keluarga;\nc) KTP kedua orang tua.", "biaya": "Gratis"},
)

# Per service: the answer weights (1..4) last year and this year, and the element answered worst/best.
MUTU = {
    KODE_KONSULTASI: ([0, 3, 35, 62], [0, 2, 30, 68]),  # A
    "uji-laboratorium-kesehatan": ([2, 8, 58, 32], [1, 6, 55, 38]),  # B
    "izin-usaha": ([2, 10, 55, 33], [1, 5, 48, 46]),  # B, rising
    "surat-keterangan-kepanjen": ([6, 27, 52, 15], [4, 26, 55, 15]),  # C
    "kartu-keluarga": ([3, 14, 58, 25], [2, 12, 58, 28]),  # B
}
LEMAH = {"U3": -1, "U8": -1}  # the waiting time and complaint handling lag behind everywhere
PROFIL = {"jenis_kelamin": ["L", "P"], "pendidikan": ["sd", "smp", "sma", "sma", "diploma", "s1", "s1", "s2"]}
PEKERJAAN = ["pns_tni_polri", "swasta", "swasta", "wirausaha", "wirausaha", "pelajar", "lainnya"]


class Demo:
    def __init__(self):
        self.hari = hari_ini()
        self.rng = random.Random(BENIH)
        self.admin = Pegawai.objects.get(
            nip=demo_organisasi.login_demo(demo_organisasi.data_demo(hari_ini=self.hari))[0].nip
        )
        self.layanan: dict[str, Layanan] = {}
        self.hitung = {"layanan": 0, "responden": 0}
        self.kode_survei: dict[str, list[str]] = {}
        self.pengaduan: list[Pengaduan] = []

    # --- people ------------------------------------------------------------------------------------

    def kepala(self, unit: Unit) -> Pegawai:
        """Who leads the unit today (or the unit above it): the one who publishes its standard."""
        for u in reversed(list(Unit.objects.leluhur_dari(unit))):
            pj = PejabatUnit.objects.pada(self.hari).filter(unit=u, jenis__in=selectors.PERAN_PIMPINAN).first()
            if pj is not None:
                return pj.pegawai
        return self.admin

    def petugas(self, unit: Unit) -> Pegawai:
        """A staff member of the unit's Perangkat Daerah who runs the counter (not one of its heads)."""
        pimpinan = PejabatUnit.objects.pada(self.hari).values("pegawai")
        staf = Pegawai.objects.filter(unit=unit, aktif=True, akun__isnull=False).exclude(pk__in=pimpinan)
        return staf.order_by("nip").first() or self.kepala(unit)

    # --- standards ---------------------------------------------------------------------------------

    def daftar(self, unit_kode: str, kode: str, nama: str, komponen: dict, tenggat: int | None = None) -> Layanan:
        unit = Unit.objects.get(kode=unit_kode)
        layanan = services.layanan_daftarkan(
            pelaku=self.admin.akun, kode=kode, nama=nama, unit=unit, komponen=komponen, tenggat_pengaduan_hari=tenggat
        )
        self.hitung["layanan"] += 1
        return layanan

    def terbitkan(self, layanan: Layanan, sejak: dt.datetime) -> VersiLayanan:
        """Published by the unit's head, dated `sejak` (the demo's history reaches back a year)."""
        versi = services.versi_terbitkan(pelaku=self.kepala(layanan.unit).akun, layanan=layanan)
        VersiLayanan.objects.filter(layanan=layanan, berlaku_sampai__isnull=False, berlaku_sampai__gt=sejak).update(
            berlaku_sampai=sejak
        )
        VersiLayanan.objects.filter(pk=versi.pk).update(berlaku_sejak=sejak)
        RiwayatLayanan.objects.filter(versi=versi).update(waktu=sejak)
        layanan.refresh_from_db()
        return versi

    def standar(self) -> None:
        awal = timezone.make_aware(dt.datetime(self.hari.year - 1, 1, 2, 8, 0))
        kini = timezone.make_aware(dt.datetime.combine(self.hari - dt.timedelta(days=45), dt.time(8, 0)))
        v1 = {**KONSULTASI, "pengaduan": KONSULTASI["pengaduan"].split("\n")[0]}
        konsultasi = self.daftar(UNIT_KONSULTASI, KODE_KONSULTASI, NAMA_KONSULTASI, v1)
        services.versi_ubah(pelaku=self.admin.akun, versi=konsultasi.versi.get(), komponen=None, catatan=CATATAN_V1)
        self.terbitkan(konsultasi, awal)
        services.versi_buat(pelaku=self.admin.akun, layanan=konsultasi, komponen=KONSULTASI, catatan=CATATAN_V2)
        self.layanan[KODE_KONSULTASI] = konsultasi
        self.terbitkan(konsultasi, kini)
        Layanan.objects.filter(pk=konsultasi.pk).update(dibuat=awal)
        for unit_kode, kode, nama, tenggat, komponen in LAIN:
            layanan = self.daftar(unit_kode, kode, nama, komponen, tenggat)
            self.terbitkan(layanan, awal)
            Layanan.objects.filter(pk=layanan.pk).update(dibuat=awal)
            self.layanan[kode] = layanan
        unit_kode, kode, nama, komponen = DRAF
        self.daftar(unit_kode, kode, nama, komponen)

    # --- the survey ----------------------------------------------------------------------------------

    def baris(self, bobot: list[int], mulai: dt.date, selesai: dt.date, n: int) -> list[dict]:
        rng, hari = self.rng, (selesai - mulai).days
        hasil = []
        for _ in range(n):
            jawaban = {}
            for i in range(1, 10):
                kode = f"U{i}"
                if kode == "U8" and rng.random() < 0.08:
                    continue  # "never complained": left blank on the paper form
                nilai = rng.choices([1, 2, 3, 4], weights=bobot)[0]
                jawaban[kode] = min(4, max(1, nilai + (LEMAH.get(kode, 0) if rng.random() < 0.3 else 0)))
            data = {"tanggal": (mulai + dt.timedelta(days=rng.randint(0, hari))).isoformat(), "jawaban": jawaban}
            if rng.random() < 0.65:  # the profile is optional: most fill it, some partly
                data |= {k: rng.choice(v) for k, v in PROFIL.items()}
                data["usia"] = rng.randint(17, 70)
                if rng.random() < 0.8:
                    data["pekerjaan"] = rng.choice(PEKERJAAN)
            hasil.append(data)
        return hasil

    def survei(self) -> None:
        tahun_lalu = (dt.date(self.hari.year - 1, 1, 1), dt.date(self.hari.year - 1, 12, 31))
        tahun_ini = (dt.date(self.hari.year, 1, 1), self.hari)
        for kode, (lalu, kini) in MUTU.items():
            layanan = self.layanan[kode]
            petugas = self.petugas(layanan.unit)
            for bobot, (mulai, selesai) in ((lalu, tahun_lalu), (kini, tahun_ini)):
                baris = self.baris(bobot, mulai, selesai, self.rng.randint(180, 320))
                self.hitung["responden"] += len(
                    services.responden_catat(pelaku=petugas.akun, layanan=layanan, baris=baris)
                )
        for kode in ("surat-keterangan-kepanjen", "uji-laboratorium-kesehatan"):
            layanan = self.layanan[kode]
            dibuat = services.kode_survei_buat(pelaku=self.petugas(layanan.unit).akun, layanan=layanan, jumlah=5)
            self.kode_survei[kode] = [services.tampil_kode(k.kode) for k in dibuat]

    # --- complaints ----------------------------------------------------------------------------------

    def ajukan(self, isi: str, layanan: str | None = None, **lain) -> Pengaduan:
        p = services.pengaduan_ajukan(isi=isi, layanan=layanan, instansi=demo_organisasi.KODE_INSTANSI, **lain)
        self.pengaduan.append(p)
        return p

    def jawab(self, p: Pengaduan, isi: str, *, terbit: bool = True, tutup: bool = False) -> Pengaduan:
        unit = p.unit or Unit.objects.get(kode=UNIT_KONSULTASI)
        p = services.pengaduan_proses(pelaku=self.petugas(unit).akun, pengaduan=p, unit=unit)
        t = services.tanggapan_tulis(pelaku=self.petugas(p.unit).akun, pengaduan=p, isi=isi)
        if terbit:
            services.tanggapan_terbitkan(pelaku=self.kepala(p.unit).akun, tanggapan=t)
        if tutup:
            p = services.pengaduan_tutup(pelaku=self.petugas(p.unit).akun, pengaduan=p)
        return p

    @staticmethod
    def mundur(p: Pengaduan, hari: int) -> None:
        """The complaint and its steps moved `hari` days back (the demo's complaints came in over weeks)."""
        geser = dt.timedelta(days=hari)
        Pengaduan.objects.filter(pk=p.pk).update(
            diterima=p.diterima - geser,
            tenggat=p.tenggat - geser,
            **{k: getattr(p, k) - geser for k in ("diproses", "selesai") if getattr(p, k)},
        )
        for r in RiwayatLayanan.objects.filter(pengaduan=p):
            RiwayatLayanan.objects.filter(pk=r.pk).update(waktu=r.waktu - geser)
        for t in p.tanggapan.all():
            t.__class__.objects.filter(pk=t.pk).update(
                dibuat=t.dibuat - geser, diterbitkan=t.diterbitkan - geser if t.diterbitkan else None
            )

    def aduan(self) -> None:
        baru = self.ajukan(
            "Hasil uji sampel air sumur kami belum bisa diambil padahal sudah lewat 7 hari kerja.",
            "uji-laboratorium-kesehatan",
            nama="Sutrisno",
            kontak="0812-3456-7001",
        )
        self.mundur(baru, 1)
        terlambat = self.ajukan(
            "NIB sudah terbit tetapi sertifikat standar masih berstatus verifikasi lebih dari sebulan.",
            "izin-usaha",
            kontak="0813-2222-7002",
        )
        terlambat = services.pengaduan_proses(
            pelaku=self.petugas(terlambat.unit).akun, pengaduan=terlambat, catatan="Dicek ke bidang perizinan."
        )
        self.mundur(terlambat, 20)
        selesai = self.jawab(
            self.ajukan("Antrean Kartu Keluarga sangat panjang pada hari Senin.", "kartu-keluarga", nama="Wulan"),
            "Terima kasih. Mulai bulan ini loket Kartu Keluarga dibuka pukul 07.30 dan antrean dapat diambil "
            "melalui aplikasi.",
            tutup=True,
        )
        self.mundur(selesai, 12)
        dijawab = self.jawab(
            self.ajukan("Petugas loket tidak ada di tempat pada jam istirahat.", "surat-keterangan-kepanjen"),
            "Jadwal piket loket pada jam istirahat sudah ditetapkan; mohon maaf atas ketidaknyamanannya.",
        )
        self.mundur(dijawab, 3)
        saran = self.jawab(
            self.ajukan(
                "Mohon jadwal konsultasi penyusunan SOP dibuka juga secara daring.",
                KODE_KONSULTASI,
                jenis="saran",
                nama="Sekretariat Dinas Sosial",
            ),
            "Saran diterima. Konsultasi daring dapat dijadwalkan melalui surel Bagian Organisasi.",
            tutup=True,
        )
        self.mundur(saran, 30)
        umum = self.ajukan("Papan informasi standar pelayanan di kantor-kantor belum seragam.", jenis="saran")
        self.mundur(umum, 2)


def sudah_dimuat() -> bool:
    return Layanan.objects.filter(kode=KODE_KONSULTASI).exists()


def siap() -> bool:
    """The organisasi demo (its units and logins) is loaded."""
    kode = [UNIT_KONSULTASI, DRAF[0], *(u for u, *_ in LAIN)]
    return Unit.objects.filter(kode__in=kode).count() == len(kode)


def muat() -> Demo:
    """Load it once (the caller checks `sudah_dimuat`); all or nothing."""
    d = Demo()
    with transaction.atomic():
        d.standar()
        d.survei()
        d.aduan()
    return d


def ringkasan(d: Demo) -> list[str]:
    """What a tester needs to look things up: each service's index this year, the survey codes, the tracking
    codes of the complaints with their state."""
    baris = []
    mulai = dt.date(d.hari.year, 1, 1)
    for kode, layanan in d.layanan.items():
        h = selectors.ikm(skema=layanan.skema_survei, layanan=layanan, mulai=mulai, selesai=d.hari)
        baris.append(
            f"  {kode}: IKM {d.hari.year} {h.ikm} (mutu {h.mutu.mutu if h.mutu else '-'}), {h.responden} responden"
        )
    for kode, daftar in d.kode_survei.items():
        baris.append(f"  kode survei {kode} (belum dipakai): {', '.join(daftar)}")
    for p in (
        Pengaduan.objects.filter(pk__in=[p.pk for p in d.pengaduan]).select_related("layanan").order_by("diterima")
    ):
        catatan = ", terlambat" if p.terlambat else ""
        baris.append(
            f"  kode lacak {services.tampil_lacak(p.kode_lacak)}: {p.get_jenis_display().lower()}, "
            f"{p.get_status_display().lower()}{catatan} ({p.layanan.kode if p.layanan else 'tanpa layanan'})"
        )
    return baris
