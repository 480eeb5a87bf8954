"""Pages and API operations of ally.outreach, classified (merged into tests.privacy.registry).

Records are those of ``tests.privacy.world_outreach``: a survivor leader linked to the
``survivor_leader`` persona, an engagement, feedback and its response, a planned survivor-led
event in the South region, and the South region's threat assessment (navigator: North only).

- Survivor leaders: the coordinator; the survivor leader reads their own entry (403 on changes).
  Everybody else 404, co-leads included: being listed says someone survived trafficking.
- Feedback: leadership and the survivor leader (their own); other members 403 on the list and
  the submit form, 404 on an item. Only the survivor leader submits; only leadership responds.
- Events: colleagues read (auditor 403); leadership changes a South event (the North navigator
  403). Attendance by region: counts only, every participant, the auditor too.
- Threat assessment: leadership, navigators, investigating and prosecuting members read; others
  403; leadership (and the region's navigator) write.
"""

from __future__ import annotations

from typing import Any

from ally.access.survivors import today_in
from ally.core.fiscal import fiscal_year
from tests.privacy.registry import (
    DONE,
    TF_PERSONAS,
    ApiCase,
    Case,
    Expected,
    api_only,
    only,
)
from tests.privacy.world import World
from tests.privacy.world_outreach import (
    ASSESSMENT_READERS,
    COLLEAGUES,
    FEEDBACK_READERS,
    LEADERSHIP,
)

LEADER_AREA = {"coordinator", "survivor_leader"}


def _pk(key: str) -> Any:
    return lambda w: w.records[key].pk


def _today(w: World) -> str:
    return today_in(w.tf.pk).isoformat()


def _coordinator_only(answer: Expected) -> dict[str, Expected]:
    """A change to a survivor-leader record: the coordinator; the leader 403; others 404."""
    return only({"coordinator"}, answer, 404, survivor_leader=403)


def _leader_change(name: str, kwarg: str, record: str, data: Any) -> list[Case]:
    kwargs = (lambda w: {kwarg: w.records[record].pk}) if kwarg else (lambda w: {})
    return [
        Case("GET", kwargs=kwargs, expected=_coordinator_only(200)),
        Case("POST", kwargs=kwargs, data=data, expected=_coordinator_only(DONE)),
    ]


def _event_change(data: Any) -> list[Case]:
    kwargs = lambda w: {"event_id": w.records["outreach_event"].pk}  # noqa: E731
    return [
        Case("GET", kwargs=kwargs, expected=only(LEADERSHIP, 200, 403, outsider=404, other_task_force=404)),
        Case("POST", kwargs=kwargs, data=data, expected=only(LEADERSHIP, DONE, 403, outsider=404, other_task_force=404)),
    ]


def _assessment_change(kwarg: str, record: str, data: Any) -> list[Case]:
    kwargs = lambda w: {kwarg: w.records[record].pk}  # noqa: E731
    return [
        Case("GET", kwargs=kwargs, expected=only(LEADERSHIP, 200, 403, outsider=404, other_task_force=404)),
        Case("POST", kwargs=kwargs, data=data, expected=only(LEADERSHIP, DONE, 403, outsider=404, other_task_force=404)),
    ]


ENGAGEMENT_FORM = lambda w: {  # noqa: E731
    "kind": "advisory_meeting", "occurred_on": _today(w), "hours": "1.5", "compensation": "112.50", "notes": "",
}

