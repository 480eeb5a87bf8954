"""Every change in the law-enforcement compartment (see the modules for the rules of each)."""

from ally.investigations.actions.cases import (
    add_partner,
    close_investigation,
    open_investigation,
    purge_record,
    record_dissemination,
    remove_partner,
    review_date,
    set_status,
    update_investigation,
    validate_record,
)
from ally.investigations.actions.operations import (
    acknowledge_heads_up,
    plan_operation,
    send_heads_up,
    set_operation_status,
    timeline_for,
    update_operation,
)
from ally.investigations.actions.targets import (
    add_identifier,
    add_subject,
    remove_identifier,
    remove_subject,
    update_subject,
)
from ally.investigations.actions.tips import join_tip, open_from_tip, receive_tip, triage_tip
from ally.investigations.actions.victims import (
    identify_victim,
    link_victim,
    record_arrest,
    remove_arrest,
    remove_victim,
    unlink_victim,
    update_victim,
)

__all__ = [
    "acknowledge_heads_up", "add_identifier", "add_partner", "add_subject", "close_investigation",
    "identify_victim", "join_tip", "link_victim", "open_from_tip", "open_investigation", "plan_operation",
    "purge_record", "receive_tip", "record_arrest", "record_dissemination", "remove_arrest", "remove_identifier",
    "remove_partner", "remove_subject", "remove_victim", "review_date", "send_heads_up", "set_operation_status",
    "set_status", "timeline_for", "triage_tip", "unlink_victim", "update_investigation", "update_operation",
    "update_subject", "update_victim", "validate_record",
]
