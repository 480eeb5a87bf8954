"""The deconfliction index: pointers to identifiers (no case details), the hits found between
agencies, and the conflicts between planned operations.

A pointer holds only what matching needs — the identifier's kind and normalized key, a blocking
key for fuzzy names, and where it points (agency, investigation, identifier). A hit tells the two
investigators that a match exists and whom to call; it never carries the other case's content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Pointer(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    investigation = models.ForeignKey(
        "investigations.Investigation", on_delete=models.PROTECT, related_name="+"
    )
    identifier = models.OneToOneField(
        "investigations.Identifier", on_delete=models.PROTECT, related_name="pointer"
    )
    kind = models.CharField(max_length=12)
    # Exact keys (phone, email, plate, account, URL, address): the normalized value.
    # People and businesses: the normalized name, compared fuzzily within their block.
    key = models.CharField(max_length=300)
    # People: the date of birth (ISO); businesses: a phonetic code of the name's first word.
    block = models.CharField(max_length=40, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["task_force", "kind", "key"], name="pointer_exact"),
            models.Index(fields=["task_force", "kind", "block"], name="pointer_block"),
        ]

    def __str__(self) -> str:
        return f"Pointer #{self.pk}"


class Hit(models.Model):
    """Two agencies hold the same target. Both investigators are told each other's name, agency
    and phone — nothing else."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12)
    how = models.CharField(max_length=40)  # "exact" or "name and date of birth (0.94)"…
    new_pointer = models.ForeignKey(Pointer, on_delete=models.PROTECT, related_name="+")
    existing_pointer = models.ForeignKey(Pointer, on_delete=models.PROTECT, related_name="+")
    new_organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    existing_organization = models.ForeignKey("tenancy.Organization", on_delete=models.PROTECT, related_name="+")
    new_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    existing_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["new_pointer", "existing_pointer"], name="hit_unique")
        ]

    def __str__(self) -> str:
        return f"Hit #{self.pk}"


class OperationConflict(models.Model):
    """Two agencies' planned operations overlap in time and lie within the sum of their radii."""

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    new_operation = models.ForeignKey(
        "investigations.Operation", on_delete=models.PROTECT, related_name="+"
    )
    existing_operation = models.ForeignKey(
        "investigations.Operation", on_delete=models.PROTECT, related_name="+"
    )
    distance_m = models.PositiveIntegerField()
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["new_operation", "existing_operation"], name="operation_conflict_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Conflict #{self.pk}"
