"""The audit log is append-only and tamper-evident; `ally audit verify` names the altered row."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ally.audit.chain import verify
from ally.audit.events import EventType
from ally.audit.models import AppendOnly, AuditChain, AuditEvent
from tests import factories


@pytest.fixture
def events(tf, vsp):
    factories.member(vsp, "org_admin")
    factories.member(vsp)
    return list(AuditEvent.objects.filter(task_force=tf).order_by("sequence"))


def test_actions_write_chained_events(events):
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert all(b.previous_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert EventType.MEMBER_ADDED in {e.event_type for e in events}


def test_a_clean_log_verifies(events, capsys):
    assert verify() == []
    call_command("audit", "verify")
    assert "audit log intact" in capsys.readouterr().out


def test_an_edited_row_is_named(events):
    import io

    victim = events[2]
    AuditEvent.objects.filter(pk=victim.pk).update(changes={"role": "org_admin"})
    problems = verify()
    assert len(problems) == 1
    assert problems[0].event_id == victim.pk
    assert "edited" in problems[0].reason
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="altered"):
        call_command("audit", "verify", stderr=stderr)
    assert f"row id {victim.pk} at sequence {victim.sequence}: edited" in stderr.getvalue()


def test_an_edit_by_raw_sql_is_named(events):
    victim = events[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["999", victim.pk]
        )
    assert [p.event_id for p in verify()] == [victim.pk]


def test_a_deleted_row_is_found(events):
    victim = events[1]
    AuditEvent.objects.filter(pk=victim.pk).delete()
    (problem,) = verify()
    assert problem.sequence == victim.sequence
    assert "deleted" in problem.reason


def test_deleting_the_last_row_is_found(events):
    AuditEvent.objects.filter(pk=events[-1].pk).delete()
    (problem,) = verify()
    assert "deleted" in problem.reason


def test_an_inserted_row_is_found(events, tf):
    from ally.audit.chain import compute_hash

    last = events[-1]
    forged = AuditEvent(
        chain_key=last.chain_key,
        sequence=last.sequence + 1,
        task_force=tf,
        event_type=EventType.MEMBER_REMOVED,
        previous_hash=last.hash,
    )
    forged.hash = compute_hash(forged)  # a forger who knows the algorithm
    forged.save()
    (problem,) = verify()
    assert problem.event_id == forged.pk
    assert "inserted" in problem.reason


def test_rows_cannot_be_changed_or_deleted_through_the_model(events):
    with pytest.raises(AppendOnly):
        events[0].save()
    with pytest.raises(AppendOnly):
        events[0].delete()


def test_each_task_force_has_its_own_chain(events, tf):
    other = factories.task_force()
    factories.organization(other)
    keys = set(AuditChain.objects.values_list("key", flat=True))
    assert {f"task_force:{tf.pk}", f"task_force:{other.pk}"} <= keys
    assert verify() == []
