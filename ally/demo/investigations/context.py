"""What every part of the investigation demo shares: the random generator, "now", the task
force's organizations and people, and the audit summary of bulk-loaded history."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar
from zoneinfo import ZoneInfo

from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.demo.investigations import data
from ally.demo.planner import DemoError, TaskForcePlan
from ally.demo.survivors.plan import fiscal_years_start, state_profile
from ally.tenancy.models import Organization, TaskForce

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
BULK_MARK = "ally demo (bulk-loaded investigations and prosecutions)"


class BrokenRule(DemoError):
    """A planned record breaks a rule its action enforces (a bug in the demo's planner)."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise BrokenRule(f"demo investigation breaks a rule: {message}")


def pick(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


class Context:
    def __init__(self, task_force: TaskForce, tf_plan: TaskForcePlan, *, scale: str, seed: int,
                 organizations: dict[str, Organization], users: dict[str, User], now: dt.datetime) -> None:  # fmt: skip
        self.task_force, self.tf_plan, self.scale = task_force, tf_plan, scale
        self.rng = random.Random(f"{seed}:{tf_plan.slug}:investigations")
        self.orgs, self.users, self.now = organizations, users, now
        self.zone = ZoneInfo(task_force.time_zone)
        self.today = now.astimezone(self.zone).date()
        self.since = fiscal_years_start(self.today)
        self.state = state_profile(tf_plan)
        self.code = tf_plan.states[0]
        self.staff: dict[str, list[str]] = defaultdict(list)
        for account in tf_plan.accounts:
            for org_key, _role in account.memberships:
                if org_key in organizations:
                    self.staff[org_key].append(account.key)
        self.agencies = [k for k in data.AGENCY_WEIGHTS if k in organizations and self.staff[k]]
        self.offices = [o.key for o in tf_plan.organizations if o.discipline == "prosecution"]
        self.providers = [o.key for o in tf_plan.organizations if o.discipline == "victim_services"]
        self.audit: Counter[tuple[str, EventType]] = Counter()
        self.used: set[str] = set()

    # --- who ---

    def person_of(self, org: str) -> str:
        persona = data.PERSONAS.get(org)
        if persona and persona in self.users and self.rng.random() < data.PERSONA_SHARE:
            return persona
        return self.rng.choice(self.staff[org])

    def uid(self, key: str | None) -> int | None:
        return self.users[key].pk if key else None

    def oid(self, key: str) -> int:
        return self.orgs[key].pk

    # --- when ---

    def at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        hour = self.rng.randint(8, 17) if hour is None else hour
        local = dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)), tzinfo=self.zone)
        return local.astimezone(dt.UTC)

    def until_today(self, day: dt.date) -> dt.date:
        return min(day, self.today - dt.timedelta(days=1))

    def after(self, day: dt.date, low: int, high: int) -> dt.date:
        return day + dt.timedelta(days=self.rng.randint(low, high))

    # --- where ---

    def city(self, org: str) -> tuple[str, str, str, str]:
        """(city, ZIP, county, area code) somewhere an agency works: a local agency at home."""
        plan = self.tf_plan.organization(org)
        regions = self.state.regions[: len(self.tf_plan.regions)]
        served = [r for r in regions if r.name in plan.regions_served] or list(regions)
        region = self.rng.choice(served)
        city, zip_code = self.rng.choice(region.cities)
        return city, zip_code, self.rng.choice(region.counties), region.area_code

    def coords(self, city: str) -> tuple[float, float]:
        lat, lon = data.CITY_COORDS.get(city, (44.5, -89.5))
        return lat + self.rng.uniform(-0.04, 0.04), lon + self.rng.uniform(-0.05, 0.05)

    # --- unique values ---

    def unique(self, make: Callable[[], str]) -> str:
        for _ in range(200):
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value
        raise BrokenRule("ran out of unique demo values")

    # --- audit ---

    def count(self, org: str, event: EventType, n: int = 1) -> None:
        self.audit[(org, event)] += n

    def flush_audit(self) -> None:
        for (org, event), n in sorted(self.audit.items(), key=lambda i: (i[0][0], i[0][1].value)):
            record(event, actor=None, task_force=self.task_force, organization=self.orgs[org],
                   changes={"loaded": BULK_MARK, "records": n})  # fmt: skip
        self.audit.clear()
