"""Deconfliction benchmark: one new identifier against N indexed ones, one operation against M.

    .venv/bin/python -m bench.deconfliction [--size 1000000] [--operations 100000] [--samples 30]
    .venv/bin/python -m bench.deconfliction --database-url postgresql://ally:ally@127.0.0.1:5432/postgres

Builds its own database every run — SQLite in a new temporary directory (never var/), or, given
a PostgreSQL URL, a fresh database ``ally_bench_deconfliction`` on that server (dropped and made
again) — with bulk inserts: one task force, ten agencies, investigations, N identifiers and their
pointers (a realistic mix of kinds), and M operations over two years across Wisconsin. Then it
times, per kind and at least 200 samples in all, the matching query and comparison
(``find_matches``) and the whole ``index_identifier`` (insert, match, hits, audit, notifications)
inside a transaction rolled back; and the operation check (``find_conflicts``, and the whole
``check_operation`` rolled back). Half the samples hit an existing target. Nothing asserts a time;
the last lines are ``RESULT target_deconfliction …`` and ``RESULT event_deconfliction …``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DB = "ally_bench_deconfliction"
KIND_MIX = [  # (kind, share of the index)
    ("phone", 0.30), ("person", 0.20), ("email", 0.12), ("vehicle", 0.10), ("account", 0.10),
    ("url", 0.06), ("address", 0.07), ("business", 0.05),
]
GIVEN = ("john jon james mary maria jose juan david michael robert william linda patricia "
         "jennifer elizabeth susan ana luis carlos daniel thomas sarah karen nancy lisa betty "
         "kevin brian jason ryan jacob gary eric stephen larry frank scott raymond samuel").split()
FAMILY = ("smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez "
          "lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson "
          "white harris sanchez clark ramirez lewis robinson walker young allen king wright scott "
          "torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter "
          "roberts olsen schmidt mueller novak kowalski peterson larson hansen").split()
WORDS = ("lakeside golden lotus royal spa nail massage salon star garden moon sun happy lucky "
         "harbor north south east west river valley oak pine maple cedar blue red green").split()
PLATFORMS = ("instagram", "snapchat", "tiktok", "facebook", "x", "whatsapp", "telegram")
HOSTS = ("listcrawler.example", "skipthegames.example", "megapersonals.example", "ads.example")
STATES = ("WI", "WI", "WI", "IL", "MN", "MI", "IA")


def _database(url: str | None) -> str:
    """The URL of a database made for this run."""
    if url and url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
            admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
        return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    if url:
        raise SystemExit("give a postgresql:// URL, or none for a new SQLite database")
    return f"sqlite:///{os.environ['ALLY_VAR_DIR']}/bench.sqlite3"


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _stats(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95, ordered[-1]


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


class Keys:
    """Normalized keys and blocks of each kind, as the normalizer writes them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.zips = [f"53{n:03d}" for n in range(0, 1000, 2)]  # 500 ZIP codes

    def make(self, kind: str, n: int) -> tuple[str, str]:
        r = self.rng
        if kind == "phone":
            return f"+1{r.choice((608, 414, 920, 715, 262))}{r.randrange(2_000_000, 9_999_999)}", ""
        if kind == "email":
            return f"{r.choice(GIVEN)}.{r.choice(FAMILY)}{n}@{r.choice(('gmail.com', 'yahoo.com', 'proton.me'))}", ""
        if kind == "vehicle":
            return f"{r.choice(STATES)}:{r.choice('ABCDEFGHJK')}{r.choice('LMNPRSTUVW')}{r.choice('XYZABC')}{n % 10000:04d}", ""
        if kind == "account":
            return f"{r.choice(PLATFORMS)}:{r.choice(GIVEN)}_{r.choice(WORDS)}{n}", ""
        if kind == "url":
            return f"{r.choice(HOSTS)}/ad/{n}", ""
        if kind == "address":
            return f"{n % 9000 + 100} {r.choice(('n', 's', 'e', 'w'))} {r.choice(WORDS)} {r.choice(('st', 'ave', 'rd'))} {r.choice(self.zips)}", ""
        if kind == "person":
            born = dt.date(1950, 1, 1) + dt.timedelta(days=r.randrange(0, 365 * 55))
            return f"{r.choice(GIVEN)} {r.choice(FAMILY)}", born.isoformat()
        # business
        return f"{r.choice(WORDS)} {r.choice(WORDS)} {r.choice(WORDS)}", r.choice(self.zips)


