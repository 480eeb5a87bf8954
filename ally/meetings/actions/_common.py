"""What the meeting actions share: checks on input, and who hears of a meeting."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access.meetings import colleagues_of
from ally.accounts.models import User
from ally.core.errors import InvalidInput
from ally.meetings.models import Meeting, MeetingKind
from ally.notifications import NotificationKind, notify
from ally.tenancy.models import Membership, TaskForceRole
from ally.tenancy.vocab import TaskForceRoleKind


def text_value(value: Any, label: str, limit: int, *, required: bool = False, multiline: bool = False) -> str:
    """The text, trimmed. Single-line text (a title, a name, a place, a link) refuses control and
    format characters (line breaks included): it ends up in one-line places such as calendar files."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(label)s is text.") % {"label": label})
    cleaned = value.strip()
    if not multiline and any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise InvalidInput(_("%(label)s is a single line of text, without line breaks or control characters.")
                           % {"label": label})
    if required and not cleaned:
        raise InvalidInput(_("%(label)s is required.") % {"label": label})
    if len(cleaned) > limit:
        raise InvalidInput(_("%(label)s: at most %(limit)d characters.") % {"label": label, "limit": limit})
    return cleaned


def date_value(value: Any, label: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput(_("Enter %(label)s as a date.") % {"label": label})
    return value


def moment(value: Any, label: str) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise InvalidInput(_("Enter %(label)s as a date and time.") % {"label": label})
    return value


def participants(task_force_id: int, users: list[User] | QuerySet[User], refusal: str) -> list[User]:
    """These people, each a colleague of the task force, else ``refusal``."""
    people = list(users)
    ids = {u.pk for u in people}
    if len(set(colleagues_of(task_force_id).filter(pk__in=ids).values_list("pk", flat=True))) != len(ids):
        raise InvalidInput(refusal)
    return people


def invitees(meeting: Meeting) -> QuerySet[User]:
    """Who is told of a meeting, by its kind."""
    tf = meeting.task_force_id
    everyone = colleagues_of(tf)
    match meeting.kind:
        case MeetingKind.FULL_TASK_FORCE:
            return everyone
        case MeetingKind.CO_LEADS:
            leads = TaskForceRole.objects.filter(
                task_force_id=tf, role__in=[TaskForceRoleKind.COORDINATOR, TaskForceRoleKind.CO_LEAD]
            ).values("user_id")
            return everyone.filter(pk__in=leads)
        case MeetingKind.SUBCOMMITTEE:
            assert meeting.committee is not None
            members = meeting.committee.members.values("pk")
            return everyone.filter(Q(pk__in=members) | Q(pk=meeting.committee.chair_id or 0))
        case MeetingKind.LISTENING_SESSION:
            serving = Membership.objects.filter(
                task_force_id=tf, is_active=True, organization__is_active=True,
                organization__regions_served=meeting.region_id,
            ).values("user_id")
            navigators = TaskForceRole.objects.filter(
                task_force_id=tf, role=TaskForceRoleKind.NAVIGATOR, regions=meeting.region_id
            ).values("user_id")
            return everyone.filter(Q(pk__in=serving) | Q(pk__in=navigators))
        case _:
            return everyone.filter(pk__in=meeting.attendee_list.values("pk"))


def tell_invitees(meeting: Meeting, kind: NotificationKind, template: str, *, but: User | None = None) -> None:
    """Tell the invitees, with a title made of ``template`` filled with the meeting's date (in the
    task force's zone) and kind only — never its free-text title, which may name people."""
    people = invitees(meeting)
    if but is not None:
        people = people.exclude(pk=but.pk)
    day = meeting.starts_at.astimezone(ZoneInfo(meeting.task_force.time_zone or "UTC")).date()
    title = template % {"date": day.isoformat(), "kind": meeting.get_kind_display()}
    notify(people, task_force=meeting.task_force, kind=kind, title=title[:160],
           link=reverse("meeting_detail", args=[meeting.pk]))
