"""The task force's dashboards: aggregates over one federal fiscal year, as charts with the same
numbers in tables.

The period is always a whole fiscal year (FY2026: October 2025 to September 2026), never a run of
quarters across years: periods that overlapped (the last four quarters beside a fiscal year) could
be subtracted from each other to isolate one quarter's small count. The default is the fiscal
year of the last complete quarter.

Every participant reads them (funders and auditors included), so every count goes through
``ally.reports.suppression`` with the task force's ``small_cell_threshold``: a count from 1 to
threshold−1 is shown as a range, and breakdowns whose parts add up to a total shown anywhere on
the dashboard get secondary suppression: the trafficking types of a quarter's clients, the regions
of each activity column (they partition the period's clients, tips, referrals… shown elsewhere),
the quarters of the victims arrested beside the year's total. Rows are ordered by what is shown,
every hidden or withheld count ranking alike, so that the order gives no hidden count away.
Durations (median hours) are only given when they are computed from at least threshold values.

Sections (ids): ``survivors`` (clients with a service delivered in each quarter, by trafficking
type), ``services`` (by category), ``referrals`` (timeliness by urgency), ``investigations`` (the
funnel), ``labor_sex`` (clients, tips and investigations by trafficking type),
``victims_arrested`` (identified victims arrested or charged), ``regions`` (activity by region)
and ``training`` (coverage by topic).

How a record gets its region: a client by the region whose ZIP codes hold the client's ZIP code
(as the quarterly reports do); a tip by the region whose counties hold the tip's county; a
referral by the region's queue it was sent to, else by the county where the person is, else by
the referred client's ZIP code; a
training session and an outreach event by the region recorded on them. A record matching no
region is counted under "No region".

Each section is computed with a fixed number of queries, whatever the number of records.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ally.core.errors import InvalidInput
from ally.core.fiscal import FiscalQuarter
from ally.reports import charts
from ally.reports.model import Cell
from ally.reports.suppression import breakdown_cells, cell, hidden_text
from ally.survivors import vocabularies
from ally.tenancy.models import Region, TaskForce

SECTIONS = ("survivors", "services", "referrals", "investigations", "labor_sex", "victims_arrested", "regions", "training")
TRAFFICKING_TYPES = ("sex", "labor", "both", "unknown")
YEARS_BACK = 4
_PERIOD = re.compile(r"^FY(\d{4})$")


# --- the period ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The four quarters of one federal fiscal year, oldest first."""

    key: str  # "FY2026"
    label: str
    quarters: tuple[FiscalQuarter, ...]

    @property
    def first_day(self) -> dt.date:
        return self.quarters[0].first_day

    @property
    def last_day(self) -> dt.date:
        return self.quarters[-1].last_day

    def bounds(self, time_zone: str) -> tuple[dt.datetime, dt.datetime]:
        return self.quarters[0].bounds(time_zone)[0], self.quarters[-1].bounds(time_zone)[1]


def _year(year: int) -> Period:
    return Period(f"FY{year}", _("Fiscal year %(year)d") % {"year": year},
                  tuple(FiscalQuarter(year, q) for q in range(1, 5)))


def default_year(today: dt.date) -> int:
    """The fiscal year of the last complete quarter: this one once its first quarter is over."""
    return FiscalQuarter.containing(today).previous().year


def period_choices(today: dt.date) -> list[Period]:
    """What the selector offers: this fiscal year and the previous ones (whole years: they never overlap)."""
    current = FiscalQuarter.containing(today).year
    return [_year(y) for y in range(current, current - YEARS_BACK - 1, -1)]


def parse_period(text: str | None, today: dt.date) -> Period:
    """A fiscal year, "FY2026" (empty: the fiscal year of the last complete quarter); InvalidInput otherwise."""
    if not text:
        return _year(default_year(today))
    match = _PERIOD.match(text.strip().upper())
    if match:
        year = int(match[1])
        if 1990 < year <= FiscalQuarter.containing(today).year:
            return _year(year)
    raise InvalidInput(_("Choose a period like FY2026: a federal fiscal year (October to September), "
                         "up to this one."))


# --- what a section holds -----------------------------------------------------------------------

