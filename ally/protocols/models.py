"""Protocols the task force agrees on, and its agreements (MOUs) between member organizations.

A protocol is a versioned document. Publishing a version makes it the current one; the earlier
one is superseded. Acknowledgements belong to one version, so a new version starts with none:
every organization and person the protocol binds acknowledges it again.

An agreement records who signed what, for which period; a renewal starts a new term and keeps
the earlier ones. Its documents are uploaded PDFs, kept under MEDIA_ROOT with random names and
served only through an access-checked download.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProtocolTopic(models.TextChoices):
    """The eight topics of the IACP protocol checklists (DOMAIN.md §7), and any other."""

    INFORMATION_SHARING = "information_sharing", _("Information sharing")
    DEAF_ACCESS = "deaf_access", _("Access for deaf and hard-of-hearing victims")
    LANGUAGE_ACCESS = "language_access", _("Language access")
    REFERRALS = "referrals", _("Referrals to and from law enforcement and service providers")
    MEDIA = "media", _("Media")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality")
    DATA_COLLECTION = "data_collection", _("Data collection")
    GRANT_REPORTING = "grant_reporting", _("Grant reporting")
    OTHER = "other", _("Other")


IACP_TOPICS = tuple(t for t in ProtocolTopic if t != ProtocolTopic.OTHER)


class Protocol(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(_("topic"), max_length=32, choices=ProtocolTopic.choices)
    title = models.CharField(_("title"), max_length=200)
    # The starter template it began from ("" when written from scratch).
    template_id = models.CharField(max_length=60, blank=True)
    template_version = models.PositiveIntegerField(null=True, blank=True)
    # Who must acknowledge the current version: these organizations, every active organization of
    # these disciplines, and every holder of these task-force roles.
    required_organizations = models.ManyToManyField(
        "tenancy.Organization", blank=True, related_name="+", verbose_name=_("organizations")
    )
    required_disciplines = models.JSONField(_("disciplines"), default=list, blank=True)
    required_roles = models.JSONField(_("task-force roles"), default=list, blank=True)
    current_version = models.ForeignKey(
        "protocols.ProtocolVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["topic", "title", "id"]
        indexes = [models.Index(fields=["task_force", "topic"])]
        verbose_name = _("protocol")

    def __str__(self) -> str:
        return self.title


class ProtocolVersion(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text"))
    summary = models.TextField(_("summary of changes"), blank=True)
    effective_on = models.DateField(_("effective date"))
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["protocol_id", "-number"]
        constraints = [
            models.UniqueConstraint("protocol", "number", name="protocol_version_unique_number"),
        ]
        verbose_name = _("protocol version")

    def __str__(self) -> str:
        return f"{self.protocol_id} v{self.number}"

    @property
    def is_current(self) -> bool:
        return self.protocol.current_version_id == self.pk


class Acknowledgement(models.Model):
    """One organization (through its supervisor or administrator, named in ``user``) or one role
    holder (``organization`` empty: the person themselves) acknowledging one version."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(ProtocolVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    organization = models.ForeignKey(
        "tenancy.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["acknowledged_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "version", "organization", condition=Q(organization__isnull=False),
                name="acknowledgement_one_per_organization",
            ),
            models.UniqueConstraint(
                "version", "user", condition=Q(organization__isnull=True),
                name="acknowledgement_one_per_person",
            ),
        ]
        indexes = [models.Index(fields=["task_force", "version"])]

    def __str__(self) -> str:
        return f"Acknowledgement of version #{self.version_id}"


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding (MOU)")
    MOA = "moa", _("Memorandum of agreement (MOA)")
    DATA_SHARING = "data_sharing", _("Data-sharing agreement")
    OTHER = "other", _("Other agreement")


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("Not yet in effect")
    CURRENT = "current", _("Current")
    EXPIRED = "expired", _("Expired")
    ENDED = "ended", _("Ended early")


class Agreement(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    parties = models.ManyToManyField("tenancy.Organization", related_name="+", verbose_name=_("parties"))
    # The task force itself (through its coordinator) is a party.
    task_force_is_party = models.BooleanField(_("the task force is a party"), default=False)
    # The current term (copied from its latest AgreementTerm).
    signed_on = models.DateField(_("signed on"))
    effective_on = models.DateField(_("effective from"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)  # empty: open-ended
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["task_force", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("signed_on")),
                name="agreement_expires_after_signing",
            ),
        ]
        verbose_name = _("agreement")

    def __str__(self) -> str:
        return self.title

    def status_on(self, today: dt.date) -> str:
        if self.ended_on is not None and self.ended_on <= today:
            return AgreementStatus.ENDED
        if self.expires_on is not None and self.expires_on < today:
            return AgreementStatus.EXPIRED
        if self.effective_on > today:
            return AgreementStatus.PENDING
        return AgreementStatus.CURRENT


def current_on(today: dt.date) -> Q:
    """Agreements in effect on ``today``."""
    return (
        Q(effective_on__lte=today)
        & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=today))
    )


class AgreementTerm(models.Model):
    """One period of an agreement: the first as recorded, then each renewal."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveIntegerField()
    signed_on = models.DateField(_("signed on"))
    effective_on = models.DateField(_("effective from"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agreement_id", "number"]
        constraints = [models.UniqueConstraint("agreement", "number", name="agreement_term_unique_number")]

    def __str__(self) -> str:
        return f"Term {self.number} of agreement #{self.agreement_id}"


class AgreementDocument(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("document title"), max_length=200)
    file = models.FileField(upload_to="agreements/%Y/")
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
