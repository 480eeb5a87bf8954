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
    counter = Counter(context)
    for section in catalogue.sections:
        for measure in section.measures:
            counter.plan(measure)
    sections = tuple(
        Section(s.id, text(s.title), tuple(_measure(m, context, threshold, counter) for m in s.measures))
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


# A grouped count: the source, the measure's filter, the subject counted from its own table
# (a count id of ``Source.subjects``, or "" for the source's rows) and the fields grouped by.
Grouping = tuple[str, tuple[tuple[str, tuple[str, ...]], ...], str, tuple[str, ...]]
ALL = "*"  # counted: every row of the grouped query (records of a single-row source, subjects)


class Counter:
    """The grouped counts of one report. ``plan`` each measure first: every grouping is then
    queried once, with one aggregate per thing any measure counts in it (services by category
    and clients by category are one query)."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.wanted: dict[Grouping, list[str]] = {}
        self.additive: set[Grouping] = set()  # every counted thing in exactly one row
        self.done: dict[Grouping, tuple[list[str], dict[tuple[Any, ...], dict[str, int]]]] = {}

    def plan(self, measure: MeasureDef) -> list[tuple[Grouping, str]]:
        """The groupings ``measure`` needs and what each counts, the first one additive (its
        rows sum to the measure's total); remembered, so that each grouping is queried once."""
        src = source(measure.source)
        if src.total is not None:
            return []
        subject = measure.count if measure.count in src.subjects else ""
        single = src.counts[measure.count]
        if single == "pk" and src.single_rows:
            single = ALL
        joint = tuple(b.field for b in measure.breakdowns if _additive(measure, b))
        first: Grouping = (measure.source, measure.filter, subject, joint)
        needs = [(first, ALL if subject else single)]
        self.additive.add(first)
        for breakdown in measure.breakdowns:
            field = src.fields[breakdown.field]
            if breakdown.field not in joint and not field.multi:
                needs.append(((measure.source, measure.filter, "", (breakdown.field,)), single))
        for grouping, counted in needs:
            counts = self.wanted.setdefault(grouping, [])
            if counted not in counts:
                counts.append(counted)
        return needs

    def total(self, grouping: Grouping, counted: str) -> int:
        """The sum of an additive grouping's rows: taken from any other additive grouping of
        the same records and count already queried or planned (the measure's total is the same
        whatever they are grouped by), ``grouping`` itself otherwise."""
        for other in [*self.done, *self.wanted]:
            if other[:3] == grouping[:3] and other in self.additive and counted in self.wanted.get(other, ()):
                return sum(n for _values, n in self.rows(other, counted))
        return sum(n for _values, n in self.rows(grouping, counted))

    def rows(self, grouping: Grouping, counted: str) -> list[tuple[tuple[Any, ...], int]]:
        """(values of the grouped fields, count) for every combination found."""
        wanted = self.wanted.setdefault(grouping, [])
        if counted not in wanted:
            wanted.append(counted)
        if grouping not in self.done or counted not in self.done[grouping][0]:
            self.done[grouping] = (list(wanted), self._query(grouping, list(wanted)))
        return [(values, counts[counted]) for values, counts in self.done[grouping][1].items()]

    def _query(self, grouping: Grouping, counted: list[str]) -> dict[tuple[Any, ...], dict[str, int]]:
        source_id, filters, subject_id, field_ids = grouping
        src = source(source_id)
        if subject_id:
            # The subjects that have a record in the quarter, each one row: no DISTINCT needed.
            subject = src.subjects[subject_id]
            records = _filtered(src, filters, self.context, without=(subject.replaces,))
            qs: models.QuerySet[Any] = subject.model._default_manager.filter(
                subject.live, pk__in=records.values(subject.key)
            )
            fields = subject.fields
        else:
            qs, fields = _filtered(src, filters, self.context), src.fields
        aggregates = {
            f"n{i}": Count("*") if c == ALL else Count(c, distinct=True) for i, c in enumerate(counted)
        }
        if not field_ids:
            result = qs.aggregate(**aggregates)
            return {(): {c: result[f"n{i}"] or 0 for i, c in enumerate(counted)}}
        names = [f"bv{i}" for i in range(len(field_ids))]
        annotations = {name: fields[f].expression(self.context) for name, f in zip(names, field_ids, strict=True)}
        found: dict[tuple[Any, ...], dict[str, int]] = {}
        grouped = qs.annotate(**annotations).order_by().values(*names).annotate(**aggregates)
        for row in grouped.values_list(*names, *aggregates):
            values = tuple(row[: len(names)])
            found[values] = {c: row[len(names) + i] for i, c in enumerate(counted)}
        return found


def count_measure(
    measure: MeasureDef, context: Context, counter: Counter | None = None
) -> tuple[int, dict[str, dict[str, int]]]:
    """The exact total of one measure and, per breakdown id, the count of every value found.

    Breakdowns by a property of what is counted (a client's gender when counting clients; any
    single-valued field when counting records) give each counted thing exactly one combination
    of values, so one grouped query counts them all together and their sums are exact; the
    total is that query's sum. A count with its own table (clients) groups those rows, one per
    client served, rather than their services. Other breakdowns take one query each, shared by
    the measures grouping the same records the same way (``Counter``)."""
    src = source(measure.source)
    if src.total is not None:
        return src.total(context), {}
    if counter is None:
        counter = Counter(context)
    needs = counter.plan(measure)
    (joint_grouping, joint_counted), *single = needs
    joint = joint_grouping[3]
    found: dict[str, dict[str, int]] = {b.id: {} for b in measure.breakdowns}
    total = counter.total(joint_grouping, joint_counted) if not joint else 0
    for values, n in counter.rows(joint_grouping, joint_counted) if joint else ():
        total += n
        for breakdown in measure.breakdowns:
            if breakdown.field in joint:
                value = values[joint.index(breakdown.field)]
                key = "" if value is None else str(value)
                found[breakdown.id][key] = found[breakdown.id].get(key, 0) + n
    for breakdown in measure.breakdowns:
        field = src.fields[breakdown.field]
        if breakdown.field in joint:
            continue
        if field.multi:
            qs = _filtered(src, measure.filter, context)
            counted = src.counts[measure.count]
            found[breakdown.id] = _multi_counts(qs, field.path or "", counted, _listed_values(breakdown, context))
            continue
        grouping, counted = next(need for need in single if need[0][3] == (breakdown.field,))
        for (value,), n in counter.rows(grouping, counted):
            key = "" if value is None else str(value)
            found[breakdown.id][key] = found[breakdown.id].get(key, 0) + n
    return total, found


def _additive(measure: MeasureDef, breakdown: BreakdownDef) -> bool:
    """True when every counted thing has exactly one value: the rows add up to the total."""
    field = source(measure.source).fields[breakdown.field]
    return not field.multi and (field.of == measure.count or measure.count == "record")


def _filtered(
    src: Source, filters: tuple[tuple[str, tuple[str, ...]], ...], context: Context, without: tuple[Q, ...] = ()
) -> models.QuerySet[Any]:
    qs = src.queryset(context, without)
    for name, values in filters:
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


def _measure(measure: MeasureDef, context: Context, threshold: int, counter: Counter) -> MeasureResult:
    total, found = count_measure(measure, context, counter)
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
