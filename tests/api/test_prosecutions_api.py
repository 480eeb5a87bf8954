"""The prosecutions API through a personal token: referring an investigation, the office's answer,
the case with its defendants, charges, dispositions, court events and victims, and the statute
catalogue — the same rules as the prosecution pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.investigations import actions as le
from ally.prosecutions.models import Charge, ProsecutionCase, ProsecutionReferral, Statute
from tests import factories
from tests.api.token_client import Api


@pytest.fixture
def da(tf):
    return factories.organization(tf, "Lakeshore County District Attorney", discipline="prosecution", jurisdiction="local")


@pytest.fixture
def usao(tf):
    return factories.organization(tf, "U.S. Attorney's Office", discipline="prosecution", jurisdiction="federal")


@pytest.fixture
def prosecutor(da):
    return factories.member(da, "member", full_name="Petra Prosecutor")


@pytest.fixture
def as_prosecutor(prosecutor):
    return Api(prosecutor)


@pytest.fixture
def investigation(police, detective):
    return le.open_investigation(police, acting_user=detective, title="Operation Lantern", trafficking_type="sex",
                                 suspicion_basis="Hotline tip corroborated by ads and surveillance.")


@pytest.fixture
def subject(investigation, detective):
    subject, _hits = le.add_subject(investigation, acting_user=detective, given_name="Rex", family_name="Trafficker",
                                    date_of_birth="1980-03-04")
    return subject


@pytest.fixture
def victim(investigation, detective):
    return le.identify_victim(investigation, acting_user=detective, given_name="Luz", family_name="Victima")


def _refer(api, investigation, office):
    response = api.post("/prosecution-referrals", {"investigation_id": investigation.pk, "to_organization_id": office.pk,
                                                    "summary": "Forced commercial sex, two victims"})
    assert response.status_code == 201, response.content
    return response.json()


def _accepted(as_detective, as_prosecutor, investigation, da):
    referral = _refer(as_detective, investigation, da)
    accepted = as_prosecutor.post(f"/prosecution-referrals/{referral['id']}/accept",
                                  {"number": "26-CF-101", "jurisdiction": "state", "court": "Circuit Court"})
    assert accepted.status_code == 201, accepted.content
    return accepted.json()


def test_a_referral_is_accepted_and_the_case_is_worked(tf, police, detective, as_detective, da, prosecutor, as_prosecutor,
                                                       investigation, subject, victim):
    case = _accepted(as_detective, as_prosecutor, investigation, da)
    assert case["investigation"] == {"id": investigation.pk, "number": investigation.number}
    assert case["may_change"] is True and case["status"] == "pre_charge"
    pk = case["id"]
    # the office sees its case; the agency reads it (and cannot change it)
    seen = as_detective.get(f"/prosecutions/{pk}")
    assert seen.status_code == 200 and seen.json()["may_change"] is False
    assert as_detective.patch(f"/prosecutions/{pk}", {"version": case["version"], "court": "x"}).status_code == 403
    assert as_detective.get(f"/prosecution-referrals/{case['referral_id']}").json()["status"] == "accepted"
    # defendant from the subject, a trafficking charge, a disposition with sentence
    defendant = as_prosecutor.post(f"/prosecutions/{pk}/defendants", {"subject_id": subject.pk})
    assert defendant.status_code == 201, defendant.content
    assert defendant.json()["family_name"] == "Trafficker"
    did = defendant.json()["id"]
    filed = as_prosecutor.post(f"/prosecutions/{pk}/defendants/{did}/charges",
                               {"citation": "18 U.S.C. § 1591", "counts": 2, "filed_on": timezone.localdate().isoformat()})
    assert filed.status_code == 201, filed.content
    charge = filed.json()
    assert charge["statute"]["category"] == "trafficking" and charge["counts"] == 2
    disposed = as_prosecutor.post(f"/prosecutions/{pk}/charges/{charge['id']}/disposition",
                                  {"disposition": "plea", "on": timezone.localdate().isoformat(), "sentence_months": 120})
    assert disposed.status_code == 200, disposed.content
    assert disposed.json()["disposition"] == "plea" and disposed.json()["sentence_months"] == 120
    assert [c["id"] for c in as_detective.get(f"/prosecutions/{pk}/charges").json()] == [charge["id"]]
    # court events: scheduled, moved, cancelled
    when = timezone.now() + dt.timedelta(days=14)
    event = as_prosecutor.post(f"/prosecutions/{pk}/court-events",
                               {"kind": "arraignment", "starts_at": when.isoformat(), "place": "Courtroom 4B"})
    assert event.status_code == 201, event.content
    eid = event.json()["id"]
    moved = as_prosecutor.patch(f"/prosecutions/{pk}/court-events/{eid}", {"place": "Courtroom 2A"})
    assert moved.status_code == 200 and moved.json()["place"] == "Courtroom 2A"
    cancelled = as_prosecutor.post(f"/prosecutions/{pk}/court-events/{eid}/cancel", {"reason": "Continued"})
    assert cancelled.status_code == 200 and cancelled.json()["cancelled_at"]
    # victims of the case come from the investigation
    victims = as_prosecutor.get(f"/prosecutions/{pk}/victims").json()
    assert [v["victim_id"] for v in victims] == [victim.pk]
    # the case changes with its version
    version = as_prosecutor.get(f"/prosecutions/{pk}").json()["version"]
    changed = as_prosecutor.patch(f"/prosecutions/{pk}", {"version": version, "court": "Circuit Court, Branch 3"})
    assert changed.status_code == 200, changed.content
    assert as_prosecutor.patch(f"/prosecutions/{pk}", {"version": version, "court": "Branch 4"}).status_code == 409
    assert as_prosecutor.get("/prosecutions").json()["count"] == 1


def test_a_charge_under_an_unknown_statute_is_refused_and_nothing_saved(tf, police, as_detective, da, as_prosecutor,
                                                                      investigation, subject):
    case = _accepted(as_detective, as_prosecutor, investigation, da)
    did = as_prosecutor.post(f"/prosecutions/{case['id']}/defendants", {"subject_id": subject.pk}).json()["id"]
    for body in ({"citation": "18 U.S.C. § 9999"}, {"statute_id": 999999}, {"citation": ""}):
        refused = as_prosecutor.post(f"/prosecutions/{case['id']}/defendants/{did}/charges",
                                     body | {"filed_on": timezone.localdate().isoformat()})
        assert refused.status_code == 400, body
        assert "statute" in refused.json()["detail"].lower()
    assert not Charge.objects.exists()


def test_decline_and_withdraw(tf, police, detective, as_detective, da, as_prosecutor, usao, investigation):
    referral = _refer(as_detective, investigation, da)
    # the agency does not decide; the office does not withdraw
    assert as_detective.post(f"/prosecution-referrals/{referral['id']}/decline", {"reason": "priorities"}).status_code == 403
    assert as_prosecutor.post(f"/prosecution-referrals/{referral['id']}/withdraw", {}).status_code == 403
    # "other" needs a note: refused, nothing changed
    assert as_prosecutor.post(f"/prosecution-referrals/{referral['id']}/decline", {"reason": "other"}).status_code == 400
    assert ProsecutionReferral.objects.get(pk=referral["id"]).status == "pending"
    declined = as_prosecutor.post(f"/prosecution-referrals/{referral['id']}/decline",
                                  {"reason": "insufficient_evidence", "note": "Need more"})
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    assert as_prosecutor.post(f"/prosecution-referrals/{referral['id']}/decline", {"reason": "priorities"}).status_code == 409
    second = _refer(as_detective, investigation, usao)
    withdrawn = as_detective.post(f"/prosecution-referrals/{second['id']}/withdraw", {"note": "Sent to the DA instead"})
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    # the other office never sees the DA's referral
    assert Api(factories.member(usao, full_name="Uma")).get(f"/prosecution-referrals/{referral['id']}").status_code == 404


def test_nobody_else_sees_the_case(tf, police, as_detective, da, as_prosecutor, usao, investigation, advocate, vsp):
    case = _accepted(as_detective, as_prosecutor, investigation, da)
    other_office = Api(factories.member(usao, full_name="Uma"))
    for api in (other_office, Api(advocate)):
        assert api.get(f"/prosecutions/{case['id']}").status_code == 404
        assert api.get(f"/prosecutions/{case['id']}/court-events").status_code == 404
        assert api.get("/prosecutions").json()["count"] == 0
    sheriff = factories.organization(tf, "Sheriff", discipline="law_enforcement")
    assert Api(factories.member(sheriff, full_name="Dee")).get(f"/prosecutions/{case['id']}").status_code == 404
    # a prosecutor does not read the investigation itself
    assert as_prosecutor.get(f"/investigations/{investigation.pk}").status_code == 404


def test_an_office_opens_its_own_case(tf, da, as_prosecutor, police, as_detective):
    opened = as_prosecutor.post("/prosecutions", {"number": "26-CF-7", "jurisdiction": "federal"})
    assert opened.status_code == 201, opened.content
    assert opened.json()["investigation"] is None
    # twice the same number: 409; an unknown jurisdiction: 400; an agency: 403
    assert as_prosecutor.post("/prosecutions", {"number": "26-CF-7", "jurisdiction": "federal"}).status_code == 409
    assert as_prosecutor.post("/prosecutions", {"number": "26-CF-8", "jurisdiction": "tribal"}).status_code == 400
    assert as_detective.post("/prosecutions", {"number": "26-CF-9", "jurisdiction": "state"}).status_code == 403
    assert ProsecutionCase.objects.count() == 1


def test_the_statute_catalogue(tf, coordinator, as_prosecutor, as_detective):
    listed = as_prosecutor.get("/statutes", limit=500)
    assert listed.status_code == 200
    citations = {s["citation"] for s in listed.json()["items"]}
    assert "18 U.S.C. § 1589" in citations and "18 U.S.C. § 1591" in citations
    # the coordinator adds and retires; others may not
    body = {"citation": "Wis. Stat. § 999.01", "title": "Labor exploitation (test)", "jurisdiction": "state", "state": "WI",
            "category": "trafficking"}
    assert as_prosecutor.post("/statutes", body).status_code == 403
    as_coordinator = Api(coordinator)
    added = as_coordinator.post("/statutes", body)
    assert added.status_code == 201, added.content
    assert as_coordinator.post("/statutes", body).status_code == 409
    assert as_coordinator.post("/statutes", body | {"citation": "Wis. Stat. § 1", "state": ""}).status_code == 400
    sid = added.json()["id"]
    assert as_detective.patch(f"/statutes/{sid}", {"is_active": False}).status_code == 403
    retired = as_coordinator.patch(f"/statutes/{sid}", {"is_active": False})
    assert retired.status_code == 200 and retired.json()["is_active"] is False
    assert not Statute.objects.get(pk=sid).is_active


def test_a_read_only_token_reads_but_refuses_writes(tf, police, as_detective, da, prosecutor, as_prosecutor, investigation):
    case = _accepted(as_detective, as_prosecutor, investigation, da)
    reader = Api(prosecutor, read_only=True)
    assert reader.get(f"/prosecutions/{case['id']}").status_code == 200
    assert reader.patch(f"/prosecutions/{case['id']}", {"version": case["version"], "status": "charged"}).status_code == 403
    assert reader.post(f"/prosecutions/{case['id']}/court-events", {
        "kind": "trial", "starts_at": (timezone.now() + dt.timedelta(days=3)).isoformat(), "place": "Room 1"}).status_code == 403
    assert ProsecutionCase.objects.get(pk=case["id"]).status == "pre_charge"
