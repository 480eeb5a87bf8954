"""The record sources a measure catalogue may count, and the fields it may name.

A source says which model is counted, which date places a record in a fiscal quarter, which field
ties a record to the organization that holds it (an organization's report counts only those), how
it reaches its task force, which rows never count (soft-deleted, removed, purged, cancelled), what
may be counted (``counts``: distinct clients, records, defendants…) and which fields catalogues
may break counts down by — plain ORM paths or computed ones (age group, new/continuing, region).

The catalogue JSON names sources, counts and fields by the ids below; ``load_catalogue`` refuses a
catalogue naming anything not listed here, so a typo never becomes a silent zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Cast

from ally.core.fiscal import FiscalQuarter
from ally.tenancy.models import Organization, TaskForce


@dataclass(frozen=True)
class Context:
    """What a computed field may depend on: the report's task force, quarter and scope."""

    task_force: TaskForce
    quarter: FiscalQuarter
    organization: Organization | None
    regions: tuple[tuple[int, str, tuple[str, ...], tuple[str, ...]], ...]  # id, name, counties, ZIP codes

    @property
    def fiscal_year_start(self) -> dt.date:
        return FiscalQuarter(self.quarter.year, 1).first_day


@dataclass(frozen=True)
class Field:
    """A field a catalogue may name. ``path`` is an ORM path; ``compute`` builds an expression
    instead. ``of`` names the counted thing it describes ("record" when it describes the row:
    counting clients by a row field may sum above the total). ``multi``: a JSON list of values."""

    path: str | None = None
    compute: Callable[[Context], Any] | None = None
    of: str = "record"
    multi: bool = False

    def expression(self, context: Context) -> Any:
        if self.compute is not None:
            return self.compute(context)
        return models.F(self.path or "")


@dataclass(frozen=True)
class Subject:
    """What a source's count names (``counts[...]`` = ``key``), counted from its own table: the
    subjects that have at least one of the source's rows in the quarter, one row each, so that
    breaking them down by their own fields groups tens of thousands of subjects instead of their
    hundreds of thousands of records. ``live``: the subject rows that count; ``replaces``: the
    source's condition that says the same of a record's subject (left out of the inner query,
    where ``live`` does its work); ``fields``: the source's fields "of" the subject, as paths
    and computations on the subject's own table."""

    model: type[models.Model]
    key: str  # the source's column naming the subject, e.g. "client_id"
    live: Q
    replaces: Q
    fields: dict[str, Field]


@dataclass(frozen=True)
class Source:
    id: str
    model: type[models.Model]
    task_force: str  # ORM path to the task force id
    organization: str  # ORM path to the organization that holds the record
    date: str  # ORM path to the date (or datetime) placing the record in the quarter
    placement: str = "date"  # "date": a DateField; "datetime": aware instant; "open_at_end": open on the last day
    closed: str = ""  # for "open_at_end": the closing date path
    exclude_deleted: tuple[Q, ...] = ()
    counts: dict[str, str] = field(default_factory=lambda: {"record": "pk"})
    fields: dict[str, Field] = field(default_factory=dict)
    total: Callable[[Context], int] | None = None  # a source counted by another module, total only
    subjects: dict[str, Subject] = field(default_factory=dict)  # by count id
    # True when the source's queryset never repeats a row (it joins only many-to-one relations):
    # counting its records is then COUNT(*), with no DISTINCT to sort.
    single_rows: bool = False

    def queryset(self, context: Context, without: tuple[Q, ...] = ()) -> models.QuerySet[Any]:
        """The source's rows in the quarter and the report's scope, soft-deleted rows left out
        (except by the conditions in ``without``, which the caller applies otherwise)."""
        qs = self.model._default_manager.filter(**{self.task_force: context.task_force.pk})
        for condition in self.exclude_deleted:
            if condition not in without:
                qs = qs.filter(condition)
        if context.organization is not None:
            qs = qs.filter(**{self.organization: context.organization.pk})
        quarter = context.quarter
        if self.placement == "datetime":
            start, end = quarter.bounds(context.task_force.time_zone)
            qs = qs.filter(**{f"{self.date}__gte": start, f"{self.date}__lt": end})
        elif self.placement == "open_at_end":
            qs = qs.filter(**{f"{self.date}__lte": quarter.last_day}).filter(
                Q(**{f"{self.closed}__isnull": True}) | Q(**{f"{self.closed}__gt": quarter.last_day})
            )
        else:
            qs = qs.filter(**{f"{self.date}__gte": quarter.first_day, f"{self.date}__lte": quarter.last_day})
        return qs


# --- computed fields -------------------------------------------------------------------------


