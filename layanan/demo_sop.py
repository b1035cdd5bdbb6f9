"""SOPs in the demo Kabupaten Malang (`muat(d)`, after `layanan.demo`), through the SOP services so each step
has its history, in the format of PermenPANRB 35/2012:

- the Bagian Organisasi's "Fasilitasi Konsultasi" following seed 001's procedure (a letter from the agency,
  the Kepala Bagian's disposition, the Kepala Subbagian or the appointed staff facilitating), with a decision
  "Berkas lengkap?" looping back to the agency and a second one on the revised document: twelve rows, so its
  PDF's flowchart runs over two pages with off-page connectors; version 1 replaced by version 2;
- the health laboratory's water sample testing (a loop back when a sample is unfit), governing its service;
- the licensing office's NIB and Sertifikat Standar, in force, with a revision being drafted;
- the civil registry's family card, a draft not yet approved.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from organisasi.models import Unit

from .models import RiwayatLayanan, Sop, VersiSop
from .services import sop as sop_services

M, K, P, S = "mulai", "kegiatan", "keputusan", "selesai"


def _b(uraian, pelaksana, jenis=K, **lain) -> dict:
    return {"uraian": uraian, "pelaksana": pelaksana, "jenis": jenis, **lain}


KONSULTASI = {
    "unit": "setda-bag-organisasi",
    "nomor": "061/01/35.07.101/{tahun}",
    "nama": "Fasilitasi Konsultasi Penyusunan Dokumen Kinerja dan Pelayanan Publik",
    "layanan": ["konsultasi-bagian-organisasi"],
    "identitas": {
        "dasar_hukum": "1. Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi "
        "Pemerintahan;\n2. Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, "
        "Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah;\n3. Peraturan Menteri "
        "PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat;\n4. Peraturan Bupati "
        "Malang Nomor 132 Tahun 2023 tentang Sistem Kerja.",
        "kualifikasi_pelaksana": "1. Pendidikan paling rendah S1 Pemerintahan/Administrasi/Sosial/Hukum;\n"
        "2. Memahami akuntabilitas kinerja, standar pelayanan, SOP dan SKM;\n3. Mampu menganalisis persoalan dan "
        "menyimpulkan hasil pembahasan;\n4. Mampu berkomunikasi dan mengoperasikan perangkat internet.",
        "keterkaitan": "SOP Penerimaan dan Pengagendaan Surat Masuk Sekretariat Daerah.",
        "peralatan": "1. Komputer dan jaringan internet;\n2. Surat atau surel;\n3. Telepon;\n4. Ruang rapat;\n"
        "5. Materi peraturan dan format dokumen.",
        "peringatan": "Apabila berkas tidak lengkap, konsultasi belum dapat dijadwalkan dan berkas dikembalikan "
        "kepada perangkat daerah pemohon.",
        "pencatatan": "Agenda surat masuk, notulen konsultasi dan nota hasil konsultasi disimpan sebagai arsip "
        "Bagian Organisasi.",
    },
    "pelaksana": ["Perangkat Daerah Pemohon", "Kepala Bagian Organisasi", "Kepala Subbagian", "Staf Pelaksana"],
    "langkah": [
        _b("Menyampaikan surat permohonan konsultasi kepada Bagian Organisasi", 1, M, output="Surat permohonan"),
        _b(
            "Menerima surat dan mendisposisikan kepada Kepala Subbagian yang menangani",
            2,
            waktu="1 hari",
            kelengkapan="Surat permohonan",
            output="Lembar disposisi",
        ),
        _b(
            "Menyampaikan draf dokumen dan data dukung yang akan dikonsultasikan",
            1,
            kelengkapan="Draf LAKIP/PK/standar pelayanan/SOP/SKM/SPM",
            output="Berkas konsultasi",
        ),
        _b(
            "Memeriksa kelengkapan berkas konsultasi",
            3,
            waktu="1 hari",
            kelengkapan="Berkas konsultasi",
            output="Catatan kelengkapan",
        ),
        _b("Berkas lengkap?", 3, P, ke_tidak=3, keterangan="Tidak: berkas dikembalikan untuk dilengkapi"),
        _b("Menjadwalkan konsultasi dan menunjuk staf pendamping", 3, waktu="1 hari", output="Jadwal konsultasi"),
        _b(
            "Memfasilitasi konsultasi bersama perangkat daerah",
            4,
            waktu="2 jam",
            kelengkapan="Berkas konsultasi",
            output="Notulen dan catatan perbaikan",
        ),
        _b("Memperbaiki dokumen sesuai catatan hasil konsultasi", 1, waktu="5 hari kerja", output="Dokumen perbaikan"),
        _b("Meneliti dokumen perbaikan", 4, waktu="2 hari", output="Telaahan staf"),
        _b("Dokumen sesuai ketentuan?", 3, P, ke_tidak=8, keterangan="Tidak: kembali diperbaiki"),
        _b("Menandatangani nota hasil konsultasi", 2, waktu="1 hari", output="Nota hasil konsultasi"),
        _b("Menerima hasil konsultasi dan mengisi survei kepuasan", 1, S, output="Hasil konsultasi"),
    ],
}
LAB = {
    "unit": "dinkes-upt-laboratorium-kesehatan-daerah",
    "nomor": "440/07/35.07.103.19/{tahun}",
    "nama": "Pemeriksaan Laboratorium Kualitas Air Minum",
    "layanan": ["uji-laboratorium-kesehatan"],
    "identitas": {
        "dasar_hukum": "1. Peraturan Menteri Kesehatan Nomor 2 Tahun 2023 tentang Kesehatan Lingkungan;\n"
        "2. Peraturan Daerah tentang Retribusi Jasa Umum Pelayanan Kesehatan.",
        "kualifikasi_pelaksana": "Pranata Laboratorium Kesehatan bersertifikat; memahami ISO/IEC 17025.",
        "keterkaitan": "SOP Pengambilan dan Penanganan Sampel Air; SOP Kalibrasi Peralatan Laboratorium.",
        "peralatan": "Wadah steril, lemari pendingin sampel, spektrofotometer, inkubator, komputer.",
        "peringatan": "Sampel yang diserahkan lebih dari 6 jam setelah diambil atau wadahnya tidak steril ditolak.",
        "pencatatan": "Buku register sampel, lembar kerja analis, laporan hasil uji.",
    },
    "pelaksana": ["Pemohon", "Petugas Loket", "Analis Laboratorium", "Kepala UPT"],
    "langkah": [
        _b("Mengambil wadah steril dan formulir permintaan pemeriksaan", 1, M),
        _b("Menyerahkan sampel air dan formulir yang telah diisi", 1, kelengkapan="Formulir, sampel, KTP"),
        _b("Memeriksa kelayakan sampel", 2, waktu="15 menit", output="Catatan kelayakan"),
        _b("Sampel layak?", 2, P, ke_tidak=2, keterangan="Tidak: pemohon mengambil sampel ulang"),
        _b(
            "Mencatat sampel dan menerbitkan tanda terima serta tagihan retribusi",
            2,
            waktu="15 menit",
            output="Tanda terima, tagihan",
        ),
        _b("Menguji parameter fisika, kimia dan mikrobiologi", 3, waktu="5 hari kerja", output="Lembar kerja"),
        _b("Menyusun laporan hasil uji", 3, waktu="1 hari", output="Draf laporan hasil uji"),
        _b("Hasil uji valid?", 4, P, ke_tidak=6, keterangan="Tidak: uji ulang"),
        _b("Menandatangani laporan hasil uji", 4, waktu="1 hari", output="Laporan hasil uji"),
        _b("Menerima laporan hasil uji", 1, S),
    ],
}
IZIN = {
    "unit": "dpmptsp",
    "nomor": "503/02/35.07.122/{tahun}",
    "nama": "Penerbitan Nomor Induk Berusaha dan Sertifikat Standar",
    "layanan": ["izin-usaha"],
    "identitas": {
        "dasar_hukum": "1. Peraturan Pemerintah Nomor 28 Tahun 2025 tentang Penyelenggaraan Perizinan Berusaha "
        "Berbasis Risiko;\n2. Peraturan Bupati tentang Pendelegasian Kewenangan Perizinan.",
        "kualifikasi_pelaksana": "Memahami perizinan berusaha berbasis risiko dan sistem OSS.",
        "keterkaitan": "",
        "peralatan": "Komputer, jaringan internet, akun OSS petugas.",
        "peringatan": "Data yang tidak sesuai dengan dokumen asli menunda penerbitan.",
        "pencatatan": "Register permohonan perizinan dan arsip elektronik OSS.",
    },
    "pelaksana": ["Pemohon", "Petugas Front Office", "Verifikator", "Kepala Bidang Perizinan"],
    "langkah": [
        _b("Mendaftar melalui OSS atau meminta pendampingan di loket", 1, M),
        _b("Membantu pengisian data usaha pada OSS", 2, waktu="30 menit", output="Data usaha"),
        _b("Memverifikasi data dan persyaratan", 3, waktu="1 hari", output="Hasil verifikasi"),
        _b("Persyaratan terpenuhi?", 3, P, ke_tidak=2),
        _b("Menyetujui penerbitan sertifikat standar", 4, waktu="1 hari", output="Sertifikat standar"),
        _b("Menerima NIB dan sertifikat standar", 1, S),
    ],
}
KK = {
    "unit": "dispendukcapil-pelayanan-pendaftaran-penduduk",
    "nomor": "470/03/35.07.112/{tahun}",
    "nama": "Penerbitan Kartu Keluarga",
    "layanan": ["kartu-keluarga"],
    "identitas": {
        "dasar_hukum": "Undang-Undang Nomor 24 Tahun 2013 tentang Administrasi Kependudukan.",
        "peralatan": "Komputer SIAK, pencetak, mesin antrean.",
    },
    "pelaksana": ["Pemohon", "Petugas Loket", "Operator SIAK"],
    "langkah": [
        _b("Mengambil antrean dan menyerahkan formulir F-1.01", 1, M),
        _b("Memeriksa kelengkapan berkas", 2, waktu="10 menit"),
        _b("Merekam data dan mencetak Kartu Keluarga", 3, waktu="30 menit", output="Kartu Keluarga"),
        _b("Menerima Kartu Keluarga", 1, S),
    ],
}


class DemoSop:
    def __init__(self, d):
        self.d = d
        self.hari = d.hari
        self.sop: list[Sop] = []

    def daftar(self, data: dict, pembuatan: dt.date) -> Sop:
        unit = Unit.objects.get(kode=data["unit"])
        sop = sop_services.sop_daftarkan(
            pelaku=self.d.petugas(unit).akun,
            unit=unit,
            nomor=data["nomor"].format(tahun=pembuatan.year),
            nama=data["nama"],
            layanan=[self.d.layanan[k] for k in data["layanan"] if k in self.d.layanan],
            identitas={**data["identitas"], "tanggal_pembuatan": pembuatan},
            pelaksana=data["pelaksana"],
            langkah=data["langkah"],
        )
        self.sop.append(sop)
        return sop

    def sahkan(self, sop: Sop, efektif: dt.date) -> VersiSop:
        """Approved by the unit's head, in force from `efektif` (the demo's history reaches back)."""
        versi = sop_services.sop_terbitkan(pelaku=self.d.kepala(sop.unit).akun, sop=sop, tanggal_efektif=efektif)
        sejak = timezone.make_aware(dt.datetime.combine(efektif, dt.time(8, 0)))
        VersiSop.objects.filter(sop=sop, berlaku_sampai__gt=sejak).update(berlaku_sampai=sejak)
        VersiSop.objects.filter(pk=versi.pk).update(berlaku_sejak=sejak)
        VersiSop.objects.filter(sop=sop, dibuat__gt=sejak).update(dibuat=sejak - dt.timedelta(days=7))
        RiwayatLayanan.objects.filter(sop=sop, waktu__gt=sejak).update(waktu=sejak)
        return versi

    def muat(self) -> None:
        tahun_lalu = dt.date(self.hari.year - 1, 2, 3)
        konsultasi = self.daftar(KONSULTASI, tahun_lalu)
        self.sahkan(konsultasi, tahun_lalu + dt.timedelta(days=14))
        revisi = self.hari - dt.timedelta(days=60)
        sop_services.sop_versi_buat(
            pelaku=self.d.petugas(konsultasi.unit).akun,
            sop=konsultasi,
            catatan="Penilaian kepuasan melalui survei daring ditambahkan pada langkah terakhir.",
            identitas={
                "pencatatan": KONSULTASI["identitas"]["pencatatan"] + " Hasil survei kepuasan direkap setiap semester."
            },
        )
        self.sahkan(konsultasi, max(revisi, tahun_lalu + dt.timedelta(days=15)))
        lab = self.daftar(LAB, tahun_lalu + dt.timedelta(days=30))
        self.sahkan(lab, tahun_lalu + dt.timedelta(days=45))
        izin = self.daftar(IZIN, tahun_lalu + dt.timedelta(days=20))
        self.sahkan(izin, tahun_lalu + dt.timedelta(days=40))
        sop_services.sop_versi_buat(
            pelaku=self.d.petugas(izin.unit).akun,
            sop=izin,
            catatan="Penyesuaian dengan PP 28/2025: verifikasi lapangan untuk risiko menengah tinggi.",
        )
        self.daftar(KK, self.hari - dt.timedelta(days=7))  # a draft, not yet approved

    def ringkasan(self) -> list[str]:
        baris = [f"  SOP: {len(self.sop)} SOP di /sop/ (PDF dan bagan alir di halaman masing-masing)"]
        for s in Sop.objects.filter(pk__in=[s.pk for s in self.sop]).select_related("versi_berlaku").order_by("pk"):
            keadaan = f"versi {s.versi_berlaku.nomor} berlaku" if s.versi_berlaku else "draf, belum disahkan"
            baris.append(f"    /sop/{s.pk}/: {s.nomor} {s.nama} ({keadaan})")
        return baris


def muat(d) -> list[str]:
    """Load the demo's SOPs into the demo world `d` of `layanan.demo` (once, all or nothing); the summary's lines."""
    s = DemoSop(d)
    with transaction.atomic():
        s.muat()
    return s.ringkasan()
