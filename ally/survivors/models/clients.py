"""Clients of a victim-service organization, their consents, and the shares that rest on them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Client(models.Model):
    """A survivor served by one victim-service organization (the owner of this record)."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="clients"
    )
    # identity
    legal_name = models.CharField(_("legal name"), max_length=200)
    preferred_name = models.CharField(_("preferred name"), max_length=200, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    # contact and location
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    safe_contact_instructions = models.TextField(_("safe contact instructions"), blank=True)
    # demographics (values from ally.survivors.vocabularies)
    gender = models.CharField(_("gender"), max_length=40, blank=True)
    citizenship_status = models.CharField(_("citizenship status"), max_length=40, blank=True)
    country_of_origin = models.CharField(_("country of origin"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    disabilities = models.JSONField(_("disabilities"), default=list, blank=True)
    minor_at_intake = models.BooleanField(_("minor at intake"), default=False)
    age_when_trafficked = models.PositiveSmallIntegerField(
        _("age when trafficked"), null=True, blank=True
    )
    # trafficking details
    trafficking_type = models.CharField(_("trafficking type"), max_length=20, default="unknown")
    trafficking_status = models.CharField(_("trafficking status"), max_length=60, blank=True)
    status_determined_by = models.CharField(_("status determined by"), max_length=60, blank=True)
    status_determined_on = models.DateField(_("status determined on"), null=True, blank=True)
    methods_of_control = models.JSONField(_("methods of control"), default=list, blank=True)
    exploitation_types = models.JSONField(_("types of exploitation"), default=list, blank=True)
    labor_industry = models.CharField(_("labor industry"), max_length=80, blank=True)
    recruitment_methods = models.JSONField(_("methods of recruitment"), default=list, blank=True)
    recruitment = models.TextField(_("recruitment"), blank=True)
    # legal and immigration
    legal_needs = models.JSONField(_("legal and immigration needs"), default=list, blank=True)
    # services and case
    case_status = models.CharField(_("case status"), max_length=40, default="Active")
    intake_date = models.DateField(_("intake date"), default=dt.date.today)
    referral_source = models.CharField(_("referral source"), max_length=40, blank=True)
    advocates = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_clients"
    )
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["legal_name"]
        indexes = [models.Index(fields=["organization", "legal_name"])]

    def __str__(self) -> str:
        return f"Client #{self.pk}"

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth is None:
            return self.estimated_age
        years = day.year - self.date_of_birth.year
        if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years

    def is_minor_on(self, day: dt.date) -> bool:
        age = self.age_on(day)
        return age < 18 if age is not None else self.minor_at_intake


class SignatureMethod(models.TextChoices):
    SCANNED_FORM = "scanned_form", _("Scanned signed form")
    IN_PERSON_ESIGNATURE = "in_person_esignature", _("In-person electronic signature")


class Consent(models.Model):
    """The survivor's informed, written, time-limited release of information (VAWA/VOCA)."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    recipients = models.ManyToManyField("tenancy.Organization", related_name="consents_received")
    field_groups = models.JSONField(_("field groups"), default=list)
    purposes = models.JSONField(_("purposes"), default=list)
    signed_on = models.DateField(_("signed on"))
    expires_on = models.DateField(_("expires on"))
    signed_by_client = models.BooleanField(_("signed by the client"), default=True)
    guardian_name = models.CharField(_("parent or guardian"), max_length=200, blank=True)
    guardian_relationship = models.CharField(_("relationship"), max_length=100, blank=True)
    # The legal basis when a minor may lawfully consent alone (e.g. a state statute on services).
    minor_consents_alone_basis = models.CharField(max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=40, default="en")
    interpreter = models.CharField(_("interpreter"), max_length=200, blank=True)
    signature_method = models.CharField(
        _("how it was signed"), max_length=30, choices=SignatureMethod.choices
    )
    attachment = models.FileField(_("signed form"), upload_to="consents/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return f"Consent #{self.pk}"

    def in_force_on(self, day: dt.date) -> bool:
        return self.revoked_at is None and self.signed_on <= day <= self.expires_on


class Share(models.Model):
    """Part of a client record made visible to another organization, under a consent."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="shares")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="shares")
    recipient = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="shares_received"
    )
    # Empty: everyone in the recipient organization; else only these people.
    recipient_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    field_groups = models.JSONField(_("field groups"), default=list)
    purpose = models.CharField(_("purpose"), max_length=40)
    expires_on = models.DateField(_("expires on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Share #{self.pk}"

    def granted_groups(self, day: dt.date) -> frozenset[str]:
        """The groups this share grants today: none once it or its consent lapses."""
        consent = self.consent
        if self.revoked_at is not None or day > self.expires_on or not consent.in_force_on(day):
            return frozenset()
        return frozenset(self.field_groups) & frozenset(consent.field_groups)

    def describe(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient_id,
            "field_groups": self.field_groups,
            "purpose": self.purpose,
            "expires_on": self.expires_on.isoformat(),
            "consent": self.consent_id,
        }
