"""The demo's law-enforcement and prosecution side, on the small demo: counts, the funnel of the
evaluation's published rates, deconfliction hits between agencies only, victim links resting on
consent, heads-ups without date or place, and determinism."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from ally import demo
from ally.accounts.models import User
from ally.audit.chain import verify
from ally.deconfliction.models import Hit, OperationConflict
from ally.demo.investigations import data, investigation_summary
from ally.demo.investigations.cases import plan_investigations
from ally.demo.investigations.context import Context
from ally.investigations.models import (
    Arrest,
    HeadsUp,
    IdentifiedVictim,
    Identifier,
    Investigation,
    InvestigationPartner,
    Operation,
    Tip,
)
from ally.notifications.kinds import NotificationKind
from ally.notifications.models import Notification
from ally.prosecutions.models import Charge, ProsecutionCase, ProsecutionReferral
from ally.survivors.models import Share
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


def _funnel(tf: TaskForce, kind: str, older_than_days: int = 180) -> tuple[int, float, float, float]:
    """Of the investigations of this type old enough to have run their course: how many, and the
    share with an arrest, with a prosecution case, with a charge under a trafficking statute."""
    cutoff = timezone.localdate() - dt.timedelta(days=older_than_days)
    ids = set(Investigation.objects.filter(task_force=tf, trafficking_type=kind, opened_on__lt=cutoff)
              .values_list("pk", flat=True))  # fmt: skip
    arrested = set(Arrest.objects.filter(investigation_id__in=ids, subject__isnull=False).values_list("investigation_id", flat=True))
    prosecuted = set(ProsecutionCase.objects.filter(investigation_id__in=ids).values_list("investigation_id", flat=True))
    trafficking = set(Charge.objects.filter(defendant__case__investigation_id__in=ids, statute__category="trafficking")
                      .values_list("defendant__case__investigation_id", flat=True))  # fmt: skip
    n = len(ids)
    return n, len(arrested) / n, len(prosecuted) / n, len(trafficking) / n


@pytest.mark.django_db
def test_the_small_demo_has_investigations_and_prosecutions_in_proportion():
    tf = _build()
    s = investigation_summary(tf)
    total = data.INVESTIGATIONS["small"]
    assert total <= s["investigations"] <= total + 1  # the detective's fresh case, when pages exist
    assert 1.5 * total <= s["subjects"] <= 2.6 * total
    assert 1.0 * total <= s["victims"] <= 1.7 * total
    assert s["tips"] >= 2.4 * total
    acted = s["tips_status"].get("opened", 0) + s["tips_status"].get("joined", 0)
    assert 0.3 <= acted / s["tips"] <= 0.5
    # Labor is under-identified: about three in ten investigations involve labor.
    labor = s["type"].get("labor", 0) + s["type"].get("both", 0)
    assert 0.18 <= labor / s["investigations"] <= 0.45
    assert {"closed", "referred", "active"} <= set(s["status"])
    assert data.SHARED_TARGETS["small"] <= s["hits"] <= 3 * data.SHARED_TARGETS["small"]
    assert s["operations"] >= 0.4 * total and s["conflicts"] >= 1 and s["heads_ups"] >= 1
    assert {"accepted", "declined", "pending"} <= set(s["referrals"])
    assert s["cases"] > 0 and s["charges"] >= s["cases"] and s["court_events"] > s["cases"]
    # About one victim in twenty was arrested or charged by the investigations part, and the
    # reporting part (ally/demo/reports.py) adds a falling trend over eight quarters for the
    # dashboard: about a third in all, each with the stated reason.
    victim_arrests = Arrest.objects.filter(investigation__task_force=tf, victim__isnull=False)
    assert 0.15 * s["victims"] <= victim_arrests.count() <= 0.45 * s["victims"]
    assert not victim_arrests.filter(reason="").exists()
    # Every identifier is indexed; joint investigations have their dissemination entry.
    identifiers = Identifier.objects.filter(task_force=tf)
    assert identifiers.filter(pointer__isnull=True).count() == 0
    assert set(identifiers.values_list("kind", flat=True)) >= {"person", "phone", "email", "vehicle", "account", "url",
                                                                 "address", "business"}  # fmt: skip
    for partner in InvestigationPartner.objects.filter(investigation__task_force=tf):
        assert partner.investigation.disseminations.filter(to_organization=partner.organization).exists()
    for referral in ProsecutionReferral.objects.filter(task_force=tf):
        assert referral.investigation.disseminations.filter(to_organization=referral.to_organization).exists()
        assert (referral.status == "declined") == bool(referral.decline_reason)
    # Part 23: reviewed within five years of opening (or of the last validation).
    for inv in Investigation.objects.filter(task_force=tf):
        start = inv.validated_on or inv.opened_on
        assert inv.review_by.year == start.year + 5 and inv.purged_at is None
    assert verify() == []


@pytest.mark.django_db
def test_the_funnel_resembles_the_evaluation():
    tf = _build()
    n, arrest, prosecution, trafficking = _funnel(tf, "sex")
    assert n >= 30
    assert arrest >= 0.85
    assert 0.55 <= prosecution <= 0.9
    assert 0.15 <= trafficking <= 0.5
    n, arrest_l, prosecution_l, _t = _funnel(tf, "labor", older_than_days=120)
    assert n >= 5
    assert prosecution_l < prosecution  # labor investigations reach charges less often
    # Federal cases carry federal charges only.
    assert not Charge.objects.filter(defendant__case__task_force=tf, defendant__case__jurisdiction="federal",
                                     statute__jurisdiction="state").exists()  # fmt: skip


@pytest.mark.django_db
def test_hits_are_between_agencies_only():
    tf = _build()
    hits = Hit.objects.filter(task_force=tf).select_related("new_pointer__investigation", "existing_pointer__investigation")
    assert hits.exists()
    for hit in hits:
        new, old = hit.new_pointer.investigation, hit.existing_pointer.investigation
        assert new.organization_id != old.organization_id
        assert hit.new_organization_id == new.organization_id and hit.existing_organization_id == old.organization_id
        assert hit.new_pointer.kind == hit.existing_pointer.kind == hit.kind
        assert not InvestigationPartner.objects.filter(investigation=old, organization_id=new.organization_id).exists()
        if hit.kind not in ("person", "business"):
            assert hit.new_pointer.key == hit.existing_pointer.key
    # Some were written differently by the two agencies.
    assert any(h.new_pointer.identifier.value != h.existing_pointer.identifier.value or h.kind == "person" for h in hits)
    for conflict in OperationConflict.objects.filter(task_force=tf):
        assert conflict.new_operation.organization_id != conflict.existing_operation.organization_id


@pytest.mark.django_db
def test_victim_links_rest_on_a_share_in_force_to_an_agency_working_the_case():
    tf = _build()
    linked = IdentifiedVictim.objects.filter(investigation__task_force=tf, client__isnull=False)
    assert linked.exists()
    today = timezone.localdate()
    for victim in linked.select_related("link_share", "investigation"):
        share = victim.link_share
        assert share is not None and share.client_id == victim.client_id
        working = {victim.investigation.organization_id, *InvestigationPartner.objects.filter(
            investigation=victim.investigation, removed_at=None).values_list("organization_id", flat=True)}  # fmt: skip
        assert share.recipient_id in working
        assert Share.objects.filter(pk=share.pk, revoked_at=None, expires_on__gte=today, consent__revoked_at=None,
                                    consent__expires_on__gte=today, consent__recipients=F("recipient")).exists()  # fmt: skip


@pytest.mark.django_db
def test_heads_ups_carry_no_date_or_place():
    tf = _build()
    fields = {f.name for f in HeadsUp._meta.get_fields()}
    assert not fields & {"starts_at", "ends_at", "location", "latitude", "longitude", "radius_m"}
    for heads_up in HeadsUp.objects.filter(task_force=tf):
        assert Organization.objects.get(pk=heads_up.to_organization_id).discipline == "victim_services"
        assert heads_up.sent_at <= heads_up.operation.starts_at


@pytest.mark.django_db
def test_personas_have_something_to_look_at():
    tf = _build()
    detective, da = _user("investigator_local"), _user("prosecutor_da")
    pd1 = Investigation.objects.filter(task_force=tf, lead_investigator=detective, status__in=("open", "active"))
    assert pd1.filter(subjects__isnull=False, identifiers__isnull=False).exists()
    assert Hit.objects.filter(task_force=tf, new_contact=detective).exists()
    assert Notification.objects.filter(user=detective, kind=NotificationKind.TARGET_HIT).exists()
    planned = Operation.objects.filter(task_force=tf, status="planned", contact=detective, starts_at__gt=timezone.now())
    assert HeadsUp.objects.filter(operation__in=planned, to_organization__name__icontains="Harbor Light").exists()
    assert OperationConflict.objects.filter(new_operation__organization__investigations__lead_investigator=detective).exists() or \
        OperationConflict.objects.filter(existing_operation__in=planned).exists()  # fmt: skip
    assert Tip.objects.filter(assigned_to=detective, status="assigned").exists()
    assert Notification.objects.filter(user=_user("advocate"), kind=NotificationKind.HEADS_UP).exists()
    # The advocate's linked clients have upcoming court events, and the advocates were told.
    linked = IdentifiedVictim.objects.filter(investigation__task_force=tf, client__isnull=False)
    assert ProsecutionCase.objects.filter(victims__victim__in=linked, court_events__starts_at__gt=timezone.now()).exists()
    assert Notification.objects.filter(kind=NotificationKind.LEGAL_STATUS).exists()
    da1 = ProsecutionCase.objects.filter(task_force=tf, prosecutor=da).values_list("organization_id", flat=True).first()
    assert ProsecutionReferral.objects.filter(to_organization_id=da1, status="pending").exists()
    assert ProsecutionCase.objects.filter(organization_id=da1, status__in=("charged", "trial")).exists()
    assert Notification.objects.filter(user__memberships__organization_id=da1, kind=NotificationKind.PROSECUTION_REFERRAL).exists()


@pytest.mark.django_db
def test_a_second_run_creates_nothing_and_the_plan_is_deterministic():
    tf = _build()
    before = investigation_summary(tf)
    again = demo.build("small", 1)
    assert again.created == [] and investigation_summary(tf) == before
    (tf_plan,) = demo.plan("small", 1)
    orgs = {o.key: Organization.objects.get(task_force=tf, name=o.name) for o in tf_plan.organizations}
    users = {a.key: User.objects.get(email=a.email) for a in tf_plan.accounts}
    now = timezone.now()

    def planned(seed: int) -> list[tuple[str, str, str, int, int]]:
        ctx = Context(tf, tf_plan, scale="small", seed=seed, organizations=orgs, users=users, now=now)
        return [(p.number, p.kind, p.industry, len(p.subjects), len(p.victims)) for p in plan_investigations(ctx)]

    assert planned(1) == planned(1)
    assert planned(1) != planned(2)
