"""Two years of the task force's own work in the demo: meetings and decisions, protocols and
agreements, trainings and roadmap self-assessments, survivor-leader engagement, outreach and a
threat assessment. Each part builds through the actions, as the people of the task force would."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from ally.accounts.models import User
from ally.demo.planner import TaskForcePlan
from ally.tenancy.models import Organization, Region, TaskForce


@dataclass
class GovernanceContext:
    task_force: TaskForce
    plan: TaskForcePlan
    organizations: dict[str, Organization]  # by plan key
    users: dict[str, User]  # by account key
    regions: dict[str, Region]  # by name
    random: Random
    report: object  # progress(what, done, total)


def build_governance(
    task_force: TaskForce,
    tf_plan: TaskForcePlan,
    *,
    seed: int,
    organizations: dict[str, Organization],
    users: dict[str, User],
    report: object,
) -> None:
    from ally.demo.governance import meetings, outreach, protocols, trainings

    regions = {r.name: r for r in Region.objects.filter(task_force=task_force)}
    for n, part in enumerate((meetings, protocols, trainings, outreach), start=1):
        context = GovernanceContext(
            task_force, tf_plan, organizations, users, regions, Random(f"{seed}-{part.__name__}"), report
        )
        part.build(context)
        report(f"{tf_plan.slug}: task-force work", n, 4)  # type: ignore[operator]
