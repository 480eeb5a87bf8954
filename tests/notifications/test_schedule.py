"""Periodic jobs: run when due and not before, once a period, daily ones at a local hour."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from ally.core.models import PeriodicJobRun
from tests import factories

START = datetime(2025, 1, 6, 15, 0, tzinfo=UTC)  # 9:00 in Chicago (UTC-6 in January)


def test_a_job_every_five_minutes_runs_when_due_and_not_before(db, only_jobs, time_machine):
    runs = []
    only_jobs.every(minutes=5, name="test.tick")(lambda: runs.append(1))
    time_machine.move_to(START, tick=False)
    assert only_jobs.run_due_jobs() == ["test.tick"]  # never ran: due at once
    assert only_jobs.run_due_jobs() == []  # the same moment: not again
    time_machine.move_to(START + timedelta(minutes=4, seconds=59), tick=False)
    assert only_jobs.run_due_jobs() == []
    time_machine.move_to(START + timedelta(minutes=5), tick=False)
    assert only_jobs.run_due_jobs() == ["test.tick"]
    assert len(runs) == 2
    run = PeriodicJobRun.objects.get(job="test.tick")
    assert (run.runs, run.last_run_at, run.last_failed) == (2, START + timedelta(minutes=5), False)
    assert run.last_finished_at is not None


def test_a_daily_job_runs_at_its_hour_in_each_task_forces_zone(db, only_jobs, time_machine):
    chicago = factories.task_force("Lakeshore Task Force", time_zone="America/Chicago")
    new_york = factories.task_force("Hudson Task Force", time_zone="America/New_York")
    seen = []
    only_jobs.daily(at_hour=7, name="test.morning")(lambda task_force: seen.append(task_force.pk))
    time_machine.move_to(datetime(2025, 1, 6, 11, 59, tzinfo=UTC), tick=False)  # 6:59 in New York
    assert only_jobs.run_due_jobs() == []
    time_machine.move_to(datetime(2025, 1, 6, 12, 0, tzinfo=UTC), tick=False)  # 7:00 in New York, 6:00 in Chicago
    assert only_jobs.run_due_jobs() == [f"test.morning@{new_york.slug}"]
    time_machine.move_to(datetime(2025, 1, 6, 13, 0, tzinfo=UTC), tick=False)  # 7:00 in Chicago
    assert only_jobs.run_due_jobs() == [f"test.morning@{chicago.slug}"]
    time_machine.move_to(datetime(2025, 1, 7, 4, 0, tzinfo=UTC), tick=False)  # 22:00 in Chicago, the 6th
    assert only_jobs.run_due_jobs() == []
    time_machine.move_to(datetime(2025, 1, 7, 12, 30, tzinfo=UTC), tick=False)  # the next morning in New York
    assert only_jobs.run_due_jobs() == [f"test.morning@{new_york.slug}"]
    assert seen == [new_york.pk, chicago.pk, new_york.pk]


def test_a_daily_job_missed_at_its_hour_runs_later_that_day_once(db, only_jobs, time_machine):
    tf = factories.task_force(time_zone="America/Chicago")
    only_jobs.daily(at_hour=7, name="test.morning")(lambda task_force: None)
    time_machine.move_to(datetime(2025, 1, 6, 20, 0, tzinfo=UTC), tick=False)  # 14:00: no worker ran at 7
    assert only_jobs.run_due_jobs() == [f"test.morning@{tf.slug}"]
    time_machine.move_to(datetime(2025, 1, 6, 23, 0, tzinfo=UTC), tick=False)
    assert only_jobs.run_due_jobs() == []


def test_a_failing_job_is_logged_without_its_message_and_others_still_run(db, only_jobs, time_machine, caplog):
    def fail():
        raise ValueError("could not reach maria.lopez@example.org")

    ran = []
    only_jobs.every(minutes=5, name="test.a_fails")(fail)
    only_jobs.every(minutes=5, name="test.b_works")(lambda: ran.append(1))
    time_machine.move_to(START, tick=False)
    with caplog.at_level(logging.ERROR, logger="ally.core.schedule"):
        assert only_jobs.run_due_jobs() == ["test.a_fails", "test.b_works"]
    assert ran == [1]
    [record] = caplog.records
    assert (record.getMessage(), record.job, record.error) == ("periodic job failed", "test.a_fails", "ValueError")
    assert "maria" not in caplog.text and "test_schedule.py" in record.at
    assert PeriodicJobRun.objects.get(job="test.a_fails").last_failed
    time_machine.move_to(START + timedelta(minutes=1), tick=False)
    assert only_jobs.run_due_jobs() == []  # a failed job waits for its next period


def test_two_jobs_may_not_share_a_name(only_jobs):
    only_jobs.every(minutes=5, name="test.same")(lambda: None)
    with pytest.raises(ImproperlyConfigured):
        only_jobs.every(minutes=10, name="test.same")(print)


@pytest.mark.parametrize(("minutes", "hour"), [(0, None), (None, 24), (None, -1)])
def test_it_refuses_a_period_it_cannot_keep(only_jobs, minutes, hour):
    with pytest.raises(ValueError):
        if minutes is not None:
            only_jobs.every(minutes=minutes, name="test.bad")
        else:
            only_jobs.daily(at_hour=hour, name="test.bad")


def test_the_digest_is_registered_when_the_app_loads():
    from ally.core import schedule

    job = schedule._registry["notifications.digest"]
    assert (job.at_hour, job.interval) == (7, None)


def test_ally_worker_batch_runs_the_due_jobs_then_exits(db, only_jobs, time_machine):
    runs = []
    only_jobs.every(minutes=5, name="test.tick")(lambda: runs.append(1))
    time_machine.move_to(START, tick=False)
    call_command("worker", "--batch")
    call_command("worker", "--batch")
    assert runs == [1]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_run_a_job_once(only_jobs):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite has one writer at a time, and its test database is in memory)")
    runs = []
    gate = threading.Barrier(2)
    only_jobs.every(minutes=5, name="test.tick")(lambda: runs.append(1))
    ran: list[list[str]] = []

    def worker():
        from django.db import connections

        gate.wait()
        try:
            ran.append(only_jobs.run_due_jobs())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ran) == [[], ["test.tick"]] and runs == [1]
