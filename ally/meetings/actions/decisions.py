"""The decision log: what was decided, why, by whom, when, and who hears of it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access import meetings as access
from ally.access.governance import is_leadership, require_colleague
from ally.access.meetings import colleagues_of
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.meetings.actions._common import date_value, text_value
from ally.meetings.models import Committee, Decision, DecisionBody, Meeting, MeetingKind
from ally.notifications import NotificationKind, notify
from ally.tenancy.models import Membership, Organization, TaskForce, TaskForceRole
from ally.tenancy.vocab import Discipline, TaskForceRoleKind

AFFECTABLE_ROLES = tuple(r for r in TaskForceRoleKind.values if r != TaskForceRoleKind.AUDITOR)


def affected_people(decision: Decision) -> QuerySet[User]:
    """Everybody the decision affects: every colleague, or the members of the chosen
    organizations, of the organizations of the chosen disciplines, and the holders of the chosen
    task-force roles."""
    everyone = colleagues_of(decision.task_force_id)
    if decision.affects_all:
        return everyone
    members = Membership.objects.filter(task_force_id=decision.task_force_id, is_active=True,
                                        organization__is_active=True)
    chosen = Q(organization__in=decision.organizations.all())
    if decision.disciplines:
        chosen |= Q(organization__discipline__in=decision.disciplines)
    holders = TaskForceRole.objects.filter(task_force_id=decision.task_force_id, role__in=decision.roles)
    return everyone.filter(Q(pk__in=members.filter(chosen).values("user_id")) | Q(pk__in=holders.values("user_id")))


def record_decision(task_force: TaskForce, *, acting_user: User | None, title: str, rationale: str,
                    decided_on: dt.date, body: str, committee: Committee | None = None,
                    meeting: Meeting | None = None, affects_all: bool = True,
                    organizations: list[Organization] | None = None, disciplines: list[str] | None = None,
                    roles: list[str] | None = None, supersedes: Decision | None = None,
                    notify_affected: bool = True) -> Decision:
    """Record a decision (leadership; a subcommittee's chair for their subcommittee) and tell the
    people it affects. Never at a case review: a decision for everyone is not recorded in a
    confidential forum. A decision may supersede an earlier one that is not superseded yet."""
    if body not in DecisionBody.values:
        raise InvalidInput(_("Choose the body that decided."))
    if body == DecisionBody.SUBCOMMITTEE:
        if committee is None or committee.task_force_id != task_force.pk:
            raise InvalidInput(_("Choose the subcommittee that decided."))
    else:
        committee = None
    chair_only = False
    if acting_user is not None:
        grants = require_colleague(acting_user)
        if grants.task_force_id != task_force.pk or not access.records_decisions(acting_user, body, committee):
            raise NotPermitted()
        chair_only = not is_leadership(grants)
    title = text_value(title, _("The decision"), 200, required=True)
    rationale = text_value(rationale, _("The rationale"), 20000, required=True, multiline=True)
    decided_on = date_value(decided_on, _("the date of the decision"))
    if meeting is not None:
        if meeting.task_force_id != task_force.pk:
            raise InvalidInput(_("Choose a meeting of this task force."))
        if meeting.is_case_review:
            raise InvalidInput(_("A decision is not recorded at a case review: it is a confidential forum, "
                                 "and a decision is for everyone to read. Record it at another meeting or without one."))
        if acting_user is not None:
            access.access_meeting(acting_user, meeting.pk)
        if chair_only and (meeting.kind != MeetingKind.SUBCOMMITTEE or committee is None
                           or meeting.committee_id != committee.pk):
            raise NotPermitted()
        if meeting.is_cancelled:
            raise InvalidInput(_("That meeting was cancelled: nothing was decided at it."))
    organizations = list(organizations or [])
    if any(o.task_force_id != task_force.pk for o in organizations):
        raise InvalidInput(_("A decision affects organizations of this task force only."))
    disciplines = sorted(set(disciplines or []))
    if any(d not in Discipline.values for d in disciplines):
        raise InvalidInput(_("Choose disciplines from the list."))
    roles = sorted(set(roles or []))
    if any(r not in AFFECTABLE_ROLES for r in roles):
        raise InvalidInput(_("Choose task-force roles from the list."))
    if not affects_all and not (organizations or disciplines or roles):
        raise InvalidInput(_("Say who the decision affects: every member, or chosen organizations, disciplines or roles."))
    if affects_all:
        organizations, disciplines, roles = [], [], []
    if supersedes is not None:
        if supersedes.task_force_id != task_force.pk:
            raise InvalidInput(_("Choose an earlier decision of this task force."))
        if chair_only and (supersedes.body != DecisionBody.SUBCOMMITTEE or committee is None
                           or supersedes.committee_id != committee.pk):
            raise NotPermitted()
        if supersedes.superseded_by.exists():
            raise Conflict(_("That decision was already superseded."))
    with transaction.atomic():
        decision = Decision.objects.create(
            task_force=task_force, title=title, rationale=rationale, decided_on=decided_on, body=body,
            committee=committee, meeting=meeting, affects_all=affects_all,
            disciplines_text="," + ",".join(disciplines) + "," if disciplines else "",
            roles_text="," + ",".join(roles) + "," if roles else "",
            supersedes=supersedes, recorded_by=acting_user,
        )
        decision.organizations.set(organizations)
        record(EventType.DECISION_RECORDED, actor=acting_user, task_force=task_force, target=decision,
               changes={"body": body, "decided_on": decided_on.isoformat(),
                        "meeting_id": meeting.pk if meeting else None, "affects_all": affects_all,
                        "organizations": [o.pk for o in organizations], "disciplines": disciplines, "roles": roles})
        link = reverse("decision_detail", args=[decision.pk])
        people = affected_people(decision)
        if notify_affected:
            notify(people, task_force=task_force, kind=NotificationKind.DECISION,
                   title=_("Decision recorded on %(date)s") % {"date": decided_on.isoformat()}, link=link)
        if supersedes is not None:
            record(EventType.DECISION_SUPERSEDED, actor=acting_user, task_force=task_force, target=supersedes,
                   changes={"superseded_by": decision.pk})
            if notify_affected:
                earlier = affected_people(supersedes).exclude(pk__in=people.values("pk"))
                notify(earlier, task_force=task_force, kind=NotificationKind.DECISION,
                       title=_("Decision of %(date)s superseded") % {"date": supersedes.decided_on.isoformat()},
                       link=link)
    return decision
