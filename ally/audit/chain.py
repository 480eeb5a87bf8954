"""Recording and verifying the hash chain.

Each row's hash covers its own content and the previous row's hash in the same chain (one chain
per task force, plus a global one for events with no task force). Editing a row breaks its hash;
deleting or inserting one breaks the sequence or the link to the previous hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model

from ally.audit.events import EventType
from ally.audit.models import AuditChain, AuditEvent
from ally.core import requestcontext

GLOBAL_CHAIN = "global"


def chain_key_for(task_force_id: int | None) -> str:
    return f"task_force:{task_force_id}" if task_force_id else GLOBAL_CHAIN


def _content(event: AuditEvent) -> dict[str, Any]:
    return {
        "chain_key": event.chain_key,
        "sequence": event.sequence,
        "created_at": event.created_at.isoformat(),
        "task_force": event.task_force_id,
        "organization": event.organization_id,
        "actor": event.actor_id,
        "event_type": event.event_type,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "changes": event.changes,
        "request_id": event.request_id,
        "ip_address": event.ip_address,
        "previous_hash": event.previous_hash,
    }


def compute_hash(event: AuditEvent) -> str:
    canonical = json.dumps(_content(event), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=str)  # unordered: a stable order
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]  # ordered: [before, after] pairs stay in order
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def record(
    event_type: EventType,
    *,
    actor: Any = None,
    task_force: Any = None,
    organization: Any = None,
    target: Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to its task force's chain. Call inside the action's transaction."""
    task_force_id = task_force.pk if task_force is not None else None
    context = requestcontext.current()
    with transaction.atomic():
        head, _ = AuditChain.objects.select_for_update().get_or_create(
            key=chain_key_for(task_force_id)
        )
        event = AuditEvent(
            chain_key=head.key,
            sequence=head.last_sequence + 1,
            task_force_id=task_force_id,
            organization_id=organization.pk if organization is not None else None,
            actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
            event_type=event_type.value,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            changes={k: _jsonable(v) for k, v in (changes or {}).items()},
            request_id=context.request_id if context else "",
            ip_address=context.ip_address if context else None,
            previous_hash=head.last_hash,
        )
        event.hash = compute_hash(event)
        event.save()
        head.last_sequence = event.sequence
        head.last_hash = event.hash
        head.save(update_fields=["last_sequence", "last_hash"])
    return event


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The changed fields, as {"field": [before, after]}."""
    return {
        key: [_jsonable(before.get(key)), _jsonable(after.get(key))]
        for key in sorted(set(before) | set(after))
        if _jsonable(before.get(key)) != _jsonable(after.get(key))
    }


@dataclass(frozen=True)
class Problem:
    chain_key: str
    event_id: int | None
    sequence: int
    reason: str

    def __str__(self) -> str:
        where = f"row id {self.event_id}" if self.event_id is not None else "a missing row"
        return f"{self.chain_key}: {where} at sequence {self.sequence}: {self.reason}"


def _chain_problems(key: str, head: AuditChain | None) -> Iterator[Problem]:
    expected_sequence = 1
    previous_hash = ""
    rows = AuditEvent.objects.filter(chain_key=key).order_by("sequence", "id").iterator(2000)
    for event in rows:
        if head is not None and event.sequence > head.last_sequence:
            yield Problem(key, event.pk, event.sequence, "inserted (beyond the chain's head)")
            return
        if event.sequence < expected_sequence:
            yield Problem(key, event.pk, event.sequence, "inserted (sequence repeats)")
            return
        if event.sequence > expected_sequence:
            yield Problem(key, None, expected_sequence, "deleted (sequence skips)")
            return
        if event.previous_hash != previous_hash:
            yield Problem(key, event.pk, event.sequence, "inserted or re-linked (previous hash)")
            return
        if compute_hash(event) != event.hash:
            yield Problem(key, event.pk, event.sequence, "edited (content does not match hash)")
            return
        previous_hash = event.hash
        expected_sequence += 1
    if head is not None and head.last_sequence >= expected_sequence:
        yield Problem(key, None, expected_sequence, "deleted (the chain ends early)")
    elif head is not None and head.last_hash != previous_hash:
        yield Problem(key, None, expected_sequence - 1, "the last row was edited or replaced")


def verify() -> list[Problem]:
    """The first problem in each chain; an empty list means every chain is intact."""
    heads = {head.key: head for head in AuditChain.objects.all()}
    keys = set(heads) | set(AuditEvent.objects.values_list("chain_key", flat=True).distinct())
    problems: list[Problem] = []
    for key in sorted(keys):
        problems.extend(_chain_problems(key, heads.get(key)))
    return problems
