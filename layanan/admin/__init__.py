"""Layanan in the Bagian Organisasi's admin: every model readable, the two with simple-history (services and
their versions) with its pages. The services own every state: published standards, survey codes, responses
and answers, complaints, their answers and the history rows are read-only here; a draft standard is edited
through `versi_ubah`, and actions publish the latest draft (`versi_terbitkan`) or start a new one
(`versi_buat`). The Bagian Organisasi keeps the survey schemes an instansi adds (elements and bands checked
in the form); the shipped ones and any scheme already answered stay as they are. Nothing is deleted."""

from . import konsultasi, pengaduan, peta, rumpun, sop, standar, survei

__all__ = ["konsultasi", "pengaduan", "peta", "rumpun", "sop", "standar", "survei"]
