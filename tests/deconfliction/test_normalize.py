"""What the index stores for each kind of identifier, and what it refuses."""

from __future__ import annotations

import pytest

from ally.core.errors import InvalidInput
from ally.deconfliction.normalize import normalize


@pytest.mark.parametrize(("kind", "value", "details", "key", "block"), [
    ("phone", "(608) 555-0142", None, "+16085550142", ""),
    ("phone", "+1 608-555-0142", None, "+16085550142", ""),
    ("phone", "608.555.0142", None, "+16085550142", ""),
    ("phone", "1 (608) 555 0142", None, "+16085550142", ""),
    ("phone", "+44 20 7946 0958", None, "+442079460958", ""),
    ("email", "  Tips.Line@Example.ORG ", None, "tips.line@example.org", ""),
    ("vehicle", "abc-1234", {"state": "wi"}, "WI:ABC1234", ""),
    ("vehicle", "ABC 1234", {"state": "WI"}, "WI:ABC1234", ""),
    ("vehicle", "a.b.c.1.2.3", {"state": "IL"}, "IL:ABC123", ""),
    ("account", "@Lakeside_Rose", {"platform": "Instagram"}, "instagram:lakeside_rose", ""),
    ("url", "https://www.Example.com/ads/123/?utm_source=x&fbclid=y", None, "example.com/ads/123", ""),
    ("url", "http://example.com/ads/123", None, "example.com/ads/123", ""),
    ("url", "https://example.com/ad?id=7&utm_medium=z", None, "example.com/ad?id=7", ""),
    ("address", "123 North Main Street Apartment 4", {"city": "Madison", "state": "WI", "zip": "53703"},
     "123 n main st apt 4 53703", ""),
    ("address", "123 N. Main St., #4", {"city": "Madison", "state": "WI", "zip": "53703-1234"},
     "123 n main st apt 4 53703", ""),
    ("address", "123 N Main St Unit 4", {"zip": "53703"}, "123 n main st apt 4 53703", ""),
    ("person", "", {"given_name": "José", "family_name": "O'Brien-Núñez", "date_of_birth": "1980-03-04"},
     "jose obrien nunez", "1980-03-04"),
    ("person", "", {"given_name": "John", "family_name": "Smith", "date_of_birth": ""}, "john smith", ""),
    ("business", "Lakeside Spa, LLC", {"zip": "53703"}, "lakeside spa", "53703"),
    ("business", "Lakeside Spa Inc.", {"city": "Madison", "state": "wi"}, "lakeside spa", "madison|WI"),
])
def test_the_same_target_written_differently_gets_one_key(kind, value, details, key, block):
    normalized = normalize(kind, value, details)
    assert (normalized.key, normalized.block) == (key, block)


def test_display_and_details_are_tidy():
    assert normalize("phone", "+1 608-555-0142").display == "(608) 555-0142"
    plate = normalize("vehicle", "abc-1234", {"state": "wi"})
    assert plate.display == "ABC1234 (WI)" and plate.details == {"state": "WI"}
    someone = normalize("person", "", {"given_name": " Jon ", "family_name": "Smith", "date_of_birth": "1980-03-04"})
    assert someone.display == "Jon Smith"
    assert someone.details == {"given_name": "Jon", "family_name": "Smith", "date_of_birth": "1980-03-04"}


@pytest.mark.parametrize(("kind", "value", "details"), [
    ("phone", "555-0142", None),  # no area code
    ("phone", "(608) 555-014", None),
    ("phone", "(123) 456-7890", None),  # no such area code
    ("phone", "call me", None),
    ("phone", "", None),
    ("email", "not-an-email", None),
    ("email", "a@b", None),
    ("vehicle", "ABC1234", None),  # no state
    ("vehicle", "ABC1234", {"state": "XX"}),
    ("vehicle", "ABCD12345", {"state": "WI"}),  # 9 characters
    ("vehicle", "AB/12", {"state": "WI"}),
    ("vehicle", "", {"state": "WI"}),
    ("account", "@rose", None),  # no platform
    ("account", "@", {"platform": "instagram"}),
    ("url", "ftp://example.com/x", None),
    ("url", "javascript:alert(1)", None),
    ("url", "https:///path-only", None),
    ("url", "not a url", None),
    ("address", "123 Main St", {"city": "Madison", "state": "WI"}),  # no ZIP
    ("address", "123 Main St", {"zip": "5370"}),
    ("address", "", {"zip": "53703"}),
    ("person", "", {"given_name": "John", "family_name": "", "date_of_birth": "1980-03-04"}),
    ("person", "", {"given_name": "John", "family_name": "Smith", "date_of_birth": "03/04/1980"}),
    ("person", "", {"given_name": "John", "family_name": "Smith", "date_of_birth": "2999-01-01"}),
    ("business", "Lakeside Spa LLC", {}),  # no place
    ("business", "Lakeside Spa LLC", {"city": "Madison"}),
    ("business", "LLC", {"zip": "53703"}),
    ("spaceship", "x", None),
])
def test_malformed_identifiers_are_refused_with_a_reason(kind, value, details):
    with pytest.raises(InvalidInput) as refused:
        normalize(kind, value, details)
    assert str(refused.value)
