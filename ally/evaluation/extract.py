"""The de-identified evaluation extract: one row per consenting client, no direct identifiers.

Who is in it: the task force's clients (not deleted) whose survivor consented to program
evaluation — a consent with the purpose "evaluation", not revoked and not expired on the extract
day — and whose intake falls in the chosen fiscal years. Who may produce it: the coordinator.

Each row carries a random row id (new every extract), an age band instead of the date of birth,
fiscal quarters instead of dates, banded weeks instead of intervals in days, coded values and
banded counts — never a name, contact detail, address, organization name, exact date or free
text. Every released column but the row id is a quasi-identifier: the whole row is made
k-anonymous (``ally.evaluation.anonymity``), k counting client records (a survivor served by two
organizations has two). Counts about the extract below k are never shown exactly
(``shown``). The rules are
data: ``data/config.json`` and the dictionary ``data/dictionary.json``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import secrets
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.utils.translation import gettext as _

from ally.access.reports import require_evaluation_reader
from ally.access.survivors import today_in
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput, NotVisible
from ally.core.fiscal import FiscalQuarter, fiscal_year
from ally.evaluation import anonymity
from ally.survivors import vocabularies
from ally.tenancy.models import TaskForce

DATA_DIR = Path(__file__).parent / "data"
UNKNOWN = "unknown"
_FISCAL_YEAR = re.compile(r"^FY(\d{4})$")


@cache
def config() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "config.json").read_text(encoding="utf-8"))
    return data


@cache
def dictionary() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "dictionary.json").read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------------------------------------
# Input


@dataclass(frozen=True)
class Options:
    k: int
    first_year: int | None  # fiscal years of the intake date, inclusive; None = open
    last_year: int | None

    def describe(self) -> str:
        if self.first_year is None and self.last_year is None:
            return _("all intake dates")
        first = f"FY{self.first_year}" if self.first_year else "…"
        last = f"FY{self.last_year}" if self.last_year else "…"
        return f"{first}–{last}"


def parse_fiscal_year(text: str | None) -> int | None:
    """'FY2026' → 2026; blank → None; InvalidInput naming the expected form otherwise."""
    if text is None or not str(text).strip():
        return None
    match = _FISCAL_YEAR.match(str(text).strip().upper())
    if match is None or not 1990 <= int(match[1]) <= 2999:
        raise InvalidInput(
            _("%(value)s is not a fiscal year: write it like FY2026 (1 October 2025 – 30 September 2026).")
            % {"value": repr(str(text))}
        )
    return int(match[1])


def options(k: Any = None, first_year: str | None = None, last_year: str | None = None) -> Options:
    """The extract's options checked: k a whole number from the configured minimum (2) up, and
    a fiscal-year range in order. InvalidInput with a clear sentence otherwise."""
    settings = config()
    if k is None or k == "":
        k_value = int(settings["default_k"])
    else:
        try:
            k_value = int(str(k).strip())
        except ValueError:
            raise InvalidInput(_("k must be a whole number.")) from None
    if not settings["minimum_k"] <= k_value <= settings["maximum_k"]:
        raise InvalidInput(
            _("k must be between %(low)s and %(high)s: every released combination must cover at least k client records.")
            % {"low": settings["minimum_k"], "high": settings["maximum_k"]}
        )
    first, last = parse_fiscal_year(first_year), parse_fiscal_year(last_year)
    if first is not None and last is not None and first > last:
        raise InvalidInput(_("The first fiscal year must not come after the last."))
    return Options(k=k_value, first_year=first, last_year=last)


# ---------------------------------------------------------------------------------------------
# Facts about one client (identifying; never leave this module) and the row derived from them


@dataclass
class ClientFacts:
    client_id: int
    intake_date: dt.date
    date_of_birth: dt.date | None = None
    estimated_age: int | None = None
    minor_at_intake: bool = False
    gender: str = ""
    citizenship: str = ""
    zip_code: str = ""
    organization_id: int = 0
    discipline: str = ""
    trafficking_type: str = ""
    trafficking_status: str = ""
    status_determined_on: dt.date | None = None
    exploitation_types: list[str] = field(default_factory=list)
    labor_industry: str = ""
    first_service_on: dt.date | None = None
    services: dict[str, int] = field(default_factory=dict)  # category → count
    referrals_made: int = 0
    referrals_accepted: int = 0
    linked_to_investigation: bool = False
    named_in_prosecution: bool = False


@dataclass(frozen=True)
class Places:
    """How a client's region is found: ZIP code → region name; organization → its one region."""

    by_zip: dict[str, str]
    by_organization: dict[int, str]

    def region(self, facts: ClientFacts) -> str:
        zip5 = facts.zip_code.strip()[:5]
        return self.by_zip.get(zip5) or self.by_organization.get(facts.organization_id) or UNKNOWN


