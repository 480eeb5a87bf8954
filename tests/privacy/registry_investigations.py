"""The law-enforcement and prosecution API operations, classified (merged into ``registry.API``).

Records are those of ``tests.privacy.world_investigations``: the city police's case (tip, subject,
phone, victim linked to the VSP's client, arrest, operation with a heads-up to the VSP), the
state police's case holding the same phone (a hit) and their operation 300 m away (a conflict),
and the district attorney's case from the police's referral (defendant, charge, court event).

- The law-enforcement compartment: only the agency that owns a record (404 for anybody else —
  the coordinator and co-leads included). Validating, purging and partners take the owning
  agency's supervisors or administrators (403 for its members).
- Hits and conflicts: both agencies' members; each sees its own side and the other's contact.
- Heads-ups: the sending agency and the receiving provider; only the provider acknowledges.
- Prosecutions: the office changes its case; the referring agency reads it (403 on a change).
- The statute catalogue: every participant reads (the auditor too); the coordinator changes.
- Lists answer every working member (empty when nothing is theirs): the auditor 403, outsiders 404.
- Changes whose state no longer allows them (a tip already in an investigation, a referral
  already accepted, a purge of an open case) are 409 for those who may otherwise make them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from ally.access.survivors import today_in
from tests.privacy.registry import MEMBERS, TF_PERSONAS, ApiCase, Expected, api_only
from tests.privacy.world import World
from tests.privacy.world_investigations import DA, LABOR, POLICE, STATE_POLICE, VSP

INVESTIGATING = POLICE | STATE_POLICE | {"labor_inspector"}
OFFICES = DA | {"prosecutor_usao"}
POLICE_ADMIN = {"police_admin"}
# Lists: every working member (their own, perhaps none), and a member elsewhere (their own task force's).
LIST = api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)


def _pk(key: str) -> Any:
    return lambda w: w.records[key].pk


def _police(answer: Expected, **rest: Expected) -> dict[str, Expected]:
    """Only the police who own the case (``rest``: some of them answered otherwise); nobody else
    sees it."""
    table = api_only(POLICE, answer, 404)
    table.update(rest)
    return table


def _works(answer: Expected, **rest: Expected) -> dict[str, Expected]:
    """The agencies that work the police's joint investigation (the police and the labor agency,
    its partner; ``rest``: some of them answered otherwise); nobody else sees it."""
    table = api_only(POLICE | LABOR, answer, 404)
    table.update(rest)
    return table


def _fresh(w: World, key: str) -> Any:
    record = w.records[key]
    return type(record).objects.get(pk=record.pk)


def _today(w: World) -> str:
    return today_in(w.tf.pk).isoformat()


def _later(days: int, hours: int = 0) -> str:
    return (timezone.now() + timedelta(days=days, hours=hours)).isoformat()


def _case(w: World) -> str:
    return f"/api/v1/investigations/{w.records['investigation'].pk}"


def _prosecution(w: World) -> str:
    return f"/api/v1/prosecutions/{w.records['prosecution'].pk}"


def _operation_body(w: World) -> dict[str, Any]:
    # Far from the world's operations (no conflict), a month ahead.
    return {"kind": "surveillance", "name": "Planned by API", "starts_at": _later(30), "ends_at": _later(30, 2),
            "latitude": 44.5, "longitude": -88.0, "radius_m": 100}


# An investigating agency acts (its own task force's for a member elsewhere); anybody else 403.
CREATE_LE = api_only(INVESTIGATING | {"other_task_force"}, 201, 403, outsider=404)

API: dict[tuple[str, str], list[ApiCase]] = {
    # --- tips ---
    ("GET", "/api/v1/tips"): [ApiCase(lambda w: "/api/v1/tips", LIST)],
    ("POST", "/api/v1/tips"): [
        ApiCase(lambda w: "/api/v1/tips", CREATE_LE, body=lambda w: {"source": "hotline", "narrative": "A call"}),
    ],
    ("GET", "/api/v1/tips/{tip_id}"): [ApiCase(lambda w: f"/api/v1/tips/{w.records['tip'].pk}", _police(200))],
    # The world's tip opened the police's case: it is settled (409) for the police.
    ("POST", "/api/v1/tips/{tip_id}/triage"): [
        ApiCase(lambda w: f"/api/v1/tips/{w.records['tip'].pk}/triage", _police(409), body=lambda w: {"status": "triaged"}),
    ],
    ("POST", "/api/v1/tips/{tip_id}/open-investigation"): [
        ApiCase(lambda w: f"/api/v1/tips/{w.records['tip'].pk}/open-investigation", _police(409),
                body=lambda w: {"title": "From the tip", "trafficking_type": "labor", "suspicion_basis": "The tip"}),
    ],
    ("POST", "/api/v1/tips/{tip_id}/join"): [
        ApiCase(lambda w: f"/api/v1/tips/{w.records['tip'].pk}/join", _police(409),
                body=lambda w: {"investigation_id": w.records["investigation"].pk}),
    ],
    # --- investigations ---
    ("GET", "/api/v1/investigations"): [
        ApiCase(lambda w: "/api/v1/investigations", LIST),
        ApiCase(lambda w: "/api/v1/investigations?status=all", LIST),
    ],
    ("POST", "/api/v1/investigations"): [
        ApiCase(lambda w: "/api/v1/investigations", CREATE_LE,
                body=lambda w: {"title": "New case", "trafficking_type": "sex", "suspicion_basis": "Ads and a tip"}),
    ],
    ("GET", "/api/v1/investigations/{investigation_id}"): [
        ApiCase(_case, _works(200)),
        ApiCase(lambda w: f"/api/v1/investigations/{w.records['state_investigation'].pk}",
                api_only(STATE_POLICE, 200, 404)),
    ],
    ("PATCH", "/api/v1/investigations/{investigation_id}"): [
        ApiCase(_case, _works(200), body=lambda w: {"version": _fresh(w, "investigation").version, "title": "Renamed"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/status"): [
        ApiCase(lambda w: f"{_case(w)}/status", _works(200), body=lambda w: {"status": "active"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/partners"): [
        ApiCase(lambda w: f"{_case(w)}/partners", _works(403, labor_inspector=403, police_admin=201),
                body=lambda w: {"organization_id": w.orgs["state_police"].pk, "reason": "Joint case"}),
    ],
    ("DELETE", "/api/v1/investigations/{investigation_id}/partners/{organization_id}"): [
        ApiCase(lambda w: f"{_case(w)}/partners/{w.orgs['labor'].pk}", _works(403, labor_inspector=403, police_admin=200)),
    ],
    ("GET", "/api/v1/investigations/{investigation_id}/disseminations"): [
        ApiCase(lambda w: f"{_case(w)}/disseminations", _works(200)),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/disseminations"): [
        ApiCase(lambda w: f"{_case(w)}/disseminations", _works(201),
                body=lambda w: {"what": "The phone", "reason": "Traffic stop", "to_person": "Sgt. Ortiz"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/validate"): [
        ApiCase(lambda w: f"{_case(w)}/validate", _works(403, labor_inspector=403, police_admin=200), body=lambda w: {"note": "Still active"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/purge"): [
        ApiCase(lambda w: f"{_case(w)}/purge", _works(403, labor_inspector=403, police_admin=409), body=lambda w: {"reason": "Done"}),
    ],
    # --- subjects, identifiers, victims, arrests ---
    ("GET", "/api/v1/investigations/{investigation_id}/subjects"): [
        ApiCase(lambda w: f"{_case(w)}/subjects", _works(200)),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/subjects"): [
        ApiCase(lambda w: f"{_case(w)}/subjects", _works(201), body=lambda w: {"family_name": "Doe"}),
    ],
    ("PATCH", "/api/v1/investigations/{investigation_id}/subjects/{subject_id}"): [
        ApiCase(lambda w: f"{_case(w)}/subjects/{w.records['subject'].pk}", _works(200), body=lambda w: {"notes": "Drives"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/subjects/{subject_id}/remove"): [
        ApiCase(lambda w: f"{_case(w)}/subjects/{w.records['subject'].pk}/remove", _works(200),
                body=lambda w: {"reason": "Wrong person"}),
    ],
    ("GET", "/api/v1/investigations/{investigation_id}/identifiers"): [
        ApiCase(lambda w: f"{_case(w)}/identifiers", _works(200)),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/identifiers"): [
        ApiCase(lambda w: f"{_case(w)}/identifiers", _works(201), body=lambda w: {"kind": "email", "value": "boss@example.org"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/identifiers/{identifier_id}/remove"): [
        ApiCase(lambda w: f"{_case(w)}/identifiers/{w.records['identifier'].pk}/remove", _works(200),
                body=lambda w: {"reason": "Entered in error"}),
    ],
    ("GET", "/api/v1/investigations/{investigation_id}/victims"): [
        ApiCase(lambda w: f"{_case(w)}/victims", _works(200)),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/victims"): [
        ApiCase(lambda w: f"{_case(w)}/victims", _works(201), body=lambda w: {"given_name": "Rosa"}),
    ],
    ("PATCH", "/api/v1/investigations/{investigation_id}/victims/{victim_id}"): [
        ApiCase(lambda w: f"{_case(w)}/victims/{w.records['victim'].pk}", _works(200), body=lambda w: {"languages": "Spanish"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/victims/{victim_id}/remove"): [
        ApiCase(lambda w: f"{_case(w)}/victims/{w.records['victim'].pk}/remove", _works(200),
                body=lambda w: {"reason": "Entered twice"}),
    ],
    # The client is shared with the police, not with their partner: the partner cannot link her (400).
    ("POST", "/api/v1/investigations/{investigation_id}/victims/{victim_id}/link"): [
        ApiCase(lambda w: f"{_case(w)}/victims/{w.records['victim'].pk}/link", _works(200, labor_inspector=400),
                body=lambda w: {"client_id": w.clients["vsp"].pk}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/victims/{victim_id}/unlink"): [
        ApiCase(lambda w: f"{_case(w)}/victims/{w.records['victim'].pk}/unlink", _works(200),
                body=lambda w: {"reason": "Consent withdrawn"}),
    ],
    ("GET", "/api/v1/investigations/{investigation_id}/arrests"): [
        ApiCase(lambda w: f"{_case(w)}/arrests", _works(200)),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/arrests"): [
        ApiCase(lambda w: f"{_case(w)}/arrests", _works(201),
                body=lambda w: {"subject_id": w.records["subject"].pk, "on": _today(w), "offense": "Trafficking"}),
    ],
    ("POST", "/api/v1/investigations/{investigation_id}/arrests/{arrest_id}/remove"): [
        ApiCase(lambda w: f"{_case(w)}/arrests/{w.records['arrest'].pk}/remove", _works(200),
                body=lambda w: {"reason": "Entered in error"}),
    ],
    # --- operations and heads-ups ---
    ("GET", "/api/v1/operations"): [ApiCase(lambda w: "/api/v1/operations", LIST)],
    ("POST", "/api/v1/operations"): [ApiCase(lambda w: "/api/v1/operations", CREATE_LE, body=_operation_body)],
    ("GET", "/api/v1/operations/{operation_id}"): [
        ApiCase(lambda w: f"/api/v1/operations/{w.records['operation'].pk}", _police(200)),
        ApiCase(lambda w: f"/api/v1/operations/{w.records['state_operation'].pk}", api_only(STATE_POLICE, 200, 404)),
    ],
    ("PATCH", "/api/v1/operations/{operation_id}"): [
        ApiCase(lambda w: f"/api/v1/operations/{w.records['operation'].pk}", _police(200),
                body=lambda w: {"version": _fresh(w, "operation").version, "expected_victims": 4}),
    ],
    ("POST", "/api/v1/operations/{operation_id}/status"): [
        ApiCase(lambda w: f"/api/v1/operations/{w.records['operation'].pk}/status", _police(200),
                body=lambda w: {"status": "cancelled"}),
    ],
    ("POST", "/api/v1/operations/{operation_id}/heads-ups"): [
        ApiCase(lambda w: f"/api/v1/operations/{w.records['operation'].pk}/heads-ups", _police(201),
                body=lambda w: {"to_organization_id": w.orgs["vsp2"].pk}),
    ],
    ("GET", "/api/v1/heads-ups"): [ApiCase(lambda w: "/api/v1/heads-ups", LIST)],
    ("GET", "/api/v1/heads-ups/{heads_up_id}"): [
        ApiCase(lambda w: f"/api/v1/heads-ups/{w.records['heads_up'].pk}", api_only(POLICE | VSP, 200, 404)),
    ],
    ("POST", "/api/v1/heads-ups/{heads_up_id}/acknowledge"): [
        ApiCase(lambda w: f"/api/v1/heads-ups/{w.records['heads_up'].pk}/acknowledge",
                api_only(VSP, 200, 404, **{p: 403 for p in POLICE})),
    ],
    # --- deconfliction ---
    ("GET", "/api/v1/hits"): [ApiCase(lambda w: "/api/v1/hits", LIST)],
    ("GET", "/api/v1/hits/{hit_id}"): [
        ApiCase(lambda w: f"/api/v1/hits/{w.records['hit'].pk}", api_only(POLICE | STATE_POLICE, 200, 404)),
    ],
    ("GET", "/api/v1/operation-conflicts"): [ApiCase(lambda w: "/api/v1/operation-conflicts", LIST)],
    ("GET", "/api/v1/operation-conflicts/{conflict_id}"): [
        ApiCase(lambda w: f"/api/v1/operation-conflicts/{w.records['conflict'].pk}", api_only(POLICE | STATE_POLICE, 200, 404)),
    ],
    # --- prosecutions ---
    ("GET", "/api/v1/prosecution-referrals"): [ApiCase(lambda w: "/api/v1/prosecution-referrals", LIST)],
    # The investigation is named in the body: one the reader does not see is a mistake in the input (400).
    ("POST", "/api/v1/prosecution-referrals"): [
        ApiCase(lambda w: "/api/v1/prosecution-referrals",
                api_only(POLICE, 201, 400, auditor=403, outsider=404, labor_inspector=403),  # a partner does not refer
                body=lambda w: {"investigation_id": w.records["investigation"].pk, "to_organization_id": w.orgs["usao"].pk}),
    ],
    ("GET", "/api/v1/prosecution-referrals/{referral_id}"): [
        ApiCase(lambda w: f"/api/v1/prosecution-referrals/{w.records['prosecution_referral'].pk}",
                api_only(POLICE | DA, 200, 404)),
    ],
    # The world's referral was accepted: no more answers (409) for the side that may give them.
    ("POST", "/api/v1/prosecution-referrals/{referral_id}/accept"): [
        ApiCase(lambda w: f"/api/v1/prosecution-referrals/{w.records['prosecution_referral'].pk}/accept",
                api_only(DA, 409, 404, **{p: 403 for p in POLICE}),
                body=lambda w: {"number": "26-CF-2", "jurisdiction": "state"}),
    ],
    ("POST", "/api/v1/prosecution-referrals/{referral_id}/decline"): [
        ApiCase(lambda w: f"/api/v1/prosecution-referrals/{w.records['prosecution_referral'].pk}/decline",
                api_only(DA, 409, 404, **{p: 403 for p in POLICE}), body=lambda w: {"reason": "priorities"}),
    ],
    ("POST", "/api/v1/prosecution-referrals/{referral_id}/withdraw"): [
        ApiCase(lambda w: f"/api/v1/prosecution-referrals/{w.records['prosecution_referral'].pk}/withdraw",
                api_only(POLICE, 409, 404, **{p: 403 for p in DA})),
    ],
    ("GET", "/api/v1/prosecutions"): [ApiCase(lambda w: "/api/v1/prosecutions", LIST)],
    ("POST", "/api/v1/prosecutions"): [
        ApiCase(lambda w: "/api/v1/prosecutions", api_only(OFFICES, 201, 403, outsider=404),
                body=lambda w: {"number": "26-CF-99", "jurisdiction": "state"}),
    ],
    ("GET", "/api/v1/prosecutions/{case_id}"): [ApiCase(_prosecution, api_only(DA | POLICE | LABOR, 200, 404))],
    ("PATCH", "/api/v1/prosecutions/{case_id}"): [
        ApiCase(_prosecution, api_only(DA, 200, 404, **{p: 403 for p in POLICE | LABOR}),
                body=lambda w: {"version": _fresh(w, "prosecution").version, "court": "Branch 3"}),
    ],
    ("GET", "/api/v1/prosecutions/{case_id}/defendants"): [
        ApiCase(lambda w: f"{_prosecution(w)}/defendants", api_only(DA | POLICE | LABOR, 200, 404)),
    ],
    ("POST", "/api/v1/prosecutions/{case_id}/defendants"): [
        ApiCase(lambda w: f"{_prosecution(w)}/defendants", api_only(DA, 201, 404, **{p: 403 for p in POLICE | LABOR}),
                body=lambda w: {"given_name": "Ray", "family_name": "Doe"}),
    ],
    ("POST", "/api/v1/prosecutions/{case_id}/defendants/{defendant_id}/remove"): [
        ApiCase(lambda w: f"{_prosecution(w)}/defendants/{w.records['defendant'].pk}/remove",
                api_only(DA, 200, 404, **{p: 403 for p in POLICE | LABOR}), body=lambda w: {"reason": "Charged elsewhere"}),
    ],
    ("GET", "/api/v1/prosecutions/{case_id}/charges"): [
        ApiCase(lambda w: f"{_prosecution(w)}/charges", api_only(DA | POLICE | LABOR, 200, 404)),
    ],
    ("POST", "/api/v1/prosecutions/{case_id}/defendants/{defendant_id}/charges"): [
        ApiCase(lambda w: f"{_prosecution(w)}/defendants/{w.records['defendant'].pk}/charges",
                api_only(DA, 201, 404, **{p: 403 for p in POLICE | LABOR}),
                body=lambda w: {"citation": "18 U.S.C. § 1591", "filed_on": _today(w)}),
    ],
    ("POST", "/api/v1/prosecutions/{case_id}/charges/{charge_id}/disposition"): [
        ApiCase(lambda w: f"{_prosecution(w)}/charges/{w.records['charge'].pk}/disposition",
                api_only(DA, 200, 404, **{p: 403 for p in POLICE | LABOR}),
                body=lambda w: {"disposition": "dismissed", "on": _today(w)}),
    ],
    ("GET", "/api/v1/prosecutions/{case_id}/court-events"): [
        ApiCase(lambda w: f"{_prosecution(w)}/court-events", api_only(DA | POLICE | LABOR, 200, 404)),
    ],
    ("POST", "/api/v1/prosecutions/{case_id}/court-events"): [
        ApiCase(lambda w: f"{_prosecution(w)}/court-events", api_only(DA, 201, 404, **{p: 403 for p in POLICE | LABOR}),
                body=lambda w: {"kind": "trial", "starts_at": _later(40), "place": "Courtroom 1"}),
    ],
    ("PATCH", "/api/v1/prosecutions/{case_id}/court-events/{event_id}"): [
        ApiCase(lambda w: f"{_prosecution(w)}/court-events/{w.records['court_event'].pk}",
                api_only(DA, 200, 404, **{p: 403 for p in POLICE | LABOR}), body=lambda w: {"place": "Courtroom 2"}),
    ],
    ("POST", "/api/v1/prosecutions/{case_id}/court-events/{event_id}/cancel"): [
        ApiCase(lambda w: f"{_prosecution(w)}/court-events/{w.records['court_event'].pk}/cancel",
                api_only(DA, 200, 404, **{p: 403 for p in POLICE | LABOR}), body=lambda w: {"reason": "Continued"}),
    ],
    ("GET", "/api/v1/prosecutions/{case_id}/victims"): [
        ApiCase(lambda w: f"{_prosecution(w)}/victims", api_only(DA | POLICE | LABOR, 200, 404)),
    ],
    # The case opened with the investigation's victims: adding the same one again is 409.
    ("POST", "/api/v1/prosecutions/{case_id}/victims"): [
        ApiCase(lambda w: f"{_prosecution(w)}/victims", api_only(DA, 409, 404, **{p: 403 for p in POLICE | LABOR}),
                body=lambda w: {"victim_id": w.records["victim"].pk}),
    ],
    # --- the statute catalogue ---
    # Public law: every participant reads it, the auditor included.
    ("GET", "/api/v1/statutes"): [ApiCase(lambda w: "/api/v1/statutes", api_only(set(TF_PERSONAS) | {"other_task_force"}, 200, 404))],
    ("POST", "/api/v1/statutes"): [
        ApiCase(lambda w: "/api/v1/statutes", api_only({"coordinator"}, 201, 403, outsider=404),
                body=lambda w: {"citation": "Wis. Stat. § 999.01", "title": "Test offense", "jurisdiction": "state",
                                "state": "WI", "category": "related"}),
    ],
    ("PATCH", "/api/v1/statutes/{statute_id}"): [
        ApiCase(lambda w: f"/api/v1/statutes/{w.records['charge'].statute_id}",
                api_only({"coordinator"}, 200, 403, outsider=404, other_task_force=404), body=lambda w: {"title": "Renamed"}),
    ],
}
