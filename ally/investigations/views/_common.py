"""What the law-enforcement pages share: the task force's time zone, answering inline forms, and
telling the user at once whether what they saved conflicts with another agency's work."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ally.access.investigations import investigating_organization_ids
from ally.access.policy import grants_for, require_member
from ally.accounts.models import User
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.http import AuthenticatedRequest
from ally.tenancy.models import Organization, TaskForce


def zone_of(user: Any) -> ZoneInfo:
    grants = grants_for(user)
    zone = TaskForce.objects.filter(pk=grants.task_force_id or 0).values_list("time_zone", flat=True).first()
    return ZoneInfo(zone or "UTC")


def in_task_force_zone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Read and show times in the task force's own zone (datetime-local inputs included)."""

    @functools.wraps(view)
    def wrapper(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with timezone.override(zone_of(request.user)):
            return view(request, *args, **kwargs)

    return wrapper


def my_investigating_orgs(user: Any) -> QuerySet[Organization]:
    """The user's agencies that investigate (empty: 403 on the pages that open things)."""
    return Organization.objects.filter(pk__in=investigating_organization_ids(grants_for(user))).order_by("name")


def require_investigator(user: Any) -> QuerySet[Organization]:
    """The user's investigating agencies; 404 outside the task force, 403 for its other members."""
    if not require_member(user).investigating_ids:
        raise NotPermitted()
    return my_investigating_orgs(user)


def members_of(*organization_ids: int) -> QuerySet[User]:
    return User.objects.filter(
        memberships__organization_id__in=organization_ids, memberships__is_active=True, is_active=True
    ).distinct().order_by("full_name")


def form_errors(form: Form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def answer(request: AuthenticatedRequest, form: Form | None, change: Callable[[dict[str, Any]], object],
           done: str, to: str, *args: Any) -> HttpResponse:
    """An inline form posted from a detail page: do it and go back with what happened."""
    if form is not None and not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(to, *args)
    try:
        change(form.cleaned_data if form is not None else {})
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(to, *args)


def hit_url(pk: int) -> str:
    return reverse("hit_detail", args=[pk])


def conflict_url(pk: int) -> str:
    return reverse("conflict_detail", args=[pk])


def tell_deconfliction(request: AuthenticatedRequest, hits: Iterable[Any]) -> None:
    """What the saving user sees at once: "no conflict", or "conflict" with a link to each hit."""
    hits = list(hits)
    if not hits:
        messages.info(request, _("Deconfliction: no conflict."))
        return
    links = format_html_join(", ", '<a href="{}">{}</a>', (
        (hit_url(hit.pk), _("match #%(n)s") % {"n": hit.pk}) for hit in hits
    ))
    messages.warning(request, format_html(
        "{} {}", _("Deconfliction: conflict — another agency holds this target; see the match:"), links
    ))


def tell_operation_conflicts(request: AuthenticatedRequest, conflicts: Iterable[Any]) -> None:
    conflicts = list(conflicts)
    if not conflicts:
        messages.info(request, _("Deconfliction: no conflict."))
        return
    links = format_html_join(", ", '<a href="{}">{}</a>', (
        (conflict_url(c.pk), _("conflict #%(n)s") % {"n": c.pk}) for c in conflicts
    ))
    messages.warning(request, format_html(
        "{} {}", _("Deconfliction: conflict — another agency plans an operation at the same time and place; see:"),
        links,
    ))
