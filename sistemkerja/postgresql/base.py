"""PostgreSQL as Django runs it, with the health check of CONN_HEALTH_CHECKS spared for a busy connection.

With health checks on, Django sends `SELECT 1` before the first query of every request on a kept
connection, so a connection broken while idle (a restarted server, a dropped link) is replaced instead of
failing the request. Under load that is one round trip more on every request. Here a connection whose
last cursor was opened less than `SEGAR_DETIK` ago, with no error since (Django checks a connection that
had errors itself), counts as checked: it was just in use. One idle longer is checked as before, so
service still returns by itself after an outage (tests/gangguan).
"""
import time

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    SEGAR_DETIK = 1.0
    _dipakai = float("-inf")

    def create_cursor(self, name=None):
        self._dipakai = time.monotonic()
        return super().create_cursor(name)

    def close_if_health_check_failed(self):
        if (self.connection is not None and not self.errors_occurred
                and time.monotonic() - self._dipakai < self.SEGAR_DETIK):
            self.health_check_done = True
        super().close_if_health_check_failed()