Value_ = Cell | str  # a count (suppression applied) or a text (a median, a share)


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]  # the first names the row labels
    rows: tuple[tuple[str, tuple[Value_, ...]], ...]

    def shown_rows(self) -> list[tuple[str, list[str]]]:
        """Each row as printed: a count's shown text ("12", "1–4"), or the text itself."""
        return [(label, [v.shown if isinstance(v, Cell) else v for v in values]) for label, values in self.rows]

    def as_dict(self) -> dict[str, Any]:
        return {
            "caption": self.caption,
            "columns": list(self.columns),
            "rows": [
                {"label": label, "values": [v.as_dict() if isinstance(v, Cell) else {"text": v} for v in values]}
                for label, values in self.rows
            ],
        }


@dataclass(frozen=True)
class DashboardSection:
    id: str
    title: str
    description: str  # what is counted, in words
    chart: SafeString
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "description": self.description,
                "tables": [t.as_dict() for t in self.tables], "notes": list(self.notes)}


@dataclass(frozen=True)
class Dashboard:
    task_force: str
    period: Period
    threshold: int
    generated_at: dt.datetime
    sections: tuple[DashboardSection, ...] = field(default_factory=tuple)

    @property
    def hidden_text(self) -> str:
        return hidden_text(self.threshold) if self.threshold > 1 else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "task_force": self.task_force,
            "period": self.period.key,
            "period_label": self.period.label,
            "quarters": [str(q) for q in self.period.quarters],
            "first_day": self.period.first_day.isoformat(),
            "last_day": self.period.last_day.isoformat(),
            "small_cell_threshold": self.threshold,
            "generated_at": self.generated_at.isoformat(),
            "sections": [s.as_dict() for s in self.sections],
        }


@dataclass
class _Context:
    task_force: TaskForce
    period: Period
    threshold: int
    now: dt.datetime

    def cell(self, n: int) -> Cell:
        return cell(n, self.threshold)

    def breakdown(self, counts: dict[str, int], total: int, *, additive: bool) -> dict[str, Cell]:
        cells, _known = breakdown_cells(counts, total=total, threshold=self.threshold, additive=additive)
        return cells

    @property
    def hidden(self) -> str:
        return hidden_text(self.threshold)


def _bar_value(c: Cell) -> float:
    return float(c.count) if c.count is not None else 0.0


def _series_value(c: Cell) -> float | None:
    return float(c.count) if c.count is not None else None


def _rank(c: Cell) -> float:
    """A row's place when sorting by a count, largest first: the shown count; every hidden or
    withheld count alike (just above zero), so that the order tells nothing about them."""
    return -float(c.count) if c.count is not None else -0.5


def _quarter_case(period: Period, path: str) -> Case:
    return Case(
        *[When(**{f"{path}__range": (q.first_day, q.last_day)}, then=Value(str(q))) for q in period.quarters],
        default=Value(""),
        output_field=CharField(),
    )


def _type_label(value: str) -> str:
    if value in ("", "unknown"):
        return _("Not known")
    try:
        return vocabularies.label("trafficking_type", value)
    except LookupError:
        return value


def _type_key(value: str | None) -> str:
    return value if value in ("sex", "labor", "both") else "unknown"


# --- the sections -------------------------------------------------------------------------------


def _survivors(ctx: _Context) -> DashboardSection:
    rows = (
        _live_services(ctx)
        .annotate(quarter=_quarter_case(ctx.period, "delivered_on"))
        .values("quarter", "client__trafficking_type")
        .annotate(n=Count("client", distinct=True))
    )
    totals_q = (
        _live_services(ctx)
        .annotate(quarter=_quarter_case(ctx.period, "delivered_on"))
        .values("quarter")
        .annotate(n=Count("client", distinct=True))
    )
    by_quarter: dict[str, dict[str, int]] = {str(q): dict.fromkeys(TRAFFICKING_TYPES, 0) for q in ctx.period.quarters}
    for row in rows:
        if row["quarter"]:
            by_quarter[row["quarter"]][_type_key(row["client__trafficking_type"])] += row["n"]
    totals = {row["quarter"]: row["n"] for row in totals_q if row["quarter"]}
    quarters = [str(q) for q in ctx.period.quarters]
    cells = {q: ctx.breakdown(by_quarter[q], totals.get(q, 0), additive=True) for q in quarters}
    total_cells = {q: ctx.cell(totals.get(q, 0)) for q in quarters}
    labels = [_type_label(t) for t in TRAFFICKING_TYPES]
    title = _("Survivors served by quarter and trafficking type")
    description = _("Clients with at least one service delivered in the quarter, counted once per quarter, "
                    "by the trafficking type recorded on the client.")
    chart = charts.grouped_bar_chart(
        quarters,
        [(label, [_series_value(cells[q][t]) for q in quarters]) for label, t in zip(labels, TRAFFICKING_TYPES, strict=True)],
        title=title, description=description, stacked=True, missing_text=ctx.hidden, chart_id="dash-survivors",
        missing_texts=[[cells[q][t].shown for q in quarters] for t in TRAFFICKING_TYPES],
    )
    table = Table(
        title,
        (_("Quarter"), *labels, _("All clients served")),
        tuple((q, (*(cells[q][t] for t in TRAFFICKING_TYPES), total_cells[q])) for q in quarters),
    )
    return DashboardSection("survivors", title, description, chart, (table,))


