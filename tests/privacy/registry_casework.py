"""Pages of the law-enforcement, deconfliction and prosecution compartments, classified.

Merged into ``tests.privacy.registry.URLS``. Records: tests/privacy/world_investigations.py.
Form pages are checked by GET (the form, or 403/404 before any form is shown) and the main
changes by POST.
"""

from __future__ import annotations

from tests.privacy.registry import DONE, Case, Rule, expect, only
from tests.privacy.world_investigations import DA, LABOR, POLICE, STATE_POLICE, VSP

NOBODY_ELSE = {"outsider": 404, "other_task_force": 404}
# Everybody with a membership in a task force (the auditor has none); lists show one's own.
MEMBERS_ONLY = expect(200, auditor=403, outsider=404)
# Lists of one's own agencies' records: the page exists for everybody in the task force.
OWN_LIST = MEMBERS_ONLY


def _case(world):
    return {"case_id": world.records["prosecution"].pk}


def _case_and(key, name):
    return lambda w: {"case_id": w.records["prosecution"].pk, name: w.records[key].pk}


# The prosecutor's office changes its case; the agencies of the investigation read it.
OFFICE_CHANGES = only(DA, 200, 404, **{p: 403 for p in POLICE | LABOR})
READ_CASE = only(DA | POLICE | LABOR, 200, 404)

INVESTIGATORS = POLICE | STATE_POLICE | LABOR | {"other_task_force"}
# Pages that open new things: the task force's investigating agencies (their own records).
INVESTIGATOR_PAGE = only(INVESTIGATORS, 200, 403, outsider=404)
WORKS_POLICE_CASE = POLICE | LABOR


def _inv(world):
    return {"investigation_id": world.records["investigation"].pk}


def _inv_and(key, name):
    return lambda w: {"investigation_id": w.records["investigation"].pk, name: w.records[key].pk}


POLICE_CASE_PAGE = only(WORKS_POLICE_CASE, 200, 404)
# Validate, purge, partners: the owning agency's supervisors and administrators.
SUPERVISES_POLICE_CASE = only({"police_admin"}, 200, 404, investigator_local=403, labor_inspector=403)

