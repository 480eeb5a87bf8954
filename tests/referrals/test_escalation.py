"""Targets and escalation, with the clock frozen."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ally.notifications.models import Notification
from ally.referrals import actions
from ally.referrals.escalation import escalate
from ally.referrals.targets import ack_due
from tests.conftest import client_for

CHICAGO = ZoneInfo("America/Chicago")


def _at(*args):
    return dt.datetime(*args, tzinfo=CHICAGO)


@pytest.mark.parametrize(("urgency", "sent", "due"), [
    ("emergency", _at(2026, 11, 20, 23, 30), _at(2026, 11, 21, 0, 30)),   # minutes, weekend or not
    ("urgent", _at(2026, 11, 19, 16, 0), _at(2026, 11, 20, 16, 0)),       # Thursday → Friday
    ("urgent", _at(2026, 11, 20, 16, 0), _at(2026, 11, 23, 16, 0)),       # Friday → Monday
    ("routine", _at(2026, 11, 20, 16, 0), _at(2026, 11, 25, 16, 0)),      # Friday → Wednesday
    ("urgent", _at(2026, 11, 21, 10, 0), _at(2026, 11, 24, 10, 0)),       # Saturday counts from Monday
])
def test_acknowledgement_targets_count_business_days_in_the_task_forces_zone(tf, urgency, sent, due):
    tf.time_zone = "America/Chicago"
    assert ack_due(tf, urgency, sent.astimezone(dt.UTC)) == due.astimezone(dt.UTC)


def test_targets_are_configurable_per_task_force(tf):
    tf.ack_emergency_minutes = 30
    sent = _at(2026, 11, 18, 9, 0)
    assert ack_due(tf, "emergency", sent) == sent + dt.timedelta(minutes=30)


def _titles(user):
    return list(Notification.objects.filter(user=user, kind="referral.overdue").values_list("title", flat=True))


def test_an_overdue_emergency_escalates_in_order_once_each(tf, police, detective, shelter, intake, navigator, coordinator):
    start = _at(2026, 11, 18, 9, 0)
    with time_machine.travel(start, tick=False):
        referral = actions.send_referral(police, acting_user=detective, to_organization=shelter,
                                         services=["emergency_shelter"], urgency="emergency")
    steps = [
        (44, [], [], []),                       # not yet near the 60-minute target
        (46, ["waiting"], [], []),              # the last quarter: the shelter is reminded
        (61, ["waiting"], ["past"], []),        # past the target: the region's navigator
        (121, ["waiting"], ["past"], ["well past"]),  # a whole window late: the coordinator
        (500, ["waiting"], ["past"], ["well past"]),  # nothing more, however late
    ]
    for minutes, reminded, told_navigator, told_coordinator in steps:
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            escalate()
        assert [t for t in _titles(intake) if "waiting" in t] == [f"Referral #{referral.pk} is waiting for your answer"] * len(reminded)
        assert len(_titles(navigator)) == len(told_navigator)
        assert len(_titles(coordinator)) == len(told_coordinator)
    referral.refresh_from_db()
    assert referral.escalation_level == 3
    navigator_note = Notification.objects.get(user=navigator, kind="referral.overdue")
    assert navigator_note.link == "/referrals/overdue/"  # not a side: the overdue list, by number
    page = client_for(coordinator).get("/referrals/overdue/").content.decode()
    assert f"#{referral.pk}" in page and shelter.name in page


def test_an_acknowledged_referral_does_not_escalate(tf, police, detective, shelter, intake, navigator):
    start = _at(2026, 11, 18, 9, 0)
    with time_machine.travel(start, tick=False):
        referral = actions.send_referral(police, acting_user=detective, to_organization=shelter,
                                         services=["emergency_shelter"], urgency="emergency")
        actions.acknowledge(referral, acting_user=intake)
    with time_machine.travel(start + dt.timedelta(hours=5), tick=False):
        assert escalate() == 0
    assert not Notification.objects.filter(kind="referral.overdue").exists()


def test_a_worker_stopped_for_hours_raises_every_level_at_once_in_order(tf, police, detective, shelter, intake, navigator, coordinator):
    start = _at(2026, 11, 18, 9, 0)
    with time_machine.travel(start, tick=False):
        actions.send_referral(police, acting_user=detective, to_organization=shelter, services=["emergency_shelter"], urgency="emergency")
    with time_machine.travel(start + dt.timedelta(hours=6), tick=False):
        assert escalate() == 3
    order = list(Notification.objects.filter(kind="referral.overdue").order_by("pk").values_list("user_id", flat=True))
    assert order == [intake.pk, navigator.pk, coordinator.pk]