def _new_or_continuing(path: str) -> Callable[[Context], Any]:
    """'new' the first quarter of the fiscal year the client is served in, 'continuing' after:
    served earlier in the same fiscal year (in the report's scope) makes the client continuing.
    ``path`` names the client's id ("client_id" on a service, "id" on the client)."""

    def compute(context: Context) -> Any:
        from ally.survivors.models import ServiceDelivery

        if context.quarter.quarter == 1:
            return Value("new")
        earlier = ServiceDelivery.objects.filter(
            task_force=context.task_force.pk,
            deleted_at__isnull=True,
            delivered_on__gte=context.fiscal_year_start,
            delivered_on__lt=context.quarter.first_day,
        )
        if context.organization is not None:
            earlier = earlier.filter(organization=context.organization.pk)
        # An uncorrelated IN (…): the database builds the set of earlier clients once, from the
        # (task force, date, client…) index alone. (Not a correlated EXISTS: without statistics
        # SQLite probes it through that index too, reading the whole earlier range per client.)
        return Case(
            When(**{f"{path}__in": earlier.values("client_id")}, then=Value("continuing")),
            default=Value("new"),
            output_field=models.CharField(),
        )

    return compute


def _flag(path: str, yes: str, no: str) -> Callable[[Context], Any]:
    def compute(context: Context) -> Any:
        return Case(When(**{path: True}, then=Value(yes)), default=Value(no), output_field=models.CharField())

    return compute


def _not_null(path: str, yes: str, no: str) -> Callable[[Context], Any]:
    def compute(context: Context) -> Any:
        return Case(When(**{f"{path}__isnull": False}, then=Value(yes)), default=Value(no), output_field=models.CharField())

    return compute


def _zip_region(path: str) -> Callable[[Context], Any]:
    """The task-force region whose ZIP codes hold the record's ZIP code ("" when none does)."""

    def compute(context: Context) -> Any:
        whens = [When(**{f"{path}__in": list(zips)}, then=Value(str(pk))) for pk, _n, _c, zips in context.regions if zips]
        if not whens:
            return Value("")
        return Case(*whens, default=Value(""), output_field=models.CharField())

    return compute


def _id_text(path: str) -> Callable[[Context], Any]:
    def compute(context: Context) -> Any:
        return Case(When(**{f"{path}__isnull": True}, then=Value("")), default=Cast(path, models.CharField()), output_field=models.CharField())

    return compute


def _origin(path: str) -> Callable[[Context], Any]:
    """Domestic (U.S. citizen or lawful permanent resident) or foreign national; "" unknown."""

    def compute(context: Context) -> Any:
        return Case(
            When(**{f"{path}__in": ["us_citizen", "lawful_permanent_resident"]}, then=Value("domestic")),
            When(**{path: "foreign_national"}, then=Value("foreign")),
            default=Value(""),
            output_field=models.CharField(),
        )

    return compute


def _professionals_trained(context: Context) -> int:
    from ally.trainings.queries import professionals_trained

    quarter = context.quarter
    return professionals_trained(context.task_force, quarter.first_day, quarter.last_day, context.organization)


# --- the sources -----------------------------------------------------------------------------


def _client_fields(prefix: str) -> dict[str, Field]:
    return {
        "age_group": Field(compute=_flag(f"{prefix}minor_at_intake", "minor", "adult"), of="client"),
        "trafficking_type": Field(f"{prefix}trafficking_type", of="client"),
        "trafficking_status": Field(f"{prefix}trafficking_status", of="client"),
        "gender": Field(f"{prefix}gender", of="client"),
        "citizenship": Field(f"{prefix}citizenship_status", of="client"),
        "region": Field(compute=_zip_region(f"{prefix}zip_code"), of="client"),
    }


