"""Embedded default: SQLite, eager Celery, console e-mail. Works on a bare machine."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
