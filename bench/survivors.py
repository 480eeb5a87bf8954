"""Survivor-compartment benchmark: who sees which clients, opening a record, the client pages.

    .venv/bin/python -m bench.survivors [--scale national] [--repeat 20]
    ALLY_DATABASE_URL=postgresql://… .venv/bin/python -m bench.survivors

Builds the demo of that scale once, survivor data included (kept in var/bench/survivors/, apart
from the foundation benchmark's database, which may predate the survivor data), then prints a
table of median and 95th-percentile times with the data size and the machine. Reads through a
share write a DisclosureLog row each time, as they do for people. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("ALLY_VAR_DIR", os.path.abspath("var/bench/survivors"))

from bench.foundation import _setup, _time  # noqa: E402


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _statistics(connection: Any) -> str:
    if connection.vendor != "sqlite":
        return "as the server keeps them (autovacuum)"
    with connection.cursor() as cursor:
        cursor.execute("select count(*) from sqlite_master where name = 'sqlite_stat1'")
        return "present" if cursor.fetchone()[0] else "none (never analyzed)"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", default="national", choices=["small", "statewide", "national"])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    _setup()

    from django.core.management.base import OutputWrapper
    from django.db import connection
    from django.test import Client as Browser

    from ally import demo
    from ally.access import access_client, visible_to
    from ally.accounts.models import User
    from ally.audit.models import AuditEvent, DisclosureLog
    from ally.demo.survivors import caseload_summary
    from ally.survivors.models import Client, Consent, ServiceDelivery, Share

    started = time.perf_counter()
    result = demo.build(args.scale, seed=1, progress=demo.ProgressPrinter(OutputWrapper(sys.stderr)))
    built = time.perf_counter() - started
    empty = [tf.slug for tf in result.task_forces if not Client.objects.filter(task_force=tf).exists()]
    if empty:
        raise SystemExit(
            f"{', '.join(empty)} were built before the demo had survivor data; delete "
            f"{os.environ['ALLY_VAR_DIR']}/ally.sqlite3 (or the database) and run this again"
        )

    def person(persona: str) -> User:
        return User.objects.get(email=demo.account(persona, args.scale).email)

    advocate, supervisor = person("advocate"), person("vsp_supervisor")
    detective = person("investigator_local")
    owned = Client.objects.filter(advocates=advocate).order_by("pk").first()
    own_org = set(detective.memberships.values_list("organization_id", flat=True))
    shared = visible_to(detective, Client).exclude(organization_id__in=own_org).order_by("pk").first()
    if owned is None or shared is None:
        raise SystemExit("the demo has no client for the advocate, or none shared with the detective")

    def fresh(user: User) -> User:
        return User.objects.get(pk=user.pk)  # no grants cached from the last run

    def visible(user: User) -> Callable[[], object]:
        return lambda: len(list(visible_to(fresh(user), Client)))

    def opened(user: User, client: Client) -> Callable[[], object]:
        return lambda: access_client(fresh(user), client.pk)

    def page(user: User, url: str) -> Callable[[], object]:
        browser = Browser()
        browser.force_login(user)  # demo mode: two-factor sign-in is optional

        def get() -> object:
            response = browser.get(url)
            if response.status_code != 200:  # never time an error page
                raise SystemExit(f"GET {url} answered {response.status_code}")
            return response

        return get

    sizes: dict[str, Any] = {
        "visible to the advocate": len(visible_to(advocate, Client)),
        "to the supervisor": len(visible_to(supervisor, Client)),
        "to the detective": len(visible_to(detective, Client)),
    }
    rows = [
        ("visible_to(Client): advocate", *_time(visible(advocate), args.repeat)),
        ("visible_to(Client): VSP supervisor", *_time(visible(supervisor), args.repeat)),
        ("visible_to(Client): detective (shares)", *_time(visible(detective), args.repeat)),
        ("access_client: advocate, own client", *_time(opened(advocate, owned), args.repeat)),
        ("access_client: detective, shared (+log)", *_time(opened(detective, shared), args.repeat)),
        ("GET /clients/ (advocate)", *_time(page(advocate, "/clients/"), args.repeat)),
        ("GET /clients/ (VSP supervisor)", *_time(page(supervisor, "/clients/"), args.repeat)),
        ("GET /clients/ (detective)", *_time(page(detective, "/clients/"), args.repeat)),
        ("GET /clients/<id>/ (advocate, own)", *_time(page(advocate, f"/clients/{owned.pk}/"), args.repeat)),
        ("GET /clients/<id>/ (detective, shared)",
         *_time(page(detective, f"/clients/{shared.pk}/"), args.repeat)),
    ]  # fmt: skip
    # The access policy's queries depend on the planner's statistics (SQLite keeps none until
    # ANALYZE runs): time the lists again once they exist.
    statistics = _statistics(connection)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows += [
        ("visible_to(Client): advocate [ANALYZE]", *_time(visible(advocate), args.repeat)),
        ("visible_to(Client): supervisor [ANALYZE]", *_time(visible(supervisor), args.repeat)),
        ("visible_to(Client): detective [ANALYZE]", *_time(visible(detective), args.repeat)),
        ("GET /clients/ (advocate) [ANALYZE]", *_time(page(advocate, "/clients/"), args.repeat)),
        ("GET /clients/ (detective) [ANALYZE]", *_time(page(detective, "/clients/"), args.repeat)),
    ]
    first = caseload_summary(result.task_forces[0])
    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version
    else:
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            version = cursor.fetchone()[0]
    mine = {"task_force__in": result.task_forces}
    print(f"\nAlly survivor-data benchmark — scale {args.scale}, {connection.vendor} {version}")
    print(
        f"data: {len(result.task_forces)} task forces, {Client.objects.filter(**mine).count()} "
        f"clients, {Consent.objects.filter(**mine).count()} consents, "
        f"{Share.objects.filter(**mine).count()} shares, "
        f"{ServiceDelivery.objects.filter(**mine).count()} services, "
        f"{AuditEvent.objects.filter(**mine).count()} audit events, "
        f"{DisclosureLog.objects.filter(**mine).count()} disclosure-log rows "
        f"(demo built or checked in {built:.1f} s)"
    )
    print(
        f"first task force: {first['clients']} clients, {first['consents_in_force']} consents and "
        f"{first['shares_in_force']} shares in force; "
        + ", ".join(f"{n} {what}" for what, n in sizes.items())
    )
    print(f"planner statistics before the [ANALYZE] rows: {statistics}")
    print(
        f"machine: {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(f"\n{'operation':<42} {'median ms':>10} {'p95 ms':>10}")
    print("-" * 64)
    for name, median, p95 in rows:
        print(f"{name:<42} {median:>10.1f} {p95:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
