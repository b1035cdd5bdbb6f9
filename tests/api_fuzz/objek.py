"""What the fuzzing and the hostile-input test share: real objects to aim at, row counts, the frame to blame,
and the English defaults of DRF and Django that must not reach a client (API.md: Indonesian messages).

`dunia(struktur)` adds to the six-pattern instansi of tests/conftest.py a team, a finished flow A with its
letter, a flow B waiting on the head (his step), a flow B the head asked for (his to withdraw), a flow D
the staff member asked for (hers to withdraw), a competency on the staff member's profile, a year of
kinerja (`kinerja_dunia`) and the Bagian Organisasi's public service with its complaints (`layanan_dunia`).
The actors are `struktur.kepala_bag_org` (Kepala Bagian Organisasi, PPK of the staff there) and
`struktur.analis` (staff).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import traceback
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

MULAI = dt.date(2027, 1, 4)
SELESAI = dt.date(2027, 6, 30)
AKAR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Apps whose tables must not change when input is refused (Django's and the libraries' are not counted:
# a refused sign-in is rightly recorded by the lockout, a session may be saved).
APP_PROYEK = ("organisasi", "penugasan", "sistemkerja", "kinerja", "layanan")
# Rows that a refused request rightly writes: the personal-data access log of a successful read.
TIDAK_DIHITUNG = {"organisasi.AksesDataPribadi"}


def dunia(struktur) -> SimpleNamespace:
    from penugasan import services
    from penugasan.models import Kompetensi

    kepala, analis = struktur.kepala_bag_org, struktur.analis
    isi = {"maksud": "Menyusun peta proses bisnis", "target": "Peta proses selesai", "mulai": MULAI, "selesai": SELESAI}
    d = SimpleNamespace(kepala=kepala, staf=analis)
    d.tim = services.tim_bentuk(
        pelaku=kepala.akun,
        nama="Tim Uji",
        tujuan="Uji",
        unit_pemilik=struktur.bag_org,
        sifat="rutin",
        mulai=MULAI,
        selesai=SELESAI,
        ketua=analis,
    )
    d.anggota = d.tim.anggota.first()
    d.selesai = services.penugasan_ajukan(
        pelaku=kepala.akun, alur="A", unit_tujuan=struktur.bag_org, pegawai=[analis], tim=d.tim, **isi
    )
    d.surat = d.selesai.surat.get()
    # B from the Asisten to the Bagian Organisasi: its step (persetujuan_ppk) is the head's
    d.menunggu_kepala = services.penugasan_ajukan(
        pelaku=struktur.kepala_asisten.akun, alur="B", unit_tujuan=struktur.bag_org, **isi
    )
    # B asked by the head himself, towards the Asisten: his to withdraw
    d.dari_kepala = services.penugasan_ajukan(pelaku=kepala.akun, alur="B", unit_tujuan=struktur.asisten, **isi)
    # D asked by the staff member within her Unit Organisasi: hers to withdraw
    d.dari_staf = services.penugasan_ajukan(pelaku=analis.akun, alur="D", unit_tujuan=struktur.asisten, **isi)
    d.kompetensi = Kompetensi.objects.create(nama="Analisis data")
    d.kompetensi_staf = services.kompetensi_catat(pelaku=analis.akun, pegawai=analis, kompetensi=d.kompetensi)
    kinerja_dunia(struktur, d)
    layanan_dunia(struktur, d)
    return d


def kinerja_dunia(struktur, d: SimpleNamespace) -> None:
    """The Sekda's PK of the current year (the services refuse other years) set, its target handed down
    Sekda → Asisten → Bagian Organisasi; the head's plan approved with the staff member as pelaksana; one
    result of hers waiting on the head (his step), one he returned to her (hers to submit again); his
    feedback to her and her reply (his to mark read); a draft PK of another Unit Organisasi (the Dinas; not
    his to set)."""
    from kinerja import services
    from organisasi.selectors import hari_ini

    s, kepala, analis = struktur, struktur.kepala_bag_org, struktur.analis
    tahun = hari_ini().year
    sasaran = [
        {"uraian": "Tata kelola kelembagaan", "indikator": [{"uraian": "SOP direviu", "satuan": "SOP", "target": 40}]}
    ]
    d.pk = services.perjanjian_susun(pelaku=s.kepala_setda.akun, unit=s.setda, tahun=tahun, sasaran=sasaran)
    services.perjanjian_tetapkan(pelaku=s.kepala_setda.akun, perjanjian=d.pk)
    d.target_setda = d.pk.target.get()
    turun = dict(uraian="SOP direviu", satuan="SOP", target_nilai=40)
    d.target_asisten = services.target_turunkan(
        pelaku=s.kepala_setda.akun, target=d.target_setda, unit=s.asisten, **turun
    )
    d.target = services.target_turunkan(pelaku=s.kepala_asisten.akun, target=d.target_asisten, unit=s.bag_org, **turun)
    services.target_strategi(pelaku=kepala.akun, target=d.target, cara="individu")
    kegiatan = [
        {
            "uraian": "Reviu SOP Bagian Organisasi",
            "mulai": dt.date(tahun, 1, 2).isoformat(),
            "selesai": dt.date(tahun, 12, 30).isoformat(),
            "pelaksana": [analis.nip],
            "anggaran": [{"uraian": "Rapat reviu", "jumlah": 2_500_000}],
        }
    ]
    rencana = services.rencana_susun(pelaku=kepala.akun, target=d.target, kegiatan=kegiatan)
    d.rencana = services.rencana_setujui(pelaku=kepala.akun, rencana=rencana)
    d.kegiatan = d.rencana.kegiatan.get()
    d.anggaran = d.kegiatan.anggaran.get()
    d.progres = services.progres_catat(
        pelaku=analis.akun,
        kegiatan=d.kegiatan,
        tanggal=hari_ini(),
        uraian="Separuh SOP direviu",
        persen=50,
        bukti="https://contoh.go.id/sop",
    )
    d.hasil_tinjau = services.hasil_ajukan(pelaku=analis.akun, target=d.target, capaian=20, uraian="Dua puluh SOP")
    kembali = services.hasil_ajukan(pelaku=analis.akun, target=d.target, capaian=10, uraian="Sepuluh SOP")
    d.hasil_kembali = services.hasil_kembalikan(pelaku=kepala.akun, hasil=kembali, catatan="Lengkapi lampiran")
    d.umpan_balik = services.umpan_balik_kirim(
        pelaku=kepala.akun, target=d.target, isi="Percepat reviu", kepada=analis, balasan_untuk=None
    )
    d.umpan_balik_balasan = services.umpan_balik_kirim(
        pelaku=analis.akun, target=d.target, isi="Siap", kepada=kepala, balasan_untuk=d.umpan_balik
    )
    d.pk_draf = services.perjanjian_susun(pelaku=s.kepala_dinas.akun, unit=s.dinas, tahun=tahun, sasaran=sasaran)
    skp_dunia(struktur, d)


def skp_dunia(struktur, d: SimpleNamespace) -> None:
    """Last year's appraisal in the Bagian Organisasi (every period of it has begun, whatever today is): the
    staff member's SKP approved by the head and its document his to sign, one period rated (his to finalise),
    one final with her objection (the Asisten's to decide); a second staff member's SKP submitted (his to
    approve); the head's own draft (his to submit); a development plan he noted on her SKP (his to mark done)."""
    from kinerja import services
    from organisasi.selectors import hari_ini
    from tests import factories as f

    s, kepala, analis = struktur, struktur.kepala_bag_org, struktur.analis
    tahun = hari_ini().year - 1
    hasil = [
        {
            "uraian": "Reviu SOP",
            "jenis": "tambahan",
            "indikator": [{"uraian": "SOP direviu", "aspek": "kuantitas", "target": 12, "satuan": "SOP"}],
        }
    ]
    d.skp = services.skp_susun(pelaku=analis.akun, tahun=tahun, hasil_kerja=hasil, perilaku={"akuntabel": "Tepat"})
    services.skp_ajukan(pelaku=analis.akun, skp=d.skp)
    services.skp_setujui(pelaku=kepala.akun, skp=d.skp)
    d.dokumen = d.skp.dokumen.get()
    nilai = dict(rating_hasil="sesuai", rating_perilaku="sesuai")
    d.evaluasi = services.evaluasi_nilai(pelaku=kepala.akun, skp=d.skp, periode=f"{tahun}-T1", **nilai)
    final = services.evaluasi_nilai(pelaku=kepala.akun, skp=d.skp, periode=f"{tahun}-T2", **nilai)
    d.evaluasi_final = services.evaluasi_tetapkan(pelaku=kepala.akun, evaluasi=final, alasan="Unit kecil")
    d.keberatan = services.keberatan_ajukan(pelaku=analis.akun, evaluasi=d.evaluasi_final, alasan="Mohon ditinjau")
    d.staf2 = f.pegawai(s.bag_org, nama="Pengolah Data Organisasi", mulai=dt.date(2020, 1, 1))
    d.skp_diajukan = services.skp_susun(pelaku=d.staf2.akun, tahun=tahun, hasil_kerja=hasil)
    services.skp_ajukan(pelaku=d.staf2.akun, skp=d.skp_diajukan)
    d.skp_kepala = services.skp_susun(pelaku=kepala.akun, tahun=tahun, hasil_kerja=hasil)
    d.pengembangan = services.pengembangan_catat(
        pelaku=kepala.akun, skp=d.skp, jenis="coaching", uraian="Coaching reviu SOP"
    )


def layanan_dunia(struktur, d: SimpleNamespace) -> None:
    """Layanan of the Bagian Organisasi, all within the head's reach (he heads the unit: he sets its standards,
    publishes its answers; the staff member runs its counter): `layanan` published (version 1 in force) with a
    draft version 2 and survey responses (paper forms he entered), a survey code for the public questionnaire;
    a complaint on it `diproses` with one answer not yet published (his to publish), its tracking code; a
    complaint with an attachment, still `diterima` (his to take up). Complaints are filed without a sender's
    address, so the rate limit of the public form counts none of them."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from layanan import services
    from layanan.models import Layanan
    from tests.layanan.conftest import layanan_terbit

    kepala = struktur.kepala_bag_org.akun
    d.layanan = layanan_terbit(kepala, struktur.bag_org, "konsultasi-org", "Konsultasi Kelembagaan")
    d.versi_draf = services.versi_buat(
        pelaku=kepala, layanan=d.layanan, komponen={"biaya": "Tidak dipungut biaya."}, catatan="Reviu tahunan"
    )
    d.versi_terbit = d.layanan.versi_berlaku
    tanggal = timezone.localdate().isoformat()  # this year's index (the pages' and the API's default period)
    d.responden = services.responden_catat(
        pelaku=kepala,
        layanan=d.layanan,
        baris=[
            {"tanggal": tanggal, "jawaban": {f"U{i}": 3 for i in range(1, 10)}, "jenis_kelamin": "P", "usia": 41},
            {"tanggal": tanggal, "jawaban": {f"U{i}": 4 for i in range(1, 10)}, "pekerjaan": "swasta"},
        ],
    )
    (d.kode_survei,) = services.kode_survei_buat(pelaku=kepala, layanan=d.layanan, jumlah=1)
    d.pengaduan = services.pengaduan_ajukan(isi="Jadwal konsultasi tidak jelas", layanan=d.layanan.kode, nama="Warga")
    services.pengaduan_proses(pelaku=kepala, pengaduan=d.pengaduan)
    d.tanggapan = services.tanggapan_tulis(pelaku=kepala, pengaduan=d.pengaduan, isi="Jadwal kini di papan informasi.")
    d.pengaduan.refresh_from_db()
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    d.pengaduan_lampiran = services.pengaduan_ajukan(
        isi="Antrean loket panjang", layanan=d.layanan.kode, jenis="saran", lampiran=png
    )
    d.kode_lacak = services.tampil_lacak(d.pengaduan.kode_lacak)
    assert Layanan.objects.filter(pk=d.layanan.pk, versi_berlaku__nomor=1).exists()
    konsultasi_dunia(struktur, d)
    from .peta import peta_dunia
    from .sop import sop_dunia

    sop_dunia(struktur, d)
    peta_dunia(struktur, d)


def konsultasi_dunia(struktur, d: SimpleNamespace) -> None:
    """The instansi names its Bagian Organisasi, whose service takes the consultations' ratings; from the health
    lab, a request with a file waiting on the head (his to dispose) and one disposed to the staff member (hers
    to schedule and answer; closing it is the requester's: both callers get 403 there)."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from layanan.models import Layanan
    from layanan.services import konsultasi
    from organisasi.models import Instansi

    Instansi.objects.filter(pk=struktur.instansi.pk).update(bagian_organisasi=struktur.bag_org)
    Layanan.objects.filter(pk=d.layanan.pk).update(menerima_konsultasi=True)
    akun = lambda p: get_user_model().objects.get(pk=p.akun_id)  # noqa: E731  (afresh: the instansi changed)
    pdf = SimpleUploadedFile("permohonan.pdf", b"%PDF-1.4\n" + b"0" * 64, content_type="application/pdf")
    ajukan = dict(pelaku=akun(struktur.staf_upt5), jenis="sop", uraian="Mohon asistensi SOP uji laboratorium.")
    d.konsultasi_baru = konsultasi.konsultasi_ajukan(**ajukan, lampiran=[pdf])
    d.lampiran_konsultasi = d.konsultasi_baru.lampiran.get()
    d.konsultasi_ditangani = konsultasi.konsultasi_disposisi(
        pelaku=akun(struktur.kepala_bag_org),
        konsultasi=konsultasi.konsultasi_ajukan(**ajukan),
        penangan=struktur.analis.nip,
    )


def render(surat) -> None:
    from penugasan.tasks import render_surat

    render_surat(surat.pk)


def model_proyek() -> list:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in APP_PROYEK and m._meta.label not in TIDAK_DIHITUNG and m._meta.managed
    ]


def hitung_baris() -> dict[str, int]:
    """Rows of every table of the project's models, in one query."""
    model = model_proyek()
    qn = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(m._meta.db_table)})" for m in model)
    with connection.cursor() as cur:
        cur.execute(sql)
        baris = cur.fetchone()
    return {m._meta.label: n for m, n in zip(model, baris)}


