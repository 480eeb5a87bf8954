"""Read helpers for the law-enforcement and prosecution compartments, built on ally.access."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from ally.access.investigations import (
    may_supervise,
    visible_heads_ups,
    visible_investigations,
    visible_tips,
)
from ally.access.policy import grants_for
from ally.access.survivors import SEES_ALL_CLIENTS, today_in
from ally.deconfliction.models import Hit
from ally.investigations.models import TipStatus

REVIEW_WARNING_DAYS = 30
NEW_HIT_DAYS = 14


def reviews_due(user: Any, today: dt.date | None = None) -> Any:
    """Records due for their Part 23 review within 30 days (or overdue): every one of the
    agencies the user supervises, and the cases they lead."""
    grants = grants_for(user)
    today = today or today_in(grants.task_force_id)
    supervised = [o for o, role in grants.memberships.items() if role in SEES_ALL_CLIENTS]
    due = visible_investigations(user).filter(
        purged_at=None, review_by__lte=today + dt.timedelta(days=REVIEW_WARNING_DAYS)
    )
    return due.filter(Q(organization_id__in=supervised) | Q(lead_investigator_id=grants.user_id))


def attention(user: Any) -> list[dict[str, object]]:
    """What the law-enforcement and prosecution side of the home page asks the user to do."""
    grants = grants_for(user)
    items: list[dict[str, object]] = []
    if grants.investigating_ids:
        assigned = visible_tips(user).filter(status=TipStatus.ASSIGNED, assigned_to_id=grants.user_id).count()
        if assigned:
            items.append({"kind": "tips_assigned", "count": assigned})
        reviews = reviews_due(user).count()
        if reviews:
            items.append({"kind": "reviews_due", "count": reviews})
        since = timezone.now() - dt.timedelta(days=NEW_HIT_DAYS)
        hits = Hit.objects.filter(
            Q(new_organization_id__in=grants.investigating_ids)
            | Q(existing_organization_id__in=grants.investigating_ids),
            task_force_id=grants.task_force_id, found_at__gte=since,
        ).count()
        if hits:
            items.append({"kind": "new_hits", "count": hits})
    if grants.prosecuting_ids:
        from ally.prosecutions.models import ProsecutionReferral, ReferralStatus

        pending = ProsecutionReferral.objects.filter(
            task_force_id=grants.task_force_id, to_organization_id__in=grants.prosecuting_ids,
            status=ReferralStatus.PENDING,
        ).count()
        if pending:
            items.append({"kind": "prosecution_referrals", "count": pending})
    if grants.memberships:
        waiting = visible_heads_ups(user).filter(
            to_organization_id__in=grants.organization_ids(), acknowledged_at=None
        ).count()
        if waiting:
            items.append({"kind": "heads_ups", "count": waiting})
    return items


__all__ = ["attention", "may_supervise", "reviews_due"]
