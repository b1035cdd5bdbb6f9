"""Fuzzing every operation of the API against the OpenAPI schema the app itself serves.

Every operation of `/api/v1/schema/` (GET, POST, PUT, PATCH, DELETE) gets a bounded run with a fixed seed as
three callers: a head of unit (Kepala Bagian Organisasi, PPK of the staff there), a plain staff member (both
with a token carrying every scope) and an anonymous caller. Authenticated callers get schema-valid cases
(some aimed at real objects: the staff member's NIP, the unit, a team, flows waiting on the caller, a letter)
and schema-invalid ones. Then a stateful run per authenticated caller follows the schema's links (those
Schemathesis infers and those declared below) from one answer to the next request.

No answer may be a 5xx. Every answer must conform to the schema: a documented status code and content type,
a body and headers as documented (errors in the documented error shape), schema-invalid input refused with
a 4xx, error messages not DRF's or Django's English ones (API.md: Indonesian). Anonymous callers get 401/403
with an error body and never data, except on the public operations.

Failures are collected, not raised at once: each test reports how many of its cases failed, the first ones in
full (with a curl line to replay them, and the application frame that raised a 5xx), and all of them go to
bench/out/fuzz-failures-*.jsonl for grouping. The tally line is printed by tests/api_fuzz/ringkasan.py.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections import Counter

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as hs
from schemathesis import GenerationMode
from schemathesis import checks as st_checks
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation.stateful import run_state_machine_as_test
from schemathesis.specs.openapi import checks as oa_checks

from tests import factories as f
from tests.api_fuzz import objek
from tests.api_fuzz.ringkasan import catat, catat_gagal, catat_skema

pytestmark = pytest.mark.xdist_group("fuzz")

SEED = 13
# The budget: examples per operation and caller (schema-valid, schema-invalid, anonymous), and the stateful run.
CONTOH_POSITIF = 20
CONTOH_NEGATIF = 10
CONTOH_ANONIM = 6
SKENARIO_STATEFUL = 50
LANGKAH_STATEFUL = 8

SCHEMA_URL = "/api/v1/schema/?format=json"
PERAN = ["kepala", "staf", "anonim"]
# Public operations: anonymous callers are held to the schema like everyone else.
PUBLIK = {
    ("GET", "/api/v1/surat/verifikasi/{kode}/"),
    ("POST", "/api/v1/token/"),
    # layanan: the services in force, their published versions, a complaint and its tracking
    ("GET", "/api/v1/publik/layanan/"),
    ("GET", "/api/v1/publik/layanan/{kode}/"),
    ("GET", "/api/v1/publik/layanan/{kode}/versi/{nomor}/"),
    ("POST", "/api/v1/publik/pengaduan/"),
    ("GET", "/api/v1/publik/pengaduan/{kode_lacak}/"),
}
# The public complaint form takes 5 complaints an hour from one address (a documented 429): the limit is lifted
# before each of its cases, so that every case reaches the checks of its input (the stateful run too).
ADUAN_PUBLIK = ("POST", "/api/v1/publik/pengaduan/")
# For heads of units and applications (the candidates), for those above or over a Unit Organisasi (its
# distribution of predikat): a staff member is refused (403, or 404 for a unit not hers to see) there.
DISTRIBUSI = ("GET", "/api/v1/unit/{kode}/distribusi-predikat/")
HANYA_PIMPINAN = {("GET", "/api/v1/penugasan/kandidat/"), DISTRIBUSI}


def operasi_skema() -> list[tuple[str, str]]:
    """The operations of the schema as the app generates it (at collection; the served one is compared below)."""
    import warnings

    from drf_spectacular.generators import SchemaGenerator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        skema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (metode.upper(), path)
        for path, isi in skema["paths"].items()
        for metode in isi
        if metode in ("get", "post", "put", "patch", "delete")
    )


OPERASI = operasi_skema()

FUZZ_SETTINGS = dict(
    deadline=None,
    derandomize=False,  # the seed below fixes the run
    database=None,
    print_blob=False,
    phases=[Phase.explicit, Phase.generate],  # failures are collected, not raised, so nothing to shrink
    suppress_health_check=list(HealthCheck),
)
CHECKS = [
    st_checks.not_a_server_error,
    oa_checks.status_code_conformance,
    oa_checks.content_type_conformance,
    oa_checks.response_schema_conformance,
    oa_checks.response_headers_conformance,
    oa_checks.negative_data_rejection,
]


# --- callers, objects, the served schema ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def _koneksi_tetap():
    """Requests go through the real WSGI handler, whose signals would close the test's DB connection (and
    its transaction) on PostgreSQL; Django's own test client disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def galat_server():
    """Exceptions that reached Django's handler during the run (the 5xx answers' tracebacks), newest last."""
    from django.core.signals import got_request_exception

    tertangkap: list[str] = []

    def simpan(sender, request=None, **kwargs):
        exc = sys.exc_info()[1]
        if exc is not None:
            tertangkap.append(objek.ringkas_galat(exc))

    got_request_exception.connect(simpan, weak=False)
    yield tertangkap
    got_request_exception.disconnect(simpan)


