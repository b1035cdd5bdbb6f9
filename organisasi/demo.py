"""The demo Pemerintah Kabupaten Malang, in the structure exchange format of API.md.

The structure follows Perbup Malang 132/2023, Lampiran B.1 and D: the Sekretariat
Daerah (pola 1), every Perangkat Daerah of D.2 (pola 2) with UPT led by a pengawas
(pola 5) or a pejabat fungsional (pola 6), DPMPTSP (pola 3), the 33 kecamatan
(pola 4) with their 12 kelurahan (pola 5) and RSUD Lawang (pola 4). One corner is
deliberately imperfect so the kelembagaan audit has something to show.

Staff come from a seeded random generator: every run gives the same people and
NIPs; only the Plt/Plh/delegation dates and two future placements follow `hari_ini`.
About half of this module is the data below (Lampiran D, positions, names).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from . import nip as nip_mod
from .choices import JenisAsn, JenisJabatan, Jenjang
from .choices import JenisUnit as J
from .choices import Tingkat as T

KODE_INSTANSI = "kab-malang"
SANDI_DEMO = "demo-sistemkerja"
USERNAME_SUPERUSER = "admin"
USERNAME_KLIEN_API = "klien-demo"
# The demo API client's token key: fixed so `demo_login` can print it again (only its digest is stored),
# and as public as the demo password.
KUNCI_TOKEN_DEMO = hashlib.sha256(b"sistemkerja-demo-klien-api").hexdigest()[:48]
BENIH = 132  # the Perbup's number
MULAI_PENEMPATAN = dt.date(2024, 1, 2)

# --- the structure (Lampiran D) ------------------------------------------------------------------

ASISTEN = [
    ("Asisten Pemerintahan dan Kesejahteraan Rakyat", ["Pemerintahan", "Kesejahteraan Rakyat", "Hukum"]),
    ("Asisten Perekonomian dan Pembangunan", ["Perekonomian", "Administrasi Pembangunan", "Pengadaan Barang dan Jasa"]),
    (
        "Asisten Administrasi Umum",
        ["Umum", "Organisasi", "Protokol dan Komunikasi Pimpinan", "Perencanaan dan Keuangan"],
    ),
]

# Lampiran D.2 a.-ii.: kode, jenis, nama, jabatan of the head ("" = "Kepala <nama>"), rumpun of its
# staff's positions, sub-units: "Sekretariat" (led by "Sekretaris <nama>"), "Bagian ...",
# "Inspektorat Pembantu ..." (led by an Inspektur Pembantu), anything else a bidang.
PD_POLA_2 = [
    (
        "inspektorat",
        J.INSPEKTORAT,
        "Inspektorat Daerah",
        "Inspektur",
        "inspektorat",
        "Sekretariat; Inspektorat Pembantu Wilayah I; Inspektorat Pembantu Wilayah II; "
        "Inspektorat Pembantu Wilayah III",
    ),
    (
        "setwan",
        J.SEKRETARIAT_DPRD,
        "Sekretariat Dewan Perwakilan Rakyat Daerah",
        "Sekretaris DPRD",
        "setda",
        "Bagian Umum dan Keuangan; Bagian Persidangan dan Perundang-undangan; "
        "Bagian Fasilitasi Penganggaran dan Pengawasan",
    ),
    (
        "dispendik",
        J.DINAS,
        "Dinas Pendidikan",
        "",
        "pendidikan",
        "Sekretariat; Pembinaan Sekolah Dasar; "
        "Pembinaan Sekolah Menengah Pertama; Pendidikan Anak Usia Dini dan Nonformal; Ketenagaan",
    ),
    (
        "dinkes",
        J.DINAS,
        "Dinas Kesehatan",
        "",
        "kesehatan",
        "Sekretariat; Kesehatan Masyarakat; "
        "Pencegahan dan Pengendalian Penyakit; Pelayanan Kesehatan; Sumber Daya Kesehatan",
    ),
    (
        "dpkpck",
        J.DINAS,
        "Dinas Perumahan, Kawasan Permukiman dan Cipta Karya",
        "",
        "pu",
        "Sekretariat; Perumahan; Kawasan Permukiman; Cipta Karya",
    ),
    (
        "dpubm",
        J.DINAS,
        "Dinas Pekerjaan Umum Bina Marga",
        "",
        "pu",
        "Sekretariat; Pembangunan Jalan dan Jembatan; Pemeliharaan Jalan dan Jembatan",
    ),
    ("dpusda", J.DINAS, "Dinas Pekerjaan Umum Sumber Daya Air", "", "pu", "Sekretariat; Irigasi; Sungai dan Air Baku"),
    (
        "dinsos",
        J.DINAS,
        "Dinas Sosial",
        "",
        "sosial",
        "Sekretariat; Rehabilitasi Sosial; Perlindungan dan Jaminan Sosial; Pemberdayaan Sosial",
    ),
    (
        "disnaker",
        J.DINAS,
        "Dinas Tenaga Kerja",
        "",
        "naker",
        "Sekretariat; Pelatihan dan Penempatan Tenaga Kerja; Hubungan Industrial",
    ),
    (
        "dp3a",
        J.DINAS,
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "",
        "sosial",
        "Sekretariat; Kualitas Hidup Perempuan; Perlindungan Perempuan dan Anak",
    ),
    (
        "dkp",
        J.DINAS,
        "Dinas Ketahanan Pangan",
        "",
        "pertanian",
        "Sekretariat; Ketersediaan dan Distribusi Pangan; Konsumsi dan Keamanan Pangan",
    ),
    (
        "dlh",
        J.DINAS,
        "Dinas Lingkungan Hidup",
        "",
        "lingkungan",
        "Sekretariat; Tata Lingkungan; Pengelolaan Sampah dan Limbah B3; Pengendalian Pencemaran Lingkungan",
    ),
    (
        "dispendukcapil",
        J.DINAS,
        "Dinas Kependudukan dan Pencatatan Sipil",
        "",
        "kependudukan",
        "Sekretariat; Pelayanan Pendaftaran Penduduk; Pelayanan Pencatatan Sipil; "
        "Pengelolaan Informasi Administrasi Kependudukan",
    ),
    (
        "dpmd",
        J.DINAS,
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "",
        "kewilayahan",
        "Sekretariat; Pemerintahan Desa; Pemberdayaan Masyarakat Desa",
    ),
    (
        "dppkb",
        J.DINAS,
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "",
        "kependudukan",
        "Sekretariat; Pengendalian Penduduk; Keluarga Berencana",
    ),
    (
        "dishub",
        J.DINAS,
        "Dinas Perhubungan",
        "",
        "perhubungan",
        "Sekretariat; Lalu Lintas; Angkutan; Sarana dan Prasarana",
    ),
    (
        "diskominfo",
        J.DINAS,
        "Dinas Komunikasi dan Informatika",
        "",
        "kominfo",
        "Sekretariat; Aplikasi Informatika; Informasi dan Komunikasi Publik; Persandian dan Statistik",
    ),
    ("diskopum", J.DINAS, "Dinas Koperasi dan Usaha Mikro", "", "ekonomi", "Sekretariat; Koperasi; Usaha Mikro"),
    ("dispora", J.DINAS, "Dinas Pemuda dan Olahraga", "", "umum", "Sekretariat; Kepemudaan; Keolahragaan"),
    (
        "dispussip",
        J.DINAS,
        "Dinas Perpustakaan dan Kearsipan",
        "",
        "perpustakaan",
        "Sekretariat; Perpustakaan; Kearsipan",
    ),
    ("dispertan", J.DINAS, "Dinas Pertanahan", "", "umum", "Sekretariat; Pengadaan Tanah; Penatausahaan Tanah"),
    ("diskan", J.DINAS, "Dinas Perikanan", "", "perikanan", "Sekretariat; Perikanan Budidaya; Perikanan Tangkap"),
    (
        "disparbud",
        J.DINAS,
        "Dinas Pariwisata dan Kebudayaan",
        "",
        "pariwisata",
        "Sekretariat; Destinasi Pariwisata; Pemasaran Pariwisata; Kebudayaan",
    ),
    (
        "dtphbun",
        J.DINAS,
        "Dinas Tanaman Pangan, Hortikultura dan Perkebunan",
        "",
        "pertanian",
        "Sekretariat; Tanaman Pangan; Hortikultura; Perkebunan; Penyuluhan",
    ),
    (
        "disperindag",
        J.DINAS,
        "Dinas Perindustrian dan Perdagangan",
        "",
        "ekonomi",
        "Sekretariat; Perindustrian; Perdagangan; Pengelolaan Pasar",
    ),
    (
        "disnakkeswan",
        J.DINAS,
        "Dinas Peternakan dan Kesehatan Hewan",
        "",
        "peternakan",
        "Sekretariat; Produksi Peternakan; Kesehatan Hewan",
    ),
    (
        "satpolpp",
        J.DINAS,
        "Satuan Polisi Pamong Praja",
        "",
        "satpol",
        "Sekretariat; Penegakan Peraturan Daerah; Ketertiban Umum dan Ketenteraman Masyarakat; Perlindungan Masyarakat",
    ),
    (
        "bappeda",
        J.BADAN,
        "Badan Perencanaan Pembangunan Daerah",
        "",
        "perencanaan",
        "Sekretariat; Pemerintahan dan Pembangunan Manusia; Perekonomian dan Sumber Daya Alam; "
        "Infrastruktur dan Kewilayahan",
    ),
    (
        "balitbangda",
        J.BADAN,
        "Badan Penelitian dan Pengembangan Daerah",
        "",
        "perencanaan",
        "Sekretariat; Penelitian dan Pengembangan; Inovasi dan Teknologi",
    ),
    (
        "bkad",
        J.BADAN,
        "Badan Keuangan dan Aset Daerah",
        "",
        "keuangan",
        "Sekretariat; Anggaran; Perbendaharaan; Akuntansi dan Aset",
    ),
    (
        "bapenda",
        J.BADAN,
        "Badan Pendapatan Daerah",
        "",
        "keuangan",
        "Sekretariat; Pendataan dan Penetapan; Penagihan dan Keberatan",
    ),
    (
        "bkpsdm",
        J.BADAN,
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "",
        "kepegawaian",
        "Sekretariat; Pengadaan dan Informasi Kepegawaian; Mutasi dan Promosi; Pengembangan Kompetensi",
    ),
    (
        "bakesbangpol",
        J.BADAN,
        "Badan Kesatuan Bangsa dan Politik",
        "",
        "umum",
        "Sekretariat; Ideologi dan Wawasan Kebangsaan; Politik Dalam Negeri",
    ),
    (
        "bpbd",
        J.BADAN,
        "Badan Penanggulangan Bencana Daerah",
        "Kepala Pelaksana BPBD",
        "bencana",
        "Sekretariat; Pencegahan dan Kesiapsiagaan; Kedaruratan dan Logistik; Rehabilitasi dan Rekonstruksi",
    ),
    (
        "rsud-kanjuruhan",
        J.RSUD,
        "RSUD Kanjuruhan",
        "Direktur RSUD Kanjuruhan",
        "kesehatan",
        "Bagian Umum dan Keuangan; Pelayanan Medik; Keperawatan; Penunjang",
    ),
]

# UPT: (induk, nama, tingkat, the leader's fungsional position when fungsional-led).
UPT = [
    ("dinkes", "UPT Puskesmas Kepanjen", T.FUNGSIONAL, "Dokter"),
    ("dinkes", "UPT Puskesmas Singosari", T.FUNGSIONAL, "Dokter"),
    ("dinkes", "UPT Puskesmas Turen", T.FUNGSIONAL, "Dokter"),
    ("dinkes", "UPT Laboratorium Kesehatan Daerah", T.PENGAWAS, None),
    ("dispendik", "UPT SMP Negeri 1 Kepanjen", T.FUNGSIONAL, "Guru"),
    ("disnakkeswan", "UPT Pusat Kesehatan Hewan Kepanjen", T.FUNGSIONAL, "Medik Veteriner"),
    ("dishub", "UPT Pengujian Kendaraan Bermotor", T.PENGAWAS, None),
    ("dlh", "UPT Laboratorium Lingkungan", T.PENGAWAS, None),
    ("disnaker", "UPT Balai Latihan Kerja", T.PENGAWAS, None),
    ("dtphbun", "UPT Balai Benih Tanaman Pangan dan Hortikultura", T.PENGAWAS, None),
    ("disperindag", "UPT Metrologi Legal", T.PENGAWAS, None),
    ("bapenda", "UPT Pendapatan Daerah Kepanjen", T.PENGAWAS, None),
]

KECAMATAN = (
    "Ampelgading, Bantur, Bululawang, Dampit, Dau, Donomulyo, Gedangan, Gondanglegi, Jabung, Kalipare, "
    "Karangploso, Kasembon, Kepanjen, Kromengan, Lawang, Ngajum, Ngantang, Pagak, Pagelaran, Pakis, "
    "Pakisaji, Poncokusumo, Pujon, Singosari, Sumbermanjing Wetan, Sumberpucung, Tajinan, Tirtoyudo, "
    "Tumpang, Turen, Wagir, Wajak, Wonosari"
).split(", ")
KELURAHAN = {
    "Kepanjen": ["Ardirejo", "Cepokomulyo", "Kepanjen", "Penarukan"],
    "Lawang": ["Kalirejo", "Lawang", "Turirejo"],
    "Singosari": ["Candirenggo", "Losari", "Pagentan"],
    "Turen": ["Sedayu", "Turen"],
}
SEKSI_KECAMATAN = [
    "Pemerintahan",
    "Ketenteraman dan Ketertiban Umum",
    "Pemberdayaan Masyarakat dan Desa",
    "Pelayanan Umum",
    "Kesejahteraan Sosial",
]

# --- positions, ranks and names ------------------------------------------------------------------

# Fungsional positions per rumpun, "; "-separated, each "nama:kelompok:gelar ahli:gelar terampil" with
# kelompok a (ahli), t (terampil) or at (both); a gelar "dr.|" stands before the name, "|S.Kom." after.
_FUNGSIONAL = {
    "umum": "Analis Kebijakan:a:|S.Sos.; Perencana:a:|S.E.; Pranata Komputer:at:|S.Kom.:|A.Md.Kom.; "
    "Arsiparis:at:|S.Sos.:|A.Md.; Analis Pengelolaan Keuangan APBD:a:|S.E.; "
    "Pranata Keuangan APBD:t::|A.Md.Ak.; Pranata Humas:at:|S.I.Kom.:|A.Md.",
    "setda": "Analis Hukum:a:|S.H.; Perancang Peraturan Perundang-undangan:a:|S.H.; "
    "Pengelola Pengadaan Barang/Jasa:a:|S.T.; Analis Sumber Daya Manusia Aparatur:a:|S.Psi.",
    "inspektorat": "Auditor:a:|S.Ak.; Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah:a:|S.H.",
    "pendidikan": "Pengawas Sekolah:a:|S.Pd., M.Pd.; Pamong Belajar:a:|S.Pd.; Guru:a:|S.Pd.; Penilik:a:|S.Pd.",
    "kesehatan": "Dokter:a:dr.|; Perawat:at:|S.Kep., Ns.:|A.Md.Kep.; Bidan:at:|S.Tr.Keb.:|A.Md.Keb.; "
    "Apoteker:a:apt.|S.Farm.; Administrator Kesehatan:a:|S.KM.; Epidemiolog Kesehatan:a:|S.KM.; "
    "Tenaga Sanitasi Lingkungan:at:|S.KL.:|A.Md.KL.; Nutrisionis:at:|S.Gz.:|A.Md.Gz.; "
    "Pranata Laboratorium Kesehatan:at:|S.Tr.AK.:|A.Md.AK.",
    "pu": "Teknik Jalan dan Jembatan:at:|S.T.:|A.Md.T.; Teknik Pengairan:at:|S.T.:|A.Md.T.; "
    "Teknik Tata Bangunan dan Perumahan:at:|S.T.:|A.Md.T.",
    "sosial": "Pekerja Sosial:at:|S.Sos.:|A.Md.; Penyuluh Sosial:a:|S.Sos.; Psikolog Klinis:a:|S.Psi., M.Psi.",
    "naker": "Pengantar Kerja:a:|S.Psi.; Mediator Hubungan Industrial:a:|S.H.; Instruktur:at:|S.T.:|A.Md.",
    "pertanian": "Penyuluh Pertanian:at:|S.P.:|A.Md.P.; Analis Ketahanan Pangan:a:|S.P.; "
    "Pengendali Organisme Pengganggu Tumbuhan:at:|S.P.:|A.Md.P.; "
    "Pengawas Benih Tanaman:at:|S.P.:|A.Md.P.",
    "lingkungan": "Pengendali Dampak Lingkungan:a:|S.T.; Pengawas Lingkungan Hidup:a:|S.Si.",
    "kependudukan": "Administrator Database Kependudukan:at:|S.Kom.:|A.Md.Kom.; "
    "Penyuluh Keluarga Berencana:at:|S.Sos.:|A.Md.",
    "perhubungan": "Penguji Kendaraan Bermotor:at:|S.T.:|A.Md.T.",
    "kominfo": "Statistisi:at:|S.Stat.:|A.Md.; Sandiman:at:|S.Kom.:|A.Md.",
    "ekonomi": "Pengawas Koperasi:a:|S.E.; Penera:at:|S.T.:|A.Md.; Analis Perdagangan:a:|S.E.",
    "perpustakaan": "Pustakawan:at:|S.IIP.:|A.Md.",
    "perikanan": "Penyuluh Perikanan:at:|S.Pi.:|A.Md.Pi.; Pengawas Perikanan:a:|S.Pi.",
    "pariwisata": "Pamong Budaya:a:|S.S.; Adyatama Kepariwisataan dan Ekonomi Kreatif:a:|S.Par.",
    "peternakan": "Medik Veteriner:a:drh.|; Paramedik Veteriner:t::|A.Md.Vet.",
    "satpol": "Polisi Pamong Praja:at:|S.H.:",
    "perencanaan": "Peneliti:a:|S.Si.; Perekayasa:a:|S.T.",
    "keuangan": "Analis Keuangan Pusat dan Daerah:a:|S.E.; Pemeriksa Pajak Daerah:a:|S.E.",
    "kepegawaian": "Analis Sumber Daya Manusia Aparatur:a:|S.Psi.; Asesor Sumber Daya Manusia Aparatur:a:|S.Psi.",
    "bencana": "Penata Penanggulangan Bencana:at:|S.T.:|A.Md.",
    "kewilayahan": "Penggerak Swadaya Masyarakat:a:|S.Sos.; Polisi Pamong Praja:t::",
}
FUNGSIONAL = {
    rumpun: [tuple((f.split(":") + ["", ""])[:4]) for f in daftar.split("; ")] for rumpun, daftar in _FUNGSIONAL.items()
}
# Pelaksana (PermenPANRB 45/2022) with the golongan range a holder usually has.
PELAKSANA = [
    ("Pengadministrasi Perkantoran", "II/a", "II/d"),
    ("Operator Layanan Operasional", "II/a", "II/c"),
    ("Pengolah Data dan Informasi", "II/c", "III/b"),
    ("Penata Layanan Operasional", "III/a", "III/c"),
    ("Pengelola Layanan Operasional", "II/b", "III/a"),
    ("Penelaah Teknis Kebijakan", "III/a", "III/c"),
]
GELAR_STRUKTURAL = {
    "kesehatan": ["dr.|M.Kes.", "|S.KM., M.Kes."],
    "pendidikan": ["|S.Pd., M.Pd."],
    "pu": ["Ir.|M.T.", "|S.T., M.T."],
    "keuangan": ["|S.E., M.Ak.", "|S.E., M.M."],
    "peternakan": ["drh.|M.P."],
    "pertanian": ["Ir.|M.P.", "|S.P., M.Si."],
    "setda": ["|S.H., M.H.", "|S.Sos., M.Si."],
}
GELAR_STRUKTURAL_UMUM = ["|S.Sos., M.Si.", "|S.AP., M.AP.", "|S.E., M.M.", "|S.H., M.H.", "|S.IP., M.Si."]

GOLONGAN_PNS = "II/a II/b II/c II/d III/a III/b III/c III/d IV/a IV/b IV/c IV/d".split()
# tingkat or jenjang -> (PNS golongan from, to; PPPK golongan; age from, to)
PROFIL = {
    T.JPT_PRATAMA: ("IV/c", "IV/d", "", 48, 58),
    T.ADMINISTRATOR: ("IV/a", "IV/b", "", 42, 57),
    T.PENGAWAS: ("III/d", "IV/a", "", 36, 56),
    Jenjang.AHLI_MADYA: ("IV/a", "IV/c", "XI", 42, 58),
    Jenjang.AHLI_MUDA: ("III/c", "III/d", "X", 32, 52),
    Jenjang.AHLI_PERTAMA: ("III/a", "III/b", "IX", 24, 40),
    Jenjang.PENYELIA: ("III/c", "III/d", "VIII", 40, 57),
    Jenjang.MAHIR: ("III/a", "III/b", "VIII", 30, 50),
    Jenjang.TERAMPIL: ("II/c", "II/d", "VII", 23, 45),
    "pelaksana": ("II/a", "III/c", "V", 22, 57),
}

NAMA_PRIA = """Agus Bambang Budi Eko Hadi Joko Slamet Sugeng Teguh Wahyu Yudi Arif Rudi Dedi Hendra Imam
    Fajar Rizky Dimas Aditya Fauzan Ahmad Muhammad Didik Heri Gunawan Priyo Anang Andik Wawan Ilham Yoga Bayu
    Galih Hanif Lukman Mochamad Nanang Puguh Rahmat Sigit Tri Yusuf Zainal Suparno Hariadi Bagus Dwi Firman
    Irfan Kukuh Mujib Rofiq Samsul Taufik Wisnu""".split()
NAMA_WANITA = """Sri Siti Endang Dwi Rina Yuli Lilik Nanik Ani Diah Erna Indah Kartika Lia Maya Putri Ratna
    Retno Rini Titik Wulan Yeni Anisa Dewi Fitri Ayu Novita Ika Evi Tutik Umi Wiwik Heni Anik Dian Eka
    Fransiska Galuh Hesti Irma Laila Mega Nurul Octavia Pratiwi Rosita Septi Tri Vivi Yunita
    Zulaikha""".split()
MARGA_PRIA = """Santoso Prasetyo Wibowo Hidayat Setiawan Kurniawan Susanto Purnomo Wijaya Saputra Nugroho
    Hermawan Hartono Rahman Firmansyah Hakim Efendi Subagyo Widodo Sulistyo Pranoto Mulyono Prabowo Utomo
    Cahyono Darmawan Suryadi Budiono Iskandar Syahputra Wicaksono Ardiansyah Maulana Sugiarto
    Riyanto""".split()
MARGA_WANITA = """Lestari Rahayu Wahyuni Handayani Astuti Puspitasari Kusumawati Wulandari Pratiwi
    Sulistyowati Rahmawati Ningsih Setyowati Susilowati Anggraini Purwaningsih Maharani Fitriani Safitri
    Novitasari Kurniasari Hidayati Mardiana Yuliana Permatasari Damayanti Suryani Widyastuti""".split()


# --- building the tree ---------------------------------------------------------------------------


@dataclass
class _Unit:
    kode: str
    nama: str
    jenis: str
    induk: str
    tingkat: str
    mandiri: bool = False
    rumpun: str = "umum"
    staf: tuple[int, int] = (0, 0)  # how many staff sit in the node itself
    jabatan_kepala: str = ""  # "" = vacant; for a fungsional-led UPT, the leader's fungsional position
    anak: list[_Unit] = field(default_factory=list)

    def tambah(
        self,
        nama: str,
        jenis: str,
        tingkat: str,
        *,
        kode: str = "",
        awalan: str = "",
        jabatan: str = "",
        staf: tuple[int, int] = (2, 5),
        mandiri: bool = False,
    ) -> _Unit:
        anak = _Unit(
            kode or _kode(self.kode, nama, awalan),
            nama,
            jenis,
            self.kode,
            tingkat,
            mandiri,
            self.rumpun,
            staf,
            jabatan or f"Kepala {nama}",
        )
        self.anak.append(anak)
        return anak


def _kode(induk: str, nama: str, awalan: str = "") -> str:
    """`<induk>-<name in words>`, cut at a word so it stays within the 64 characters of a kode."""
    kata, hasil = slugify(nama.removeprefix(awalan)).split("-"), induk
    while kata and len(hasil) + len(kata[0]) < 63:
        hasil += "-" + kata.pop(0)
    return hasil


def _pd(kode: str, jenis: str, nama: str, kepala: str, rumpun: str, sub: str) -> _Unit:
    pd = _Unit(kode, nama, jenis, KODE_INSTANSI, T.JPT_PRATAMA, True, rumpun, jabatan_kepala=kepala or f"Kepala {nama}")
    for s in sub.split("; "):
        if s == "Sekretariat":
            pd.tambah(
                f"Sekretariat {nama}",
                J.SEKRETARIAT,
                T.ADMINISTRATOR,
                kode=f"{kode}-sekretariat",
                jabatan=f"Sekretaris {nama}",
                staf=(4, 6),
            )
        elif s.startswith("Bagian "):
            pd.tambah(s, J.BAGIAN, T.ADMINISTRATOR, awalan="Bagian ")
        elif s.startswith("Inspektorat Pembantu "):
            pd.tambah(
                s,
                J.BIDANG,
                T.ADMINISTRATOR,
                kode=_kode(f"{kode}-irban", s, "Inspektorat Pembantu "),
                jabatan=s.replace("Inspektorat", "Inspektur"),
            )
        else:
            pd.tambah(f"Bidang {s}", J.BIDANG, T.ADMINISTRATOR, kode=_kode(kode, s))
    return pd


def _setda() -> _Unit:
    setda = _Unit(
        "setda",
        "Sekretariat Daerah",
        J.SEKRETARIAT_DAERAH,
        KODE_INSTANSI,
        T.JPT_PRATAMA,
        True,
        "setda",
        jabatan_kepala="Sekretaris Daerah",
    )
    for i, (asisten, bagian) in enumerate(ASISTEN, 1):
        a = setda.tambah(asisten, J.ASISTEN, T.JPT_PRATAMA, kode=f"setda-asisten-{i}", jabatan=asisten, staf=(0, 0))
        for b in bagian:
            a.tambah(f"Bagian {b}", J.BAGIAN, T.ADMINISTRATOR, kode=_kode("setda-bag", b), staf=(3, 6))
    return setda


def _kecamatan(nama: str, rng: random.Random) -> _Unit:
    kec = _Unit(
        f"kec-{slugify(nama)}",
        f"Kecamatan {nama}",
        J.KECAMATAN,
        KODE_INSTANSI,
        T.ADMINISTRATOR,
        True,
        "kewilayahan",
        jabatan_kepala=f"Camat {nama}",
    )
    kec.tambah(
        f"Sekretariat Kecamatan {nama}",
        J.SEKRETARIAT,
        T.ADMINISTRATOR,
        kode=f"{kec.kode}-sekretariat",
        jabatan=f"Sekretaris Kecamatan {nama}",
        staf=(2, 4),
    )
    for seksi in rng.sample(SEKSI_KECAMATAN, rng.choice([2, 3])):
        kec.tambah(f"Seksi {seksi}", J.SEKSI, T.PENGAWAS, awalan="Seksi ", staf=(2, 3))
    for kel in KELURAHAN.get(nama, []):
        kec.tambah(
            f"Kelurahan {kel}",
            J.KELURAHAN,
            T.PENGAWAS,
            kode=f"kel-{slugify(kel)}",
            jabatan=f"Lurah {kel}",
            staf=(3, 5),
            mandiri=True,
        )
    return kec


def _tambahan(per_kode: dict[str, _Unit]) -> None:
    """UPT, RSUD Lawang, and the audit corner, added to their Perangkat Daerah."""
    for induk, nama, tingkat, fungsional in UPT:
        per_kode[induk].tambah(
            nama,
            J.UPT,
            tingkat,
            kode=_kode(f"{induk}-upt", nama, "UPT "),
            mandiri=True,
            jabatan=fungsional or "",
            staf=(5, 8) if fungsional else (3, 5),
        )
    lawang = per_kode["dinkes"].tambah(
        "RSUD Lawang",
        J.RSUD,
        T.ADMINISTRATOR,
        kode="rsud-lawang",
        jabatan="Direktur RSUD Lawang",
        staf=(0, 0),
        mandiri=True,
    )
    for jenis, nama in [
        (J.SUBBAGIAN, "Subbagian Tata Usaha"),
        (J.SEKSI, "Seksi Pelayanan Medik"),
        (J.SEKSI, "Seksi Keperawatan dan Penunjang"),
    ]:
        lawang.tambah(nama, jenis, T.PENGAWAS, staf=(4, 6))
    # Dinas Perhubungan kept a seksi under a bidang (the dinas then fits no pattern) ...
    lalin = next(u for u in per_kode["dishub"].anak if u.nama == "Bidang Lalu Lintas")
    lalin.tambah(
        "Seksi Manajemen dan Rekayasa Lalu Lintas", J.SEKSI, T.PENGAWAS, kode="dishub-lalu-lintas-seksi", staf=(3, 3)
    )
    # ... and Dinas Pertanahan's Bidang Penatausahaan Tanah has no head and nobody acting.
    next(u for u in per_kode["dispertan"].anak if u.nama == "Bidang Penatausahaan Tanah").jabatan_kepala = ""


def struktur() -> list[_Unit]:
    """The Perangkat Daerah of Kabupaten Malang, each with its sub-units."""
    pd_list = [_setda()] + [_pd(*baris) for baris in PD_POLA_2]
    _tambahan({pd.kode: pd for pd in pd_list})
    dpmptsp = _Unit(
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        J.DINAS,
        KODE_INSTANSI,
        T.JPT_PRATAMA,
        True,
        "ekonomi",
        (8, 12),
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    )
    dpmptsp.tambah(
        "Sekretariat DPMPTSP",
        J.SEKRETARIAT,
        T.ADMINISTRATOR,
        kode="dpmptsp-sekretariat",
        mandiri=True,
        jabatan="Sekretaris Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        staf=(5, 7),
    )
    rng = random.Random(BENIH)
    return pd_list + [dpmptsp] + [_kecamatan(nama, rng) for nama in KECAMATAN]


def semua_unit(pd_list: list[_Unit]) -> list[_Unit]:
    """Every node, a parent before its children."""
    hasil, tumpukan = [], list(reversed(pd_list))
    while tumpukan:
        u = tumpukan.pop()
        hasil.append(u)
        tumpukan.extend(reversed(u.anak))
    return hasil


# --- people --------------------------------------------------------------------------------------


def _rentang_golongan(dari: str, sampai: str) -> list[str]:
    return GOLONGAN_PNS[GOLONGAN_PNS.index(dari) : GOLONGAN_PNS.index(sampai) + 1]


def _fungsional(nama: str) -> tuple:
    return next(f for daftar in FUNGSIONAL.values() for f in daftar if f[0] == nama)


class Generator:
    """Deterministic people: plausible names with degrees, valid unique NIPs, golongan matching level."""

    def __init__(self, *, benih: int = BENIH, acuan: dt.date = MULAI_PENEMPATAN, porsi_pppk: float = 0.15):
        # Ages count from a fixed date, not today, so a seed gives the same NIPs in any year.
        self.rng = random.Random(benih)
        self.acuan = acuan
        self.porsi_pppk = porsi_pppk
        self.nip: set[str] = set()
        self.nama: set[str] = set()

    def _nama(self, pria: bool, gelar: str) -> str:
        depan, _, belakang = gelar.partition("|")
        nama_depan, marga = (NAMA_PRIA, MARGA_PRIA) if pria else (NAMA_WANITA, MARGA_WANITA)
        for _ in range(20):
            nama = f"{self.rng.choice(nama_depan)} {self.rng.choice(marga)}"
            tengah = self.rng.choice(nama_depan)
            if self.rng.random() < 0.3 and tengah not in nama:
                nama = nama.replace(" ", f" {tengah} ", 1)
            if nama not in self.nama:
                break
        self.nama.add(nama)
        return f"{depan + ' ' if depan else ''}{nama}{', ' + belakang if belakang else ''}"

    def nip_baru(self, *, jenis_asn: str, umur: tuple[int, int], pria: bool) -> str:
        """A NIP that `nip.urai` accepts, unique in this generator."""
        while True:
            tahun = self.acuan.year - self.rng.randint(*umur)
            lahir = dt.date(tahun, self.rng.randint(1, 12), self.rng.randint(1, 28))
            jk, urut = "1" if pria else "2", self.rng.randint(1, 999)
            if jenis_asn == JenisAsn.PPPK:  # lahir, tahun angkat, 2, frekuensi, jenis kelamin, urut
                angkat = self.rng.choice(
                    [y for y in (2019, 2021, 2022, 2023) if y - tahun >= 20] or [self.acuan.year - 1]
                )
                nip = f"{lahir:%Y%m%d}{angkat}2{self.rng.choice('1112')}{jk}{urut:03d}"
            else:  # lahir, TMT (tahun dan bulan), jenis kelamin, urut
                angkat = min(tahun + self.rng.randint(21, 29), self.acuan.year - 1)
                bulan = self.rng.choice(["01", "02", "03", "04", "12"])
                nip = f"{lahir:%Y%m%d}{angkat}{bulan}{jk}{urut:03d}"
            if nip not in self.nip:
                nip_mod.urai(nip, jenis_asn, hari_ini=self.acuan)  # raises on a generator bug
                self.nip.add(nip)
                return nip

    def orang(self, *, profil: str, gelar: str, pppk: bool = False) -> dict:
        gol_dari, gol_sampai, gol_pppk, umur_dari, umur_sampai = PROFIL[profil]
        pria = self.rng.random() < 0.55
        jenis_asn = JenisAsn.PPPK if pppk else JenisAsn.PNS
        golongan = gol_pppk if pppk else self.rng.choice(_rentang_golongan(gol_dari, gol_sampai))
        umur = (umur_dari, min(umur_sampai, 45)) if pppk else (umur_dari, umur_sampai)
        return {
            "nip": self.nip_baru(jenis_asn=jenis_asn, umur=umur, pria=pria),
            "nama": self._nama(pria, gelar),
            "jenis_asn": str(jenis_asn),
            "golongan": golongan,
        }

    def kepala(self, u: _Unit) -> dict:
        """The definitive head of a unit: a struktural position of its level, or a Fungsional Ahli Madya."""
        if u.tingkat == T.FUNGSIONAL:
            p = self.orang(profil=Jenjang.AHLI_MADYA, gelar=_fungsional(u.jabatan_kepala)[2])
            p.update(
                jabatan=f"{u.jabatan_kepala} Ahli Madya",
                jenis_jabatan=str(JenisJabatan.FUNGSIONAL),
                jenjang=str(Jenjang.AHLI_MADYA),
            )
        else:
            gelar = self.rng.choice(GELAR_STRUKTURAL.get(u.rumpun, GELAR_STRUKTURAL_UMUM))
            doktor = u.tingkat == T.JPT_PRATAMA and self.rng.random() < 0.3
            if doktor and not gelar.startswith(("dr.", "drh.")):
                gelar = "Dr." + gelar.removeprefix("Ir.")
            p = self.orang(profil=u.tingkat, gelar=gelar)
            p.update(jabatan=u.jabatan_kepala, jenis_jabatan=str(JenisJabatan.STRUKTURAL))
        p.update(unit=u.kode, memimpin=u.kode)
        return p

    def staf(self, u: _Unit, *, fungsional: tuple | None = None, jenjang: str | None = None) -> dict:
        """A fungsional (two in three) or pelaksana, with a position from the unit's rumpun."""
        if fungsional is None and self.rng.random() < 0.34:
            nama, gol_dari, gol_sampai = self.rng.choice(PELAKSANA)
            p = self.orang(profil="pelaksana", gelar=self.rng.choice(["", "", "", "|S.E.", "|A.Md."]))
            p.update(
                golongan=self.rng.choice(_rentang_golongan(gol_dari, gol_sampai)),
                jabatan=nama,
                jenis_jabatan=str(JenisJabatan.PELAKSANA),
                unit=u.kode,
            )
            return p
        nama, kelompok, gelar_ahli, gelar_terampil = fungsional or self.rng.choice(
            FUNGSIONAL[u.rumpun] * 2 + FUNGSIONAL["umum"]
        )
        ahli = "a" in kelompok and ("t" not in kelompok or self.rng.random() < 0.6)
        jenjang = jenjang or self.rng.choice(
            [Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA, Jenjang.AHLI_MUDA]
            if ahli
            else [Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.PENYELIA]
        )
        pppk = self.rng.random() < self.porsi_pppk * (2 if u.rumpun in ("kesehatan", "pendidikan") else 1)
        p = self.orang(profil=jenjang, gelar=gelar_ahli if ahli else gelar_terampil, pppk=pppk)
        p.update(
            jabatan=f"{nama} {Jenjang(jenjang).label}",
            jenis_jabatan=str(JenisJabatan.FUNGSIONAL),
            jenjang=str(jenjang),
            unit=u.kode,
        )
        return p


