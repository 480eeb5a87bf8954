"""Foundation benchmark: the access policy, the directory and the audit log at national scale.

    .venv/bin/python -m bench.foundation [--scale national] [--repeat 20]
    ALLY_DATABASE_URL=postgresql://… .venv/bin/python -m bench.foundation

Builds the demo of that scale once (kept under var/bench/), then prints a table of median and
95th-percentile times with the data size and the machine. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national", choices=["small", "statewide", "national"])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    _setup()

    from django.core.management.base import OutputWrapper
    from django.db import connection
    from django.test import Client

    from ally import demo
    from ally.access import grants_for, visible_to
    from ally.accounts.models import User
    from ally.audit.chain import verify
    from ally.audit.models import AuditEvent
    from ally.tenancy.models import Membership, Organization, TaskForce

    started = time.perf_counter()
    demo.build(args.scale, seed=1, progress=demo.ProgressPrinter(OutputWrapper(sys.stderr)))
    built = time.perf_counter() - started

    coordinator = demo.account("coordinator", args.scale)
    user = User.objects.get(email=coordinator.email)
    client = Client()
    client.force_login(user)  # demo mode: two-factor sign-in is optional

    def fresh_grants() -> object:
        return grants_for(User.objects.get(pk=user.pk))

    def page(url: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(url)
            if response.status_code != 200:  # never time an error page
                raise SystemExit(f"GET {url} answered {response.status_code}")
            return response

        return get

    directory_page = page("/directory/")
    organization_list = page("/organizations/")

    def visible_members() -> object:
        return len(visible_to(User.objects.get(pk=user.pk), Membership))

    rows = [
        ("grants for one person (fresh user)", *_time(fresh_grants, args.repeat)),
        ("visible_to(Membership), evaluated", *_time(visible_members, args.repeat)),
        ("GET /directory/ (coordinator)", *_time(directory_page, args.repeat)),
        ("GET /organizations/ (coordinator)", *_time(organization_list, args.repeat)),
        ("ally audit verify (all chains)", *_time(verify, max(3, args.repeat // 5))),
    ]
    print(f"\nAlly foundation benchmark — scale {args.scale}, {connection.vendor}")
    print(
        f"data: {TaskForce.objects.count()} task forces, {Organization.objects.count()} organizations, "
        f"{User.objects.count()} accounts, {Membership.objects.count()} memberships, "
        f"{AuditEvent.objects.count()} audit events (demo built or checked in {built:.1f} s)"
    )
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    print(f"\n{'operation':<42} {'median ms':>10} {'p95 ms':>10}")
    print("-" * 64)
    for name, median, p95 in rows:
        print(f"{name:<42} {median:>10.1f} {p95:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
