"""The referrals' periodic job, registered with the worker's scheduler when the app loads."""

from __future__ import annotations

from ally.core import schedule
from ally.referrals.escalation import escalate


@schedule.every(minutes=5, name="referrals.escalate")
def escalate_referrals() -> None:
    """Remind, then tell the navigator, then the coordinator about unacknowledged referrals."""
    escalate()
