"""Calendar export: meetings as iCalendar (RFC 5545). Title, time, place, call link and agenda
only — never minutes; for a case review a neutral title and no agenda (calendar files get synced
to outside services). A cancelled meeting is exported with STATUS:CANCELLED so calendars drop it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ally.meetings.models import Meeting


def one_line(text: str) -> str:
    """The text on one line, without control or format characters."""
    return " ".join("".join(c if not unicodedata.category(c).startswith("C") else " " for c in text).split())


def summary(meeting: Meeting) -> str:
    """What a calendar shows as the event's name: a case review's is neutral ("Case review"),
    since calendar files get synced to outside services and its title may name a case."""
    if meeting.is_case_review:
        return str(_("Case review"))
    return one_line(meeting.title)


def _event(meeting: Meeting, domain: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("summary", summary(meeting))
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    if meeting.location:
        event.add("location", one_line(meeting.location))
    link = meeting.call_link
    if link and not any(c.isspace() or unicodedata.category(c).startswith("C") for c in link):
        event.add("url", link)
    if meeting.agenda and not meeting.is_case_review:
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
    cal.add("x-wr-calname", one_line(name))
    for meeting in meetings:
        cal.add_component(_event(meeting, domain))
    content: bytes = cal.to_ical()
    return content
