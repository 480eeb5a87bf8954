"""Survivor-leader engagement, outreach and awareness events, and the threat assessment.

SECURITY: a survivor-leader entry says that a person survived trafficking. The entry, its
engagements and the link of an outreach event to a survivor leader are read by the coordinator
(and by the survivor leader whose account an entry names) only; see ``ally/access/outreach.py``.
A threat assessment holds no individual record: its tip and investigation counts are computed
from counts when shown (``ally/outreach/queries.py``), never stored or linked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LeaderKind(models.TextChoices):
    ADVISOR = "advisor", _("Advisor")
    CONSULTANT = "consultant", _("Consultant")


class SurvivorLeader(models.Model):
    """A survivor leader who advises or consults for the task force, with or without an account."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name as they choose to be known"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Ally account"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LeaderKind.choices)
    expertise = models.JSONField(_("areas of expertise"), default=list, blank=True)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    hourly_rate = models.DecimalField(_("hourly rate"), max_digits=8, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survivor leader")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_force", "user"], condition=Q(user__isnull=False), name="survivor_leader_one_per_account"
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__isnull=True) | Q(hourly_rate__gte=0), name="survivor_leader_rate_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["task_force", "name"])]

    def __str__(self) -> str:
        return f"Survivor leader #{self.pk}"

    def active_on(self, day: object) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)  # type: ignore[operator]


class EngagementKind(models.TextChoices):
    ADVISORY_MEETING = "advisory_meeting", _("Advisory meeting")
    REVIEW = "review", _("Protocol or material review")
    TRAINING = "training", _("Training delivery")
    CASE_CONSULTATION = "case_consultation", _("Case consultation (no identifying details)")
    SPEAKING = "speaking", _("Speaking or event")
    MENTORING_DESIGN = "mentoring_design", _("Peer mentoring program design")
    OTHER = "other", _("Other")


class Engagement(models.Model):
    """Paid work a survivor leader did for the task force. A compensation of zero names its
    reason: survivor leaders are paid for their expertise."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    leader = models.ForeignKey(SurvivorLeader, on_delete=models.CASCADE, related_name="engagements")
    kind = models.CharField(_("type"), max_length=24, choices=EngagementKind.choices)
    occurred_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    compensation = models.DecimalField(_("compensation"), max_digits=10, decimal_places=2)
    unpaid_reason = models.CharField(_("reason for no compensation"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("engagement")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="engagement_hours_positive"),
            models.CheckConstraint(condition=Q(compensation__gte=0), name="engagement_compensation_not_negative"),
            models.CheckConstraint(
                condition=Q(compensation__gt=0) | ~Q(unpaid_reason=""), name="engagement_unpaid_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["task_force", "leader", "occurred_on"])]

    def __str__(self) -> str:
        return f"Engagement #{self.pk}"


class FeedbackStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")


class Feedback(models.Model):
    """Feedback from a survivor leader to leadership, and leadership's response. Co-leads read
    the topic and text but never who gave it."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    leader = models.ForeignKey(
        SurvivorLeader, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    # The survivor leader's own account when they submitted it (or are linked to the entry).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=200)
    text = models.TextField(_("feedback"))
    received_on = models.DateField(_("received on"))
    status = models.CharField(_("status"), max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN)
    response = models.TextField(_("response"), blank=True)
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["task_force", "status", "received_on"])]

    def __str__(self) -> str:
        return f"Feedback #{self.pk}"


class EventKind(models.TextChoices):
    LISTENING_SESSION = "listening_session", _("Listening session")
    COMMUNITY_TRAINING = "community_training", _("Community training")
    AWARENESS = "awareness", _("Awareness presentation")
    ART = "art", _("Survivor-led art event")
    SPOKEN_WORD = "spoken_word", _("Spoken-word event")
    WORKER_OUTREACH = "worker_outreach", _("Outreach to workers or industry")
    MEDIA = "media", _("Media or campaign")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class OutreachEvent(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.PLANNED)
    occurred_on = models.DateField(_("date"))
    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    county = models.CharField(_("county"), max_length=100, blank=True)
    audience = models.CharField(_("audience"), max_length=500, blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    survivor_led = models.BooleanField(_("survivor-led"), default=False)
    # SECURITY: who led it names survivor leaders: the coordinator only.
    leaders = models.ManyToManyField(SurvivorLeader, blank=True, related_name="events")
    partners = models.ManyToManyField("tenancy.Organization", blank=True, related_name="+")
    other_partners = models.CharField(_("other partners"), max_length=500, blank=True)
    industry = models.ForeignKey(
        "AssessedIndustry", null=True, blank=True, on_delete=models.SET_NULL, related_name="events",
        verbose_name=_("planned from the threat assessment of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outreach event")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="held") | Q(attendance__isnull=False), name="outreach_held_has_attendance"
            ),
        ]
        indexes = [
            models.Index(fields=["task_force", "occurred_on"]),
            models.Index(fields=["task_force", "region", "occurred_on"]),
        ]

    def __str__(self) -> str:
        return self.title


class ThreatAssessment(models.Model):
    """A region's assessment for one federal fiscal year: the industries present and their risk."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("threat assessment")
        ordering = ["-fiscal_year", "region__name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "fiscal_year"], name="threat_assessment_one_per_region_year")
        ]
        indexes = [models.Index(fields=["task_force", "fiscal_year"])]

    def __str__(self) -> str:
        return f"Threat assessment #{self.pk}"


class AssessedIndustry(models.Model):
    assessment = models.ForeignKey(ThreatAssessment, on_delete=models.CASCADE, related_name="industries")
    naics_code = models.CharField(_("NAICS industry"), max_length=8)
    establishments = models.PositiveIntegerField(_("establishments (estimate)"), null=True, blank=True)
    workers = models.PositiveIntegerField(_("workers (estimate)"), null=True, blank=True)
    factors = models.JSONField(_("vulnerability factors"), default=list, blank=True)
    factors_version = models.PositiveIntegerField()
    score = models.PositiveSmallIntegerField(_("score"))
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assessed industry")
        ordering = ["-score", "naics_code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "naics_code"], name="assessed_industry_once"),
            models.CheckConstraint(condition=Q(score__lte=100), name="assessed_industry_score_capped"),
        ]

    def __str__(self) -> str:
        return f"{self.naics_code} (assessment #{self.assessment_id})"

    @property
    def title(self) -> str:
        from ally.outreach.catalog import industry

        found = industry(self.naics_code)
        return found.title if found else self.naics_code