def selisih(sebelum: dict[str, int], sesudah: dict[str, int]) -> dict[str, int]:
    return {k: sesudah[k] - sebelum[k] for k in sebelum if sesudah.get(k) != sebelum[k]}


def frame_aplikasi(tb) -> str:
    """The innermost frame of the project's own code in a traceback (`file:line function`), else the last."""
    frames = traceback.extract_tb(tb)
    milik = [
        f
        for f in frames
        if f.filename.startswith(AKAR)
        and "/.venv/" not in f.filename
        and not f.filename.startswith(os.path.join(AKAR, "tests"))
    ]
    f = (milik or frames or [None])[-1]
    if f is None:
        return "?"
    return f"{os.path.relpath(f.filename, AKAR)}:{f.lineno} {f.name}"


def ringkas_galat(exc: BaseException) -> str:
    """`ExceptionType: message` (first line, shortened) at the app frame that raised it."""
    pesan = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {pesan} @ {frame_aplikasi(exc.__traceback__)}"


# --- English messages that must not reach a client (API.md: Indonesian messages) -------------------------


def _bawaan(kelas) -> bool:
    """DRF's or Django's own class (the project's subclasses have their own, Indonesian, messages)."""
    return kelas.__module__.split(".")[0] in ("rest_framework", "django")


