"""The decision log: searching it, one decision, recording one."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access import meetings as access
from ally.access.governance import require_colleague
from ally.access.survivors import today_in
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.http import AuthenticatedRequest
from ally.meetings import actions
from ally.meetings.forms import DecisionFilterForm, DecisionForm
from ally.meetings.models import Decision, DecisionBody, MeetingKind
from ally.meetings.views._common import form_page
from ally.tenancy.models import Organization


def search_decisions(decisions: QuerySet[Decision], *, q: str = "", body: str = "", year: int | None = None,
                     organization: Organization | None = None) -> QuerySet[Decision]:
    """Decisions whose title or rationale holds ``q``, decided by ``body`` in ``year``, affecting
    ``organization`` (every member, the organization itself, or its discipline)."""
    for word in q.split()[:8]:
        decisions = decisions.filter(Q(title__icontains=word) | Q(rationale__icontains=word))
    if body:
        decisions = decisions.filter(body=body)
    if year:
        decisions = decisions.filter(decided_on__year=year)
    if organization is not None:
        named = Decision.organizations.through.objects.filter(organization_id=organization.pk).values("decision_id")
        decisions = decisions.filter(Q(affects_all=True) | Q(pk__in=named)
                                     | Q(disciplines_text__contains=f",{organization.discipline},"))
    return decisions


@login_required
def decision_log(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    decisions = access.visible_decisions(request.user)
    years = sorted(set(decisions.annotate(y=ExtractYear("decided_on")).values_list("y", flat=True)), reverse=True)
    organizations = Organization.objects.filter(task_force_id=grants.task_force_id, is_active=True).order_by("name")
    form = DecisionFilterForm(request.GET or None, years=years, organizations=organizations)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    found = search_decisions(
        decisions, q=filters.get("q") or "", body=filters.get("body") or "", year=filters.get("year"),
        organization=filters.get("organization"),
    ).select_related("committee", "meeting", "recorded_by", "supersedes").prefetch_related("superseded_by")
    kept = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    query = f"{kept}&" if kept else ""
    return render(request, "meetings/decision_log.html", {
        "form": form, "page": Paginator(found, 30).get_page(request.GET.get("page")), "query": query,
        "can_record": access.records_decisions(request.user),
    })


@login_required
def decision_detail(request: AuthenticatedRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id)
    return render(request, "meetings/decision_detail.html", {
        "decision": decision,
        "organizations": decision.organizations.order_by("name"),
        "superseded_by": decision.superseded_by.first(),
        "meeting_visible": decision.meeting_id is not None
        and access.visible_meetings(request.user).filter(pk=decision.meeting_id).exists(),
    })


@login_required
def decision_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    if not access.records_decisions(request.user):
        raise NotPermitted()
    leadership = access.manages_committees(request.user)
    committees = access.visible_committees(request.user)
    meetings = access.visible_meetings(request.user).exclude(kind=MeetingKind.CASE_REVIEW).filter(cancelled_at=None)
    earlier = access.visible_decisions(request.user).filter(superseded_by=None)
    if not leadership:  # a chair: their subcommittees' meetings and decisions only
        committees = committees.filter(chair_id=request.user.pk)
        meetings = meetings.filter(kind=MeetingKind.SUBCOMMITTEE, committee__in=committees)
        earlier = earlier.filter(body=DecisionBody.SUBCOMMITTEE, committee__in=committees)
    form = DecisionForm(
        request.POST or None,
        initial={"decided_on": today_in(grants.task_force_id), "affects_all": not request.GET.get("meeting"),
                 "meeting": request.GET.get("meeting"), "body": "full_task_force" if leadership else "subcommittee"},
        committees=committees,
        meetings=meetings.order_by("-starts_at"),
        organizations=Organization.objects.filter(task_force_id=grants.task_force_id, is_active=True).order_by("name"),
        decisions=earlier.order_by("-decided_on"),
    )
    if not grants.is_coordinator:
        form.fields["body"].choices = [  # type: ignore[attr-defined]
            c for c in DecisionBody.choices if c[0] != DecisionBody.COORDINATOR]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = actions.record_decision(
                access.own_task_force(request.user), acting_user=request.user, title=data["title"],
                rationale=data["rationale"], decided_on=data["decided_on"], body=data["body"],
                committee=data["committee"], meeting=data["meeting"], affects_all=data["affects_all"],
                organizations=list(data["organizations"]), disciplines=data["disciplines"], roles=data["roles"],
                supersedes=data["supersedes"],
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded. The members it affects have been told."))
            return redirect("decision_detail", decision.pk)
    return form_page(request, form, title=_("Record a decision"), back=reverse("decision_log"),
                     submit=_("Record the decision"),
                     lead=_("Decisions are never edited: to change one, record a new decision that supersedes it."))
