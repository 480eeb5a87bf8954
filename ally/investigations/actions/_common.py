"""What every investigation action shares: who may act, clean text, audit and notification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from ally.access.investigations import access_investigation, investigating_organization_ids
from ally.access.policy import grants_for
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.investigations.models import Investigation, InvestigationPartner
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.survivors import vocabularies
from ally.tenancy.models import Organization


def check_investigator(acting_user: User | None, organization: Organization) -> None:
    """The person acts for this agency, and it is one that investigates."""
    if acting_user is None:
        return
    grants = grants_for(acting_user)
    if organization.task_force_id != grants.task_force_id:
        raise NotVisible()
    if organization.pk not in grants.memberships:
        raise NotPermitted()
    if organization.pk not in investigating_organization_ids(grants):
        raise NotPermitted(_("Only law-enforcement and labor agencies open tips, investigations and operations."))


def check_works(acting_user: User | None, investigation: Investigation, *, supervise: bool = False) -> Investigation:
    """The person works this investigation (owner or partner agency); 404 to anybody else.
    A purged record changes no more."""
    if acting_user is not None:
        access_investigation(acting_user, investigation.pk, for_change=True, supervise=supervise)
    elif investigation.is_purged:
        raise Conflict(_("This intelligence record was purged."))
    return investigation


def locked(investigation: Investigation) -> Investigation:
    return Investigation.objects.select_for_update(of=("self",)).select_related(
        "task_force", "organization"
    ).get(pk=investigation.pk)


def text(value: Any, limit: int, what: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(what)s: expected text.") % {"what": what})
    cleaned: str = value.strip()
    if required and not cleaned:
        raise InvalidInput(_("%(what)s is required.") % {"what": what})
    if len(cleaned) > limit:
        raise InvalidInput(_("%(what)s: at most %(n)d characters.") % {"what": what, "n": limit})
    return cleaned


def date(value: Any, what: str, *, default: dt.date | None = None, required: bool = False) -> dt.date | None:
    if value in (None, ""):
        if required and default is None:
            raise InvalidInput(_("%(what)s is required.") % {"what": what})
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(_("%(what)s: a date written YYYY-MM-DD.") % {"what": what}) from None


def vocabulary_value(id: str, value: Any, what: str, *, blank: bool = True) -> str:
    if value in (None, "") and blank:
        return ""
    if not isinstance(value, str) or not vocabularies.is_valid(id, value):
        raise InvalidInput(_("%(what)s: choose a value from the list.") % {"what": what})
    return value


def vocabulary_values(id: str, values: Any, what: str) -> list[str]:
    if values in (None, ""):
        return []
    if not isinstance(values, list | tuple) or any(
        not isinstance(v, str) or not vocabularies.is_valid(id, v) for v in values
    ):
        raise InvalidInput(_("%(what)s: choose values from the list.") % {"what": what})
    return list(dict.fromkeys(values))


def audit(event: EventType, investigation: Investigation, acting_user: User | None, target: Any = None, **changes: Any) -> None:
    record(event, actor=acting_user, task_force=investigation.task_force, organization=investigation.organization,
           target=target if target is not None else investigation, changes=changes)


def agency_members(organization_ids: Iterable[int]) -> list[User]:
    ids = list(organization_ids)
    if not ids:
        return []
    return list(User.objects.filter(
        memberships__organization_id__in=ids, memberships__is_active=True, is_active=True
    ).distinct())


def working_organization_ids(investigation: Investigation) -> list[int]:
    partners = InvestigationPartner.objects.filter(investigation=investigation, removed_at=None)
    return [investigation.organization_id, *partners.values_list("organization_id", flat=True)]


def tell(users: Iterable[User | None], investigation: Investigation, title: str, *, kind: NotificationKind,
         link: str | None = None, besides: User | None = None, urgent: bool = False) -> None:
    people = [u for u in users if u is not None and (besides is None or u.pk != besides.pk)]
    if people:
        notify(people, task_force=investigation.task_force, kind=kind, title=title,
               link=link or f"/investigations/{investigation.pk}/", urgent=urgent)
