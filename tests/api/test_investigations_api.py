"""The law-enforcement API through a personal token: tips, investigations, targets (with
deconfliction at once), operations and heads-ups, hits and conflicts — the same rules as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.deconfliction.models import Hit
from ally.investigations.models import Identifier, Investigation, Operation
from ally.notifications.models import Notification
from tests import factories
from tests.api.token_client import Api


@pytest.fixture
def sheriff(tf):
    return factories.organization(tf, "Dane County Sheriff", discipline="law_enforcement", jurisdiction="local")


@pytest.fixture
def deputy(sheriff):
    return factories.member(sheriff, "member", full_name="Dee Deputy", phone="608-555-7777")


@pytest.fixture
def sergeant(police):
    return factories.member(police, "supervisor", full_name="Sara Sergeant")


@pytest.fixture
def as_deputy(deputy):
    return Api(deputy)


def _open(api, **body):
    values = {"title": "Dairy farm", "trafficking_type": "labor", "industry": "agriculture",
              "suspicion_basis": "Hotline call corroborated by a patrol stop"}
    response = api.post("/investigations", values | body)
    assert response.status_code == 201, response.content
    return response.json()


def test_a_tip_becomes_an_investigation(tf, police, detective, as_detective):
    sent = as_detective.post("/tips", {"source": "hotline", "narrative": "Workers locked in at night",
                                       "industry": "agriculture"})
    assert sent.status_code == 201, sent.content
    tip = sent.json()
    assert tip["status"] == "new" and tip["organization"]["id"] == police.pk
    triaged = as_detective.post(f"/tips/{tip['id']}/triage", {"status": "assigned", "assigned_to_id": detective.pk})
    assert triaged.status_code == 200, triaged.content
    assert triaged.json()["assigned_to"]["id"] == detective.pk
    opened = as_detective.post(f"/tips/{tip['id']}/open-investigation", {
        "title": "Dairy farm", "trafficking_type": "labor", "suspicion_basis": "Hotline call",
    })
    assert opened.status_code == 201, opened.content
    case = opened.json()
    assert case["tip_ids"] == [tip["id"]] and case["industry"] == "agriculture"
    assert case["review_by"] == (dt.date.fromisoformat(case["opened_on"]).replace(year=dt.date.fromisoformat(case["opened_on"]).year + 5)).isoformat()
    assert as_detective.get(f"/tips/{tip['id']}").json()["status"] == "opened"
    listed = as_detective.get("/tips")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    # a second tip joins the investigation
    second = as_detective.post("/tips", {"source": "patrol", "narrative": "Same farm"}).json()
    joined = as_detective.post(f"/tips/{second['id']}/join", {"investigation_id": case["id"]})
    assert joined.status_code == 200 and joined.json()["investigation_id"] == case["id"]


def test_an_investigation_is_changed_reviewed_closed_and_purged(tf, police, detective, sergeant, as_detective):
    case = _open(as_detective)
    pk = case["id"]
    changed = as_detective.patch(f"/investigations/{pk}", {"version": case["version"], "title": "Dairy farm ring"})
    assert changed.status_code == 200 and changed.json()["title"] == "Dairy farm ring"
    stale = as_detective.patch(f"/investigations/{pk}", {"version": case["version"], "title": "Again"})
    assert stale.status_code == 409
    # validating and purging take a supervisor of the owning agency
    assert as_detective.post(f"/investigations/{pk}/validate", {"note": "Still active"}).status_code == 403
    as_sergeant = Api(sergeant)
    validated = as_sergeant.post(f"/investigations/{pk}/validate", {"note": "Still active"})
    assert validated.status_code == 200 and validated.json()["validated_on"]
    # a record still under investigation is not purged: refused, nothing changed
    refused = as_sergeant.post(f"/investigations/{pk}/purge", {"reason": "Done"})
    assert refused.status_code == 409
    assert Investigation.objects.get(pk=pk).purged_at is None
    closed = as_detective.post(f"/investigations/{pk}/status", {"status": "closed", "reason": "No evidence"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    purged = as_sergeant.post(f"/investigations/{pk}/purge", {"reason": "Five years, nothing new"})
    assert purged.status_code == 200, purged.content
    body = purged.json()
    assert body["purged"] and body["title"] is None and body["suspicion_basis"] is None
    assert "Hotline call corroborated" not in purged.content.decode()
    assert as_detective.get("/investigations?status=all").json()["items"][0]["title"] is None
    # purged: no more changes
    assert as_detective.patch(f"/investigations/{pk}", {"version": body["version"], "title": "x"}).status_code == 403


def test_partners_and_the_dissemination_log(tf, police, detective, sergeant, sheriff, deputy, as_deputy):
    as_sergeant = Api(sergeant)
    case = _open(as_sergeant)
    pk = case["id"]
    assert as_deputy.get(f"/investigations/{pk}").status_code == 404
    added = as_sergeant.post(f"/investigations/{pk}/partners", {"organization_id": sheriff.pk, "reason": "Joint case"})
    assert added.status_code == 201, added.content
    assert [p["organization"]["id"] for p in added.json()["partners"]] == [sheriff.pk]
    assert as_deputy.get(f"/investigations/{pk}").status_code == 200
    log = as_sergeant.get(f"/investigations/{pk}/disseminations").json()
    assert [e["to_organization"]["id"] for e in log] == [sheriff.pk]
    entry = as_deputy.post(f"/investigations/{pk}/disseminations",
                           {"what": "The subject's phone", "reason": "Traffic stop", "to_person": "Sgt. Ortiz"})
    assert entry.status_code == 201 and entry.json()["to_person"] == "Sgt. Ortiz"
    # the partner does not add or remove partners
    assert as_deputy.send("DELETE", f"/investigations/{pk}/partners/{sheriff.pk}").status_code == 403
    removed = as_sergeant.send("DELETE", f"/investigations/{pk}/partners/{sheriff.pk}")
    assert removed.status_code == 200 and removed.json()["partners"] == []
    assert as_deputy.get(f"/investigations/{pk}").status_code == 404


def test_the_same_phone_written_differently_at_two_agencies(tf, police, detective, as_detective, deputy, as_deputy):
    mine = _open(as_detective)
    theirs = _open(as_deputy, title="Massage parlor", trafficking_type="sex", industry="")
    first = as_detective.post(f"/investigations/{mine['id']}/identifiers", {"kind": "phone", "value": "(608) 555-0142"})
    assert first.status_code == 201, first.content
    assert first.json()["deconfliction"] == {"conflict": False, "hits": []}
    second = as_deputy.post(f"/investigations/{theirs['id']}/identifiers", {"kind": "phone", "value": "+1 608-555-0142"})
    assert second.status_code == 201, second.content
    saved = second.json()["deconfliction"]
    assert saved["conflict"] is True and len(saved["hits"]) == 1
    hit_id = saved["hits"][0]
    # both investigators are told, with each other's contact details
    assert Notification.objects.filter(user=detective, kind="deconfliction.target_hit").exists()
    assert Notification.objects.filter(user=deputy, kind="deconfliction.target_hit").exists()
    as_mine, as_theirs = as_detective.get(f"/hits/{hit_id}").json(), as_deputy.get(f"/hits/{hit_id}").json()
    assert as_mine["my_investigation_id"] == mine["id"] and as_mine["other"]["name"] == "Dee Deputy"
    assert as_mine["other"]["phone"] == "608-555-7777" and as_mine["other"]["agency"] == "Dane County Sheriff"
    assert as_theirs["my_investigation_id"] == theirs["id"] and as_theirs["other"]["name"] == "Dana Detective"
    # nothing else of the other case: not its number, title or identifier
    assert theirs["number"] not in str(as_mine) and "Massage parlor" not in str(as_mine)
    assert mine["number"] not in str(as_theirs) and "Dairy farm" not in str(as_theirs)
    assert as_detective.get("/hits").json()["count"] == 1
    # and each still gets 404 on the other's investigation and its identifiers
    assert as_detective.get(f"/investigations/{theirs['id']}").status_code == 404
    assert as_deputy.get(f"/investigations/{mine['id']}").status_code == 404
    assert as_deputy.get(f"/investigations/{mine['id']}/identifiers").status_code == 404


def test_a_malformed_phone_is_refused_and_nothing_saved(tf, police, as_detective):
    case = _open(as_detective)
    refused = as_detective.post(f"/investigations/{case['id']}/identifiers", {"kind": "phone", "value": "call me maybe"})
    assert refused.status_code == 400 and refused.json()["detail"]
    assert not Identifier.objects.exists() and not Hit.objects.exists()


def test_subjects_victims_and_arrests(tf, police, as_detective, vsp, advocate):
    case = _open(as_detective)
    base = f"/investigations/{case['id']}"
    subject = as_detective.post(f"{base}/subjects", {"given_name": "Jon", "family_name": "Smith",
                                                     "date_of_birth": "1980-03-04", "roles": ["Exploiter"]})
    assert subject.status_code == 201, subject.content
    assert subject.json()["deconfliction"]["conflict"] is False
    sid = subject.json()["subject"]["id"]
    patched = as_detective.patch(f"{base}/subjects/{sid}", {"aliases": ["JJ"]})
    assert patched.status_code == 200 and patched.json()["subject"]["aliases"] == ["JJ"]
    victim = as_detective.post(f"{base}/victims", {"given_name": "Ana", "trafficking_type": "labor"})
    assert victim.status_code == 201, victim.content
    vid = victim.json()["id"]
    # a client not shared with the agency cannot be linked
    assert as_detective.post(f"{base}/victims/{vid}/link", {"client_id": 999999}).status_code == 400
    # an arrest of a victim needs the stated reason
    no_reason = as_detective.post(f"{base}/arrests", {"victim_id": vid, "on": timezone.localdate().isoformat(), "offense": "Loitering"})
    assert no_reason.status_code == 400
    arrest = as_detective.post(f"{base}/arrests", {"victim_id": vid, "on": timezone.localdate().isoformat(),
                                                    "offense": "Loitering", "reason": "Found at the farm"})
    assert arrest.status_code == 201 and arrest.json()["of"] == "victim"
    listed = as_detective.get(f"{base}/arrests").json()
    assert [a["reason"] for a in listed] == ["Found at the farm"]
    assert [s["family_name"] for s in as_detective.get(f"{base}/subjects").json()] == ["Smith"]
    removed = as_detective.post(f"{base}/subjects/{sid}/remove", {"reason": "Wrong person"})
    assert removed.status_code == 200 and as_detective.get(f"{base}/subjects").json() == []
    # nobody outside the agency reaches any of it
    for part in ("/subjects", "/victims", "/arrests", "/identifiers", "/disseminations"):
        assert Api(advocate).get(base + part).status_code == 404


def _operation(api, start, **body):
    values = {"kind": "search_warrant", "name": "Sunrise", "location": "12 Farm Rd",
              "starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=4)).isoformat(),
              "latitude": 43.0731, "longitude": -89.4012, "radius_m": 200,
              "expected_victims": 6, "expected_genders": ["Masculine"], "expected_languages": "Spanish"}
    return api.post("/operations", values | body)


def test_operations_conflict_and_a_heads_up_carries_no_date_or_place(tf, police, detective, as_detective, deputy, as_deputy, vsp, advocate):
    start = timezone.now() + dt.timedelta(days=10)
    mine = _operation(as_detective, start)
    assert mine.status_code == 201, mine.content
    assert mine.json()["conflicts"] == []
    op = mine.json()["operation"]
    # 300 m away, overlapping: a conflict, both alerted, each sees only whom to call
    theirs = _operation(as_deputy, start + dt.timedelta(hours=1), name="Dawn", location="Elm St", latitude=43.0758)
    assert theirs.status_code == 201, theirs.content
    conflicts = theirs.json()["conflicts"]
    assert len(conflicts) == 1 and conflicts[0]["other"]["name"] == "Dana Detective"
    assert "Sunrise" not in theirs.content.decode() and "12 Farm Rd" not in theirs.content.decode()
    mine_side = as_detective.get(f"/operation-conflicts/{conflicts[0]['id']}").json()
    assert mine_side["my_operation_id"] == op["id"] and mine_side["other"]["name"] == "Dee Deputy"
    assert "Dawn" not in str(mine_side) and "Elm St" not in str(mine_side)
    assert as_deputy.get(f"/operations/{op['id']}").status_code == 404
    # heads-up to the provider: general timeline only
    sent = as_detective.post(f"/operations/{op['id']}/heads-ups", {"to_organization_id": vsp.pk})
    assert sent.status_code == 201, sent.content
    heads_up = Api(advocate).get(f"/heads-ups/{sent.json()['id']}")
    assert heads_up.status_code == 200
    body = heads_up.json()
    assert body["timeline"] == "two_weeks" and body["expected_victims"] == 6 and body["languages"] == "Spanish"
    assert not {"starts_at", "ends_at", "location", "latitude", "longitude", "name", "operation_id", "date", "place"} & set(body)
    text = heads_up.content.decode()
    assert "Sunrise" not in text and "12 Farm Rd" not in text and start.date().isoformat() not in text.replace(body["sent_at"], "")
    assert Api(advocate).get(f"/operations/{op['id']}").status_code == 404
    # the provider acknowledges; the sender cannot do it for them
    assert as_detective.post(f"/heads-ups/{body['id']}/acknowledge").status_code == 403
    acked = Api(advocate).post(f"/heads-ups/{body['id']}/acknowledge")
    assert acked.status_code == 200 and acked.json()["acknowledged_at"]
    assert Api(advocate).post(f"/heads-ups/{body['id']}/acknowledge").status_code == 409


def test_an_operation_that_ends_before_it_starts_is_refused(tf, police, as_detective):
    start = timezone.now() + dt.timedelta(days=3)
    refused = _operation(as_detective, start, ends_at=(start - dt.timedelta(hours=1)).isoformat())
    assert refused.status_code == 400 and refused.json()["detail"]
    assert not Operation.objects.exists()
    op = _operation(as_detective, start).json()["operation"]
    patched = as_detective.patch(f"/operations/{op['id']}", {"version": op["version"],
                                                              "ends_at": (start - dt.timedelta(hours=1)).isoformat()})
    assert patched.status_code == 400
    assert Operation.objects.get(pk=op["id"]).version == op["version"]
    cancelled = as_detective.post(f"/operations/{op['id']}/status", {"status": "cancelled"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_a_read_only_token_reads_but_refuses_writes(tf, police, detective, as_detective):
    case = _open(as_detective)
    reader = Api(detective, read_only=True)
    assert reader.get(f"/investigations/{case['id']}").status_code == 200
    assert reader.get("/tips").status_code == 200
    assert reader.post("/tips", {"source": "hotline", "narrative": "x"}).status_code == 403
    assert reader.post(f"/investigations/{case['id']}/identifiers", {"kind": "phone", "value": "608-555-0100"}).status_code == 403
    assert reader.patch(f"/investigations/{case['id']}", {"version": case["version"], "title": "x"}).status_code == 403
    assert not Identifier.objects.exists()
    assert Investigation.objects.get(pk=case["id"]).title == "Dairy farm"


def test_who_may_open_what(tf, police, as_detective, advocate, outsider):
    # a provider's staff do not open tips or investigations; an outsider sees nothing
    assert Api(advocate).post("/tips", {"source": "hotline", "narrative": "x"}).status_code == 403
    assert Api(advocate).get("/investigations").json()["count"] == 0
    assert Api(outsider).get("/investigations").status_code == 404
    case = _open(as_detective)
    assert Api(advocate).get(f"/investigations/{case['id']}").status_code == 404
