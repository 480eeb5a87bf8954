"""Possible duplicates of a new client, inside one organization only (issue 3, item 9).

How it stays fast: one SQL query narrows the organization's clients to candidates — the same date
of birth, a phone containing the last four digits given, or a name, preferred name or alias
containing the first three letters of any word of the names given — with strong candidates (date
of birth or phone) ordered first and the set capped at ``MAX_CANDIDATES``. Only those candidates
are scored in Python. A typo in the first three letters of every word is caught only when the date
of birth or phone also match; that is the trade for never scanning a whole caseload.

Scoring: names are normalised (case, accents, punctuation) and compared as sets of words with
difflib's ratio, against the client's legal name, preferred name and aliases. Phones are compared
as digits, a leading U.S. country code dropped. Nothing is ever matched across organizations.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from ally.survivors.models import Client
from ally.tenancy.models import Organization

MAX_CANDIDATES = 400
SIMILAR_NAME = 0.85  # a name this similar is a match on its own
NAME_WITH_DOB = 0.6  # with the same date of birth, a looser name still counts
PREFIX = 3


@dataclass(frozen=True)
class Match:
    """An existing client who may be the same person, and why we think so."""

    client: Client
    score: float
    reasons: tuple[str, ...]


def normalize_name(name: str) -> list[str]:
    """Lower-case words without accents or punctuation: "  José-María O'Neil" → [jose, maria, o, neil]."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return "".join(c if c.isalnum() else " " for c in plain).split()


def normalize_phone(phone: str) -> str:
    """Digits only, a leading U.S. country code dropped: "+1 608-555-0142" → "6085550142"."""
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def name_similarity(a: str, b: str) -> float:
    """0–1: the best of whole-name and word-set comparison, so word order does not matter.

    A name whose words are all in the other (at least two words in common) scores 1.0:
    "Maria Gonzalez" and "Maria Elena Gonzalez".
    """
    words_a, words_b = normalize_name(a), normalize_name(b)
    if not words_a or not words_b:
        return 0.0
    sorted_a, sorted_b = " ".join(sorted(words_a)), " ".join(sorted(words_b))
    best = SequenceMatcher(None, sorted_a, sorted_b).ratio()
    common = sorted(set(words_a) & set(words_b))
    if len(common) >= 2:
        shared = " ".join(common)
        rest_a = " ".join(sorted(set(words_a) - set(common)))
        rest_b = " ".join(sorted(set(words_b) - set(common)))
        joined_a = f"{shared} {rest_a}".strip()
        joined_b = f"{shared} {rest_b}".strip()
        best = max(
            best,
            SequenceMatcher(None, shared, joined_a).ratio(),
            SequenceMatcher(None, shared, joined_b).ratio(),
        )
    return round(best, 2)


def _candidate_filter(names: Iterable[str], date_of_birth: dt.date | None, phone_digits: str) -> Q:
    condition = Q(pk__in=[])
    if date_of_birth is not None:
        condition |= Q(date_of_birth=date_of_birth)
    if len(phone_digits) >= 7:
        condition |= Q(phone__contains=phone_digits[-4:])
    prefixes = {word[:PREFIX] for name in names for word in normalize_name(name) if len(word) >= 2}
    for prefix in sorted(prefixes):
        condition |= (
            Q(legal_name__icontains=prefix)
            | Q(preferred_name__icontains=prefix)
            | Q(aliases__icontains=prefix)
        )
    return condition


def possible_duplicates(
    organization: Organization,
    *,
    legal_name: str,
    date_of_birth: dt.date | None = None,
    phone: str = "",
    aliases: Iterable[str] = (),
    limit: int = 5,
) -> list[Match]:
    """Existing clients of ``organization`` who may be the person about to be added, best first.

    Only this organization's (not deleted) clients are searched, in one query. The caller shows
    the matches to someone about to create a client there; an advocate who may not see a matched
    client should be told only that a possible match exists (ask a supervisor).
    """
    names = [n for n in (legal_name, *aliases) if n.strip()]
    phone_digits = normalize_phone(phone)
    condition = _candidate_filter(names, date_of_birth, phone_digits)
    strong = Q(pk__in=[])
    if date_of_birth is not None:
        strong |= Q(date_of_birth=date_of_birth)
    if len(phone_digits) >= 7:
        strong |= Q(phone__contains=phone_digits[-4:])
    candidates = (
        Client.objects.filter(condition, organization=organization, deleted_at=None)
        .annotate(
            strong=Case(When(strong, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
        .order_by("-strong", "pk")[:MAX_CANDIDATES]
    )
    matches = [
        match
        for client in candidates
        if (match := _score(client, names, date_of_birth, phone_digits)) is not None
    ]
    matches.sort(key=lambda m: (-m.score, m.client.pk))
    return matches[:limit]


def _score(
    client: Client, names: list[str], date_of_birth: dt.date | None, phone_digits: str
) -> Match | None:
    their_names = [client.legal_name, client.preferred_name, *(str(a) for a in client.aliases)]
    similarity = max(
        (name_similarity(mine, theirs) for mine in names for theirs in their_names if theirs),
        default=0.0,
    )
    same_dob = date_of_birth is not None and client.date_of_birth == date_of_birth
    same_phone = len(phone_digits) >= 7 and normalize_phone(client.phone) == phone_digits
    if not (same_phone or similarity >= SIMILAR_NAME or (same_dob and similarity >= NAME_WITH_DOB)):
        return None
    reasons = []
    if same_dob:
        reasons.append(_("same date of birth"))
    if similarity >= NAME_WITH_DOB:
        reasons.append(_("similar name (%(score).2f)") % {"score": similarity})
    if same_phone:
        reasons.append(_("same phone"))
    score = similarity + (0.5 if same_dob else 0.0) + (0.5 if same_phone else 0.0)
    return Match(client=client, score=round(score, 2), reasons=tuple(reasons))
