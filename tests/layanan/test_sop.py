"""The SOP registry's services: register, edit a draft (identity block, actors, activity table checked as a
whole), publish (sahkan) with versions replaced and skipped, new versions, withdraw; every transition with the
right actor, a wrong actor (403), a wrong state (409) and bad input (400, nothing written); the activity table
imported from XLSX (all or nothing, errors by the sheet's row); who sees which SOP and version."""

import datetime as dt
import io
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from layanan import services, sop_baca, sop_impor
from layanan.choices import AksiLayanan, StatusVersi
from layanan.models import LangkahSop, RiwayatLayanan, Sop, VersiSop
from layanan.services import sop as sop_services
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from tests import factories as f

from .conftest import komponen_lengkap

pytestmark = pytest.mark.django_db

PELAKSANA = ["Pemohon (SKPD)", "Kepala Bagian Organisasi", "Kepala Subbagian Kelembagaan", "Staf Pelaksana"]
IDENTITAS = {
    "dasar_hukum": "1. PermenPANRB 35/2012 tentang Pedoman Penyusunan SOP AP.",
    "kualifikasi_pelaksana": "Memahami tata naskah dinas dan analisis jabatan.",
    "keterkaitan": "SOP Penerimaan Surat Masuk.",
    "peralatan": "Komputer, surat, telepon.",
    "peringatan": "Apabila berkas tidak lengkap, konsultasi tidak dapat dijadwalkan.",
    "pencatatan": "Buku agenda konsultasi.",
}


def langkah_contoh() -> list[dict]:
    """Eight rows: a decision (row 4) that loops back to row 2 when the file is incomplete."""
    return [
        {"uraian": "Menyampaikan surat permohonan konsultasi", "jenis": "mulai", "pelaksana": 1},
        {"uraian": "Menerima dan mendisposisikan surat", "pelaksana": 2, "waktu": "1 hari", "output": "Disposisi"},
        {"uraian": "Memeriksa kelengkapan berkas", "pelaksana": 3, "kelengkapan": "Surat, data dukung"},
        {"uraian": "Berkas lengkap?", "jenis": "keputusan", "pelaksana": 3, "ke_tidak": 2},
        {"uraian": "Menjadwalkan konsultasi", "pelaksana": 4, "waktu": "1 hari", "output": "Undangan"},
        {"uraian": "Memfasilitasi konsultasi", "pelaksana": 3, "waktu": "2 jam", "output": "Notulen"},
        {"uraian": "Menerima hasil konsultasi", "pelaksana": 1, "output": "Hasil konsultasi"},
        {"uraian": "Selesai", "jenis": "selesai", "pelaksana": 1},
    ]


@pytest.fixture(name="dunia")
def fixture_dunia(struktur, admin_organisasi):
    """The lab (UPT under Dinas Kesehatan) and its service; staff of the lab and of another agency; someone of
    another instansi; the instansi's Bagian Organisasi named."""
    s = struktur
    s.instansi.bagian_organisasi = s.bag_org
    s.instansi.save()
    lab = services.layanan_daftarkan(
        pelaku=admin_organisasi, kode="uji-lab", nama="Uji Laboratorium", unit=s.upt5, komponen=komponen_lengkap()
    )
    lain = f.instansi(kode="kab-lain", nama="Pemerintah Kabupaten Lain")
    from organisasi.choices import JenisUnit as J
    from organisasi.choices import Tingkat as T
    from organisasi.models import Unit

    dinas_lain = f.unit(Unit.objects.get(kode="kab-lain"), "lain-dinkes", J.DINAS, T.JPT_PRATAMA, True, "Dinkes Lain")
    luar = f.pegawai(dinas_lain, nama="Orang Instansi Lain")
    layanan_lain = services.layanan_daftarkan(
        pelaku=admin_organisasi, kode="lain", nama="Layanan Lain", unit=dinas_lain, komponen={}
    )
    return SimpleNamespace(
        s=s,
        admin=admin_organisasi,
        lab=lab,
        staf=s.staf_upt5.akun,  # pengelola (Dinas Kesehatan's staff)
        kepala=s.kepala_upt5.akun,  # penetap
        asing=s.staf_dpmptsp.akun,  # same instansi, another agency
        bo=s.analis.akun,  # the instansi's Bagian Organisasi
        luar=luar.akun,
        instansi_lain=lain,
        layanan_lain=layanan_lain,
    )


