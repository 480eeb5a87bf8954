"""Strict parsers for ALLY_* environment variables.

A bad value stops start-up with a message that names the variable: a task force should never
run with a setting it did not mean to have.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit


class SettingError(Exception):
    """An environment variable holds a value Ally cannot use."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


# `Env` has methods named str, bool, int…: annotations inside it use these aliases.
Text = str

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Env:
    """Reads settings from a mapping (the process environment by default)."""

    def __init__(self, environ: Mapping[str, Text] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: Text) -> Text | None:
        value = self.environ.get(name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def str(self, name: Text, default: Text) -> Text:
        raw = self._raw(name)
        return default if raw is None else raw

    def optional_str(self, name: Text) -> Text | None:
        return self._raw(name)

    def bool(self, name: Text, default: bool) -> bool:
        raw = self._raw(name)
        if raw is None:
            return default
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise SettingError(name, f"expected true or false, got {raw!r}")

    def int(self, name: Text, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
        raw = self._raw(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise SettingError(name, f"expected a whole number, got {raw!r}") from None
        if value < minimum or (maximum is not None and value > maximum):
            upper = "" if maximum is None else f" and at most {maximum}"
            raise SettingError(name, f"must be at least {minimum}{upper}, got {value}")
        return value

    def choice(self, name: Text, default: Text, choices: tuple[Text, ...]) -> Text:
        raw = self._raw(name)
        if raw is None:
            return default
        if raw not in choices:
            raise SettingError(name, f"expected one of {', '.join(choices)}, got {raw!r}")
        return raw

    def list(self, name: Text, default: list[Text]) -> list[Text]:
        raw = self._raw(name)
        if raw is None:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def database_url(self, name: Text, default: Text) -> Text:
        raw = self._raw(name) or default
        scheme = urlsplit(raw).scheme
        if scheme not in {"sqlite", "postgres", "postgresql"}:
            raise SettingError(
                name, f"expected sqlite:///path or postgresql://…, got scheme {scheme or '(none)'!r}"
            )
        if scheme != "sqlite" and not urlsplit(raw).hostname and "host=" not in raw:
            raise SettingError(name, "a PostgreSQL URL needs a host")
        return raw

    def email_url(self, name: Text, default: Text) -> dict[Text, object]:
        """Parse an email URL: console:, file:///dir, locmem:, smtp://user:pass@host:port, smtps://…

        smtp:// (and smtp+tls://) use STARTTLS, smtps:// implicit TLS; smtp+plain:// sends in the
        clear and is meant for a relay on the same machine.
        """
        raw = self._raw(name) or default
        parts = urlsplit(raw)
        if parts.scheme == "console":
            return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if parts.scheme == "locmem":
            return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
        if parts.scheme == "file":
            if not parts.path:
                raise SettingError(name, "file: needs a directory, as file:///var/ally/mail")
            return {
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": parts.path,
            }
        if parts.scheme in {"smtp", "smtps", "smtp+tls", "smtp+plain"}:
            if not parts.hostname:
                raise SettingError(name, "an SMTP URL needs a host, as smtp://mail.example.org:587")
            try:
                port = parts.port
            except ValueError:
                raise SettingError(name, "the SMTP port is not a number") from None
            return {
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": parts.hostname,
                "EMAIL_PORT": port or {"smtps": 465, "smtp+plain": 25}.get(parts.scheme, 587),
                "EMAIL_HOST_USER": parts.username or "",
                "EMAIL_HOST_PASSWORD": parts.password or "",
                "EMAIL_USE_SSL": parts.scheme == "smtps",
                "EMAIL_USE_TLS": parts.scheme in {"smtp", "smtp+tls"},
            }
        # SECURITY: name only the scheme: the URL may hold the mail server's password.
        raise SettingError(
            name,
            f"expected console:, locmem:, file:///dir or smtp://host:port, "
            f"got scheme {parts.scheme or '(none)'!r}",
        )

    def path(self, name: Text, default: Path) -> Path:
        raw = self._raw(name)
        return default if raw is None else Path(raw).expanduser()
