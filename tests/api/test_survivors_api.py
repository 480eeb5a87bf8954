"""The survivors API: clients, consents, shares and disclosures, through a personal token."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient

from ally.audit.models import AuditEvent, DisclosureLog
from ally.survivors import actions
from ally.survivors.models import Client, CompelledDisclosure, Consent, NotifySurvivorTask, Share
from tests import factories
from tests.api.token_client import Api

RECORD_GROUPS = [
    "identity",
    "contact_location",
    "demographics",
    "trafficking_details",
    "legal_immigration",
    "services",
]


@pytest.fixture
def as_admin(vsp_admin):
    return Api(vsp_admin)


@pytest.fixture
def record(as_advocate):
    response = as_advocate.post(
        "/clients",
        {
            "legal_name": "Maria Example",
            "preferred_name": "Mari",
            "phone": "608-555-0142",
            "gender": "Feminine",
            "trafficking_type": "labor",
            "methods_of_control": ["DebtBondage"],
            "legal_needs": [],
        },
    )
    assert response.status_code == 201, response.content
    return Client.objects.get(pk=response.json()["id"])


def _consent_body(recipients, today, **overrides):
    body = {
        "recipient_ids": [r.pk for r in recipients],
        "field_groups": ["identity", "trafficking_details"],
        "purposes": ["law_enforcement_coordination"],
        "signed_on": today.isoformat(),
        "expires_on": (today + dt.timedelta(days=90)).isoformat(),
        "signature_method": "scanned_form",
    }
    body.update(overrides)
    return body


@pytest.fixture
def shared(record, police, as_advocate, today):
    """The client's identity, shared with the police under the client's consent."""
    consent = as_advocate.post(f"/clients/{record.pk}/consents", _consent_body([police], today))
    assert consent.status_code == 201, consent.content
    share = as_advocate.post(
        f"/clients/{record.pk}/shares",
        {"recipient_id": police.pk, "field_groups": ["identity"], "purpose": "law_enforcement_coordination"},
    )
    assert share.status_code == 201, share.content
    return Share.objects.get(pk=share.json()["id"])


# --- reading clients -------------------------------------------------------------------------


def test_the_owner_reads_every_group(record, as_advocate, advocate):
    response = as_advocate.get(f"/clients/{record.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["is_owner"] and body["shared_through"] is None
    assert set(RECORD_GROUPS) <= set(body["field_groups"])
    assert all(body[group] is not None for group in RECORD_GROUPS)
    assert body["identity"]["legal_name"] == "Maria Example"
    assert body["contact_location"]["phone"] == "608-555-0142"
    assert body["trafficking_details"]["methods_of_control"] == ["DebtBondage"]
    assert body["display_name"] == "Mari"
    assert body["version"] == 1
    assert [a["id"] for a in body["advocates"]] == [advocate.pk]
    assert not DisclosureLog.objects.exists()


def test_another_providers_advocate_gets_404(tf, record):
    other_vsp = factories.organization(tf, "Northwoods Advocacy Center")
    other = Api(factories.member(other_vsp, "org_admin"))
    assert other.get(f"/clients/{record.pk}").status_code == 404
    assert other.patch(f"/clients/{record.pk}", {"version": 1, "city": "Madison"}).status_code == 404
    assert other.get(f"/clients/{record.pk}/consents").status_code == 404
    assert other.get(f"/clients/{record.pk}/disclosures").status_code == 404
    assert other.get("/clients").json() == {"count": 0, "items": []}


def test_a_detective_reads_only_the_shared_groups_and_the_read_is_logged(
    record, shared, as_detective, as_advocate, detective, police
):
    response = as_detective.get(f"/clients/{record.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["field_groups"] == ["identity"]
    assert body["identity"]["legal_name"] == "Maria Example"
    for group in RECORD_GROUPS[1:]:
        assert body[group] is None
    assert body["is_owner"] is False
    assert body["advocates"] is None and body["version"] is None
    assert body["shared_through"]["share_id"] == shared.pk
    assert "608-555-0142" not in response.content.decode()

    log = DisclosureLog.objects.get()
    assert (log.reader, log.recipient_organization, log.field_groups) == (detective, police, ["identity"])
    report = as_advocate.get(f"/clients/{record.pk}/disclosures", language="en").json()
    assert [(r["kind"], r["person"], r["field_groups"]) for r in report["disclosures"]] == [
        ("read", "Dana Detective", ["Identity"])
    ]
    assert [s["organization"] for s in report["shares_in_force"]] == [police.name]


def test_the_list_puts_own_clients_first_by_name_and_pages(tf, vsp, police, vsp_admin, today):
    other_vsp = factories.organization(tf, "Northwoods Advocacy Center")
    theirs = actions.create_client(other_vsp, acting_user=None, legal_name="Aaron First")
    actions.record_consent(
        theirs, acting_user=None, recipients=[vsp], field_groups=["identity"],
        purposes=["referral_for_services"], signed_on=today,
        expires_on=today + dt.timedelta(days=30), signature_method="scanned_form",
    )
    actions.share_client(
        theirs, recipient=vsp, field_groups=["identity"], purpose="referral_for_services", acting_user=None
    )
    for name in ("Zoe Last", "Bea Middle"):
        actions.create_client(vsp, acting_user=None, legal_name=name)
    api = Api(vsp_admin)
    body = api.get("/clients").json()
    assert body["count"] == 3
    assert [(c["name"], c["is_owner"]) for c in body["items"]] == [
        ("Bea Middle", True), ("Zoe Last", True), (None, False)
    ]
    assert [c["name"] for c in api.get("/clients", limit=1, offset=1).json()["items"]] == ["Zoe Last"]
    assert api.get("/clients", limit=0).status_code == 422
    assert not DisclosureLog.objects.exists()


def test_the_list_shows_shared_clients_by_number_only_and_logs_nothing(record, shared, as_detective, as_advocate):
    response = as_detective.get("/clients")
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": record.pk,
                "organization_id": record.organization_id,
                "organization": "Harbor Survivor Services",
                "is_owner": False,
                "name": None,
                "trafficking_type": None,
                "case_status": None,
                "intake_date": None,
            }
        ],
    }
    assert "Maria" not in response.content.decode()
    assert not DisclosureLog.objects.exists()
    own = as_advocate.get("/clients").json()["items"]
    assert [(c["name"], c["is_owner"], c["case_status"]) for c in own] == [("Mari", True, "Active")]


def test_a_reader_cannot_see_consents_shares_or_the_report_and_nothing_is_logged(
    record, shared, as_detective
):
    for path in ("consents", "shares", "disclosures"):
        assert as_detective.get(f"/clients/{record.pk}/{path}").status_code == 403
    assert as_detective.patch(f"/clients/{record.pk}", {"version": 1, "city": "X"}).status_code == 403
    consent_id = shared.consent_id
    assert as_detective.post(f"/consents/{consent_id}/revoke").status_code == 404
    assert as_detective.post(f"/shares/{shared.pk}/revoke").status_code == 404
    assert not DisclosureLog.objects.exists()
    assert Consent.objects.get().revoked_at is None


def test_after_the_consent_is_revoked_the_next_read_is_404(record, shared, as_detective, as_advocate, today):
    assert as_detective.get(f"/clients/{record.pk}").status_code == 200
    response = as_advocate.post(f"/consents/{shared.consent_id}/revoke", {"note": "Client asked"})
    assert response.status_code == 200
    assert response.json()["revoked_at"] is not None and response.json()["in_force"] is False
    assert as_detective.get(f"/clients/{record.pk}").status_code == 404
    assert as_detective.get("/clients").json()["count"] == 0
    shares = as_advocate.get(f"/clients/{record.pk}/shares").json()
    assert [(s["id"], s["granted_groups"]) for s in shares] == [(shared.pk, [])]


def test_an_expired_consent_closes_the_share(record, shared, as_detective, today):
    Consent.objects.filter(pk=shared.consent_id).update(
        signed_on=today - dt.timedelta(days=60), expires_on=today - dt.timedelta(days=1)
    )
    assert as_detective.get(f"/clients/{record.pk}").status_code == 404
    assert DisclosureLog.objects.count() == 0


def test_a_revoked_share_closes_at_once(record, shared, as_detective, as_advocate):
    response = as_advocate.post(f"/shares/{shared.pk}/revoke")
    assert response.status_code == 200 and response.json()["revoked_at"] is not None
    assert as_detective.get(f"/clients/{record.pk}").status_code == 404


def test_funders_and_auditors_see_no_individuals(tf, record):
    auditor = Api(factories.role(tf, "auditor"))
    assert auditor.get("/clients").status_code == 403
    assert auditor.get(f"/clients/{record.pk}").status_code == 404
    assert auditor.post("/clients", {"legal_name": "Someone"}).status_code == 403
    assert auditor.get("/notification-tasks").status_code == 403
    assert Client.objects.count() == 1


def test_outsiders_get_404_and_no_token_401(outsider, record):
    assert Api(outsider).get("/clients").status_code == 404
    assert HttpClient().get(f"/api/v1/clients/{record.pk}").status_code == 401


# --- changing clients ------------------------------------------------------------------------


def test_an_edit_names_its_version_and_a_stale_one_is_409(record, as_advocate, as_admin):
    first = as_advocate.patch(f"/clients/{record.pk}", {"version": 1, "city": "Madison"})
    assert first.status_code == 200
    assert first.json()["contact_location"]["city"] == "Madison" and first.json()["version"] == 2
    stale = as_admin.patch(f"/clients/{record.pk}", {"version": 1, "city": "Milwaukee"})
    assert stale.status_code == 409
    assert "Someone else changed this record" in stale.json()["detail"]
    record.refresh_from_db()
    assert (record.city, record.version) == ("Madison", 2)


def test_a_patch_changes_only_the_fields_sent(record, as_advocate):
    response = as_advocate.patch(f"/clients/{record.pk}", {"version": 1, "date_of_birth": None, "aliases": ["Mimi"]})
    assert response.status_code == 200
    record.refresh_from_db()
    assert (record.legal_name, record.aliases, record.gender) == ("Maria Example", ["Mimi"], "Feminine")
    event = AuditEvent.objects.filter(event_type="client.updated").get()
    assert event.changes == {"fields": ["aliases"]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"gender": "Robot"}, "gender: unknown value Robot"),
        ({"methods_of_control": ["DebtBondage", "Hypnosis"]}, "unknown value Hypnosis"),
        ({"legal_name": "  "}, "legal name"),
        ({"date_of_birth": "2999-01-01"}, "cannot be in the future"),
    ],
)
def test_bad_client_values_are_a_clear_400_and_nothing_changes(record, as_advocate, body, message):
    response = as_advocate.patch(f"/clients/{record.pk}", {"version": 1, **body})
    assert response.status_code == 400
    assert message in response.json()["detail"]
    record.refresh_from_db()
    assert record.version == 1 and record.gender == "Feminine"
    created = as_advocate.post("/clients", {"legal_name": "Someone Else", **body})
    assert created.status_code == 400
    assert Client.objects.count() == 1


def test_schema_errors_are_refused_before_anything_is_saved(as_advocate):
    assert as_advocate.post("/clients", {"legal_name": "X", "aliases": "not a list"}).status_code == 422
    assert as_advocate.post("/clients", {"preferred_name": "no legal name"}).status_code == 422
    assert not Client.objects.exists()


def test_opening_a_possible_duplicate_asks_for_confirmation(record, as_advocate, vsp):
    check = as_advocate.post("/clients/duplicates", {"legal_name": "María Example", "phone": "+1 608 555 0142"})
    assert check.status_code == 200
    assert check.json()["organization_id"] == vsp.pk
    [match] = check.json()["matches"]
    assert match["client_id"] == record.pk and "same phone" in match["reasons"]

    refused = as_advocate.post("/clients", {"legal_name": "Maria Example"})
    assert refused.status_code == 409
    assert [m["client_id"] for m in refused.json()["matches"]] == [record.pk]
    assert Client.objects.count() == 1
    confirmed = as_advocate.post("/clients", {"legal_name": "Maria Example", "confirm_new": True})
    assert confirmed.status_code == 201
    assert Client.objects.count() == 2


def test_a_match_the_advocate_may_not_open_is_counted_not_named(record, vsp):
    colleague = Api(factories.member(vsp))
    [match] = colleague.post("/clients/duplicates", {"legal_name": "Maria Example"}).json()["matches"]
    assert match["client_id"] is None


def test_someone_in_two_providers_names_the_organization(tf, vsp, advocate):
    second = factories.organization(tf, "Northwoods Advocacy Center")
    factories.member(second, user=advocate)
    api = Api(advocate)
    response = api.post("/clients", {"legal_name": "New Person"})
    assert response.status_code == 400 and "organization_id" in response.json()["detail"]
    response = api.post("/clients", {"legal_name": "New Person", "organization_id": second.pk})
    assert response.status_code == 201
    assert Client.objects.get().organization == second


def test_only_victim_service_members_open_records(police, as_detective, outsider):
    response = as_detective.post("/clients", {"legal_name": "New Person"})
    assert response.status_code == 403
    response = as_detective.post("/clients", {"legal_name": "New Person", "organization_id": police.pk})
    assert response.status_code == 400 and "victim-service" in response.json()["detail"]
    assert not Client.objects.exists()


def test_a_read_only_token_reads_but_does_not_write(record, advocate):
    api = Api(advocate, read_only=True)
    assert api.get(f"/clients/{record.pk}").status_code == 200
    assert api.patch(f"/clients/{record.pk}", {"version": 1, "city": "X"}).status_code == 403
    assert api.post("/clients", {"legal_name": "New Person"}).status_code == 403


def test_supervisors_assign_and_unassign_advocates(record, vsp, advocate, as_admin, as_advocate):
    colleague = factories.member(vsp, full_name="Cam Colleague")
    response = as_admin.post(f"/clients/{record.pk}/advocates", {"user_id": colleague.pk})
    assert response.status_code == 200
    assert {a["id"] for a in response.json()} == {advocate.pk, colleague.pk}
    assert Api(colleague).get(f"/clients/{record.pk}").status_code == 200

    assert as_advocate.post(f"/clients/{record.pk}/advocates", {"user_id": colleague.pk}).status_code == 403
    assert as_advocate.delete(f"/clients/{record.pk}/advocates/{colleague.pk}").status_code == 403
    outsider_org = factories.member(factories.organization(vsp.task_force, "Elsewhere"))
    response = as_admin.post(f"/clients/{record.pk}/advocates", {"user_id": outsider_org.pk})
    assert response.status_code == 400 and "members of the client's organization" in response.json()["detail"]

    response = as_admin.delete(f"/clients/{record.pk}/advocates/{colleague.pk}")
    assert response.status_code == 200 and [a["id"] for a in response.json()] == [advocate.pk]
    assert Api(colleague).get(f"/clients/{record.pk}").status_code == 404


# --- consents and shares ---------------------------------------------------------------------


def test_consents_are_listed_for_the_owner(record, shared, as_advocate, police):
    [consent] = as_advocate.get(f"/clients/{record.pk}/consents").json()
    assert consent["recipients"] == [{"id": police.pk, "name": police.name}]
    assert consent["in_force"] is True
    assert consent["field_groups"] == ["identity", "trafficking_details"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"expires_on": None}, "needs an expiry date"),
        ({"expires_on": "__too_far__"}, "lasts at most 365 days"),
        ({"field_groups": ["identity", "bank_details"]}, "Unknown field groups: bank_details"),
        ({"purposes": ["marketing"]}, "Purposes are"),
        ({"signature_method": "nod"}, "Say how the consent was signed"),
        ({"guardian_suspected_abuser": True, "guardian_name": "Uncle"}, "suspected of abusing"),
        ({"recipient_ids": []}, "at least one organization"),
        ({"recipient_ids": [999999]}, "Recipients are other organizations"),
    ],
)
def test_a_bad_consent_is_a_clear_400_and_nothing_is_saved(record, police, as_advocate, today, overrides, message):
    if overrides.get("expires_on") == "__too_far__":
        overrides = {"expires_on": (today + dt.timedelta(days=366)).isoformat()}
    response = as_advocate.post(f"/clients/{record.pk}/consents", _consent_body([police], today, **overrides))
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(event_type="consent.recorded").exists()


def test_a_minor_needs_a_guardian_or_a_stated_rule(record, police, as_advocate, today):
    as_advocate.patch(f"/clients/{record.pk}", {"version": 1, "date_of_birth": (today - dt.timedelta(days=15 * 365)).isoformat()})
    response = as_advocate.post(f"/clients/{record.pk}/consents", _consent_body([police], today))
    assert response.status_code == 400 and "minor" in response.json()["detail"]
    assert not Consent.objects.exists()
    response = as_advocate.post(
        f"/clients/{record.pk}/consents",
        _consent_body([police], today, guardian_name="Rosa Example", guardian_relationship="mother"),
    )
    assert response.status_code == 201
    assert response.json()["guardian_name"] == "Rosa Example"


def test_a_share_needs_a_covering_consent(record, shared, police, tf, as_advocate):
    before = Share.objects.count()
    # Contact details are not in the consent.
    response = as_advocate.post(
        f"/clients/{record.pk}/shares",
        {"recipient_id": police.pk, "field_groups": ["contact_location"], "purpose": "law_enforcement_coordination"},
    )
    assert response.status_code == 400 and "No consent in force covers" in response.json()["detail"]
    # Nor is another organization.
    da = factories.organization(tf, "County District Attorney", discipline="prosecution")
    response = as_advocate.post(
        f"/clients/{record.pk}/shares",
        {"recipient_id": da.pk, "field_groups": ["identity"], "purpose": "law_enforcement_coordination"},
    )
    assert response.status_code == 400
    response = as_advocate.post(
        f"/clients/{record.pk}/shares",
        {"recipient_id": police.pk, "field_groups": ["identity", "gossip"], "purpose": "law_enforcement_coordination"},
    )
    assert response.status_code == 400 and "Unknown field groups: gossip" in response.json()["detail"]
    assert Share.objects.count() == before


def test_a_share_can_name_its_readers(record, shared, police, detective, as_advocate, today):
    colleague = factories.member(police)
    response = as_advocate.post(
        f"/clients/{record.pk}/shares",
        {
            "recipient_id": police.pk,
            "field_groups": ["trafficking_details"],
            "purpose": "law_enforcement_coordination",
            "recipient_user_ids": [detective.pk],
        },
    )
    assert response.status_code == 201
    assert [u["id"] for u in response.json()["recipient_users"]] == [detective.pk]
    assert Api(detective).get(f"/clients/{record.pk}").json()["field_groups"] == ["identity", "trafficking_details"]
    assert Api(colleague).get(f"/clients/{record.pk}").json()["field_groups"] == ["identity"]
    bad = as_advocate.post(
        f"/clients/{record.pk}/shares",
        {
            "recipient_id": police.pk,
            "field_groups": ["identity"],
            "purpose": "law_enforcement_coordination",
            "recipient_user_ids": [record.advocates.get().pk],
        },
    )
    assert bad.status_code == 400 and "Named readers" in bad.json()["detail"]


# --- disclosures -----------------------------------------------------------------------------


def test_the_disclosure_report_in_spanish(record, shared, as_detective, as_advocate):
    as_detective.get(f"/clients/{record.pk}")
    report = as_advocate.get(f"/clients/{record.pk}/disclosures", language="es")
    assert report.status_code == 200
    body = report.json()
    assert body["language"] == "es"
    assert body["disclosures"][0]["field_groups"] == ["Identidad"]
    assert as_advocate.get(f"/clients/{record.pk}/disclosures", language="fr").status_code == 422


def test_a_compelled_disclosure_creates_a_task_for_the_advocate(
    record, as_admin, as_advocate, as_detective, advocate, vsp_admin, today
):
    body = {
        "legal_basis": "court_order",
        "citation": "Dane County Case 2025CF1234",
        "field_groups": ["identity", "contact_location"],
        "recipient": "Dane County Circuit Court",
        "disclosed_on": today.isoformat(),
        "description": "Name and last known address",
    }
    assert as_advocate.post(f"/clients/{record.pk}/compelled-disclosures", body).status_code == 403
    assert as_detective.post(f"/clients/{record.pk}/compelled-disclosures", body).status_code == 404
    bad = as_admin.post(f"/clients/{record.pk}/compelled-disclosures", {**body, "citation": " "})
    assert bad.status_code == 400 and "Cite the statute" in bad.json()["detail"]
    assert not CompelledDisclosure.objects.exists()

    response = as_admin.post(f"/clients/{record.pk}/compelled-disclosures", body)
    assert response.status_code == 201, response.content
    created = response.json()
    task = created["notification_task"]
    assert [u["id"] for u in task["assigned_to"]] == [advocate.pk]
    assert task["due_on"] == (today + dt.timedelta(days=3)).isoformat()

    [mine] = as_advocate.get("/notification-tasks").json()
    assert mine["id"] == task["id"] and mine["assigned_to_me"] is True
    assert mine["compelled_disclosure"]["citation"] == "Dane County Case 2025CF1234"
    [overseen] = as_admin.get("/notification-tasks").json()
    assert overseen["assigned_to_me"] is False
    assert as_detective.get("/notification-tasks").json() == []

    path = f"/notification-tasks/{task['id']}/complete"
    assert as_detective.post(path, {"outcome": "x"}).status_code == 404
    assert as_advocate.post(path, {"outcome": "  "}).status_code == 400
    done = as_advocate.post(path, {"outcome": "Told her in person"})
    assert done.status_code == 200
    assert done.json()["done_by"]["id"] == advocate.pk and done.json()["outcome"] == "Told her in person"
    assert as_advocate.post(path, {"outcome": "again"}).status_code == 409
    assert as_advocate.get("/notification-tasks").json() == []
    assert [t["id"] for t in as_advocate.get("/notification-tasks", status="done").json()] == [task["id"]]
    assert NotifySurvivorTask.objects.get().outcome == "Told her in person"

    report = as_advocate.get(f"/clients/{record.pk}/disclosures").json()
    assert [r["kind"] for r in report["disclosures"]] == ["compelled"]