def _build() -> dict[str, Source]:
    from ally.investigations.models import Arrest, IdentifiedVictim, Investigation
    from ally.outreach.models import OutreachEvent
    from ally.prosecutions.models import Charge, Defendant
    from ally.referrals.models import Referral
    from ally.survivors.models import Client, ServiceDelivery
    from ally.trainings.models import TrainingSession

    referral_fields = {
        "services": Field("services", multi=True),
        "accepted": Field(compute=_not_null("accepted_at", "accepted", "not_accepted")),
        "urgency": Field("urgency"),
        "status": Field("status"),
        "sender_discipline": Field("from_organization__discipline"),
        "recipient_discipline": Field("to_organization__discipline"),
    }
    investigation_fields = {"trafficking_type": Field("trafficking_type")}
    live_investigation = Q(investigation__purged_at__isnull=True)
    charge_fields = {
        "jurisdiction": Field("statute__jurisdiction"),
        "statute_category": Field("statute__category"),
        "disposition": Field("disposition"),
    }
    live_charge = (Q(defendant__removed_at__isnull=True),)
    # A deleted client's services never count. Few clients are deleted: "not one of them" reads
    # no client row, where a join to the client would read one per service.
    live_client = ~Q(client_id__in=Client.objects.filter(deleted_at__isnull=False).values("pk"))
    sources = [
        Source(
            "service_deliveries", ServiceDelivery, "task_force", "organization", "delivered_on",
            exclude_deleted=(Q(deleted_at__isnull=True), live_client),
            counts={"record": "pk", "client": "client_id"},
            fields={
                "category": Field("category"),
                "new_continuing": Field(compute=_new_or_continuing("client_id"), of="client"),
                **_client_fields("client__"),
            },
            subjects={
                "client": Subject(
                    Client, "client_id", live=Q(deleted_at__isnull=True), replaces=live_client,
                    fields={"new_continuing": Field(compute=_new_or_continuing("pk"), of="client"),
                            **_client_fields("")},
                ),
            },
            single_rows=True,
        ),
        Source(
            "referrals_sent", Referral, "task_force", "from_organization", "sent_at", placement="datetime",
            counts={"record": "pk", "client": "client_id"}, fields=referral_fields,
        ),
        Source(
            "referrals_received", Referral, "task_force", "to_organization", "sent_at", placement="datetime",
            counts={"record": "pk", "client": "client_id"}, fields=referral_fields,
        ),
        Source("professionals_trained", TrainingSession, "task_force", "trainer_organization", "held_on",
               total=_professionals_trained),
        Source(
            "investigations_opened", Investigation, "task_force", "organization", "opened_on",
            exclude_deleted=(Q(purged_at__isnull=True),), fields=investigation_fields,
        ),
        Source(
            "investigations_active", Investigation, "task_force", "organization", "opened_on",
            placement="open_at_end", closed="closed_on",
            exclude_deleted=(Q(purged_at__isnull=True),), fields=investigation_fields,
        ),
        Source(
            "investigations_closed", Investigation, "task_force", "organization", "closed_on",
            exclude_deleted=(Q(purged_at__isnull=True),), fields=investigation_fields,
        ),
        Source(
            "arrests", Arrest, "investigation__task_force", "investigation__organization", "on",
            exclude_deleted=(Q(removed_at__isnull=True), live_investigation),
            counts={"record": "pk", "subject": "subject_id", "victim": "victim_id"},
            fields={
                "kind": Field("kind"),
                "person": Field(compute=_not_null("subject", "subject", "victim")),
                "trafficking_type": Field("investigation__trafficking_type"),
                "victim_age_group": Field(compute=_flag("victim__is_minor", "minor", "adult"), of="victim"),
            },
        ),
        Source(
            "charges_filed", Charge, "defendant__case__task_force", "defendant__case__organization", "filed_on",
            exclude_deleted=live_charge, counts={"record": "pk", "defendant": "defendant_id"}, fields=charge_fields,
        ),
        Source(
            "charges_disposed", Charge, "defendant__case__task_force", "defendant__case__organization", "disposition_on",
            exclude_deleted=live_charge, counts={"record": "pk", "defendant": "defendant_id"},
            fields={**charge_fields, "sentenced": Field(compute=_not_null("sentence_months", "yes", "no"))},
        ),
        Source(
            "defendants_prosecuted", Defendant, "case__task_force", "case__organization", "case__opened_on",
            exclude_deleted=(Q(removed_at__isnull=True),), counts={"record": "pk"},
            fields={"jurisdiction": Field("case__jurisdiction")},
        ),
        Source(
            "victims_identified", IdentifiedVictim, "investigation__task_force", "investigation__organization",
            "identified_on", exclude_deleted=(Q(removed_at__isnull=True), live_investigation),
            fields={
                "age_group": Field(compute=_flag("is_minor", "minor", "adult")),
                "origin": Field(compute=_origin("citizenship")),
                "trafficking_type": Field("trafficking_type"),
                "gender": Field("gender"),
            },
        ),
        Source(
            "trainings_delivered", TrainingSession, "task_force", "trainer_organization", "held_on",
            exclude_deleted=(Q(cancelled_at__isnull=True),),
            fields={"region": Field(compute=_id_text("region_id")), "delivered_to": Field("delivered_to")},
        ),
        Source(
            "outreach_events", OutreachEvent, "task_force", "partners", "occurred_on",
            exclude_deleted=(Q(status="held"),),
            fields={"region": Field(compute=_id_text("region_id")), "kind": Field("kind"),
                    "survivor_led": Field(compute=_flag("survivor_led", "yes", "no"))},
        ),
    ]
    return {s.id: s for s in sources}


_SOURCES: dict[str, Source] = {}


def sources() -> dict[str, Source]:
    """Every record source by id (built once, on first use, when the apps are ready)."""
    if not _SOURCES:
        _SOURCES.update(_build())
    return _SOURCES


def source(source_id: str) -> Source:
    return sources()[source_id]


