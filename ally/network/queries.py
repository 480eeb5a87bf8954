"""Read helpers for the provider network, built on the access policy. Provider matching
(ally.referrals) reads providers through ``providers`` and ``valid_vetting``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Subquery, When

from ally.access.network import visible_providers
from ally.network.models import (
    VETTED_OUTCOMES,
    ClaimLine,
    LineDecision,
    ProviderProfile,
    SubAward,
    VettingVisit,
)
from ally.tenancy.models import Organization, Region

ZERO = Decimal("0.00")


# --- Vetting -----------------------------------------------------------------------------------


def latest_vetting(provider: Organization, day: dt.date) -> VettingVisit | None:
    """The provider's latest vetting visit on or before ``day`` (the one that counts then)."""
    return (
        VettingVisit.objects.filter(organization=provider, visited_on__lte=day)
        .order_by("-visited_on", "-id")
        .first()
    )


def valid_vetting(provider: Organization, day: dt.date) -> VettingVisit | None:
    """The visit that makes the provider vetted on ``day``: its latest visit by then approved
    (with or without conditions) and its revisit date not passed. None: not validly vetted."""
    visit = latest_vetting(provider, day)
    if visit is None or visit.outcome not in VETTED_OUTCOMES or visit.revisit_on is None:
        return None
    return visit if visit.revisit_on >= day else None


def with_vetting(organizations: QuerySet[Organization], day: dt.date) -> QuerySet[Organization]:
    """Annotate each organization with its vetting as of ``day``: ``vetting_outcome``,
    ``vetting_visited_on``, ``vetting_revisit_on`` (of the latest visit by then, or None) and
    ``vetting_valid`` (the same rule as ``valid_vetting``), in the same query."""
    latest = VettingVisit.objects.filter(organization_id=OuterRef("pk"), visited_on__lte=day).order_by(
        "-visited_on", "-id"
    )
    return organizations.annotate(
        vetting_outcome=Subquery(latest.values("outcome")[:1]),
        vetting_visited_on=Subquery(latest.values("visited_on")[:1]),
        vetting_revisit_on=Subquery(latest.values("revisit_on")[:1]),
    ).annotate(
        vetting_valid=Case(
            When(Q(vetting_outcome__in=VETTED_OUTCOMES, vetting_revisit_on__gte=day), then=True),
            default=False,
            output_field=BooleanField(),
        )
    )


# --- Providers and the directory ---------------------------------------------------------------


def providers(user: Any, day: dt.date) -> QuerySet[Organization]:
    """Every provider the user may see, each with ``provider_profile`` (None until filled in),
    its regions, its vetting as of ``day`` (see ``with_vetting``) and ``sub_awarded`` (a
    sub-award in force on ``day``): a fixed number of queries however many providers."""
    in_force = SubAward.objects.filter(organization_id=OuterRef("pk"), starts_on__lte=day, ends_on__gte=day)
    return (
        with_vetting(visible_providers(user), day)
        .annotate(sub_awarded=Exists(in_force))
        .select_related("provider_profile__capacity_updated_by")
        .prefetch_related("regions_served")
        .order_by("name")
    )


@dataclass(frozen=True)
class DirectoryFilters:
    service: str = ""
    population: str = ""
    language: str = ""
    region: Region | None = None
    county: str = ""
    crisis_line: bool = False
    has_capacity: bool = False
    vetted: bool = False


def directory(user: Any, day: dt.date, filters: DirectoryFilters) -> list[Organization]:
    """The provider directory as the user sees it, filtered."""
    return filter_providers(providers(user, day), filters)


def filter_providers(rows: Iterable[Organization], filters: DirectoryFilters) -> list[Organization]:
    """Providers (from ``providers``) that pass every filter given. Filtered in Python: SQLite
    cannot look inside JSON lists, a task force has hundreds of providers at most, and a page
    that also lists the languages on offer loads them all anyway."""
    return [organization for organization in rows if _matches(organization, filters)]


