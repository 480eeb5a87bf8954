"""The legal-status feed: what a survivor's advocate hears of the survivor's legal case.

A victim identified by law enforcement reaches a victim-service client only through the link the
agency made under the client's share (``IdentifiedVictim.client`` and ``.link_share``). That link
counts only while the share is in force today — not revoked, not past its end, its consent in
force and naming the share's recipient — the same conditions as
``ally.access.survivors.shares_in_force_among``, so revoking the consent or the share silences the feed
at once. Those told are the client's assigned advocates, or when none, the supervisors of the
client's organization. Titles carry a client number at most, never a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from ally.access.survivors import SEES_ALL_CLIENTS, shares_in_force_among, today_in
from ally.accounts.models import User
from ally.investigations.models import IdentifiedVictim
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.survivors.models import Client, Share
from ally.tenancy.models import TaskForce


def linked_victims(victims: Iterable[IdentifiedVictim]) -> list[IdentifiedVictim]:
    """The victims whose link to a client is in force today (in their task force's zone)."""
    candidates = [v for v in victims if v.client_id is not None and v.link_share_id is not None and v.removed_at is None]
    if not candidates:
        return []
    shares = {
        pk: (task_force_id, client_id)
        for pk, task_force_id, client_id in Share.objects.filter(
            pk__in={v.link_share_id for v in candidates}
        ).values_list("pk", "task_force_id", "client_id")
    }
    by_task_force: dict[int, list[IdentifiedVictim]] = {}
    for victim in candidates:
        share = shares.get(victim.link_share_id or 0)
        if share is None or share[1] != victim.client_id:
            continue  # a link must rest on a share of that very client
        by_task_force.setdefault(share[0], []).append(victim)
    linked: list[IdentifiedVictim] = []
    for task_force_id, group in by_task_force.items():
        in_force = shares_in_force_among((v.link_share_id for v in group if v.link_share_id), today_in(task_force_id))
        linked += [v for v in group if v.link_share_id in in_force]
    return linked


def people_for(client: Client) -> list[User]:
    """The client's assigned advocates (active members of its organization), else its supervisors."""
    advocates = list(
        User.objects.filter(
            assigned_clients=client, is_active=True,
            memberships__organization_id=client.organization_id, memberships__is_active=True,
        ).distinct()
    )
    if advocates:
        return advocates
    return list(
        User.objects.filter(
            is_active=True, memberships__organization_id=client.organization_id,
            memberships__is_active=True, memberships__role__in=SEES_ALL_CLIENTS,
        ).distinct()
    )


def advocates_to_tell(victims: Iterable[IdentifiedVictim]) -> list[User]:
    """Everybody to tell of a change in these victims' legal case (each once)."""
    people: dict[int, User] = {}
    for victim in linked_victims(victims):
        client = Client.objects.filter(pk=victim.client_id or 0, deleted_at=None).first()
        if client is None:
            continue
        for user in people_for(client):
            people.setdefault(user.pk, user)
    return list(people.values())


def client_legal_status_link(client_id: int) -> str:
    return f"/clients/{client_id}/legal-status/"


def tell_advocates(
    victims: Iterable[IdentifiedVictim],
    *,
    task_force: TaskForce,
    title: str,
    link_for: Callable[[IdentifiedVictim], str] | None = None,
) -> int:
    """Notify (LEGAL_STATUS) the advocates of each victim linked in force to a client; ``title``
    must name no person; ``link_for(victim)`` gives each notification's link (by default the
    client's legal-status page). The client's number is added to the title. Returns how many notifications were sent. A person is told once
    per link."""
    link_for = link_for or (lambda victim: client_legal_status_link(victim.client_id or 0))
    sent: set[tuple[int, str]] = set()
    count = 0
    for victim in linked_victims(victims):
        client = Client.objects.filter(pk=victim.client_id or 0, deleted_at=None).first()
        if client is None:
            continue
        link = link_for(victim)
        people = [u for u in people_for(client) if (u.pk, link) not in sent]
        if not people:
            continue
        sent.update((u.pk, link) for u in people)
        numbered = _("%(title)s (client #%(n)s)") % {"title": title, "n": client.pk}
        count += len(notify(people, task_force=task_force, kind=NotificationKind.LEGAL_STATUS,
                            title=numbered if len(numbered) <= 160 else title, link=link))
    return count
