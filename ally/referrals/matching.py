"""Ranking providers for a referral in a navigator's queue, with the reasons shown.

A provider is a candidate when it offers at least one requested service. Points, each with its
reason: every requested service offered (40, or a share of it); the person's county served (30),
else the referral's region (20), else nearer is better (up to 15, by miles from the county);
intake capacity reported above zero (10) or zero (−30); a valid vetting (15) or none (−15); the
person's language listed (10) or not (−10); a minor and minors served (10) or not (−20); a 24/7
crisis line for an emergency (5). Ties go to the nearer provider, then by name.

The ranking reads only what the navigator already sees on the referral: for a client's referral
that is the services and urgency (never the client's record), for a person encountered the
minimal form (county, age, languages).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

import zipcodes
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ally.access.survivors import today_in
from ally.network.models import ProviderProfile
from ally.network.places import county_key, distance_miles
from ally.network.queries import with_vetting
from ally.referrals.models import Referral, Urgency
from ally.survivors import vocabularies
from ally.tenancy.models import Organization

_AGE = re.compile(r"\d+")


@dataclass
class Match:
    organization: Organization
    score: int = 0
    miles: float | None = None
    reasons: list[str] = field(default_factory=list)


@cache
def county_point(county: str, states: tuple[str, ...]) -> tuple[float, float] | None:
    """The middle of a county (mean of its ZIP codes' points), from the offline ZIP data."""
    key = county_key(county)
    points = [
        (float(z["lat"]), float(z["long"]))
        for state in states
        for z in zipcodes.filter_by(state=state)  # type: ignore[no-untyped-call]
        if county_key(z.get("county", "")) == key
    ]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _is_minor(age: str) -> bool:
    numbers = [int(n) for n in _AGE.findall(age or "")]
    return bool(numbers) and max(numbers) < 18


def rank_for(referral: Referral, day: dt.date | None = None) -> list[Match]:
    day = day or today_in(referral.task_force_id)
    wanted = list(referral.services)
    candidates = with_vetting(
        Organization.objects.filter(task_force_id=referral.task_force_id, is_active=True)
        .exclude(pk=referral.from_organization_id)
        .filter(provider_profile__isnull=False),
        day,
    ).select_related("provider_profile").prefetch_related("regions_served")
    county = referral.person_county.strip()
    point = county_point(county, tuple(referral.task_force.states)) if county else None
    languages = [w.strip().casefold() for w in re.split(r"[,;/]", referral.person_languages) if w.strip()]
    matches = []
    for organization in candidates:
        profile: ProviderProfile = organization.provider_profile
        offered = [s for s in wanted if s in profile.services]
        if not offered:
            continue
        match = Match(organization)
        _services(match, wanted, offered)
        _place(match, referral, profile, organization, county, point)
        _capacity(match, profile)
        if getattr(organization, "vetting_valid", False):
            match.score += 15
            match.reasons.append(_("Vetted (site visit on %(day)s)") % {"day": organization.vetting_visited_on})  # type: ignore[attr-defined]
        else:
            match.score -= 15
            match.reasons.append(_("No valid vetting"))
        _language(match, profile, languages)
        if _is_minor(referral.person_age):
            if "minors" in profile.populations:
                match.score += 10
                match.reasons.append(_("Serves minors"))
            else:
                match.score -= 20
                match.reasons.append(_("Does not list minors among those it serves"))
        if referral.urgency == Urgency.EMERGENCY and profile.crisis_line:
            match.score += 5
            match.reasons.append(_("24/7 crisis line"))
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.miles if m.miles is not None else 1e9, m.organization.name))
    return matches


def _services(match: Match, wanted: list[str], offered: list[str]) -> None:
    names = ", ".join(vocabularies.label("service_category", s) for s in offered)
    if len(offered) == len(wanted):
        match.score += 40
        match.reasons.append(_("Offers every service requested: %(names)s") % {"names": names})
    else:
        match.score += 40 * len(offered) // len(wanted)
        match.reasons.append(_("Offers %(n)d of the %(total)d services requested: %(names)s")
                             % {"n": len(offered), "total": len(wanted), "names": names})


def _place(match: Match, referral: Referral, profile: ProviderProfile, organization: Organization,
           county: str, point: tuple[float, float] | None) -> None:
    if point is not None and profile.latitude is not None and profile.longitude is not None:
        match.miles = distance_miles(point, (profile.latitude, profile.longitude))
    regions = list(organization.regions_served.all())
    served = {county_key(c) for c in [*profile.counties, profile.county, *(c for r in regions for c in r.counties)] if c}
    if county and county_key(county) in served:
        match.score += 30
        match.reasons.append(_("Serves %(county)s County") % {"county": county})
    elif referral.to_region_id is not None and any(r.pk == referral.to_region_id for r in regions):
        match.score += 20
        match.reasons.append(_("Serves the %(region)s region") % {"region": referral.to_region.name if referral.to_region else ""})
    elif match.miles is not None:
        match.score += max(0, 15 - int(match.miles // 20))
    if match.miles is not None:
        miles = round(match.miles)
        match.reasons.append(ngettext("About %(n)d mile away", "About %(n)d miles away", miles) % {"n": miles})


def _capacity(match: Match, profile: ProviderProfile) -> None:
    if profile.intake_capacity is None:
        match.reasons.append(_("Capacity not reported"))
    elif profile.intake_capacity > 0:
        match.score += 10
        match.reasons.append(ngettext("Room for %(n)d more now", "Room for %(n)d more now", profile.intake_capacity)
                             % {"n": profile.intake_capacity})
    else:
        match.score -= 30
        match.reasons.append(_("No intake capacity now"))


def _language(match: Match, profile: ProviderProfile, languages: list[str]) -> None:
    if not languages:
        return
    listed = {language.casefold() for language in profile.languages}
    spoken = [w for w in languages if w in listed]
    if spoken:
        match.score += 10
        match.reasons.append(_("Serves in %(language)s") % {"language": ", ".join(w.capitalize() for w in spoken)})
    else:
        match.score -= 10
        match.reasons.append(_("Does not list %(language)s") % {"language": ", ".join(w.capitalize() for w in languages)})