def _live_services(ctx: _Context) -> QuerySet[Any]:
    from ally.survivors.models import ServiceDelivery

    return ServiceDelivery.objects.filter(
        task_force=ctx.task_force, deleted_at__isnull=True, client__deleted_at__isnull=True,
        delivered_on__gte=ctx.period.first_day, delivered_on__lte=ctx.period.last_day,
    ).order_by()


def _services(ctx: _Context) -> DashboardSection:
    rows = list(_live_services(ctx).values("category").annotate(clients=Count("client", distinct=True), services=Count("pk")))
    known = dict(vocabularies.choices("service_category"))
    counted = {r["category"]: r for r in rows}
    found = [
        (str(known.get(value, value or _("Not recorded"))), ctx.cell(r["clients"]), ctx.cell(r["services"]))
        for value, r in counted.items()
    ]
    # By the clients shown, hidden counts alike, then by label: never by the exact hidden count.
    found.sort(key=lambda row: (_rank(row[1]), row[0]))
    table_rows: list[tuple[str, tuple[Value_, ...]]] = []
    bars: list[tuple[str, float, str]] = []
    for label, clients, services in found:
        table_rows.append((label, (clients, services)))
        bars.append((label, _bar_value(clients), clients.shown))
    title = _("Services by category")
    description = _("Clients who received a service of each category in the period (a client who received "
                    "several categories counts in each), and the number of services delivered.")
    chart = charts.bar_chart(bars, title=title, description=description, chart_id="dash-services")
    table = Table(title, (_("Category"), _("Clients"), _("Services delivered")), tuple(table_rows))
    return DashboardSection("services", title, description, chart, (table,))


def _hours(later: dt.datetime | None, earlier: dt.datetime | None) -> float | None:
    if later is None or earlier is None:
        return None
    return max((later - earlier).total_seconds() / 3600, 0.0)


def _median_text(values: list[float], ctx: _Context) -> str:
    if not values:
        return "—"
    if len(values) < ctx.threshold:  # the median of one value is that value
        return _("not shown (fewer than %(n)d referrals)") % {"n": ctx.threshold}
    return _("%(hours)s h") % {"hours": charts.number(round(statistics.median(values), 1))}


