"""Outreach and awareness events, and attendance by region."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ally.access import outreach as access
from ally.access.governance import is_leadership
from ally.access.policy import Grants, visible_to
from ally.access.survivors import today_in
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.outreach import actions
from ally.outreach.charts import bar_chart
from ally.outreach.forms import EventForm, HeldForm
from ally.outreach.models import AssessedIndustry, EventStatus
from ally.outreach.queries import attendance_by_region
from ally.tenancy.models import Organization, Region


def _regions(user: Any, grants: Grants) -> QuerySet[Region]:
    regions = visible_to(user, Region).order_by("name")
    return regions if is_leadership(grants) else regions.filter(pk__in=grants.navigator_region_ids)


def _event_form(request: AuthenticatedRequest, grants: Grants, initial: dict[str, Any]) -> EventForm:
    return EventForm(
        request.POST or None, initial=initial,
        regions=_regions(request.user, grants),
        partners=visible_to(request.user, Organization).order_by("name"),
        leaders=access.visible_leaders(request.user) if access.sees_event_leaders(grants) else None,
    )


@login_required
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_events_reader(request.user)
    events = access.visible_events(request.user).select_related("region").order_by("-occurred_on", "-pk")
    show = request.GET.get("show", "")
    if show not in EventStatus.values:
        show = ""  # never echo an unknown value into the page links
    if show:
        events = events.filter(status=show)
    return render(request, "outreach/event_list.html", {
        "page": Paginator(events, 50).get_page(request.GET.get("page")),
        "show": show,
        "records": access.records_events(grants),
        "statuses": EventStatus.choices,
    })


@login_required
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_events_reader(request.user)
    if not access.records_events(grants):
        raise NotPermitted()
    industry = None
    if request.GET.get("industry"):
        industry = access.access_assessed_industry(request.user, request.GET["industry"])
    initial: dict[str, Any] = {"occurred_on": today_in(grants.task_force_id)}
    if industry is not None:
        initial.update(region=industry.assessment.region_id, kind="worker_outreach",
                       title=_("Outreach: %(industry)s") % {"industry": industry.title})
    form = _event_form(request, grants, initial)
    task_force = access.task_force_of(request.user)

    def change(data: dict[str, Any]) -> object:
        values = form.values()
        if industry is not None:
            values["industry"] = industry
        return actions.plan_event(task_force, acting_user=request.user, **values)

    done = saved(request, form, change, _("Outreach event saved."), "outreach_list")
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Plan an outreach event"), "cancel": "outreach_list", "industry": industry,
    })


@login_required
def event_detail(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    grants = access.require_events_reader(request.user)
    event = access.access_event(request.user, event_id)
    return render(request, "outreach/event_detail.html", {
        "event": event,
        "partners": event.partners.order_by("name"),
        "leaders": event.leaders.order_by("name") if access.sees_event_leaders(grants) else None,
        "changes": access.records_events(grants, event.region_id) and event.status != EventStatus.CANCELLED,
        "industry": AssessedIndustry.objects.select_related("assessment__region").filter(pk=event.industry_id or 0).first(),
        "reads_assessment": access.reads_assessments(grants),
    })


@login_required
def event_edit(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    grants = access.require_events_reader(request.user)
    event = access.access_event(request.user, event_id, for_change=True)
    initial = {
        f: getattr(event, f)
        for f in ("kind", "title", "occurred_on", "county", "audience", "survivor_led", "other_partners")
    }
    initial.update(region=event.region_id, partners=list(event.partners.values_list("pk", flat=True)))
    if access.sees_event_leaders(grants):
        initial["leaders"] = list(event.leaders.values_list("pk", flat=True))
    form = _event_form(request, grants, initial)
    done = saved(request, form, lambda data: actions.update_event(event, acting_user=request.user, **form.values()),
                 _("Outreach event saved."), "outreach_detail", event.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Change the outreach event"), "cancel": "outreach_detail", "cancel_id": event.pk,
    })


@login_required
def event_held(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    access.require_events_reader(request.user)
    event = access.access_event(request.user, event_id, for_change=True)
    form = HeldForm(request.POST or None, initial={"occurred_on": event.occurred_on, "attendance": event.attendance})
    done = saved(request, form, lambda data: actions.record_event_held(event, acting_user=request.user, **data),
                 _("Event recorded as held."), "outreach_detail", event.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Record the event as held"), "cancel": "outreach_detail", "cancel_id": event.pk,
    })


@login_required
def event_cancel(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    access.require_events_reader(request.user)
    event = access.access_event(request.user, event_id, for_change=True)
    if request.method == "POST":
        try:
            actions.cancel_event(event, acting_user=request.user)
        except (Conflict, InvalidInput) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Event cancelled."))
        return redirect("outreach_detail", event.pk)
    return render(request, "outreach/event_cancel.html", {"event": event})


@login_required
def attendance_view(request: AuthenticatedRequest) -> HttpResponse:
    """Events held and attendance per region, fiscal year and kind: counts only."""
    grants = access.require_attendance_reader(request.user)
    years = attendance_by_region(access.task_force_of(request.user))
    charts = [
        (
            year,
            bar_chart([
                (row.label, row.attendance,
                 _("attendance %(people)d · events held %(events)d") % {"people": row.attendance, "events": row.held})
                for row in year.regions
            ]),
            f"attendance-fy{year.fiscal_year}",
            _("Attendance at outreach events held in each region in FY%(year)d. In all: attendance %(people)d, events held %(events)d.")
            % {"year": year.fiscal_year, "people": year.total.attendance, "events": year.total.held},
        )
        for year in years
    ]
    return render(request, "outreach/by_region.html", {
        "charts": charts, "colleague": grants.is_colleague,
    })
