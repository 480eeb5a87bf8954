"""Every URL and API operation, classified: who may reach it, with what answer, on which records.

A URL or operation missing from here fails the suite (tests/privacy/test_harness.py). When you
add one, add its cases here: the expected answer for every persona is part of the design.

Expected answers: an HTTP status, LOGIN (a redirect to the sign-in page), or DONE (a redirect
after a successful change).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from ally.access.survivors import today_in
from tests.privacy.world import PERSONAS, POLICE, VSP_CLIENT_OWNERS, World

LOGIN = "login"
DONE = "done"
Expected = int | str

TF_PERSONAS = tuple(p for p in PERSONAS if p not in {"anonymous", "outsider", "other_task_force"})
COLLEAGUES = tuple(p for p in TF_PERSONAS if p != "auditor")


def expect(default: Expected, *, anonymous: Expected = LOGIN, **overrides: Expected) -> dict[str, Expected]:
    """The answer for every persona: `default`, except where named."""
    table = {persona: default for persona in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def only(personas: tuple[str, ...] | set[str], answer: Expected, otherwise: Expected, **rest: Expected) -> dict[str, Expected]:
    table = expect(otherwise, **rest)
    table.update({p: answer for p in personas})
    return table


@dataclass(frozen=True)
class Case:
    method: str
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    expected: dict[str, Expected] = field(default_factory=dict)
    # Sentinels every persona may see on this page (beyond their own allowance), e.g. an
    # invitation page shown to whoever holds its link.
    also_allowed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AuthFlow:
    """Sign-in, MFA, password and single sign-on pages from allauth and Django: no task-force data."""

    kwargs: dict[str, str] = field(default_factory=dict)


Rule = list[Case] | AuthFlow

ALL_SIGNED_IN = expect(200)
NOT_OUTSIDERS = expect(200, outsider=404)

URLS: dict[str, Rule] = {
    "home": [Case("GET", expected=ALL_SIGNED_IN)],
    # The task force's own work and the coordinator home: working members (each sees their own
    # part; leadership the coordinator's lists); funders and auditors aggregates only.
    "collaboration_home": [Case("GET", expected=expect(200, auditor=403, outsider=404))],
    "healthz": [Case("GET", expected=expect(200, anonymous=200))],
    "organization_list": [Case("GET", expected=NOT_OUTSIDERS)],
    "organization_create": [
        Case("GET", expected=only({"coordinator"}, 200, 403, outsider=404)),
        Case(
            "POST",
            data=lambda w: {"name": "New Org", "discipline": "community", "jurisdiction": "local"},
            expected=only({"coordinator"}, DONE, 403, outsider=404),
        ),
    ],
    "organization_detail": [
        Case(
            "GET",
            kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk},
            expected=only(TF_PERSONAS, 200, 404),
        ),
        Case(
            "GET",
            kwargs=lambda w: {"organization_id": w.orgs["other"].pk},
            expected=only({"other_task_force"}, 200, 404),
        ),
    ],
    "organization_edit": [
        Case(
            "GET",
            kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk},
            expected=only({"coordinator", "vsp_admin"}, 200, 403, outsider=404, other_task_force=404),
        ),
        Case(
            "POST",
            kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk},
            data=lambda w: {
                "name": "Harbor Survivor Services",
                "discipline": "victim_services",
                "jurisdiction": "local",
                "phone": "608-555-0100",
            },
            expected=only({"coordinator", "vsp_admin"}, DONE, 403, outsider=404, other_task_force=404),
        ),
    ],
    "organization_members": [
        Case(
            "GET",
            kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk},
            expected=only({"coordinator", "vsp_admin"}, 200, 403, outsider=404, other_task_force=404),
        ),
        Case(
            "GET",
            kwargs=lambda w: {"organization_id": w.orgs["police"].pk},
            expected=only({"coordinator", "police_admin"}, 200, 403, outsider=404, other_task_force=404),
        ),
        Case(
            "POST",
            kwargs=lambda w: {"organization_id": w.orgs["vsp"].pk},
            data=lambda w: {"email": "new.person@example.org", "role": "member"},
            expected=only({"coordinator", "vsp_admin"}, DONE, 403, outsider=404, other_task_force=404),
        ),
    ],
    "membership_victim_witness": [
        Case(
            "POST",
            kwargs=lambda w: {"membership_id": w.memberships["victim_witness"].pk},
            data=lambda w: {"value": "1"},
            expected=only(
                {"coordinator"}, DONE, 403, outsider=404, other_task_force=404, auditor=404,
            ),
        ),
    ],
    "membership_role": [
        Case(
            "POST",
            kwargs=lambda w: {"membership_id": w.memberships["advocate"].pk},
            data=lambda w: {"role": "supervisor"},
            # Colleagues can see the membership (it is in the directory) but not change it;
            # the auditor cannot see it at all.
            expected=only(
                {"coordinator", "vsp_admin"}, DONE, 403,
                outsider=404, other_task_force=404, auditor=404,
            ),
        ),
    ],
    "membership_remove": [
        Case(
            "POST",
            kwargs=lambda w: {"membership_id": w.memberships["advocate"].pk},
            expected=only(
                {"coordinator", "vsp_admin"}, DONE, 403,
                outsider=404, other_task_force=404, auditor=404,
            ),
        ),
    ],
    "invitation_revoke": [
        Case(
            "POST",
            kwargs=lambda w: {"invitation_id": w.invitations["vsp"].pk},
            expected=only({"coordinator", "vsp_admin"}, DONE, 404),
        ),
        Case(
            "POST",
            kwargs=lambda w: {"invitation_id": w.invitations["auditor"].pk},
            expected=only({"coordinator"}, DONE, 404),
        ),
    ],
    "invitation_accept": [
        Case(
            "GET",
            kwargs=lambda w: {"token": w.invitation_tokens["vsp"]},
            expected=expect(200, anonymous=200),
            also_allowed=frozenset({"sentinel-invite-vsp"}),
        ),
        Case(
            "GET",
            kwargs=lambda w: {"token": w.invitation_tokens["auditor"]},
            expected=expect(200, anonymous=200),
            also_allowed=frozenset({"sentinel-invite-auditor"}),
        ),
        Case("GET", kwargs=lambda w: {"token": "not-a-real-token"}, expected=expect(404, anonymous=404)),
    ],
    "directory": [
        Case(
            "GET",
            expected=only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200),
        ),
        Case(
            "GET",
            data=lambda w: {"q": "Advocate"},
            expected=only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200),
        ),
    ],
    "task_force_settings": [
        Case("GET", expected=NOT_OUTSIDERS),
        Case(
            "POST",
            data=lambda w: {"region-name": "East Region", "region-counties": "Door, Kewaunee"},
            expected=only({"coordinator"}, DONE, 403, outsider=404),
        ),
        Case(
            "POST",
            data=lambda w: {"invite-email": "funder@example.org", "invite-role": "auditor"},
            expected=only({"coordinator"}, DONE, 403, outsider=404),
        ),
        Case(
            "POST",
            data=lambda w: {"role-email": "advocate@sentinel.test", "role-role": "co_lead"},
            expected=only({"coordinator"}, DONE, 403, outsider=404),
        ),
    ],
    "task_force_edit": [
        Case("GET", expected=only({"coordinator"}, 200, 403, outsider=404)),
        Case(
            "POST",
            data=lambda w: {"name": "Sentinel Task Force", "kind": "statewide", "states": "WI", "time_zone": "America/Chicago",
                            "consent_default_days": "180", "consent_max_days": "365", "ack_emergency_minutes": "60", "ack_urgent_business_days": "1", "ack_routine_business_days": "3", "small_cell_threshold": "5"},
            expected=only({"coordinator"}, DONE, 403, outsider=404),
        ),
    ],
    "region_edit": [
        Case(
            "GET",
            kwargs=lambda w: {"region_id": w.regions["north"].pk},
            expected=only({"coordinator"}, 200, 403, outsider=404, other_task_force=404),
        ),
        Case(
            "POST",
            kwargs=lambda w: {"region_id": w.regions["north"].pk},
            data=lambda w: {"name": "North Region", "counties": "Ashland, Bayfield"},
            expected=only({"coordinator"}, DONE, 403, outsider=404, other_task_force=404),
        ),
    ],
    "task_force_role_revoke": [
        Case(
            "POST",
            kwargs=lambda w: {"role_id": w.roles["navigator"].pk},
            expected=only({"coordinator"}, DONE, 403, outsider=404, other_task_force=404, auditor=404),
        ),
        # A survivor-leader advisor's role is seen only by the coordinator and the advisor.
        Case(
            "POST",
            kwargs=lambda w: {"role_id": w.roles["survivor_leader"].pk},
            expected=only({"coordinator"}, DONE, 404, survivor_leader=403),
        ),
    ],
    "profile": [Case("GET", expected=ALL_SIGNED_IN)],
    "api_token_revoke": [
        Case(
            "POST",
            kwargs=lambda w: {"token_id": w.token_ids["advocate"]},
            expected=only({"advocate"}, DONE, 404),
        ),
    ],
    "switch_task_force": [
        Case(
            "POST",
            data=lambda w: {"task_force": w.tf.pk},
            expected=only(TF_PERSONAS, DONE, 404),
        ),
    ],
    "audit_log": [
        Case(
            "GET",
            expected=only(
                {"coordinator", "vsp_admin", "police_admin", "other_task_force"}, 200, 403,
                outsider=404,
            ),
        ),
    ],
}

# Members of a victim-service organization (who may open client records there).
VSP_MEMBERS = {"advocate", "vsp_supervisor", "vsp_admin", "co_lead_vs", "navigator", "survivor_leader"}
MEMBERS = set(TF_PERSONAS) - {"auditor"}


def _client_form(w: World) -> dict[str, Any]:
    return {
        "legal_name": "SENTINEL-CLIENT-NAME Maria",
        "trafficking_type": "labor",
        "case_status": "Active",
        "intake_date": "2026-01-05",
        "version": w.clients["vsp"].version,
    }


URLS.update(
    {
        "client_list": [
            Case("GET", expected=only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
        ],
        "client_create": [
            Case("GET", expected=only(VSP_MEMBERS, 200, 403, outsider=404)),
            Case(
                "POST",
                data=lambda w: {"legal_name": "New Client", "trafficking_type": "sex", "case_status": "Active", "intake_date": "2026-01-05"},
                expected=only(VSP_MEMBERS, DONE, 403, outsider=404),
            ),
        ],
        "client_detail": [
            Case(
                "GET",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS | POLICE, 200, 404),
            ),
        ],
        "consent_create": [
            Case(
                "GET",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
            ),
            Case(
                "POST",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                data=lambda w: {
                    "recipients": [w.orgs["da"].pk],
                    "field_groups": ["identity"],
                    "purposes": ["prosecution"],
                    "signed_on": today_in(w.tf.pk).isoformat(),
                    "expires_on": (today_in(w.tf.pk) + timedelta(days=30)).isoformat(),
                    "signature_method": "scanned_form",
                    "language": "en",
                },
                expected=only(VSP_CLIENT_OWNERS, DONE, 404, **{p: 403 for p in POLICE}),
            ),
        ],
        "service_create": [
            Case(
                "POST",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                data=lambda w: {
                    "service-category": "transportation",
                    "service-delivered_on": today_in(w.tf.pk).isoformat(),
                    "service-units": "2",
                    "service-unit": "trips",
                },
                expected=only(VSP_CLIENT_OWNERS, DONE, 404, **{p: 403 for p in POLICE}),
            ),
        ],
        "note_create": [
            Case(
                "POST",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                data=lambda w: {"note-note_type": "contact", "note-text": "Called back."},
                expected=only(VSP_CLIENT_OWNERS, DONE, 404, **{p: 403 for p in POLICE}),
            ),
        ],
        "disclosure_report": [
            Case(
                "GET",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
            ),
        ],
        "consent_revoke": [
            Case(
                "POST",
                kwargs=lambda w: {"consent_id": w.consents["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, DONE, 404),
            ),
        ],
        "share_create": [
            Case(
                "GET",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
            ),
            Case(
                "POST",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                data=lambda w: {
                    "recipient": w.orgs["police"].pk,
                    "field_groups": ["trafficking_details"],
                    "purpose": "law_enforcement_coordination",
                },
                expected=only(VSP_CLIENT_OWNERS, DONE, 404, **{p: 403 for p in POLICE}),
            ),
        ],
        "share_revoke": [
            Case(
                "POST",
                kwargs=lambda w: {"share_id": w.shares["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, DONE, 404),
            ),
        ],
        "client_edit": [
            Case(
                "GET",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
            ),
            Case(
                "POST",
                kwargs=lambda w: {"client_id": w.clients["vsp"].pk},
                data=_client_form,
                expected=only(VSP_CLIENT_OWNERS, DONE, 404, **{p: 403 for p in POLICE}),
            ),
        ],
    }
)

# The compartment's other pages. The police department reads the client through a share of
# identity only: pages that change the record answer it 403, pages of groups it was not granted 404.
OWNERS_CHANGE = {**{p: 403 for p in POLICE}}
SUPERVISING = {"vsp_supervisor", "vsp_admin", "co_lead_vs"}  # supervise or administer the VSP


def _client(w: World) -> dict[str, Any]:
    return {"client_id": w.clients["vsp"].pk}


def _today(w: World) -> str:
    return today_in(w.tf.pk).isoformat()


def _owner_pages(name: str, kwargs: Callable[[World], dict[str, Any]], data: Callable[[World], dict[str, Any]] | None, *, get: bool = True, police: Expected = 403) -> list[Case]:
    """GET (a form) and POST (the change) for the owning organization's staff only."""
    cases = [Case("GET", kwargs=kwargs, expected=only(VSP_CLIENT_OWNERS, 200, 404, **{p: police for p in POLICE}))] if get else []
    if data is not None:
        cases.append(Case("POST", kwargs=kwargs, data=data, expected=only(VSP_CLIENT_OWNERS, DONE, 404, **{p: police for p in POLICE})))
    return cases


