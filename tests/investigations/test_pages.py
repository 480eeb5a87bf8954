"""The law-enforcement pages, driven as their users drive them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ally.investigations import actions as le
from ally.investigations.models import Identifier, Investigation, Operation, Subject
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def state_police(tf):
    return factories.organization(tf, "State Patrol", discipline="law_enforcement", jurisdiction="state")


@pytest.fixture
def agent(state_police):
    return factories.member(state_police, "member", full_name="Sam State", phone="608-555-0100")


@pytest.fixture
def sergeant(police):
    return factories.member(police, "supervisor", full_name="Sue Sergeant")


def _case(org, user, **values):
    values.setdefault("title", "Dairy farm")
    values.setdefault("trafficking_type", "labor")
    values.setdefault("suspicion_basis", "Hotline call corroborated by a patrol stop")
    return le.open_investigation(org, acting_user=user, **values)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_open_add_subject_and_phone_then_another_agency_conflicts(detective, agent, state_police):
    page = client_for(detective)
    response = page.post("/investigations/new/", {
        "title": "Dairy farm", "trafficking_type": "labor", "industry": "",
        "suspicion_basis": "Hotline call corroborated", "opened_on": "", "number": "", "lead_investigator": "",
    })
    case = Investigation.objects.get(title="Dairy farm")
    assert response.status_code == 302 and response.url == f"/investigations/{case.pk}/"

    response = page.post(f"/investigations/{case.pk}/subjects/add/", {
        "given_name": "Jon", "family_name": "Quartzfield", "date_of_birth": "1980-03-04", "roles": ["Exploiter"],
    }, follow=True)
    assert "Deconfliction: no conflict" in _messages(response)
    assert "Quartzfield" in response.content.decode()

    response = page.post(f"/investigations/{case.pk}/identifiers/add/", {"kind": "phone", "phone": "(608) 555-0142"},
                         follow=True)
    assert "Deconfliction: no conflict" in _messages(response)
    assert "555-0142" in response.content.decode()

    other = _case(state_police, agent, title="Farms")
    response = client_for(agent).post(f"/investigations/{other.pk}/identifiers/add/",
                                      {"kind": "phone", "phone": "+1 608-555-0142"}, follow=True)
    html = response.content.decode()
    assert "Deconfliction: conflict — another agency holds this target" in html
    hit = re.search(r'href="/deconfliction/hits/(\d+)/"', html)
    assert hit is not None
    assert client_for(agent).get(f"/deconfliction/hits/{hit.group(1)}/").status_code == 200
    assert "Dairy farm" not in html and "Quartzfield" not in html

    subject = Subject.objects.get(investigation=case)
    theirs = client_for(agent)
    for url in (f"/investigations/{case.pk}/", f"/investigations/{case.pk}/edit/",
                f"/investigations/{case.pk}/subjects/add/", f"/investigations/{case.pk}/subjects/{subject.pk}/edit/",
                f"/investigations/{case.pk}/identifiers/add/"):
        assert theirs.get(url).status_code == 404, url
    assert theirs.post(f"/investigations/{case.pk}/subjects/{subject.pk}/remove/", {"reason": "x"}).status_code == 404
    assert Subject.objects.get(pk=subject.pk).removed_at is None


def test_malformed_phone_is_refused_and_nothing_changes(detective, police):
    case = _case(police, detective)
    response = client_for(detective).post(f"/investigations/{case.pk}/identifiers/add/",
                                          {"kind": "phone", "phone": "555-01"})
    assert response.status_code == 200
    assert "phone number" in response.content.decode()
    assert not Identifier.objects.filter(investigation=case).exists()


def test_supervisor_validates_then_purges_a_closed_case(detective, sergeant, police):
    case = _case(police, detective)
    le.add_subject(case, acting_user=detective, given_name="Zeb", family_name="Quartzfield")
    boss = client_for(sergeant)
    response = boss.post(f"/investigations/{case.pk}/validate/", {"note": "Still active lead"}, follow=True)
    assert "Record validated" in _messages(response)
    case.refresh_from_db()
    assert case.validated_on is not None

    response = boss.post(f"/investigations/{case.pk}/purge/", {"reason": "Five years, nothing found"}, follow=True)
    assert "still open" in _messages(response)
    assert Investigation.objects.get(pk=case.pk).purged_at is None

    # a member may not validate or purge
    assert client_for(detective).post(f"/investigations/{case.pk}/purge/", {"reason": "x"}).status_code == 403

    boss.post(f"/investigations/{case.pk}/status/", {"status": "closed", "reason": "No prosecutable offense"})
    assert Investigation.objects.get(pk=case.pk).status == "closed"
    response = boss.post(f"/investigations/{case.pk}/purge/", {"reason": "Review found no basis"}, follow=True)
    html = response.content.decode()
    assert "was purged" in html and "Review found no basis" in html
    assert "Quartzfield" not in html and "Zeb" not in html and "Hotline call" not in html
    assert "Dairy farm" not in html
    assert client_for(detective).get(f"/investigations/{case.pk}/edit/").status_code == 403


def test_review_queue(detective, sergeant, police):
    case = _case(police, detective, opened_on=timezone.localdate() - dt.timedelta(days=5 * 365 - 10))
    later = _case(police, detective, title="Later")
    html = client_for(sergeant).get("/investigations/reviews/").content.decode()
    assert case.number in html and later.number not in html and "Validate" in html
    html = client_for(detective).get("/investigations/reviews/").content.decode()
    assert case.number in html and "Validate" not in html  # their own case's due date only


def _operation(police, detective, **values):
    start = timezone.now() + dt.timedelta(days=10)
    values = {
        "kind": "search_warrant", "name": "Quartz Sunrise", "location": "12 Farm Rd Hidden",
        "starts_at": start, "ends_at": start + dt.timedelta(hours=4), "latitude": 43.0731, "longitude": -89.4012,
        "radius_m": 200, "expected_victims": 6, "expected_genders": ["Masculine"], "expected_languages": "Spanish",
        "minors_expected": True, **values,
    }
    operation, _conflicts = le.plan_operation(police, acting_user=detective, **values)
    return operation


def test_heads_up_shows_counts_and_never_the_name_date_or_place(detective, police, vsp, advocate):
    operation = _operation(police, detective)
    response = client_for(detective).post(f"/operations/{operation.pk}/heads-up/", {"to_organization": vsp.pk},
                                          follow=True)
    assert "Heads-up sent" in _messages(response)
    heads_up = operation.heads_ups.get()
    from zoneinfo import ZoneInfo

    forbidden = ["Quartz Sunrise", "12 Farm Rd", "Hidden", "43.07", "89.40"]
    for zone in (dt.UTC, ZoneInfo(police.task_force.time_zone)):
        local = timezone.localtime(operation.starts_at, timezone=zone)
        forbidden += [local.strftime("%Y-%m-%d"), local.strftime("%B %-d,"), local.strftime("%m/%d/%Y")]
    reader = client_for(advocate)
    for url in ("/heads-ups/", f"/heads-ups/{heads_up.pk}/"):
        html = reader.get(url).content.decode()
        for text in forbidden:
            assert text not in html, (url, text)
    html = reader.get(f"/heads-ups/{heads_up.pk}/").content.decode()
    assert ">6<" in html and "Spanish" in html and "Police" in html and "Dana Detective" in html
    assert "In one to two weeks" in html
    response = reader.post(f"/heads-ups/{heads_up.pk}/acknowledge/", follow=True)
    assert "Acknowledged" in _messages(response)
    # the sender may read it but not acknowledge it; the provider cannot open the operation
    assert client_for(detective).post(f"/heads-ups/{heads_up.pk}/acknowledge/").status_code == 403
    assert reader.get(f"/operations/{operation.pk}/").status_code == 404


def test_plan_operation_by_zip_and_see_the_conflict(detective, police, agent, state_police, tf):
    from zoneinfo import ZoneInfo

    _operation(police, detective)
    start = timezone.localtime(timezone.now() + dt.timedelta(days=10, minutes=30), timezone=ZoneInfo(tf.time_zone))
    page = client_for(agent)
    response = page.post("/operations/new/", {
        "kind": "surveillance", "name": "Dawn", "starts_at": "", "ends_at": "", "radius_m": 200,
        "latitude": "43.0758", "longitude": "-89.4012", "expected_victims": 0,
    })
    assert response.status_code == 200 and not Operation.objects.filter(name="Dawn").exists()

    # the end before the start: refused, nothing saved
    response = page.post("/operations/new/", {
        "kind": "surveillance", "name": "Dawn", "radius_m": 200, "latitude": "43.0758", "longitude": "-89.4012",
        "starts_at": (start + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": start.strftime("%Y-%m-%dT%H:%M"), "expected_victims": 0,
    })
    assert "must end after it starts" in response.content.decode()
    assert not Operation.objects.filter(name="Dawn").exists()

    # a bad ZIP: refused
    response = page.post("/operations/new/", {
        "kind": "surveillance", "name": "Dawn", "radius_m": 200, "zip_code": "00000",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "expected_victims": 0,
    })
    assert "not a known U.S. ZIP code" in response.content.decode()

    response = page.post("/operations/new/", {
        "kind": "surveillance", "name": "Dawn", "radius_m": 200, "latitude": "43.0758", "longitude": "-89.4012",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "expected_victims": 0,
    }, follow=True)
    html = response.content.decode()
    assert "Deconfliction: conflict" in html
    assert re.search(r'href="/deconfliction/conflicts/\d+/"', html)
    assert "Quartz Sunrise" not in html

    response = page.post("/operations/new/", {
        "kind": "outreach", "name": "Far away", "radius_m": 200, "zip_code": "54901",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "expected_victims": 0,
    }, follow=True)
    assert "Deconfliction: no conflict" in _messages(response)
    far = Operation.objects.get(name="Far away")
    assert abs(far.latitude - 44.0) < 0.2  # Oshkosh


def test_datetime_inputs_are_in_the_task_force_zone(detective, police, tf):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tf.time_zone)
    start = (timezone.now() + dt.timedelta(days=3)).astimezone(zone).replace(second=0, microsecond=0)
    client_for(detective).post("/operations/new/", {
        "kind": "surveillance", "name": "Zone", "radius_m": 200, "latitude": "43.0", "longitude": "-89.0",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "expected_victims": 0,
    })
    assert Operation.objects.get(name="Zone").starts_at == start


def test_victim_arrest_needs_the_stated_reason(detective, police):
    case = _case(police, detective)
    page = client_for(detective)
    page.post(f"/investigations/{case.pk}/victims/add/", {"given_name": "Ana", "citizenship": "", "gender": ""})
    victim = case.victims.get()
    html = page.get(f"/investigations/{case.pk}/").content.decode()
    assert "criminalization of survivors" in html and "Not linked to a victim-service client" in html
    response = page.post(f"/investigations/{case.pk}/arrests/add/", {
        "person": f"v{victim.pk}", "kind": "arrest", "on": timezone.localdate().isoformat(), "offense": "Loitering",
    }, follow=True)
    assert "Stated reason is required" in _messages(response)
    assert not case.arrests.exists()
    page.post(f"/investigations/{case.pk}/arrests/add/", {
        "person": f"v{victim.pk}", "kind": "arrest", "on": timezone.localdate().isoformat(), "offense": "Loitering",
        "reason": "Found at the farm",
    })
    assert case.arrests.get().victim == victim
    response = page.post(f"/investigations/{case.pk}/victims/{victim.pk}/link/", {"client_number": 999999}, follow=True)
    assert "No client with that number is shared with your agency" in _messages(response)


def test_tip_triage_and_open_investigation(detective, police):
    page = client_for(detective)
    from ally.investigations.actions.tips import indicator_ids

    indicator = sorted(indicator_ids())[0]
    response = page.post("/tips/new/", {"source": "hotline", "narrative": "Workers locked in", "indicators": [indicator]})
    assert response.status_code == 302
    tip_url = response.url
    html = page.get(tip_url).content.decode()
    assert "Workers locked in" in html
    tip_id = int(tip_url.strip("/").split("/")[-1])
    response = page.post(f"/tips/{tip_id}/triage/", {"status": "closed", "version": 1}, follow=True)
    assert "Reason is required" in _messages(response)
    response = page.post(f"/tips/{tip_id}/open-investigation/", {
        "title": "From tip", "trafficking_type": "labor", "suspicion_basis": "The tip",
    })
    case = Investigation.objects.get(title="From tip")
    assert response.url == f"/investigations/{case.pk}/"
    assert f"/tips/{tip_id}/" in page.get(response.url).content.decode()


def test_outsiders_and_providers_see_no_law_enforcement_pages(advocate, outsider, police, detective):
    case = _case(police, detective)
    for user, answer in ((advocate, 403), (outsider, 404)):  # outside the task force: nothing exists
        page = client_for(user)
        assert page.get(f"/investigations/{case.pk}/").status_code == 404
        for url in ("/investigations/", "/tips/", "/operations/", "/investigations/new/"):
            assert page.get(url).status_code == answer, url


@pytest.mark.parametrize("url", ["/investigations/", "/tips/", "/operations/", "/heads-ups/"])
def test_lists_keep_a_fixed_number_of_queries(url, detective, police, vsp, django_assert_max_num_queries):
    page = client_for(detective)

    def add(n):
        for _ in range(n):
            case = _case(police, detective)
            le.receive_tip(police, acting_user=detective, source="hotline", narrative="x")
            operation = _operation(police, detective, investigation=case)
            le.send_heads_up(operation, vsp, acting_user=detective)

    add(3)
    page.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert page.get(url).status_code == 200
    add(17)
    with django_assert_max_num_queries(len(few)):
        assert page.get(url).status_code == 200


def test_edits_use_the_version_and_partners_make_it_joint(detective, sergeant, police, agent, state_police):
    case = _case(police, detective)
    page = client_for(detective)
    form = {"title": "Renamed", "trafficking_type": "both", "industry": "", "lead_investigator": "", "version": 1}
    assert page.post(f"/investigations/{case.pk}/edit/", form).status_code == 302
    response = page.post(f"/investigations/{case.pk}/edit/", {**form, "title": "Again"})  # stale version
    assert "changed this investigation meanwhile" in response.content.decode()
    assert Investigation.objects.get(pk=case.pk).title == "Renamed"

    # a member cannot add a partner; the supervisor can, with the reason logged as a dissemination
    assert page.post(f"/investigations/{case.pk}/partners/add/",
                     {"organization": state_police.pk, "reason": "x"}).status_code == 403
    assert client_for(agent).get(f"/investigations/{case.pk}/").status_code == 404
    response = client_for(sergeant).post(f"/investigations/{case.pk}/partners/add/", {
        "organization": state_police.pk, "reason": "They hold the same phone"}, follow=True)
    html = response.content.decode()
    assert "Partner agency added" in html and "They hold the same phone" in html
    assert client_for(agent).get(f"/investigations/{case.pk}/").status_code == 200
    assert case.number in client_for(agent).get("/investigations/").content.decode()
    partner = case.partners.get()
    client_for(sergeant).post(f"/investigations/{case.pk}/partners/{partner.pk}/remove/")
    assert client_for(agent).get(f"/investigations/{case.pk}/").status_code == 404

    response = page.post(f"/investigations/{case.pk}/disseminations/add/", {
        "to_person": "County sheriff's sergeant", "what": "Subject's phone", "reason": "Traffic stop"}, follow=True)
    assert "Dissemination recorded" in _messages(response) and "Traffic stop" in response.content.decode()


def test_edit_subject_checks_again_and_removal_takes_a_reason(detective, police, agent, state_police):
    theirs = _case(state_police, agent, title="Farms")
    le.add_subject(theirs, acting_user=agent, given_name="John", family_name="Smith", date_of_birth="1980-03-04")
    case = _case(police, detective)
    subject, _hits = le.add_subject(case, acting_user=detective, given_name="Jon", family_name="Smyth")
    page = client_for(detective)
    response = page.post(f"/investigations/{case.pk}/subjects/{subject.pk}/edit/", {
        "given_name": "Jon", "family_name": "Smith", "date_of_birth": "1980-03-04"}, follow=True)
    assert "Deconfliction: conflict" in response.content.decode()
    response = page.post(f"/investigations/{case.pk}/subjects/{subject.pk}/edit/", {
        "given_name": "Jon", "family_name": "Smith", "date_of_birth": "1980-03-04", "notes": "Seen at the farm"},
        follow=True)
    assert "Deconfliction" not in _messages(response)  # nothing identifying changed
    response = page.post(f"/investigations/{case.pk}/subjects/{subject.pk}/remove/", {"reason": ""}, follow=True)
    assert Subject.objects.get(pk=subject.pk).removed_at is None
    page.post(f"/investigations/{case.pk}/subjects/{subject.pk}/remove/", {"reason": "Wrong person"})
    assert Subject.objects.get(pk=subject.pk).removed_at is not None


def test_every_identifier_kind_from_the_one_form(detective, police):
    case = _case(police, detective)
    page = client_for(detective)
    forms = [
        {"kind": "email", "email": "Boss@Example.org"},
        {"kind": "vehicle", "plate": "abc 123", "state": "wi"},
        {"kind": "account", "platform": "Instagram", "handle": "@boss"},
        {"kind": "url", "url": "https://ads.example.org/x"},
        {"kind": "address", "street": "12 Main Street", "city": "Madison", "state": "WI", "zip_code": "53703"},
        {"kind": "business", "business_name": "Sunny Spa LLC", "zip_code": "53703"},
        {"kind": "person", "given_name": "Ann", "family_name": "Other", "date_of_birth": "1990-01-02"},
    ]
    for form in forms:
        response = page.post(f"/investigations/{case.pk}/identifiers/add/", form, follow=True)
        assert "Deconfliction: no conflict" in _messages(response), form
    assert Identifier.objects.filter(investigation=case, removed_at=None).count() == len(forms)
    response = page.post(f"/investigations/{case.pk}/identifiers/add/", {"kind": "vehicle", "plate": "abc 123"})
    assert "state that issued the plate" in response.content.decode()
    identifier = Identifier.objects.filter(investigation=case, kind="email").get()
    page.post(f"/investigations/{case.pk}/identifiers/{identifier.pk}/remove/", {"reason": "Typo"})
    assert Identifier.objects.get(pk=identifier.pk).removed_at is not None
