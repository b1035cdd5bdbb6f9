"""First impressions (issue 14): a journey per demo role walks every menu entry on a desktop and a phone.

The demo Pemerintah Kabupaten Malang is loaded as `make run` loads it (what the testers judged; about five
seconds on SQLite). For each role and viewport the walk signs in through the form, opens every entry of the
main menu (on the phone through the "Menu" button), a few pages those lead to (a person, a unit, a request,
a team, the forms), and for the admin roles every link of the admin index and of its user tools, with the
first row's change form of each list (the admin on the desktop only). Every page is checked for

- a console error, an uncaught script error or a Content Security Policy violation (an init script
  records `securitypolicyviolation` events into `window`),
- a horizontal scroll (the page wider than the viewport),
- English words in the visible text (`KATA_INGGRIS`, below),
- a link inside the site that answers 400 or more (requested with the page's session),

and saved as a screenshot in bench/out/screenshots/peran/<role>-<desktop|ponsel>-<view>.png. The first page
of each kind of letter met on the way (its PDF link) is rendered to bench/out/screenshots/surat-<kind>-
halaman-1.png. All problems of a role are collected and reported at once, per viewport and page.
"""

import re
import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from organisasi import demo

from .test_journeys import LAYAR

# The journeys drive chromium; the word check beside them does not.
PERAMBAN = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

LAYAR_PERAN = LAYAR / "peran"
UKURAN = {"desktop": (1366, 768), "ponsel": (390, 844)}

# The demo roles (`manage.py demo_login`), by the start of the role's name there.
PERAN = {
    "staf": "Staf fungsional",
    "ppk": "PPK",
    "pimpinan": "Pimpinan",
    "admin-organisasi": "Admin Organisasi",
    "superuser": "Superuser",
}
# The Django admin is walked on the desktop only: it is a back-office tool used at a desk, and its
# change lists are wide tables by design. On the phone the admin index alone is checked (a menu entry).
ADMIN_DI_PONSEL = False
# By CSS: a role locator skips the menu while it is folded on the phone.
MENU_UTAMA = "nav[aria-label='Navigasi utama']"
# A page without the main menu (the admin's, the sign-in's) leads back by one of these.
TAUTAN_KEMBALI = "a[href='/'], a[href='/admin/'], a[href='/masuk/']"

# Pages reached from the menu pages that are walked as well (the first link of each kind).
HALAMAN_LANJUTAN = {
    "pegawai_detail",
    "unit_detail",
    "penugasan:detail",
    "penugasan:baru",
    "penugasan:tim_detail",
    "penugasan:tim_baru",
    "kinerja:pk_detail",
    "kinerja:target_detail",
    "kinerja:hasil_detail",
    "kinerja:kegiatan_detail",
    "kinerja:dasbor_unit",
    "kinerja:dasbor_instansi",
}
# Links that are not pages to follow: signing out (POST only anyway) and the admin's.
TAUTAN_LEWATI = {"keluar", "admin:logout"}
# Links of one kind (same view, same query parameter names) checked per role: enough to catch a kind
# that is broken without requesting each of the hundred rows of an admin change list.
TAUTAN_PER_JENIS = 2

# English that must not show in the Indonesian interface: common words of UI text and of Django's and
# the libraries' untranslated strings, matched as whole words, case-insensitive. Words that Indonesian
# uses as they are (Data, Status, Total, Admin, Filter, Email, Login, Token, Online, Edit, No.) are left
# out, as are two-letter words that turn up inside codes. The text is checked after the allowed
# phrases below are taken out.
KATA_INGGRIS = {
    # function words
    *"the and of with for from this that your you please is are was not has have been will can".split(),
    # UI words
    *"""page home save delete history changes change add view search welcome invalid required forbidden
    error submit cancel close next previous back show hide select yes none unknown today yesterday
    download upload loading actions action recent users user groups group permissions documentation
    choose remove sort toggle theme name date description access agent""".split(),
}
FRASA_INGGRIS = ["not found", "log out", "log in", "sign in", "sign out", "this field", "bad request", "server error"]
# Proper names and fixed technical terms that may stand in the Indonesian text even where they contain a
# listed word: the product's name, the API tools and the HTTP methods (in capitals) of the API
# documentation page. Matched with their case.
DIIZINKAN = ["Sistem Kerja", "Swagger UI", "OpenAPI", "ReDoc", "GET", "POST", "PUT", "PATCH", "DELETE"]

