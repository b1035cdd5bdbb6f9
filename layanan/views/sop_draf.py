"""The page that edits an SOP draft: its identity block, its actors and its activity table as a grid (one row
per activity, a few blank rows after it; "Tambah baris" gives more without saving). Everything goes to
`services.sop.sop_versi_ubah` at once: a refusal comes back on the cells (`langkah[3].pelaksana` on row 4's
Pelaksana, `pelaksana[1]` on the actors list), nothing written (400)."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.shortcuts import redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from sistemkerja.errors import GalatDomain

from .. import sop_baca
from ..choices import StatusVersi
from ..forms_sop import IdentitasForm, LangkahFormSet
from ..services import sop as sop_services
from . import _dasar
from .sop import harus_kelola, sop_untuk, versi_untuk

KOSONG_AKHIR = 3  # blank rows after the table
KUNCI_BARIS = re.compile(r"^langkah\[([0-9]+)\]\.?(\w*)$")
KUNCI_PELAKSANA = re.compile(r"^pelaksana\[([0-9]+)\]$")
HITUNGAN = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def hitungan_rusak(post) -> bool:
    """A row count the page never sends (Django reads "١٢٣" as 123): a forged or damaged page."""
    return any(
        f"langkah-{k}" in post and not re.fullmatch(r"[0-9]{1,4}", post.get(f"langkah-{k}", "")) for k in HITUNGAN
    )


def _awal_langkah(versi) -> list[dict]:
    return [
        {
            "urutan": b.urutan,
            "uraian": b.uraian,
            "pelaksana": str(b.pelaksana),
            "jenis": b.jenis,
            "kelengkapan": b.kelengkapan,
            "waktu": b.waktu,
            "output": b.output,
            "keterangan": b.keterangan,
            "ke_ya": b.ke_ya or "",
            "ke_tidak": b.ke_tidak or "",
        }
        for b in versi.langkah.order_by("urutan")
    ]


def _forms(request, sop, versi, data=None):
    sop_qs = sop_baca.sop_terlihat(request.user).filter(unit__instansi_id=sop.unit.instansi_id).exclude(pk=sop.pk)
    awal = {f: getattr(versi, f) or "" for f in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan")}
    awal |= {f: getattr(versi, f) or "" for f in ("peringatan", "pencatatan")}
    awal |= {f: getattr(versi, f).isoformat() if getattr(versi, f) else "" for f in sop_services.cek.TANGGAL_IDENTITAS}
    awal |= {
        "pelaksana": "\n".join(versi.pelaksana or []),
        "catatan": versi.catatan_perubahan,
        "sop_terkait": list(versi.sop_terkait.all()),
    }
    identitas = IdentitasForm(data, initial=awal, sop_qs=sop_qs.order_by("nomor"))
    pilihan = identitas.daftar_pelaksana() if data is not None else list(versi.pelaksana or [])
    baris = _awal_langkah(versi)
    tabel = LangkahFormSet(
        data,
        prefix="langkah",
        initial=baris + [{}] * KOSONG_AKHIR,
        form_kwargs={"pilihan_pelaksana": pilihan},
    )
    if data is None:
        tabel.extra = 0
    return identitas, tabel


def _sel(bidang) -> SafeString:
    """One cell's control, written directly: a grid of 300 rows through Django's widget templates takes
    seconds (some 3,000 templates), this a fraction of one. Same names, ids and values as the widgets."""
    widget, nilai = bidang.field.widget, bidang.value()
    nilai = "" if nilai is None else str(nilai)
    atr = {"name": bidang.html_name, "id": bidang.auto_id}
    if bidang.errors:
        atr["aria-invalid"] = "true"
    if isinstance(widget, forms.CheckboxInput):
        centang = " checked" if nilai in ("True", "on", "true") else ""
        return format_html('<input type="checkbox"{}{}>', flatatt(atr), mark_safe(centang))
    if isinstance(widget, forms.Select):
        pilihan = bidang.field.choices if hasattr(bidang.field, "choices") else widget.choices
        opsi = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, mark_safe(" selected") if str(v) == nilai else "", lbl) for v, lbl in pilihan),
        )
        return format_html("<select{}>{}</select>", flatatt(atr), opsi)
    atr |= {k: v for k, v in widget.attrs.items()}
    if getattr(bidang.field, "max_length", None):
        atr["maxlength"] = bidang.field.max_length
    if isinstance(widget, forms.Textarea):
        atr.setdefault("cols", 40)
        return format_html("<textarea{}>\n{}</textarea>", flatatt(atr), nilai)
    return format_html('<input type="text"{} value="{}">', flatatt(atr), nilai)


def _sel_lengkap(bidang, no: int, lain_galat=()) -> SafeString:
    """A cell: the control's label for screen readers, the control, its errors (and the row's own)."""
    galat = format_html_join("", '<p class="galat-isian">{}</p>', ((e,) for e in [*bidang.errors, *lain_galat]))
    return format_html(
        '<label class="sr-only" for="{}">{} baris {}</label>{}{}', bidang.auto_id, bidang.label, no, _sel(bidang), galat
    )


def baris_grid(tabel) -> list[dict]:
    """The grid's rows: each form with its cells written out (class, HTML)."""
    hasil = []
    for no, f in enumerate(tabel.forms, 1):
        bidang = f.visible_fields()
        sel = [(b.name, _sel_lengkap(b, no, f.non_field_errors() if i == 0 else ())) for i, b in enumerate(bidang)]
        hasil.append({"galat": bool(f.errors), "sel": sel})
    return hasil