def sop_draf(d, **kw) -> Sop:
    return sop_services.sop_daftarkan(
        pelaku=d.staf,
        unit=d.s.upt5,
        nomor=kw.pop("nomor", "800/01/SOP/2026"),
        nama=kw.pop("nama", "Fasilitasi Konsultasi"),
        layanan=[d.lab],
        **kw,
    )


def sop_terbit(d, **kw) -> Sop:
    sop = sop_draf(d, identitas=IDENTITAS, pelaksana=PELAKSANA, langkah=langkah_contoh(), **kw)
    sop_services.sop_terbitkan(pelaku=d.kepala, sop=sop)
    sop.refresh_from_db()
    return sop


def jumlah_tulis():
    return (RiwayatLayanan.objects.count(), VersiSop.objects.count(), LangkahSop.objects.count(), Sop.objects.count())


# --- the path ------------------------------------------------------------------------------------------------


def test_daftar_susun_sahkan_dan_versi_baru(dunia, django_capture_on_commit_callbacks, mailoutbox):
    d = dunia
    d.s.staf_upt5.email = "staf@uji.go.id"
    d.s.staf_upt5.save()
    sop = sop_draf(d)
    v1 = sop.versi.get()
    assert v1.nomor == 1 and v1.status == StatusVersi.DRAF and v1.tanggal_pembuatan == timezone.localdate()
    assert v1.disusun_oleh == d.s.staf_upt5 and list(sop.layanan.all()) == [d.lab]
    v1 = sop_services.sop_versi_ubah(
        pelaku=d.staf, versi=v1, identitas=IDENTITAS, pelaksana=PELAKSANA, langkah=langkah_contoh()
    )
    baris = list(v1.langkah.order_by("urutan"))
    assert [b.urutan for b in baris] == list(range(1, 9))
    assert baris[3].jenis == "keputusan" and baris[3].ke_tidak == 2 and baris[3].ke_ya is None
    assert baris[1].output == "Disposisi" and v1.pelaksana == PELAKSANA
    with django_capture_on_commit_callbacks(execute=True):
        terbit = sop_services.sop_terbitkan(pelaku=d.kepala, sop=sop)
    assert terbit.status == StatusVersi.BERLAKU and terbit.tanggal_efektif == timezone.localdate()
    assert terbit.disahkan_oleh == d.s.kepala_upt5 and terbit.diterbitkan_oleh == d.s.kepala_upt5
    assert terbit.jabatan_pengesah  # the head's title on the day
    assert mailoutbox[-1].to == ["staf@uji.go.id"] and "disahkan" in mailoutbox[-1].subject
    sop.refresh_from_db()
    assert sop.versi_berlaku == terbit

    # two new drafts: version 2 (never published) is skipped when version 3 is approved
    v2 = sop_services.sop_versi_buat(pelaku=d.staf, sop=sop, catatan="Waktu disposisi dipersingkat")
    assert v2.nomor == 2 and v2.status == StatusVersi.DRAF and v2.tanggal_revisi == timezone.localdate()
    assert v2.langkah.count() == 8 and v2.pelaksana == PELAKSANA and v2.dasar_hukum == IDENTITAS["dasar_hukum"]
    assert v2.tanggal_efektif is None and v2.disahkan_oleh is None
    v3 = sop_services.sop_versi_buat(
        pelaku=d.staf, sop=sop, identitas={"peringatan": "Berkas tidak lengkap dikembalikan."}
    )
    assert v3.nomor == 3 and v3.peringatan == "Berkas tidak lengkap dikembalikan."
    besok = timezone.localdate() + dt.timedelta(days=1)
    sop_services.sop_terbitkan(pelaku=d.s.kepala_dinas.akun, sop=sop, tanggal_efektif=besok.isoformat())
    status = dict(sop.versi.values_list("nomor", "status"))
    assert status == {1: StatusVersi.DIGANTI, 2: StatusVersi.DILEWATI, 3: StatusVersi.BERLAKU}
    sop.refresh_from_db()
    assert sop.versi_berlaku.nomor == 3 and sop.versi_berlaku.tanggal_efektif == besok
    assert sop.versi.get(nomor=1).berlaku_sampai is not None
    assert list(RiwayatLayanan.objects.filter(sop=sop).order_by("waktu", "id").values_list("aksi", flat=True)) == [
        AksiLayanan.SOP_DAFTAR,
        AksiLayanan.SOP_VERSI_UBAH,
        AksiLayanan.SOP_TERBIT,
        AksiLayanan.SOP_VERSI,
        AksiLayanan.SOP_VERSI,
        AksiLayanan.SOP_TERBIT,
    ]
    ubah = RiwayatLayanan.objects.get(sop=sop, aksi=AksiLayanan.SOP_VERSI_UBAH)
    assert "tabel kegiatan (8 baris)" in ubah.catatan and "dasar hukum" in ubah.catatan


