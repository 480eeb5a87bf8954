"""Small builders: investigations, identifiers and operations made with the ORM, indexed
through the deconfliction functions directly (as the investigation actions do)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from ally.deconfliction.normalize import normalize
from ally.deconfliction.targets import index_identifier
from ally.investigations.models import Identifier, Investigation, Operation

_n = itertools.count(1)


def investigation(org: Any, lead: Any, **fields: Any) -> Investigation:
    today = timezone.localdate()
    fields.setdefault("number", f"{org.pk}-2026-{next(_n):04d}")
    return Investigation.objects.create(
        task_force=org.task_force, organization=org, title=fields.pop("title", "Operation Lakeside"),
        trafficking_type="sex", opened_on=today, lead_investigator=lead,
        suspicion_basis="Ads and a hotline tip", review_by=today.replace(year=today.year + 5),
        created_by=lead, **fields,
    )


def identify(inv: Investigation, kind: str, value: str, details: dict[str, Any] | None = None,
             *, by: Any = None, org: Any = None) -> tuple[Identifier, list[Any]]:
    normalized = normalize(kind, value, details)
    org = org or inv.organization
    identifier = Identifier.objects.create(
        task_force=inv.task_force, organization=org, investigation=inv, kind=kind, value=value,
        details=normalized.details, key=normalized.key, added_by=by,
    )
    return identifier, index_identifier(identifier, normalized, acting_user=by)


def person(given: str, family: str, born: str) -> dict[str, str]:
    return {"given_name": given, "family_name": family, "date_of_birth": born}


def operation(org: Any, contact: Any, *, lat: float = 43.0731, lon: float = -89.4012,
              radius: int = 500, starts: dt.datetime | None = None, hours: int = 4,
              **fields: Any) -> Operation:
    starts = starts or (timezone.now() + dt.timedelta(days=3)).replace(microsecond=0)
    return Operation.objects.create(
        task_force=org.task_force, organization=org, kind="search_warrant",
        name=fields.pop("name", f"Operation {next(_n)}"), starts_at=starts,
        ends_at=starts + dt.timedelta(hours=hours), location="", latitude=lat, longitude=lon,
        radius_m=radius, contact=contact, created_by=contact, **fields,
    )
