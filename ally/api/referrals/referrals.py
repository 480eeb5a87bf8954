"""Referrals: the lists, one referral, sending, the answers of each side, the thread, the
navigator's ranking of providers, and the timeliness aggregates (as the referral pages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    ExpressionWrapper,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import Permission, access_client, grants_for, require, visible_to
from ally.access.referrals import (
    NAVIGATOR,
    RECIPIENT,
    SENDER,
    access_referral,
    sides,
    visible_referrals,
)
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, one_named, paginated, person
from ally.api.referrals.schemas import (
    AssignIn,
    CloseIn,
    DeclineIn,
    MatchOut,
    MessageIn,
    MessageOut,
    ReferralBriefOut,
    ReferralIn,
    ReferralOut,
    TimelinessOut,
    WithdrawIn,
)
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.referrals import actions, timeliness
from ally.referrals.matching import rank_for
from ally.referrals.models import OPEN_STATUSES, Referral, ReferralMessage
from ally.referrals.models import Status as ReferralStatus
from ally.tenancy.models import Organization, Region

router = Router(tags=["referrals"])

BOXES = ("incoming", "outgoing", "queue")
SHOWS = ("open", "all")
DAYS = (90, 365)
ANSWER = {**E400, **E403, **E404, **E409}


def _brief(organization: Organization | None) -> dict[str, Any] | None:
    return None if organization is None else {"id": organization.pk, "name": organization.name}


def _late(referral: Referral, now: dt.datetime) -> bool:
    """Waiting past its acknowledgement target (as on the page)."""
    return referral.status == ReferralStatus.SENT and referral.acknowledged_at is None and now > referral.ack_due_at


def _referral_out(user: User, referral: Referral) -> dict[str, Any]:
    """One referral as ``ReferralOut``: the person's minimal form, or for a client only its
    number and whether the share is open — never the client's record."""
    about_client = referral.client_id is not None
    share = referral.share if about_client else None
    steps = referral.steps.select_related("by", "organization")
    return {
        "id": referral.pk,
        "status": referral.status,
        "urgency": referral.urgency,
        "services": referral.services,
        "about": "client" if about_client else "person",
        "from_organization": _brief(referral.from_organization),
        "to_organization": _brief(referral.to_organization),
        "to_region": None if referral.to_region is None else {"id": referral.to_region.pk, "name": referral.to_region.name},
        "in_queue": referral.in_queue,
        "sent_at": referral.sent_at,
        "ack_due_at": referral.ack_due_at,
        "acknowledged_at": referral.acknowledged_at,
        "overdue": _late(referral, timezone.now()),
        "sides": sorted(sides(user, referral)),
        "sent_by": None if referral.sent_by is None else person(referral.sent_by),
        "note": referral.note,
        "person": None if about_client else {name: getattr(referral, name) for name in actions.PERSON_FIELDS},
        "client_id": referral.client_id,
        "field_groups": referral.field_groups,
        "share_open": (share is not None and share.revoked_at is None) if about_client else None,
        **{
            name: getattr(referral, name)
            for name in (
                "assigned_at", "accepted_at", "declined_at", "decline_reason", "in_service_at",
                "closed_at", "outcome", "withdrawn_at", "version",
            )
        },
        "steps": [
            {
                "status": step.status,
                "note": step.note,
                "by": None if step.by is None else person(step.by),
                "organization": _brief(step.organization),
                "at": step.at,
            }
            for step in steps
        ],
    }


