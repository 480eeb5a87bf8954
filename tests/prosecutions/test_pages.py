"""The prosecution pages: who sees what, who may change what, and what must not be shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.prosecutions import actions
from ally.prosecutions.models import ProsecutionCase, ProsecutionReferral, ReferralStatus, Statute
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def case(investigation, victim, subject, detective, da, prosecutor, vwc):
    referral = actions.refer_for_prosecution(investigation, da, acting_user=detective, summary="Ready to charge.")
    case = actions.accept_referral(referral, acting_user=prosecutor, number="2026CF000123", jurisdiction="state")
    defendant = actions.add_defendant(case, acting_user=prosecutor, subject=subject)
    actions.file_charge(defendant, acting_user=prosecutor, statute="Wis. Stat. § 940.302", filed_on=timezone.localdate())
    actions.file_charge(defendant, acting_user=prosecutor, statute="Wis. Stat. § 944.30", filed_on=timezone.localdate())
    actions.schedule_court_event(case, acting_user=prosecutor, kind="preliminary_hearing",
                                 starts_at=timezone.now() + dt.timedelta(days=9), place="Dane County Courthouse, Room 2B",
                                 victim_testimony_expected=True)
    return ProsecutionCase.objects.get(pk=case.pk)


def test_the_office_works_the_case_and_sees_categories_and_the_vwc_badge(case, prosecutor):
    page = client_for(prosecutor).get(f"/prosecutions/cases/{case.pk}/").content.decode()
    assert "Rex Trafficker" in page and "Wis. Stat. § 940.302" in page
    assert "Trafficking statute" in page and "Other offense" in page
    assert "Victim-witness coordinator — cannot promise confidentiality" in page
    assert "Vera Witness" in page
    assert "You are a victim-witness coordinator" not in page
    assert f"/prosecutions/cases/{case.pk}/court-events/new/" in page


def test_a_victim_witness_coordinator_is_reminded(case, vwc):
    page = client_for(vwc).get(f"/prosecutions/cases/{case.pk}/").content.decode()
    assert "You are a victim-witness coordinator: you cannot promise a survivor confidentiality." in page


def test_the_investigating_agency_reads_but_cannot_change(case, detective):
    browser = client_for(detective)
    page = browser.get(f"/prosecutions/cases/{case.pk}/")
    assert page.status_code == 200 and "Wis. Stat. § 940.302" in page.content.decode()
    assert f"/prosecutions/cases/{case.pk}/edit/" not in page.content.decode()
    assert browser.get(f"/prosecutions/cases/{case.pk}/edit/").status_code == 403
    response = browser.post(f"/prosecutions/cases/{case.pk}/court-events/new/",
                            {"kind": "trial", "starts_at": "2027-01-12T09:30", "place": "Room 1"})
    assert response.status_code == 403
    assert case.court_events.count() == 1


def test_another_office_and_outsiders_get_404(case, tf, outsider, advocate, coordinator):
    other = factories.organization(tf, "U.S. Attorney's Office", discipline="prosecution", jurisdiction="federal")
    ausa = factories.member(other, full_name="Al Ausa")
    for user in (ausa, outsider, advocate, coordinator):
        assert client_for(user).get(f"/prosecutions/cases/{case.pk}/").status_code == 404, user
        assert client_for(user).get(f"/prosecutions/cases/{case.pk}/edit/").status_code == 404, user


def test_referral_pages_show_what_was_disseminated_and_decline_needs_a_reason(investigation, victim, subject, detective, da, prosecutor):
    browser = client_for(detective)
    response = browser.post(f"/investigations/{investigation.pk}/refer-for-prosecution/",
                            {"to_organization": da.pk, "summary": "Two victims ready to testify."})
    assert response.status_code == 302
    referral = ProsecutionReferral.objects.get()
    office = client_for(prosecutor)
    page = office.get(f"/prosecutions/referrals/{referral.pk}/").content.decode()
    for expected in (investigation.number, "Operation Lantern", "Sex trafficking", "Two victims ready to testify.",
                     "Rex Trafficker", "Luz Victima"):
        assert expected in page
    response = office.post(f"/prosecutions/referrals/{referral.pk}/decline/", {"reason": "other", "note": ""})
    assert response.status_code == 200 and "other" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING
    response = office.post(f"/prosecutions/referrals/{referral.pk}/accept/", {"number": "2026CF1", "jurisdiction": "state"})
    assert response.status_code == 302
    assert ProsecutionCase.objects.get().number == "2026CF1"
    assert client_for(detective).post(f"/prosecutions/referrals/{referral.pk}/accept/",
                                      {"number": "2026CF2", "jurisdiction": "state"}).status_code == 403


def test_lists_have_a_fixed_number_of_queries(case, prosecutor, detective, da, django_assert_max_num_queries, police):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ally.investigations import actions as investigation_actions

    browser = client_for(prosecutor)
    urls = ("/prosecutions/cases/", "/prosecutions/referrals/?show=all", "/prosecutions/statutes/")

    def counts():
        result = []
        for url in urls:
            browser.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert browser.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    for n in range(6):
        other = investigation_actions.open_investigation(police, acting_user=detective, title=f"Case {n}",
                                                         trafficking_type="labor", suspicion_basis="Tip.")
        referral = actions.refer_for_prosecution(other, da, acting_user=detective)
        actions.accept_referral(referral, acting_user=prosecutor, number=f"2026CF9{n}", jurisdiction="state")
    assert counts() == before
    for url in urls:
        with django_assert_max_num_queries(20):
            browser.get(url)


def test_the_statute_catalogue(tf, coordinator, advocate, outsider):
    page = client_for(advocate).get("/prosecutions/statutes/").content.decode()
    assert "18 U.S.C. § 1591" in page and "Wis. Stat. § 948.051" in page
    assert "/prosecutions/statutes/new/" not in page
    assert client_for(advocate).get("/prosecutions/statutes/new/").status_code == 403
    assert client_for(outsider).get("/prosecutions/statutes/").status_code == 404
    browser = client_for(coordinator)
    response = browser.post("/prosecutions/statutes/new/", {"citation": "Wis. Stat. § 948.08", "title": "Dup",
                                                             "jurisdiction": "state", "state": "WI", "category": "related"})
    assert response.status_code == 200 and "already has" in response.content.decode()
    response = browser.post("/prosecutions/statutes/new/", {"citation": "Wis. Stat. § 940.305", "title": "Taking hostages",
                                                             "jurisdiction": "state", "state": "WI", "category": "related"})
    assert response.status_code == 302


class TestClientLegalStatus:
    @pytest.fixture
    def page_url(self, maria):
        return f"/clients/{maria.pk}/legal-status/"

    def test_the_advocate_sees_where_the_case_stands_without_names(self, linked, case, advocate, page_url):
        page = client_for(advocate).get(page_url).content.decode()
        assert "Lakeshore Police Department" in page and "Referred for prosecution" in page
        assert "Lakeshore County District Attorney" in page and "Wis. Stat. § 940.302" in page
        assert "Preliminary hearing" in page and "Dane County Courthouse, Room 2B" in page
        for hidden in ("Rex", "Trafficker", "Operation Lantern", "Luz", "Victima", "Hotline tip", "2026CF000123"):
            assert hidden not in page

    def test_no_link_says_so(self, case, advocate, page_url, maria, police):
        page = client_for(advocate).get(page_url).content.decode()
        assert "No investigation is linked to this client" in page
        assert "No prosecution case involves this client" in page
        assert "Wis. Stat. § 940.302" not in page

    def test_after_revocation_the_page_shows_nothing(self, linked, case, advocate, page_url):
        from ally.survivors import actions as survivor_actions

        survivor_actions.revoke_share(linked[1], acting_user=None)
        page = client_for(advocate).get(page_url).content.decode()
        assert "Wis. Stat. § 940.302" not in page and "No prosecution case involves this client" in page

    def test_readers_through_a_share_and_other_organizations_get_404(self, linked, case, detective, prosecutor, coordinator,
                                                                     page_url, tf):
        stranger = factories.member(factories.organization(tf, "Other Shelter"))
        for user in (detective, prosecutor, coordinator, stranger):
            assert client_for(user).get(page_url).status_code == 404, user


def test_every_form_page_of_the_office_opens_and_saves(case, prosecutor, detective, coordinator):
    browser = client_for(prosecutor)
    defendant = case.defendants.get()
    charge = defendant.charges.first()
    event = case.court_events.get()
    base = f"/prosecutions/cases/{case.pk}"
    for url in (f"{base}/edit/", f"{base}/defendants/new/", f"{base}/defendants/{defendant.pk}/remove/",
                f"{base}/charges/new/", f"{base}/charges/{charge.pk}/disposition/", f"{base}/court-events/new/",
                f"{base}/court-events/{event.pk}/edit/", f"{base}/court-events/{event.pk}/cancel/",
                f"{base}/victims/add/", "/prosecutions/cases/new/"):
        assert browser.get(url).status_code == 200, url
    assert client_for(detective).get("/prosecutions/cases/new/").status_code == 403
    statute = Statute.objects.filter(task_force=case.task_force).first()
    assert client_for(coordinator).get(f"/prosecutions/statutes/{statute.pk}/edit/").status_code == 200
    assert client_for(prosecutor).get(f"/prosecutions/statutes/{statute.pk}/edit/").status_code == 403

    today = timezone.localdate().isoformat()
    assert browser.post(f"{base}/charges/{charge.pk}/disposition/",
                        {"disposition": "plea", "on": today, "sentence_months": "60"}).status_code == 302
    assert browser.post(f"{base}/court-events/{event.pk}/edit/",
                        {"starts_at": "2027-02-01T10:00", "place": "Room 3", "note": ""}).status_code == 302
    response = browser.post(f"{base}/charges/new/", {"defendant": defendant.pk, "statute": "999999", "counts": 1,
                                                     "filed_on": today})
    assert response.status_code == 200 and defendant.charges.count() == 2
    response = browser.post(f"{base}/edit/", {"version": 1, "status": "trial"})
    assert response.status_code == 200 and "Someone changed this case meanwhile" in response.content.decode()
    current = ProsecutionCase.objects.get(pk=case.pk)
    assert browser.post(f"{base}/edit/", {"version": current.version, "status": "trial"}).status_code == 302
    response = browser.post("/prosecutions/cases/new/", {"organization": current.organization_id, "number": "2026CF55",
                                                         "jurisdiction": "state"})
    assert response.status_code == 302 and ProsecutionCase.objects.filter(number="2026CF55").exists()
