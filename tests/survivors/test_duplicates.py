"""Possible duplicates when a client is added: inside the organization only, and fast."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.survivors import actions
from ally.survivors.duplicates import name_similarity, normalize_phone, possible_duplicates
from ally.survivors.models import Client
from tests import factories

DOB = dt.date(1994, 3, 7)


@pytest.fixture
def maria(vsp):
    return actions.create_client(
        vsp,
        acting_user=None,
        legal_name="María González",
        date_of_birth=DOB,
        phone="(608) 555-0142",
        aliases=["Mari Gonzales"],
    )


def test_it_finds_a_near_duplicate_with_a_typo_and_the_same_birth_date(vsp, maria):
    [match] = possible_duplicates(vsp, legal_name="Maria Gonzales", date_of_birth=DOB)
    assert match.client == maria
    assert "same date of birth" in match.reasons
    assert any(r.startswith("similar name (") for r in match.reasons)


def test_accents_case_punctuation_and_word_order_do_not_matter():
    assert name_similarity("María González", "GONZALEZ, maria") == 1.0


def test_it_ignores_another_organizations_identical_client(tf, vsp, maria):
    other = factories.organization(tf, "Northwoods Advocacy Center")
    assert possible_duplicates(other, legal_name="María González", date_of_birth=DOB) == []


def test_phone_formats_compare_as_digits(vsp, maria):
    assert normalize_phone("(608) 555-0142") == normalize_phone("+1 608-555-0142")
    [match] = possible_duplicates(vsp, legal_name="Someone Else", phone="+1 608-555-0142")
    assert match.client == maria
    assert match.reasons == ("same phone",)


def test_it_matches_aliases_and_preferred_names(vsp):
    nina = actions.create_client(
        vsp, acting_user=None, legal_name="Ana Petrova", preferred_name="Nina Petrova"
    )
    [match] = possible_duplicates(vsp, legal_name="Nina Petrova")
    assert match.client == nina


def test_a_different_person_is_not_a_match(vsp, maria):
    assert (
        possible_duplicates(vsp, legal_name="John Smith", date_of_birth=dt.date(1980, 1, 1)) == []
    )


def test_deleted_clients_are_not_offered(vsp, maria):
    Client.objects.filter(pk=maria.pk).update(deleted_at=maria.created_at)
    assert possible_duplicates(vsp, legal_name="María González") == []


def test_it_answers_in_one_query(vsp, maria, django_assert_num_queries):
    with django_assert_num_queries(1):
        possible_duplicates(
            vsp, legal_name="Maria Gonzales", date_of_birth=DOB, phone="608 555 0142"
        )


def test_it_still_answers_among_two_thousand_clients(tf, vsp, maria, django_assert_num_queries):
    first = ["Ana", "Luis", "Grace", "Tran", "Olga", "Pedro", "Hana", "Sam", "Ruth", "Ivan"]
    last = [
        "Nguyen",
        "Smith",
        "Lopez",
        "Kowalski",
        "Okafor",
        "Haddad",
        "Silva",
        "Kim",
        "Novak",
        "Diaz",
    ]
    Client.objects.bulk_create(
        Client(
            task_force=tf,
            organization=vsp,
            legal_name=f"{first[i % 10]} {last[i // 10 % 10]} {i}",
            date_of_birth=dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
            phone=f"608-555-{i:04d}",
        )
        for i in range(2000)
    )
    with django_assert_num_queries(1):
        matches = possible_duplicates(vsp, legal_name="Maria Gonzales", date_of_birth=DOB)
    assert matches[0].client == maria
    assert len(matches) <= 5
