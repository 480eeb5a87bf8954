"""Vetting by navigators: validity by date, who records and reads a visit, the checklist."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.network import actions, checklist
from ally.network.models import VettingVisit
from ally.network.queries import valid_vetting, with_vetting
from ally.tenancy.models import Organization
from tests import factories
from tests.conftest import client_for
from tests.network.conftest import all_met, fresh, vet

D = dt.timedelta


def _valid_annotated(provider, day):
    return with_vetting(Organization.objects.filter(pk=provider.pk), day).get().vetting_valid


def test_an_approval_holds_until_its_revisit_date(shelter, today):
    visit = vet(shelter, today - D(days=100), revisit_in=100)  # revisit on today
    assert valid_vetting(shelter, today) == visit
    assert valid_vetting(shelter, today - D(days=100)) == visit
    assert valid_vetting(shelter, today + D(days=1)) is None  # the revisit date has passed
    assert valid_vetting(shelter, today - D(days=101)) is None  # before the visit
    assert [_valid_annotated(shelter, d) for d in (today, today + D(days=1))] == [True, False]


def test_conditional_counts_and_not_approved_does_not(shelter, today):
    vet(shelter, today - D(days=30), outcome="conditional", revisit_in=60)
    assert valid_vetting(shelter, today) is not None and _valid_annotated(shelter, today)
    vet(shelter, today - D(days=1), outcome="not_approved", revisit_in=None)
    assert valid_vetting(shelter, today) is None and not _valid_annotated(shelter, today)
    # On a day before the later visit, the earlier approval still answered.
    assert valid_vetting(shelter, today - D(days=2)) is not None


def test_the_latest_visit_wins_even_if_an_older_one_runs_longer(shelter, today):
    vet(shelter, today - D(days=300), revisit_in=700)
    vet(shelter, today - D(days=10), outcome="not_approved", revisit_in=30)
    assert valid_vetting(shelter, today) is None
    assert not _valid_annotated(shelter, today)


def test_never_vetted(shelter, today):
    assert valid_vetting(shelter, today) is None and not _valid_annotated(shelter, today)


def test_a_navigator_of_a_region_the_provider_serves_records_a_visit(shelter, south_navigator, today):
    visit = actions.record_vetting_visit(
        shelter, acting_user=fresh(south_navigator), visited_on=today, answers=all_met(),
        outcome="approved", revisit_on=today + D(days=365),
    )
    assert visit.reviewer == south_navigator and visit.checklist_version == checklist.current().version
    event = AuditEvent.objects.get(event_type="provider.vetting_recorded")
    assert event.organization_id == shelter.pk and event.changes["outcome"] == "approved"


def test_a_navigator_of_another_region_cannot_vet(shelter, north_navigator, today):
    with pytest.raises(NotPermitted):
        actions.record_vetting_visit(
            shelter, acting_user=fresh(north_navigator), visited_on=today, answers=all_met(),
            outcome="approved", revisit_on=today + D(days=365),
        )
    assert client_for(north_navigator).get(f"/providers/{shelter.pk}/vetting/new/").status_code == 403


def test_nobody_vets_their_own_organization(shelter, south, today, coordinator):
    insider = factories.member(shelter, "member")
    factories.role(shelter.task_force, "navigator", insider, regions=[south])
    factories.member(shelter, "member", user=coordinator)
    for reviewer in (insider, coordinator):
        with pytest.raises(NotPermitted):
            actions.record_vetting_visit(
                shelter, acting_user=fresh(reviewer), visited_on=today, answers=all_met(),
                outcome="approved", revisit_on=today + D(days=365),
            )


def test_the_coordinator_vets_any_provider(shelter, coordinator, today):
    response = client_for(coordinator).post(
        f"/providers/{shelter.pk}/vetting/new/",
        {"visited_on": today.isoformat(), "outcome": "conditional", "revisit_on": (today + D(days=90)).isoformat(),
         "notes": "Translate the intake form.", **{f"item_{k}": v for k, v in all_met().items()}},
    )
    assert response.status_code == 302
    assert VettingVisit.objects.get().outcome == "conditional"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answers": {}}, "Answer every item"),
        ({"answers": {**all_met(), "extra": "met"}}, "Not items of the checklist"),
        ({"answers": {**all_met(), "language_access": "sort of"}}, "Each answer is one of"),
        ({"revisit_on": None}, "needs a revisit date"),
        ({"outcome": "conditional"}, "conditions"),
        ({"outcome": "maybe"}, "outcome"),
        ({"visited_on": "future"}, "future"),
    ],
)
def test_it_refuses_an_incomplete_visit(shelter, today, changes, message):
    values = {"visited_on": today, "answers": all_met(), "outcome": "approved", "revisit_on": today + D(days=9)}
    values.update(changes)
    if values["visited_on"] == "future":
        values["visited_on"] = today + D(days=1)
    with pytest.raises(InvalidInput, match=message):
        actions.record_vetting_visit(shelter, acting_user=None, reviewer=factories.person(), **values)
    assert not VettingVisit.objects.exists()


def test_who_reads_a_visit(shelter, shelter_admin, shelter_advocate, south_navigator, north_navigator, coordinator, detective, today):
    visit = vet(shelter, today)
    for person, status in [
        (shelter_admin, 200), (south_navigator, 200), (coordinator, 200),
        (shelter_advocate, 404), (north_navigator, 404), (detective, 404),
    ]:
        assert client_for(person).get(f"/vetting/{visit.pk}/").status_code == status, person
    with pytest.raises(NotVisible):
        from ally.access.network import access_vetting_visit

        access_vetting_visit(fresh(detective), visit.pk)


def test_the_checklist_is_versioned_bilingual_data():
    current = checklist.current()
    assert current.id == "ally-vetting" and current.version == "1"
    keys = {item.key for item in current.items}
    assert {"voluntary_services", "language_access", "confidentiality_practices", "staff_training", "safety_planning"} <= keys
    assert all(item.labels["en"] and item.labels["es"] for item in current.items)
    assert "law enforcement" in current.items[0].labels["en"]
