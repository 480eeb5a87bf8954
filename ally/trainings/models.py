"""Training sessions and their attendance; the roadmap self-assessments and their ratings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ally.tenancy.models import Organization, Region, TaskForce


class Audience(models.TextChoices):
    TASK_FORCE = "task_force", _("The task force")
    COMMUNITY = "community", _("The community")


class TrainingSession(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    # Topic values of ally/trainings/data/training-topics.json (``topics_version`` the list's).
    topics = models.JSONField(_("topics"), default=list)
    topics_version = models.CharField(max_length=20, default="")
    # Discipline values (ally.tenancy.vocab.Discipline) the session is meant for.
    disciplines = models.JSONField(_("audience disciplines"), default=list)
    trainer_name = models.CharField(_("trainer"), max_length=150)
    trainer_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("trainer's organization"),
    )
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    delivered_to = models.CharField(_("delivered to"), max_length=16, choices=Audience.choices, default=Audience.TASK_FORCE)
    external_attendees = models.PositiveIntegerField(_("attendees from outside the task force"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ("-held_on", "-id")
        indexes = [models.Index(fields=["task_force", "held_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class TrainingAttendance(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The organization the person attended for, as it was then (null for a task-force role only).
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendance")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="training_attendance_once")]
        indexes = [models.Index(fields=["task_force", "person"])]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.session_id}"


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class RoadmapAssessment(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    # The federal fiscal year assessed (FY 2026 = October 2025 – September 2026).
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    framework_id = models.CharField(max_length=40)
    framework_version = models.CharField(max_length=20)
    status = models.CharField(max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("roadmap self-assessment")
        verbose_name_plural = _("roadmap self-assessments")
        ordering = ("-year",)
        constraints = [models.UniqueConstraint(fields=["task_force", "year"], name="roadmap_assessment_yearly")]

    def __str__(self) -> str:
        return f"FY {self.year}"

    @property
    def is_completed(self) -> bool:
        return self.status == AssessmentStatus.COMPLETED


class RoadmapRating(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(RoadmapAssessment, on_delete=models.CASCADE, related_name="ratings")
    element = models.CharField(max_length=80)
    stage = models.PositiveSmallIntegerField(_("stage"), null=True, blank=True)
    goal_stage = models.PositiveSmallIntegerField(_("goal stage"), null=True, blank=True)
    goal = models.TextField(_("goal"), blank=True)
    progress = models.TextField(_("progress notes"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("roadmap rating")
        verbose_name_plural = _("roadmap ratings")
        constraints = [models.UniqueConstraint(fields=["assessment", "element"], name="roadmap_rating_once")]

    def __str__(self) -> str:
        return self.element
