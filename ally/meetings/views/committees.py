"""Subcommittees: the list, one subcommittee with its meetings, setting one up and changing it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access import meetings as access
from ally.access.governance import require_colleague, require_leadership
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.meetings import actions
from ally.meetings.forms import CommitteeForm
from ally.meetings.views._common import form_page, in_task_force_zone


@login_required
def committee_list(request: AuthenticatedRequest) -> HttpResponse:
    require_colleague(request.user)
    committees = access.visible_committees(request.user).select_related("chair").prefetch_related("members")
    return render(request, "meetings/committee_list.html", {
        "committees": committees, "can_manage": access.manages_committees(request.user),
    })


@login_required
@in_task_force_zone
def committee_detail(request: AuthenticatedRequest, committee_id: int) -> HttpResponse:
    committee = access.access_committee(request.user, committee_id)
    meetings = access.visible_meetings(request.user).filter(committee=committee)
    now = timezone.now()
    return render(request, "meetings/committee_detail.html", {
        "committee": committee,
        "members": committee.members.order_by("full_name", "pk"),
        "upcoming": meetings.filter(ends_at__gte=now).order_by("starts_at")[:10],
        "past": meetings.filter(ends_at__lt=now).order_by("-starts_at")[:10],
        "can_manage": access.manages_committees(request.user),
        "can_schedule": access.schedules(request.user, "subcommittee", committee),
    })


@login_required
def committee_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_leadership(request.user)
    form = CommitteeForm(request.POST or None, people=access.colleagues_of(grants.task_force_id))
    done = saved(request, form, lambda data: actions.create_committee(
        access.own_task_force(request.user), acting_user=request.user, **data), _("Subcommittee set up."), "committee_list")
    return done or form_page(request, form, title=_("Set up a subcommittee"), back=reverse("committee_list"),
                             submit=_("Set up the subcommittee"))


@login_required
def committee_edit(request: AuthenticatedRequest, committee_id: int) -> HttpResponse:
    committee = access.access_committee(request.user, committee_id, for_change=True)
    form = CommitteeForm(request.POST or None, people=access.colleagues_of(committee.task_force_id), initial={
        "name": committee.name, "purpose": committee.purpose, "chair": committee.chair,
        "members": list(committee.members.values_list("pk", flat=True)),
    })
    done = saved(request, form, lambda data: actions.update_committee(committee, acting_user=request.user, **data),
                 _("Subcommittee changed."), "committee_detail", committee.pk)
    return done or form_page(request, form, title=_("Change the subcommittee"),
                             back=reverse("committee_detail", args=[committee.pk]), submit=_("Save changes"))
