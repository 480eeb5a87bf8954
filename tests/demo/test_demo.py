"""The demo generator and `ally demo`: personas, grants, determinism, idempotence, demo mode."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError

from ally import demo
from ally.access import grants_for
from ally.accounts.models import User
from ally.audit.chain import verify
from ally.audit.events import GOVERNANCE_EVENTS, EventType
from ally.audit.models import AuditEvent
from ally.tenancy.models import Membership, Organization, Region, TaskForce, TaskForceRole
from ally.tenancy.vocab import (
    AgencyType,
    Discipline,
    Jurisdiction,
    MembershipRole,
    TaskForceRoleKind,
)


@pytest.fixture(autouse=True)
def _demo_mode(settings):
    settings.DEMO = True
    # Argon2 takes tenths of a second per account; the tests only need passwords to check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "task_forces": TaskForce.objects.count(),
        "organizations": Organization.objects.count(),
        "memberships": Membership.objects.count(),
        "roles": TaskForceRole.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- The plan (no database) ------------------------------------------------------------------


def test_accounts_are_deterministic_for_a_seed():
    assert demo.accounts("small", 1) == demo.accounts("small", 1)
    assert demo.accounts("statewide", 7) == demo.accounts("statewide", 7)
    assert demo.plan("statewide", 1) == demo.plan("statewide", 1)
    first, other = demo.accounts("statewide", 1), demo.accounts("statewide", 2)
    assert [a.email for a in first] != [a.email for a in other]
    assert [a.password for a in first] != [a.password for a in other]
    assert demo.account("navigator", "small", 1).persona == "navigator"


def test_every_scale_has_every_persona_once_per_task_force():
    assert demo.PERSONA_KEYS == (
        "coordinator", "co_lead_le", "co_lead_vs", "investigator_state", "investigator_local",
        "prosecutor_da", "prosecutor_usao", "victim_witness", "advocate", "vsp_supervisor",
        "navigator", "survivor_leader", "labor_inspector", "auditor", "outsider",
    )
    for scale in demo.SCALES:
        for tf in demo.plan(scale, 1):
            personas = [a.persona for a in tf.accounts if a.persona]
            assert sorted(personas) == sorted(demo.PERSONA_KEYS), (scale, tf.slug)


def test_statewide_plan_covers_every_discipline_and_jurisdiction():
    (tf,) = demo.plan("statewide", 1)
    assert tf.slug == "demo-statewide"
    assert tf.states == ("WI",)
    assert tf.time_zone == "America/Chicago"
    assert len(tf.regions) == 4
    for region in tf.regions:
        assert len(region.counties) >= 3
        assert region.zip_codes and all(len(z) == 5 and z.isdigit() for z in region.zip_codes)
    orgs = tf.organizations
    assert 20 <= len(orgs) <= 30
    assert {o.discipline for o in orgs} == set(Discipline.values)
    assert {o.jurisdiction for o in orgs} == set(Jurisdiction.values)
    assert {o.agency_type for o in orgs} >= {
        AgencyType.CHILD_WELFARE, AgencyType.HEALTH, AgencyType.LABOR
    }
    # Every discipline has more than one level of government or service area.
    for discipline in Discipline.values:
        assert len({o.jurisdiction for o in orgs if o.discipline == discipline}) >= 2
    for org in orgs:
        assert org.street and org.city and org.state == "WI" and len(org.zip_code) == 5
        assert org.phone and "555-01" in org.phone
        assert org.email.endswith(".demo.ally.test")
        assert org.regions_served
    assert [tf.organization(k).discipline for k in tf.co_leads] == [
        Discipline.LAW_ENFORCEMENT, Discipline.VICTIM_SERVICES
    ]
    assert 50 <= len(tf.accounts) <= 70
    admins = {k for a in tf.accounts for k, r in a.memberships if r == MembershipRole.ORG_ADMIN}
    assert admins == {o.key for o in orgs}
    assert any(len(a.memberships) >= 2 for a in tf.accounts)


def test_small_plan_is_a_subset_covering_every_discipline():
    (tf,) = demo.plan("small", 1)
    assert tf.slug == "demo-small"
    assert len(tf.regions) == 2
    assert 6 <= len(tf.organizations) <= 10
    assert {o.discipline for o in tf.organizations} == set(Discipline.values)
    assert {o.jurisdiction for o in tf.organizations} == set(Jurisdiction.values)
    assert len(tf.accounts) == len(demo.PERSONA_KEYS) + 1 + len(tf.organizations)


def test_national_plan_is_ten_distinct_statewide_task_forces():
    plans = demo.plan("national", 1)
    assert len(plans) == 10
    assert len({tf.slug for tf in plans}) == 10
    assert len({tf.name.lower() for tf in plans}) == 10
    assert len({tf.states for tf in plans}) == 10


def test_emails_are_unique_reserved_and_passwords_pass_the_validators():
    every = [a for scale in demo.SCALES for a in demo.accounts(scale, 1)]
    emails = [a.email for a in every]
    assert len(emails) == len(set(emails)), "scales can share a database"
    for account in every:
        assert account.email.endswith(".demo.ally.test")
        assert account.email == account.email.lower()
        assert account.email.isascii()
    for account in demo.accounts("statewide", 1) + demo.accounts("small", 3):
        assert len(account.password) >= 12
        validate_password(
            account.password, User(email=account.email, full_name=account.full_name)
        )
    passwords = [a.password for a in demo.accounts("statewide", 1)]
    assert len(passwords) == len(set(passwords))


# --- Building it -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_small_demo_builds_with_the_right_grants():
    calls: list[tuple[str, int, int]] = []
    result = demo.build("small", 1, progress=lambda what, done, total: calls.append(
        (what, done, total)
    ))
    assert result.created == ["demo-small"] and result.existing == []
    assert result.accounts == demo.accounts("small", 1)
    n = len(result.accounts)
    assert ("demo-small: accounts", n, n) in calls
    assert calls[-1][0] == "demo-small: referrals" and calls[-1][1] == calls[-1][2]

    (tf,) = result.task_forces
    plan = demo.plan("small", 1)[0]
    assert tf.slug == "demo-small"
    orgs = {o.name: o for o in Organization.objects.filter(task_force=tf)}
    regions = {r.name: r for r in Region.objects.filter(task_force=tf)}
    assert len(orgs) == len(plan.organizations) and len(regions) == 2
    org_ids = {o.key: orgs[o.name].pk for o in plan.organizations}
    assert set(tf.co_lead_organizations.values_list("pk", flat=True)) == {
        org_ids["sbi"], org_ids["lead_vsp"]
    }
    for org in orgs.values():
        assert org.memberships.filter(role=MembershipRole.ORG_ADMIN, is_active=True).exists()

    for account in result.accounts:
        user = User.objects.get(email=account.email)
        assert user.check_password(account.password), account.key
        assert user.full_name == account.full_name
        granted = grants_for(user)
        if account.persona == "outsider":
            continue
        assert granted.task_force_id == tf.pk, account.key
        assert granted.memberships == {org_ids[k]: r for k, r in account.memberships}, account.key
        assert granted.roles == set(account.task_force_roles), account.key

    def grants(persona: str):
        return grants_for(User.objects.get(email=demo.account(persona, "small", 1).email))

    auditor = grants("auditor")
    assert auditor.roles == {TaskForceRoleKind.AUDITOR} and auditor.memberships == {}
    assert auditor.is_aggregates_only
    outsider = grants("outsider")
    assert outsider.task_force_id is None
    assert not outsider.memberships and not outsider.roles and not outsider.is_participant
    assert grants("coordinator").is_coordinator
    assert grants("co_lead_le").is_co_lead and grants("co_lead_vs").is_co_lead
    assert grants("co_lead_le").memberships == {org_ids["sbi"]: MembershipRole.SUPERVISOR}
    assert grants("co_lead_vs").memberships == {org_ids["lead_vsp"]: MembershipRole.SUPERVISOR}
    assert grants("vsp_supervisor").memberships == {org_ids["lead_vsp"]: MembershipRole.SUPERVISOR}
    assert grants("navigator").roles == {TaskForceRoleKind.NAVIGATOR}
    assert grants("navigator").navigator_region_ids == {regions["Southeast Region"].pk}
    assert grants("survivor_leader").roles == {TaskForceRoleKind.SURVIVOR_LEADER_ADVISOR}
    assert grants("victim_witness").memberships == {org_ids["da1"]: MembershipRole.MEMBER}

    def organization(persona: str) -> Organization:
        (org_id,) = grants(persona).memberships
        return Organization.objects.get(pk=org_id)

    assert organization("investigator_state").jurisdiction == Jurisdiction.STATE
    assert organization("investigator_local").jurisdiction == Jurisdiction.LOCAL
    assert organization("prosecutor_da").discipline == Discipline.PROSECUTION
    assert organization("prosecutor_usao").jurisdiction == Jurisdiction.FEDERAL
    assert organization("victim_witness").discipline == Discipline.PROSECUTION
    assert organization("advocate").discipline == Discipline.VICTIM_SERVICES
    assert organization("labor_inspector").agency_type == AgencyType.LABOR
    assert organization("survivor_leader").discipline == Discipline.COMMUNITY
    two = User.objects.get(email=demo.account("sausa", "small", 1).email)
    assert len(grants_for(two).memberships) == 2


@pytest.mark.django_db
def test_building_writes_a_verifiable_audit_trail():
    result = demo.build("small", 1)
    (tf,) = result.task_forces
    plan = demo.plan("small", 1)[0]
    events = AuditEvent.objects.filter(task_force=tf)

    def count(event_type: EventType) -> int:
        return events.filter(event_type=event_type.value).count()

    assert count(EventType.TASK_FORCE_CREATED) == 1
    assert count(EventType.TASK_FORCE_UPDATED) == 1  # the co-leads
    assert count(EventType.REGION_CREATED) == len(plan.regions)
    assert count(EventType.ORGANIZATION_CREATED) == len(plan.organizations)
    assert count(EventType.MEMBER_ADDED) == sum(len(a.memberships) for a in plan.accounts)
    assert count(EventType.TASK_FORCE_ROLE_GRANTED) == sum(
        len(a.task_force_roles) for a in plan.accounts
    )
    # The demo acts as the system, except where the law needs a person (a supervisor records a
    # compelled disclosure, and the advocate closes the task of telling the survivor) and in the
    # task force's own work, which its people do: the coordinator records, a supervisor
    # acknowledges a protocol for the organization.
    by_people = set(events.exclude(actor=None).values_list("event_type", flat=True))
    collaboration = {e.value for e in GOVERNANCE_EVENTS} - {
        EventType.TASK_FORCE_CREATED, EventType.TASK_FORCE_UPDATED, EventType.REGION_CREATED,
        EventType.ORGANIZATION_CREATED, EventType.TASK_FORCE_ROLE_GRANTED,
    }
    assert by_people - collaboration == {
        EventType.COMPELLED_DISCLOSURE_RECORDED, EventType.SURVIVOR_NOTIFIED
    }
    assert EventType.PROTOCOL_ACKNOWLEDGED in by_people
    assert verify() == []


@pytest.mark.django_db
def test_command_is_idempotent_and_prints_the_accounts():
    out1, err1 = _run("--scale", "small")
    after_first = _counts()
    assert after_first["task_forces"] == 1
    out2, err2 = _run("--scale", "small", "--seed", "1")
    assert _counts() == after_first
    assert out1 == out2
    assert "nothing created" in err2
    lines = out1.splitlines()
    for account in demo.accounts("small", 1):
        assert any(account.email in line and account.password in line for line in lines)
    assert "Sign in at http://127.0.0.1:8000/accounts/login/" in out1
    # Personas come first, in the order of ARCHITECTURE.md.
    coordinator = demo.account("coordinator", "small", 1)
    outsider = demo.account("outsider", "small", 1)
    admin = next(a for a in demo.accounts("small", 1) if a.key.startswith("org_admin:"))
    assert out1.index(coordinator.email) < out1.index(outsider.email) < out1.index(admin.email)


@pytest.mark.django_db
def test_an_existing_demo_built_with_another_seed_is_refused():
    _run("--scale", "small")
    before = _counts()
    with pytest.raises(CommandError, match="seed 2"):
        _run("--scale", "small", "--seed", "2")
    assert _counts() == before


@pytest.mark.django_db
def test_a_changed_account_only_warns():
    _run("--scale", "small")
    changed = demo.account("advocate", "small", 1)
    User.objects.filter(email=changed.email).update(email="someone.else@example.test")
    before = _counts()
    out, err = _run("--scale", "small")
    assert _counts() == before
    assert "1 of the 24 demo accounts of demo-small have changed" in err
    assert demo.account("coordinator", "small", 1).password in out


@pytest.mark.django_db
def test_refuses_outside_demo_mode(settings):
    settings.DEMO = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"demo mode \(set ALLY_DEMO=true\)"):
        _run("--scale", "small")
    with pytest.raises(demo.DemoError):
        demo.build("small", 1)
    assert not TaskForce.objects.exists()


@pytest.mark.django_db
def test_debug_mode_is_enough(settings):
    settings.DEMO = False
    settings.DEBUG = True
    _run("--scale", "small")
    assert TaskForce.objects.filter(slug="demo-small").exists()


# --- Progress --------------------------------------------------------------------------------


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def write(self, msg="", style_func=None, ending=None):
        self.text += msg + ("\n" if ending is None else ending)

    def flush(self):
        pass

    def isatty(self):
        return self.tty


def test_progress_is_redrawn_in_place_on_a_terminal():
    stream = _Stream(tty=True)
    printer = demo.ProgressPrinter(stream)
    for n in range(1, 4):
        printer("demo-small: accounts", n, 3)
    assert stream.text.count("\r") == 3
    assert stream.text.endswith("3/3\n") and stream.text.count("\n") == 1


def test_progress_is_one_line_per_phase_otherwise():
    stream = _Stream(tty=False)
    printer = demo.ProgressPrinter(stream)
    for n in range(1, 4):
        printer("demo-small: accounts", n, 3)
    printer("demo-small: regions", 2, 2)
    assert stream.text == "demo-small: accounts: 3/3\ndemo-small: regions: 2/2\n"