def _referrals(ctx: _Context) -> DashboardSection:
    from ally.referrals.models import Referral, Urgency

    start, end = ctx.period.bounds(ctx.task_force.time_zone)
    rows = Referral.objects.filter(task_force=ctx.task_force, sent_at__gte=start, sent_at__lt=end).order_by().values_list(
        "urgency", "sent_at", "assigned_at", "acknowledged_at", "accepted_at", "ack_due_at", "withdrawn_at"
    )
    groups: dict[str, dict[str, Any]] = {
        u: {"n": 0, "on_time": 0, "late": 0, "waiting": 0, "open": 0, "ack": [], "accept": []} for u in Urgency.values
    }
    for urgency, sent, assigned, acknowledged, accepted, due, withdrawn in rows:
        g = groups.setdefault(urgency, {"n": 0, "on_time": 0, "late": 0, "waiting": 0, "open": 0, "ack": [], "accept": []})
        g["n"] += 1
        if acknowledged is not None:
            g["on_time" if acknowledged <= due else "late"] += 1
            g["ack"].append(_hours(acknowledged, assigned or sent))
        elif withdrawn is None and due < ctx.now:
            g["waiting"] += 1
        else:
            g["open"] += 1
        if accepted is not None:
            g["accept"].append(_hours(accepted, sent))
    labels = dict(Urgency.choices)
    names = [_("Acknowledged within target"), _("Acknowledged late"), _("Not acknowledged, past target"),
             _("Not acknowledged yet, or withdrawn")]
    keys = ("on_time", "late", "waiting", "open")
    table_rows: list[tuple[str, tuple[Value_, ...]]] = []
    series: list[list[float | None]] = [[] for _k in keys]
    missing: list[list[str]] = [[] for _k in keys]
    categories = []
    # The urgencies partition the period's referrals, which the regions' column adds up to: the
    # referrals sent by urgency are suppressed as a breakdown of that total.
    sent_cells = ctx.breakdown({u: g["n"] for u, g in groups.items()}, sum(g["n"] for g in groups.values()), additive=True)
    for urgency, g in groups.items():
        label = str(labels.get(urgency, urgency))
        categories.append(label)
        cells = ctx.breakdown({k: g[k] for k in keys}, g["n"], additive=True)
        for i, k in enumerate(keys):
            series[i].append(_series_value(cells[k]))
            missing[i].append(cells[k].shown)
        # The share gives nothing away when both the count within target and the total are shown.
        within = "—"
        if g["n"] >= ctx.threshold and g["n"] and not cells["on_time"].suppressed and not sent_cells[urgency].suppressed:
            within = f"{round(100 * g['on_time'] / g['n'])}%"
        table_rows.append((label, (sent_cells[urgency], *(cells[k] for k in keys), within,
                                   _median_text(g["ack"], ctx), _median_text(g["accept"], ctx))))
    title = _("Referral timeliness")
    description = _("Referrals sent in the period by urgency: acknowledged within the task force's target "
                    "or late, and those still waiting; median time to acknowledge (from sending, or from "
                    "a navigator's assignment) and to accept (from sending).")
    chart = charts.grouped_bar_chart(categories, list(zip(names, series, strict=True)), title=title,
                                     description=description, stacked=True, missing_text=ctx.hidden,
                                     chart_id="dash-referrals", missing_texts=missing)
    table = Table(title, (_("Urgency"), _("Referrals sent"), *names, _("Share within target"),
                          _("Median time to acknowledge"), _("Median time to accept")), tuple(table_rows))
    return DashboardSection("referrals", title, description, chart, (table,))


def _investigations_opened(ctx: _Context) -> QuerySet[Any]:
    from ally.investigations.models import Investigation

    return Investigation.objects.filter(
        task_force=ctx.task_force, purged_at__isnull=True,
        opened_on__gte=ctx.period.first_day, opened_on__lte=ctx.period.last_day,
    ).order_by()


def _investigations(ctx: _Context) -> DashboardSection:
    from ally.investigations.models import Arrest
    from ally.prosecutions.models import (
        CONVICTIONS,
        Charge,
        ProsecutionCase,
        ProsecutionReferral,
        StatuteCategory,
    )

    live_charge = Charge.objects.filter(defendant__removed_at__isnull=True, defendant__case__investigation=OuterRef("pk"))
    flags = _investigations_opened(ctx).annotate(
        has_arrest=Exists(Arrest.objects.filter(investigation=OuterRef("pk"), removed_at__isnull=True, subject__isnull=False)),
        has_referral=Exists(ProsecutionReferral.objects.filter(investigation=OuterRef("pk"))),
        has_case=Exists(ProsecutionCase.objects.filter(investigation=OuterRef("pk"))),
        has_charge=Exists(live_charge.filter(statute__category=StatuteCategory.TRAFFICKING)),
        has_conviction=Exists(live_charge.filter(disposition__in=CONVICTIONS)),
    ).values_list("has_arrest", "has_referral", "has_case", "has_charge", "has_conviction")
    stages = dict.fromkeys(("opened", "arrest", "referred", "charged", "convicted"), 0)
    for arrest, referral, case, charge, conviction in flags:
        stages["opened"] += 1
        stages["arrest"] += bool(arrest)
        stages["referred"] += bool(referral or case)
        stages["charged"] += bool(charge)
        stages["convicted"] += bool(conviction)
    names = [
        ("opened", _("Investigations opened")),
        ("arrest", _("With an arrest of a suspect")),
        ("referred", _("Referred for prosecution or a prosecution case")),
        ("charged", _("With a trafficking-statute charge")),
        ("convicted", _("With a conviction (plea or verdict)")),
    ]
    opened = stages["opened"] or 0
    rows: list[tuple[str, tuple[Value_, ...]]] = []
    bars: list[tuple[str, float, str]] = []
    for key, label in names:
        c = ctx.cell(stages[key] or 0)
        share = f"{round(100 * c.count / opened)}%" if c.count is not None and opened and key != "opened" else ""
        text = f"{c.shown} ({share})" if share else c.shown
        rows.append((label, (c, share or "—")))
        bars.append((label, _bar_value(c), text))
    title = _("Investigation funnel")
    description = _("Investigations opened in the period, and how many of them have since reached each "
                    "stage (an arrest of a suspect; a referral to a prosecutor or a prosecution case; a "
                    "charge under a trafficking statute; a conviction on any charge).")
    chart = charts.funnel_chart(bars, title=title, description=description, chart_id="dash-funnel")
    table = Table(title, (_("Stage"), _("Investigations"), _("Share of those opened")), tuple(rows))
    return DashboardSection("investigations", title, description, chart, (table,))


