"""Pages and API operations of ally.protocols, classified (merged into tests.privacy.registry).

Records are those of ``tests.privacy.world_protocols``: a protocol binding the VSP, the city
police and the navigator role (version 2 current, acknowledged by the VSP), and an MOU between
the VSP and the police with a signed PDF.

- Protocols, templates and agreements are read by every colleague; lists answer a member of
  another task force with their own (200); the auditor 403; outsiders 404.
- Leadership (the coordinator and the co-leads) create protocols, publish versions, record,
  renew and end agreements and add documents: other colleagues and the auditor 403.
- Acknowledging for the police takes its administrator (a plain member 403); acknowledging
  personally takes a role the protocol binds (the navigator). Acknowledging for the VSP again is
  refused with a message (the page redirects; the API answers 409 to those who speak for it).
- The signed PDF: members of the parties and leadership; other colleagues 403 (they see on the
  agreement page that it exists); outsiders and other task forces 404.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from ally.access.survivors import today_in
from tests.privacy.registry import DONE, MEMBERS, ApiCase, Case, api_only, only
from tests.privacy.world import World
from tests.privacy.world_protocols import DOCUMENT_READERS, LEADERSHIP, PDF

LEADS = set(LEADERSHIP)
LIST = only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)
READ = only(MEMBERS, 200, 404, auditor=403)
LEAD_PAGE = only(LEADS, 200, 403, outsider=404, other_task_force=403)
LEAD_DONE = only(LEADS, DONE, 403, outsider=404, other_task_force=403)
LEAD_RECORD = only(LEADS, 200, 403, outsider=404, other_task_force=404)
LEAD_RECORD_DONE = only(LEADS, DONE, 403, outsider=404, other_task_force=404)
API_LIST = api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)
API_READ = api_only(MEMBERS, 200, 404, auditor=403)


def _protocol(w: World) -> dict[str, Any]:
    return {"protocol_id": w.records["protocol"].pk}


def _agreement(w: World) -> dict[str, Any]:
    return {"agreement_id": w.records["agreement"].pk}


def _today(w: World) -> str:
    return today_in(w.tf.pk).isoformat()


def _ack(w: World, as_: str) -> dict[str, Any]:
    return {"version": w.records["protocol_version"].pk, "acknowledge_as": as_}


def _record(answer: Any, **rest: Any) -> dict[str, Any]:
    """A change to one record of the task force: leadership ``answer``; colleagues and the
    auditor 403; outsiders and other task forces 404."""
    table = only(LEADS, answer, 403, outsider=404, other_task_force=404)
    table.update(rest)
    return table


URLS: dict[str, Any] = {
    "protocol_list": [Case("GET", expected=LIST)],
    "protocol_templates": [Case("GET", expected=LIST)],
    "protocol_template": [Case("GET", kwargs=lambda w: {"template_id": "media"}, expected=LIST)],
    "protocol_create": [
        Case("GET", expected=LEAD_PAGE),
        Case("GET", data=lambda w: {"template": "confidentiality"}, expected=LEAD_PAGE),
        Case(
            "POST",
            data=lambda w: {
                "topic": "media", "title": "Media", "body": "Only the coordinator speaks.",
                "effective_on": _today(w), "required_roles": ["navigator"],
            },
            expected=LEAD_DONE,
        ),
    ],
    "protocol_detail": [Case("GET", kwargs=_protocol, expected=READ)],
    "protocol_version": [
        Case("GET", kwargs=lambda w: {**_protocol(w), "number": 1}, expected=READ),
        Case("GET", kwargs=lambda w: {**_protocol(w), "number": 2}, expected=READ),
    ],
    "protocol_diff": [
        Case("GET", kwargs=_protocol, data=lambda w: {"from": 1, "to": 2}, expected=READ),
    ],
    "protocol_publish": [
        Case("GET", kwargs=_protocol, expected=LEAD_RECORD),
        Case(
            "POST", kwargs=_protocol,
            data=lambda w: {
                "body": "A third text.", "summary": "Shorter.", "effective_on": _today(w), "based_on": 2,
                "required_organizations": [w.orgs["vsp"].pk], "required_roles": ["navigator"],
            },
            expected=LEAD_RECORD_DONE,
        ),
    ],
    "protocol_acknowledge": [
        # For the police: its administrator only.
        Case("POST", kwargs=_protocol, data=lambda w: _ack(w, f"org:{w.orgs['police'].pk}"),
             expected=only({"police_admin"}, DONE, 403, outsider=404, other_task_force=404)),
        # Personally: the navigator, whose role the protocol binds.
        Case("POST", kwargs=_protocol, data=lambda w: _ack(w, "self"),
             expected=only({"navigator"}, DONE, 403, outsider=404, other_task_force=404)),
        # For the VSP, already acknowledged: those who speak for it are told so (a redirect).
        Case("POST", kwargs=_protocol, data=lambda w: _ack(w, f"org:{w.orgs['vsp'].pk}"),
             expected=only({"vsp_admin", "vsp_supervisor", "co_lead_vs"}, DONE, 403, outsider=404, other_task_force=404)),
    ],
    "agreement_list": [
        Case("GET", expected=LIST),
        Case("GET", data=lambda w: {"show": "expiring"}, expected=LIST),
    ],
    "agreements_missing": [Case("GET", expected=LIST)],
    "agreement_detail": [Case("GET", kwargs=_agreement, expected=READ)],
    "agreement_create": [
        Case("GET", expected=LEAD_PAGE),
        Case(
            "POST",
            data=lambda w: {
                "title": "Data-sharing agreement", "kind": "data_sharing",
                "parties": [w.orgs["da"].pk, w.orgs["usao"].pk], "signed_on": _today(w), "effective_on": _today(w),
            },
            expected=LEAD_DONE,
        ),
    ],
    "agreement_renew": [
        Case("GET", kwargs=_agreement, expected=_record(200)),
        Case(
            "POST", kwargs=_agreement,
            data=lambda w: {"signed_on": _today(w), "effective_on": w.records["agreement"].expires_on.isoformat(),
                            "expires_on": "2099-01-01"},
            expected=_record(DONE),
        ),
    ],
    "agreement_end": [
        Case("GET", kwargs=_agreement, expected=_record(200)),
        Case("POST", kwargs=_agreement, data=lambda w: {"ended_on": _today(w)}, expected=_record(DONE)),
    ],
    "agreement_document_add": [
        Case("GET", kwargs=_agreement, expected=_record(200)),
        Case(
            "POST", kwargs=_agreement,
            data=lambda w: {"title": "Renewal", "file": SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf")},
            expected=_record(DONE),
        ),
    ],
    "agreement_document": [
        Case("GET", kwargs=lambda w: {"document_id": w.records["agreement_document"].pk},
             expected=only(DOCUMENT_READERS, 200, 403, outsider=404, other_task_force=404)),
    ],
}


def _p(w: World) -> int:
    return int(w.records["protocol"].pk)


def _a(w: World) -> int:
    return int(w.records["agreement"].pk)


def _api_record(answer: Any) -> dict[str, Any]:
    return api_only(LEADS, answer, 403, outsider=404, other_task_force=404)


API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/protocols"): [ApiCase(lambda w: "/api/v1/protocols", API_LIST)],
    ("GET", "/api/v1/protocols-to-acknowledge"): [ApiCase(lambda w: "/api/v1/protocols-to-acknowledge", API_LIST)],
    ("GET", "/api/v1/protocol-templates"): [ApiCase(lambda w: "/api/v1/protocol-templates", API_LIST)],
    ("POST", "/api/v1/protocols"): [
        ApiCase(
            lambda w: "/api/v1/protocols",
            api_only(LEADS, 201, 403, outsider=404),
            body=lambda w: {"template_id": "media", "effective_on": _today(w), "roles": ["navigator"]},
        )
    ],
    ("GET", "/api/v1/protocols/{protocol_id}"): [ApiCase(lambda w: f"/api/v1/protocols/{_p(w)}", API_READ)],
    ("GET", "/api/v1/protocols/{protocol_id}/diff"): [
        ApiCase(lambda w: f"/api/v1/protocols/{_p(w)}/diff?from_number=1&to_number=2", API_READ)
    ],
    ("POST", "/api/v1/protocols/{protocol_id}/versions"): [
        ApiCase(
            lambda w: f"/api/v1/protocols/{_p(w)}/versions", _api_record(201),
            body=lambda w: {"body": "A third text.", "summary": "Shorter.", "effective_on": _today(w), "based_on": 2},
        )
    ],
    ("POST", "/api/v1/protocols/{protocol_id}/acknowledgements"): [
        ApiCase(
            lambda w: f"/api/v1/protocols/{_p(w)}/acknowledgements",
            api_only({"police_admin"}, 201, 403, outsider=404, other_task_force=404),
            body=lambda w: {"version_id": w.records["protocol_version"].pk, "organization_id": w.orgs["police"].pk},
        ),
        ApiCase(
            lambda w: f"/api/v1/protocols/{_p(w)}/acknowledgements",
            api_only({"navigator"}, 201, 403, outsider=404, other_task_force=404),
            body=lambda w: {"version_id": w.records["protocol_version"].pk},
        ),
        ApiCase(
            lambda w: f"/api/v1/protocols/{_p(w)}/acknowledgements",
            api_only({"vsp_admin", "vsp_supervisor", "co_lead_vs"}, 409, 403, outsider=404, other_task_force=404),
            body=lambda w: {"version_id": w.records["protocol_version"].pk, "organization_id": w.orgs["vsp"].pk},
        ),
    ],
    ("GET", "/api/v1/agreements"): [ApiCase(lambda w: "/api/v1/agreements", API_LIST)],
    ("GET", "/api/v1/organizations-without-agreement"): [
        ApiCase(lambda w: "/api/v1/organizations-without-agreement", API_LIST)
    ],
    ("POST", "/api/v1/agreements"): [
        ApiCase(
            lambda w: "/api/v1/agreements",
            api_only(LEADS, 201, 403, outsider=404),
            body=lambda w: {"title": "DSA", "kind": "data_sharing", "party_ids": [w.orgs["da"].pk],
                            "task_force_is_party": True, "signed_on": _today(w), "effective_on": _today(w)},
        )
    ],
    ("GET", "/api/v1/agreements/{agreement_id}"): [ApiCase(lambda w: f"/api/v1/agreements/{_a(w)}", API_READ)],
    ("POST", "/api/v1/agreements/{agreement_id}/renew"): [
        ApiCase(
            lambda w: f"/api/v1/agreements/{_a(w)}/renew", _api_record(200),
            body=lambda w: {"signed_on": _today(w), "effective_on": w.records["agreement"].expires_on.isoformat()},
        )
    ],
    ("POST", "/api/v1/agreements/{agreement_id}/end"): [
        ApiCase(lambda w: f"/api/v1/agreements/{_a(w)}/end", _api_record(200), body=lambda w: {"ended_on": _today(w)})
    ],
    ("GET", "/api/v1/agreement-documents/{document_id}"): [
        ApiCase(
            lambda w: f"/api/v1/agreement-documents/{w.records['agreement_document'].pk}",
            api_only(DOCUMENT_READERS, 200, 403, outsider=404, other_task_force=404),
        )
    ],
}
