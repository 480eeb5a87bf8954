"""Target deconfliction: every identifier saved is checked against the other agencies'
investigations in the task force.

The index holds pointers (kind, normalized key, blocking key, and where they point), never case
content. Phones, emails, plates, accounts, ad URLs and addresses match exactly on their key;
people by fuzzy name within the same date of birth (no date of birth: never matched on a name
alone); businesses by fuzzy name within the same ZIP, or city and state. A match with an
investigation the saving agency does not already work is a ``Hit``: both investigators are told
to call each other, and each learns only the other's name, agency, work phone and email.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.deconfliction import names
from ally.deconfliction.models import Hit, Pointer
from ally.deconfliction.normalize import Normalized
from ally.investigations.models import Identifier, Investigation, InvestigationPartner
from ally.notifications import NotificationKind, notify
from ally.tenancy.models import Membership

EXACT = "exact"
PERSON = "name and date of birth"
BUSINESS = "business name and place"
FUZZY_KINDS = {"person": PERSON, "business": BUSINESS}


@dataclass(frozen=True)
class Match:
    pointer_id: int
    organization_id: int
    investigation_id: int
    how: str


def find_matches(
    *, task_force_id: int, organization_id: int, investigation: Investigation, kind: str,
    key: str, block: str,
) -> list[Match]:
    """Active pointers of other agencies' investigations that match (kind, key, block), at most one
    per other investigation; investigations the saving agency already works are left out, and so
    are agencies that already work the saving investigation."""
    how = FUZZY_KINDS.get(kind, EXACT)
    pointers = Pointer.objects.filter(task_force_id=task_force_id, kind=kind, active=True)
    if how == EXACT:
        pointers = pointers.filter(key=key)
    elif not block:
        return []  # a person without a date of birth: never matched on a name alone
    else:
        pointers = pointers.filter(block=block)
    rows = list(
        pointers.exclude(organization_id=organization_id).values_list(
            "pk", "key", "organization_id", "investigation_id",
            "investigation__organization_id", "investigation__purged_at",
        )
    )
    if not rows:
        return []
    same = names.same_person if kind == "person" else names.same_business
    candidates = [
        r for r in rows
        if r[5] is None and r[4] != organization_id and r[3] != investigation.pk
        and (how == EXACT or same(key, r[1]))
    ]
    if not candidates:
        return []
    # Who already works what: the saving agency's joint investigations among the candidates,
    # and the partners of the saving investigation.
    partnered = set()
    works_mine = {investigation.organization_id}
    for inv_id, org_id in InvestigationPartner.objects.filter(
        Q(organization_id=organization_id, investigation_id__in={r[3] for r in candidates})
        | Q(investigation_id=investigation.pk),
        removed_at=None,
    ).values_list("investigation_id", "organization_id"):
        if inv_id == investigation.pk:
            works_mine.add(org_id)
        if org_id == organization_id:
            partnered.add(inv_id)
    matches: dict[int, Match] = {}
    for pk, _key, org_id, inv_id, owner_id, _purged in sorted(candidates):
        if inv_id in partnered or org_id in works_mine or owner_id in works_mine:
            continue
        matches.setdefault(inv_id, Match(pk, org_id, inv_id, how))
    return list(matches.values())


def index_identifier(
    identifier: Identifier, normalized: Normalized, *, acting_user: User | None
) -> list[Hit]:
    """Index a just-saved identifier and record a hit for each other agency's investigation that
    holds the same target. Call inside the action's transaction. Returns the hits (empty: no
    conflict)."""
    with transaction.atomic():
        investigation = identifier.investigation
        pointer, _created = Pointer.objects.update_or_create(
            identifier=identifier,
            defaults={
                "task_force_id": identifier.task_force_id,
                "organization_id": identifier.organization_id,
                "investigation": investigation,
                "kind": identifier.kind,
                "key": normalized.key,
                "block": normalized.block,
                "active": identifier.removed_at is None and not investigation.is_purged,
            },
        )
        if not pointer.active:
            return []
        matches = find_matches(
            task_force_id=identifier.task_force_id, organization_id=identifier.organization_id,
            investigation=investigation, kind=identifier.kind, key=normalized.key,
            block=normalized.block,
        )
        if not matches:
            return []
        return _record_hits(identifier, pointer, matches, acting_user=acting_user)


def _record_hits(
    identifier: Identifier, pointer: Pointer, matches: list[Match], *, acting_user: User | None
) -> list[Hit]:
    investigation = identifier.investigation
    already = set(
        Hit.objects.filter(new_pointer=pointer, existing_pointer_id__in=[m.pointer_id for m in matches])
        .values_list("existing_pointer_id", flat=True)
    )
    matches = [m for m in matches if m.pointer_id not in already]
    others: dict[int, Any] = {
        row["pk"]: row
        for row in Pointer.objects.filter(pk__in=[m.pointer_id for m in matches]).values(
            "pk", "investigation__number", "investigation__lead_investigator_id",
            "identifier__added_by_id",
        )
    }
    my_contact_id = investigation.lead_investigator_id or (acting_user.pk if acting_user else None)
    user_ids: set[int] = {my_contact_id} if my_contact_id else set()
    if acting_user is not None:
        user_ids.add(acting_user.pk)
    for row in others.values():
        for field in ("investigation__lead_investigator_id", "identifier__added_by_id"):
            if row[field]:
                user_ids.add(row[field])
    users = User.objects.in_bulk(user_ids)
    mine = [users[i] for i in {acting_user.pk if acting_user else None, my_contact_id} if i in users]
    now = timezone.now()
    hits: list[Hit] = []
    for match in matches:
        other = others[match.pointer_id]
        their_contact_id = _active_member(
            match.organization_id, other["investigation__lead_investigator_id"], other["identifier__added_by_id"]
        )
        hit = Hit.objects.create(
            task_force_id=identifier.task_force_id, kind=identifier.kind, how=match.how,
            new_pointer=pointer, existing_pointer_id=match.pointer_id,
            new_organization_id=identifier.organization_id,
            existing_organization_id=match.organization_id,
            new_contact_id=my_contact_id, existing_contact_id=their_contact_id, found_at=now,
        )
        record(
            EventType.TARGET_HIT, actor=acting_user, task_force=identifier.task_force,
            organization=identifier.organization, target=hit,
            changes={
                "kind": identifier.kind, "how": match.how, "identifier": identifier.pk,
                # Only this agency's own ids: the other agency's record ids stay out of its log.
                "new_investigation": investigation.pk, "existing_organization": match.organization_id,
            },
        )
        link = reverse("hit_detail", args=[hit.pk])
        notify(
            mine, task_force=identifier.task_force, kind=NotificationKind.TARGET_HIT,
            title=_("Deconfliction match for investigation %(number)s: call the other agency")
            % {"number": investigation.number},
            link=link,
        )
        theirs = [users[their_contact_id]] if their_contact_id in users else []
        notify(
            theirs, task_force=identifier.task_force, kind=NotificationKind.TARGET_HIT,
            title=_("Deconfliction match for investigation %(number)s: call the other agency")
            % {"number": other["investigation__number"]},
            link=link,
        )
        hits.append(hit)
    return hits


def _active_member(organization_id: int, *user_ids: int | None) -> int | None:
    """The first of ``user_ids`` still an active member of the organization (the lead investigator
    may have left, and an identifier may have been added by a partner agency's investigator)."""
    active = set(Membership.objects.filter(
        organization_id=organization_id, user_id__in=[u for u in user_ids if u], is_active=True, user__is_active=True,
    ).values_list("user_id", flat=True))
    return next((u for u in user_ids if u in active), None)


def retire_identifier(identifier: Identifier) -> None:
    """The identifier was removed (or its record purged): it matches nothing any more. Hits
    already found stay, for the log."""
    Pointer.objects.filter(identifier=identifier).update(active=False)


def retire_investigation(investigation: Investigation) -> None:
    """The investigation was purged: none of its identifiers matches anything any more, and the
    index keeps nothing of them (28 CFR 23.20(h))."""
    Pointer.objects.filter(investigation=investigation).update(active=False, key="", block="")
