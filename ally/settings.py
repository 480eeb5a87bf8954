"""Ally's one settings module. Everything a deployment changes comes from ALLY_* variables."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from ally.env import Env, SettingError

env = Env()
PACKAGE_DIR = Path(__file__).resolve().parent

DEBUG = env.bool("ALLY_DEBUG", False)
DEMO = env.bool("ALLY_DEMO", False)
VAR_DIR = env.path("ALLY_VAR_DIR", Path.cwd() / "var")

# The development secret is public (it is in this file); refuse it anywhere it could matter.
DEVELOPMENT_SECRET_KEY = "ally-development-secret-not-for-production-use-0000000000000000"  # noqa: S105
SECRET_KEY = env.optional_str("ALLY_SECRET_KEY") or ""
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    if not (DEBUG or DEMO):
        raise SettingError(
            "ALLY_SECRET_KEY",
            "must be set to a long random value (the development secret is only for "
            "ALLY_DEBUG or ALLY_DEMO)",
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
elif len(SECRET_KEY) < 32:
    raise SettingError("ALLY_SECRET_KEY", "must be at least 32 characters long")

SITE_URL = env.str("ALLY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")) or not urlsplit(SITE_URL).hostname:
    raise SettingError("ALLY_SITE_URL", "expected an address like https://ally.example.org")
if DEBUG and urlsplit(SITE_URL).hostname not in {"127.0.0.1", "localhost", "::1"}:
    # Debug pages show settings and local variables; debug mode also accepts the public
    # development secret. Only on a developer's own machine.
    raise SettingError("ALLY_DEBUG", "is only allowed when ALLY_SITE_URL is on 127.0.0.1 or localhost")
ALLOWED_HOSTS = env.list(
    "ALLY_ALLOWED_HOSTS", sorted({urlsplit(SITE_URL).hostname or "", "127.0.0.1", "localhost"})
)
HTTPS = env.bool("ALLY_HTTPS", SITE_URL.startswith("https://"))
BEHIND_PROXY = env.bool("ALLY_BEHIND_PROXY", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "ally.core",
    "ally.accounts",
    "ally.tenancy",
    "ally.audit",
    "ally.survivors",
    "ally.network",
    "ally.referrals",
    "ally.notifications",
    "ally.investigations",
    "ally.deconfliction",
    "ally.prosecutions",
    "ally.meetings",
    "ally.protocols",
    "ally.trainings",
    "ally.outreach",
    "ally.reports",
    "ally.htcds",
    "ally.evaluation",
    "ally.api",
]

MIDDLEWARE = [
    "ally.core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ally.accounts.middleware.PreferredLanguageMiddleware",
    "ally.accounts.middleware.MfaRequiredMiddleware",
    "ally.core.middleware.PrivateResponsesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ally.urls"
WSGI_APPLICATION = "ally.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ally.core.context.ally",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = env.database_url("ALLY_DATABASE_URL", f"sqlite:///{VAR_DIR / 'ally.sqlite3'}")
_database = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
if _database["ENGINE"] == "django.db.backends.sqlite3":
    if _database["NAME"] not in ("", ":memory:"):
        # A fresh checkout has no ./var/ yet: SQLite creates the file but not its folder.
        Path(_database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _database["OPTIONS"] = {
        # WAL lets readers and the one writer work at once; IMMEDIATE avoids "database is locked"
        # when a read transaction later wants to write.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    _database["ENGINE"] = "django.db.backends.postgresql"
    _database.setdefault("OPTIONS", {})["connect_timeout"] = 5
DATABASES = {"default": _database}

# --- Background tasks ---------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Authentication -----------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "ally.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "ally.accounts.adapter.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ally] "
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset request for an unknown address sends nothing
ACCOUNT_MAX_EMAIL_ADDRESSES = 1  # the address the invitation went to, and no other
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ally"
MFA_RECOVERY_CODE_COUNT = 10
MFA_TOTP_TOLERANCE = 1  # accept the neighbouring 30-second code: phone clocks drift

# Multi-factor sign-in is required outside demo mode; demo mode shows a banner instead.
MFA_REQUIRED = env.bool("ALLY_MFA_REQUIRED", not DEMO)
if not MFA_REQUIRED and not (DEMO or DEBUG):
    raise SettingError("ALLY_MFA_REQUIRED", "may only be turned off in demo or debug mode")

AXES_FAILURE_LIMIT = env.int("ALLY_LOCKOUT_FAILURES", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = env.int("ALLY_LOCKOUT_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "ally.accounts.lockout.username_from_credentials"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "ally.core.middleware.client_ip"
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if BEHIND_PROXY else 0

# Rate limits and lockout counters must be shared by every server process: keep them in the
# database (the table is created by a migration of ally.core).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ally_cache",
    }
}

# Idle timeout: every request pushes the expiry forward; idle past it and the session ends.
# Uploads (consent forms, agreements, HTCDS files — survivor data among them) stay in memory up
# to the largest we accept (10 MB), so none is spooled to an unencrypted temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024

SESSION_IDLE_MINUTES = env.int("ALLY_SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

INVITATION_DAYS = env.int("ALLY_INVITATION_DAYS", 7, minimum=1, maximum=60)

# --- HTTPS and headers --------------------------------------------------------------------
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe the health check over plain HTTP and count a redirect as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Uploaded files (signed consent forms) are never served directly: views check access first.
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Email --------------------------------------------------------------------------------
globals().update(env.email_url("ALLY_EMAIL_URL", "console:" if (DEBUG or DEMO) else "smtp+plain://localhost:25"))
DEFAULT_FROM_EMAIL = env.str("ALLY_FROM_EMAIL", "Ally <ally@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging: structured JSON lines, never personal data ------------------------------------
LOG_LEVEL = env.choice("ALLY_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "ally.core.logging.RedactPersonalData"}},
    "formatters": {"json": {"()": "ally.core.logging.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of a PDF and fontTools every subset at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
