"""Hostile input to every endpoint and form, found by walking the URL conf (issue 13).

Every named route of `django.urls.get_resolver()` is a target, except Django's generic admin pages (the
project's own admin views are in: import, export, moving and ending a placement, collective transfers). API
endpoints get their fields from the OpenAPI schema the app serves; pages from the forms the app renders (a
crawl of every page finds, once per process, which page holds the form sent to which route; each test reads
those pages again for its own ids): `<form>` fields, the fields an htmx `hx-get` sends, and the inputs it
brings back (the candidates' checkboxes). Each field then gets the probe's classes of input, the other
fields keeping a valid value:

- NUL (`\u0000` in JSON and forms, `%00` in a path or query), on every field and path parameter;
- 1 MB of text on every text field, a 5,000-character identifier in the path;
- a 256-character username where a username is asked;
- non-ASCII digits (`²`, `١٢٣`, a real NIP or id in Arabic-Indic digits) where digits are asked;
- absurd dates (0001-01-01, 9999-12-31, 2024-02-30) on every date;
- text of zero-width characters only, on every required text field;
- 20-digit numbers and 1.5 where an integer is asked;
- in a JSON object or array of objects of known shape (kinerja's `sasaran[].indikator[]`, `kegiatan[]`):
  NUL and 1 MB at each nested value in turn, the rest of the structure valid;
- deeply nested JSON (`[` × 100,000), a 3 MB body and 1,001 form fields as the body of every API write;
- for a file field (the structure import): NUL, deep nesting, 1 MB and a 5,000-digit number in the file.

What must hold: no answer is a 5xx; no table of the project's models gains or loses a row (each case runs in
a savepoint that is rolled back afterwards, so the cases do not disturb each other); the answer is a 4xx for
every API request, every form post and every hostile path (a refused form answers 400, the project's
convention; never a 2xx or a redirect); every answer under /api/ is JSON, its messages not DRF's or Django's
English defaults (API.md). A page that reads a hostile query string may show itself (2xx). Django's admin
shows a refused form again with 200 and sends an unknown id to its change page: on the project's admin
views, no 5xx and nothing written is what holds. Django's `next` on an otherwise valid sign-in is ignored
when unsafe: there too, no 5xx and nothing written.

Public targets (an anonymous request gets in) are sent anonymously; the admin's views and pages only an admin
may see by the Admin Organisasi; the others by the head of unit (`struktur.kepala_bag_org`, PPK of the staff
there), whose step a flow awaits, with a token on the API. Each target is one test, its cases a counted loop;
failures name the class, field, status and the application frame of a 5xx, and go to
bench/out/hostile-failures-*.jsonl. The line `hostile: N cases sent to E endpoints and forms, F failures,
S server errors` comes from tests/api_fuzz/ringkasan.py. HOSTILE_DEBUG=1 prints, per target, the actor, the
fields found, the statuses and whether the valid request the cases start from passes.

A new route needs nothing here unless it has a path parameter not named in `nilai_path` (the test then fails
and says so).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, path, resolve, reverse

from tests import factories as f
from tests.api_fuzz import objek
from tests.api_fuzz.peta import nilai_peta
from tests.api_fuzz.ringkasan import catat_gagal, catat_hostile
from tests.api_fuzz.sop import nilai_sop

MB = 1_000_000
NUL = "\x00"
KE_ARAB = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
SANDI = "rahasia-uji-123"
SANDI_BARU = "Sandi-Baru-Uji-2027!"


# --- the walk ------------------------------------------------------------------------------------------------


@dataclass
class Rute:
    nama: str  # the URL name, namespaced ("penugasan:lanjut", "api-penugasan-lanjut")
    pola: str  # the route as written ("penugasan/<id:pk>/lanjut/", "api/v1/^tim/(?P<pk>[^/.]+)/$")
    param: list[str]

    @property
    def api(self) -> bool:
        return self.pola.startswith("api/")

    @property
    def admin(self) -> bool:
        return self.nama.startswith("admin:")

    @property
    def template(self) -> str:
        """The route as an OpenAPI path template: /api/v1/tim/{pk}/."""
        t = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", self.pola.replace("^", "").replace("$", ""))
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", t)


def _milik_proyek(callback) -> bool:
    fungsi = getattr(callback, "__wrapped__", callback)
    return getattr(fungsi, "__module__", "").split(".")[0] in objek.APP_PROYEK


def rute_semua() -> list[Rute]:
    """Every named route of the URL conf; in the admin, only the views the project wrote (import, export,
    moving and ending a placement, collective transfers), not Django's generic CRUD pages."""

    def jalan(resolver, awal="", ns=""):
        for p in resolver.url_patterns:
            if hasattr(p, "url_patterns"):
                yield from jalan(p, awal + str(p.pattern), f"{ns}{p.namespace}:" if p.namespace else ns)
            elif p.name:
                param = list(p.pattern.converters) if hasattr(p.pattern, "converters") else []
                param += [n for n in p.pattern.regex.groupindex if n not in param]
                if p.pattern.regex.groups > len(p.pattern.regex.groupindex):
                    continue  # unnamed groups (simple_history's revision pages): not reversible by name
                if ns.startswith("admin:") and not _milik_proyek(p.callback):
                    continue
                yield Rute(ns + p.name, awal + str(p.pattern), param)

    hasil = {}
    for r in jalan(get_resolver()):
        if r.nama in hasil:
            continue
        hasil[r.nama] = r
    return sorted(hasil.values(), key=lambda r: r.nama)


RUTE = rute_semua()


def test_the_walk_finds_the_api_and_the_pages():
    nama = {r.nama for r in RUTE}
    assert {"api-penugasan-list", "api-token", "penugasan:baru", "penugasan:kandidat", "login"} <= nama
    assert {"admin:organisasi_unit_impor", "admin:organisasi_pegawai_pindahkan"} <= nama
    assert not [r for r in RUTE if r.nama in ("admin:organisasi_unit_add", "admin:auth_user_changelist")]
    assert len([r for r in RUTE if r.api]) >= 15 and len([r for r in RUTE if not r.api]) >= 20


# --- the actors, the objects, the real path values ----------------------------------------------------------


