"""Who may see and do what in the provider network.

- The directory and every provider profile (with its vetting *status*: valid or not, until when)
  are open to every working member of the task force — those who may read the contact directory
  (``Permission.VIEW_DIRECTORY``); funders and auditors see aggregates only (403). A confidential
  street address stays hidden there as everywhere (``Permission.VIEW_STREET_ADDRESS``).
- A profile is edited by the organization's own administrators and the coordinator, as the
  organization itself is. Intake capacity is stated by any active member of the provider.
- Vetting visits, sub-awards and claims of a provider are read by its administrators and by its
  *reviewers*: the navigators of a region it serves and the coordinator.
- Reviewers record vetting visits and decide claim lines — never for an organization they belong
  to (no one vets or pays their own organization). Only the coordinator records sub-awards.
- Only the provider's administrators submit claims, and only they see which client a line is
  for: the reviewer sees the line's date, category, units and cost.

Not visible ⇒ 404 (``NotVisible``); visible but not changeable ⇒ 403 (``NotPermitted``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ally.access.policy import Grants, Permission, can, grants_for
from ally.core.errors import NotPermitted, NotVisible
from ally.network.models import ClaimLine, ReimbursementClaim, SubAward, VettingVisit
from ally.survivors.models import ServiceDelivery
from ally.tenancy.models import Organization
from ally.tenancy.vocab import AgencyType, Discipline

# Organizations that give services to survivors and so have a provider profile: victim-service
# and community organizations, and health and child-welfare agencies (not labor inspectors, law
# enforcement or prosecutors).
PROVIDER_DISCIPLINES = frozenset({Discipline.VICTIM_SERVICES, Discipline.COMMUNITY})
PROVIDER_AGENCY_TYPES = frozenset({AgencyType.HEALTH, AgencyType.CHILD_WELFARE})
PROVIDERS = Q(discipline__in=PROVIDER_DISCIPLINES) | Q(
    discipline=Discipline.GOVERNMENT_OTHER, agency_type__in=PROVIDER_AGENCY_TYPES
)


def is_provider(organization: Organization) -> bool:
    return organization.is_active and (
        organization.discipline in PROVIDER_DISCIPLINES
        or (
            organization.discipline == Discipline.GOVERNMENT_OTHER
            and organization.agency_type in PROVIDER_AGENCY_TYPES
        )
    )


def visible_providers(user: Any) -> QuerySet[Organization]:
    """The service-providing organizations of the user's active task force. Organizations are
    visible to every participant; reading their profiles takes ``reads_profiles``."""
    grants = grants_for(user)
    if not grants.is_participant:
        return Organization.objects.none()
    return Organization.objects.filter(PROVIDERS, task_force_id=grants.task_force_id, is_active=True)


def reads_profiles(user: Any) -> bool:
    """Working members read the provider directory and profiles, as the contact directory."""
    return can(user, Permission.VIEW_DIRECTORY)


def access_provider(user: Any, pk: Any, *, for_change: bool = False) -> Organization:
    """A provider for its profile page (404 outside the task force, 403 for a funder or
    auditor); changing the profile takes its admin or the coordinator."""
    try:
        provider = visible_providers(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if not reads_profiles(user) or (for_change and not edits_profile(user, provider)):
        raise NotPermitted()
    return provider


def edits_profile(user: Any, provider: Organization) -> bool:
    """The organization's own administrators and the coordinator, as for the organization."""
    return can(user, Permission.EDIT_ORGANIZATION, provider)


def states_capacity(user: Any, provider: Organization) -> bool:
    """Intake capacity is the provider's own statement: any of its active members."""
    grants = grants_for(user)
    return provider.task_force_id == grants.task_force_id and provider.pk in grants.organization_ids()


def submits_claims(user: Any, provider: Organization) -> bool:
    grants = grants_for(user)
    return provider.task_force_id == grants.task_force_id and provider.pk in grants.admin_organization_ids()


def _serving_regions(region_ids: frozenset[int]) -> QuerySet[Any]:
    """Ids of organizations serving any of these regions (one subquery, no duplicate rows)."""
    return Organization.regions_served.through.objects.filter(region_id__in=region_ids).values(
        "organization_id"
    )


def _reads(grants: Grants) -> Q:
    """Providers whose vetting, sub-awards and claims these grants open."""
    if grants.is_coordinator:
        return Q(task_force_id=grants.task_force_id)
    condition = Q(organization_id__in=grants.admin_organization_ids())
    if grants.navigator_region_ids:
        condition |= Q(organization_id__in=_serving_regions(grants.navigator_region_ids))
    return condition & Q(task_force_id=grants.task_force_id)