def _tempel(identitas, dipakai: list, e) -> list[str]:
    """The service's errors on the cells; what has no cell comes back as the table's errors."""
    lain = []
    for kunci, pesan in _dasar.galat_dict(e).items():
        kunci = kunci or ""
        m, p = KUNCI_BARIS.match(kunci), KUNCI_PELAKSANA.match(kunci)
        if m and int(m.group(1)) < len(dipakai):
            form = dipakai[int(m.group(1))]
            bidang = m.group(2) if m.group(2) in form.fields else None
            form.add_error(bidang, pesan)
        elif p:
            identitas.add_error("pelaksana", [f"Pelaksana ke-{int(p.group(1)) + 1}: {x}" for x in pesan])
        elif kunci.startswith("identitas.") or not kunci:
            identitas.add_error(None, pesan)
        elif kunci in identitas.fields:
            identitas.add_error(kunci, pesan)
        else:
            lain += pesan
    return lain


def _simpan(request, identitas, dipakai: list, versi) -> tuple[int, list[str]]:
    """(status, the table's own errors) of handing the page to the service."""
    d = identitas.cleaned_data
    try:
        sop_services.sop_versi_ubah(
            pelaku=request.user,
            versi=versi,
            identitas=identitas.identitas(),
            pelaksana=identitas.daftar_pelaksana(),
            langkah=[f.baris() for f in dipakai],
            sop_terkait=list(d["sop_terkait"]),
            catatan=d["catatan"],
        )
    except ValidationError as e:
        return 400, _tempel(identitas, dipakai, e)
    except GalatDomain as e:
        messages.error(request, e.pesan)
        return e.status_code, []
    return 200, []


@login_required
@require_http_methods(["GET", "POST"])
def versi_ubah(request, pk, n):
    sop = sop_untuk(request, pk)
    versi = versi_untuk(request, sop, n)
    harus_kelola(request, sop)
    if versi.status != StatusVersi.DRAF:
        messages.error(request, f"Versi {versi.nomor} sudah {versi.get_status_display().lower()}; susun versi baru.")
        return redirect("layanan:sop_versi", pk=sop.pk, n=versi.nomor)
    status, galat_tabel = 200, []
    if request.method == "POST" and "tambah" in request.POST and not hitungan_rusak(request.POST):
        data = request.POST.copy()  # more blank rows, nothing saved
        total = data.get("langkah-TOTAL_FORMS", "0")
        data["langkah-TOTAL_FORMS"] = str(min(int(total) if total.isdigit() and len(total) < 4 else 0, 300) + 5)
        identitas, tabel = _forms(request, sop, versi, data)
    elif request.method == "POST" and hitungan_rusak(request.POST):
        identitas, tabel = _forms(request, sop, versi)  # the page as saved: the posted rows cannot be trusted
        status, galat_tabel = 400, ["Jumlah baris tabel tidak sah; muat ulang halaman ini. Tidak ada yang disimpan."]
    elif request.method == "POST":
        identitas, tabel = _forms(request, sop, versi, request.POST)
        status = 400
        if _dasar.sah(identitas) and tabel.is_valid() and all(_dasar.sah(f) for f in tabel.forms):
            dipakai = [f for f in tabel.forms if not f.cleaned_data.get("hapus") and not f.kosong()]
            status, galat_tabel = _simpan(request, identitas, dipakai, versi)
            if status == 200:
                messages.success(request, f"Draf versi {versi.nomor} disimpan.")
                return redirect("layanan:sop_versi", pk=sop.pk, n=versi.nomor)
    else:
        identitas, tabel = _forms(request, sop, versi)
    konteks = {
        "sop": sop,
        "versi": versi,
        "identitas": identitas,
        "tabel": tabel,
        "baris": baris_grid(tabel),
        "galat_tabel": galat_tabel,
    }
    return render(request, "layanan/sop/versi_ubah.html", konteks, status=status)
