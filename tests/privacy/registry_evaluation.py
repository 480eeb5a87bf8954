"""Pages and API operations of the evaluation part of reporting, classified (merged into tests.privacy.registry)."""

from __future__ import annotations

from typing import Any

URLS: dict[str, Any] = {}
API: dict[tuple[str, str], Any] = {}
