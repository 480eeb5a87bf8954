"""Threat assessment: the score formula, counts of tips and investigations from every agency
(aggregates only, suppressed), who reads it, outreach planned from an industry."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted
from ally.investigations.actions.cases import open_investigation
from ally.investigations.actions.tips import receive_tip
from ally.outreach import actions, catalog
from ally.outreach.models import AssessedIndustry, ThreatAssessment
from ally.outreach.queries import linked_counts, suppressed
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for

FY = 2025


def at(day):
    return dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture
def assessment(tf, south):
    return actions.record_threat_assessment(south, acting_user=None, fiscal_year=FY)


@pytest.fixture
def sheriff(tf):
    return factories.organization(tf, "Rock County Sheriff", discipline="law_enforcement", jurisdiction="local")


def tip(org, county, industry, day=dt.date(2025, 2, 1)):
    return receive_tip(org, acting_user=None, source="hotline", narrative="x", county=county, industry=industry,
                       received_at=at(day))


def test_the_score_is_the_capped_sum_of_the_weights(assessment):
    weights = catalog.factors().by_key()
    row = actions.add_assessed_industry(assessment, acting_user=None, naics_code="112120",
                                        factors=["h2a_visa", "isolation", "employer_housing"])
    assert row.score == weights["h2a_visa"].weight + weights["isolation"].weight + weights["employer_housing"].weight
    assert row.factors_version == catalog.factors().version
    every = actions.add_assessed_industry(assessment, acting_user=None, naics_code="111",
                                          factors=[f.key for f in catalog.factors().factors])
    assert every.score == 100 and sum(f.weight for f in catalog.factors().factors) > 100
    updated = actions.update_assessed_industry(row, acting_user=None, factors=[])
    assert updated.score == 0


def test_bad_industries_and_factors_are_refused(assessment):
    before = (AssessedIndustry.objects.count(), AuditEvent.objects.count())
    for bad in ({"naics_code": "999999"}, {"naics_code": "111", "factors": ["made_up"]}, {"naics_code": "111", "workers": -3}):
        with pytest.raises(InvalidInput):
            actions.add_assessed_industry(assessment, acting_user=None, **bad)
    assert (AssessedIndustry.objects.count(), AuditEvent.objects.count()) == before
    with pytest.raises(InvalidInput, match="already"):
        actions.record_threat_assessment(assessment.region, acting_user=None, fiscal_year=FY)
    assert ThreatAssessment.objects.count() == 1


def test_counts_come_from_every_agency_in_the_region_and_year(assessment, police, sheriff):
    for _ in range(3):
        tip(police, "Dane", "dairy")
    for _ in range(3):
        tip(sheriff, "rock", "dairy")  # another agency; county written in lower case
    tip(police, "Ashland", "dairy")  # not in the region
    tip(police, "Dane", "dairy", day=dt.date(2024, 9, 30))  # FY2024
    tip(police, "Dane", "hotel_hospitality")
    inv_tip = tip(police, "Dane", "nail_beauty")
    investigation = open_investigation(police, acting_user=None, title="Salon", trafficking_type="labor",
                                       suspicion_basis="x", industry="nail_beauty", opened_on=dt.date(2025, 3, 1), tip=inv_tip)
    assert investigation.pk
    counts = linked_counts(assessment, ["112120", "721110", "812113", "111"])
    assert (counts["112120"].tips, counts["112120"].tips_shown) == (6, "6")
    assert (counts["721110"].tips, counts["721110"].tips_shown) == (1, "1–4")
    assert (counts["812113"].tips_shown, counts["812113"].investigations_shown) == ("1–4", "1–4")
    assert (counts["111"].tips, counts["111"].tips_shown) == (0, "0")  # the under-identification signal
    assert [suppressed(n) for n in (0, 1, 4, 5)] == ["0", "1–4", "1–4", "5"]


def test_counts_read_only_counts(assessment, police, django_assert_num_queries):
    tip(police, "Dane", "dairy")
    with django_assert_num_queries(2) as captured:
        linked_counts(assessment, ["112120", "111"])
    for query in captured.captured_queries:
        sql = query["sql"].upper()
        assert "COUNT(" in sql and "NARRATIVE" not in sql.split("FROM")[0]


def test_who_reads_the_assessment(tf, assessment, coordinator, co_lead, navigator, detective, advocate, outsider):
    auditor = factories.role(tf, "auditor", factories.person("Aldo Auditor"))
    page = reverse("threat_assessment_detail", args=[assessment.pk])
    for user in (coordinator, co_lead, navigator, detective):
        assert client_for(user).get(page).status_code == 200
    assert client_for(advocate).get(page).status_code == 403
    assert client_for(auditor).get(reverse("threat_assessment_list")).status_code == 403
    assert client_for(outsider).get(page).status_code == 404
    with pytest.raises(NotPermitted):
        actions.add_assessed_industry(assessment, acting_user=detective, naics_code="111")


def test_navigators_write_their_regions_only(tf, north, south, navigator):
    actions.record_threat_assessment(south, acting_user=navigator, fiscal_year=FY)
    with pytest.raises(NotPermitted):
        actions.record_threat_assessment(north, acting_user=navigator, fiscal_year=FY)


def test_outreach_planned_from_an_industry(tf, assessment, co_lead, today):
    row = actions.add_assessed_industry(assessment, acting_user=None, naics_code="112120", factors=["h2a_visa"])
    client = client_for(co_lead)
    form = client.get(reverse("outreach_create") + f"?industry={row.pk}")
    assert "Dairy Cattle and Milk Production" in form.content.decode()
    response = client.post(reverse("outreach_create") + f"?industry={row.pk}", {
        "kind": "worker_outreach", "title": "Dairy worker outreach", "occurred_on": today.isoformat(),
        "region": assessment.region_id, "county": "Dane", "audience": "dairy workers",
    })
    assert response.status_code == 302
    event = row.events.get()
    actions.record_event_held(event, acting_user=None, attendance=22)
    detail = Api(co_lead).get(f"/threat-assessments/{assessment.pk}").json()
    (industry,) = detail["industries"]
    assert (industry["outreach_held"], industry["outreach_attendance"], industry["tips"]) == (1, 22, "0")
    body = client.get(reverse("threat_assessment_detail", args=[assessment.pk])).content.decode()
    assert "1 held (22 people)" in body and "<svg" in body


def test_the_detail_queries_do_not_grow(assessment, co_lead, django_assert_max_num_queries):
    client = client_for(co_lead)
    page = reverse("threat_assessment_detail", args=[assessment.pk])
    for code in ("111", "112120"):
        actions.add_assessed_industry(assessment, acting_user=None, naics_code=code, factors=["isolation"])
    with django_assert_max_num_queries(20) as small:
        client.get(page)
    for code in ("721110", "722", "812113", "561720"):
        actions.add_assessed_industry(assessment, acting_user=None, naics_code=code, factors=["cash_based"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(page)


def test_the_naics_data_maps_to_the_vocabulary():
    from ally.survivors import vocabularies

    known = {v.value for v in vocabularies.vocabulary("trafficking_industry").values}
    for industry in catalog.industries().values():
        assert set(industry.trafficking_industries) <= known, industry.code
    assert catalog.industry("112120").title == "Dairy Cattle and Milk Production"
