"""Business-process maps, review rounds and clusters in the demo Kabupaten Malang (`muat(d)`, after
`layanan.demo`), through the services so every step has its history:

- the Dinas Kesehatan's maps: level 1 "Pelayanan Kesehatan Masyarakat" with two level-2 maps, a subprocess
  map (a BPMN 2.0 model), a relation map and a cross-function map still in draft; a newer drawing of the
  level-1 map waiting to be set; the DPMPTSP's level 1 and 2 with a cross-function map involving the Dinas
  Kesehatan. Drawings are small generated PNGs, a one-page PDF and a BPMN model;
- a review round of the Dinas Kesehatan running, with findings in every state (one sent back once), one of
  the DPMPTSP closed last year with its conclusion, one of the civil registry planned;
- three clusters of the kabupaten's agencies (health and social affairs, economy, government) with their
  shared SOPs (those the SOP demo made, if loaded) and services.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from organisasi.models import Instansi, Unit

from . import selectors as sel
from .choices import JenisPeta
from .models import Layanan, PetaProses, Rumpun, Sop
from .peta_baca import q_pd
from .services import peta as peta_services
from .services import reviu as reviu_services
from .services import rumpun as rumpun_services

L, SUB, REL, LF = JenisPeta.LEVEL, JenisPeta.SUBPROSES, JenisPeta.RELASI, JenisPeta.LINTAS_FUNGSI

# (kode, nama, jenis, unit kode or bidang name within the agency, parent kode, drawing, set in force)
PETA = {
    "dinkes": [
        ("PB-DINKES-01", "Pelayanan Kesehatan Masyarakat", L, "", None, "png", True),
        (
            "PB-DINKES-01.1",
            "Pelayanan Kesehatan Dasar dan Rujukan",
            L,
            "Pelayanan Kesehatan",
            "PB-DINKES-01",
            "png",
            True,
        ),
        ("PB-DINKES-01.2", "Pemeriksaan Laboratorium Kesehatan", L, "UPT Laboratorium", "PB-DINKES-01", "pdf", True),
        ("SP-DINKES-01.1.1", "Rujukan Pasien Antarfasilitas", SUB, "UPT Puskesmas", "PB-DINKES-01.1", "bpmn", True),
        ("RL-DINKES-01", "Relasi Dinas Kesehatan dengan Perangkat Daerah", REL, "", "PB-DINKES-01", "png", True),
        ("LF-DINKES-01", "Penanggulangan Kejadian Luar Biasa", LF, "", "PB-DINKES-01", "png", False),
    ],
    "dpmptsp": [
        ("PB-DPMPTSP-01", "Pelayanan Perizinan Berusaha Terintegrasi", L, "", None, "png", True),
        ("PB-DPMPTSP-01.1", "Penerbitan NIB dan Sertifikat Standar", L, "", "PB-DPMPTSP-01", "bpmn", True),
        ("LF-DPMPTSP-01", "Verifikasi Lapangan Perizinan Berisiko Tinggi", LF, "", "PB-DPMPTSP-01", "png", True),
    ],
}
LANGKAH = {
    "PB-DINKES-01": ["Perencanaan", "Pelayanan", "Pengawasan", "Evaluasi"],
    "PB-DINKES-01.1": ["Pendaftaran", "Pemeriksaan", "Rujukan", "Pelaporan"],
    "RL-DINKES-01": ["Dinkes", "Dinsos", "DP3A", "DPPKB"],
    "LF-DINKES-01": ["Laporan", "Penyelidikan", "Respons", "Pemulihan"],
    "PB-DPMPTSP-01": ["Permohonan", "Verifikasi", "Penerbitan", "Pengawasan"],
    "LF-DPMPTSP-01": ["DPMPTSP", "Dinas Teknis", "Tim Lapangan", "Keputusan"],
}

RUMPUN = [
    (
        "kesehatan-sosial",
        "Rumpun Kesehatan dan Sosial",
        "Kesehatan\nSosial\nPemberdayaan Perempuan dan Perlindungan Anak\nPengendalian Penduduk dan Keluarga Berencana",
        ["dinkes", "dinsos", "dp3a", "dppkb"],
        ["uji-laboratorium-kesehatan"],
    ),
    (
        "perekonomian",
        "Rumpun Perekonomian",
        "Penanaman Modal\nKoperasi dan Usaha Kecil\nTenaga Kerja\nPariwisata",
        ["dpmptsp", "diskopum", "disnaker", "disparbud"],
        ["izin-usaha"],
    ),
    (
        "pemerintahan",
        "Rumpun Pemerintahan",
        "Pemerintahan Umum\nAdministrasi Kependudukan dan Pencatatan Sipil\nPemberdayaan Masyarakat dan Desa",
        ["setda", "kec-kepanjen", "dispendukcapil", "dpmd"],
        ["surat-keterangan-kepanjen", "kartu-keluarga", "konsultasi-bagian-organisasi"],
    ),
]

BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="def-{kode}"
  targetNamespace="https://sistemkerja.malangkab.go.id/bpmn">
  <process id="proses-{kode}" name="{nama}" isExecutable="false">
    <startEvent id="mulai" name="Mulai"/>
    <task id="t1" name="Menerima permohonan"/>
    <exclusiveGateway id="g1" name="Berkas lengkap?"/>
    <task id="t2" name="Memproses dan memutuskan"/>
    <endEvent id="selesai" name="Selesai"/>
    <sequenceFlow id="f1" sourceRef="mulai" targetRef="t1"/>
    <sequenceFlow id="f2" sourceRef="t1" targetRef="g1"/>
    <sequenceFlow id="f3" name="ya" sourceRef="g1" targetRef="t2"/>
    <sequenceFlow id="f4" name="tidak" sourceRef="g1" targetRef="t1"/>
    <sequenceFlow id="f5" sourceRef="t2" targetRef="selesai"/>
  </process>
</definitions>
"""