URLS.update(
    {
        "client_advocates": [
            Case("GET", kwargs=_client, expected=only(VSP_CLIENT_OWNERS, 200, 404, **OWNERS_CHANGE)),
            Case(
                "POST",
                kwargs=_client,
                data=lambda w: {"user": w.users["vsp_supervisor"].pk},
                expected=only(SUPERVISING, DONE, 404, advocate=403, **OWNERS_CHANGE),
            ),
        ],
        "consent_form": [
            Case(
                "GET",
                kwargs=lambda w: {"consent_id": w.consents["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, 200, 404),
            ),
            Case(
                "POST",
                kwargs=lambda w: {"consent_id": w.consents["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, DONE, 404),
            ),
        ],
        "compelled_disclosure_create": [
            Case("GET", kwargs=_client, expected=only(SUPERVISING, 200, 404, advocate=403, **OWNERS_CHANGE)),
            Case(
                "POST",
                kwargs=_client,
                data=lambda w: {
                    "legal_basis": "subpoena", "citation": "Subpoena 26-114", "field_groups": ["identity"],
                    "recipient": "Grand jury", "disclosed_on": _today(w), "notify_within_days": "3",
                },
                expected=only(SUPERVISING, DONE, 404, advocate=403, **OWNERS_CHANGE),
            ),
        ],
        "notification_tasks": [
            Case("GET", expected=only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
        ],
        "notification_task_complete": [
            Case(
                "POST",
                kwargs=lambda w: {"task_id": w.records["task"].pk},
                data=lambda w: {"outcome": "Told her in person at the office."},
                expected=only(VSP_CLIENT_OWNERS, DONE, 404),
            ),
        ],
        "service_correct": _owner_pages(
            "service_correct",
            lambda w: {"service_id": w.records["service"].pk},
            lambda w: {"category": "case_management", "delivered_on": _today(w), "units": "2", "unit": "hours", "reason": "Two hours, not one."},
            police=404,  # the share grants identity only: the record does not exist for them
        ),
        "note_correct": _owner_pages(
            "note_correct",
            lambda w: {"note_id": w.records["note"].pk},
            lambda w: {"text": "Met at the clinic on Tuesday."},
            police=404,  # notes were not shared with the police
        ),
        "client_plan": [
            Case("GET", kwargs=_client, expected=only(VSP_CLIENT_OWNERS, 200, 404)),
        ],
        "needs_create": _owner_pages(
            "needs_create", _client, lambda w: {"assessed_on": _today(w), "level_housing": "urgent"}
        ),
        "plan_start": _owner_pages("plan_start", _client, lambda w: {"started_on": _today(w)}, get=False),
        "plan_close": _owner_pages("plan_close", _client, lambda w: {"closed_on": _today(w)}, get=False),
        "goal_create": _owner_pages("goal_create", _client, lambda w: {"goal-text": "Get my own apartment"}, get=False),
        "goal_edit": _owner_pages(
            "goal_edit",
            lambda w: {"goal_id": w.records["goal"].pk},
            lambda w: {"text": "Walk my kids to school every day", "priority": "1", "status": "open", "version": w.records["goal"].version},
            police=404,  # the share grants identity only: the record does not exist for them
        ),
        "planned_service_create": _owner_pages(
            "planned_service_create", _client, lambda w: {"planned-category": "transitional_housing"}, get=False
        ),
        "review_create": _owner_pages(
            "review_create", _client, lambda w: {"review-reviewed_on": _today(w), "review-summary": "On track."}, get=False
        ),
        "event_create": _owner_pages(
            "event_create", _client, lambda w: {"event_type": "Recruitment", "date_precision": "year", "country": "MX"}
        ),
        "event_remove": _owner_pages(
            "event_remove", lambda w: {"event_id": w.records["event"].pk}, lambda w: {"reason": "Entered twice."},
            police=404,  # the share grants identity only: the record does not exist for them
        ),
        "screening_list": [
            Case("GET", expected=only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
        ],
        "screening_create": [
            Case("GET", expected=only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
            Case(
                "POST",
                data=lambda w: {"language": "en", "screened_on": _today(w), "threatened": "yes"},
                expected=only(MEMBERS | {"other_task_force"}, DONE, 403, outsider=404),
            ),
        ],
        "screening_detail": [
            Case(
                "GET",
                kwargs=lambda w: {"screening_id": w.records["screening"].pk},
                expected=only(VSP_CLIENT_OWNERS, 200, 404),
            ),
        ],
        "screening_link": [
            Case(
                "POST",
                kwargs=lambda w: {"screening_id": w.records["screening"].pk},
                data=lambda w: {"client": w.clients["vsp"].pk},
                expected=only(VSP_CLIENT_OWNERS, DONE, 404),
            ),
        ],
    }
)

# Notifications (ally/notifications): one's own inbox and email settings. The world's one
# notification is the advocate's; anyone else asking for it is answered 404.
URLS.update(
    {
        "inbox": [
            Case("GET", expected=ALL_SIGNED_IN),
            Case("GET", data=lambda w: {"show": "unread"}, expected=ALL_SIGNED_IN),
        ],
        "inbox_open": [
            Case(
                "GET",
                kwargs=lambda w: {"notification_id": w.records["notification"].pk},
                expected=only({"advocate"}, DONE, 404),
            ),
        ],
        "inbox_read": [
            Case(
                "POST",
                kwargs=lambda w: {"notification_id": w.records["notification"].pk},
                expected=only({"advocate"}, DONE, 404),
            ),
        ],
        "inbox_read_all": [Case("POST", expected=expect(DONE))],
        "notification_preferences": [
            Case("GET", expected=ALL_SIGNED_IN),
            Case("POST", data=lambda w: {"email_mode": "never"}, expected=expect(DONE)),
        ],
    }
)

# Referrals. "to_vsp" went from the city police to the VSP; "to_queue" to the North navigator.
SENDERS = {"investigator_local", "police_admin"}
OVERSEERS = {"coordinator", "co_lead_le", "co_lead_vs", "navigator"}


def _referral(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"referral_id": w.records[key].pk}


def _recipient_step(name: str, data: Callable[[World], dict[str, Any]] | None = None) -> list[Case]:
    """An answer only the recipient gives: the sender is refused (403), everyone else 404."""
    return [Case("POST", kwargs=_referral("referral"), data=data or (lambda w: {}),
                 expected=only(VSP_CLIENT_OWNERS, DONE, 404, **{p: 403 for p in SENDERS}))]


URLS.update(
    {
        "referral_list": [Case("GET", expected=only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404))],
        "referral_create": [
            Case("GET", expected=only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
            Case(
                "POST",
                data=lambda w: {"to_organization": w.orgs["vsp2"].pk, "services": ["case_management"], "urgency": "routine"},
                expected=only(MEMBERS - {"navigator", "survivor_leader"}, DONE, 403, outsider=404,
                              other_task_force=200, navigator=200, survivor_leader=200),
            ),
        ],
        "referral_overdue": [Case("GET", expected=only(OVERSEERS, 200, 403, outsider=404))],
        "referral_timeliness": [
            Case("GET", expected=only({"coordinator", "co_lead_le", "co_lead_vs"}, 200, 403, outsider=404)),
        ],
        "client_refer": [
            Case("GET", kwargs=_client, expected=only(VSP_CLIENT_OWNERS, 200, 404, **OWNERS_CHANGE)),
            Case(
                "POST",
                kwargs=_client,
                # No consent covers the other shelter: the form comes back with the reason.
                data=lambda w: {"to_organization": w.orgs["vsp2"].pk, "services": ["case_management"],
                                "urgency": "routine", "field_groups": ["identity"]},
                expected=only(VSP_CLIENT_OWNERS, 200, 404, **OWNERS_CHANGE),
            ),
        ],
        "referral_detail": [
            Case("GET", kwargs=_referral("referral"), expected=only(VSP_CLIENT_OWNERS | SENDERS, 200, 404)),
            Case("GET", kwargs=_referral("queued_referral"), expected=only(SENDERS | {"navigator"}, 200, 404)),
        ],
        "referral_acknowledge": _recipient_step("referral_acknowledge"),
        "referral_accept": _recipient_step("referral_accept"),
        "referral_decline": _recipient_step("referral_decline", lambda w: {"reason": "no_capacity"}),
        "referral_start": _recipient_step("referral_start"),
        "referral_close": _recipient_step("referral_close", lambda w: {"outcome": "Housed"}),
        "referral_withdraw": [
            Case("POST", kwargs=_referral("referral"), data=lambda w: {"note": "Found a bed"},
                 expected=only(SENDERS, DONE, 404, **{p: 403 for p in VSP_CLIENT_OWNERS})),
        ],
        "referral_assign": [
            Case("POST", kwargs=_referral("queued_referral"), data=lambda w: {"to_organization": w.orgs["vsp"].pk},
                 expected=only({"navigator"}, DONE, 404, **{p: 403 for p in SENDERS})),
        ],
        "referral_message": [
            Case("POST", kwargs=_referral("referral"), data=lambda w: {"text": "Can she come tonight?"},
                 expected=only(VSP_CLIENT_OWNERS | SENDERS, DONE, 404)),
        ],
    }
)

_AUTH_FLOW_NAMES = """
account_login account_logout account_inactive account_signup account_reauthenticate account_email
account_email_verification_sent account_change_password account_set_password account_reset_password
account_confirm_login_code account_reset_password_from_key_done account_reset_password_done
mfa_index mfa_authenticate mfa_reauthenticate mfa_activate_totp mfa_deactivate_totp
mfa_view_recovery_codes mfa_generate_recovery_codes mfa_download_recovery_codes
socialaccount_login_cancelled socialaccount_login_error socialaccount_signup socialaccount_connections
set_language
""".split()
URLS.update({name: AuthFlow() for name in _AUTH_FLOW_NAMES})
URLS.update(
    {
        "account_confirm_email": AuthFlow({"key": "not-a-key"}),
        "account_reset_password_from_key": AuthFlow({"uidb36": "zz", "key": "not-a-key"}),
        "openid_connect_login": AuthFlow({"provider_id": "tf-unknown"}),
        "openid_connect_callback": AuthFlow({"provider_id": "tf-unknown"}),
        # allauth's old unnamed redirects to the 3rdparty pages
        "route:accounts/social/login/cancelled/": AuthFlow(),
        "route:accounts/social/login/error/": AuthFlow(),
        "route:accounts/social/signup/": AuthFlow(),
        "route:accounts/social/connections/": AuthFlow(),
        # the API's own URLs are classified per operation in API below
        "api:openapi-json": AuthFlow(),
        "api:api-root": AuthFlow(),
    }
)


@dataclass(frozen=True)
class ApiCase:
    path: Callable[[World], str]
    expected: dict[str, Expected]
    body: Callable[[World], dict[str, Any]] | None = None
    # A multipart POST instead of a JSON body: form field → (file name, content).
    files: Callable[[World], dict[str, tuple[str, bytes]]] | None = None


def api_expect(default: Expected, **overrides: Expected) -> dict[str, Expected]:
    return expect(default, anonymous=401, **overrides)


def api_only(personas: tuple[str, ...] | set[str], answer: Expected, otherwise: Expected, **rest: Expected) -> dict[str, Expected]:
    table = api_expect(otherwise, **rest)
    table.update({p: answer for p in personas})
    return table


# Keyed by (method, path as in the OpenAPI schema).
API: dict[tuple[str, str], list[ApiCase]] = {
    ("GET", "/api/v1/me"): [ApiCase(lambda w: "/api/v1/me", api_expect(200))],
    ("GET", "/api/v1/organizations"): [ApiCase(lambda w: "/api/v1/organizations", api_expect(200))],
    ("GET", "/api/v1/organizations/{organization_id}"): [
        ApiCase(
            lambda w: f"/api/v1/organizations/{w.orgs['vsp'].pk}",
            api_only(TF_PERSONAS, 200, 404),
        ),
        ApiCase(
            lambda w: f"/api/v1/organizations/{w.orgs['other'].pk}",
            api_only({"other_task_force"}, 200, 404),
        ),
    ],
    ("GET", "/api/v1/regions"): [ApiCase(lambda w: "/api/v1/regions", api_expect(200))],
    ("GET", "/api/v1/directory"): [
        ApiCase(
            lambda w: "/api/v1/directory",
            api_only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200),
        )
    ],
    ("POST", "/api/v1/organizations/{organization_id}/invitations"): [
        ApiCase(
            lambda w: f"/api/v1/organizations/{w.orgs['vsp'].pk}/invitations",
            api_only({"coordinator", "vsp_admin"}, 201, 403, outsider=404, other_task_force=404),
            body=lambda w: {"email": "api.invitee@example.org", "role": "member"},
        )
    ],
    # The care API (ally/api/survivors/care.py, events.py, screenings.py). The police read the
    # client through a share of identity only: the client's own change operations answer them 403
    # (as its pages do); a list or a record of a group they were not granted is 404, as if it did
    # not exist. The world's client already has an active plan, so starting another is a conflict
    # even for its owners.
    ("GET", "/api/v1/clients/{client_id}/needs"): [
        ApiCase(lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/needs", api_only(VSP_CLIENT_OWNERS, 200, 404)),
    ],
    ("POST", "/api/v1/clients/{client_id}/needs"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/needs",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"assessed_on": today_in(w.tf.pk).isoformat(), "needs": [{"domain": "housing", "level": "urgent"}]},
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}/plans"): [
        ApiCase(lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/plans", api_only(VSP_CLIENT_OWNERS, 200, 404)),
    ],
    ("POST", "/api/v1/clients/{client_id}/plans"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/plans",
            api_only(VSP_CLIENT_OWNERS, 409, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"started_on": today_in(w.tf.pk).isoformat()},
        ),
    ],
    ("POST", "/api/v1/plans/{plan_id}/close"): [
        ApiCase(
            lambda w: f"/api/v1/plans/{w.records['goal'].plan_id}/close",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
            body=lambda w: {"closed_on": today_in(w.tf.pk).isoformat()},
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/goals"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/goals",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"text": "Get my own apartment", "priority": 1},
        ),
    ],
    ("PATCH", "/api/v1/goals/{goal_id}"): [
        ApiCase(
            lambda w: f"/api/v1/goals/{w.records['goal'].pk}",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
            body=lambda w: {"version": w.records["goal"].version, "text": "Walk my kids to school every day"},
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/planned-services"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/planned-services",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"category": "transitional_housing", "provider_id": w.orgs["vsp2"].pk, "goal_id": w.records["goal"].pk},
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/plan-reviews"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/plan-reviews",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"reviewed_on": today_in(w.tf.pk).isoformat(), "summary": "On track."},
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}/services"): [
        ApiCase(lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/services", api_only(VSP_CLIENT_OWNERS, 200, 404)),
    ],
    ("POST", "/api/v1/clients/{client_id}/services"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/services",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"category": "transportation", "delivered_on": today_in(w.tf.pk).isoformat(), "units": "2", "unit": "trips"},
        ),
    ],
    ("POST", "/api/v1/services/{service_id}/correct"): [
        ApiCase(
            lambda w: f"/api/v1/services/{w.records['service'].pk}/correct",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
            body=lambda w: {"reason": "Two hours, not one.", "corrections": {"units": "2"}},
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}/notes"): [
        # Every owner in the world reads the sensitive note (assigned advocate, supervisors).
        ApiCase(lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/notes", api_only(VSP_CLIENT_OWNERS, 200, 404)),
    ],
    ("POST", "/api/v1/clients/{client_id}/notes"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/notes",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"note_type": "contact", "text": "Called back.", "corrects_id": w.records["note"].pk},
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}/trafficking-events"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/trafficking-events",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/trafficking-events"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/trafficking-events",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"event_type": "Recruitment", "date_precision": "year", "country": "MX"},
        ),
    ],
    ("POST", "/api/v1/trafficking-events/{event_id}/remove"): [
        ApiCase(
            lambda w: f"/api/v1/trafficking-events/{w.records['event'].pk}/remove",
            api_only(VSP_CLIENT_OWNERS, 204, 404),
            body=lambda w: {"reason": "Entered twice."},
        ),
    ],
    # Screenings belong to the organization that did them (the world's is the VSP's, not linked
    # yet) and never travel through a share. The instruments are public questions.
    ("GET", "/api/v1/screening-instruments"): [
        ApiCase(lambda w: "/api/v1/screening-instruments?language=es", api_expect(200)),
    ],
    ("POST", "/api/v1/screenings"): [
        # Everyone in the world works in one organization; that is the one screening.
        ApiCase(
            lambda w: "/api/v1/screenings",
            api_only(MEMBERS | {"other_task_force"}, 201, 403, outsider=404),
            body=lambda w: {"answers": {"threatened": "yes"}},
        ),
        ApiCase(
            lambda w: "/api/v1/screenings",
            api_only(VSP_CLIENT_OWNERS, 201, 403, outsider=404, other_task_force=404),
            body=lambda w: {"answers": {"threatened": "yes"}, "organization_id": w.orgs["vsp"].pk},
        ),
        ApiCase(
            lambda w: "/api/v1/screenings",
            api_only(VSP_CLIENT_OWNERS, 201, 404, auditor=403, **{p: 403 for p in POLICE}),
            body=lambda w: {"answers": {"threatened": "yes"}, "client_id": w.clients["vsp"].pk},
        ),
    ],
    ("GET", "/api/v1/screenings"): [
        ApiCase(lambda w: "/api/v1/screenings", api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
        ApiCase(
            lambda w: f"/api/v1/screenings?client_id={w.clients['vsp'].pk}",
            api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404),
        ),
    ],
    ("GET", "/api/v1/screenings/{screening_id}"): [
        ApiCase(lambda w: f"/api/v1/screenings/{w.records['screening'].pk}", api_only(VSP_CLIENT_OWNERS, 200, 404)),
    ],
    ("POST", "/api/v1/screenings/{screening_id}/link"): [
        ApiCase(
            lambda w: f"/api/v1/screenings/{w.records['screening'].pk}/link",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
            body=lambda w: {"client_id": w.clients["vsp"].pk},
        ),
    ],
    # The survivors API (ally/api/survivors/clients.py, consents.py, disclosures.py): the same
    # answers per persona as the client pages.
    ("GET", "/api/v1/clients"): [
        # The police see the client shared with them by number only (no name in the list).
        ApiCase(lambda w: "/api/v1/clients", api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
    ],
    ("POST", "/api/v1/clients/duplicates"): [
        ApiCase(
            lambda w: "/api/v1/clients/duplicates",
            api_only(VSP_MEMBERS, 200, 403, outsider=404),
            body=lambda w: {"legal_name": "Sentinel Client Name Maria", "phone": "SENTINEL-CLIENT-PHONE"},
        ),
    ],
    ("POST", "/api/v1/clients"): [
        ApiCase(
            lambda w: "/api/v1/clients",
            api_only(VSP_MEMBERS, 201, 403, outsider=404),
            body=lambda w: {"legal_name": "New Client", "trafficking_type": "sex"},
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}",
            api_only(VSP_CLIENT_OWNERS | POLICE, 200, 404),
        ),
    ],
    ("PATCH", "/api/v1/clients/{client_id}"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}",
            api_only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {"version": w.clients["vsp"].version, "city": "Madison"},
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/advocates"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/advocates",
            api_only({"vsp_supervisor", "vsp_admin", "co_lead_vs"}, 200, 404, advocate=403, **{p: 403 for p in POLICE}),
            body=lambda w: {"user_id": w.users["vsp_supervisor"].pk},
        ),
    ],
    ("DELETE", "/api/v1/clients/{client_id}/advocates/{user_id}"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/advocates/{w.users['advocate'].pk}",
            api_only({"vsp_supervisor", "vsp_admin", "co_lead_vs"}, 200, 404, advocate=403, **{p: 403 for p in POLICE}),
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}/consents"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/consents",
            api_only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/consents"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/consents",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {
                "recipient_ids": [w.orgs["da"].pk],
                "field_groups": ["identity"],
                "purposes": ["prosecution"],
                "signed_on": today_in(w.tf.pk).isoformat(),
                "expires_on": (today_in(w.tf.pk) + timedelta(days=30)).isoformat(),
                "signature_method": "scanned_form",
            },
        ),
    ],
    ("POST", "/api/v1/consents/{consent_id}/revoke"): [
        ApiCase(
            lambda w: f"/api/v1/consents/{w.consents['vsp'].pk}/revoke",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
        ),
    ],
    # The consent in the world already has its signed form: a second one is a conflict, even for
    # its owners. Everyone else gets 404 (a consent is the owner's record), not 409 or 403.
    ("POST", "/api/v1/consents/{consent_id}/signed-form"): [
        ApiCase(
            lambda w: f"/api/v1/consents/{w.consents['vsp'].pk}/signed-form",
            api_only(VSP_CLIENT_OWNERS, 409, 404),
            files=lambda w: {"signed_form": ("form.pdf", b"%PDF-1.4 signed again")},
        ),
    ],
    ("GET", "/api/v1/consents/{consent_id}/signed-form"): [
        ApiCase(
            lambda w: f"/api/v1/consents/{w.consents['vsp'].pk}/signed-form",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}/shares"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/shares",
            api_only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/shares"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/shares",
            api_only(VSP_CLIENT_OWNERS, 201, 404, **{p: 403 for p in POLICE}),
            body=lambda w: {
                "recipient_id": w.orgs["police"].pk,
                "field_groups": ["trafficking_details"],
                "purpose": "law_enforcement_coordination",
            },
        ),
    ],
    ("POST", "/api/v1/shares/{share_id}/revoke"): [
        ApiCase(
            lambda w: f"/api/v1/shares/{w.shares['vsp'].pk}/revoke",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
        ),
    ],
    ("GET", "/api/v1/clients/{client_id}/disclosures"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/disclosures?language=es",
            api_only(VSP_CLIENT_OWNERS, 200, 404, **{p: 403 for p in POLICE}),
        ),
    ],
    ("POST", "/api/v1/clients/{client_id}/compelled-disclosures"): [
        ApiCase(
            lambda w: f"/api/v1/clients/{w.clients['vsp'].pk}/compelled-disclosures",
            api_only({"vsp_supervisor", "vsp_admin", "co_lead_vs"}, 201, 404, advocate=403, **{p: 403 for p in POLICE}),
            body=lambda w: {
                "legal_basis": "subpoena",
                "citation": "Grand jury subpoena 25-117",
                "field_groups": ["identity"],
                "recipient": "U.S. District Court",
                "disclosed_on": today_in(w.tf.pk).isoformat(),
            },
        ),
    ],
    ("GET", "/api/v1/notification-tasks"): [
        # The task in the world is the advocate's; the VSP's supervisors and admin oversee it.
        ApiCase(lambda w: "/api/v1/notification-tasks", api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
        ApiCase(lambda w: "/api/v1/notification-tasks?status=all", api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)),
    ],
    ("POST", "/api/v1/notification-tasks/{task_id}/complete"): [
        ApiCase(
            lambda w: f"/api/v1/notification-tasks/{w.records['task'].pk}/complete",
            api_only(VSP_CLIENT_OWNERS, 200, 404),
            body=lambda w: {"outcome": "Told her in person"},
        ),
    ],
}