def _working(user: User) -> None:
    """Someone who sends, receives or routes referrals (as the list page): 403 otherwise."""
    require(user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(user)
    if not grants.memberships and not grants.navigator_region_ids:
        raise NotPermitted()


@router.get("/referrals", response={200: list[ReferralBriefOut], **E400, **E403, **E404})
@paginated
def list_referrals(request: HttpRequest, box: str = "", status: str = "open") -> QuerySet[Referral]:
    """Your referrals, newest first: ``box`` incoming (sent or assigned to your organizations),
    outgoing (sent by them) or queue (your regions' navigator queues) — by default the queue for a
    navigator without an organization, else incoming; ``status`` open (default) or all."""
    user = acting_user(request)
    _working(user)
    grants = grants_for(user)
    box = box or ("queue" if grants.navigator_region_ids and not grants.memberships else "incoming")
    if box not in BOXES or status not in SHOWS:
        raise InvalidInput(_("box is incoming, outgoing or queue; status is open or all."))
    referrals = visible_referrals(user).select_related("from_organization", "to_organization", "to_region")
    if box == "incoming":
        referrals = referrals.filter(to_organization_id__in=grants.organization_ids())
    elif box == "outgoing":
        referrals = referrals.filter(from_organization_id__in=grants.organization_ids())
    else:
        referrals = referrals.filter(to_region_id__in=grants.navigator_region_ids)
    if status == "open":
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    late = Q(status=ReferralStatus.SENT, acknowledged_at__isnull=True, ack_due_at__lt=timezone.now())
    return referrals.annotate(
        about=Case(When(client__isnull=True, then=Value("person")), default=Value("client"), output_field=CharField()),
        overdue=ExpressionWrapper(late, output_field=BooleanField()),
    ).order_by("-sent_at", "-id")


@router.get("/referrals/{int:referral_id}", response={200: ReferralOut, **E404})
def get_referral(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """One referral with its timeline: the sender, the recipient and the queue's navigators."""
    user = acting_user(request)
    return _referral_out(user, access_referral(user, referral_id))


@router.post("/referrals", response={201: ReferralOut, **E400, **E403, **E404})
def send_referral(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    """Send a referral to an organization (``to_organization_id``) or to a region's navigator
    queue (``to_region_id``): about a person encountered (``person``, the minimal form) or about
    one of the sending provider's clients (``client_id`` and ``field_groups``). Refused (400,
    nothing saved): no services, an unknown urgency, a recipient outside the task force or the
    sender itself, field groups no consent in force covers for that recipient and purpose."""
    user = acting_user(request)
    require(user, Permission.VIEW_TASK_FORCE)
    client = None
    if payload.client_id is not None:  # as its page: 404 unseen, 403 read through a share
        client = access_client(user, payload.client_id, for_change=True).client
    own = list(visible_to(user, Organization).filter(pk__in=grants_for(user).organization_ids()).order_by("name"))
    if not own:
        raise NotPermitted()
    if payload.from_organization_id is not None:
        sender = next((o for o in own if o.pk == payload.from_organization_id), None)
        if sender is None:
            raise InvalidInput(_("Send the referral from one of your organizations."))
    elif client is not None:
        sender = client.organization
    else:
        sender = own[0]
    to_organization = to_region = None
    if payload.to_organization_id is not None:
        to_organization = one_named(
            visible_to(user, Organization), payload.to_organization_id, _("Refer to an organization of this task force.")
        )
    if payload.to_region_id is not None:
        to_region = one_named(visible_to(user, Region), payload.to_region_id, _("Refer to a region of this task force."))
    referral = actions.send_referral(
        sender, acting_user=user, to_organization=to_organization, to_region=to_region,
        services=payload.services, urgency=payload.urgency, note=payload.note, client=client,
        field_groups=payload.field_groups if client is not None else None,
        person=payload.person.model_dump() if payload.person is not None else None,
    )
    return Status(201, _referral_out(user, referral))


def _answer(request: HttpRequest, referral_id: int, side: str, change: Callable[[Referral, User], Referral]) -> dict[str, Any]:
    """A change from one side: 404 unseen, 403 from another side, then the action's own checks."""
    user = acting_user(request)
    referral = access_referral(user, referral_id, side=side)
    return _referral_out(user, change(referral, user))


@router.post("/referrals/{int:referral_id}/acknowledge", response={200: ReferralOut, **ANSWER})
def acknowledge_referral(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """The recipient acknowledges the referral (once: again is 409)."""
    return _answer(request, referral_id, RECIPIENT, lambda r, u: actions.acknowledge(r, acting_user=u))


@router.post("/referrals/{int:referral_id}/accept", response={200: ReferralOut, **ANSWER})
def accept_referral(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """The recipient accepts a referral waiting for an answer."""
    return _answer(request, referral_id, RECIPIENT, lambda r, u: actions.accept(r, acting_user=u))


@router.post("/referrals/{int:referral_id}/decline", response={200: ReferralOut, **ANSWER})
def decline_referral(request: HttpRequest, referral_id: int, payload: DeclineIn) -> dict[str, Any]:
    """The recipient declines, with a reason; through a navigator's queue it goes back to the
    queue. A share made for the recipient closes."""
    return _answer(request, referral_id, RECIPIENT,
                   lambda r, u: actions.decline(r, acting_user=u, reason=payload.reason, note=payload.note))


@router.post("/referrals/{int:referral_id}/start", response={200: ReferralOut, **ANSWER})
def start_referral_service(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """The recipient marks an accepted referral as in service."""
    return _answer(request, referral_id, RECIPIENT, lambda r, u: actions.start_service(r, acting_user=u))


@router.post("/referrals/{int:referral_id}/close", response={200: ReferralOut, **ANSWER})
def close_referral(request: HttpRequest, referral_id: int, payload: CloseIn) -> dict[str, Any]:
    """The recipient closes an accepted referral or one in service, saying how it ended."""
    return _answer(request, referral_id, RECIPIENT, lambda r, u: actions.close(r, acting_user=u, outcome=payload.outcome))


@router.post("/referrals/{int:referral_id}/withdraw", response={200: ReferralOut, **ANSWER})
def withdraw_referral(request: HttpRequest, referral_id: int, payload: WithdrawIn) -> dict[str, Any]:
    """The sender withdraws an open referral. A share made for the recipient closes."""
    return _answer(request, referral_id, SENDER, lambda r, u: actions.withdraw(r, acting_user=u, note=payload.note))


@router.post("/referrals/{int:referral_id}/assign", response={200: ReferralOut, **ANSWER})
def assign_referral(request: HttpRequest, referral_id: int, payload: AssignIn) -> dict[str, Any]:
    """A navigator of the queue assigns the referral to a provider (one action); already
    assigned is 409."""
    user = acting_user(request)
    referral = access_referral(user, referral_id, side=NAVIGATOR)
    provider = one_named(
        visible_to(user, Organization).exclude(pk=referral.from_organization_id),
        payload.to_organization_id,
        _("Assign the referral to another organization of this task force."),
    )
    return _referral_out(user, actions.assign(referral, provider, acting_user=user))


def _message_out(message: ReferralMessage) -> dict[str, Any]:
    return {
        "id": message.pk,
        "author": person(message.author),
        "organization": _brief(message.organization),
        "text": message.text,
        "created_at": message.created_at,
    }


@router.get("/referrals/{int:referral_id}/messages", response={200: list[MessageOut], **E404})
def list_referral_messages(request: HttpRequest, referral_id: int) -> list[dict[str, Any]]:
    """The referral's thread, oldest first."""
    referral = access_referral(acting_user(request), referral_id)
    return [_message_out(m) for m in referral.messages.select_related("author", "organization")]


@router.post("/referrals/{int:referral_id}/messages", response={201: MessageOut, **E400, **E403, **E404})
def post_referral_message(request: HttpRequest, referral_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    """A message in the thread, from any side (at most 5,000 characters); the other sides are told."""
    user = acting_user(request)
    referral = access_referral(user, referral_id)
    message = actions.post_message(referral, acting_user=user, text=payload.text)
    return Status(201, _message_out(ReferralMessage.objects.select_related("author", "organization").get(pk=message.pk)))


@router.get("/referrals/{int:referral_id}/matches", response={200: list[MatchOut], **E403, **E404, **E409})
def list_referral_matches(request: HttpRequest, referral_id: int) -> list[dict[str, Any]]:
    """For a navigator of the queue: providers ranked for this referral, best first, with the
    score, the distance in miles (when known) and the reasons. Only while the referral waits in
    the queue (else 409)."""
    user = acting_user(request)
    referral = access_referral(user, referral_id, side=NAVIGATOR)
    if not referral.is_open or not referral.in_queue:
        raise Conflict(_("Only a referral waiting in the navigator's queue is matched to providers."))
    return [
        {
            "organization": _brief(match.organization),
            "score": match.score,
            "miles": None if match.miles is None else round(match.miles, 1),
            "reasons": match.reasons,
        }
        for match in rank_for(referral)
    ]


@router.get("/referral-timeliness", response={200: TimelinessOut, **E400, **E403, **E404})
def referral_timeliness(request: HttpRequest, days: int = 90) -> dict[str, Any]:
    """How fast referrals are answered, as aggregates (no person, no referral number), over the
    last ``days`` (90 or 365): per direction and receiving organization or region, the count, the
    median hours to acknowledge and to first service, declines by reason and how many are overdue
    now. For the coordinator and the co-leads."""
    user = acting_user(request)
    require(user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(user)
    if not (grants.is_coordinator or grants.is_co_lead):
        raise NotPermitted()
    if days not in DAYS:
        raise InvalidInput(_("days is 90 or 365."))
    since = timezone.now() - dt.timedelta(days=days)
    table = timeliness.figures(grants.task_force_id or 0, since)
    return {
        "days": days,
        "since": since,
        "directions": [
            {
                "direction": direction,
                "label": str(timeliness.DIRECTIONS[direction]),
                "rows": [
                    {
                        "receiver": receiver,
                        "referrals": row.referrals,
                        "median_ack_hours": row.median_ack,
                        "median_service_hours": row.median_service,
                        "declines": dict(row.declines),
                        "overdue": row.overdue,
                    }
                    for receiver, row in sorted(rows.items())
                ],
            }
            for direction, rows in table.items()
        ],
    }
