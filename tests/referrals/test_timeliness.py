"""Timeliness figures: medians by direction and receiving organization, declines, overdue."""

from __future__ import annotations

import datetime as dt

import time_machine

from ally.referrals import actions
from ally.referrals.timeliness import figures
from tests.conftest import client_for

START = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)  # a Monday


def _send(police, detective, shelter, urgency="urgent"):
    return actions.send_referral(police, acting_user=detective, to_organization=shelter,
                                 services=["emergency_shelter"], urgency=urgency)


def test_medians_declines_and_overdue_by_direction(tf, police, detective, shelter, intake):
    with time_machine.travel(START, tick=False):
        fast, slow, declined, waiting = (_send(police, detective, shelter) for _ in range(4))
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        actions.acknowledge(fast, acting_user=intake)
        actions.decline(declined, acting_user=intake, reason="no_capacity")
    with time_machine.travel(START + dt.timedelta(hours=5), tick=False):
        actions.accept(slow, acting_user=intake)
        actions.accept(fast, acting_user=intake)
        actions.start_service(fast, acting_user=intake)
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        table = figures(tf.pk, START - dt.timedelta(days=1))
    total, row = table["le_to_providers"][""], table["le_to_providers"][shelter.name]
    assert total.referrals == row.referrals == 4
    assert row.median_ack == 1.0  # acknowledged after 1, 1 (the decline) and 5 hours
    assert row.median_service == 5.0
    assert dict(row.declines) == {"no_capacity": 1} and row.overdue == 1


def test_only_the_coordinator_and_co_leads_see_the_figures(tf, police, detective, shelter, coordinator):
    _send(police, detective, shelter)
    page = client_for(coordinator).get("/referrals/timeliness/").content.decode()
    assert "Law enforcement → providers" in page and shelter.name in page
    assert client_for(detective).get("/referrals/timeliness/").status_code == 403
