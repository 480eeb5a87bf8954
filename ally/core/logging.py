"""JSON log lines and a last-line filter that strips personal data from messages."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Fields our own middleware writes: ids and route patterns, never personal data. Redacting them
# would mangle a request id whose hex digits happen to look like a phone number.
_OURS = {"request_id", "method", "route"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ().-]{7,}\d")
# Secrets that travel in paths: invitation links, password-reset keys.
_PATH_SECRET = re.compile(r"(/invite/|/password/reset/key/)[^/\s\"']+")


def redact(text: str) -> str:
    text = _PATH_SECRET.sub(r"\1[secret]", text)
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


class RedactPersonalData(logging.Filter):
    """Safety net: libraries (lockout, auth) may put a user name in a message; we remove it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            # SECURITY: Django adds the request to its error lines; its repr holds the query
            # string (searches, emails). The request id and route are logged without it.
            if key in _STANDARD or key.startswith("_") or key == "request":
                continue
            if isinstance(value, str):
                entry[key] = value if key in _OURS else redact(value)
            elif isinstance(value, (int, float, bool, type(None))):
                entry[key] = value
            else:
                entry[key] = redact(str(value))
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
