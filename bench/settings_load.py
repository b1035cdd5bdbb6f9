"""Production settings for `bench/load`'s gunicorn: the project's prod settings, plus two changes.

- ROOT_URLCONF: `bench.urls_load`, the project's URLs plus the two floors (a constant behind a
  token, a constant behind a session).
- STATIC_ROOT: `bench/out/static` (git-ignored), where `bench/load` runs collectstatic, so the
  manifest static storage of production finds its manifest without touching the repository.

Everything else (DEBUG off, middleware, security headers, database from DATABASE_URL, cache and
STRUKTUR_CACHE from the environment `bench/load` sets) is prod's.
"""

from sistemkerja.settings.prod import *  # noqa: F403
from sistemkerja.settings.prod import BASE_DIR

ROOT_URLCONF = "bench.urls_load"
STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"
