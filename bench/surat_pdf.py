#!/usr/bin/env python3
"""Letters to PDF: WeasyPrint in process and through a real Celery worker, against LibreOffice headless.

    .venv/bin/python bench/surat_pdf.py [--n 100] [--celery 500] [--batch 50] [--tunggal 5]
                                        [--tanpa-celery] [--tanpa-libreoffice]

1. Render: one surat penugasan (kop, two staff, dasar, tembusan, signature, QR code) rendered `--n`
   times in this process after three warm-up renders (font configuration and stylesheet are made
   once per process, as in the worker); median and p95. The first render of a fresh process is
   reported apart.
2. Celery: `--celery` letters issued in one transaction on the bench PostgreSQL database
   (BENCH_DATABASE_URL, as bench/load), each starting `penugasan.render_surat` on commit, taken by a
   real worker (prefork, 2 processes: the machine's cores) over Redis (BENCH_BROKER_URL, default
   redis://127.0.0.1:6379/12, emptied first); throughput from the commit to the last PDF kept.
3. LibreOffice: the same letter written as a .docx (python-docx: `pip install -e .[bench]`), converted
   by `soffice --headless --convert-to pdf`, one letter per call (`--tunggal` calls, what an office
   does today) and `--batch` letters in one call; its own profile under bench/out/lo-profil.

Prints every figure and the ratios against the issue's targets; writes them to bench/out/surat_pdf.txt.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

ISI = {
    "kop": {
        "instansi": "Pemerintah Kabupaten Malang",
        "perangkat_daerah": "Dinas Kesehatan",
        "alamat": "Jl. Panji No. 120, Kepanjen, Kabupaten Malang 65163",
        "tempat": "Kepanjen",
    },
    "perihal": "Surat Penugasan",
    "dasar": [
        "Peraturan Bupati Malang Nomor 132 Tahun 2023 tentang Sistem Kerja di Lingkungan Pemerintah "
        "Kabupaten Malang untuk Penyederhanaan Birokrasi",
        "Surat Permohonan Pelibatan Nomor 800/12/35.07.dinkes/2026 tanggal 2026-11-20",
    ],
    "kepada": [
        {"nip": "198503172010031001", "nama": "dr. Ani Lestari", "jabatan": "Dokter Ahli Muda"},
        {"nip": "199001012015032001", "nama": "Budi Santoso, S.KM.", "jabatan": "Epidemiolog Kesehatan Ahli Pertama"},
    ],
    "untuk": [
        "Menyusun dasbor pemantauan balita berisiko stunting di 33 kecamatan",
        "Ekspektasi/target kinerja: dasbor per kecamatan, diperbarui tiap bulan",
    ],
    "periode": {"mulai": "2027-01-04", "selesai": "2027-06-30"},
    "unit_tujuan": "Bidang Pelayanan Kesehatan",
    "tembusan": ["Kepala Dinas Kesehatan", "Kepala Bidang Kesehatan Masyarakat"],
    "penandatangan": {
        "nip": "197501012000031001",
        "nama": "Umi Yuli Maharani, S.KM., M.Kes.",
        "jabatan": "Kepala Bidang Pelayanan Kesehatan",
        "sebagai": "definitif",
        "unit": 0,
    },
}
NOMOR, KODE, TANGGAL = "800/1/35.07.dinkes/2026", "ABCDEFGHJKMN", dt.date(2026, 12, 1)


def _pakai_venv() -> None:
    python = ROOT / ".venv" / "bin" / "python"
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve() and python.exists():
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def persentil(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q / 100 * len(xs) + 0.5) - 1))]


def contoh_surat():
    from penugasan.models import Surat

    return Surat(
        jenis="penugasan",
        nomor=NOMOR,
        tanggal=TANGGAL,
        perihal="Surat Penugasan",
        kode_verifikasi=KODE,
        isi=ISI,
        status="berlaku",
    )


# --- 1. in process -----------------------------------------------------------------------------------


def ukur_render(n: int) -> dict:
    kode = (
        "import time, os, django; os.environ['DJANGO_SETTINGS_MODULE']='sistemkerja.settings.dev'; "
        "django.setup(); import sys; sys.path.insert(0, 'bench'); from surat_pdf import contoh_surat; "
        "from penugasan.pdf import pdf_surat; s = contoh_surat(); t = time.perf_counter(); pdf_surat(s); "
        "print((time.perf_counter() - t) * 1000)"
    )
    pertama = [
        float(
            subprocess.run(
                [sys.executable, "-c", kode], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for _ in range(3)
    ]
    from penugasan.pdf import pdf_surat

    surat = contoh_surat()
    for _ in range(3):
        data = pdf_surat(surat)
    waktu = []
    for _ in range(n):
        t = time.perf_counter()
        pdf_surat(surat)
        waktu.append((time.perf_counter() - t) * 1000)
    (OUT / "surat-weasyprint.pdf").write_bytes(data)
    return {
        "median": statistics.median(waktu),
        "p95": persentil(waktu, 95),
        "n": n,
        "kb": len(data) / 1024,
        "pertama": statistics.median(pertama),
    }


# --- 2. through Celery -------------------------------------------------------------------------------


def ukur_celery(jumlah: int) -> dict:
    from bench._db import URL, pastikan_instansi, siapkan_database

    broker = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/12")
    import redis

    redis.Redis.from_url(broker).flushdb()
    siapkan_database(URL)
    media = Path(tempfile.mkdtemp(prefix="surat-media-", dir=OUT))
    env = {
        **os.environ,
        "DATABASE_URL": URL,
        "CELERY_BROKER_URL": broker,
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "sistemkerja.settings.dev",
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_MEDIA_ROOT")})
    import django

    django.setup()
    from django.db import transaction

    from organisasi.models import Pegawai, Unit
    from organisasi.selectors import Pejabat
    from penugasan.models import Penugasan, Surat
    from penugasan.services.surat import surat_terbitkan

    pastikan_instansi()
    log = (OUT / "surat-celery-worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sistemkerja",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "2",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        batas = time.monotonic() + 60
        while "ready." not in (OUT / "surat-celery-worker.log").read_text() and time.monotonic() < batas:
            time.sleep(0.2)
        unit = Unit.objects.filter(depth=3).order_by("path").first()
        orang = list(Pegawai.objects.filter(unit=unit).order_by("nip")[:3])
        p = Penugasan.objects.create(
            alur="A",
            status="selesai",
            pemohon=orang[0],
            unit_pemohon=unit,
            unit_tujuan=unit,
            maksud="bench/surat_pdf",
            target="bench",
            mulai=TANGGAL,
            selesai=TANGGAL,
        )
        ttd = Pejabat(orang[0], "definitif", unit)
        isi = {k: v for k, v in ISI.items() if k not in ("kop", "penandatangan", "perihal", "kepada")}
        with transaction.atomic():
            for _ in range(jumlah):
                surat_terbitkan(
                    penugasan=p,
                    jenis="penugasan",
                    penandatangan=ttd,
                    perihal="Surat Penugasan",
                    isi=isi,
                    kepada=orang[1:],
                )
            t0 = time.perf_counter()
        selesai = Surat.objects.filter(penugasan=p, status_berkas="selesai")
        while selesai.count() < jumlah and time.perf_counter() - t0 < 600:
            time.sleep(0.05)
        detik = time.perf_counter() - t0
        n = selesai.count()
        Surat.objects.filter(penugasan=p).update(berkas="")  # bench rows: kept, not their files
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
        shutil.rmtree(media, ignore_errors=True)
    return {"jumlah": n, "detik": detik, "per_detik": n / detik, "ms_per_surat": detik * 1000 / max(n, 1)}


# --- 3. LibreOffice --------------------------------------------------------------------------------


def tulis_docx(path: Path) -> None:
    """The same letter as an office would type it in Word: kop, number, dasar, kepada, untuk, signature, QR."""
    import io

    import segno
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name, gaya.font.size = "Liberation Serif", Pt(11.5)
    for teks, ukuran in (
        (ISI["kop"]["instansi"].upper(), 13),
        (ISI["kop"]["perangkat_daerah"].upper(), 15),
        (ISI["kop"]["alamat"], 9.5),
    ):
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = par.add_run(teks)
        run.bold, run.font.size = ukuran > 10, Pt(ukuran)
    judul = doc.add_paragraph()
    judul.alignment = WD_ALIGN_PARAGRAPH.CENTER
    judul.add_run("SURAT PENUGASAN").bold = True
    doc.add_paragraph(f"Nomor: {NOMOR}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    tabel = doc.add_table(rows=0, cols=3)
    baris = [
        ("Dasar", "\n".join(f"{i}. {d};" for i, d in enumerate(ISI["dasar"], 1))),
        (
            "Kepada",
            "\n".join(f"{i}. {k['nama']}, NIP {k['nip']}, {k['jabatan']}" for i, k in enumerate(ISI["kepada"], 1)),
        ),
        (
            "Untuk",
            "\n".join(f"{i}. {u};" for i, u in enumerate(ISI["untuk"], 1))
            + "\n3. Melaksanakan tugas pada Bidang Pelayanan Kesehatan selama 4 Januari 2027 s.d. 30 Juni 2027.",
        ),
    ]
    for label, isi in baris:
        sel = tabel.add_row().cells
        sel[0].text, sel[1].text, sel[2].text = label, ":", isi
    ttd = doc.add_paragraph(
        "Kepanjen, 1 Desember 2026\n"
        + ISI["penandatangan"]["jabatan"]
        + ",\n\n\n\n"
        + ISI["penandatangan"]["nama"]
        + "\nNIP "
        + ISI["penandatangan"]["nip"]
    )
    ttd.paragraph_format.left_indent = Cm(9)
    doc.add_paragraph("Tembusan:\n" + "\n".join(f"{i}. {t}" for i, t in enumerate(ISI["tembusan"], 1)))
    png = io.BytesIO()
    segno.make(f"http://127.0.0.1:8000/surat/verifikasi/{KODE}/", error="m").save(png, kind="png", scale=4)
    png.seek(0)
    doc.add_picture(png, width=Cm(2.2))
    doc.add_paragraph(f"Kode verifikasi {KODE}")
    doc.save(path)


def soffice(berkas: list[Path], keluar: Path, profil: Path) -> float:
    t = time.perf_counter()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profil}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(keluar),
            *map(str, berkas),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return (time.perf_counter() - t) * 1000


def ukur_libreoffice(tunggal: int, batch: int) -> dict:
    kerja = Path(tempfile.mkdtemp(prefix="surat-lo-", dir=OUT))
    profil = OUT / "lo-profil"
    try:
        satu = kerja / "surat.docx"
        tulis_docx(satu)
        banyak = []
        for i in range(batch):
            salinan = kerja / f"surat-{i:03d}.docx"
            shutil.copy(satu, salinan)
            banyak.append(salinan)
        soffice([satu], kerja / "pemanasan", profil)  # creates the profile once, as on an office PC
        per_panggilan = [soffice([satu], kerja / "satu", profil) for _ in range(tunggal)]
        total_batch = soffice(banyak, kerja / "batch", profil)
        shutil.copy(kerja / "satu" / "surat.pdf", OUT / "surat-libreoffice.pdf")
    finally:
        shutil.rmtree(kerja, ignore_errors=True)
    return {
        "tunggal_median": statistics.median(per_panggilan),
        "tunggal_n": tunggal,
        "batch_total": total_batch,
        "batch_n": batch,
        "batch_per_surat": total_batch / batch,
    }


def main() -> int:
    _pakai_venv()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--celery", type=int, default=500)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--tunggal", type=int, default=5)
    parser.add_argument("--tanpa-celery", action="store_true")
    parser.add_argument("--tanpa-libreoffice", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.dev")
    baris = [
        f"bench/surat_pdf {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    ]
    if not args.tanpa_celery:  # first: it sets the database up before Django starts
        c = ukur_celery(args.celery)
        baris.append(
            f"celery: {c['jumlah']} letters through a prefork worker (2 processes) on Redis in "
            f"{c['detik']:.1f} s: {c['per_detik']:.1f} letters/s, {c['ms_per_surat']:.1f} ms a letter"
        )
    else:
        import django

        django.setup()
        c = None
    r = ukur_render(args.n)
    baris.append(
        f"weasyprint: one surat penugasan, {r['n']} renders in one process: median {r['median']:.1f} ms, "
        f"p95 {r['p95']:.1f} ms, {r['kb']:.0f} kB; first render of a fresh process {r['pertama']:.0f} ms"
    )
    if not args.tanpa_libreoffice and shutil.which("soffice"):
        lo = ukur_libreoffice(args.tunggal, args.batch)
        baris += [
            f"libreoffice: one letter per soffice call: median {lo['tunggal_median']:.0f} ms "
            f"({lo['tunggal_n']} calls); "
            f"{lo['batch_n']} letters in one call: {lo['batch_total']:.0f} ms, {lo['batch_per_surat']:.1f} ms a letter",
            f"ratio single soffice call / weasyprint render: {lo['tunggal_median'] / r['median']:.1f}x (target >= 5x)",
            f"ratio soffice batch per letter / weasyprint render: {lo['batch_per_surat'] / r['median']:.2f}x "
            "(target > 1: faster per letter than the batch)",
        ]
        if c:
            baris.append(
                f"ratio soffice batch per letter / celery per letter: {lo['batch_per_surat'] / c['ms_per_surat']:.2f}x"
            )
    elif not args.tanpa_libreoffice:
        baris.append("libreoffice: soffice not on the PATH (apt-get install libreoffice-writer-nogui): skipped")
    for b in baris:
        print(b)
    (OUT / "surat_pdf.txt").write_text("\n".join(baris) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
