"""The counting engine: a catalogue version and a fiscal quarter in, a computed ``Report`` out.

Every count is made by the database (``COUNT(DISTINCT …)`` grouped by the breakdown's value), so
the number of queries depends on the catalogue, never on the number of records. An
organization's report counts its own records exactly (threshold 1); the task force's report
counts every organization's records and hides small cells (``ally.reports.suppression``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.core.fiscal import FiscalQuarter
from ally.reports import suppression
from ally.reports.catalogue import BreakdownDef, MeasureDef, load_catalogue, text
from ally.reports.model import Breakdown, BreakdownRow, MeasureResult, Report, Section
from ally.reports.sources import Context, Source, source
from ally.tenancy.models import Organization, Region, TaskForce


def build_report(
    catalogue_id: str,
    *,
    task_force: TaskForce,
    quarter: FiscalQuarter | str,
    organization: Organization | None = None,
    threshold: int | None = None,
) -> Report:
    """The report of ``catalogue_id`` for ``quarter``: ``organization``'s own records, exact; or
    (``organization`` None) the whole task force's, with counts below ``threshold`` (default: the
    task force's small-cell threshold) suppressed."""
    if isinstance(quarter, str):
        quarter = FiscalQuarter.parse(quarter)
    if organization is not None and organization.task_force_id != task_force.pk:
        raise ValueError("the organization is not a member of this task force")
    if organization is not None:
        threshold = 1
    elif threshold is None:
        threshold = task_force.small_cell_threshold
    threshold = max(1, int(threshold))
    catalogue = load_catalogue(catalogue_id, quarter.year)
    regions = tuple(
        (pk, name, tuple(counties or ()), tuple(zips or ()))
        for pk, name, counties, zips in Region.objects.filter(task_force=task_force)
        .order_by("name", "pk").values_list("pk", "name", "counties", "zip_codes")
    )
    context = Context(task_force, quarter, organization, regions)
    totals: Totals = {}
    sections = tuple(
        Section(s.id, text(s.title), tuple(_measure(m, context, threshold, totals) for m in s.measures))
        for s in catalogue.sections
    )
    return Report(
        catalogue_id=catalogue.id,
        catalogue_title=text(catalogue.title),
        catalogue_version=catalogue.version,
        quarter=quarter,
        first_day=quarter.first_day,
        last_day=quarter.last_day,
        time_zone=task_force.time_zone,
        task_force=task_force.name,
        organization=organization.name if organization is not None else None,
        threshold=threshold,
        generated_at=timezone.now(),
        sections=sections,
    )


Totals = dict[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...]], int]


def count_measure(
    measure: MeasureDef, context: Context, totals: Totals | None = None
) -> tuple[int, dict[str, dict[str, int]]]:
    """The exact total of one measure and, per breakdown id, the count of every value found.

    Breakdowns by a property of what is counted (a client's gender when counting clients; any
    single-valued field when counting records) give each counted thing exactly one combination
    of values, so one grouped query counts them all together and their sums are exact; the
    total is that query's sum. Other breakdowns take one query each."""
    src = source(measure.source)
    if src.total is not None:
        return src.total(context), {}
    qs = _filtered(src, measure, context)
    counted = src.counts[measure.count]
    joint = [b for b in measure.breakdowns if _additive(measure, b)]
    memo = (measure.source, measure.count, measure.filter)
    found: dict[str, dict[str, int]] = {b.id: {} for b in measure.breakdowns}
    if joint:
        names = {b.id: f"bv{i}" for i, b in enumerate(joint)}
        annotations = {names[b.id]: src.fields[b.field].expression(context) for b in joint}
        rows = (
            qs.annotate(**annotations).order_by().values(*names.values())
            .annotate(n=Count(counted, distinct=True)).values_list(*names.values(), "n")
        )
        total = 0
        for row in rows:
            n = row[-1]
            total += n
            for i, breakdown in enumerate(joint):
                key = "" if row[i] is None else str(row[i])
                found[breakdown.id][key] = found[breakdown.id].get(key, 0) + n
    elif totals is not None and memo in totals:
        total = totals[memo]
    else:
        total = qs.aggregate(n=Count(counted, distinct=True))["n"] or 0
    if totals is not None:
        totals[memo] = total
    for breakdown in measure.breakdowns:
        if breakdown in joint:
            continue
        field = src.fields[breakdown.field]
        if field.multi:
            found[breakdown.id] = _multi_counts(qs, field.path or "", counted, _listed_values(breakdown, context))
            continue
        grouped = (
            qs.annotate(bv=field.expression(context)).order_by().values("bv")
            .annotate(n=Count(counted, distinct=True)).values_list("bv", "n")
        )
        for value, n in grouped:
            key = "" if value is None else str(value)
            found[breakdown.id][key] = found[breakdown.id].get(key, 0) + n
    return total, found


