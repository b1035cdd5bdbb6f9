"""Tallies of the bad-input tests, one line each for CI:

    fuzz: N operations (all N in the schema), M examples, F failures, S server errors
    hostile: N cases sent to E endpoints and forms, F failures, S server errors

The first comes from the Schemathesis run (tests/api_fuzz), the second from the hostile-input walk of the URL
conf (tests/sistemkerja/test_masukan_hostile.py). Every process that ran them (xdist workers too) leaves its
tally in bench/out/ under the id of the test run (xdist's PYTEST_XDIST_TESTRUNUID, shared by the workers of one
run), with every failure as a JSON line (bench/out/{fuzz,hostile}-failures-<run>-<worker>.jsonl) for grouping;
at session end the tallies of this run are summed into bench/out/fuzz-summary.txt, and the process with a
terminal prints the lines.
The module is a pytest plugin: tests/api_fuzz/conftest.py registers it; registering it from the top-level
conftest (`pytest_plugins = ["tests.api_fuzz.ringkasan"]`) makes the xdist controller print it as well.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest

KELUARAN = Path(__file__).resolve().parents[2] / "bench" / "out"
RINGKASAN = KELUARAN / "fuzz-summary.txt"
HITUNG = {
    "operations": set(),
    "examples": 0,
    "failures": 0,
    "server_errors": 0,
    "schema_operations": 0,
    "hostile_targets": set(),
    "hostile_cases": 0,
    "hostile_failures": 0,
    "hostile_server_errors": 0,
}
GAGAL: dict[str, list[dict]] = {"fuzz": [], "hostile": []}
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid{os.getpid()}"


def pytest_configure(config):
    """On an xdist controller, choose the run id ourselves so that the workers are given the same one."""
    global _RUN
    if os.environ.get("PYTEST_XDIST_WORKER") is None and config.getoption("numprocesses", None):
        if config.getoption("testrunuid", None) is None:
            config.option.testrunuid = uuid.uuid4().hex
        _RUN = config.option.testrunuid


def catat(operasi: str | Iterable[str], contoh: int, gagal: int, galat_server: int = 0) -> None:
    """A fuzzing run: the operations it reached, its examples, failed examples and 5xx answers."""
    HITUNG["operations"].update([operasi] if isinstance(operasi, str) else operasi)
    HITUNG["examples"] += contoh
    HITUNG["failures"] += gagal
    HITUNG["server_errors"] += galat_server


def catat_skema(jumlah_operasi: int) -> None:
    """How many operations the served schema has (to say whether all of them were fuzzed)."""
    HITUNG["schema_operations"] = max(HITUNG["schema_operations"], jumlah_operasi)


def catat_hostile(sasaran: str, kasus: int, gagal: int, galat_server: int) -> None:
    HITUNG["hostile_targets"].add(sasaran)
    HITUNG["hostile_cases"] += kasus
    HITUNG["hostile_failures"] += gagal
    HITUNG["hostile_server_errors"] += galat_server


def catat_gagal(jenis: str, daftar: list[dict]) -> None:
    GAGAL[jenis].extend(daftar)


def _berkas_proses() -> Path:
    return KELUARAN / f"fuzz-tally-{_RUN}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"


def _bersihkan_lama() -> None:
    """Tallies of runs older than a day are of no use to anybody."""
    for pola in ("fuzz-tally-*.json", "*-failures-*.jsonl"):
        for berkas in KELUARAN.glob(pola):
            if berkas.stat().st_mtime < time.time() - 86400:
                berkas.unlink(missing_ok=True)


def _jumlahkan() -> list[str]:
    """The lines of this run (other runs, even concurrent ones, are ignored); none if nothing ran."""
    t = {k: (set() if isinstance(v, set) else 0) for k, v in HITUNG.items()}
    for berkas in KELUARAN.glob(f"fuzz-tally-{_RUN}-*.json") if KELUARAN.exists() else []:
        data = json.loads(berkas.read_text(encoding="utf-8"))
        for k, v in data.items():
            if isinstance(t.get(k), set):
                t[k].update(v)
            elif k == "schema_operations":
                t[k] = max(t[k], v)
            elif k in t:
                t[k] += v
    baris = []
    if t["examples"]:
        n, skema = len(t["operations"]), t["schema_operations"]
        cakupan = f"all {skema} in the schema" if skema and n >= skema else f"of {skema or '?'} in the schema"
        baris.append(
            f"fuzz: {n} operations ({cakupan}), {t['examples']} examples, {t['failures']} failures, "
            f"{t['server_errors']} server errors"
        )
    if t["hostile_cases"]:
        baris.append(
            f"hostile: {t['hostile_cases']} cases sent to {len(t['hostile_targets'])} endpoints and forms, "
            f"{t['hostile_failures']} failures, {t['hostile_server_errors']} server errors"
        )
    return baris


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    if not (HITUNG["examples"] or HITUNG["hostile_cases"] or HITUNG["schema_operations"]):
        return
    KELUARAN.mkdir(parents=True, exist_ok=True)
    _bersihkan_lama()
    data = {k: sorted(v) if isinstance(v, set) else v for k, v in HITUNG.items()}
    _berkas_proses().write_text(json.dumps(data), encoding="utf-8")
    pekerja = os.environ.get("PYTEST_XDIST_WORKER", "main")
    for jenis, daftar in GAGAL.items():
        if daftar:
            berkas = KELUARAN / f"{jenis}-failures-{_RUN}-{pekerja}.jsonl"
            berkas.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in daftar), encoding="utf-8")
    baris = _jumlahkan()
    if baris:
        RINGKASAN.write_text("\n".join(baris) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    baris = _jumlahkan()
    if baris:
        RINGKASAN.write_text("\n".join(baris) + "\n", encoding="utf-8")
        for b in baris:
            terminalreporter.write_line(b)
