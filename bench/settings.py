"""Benchmark settings: Ally's settings in demo mode, a file database under var/bench, fast hashing.

Passwords don't matter to the numbers measured here, and Argon2 would make building the
national demo take minutes of pure hashing.
"""

import os

os.environ.setdefault("ALLY_DEMO", "true")
os.environ.setdefault("ALLY_VAR_DIR", os.path.abspath("var/bench"))
os.makedirs(os.environ["ALLY_VAR_DIR"], exist_ok=True)

from ally.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
WHITENOISE_AUTOREFRESH = True
