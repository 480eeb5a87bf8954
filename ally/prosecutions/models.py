"""Prosecutions: an investigation referred to a prosecutor's office (accepted or declined with a
reason), the prosecution case it opens, defendants linked to the investigation's subjects,
charges under a statute catalogue (federal 18 U.S.C. 1581–1597 plus the task force's state
statutes), dispositions and sentences, court events, and the victims of the case.

Owned by the prosecutor's office; its members see it. When a victim of the case is linked by
consent to a victim-service client, court events and status changes reach that client's advocate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StatuteCategory(models.TextChoices):
    TRAFFICKING = "trafficking", _("Trafficking statute")
    RELATED = "related", _("Related offense")
    OTHER = "other", _("Other offense")


class StatuteJurisdiction(models.TextChoices):
    STATE = "state", _("State")
    FEDERAL = "federal", _("Federal")


class Statute(models.Model):
    """One entry of the task force's statute catalogue (loaded from data, extended by the
    coordinator)."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    citation = models.CharField(_("citation"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=StatuteJurisdiction.choices)
    state = models.CharField(_("state"), max_length=2, blank=True)
    category = models.CharField(_("category"), max_length=12, choices=StatuteCategory.choices)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["jurisdiction", "citation"]
        constraints = [
            models.UniqueConstraint(fields=["task_force", "citation"], name="statute_citation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.citation} — {self.title}"


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DeclineReason(models.TextChoices):
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("Insufficient evidence")
    NO_JURISDICTION = "no_jurisdiction", _("Outside our jurisdiction")
    VICTIM_UNAVAILABLE = "victim_unavailable", _("Victim unavailable or unwilling")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Better prosecuted by another office")
    PRIORITIES = "priorities", _("Prosecution priorities")
    OTHER = "other", _("Other")


class ProsecutionReferral(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    investigation = models.ForeignKey(
        "investigations.Investigation", on_delete=models.PROTECT, related_name="prosecution_referrals"
    )
    from_organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    to_organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="prosecution_referrals"
    )
    summary = models.TextField(_("summary for the prosecutor"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    decline_reason = models.CharField(_("reason"), max_length=24, choices=DeclineReason.choices, blank=True)
    decline_note = models.CharField(_("note"), max_length=500, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"Prosecution referral #{self.pk}"


class CaseStatus(models.TextChoices):
    PRE_CHARGE = "pre_charge", _("Pre-charge")
    CHARGED = "charged", _("Charged")
    TRIAL = "trial", _("In trial")
    SENTENCING = "sentencing", _("Awaiting sentencing")
    CLOSED = "closed", _("Closed")


class ProsecutionCase(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="prosecution_cases"
    )
    investigation = models.ForeignKey(
        "investigations.Investigation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="prosecution_cases",
    )
    referral = models.OneToOneField(
        ProsecutionReferral, null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    number = models.CharField(_("docket or case number"), max_length=60)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=StatuteJurisdiction.choices)
    court = models.CharField(_("court"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.PRE_CHARGE)
    prosecutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("assigned prosecutor"),
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="prosecution_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class Defendant(models.Model):
    case = models.ForeignKey(ProsecutionCase, on_delete=models.PROTECT, related_name="defendants")
    subject = models.ForeignKey(
        "investigations.Subject", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


class Disposition(models.TextChoices):
    PENDING = "pending", _("Pending")
    DECLINED = "declined", _("Declined")
    DISMISSED = "dismissed", _("Dismissed")
    PLEA = "plea", _("Pleaded guilty")
    CONVICTED = "convicted", _("Convicted at trial")
    ACQUITTED = "acquitted", _("Acquitted")


CONVICTIONS = (Disposition.PLEA, Disposition.CONVICTED)


class Charge(models.Model):
    defendant = models.ForeignKey(Defendant, on_delete=models.PROTECT, related_name="charges")
    statute = models.ForeignKey(Statute, on_delete=models.PROTECT, related_name="charges")
    counts = models.PositiveSmallIntegerField(_("counts"), default=1)
    filed_on = models.DateField(_("filed on"))
    disposition = models.CharField(
        _("disposition"), max_length=10, choices=Disposition.choices, default=Disposition.PENDING
    )
    disposition_on = models.DateField(_("disposition date"), null=True, blank=True)
    sentence_months = models.PositiveIntegerField(_("sentence (months of custody)"), null=True, blank=True)
    sentence_note = models.CharField(_("sentence"), max_length=300, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["filed_on", "pk"]

    def __str__(self) -> str:
        return f"Charge #{self.pk}"


class CourtEventKind(models.TextChoices):
    INITIAL_APPEARANCE = "initial_appearance", _("Initial appearance")
    ARRAIGNMENT = "arraignment", _("Arraignment")
    PRELIMINARY_HEARING = "preliminary_hearing", _("Preliminary hearing")
    GRAND_JURY = "grand_jury", _("Grand jury")
    MOTION_HEARING = "motion_hearing", _("Motion hearing")
    STATUS_CONFERENCE = "status_conference", _("Status conference")
    PLEA_HEARING = "plea_hearing", _("Plea hearing")
    TRIAL = "trial", _("Trial")
    SENTENCING = "sentencing", _("Sentencing")
    RESTITUTION = "restitution", _("Restitution hearing")


class CourtEvent(models.Model):
    case = models.ForeignKey(ProsecutionCase, on_delete=models.PROTECT, related_name="court_events")
    kind = models.CharField(_("type"), max_length=24, choices=CourtEventKind.choices)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300)
    victim_testimony_expected = models.BooleanField(_("victim testimony expected"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class CaseVictim(models.Model):
    """A victim of the prosecution case: the investigation's identified victim."""

    case = models.ForeignKey(ProsecutionCase, on_delete=models.PROTECT, related_name="victims")
    victim = models.ForeignKey(
        "investigations.IdentifiedVictim", on_delete=models.PROTECT, related_name="case_links"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "victim"], name="case_victim_unique")
        ]

    def __str__(self) -> str:
        return f"Case victim #{self.pk}"