def _additive(measure: MeasureDef, breakdown: BreakdownDef) -> bool:
    """True when every counted thing has exactly one value: the rows add up to the total."""
    field = source(measure.source).fields[breakdown.field]
    return not field.multi and (field.of == measure.count or measure.count == "record")


def _filtered(src: Source, measure: MeasureDef, context: Context) -> models.QuerySet[Any]:
    qs = src.queryset(context)
    for name, values in measure.filter:
        field = src.fields[name]
        if field.multi:
            condition = Q()
            for value in values:
                condition |= Q(**{"ft_" + name + "__contains": f'"{value}"'})
            qs = qs.annotate(**{"ft_" + name: Cast(field.path or "", models.TextField())}).filter(condition)
        elif field.compute is None:
            qs = qs.filter(**{f"{field.path}__in": values})
        else:
            qs = qs.annotate(**{"ff_" + name: field.expression(context)}).filter(**{f"ff_{name}__in": values})
    return qs


def _multi_counts(qs: models.QuerySet[Any], path: str, counted: str, values: list[str]) -> dict[str, int]:
    """A JSON list field: every listed value counted in one query (a record with several values
    counts under each); records with an empty list count as not recorded."""
    aggregates = {
        f"v{i}": Count(counted, distinct=True, filter=Q(bt__contains=f'"{value}"')) for i, value in enumerate(values)
    }
    aggregates["none"] = Count(counted, distinct=True, filter=~Q(bt__contains='"'))
    result = qs.annotate(bt=Cast(path, models.TextField())).aggregate(**aggregates)
    counts = {value: result[f"v{i}"] or 0 for i, value in enumerate(values)}
    counts[""] = result["none"] or 0
    return counts


def _listed_values(breakdown: BreakdownDef, context: Context) -> list[str]:
    if breakdown.vocabulary == "regions":
        return [str(pk) for pk, _n, _c, _z in context.regions]
    if breakdown.vocabulary is not None:
        from ally.survivors import vocabularies

        return [t.value for t in vocabularies.vocabulary(breakdown.vocabulary).values]
    return [v.value for v in breakdown.values]


def _label(breakdown: BreakdownDef, value: str, context: Context) -> str:
    if value == "":
        return _("Not recorded")
    if breakdown.vocabulary == "regions":
        names = {str(pk): name for pk, name, _c, _z in context.regions}
        return names.get(value, value)
    if breakdown.vocabulary is not None:
        from ally.survivors import vocabularies

        try:
            return vocabularies.label(breakdown.vocabulary, value)
        except LookupError:
            return value
    for listed in breakdown.values:
        if listed.value == value and listed.label is not None:
            return text(listed.label)
    return value


def _measure(measure: MeasureDef, context: Context, threshold: int, totals: Totals) -> MeasureResult:
    total, found = count_measure(measure, context, totals)
    breakdowns = []
    for breakdown in measure.breakdowns:
        additive = _additive(measure, breakdown)
        counts = found[breakdown.id]
        listed = _listed_values(breakdown, context)
        order = listed + sorted(v for v in counts if v not in listed and v != "")
        if counts.get("", 0) and "" not in order:
            order.append("")
        rows_counts = {value: counts.get(value, 0) for value in order}
        cells, known_total = suppression.breakdown_cells(
            rows_counts, total=total, unknown=breakdown.unknown, threshold=threshold, additive=additive
        )
        rows = tuple(
            BreakdownRow(value, _label(breakdown, value, context), cells[value], value in breakdown.unknown)
            for value in order
        )
        breakdowns.append(Breakdown(breakdown.id, text(breakdown.label), not additive, rows, known_total))
    return MeasureResult(
        id=measure.id,
        label=text(measure.label),
        definition=text(measure.definition),
        records=text(measure.records),
        total=suppression.cell(total, threshold),
        breakdowns=tuple(breakdowns),
    )
