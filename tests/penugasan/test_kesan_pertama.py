"""First impressions (issue 14) on the penugasan pages: what a flash message and the history say, and a
button offered only to those who may use it."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from penugasan.choices import JenisSurat, Status
from penugasan.models import Penugasan

from .conftest import ajukan, lanjut

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _isi(s, alur: str, unit_tujuan, pegawai=()) -> dict:
    return {
        "alur": alur,
        "unit_tujuan": unit_tujuan.kode,
        "pegawai": [p.nip for p in pegawai],
        "maksud": "Menyusun SOP",
        "target": "3 SOP",
        "mulai": "2027-01-04",
        "selesai": "2027-03-31",
    }


def test_the_flash_says_a_flow_a_request_is_finished_with_its_letter(s):
    r = masuk(s.kepala_bidang.akun).post("/penugasan/baru/", _isi(s, "A", s.bidang, [s.staf_bidang]))
    p = Penugasan.objects.get()
    surat = p.surat.get(jenis=JenisSurat.PENUGASAN)
    assert r.status_code == 302 and p.status == Status.SELESAI
    assert [str(m) for m in get_messages(r.wsgi_request)] == [
        f"Penugasan #{p.pk} selesai: surat penugasan {surat.nomor} sudah terbit."
    ]


def test_the_flash_says_what_a_started_flow_waits_for(s):
    r = masuk(s.kepala_bidang2.akun).post("/penugasan/baru/", _isi(s, "B", s.bidang))
    p = Penugasan.objects.get()
    assert r.status_code == 302 and p.status == Status.BERJALAN
    assert [str(m) for m in get_messages(r.wsgi_request)] == [
        f"Penugasan #{p.pk} diajukan; menunggu persetujuan pejabat penilai kinerja."
    ]


def test_the_history_reads_a_ppks_decision_as_an_approval(s):
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    isi = masuk(s.kepala_bidang.akun).get(f"/penugasan/{p.pk}/").content.decode()
    assert "<strong>Persetujuan Pejabat Penilai Kinerja</strong>: disetujui oleh " + s.kepala_bidang.nama in isi
    assert "<strong>Permohonan</strong>: diajukan oleh " + s.kepala_bidang2.nama in isi
    assert "dilanjutkan" not in isi


def test_bentuk_tim_is_offered_only_to_who_may_form_a_team(s, admin_organisasi):
    for user, boleh in [
        (s.staf_bidang.akun, False),
        (s.kepala_bidang.akun, True),
        (s.kepala_dinas.akun, True),
        (admin_organisasi, True),
    ]:
        isi = masuk(user).get("/tim/").content.decode()
        assert ('href="/tim/baru/"' in isi) is boleh, user
        assert ("dibentuk oleh pimpinan unit atau Bagian Organisasi" in isi) is not boleh


def test_an_account_without_a_staff_record_is_not_offered_a_request(s, admin_organisasi):
    isi = masuk(admin_organisasi).get("/penugasan/").content.decode()
    assert 'href="/penugasan/baru/"' not in isi and 'href="/kompetensi/"' not in isi
    isi = masuk(s.staf_bidang.akun).get("/penugasan/").content.decode()
    assert 'href="/penugasan/baru/"' in isi and 'href="/kompetensi/"' in isi
