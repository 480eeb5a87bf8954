"""Pages and API operations of ally.trainings, classified (merged into tests.privacy.registry).

Records are those of ``tests.privacy.world_trainings``.

- Sessions and the roadmap: colleagues read (the other task force its own, empty lists; its
  records 404), the auditor 403, outsiders 404.
- Leadership records, cancels and records attendance; the VSP's admin does the same for the
  session the VSP delivers (403 for the police admin: not theirs). Recording needs leadership or
  an organization's admin (the other task force's admin opens the form of their own task force).
- Training records: the person, their organization's supervisors and admins, the coordinator;
  404 for anybody else. "My record", the records list and the coverage view answer every
  participant (the auditor included: coverage is counts only).
- The roadmap: leadership writes (the completed year is read-only: 403 on its rating form).
"""

from __future__ import annotations

from typing import Any

from ally.access.survivors import today_in
from ally.trainings.actions import fiscal_year
from tests.privacy.registry import DONE, TF_PERSONAS, ApiCase, Case, api_only, only
from tests.privacy.world import World
from tests.privacy.world_trainings import (
    ADVOCATE_RECORD,
    COLLEAGUES,
    INVESTIGATOR_RECORD,
    LEADERSHIP,
    MANAGERS,
    NAVIGATOR_RECORD,
)

RECORDERS = LEADERSHIP | {"vsp_admin", "police_admin"}


def _held(w: World) -> dict[str, Any]:
    return {"session_id": w.records["training_held"].pk}


def _planned(w: World) -> dict[str, Any]:
    return {"session_id": w.records["training_planned"].pk}


def _current(w: World) -> dict[str, Any]:
    return {"assessment_id": w.records["roadmap_current"].pk}


def _last(w: World) -> dict[str, Any]:
    return {"assessment_id": w.records["roadmap_last"].pk}


def _session_form(w: World) -> dict[str, Any]:
    day = today_in(w.tf.pk)
    return {
        "title": "Screening tools", "topics": ["screening_tools"], "disciplines": ["victim_services"],
        "trainer_name": "Ms. Tool", "trainer_organization": w.orgs["vsp"].pk, "held_on": day.isoformat(),
        "hours": "1.5", "delivered_to": "task_force", "external_attendees": "0",
    }


def _next_year(w: World) -> int:
    return fiscal_year(today_in(w.tf.pk)) + 1


def _rating_form(w: World) -> dict[str, Any]:
    return {"collaboration-shared_mission-stage": "3", "collaboration-shared_mission-goal_stage": "4",
            "collaboration-shared_mission-goal": "Keep going"}


# Colleagues read; the other task force reaches its own (empty) lists.
READ_LIST = only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200)
READ_RECORD = only(COLLEAGUES, 200, 403, outsider=404, other_task_force=404)
EVERY_PARTICIPANT = only(TF_PERSONAS, 200, 404, other_task_force=200)
MANAGE = only(MANAGERS, 200, 403, outsider=404, other_task_force=404, auditor=403)
MANAGE_DONE = only(MANAGERS, DONE, 403, outsider=404, other_task_force=404, auditor=403)
LEAD_WRITE = only(LEADERSHIP, 200, 403, outsider=404, other_task_force=404)
LEAD_DONE = only(LEADERSHIP, DONE, 403, outsider=404, other_task_force=404)

URLS: dict[str, Any] = {
    "training_list": [Case("GET", expected=READ_LIST)],
    "training_create": [
        Case("GET", expected=only(RECORDERS | {"other_task_force"}, 200, 403, outsider=404)),
        # The police admin and the other task force's admin cannot name the VSP: the form says so.
        Case("POST", data=_session_form,
             expected=only(LEADERSHIP | {"vsp_admin"}, DONE, 403, outsider=404, police_admin=200, other_task_force=200)),
    ],
    "training_detail": [
        Case("GET", kwargs=_held, expected=READ_RECORD),
        Case("GET", kwargs=_planned, expected=READ_RECORD),
    ],
    "training_cancel": [
        Case("GET", kwargs=_held, expected=MANAGE),
        Case("POST", kwargs=_held, expected=MANAGE_DONE),
    ],
    "training_attendance": [
        Case("GET", kwargs=_held, expected=MANAGE),
        Case("POST", kwargs=_held, data=lambda w: {"people": [w.users["survivor_leader"].pk], "external_attendees": "9"},
             expected=MANAGE_DONE),
        # Not held yet: the form refuses (leadership manage it; it has no trainer organization).
        Case("POST", kwargs=_planned, data=lambda w: {"people": [w.users["survivor_leader"].pk]},
             expected=only(LEADERSHIP, 200, 403, outsider=404, other_task_force=404)),
    ],
    "training_coverage": [Case("GET", expected=EVERY_PARTICIPANT)],
    "my_training_record": [Case("GET", expected=EVERY_PARTICIPANT)],
    "training_records": [Case("GET", expected=EVERY_PARTICIPANT)],
    "training_record": [
        Case("GET", kwargs=lambda w: {"person_id": w.users["advocate"].pk}, expected=only(ADVOCATE_RECORD, 200, 404)),
        Case("GET", kwargs=lambda w: {"person_id": w.users["investigator_local"].pk},
             expected=only(INVESTIGATOR_RECORD, 200, 404)),
        Case("GET", kwargs=lambda w: {"person_id": w.users["navigator"].pk}, expected=only(NAVIGATOR_RECORD, 200, 404)),
        Case("GET", kwargs=lambda w: {"person_id": w.users["auditor"].pk}, expected=only({"auditor", "coordinator"}, 200, 404)),
    ],
    "roadmap": [Case("GET", expected=READ_LIST)],
    "roadmap_start": [
        Case("GET", expected=only(LEADERSHIP, 200, 403, outsider=404)),
        Case("POST", data=lambda w: {"year": str(_next_year(w))}, expected=only(LEADERSHIP, DONE, 403, outsider=404)),
    ],
    "roadmap_assessment": [
        Case("GET", kwargs=_current, expected=READ_RECORD),
        Case("GET", kwargs=_last, expected=READ_RECORD),
    ],
    "roadmap_rate": [
        Case("GET", kwargs=lambda w: {**_current(w), "area": "collaboration"}, expected=LEAD_WRITE),
        Case("POST", kwargs=lambda w: {**_current(w), "area": "collaboration"}, data=_rating_form, expected=LEAD_DONE),
        # The completed year is read-only, for leadership too.
        Case("GET", kwargs=lambda w: {**_last(w), "area": "collaboration"},
             expected=only(LEADERSHIP, 403, 403, outsider=404, other_task_force=404)),
    ],
    "roadmap_complete": [
        # Pre-filled from last year's, every element is rated: it completes.
        Case("POST", kwargs=_current, expected=LEAD_DONE),
    ],
}

