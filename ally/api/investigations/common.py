"""What the law-enforcement routers share: choosing the acting agency, briefs of organizations
and people, and fetching a record of an investigation the reader works."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ally.access import grants_for
from ally.access.investigations import access_investigation, investigating_organization_ids
from ally.access.policy import require_member
from ally.accounts.models import User
from ally.api.common import one_named
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.investigations.models import Investigation
from ally.tenancy.models import Membership, Organization

ANSWER_CODES = (400, 403, 404, 409)


def brief(organization: Organization | None) -> dict[str, Any] | None:
    return None if organization is None else {"id": organization.pk, "name": organization.name}


def contact(user: User | None, agency: str) -> dict[str, Any]:
    if user is None:
        return {"name": "", "phone": "", "email": "", "agency": agency}
    return {"name": user.full_name, "phone": user.phone, "email": user.email, "agency": agency}


def agency(user: User, organization_id: int | None) -> Organization:
    """The investigating agency the user acts for: the one named (400 if not theirs), else the
    first of theirs by name; 403 for someone who acts for no investigating agency."""
    require_member(user)
    ids = investigating_organization_ids(grants_for(user))
    if not ids:
        raise NotPermitted(_("Only law-enforcement and labor agencies open tips, investigations and operations."))
    agencies = Organization.objects.filter(pk__in=ids).order_by("name")
    if organization_id is None:
        found = agencies.first()
        assert found is not None
        return found
    return one_named(agencies, organization_id, _("Act for one of your agencies."))


def member_of(organization: Organization, user_id: int | None, refusal: str) -> User | None:
    """A member of ``organization`` named by id (400 otherwise)."""
    if user_id is None:
        return None
    membership = Membership.objects.select_related("user").filter(
        organization=organization, user_id=user_id, is_active=True
    ).first()
    if membership is None:
        raise InvalidInput(refusal)
    return membership.user


def investigation(user: User, pk: int, **checks: Any) -> Investigation:
    return access_investigation(user, pk, **checks)


def one_of_case(queryset: QuerySet[Any], pk: int) -> Any:
    """A record of an investigation already fetched through the access policy (404 otherwise)."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotVisible()
    return found
