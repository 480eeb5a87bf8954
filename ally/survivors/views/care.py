"""The care record's pages: services and notes (with corrections), needs and the survivor's plan,
and trafficking events. Readers through a share see what their granted groups allow; only the
owning organization changes anything."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import access_client, visible_to
from ally.access.care import (
    access_event,
    access_goal,
    access_note,
    access_service,
    needs_of,
    plans_of,
)
from ally.access.survivors import today_in
from ally.core.errors import Conflict, InvalidInput, NotVisible
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.survivors import care, trafficking
from ally.survivors.care_forms import (
    ClosePlanForm,
    CorrectNoteForm,
    CorrectServiceForm,
    GoalEditForm,
    GoalForm,
    NeedsForm,
    PlannedServiceForm,
    ReasonForm,
    ReviewForm,
    StartPlanForm,
    TraffickingEventForm,
)
from ally.survivors.forms import NoteForm, ServiceForm
from ally.survivors.models import Client, PlanStatus
from ally.survivors.queries import display_name
from ally.tenancy.models import Organization


def _subform(request: AuthenticatedRequest, client: Client, form: Form, heading: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "client": client, "heading": heading, "back": "client_detail", **extra}
    return render(request, "survivors/client_subform.html", context)


def _posted(request: AuthenticatedRequest, client: Client, form: Form, done: str, change: Any) -> HttpResponse:
    """Run ``change(cleaned_data)`` for a valid posted form; report the outcome on the plan page."""
    if form.is_valid():
        try:
            change(form.cleaned_data)
        except (InvalidInput, Conflict) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
    else:
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": _form_problems(form)})
    return redirect("client_plan", client.pk)


def _form_problems(form: Form) -> str:
    return "; ".join(
        f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}" if name in form.fields
        else " ".join(str(e) for e in errors)
        for name, errors in form.errors.items()
    )


@login_required
@require_POST
def service_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    form = ServiceForm(request.POST, prefix="service")
    if form.is_valid():
        try:
            care.record_service(client, acting_user=request.user, staff=request.user, **form.cleaned_data)
        except InvalidInput as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Service recorded."))
    else:
        messages.error(request, _("The service was not recorded: check the date and amount."))
    return redirect("client_detail", client.pk)


@login_required
def service_correct(request: AuthenticatedRequest, service_id: int) -> HttpResponse:
    service = access_service(request.user, service_id, for_change=True)
    client = service.client
    initial = {f: getattr(service, f) for f in ("category", "delivered_on", "units", "unit", "cost", "outcome")}
    form = CorrectServiceForm(request.POST or None, initial=initial)
    done = saved(request, form, lambda data: care.correct_service(
        service, acting_user=request.user, reason=data["reason"], **form.corrections()
    ), _("Service record corrected. The original is kept with your reason."), "client_detail", client.pk)
    return done or _subform(request, client, form, _("Correct a service record"))


@login_required
@require_POST
def note_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            care.add_case_note(client, acting_user=request.user, **form.cleaned_data)
        except InvalidInput as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Note added."))
    else:
        messages.error(request, _("The note was not added: write the note and choose its type."))
    return redirect("client_detail", client.pk)


@login_required
def note_correct(request: AuthenticatedRequest, note_id: int) -> HttpResponse:
    """Notes are never edited: the correction is a new note naming the original."""
    note = access_note(request.user, note_id)
    client = access_client(request.user, note.client_id, for_change=True).client
    form = CorrectNoteForm(request.POST or None, initial={"text": note.text})
    done = saved(request, form, lambda data: care.add_case_note(
        client, acting_user=request.user, note_type=note.note_type, text=data["text"],
        sensitive=note.sensitive, corrects=note,
    ), _("Correction added. The original note stays on the record."), "client_detail", client.pk)
    return done or _subform(request, client, form, _("Correct a case note"), original=note)


@login_required
def client_plan(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    """Needs and the survivor's plan. One access check, so a shared read is logged once."""
    access = access_client(request.user, client_id)
    client = access.client
    if "services" not in access.groups:
        raise NotVisible()
    plans = list(plans_of(access))
    active = next((p for p in plans if p.status == PlanStatus.ACTIVE), None)
    context: dict[str, Any] = {
        "access": access,
        "client": client,
        "name": display_name(access),
        "assessments": list(needs_of(access)[:10]),
        "active_plan": active,
        "closed_plans": [p for p in plans if p.status != PlanStatus.ACTIVE],
    }
    if access.is_owner:
        today = today_in(client.task_force_id)
        organizations = visible_to(request.user, Organization).filter(is_active=True)
        context |= {
            "start_form": StartPlanForm(initial={"started_on": today}),
            "close_form": ClosePlanForm(initial={"closed_on": today}),
            "goal_form": GoalForm(prefix="goal"),
            "planned_form": PlannedServiceForm(prefix="planned", organizations=organizations),
            "review_form": ReviewForm(prefix="review", initial={"reviewed_on": today}),
        }
    return render(request, "survivors/client_plan.html", context)


