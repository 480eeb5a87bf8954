"""Two years of the task force's meetings in the demo: monthly full task-force meetings,
co-lead meetings every other month, three subcommittees meeting quarterly, regional listening
sessions twice a year, monthly case reviews among a few victim-services and law-enforcement
people, with agendas, minutes, attendance, action items (most done, a few open, some overdue)
and the decision log."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ally.access.meetings import colleagues_of
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.meetings import actions
from ally.meetings.models import Decision, Meeting
from ally.survivors.models import Client

if TYPE_CHECKING:
    from ally.demo.governance import GovernanceContext

COMMITTEES = (
    ("Labor trafficking", "Labor trafficking identification, farm and dairy outreach, and work with the labor agency."),
    ("Protocols", "Drafts and reviews the task force's written protocols and agreements."),
    ("Survivor services", "Service gaps, housing, interpretation and reimbursement for providers."),
)

AGENDAS = {
    "full_task_force": "1. Welcome and introductions\n2. Partner updates\n3. Subcommittee reports\n4. Protocol review\n5. Training calendar\n6. Next steps",
    "co_leads": "1. Coordinator's report\n2. Budget and grant reporting\n3. Items for the full task force",
    "subcommittee": "1. Progress on action items\n2. Discussion\n3. Recommendations to the co-leads",
    "listening_session": "1. What the community sees\n2. Barriers to reporting and services\n3. What the task force will do",
    "case_review": "1. Safety concerns\n2. Service needs and gaps\n3. Coordination between the agencies\n4. Next steps",
}
MINUTES = {
    "full_task_force": "Partners gave updates. The subcommittees reported on their work. Members discussed the protocol under review and agreed on next steps; action items below.",
    "co_leads": "The co-leads reviewed the coordinator's report and the grant timeline, and set the agenda of the next full task-force meeting.",
    "subcommittee": "Members reviewed open action items and agreed on recommendations for the co-leads.",
    "listening_session": "Community members described barriers to reporting, including fear of immigration consequences and lack of interpreters. Notes were shared with the co-leads.",
    "case_review": "Cases were reviewed by number. Safety planning and service needs were discussed; agencies agreed who follows up with whom.",
}
ACTIONS = (
    "Circulate the draft protocol to partners", "Schedule a training on victim-centered interviewing",
    "Update the resource directory", "Contact the county health department about interpretation",
    "Draft the annual report section", "Follow up with the labor agency on wage claims",
    "Confirm the venue for the next listening session", "Share the outreach flyer in Spanish",
    "Prepare the grant progress report", "Invite a survivor-leader consultant to the next meeting",
    "Review shelter capacity with providers", "Collect partners' feedback on the MOU template",
)
DECISIONS = (
    ("Adopt the victim-centered interviewing protocol", "Interviews follow one protocol across agencies so survivors are not interviewed again and again."),
    ("Use professional interpreters, never family members", "Family members may be the traffickers or may be harmed; qualified interpreters keep survivors safe."),
    ("Meet monthly as a full task force", "Regular meetings keep partners informed and decisions on the record."),
    ("Create a labor trafficking subcommittee", "Labor cases need labor inspectors, law enforcement and service providers at one table."),
    ("Adopt the MOU template for all member organizations", "One set of terms for information sharing and referrals among partners."),
    ("Hold a listening session in every region each year", "The task force hears from communities it does not otherwise reach."),
    ("Require consent before any client information is shared", "Survivors decide who learns about them; consent is recorded before a share."),
    ("Set a 24-hour response time for emergency referrals", "Survivors in danger need a same-day answer."),
    ("Fund interpretation from the task-force budget", "Providers without interpretation funds can still serve survivors in their language."),
    ("Adopt the trauma-informed practice checklist for vetting", "Providers are vetted on the same checklist across regions."),
    ("Publish a yearly report to members", "Members see what the task force did and decided."),
    ("Add a survivor-leader advisor to the co-leads' meetings", "Survivor leaders shape the task force's priorities."),
    ("Adopt the non-criminalization protocol", "Survivors are not arrested for crimes they were forced to commit."),
    ("Prioritize agricultural and dairy outreach", "The threat assessment found seasonal farm labor the most vulnerable industry."),
    ("Use case reviews for multi-agency cases only", "Case reviews are confidential forums for cases more than one agency serves."),
    ("Train every new member in trauma-informed practice within 90 days", "New members meet survivors soon after joining."),
    ("Adopt the data retention schedule", "Records are kept only as long as needed and then destroyed."),
    ("Share operation heads-ups with providers 24 hours ahead", "Providers can have advocates and beds ready."),
    ("Require two co-leads to approve sub-awards", "Spending decisions are shared, not made alone."),
    ("Adopt the labor recruiter screening questions", "Investigators ask the same questions about recruitment fees and debts."),
    ("Recognize the T-visa certification protocol", "Law-enforcement partners sign certifications within 30 days when the law allows."),
    ("Meet in the evening for listening sessions", "Working community members cannot attend during the day."),
    ("Adopt the youth-specific response protocol", "Minors are referred to child welfare and youth-serving providers."),
    ("Review every protocol every two years", "Protocols stay current with law and practice."),
    ("Record every decision in the decision log", "Members can always find out what was decided, by whom, and when."),
)


def _at(day: dt.date, hour: int, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=zone)


def build(context: GovernanceContext) -> None:
    """Build this part's two years of demo records through the actions (as the system)."""
    tf, rnd, users = context.task_force, context.random, context.users
    zone = ZoneInfo(tf.time_zone)
    today = today_in(tf.pk)
    people = list(colleagues_of(tf.pk).order_by("pk"))
    if len(people) < 4:
        return
    coordinator = users.get("coordinator") or people[0]
    convener = users.get("co_lead_vs") or coordinator
    reviewers = [u for u in (users.get(k) for k in ("vsp_supervisor", "advocate", "investigator_local",
                                                     "investigator_state", "victim_witness")) if u is not None]
    if not reviewers:
        reviewers = people[1:4]
    leads = [u for u in (coordinator, users.get("co_lead_le"), users.get("co_lead_vs")) if u is not None]

    committees = []
    for n, (name, purpose) in enumerate(COMMITTEES):
        members = rnd.sample(people, min(6, len(people)))
        chair = users.get(("labor_inspector", "coordinator", "co_lead_vs")[n]) or members[0]
        committees.append(actions.create_committee(tf, acting_user=None, name=name, purpose=purpose, chair=chair,
                                                   members=[*members, chair]))

    meetings: list[tuple[Meeting, list[User]]] = []
    first = dt.date(today.year - 2, today.month, 1)

    def add(kind: str, day: dt.date, title: str, hour: int, invited: list[User], **extra: object) -> None:
        meeting = actions.schedule_meeting(
            tf, acting_user=None, kind=kind, title=title, starts_at=_at(day, hour, zone),
            ends_at=_at(day, hour + 2, zone), location=extra.pop("location", "Conference room B"),  # type: ignore[arg-type]
            agenda=AGENDAS[kind], notify_invitees=False, **extra,  # type: ignore[arg-type]
        )
        meetings.append((meeting, invited))

    for month in range(25):
        year, m = divmod(first.month - 1 + month, 12)
        base = dt.date(first.year + year, m + 1, 1)
        label = base.strftime("%B %Y")
        add("full_task_force", base + dt.timedelta(days=9), f"Full task force — {label}", 10, people,
            location="County Government Center, Room 200")
        if month % 2 == 0:
            add("co_leads", base + dt.timedelta(days=2), f"Co-leads — {label}", 9, leads)
        add("case_review", base + dt.timedelta(days=16), f"Case review — {label}", 14, [convener, *reviewers],
            attendees=reviewers, convened_by=convener)
        if month % 3 == 0:
            for n, committee in enumerate(committees):
                add("subcommittee", base + dt.timedelta(days=20 + n), f"{committee.name} — {label}", 13,
                    list(committee.members.all()), committee=committee)
        if month % 6 == 3:
            for region in context.regions.values():
                add("listening_session", base + dt.timedelta(days=24), f"Listening session, {region.name} — {label}", 18,
                    people[:3], region=region, location="Public library community room")

    clients = list(Client.objects.filter(task_force=tf, deleted_at=None).order_by("pk")[:40])
    done_people: list[User] = []
    for meeting, invited in meetings:
        day = meeting.starts_at.astimezone(zone).date()
        if day >= today:
            continue
        if rnd.random() < 0.04:
            actions.cancel_meeting(meeting, acting_user=None)
            continue
        actions.record_minutes(meeting, acting_user=None, minutes=MINUTES[meeting.kind], notify_invitees=False)
        pool = list(meeting.attendee_list.all()) if meeting.is_case_review else invited
        attended = [p for p in pool if rnd.random() < 0.8] or pool[:1]
        actions.record_attendance(meeting, acting_user=None, attended=attended)
        if meeting.is_case_review and clients:
            for client in rnd.sample(clients, min(2, len(clients))):
                actions.add_case(meeting, acting_user=None, client=client)
        if meeting.kind in ("full_task_force", "case_review", "subcommittee") or rnd.random() < 0.3:
            for _ in range(2 if meeting.kind == "full_task_force" else 1):
                owner = rnd.choice(attended)
                due = day + dt.timedelta(days=rnd.choice((14, 21, 30, 45)))
                item = actions.assign_action_item(tf, acting_user=None, title=rnd.choice(ACTIONS), owner=owner,
                                                  due_on=due, meeting=meeting, notify_owner=False)
                if due < today - dt.timedelta(days=10) and rnd.random() < 0.9:
                    finished = due - dt.timedelta(days=rnd.randint(0, 7))
                    actions.complete_action_item(item, acting_user=None, note="Done and reported at the next meeting.",
                                                 done_at=_at(finished, 12, zone))
                    done_people.append(owner)

    decided_at = [m for m, _ in meetings if m.kind in ("full_task_force", "co_leads", "subcommittee")
                  and not m.is_cancelled and m.starts_at.astimezone(zone).date() < today]
    decided_at.sort(key=lambda m: m.starts_at)
    organizations = list(context.organizations.values())
    step = max(1, len(decided_at) // len(DECISIONS))
    recorded: list[Decision] = []
    for n, (title, rationale) in enumerate(DECISIONS):
        if not decided_at:
            break
        meeting = decided_at[min(n * step, len(decided_at) - 1)]
        body = {"full_task_force": "full_task_force", "co_leads": "co_leads", "subcommittee": "subcommittee"}[meeting.kind]
        narrow = n % 4 == 1 and organizations
        recorded.append(actions.record_decision(
            tf, acting_user=None, title=title, rationale=rationale, decided_on=meeting.starts_at.astimezone(zone).date(),
            body=body, committee=meeting.committee, meeting=meeting, affects_all=not narrow,
            organizations=rnd.sample(organizations, min(3, len(organizations))) if narrow else [],
            supersedes=recorded[0] if n == len(DECISIONS) - 1 and recorded else None,
            notify_affected=n >= len(DECISIONS) - 2,
        ))
