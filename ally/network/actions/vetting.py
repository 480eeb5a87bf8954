"""Vetting visits: navigators' site visits to providers, against the trauma-informed checklist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ally.access.network import reviews
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput
from ally.network import checklist
from ally.network.actions._common import check, check_provider, date_value, text_value
from ally.network.models import VETTED_OUTCOMES, VettingOutcome, VettingVisit
from ally.tenancy.models import Organization


def record_vetting_visit(
    provider: Organization,
    *,
    acting_user: User | None,
    visited_on: dt.date,
    answers: dict[str, Any],
    outcome: str,
    notes: str = "",
    revisit_on: dt.date | None = None,
    reviewer: User | None = None,
) -> VettingVisit:
    """Record a site visit: every item of the current checklist answered, the outcome, and (for
    an approval, with or without conditions) the date by which to visit again — the vetting holds
    until then. Conditions are written in the notes. The reviewer is the person recording it
    (the system names one). Visits are never edited: a later visit supersedes this one."""
    check(acting_user, provider, reviews)
    check_provider(provider)
    reviewer = acting_user or reviewer
    if reviewer is None:
        raise InvalidInput(_("Name the reviewer who made the visit."))
    visited_on = date_value(visited_on, _("the visit date"))
    if visited_on > today_in(provider.task_force_id):
        raise InvalidInput(_("The visit date cannot be in the future."))
    if outcome not in VettingOutcome.values:
        raise InvalidInput(_("The outcome is approved, approved with conditions, or not approved."))
    current = checklist.current()
    answered = current.check(answers)
    notes = text_value(notes, _("Notes"), 5000)
    if outcome == VettingOutcome.CONDITIONAL and not notes:
        raise InvalidInput(_("Write the conditions of the approval in the notes."))
    if revisit_on is not None:
        revisit_on = date_value(revisit_on, _("the revisit date"))
        if revisit_on <= visited_on:
            raise InvalidInput(_("The revisit date comes after the visit."))
    elif outcome in VETTED_OUTCOMES:
        raise InvalidInput(_("An approval needs a revisit date: the vetting holds until then."))
    with transaction.atomic():
        visit = VettingVisit.objects.create(
            task_force_id=provider.task_force_id,
            organization=provider,
            visited_on=visited_on,
            reviewer=reviewer,
            checklist_id=current.id,
            checklist_version=current.version,
            answers=answered,
            outcome=outcome,
            notes=notes,
            revisit_on=revisit_on,
            created_by=acting_user,
        )
        record(
            EventType.VETTING_RECORDED,
            actor=acting_user,
            task_force=provider.task_force,
            organization=provider,
            target=visit,
            changes={
                "outcome": outcome,
                "visited_on": visited_on.isoformat(),
                "revisit_on": revisit_on.isoformat() if revisit_on else None,
                "checklist": f"{current.id} v{current.version}",
            },
        )
    return visit
