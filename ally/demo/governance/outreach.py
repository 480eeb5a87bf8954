"""Two years of survivor-leader engagement, outreach and threat assessment for the demo.

Three or four survivor leaders (one is the demo's survivor-leader account), about thirty paid
engagements, about ten pieces of feedback (most answered), about forty outreach events across
the regions (survivor-led art and spoken-word among them, some planned from the threat
assessment), and a threat assessment per region for each of the two fiscal years: dairy and crop
agriculture in rural regions, hotels, restaurants and nail salons in the urban one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ally.access.survivors import today_in
from ally.core.fiscal import fiscal_year
from ally.outreach import actions
from ally.outreach.models import AssessedIndustry, EventKind

if TYPE_CHECKING:
    from ally.demo.governance import GovernanceContext

LEADERS = (
    ("Marisol R.", "advisor", ["labor trafficking", "agricultural work", "peer support"], "75.00"),
    ("Jay T.", "consultant", ["youth outreach", "spoken word", "training design"], "65.00"),
    ("Amara K.", "advisor", ["language access", "domestic work", "policy review"], "70.00"),
    ("Rosa M.", "consultant", ["visual art", "community organizing"], "60.00"),
)

ENGAGEMENT_KINDS = ("advisory_meeting", "review", "training", "case_consultation", "speaking", "mentoring_design")

FEEDBACK = (
    ("Intake questions", "Intake asks about the trafficking experience before people feel safe. Ask only what the service needs first.",
     "The intake protocol working group moved trauma questions to the second meeting; the change takes effect next quarter."),
    ("Payment timing", "Payment for advisory work arrives two months late, which is hard for people rebuilding their finances.",
     "Invoices are now paid within 14 days, and advance payment is offered for travel."),
    ("Language access", "Spanish and K'iche' speakers at the farm outreach had no interpreter for the Q&A.",
     "Interpreters are now booked for every worker-outreach event; K'iche' through the regional language line."),
    ("Being asked to retell", "At the awareness event I was asked to share my story again. Please let survivor leaders speak on expertise, not trauma.",
     "Speaker guidance now says survivor leaders choose their topic; no one is asked to tell their story."),
    ("Law-enforcement training", "The officers' training should include how debt bondage works in dairy and crop work.",
     "Added a module on debt bondage in agriculture to the spring training, co-taught by a survivor leader."),
    ("Shelter rules", "Curfews in emergency housing feel like control to people leaving trafficking.",
     "Shared with the housing providers; two have agreed to review their curfew rules with survivor leaders."),
    ("Outreach materials", "The hotel outreach cards use words workers do not use. Let us rewrite them.",
     "Survivor leaders were engaged to rewrite the cards; the new version is being printed."),
    ("Case reviews", "Survivor perspective is missing from the case-review meetings.",
     ""),
    ("Art night follow-up", "People at the art night asked where to get help afterwards; there was no one from services there.",
     "An advocate now attends every survivor-led event with resource cards."),
    ("Roadmap goals", "The roadmap should include a survivor-leader pay standard.",
     ""),
)

URBAN = (
    ("721110", ["labor_recruiters", "language_barriers", "cash_based", "prior_complaints"], 120, 3400),
    ("722511", ["cash_based", "language_barriers", "recruiter_debt", "living_on_site"], 900, 11000),
    ("812113", ["recruiter_debt", "language_barriers", "cash_based", "informal_business", "living_on_site"], 210, 900),
    ("561720", ["labor_recruiters", "cash_based", "language_barriers"], 160, 2600),
    ("812199", ["informal_business", "living_on_site", "cash_based", "recruiter_debt", "document_retention"], 40, 150),
    ("2361", ["labor_recruiters", "cash_based", "prior_complaints"], 300, 4000),
)
RURAL = (
    ("112120", ["h2a_visa", "isolation", "employer_housing", "language_barriers", "recruiter_debt", "seasonal_migrant_labor"], 420, 5200),
    ("111", ["seasonal_migrant_labor", "h2a_visa", "employer_housing", "isolation", "labor_recruiters"], 800, 6100),
    ("1133", ["h2b_visa", "isolation", "seasonal_migrant_labor", "employer_housing", "labor_recruiters"], 35, 900),
    ("3116", ["language_barriers", "prior_complaints", "labor_recruiters", "employer_housing"], 6, 2300),
    ("721110", ["cash_based", "language_barriers", "isolation"], 45, 600),
    ("561730", ["h2b_visa", "seasonal_migrant_labor", "labor_recruiters"], 60, 700),
)

EVENT_TITLES: dict[str, tuple[str, ...]] = {
    EventKind.LISTENING_SESSION: ("Listening session with community members", "Listening session at the public library"),
    EventKind.COMMUNITY_TRAINING: ("Community training: recognizing labor trafficking", "Training for faith leaders"),
    EventKind.AWARENESS: ("Awareness presentation at the high school", "Awareness presentation for hotel staff", "Awareness month talk"),
    EventKind.ART: ("Survivor-led art exhibit: Roots", "Survivor-led mural day"),
    EventKind.SPOKEN_WORD: ("Spoken-word night: Our Voices", "Open mic with survivor poets"),
    EventKind.MEDIA: ("Radio interview on labor trafficking", "Bus-shelter campaign launch"),
}


def build(context: GovernanceContext) -> None:
    """Build this part's two years of demo records through the actions."""
    tf, users = context.task_force, context.users
    today = today_in(tf.pk)
    coordinator = users.get("coordinator")
    co_leads = [u for key, u in users.items() if key.startswith("co_lead")]
    regions = sorted(context.regions.values(), key=lambda r: r.name)
    if not regions:
        return
    this_year = fiscal_year(today)
    leaders = _leaders(context, today)
    _engagements(context, leaders, today)
    _feedback(context, leaders, today, coordinator, co_leads)
    partners = [o for o in context.organizations.values() if o.is_active]
    industries: list[AssessedIndustry] = []
    for index, region in enumerate(regions):
        urban = index == 0 and len(regions) > 1
        for year in (this_year - 1, this_year):
            industries += _assessment(context, region, year, URBAN if urban else RURAL, urban)
    _events(context, regions, leaders, partners, industries, today)


