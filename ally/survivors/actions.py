"""Changes to client records, consents and shares.

Audit events name the fields that changed, never their values: the audit log is permanent, and a
survivor's details must stay removable from everywhere but the owning organization's record.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.policy import grants_for
from ally.access.survivors import access_client, today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.survivors import signed_forms, vocabularies
from ally.survivors.fieldgroups import CLIENT_FIELDS, clean_groups
from ally.survivors.models import Client, Consent, Share, SignatureMethod
from ally.tenancy.models import Membership, Organization
from ally.tenancy.vocab import Discipline, MembershipRole

CONSENT_PURPOSES = (
    "referral_for_services",
    "law_enforcement_coordination",
    "prosecution",
    "case_review",
    "evaluation",
)
LIST_FIELDS = {
    "aliases", "languages", "disabilities", "methods_of_control", "exploitation_types", "legal_needs",
    "recruitment_methods",
}
# Fields whose values come from a vocabulary (ally/survivors/data/vocabularies/).
VOCABULARY_OF = {
    "gender": "prs_Gender",
    "citizenship_status": "citizenship_status",
    "trafficking_type": "trafficking_type",
    "trafficking_status": "vic_TraffickingStatus",
    "status_determined_by": "vic_TraffickingStatusDecisionMakingOrg",
    "methods_of_control": "vic_MethodsOfControl",
    "exploitation_types": "vic_TypeOfExploitation",
    "recruitment_methods": "vic_MethodOfRecruitment",
    "labor_industry": "vic_ForcedLabourIndustry",
    "legal_needs": "legal_immigration_need",
    "case_status": "cas_Status",
    "referral_source": "referral_source",
    "disabilities": "disability",
}
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
DATE_FIELDS = {"date_of_birth", "status_determined_on", "intake_date"}


def _check_member(acting_user: User | None, organization: Organization) -> None:
    if acting_user is None:
        return
    grants = grants_for(acting_user)
    if organization.task_force_id != grants.task_force_id:
        raise NotVisible()
    if organization.pk not in grants.organization_ids():
        raise NotPermitted()


def _clean_fields(values: dict[str, Any], today: dt.date) -> dict[str, Any]:
    unknown = sorted(set(values) - set(CLIENT_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    for name in LIST_FIELDS & set(cleaned):
        if not isinstance(cleaned[name], list):
            raise InvalidInput(_("%(field)s must be a list.") % {"field": name})
        if any(not isinstance(item, str) or len(item) > 200 for item in cleaned[name]):
            raise InvalidInput(_("%(field)s: each entry is text of at most 200 characters.") % {"field": name.replace("_", " ")})
        cleaned[name] = list(dict.fromkeys(item.strip() for item in cleaned[name] if item.strip()))
    for name in DATE_FIELDS & set(cleaned):
        value = cleaned[name]
        if value is not None and not isinstance(value, dt.date):
            raise InvalidInput(_("%(field)s must be a date.") % {"field": name.replace("_", " ")})
        if value is not None and value > today:
            raise InvalidInput(_("%(field)s cannot be in the future.") % {"field": name.replace("_", " ")})
    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            raise InvalidInput(_("Enter a valid email address, or leave it empty.")) from None
    if "legal_name" in cleaned and not cleaned["legal_name"]:
        raise InvalidInput(_("Enter the client's legal name (or the name they gave)."))
    for name, vocabulary_id in VOCABULARY_OF.items():
        if name not in cleaned:
            continue
        given = cleaned[name] if isinstance(cleaned[name], list) else [cleaned[name]]
        wrong = [v for v in given if v != "" and not vocabularies.is_valid(vocabulary_id, v)]
        if wrong:
            raise InvalidInput(
                _("%(field)s: unknown value %(values)s")
                % {"field": name.replace("_", " "), "values": ", ".join(map(str, wrong))}
            )
    return cleaned


def create_client(
    organization: Organization, *, acting_user: User | None, **values: Any
) -> Client:
    """Open a client record in a victim-service organization; its creator becomes an advocate."""
    _check_member(acting_user, organization)
    if organization.discipline != Discipline.VICTIM_SERVICES:
        raise InvalidInput(_("Client records belong to victim-service organizations."))
    cleaned = _clean_fields(values, today_in(organization.task_force_id))
    if not cleaned.get("legal_name"):
        raise InvalidInput(_("Enter the client's legal name (or the name they gave)."))
    with transaction.atomic():
        client = Client.objects.create(
            task_force_id=organization.task_force_id, organization=organization, **cleaned
        )
        if acting_user is not None:
            client.advocates.add(acting_user)
        record(
            EventType.CLIENT_CREATED,
            actor=acting_user,
            task_force=organization.task_force,
            organization=organization,
            target=client,
            changes={"fields": sorted(cleaned)},
        )
    return client


def update_client(
    client: Client, *, version: int, acting_user: User | None, **values: Any
) -> Client:
    """Change a client record, refusing the edit if someone else saved it first."""
    if acting_user is not None:
        access_client(acting_user, client.pk, for_change=True)
    cleaned = _clean_fields(values, today_in(client.task_force_id))
    with transaction.atomic():
        current = Client.objects.select_for_update().get(pk=client.pk)
        if current.version != version:
            raise Conflict(
                _("Someone else changed this record since you opened it. Reload it, then make your change again.")
            )
        changed = sorted(k for k, v in cleaned.items() if getattr(current, k) != v)
        if not changed:
            return current  # nothing to save: the version stays, so nobody else's edit collides
        for name in changed:
            setattr(current, name, cleaned[name])
        current.version += 1
        current.save()
        record(
            EventType.CLIENT_UPDATED,
            actor=acting_user,
            task_force=current.organization.task_force,
            organization=current.organization,
            target=current,
            changes={"fields": changed},
        )
    return current


def may_assign_advocates(user: User, client: Client) -> bool:
    """Supervisors and administrators of the client's organization assign its advocates."""
    return grants_for(user).memberships.get(client.organization_id) in {MembershipRole.SUPERVISOR, MembershipRole.ORG_ADMIN}