URLS: dict[str, Rule] = {
    # Tips, investigations and operations
    "tip_list": [Case("GET", expected=INVESTIGATOR_PAGE)],
    "tip_create": [Case("GET", expected=INVESTIGATOR_PAGE)],
    "tip_detail": [Case("GET", kwargs=lambda w: {"tip_id": w.records["tip"].pk}, expected=only(POLICE, 200, 404))],
    "tip_triage": [
        Case("POST", kwargs=lambda w: {"tip_id": w.records["tip"].pk}, data=lambda w: {"status": "triaged"},
             expected=only(POLICE, DONE, 404)),
    ],
    "tip_open_investigation": [
        Case("GET", kwargs=lambda w: {"tip_id": w.records["tip"].pk}, expected=only(POLICE, 200, 404)),
    ],
    "tip_join": [
        Case("POST", kwargs=lambda w: {"tip_id": w.records["tip"].pk},
             data=lambda w: {"investigation": w.records["investigation"].pk}, expected=only(POLICE, DONE, 404)),
    ],
    "investigation_list": [Case("GET", expected=INVESTIGATOR_PAGE)],
    "investigation_create": [Case("GET", expected=INVESTIGATOR_PAGE)],
    "investigation_reviews": [Case("GET", expected=INVESTIGATOR_PAGE)],
    "investigation_detail": [
        Case("GET", kwargs=_inv, expected=POLICE_CASE_PAGE),
        Case("GET", kwargs=lambda w: {"investigation_id": w.records["state_investigation"].pk},
             expected=only(STATE_POLICE, 200, 404)),
    ],
    "investigation_edit": [Case("GET", kwargs=_inv, expected=POLICE_CASE_PAGE)],
    "investigation_status": [
        Case("POST", kwargs=_inv, data=lambda w: {"status": "active"}, expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "investigation_validate": [
        Case("POST", kwargs=_inv, data=lambda w: {"note": "Still active"},
             expected=only({"police_admin"}, DONE, 404, investigator_local=403, labor_inspector=403)),
    ],
    "investigation_purge": [
        # Refused while the case is open, with the reason shown (a redirect back to the case).
        Case("POST", kwargs=_inv, data=lambda w: {"reason": "Five years"},
             expected=only({"police_admin"}, DONE, 404, investigator_local=403, labor_inspector=403)),
    ],
    "investigation_partner_add": [
        Case("POST", kwargs=_inv, data=lambda w: {"organization": w.orgs["state_police"].pk, "reason": "Same farm"},
             expected=only({"police_admin"}, DONE, 404, investigator_local=403, labor_inspector=403)),
    ],
    "investigation_partner_remove": [
        Case("POST", kwargs=_inv_and("partner", "partner_id"),
             expected=only({"police_admin"}, DONE, 404, investigator_local=403, labor_inspector=403)),
    ],
    "dissemination_add": [
        Case("POST", kwargs=_inv, data=lambda w: {"to_person": "Sheriff", "what": "A plate", "reason": "Traffic stop"},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "subject_add": [Case("GET", kwargs=_inv, expected=POLICE_CASE_PAGE)],
    "subject_edit": [Case("GET", kwargs=_inv_and("subject", "subject_id"), expected=POLICE_CASE_PAGE)],
    "subject_remove": [
        Case("POST", kwargs=_inv_and("subject", "subject_id"), data=lambda w: {"reason": "Wrong person"},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "identifier_add": [Case("GET", kwargs=_inv, expected=POLICE_CASE_PAGE)],
    "identifier_remove": [
        Case("POST", kwargs=_inv_and("identifier", "identifier_id"), data=lambda w: {"reason": "Typo"},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "victim_add": [Case("GET", kwargs=_inv, expected=POLICE_CASE_PAGE)],
    "victim_edit": [Case("GET", kwargs=_inv_and("victim", "victim_id"), expected=POLICE_CASE_PAGE)],
    "victim_remove": [
        Case("POST", kwargs=_inv_and("victim", "victim_id"), data=lambda w: {"reason": "Duplicate"},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "victim_link": [
        Case("POST", kwargs=_inv_and("victim", "victim_id"), data=lambda w: {"client": w.clients["vsp"].pk},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "victim_unlink": [
        Case("POST", kwargs=_inv_and("victim", "victim_id"), data=lambda w: {"reason": "Wrong person"},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "arrest_add": [
        Case("POST", kwargs=_inv,
             data=lambda w: {"person": f"s{w.records['subject'].pk}", "kind": "arrest", "on": w.records["arrest"].on.isoformat(),
                             "offense": "Forced labor"},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "arrest_remove": [
        Case("POST", kwargs=_inv_and("arrest", "arrest_id"), data=lambda w: {"reason": "Entered in error"},
             expected=only(WORKS_POLICE_CASE, DONE, 404)),
    ],
    "operation_list": [Case("GET", expected=INVESTIGATOR_PAGE)],
    "operation_create": [Case("GET", expected=INVESTIGATOR_PAGE)],
    "operation_detail": [
        Case("GET", kwargs=lambda w: {"operation_id": w.records["operation"].pk}, expected=only(POLICE, 200, 404)),
        Case("GET", kwargs=lambda w: {"operation_id": w.records["state_operation"].pk},
             expected=only(STATE_POLICE, 200, 404)),
    ],
    "operation_edit": [
        Case("GET", kwargs=lambda w: {"operation_id": w.records["operation"].pk}, expected=only(POLICE, 200, 404)),
    ],
    "operation_status": [
        Case("POST", kwargs=lambda w: {"operation_id": w.records["operation"].pk}, data=lambda w: {"status": "cancelled"},
             expected=only(POLICE, DONE, 404)),
    ],
    "heads_up_send": [
        Case("POST", kwargs=lambda w: {"operation_id": w.records["operation"].pk},
             data=lambda w: {"to_organization": w.orgs["vsp2"].pk}, expected=only(POLICE, DONE, 404)),
    ],
    "heads_up_list": [Case("GET", expected=MEMBERS_ONLY)],
    "heads_up_detail": [
        Case("GET", kwargs=lambda w: {"heads_up_id": w.records["heads_up"].pk}, expected=only(POLICE | VSP, 200, 404)),
    ],
    "heads_up_acknowledge": [
        Case("POST", kwargs=lambda w: {"heads_up_id": w.records["heads_up"].pk},
             expected=only(VSP, DONE, 404, **{p: 403 for p in POLICE})),
    ],
    # Deconfliction: each side of a match sees its own side and whom to call
    "deconfliction_list": [Case("GET", expected=OWN_LIST)],
    "hit_detail": [
        Case("GET", kwargs=lambda w: {"hit_id": w.records["hit"].pk}, expected=only(POLICE | STATE_POLICE, 200, 404)),
    ],
    "conflict_detail": [
        Case("GET", kwargs=lambda w: {"conflict_id": w.records["conflict"].pk},
             expected=only(POLICE | STATE_POLICE, 200, 404)),
    ],
    # Prosecutions
    "prosecution_referral_list": [Case("GET", expected=OWN_LIST)],
    "prosecution_referral_detail": [
        Case("GET", kwargs=lambda w: {"referral_id": w.records["prosecution_referral"].pk},
             expected=only(DA | POLICE, 200, 404)),
    ],
    "prosecution_referral_accept": [
        Case("GET", kwargs=lambda w: {"referral_id": w.records["prosecution_referral"].pk},
             expected=only(DA, 200, 404, **{p: 403 for p in POLICE})),
    ],
    "prosecution_referral_decline": [
        Case("GET", kwargs=lambda w: {"referral_id": w.records["prosecution_referral"].pk},
             expected=only(DA, 200, 404, **{p: 403 for p in POLICE})),
    ],
    "prosecution_referral_withdraw": [
        Case("GET", kwargs=lambda w: {"referral_id": w.records["prosecution_referral"].pk},
             expected=only(POLICE, 200, 404, **{p: 403 for p in DA})),
    ],
    "prosecution_refer": [
        Case("GET", kwargs=lambda w: {"investigation_id": w.records["investigation"].pk},
             expected=only(POLICE, 200, 404, labor_inspector=403)),
        Case("POST", kwargs=lambda w: {"investigation_id": w.records["investigation"].pk},
             data=lambda w: {"to_organization": w.orgs["usao"].pk, "summary": "Interstate recruitment"},
             expected=only(POLICE, DONE, 404, labor_inspector=403)),
    ],
    "prosecution_case_list": [Case("GET", expected=OWN_LIST)],
    "prosecution_case_create": [
        Case("GET", expected=only(DA | {"prosecutor_usao"}, 200, 403, outsider=404)),
    ],
    "prosecution_case_detail": [Case("GET", kwargs=_case, expected=READ_CASE)],
    "prosecution_case_update": [Case("GET", kwargs=_case, expected=OFFICE_CHANGES)],
    "prosecution_defendant_create": [Case("GET", kwargs=_case, expected=OFFICE_CHANGES)],
    "prosecution_defendant_remove": [
        Case("GET", kwargs=_case_and("defendant", "defendant_id"), expected=OFFICE_CHANGES),
    ],
    "prosecution_charge_create": [Case("GET", kwargs=_case, expected=OFFICE_CHANGES)],
    "prosecution_charge_disposition": [
        Case("GET", kwargs=_case_and("charge", "charge_id"), expected=OFFICE_CHANGES),
        Case("POST", kwargs=_case_and("charge", "charge_id"),
             data=lambda w: {"disposition": "plea", "on": w.records["charge"].filed_on.isoformat(),
                             "sentence_months": "60"},
             expected=only(DA, DONE, 404, **{p: 403 for p in POLICE | LABOR})),
    ],
    "prosecution_court_event_create": [Case("GET", kwargs=_case, expected=OFFICE_CHANGES)],
    "prosecution_court_event_change": [
        Case("GET", kwargs=_case_and("court_event", "event_id"), expected=OFFICE_CHANGES),
    ],
    "prosecution_court_event_cancel": [
        Case("GET", kwargs=_case_and("court_event", "event_id"), expected=OFFICE_CHANGES),
    ],
    "prosecution_case_victim_add": [Case("GET", kwargs=_case, expected=OFFICE_CHANGES)],
    "statute_list": [Case("GET", expected=expect(200, outsider=404))],
    "statute_create": [
        Case("GET", expected=only({"coordinator"}, 200, 403, outsider=404)),
    ],
    "statute_edit": [
        Case("GET", kwargs=lambda w: {"statute_id": w.records["charge"].statute_id},
             expected=only({"coordinator"}, 200, 403, **NOBODY_ELSE)),
    ],
    "client_legal_status": [
        Case("GET", kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
             expected=only(VSP, 200, 404)),
    ],
}