def _labor_sex(ctx: _Context) -> DashboardSection:
    from ally.investigations.models import Tip

    start, end = ctx.period.bounds(ctx.task_force.time_zone)
    sources: list[tuple[str, Iterable[Any], str]] = [
        (_("Clients served"),
         _live_services(ctx).values("client__trafficking_type").annotate(n=Count("client", distinct=True)),
         "client__trafficking_type"),
        (_("Tips received"),
         Tip.objects.filter(task_force=ctx.task_force, received_at__gte=start, received_at__lt=end).order_by()
         .values("trafficking_type").annotate(n=Count("pk")), "trafficking_type"),
        (_("Investigations opened"),
         _investigations_opened(ctx).values("trafficking_type").annotate(n=Count("pk")), "trafficking_type"),
    ]
    labels = [_type_label(t) for t in TRAFFICKING_TYPES]
    categories = []
    series: list[list[float | None]] = [[] for _t in TRAFFICKING_TYPES]
    missing: list[list[str]] = [[] for _t in TRAFFICKING_TYPES]
    rows: list[tuple[str, tuple[Value_, ...]]] = []
    for name, queryset, path in sources:
        counts = dict.fromkeys(TRAFFICKING_TYPES, 0)
        for row in queryset:
            counts[_type_key(row[path])] += row["n"]
        total = sum(counts.values())
        cells = ctx.breakdown(counts, total, additive=True)
        categories.append(name)
        for i, t in enumerate(TRAFFICKING_TYPES):
            series[i].append(_series_value(cells[t]))
            missing[i].append(cells[t].shown)
        rows.append((name, (*(cells[t] for t in TRAFFICKING_TYPES), ctx.cell(total))))
    title = _("Labor versus sex trafficking")
    description = _("Clients served, tips received and investigations opened in the period, by the "
                    "trafficking type recorded on each.")
    chart = charts.grouped_bar_chart(categories, list(zip(labels, series, strict=True)), title=title,
                                     description=description, missing_text=ctx.hidden, chart_id="dash-labor-sex",
                                     missing_texts=missing)
    table = Table(title, (_("Records"), *labels, _("Total")), tuple(rows))
    return DashboardSection("labor_sex", title, description, chart, (table,))


def _victims_arrested(ctx: _Context) -> DashboardSection:
    from ally.investigations.models import Arrest, ArrestKind

    arrests = Arrest.objects.filter(
        investigation__task_force=ctx.task_force, investigation__purged_at__isnull=True,
        removed_at__isnull=True, victim__isnull=False,
        on__gte=ctx.period.first_day, on__lte=ctx.period.last_day,
    ).order_by().annotate(quarter=_quarter_case(ctx.period, "on"))
    by_quarter: dict[str, dict[str, Any]] = {
        row["quarter"]: dict(row)
        for row in arrests.values("quarter").annotate(
            victims=Count("victim", distinct=True),
            arrested=Count("victim", distinct=True, filter=Q(kind=ArrestKind.ARREST)),
            charged=Count("victim", distinct=True, filter=Q(kind=ArrestKind.CHARGE)),
            minors=Count("victim", distinct=True, filter=Q(victim__is_minor=True)),
        )
    }
    whole = arrests.aggregate(victims=Count("victim", distinct=True))["victims"] or 0
    quarters = [str(q) for q in ctx.period.quarters]
    # The year's total is shown beside its quarters, which (but for a victim arrested in two
    # quarters) add up to it: the quarters are suppressed as a breakdown of the total, so that
    # the total minus the quarters shown never gives a hidden quarter back.
    victim_cells = ctx.breakdown({q: by_quarter.get(q, {}).get("victims", 0) for q in quarters}, whole, additive=True)
    rows: list[tuple[str, tuple[Value_, ...]]] = []
    bars: list[tuple[str, float, str]] = []
    for q in quarters:
        row: dict[str, Any] = by_quarter.get(q, {})
        victims = victim_cells[q]
        rows.append((q, (victims, ctx.cell(row.get("arrested", 0)), ctx.cell(row.get("charged", 0)),
                         ctx.cell(row.get("minors", 0)))))
        bars.append((q, _bar_value(victims), victims.shown))
    total = ctx.cell(whole)
    rows.append((_("Whole period"), (total, "", "", "")))
    title = _("Identified victims arrested or charged")
    description = _("Identified victims of the task force's investigations who were arrested, or charged or "
                    "cited without arrest, in each quarter — the number the task force works to bring down. "
                    "A victim arrested twice in a quarter counts once.")
    chart = charts.bar_chart(bars, title=title, description=description, chart_id="dash-victims-arrested")
    table = Table(title, (_("Quarter"), _("Victims arrested or charged"), _("Arrested"),
                          _("Charged or cited without arrest"), _("Minors")), tuple(rows))
    return DashboardSection("victims_arrested", title, description, chart, (table,),
                            (_("A victim may be both arrested and charged in a quarter: the columns may sum above the total."),))


