"""Agreements (MOUs, MOAs, data-sharing agreements): recording, renewing, ending, documents.

Signed documents are PDFs only, at most 10 MB, recognised by their first bytes (not by the name
given), kept under MEDIA_ROOT with a random name and served only by ``download``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotVisible
from ally.protocols.actions._common import check_leadership, date_value, optional_date, text_value
from ally.protocols.models import Agreement, AgreementDocument, AgreementKind, AgreementTerm
from ally.tenancy.models import Organization, TaskForce

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def _dates(signed_on: object, effective_on: object, expires_on: object) -> tuple[dt.date, dt.date, dt.date | None]:
    signed = date_value(signed_on, _("the signing date"))
    effective = date_value(effective_on, _("the date it takes effect"))
    expires = optional_date(expires_on, _("the expiry date"))
    if expires is not None and expires <= signed:
        raise InvalidInput(_("An agreement cannot expire on or before the day it was signed (%(date)s).") % {
            "date": signed.isoformat()})
    if expires is not None and expires < effective:
        raise InvalidInput(_("An agreement cannot expire before it takes effect (%(date)s).") % {
            "date": effective.isoformat()})
    return signed, effective, expires


def _parties(task_force: TaskForce, parties: Sequence[Organization], task_force_is_party: bool) -> list[Organization]:
    parties = list(dict.fromkeys(parties))
    if any(o.task_force_id != task_force.pk for o in parties):
        raise InvalidInput(_("Parties are organizations of this task force."))
    if any(not o.is_active for o in parties):
        raise InvalidInput(_("Parties are active organizations: %(names)s is no longer active.") % {
            "names": ", ".join(sorted(o.name for o in parties if not o.is_active))})
    if len(parties) + (1 if task_force_is_party else 0) < 2:
        raise InvalidInput(_("An agreement has at least two parties: two organizations, or one organization and the task force."))
    return parties


def renewal_recipients(agreement: Agreement) -> list[User]:
    """Who hears about an agreement: the coordinator and the administrators of its parties."""
    users = User.objects.filter(
        is_active=True, memberships__organization__in=agreement.parties.all(),
        memberships__is_active=True, memberships__role="org_admin",
    ) | User.objects.filter(
        is_active=True, task_force_roles__task_force_id=agreement.task_force_id, task_force_roles__role="coordinator"
    )
    return list(users.distinct())


def record_agreement(
    task_force: TaskForce,
    *,
    acting_user: User | None,
    title: str,
    kind: str,
    parties: Sequence[Organization],
    signed_on: dt.date,
    effective_on: dt.date,
    expires_on: dt.date | None = None,
    task_force_is_party: bool = False,
    notes: str = "",
) -> Agreement:
    """Record a signed agreement and its first term. It expires after it was signed (or is
    open-ended: no expiry date)."""
    check_leadership(acting_user, task_force)
    title = text_value(title, _("Title"), 200, required=True)
    if kind not in AgreementKind.values:
        raise InvalidInput(_("Choose the kind of agreement from the list."))
    signed, effective, expires = _dates(signed_on, effective_on, expires_on)
    organizations = _parties(task_force, parties, task_force_is_party)
    notes = text_value(notes, _("Notes"), 5000)
    with transaction.atomic():
        agreement = Agreement.objects.create(
            task_force=task_force, title=title, kind=kind, task_force_is_party=task_force_is_party,
            signed_on=signed, effective_on=effective, expires_on=expires, notes=notes, created_by=acting_user,
        )
        agreement.parties.set(organizations)
        AgreementTerm.objects.create(
            task_force=task_force, agreement=agreement, number=1, signed_on=signed, effective_on=effective,
            expires_on=expires, recorded_by=acting_user,
        )
        record(
            EventType.AGREEMENT_RECORDED, actor=acting_user, task_force=task_force, target=agreement,
            changes={
                "kind": kind, "parties": [o.pk for o in organizations], "task_force_is_party": task_force_is_party,
                "signed_on": signed.isoformat(), "effective_on": effective.isoformat(),
                "expires_on": expires.isoformat() if expires else None,
            },
        )
    return agreement


def renew_agreement(
    agreement: Agreement,
    *,
    acting_user: User | None,
    signed_on: dt.date,
    effective_on: dt.date,
    expires_on: dt.date | None = None,
) -> Agreement:
    """Renew: a new term with new dates; the earlier terms stay in the agreement's history.
    An agreement ended early is not renewed (record a new one)."""
    check_leadership(acting_user, agreement.task_force)
    signed, effective, expires = _dates(signed_on, effective_on, expires_on)
    with transaction.atomic():
        current = Agreement.objects.select_for_update().select_related("task_force").get(pk=agreement.pk)
        if current.ended_on is not None:
            raise Conflict(_("This agreement was ended early: record a new agreement instead of renewing it."))
        if signed < current.signed_on or effective <= current.effective_on:
            raise InvalidInput(_("A renewal is signed and takes effect after the current term (signed %(signed)s, in effect from %(effective)s).")
                               % {"signed": current.signed_on.isoformat(), "effective": current.effective_on.isoformat()})
        number = current.terms.count() + 1
        AgreementTerm.objects.create(
            task_force_id=current.task_force_id, agreement=current, number=number, signed_on=signed,
            effective_on=effective, expires_on=expires, recorded_by=acting_user,
        )
        before = current.expires_on
        current.signed_on, current.effective_on, current.expires_on = signed, effective, expires
        current.save(update_fields=["signed_on", "effective_on", "expires_on"])
        record(
            EventType.AGREEMENT_RENEWED, actor=acting_user, task_force=current.task_force, target=current,
            changes={
                "term": number, "signed_on": signed.isoformat(), "effective_on": effective.isoformat(),
                "expires_on": [before.isoformat() if before else None, expires.isoformat() if expires else None],
            },
        )
    return current


def end_agreement(agreement: Agreement, *, acting_user: User | None, ended_on: dt.date) -> Agreement:
    """End an agreement before its expiry (from ``ended_on`` it is no longer in effect)."""
    check_leadership(acting_user, agreement.task_force)
    ended = date_value(ended_on, _("the date it ends"))
    with transaction.atomic():
        current = Agreement.objects.select_for_update().select_related("task_force").get(pk=agreement.pk)
        if current.ended_on is not None:
            raise Conflict(_("This agreement has already been ended."))
        if ended < current.effective_on:
            raise InvalidInput(_("An agreement cannot end before it takes effect (%(date)s).") % {
                "date": current.effective_on.isoformat()})
        if current.expires_on is not None and ended > current.expires_on:
            raise InvalidInput(_("This agreement expires on %(date)s anyway: end it on or before that day.") % {
                "date": current.expires_on.isoformat()})
        current.ended_on = ended
        current.save(update_fields=["ended_on"])
        record(
            EventType.AGREEMENT_ENDED, actor=acting_user, task_force=current.task_force, target=current,
            changes={"ended_on": ended.isoformat()},
        )
    return current


def check_pdf(upload: UploadedFile[bytes]) -> None:
    if upload.size is None or upload.size == 0:
        raise InvalidInput(_("The document file is empty."))
    if upload.size > MAX_DOCUMENT_BYTES:
        raise InvalidInput(_("The document is larger than 10 MB."))
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise InvalidInput(_("The document must be a PDF file."))


def add_agreement_document(
    agreement: Agreement, upload: UploadedFile[bytes], *, acting_user: User | None, title: str = ""
) -> AgreementDocument:
    """Attach a signed document (PDF) to an agreement. Documents are never replaced."""
    check_leadership(acting_user, agreement.task_force)
    title = text_value(title, _("Document title"), 200) or _("Signed agreement")
    check_pdf(upload)
    document = AgreementDocument(
        task_force_id=agreement.task_force_id, agreement=agreement, title=title,
        size=upload.size or 0, uploaded_by=acting_user,
    )
    try:
        with transaction.atomic():
            document.file.save(f"agreement-{secrets.token_hex(16)}.pdf", upload, save=False)
            document.save()
            record(
                EventType.AGREEMENT_DOCUMENT_ADDED, actor=acting_user, task_force=agreement.task_force, target=agreement,
                changes={"document": document.pk, "bytes": document.size},
            )
    except BaseException:
        # The row was rolled back: the stored file must not stay behind, unreferenced.
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


def download(document: AgreementDocument) -> FileResponse:
    """The document as a download (callers check access): always an attachment, never sniffed,
    named by its number."""
    if not document.file:
        raise NotVisible()
    response = FileResponse(
        document.file.open("rb"), as_attachment=True,
        filename=f"agreement-{document.agreement_id}-document-{document.pk}.pdf", content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def agreement_link(agreement: Agreement) -> str:
    return reverse("agreement_detail", args=[agreement.pk])
