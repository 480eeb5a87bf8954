"""The append-only, hash-chained audit log, and the log of cross-organization disclosures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from ally.audit.events import EventType


class AuditChain(models.Model):
    """The head of one task force's chain (or the global chain): locked while a row is added."""

    key = models.CharField(max_length=40, unique=True)
    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.key} at {self.last_sequence}"


class AppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    chain_key = models.CharField(max_length=40)
    sequence = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    task_force = models.ForeignKey(
        "tenancy.TaskForce", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "tenancy.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # No `choices` here: adding an event type must not need a migration. EventType is checked
    # when a row is recorded, and gives the label.
    event_type = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint("chain_key", "sequence", name="audit_chain_sequence_unique")
        ]
        indexes = [
            models.Index(fields=["task_force", "-created_at"]),
            models.Index(fields=["organization", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.sequence}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit events cannot be deleted")

    @property
    def event_label(self) -> str:
        try:
            return str(EventType(self.event_type).label)
        except ValueError:
            return self.event_type

    def change_lines(self) -> list[tuple[str, str]]:
        """The changes as readable (field, text) pairs: "before → after" for edits."""
        from ally.audit.events import DIFF_EVENTS

        def text(value: Any) -> str:
            if value is None or value == "":
                return "—"
            if isinstance(value, list):
                return ", ".join(text(v) for v in value) or "—"
            return str(value)

        lines = []
        for field, value in self.changes.items():
            label = field.replace("_", " ")
            if (
                self.event_type in DIFF_EVENTS
                and isinstance(value, list)
                and len(value) == 2
            ):
                lines.append((label, f"{text(value[0])} → {text(value[1])}"))
            else:
                lines.append((label, text(value)))
        return lines


class DisclosureLog(models.Model):
    """One row per read of individual data by someone outside the owning organization."""

    created_at = models.DateTimeField(default=timezone.now)
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    owner_organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="+"
    )
    recipient_organization = models.ForeignKey(
        "tenancy.Organization", null=True, on_delete=models.PROTECT, related_name="+"
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    field_groups = models.JSONField(default=list)
    purpose = models.CharField(max_length=200, blank=True)
    basis = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"disclosure of {self.object_type} {self.object_id}"
