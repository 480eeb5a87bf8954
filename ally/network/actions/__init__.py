"""Every change in the provider network: profiles, capacity, vetting, sub-awards and claims.

Each action takes a keyword-only ``acting_user`` (None only for the command line and the demo
generator, which act as the system), checks the policy, runs atomically and writes its audit event.
"""

from ally.network.actions.claims import (
    create_sub_award,
    decide_claim_line,
    submit_claim,
    update_sub_award,
)
from ally.network.actions.profiles import (
    PROFILE_FIELDS,
    save_provider_profile,
    update_intake_capacity,
)
from ally.network.actions.vetting import record_vetting_visit

__all__ = [
    "PROFILE_FIELDS",
    "create_sub_award",
    "decide_claim_line",
    "record_vetting_visit",
    "save_provider_profile",
    "submit_claim",
    "update_intake_capacity",
    "update_sub_award",
]