def age_on(facts: ClientFacts, day: dt.date) -> int | None:
    born = facts.date_of_birth
    if born is None:
        return facts.estimated_age
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


def age_band(age: int | None) -> str:
    if age is None or age < 0:
        return UNKNOWN
    for band in config()["age_bands"]:
        if band["min"] <= age <= band["max"]:
            return str(band["value"])
    return UNKNOWN


def quarter(day: dt.date | None) -> str:
    return str(FiscalQuarter.containing(day)) if day is not None else ""


def _coded(vocabulary: str, value: str) -> str:
    return value if value in vocabularies.vocabulary(vocabulary).value_set() else UNKNOWN


def band(kind: str, count: int) -> str:
    """A count put in its configured band ("0", "1-2", "3-5", "6+" for services…)."""
    for spec in config()["count_bands"][kind]:
        if count >= spec["min"] and (spec["max"] is None or count <= spec["max"]):
            return str(spec["value"])
    return UNKNOWN


def exploitation_group(types: list[str]) -> str:
    """sexual, labour, both, other (only types in neither group) or unknown (none recorded)."""
    groups = config()["exploitation_groups"]
    recorded = set(types)
    sexual = bool(recorded & set(groups["sexual"]))
    labour = bool(recorded & set(groups["labour"]))
    if sexual and labour:
        return "both"
    if sexual:
        return "sexual"
    if labour:
        return "labour"
    return "other" if recorded else UNKNOWN


def service_group_of() -> dict[str, str]:
    return {c: g for g, categories in config()["service_groups"].items() for c in categories}


def industry_group(value: str) -> str:
    section = value.split("_", 1)[0] if value else ""
    for group, sections in config()["industry_groups"].items():
        if section in sections:
            return str(group)
    return UNKNOWN


def columns() -> list[str]:
    """The extract's columns, in order (families expanded)."""
    out: list[str] = []
    for spec in dictionary()["columns"]:
        out.extend(c for c, _spec in _expand(spec))
    return out


