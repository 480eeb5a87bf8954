"""Places from offline U.S. ZIP code data (the ``zipcodes`` package): never the network.

Counties are compared by a key that ignores case and the words "County", "Parish" and "Borough",
so "Dane County" (the ZIP data) matches "Dane" (a region's list).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import zipcodes
from django.utils.translation import gettext as _

from ally.core.errors import InvalidInput

ZIP = re.compile(r"\d{5}(-\d{4})?")
_COUNTY_SUFFIX = re.compile(r"\s+(county|parish|borough)$", re.IGNORECASE)
EARTH_RADIUS_MILES = 3958.8


@dataclass(frozen=True)
class Place:
    zip_code: str
    city: str
    county: str  # without "County"
    state: str
    latitude: float
    longitude: float


def county_name(name: str) -> str:
    """A county as people write it: "Dane County" → "Dane"."""
    return _COUNTY_SUFFIX.sub("", " ".join(name.split()))


def county_key(name: str) -> str:
    return county_name(name).casefold()


def zip_place(zip_code: str) -> Place:
    """The ZIP code's place; InvalidInput when it is malformed or not a known U.S. ZIP code."""
    cleaned = (zip_code or "").strip()
    if not ZIP.fullmatch(cleaned):
        raise InvalidInput(_("Enter a five-digit ZIP code, such as 53703."))
    found = zipcodes.matching(cleaned[:5])  # type: ignore[no-untyped-call]  # the package's wrapper is unannotated
    if not found:
        raise InvalidInput(
            _("ZIP code %(zip)s is not a known U.S. ZIP code.") % {"zip": cleaned[:5]}
        )
    row = found[0]
    return Place(
        zip_code=cleaned[:5],
        city=row["city"],
        county=county_name(row["county"]),
        state=row["state"],
        latitude=float(row["lat"]),
        longitude=float(row["long"]),
    )


@cache
def counties_of(state: str) -> frozenset[str]:
    """The county keys of a state, from the ZIP data."""
    return frozenset(
        county_key(row["county"])
        for row in zipcodes.filter_by(state=state)  # type: ignore[no-untyped-call]
        if row["county"]
    )


def clean_counties(names: list[str], states: list[str]) -> list[str]:
    """Counties as written, without "County", deduplicated; InvalidInput naming any that no
    state of the task force has."""
    cleaned: dict[str, str] = {}
    for name in names:
        if name.strip():
            cleaned.setdefault(county_key(name), county_name(name))
    known = frozenset().union(*(counties_of(state) for state in states))
    unknown = [name for key, name in cleaned.items() if key not in known]
    if unknown:
        raise InvalidInput(
            _("Not a county of %(states)s: %(names)s")
            % {"states": ", ".join(states), "names": ", ".join(unknown)}
        )
    return sorted(cleaned.values())


def distance_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, in miles."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))
