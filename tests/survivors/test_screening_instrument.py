import json

import pytest

from ally.survivors.screening import (
    Instrument,
    InstrumentError,
    InvalidAnswer,
    ScreeningResult,
    available_instruments,
    load_instrument,
    score,
)
from ally.survivors.screening.instrument import INSTRUMENTS_DIR

ILO_INDICATORS = {
    "ilo_abuse_of_vulnerability",
    "ilo_deception",
    "ilo_restriction_of_movement",
    "ilo_isolation",
    "ilo_physical_and_sexual_violence",
    "ilo_intimidation_and_threats",
    "ilo_retention_of_identity_documents",
    "ilo_withholding_of_wages",
    "ilo_debt_bondage",
    "ilo_abusive_working_and_living_conditions",
    "ilo_excessive_overtime",
}
DHS_GROUPS = {"dhs_labor_services", "dhs_control", "dhs_living_conditions", "dhs_travel"}

ALL_NO = {
    "work_as_promised": "no",
    "pay_received": "full",
    "pay_held_back": "no",
    "hours_per_day": 8,
    "could_quit": "yes",
    "unsafe_work": "no",
    "free_time_movement": "yes",
    "locked_or_watched": "no",
    "documents_held": "no",
    "contact_family": "yes",
    "someone_speaks_for_you": "no",
    "sleeping_place": "own_home",
    "people_in_room": 1,
    "basic_needs": "yes",
    "medical_care": "yes",
    "threatened": "no",
    "physically_hurt": "no",
    "sexual_harm": "no",
    "afraid_to_leave": "no",
    "situation_used": "no",
    "owes_money": "no",
    "recruitment_fee": "no",
    "traded_sex": "no",
    "age": 34,
    "born_elsewhere": "no",
}


def raw_instrument():
    return json.loads((INSTRUMENTS_DIR / "ally-screening-v1.json").read_text(encoding="utf-8"))


def reached_indicators(instrument):
    return {rule.indicator for q in instrument.questions for rule in q.indicators}


def test_it_ships_a_valid_instrument():
    instrument = load_instrument()
    instrument.validate()
    assert ("ally-screening", 1) in available_instruments()
    assert load_instrument("ally-screening", 1) == instrument
    assert 30 <= len(instrument.questions) <= 40


def test_it_refuses_an_unknown_instrument():
    with pytest.raises(InstrumentError, match="No screening instrument"):
        load_instrument("no-such-instrument")


def test_it_covers_every_ilo_indicator_and_dhs_group():
    instrument = load_instrument()
    frameworks = {i.id: i.framework for i in instrument.indicators}
    assert {i for i, f in frameworks.items() if f == "ILO"} == ILO_INDICATORS
    assert {i for i, f in frameworks.items() if f == "DHS"} == DHS_GROUPS
    assert reached_indicators(instrument) >= ILO_INDICATORS | DHS_GROUPS
    assert set(frameworks) == reached_indicators(instrument)


def test_it_covers_sex_trafficking_indicators():
    instrument = load_instrument()
    sex = {i.id: i.weight for i in instrument.indicators if i.domain == "sex"}
    assert sex["sex_minor"] == "strong"
    assert sex["sex_force_fraud_coercion"] == "strong"
    assert {"sex_third_party_money", "sex_quota", "sex_branding", "sex_advertised_online"} <= set(
        sex
    )
    assert {"sex_moved_between_locations", "sex_romantic_recruitment"} <= set(sex)


def test_every_text_has_english_and_spanish():
    data = raw_instrument()
    texts = [data["title"], data["notice"]] + [i["label"] for i in data["indicators"]]
    for section in data["sections"]:
        texts.append(section["title"])
        for q in section["questions"]:
            texts += [q["text"], *(c["label"] for c in q.get("choices", []))]
            texts += [q["help"]] if "help" in q else []
    for text in texts:
        assert set(text) == {"en", "es"}
        assert text["en"].strip() and text["es"].strip()
        assert text["en"] != text["es"] or text["en"] == "No"


def test_it_suggests_strong_labor_indicators_with_reasons():
    answers = {
        "documents_held": "yes",
        "pay_received": "none",
        "owes_money": "yes",
        "debt_change": "up",
    }
    result = score(load_instrument(), answers)
    assert result.suggested_level == {"labor": "strong_indicators", "sex": "none"}
    assert {
        "ilo_retention_of_identity_documents",
        "ilo_withholding_of_wages",
        "ilo_debt_bondage",
    } <= set(result.by_domain["labor"])
    assert result.counts["sex"] == 0
    triggered = {(r.question_id, r.indicator_id) for r in result.reasons}
    assert ("debt_change", "ilo_debt_bondage") in triggered
    assert ("pay_received", "ilo_withholding_of_wages") in triggered
    summary = result.summary("labor")
    assert summary.startswith("Suggested: strong indicators of labor trafficking — because:")
    assert '"No pay at all" → Withholding of wages' in summary
    assert "indicios fuertes de trata laboral" in result.summary("labor", "es")


