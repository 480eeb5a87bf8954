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

    from ally.referrals.actions import send_referral

    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement")
    detective = factories.member(police, full_name="Dana Detective")
    referral = send_referral(police, acting_user=detective, to_organization=vsp, services=["emergency_shelter"],
                             urgency="urgent", person={"person_name": "Luz", "person_county": "Dane"})
    send_referral(police, acting_user=detective, to_region=north, services=["case_management"], urgency="routine")
    from ally.notifications import NotificationKind, notify

    notify([coordinator], task_force=tf, kind=NotificationKind.REFERRAL_OVERDUE, title="Referral #1 is past its acknowledgement target", link="/", urgent=True)

    # The provider network: the coordinator reviews North Star (not their own organization).
    from ally.network import actions as network
    from ally.network import checklist

    north_star = factories.organization(tf, "North Star Recovery", regions_served=[north])
    network.save_provider_profile(north_star, acting_user=None, services=["emergency_shelter"], populations=["adults"], languages=["English"], zip_code="54806")
    network.update_intake_capacity(north_star, acting_user=None, capacity=2)
    visit = network.record_vetting_visit(
        north_star, acting_user=None, reviewer=coordinator, visited_on=today, outcome="approved",
        answers=dict.fromkeys((i.key for i in checklist.current().items), "met"), revisit_on=today.replace(year=today.year + 1),
    )
    award = network.create_sub_award(north_star, acting_user=None, budget=Decimal(500), starts_on=today, ends_on=today)
    north_client = create_client(north_star, acting_user=None, legal_name="Rosa Example", trafficking_type="sex")
    north_service = care.record_service(north_client, acting_user=None, category="emergency_shelter", delivered_on=today, units=Decimal(1), cost=Decimal(90))
    claim = network.submit_claim(north_star, acting_user=None, period_start=today, period_end=today, service_ids=[north_service.pk])
    network_urls = [
        "/providers/",
        "/providers/?service=emergency_shelter&vetted=on",
        f"/providers/{north_star.pk}/",
        f"/providers/{vsp.pk}/edit/",
        f"/providers/{vsp.pk}/capacity/",
        f"/providers/{north_star.pk}/vetting/new/",
        f"/vetting/{visit.pk}/",
        f"/providers/{north_star.pk}/sub-awards/new/",
        f"/sub-awards/{award.pk}/edit/",
        "/claims/",
        f"/providers/{vsp.pk}/claims/new/",
        f"/claims/{claim.pk}/",
    ]

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
        "/referrals/",
        "/referrals/?box=outgoing&show=all",
        "/referrals/new/",
        f"/referrals/{referral.pk}/",
        "/referrals/overdue/",
        "/referrals/timeliness/",
        f"/clients/{client.pk}/refer/",
        "/inbox/",
        "/inbox/preferences/",
    ]
    urls += network_urls
    problems = {}
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        problems[url] = _violations(page)
    assert problems == {url: [] for url in urls}, json.dumps(problems, indent=1)


