"""Pages and API operations of ally.meetings, classified (merged into tests.privacy.registry).

Records are those of ``tests.privacy.world_meetings``.

- Lists (meetings, calendar export, subcommittees, action items, decisions): every colleague
  (their own task force's for a member elsewhere); the auditor 403; outsiders 404.
- A task-force meeting, a subcommittee and a decision: every colleague reads them; leadership
  changes them (403 for other colleagues); the labor inspector, chair of the subcommittee,
  schedules its meetings and may record its decisions.
- The case review: only the five people on its attendee list (404 for everybody else, the
  coordinator and the other co-lead included; the auditor 403 as on every meeting page). Of them,
  only the victim-services co-lead who convened it changes it (403 for the other attendees).
- Action items: with their meeting; the standalone one to leadership and its owner. The owner and
  leadership (who can see it) mark one done.
"""

from __future__ import annotations

from typing import Any

from tests.privacy.registry import COLLEAGUES, DONE, ApiCase, Case, Expected, api_only, only
from tests.privacy.world import World
from tests.privacy.world_meetings import CASE_REVIEW, CHAIR, LEADERSHIP

CONVENER = {"co_lead_vs"}
LIST_TABLE = only(set(COLLEAGUES) | {"other_task_force"}, 200, 403, outsider=404)
API_LIST = api_only(set(COLLEAGUES) | {"other_task_force"}, 200, 403, outsider=404)


def _pk(key: str) -> Any:
    return lambda w: w.records[key].pk


def _m(key: str) -> Any:
    return lambda w: {"meeting_id": w.records[key].pk}


def _seen(personas: Any, answer: Expected = 200, **rest: Expected) -> dict[str, Expected]:
    """Read by ``personas``; 404 for anybody else, the auditor 403 (no meeting pages at all)."""
    return only(set(personas), answer, 404, auditor=403, **rest)


def _changed(changers: Any, readers: Any, answer: Expected) -> dict[str, Expected]:
    """Changed by ``changers``; 403 for other ``readers``; 404 for anybody else; the auditor 403."""
    table = only(set(readers), 403, 404, auditor=403)
    table.update({p: answer for p in changers})
    return table


def _api_seen(personas: Any, answer: Expected = 200) -> dict[str, Expected]:
    return api_only(set(personas), answer, 404, auditor=403)


def _api_changed(changers: Any, readers: Any, answer: Expected) -> dict[str, Expected]:
    table = api_only(set(readers), 403, 404, auditor=403)
    table.update({p: answer for p in changers})
    return table


def _lead_only(answer: Expected, *, also: Any = frozenset()) -> dict[str, Expected]:
    """Leadership (and ``also``); 403 for other working members here or elsewhere; outsiders 404."""
    return only(set(LEADERSHIP) | set(also), answer, 403, outsider=404)


def _api_lead_only(answer: Expected, *, also: Any = frozenset()) -> dict[str, Expected]:
    return api_only(set(LEADERSHIP) | set(also), answer, 403, outsider=404)


def _sub_meeting(w: World) -> dict[str, Any]:
    return {"kind": "subcommittee", "committee": w.records["committee"].pk, "title": "Next labor meeting",
            "starts_at": "2031-05-01T10:00", "ends_at": "2031-05-01T11:00"}


def _meeting_edit(w: World) -> dict[str, Any]:
    return {"title": "Changed title", "starts_at": "2031-05-01T10:00", "ends_at": "2031-05-01T11:00"}


