"""Who sees a referral, and which side of it they are on.

- The recipient: every active member of the organization it was sent or assigned to (the intake
  team works as one).
- The sender: the person who sent it, the sending organization's supervisors and administrators,
  and — for a referral about a client — whoever may see that client inside the provider; a
  referral about an encountered person is seen by the sending organization's members.
- The navigators of the region whose queue it went to.
Nobody else sees it, the coordinator included: they see timeliness as aggregates and an overdue
referral by number only. Details of a client reach the recipient only through the share made for
the referral (read through ``access_client``, so logged), never through the referral itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access.policy import Grants, grants_for
from ally.access.survivors import SEES_ALL_CLIENTS, own_clients
from ally.core.errors import NotPermitted, NotVisible
from ally.referrals.models import Referral
from ally.survivors.models import Client

SENDER, RECIPIENT, NAVIGATOR = "sender", "recipient", "navigator"


def _visible(grants: Grants) -> Q:
    if not grants.memberships and not grants.navigator_region_ids:
        return Q(pk__in=[])
    supervised = [o for o, role in grants.memberships.items() if role in SEES_ALL_CLIENTS]
    owned = Client.objects.filter(own_clients(grants), task_force_id=grants.task_force_id).values("pk")
    sender = Q(from_organization_id__in=grants.organization_ids()) & (
        Q(sent_by_id=grants.user_id)
        | Q(from_organization_id__in=supervised)
        | Q(client__isnull=True)
        | Q(client_id__in=owned)
    )
    recipient = Q(to_organization_id__in=grants.organization_ids())
    navigator = Q(to_region_id__in=grants.navigator_region_ids)
    return sender | recipient | navigator


def visible_referrals(user: Any) -> QuerySet[Referral]:
    grants = grants_for(user)
    if grants.task_force_id is None:
        return Referral.objects.none()
    return Referral.objects.filter(_visible(grants), task_force_id=grants.task_force_id)


def sides(user: Any, referral: Referral) -> frozenset[str]:
    """The sides of this referral the person acts on (a person may be on two)."""
    grants = grants_for(user)
    found = set()
    if referral.to_organization_id in grants.memberships:
        found.add(RECIPIENT)
    if referral.from_organization_id in grants.memberships:
        found.add(SENDER)
    if referral.to_region_id is not None and referral.to_region_id in grants.navigator_region_ids:
        found.add(NAVIGATOR)
    return frozenset(found)


def access_referral(user: Any, pk: Any, *, side: str | None = None) -> Referral:
    """A referral the user may see (404 otherwise); with ``side``, one they act on as that side
    (403 when they see it from another side)."""
    try:
        referral = visible_referrals(user).select_related(
            "from_organization", "to_organization", "to_region", "sent_by", "client"
        ).get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if side is not None and side not in sides(user, referral):
        raise NotPermitted()
    return referral