def test_ubah_data_sop_dan_cabut(dunia):
    d = dunia
    sop = sop_terbit(d)
    sop = sop_services.sop_ubah(pelaku=d.staf, sop=sop, nama="Fasilitasi Konsultasi Kelembagaan", layanan=[])
    assert sop.nama == "Fasilitasi Konsultasi Kelembagaan" and not sop.layanan.exists()
    with pytest.raises(BukanWewenang):  # the agency's staff draft; withdrawing is the head's
        sop_services.sop_ubah(pelaku=d.staf, sop=sop, aktif=False)
    sop = sop_services.sop_ubah(pelaku=d.kepala, sop=sop, aktif=False)
    assert not sop.aktif
    with pytest.raises(TransisiTidakSah):
        sop_services.sop_versi_buat(pelaku=d.staf, sop=sop)
    riwayat = list(RiwayatLayanan.objects.filter(sop=sop, aksi=AksiLayanan.SOP_UBAH).values_list("catatan", flat=True))
    assert riwayat == ["diubah: nama, layanan yang diatur", "diubah: dicabut"]


# --- wrong actor, wrong state ----------------------------------------------------------------------------------


def test_pelaku_salah_ditolak(dunia):
    d = dunia
    sebelum = jumlah_tulis()
    for pelaku in (d.asing, d.luar, d.bo):  # another agency, another instansi, the Bagian's staff (not admins)
        with pytest.raises(BukanWewenang):
            sop_services.sop_daftarkan(pelaku=pelaku, unit=d.s.upt5, nomor="X", nama="X")
    assert jumlah_tulis() == sebelum
    sop = sop_draf(d)
    versi = sop.versi.get()
    for pelaku in (d.asing, d.luar):
        with pytest.raises(BukanWewenang):
            sop_services.sop_versi_ubah(pelaku=pelaku, versi=versi, identitas=IDENTITAS)
        with pytest.raises(BukanWewenang):
            sop_services.sop_versi_buat(pelaku=pelaku, sop=sop)
        with pytest.raises(BukanWewenang):
            sop_services.sop_ubah(pelaku=pelaku, sop=sop, nama="Y")
    with pytest.raises(BukanWewenang):  # staff draft, the head approves
        sop_services.sop_terbitkan(pelaku=d.staf, sop=sop)
    with pytest.raises(BukanWewenang):
        sop_services.sop_terbitkan(pelaku=d.s.kepala_bidang.akun, sop=sop)  # a head of another unit
    assert RiwayatLayanan.objects.filter(sop=sop).count() == 1


def test_keadaan_salah_ditolak(dunia):
    d = dunia
    sop = sop_terbit(d)
    berlaku = sop.versi_berlaku
    with pytest.raises(TransisiTidakSah):  # a version in force is never edited
        sop_services.sop_versi_ubah(pelaku=d.staf, versi=berlaku, identitas={"peringatan": "x"})
    with pytest.raises(TransisiTidakSah):
        sop_services.sop_terbitkan(pelaku=d.kepala, sop=sop)  # no draft
    with pytest.raises(TransisiTidakSah):
        sop_services.sop_impor_langkah(pelaku=d.staf, versi=berlaku, berkas=buku([]))
    berlaku.refresh_from_db()
    assert berlaku.peringatan == IDENTITAS["peringatan"]


