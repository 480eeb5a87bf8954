"""Build a planned demo in the database, through the same actions people use.

Every change goes through ally.tenancy.actions with acting_user=None (the system), so the demo
has the audit trail a real task force would have. Accounts are made with create_user (there is
no action for that: people sign up through invitations). Then each victim-service organization
gets its caseload (ally.demo.survivors: clients, consents and shares through the survivor
actions, their history bulk-loaded under the same rules). Each task force is built in one
transaction: it is there completely or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from ally.accounts.models import User
from ally.demo.governance import build_governance
from ally.demo.investigations import build_investigations
from ally.demo.network import build_network
from ally.demo.planner import DemoAccount, DemoError, TaskForcePlan, plan
from ally.demo.referrals import build_referrals
from ally.demo.reports import build as build_reports
from ally.demo.survivors import build_caseload
from ally.tenancy import actions
from ally.tenancy.models import Organization, Region, TaskForce
from ally.tenancy.vocab import TaskForceRoleKind

DEMO_MODE_REQUIRED = "demo data may only be created in demo mode (set ALLY_DEMO=true)"

# progress(what, done, total): called as each step of a phase completes.
Progress = Callable[[str, int, int], None]


@dataclass
class DemoResult:
    scale: str
    seed: int
    task_forces: list[TaskForce] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # slugs built now
    existing: list[str] = field(default_factory=list)  # slugs that were already there
    accounts: list[DemoAccount] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _no_progress(what: str, done: int, total: int) -> None:
    return None


def in_demo_mode() -> bool:
    return bool(settings.DEMO or settings.DEBUG)


def build(scale: str = "statewide", seed: int = 1, progress: Progress | None = None) -> DemoResult:
    """Create the demo of this scale and seed, or leave it be if it is already there."""
    if not in_demo_mode():
        raise DemoError(DEMO_MODE_REQUIRED)
    report = progress or _no_progress
    result = DemoResult(scale=scale, seed=seed)
    for tf_plan in plan(scale, seed):
        task_force = TaskForce.objects.filter(slug=tf_plan.slug).first()
        if task_force is not None:
            warning = _check_matches(tf_plan, seed)
            if warning:
                result.warnings.append(warning)
            result.existing.append(tf_plan.slug)
        else:
            _check_free(tf_plan)
            task_force = _build_task_force(tf_plan, report, scale=scale, seed=seed)
            result.created.append(tf_plan.slug)
        result.task_forces.append(task_force)
        result.accounts.extend(tf_plan.accounts)
    if result.created:
        # Thousands of rows just arrived: give the query planner fresh statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return result


def _check_matches(tf_plan: TaskForcePlan, seed: int) -> str:
    """An existing demo task force must be the one this seed builds, or its table would lie.

    Returns a warning when a few of its accounts have changed since (say, an email address).
    """
    emails = {a.email for a in tf_plan.accounts}
    found = User.objects.filter(email__in=emails).count()
    if found * 2 < len(emails):
        raise DemoError(
            f"the demo task force {tf_plan.slug} exists but was not built with --seed {seed}; "
            "run the demo with the seed it was built with, or start from an empty database"
        )
    if found < len(emails):
        return (
            f"{len(emails) - found} of the {len(emails)} demo accounts of {tf_plan.slug} "
            "have changed since it was built; their rows below may be out of date"
        )
    return ""


def _check_free(tf_plan: TaskForcePlan) -> None:
    taken = list(
        User.objects.filter(email__in=[a.email for a in tf_plan.accounts])
        .order_by("email")
        .values_list("email", flat=True)[:3]
    )
    if taken:
        raise DemoError(
            f"cannot build the demo task force {tf_plan.slug}: accounts already exist "
            f"({', '.join(taken)})"
        )


def _build_task_force(
    tf_plan: TaskForcePlan, report: Progress, *, scale: str, seed: int
) -> TaskForce:
    label = tf_plan.slug
    with transaction.atomic():
        task_force = actions.create_task_force(
            name=tf_plan.name,
            kind=tf_plan.kind,
            states=list(tf_plan.states),
            time_zone=tf_plan.time_zone,
            slug=tf_plan.slug,
            acting_user=None,
        )
        regions: dict[str, Region] = {}
        for n, region_plan in enumerate(tf_plan.regions, start=1):
            regions[region_plan.name] = actions.create_region(
                task_force,
                name=region_plan.name,
                counties=list(region_plan.counties),
                zip_codes=list(region_plan.zip_codes),
                acting_user=None,
            )
            report(f"{label}: regions", n, len(tf_plan.regions))
        organizations: dict[str, Organization] = {}
        for n, org in enumerate(tf_plan.organizations, start=1):
            organizations[org.key] = actions.create_organization(
                task_force,
                acting_user=None,
                regions_served=[regions[name] for name in org.regions_served],
                name=org.name,
                discipline=org.discipline,
                agency_type=org.agency_type,
                jurisdiction=org.jurisdiction,
                street=org.street,
                city=org.city,
                state=org.state,
                zip_code=org.zip_code,
                phone=org.phone,
                email=org.email,
                website=org.website,
            )
            report(f"{label}: organizations", n, len(tf_plan.organizations))
        task_force = actions.update_task_force(
            task_force,
            acting_user=None,
            co_lead_organizations=[organizations[key] for key in tf_plan.co_leads],
        )
        users: dict[str, User] = {}
        for n, account in enumerate(tf_plan.accounts, start=1):
            users[account.key] = _build_account(task_force, account, organizations, regions)
            report(f"{label}: accounts", n, len(tf_plan.accounts))
        build_caseload(
            task_force,
            tf_plan,
            scale=scale,
            seed=seed,
            organizations=organizations,
            users=users,
            report=report,
        )
        build_network(
            task_force,
            tf_plan,
            seed=seed,
            organizations=organizations,
            users=users,
            report=report,
        )
        referrals = build_referrals(
            task_force,
            tf_plan,
            scale=scale,
            seed=seed,
            organizations=organizations,
            users=users,
            report=report,
        )
        build_investigations(
            task_force,
            tf_plan,
            scale=scale,
            seed=seed,
            organizations=organizations,
            users=users,
            report=report,
        )
        # Victims' arrests over the last eight quarters, so the dashboard's trend has a shape.
        build_reports(task_force, seed=seed)
        build_governance(
            task_force,
            tf_plan,
            seed=seed,
            organizations=organizations,
            users=users,
            report=report,
        )
        report(f"{label}: referrals", len(referrals), len(referrals))
    return task_force


def _build_account(
    task_force: TaskForce,
    account: DemoAccount,
    organizations: dict[str, Organization],
    regions: dict[str, Region],
) -> User:
    user = User.objects.create_user(
        account.email,
        account.password,
        full_name=account.full_name,
        title=account.title,
        phone=account.phone,
    )
    for org_key, role in account.memberships:
        membership = actions.add_member(organizations[org_key], user=user, role=role, acting_user=None)
        if account.persona == "victim_witness":  # shown everywhere as unable to promise confidentiality
            actions.mark_victim_witness_coordinator(membership, value=True, acting_user=None)
    for role in account.task_force_roles:
        actions.grant_task_force_role(
            task_force,
            user=user,
            role=role,
            regions=(
                [regions[name] for name in account.navigator_regions]
                if role == TaskForceRoleKind.NAVIGATOR
                else None
            ),
            acting_user=None,
        )
    return user
