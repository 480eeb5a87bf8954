"""Trafficking events: where and when the survivor was recruited, moved and exploited (HTCDS hte_).

Part of the ``trafficking_details`` field group: a reader granted that group through a share sees
them; nobody else outside the owning organization does.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ally.survivors.models.clients import Client


class TraffickingEvent(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="trafficking_events")
    # hte_Type: Recruitment, Transit or Exploitation (vocabulary data).
    event_type = models.CharField(_("event"), max_length=20)
    # The survivor often remembers a month or a year, not a day: the date and how exact it is.
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(_("date precision"), max_length=5, default="day")
    country = models.CharField(_("country"), max_length=100, blank=True)
    state = models.CharField(_("state or province"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"Trafficking event #{self.pk}"
