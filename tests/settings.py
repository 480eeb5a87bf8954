"""Test settings: production settings (MFA required, not demo) with fast hashing and local mail."""

import os
import tempfile

os.environ.setdefault("ALLY_SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnop")
# Tests run as production does (MFA required, not demo), whatever the shell has set.
for name in ("ALLY_DEMO", "ALLY_DEBUG", "ALLY_MFA_REQUIRED", "ALLY_SITE_URL", "ALLY_HTTPS"):
    os.environ.pop(name, None)
os.environ.setdefault("ALLY_VAR_DIR", tempfile.mkdtemp(prefix="ally-tests-"))
os.environ["ALLY_EMAIL_URL"] = "locmem:"
if os.environ.get("ALLY_TEST_DATABASE_URL"):
    os.environ["ALLY_DATABASE_URL"] = os.environ["ALLY_TEST_DATABASE_URL"]

from ally.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