# The notifications API (ally/notifications/api.py): one's own, in the token's task force.
API.update(
    {
        ("GET", "/api/v1/notifications"): [
            ApiCase(lambda w: "/api/v1/notifications", api_expect(200)),
            ApiCase(lambda w: "/api/v1/notifications?unread=true", api_expect(200)),
        ],
        ("POST", "/api/v1/notifications/{notification_id}/read"): [
            ApiCase(
                lambda w: f"/api/v1/notifications/{w.records['notification'].pk}/read",
                api_only({"advocate"}, 200, 404),
            ),
        ],
        ("POST", "/api/v1/notifications/read-all"): [
            ApiCase(lambda w: "/api/v1/notifications/read-all", api_expect(200)),
        ],
        ("GET", "/api/v1/notification-preferences"): [
            ApiCase(lambda w: "/api/v1/notification-preferences", api_expect(200)),
        ],
        ("PUT", "/api/v1/notification-preferences"): [
            ApiCase(
                lambda w: "/api/v1/notification-preferences",
                api_expect(200),
                body=lambda w: {"email_mode": "never"},
            ),
        ],
    }
)


# The provider network (ally/network): the directory and profiles are open to working members (the
# auditor sees aggregates only: 403, as on the contact directory);
# vetting visits, sub-awards and claims to the provider's admins and its reviewers (navigators of
# a region it serves, the coordinator — never for their own organization). The world's VSP serves
# the South region (no navigator): the coordinator reviews it. North Star Recovery serves the
# North: the world's navigator reviews it. See tests/privacy/world_network.py.
VSP_STAFF = {"advocate", "vsp_supervisor", "vsp_admin", "co_lead_vs"}
VSP_RECORDS = {"coordinator", "vsp_admin"}
NORTH_RECORDS = {"coordinator", "navigator"}
NOT_HERE = {"outsider": 404, "other_task_force": 404, "auditor": 403}


