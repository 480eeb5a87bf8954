"""Action items: an owner always, reminders on fixed days, who completes them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted
from ally.meetings import actions
from ally.meetings.jobs import remind_action_items, reminds_on
from ally.meetings.models import ActionItem
from ally.meetings.queries import my_open_action_items, overdue_action_items
from ally.notifications.models import Notification
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.meetings.conftest import meeting

D = dt.timedelta


def test_an_item_without_an_owner_or_with_an_outsider_is_refused_and_nothing_changes(tf, coordinator, outsider, auditor):
    events = AuditEvent.objects.filter(event_type__startswith="action_item").count()
    with pytest.raises(InvalidInput, match="needs an owner"):
        actions.assign_action_item(tf, acting_user=coordinator, title="Draft the protocol", owner=None, due_on=dt.date(2030, 1, 1))
    for person in (outsider, auditor):
        with pytest.raises(InvalidInput, match="person of the task force"):
            actions.assign_action_item(tf, acting_user=coordinator, title="Draft", owner=person, due_on=dt.date(2030, 1, 1))
    response = Api(coordinator).post("/action-items", {"title": "Draft", "due_on": "2030-01-01"})
    assert response.status_code == 400 and "owner" in response.json()["detail"]
    page = client_for(coordinator).post(reverse("action_item_create"), {"title": "Draft", "due_on": "2030-01-01"})
    assert page.status_code == 200 and "needs an owner" in page.content.decode()
    assert not ActionItem.objects.exists()
    assert AuditEvent.objects.filter(event_type__startswith="action_item").count() == events == 0


def test_the_owner_is_told_and_completes_it_others_may_not(tf, coordinator, advocate, detective):
    held = meeting(tf, by=coordinator)
    item = actions.assign_action_item(tf, acting_user=coordinator, title="Call the shelter", owner=advocate,
                                      due_on=dt.date(2030, 1, 1), meeting=held)
    note = Notification.objects.get(user=advocate, kind="action_item.assigned")
    assert note.link == reverse("action_item_detail", args=[item.pk])
    with pytest.raises(NotPermitted):
        actions.complete_action_item(item, acting_user=detective)
    assert Api(detective).post(f"/action-items/{item.pk}/complete", {"note": "x"}).status_code == 403
    response = client_for(advocate).post(reverse("action_item_complete", args=[item.pk]), {"note": "Called."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.done_note == "Called." and item.done_by == advocate
    assert Api(advocate).post(f"/action-items/{item.pk}/complete", {}).status_code == 409


def test_reminders_3_days_before_on_the_day_then_weekly(tf, coordinator, advocate):
    due = dt.date(2030, 3, 10)
    days = [due + D(days=n) for n in range(-5, 23)]
    assert [d for d in days if reminds_on(due, d)] == [
        dt.date(2030, 3, 7), dt.date(2030, 3, 10), dt.date(2030, 3, 17), dt.date(2030, 3, 24), dt.date(2030, 3, 31)]
    actions.assign_action_item(tf, acting_user=coordinator, title="x", owner=advocate, due_on=due)
    assert remind_action_items(tf, today=dt.date(2030, 3, 8)) == 0
    assert remind_action_items(tf, today=dt.date(2030, 3, 7)) == 1
    assert remind_action_items(tf, today=dt.date(2030, 3, 17)) == 1
    titles = list(Notification.objects.filter(kind="action_item.due").order_by("pk").values_list("title", flat=True))
    assert titles == ["Action item due on 2030-03-10", "Action item overdue since 2030-03-10"]


def test_done_items_are_not_reminded(tf, coordinator, advocate):
    item = actions.assign_action_item(tf, acting_user=coordinator, title="x", owner=advocate, due_on=dt.date(2030, 3, 10))
    actions.complete_action_item(item, acting_user=advocate)
    assert remind_action_items(tf, today=dt.date(2030, 3, 10)) == 0


@time_machine.travel(dt.datetime(2030, 3, 20, 15, 0, tzinfo=dt.UTC), tick=False)
def test_overdue_and_my_items_for_the_coordinator_home(tf, coordinator, co_lead, advocate, detective):
    late = actions.assign_action_item(tf, acting_user=coordinator, title="late", owner=advocate, due_on=dt.date(2030, 3, 1))
    actions.assign_action_item(tf, acting_user=coordinator, title="later", owner=detective, due_on=dt.date(2030, 4, 1))
    mine = actions.assign_action_item(tf, acting_user=coordinator, title="mine", owner=detective, due_on=dt.date(2030, 3, 2))
    assert list(overdue_action_items(coordinator)) == [late, mine]
    assert list(overdue_action_items(co_lead)) == [late, mine]
    assert list(overdue_action_items(detective)) == [mine]
    assert [i.title for i in my_open_action_items(detective)] == ["mine", "later"]
    page = client_for(coordinator).get(reverse("action_item_list") + "?show=overdue").content.decode()
    assert "late" in page and "later" not in page
    # a member sees only their own standalone items
    assert client_for(advocate).get(reverse("action_item_detail", args=[mine.pk])).status_code == 404


def test_the_item_list_takes_a_fixed_number_of_queries(tf, coordinator, advocate):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    web = client_for(coordinator)
    for n in (2, 6):
        held = meeting(tf, by=coordinator, title=f"M{n}")
        for i in range(n):
            actions.assign_action_item(tf, acting_user=None, title=f"I{i}", owner=advocate, due_on=dt.date(2030, 1, 1), meeting=held)
        with CaptureQueriesContext(connection) as queries:
            assert web.get(reverse("action_item_list") + "?show=open").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
