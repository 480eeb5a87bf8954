"""Pages and API operations of the htcds part of reporting, classified (merged into tests.privacy.registry).

HTCDS interchange moves an organization's identifying client records: its administrators only
(200, or DONE / 201 for an import); the organization's other members 403; everyone else 404 —
coordinator and auditor included, as for anything outside their own organization. The exported
file of the VSP holds its client (SENTINEL-CLIENT-NAME, -PHONE), which only its administrator
receives here; it never holds another organization's records.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.privacy.registry import DONE, ApiCase, Case, api_only, only

VSP_MEMBERS = {"advocate", "vsp_supervisor", "co_lead_vs"}
POLICE_MEMBERS = {"investigator_local"}
IMPORT_CSV = b"prs_FirstName,prs_SecondName,prs_Gender\nHarness,Import,Feminine\n"


def _admins(admin: str, members: set[str], answer: Any) -> dict[str, Any]:
    table = only({admin}, answer, 404)
    table.update({p: 403 for p in members})
    return table


def _api_admins(admin: str, members: set[str], answer: Any) -> dict[str, Any]:
    table = api_only({admin}, answer, 404)
    table.update({p: 403 for p in members})
    return table


URLS: dict[str, Any] = {
    "htcds_interchange": [
        Case("GET", kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk}, expected=_admins("vsp_admin", VSP_MEMBERS, 200)),
        Case("GET", kwargs=lambda w: {"organization_id": w.orgs["police"].pk}, expected=_admins("police_admin", POLICE_MEMBERS, 200)),
        Case(
            "POST",
            kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk},
            data=lambda w: {"file": SimpleUploadedFile("clients.csv", IMPORT_CSV, content_type="text/csv")},
            expected=_admins("vsp_admin", VSP_MEMBERS, DONE),
        ),
        # A police department keeps no client records: its admin is told so on the page (200).
        Case(
            "POST",
            kwargs=lambda w: {"organization_id": w.orgs["police"].pk},
            data=lambda w: {"file": SimpleUploadedFile("clients.csv", IMPORT_CSV, content_type="text/csv")},
            expected=_admins("police_admin", POLICE_MEMBERS, 200),
        ),
    ],
    "htcds_export": [
        Case("GET", kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk, "fmt": "csv"}, expected=_admins("vsp_admin", VSP_MEMBERS, 200)),
        Case("GET", kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk, "fmt": "xlsx"}, expected=_admins("vsp_admin", VSP_MEMBERS, 200)),
        Case("GET", kwargs=lambda w: {"organization_id": w.orgs["other"].pk, "fmt": "csv"}, expected=only({"other_task_force"}, 200, 404)),
    ],
}

API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/organizations/{organization_id}/htcds/export"): [
        ApiCase(lambda w: f"/api/v1/organizations/{w.orgs['vsp'].pk}/htcds/export?format=csv", _api_admins("vsp_admin", VSP_MEMBERS, 200)),
        ApiCase(lambda w: f"/api/v1/organizations/{w.orgs['police'].pk}/htcds/export", _api_admins("police_admin", POLICE_MEMBERS, 200)),
    ],
    ("POST", "/api/v1/organizations/{organization_id}/htcds/import"): [
        ApiCase(
            lambda w: f"/api/v1/organizations/{w.orgs['vsp'].pk}/htcds/import",
            _api_admins("vsp_admin", VSP_MEMBERS, 201),
            files=lambda w: {"file": ("clients.csv", IMPORT_CSV)},
        ),
    ],
}
