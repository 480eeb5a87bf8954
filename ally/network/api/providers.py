"""Providers: the directory, a provider's profile and capacity, and vetting visits."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from ally.access import Permission, can, require, visible_to
from ally.access.network import (
    access_provider,
    reads_records,
    states_capacity,
    visible_vetting_visits,
)
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E403, E404, E409
from ally.core.errors import NotPermitted, NotVisible
from ally.network import actions, checklist
from ally.network.api.schemas import (
    CapacityIn,
    ChecklistOut,
    ProfileIn,
    ProviderOut,
    VettingIn,
    VettingOut,
)
from ally.network.models import VettingVisit
from ally.network.queries import DirectoryFilters, directory, profile_of, providers
from ally.tenancy.models import Organization, Region

router = Router(tags=["providers"])


# A provider without a profile yet answers these.
_PROFILE_DEFAULTS: dict[str, Any] = {
    "services": [], "populations": [], "languages": [], "counties": [], "zip_code": "", "county": "",
    "latitude": None, "longitude": None, "hours": "", "crisis_line": False, "crisis_phone": "",
    "eligibility_notes": "", "intake_capacity": None, "capacity_updated_at": None, "version": None,
}


def provider_out(user: User, organization: Organization) -> dict[str, Any]:
    """A provider loaded through ``providers`` (annotated), as ``ProviderOut``."""
    profile = profile_of(organization)
    shown = can(user, Permission.VIEW_STREET_ADDRESS, organization)
    out: dict[str, Any] = {
        "organization_id": organization.pk,
        "name": organization.name,
        "discipline": organization.discipline,
        "street": organization.street if shown else None,
        "city": organization.city,
        "state": organization.state,
        "region_ids": [r.pk for r in organization.regions_served.all()],
        "has_profile": profile is not None,
        "vetting": {
            "valid": getattr(organization, "vetting_valid", False),
            "outcome": getattr(organization, "vetting_outcome", None),
            "visited_on": getattr(organization, "vetting_visited_on", None),
            "revisit_on": getattr(organization, "vetting_revisit_on", None),
        },
        "sub_awarded": getattr(organization, "sub_awarded", False),
    }
    for field, default in _PROFILE_DEFAULTS.items():
        out[field] = getattr(profile, field) if profile is not None else default
    return out


def _one(user: User, organization_id: int) -> dict[str, Any]:
    provider = access_provider(user, organization_id)
    return provider_out(user, providers(user, today_in(provider.task_force_id)).get(pk=provider.pk))


@router.get("/providers", response={200: list[ProviderOut], **E403, **E404})
def list_providers(
    request: HttpRequest,
    service: str = "",
    population: str = "",
    language: str = "",
    region_id: int | None = None,
    county: str = "",
    crisis_line: bool = False,
    has_capacity: bool = False,
    vetted: bool = False,
) -> list[dict[str, Any]]:
    """The provider directory, for every working member of the task force, filtered: a service
    (service_category), a population, a language, a region, a county served, a 24/7 crisis
    line, capacity above zero, a valid vetting today."""
    user = acting_user(request)
    require(user, Permission.VIEW_DIRECTORY)
    region = visible_to(user, Region).filter(pk=region_id).first() if region_id is not None else None
    if region_id is not None and region is None:
        return []
    filters = DirectoryFilters(
        service=service, population=population, language=language, region=region, county=county,
        crisis_line=crisis_line, has_capacity=has_capacity, vetted=vetted,
    )
    return [provider_out(user, o) for o in directory(user, today_in(user.active_task_force_id), filters)]


@router.get("/providers/{organization_id}", response={200: ProviderOut, **E403, **E404})
def get_provider(request: HttpRequest, organization_id: int) -> dict[str, Any]:
    return _one(acting_user(request), organization_id)


@router.patch("/providers/{organization_id}", response={200: ProviderOut, **CHANGE, **E409})
def save_profile(request: HttpRequest, organization_id: int, payload: ProfileIn) -> dict[str, Any]:
    """Fill in or change the profile (the organization's admins, the coordinator). Only the
    fields given change. An unknown ZIP code is refused (400)."""
    user = acting_user(request)
    provider = access_provider(user, organization_id, for_change=True)
    values = payload.dict(exclude_unset=True)
    version = values.pop("version", None)
    actions.save_provider_profile(provider, acting_user=user, version=version, **values)
    return _one(user, organization_id)


@router.post("/providers/{organization_id}/capacity", response={200: ProviderOut, **CHANGE})
def update_capacity(request: HttpRequest, organization_id: int, payload: CapacityIn) -> dict[str, Any]:
    """The provider's members state how many new survivors it can take now (0 or more)."""
    user = acting_user(request)
    provider = access_provider(user, organization_id)
    if not states_capacity(user, provider):
        raise NotPermitted()
    actions.update_intake_capacity(provider, acting_user=user, capacity=payload.intake_capacity)
    return _one(user, organization_id)


@router.get("/vetting-checklist", response=ChecklistOut)
def get_checklist(request: HttpRequest) -> dict[str, Any]:
    """The checklist a new vetting visit answers, labelled in the request's language."""
    current = checklist.current()
    return {
        "id": current.id,
        "version": current.version,
        "title": current.title,
        "answers": [{"value": a.value, "label": a.label} for a in current.answers],
        "items": [{"key": i.key, "label": i.label, "guidance": i.guidance} for i in current.items],
    }


@router.get("/providers/{organization_id}/vetting", response={200: list[VettingOut], **E403, **E404})
def list_vetting(request: HttpRequest, organization_id: int) -> QuerySet[VettingVisit]:
    """A provider's vetting visits, newest first: its admins and its reviewers (navigators of a
    region it serves, the coordinator). To anyone else the list does not exist (404); they read
    the vetting status on the provider."""
    user = acting_user(request)
    provider = access_provider(user, organization_id)
    if not reads_records(user, provider):
        raise NotVisible()
    return visible_vetting_visits(user).filter(organization=provider).select_related("reviewer")


@router.post("/providers/{organization_id}/vetting", response={201: VettingOut, **CHANGE})
def record_vetting(request: HttpRequest, organization_id: int, payload: VettingIn) -> Status[VettingVisit]:
    """Record a site visit (a navigator of a region the provider serves, or the coordinator;
    never for their own organization)."""
    user = acting_user(request)
    provider = access_provider(user, organization_id)
    visit = actions.record_vetting_visit(provider, acting_user=user, **payload.dict())
    return Status(201, visit)