@login_required
def needs_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    form = NeedsForm(request.POST or None, initial={"assessed_on": today_in(client.task_force_id)})
    done = saved(request, form, lambda data: care.assess_needs(
        client, acting_user=request.user, assessed_on=data["assessed_on"], needs=form.needs()
    ), _("Needs assessment saved."), "client_plan", client.pk)
    return done or render(request, "survivors/needs_form.html", {"form": form, "client": client})


@login_required
@require_POST
def plan_start(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    return _posted(request, client, StartPlanForm(request.POST), _("Service plan started."),
                   lambda data: care.start_plan(client, acting_user=request.user, **data))


@login_required
@require_POST
def plan_close(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    plan = client.service_plans.filter(status=PlanStatus.ACTIVE).first()
    if plan is None:
        messages.error(request, _("This client has no active service plan."))
        return redirect("client_plan", client.pk)
    return _posted(request, client, ClosePlanForm(request.POST), _("Service plan closed."),
                   lambda data: care.close_plan(plan, acting_user=request.user, **data))


@login_required
@require_POST
def goal_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    return _posted(request, client, GoalForm(request.POST, prefix="goal"), _("Goal added."),
                   lambda data: care.add_goal(client, acting_user=request.user, **data))


@login_required
def goal_edit(request: AuthenticatedRequest, goal_id: int) -> HttpResponse:
    goal = access_goal(request.user, goal_id, for_change=True)
    client = goal.client
    initial = {f: getattr(goal, f) for f in ("text", "priority", "target_date", "status", "version")}
    form = GoalEditForm(request.POST or None, initial=initial)

    def change(data: dict[str, Any]) -> object:
        values = {k: v for k, v in data.items() if k != "version"}
        if values["status"] != "open" or values["priority"] is None:
            values.pop("priority")  # only open goals are ranked
        return care.update_goal(goal, version=data["version"], acting_user=request.user, **values)

    done = saved(request, form, change, _("Goal saved."), "client_plan", client.pk)
    return done or _subform(request, client, form, _("Change a goal"), back="client_plan")


@login_required
@require_POST
def planned_service_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    organizations = visible_to(request.user, Organization).filter(is_active=True)
    form = PlannedServiceForm(request.POST, prefix="planned", organizations=organizations)
    return _posted(request, client, form, _("Service added to the plan."),
                   lambda data: care.plan_service(client, acting_user=request.user, **data))


@login_required
@require_POST
def review_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    return _posted(request, client, ReviewForm(request.POST, prefix="review"), _("Review recorded."),
                   lambda data: care.review_plan(client, acting_user=request.user, **data))


@login_required
def event_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    form = TraffickingEventForm(request.POST or None, initial={"date_precision": "day"})
    done = saved(request, form, lambda data: trafficking.add_trafficking_event(
        client, acting_user=request.user, **data
    ), _("Event added."), "client_detail", client.pk)
    return done or _subform(request, client, form, _("Add a trafficking event"))


@login_required
def event_remove(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = access_event(request.user, event_id, for_change=True)
    client = event.client
    form = ReasonForm(request.POST or None)
    done = saved(request, form, lambda data: trafficking.remove_trafficking_event(
        event, acting_user=request.user, reason=data["reason"]
    ), _("Event removed. It stays in the record's history with your reason."), "client_detail", client.pk)
    return done or _subform(request, client, form, _("Remove a trafficking event recorded in error"))
