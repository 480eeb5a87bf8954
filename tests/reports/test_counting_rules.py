"""The counting rules of issue 7, each on hand-built records."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ally.core.fiscal import FiscalQuarter
from ally.investigations.models import Arrest, IdentifiedVictim, Subject
from ally.prosecutions.models import Charge, Defendant, ProsecutionCase, Statute
from ally.reports.engine import build_report
from tests import factories


def _measure(report, measure_id):
    return next(m for m in report.measures() if m.id == measure_id)


def _breakdown(measure, breakdown_id):
    return next(b for b in measure.breakdowns if b.id == breakdown_id)


def _rows(measure, breakdown_id):
    return {r.value: r.cell.count for r in _breakdown(measure, breakdown_id).rows}


def _ovc(tf, quarter, org=None, threshold=1):
    return build_report("ovc", task_force=tf, quarter=FiscalQuarter.parse(quarter), organization=org,
                        threshold=threshold)


def _le(tf, quarter, org=None, threshold=1):
    return build_report("le", task_force=tf, quarter=FiscalQuarter.parse(quarter), organization=org,
                        threshold=threshold)


def test_a_client_is_new_once_per_fiscal_year_and_continuing_after(tf, vsp, engine_records):
    client = engine_records.client(vsp)
    engine_records.service(client, dt.date(2025, 8, 1))  # FY2025Q4
    engine_records.service(client, dt.date(2025, 11, 3))  # FY2026Q1
    engine_records.service(client, dt.date(2026, 2, 9))  # FY2026Q2
    engine_records.service(client, dt.date(2026, 10, 2))  # FY2027Q1
    expected = {"FY2025Q4": "new", "FY2026Q1": "new", "FY2026Q2": "continuing", "FY2026Q3": None, "FY2027Q1": "new"}
    for quarter, state in expected.items():
        served = _measure(_ovc(tf, quarter, vsp), "clients_served")
        rows = _rows(served, "new_continuing")
        if state is None:
            assert served.total.count == 0 and rows == {"new": 0, "continuing": 0}, quarter
        else:
            assert served.total.count == 1, quarter
            assert rows[state] == 1 and sum(rows.values()) == 1, quarter


def test_a_client_first_served_in_the_second_quarter_is_new_there(tf, vsp, engine_records):
    late = engine_records.client(vsp)
    engine_records.service(late, dt.date(2026, 3, 1))
    engine_records.service(late, dt.date(2026, 5, 1))
    assert _rows(_measure(_ovc(tf, "FY2026Q2", vsp), "clients_served"), "new_continuing") == {"new": 1, "continuing": 0}
    assert _rows(_measure(_ovc(tf, "FY2026Q3", vsp), "clients_served"), "new_continuing") == {"new": 0, "continuing": 1}


def test_a_client_with_several_services_counts_once(tf, vsp, engine_records):
    one = engine_records.client(vsp, gender="Feminine")
    two = engine_records.client(vsp, gender="Masculine")
    for day in (3, 10, 17):
        engine_records.service(one, dt.date(2025, 10, day))
    engine_records.service(two, dt.date(2025, 12, 1))
    report = _ovc(tf, "FY2026Q1", vsp)
    served = _measure(report, "clients_served")
    assert served.total.count == 2
    assert _rows(served, "gender")["Feminine"] == 1
    assert _measure(report, "services_delivered").total.count == 4


def test_multi_select_breakdowns_may_sum_above_the_total(tf, vsp, police, engine_records):
    client = engine_records.client(vsp)
    engine_records.service(client, dt.date(2025, 10, 3), "medical")
    engine_records.service(client, dt.date(2025, 10, 4), "dental")
    engine_records.service(client, dt.date(2025, 10, 5), "dental")
    report = _ovc(tf, "FY2026Q1", vsp)
    by_service = _measure(report, "clients_by_service")
    assert by_service.total.count == 1
    assert _breakdown(by_service, "service_category").multi
    rows = _rows(by_service, "service_category")
    assert rows["medical"] == 1 and rows["dental"] == 1 and sum(rows.values()) == 2
    delivered = _measure(report, "services_delivered")  # services by category do add up
    assert not _breakdown(delivered, "service_category").multi
    assert sum(_rows(delivered, "service_category").values()) == 3
    # Referral services are a JSON list: a referral asking for two services counts under each.
    engine_records.referral(vsp, police, dt.datetime(2025, 11, 1, 12, tzinfo=dt.UTC), services=["medical", "dental"])
    engine_records.referral(vsp, police, dt.datetime(2025, 11, 2, 12, tzinfo=dt.UTC), services=[])
    made = _measure(_ovc(tf, "FY2026Q1", vsp), "referrals_made")
    rows = _rows(made, "services_requested")
    assert made.total.count == 2
    assert rows["medical"] == 1 and rows["dental"] == 1 and rows[""] == 1 and rows["case_management"] == 0


def test_percentages_leave_unknowns_out_of_the_denominator(tf, vsp, engine_records):
    for gender in ("Feminine", "Feminine", "Masculine", "NonSpecifiedUnknown", ""):
        engine_records.service(engine_records.client(vsp, gender=gender), dt.date(2025, 10, 9))
    served = _measure(_ovc(tf, "FY2026Q1", vsp), "clients_served")
    gender = _breakdown(served, "gender")
    cells = {r.value: r.cell for r in gender.rows}
    assert gender.known_total == 3
    assert cells["Feminine"].percent == 66.7 and cells["Masculine"].percent == 33.3
    assert cells["NonSpecifiedUnknown"].count == 1 and cells["NonSpecifiedUnknown"].percent is None
    assert cells[""].count == 1 and cells[""].percent is None
    assert {r.value for r in gender.rows if r.unknown} == {"NonSpecifiedUnknown", ""}


def test_quarters_turn_at_local_midnight_in_the_task_force_zone(db, engine_records):
    tf = factories.task_force("Mountain Task Force", time_zone="America/Denver")
    engine_records.tf = tf
    sender = factories.organization(tf, "Sender Services")
    recipient = factories.organization(tf, "Recipient Services")
    zone = ZoneInfo("America/Denver")
    engine_records.referral(sender, recipient, dt.datetime(2025, 12, 31, 23, 30, tzinfo=zone))  # 06:30 UTC 1 Jan
    engine_records.referral(sender, recipient, dt.datetime(2026, 1, 1, 0, 30, tzinfo=zone))
    engine_records.referral(sender, recipient, dt.datetime(2026, 1, 1, 0, 30, tzinfo=zone))
    q1 = _measure(_ovc(tf, "FY2026Q1", sender), "referrals_made")
    q2 = _measure(_ovc(tf, "FY2026Q2", sender), "referrals_made")
    assert (q1.total.count, q2.total.count) == (1, 2)
    assert _measure(_ovc(tf, "FY2026Q2", recipient), "referrals_received").total.count == 2


def test_an_organization_report_counts_only_its_own_records_exactly(tf, vsp, engine_records):
    other = factories.organization(tf, "Other Shelter")
    engine_records.service(engine_records.client(vsp), dt.date(2025, 10, 9))
    for _ in range(3):
        engine_records.service(engine_records.client(other), dt.date(2025, 10, 9))
    tf.small_cell_threshold = 5
    tf.save()
    own = _ovc(tf, "FY2026Q1", vsp, threshold=None)
    assert own.threshold == 1 and own.organization == vsp.name
    assert _measure(own, "clients_served").total.count == 1  # exact, never suppressed
    assert _measure(_ovc(tf, "FY2026Q1", other), "clients_served").total.count == 3
    assert _measure(_ovc(tf, "FY2026Q1", threshold=1), "clients_served").total.count == 4


def test_a_task_force_report_suppresses_small_cells(tf, vsp, engine_records):
    tf.small_cell_threshold = 5
    tf.save()
    for i in range(7):
        client = engine_records.client(vsp, trafficking_type="sex" if i < 5 else "labor", minor_at_intake=i == 0)
        engine_records.service(client, dt.date(2026, 1, 5))
    report = build_report("ovc", task_force=tf, quarter=FiscalQuarter(2026, 2))
    assert report.threshold == 5 and report.suppressed
    served = _measure(report, "clients_served")
    assert served.total.count == 7
    cells = {r.value: r.cell for r in _breakdown(served, "trafficking_type").rows}
    assert cells["labor"].count is None and cells["labor"].shown == "1–4"
    assert cells["sex"].count is None  # secondary suppression: 7 − 5 would give the 2 back
    ages = {r.value: r.cell for r in _breakdown(served, "age_group").rows}
    assert ages["minor"].count is None and ages["adult"].count is None
    assert "SENTINEL" not in str(report.as_dict())
    tiny = build_report("ovc", task_force=tf, quarter="FY2026Q2", threshold=10)
    assert _measure(tiny, "clients_served").total.shown == "1–9"


def test_deleted_and_removed_records_never_count(tf, vsp, police, engine_records):
    kept = engine_records.client(vsp)
    engine_records.service(kept, dt.date(2025, 10, 9))
    engine_records.service(kept, dt.date(2025, 10, 10), deleted_at=dt.datetime(2025, 10, 11, tzinfo=dt.UTC))
    gone = engine_records.client(vsp, deleted_at=dt.datetime(2025, 12, 1, tzinfo=dt.UTC))
    engine_records.service(gone, dt.date(2025, 10, 9))
    report = _ovc(tf, "FY2026Q1", vsp)
    assert _measure(report, "clients_served").total.count == 1
    assert _measure(report, "services_delivered").total.count == 1
    engine_records.investigation(police, dt.date(2025, 10, 2))
    engine_records.investigation(police, dt.date(2025, 10, 2), purged_at=dt.datetime(2025, 12, 1, tzinfo=dt.UTC))
    assert _measure(_le(tf, "FY2026Q1", police), "investigations_opened").total.count == 1


def test_law_enforcement_measures(tf, police, engine_records):
    prosecutor = factories.organization(tf, "District Attorney", discipline="prosecution")
    closed = engine_records.investigation(police, dt.date(2025, 7, 1), trafficking_type="sex", closed_on=dt.date(2025, 11, 1))
    active = engine_records.investigation(police, dt.date(2025, 10, 2), trafficking_type="labor")
    engine_records.investigation(police, dt.date(2025, 9, 1), closed_on=dt.date(2025, 12, 31), trafficking_type="both")
    subject = Subject.objects.create(investigation=active, family_name="S")
    removed = Subject.objects.create(investigation=active, family_name="R")
    victim = IdentifiedVictim.objects.create(investigation=active, identified_on=dt.date(2025, 10, 3), is_minor=True,
                                             citizenship="foreign_national", trafficking_type="labor")
    IdentifiedVictim.objects.create(investigation=active, identified_on=dt.date(2025, 10, 3),
                                    removed_at=dt.datetime(2025, 10, 4, tzinfo=dt.UTC))
    Arrest.objects.create(investigation=active, subject=subject, on=dt.date(2025, 10, 5), agency=police, offense="x")
    Arrest.objects.create(investigation=active, subject=subject, on=dt.date(2025, 10, 6), agency=police, offense="y")
    Arrest.objects.create(investigation=active, subject=removed, on=dt.date(2025, 10, 6), agency=police, offense="y",
                          removed_at=dt.datetime(2025, 10, 7, tzinfo=dt.UTC))
    Arrest.objects.create(investigation=active, victim=victim, kind="charge", on=dt.date(2025, 10, 7), agency=police,
                          offense="loitering")
    case = ProsecutionCase.objects.create(task_force=tf, organization=prosecutor, investigation=active, number="C-1",
                                          jurisdiction="state", opened_on=dt.date(2025, 10, 20))
    defendant = Defendant.objects.create(case=case, subject=subject, family_name="S")
    trafficking = Statute.objects.create(task_force=tf, citation="18 USC 1591", title="Sex trafficking",
                                         jurisdiction="federal", category="trafficking")
    state = Statute.objects.create(task_force=tf, citation="940.302", title="Trafficking", jurisdiction="state",
                                   category="other")
    Charge.objects.create(defendant=defendant, statute=trafficking, filed_on=dt.date(2025, 10, 21),
                          disposition="plea", disposition_on=dt.date(2025, 12, 1), sentence_months=60)
    Charge.objects.create(defendant=defendant, statute=state, filed_on=dt.date(2025, 10, 21))
    report = _le(tf, "FY2026Q1", threshold=1)
    assert _measure(report, "investigations_opened").total.count == 1
    active_at_end = _measure(report, "investigations_active")
    assert active_at_end.total.count == 1 and _rows(active_at_end, "trafficking_type")["labor"] == 1
    assert _rows(_measure(report, "investigations_closed"), "trafficking_type") == {
        "sex": 1, "labor": 0, "both": 1, "unknown": 0} and closed.pk
    assert _measure(report, "persons_arrested").total.count == 1
    charged = _measure(report, "persons_charged")
    assert charged.total.count == 1 and _rows(charged, "jurisdiction") == {"state": 1, "federal": 1}
    assert _breakdown(charged, "jurisdiction").multi
    assert _measure(report, "persons_prosecuted").total.count == 1
    assert _measure(report, "persons_convicted").total.count == 1
    assert _measure(report, "persons_sentenced").total.count == 1
    identified = _measure(report, "victims_identified")
    assert identified.total.count == 1
    assert _rows(identified, "victim_age_group")["minor"] == 1 and _rows(identified, "origin")["foreign"] == 1
    arrested = _measure(report, "victims_arrested")
    assert arrested.total.count == 1 and _rows(arrested, "arrest_kind") == {"arrest": 0, "charge": 1}
    # The prosecutor's own report holds the charges; the police department's does not.
    assert _measure(_le(tf, "FY2026Q1", prosecutor), "persons_charged").total.count == 1
    assert _measure(_le(tf, "FY2026Q1", police), "persons_charged").total.count == 0
    assert _measure(_le(tf, "FY2026Q1", police), "persons_arrested").total.count == 1
