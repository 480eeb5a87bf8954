"""Notifications: the in-app inbox, email with a link only, preferences and the daily digest.

Other apps call ``notify`` (and name a ``NotificationKind``)::

    from ally.notifications import NotificationKind, notify

    notify(
        recipients,
        task_force=referral.task_force,
        kind=NotificationKind.REFERRAL_OVERDUE,
        title=f"Referral #{referral.pk} is past its acknowledgement target",
        link=reverse("referral_detail", args=[referral.pk]),
        urgent=referral.urgency == "emergency",
    )
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ally.notifications.kinds import NotificationKind

if TYPE_CHECKING:
    from ally.accounts.models import User
    from ally.notifications.models import Notification
    from ally.tenancy.models import TaskForce

__all__ = ["NotificationKind", "notify"]


def notify(
    users: Iterable[User],
    *,
    task_force: TaskForce,
    kind: NotificationKind,
    title: str,
    link: str,
    urgent: bool = False,
) -> list[Notification]:
    """Tell each of `users` that something in `task_force` needs them: one inbox row each, and
    an email (a link only) to those whose preferences ask for one now; the others hear of it in
    their daily digest, or only in Ally. Returns the rows made.

    Call it inside the action that caused it: the rows belong to that transaction, and the
    emails are queued only once it commits. People who are not (or no longer) in the task force,
    and deactivated accounts, are skipped; a person named twice gets one notification.

    SECURITY: `title` is shown in the recipient's inbox and the API. It must never carry a name
    or anything else personal — not a survivor's, a client's, a suspect's or a colleague's:
    write "Referral #42 is past its acknowledgement target", never "Maria's referral…". At most
    160 characters on one line; email addresses and phone numbers are refused. Titles are never
    emailed: an email says only the kind's label and links to the notification.
    `link` is a path on this site ("/referrals/42/"), opened when the person follows the
    notification. A bad kind, title or link raises ValueError (a mistake in the calling code).
    `urgent` sends the email at once even to people who take the daily digest.
    """
    from ally.notifications import actions

    return actions.notify(
        users, task_force=task_force, kind=kind, title=title, link=link, urgent=urgent
    )
