"""Who may see a client of a victim-service organization, and which of its field groups.

Inside the owning organization, supervisors and administrators see every client and members see
the clients they are assigned to. Outside it, only a Share resting on a consent in force today
opens anything, and only the field groups both grant. Every such read is written to the
DisclosureLog. Nobody else, the coordinator included, sees any client.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from ally.access.policy import Grants, grants_for
from ally.audit.models import DisclosureLog
from ally.core import requestcontext
from ally.core.errors import NotPermitted, NotVisible
from ally.survivors.fieldgroups import ALL_GROUPS
from ally.survivors.models import Client, Consent, Share
from ally.tenancy.models import TaskForce
from ally.tenancy.vocab import MembershipRole

SEES_ALL_CLIENTS = frozenset({MembershipRole.SUPERVISOR, MembershipRole.ORG_ADMIN})


def today_in(task_force_id: int | None) -> dt.date:
    """Consents run by calendar day in the task force's own time zone."""
    zone = (
        TaskForce.objects.filter(pk=task_force_id or 0).values_list("time_zone", flat=True).first()
    )
    return timezone.localdate(timezone=ZoneInfo(zone or "UTC"))


def own_clients(grants: Grants) -> Q:
    """Clients of the user's own organizations that their role there lets them see."""
    everything = [o for o, role in grants.memberships.items() if role in SEES_ALL_CLIENTS]
    assigned = [o for o, role in grants.memberships.items() if role not in SEES_ALL_CLIENTS]
    return Q(organization_id__in=everything) | Q(
        organization_id__in=assigned, advocates__id=grants.user_id
    )


def shares_in_force(grants: Grants, day: dt.date) -> QuerySet[Share]:
    """Shares that open a client to this user today (recipient, dates, consent all hold)."""
    if not grants.memberships:
        return Share.objects.none()
    named_readers = Share.recipient_users.through.objects.filter(share_id=OuterRef("pk"))
    named_this_user = named_readers.filter(user_id=grants.user_id)
    # SECURITY: every condition on the consent sits in this one filter() call, so they hold for
    # the same consent row, and the consent must name the share's recipient itself.
    return (
        Share.objects.filter(
            task_force_id=grants.task_force_id,
            recipient_id__in=grants.organization_ids(),
            revoked_at=None,
            expires_on__gte=day,
            consent__revoked_at=None,
            consent__signed_on__lte=day,
            consent__expires_on__gte=day,
            consent__recipients=F("recipient"),
        )
        .filter(~Exists(named_readers) | Exists(named_this_user))
        .select_related("consent")
    )


def shares_in_force_among(share_ids: Iterable[int], day: dt.date) -> set[int]:
    """Of these shares, those that still open their client on ``day``: not withdrawn or expired,
    and resting on a consent in force that names the share's recipient (the conditions of
    ``shares_in_force``, for links made under a share rather than a reader)."""
    ids = {pk for pk in share_ids if pk is not None}
    if not ids:
        return set()
    # SECURITY: every condition on the consent sits in this one filter() call (the same consent row).
    return set(Share.objects.filter(
        pk__in=ids, revoked_at=None, expires_on__gte=day, consent__revoked_at=None,
        consent__signed_on__lte=day, consent__expires_on__gte=day, consent__recipients=F("recipient"),
    ).values_list("pk", flat=True))


def share_is_in_force(share: Share, day: dt.date | None = None) -> bool:
    return share.pk in shares_in_force_among([share.pk], day or today_in(share.task_force_id))


def access_own_client(user: Any, pk: Any) -> Client:
    """A client of the user's own organization that their role there lets them see; 404 for
    everybody else, readers through a share included (nothing is read across, nothing logged)."""
    grants = grants_for(user)
    try:
        return Client.objects.select_related("organization").get(
            own_clients(grants), pk=pk, task_force_id=grants.task_force_id, deleted_at=None
        )
    except (Client.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def visible_clients(user: Any) -> QuerySet[Client]:
    """Every client this user may see at all (whole or in part), in the active task force."""
    grants = grants_for(user)
    if not grants.memberships:
        return Client.objects.none()
    day = today_in(grants.task_force_id)
    # Two uncorrelated id lists rather than a per-client EXISTS over the shares: the database
    # computes each once, whatever its statistics say (SQLite without ANALYZE scanned every share
    # for every client), and no join duplicates rows, so no DISTINCT is needed.
    own = Client.objects.filter(own_clients(grants), task_force_id=grants.task_force_id).values("pk")
    shared = shares_in_force(grants, day).values("client_id")
    return Client.objects.filter(task_force_id=grants.task_force_id, deleted_at=None).filter(
        Q(pk__in=own) | Q(pk__in=shared)
    )


@dataclass(frozen=True)
class ClientAccess:
    """A client as this reader may see it: the groups granted, and the share if read across."""

    client: Client
    groups: frozenset[str]
    share: Share | None = None

    @property
    def is_owner(self) -> bool:
        return self.share is None


def access_client(
    user: Any, pk: Any, *, for_change: bool = False, purpose: str = "", group: str | None = None
) -> ClientAccess:
    """A client record for reading (logged as a disclosure when read through a share) or for
    changing (only inside the owning organization). 404 when neither applies, and 404 when
    ``group`` is named and the reader was not granted it (a part of the record they cannot see
    does not exist for them; 403 would tell them it does)."""
    grants = grants_for(user)
    try:
        client = Client.objects.select_related("organization").get(
            pk=pk, task_force_id=grants.task_force_id, deleted_at=None
        )
    except (Client.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if Client.objects.filter(own_clients(grants), pk=client.pk).exists():
        return ClientAccess(client, ALL_GROUPS)
    day = today_in(grants.task_force_id)
    shares = list(shares_in_force(grants, day).filter(client=client))
    groups = frozenset().union(*(share.granted_groups(day) for share in shares))
    if not groups or (group is not None and group not in groups):
        raise NotVisible()
    if for_change:
        raise NotPermitted()
    share = max(shares, key=lambda s: len(s.granted_groups(day)))
    _log_disclosure(user, client, share, groups, purpose or share.purpose)
    return ClientAccess(client, groups, share)


def _log_disclosure(
    user: Any, client: Client, share: Share, groups: frozenset[str], purpose: str
) -> None:
    context = requestcontext.current()
    DisclosureLog.objects.create(
        task_force_id=client.task_force_id,
        owner_organization_id=client.organization_id,
        recipient_organization_id=share.recipient_id,
        reader=user,
        object_type="survivors.client",
        object_id=str(client.pk),
        field_groups=sorted(groups),
        purpose=purpose,
        basis=f"consent #{share.consent_id}, share #{share.pk}",
        request_id=context.request_id if context else "",
    )


def visible_consents(user: Any) -> QuerySet[Consent]:
    """Consents are the owning organization's records: seen with the client, inside it."""
    grants = grants_for(user)
    own = Client.objects.filter(own_clients(grants), task_force_id=grants.task_force_id)
    return Consent.objects.filter(client__in=own)


def visible_shares(user: Any) -> QuerySet[Share]:
    grants = grants_for(user)
    own = Client.objects.filter(own_clients(grants), task_force_id=grants.task_force_id)
    return Share.objects.filter(client__in=own)
