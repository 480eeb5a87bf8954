"""Survivor data grouped by sensitivity. Consents, shares, exports and schemas speak in groups."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldGroup(models.TextChoices):
    IDENTITY = "identity", _("Identity")
    CONTACT_LOCATION = "contact_location", _("Contact and location")
    DEMOGRAPHICS = "demographics", _("Demographics")
    TRAFFICKING_DETAILS = "trafficking_details", _("Trafficking details")
    SERVICES = "services", _("Services and case")
    LEGAL_IMMIGRATION = "legal_immigration", _("Legal and immigration")
    NOTES = "notes", _("Case notes")


# Which group each Client field belongs to. A reader sees a field only if granted its group.
CLIENT_FIELDS: dict[str, FieldGroup] = {
    "legal_name": FieldGroup.IDENTITY,
    "preferred_name": FieldGroup.IDENTITY,
    "aliases": FieldGroup.IDENTITY,
    "date_of_birth": FieldGroup.IDENTITY,
    "estimated_age": FieldGroup.IDENTITY,
    "phone": FieldGroup.CONTACT_LOCATION,
    "email": FieldGroup.CONTACT_LOCATION,
    "street": FieldGroup.CONTACT_LOCATION,
    "city": FieldGroup.CONTACT_LOCATION,
    "state": FieldGroup.CONTACT_LOCATION,
    "zip_code": FieldGroup.CONTACT_LOCATION,
    "safe_contact_instructions": FieldGroup.CONTACT_LOCATION,
    "gender": FieldGroup.DEMOGRAPHICS,
    "citizenship_status": FieldGroup.DEMOGRAPHICS,
    "country_of_origin": FieldGroup.DEMOGRAPHICS,
    "languages": FieldGroup.DEMOGRAPHICS,
    "disabilities": FieldGroup.DEMOGRAPHICS,
    "minor_at_intake": FieldGroup.DEMOGRAPHICS,
    "age_when_trafficked": FieldGroup.DEMOGRAPHICS,
    "trafficking_type": FieldGroup.TRAFFICKING_DETAILS,
    "trafficking_status": FieldGroup.TRAFFICKING_DETAILS,
    "status_determined_by": FieldGroup.TRAFFICKING_DETAILS,
    "status_determined_on": FieldGroup.TRAFFICKING_DETAILS,
    "methods_of_control": FieldGroup.TRAFFICKING_DETAILS,
    "exploitation_types": FieldGroup.TRAFFICKING_DETAILS,
    "labor_industry": FieldGroup.TRAFFICKING_DETAILS,
    "recruitment_methods": FieldGroup.TRAFFICKING_DETAILS,
    "recruitment": FieldGroup.TRAFFICKING_DETAILS,
    "legal_needs": FieldGroup.LEGAL_IMMIGRATION,
    "case_status": FieldGroup.SERVICES,
    "intake_date": FieldGroup.SERVICES,
    "referral_source": FieldGroup.SERVICES,
}

ALL_GROUPS = frozenset(FieldGroup)


def clean_groups(groups: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """Validate group names; raises ValueError naming the unknown ones."""
    unknown = sorted(set(groups) - set(FieldGroup.values))
    if unknown:
        raise ValueError(", ".join(unknown))
    return sorted(set(groups))


def fields_in(groups: frozenset[str] | set[str]) -> list[str]:
    return [name for name, group in CLIENT_FIELDS.items() if group in groups]
