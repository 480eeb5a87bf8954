"""Who may see and do what in the task force's own work: the predicates every collaboration
compartment (meetings, protocols, trainings, outreach) builds on.

- *Colleagues* — working members of the task force (a membership in an organization, or a
  task-force role other than funder/auditor) — read what the task force does together: meetings
  (except case reviews), decisions, protocols, agreements, trainings, the roadmap, outreach.
- *Leadership* — the coordinator and the co-leads — record and change that work.
- Funders and auditors see aggregates only: 403 on these pages. People outside the task force
  see nothing: 404.

Each compartment's own rules (case reviews for attendees only, survivor-leader engagement for the
coordinator, protocol acknowledgement by the organizations and roles it binds) live beside this
module: ``ally/access/meetings.py``, ``protocols.py``, ``trainings.py``, ``outreach.py``.
"""

from __future__ import annotations

from typing import Any

from ally.access.policy import Grants, Permission, grants_for, require
from ally.core.errors import NotPermitted


def is_leadership(grants: Grants) -> bool:
    """The coordinator or a co-lead of the active task force."""
    return grants.is_coordinator or grants.is_co_lead


def require_colleague(user: Any) -> Grants:
    """A working member of the task force (404 outside it; 403 for funders and auditors)."""
    require(user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(user)
    if not grants.is_colleague:
        raise NotPermitted()
    return grants


def require_leadership(user: Any) -> Grants:
    """The coordinator or a co-lead (404 outside the task force; 403 for anybody else in it)."""
    require(user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(user)
    if not is_leadership(grants):
        raise NotPermitted()
    return grants
