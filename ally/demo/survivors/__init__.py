"""The demo's survivor data: a caseload for every victim-service organization of a demo task force.

``plan`` decides every record from the scale, the seed and today's date (no database); ``build``
creates them inside the task force's transaction, through the actions where that is affordable
and bulk-loaded (checked against the same rules, summarized in the audit log) where it is not.
"""

from ally.demo.survivors.build import build_caseload, caseload_summary
from ally.demo.survivors.plan import CLIENTS, CaseloadPlan, ClientPlan, plan_caseload

__all__ = ["CLIENTS", "CaseloadPlan", "ClientPlan", "build_caseload", "caseload_summary", "plan_caseload"]
