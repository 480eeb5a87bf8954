"""Normalizing identifiers: what an investigator typed becomes the key the deconfliction index
compares, so the same target written two ways is found.

``normalize(kind, value, details)`` returns the key (exact kinds: the normalized value; people and
businesses: the normalized name), the blocking key fuzzy names are compared within (a person's
date of birth, a business's ZIP or city and state), a tidy display form and the cleaned details to
store. Bad input raises ``InvalidInput`` with a message the investigator can act on.

- phone: E.164 (U.S. by default), so ``(608) 555-0142`` and ``+1 608-555-0142`` are one key.
- email: lower case.
- vehicle: ``ST:PLATE`` — the state's code and the plate without spaces, dashes or dots.
- account: ``platform:handle`` — lower case, without a leading @.
- url: host without ``www.`` and path without a trailing slash, no scheme, no tracking parameters.
- address: the street with the usual abbreviations unified, then the ZIP5.
- person: ``given family`` without accents or punctuation, blocked by date of birth (a person
  without a date of birth is indexed but never matched by name alone).
- business: the name without legal suffixes (LLC, Inc…), blocked by ZIP5 or city and state.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.core.errors import InvalidInput
from ally.tenancy.vocab import US_STATES

KINDS = ("person", "phone", "email", "address", "vehicle", "account", "url", "business")
BLOCK_MAX = 40  # Pointer.block
KEY_MAX = 300  # Pointer.key


@dataclass(frozen=True)
class Normalized:
    key: str
    block: str
    display: str
    details: dict[str, str] = field(default_factory=dict)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _fold(value: str) -> str:
    """Lower case, accents stripped, punctuation removed, single spaces."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("'", "").replace("\u2019", "")  # O'Brien → obrien
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _state(value: Any) -> str:
    state = _text(value).upper()
    if state not in US_STATES:
        raise InvalidInput(_("Give the state as its two-letter code, for example WI."))
    return state


def _zip5(value: Any, *, required: bool) -> str:
    text = _text(value)
    if not text:
        if required:
            raise InvalidInput(_("Give the ZIP code."))
        return ""
    match = re.fullmatch(r"(\d{5})(?:[- ]?\d{4})?", text)
    if not match:
        raise InvalidInput(_("A ZIP code has five digits (or five, a dash and four)."))
    return match.group(1)


def _phone(value: str, details: dict[str, Any]) -> Normalized:
    text = _text(value)
    if not text or len(text) > 40:
        raise InvalidInput(_("Give the phone number, for example (608) 555-0142."))
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        raise InvalidInput(_("This is not a phone number: check the digits.")) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput(_("This is not a valid phone number: check the digits and the area code."))
    key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return Normalized(key, "", phonenumbers.format_number(number, style), {})


def _email(value: str, details: dict[str, Any]) -> Normalized:
    text = _text(value).lower()
    try:
        validate_email(text)
    except ValidationError:
        raise InvalidInput(_("This is not an email address.")) from None
    return Normalized(text, "", text, {})


def _vehicle(value: str, details: dict[str, Any]) -> Normalized:
    if not _text(details.get("state")):
        raise InvalidInput(_("Give the state that issued the plate."))
    state = _state(details.get("state"))
    plate = re.sub(r"[\s.\-]+", "", str(value or "")).upper()
    if not re.fullmatch(r"[A-Z0-9]{1,8}", plate):
        raise InvalidInput(_("A license plate has 1 to 8 letters and digits."))
    return Normalized(f"{state}:{plate}", "", f"{plate} ({state})", {"state": state})


def _account(value: str, details: dict[str, Any]) -> Normalized:
    platform = _fold(_text(details.get("platform"))).replace(" ", "")
    if not platform:
        raise InvalidInput(_("Give the platform of the account, for example instagram."))
    handle = _text(value).lstrip("@").lower()
    if not handle or any(c.isspace() for c in handle) or len(handle) > 200:
        raise InvalidInput(_("Give the account's handle, without spaces."))
    return Normalized(f"{platform}:{handle}", "", f"@{handle} ({platform})", {"platform": platform})


_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_eid|mc_cid)$", re.IGNORECASE)


def _url(value: str, details: dict[str, Any]) -> Normalized:
    text = _text(value)
    if text and "://" not in text and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$|\?)", text, re.IGNORECASE):
        text = "https://" + text  # typed without a scheme: example.com/ad/1
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInput(_("Give a web address starting with http:// or https://."))
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host or " " in host:
        raise InvalidInput(_("Give a web address starting with http:// or https://."))
    path = parts.path.rstrip("/")
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    )
    key = host + (f":{parts.port}" if parts.port else "") + path + (f"?{query}" if query else "")
    if len(key) > KEY_MAX:
        raise InvalidInput(_("This web address is too long."))
    return Normalized(key, "", key, {})


