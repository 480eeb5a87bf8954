"""Referrals, their steps and their thread."""

from ally.referrals.models.referrals import (
    OPEN_STATUSES,
    DeclineReason,
    Referral,
    ReferralMessage,
    ReferralStep,
    Status,
    Urgency,
)

__all__ = ["OPEN_STATUSES", "DeclineReason", "Referral", "ReferralMessage", "ReferralStep", "Status", "Urgency"]
