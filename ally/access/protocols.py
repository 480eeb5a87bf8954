"""Who may see and do what with the task force's protocols and agreements.

- Protocols, their versions, who has acknowledged them, and agreements (parties, dates, status,
  notes) are read by every working member of the task force (colleagues). Funders and auditors
  get 403; people outside the task force 404.
- The coordinator and the co-leads (leadership) create protocols, publish versions, and record,
  renew and end agreements; anybody else in the task force gets 403.
- A protocol binds organizations (named, or all of a discipline) and holders of task-force roles.
  An organization acknowledges through one of its supervisors or administrators, on its behalf
  (the person is recorded); a role holder acknowledges personally. Only the current version can
  be acknowledged.
- An agreement's documents (signed PDFs) are downloaded by the active members of its parties and
  by leadership. Other colleagues, who can see that the agreement exists, get 403 (not 404: the
  agreement page already tells them it exists and has documents); outsiders 404.

Not visible ⇒ 404 (``NotVisible``); visible but not allowed ⇒ 403 (``NotPermitted``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ally.access.governance import is_leadership, require_colleague
from ally.access.policy import Grants, grants_for
from ally.core.errors import NotPermitted, NotVisible
from ally.protocols.models import Agreement, AgreementDocument, Protocol, ProtocolVersion
from ally.tenancy.vocab import MembershipRole

# Who speaks for an organization when it acknowledges a protocol.
ACKNOWLEDGING_ROLES = frozenset({MembershipRole.SUPERVISOR, MembershipRole.ORG_ADMIN})


def _colleague_grants(user: Any) -> Grants | None:
    grants = grants_for(user)
    return grants if grants.is_participant and grants.is_colleague else None


def visible_protocols(user: Any) -> QuerySet[Protocol]:
    """The protocols of the user's active task force, for colleagues; none for anybody else."""
    grants = _colleague_grants(user)
    if grants is None:
        return Protocol.objects.none()
    return Protocol.objects.filter(task_force_id=grants.task_force_id)


def access_protocol(user: Any, pk: Any, *, for_change: bool = False) -> Protocol:
    """A protocol for its page (colleagues); changing it (publishing a version) takes leadership."""
    grants = require_colleague(user)
    try:
        protocol = Protocol.objects.select_related("current_version").get(pk=pk, task_force_id=grants.task_force_id)
    except (Protocol.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not is_leadership(grants):
        raise NotPermitted()
    return protocol


def access_protocol_version(user: Any, pk: Any) -> ProtocolVersion:
    """A version of a protocol the user may read."""
    grants = require_colleague(user)
    try:
        return ProtocolVersion.objects.select_related("protocol", "protocol__current_version").get(
            pk=pk, task_force_id=grants.task_force_id
        )
    except (ProtocolVersion.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def manages(user: Any) -> bool:
    """Leadership: creates protocols, publishes versions, records and changes agreements."""
    grants = grants_for(user)
    return grants.is_participant and is_leadership(grants)


def speaks_for(grants: Grants) -> frozenset[int]:
    """The organizations the user may acknowledge a protocol for (supervisor or administrator)."""
    return frozenset(o for o, role in grants.memberships.items() if role in ACKNOWLEDGING_ROLES)


def visible_agreements(user: Any) -> QuerySet[Agreement]:
    grants = _colleague_grants(user)
    if grants is None:
        return Agreement.objects.none()
    return Agreement.objects.filter(task_force_id=grants.task_force_id)


def access_agreement(user: Any, pk: Any, *, for_change: bool = False) -> Agreement:
    """An agreement for its page (colleagues); recording changes takes leadership."""
    grants = require_colleague(user)
    try:
        agreement = Agreement.objects.get(pk=pk, task_force_id=grants.task_force_id)
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not is_leadership(grants):
        raise NotPermitted()
    return agreement


def downloads_documents(user: Any, agreement: Agreement) -> bool:
    """Leadership and the active members of the agreement's parties."""
    grants = grants_for(user)
    if not grants.is_participant or agreement.task_force_id != grants.task_force_id:
        return False
    if is_leadership(grants):
        return True
    party_ids = {o.pk for o in agreement.parties.all()}
    return bool(party_ids & grants.organization_ids())


def access_agreement_document(user: Any, pk: Any) -> AgreementDocument:
    """A signed document, for download: 404 outside the task force, 403 to colleagues who are
    neither leadership nor a member of a party."""
    grants = require_colleague(user)
    try:
        document = AgreementDocument.objects.select_related("agreement").get(
            pk=pk, task_force_id=grants.task_force_id
        )
    except (AgreementDocument.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if not downloads_documents(user, document.agreement):
        raise NotPermitted()
    return document
