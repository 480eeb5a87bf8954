"""The notifications API: one's own, paged, marked read one by one or all; the email setting."""

from __future__ import annotations

from ally.notifications.actions import email_mode_of
from ally.notifications.models import Notification
from tests.api.token_client import Api
from tests.notifications.conftest import tell


def test_it_lists_my_notifications_a_page_at_a_time(tf, advocate, detective):
    for n in range(3):
        tell(advocate, tf, f"Referral #{n} was accepted")
    tell(detective, tf, "Referral #9 is someone else's")
    answer = Api(advocate).get("/notifications", limit=2).json()
    assert answer["count"] == 3
    assert [item["title"] for item in answer["items"]] == ["Referral #2 was accepted", "Referral #1 was accepted"]
    item = answer["items"][0]
    assert (item["kind"], item["kind_label"], item["link"], item["urgent"], item["read_at"]) == (
        "referral.overdue", "Referral waiting for acknowledgement", "/inbox/", False, None
    )


def test_it_lists_only_unread_ones_when_asked(tf, advocate):
    read = tell(advocate, tf, "Referral #1 was accepted")
    tell(advocate, tf, "Referral #2 was accepted")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    api = Api(advocate)
    assert api.get("/notifications", unread="true").json()["count"] == 1
    assert api.get("/notifications").json()["count"] == 2


def test_it_marks_one_read(tf, advocate):
    notification = tell(advocate, tf)
    answer = Api(advocate).post(f"/notifications/{notification.pk}/read")
    assert answer.status_code == 200 and answer.json()["read_at"] is not None
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_is_not_found(tf, advocate, detective):
    notification = tell(advocate, tf)
    answer = Api(detective).post(f"/notifications/{notification.pk}/read")
    assert answer.status_code == 404
    assert Api(detective).get("/notifications").json()["count"] == 0
    assert Notification.objects.get().read_at is None


def test_it_marks_all_read(tf, advocate, detective):
    tell(advocate, tf)
    tell(advocate, tf)
    tell(detective, tf)
    assert Api(advocate).post("/notifications/read-all").json() == {"marked_read": 2}
    assert Notification.objects.filter(read_at=None).count() == 1


def test_it_reads_and_sets_the_email_setting(tf, advocate):
    api = Api(advocate)
    assert api.get("/notification-preferences").json() == {"email_mode": "digest"}
    answer = api.send("PUT", "/notification-preferences", {"email_mode": "immediate"})
    assert answer.json() == {"email_mode": "immediate"}
    assert email_mode_of(advocate) == "immediate"
    assert api.send("PUT", "/notification-preferences", {"email_mode": "hourly"}).status_code == 422
    assert email_mode_of(advocate) == "immediate"


def test_a_read_only_token_changes_nothing(tf, advocate):
    notification = tell(advocate, tf)
    api = Api(advocate, read_only=True)
    assert api.get("/notifications").status_code == 200
    assert api.post(f"/notifications/{notification.pk}/read").status_code == 403
    assert api.send("PUT", "/notification-preferences", {"email_mode": "never"}).status_code == 403
    assert Notification.objects.get().read_at is None and email_mode_of(advocate) == "digest"
