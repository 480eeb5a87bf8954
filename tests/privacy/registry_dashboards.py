"""Pages and API operations of the dashboards part of reporting, classified (merged into tests.privacy.registry).

The dashboards are task-force aggregates: every participant reads them, the auditor included; a
member of another task force gets their own task force's dashboard (200); people outside any
task force 404. A period that does not exist: 400 for readers (after the access check); an
unknown section: 404. Periods are whole fiscal years ("FY2025"); "last4"/"last8" are refused (400). No dashboard may carry a sentinel: it counts records, never shows them.
"""

from __future__ import annotations

from typing import Any

from tests.privacy.registry import ApiCase, Case, api_expect, expect

READERS = expect(200, outsider=404)
BAD_PERIOD = expect(400, outsider=404)

URLS: dict[str, Any] = {
    "dashboard": [
        Case("GET", expected=READERS),
        Case("GET", data=lambda w: {"period": "FY2025"}, expected=READERS),
        Case("GET", data=lambda w: {"period": "last8"}, expected=BAD_PERIOD),
        Case("GET", data=lambda w: {"period": "FY1900"}, expected=BAD_PERIOD),
    ],
}

API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/dashboard"): [
        ApiCase(lambda w: "/api/v1/dashboard", api_expect(200, outsider=404)),
        ApiCase(lambda w: "/api/v1/dashboard?period=soon", api_expect(400, outsider=404)),
        ApiCase(lambda w: "/api/v1/dashboard?period=last4", api_expect(400, outsider=404)),
    ],
    ("GET", "/api/v1/dashboards/{section}"): [
        ApiCase(lambda w, section=section: f"/api/v1/dashboards/{section}", api_expect(200, outsider=404))
        for section in ("survivors", "services", "referrals", "investigations", "labor_sex", "victims_arrested",
                        "regions", "training")
    ] + [ApiCase(lambda w: "/api/v1/dashboards/people", api_expect(404))],
}