URLS: dict[str, Any] = {
    "survivor_leader_list": [Case("GET", expected=only(LEADER_AREA, 200, 404))],
    "survivor_leader_create": _leader_change(
        "survivor_leader_create", "", "", lambda w: {"name": "New Leader", "kind": "consultant", "started_on": _today(w)}
    ),
    "survivor_leader_detail": [
        Case("GET", kwargs=lambda w: {"leader_id": w.records["survivor_leader"].pk}, expected=only(LEADER_AREA, 200, 404))
    ],
    "survivor_leader_edit": _leader_change(
        "survivor_leader_edit", "leader_id", "survivor_leader",
        lambda w: {"name": "Renamed", "kind": "advisor", "started_on": _today(w), "user": w.users["survivor_leader"].pk},
    ),
    "engagement_create": _leader_change("engagement_create", "leader_id", "survivor_leader", ENGAGEMENT_FORM),
    "engagement_edit": _leader_change("engagement_edit", "engagement_id", "engagement", ENGAGEMENT_FORM),
    "feedback_record": _leader_change(
        "feedback_record", "leader_id", "survivor_leader",
        lambda w: {"topic": "Phone call", "text": "Told by phone.", "received_on": _today(w)},
    ),
    "feedback_list": [
        Case("GET", expected=only(FEEDBACK_READERS, 200, 403, outsider=404)),
    ],
    "feedback_submit": [
        Case("GET", expected=only({"survivor_leader"}, 200, 403, outsider=404)),
        Case("POST", data=lambda w: {"topic": "More", "text": "More feedback."},
             expected=only({"survivor_leader"}, DONE, 403, outsider=404)),
    ],
    "feedback_detail": [
        Case("GET", kwargs=lambda w: {"feedback_id": w.records["feedback"].pk}, expected=only(FEEDBACK_READERS, 200, 404)),
    ],
    "feedback_respond": [
        Case("GET", kwargs=lambda w: {"feedback_id": w.records["feedback"].pk},
             expected=only(LEADERSHIP, 200, 404, survivor_leader=403)),
        Case("POST", kwargs=lambda w: {"feedback_id": w.records["feedback"].pk}, data=lambda w: {"response": "Revised."},
             expected=only(LEADERSHIP, DONE, 404, survivor_leader=403)),
    ],
    "outreach_list": [Case("GET", expected=only(COLLEAGUES | {"other_task_force"}, 200, 403, outsider=404))],
    "outreach_create": [
        Case("GET", expected=only(LEADERSHIP | {"navigator"}, 200, 403, outsider=404)),
        Case(
            "POST",
            data=lambda w: {"kind": "awareness", "title": "Library talk", "occurred_on": _today(w), "region": w.regions["south"].pk},
            # The North navigator cannot choose the South region: the form comes back.
            expected=only(LEADERSHIP, DONE, 403, outsider=404, navigator=200),
        ),
    ],
    "outreach_by_region": [Case("GET", expected=only(set(TF_PERSONAS) | {"other_task_force"}, 200, 404))],
    "outreach_detail": [
        Case("GET", kwargs=lambda w: {"event_id": w.records["outreach_event"].pk},
             expected=only(COLLEAGUES, 200, 403, outsider=404, other_task_force=404)),
    ],
    "outreach_edit": _event_change(
        lambda w: {"kind": "art", "title": "Art night", "occurred_on": _today(w), "region": w.regions["south"].pk, "survivor_led": "on"}
    ),
    "outreach_held": _event_change(lambda w: {"occurred_on": _today(w), "attendance": "25"}),
    "outreach_cancel": _event_change(lambda w: {}),
    "threat_assessment_list": [
        Case("GET", expected=only(ASSESSMENT_READERS | {"other_task_force"}, 200, 403, outsider=404)),
    ],
    "threat_assessment_create": [
        Case("GET", expected=only(LEADERSHIP | {"navigator"}, 200, 403, outsider=404)),
        Case(
            "POST",
            data=lambda w: {"region": w.regions["north"].pk, "fiscal_year": fiscal_year(today_in(w.tf.pk)), "notes": ""},
            expected=only(LEADERSHIP | {"navigator"}, DONE, 403, outsider=404),
        ),
    ],
    "threat_assessment_detail": [
        Case("GET", kwargs=lambda w: {"assessment_id": w.records["threat_assessment"].pk},
             expected=only(ASSESSMENT_READERS, 200, 403, outsider=404, other_task_force=404)),
    ],
    "threat_assessment_edit": _assessment_change("assessment_id", "threat_assessment", lambda w: {"notes": "Revised."}),
    "assessed_industry_create": _assessment_change(
        "assessment_id", "threat_assessment", lambda w: {"naics_code": "111", "factors": ["isolation"]}
    ),
    "assessed_industry_edit": _assessment_change(
        "industry_id", "assessed_industry", lambda w: {"workers": "650", "factors": ["h2a_visa"], "notes": "Revised."}
    ),
}


