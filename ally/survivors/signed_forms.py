"""The signed consent form: a scan or the record of an in-person e-signature, kept as a file.

Files live under MEDIA_ROOT with random names (never the client's) and are never served as static
files: only the owning organization downloads them, through ``consent_form`` in the views. Only
PDF, PNG and JPEG are accepted, recognised by their first bytes rather than by the name given.
"""

from __future__ import annotations

import secrets

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from ally.access.survivors import access_client
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotVisible
from ally.survivors.models import Consent

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


def kind_of(upload: UploadedFile[bytes]) -> str:
    """The file's kind (pdf, png, jpg) from its first bytes; refuses anything else or too large."""
    if upload.size is None or upload.size == 0:
        raise InvalidInput(_("The signed form file is empty."))
    if upload.size > MAX_BYTES:
        raise InvalidInput(_("The signed form is larger than 10 MB. Scan it at a lower resolution."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise InvalidInput(_("The signed form must be a PDF, PNG or JPEG file."))


def store(consent: Consent, upload: UploadedFile[bytes]) -> None:
    """Save the file on the consent under a random name (callers audit and check access)."""
    kind = kind_of(upload)
    consent.attachment.save(f"consent-{secrets.token_hex(12)}.{kind}", upload, save=False)
    consent.save(update_fields=["attachment"])


def download(consent: Consent) -> FileResponse:
    """The signed form as a download (callers check access): always an attachment, never sniffed,
    named by the consent's number rather than anything about the survivor."""
    if not consent.attachment:
        raise NotVisible()
    kind = (consent.attachment.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        consent.attachment.open("rb"),
        as_attachment=True,
        filename=f"consent-{consent.pk}.{kind}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attach_signed_form(consent: Consent, upload: UploadedFile[bytes], *, acting_user: User | None) -> Consent:
    """Attach the signed form to a consent recorded without it. A form already attached stays:
    the record of what the survivor signed is never replaced."""
    if acting_user is not None:
        access_client(acting_user, consent.client_id, for_change=True)
    kind_of(upload)
    with transaction.atomic():
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.attachment:
            raise Conflict(_("This consent already has its signed form. Record a new consent if the survivor signed again."))
        store(current, upload)
        record(
            EventType.CONSENT_FORM_ATTACHED,
            actor=acting_user,
            task_force=current.organization.task_force,
            organization=current.organization,
            target=current,
            changes={"client": current.client_id, "fields": ["attachment"]},
        )
    return current
