from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.meetings import actions
from ally.survivors import actions as survivor_actions
from tests import factories


@pytest.fixture
def north(tf):
    return factories.region(tf, "North", counties=["Ashland"])


@pytest.fixture
def shelter(tf, north):
    return factories.organization(tf, "North Star Shelter", regions_served=[north])


@pytest.fixture
def co_lead(tf, police):
    user = factories.member(police, "supervisor", full_name="Leo Colead")
    return factories.role(tf, "co_lead", user)


@pytest.fixture
def supervisor(vsp):
    return factories.member(vsp, "supervisor", full_name="Sam Supervisor")


@pytest.fixture
def navigator(tf, shelter, north):
    user = factories.member(shelter, "member", full_name="Nia Navigator")
    return factories.role(tf, "navigator", user, regions=[north])


@pytest.fixture
def auditor(tf):
    return factories.role(tf, "auditor", factories.person("Aldo Auditor"))


@pytest.fixture
def survivor(vsp, advocate):
    return survivor_actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example", trafficking_type="labor")


def soon(days: int = 3, hours: int = 0) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days, hours=hours)).replace(microsecond=0)


def meeting(tf, kind="full_task_force", *, by=None, title="Monthly meeting", days=3, **extra):
    return actions.schedule_meeting(tf, acting_user=by, kind=kind, title=title, starts_at=soon(days),
                                    ends_at=soon(days, 2), **extra)


@pytest.fixture
def case_review(tf, co_lead, advocate, supervisor, survivor):
    review = meeting(tf, "case_review", by=co_lead, title="CR-TITLE review", attendees=[advocate, supervisor],
                     agenda="Agenda of the review")
    actions.add_case(review, acting_user=advocate, client=survivor)
    actions.record_minutes(review, acting_user=co_lead, minutes="CONFIDENTIAL-MINUTES discussed")
    actions.assign_action_item(tf, acting_user=co_lead, title="CONFIDENTIAL-ITEM follow up", owner=advocate,
                               due_on=timezone.localdate() + dt.timedelta(days=5), meeting=review)
    return review
