"""notify(): a row for each given person in the task force, nobody else; titles and links checked."""

from __future__ import annotations

import pytest
from django.db import transaction

from ally.notifications import NotificationKind, notify
from ally.notifications.models import Notification
from tests import factories
from tests.notifications.conftest import tell


def _notify(users, tf, **fields):
    fields.setdefault("kind", NotificationKind.REFERRAL_RECEIVED)
    fields.setdefault("title", "Referral #7 was sent to your organization")
    fields.setdefault("link", "/inbox/")
    return notify(users, task_force=tf, **fields)


def test_it_creates_a_row_for_each_given_person_only(tf, advocate, vsp_admin, detective):
    made = _notify([advocate, detective], tf)
    assert {n.user_id for n in made} == {advocate.pk, detective.pk}
    assert set(Notification.objects.values_list("user_id", flat=True)) == {advocate.pk, detective.pk}
    [row] = Notification.objects.filter(user=advocate)
    assert (row.task_force_id, row.kind, row.read_at, row.urgent) == (tf.pk, "referral.received", None, False)
    assert row.title == "Referral #7 was sent to your organization" and row.link == "/inbox/"


def test_a_person_named_twice_gets_one_notification(tf, advocate):
    assert len(_notify([advocate, advocate], tf)) == 1


def test_it_skips_people_outside_the_task_force(tf, advocate, outsider):
    elsewhere = factories.member(factories.organization(factories.task_force()), full_name="Otto Elsewhere")
    gone = factories.member(factories.organization(tf), full_name="Gone Person")
    gone.is_active = False
    gone.save()
    made = _notify([advocate, outsider, elsewhere, gone], tf)
    assert [n.user_id for n in made] == [advocate.pk]


def test_a_task_force_role_without_membership_is_enough(tf, coordinator):
    assert len(_notify([coordinator], tf)) == 1


def test_rows_go_with_the_action_that_failed(tf, advocate):
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify([advocate], tf)
        raise RuntimeError("the action failed after notifying")
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "title",
    [
        "",
        "x" * 161,
        "Referral from maria.lopez@example.org",
        "Call back 608-555-0100 about referral #3",
        "Referral #3\x07",
    ],
)
def test_it_refuses_a_title_that_is_empty_too_long_or_personal(tf, advocate, title):
    with pytest.raises(ValueError, match="title"):
        _notify([advocate], tf, title=title)
    assert not Notification.objects.exists()


def test_a_title_is_one_line_and_may_carry_numbers_and_dates(tf, advocate):
    made = tell(advocate, tf, "Claim #12\nfor 2025-10-01 to 2025-12-31  is approved")
    assert made.title == "Claim #12 for 2025-10-01 to 2025-12-31 is approved"


@pytest.mark.parametrize(
    "link", ["https://evil.example/", "//evil.example/inbox/", "inbox/", "/\\evil.example", "/in box/", "/no-such-page/"]
)
def test_it_refuses_a_link_that_is_not_a_page_of_this_site(tf, advocate, link):
    with pytest.raises(ValueError, match="link"):
        _notify([advocate], tf, link=link)


def test_a_link_may_carry_a_query_and_fragment(tf, advocate):
    assert tell(advocate, tf, link="/clients/?page=2#top").link == "/clients/?page=2#top"


def test_it_refuses_an_unknown_kind(tf, advocate):
    with pytest.raises(ValueError, match="kind"):
        _notify([advocate], tf, kind="referral.gossip")


def test_nobody_to_tell_is_no_error(tf):
    assert _notify([], tf) == []
