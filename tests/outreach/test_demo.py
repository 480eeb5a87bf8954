"""The demo's survivor-leader engagement, outreach and threat assessment, built through the actions."""

from __future__ import annotations

from random import Random

from django.urls import reverse

from ally.demo.governance import GovernanceContext
from ally.demo.governance import outreach as demo
from ally.outreach.models import (
    Engagement,
    Feedback,
    OutreachEvent,
    SurvivorLeader,
    ThreatAssessment,
)


def test_two_years_of_engagement_outreach_and_assessment(tf, south, north, vsp, police, coordinator, co_lead, sol):
    context = GovernanceContext(
        tf, None, {"vsp": vsp, "police": police},  # type: ignore[arg-type]
        {"coordinator": coordinator, "co_lead_le": co_lead, "survivor_leader": sol},
        {"South": south, "North": north}, Random(7), lambda *a: None,
    )
    reverse("feedback_list")  # load the URLconf first: the demo has long loaded it by then
    demo.build(context)
    assert SurvivorLeader.objects.filter(user=sol).count() == 1
    assert Engagement.objects.count() == 30 and Engagement.objects.filter(compensation=0).exclude(unpaid_reason="").count() == 1
    assert Feedback.objects.count() == 10 and Feedback.objects.filter(status="answered").count() == 8
    assert OutreachEvent.objects.count() >= 40
    assert OutreachEvent.objects.filter(kind__in=["art", "spoken_word"], survivor_led=True).exists()
    assert OutreachEvent.objects.filter(industry__isnull=False).count() >= 4
    assert ThreatAssessment.objects.count() == 4

    def codes(region):
        latest = ThreatAssessment.objects.filter(region=region).order_by("-fiscal_year").first()
        return set(latest.industries.values_list("naics_code", flat=True))

    assert "112120" in codes(south)  # a rural region: dairy farms
    assert "721110" in codes(north) and "812113" in codes(north)  # the first region is the urban one
