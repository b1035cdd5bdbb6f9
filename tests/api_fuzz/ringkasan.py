"""Tally of the Schemathesis run: one line "fuzz: N operations, M examples, F failures".

Every process that fuzzed (xdist workers too) leaves its tally in bench/out/ under the id of the test run
(xdist's PYTEST_XDIST_TESTRUNUID, shared by the workers of one run); at session end the tallies of this run
are summed into bench/out/fuzz-summary.txt, and the process with a terminal prints the line.
The module is a pytest plugin: tests/api_fuzz/conftest.py registers it; registering it from the top-level
conftest (`pytest_plugins = ["tests.api_fuzz.ringkasan"]`) makes the xdist controller print it as well.
"""

import json
import os
import time
import uuid
from pathlib import Path

import pytest

KELUARAN = Path(__file__).resolve().parents[2] / "bench" / "out"
RINGKASAN = KELUARAN / "fuzz-summary.txt"
HITUNG = {"operations": set(), "examples": 0, "failures": 0}
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid{os.getpid()}"


def pytest_configure(config):
    """On an xdist controller, choose the run id ourselves so that the workers are given the same one."""
    global _RUN
    if os.environ.get("PYTEST_XDIST_WORKER") is None and config.getoption("numprocesses", None):
        if config.getoption("testrunuid", None) is None:
            config.option.testrunuid = uuid.uuid4().hex
        _RUN = config.option.testrunuid


def catat(operasi: str, contoh: int, gagal: int) -> None:
    HITUNG["operations"].add(operasi)
    HITUNG["examples"] += contoh
    HITUNG["failures"] += gagal


def _berkas_proses() -> Path:
    return KELUARAN / f"fuzz-tally-{_RUN}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"


def _bersihkan_lama() -> None:
    """Tallies of runs older than a day are of no use to anybody."""
    for berkas in KELUARAN.glob("fuzz-tally-*.json"):
        if berkas.stat().st_mtime < time.time() - 86400:
            berkas.unlink(missing_ok=True)


def _jumlahkan() -> str | None:
    """Sum the tallies of this run (other runs, even concurrent ones, are ignored); None if nothing fuzzed."""
    operasi, contoh, gagal, ada = set(), 0, 0, False
    for berkas in KELUARAN.glob(f"fuzz-tally-{_RUN}-*.json") if KELUARAN.exists() else []:
        data = json.loads(berkas.read_text(encoding="utf-8"))
        operasi.update(data["operations"])
        contoh += data["examples"]
        gagal += data["failures"]
        ada = True
    if not ada:
        return None
    return f"fuzz: {len(operasi)} operations, {contoh} examples, {gagal} failures"


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    if not HITUNG["examples"]:
        return
    KELUARAN.mkdir(parents=True, exist_ok=True)
    _bersihkan_lama()
    data = {**HITUNG, "operations": sorted(HITUNG["operations"])}
    _berkas_proses().write_text(json.dumps(data), encoding="utf-8")
    baris = _jumlahkan()
    if baris:
        RINGKASAN.write_text(baris + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    baris = _jumlahkan()
    if baris:
        RINGKASAN.write_text(baris + "\n", encoding="utf-8")
        terminalreporter.write_line(baris)
