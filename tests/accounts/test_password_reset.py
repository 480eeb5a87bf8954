"""Password reset by email: a link for members, and no hint whether an address has an account."""

import re

from django.core import mail
from django.test import Client

from ally.audit.models import AuditEvent

NEW_PASSWORD = "a-brand-new-passphrase-77"
RESET_LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)")


def request_reset(email: str):
    return Client().post("/accounts/password/reset/", {"email": email})


def reset_link() -> str:
    [message] = mail.outbox
    return RESET_LINK.search(message.body).group(1)


def test_it_emails_a_member_one_reset_link(advocate):
    response = request_reset(advocate.email)
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [advocate.email]
    assert mail.outbox[0].subject.startswith("[Ally] ")
    assert RESET_LINK.search(mail.outbox[0].body)


def test_it_sets_a_new_password_from_the_link(advocate):
    request_reset(advocate.email)
    client = Client()
    form_url = client.get(reset_link())["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    advocate.refresh_from_db()
    assert advocate.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(event_type="account.password_reset", actor=advocate).exists()


def test_it_still_asks_for_the_second_factor_after_a_reset(advocate):
    request_reset(advocate.email)
    client = Client()
    form_url = client.get(reset_link())["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert client.get("/")["Location"].startswith("/accounts/login/")
    response = client.post("/accounts/login/", {"login": advocate.email, "password": NEW_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"


def test_it_refuses_a_link_used_once_already(advocate):
    request_reset(advocate.email)
    link = reset_link()
    client = Client()
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = Client()
    response = again.get(link, follow=True)
    assert "password1" not in response.content.decode()


def test_it_refuses_a_weak_new_password(advocate):
    request_reset(advocate.email)
    client = Client()
    form_url = client.get(reset_link())["Location"]
    response = client.post(form_url, {"password1": "short", "password2": "short"})
    assert response.status_code == 200
    advocate.refresh_from_db()
    assert not advocate.check_password("short")


def test_it_sends_no_link_for_an_unknown_address(advocate):
    response = request_reset("nobody@example.org")
    assert response["Location"] == "/accounts/password/reset/done/"
    assert mail.outbox == []  # not even a "no account here" note to a stranger's address


def test_it_answers_the_same_for_known_and_unknown_addresses(advocate):
    known = request_reset(advocate.email)
    unknown = request_reset("nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    done = Client().get("/accounts/password/reset/done/").content.decode()
    assert advocate.email not in done
