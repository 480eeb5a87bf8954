"""Pages and API operations of the reports part of reporting, classified (merged into tests.privacy.registry).

- The task force's quarterly report (pages, downloads, API): every participant, the auditor
  included (aggregates only, small counts hidden); a member of another task force gets their own
  task force's report (200); people outside any task force 404.
- An organization's own exact report: that organization's supervisors and administrators; its
  other members 403; everyone else 404.
- A quarter that does not exist: 400 for those who may read reports (after the access check).
No report may carry a sentinel: they count records, never show them.
"""

from __future__ import annotations

from typing import Any

from ally.access.survivors import today_in
from ally.core.fiscal import FiscalQuarter
from tests.privacy.registry import ApiCase, Case, api_expect, api_only, expect, only
from tests.privacy.world import World

# The VSP's supervisors and administrator (co_lead_vs is one of its supervisors); the advocate
# is its plain member.
VSP_REPORTERS = {"co_lead_vs", "vsp_supervisor", "vsp_admin"}
TASK_FORCE_REPORT = expect(200, outsider=404)
VSP_REPORT = only(VSP_REPORTERS, 200, 404, advocate=403)
BAD_QUARTER = expect(400, outsider=404)


def _quarter(w: World) -> str:
    return str(FiscalQuarter.containing(today_in(w.tf.pk)))


def _tf(fmt: str | None = None, quarter: Any = _quarter) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        out: dict[str, Any] = {"catalogue": "ovc", "quarter": quarter(w) if callable(quarter) else quarter}
        if fmt:
            out["fmt"] = fmt
        return out

    return kwargs


def _org(fmt: str | None = None, quarter: Any = _quarter, catalogue: str = "ovc") -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        out: dict[str, Any] = {
            "catalogue": catalogue,
            "quarter": quarter(w) if callable(quarter) else quarter,
            "organization_id": w.orgs["vsp"].pk,
        }
        if fmt:
            out["fmt"] = fmt
        return out

    return kwargs


URLS: dict[str, Any] = {
    "report_index": [
        Case("GET", expected=TASK_FORCE_REPORT),
        Case("GET", data=lambda w: {"catalogue": "ovc", "quarter": "FY2026Q9", "scope": "task_force"}, expected=BAD_QUARTER),
    ],
    "report_task_force": [
        Case("GET", kwargs=_tf(), expected=TASK_FORCE_REPORT),
        Case("GET", kwargs=_tf(quarter="2026Q1"), expected=BAD_QUARTER),
    ],
    "report_task_force_download": [
        Case("GET", kwargs=_tf("csv"), expected=TASK_FORCE_REPORT),
        Case("GET", kwargs=_tf("json"), expected=TASK_FORCE_REPORT),
    ],
    "report_organization": [
        Case("GET", kwargs=_org(), expected=VSP_REPORT),
        Case("GET", kwargs=_org(quarter="next"), expected=only(VSP_REPORTERS, 400, 404, advocate=403)),
    ],
    "report_organization_download": [
        Case("GET", kwargs=_org("csv"), expected=VSP_REPORT),
        Case("GET", kwargs=_org("json"), expected=VSP_REPORT),
    ],
}


def _api_tf(quarter: Any = _quarter) -> Any:
    return lambda w: f"/api/v1/reports/ovc/{quarter(w) if callable(quarter) else quarter}"


API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/reports/catalogues"): [ApiCase(lambda w: "/api/v1/reports/catalogues", api_expect(200, outsider=404))],
    ("GET", "/api/v1/reports/{catalogue}/{quarter}"): [
        ApiCase(_api_tf(), api_expect(200, outsider=404)),
        ApiCase(lambda w: f"{_api_tf()(w)}?organization_id={w.orgs['vsp'].pk}", api_only(VSP_REPORTERS, 200, 404, advocate=403)),
        ApiCase(_api_tf("FY26Q1"), api_expect(400, outsider=404)),
    ],
}
