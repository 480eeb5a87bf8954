"""Values every template may use: demo mode, the active task force, the user's roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

# The pages under "Task-force work" in the navigation.
COLLABORATION_MODULES = ("ally.meetings.", "ally.protocols.", "ally.trainings.", "ally.outreach.")
# The pages under "Reports": funder reports, dashboards, the evaluation extract.
REPORTING_MODULES = ("ally.reports.", "ally.evaluation.")


def ally(request: HttpRequest) -> dict[str, Any]:
    from ally.access import policy

    user = getattr(request, "user", None)
    context: dict[str, Any] = {
        "DEMO": settings.DEMO,
        "MFA_REQUIRED": settings.MFA_REQUIRED,
        "SESSION_IDLE_MINUTES": settings.SESSION_IDLE_MINUTES,
    }
    if user is not None and user.is_authenticated:
        context["grants"] = policy.grants_for(user)
        match = getattr(request, "resolver_match", None)
        module = getattr(getattr(match, "func", None), "__module__", "") or ""
        context["in_collaboration"] = module.startswith(COLLABORATION_MODULES)
        context["in_reporting"] = module.startswith(REPORTING_MODULES)
    return context
