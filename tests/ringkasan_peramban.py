"""One line for CI: "browser: N journeys passed, F failed, S skipped" (tests marked `browser`).

A pytest plugin registered by tests/conftest.py; under xdist the controller receives every report, so
the line is printed once, by the process with the terminal.
"""

HITUNG = {"passed": 0, "failed": 0, "skipped": 0}
ALASAN: set[str] = set()


def pytest_runtest_logreport(report):
    if "browser" not in report.keywords:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        if report.skipped:
            HITUNG["skipped"] += 1
            if isinstance(report.longrepr, tuple):
                ALASAN.add(report.longrepr[2])
        else:
            HITUNG["passed" if report.passed else "failed"] += 1
    elif report.when == "teardown" and report.failed:
        HITUNG["failed"] += 1


def pytest_terminal_summary(terminalreporter):
    if not any(HITUNG.values()):
        return
    baris = f"browser: {HITUNG['passed']} journeys passed, {HITUNG['failed']} failed, {HITUNG['skipped']} skipped"
    if ALASAN:
        baris += " (" + "; ".join(sorted(ALASAN)) + ")"
    terminalreporter.write_line(baris)
