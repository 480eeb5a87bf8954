"""The daily digest: at 7 in the task force's zone, once a day, only with something new."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail

from ally.core import schedule
from ally.notifications import NotificationKind, actions
from tests import factories
from tests.notifications.conftest import tell


@pytest.fixture
def digest_only(monkeypatch):
    job = schedule._registry["notifications.digest"]
    monkeypatch.setattr(schedule, "_registry", {job.name: job})


def _utc(day, hour, minute=0):
    return datetime(2025, 6, day, hour, minute, tzinfo=UTC)  # Chicago is UTC-5 in June



def digests_run() -> list[str]:
    """The digest jobs that ran (other apps' daily jobs may run at the same moment)."""
    return [job for job in schedule.run_due_jobs() if job.startswith("notifications.digest")]

def test_it_goes_once_a_day_at_seven_in_the_task_forces_zone(tf, advocate, digest_only, time_machine):
    time_machine.move_to(_utc(2, 10), tick=False)
    tell(advocate, tf, "Referral #1 is past its acknowledgement target")
    tell(advocate, tf, "Referral #2 is past its acknowledgement target")
    tell(advocate, tf, "Referral #3 has a new message", kind=NotificationKind.REFERRAL_MESSAGE)
    time_machine.move_to(_utc(2, 11, 59), tick=False)
    assert digests_run() == [] and mail.outbox == []

    time_machine.move_to(_utc(2, 12), tick=False)
    assert digests_run() == [f"notifications.digest@{tf.slug}"]
    [email] = mail.outbox
    assert email.to == [advocate.email] and email.subject == "Your daily summary from Ally"
    assert "You have 3 unread notifications in Ally" in email.body
    assert "- Referral waiting for acknowledgement: 2" in email.body
    assert "- New message on a referral: 1" in email.body
    assert "http://127.0.0.1:8000/inbox/\n" in email.body
    assert "Referral #" not in email.body and "Avery" not in email.body

    time_machine.move_to(_utc(2, 12, 10), tick=False)
    tell(advocate, tf, "Referral #4 is past its acknowledgement target")
    for hour in (12, 18, 23):  # later the same local day: nothing more
        time_machine.move_to(_utc(2, hour, 30), tick=False)
        schedule.run_due_jobs()
    assert len(mail.outbox) == 1

    time_machine.move_to(_utc(3, 12), tick=False)  # the next morning: the new one
    schedule.run_due_jobs()
    assert len(mail.outbox) == 2 and "You have 4 unread notifications" in mail.outbox[1].body


def test_nothing_new_since_the_last_digest_sends_nothing(tf, advocate, digest_only, time_machine):
    time_machine.move_to(_utc(2, 10), tick=False)
    tell(advocate, tf)
    time_machine.move_to(_utc(2, 12), tick=False)
    schedule.run_due_jobs()
    time_machine.move_to(_utc(3, 12), tick=False)
    assert digests_run() == [f"notifications.digest@{tf.slug}"]  # the job ran…
    assert len(mail.outbox) == 1  # …and found nothing new


def test_each_task_force_at_its_own_seven(tf, advocate, digest_only, time_machine):
    west = factories.task_force("Pacific Task Force", time_zone="America/Los_Angeles")
    ranger = factories.member(factories.organization(west), full_name="Rae Ranger")
    time_machine.move_to(_utc(2, 10), tick=False)
    tell(advocate, tf)
    tell(ranger, west)
    time_machine.move_to(_utc(2, 12), tick=False)  # 7:00 in Chicago, 5:00 in Los Angeles
    schedule.run_due_jobs()
    assert [m.to for m in mail.outbox] == [[advocate.email]]
    time_machine.move_to(_utc(2, 14), tick=False)  # 7:00 in Los Angeles
    assert digests_run() == [f"notifications.digest@{west.slug}"]
    assert [m.to for m in mail.outbox] == [[advocate.email], [ranger.email]]


def test_only_people_who_chose_the_digest_get_one(tf, vsp, advocate, detective, vsp_admin, digest_only, time_machine, django_capture_on_commit_callbacks):
    actions.set_email_mode(detective, email_mode="immediate", acting_user=detective)
    actions.set_email_mode(vsp_admin, email_mode="never", acting_user=vsp_admin)
    supervisor = factories.member(vsp, "supervisor")
    time_machine.move_to(_utc(2, 10), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        for person in (advocate, detective, vsp_admin):
            tell(person, tf)
        tell(supervisor, tf, urgent=True)  # emailed at once: nothing new for the digest
    assert [m.to for m in mail.outbox] == [[detective.email], [supervisor.email]]
    time_machine.move_to(_utc(2, 12), tick=False)
    schedule.run_due_jobs()
    assert [m.to for m in mail.outbox][2:] == [[advocate.email]]


def test_read_notifications_are_not_in_the_digest(tf, advocate, digest_only, time_machine):
    time_machine.move_to(_utc(2, 10), tick=False)
    actions.mark_read(tell(advocate, tf), acting_user=advocate)
    time_machine.move_to(_utc(2, 12), tick=False)
    schedule.run_due_jobs()
    assert mail.outbox == []