def _check_supervisor(acting_user: User | None, client: Client) -> None:
    if acting_user is not None and not may_assign_advocates(acting_user, client):
        access_client(acting_user, client.pk, for_change=True)  # 404 or 403, never a logged read
        raise NotPermitted()


def assign_advocate(client: Client, *, user: User, acting_user: User | None) -> None:
    """Assign a member of the owning organization as one of the client's advocates."""
    _check_supervisor(acting_user, client)
    if not Membership.objects.filter(user=user, organization=client.organization, is_active=True).exists():
        raise InvalidInput(_("Advocates are members of the client's organization."))
    with transaction.atomic():
        client.advocates.add(user)
        record(
            EventType.ADVOCATE_ASSIGNED,
            actor=acting_user,
            task_force=client.organization.task_force,
            organization=client.organization,
            target=client,
            changes={"advocate": user.pk},
        )


def unassign_advocate(client: Client, *, user: User, acting_user: User | None) -> None:
    """Take a person off the client's advocates (they keep what their role lets them see)."""
    _check_supervisor(acting_user, client)
    if not client.advocates.filter(pk=user.pk).exists():
        raise InvalidInput(_("This person is not one of the client's advocates."))
    with transaction.atomic():
        client.advocates.remove(user)
        record(
            EventType.ADVOCATE_UNASSIGNED,
            actor=acting_user,
            task_force=client.organization.task_force,
            organization=client.organization,
            target=client,
            changes={"advocate": user.pk},
        )


def record_consent(
    client: Client,
    *,
    acting_user: User | None,
    recipients: list[Organization],
    field_groups: list[str],
    purposes: list[str],
    signed_on: dt.date,
    expires_on: dt.date | None,
    signature_method: str,
    signed_by_client: bool = True,
    guardian_name: str = "",
    guardian_relationship: str = "",
    guardian_suspected_abuser: bool = False,
    minor_consents_alone_basis: str = "",
    language: str = "en",
    interpreter: str = "",
    signed_form: UploadedFile[bytes] | None = None,
) -> Consent:
    """Record the survivor's written, time-limited release to named organizations.

    Refused: no expiry or one past the task force's ceiling; unknown field groups or purposes;
    for a minor, a missing parent/guardian unless a stated rule lets the minor consent alone; a
    guardian suspected of abusing the minor; recipients outside the task force.
    """
    if acting_user is not None:
        access_client(acting_user, client.pk, for_change=True)
    task_force = client.organization.task_force
    today = today_in(task_force.pk)
    if expires_on is None:
        raise InvalidInput(_("A consent needs an expiry date: consent is always time-limited."))
    if signed_on > today:
        raise InvalidInput(_("The signing date cannot be in the future."))
    if expires_on <= signed_on:
        raise InvalidInput(_("The expiry date must come after the signing date."))
    if expires_on > signed_on + timedelta(days=task_force.consent_max_days):
        raise InvalidInput(
            _("A consent in this task force lasts at most %(days)d days.") % {"days": task_force.consent_max_days}
        )
    try:
        groups = clean_groups(field_groups)
    except ValueError as error:
        raise InvalidInput(_("Unknown field groups: %(groups)s") % {"groups": error}) from None
    if not groups:
        raise InvalidInput(_("Name at least one kind of information the client agrees to share."))
    unknown_purposes = sorted(set(purposes) - set(CONSENT_PURPOSES))
    if unknown_purposes or not purposes:
        raise InvalidInput(_("Purposes are: %(choices)s") % {"choices": ", ".join(CONSENT_PURPOSES)})
    if not recipients:
        raise InvalidInput(_("Name at least one organization the information may go to."))
    if any(r.task_force_id != task_force.pk or r.pk == client.organization_id for r in recipients):
        raise InvalidInput(_("Recipients are other organizations of this task force."))
    if not isinstance(language, str) or not LANGUAGE_CODE.fullmatch(language):
        raise InvalidInput(_("Give the language of the form as a code such as en, es or vi."))
    if signature_method not in SignatureMethod.values:
        raise InvalidInput(_("Say how the consent was signed."))
    if signed_form is not None:
        signed_forms.kind_of(signed_form)
    if guardian_suspected_abuser:
        raise InvalidInput(_("A parent or guardian suspected of abusing the client may not consent for them."))
    if client.is_minor_on(signed_on):
        if not signed_by_client:
            raise InvalidInput(_("A minor signs their own consent, with a parent or guardian unless the law lets them consent alone."))
        if not minor_consents_alone_basis.strip() and not guardian_name.strip():
            raise InvalidInput(
                _("This client is a minor: a parent or guardian must also sign, unless the minor may lawfully consent alone (say under which rule).")
            )
    with transaction.atomic():
        consent = Consent.objects.create(
            task_force=task_force,
            organization=client.organization,
            client=client,
            field_groups=groups,
            purposes=sorted(set(purposes)),
            signed_on=signed_on,
            expires_on=expires_on,
            signed_by_client=signed_by_client,
            guardian_name=guardian_name.strip(),
            guardian_relationship=guardian_relationship.strip(),
            minor_consents_alone_basis=minor_consents_alone_basis.strip(),
            language=language,
            interpreter=interpreter.strip(),
            signature_method=signature_method,
            recorded_by=acting_user,
        )
        consent.recipients.set(recipients)
        if signed_form is not None:
            signed_forms.store(consent, signed_form)
        record(
            EventType.CONSENT_RECORDED,
            actor=acting_user,
            task_force=task_force,
            organization=client.organization,
            target=consent,
            changes={
                "client": client.pk,
                "recipients": [r.pk for r in recipients],
                "field_groups": groups,
                "purposes": sorted(set(purposes)),
                "expires_on": expires_on.isoformat(),
                "signed_form": signed_form is not None,
            },
        )
    return consent


