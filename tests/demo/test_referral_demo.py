"""The demo's provider network and referrals: counts, every status, timeliness, determinism and the
access policy, on the small demo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally import demo
from ally.access.referrals import visible_referrals
from ally.accounts.models import User
from ally.audit.chain import verify
from ally.demo.referrals import REFERRALS, consent_facts, plan_referrals, referral_summary
from ally.network.models import (
    ClaimLine,
    ProviderProfile,
    ReimbursementClaim,
    SubAward,
    VettingVisit,
)
from ally.notifications.models import Notification
from ally.referrals.models import Referral, ReferralStep, Status, Urgency
from ally.referrals.timeliness import figures
from ally.tenancy.models import Organization, TaskForce


@pytest.fixture(autouse=True)
def _demo_mode(settings):
    settings.DEMO = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _build() -> TaskForce:
    (tf,) = demo.build("small", 1).task_forces
    return tf


def _user(persona: str) -> User:
    return User.objects.get(email=demo.account(persona, "small", 1).email)


@pytest.mark.django_db
def test_the_small_demo_has_referrals_of_every_kind():
    tf = _build()
    summary = referral_summary(tf)
    assert 0.9 * REFERRALS["small"] <= summary["referrals"] <= 1.05 * REFERRALS["small"]
    assert set(summary["status"]) == set(Status.values)
    assert set(summary["urgency"]) == set(Urgency.values)
    share = {k: v / summary["referrals"] for k, v in summary["urgency"].items()}
    assert 0.04 < share["emergency"] < 0.18 and 0.4 < share["routine"] < 0.7
    assert summary["about_clients"] > 0 and summary["through_queue"] > 0 and summary["messages"] > 0
    assert summary["steps"] > 2 * summary["referrals"]
    # Steps: every referral starts with its sending; timestamps follow the status rules.
    for referral in Referral.objects.filter(task_force=tf):
        chain = [t for t in (referral.sent_at, referral.acknowledged_at, referral.accepted_at,
                             referral.in_service_at, referral.closed_at) if t]  # fmt: skip
        assert chain == sorted(chain)
        assert referral.steps.first().status == Status.SENT
    # Declines with reasons, some sent back to the queue and assigned again.
    declined = ReferralStep.objects.filter(referral__task_force=tf, status=Status.DECLINED)
    assert (
        declined.exists()
        and not Referral.objects.filter(
            task_force=tf, status=Status.DECLINED, decline_reason=""
        ).exists()
    )
    assert (
        Referral.objects.filter(task_force=tf)
        .exclude(to_region=None)
        .exclude(declined_at=None)
        .exists()
    )
    # A few still wait past their target now, escalated.
    overdue = Referral.objects.filter(
        task_force=tf, status=Status.SENT, ack_due_at__lt=timezone.now()
    )
    assert overdue.exists() and all(r.escalation_level >= 2 for r in overdue)
    assert Notification.objects.filter(task_force=tf).exists()
    assert verify() == []


@pytest.mark.django_db
def test_timeliness_figures_cover_every_direction():
    tf = _build()
    table = figures(tf.pk, since=timezone.now() - dt.timedelta(days=4 * 365))
    for direction in ("le_to_providers", "providers_to_le", "navigator_queue", "other"):
        assert direction in table and table[direction][""].referrals > 0, direction
        assert table[direction][""].median_ack is not None
    assert table["le_to_providers"][""].median_service is not None


@pytest.mark.django_db
def test_the_provider_network_is_there():
    tf = _build()
    profiles = ProviderProfile.objects.filter(task_force=tf)
    assert profiles.count() >= 3 and not profiles.filter(zip_code="").exists()
    assert not profiles.filter(intake_capacity=None).exists()
    visits = VettingVisit.objects.filter(task_force=tf)
    assert visits.filter(outcome="not_approved").count() == 1
    assert visits.filter(revisit_on__lt=timezone.localdate()).exists()
    assert SubAward.objects.filter(task_force=tf).exists()
    assert ReimbursementClaim.objects.filter(task_force=tf).exists()
    assert ClaimLine.objects.filter(task_force=tf, decision="approved").exists()


@pytest.mark.django_db
def test_the_referral_plan_depends_on_the_seed():
    tf = _build()
    orgs = {
        o.key: Organization.objects.get(task_force=tf, name=o.name)
        for o in demo.plan("small", 1)[0].organizations
    }
    consents = consent_facts(tf, orgs)
    now = timezone.now()
    first = plan_referrals(
        demo.plan("small", 1)[0], tf, scale="small", seed=1, now=now, consents=consents
    )
    again = plan_referrals(
        demo.plan("small", 1)[0], tf, scale="small", seed=1, now=now, consents=consents
    )
    other = plan_referrals(
        demo.plan("small", 1)[0], tf, scale="small", seed=2, now=now, consents=consents
    )
    assert first == again and first != other


@pytest.mark.django_db
def test_personas_have_referrals_and_members_see_only_their_own():
    tf = _build()
    for persona in ("investigator_local", "investigator_state", "navigator", "advocate"):
        assert visible_referrals(_user(persona)).exists(), persona
    advocate = _user("advocate")
    org = Organization.objects.get(task_force=tf, memberships__user=advocate)
    seen = visible_referrals(advocate)
    assert seen.count() < Referral.objects.filter(task_force=tf).count()
    assert all(org.pk in (r.from_organization_id, r.to_organization_id) for r in seen)
    navigator = _user("navigator")
    assert visible_referrals(navigator).exclude(to_region=None).exists()
    assert not visible_referrals(_user("outsider")).exists()