# --- bad input -------------------------------------------------------------------------------------------------


def galat_dari(fungsi, **kw) -> dict:
    with pytest.raises(ValidationError) as e:
        fungsi(**kw)
    return e.value.message_dict


def ubah(d, versi, baris, pelaksana=PELAKSANA) -> dict:
    return galat_dari(sop_services.sop_versi_ubah, pelaku=d.staf, versi=versi, pelaksana=pelaksana, langkah=baris)


def test_tabel_kegiatan_diperiksa_utuh_tanpa_ada_yang_tertulis(dunia):
    d = dunia
    sop = sop_draf(d, identitas=IDENTITAS, pelaksana=PELAKSANA, langkah=langkah_contoh())
    versi = sop.versi.get()
    sebelum = jumlah_tulis()

    def dengan(**ubahan):
        baris = langkah_contoh()
        for i, isi in ubahan.items():
            baris[int(i[1:])] = {**baris[int(i[1:])], **isi}
        return ubah(d, versi, baris)

    assert "Pilih pelaksana 1 sampai 4." in dengan(b2={"pelaksana": 5})["langkah[2].pelaksana"]
    assert "Pilih pelaksana" in dengan(b2={"pelaksana": "dua"})["langkah[2].pelaksana"][0]
    assert dengan(b0={"jenis": "kegiatan"})["langkah[0].jenis"] == ["Baris pertama harus Mulai (terminator)."]
    assert dengan(b7={"jenis": "kegiatan"})["langkah[7].jenis"] == ["Baris terakhir harus Selesai (terminator)."]
    assert "Hanya baris terakhir" in dengan(b4={"jenis": "selesai"})["langkah[4].jenis"][0]
    assert "Hanya baris pertama" in dengan(b4={"jenis": "mulai"})["langkah[4].jenis"][0]
    assert "Pilih mulai" in dengan(b4={"jenis": "proses"})["langkah[4].jenis"][0]
    assert "Hanya baris keputusan" in dengan(b2={"ke_ya": 5})["langkah[2].ke_ya"][0]
    assert dengan(b3={"ke_tidak": 4})["langkah[3].ke_tidak"] == ["Cabang tidak boleh menuju baris ini sendiri."]
    assert dengan(b3={"ke_tidak": 9})["langkah[3].ke_tidak"] == ["Isi nomor baris 1 sampai 8."]
    assert "kembali ke baris Mulai" in dengan(b3={"ke_tidak": 1})["langkah[3].ke_tidak"][0]
    assert "menuju baris yang sama" in dengan(b3={"ke_tidak": None})["langkah[3].ke_tidak"][0]
    assert "menuju baris yang sama" in dengan(b3={"ke_ya": 5, "ke_tidak": 5})["langkah[3].ke_tidak"][0]
    assert "tanpa lompatan" in dengan(b5={"urutan": 7})["langkah[5].urutan"][0]
    assert dengan(b1={"uraian": "  "})["langkah[1].uraian"] == ["Wajib diisi dengan teks yang terbaca."]
    assert "karakter kendali" in dengan(b1={"output": "a\x00b"})["langkah[1].output"][0]
    assert "Paling banyak 100" in dengan(b1={"waktu": "x" * 101})["langkah[1].waktu"][0]
    assert dengan(b1={"warna": "merah"})["langkah[1].warna"] == ["Kolom tidak dikenal."]
    assert ubah(d, versi, langkah_contoh()[:1])["langkah"] == ["Paling sedikit dua baris: Mulai dan Selesai."]
    assert ubah(d, versi, "bukan daftar")["langkah"] == ["Harus daftar baris kegiatan."]
    assert ubah(d, versi, [{"uraian": "x"}] * 301)["langkah"] == ["Paling banyak 300 baris kegiatan."]
    # several at once, each on its cell
    galat = dengan(b2={"pelaksana": 9}, b5={"ke_ya": 2})
    assert set(galat) == {"langkah[2].pelaksana", "langkah[5].ke_ya"}
    # the actors
    assert (
        "sudah tercantum di urutan 1"
        in ubah(d, versi, langkah_contoh(), [*PELAKSANA, " pemohon  (skpd) "])["pelaksana[4]"][0]
    )
    assert ubah(d, versi, langkah_contoh(), [f"P{i}" for i in range(13)])["pelaksana"] == [
        "Paling banyak 12 pelaksana (kolom bagan)."
    ]
    galat = galat_dari(sop_services.sop_versi_ubah, pelaku=d.staf, versi=versi, pelaksana=PELAKSANA[:2])
    assert "langkah[2].pelaksana" in galat and "Baris 3 memakai pelaksana yang tidak ada lagi." in galat["pelaksana"]
    # the identity block
    galat = galat_dari(
        sop_services.sop_versi_ubah,
        pelaku=d.staf,
        versi=versi,
        identitas={"tanggal_efektif": "2026-02-30", "tanggal_revisi": "1999-01-01", "warna": "x", "peringatan": 5},
        catatan="a\x00",
    )
    assert set(galat) == {"tanggal_efektif", "tanggal_revisi", "identitas.warna", "peringatan", "catatan"}
    assert jumlah_tulis() == sebelum
    assert [b.uraian for b in versi.langkah.order_by("urutan")] == [b["uraian"] for b in langkah_contoh()]


