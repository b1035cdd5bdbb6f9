"""Business-process maps through their services: registering the tree of an agency (parent of the same agency,
levels one below the parent, no loops), editing and moving a subtree, drawings uploaded as draft versions
checked by their content (PDF, PNG, JPEG, BPMN 2.0; an XML with a DTD or entities refused), setting the latest
draft in force. Every step: the right actor, a wrong one (403), a wrong state (409), bad input (400) with
nothing written. The fixtures here serve the other map, review and cluster tests too."""

import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from layanan.choices import AksiLayanan, FormatPeta, JenisPeta, StatusVersi
from layanan.models import PetaProses, RiwayatLayanan, Sop, VersiPeta
from layanan.peta_baca import hierarki, peta_terlihat
from layanan.services import peta as svc
from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from organisasi.models import Unit
from sistemkerja.errors import BukanWewenang, TransisiTidakSah
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BPMN = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d1" '
    b'targetNamespace="http://sistemkerja.example/bpmn">'
    b'<process id="p1"><startEvent id="mulai"/><task id="t1" name="Verifikasi"/><endEvent id="selesai"/>'
    b"</process></definitions>"
)
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE definitions [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</definitions>'
)
LAPIS = range(1, 10)
TAWA_MILIARAN = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in LAPIS)
    + b']>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol9;</definitions>'
)
BUKAN_BPMN = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'


def png(lebar: int = 4, tinggi: int = 3) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (lebar, tinggi), (200, 30, 30)).save(keluaran, format="PNG")
    return keluaran.getvalue()