def _vsp(w: World) -> dict[str, Any]:
    return {"organization_id": w.orgs["vsp"].pk}


def _north(w: World) -> dict[str, Any]:
    return {"organization_id": w.orgs["north_provider"].pk}


def _vetting_form(w: World) -> dict[str, Any]:
    from ally.network import checklist

    today = today_in(w.tf.pk)
    answers = {f"item_{item.key}": "met" for item in checklist.current().items}
    return {"visited_on": today.isoformat(), "outcome": "approved", "revisit_on": (today + timedelta(days=365)).isoformat(), **answers}


def _vetting_body(w: World) -> dict[str, Any]:
    form = _vetting_form(w)
    answers = {k.removeprefix("item_"): v for k, v in form.items() if k.startswith("item_")}
    return {"visited_on": form["visited_on"], "outcome": "approved", "revisit_on": form["revisit_on"], "answers": answers}


def _profile_version(w: World) -> int:
    from ally.network.models import ProviderProfile

    return ProviderProfile.objects.get(organization=w.orgs["vsp"]).version


def _award_dates(w: World, award: str) -> dict[str, str]:
    record = w.records[award]
    return {"starts_on": record.starts_on.isoformat(), "ends_on": record.ends_on.isoformat()}


URLS.update(
    {
        "provider_directory": [
            Case("GET", expected=only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200)),
            Case(
                "GET", data=lambda w: {"service": "case_management", "vetted": "on", "has_capacity": "on"},
                expected=only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200),
            ),
        ],
        "provider_detail": [
            Case("GET", kwargs=_vsp, expected=only(COLLEAGUES, 200, 404, auditor=403)),
            Case("GET", kwargs=_north, expected=only(COLLEAGUES, 200, 404, auditor=403)),
        ],
        "provider_edit": [
            Case("GET", kwargs=_vsp, expected=only({"coordinator", "vsp_admin"}, 200, 403, **NOT_HERE)),
            Case(
                "POST", kwargs=_vsp,
                data=lambda w: {"services": ["case_management"], "zip_code": "53703", "languages": "English, Hmong", "version": _profile_version(w)},
                expected=only({"coordinator", "vsp_admin"}, DONE, 403, **NOT_HERE),
            ),
        ],
        "provider_capacity": [
            Case("GET", kwargs=_vsp, expected=only(VSP_STAFF, 200, 403, **NOT_HERE)),
            Case("POST", kwargs=_vsp, data=lambda w: {"capacity": "2"}, expected=only(VSP_STAFF, DONE, 403, **NOT_HERE)),
        ],
        "vetting_create": [
            Case("GET", kwargs=_vsp, expected=only({"coordinator"}, 200, 403, **NOT_HERE)),
            Case("POST", kwargs=_vsp, data=_vetting_form, expected=only({"coordinator"}, DONE, 403, **NOT_HERE)),
            Case("GET", kwargs=_north, expected=only(NORTH_RECORDS, 200, 403, **NOT_HERE)),
            Case("POST", kwargs=_north, data=_vetting_form, expected=only(NORTH_RECORDS, DONE, 403, **NOT_HERE)),
        ],
        "vetting_detail": [
            Case("GET", kwargs=lambda w: {"visit_id": w.records["vetting_vsp"].pk}, expected=only(VSP_RECORDS, 200, 404)),
            Case("GET", kwargs=lambda w: {"visit_id": w.records["vetting_north"].pk}, expected=only(NORTH_RECORDS, 200, 404)),
        ],
        "sub_award_create": [
            Case("GET", kwargs=_vsp, expected=only({"coordinator"}, 200, 403, **NOT_HERE)),
            Case(
                "POST", kwargs=_vsp,
                data=lambda w: {"budget": "1000.00", "starts_on": (today_in(w.tf.pk) + timedelta(days=400)).isoformat(), "ends_on": (today_in(w.tf.pk) + timedelta(days=700)).isoformat()},
                expected=only({"coordinator"}, DONE, 403, **NOT_HERE),
            ),
        ],
        "sub_award_edit": [
            Case("GET", kwargs=lambda w: {"award_id": w.records["award_vsp"].pk}, expected=only({"coordinator"}, 200, 404, vsp_admin=403)),
            Case(
                "POST", kwargs=lambda w: {"award_id": w.records["award_vsp"].pk},
                data=lambda w: {"reference": "A-1", "budget": "6000.00", **_award_dates(w, "award_vsp")},
                expected=only({"coordinator"}, DONE, 404, vsp_admin=403),
            ),
        ],
        "claim_list": [
            Case("GET", expected=NOT_OUTSIDERS),
            Case("GET", data=lambda w: {"waiting": "1"}, expected=NOT_OUTSIDERS),
        ],
        "claim_create": [
            Case("GET", kwargs=_vsp, expected=only({"vsp_admin"}, 200, 403, **NOT_HERE)),
            Case(
                "POST", kwargs=_vsp,
                data=lambda w: {"period_start": w.records["award_vsp"].starts_on.isoformat(), "period_end": _today(w), "services": [w.records["unclaimed_service_vsp"].pk]},
                expected=only({"vsp_admin"}, DONE, 403, **NOT_HERE),
            ),
        ],
        "claim_detail": [
            Case("GET", kwargs=lambda w: {"claim_id": w.records["claim_vsp"].pk}, expected=only(VSP_RECORDS, 200, 404)),
            Case("GET", kwargs=lambda w: {"claim_id": w.records["claim_north"].pk}, expected=only(NORTH_RECORDS, 200, 404)),
        ],
        "claim_line_decide": [
            # The provider's own admin reads the line but does not decide it.
            Case("POST", kwargs=lambda w: {"line_id": w.records["line_vsp"].pk}, data=lambda w: {"decision": "approved"}, expected=only({"coordinator"}, DONE, 404, vsp_admin=403)),
            Case("POST", kwargs=lambda w: {"line_id": w.records["line_north"].pk}, data=lambda w: {"decision": "rejected", "reason": "Not in the award."}, expected=only(NORTH_RECORDS, DONE, 404)),
        ],
    }
)

