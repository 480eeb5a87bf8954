"""The coordinator records a decision at a meeting that affects one organization; its members
find it in their inbox and in the decision log; a member of another organization is not told."""

from __future__ import annotations

import datetime as dt
import re

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from ally.meetings import actions
from tests import factories
from tests.browser.conftest import sign_in

TITLE = "Adopt the language-access protocol"


def _person(name, org=None, role="member"):
    user = factories.person(name, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    if org is not None:
        factories.member(org, role, user=user)
    return user, secret


def test_a_decision_reaches_the_affected_organization_only(new_page, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    shelter = factories.organization(tf, "North Star Shelter", discipline="victim_services")
    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement")
    cora, cora_secret = _person("Cora Coordinator")
    factories.role(tf, "coordinator", cora)
    ina, ina_secret = _person("Ina Intake", shelter)
    dana, dana_secret = _person("Dana Detective", police)
    start = (timezone.now() - dt.timedelta(days=1)).replace(microsecond=0)
    held = actions.schedule_meeting(tf, acting_user=None, kind="full_task_force", title="March task-force meeting",
                                    starts_at=start, ends_at=start + dt.timedelta(hours=2), notify_invitees=False)

    coordinator = new_page()
    sign_in(coordinator, cora.email, factories.PASSWORD, cora_secret)
    coordinator.goto(f"/meetings/{held.pk}/")
    coordinator.get_by_role("link", name="Record a decision made here").click()
    coordinator.get_by_label("Decision (required)", exact=True).fill(TITLE)
    coordinator.get_by_label("Rationale").fill("Every survivor is interviewed in her own language.")
    coordinator.get_by_label("Decided by").select_option("full_task_force")
    assert coordinator.get_by_label("Meeting where it was decided").input_value() == str(held.pk)
    coordinator.get_by_label("North Star Shelter").check()
    coordinator.get_by_role("button", name="Record the decision").click()
    assert coordinator.get_by_text("Decision recorded. The members it affects have been told.").is_visible()
    assert coordinator.get_by_role("heading", name=TITLE).is_visible()

    member = new_page()
    sign_in(member, ina.email, factories.PASSWORD, ina_secret)
    member.goto("/inbox/")
    assert TITLE not in member.content()  # the inbox names no free text, only the date
    member.get_by_role("link", name=re.compile(r"^Decision recorded on \d{4}-\d{2}-\d{2}$")).click()
    assert member.get_by_role("heading", name=TITLE).is_visible()
    assert "March task-force meeting" in member.content() and "North Star Shelter" in member.content()
    member.goto("/decisions/")
    member.get_by_label("Search", exact=True).fill("language")
    member.get_by_role("button", name="Search").click()
    assert member.get_by_role("link", name=TITLE).is_visible()

    other = new_page()
    sign_in(other, dana.email, factories.PASSWORD, dana_secret)
    other.goto("/inbox/")
    assert TITLE not in other.content()
    other.goto("/decisions/")
    assert other.get_by_role("link", name=TITLE).is_visible()  # the log is for every member to read
