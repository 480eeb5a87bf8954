"""The inbox, following a notification, marking read, email settings and the unread count."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.audit.models import AuditEvent
from ally.notifications.actions import email_mode_of
from ally.notifications.models import Notification
from tests import factories
from tests.conftest import client_for
from tests.notifications.conftest import tell


def test_the_inbox_shows_my_notifications_newest_first_with_unread_marked(tf, advocate, detective, time_machine):
    time_machine.move_to("2025-06-02 10:00Z", tick=False)
    first = tell(advocate, tf, "Referral #1 was accepted")
    time_machine.move_to("2025-06-02 11:00Z", tick=False)
    tell(advocate, tf, "Referral #2 was declined")
    tell(detective, tf, "Referral #3 is for someone else")
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    page = client_for(advocate).get("/inbox/").content.decode()
    assert page.index("Referral #2 was declined") < page.index("Referral #1 was accepted")
    assert "Referral #3" not in page
    assert page.count('class="notification notification--unread"') == 1
    assert "Unread (1)" in page and "2025-06-02T05:00:00-05:00" in page  # in the task force's zone


def test_the_unread_filter_and_pages(tf, advocate):
    for n in range(30):
        tell(advocate, tf, f"Referral #{n} has a new message")
    Notification.objects.filter(title__endswith="#0 has a new message").update(read_at="2025-01-01T00:00Z")
    browser = client_for(advocate)
    first = browser.get("/inbox/").content.decode()
    assert "Page 1 of 2" in first and "Referral #29 " in first and "Referral #4 " not in first
    assert "Referral #0 " in browser.get("/inbox/?page=2").content.decode()
    unread = browser.get("/inbox/?show=unread&page=2").content.decode()
    assert "Referral #0 " not in unread and "Referral #1 " in unread


def test_following_a_notification_reads_it_and_opens_its_page(tf, advocate):
    notification = tell(advocate, tf, link="/clients/?page=2")
    response = client_for(advocate).get(f"/inbox/{notification.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/clients/?page=2")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found(tf, advocate, detective, vsp_admin, coordinator):
    notification = tell(advocate, tf)
    for person in (detective, vsp_admin, coordinator):
        browser = client_for(person)
        assert browser.get(f"/inbox/{notification.pk}/").status_code == 404
        assert browser.post(f"/inbox/{notification.pk}/read/").status_code == 404
        assert "Referral #42" not in browser.get("/inbox/").content.decode()
    assert Notification.objects.get().read_at is None


def test_my_notification_in_another_task_force_waits_until_i_work_there(tf, vsp, advocate):
    other = factories.task_force("Hudson Task Force")
    factories.member(factories.organization(other), user=advocate)
    elsewhere = tell(advocate, other, "Referral #9 was accepted")
    advocate.refresh_from_db()
    assert advocate.active_task_force_id == tf.pk
    browser = client_for(advocate)
    assert "Referral #9" not in browser.get("/inbox/").content.decode()
    assert browser.get(f"/inbox/{elsewhere.pk}/").status_code == 404


def test_mark_one_read_and_back_to_the_same_page(tf, advocate):
    notification = tell(advocate, tf)
    response = client_for(advocate).post(f"/inbox/{notification.pk}/read/", {"next": "/inbox/?show=unread&page=1"})
    assert response["Location"] == "/inbox/?show=unread&page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_never_sends_me_elsewhere(tf, advocate):
    notification = tell(advocate, tf)
    for elsewhere in ("https://evil.example/inbox/?x", "//evil.example/inbox/?", "/clients/"):
        response = client_for(advocate).post(f"/inbox/{notification.pk}/read/", {"next": elsewhere})
        assert response["Location"] == "/inbox/"


def test_mark_all_read(tf, advocate, detective):
    for _ in range(3):
        tell(advocate, tf)
    tell(detective, tf)
    response = client_for(advocate).post("/inbox/read-all/")
    assert response["Location"] == "/inbox/"
    assert not Notification.objects.filter(user=advocate, read_at=None).exists()
    assert Notification.objects.filter(user=detective, read_at=None).count() == 1


def test_the_unread_count_in_the_navigation(tf, advocate, detective):
    tell(advocate, tf)
    tell(advocate, tf)
    actions_taken = client_for(advocate).get("/").content.decode()
    assert '<span class="nav-count">2<span class="visually-hidden"> unread</span></span>' in actions_taken
    assert 'class="nav-count"' not in client_for(detective).get("/").content.decode()


def test_the_unread_count_costs_one_query(tf, advocate):
    browser = client_for(advocate)
    browser.get("/profile/")
    with CaptureQueriesContext(connection) as none:
        browser.get("/profile/")
    tell(advocate, tf)
    with CaptureQueriesContext(connection) as one:
        page = browser.get("/profile/").content.decode()
    assert 'class="nav-count">1<' in page
    assert len(one) == len(none)
    assert sum("notifications_notification" in q["sql"] for q in one.captured_queries) == 1


def test_the_inbox_costs_the_same_queries_for_3_or_25_notifications(tf, advocate):
    for _ in range(3):
        tell(advocate, tf)
    browser = client_for(advocate)
    browser.get("/inbox/")
    with CaptureQueriesContext(connection) as few:
        browser.get("/inbox/")
    for _ in range(22):
        tell(advocate, tf)
    with CaptureQueriesContext(connection) as many:
        page = browser.get("/inbox/").content.decode()
    assert page.count('class="notification notification--unread"') == 25
    assert len(many) == len(few)
    assert sum("notifications_notification" in q["sql"] for q in many.captured_queries) == 3  # count, page, unread


def test_email_settings_are_saved_and_audited(tf, advocate):
    browser = client_for(advocate)
    page = browser.get("/inbox/preferences/").content.decode()
    assert 'value="digest" ' in page and "checked" in page.split('value="digest"')[1].split(">")[0]
    response = browser.post("/inbox/preferences/", {"email_mode": "never"})
    assert response["Location"] == "/inbox/preferences/"
    assert email_mode_of(advocate) == "never"
    event = AuditEvent.objects.get(event_type="account.notification_preferences_changed")
    assert (event.actor_id, event.changes) == (advocate.pk, {"email_mode": "never"})
    browser.post("/inbox/preferences/", {"email_mode": "never"})  # no change: no event
    assert AuditEvent.objects.filter(event_type="account.notification_preferences_changed").count() == 1


def test_an_unknown_email_setting_is_refused(tf, advocate):
    page = client_for(advocate).post("/inbox/preferences/", {"email_mode": "hourly"})
    assert page.status_code == 200 and "field--invalid" in page.content.decode()
    assert email_mode_of(advocate) == "digest"


def test_the_pages_need_signing_in(db):
    from django.test import Client

    for url in ("/inbox/", "/inbox/preferences/", "/inbox/1/"):
        assert "/accounts/login/" in Client().get(url)["Location"]
