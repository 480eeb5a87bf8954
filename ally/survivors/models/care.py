"""The survivor-driven care record: needs, the service plan, services delivered and case notes.

Every row is owned by the client's organization and read only through ``ally.access.care``:
plans, needs and services in the ``services`` field group, case notes in ``notes``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ally.survivors.models.clients import Client


class NeedLevel(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
    MET = "met", _("Met")


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACHIEVED = "achieved", _("Achieved")
    CHANGED = "changed", _("Changed by the survivor")
    DROPPED = "dropped", _("Dropped")


class ServiceUnit(models.TextChoices):
    HOURS = "hours", _("Hours")
    SESSIONS = "sessions", _("Sessions")
    NIGHTS = "nights", _("Nights")
    ITEMS = "items", _("Items")
    TRIPS = "trips", _("Trips")


class CareRecord(models.Model):
    """Tenancy and authorship shared by every care row; ``client`` is declared on each model."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class NeedsAssessment(CareRecord):
    """The survivor's needs on one day, by domain, as the survivor and advocate rated them."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="needs_assessments")
    assessed_on = models.DateField(_("assessed on"))
    # [{"domain": need_domain value, "level": NeedLevel, "note": str}]
    needs = models.JSONField(_("needs"), default=list)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"Needs assessment #{self.pk}"


class ServicePlan(CareRecord):
    """The survivor's own plan: at most one active at a time per client."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="service_plans")
    started_on = models.DateField(_("started on"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(status="active"),
                name="service_plan_one_active_per_client",
            )
        ]

    def __str__(self) -> str:
        return f"Service plan #{self.pk}"


class Goal(CareRecord):
    """A goal in the survivor's own words, ranked by the survivor among the plan's open goals."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ServicePlan, on_delete=models.PROTECT, related_name="goals")
    text = models.TextField(_("goal, in the survivor's words"))
    # 1 is the survivor's first priority; open goals of a plan are numbered 1..n without gaps. A
    # goal that is no longer open keeps the rank it last had.
    priority = models.PositiveSmallIntegerField(_("priority"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "priority", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "priority"],
                condition=Q(status="open"),
                name="goal_unique_open_priority",
            )
        ]

    def __str__(self) -> str:
        return f"Goal #{self.pk}"


class PlannedService(CareRecord):
    """A service the plan foresees, from any organization of the task force."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ServicePlan, on_delete=models.PROTECT, related_name="planned_services")
    category = models.CharField(_("category"), max_length=60)  # service_category vocabulary
    provider = models.ForeignKey(
        "tenancy.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provider"),
    )
    frequency = models.CharField(_("frequency"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.PROTECT, related_name="planned_services"
    )

    class Meta:
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return f"Planned service #{self.pk}"


class PlanReview(CareRecord):
    """A dated review of the plan with the survivor, and when the next one is due."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ServicePlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    summary = models.TextField(_("summary"))
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Plan review #{self.pk}"


class ServiceDelivery(CareRecord):
    """A service given to the client: what, when, by whom, how much, at what cost.

    Corrections never edit a row: the original is soft-deleted with the reason, and the corrected
    values (if any) go into a new row that names it in ``corrects``.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="service_deliveries")
    category = models.CharField(_("category"), max_length=60)  # service_category vocabulary
    delivered_on = models.DateField(_("delivered on"))
    provider = models.ForeignKey(
        "tenancy.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("providing organization"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("staff member"),
    )
    units = models.DecimalField(_("units"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=ServiceUnit.choices)
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-delivered_on", "-id"]
        indexes = [
            models.Index(fields=["client", "delivered_on"]),
            # The quarterly reports (ally.reports): a quarter's services read from the index alone.
            models.Index(
                fields=["task_force", "delivered_on", "client", "category", "organization", "deleted_at"],
                name="service_tf_delivered_on",
            ),
        ]

    def __str__(self) -> str:
        return f"Service #{self.pk}"


class CaseNote(CareRecord):
    """A case note. Append-only: a correction is a new note naming the one it corrects."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="case_notes")
    note_type = models.CharField(_("type"), max_length=40)  # case_note_type vocabulary
    text = models.TextField(_("note"))
    # Sensitive notes: the assigned advocates and the owner's supervisors only, never shared.
    sensitive = models.BooleanField(_("sensitive"), default=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["client", "written_at"])]

    def __str__(self) -> str:
        return f"Case note #{self.pk}"
