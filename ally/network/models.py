"""The provider network: what a provider offers, how navigators vetted it, and what it is paid.

Provider profiles, vetting visits and sub-awards are organizational records, not personal ones.
A claim line copies the few facts of one service delivery (date, category, units, cost) so the
reviewing navigator, who is outside the provider's compartment, reads them without reading the
client's record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProviderProfile(models.Model):
    """One service-providing organization as the directory and provider matching see it."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    organization = models.OneToOneField(
        "tenancy.Organization", on_delete=models.CASCADE, related_name="provider_profile"
    )
    services = models.JSONField(_("services offered"), default=list, blank=True)  # service_category
    populations = models.JSONField(_("populations served"), default=list, blank=True)  # population
    languages = models.JSONField(_("languages"), default=list, blank=True)  # names, as on a client
    counties = models.JSONField(_("counties served"), default=list, blank=True)  # besides regions
    # Where services are given. Coordinates are the ZIP code's centre (offline data), never a
    # geocoded street: they say no more than the ZIP code, which is not confidential.
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    county = models.CharField(_("county"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    hours = models.TextField(_("hours"), blank=True)
    crisis_line = models.BooleanField(_("24/7 crisis line"), default=False)
    crisis_phone = models.CharField(_("crisis line phone"), max_length=40, blank=True)
    eligibility_notes = models.TextField(_("eligibility notes"), blank=True)
    # The provider's own statement of how many new survivors it can take now; None: not said.
    intake_capacity = models.PositiveIntegerField(_("current intake capacity"), null=True, blank=True)
    capacity_updated_at = models.DateTimeField(null=True, blank=True)
    capacity_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: an edit of the profile names the version it started from.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(intake_capacity__isnull=True) | Q(intake_capacity__gte=0),
                name="provider_profile_capacity_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"Provider profile of organization #{self.organization_id}"

    @property
    def has_capacity(self) -> bool:
        return bool(self.intake_capacity)

    @property
    def coordinates(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    def offers(self, category: str) -> bool:
        return category in self.services

    def serves(self, populations: set[str] | frozenset[str]) -> bool:
        """Whether the provider lists every one of these populations."""
        return set(populations) <= set(self.populations)

    def speaks(self, language: str) -> bool:
        wanted = language.strip().casefold()
        return any(spoken.casefold() == wanted for spoken in self.languages)

    def covered_counties(self) -> set[str]:
        """Counties named on the profile plus those of the regions the organization serves,
        case-folded and without "County". Prefetch ``organization__regions_served`` for lists."""
        from ally.network.places import county_key

        regions = self.organization.regions_served.all()
        names = [*self.counties, *(c for region in regions for c in region.counties)]
        return {county_key(name) for name in names if name.strip()}

    def covers_county(self, county: str) -> bool:
        from ally.network.places import county_key

        return county_key(county) in self.covered_counties()


class SubAward(models.Model):
    """Money the task force passes to a reimbursement-based provider for one award period."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="sub_awards"
    )
    reference = models.CharField(_("award number"), max_length=80, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2)
    starts_on = models.DateField(_("award period starts"))
    ends_on = models.DateField(_("award period ends"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="sub_award_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="sub_award_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"Sub-award #{self.pk}"


class VettingOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    CONDITIONAL = "conditional", _("Approved with conditions")
    NOT_APPROVED = "not_approved", _("Not approved")


# Outcomes that make a provider vetted until its revisit date.
VETTED_OUTCOMES = (VettingOutcome.APPROVED, VettingOutcome.CONDITIONAL)


class VettingVisit(models.Model):
    """A navigator's (or the coordinator's) site visit to a provider, with the checklist answers.

    Visits are never edited: a later visit supersedes an earlier one.
    """

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="vetting_visits"
    )
    visited_on = models.DateField(_("site visit date"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    checklist_id = models.CharField(max_length=40)
    checklist_version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)  # item key → answer value
    outcome = models.CharField(_("outcome"), max_length=16, choices=VettingOutcome.choices)
    notes = models.TextField(_("notes and conditions"), blank=True)
    revisit_on = models.DateField(_("revisit by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["organization", "-visited_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(revisit_on__isnull=True) | Q(revisit_on__gt=F("visited_on")),
                name="vetting_revisit_after_visit",
            ),
            models.CheckConstraint(
                condition=Q(outcome="not_approved") | Q(revisit_on__isnull=False),
                name="vetting_approval_has_revisit_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Vetting visit #{self.pk}"


class ReimbursementClaim(models.Model):
    """A sub-awarded provider's claim for the services it delivered in a period."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="reimbursement_claims"
    )
    sub_award = models.ForeignKey(SubAward, on_delete=models.PROTECT, related_name="claims")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    reference = models.CharField(_("invoice number"), max_length=80, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="claim_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"Claim #{self.pk}"


class LineDecision(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ClaimLine(models.Model):
    """One service delivery on a claim, as the reviewer sees it: never the client or notes."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    claim = models.ForeignKey(ReimbursementClaim, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveSmallIntegerField(_("line"))
    service = models.ForeignKey(
        "survivors.ServiceDelivery", on_delete=models.PROTECT, related_name="claim_lines"
    )
    # Copied from the service when claimed: what the claim asked for stays as it was asked.
    delivered_on = models.DateField(_("delivered on"))
    category = models.CharField(_("category"), max_length=60)
    units = models.DecimalField(_("units"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10)
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2)
    decision = models.CharField(
        _("decision"), max_length=10, choices=LineDecision.choices, default=LineDecision.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claim", "number"]
        constraints = [
            models.UniqueConstraint("claim", "number", name="claim_line_unique_number"),
            # SECURITY: a service is paid once. Two claims submitted at the same moment both pass
            # the action's check; this index refuses the second.
            models.UniqueConstraint(
                fields=["service"],
                condition=~Q(decision="rejected"),
                name="claim_line_service_claimed_once",
            ),
            models.CheckConstraint(condition=Q(cost__gt=0), name="claim_line_cost_positive"),
        ]

    def __str__(self) -> str:
        return f"Claim line #{self.pk}"
