"""Django's Redis cache, with one `redis.Redis` client per connection pool instead of one per call.

Django builds a new `redis.Redis` around the pool on every cache operation; with redis-py 5 and later
that construction costs more than the GET itself on loopback (~0.2 ms, measured under gunicorn). A
client is thread-safe and holds no connection of its own (the pool does, and resets itself after a
fork), so one per pool is shared by every call in the process.
"""
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
