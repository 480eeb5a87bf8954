"""The victim-service compartment's models, one module per concept."""

from ally.survivors.models.care import (
    CaseNote,
    Goal,
    GoalStatus,
    NeedLevel,
    NeedsAssessment,
    PlannedService,
    PlanReview,
    PlanStatus,
    ServiceDelivery,
    ServicePlan,
    ServiceUnit,
)
from ally.survivors.models.clients import Client, Consent, Share, SignatureMethod
from ally.survivors.models.disclosure import CompelledDisclosure, LegalBasis, NotifySurvivorTask
from ally.survivors.models.events import TraffickingEvent
from ally.survivors.models.screening import Screening

__all__ = ["Client", "Consent", "Share", "SignatureMethod"]
__all__ += ["CaseNote", "Goal", "GoalStatus", "NeedLevel", "NeedsAssessment", "PlannedService"]
__all__ += ["PlanReview", "PlanStatus", "ServiceDelivery", "ServicePlan", "ServiceUnit"]
__all__ += ["CompelledDisclosure", "LegalBasis", "NotifySurvivorTask", "Screening"]
__all__ += ["TraffickingEvent"]
