"""The demo's protocols and agreements, built through the actions on a small task force."""

from __future__ import annotations

import datetime as dt
from random import Random

from django.urls import reverse

from ally.access.survivors import today_in
from ally.demo.governance import GovernanceContext
from ally.demo.governance import protocols as demo
from ally.protocols.models import Acknowledgement, Agreement, Protocol
from ally.protocols.queries import (
    expiring_agreements,
    organizations_without_agreement,
    outstanding_acknowledgements,
)
from tests import factories


def test_two_years_of_protocols_and_agreements(tf):
    region = factories.region(tf, "South")
    orgs = {
        key: factories.organization(tf, name, discipline=discipline, **extra)
        for key, name, discipline, extra in (
            ("sbi", "State Bureau", "law_enforcement", {"jurisdiction": "state"}),
            ("pd1", "City Police", "law_enforcement", {}),
            ("da1", "District Attorney", "prosecution", {}),
            ("usao", "U.S. Attorney", "prosecution", {"jurisdiction": "federal"}),
            ("lead_vsp", "Harbor Services", "victim_services", {}),
            ("legal_aid", "Legal Aid", "victim_services", {}),
            ("labor", "Labor Department", "government_other", {"agency_type": "labor", "jurisdiction": "state"}),
            ("faith", "Interfaith Network", "community", {}),
        )
    }
    users = {"coordinator": factories.role(tf, "coordinator", factories.member(orgs["sbi"]))}
    factories.role(tf, "co_lead", factories.member(orgs["lead_vsp"], "supervisor"))
    factories.role(tf, "navigator", factories.member(orgs["lead_vsp"]), regions=[region])
    for key in orgs:
        factories.member(orgs[key], "org_admin")
    context = GovernanceContext(tf, None, orgs, users, {"South": region}, Random(7), lambda *a: None)  # type: ignore[arg-type]
    reverse("protocol_list")  # the demo runs with the URLs loaded
    demo.build(context)
    today = today_in(tf.pk)
    protocols = Protocol.objects.filter(task_force=tf)
    assert protocols.count() == 8 and {p.template_id for p in protocols} == {
        "information-sharing", "deaf-access", "language-access", "referrals", "media", "confidentiality",
        "data-collection", "grant-reporting"}
    assert sum(1 for p in protocols if p.current_version.number >= 2) >= 4
    assert max(p.current_version.number for p in protocols) == 3
    assert all(p.versions.earliest("number").published_at.date() < today - dt.timedelta(days=540) for p in protocols)
    superseded = Acknowledgement.objects.filter(task_force=tf).exclude(version__in=[p.current_version for p in protocols])
    assert superseded.exists()
    assert outstanding_acknowledgements(tf)  # the current versions are only partly acknowledged
    assert 6 <= Agreement.objects.filter(task_force=tf).count() <= 10
    assert [a.title for a in expiring_agreements(tf, today, within_days=60)] == ["Victim services referral MOU"]
    assert {o.name for o in organizations_without_agreement(tf, today)} >= {"Interfaith Network"}
    statuses = {a.status_on(today) for a in Agreement.objects.filter(task_force=tf)}
    assert {"current", "expired", "ended"} <= statuses
