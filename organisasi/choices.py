from django.db import models


class JenisUnit(models.TextChoices):
    INSTANSI = "instansi", "Instansi"
    SEKRETARIAT_DAERAH = "sekretariat_daerah", "Sekretariat Daerah"
    ASISTEN = "asisten", "Asisten"
    BAGIAN = "bagian", "Bagian"
    INSPEKTORAT = "inspektorat", "Inspektorat"
    SEKRETARIAT_DPRD = "sekretariat_dprd", "Sekretariat DPRD"
    DINAS = "dinas", "Dinas"
    BADAN = "badan", "Badan"
    RSUD = "rsud", "Rumah Sakit Umum Daerah"
    KECAMATAN = "kecamatan", "Kecamatan"
    KELURAHAN = "kelurahan", "Kelurahan"
    UPT = "upt", "Unit Pelaksana Teknis"
    SEKRETARIAT = "sekretariat", "Sekretariat"
    BIDANG = "bidang", "Bidang"
    SEKSI = "seksi", "Seksi"
    SUBBAGIAN = "subbagian", "Subbagian"


class Tingkat(models.TextChoices):
    JPT_PRATAMA = "jpt_pratama", "Pimpinan Tinggi Pratama"
    ADMINISTRATOR = "administrator", "Administrator"
    PENGAWAS = "pengawas", "Pengawas"
    FUNGSIONAL = "fungsional", "Pejabat Fungsional"


class JenisJabatan(models.TextChoices):
    STRUKTURAL = "struktural", "Struktural"
    FUNGSIONAL = "fungsional", "Fungsional"
    PELAKSANA = "pelaksana", "Pelaksana"


class Jenjang(models.TextChoices):
    AHLI_UTAMA = "ahli_utama", "Ahli Utama"
    AHLI_MADYA = "ahli_madya", "Ahli Madya"
    AHLI_MUDA = "ahli_muda", "Ahli Muda"
    AHLI_PERTAMA = "ahli_pertama", "Ahli Pertama"
    PENYELIA = "penyelia", "Penyelia"
    MAHIR = "mahir", "Mahir"
    TERAMPIL = "terampil", "Terampil"
    PEMULA = "pemula", "Pemula"


class JenisAsn(models.TextChoices):
    PNS = "pns", "PNS"
    PPPK = "pppk", "PPPK"


class JenisKelamin(models.TextChoices):
    PRIA = "1", "Pria"
    WANITA = "2", "Wanita"


class Golongan(models.TextChoices):
    """Pangkat/golongan ruang PNS (PP 99/2000)."""

    I_A = "I/a", "Juru Muda (I/a)"
    I_B = "I/b", "Juru Muda Tingkat I (I/b)"
    I_C = "I/c", "Juru (I/c)"
    I_D = "I/d", "Juru Tingkat I (I/d)"
    II_A = "II/a", "Pengatur Muda (II/a)"
    II_B = "II/b", "Pengatur Muda Tingkat I (II/b)"
    II_C = "II/c", "Pengatur (II/c)"
    II_D = "II/d", "Pengatur Tingkat I (II/d)"
    III_A = "III/a", "Penata Muda (III/a)"
    III_B = "III/b", "Penata Muda Tingkat I (III/b)"
    III_C = "III/c", "Penata (III/c)"
    III_D = "III/d", "Penata Tingkat I (III/d)"
    IV_A = "IV/a", "Pembina (IV/a)"
    IV_B = "IV/b", "Pembina Tingkat I (IV/b)"
    IV_C = "IV/c", "Pembina Utama Muda (IV/c)"
    IV_D = "IV/d", "Pembina Utama Madya (IV/d)"
    IV_E = "IV/e", "Pembina Utama (IV/e)"


def pangkat_golongan(golongan: str) -> str:
    """The pangkat line under a name on a letter: "Pembina Tingkat I (IV/b)" for a PNS golongan ruang,
    "Golongan IX" for a PPPK golongan (PPPK have no pangkat), "" when none is recorded."""
    golongan = (golongan or "").strip()
    if not golongan:
        return ""
    if golongan in Golongan.values:
        return Golongan(golongan).label
    return f"Golongan {golongan}"


class JenisPeran(models.TextChoices):
    """How someone holds a unit head's role on a date (API.md `sebagai`)."""

    DEFINITIF = "definitif", "Definitif"
    PLT = "plt", "Pelaksana Tugas (Plt)"
    PLH = "plh", "Pelaksana Harian (Plh)"
    DELEGASI = "delegasi", "Pendelegasian kewenangan PPK"


SEBAGAI_ATASAN = "atasan"

# The six work-mechanism patterns (Lampiran B.1 and D), as data: the levels of
# the heads a staff member's work passes through, from the PPK up to the
# Pimpinan Unit Organisasi. A chain whose levels are not listed fits no pattern.
POLA_MENURUT_RANTAI: dict[tuple[str, ...], int] = {
    (Tingkat.ADMINISTRATOR, Tingkat.JPT_PRATAMA, Tingkat.JPT_PRATAMA): 1,
    (Tingkat.ADMINISTRATOR, Tingkat.JPT_PRATAMA): 2,
    (Tingkat.JPT_PRATAMA,): 3,
    (Tingkat.ADMINISTRATOR,): 3,  # level-II kesekretariatan flagged mandiri (Lampiran D.3)
    (Tingkat.PENGAWAS, Tingkat.ADMINISTRATOR): 4,
    (Tingkat.ADMINISTRATOR, Tingkat.ADMINISTRATOR): 4,  # staff under the sekretaris kecamatan
    (Tingkat.PENGAWAS,): 5,
    (Tingkat.FUNGSIONAL,): 6,
}

NAMA_POLA = {
    1: "Sekretariat Daerah (Kabag sebagai PPK, Sekda sebagai Pimpinan)",
    2: "JPT pratama, 2 level (administrator sebagai PPK)",
    3: "JPT pratama sebagai PPK dan Pimpinan",
    4: "Dipimpin administrator (pengawas sebagai PPK)",
    5: "Dipimpin pengawas",
    6: "Dipimpin pejabat fungsional",
}


class CakupanToken(models.TextChoices):
    """What an API token may be used for, of this app's endpoints (other apps register theirs in
    `sistemkerja.registry`). A token reaches an endpoint only with that endpoint's scope; the
    rows it then sees are still limited by its user's grants (`restrict`)."""

    STRUKTUR_BACA = "struktur:baca", "Membaca struktur organisasi (unit, pohon, pimpinan)"
    PEGAWAI_BACA = "pegawai:baca", "Membaca data pegawai dan kedudukannya (data pribadi)"
