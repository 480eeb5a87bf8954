"""Schemas of screening instruments and screenings, and how a stored screening is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import StrictIn
from ally.survivors.models import Screening
from ally.survivors.screening import (
    Instrument,
    InstrumentError,
    InvalidAnswer,
    ScreeningResult,
    load_instrument,
    score,
)
from ally.survivors.screening.instrument import Indicator
from ally.survivors.screening.scoring import DISCLAIMER


class ChoiceOut(Schema):
    value: str
    label: str


class AskedIfOut(Schema):
    question: str
    equals: str


class QuestionOut(Schema):
    id: str
    text: str
    help: str | None
    answer_type: str
    choices: list[ChoiceOut]  # the accepted values (yes/no questions too); empty for number/text
    asked_if: AskedIfOut | None


class SectionOut(Schema):
    id: str
    title: str
    questions: list[QuestionOut]


class IndicatorOut(Schema):
    id: str
    domain: str
    framework: str
    label: str
    weight: str


class InstrumentOut(Schema):
    id: str
    version: int
    language: str  # the language of the texts below (English when the one asked for is missing)
    languages: list[str]
    title: str
    notice: str
    disclaimer: str
    indicators: list[IndicatorOut]
    sections: list[SectionOut]


class ScreeningIn(StrictIn):
    instrument_id: str = "ally-screening"
    version: int | None = None  # default: the latest
    language: str = "en"
    answers: dict[str, Any]  # question id → "yes" / a choice / [choices] / a number / text
    organization_id: int | None = None  # default: the client's, or the one you work in
    client_id: int | None = None  # none yet: link it later
    reference: str = Field(default="", max_length=80)  # a non-identifying label
    screened_on: dt.date | None = None  # default: today


class ScreeningLinkIn(StrictIn):
    client_id: int


class ReasonOut(Schema):
    question: str
    indicator: str
    domain: str
    text: str


class SuggestionOut(Schema):
    """What the answers suggest for one domain: a guide for follow-up, never a determination."""

    domain: str
    level: str  # none, some_indicators, strong_indicators
    indicators: list[str]
    summary: str


class ScreeningOut(Schema):
    """A screening and what its answers suggest (stored when it was recorded); never a finding."""

    id: int
    organization_id: int
    client_id: int | None
    instrument_id: str
    instrument_version: int
    language: str
    reference: str
    screened_on: dt.date
    screened_by: str | None
    linked_at: dt.datetime | None
    answers: dict[str, Any]
    indicators: list[IndicatorOut]
    suggestions: list[SuggestionOut]
    reasons: list[ReasonOut]
    skipped: list[str]
    disclaimer: str

    @staticmethod
    def resolve_screened_by(obj: Screening) -> str | None:
        return obj.screened_by.full_name if obj.screened_by is not None else None

    @staticmethod
    def resolve_indicators(obj: Screening) -> list[dict[str, str]]:
        return screening_view(obj)["indicators"]  # type: ignore[no-any-return]

    @staticmethod
    def resolve_suggestions(obj: Screening) -> list[dict[str, Any]]:
        return screening_view(obj)["suggestions"]  # type: ignore[no-any-return]

    @staticmethod
    def resolve_reasons(obj: Screening) -> list[dict[str, str]]:
        return screening_view(obj)["reasons"]  # type: ignore[no-any-return]

    @staticmethod
    def resolve_skipped(obj: Screening) -> list[str]:
        return list((obj.result or {}).get("skipped", []))

    @staticmethod
    def resolve_disclaimer(obj: Screening) -> str:
        return DISCLAIMER.get(obj.language, DISCLAIMER["en"])


def instrument_view(instrument: Instrument, language: str) -> dict[str, Any]:
    """An instrument's questions, choices and indicators in one language (English if missing)."""
    language = language if language in instrument.languages else "en"
    return {
        "id": instrument.id,
        "version": instrument.version,
        "language": language,
        "languages": list(instrument.languages),
        "title": instrument.title.get(language),
        "notice": instrument.notice.get(language),
        "disclaimer": DISCLAIMER.get(language, DISCLAIMER["en"]),
        "indicators": [_indicator(i, language) for i in instrument.indicators],
        "sections": [
            {
                "id": section.id,
                "title": section.title.get(language),
                "questions": [
                    {
                        "id": q.id,
                        "text": q.text.get(language),
                        "help": q.help.get(language) if q.help is not None else None,
                        "answer_type": q.answer_type,
                        "choices": [
                            {"value": v, "label": q.value_label(v).get(language)}
                            for v in q.allowed_values() or ()
                        ],
                        "asked_if": (
                            {"question": q.asked_if.question, "equals": q.asked_if.equals}
                            if q.asked_if is not None
                            else None
                        ),
                    }
                    for q in section.questions
                ],
            }
            for section in instrument.sections
        ],
    }


def _indicator(indicator: Indicator, language: str) -> dict[str, str]:
    return {
        "id": indicator.id,
        "domain": indicator.domain,
        "framework": indicator.framework,
        "label": indicator.label.get(language),
        "weight": indicator.weight,
    }


def screening_view(screening: Screening) -> dict[str, Any]:
    """The stored result of a screening, worded in its language, computed once per object.

    Levels and indicators are the ones stored when the screening was recorded. The wording of
    the summary and reasons comes from scoring the stored answers again with the same instrument
    version; if that no longer gives the stored result, the summary names the level only.
    """
    cached: dict[str, Any] | None = getattr(screening, "_api_view", None)
    if cached is not None:
        return cached
    stored: dict[str, Any] = screening.result or {}
    language = screening.language
    try:
        instrument: Instrument | None = load_instrument(
            screening.instrument_id, screening.instrument_version
        )
    except InstrumentError:
        instrument = None
    known = {i.id: i for i in instrument.indicators} if instrument is not None else {}
    rescored: ScreeningResult | None = None
    if instrument is not None:
        try:
            rescored = score(instrument, screening.answers)
        except InvalidAnswer:
            rescored = None
    levels: dict[str, str] = dict(stored.get("suggested_level", {}))
    by_domain: dict[str, list[str]] = {
        d: list(ids) for d, ids in stored.get("by_domain", {}).items()
    }
    if rescored is not None and (
        dict(rescored.suggested_level) != levels
        or {d: list(ids) for d, ids in rescored.by_domain.items()} != by_domain
    ):
        rescored = None
    view = {
        "indicators": [
            _indicator(known[i], language)
            if i in known
            else {"id": i, "domain": "", "framework": "", "label": i, "weight": ""}
            for i in stored.get("indicators", [])
        ],
        "suggestions": [
            {
                "domain": domain,
                "level": level,
                "indicators": by_domain.get(domain, []),
                "summary": rescored.summary(domain, language) if rescored is not None else level,
            }
            for domain, level in levels.items()
        ],
        "reasons": (
            [
                {
                    "question": r.question_id,
                    "indicator": r.indicator_id,
                    "domain": r.domain,
                    "text": r.text(language),
                }
                for r in rescored.reasons
            ]
            if rescored is not None
            else [{**r, "text": ""} for r in stored.get("reasons", [])]
        ),
    }
    screening._api_view = view  # type: ignore[attr-defined]
    return view