def revoke_consent(consent: Consent, *, acting_user: User | None, note: str = "") -> Consent:
    """The survivor withdrew consent: every share resting on it closes at once."""
    if acting_user is not None:
        access_client(acting_user, consent.client_id, for_change=True)
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.revoked_at is not None:
            return consent
        consent.revoked_at = timezone.now()
        consent.revoked_by = acting_user
        consent.revocation_note = note.strip()[:300]
        consent.save(update_fields=["revoked_at", "revoked_by", "revocation_note"])
        record(
            EventType.CONSENT_REVOKED,
            actor=acting_user,
            task_force=consent.task_force,
            organization=consent.organization,
            target=consent,
            changes={"client": consent.client_id},
        )
    return consent


def share_client(
    client: Client,
    *,
    recipient: Organization,
    field_groups: list[str],
    purpose: str,
    acting_user: User | None,
    expires_on: dt.date | None = None,
    recipient_users: list[User] | None = None,
) -> Share:
    """Open part of a client record to another organization, under a consent that covers it."""
    if acting_user is not None:
        access_client(acting_user, client.pk, for_change=True)
    try:
        groups = clean_groups(field_groups)
    except ValueError as error:
        raise InvalidInput(_("Unknown field groups: %(groups)s") % {"groups": error}) from None
    if not groups:
        raise InvalidInput(_("Choose what to share."))
    today = today_in(client.task_force_id)
    covering = [
        consent
        for consent in client.consents.filter(revoked_at=None, recipients=recipient)
        if consent.in_force_on(today)
        and set(groups) <= set(consent.field_groups)
        and purpose in consent.purposes
    ]
    if not covering:
        raise InvalidInput(
            _("No consent in force covers sharing this with %(org)s for this purpose. Record the client's consent first.")
            % {"org": recipient.name}
        )
    consent = max(covering, key=lambda c: c.expires_on)
    expires_on = expires_on or consent.expires_on
    if expires_on > consent.expires_on or expires_on < today:
        raise InvalidInput(_("A share ends by the day its consent does."))
    readers = recipient_users or []
    if any(not Membership.objects.filter(user=u, organization=recipient, is_active=True).exists() for u in readers):
        raise InvalidInput(_("Named readers must be members of the receiving organization."))
    with transaction.atomic():
        share = Share.objects.create(
            task_force_id=client.task_force_id,
            organization_id=client.organization_id,
            client=client,
            consent=consent,
            recipient=recipient,
            field_groups=groups,
            purpose=purpose,
            expires_on=expires_on,
            created_by=acting_user,
        )
        share.recipient_users.set(readers)
        record(
            EventType.SHARE_CREATED,
            actor=acting_user,
            task_force=client.organization.task_force,
            organization=client.organization,
            target=share,
            changes={**share.describe(), "client": client.pk, "readers": [u.pk for u in readers]},
        )
    return share


def revoke_share(share: Share, *, acting_user: User | None) -> Share:
    """Close a share before its end date."""
    if acting_user is not None:
        access_client(acting_user, share.client_id, for_change=True)
    with transaction.atomic():
        share = Share.objects.select_for_update().get(pk=share.pk)
        if share.revoked_at is None:
            share.revoked_at = timezone.now()
            share.save(update_fields=["revoked_at"])
            record(
                EventType.SHARE_REVOKED,
                actor=acting_user,
                task_force=share.task_force,
                organization=share.organization,
                target=share,
                changes={"client": share.client_id},
            )
    return share
