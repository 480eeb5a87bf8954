"""What the prosecution pages share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from ally.accounts.models import User
from ally.core.http import AuthenticatedRequest
from ally.tenancy.models import Organization


def office_members(organization_id: int) -> QuerySet[User]:
    return User.objects.filter(
        memberships__organization_id=organization_id, memberships__is_active=True, is_active=True
    ).distinct().order_by("full_name")


def offices_of(task_force_id: int | None) -> QuerySet[Organization]:
    return Organization.objects.filter(
        task_force_id=task_force_id, discipline="prosecution", is_active=True
    ).order_by("name")


def form_page(request: AuthenticatedRequest, form: Any, *, title: str, back: str, submit: str,
              lead: str = "", extra: dict[str, Any] | None = None) -> HttpResponse:
    return render(request, "prosecutions/form.html", {
        "form": form, "title": title, "back": back, "submit": submit, "lead": lead, **(extra or {}),
    })
