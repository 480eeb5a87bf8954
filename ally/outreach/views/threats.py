"""Threat assessments: industries per region, vulnerability factors, scores, counts of linked
tips and investigations (aggregates only, suppressed), and outreach planned from them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ally.access import outreach as access
from ally.access.governance import is_leadership
from ally.access.policy import visible_to
from ally.access.survivors import today_in
from ally.core.errors import NotPermitted
from ally.core.fiscal import fiscal_year
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.outreach import actions, catalog
from ally.outreach.charts import bar_chart
from ally.outreach.forms import AssessmentForm, AssessmentNotesForm, IndustryForm
from ally.outreach.queries import assessment_rows, assessments_with_counts, industry_labels
from ally.tenancy.models import Region


def _chart_rows(rows: list[Any]) -> list[tuple[str, float, str]]:
    return [
        (f"{r.row.naics_code} {r.row.title}", r.row.score,
         _("score %(score)d · tips %(tips)s · investigations %(investigations)s") % {
             "score": r.row.score, "tips": r.counts.tips_shown, "investigations": r.counts.investigations_shown})
        for r in rows
    ]


@login_required
def assessment_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_assessment_reader(request.user)
    assessments = assessments_with_counts(access.visible_assessments(request.user))
    years = sorted({a.fiscal_year for a in assessments}, reverse=True)
    try:
        year = int(request.GET.get("year", "")) if request.GET.get("year") else (years[0] if years else None)
    except ValueError:
        year = years[0] if years else None
    chosen = [a for a in assessments if a.fiscal_year == year]
    rows: list[tuple[str, float, str]] = []
    for assessment in chosen:
        rows.append((assessment.region.name, -1, ""))
        rows += _chart_rows(assessment_rows(assessment))
    return render(request, "outreach/assessment_list.html", {
        "assessments": assessments, "years": years, "year": year,
        "chart": bar_chart(rows, maximum=catalog.MAX_SCORE) if chosen else None,
        "writes": access.writes_assessment(grants),
    })


@login_required
def assessment_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_assessment_reader(request.user)
    if not access.writes_assessment(grants):
        raise NotPermitted()
    regions = visible_to(request.user, Region).order_by("name")
    if not is_leadership(grants):
        regions = regions.filter(pk__in=grants.navigator_region_ids)
    form = AssessmentForm(request.POST or None, regions=regions,
                          initial={"fiscal_year": fiscal_year(today_in(grants.task_force_id))})

    def change(data: dict[str, Any]) -> object:
        return actions.record_threat_assessment(
            data["region"], acting_user=request.user, fiscal_year=data["fiscal_year"], notes=data["notes"]
        )

    done = saved(request, form, change, _("Threat assessment started: add the industries present."), "threat_assessment_list")
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Start a threat assessment"), "cancel": "threat_assessment_list",
    })


@login_required
def assessment_detail(request: AuthenticatedRequest, assessment_id: int) -> HttpResponse:
    grants = access.require_assessment_reader(request.user)
    assessment = access.access_assessment(request.user, assessment_id)
    rows = assessment_rows(assessment)
    return render(request, "outreach/assessment_detail.html", {
        "assessment": assessment,
        "rows": industry_labels(rows),
        "chart": bar_chart(_chart_rows(rows), maximum=catalog.MAX_SCORE) if rows else None,
        "writes": access.writes_assessment(grants, assessment.region_id),
        "plans": access.records_events(grants, assessment.region_id),
        "factors": catalog.factors(),
        "max_score": catalog.MAX_SCORE,
    })


@login_required
def assessment_edit(request: AuthenticatedRequest, assessment_id: int) -> HttpResponse:
    assessment = access.access_assessment(request.user, assessment_id, for_change=True)
    form = AssessmentNotesForm(request.POST or None, initial={"notes": assessment.notes})
    done = saved(request, form, lambda data: actions.update_threat_assessment(assessment, acting_user=request.user, **data),
                 _("Threat assessment saved."), "threat_assessment_detail", assessment.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Change the assessment's notes"), "cancel": "threat_assessment_detail", "cancel_id": assessment.pk,
    })


@login_required
def industry_create(request: AuthenticatedRequest, assessment_id: int) -> HttpResponse:
    assessment = access.access_assessment(request.user, assessment_id, for_change=True)
    form = IndustryForm(request.POST or None)
    done = saved(request, form, lambda data: actions.add_assessed_industry(assessment, acting_user=request.user, **data),
                 _("Industry added to the assessment."), "threat_assessment_detail", assessment.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Add an industry present in %(region)s") % {"region": assessment.region.name},
        "cancel": "threat_assessment_detail", "cancel_id": assessment.pk,
    })


@login_required
def industry_edit(request: AuthenticatedRequest, industry_id: int) -> HttpResponse:
    row = access.access_assessed_industry(request.user, industry_id, for_change=True)
    initial = {f: getattr(row, f) for f in ("establishments", "workers", "factors", "notes")}
    form = IndustryForm(request.POST or None, with_code=False, initial=initial)
    done = saved(request, form, lambda data: actions.update_assessed_industry(row, acting_user=request.user, **data),
                 _("Industry saved."), "threat_assessment_detail", row.assessment_id)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Change %(industry)s") % {"industry": f"{row.naics_code} {row.title}"},
        "cancel": "threat_assessment_detail", "cancel_id": row.assessment_id,
    })
