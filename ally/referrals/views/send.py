"""Sending a referral: about a person encountered, or about one of the provider's clients."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ally.access import Permission, access_client, grants_for, require, visible_to
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.referrals import actions
from ally.referrals.forms import ClientReferralForm, PersonReferralForm
from ally.tenancy.models import Organization, Region


def _choices(request: AuthenticatedRequest, exclude: int) -> dict[str, Any]:
    return {
        "organizations": visible_to(request.user, Organization).exclude(pk=exclude).order_by("name"),
        "regions": visible_to(request.user, Region).order_by("name"),
    }


@login_required
def referral_create(request: AuthenticatedRequest) -> HttpResponse:
    """A referral about someone who is not a client here (an encounter, a call)."""
    require(request.user, Permission.VIEW_TASK_FORCE)
    ids = grants_for(request.user).organization_ids()
    own = list(visible_to(request.user, Organization).filter(pk__in=ids).order_by("name"))
    if not own:
        raise NotPermitted()
    chosen = request.POST.get("from_organization") or request.GET.get("from_organization")
    sender = next((o for o in own if str(o.pk) == chosen), own[0])
    form = PersonReferralForm(request.POST or None, **_choices(request, sender.pk))
    done = saved(request, form, lambda data: actions.send_referral(
        sender, acting_user=request.user, to_organization=data["to_organization"], to_region=data["to_region"],
        services=data["services"], urgency=data["urgency"], person=form.person(), note=data["note"],
    ), _("Referral sent."), "referral_list")
    if done is not None:
        return done
    return render(request, "referrals/referral_form.html", {
        "form": form, "sender": sender, "senders": own, "client": None,
    })


@login_required
def client_refer(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    """A referral about the provider's client, carrying only what the client's consent allows."""
    client = access_client(request.user, client_id, for_change=True).client
    form = ClientReferralForm(request.POST or None, **_choices(request, client.organization_id))
    done = saved(request, form, lambda data: actions.send_referral(
        client.organization, acting_user=request.user, to_organization=data["to_organization"],
        to_region=data["to_region"], services=data["services"], urgency=data["urgency"], client=client,
        field_groups=data["field_groups"], note=data["note"],
    ), _("Referral sent."), "client_detail", client.pk)
    return done or render(request, "referrals/referral_form.html", {
        "form": form, "sender": client.organization, "senders": [], "client": client,
    })
