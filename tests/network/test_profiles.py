"""Provider profiles and intake capacity: who edits them, what is refused, what is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.network import actions
from ally.network.models import ProviderProfile
from ally.network.places import distance_miles, zip_place
from tests import factories
from tests.conftest import client_for
from tests.network.conftest import fresh

PROFILE = {
    "services": ["emergency_shelter", "case_management"],
    "populations": ["women", "adults", "sex_trafficking"],
    "languages": ["English", " spanish ", "Spanish"],
    "counties": ["Rock County", "green"],
    "zip_code": "53703",
    "hours": "Shelter intake around the clock",
    "crisis_line": True,
    "crisis_phone": "608-555-0199",
    "eligibility_notes": "Adult women; no ID needed.",
}


def test_it_saves_a_profile_and_locates_the_zip_code_offline(shelter, shelter_admin):
    profile = actions.save_provider_profile(shelter, acting_user=fresh(shelter_admin), **PROFILE)
    profile.refresh_from_db()
    assert profile.services == ["case_management", "emergency_shelter"]  # the vocabulary's order
    assert profile.populations == ["adults", "women", "sex_trafficking"]
    assert profile.languages == ["English", "spanish"]
    assert profile.counties == ["Rock", "green"]
    assert (profile.county, profile.state) == ("Dane", "WI")
    assert profile.coordinates == pytest.approx((43.0775, -89.3831))
    assert profile.speaks("SPANISH") and profile.covers_county("Rock County")
    assert profile.covers_county("dane")  # through the South region it serves


def test_the_audit_event_names_the_fields_changed(shelter, shelter_admin):
    actions.save_provider_profile(shelter, acting_user=fresh(shelter_admin), **PROFILE)
    profile = actions.save_provider_profile(shelter, acting_user=fresh(shelter_admin), hours="9 to 5", version=1)
    event = AuditEvent.objects.filter(event_type="provider.profile_saved").first()
    assert event.changes == {"fields": ["hours"], "created": False}
    assert "9 to 5" not in str(event.changes)
    assert profile.version == 2


def test_an_edit_that_changes_nothing_writes_no_event(shelter):
    actions.save_provider_profile(shelter, acting_user=None, **PROFILE)
    actions.save_provider_profile(shelter, acting_user=None, **PROFILE)
    assert AuditEvent.objects.filter(event_type="provider.profile_saved").count() == 1
    assert ProviderProfile.objects.get().version == 1


def test_an_unknown_zip_code_is_refused_and_nothing_changes(shelter):
    actions.save_provider_profile(shelter, acting_user=None, **PROFILE)
    with pytest.raises(InvalidInput, match="00000 is not a known U.S. ZIP code"):
        actions.save_provider_profile(shelter, acting_user=None, zip_code="00000", hours="changed")
    with pytest.raises(InvalidInput, match="five-digit ZIP code"):
        actions.save_provider_profile(shelter, acting_user=None, zip_code="5370")
    profile = ProviderProfile.objects.get()
    assert (profile.zip_code, profile.hours, profile.version) == ("53703", PROFILE["hours"], 1)


def test_it_refuses_unknown_counties_services_and_populations(shelter):
    with pytest.raises(InvalidInput, match="Not a county of WI: Atlantis"):
        actions.save_provider_profile(shelter, acting_user=None, counties=["Dane", "Atlantis"])
    with pytest.raises(InvalidInput, match="not on the list: spa_days"):
        actions.save_provider_profile(shelter, acting_user=None, services=["spa_days"])
    with pytest.raises(InvalidInput, match="not on the list"):
        actions.save_provider_profile(shelter, acting_user=None, populations=["everyone"])
    assert not ProviderProfile.objects.exists()


def test_a_stale_edit_is_a_conflict(shelter, shelter_admin, coordinator):
    actions.save_provider_profile(shelter, acting_user=None, **PROFILE)
    actions.save_provider_profile(shelter, acting_user=fresh(coordinator), hours="Weekdays", version=1)
    with pytest.raises(Conflict):
        actions.save_provider_profile(shelter, acting_user=fresh(shelter_admin), hours="Weekends", version=1)
    assert ProviderProfile.objects.get().hours == "Weekdays"


def test_only_its_admins_and_the_coordinator_edit_the_profile(tf, shelter, shelter_advocate, south_navigator, outsider):
    other_admin = factories.member(factories.organization(tf, "Other Org"), "org_admin")
    for person in (shelter_advocate, south_navigator, other_admin):
        with pytest.raises(NotPermitted):
            actions.save_provider_profile(shelter, acting_user=fresh(person), hours="x")
    with pytest.raises(NotVisible):
        actions.save_provider_profile(shelter, acting_user=outsider, hours="x")


def test_police_have_no_provider_profile(police):
    with pytest.raises(InvalidInput, match="service-providing"):
        actions.save_provider_profile(police, acting_user=None, hours="x")


def test_capacity_below_zero_is_refused_and_nothing_changes(shelter, shelter_advocate):
    actions.update_intake_capacity(shelter, acting_user=fresh(shelter_advocate), capacity=4)
    before = ProviderProfile.objects.get()
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match="below zero"):
        actions.update_intake_capacity(shelter, acting_user=fresh(shelter_advocate), capacity=-1)
    after = ProviderProfile.objects.get()
    assert (after.intake_capacity, after.capacity_updated_at) == (4, before.capacity_updated_at)
    assert AuditEvent.objects.count() == events


def test_capacity_below_zero_is_refused_by_the_form_and_the_database(shelter, shelter_advocate):
    response = client_for(shelter_advocate).post(f"/providers/{shelter.pk}/capacity/", {"capacity": "-3"})
    assert response.status_code == 200 and "below zero" in response.content.decode()
    assert not ProviderProfile.objects.filter(intake_capacity__lt=0).exists()
    from django.db import IntegrityError, transaction

    profile = actions.update_intake_capacity(shelter, acting_user=None, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProviderProfile.objects.filter(pk=profile.pk).update(intake_capacity=-1)


def test_capacity_is_stated_by_the_providers_own_members_with_who_and_when(shelter, shelter_advocate, coordinator):
    profile = actions.update_intake_capacity(shelter, acting_user=fresh(shelter_advocate), capacity=0)
    assert (profile.intake_capacity, profile.capacity_updated_by) == (0, shelter_advocate)
    assert AuditEvent.objects.filter(event_type="provider.capacity_updated").get().changes == {"intake_capacity": 0, "previous": None}
    with pytest.raises(NotPermitted):
        actions.update_intake_capacity(shelter, acting_user=fresh(coordinator), capacity=3)
    with pytest.raises(InvalidInput):
        actions.update_intake_capacity(shelter, acting_user=None, capacity=True)  # type: ignore[arg-type]


def test_the_directory_says_how_long_ago_capacity_was_stated(shelter, shelter_advocate, detective):
    with time_machine.travel(dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC)):
        actions.update_intake_capacity(shelter, acting_user=fresh(shelter_advocate), capacity=2)
    with time_machine.travel(dt.datetime(2026, 3, 5, 16, tzinfo=dt.UTC)):
        page = client_for(detective).get("/providers/").content.decode()
    assert "updated 3 days ago" in page


def test_the_profile_form_saves_through_the_action(shelter, shelter_admin):
    response = client_for(shelter_admin).post(
        f"/providers/{shelter.pk}/edit/",
        {"services": ["crisis_intervention"], "populations": ["minors"], "languages": "Hmong, English", "zip_code": "99999"},
    )
    assert "99999 is not a known U.S. ZIP code" in response.content.decode()
    response = client_for(shelter_admin).post(
        f"/providers/{shelter.pk}/edit/",
        {"services": ["crisis_intervention"], "populations": ["minors"], "languages": "Hmong, English", "zip_code": "54806"},
    )
    assert response.status_code == 302
    profile = ProviderProfile.objects.get()
    assert (profile.languages, profile.county) == (["Hmong", "English"], "Ashland")


def test_distances_between_zip_codes():
    madison, ashland = zip_place("53703"), zip_place("54806")
    miles = distance_miles((madison.latitude, madison.longitude), (ashland.latitude, ashland.longitude))
    assert 240 < miles < 260
