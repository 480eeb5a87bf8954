"""Every change to protocols and agreements (see the modules for the rules)."""

from ally.protocols.actions.agreements import (
    add_agreement_document,
    end_agreement,
    record_agreement,
    renew_agreement,
)
from ally.protocols.actions.protocols import acknowledge_protocol, create_protocol, publish_version

__all__ = [
    "acknowledge_protocol",
    "add_agreement_document",
    "create_protocol",
    "end_agreement",
    "publish_version",
    "record_agreement",
    "renew_agreement",
]