POLA_INGGRIS = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in [*FRASA_INGGRIS, *KATA_INGGRIS]), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

# Recorded in every page of the context before its own scripts run.
SKRIP_PEMANTAU = """
window.__masalah = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__masalah.push('CSP ' + e.violatedDirective + ' diblokir: ' + (e.blockedURI || 'inline')
    + (e.sourceFile ? ' (' + e.sourceFile.replace(location.origin, '') + ':' + e.lineNumber + ')' : '')
    + (e.sample ? ' «' + e.sample.slice(0, 60) + '»' : ''));
});
"""


def kata_inggris(teks: str) -> list[str]:
    """The English words in `teks`, each once, with a little of the text around its first use."""
    for frasa in DIIZINKAN:
        teks = teks.replace(frasa, " ")
    temuan = {}
    for m in POLA_INGGRIS.finditer(teks):
        kata = m.group(1).lower()
        if kata not in temuan:
            sekitar = " ".join(teks[max(0, m.start() - 30) : m.end() + 30].split())
            temuan[kata] = f"{m.group(1)!r} dalam «{sekitar}»"
    return list(temuan.values())


def test_the_english_check_finds_whole_words_only():
    teks = "Simpan perubahan. Page not found: thematic Delete\nSistem Kerja · Pendataan"
    assert [t.split()[0] for t in kata_inggris(teks)] == ["'Page'", "'not", "'Delete'"]
    assert kata_inggris("Pemeriksaan berkas dan unit; Thesis? tidak. Sistem Kerja") == []


def nama_berkas(path: str) -> str:
    """A screenshot's name from the page's view: pegawai-detail, admin-app-list-auth, beranda."""
    try:
        cocok = resolve(path)
    except Resolver404:
        nama = path
    else:  # with the arguments that are names (an app, a unit's code), not ids or NIPs
        nama = "-".join([cocok.view_name, *(str(v) for v in cocok.kwargs.values() if not re.search(r"\d", str(v)))])
    return re.sub(r"[^a-z0-9]+", "-", nama.lower()).strip("-") or "beranda"


def jenis_tautan(path: str, query: str) -> tuple[str, tuple] | None:
    """The view a link inside the site goes to and its query parameter names (None: not a page)."""
    try:
        cocok = resolve(path)
    except Resolver404:
        return ("?" + path, ())  # checked, and reported by its status
    nama = cocok.view_name
    if nama in TAUTAN_LEWATI:
        return None
    return (nama, tuple(sorted({p.split("=")[0] for p in query.split("&") if p})))


