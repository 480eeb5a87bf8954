"""The survivors API: client records, consents, shares and disclosures.

Every read goes through ally.access and every change through the survivors actions, exactly as the
client pages do. Two things follow from that and shape the operations:

* Reading a client through a share writes the DisclosureLog, so the list shows clients shared by
  other organizations by number only; only GET /clients/{id} opens one (and logs it).
* Consents, shares, the disclosure report and compelled disclosures are the owning
  organization's records. A reader through a share gets 403 on a client's sub-resources (they may
  see the client, not those) and 404 on a consent or share by its own id — and the check runs
  before anything is read, so such a refusal never writes a disclosure.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import Field

from ally.access import (
    ClientAccess,
    Grants,
    Permission,
    access_client,
    access_organization,
    grants_for,
    require,
    visible_to,
)
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.schemas import ErrorOut
from ally.api.survivor_schemas import (
    GROUP_SCHEMAS,
    AdvocateIn,
    ClientCreateIn,
    ClientListOut,
    ClientOut,
    ClientPatchIn,
    CompelledDisclosureIn,
    CompelledDisclosureOut,
    CompleteTaskIn,
    ConsentIn,
    ConsentOut,
    DisclosureReportOut,
    DuplicateCheckIn,
    DuplicatesConflictOut,
    DuplicatesOut,
    NotificationTaskOut,
    PersonBrief,
    RevokeConsentIn,
    ShareIn,
    ShareOut,
)
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.survivors import actions
from ally.survivors.disclosures import (
    complete_notification_task,
    disclosure_report,
    notification_tasks_for,
    record_compelled_disclosure,
    records_compelled,
)
from ally.survivors.duplicates import possible_duplicates
from ally.survivors.fieldgroups import CLIENT_FIELDS
from ally.survivors.models import (
    Client,
    CompelledDisclosure,
    Consent,
    NotifySurvivorTask,
    Share,
)
from ally.survivors.queries import display_name
from ally.tenancy.models import Organization
from ally.tenancy.vocab import Discipline

router = Router(tags=["survivors"])

E400 = {400: ErrorOut}
E403 = {403: ErrorOut}
E404 = {404: ErrorOut}
E409 = {409: ErrorOut}


def _member(user: User) -> Grants:
    """A working member of some organization of the task force. Funders and auditors see
    aggregates only (403); people outside the task force see nothing (404)."""
    require(user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(user)
    if not grants.memberships:
        raise NotPermitted()
    return grants


def _person(user: User) -> dict[str, Any]:
    return {"id": user.pk, "full_name": user.full_name, "email": user.email}


# --- clients ----------------------------------------------------------------------------------


@router.get("/clients", response={200: ClientListOut, **E403, **E404})
def list_clients(
    request: HttpRequest,
    limit: Annotated[int, Field(ge=1, le=500)] = 100,
    offset: Annotated[int, Field(ge=0)] = 0,
) -> dict[str, Any]:
    """The clients you may see: your organization's first (by name, with a summary), then those
    shared with your organization, by number and owner only. Opening a shared one is logged."""
    user = acting_user(request)
    grants = _member(user)
    own = Q(organization_id__in=grants.organization_ids())
    clients = (
        visible_to(user, Client)
        .select_related("organization")
        .annotate(
            shared=Case(When(own, then=Value(0)), default=Value(1), output_field=IntegerField()),
            # SECURITY: shared clients are ordered by number, so their names leave no trace.
            sort_name=Case(When(own, then=F("legal_name")), default=Value(""), output_field=CharField()),
        )
        .order_by("shared", "sort_name", "pk")
    )
    items = []
    for client in clients[offset : offset + limit]:
        mine = client.organization_id in grants.organization_ids()
        items.append(
            {
                "id": client.pk,
                "organization_id": client.organization_id,
                "organization": client.organization.name,
                "is_owner": mine,
                "name": (client.preferred_name or client.legal_name) if mine else None,
                "trafficking_type": client.trafficking_type if mine else None,
                "case_status": client.case_status if mine else None,
                "intake_date": client.intake_date if mine else None,
            }
        )
    return {"count": clients.count(), "items": items}


def _client_out(access: ClientAccess) -> dict[str, Any]:
    """The client as this reader may see it: every group not granted is null."""
    client = access.client
    share = access.share
    out: dict[str, Any] = {
        "id": client.pk,
        "organization_id": client.organization_id,
        "organization": client.organization.name,
        "is_owner": access.is_owner,
        "display_name": display_name(access),
        "field_groups": sorted(access.groups),
        "version": client.version if access.is_owner else None,
        "advocates": _advocates(client) if access.is_owner else None,
        "shared_through": {
            "share_id": share.pk,
            "consent_id": share.consent_id,
            "purpose": share.purpose,
            "expires_on": share.expires_on,
        }
        if share is not None
        else None,
    }
    for group in GROUP_SCHEMAS:
        out[group] = (
            {name: getattr(client, name) for name, g in CLIENT_FIELDS.items() if g == group}
            if group in access.groups
            else None
        )
    return out


@router.get("/clients/{int:client_id}", response={200: ClientOut, **E404})
def get_client(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """One client, with only the field groups you are granted. A read through a share is
    written to the disclosure log, which the survivor sees in their disclosure report."""
    return _client_out(access_client(acting_user(request), client_id))


def _provider(user: User, organization_id: int | None) -> Organization:
    """The victim-service organization a new client record goes to."""
    grants = _member(user)
    if organization_id is not None:
        organization = access_organization(user, organization_id)
        if organization.pk not in grants.organization_ids():
            raise NotPermitted(_("You open client records only in your own organization."))
        return organization  # create_client refuses other disciplines with a clear message
    providers = list(
        visible_to(user, Organization).filter(
            pk__in=grants.organization_ids(), discipline=Discipline.VICTIM_SERVICES
        )
    )
    if not providers:
        raise NotPermitted(_("Client records belong to victim-service organizations."))
    if len(providers) > 1:
        raise InvalidInput(
            _("You work in several victim-service organizations: say which one (organization_id).")
        )
    return providers[0]


def _matches(
    user: User,
    organization: Organization,
    *,
    legal_name: str,
    date_of_birth: dt.date | None,
    phone: str,
    aliases: list[str],
) -> list[dict[str, Any]]:
    """Possible duplicates inside the organization. A match this person may not open is
    counted, not named (client_id null): they ask a supervisor."""
    found = possible_duplicates(
        organization, legal_name=legal_name, date_of_birth=date_of_birth, phone=phone, aliases=aliases
    )
    seen = set(
        visible_to(user, Client).filter(pk__in=[m.client.pk for m in found]).values_list("pk", flat=True)
    )
    return [
        {
            "client_id": m.client.pk if m.client.pk in seen else None,
            "score": m.score,
            "reasons": list(m.reasons),
        }
        for m in found
    ]


@router.post("/clients/duplicates", response={200: DuplicatesOut, **E400, **E403, **E404})
def check_duplicates(request: HttpRequest, payload: DuplicateCheckIn) -> dict[str, Any]:
    """Before opening a record: existing clients of the same organization who may be the same
    person (never another organization's). A POST, so names and birth dates stay out of URLs."""
    user = acting_user(request)
    organization = _provider(user, payload.organization_id)
    if organization.discipline != Discipline.VICTIM_SERVICES:
        raise InvalidInput(_("Client records belong to victim-service organizations."))
    if not payload.legal_name.strip():
        raise InvalidInput(_("Enter the client's legal name (or the name they gave)."))
    return {
        "organization_id": organization.pk,
        "matches": _matches(
            user,
            organization,
            legal_name=payload.legal_name,
            date_of_birth=payload.date_of_birth,
            phone=payload.phone,
            aliases=payload.aliases,
        ),
    }


@router.post(
    "/clients",
    response={201: ClientOut, **E400, **E403, **E404, 409: DuplicatesConflictOut},
)
def create_client(request: HttpRequest, payload: ClientCreateIn) -> Status[dict[str, Any]]:
    """Open a client record in your victim-service organization; you become its advocate.

    If the organization already has clients who may be the same person, nothing is created and
    the answer is 409 with the matches; send `confirm_new: true` to open the record anyway."""
    user = acting_user(request)
    values = payload.model_dump(exclude_unset=True)
    organization = _provider(user, values.pop("organization_id", None))
    confirm_new = values.pop("confirm_new", False)
    if values.get("intake_date") is None:
        values["intake_date"] = today_in(organization.task_force_id)
    if not confirm_new:
        matches = _matches(
            user,
            organization,
            legal_name=values["legal_name"],
            date_of_birth=values.get("date_of_birth"),
            phone=values.get("phone", ""),
            aliases=values.get("aliases", []),
        )
        if matches:
            return Status(
                409,
                {
                    "detail": _(
                        "This organization may already have a record of this person. Check the "
                        "matches; to open a new record anyway, send confirm_new."
                    ),
                    "matches": matches,
                },
            )
    client = actions.create_client(organization, acting_user=user, **values)
    return Status(201, _client_out(access_client(user, client.pk)))


@router.patch("/clients/{int:client_id}", response={200: ClientOut, **E400, **E403, **E404, **E409})
def update_client(request: HttpRequest, client_id: int, payload: ClientPatchIn) -> dict[str, Any]:
    """Change the fields sent. `version` is the one you read: if someone saved the record since,
    nothing is changed and the answer is 409 — read it again and redo the change."""
    user = acting_user(request)
    client = access_client(user, client_id, for_change=True).client
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    actions.update_client(client, version=version, acting_user=user, **values)
    return _client_out(access_client(user, client_id))


def _advocates(client: Client) -> list[dict[str, Any]]:
    return [_person(u) for u in client.advocates.order_by("full_name", "pk")]


def _assigning(user: User, client_id: int) -> Client:
    """The client, for a supervisor or administrator of its organization to change advocates."""
    client = access_client(user, client_id, for_change=True).client
    if not actions.may_assign_advocates(user, client):
        raise NotPermitted()
    return client


@router.post(
    "/clients/{int:client_id}/advocates",
    response={200: list[PersonBrief], **E400, **E403, **E404},
)
def assign_advocate(request: HttpRequest, client_id: int, payload: AdvocateIn) -> list[dict[str, Any]]:
    """Assign a member of the client's organization as one of its advocates (supervisors and
    administrators of that organization). Answers the client's advocates."""
    user = acting_user(request)
    client = _assigning(user, client_id)
    advocate = visible_to(user, User).filter(pk=payload.user_id).first()
    if advocate is None:
        raise InvalidInput(_("Advocates are members of the client's organization."))
    actions.assign_advocate(client, user=advocate, acting_user=user)
    return _advocates(client)


@router.delete(
    "/clients/{int:client_id}/advocates/{int:user_id}",
    response={200: list[PersonBrief], **E400, **E403, **E404},
)
def unassign_advocate(request: HttpRequest, client_id: int, user_id: int) -> list[dict[str, Any]]:
    """Take a person off the client's advocates (they keep what their role lets them see).
    Answers the client's remaining advocates."""
    user = acting_user(request)
    client = _assigning(user, client_id)
    advocate = client.advocates.filter(pk=user_id).first()
    if advocate is None:
        raise InvalidInput(_("This person is not one of the client's advocates."))
    actions.unassign_advocate(client, user=advocate, acting_user=user)
    return _advocates(client)


# --- consents ---------------------------------------------------------------------------------


def _consent_out(consent: Consent, today: dt.date) -> dict[str, Any]:
    return {
        "id": consent.pk,
        "client_id": consent.client_id,
        "recipients": [{"id": o.pk, "name": o.name} for o in consent.recipients.all()],
        "in_force": consent.in_force_on(today),
        **{
            name: getattr(consent, name)
            for name in (
                "field_groups", "purposes", "signed_on", "expires_on", "signed_by_client",
                "guardian_name", "guardian_relationship", "minor_consents_alone_basis",
                "language", "interpreter", "signature_method", "recorded_at", "revoked_at",
                "revocation_note",
            )
        },
    }


@router.get("/clients/{int:client_id}/consents", response={200: list[ConsentOut], **E403, **E404})
def list_consents(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    """The client's consents, newest first (the owning organization only)."""
    user = acting_user(request)
    client = access_client(user, client_id, for_change=True).client
    today = today_in(client.task_force_id)
    consents = visible_to(user, Consent).filter(client=client).prefetch_related("recipients")
    return [_consent_out(c, today) for c in consents]


@router.post(
    "/clients/{int:client_id}/consents",
    response={201: ConsentOut, **E400, **E403, **E404},
)
def record_consent(request: HttpRequest, client_id: int, payload: ConsentIn) -> Status[dict[str, Any]]:
    """Record the survivor's written, time-limited consent to share named kinds of information
    with named organizations. Refused (400, nothing saved): no expiry or one past the task
    force's limit; unknown field groups or purposes; a minor without a parent or guardian (unless
    a stated rule lets them consent alone); a guardian suspected of abusing them."""
    user = acting_user(request)
    client = access_client(user, client_id, for_change=True).client
    wanted = set(payload.recipient_ids)
    recipients = list(visible_to(user, Organization).filter(pk__in=wanted))
    if len(recipients) != len(wanted):
        raise InvalidInput(_("Recipients are other organizations of this task force."))
    values = payload.model_dump(exclude={"recipient_ids"})
    consent = actions.record_consent(client, acting_user=user, recipients=recipients, **values)
    return Status(201, _consent_out(consent, today_in(client.task_force_id)))


def _visible_consent(user: User, consent_id: int) -> Consent:
    consent = visible_to(user, Consent).filter(pk=consent_id).first()
    if consent is None:
        raise NotVisible()
    return consent


@router.post("/consents/{int:consent_id}/revoke", response={200: ConsentOut, **E403, **E404})
def revoke_consent(
    request: HttpRequest, consent_id: int, payload: RevokeConsentIn
) -> dict[str, Any]:
    """The survivor withdrew consent: every share resting on it closes at once."""
    user = acting_user(request)
    consent = actions.revoke_consent(
        _visible_consent(user, consent_id), acting_user=user, note=payload.note
    )
    return _consent_out(consent, today_in(consent.task_force_id))


# --- shares -----------------------------------------------------------------------------------


def _share_out(share: Share, today: dt.date) -> dict[str, Any]:
    return {
        "id": share.pk,
        "client_id": share.client_id,
        "consent_id": share.consent_id,
        "recipient": {"id": share.recipient_id, "name": share.recipient.name},
        "recipient_users": [_person(u) for u in share.recipient_users.all()],
        "field_groups": share.field_groups,
        "granted_groups": sorted(share.granted_groups(today)),
        "purpose": share.purpose,
        "expires_on": share.expires_on,
        "created_at": share.created_at,
        "revoked_at": share.revoked_at,
    }


def _shares(queryset: QuerySet[Share]) -> QuerySet[Share]:
    return queryset.select_related("consent", "recipient").prefetch_related("recipient_users")


@router.get("/clients/{int:client_id}/shares", response={200: list[ShareOut], **E403, **E404})
def list_shares(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    """Every share of the client, newest first, with what each opens today (owner only)."""
    user = acting_user(request)
    client = access_client(user, client_id, for_change=True).client
    today = today_in(client.task_force_id)
    return [_share_out(s, today) for s in _shares(visible_to(user, Share).filter(client=client))]


@router.post("/clients/{int:client_id}/shares", response={201: ShareOut, **E400, **E403, **E404})
def share_client(request: HttpRequest, client_id: int, payload: ShareIn) -> Status[dict[str, Any]]:
    """Open part of the record to another organization (or named people in it), for a purpose,
    under a consent in force that covers that organization, those groups and that purpose."""
    user = acting_user(request)
    client = access_client(user, client_id, for_change=True).client
    recipient = visible_to(user, Organization).filter(pk=payload.recipient_id).first()
    if recipient is None:
        raise InvalidInput(_("Recipients are other organizations of this task force."))
    wanted = set(payload.recipient_user_ids)
    readers = list(visible_to(user, User).filter(pk__in=wanted))
    if len(readers) != len(wanted):
        raise InvalidInput(_("Named readers must be members of the receiving organization."))
    share = actions.share_client(
        client,
        recipient=recipient,
        field_groups=payload.field_groups,
        purpose=payload.purpose,
        expires_on=payload.expires_on,
        recipient_users=readers,
        acting_user=user,
    )
    share = _shares(Share.objects.filter(pk=share.pk)).get()
    return Status(201, _share_out(share, today_in(client.task_force_id)))


@router.post("/shares/{int:share_id}/revoke", response={200: ShareOut, **E403, **E404})
def revoke_share(request: HttpRequest, share_id: int) -> dict[str, Any]:
    """Close a share before its end date."""
    user = acting_user(request)
    share = visible_to(user, Share).filter(pk=share_id).first()
    if share is None:
        raise NotVisible()
    actions.revoke_share(share, acting_user=user)
    share = _shares(Share.objects.filter(pk=share.pk)).get()
    return _share_out(share, today_in(share.task_force_id))


# --- disclosures ------------------------------------------------------------------------------


@router.get(
    "/clients/{int:client_id}/disclosures",
    response={200: DisclosureReportOut, **E403, **E404},
)
def get_disclosure_report(
    request: HttpRequest, client_id: int, language: Literal["en", "es"] | None = None
) -> dict[str, Any]:
    """The survivor's answer to "who has seen my information?": every read through a share and
    every compelled disclosure, newest first, and the shares in force today (owner only).
    `language` sets the labels; by default the request's language."""
    user = acting_user(request)
    client = access_client(user, client_id, for_change=True).client
    report = disclosure_report(user, client, language=language)
    return {
        "client_id": client.pk,
        "language": report.language,
        "time_zone": report.time_zone,
        "disclosures": [
            {
                "kind": row.kind,
                "organization": row.organization,
                "person": row.person,
                "field_groups": list(row.field_groups),
                "when": row.when,
                "basis": row.basis,
                "purpose": row.purpose,
                "consent_id": row.consent_id,
                "disclosed_on": row.disclosed_on,
            }
            for row in report.rows
        ],
        "shares_in_force": [
            {
                "organization": row.organization,
                "field_groups": list(row.field_groups),
                "purpose": row.purpose,
                "expires_on": row.expires_on,
                "consent_id": row.consent_id,
            }
            for row in report.shares
        ],
    }


def _disclosure_brief(disclosure: CompelledDisclosure) -> dict[str, Any]:
    return {
        name: getattr(disclosure, name)
        for name in (
            "id", "legal_basis", "citation", "field_groups", "recipient", "description",
            "disclosed_on",
        )
    }


def _task_out(task: NotifySurvivorTask, user: User, today: dt.date) -> dict[str, Any]:
    assigned = list(task.assigned_to.all())
    return {
        "id": task.pk,
        "client_id": task.client_id,
        "organization_id": task.organization_id,
        "compelled_disclosure": _disclosure_brief(task.compelled_disclosure),
        "due_on": task.due_on,
        "overdue": task.done_at is None and task.due_on < today,
        "assigned_to": [_person(u) for u in assigned],
        "assigned_to_me": any(u.pk == user.pk for u in assigned),
        "done_at": task.done_at,
        "done_by": _person(task.done_by) if task.done_by else None,
        "outcome": task.outcome,
    }


@router.post(
    "/clients/{int:client_id}/compelled-disclosures",
    response={201: CompelledDisclosureOut, **E400, **E403, **E404},
)
def record_compelled(
    request: HttpRequest, client_id: int, payload: CompelledDisclosureIn
) -> Status[dict[str, Any]]:
    """Record client data the law compelled the organization to disclose (administrators and
    supervisors of the client's organization). It goes to the disclosure log and creates a task
    for the client's advocates (or, if none, the administrators) to tell the survivor."""
    user = acting_user(request)
    client = access_client(user, client_id, for_change=True).client
    if not records_compelled(user, client):
        raise NotPermitted()
    disclosure = record_compelled_disclosure(client, acting_user=user, **payload.model_dump())
    task = _tasks(disclosure.notify_tasks.all()).get()
    return Status(
        201,
        {
            **_disclosure_brief(disclosure),
            "client_id": client.pk,
            "recorded_at": disclosure.recorded_at,
            "notification_task": _task_out(task, user, today_in(client.task_force_id)),
        },
    )


def _tasks(queryset: QuerySet[NotifySurvivorTask]) -> QuerySet[NotifySurvivorTask]:
    return queryset.select_related("compelled_disclosure", "done_by").prefetch_related("assigned_to")


def _my_tasks(user: User) -> QuerySet[NotifySurvivorTask]:
    """Tasks this person may see and complete (as the notification-task page shows them)."""
    return _tasks(notification_tasks_for(user))


@router.get("/notification-tasks", response={200: list[NotificationTaskOut], **E403, **E404})
def list_notification_tasks(
    request: HttpRequest, status: Literal["open", "done", "all"] = "open"
) -> list[dict[str, Any]]:
    """Tasks to tell a survivor about a compelled disclosure: those assigned to you and, for
    administrators and supervisors, every one of their organization's. Soonest due first."""
    user = acting_user(request)
    _member(user)
    tasks = _my_tasks(user)
    if status == "open":
        tasks = tasks.filter(done_at=None)
    elif status == "done":
        tasks = tasks.exclude(done_at=None)
    today = today_in(grants_for(user).task_force_id)
    return [_task_out(t, user, today) for t in tasks.order_by("due_on", "pk")]


@router.post(
    "/notification-tasks/{int:task_id}/complete",
    response={200: NotificationTaskOut, **E400, **E403, **E404, **E409},
)
def complete_task(request: HttpRequest, task_id: int, payload: CompleteTaskIn) -> dict[str, Any]:
    """Close the task, saying how the notification went (or why it was not safe to tell)."""
    user = acting_user(request)
    task = _my_tasks(user).filter(pk=task_id).first()
    if task is None:
        raise NotVisible()
    done = complete_notification_task(task, outcome=payload.outcome, acting_user=user)
    task = _tasks(NotifySurvivorTask.objects.filter(pk=done.pk)).get()
    return _task_out(task, user, today_in(task.task_force_id))