URLS: dict[str, Any] = {
    "meeting_list": [Case("GET", expected=LIST_TABLE)],
    "meeting_calendar": [Case("GET", expected=LIST_TABLE)],
    "meeting_create": [
        Case("GET", expected=_lead_only(200, also=CHAIR)),
        Case("POST", data=_sub_meeting, expected=_lead_only(DONE, also=CHAIR)),
    ],
    "meeting_detail": [
        Case("GET", kwargs=_m("tf_meeting"), expected=_seen(COLLEAGUES)),
        Case("GET", kwargs=_m("sub_meeting"), expected=_seen(COLLEAGUES)),
        Case("GET", kwargs=_m("case_review"), expected=_seen(CASE_REVIEW)),
    ],
    "meeting_ics": [
        Case("GET", kwargs=_m("tf_meeting"), expected=_seen(COLLEAGUES)),
        Case("GET", kwargs=_m("case_review"), expected=_seen(CASE_REVIEW)),
    ],
    "meeting_edit": [
        Case("GET", kwargs=_m("tf_meeting"), expected=_changed(LEADERSHIP, COLLEAGUES, 200)),
        Case("POST", kwargs=_m("tf_meeting"), data=_meeting_edit, expected=_changed(LEADERSHIP, COLLEAGUES, DONE)),
        Case("GET", kwargs=_m("sub_meeting"), expected=_changed(LEADERSHIP | CHAIR, COLLEAGUES, 200)),
        Case("GET", kwargs=_m("case_review"), expected=_changed(CONVENER, CASE_REVIEW, 200)),
        Case("POST", kwargs=_m("case_review"), data=_meeting_edit, expected=_changed(CONVENER, CASE_REVIEW, DONE)),
    ],
    "meeting_cancel": [
        Case("POST", kwargs=_m("tf_meeting"), expected=_changed(LEADERSHIP, COLLEAGUES, DONE)),
        Case("POST", kwargs=_m("case_review"), expected=_changed(CONVENER, CASE_REVIEW, DONE)),
    ],
    "meeting_minutes": [
        Case("GET", kwargs=_m("tf_meeting"), expected=_changed(LEADERSHIP, COLLEAGUES, 200)),
        Case("POST", kwargs=_m("tf_meeting"), data=lambda w: {"minutes": "Corrected."},
             expected=_changed(LEADERSHIP, COLLEAGUES, DONE)),
        Case("GET", kwargs=_m("case_review"), expected=_changed(CONVENER, CASE_REVIEW, 200)),
        Case("POST", kwargs=_m("case_review"), data=lambda w: {"minutes": "Corrected."},
             expected=_changed(CONVENER, CASE_REVIEW, DONE)),
    ],
    "meeting_attendance": [
        Case("GET", kwargs=_m("tf_meeting"), expected=_changed(LEADERSHIP, COLLEAGUES, 200)),
        Case("POST", kwargs=_m("tf_meeting"), data=lambda w: {"people": [w.users["advocate"].pk]},
             expected=_changed(LEADERSHIP, COLLEAGUES, DONE)),
        Case("GET", kwargs=_m("case_review"), expected=_changed(CONVENER, CASE_REVIEW, 200)),
        Case("POST", kwargs=_m("case_review"), data=lambda w: {"people": [w.users["navigator"].pk]},
             expected=_changed(CONVENER, CASE_REVIEW, DONE)),
    ],
    "meeting_attendees": [
        Case("GET", kwargs=_m("tf_meeting"), expected=_changed(LEADERSHIP, COLLEAGUES, 404)),
        Case("GET", kwargs=_m("case_review"), expected=_changed(CONVENER, CASE_REVIEW, 200)),
        Case("POST", kwargs=_m("case_review"), data=lambda w: {"people": [w.users["advocate"].pk]},
             expected=_changed(CONVENER, CASE_REVIEW, DONE)),
    ],
    "meeting_case_add": [
        Case("POST", kwargs=_m("case_review"), data=lambda w: {"client": w.clients["vsp"].pk},
             expected=_seen(CASE_REVIEW, DONE)),
    ],
    "committee_list": [Case("GET", expected=LIST_TABLE)],
    "committee_create": [
        Case("GET", expected=_lead_only(200)),
        Case("POST", data=lambda w: {"name": "Protocols", "purpose": "Write them"}, expected=_lead_only(DONE)),
    ],
    "committee_detail": [Case("GET", kwargs=lambda w: {"committee_id": w.records["committee"].pk},
                              expected=_seen(COLLEAGUES))],
    "committee_edit": [
        Case("GET", kwargs=lambda w: {"committee_id": w.records["committee"].pk},
             expected=_changed(LEADERSHIP, COLLEAGUES, 200)),
        Case("POST", kwargs=lambda w: {"committee_id": w.records["committee"].pk},
             data=lambda w: {"name": "Labor trafficking", "purpose": "Farms"},
             expected=_changed(LEADERSHIP, COLLEAGUES, DONE)),
    ],
    "action_item_list": [
        Case("GET", expected=LIST_TABLE),
        Case("GET", kwargs=lambda w: {}, expected=LIST_TABLE),
    ],
    "action_item_create": [
        Case("GET", expected=_lead_only(200)),
        Case("POST", data=lambda w: {"title": "Write it", "owner": w.users["advocate"].pk, "due_on": "2031-01-01"},
             expected=_lead_only(DONE)),
    ],
    "action_item_detail": [
        Case("GET", kwargs=lambda w: {"item_id": w.records["tf_item"].pk}, expected=_seen(COLLEAGUES)),
        Case("GET", kwargs=lambda w: {"item_id": w.records["cr_item"].pk}, expected=_seen(CASE_REVIEW)),
        Case("GET", kwargs=lambda w: {"item_id": w.records["standalone_item"].pk},
             expected=_seen(LEADERSHIP | {"police_admin"})),
    ],
    "action_item_complete": [
        Case("GET", kwargs=lambda w: {"item_id": w.records["tf_item"].pk},
             expected=_changed(LEADERSHIP | {"prosecutor_da"}, COLLEAGUES, 200)),
        Case("POST", kwargs=lambda w: {"item_id": w.records["cr_item"].pk}, data=lambda w: {"note": "Done."},
             expected=_changed(CONVENER | {"advocate"}, CASE_REVIEW, DONE)),
    ],
    "decision_log": [Case("GET", expected=LIST_TABLE)],
    "decision_create": [
        Case("GET", expected=_lead_only(200, also=CHAIR)),
        Case("POST", data=lambda w: {"title": "Adopt", "rationale": "Because", "decided_on": "2031-01-01",
                                     "body": "full_task_force", "affects_all": "on"},
             expected=_lead_only(DONE)),
    ],
    "decision_detail": [Case("GET", kwargs=lambda w: {"decision_id": w.records["decision"].pk},
                             expected=_seen(COLLEAGUES))],
}


