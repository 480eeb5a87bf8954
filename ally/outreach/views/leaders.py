"""Survivor leaders and their engagements: the coordinator's pages (a survivor leader reads
their own entry). Everyone else: 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ally.access import outreach as access
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.outreach import actions
from ally.outreach.forms import EngagementForm, LeaderForm, RecordFeedbackForm
from ally.outreach.queries import totals_by_fiscal_year, with_totals
from ally.tenancy.models import TaskForceRole
from ally.tenancy.vocab import TaskForceRoleKind


def _accounts(task_force_id: int) -> object:
    holders = TaskForceRole.objects.filter(
        task_force_id=task_force_id, role=TaskForceRoleKind.SURVIVOR_LEADER_ADVISOR
    ).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by("full_name")


@login_required
def leader_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_leader_area(request.user)
    leaders = with_totals(access.visible_leaders(request.user)).order_by("name", "pk")
    return render(request, "outreach/leader_list.html", {
        "leaders": leaders,
        "years": totals_by_fiscal_year(access.visible_engagements(request.user)),
        "manages": access.manages_leaders(grants),
    })


@login_required
def leader_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_leader_area(request.user)
    if not access.manages_leaders(grants):
        raise NotPermitted()
    task_force = access.task_force_of(request.user)
    form = LeaderForm(request.POST or None, accounts=_accounts(grants.task_force_id or 0),
                      initial={"started_on": today_in(grants.task_force_id)})
    done = saved(request, form, lambda data: actions.add_survivor_leader(task_force, acting_user=request.user, **form.values()),
                 _("Survivor leader added."), "survivor_leader_list")
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Add a survivor leader"), "cancel": "survivor_leader_list",
        "note": _("Only the coordinator sees this list: being listed says that someone survived trafficking."),
    })


@login_required
def leader_detail(request: AuthenticatedRequest, leader_id: int) -> HttpResponse:
    grants = access.require_leader_area(request.user)
    leader = access.access_leader(request.user, leader_id)
    engagements = leader.engagements.order_by("-occurred_on", "-pk")
    return render(request, "outreach/leader_detail.html", {
        "leader": leader,
        "engagements": engagements,
        "years": totals_by_fiscal_year(engagements),
        "totals": with_totals(access.visible_leaders(request.user)).get(pk=leader.pk),
        "manages": access.manages_leaders(grants),
        "feedback": leader.feedback.order_by("-received_on", "-pk") if access.manages_leaders(grants) else None,
    })


@login_required
def leader_edit(request: AuthenticatedRequest, leader_id: int) -> HttpResponse:
    access.require_leader_area(request.user)
    leader = access.access_leader(request.user, leader_id, for_change=True)
    initial = {
        "name": leader.name, "kind": leader.kind, "user": leader.user_id, "expertise": ", ".join(leader.expertise),
        "started_on": leader.started_on, "ended_on": leader.ended_on, "hourly_rate": leader.hourly_rate,
    }
    form = LeaderForm(request.POST or None, accounts=_accounts(leader.task_force_id), initial=initial)
    done = saved(request, form, lambda data: actions.update_survivor_leader(leader, acting_user=request.user, **form.values()),
                 _("Survivor leader saved."), "survivor_leader_detail", leader.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Change the survivor-leader entry"), "cancel": "survivor_leader_detail", "cancel_id": leader.pk,
    })


@login_required
def engagement_create(request: AuthenticatedRequest, leader_id: int) -> HttpResponse:
    access.require_leader_area(request.user)
    leader = access.access_leader(request.user, leader_id, for_change=True)
    form = EngagementForm(request.POST or None, initial={"occurred_on": today_in(leader.task_force_id)})
    done = saved(request, form, lambda data: actions.record_engagement(leader, acting_user=request.user, **data),
                 _("Engagement recorded."), "survivor_leader_detail", leader.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Record an engagement"), "cancel": "survivor_leader_detail", "cancel_id": leader.pk,
    })


@login_required
def engagement_edit(request: AuthenticatedRequest, engagement_id: int) -> HttpResponse:
    access.require_leader_area(request.user)
    engagement = access.access_engagement(request.user, engagement_id, for_change=True)
    initial = {f: getattr(engagement, f) for f in ("kind", "occurred_on", "hours", "compensation", "unpaid_reason", "notes")}
    form = EngagementForm(request.POST or None, initial=initial)
    done = saved(request, form, lambda data: actions.update_engagement(engagement, acting_user=request.user, **data),
                 _("Engagement saved."), "survivor_leader_detail", engagement.leader_id)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Change the engagement"), "cancel": "survivor_leader_detail", "cancel_id": engagement.leader_id,
    })


@login_required
def feedback_record(request: AuthenticatedRequest, leader_id: int) -> HttpResponse:
    """The coordinator records feedback received from a survivor leader."""
    access.require_leader_area(request.user)
    leader = access.access_leader(request.user, leader_id, for_change=True)
    form = RecordFeedbackForm(request.POST or None, initial={"received_on": today_in(leader.task_force_id)})
    done = saved(request, form, lambda data: actions.record_feedback(leader, acting_user=request.user, **data),
                 _("Feedback recorded and sent to leadership."), "survivor_leader_detail", leader.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Record feedback from a survivor leader"), "cancel": "survivor_leader_detail", "cancel_id": leader.pk,
    })
