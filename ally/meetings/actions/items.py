"""Action items: assigned to an owner with a due date, from a meeting or by leadership."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access import meetings as access
from ally.access.governance import require_colleague
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.meetings.actions._common import date_value, participants, text_value
from ally.meetings.models import ActionItem, ActionStatus, Meeting
from ally.notifications import NotificationKind, notify
from ally.tenancy.models import TaskForce


def assign_action_item(task_force: TaskForce, *, acting_user: User | None, title: str, owner: User | None,
                       due_on: dt.date, meeting: Meeting | None = None, notify_owner: bool = True) -> ActionItem:
    """Give someone an action: from a meeting (whoever may change the meeting) or standalone
    (leadership). The owner is required and is a person of the task force — at a case review,
    someone on its attendee list. The owner is told."""
    if meeting is not None and meeting.task_force_id != task_force.pk:
        raise InvalidInput(_("Choose a meeting of this task force."))
    if acting_user is not None:
        if meeting is not None:
            access.access_meeting(acting_user, meeting.pk)
        else:
            require_colleague(acting_user)
        if not access.assigns_action_items(acting_user, meeting):
            raise NotPermitted()
    if meeting is not None and meeting.is_cancelled:
        raise Conflict(_("This meeting was cancelled: give the action at another meeting or without one."))
    title = text_value(title, _("The action"), 300, required=True)
    if owner is None:
        raise InvalidInput(_("An action item needs an owner: choose who will do it."))
    participants(task_force.pk, [owner], _("The owner of an action item is a person of the task force."))
    if meeting is not None and meeting.is_case_review and not meeting.attendee_list.filter(pk=owner.pk).exists():
        raise InvalidInput(_("The owner of a case review's action item is on its attendee list."))
    due_on = date_value(due_on, _("the due date"))
    with transaction.atomic():
        item = ActionItem.objects.create(task_force=task_force, meeting=meeting, title=title, owner=owner,
                                         due_on=due_on, created_by=acting_user)
        record(EventType.ACTION_ITEM_ASSIGNED, actor=acting_user, task_force=task_force, target=item,
               changes={"owner_id": owner.pk, "due_on": due_on.isoformat(),
                        "meeting_id": meeting.pk if meeting else None})
        if notify_owner and (acting_user is None or owner.pk != acting_user.pk):
            notify([owner], task_force=task_force, kind=NotificationKind.ACTION_ITEM_ASSIGNED,
                   title=_("Action item for you, due %(day)s") % {"day": due_on.isoformat()},
                   link=reverse("action_item_detail", args=[item.pk]))
    return item


def complete_action_item(item: ActionItem, *, acting_user: User | None, note: str = "",
                         done_at: dt.datetime | None = None) -> ActionItem:
    """Mark an action item done (its owner or leadership), saying what was done."""
    if acting_user is not None:
        access.access_action_item(acting_user, item.pk, for_change=True)
    if not item.is_open:
        raise Conflict(_("This action item is already done."))
    note = text_value(note, _("What was done"), 4000, multiline=True)
    with transaction.atomic():
        item.status = ActionStatus.DONE
        item.done_note = note
        item.done_at = done_at or timezone.now()
        item.done_by = acting_user
        item.save(update_fields=["status", "done_note", "done_at", "done_by"])
        record(EventType.ACTION_ITEM_COMPLETED, actor=acting_user, task_force=item.task_force, target=item,
               changes={"owner_id": item.owner_id})
    return item
