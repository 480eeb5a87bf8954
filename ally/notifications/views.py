"""The inbox (one's own notifications, newest first) and the email settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.notifications import actions
from ally.notifications.forms import EmailModeForm
from ally.notifications.queries import access_notification, inbox

PAGE_SIZE = 25


@login_required
def inbox_page(request: AuthenticatedRequest) -> HttpResponse:
    notifications = inbox(request.user)
    unread_only = request.GET.get("show") == "unread"
    if unread_only:
        notifications = notifications.filter(read_at=None)
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page")),
            "unread_only": unread_only,
        },
    )


@login_required
def inbox_open(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    """Follow a notification (from the inbox or an email): it is read, and its page opens."""
    notification = access_notification(request.user, notification_id)
    actions.mark_read(notification, acting_user=request.user)
    # notify() accepted only paths on this site; checked again before we send anyone there.
    link = notification.link if actions.is_site_path(notification.link) else reverse("inbox")
    return redirect(link)


@login_required
@require_POST
def inbox_read(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id)
    actions.mark_read(notification, acting_user=request.user)
    return redirect(_back_to_inbox(request))


@login_required
@require_POST
def inbox_read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = actions.mark_all_read(acting_user=request.user)
    if count:
        messages.success(request, _("Every notification is marked read."))
    return redirect("inbox")


def _back_to_inbox(request: AuthenticatedRequest) -> str:
    """The inbox page the form was on (its page number and filter), never another address."""
    back = request.POST.get("next", "")
    inbox_url = reverse("inbox")
    if back.startswith(inbox_url + "?") and actions.is_site_path(back):
        return back
    return inbox_url


@login_required
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    form = EmailModeForm(
        request.POST or None, initial={"email_mode": actions.email_mode_of(request.user)}
    )
    done = saved(
        request,
        form,
        lambda data: actions.set_email_mode(
            request.user, email_mode=data["email_mode"], acting_user=request.user
        ),
        _("Your email settings are saved."),
        "notification_preferences",
    )
    return done or render(request, "notifications/preferences.html", {"form": form})
