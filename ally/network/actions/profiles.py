"""Provider profiles and intake capacity."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.network import edits_profile, states_capacity
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.network.actions._common import check, check_provider, text_value
from ally.network.models import ProviderProfile
from ally.network.places import clean_counties, zip_place
from ally.survivors import vocabularies
from ally.tenancy.models import Organization

PROFILE_FIELDS = (
    "services",
    "populations",
    "languages",
    "counties",
    "zip_code",
    "hours",
    "crisis_line",
    "crisis_phone",
    "eligibility_notes",
)
# Fields filled from the ZIP code, never given.
LOCATION_FIELDS = ("latitude", "longitude", "county", "state")
MAX_CAPACITY = 10_000


def _choices(values: Any, vocabulary: str, label: str) -> list[str]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise InvalidInput(_("%(label)s is a list.") % {"label": label})
    unknown = sorted(set(values) - vocabularies.vocabulary(vocabulary).value_set())
    if unknown:
        raise InvalidInput(_("%(label)s: not on the list: %(values)s") % {"label": label, "values": ", ".join(unknown)})
    # In the vocabulary's own order, each once.
    return [term.value for term in vocabularies.vocabulary(vocabulary).values if term.value in values]


def _names(values: Any, label: str) -> list[str]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise InvalidInput(_("%(label)s is a list.") % {"label": label})
    cleaned: dict[str, str] = {}
    for value in values:
        name = " ".join(value.split())
        if len(name) > 60:
            raise InvalidInput(_("%(label)s: at most 60 characters each.") % {"label": label})
        if name:
            cleaned.setdefault(name.casefold(), name)
    if len(cleaned) > 50:
        raise InvalidInput(_("%(label)s: at most 50.") % {"label": label})
    return list(cleaned.values())


def _clean(provider: Organization, values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {
        "services": _choices(values["services"], "service_category", _("Services offered")),
        "populations": _choices(values["populations"], "population", _("Populations served")),
        "languages": _names(values["languages"], _("Languages")),
        "counties": clean_counties(_names(values["counties"], _("Counties served")), provider.task_force.states),
        "hours": text_value(values["hours"], _("Hours"), 500),
        "crisis_line": values["crisis_line"],
        "crisis_phone": text_value(values["crisis_phone"], _("Crisis line phone"), 40),
        "eligibility_notes": text_value(values["eligibility_notes"], _("Eligibility notes"), 4000),
    }
    if not isinstance(cleaned["crisis_line"], bool):
        raise InvalidInput(_("Say whether the crisis line answers around the clock."))
    zip_code = text_value(values["zip_code"], _("ZIP code"), 10)
    cleaned["zip_code"] = ""
    cleaned.update(dict.fromkeys(LOCATION_FIELDS))
    cleaned["county"] = cleaned["state"] = ""
    if zip_code:
        place = zip_place(zip_code)
        cleaned.update(
            zip_code=place.zip_code,
            latitude=place.latitude,
            longitude=place.longitude,
            county=place.county,
            state=place.state,
        )
    return cleaned


def save_provider_profile(
    provider: Organization, *, acting_user: User | None, version: int | None = None, **values: Any
) -> ProviderProfile:
    """Create or change a provider's profile: the fields given change, the rest stay. The ZIP
    code gives the location (offline data; an unknown ZIP code is refused). ``version`` is the
    one the edit started from: a stale one is a conflict. An edit that changes nothing keeps the
    version and writes no event. The audit event names the fields changed."""
    check(acting_user, provider, edits_profile)
    check_provider(provider)
    unknown = sorted(set(values) - set(PROFILE_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    with transaction.atomic():
        profile, created = ProviderProfile.objects.select_for_update().get_or_create(
            organization=provider, defaults={"task_force_id": provider.task_force_id}
        )
        if version is not None and not created and version != profile.version:
            raise Conflict(_("Someone else changed this profile since you opened it. Reload it and try again."))
        before = {f: getattr(profile, f) for f in (*PROFILE_FIELDS, *LOCATION_FIELDS)}
        after = _clean(provider, {**before, **values})
        changed = sorted(f for f in after if after[f] != before[f])
        if not changed and not created:
            return profile
        for field, value in after.items():
            setattr(profile, field, value)
        if not created:
            profile.version += 1
        profile.updated_at = timezone.now()
        profile.save()
        record(
            EventType.PROVIDER_PROFILE_SAVED,
            actor=acting_user,
            task_force=provider.task_force,
            organization=provider,
            target=profile,
            changes={"fields": changed, "created": created},
        )
    return profile


def update_intake_capacity(
    provider: Organization, *, acting_user: User | None, capacity: int
) -> ProviderProfile:
    """The provider's own statement of how many new survivors it can take now (0 or more),
    stamped with who said it and when. Saying the same number again confirms it as of now."""
    check(acting_user, provider, states_capacity)
    check_provider(provider)
    if not isinstance(capacity, int) or isinstance(capacity, bool):
        raise InvalidInput(_("Enter the intake capacity as a whole number."))
    if capacity < 0:
        raise InvalidInput(_("Intake capacity cannot be below zero."))
    if capacity > MAX_CAPACITY:
        raise InvalidInput(_("Intake capacity: at most %(max)d.") % {"max": MAX_CAPACITY})
    with transaction.atomic():
        profile, _created = ProviderProfile.objects.select_for_update().get_or_create(
            organization=provider, defaults={"task_force_id": provider.task_force_id}
        )
        before = profile.intake_capacity
        profile.intake_capacity = capacity
        profile.capacity_updated_at = timezone.now()
        profile.capacity_updated_by = acting_user
        profile.save(update_fields=["intake_capacity", "capacity_updated_at", "capacity_updated_by"])
        record(
            EventType.CAPACITY_UPDATED,
            actor=acting_user,
            task_force=provider.task_force,
            organization=provider,
            target=profile,
            changes={"intake_capacity": capacity, "previous": before},
        )
    return profile
