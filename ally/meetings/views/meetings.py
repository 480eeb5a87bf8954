"""Meetings: the list, the calendar export, scheduling, the meeting page and its forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import meetings as access
from ally.access.governance import require_colleague
from ally.access.survivors import access_client, visible_clients
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.meetings import actions, ics
from ally.meetings.forms import CaseForm, MeetingEditForm, MeetingForm, MinutesForm, PeopleForm
from ally.meetings.models import Meeting, MeetingKind
from ally.meetings.views._common import form_page, in_task_force_zone
from ally.survivors.fieldgroups import FieldGroup
from ally.tenancy.models import Region

SHOWS = {"upcoming", "past"}


@login_required
@in_task_force_zone
def meeting_list(request: AuthenticatedRequest) -> HttpResponse:
    require_colleague(request.user)
    show = request.GET.get("show", "upcoming")
    show = show if show in SHOWS else "upcoming"
    kind = request.GET.get("kind", "")
    kind = kind if kind in MeetingKind.values else ""
    now = timezone.now()
    meetings = access.visible_meetings(request.user).select_related("committee", "region")
    if kind:
        meetings = meetings.filter(kind=kind)
    meetings = (meetings.filter(ends_at__gte=now).order_by("starts_at", "pk") if show == "upcoming"
                else meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk"))
    return render(request, "meetings/meeting_list.html", {
        "page": Paginator(meetings, 50).get_page(request.GET.get("page")),
        "show": show, "kind": kind, "kinds": MeetingKind.choices,
        "can_schedule": access.schedules_any(request.user),
    })


@login_required
def meeting_calendar(request: AuthenticatedRequest) -> HttpResponse:
    """The upcoming meetings the person sees (cancelled ones too, so calendars drop them)."""
    require_colleague(request.user)
    meetings = access.visible_meetings(request.user).filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    name = access.own_task_force(request.user).name
    return _ics(ics.calendar(meetings, name), "meetings.ics")


@login_required
def meeting_ics(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id)
    return _ics(ics.calendar([meeting], ics.summary(meeting)), f"meeting-{meeting.pk}.ics")


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@in_task_force_zone
def meeting_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    if not access.schedules_any(request.user):
        raise NotPermitted()
    leadership = access.manages_committees(request.user)
    committees = access.visible_committees(request.user)
    if not leadership:
        committees = committees.filter(chair_id=request.user.pk)
    form = MeetingForm(
        request.POST or None, initial={"kind": request.GET.get("kind", MeetingKind.FULL_TASK_FORCE if leadership
                                                                    else MeetingKind.SUBCOMMITTEE)},
        committees=committees, regions=Region.objects.filter(task_force_id=grants.task_force_id).order_by("name"),
        people=access.colleagues_of(grants.task_force_id) if leadership else None,
    )
    if not leadership:
        form.fields["kind"].choices = [(MeetingKind.SUBCOMMITTEE, MeetingKind.SUBCOMMITTEE.label)]  # type: ignore[attr-defined]
    created: list[Meeting] = []

    def change(data: dict[str, Any]) -> None:
        created.append(actions.schedule_meeting(
            access.own_task_force(request.user), acting_user=request.user, kind=data["kind"], title=data["title"],
            starts_at=data["starts_at"], ends_at=data["ends_at"], location=data["location"],
            call_link=data["call_link"], agenda=data["agenda"], committee=data["committee"], region=data["region"],
            attendees=list(data.get("attendees") or []),
        ))

    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meeting scheduled. Its invitees have been told."))
            return redirect("meeting_detail", created[0].pk)
    return form_page(request, form, title=_("Schedule a meeting"), back=reverse("meeting_list"),
                     submit=_("Schedule the meeting"))


def _cases(request: AuthenticatedRequest, meeting: Meeting) -> list[dict[str, Any]]:
    """Each case as this reader may see it: named only when the client's own compartment lets
    them read its identity (a read through a share is logged as a disclosure)."""
    rows: list[dict[str, Any]] = []
    for case in meeting.cases.all():
        try:
            seen = access_client(request.user, case.client_id, group=FieldGroup.IDENTITY)
        except NotVisible:
            rows.append({"case": case, "client": None})
        else:
            rows.append({"case": case, "client": seen.client})
    return rows


@login_required
@in_task_force_zone
def meeting_detail(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id)
    changes = access.changes_meeting(request.user, meeting)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting,
        "changes": changes,
        "attended": meeting.attended.order_by("full_name", "pk"),
        "attendee_list": meeting.attendee_list.order_by("full_name", "pk") if meeting.is_case_review else None,
        "cases": _cases(request, meeting) if meeting.is_case_review else None,
        "action_items": meeting.action_items.select_related("owner").order_by("due_on", "pk"),
        "decisions": meeting.decisions.order_by("-decided_on", "-pk"),
        "can_assign": access.assigns_action_items(request.user, meeting),
        "case_form": CaseForm() if meeting.is_case_review and not meeting.is_cancelled else None,
    })


@login_required
@in_task_force_zone
def meeting_edit(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_change=True)
    form = MeetingEditForm(request.POST or None, initial=MeetingEditForm.initial_for(meeting))
    done = saved(request, form, lambda data: actions.update_meeting(meeting, acting_user=request.user, **data),
                 _("Meeting changed."), "meeting_detail", meeting.pk)
    return done or form_page(request, form, title=_("Change the meeting"), back=reverse("meeting_detail", args=[meeting.pk]),
                             submit=_("Save changes"), extra={"meeting": meeting})


@login_required
@require_POST
def meeting_cancel(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_change=True)
    try:
        actions.cancel_meeting(meeting, acting_user=request.user)
    except Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Meeting cancelled. Its invitees have been told."))
    return redirect("meeting_detail", meeting.pk)


@login_required
@in_task_force_zone
def meeting_minutes(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_change=True)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    done = saved(request, form, lambda data: actions.record_minutes(meeting, acting_user=request.user, minutes=data["minutes"]),
                 _("Minutes saved."), "meeting_detail", meeting.pk)
    return done or form_page(request, form, title=_("Minutes"), back=reverse("meeting_detail", args=[meeting.pk]),
                             submit=_("Save the minutes"), lead=_("No names or identifying details in minutes."),
                             extra={"meeting": meeting})


@login_required
@in_task_force_zone
def meeting_attendance(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_change=True)
    people = (meeting.attendee_list.all() if meeting.is_case_review
              else access.colleagues_of(meeting.task_force_id))
    form = PeopleForm(request.POST or None, people=people, label=_("Who attended"),
                      initial={"people": list(meeting.attended.values_list("pk", flat=True))})
    done = saved(request, form, lambda data: actions.record_attendance(meeting, acting_user=request.user,
                                                                       attended=list(data["people"])),
                 _("Attendance saved."), "meeting_detail", meeting.pk)
    return done or form_page(request, form, title=_("Attendance"), back=reverse("meeting_detail", args=[meeting.pk]),
                             submit=_("Save attendance"), extra={"meeting": meeting})


@login_required
@in_task_force_zone
def meeting_attendees(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_change=True)
    if not meeting.is_case_review:
        raise NotVisible()
    form = PeopleForm(request.POST or None, people=access.colleagues_of(meeting.task_force_id),
                      label=_("Attendee list"),
                      initial={"people": list(meeting.attendee_list.values_list("pk", flat=True))})
    done = saved(request, form, lambda data: actions.set_attendees(meeting, acting_user=request.user,
                                                                   attendees=list(data["people"])),
                 _("Attendee list saved."), "meeting_detail", meeting.pk)
    return done or form_page(
        request, form, title=_("Case-review attendee list"), back=reverse("meeting_detail", args=[meeting.pk]),
        submit=_("Save the list"), extra={"meeting": meeting},
        lead=_("Only the people on this list see the case review, its agenda, minutes, cases and action items."),
    )


@login_required
@require_POST
def meeting_case_add(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id)
    form = CaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the number of a client record you can open yourself."))
        return redirect("meeting_detail", meeting.pk)
    client = visible_clients(request.user).filter(pk=form.cleaned_data["client"]).first()
    try:
        if client is None:
            raise InvalidInput(_("You can only add a case you can open yourself."))
        actions.add_case(meeting, acting_user=request.user, client=client)
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Case added to the case review."))
    return redirect("meeting_detail", meeting.pk)
