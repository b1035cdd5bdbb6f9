"""Third-party apps under Indonesian names: the admin's index shows an app's `verbose_name` as a section
header, and some (django-axes) have none of their own, so the header read "AXES".

Listed in INSTALLED_APPS by these classes' paths instead of the bare app names; their label stays
the same (no migration, no change for the app itself).
"""

from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "Pengamanan login"