def test_law_enforcement_and_prosecution_pages(axe_context, transactional_db):
    import datetime as dt

    from django.utils import timezone

    from ally.investigations import actions as le
    from ally.prosecutions import actions as pros

    tf = factories.task_force("Lakeshore Task Force")
    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement")
    sheriff = factories.organization(tf, "County Sheriff", discipline="law_enforcement")
    da = factories.organization(tf, "County District Attorney", discipline="prosecution")
    vsp = factories.organization(tf, "Harbor Survivor Services")
    detective = factories.person("Dana Detective", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(detective, secret)
    factories.member(police, "supervisor", user=detective)
    deputy = factories.member(sheriff, full_name="Dee Deputy")
    prosecutor = factories.member(da, full_name="Dara Prosecutor")
    tip = le.receive_tip(police, acting_user=detective, source="hotline", narrative="Workers locked in", industry="dairy")
    case = le.open_from_tip(tip, acting_user=detective, title="Harvest", trafficking_type="labor", suspicion_basis="Hotline call")
    subject, _ = le.add_subject(case, acting_user=detective, given_name="Jon", family_name="Smith", date_of_birth="1980-03-04")
    le.add_identifier(case, acting_user=detective, kind="phone", value="(608) 555-0142")
    other = le.open_investigation(sheriff, acting_user=deputy, title="Night shift", trafficking_type="labor", suspicion_basis="Complaint")
    _, [hit] = le.add_identifier(other, acting_user=deputy, kind="phone", value="+1 608 555 0142")
    victim = le.identify_victim(case, acting_user=detective, given_name="Rosa", trafficking_type="labor")
    start = timezone.now() + dt.timedelta(days=9)
    operation, _ = le.plan_operation(police, acting_user=detective, investigation=case, kind="search_warrant", name="Sunrise",
                                     starts_at=start, ends_at=start + dt.timedelta(hours=3), latitude=43.07, longitude=-89.4,
                                     radius_m=200, expected_victims=4, expected_genders=["Masculine"])
    _, [conflict] = le.plan_operation(sheriff, acting_user=deputy, kind="surveillance", name="Dawn", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2), latitude=43.0705, longitude=-89.4, radius_m=200)
    heads_up = le.send_heads_up(operation, vsp, acting_user=detective)
    referral = pros.refer_for_prosecution(case, da, acting_user=detective, summary="Forced labor at a dairy")
    prosecution = pros.accept_referral(referral, acting_user=prosecutor, number="26-CF-1", jurisdiction="state")
    defendant = pros.add_defendant(prosecution, acting_user=prosecutor, subject=subject)
    pros.file_charge(defendant, acting_user=prosecutor, statute="18 U.S.C. § 1589", filed_on=timezone.localdate())
    pros.schedule_court_event(prosecution, acting_user=prosecutor, kind="arraignment",
                              starts_at=timezone.now() + dt.timedelta(days=20), place="Courtroom 4B")

    page = axe_context.new_page()
    sign_in(page, detective.email, factories.PASSWORD, secret)
    urls = [
        "/tips/", "/tips/new/", f"/tips/{tip.pk}/",
        "/investigations/", "/investigations/new/", "/investigations/reviews/", f"/investigations/{case.pk}/",
        f"/investigations/{case.pk}/edit/", f"/investigations/{case.pk}/subjects/add/",
        f"/investigations/{case.pk}/identifiers/add/", f"/investigations/{case.pk}/victims/add/",
        f"/investigations/{case.pk}/victims/{victim.pk}/edit/", f"/investigations/{case.pk}/refer-for-prosecution/",
        "/operations/", "/operations/new/", f"/operations/{operation.pk}/", f"/operations/{operation.pk}/edit/",
        "/heads-ups/", f"/heads-ups/{heads_up.pk}/",
        "/deconfliction/", f"/deconfliction/hits/{hit.pk}/", f"/deconfliction/conflicts/{conflict.pk}/",
        "/prosecutions/referrals/?show=all", f"/prosecutions/referrals/{referral.pk}/", "/prosecutions/cases/",
        f"/prosecutions/cases/{prosecution.pk}/", "/prosecutions/statutes/",
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


def test_task_force_work_pages(axe_context, transactional_db):
    """Meetings, decisions, protocols, agreements, trainings, the roadmap, survivor leaders,
    outreach and threat assessment, as the coordinator sees them with records on every page."""
    import datetime as dt

    from django.utils import timezone

    from ally.access.survivors import today_in
    from ally.meetings import actions as meetings
    from ally.outreach import actions as outreach
    from ally.protocols import actions as protocols
    from ally.trainings import actions as trainings

    tf = factories.task_force("Lakeshore Task Force")
    south = factories.region(tf, "South", counties=["Dane"])
    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement", regions_served=[south])
    vsp = factories.organization(tf, "Harbor Survivor Services", regions_served=[south])
    coordinator = factories.person("Cora Coordinator", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    factories.member(police, "supervisor", user=coordinator)
    factories.role(tf, "coordinator", coordinator)
    advocate = factories.member(vsp, "supervisor", full_name="Avery Advocate")
    leader_account = factories.role(tf, "survivor_leader_advisor", factories.member(vsp, full_name="Sol Leader"))
    today = today_in(tf.pk)
    start = timezone.now() + dt.timedelta(days=3)

    meeting = meetings.schedule_meeting(tf, acting_user=coordinator, kind="full_task_force", title="Quarterly meeting",
                                        starts_at=start, ends_at=start + dt.timedelta(hours=2), agenda="1. Protocols")
    review = meetings.schedule_meeting(tf, acting_user=coordinator, kind="case_review", title="Case review",
                                       starts_at=start, ends_at=start + dt.timedelta(hours=1), attendees=[advocate])
    item = meetings.assign_action_item(tf, acting_user=coordinator, title="Send the draft", owner=advocate,
                                       due_on=today + dt.timedelta(days=7), meeting=meeting)
    decision = meetings.record_decision(tf, acting_user=coordinator, title="Adopt the language-access protocol",
                                        rationale="Interpreters were missing.", decided_on=today, body="full_task_force")
    protocol = protocols.create_protocol(tf, acting_user=coordinator, topic="language_access", title="Language access",
                                         body="## Steps\n\n1. Ask the language.\n2. Call an interpreter.",
                                         effective_on=today, required_organizations=[vsp, police])
    protocols.publish_version(protocol, acting_user=coordinator, body="## Steps\n\n1. Ask the language.\n2. Call a qualified interpreter.",
                              summary="Qualified interpreters only.", effective_on=today)
    agreement = protocols.record_agreement(tf, acting_user=coordinator, title="Information-sharing MOU", kind="mou",
                                           parties=[vsp, police], signed_on=today - dt.timedelta(days=30),
                                           effective_on=today - dt.timedelta(days=30), expires_on=today + dt.timedelta(days=60))
    session = trainings.record_training(tf, acting_user=coordinator, title="Recognizing labor trafficking",
                                        topics=["labor_trafficking_identification"], disciplines=["law_enforcement", "victim_services"],
                                        trainer_name="Dr. Rivera", held_on=today - dt.timedelta(days=10), hours="3", region=south)
    trainings.record_attendance(session, acting_user=coordinator, people=[advocate])
    assessment = trainings.start_assessment(tf, acting_user=coordinator, year=trainings.fiscal_year(today))
    leader = outreach.add_survivor_leader(tf, acting_user=coordinator, name="Sol", kind="advisor",
                                          started_on=today - dt.timedelta(days=300), user=leader_account)
    outreach.record_engagement(leader, acting_user=coordinator, kind="review", occurred_on=today - dt.timedelta(days=5),
                               hours="4", compensation="200.00")
    feedback = outreach.record_feedback(leader, acting_user=coordinator, topic="Intake", text="Shorter forms, please.")
    event = outreach.plan_event(tf, acting_user=coordinator, kind="listening_session", title="Listening session",
                                occurred_on=today - dt.timedelta(days=3), region=south)
    outreach.record_event_held(event, acting_user=coordinator, attendance=25)
    threat = outreach.record_threat_assessment(south, acting_user=coordinator, fiscal_year=trainings.fiscal_year(today))
    outreach.add_assessed_industry(threat, acting_user=coordinator, naics_code="112120", factors=["h2a_visa", "isolation"])

    page = axe_context.new_page()
    sign_in(page, coordinator.email, factories.PASSWORD, secret)
    urls = [
        "/collaboration/", "/meetings/", "/meetings/new/", f"/meetings/{meeting.pk}/", f"/meetings/{review.pk}/",
        f"/meetings/{meeting.pk}/minutes/", "/committees/", "/action-items/?show=open", f"/action-items/{item.pk}/",
        "/decisions/", "/decisions/new/", f"/decisions/{decision.pk}/",
        "/protocols/", "/protocols/templates/", "/protocols/new/?template=media", f"/protocols/{protocol.pk}/",
        f"/protocols/{protocol.pk}/compare/?from=1&to=2", "/agreements/", "/agreements/missing/",
        f"/agreements/{agreement.pk}/", "/agreements/new/",
        "/trainings/", "/trainings/new/", f"/trainings/{session.pk}/", "/trainings/coverage/", "/trainings/me/",
        "/roadmap/", f"/roadmap/{assessment.pk}/",
        "/survivor-leaders/", f"/survivor-leaders/{leader.pk}/", "/feedback/", f"/feedback/{feedback.pk}/",
        "/outreach/", f"/outreach/{event.pk}/", "/outreach/by-region/", "/threat-assessments/",
        f"/threat-assessments/{threat.pk}/",
    ]
    problems = {}
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        problems[url] = _violations(page)
    assert problems == {url: [] for url in urls}, json.dumps(problems, indent=1)


def test_reporting_pages(axe_context, transactional_db):
    """The quarterly reports (the task force's and an organization's), the 400 page, the
    dashboards, the evaluation extract and the HTCDS interchange, with records behind them."""
    import datetime as dt
    from decimal import Decimal

    from ally.access.survivors import today_in
    from ally.core.fiscal import FiscalQuarter
    from ally.survivors import care
    from ally.survivors.actions import create_client

    tf = factories.task_force("Lakeshore Task Force")
    south = factories.region(tf, "South", counties=["Dane"], zip_codes=["53703"])
    vsp = factories.organization(tf, "Harbor Survivor Services", regions_served=[south])
    coordinator = factories.person("Cora Coordinator", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    factories.member(vsp, "org_admin", user=coordinator)
    factories.role(tf, "coordinator", coordinator)
    quarter = FiscalQuarter.containing(today_in(tf.pk)).previous()
    for number in range(8):
        client = create_client(
            vsp, acting_user=coordinator, legal_name=f"Client {number}", zip_code="53703",
            gender=("Feminine", "Masculine")[number % 2], trafficking_type=("sex", "labor")[number % 3 == 0],
            intake_date=quarter.first_day,
        )
        for offset in (3, 40):
            care.record_service(client, acting_user=coordinator, category=("case_management", "medical")[offset > 10],
                                delivered_on=quarter.first_day + dt.timedelta(days=offset), units=Decimal(1))

    page = axe_context.new_page()
    sign_in(page, coordinator.email, factories.PASSWORD, secret)
    urls = {
        "/reports/": 200,
        f"/reports/ovc/{quarter}/": 200,
        f"/reports/le/{quarter}/": 200,
        f"/reports/ovc/{quarter}/organizations/{vsp.pk}/": 200,
        "/reports/ovc/FY2026Q5/": 400,
        "/dashboards/": 200,
        "/dashboards/?period=FY2025": 200,
        "/evaluation/": 200,
        f"/organizations/{vsp.pk}/htcds/": 200,
    }
    problems = {}
    for url, status in urls.items():
        response = page.goto(url)
        assert response.status == status, url
        for details in page.locator("details").all():  # the tables beside the charts
            details.evaluate("element => element.open = true")
        problems[url] = _violations(page)
    assert problems == {url: [] for url in urls}, json.dumps(problems, indent=1)
