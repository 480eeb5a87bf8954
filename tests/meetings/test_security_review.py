"""Findings of the security review: who may supersede what, neutral notification titles, one-line
text, calendar files that never break or leak, and nothing done at a cancelled meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ally.access.survivors import today_in
from ally.audit.models import AuditEvent, DisclosureLog
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.meetings import actions
from ally.meetings.jobs import remind_action_items
from ally.meetings.models import ActionItem, CaseReviewCase, Decision, Meeting
from ally.notifications.models import Notification
from ally.survivors import actions as survivor_actions
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.meetings.conftest import meeting

DAY = dt.date(2026, 3, 5)


def _decide(tf, by, title="Adopt the protocol", **extra):
    extra.setdefault("body", "full_task_force")
    return actions.record_decision(tf, acting_user=by, title=title, rationale="Because.", decided_on=DAY, **extra)


@pytest.fixture
def committee(tf, coordinator, advocate, detective):
    return actions.create_committee(tf, acting_user=coordinator, name="Protocols", chair=advocate, members=[detective])


def test_a_chair_supersedes_only_their_own_subcommittees_decisions(tf, coordinator, advocate, detective, committee):
    other = actions.create_committee(tf, acting_user=coordinator, name="Outreach", chair=detective)
    everyone = _decide(tf, coordinator)
    theirs = _decide(tf, coordinator, body="subcommittee", committee=other)
    before = (Decision.objects.count(), AuditEvent.objects.count())
    for earlier in (everyone, theirs):
        with pytest.raises(NotPermitted):
            _decide(tf, advocate, body="subcommittee", committee=committee, supersedes=earlier)
    assert (Decision.objects.count(), AuditEvent.objects.count()) == before
    own = _decide(tf, advocate, body="subcommittee", committee=committee)
    newer = _decide(tf, advocate, body="subcommittee", committee=committee, supersedes=own)
    assert newer.supersedes == own
    assert _decide(tf, coordinator, supersedes=theirs).supersedes == theirs  # leadership supersedes any


def test_a_chair_attaches_decisions_to_their_subcommittees_meetings_only(tf, coordinator, advocate, committee):
    plenary = meeting(tf, by=coordinator)
    before = Decision.objects.count()
    with pytest.raises(NotPermitted):
        _decide(tf, advocate, body="subcommittee", committee=committee, meeting=plenary)
    assert Decision.objects.count() == before
    own = meeting(tf, "subcommittee", by=advocate, committee=committee)
    assert _decide(tf, advocate, body="subcommittee", committee=committee, meeting=own).meeting == own


def test_only_the_coordinator_records_a_decision_of_the_coordinator(tf, coordinator, co_lead):
    before = Decision.objects.count()
    with pytest.raises(NotPermitted):
        _decide(tf, co_lead, body="coordinator")
    assert Decision.objects.count() == before
    assert _decide(tf, coordinator, body="coordinator").body == "coordinator"
    assert _decide(tf, co_lead, body="co_leads").body == "co_leads"


def test_notification_titles_carry_no_free_text_and_cannot_break_an_action(tf, coordinator, advocate):
    title = "Review with maria@example.org 608-555-0142"
    held = actions.schedule_meeting(tf, acting_user=coordinator, kind="full_task_force", title=title,
                                    starts_at=timezone.now() + dt.timedelta(days=3),
                                    ends_at=timezone.now() + dt.timedelta(days=3, hours=1))
    actions.update_meeting(held, acting_user=coordinator, location="Room 2")
    actions.record_minutes(held, acting_user=coordinator, minutes="Notes")
    actions.cancel_meeting(held, acting_user=coordinator)  # once impossible: notify() refused the title
    held.refresh_from_db()
    assert held.is_cancelled
    decision = _decide(tf, coordinator, title="Call maria@example.org")
    _decide(tf, coordinator, title="Replace it", supersedes=decision)
    titles = list(Notification.objects.filter(user=advocate).values_list("title", flat=True))
    assert len(titles) == 6
    assert not any("maria" in t or "555" in t or "Review" in t or "Call" in t or "Replace" in t for t in titles)
    assert any(t.startswith("Meeting scheduled for ") and "(Full task force)" in t for t in titles)
    assert f"Decision recorded on {DAY.isoformat()}" in titles


def test_case_review_notifications_say_nothing_of_the_review(tf, co_lead, advocate, supervisor):
    meeting(tf, "case_review", by=co_lead, title="Review of Maria", attendees=[advocate, supervisor])
    note = Notification.objects.get(user=advocate)
    assert "Maria" not in note.title and note.title.endswith("(Case review)")


@pytest.mark.parametrize("bad", ["Line one\nline two", "Tab\there", "Zero\u200bwidth", "Bell\x07"])
def test_single_line_text_refuses_control_and_format_characters(tf, coordinator, bad):
    held = meeting(tf, by=coordinator)
    before = (Meeting.objects.count(), Decision.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput, match="single line"):
        meeting(tf, by=coordinator, title=bad)
    with pytest.raises(InvalidInput, match="single line"):
        actions.update_meeting(held, acting_user=coordinator, location=bad)
    with pytest.raises(InvalidInput, match="single line"):
        _decide(tf, coordinator, title=bad)
    assert (Meeting.objects.count(), Decision.objects.count(), AuditEvent.objects.count()) == before
    actions.update_meeting(held, acting_user=coordinator, agenda="First\nSecond")  # an agenda has lines


@pytest.mark.parametrize("link", ["https://call.example.org/x\r\nX-EVIL:1", "https://call.example.org/a b",
                                  "javascript:alert(1)", "https://", "ftp://call.example.org/"])
def test_a_bad_call_link_is_refused_and_the_calendar_still_works(tf, coordinator, link):
    held = meeting(tf, by=coordinator)
    with pytest.raises(InvalidInput, match="call link"):
        actions.update_meeting(held, acting_user=coordinator, call_link=link)
    held.refresh_from_db()
    assert held.call_link == ""
    actions.update_meeting(held, acting_user=coordinator, call_link="https://call.example.org/room?id=1")
    Meeting.objects.filter(pk=held.pk).update(call_link=link, title="Old\r\nX-WR-CALNAME:evil")  # rows of old
    web = client_for(coordinator)
    for url in (reverse("meeting_calendar"), reverse("meeting_ics", args=[held.pk])):
        response = web.get(url)
        assert response.status_code == 200
        assert "\nX-EVIL" not in response.content.decode() and "\nX-WR-CALNAME:evil" not in response.content.decode()


def test_a_case_review_calendar_entry_is_neutral(case_review, advocate):
    body = client_for(advocate).get(reverse("meeting_ics", args=[case_review.pk])).content.decode()
    assert "SUMMARY:Case review" in body and "X-WR-CALNAME:Case review" in body
    assert "CR-TITLE" not in body and "Agenda of the review" not in body and "DESCRIPTION" not in body


def test_the_api_names_a_case_only_to_who_may_read_its_identity(tf, case_review, co_lead, detective, police, survivor):
    actions.set_attendees(case_review, acting_user=co_lead, attendees=[*case_review.attendee_list.all(), detective])
    today = today_in(tf.pk)
    for groups in (["services"], ["identity"]):
        survivor_actions.record_consent(survivor, acting_user=None, recipients=[police], field_groups=groups,
                                        purposes=["law_enforcement_coordination"], signed_on=today,
                                        expires_on=today + dt.timedelta(days=30), signature_method="scanned_form")
        survivor_actions.share_client(survivor, recipient=police, field_groups=groups,
                                      purpose="law_enforcement_coordination", acting_user=None)
        logged = DisclosureLog.objects.filter(reader=detective).count()
        body = Api(detective).get(f"/meetings/{case_review.pk}").json()
        named = body["cases"][0]["client_id"]
        if groups == ["services"]:  # sees the client, not who it is
            assert named is None and DisclosureLog.objects.filter(reader=detective).count() == logged
        else:
            assert named == survivor.pk and DisclosureLog.objects.filter(reader=detective).count() == logged + 1


def test_the_decision_page_hides_the_title_of_a_meeting_it_cannot_show(tf, coordinator, case_review):
    decision = _decide(tf, coordinator)
    Decision.objects.filter(pk=decision.pk).update(meeting=case_review)  # a row from before the rule
    page = client_for(coordinator).get(reverse("decision_detail", args=[decision.pk])).content.decode()
    assert "CR-TITLE" not in page and "Adopt the protocol" in page


def test_nothing_is_added_to_a_cancelled_meeting_and_its_items_are_not_reminded(
        tf, case_review, co_lead, advocate, coordinator, survivor):
    item = case_review.action_items.get()
    ActionItem.objects.filter(pk=item.pk).update(due_on=DAY)
    held = meeting(tf, by=coordinator)
    standalone = actions.assign_action_item(tf, acting_user=coordinator, title="Standalone", owner=advocate,
                                            due_on=DAY)
    actions.cancel_meeting(case_review, acting_user=co_lead)
    actions.cancel_meeting(held, acting_user=coordinator)
    before = (ActionItem.objects.count(), CaseReviewCase.objects.count(), AuditEvent.objects.count())
    CaseReviewCase.objects.filter(meeting=case_review).delete()
    with pytest.raises(Conflict):
        actions.add_case(case_review, acting_user=advocate, client=survivor)
    for cancelled in (case_review, held):
        with pytest.raises(Conflict):
            actions.assign_action_item(tf, acting_user=co_lead if cancelled == case_review else coordinator,
                                       title="Follow up", owner=advocate, due_on=DAY, meeting=cancelled)
    assert (ActionItem.objects.count(), AuditEvent.objects.count()) == (before[0], before[2])
    assert not CaseReviewCase.objects.filter(meeting=case_review).exists()
    Notification.objects.all().delete()
    assert remind_action_items(tf, today=DAY) == 1
    assert Notification.objects.get().link == reverse("action_item_detail", args=[standalone.pk])


def test_the_api_attendance_names_people_of_the_task_force_only(tf, coordinator, advocate):
    stranger = factories.person("Sid Stranger")
    held = meeting(tf, by=coordinator)
    response = Api(coordinator).post(f"/meetings/{held.pk}/attendance", {"user_ids": [advocate.pk, stranger.pk]})
    assert response.status_code == 400  # refused by the scoped lookup itself, as every other list of people
    assert response.json()["detail"] == "Everyone named is a person of the task force."
    assert not held.attended.exists()


def test_the_decision_log_pages_keep_the_query_encoded(tf, coordinator):
    for n in range(31):
        _decide(tf, coordinator, title=f"Rule {n} & more")
    page = client_for(coordinator).get(reverse("decision_log") + "?q=Rule+%26+more&x=%22%3E").content.decode()
    assert "q=Rule+%26+more" in page and "page=2" in page
