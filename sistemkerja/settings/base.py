"""Settings shared by every environment, read from the environment only.

`environ.Env` casts each variable and fails loudly on a malformed value, so a
typo in production stops the start instead of running with a silent default.
"""

import datetime
import ipaddress
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


class StrictEnv(environ.Env):
    """django-environ, but a boolean must be spelled as one: `DJANGO_DEBUG=perhaps` stops the start."""

    BOOLEAN_TRUE_STRINGS = ("true", "on", "ok", "y", "yes", "1")
    BOOLEAN_FALSE_STRINGS = ("false", "off", "n", "no", "0", "")

    def bool(self, var, default=environ.Env.NOTSET):
        nilai = self.str(var, default="" if default is environ.Env.NOTSET else str(default)).strip().lower()
        if default is not environ.Env.NOTSET and var not in self.ENVIRON:
            return default
        if nilai in self.BOOLEAN_TRUE_STRINGS:
            return True
        if nilai in self.BOOLEAN_FALSE_STRINGS and (nilai or var not in self.ENVIRON):
            return False
        raise ImproperlyConfigured(f"{var}={self.ENVIRON.get(var)!r} bukan nilai boolean (true/false).")


env = StrictEnv()

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, for the form renderer below
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "simple_history",
    "treebeard",
    "organisasi",
    "penugasan",
    "kinerja",
    "layanan",
    "sistemkerja.apps.AxesConfig",  # django-axes, named in Indonesian for the admin
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # DEBUG only (development server, demo): the Indonesian 404 page instead of Django's technical one.
    "sistemkerja.galat.HalamanGalatDebugMiddleware",
    "sistemkerja.security.HeaderKeamananMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Indonesian page / JSON 429.
    "sistemkerja.security.AxesMiddleware",
]

ROOT_URLCONF = "sistemkerja.urls"
WSGI_APPLICATION = "sistemkerja.wsgi.application"

# Widgets render with the project's templates too (templates/widgets/: the search box, sistemkerja.widgets).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sistemkerja.registry.context_processor",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that drops packets instead of refusing is a 503 after a few seconds, not a hung worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    # Server-side parameters let psycopg prepare the hot reads (kedudukan, pohon) after a few runs
    # instead of planning each afresh. Turn off behind PgBouncer in transaction mode.
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": env.int("DATABASE_PREPARE_THRESHOLD", default=5)}
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username+address is refused before any password check.
    "sistemkerja.security.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Security ------------------------------------------------------------------------------------
# Brute-force lockout (django-axes): N failures for one username from one address lock that pair.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sistemkerja.security.respons_terkunci"
# Addresses (or networks, CIDR) of the reverse proxies in front of gunicorn. X-Forwarded-For is believed
# only on requests that come from one of them; with none, the client is REMOTE_ADDR.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proksi in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proksi.strip(), strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proksi!r} bukan alamat IP atau jaringan (CIDR).") from None
AXES_CLIENT_IP_CALLABLE = "sistemkerja.security.alamat_klien"

# Content Security Policy (django-csp 4): no inline script anywhere; the Swagger UI page's init
# script carries the per-request nonce. Styles stay 'self' except on the API docs pages
# (sistemkerja.security.HeaderKeamananMiddleware), whose UIs inject <style> at run time.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
# axes looks for its own middleware by name; ours (sistemkerja.security.AxesMiddleware) subclasses it.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The covering index on Pegawai (nama, nip) INCLUDE (id) is for PostgreSQL; SQLite simply makes it without INCLUDE.
    SILENCED_SYSTEM_CHECKS.append("models.W040")

# API tokens obtained with a password (POST /api/v1/token/) expire after this many days; tokens made by
# a superuser in the admin carry their own expiry (or none).
TOKEN_MASA_BERLAKU_HARI = env.int("TOKEN_MASA_BERLAKU_HARI", default=90)
# The personal-data access log's own row commits without waiting for PostgreSQL to flush it to disk (a
# crash of PostgreSQL itself could lose its last fraction of a second of rows); true: wait, as every
# other write does.
AKSES_LOG_TUNGGU_DISK = env.bool("AKSES_LOG_TUNGGU_DISK", default=False)

CSRF_FAILURE_VIEW = "sistemkerja.galat.galat_csrf"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
# Indonesian for the messages of Django REST framework that its own translation lacks.
LOCALE_PATHS = [BASE_DIR / "sistemkerja" / "locale"]
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

# The public address letters' QR codes and verification links point at.
SITUS_URL = env.str("SITUS_URL", default="http://127.0.0.1:8000")
EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="sistemkerja@malangkab.go.id")

