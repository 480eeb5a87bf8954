from __future__ import annotations

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str


class MembershipBrief(Schema):
    organization_id: int
    organization: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    task_force_id: int | None
    task_force: str | None
    memberships: list[MembershipBrief]
    task_force_roles: list[str]


class RegionOut(Schema):
    id: int
    name: str
    counties: list[str]
    zip_codes: list[str]


class OrganizationOut(Schema):
    id: int
    name: str
    slug: str
    discipline: str
    agency_type: str
    jurisdiction: str
    city: str
    state: str
    phone: str
    email: str
    website: str
    region_ids: list[int]


class MemberOut(Schema):
    id: int
    full_name: str
    title: str
    email: str
    phone: str
    organization_id: int
    organization: str
    role: str


class InvitationIn(Schema):
    email: str = Field(max_length=254)
    full_name: str = Field(default="", max_length=150)
    role: str = "member"


class InvitationOut(Schema):
    id: int
    organization_id: int
    email: str
    role: str
    status: str
    expires_at: str
