"""The foundation's API operations. Each reads through ally.access and changes through actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from ally.access import Permission, access_organization, grants_for, require, visible_to
from ally.api.auth import acting_user
from ally.api.schemas import (
    ErrorOut,
    InvitationIn,
    InvitationOut,
    MemberOut,
    MeOut,
    OrganizationOut,
    RegionOut,
)
from ally.tenancy import actions
from ally.tenancy.models import Membership, Organization, Region, TaskForce
from ally.tenancy.queries import directory

router = Router()


@router.get("/me", response=MeOut, tags=["account"])
def me(request: HttpRequest) -> dict[str, Any]:
    user = acting_user(request)
    grants = grants_for(user)
    task_force = visible_to(user, TaskForce).first()
    memberships = Membership.objects.filter(
        user=user, organization_id__in=grants.organization_ids(), is_active=True
    ).select_related("organization")
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "task_force_id": task_force.pk if task_force else None,
        "task_force": task_force.name if task_force else None,
        "memberships": [
            {"organization_id": m.organization_id, "organization": m.organization.name, "role": m.role}
            for m in memberships
        ],
        "task_force_roles": sorted(grants.roles),
    }


def _organization_out(organization: Organization) -> dict[str, Any]:
    return {
        **{f: getattr(organization, f) for f in (
            "id", "name", "slug", "discipline", "agency_type", "jurisdiction",
            "city", "state", "phone", "email", "website",
        )},
        "region_ids": [r.pk for r in organization.regions_served.all()],
    }


@router.get("/organizations", response=list[OrganizationOut], tags=["tenancy"])
def list_organizations(request: HttpRequest, discipline: str = "") -> list[dict[str, Any]]:
    organizations = visible_to(acting_user(request), Organization).prefetch_related("regions_served")
    if discipline:
        organizations = organizations.filter(discipline=discipline)
    return [_organization_out(o) for o in organizations]


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationOut, 404: ErrorOut},
    tags=["tenancy"],
)
def get_organization(request: HttpRequest, organization_id: int) -> dict[str, Any]:
    return _organization_out(access_organization(acting_user(request), organization_id))


@router.get("/regions", response=list[RegionOut], tags=["tenancy"])
def list_regions(request: HttpRequest) -> Any:
    return visible_to(acting_user(request), Region)


@router.get("/directory", response={200: list[MemberOut], 403: ErrorOut, 404: ErrorOut}, tags=["tenancy"])
def list_directory(
    request: HttpRequest, q: str = "", discipline: str = "", organization_id: int | None = None
) -> list[dict[str, Any]]:
    user = acting_user(request)
    require(user, Permission.VIEW_DIRECTORY)
    organization = access_organization(user, organization_id) if organization_id else None
    return [
        {
            "id": m.pk,
            "full_name": m.user.full_name,
            "title": m.user.title,
            "email": m.user.email,
            "phone": m.user.phone,
            "organization_id": m.organization_id,
            "organization": m.organization.name,
            "role": m.role,
        }
        for m in directory(user, q=q, discipline=discipline, organization=organization)[:500]
    ]


@router.post(
    "/organizations/{organization_id}/invitations",
    response={201: InvitationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    tags=["tenancy"],
)
def create_invitation(
    request: HttpRequest, organization_id: int, payload: InvitationIn
) -> Status[dict[str, Any]]:
    user = acting_user(request)
    organization = access_organization(user, organization_id)
    invitation, _raw = actions.invite_member(
        organization,
        email=payload.email,
        full_name=payload.full_name,
        role=payload.role,
        acting_user=user,
    )
    return Status(201, {
        "id": invitation.pk,
        "organization_id": organization.pk,
        "email": invitation.email,
        "role": invitation.role,
        "status": invitation.status,
        "expires_at": invitation.expires_at.isoformat(),
    })
