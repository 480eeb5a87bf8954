"""Scheduling meetings: who is told, refusals, the calendar export, and the lists' queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted
from ally.meetings import actions
from ally.meetings.models import Meeting
from ally.notifications.models import Notification
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.meetings.conftest import meeting, soon


def _told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def test_a_full_task_force_meeting_tells_every_colleague_but_not_auditors(
        tf, coordinator, co_lead, advocate, detective, navigator, auditor, outsider):
    meeting(tf, by=coordinator)
    assert _told("meeting.scheduled") == {co_lead.pk, advocate.pk, detective.pk, navigator.pk}


def test_co_lead_subcommittee_and_listening_session_invitees(tf, north, coordinator, co_lead, advocate, detective, navigator):
    meeting(tf, "co_leads", by=coordinator)
    assert _told("meeting.scheduled") == {co_lead.pk}
    Notification.objects.all().delete()
    committee = actions.create_committee(tf, acting_user=coordinator, name="Protocols", chair=advocate, members=[detective])
    meeting(tf, "subcommittee", by=advocate, committee=committee)  # the chair schedules its meetings
    assert _told("meeting.scheduled") == {detective.pk}
    Notification.objects.all().delete()
    meeting(tf, "listening_session", by=coordinator, region=north)
    assert _told("meeting.scheduled") == {navigator.pk}  # the shelter serving the north, and its navigator


def test_only_leadership_or_the_chair_schedules(tf, coordinator, advocate, detective):
    committee = actions.create_committee(tf, acting_user=coordinator, name="Protocols", chair=advocate)
    with pytest.raises(NotPermitted):
        meeting(tf, by=advocate)
    with pytest.raises(NotPermitted):
        meeting(tf, "subcommittee", by=detective, committee=committee)
    assert client_for(detective).get(reverse("meeting_create")).status_code == 403
    assert not Meeting.objects.exists()


def test_a_meeting_that_ends_before_it_starts_is_refused_and_nothing_changes(tf, coordinator):
    with pytest.raises(InvalidInput, match="ends after it starts"):
        actions.schedule_meeting(tf, acting_user=coordinator, kind="full_task_force", title="Backwards",
                                 starts_at=soon(3, 2), ends_at=soon(3))
    response = Api(coordinator).post("/meetings", {"kind": "full_task_force", "title": "Backwards",
                                                   "starts_at": soon(3, 2).isoformat(), "ends_at": soon(3).isoformat()})
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    assert not AuditEvent.objects.filter(event_type__startswith="meeting").exists()
    assert not Notification.objects.exists()


def test_changes_cancellation_and_minutes_tell_the_invitees(tf, coordinator, advocate):
    held = meeting(tf, by=coordinator)
    actions.update_meeting(held, acting_user=coordinator, location="Room 4")
    actions.record_minutes(held, acting_user=coordinator, minutes="We agreed.")
    actions.record_minutes(held, acting_user=coordinator, minutes="We agreed, corrected.")
    actions.cancel_meeting(meeting(tf, by=coordinator, title="Other"), acting_user=coordinator)
    kinds = list(Notification.objects.filter(user=advocate).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["meeting.scheduled", "meeting.changed", "meeting.minutes", "meeting.scheduled", "meeting.changed"]


def test_the_calendar_export(tf, coordinator, advocate):
    held = meeting(tf, by=coordinator, title="Quarterly meeting", location="City Hall", agenda="1. Protocols")
    actions.record_minutes(held, acting_user=coordinator, minutes="SECRET-MINUTES text")
    dropped = meeting(tf, by=coordinator, title="Dropped meeting", days=5)
    actions.cancel_meeting(dropped, acting_user=coordinator)
    web = client_for(advocate)
    one = web.get(reverse("meeting_ics", args=[held.pk]))
    assert one["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(one.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Quarterly meeting" and str(event["LOCATION"]) == "City Hall"
    assert event.decoded("DTSTART") == held.starts_at and str(event["STATUS"]) == "CONFIRMED"
    assert b"SECRET-MINUTES" not in one.content
    every = Calendar.from_ical(web.get(reverse("meeting_calendar")).content).walk("VEVENT")
    assert {str(e["SUMMARY"]): str(e["STATUS"]) for e in every} == {
        "Quarterly meeting": "CONFIRMED", "Dropped meeting": "CANCELLED"}


def test_the_meeting_pages_show_times_in_the_task_force_zone(tf, coordinator, advocate):
    held = meeting(tf, by=coordinator, title="Zone meeting")
    page = client_for(advocate).get(reverse("meeting_detail", args=[held.pk])).content.decode()
    from zoneinfo import ZoneInfo

    local = held.starts_at.astimezone(ZoneInfo(tf.time_zone))
    assert f"{local:%-I}:{local:%M}" in page or f"{local:%-I}" in page
    assert "Zone meeting" in page


@pytest.mark.parametrize("path", ["meeting_list", "committee_list"])
def test_lists_take_a_fixed_number_of_queries(tf, coordinator, advocate, django_assert_max_num_queries, path):
    def build(n):
        for i in range(n):
            committee = actions.create_committee(tf, acting_user=None, name=f"C{Meeting.objects.count()}-{i}",
                                                 members=[advocate])
            meeting(tf, "subcommittee", committee=committee, title=f"M{i}")

    counts = []
    web = client_for(advocate)
    for n in (2, 4):
        build(n)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert web.get(reverse(path)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_auditors_and_outsiders_see_no_meetings(tf, coordinator, auditor, outsider):
    held = meeting(tf, by=coordinator)
    assert client_for(auditor).get(reverse("meeting_list")).status_code == 403
    assert client_for(auditor).get(reverse("meeting_detail", args=[held.pk])).status_code == 403
    assert client_for(outsider).get(reverse("meeting_detail", args=[held.pk])).status_code == 404
    elsewhere = factories.member(factories.organization(factories.task_force("Other")), "member")
    assert client_for(elsewhere).get(reverse("meeting_detail", args=[held.pk])).status_code == 404