def _leaders(context: GovernanceContext, today: dt.date) -> list[Any]:
    count = 4 if len(context.regions) > 2 else 3
    leaders = []
    for n, (name, kind, expertise, rate) in enumerate(LEADERS[:count]):
        leaders.append(actions.add_survivor_leader(
            context.task_force, acting_user=None, name=name, kind=kind, expertise=expertise,
            user=context.users.get("survivor_leader") if n == 0 else None,
            started_on=today - dt.timedelta(days=760 - 90 * n), hourly_rate=Decimal(rate),
        ))
    return leaders


def _engagements(context: GovernanceContext, leaders: list[Any], today: dt.date) -> None:
    rng = context.random
    for n in range(30):
        leader = leaders[n % len(leaders)]
        start = max(leader.started_on, today - dt.timedelta(days=720))
        day = start + dt.timedelta(days=rng.randrange(max((today - start).days, 1)))
        hours = Decimal(rng.choice(("1", "1.5", "2", "3", "4", "6")))
        declined = n == 17
        actions.record_engagement(
            leader, acting_user=None, kind=rng.choice(ENGAGEMENT_KINDS), occurred_on=day, hours=hours,
            compensation=Decimal(0) if declined else hours * (leader.hourly_rate or Decimal(60)),
            unpaid_reason="declined payment" if declined else "",
            notes="Reviewed materials and gave written recommendations." if n % 3 == 0 else "",
        )