class Jalan:
    """One role's walk: the problems found, per viewport and page, and the links already checked."""

    def __init__(self, peran, live_server_url, *, gambar_layar=True):
        self.gambar_layar = gambar_layar
        self.peran = peran
        self.asal = live_server_url
        self.masalah = defaultdict(list)  # "ukuran path" -> problems
        self.tautan_diperiksa = {}  # url -> status
        self.per_jenis = Counter()
        self.halaman = 0
        self.surat = set()
        self.waktu = Counter()  # seconds spent on screenshots and on checking links

    def catat(self, ukuran, path, pesan):
        self.masalah[f"{ukuran} {path}"].append(pesan)

    def periksa_halaman(self, page, ukuran, status, konsol):
        """Everything a page must pass, recorded under its path; returns the page's own links."""
        self.halaman += 1
        path = urlsplit(page.url).path
        if status >= 400:
            self.catat(ukuran, path, f"halaman menjawab {status}")
        page.wait_for_function("!document.querySelector('.htmx-request')")  # what htmx loads with the page
        for pesan in konsol:
            self.catat(ukuran, path, pesan)
        konsol.clear()
        for pesan in page.evaluate("window.__masalah || []"):
            self.catat(ukuran, path, pesan)
        if path != "/masuk/" and not page.locator(f"{MENU_UTAMA}, {TAUTAN_KEMBALI}").count():
            self.catat(ukuran, path, "tanpa menu utama dan tanpa tautan ke beranda: tidak ada jalan kembali")
        lebar = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if lebar[0] > lebar[1]:
            lebar_elemen = page.evaluate(
                """() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll(
                'body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('[hidden]')).filter(
                (e, i, a) => !a.includes(e.parentElement)).slice(0, 3).map(e => e.tagName.toLowerCase()
                + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.'
                + e.className.trim().split(/\\s+/).join('.') : '')); }"""
            )
            self.catat(ukuran, path, f"gulir mendatar: lebar {lebar[0]} > {lebar[1]} ({', '.join(lebar_elemen)})")
        teks = page.title() + "\n" + page.locator("body").inner_text()
        inggris = kata_inggris(teks)
        if inggris:
            lain = f" (dan {len(inggris) - 4} kata lain)" if len(inggris) > 4 else ""
            self.catat(ukuran, path, "bahasa Inggris: " + "; ".join(inggris[:4]) + lain)
        t = time.monotonic()
        if self.gambar_layar:
            LAYAR_PERAN.mkdir(parents=True, exist_ok=True)
            berkas = LAYAR_PERAN / f"{self.peran}-{ukuran}-{nama_berkas(path)}.png"
            page.screenshot(path=str(berkas), full_page=True)
        self.waktu["layar"] += time.monotonic() - t
        tautan = page.evaluate(
            "[...document.querySelectorAll('a[href]')].map(a => a.href)"
            ".filter(h => h.startsWith(location.origin + '/'))"
        )
        t = time.monotonic()
        self.periksa_tautan(page, ukuran, path, tautan)
        self.waktu["tautan"] += time.monotonic() - t
        return tautan

    def periksa_tautan(self, page, ukuran, path, tautan):
        for href in dict.fromkeys(h.split("#")[0] for h in tautan):
            bagian = urlsplit(href)
            jenis = jenis_tautan(bagian.path, bagian.query)
            if jenis is None or href in self.tautan_diperiksa:
                status = self.tautan_diperiksa.get(href)
            else:
                if self.per_jenis[jenis] >= TAUTAN_PER_JENIS:
                    continue
                self.per_jenis[jenis] += 1
                respons = page.request.get(href)
                status = self.tautan_diperiksa[href] = respons.status
                if jenis[0] == "penugasan:surat_pdf" and status == 200:
                    self.gambar_surat(respons)
            if status is not None and status >= 400:
                self.catat(ukuran, path, f"tautan {href.removeprefix(self.asal)} menjawab {status}")

    def gambar_surat(self, respons):
        """The first page of a letter's PDF as PNG, once per kind of letter (permohonan, penugasan)."""
        import pypdfium2

        nama = re.search(r'filename="?([a-z]+)-', respons.headers.get("content-disposition", ""))
        jenis = nama.group(1) if nama else "surat"
        if jenis in self.surat:
            return
        self.surat.add(jenis)
        pdf = pypdfium2.PdfDocument(respons.body())
        try:
            gambar = pdf[0].render(scale=150 / 72).to_pil()
            LAYAR.mkdir(parents=True, exist_ok=True)
            gambar.save(LAYAR / f"surat-{jenis}-halaman-1.png")
        finally:
            pdf.close()

    def laporan(self) -> str:
        return "\n".join(
            f"  [{self.peran} {tempat}]\n" + "\n".join(f"    - {m}" for m in masalah)
            for tempat, masalah in sorted(self.masalah.items())
        )


BUKAN_KONSOL = re.compile(r"^Failed to load resource|violates the following Content Security Policy directive")


def pasang_pemantau(page) -> list[str]:
    """Console errors, uncaught script errors and failed loads (a style, a script, an htmx request) of
    `page`, as they come. The console's own lines for a failed load or a CSP violation are left to the
    response listener and the init script, which name the URL, the directive and the source."""
    konsol = []

    def di_konsol(pesan):
        if pesan.type == "error" and not BUKAN_KONSOL.search(pesan.text):
            konsol.append(f"konsol: {pesan.text}")

    def dijawab(respons):
        if respons.status >= 400 and respons.request.resource_type != "document":
            konsol.append(f"{respons.request.resource_type} {urlsplit(respons.url).path} menjawab {respons.status}")

    page.on("console", di_konsol)
    page.on("pageerror", lambda e: konsol.append(f"galat skrip: {e}"))
    page.on("response", dijawab)
    return konsol


def buka(page, aksi):
    """Runs `aksi` (a click or a goto) and returns the status of the page it lands on."""
    with page.expect_navigation() as navigasi:
        aksi()
    respons = navigasi.value
    return respons.status if respons is not None else 200


