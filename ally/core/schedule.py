"""Periodic jobs that `ally worker` runs: a small registry, each run claimed in the database.

Apps register their jobs when they load (in ``AppConfig.ready``, by importing the module)::

    from ally.core import schedule

    @schedule.every(minutes=5, name="referrals.escalate")
    def escalate_referrals() -> None: ...

    @schedule.daily(at_hour=7, name="notifications.digest")
    def send_digests(task_force: TaskForce) -> None: ...

A job ``every(minutes=N)`` runs when N minutes have passed since its last run. A ``daily`` job
runs once a day *for each task force*, at ``at_hour`` o'clock in that task force's time zone or
later that local day if no worker was running then, and never twice the same local day.

Each run is first claimed: the job's PeriodicJobRun row is locked and the time written, then the
job runs outside that transaction. So two workers never run a job twice in one period and a slow
job holds no lock; a job that fails is logged and waits for its next period. A job may be cut
short (the worker stops): it should work in small transactions that record their own progress,
so that its next run carries on.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F
from django.utils import timezone

if TYPE_CHECKING:
    from ally.tenancy.models import TaskForce

logger = logging.getLogger(__name__)

EveryJob = TypeVar("EveryJob", bound=Callable[[], object])
DailyJob = TypeVar("DailyJob", bound=Callable[["TaskForce"], object])


@dataclass(frozen=True)
class Job:
    name: str
    function: Callable[..., object]
    interval: timedelta | None = None  # every(minutes=…)
    at_hour: int | None = None  # daily(at_hour=…), in each task force's zone

    def is_due(self, last_run_at: datetime | None, now: datetime, zone: tzinfo) -> bool:
        if self.interval is not None:
            return last_run_at is None or now - last_run_at >= self.interval
        local = now.astimezone(zone)
        if self.at_hour is None or local.hour < self.at_hour:
            return False
        return last_run_at is None or last_run_at.astimezone(zone).date() < local.date()


_registry: dict[str, Job] = {}


def every(*, minutes: int, name: str) -> Callable[[EveryJob], EveryJob]:
    """Register a job (taking no arguments) to run every `minutes` minutes."""
    if minutes < 1:
        raise ValueError("a periodic job runs at most once a minute")

    def register(function: EveryJob) -> EveryJob:
        _register(Job(name, function, interval=timedelta(minutes=minutes)))
        return function

    return register


def daily(*, at_hour: int, name: str) -> Callable[[DailyJob], DailyJob]:
    """Register a job to run once a day for each task force (it receives the task force), at
    `at_hour` o'clock (0–23) in that task force's time zone."""
    if not 0 <= at_hour <= 23:
        raise ValueError("at_hour is an hour of the day, 0 to 23")

    def register(function: DailyJob) -> DailyJob:
        _register(Job(name, function, at_hour=at_hour))
        return function

    return register


def _register(job: Job) -> None:
    if not 0 < len(job.name) <= 100:
        raise ValueError("a periodic job's name has 1 to 100 characters")
    existing = _registry.get(job.name)
    if existing is not None and _path(existing.function) != _path(job.function):
        raise ImproperlyConfigured(f"two periodic jobs are named {job.name!r}")
    _registry[job.name] = job


def _path(function: Callable[..., object]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def jobs() -> list[Job]:
    """Every registered job, by name."""
    return sorted(_registry.values(), key=lambda job: job.name)


def run_due_jobs() -> list[str]:
    """Run each job that is due now, once; return what ran ("name", or "name@task-force-slug")."""
    from ally.core.models import PeriodicJobRun
    from ally.tenancy.models import TaskForce

    now = timezone.now()
    ran: list[str] = []
    task_forces: list[TaskForce] | None = None
    for job in jobs():
        # A first look without locks; a job that looks due is then claimed under a lock.
        last_runs: dict[int | None, datetime | None] = dict(
            PeriodicJobRun.objects.filter(job=job.name).values_list("task_force_id", "last_run_at")
        )
        if job.at_hour is None:
            if job.is_due(last_runs.get(None), now, UTC) and _claim(job, None, UTC, now):
                _run(job, None)
                ran.append(job.name)
            continue
        if task_forces is None:
            task_forces = list(TaskForce.objects.order_by("pk"))
        for task_force in task_forces:
            zone = _zone(task_force)
            if job.is_due(last_runs.get(task_force.pk), now, zone) and _claim(
                job, task_force, zone, now
            ):
                _run(job, task_force)
                ran.append(f"{job.name}@{task_force.slug}")
    return ran


def _zone(task_force: TaskForce) -> tzinfo:
    try:
        return ZoneInfo(task_force.time_zone)
    except (ZoneInfoNotFoundError, ValueError):  # the actions validate it; never stop the worker
        return UTC


def _claim(job: Job, task_force: TaskForce | None, zone: tzinfo, now: datetime) -> bool:
    """Whether this worker may run the job now: lock its row, check again, write the time."""
    from ally.core.models import PeriodicJobRun

    with transaction.atomic():
        run, _created = PeriodicJobRun.objects.select_for_update().get_or_create(
            job=job.name, task_force=task_force
        )
        if not job.is_due(run.last_run_at, now, zone):
            return False  # another worker ran it since our first look
        run.last_run_at = now
        run.runs = F("runs") + 1
        run.save(update_fields=["last_run_at", "runs"])
    return True


def _run(job: Job, task_force: TaskForce | None) -> None:
    from ally.core.models import PeriodicJobRun

    where: dict[str, Any] = {"job": job.name, "task_force": task_force.pk if task_force else None}
    started = time.monotonic()
    failed = False
    try:
        if task_force is None:
            job.function()
        else:
            job.function(task_force)
    except Exception as error:
        failed = True
        # SECURITY: an exception's message can quote the data it failed on; log the kind of
        # error and where it happened, never the message.
        frames = traceback.extract_tb(error.__traceback__)[-5:]
        logger.error(
            "periodic job failed",
            extra={
                **where,
                "error": type(error).__name__,
                "at": " < ".join(f"{f.filename}:{f.lineno} {f.name}" for f in reversed(frames)),
            },
        )
    else:
        logger.info("periodic job ran", extra={**where, "seconds": round(time.monotonic() - started, 3)})
    PeriodicJobRun.objects.filter(job=job.name, task_force=task_force).update(
        last_finished_at=timezone.now(), last_failed=failed
    )