API_NOT_HERE = {"outsider": 404, "other_task_force": 404, "auditor": 403}
API.update(
    {
        ("GET", "/api/v1/providers"): [
            ApiCase(lambda w: "/api/v1/providers", api_only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200)),
            ApiCase(
                lambda w: "/api/v1/providers?service=case_management&vetted=true&language=spanish",
                api_only(COLLEAGUES, 200, 403, outsider=404, other_task_force=200),
            ),
        ],
        ("GET", "/api/v1/providers/{organization_id}"): [
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}", api_only(COLLEAGUES, 200, 404, auditor=403)),
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['north_provider'].pk}", api_only(COLLEAGUES, 200, 404, auditor=403)),
        ],
        ("PATCH", "/api/v1/providers/{organization_id}"): [
            ApiCase(
                lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}",
                api_only({"coordinator", "vsp_admin"}, 200, 403, **API_NOT_HERE),
                body=lambda w: {"hours": "Mon–Sat 8–6", "version": _profile_version(w)},
            ),
        ],
        ("POST", "/api/v1/providers/{organization_id}/capacity"): [
            ApiCase(
                lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/capacity",
                api_only(VSP_STAFF, 200, 403, **API_NOT_HERE),
                body=lambda w: {"intake_capacity": 1},
            ),
        ],
        ("GET", "/api/v1/vetting-checklist"): [ApiCase(lambda w: "/api/v1/vetting-checklist", api_expect(200))],
        ("GET", "/api/v1/providers/{organization_id}/vetting"): [
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/vetting", api_only(VSP_RECORDS, 200, 404, auditor=403)),
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['north_provider'].pk}/vetting", api_only(NORTH_RECORDS, 200, 404, auditor=403)),
        ],
        ("POST", "/api/v1/providers/{organization_id}/vetting"): [
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/vetting", api_only({"coordinator"}, 201, 403, **API_NOT_HERE), body=_vetting_body),
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['north_provider'].pk}/vetting", api_only(NORTH_RECORDS, 201, 403, **API_NOT_HERE), body=_vetting_body),
        ],
        ("GET", "/api/v1/providers/{organization_id}/sub-awards"): [
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/sub-awards", api_only(VSP_RECORDS, 200, 404, auditor=403)),
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['north_provider'].pk}/sub-awards", api_only(NORTH_RECORDS, 200, 404, auditor=403)),
        ],
        ("POST", "/api/v1/providers/{organization_id}/sub-awards"): [
            ApiCase(
                lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/sub-awards",
                api_only({"coordinator"}, 201, 403, **API_NOT_HERE),
                body=lambda w: {"budget": "1000.00", "starts_on": (today_in(w.tf.pk) + timedelta(days=400)).isoformat(), "ends_on": (today_in(w.tf.pk) + timedelta(days=700)).isoformat()},
            ),
        ],
        ("PATCH", "/api/v1/sub-awards/{award_id}"): [
            ApiCase(
                lambda w: f"/api/v1/sub-awards/{w.records['award_vsp'].pk}",
                api_only({"coordinator"}, 200, 404, vsp_admin=403),
                body=lambda w: {"budget": "6000.00"},
            ),
        ],
        ("GET", "/api/v1/providers/{organization_id}/claimable-services"): [
            ApiCase(lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/claimable-services", api_only({"vsp_admin"}, 200, 404, auditor=403)),
        ],
        ("POST", "/api/v1/providers/{organization_id}/claims"): [
            ApiCase(
                lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/claims",
                api_only({"vsp_admin"}, 201, 403, **API_NOT_HERE),
                body=lambda w: {"period_start": w.records["award_vsp"].starts_on.isoformat(), "period_end": _today(w), "service_ids": [w.records["unclaimed_service_vsp"].pk]},
            ),
            # A service already on a line that is not rejected: refused, even for the provider.
            ApiCase(
                lambda w: f"/api/v1/providers/{w.orgs['vsp'].pk}/claims",
                api_only({"vsp_admin"}, 409, 403, **API_NOT_HERE),
                body=lambda w: {"period_start": w.records["award_vsp"].starts_on.isoformat(), "period_end": _today(w), "service_ids": [w.records["line_vsp"].service_id]},
            ),
        ],
        ("GET", "/api/v1/claims"): [
            ApiCase(lambda w: "/api/v1/claims", api_expect(200, outsider=404)),
            ApiCase(lambda w: "/api/v1/claims?waiting=true", api_expect(200, outsider=404)),
        ],
        ("GET", "/api/v1/claims/{claim_id}"): [
            ApiCase(lambda w: f"/api/v1/claims/{w.records['claim_vsp'].pk}", api_only(VSP_RECORDS, 200, 404)),
            ApiCase(lambda w: f"/api/v1/claims/{w.records['claim_north'].pk}", api_only(NORTH_RECORDS, 200, 404)),
        ],
        ("POST", "/api/v1/claim-lines/{line_id}/decision"): [
            ApiCase(
                lambda w: f"/api/v1/claim-lines/{w.records['line_vsp'].pk}/decision",
                api_only({"coordinator"}, 200, 404, vsp_admin=403),
                body=lambda w: {"decision": "approved"},
            ),
            ApiCase(
                lambda w: f"/api/v1/claim-lines/{w.records['line_north'].pk}/decision",
                api_only(NORTH_RECORDS, 200, 404),
                body=lambda w: {"decision": "rejected", "reason": "Outside the award."},
            ),
        ],
    }
)


