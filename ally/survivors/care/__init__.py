"""Changes to a client's care record: needs, the survivor's plan, services delivered, case notes.

Only the owning organization changes these (``access_client(..., for_change=True)``). Nothing here
looks at consent: consent is never a condition of service. Audit events name fields, never values.
"""

from ally.survivors.care.plans import (
    GOAL_FIELDS,
    add_goal,
    assess_needs,
    close_plan,
    plan_service,
    review_plan,
    start_plan,
    update_goal,
)
from ally.survivors.care.services import (
    SERVICE_FIELDS,
    add_case_note,
    correct_service,
    record_service,
)

__all__ = ["GOAL_FIELDS", "SERVICE_FIELDS", "add_case_note", "add_goal", "assess_needs", "close_plan"]
__all__ += ["correct_service", "plan_service", "record_service", "review_plan", "start_plan", "update_goal"]
