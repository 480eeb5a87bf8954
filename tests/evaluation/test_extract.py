"""The evaluation extract from the records: who is in it, what each row says, what it never says."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
import time_machine

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.evaluation import extract
from ally.investigations.models import IdentifiedVictim, Investigation
from ally.prosecutions.models import CaseVictim, ProsecutionCase
from ally.referrals.models import Referral
from tests import factories
from tests.evaluation.helpers import TODAY, consent, consenting, make_client, service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 15, 17, tzinfo=dt.UTC), tick=False):
        yield


def unzip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def rows_of(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(unzip(content)["extract.csv"])))


def export(tf, k=2, first=None, last=None, user=None):
    return extract.export(tf, extract.options(k, first, last), acting_user=user)


def test_only_clients_with_a_current_evaluation_consent_are_included(tf, vsp):
    included = consenting(vsp, 2)
    other_purpose = make_client(vsp, 10)
    consent(other_purpose, purposes=["referral_for_services", "case_review"])
    revoked = make_client(vsp, 11)
    consent(revoked, revoked_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    expired = make_client(vsp, 12)
    consent(expired, signed_on=dt.date(2025, 1, 1), expires_on=TODAY - dt.timedelta(days=1))
    not_yet = make_client(vsp, 13)
    consent(not_yet, signed_on=TODAY + dt.timedelta(days=1))
    deleted = make_client(vsp, 14, deleted_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    consent(deleted)
    make_client(vsp, 15)  # no consent at all
    other_tf = factories.task_force()
    consenting(factories.organization(other_tf), 3, start=20)

    assert extract.consenting_client_ids(tf, TODAY) == {c.pk for c in included} | {deleted.pk}
    made, content = export(tf)
    assert made.included == 2
    assert len(rows_of(content)) == 2


def test_a_row_holds_bands_quarters_weeks_codes_and_counts(tf, vsp):
    north = factories.region(tf, "North Woods", zip_codes=["54401"])
    police = factories.organization(tf, "Police", discipline="law_enforcement")
    clients = consenting(vsp, 2, zip_code="54401", intake_date=dt.date(2025, 11, 20))
    one = clients[0]
    service(one, "emergency_shelter", dt.date(2025, 12, 5))  # 15 days after intake: 2 weeks
    service(one, "transitional_housing", dt.date(2026, 1, 9))
    service(one, "medical", dt.date(2026, 1, 9))
    service(one, "medical", dt.date(2026, 1, 10), deleted_at=dt.datetime(2026, 1, 11, tzinfo=dt.UTC))
    Referral.objects.create(
        task_force=tf, from_organization=vsp, to_organization=police, client=one, urgency="routine",
        ack_due_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), accepted_at=dt.datetime(2026, 1, 3, tzinfo=dt.UTC),
        status="accepted",
    )
    Referral.objects.create(
        task_force=tf, from_organization=vsp, to_organization=police, client=one, urgency="routine",
        ack_due_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
    )
    investigation = Investigation.objects.create(
        task_force=tf, organization=police, number="SECRET-CASE-NO-1", title="SECRET-CASE-TITLE",
        trafficking_type="labor", opened_on=dt.date(2025, 12, 1), suspicion_basis="x",
        review_by=dt.date(2030, 1, 1),
    )
    victim = IdentifiedVictim.objects.create(
        investigation=investigation, given_name="VICTIM-GIVEN", identified_on=dt.date(2025, 12, 2), client=one
    )
    prosecutor = factories.organization(tf, "DA", discipline="prosecution")
    case = ProsecutionCase.objects.create(
        task_force=tf, organization=prosecutor, investigation=investigation, number="DOCKET-SECRET-9",
        jurisdiction="state", opened_on=dt.date(2026, 1, 5),
    )
    CaseVictim.objects.create(case=case, victim=victim)

    # Every column is a quasi-identifier, so two different rows are coarsened in the file: the
    # derived rows (before k-anonymity) show what each column says.
    facts, places = extract.gather(tf, extract.options(2), TODAY)
    rows = [extract.derive_row(f, places, f"{n:016x}") for n, f in enumerate(facts)]
    by_link = {r["linked_to_investigation"]: r for r in rows}
    row, other = by_link["yes"], by_link["no"]
    assert row["age_band"] == "35_49"  # born 14 July 1990: 35 on 20 November 2025
    assert row["gender"] == "Feminine" and row["citizenship"] == "foreign_national"
    assert row["region"] == north.name
    assert row["intake_period"] == "FY2026Q1"
    assert row["first_service_period"] == "FY2026Q1"
    assert row["status_determined_period"] == "FY2026Q1"
    assert row["weeks_intake_to_first_service"] == "1-4"  # 2 weeks, banded
    assert row["exploitation_group"] == "labour"
    assert row["industry"] == "agriculture_forestry_fishing"
    assert row["organization_discipline"] == "victim_services"
    assert row["services_housing"] == "1-2" and row["services_health"] == "1-2"
    assert row["referrals_made"] == "2" and row["referrals_accepted"] == "1"
    assert row["named_in_prosecution"] == "yes"
    assert other["named_in_prosecution"] == "no" and other["weeks_intake_to_first_service"] == "unknown"
    assert other["services_housing"] == "0" and other["referrals_made"] == "0"
    assert list(rows[0]) == extract.columns()
    _made, content = export(tf, k=2)
    released = rows_of(content)
    assert len(released) == 2 and list(released[0]) == extract.columns()
    assert all(len(r["row_id"]) == 16 and r["row_id"] not in {str(c.pk) for c in clients} for r in released)
    # The two records differ, so the columns telling them apart are coarsened or suppressed.
    assert len({tuple(v for c, v in r.items() if c != "row_id") for r in released}) == 1


def test_no_identifier_date_or_free_text_reaches_the_zip(tf, vsp):
    clients = consenting(vsp, 6)
    for c in clients:
        service(c, "case_management", dt.date(2025, 12, 1), outcome=f"OUTCOME-TEXT-{c.pk}")
    _made, content = export(tf, k=2)
    files = unzip(content)
    assert set(files) == {"extract.csv", "dictionary.csv", "README.txt"}
    everything = "\n".join(files.values())
    for c in clients:
        for secret in (c.legal_name, c.preferred_name, c.phone, c.email, c.street, c.city, c.zip_code,
                       c.recruitment, c.safe_contact_instructions, f"OUTCOME-TEXT-{c.pk}"):
            assert secret not in everything
    for day in ("1990-07-14", "2025-11-20", "2025-12-03", "2025-12-01", "07/14/1990"):
        assert day not in files["extract.csv"]
    assert vsp.name not in everything
    assert "Rosalind" not in everything


def test_k_is_enforced_on_the_released_file(tf, vsp):
    consenting(vsp, 6)  # alike
    consenting(vsp, 1, start=50, gender="Masculine", trafficking_type="sex", date_of_birth=dt.date(2010, 1, 1))
    made, content = export(tf, k=5)
    rows = rows_of(content)
    combos: dict[tuple[str, ...], int] = {}
    for r in rows:
        key = tuple(v for c, v in r.items() if c != "row_id")
        combos[key] = combos.get(key, 0) + 1
    assert all(n >= 5 for n in combos.values())
    assert made.outcome.dropped_rows == 1 and len(rows) == 6
    readme = unzip(content)["README.txt"]
    assert "k = 5" in readme and "Rows dropped (could not be released safely): fewer than 5" in readme
    assert "safely): 1" not in readme  # a count below k is never printed exactly
    assert "Client records included: 7" in readme and "Rows released: 6" in readme
    assert "k counts records, not people" in readme
    assert "Do not join this extract with another (overlapping) extract" in readme
    assert "evaluation" in readme and TODAY.isoformat() in readme
    event = AuditEvent.objects.get(event_type="evaluation.extract_exported")
    assert event.changes["dropped"] == 1  # the audit event keeps the exact count


def test_fiscal_year_range_selects_by_intake(tf, vsp):
    consenting(vsp, 2, intake_date=dt.date(2024, 9, 30))  # FY2024
    consenting(vsp, 3, start=10, intake_date=dt.date(2024, 10, 1))  # FY2025
    consenting(vsp, 4, start=20, intake_date=dt.date(2025, 10, 1))  # FY2026
    assert export(tf, first="FY2025", last="FY2025")[0].included == 3
    assert export(tf, first="fy2025")[0].included == 7
    assert export(tf, last="FY2024")[0].included == 2


def test_export_is_audited_with_counts_only(tf, vsp, coordinator):
    consenting(vsp, 3)
    consenting(vsp, 1, start=9, gender="Masculine")
    export(tf, k=3, first="FY2026", user=coordinator)
    event = AuditEvent.objects.get(event_type="evaluation.extract_exported")
    assert event.actor_id == coordinator.pk and event.task_force_id == tf.pk
    assert event.changes["k"] == 3 and event.changes["from"] == "FY2026"
    assert event.changes["rows"] + event.changes["dropped"] == 4
    assert "suppressed" in event.changes
    assert "NAME-" not in str(event.changes)


@pytest.mark.parametrize(
    ("k", "first", "last", "message"),
    [
        (1, None, None, "k must be between 2"),
        ("five", None, None, "whole number"),
        (5, "2025", None, "not a fiscal year"),
        (5, "FY25", None, "not a fiscal year"),
        (5, "FY2026", "FY2025", "must not come after"),
    ],
)
def test_bad_options_are_refused_before_anything_is_recorded(tf, vsp, k, first, last, message):
    consenting(vsp, 3)
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match=message):
        extract.options(k, first, last)
    assert AuditEvent.objects.count() == before


def test_only_the_coordinator_of_this_task_force_may_export(tf, vsp, coordinator, vsp_admin, outsider):
    consenting(vsp, 2)
    opts = extract.options(2)
    with pytest.raises(NotPermitted):
        extract.export(tf, opts, acting_user=vsp_admin)
    with pytest.raises(NotVisible):
        extract.export(tf, opts, acting_user=outsider)
    other_tf = factories.task_force()
    with pytest.raises(NotVisible):
        extract.export(other_tf, opts, acting_user=coordinator)
    assert not AuditEvent.objects.filter(event_type="evaluation.extract_exported").exists()


def test_the_dictionary_lists_every_column(tf, vsp):
    consenting(vsp, 2)
    _made, content = export(tf)
    dictionary = list(csv.DictReader(io.StringIO(unzip(content)["dictionary.csv"])))
    assert [d["column"] for d in dictionary] == extract.columns()
    by_column = {d["column"]: d for d in dictionary}
    assert by_column["age_band"]["quasi_identifier"] == "yes"
    assert "Masculine" in by_column["gender"]["allowed_values"]
    assert "never released" in by_column["organization_discipline"]["derivation"]
    assert by_column["row_id"]["quasi_identifier"] == "no"
    assert {d["column"] for d in dictionary if d["quasi_identifier"] == "yes"} == set(extract.columns()) - {"row_id"}
    assert "0, 1, 2, 3+" in by_column["referrals_made"]["allowed_values"]
    assert "sexual, labour, both, other, unknown" in by_column["exploitation_group"]["allowed_values"]
    assert not any(d["column"].startswith("exploitation_") and d["column"] != "exploitation_group" for d in dictionary)
    assert "suppressed" in by_column["services_housing"]["allowed_values"]


def test_queries_do_not_grow_with_the_number_of_clients(tf, vsp, django_assert_num_queries):
    def count_queries(n: int, start: int) -> int:
        for c in consenting(vsp, n, start=start):
            service(c, "medical", dt.date(2025, 12, 1))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            extract.build(tf, extract.options(2))
        return len(captured)

    assert count_queries(2, 0) == count_queries(6, 100)


def test_small_counts_are_never_shown_exactly_in_the_readme(tf, vsp, coordinator):
    consenting(vsp, 1, intake_date=dt.date(2019, 1, 10))  # one consenting record in FY2019
    made, content = export(tf, k=5, first="FY2019", last="FY2019", user=coordinator)
    readme = unzip(content)["README.txt"]
    assert "Client records included: fewer than 5" in readme
    assert "included: 1" not in readme
    assert made.shown_counts()["included"] == "fewer than 5" and made.shown_counts()["rows"] == "0"
    empty, _content = export(tf, k=5, first="FY2018", last="FY2018")
    assert empty.shown_counts()["included"] == "0"  # none is not a small count
