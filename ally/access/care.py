"""Who may read a client's care record: needs, plans and services, and case notes.

Everything goes through ``access_client``, so the compartment rules hold here exactly as for the
client record, and a read through a share is written to the DisclosureLog. Needs, plans and
services are in the ``services`` field group; case notes in ``notes``. Notes marked sensitive go
further: only the client's assigned advocates and the owning organization's supervisors and
administrators read them — never through a share, never other members of the owner.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from ally.access.policy import grants_for
from ally.access.survivors import SEES_ALL_CLIENTS, ClientAccess, access_client
from ally.core.errors import NotVisible
from ally.survivors.fieldgroups import FieldGroup
from ally.survivors.models import (
    CaseNote,
    Client,
    Goal,
    NeedsAssessment,
    PlannedService,
    ServiceDelivery,
    ServicePlan,
    TraffickingEvent,
)


def needs_for(user: Any, client: Client) -> QuerySet[NeedsAssessment]:
    """The client's needs assessments, newest first, for a reader granted ``services``."""
    return needs_of(access_client(user, client.pk))


def needs_of(seen: ClientAccess) -> QuerySet[NeedsAssessment]:
    """As needs_for, for a page that already holds the reader's ClientAccess."""
    if FieldGroup.SERVICES not in seen.groups:
        return NeedsAssessment.objects.none()
    return NeedsAssessment.objects.filter(client_id=seen.client.pk, deleted_at=None).select_related(
        "assessed_by"
    )


def plans_for(user: Any, client: Client) -> QuerySet[ServicePlan]:
    """The client's service plans with goals, planned services and reviews (``services``)."""
    return plans_of(access_client(user, client.pk))


def plans_of(seen: ClientAccess) -> QuerySet[ServicePlan]:
    """As plans_for, for a page that already holds the reader's ClientAccess."""
    if FieldGroup.SERVICES not in seen.groups:
        return ServicePlan.objects.none()
    return ServicePlan.objects.filter(client_id=seen.client.pk).prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("status", "priority", "id")),
        Prefetch(
            "planned_services",
            queryset=PlannedService.objects.select_related("provider", "goal"),
        ),
        "reviews__reviewed_by",
    )


def services_for(user: Any, client: Client) -> QuerySet[ServiceDelivery]:
    """The services delivered to the client (corrected-away rows left out), for ``services``."""
    return services_of(access_client(user, client.pk))


def services_of(seen: ClientAccess) -> QuerySet[ServiceDelivery]:
    """As services_for, for a page that already holds the reader's ClientAccess (one read, one
    disclosure-log row per page)."""
    if FieldGroup.SERVICES not in seen.groups:
        return ServiceDelivery.objects.none()
    return ServiceDelivery.objects.filter(client_id=seen.client.pk, deleted_at=None).select_related(
        "provider", "staff", "goal"
    )


def reads_sensitive_notes(user: Any, seen: ClientAccess) -> bool:
    """Assigned advocates and the owner's supervisors and administrators; nobody via a share."""
    if not seen.is_owner:
        return False
    role = grants_for(user).memberships.get(seen.client.organization_id)
    if role in SEES_ALL_CLIENTS:
        return True
    return role is not None and seen.client.advocates.filter(pk=user.pk).exists()


def notes_for(user: Any, client: Client) -> QuerySet[CaseNote]:
    """The client's case notes for a reader granted ``notes``; sensitive ones only as above."""
    return notes_of(user, access_client(user, client.pk))


def notes_of(user: Any, seen: ClientAccess) -> QuerySet[CaseNote]:
    """As notes_for, for a page that already holds the reader's ClientAccess."""
    client = seen.client
    if FieldGroup.NOTES not in seen.groups:
        return CaseNote.objects.none()
    notes = CaseNote.objects.filter(client_id=client.pk).select_related("written_by")
    if not reads_sensitive_notes(user, seen):
        # SECURITY: a correction of a sensitive note is itself sensitive (add_case_note), so this
        # one condition hides both.
        notes = notes.filter(sensitive=False)
    return notes


def access_service(user: Any, pk: Any, *, for_change: bool = False) -> ServiceDelivery:
    """One service record, to read (``services`` granted) or to correct (owner only)."""
    grants = grants_for(user)
    try:
        service = ServiceDelivery.objects.get(
            pk=pk, task_force_id=grants.task_force_id, deleted_at=None
        )
    except (ServiceDelivery.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    seen = access_client(user, service.client_id, for_change=for_change, group=FieldGroup.SERVICES)
    if FieldGroup.SERVICES not in seen.groups:
        raise NotVisible()
    return service


def access_goal(user: Any, pk: Any, *, for_change: bool = False) -> Goal:
    """One goal of a client's plan, to read (``services`` granted) or to change (owner only)."""
    grants = grants_for(user)
    try:
        goal = Goal.objects.select_related("plan").get(pk=pk, task_force_id=grants.task_force_id)
    except (Goal.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    seen = access_client(user, goal.client_id, for_change=for_change, group=FieldGroup.SERVICES)
    if FieldGroup.SERVICES not in seen.groups:
        raise NotVisible()
    return goal


def access_note(user: Any, pk: Any) -> CaseNote:
    """One case note, under the same rules as ``notes_for`` (notes cannot be changed)."""
    grants = grants_for(user)
    try:
        note = CaseNote.objects.get(pk=pk, task_force_id=grants.task_force_id)
    except (CaseNote.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    seen = access_client(user, note.client_id)
    if FieldGroup.NOTES not in seen.groups or (
        note.sensitive and not reads_sensitive_notes(user, seen)
    ):
        raise NotVisible()
    return note


def events_of(seen: ClientAccess) -> QuerySet[TraffickingEvent]:
    """Where and when the survivor was recruited, moved and exploited (``trafficking_details``)."""
    if FieldGroup.TRAFFICKING_DETAILS not in seen.groups:
        return TraffickingEvent.objects.none()
    return TraffickingEvent.objects.filter(client_id=seen.client.pk, deleted_at=None)


def access_event(user: Any, pk: Any, *, for_change: bool = False) -> TraffickingEvent:
    """One trafficking event, to read (``trafficking_details`` granted) or to remove (owner)."""
    grants = grants_for(user)
    try:
        event = TraffickingEvent.objects.get(pk=pk, task_force_id=grants.task_force_id, deleted_at=None)
    except (TraffickingEvent.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    seen = access_client(user, event.client_id, for_change=for_change, group=FieldGroup.TRAFFICKING_DETAILS)
    if FieldGroup.TRAFFICKING_DETAILS not in seen.groups:
        raise NotVisible()
    return event