# The referrals API (ally/api/referrals): the same answers as the referral pages. "referral" went from
# the city police to the VSP (the VSP answers, the police withdraw); "queued_referral" to the North
# navigator's queue (the navigator ranks and assigns). Starting or closing a referral not accepted
# yet is a conflict, even for the recipient.
def _api_referral(key: str, tail: str = "") -> Callable[[World], str]:
    return lambda w: f"/api/v1/referrals/{w.records[key].pk}{tail}"


def _api_recipient_step(tail: str, answer: int = 200, body: Callable[[World], dict[str, Any]] | None = None) -> list[ApiCase]:
    return [ApiCase(_api_referral("referral", tail), api_only(VSP_CLIENT_OWNERS, answer, 404, **{p: 403 for p in SENDERS}), body=body)]


REFERRAL_READERS = api_only(MEMBERS | {"other_task_force"}, 200, 403, outsider=404)
TIMELINESS_READERS = api_only({"coordinator", "co_lead_le", "co_lead_vs"}, 200, 403, outsider=404)
API.update(
    {
        ("GET", "/api/v1/referrals"): [
            ApiCase(lambda w: "/api/v1/referrals", REFERRAL_READERS),
            ApiCase(lambda w: "/api/v1/referrals?box=outgoing&status=all", REFERRAL_READERS),
            ApiCase(lambda w: "/api/v1/referrals?box=queue", REFERRAL_READERS),
        ],
        ("POST", "/api/v1/referrals"): [
            # The navigator and the survivor leader work at the other shelter: not to one's own (400).
            ApiCase(
                lambda w: "/api/v1/referrals",
                api_only(MEMBERS - {"navigator", "survivor_leader"}, 201, 403, outsider=404,
                         other_task_force=400, navigator=400, survivor_leader=400),
                body=lambda w: {"to_organization_id": w.orgs["vsp2"].pk, "services": ["case_management"], "urgency": "routine"},
            ),
            # No consent covers the other shelter: refused, nothing saved.
            ApiCase(
                lambda w: "/api/v1/referrals",
                api_only(VSP_CLIENT_OWNERS, 400, 404, **OWNERS_CHANGE),
                body=lambda w: {"to_organization_id": w.orgs["vsp2"].pk, "services": ["case_management"],
                                "urgency": "routine", "client_id": w.clients["vsp"].pk, "field_groups": ["identity"]},
            ),
        ],
        ("GET", "/api/v1/referrals/{referral_id}"): [
            ApiCase(_api_referral("referral"), api_only(VSP_CLIENT_OWNERS | SENDERS, 200, 404)),
            ApiCase(_api_referral("queued_referral"), api_only(SENDERS | {"navigator"}, 200, 404)),
        ],
        ("POST", "/api/v1/referrals/{referral_id}/acknowledge"): _api_recipient_step("/acknowledge"),
        ("POST", "/api/v1/referrals/{referral_id}/accept"): _api_recipient_step("/accept"),
        ("POST", "/api/v1/referrals/{referral_id}/decline"): _api_recipient_step("/decline", body=lambda w: {"reason": "no_capacity"}),
        ("POST", "/api/v1/referrals/{referral_id}/start"): _api_recipient_step("/start", 409),
        ("POST", "/api/v1/referrals/{referral_id}/close"): _api_recipient_step("/close", 409, lambda w: {"outcome": "Housed"}),
        ("POST", "/api/v1/referrals/{referral_id}/withdraw"): [
            ApiCase(_api_referral("referral", "/withdraw"), api_only(SENDERS, 200, 404, **{p: 403 for p in VSP_CLIENT_OWNERS}),
                    body=lambda w: {"note": "Found a bed"}),
        ],
        ("POST", "/api/v1/referrals/{referral_id}/assign"): [
            ApiCase(_api_referral("queued_referral", "/assign"), api_only({"navigator"}, 200, 404, **{p: 403 for p in SENDERS}),
                    body=lambda w: {"to_organization_id": w.orgs["vsp"].pk}),
        ],
        ("GET", "/api/v1/referrals/{referral_id}/messages"): [
            ApiCase(_api_referral("referral", "/messages"), api_only(VSP_CLIENT_OWNERS | SENDERS, 200, 404)),
        ],
        ("POST", "/api/v1/referrals/{referral_id}/messages"): [
            ApiCase(_api_referral("referral", "/messages"), api_only(VSP_CLIENT_OWNERS | SENDERS, 201, 404),
                    body=lambda w: {"text": "Can she come tonight?"}),
        ],
        ("GET", "/api/v1/referrals/{referral_id}/matches"): [
            ApiCase(_api_referral("queued_referral", "/matches"), api_only({"navigator"}, 200, 404, **{p: 403 for p in SENDERS})),
            ApiCase(_api_referral("referral", "/matches"), api_only(VSP_CLIENT_OWNERS | SENDERS, 403, 404)),
        ],
        ("GET", "/api/v1/referral-timeliness"): [
            ApiCase(lambda w: "/api/v1/referral-timeliness", TIMELINESS_READERS),
            ApiCase(lambda w: "/api/v1/referral-timeliness?days=365", TIMELINESS_READERS),
        ],
    }
)

# The law-enforcement, deconfliction and prosecution compartments classify their pages and
# operations in their own modules (they import the helpers above).
from tests.privacy import registry_casework  # noqa: E402

URLS.update(registry_casework.URLS)

from tests.privacy import registry_investigations  # noqa: E402

API.update(registry_investigations.API)

# The task force's own work: meetings and decisions, protocols and agreements, trainings and the
# roadmap, survivor leaders, outreach and threat assessment.
from tests.privacy import (  # noqa: E402
    registry_meetings,
    registry_outreach,
    registry_protocols,
    registry_trainings,
)

for _part in (registry_meetings, registry_protocols, registry_trainings, registry_outreach):
    URLS.update(_part.URLS)
    API.update(_part.API)

# Reporting: quarterly reports, dashboards, HTCDS interchange, the evaluation extract.
from tests.privacy import (  # noqa: E402
    registry_dashboards,
    registry_evaluation,
    registry_htcds,
    registry_reports,
)

for _part in (registry_reports, registry_dashboards, registry_htcds, registry_evaluation):
    URLS.update(_part.URLS)
    API.update(_part.API)