@pytest.fixture
def dunia(struktur, admin_organisasi, settings, tmp_path):
    from organisasi.models import MutasiKolektif
    from penugasan import services
    from penugasan.models import Kompetensi

    settings.MEDIA_ROOT = tmp_path
    d = objek.dunia(struktur)
    d.struktur = struktur
    d.admin = admin_organisasi
    # the head's own competency (his to remove) is not the one the form offers first
    lain = Kompetensi.objects.create(nama="Tata naskah dinas")
    d.kompetensi_kepala = services.kompetensi_catat(pelaku=d.kepala.akun, pegawai=d.kepala, kompetensi=lain)
    d.mutasi = MutasiKolektif.objects.create(
        nomor_sk="800/1/35.07/2027", tanggal_sk=objek.MULAI, berlaku_mulai=objek.MULAI, dibuat_oleh=admin_organisasi
    )
    d.anggota = services.tim_anggota_tambah(
        pelaku=d.kepala.akun, tim=d.tim, pegawai=struktur.staf_bidang, peran="Anggota"
    )
    # someone in the head's unit who is not yet in the team (a valid member to add)
    d.staf_lain = f.pegawai(struktur.bag_org, nama="Pengadministrasi Bagian Organisasi")
    for p in (d.kepala, d.staf):
        f.akun_bersandi(p, SANDI)
    d.staf.akun.email = "analis@example.go.id"
    d.staf.akun.save()
    d.kunci = f.kunci_token(d.kepala.akun)
    # the account of the password-reset link: a six-digit id, so that its base64 has no padding (where a
    # decoder that skips stray characters would still read the id with a NUL or a space after it)
    d.akun_reset = f.UserFactory(id=900_000, username="reset-uji", email="reset@example.go.id")
    return d


