"""The collaboration page and the coordinator home: each person's part, leadership's lists."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ally.access.survivors import today_in
from ally.meetings.actions import assign_action_item, schedule_meeting
from ally.protocols.actions import acknowledge_protocol, create_protocol, publish_version
from tests import factories
from tests.conftest import client_for

URL = "/collaboration/"


def _protocol(tf, *organizations):
    return create_protocol(
        tf, acting_user=None, topic="language_access", title="Language access", body="Use a qualified interpreter.",
        effective_on=today_in(tf.pk), required_organizations=list(organizations),
    )


def test_a_new_protocol_version_resets_acknowledgements_on_the_coordinator_home(tf, vsp, police, coordinator):
    vsp_supervisor = factories.member(vsp, "supervisor", full_name="Sam Supervisor")
    police_chief = factories.member(police, "org_admin", full_name="Pat Chief")
    protocol = _protocol(tf, vsp, police)
    page = client_for(coordinator).get(URL).content.decode()
    assert "Coordinator home" in page
    assert f'href="/protocols/{protocol.pk}/"' in page
    assert "Harbor Survivor Services" in page and "Lakeshore Police Department" in page
    assert "2 have not acknowledged" in page

    acknowledge_protocol(protocol.current_version, acting_user=vsp_supervisor, organization=vsp)
    acknowledge_protocol(protocol.current_version, acting_user=police_chief, organization=police)
    page = client_for(coordinator).get(URL).content.decode()
    assert "Everyone has acknowledged the current version of every protocol." in page

    publish_version(protocol, acting_user=None, body="Use a qualified interpreter, never a child.",
                    summary="Children never interpret.", effective_on=today_in(tf.pk))
    page = client_for(coordinator).get(URL).content.decode()
    assert "(version 2)" in page and "2 have not acknowledged" in page
    assert "Harbor Survivor Services" in page and "Lakeshore Police Department" in page


def test_members_see_their_own_part_and_not_the_coordinator_lists(tf, vsp, police, coordinator, advocate):
    vsp_supervisor = factories.member(vsp, "supervisor", full_name="Sam Supervisor")
    _protocol(tf, vsp)
    assign_action_item(tf, acting_user=None, title="Draft the shelter intake checklist", owner=advocate,
                       due_on=today_in(tf.pk) + dt.timedelta(days=2))
    page = client_for(vsp_supervisor).get(URL).content.decode()
    assert "Coordinator home" not in page
    assert "Language access" in page  # the supervisor acknowledges for the VSP
    assert "Draft the shelter intake checklist" not in page  # not theirs
    page = client_for(advocate).get(URL).content.decode()
    assert "Draft the shelter intake checklist" in page
    assert "Language access" not in page  # a member does not speak for the organization
    home = client_for(advocate).get("/").content.decode()
    assert "1 of your action items is due within three days or overdue." in home


def test_case_review_items_stay_off_the_home_of_a_coordinator_not_on_the_list(tf, vsp, police, coordinator, advocate, detective, time_machine):
    co_lead = factories.role(tf, "co_lead", factories.member(vsp, "supervisor", full_name="Vera Colead"))
    now = timezone.now()
    time_machine.move_to(now - dt.timedelta(days=20))
    review = schedule_meeting(
        tf, acting_user=co_lead, kind="case_review", title="Monthly case review",
        starts_at=timezone.now() + dt.timedelta(days=1), ends_at=timezone.now() + dt.timedelta(days=1, hours=1),
        attendees=[advocate, detective],
    )
    assign_action_item(tf, acting_user=co_lead, title="Call the landlord back", owner=advocate,
                       due_on=today_in(tf.pk) + dt.timedelta(days=5), meeting=review)
    assign_action_item(tf, acting_user=None, title="Book the training room", owner=detective,
                       due_on=today_in(tf.pk) + dt.timedelta(days=5))
    time_machine.move_to(now)
    page = client_for(coordinator).get(URL).content.decode()
    assert "Book the training room" in page  # overdue, and the coordinator may see it
    assert 'href="/action-items/' in page
    assert "Call the landlord back" not in page and "Monthly case review" not in page
    page = client_for(co_lead).get(URL).content.decode()
    assert "Call the landlord back" in page  # the convener is on the list


def test_reports_due_and_overdue_referrals_are_counted(tf, coordinator, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 5, 15, 0, tzinfo=dt.UTC))
    page = client_for(coordinator).get(URL).content.decode()
    assert "Quarterly performance measures (FY2027Q1)" in page
    assert "30 Jan 2027" in page
    assert "No referral is waiting past its target." in page


def test_funders_and_outsiders(tf, outsider):
    auditor = factories.role(tf, "auditor", factories.person("Aldo Auditor"))
    assert client_for(auditor).get(URL).status_code == 403
    assert client_for(outsider).get(URL).status_code == 404


def test_the_page_costs_the_same_with_more_records(tf, vsp, police, coordinator, advocate, django_assert_max_num_queries):
    def build(n):
        for i in range(n):
            _protocol(tf, vsp, police)
            assign_action_item(tf, acting_user=None, title=f"Item {i}", owner=advocate,
                               due_on=today_in(tf.pk) + dt.timedelta(days=i))

    build(2)
    client = client_for(coordinator)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    build(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