def _path(template: str, key: str) -> Any:
    return lambda w: template.format(w.records[key].pk)


API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/committees"): [ApiCase(lambda w: "/api/v1/committees", API_LIST)],
    ("POST", "/api/v1/committees"): [
        ApiCase(lambda w: "/api/v1/committees", _api_lead_only(201), body=lambda w: {"name": "API committee"}),
    ],
    ("GET", "/api/v1/meetings"): [ApiCase(lambda w: "/api/v1/meetings", API_LIST)],
    ("POST", "/api/v1/meetings"): [
        ApiCase(lambda w: "/api/v1/meetings", _api_lead_only(201), body=lambda w: {
            "kind": "full_task_force", "title": "API meeting", "starts_at": "2031-05-01T10:00:00+00:00",
            "ends_at": "2031-05-01T11:00:00+00:00"}),
    ],
    ("GET", "/api/v1/meetings/{meeting_id}"): [
        ApiCase(_path("/api/v1/meetings/{}", "tf_meeting"), _api_seen(COLLEAGUES)),
        ApiCase(_path("/api/v1/meetings/{}", "case_review"), _api_seen(CASE_REVIEW)),
    ],
    ("PATCH", "/api/v1/meetings/{meeting_id}"): [
        ApiCase(_path("/api/v1/meetings/{}", "tf_meeting"), _api_changed(LEADERSHIP, COLLEAGUES, 200),
                body=lambda w: {"location": "Room 2"}),
        ApiCase(_path("/api/v1/meetings/{}", "case_review"), _api_changed(CONVENER, CASE_REVIEW, 200),
                body=lambda w: {"location": "Room 2"}),
    ],
    ("POST", "/api/v1/meetings/{meeting_id}/cancel"): [
        ApiCase(_path("/api/v1/meetings/{}/cancel", "tf_meeting"), _api_changed(LEADERSHIP, COLLEAGUES, 200)),
        ApiCase(_path("/api/v1/meetings/{}/cancel", "case_review"), _api_changed(CONVENER, CASE_REVIEW, 200)),
    ],
    ("POST", "/api/v1/meetings/{meeting_id}/minutes"): [
        ApiCase(_path("/api/v1/meetings/{}/minutes", "tf_meeting"), _api_changed(LEADERSHIP, COLLEAGUES, 200),
                body=lambda w: {"minutes": "Corrected."}),
        ApiCase(_path("/api/v1/meetings/{}/minutes", "case_review"), _api_changed(CONVENER, CASE_REVIEW, 200),
                body=lambda w: {"minutes": "Corrected."}),
    ],
    ("POST", "/api/v1/meetings/{meeting_id}/attendance"): [
        ApiCase(_path("/api/v1/meetings/{}/attendance", "tf_meeting"), _api_changed(LEADERSHIP, COLLEAGUES, 200),
                body=lambda w: {"user_ids": [w.users["advocate"].pk]}),
        ApiCase(_path("/api/v1/meetings/{}/attendance", "case_review"), _api_changed(CONVENER, CASE_REVIEW, 400),
                body=lambda w: {"user_ids": [w.users["coordinator"].pk]}),  # off the list: refused
    ],
    ("POST", "/api/v1/meetings/{meeting_id}/attendees"): [
        ApiCase(_path("/api/v1/meetings/{}/attendees", "case_review"), _api_changed(CONVENER, CASE_REVIEW, 200),
                body=lambda w: {"user_ids": [w.users["advocate"].pk]}),
    ],
    ("GET", "/api/v1/action-items"): [ApiCase(lambda w: "/api/v1/action-items", API_LIST)],
    ("POST", "/api/v1/action-items"): [
        ApiCase(lambda w: "/api/v1/action-items", _api_lead_only(201),
                body=lambda w: {"title": "Write it", "owner_id": w.users["advocate"].pk, "due_on": "2031-01-01"}),
    ],
    ("POST", "/api/v1/action-items/{item_id}/complete"): [
        ApiCase(_path("/api/v1/action-items/{}/complete", "cr_item"),
                _api_changed(CONVENER | {"advocate"}, CASE_REVIEW, 200), body=lambda w: {"note": "Done."}),
        ApiCase(_path("/api/v1/action-items/{}/complete", "standalone_item"),
                _api_seen(LEADERSHIP | {"police_admin"}), body=lambda w: {"note": "Done."}),
    ],
    ("GET", "/api/v1/decisions"): [ApiCase(lambda w: "/api/v1/decisions?q=interpreters", API_LIST)],
    ("GET", "/api/v1/decisions/{decision_id}"): [
        ApiCase(_path("/api/v1/decisions/{}", "decision"), _api_seen(COLLEAGUES)),
    ],
    ("POST", "/api/v1/decisions"): [
        ApiCase(lambda w: "/api/v1/decisions", _api_lead_only(201), body=lambda w: {
            "title": "API decision", "rationale": "Because", "decided_on": "2031-01-01", "body": "co_leads"}),
    ],
}
