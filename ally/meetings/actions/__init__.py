"""Every change to meetings, subcommittees, action items and decisions.

Each action takes a keyword-only ``acting_user`` (None only for the command line, the worker and
the demo generator, which act as the system), checks the policy, validates its input before
changing anything, runs atomically and writes its audit event.
"""

from ally.meetings.actions.decisions import affected_people, record_decision
from ally.meetings.actions.items import assign_action_item, complete_action_item
from ally.meetings.actions.meetings import (
    MEETING_FIELDS,
    add_case,
    cancel_meeting,
    create_committee,
    record_attendance,
    record_minutes,
    schedule_meeting,
    set_attendees,
    update_committee,
    update_meeting,
)

__all__ = [
    "MEETING_FIELDS",
    "add_case",
    "affected_people",
    "assign_action_item",
    "cancel_meeting",
    "complete_action_item",
    "create_committee",
    "record_attendance",
    "record_decision",
    "record_minutes",
    "schedule_meeting",
    "set_attendees",
    "update_committee",
    "update_meeting",
]
