"""Two years of trainings and two roadmap self-assessments, built through the actions.

About two sessions a month across the regions: sex trafficking identification and
trauma-informed practice often, labor trafficking identification rarely (and never reaching the
last region, nor community organizations), some topics only for some disciplines — so the
coverage view has real gaps. Attendance by the demo's people, counts from outside the task
force for community sessions, three sessions still to come (their audiences are notified).
Last fiscal year's roadmap self-assessment is completed; this year's is in progress, ahead in
collaboration and victim services.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from ally.access.survivors import today_in
from ally.tenancy.models import Membership
from ally.trainings import actions, catalog

if TYPE_CHECKING:
    from ally.demo.governance import GovernanceContext

# topic → (weight, audience disciplines, trainer, title)
TOPICS: dict[str, tuple[int, tuple[str, ...], str, str]] = {
    "sex_trafficking_identification": (10, ("law_enforcement", "victim_services", "community", "government_other"),
                                       "Det. Sgt. Maria Okafor", "Recognizing sex trafficking"),
    "trauma_informed_practice": (8, ("law_enforcement", "victim_services", "prosecution", "community"),
                                 "Dr. Hannah Vue", "Trauma-informed practice"),
    "victim_centered_interviewing": (6, ("law_enforcement", "prosecution"), "SA Daniel Reyes", "Victim-centered interviewing"),
    "screening_tools": (4, ("victim_services", "community", "government_other"), "Alicia Moreno, LCSW", "Screening for trafficking"),
    "task_force_protocols": (4, ("law_enforcement", "victim_services", "prosecution", "government_other", "community"),
                             "The task-force coordinator", "Our protocols: referrals and information sharing"),
    "labor_trafficking_identification": (2, ("law_enforcement", "government_other"), "Inspector Luis Ortega",
                                         "Recognizing labor trafficking"),
    "confidentiality_privilege": (3, ("victim_services", "prosecution"), "Attorney Grace Lindqvist",
                                  "Confidentiality and privilege under VAWA, VOCA and FVPSA"),
    "immigration_relief": (3, ("victim_services", "law_enforcement", "prosecution"), "Attorney Sofia Brandt",
                           "T visas and Continued Presence"),
    "language_access": (3, ("victim_services", "law_enforcement"), "Mai Lee Xiong", "Working with interpreters"),
    "survivor_informed_practice": (3, ("victim_services", "community"), "A survivor-leader consultant",
                                   "Survivor-informed practice"),
    "wellness_vicarious_trauma": (3, ("law_enforcement", "victim_services", "prosecution"), "Dr. Peter Hallberg",
                                  "Vicarious trauma and staff wellness"),
    "cultural_responsiveness": (2, ("victim_services", "community"), "Amina Yusuf", "Cultural responsiveness"),
    "forensic_interviewing_minors": (2, ("law_enforcement", "prosecution"), "Child Advocacy Center staff",
                                     "Forensic interviews of minors"),
    "youth_runaway_homeless": (2, ("victim_services", "community", "government_other"), "Jordan Pike",
                               "Youth who run away"),
    "financial_investigations": (1, ("law_enforcement", "prosecution"), "IRS-CI Special Agent Tom Reilly",
                                 "Following the money"),
    "deaf_hard_of_hearing_access": (1, ("victim_services",), "Deaf Services Center staff",
                                    "Access for deaf and hard-of-hearing victims"),
}
# Topics that never reached the last region (by name order) in the demo's two years.
NEVER_IN_LAST_REGION = frozenset({"labor_trafficking_identification", "forensic_interviewing_minors",
                                  "financial_investigations", "deaf_hard_of_hearing_access"})
HOURS = (Decimal("1"), Decimal("1.5"), Decimal("2"), Decimal("3"), Decimal("4"), Decimal("6.5"), Decimal("7"))


def build(context: GovernanceContext) -> None:
    """Build this part's two years of demo records through the actions (as the system)."""
    tf, rnd = context.task_force, context.random
    today = today_in(tf.pk)
    regions = sorted(context.regions.values(), key=lambda r: r.name)
    last_region = regions[-1] if len(regions) > 1 else None
    memberships = list(
        Membership.objects.filter(task_force=tf, is_active=True, organization__is_active=True)
        .select_related("user", "organization").prefetch_related("organization__regions_served").order_by("pk")
    )
    if not memberships:
        return
    serves = {m.organization_id: {r.pk for r in m.organization.regions_served.all()} for m in memberships}
    people: dict[int, object] = {}
    by_discipline: dict[str, list[tuple[object, int]]] = defaultdict(list)
    for m in memberships:
        if m.user_id in people:
            continue
        people[m.user_id] = m.user
        by_discipline[m.organization.discipline].append((m.user, m.organization_id))
    trainers = [o for o in context.organizations.values() if o.is_active]
    topics = list(TOPICS)
    weights = [TOPICS[t][0] for t in topics]
    known = catalog.topics().value_set()

    sessions = 0
    count = 52 if len(memberships) > 40 else 26
    for n in range(count):
        day = today - dt.timedelta(days=int(730 * (n + 0.5) / count) + rnd.randint(-5, 5))
        # Labor trafficking identification: a few times in two years, on a fixed rhythm.
        main = "labor_trafficking_identification" if n % 12 == 4 else rnd.choices(topics, weights)[0]
        chosen = [main]
        if rnd.random() < 0.3:
            extra = rnd.choices(topics, weights)[0]
            if extra != main and extra not in NEVER_IN_LAST_REGION:
                chosen.append(extra)
        weight, audience, trainer, title = TOPICS[main]
        disciplines = sorted({d for t in chosen for d in TOPICS[t][1]})
        community = main in ("sex_trafficking_identification", "survivor_informed_practice", "youth_runaway_homeless") and rnd.random() < 0.35
        excluded = last_region if (last_region is not None and any(t in NEVER_IN_LAST_REGION for t in chosen)) else None
        region_choices = [r for r in regions if r != excluded]
        region = rnd.choice(region_choices) if region_choices and rnd.random() < 0.8 else None
        organization = rnd.choice(trainers) if trainers and rnd.random() < 0.5 else None
        session = actions.record_training(
            tf, acting_user=None, title=title, topics=[t for t in chosen if t in known], disciplines=disciplines,
            trainer_name=trainer, trainer_organization=organization, held_on=day, hours=rnd.choice(HOURS),
            region=region, location=f"{region.name} training center" if region else "Online",
            delivered_to="community" if community else "task_force",
            external_attendees=rnd.randint(15, 80) if community else rnd.randint(0, 6),
        )
        sessions += 1
        pool = [
            (user, org) for d in disciplines for user, org in by_discipline.get(d, [])
            if (excluded is None or excluded.pk not in serves.get(org, set()))
            and (region is None or region.pk in serves.get(org, set()) or not serves.get(org))
            and not (main in NEVER_IN_LAST_REGION and d == "community")
        ]
        if pool:
            attendees = rnd.sample(pool, min(len(pool), rnd.randint(3, 14)))
            actions.record_attendance(session, acting_user=None, people=[u for u, _ in attendees])  # type: ignore[misc]
        if n % 17 == 5:
            actions.cancel_training(session, acting_user=None)
    for days, topic in ((12, "sex_trafficking_identification"), (26, "labor_trafficking_identification"),
                        (45, "trauma_informed_practice")):
        _weight, audience, trainer, title = TOPICS[topic]
        actions.record_training(
            tf, acting_user=None, title=title, topics=[topic], disciplines=list(audience), trainer_name=trainer,
            held_on=today + dt.timedelta(days=days), hours=Decimal("3"),
            region=regions[0] if regions else None, location="County Government Center, Room 200",
        )
    _roadmap(context, today)
    context.report(f"{tf.slug}: trainings", sessions, count)  # type: ignore[operator]


