"""Registers the fuzz tally plugin (unless the top-level conftest already did)."""

from tests.api_fuzz import ringkasan


def pytest_configure(config):
    if not config.pluginmanager.is_registered(ringkasan):
        config.pluginmanager.register(ringkasan, "tests.api_fuzz.ringkasan")
