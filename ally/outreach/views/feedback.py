"""Feedback from survivor leaders to leadership, and leadership's responses."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ally.access import outreach as access
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.outreach import actions
from ally.outreach.forms import FeedbackForm, ResponseForm
from ally.outreach.models import FeedbackStatus


@login_required
def feedback_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_feedback_area(request.user)
    show = request.GET.get("show", "")
    feedback = access.visible_feedback(request.user).select_related("leader").order_by("-received_on", "-pk")
    if show not in FeedbackStatus.values:
        show = ""  # never echo an unknown value into the page links
    if show:
        feedback = feedback.filter(status=show)
    return render(request, "outreach/feedback_list.html", {
        "page": Paginator(feedback, 50).get_page(request.GET.get("page")),
        "show": show,
        "sees_authors": grants.is_coordinator,
        "leadership": access.reads_all_feedback(grants),
        "submits": access.submits_feedback(grants),
    })


@login_required
def feedback_submit(request: AuthenticatedRequest) -> HttpResponse:
    grants = access.require_feedback_area(request.user)
    if not access.submits_feedback(grants):
        raise NotPermitted()
    task_force = access.task_force_of(request.user)
    form = FeedbackForm(request.POST or None)
    done = saved(request, form, lambda data: actions.submit_feedback(task_force, acting_user=request.user, **data),
                 _("Thank you. Your feedback went to the task force's leadership."), "feedback_list")
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Give feedback to leadership"), "cancel": "feedback_list",
        "note": _("The coordinator sees that it is from you; the co-leads read it as from “a survivor leader”."),
    })


@login_required
def feedback_detail(request: AuthenticatedRequest, feedback_id: int) -> HttpResponse:
    feedback = access.access_feedback(request.user, feedback_id)
    grants = access.require_feedback_area(request.user)
    responds = access.reads_all_feedback(grants)
    form = ResponseForm(initial={"response": feedback.response}) if responds else None
    return render(request, "outreach/feedback_detail.html", {
        "feedback": feedback, "form": form,
        "sees_author": access.sees_feedback_author(grants, feedback),
    })


@login_required
def feedback_respond(request: AuthenticatedRequest, feedback_id: int) -> HttpResponse:
    feedback = access.access_feedback(request.user, feedback_id, for_change=True)
    form = ResponseForm(request.POST or None, initial={"response": feedback.response})
    done = saved(request, form, lambda data: actions.respond_to_feedback(feedback, acting_user=request.user, **data),
                 _("Response recorded."), "feedback_detail", feedback.pk)
    return done or render(request, "outreach/form.html", {
        "form": form, "heading": _("Respond to feedback #%(number)d") % {"number": feedback.pk},
        "cancel": "feedback_detail", "cancel_id": feedback.pk,
    })
