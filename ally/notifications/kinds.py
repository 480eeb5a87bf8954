"""What a notification is about, and how a person wants to hear of them by email.

Importable before the app registry is ready: ``ally.notifications`` imports it at start-up.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """Add a member here before sending a new kind. The label is the only text of a
    notification that ever leaves Ally (in emails): keep it generic."""

    REFERRAL_RECEIVED = "referral.received", _("New referral")
    REFERRAL_UPDATED = "referral.updated", _("Referral status changed")
    REFERRAL_MESSAGE = "referral.message", _("New message on a referral")
    REFERRAL_OVERDUE = "referral.overdue", _("Referral waiting for acknowledgement")
    REFERRAL_ASSIGNED = "referral.assigned", _("Referral assigned")
    VETTING_DUE = "network.vetting_due", _("Provider vetting due")
    CLAIM_UPDATED = "network.claim_updated", _("Reimbursement claim changed")
    TIP_ASSIGNED = "investigation.tip_assigned", _("Tip assigned to you")
    INVESTIGATION_SHARED = "investigation.shared", _("Your agency joined an investigation")
    INTELLIGENCE_REVIEW_DUE = "investigation.review_due", _("Intelligence record due for review")
    TARGET_HIT = "deconfliction.target_hit", _("Deconfliction match: call the other agency")
    OPERATION_CONFLICT = "deconfliction.operation_conflict", _("Operation conflict: call the other agency")
    HEADS_UP = "operation.heads_up", _("Operation heads-up")
    PROSECUTION_REFERRAL = "prosecution.referral", _("Investigation referred for prosecution")
    PROSECUTION_DECISION = "prosecution.decision", _("Prosecution referral decided")
    LEGAL_STATUS = "prosecution.legal_status", _("A client's legal case changed")
    MEETING_SCHEDULED = "meeting.scheduled", _("Meeting scheduled")
    MEETING_CHANGED = "meeting.changed", _("Meeting changed or cancelled")
    MINUTES_POSTED = "meeting.minutes", _("Meeting minutes posted")
    ACTION_ITEM_ASSIGNED = "action_item.assigned", _("Action item assigned to you")
    ACTION_ITEM_DUE = "action_item.due", _("Action item due")
    DECISION = "decision.recorded", _("Task-force decision")
    PROTOCOL_TO_ACKNOWLEDGE = "protocol.to_acknowledge", _("Protocol to acknowledge")
    AGREEMENT_EXPIRING = "agreement.expiring", _("Agreement up for renewal")
    TRAINING_SCHEDULED = "training.scheduled", _("Training scheduled")
    FEEDBACK_RECEIVED = "survivor_leader.feedback", _("Feedback from a survivor leader")
    FEEDBACK_ANSWERED = "survivor_leader.feedback_answered", _("Answer to your feedback")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Email me each notification right away")
    DIGEST = "digest", _("Email me a daily summary; urgent ones right away")
    NEVER = "never", _("Never email me; I check the inbox in Ally")


def emails_at_once(mode: str, *, urgent: bool) -> bool:
    """Whether a notification is emailed as it happens (else in the daily digest, or never)."""
    return mode == EmailMode.IMMEDIATE or (mode == EmailMode.DIGEST and urgent)
