"""Production settings for the outage tests' gunicorn, serving static files from the finders (no
collectstatic, no manifest). Everything else is prod's: DEBUG off, persistent connections with health
checks, the Redis cache when REDIS_CACHE_URL is set."""

from sistemkerja.settings.prod import *  # noqa: F401,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
