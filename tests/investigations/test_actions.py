"""The law-enforcement compartment's actions: tips, investigations under 28 CFR Part 23, subjects,
identifiers, victims and their consent link, arrests, operations and heads-ups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.access.investigations import access_investigation, visible_investigations
from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.investigations import actions
from ally.investigations.jobs import remind_reviews
from ally.investigations.models import (
    Dissemination,
    Identifier,
    Investigation,
    InvestigationStatus,
    Subject,
    Timeline,
)
from ally.notifications.models import Notification
from ally.survivors import actions as survivor_actions
from tests import factories


@pytest.fixture
def sheriff(tf):
    return factories.organization(tf, "County Sheriff", discipline="law_enforcement", jurisdiction="local")


@pytest.fixture
def deputy(sheriff):
    return factories.member(sheriff, "member", full_name="Dee Deputy")


@pytest.fixture
def sergeant(police):
    return factories.member(police, "supervisor", full_name="Sue Sergeant")


def open_case(police, detective, **extra):
    values = {"title": "Operation Harvest", "trafficking_type": "labor",
              "suspicion_basis": "Two workers described locked housing", **extra}
    return actions.open_investigation(police, acting_user=detective, **values)


def test_an_investigation_is_due_for_review_five_years_after_it_opens(police, detective):
    case = open_case(police, detective, opened_on="2024-02-29")
    assert case.review_by == dt.date(2029, 2, 28)
    assert case.number.startswith(f"{police.slug.upper()[:12]}-2024-")
    assert case.lead_investigator == detective
    assert AuditEvent.objects.filter(event_type="investigation.opened", object_id=str(case.pk)).exists()


def test_no_reasonable_suspicion_no_investigation(police, detective):
    with pytest.raises(InvalidInput, match="reasonable suspicion"):
        open_case(police, detective, suspicion_basis="  ")
    assert not Investigation.objects.exists()


def test_only_agencies_that_investigate_open_investigations(vsp, advocate):
    with pytest.raises(NotPermitted):
        open_case(vsp, advocate)


def test_other_agencies_never_see_an_investigation(police, detective, deputy, coordinator):
    case = open_case(police, detective)
    for person in (deputy, coordinator):
        assert not visible_investigations(person).exists()
        with pytest.raises(NotVisible):
            access_investigation(person, case.pk)


def test_a_partner_agency_sees_a_joint_investigation_and_the_release_is_logged(police, detective, sergeant, sheriff, deputy):
    case = open_case(police, detective)
    with pytest.raises(NotPermitted):  # partners are added by the agency's supervisors
        actions.add_partner(case, sheriff, acting_user=detective, reason="Shared target")
    actions.add_partner(case, sheriff, acting_user=sergeant, reason="The sheriff holds the housing site")
    assert access_investigation(deputy, case.pk) == case
    [entry] = Dissemination.objects.filter(investigation=case)
    assert entry.to_organization == sheriff and entry.by == sergeant and "housing site" in entry.reason
    assert Notification.objects.filter(user=deputy, kind="investigation.shared").exists()
    with pytest.raises(NotPermitted):  # a partner does not supervise the owner's record
        access_investigation(deputy, case.pk, supervise=True)


def test_a_tip_opens_an_investigation_or_joins_one(police, detective):
    tip = actions.receive_tip(police, acting_user=detective, source="hotline", narrative="Workers sleep in the barn",
                              industry="dairy", indicators=["ilo_isolation"])
    case = actions.open_from_tip(tip, acting_user=detective, title="Barn", trafficking_type="labor",
                                 suspicion_basis="Hotline call")
    tip.refresh_from_db()
    assert tip.investigation == case and tip.status == "opened" and case.industry == "dairy"
    second = actions.receive_tip(police, acting_user=detective, source="patrol", narrative="Van at night")
    actions.join_tip(second, case, acting_user=detective)
    second.refresh_from_db()
    assert second.investigation == case and second.status == "joined"
    with pytest.raises(Conflict):
        actions.triage_tip(second, acting_user=detective, status="closed", reason="dup")


def test_tips_refuse_unknown_indicators_and_a_close_without_reason(police, detective):
    with pytest.raises(InvalidInput):
        actions.receive_tip(police, acting_user=detective, source="hotline", narrative="x", indicators=["made_up"])
    tip = actions.receive_tip(police, acting_user=detective, source="hotline", narrative="x")
    with pytest.raises(InvalidInput):
        actions.triage_tip(tip, acting_user=detective, status="closed")


def test_assigning_a_tip_tells_the_investigator(police, detective, sergeant):
    tip = actions.receive_tip(police, acting_user=sergeant, source="public", narrative="A worried neighbor")
    actions.triage_tip(tip, acting_user=sergeant, status="assigned", assigned_to=detective)
    [note] = Notification.objects.filter(user=detective, kind="investigation.tip_assigned")
    assert note.link == f"/tips/{tip.pk}/"


def test_a_malformed_phone_is_refused_and_nothing_is_saved(police, detective):
    case = open_case(police, detective)
    with pytest.raises(InvalidInput):
        actions.add_identifier(case, acting_user=detective, kind="phone", value="555-01")
    assert not Identifier.objects.exists()


def test_the_same_phone_written_differently_is_a_hit_for_both_agencies(police, detective, sheriff, deputy):
    mine = open_case(police, detective)
    theirs = open_case(sheriff, deputy, title="Night shift")
    _, none = actions.add_identifier(mine, acting_user=detective, kind="phone", value="(608) 555-0142")
    _, hits = actions.add_identifier(theirs, acting_user=deputy, kind="phone", value="+1 608-555-0142")
    assert none == [] and len(hits) == 1
    assert {n.user for n in Notification.objects.filter(kind="deconfliction.target_hit")} == {detective, deputy}
    with pytest.raises(NotVisible):
        access_investigation(deputy, mine.pk)


def test_a_subject_is_indexed_by_name_and_date_of_birth(police, detective, sheriff, deputy):
    mine, theirs = open_case(police, detective), open_case(sheriff, deputy)
    actions.add_subject(mine, acting_user=detective, given_name="Jon", family_name="Smith", date_of_birth="1980-03-04")
    _, hits = actions.add_subject(theirs, acting_user=deputy, given_name="John", family_name="Smith",
                                  date_of_birth=dt.date(1980, 3, 4), roles=["Exploiter"])
    assert len(hits) == 1
    _, none = actions.add_subject(theirs, acting_user=deputy, given_name="Mary", family_name="Smith",
                                  date_of_birth=dt.date(1980, 3, 4))
    assert none == []


def test_subjects_refuse_unknown_roles(police, detective):
    case = open_case(police, detective)
    with pytest.raises(InvalidInput):
        actions.add_subject(case, acting_user=detective, family_name="Smith", roles=["Mastermind"])
    assert not Subject.objects.exists()


def test_purging_an_open_investigation_is_refused(police, detective, sergeant):
    case = open_case(police, detective)
    actions.add_subject(case, acting_user=detective, given_name="Jon", family_name="Smith")
    with pytest.raises(Conflict, match="still open"):
        actions.purge_record(case, acting_user=sergeant, reason="Five years")
    case.refresh_from_db()
    assert case.purged_at is None and Subject.objects.get().family_name == "Smith"


def test_a_purge_blanks_the_intelligence_and_leaves_the_index(police, detective, sergeant, sheriff, deputy):
    case = open_case(police, detective)
    actions.add_subject(case, acting_user=detective, given_name="Jon", family_name="Smith", date_of_birth="1980-03-04")
    actions.add_identifier(case, acting_user=detective, kind="email", value="Boss@Example.com")
    with pytest.raises(NotPermitted):  # supervisors purge
        actions.close_investigation(case, acting_user=detective, reason="Unfounded")
        actions.purge_record(case, acting_user=detective, reason="Unfounded")
    actions.purge_record(case, acting_user=sergeant, reason="No criminal activity found")
    case.refresh_from_db()
    assert case.is_purged and case.suspicion_basis == "" and case.title == "—"
    assert Subject.objects.get().family_name == ""
    assert {i.value for i in Identifier.objects.all()} == {"—"} and Identifier.objects.count() == 2
    other = open_case(sheriff, deputy)
    _, hits = actions.add_identifier(other, acting_user=deputy, kind="email", value="boss@example.com")
    assert hits == []
    with pytest.raises(NotPermitted):  # a purged record changes no more
        actions.add_subject(case, acting_user=detective, family_name="Doe")


def test_validation_sets_the_next_review_five_years_on(police, detective, sergeant):
    case = open_case(police, detective, opened_on="2022-01-10")
    actions.validate_record(case, acting_user=sergeant, note="Still active; new complaints")
    case.refresh_from_db()
    assert case.validated_on is not None and case.review_by == actions.review_date(case.validated_on)


def test_reviewers_are_reminded_thirty_days_ahead(police, detective, sergeant):
    case = open_case(police, detective, opened_on="2022-01-10")
    assert remind_reviews(police.task_force, today=case.review_by - dt.timedelta(days=29)) == 0
    assert remind_reviews(police.task_force, today=case.review_by - dt.timedelta(days=30)) == 1
    assert {n.user for n in Notification.objects.filter(kind="investigation.review_due")} == {detective, sergeant}


def consented_client(vsp, police, advocate, *, days=30):
    client = survivor_actions.create_client(vsp, acting_user=advocate, legal_name="Rosa Diaz", trafficking_type="labor")
    today = timezone.localdate()
    consent = survivor_actions.record_consent(
        client, acting_user=advocate, recipients=[police], field_groups=["identity"],
        purposes=["law_enforcement_coordination"], signed_on=today, expires_on=today + dt.timedelta(days=days),
        signature_method="scanned_form",
    )
    share = survivor_actions.share_client(client, recipient=police, field_groups=["identity"],
                                          purpose="law_enforcement_coordination", acting_user=advocate)
    return client, consent, share


def test_a_victim_links_to_a_client_only_through_a_share(tf, vsp, police, advocate, detective):
    case = open_case(police, detective)
    victim = actions.identify_victim(case, acting_user=detective, given_name="Rosa", trafficking_type="labor")
    unshared = survivor_actions.create_client(vsp, acting_user=advocate, legal_name="Not Shared")
    with pytest.raises(InvalidInput, match="shared"):
        actions.link_victim(victim, unshared.pk, acting_user=detective)
    client, _consent, share = consented_client(vsp, police, advocate)
    actions.link_victim(victim, client.pk, acting_user=detective)
    victim.refresh_from_db()
    assert victim.client == client and victim.link_share == share


def test_a_victims_arrest_needs_the_stated_reason(police, detective):
    case = open_case(police, detective)
    victim = actions.identify_victim(case, acting_user=detective, family_name="Doe")
    with pytest.raises(InvalidInput, match="reason"):
        actions.record_arrest(case, acting_user=detective, victim=victim, on=timezone.localdate(), offense="Prostitution")
    arrest = actions.record_arrest(case, acting_user=detective, victim=victim, on=timezone.localdate(),
                                   offense="Prostitution", reason="Arrested in a sting before being identified")
    assert arrest.victim == victim and arrest.subject is None


def start_in(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def plan(org, user, *, lat=43.0731, lon=-89.4012, radius=200, start=None, hours=4, **extra):
    start = start or start_in(10)
    return actions.plan_operation(org, acting_user=user, kind="search_warrant", name="Sunrise", starts_at=start,
                                  ends_at=start + dt.timedelta(hours=hours), latitude=lat, longitude=lon,
                                  radius_m=radius, **extra)


def test_an_operation_that_ends_before_it_starts_is_refused(police, detective):
    with pytest.raises(InvalidInput, match="end after"):
        plan(police, detective, hours=-1)


def test_overlapping_operations_300_m_apart_conflict_and_both_hear_at_once(police, detective, sheriff, deputy):
    start = start_in(10)
    _, none = plan(police, detective, start=start)
    # 0.0027° of latitude ≈ 300 m
    _, conflicts = plan(sheriff, deputy, start=start + dt.timedelta(hours=1), lat=43.0758)
    assert none == [] and len(conflicts) == 1 and 250 < conflicts[0].distance_m < 350
    assert {n.user for n in Notification.objects.filter(kind="deconfliction.operation_conflict")} == {detective, deputy}


def test_a_heads_up_carries_no_date_or_place(police, detective, vsp, advocate):
    operation, _ = plan(police, detective, start=start_in(9), expected_victims=5, expected_genders=["Feminine"],
                        expected_languages="Spanish, K'iche'", minors_expected=True, location="12 Farm Rd")
    heads_up = actions.send_heads_up(operation, vsp, acting_user=detective)
    assert heads_up.timeline == Timeline.TWO_WEEKS
    assert (heads_up.expected_victims, heads_up.genders, heads_up.minors_expected) == (5, ["Feminine"], True)
    [note] = Notification.objects.filter(user=advocate, kind="operation.heads_up")
    assert "Farm" not in note.title and str(operation.starts_at.day) not in note.title.replace(str(heads_up.pk), "")
    with pytest.raises(InvalidInput):  # only to victim-service providers
        actions.send_heads_up(operation, police, acting_user=detective)


def test_closing_needs_a_reason_and_reopening_clears_it(police, detective):
    case = open_case(police, detective)
    with pytest.raises(InvalidInput):
        actions.set_status(case, InvestigationStatus.CLOSED, acting_user=detective)
    actions.close_investigation(case, acting_user=detective, reason="Unfounded")
    case = actions.set_status(case, InvestigationStatus.ACTIVE, acting_user=detective)
    assert case.closed_on is None and case.closed_reason == ""


def test_a_stale_edit_is_refused(police, detective):
    case = open_case(police, detective)
    actions.update_investigation(case, acting_user=detective, version=1, title="Harvest II")
    with pytest.raises(Conflict):
        actions.update_investigation(case, acting_user=detective, version=1, title="Harvest III")
