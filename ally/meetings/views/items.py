"""Action items: mine, all open ones (leadership), one item, assigning and completing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access import meetings as access
from ally.access.governance import require_colleague
from ally.access.survivors import today_in
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.meetings import actions
from ally.meetings.forms import ActionItemForm, CompleteForm
from ally.meetings.models import ActionStatus
from ally.meetings.views._common import form_page

SHOWS = ("mine", "open", "overdue", "done")


@login_required
def action_item_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    everything = access.sees_all_action_items(request.user)
    shows = SHOWS if everything else ("mine", "done")
    show = request.GET.get("show", "mine")
    show = show if show in shows else "mine"
    today = today_in(grants.task_force_id)
    items = access.visible_action_items(request.user).select_related("owner", "meeting")
    if show == "mine":
        items = items.filter(owner_id=request.user.pk, status=ActionStatus.OPEN).order_by("due_on", "pk")
    elif show == "open":
        items = items.filter(status=ActionStatus.OPEN).order_by("due_on", "pk")
    elif show == "overdue":
        items = items.filter(status=ActionStatus.OPEN, due_on__lt=today).order_by("due_on", "pk")
    else:
        if not everything:
            items = items.filter(owner_id=request.user.pk)
        items = items.filter(status=ActionStatus.DONE).order_by("-done_at", "-pk")
    return render(request, "meetings/action_item_list.html", {
        "page": Paginator(items, 50).get_page(request.GET.get("page")), "show": show, "shows": shows,
        "today": today, "can_assign": access.assigns_action_items(request.user, None),
    })


@login_required
def action_item_create(request: AuthenticatedRequest) -> HttpResponse:
    """A standalone item (leadership), or one from a meeting (``?meeting=``: whoever changes it)."""
    grants = require_colleague(request.user)
    meeting = None
    if request.GET.get("meeting"):
        meeting = access.access_meeting(request.user, request.GET["meeting"])
    if not access.assigns_action_items(request.user, meeting):
        raise NotPermitted()
    people = meeting.attendee_list.all() if meeting is not None and meeting.is_case_review else access.colleagues_of(
        grants.task_force_id)
    form = ActionItemForm(request.POST or None, people=people)
    back = reverse("meeting_detail", args=[meeting.pk]) if meeting else reverse("action_item_list")
    done = saved(request, form, lambda data: actions.assign_action_item(
        access.own_task_force(request.user), acting_user=request.user, meeting=meeting, **data),
        _("Action item assigned. Its owner has been told."), *(("meeting_detail", meeting.pk) if meeting
                                                              else ("action_item_list",)))
    return done or form_page(request, form, title=_("New action item"), back=back, submit=_("Assign"),
                             extra={"meeting": meeting})


@login_required
def action_item_detail(request: AuthenticatedRequest, item_id: int) -> HttpResponse:
    item = access.access_action_item(request.user, item_id)
    grants = require_colleague(request.user)
    completes = item.is_open and (item.owner_id == request.user.pk or access.sees_all_action_items(request.user))
    return render(request, "meetings/action_item_detail.html", {
        "item": item, "today": today_in(grants.task_force_id),
        "form": CompleteForm() if completes else None,
    })


@login_required
def action_item_complete(request: AuthenticatedRequest, item_id: int) -> HttpResponse:
    item = access.access_action_item(request.user, item_id, for_change=True)
    form = CompleteForm(request.POST or None)
    done = saved(request, form, lambda data: actions.complete_action_item(item, acting_user=request.user, note=data["note"]),
                 _("Action item done."), "action_item_detail", item.pk)
    return done or form_page(request, form, title=_("Mark the action item done"),
                             back=reverse("action_item_detail", args=[item.pk]), submit=_("Mark done"))