@pytest.fixture
def data_demo(transactional_db, settings, tmp_path):
    """The demo kabupaten with its requests and letters, as `make run` loads it; the demo logins by role."""
    settings.MEDIA_ROOT = tmp_path
    mulai = time.monotonic()
    call_command("muat_demo", paksa=True, stdout=open("/dev/null", "w"))
    call_command("muat_demo_penugasan", stdout=open("/dev/null", "w"))
    call_command("muat_demo_kinerja", stdout=open("/dev/null", "w"))
    from organisasi.management.commands.demo_login import baris_login

    login = {}
    for kunci, awal in PERAN.items():
        baris = [b for b in baris_login() if b[0].startswith(awal)]
        assert len(baris) == 1, f"demo_login tidak menampilkan tepat satu login {awal!r}"
        login[kunci] = baris[0][2] or baris[0][1]  # the bare NIP, or the superuser's name
    print(f"data demo dimuat dalam {time.monotonic() - mulai:.1f} detik")
    return login


def masuk(page, username):
    page.goto("/masuk/")
    page.get_by_label("NIP").fill(username)
    page.get_by_label("Kata sandi").fill(demo.SANDI_DEMO)
    return buka(page, lambda: page.get_by_role("button", name="Masuk").click())


def jalani_menu(page, jalan, ukuran, konsol):
    """Every entry of the main menu and of the user's links in the header, clicked as a person would."""
    nav = page.locator(MENU_UTAMA)
    entri = nav.locator("a[href]").evaluate_all("as => as.map(a => [a.textContent.trim(), a.getAttribute('href')])")
    assert entri, f"{jalan.peran} {ukuran}: menu utama kosong"
    lanjutan = {}
    for label, href in entri:
        if nav.count() == 0:  # the admin or the API docs
            buka(page, lambda: page.goto("/"))
        if ukuran == "ponsel":
            tombol = page.get_by_role("button", name="Menu")
            if tombol.is_visible():
                tombol.click()
            else:
                jalan.catat(ukuran, urlsplit(page.url).path, "tombol Menu tidak tampak di ponsel")
        link = nav.get_by_role("link", name=label, exact=True).first
        if link.is_visible():
            status = buka(page, link.click)
        else:
            jalan.catat(ukuran, urlsplit(page.url).path, f"entri menu {label!r} tidak tampak")
            status = buka(page, lambda h=href: page.goto(h))
        if urlsplit(page.url).path != href.split("?")[0]:
            jalan.catat(ukuran, href, f"entri menu {label!r} berakhir di {urlsplit(page.url).path}")
        for t in jalan.periksa_halaman(page, ukuran, status, konsol):
            bagian = urlsplit(t)
            jenis = jenis_tautan(bagian.path, bagian.query)
            if jenis and jenis[0] in HALAMAN_LANJUTAN and jenis[0] not in lanjutan:
                lanjutan[jenis[0]] = t
    return [h for label, h in entri], lanjutan


def jalani_admin(page, jalan, ukuran, konsol):
    """Every link of the admin index (models, add forms) and of its user tools; from each change list, its
    first row's change form. The index itself was checked as a menu entry."""
    buka(page, lambda: page.goto("/admin/"))
    halaman = page.locator("#content-main a[href], #user-tools a[href]").evaluate_all("as => as.map(a => a.href)")
    assert halaman, "indeks admin tanpa tautan"
    for href in dict.fromkeys(halaman):
        bagian = urlsplit(href)
        if jenis_tautan(bagian.path, bagian.query) is None or bagian.path == "/":
            continue  # signing out; "Lihat situs" is the home page, already walked
        status = buka(page, lambda h=href: page.goto(h))
        jalan.periksa_halaman(page, ukuran, status, konsol)
        baris = page.locator("#result_list tbody tr:first-child th a[href]")
        if baris.count():
            status = buka(page, baris.first.click)
            jalan.periksa_halaman(page, ukuran, status, konsol)


