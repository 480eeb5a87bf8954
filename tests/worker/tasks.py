"""A task for the worker test (tasks must be importable by the worker)."""

from __future__ import annotations

from django_tasks import task

from ally.audit.chain import record
from ally.audit.events import EventType


@task()
def note_a_sign_in_failure() -> str:
    record(EventType.SIGN_IN_FAILED)
    return "recorded"