# Street words written several ways, to one form (USPS Publication 28 style).
_STREET_WORDS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "ave": "ave", "boulevard": "blvd",
    "road": "rd", "drive": "dr", "lane": "ln", "court": "ct", "place": "pl", "terrace": "ter",
    "circle": "cir", "highway": "hwy", "parkway": "pkwy", "square": "sq", "trail": "trl",
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne", "northwest": "nw",
    "southeast": "se", "southwest": "sw", "apartment": "apt", "unit": "apt", "suite": "apt",
    "ste": "apt", "number": "apt", "no": "apt", "room": "apt", "rm": "apt", "floor": "fl",
    "building": "bldg", "mount": "mt", "saint": "st", "fort": "ft", "point": "pt",
}


def _street_key(street: str) -> str:
    words = _fold(street.replace("#", " apt ")).split()
    out: list[str] = []
    for word in words:
        word = _STREET_WORDS.get(word, word)
        if word == "apt" and out and out[-1] == "apt":
            continue
        out.append(word)
    return " ".join(out)


def _address(value: str, details: dict[str, Any]) -> Normalized:
    street = _text(value)
    if not street:
        raise InvalidInput(_("Give the street address."))
    zip5 = _zip5(details.get("zip"), required=True)
    city = _text(details.get("city"))
    state = _state(details["state"]) if _text(details.get("state")) else ""
    key = f"{_street_key(street)} {zip5}"
    cleaned = {"city": city, "state": state, "zip": zip5}
    place = ", ".join(p for p in (city, " ".join(p for p in (state, zip5) if p)) if p)
    return Normalized(key[:KEY_MAX], "", f"{street}, {place}", cleaned)


def _person(value: str, details: dict[str, Any]) -> Normalized:
    given = _text(details.get("given_name"))
    family = _text(details.get("family_name"))
    if not family and _text(value):  # a name typed in one field: last word is the family name
        *first, last = _text(value).split()
        given, family = given or " ".join(first), last
    if not _fold(family):
        raise InvalidInput(_("Give the person's family name."))
    born = _text(details.get("date_of_birth"))
    block = ""
    if born:
        try:
            date = dt.date.fromisoformat(born)
        except ValueError:
            raise InvalidInput(_("Give the date of birth as YYYY-MM-DD.")) from None
        if date > timezone.localdate() or date.year < 1900:
            raise InvalidInput(_("This date of birth is not possible."))
        block = date.isoformat()
    key = " ".join(p for p in (_fold(given), _fold(family)) if p)
    display = " ".join(p for p in (given, family) if p)
    cleaned = {"given_name": given, "family_name": family, "date_of_birth": block}
    return Normalized(key[:KEY_MAX], block, display, cleaned)


_LEGAL_SUFFIXES = frozenset(
    {"llc", "l l c", "inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
     "limited", "lp", "llp", "pllc", "pc"}
)


def business_key(name: str) -> str:
    words = _fold(name.replace("&", " and ")).split()
    while words and (words[-1] in _LEGAL_SUFFIXES):
        words.pop()
    if len(words) >= 3 and " ".join(words[-3:]) == "l l c":
        words = words[:-3]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _business(value: str, details: dict[str, Any]) -> Normalized:
    name = _text(value)
    key = business_key(name)
    if not key:
        raise InvalidInput(_("Give the business's name."))
    zip5 = _zip5(details.get("zip"), required=False)
    city = _text(details.get("city"))
    state = _state(details["state"]) if _text(details.get("state")) else ""
    if zip5:
        block = zip5
    elif city and state:
        block = f"{_fold(city)}|{state}"[-BLOCK_MAX:]
    else:
        raise InvalidInput(_("Give the business's ZIP code, or its city and state."))
    cleaned = {"zip": zip5, "city": city, "state": state}
    return Normalized(key[:KEY_MAX], block, name, cleaned)


_NORMALIZERS = {
    "phone": _phone, "email": _email, "vehicle": _vehicle, "account": _account, "url": _url,
    "address": _address, "person": _person, "business": _business,
}


def normalize(kind: str, value: str, details: dict[str, Any] | None = None) -> Normalized:
    """The identifier as the index keeps it; ``InvalidInput`` if it cannot be one."""
    normalizer = _NORMALIZERS.get(kind)
    if normalizer is None:
        raise InvalidInput(_("Unknown kind of identifier."))
    if details is not None and not isinstance(details, dict):
        raise InvalidInput(_("Unknown kind of identifier."))
    return normalizer(str(value or ""), dict(details or {}))