def test_daftar_dan_ubah_masukan_salah(dunia):
    d = dunia
    sop = sop_draf(d)
    sebelum = jumlah_tulis()
    galat = galat_dari(
        sop_services.sop_daftarkan,
        pelaku=d.staf,
        unit=d.s.upt5,
        nomor=" 800/01/sop/2026 ",
        nama="",
        layanan=[d.layanan_lain],
    )
    assert galat == {
        "nomor": ["Nomor SOP ini sudah dipakai SOP lain di unit ini."],
        "nama": ["Wajib diisi dengan teks yang terbaca."],
        "layanan": ["Layanan dari instansi lain tidak dapat diatur SOP ini."],
    }
    galat = galat_dari(sop_services.sop_ubah, pelaku=d.staf, sop=sop, nama="x" * 301, layanan=["uji-lab"])
    assert set(galat) == {"nama", "layanan"}
    lain = sop_draf(d, nomor="800/02/SOP/2026", nama="Lain")
    galat = galat_dari(sop_services.sop_ubah, pelaku=d.staf, sop=lain, nomor="800/01/SOP/2026")
    assert galat == {"nomor": ["Nomor SOP ini sudah dipakai SOP lain di unit ini."]}
    galat = galat_dari(sop_services.sop_versi_ubah, pelaku=d.staf, versi=sop.versi.get(), sop_terkait=[sop])
    assert galat == {"sop_terkait": ["Pilih SOP lain dari daftar."]}
    sop.refresh_from_db()
    assert sop.nama == "Fasilitasi Konsultasi" and list(sop.layanan.all()) == [d.lab]
    assert jumlah_tulis()[0] == sebelum[0] + 1  # only the second SOP's registration


def test_sahkan_meminta_identitas_dan_dua_baris(dunia):
    d = dunia
    sop = sop_draf(d)
    galat = galat_dari(sop_services.sop_terbitkan, pelaku=d.kepala, sop=sop)
    assert set(galat) == {
        "dasar_hukum",
        "kualifikasi_pelaksana",
        "peralatan",
        "peringatan",
        "pencatatan",
        "pelaksana",
        "langkah",
    }
    versi = sop_services.sop_versi_ubah(
        pelaku=d.staf, versi=sop.versi.get(), identitas=IDENTITAS, pelaksana=PELAKSANA, langkah=langkah_contoh()
    )
    galat = galat_dari(sop_services.sop_terbitkan, pelaku=d.kepala, sop=sop, tanggal_efektif="2001-01-01")
    assert galat == {"tanggal_efektif": ["Tanggal efektif tidak boleh sebelum tanggal pembuatan."]}
    versi.refresh_from_db()
    assert versi.status == StatusVersi.DRAF and not RiwayatLayanan.objects.filter(aksi=AksiLayanan.SOP_TERBIT)