def test_it_suggests_strong_sex_indicators_for_a_minor():
    result = score(load_instrument(), {"traded_sex": "yes", "sex_age_first": 15})
    assert result.suggested_level["sex"] == "strong_indicators"
    assert result.by_domain["sex"] == ("sex_minor",)
    assert result.suggested_level["labor"] == "none"
    assert [r.question_id for r in result.reasons] == ["sex_age_first"]


def test_an_adult_with_one_medium_sex_indicator_gets_some():
    result = score(
        load_instrument(), {"traded_sex": "yes", "sex_age_first": 25, "sex_ads_online": "yes"}
    )
    assert result.suggested_level["sex"] == "some_indicators"


def test_three_medium_indicators_suggest_strong():
    answers = {"work_as_promised": "yes", "hours_per_day": "14", "unsafe_work": "yes"}
    result = score(load_instrument(), answers)
    assert result.suggested_level["labor"] == "strong_indicators"


def test_shared_indicators_count_for_both_domains_when_neither_has_its_own():
    result = score(load_instrument(), {"contact_family": "no"})
    assert result.by_domain == {
        "labor": ("ilo_isolation", "dhs_control"),
        "sex": ("ilo_isolation", "dhs_control"),
    }
    assert result.suggested_level == {"labor": "some_indicators", "sex": "some_indicators"}


def test_all_no_answers_suggest_none():
    result = score(load_instrument(), ALL_NO)
    assert result.indicators == ()
    assert result.reasons == ()
    assert result.suggested_level == {"labor": "none", "sex": "none"}


def test_skipped_questions_do_not_count_as_no():
    instrument = load_instrument()
    result = score(instrument, {"documents_held": "yes"})
    assert result.suggested_level["labor"] == "strong_indicators"
    assert "free_time_movement" in result.skipped
    assert "ilo_restriction_of_movement" not in result.indicators
    assert score(instrument, {"free_time_movement": None}).indicators == ()


def test_invalid_answers_name_the_question():
    instrument = load_instrument()
    cases: list[tuple[dict[str, object], str]] = [
        ({"no_such_question": "yes"}, "no_such_question"),
        ({"pay_received": "sometimes"}, "pay_received"),
        ({"hours_per_day": "abc"}, "hours_per_day"),
        ({"hours_per_day": True}, "hours_per_day"),
        ({"could_quit": "unsure", "born_elsewhere": "unsure"}, "born_elsewhere"),
        ({"threatened": "yes", "threat_kind": "harm"}, "threat_kind"),
    ]
    for answers, question_id in cases:
        with pytest.raises(InvalidAnswer, match=question_id) as caught:
            score(instrument, answers)
        assert caught.value.question_id == question_id


def test_a_follow_up_without_its_trigger_is_ignored():
    instrument = load_instrument()
    result = score(instrument, {"documents_returned": "no"})
    assert result.indicators == ()
    assert result.ignored == ("documents_returned",)
    result = score(instrument, {"documents_held": "unsure", "documents_returned": "no"})
    assert result.indicators == ()
    result = score(instrument, {"documents_held": "yes", "documents_returned": "no"})
    assert "ilo_intimidation_and_threats" in result.indicators


def test_multi_choice_answers_match_any_selected_choice():
    result = score(
        load_instrument(), {"threatened": "yes", "threat_kind": ["other", "authorities"]}
    )
    assert "ilo_abuse_of_vulnerability" in result.indicators


def test_the_result_carries_a_disclaimer():
    result = score(load_instrument(), {})
    assert "not a determination" in result.disclaimer["en"]
    assert "no una determinación" in ScreeningResult.disclaimer["es"]


def test_a_broken_instrument_fails_validation_clearly():
    data = raw_instrument()
    data["sections"][0]["questions"][0]["indicators"].append(
        {"indicator": "ilo_no_such_thing", "when": {"equals": "yes"}}
    )
    with pytest.raises(InstrumentError, match="unknown indicator 'ilo_no_such_thing'"):
        Instrument.from_dict(data).validate()


def test_validation_reports_unreachable_indicators_and_bad_follow_ups():
    data = raw_instrument()
    data["indicators"].append({**data["indicators"][0], "id": "orphan"})
    first = data["sections"][0]["questions"][0]
    first["asked_if"] = {"question": "traded_sex", "equals": "yes"}
    first["indicators"][0]["when"] = {"equals": "maybe"}
    with pytest.raises(InstrumentError) as caught:
        Instrument.from_dict(data).validate()
    message = str(caught.value)
    assert "indicator 'orphan' is not reachable" in message
    assert "not an earlier question" in message
    assert "unknown choice 'maybe'" in message
