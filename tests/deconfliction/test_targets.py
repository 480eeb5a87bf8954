"""Target deconfliction: a hit when another agency holds the same target, and nothing more."""

from __future__ import annotations

import pytest

from ally.access.investigations import access_investigation
from ally.audit.models import AuditEvent
from ally.core.errors import NotVisible
from ally.deconfliction.models import Hit, Pointer
from ally.deconfliction.targets import retire_identifier, retire_investigation
from ally.investigations.models import InvestigationPartner
from ally.notifications.models import Notification
from tests import factories
from tests.conftest import client_for
from tests.deconfliction.helpers import identify, investigation, person


def test_two_agencies_with_the_same_phone_are_told_whom_to_call_and_nothing_else(
    police, detective, sheriff, deputy
):
    theirs = investigation(sheriff, deputy, number="SO-2026-0007", title="Operation Bluebird")
    identify(theirs, "phone", "+1 608-555-0142", by=deputy)
    mine = investigation(police, detective, number="LPD-2026-0042", title="Operation Redwing")
    _identifier, hits = identify(mine, "phone", "(608) 555-0142", by=detective)

    assert len(hits) == 1 and Hit.objects.count() == 1
    hit = hits[0]
    assert (hit.how, hit.kind) == ("exact", "phone")
    assert (hit.new_contact, hit.existing_contact) == (detective, deputy)
    event = AuditEvent.objects.get(event_type="deconfliction.target_hit")
    assert "+16085550142" not in str(event.changes) and event.changes["how"] == "exact"

    mine_note = Notification.objects.get(user=detective)
    theirs_note = Notification.objects.get(user=deputy)
    assert "LPD-2026-0042" in mine_note.title and "SO-2026-0007" not in mine_note.title
    assert "SO-2026-0007" in theirs_note.title and "LPD-2026-0042" not in theirs_note.title
    assert mine_note.link == theirs_note.link == f"/deconfliction/hits/{hit.pk}/"

    # Each sees the other's contact on the hit page, and not the other's case.
    page = client_for(detective).get(mine_note.link).content.decode()
    assert "Devon Deputy" in page and "(608) 555-0199" in page and deputy.email in page
    assert "Dane County Sheriff" in page and "LPD-2026-0042" in page
    assert "SO-2026-0007" not in page and "Operation Bluebird" not in page
    page = client_for(deputy).get(theirs_note.link).content.decode()
    assert "Dana Detective" in page and "(608) 555-0111" in page and detective.email in page
    assert "SO-2026-0007" in page
    assert "LPD-2026-0042" not in page and "Operation Redwing" not in page

    # Neither can open the other's investigation.
    with pytest.raises(NotVisible):
        access_investigation(detective, theirs.pk)
    with pytest.raises(NotVisible):
        access_investigation(deputy, mine.pk)


def test_a_hit_page_never_shows_the_other_sides_value(police, detective, sheriff, deputy):
    theirs = investigation(sheriff, deputy, number="SO-1")
    identify(theirs, "person", "", person("Jonathan", "Smithe", "1980-03-04"), by=deputy)
    mine = investigation(police, detective, number="LPD-1")
    _i, hits = identify(mine, "person", "", person("John", "Smith", "1980-03-04"), by=detective)
    assert [h.how for h in hits] == ["name and date of birth"]
    mine_page = client_for(detective).get(f"/deconfliction/hits/{hits[0].pk}/").content.decode()
    assert "John Smith" in mine_page
    assert "Jonathan" not in mine_page and "Smithe" not in mine_page and "SO-1" not in mine_page
    their_page = client_for(deputy).get(f"/deconfliction/hits/{hits[0].pk}/").content.decode()
    assert "Jonathan Smithe" in their_page
    assert "John Smith" not in their_page and "LPD-1" not in their_page


@pytest.mark.parametrize(("given", "family", "born", "hit"), [
    ("John", "Smith", "1980-03-04", True),
    ("Jonathan", "Smith", "1980-03-04", True),  # nickname table
    ("Jon", "Smithe", "1980-03-04", True),
    ("Jon", "Smyth", "1980-03-04", False),  # Jaro-Winkler 0.89: below the family-name threshold
    ("Mary", "Smith", "1980-03-04", False),  # same surname, another person
    ("John", "Smith", "1981-03-04", False),  # another date of birth
    ("J", "Smith", "1980-03-04", False),  # initials are not enough
    ("Jon", "Jones", "1980-03-04", False),
])
def test_people_match_by_fuzzy_name_and_date_of_birth(police, detective, sheriff, deputy, given, family, born, hit):
    identify(investigation(sheriff, deputy), "person", "", person("Jon", "Smith", "1980-03-04"), by=deputy)
    _i, hits = identify(investigation(police, detective), "person", "", person(given, family, born), by=detective)
    assert bool(hits) is hit


def test_nicknames_come_from_the_table(police, detective, sheriff, deputy):
    identify(investigation(sheriff, deputy), "person", "", person("William", "Olsen", "1975-01-02"), by=deputy)
    _i, hits = identify(investigation(police, detective), "person", "", person("Bill", "Olsen", "1975-01-02"), by=detective)
    assert len(hits) == 1


def test_people_without_a_date_of_birth_are_never_matched_on_a_name(police, detective, sheriff, deputy):
    identify(investigation(sheriff, deputy), "person", "", person("Jon", "Smith", ""), by=deputy)
    _i, hits = identify(investigation(police, detective), "person", "", person("Jon", "Smith", ""), by=detective)
    assert hits == []