def nilai_path(rute: Rute, param: str, d) -> str:
    """A real value for a path parameter, within the head's reach (and his to act on)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    s = d.struktur
    jalur = rute.pola.removeprefix("api/v1/").lstrip("^")
    bagian = jalur.split("/")[0]
    if rute.admin and param in ("object_id", "pk"):
        tabel = {"pegawai": d.staf, "mutasikolektif": d.mutasi, "unit": s.bag_org}
        model = jalur.split("/")[2]
        if model in tabel:
            return str(tabel[model].pk)
    if (nilai := nilai_sop(jalur, param, d)) is not None:
        return nilai
    if (nilai := nilai_peta(jalur, param, d)) is not None:  # first: `_nilai_layanan`'s `tid` is a complaint's
        return nilai
    if (nilai := _nilai_layanan(jalur, param, d)) is not None:
        return nilai
    if param == "nip":
        return d.staf.nip
    if param == "tahun":  # the year of last year's appraisal (a unit's predikat organisasi)
        return str(d.skp.tahun)
    if param == "kode":
        if "verifikasi" in jalur:
            return d.dokumen.kode_verifikasi if jalur.startswith("kinerja/dokumen/") else d.surat.kode_verifikasi
        if jalur.startswith("kinerja/ekinerja/instansi/"):
            return s.instansi.kode
        # a Perangkat Daerah, or a Unit Organisasi (the appraisal's distribution; bag_org is neither)
        pd = ("kinerja/dasbor/pd/", "kinerja/ekinerja/pd/", "kinerja/skp/distribusi/")
        if jalur.startswith(pd) or re.match(r"unit/[^/]+/(distribusi-predikat|predikat-organisasi)/", _templat(jalur)):
            return s.setda.kode
        return s.bag_org.kode
    if param == "bentuk":
        return "xlsx"
    if param == "anggota_pk":
        return str(d.anggota.pk)
    if param == "uidb64":
        return urlsafe_base64_encode(force_bytes(d.akun_reset.pk))
    if param == "token":
        return default_token_generator.make_token(d.akun_reset)
    if param in ("pk", "id"):
        if bagian == "penugasan":
            if "/tarik/" in jalur:
                return str(d.dari_kepala.pk)
            return str(d.menunggu_kepala.pk)
        tabel = {"tim": d.tim, "surat": d.surat, "kompetensi": d.kompetensi_kepala}
        if bagian in tabel:
            return str(tabel[bagian].pk)
        if (nilai := _nilai_kinerja(jalur, d)) is not None:
            return str(nilai.pk)
    raise LookupError(f"{rute.pola}: tidak ada nilai nyata untuk parameter {param!r}; tambahkan di nilai_path()")


def _nilai_layanan(jalur: str, param: str, d) -> str | None:
    """Layanan's path values (`objek.layanan_dunia`): the Bagian Organisasi's service by its code (version 1 in
    force, version 2 the draft its edits are aimed at), a unit's code where a unit is asked, the tracking code on
    the public tracking and receipt; the complaint under way (its unpublished answer the head's to publish),
    the complaint still received (with its attachment) where it is taken up or its attachment is read; the
    consultations of `objek.konsultasi_dunia`."""
    publik = jalur.startswith("publik/")
    lay = jalur.removeprefix("publik/")
    if param == "kode_lacak" or (param == "kode" and lay.startswith(("pengaduan/lacak/", "pengaduan/terkirim/"))):
        return d.kode_lacak
    if param == "unit_kode" or (param == "kode" and lay.startswith("layanan/kelola/skm/unit/")):
        return d.struktur.bag_org.kode
    if param == "kode" and lay.startswith("layanan/"):
        return d.layanan.kode
    if param in ("n", "nomor") and lay.startswith("layanan/"):
        # the draft where it is edited (the page's `ubah/`, the API's version: its PATCH), never in public
        draf = "/ubah/" in lay or (param == "nomor" and not publik)
        return str((d.versi_draf if draf else d.versi_terbit).nomor)
    if param == "tid":
        return str(d.tanggapan.pk)
    if lay.startswith("konsultasi/"):  # the API's and the pages' alike (`objek.konsultasi_dunia`)
        if param == "lid":
            return str(d.lampiran_konsultasi.pk)
        if param in ("pk", "id"):
            # the request waiting on the head (his to dispose; its file), else the one the staff member handles
            baru = re.search(r"/(disposisi|lampiran)/", _templat(lay))
            return str((d.konsultasi_baru if baru else d.konsultasi_ditangani).pk)
    if param in ("pk", "id"):
        if lay.startswith("tanggapan/"):
            return str(d.tanggapan.pk)
        if lay.startswith(("pengaduan/", "layanan/kelola/pengaduan/")):
            diterima = re.search(r"/(proses|lampiran)/", _templat(lay))
            return str((d.pengaduan_lampiran if diterima else d.pengaduan).pk)
    return None


def _templat(jalur: str) -> str:
    """A route's path with its parameters as `{}`: `skp/{}/ajukan/` (router regexes hold `/` themselves)."""
    return re.sub(r"\(\?P<\w+>[^)]*\)|<(?:\w+:)?\w+>", "{}", jalur).replace("$", "")


def _nilai_kinerja(jalur: str, d):
    """The kinerja object of an API path (`hasil/{pk}/ajukan/`) or a page (`kinerja/hasil/<id:pk>/...`):
    the head's own step where there is one (the result under his review, his team's feedback reply, the SKP
    submitted to him, his own draft SKP, the period he rated, the document his to sign), the returned result
    where its submitter acts again, the final evaluation where the staff member objects or is followed up."""
    bagian = [b for b in _templat(jalur).removeprefix("kinerja/").split("/") if b]
    if bagian[0] == "skp" and len(bagian) > 1 and bagian[1] in ("evaluasi", "keberatan", "dokumen", "pengembangan"):
        bagian = bagian[1:]  # pages: kinerja/skp/evaluasi/<id:pk>/tetapkan/ is an evaluation's
    aksi = bagian[2] if len(bagian) > 2 else ""
    if bagian[0] == "hasil":
        return d.hasil_kembali if "ajukan" in jalur else d.hasil_tinjau
    if bagian[0] == "skp":
        if aksi in ("setujui", "kembalikan"):
            return d.skp_diajukan
        # the API's detail is also its PUT (a draft's edit); the page's detail is her approved SKP
        if aksi in ("ajukan", "ubah") or (not aksi and not jalur.startswith("kinerja/")):
            return d.skp_kepala
        return d.skp
    if bagian[0] == "evaluasi":
        return d.evaluasi_final if aksi in ("keberatan", "tindak-lanjut") else d.evaluasi
    tabel = {
        "perjanjian-kinerja": d.pk,
        "pk": d.pk,
        "target": d.target,
        "rencana": d.rencana,
        "kegiatan": d.kegiatan,
        "umpan-balik": d.umpan_balik_balasan,
        "progres": d.progres,
        "keberatan": d.keberatan,
        "dokumen-kinerja": d.dokumen,
        "dokumen": d.dokumen,
        "pengembangan": d.pengembangan,
    }
    return tabel.get(bagian[0])


PENANDA = {"teks": "PENANDAxyz", "angka": "918273645"}


def url_dengan(rute: Rute, d, ganti: dict[str, str] | None = None) -> str:
    """The route's URL with real path values, or with `ganti` (already percent-encoded) in their place."""
    nyata = {p: nilai_path(rute, p, d) for p in rute.param}
    ganti = ganti or {}
    if not ganti:
        return reverse(rute.nama, kwargs=nyata)
    kw = dict(nyata)
    penanda = {}
    for p in ganti:
        for jenis in ("teks", "angka"):
            try:
                reverse(rute.nama, kwargs={**kw, p: PENANDA[jenis]})
            except NoReverseMatch:
                continue
            kw[p] = penanda[p] = PENANDA[jenis] + p
            try:
                reverse(rute.nama, kwargs=kw)
            except NoReverseMatch:
                kw[p] = penanda[p] = PENANDA[jenis]
            break
        else:  # a converter of a few fixed words (`xlsx|pdf`): the real value, the last one in the URL
            penanda[p] = kw[p]
    url = reverse(rute.nama, kwargs=kw)
    for p, nilai in ganti.items():
        awal, _, akhir = url.rpartition(penanda[p])
        url = awal + nilai + akhir
    return url


# --- fields: from the schema for the API, from the rendered forms for pages --------------------------------


@dataclass
class Isian:
    nama: str
    jenis: str  # teks | tanggal | bulat | bool | objek | berkas
    dasar: object = None
    banyak: bool = False  # several values (a JSON array, checkboxes, <select multiple>)
    pilihan: list = field(default_factory=list)
    wajib: bool = False  # required: text of invisible characters only must be refused there
    bersarang: bool = False  # an object (or array of objects) of known shape: probed at each nested value


def isi_awal(nama: str, jenis: str, d, pilihan=()) -> object:
    """A valid value for a field, by its name and kind."""
    s = d.struktur
    n = nama.lower()
    if pilihan:
        return pilihan[0]
    if n == "tahun":  # kinerja's PK: the services take the current year (±1) only
        from organisasi.selectors import hari_ini

        return hari_ini().year
    # layanan: a new service's code (a slug not yet taken), the survey's scheme, the service a complaint names
    # and its instansi, a complaint's attachment left out (a JSON body has no file), a complaint's deadline
    if n == "kode":
        return "layanan-uji-baru"
    if n == "skema":
        return "skm2017"
    if n == "layanan":
        return d.layanan.kode
    if n == "instansi":
        return s.instansi.kode
    if n == "lampiran":
        return None
    if n == "tenggat_pengaduan_hari":
        return "14" if jenis == "teks" else 14
    if n == "periode":  # the appraisal: a period of last year's SKP not yet rated (T1 and T2 are)
        return f"{d.skp.tahun}-T3"
    if re.fullmatch(r"h\d+-k\d+-target", n):  # an SKP form's indicator target (a number in a text input)
        return "12"
    if re.fullmatch(r"r\d+-tanggal", n):  # a paper questionnaire's date (layanan): not in the future
        from organisasi.selectors import hari_ini

        return hari_ini().isoformat()
    if n.endswith("usia"):  # a respondent's age (layanan's survey): 10 to 120
        return "41"
    if n == "alihkan-unit":  # a complaint handed to another unit (it is the Bagian Organisasi's now)
        return s.asisten.kode
    if jenis == "tanggal":
        return (objek.SELESAI if "selesai" in n else objek.MULAI).isoformat()
    if jenis == "bool":
        return "true"
    if jenis == "bulat":
        if "tim" in n:
            return d.tim.pk
        if "kompetensi" in n:
            return d.kompetensi.pk
        if n == "hasil_kerja":  # a result of the SKP the note or feedback is about (the staff member's)
            return d.skp.hasil_kerja.first().pk
        return 1
    if "password" in n or "sandi" in n:
        return SANDI_BARU if "new" in n or "baru" in n else SANDI
    if "email" in n or "surel" in n:
        return d.staf.akun.email
    if "unit" in n:
        return s.bag_org.kode
    if n == "nip":  # one person to add (a team member)
        return d.staf_lain.nip
    if any(k in n for k in ("nip", "pegawai", "anggota", "ketua", "username")):
        return d.staf.nip
    return "Uji masukan yang sah untuk penugasan ini"


_SKEMA: dict[str, dict] = {}


def skema_api(klien) -> dict:
    if "skema" not in _SKEMA:
        r = klien.get("/api/v1/schema/", {"format": "json"})
        assert r.status_code == 200, r.status_code
        _SKEMA["skema"] = json.loads(r.content)
    return _SKEMA["skema"]


def _resolusi(skema: dict, s: dict) -> dict:
    while "$ref" in s:
        s = skema["components"]["schemas"][s["$ref"].rsplit("/", 1)[1]]
    for kunci in ("allOf", "oneOf", "anyOf"):
        if kunci in s:
            bukan_null = [x for x in s[kunci] if _resolusi(skema, x).get("type") != "null" and "NullEnum" not in str(x)]
            if bukan_null:
                return {**_resolusi(skema, bukan_null[0]), **{k: v for k, v in s.items() if k != kunci}}
    return s


def isian_skema(skema: dict, s: dict, nama: str, d) -> Isian:
    s = _resolusi(skema, s)
    tipe = s.get("type")
    if tipe == "array":
        dalam = isian_skema(skema, s.get("items", {}), nama, d)
        return Isian(nama, dalam.jenis, [dalam.dasar], banyak=True, pilihan=dalam.pilihan, bersarang=dalam.bersarang)
    if tipe == "object":
        if "properties" in s:  # a nested shape (kinerja's `sasaran`, `kegiatan`): valid values all the way down
            return Isian(nama, "objek", nilai_bersarang(skema, s, d), bersarang=True)
        return Isian(nama, "objek", {d.staf.nip: "Anggota"})
    jenis = {"integer": "bulat", "number": "bulat", "boolean": "bool"}.get(tipe, "teks")
    if s.get("format") in ("date", "date-time"):
        jenis = "tanggal"
    pilihan = [p for p in s.get("enum", []) if p not in (None, "")]
    dasar = isi_awal(nama, jenis, d, pilihan)
    if jenis == "bool":
        dasar = True
    return Isian(nama, jenis, dasar, pilihan=pilihan)


def nilai_bersarang(skema: dict, s: dict, d, nama: str = "") -> object:
    """A valid value for a nested schema: objects by their properties, arrays of one item, leaves as for a
    field of that name; dates within the current year (an activity falls within its target's year)."""
    from organisasi.selectors import hari_ini

    s = _resolusi(skema, s)
    tipe = s.get("type")
    if tipe == "object":
        sifat = s.get("properties", {})
        return {k: nilai_bersarang(skema, v, d, k) for k, v in sifat.items() if not v.get("readOnly")}
    if tipe == "array":
        return [nilai_bersarang(skema, s.get("items", {}), d, nama)]
    if nama == "intervensi":  # an SKP's result: optional for an additional one (`jenis` below)
        return None
    if nama == "jenis" and "tambahan" in s.get("enum", []):  # an SKP's additional result: valid in any year
        return "tambahan"
    if nama == "id":  # a result kept in an SKP's edit: the head's own draft's (the SKP the edit is aimed at)
        return d.skp_kepala.hasil_kerja.first().pk
    if s.get("format") in ("date", "date-time"):
        tahun = hari_ini().year
        return (dt.date(tahun, 12, 30) if "selesai" in nama else dt.date(tahun, 1, 2)).isoformat()
    if tipe in ("integer", "number"):
        return 1
    if tipe == "boolean":
        return True
    pilihan = [p for p in s.get("enum", []) if p not in (None, "")]
    return isi_awal(nama, "teks", d, pilihan)


def operasi_api(rute: Rute, skema: dict) -> dict[str, dict]:
    for t in (rute.template, rute.template.replace("{pk}", "{id}")):
        if t in skema["paths"]:
            return {m.upper(): o for m, o in skema["paths"][t].items() if isinstance(o, dict)}
    return {}


def isian_api(op: dict, skema: dict, d) -> tuple[list[Isian], list[Isian]]:
    """(query fields, JSON body fields) of one operation."""
    query = [
        isian_skema(skema, p.get("schema", {}), p["name"], d)
        for p in op.get("parameters", [])
        if p.get("in") == "query"
    ]
    body = []
    konten = op.get("requestBody", {}).get("content", {})
    if "application/json" in konten:
        s = _resolusi(skema, konten["application/json"].get("schema", {}))
        body = [isian_skema(skema, v, k, d) for k, v in s.get("properties", {}).items() if not v.get("readOnly")]
        for i in body:
            i.wajib = i.nama in s.get("required", [])
    return query, body


class PembacaForm(HTMLParser):
    """`<form>`s of a page: method, action, fields; and the fields an htmx `hx-get`/`hx-post` element sends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.form: list[dict] = []
        self.htmx: list[tuple[str, str, int | None, dict | None]] = []  # (method, url, form index, own field)
        self._kini: dict | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None
        self._opsi: dict | None = None  # an <option> without a value: it sends its text

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._kini = {"method": (a.get("method") or "get").upper(), "action": a.get("action", ""), "isian": []}
            self.form.append(self._kini)
        for metode in ("get", "post"):
            if f"hx-{metode}" in a:
                sendiri = None
                if tag in ("input", "select", "textarea") and a.get("name"):
                    sendiri = {
                        "nama": a["name"],
                        "tag": tag,
                        "type": a.get("type", "text"),
                        "value": a.get("value", ""),
                    }
                indeks = len(self.form) - 1 if self._kini is not None else None
                self.htmx.append((metode.upper(), a[f"hx-{metode}"], indeks, sendiri))
        if self._kini is None:
            return
        if tag == "input" and a.get("name"):
            self._kini["isian"].append(
                {
                    "nama": a["name"],
                    "tag": "input",
                    "type": (a.get("type") or "text").lower(),
                    "value": a.get("value", ""),
                    "checked": "checked" in a,
                    "wajib": "required" in a,
                }
            )
        elif tag == "select" and a.get("name"):
            self._select = {"nama": a["name"], "tag": "select", "multiple": "multiple" in a, "opsi": [], "dipilih": []}
            self._kini["isian"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._opsi_tutup()
            if "value" in a:
                self._select["opsi"].append(a["value"])
                if "selected" in a:
                    self._select["dipilih"].append(a["value"])
            else:
                self._opsi = {"teks": "", "dipilih": "selected" in a}
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"nama": a["name"], "tag": "textarea", "value": "", "wajib": "required" in a}
            self._kini["isian"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data
        if self._opsi is not None:
            self._opsi["teks"] += data

    def _opsi_tutup(self):
        if self._opsi is not None and self._select is not None:
            teks = " ".join(self._opsi["teks"].split())
            self._select["opsi"].append(teks)
            if self._opsi["dipilih"]:
                self._select["dipilih"].append(teks)
        self._opsi = None

    def handle_endtag(self, tag):
        if tag == "form":
            self._kini = None
        elif tag == "option":
            self._opsi_tutup()
        elif tag == "select":
            self._opsi_tutup()
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def isian_html(mentah: list[dict]) -> list[dict]:
    """Fields of one form, by name (checkboxes and radios of one name are one field)."""
    hasil: dict[str, dict] = {}
    for i in mentah:
        if i["tag"] == "input" and i["type"] in ("submit", "button", "reset", "image"):
            continue
        if i["nama"] == "csrfmiddlewaretoken":
            continue
        ada = hasil.get(i["nama"])
        if i["tag"] == "input" and i["type"] in ("checkbox", "radio"):
            ada = hasil.setdefault(
                i["nama"],
                {"nama": i["nama"], "jenis": "pilih", "banyak": i["type"] == "checkbox", "opsi": [], "dipilih": []},
            )
            ada["opsi"].append(i["value"] or "on")
            if i["checked"]:
                ada["dipilih"].append(i["value"] or "on")
        elif i["tag"] == "select":
            hasil[i["nama"]] = {
                "nama": i["nama"],
                "jenis": "pilih",
                "banyak": i["multiple"],
                "opsi": [o for o in i["opsi"] if o],
                "dipilih": [o for o in i["dipilih"] if o],
                "boleh_kosong": "" in i["opsi"],  # an optional <select> is left empty
            }
        elif ada is not None and ada.get("jenis") == "nilai":
            ada["nilai"].append(i.get("value", ""))
            ada["banyak"] = True
        else:
            jenis = {"date": "tanggal", "number": "bulat", "file": "berkas"}.get(i.get("type", ""), "teks")
            hasil[i["nama"]] = {
                "nama": i["nama"],
                "jenis": "nilai",
                "tipe": jenis,
                "nilai": [i.get("value", "")],
                "banyak": False,
                "wajib": i.get("wajib", False),
            }
    return list(hasil.values())


def halaman_semua(d) -> dict[str, str]:
    """The pages the crawl reads, by a key that names the same page in every test (ids differ)."""
    halaman = {}
    for r in RUTE:
        if not r.api:
            try:
                halaman[r.nama] = url_dengan(r, d)
            except LookupError:
                continue
    for nama in ("selesai", "dari_kepala", "menunggu_kepala"):
        halaman[f"detail:{nama}"] = reverse("penugasan:detail", args=[getattr(d, nama).pk])
    # the SKP submitted to the head (approve, return) and his own draft (edit, submit), beside her SKP
    for nama in ("skp_diajukan", "skp_kepala"):
        try:
            halaman[f"skp:{nama}"] = reverse("kinerja:skp_detail", args=[getattr(d, nama).pk])
        except NoReverseMatch:
            continue
    for a in "ABCDE":
        halaman[f"baru:{a}"] = f"{reverse('penugasan:baru')}?alur={a}"
    # the questionnaire as the counter's slip opens it: its one-time code filled in (a valid answer to start from)
    if "layanan:survei" in halaman:
        halaman["layanan:survei"] += "?" + urlencode({"kode": d.kode_survei.kode})
    return halaman


def baca_halaman(c: Client, url: str, d) -> dict[str, dict[str, dict[str, dict]]]:
    """The fields a page sends, by target URL name and method. A form's htmx request (candidates) is made
    with the form's values, and the inputs it brings (the candidates' checkboxes) join the form."""
    r = c.get(url, follow=True)
    hasil: dict[str, dict[str, dict[str, dict]]] = {}
    if r.status_code != 200 or "html" not in r.get("Content-Type", ""):
        return hasil
    asal = r.request["PATH_INFO"]
    baca = PembacaForm()
    baca.feed(r.content.decode("utf-8", "replace"))
    kirim = []
    for metode, aksi, indeks, sendiri in baca.htmx:
        isian = (baca.form[indeks]["isian"] if indeks is not None else []) + ([sendiri] if sendiri else [])
        kirim.append((metode, aksi, isian))
        if metode == "GET" and indeks is not None:
            nilai = nilai_form([isian_dari_html(i, d) for i in isian_html(isian)])
            pecahan = c.get(aksi, nilai)
            if pecahan.status_code == 200:
                tambahan = PembacaForm()
                tambahan.feed("<form>" + pecahan.content.decode("utf-8", "replace") + "</form>")
                baca.form[indeks]["isian"] += tambahan.form[0]["isian"]
    kirim += [(fm["method"], fm["action"] or asal, fm["isian"]) for fm in baca.form]
    for metode, aksi, mentah in kirim:
        tujuan = _rute_dari(aksi)
        if tujuan is None:
            continue  # an action outside the URL conf is not ours
        ke = hasil.setdefault(tujuan, {}).setdefault(metode, {})
        for i in isian_html(mentah):
            ke.setdefault(i["nama"], i)
    return hasil


# Where each target's forms are: {target URL name: {(actor, page key)}}. The pages' structure does not
# depend on the rows' ids, so one crawl per process finds them; each test reads those pages again for its
# own values (ids, NIPs, options).
_SUMBER: dict[str, set[tuple[str, str]]] = {}


def formulir(rute: Rute, d, aktor: dict[str, Client]) -> dict[str, dict[str, dict]]:
    halaman = halaman_semua(d)
    if not _SUMBER:
        for siapa, c in aktor.items():
            for kunci, url in halaman.items():
                for tujuan in baca_halaman(c, url, d):
                    _SUMBER.setdefault(tujuan, set()).add((siapa, kunci))
        _SUMBER.setdefault("", set())
    hasil: dict[str, dict[str, dict]] = {}
    for siapa, kunci in sorted(_SUMBER.get(rute.nama, ())):
        for metode, isian in baca_halaman(aktor[siapa], halaman[kunci], d).get(rute.nama, {}).items():
            for nama, i in isian.items():
                hasil.setdefault(metode, {}).setdefault(nama, i)
    return hasil


def isian_dari_html(i: dict, d) -> Isian:
    if i["jenis"] == "pilih":
        dasar = i["dipilih"] or ([""] if i.get("boleh_kosong") else i["opsi"][:1])
        if re.fullmatch(r"h\d+-intervensi", i["nama"]) and i["opsi"]:  # an SKP's main result intervenes in one
            dasar = i["opsi"][:1]
        if re.fullmatch(r"r\d+-U\d+", i["nama"]) and i["opsi"]:  # a paper questionnaire's answer (layanan): given
            dasar = i["opsi"][:1]
        bulat = bool(i["opsi"]) and all(o.isascii() and o.isdigit() for o in i["opsi"])
        jenis = "bulat" if bulat else "teks"
        if not dasar:
            dasar = [isi_awal(i["nama"], jenis, d)]
        return Isian(i["nama"], jenis, list(dasar) if i["banyak"] else dasar[0], banyak=i["banyak"], pilihan=i["opsi"])
    jenis = i["tipe"]
    nilai = [v for v in i["nilai"] if v.strip()]
    if jenis == "berkas":
        return Isian(i["nama"], "berkas", None)
    dasar = nilai if nilai else [isi_awal(i["nama"], jenis, d)]
    return Isian(i["nama"], jenis, dasar if i["banyak"] else dasar[0], banyak=i["banyak"], wajib=i.get("wajib", False))


# --- the probe's classes of input -----------------------------------------------------------------------------


def bermusuhan(i: Isian, json_: bool) -> list[tuple]:
    """(class, value) pairs for one field; the value replaces the field's valid one."""
    dasar = i.dasar[0] if i.banyak and i.dasar else i.dasar
    teks_dasar = "" if dasar is None else str(dasar)
    hasil: list[tuple[str, object]] = [("NUL", teks_dasar + NUL)]
    if i.jenis == "berkas":
        return [
            ("berkas NUL", b'{"unit": [{"kode": "x\\u0000"}]}'),
            ("berkas bersarang", b"[" * 100_000),
            ("berkas 1 MB", b"x" * MB),
            ("berkas angka 5000 digit", b'{"unit": [{"tingkat": ' + b"9" * 5000 + b"}]}"),
        ]
    if i.jenis == "objek" and i.bersarang:
        return bersarang_bermusuhan(i.dasar)
    if i.jenis == "objek":
        return [
            ("NUL", {d + NUL: v for d, v in (i.dasar or {"x": "x"}).items()}),
            ("1 MB", {d: "x" * MB for d in (i.dasar or {"x": ""})}),
        ]
    if i.jenis == "teks":
        hasil.append(("1 MB", "x" * MB))
        if i.wajib and not i.pilihan:
            hasil.append(("hanya tak terlihat", "\u200b\u200c\u2060\ufeff"))  # zero-width only: empty
        if "username" in i.nama.lower():
            hasil.append(("username 256", "u" * 256))
    if i.jenis in ("teks", "bulat") and teks_dasar.isascii() and teks_dasar.isdigit():
        hasil.append(("digit non-ASCII", teks_dasar.translate(KE_ARAB)))
    if i.jenis == "bulat":
        hasil += [
            ("digit non-ASCII", "²"),
            ("digit non-ASCII", "١٢٣"),
            ("20 digit", 12345678901234567890 if json_ else "12345678901234567890"),
            ("1.5", 1.5 if json_ else "1.5"),
        ]
    if i.jenis == "tanggal":
        hasil += [("tanggal absurd", t) for t in ("0001-01-01", "9999-12-31", "2024-02-30")]
    if i.banyak:
        hasil = [(k, v if isinstance(v, dict | list | bytes) else [v]) for k, v in hasil]
    return hasil


