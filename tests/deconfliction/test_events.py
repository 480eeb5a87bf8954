"""Event deconfliction: overlapping operations near each other conflict; both sides are alerted."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput
from ally.deconfliction.events import check_operation, haversine_m
from ally.deconfliction.models import OperationConflict
from ally.notifications.models import Notification
from tests import factories
from tests.conftest import client_for
from tests.deconfliction.helpers import operation

MADISON = (43.0731, -89.4012)
NORTH_300_M = (43.0731 + 300 / 111_195, -89.4012)
NORTH_2_KM = (43.0731 + 2000 / 111_195, -89.4012)


def test_haversine():
    assert round(haversine_m(*MADISON, *NORTH_300_M)) == 300
    assert round(haversine_m(*MADISON, *NORTH_2_KM)) == 2000


def test_overlapping_operations_300_m_apart_conflict_and_both_contacts_are_alerted(police, detective, sheriff, deputy):
    theirs = operation(sheriff, deputy, lat=MADISON[0], lon=MADISON[1], radius=200, name="Operation Nightjar")
    mine = operation(police, detective, lat=NORTH_300_M[0], lon=NORTH_300_M[1], radius=200,
                     starts=theirs.starts_at + dt.timedelta(hours=1), name="Operation Heron")
    conflicts = check_operation(mine, acting_user=detective)
    assert len(conflicts) == 1 and conflicts[0].distance_m == 300
    assert AuditEvent.objects.filter(event_type="deconfliction.operation_conflict").count() == 1

    mine_note, theirs_note = Notification.objects.get(user=detective), Notification.objects.get(user=deputy)
    assert mine_note.urgent and theirs_note.urgent
    assert f"#{mine.pk}" in mine_note.title and f"#{theirs.pk}" not in mine_note.title
    assert f"#{theirs.pk}" in theirs_note.title and f"#{mine.pk}" not in theirs_note.title

    page = client_for(detective).get(mine_note.link).content.decode()
    assert "Operation Heron" in page and "Devon Deputy" in page and "(608) 555-0199" in page
    # No distance: probes with known centres would locate the other agency's operation.
    assert "Dane County Sheriff" in page and "300 m" not in page
    assert "Operation Nightjar" not in page
    page = client_for(deputy).get(theirs_note.link).content.decode()
    assert "Operation Nightjar" in page and "Dana Detective" in page and "Operation Heron" not in page

    # Checked again (an edit): the pair is recorded once.
    assert check_operation(mine, acting_user=detective) == []
    assert check_operation(theirs, acting_user=deputy) == []
    assert OperationConflict.objects.count() == 1


def test_2_km_apart_with_500_m_radii_do_not_conflict(police, detective, sheriff, deputy):
    operation(sheriff, deputy, lat=MADISON[0], lon=MADISON[1], radius=500)
    mine = operation(police, detective, lat=NORTH_2_KM[0], lon=NORTH_2_KM[1], radius=500)
    assert check_operation(mine, acting_user=detective) == []


def test_windows_that_do_not_overlap_do_not_conflict(police, detective, sheriff, deputy):
    theirs = operation(sheriff, deputy, hours=4)
    after = operation(police, detective, starts=theirs.ends_at)  # starts as theirs ends
    before = operation(police, detective, starts=theirs.starts_at - dt.timedelta(hours=4), hours=4)
    assert check_operation(after, acting_user=detective) == []
    assert check_operation(before, acting_user=detective) == []


def test_a_long_operation_started_days_earlier_still_conflicts(police, detective, sheriff, deputy):
    theirs = operation(sheriff, deputy, hours=24 * 10)
    mine = operation(police, detective, starts=theirs.starts_at + dt.timedelta(days=9))
    assert len(check_operation(mine, acting_user=detective)) == 1


def test_cancelled_operations_and_the_same_agency_do_not_conflict(police, detective, sheriff, deputy):
    operation(sheriff, deputy, status="cancelled")
    operation(police, factories.member(police, full_name="Casey Colleague"))
    mine = operation(police, detective)
    assert check_operation(mine, acting_user=detective) == []
    mine.status = "cancelled"
    operation(sheriff, deputy)
    assert check_operation(mine, acting_user=detective) == []


def test_operations_that_cannot_be_deconflicted_are_refused(police, detective):
    backwards = operation(police, detective)
    backwards.ends_at = backwards.starts_at - dt.timedelta(hours=1)
    too_long = operation(police, detective, hours=24 * 15)
    too_wide = operation(police, detective, radius=60_000)
    for bad in (backwards, too_long, too_wide):
        with pytest.raises(InvalidInput):
            check_operation(bad, acting_user=detective)


def test_only_the_two_agencies_see_a_conflict(police, detective, sheriff, deputy, advocate, coordinator):
    operation(sheriff, deputy)
    conflict = check_operation(operation(police, detective), acting_user=detective)[0]
    url = f"/deconfliction/conflicts/{conflict.pk}/"
    assert client_for(detective).get(url).status_code == 200
    assert client_for(deputy).get(url).status_code == 200
    assert client_for(advocate).get(url).status_code == 404
    assert client_for(coordinator).get(url).status_code == 404
    page = client_for(deputy).get("/deconfliction/").content.decode()
    assert "Lakeshore Police Department" in page