# --- the exchange dict ---------------------------------------------------------------------------

# The first staff member of these units, fixed: the demo logins and the PPK delegates.
STAF_TETAP = {
    "setda-bag-organisasi": ("Analis Kebijakan", Jenjang.AHLI_MUDA),
    "dinkes-pelayanan-kesehatan": ("Administrator Kesehatan", Jenjang.AHLI_PERTAMA),
    "dispendik-pembinaan-sekolah-dasar": ("Pengawas Sekolah", Jenjang.AHLI_MUDA),
    "rsud-lawang-seksi-pelayanan-medik": ("Dokter", Jenjang.AHLI_MUDA),
}
KOSONG_DENGAN_PLT = ("dispussip", "kec-pujon")


def data_demo(*, hari_ini: dt.date) -> dict:
    """The demo instansi as an import file of API.md (a plain JSON-able dict)."""
    gen = Generator()
    unit = semua_unit(struktur())
    pegawai: list[dict] = []
    for u in unit:
        if u.jabatan_kepala and u.kode not in KOSONG_DENGAN_PLT:
            pegawai.append(gen.kepala(u))
        if u.kode in STAF_TETAP:
            nama, jenjang = STAF_TETAP[u.kode]
            pegawai.append(gen.staf(u, fungsional=_fungsional(nama), jenjang=jenjang))
        pegawai.extend(gen.staf(u) for _ in range(gen.rng.randint(*u.staf)))
    per_kode = {u.kode: u for u in unit}
    # Fungsional Ahli Madya directly under the JPT (Lampiran D.3: pola 3 for them).
    for kode, nama in [("dinkes", "Administrator Kesehatan"), ("bappeda", "Perencana"), ("inspektorat", "Auditor")]:
        pegawai.append(gen.staf(per_kode[kode], fungsional=_fungsional(nama), jenjang=Jenjang.AHLI_MADYA))
    for p in pegawai:
        p["mulai"] = MULAI_PENEMPATAN.isoformat()
    # Two transfers-in whose placement starts in two weeks: active, without a unit today (the audit
    # lists them).
    for _ in range(2):
        baru = gen.staf(per_kode["bkpsdm"], fungsional=_fungsional("Analis Kebijakan"), jenjang=Jenjang.AHLI_MUDA)
        pegawai.append(
            baru
            | {
                "mulai": (hari_ini + dt.timedelta(days=14)).isoformat(),
                "nomor_sk": f"800.1.6/{len(pegawai)}/35.07.403/{hari_ini.year}",
            }
        )
    return {
        "instansi": [
            {
                "kode": KODE_INSTANSI,
                "nama": "Pemerintah Kabupaten Malang",
                "kode_wilayah": "35.07",
                "tempat": "Kepanjen",
                "alamat": "Jl. Panji No. 158, Kepanjen, Kabupaten Malang 65163",
            }
        ],
        "unit": [
            {
                "kode": u.kode,
                "nama": u.nama,
                "jenis": str(u.jenis),
                "induk": u.induk,
                "tingkat": str(u.tingkat),
                "mandiri": u.mandiri,
            }
            for u in unit
        ],
        "pegawai": pegawai,
        **_peran_sementara(pegawai, hari_ini),
    }


