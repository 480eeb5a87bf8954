"""k-anonymity of the evaluation extract, on made-up rows (no database).

The property test is a seeded random loop (hypothesis is not installed): for many random inputs,
every released combination of ALL the columns but row_id covers at least k rows, a suppressed
intake period is never revealed by the other periods, and no released row carries a direct
identifier of its input.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from ally.evaluation import anonymity, extract
from ally.evaluation.anonymity import SUPPRESSED, Step

QUASI = ("age_band", "gender", "region")
GENERALIZERS = {
    "adult_minor": anonymity.adult_minor_from(extract.config()["age_bands"]),
    "all": anonymity.everything,
    "fiscal_year": anonymity.fiscal_year,
}
STEPS = [Step("age_band", "adult_minor"), Step("region", "all")]


def rows_of(*combos: tuple[str, str, str], times: int = 1) -> list[dict[str, str]]:
    return [
        {"row_id": f"{a}-{g}-{r}-{j}", "age_band": a, "gender": g, "region": r}
        for i, (a, g, r) in enumerate(combos)
        for j in range(times)
    ]


def run(rows, k=3, steps=STEPS, share=0.0):
    return anonymity.anonymize(
        rows, k=k, quasi_identifiers=QUASI, steps=steps, generalizers=GENERALIZERS,
        suppression_order=["region", "gender", "age_band"], max_unsafe_share=share,
    )


def classes(rows, quasi=QUASI):
    return Counter(tuple(r[c] for c in quasi) for r in rows)


def test_safe_rows_are_released_unchanged():
    rows = rows_of(("18_24", "Feminine", "North"), ("25_34", "Masculine", "South"), times=3)
    outcome = run(rows)
    assert outcome.generalized == []
    assert outcome.suppressed_rows == outcome.dropped_rows == 0
    assert sorted(r["row_id"] for r in outcome.rows) == sorted(r["row_id"] for r in rows)
    assert rows[0]["age_band"] == "18_24"  # input untouched


def test_generalization_comes_first_and_is_reported():
    # Two rows per band: unsafe at k=3, safe once bands become adult/minor.
    rows = rows_of(("18_24", "Feminine", "North"), ("25_34", "Feminine", "North"), times=2)
    outcome = run(rows)
    assert outcome.generalized == ["age_band → adult_minor"]
    assert outcome.generalized_rows == 4
    assert {r["age_band"] for r in outcome.rows} == {"adult"}
    assert {r["region"] for r in outcome.rows} == {"North"}  # the next step was not needed
    assert outcome.dropped_rows == 0


def test_rare_rows_are_suppressed_then_dropped():
    rows = rows_of(("18_24", "Feminine", "North"), times=5) + rows_of(
        ("18_24", "Feminine", "South"), ("18_24", "Feminine", "East"), ("18_24", "Feminine", "West")
    )
    outcome = run(rows, steps=[])
    released = {r["row_id"] for r in outcome.rows}
    assert len(released) == 8
    suppressed = [r for r in outcome.rows if r["region"] == SUPPRESSED]
    assert len(suppressed) == 3 and outcome.suppressed_rows == 3 and outcome.suppressed_values == 3
    # A lone row left even after every value is suppressed is dropped.
    lone = run(rows_of(("18_24", "Feminine", "North"), times=3) + rows_of(("50_plus", "Masculine", "East")), steps=[])
    assert lone.dropped_rows == 1
    assert len(lone.rows) == 3
    assert all(c >= 3 for c in classes(lone.rows).values())


def test_k_below_one_is_refused():
    with pytest.raises(ValueError):
        run([], k=0)


def _random_facts(rng: random.Random, n: int) -> list[extract.ClientFacts]:
    facts = []
    for i in range(n):
        born = dt.date(rng.randint(1950, 2018), rng.randint(1, 12), rng.randint(1, 28))
        intake = dt.date(2024, 10, 1) + dt.timedelta(days=rng.randint(0, 700))
        facts.append(
            extract.ClientFacts(
                client_id=rng.randint(1, 10**6) * 1000 + i,
                intake_date=intake,
                date_of_birth=born if rng.random() < 0.8 else None,
                estimated_age=rng.choice([None, 15, 33]),
                gender=rng.choice(["Feminine", "Masculine", "NonConforming", "", "TransgenderFeminine"]),
                citizenship=rng.choice(["us_citizen", "foreign_national", "lawful_permanent_resident", "unknown"]),
                zip_code=rng.choice(["53701", "54401", "54101", "99999"]),
                organization_id=rng.choice([1, 2, 3]),
                discipline=rng.choice(["victim_services", "law_enforcement", "prosecution", "community", ""]),
                trafficking_type=rng.choice(["sex", "labor", "both", "unknown"]),
                trafficking_status=rng.choice(["", "ActualVictimOfTrafficking"]),
                status_determined_on=intake + dt.timedelta(days=rng.randint(0, 90)) if rng.random() < 0.5 else None,
                exploitation_types=rng.sample(
                    ["ForcedLabour", "SexualExploitation", "Servitude", "ChildLabour", "OrganRemoval", "ForcedMarriage"],
                    rng.randint(0, 3),
                ),
                labor_industry=rng.choice(["", "A_AgricultureForestryAndFishing", "T_ActivitiesOfHouseholdsAsEmployers"]),
                first_service_on=intake + dt.timedelta(days=rng.randint(0, 60)) if rng.random() < 0.7 else None,
                services={c: rng.choice([0, 1, 2, 4, 7, 30]) for c in rng.sample(CATEGORIES, rng.randint(0, 4))},
                referrals_made=(made := rng.choice([0, 0, 1, 2, 3, 9])),
                referrals_accepted=rng.randint(0, made),
                linked_to_investigation=(linked := rng.random() < 0.3),
                named_in_prosecution=linked and rng.random() < 0.5,
            )
        )
    return facts


CATEGORIES = ["case_management", "medical", "emergency_shelter", "immigration_legal", "education", "interpretation"]
PLACES = extract.Places(by_zip={"53701": "South", "54401": "North"}, by_organization={3: "West"})


@pytest.mark.parametrize("seed", range(40))
def test_property_every_released_combination_covers_k_and_no_identifier_leaks(seed):
    rng = random.Random(seed)
    k = rng.randint(2, 8)
    facts = _random_facts(rng, rng.randint(0, 120))
    outcome = extract.de_identify(facts, PLACES, k, rng=random.Random(seed + 1000))
    released = [c for c in extract.columns() if c != "row_id"]
    sizes = classes(outcome.rows, released)
    assert all(size >= k for size in sizes.values()), (k, sizes)
    for row in outcome.rows:
        if row["intake_period"] == SUPPRESSED:
            assert row["first_service_period"] == row["status_determined_period"] == SUPPRESSED
            assert row["weeks_intake_to_first_service"] == SUPPRESSED
        if row["linked_to_investigation"] == SUPPRESSED:
            assert row["named_in_prosecution"] == SUPPRESSED
        for column in released:
            if column.startswith("services_"):
                assert row[column] in {"0", "1-2", "3-5", "6+", "1+", "all", SUPPRESSED}
        for column in ("referrals_made", "referrals_accepted"):
            assert row[column] in {"0", "1", "2", "3+", "1+", "all", SUPPRESSED}
        assert row["weeks_intake_to_first_service"] in {"0", "1-4", "5-12", "13+", "unknown", "all", SUPPRESSED}
        assert row["exploitation_group"] in {"sexual", "labour", "both", "other", "unknown", "all", SUPPRESSED}
    assert len(outcome.rows) + outcome.dropped_rows == len(facts)
    ids = {str(f.client_id) for f in facts}
    births = {f.date_of_birth.isoformat() for f in facts if f.date_of_birth}
    exact_dates = births | {f.intake_date.isoformat() for f in facts}
    row_ids = [r["row_id"] for r in outcome.rows]
    assert len(set(row_ids)) == len(row_ids)
    for row in outcome.rows:
        assert row["row_id"] not in ids
        assert set(row) == set(extract.columns())
        for value in row.values():
            assert str(value) not in exact_dates
            assert not isinstance(value, dt.date)
        assert row["age_band"] in {b["value"] for b in extract.config()["age_bands"]} | {
            "unknown", "adult", "minor", SUPPRESSED
        }


def test_row_ids_and_order_change_between_extracts():
    facts = _random_facts(random.Random(7), 30)
    first = extract.de_identify(facts, PLACES, 2)
    second = extract.de_identify(facts, PLACES, 2)
    assert {r["row_id"] for r in first.rows}.isdisjoint({r["row_id"] for r in second.rows})


def test_generalizing_the_intake_period_coarsens_the_other_periods_too():
    # Every client alone in its quarter: the intake quarter must become the fiscal year, and the
    # service and status periods with it (they would otherwise reveal the quarter).
    facts = [
        extract.ClientFacts(
            client_id=i, intake_date=dt.date(2025, 10, 1) + dt.timedelta(days=95 * (i % 4)),
            date_of_birth=dt.date(1990, 1, 1), gender="Feminine", citizenship="us_citizen",
            trafficking_type="sex", first_service_on=dt.date(2026, 1, 5),
            status_determined_on=dt.date(2025, 12, 1),
        )
        for i in range(4)
    ]
    outcome = extract.de_identify(facts, PLACES, 2)
    assert len(outcome.rows) == 4 and outcome.dropped_rows == 0
    assert outcome.generalized[0] == "intake_period, first_service_period, status_determined_period → fiscal_year"
    periods = {(r["intake_period"], r["first_service_period"], r["status_determined_period"]) for r in outcome.rows}
    assert periods == {("FY2026", "FY2026", "FY2026")}


def test_every_released_column_but_the_row_id_is_a_quasi_identifier():
    assert set(extract.config()["quasi_identifiers"]) == set(extract.columns()) - {"row_id"}
    assert len(extract.config()["quasi_identifiers"]) == len(extract.columns()) - 1


def test_a_suppressed_value_takes_the_columns_that_would_reveal_it_along():
    quasi = ("intake_period", "gender", "first_service_period")
    common = [
        {"row_id": str(i), "intake_period": "FY2026Q1", "gender": "Feminine", "first_service_period": "FY2026Q1"}
        for i in range(3)
    ]
    # Two records alone in their intake quarter (one Feminine, one Masculine): the quarter is
    # suppressed; their service quarter would tell it, so it goes too.
    rare = [
        {"row_id": "rare-f", "intake_period": "FY2026Q2", "gender": "Feminine", "first_service_period": "FY2026Q2"},
        {"row_id": "rare-m", "intake_period": "FY2026Q2", "gender": "Masculine", "first_service_period": "FY2026Q2"},
    ]

    def run_with(suppress_with):
        return anonymity.anonymize(
            common + rare, k=2, quasi_identifiers=quasi, steps=[], generalizers={},
            suppression_order=list(quasi), suppress_with=suppress_with,
        )

    outcome = run_with({"intake_period": ("first_service_period",)})
    released = {r["row_id"]: r for r in outcome.rows}
    assert released["rare-f"]["intake_period"] == SUPPRESSED
    assert released["rare-f"]["first_service_period"] == SUPPRESSED
    assert outcome.suppressed_rows == 2 and outcome.suppressed_values == 6
    # Without the map the intake quarter would be readable from the service quarter.
    leaky = {r["row_id"]: r for r in run_with(None).rows}
    assert leaky["rare-f"]["first_service_period"] == "FY2026Q2"
    assert extract.config()["suppress_with"]["intake_period"] == [
        "first_service_period", "status_determined_period", "weeks_intake_to_first_service"
    ]


def test_counts_and_weeks_are_banded():
    assert [extract.band("services", n) for n in (0, 1, 2, 3, 5, 6, 40)] == ["0", "1-2", "1-2", "3-5", "3-5", "6+", "6+"]
    assert [extract.band("referrals", n) for n in (0, 1, 2, 3, 17)] == ["0", "1", "2", "3+", "3+"]
    assert [extract.band("weeks", n) for n in (0, 1, 4, 5, 12, 13, 200)] == ["0", "1-4", "1-4", "5-12", "5-12", "13+", "13+"]


@pytest.mark.parametrize(
    ("types", "group"),
    [
        ([], "unknown"),
        (["SexualExploitation"], "sexual"),
        (["ChildLabour"], "labour"),
        (["ForcedLabour", "Servitude"], "labour"),
        (["SexualExploitation", "ForcedBegging"], "both"),
        (["OrganRemoval"], "other"),
        (["SexualExploitation", "OrganRemoval"], "sexual"),
    ],
)
def test_exploitation_types_are_released_as_one_coarse_group(types, group):
    assert extract.exploitation_group(types) == group


def test_child_labour_does_not_reveal_a_minor():
    # With the age band suppressed, nothing else in the row may tell a minor from an adult.
    def row(types, born):
        facts = extract.ClientFacts(
            client_id=1, intake_date=dt.date(2025, 11, 1), date_of_birth=born, exploitation_types=types,
            gender="Feminine", citizenship="us_citizen", trafficking_type="labor",
        )
        derived = extract.derive_row(facts, PLACES, "0" * 16)
        derived.pop("age_band")
        return derived

    assert row(["ChildLabour"], dt.date(2012, 1, 1)) == row(["ForcedLabour"], dt.date(1990, 1, 1))
    assert not any(c.startswith("exploitation_") and c != "exploitation_group" for c in extract.columns())
