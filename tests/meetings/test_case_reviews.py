"""Case reviews are a confidential forum: attendees only, everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotVisible
from ally.meetings import actions
from ally.meetings.queries import my_open_action_items, overdue_action_items, upcoming_meetings
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.meetings.conftest import meeting


def test_minutes_are_404_to_a_non_attendee_even_the_coordinator(case_review, coordinator, detective, advocate):
    for user in (coordinator, detective):
        web = client_for(user)
        for name in ("meeting_detail", "meeting_ics", "meeting_minutes", "meeting_attendance", "meeting_attendees"):
            assert web.get(reverse(name, args=[case_review.pk])).status_code == 404, name
        assert Api(user).get(f"/meetings/{case_review.pk}").status_code == 404
    page = client_for(advocate).get(reverse("meeting_detail", args=[case_review.pk])).content.decode()
    assert "CONFIDENTIAL-MINUTES" in page and "Agenda of the review" in page
    assert "No names or identifying details in minutes." in page


def test_a_case_review_is_in_nobody_elses_lists_calendar_api_or_counts(case_review, coordinator, advocate):
    item = case_review.action_items.get()
    for user, sees in ((coordinator, False), (advocate, True)):
        web = client_for(user)
        listed = web.get(reverse("meeting_list")).content.decode()
        assert ("CR-TITLE" in listed) is sees
        calendar = web.get(reverse("meeting_calendar")).content.decode()
        assert (f"UID:meeting-{case_review.pk}@" in calendar) is sees
        assert "CR-TITLE" not in calendar and "Agenda of the review" not in calendar  # synced outside: neutral
        assert ("CONFIDENTIAL-ITEM" in web.get(reverse("action_item_list") + "?show=open").content.decode()) is sees
        api = Api(user).get("/meetings").json()
        assert (case_review.pk in [m["id"] for m in api["items"]]) is sees and api["count"] == int(sees)
        assert (item.pk in [i["id"] for i in Api(user).get("/action-items").json()["items"]]) is sees
        assert upcoming_meetings(user).filter(pk=case_review.pk).exists() is sees
        assert web.get(reverse("action_item_detail", args=[item.pk])).status_code == (200 if sees else 404)
    assert list(my_open_action_items(advocate)) == [item]


def test_clients_are_named_only_to_attendees_who_can_open_them(tf, case_review, co_lead, detective, advocate, survivor):
    actions.set_attendees(case_review, acting_user=co_lead, attendees=[advocate, detective])
    page = client_for(detective).get(reverse("meeting_detail", args=[case_review.pk])).content.decode()
    assert "Maria Example" not in page and "A case you cannot open" in page
    body = Api(detective).get(f"/meetings/{case_review.pk}").json()
    assert body["cases"] == [{"id": case_review.cases.get().pk, "client_id": None}]
    page = client_for(advocate).get(reverse("meeting_detail", args=[case_review.pk])).content.decode()
    assert "Maria Example" in page


def test_adding_a_case_takes_seeing_the_client(case_review, co_lead, survivor):
    other = meeting(case_review.task_force, "case_review", by=co_lead, title="Second review",
                    attendees=list(case_review.attendee_list.all()))
    with pytest.raises(InvalidInput):
        actions.add_case(other, acting_user=co_lead, client=survivor)  # the co-lead cannot open the VSP's client
    response = client_for(co_lead).post(reverse("meeting_case_add", args=[other.pk]), {"client": survivor.pk})
    assert response.status_code == 302 and not other.cases.exists()


def test_attendance_of_someone_off_the_list_is_refused_and_nothing_changes(case_review, co_lead, advocate, detective):
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match="attendee list"):
        actions.record_attendance(case_review, acting_user=co_lead, attended=[advocate, detective])
    assert not case_review.attended.exists() and AuditEvent.objects.count() == events
    response = Api(co_lead).post(f"/meetings/{case_review.pk}/attendance", {"user_ids": [detective.pk]})
    assert response.status_code == 400 and not case_review.attended.exists()
    actions.record_attendance(case_review, acting_user=co_lead, attended=[advocate])
    assert list(case_review.attended.all()) == [advocate]


def test_a_case_review_item_is_owned_by_an_attendee(tf, case_review, co_lead, detective):
    count = case_review.action_items.count()
    with pytest.raises(InvalidInput, match="attendee list"):
        actions.assign_action_item(tf, acting_user=co_lead, title="x", owner=detective,
                                   due_on=dt.date(2030, 1, 1), meeting=case_review)
    assert case_review.action_items.count() == count


def test_a_case_review_is_convened_by_leadership_who_stays_on_the_list(tf, co_lead, advocate, supervisor):
    review = meeting(tf, "case_review", by=co_lead, attendees=[advocate])
    assert set(review.attendee_list.all()) == {co_lead, advocate}
    actions.set_attendees(review, acting_user=co_lead, attendees=[supervisor])
    assert set(review.attendee_list.all()) == {co_lead, supervisor}
    with pytest.raises(NotVisible):
        actions.record_minutes(review, acting_user=advocate, minutes="x")  # off the list now


def test_the_coordinator_off_the_list_cannot_see_or_change_it(case_review, coordinator):
    with pytest.raises(NotVisible):
        actions.cancel_meeting(case_review, acting_user=coordinator)
    assert overdue_action_items(coordinator).count() == 0


def test_a_decision_is_never_recorded_at_a_case_review(tf, case_review, co_lead):
    from ally.meetings.models import Decision

    with pytest.raises(InvalidInput, match="case review"):
        actions.record_decision(tf, acting_user=co_lead, title="Adopt", rationale="Because", decided_on=dt.date(2030, 1, 1),
                                body="co_leads", meeting=case_review)
    assert not Decision.objects.exists()


def test_a_case_review_needs_someone_besides_the_convener(tf, co_lead):
    with pytest.raises(InvalidInput):
        meeting(tf, "case_review", by=co_lead, attendees=[])
    outsider = factories.person("Olive Outsider")
    with pytest.raises(InvalidInput):
        meeting(tf, "case_review", by=co_lead, attendees=[outsider])
