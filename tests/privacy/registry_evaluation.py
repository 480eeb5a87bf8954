"""Pages and API operations of the evaluation part of reporting, classified (merged into tests.privacy.registry).

The de-identified evaluation extract is the coordinator's alone: every other participant of the
task force (the auditor and the other task force's administrator included) gets 403, a person
outside any task force 404. Its ZIP holds no sentinel (tests/evaluation/test_privacy_world.py
unpacks it: the harness cannot read inside a compressed file).
"""

from __future__ import annotations

from typing import Any

from tests.privacy.registry import ApiCase, Case, api_only, only

COORDINATOR_ONLY = only({"coordinator"}, 200, 403, outsider=404)

URLS: dict[str, Any] = {
    "evaluation_home": [
        Case("GET", expected=COORDINATOR_ONLY),
        Case("GET", data=lambda w: {"k": "2", "first_year": "FY2020", "last_year": ""}, expected=COORDINATOR_ONLY),
    ],
    "evaluation_download": [
        Case("GET", data=lambda w: {"k": "2"}, expected=COORDINATOR_ONLY),
    ],
}

API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/evaluation/extract"): [
        ApiCase(lambda w: "/api/v1/evaluation/extract?k=2", api_only({"coordinator"}, 200, 403, outsider=404)),
    ],
}