def _daun(nilai, jalur=()) -> list[tuple]:
    """The paths to the leaves of a nested value (keys and indexes)."""
    if isinstance(nilai, dict):
        return [j for k, v in nilai.items() for j in _daun(v, (*jalur, k))]
    if isinstance(nilai, list):
        return [j for n, v in enumerate(nilai) for j in _daun(v, (*jalur, n))]
    return [jalur]


def _ganti(nilai, jalur: tuple, baru):
    if not jalur:
        return baru
    salin = list(nilai) if isinstance(nilai, list) else dict(nilai)
    salin[jalur[0]] = _ganti(nilai[jalur[0]], jalur[1:], baru)
    return salin


def bersarang_bermusuhan(dasar) -> list[tuple[str, object, str]]:
    """Each nested value in turn made hostile, the others valid: NUL after it, 1 MB in place of a text.
    The third item names the value (`[0].indikator[0].target`) in the report."""
    hasil = []
    for jalur in _daun(dasar):
        asli = dasar
        for k in jalur:
            asli = asli[k]
        nama = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in jalur)
        hasil.append(("NUL", _ganti(dasar, jalur, f"{asli}{NUL}"), nama))
        if isinstance(asli, str):
            hasil.append(("1 MB", _ganti(dasar, jalur, "x" * MB), nama))
    return hasil


