"""The law-enforcement compartment: tips, investigations (criminal intelligence records under
28 CFR Part 23), their subjects, identifiers, identified victims, arrests, planned operations and
the heads-up a partner victim-service provider receives before an operation.

Every row belongs to one task force and one owning law-enforcement organization. Partner agencies
of a joint investigation are its members; nobody else sees it (deconfliction reveals only that a
match exists and whom to call). Records are never deleted: removal keeps the row with its reason,
and a purge under Part 23 blanks the intelligence content but keeps the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PART_23_REVIEW_YEARS = 5


class TipSource(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    PUBLIC = "public", _("Member of the public")
    PATROL = "patrol", _("Patrol")
    PARTNER = "partner_referral", _("Partner referral")
    PROACTIVE = "proactive", _("Proactive work")


class TipStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    OPENED = "opened", _("Opened an investigation")
    JOINED = "joined", _("Joined an investigation")
    CLOSED = "closed", _("Closed without action")


class Tip(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="tips"
    )
    source = models.CharField(_("source"), max_length=24, choices=TipSource.choices)
    received_at = models.DateTimeField(_("received"))
    narrative = models.TextField(_("narrative"))
    location = models.CharField(_("location"), max_length=300, blank=True)
    county = models.CharField(_("county"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    trafficking_type = models.CharField(_("trafficking type"), max_length=16, blank=True)
    indicators = models.JSONField(_("indicators"), default=list)
    status = models.CharField(
        _("triage status"), max_length=16, choices=TipStatus.choices, default=TipStatus.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    investigation = models.ForeignKey(
        "Investigation", null=True, blank=True, on_delete=models.PROTECT, related_name="tips"
    )
    closed_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["task_force", "organization", "status"])]

    def __str__(self) -> str:
        return f"Tip #{self.pk}"


class InvestigationType(models.TextChoices):
    SEX = "sex", _("Sex trafficking")
    LABOR = "labor", _("Labor trafficking")
    BOTH = "both", _("Sex and labor trafficking")


class InvestigationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REFERRED = "referred", _("Referred for prosecution")
    CLOSED = "closed", _("Closed")


OPEN_INVESTIGATION_STATUSES = (
    InvestigationStatus.OPEN,
    InvestigationStatus.ACTIVE,
    InvestigationStatus.SUSPENDED,
    InvestigationStatus.REFERRED,
)


class Investigation(models.Model):
    """A criminal intelligence record: opened on a stated reasonable suspicion, reviewed within
    five years (validated or purged)."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="investigations"
    )
    number = models.CharField(_("case number"), max_length=40)
    title = models.CharField(_("case name"), max_length=200)
    trafficking_type = models.CharField(
        _("type"), max_length=8, choices=InvestigationType.choices
    )
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=InvestigationStatus.choices,
        default=InvestigationStatus.OPEN,
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=500, blank=True)
    lead_investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("lead investigator"),
    )
    # 28 CFR Part 23
    suspicion_basis = models.TextField(_("basis for reasonable suspicion"))
    review_by = models.DateField(_("review by"))
    validated_on = models.DateField(_("last validated on"), null=True, blank=True)
    validation_note = models.CharField(_("validation note"), max_length=500, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    purge_reason = models.CharField(_("reason for purging"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="investigation_number_unique")
        ]
        indexes = [
            models.Index(fields=["task_force", "organization", "status"]),
            models.Index(fields=["task_force", "review_by"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_INVESTIGATION_STATUSES

    @property
    def is_purged(self) -> bool:
        return self.purged_at is not None


class InvestigationPartner(models.Model):
    """A partner agency working a joint investigation: its members see and work the case."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="partners")
    organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "organization"], condition=models.Q(removed_at=None),
                name="investigation_partner_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Partner #{self.pk}"


class Dissemination(models.Model):
    """28 CFR 23.20(g): who received intelligence, why, and when — every release outside the
    owning agency (a partner added, a referral for prosecution, an export)."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="disseminations")
    from_organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    to_organization = models.ForeignKey(
        "tenancy.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_person = models.CharField(_("recipient"), max_length=200, blank=True)
    what = models.CharField(_("what was released"), max_length=300)
    reason = models.CharField(_("right to know and need to know"), max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Dissemination #{self.pk}"


class Subject(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="subjects")
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    aliases = models.JSONField(_("aliases"), default=list)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=40, blank=True)
    roles = models.JSONField(_("role in the trafficking process"), default=list)  # per_RoleInProcess
    notes = models.TextField(_("notes"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or f"Subject #{self.pk}"


class IdentifierKind(models.TextChoices):
    PERSON = "person", _("Person")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    ADDRESS = "address", _("Address")
    VEHICLE = "vehicle", _("Vehicle")
    ACCOUNT = "account", _("Online account")
    URL = "url", _("Ad or web address")
    BUSINESS = "business", _("Business")


class Identifier(models.Model):
    """Something that identifies a target: what the investigator typed (``value`` and ``details``)
    and its normalized key, which the deconfliction index holds."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="identifiers")
    subject = models.ForeignKey(
        Subject, null=True, blank=True, on_delete=models.PROTECT, related_name="identifiers"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=IdentifierKind.choices)
    value = models.CharField(_("as entered"), max_length=300)
    details = models.JSONField(default=dict)  # e.g. {"state": "WI"} for a plate, {"platform": …}
    key = models.CharField(max_length=300)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class IdentifiedVictim(models.Model):
    """A person law enforcement identified as a victim: the agency's own record. It is linked to a
    victim-service client only through that client's share to this agency (so, on consent)."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="victims")
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    is_minor = models.BooleanField(_("a minor when identified"), default=False)
    gender = models.CharField(_("gender"), max_length=40, blank=True)
    citizenship = models.CharField(_("citizenship"), max_length=40, blank=True)
    trafficking_type = models.CharField(_("trafficking type"), max_length=16, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    identified_on = models.DateField(_("identified on"))
    notes = models.TextField(_("notes"), blank=True)
    client = models.ForeignKey(
        "survivors.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    link_share = models.ForeignKey(
        "survivors.Share", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or f"Victim #{self.pk}"


class ArrestKind(models.TextChoices):
    ARREST = "arrest", _("Arrest")
    CHARGE = "charge", _("Charged or cited without arrest")


class Arrest(models.Model):
    """An arrest (or charge) of a subject — or of an identified victim, which the task force
    watches so it can reduce the criminalization of survivors."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="arrests")
    subject = models.ForeignKey(Subject, null=True, blank=True, on_delete=models.PROTECT, related_name="arrests")
    victim = models.ForeignKey(
        IdentifiedVictim, null=True, blank=True, on_delete=models.PROTECT, related_name="arrests"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ArrestKind.choices, default=ArrestKind.ARREST)
    on = models.DateField(_("date"))
    agency = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    offense = models.CharField(_("offense"), max_length=300)
    reason = models.TextField(_("stated reason"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(subject__isnull=False, victim__isnull=True)
                           | models.Q(subject__isnull=True, victim__isnull=False)),
                name="arrest_of_subject_or_victim",
            )
        ]

    def __str__(self) -> str:
        return f"Arrest #{self.pk}"


class OperationKind(models.TextChoices):
    SEARCH_WARRANT = "search_warrant", _("Search warrant / raid")
    CONTROLLED_BUY = "controlled_buy", _("Controlled buy")
    SURVEILLANCE = "surveillance", _("Surveillance")
    UNDERCOVER = "undercover", _("Undercover operation")
    STING = "sting", _("Sting / reverse sting")
    ARREST_WARRANT = "arrest_warrant", _("Arrest warrant")
    INSPECTION = "inspection", _("Joint worksite inspection")
    OUTREACH = "outreach", _("Victim outreach")


class OperationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Carried out")


class Operation(models.Model):
    """A planned operation, checked for event conflicts with other agencies' operations."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="operations")
    investigation = models.ForeignKey(
        Investigation, null=True, blank=True, on_delete=models.PROTECT, related_name="operations"
    )
    kind = models.CharField(_("type"), max_length=20, choices=OperationKind.choices)
    name = models.CharField(_("operation name"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    radius_m = models.PositiveIntegerField(_("radius (meters)"))
    status = models.CharField(
        _("status"), max_length=12, choices=OperationStatus.choices, default=OperationStatus.PLANNED
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("operation contact"),
    )
    # What a partner victim-service provider may be told ahead (never the date or the place).
    expected_victims = models.PositiveIntegerField(_("expected number of potential victims"), default=0)
    expected_genders = models.JSONField(_("their gender"), default=list)
    expected_languages = models.CharField(_("their languages"), max_length=200, blank=True)
    minors_expected = models.BooleanField(_("minors expected"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["task_force", "starts_at"]),
            # Event deconfliction reads the time window from this index alone (covering).
            models.Index(
                fields=["task_force", "status", "starts_at", "ends_at", "latitude", "longitude",
                        "radius_m", "organization"],
                name="operation_deconfliction",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Timeline(models.TextChoices):
    """How far off an operation is, as a heads-up may say it: never the date."""

    THIS_WEEK = "this_week", _("Within the next week")
    TWO_WEEKS = "two_weeks", _("In one to two weeks")
    MONTH = "month", _("In two to four weeks")
    QUARTER = "quarter", _("In one to three months")
    LATER = "later", _("In more than three months")


class HeadsUp(models.Model):
    """What a partner victim-service provider is told before an operation: a general timeline,
    how many potential victims, their gender and languages, whether minors are expected."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="heads_ups")
    from_organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    to_organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="heads_ups_received"
    )
    timeline = models.CharField(_("general timeline"), max_length=16, choices=Timeline.choices)
    expected_victims = models.PositiveIntegerField(_("expected number of potential victims"))
    genders = models.JSONField(_("their gender"), default=list)
    languages = models.CharField(_("their languages"), max_length=200, blank=True)
    minors_expected = models.BooleanField(_("minors expected"))
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"Heads-up #{self.pk}"