API_READ_LIST = api_only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200)
API_READ = api_only(COLLEAGUES, 200, 403, outsider=404, other_task_force=404)
API_EVERY_PARTICIPANT = api_only(TF_PERSONAS, 200, 404, other_task_force=200)


def _api_session(w: World, suffix: str = "") -> str:
    return f"/api/v1/trainings/{w.records['training_held'].pk}{suffix}"


def _api_assessment(w: World, suffix: str = "") -> str:
    return f"/api/v1/roadmap/assessments/{w.records['roadmap_current'].pk}{suffix}"


def _api_session_body(w: World) -> dict[str, Any]:
    return {"title": "Screening tools", "topics": ["screening_tools"], "disciplines": ["victim_services"],
            "trainer_name": "Ms. Tool", "trainer_organization_id": w.orgs["vsp"].pk,
            "held_on": today_in(w.tf.pk).isoformat(), "hours": "1.5"}


API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/trainings/topics"): [ApiCase(lambda w: "/api/v1/trainings/topics", API_READ_LIST)],
    ("GET", "/api/v1/trainings"): [ApiCase(lambda w: "/api/v1/trainings", API_READ_LIST)],
    ("POST", "/api/v1/trainings"): [
        ApiCase(lambda w: "/api/v1/trainings", body=_api_session_body,
                expected=api_only(LEADERSHIP | {"vsp_admin"}, 201, 403, outsider=404, other_task_force=400)),
    ],
    ("GET", "/api/v1/trainings/{session_id}"): [ApiCase(_api_session, API_READ)],
    ("POST", "/api/v1/trainings/{session_id}/cancel"): [
        ApiCase(lambda w: _api_session(w, "/cancel"), api_only(MANAGERS, 200, 403, outsider=404, other_task_force=404)),
    ],
    ("GET", "/api/v1/trainings/{session_id}/attendance"): [ApiCase(lambda w: _api_session(w, "/attendance"), API_READ)],
    ("POST", "/api/v1/trainings/{session_id}/attendance"): [
        ApiCase(lambda w: _api_session(w, "/attendance"), body=lambda w: {"person_ids": [w.users["survivor_leader"].pk]},
                expected=api_only(MANAGERS, 201, 403, outsider=404, other_task_force=404)),
    ],
    ("GET", "/api/v1/trainings/records/me"): [ApiCase(lambda w: "/api/v1/trainings/records/me", API_EVERY_PARTICIPANT)],
    ("GET", "/api/v1/trainings/records/{person_id}"): [
        ApiCase(lambda w: f"/api/v1/trainings/records/{w.users['advocate'].pk}", api_only(ADVOCATE_RECORD, 200, 404)),
        ApiCase(lambda w: f"/api/v1/trainings/records/{w.users['investigator_local'].pk}",
                api_only(INVESTIGATOR_RECORD, 200, 404)),
    ],
    ("GET", "/api/v1/trainings/coverage"): [ApiCase(lambda w: "/api/v1/trainings/coverage", API_EVERY_PARTICIPANT)],
    ("GET", "/api/v1/roadmap/framework"): [ApiCase(lambda w: "/api/v1/roadmap/framework", API_READ_LIST)],
    ("GET", "/api/v1/roadmap/assessments"): [ApiCase(lambda w: "/api/v1/roadmap/assessments", API_READ_LIST)],
    ("POST", "/api/v1/roadmap/assessments"): [
        ApiCase(lambda w: "/api/v1/roadmap/assessments", body=lambda w: {"year": _next_year(w)},
                expected=api_only(LEADERSHIP, 201, 403, outsider=404)),
    ],
    ("GET", "/api/v1/roadmap/assessments/{assessment_id}"): [ApiCase(_api_assessment, API_READ)],
    ("POST", "/api/v1/roadmap/assessments/{assessment_id}/ratings"): [
        ApiCase(lambda w: _api_assessment(w, "/ratings"),
                body=lambda w: {"ratings": [{"element": "collaboration.shared_mission", "stage": 4}]},
                expected=api_only(LEADERSHIP, 200, 403, outsider=404, other_task_force=404)),
    ],
    ("POST", "/api/v1/roadmap/assessments/{assessment_id}/complete"): [
        # Pre-filled from last year, every element is rated: it completes.
        ApiCase(lambda w: _api_assessment(w, "/complete"), api_only(LEADERSHIP, 200, 403, outsider=404, other_task_force=404)),
    ],
}
