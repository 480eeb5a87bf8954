"""The demo: a fictional but realistic task force with a sign-in account for every persona.

    from ally import demo
    demo.build("small", seed=1)              # create it (demo or debug mode only); idempotent
    demo.accounts("small", seed=1)           # every account with its password, no database
    demo.account("navigator", "small")       # one persona's account

Everything is derived from the scale and the seed, so the same command always creates the same
people with the same passwords. `ally demo` is the command-line front end.
"""

from ally.demo.generator import DEMO_MODE_REQUIRED, DemoResult, Progress, build, in_demo_mode
from ally.demo.output import ProgressPrinter, format_accounts, ordered
from ally.demo.planner import (
    SCALES,
    DemoAccount,
    DemoError,
    OrganizationPlan,
    RegionPlan,
    TaskForcePlan,
    account,
    accounts,
    plan,
)
from ally.demo.plans import PERSONA_KEYS, PERSONAS

__all__ = [
    "DEMO_MODE_REQUIRED",
    "PERSONAS",
    "PERSONA_KEYS",
    "SCALES",
    "DemoAccount",
    "DemoError",
    "DemoResult",
    "OrganizationPlan",
    "Progress",
    "ProgressPrinter",
    "RegionPlan",
    "TaskForcePlan",
    "account",
    "accounts",
    "build",
    "format_accounts",
    "in_demo_mode",
    "ordered",
    "plan",
]