def _regions(ctx: _Context) -> DashboardSection:
    from ally.investigations.models import Tip
    from ally.outreach.models import OutreachEvent
    from ally.referrals.models import Referral
    from ally.trainings.models import TrainingSession

    regions = list(Region.objects.filter(task_force=ctx.task_force).order_by("name").values_list("id", "name", "counties", "zip_codes"))
    by_zip: dict[str, int] = {}
    by_county: dict[str, int] = {}
    for pk, _name, counties, zips in regions:
        for z in zips or ():
            by_zip.setdefault(str(z).strip(), pk)
        for c in counties or ():
            by_county.setdefault(_county_key(str(c)), pk)
    none = 0
    keys = ("clients", "tips", "referrals", "trainings", "outreach")
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(keys, 0))
    client_region: dict[int, int] = {}
    for client_id, zip_code in _live_services(ctx).values_list("client_id", "client__zip_code").distinct():
        client_region[client_id] = _zip_region(by_zip, zip_code) or none
    for region_id in client_region.values():
        counts[region_id]["clients"] += 1
    start, end = ctx.period.bounds(ctx.task_force.time_zone)
    for county, n in (Tip.objects.filter(task_force=ctx.task_force, received_at__gte=start, received_at__lt=end)
                      .order_by().values_list("county").annotate(n=Count("pk"))):
        counts[by_county.get(_county_key(county), none)]["tips"] += n
    for to_region, county, zip_code, n in (
        Referral.objects.filter(task_force=ctx.task_force, sent_at__gte=start, sent_at__lt=end).order_by()
        .values_list("to_region_id", "person_county", "client__zip_code").annotate(n=Count("pk"))
    ):
        region = to_region or by_county.get(_county_key(county)) or _zip_region(by_zip, zip_code) or none
        counts[region]["referrals"] += n
    for region_id, n in (TrainingSession.objects.filter(task_force=ctx.task_force, cancelled_at__isnull=True,
                                                        held_on__gte=ctx.period.first_day, held_on__lte=ctx.period.last_day)
                         .order_by().values_list("region_id").annotate(n=Count("pk"))):
        counts[region_id or none]["trainings"] += n
    for region_id, n in (OutreachEvent.objects.filter(task_force=ctx.task_force, status="held",
                                                      occurred_on__gte=ctx.period.first_day, occurred_on__lte=ctx.period.last_day)
                         .order_by().values_list("region_id").annotate(n=Count("pk"))):
        counts[region_id or none]["outreach"] += n
    names = [_("Clients served"), _("Tips received"), _("Referrals sent"), _("Training sessions held"), _("Outreach events held")]
    listed = [(pk, name) for pk, name, _c, _z in regions]
    if any(counts[none].values()) or not listed:
        listed.append((none, _("No region")))
    # Each column's regions (with "No region") partition a total shown elsewhere on the dashboard
    # (clients served and tips received by type, referrals by urgency, training sessions…): each
    # column is suppressed as a breakdown of its total, or the total minus the regions shown would
    # give a hidden region back.
    by_column = {
        k: ctx.breakdown({str(pk): counts[pk][k] for pk, _name in listed}, sum(counts[pk][k] for pk, _n in listed),
                         additive=True)
        for k in keys
    }
    rows: list[tuple[str, tuple[Value_, ...]]] = []
    series: list[list[float | None]] = [[] for _k in keys]
    missing: list[list[str]] = [[] for _k in keys]
    for pk, name in listed:
        cells = [by_column[k][str(pk)] for k in keys]
        rows.append((name, tuple(cells)))
        for i, c in enumerate(cells):
            series[i].append(_series_value(c))
            missing[i].append(c.shown)
    title = _("Activity by region")
    description = _("Clients served (by the region holding the client's ZIP code), tips (by the tip's county), "
                    "referrals (by the region's queue they went to, else the county where the person is, else "
                    "the client's ZIP code), and "
                    "training sessions and outreach events (by the region recorded on them), in the period.")
    chart = charts.grouped_bar_chart([name for _pk, name in listed], list(zip(names, series, strict=True)),
                                     title=title, description=description, missing_text=ctx.hidden,
                                     chart_id="dash-regions", missing_texts=missing)
    table = Table(title, (_("Region"), *names), tuple(rows))
    return DashboardSection("regions", title, description, chart, (table,))


