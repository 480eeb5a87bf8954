"""The provider directory, a provider's page, its profile form and the capacity form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ally.access import Permission, can, require, visible_to
from ally.access.network import (
    access_provider,
    edits_profile,
    manages_sub_awards,
    reads_records,
    reviews,
    states_capacity,
    submits_claims,
    visible_claims,
    visible_sub_awards,
    visible_vetting_visits,
)
from ally.access.survivors import today_in
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.network import actions
from ally.network.forms import CapacityForm, DirectoryFilterForm, ProfileForm
from ally.network.models import ProviderProfile
from ally.network.queries import (
    DirectoryFilters,
    award_totals,
    filter_providers,
    languages_listed,
    profile_of,
    providers,
)
from ally.tenancy.models import Organization, Region


@dataclass(frozen=True)
class Row:
    organization: Organization
    profile: ProviderProfile | None
    show_street: bool


def _filters(form: DirectoryFilterForm) -> DirectoryFilters:
    if not form.is_valid():
        return DirectoryFilters()
    return DirectoryFilters(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})


@login_required
def provider_directory(request: AuthenticatedRequest) -> HttpResponse:
    """Every provider of the task force, filtered; a fixed number of queries."""
    require(request.user, Permission.VIEW_DIRECTORY)
    day = today_in(request.user.active_task_force_id)
    everyone = list(providers(request.user, day))
    form = DirectoryFilterForm(
        request.GET or None, regions=visible_to(request.user, Region), languages=languages_listed(everyone)
    )
    found = filter_providers(everyone, _filters(form))
    rows = [
        Row(o, profile_of(o), can(request.user, Permission.VIEW_STREET_ADDRESS, o)) for o in found
    ]
    return render(
        request,
        "network/directory.html",
        {"form": form, "rows": rows, "total": len(everyone), "filtered": bool(request.GET)},
    )


@login_required
def provider_detail(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    provider = access_provider(request.user, organization_id)
    day = today_in(provider.task_force_id)
    organization = providers(request.user, day).get(pk=provider.pk)
    profile = profile_of(organization)
    user = request.user
    reads = reads_records(user, provider)
    awards = []
    if reads:
        awards = [(award, award_totals(award)) for award in visible_sub_awards(user).filter(organization=provider)]
    context: dict[str, Any] = {
        "organization": organization,
        "profile": profile,
        "show_street": can(user, Permission.VIEW_STREET_ADDRESS, provider),
        "show_people": can(user, Permission.VIEW_DIRECTORY),
        "may_edit": edits_profile(user, provider),
        "may_state_capacity": states_capacity(user, provider),
        "may_review": reviews(user, provider),
        "may_award": manages_sub_awards(user, provider),
        "may_claim": submits_claims(user, provider) and bool(awards),
        "reads_records": reads,
        "visits": visible_vetting_visits(user).filter(organization=provider).select_related("reviewer") if reads else [],
        "awards": awards,
        "claims": visible_claims(user).filter(organization=provider)[:20] if reads else [],
        "capacity_form": CapacityForm(initial={"capacity": profile.intake_capacity if profile else None}),
    }
    return render(request, "network/provider_detail.html", context)


@login_required
def provider_edit(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    provider = access_provider(request.user, organization_id, for_change=True)
    profile = ProviderProfile.objects.filter(organization=provider).first()
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(profile, provider.zip_code))
    done = saved(
        request, form,
        lambda data: actions.save_provider_profile(provider, acting_user=request.user, **form.values()),
        _("Provider profile saved."), "provider_detail", provider.pk,
    )
    return done or render(request, "network/profile_form.html", {"form": form, "organization": provider})


@login_required
def provider_capacity(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    """The provider's one short form: how many new survivors it can take now."""
    provider = access_provider(request.user, organization_id)
    if not states_capacity(request.user, provider):
        raise NotPermitted()
    profile = ProviderProfile.objects.filter(organization=provider).first()
    form = CapacityForm(request.POST or None, initial={"capacity": profile.intake_capacity if profile else None})
    done = saved(
        request, form,
        lambda data: actions.update_intake_capacity(provider, acting_user=request.user, capacity=data["capacity"]),
        _("Intake capacity updated."), "provider_detail", provider.pk,
    )
    return done or render(
        request, "network/capacity_form.html", {"form": form, "organization": provider, "profile": profile}
    )