@pytest.mark.parametrize(("kind", "theirs", "mine", "details"), [
    ("email", "Tips@Example.org", "tips@example.org ", None),
    ("vehicle", "ABC-1234", "abc 1234", {"state": "WI"}),
    ("account", "@Rose", "rose", {"platform": "instagram"}),
    ("url", "https://www.example.com/ad/9/?utm_source=a", "http://example.com/ad/9", None),
    ("address", "12 North Main Street", "12 N Main St", {"zip": "53703"}),
    ("business", "Lakeside Spa LLC", "Lakeside Spa, Inc.", {"zip": "53703"}),
])
def test_each_kind_matches_across_agencies(police, detective, sheriff, deputy, kind, theirs, mine, details):
    identify(investigation(sheriff, deputy), kind, theirs, details, by=deputy)
    _i, hits = identify(investigation(police, detective), kind, mine, details, by=detective)
    assert len(hits) == 1
    assert hits[0].how == ("business name and place" if kind == "business" else "exact")


def test_businesses_in_other_places_do_not_match(police, detective, sheriff, deputy):
    identify(investigation(sheriff, deputy), "business", "Lakeside Spa LLC", {"zip": "53703"}, by=deputy)
    _i, hits = identify(investigation(police, detective), "business", "Lakeside Spa", {"zip": "53704"}, by=detective)
    assert hits == []


def test_the_same_agency_never_hits_itself(police, detective):
    colleague = factories.member(police, full_name="Casey Colleague")
    identify(investigation(police, detective), "phone", "(608) 555-0142", by=detective)
    _i, hits = identify(investigation(police, colleague), "phone", "608-555-0142", by=colleague)
    assert hits == [] and Hit.objects.count() == 0 and Notification.objects.count() == 0


def test_a_joint_investigation_does_not_hit_its_partners(police, detective, sheriff, deputy):
    joint = investigation(sheriff, deputy)
    InvestigationPartner.objects.create(investigation=joint, organization=police)
    identify(joint, "phone", "(608) 555-0142", by=deputy)
    # The partner's own case, and the partner adding to the joint case: they already know.
    _i, hits = identify(investigation(police, detective), "phone", "608-555-0142", by=detective)
    assert hits == []
    _i, hits = identify(joint, "phone", "+16085550142", by=detective, org=police)
    assert hits == []


def test_other_task_forces_removed_identifiers_and_purged_cases_do_not_hit(police, detective, sheriff, deputy):
    elsewhere_tf = factories.task_force("Elsewhere")
    elsewhere = factories.organization(elsewhere_tf, "Far PD", discipline="law_enforcement")
    far = factories.member(elsewhere, full_name="Far Away")
    identify(investigation(elsewhere, far), "phone", "(608) 555-0142", by=far)
    removed, _h = identify(investigation(sheriff, deputy), "phone", "(608) 555-0143", by=deputy)
    retire_identifier(removed)
    purged = investigation(sheriff, deputy)
    identify(purged, "phone", "(608) 555-0144", by=deputy)
    retire_investigation(purged)
    assert not Pointer.objects.filter(investigation=purged, active=True).exists()
    mine = investigation(police, detective)
    for number in ("608-555-0142", "608-555-0143", "608-555-0144"):
        _i, hits = identify(mine, "phone", number, by=detective)
        assert hits == []


def test_only_the_two_agencies_see_a_hit(police, detective, sheriff, deputy, vsp, advocate, coordinator):
    identify(investigation(sheriff, deputy), "phone", "(608) 555-0142", by=deputy)
    _i, hits = identify(investigation(police, detective), "phone", "608-555-0142", by=detective)
    url = f"/deconfliction/hits/{hits[0].pk}/"
    assert client_for(detective).get(url).status_code == 200
    assert client_for(deputy).get(url).status_code == 200
    assert client_for(advocate).get(url).status_code == 404
    assert client_for(coordinator).get(url).status_code == 404


def test_the_list_shows_my_side_in_a_fixed_number_of_queries(police, detective, sheriff, deputy, django_assert_max_num_queries):
    for n in range(5):
        theirs = investigation(sheriff, deputy, number=f"SO-SECRET-{n}")
        identify(theirs, "phone", f"(608) 555-01{n:02d}", by=deputy)
        identify(investigation(police, detective, number=f"LPD-{n}"), "phone", f"608-555-01{n:02d}", by=detective)
    browser = client_for(detective)
    with django_assert_max_num_queries(12):
        page = browser.get("/deconfliction/").content.decode()
    assert "LPD-4" in page and "Dane County Sheriff" in page and "SO-SECRET" not in page


def test_through_the_investigation_action_the_saving_user_learns_of_the_hit_at_once(police, detective, sheriff, deputy):
    from ally.investigations.actions.targets import add_identifier

    identify(investigation(sheriff, deputy), "phone", "+1 608-555-0142", by=deputy)
    mine = investigation(police, detective)
    _identifier, hits = add_identifier(mine, acting_user=detective, kind="phone", value="(608) 555-0142")
    assert len(hits) == 1 and hits[0].existing_contact == deputy
    _identifier, hits = add_identifier(mine, acting_user=detective, kind="phone", value="(608) 555-0177")
    assert hits == []
