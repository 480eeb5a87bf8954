"""Sub-awards and reimbursement claims: submitted by the provider, decided line by line by a
reviewer who sees each line's date, category, units and cost — never the client."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import Permission, require
from ally.access.network import (
    access_claim,
    access_claim_line,
    access_provider,
    access_sub_award,
    claimable_services,
    manages_sub_awards,
    reviews,
    sees_clients_of_claims,
    submits_claims,
    visible_claims,
)
from ally.access.survivors import today_in
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.network import actions
from ally.network.forms import ClaimForm, ClaimPeriodForm, LineDecisionForm, SubAwardForm
from ally.network.models import ClaimLine, LineDecision, SubAward
from ally.network.queries import award_totals, claim_totals


@login_required
def sub_award_create(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    provider = access_provider(request.user, organization_id)
    if not manages_sub_awards(request.user, provider):
        raise NotPermitted()
    form = SubAwardForm(request.POST or None)
    done = saved(
        request, form, lambda data: actions.create_sub_award(provider, acting_user=request.user, **data),
        _("Sub-award recorded."), "provider_detail", provider.pk,
    )
    heading = _("Record a sub-award to %(provider)s") % {"provider": provider.name}
    return done or render(request, "network/simple_form.html", {"form": form, "organization": provider, "heading": heading})


@login_required
def sub_award_edit(request: AuthenticatedRequest, award_id: int) -> HttpResponse:
    award = access_sub_award(request.user, award_id, for_change=True)
    provider = award.organization
    initial = {f: getattr(award, f) for f in ("reference", "budget", "starts_on", "ends_on")}
    form = SubAwardForm(request.POST or None, initial=initial)
    done = saved(
        request, form, lambda data: actions.update_sub_award(award, acting_user=request.user, **data),
        _("Sub-award saved."), "provider_detail", provider.pk,
    )
    heading = _("Change the sub-award to %(provider)s") % {"provider": provider.name}
    return done or render(request, "network/simple_form.html", {"form": form, "organization": provider, "heading": heading})


@login_required
def claim_list(request: AuthenticatedRequest) -> HttpResponse:
    """The claims the person may read: their organization's, or those they review."""
    require(request.user, Permission.VIEW_TASK_FORCE)
    claims = list(
        visible_claims(request.user)
        .select_related("organization", "sub_award")
        .prefetch_related(Prefetch("lines", queryset=ClaimLine.objects.only("claim_id", "decision", "cost")))[:200]
    )
    rows = [(claim, claim_totals(claim.lines.all())) for claim in claims]
    waiting = request.GET.get("waiting") == "1"
    if waiting:
        rows = [(claim, totals) for claim, totals in rows if totals.pending]
    return render(request, "network/claim_list.html", {"rows": rows, "waiting": waiting})


def _default_period(provider: Any, day: dt.date) -> dict[str, dt.date]:
    award = SubAward.objects.filter(organization=provider, starts_on__lte=day).order_by("-starts_on").first()
    start = day.replace(day=1)
    if award is not None:
        start = max(award.starts_on, start)
        day = min(award.ends_on, day)
    return {"period_start": start, "period_end": day}


@login_required
def claim_create(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    provider = access_provider(request.user, organization_id)
    if not submits_claims(request.user, provider):
        raise NotPermitted()
    period = ClaimPeriodForm(request.POST or request.GET or None, initial=_default_period(provider, today_in(provider.task_force_id)))
    start, end = (period.cleaned_data["period_start"], period.cleaned_data["period_end"]) if period.is_valid() else (
        period.initial["period_start"], period.initial["period_end"])
    services = list(
        claimable_services(request.user, provider)
        .filter(delivered_on__gte=start, delivered_on__lte=end)
        .order_by("delivered_on", "id")
    )
    form = ClaimForm(
        request.POST or None,
        initial={"period_start": start, "period_end": end, "services": [s.pk for s in services]},
        services=[(s.pk, str(s.pk)) for s in services],
    )
    if request.method == "POST" and form.is_valid():
        try:
            claim = actions.submit_claim(
                provider, acting_user=request.user, period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"], service_ids=form.cleaned_data["services"],
                reference=form.cleaned_data["reference"],
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Claim submitted for review."))
            return redirect("claim_detail", claim.pk)
    return render(
        request,
        "network/claim_form.html",
        {"form": form, "organization": provider, "rows": list(zip(form["services"], services, strict=True)),
         "start": start, "end": end},
    )


@login_required
def claim_detail(request: AuthenticatedRequest, claim_id: int) -> HttpResponse:
    claim = access_claim(request.user, claim_id)
    provider = claim.organization
    own = sees_clients_of_claims(request.user, provider)
    query = claim.lines.select_related("decided_by")
    if own:
        # SECURITY: only the provider's own administrators learn which client a line is for.
        query = query.select_related("service")
    lines = list(query)
    return render(
        request,
        "network/claim_detail.html",
        {
            "claim": claim,
            "organization": provider,
            "lines": lines,
            "totals": claim_totals(lines),
            "award": claim.sub_award,
            "award_totals": award_totals(claim.sub_award),
            "may_decide": reviews(request.user, provider),
            "shows_clients": own,
            "decision_form": LineDecisionForm(),
            "pending": LineDecision.PENDING,
        },
    )


@login_required
@require_POST
def claim_line_decide(request: AuthenticatedRequest, line_id: int) -> HttpResponse:
    line = access_claim_line(request.user, line_id, for_change=True)
    form = LineDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or reject the line."))
        return redirect("claim_detail", line.claim_id)
    try:
        actions.decide_claim_line(
            line, acting_user=request.user, decision=form.cleaned_data["decision"], reason=form.cleaned_data["reason"]
        )
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
    else:
        done = _("Line %(n)d approved.") if form.cleaned_data["decision"] == LineDecision.APPROVED else _("Line %(n)d rejected.")
        messages.success(request, done % {"n": line.number})
    return redirect("claim_detail", line.claim_id)
