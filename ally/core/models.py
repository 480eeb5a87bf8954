"""The scheduler's memory: when each periodic job last ran (ally/core/schedule.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class PeriodicJobRun(models.Model):
    """One periodic job's last run; a daily job has one row per task force (its hour is local).

    Workers lock this row to claim a run, so two workers never run the same job in one period.
    """

    job = models.CharField(max_length=100)
    task_force = models.ForeignKey(
        "tenancy.TaskForce", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    last_run_at = models.DateTimeField(null=True, blank=True)  # when the last run was claimed
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_failed = models.BooleanField(default=False)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "job", condition=Q(task_force=None), name="periodic_job_unique"
            ),
            models.UniqueConstraint(
                "job", "task_force", condition=Q(task_force__isnull=False),
                name="periodic_job_unique_per_task_force",
            ),
        ]

    def __str__(self) -> str:
        return self.job if self.task_force_id is None else f"{self.job} ({self.task_force_id})"
