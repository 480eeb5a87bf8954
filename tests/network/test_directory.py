"""The provider directory: filters, who sees it, confidential streets, and a fixed query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.network import actions
from ally.network.queries import DirectoryFilters, directory, populations_of
from tests import factories
from tests.conftest import client_for
from tests.network.conftest import award, fresh, vet


@pytest.fixture
def network(tf, shelter, north, today):
    """Three providers besides the police: a vetted shelter with beds, a clinic, an unfilled one."""
    actions.save_provider_profile(
        shelter, acting_user=None, services=["emergency_shelter", "case_management"],
        populations=["adults", "women", "sex_trafficking"], languages=["English", "Spanish"],
        zip_code="53703", crisis_line=True, eligibility_notes="Women 18 and over.",
    )
    actions.update_intake_capacity(shelter, acting_user=None, capacity=2)
    vet(shelter, today)
    award(shelter, today)
    clinic = factories.organization(tf, "Northwoods Clinic", discipline="government_other", agency_type="health", regions_served=[north])
    actions.save_provider_profile(
        clinic, acting_user=None, services=["medical", "mental_health"], populations=["adults", "minors", "men", "labor_trafficking"],
        languages=["English", "Hmong"], counties=["Douglas"], zip_code="54806",
    )
    actions.update_intake_capacity(clinic, acting_user=None, capacity=0)
    empty = factories.organization(tf, "Quiet Community Group", discipline="community")
    factories.organization(tf, "State Labor Office", discipline="government_other", agency_type="labor")
    return {"shelter": shelter, "clinic": clinic, "empty": empty}


def _names(user, today, **filters):
    return [o.name for o in directory(fresh(user), today, DirectoryFilters(**filters))]


def test_every_provider_is_listed_but_not_police_or_labor_inspectors(network, detective, today):
    assert _names(detective, today) == ["Harbor House Shelter", "Northwoods Clinic", "Quiet Community Group"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"service": "medical"}, ["Northwoods Clinic"]),
        ({"population": "women"}, ["Harbor House Shelter"]),
        ({"population": "labor_trafficking"}, ["Northwoods Clinic"]),
        ({"language": "hmong"}, ["Northwoods Clinic"]),
        ({"language": "SPANISH"}, ["Harbor House Shelter"]),
        ({"county": "Rock"}, ["Harbor House Shelter"]),  # through the South region
        ({"county": "Douglas County"}, ["Northwoods Clinic"]),  # named on the profile
        ({"county": "Bayfield"}, ["Northwoods Clinic"]),  # through the North region
        ({"crisis_line": True}, ["Harbor House Shelter"]),
        ({"has_capacity": True}, ["Harbor House Shelter"]),  # the clinic said 0
        ({"vetted": True}, ["Harbor House Shelter"]),
        ({"service": "medical", "vetted": True}, []),
    ],
)
def test_it_filters(network, detective, today, filters, expected):
    assert _names(detective, today, **filters) == expected


def test_it_filters_by_region(network, detective, north, today):
    assert _names(detective, today, region=north) == ["Northwoods Clinic"]


def test_the_page_filters_and_marks_each_row(network, detective, south):
    browser = client_for(detective)
    page = browser.get("/providers/", {"service": "emergency_shelter", "region": south.pk, "vetted": "on"}).content.decode()
    assert "Harbor House Shelter" in page and "Northwoods Clinic" not in page
    assert "Vetted until" in page and "Sub-awarded" in page and "24/7 crisis line" in page
    assert "updated today" in page


def test_a_confidential_street_stays_hidden(network, detective, shelter_advocate, coordinator, shelter):
    assert shelter.confidential_address
    for person, shown in [(detective, False), (shelter_advocate, True), (coordinator, True)]:
        browser = client_for(person)
        for url in ("/providers/", f"/providers/{shelter.pk}/"):
            assert ("12 Hidden Lane" in browser.get(url).content.decode()) is shown, (person, url)


def test_funders_and_outsiders_do_not_read_the_directory(network, tf, outsider):
    auditor = factories.role(tf, "auditor")
    assert client_for(auditor).get("/providers/").status_code == 403
    assert client_for(auditor).get(f"/providers/{network['shelter'].pk}/").status_code == 403
    assert client_for(outsider).get("/providers/").status_code == 404


def test_the_directory_costs_the_same_queries_for_3_or_23_providers(network, detective, tf, today):
    browser = client_for(detective)
    browser.get("/providers/")
    with CaptureQueriesContext(connection) as few:
        assert browser.get("/providers/?language=English").status_code == 200
    for i in range(20):
        provider = factories.organization(tf, f"Provider {i:02d}", regions_served=[network["clinic"].regions_served.get()])
        actions.save_provider_profile(provider, acting_user=None, services=["medical"], languages=["English"], zip_code="54806")
        actions.update_intake_capacity(provider, acting_user=None, capacity=i)
        vet(provider, today - dt.timedelta(days=i))
    with CaptureQueriesContext(connection) as many:
        page = browser.get("/providers/?language=English").content.decode()
    assert "Provider 19" in page
    assert len(many) == len(few)


def test_populations_of_a_person():
    assert populations_of(minor=True, gender="TransgenderFeminine", citizenship_status="foreign_national", trafficking_type="both") == {
        "minors", "transgender_nonbinary", "foreign_nationals", "sex_trafficking", "labor_trafficking",
    }
    assert populations_of(minor=False, gender="NonSpecifiedUnknown", trafficking_type="unknown") == {"adults"}