def profile_of(organization: Organization) -> ProviderProfile | None:
    """The organization's profile, or None when it has not been filled in."""
    return getattr(organization, "provider_profile", None)


def _matches(organization: Organization, filters: DirectoryFilters) -> bool:
    if filters.region is not None and filters.region.pk not in {r.pk for r in organization.regions_served.all()}:
        return False
    if filters.vetted and not getattr(organization, "vetting_valid", False):
        return False
    wants_profile = (
        filters.service or filters.population or filters.language or filters.county
        or filters.crisis_line or filters.has_capacity
    )
    if not wants_profile:
        return True
    profile = profile_of(organization)
    if profile is None:
        return False
    return (
        (not filters.service or profile.offers(filters.service))
        and (not filters.population or profile.serves({filters.population}))
        and (not filters.language or profile.speaks(filters.language))
        and (not filters.county or profile.covers_county(filters.county))
        and (not filters.crisis_line or profile.crisis_line)
        and (not filters.has_capacity or profile.has_capacity)
    )


def languages_listed(organizations: Iterable[Organization]) -> list[str]:
    """The languages these providers list, once each, sorted."""
    seen: dict[str, str] = {}
    for organization in organizations:
        profile = profile_of(organization)
        for language in profile.languages if profile else []:
            seen.setdefault(language.casefold(), language)
    return sorted(seen.values(), key=str.casefold)


def populations_of(
    *, minor: bool | None = None, gender: str = "", citizenship_status: str = "", trafficking_type: str = ""
) -> frozenset[str]:
    """The ``population`` values that describe a person, from what is recorded about them
    (prs_Gender, citizenship_status and trafficking_type values). Unknown attributes add
    nothing; LGBTQ+ is never inferred."""
    found: set[str] = set()
    if minor is not None:
        found.add("minors" if minor else "adults")
    found |= {
        "Feminine": {"women"},
        "Masculine": {"men"},
        "TransgenderFeminine": {"transgender_nonbinary"},
        "TransgenderMasculine": {"transgender_nonbinary"},
        "NonConforming": {"transgender_nonbinary"},
    }.get(gender, set())
    if citizenship_status == "foreign_national":
        found.add("foreign_nationals")
    found |= {
        "sex": {"sex_trafficking"},
        "labor": {"labor_trafficking"},
        "both": {"sex_trafficking", "labor_trafficking"},
    }.get(trafficking_type, set())
    return frozenset(found)


# --- Money -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    """Amounts of a sub-award or a claim, exact to the cent."""

    budget: Decimal
    claimed: Decimal
    approved: Decimal
    rejected: Decimal
    pending: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.approved


def _totals(budget: Decimal, lines: Iterable[tuple[str, Decimal]]) -> Totals:
    # Summed here as Decimals: SQLite adds decimal columns as floating point.
    sums = {LineDecision.APPROVED: ZERO, LineDecision.REJECTED: ZERO, LineDecision.PENDING: ZERO}
    for decision, cost in lines:
        sums[LineDecision(decision)] += cost
    return Totals(
        budget=budget,
        claimed=sum(sums.values(), ZERO),
        approved=sums[LineDecision.APPROVED],
        rejected=sums[LineDecision.REJECTED],
        pending=sums[LineDecision.PENDING],
    )


def award_totals(award: SubAward) -> Totals:
    """The sub-award's budget, what its claims asked for, approved, rejected and still pending,
    and the remaining balance (budget − approved)."""
    lines = ClaimLine.objects.filter(claim__sub_award=award).values_list("decision", "cost")
    return _totals(award.budget, lines)


def claim_totals(lines: Iterable[ClaimLine], budget: Decimal = ZERO) -> Totals:
    """Totals of one claim's lines (already loaded)."""
    return _totals(budget, ((line.decision, line.cost) for line in lines))