PATH_BERMUSUHAN = [
    ("NUL", lambda asli: quote(asli, safe="") + "%00"),
    ("NUL", lambda asli: "%00"),
    ("digit non-ASCII", lambda asli: quote("²")),
    ("digit non-ASCII", lambda asli: quote(asli.translate(KE_ARAB) if asli.isdigit() else "١٢٣")),
    ("20 digit", lambda asli: "12345678901234567890"),
    ("1.5", lambda asli: "1.5"),
    ("5000 karakter", lambda asli: "x" * 5000),
]


# --- sending a case ------------------------------------------------------------------------------------------


@dataclass
class Kasus:
    metode: str
    url: str
    kelas: str
    isian: str
    harus_4xx: bool
    data: object = None
    json_: bool = False
    mentah: str | None = None  # a raw JSON body


class Catatan:
    def __init__(self, rute: Rute, siapa: str):
        self.rute, self.siapa = rute, siapa
        self.dikirim = self.galat_5xx = 0
        self.gagal: list[dict] = []
        self.diterima_2xx_get = 0
        self.status: dict[int, int] = {}

    def kirim(self, c: Client, k: Kasus) -> None:
        from django.core.cache import cache

        self.dikirim += 1
        cache.clear()  # the token endpoint's throttle must not answer in the input's place
        from django.core.signals import got_request_exception

        exc = respon = None
        masalah = []
        dari_aplikasi = []
        catat_galat = lambda sender, **kw: dari_aplikasi.append(True)  # noqa: E731
        got_request_exception.connect(catat_galat, weak=False)
        with transaction.atomic():
            sebelum = objek.hitung_baris()
            try:
                if k.mentah is not None:
                    respon = getattr(c, k.metode.lower())(k.url, data=k.mentah, content_type="application/json")
                elif k.json_:
                    respon = getattr(c, k.metode.lower())(
                        k.url, data=json.dumps(k.data), content_type="application/json"
                    )
                elif k.metode == "GET":
                    q = urlencode(k.data or {}, doseq=True)
                    respon = c.get(k.url + (("&" if "?" in k.url else "?") + q if q else ""))
                else:
                    respon = getattr(c, k.metode.lower())(k.url, data=k.data or {})
            except Exception as e:  # noqa: BLE001 - the request's exception is the finding
                if not dari_aplikasi:
                    got_request_exception.disconnect(catat_galat)
                    raise  # the harness's own mistake, not the application's
                exc = e
            finally:
                got_request_exception.disconnect(catat_galat)
            if exc is None and respon.status_code < 500:
                try:
                    berubah = objek.selisih(sebelum, objek.hitung_baris())
                except DatabaseError as e:
                    exc, berubah = e, {}
                    masalah.append("transaksi rusak setelah jawaban")
                if berubah:
                    masalah.append(f"ditulis {berubah}")
            transaction.set_rollback(True)
        status = respon.status_code if respon is not None else 500
        if respon is not None and k.url.startswith("/api/"):  # API.md: every answer is JSON, in Indonesian
            if "json" not in respon.get("Content-Type", ""):
                masalah.append(f"bukan JSON ({respon.get('Content-Type', '')})")
            elif status >= 400 and (inggris := objek.pesan_inggris(json.loads(respon.content or b"null"))):
                masalah.append(f"pesan berbahasa Inggris: {inggris!r}")
        self.status[status] = self.status.get(status, 0) + 1
        if status >= 500 or (exc is not None and respon is None):
            self.galat_5xx += 1
            masalah.insert(0, "galat server")
        elif k.harus_4xx and not 400 <= status < 500:
            masalah.append(f"bukan 4xx ({status})")
        elif not k.harus_4xx and 200 <= status < 300:
            self.diterima_2xx_get += 1
        if masalah:
            self.gagal.append(
                {
                    "sasaran": self.rute.nama,
                    "siapa": self.siapa,
                    "metode": k.metode,
                    "url": k.url[:160],
                    "kelas": k.kelas,
                    "isian": k.isian,
                    "status": status,
                    "masalah": "; ".join(masalah),
                    "galat": objek.ringkas_galat(exc) if exc is not None else "",
                }
            )

    def laporan(self) -> str:
        baris = [f"{len(self.gagal)} dari {self.dikirim} kasus gagal ({self.rute.nama}, sebagai {self.siapa}):"]
        for g in self.gagal[:12]:
            baris.append(
                f"- {g['metode']} {g['url'][:90]} [{g['kelas']} pada {g['isian']}] -> {g['status']}: {g['masalah']}"
                + (f"\n    {g['galat']}" if g["galat"] else "")
            )
        if len(self.gagal) > 12:
            baris.append(f"... dan {len(self.gagal) - 12} lagi (bench/out/hostile-failures-*.jsonl)")
        return "\n".join(baris)


