"""Score a set of screening answers into a suggestion for follow-up — never a decision.

The rules, in full (they are meant to be read out to anyone who asks):

1. An indicator is present when an answer meets one of its conditions in the instrument. A skipped
   question adds nothing: absence is not "no". An answer to a follow-up question whose
   ``asked_if`` is not met is ignored.
2. Each indicator belongs to the labor domain, the sex domain, or both. A shared ("both")
   indicator counts toward every domain that has at least one indicator of its own present; when
   neither domain has one, shared indicators count toward both, since we cannot yet tell which.
3. For each domain: ``strong_indicators`` if any "strong" indicator counts toward it or at least
   three "medium" ones do; otherwise ``some_indicators`` if any indicator counts toward it;
   otherwise ``none``. Anyone under 18 in commercial sex is a "strong" indicator in the shipped
   instrument, so it alone suggests strong indicators of sex trafficking (22 U.S.C. 7102).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ally.survivors.screening.instrument import Condition, Instrument, Question, Text

Level = Literal["none", "some_indicators", "strong_indicators"]
DOMAINS: tuple[str, ...] = ("labor", "sex")
STRONG_AFTER_MEDIUM = 3

Answer = str | float | tuple[str, ...]

DISCLAIMER: Mapping[str, str] = {
    "en": "This is a suggestion to guide follow-up, not a determination of anyone's trafficking "
    "status. A trained advocate or investigator reviews the whole situation with the person.",
    "es": "Esto es una sugerencia para orientar el seguimiento, no una determinación de si una "
    "persona es o no víctima de trata. Una persona capacitada revisa toda la situación con ella.",
}

_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "answered": "answered", "suggested": "Suggested", "because": "because",
        "none": "no indicators", "some_indicators": "some indicators",
        "strong_indicators": "strong indicators",
        "labor": "of labor trafficking", "sex": "of sex trafficking",
    },
    "es": {
        "answered": "respuesta", "suggested": "Sugerencia", "because": "porque",
        "none": "ningún indicio", "some_indicators": "algunos indicios",
        "strong_indicators": "indicios fuertes",
        "labor": "de trata laboral", "sex": "de trata sexual",
    },
}  # fmt: skip


class InvalidAnswer(ValueError):
    """An answer names no question of the instrument, or has the wrong type or value."""

    def __init__(self, question_id: str, problem: str) -> None:
        self.question_id = question_id
        super().__init__(f"Invalid answer to question {question_id!r}: {problem}")


@dataclass(frozen=True)
class Reason:
    """One answer that made one indicator present."""

    question_id: str
    indicator_id: str
    domain: str
    question: Text
    answer: Text
    indicator: Text

    def text(self, language: str = "en") -> str:
        """A line for display, e.g. '"Can you …?" — answered "No" → Isolation'."""
        words = _WORDS.get(language, _WORDS["en"])
        return (
            f'"{self.question.get(language)}" — {words["answered"]} '
            f'"{self.answer.get(language)}" → {self.indicator.get(language)}'
        )

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class ScreeningResult:
    """Which indicators are present, per domain, and a suggested level for each domain."""

    disclaimer: ClassVar[Mapping[str, str]] = DISCLAIMER

    instrument_id: str
    instrument_version: int
    indicators: tuple[str, ...]
    by_domain: Mapping[str, tuple[str, ...]]
    counts: Mapping[str, int]
    suggested_level: Mapping[str, Level]
    reasons: tuple[Reason, ...]
    skipped: tuple[str, ...] = field(default=())
    ignored: tuple[str, ...] = field(default=())

    def reasons_for(self, domain: str) -> tuple[Reason, ...]:
        """The reasons behind the indicators that count toward ``domain``."""
        counted = set(self.by_domain.get(domain, ()))
        return tuple(r for r in self.reasons if r.indicator_id in counted)

    def summary(self, domain: str, language: str = "en") -> str:
        """E.g. 'Suggested: strong indicators of labor trafficking — because: …'."""
        words = _WORDS.get(language, _WORDS["en"])
        level = self.suggested_level[domain]
        head = f"{words['suggested']}: {words[level]} {words[domain]}"
        reasons = self.reasons_for(domain)
        if not reasons:
            return head
        return f"{head} — {words['because']}: " + "; ".join(r.text(language) for r in reasons)


def _normalize(question: Question, raw: object) -> Answer | None:
    """The answer in canonical form, or None when the question was skipped."""
    if raw is None or raw == "" or raw == [] or raw == ():
        return None
    allowed = question.allowed_values()
    qid, kind = question.id, question.answer_type
    if kind == "number":
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise InvalidAnswer(qid, f"expected a number, got {raw!r}")
        try:
            number = float(raw)
        except ValueError:
            raise InvalidAnswer(qid, f"expected a number, got {raw!r}") from None
        if not math.isfinite(number) or number < 0:
            raise InvalidAnswer(qid, f"expected a number of zero or more, got {raw!r}")
        return number
    if kind == "text":
        if not isinstance(raw, str):
            raise InvalidAnswer(qid, f"expected text, got {raw!r}")
        return raw
    assert allowed is not None
    if kind == "multi_choice":
        if not isinstance(raw, list | tuple | set | frozenset):
            raise InvalidAnswer(qid, f"expected a list of choices, got {raw!r}")
        values: list[object] = list(raw)
    else:
        values = [raw]
    checked: list[str] = []
    for value in values:
        if not isinstance(value, str) or value not in allowed:
            raise InvalidAnswer(qid, f"{value!r} is not one of {', '.join(allowed)}")
        checked.append(value)
    if kind == "multi_choice":
        return tuple(v for v in allowed if v in checked)
    return checked[0]


def _matches(condition: Condition, answer: Answer) -> bool:
    if condition.kind in ("at_least", "at_most"):
        if not isinstance(answer, float) or condition.number is None:
            return False
        if condition.kind == "at_least":
            return answer >= condition.number
        return answer <= condition.number
    given = answer if isinstance(answer, tuple) else (answer,)
    return any(value in condition.values for value in given)


def _answer_text(question: Question, answer: Answer, languages: tuple[str, ...]) -> Text:
    if isinstance(answer, float):
        return Text.of({"en": f"{answer:g}"})
    if isinstance(answer, tuple):
        labels = [question.value_label(v) for v in answer]
        return Text(
            tuple((lang, ", ".join(label.get(lang) for label in labels)) for lang in languages)
        )
    if question.answer_type == "text":
        return Text.of({"en": answer})
    return question.value_label(answer)


def _level(instrument: Instrument, indicator_ids: tuple[str, ...]) -> Level:
    weights = [instrument.indicator(i).weight for i in indicator_ids]
    if "strong" in weights or weights.count("medium") >= STRONG_AFTER_MEDIUM:
        return "strong_indicators"
    return "some_indicators" if weights else "none"


def score(instrument: Instrument, answers: Mapping[str, object]) -> ScreeningResult:
    """Score ``answers`` (question id → value) against ``instrument``.

    Values: "yes"/"no"/"unsure" or a choice value; a list of choice values for multi_choice; a
    number (or a numeric string, as forms post them) for number; a string for text. None or ""
    means skipped. Raises InvalidAnswer naming the question for an unknown question id, a value
    that is not a choice, or a value of the wrong type. See the module docstring for the rules.
    """
    questions = {q.id: q for q in instrument.questions}
    for question_id in answers:
        if question_id not in questions:
            raise InvalidAnswer(question_id, "no such question in this instrument")
    given = {qid: _normalize(questions[qid], raw) for qid, raw in answers.items()}

    effective: dict[str, Answer] = {}
    skipped: list[str] = []
    ignored: list[str] = []
    for q in instrument.questions:
        if q.asked_if is not None:
            parent = effective.get(q.asked_if.question)
            if parent is None or not _matches(Condition("equals", (q.asked_if.equals,)), parent):
                if given.get(q.id) is not None:
                    ignored.append(q.id)
                continue
        answer = given.get(q.id)
        if answer is None:
            skipped.append(q.id)
        else:
            effective[q.id] = answer

    reasons: list[Reason] = []
    present: set[str] = set()
    for q in instrument.questions:
        if q.id not in effective:
            continue
        for rule in q.indicators:
            if _matches(rule.when, effective[q.id]):
                indicator = instrument.indicator(rule.indicator)
                present.add(indicator.id)
                reasons.append(
                    Reason(q.id, indicator.id, indicator.domain, q.text,
                           _answer_text(q, effective[q.id], instrument.languages), indicator.label)
                )  # fmt: skip

    ordered = tuple(i.id for i in instrument.indicators if i.id in present)
    domain_of = {i.id: i.domain for i in instrument.indicators}
    own = {d: any(domain_of[i] == d for i in ordered) for d in DOMAINS}
    by_domain = {
        d: tuple(
            i for i in ordered
            if domain_of[i] == d or (domain_of[i] == "both" and (own[d] or not any(own.values())))
        )
        for d in DOMAINS
    }  # fmt: skip
    return ScreeningResult(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        indicators=ordered,
        by_domain=by_domain,
        counts={d: len(ids) for d, ids in by_domain.items()},
        suggested_level={d: _level(instrument, ids) for d, ids in by_domain.items()},
        reasons=tuple(reasons),
        skipped=tuple(skipped),
        ignored=tuple(ignored),
    )
