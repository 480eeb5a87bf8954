"""Emails: a generic subject, the kind and a link; never a title, a name or anything personal."""

from __future__ import annotations

import logging
import smtplib

from django.core import mail

from ally.notifications import actions
from ally.notifications.models import Notification
from ally.survivors.actions import create_client
from tests.notifications.conftest import tell


def _choose(user, mode):
    actions.set_email_mode(user, email_mode=mode, acting_user=user)


def test_an_email_says_something_is_waiting_and_links_to_it_only(tf, vsp, advocate, django_capture_on_commit_callbacks):
    _choose(advocate, "immediate")
    client = create_client(vsp, acting_user=advocate, legal_name="Maria Example", trafficking_type="labor")
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(advocate, tf, f"Referral #{client.pk} has a new message", link=f"/clients/{client.pk}/")
    [email] = mail.outbox
    assert email.to == [advocate.email]
    assert email.subject == "New notification in Ally"
    assert f"http://127.0.0.1:8000/inbox/{notification.pk}/" in email.body
    for personal in ("Maria", "Example", "Avery", "Advocate", advocate.email, "has a new message", f"/clients/{client.pk}/", tf.name):
        assert personal not in email.body and personal not in email.subject
    assert email.extra_headers["Auto-Submitted"] == "auto-generated"
    assert Notification.objects.get().emailed_at is not None


def test_the_email_names_the_kind(tf, advocate, django_capture_on_commit_callbacks):
    _choose(advocate, "immediate")
    with django_capture_on_commit_callbacks(execute=True):
        tell(advocate, tf)
    assert "Referral waiting for acknowledgement" in mail.outbox[0].body


def test_it_is_written_in_the_persons_language(tf, advocate, django_capture_on_commit_callbacks):
    advocate.preferred_language = "es"
    advocate.save()
    _choose(advocate, "immediate")
    with django_capture_on_commit_callbacks(execute=True):
        tell(advocate, tf)
    assert mail.outbox[0].extra_headers["Content-Language"] == "es"


def test_nothing_is_queued_before_the_action_commits(tf, advocate, django_capture_on_commit_callbacks):
    _choose(advocate, "immediate")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell(advocate, tf)
    assert mail.outbox == [] and len(callbacks) == 1


def test_by_default_only_urgent_ones_are_emailed_at_once(tf, advocate, detective, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(advocate, tf)
        tell(detective, tf, urgent=True)
    assert [m.to for m in mail.outbox] == [[detective.email]]


def test_never_means_never_even_when_urgent(tf, advocate, django_capture_on_commit_callbacks):
    _choose(advocate, "never")
    with django_capture_on_commit_callbacks(execute=True):
        tell(advocate, tf, urgent=True)
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_one_read_before_the_email_went_is_not_emailed(tf, advocate):
    from ally.notifications.emails import send_notification_emails

    _choose(advocate, "immediate")
    notification = tell(advocate, tf)  # the commit has not happened: nothing queued
    actions.mark_read(notification, acting_user=advocate)
    assert send_notification_emails.call([notification.pk]) == 0
    assert mail.outbox == []


def test_each_is_emailed_once(tf, advocate):
    from ally.notifications.emails import send_notification_emails

    _choose(advocate, "immediate")
    notification = tell(advocate, tf)
    assert send_notification_emails.call([notification.pk]) == 1
    assert send_notification_emails.call([notification.pk]) == 0
    assert len(mail.outbox) == 1


def test_someone_who_left_the_task_force_is_not_emailed(tf, vsp, advocate):
    from ally.notifications.emails import send_notification_emails
    from ally.tenancy.actions import remove_member
    from ally.tenancy.models import Membership

    _choose(advocate, "immediate")
    notification = tell(advocate, tf)
    remove_member(Membership.objects.get(user=advocate), acting_user=None)
    assert send_notification_emails.call([notification.pk]) == 0


def test_a_failure_is_logged_without_the_address(tf, advocate, monkeypatch, caplog):
    from ally.notifications.emails import send_notification_emails

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({advocate.email: (550, b"no such user " + advocate.email.encode())})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    _choose(advocate, "immediate")
    notification = tell(advocate, tf)
    with caplog.at_level(logging.WARNING, logger="ally.notifications.emails"):
        assert send_notification_emails.call([notification.pk]) == 0
    [record] = caplog.records
    assert record.getMessage() == "notification email not sent"
    assert record.error == "SMTPRecipientsRefused" and record.user == advocate.pk
    assert advocate.email not in caplog.text and advocate.email.split("@")[0] not in caplog.text
    notification.refresh_from_db()
    assert notification.emailed_at is None  # a digest may still tell of it
