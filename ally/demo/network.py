"""The demo's provider network: profiles, intake capacity, vetting visits, sub-awards and claims.

Everything here goes through the provider-network actions (ally.network.actions), with their
checks and one audit event each: there are only a few dozen records. Profiles and capacity are
recorded by the system (as the rest of the demo: acting_user=None); vetting visits name their
reviewer (a navigator of a region the provider serves who does not work for it, else the
coordinator); claims list services the provider recorded itself, with their costs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from ally.access.network import is_provider
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.demo.planner import DemoAccount, TaskForcePlan
from ally.network import checklist
from ally.network.actions.claims import create_sub_award, decide_claim_line, submit_claim
from ally.network.actions.profiles import save_provider_profile, update_intake_capacity
from ally.network.actions.vetting import record_vetting_visit
from ally.network.models import ClaimLine, LineDecision, VettingOutcome
from ally.survivors.models import ServiceDelivery
from ally.tenancy.models import Organization, TaskForce
from ally.tenancy.vocab import Discipline, TaskForceRoleKind

Progress = Callable[[str, int, int], None]

# What each kind of provider offers (service_category values) and whom it serves (population).
SERVICES: dict[str, tuple[str, ...]] = {
    "lead_vsp": ("crisis_intervention", "case_management", "emergency_shelter", "transitional_housing",
                 "basic_necessities", "mental_health", "safety_planning", "interpretation",
                 "transportation", "criminal_justice_advocacy", "public_benefits", "information_referral"),
    "vsp2": ("crisis_intervention", "case_management", "safety_planning", "mental_health",
             "life_skills", "employment", "transportation"),
    "vsp3": ("case_management", "basic_necessities", "family_reunification", "child_care",
             "education", "public_benefits", "transitional_housing"),
    "youth_shelter": ("emergency_shelter", "crisis_intervention", "case_management", "education",
                      "life_skills", "mental_health", "family_reunification"),
    "legal_aid": ("immigration_legal", "civil_legal", "criminal_legal_vacatur", "identity_documents",
                  "interpretation", "public_benefits"),
    "tribal_vsp": ("crisis_intervention", "case_management", "safety_planning", "mental_health",
                   "substance_use_treatment", "transportation", "peer_mentoring"),
    "child_welfare": ("case_management", "emergency_shelter", "family_reunification", "child_care",
                      "safety_planning"),
    "health": ("medical", "dental", "mental_health", "substance_use_treatment", "disability_assistance"),
    "faith": ("basic_necessities", "transportation", "information_referral", "peer_mentoring"),
    "survivor_led": ("peer_mentoring", "life_skills", "employment", "information_referral"),
    "hospitality": ("information_referral", "employment"),
}  # fmt: skip
POPULATIONS: dict[str, tuple[str, ...]] = {
    "youth_shelter": ("minors", "lgbtq", "sex_trafficking", "labor_trafficking"),
    "legal_aid": ("adults", "minors", "foreign_nationals", "labor_trafficking", "sex_trafficking"),
    "child_welfare": ("minors", "sex_trafficking", "labor_trafficking"),
}
DEFAULT_POPULATIONS = ("adults", "women", "men", "transgender_nonbinary", "lgbtq", "sex_trafficking",
                       "labor_trafficking")  # fmt: skip
LANGUAGES = ("Spanish", "Vietnamese", "Hmong", "Somali", "Arabic", "Haitian Creole", "Mandarin")
HOURS = (
    "Monday to Friday, 8:30 a.m. to 5 p.m.; crisis line around the clock",
    "Monday to Friday, 9 a.m. to 6 p.m.; evenings by appointment",
    "Monday to Thursday, 8 a.m. to 6 p.m.; Friday 8 a.m. to noon",
)
ELIGIBILITY = {
    "youth_shelter": "Young people 12 to 21. Minors are placed with the consent of a parent or "
                     "guardian or through child welfare.",
    "legal_aid": "Survivors of trafficking of any age and immigration status; free of charge.",
    "child_welfare": "Children and youth under 18 and their families.",
}  # fmt: skip
VISIT_NOTES = {
    VettingOutcome.CONDITIONAL: "Approved on condition that written confidentiality procedures for "
                                "interpreters are adopted within 90 days.",
    VettingOutcome.NOT_APPROVED: "No private space for intake interviews and no written "
                                 "confidentiality policy. Visit again once both are in place.",
}  # fmt: skip
CLAIM_LINES = 30  # services per claim


def _fiscal_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 10 else day.year - 1, 10, 1)


def build_network(
    task_force: TaskForce,
    tf_plan: TaskForcePlan,
    *,
    seed: int,
    organizations: dict[str, Organization],
    users: dict[str, User],
    report: Progress,
) -> None:
    """Create the provider network of one demo task force (call inside its transaction)."""
    rng = random.Random(f"{seed}:{tf_plan.slug}:network")
    today = today_in(task_force.pk)
    label = tf_plan.slug
    regions = {r.name: r for r in tf_plan.regions}
    providers = [(p.key, p) for p in tf_plan.organizations if is_provider(organizations[p.key])]
    navigators: list[DemoAccount] = [
        a for a in tf_plan.accounts if TaskForceRoleKind.NAVIGATOR in a.task_force_roles
    ]
    coordinator = next(a for a in tf_plan.accounts if a.persona == "coordinator")
    items = checklist.current().items
    # Which providers are vetted how: the last one visited was not approved, two have expired.
    keys = [key for key, _ in providers]
    not_approved = keys[-1] if len(keys) > 2 else None
    expired = set(keys[1 : 3 if len(keys) > 4 else 2]) if len(keys) > 2 else set()
    conditional = keys[3] if len(keys) > 5 else None
    for n, (key, org_plan) in enumerate(providers, start=1):
        provider = organizations[key]
        served = [regions[name] for name in org_plan.regions_served if name in regions]
        counties = [c for r in served for c in r.counties][:12]
        zips = {z for r in served for z in r.zip_codes}
        zip_code = org_plan.zip_code if org_plan.zip_code in zips or not zips else sorted(zips)[0]
        is_vs = provider.discipline == Discipline.VICTIM_SERVICES
        save_provider_profile(
            provider,
            acting_user=None,
            services=list(SERVICES.get(key, ("case_management", "information_referral"))),
            populations=list(POPULATIONS.get(key, DEFAULT_POPULATIONS)),
            languages=["English", *rng.sample(LANGUAGES, rng.randint(0, 3) if is_vs else 0)]
            if key != "legal_aid"
            else ["English", "Spanish", "French", "Haitian Creole", "Arabic"],
            counties=counties,
            zip_code=zip_code,
            hours=rng.choice(HOURS),
            crisis_line=is_vs and key not in ("legal_aid",),
            crisis_phone=org_plan.phone if is_vs and key != "legal_aid" else "",
            eligibility_notes=ELIGIBILITY.get(
                key,
                "Survivors of human trafficking of any age, gender or "
                "nationality in the counties we serve.",
            ),
        )
        update_intake_capacity(
            provider,
            acting_user=None,
            capacity=rng.randint(0, 4) if key == "youth_shelter" else rng.randint(2, 15),
        )
        # Vetting: a navigator of a region it serves who does not work for it, else the coordinator.
        region_names = set(org_plan.regions_served)
        reviewer_account = next(
            (a for a in navigators if set(a.navigator_regions) & region_names
             and key not in {k for k, _ in a.memberships}), coordinator)  # fmt: skip
        reviewer = users[reviewer_account.key]
        outcome = (VettingOutcome.NOT_APPROVED if key == not_approved
                   else VettingOutcome.CONDITIONAL if key == conditional else VettingOutcome.APPROVED)  # fmt: skip
        if key in expired:
            # Visited once, more than a year ago, and not since: the vetting has lapsed.
            visited = today - dt.timedelta(days=rng.randint(400, 520))
            visits = [(visited, VettingOutcome.APPROVED)]
        else:
            visited = today - dt.timedelta(days=rng.randint(20, 300))
            visits = [(visited - dt.timedelta(days=365 + rng.randint(0, 30)), VettingOutcome.APPROVED),
                      (visited, outcome)]  # fmt: skip
        for day, result in visits:
            answers = {item.key: ("met" if rng.random() < 0.85 else "partly") for item in items}
            if result == VettingOutcome.NOT_APPROVED:
                answers |= {item.key: "not_met" for item in items[:3]}
            record_vetting_visit(
                provider, acting_user=None, reviewer=reviewer, visited_on=day, answers=answers,
                outcome=result, notes=VISIT_NOTES.get(result, ""),
                revisit_on=day + dt.timedelta(days=365) if result != VettingOutcome.NOT_APPROVED else None,
            )  # fmt: skip
        report(f"{label}: provider network", n, len(providers))
    _awards(task_force, keys, organizations, users, coordinator, today)


def _awards(task_force: TaskForce, keys: list[str], organizations: dict[str, Organization],
            users: dict[str, User], coordinator: DemoAccount, today: dt.date) -> None:  # fmt: skip
    """Two sub-awards for last fiscal year, each with a decided claim and one still pending."""
    last_year = _fiscal_year_start(today).replace(year=_fiscal_year_start(today).year - 1)
    ends = last_year.replace(year=last_year.year + 1) - dt.timedelta(days=1)
    quarters = [
        (last_year, dt.date(last_year.year, 12, 31)),
        (dt.date(ends.year, 1, 1), dt.date(ends.year, 3, 31)),
    ]
    awarded = 0
    for key in keys:
        if awarded == 2:
            break
        provider = organizations[key]
        own = ServiceDelivery.objects.filter(
            organization=provider,
            provider=provider,
            deleted_at=None,
            client__deleted_at=None,
            cost__gt=0,
        )
        per_quarter = [list(own.filter(delivered_on__range=q).order_by("delivered_on", "pk")
                            .values_list("pk", "cost")[:CLAIM_LINES]) for q in quarters]  # fmt: skip
        if not all(per_quarter):
            continue
        total = sum(
            (cost or Decimal(0) for services in per_quarter for _, cost in services), Decimal(0)
        )
        budget = (total * Decimal("1.6")).quantize(Decimal("1000")) + Decimal(5000)
        create_sub_award(provider, acting_user=None, budget=budget, starts_on=last_year, ends_on=ends,
                         reference=f"VOCA-{last_year.year + 1}-{awarded + 1:03d}")  # fmt: skip
        for (start, end), services in zip(quarters, per_quarter, strict=True):
            claim = submit_claim(provider, acting_user=None, period_start=start, period_end=end,
                                 service_ids=[pk for pk, _ in services],
                                 reference=f"INV-{end:%Y%m}-{key[:4].upper()}")  # fmt: skip
            lines = list(ClaimLine.objects.filter(claim=claim).order_by("number"))
            # The first quarter is decided (one line rejected); the second half-way through.
            decided = lines if start == quarters[0][0] else lines[: len(lines) // 2]
            for line in decided:
                if line.number == 2:
                    decide_claim_line(line, acting_user=None, decision=LineDecision.REJECTED,
                                      reason="The service notes do not show it was given in person.")  # fmt: skip
                else:
                    decide_claim_line(line, acting_user=None, decision=LineDecision.APPROVED)
        awarded += 1