# --- import ---------------------------------------------------------------------------------------------------


def buku(baris, kepala=None, lembar="Kegiatan") -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(["Tabel kegiatan SOP"])
    ws.append(kepala or [lbl for _, lbl in sop_impor.KOLOM])
    for b in baris:
        ws.append(b)
    keluar = io.BytesIO()
    wb.save(keluar)
    keluar.seek(0)
    return keluar


BARIS_XLSX = [
    [1, "Menyampaikan surat", "Pemohon (SKPD)", "Mulai", "", "", "", "", None, None],
    [2, "Mendisposisikan surat", "kepala bagian  organisasi", "kegiatan", "", "1 hari", "Disposisi", "", None, None],
    [None],  # an empty row is skipped
    [3.0, "Memeriksa berkas", "Analis Kelembagaan", None, "Surat", 2, "", "", None, None],
    [4, "Berkas lengkap?", "Analis Kelembagaan", "Keputusan (ya/tidak)", "", "", "", "", None, 2.0],
    [5, "Menyampaikan hasil", "Pemohon (SKPD)", "kegiatan", "", "", "Hasil", "Lihat <arsip> & 'buku'", None, None],
    [6, "Selesai", "Pemohon (SKPD)", "selesai", "", "", "", "", None, None],
]


def test_impor_tabel_kegiatan(dunia):
    d = dunia
    sop = sop_draf(d, pelaksana=PELAKSANA[:2])
    versi = sop_services.sop_impor_langkah(pelaku=d.staf, versi=sop.versi.get(), berkas=buku(BARIS_XLSX))
    versi.refresh_from_db()
    assert versi.pelaksana == [*PELAKSANA[:2], "Analis Kelembagaan"]  # matched by name, the new one added
    baris = list(versi.langkah.order_by("urutan"))
    assert [(b.urutan, b.jenis, b.pelaksana) for b in baris] == [
        (1, "mulai", 1),
        (2, "kegiatan", 2),
        (3, "kegiatan", 3),
        (4, "keputusan", 3),
        (5, "kegiatan", 1),
        (6, "selesai", 1),
    ]
    assert baris[3].ke_tidak == 2 and baris[2].waktu == "2" and baris[4].keterangan == "Lihat <arsip> & 'buku'"
    r = RiwayatLayanan.objects.get(sop=sop, aksi=AksiLayanan.SOP_IMPOR)
    assert "6 baris kegiatan, 3 pelaksana" in r.catatan

    # the template round trip: the draft's table out and in again, unchanged
    isi = sop_impor.templat(versi.pelaksana, baris)
    sop_services.sop_impor_langkah(pelaku=d.staf, versi=versi, berkas=io.BytesIO(isi))
    assert [(b.urutan, b.uraian, b.pelaksana, b.ke_tidak) for b in versi.langkah.order_by("urutan")] == [
        (b.urutan, b.uraian, b.pelaksana, b.ke_tidak) for b in baris
    ]
    wb = openpyxl.load_workbook(io.BytesIO(sop_impor.templat()))
    assert [c.value for c in wb["Kegiatan"][1]] == [lbl for _, lbl in sop_impor.KOLOM] and "Petunjuk" in wb.sheetnames
    # text that looks like a formula is written as text, never as a formula
    rumus = LangkahSop(urutan=1, uraian='=HYPERLINK("http://x")', jenis="mulai", pelaksana=1)
    sel = openpyxl.load_workbook(io.BytesIO(sop_impor.templat(["A"], [rumus])))["Kegiatan"]["B2"]
    assert sel.data_type == "s" and sel.value.startswith("=HYPERLINK")


