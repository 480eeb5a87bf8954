"""The demo's two years of meetings and decisions, built through the actions."""

from __future__ import annotations

from random import Random

from django.urls import reverse

from ally.demo.governance import GovernanceContext
from ally.demo.governance.meetings import DECISIONS, build
from ally.meetings.models import ActionItem, Decision, Meeting
from ally.survivors import actions as survivor_actions
from tests import factories


def test_two_years_of_meetings_and_decisions(tf, vsp, police):
    north = factories.region(tf, "North")
    users = {
        "coordinator": factories.role(tf, "coordinator", factories.member(police, "member")),
        "co_lead_vs": factories.role(tf, "co_lead", factories.member(vsp, "supervisor")),
        "co_lead_le": factories.role(tf, "co_lead", factories.member(police, "supervisor")),
        "vsp_supervisor": factories.member(vsp, "supervisor"),
        "advocate": factories.member(vsp, "member"),
        "investigator_local": factories.member(police, "member"),
    }
    for n in range(3):
        survivor_actions.create_client(vsp, acting_user=None, legal_name=f"Client {n}", trafficking_type="labor")
    context = GovernanceContext(tf, None, {"vsp": vsp, "pd1": police}, users, {"North": north}, Random(1),  # type: ignore[arg-type]
                                lambda *a: None)
    reverse("meeting_list")  # the URLs (and the API's schemas) are loaded before the demo runs
    build(context)
    kinds = set(Meeting.objects.values_list("kind", flat=True))
    assert kinds == {"full_task_force", "co_leads", "subcommittee", "listening_session", "case_review"}
    assert Meeting.objects.filter(kind="full_task_force").count() == 25
    review = Meeting.objects.filter(kind="case_review").exclude(cases=None).first()
    assert review is not None and users["co_lead_vs"] in review.attendee_list.all()
    items = ActionItem.objects.all()
    assert items.filter(status="done").count() > items.filter(status="open").count() > 0
    assert Decision.objects.count() == len(DECISIONS)
    assert Decision.objects.exclude(supersedes=None).count() == 1
    assert not Decision.objects.filter(meeting__kind="case_review").exists()
