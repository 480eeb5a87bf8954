"""The decision log: who is told, who records, search and filters, superseding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.meetings import actions
from ally.meetings.models import Decision
from ally.notifications.models import Notification
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.meetings.conftest import meeting

DAY = dt.date(2026, 3, 5)


def _decide(tf, by, title="Adopt the language-access protocol", **extra):
    extra.setdefault("body", "full_task_force")
    return actions.record_decision(tf, acting_user=by, title=title, rationale="Interpreters at every interview.",
                                   decided_on=DAY, **extra)


def _told(kind="decision.recorded"):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def test_a_decision_for_one_organization_tells_its_members_only(tf, vsp, coordinator, advocate, supervisor, detective, co_lead):
    held = meeting(tf, by=coordinator)
    Notification.objects.all().delete()
    decision = _decide(tf, coordinator, meeting=held, affects_all=False, organizations=[vsp])
    assert _told() == {advocate.pk, supervisor.pk}
    note = Notification.objects.get(user=advocate)
    assert note.link == reverse("decision_detail", args=[decision.pk])
    assert note.title == f"Decision recorded on {DAY.isoformat()}"  # never the free-text title
    # everybody reads the log all the same
    assert "Adopt the language-access protocol" in client_for(detective).get(reverse("decision_log")).content.decode()


def test_disciplines_roles_and_everyone(tf, coordinator, co_lead, advocate, detective, navigator, auditor):
    _decide(tf, coordinator, affects_all=False, disciplines=["law_enforcement"])
    assert _told() == {co_lead.pk, detective.pk}
    Notification.objects.all().delete()
    _decide(tf, coordinator, title="Navigators", affects_all=False, roles=["navigator"])
    assert _told() == {navigator.pk}
    Notification.objects.all().delete()
    _decide(tf, coordinator, title="All")
    assert _told() == {co_lead.pk, advocate.pk, detective.pk, navigator.pk, coordinator.pk}


def test_refusals_change_nothing(tf, coordinator, advocate):
    other = factories.organization(factories.task_force("Elsewhere"), "Far Away Org")
    with pytest.raises(InvalidInput, match="this task force only"):
        _decide(tf, coordinator, affects_all=False, organizations=[other])
    with pytest.raises(InvalidInput, match="who the decision affects"):
        _decide(tf, coordinator, affects_all=False)
    with pytest.raises(NotPermitted):
        _decide(tf, advocate)
    response = Api(coordinator).post("/decisions", {
        "title": "x", "rationale": "y", "decided_on": "2026-03-05", "body": "co_leads", "affects_all": False,
        "organization_ids": [other.pk]})
    assert response.status_code == 400
    assert not Decision.objects.exists() and not Notification.objects.filter(kind="decision.recorded").exists()


def test_a_chair_records_their_subcommittees_decisions_only(tf, coordinator, advocate, detective):
    committee = actions.create_committee(tf, acting_user=coordinator, name="Protocols", chair=advocate, members=[detective])
    _decide(tf, advocate, body="subcommittee", committee=committee)
    with pytest.raises(NotPermitted):
        _decide(tf, advocate, body="co_leads")


def test_search_and_filters(tf, vsp, police, coordinator, detective):
    committee = actions.create_committee(tf, acting_user=coordinator, name="Protocols")
    _decide(tf, coordinator, title="Adopt interpreters")
    actions.record_decision(tf, acting_user=coordinator, title="Shelter beds", rationale="More beds for the winter",
                            decided_on=dt.date(2025, 1, 2), body="subcommittee", committee=committee,
                            affects_all=False, organizations=[vsp])
    _decide(tf, coordinator, title="Police escorts", affects_all=False, disciplines=["law_enforcement"])
    web = client_for(detective)

    def titles(**query):
        page = web.get(reverse("decision_log"), query).content.decode()
        return {t for t in ("Adopt interpreters", "Shelter beds", "Police escorts") if t in page}

    assert titles(q="winter") == {"Shelter beds"}
    assert titles(body="subcommittee") == {"Shelter beds"}
    assert titles(year="2025") == {"Shelter beds"}
    assert titles(organization=police.pk) == {"Adopt interpreters", "Police escorts"}
    assert titles(organization=vsp.pk) == {"Adopt interpreters", "Shelter beds"}
    items = Api(detective).get("/decisions", q="beds").json()["items"]
    assert [d["title"] for d in items] == ["Shelter beds"]


def test_a_later_decision_supersedes_an_earlier_one(tf, coordinator, advocate):
    first = _decide(tf, coordinator)
    second = _decide(tf, coordinator, title="Adopt the revised protocol", supersedes=first)
    page = client_for(advocate).get(reverse("decision_detail", args=[first.pk])).content.decode()
    assert "Superseded by" in page and "Adopt the revised protocol" in page
    assert Api(advocate).get(f"/decisions/{first.pk}").json()["superseded_by_id"] == second.pk
    with pytest.raises(Conflict):
        _decide(tf, coordinator, title="Third", supersedes=first)


def test_the_log_is_for_colleagues(tf, coordinator, auditor, outsider):
    decision = _decide(tf, coordinator)
    assert client_for(auditor).get(reverse("decision_log")).status_code == 403
    assert client_for(auditor).get(reverse("decision_detail", args=[decision.pk])).status_code == 403
    assert client_for(outsider).get(reverse("decision_detail", args=[decision.pk])).status_code == 404


def test_recording_through_the_form(tf, vsp, coordinator, advocate):
    held = meeting(tf, by=coordinator)
    response = client_for(coordinator).post(reverse("decision_create"), {
        "title": "Adopt the MOU template", "rationale": "Every partner signs the same terms.", "decided_on": "2026-03-05",
        "body": "full_task_force", "meeting": held.pk, "organizations": [vsp.pk],
    })
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.meeting == held and not decision.affects_all
    assert _told() == {advocate.pk}


def test_the_log_takes_a_fixed_number_of_queries(tf, coordinator, advocate, vsp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    web = client_for(advocate)
    for n in (2, 6):
        for i in range(n):
            _decide(tf, None, title=f"D{n}-{i}", affects_all=False, organizations=[vsp], notify_affected=False)
        with CaptureQueriesContext(connection) as queries:
            assert web.get(reverse("decision_log")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