# Celery: Redis when CELERY_BROKER_URL is set, else tasks run eagerly in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Eager tasks never reach a broker; naming the in-memory one keeps kombu from warning about a missing host.
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it ends, so a worker killed mid-task leaves its message to be run again
# (tasks are idempotent); Redis hands an unacknowledged message out again after the visibility timeout.
# (A pool child that dies alone, e.g. out of memory, is not retried: reject_on_worker_lost stays off,
# so such a task cannot loop for ever.)
CELERY_TASK_ACKS_LATE = True
_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # kombu looks for such messages every interval × throttle seconds (100 s by default); with a short
    # timeout look more often, so a lost message is back within about twice the timeout.
    "unacked_restore_interval": min(10, max(1, _VISIBILITY_TIMEOUT // 3)),
    "unacked_restore_throttle": 10 if _VISIBILITY_TIMEOUT >= 300 else 1,
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "sinkron-penempatan-harian": {"task": "organisasi.sinkron_penempatan", "schedule": 60 * 60 * 6},
    # Requests left undecided past their deadline expire; who acts is re-resolved as Plt/Plh dates roll.
    "penugasan-kedaluwarsa": {"task": "penugasan.kedaluwarsakan", "schedule": crontab(hour=0, minute=10)},
    "penugasan-pelaku": {"task": "penugasan.sinkron_pelaku", "schedule": crontab(hour=0, minute=5)},
    "penugasan-render-tertunda": {"task": "penugasan.render_tertunda", "schedule": 60 * 10},
    # Reviewers re-resolved as dates roll; reports reminded and missed ones flagged; late reviews flagged.
    "kinerja-peninjau": {"task": "kinerja.sinkron_peninjau", "schedule": crontab(hour=0, minute=15)},
    "kinerja-skp-sinkron": {"task": "kinerja.skp_sinkron", "schedule": crontab(hour=0, minute=30)},
    "kinerja-pengingat-laporan": {"task": "kinerja.pengingat_laporan", "schedule": crontab(hour=6, minute=0)},
    "kinerja-tinjauan-terlambat": {"task": "kinerja.tinjauan_terlambat", "schedule": crontab(hour=6, minute=30)},
    # The appraisal's compliance: missing or unapproved SKPs and overdue evaluations reminded, once each.
    "kinerja-pengingat-kepatuhan": {"task": "kinerja.pengingat_kepatuhan", "schedule": crontab(hour=7, minute=0)},
    # Complaint senders' address hashes forgotten after a day; each unit head told of overdue complaints daily.
    "layanan-bersihkan-alamat": {"task": "layanan.bersihkan_alamat", "schedule": crontab(hour=1, minute=0)},
    "layanan-ringkasan-terlambat": {"task": "layanan.ringkasan_terlambat", "schedule": crontab(hour=7, minute=15)},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env.str("REDIS_CACHE_URL", default=""):
    # Short timeouts: an unreachable Redis is a quick 503 (sistemkerja.galat), not a hung worker.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("REDIS_CACHE_URL"),
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    # Sessions read from the shared cache, written through to the database. Only with a shared cache:
    # with a per-process one, a sign-out in one worker would leave the session alive in the others.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Rendered structure answers everyone shares (organisasi.cache) are kept under a version number every
# process must share: Redis, or the one process of the development server.
STRUKTUR_CACHE = env.bool("STRUKTUR_CACHE", default=True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "organisasi.api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # A token reaches only the views whose scope it was granted (organisasi.api.auth).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "organisasi.api.auth.CakupanTokenDiperlukan",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sistemkerja.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "sistemkerja.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
    ],
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sistem Kerja API",
    "DESCRIPTION": "API Sistem Kerja Pemerintah Kabupaten Malang (Perbup Malang 132/2023).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents every error it can answer with, in one shape (sistemkerja.api).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "sistemkerja.api.skema_galat"],
    # Fields of the same name with different choices get names of their own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "JenisUnitEnum": "organisasi.choices.JenisUnit",
        # values only (the consultation's kind as a field and as a list filter): layanan.choices.JenisKonsultasi
        "JenisKonsultasiEnum": [
            "lakip",
            "perjanjian_kinerja",
            "capaian_kinerja",
            "standar_pelayanan",
            "sop",
            "ikm",
            "spm",
        ],
        "JenisSuratEnum": "penugasan.choices.JenisSurat",
        "StatusPenugasanEnum": "penugasan.choices.Status",
        "StatusSuratEnum": "penugasan.choices.StatusSurat",
    },
}

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level on the handler too: Django's own loggers propagate their INFO lines (the dev server's "Watching
    # for file changes") to the root, which would print them a second time.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")}
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