def _api_leader(answer: Expected) -> dict[str, Expected]:
    return api_only({"coordinator"}, answer, 404, survivor_leader=403)


def _api_event(answer: Expected) -> dict[str, Expected]:
    return api_only(LEADERSHIP, answer, 403, outsider=404, other_task_force=404)


_EVENT = lambda w: f"/api/v1/outreach-events/{w.records['outreach_event'].pk}"  # noqa: E731
_ASSESSMENT = lambda w: f"/api/v1/threat-assessments/{w.records['threat_assessment'].pk}"  # noqa: E731
_LEADER = lambda w: f"/api/v1/survivor-leaders/{w.records['survivor_leader'].pk}"  # noqa: E731

API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/survivor-leaders"): [ApiCase(lambda w: "/api/v1/survivor-leaders", api_only(LEADER_AREA, 200, 404))],
    ("POST", "/api/v1/survivor-leaders"): [
        ApiCase(lambda w: "/api/v1/survivor-leaders", _api_leader(201),
                body=lambda w: {"name": "New Leader", "kind": "consultant", "started_on": _today(w)}),
    ],
    ("GET", "/api/v1/survivor-leaders/{leader_id}"): [ApiCase(_LEADER, api_only(LEADER_AREA, 200, 404))],
    ("PATCH", "/api/v1/survivor-leaders/{leader_id}"): [
        ApiCase(_LEADER, _api_leader(200), body=lambda w: {"expertise": ["peer support"]}),
    ],
    ("GET", "/api/v1/survivor-leaders/{leader_id}/engagements"): [
        ApiCase(lambda w: _LEADER(w) + "/engagements", api_only(LEADER_AREA, 200, 404)),
    ],
    ("POST", "/api/v1/survivor-leaders/{leader_id}/engagements"): [
        ApiCase(lambda w: _LEADER(w) + "/engagements", _api_leader(201),
                body=lambda w: {"kind": "training", "occurred_on": _today(w), "hours": "3", "compensation": "225.00"}),
    ],
    ("PATCH", "/api/v1/engagements/{engagement_id}"): [
        ApiCase(lambda w: f"/api/v1/engagements/{w.records['engagement'].pk}", _api_leader(200), body=lambda w: {"hours": "3"}),
    ],
    ("GET", "/api/v1/engagement-totals"): [ApiCase(lambda w: "/api/v1/engagement-totals", api_only(LEADER_AREA, 200, 404))],
    ("GET", "/api/v1/feedback"): [ApiCase(lambda w: "/api/v1/feedback", api_only(FEEDBACK_READERS, 200, 403, outsider=404))],
    ("POST", "/api/v1/feedback"): [
        ApiCase(lambda w: "/api/v1/feedback", api_only({"survivor_leader"}, 201, 403, outsider=404),
                body=lambda w: {"topic": "More", "text": "More feedback."}),
    ],
    ("POST", "/api/v1/survivor-leaders/{leader_id}/feedback"): [
        ApiCase(lambda w: _LEADER(w) + "/feedback", _api_leader(201), body=lambda w: {"topic": "Call", "text": "By phone."}),
    ],
    ("GET", "/api/v1/feedback/{feedback_id}"): [
        ApiCase(lambda w: f"/api/v1/feedback/{w.records['feedback'].pk}", api_only(FEEDBACK_READERS, 200, 404)),
    ],
    ("POST", "/api/v1/feedback/{feedback_id}/response"): [
        ApiCase(lambda w: f"/api/v1/feedback/{w.records['feedback'].pk}/response",
                api_only(LEADERSHIP, 200, 404, survivor_leader=403), body=lambda w: {"response": "Revised."}),
    ],
    ("GET", "/api/v1/outreach-events"): [
        ApiCase(lambda w: "/api/v1/outreach-events", api_only(COLLEAGUES | {"other_task_force"}, 200, 403, outsider=404)),
    ],
    ("POST", "/api/v1/outreach-events"): [
        ApiCase(
            lambda w: "/api/v1/outreach-events",
            # The region is named by id: outside the task force it is a mistake in the input (400).
            api_only(LEADERSHIP, 201, 403, outsider=404, other_task_force=400),
            body=lambda w: {"kind": "awareness", "title": "Library talk", "occurred_on": _today(w), "region_id": w.regions["south"].pk},
        ),
    ],
    ("GET", "/api/v1/outreach-events/{event_id}"): [
        ApiCase(_EVENT, api_only(COLLEAGUES, 200, 403, outsider=404, other_task_force=404)),
    ],
    ("PATCH", "/api/v1/outreach-events/{event_id}"): [ApiCase(_EVENT, _api_event(200), body=lambda w: {"title": "Art night"})],
    ("POST", "/api/v1/outreach-events/{event_id}/held"): [
        ApiCase(lambda w: _EVENT(w) + "/held", _api_event(200), body=lambda w: {"attendance": 25}),
    ],
    ("POST", "/api/v1/outreach-events/{event_id}/cancel"): [ApiCase(lambda w: _EVENT(w) + "/cancel", _api_event(200))],
    ("GET", "/api/v1/outreach-attendance"): [
        ApiCase(lambda w: "/api/v1/outreach-attendance", api_only(set(TF_PERSONAS) | {"other_task_force"}, 200, 404)),
    ],
    ("GET", "/api/v1/naics"): [ApiCase(lambda w: "/api/v1/naics", api_only(set(TF_PERSONAS) | {"other_task_force", "outsider"}, 200, 401))],
    ("GET", "/api/v1/vulnerability-factors"): [
        ApiCase(lambda w: "/api/v1/vulnerability-factors", api_only(set(TF_PERSONAS) | {"other_task_force", "outsider"}, 200, 401)),
    ],
    ("GET", "/api/v1/threat-assessments"): [
        ApiCase(lambda w: "/api/v1/threat-assessments", api_only(ASSESSMENT_READERS | {"other_task_force"}, 200, 403, outsider=404)),
    ],
    ("POST", "/api/v1/threat-assessments"): [
        ApiCase(
            lambda w: "/api/v1/threat-assessments",
            api_only(LEADERSHIP | {"navigator"}, 201, 403, outsider=404, other_task_force=400),
            body=lambda w: {"region_id": w.regions["north"].pk, "fiscal_year": fiscal_year(today_in(w.tf.pk))},
        ),
    ],
    ("GET", "/api/v1/threat-assessments/{assessment_id}"): [
        ApiCase(_ASSESSMENT, api_only(ASSESSMENT_READERS, 200, 403, outsider=404, other_task_force=404)),
    ],
    ("PATCH", "/api/v1/threat-assessments/{assessment_id}"): [
        ApiCase(_ASSESSMENT, _api_event(200), body=lambda w: {"notes": "Revised."}),
    ],
    ("POST", "/api/v1/threat-assessments/{assessment_id}/industries"): [
        ApiCase(lambda w: _ASSESSMENT(w) + "/industries", _api_event(201), body=lambda w: {"naics_code": "111", "factors": ["isolation"]}),
    ],
    ("PATCH", "/api/v1/assessed-industries/{industry_id}"): [
        ApiCase(lambda w: f"/api/v1/assessed-industries/{w.records['assessed_industry'].pk}", _api_event(200),
                body=lambda w: {"workers": 650}),
    ],
}