@pytest.mark.parametrize("peran", [pytest.param(p, marks=PERAMBAN) for p in PERAN])
def test_every_menu_entry_of_the_role_on_desktop_and_phone(peran, data_demo, peramban, live_server):
    jalan = Jalan(peran, live_server.url)
    mulai = time.monotonic()
    for ukuran, (lebar, tinggi) in UKURAN.items():
        ctx = peramban.new_context(
            base_url=live_server.url,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            viewport={"width": lebar, "height": tinggi},
            accept_downloads=True,
        )
        ctx.set_default_timeout(15_000)
        ctx.add_init_script(SKRIP_PEMANTAU)
        try:
            page = ctx.new_page()
            konsol = pasang_pemantau(page)
            status = masuk(page, data_demo[peran])
            assert urlsplit(page.url).path == "/", f"{peran} {ukuran}: tidak masuk ({page.url})"
            jalan.periksa_halaman(page, ukuran, status, konsol)
            menu, lanjutan = jalani_menu(page, jalan, ukuran, konsol)
            for href in lanjutan.values():
                status = buka(page, lambda h=href: page.goto(h))
                jalan.periksa_halaman(page, ukuran, status, konsol)
            if "/admin/" in menu and (ukuran == "desktop" or ADMIN_DI_PONSEL):
                jalani_admin(page, jalan, ukuran, konsol)
        finally:
            ctx.close()
    if peran == "staf":  # the demo's letter A is addressed to this login
        assert "penugasan" in jalan.surat and (LAYAR / "surat-penugasan-halaman-1.png").stat().st_size > 20_000
    print(
        f"{peran}: {jalan.halaman} halaman, {len(jalan.tautan_diperiksa)} tautan diperiksa, "
        f"{time.monotonic() - mulai:.1f} detik (gambar layar {jalan.waktu['layar']:.1f}, "
        f"tautan {jalan.waktu['tautan']:.1f})"
    )
    assert not jalan.masalah, f"{sum(map(len, jalan.masalah.values()))} masalah:\n{jalan.laporan()}"


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.django_db(transaction=True)
def test_the_sign_in_pages_for_a_guest_on_desktop_and_phone(peramban, live_server, transactional_db):
    """Before signing in: the sign-in page and the pages it links to (forgotten password)."""
    jalan = Jalan("tamu", live_server.url)
    for ukuran, (lebar, tinggi) in UKURAN.items():
        ctx = peramban.new_context(
            base_url=live_server.url, locale="id-ID", viewport={"width": lebar, "height": tinggi}
        )
        ctx.add_init_script(SKRIP_PEMANTAU)
        try:
            page = ctx.new_page()
            konsol = pasang_pemantau(page)
            status = buka(page, lambda p=page: p.goto("/"))  # redirected to the sign-in page
            assert urlsplit(page.url).path == "/masuk/"
            tautan = jalan.periksa_halaman(page, ukuran, status, konsol)
            for href in dict.fromkeys(t.split("#")[0] for t in tautan):
                if urlsplit(href).path != "/masuk/":
                    status = buka(page, lambda h=href, p=page: p.goto(h))
                    jalan.periksa_halaman(page, ukuran, status, konsol)
        finally:
            ctx.close()
    assert jalan.halaman >= 4
    assert not jalan.masalah, f"{sum(map(len, jalan.masalah.values()))} masalah:\n{jalan.laporan()}"


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.django_db(transaction=True)
def test_the_walk_reports_each_kind_of_problem(peramban, live_server):
    """The checks themselves: a page spoilt on purpose yields every kind of problem, all at once."""
    jalan = Jalan("uji", live_server.url, gambar_layar=False)
    ctx = peramban.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    ctx.add_init_script(SKRIP_PEMANTAU)
    try:
        page = ctx.new_page()
        konsol = pasang_pemantau(page)
        buka(page, lambda: page.goto("/masuk/"))
        page.evaluate(
            """() => {
            document.body.insertAdjacentHTML('beforeend',
              '<p style="width:2000px">Page not found</p><a href="/tidak-ada/">x</a><a href="/keluar/">y</a>');
            const lebar = document.createElement('div'); lebar.textContent = 'x'; lebar.style.width = '2000px';
            document.body.append(lebar);
            const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s);
            const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = '/static/tidak-ada.css';
            document.head.append(l);
            console.error('galat uji');
            }"""
        )
        page.wait_for_timeout(300)
        jalan.periksa_halaman(page, "ponsel", 200, konsol)
    finally:
        ctx.close()
    masalah = "\n".join(jalan.masalah["ponsel /masuk/"])
    assert "CSP style-src-attr diblokir: inline" in masalah
    assert "CSP script-src-elem diblokir: inline" in masalah
    assert "konsol: galat uji" in masalah and "konsol: Applying inline style" not in masalah
    assert "stylesheet /static/tidak-ada.css menjawab 404" in masalah
    assert re.search(r"gulir mendatar: lebar \d+ > 390 \(div\)", masalah)
    assert "bahasa Inggris: 'Page not found' dalam" not in masalah  # the phrase, then the word
    assert "'not found'" in masalah.lower() and "'Page'" in masalah
    assert "tautan /tidak-ada/ menjawab 404" in masalah
    assert "/keluar/" not in masalah
