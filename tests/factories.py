"""Factories shared by every app's tests. Staff get valid, unique NIPs."""

import datetime as dt
import itertools

import factory
from django.contrib.auth import get_user_model

from organisasi import services
from organisasi.choices import JenisJabatan, JenisPeran, Tingkat
from organisasi.models import Instansi, Jabatan, Pegawai, Unit

_urut = itertools.count(1)


def nip_baru(*, jenis_asn: str = "pns", lahir: dt.date = dt.date(1985, 3, 17), pria: bool = True) -> str:
    """A valid NIP never handed out before in this test run (the birth year moves every 1,000)."""
    n = next(_urut)
    lahir = lahir.replace(year=lahir.year - (n // 1000) % 20)
    jk = "1" if pria else "2"
    if jenis_asn == "pppk":
        return f"{lahir:%Y%m%d}{lahir.year + 30}21{jk}{n % 1000:03d}"
    return f"{lahir:%Y%m%d}{lahir.year + 25}03{jk}{n % 1000:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def simpan(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def jabatan(
    nama: str = "Analis Kebijakan Ahli Muda",
    jenis: str = JenisJabatan.FUNGSIONAL,
    jenjang: str = "ahli_muda",
    tingkat: str = "",
) -> Jabatan:
    return services.jabatan_dapatkan(nama=nama, jenis=jenis, jenjang=jenjang, tingkat=tingkat)


def jabatan_struktural(tingkat: str) -> Jabatan:
    nama = {
        Tingkat.JPT_PRATAMA: "Kepala Dinas",
        Tingkat.ADMINISTRATOR: "Kepala Bidang",
        Tingkat.PENGAWAS: "Kepala Seksi",
    }[tingkat]
    return services.jabatan_dapatkan(nama=nama, jenis=JenisJabatan.STRUKTURAL, tingkat=tingkat)


def jabatan_pelaksana() -> Jabatan:
    return services.jabatan_dapatkan(nama="Pengadministrasi Umum", jenis=JenisJabatan.PELAKSANA)


def instansi(kode: str = "kab-uji", nama: str = "Pemerintah Kabupaten Uji") -> Instansi:
    return services.instansi_buat(pelaku=None, kode=kode, nama=nama, kode_wilayah="35.07", tempat="Kepanjen")


def unit(induk: Unit, kode: str, jenis: str, tingkat: str, mandiri: bool = False, nama: str | None = None) -> Unit:
    return services.unit_buat(
        pelaku=None,
        induk=induk,
        kode=kode,
        nama=nama or kode.replace("-", " ").title(),
        jenis=jenis,
        tingkat=tingkat,
        mandiri=mandiri,
    )


def pegawai(
    unit: Unit,
    *,
    jabatan_: Jabatan | None = None,
    nama: str | None = None,
    jenis_asn: str = "pns",
    mulai: dt.date = dt.date(2020, 1, 1),
    email: str = "",
) -> Pegawai:
    nip = nip_baru(jenis_asn=jenis_asn)
    return services.pegawai_daftarkan(
        pelaku=None,
        nip=nip,
        nama=nama or f"Pegawai {nip[-3:]}",
        jenis_asn=jenis_asn,
        unit=unit,
        jabatan=jabatan_ or jabatan_pelaksana(),
        mulai=mulai,
        email=email,
    )


def kepala(unit: Unit, *, nama: str | None = None, mulai: dt.date = dt.date(2020, 1, 1)) -> Pegawai:
    """A definitive head placed in the unit they lead."""
    jab = (
        jabatan("Pejabat Fungsional Ahli Madya", jenjang="ahli_madya")
        if unit.tingkat == Tingkat.FUNGSIONAL
        else jabatan_struktural(unit.tingkat)
    )
    p = pegawai(unit, jabatan_=jab, nama=nama or f"Kepala {unit.nama}", mulai=mulai)
    services.pejabat_tetapkan(pelaku=None, unit=unit, pegawai=p, jenis=JenisPeran.DEFINITIF, mulai=mulai)
    return p


def kunci_token(user, cakupan=None, **kwargs) -> str:
    """A live API token for `user` (every scope unless `cakupan` says otherwise); returns its key."""
    from sistemkerja import registry

    _, kunci = services.token_buat(
        pelaku=None,
        user=user,
        nama=kwargs.pop("nama", "uji"),
        cakupan=[k for k, _ in registry.daftar_cakupan()] if cakupan is None else cakupan,
        **kwargs,
    )
    return kunci


def akun_klien_api(username: str):
    """An SPBE application account in group Klien API (reads every instansi)."""
    from django.contrib.auth.models import Group

    from organisasi.permissions import GRUP_KLIEN_API, pastikan_grup_peran

    pastikan_grup_peran()
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=GRUP_KLIEN_API))
    return user


def akun_bersandi(pegawai, sandi: str = "rahasia-uji-123"):
    """The person's account (username = bare NIP) with a known password."""
    akun = pegawai.akun
    akun.set_password(sandi)
    akun.save()
    return akun