def nilai_form(isian: list[Isian]) -> dict:
    """A form's valid values; a field whose valid value is none (JSON's null: an API's optional file) is left out."""
    return {i.nama: i.dasar for i in isian if i.jenis != "berkas" and i.dasar is not None}


def nilai_json(isian: list[Isian]) -> dict:
    def j(i):
        if i.jenis == "bulat" and not i.banyak:
            try:
                return int(i.dasar)
            except (TypeError, ValueError):
                return i.dasar
        return i.dasar

    return {i.nama: j(i) for i in isian}


def kasus_isian(metode: str, url: str, isian: list[Isian], json_: bool, harus_4xx: bool) -> list[Kasus]:
    """Each field in turn made hostile, the others valid. Django's `next` on a valid sign-in is ignored when
    unsafe (the sign-in goes ahead, a redirect): there no 5xx and nothing written is what holds."""
    dasar = nilai_json(isian) if json_ else nilai_form(isian)
    hasil = []
    for i in isian:
        for kelas, nilai, *di in bermusuhan(i, json_):
            if isinstance(nilai, bytes):
                from django.core.files.uploadedfile import SimpleUploadedFile

                data = {**dasar, i.nama: SimpleUploadedFile("struktur.json", nilai, content_type="application/json")}
            else:
                data = {**dasar, i.nama: nilai}
            harus = harus_4xx and i.nama != REDIRECT_FIELD_NAME
            hasil.append(Kasus(metode, url, kelas, i.nama + "".join(di), harus, data=data, json_=json_))
    return hasil


