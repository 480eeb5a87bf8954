"""Quarterly-report benchmark: the counting engine against DuckDB over the same service rows.

    .venv/bin/python -m bench.reports [--clients 100000 --services 1000000] [--repeat 5]
    ALLY_DATABASE_URL=postgresql://ally:ally@127.0.0.1:5432/ally_bench .venv/bin/python -m bench.reports

Builds the national demo once (kept in var/bench/reports/), then tops up ONE of its task forces
with synthetic clients and service deliveries until it holds at least ``--clients`` clients and
``--services`` services, spread over three federal fiscal years, the vocabularies' categories,
genders, trafficking types, citizenship, minors and the task force's victim-service
organizations. The rows are kept: a second run counts them and inserts nothing.

It then times ``build_report`` (catalogues "ovc" and "le") for the task force (small cells
suppressed) and for its largest organization — the first, cold run apart from the median and 95th
percentile of ``--repeat`` warm runs — and the same service aggregates written in SQL over the
same rows loaded into an in-memory DuckDB (one extract to CSV, then ``read_csv``): the floor we
measure ourselves against. DuckDB's numbers must EQUAL the engine's: a mismatch is printed and the
run exits non-zero. Nothing here asserts a time. The last line is the RESULT line.
"""

# SQL here is built from model table names and the fixed column maps below; values are bound.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from typing import Any

os.environ.setdefault("ALLY_VAR_DIR", os.path.abspath("var/bench/reports"))

from bench.foundation import _setup  # noqa: E402
from bench.survivors import _cpu  # noqa: E402  (the machine line, shared)

QUARTER = "FY2026Q2"  # Jan–Mar 2026: a quarter with "continuing" clients from FY2026Q1
FIRST_DAY = dt.date(2023, 10, 1)  # three federal fiscal years: FY2024, FY2025, FY2026
LAST_DAY = dt.date(2026, 9, 30)
SYNTHETIC = "Bench client"  # legal names of the synthetic clients start with this
BATCH = 5000


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the data ----------------------------------------------------------------------------------


def _values(vocabulary_id: str) -> list[str]:
    from ally.survivors import vocabularies

    return [term.value for term in vocabularies.vocabulary(vocabulary_id).values]


def _weighted(rng: random.Random, values: list[str], weights: list[float]) -> Callable[[], str]:
    cumulative = []
    running = 0.0
    for weight in weights:
        running += weight
        cumulative.append(running)

    def pick() -> str:
        return rng.choices(values, cum_weights=cumulative)[0]

    return pick


def _skewed(rng: random.Random, values: list[Any]) -> list[float]:
    """Zipf-like weights: a few common values, a long tail (what real caseloads look like)."""
    return [1.0 / (i + 1) for i in range(len(values))]