def _feedback(context: GovernanceContext, leaders: list[Any], today: dt.date, coordinator: Any, co_leads: list[Any]) -> None:
    rng = context.random
    for n, (topic, text, response) in enumerate(FEEDBACK):
        leader = leaders[n % len(leaders)]
        received = today - dt.timedelta(days=20 + (len(FEEDBACK) - n) * 60 + rng.randrange(20))
        received = max(received, leader.started_on)
        feedback = actions.record_feedback(leader, acting_user=None, topic=topic, text=text, received_on=received)
        if response:
            responder = rng.choice([coordinator, *co_leads]) if coordinator else None
            actions.respond_to_feedback(feedback, acting_user=responder, response=response)


def _assessment(context: GovernanceContext, region: Any, year: int, catalogue: tuple[Any, ...], urban: bool) -> list[AssessedIndustry]:
    rng = context.random
    notes = (
        "Hotels, restaurants and personal-care businesses near the interstate; labor-recruiter networks for cleaning crews."
        if urban else
        "Dairy and crop farms with H-2A crews in employer housing, far from services; very few tips from farm workers."
    )
    assessment = actions.record_threat_assessment(region, acting_user=None, fiscal_year=year, notes=notes)
    rows = []
    for code, factors, establishments, workers in catalogue[: 4 + rng.randrange(3)]:
        present = [f for f in factors if rng.random() > 0.15] if year < fiscal_year(today_in(context.task_force.pk)) else factors
        rows.append(actions.add_assessed_industry(
            assessment, acting_user=None, naics_code=code, establishments=establishments + rng.randrange(-5, 6),
            workers=workers + rng.randrange(-50, 51), factors=present,
        ))
    return rows


def _events(context: GovernanceContext, regions: list[Any], leaders: list[Any], partners: list[Any],
            industries: list[AssessedIndustry], today: dt.date) -> None:
    rng = context.random
    tf = context.task_force
    plain = [k for k in EVENT_TITLES if k not in (EventKind.ART, EventKind.SPOKEN_WORD)]
    for n in range(40):
        region = regions[n % len(regions)]
        kind: str
        if n % 8 == 3:
            kind = rng.choice((EventKind.ART, EventKind.SPOKEN_WORD))
        else:
            kind = rng.choice(plain)
        day = today - dt.timedelta(days=rng.randrange(5, 720)) if n < 34 else today + dt.timedelta(days=rng.randrange(7, 90))
        survivor_led = kind in (EventKind.ART, EventKind.SPOKEN_WORD) or n % 11 == 0
        event = actions.plan_event(
            tf, acting_user=None, kind=kind, title=rng.choice(EVENT_TITLES[kind]), occurred_on=day, region=region,
            county=rng.choice(region.counties) if region.counties else "",
            audience=rng.choice(("Community members", "Students and teachers", "Hotel and restaurant staff", "Faith leaders", "Health workers")),
            survivor_led=survivor_led, leaders=[rng.choice(leaders)] if survivor_led else [],
            partners=rng.sample(partners, min(2, len(partners))),
        )
        _finish(event, day, today, rng, n)
    # Outreach planned from the threat assessment: the highest-scoring industries.
    ranked = sorted(industries, key=lambda row: -row.score)[: max(4, len(regions) * 2)]
    for n, row in enumerate(ranked):
        assessment = row.assessment
        start = dt.date(assessment.fiscal_year - 1, 10, 1)
        day = min(start + dt.timedelta(days=rng.randrange(60, 330)), today + dt.timedelta(days=30))
        event = actions.plan_event(
            tf, acting_user=None, kind=EventKind.WORKER_OUTREACH, title=f"Worker outreach: {row.title}", occurred_on=day,
            region=assessment.region, audience="Workers of the industry, with interpreters", industry=row,
            partners=rng.sample(partners, min(2, len(partners))), other_partners="Worker center; farmworker legal aid",
        )
        _finish(event, day, today, rng, n)


def _finish(event: Any, day: dt.date, today: dt.date, rng: Any, n: int) -> None:
    if day > today:
        return
    if n % 13 == 5:
        actions.cancel_event(event, acting_user=None)
        return
    actions.record_event_held(event, acting_user=None, attendance=rng.randrange(8, 120))
