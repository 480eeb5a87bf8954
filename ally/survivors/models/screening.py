"""Screenings: a set of answers to a screening instrument, scored into a suggestion.

A screening belongs to the organization that did it (a provider, a crisis line, a labor
inspector). It may be done before the person is anyone's client — a crisis call — and linked to a
client of that same organization later. It never moves to another organization.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Screening(models.Model):
    """Answers to one instrument version, and the engine's scoring of them (a suggestion only)."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="screenings"
    )
    # Empty until the person is a client of the screening organization (e.g. a crisis call).
    client = models.ForeignKey(
        "survivors.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    instrument_id = models.CharField(_("instrument"), max_length=80)
    instrument_version = models.PositiveSmallIntegerField(_("instrument version"))
    language = models.CharField(_("language"), max_length=10, default="en")
    answers = models.JSONField(_("answers"), default=dict)
    # The scoring output: indicators by domain and suggested levels — never a determination.
    result = models.JSONField(_("result"), default=dict)
    # A non-identifying label to find an unlinked screening again, e.g. "Call 14 Nov, 2:30 pm".
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    screened_on = models.DateField(_("screened on"))
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    linked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-screened_on", "-id"]
        indexes = [models.Index(fields=["organization", "-screened_on"])]

    def __str__(self) -> str:
        return f"Screening #{self.pk}"