def _service_organizations(task_force: Any) -> list[Any]:
    from ally.survivors.models import Client
    from ally.tenancy.models import Organization

    holding = (
        Client.objects.filter(task_force=task_force)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    organizations = list(Organization.objects.filter(pk__in=holding).order_by("pk"))
    if not organizations:
        organizations = list(Organization.objects.filter(task_force=task_force).order_by("pk"))
    return organizations


def _inserter(model: Any) -> Callable[[list[dict[str, Any]]], None]:
    """A fast insert of dicts of column values (one executemany per batch, in a transaction):
    columns left out get the field's default; dates and instants are adapted as Django would."""
    from django.db import connection, transaction

    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    defaults = {f.column: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    adapt: dict[str, Callable[[Any], Any]] = {}
    for f in fields:
        kind = f.get_internal_type()
        if kind == "DateField":
            adapt[f.column] = connection.ops.adapt_datefield_value
        elif kind == "DateTimeField":
            adapt[f.column] = connection.ops.adapt_datetimefield_value
        elif kind == "DecimalField":
            adapt[f.column] = str
    quote = connection.ops.quote_name
    sql = (
        f"insert into {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
        f" values ({', '.join(['%s'] * len(columns))})"
    )
    cache: dict[Any, Any] = {}

    def value(column: str, row: dict[str, Any]) -> Any:
        if column not in row:
            return defaults[column]
        raw = row[column]
        if raw is None or column not in adapt:
            return raw
        key = (column, raw)
        if key not in cache:
            cache[key] = adapt[column](raw)
        return cache[key]

    def insert(rows: list[dict[str, Any]]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # COPY: executemany is a round trip a row
                copy_sql = f"copy {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) from stdin"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(tuple(value(c, row) for c in columns))
            else:
                cursor.executemany(sql, [tuple(value(c, row) for c in columns) for row in rows])

    return insert


def sizes(task_force: Any) -> tuple[int, int]:
    """Clients and service deliveries of the task force (all rows, deleted or not)."""
    from ally.survivors.models import Client, ServiceDelivery

    return (
        Client.objects.filter(task_force=task_force).count(),
        ServiceDelivery.objects.filter(task_force=task_force).count(),
    )


def top_up(task_force: Any, *, clients: int, services: int, seed: int = 7) -> float:
    """Add synthetic clients and services to ``task_force`` until it holds at least ``clients``
    clients and ``services`` services; returns the seconds spent (0 when nothing was missing)."""
    from django.utils import timezone

    from ally.survivors.models import Client, ServiceDelivery
    from ally.tenancy.models import Region

    have_clients, have_services = sizes(task_force)
    missing_clients = max(0, clients - have_clients)
    missing_services = max(0, services - have_services)
    if not missing_clients and not missing_services:
        return 0.0
    started = time.perf_counter()
    rng = random.Random(seed + have_clients + have_services)
    organizations = _service_organizations(task_force)
    organization = _weighted(
        rng, [str(i) for i in range(len(organizations))], _skewed(rng, organizations)
    )
    zips = sorted(
        {
            z
            for zs in Region.objects.filter(task_force=task_force).values_list(
                "zip_codes", flat=True
            )
            for z in zs or ()
        }
    )
    zip_code = _weighted(
        rng, zips + ["", "99999"], [3.0] * len(zips) + [len(zips) * 0.3 + 1, len(zips) * 0.2 + 1]
    )
    genders = _values("prs_Gender")
    gender = _weighted(rng, genders + [""], _skewed(rng, genders) + [0.1])
    citizenships = _values("citizenship_status")
    citizenship = _weighted(rng, citizenships + [""], _skewed(rng, citizenships) + [0.1])
    types = _values("trafficking_type")
    trafficking_type = _weighted(rng, types, _skewed(rng, types))
    statuses = _values("vic_TraffickingStatus")
    trafficking_status = _weighted(rng, statuses + [""], _skewed(rng, statuses) + [0.3])
    categories = _values("service_category")
    category = _weighted(rng, categories, _skewed(rng, categories))
    span = (LAST_DAY - FIRST_DAY).days
    now = timezone.now()

    # Clients: intake spread over the three fiscal years.
    insert_client = _inserter(Client)
    inserted = 0
    batch_started = time.perf_counter()
    while inserted < missing_clients:
        batch = []
        for i in range(inserted, min(inserted + BATCH, missing_clients)):
            org = organizations[int(organization())]
            batch.append(
                {
                    "task_force_id": task_force.pk,
                    "organization_id": org.pk,
                    "legal_name": f"{SYNTHETIC} {have_clients + i + 1}",
                    "gender": gender(),
                    "citizenship_status": citizenship(),
                    "minor_at_intake": rng.random() < 0.18,
                    "trafficking_type": trafficking_type(),
                    "trafficking_status": trafficking_status(),
                    "zip_code": zip_code(),
                    "intake_date": FIRST_DAY + dt.timedelta(days=rng.randrange(span)),
                    "created_at": now,
                    "deleted_at": now if rng.random() < 0.002 else None,
                }
            )
        insert_client(batch)
        inserted += len(batch)
        rate = inserted / max(time.perf_counter() - batch_started, 1e-9)
        _say(f"  clients: {inserted}/{missing_clients} ({rate:,.0f} rows/s)")

    # Services: every client of the task force (old and new) may receive more; most services go
    # to clients within a year of their intake, so "continuing" clients are common.
    pool = list(
        Client.objects.filter(task_force=task_force, deleted_at__isnull=True).values_list(
            "pk", "organization_id", "intake_date"
        )
    )
    insert_service = _inserter(ServiceDelivery)
    inserted = 0
    batch_started = time.perf_counter()
    while inserted < missing_services:
        batch = []
        for _ in range(min(BATCH, missing_services - inserted)):
            client_id, organization_id, intake = pool[rng.randrange(len(pool))]
            start = max(intake or FIRST_DAY, FIRST_DAY)
            room = max(1, min((LAST_DAY - start).days, 400))
            batch.append(
                {
                    "task_force_id": task_force.pk,
                    "organization_id": organization_id,
                    "created_at": now,
                    "client_id": client_id,
                    "category": category(),
                    "delivered_on": start + dt.timedelta(days=int(rng.triangular(0, room, 0))),
                    "provider_id": organization_id,
                    "units": 1,
                    "unit": "session",
                    "deleted_at": now if rng.random() < 0.005 else None,
                }
            )
        insert_service(batch)
        inserted += len(batch)
        if inserted % (BATCH * 10) == 0 or inserted == missing_services:
            rate = inserted / max(time.perf_counter() - batch_started, 1e-9)
            _say(f"  services: {inserted}/{missing_services} ({rate:,.0f} rows/s)")
    return time.perf_counter() - started


# --- DuckDB ------------------------------------------------------------------------------------

COLUMNS = {
    "client_id": "BIGINT",
    "organization_id": "BIGINT",
    "category": "VARCHAR",
    "delivered_on": "DATE",
    "minor": "BOOLEAN",
    "trafficking_type": "VARCHAR",
    "trafficking_status": "VARCHAR",
    "gender": "VARCHAR",
    "citizenship": "VARCHAR",
    "zip_code": "VARCHAR",
}


def extract(task_force: Any, directory: str) -> tuple[str, str, int]:
    """One extract from the database: the task force's live services joined to their clients'
    attributes, and the regions' ZIP codes (first region by name, then id, wins — as the engine
    decides). Returns the two CSV paths and the number of service rows."""
    from django.db import connection

    from ally.survivors.models import Client, ServiceDelivery
    from ally.tenancy.models import Region

    sd, cl = ServiceDelivery._meta.db_table, Client._meta.db_table
    services_path = os.path.join(directory, "services.csv")
    regions_path = os.path.join(directory, "regions.csv")
    n = 0
    with (
        connection.cursor() as cursor,
        open(services_path, "w", newline="", encoding="utf-8") as out,
    ):
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        cursor.execute(
            f"select s.client_id, s.organization_id, s.category, s.delivered_on, c.minor_at_intake,"
            f" c.trafficking_type, c.trafficking_status, c.gender, c.citizenship_status, c.zip_code"
            f" from {sd} s join {cl} c on c.id = s.client_id"
            f" where s.task_force_id = %s and s.deleted_at is null and c.deleted_at is null",
            [task_force.pk],
        )
        while chunk := cursor.fetchmany(20000):
            writer.writerows(
                (
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    "true" if r[4] else "false",
                    *("" if v is None else v for v in r[5:]),
                )
                for r in chunk
            )
            n += len(chunk)
    seen: set[str] = set()
    with open(regions_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["zip_code", "region"])
        for pk, zips in (
            Region.objects.filter(task_force=task_force)
            .order_by("name", "pk")
            .values_list("pk", "zip_codes")
        ):
            for z in zips or ():
                if z not in seen:
                    seen.add(z)
                    writer.writerow([z, str(pk)])
    return services_path, regions_path, n


def load_duckdb(services_path: str, regions_path: str) -> Any:
    import duckdb

    db = duckdb.connect(":memory:")
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items())
    db.execute(
        f"create table raw as select * from read_csv('{services_path}', header=true,"
        f" columns={{{columns}}}, nullstr='\\N')"
    )
    db.execute(
        f"create table regions as select * from read_csv('{regions_path}', header=true,"
        " columns={'zip_code': 'VARCHAR', 'region': 'VARCHAR'}, nullstr='\\N')"
    )
    # Empty CSV fields are read as NULL: the engine reports blank text as "" (not recorded).
    db.execute(
        "create table services as select r.client_id, r.organization_id, coalesce(r.category, '') as category,"
        " r.delivered_on, case when r.minor then 'minor' else 'adult' end as age_group,"
        " coalesce(r.trafficking_type, '') as trafficking_type,"
        " coalesce(r.trafficking_status, '') as trafficking_status, coalesce(r.gender, '') as gender,"
        " coalesce(r.citizenship, '') as citizenship, coalesce(g.region, '') as region"
        " from raw r left join regions g on g.zip_code = r.zip_code"
    )
    db.execute("drop table raw")
    return db


# The service_deliveries fields as DuckDB columns ("new_continuing" is computed per scope).
DUCK_FIELDS = {
    "category": "category",
    "age_group": "age_group",
    "trafficking_type": "trafficking_type",
    "trafficking_status": "trafficking_status",
    "gender": "gender",
    "citizenship": "citizenship",
    "region": "region",
    "new_continuing": "new_continuing",
}
DUCK_COUNTS = {"record": "count(*)", "client": "count(distinct client_id)"}


def duckdb_counts(
    db: Any, measures: Iterable[Any], quarter: Any, organization_id: int | None
) -> dict[str, Any]:
    """The catalogue's service measures counted in SQL: {measure id: (total, {breakdown: {value: n}})}."""
    scope = "" if organization_id is None else f" and organization_id = {int(organization_id)}"
    fy_start = type(quarter)(quarter.year, 1).first_day
    db.execute(
        "create or replace temp table q as select s.*, case when e.client_id is null then 'new'"
        " else 'continuing' end as new_continuing from services s left join (select distinct client_id"
        f" from services where delivered_on >= ? and delivered_on < ?{scope}) e using (client_id)"
        f" where s.delivered_on between ? and ?{scope}",
        [fy_start, quarter.first_day, quarter.first_day, quarter.last_day],
    )
    result: dict[str, Any] = {}
    for measure in measures:
        where = ""
        parameters: list[Any] = []
        for name, values in measure.filter:
            where += f" and {DUCK_FIELDS[name]} in ({', '.join('?' for _ in values)})"
            parameters += list(values)
        where = " where true" + where
        counted = DUCK_COUNTS[measure.count]
        total = db.execute(f"select {counted} from q{where}", parameters).fetchone()[0]
        found = {}
        for breakdown in measure.breakdowns:
            column = DUCK_FIELDS[breakdown.field]
            rows = db.execute(
                f"select {column}, {counted} from q{where} group by 1", parameters
            ).fetchall()
            found[breakdown.id] = {str(value): n for value, n in rows}
        result[measure.id] = (total, found)
    return result


def engine_counts(report: Any, measure_ids: set[str]) -> dict[str, Any]:
    """The same shape from a computed report; suppressed cells are None."""
    result: dict[str, Any] = {}
    for section in report.sections:
        for measure in section.measures:
            if measure.id in measure_ids:
                found = {
                    b.id: {row.value: row.cell.count for row in b.rows} for b in measure.breakdowns
                }
                result[measure.id] = (measure.total.count, found)
    return result


def compare(engine: dict[str, Any], duck: dict[str, Any], where: str) -> list[str]:
    """Every difference between the engine's counts and DuckDB's; suppressed engine cells (None)
    are not compared. An empty list means EQUAL."""
    problems: list[str] = []
    for measure_id, (duck_total, duck_found) in duck.items():
        if measure_id not in engine:
            problems.append(f"{where}: {measure_id} missing from the engine's report")
            continue
        total, found = engine[measure_id]
        if total is not None and total != duck_total:
            problems.append(f"{where}: {measure_id} total engine={total} duckdb={duck_total}")
        for breakdown_id, duck_rows in duck_found.items():
            rows = found.get(breakdown_id, {})
            for value in sorted(set(rows) | set(duck_rows)):
                mine, theirs = rows.get(value, 0), duck_rows.get(value, 0)
                if mine is not None and mine != theirs:
                    problems.append(
                        f"{where}: {measure_id}/{breakdown_id}[{value!r}] engine={mine} duckdb={theirs}"
                    )
    return problems


def service_measures(catalogue_id: str, quarter: Any) -> list[Any]:
    from ally.reports.catalogue import load_catalogue

    catalogue = load_catalogue(catalogue_id, quarter.year)
    return [m for s in catalogue.sections for m in s.measures if m.source == "service_deliveries"]


# --- timing ------------------------------------------------------------------------------------


def _runs(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Seconds: the first (cold) run, then the median and 95th percentile of ``repeat`` more."""
    started = time.perf_counter()
    fn()
    cold = time.perf_counter() - started
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    samples.sort()
    return (
        cold,
        statistics.median(samples),
        samples[min(len(samples) - 1, int(len(samples) * 0.95))],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--services", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quarter", default=QUARTER)
    parser.add_argument("--scale", default="national", choices=["statewide", "national"])
    parser.add_argument(
        "--first-task-force-only",
        action="store_true",
        help="when the scale's first demo task force exists, use it without building the others "
        "(a one-task-force report never reads them); for a slow or busy machine",
    )
    args = parser.parse_args()
    _setup()

    from django.core.management.base import OutputWrapper
    from django.db import connection
    from django.db.models import Count

    from ally import demo
    from ally.core.fiscal import FiscalQuarter
    from ally.investigations.models import Investigation
    from ally.reports.engine import build_report
    from ally.survivors.models import ServiceDelivery
    from ally.tenancy.models import Organization

    quarter = FiscalQuarter.parse(args.quarter)
    from ally.tenancy.models import TaskForce

    started = time.perf_counter()
    first = demo.plan(args.scale, 1)[0].slug
    existing = TaskForce.objects.filter(slug=first).first()
    if args.first_task_force_only and existing is not None:
        task_force, demo_note = (
            existing,
            f"first demo task force only ({TaskForce.objects.count()} task forces present)",
        )
    else:
        result = demo.build(
            args.scale, seed=1, progress=demo.ProgressPrinter(OutputWrapper(sys.stderr))
        )
        task_force, demo_note = result.task_forces[0], f"{len(result.task_forces)} demo task forces"
    demo_seconds = time.perf_counter() - started
    _say(f"topping up {task_force.slug} to {args.clients} clients and {args.services} services…")
    topped = top_up(task_force, clients=args.clients, services=args.services)
    if topped:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    n_clients, n_services = sizes(task_force)
    live_services = ServiceDelivery.objects.filter(
        task_force=task_force, deleted_at__isnull=True, client__deleted_at__isnull=True
    )
    in_quarter = live_services.filter(
        delivered_on__gte=quarter.first_day, delivered_on__lte=quarter.last_day
    )
    largest = (
        in_quarter.values("organization")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization")
        .first()
    )
    organization = Organization.objects.get(pk=largest["organization"]) if largest else None
    investigating = (
        Investigation.objects.filter(task_force=task_force)
        .values("organization")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization")
        .first()
    )
    le_organization = (
        Organization.objects.get(pk=investigating["organization"]) if investigating else None
    )

    # The engine.
    def report(catalogue: str, org: Any = None, threshold: int | None = None) -> Callable[[], Any]:
        return lambda: build_report(
            catalogue, task_force=task_force, quarter=quarter, organization=org, threshold=threshold
        )

    timings: list[tuple[str, tuple[float, float, float] | None, float | None]]
    _say("timing the engine…")
    ovc_tf = _runs(report("ovc"), args.repeat)
    ovc_org = _runs(report("ovc", organization), args.repeat) if organization else None
    le_tf = _runs(report("le"), args.repeat)
    le_org = _runs(report("le", le_organization), args.repeat) if le_organization else None

    # DuckDB: one extract, loaded once; only the aggregates are timed.
    _say("extracting to CSV and loading DuckDB…")
    measures = service_measures("ovc", quarter)
    with tempfile.TemporaryDirectory(prefix="ally-bench-reports-") as directory:
        started = time.perf_counter()
        services_path, regions_path, extracted = extract(task_force, directory)
        extract_seconds = time.perf_counter() - started
        started = time.perf_counter()
        duck = load_duckdb(services_path, regions_path)
        load_seconds = time.perf_counter() - started
    duck_tf = _runs(lambda: duckdb_counts(duck, measures, quarter, None), args.repeat)
    duck_org = (
        _runs(lambda: duckdb_counts(duck, measures, quarter, organization.pk), args.repeat)
        if organization
        else None
    )

    # Equality: the suppressed report's shown cells, and the exact (threshold 1) counts.
    ids = {m.id for m in measures}
    expected_tf = duckdb_counts(duck, measures, quarter, None)
    problems = compare(engine_counts(report("ovc")(), ids), expected_tf, "task force (suppressed)")
    problems += compare(
        engine_counts(report("ovc", None, 1)(), ids), expected_tf, "task force (threshold 1)"
    )
    if organization:
        expected_org = duckdb_counts(duck, measures, quarter, organization.pk)
        problems += compare(
            engine_counts(report("ovc", organization)(), ids), expected_org, "organization"
        )

    timings = [
        (f"ovc {quarter} task force (suppressed)", ovc_tf, duck_tf[1]),
        (f"ovc {quarter} largest organization", ovc_org, duck_org[1] if duck_org else None),
        (f"le {quarter} task force (suppressed)", le_tf, None),
        (f"le {quarter} largest LE organization", le_org, None),
    ]
    if connection.vendor == "sqlite":
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    import duckdb

    print(
        f"\nAlly quarterly-report benchmark — {connection.vendor} ({version}), DuckDB {duckdb.__version__}"
    )
    print(
        f"data: task force {task_force.slug}: {n_clients} clients, {n_services} service deliveries "
        f"({extracted} live, {in_quarter.count()} in {quarter}); largest organization "
        f"#{organization.pk if organization else '-'} ({largest['n'] if largest else 0} services in the quarter)"
    )
    print(
        f"built: {args.scale} demo ({demo_note}) built or checked in {demo_seconds:.1f} s; top-up "
        + (f"inserted in {topped:.1f} s" if topped else "already present (reused)")
        + f"; extract to CSV {extract_seconds:.1f} s, DuckDB read_csv {load_seconds:.1f} s"
    )
    print(
        f"machine: {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(f"\n{'measure':<44} {'cold s':>8} {'median s':>9} {'p95 s':>8} {'DuckDB s':>9}")
    print("-" * 82)
    for name, runs, floor in timings:
        if runs is None:
            print(f"{name:<44} {'(no such organization)':>36}")
            continue
        duck_text = f"{floor:>9.3f}" if floor is not None else f"{'—':>9}"
        print(f"{name:<44} {runs[0]:>8.3f} {runs[1]:>9.3f} {runs[2]:>8.3f} {duck_text}")
    print(
        f"(DuckDB: the {len(measures)} service measures of the ovc catalogue, same rows, in memory)"
    )
    if problems:
        print("\n!!! MISMATCH between the engine and DuckDB:", file=sys.stderr)
        for problem in problems:
            print(f"!!! {problem}", file=sys.stderr)
    else:
        print(
            "DuckDB's counts EQUAL the engine's (task force, suppressed and threshold 1; organization)."
        )
    db = "sqlite" if connection.vendor == "sqlite" else "postgresql"
    print(
        f"RESULT report_quarterly seconds={ovc_tf[1]:.3f} duckdb_seconds={duck_tf[1]:.4f} "
        f"n_services={n_services} db={db}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
