"""The tenant (TaskForce) and who belongs to it: regions, organizations, memberships, roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ally.tenancy.vocab import (
    AgencyType,
    Discipline,
    Jurisdiction,
    MembershipRole,
    TaskForceKind,
    TaskForceRoleKind,
)


class TaskForce(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=80)
    kind = models.CharField(_("type"), max_length=16, choices=TaskForceKind.choices)
    states = models.JSONField(_("states"), default=list)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Chicago")
    # Consents are "reasonably time-limited" (VAWA): a default and a ceiling, in days.
    consent_default_days = models.PositiveIntegerField(_("default consent length (days)"), default=180)
    consent_max_days = models.PositiveIntegerField(_("longest consent (days)"), default=365)
    # How soon a referral must be acknowledged, by urgency (business days skip Saturday and Sunday).
    ack_emergency_minutes = models.PositiveIntegerField(_("emergency referrals: acknowledge within (minutes)"), default=60)
    ack_urgent_business_days = models.PositiveSmallIntegerField(_("urgent referrals: acknowledge within (business days)"), default=1)
    ack_routine_business_days = models.PositiveSmallIntegerField(_("routine referrals: acknowledge within (business days)"), default=3)
    # Shared reports and dashboards show a count below this as a range ("1–4"); 1 shows every count.
    small_cell_threshold = models.PositiveSmallIntegerField(_("shared reports: hide counts below"), default=5)
    co_lead_organizations: models.ManyToManyField[Organization, Any] = models.ManyToManyField(
        "Organization", blank=True, related_name="co_led_task_forces"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="task_force_unique_name")]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="regions")
    name = models.CharField(_("name"), max_length=120)
    counties = models.JSONField(_("counties"), default=list)
    zip_codes = models.JSONField(_("ZIP codes"), default=list)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("task_force", Lower("name"), name="region_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    task_force = models.ForeignKey(
        TaskForce, on_delete=models.CASCADE, related_name="organizations"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80)
    discipline = models.CharField(_("discipline"), max_length=24, choices=Discipline.choices)
    agency_type = models.CharField(
        _("agency type"), max_length=16, choices=AgencyType.choices, blank=True, default=""
    )
    jurisdiction = models.CharField(_("jurisdiction"), max_length=16, choices=Jurisdiction.choices)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # A shelter's street address can reveal where survivors are (DOMAIN §2): when set, only the
    # organization's own members and the coordinator see it.
    confidential_address = models.BooleanField(_("keep the street address confidential"), default=False)
    regions_served = models.ManyToManyField(Region, blank=True, related_name="organizations")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("task_force", Lower("name"), name="organization_unique_name"),
            models.UniqueConstraint("task_force", "slug", name="organization_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    # Denormalised from the organization so every tenancy query can filter on it directly.
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    is_active = models.BooleanField(default=True)
    # A victim-witness coordinator works for law enforcement or a prosecutor: the UI says they
    # cannot promise a survivor confidentiality.
    is_victim_witness_coordinator = models.BooleanField(
        _("victim-witness coordinator (cannot promise confidentiality)"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint("user", "organization", name="membership_unique_user_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class TaskForceRole(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_force_roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=TaskForceRoleKind.choices)
    # Navigators work for given regions; other roles leave this empty.
    regions = models.ManyToManyField(Region, blank=True, related_name="navigator_roles")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint("task_force", "user", "role", name="task_force_role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user}"


class Invitation(models.Model):
    """An emailed link that makes someone a member of an organization, or gives a task-force
    role to someone outside the member organizations (a funder's auditor, a survivor-leader
    consultant): then `organization` is empty and `task_force_role` says which role."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    task_force_role = models.CharField(
        _("task-force role"), max_length=32, choices=TaskForceRoleKind.choices, blank=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.organization or self.get_task_force_role_display()}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"
