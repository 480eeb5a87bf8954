"""axe-core (vendored from the npm registry) finds no serious or critical problems on our pages."""

from __future__ import annotations

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests import factories
from tests.browser.conftest import AXE, sign_in


def _violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def axe_context(browser, live_server):
    # Injecting axe is an inline script: only this checking context bypasses the CSP.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    yield context
    context.close()


def test_sign_in_pages(axe_context, transactional_db):
    page = axe_context.new_page()
    problems = {}
    for url in ("/accounts/login/", "/accounts/password/reset/"):
        page.goto(url)
        problems[url] = _violations(page)
    assert problems == {url: [] for url in problems}, json.dumps(problems, indent=1)


def test_signed_in_pages(axe_context, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    north = factories.region(tf, "North")
    vsp = factories.organization(tf, "Harbor Survivor Services", regions_served=[north])
    coordinator = factories.person("Cora Coordinator", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    factories.member(vsp, "org_admin", user=coordinator)
    factories.role(tf, "coordinator", coordinator)
    factories.member(vsp, full_name="Avery Advocate")
    from ally.survivors.actions import create_client

    client = create_client(vsp, acting_user=None, legal_name="Maria Example", trafficking_type="labor")
    from decimal import Decimal

    from ally.access.survivors import today_in
    from ally.survivors import care, disclosures, screenings, trafficking

    today = today_in(tf.pk)
    care.start_plan(client, acting_user=None, started_on=today)
    goal = care.add_goal(client, acting_user=None, text="Find a safe place to live")
    care.assess_needs(client, acting_user=None, assessed_on=today, needs=[{"domain": "housing", "level": "urgent"}])
    service = care.record_service(client, acting_user=None, category="transportation", delivered_on=today, units=Decimal(1))
    note = care.add_case_note(client, acting_user=None, note_type="contact", text="Called back.")
    event = trafficking.add_trafficking_event(client, acting_user=None, event_type="Recruitment", country="Mexico")
    screening = screenings.record_screening(vsp, instrument_id="ally-screening", language="es", answers={"threatened": "yes"}, acting_user=None)
    disclosures.record_compelled_disclosure(
        client, legal_basis="subpoena", citation="Subpoena 1", field_groups=["identity"], recipient="Court",
        disclosed_on=today, acting_user=coordinator,
    )

    page = axe_context.new_page()
    sign_in(page, coordinator.email, factories.PASSWORD, secret)
    urls = [
        "/",
        "/organizations/",
        f"/organizations/{vsp.pk}/",
        f"/organizations/{vsp.pk}/edit/",
        f"/organizations/{vsp.pk}/members/",
        "/organizations/new/",
        "/directory/",
        "/directory/?q=Avery",
        "/task-force/",
        "/task-force/edit/",
        f"/regions/{north.pk}/edit/",
        "/audit/",
        "/profile/",
        "/accounts/2fa/",
        "/clients/",
        "/clients/new/",
        f"/clients/{client.pk}/",
        f"/clients/{client.pk}/edit/",
        f"/clients/{client.pk}/consents/new/",
        f"/clients/{client.pk}/shares/new/",
        f"/clients/{client.pk}/disclosures/",
        f"/clients/{client.pk}/plan/",
        f"/clients/{client.pk}/needs/new/",
        f"/goals/{goal.pk}/edit/",
        f"/services/{service.pk}/correct/",
        f"/notes/{note.pk}/correct/",
        f"/clients/{client.pk}/trafficking-events/new/",
        f"/trafficking-events/{event.pk}/remove/",
        f"/clients/{client.pk}/advocates/",
        f"/clients/{client.pk}/compelled-disclosures/new/",
        "/tasks/notify-survivor/",
        "/screenings/",
        "/screenings/new/",
        "/screenings/new/?language=es",
        f"/screenings/{screening.pk}/",
    ]
    problems = {}
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        problems[url] = _violations(page)
    assert problems == {url: [] for url in urls}, json.dumps(problems, indent=1)


def test_spanish_pages(axe_context, transactional_db):
    page = axe_context.new_page()
    page.goto("/accounts/login/")
    page.locator("select[name=language]").select_option("es")
    page.locator("form[action$='/i18n/setlang/'] button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert _violations(page) == []
