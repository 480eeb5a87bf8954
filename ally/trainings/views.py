"""Training sessions, attendance, training records, the coverage view and the roadmap pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access.governance import is_leadership, require_colleague, require_leadership
from ally.access.policy import grants_for
from ally.access.survivors import today_in
from ally.access.trainings import (
    access_assessment,
    access_session,
    access_training_record,
    active_task_force,
    manages_session,
    participants,
    reads_record_ids,
    records_sessions,
    require_coverage,
    visible_assessments,
    visible_attendance,
    visible_record_people,
    visible_sessions,
    writes_roadmap,
)
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.core.http import AuthenticatedRequest
from ally.tenancy.models import Organization, Region
from ally.tenancy.vocab import Discipline
from ally.trainings import actions, catalog
from ally.trainings.chart import roadmap_svg, year_label
from ally.trainings.forms import (
    AreaRatingForm,
    AttendanceForm,
    SessionForm,
    StartAssessmentForm,
    WindowForm,
)
from ally.trainings.models import RoadmapRating, TrainingSession
from ally.trainings.queries import (
    coverage,
    default_window,
    hours_by_person,
    roadmap_history,
    training_record,
)

PAGE = 50
WHEN = ("", "upcoming", "held")  # the session list's filters


def _attempt(form: Any, change: Any) -> Any:
    """Run an action for a valid form; its refusal goes on the form. None when it refused."""
    try:
        return change()
    except (InvalidInput, Conflict) as error:
        form.add_error(None, str(error))
        return None


def _labels(session: TrainingSession) -> dict[str, Any]:
    topics = catalog.topics()
    disciplines = dict(Discipline.choices)
    return {
        "topics": [topics.label(t) for t in session.topics],
        "disciplines": [disciplines.get(d, d) for d in session.disciplines],
    }


# --- sessions ---------------------------------------------------------------------------


@login_required
def training_list(request: AuthenticatedRequest) -> HttpResponse:
    """The task force's sessions, newest first, upcoming or held; a fixed number of queries."""
    require_colleague(request.user)
    today = today_in(request.user.active_task_force_id)
    when = request.GET.get("when", "")
    if when not in WHEN:
        when = ""
    sessions = visible_sessions(request.user)
    order = ("-held_on", "-id")
    if when == "upcoming":
        sessions, order = sessions.filter(held_on__gt=today), ("held_on", "id")
    elif when == "held":
        sessions = sessions.filter(held_on__lte=today)
    sessions = sessions.select_related("trainer_organization", "region").annotate(attended=Count("attendance"))
    page = Paginator(sessions.order_by(*order), PAGE).get_page(request.GET.get("page"))
    rows = [(s, _labels(s)) for s in page]
    return render(request, "trainings/list.html", {
        "page": page, "rows": rows, "when": when, "today": today,
        "can_record": records_sessions(request.user), "query": f"when={when}&" if when else "",
    })


def _organizations_for(user: Any) -> Any:
    grants = grants_for(user)
    organizations = Organization.objects.filter(task_force_id=grants.task_force_id, is_active=True).order_by("name")
    if grants.is_coordinator or grants.is_co_lead:
        return organizations
    return organizations.filter(pk__in=grants.admin_organization_ids())


@login_required
def training_create(request: AuthenticatedRequest) -> HttpResponse:
    require_colleague(request.user)
    if not records_sessions(request.user):
        raise NotPermitted()
    task_force = active_task_force(request.user)
    form = SessionForm(
        request.POST or None,
        organizations=_organizations_for(request.user),
        regions=Region.objects.filter(task_force=task_force).order_by("name"),
        initial={"held_on": today_in(task_force.pk), "delivered_to": "task_force", "external_attendees": 0},
    )
    if not is_leadership(grants_for(request.user)):
        # An organization's administrator records the sessions their organization delivers.
        form.fields["trainer_organization"].required = True
        form.fields["trainer_organization"].empty_label = None  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        session = _attempt(form, lambda: actions.record_training(task_force, acting_user=request.user, **form.values()))
        if session is not None:
            messages.success(request, _("Training session recorded."))
            return redirect("training_detail", session.pk)
    return render(request, "trainings/form.html", {"form": form, "heading": _("Record a training session")})


