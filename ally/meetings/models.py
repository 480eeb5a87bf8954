"""Meetings of the task force, its subcommittees, action items and the decision log.

A *case review* is a confidential forum: its attendee list is set by the leadership person who
convenes it, and the meeting, its agenda, minutes, cases, attendance and action items exist only
for the people on that list. Decisions for everybody are never recorded at a case review.
Decisions are never edited: a later decision supersedes an earlier one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Committee(models.Model):
    """A subcommittee (labor trafficking, protocols, survivor services…) with its members."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=160)
    purpose = models.TextField(_("purpose"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("chair"),
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="committees")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("subcommittee")
        constraints = [
            models.UniqueConstraint(fields=["task_force", "name"], name="committee_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    FULL_TASK_FORCE = "full_task_force", _("Full task force")
    CO_LEADS = "co_leads", _("Co-leads")
    SUBCOMMITTEE = "subcommittee", _("Subcommittee")
    LISTENING_SESSION = "listening_session", _("Regional listening session")
    CASE_REVIEW = "case_review", _("Case review")


class Meeting(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of meeting"), max_length=24, choices=MeetingKind.choices)
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings",
        verbose_name=_("subcommittee"),
    )
    region = models.ForeignKey(
        "tenancy.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("region"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=300, blank=True)
    call_link = models.URLField(_("call link"), max_length=500, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)
    minutes_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Case reviews only: who may see the meeting at all (the convener always among them).
    attendee_list = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Who was there.
    attended = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("convened by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["task_force", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(kind="subcommittee", committee__isnull=False)
                | (~Q(kind="subcommittee") & Q(committee__isnull=True)),
                name="meeting_committee_for_subcommittee",
            ),
            models.CheckConstraint(
                condition=Q(kind="listening_session", region__isnull=False)
                | (~Q(kind="listening_session") & Q(region__isnull=True)),
                name="meeting_region_for_listening_session",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_case_review(self) -> bool:
        return self.kind == MeetingKind.CASE_REVIEW

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class CaseReviewCase(models.Model):
    """A client discussed at a case review. Who sees the client's name is decided by the client's
    own compartment (ally/access/survivors.py), never by being on the attendee list."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="cases")
    client = models.ForeignKey("survivors.Client", on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "client"], name="case_review_case_once")]

    def __str__(self) -> str:
        return f"Case #{self.client_id} at meeting #{self.meeting_id}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class ActionItem(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="action_items",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_note = models.TextField(_("what was done"), blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["task_force", "status", "due_on"]),
            models.Index(fields=["owner", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN


class DecisionBody(models.TextChoices):
    FULL_TASK_FORCE = "full_task_force", _("Full task force")
    CO_LEADS = "co_leads", _("Co-leads")
    SUBCOMMITTEE = "subcommittee", _("A subcommittee")
    COORDINATOR = "coordinator", _("The coordinator")


def _tokens(text: str) -> list[str]:
    return [part for part in text.split(",") if part]


class Decision(models.Model):
    """What was decided, why, by which body, when, and whom it affects. Never edited."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("decision"), max_length=200)
    rationale = models.TextField(_("rationale"))
    decided_on = models.DateField(_("decided on"))
    body = models.CharField(_("decided by"), max_length=20, choices=DecisionBody.choices)
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions",
        verbose_name=_("subcommittee"),
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions",
        verbose_name=_("meeting"),
    )
    affects_all = models.BooleanField(_("affects every member"), default=True)
    organizations = models.ManyToManyField("tenancy.Organization", blank=True, related_name="+")
    # ",law_enforcement,community," — comma-wrapped so a filter finds one token on any database.
    disciplines_text = models.CharField(max_length=200, blank=True)
    roles_text = models.CharField(max_length=200, blank=True)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["task_force", "-decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(body="subcommittee", committee__isnull=False)
                | (~Q(body="subcommittee") & Q(committee__isnull=True)),
                name="decision_committee_for_subcommittee",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def disciplines(self) -> list[str]:
        return _tokens(self.disciplines_text)

    @property
    def roles(self) -> list[str]:
        return _tokens(self.roles_text)
