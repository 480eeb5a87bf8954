"""One referral: who it is about (only what the sender may pass on), its timeline and thread, and
the answers each side may give."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import visible_to
from ally.access.referrals import NAVIGATOR, RECIPIENT, SENDER, access_referral, sides
from ally.core.errors import Conflict, InvalidInput
from ally.core.http import AuthenticatedRequest
from ally.referrals import actions
from ally.referrals.forms import AssignForm, CloseForm, DeclineForm, MessageForm, WithdrawForm
from ally.referrals.models import Referral, Status
from ally.tenancy.models import Organization


def _providers(request: AuthenticatedRequest, referral: Referral) -> Any:
    return visible_to(request.user, Organization).exclude(pk=referral.from_organization_id).order_by("name")


@login_required
def referral_detail(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    referral = access_referral(request.user, referral_id)
    my_sides = sides(request.user, referral)
    context: dict[str, Any] = {
        "referral": referral,
        "sides": my_sides,
        "steps": referral.steps.select_related("by", "organization"),
        "thread": referral.messages.select_related("author", "organization"),
        "message_form": MessageForm(),
        "now": timezone.now(),
        "late": referral.status == Status.SENT and referral.acknowledged_at is None and timezone.now() > referral.ack_due_at,
    }
    if RECIPIENT in my_sides and referral.is_open:
        context |= {"decline_form": DeclineForm(), "close_form": CloseForm()}
    if SENDER in my_sides and referral.is_open:
        context["withdraw_form"] = WithdrawForm()
    if NAVIGATOR in my_sides and referral.is_open and referral.in_queue:
        context["assign_form"] = AssignForm(organizations=_providers(request, referral))
        from ally.referrals.matching import rank_for

        context["matches"] = rank_for(referral)
    return render(request, "referrals/referral_detail.html", context)


def _answer(request: AuthenticatedRequest, referral_id: int, form: Form | None, change: Callable[..., object], done: str) -> HttpResponse:
    referral = access_referral(request.user, referral_id)
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("referral_detail", referral.pk)
    try:
        change(referral, **(form.cleaned_data if form is not None else {}))
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("referral_detail", referral.pk)


@login_required
@require_POST
def referral_acknowledge(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _answer(request, referral_id, None, lambda r: actions.acknowledge(r, acting_user=request.user),
                   _("Acknowledged. The sender can see it."))


@login_required
@require_POST
def referral_accept(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _answer(request, referral_id, None, lambda r: actions.accept(r, acting_user=request.user), _("Accepted."))


@login_required
@require_POST
def referral_decline(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _answer(request, referral_id, DeclineForm(request.POST),
                   lambda r, reason, note: actions.decline(r, acting_user=request.user, reason=reason, note=note),
                   _("Declined. The sender can see your reason."))


@login_required
@require_POST
def referral_start(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _answer(request, referral_id, None, lambda r: actions.start_service(r, acting_user=request.user),
                   _("Marked as in service."))


@login_required
@require_POST
def referral_close(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _answer(request, referral_id, CloseForm(request.POST),
                   lambda r, outcome: actions.close(r, acting_user=request.user, outcome=outcome), _("Referral closed."))


@login_required
@require_POST
def referral_withdraw(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _answer(request, referral_id, WithdrawForm(request.POST),
                   lambda r, note: actions.withdraw(r, acting_user=request.user, note=note), _("Referral withdrawn."))


@login_required
@require_POST
def referral_assign(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    referral = access_referral(request.user, referral_id)
    form = AssignForm(request.POST, organizations=_providers(request, referral))
    return _answer(request, referral_id, form,
                   lambda r, to_organization: actions.assign(r, to_organization, acting_user=request.user),
                   _("Assigned. The provider has been told."))


@login_required
@require_POST
def referral_message(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _answer(request, referral_id, MessageForm(request.POST),
                   lambda r, text: actions.post_message(r, acting_user=request.user, text=text), _("Message sent."))
