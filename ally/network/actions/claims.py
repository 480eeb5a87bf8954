"""Sub-awards and reimbursement claims.

A claim lists service deliveries the provider recorded itself, with their costs; a reviewer
approves or rejects each line. Approved lines are paid from the sub-award that covers the claim's
period, never beyond its budget. A service is on at most one line that is not rejected — the
action checks, and a unique index settles two claims submitted at the same moment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ally.access.network import (
    access_claim_line,
    access_sub_award,
    manages_sub_awards,
    submits_claims,
)
from ally.accounts.models import User
from ally.audit.chain import diff, record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.network.actions._common import check, check_provider, date_value, money, text_value
from ally.network.models import ClaimLine, LineDecision, ReimbursementClaim, SubAward
from ally.network.queries import ZERO, award_totals
from ally.survivors.models import ServiceDelivery
from ally.tenancy.models import Organization

MAX_LINES = 500
SUB_AWARD_FIELDS = ("reference", "budget", "starts_on", "ends_on")


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


# --- Sub-awards --------------------------------------------------------------------------------


def _award_values(values: dict[str, Any]) -> dict[str, Any]:
    starts_on = date_value(values["starts_on"], _("the start of the award period"))
    ends_on = date_value(values["ends_on"], _("the end of the award period"))
    if ends_on < starts_on:
        raise InvalidInput(_("The award period ends after it starts."))
    return {
        "reference": text_value(values["reference"], _("Award number"), 80),
        "budget": money(values["budget"], _("the budget")),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


def _check_overlap(provider: Organization, values: dict[str, Any], exclude: int | None = None) -> None:
    overlapping = SubAward.objects.filter(
        organization=provider, starts_on__lte=values["ends_on"], ends_on__gte=values["starts_on"]
    )
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    if overlapping.exists():
        raise Conflict(_("Another sub-award of this provider covers part of that period."))


def create_sub_award(
    provider: Organization,
    *,
    acting_user: User | None,
    budget: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    reference: str = "",
) -> SubAward:
    """Record a sub-award to a reimbursement-based provider (the coordinator): its budget and
    award period. A provider's award periods do not overlap."""
    check(acting_user, provider, manages_sub_awards)
    check_provider(provider)
    values = _award_values({"reference": reference, "budget": budget, "starts_on": starts_on, "ends_on": ends_on})
    with transaction.atomic():
        # Two awards recorded at once for one provider wait for each other here.
        Organization.objects.select_for_update().get(pk=provider.pk)
        _check_overlap(provider, values)
        award = SubAward.objects.create(
            task_force_id=provider.task_force_id, organization=provider, created_by=acting_user, **values
        )
        record(
            EventType.SUB_AWARD_CREATED,
            actor=acting_user,
            task_force=provider.task_force,
            organization=provider,
            target=award,
            changes={k: str(v) for k, v in values.items()},
        )
    return award


