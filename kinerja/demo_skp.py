"""The appraisal in the demo Kabupaten Malang (after `kinerja.demo`), through kinerja's services, so every step
has its history and every document its signatures.

Last year, two Unit Organisasi whose staff were appraised for each period and for the year, finalised and
signed, with the organisation's predikat set (Baik for both):
- the Dinas Kesehatan: the Kepala Bidang Pelayanan Kesehatan (the PPK login), a fungsional Ahli Madya under
  the Kepala Dinas, and the bidang's staff (the staff login among them). Its spread keeps the distribution.
- the Sekretariat Daerah: staff of the Bagian Organisasi (the Admin Organisasi login, an Analis Kebijakan Ahli
  Muda, among them), all Baik or Sangat Baik: the distribution broken, each finalised with a reason, so the
  unit's chart shows red. The fungsional get their angka kredit; one person objects to the atasan PPK.

This year, in progress: drafts, SKPs waiting for the PPK, one returned with a note, SKPs approved with notes,
feedback and a development plan, the periods rated (the latest not final) and documents waiting for a
signature, so each demo login that is staff or a PPK finds something to do.

Only what the Bagian Organisasi keeps in the admin is written directly: what a predikat brings
(`KonsekuensiPredikat`) and one person's angka kredit brought in (`SaldoAngkaKredit`). One transaction; a
second run finds last year's SKPs and changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from organisasi import demo as demo_organisasi
from organisasi.models import Pegawai, PejabatUnit, Unit
from organisasi.selectors import hari_ini, kedudukan_pada

from . import penilaian, selectors, services
from . import selectors_skp as sel
from .choices import StatusEvaluasi
from .models import DokumenKinerja, Evaluasi, KonsekuensiPredikat, SaldoAngkaKredit, Skp, Target

UNIT_SESUAI = "dinkes"  # last year's spread keeps the distribution
UNIT_MENYIMPANG = "setda"  # and breaks it here
BIDANG = "dinkes-pelayanan-kesehatan"
BAGIAN = "setda-bag-organisasi"
ALASAN_MENYIMPANG = (
    "Seluruh analis Bagian Organisasi menuntaskan evaluasi kelembagaan 37 perangkat daerah sebelum tenggat; "
    "penyimpangan dari pola distribusi dilaporkan kepada Sekretaris Daerah."
)
RATING = {
    "sangat_baik": ("di_atas", "di_atas"),
    "baik": ("sesuai", "sesuai"),
    "butuh_perbaikan": ("di_bawah", "sesuai"),
}
PERILAKU = {
    "berorientasi_pelayanan": "Menjawab permintaan data perangkat daerah paling lambat dua hari kerja.",
    "akuntabel": "Melaporkan capaian setiap akhir bulan dengan bukti dukung.",
    "kolaboratif": "Melibatkan puskesmas dan perangkat daerah terkait sejak perencanaan.",
}
LAMPIRAN = {
    "sumber_daya": "Anggaran kegiatan pada DPA tahun berjalan; akses aplikasi dan data.",
    "skema": "Laporan bulanan kepada PPK; reviu triwulanan bersama tim kerja.",
    "konsekuensi": "Capaian menjadi dasar evaluasi kinerja, TPP dan pengembangan kompetensi.",
}
# Per Unit Organisasi, the results of who intervenes its targets, then of their staff (intervening those).
URAIAN = {
    UNIT_SESUAI: (
        ["Terdampinginya balita berisiko stunting", "Terakreditasinya puskesmas binaan"],
        ["Tersedianya data balita berisiko per kecamatan", "Tersusunnya dokumen telusur akreditasi puskesmas"],
    ),
    UNIT_MENYIMPANG: (
        ["Tersusunnya evaluasi kelembagaan perangkat daerah", "Tersusunnya peta proses bisnis"],
        ["Tersusunnya analisis beban kerja perangkat daerah", "Tersusunnya peta proses bisnis layanan"],
    ),
}
KONSEKUENSI = [
    ("sangat_baik", "penghargaan", "Diprioritaskan dalam talent pool dan pengembangan kompetensi", None),
    ("baik", "tunjangan", "TPP dibayarkan 100% dari pagu", 100),
    ("butuh_perbaikan", "pengembangan", "Bimbingan kinerja oleh PPK dan pelatihan teknis", 90),
]


class DemoSkp:
    def __init__(self):
        self.hari = hari_ini()
        self.tahun = self.hari.year
        self.lalu = self.tahun - 1
        data = demo_organisasi.data_demo(hari_ini=self.hari)
        self.login = [Pegawai.objects.get(nip=x.nip) for x in demo_organisasi.login_demo(data)]
        self.jenis_periode = sel.pengaturan(self.login[0].unit.instansi_id).periode_evaluasi
        self.hitung = {"skp": 0, "evaluasi": 0, "dokumen": 0}

    # --- people ---

    def kepala(self, kode: str) -> Pegawai:
        return selectors.pemimpin(Unit.objects.get(kode=kode)).pegawai

    def staf(self, kode: str) -> list[Pegawai]:
        pimpinan = PejabatUnit.objects.pada(self.hari).values("pegawai")
        return list(Pegawai.objects.filter(unit__kode=kode, aktif=True).exclude(pk__in=pimpinan).order_by("nip"))

    def bidang(self, n: int) -> list[Pegawai]:
        """The Bidang Pelayanan Kesehatan's staff, the staff login first."""
        login = self.login[3]
        return [login, *(p for p in self.staf(BIDANG) if p.pk != login.pk)][:n]

    def bagian(self, n: int) -> list[Pegawai]:
        """The Bagian Organisasi's staff, the Admin Organisasi login first."""
        login = self.login[0]
        return [login, *(p for p in self.staf(BAGIAN) if p.pk != login.pk)][:n]

    def madya(self) -> list[Pegawai]:
        """The fungsional Ahli Madya directly under the Kepala Dinas Kesehatan."""
        return [p for p in self.staf(UNIT_SESUAI) if p.jabatan.jenjang == "ahli_madya"][:1]

    def orang(self) -> dict[str, list[tuple[Pegawai, str]]]:
        """Per Unit Organisasi, last year's appraised staff with the predikat each gets. Four each, so that
        every period's documents stay few enough to render while the demo loads."""
        bidang = self.bidang(2)
        sesuai = [(self.login[2], "sangat_baik"), *((p, "baik") for p in [*self.madya(), *bidang[:-1]])]
        sesuai.append((bidang[-1], "butuh_perbaikan"))  # 50% Baik, and one below: what Baik asks of the unit
        bagian = self.bagian(4)
        menyimpang = [(bagian[0], "sangat_baik"), *((p, "baik") for p in bagian[1:])]  # 75% Baik, none below
        return {UNIT_SESUAI: sesuai, UNIT_MENYIMPANG: menyimpang}

    # --- steps ---

    def target(self, kode: str, tahun: int) -> list[Target]:
        """The Unit Organisasi's targets of the year; a PK set by its head first when it has none."""
        ada = list(Target.objects.filter(unit__kode=kode, tahun=tahun, aktif=True, induk__isnull=True).order_by("id"))
        if ada:
            return ada
        sasaran = {
            UNIT_SESUAI: [
                ("Menurunnya prevalensi stunting", "Balita berisiko stunting yang didampingi", "persen", 85),
                ("Meningkatnya mutu layanan kesehatan", "Puskesmas terakreditasi paripurna", "puskesmas", 10),
            ],
            UNIT_MENYIMPANG: [
                ("Meningkatnya kualitas kelembagaan perangkat daerah", "Indeks kelembagaan", "nilai", 78),
                ("Meningkatnya akuntabilitas kinerja", "Nilai SAKIP kabupaten", "nilai", 72),
            ],
        }[kode]
        isi = [{"uraian": s, "indikator": [{"uraian": u, "satuan": sat, "target": n}]} for s, u, sat, n in sasaran]
        kepala = self.kepala(kode)
        pk = services.perjanjian_susun(pelaku=kepala.akun, unit=Unit.objects.get(kode=kode), tahun=tahun, sasaran=isi)
        services.perjanjian_tetapkan(pelaku=kepala.akun, perjanjian=pk)
        return list(pk.target.order_by("id"))

    def susun(self, p: Pegawai, tahun: int, intervensi: list[str], uraian: list[str]) -> Skp:
        hasil = [
            {
                "uraian": u,
                "jenis": "utama",
                "intervensi": i,
                "indikator": [
                    {
                        "uraian": f"Persentase {u[0].lower()}{u[1:]}",
                        "aspek": "kuantitas",
                        "target": 100,
                        "satuan": "persen",
                    },
                    {"uraian": "Laporan disampaikan tepat waktu", "aspek": "waktu", "target": 12, "satuan": "bulan"},
                ],
            }
            for u, i in zip(uraian, intervensi, strict=True)
        ]
        hasil.append(
            {
                "uraian": "Terlaksananya tugas tambahan sebagai narasumber internal",
                "jenis": "tambahan",
                "pendekatan": "kualitatif",
                "indikator": [
                    {"uraian": "Materi diterima peserta", "aspek": "kualitas", "target": 1, "satuan": "kegiatan"}
                ],
            }
        )
        self.hitung["skp"] += 1
        return services.skp_susun(pelaku=p.akun, tahun=tahun, hasil_kerja=hasil, perilaku=PERILAKU, lampiran=LAMPIRAN)

    def setujui(self, skp: Skp) -> Skp:
        services.skp_ajukan(pelaku=skp.pegawai.akun, skp=skp)
        return services.skp_setujui(pelaku=sel.ppk_hari_ini(skp).akun, skp=skp)

    def skp_unit(self, kode: str, tahun: int, orang: list[Pegawai]) -> dict[int, Skp]:
        """The SKPs of a Unit Organisasi's staff for a year: heads intervene the unit's targets, their staff the
        head's results (cascading), approved."""
        target = self.target(kode, tahun)
        uraian, uraian_staf = URAIAN[kode]
        skp: dict[int, Skp] = {}
        for p in sorted(orang, key=lambda p: p.jabatan.jenis != "struktural"):  # heads first
            ppk = kedudukan_pada(p, self.hari).ppk
            atas = next((s for s in skp.values() if ppk and s.pegawai_id == ppk.pegawai.pk), None)
            if atas is not None:
                intervensi = [f"hasil_kerja:{h.pk}" for h in atas.hasil_kerja.filter(jenis="utama").order_by("urutan")]
            else:
                intervensi = [f"target:{t.pk}" for t in target[:2]]
            skp[p.pk] = self.susun(p, tahun, intervensi, (uraian_staf if atas else uraian)[: len(intervensi)])
        return skp

    def catatan(self, skp: Skp, kode: str, ke: int) -> None:
        hk = skp.hasil_kerja.filter(jenis="utama").order_by("urutan").first()
        services.catatan_skp_catat(
            pelaku=skp.pegawai.akun,
            skp=skp,
            hasil_kerja=hk.pk,
            periode=kode,
            realisasi=min(100, 25 * ke),
            uraian=f"Capaian {penilaian.periode(kode).label.lower()}: kegiatan terlaksana sesuai rencana.",
            bukti="https://drive.example.go.id/kinerja/bukti",
        )
        services.umpan_balik_skp_kirim(
            pelaku=skp.ppk.akun, skp=skp, hasil_kerja=hk.pk, periode=kode, isi="Bukti dukung lengkap; pertahankan."
        )

    def nilai(self, skp: Skp, kode: str, predikat: str) -> Evaluasi:
        rh, rp = RATING[predikat]
        self.hitung["evaluasi"] += 1
        return services.evaluasi_nilai(
            pelaku=sel.ppk_hari_ini(skp).akun,
            skp=skp,
            periode=kode,
            rating_hasil=rh,
            rating_perilaku=rp,
            catatan="Tingkatkan kualitas bukti dukung." if predikat == "butuh_perbaikan" else "",
        )

    def tetapkan(self, ev: Evaluasi, alasan: str = "") -> Evaluasi:
        return services.evaluasi_tetapkan(pelaku=sel.ppk_hari_ini(ev.skp).akun, evaluasi=ev, alasan=alasan)

    def tandatangani(self, dokumen, kecuali=()) -> None:
        for d in dokumen:
            for t in d.tanda_tangan.filter(waktu__isnull=True).select_related("pegawai").order_by("id"):
                if t.pegawai_id not in kecuali:
                    services.dokumen_tandatangani(pelaku=t.pegawai.akun, dokumen=d)
            self.hitung["dokumen"] += 1

    # --- last year: appraised, finalised, signed ---

    def tahun_lalu(self) -> None:
        admin = self.login[0].akun
        for predikat, jenis, uraian, persen in KONSEKUENSI:
            KonsekuensiPredikat.objects.get_or_create(
                instansi=self.login[0].unit.instansi,
                predikat=predikat,
                jenis=jenis,
                defaults={"uraian": uraian, "persen_tpp": persen},
            )
        semua: list[Skp] = []
        per_unit = self.orang()
        for kode, orang in per_unit.items():
            skp = self.skp_unit(kode, self.lalu, [p for p, _ in orang])
            for s in skp.values():
                self.setujui(s)
            services.predikat_organisasi_tetapkan(
                pelaku=admin, unit=Unit.objects.get(kode=kode), tahun=self.lalu, predikat="baik"
            )
            alasan = ALASAN_MENYIMPANG if kode == UNIT_MENYIMPANG else ""
            for ke, per in enumerate(penilaian.periode_tahun(self.lalu, self.jenis_periode), 1):
                ev = []
                for p, predikat in orang:
                    if per.jenis != "tahunan" and ke <= 4:
                        self.catatan(skp[p.pk], per.kode, ke)
                    ev.append(self.nilai(skp[p.pk], per.kode, predikat))
                for e in ev:  # all rated first: each is finalised against the whole unit's spread
                    self.tetapkan(e, alasan)
            semua.extend(skp.values())
        madya = next(p for p, _ in per_unit[UNIT_SESUAI] if p.jabatan.jenjang == "ahli_madya")
        SaldoAngkaKredit.objects.get_or_create(
            pegawai=madya,
            tahun=self.lalu - 1,
            defaults={"jumlah": Decimal("112.500"), "keterangan": "Konversi predikat 2022–2024 (PermenPANRB 1/2023)"},
        )
        self.tandatangani(DokumenKinerja.objects.filter(skp__in=semua).order_by("id"))
        # the one below the line objects to the atasan PPK, who has yet to decide
        keberatan = next(p for p, predikat in per_unit[UNIT_SESUAI] if predikat == "butuh_perbaikan")
        ev = Evaluasi.objects.get(skp__pegawai=keberatan, skp__tahun=self.lalu, jenis="tahunan")
        services.keberatan_ajukan(
            pelaku=keberatan.akun,
            evaluasi=ev,
            alasan="Dua kegiatan tertunda karena anggaran baru tersedia pada triwulan III; bukti terlampir.",
        )

    # --- this year: in progress ---

    def periode_kini(self) -> tuple[list, list]:
        """This year's periods to finalise and to leave rated (the latest ended, or the first begun)."""
        periodik = [p for p in penilaian.periode_tahun(self.tahun, self.jenis_periode) if p.jenis != "tahunan"]
        selesai = [p for p in periodik if p.selesai < self.hari]
        return selesai[:-1], selesai[-1:] or periodik[:1]

    def berjalan(self, skp: Skp, tetap: list, dinilai: list, predikat: str = "baik") -> None:
        """Approved, noted, given feedback and a development plan; periods finalised, the latest rated."""
        self.setujui(skp)
        hk = skp.hasil_kerja.filter(jenis="utama").order_by("urutan").first()
        for ke, per in enumerate([*tetap, *dinilai], 1):
            self.catatan(skp, per.kode, ke)
        services.umpan_balik_skp_kirim(
            pelaku=skp.ppk.akun,
            skp=skp,
            hasil_kerja=hk.pk,
            isi="Target triwulan berikut dinaikkan; siapkan data pendukung lebih awal.",
        )
        services.pengembangan_catat(
            pelaku=skp.ppk.akun,
            skp=skp,
            jenis="coaching",
            uraian="Coaching penyusunan indikator kinerja individu bersama PPK.",
            rencana_selesai=f"{self.tahun}-12-20",
        )
        for per in tetap:
            self.tetapkan(self.nilai(skp, per.kode, predikat))
        for per in dinilai:
            self.nilai(skp, per.kode, predikat)

    def tahun_ini(self) -> None:
        admin, _kadis, kabid, staf_login = self.login
        tetap, dinilai = self.periode_kini()
        bidang, madya, bagian = self.bidang(3), self.madya(), self.bagian(4)
        dinkes = self.skp_unit(UNIT_SESUAI, self.tahun, [kabid, *madya, *bidang])
        setda = self.skp_unit(UNIT_MENYIMPANG, self.tahun, bagian)
        # the PPK login's own SKP waits for the Kepala Dinas; hers for her staff: one approved, one submitted
        services.skp_ajukan(pelaku=kabid.akun, skp=dinkes[kabid.pk])
        self.berjalan(dinkes[staf_login.pk], tetap, dinilai)
        if len(bidang) > 1:
            services.skp_ajukan(pelaku=bidang[1].akun, skp=dinkes[bidang[1].pk])
        for p in madya:
            self.berjalan(dinkes[p.pk], tetap, [])
        # the Bagian Organisasi: approved and rated, submitted, returned with a note, a draft
        self.berjalan(setda[admin.pk], tetap, dinilai, "sangat_baik")
        if len(bagian) > 1:
            services.skp_ajukan(pelaku=bagian[1].akun, skp=setda[bagian[1].pk])
        if len(bagian) > 2:
            s = services.skp_ajukan(pelaku=bagian[2].akun, skp=setda[bagian[2].pk])
            services.skp_kembalikan(
                pelaku=sel.ppk_hari_ini(s).akun,
                skp=s,
                catatan="Indikator hasil kerja kedua belum terukur; tambahkan target waktu penyelesaian.",
            )
        # documents: the SKPs signed by both; of the periods, the last finalised waits for the person
        baru = [s.pk for s in (*dinkes.values(), *setda.values())]
        skp_dok = DokumenKinerja.objects.filter(skp__in=baru, jenis="skp").order_by("id")
        self.tandatangani(skp_dok)
        ev_dok = list(DokumenKinerja.objects.filter(skp__in=baru, evaluasi__isnull=False).order_by("evaluasi__mulai"))
        for d in ev_dok:
            terakhir = d.evaluasi.periode == (tetap[-1].kode if tetap else "")
            self.tandatangani([d], kecuali={d.skp.pegawai_id} if terakhir else ())


def sudah_dimuat() -> bool:
    return Skp.objects.filter(tahun=hari_ini().year - 1, unit_organisasi__kode=UNIT_SESUAI).exists()


def muat() -> dict[str, int]:
    """Load both years once (the caller checks `sudah_dimuat`); all or nothing. The PDFs are made after the
    commit (eager Celery: as the command ends)."""
    d = DemoSkp()
    with transaction.atomic():
        d.tahun_lalu()
        d.tahun_ini()
    d.hitung["ditetapkan"] = Evaluasi.objects.filter(status=StatusEvaluasi.DITETAPKAN).count()
    return d.hitung