def test_impor_salah_disebut_baris_tanpa_ada_yang_tertulis(dunia):
    d = dunia
    sop = sop_draf(d, pelaksana=PELAKSANA, langkah=langkah_contoh())
    versi = sop.versi.get()
    sebelum = jumlah_tulis()

    def galat(berkas) -> list[str]:
        return galat_dari(sop_services.sop_impor_langkah, pelaku=d.staf, versi=versi, berkas=berkas)["berkas"]

    rusak = [list(b) for b in BARIS_XLSX]
    rusak[1][2] = ""  # sheet row 4: no actor
    rusak[4][9] = 4  # sheet row 7, the decision (No 4): its "Tidak" to itself
    rusak[3][3] = "segitiga"
    assert galat(buku(rusak)) == [
        "Baris 4, Pelaksana: Wajib diisi dengan nama pelaksana.",
        "Baris 6, Simbol: Pilih mulai, kegiatan, keputusan atau selesai.",
        "Baris 7, Jika Tidak: Cabang tidak boleh menuju baris ini sendiri.",
    ]
    panjang = [list(b) for b in BARIS_XLSX]
    panjang[0][2] = "P" * 101
    assert galat(buku(panjang)) == ["Baris 3, Pelaksana: Paling banyak 100 karakter (sekarang 101)."]
    assert galat(buku(BARIS_XLSX, kepala=["No", "Kegiatan", "Warna"]))[:2] == [
        "Kolom Warna (baris 2) tidak dikenal.",
        "Kolom Pelaksana tidak ada pada baris judul (baris 2).",
    ]
    assert galat(io.BytesIO(b"%PDF-1.4 bukan buku kerja")) == [sop_impor.PESAN_BUKAN_XLSX]
    assert galat(io.BytesIO(b"")) == ["Berkas kosong."]
    assert galat(io.BytesIO(b"PK" + b"0" * (2 * 1024 * 1024))) == ["Berkas terlalu besar (paling besar 2 MB)."]
    banyak = [[i, f"Kegiatan {i}", "Staf", "kegiatan"] for i in range(1, 302)]
    assert galat(buku(banyak)) == ["Berkas memuat lebih dari 300 baris kegiatan; pecah SOP-nya."]
    assert galat(buku([])) == ["Berkas tidak memuat baris kegiatan di bawah baris judul."]
    with pytest.raises(BukanWewenang):
        sop_services.sop_impor_langkah(pelaku=d.asing, versi=versi, berkas=buku(BARIS_XLSX))
    assert jumlah_tulis() == sebelum and versi.langkah.count() == 8
    versi.refresh_from_db()
    assert versi.pelaksana == PELAKSANA


# --- who sees what --------------------------------------------------------------------------------------------


def test_siapa_melihat_sop_dan_versinya(dunia):
    d = dunia
    terbit = sop_terbit(d)
    draf = sop_draf(d, nomor="800/02/SOP/2026", nama="Penerimaan Sampel")
    baru = sop_services.sop_versi_buat(pelaku=d.staf, sop=terbit)

    def terlihat(user):
        return set(sop_baca.sop_terlihat(user).values_list("nomor", flat=True))

    semua = {terbit.nomor, draf.nomor}
    assert terlihat(d.staf) == semua and terlihat(d.kepala) == semua and terlihat(d.admin) == semua
    assert terlihat(d.bo) == semua  # the instansi's Bagian Organisasi sees drafts too
    assert terlihat(d.asing) == {terbit.nomor}  # another agency: published only
    assert terlihat(d.luar) == set()  # another instansi: nothing
    assert set(sop_baca.sop_dikelola(d.staf).values_list("nomor", flat=True)) == semua
    assert not sop_baca.sop_dikelola(d.asing).exists()
    assert [v.nomor for v in sop_baca.versi_terlihat(d.staf, terbit)] == [2, 1]
    assert [v.nomor for v in sop_baca.versi_terlihat(d.asing, terbit)] == [1]
    assert sop_baca.versi_tampil(d.asing, terbit).nomor == 1
    assert sop_baca.versi_tampil(d.staf, draf).nomor == 1 and sop_baca.versi_tampil(d.asing, draf) is None
    assert baru.status == StatusVersi.DRAF
    assert sop_baca.anotasi_draf(Sop.objects.filter(pk=terbit.pk)).get().draf == 2