def _roadmap(context: GovernanceContext, today: dt.date) -> None:
    tf, rnd = context.task_force, context.random
    framework = catalog.framework()
    year = actions.fiscal_year(today)
    lead = context.users.get("coordinator")
    last = actions.start_assessment(tf, acting_user=None, year=year - 1)
    first: dict[str, dict[str, object]] = {}
    for area in framework.areas:
        base = {"collaboration": 2, "victim_services": 2, "investigations": 2, "operations": 1}.get(area.value, 2)
        for element in area.elements:
            stage = max(1, min(5, base + rnd.choice((-1, 0, 0, 1))))
            first[element.value] = {
                "stage": stage, "goal_stage": min(5, stage + 1),
                "goal": f"Reach stage {min(5, stage + 1)}: {element.label.en.lower()} in writing and in practice.",
                "progress": "Discussed at the co-leads' meeting; owners named.",
            }
    actions.rate_elements(last, acting_user=lead, ratings=first)
    actions.complete_assessment(last, acting_user=lead)
    current = actions.start_assessment(tf, acting_user=lead, year=year)
    update: dict[str, dict[str, object]] = {}
    for area in framework.areas:
        ahead = area.value in ("collaboration", "victim_services")
        for element in area.elements:
            before = first[element.value]["stage"]
            assert isinstance(before, int)
            if ahead or rnd.random() < 0.4:
                stage = min(5, before + 1)
                update[element.value] = {
                    "stage": stage, "goal_stage": min(5, stage + 1),
                    "progress": "Reached last year's goal; written procedure adopted by the partners.",
                }
    actions.rate_elements(current, acting_user=lead, ratings=update)
