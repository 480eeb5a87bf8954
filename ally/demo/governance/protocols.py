"""Two years of protocols and agreements in the demo, built through the actions.

The eight protocols start from Ally's starter templates in the first months; several get a
second or third version. Old versions are mostly acknowledged; current ones partly, so the
coordinator home has people to remind. Agreements: some current, some expired or ended early,
one expiring within 60 days, and a few member organizations without any.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from ally.access.policy import grants_for
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.protocols import actions, starters
from ally.protocols.models import Protocol
from ally.protocols.queries import status_of
from ally.tenancy.models import Membership
from ally.tenancy.vocab import MembershipRole

if TYPE_CHECKING:
    from ally.demo.governance import GovernanceContext

D = dt.timedelta

# Who each starter binds: (organization plan keys, disciplines, task-force roles).
BINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "information-sharing": ((), ("law_enforcement", "victim_services"), ("navigator",)),
    "deaf-access": (("lead_vsp", "pd1", "sbi"), (), ()),
    "language-access": ((), ("victim_services",), ("navigator",)),
    "referrals": (("pd1", "sbi", "da1"), ("victim_services",), ("navigator",)),
    "media": (("sbi", "lead_vsp"), (), ("co_lead", "survivor_leader_advisor")),
    "confidentiality": (("da1", "usao"), ("victim_services",), ("navigator", "survivor_leader_advisor")),
    "data-collection": (("sbi", "lead_vsp", "pd1", "da1"), (), ()),
    "grant-reporting": (("sbi", "lead_vsp"), (), ("co_lead",)),
}
# Later versions: (months after the first, summary). The last of each may be recent.
REVISIONS: dict[str, tuple[tuple[int, str], ...]] = {
    "information-sharing": ((10, "Added the planning facts shared before an operation."),
                            (23, "Consent is explained in the survivor's language; shares end when consent does.")),
    "referrals": ((8, "Advocate response within two hours during operations."),),
    "confidentiality": ((14, "Subpoenas: the survivor is told at once."),),
    "language-access": ((22, "Indigenous languages of the Americas asked about specifically."),),
    "media": ((12, "Survivor-leaders who speak are paid for their time."),),
}
AGREEMENTS = (
    # (title, kind, party keys, task force a party, signed months ago, years, renewed, ended, document)
    ("Task force memorandum of understanding", "mou", ("sbi", "lead_vsp"), True, 23, None, False, False, True),
    ("Victim services referral MOU", "mou", ("lead_vsp", "pd1"), False, 22, 2, False, False, True),
    ("Federal case coordination MOA", "moa", ("sbi", "usao", "fbi"), False, 24, 1, True, False, False),
    ("Data-sharing agreement for reporting", "data_sharing", ("sbi", "lead_vsp", "da1"), False, 20, 3, False, False, True),
    ("Referral pilot MOU", "mou", ("pd1", "lead_vsp"), False, 24, 1, False, False, False),
    ("Interpreter services MOU", "mou", ("lead_vsp", "health"), False, 24, 1, False, False, False),
    ("Labor trafficking referral MOU", "mou", ("labor", "lead_vsp"), False, 15, 2, False, False, False),
    ("Court accompaniment MOU", "mou", ("da1", "lead_vsp"), False, 18, 3, False, True, False),
    ("Youth shelter placement MOU", "moa", ("youth_shelter", "child_welfare"), False, 23, 1, False, False, False),
)
PDF = b"%PDF-1.4\n% Demo signed agreement (no content)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _fill(body: str, task_force_name: str, revision: int) -> str:
    text = body.replace("[task force name]", task_force_name).replace("[Task force name]", task_force_name)
    if revision >= 1:
        text = text.replace("[12] months", "12 months").replace("[coordinator]", "coordinator").replace(
            "[Coordinator]", "Coordinator")
    if revision >= 2:
        text = text.replace("every 12 months", "every 12 months, and whenever a partner asks")
    return text


def _speakers(tf_id: int) -> dict[int, list[User]]:
    """Supervisors and administrators of each organization who can act in this task force."""
    found: dict[int, list[User]] = {}
    for membership in Membership.objects.filter(
        task_force_id=tf_id, is_active=True, role__in=[MembershipRole.SUPERVISOR, MembershipRole.ORG_ADMIN],
        user__is_active=True, user__active_task_force_id=tf_id,
    ).select_related("user").order_by("pk"):
        found.setdefault(membership.organization_id, []).append(membership.user)
    return found


def build(context: GovernanceContext) -> None:
    """Build this part's two years of demo records through the actions."""
    tf, rnd, orgs = context.task_force, context.random, context.organizations
    zone = ZoneInfo(tf.time_zone)
    today = today_in(tf.pk)
    start = today - D(days=730)
    coordinator = context.users.get("coordinator")
    if coordinator is not None and grants_for(coordinator).task_force_id != tf.pk:
        coordinator = None
    speakers = _speakers(tf.pk)

    def at(day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)

    def acknowledge(protocol: Protocol, share: float, published: dt.date, until: dt.date) -> None:
        status = status_of(protocol)
        assert status.version is not None
        for bound in status.outstanding:
            if rnd.random() > share:
                continue
            day = min(published + D(days=rnd.randint(1, 60)), until)
            if bound.organization is not None:
                people = speakers.get(bound.organization.pk)
                if not people:
                    continue
                actions.acknowledge_protocol(status.version, acting_user=rnd.choice(people),
                                             organization=bound.organization, at=at(day, 14))
            elif bound.user is not None and bound.user.active_task_force_id == tf.pk:
                actions.acknowledge_protocol(status.version, acting_user=bound.user, at=at(day, 15))

    for n, starter in enumerate(starters.starters()):
        keys, disciplines, roles = BINDS.get(starter.id, ((), ("victim_services",), ()))
        named = [orgs[k] for k in keys if k in orgs]
        if not (named or disciplines or roles):
            continue
        created = start + D(days=20 + 18 * n)
        revisions = REVISIONS.get(starter.id, ())
        protocol = actions.create_protocol(
            tf, acting_user=coordinator, topic=starter.topic, title=starter.title,
            body=_fill(starter.body, tf.name, 0), effective_on=created + D(days=14),
            required_organizations=named, required_disciplines=disciplines, required_roles=roles,
            template_id=starter.id, template_version=starter.version, at=at(created), tell=not revisions,
        )
        published = created
        for number, (months, summary) in enumerate(revisions, start=1):
            next_day = min(start + D(days=30 * months + 10 * n), today - D(days=3))
            acknowledge(protocol, 0.9, published, next_day)
            actions.publish_version(
                protocol, acting_user=coordinator, body=_fill(starter.body, tf.name, number) + f"\n\n## Changes in version {number + 1}\n{summary}\n",
                summary=summary, effective_on=next_day + D(days=14), at=at(next_day),
                tell=number == len(revisions),
            )
            protocol.refresh_from_db()
            published = next_day
        acknowledge(protocol, 0.55 if (today - published).days > 30 else 0.3, published, today)

    for title, kind, keys, tf_party, months_ago, years, renewed, ended, document in AGREEMENTS:
        parties = [orgs[k] for k in keys if k in orgs and orgs[k].is_active]
        if len(parties) + (1 if tf_party else 0) < 2:
            continue
        signed = today - D(days=30 * months_ago)
        expires = None if years is None else signed + D(days=365 * years)
        if title == "Victim services referral MOU":
            expires = today + D(days=45)  # up for renewal soon
        agreement = actions.record_agreement(
            tf, acting_user=None, title=title, kind=kind, parties=parties, task_force_is_party=tf_party,
            signed_on=signed, effective_on=signed + D(days=7), expires_on=expires,
            notes="Reviewed by the co-leads before signing.",
        )
        if renewed and expires is not None:
            agreement = actions.renew_agreement(agreement, acting_user=None, signed_on=expires - D(days=20),
                                                effective_on=expires + D(days=1), expires_on=expires + D(days=731))
        if ended:
            actions.end_agreement(agreement, acting_user=None, ended_on=today - D(days=60))
        if document:
            actions.add_agreement_document(
                agreement, SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf"),
                acting_user=None, title="Signed agreement",
            )