@login_required
def training_detail(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = access_session(request.user, session_id)
    today = today_in(session.task_force_id)
    attendance = list(visible_attendance(request.user, session).select_related("person", "organization").order_by("person__full_name"))
    readable = reads_record_ids(request.user, {row.person_id for row in attendance})
    return render(request, "trainings/detail.html", {
        "session": session, **_labels(session), "attendance": [(row, row.person_id in readable) for row in attendance],
        "attended": session.attendance.count(), "manages": manages_session(request.user, session),
        "is_future": session.held_on > today,
    })


@login_required
def training_cancel(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = access_session(request.user, session_id, for_change=True)
    error = ""
    if request.method == "POST":
        try:
            actions.cancel_training(session, acting_user=request.user)
        except Conflict as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("Training session cancelled."))
            return redirect("training_detail", session.pk)
    return render(request, "trainings/cancel.html", {"session": session, "error": error})


@login_required
def training_attendance(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = access_session(request.user, session_id, for_change=True)
    people = participants(session.task_force_id).exclude(
        pk__in=session.attendance.values("person_id")
    ).order_by("full_name", "pk")
    form = AttendanceForm(request.POST or None, people=people, initial={"external_attendees": session.external_attendees})
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: actions.record_attendance(
            session, acting_user=request.user, people=list(form.cleaned_data["people"]),
            external_attendees=form.cleaned_data["external_attendees"],
        ))
        if done is not None:
            messages.success(request, _("Attendance recorded."))
            return redirect("training_detail", session.pk)
    return render(request, "trainings/attendance.html", {"session": session, "form": form})


# --- training records -------------------------------------------------------------------


@login_required
def training_records(request: AuthenticatedRequest) -> HttpResponse:
    """The people whose training records the user reads, with their hours."""
    require_coverage(request.user)  # 404 outside the task force
    people = visible_record_people(request.user).order_by("full_name", "pk")
    page = Paginator(people, PAGE).get_page(request.GET.get("page"))
    hours = hours_by_person(request.user.active_task_force_id, [p.pk for p in page])  # type: ignore[arg-type]
    return render(request, "trainings/records.html", {"page": page, "rows": [(p, hours.get(p.pk, 0)) for p in page]})


def _record_page(request: AuthenticatedRequest, person: Any) -> HttpResponse:
    record = training_record(request.user.active_task_force_id, person.pk)  # type: ignore[arg-type]
    return render(request, "trainings/record.html", {
        "person": person, "record": record, "own": person.pk == request.user.pk,
    })


@login_required
def my_training_record(request: AuthenticatedRequest) -> HttpResponse:
    return _record_page(request, access_training_record(request.user, request.user.pk))


@login_required
def training_record_view(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _record_page(request, access_training_record(request.user, person_id))


# --- coverage ---------------------------------------------------------------------------


@login_required
def training_coverage(request: AuthenticatedRequest) -> HttpResponse:
    """Topics × disciplines and topics × regions: who has not had each topic in the window."""
    require_coverage(request.user)
    task_force = active_task_force(request.user)
    start, end = default_window(today_in(task_force.pk))
    form = WindowForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start = form.cleaned_data.get("start") or start
        end = form.cleaned_data.get("end") or end
        if start > end:
            start, end = default_window(today_in(task_force.pk))
    table = coverage(task_force, start, end)
    return render(request, "trainings/coverage.html", {"form": form, "table": table})


# --- roadmap ----------------------------------------------------------------------------


def _with_ratings(queryset: Any) -> Any:
    return queryset.prefetch_related(Prefetch("ratings", queryset=RoadmapRating.objects.order_by("id")))


@login_required
def roadmap(request: AuthenticatedRequest) -> HttpResponse:
    """The framework, every yearly assessment, and the chart of stages by area across years."""
    require_colleague(request.user)
    framework = catalog.framework()
    assessments = list(_with_ratings(visible_assessments(request.user)).order_by("-year"))
    history = roadmap_history(assessments)
    years = [year_label(y, c) for y, c in history.years]
    task_force = active_task_force(request.user)
    current = actions.fiscal_year(today_in(task_force.pk))
    taken = {a.year for a in assessments}
    form = StartAssessmentForm(initial={"year": current if current not in taken else current + 1})
    return render(request, "trainings/roadmap.html", {
        "framework": framework, "assessments": assessments, "history": history, "years": years,
        "area_rows": [(a, list(a.averages)) for a in history.areas],
        "chart": roadmap_svg(history), "can_write": writes_roadmap(request.user), "form": form,
    })


@login_required
def roadmap_start(request: AuthenticatedRequest) -> HttpResponse:
    require_leadership(request.user)
    task_force = active_task_force(request.user)
    form = StartAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = _attempt(form, lambda: actions.start_assessment(task_force, acting_user=request.user, year=form.cleaned_data["year"]))
        if assessment is not None:
            messages.success(request, _("Self-assessment started."))
            return redirect("roadmap_assessment", assessment.pk)
    return render(request, "trainings/roadmap_start.html", {"form": form})


@login_required
def roadmap_assessment(request: AuthenticatedRequest, assessment_id: int) -> HttpResponse:
    assessment = access_assessment(request.user, assessment_id)
    framework = catalog.framework(assessment.framework_version)
    ratings = {r.element: r for r in assessment.ratings.all()}
    areas = [(area, [(e, ratings.get(e.value)) for e in area.elements]) for area in framework.areas]
    rated = sum(1 for r in ratings.values() if r.stage is not None)
    return render(request, "trainings/assessment.html", {
        "assessment": assessment, "framework": framework, "areas": areas, "rated": rated,
        "total": len(framework.elements), "can_write": writes_roadmap(request.user) and not assessment.is_completed,
        "title": year_label(assessment.year, assessment.is_completed),
    })


@login_required
def roadmap_rate(request: AuthenticatedRequest, assessment_id: int, area: str) -> HttpResponse:
    assessment = access_assessment(request.user, assessment_id, for_change=True)
    framework = catalog.framework(assessment.framework_version)
    try:
        chosen = framework.area(area)
    except LookupError:
        raise NotVisible() from None
    if assessment.is_completed:
        raise NotPermitted()
    ratings = {r.element: r for r in assessment.ratings.all()}
    form = AreaRatingForm(
        request.POST or None, framework=framework, area=chosen, initial=AreaRatingForm.initial_for(ratings, chosen)
    )
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: actions.rate_elements(assessment, acting_user=request.user, ratings=form.ratings()))
        if done is not None:
            messages.success(request, _("Ratings saved."))
            return redirect("roadmap_assessment", assessment.pk)
    return render(request, "trainings/rate.html", {
        "assessment": assessment, "area": chosen, "form": form, "framework": framework,
        "title": year_label(assessment.year, assessment.is_completed),
    })


@require_POST
@login_required
def roadmap_complete(request: AuthenticatedRequest, assessment_id: int) -> HttpResponse:
    assessment = access_assessment(request.user, assessment_id, for_change=True)
    try:
        actions.complete_assessment(assessment, acting_user=request.user)
    except (InvalidInput, Conflict) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Self-assessment completed."))
    return redirect("roadmap_assessment", assessment.pk)