def _zip_region(by_zip: dict[str, int], zip_code: str | None) -> int:
    """The region holding a ZIP code (a ZIP+4 by its first five digits); 0 for none."""
    text = (zip_code or "").strip()
    return by_zip.get(text) or by_zip.get(text[:5]) or 0


def _county_key(county: str | None) -> str:
    text = (county or "").strip().lower()
    return text[: -len(" county")].strip() if text.endswith(" county") else text


def _training(ctx: _Context) -> DashboardSection:
    from ally.trainings.queries import coverage, professionals_trained

    table_data = coverage(ctx.task_force, ctx.period.first_day, ctx.period.last_day)
    trained = professionals_trained(ctx.task_force, ctx.period.first_day, ctx.period.last_day)
    rows: list[tuple[str, tuple[Value_, ...]]] = []
    bars: list[tuple[str, float, str]] = []
    # By the number shown, hidden counts alike, then by label: never by the exact hidden count.
    for row in sorted(table_data.rows, key=lambda r: (_rank(ctx.cell(r.people)), r.label)):
        people = ctx.cell(row.people)
        rows.append((row.label, (ctx.cell(row.sessions), people, ctx.cell(row.external), str(row.region_gaps))))
        bars.append((row.label, _bar_value(people), people.shown))
    rows.append((_("All topics"), (ctx.cell(table_data.sessions), ctx.cell(table_data.people_trained),
                                   ctx.cell(table_data.external_attendees), "")))
    title = _("Training coverage")
    description = _("Task-force participants trained on each topic in the period, with the sessions held "
                    "and attendees from outside the task force; regions not reached are regions none of "
                    "whose organizations sent anybody to a session on the topic.")
    chart = charts.bar_chart(bars, title=title, description=description, chart_id="dash-training")
    table = Table(title, (_("Topic"), _("Sessions"), _("Participants trained"), _("Outside attendees"),
                          _("Regions not reached")), tuple(rows))
    return DashboardSection("training", title, description, chart, (table,),
                            (_("Professionals trained in the period (participants and outside attendees): %(n)s")
                             % {"n": ctx.cell(trained).shown},))


BUILDERS: dict[str, Callable[[_Context], DashboardSection]] = {
    "survivors": _survivors,
    "services": _services,
    "referrals": _referrals,
    "investigations": _investigations,
    "labor_sex": _labor_sex,
    "victims_arrested": _victims_arrested,
    "regions": _regions,
    "training": _training,
}


def build_dashboard(
    task_force: TaskForce, period: Period, *, sections: Sequence[str] = SECTIONS, now: dt.datetime | None = None,
) -> Dashboard:
    """The dashboard of ``task_force`` over ``period`` (the named sections, in the order given)."""
    unknown = [s for s in sections if s not in BUILDERS]
    if unknown:
        raise InvalidInput(_("There is no dashboard section %(name)s.") % {"name": unknown[0]})
    ctx = _Context(task_force, period, max(task_force.small_cell_threshold, 1), now or timezone.now())
    return Dashboard(task_force.name, period, ctx.threshold, ctx.now, tuple(BUILDERS[s](ctx) for s in sections))
