"""Every kind of thing the audit log records. Add a member here before recording it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    # Sign-in and account security
    SIGNED_IN = "account.signed_in", _("Signed in")
    SIGNED_OUT = "account.signed_out", _("Signed out")
    SIGN_IN_FAILED = "account.sign_in_failed", _("Sign-in failed")
    LOCKED_OUT = "account.locked_out", _("Locked out after repeated failures")
    PASSWORD_CHANGED = "account.password_changed", _("Password changed")
    PASSWORD_RESET = "account.password_reset", _("Password reset")
    MFA_ENABLED = "account.mfa_enabled", _("Two-factor sign-in enabled")
    MFA_DISABLED = "account.mfa_disabled", _("Two-factor sign-in removed")
    MFA_FAILED = "account.mfa_failed", _("Wrong two-factor code")
    SSO_LINKED = "account.sso_linked", _("Single sign-on identity linked")
    SSO_UNLINKED = "account.sso_unlinked", _("Single sign-on identity unlinked")
    RECOVERY_CODES_GENERATED = "account.recovery_codes_generated", _("Recovery codes generated")
    PROFILE_UPDATED = "account.profile_updated", _("Profile updated")
    TASK_FORCE_SWITCHED = "account.task_force_switched", _("Switched task force")
    API_TOKEN_CREATED = "account.api_token_created", _("API token created")
    API_TOKEN_REVOKED = "account.api_token_revoked", _("API token revoked")
    NOTIFICATION_PREFERENCES_CHANGED = "account.notification_preferences_changed", _("Notification emails changed")
    # Task-force governance
    TASK_FORCE_CREATED = "task_force.created", _("Task force created")
    TASK_FORCE_UPDATED = "task_force.updated", _("Task force updated")
    SSO_CONFIGURED = "task_force.sso_configured", _("Single sign-on configured")
    REGION_CREATED = "region.created", _("Region created")
    REGION_UPDATED = "region.updated", _("Region updated")
    ORGANIZATION_CREATED = "organization.created", _("Organization created")
    ORGANIZATION_UPDATED = "organization.updated", _("Organization updated")
    TASK_FORCE_ROLE_GRANTED = "task_force_role.granted", _("Task-force role granted")
    TASK_FORCE_ROLE_REVOKED = "task_force_role.revoked", _("Task-force role revoked")
    # Membership
    MEMBER_ADDED = "membership.added", _("Member added")
    MEMBER_ROLE_CHANGED = "membership.role_changed", _("Member role changed")
    MEMBER_REMOVED = "membership.removed", _("Member removed")
    INVITATION_SENT = "invitation.sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted")
    INVITATION_REVOKED = "invitation.revoked", _("Invitation revoked")
    # Survivor services (the victim-service compartment)
    CLIENT_CREATED = "client.created", _("Client added")
    CLIENT_UPDATED = "client.updated", _("Client record changed")
    ADVOCATE_ASSIGNED = "client.advocate_assigned", _("Advocate assigned")
    CONSENT_RECORDED = "consent.recorded", _("Consent recorded")
    CONSENT_REVOKED = "consent.revoked", _("Consent revoked")
    CONSENT_FORM_ATTACHED = "consent.form_attached", _("Signed consent form attached")
    ADVOCATE_UNASSIGNED = "client.advocate_unassigned", _("Advocate unassigned")
    SHARE_CREATED = "share.created", _("Client shared")
    SHARE_REVOKED = "share.revoked", _("Share withdrawn")
    # The survivor-driven care record
    NEEDS_ASSESSED = "care.needs_assessed", _("Needs assessed")
    PLAN_CREATED = "care.plan_created", _("Service plan started")
    PLAN_CLOSED = "care.plan_closed", _("Service plan closed")
    GOAL_ADDED = "care.goal_added", _("Goal added")
    GOAL_UPDATED = "care.goal_updated", _("Goal changed")
    SERVICE_PLANNED = "care.service_planned", _("Service planned")
    PLAN_REVIEWED = "care.plan_reviewed", _("Service plan reviewed")
    SERVICE_RECORDED = "care.service_recorded", _("Service recorded")
    SERVICE_CORRECTED = "care.service_corrected", _("Service record corrected")
    NOTE_ADDED = "care.note_added", _("Case note added")
    TRAFFICKING_EVENT_ADDED = "client.trafficking_event_added", _("Trafficking event added")
    TRAFFICKING_EVENT_REMOVED = "client.trafficking_event_removed", _("Trafficking event removed")
    # Screening, compelled disclosure
    REFERRAL_SENT = "referral.sent", _("Referral sent")
    REFERRAL_ASSIGNED = "referral.assigned", _("Referral assigned by a navigator")
    REFERRAL_ACKNOWLEDGED = "referral.acknowledged", _("Referral acknowledged")
    REFERRAL_ACCEPTED = "referral.accepted", _("Referral accepted")
    REFERRAL_DECLINED = "referral.declined", _("Referral declined")
    REFERRAL_IN_SERVICE = "referral.in_service", _("Referral in service")
    REFERRAL_CLOSED = "referral.closed", _("Referral closed")
    REFERRAL_WITHDRAWN = "referral.withdrawn", _("Referral withdrawn")
    REFERRAL_MESSAGE = "referral.message", _("Message on a referral")
    REFERRAL_ESCALATED = "referral.escalated", _("Referral escalated")
    SCREENING_RECORDED = "screening.recorded", _("Screening recorded")
    SCREENING_LINKED = "screening.linked", _("Screening linked to a client")
    COMPELLED_DISCLOSURE_RECORDED = "compelled_disclosure.recorded", _("Compelled disclosure recorded")
    SURVIVOR_NOTIFIED = "compelled_disclosure.survivor_notified", _("Survivor notification task completed")
    # The provider network: profiles, capacity, vetting, sub-awards and reimbursement
    PROVIDER_PROFILE_SAVED = "provider.profile_saved", _("Provider profile saved")
    CAPACITY_UPDATED = "provider.capacity_updated", _("Intake capacity updated")
    VETTING_RECORDED = "provider.vetting_recorded", _("Vetting visit recorded")
    SUB_AWARD_CREATED = "sub_award.created", _("Sub-award recorded")
    SUB_AWARD_UPDATED = "sub_award.updated", _("Sub-award changed")
    CLAIM_SUBMITTED = "claim.submitted", _("Reimbursement claim submitted")
    CLAIM_LINE_DECIDED = "claim.line_decided", _("Claim line approved or rejected")
    # Law enforcement: tips, investigations (28 CFR Part 23), operations
    TIP_RECEIVED = "tip.received", _("Tip received")
    TIP_TRIAGED = "tip.triaged", _("Tip triaged")
    INVESTIGATION_OPENED = "investigation.opened", _("Investigation opened")
    INVESTIGATION_UPDATED = "investigation.updated", _("Investigation changed")
    INVESTIGATION_CLOSED = "investigation.closed", _("Investigation closed")
    INVESTIGATION_PARTNER_ADDED = "investigation.partner_added", _("Partner agency added to an investigation")
    INVESTIGATION_PARTNER_REMOVED = "investigation.partner_removed", _("Partner agency removed from an investigation")
    INTELLIGENCE_DISSEMINATED = "investigation.disseminated", _("Intelligence disseminated")
    INTELLIGENCE_VALIDATED = "investigation.validated", _("Intelligence record validated")
    INTELLIGENCE_PURGED = "investigation.purged", _("Intelligence record purged")
    SUBJECT_ADDED = "investigation.subject_added", _("Subject added")
    SUBJECT_UPDATED = "investigation.subject_updated", _("Subject changed")
    SUBJECT_REMOVED = "investigation.subject_removed", _("Subject removed")
    IDENTIFIER_ADDED = "investigation.identifier_added", _("Identifier added")
    IDENTIFIER_REMOVED = "investigation.identifier_removed", _("Identifier removed")
    VICTIM_IDENTIFIED = "investigation.victim_identified", _("Victim identified")
    VICTIM_UPDATED = "investigation.victim_updated", _("Identified victim changed")
    VICTIM_REMOVED = "investigation.victim_removed", _("Identified victim removed")
    VICTIM_LINKED = "investigation.victim_linked", _("Identified victim linked to a client by consent")
    VICTIM_UNLINKED = "investigation.victim_unlinked", _("Identified victim unlinked from a client")
    ARREST_RECORDED = "investigation.arrest_recorded", _("Arrest or charge recorded")
    ARREST_REMOVED = "investigation.arrest_removed", _("Arrest or charge removed")
    OPERATION_PLANNED = "operation.planned", _("Operation planned")
    OPERATION_UPDATED = "operation.updated", _("Operation changed")
    HEADS_UP_SENT = "operation.heads_up_sent", _("Operation heads-up sent")
    HEADS_UP_ACKNOWLEDGED = "operation.heads_up_acknowledged", _("Operation heads-up acknowledged")
    # Deconfliction
    TARGET_HIT = "deconfliction.target_hit", _("Target deconfliction match")
    OPERATION_CONFLICT = "deconfliction.operation_conflict", _("Operation conflict")
    # Prosecutions
    STATUTE_ADDED = "statute.added", _("Statute added to the catalogue")
    STATUTE_UPDATED = "statute.updated", _("Statute changed")
    PROSECUTION_REFERRED = "prosecution.referred", _("Investigation referred for prosecution")
    PROSECUTION_ACCEPTED = "prosecution.accepted", _("Prosecution referral accepted")
    PROSECUTION_DECLINED = "prosecution.declined", _("Prosecution referral declined")
    PROSECUTION_WITHDRAWN = "prosecution.withdrawn", _("Prosecution referral withdrawn")
    PROSECUTION_OPENED = "prosecution.opened", _("Prosecution case opened")
    PROSECUTION_UPDATED = "prosecution.updated", _("Prosecution case changed")
    DEFENDANT_ADDED = "prosecution.defendant_added", _("Defendant added")
    DEFENDANT_REMOVED = "prosecution.defendant_removed", _("Defendant removed")
    CHARGE_FILED = "prosecution.charge_filed", _("Charge filed")
    CHARGE_DISPOSED = "prosecution.charge_disposed", _("Charge disposition recorded")
    COURT_EVENT_SCHEDULED = "prosecution.court_event_scheduled", _("Court event scheduled")
    COURT_EVENT_CHANGED = "prosecution.court_event_changed", _("Court event changed")
    COURT_EVENT_CANCELLED = "prosecution.court_event_cancelled", _("Court event cancelled")
    CASE_VICTIM_ADDED = "prosecution.victim_added", _("Victim added to a prosecution case")

    # Collaboration: meetings, case reviews, action items, decisions
    COMMITTEE_CREATED = "committee.created", _("Subcommittee created")
    COMMITTEE_UPDATED = "committee.updated", _("Subcommittee changed")
    MEETING_SCHEDULED = "meeting.scheduled", _("Meeting scheduled")
    MEETING_UPDATED = "meeting.updated", _("Meeting changed")
    MEETING_CANCELLED = "meeting.cancelled", _("Meeting cancelled")
    MEETING_MINUTES_RECORDED = "meeting.minutes_recorded", _("Meeting minutes recorded")
    MEETING_ATTENDANCE_RECORDED = "meeting.attendance_recorded", _("Meeting attendance recorded")
    MEETING_ATTENDEES_CHANGED = "meeting.attendees_changed", _("Case-review attendee list changed")
    CASE_REVIEW_CASE_ADDED = "meeting.case_added", _("Case added to a case review")
    ACTION_ITEM_ASSIGNED = "action_item.assigned", _("Action item assigned")
    ACTION_ITEM_UPDATED = "action_item.updated", _("Action item changed")
    ACTION_ITEM_COMPLETED = "action_item.completed", _("Action item completed")
    DECISION_RECORDED = "decision.recorded", _("Decision recorded")
    DECISION_SUPERSEDED = "decision.superseded", _("Decision superseded")
    # Collaboration: protocols and agreements
    PROTOCOL_CREATED = "protocol.created", _("Protocol created")
    PROTOCOL_UPDATED = "protocol.updated", _("Protocol changed")
    PROTOCOL_VERSION_PUBLISHED = "protocol.version_published", _("Protocol version published")
    PROTOCOL_ACKNOWLEDGED = "protocol.acknowledged", _("Protocol acknowledged")
    PROTOCOL_RETIRED = "protocol.retired", _("Protocol retired")
    AGREEMENT_RECORDED = "agreement.recorded", _("Agreement recorded")
    AGREEMENT_UPDATED = "agreement.updated", _("Agreement changed")
    AGREEMENT_RENEWED = "agreement.renewed", _("Agreement renewed")
    AGREEMENT_ENDED = "agreement.ended", _("Agreement ended")
    AGREEMENT_DOCUMENT_ADDED = "agreement.document_added", _("Agreement document added")
    # Collaboration: trainings and the roadmap self-assessment
    TRAINING_RECORDED = "training.recorded", _("Training recorded")
    TRAINING_UPDATED = "training.updated", _("Training changed")
    TRAINING_CANCELLED = "training.cancelled", _("Training cancelled")
    TRAINING_ATTENDANCE_RECORDED = "training.attendance_recorded", _("Training attendance recorded")
    ROADMAP_ASSESSMENT_STARTED = "roadmap.assessment_started", _("Roadmap self-assessment started")
    ROADMAP_RATING_RECORDED = "roadmap.rating_recorded", _("Roadmap element rated")
    ROADMAP_ASSESSMENT_COMPLETED = "roadmap.assessment_completed", _("Roadmap self-assessment completed")
    # Collaboration: survivor leaders, outreach, threat assessment
    SURVIVOR_LEADER_ADDED = "survivor_leader.added", _("Survivor leader added")
    SURVIVOR_LEADER_UPDATED = "survivor_leader.updated", _("Survivor leader changed")
    ENGAGEMENT_RECORDED = "survivor_leader.engagement_recorded", _("Survivor-leader engagement recorded")
    ENGAGEMENT_UPDATED = "survivor_leader.engagement_updated", _("Survivor-leader engagement changed")
    FEEDBACK_SUBMITTED = "survivor_leader.feedback_submitted", _("Survivor-leader feedback received")
    FEEDBACK_ANSWERED = "survivor_leader.feedback_answered", _("Survivor-leader feedback answered")
    OUTREACH_PLANNED = "outreach.planned", _("Outreach event planned")
    OUTREACH_UPDATED = "outreach.updated", _("Outreach event changed")
    OUTREACH_HELD = "outreach.held", _("Outreach event held")
    OUTREACH_CANCELLED = "outreach.cancelled", _("Outreach event cancelled")
    THREAT_ASSESSMENT_RECORDED = "threat_assessment.recorded", _("Threat assessment recorded")
    THREAT_ASSESSMENT_UPDATED = "threat_assessment.updated", _("Threat assessment changed")
    # Reporting: reports, HTCDS interchange and the evaluation extract
    REPORT_EXPORTED = "report.exported", _("Report exported")
    HTCDS_EXPORTED = "htcds.exported", _("Clients exported in HTCDS form")
    HTCDS_IMPORTED = "htcds.imported", _("Clients imported from an HTCDS file")
    HTCDS_IMPORT_REFUSED = "htcds.import_refused", _("HTCDS import refused")
    EVALUATION_EXTRACT_EXPORTED = "evaluation.extract_exported", _("Evaluation extract exported")

# Events whose changes are stored as {"field": [before, after]}.
DIFF_EVENTS = frozenset(
    {
        EventType.TASK_FORCE_UPDATED,
        EventType.REGION_UPDATED,
        EventType.ORGANIZATION_UPDATED,
        EventType.MEMBER_ROLE_CHANGED,
    }
)

# Events a coordinator reviews: how the task force itself is run.
GOVERNANCE_EVENTS = frozenset(
    {
        EventType.TASK_FORCE_CREATED,
        EventType.TASK_FORCE_UPDATED,
        EventType.SSO_CONFIGURED,
        EventType.REGION_CREATED,
        EventType.REGION_UPDATED,
        EventType.ORGANIZATION_CREATED,
        EventType.ORGANIZATION_UPDATED,
        EventType.TASK_FORCE_ROLE_GRANTED,
        EventType.TASK_FORCE_ROLE_REVOKED,
    }
) | frozenset(e for e in EventType if e.value.split(".")[0] in {
    "committee", "meeting", "action_item", "decision", "protocol", "agreement", "training",
    "roadmap", "survivor_leader", "outreach", "threat_assessment",
})