def _pola_inggris() -> list[re.Pattern]:
    """DRF's and Django's default messages in English, as patterns (placeholders match anything)."""
    from django.core import validators
    from django.utils import translation
    from rest_framework import exceptions, fields, relations, serializers

    teks: set[str] = set()
    with translation.override("en"):
        kelas = [exceptions.APIException]
        while kelas:
            k = kelas.pop()
            kelas.extend(k.__subclasses__())
            if _bawaan(k):
                teks.add(str(k.default_detail))
        for basis in (fields.Field, relations.RelatedField, serializers.BaseSerializer):
            antre = [basis]
            while antre:
                k = antre.pop()
                antre.extend(k.__subclasses__())
                if _bawaan(k):
                    teks.update(str(m) for m in k.__dict__.get("default_error_messages", {}).values())
        for nama in dir(validators):
            v = getattr(validators, nama)
            if isinstance(getattr(v, "message", None), str) or hasattr(getattr(v, "message", None), "_proxy____cast"):
                teks.add(str(v.message))
    teks.update(
        [
            "Invalid token header. No credentials provided.",
            "Invalid token header. Token string should not contain spaces.",
            "Invalid token header. Token string should not contain invalid characters.",
            "Invalid token.",
            "User inactive or deleted.",
            "CSRF Failed: {reason}",
            "Not a valid string.",
        ]
    )
    pola = []
    for t in teks:
        if len(t) < 8:
            continue
        p = re.escape(t)
        p = re.sub(r"\\\{[a-z_]+\\\}", ".+?", p)
        p = re.sub(r"%\\\([a-z_]+\\\)[sd]", ".+?", p)
        pola.append(re.compile(p))
    return pola


POLA_INGGRIS = _pola_inggris()


def pesan_inggris(body) -> str | None:
    """The first message in an error body that is one of DRF's or Django's English defaults."""
    if isinstance(body, str):
        return body if any(p.fullmatch(body) for p in POLA_INGGRIS) else None
    if isinstance(body, dict):
        body = list(body.values())
    if isinstance(body, list):
        for b in body:
            if (hasil := pesan_inggris(b)) is not None:
                return hasil
    return None