def reads_records(user: Any, provider: Organization) -> bool:
    """Whether the user reads this provider's vetting visits, sub-awards and claims."""
    grants = grants_for(user)
    if provider.task_force_id != grants.task_force_id or not grants.is_participant:
        return False
    if grants.is_coordinator or provider.pk in grants.admin_organization_ids():
        return True
    return _navigates_for(grants, provider)


def _navigates_for(grants: Grants, provider: Organization) -> bool:
    return bool(grants.navigator_region_ids) and provider.regions_served.filter(
        pk__in=grants.navigator_region_ids
    ).exists()


def reviews(user: Any, provider: Organization) -> bool:
    """Navigators of a region the provider serves, and the coordinator: they vet it and decide
    its claims — but never their own organization's."""
    grants = grants_for(user)
    if provider.task_force_id != grants.task_force_id or not grants.is_participant:
        return False
    # SECURITY: conflict of interest. A reviewer who works for the provider does not vet or pay it.
    if provider.pk in grants.organization_ids():
        return False
    return grants.is_coordinator or _navigates_for(grants, provider)


def manages_sub_awards(user: Any, provider: Organization) -> bool:
    grants = grants_for(user)
    return provider.task_force_id == grants.task_force_id and grants.is_coordinator


def visible_vetting_visits(user: Any) -> QuerySet[VettingVisit]:
    grants = grants_for(user)
    if not grants.is_participant:
        return VettingVisit.objects.none()
    return VettingVisit.objects.filter(_reads(grants))


def access_vetting_visit(user: Any, pk: Any, *, for_change: bool = False) -> VettingVisit:
    """A vetting visit, read by the provider's admins and reviewers. Visits are never changed."""
    try:
        return visible_vetting_visits(user).select_related("organization", "reviewer").get(pk=pk)
    except (VettingVisit.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def visible_sub_awards(user: Any) -> QuerySet[SubAward]:
    grants = grants_for(user)
    if not grants.is_participant:
        return SubAward.objects.none()
    return SubAward.objects.filter(_reads(grants))


def access_sub_award(user: Any, pk: Any, *, for_change: bool = False) -> SubAward:
    """A sub-award, read with the provider's claims; changed by the coordinator only."""
    try:
        award = visible_sub_awards(user).select_related("organization").get(pk=pk)
    except (SubAward.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not manages_sub_awards(user, award.organization):
        raise NotPermitted()
    return award


def visible_claims(user: Any) -> QuerySet[ReimbursementClaim]:
    grants = grants_for(user)
    if not grants.is_participant:
        return ReimbursementClaim.objects.none()
    return ReimbursementClaim.objects.filter(_reads(grants))


def access_claim(user: Any, pk: Any, *, for_change: bool = False) -> ReimbursementClaim:
    """A claim, read by the provider's admins and reviewers; its lines are decided (for_change)
    by a reviewer who does not work for the provider."""
    try:
        claim = visible_claims(user).select_related("organization", "sub_award").get(pk=pk)
    except (ReimbursementClaim.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not reviews(user, claim.organization):
        raise NotPermitted()
    return claim


def access_claim_line(user: Any, pk: Any, *, for_change: bool = False) -> ClaimLine:
    """A claim line, with the same rules as its claim."""
    try:
        line = ClaimLine.objects.select_related("claim__organization").get(pk=pk)
    except (ClaimLine.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    line.claim = access_claim(user, line.claim_id, for_change=for_change)
    return line


def sees_clients_of_claims(user: Any, provider: Organization) -> bool:
    """Only the provider's own administrators see which client a claim line is for."""
    return submits_claims(user, provider)


def claimable_services(user: Any, provider: Organization) -> QuerySet[ServiceDelivery]:
    """The provider's own records of services it gave, with a cost, not withdrawn and not on a
    claim line that is not rejected — for its administrators (who see all its clients) only.

    A service another organization recorded as given by this provider stays in that
    organization's compartment, so it is not claimable here."""
    if not submits_claims(user, provider):
        return ServiceDelivery.objects.none()
    live = ClaimLine.objects.filter(service_id=OuterRef("pk")).exclude(decision="rejected")
    return ServiceDelivery.objects.filter(
        task_force_id=provider.task_force_id,
        organization_id=provider.pk,
        provider_id=provider.pk,
        deleted_at=None,
        cost__gt=0,
        client__deleted_at=None,
    ).exclude(Exists(live))
