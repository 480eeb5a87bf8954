"""Disclosures the law compels (statute, court order, subpoena), and the task they create:
tell the survivor what was disclosed, to whom and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    STATUTE = "statute", _("Statute")
    COURT_ORDER = "court_order", _("Court order")
    SUBPOENA = "subpoena", _("Subpoena")
    OTHER = "other", _("Other legal requirement")


class CompelledDisclosure(models.Model):
    """Client data the owning organization had to disclose without the survivor's consent."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(
        "survivors.Client", on_delete=models.PROTECT, related_name="compelled_disclosures"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    citation = models.CharField(_("citation"), max_length=300)
    field_groups = models.JSONField(_("field groups"), default=list)
    description = models.TextField(_("what was disclosed"), blank=True)
    recipient = models.CharField(_("disclosed to"), max_length=200)
    disclosed_on = models.DateField(_("disclosed on"))
    # The row this disclosure wrote to the disclosure log, so the survivor's report can show it.
    disclosure_log = models.OneToOneField(
        "audit.DisclosureLog", null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-disclosed_on", "-id"]

    def __str__(self) -> str:
        return f"Compelled disclosure #{self.pk}"


class NotifySurvivorTask(models.Model):
    """An advocate's task: tell the survivor about a compelled disclosure, and note the outcome."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(
        "survivors.Client", on_delete=models.PROTECT, related_name="notify_tasks"
    )
    compelled_disclosure = models.ForeignKey(
        CompelledDisclosure, on_delete=models.PROTECT, related_name="notify_tasks"
    )
    assigned_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="notify_survivor_tasks"
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Notify-survivor task #{self.pk}"