@pytest.fixture
def dunia(request, struktur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    d = objek.dunia(struktur)
    path = getattr(getattr(request.node, "callspec", None), "params", {}).get("path", "")
    if "/pdf/" in path or "linked" in request.node.name:
        objek.render(d.surat)  # the letter's PDF, where an answer serves it (rendering takes a while)
    d.struktur = struktur
    d.kunci = {"kepala": f.kunci_token(d.kepala.akun), "staf": f.kunci_token(d.staf.akun)}
    d.akun = {"kepala": d.kepala.akun, "staf": d.staf.akun}
    return d


def header(d, peran: str, case=None) -> dict:
    """The caller's token; revoking one's token (DELETE /api/v1/token/) uses a fresh one each time."""
    if peran == "anonim":
        return {}
    if case is not None and (case.method.upper(), case.path) == ("DELETE", "/api/v1/token/"):
        return {"Authorization": f"Token {f.kunci_token(d.akun[peran], nama='dicabut')}"}
    return {"Authorization": f"Token {d.kunci[peran]}"}


def tautan_tambahan(raw: dict) -> None:
    """Links the schema does not declare and Schemathesis does not infer: from a person to a request or team
    naming them, from a request to its letters, from a letter to its public verification."""
    ids = {
        (m.upper(), p): o["operationId"]
        for p, isi in raw["paths"].items()
        for m, o in isi.items()
        if "operationId" in o
    }
    periode = {"mulai": objek.MULAI.isoformat(), "selesai": objek.SELESAI.isoformat()}

    def tautkan(sumber, status, nama, target, parameters=None, body=None):
        if sumber not in ids or target not in ids:
            return
        respon = raw["paths"][sumber[1]][sumber[0].lower()]["responses"].setdefault(status, {"description": ""})
        tautan = {"operationId": ids[target]}
        if parameters:
            tautan["parameters"] = parameters
        if body:
            tautan["requestBody"] = body
        respon.setdefault("links", {})[nama] = tautan

    saya, orang = ("GET", "/api/v1/saya/"), ("GET", "/api/v1/pegawai/{nip}/")
    buat_p, satu_p, buat_t, satu_t = (
        ("POST", "/api/v1/penugasan/"),
        ("GET", "/api/v1/penugasan/{id}/"),
        ("POST", "/api/v1/tim/"),
        ("GET", "/api/v1/tim/{id}/"),
    )
    tautkan(saya, "200", "Diri", orang, {"nip": "$response.body#/pegawai/nip"})
    tautkan(
        saya, "200", "Kedudukan", ("GET", "/api/v1/pegawai/{nip}/kedudukan/"), {"nip": "$response.body#/pegawai/nip"}
    )
    tautkan(saya, "200", "UnitSaya", ("GET", "/api/v1/unit/{kode}/"), {"kode": "$response.body#/pegawai/unit"})
    for sumber, status in ((saya, "200"), (orang, "200")):
        akar = "/pegawai" if sumber == saya else ""
        tautkan(
            sumber,
            status,
            "Tugaskan",
            buat_p,
            body={"unit_tujuan": f"$response.body#{akar}/unit", "pegawai": [f"$response.body#{akar}/nip"], **periode},
        )
        tautkan(
            sumber,
            status,
            "BentukTim",
            buat_t,
            body={"unit_pemilik": f"$response.body#{akar}/unit", "ketua": f"$response.body#{akar}/nip", **periode},
        )
    for sumber, status in ((buat_p, "201"), (satu_p, "200")):
        tautkan(sumber, status, "Surat", ("GET", "/api/v1/surat/{id}/"), {"id": "$response.body#/surat/0/id"})
        tautkan(sumber, status, "PdfSurat", ("GET", "/api/v1/surat/{id}/pdf/"), {"id": "$response.body#/surat/0/id"})
    tautkan(
        ("GET", "/api/v1/surat/{id}/"),
        "200",
        "Verifikasi",
        ("GET", "/api/v1/surat/verifikasi/{kode}/"),
        {"kode": "$response.body#/kode_verifikasi"},
    )
    for sumber, status in ((buat_t, "201"), (satu_t, "200")):
        tautkan(
            sumber,
            status,
            "TugaskanKeTim",
            buat_p,
            body={"tim": "$response.body#/id", "unit_tujuan": "$response.body#/unit_pemilik", **periode},
        )


_DISAJIKAN: dict[str, dict] = {}


@pytest.fixture
def schema(dunia):
    """The schema exactly as /api/v1/schema/ serves it (it needs a login: the head asks; asked once per
    process, it takes a while to generate), plus links."""
    import copy

    app = get_wsgi_application()
    if "skema" not in _DISAJIKAN:
        _DISAJIKAN["skema"] = schemathesis.openapi.from_wsgi(
            SCHEMA_URL, app, headers=header(dunia, "kepala")
        ).raw_schema
    raw = copy.deepcopy(_DISAJIKAN["skema"])
    tautan_tambahan(raw)
    s = schemathesis.openapi.from_dict(raw)
    s.app, s.location = app, SCHEMA_URL
    return s


def operasi(schema, metode: str, path: str):
    for hasil in schema.get_all_operations():
        op = hasil.ok()
        if op.method.upper() == metode and op.path == path:
            return op
    raise AssertionError(f"{metode} {path} tidak ada di skema")


# --- one case --------------------------------------------------------------------------------------------


class Catatan:
    """What one test (or one stateful run) sent and what went wrong."""

    def __init__(self, uji: str, peran: str):
        self.uji, self.peran = uji, peran
        self.contoh, self.status, self.gagal, self.galat_5xx, self.kasus_gagal = 0, Counter(), [], 0, 0
        self.operasi: set[str] = set()

    def periksa(self, case, response, galat_server: list[str], publik: bool) -> None:
        """Run the checks on one answer; record a failure (with the 5xx's traceback frame) instead of raising."""
        self.contoh += 1
        label = f"{case.method.upper()} {case.path}"
        self.operasi.add(label)
        self.status[response.status_code] += 1
        if response.status_code >= 500:
            self.galat_5xx += 1
        masalah: list[tuple[str, str]] = []
        try:
            if self.peran == "anonim" and not publik:
                periksa_anonim(response)
            case.validate_response(response, checks=CHECKS, headers=dict(case.headers or {}))
        except FailureGroup as grup:
            masalah += [(type(e).__name__, _judul(e)) for e in grup.exceptions]
        except Failure as e:
            masalah.append((type(e).__name__, _judul(e)))
        except AssertionError as e:
            masalah.append(("AnonimMendapatData", str(e)))
        if _negatif_semu(case):  # nothing in it was made invalid: its acceptance is no finding
            masalah = [m for m in masalah if m[0] != "AcceptedNegativeData"]
        if response.status_code >= 500:  # one 5xx is one failure, not also an undocumented status
            masalah = [m for m in masalah if m[0] != "UndefinedStatusCode"]
        jenis_isi = (response.headers.get("content-type") or response.headers.get("Content-Type") or [""])[0]
        if 400 <= response.status_code < 500 and "json" in jenis_isi:
            try:
                inggris = objek.pesan_inggris(json.loads(response.content or b"null"))
            except ValueError:
                inggris = None
            if inggris:
                masalah.append(("PesanBahasaInggris", inggris))
        if not masalah:
            return
        self.kasus_gagal += 1
        frame = galat_server[-1] if response.status_code >= 500 and galat_server else ""
        for jenis, judul in masalah:
            self.gagal.append(
                {
                    "uji": self.uji,
                    "peran": self.peran,
                    "operasi": label,
                    "status": response.status_code,
                    "jenis": jenis,
                    "pesan": judul,
                    "galat": frame,
                    "mode": str(getattr(getattr(case.meta, "generation", None), "mode", "")),
                    "curl": case.as_curl_command()[:2000],
                }
            )

    def laporan(self) -> str:
        baris = [f"{self.kasus_gagal} dari {self.contoh} contoh gagal ({self.peran}); status {dict(self.status)}"]
        for g in self.gagal[:6]:
            baris.append(
                f"- {g['operasi']} -> {g['status']} [{g['jenis']}] {g['pesan']}"
                + (f"\n    galat: {g['galat']}" if g["galat"] else "")
                + f"\n    {g['curl'][:600]}"
            )
        return "\n".join(baris)

    def simpan(self) -> None:
        catat(self.operasi, self.contoh, self.kasus_gagal, self.galat_5xx)
        catat_gagal("fuzz", self.gagal)


def _negatif_semu(case) -> bool:
    """A case of the schema-invalid run that carries no mutation: Schemathesis (4.32) marks its generation
    negative while its phase says "Positive test case", without mutations (seen with a multipart body,
    `POST /api/v1/publik/pengaduan/`: a valid complaint with a PNG attachment). Accepting it is right, so
    `negative_data_rejection` is not held against it."""
    data = getattr(getattr(getattr(case, "meta", None), "phase", None), "data", None)
    return (
        data is not None
        and not getattr(data, "mutations", ())
        and (getattr(data, "description", "") or "").lower() == "positive test case"
    )


def _judul(e: Exception) -> str:
    judul = getattr(e, "title", "") or type(e).__name__
    pesan = (getattr(e, "message", "") or str(e)).strip().replace("\n", " ")
    return f"{judul}: {pesan[:300]}"


def periksa_anonim(response) -> None:
    """No data: a 401/403 whose body is an error (`detail`, and `kode` where the error has one)."""
    assert response.status_code in (401, 403), f"anonim mendapat {response.status_code}"
    body = json.loads(response.content or b"null")
    assert isinstance(body, dict) and "detail" in body and set(body) <= {"detail", "kode"}, (
        f"anonim mendapat data: {body!r}"[:300]
    )


# --- per operation -----------------------------------------------------------------------------------------


def nyata(d, metode: str, path: str, peran: str) -> dict:
    """Real values to aim some cases at: path parameters, query, body fields."""
    s = d.struktur
    p = {"nip": d.staf.nip, "kode": s.bag_org.kode, "tahun": str(d.skp.tahun)}
    if path.startswith("/api/v1/penugasan/{id}/"):
        langkah = {"kepala": d.menunggu_kepala, "staf": d.dari_staf, "anonim": d.menunggu_kepala}
        tarik = {"kepala": d.dari_kepala, "staf": d.dari_staf, "anonim": d.dari_kepala}
        p["id"] = (tarik if path.endswith("/tarik/") else langkah)[peran].pk
        if path == "/api/v1/penugasan/{id}/":
            p["id"] = d.selesai.pk
    elif path.startswith("/api/v1/tim/{id}/"):
        p["id"] = d.tim.pk
    elif path.startswith("/api/v1/surat/verifikasi/"):
        p["kode"] = d.surat.kode_verifikasi
    elif path.startswith("/api/v1/surat/{id}/"):
        p["id"] = d.surat.pk
    elif path.endswith(("/distribusi-predikat/", "/predikat-organisasi/{tahun}/")):
        p["kode"] = s.setda.kode  # a Unit Organisasi (the Bagian Organisasi is not one)
    elif path.startswith(
        ("/api/v1/layanan/", "/api/v1/publik/", "/api/v1/pengaduan/", "/api/v1/tanggapan/", "/api/v1/konsultasi/")
    ):
        p |= _layanan(d, path)
    elif (obj := _kinerja(d, metode, path, peran)) is not None:
        p["id"] = obj.pk
    hasil = {"path": {k: v for k, v in p.items() if f"{{{k}}}" in path}}
    if (metode, path) == ("GET", "/api/v1/penugasan/kandidat/"):
        hasil["query"] = {"unit_tujuan": s.bag_org.kode, "mulai": "2027-01-04", "selesai": "2027-06-30"}
    elif (metode, path) == DISTRIBUSI:
        hasil["query"] = {"periode": str(d.skp.tahun)}  # last year's appraisal
    elif (metode, path) == ("POST", "/api/v1/layanan/{kode}/responden/"):
        # a list body (paper questionnaires): whole valid lists, the body fields below being for objects
        from organisasi.selectors import hari_ini

        baris = {"tanggal": hari_ini().isoformat(), "jawaban": {f"U{i}": 3 for i in range(1, 10)}}
        hasil["badan"] = [[baris], [baris, {**baris, "jenis_kelamin": "L", "usia": 30, "pekerjaan": "swasta"}]]
    hasil["body"] = {
        "unit_tujuan": [s.bag_org.kode, s.asisten.kode, s.bidang.kode],
        "unit_pemilik": [s.bag_org.kode],
        "pegawai": [[d.staf.nip], [s.staf_bidang.nip]],
        "anggota": [[d.staf.nip]],
        "ketua": [d.staf.nip, d.kepala.nip],
        "tim": [d.tim.pk],
        "mulai": [objek.MULAI.isoformat()],
        "selesai": [objek.SELESAI.isoformat()],
        "username": [d.staf.nip, d.kepala.akun.username],
        **_badan_kinerja(d),
        **_badan_layanan(d),
    }
    return hasil


def _layanan(d, path: str) -> dict:
    """Layanan's path values (`objek.layanan_dunia`): the Bagian Organisasi's service (staff read and edit its
    draft version 2, the public its version 1 in force), the complaint under way and its unpublished answer,
    the complaint still received where it is taken up, the tracking code."""
    p = {"kode": d.layanan.kode, "kode_lacak": d.kode_lacak}
    publik = path.startswith("/api/v1/publik/")
    p["nomor"] = (d.versi_terbit if publik else d.versi_draf).nomor
    if path.startswith("/api/v1/pengaduan/{id}/"):
        p["id"] = (d.pengaduan_lampiran if path.endswith("/proses/") else d.pengaduan).pk
    elif path.startswith("/api/v1/tanggapan/{id}/"):
        p["id"] = d.tanggapan.pk
    elif path.startswith("/api/v1/konsultasi/{id}/"):
        baru = path.endswith(("/disposisi/", "/lampiran/{lid}/"))
        p["id"] = (d.konsultasi_baru if baru else d.konsultasi_ditangani).pk
        p["lid"] = d.lampiran_konsultasi.pk
    return p


def lepas_batas(case) -> None:
    """Lift the public complaint form's hourly limit (ADUAN_PUBLIK) before one of its cases."""
    if (case.method.upper(), case.path) == ADUAN_PUBLIK:
        from layanan.models import Pengaduan

        Pengaduan.objects.exclude(alamat_hash="").update(alamat_hash="")


def _kinerja(d, metode: str, path: str, peran: str):
    """The kinerja object of a path, the caller's own where there is one: the result under the head's
    review (terima/kembalikan), the one returned to the staff member (ajukan), feedback addressed to
    the caller (baca); the SKP submitted to the head (setujui/kembalikan), his own draft (ajukan, PUT), else
    the staff member's approved SKP; the final evaluation where she objects or is followed up, else the period
    he rated; her objection, her SKP's document and development plan."""
    bagian = path.removeprefix("/api/v1/").split("/")
    aksi = bagian[2] if len(bagian) > 2 else ""
    if bagian[0] == "hasil":
        return d.hasil_kembali if path.endswith("/ajukan/") else d.hasil_tinjau
    if bagian[0] == "umpan-balik":
        return d.umpan_balik if peran == "staf" else d.umpan_balik_balasan
    if bagian[0] == "skp":
        if aksi in ("setujui", "kembalikan"):
            return d.skp_diajukan
        if peran != "staf" and (aksi == "ajukan" or (metode == "PUT" and not aksi)):
            return d.skp_kepala
        return d.skp
    if bagian[0] == "evaluasi":
        return d.evaluasi_final if aksi in ("keberatan", "tindak-lanjut") else d.evaluasi
    tabel = {
        "perjanjian-kinerja": d.pk,
        "target": d.target,
        "rencana": d.rencana,
        "kegiatan": d.kegiatan,
        "keberatan": d.keberatan,
        "dokumen-kinerja": d.dokumen,
        "pengembangan": d.pengembangan,
    }
    return tabel.get(bagian[0])


def _badan_kinerja(d) -> dict:
    """Body fields of the kinerja writes: the units of the cascade, the current year, the people of the
    target, whole valid sasaran and kegiatan lists, plausible text and numbers, periods of last year's SKP."""
    from organisasi.selectors import hari_ini

    s = d.struktur
    hari = hari_ini()
    sasaran = [{"uraian": "Tata kelola", "indikator": [{"uraian": "SOP direviu", "satuan": "SOP", "target": 10}]}]
    kegiatan = {
        "uraian": "Reviu SOP",
        "mulai": hari.replace(month=1, day=2).isoformat(),
        "selesai": hari.replace(month=12, day=30).isoformat(),
        "pelaksana": [d.staf.nip],
        "anggaran": [{"uraian": "Rapat", "jumlah": 1_000_000}],
    }
    return {
        "unit": [s.setda.kode, s.asisten.kode, s.bag_org.kode],
        "tahun": [hari.year],
        "sasaran": [sasaran],
        "kegiatan": [[kegiatan]],
        "cara": ["individu", "tim"],
        "kepada": [d.staf.nip, d.kepala.nip],
        "balasan_untuk": [d.umpan_balik.pk, d.umpan_balik_balasan.pk],
        "anggaran": [d.anggaran.pk],
        "tanggal": [hari.isoformat()],
        "bukti": ["https://contoh.go.id/bukti"],
        "alasan": ["Penyesuaian jadwal"],
        "catatan": ["Lengkapi lampiran"],
        "uraian": ["Sepuluh SOP direviu"],
        "satuan": ["SOP"],
        "capaian": [10],
        "persen": [50],
        "jumlah": [100_000],
        "isi": ["Mohon dipercepat"],
        # the appraisal: a period of last year's SKP, a decision's reasons
        "periode": [f"{d.skp.tahun}-T3", f"{d.skp.tahun}-T4"],
        "putusan": ["Keberatan beralasan"],
        "realisasi": ["10"],
    }


def _badan_layanan(d) -> dict:
    """Body fields of layanan's writes: a new service (a free code, the 14 components, a survey scheme), a
    complaint naming the service, survey codes; `jumlah` also takes kinerja's amounts (it replaces theirs); a
    consultation's handler and meeting."""
    import datetime as dt

    from django.utils import timezone

    from tests.layanan.conftest import komponen_lengkap

    return {
        "kode": ["layanan-fuzz-baru"],
        "nama": ["Konsultasi Uji"],
        "komponen": [komponen_lengkap(), {"biaya": "Tidak dipungut biaya."}],
        "skema": ["skm2017", "ikm2004"],
        "tenggat_pengaduan_hari": [14],
        "layanan": [d.layanan.kode],
        "instansi": [d.struktur.instansi.kode],
        "kontak": ["warga@contoh.go.id"],
        "hari": [30],
        "jumlah": [100_000, 5],
        # consultations: the Bagian's staff member as handler, a meeting tomorrow
        "penangan": [d.staf.nip],
        "waktu": [(timezone.localtime() + dt.timedelta(days=1)).replace(microsecond=0).isoformat()],
        "tempat": ["Ruang Rapat Bagian Organisasi"],
    }


def strategi(op, mode: GenerationMode, aim: dict):
    """Schemathesis' cases; schema-valid ones also aimed at real objects (path, query and body fields, or a
    whole body where it is a list)."""
    dasar = op.as_strategy(generation_mode=mode)
    if mode is GenerationMode.NEGATIVE:
        return dasar
    varian = [dasar]
    if aim["path"] or aim.get("query"):
        varian.append(op.as_strategy(generation_mode=mode, path_parameters=aim["path"] or None, query=aim.get("query")))
    for badan in aim.get("badan", []):
        varian.append(
            op.as_strategy(
                generation_mode=mode, path_parameters=aim["path"] or None, body=badan, media_type="application/json"
            )
        )
    if op.body:

        def tambal(case):
            if not isinstance(case.body, dict):
                return hs.just(case)
            kunci = [k for k in case.body if k in aim["body"]] + [
                k for k in aim["body"] if k not in case.body and k in _properti(op)
            ]

            def terapkan(nilai):
                case.body = {**case.body, **nilai}
                if aim["path"]:
                    case.path_parameters = {**(case.path_parameters or {}), **aim["path"]}
                return case

            return hs.fixed_dictionaries({k: hs.sampled_from(aim["body"][k]) for k in kunci}).map(terapkan)

        varian.append(dasar.flatmap(tambal))
    return hs.one_of(*varian)


def _properti(op) -> set[str]:
    nama = set()
    for alt in op.body:
        skema = alt.definition.get("schema", {}) if isinstance(alt.definition, dict) else {}
        if "$ref" in skema:
            skema = op.schema.resolver.lookup(skema["$ref"]).contents if hasattr(op.schema, "resolver") else {}
        nama.update(skema.get("properties", {}))
    return nama


def benih(*bagian: str) -> int:
    """The fixed seed, varied per operation, caller and mode so that they do not all draw the same cases."""
    return SEED + zlib.crc32(" ".join(bagian).encode())


def jalankan(op, d, peran: str, galat_server: list[str], mode: GenerationMode, jumlah: int, cat: Catatan) -> None:
    publik = (op.method.upper(), op.path) in PUBLIK
    aim = nyata(d, op.method.upper(), op.path, peran)

    @settings(max_examples=jumlah, **FUZZ_SETTINGS)
    @seed(benih(op.method, op.path, peran, str(mode)))
    @given(case=strategi(op, mode, aim))
    def satu(case):
        galat_server.clear()
        lepas_batas(case)
        response = case.call(headers=header(d, peran, case))
        cat.periksa(case, response, galat_server, publik)

    try:
        satu()
    except Exception as exc:  # noqa: BLE001 - a strategy that cannot be built is reported, not hidden
        if "Unsatisfiable" in type(exc).__name__ or "negative" in str(exc).lower():
            return  # nothing in this operation can be made schema-invalid
        raise


@pytest.mark.django_db
@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("metode,path", OPERASI, ids=[f"{m} {p}" for m, p in OPERASI])
def test_operation_survives_fuzzing(dunia, schema, galat_server, metode, path, peran):
    from organisasi.models import TokenApi

    op = operasi(schema, metode, path)
    cat = Catatan(f"{metode} {path} [{peran}]", peran)
    token_sebelum = TokenApi.objects.count()
    if peran == "anonim":
        jalankan(op, dunia, peran, galat_server, GenerationMode.POSITIVE, CONTOH_ANONIM, cat)
    else:
        jalankan(op, dunia, peran, galat_server, GenerationMode.POSITIVE, CONTOH_POSITIF, cat)
        jalankan(op, dunia, peran, galat_server, GenerationMode.NEGATIVE, CONTOH_NEGATIF, cat)
    cat.simpan()
    # an operation with nothing to vary (DELETE /api/v1/token/) has one distinct case
    assert cat.contoh >= (5 if op.path_parameters or op.query or op.body else 1), f"hanya {cat.contoh} contoh dibuat"
    assert not cat.gagal, cat.laporan()
    if metode == "GET" and peran != "anonim" and not (peran == "staf" and (metode, path) in HANYA_PIMPINAN):
        assert cat.status[200] > 0, dict(cat.status)  # the search reached real data, not only 400/404 answers
    if (metode, path) == ("POST", "/api/v1/token/"):
        assert TokenApi.objects.count() == token_sebelum  # random passwords never bought a token


# --- stateful: following links from one answer to the next request -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("peran", ["kepala", "staf"])
def test_linked_sequences_survive_fuzzing(dunia, schema, galat_server, peran):
    cat = Catatan(f"stateful [{peran}]", peran)
    tertaut = Counter()
    Dasar = schema.as_state_machine()

    class Mesin(Dasar):
        def step(self, input):
            if input.transition is not None and input.is_applied:
                tertaut[input.transition.id] += 1
            return super().step(input)

        def get_call_kwargs(self, case):
            galat_server.clear()
            lepas_batas(case)
            return {"headers": header(dunia, peran, case)}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            cat.periksa(case, response, galat_server, (case.method.upper(), case.path) in PUBLIK)

    Mesin = seed(benih("stateful", peran))(Mesin)
    run_state_machine_as_test(
        Mesin,
        settings=settings(max_examples=SKENARIO_STATEFUL, stateful_step_count=LANGKAH_STATEFUL, **FUZZ_SETTINGS),
    )
    cat.simpan()
    assert sum(tertaut.values()) > 0, "tidak ada tautan yang diikuti"
    assert not cat.gagal, cat.laporan() + f"\ntautan diikuti: {dict(tertaut)}"


# --- the schema and the list agree; the harness catches what it is meant to catch --------------------------


@pytest.mark.django_db
def test_every_operation_of_the_served_schema_is_fuzzed(dunia):
    raw = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application(), headers=header(dunia, "kepala")).raw_schema
    disajikan = sorted(
        (m.upper(), p) for p, isi in raw["paths"].items() for m in isi if m in ("get", "post", "put", "patch", "delete")
    )
    assert disajikan == OPERASI
    catat_skema(len(disajikan))
    assert {m for m, _ in OPERASI} >= {"GET", "POST", "DELETE"}