def _peran_sementara(pegawai: list[dict], hari_ini: dt.date) -> dict:
    """Plt for the vacant heads, Plh for absent ones and PPK delegations, all in force on `hari_ini`."""
    kepala = {p["memimpin"]: p["nip"] for p in pegawai if p.get("memimpin")}
    kasi_singosari = next(n for k, n in kepala.items() if k.startswith("kec-singosari-") and "sekretariat" not in k)

    def staf(unit: str) -> str:
        return next(p["nip"] for p in pegawai if p.get("unit") == unit and not p.get("memimpin"))

    def peran(unit: str, nip: str, jenis: str, mulai: int, selesai: int, kolom: tuple = ("unit", "nip")) -> dict:
        hari = [(hari_ini + dt.timedelta(days=n)).isoformat() for n in (mulai, selesai)]
        return {kolom[0]: unit, kolom[1]: nip, "mulai": hari[0], "selesai": hari[1]} | (
            {"jenis": jenis} if jenis != "delegasi" else {}
        )

    delegasi = ("dari_unit", "kepada_nip")
    return {
        "plt": [
            # the Kepala Dinas Perpustakaan dan Kearsipan retired: the Plt's term ends within 30 days
            peran("dispussip", kepala["dispussip-sekretariat"], "plt", -70, 20),
            peran("kec-pujon", kepala["kec-pujon-sekretariat"], "plt", -30, 60),
            # the Kepala Bappeda and the Lurah Losari are away on duty
            peran("bappeda", kepala["bappeda-sekretariat"], "plh", -4, 10),
            peran("kel-losari", kasi_singosari, "plh", -1, 5),
        ],
        "delegasi": [
            peran(
                "dispendik-pembinaan-sekolah-dasar",
                staf("dispendik-pembinaan-sekolah-dasar"),
                "delegasi",
                -10,
                50,
                delegasi,
            ),
            peran(
                "rsud-lawang-seksi-pelayanan-medik",
                staf("rsud-lawang-seksi-pelayanan-medik"),
                "delegasi",
                -5,
                25,
                delegasi,
            ),
        ],
    }


