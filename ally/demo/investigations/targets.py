"""The deconfliction index of the demo: identifiers saved in order, their pointers, and the hits
the index would have found at each save (the rules of ally.deconfliction.targets.find_matches:
another agency, an investigation the saving agency does not work, exact keys or fuzzy names
within their block, at most one hit per other investigation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ally.audit.events import EventType
from ally.deconfliction import names
from ally.deconfliction.models import Hit, Pointer
from ally.deconfliction.normalize import normalize
from ally.deconfliction.targets import BUSINESS, EXACT, PERSON
from ally.demo.investigations.context import Context
from ally.investigations.models import Identifier

if TYPE_CHECKING:
    from ally.demo.investigations.cases import InvPlan


def load_identifiers(ctx: Context, plans: list[InvPlan]) -> None:
    """Identifiers in the order they were saved, their pointers, and the hits the index would
    have found then (the rules of ally.deconfliction.targets.find_matches)."""
    tf = ctx.task_force
    ordered = sorted(((i.day, n, plan, i) for n, plan in enumerate(plans) for i in plan.idents), key=lambda t: (t[0], t[1]))
    rows = []
    for _day, _n, plan, ident in ordered:
        ident.norm = normalize(ident.kind, ident.value, ident.details)  # bad input raises, as in the action
        ident.row = Identifier(
            task_force=tf, organization=ctx.orgs[plan.org], investigation=plan.row,
            subject=plan.subjects[ident.subject].row if ident.subject is not None else None, kind=ident.kind,
            value=ident.norm.display[:300], details=ident.norm.details, key=ident.norm.key[:300],
            added_by_id=ctx.uid(plan.lead), added_at=ctx.at(ident.day),
        )  # fmt: skip
        rows.append(ident.row)
        ctx.count(plan.org, EventType.IDENTIFIER_ADDED)
    Identifier.objects.bulk_create(rows, batch_size=1000)
    pointers = []
    for _day, _n, plan, ident in ordered:
        assert ident.norm is not None and ident.row is not None
        pointers.append(Pointer(task_force=tf, organization=ctx.orgs[plan.org], investigation=plan.row,
                                identifier=ident.row, kind=ident.kind, key=ident.norm.key, block=ident.norm.block))  # fmt: skip
    Pointer.objects.bulk_create(pointers, batch_size=1000)
    works: dict[int, set[int]] = {}
    for plan in plans:
        assert plan.row is not None
        works[plan.row.pk] = {ctx.oid(plan.org), *(ctx.oid(o) for o in plan.partners)}
    seen: list[tuple[Pointer, InvPlan]] = []
    by_key: dict[tuple[str, str], list[int]] = {}
    hits = []
    for pointer, (_day, _n, plan, ident) in zip(pointers, ordered, strict=True):
        fuzzy = ident.kind in ("person", "business")
        lookup = (ident.kind, pointer.block if fuzzy else pointer.key)
        if not fuzzy or pointer.block:
            mine = works[pointer.investigation_id]
            matched: set[int] = set()
            for index in by_key.get(lookup, []):
                other, other_plan = seen[index]
                if other.organization_id == pointer.organization_id or other.investigation_id == pointer.investigation_id:
                    continue
                if pointer.organization_id in works[other.investigation_id] or other.organization_id in mine:
                    continue
                if fuzzy and not (names.same_person if ident.kind == "person" else names.same_business)(pointer.key, other.key):
                    continue
                if other.investigation_id in matched:
                    continue
                matched.add(other.investigation_id)
                how = {"person": PERSON, "business": BUSINESS}.get(ident.kind, EXACT)
                hits.append(Hit(task_force=tf, kind=ident.kind, how=how, new_pointer=pointer, existing_pointer=other,
                                new_organization_id=pointer.organization_id, existing_organization_id=other.organization_id,
                                new_contact_id=ctx.uid(plan.lead), existing_contact_id=ctx.uid(other_plan.lead),
                                found_at=ctx.at(ident.day)))  # fmt: skip
                ctx.count(plan.org, EventType.TARGET_HIT)
        by_key.setdefault(lookup, []).append(len(seen))
        seen.append((pointer, plan))
    Hit.objects.bulk_create(hits, batch_size=500)
