"""The two survey schemes shipped as data (the migration `0002_skema_bawaan` loads them).

`skm2017`: PermenPANRB 14/2017, nine elements in the order of the regulation's body (so U8 is complaint
handling and U9 facilities, as API.md fixes it), questions and answer labels from its annex questionnaire.
`ikm2004`: Kepmen PAN 25/2004, fourteen elements. Both convert with × 25; the bands are inclusive bounds on
the index rounded to two decimals.
"""

SKM_2017 = {
    "kode": "skm2017",
    "nama": "Survei Kepuasan Masyarakat (PermenPANRB 14/2017)",
    "dasar_hukum": "Peraturan Menteri PANRB Nomor 14 Tahun 2017",
    "unsur": [
        (
            "U1",
            "Persyaratan",
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
            ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        ),
        (
            "U2",
            "Sistem, mekanisme dan prosedur",
            "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
            ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
        ),
        (
            "U3",
            "Waktu penyelesaian",
            "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
            ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
        ),
        (
            "U4",
            "Biaya/tarif",
            "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
            ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
        ),
        (
            "U5",
            "Produk spesifikasi jenis pelayanan",
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan "
            "antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
            ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        ),
        (
            "U6",
            "Kompetensi pelaksana",
            "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
            ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
        ),
        (
            "U7",
            "Perilaku pelaksana",
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
            ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
        ),
        (
            "U8",
            "Penanganan pengaduan, saran dan masukan",
            "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
            ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
        ),
        (
            "U9",
            "Sarana dan prasarana",
            "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
            ["Buruk", "Cukup", "Baik", "Sangat baik"],
        ),
    ],
    "mutu": [
        ("D", "Tidak Baik", "25.00", "64.99"),
        ("C", "Kurang Baik", "65.00", "76.60"),
        ("B", "Baik", "76.61", "88.30"),
        ("A", "Sangat Baik", "88.31", "100.00"),
    ],
}

IKM_2004 = {
    "kode": "ikm2004",
    "nama": "Indeks Kepuasan Masyarakat (Kepmen PAN 25/2004)",
    "dasar_hukum": "Keputusan Menteri PAN Nomor KEP/25/M.PAN/2/2004",
    "unsur": [
        (
            "U1",
            "Prosedur pelayanan",
            "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
            ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
        ),
        (
            "U2",
            "Persyaratan pelayanan",
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
            ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        ),
        (
            "U3",
            "Kejelasan petugas pelayanan",
            "Bagaimana pendapat Saudara tentang kejelasan dan kepastian petugas yang melayani?",
            ["Tidak jelas", "Kurang jelas", "Jelas", "Sangat jelas"],
        ),
        (
            "U4",
            "Kedisiplinan petugas pelayanan",
            "Bagaimana pendapat Saudara tentang kedisiplinan petugas dalam memberikan pelayanan?",
            ["Tidak disiplin", "Kurang disiplin", "Disiplin", "Sangat disiplin"],
        ),
        (
            "U5",
            "Tanggung jawab petugas pelayanan",
            "Bagaimana pendapat Saudara tentang tanggung jawab petugas dalam memberikan pelayanan?",
            ["Tidak bertanggung jawab", "Kurang bertanggung jawab", "Bertanggung jawab", "Sangat bertanggung jawab"],
        ),
        (
            "U6",
            "Kemampuan petugas pelayanan",
            "Bagaimana pendapat Saudara tentang kemampuan petugas dalam memberikan pelayanan?",
            ["Tidak mampu", "Kurang mampu", "Mampu", "Sangat mampu"],
        ),
        (
            "U7",
            "Kecepatan pelayanan",
            "Bagaimana pendapat Saudara tentang kecepatan pelayanan di unit ini?",
            ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
        ),
        (
            "U8",
            "Keadilan mendapatkan pelayanan",
            "Bagaimana pendapat Saudara tentang keadilan untuk mendapatkan pelayanan di unit ini?",
            ["Tidak adil", "Kurang adil", "Adil", "Sangat adil"],
        ),
        (
            "U9",
            "Kesopanan dan keramahan petugas",
            "Bagaimana pendapat Saudara tentang kesopanan dan keramahan petugas dalam memberikan pelayanan?",
            ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
        ),
        (
            "U10",
            "Kewajaran biaya pelayanan",
            "Bagaimana pendapat Saudara tentang kewajaran biaya untuk mendapatkan pelayanan?",
            ["Tidak wajar", "Kurang wajar", "Wajar", "Sangat wajar"],
        ),
        (
            "U11",
            "Kepastian biaya pelayanan",
            "Bagaimana pendapat Saudara tentang kesesuaian antara biaya yang "
            "dibayarkan dengan biaya yang telah ditetapkan?",
            ["Selalu tidak sesuai", "Kadang-kadang sesuai", "Banyak sesuainya", "Selalu sesuai"],
        ),
        (
            "U12",
            "Kepastian jadwal pelayanan",
            "Bagaimana pendapat Saudara tentang ketepatan pelaksanaan terhadap jadwal waktu pelayanan?",
            ["Selalu tidak tepat", "Kadang-kadang tepat", "Banyak tepatnya", "Selalu tepat"],
        ),
        (
            "U13",
            "Kenyamanan lingkungan",
            "Bagaimana pendapat Saudara tentang kenyamanan di lingkungan unit pelayanan?",
            ["Tidak nyaman", "Kurang nyaman", "Nyaman", "Sangat nyaman"],
        ),
        (
            "U14",
            "Keamanan pelayanan",
            "Bagaimana pendapat Saudara tentang keamanan pelayanan di unit ini?",
            ["Tidak aman", "Kurang aman", "Aman", "Sangat aman"],
        ),
    ],
    "mutu": [
        ("D", "Tidak Baik", "25.00", "43.75"),
        ("C", "Kurang Baik", "43.76", "62.50"),
        ("B", "Baik", "62.51", "81.25"),
        ("A", "Sangat Baik", "81.26", "100.00"),
    ],
}

BAWAAN = [SKM_2017, IKM_2004]
SKEMA_BAWAAN = "skm2017"


def muat(SkemaSurvei, UnsurSurvei, MutuSurvei) -> None:
    """Create or refresh the shipped schemes (the migration passes its historical models)."""
    for data in BAWAAN:
        skema, _ = SkemaSurvei.objects.update_or_create(
            kode=data["kode"],
            defaults={"nama": data["nama"], "dasar_hukum": data["dasar_hukum"], "nilai_maks": 4, "pengali": 25},
        )
        for urutan, (kode, nama, pertanyaan, pilihan) in enumerate(data["unsur"], start=1):
            UnsurSurvei.objects.update_or_create(
                skema=skema,
                kode=kode,
                defaults={"nama": nama, "pertanyaan": pertanyaan, "pilihan": pilihan, "urutan": urutan},
            )
        skema.mutu.all().delete()
        for mutu, kinerja, bawah, atas in data["mutu"]:
            MutuSurvei.objects.create(skema=skema, mutu=mutu, kinerja=kinerja, bawah=bawah, atas=atas)