def coba(c: Client, metode: str, url: str, body: dict) -> int:
    """The status of a valid request (whether anonymous callers get in), in a savepoint rolled back after."""
    with transaction.atomic():
        if metode == "GET":
            r = c.get(url)
        else:
            r = getattr(c, metode.lower())(url, data=json.dumps(body), content_type="application/json")
        transaction.set_rollback(True)
    return r.status_code


def status_dasar(c: Client, k: Kasus) -> int:
    with transaction.atomic():
        if k.json_:
            r = getattr(c, k.metode.lower())(k.url, data=json.dumps(k.data), content_type="application/json")
        else:
            r = getattr(c, k.metode.lower())(k.url, data=k.data or {})
        transaction.set_rollback(True)
    return r.status_code


def _rute_dari(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Exception:  # noqa: BLE001
        return None


# --- one target per test ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("rute", RUTE, ids=[r.nama for r in RUTE])
def test_hostile_input_is_refused_and_writes_nothing(rute, dunia):
    d = dunia
    aktor = {"anonim": Client(), "kepala": Client(), "admin": Client()}
    aktor["kepala"].force_login(d.kepala.akun)
    aktor["admin"].force_login(d.admin)
    api_kepala = Client(HTTP_AUTHORIZATION=f"Token {d.kunci}")
    kasus: list[Kasus] = []
    dasar: list[Kasus] = []  # the valid requests the cases start from (sent only with HOSTILE_DEBUG=1)
    url = url_dengan(rute, d)

    ops = operasi_api(rute, skema_api(api_kepala)) if rute.api else {}
    if ops:
        skema = skema_api(api_kepala)
        metode_path = "GET" if "GET" in ops else next(iter(ops))
        body_path = nilai_json(isian_api(ops[metode_path], skema, d)[1])
        publik = coba(aktor["anonim"], metode_path, url, body_path) not in (401, 403)
        siapa, c = ("anonim", aktor["anonim"]) if publik else ("kepala", api_kepala)
        for metode, op in ops.items():
            query, body = isian_api(op, skema, d)
            if metode == "GET":
                kasus += kasus_isian("GET", url, query, json_=False, harus_4xx=True)
            elif metode in ("POST", "PUT", "PATCH"):
                kasus += kasus_isian(metode, url, body, json_=True, harus_4xx=True)
                # the API also reads forms (another parser): NUL there too
                datar = [i for i in body if i.jenis != "objek"]
                for k in kasus_isian(metode, url, datar, json_=False, harus_4xx=True):
                    if k.kelas == "NUL":
                        k.kelas = "NUL (multipart)"
                        kasus.append(k)
                dasar.append(Kasus(metode, url, "sah", "", False, data=nilai_json(body), json_=True))
                kasus.append(Kasus(metode, url, "JSON bersarang", "(isi)", True, mentah="[" * 100_000))
                # over Django's limits (2.5 MB of body, 1,000 fields): refused, in JSON (API.md)
                kasus.append(Kasus(metode, url, "isi 3 MB", "(isi)", True, mentah=json.dumps({"x": "x" * 3 * MB})))
                banyak = {f"isian{n}": "x" for n in range(1001)}
                kasus.append(Kasus(metode, url, "1.001 isian", "(isi)", True, data=banyak))
    else:
        # pages, the project's admin views (and API routes outside the schema: the schema and its viewers)
        milik = formulir(rute, d, aktor)
        siapa, probe = pilih_aktor(rute, url, aktor)
        c = aktor[siapa]
        metode_path = "POST" if probe.status_code == 405 else "GET"
        url_form = url
        if probe.status_code in (301, 302) and _rute_dari(probe["Location"]) == rute.nama:
            url_form = probe["Location"]  # a page that moves itself (password reset: the token into the session)
        for metode, mentah in milik.items():
            isian = [isian_dari_html(i, d) for i in mentah.values()]
            # Django's admin shows a refused form again (200): there, no 5xx and nothing written
            harus = metode == "POST" and not rute.admin
            kasus += kasus_isian(metode, url if metode == "GET" else url_form, isian, json_=False, harus_4xx=harus)
            if metode == "POST":
                dasar.append(Kasus(metode, url_form, "sah", "", False, data=nilai_form(isian)))
        body_path = nilai_form([isian_dari_html(i, d) for i in milik.get("POST", {}).values()])

    for p in rute.param:
        asli = nilai_path(rute, p, d)
        for kelas, buat in PATH_BERMUSUHAN:
            u = url_dengan(rute, d, {p: buat(asli)})
            data = None if metode_path == "GET" else body_path
            harus = not rute.admin  # the admin sends an unknown id to its change page (a redirect)
            kasus.append(
                Kasus(metode_path, u, kelas, f"path:{p}", harus, data=data, json_=bool(ops) and data is not None)
            )

    cat = Catatan(rute, siapa)
    for k in kasus:
        cat.kirim(c, k)
    if os.environ.get("HOSTILE_DEBUG"):  # what the walk found for this target, and whether its valid request passes
        sah = [status_dasar(c, k) for k in dasar]
        isian = sorted({k.isian for k in kasus})
        print(f"\n## {rute.nama} {siapa} {metode_path} kasus={cat.dikirim} status={cat.status} sah={sah} isian={isian}")
    if cat.dikirim:
        catat_hostile(rute.nama, cat.dikirim, len(cat.gagal), cat.galat_5xx)
    catat_gagal("hostile", cat.gagal)
    assert not cat.gagal, cat.laporan()


def pilih_aktor(rute: Rute, url: str, aktor: dict[str, Client]):
    """Who sends the cases: an anonymous caller where the page is public (it answers, or moves itself, for
    anyone), the admin on the admin's views and on pages only an admin may see, else the head."""
    if rute.admin:
        return "admin", aktor["admin"].get(url)
    probe = aktor["anonim"].get(url)
    if probe.status_code < 300 or (probe.status_code == 302 and _rute_dari(probe["Location"]) == rute.nama):
        return "anonim", probe
    probe = aktor["kepala"].get(url)
    if probe.status_code == 403:
        admin = aktor["admin"].get(url)
        if admin.status_code < 400:
            return "admin", admin
    return "kepala", probe


# --- the harness itself catches what it is meant to catch ------------------------------------------------------


def _meledak(request):
    raise ValueError("uji")


def _menulis(request):
    from django.http import HttpResponse

    from penugasan.models import Kompetensi

    Kompetensi.objects.create(nama=request.GET.get("nama", "x"))
    return HttpResponse("ok")


urlpatterns = [path("meledak/", _meledak, name="uji-meledak"), path("menulis/", _menulis, name="uji-menulis")]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_harness_reports_a_server_error_a_write_and_a_2xx():
    from penugasan.models import Kompetensi

    c = Client()
    cat = Catatan(Rute("uji", "uji/", []), "anonim")
    cat.kirim(c, Kasus("GET", "/meledak/", "NUL", "q", True, data={"q": NUL}))
    cat.kirim(c, Kasus("POST", "/menulis/", "1 MB", "nama", True, data={"nama": "x"}))
    assert cat.galat_5xx == 1 and "ValueError: uji" in cat.gagal[0]["galat"]
    assert "ditulis" in cat.gagal[1]["masalah"] and "bukan 4xx (200)" in cat.gagal[1]["masalah"]
    assert not Kompetensi.objects.exists()  # each case is rolled back
