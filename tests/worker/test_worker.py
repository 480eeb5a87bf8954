"""`ally worker` runs what is queued in the database."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from ally.audit.models import AuditEvent

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_tasks():
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DATABASE_TASKS):  # django-tasks re-reads TASKS on change
        from tests.worker.tasks import note_a_sign_in_failure

        result = note_a_sign_in_failure.enqueue()
        assert not AuditEvent.objects.exists()  # queued, not run
        call_command("worker", "--batch", "--interval", "0")
        assert AuditEvent.objects.filter(event_type="account.sign_in_failed").count() == 1
        assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
