"""Django's Redis cache, with one `redis.Redis` client per connection pool instead of one per call.

Django builds a new `redis.Redis` around the pool on every cache operation; with redis-py 5 and later
that construction costs more than the GET itself on loopback (~0.2 ms, measured under gunicorn). A
client is thread-safe and holds no connection of its own (the pool does, and resets itself after a
fork), so one per pool is shared by every call in the process.
"""
import os
import threading

import redis.exceptions

from django.core.cache.backends.redis import RedisCache as _RedisCache
from django.core.cache.backends.redis import RedisCacheClient


class KlienRedis(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._klien = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        klien = self._klien.get(pool)
        if klien is None:
            klien = self._klien[pool] = self._client(connection_pool=pool)
        return klien


class RedisCache(_RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KlienRedis
        self._utas = threading.local()

    def ambil_bilangan(self, keys: list[str]) -> dict[str, int]:
        """Integer values (counters: `incr`, or an int `set`) of `keys` that exist, in one MGET.

        Read on every request (organisasi.versi), so it skips redis-py's command machinery: a connection
        of this thread's own (per process), one MGET, the integers as Django stores them (plain, not
        pickled). ~0.02 ms against ~0.09 ms through `get_many`. An error closes the connection and is
        raised as redis raised it (a 503 upstream); the next call connects afresh."""
        koneksi = getattr(self._utas, "koneksi", None)
        if koneksi is None or self._utas.pid != os.getpid():
            pool = self._cache._get_connection_pool(write=False)
            koneksi = self._utas.koneksi = pool.connection_class(**pool.connection_kwargs)
            self._utas.pid = os.getpid()
        kunci = [self.make_and_validate_key(k) for k in keys]
        for coba in (1, 2):  # a connection Redis closed while idle (a restart, `timeout`) is opened again once
            try:
                koneksi.send_command("MGET", *kunci)
                nilai = koneksi.read_response()
                break
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
                koneksi.disconnect()
                if coba == 2:
                    raise
            except BaseException:
                koneksi.disconnect()
                raise
        return {k: int(v) for k, v in zip(keys, nilai) if v is not None}