def build(size: int, operations: int, rng: random.Random) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from ally.accounts.models import User
    from ally.deconfliction.models import Pointer
    from ally.investigations.models import Identifier, Investigation, Operation
    from ally.tenancy import actions
    from ally.tenancy.models import Membership

    tf = actions.create_task_force(name="Bench Task Force", kind="statewide", states=["WI"], acting_user=None)
    orgs, leads = [], []
    for n in range(10):
        org = actions.create_organization(
            tf, name=f"Agency {n}", discipline="law_enforcement", jurisdiction="local", acting_user=None
        )
        user = User.objects.create_user(f"lead{n}@bench.example", "x", full_name=f"Lead {n}", phone="(608) 555-0100")
        actions.add_member(org, user=user, role="member", acting_user=None)
        orgs.append(org)
        leads.append(user)
    today = timezone.localdate()
    investigations_n = max(20, size // 50)
    Investigation.objects.bulk_create(
        [Investigation(
            task_force=tf, organization=orgs[i % 10], number=f"B-{i}", title=f"Case {i}",
            trafficking_type="sex", opened_on=today, lead_investigator=leads[i % 10],
            suspicion_basis="bench", review_by=today + dt.timedelta(days=1826),
        ) for i in range(investigations_n)],
        batch_size=2000,
    )
    investigations = list(Investigation.objects.filter(task_force=tf).values_list("pk", "organization_id"))
    keys = Keys(rng)
    kinds = [k for k, _ in KIND_MIX]
    weights = [w for _, w in KIND_MIX]
    existing: dict[str, list[tuple[str, str, int]]] = {k: [] for k in kinds}
    started = time.perf_counter()
    batch = 5000
    for offset in range(0, size, batch):
        rows = []
        for n in range(offset, min(size, offset + batch)):
            kind = rng.choices(kinds, weights)[0]
            key, block = keys.make(kind, n)
            inv_id, org_id = investigations[rng.randrange(len(investigations))]
            rows.append((kind, key, block, inv_id, org_id))
        with transaction.atomic():
            made = Identifier.objects.bulk_create([
                Identifier(task_force=tf, organization_id=org_id, investigation_id=inv_id, kind=kind,
                           value=key, details={}, key=key)
                for kind, key, block, inv_id, org_id in rows
            ])
            Pointer.objects.bulk_create([
                Pointer(task_force=tf, organization_id=org_id, investigation_id=inv_id,
                        identifier_id=identifier.pk, kind=kind, key=key, block=block)
                for identifier, (kind, key, block, inv_id, org_id) in zip(made, rows, strict=True)
            ])
        for kind, key, block, _inv, org_id in rows[:20]:
            existing[kind].append((key, block, org_id))
        if offset and offset % 100_000 == 0:
            print(f"  {offset:,} identifiers ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    # Operations: two years around today, across Wisconsin, 1–12 hours, 100 m – 2 km.
    now = timezone.now()
    for offset in range(0, operations, batch):
        ops = []
        for n in range(offset, min(operations, offset + batch)):
            starts = now + dt.timedelta(minutes=rng.randrange(-365 * 24 * 60, 365 * 24 * 60))
            ops.append(Operation(
                task_force=tf, organization=orgs[n % 10], kind="surveillance", name=f"Op {n}",
                starts_at=starts, ends_at=starts + dt.timedelta(hours=rng.randint(1, 12)),
                latitude=rng.uniform(42.5, 47.0), longitude=rng.uniform(-92.9, -86.8),
                radius_m=rng.randint(100, 2000), contact=leads[n % 10],
                status=rng.choices(("planned", "cancelled", "done"), (0.8, 0.1, 0.1))[0],
            ))
        Operation.objects.bulk_create(ops)
    built = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    assert Membership.objects.filter(task_force=tf).count() == 10
    return {"tf": tf, "orgs": orgs, "leads": leads, "existing": existing, "built_s": built,
            "investigations": investigations_n, "kinds": kinds, "keys": keys}


class Rollback(Exception):
    pass


def bench_targets(world: dict[str, Any], samples_per_kind: int, rng: random.Random) -> tuple[list[tuple[str, float, float, float, int]], list[float]]:
    from django.db import transaction
    from django.utils import timezone

    from ally.deconfliction.normalize import Normalized
    from ally.deconfliction.targets import find_matches, index_identifier
    from ally.investigations.models import Identifier, Investigation

    tf, orgs, leads = world["tf"], world["orgs"], world["leads"]
    today = timezone.localdate()
    # A fresh investigation of agency 0 saves each new identifier.
    new_case = Investigation.objects.create(
        task_force=tf, organization=orgs[0], number="B-NEW", title="New case", trafficking_type="sex",
        opened_on=today, lead_investigator=leads[0], suspicion_basis="bench",
        review_by=today + dt.timedelta(days=1826),
    )
    rows: list[tuple[str, float, float, float, int]] = []
    all_full: list[float] = []
    matching_all: list[float] = []
    for kind in world["kinds"]:
        known = [k for k in world["existing"][kind] if k[2] != orgs[0].pk]
        probes = []
        for i in range(samples_per_kind):
            if i % 2 == 0 and known:
                key, block, _org = rng.choice(known)
            else:
                key, block = world["keys"].make(kind, 10_000_000 + i)
            probes.append((key, block))
        find = [
            lambda key=key, block=block, kind=kind: find_matches(
                task_force_id=tf.pk, organization_id=orgs[0].pk, investigation=new_case,
                kind=kind, key=key, block=block,
            )
            for key, block in probes
        ]
        find[0]()  # warm up
        matching = [_timed(f) for f in find]
        hits = sum(1 for f in find if f())
        full = []
        for key, block in probes:
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    identifier = Identifier.objects.create(
                        task_force=tf, organization=orgs[0], investigation=new_case, kind=kind,
                        value=key, details={}, key=key, added_by=leads[0],
                    )
                    index_identifier(identifier, Normalized(key, block, key, {}), acting_user=leads[0])
                    full.append((time.perf_counter() - started) * 1000)
                    raise Rollback
            except Rollback:
                pass
        matching_all += matching
        all_full += full
        rows.append((f"find_matches: {kind}", *_stats(matching), hits))
        rows.append((f"index_identifier (rolled back): {kind}", *_stats(full), hits))
    rows.append(("find_matches: all kinds", *_stats(matching_all), 0))
    rows.append(("index_identifier: all kinds", *_stats(all_full), 0))
    return rows, matching_all


def bench_events(world: dict[str, Any], samples: int, rng: random.Random) -> tuple[list[tuple[str, float, float, float, int]], list[float]]:
    from django.db import transaction
    from django.utils import timezone

    from ally.deconfliction.events import check_operation, find_conflicts
    from ally.investigations.models import Operation

    tf, orgs, leads = world["tf"], world["orgs"], world["leads"]
    now = timezone.now()
    probes = []
    for n in range(samples):
        starts = now + dt.timedelta(minutes=rng.randrange(-300 * 24 * 60, 300 * 24 * 60))
        probes.append(Operation(
            task_force=tf, organization=orgs[0], kind="search_warrant", name=f"Probe {n}",
            starts_at=starts, ends_at=starts + dt.timedelta(hours=rng.randint(2, 10)),
            latitude=rng.uniform(42.6, 46.9), longitude=rng.uniform(-92.8, -86.9),
            radius_m=rng.randint(200, 3000), contact=leads[0], created_by=leads[0],
        ))
    find_conflicts(probes[0])
    finding = [_timed(lambda op=op: find_conflicts(op)) for op in probes]
    conflicting = sum(1 for op in probes if find_conflicts(op))
    full = []
    for op in probes:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                op.pk = None
                op.save()
                check_operation(op, acting_user=leads[0])
                full.append((time.perf_counter() - started) * 1000)
                raise Rollback
        except Rollback:
            pass
    return [
        ("find_conflicts (query + distance)", *_stats(finding), conflicting),
        ("check_operation (saved, rolled back)", *_stats(full), conflicting),
    ], finding


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="indexed identifiers")
    parser.add_argument("--operations", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=30, help="per kind of identifier (8 kinds)")
    parser.add_argument("--operation-samples", type=int, default=300)
    parser.add_argument("--database-url", default=os.environ.get("ALLY_BENCH_DATABASE_URL"),
                        help="a PostgreSQL server to make the bench database on (default: SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite directory")
    args = parser.parse_args()
    if args.samples * 8 < 200:
        parser.error("at least 200 identifier samples: --samples 25 or more")
    var_dir = tempfile.mkdtemp(prefix="ally-bench-deconfliction-")
    os.environ["ALLY_VAR_DIR"] = var_dir
    os.environ["ALLY_DATABASE_URL"] = _database(args.database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    try:
        return _run(args)
    finally:
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)


def _run(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import NoReverseMatch, clear_url_caches, include, path, reverse

    call_command("migrate", verbosity=0)
    try:
        reverse("hit_detail", args=[1])
    except NoReverseMatch:  # the site does not include the pages yet: notifications link to them
        import ally.urls

        ally.urls.urlpatterns.append(path("", include("ally.deconfliction.urls")))
        clear_url_caches()
    rng = random.Random(1)
    print(f"building {args.size:,} identifiers and {args.operations:,} operations…", file=sys.stderr)
    world = build(args.size, args.operations, rng)
    target_rows, matching = bench_targets(world, args.samples, rng)
    event_rows, finding = bench_events(world, args.operation_samples, rng)
    db = connection.vendor
    if db == "sqlite":
        version = connection.Database.sqlite_version
    else:
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            version = cursor.fetchone()[0]
    print(f"\nAlly deconfliction benchmark — {db} {version}")
    print(
        f"data: {args.size:,} indexed identifiers ({', '.join(f'{k} {w:.0%}' for k, w in KIND_MIX)}) in "
        f"{world['investigations']:,} investigations of 10 agencies, one task force; "
        f"{args.operations:,} operations over two years (built in {world['built_s']:.0f} s, then ANALYZE)"
    )
    print(f"machine: {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    print("samples: half of each kind's probes hit an existing target; 'hits' = probes that matched")
    print(f"\n{'operation':<46} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'hits':>6}")
    print("-" * 80)
    for name, p50, p95, most, hits in target_rows + event_rows:
        print(f"{name:<46} {p50:>8.2f} {p95:>8.2f} {most:>8.2f} {hits or '':>6}")
    print(f"\nRESULT target_deconfliction p95_ms={_stats(matching)[1]:.2f} n={args.size} db={db}")
    print(f"RESULT event_deconfliction p95_ms={_stats(finding)[1]:.2f} n={args.operations} db={db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