def berkas(isi: bytes, nama: str = "peta.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi)


def akun(p):
    return getattr(p, "akun", p)


def peta_baru(oleh, unit, kode, jenis=JenisPeta.LEVEL, induk=None, **lain) -> PetaProses:
    return svc.peta_daftarkan(
        pelaku=akun(oleh),
        unit=unit,
        kode=kode,
        nama=lain.pop("nama", f"Proses {kode}"),
        jenis=jenis,
        induk=induk,
        **lain,
    )


def terbit(dunia, peta, isi=None) -> VersiPeta:
    svc.peta_versi_unggah(pelaku=akun(dunia.pengelola), peta=peta, berkas=berkas(isi or png()))
    return svc.peta_terbitkan(pelaku=akun(dunia.penetap), peta=peta)


@pytest.fixture
def dunia(struktur, admin_organisasi, settings, tmp_path):
    """The test instansi naming its Bagian Organisasi, and another instansi with a staff member (the outsider).
    `pengelola`: staff of the health lab (Dinas Kesehatan's pengelola circle); `penetap`: the Kepala Dinas;
    `bo`: an analyst of the Bagian Organisasi; `lain`: staff of Kecamatan Kepanjen (same instansi)."""
    settings.MEDIA_ROOT = tmp_path
    s = struktur
    s.instansi.bagian_organisasi = s.bag_org
    s.instansi.save()
    f.instansi("kota-lain", "Pemerintah Kota Lain")
    akar_luar = Unit.objects.get(kode="kota-lain")
    dinas_luar = f.unit(akar_luar, "kota-lain-dinkes", J.DINAS, T.JPT_PRATAMA, True, "Dinas Kesehatan Kota Lain")
    return SimpleNamespace(
        s=s,
        admin=admin_organisasi,
        pengelola=s.staf_upt5,
        penetap=s.kepala_dinas,
        bo=s.analis,
        kepala_bo=s.kepala_bag_org,
        lain=s.staf_seksi,
        dinas_luar=dinas_luar,
        luar=f.pegawai(dinas_luar, nama="Staf Kota Lain"),
        media=tmp_path,
    )


def sop_dari(unit, nomor="SOP-01") -> Sop:
    return Sop.objects.create(unit=unit, nomor=nomor, nama=f"SOP {nomor}")


# --- registering the tree -------------------------------------------------------------------------


def test_daftarkan_pohon_dengan_unit_dan_sop(dunia):
    s = dunia.s
    sop = sop_dari(s.upt5)
    l1 = peta_baru(dunia.pengelola, s.dinas, "PB-1", unit_terlibat=[s.bidang, s.upt5], sop=[sop], uraian="Hulu.")
    l2 = peta_baru(dunia.pengelola, s.dinas, "PB-1.1", induk=l1, level=2)
    sub = peta_baru(dunia.pengelola, s.upt5, "SP-1", jenis=JenisPeta.SUBPROSES, induk=l2)
    lintas = peta_baru(dunia.penetap, s.dinas, "LF-1", jenis=JenisPeta.LINTAS_FUNGSI, induk=l1)
    assert (l1.level, l2.level, sub.level, lintas.level) == (1, 2, 3, 2)
    assert set(l1.unit_terlibat.all()) == {s.bidang, s.upt5} and list(l1.sop.all()) == [sop]
    assert list(RiwayatLayanan.objects.filter(peta=l1).values_list("aksi", flat=True)) == [AksiLayanan.PETA_DAFTAR]
    akar = hierarki(akun(dunia.bo), s.dinas)
    assert [p.kode for p in akar] == ["PB-1"]
    assert [p.kode for p in akar[0].cabang] == ["PB-1.1", "LF-1"]  # level maps before cross-function maps
    assert [p.kode for p in akar[0].cabang[0].cabang] == ["SP-1"]


@pytest.mark.parametrize("siapa", ["lain", "luar", "bo"])
def test_daftarkan_bukan_pengelola_403(dunia, siapa):
    with pytest.raises(BukanWewenang):
        peta_baru(getattr(dunia, siapa), dunia.s.dinas, "PB-1")
    assert not PetaProses.objects.exists() and not RiwayatLayanan.objects.filter(peta__isnull=False).exists()


def _galat(fungsi, **kw) -> dict:
    with pytest.raises(ValidationError) as e:
        fungsi(**kw)
    return e.value.message_dict


def test_daftarkan_masukan_buruk_400_tanpa_tulis(dunia):
    s = dunia.s
    l1 = peta_baru(dunia.pengelola, s.dinas, "PB-1")
    sub = peta_baru(dunia.pengelola, s.dinas, "SP-1", jenis=JenisPeta.SUBPROSES, induk=l1)
    kec = peta_baru(dunia.lain, s.kecamatan, "KEC-1")
    sop_luar = Sop.objects.create(unit=dunia.dinas_luar, nomor="X", nama="SOP kota lain")
    sebelum = (PetaProses.objects.count(), RiwayatLayanan.objects.count())
    kasus = [
        ({"induk": kec}, "induk"),  # a parent of another agency
        ({"induk": l1, "level": 3}, "level"),  # level mismatch
        ({"level": 2}, "level"),  # level 2 without a parent
        ({"induk": sub}, "induk"),  # a level map under a subprocess map
        ({"induk": 10**9}, "induk"),
        ({"kode": "PB-1"}, "kode"),  # taken in this unit
        ({"kode": "  "}, "kode"),
        ({"kode": "a b"}, "kode"),
        ({"nama": ""}, "nama"),
        ({"jenis": "peta"}, "jenis"),
        ({"unit_terlibat": [dunia.dinas_luar]}, "unit_terlibat"),
        ({"unit_terlibat": "bidang"}, "unit_terlibat"),
        ({"sop": [sop_luar]}, "sop"),
        ({"sop": ["x"]}, "sop"),
    ]
    for ubah, kolom in kasus:
        kw = {"pelaku": akun(dunia.pengelola), "unit": s.dinas, "kode": "PB-2", "nama": "Baru", "jenis": "level"}
        assert kolom in _galat(svc.peta_daftarkan, **{**kw, **ubah}), ubah
    assert (PetaProses.objects.count(), RiwayatLayanan.objects.count()) == sebelum


def test_ubah_memindah_subpohon_dan_menolak_putaran(dunia):
    s = dunia.s
    a = peta_baru(dunia.pengelola, s.dinas, "A")
    b = peta_baru(dunia.pengelola, s.dinas, "B", induk=a)
    c = peta_baru(dunia.pengelola, s.dinas, "C", induk=b)
    d = peta_baru(dunia.pengelola, s.dinas, "D", jenis=JenisPeta.RELASI, induk=c)
    for induk in (a, b, c, d):  # itself or one of its descendants
        assert "induk" in _galat(svc.peta_ubah, pelaku=akun(dunia.pengelola), peta=a, induk=induk)
    a.refresh_from_db()
    assert a.induk_id is None
    svc.peta_ubah(pelaku=akun(dunia.pengelola), peta=b, induk=None)  # B to the top: its subtree rises one level
    assert [PetaProses.objects.get(pk=p.pk).level for p in (a, b, c, d)] == [1, 1, 2, 3]
    svc.peta_ubah(pelaku=akun(dunia.pengelola), peta=b, induk=a, nama="Proses B baru")
    assert [PetaProses.objects.get(pk=p.pk).level for p in (b, c, d)] == [2, 3, 4]
    assert "jenis" in _galat(svc.peta_ubah, pelaku=akun(dunia.pengelola), peta=b, jenis=JenisPeta.RELASI)
    catatan = list(RiwayatLayanan.objects.filter(peta=b, aksi=AksiLayanan.PETA_UBAH).values_list("catatan", flat=True))
    assert catatan == ["induk: tanpa induk", "nama; induk: A"]
    with pytest.raises(BukanWewenang):
        svc.peta_ubah(pelaku=akun(dunia.lain), peta=b, nama="Diambil alih")


# --- drawings and versions ------------------------------------------------------------------------


def test_versi_unggah_lalu_tetapkan(dunia):
    s = dunia.s
    p = peta_baru(dunia.pengelola, s.dinas, "PB-1")
    v1 = svc.peta_versi_unggah(pelaku=akun(dunia.pengelola), peta=p, berkas=berkas(png(), "gambar.png"))
    v2 = svc.peta_versi_unggah(pelaku=akun(dunia.pengelola), peta=p, berkas=berkas(PDF, "peta.pdf"), catatan="PDF")
    v3 = svc.peta_versi_unggah(pelaku=akun(dunia.pengelola), peta=p, berkas=berkas(BPMN, "model.bpmn"))
    assert [(v.nomor, v.format, v.status) for v in (v1, v2, v3)] == [
        (1, FormatPeta.PNG, StatusVersi.DRAF),
        (2, FormatPeta.PDF, StatusVersi.DRAF),
        (3, FormatPeta.BPMN, StatusVersi.DRAF),
    ]
    assert v1.nama_berkas == "gambar.png" and v1.ukuran == len(png()) and v1.disusun_oleh == dunia.pengelola
    assert v3.berkas.name.startswith("peta/") and v3.berkas.name.endswith(".bpmn") and "model" not in v3.berkas.name
    with pytest.raises(BukanWewenang):  # staff draft; the head sets
        svc.peta_terbitkan(pelaku=akun(dunia.pengelola), peta=p)
    with pytest.raises(BukanWewenang):
        svc.peta_terbitkan(pelaku=akun(dunia.bo), peta=p)
    berlaku = svc.peta_terbitkan(pelaku=akun(dunia.penetap), peta=p)
    assert berlaku.pk == v3.pk and berlaku.diterbitkan_oleh == dunia.penetap and berlaku.tanggal_penetapan
    assert [VersiPeta.objects.get(pk=v.pk).status for v in (v1, v2, v3)] == ["dilewati", "dilewati", "berlaku"]
    with pytest.raises(TransisiTidakSah):  # no draft left
        svc.peta_terbitkan(pelaku=akun(dunia.penetap), peta=p)
    v4 = svc.peta_versi_unggah(pelaku=akun(dunia.penetap), peta=p, berkas=berkas(png(8, 8)))
    svc.peta_terbitkan(pelaku=akun(dunia.admin), peta=p, tanggal_penetapan="2024-01-02")
    v3.refresh_from_db()
    p.refresh_from_db()
    assert v3.status == StatusVersi.DIGANTI and v3.berlaku_sampai and p.versi_berlaku_id == v4.pk
    assert list(p.riwayat.order_by("id").values_list("aksi", flat=True)) == [
        AksiLayanan.PETA_DAFTAR,
        *[AksiLayanan.PETA_VERSI] * 3,
        AksiLayanan.PETA_TERBIT,
        AksiLayanan.PETA_VERSI,
        AksiLayanan.PETA_TERBIT,
    ]


@pytest.mark.parametrize(
    "isi,pesan",
    [
        (b"bukan gambar sama sekali", "bukan PDF"),  # named .png, text inside
        (BUKAN_BPMN, "bukan model BPMN"),
        (XXE, "DTD atau entitas"),
        (TAWA_MILIARAN, "DTD atau entitas"),
        (b"<definitions", "bukan PDF"),  # broken XML
        (b"", "kosong"),
    ],
)
def test_berkas_ditolak_menurut_isi(dunia, isi, pesan):
    p = peta_baru(dunia.pengelola, dunia.s.dinas, "PB-1")
    galat = _galat(svc.peta_versi_unggah, pelaku=akun(dunia.pengelola), peta=p, berkas=berkas(isi, "peta.png"))
    assert pesan in " ".join(galat["berkas"])
    assert not VersiPeta.objects.exists() and not p.riwayat.filter(aksi=AksiLayanan.PETA_VERSI).exists()
    assert not (dunia.media / "peta").exists() or not any((dunia.media / "peta").iterdir())


def test_berkas_terlalu_besar_dan_tanggal_masa_depan_400(dunia):
    p = peta_baru(dunia.pengelola, dunia.s.dinas, "PB-1")
    besar = berkas(b"%PDF-" + b"0" * (20 * 1024 * 1024), "besar.pdf")
    assert (
        "terlalu besar"
        in _galat(svc.peta_versi_unggah, pelaku=akun(dunia.pengelola), peta=p, berkas=besar)["berkas"][0]
    )
    svc.peta_versi_unggah(pelaku=akun(dunia.pengelola), peta=p, berkas=berkas(PDF, "p.pdf"))
    for tanggal in ("2999-01-01", "kemarin", 5):
        assert "tanggal_penetapan" in _galat(
            svc.peta_terbitkan, pelaku=akun(dunia.penetap), peta=p, tanggal_penetapan=tanggal
        )
    assert VersiPeta.objects.get().status == StatusVersi.DRAF
    with pytest.raises(BukanWewenang):
        svc.peta_versi_unggah(pelaku=akun(dunia.luar), peta=p, berkas=berkas(PDF, "p.pdf"))


def test_terlihat_terbit_untuk_instansi_draf_untuk_pengelola_dan_bo(dunia):
    s = dunia.s
    draf = peta_baru(dunia.pengelola, s.dinas, "DRAF")
    terbit_ = peta_baru(dunia.pengelola, s.dinas, "TERBIT")
    terbit(dunia, terbit_)

    def lihat(p):
        return set(peta_terlihat(akun(p)).values_list("kode", flat=True))

    assert lihat(dunia.pengelola) == lihat(dunia.bo) == lihat(dunia.admin) == {"DRAF", "TERBIT"}
    assert lihat(dunia.lain) == {"TERBIT"}  # another agency of the instansi: what is in force
    assert lihat(dunia.luar) == set()  # another instansi: nothing
    assert draf.pk
