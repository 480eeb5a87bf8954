"""Consents and shares: the survivor's written consent, and the parts of a record opened to
another organization under it. Both are the owning organization's own records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Status, UploadedFile

from ally.access import visible_to
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E403, E404, E409, all_named, one_named, one_visible, person
from ally.api.survivors.fetch import client_to_change
from ally.api.survivors.schemas.consents import (
    ConsentIn,
    ConsentOut,
    RevokeConsentIn,
    ShareIn,
    ShareOut,
)
from ally.survivors import actions, signed_forms
from ally.survivors.models import Consent, Share
from ally.tenancy.models import Organization

router = Router(tags=["survivors"])

SIGNED_FORM_FILE = {
    "description": "The signed form, as an attachment",
    "content": {
        media_type: {"schema": {"type": "string", "format": "binary"}}
        for media_type in signed_forms.CONTENT_TYPES.values()
    },
}


def _consent_out(consent: Consent, today: dt.date) -> dict[str, Any]:
    return {
        "id": consent.pk,
        "client_id": consent.client_id,
        "recipients": [{"id": o.pk, "name": o.name} for o in consent.recipients.all()],
        "in_force": consent.in_force_on(today),
        "has_signed_form": bool(consent.attachment),  # never the file's name or place
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
    client = client_to_change(user, client_id)
    today = today_in(client.task_force_id)
    consents = visible_to(user, Consent).filter(client=client).prefetch_related("recipients")
    return [_consent_out(c, today) for c in consents]


@router.post("/clients/{int:client_id}/consents", response={201: ConsentOut, **CHANGE})
def record_consent(request: HttpRequest, client_id: int, payload: ConsentIn) -> Status[dict[str, Any]]:
    """Record the survivor's written, time-limited consent to share named kinds of information
    with named organizations. Refused (400, nothing saved): no expiry or one past the task
    force's limit; unknown field groups or purposes; a minor without a parent or guardian (unless
    a stated rule lets them consent alone); a guardian suspected of abusing them."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    recipients = all_named(
        visible_to(user, Organization),
        payload.recipient_ids,
        _("Recipients are other organizations of this task force."),
    )
    values = payload.model_dump(exclude={"recipient_ids"})
    consent = actions.record_consent(client, acting_user=user, recipients=recipients, **values)
    return Status(201, _consent_out(consent, today_in(client.task_force_id)))


@router.post("/consents/{int:consent_id}/revoke", response={200: ConsentOut, **E403, **E404})
def revoke_consent(
    request: HttpRequest, consent_id: int, payload: RevokeConsentIn
) -> dict[str, Any]:
    """The survivor withdrew consent: every share resting on it closes at once."""
    user = acting_user(request)
    consent = actions.revoke_consent(
        one_visible(visible_to(user, Consent), consent_id), acting_user=user, note=payload.note
    )
    return _consent_out(consent, today_in(consent.task_force_id))


@router.post(
    "/consents/{int:consent_id}/signed-form", response={201: ConsentOut, **CHANGE, **E409}
)
def attach_signed_form(
    request: HttpRequest, consent_id: int, signed_form: File[UploadedFile]
) -> Status[dict[str, Any]]:
    """Attach the survivor's signed form (multipart, field `signed_form`) to a consent recorded
    without it: a PDF, PNG or JPEG of at most 10 MB, recognised by its content, not its name
    (else 400, nothing kept). A form once attached is never replaced (409): if the survivor
    signed again, record a new consent."""
    user = acting_user(request)
    consent = one_visible(visible_to(user, Consent), consent_id)
    consent = signed_forms.attach_signed_form(consent, signed_form, acting_user=user)
    return Status(201, _consent_out(consent, today_in(consent.task_force_id)))


@router.get(
    "/consents/{int:consent_id}/signed-form",
    response=E404,
    openapi_extra={"responses": {200: SIGNED_FORM_FILE}},
)
def get_signed_form(request: HttpRequest, consent_id: int) -> FileResponse:
    """Download the signed form (the owning organization only), always as an attachment.
    404 when the consent has none."""
    user = acting_user(request)
    consent = one_visible(visible_to(user, Consent), consent_id)
    client_to_change(user, consent.client_id)  # as the consent's page: a record still open
    return signed_forms.download(consent)


def _share_out(share: Share, today: dt.date) -> dict[str, Any]:
    return {
        "id": share.pk,
        "client_id": share.client_id,
        "consent_id": share.consent_id,
        "recipient": {"id": share.recipient_id, "name": share.recipient.name},
        "recipient_users": [person(u) for u in share.recipient_users.all()],
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
    client = client_to_change(user, client_id)
    today = today_in(client.task_force_id)
    return [_share_out(s, today) for s in _shares(visible_to(user, Share).filter(client=client))]


@router.post("/clients/{int:client_id}/shares", response={201: ShareOut, **CHANGE})
def share_client(request: HttpRequest, client_id: int, payload: ShareIn) -> Status[dict[str, Any]]:
    """Open part of the record to another organization (or named people in it), for a purpose,
    under a consent in force that covers that organization, those groups and that purpose."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    recipient = one_named(
        visible_to(user, Organization),
        payload.recipient_id,
        _("Recipients are other organizations of this task force."),
    )
    readers = all_named(
        visible_to(user, User),
        payload.recipient_user_ids,
        _("Named readers must be members of the receiving organization."),
    )
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
    share = one_visible(visible_to(user, Share), share_id)
    actions.revoke_share(share, acting_user=user)
    share = _shares(Share.objects.filter(pk=share.pk)).get()
    return _share_out(share, today_in(share.task_force_id))
