"""Calendar export: meetings as iCalendar (RFC 5545). Title, time, place, call link and agenda
only — never minutes. A cancelled meeting is exported with STATUS:CANCELLED so calendars drop it."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from ally.meetings.models import Meeting


def _event(meeting: Meeting, domain: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.call_link:
        event.add("url", meeting.call_link)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("sequence", max(0, int(meeting.updated_at.timestamp() - meeting.created_at.timestamp())))
    return event


def calendar(meetings: Iterable[Meeting], name: str) -> bytes:
    domain = (getattr(settings, "ALLOWED_HOSTS", None) or ["ally"])[0].lstrip(".") or "ally"
    if domain == "*":
        domain = "ally"
    cal = Calendar()
    cal.add("prodid", "-//Ally//Task-force meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        cal.add_component(_event(meeting, domain))
    content: bytes = cal.to_ical()
    return content