def _expand(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    family = spec.get("expand")
    if family is None:
        return [(spec["column"], spec)]
    if family == "service_groups":
        values = list(config()["service_groups"])
    else:
        values = [t.value for t in vocabularies.vocabulary(family.split(":", 1)[1]).values]
    return [(f"{spec['column']}{value}", spec) for value in values]


def derive_row(facts: ClientFacts, places: Places, row_id: str) -> dict[str, Any]:
    """The released row for one client: codes, bands, quarters and counts only."""
    group_of = service_group_of()
    services = dict.fromkeys(config()["service_groups"], 0)
    for category, count in facts.services.items():
        group = group_of.get(category, "other")
        services[group] = services.get(group, 0) + count
    weeks = UNKNOWN
    if facts.first_service_on is not None:
        weeks = band("weeks", max(0, (facts.first_service_on - facts.intake_date).days) // 7)
    row: dict[str, Any] = {
        "row_id": row_id,
        "age_band": age_band(age_on(facts, facts.intake_date)),
        "gender": _coded("prs_Gender", facts.gender),
        "citizenship": _coded("citizenship_status", facts.citizenship),
        "region": places.region(facts),
        "intake_period": quarter(facts.intake_date),
        "trafficking_type": _coded("trafficking_type", facts.trafficking_type),
        "trafficking_status": _coded("vic_TraffickingStatus", facts.trafficking_status),
        "status_determined_period": quarter(facts.status_determined_on),
        "first_service_period": quarter(facts.first_service_on),
        "weeks_intake_to_first_service": weeks,
        "exploitation_group": exploitation_group(facts.exploitation_types),
        "industry": industry_group(facts.labor_industry),
        "organization_discipline": facts.discipline or UNKNOWN,
        **{f"services_{g}": band("services", n) for g, n in services.items()},
        "referrals_made": band("referrals", facts.referrals_made),
        "referrals_accepted": band("referrals", facts.referrals_accepted),
        "linked_to_investigation": "yes" if facts.linked_to_investigation else "no",
        "named_in_prosecution": "yes" if facts.named_in_prosecution else "no",
    }
    return row


def de_identify(
    facts: list[ClientFacts], places: Places, k: int, rng: random.Random | None = None
) -> anonymity.Outcome:
    """Rows for these clients, in random order with fresh random row ids, made k-anonymous."""
    settings = config()
    draw = rng or random.SystemRandom()
    ids: set[str] = set()
    while len(ids) < len(facts):
        ids.add(f"{draw.getrandbits(64):016x}" if rng else secrets.token_hex(8))
    rows = [derive_row(f, places, row_id) for f, row_id in zip(facts, ids, strict=True)]
    draw.shuffle(rows)
    generalizers = {
        "fiscal_year": anonymity.fiscal_year,
        "adult_minor": anonymity.adult_minor_from(settings["age_bands"]),
        "all": anonymity.everything,
        "none_some": anonymity.none_some,
    }
    steps = [
        anonymity.Step(s["column"], s["to"], tuple(s.get("also", ()))) for s in settings["generalization_steps"]
    ]
    return anonymity.anonymize(
        rows,
        k=k,
        quasi_identifiers=settings["quasi_identifiers"],
        steps=steps,
        generalizers=generalizers,
        suppression_order=settings["suppression_order"],
        max_unsafe_share=float(settings["max_unsafe_share"]),
        suppress_with={c: tuple(deps) for c, deps in settings.get("suppress_with", {}).items()},
    )


# ---------------------------------------------------------------------------------------------
# Reading the records


def consenting_client_ids(task_force: TaskForce, today: dt.date) -> set[int]:
    """Clients with a consent to evaluation in force today (not revoked, not expired)."""
    from ally.survivors.models import Consent

    purpose = config()["consent_purpose"]
    current = Consent.objects.filter(
        task_force=task_force, revoked_at__isnull=True, signed_on__lte=today, expires_on__gte=today
    ).values_list("client_id", "purposes")
    return {client_id for client_id, purposes in current if purpose in (purposes or [])}


def gather(task_force: TaskForce, opts: Options, today: dt.date) -> tuple[list[ClientFacts], Places]:
    """The facts of every included client, in a fixed number of queries."""
    from ally.investigations.models import IdentifiedVictim
    from ally.prosecutions.models import CaseVictim
    from ally.referrals.models import Referral
    from ally.survivors.models import Client, ServiceDelivery
    from ally.tenancy.models import Organization, Region

    clients = Client.objects.filter(
        task_force=task_force, deleted_at__isnull=True, pk__in=consenting_client_ids(task_force, today)
    )
    if opts.first_year is not None:
        clients = clients.filter(intake_date__gte=dt.date(opts.first_year - 1, 10, 1))
    if opts.last_year is not None:
        clients = clients.filter(intake_date__lte=dt.date(opts.last_year, 9, 30))
    fields = (
        "pk", "intake_date", "date_of_birth", "estimated_age", "minor_at_intake", "gender",
        "citizenship_status", "zip_code", "organization_id", "organization__discipline",
        "trafficking_type", "trafficking_status", "status_determined_on", "exploitation_types",
        "labor_industry",
    )
    facts: dict[int, ClientFacts] = {}
    for values in clients.order_by("pk").values(*fields):
        facts[values["pk"]] = ClientFacts(
            client_id=values["pk"],
            intake_date=values["intake_date"],
            date_of_birth=values["date_of_birth"],
            estimated_age=values["estimated_age"],
            minor_at_intake=values["minor_at_intake"],
            gender=values["gender"],
            citizenship=values["citizenship_status"],
            zip_code=values["zip_code"],
            organization_id=values["organization_id"],
            discipline=values["organization__discipline"],
            trafficking_type=values["trafficking_type"],
            trafficking_status=values["trafficking_status"],
            status_determined_on=values["status_determined_on"],
            exploitation_types=list(values["exploitation_types"] or []),
            labor_industry=values["labor_industry"],
        )
    included = clients.values("pk")
    services = (
        ServiceDelivery.objects.filter(client__in=included, deleted_at__isnull=True)
        .values("client_id", "category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for service in services:
        facts[service["client_id"]].services[service["category"]] = service["n"]
    # The first service on or after intake (one recorded before intake would give a negative
    # interval).
    firsts = (
        ServiceDelivery.objects.filter(
            client__in=included, deleted_at__isnull=True, delivered_on__gte=F("client__intake_date")
        )
        .values("client_id")
        .annotate(first=Min("delivered_on"))
        .order_by()
    )
    for first in firsts:
        facts[first["client_id"]].first_service_on = first["first"]
    referrals = (
        Referral.objects.filter(client__in=included)
        .values("client_id")
        .annotate(made=Count("pk"), accepted=Count("pk", filter=Q(accepted_at__isnull=False)))
        .order_by()
    )
    for referral in referrals:
        facts[referral["client_id"]].referrals_made = referral["made"]
        facts[referral["client_id"]].referrals_accepted = referral["accepted"]
    linked = IdentifiedVictim.objects.filter(client__in=included, removed_at__isnull=True)
    for client_id in linked.values_list("client_id", flat=True).distinct():
        facts[client_id].linked_to_investigation = True
    named = CaseVictim.objects.filter(victim__in=linked).values_list("victim__client_id", flat=True).distinct()
    for client_id in named:
        facts[client_id].named_in_prosecution = True

    by_zip: dict[str, str] = {}
    for name, zips in Region.objects.filter(task_force=task_force).order_by("name").values_list("name", "zip_codes"):
        for code in zips or []:
            by_zip.setdefault(str(code).strip()[:5], name)
    served: dict[int, list[str]] = defaultdict(list)
    for org_id, name in (
        Organization.objects.filter(task_force=task_force, regions_served__isnull=False)
        .values_list("pk", "regions_served__name")
        .order_by("pk", "regions_served__name")
    ):
        served[org_id].append(name)
    by_organization = {org_id: names[0] for org_id, names in served.items() if len(names) == 1}
    return list(facts.values()), Places(by_zip=by_zip, by_organization=by_organization)


# ---------------------------------------------------------------------------------------------
# The file


@dataclass
class Extract:
    task_force: TaskForce
    options: Options
    day: dt.date
    included: int
    outcome: anonymity.Outcome

    @property
    def filename(self) -> str:
        return f"evaluation-extract-{self.task_force.slug}-{self.day.isoformat()}.zip"

    def counts(self) -> dict[str, Any]:
        """The exact counts (for the audit event only: they are never shown)."""
        return {"included": self.included, **self.outcome.summary()}

    def shown_counts(self, *, english: bool = False) -> dict[str, Any]:
        """What the page, the README and the command print: every count from 1 to k − 1 as
        "fewer than k" (so a preview of one year cannot tell whether a given survivor
        consented)."""
        return {
            name: shown(value, self.options.k, english=english) if isinstance(value, int) and name != "k" else value
            for name, value in self.counts().items()
        }


def shown(count: int, k: int, *, english: bool = False) -> str:
    """A count as it may be shown: exact when 0 or at least k, else "fewer than k" (in English
    for the README, translated for the page)."""
    if 0 < count < k:
        return f"fewer than {k}" if english else _("fewer than %(k)s") % {"k": k}
    return str(count)


def build(task_force: TaskForce, opts: Options, *, today: dt.date | None = None) -> Extract:
    day = today or today_in(task_force.pk)
    facts, places = gather(task_force, opts, day)
    outcome = de_identify(facts, places, opts.k)
    return Extract(task_force=task_force, options=opts, day=day, included=len(facts), outcome=outcome)


def _allowed_text(spec: dict[str, Any]) -> str:
    allowed = str(spec.get("allowed", ""))
    parts = []
    for part in allowed.split("; "):
        if part.startswith("vocabulary:"):
            parts.append(", ".join(sorted(vocabularies.vocabulary(part.split(":", 1)[1]).value_set())))
        else:
            parts.append(part)
    return "; ".join(parts)


def dictionary_rows() -> list[dict[str, str]]:
    quasi = set(config()["quasi_identifiers"])
    rows = []
    for spec in dictionary()["columns"]:
        for column, _spec in _expand(spec):
            rows.append(
                {
                    "column": column,
                    "type": spec["type"],
                    "allowed_values": _allowed_text(spec),
                    "derivation": spec["derivation"],
                    "quasi_identifier": "yes" if column in quasi else "no",
                }
            )
    return rows


def _csv(rows: list[dict[str, Any]], header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def readme(extract: Extract) -> str:
    settings = config()
    counts = extract.shown_counts(english=True)
    lines = [
        "Ally - de-identified evaluation extract",
        "",
        f"Task force: {extract.task_force.name}",
        f"Extract date: {extract.day.isoformat()}",
        f"Intake fiscal years: {extract.options.describe()}",
        "",
        "Who is included: clients of the task force's organizations (deleted records left out) whose",
        "survivor consented to program evaluation - a consent with the purpose 'evaluation' that was",
        "not revoked and had not expired on the extract date. One row per client record: a survivor",
        "served by two organizations has two records, so k counts records, not people.",
        "",
        "No names, contact details, addresses, organization names, exact dates or free text are",
        "released. Ages are in bands, dates in federal fiscal quarters (Q1 = October-December),",
        "intervals in bands of whole weeks, counts in bands. Row ids are random and new in every",
        "extract.",
        "",
        "k-anonymity: every released combination of all the columns but row_id",
        f"({', '.join(settings['quasi_identifiers'])})",
        f"covers at least k = {extract.options.k} records.",
        f"Counts below k are shown as 'fewer than {extract.options.k}'.",
        "",
        "Do not join this extract with another (overlapping) extract, or give evaluators several:",
        "row ids differ between extracts, but rows matched across extracts on their values, or",
        "counts compared between fiscal-year ranges, can single out fewer than k records.",
        "",
        f"Client records included: {counts['included']}",
        f"Rows released: {counts['rows']}",
        "Generalized: " + ("; ".join(counts["generalized"]) or "nothing")
        + f" ({counts['generalized_rows']} rows changed)",
        f"Rows with suppressed values: {counts['suppressed_rows']} ({counts['suppressed_values']} values shown as 'suppressed')",
        f"Rows dropped (could not be released safely): {counts['dropped_rows']}",
        "",
        "Columns, types, allowed values and how each was derived: dictionary.csv.",
    ]
    return "\r\n".join(lines) + "\r\n"


def zip_bytes(extract: Extract) -> bytes:
    header = columns()
    dictionary_header = ["column", "type", "allowed_values", "derivation", "quasi_identifier"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("extract.csv", _csv(extract.outcome.rows, header))
        archive.writestr("dictionary.csv", _csv(dictionary_rows(), dictionary_header))
        archive.writestr("README.txt", readme(extract).encode("utf-8"))
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Actions


def task_force_for(user: Any) -> TaskForce:
    """The coordinator's task force (403/404 for anyone else)."""
    grants = require_evaluation_reader(user)
    task_force = (
        TaskForce.objects.filter(pk=grants.task_force_id).first() if grants.task_force_id else None
    )
    if task_force is None:
        raise NotVisible()
    return task_force


def preview(task_force: TaskForce, opts: Options, *, acting_user: Any) -> Extract:
    """The extract built but not released: the page shows its counts only."""
    if acting_user is not None:
        task_force = _checked(acting_user, task_force)
    return build(task_force, opts)


def export(task_force: TaskForce, opts: Options, *, acting_user: Any) -> tuple[Extract, bytes]:
    """Build the extract and its ZIP, and record EVALUATION_EXTRACT_EXPORTED (k and counts)."""
    if acting_user is not None:
        task_force = _checked(acting_user, task_force)
    with transaction.atomic():
        extract = build(task_force, opts)
        content = zip_bytes(extract)
        counts = extract.counts()
        record(
            EventType.EVALUATION_EXTRACT_EXPORTED,
            actor=acting_user,
            task_force=task_force,
            changes={
                "k": opts.k,
                "from": f"FY{opts.first_year}" if opts.first_year else "",
                "to": f"FY{opts.last_year}" if opts.last_year else "",
                "rows": counts["rows"],
                "included": counts["included"],
                "suppressed": counts["suppressed_rows"],
                "dropped": counts["dropped_rows"],
                "generalized": counts["generalized"],
            },
        )
    return extract, content


def _checked(user: Any, task_force: TaskForce) -> TaskForce:
    own = task_force_for(user)
    if own.pk != task_force.pk:
        raise NotVisible()
    return own


def current_fiscal_year(task_force: TaskForce) -> int:
    return fiscal_year(today_in(task_force.pk))
