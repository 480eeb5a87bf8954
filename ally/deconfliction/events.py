"""Event deconfliction: two agencies' planned operations conflict when their time windows overlap
and their centres lie within the sum of their radii. Both operations' contacts are alerted at once
and learn only whom to call (name, agency, work phone and email) and how far apart they are.

The search is an indexed time-window query — an operation lasts at most ``MAX_OPERATION_DAYS``,
so another one overlapping ours started after ``starts_at - MAX_OPERATION_DAYS`` — narrowed by a
latitude/longitude box of ``radius + MAX_RADIUS_M``, then the exact (haversine) distance.
"""

from __future__ import annotations

import datetime as dt
import math

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput
from ally.deconfliction.models import OperationConflict
from ally.investigations.models import Operation, OperationStatus
from ally.notifications import NotificationKind, notify

MAX_OPERATION_DAYS = 14
MAX_RADIUS_M = 50_000
EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = 111_320.0


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def validate_operation(
    *, starts_at: dt.datetime, ends_at: dt.datetime, latitude: float, longitude: float, radius_m: int
) -> None:
    """``InvalidInput`` for an operation that cannot be deconflicted: its end before its start,
    longer than ``MAX_OPERATION_DAYS``, a radius over ``MAX_RADIUS_M``, a place off the map."""
    if ends_at <= starts_at:
        raise InvalidInput(_("An operation ends after it starts."))
    if ends_at - starts_at > dt.timedelta(days=MAX_OPERATION_DAYS):
        raise InvalidInput(
            _("An operation lasts at most %(days)d days: plan a longer one in parts.")
            % {"days": MAX_OPERATION_DAYS}
        )
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidInput(_("Give the latitude (−90 to 90) and longitude (−180 to 180)."))
    if not 0 < radius_m <= MAX_RADIUS_M:
        raise InvalidInput(
            _("The radius is between 1 and %(max)d meters.") % {"max": MAX_RADIUS_M}
        )


def find_conflicts(operation: Operation) -> list[tuple[int, int]]:
    """(other operation's id, distance in metres) for each other agency's planned operation that
    overlaps this one in time and place."""
    if operation.status != OperationStatus.PLANNED:
        return []
    reach = operation.radius_m + MAX_RADIUS_M
    dlat = reach / METRES_PER_DEGREE
    # Longitude degrees shrink toward the poles: widen the box by the widest latitude in it.
    widest = min(89.0, abs(operation.latitude) + dlat)
    dlon = min(180.0, reach / (METRES_PER_DEGREE * math.cos(math.radians(widest))))
    lon_lo, lon_hi = operation.longitude - dlon, operation.longitude + dlon
    # Across the antimeridian: no box on longitude.
    crosses = lon_lo < -180 or lon_hi > 180
    box = Q() if crosses else Q(longitude__gte=lon_lo, longitude__lte=lon_hi)
    rows = (
        Operation.objects.filter(
            box,
            task_force_id=operation.task_force_id,
            status=OperationStatus.PLANNED,
            starts_at__gt=operation.starts_at - dt.timedelta(days=MAX_OPERATION_DAYS),
            starts_at__lt=operation.ends_at,
            ends_at__gt=operation.starts_at,
            latitude__gte=operation.latitude - dlat,
            latitude__lte=operation.latitude + dlat,
        )
        .exclude(organization_id=operation.organization_id)
        .values_list("pk", "latitude", "longitude", "radius_m")
    )
    found = []
    for pk, lat, lon, radius in rows:
        if pk == operation.pk:
            continue
        distance = haversine_m(operation.latitude, operation.longitude, lat, lon)
        if distance <= operation.radius_m + radius:
            found.append((pk, round(distance)))
    return found


def check_operation(operation: Operation, *, acting_user: User | None) -> list[OperationConflict]:
    """Record the conflicts of a just-saved operation with other agencies' planned operations and
    alert both sides at once. Call inside the action's transaction. Returns the new conflicts."""
    with transaction.atomic():
        validate_operation(
            starts_at=operation.starts_at, ends_at=operation.ends_at, latitude=operation.latitude,
            longitude=operation.longitude, radius_m=operation.radius_m,
        )
        found = find_conflicts(operation)
        if not found:
            return []
        ids = [pk for pk, _distance in found]
        recorded = set()
        for new_id, existing_id in OperationConflict.objects.filter(
            Q(new_operation=operation, existing_operation_id__in=ids)
            | Q(existing_operation=operation, new_operation_id__in=ids)
        ).values_list("new_operation_id", "existing_operation_id"):
            recorded.add(existing_id if new_id == operation.pk else new_id)
        others = Operation.objects.in_bulk([pk for pk in ids if pk not in recorded])
        user_ids = {operation.contact_id or operation.created_by_id}
        user_ids |= {o.contact_id or o.created_by_id for o in others.values()}
        users = User.objects.in_bulk([i for i in user_ids if i])
        mine_id = operation.contact_id or operation.created_by_id
        conflicts = []
        now = timezone.now()
        for pk, distance in found:
            if pk not in others:
                continue
            other = others[pk]
            conflict = OperationConflict.objects.create(
                task_force_id=operation.task_force_id, new_operation=operation,
                existing_operation=other, distance_m=distance, found_at=now,
            )
            record(
                EventType.OPERATION_CONFLICT, actor=acting_user, task_force=operation.task_force,
                organization=operation.organization, target=conflict,
                changes={
                    # Only this agency's own ids: nothing of the other operation in its log.
                    "new_operation": operation.pk, "existing_organization": other.organization_id,
                },
            )
            link = reverse("conflict_detail", args=[conflict.pk])
            theirs_id = other.contact_id or other.created_by_id
            for user_id, own in ((mine_id, operation), (theirs_id, other)):
                if user_id in users:
                    notify(
                        [users[user_id]], task_force=operation.task_force,
                        kind=NotificationKind.OPERATION_CONFLICT,
                        title=_("Operation #%(number)s conflicts with another agency's operation: call them now")
                        % {"number": own.pk},
                        link=link, urgent=True,
                    )
            conflicts.append(conflict)
        return conflicts