def gambar(judul: str, langkah: list[str], *, format_: str = "PNG") -> bytes:
    """A small drawing of a process: its title and its steps as boxes joined by arrows."""
    lebar, tinggi = 160 * len(langkah) + 40, 170
    img = Image.new("RGB", (lebar, tinggi), "white")
    g = ImageDraw.Draw(img)
    g.text((20, 14), judul[:80], fill=(11, 93, 107))
    for i, teks in enumerate(langkah):
        x = 20 + i * 160
        g.rounded_rectangle((x, 60, x + 120, 120), radius=10, outline=(11, 93, 107), width=3, fill=(227, 241, 243))
        g.text((x + 10, 82), teks[:18], fill=(28, 36, 40))
        if i < len(langkah) - 1:
            g.line((x + 120, 90, x + 160, 90), fill=(90, 103, 112), width=3)
            g.polygon([(x + 160, 90), (x + 150, 84), (x + 150, 96)], fill=(90, 103, 112))
    keluaran = io.BytesIO()
    img.save(keluaran, format=format_)
    return keluaran.getvalue()


class DemoPeta:
    def __init__(self, d):
        self.d = d
        self.hari = d.hari
        self.instansi = Instansi.objects.get(unit__kode="dinkes")
        kepala = sel.kepala_bagian_organisasi(self.instansi)
        self.bo = kepala.pegawai.akun if kepala and kepala.pegawai.akun_id else d.admin.akun
        self.peta: dict[str, PetaProses] = {}

    # --- maps --------------------------------------------------------------------------------------

    def _unit(self, pd: Unit, petunjuk: str) -> Unit:
        if not petunjuk:
            return pd
        return (
            Unit.objects.filter(path__startswith=pd.path, nama__icontains=petunjuk, aktif=True).order_by("path").first()
            or pd
        )

    def _berkas(self, kode: str, nama: str, jenis: str) -> SimpleUploadedFile:
        if jenis == "bpmn":
            return SimpleUploadedFile(f"{kode}.bpmn", BPMN.format(kode=kode.lower(), nama=nama).encode())
        langkah = LANGKAH.get(kode, ["Masukan", "Proses", "Keluaran"])
        if jenis == "pdf":
            return SimpleUploadedFile(f"{kode}.pdf", gambar(f"{kode} {nama}", langkah, format_="PDF"))
        return SimpleUploadedFile(f"{kode}.png", gambar(f"{kode} {nama}", langkah))

    def peta_pd(self, kode_pd: str) -> None:
        pd = Unit.objects.get(kode=kode_pd)
        pengelola = self.d.petugas(pd).akun
        terlibat = list(Unit.objects.filter(path__startswith=pd.path, depth=pd.depth + 1, aktif=True)[:4])
        sop = list(Sop.objects.filter(q_pd(pd.path)).order_by("pk")[:2])
        for i, (kode, nama, jenis, petunjuk, induk, berkas, tetapkan) in enumerate(PETA[kode_pd]):
            unit = self._unit(pd, petunjuk)
            p = peta_services.peta_daftarkan(
                pelaku=pengelola,
                unit=unit,
                kode=kode,
                nama=nama,
                jenis=jenis,
                induk=self.peta.get(induk),
                unit_terlibat=terlibat if i == 0 or jenis in (LF, REL) else [unit],
                sop=sop if jenis == L else [],
                uraian=f"{nama} pada {pd.nama}.",
            )
            self.peta[kode] = p
            peta_services.peta_versi_unggah(
                pelaku=pengelola, peta=p, berkas=self._berkas(kode, nama, berkas), catatan="Peta awal."
            )
            if tetapkan:
                peta_services.peta_terbitkan(
                    pelaku=self.d.kepala(pd).akun, peta=p, tanggal_penetapan=self.hari - dt.timedelta(days=90 - i)
                )

    # --- review rounds -----------------------------------------------------------------------------

    def reviu(self) -> None:
        dinkes, dpmptsp = Unit.objects.get(kode="dinkes"), Unit.objects.get(kode="dpmptsp")
        pengelola = self.d.petugas(dinkes).akun
        r = reviu_services.reviu_buka(
            pelaku=self.bo,
            perangkat_daerah=dinkes,
            tahun=self.hari.year,
            judul=f"Reviu dan Evaluasi Proses Bisnis dan SOP Dinas Kesehatan {self.hari.year}",
            metode="Telaah dokumen peta dan SOP, wawancara dengan pengelola proses, observasi di puskesmas.",
            mulai=self.hari - dt.timedelta(days=30),
            selesai=self.hari + dt.timedelta(days=30),
        )
        r = reviu_services.reviu_status(pelaku=self.bo, reviu=r, status="berjalan")
        catat = reviu_services.temuan_catat
        selesai = catat(
            pelaku=self.bo,
            reviu=r,
            peta=self.peta["PB-DINKES-01"],
            uraian="Peta level 1 belum menampilkan UPT Puskesmas sebagai unit yang terlibat.",
            rekomendasi="Tambahkan UPT Puskesmas dan perbarui gambarnya.",
        )
        reviu_services.temuan_tindak_lanjut(
            pelaku=pengelola, temuan=selesai, tindak_lanjut="UPT Puskesmas ditambahkan; gambar versi 2 diunggah."
        )
        reviu_services.temuan_tutup(pelaku=self.bo, temuan=selesai, terima=True, catatan="Sesuai.")
        peta_services.peta_versi_unggah(
            pelaku=pengelola,
            peta=self.peta["PB-DINKES-01"],
            berkas=SimpleUploadedFile(
                "PB-DINKES-01-v2.png",
                gambar("PB-DINKES-01 Pelayanan Kesehatan Masyarakat (v2)", [*LANGKAH["PB-DINKES-01"], "Puskesmas"]),
            ),
            catatan="UPT Puskesmas ditambahkan (tindak lanjut reviu).",
        )
        menunggu = catat(
            pelaku=self.bo,
            reviu=r,
            peta=self.peta["SP-DINKES-01.1.1"],
            uraian="Subproses rujukan belum memuat keputusan bila rumah sakit rujukan penuh.",
            rekomendasi="Tambahkan gerbang keputusan dan alur rujukan alternatif.",
            tenggat=self.hari + dt.timedelta(days=14),
        )
        reviu_services.temuan_tindak_lanjut(
            pelaku=pengelola, temuan=menunggu, tindak_lanjut="Draf model BPMN direvisi; menunggu pemeriksaan."
        )
        dikembalikan = catat(
            pelaku=self.bo,
            reviu=r,
            peta=self.peta["LF-DINKES-01"],
            uraian="Peta lintas fungsi penanggulangan KLB belum ditetapkan pimpinan.",
            rekomendasi="Selesaikan dan tetapkan peta bersama bidang terkait.",
            tenggat=self.hari + dt.timedelta(days=21),
        )
        reviu_services.temuan_tindak_lanjut(pelaku=pengelola, temuan=dikembalikan, tindak_lanjut="Sedang disusun.")
        reviu_services.temuan_tutup(
            pelaku=self.bo, temuan=dikembalikan, terima=False, catatan="Lampirkan jadwal penetapan dan pembagian peran."
        )
        sop = Sop.objects.filter(q_pd(dinkes.path)).order_by("pk").first()
        if sop is not None:
            catat(
                pelaku=self.bo,
                reviu=r,
                sop=sop,
                uraian="Waktu penyelesaian beberapa kegiatan SOP belum diisi.",
                rekomendasi="Lengkapi mutu baku waktu setiap kegiatan.",
                tenggat=self.hari + dt.timedelta(days=30),
            )
        lalu = reviu_services.reviu_buka(
            pelaku=self.bo,
            perangkat_daerah=dpmptsp,
            tahun=self.hari.year - 1,
            judul=f"Reviu Proses Bisnis Perizinan DPMPTSP {self.hari.year - 1}",
            metode="Telaah dokumen dan uji petik berkas perizinan.",
        )
        lalu = reviu_services.reviu_status(pelaku=self.bo, reviu=lalu, status="berjalan")
        t = catat(
            pelaku=self.bo,
            reviu=lalu,
            peta=self.peta["PB-DPMPTSP-01.1"],
            uraian="Model proses penerbitan NIB belum membedakan tingkat risiko usaha.",
        )
        reviu_services.temuan_tindak_lanjut(
            pelaku=self.d.petugas(dpmptsp).akun, temuan=t, tindak_lanjut="Model dipisah per tingkat risiko."
        )
        reviu_services.temuan_tutup(pelaku=self.bo, temuan=t, terima=True)
        reviu_services.reviu_status(
            pelaku=self.bo,
            reviu=lalu,
            status="selesai",
            kesimpulan="Proses bisnis perizinan sudah terintegrasi; SOP disesuaikan dengan tingkat risiko usaha.",
        )
        capil = Unit.objects.filter(kode="dispendukcapil").first()
        if capil is not None:
            reviu_services.reviu_buka(
                pelaku=self.bo,
                perangkat_daerah=capil,
                tahun=self.hari.year,
                judul=f"Reviu Proses Bisnis Administrasi Kependudukan {self.hari.year}",
                metode="Telaah peta level 1 dan SOP pelayanan dokumen kependudukan.",
                mulai=self.hari + dt.timedelta(days=45),
            )

    # --- clusters ----------------------------------------------------------------------------------

    def rumpun(self) -> None:
        for kode, nama, urusan, anggota, layanan in RUMPUN:
            pd = list(Unit.objects.filter(instansi=self.instansi, kode__in=anggota, depth__lte=2, aktif=True))
            if len(pd) < rumpun_services.ANGGOTA_MIN:
                continue
            sop = [s for u in pd for s in Sop.objects.filter(q_pd(u.path)).order_by("pk")[:1]]
            rumpun_services.rumpun_buat(
                pelaku=self.bo,
                instansi=self.instansi,
                kode=kode,
                nama=nama,
                urusan=urusan,
                keterangan="Disusun agar program dan anggaran perangkat daerah serumpun bersinergi sejak "
                "pengalokasian hingga pelaksanaan anggaran (mapping rumpunisasi).",
                perangkat_daerah=pd,
                sop=sop,
                layanan=list(Layanan.objects.filter(kode__in=layanan)),
            )

    def ringkasan(self) -> list[str]:
        baris = [f"  Proses bisnis: {len(self.peta)} peta di /proses-bisnis/dinkes/ dan /proses-bisnis/dpmptsp/"]
        baris.append("  Reviu dan evaluasi: /reviu/ (Dinas Kesehatan berjalan, DPMPTSP selesai, Dukcapil direncanakan)")
        for r in Rumpun.objects.filter(instansi=self.instansi).order_by("pk"):
            baris.append(f"  Rumpun: /rumpun/{r.pk}/ {r.nama}")
        return baris


def sudah_dimuat() -> bool:
    return PetaProses.objects.filter(kode="PB-DINKES-01", unit__kode="dinkes").exists()


def muat(d) -> list[str]:
    """Load the demo's maps, review rounds and clusters into the demo world `d` of `layanan.demo` (once, all or
    nothing); the summary's lines."""
    if sudah_dimuat():
        return ["  Proses bisnis, reviu dan rumpun sudah dimuat."]
    p = DemoPeta(d)
    with transaction.atomic():
        for kode in PETA:
            p.peta_pd(kode)
        p.reviu()
        p.rumpun()
    return p.ringkasan()