@dataclass(frozen=True)
class LoginDemo:
    peran: str
    nip: str
    coba: str
    admin_organisasi: bool = False


def login_demo(data: dict) -> list[LoginDemo]:
    """The people whose accounts get the demo password, found in the demo data by their place."""
    pegawai = data["pegawai"]

    def pertama(**syarat) -> dict:
        return next(p for p in pegawai if all(p.get(k) == v for k, v in syarat.items()))

    staf = pertama(unit="dinkes-pelayanan-kesehatan", memimpin=None, jenis_jabatan="fungsional")
    return [
        LoginDemo(
            "Admin Organisasi (Bagian Organisasi)",
            pertama(unit="setda-bag-organisasi", memimpin=None)["nip"],
            "/audit/ (audit kelembagaan), /struktur/, /admin/",
            admin_organisasi=True,
        ),
        LoginDemo(
            "Pimpinan (Kepala Dinas Kesehatan)",
            pertama(memimpin="dinkes")["nip"],
            "/unit/dinkes/, /api/v1/unit/dinkes/pohon/",
        ),
        LoginDemo(
            "PPK (Kepala Bidang Pelayanan Kesehatan)",
            pertama(memimpin="dinkes-pelayanan-kesehatan")["nip"],
            "/ (beranda: yang menunggu keputusan), /unit/dinkes-pelayanan-kesehatan/",
        ),
        LoginDemo("Staf fungsional di bawah PPK itu", staf["nip"], "/ (beranda dan menu)"),
    ]


