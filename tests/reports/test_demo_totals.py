"""Done when: for the demo task force, every report total equals a count written here, for at
least two quarters, for the whole task force (threshold 1) and for one organization.

The counts below load the demo's rows with plain ORM queries and count in Python (dates and
local midnights included), without calling anything of ``ally.reports``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from ally import demo
from ally.core.fiscal import FiscalQuarter
from ally.investigations.models import Arrest, IdentifiedVictim, Investigation
from ally.outreach.models import OutreachEvent
from ally.prosecutions.models import Charge, Defendant
from ally.referrals.models import Referral
from ally.reports.engine import build_report
from ally.survivors.models import ServiceDelivery
from ally.tenancy.models import Organization
from ally.trainings.models import TrainingAttendance, TrainingSession


@pytest.fixture(autouse=True)
def _demo_mode(settings):
    settings.DEMO = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _quarter_of(day: dt.date) -> tuple[int, int]:
    year = day.year + 1 if day.month >= 10 else day.year
    return year, (day.month - 10) % 12 // 3 + 1


class Independent:
    """Every measure total, counted from rows loaded once."""

    def __init__(self, tf):
        self.tf = tf
        self.zone = ZoneInfo(tf.time_zone)
        self.services = list(
            ServiceDelivery.objects.filter(task_force=tf, deleted_at=None, client__deleted_at=None)
            .values_list("client_id", "organization_id", "delivered_on")
        )
        self.referrals = list(
            Referral.objects.filter(task_force=tf).values_list(
                "from_organization_id", "to_organization_id", "sent_at", "from_organization__discipline"
            )
        )
        self.investigations = list(
            Investigation.objects.filter(task_force=tf, purged_at=None).values_list("organization_id", "opened_on", "closed_on")
        )
        self.arrests = list(
            Arrest.objects.filter(investigation__task_force=tf, removed_at=None, investigation__purged_at=None)
            .values_list("investigation__organization_id", "on", "kind", "subject_id", "victim_id")
        )
        self.charges = list(
            Charge.objects.filter(defendant__case__task_force=tf, defendant__removed_at=None).values_list(
                "defendant__case__organization_id", "defendant_id", "filed_on", "disposition", "disposition_on",
                "sentence_months",
            )
        )
        self.defendants = list(
            Defendant.objects.filter(case__task_force=tf, removed_at=None).values_list("case__organization_id", "case__opened_on")
        )
        self.victims = list(
            IdentifiedVictim.objects.filter(investigation__task_force=tf, removed_at=None, investigation__purged_at=None)
            .values_list("investigation__organization_id", "identified_on")
        )
        self.sessions = list(
            TrainingSession.objects.filter(task_force=tf, cancelled_at=None)
            .values_list("pk", "trainer_organization_id", "held_on", "external_attendees")
        )
        self.attendance = list(
            TrainingAttendance.objects.filter(task_force=tf).values_list("session_id", "person_id", "organization_id")
        )
        self.events = [
            (set(e.partners.values_list("pk", flat=True)), e.occurred_on)
            for e in OutreachEvent.objects.filter(task_force=tf, status="held")
        ]

    def totals(self, year: int, quarter: int, org: int | None) -> dict[str, int]:
        q = (year, quarter)

        def mine(owner):
            return org is None or owner == org

        def inq(day):
            return day is not None and _quarter_of(day) == q

        local = lambda instant: instant.astimezone(self.zone).date()  # noqa: E731
        served = {c for c, o, d in self.services if mine(o) and inq(d)}
        last_day = FiscalQuarter(year, quarter).last_day
        held = {pk: (o, ext) for pk, o, d, ext in self.sessions if inq(d)}
        trained_people = {p for s, p, o in self.attendance if s in held and (org is None or o == org)}
        trained = len(trained_people) + (sum(ext for _o, ext in held.values()) if org is None else 0)
        return {
            "clients_served": len(served),
            "services_delivered": sum(1 for c, o, d in self.services if mine(o) and inq(d)),
            "clients_by_service": len(served),
            "referrals_made": sum(1 for f, t, s, _d in self.referrals if mine(f) and inq(local(s))),
            "referrals_received": sum(1 for f, t, s, _d in self.referrals if mine(t) and inq(local(s))),
            "professionals_trained": trained,
            "investigations_opened": sum(1 for o, op, cl in self.investigations if mine(o) and inq(op)),
            "investigations_active": sum(
                1 for o, op, cl in self.investigations if mine(o) and op <= last_day and (cl is None or cl > last_day)
            ),
            "investigations_closed": sum(1 for o, op, cl in self.investigations if mine(o) and inq(cl)),
            "persons_arrested": len({s for o, on, k, s, v in self.arrests if mine(o) and inq(on) and k == "arrest" and s}),
            "persons_charged": len({d for o, d, f, *_ in self.charges if mine(o) and inq(f)}),
            "persons_prosecuted": sum(1 for o, opened in self.defendants if mine(o) and inq(opened)),
            "persons_convicted": len(
                {d for o, d, f, disp, on, s in self.charges if mine(o) and inq(on) and disp in ("plea", "convicted")}
            ),
            "persons_sentenced": len({d for o, d, f, disp, on, s in self.charges if mine(o) and inq(on) and s is not None}),
            "victims_identified": sum(1 for o, on in self.victims if mine(o) and inq(on)),
            "victims_arrested": len({v for o, on, k, s, v in self.arrests if mine(o) and inq(on) and v}),
            "referrals_to_services": sum(
                1 for f, t, s, disc in self.referrals if mine(f) and inq(local(s)) and disc == "law_enforcement"
            ),
            "trainings_delivered": sum(1 for o, _ext in held.values() if mine(o)),
            "outreach_events": sum(1 for partners, on in self.events if inq(on) and (org is None or org in partners)),
        }

    def new_clients(self, year: int, quarter: int) -> int:
        first = FiscalQuarter(year, quarter).first_day
        start = FiscalQuarter(year, 1).first_day
        served = {c for c, o, d in self.services if _quarter_of(d) == (year, quarter)}
        earlier = {c for c, o, d in self.services if start <= d < first}
        return len(served - earlier)


@pytest.mark.django_db
def test_report_totals_equal_independent_counts_on_the_demo():
    (tf,) = demo.build("small", 1).task_forces
    independent = Independent(tf)
    busiest = Counter(_quarter_of(d) for _c, _o, d in independent.services)
    quarters = sorted(q for q, _n in busiest.most_common(2))
    le_busiest = Counter(_quarter_of(op) for _o, op, _c in independent.investigations).most_common(1)
    quarters += [q for q, _n in le_busiest if q not in quarters]
    assert len(quarters) >= 2
    vsp = Counter(o for _c, o, _d in independent.services).most_common(1)[0][0]
    police = Counter(o for o, *_ in independent.investigations).most_common(1)[0][0]
    checked = Counter()
    for year, number in quarters:
        quarter = FiscalQuarter(year, number)
        for catalogue_id, org_id in (("ovc", vsp), ("le", police)):
            org = Organization.objects.get(pk=org_id)
            for scope in (None, org):
                report = build_report(catalogue_id, task_force=tf, quarter=quarter, organization=scope, threshold=1)
                expected = independent.totals(year, number, scope.pk if scope else None)
                got = {m.id: m.total.count for m in report.measures()}
                assert got == {k: expected[k] for k in got}, (str(quarter), catalogue_id, scope)
                checked.update(k for k, v in got.items() if v)
                if catalogue_id == "ovc" and scope is None:
                    served = next(m for m in report.measures() if m.id == "clients_served")
                    rows = {r.value: r.cell.count for r in served.breakdowns[0].rows}
                    assert rows["new"] == independent.new_clients(year, number)
                    assert rows["new"] + rows["continuing"] == served.total.count
    # The comparison is not vacuous: the demo gives these measures something to count.
    assert {"clients_served", "services_delivered", "referrals_made", "investigations_active"} <= set(checked)