def update_sub_award(award: SubAward, *, acting_user: User | None, **changes: Any) -> SubAward:
    """Amend a sub-award (the coordinator): its number, budget or period. The budget cannot go
    below what was already approved, nor the period leave out a claim made against it."""
    provider = award.organization
    if acting_user is not None:
        access_sub_award(acting_user, award.pk, for_change=True)
    unknown = sorted(set(changes) - set(SUB_AWARD_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    with transaction.atomic():
        Organization.objects.select_for_update().get(pk=provider.pk)
        award = SubAward.objects.select_for_update().get(pk=award.pk)
        before = {f: getattr(award, f) for f in SUB_AWARD_FIELDS}
        values = _award_values({**before, **changes})
        _check_overlap(provider, values, exclude=award.pk)
        approved = award_totals(award).approved
        if values["budget"] < approved:
            raise Conflict(
                _("%(approved)s is already approved on this sub-award: the budget cannot be less.")
                % {"approved": f"${approved:,.2f}"}
            )
        outside = award.claims.filter(Q(period_start__lt=values["starts_on"]) | Q(period_end__gt=values["ends_on"]))
        if outside.exists():
            raise Conflict(_("A claim against this sub-award falls outside that period."))
        for field, value in values.items():
            setattr(award, field, value)
        award.save()
        changed = diff({k: str(v) for k, v in before.items()}, {k: str(v) for k, v in values.items()})
        if changed:
            record(
                EventType.SUB_AWARD_UPDATED,
                actor=acting_user,
                task_force=provider.task_force,
                organization=provider,
                target=award,
                changes=changed,
            )
    return award


# --- Claims ------------------------------------------------------------------------------------


def _services_to_claim(
    provider: Organization, service_ids: list[int], start: dt.date, end: dt.date
) -> list[ServiceDelivery]:
    if not isinstance(service_ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in service_ids):
        raise InvalidInput(_("List the services to claim."))
    if not service_ids:
        raise InvalidInput(_("List at least one service to claim."))
    if len(set(service_ids)) != len(service_ids):
        raise InvalidInput(_("A service is listed twice."))
    if len(service_ids) > MAX_LINES:
        raise InvalidInput(_("At most %(n)d services on one claim.") % {"n": MAX_LINES})
    found = {
        s.pk: s
        for s in ServiceDelivery.objects.filter(
            pk__in=service_ids, organization_id=provider.pk, provider_id=provider.pk
        ).select_related("client")
    }
    if len(found) != len(service_ids):
        raise InvalidInput(_("Claim only services your organization recorded as given by itself."))
    services = sorted(found.values(), key=lambda s: (s.delivered_on, s.pk))
    for service in services:
        when = {"date": _day(service.delivered_on)}
        if service.deleted_at is not None or service.client.deleted_at is not None:
            raise InvalidInput(_("The service of %(date)s was corrected or withdrawn: it cannot be claimed.") % when)
        if service.cost is None or service.cost <= 0:
            raise InvalidInput(_("The service of %(date)s has no cost to claim.") % when)
        if not start <= service.delivered_on <= end:
            raise InvalidInput(_("The service of %(date)s was not given in the claim's period.") % when)
    claimed = ClaimLine.objects.filter(service__in=services).exclude(decision=LineDecision.REJECTED)
    first = claimed.select_related("service").order_by("service__delivered_on").first()
    if first is not None:
        raise Conflict(
            _("The service of %(date)s is already claimed (claim #%(claim)d, line %(line)d): a claim line for a service already claimed is refused.")
            % {"date": _day(first.service.delivered_on), "claim": first.claim_id, "line": first.number}
        )
    return services


def submit_claim(
    provider: Organization,
    *,
    acting_user: User | None,
    period_start: dt.date,
    period_end: dt.date,
    service_ids: list[int],
    reference: str = "",
) -> ReimbursementClaim:
    """Claim reimbursement for services the provider gave in a period (its administrators): one
    line per service, numbered by date, against the sub-award that covers the whole period.
    A service already on a line that is not rejected, a corrected or withdrawn service, or one
    without a cost is refused, and nothing is saved."""
    check(acting_user, provider, submits_claims)
    check_provider(provider)
    start = date_value(period_start, _("the start of the claim period"))
    end = date_value(period_end, _("the end of the claim period"))
    if end < start:
        raise InvalidInput(_("The claim period ends after it starts."))
    reference = text_value(reference, _("Invoice number"), 80)
    award = SubAward.objects.filter(organization=provider, starts_on__lte=start, ends_on__gte=end).first()
    if award is None:
        raise InvalidInput(
            _("No sub-award of this provider covers %(start)s to %(end)s.") % {"start": _day(start), "end": _day(end)}
        )
    with transaction.atomic():
        services = _services_to_claim(provider, service_ids, start, end)
        claim = ReimbursementClaim.objects.create(
            task_force_id=provider.task_force_id,
            organization=provider,
            sub_award=award,
            period_start=start,
            period_end=end,
            reference=reference,
            submitted_by=acting_user,
        )
        lines = [
            ClaimLine(
                task_force_id=provider.task_force_id,
                claim=claim,
                number=number,
                service=service,
                delivered_on=service.delivered_on,
                category=service.category,
                units=service.units,
                unit=service.unit,
                cost=service.cost or ZERO,
            )
            for number, service in enumerate(services, start=1)
        ]
        try:
            with transaction.atomic():
                ClaimLine.objects.bulk_create(lines)
        except IntegrityError:
            # Another claim took one of these services between our check and our insert.
            raise Conflict(_("A claim line for a service already claimed is refused: another claim took one of these services just now.")) from None
        total = sum((line.cost for line in lines), ZERO)
        record(
            EventType.CLAIM_SUBMITTED,
            actor=acting_user,
            task_force=provider.task_force,
            organization=provider,
            target=claim,
            changes={"sub_award": award.pk, "lines": len(lines), "total": str(total),
                     "period": [start.isoformat(), end.isoformat()]},
        )
    return claim


def decide_claim_line(
    line: ClaimLine, *, acting_user: User | None, decision: str, reason: str = ""
) -> ClaimLine:
    """Approve or reject one claim line (a reviewer: a navigator of a region the provider serves,
    or the coordinator, who does not work for the provider). A rejection says why. An approval
    must fit in what remains of the sub-award's budget, and the service must still stand (not
    corrected or withdrawn since it was claimed). Each line is decided once; a rejected service
    may be claimed again."""
    if acting_user is not None:
        # 404 for whoever cannot see the claim (a navigator of another region), 403 for a reader
        # who may not decide it (the provider's own admin).
        access_claim_line(acting_user, line.pk, for_change=True)
    claim = line.claim
    provider = claim.organization
    if decision not in (LineDecision.APPROVED, LineDecision.REJECTED):
        raise InvalidInput(_("Approve or reject the line."))
    reason = text_value(reason, _("Reason"), 2000)
    if decision == LineDecision.REJECTED and not reason:
        raise InvalidInput(_("Say why the line is rejected."))
    with transaction.atomic():
        # Approvals against one sub-award wait for each other, so the budget holds.
        award = SubAward.objects.select_for_update().get(pk=claim.sub_award_id)
        line = ClaimLine.objects.select_for_update().get(pk=line.pk)
        if line.decision != LineDecision.PENDING:
            raise Conflict(_("Line %(n)d was already decided.") % {"n": line.number})
        if decision == LineDecision.APPROVED:
            if ServiceDelivery.objects.filter(pk=line.service_id).exclude(deleted_at=None).exists():
                raise InvalidInput(
                    _("The service on line %(n)d was corrected or withdrawn after it was claimed: reject the line.")
                    % {"n": line.number}
                )
            remaining = award_totals(award).remaining
            if line.cost > remaining:
                raise Conflict(
                    _("Approving line %(n)d would go over the sub-award's budget: %(remaining)s remains.")
                    % {"n": line.number, "remaining": f"${remaining:,.2f}"}
                )
        line.decision = decision
        line.reason = reason
        line.decided_by = acting_user
        line.decided_at = timezone.now()
        line.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
        record(
            EventType.CLAIM_LINE_DECIDED,
            actor=acting_user,
            task_force=provider.task_force,
            organization=provider,
            target=line,
            changes={"claim": claim.pk, "line": line.number, "decision": decision},
        )
    return line
