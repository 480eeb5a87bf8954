"""Tips and leads: received, triaged, assigned, and turned into (or joined to) an investigation."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.investigations import access_tip
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.investigations.actions import _common as c
from ally.investigations.actions.cases import _attach_tip, open_investigation
from ally.investigations.models import Investigation, Tip, TipSource, TipStatus
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.survivors.screening.instrument import load_instrument
from ally.tenancy.models import Membership, Organization

TRIAGE_STATUSES = (TipStatus.NEW, TipStatus.TRIAGED, TipStatus.ASSIGNED, TipStatus.CLOSED)


@cache
def indicator_ids() -> frozenset[str]:
    """Tips name indicators from the screening instrument's list (ILO and DHS groups)."""
    return frozenset(i.id for i in load_instrument().indicators)


def _indicators(values: Any) -> list[str]:
    if values in (None, ""):
        return []
    if not isinstance(values, list | tuple) or any(v not in indicator_ids() for v in values):
        raise InvalidInput(_("Indicators: choose from the list."))
    return list(dict.fromkeys(values))


def receive_tip(
    organization: Organization, *, acting_user: User | None, source: str, narrative: str,
    received_at: dt.datetime | None = None, location: str = "", county: str = "", industry: str = "",
    trafficking_type: str = "", indicators: list[str] | tuple[str, ...] = (),
) -> Tip:
    c.check_investigator(acting_user, organization)
    if source not in TipSource.values:
        raise InvalidInput(_("Source: choose from the list."))
    now = timezone.now()
    received = received_at or now
    if timezone.is_naive(received):
        raise InvalidInput(_("Received: give the time with its time zone."))
    if received > now + dt.timedelta(minutes=5):
        raise InvalidInput(_("Received: not in the future."))
    values = {
        "narrative": c.text(narrative, 10000, _("Narrative"), required=True),
        "location": c.text(location, 300, _("Location")),
        "county": c.text(county, 100, _("County")),
        "industry": c.vocabulary_value("trafficking_industry", industry, _("Industry")),
        "trafficking_type": c.vocabulary_value("trafficking_type", trafficking_type, _("Trafficking type")),
        "indicators": _indicators(indicators),
    }
    with transaction.atomic():
        tip = Tip.objects.create(task_force=organization.task_force, organization=organization, source=source,
                                 received_at=received, created_by=acting_user, **values)
        record(EventType.TIP_RECEIVED, actor=acting_user, task_force=organization.task_force,
               organization=organization, target=tip, changes={"source": source, "fields": sorted(k for k, v in values.items() if v)})
    return tip


def triage_tip(tip: Tip, *, acting_user: User | None, status: str, assigned_to: User | None = None,
               reason: str = "", version: int | None = None) -> Tip:
    """Triage: mark it triaged, assign it to an investigator of the agency, or close it (with a
    reason). A tip that opened or joined an investigation is settled."""
    if acting_user is not None:
        access_tip(acting_user, tip.pk)
    if status not in TRIAGE_STATUSES:
        raise InvalidInput(_("Choose a triage status from the list."))
    with transaction.atomic():
        current = Tip.objects.select_for_update(of=("self",)).select_related("task_force", "organization").get(pk=tip.pk)
        if version is not None and current.version != version:
            raise Conflict(_("Someone changed this tip meanwhile; reload and try again."))
        if current.investigation_id is not None:
            raise Conflict(_("This tip already belongs to investigation %(n)s.") % {"n": current.investigation})
        if status == TipStatus.ASSIGNED:
            if assigned_to is None:
                raise InvalidInput(_("Choose the investigator to assign."))
            if not Membership.objects.filter(user=assigned_to, organization=current.organization, is_active=True).exists():
                raise InvalidInput(_("Assign the tip to a member of your agency."))
        current.closed_reason = c.text(reason, 500, _("Reason"), required=status == TipStatus.CLOSED) if status == TipStatus.CLOSED else ""
        before = (current.status, current.assigned_to_id)
        current.status = status
        current.assigned_to = assigned_to if status == TipStatus.ASSIGNED else current.assigned_to
        current.version += 1
        current.save()
        record(EventType.TIP_TRIAGED, actor=acting_user, task_force=current.task_force, organization=current.organization,
               target=current, changes={"status": [before[0], status], "assigned_to": [before[1], current.assigned_to_id]})
        if status == TipStatus.ASSIGNED and assigned_to is not None and (acting_user is None or assigned_to.pk != acting_user.pk):
            notify([assigned_to], task_force=current.task_force, kind=NotificationKind.TIP_ASSIGNED,
                   title=_("Tip #%(n)s was assigned to you") % {"n": current.pk}, link=f"/tips/{current.pk}/")
    return current


def open_from_tip(tip: Tip, *, acting_user: User | None, **investigation: Any) -> Investigation:
    """Open an investigation from a tip (the tip's industry and type carry over unless given)."""
    if acting_user is not None:
        access_tip(acting_user, tip.pk)
    if tip.investigation_id is not None:
        raise Conflict(_("This tip already belongs to investigation %(n)s.") % {"n": tip.investigation})
    investigation.setdefault("industry", tip.industry)
    return open_investigation(tip.organization, acting_user=acting_user, tip=tip, **investigation)


def join_tip(tip: Tip, investigation: Investigation, *, acting_user: User | None) -> Tip:
    """Add a tip to an investigation the tip's agency works."""
    if acting_user is not None:
        access_tip(acting_user, tip.pk)
    c.check_works(acting_user, investigation)
    with transaction.atomic():
        current = Tip.objects.select_for_update(of=("self",)).get(pk=tip.pk)
        _attach_tip(current, investigation, TipStatus.JOINED)
        record(EventType.TIP_TRIAGED, actor=acting_user, task_force=investigation.task_force,
               organization=current.organization, target=current,
               changes={"status": TipStatus.JOINED.value, "investigation": investigation.pk})
    return current
