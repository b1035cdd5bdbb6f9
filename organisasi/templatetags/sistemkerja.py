"""Display helpers for the browser pages: NIP grouping, pattern names, role badges, reachability."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from organisasi import nip as nip_mod
from organisasi.choices import NAMA_POLA, SEBAGAI_ATASAN, JenisPeran
from organisasi.permissions import cakupan_jalur
from sistemkerja import riwayat

register = template.Library()

LENCANA_SEBAGAI = {
    JenisPeran.DEFINITIF: "",
    JenisPeran.PLT: "Plt",
    JenisPeran.PLH: "Plh",
    JenisPeran.DELEGASI: "Delegasi PPK",
    SEBAGAI_ATASAN: "Dirangkap atasan",
}


@register.filter
def nip(nilai) -> str:
    return nip_mod.tampilkan(str(nilai or ""))


@register.filter
def nama_pola(pola) -> str:
    return NAMA_POLA.get(pola, "") if pola else ""


@register.filter
def lencana(sebagai) -> str:
    """Short badge text for how someone holds a head's role (empty for a definitive head)."""
    return LENCANA_SEBAGAI.get(sebagai, sebagai or "")


@register.filter
def terjangkau(unit, user) -> bool:
    """Whether the user may open the unit's page (so it can be shown as a link)."""
    jalur = cakupan_jalur(user, "view")
    return jalur is None or any(unit.path.startswith(j) for j in jalur)


@register.filter
def jenis_perubahan(history_type) -> str:
    return riwayat.jenis_perubahan(history_type)


@register.filter
def alasan(teks) -> str:
    """A history row's reason as people read it (the labels: sistemkerja.riwayat.ALASAN)."""
    return riwayat.label_alasan(teks)


@register.filter
def peran(p) -> str:
    """How a role holder acts: `sebagai` of a selectors.Pejabat, `jenis` of a PejabatUnit row."""
    return getattr(p, "sebagai", None) or getattr(p, "jenis", "")


@register.filter
def nama_akun(user) -> str:
    """Who made a change: the account's name, its username (a NIP), or the system."""
    if user is None:
        return "Sistem"
    return user.get_full_name() or user.get_username()


# --- the organisation tree -----------------------------------------------------------------------
# An admin may see every node (1,700+ in a large instansi, ~0.5 MB of markup). Two template includes
# per node took ~0.8 s; the same markup built here takes a tenth of that. The page sends the roots'
# sub-units and the branch down to the reader's own unit; any other branch is fetched when opened
# (htmx), or all at once (`?semua=1`). The markup is that of a nested <details> list: CSS and
# static/js/sistemkerja.js rely on it.


def _label_simpul(node) -> str:
    u, b = node["unit"], node["pimpinan"]
    bagian = [
        format_html(
            '<span class="simpul-label"><a class="simpul-nama" href="{}">{}</a>',
            reverse("unit_detail", args=[u.kode]),
            u.nama,
        )
    ]
    if u.adalah_unit_organisasi:
        bagian.append(' <abbr class="lencana lencana-uo" title="Unit Organisasi mandiri">UO</abbr>')
    if not u.aktif:
        bagian.append(' <span class="lencana">nonaktif</span>')
    if u.tingkat:
        if b is None:
            isi = '<span class="lencana lencana-kosong">kosong</span>'
        else:
            teks = lencana(b.jenis)
            isi = format_html(
                "{}{}",
                b.pegawai.nama,
                format_html(' <span class="lencana lencana-{}">{}</span>', b.jenis, teks) if teks else "",
            )
        bagian.append(format_html('\n<span class="simpul-pimpinan">{}</span>', mark_safe(isi)))
    if u.adalah_unit_organisasi:
        pola = (
            format_html("Pola {}: {}", u.pola, nama_pola(u.pola))
            if u.pola
            else '<span class="lencana lencana-peringatan">Tidak sesuai pola mana pun</span>'
        )
        bagian.append(format_html('\n<span class="simpul-pola">{}</span>', mark_safe(pola)))
    bagian.append("</span>")
    return "".join(bagian)


def pohon_html(akar: list[dict], terbuka: set[str], *, semua: bool = True, akar_terbuka: bool = True) -> str:
    """`selectors.pohon` trees as nested lists; the roots (unless not `akar_terbuka`: a branch's
    sub-units fetched on their own) and the nodes on `terbuka` paths start open; with `semua`, every node.

    Without `semua`, only those open nodes carry their sub-units: any other node with sub-units holds a
    placeholder that htmx fills from `struktur_cabang` when the node is opened, and that links to the
    unit's page (which lists its sub-units) without JavaScript.
    """
    keluar: list[str] = []
    tumpukan: list = [("akar" if akar_terbuka else "buka", n) for n in reversed(akar)]
    url_cabang = reverse("struktur_cabang", args=["KODE"])
    while tumpukan:
        aksi, node = tumpukan.pop()
        if aksi == "tutup":
            keluar.append(node)
            continue
        u = node["unit"]
        keluar.append(f'<li class="simpul{"" if u.aktif else " nonaktif"}">')
        if not node["anak"]:
            keluar.append(f'<div class="daun">{_label_simpul(node)}</div></li>')
        elif aksi == "akar" or u.path in terbuka or semua:  # open, its sub-units sent with it
            keluar.append(f"<details open><summary>{_label_simpul(node)}</summary>\n<ul>")
            tumpukan.append(("tutup", "</ul></details></li>"))
            tumpukan.extend(("buka", anak) for anak in reversed(node["anak"]))
        else:
            keluar.append(
                format_html(
                    '<details hx-get="{}" hx-trigger="toggle once" hx-target="find ul"><summary>{}</summary>\n'
                    '<ul><li class="simpul muat"><a href="{}">Lihat {} sub-unit</a></li></ul></details></li>',
                    url_cabang.replace("KODE", u.kode),
                    mark_safe(_label_simpul(node)),
                    reverse("unit_detail", args=[u.kode]),
                    len(node["anak"]),
                )
            )
    return mark_safe("".join(keluar))  # every piece of data above went through format_html
