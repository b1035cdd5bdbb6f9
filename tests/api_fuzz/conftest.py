"""Registers the fuzz tally plugin (unless the top-level conftest already did), and xdist's `xdist_group`
marker, so that the fuzzing also runs without xdist (`-p no:xdist`) under `--strict-markers`."""

from tests.api_fuzz import ringkasan


def pytest_configure(config):
    if not config.pluginmanager.hasplugin("xdist"):
        config.addinivalue_line("markers", "xdist_group(name): xdist's grouping of tests onto one worker")
    if not config.pluginmanager.is_registered(ringkasan):
        config.pluginmanager.register(ringkasan, "tests.api_fuzz.ringkasan")
