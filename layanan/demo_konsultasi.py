"""Consultations in the demo Kabupaten Malang (after `layanan.demo`), through the consultation services so
every step has its history and its e-mail.

- The demo instansi names its Bagian Organisasi (Sekretariat Daerah's) when the organisasi demo has not, and
  seed 001's standard becomes the service whose survey takes the ratings.
- Seven requests from the Dinas Kesehatan and the DPMPTSP, one in each state and more: one waiting for
  disposition past its deadline, one with an attachment and a requested date, one disposed, one with a
  meeting, one answered waiting for the requester's rating, two closed (rated 4, and rated 3 after a late
  answer). The handler is the demo's Admin Organisasi login (staff of the Bagian); the requesters the
  Dinas Kesehatan's demo logins. The head of the Bagian gets the demo password so the disposition can be
  tried.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from organisasi import demo as demo_organisasi
from organisasi.models import Instansi, Pegawai, Unit
from organisasi.services import instansi_ubah

from . import selectors
from .choices import StatusKonsultasi
from .demo import KODE_KONSULTASI, UNIT_KONSULTASI
from .models import Konsultasi, RiwayatLayanan
from .services import konsultasi as layanan_konsultasi
from .services import layanan_ubah

S = StatusKonsultasi


def pdf_contoh(judul: str) -> bytes:
    """A one-page PDF with one line of text (a stand-in for a scanned letter), built by hand."""
    teks = judul.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    isi = f"BT /F1 14 Tf 56 780 Td ({teks}) Tj ET".encode("latin-1", "replace")
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(isi) + isi + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    keluar = bytearray(b"%PDF-1.4\n")
    letak = []
    for i, o in enumerate(objek, 1):
        letak.append(len(keluar))
        keluar += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(keluar)
    keluar += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    keluar += b"".join(b"%010d 00000 n \n" % n for n in letak)
    keluar += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objek) + 1, xref)
    return bytes(keluar)


def _berkas(nama: str, judul: str) -> ContentFile:
    return ContentFile(pdf_contoh(judul), name=nama)


def mundur(k: Konsultasi, hari: int) -> None:
    """The request and its steps moved `hari` days back (the demo's requests came in over weeks); a meeting
    already set stays where it is."""
    geser = dt.timedelta(days=hari)
    Konsultasi.objects.filter(pk=k.pk).update(
        diajukan=k.diajukan - geser,
        tenggat=k.tenggat - geser,
        **{f: getattr(k, f) - geser for f in ("didisposisi", "dijawab", "selesai") if getattr(k, f)},
    )
    for r in RiwayatLayanan.objects.filter(konsultasi=k):
        RiwayatLayanan.objects.filter(pk=r.pk).update(waktu=r.waktu - geser)


class DemoKonsultasi:
    def __init__(self, d):
        self.d = d
        self.instansi = Instansi.objects.get(kode=demo_organisasi.KODE_INSTANSI)
        logins = demo_organisasi.login_demo(demo_organisasi.data_demo(hari_ini=d.hari))
        orang = {p.nip: p for p in Pegawai.objects.filter(nip__in=[x.nip for x in logins])}
        self.penangan = d.admin  # the Admin Organisasi login: staff of the Bagian Organisasi
        self.kepala_dinkes, self.kabid, self.staf = (orang[x.nip] for x in logins[1:4])
        self.kepala = None
        self.konsultasi: list[Konsultasi] = []

    def siapkan(self) -> None:
        if self.instansi.bagian_organisasi_id is None:
            bagian = Unit.objects.get(kode=UNIT_KONSULTASI)
            self.instansi = instansi_ubah(pelaku=None, instansi=self.instansi, bagian_organisasi=bagian)
        layanan = self.d.layanan.get(KODE_KONSULTASI)
        if layanan is not None and not layanan.menerima_konsultasi:
            layanan_ubah(pelaku=self.d.admin.akun, layanan=layanan, menerima_konsultasi=True)
        self.kepala = selectors.kepala_bagian_organisasi(self.instansi).pegawai
        akun = self.kepala.akun
        if akun is not None and not akun.check_password(demo_organisasi.SANDI_DEMO):
            akun.password = make_password(demo_organisasi.SANDI_DEMO)
            akun.save(update_fields=["password"])

    # --- the steps, each through its service ----------------------------------------------------------

    def ajukan(self, pemohon: Pegawai, jenis: str, uraian: str, **lain) -> Konsultasi:
        k = layanan_konsultasi.konsultasi_ajukan(pelaku=pemohon.akun, jenis=jenis, uraian=uraian, **lain)
        self.konsultasi.append(k)
        return k

    def disposisi(self, k: Konsultasi, catatan: str) -> Konsultasi:
        return layanan_konsultasi.konsultasi_disposisi(
            pelaku=self.kepala.akun, konsultasi=k, penangan=self.penangan.nip, catatan=catatan
        )

    def jadwalkan(self, k: Konsultasi, hari: int, tempat: str) -> Konsultasi:
        waktu = timezone.make_aware(dt.datetime.combine(self.d.hari + dt.timedelta(days=hari), dt.time(9, 0)))
        return layanan_konsultasi.konsultasi_jadwalkan(
            pelaku=self.penangan.akun, konsultasi=k, waktu=waktu, tempat=tempat
        )

    def jawab(self, k: Konsultasi, jawaban: str, hasil: str | None = None) -> Konsultasi:
        lampiran = [_berkas(f"{hasil}.pdf", hasil.replace("-", " ").title())] if hasil else None
        return layanan_konsultasi.konsultasi_jawab(
            pelaku=self.penangan.akun, konsultasi=k, jawaban=jawaban, lampiran=lampiran
        )

    def tutup(self, k: Konsultasi, nilai: int, catatan: str = "") -> Konsultasi:
        return layanan_konsultasi.konsultasi_tutup(pelaku=k.pemohon.akun, konsultasi=k, nilai=nilai, catatan=catatan)

    # --- the requests --------------------------------------------------------------------------------

    def muat(self) -> None:
        hari = self.d.hari
        terlambat = self.ajukan(
            self.staf, "ikm", "Mohon pendampingan pengolahan data Survei Kepuasan Masyarakat puskesmas semester I."
        )
        mundur(terlambat, 20)
        self.ajukan(
            self.kabid,
            "sop",
            "Mohon asistensi penyusunan SOP rujukan pasien antarfasilitas; draf terlampir.",
            dibutuhkan=hari + dt.timedelta(days=10),
            lampiran=[_berkas("draf-sop-rujukan.pdf", "Draf SOP Rujukan Pasien")],
        )
        disposisi = self.disposisi(
            self.ajukan(self.kepala_dinkes, "perjanjian_kinerja", "Penyesuaian indikator perjanjian kinerja 2026."),
            "Telaah indikator terhadap Renstra; undang Subbagian Perencanaan Dinas Kesehatan.",
        )
        mundur(disposisi, 3)
        jadwal = self.jadwalkan(
            self.disposisi(
                self.ajukan(self.kabid, "standar_pelayanan", "Reviu standar pelayanan rawat jalan puskesmas."),
                "Bandingkan dengan PermenPANRB 36/2012.",
            ),
            2,
            "Ruang Rapat Bagian Organisasi, Kantor Bupati lantai 2",
        )
        mundur(jadwal, 5)
        dijawab = self.jawab(
            self.disposisi(self.ajukan(self.staf, "lakip", "Format LAKIP tahun berjalan?"), "Kirim format terbaru."),
            "Format LAKIP mengikuti PermenPANRB 53/2014; kerangka dan contoh tabel capaian terlampir.",
            "kerangka-lakip",
        )
        mundur(dijawab, 6)
        selesai = self.tutup(
            self.jawab(
                self.disposisi(
                    self.ajukan(self.kabid, "sop", "Asistensi SOP pelayanan gawat darurat."), "Dampingi langsung."
                ),
                "SOP disusun ulang dalam format PermenPANRB 35/2012; bagan alir terlampir.",
                "hasil-asistensi-sop-igd",
            ),
            4,
            "Sangat membantu, terima kasih.",
        )
        mundur(selesai, 30)
        lambat = self.ajukan(
            self.d.petugas(Unit.objects.get(kode="dpmptsp")),
            "spm",
            "Penerapan SPM pada pelayanan perizinan.",
        )
        mundur(lambat, 45)
        lambat = self.jawab(self.disposisi(lambat, "Koordinasikan dengan Bappeda."), "Lihat PP 2/2018 tentang SPM.")
        lambat = self.tutup(lambat, 3, "Jawaban agak lama.")
        mundur(lambat, 10)

    def ringkasan(self) -> list[str]:
        baris = [
            f"  konsultasi: {len(self.konsultasi)} permohonan ke {self.instansi.bagian_organisasi.nama}; "
            "dasbor di /bagian-organisasi/",
        ]
        for k in (
            Konsultasi.objects.filter(pk__in=[k.pk for k in self.konsultasi]).select_related("pemohon").order_by("pk")
        ):
            catatan = ", lewat tenggat" if k.terlambat else ""
            nilai = f", nilai {k.nilai}" if k.nilai else ""
            baris.append(
                f"    /konsultasi/{k.pk}/: {k.get_jenis_display().lower()}, {k.get_status_display().lower()}"
                f"{nilai}{catatan} (pemohon {k.pemohon.nama})"
            )
        baris += [
            f"  disposisi: masuk sebagai Kepala Bagian Organisasi {self.kepala.nama} (NIP {self.kepala.nip})",
            f"  jadwal dan jawaban: masuk sebagai Admin Organisasi {self.penangan.nama} (NIP {self.penangan.nip})",
            f"  tutup dan nilai: masuk sebagai {self.staf.nama} (NIP {self.staf.nip})",
        ]
        return baris


def muat(d) -> list[str]:
    """Load the demo's consultations into the demo world `d` of `layanan.demo` (once, all or nothing); the
    summary's lines: the requests and whom to sign in as to see each step."""
    k = DemoKonsultasi(d)
    with transaction.atomic():
        k.siapkan()
        k.muat()
    return k.ringkasan()