# --- what the demo's letters carry ---------------------------------------------------------------

# The short code of each Perangkat Daerah in letter numbers (800.1.11.1/0012/Dinkes/2027); a kecamatan's is
# "Kec.<name>". Made up for the demo, like the rest of it.
KODE_NASKAH = {
    "setda": "Setda",
    "inspektorat": "Inspektorat",
    "setwan": "Setwan",
    "dispendik": "Dispendik",
    "dinkes": "Dinkes",
    "dpkpck": "DPKPCK",
    "dpubm": "DPUBM",
    "dpusda": "DPUSDA",
    "dinsos": "Dinsos",
    "disnaker": "Disnaker",
    "dp3a": "DP3A",
    "dkp": "DKP",
    "dlh": "DLH",
    "dispendukcapil": "Dispendukcapil",
    "dpmd": "DPMD",
    "dppkb": "DPPKB",
    "dishub": "Dishub",
    "diskominfo": "Diskominfo",
    "diskopum": "Diskopum",
    "dispora": "Dispora",
    "dispussip": "Dispussip",
    "dispertan": "Dispertan",
    "diskan": "Diskan",
    "disparbud": "Disparbud",
    "dtphbun": "DTPHBun",
    "disperindag": "Disperindag",
    "disnakkeswan": "Disnakkeswan",
    "satpolpp": "Satpol.PP",
    "bappeda": "Bappeda",
    "balitbangda": "Balitbangda",
    "bkad": "BKAD",
    "bapenda": "Bapenda",
    "bkpsdm": "BKPSDM",
    "bakesbangpol": "Bakesbangpol",
    "bpbd": "BPBD",
    "rsud-kanjuruhan": "RSUD-Kanjuruhan",
    "dpmptsp": "DPMPTSP",
}


def naskah_demo_pasang() -> None:
    """Give the demo instansi a placeholder lambang (drawn in code, no real emblem) and its units' letter
    codes, through the services as the Bagian Organisasi would in the admin."""
    from django.core.files.base import ContentFile

    from .models import Instansi, Unit
    from .naskah import lambang_contoh_png
    from .services import instansi_ubah, unit_ubah

    instansi = Instansi.objects.get(kode=KODE_INSTANSI)
    if not instansi.lambang:
        instansi_ubah(
            pelaku=None, instansi=instansi, lambang=ContentFile(lambang_contoh_png(), name="lambang-kab-malang.png")
        )
    for unit in Unit.objects.filter(instansi=instansi, depth=2, kode_naskah=""):
        kode = KODE_NASKAH.get(unit.kode)
        if kode is None and unit.nama.startswith("Kecamatan "):
            kode = "Kec." + unit.nama.removeprefix("Kecamatan ").replace(" ", "")
        if kode:
            unit_ubah(pelaku=None, unit=unit, kode_naskah=kode, hitung_pola=False)