@pytest.mark.django_db
def test_fuzzing_reports_a_body_that_breaks_the_schema(dunia, schema, galat_server, monkeypatch):
    from organisasi.api import serializers

    monkeypatch.setattr(serializers.UnitSerializer, "to_representation", lambda self, obj: {"kode": 1})
    cat = Catatan("uji harness", "kepala")
    op = operasi(schema, "GET", "/api/v1/unit/{kode}/")
    jalankan(op, dunia, "kepala", galat_server, GenerationMode.POSITIVE, 10, cat)
    assert cat.status[200] > 0 and cat.gagal
    assert any("schema" in g["pesan"].lower() for g in cat.gagal)


@pytest.mark.django_db
def test_fuzzing_reports_a_server_error_with_its_frame(dunia, schema, galat_server, monkeypatch):
    from organisasi.api import views

    def meledak(self, request, *args, **kwargs):
        raise RuntimeError("uji")

    monkeypatch.setattr(views.SayaView, "get", meledak)
    cat = Catatan("uji harness", "staf")
    jalankan(operasi(schema, "GET", "/api/v1/saya/"), dunia, "staf", galat_server, GenerationMode.POSITIVE, 5, cat)
    assert cat.galat_5xx > 0 and cat.gagal
    assert "RuntimeError: uji" in cat.gagal[0]["galat"]
    anonim = Catatan("uji harness", "anonim")
    jalankan(operasi(schema, "GET", "/api/v1/saya/"), dunia, "anonim", galat_server, GenerationMode.POSITIVE, 5, anonim)
    assert anonim.status[401] > 0 and not anonim.gagal  # anonymous never reaches the view


def test_english_defaults_are_recognised():
    assert objek.pesan_inggris({"tim": ["Not a valid string."]}) == "Not a valid string."
    assert objek.pesan_inggris({"detail": "Authentication credentials were not provided."})
    assert objek.pesan_inggris({"nama": ["Ensure this field has no more than 200 characters."]})
    assert objek.pesan_inggris({"detail": "Tidak ditemukan."}) is None


@pytest.mark.django_db
def test_fuzzing_reports_an_english_error_message(dunia, schema, galat_server, monkeypatch):
    from rest_framework import exceptions

    from organisasi.api import views

    def inggris(self, request, *args, **kwargs):
        raise exceptions.NotFound("Not found.")

    monkeypatch.setattr(views.SayaView, "get", inggris)
    cat = Catatan("uji harness", "staf")
    jalankan(operasi(schema, "GET", "/api/v1/saya/"), dunia, "staf", galat_server, GenerationMode.POSITIVE, 3, cat)
    assert any(g["jenis"] == "PesanBahasaInggris" for g in cat.gagal)
