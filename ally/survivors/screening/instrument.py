"""Screening instruments as versioned data (DOMAIN.md §5).

An instrument is a JSON file under ``ally/survivors/data/instruments/<id>-v<version>.json``: a
bilingual question set whose answers map to indicators through explicit conditions. A task force
adds an instrument it has the right to use by adding a file; no code changes. Every instrument is
checked by :meth:`Instrument.validate` when it is loaded, so a broken file fails loudly.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

INSTRUMENTS_DIR = Path(__file__).resolve().parent.parent / "data" / "instruments"
_FILE_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)-v(?P<version>[1-9][0-9]*)\.json$")

AnswerType = Literal["yes_no", "yes_no_unsure", "choice", "multi_choice", "number", "text"]
Domain = Literal["labor", "sex", "both"]
Framework = Literal["ILO", "DHS", "Ally"]
Weight = Literal["strong", "medium"]
ConditionKind = Literal["equals", "in", "at_least", "at_most"]

_YES_NO_VALUES = {"yes_no": ("yes", "no"), "yes_no_unsure": ("yes", "no", "unsure")}
_YES_NO_LABELS = {
    "yes": {"en": "Yes", "es": "Sí"},
    "no": {"en": "No", "es": "No"},
    "unsure": {"en": "Not sure", "es": "No sabe"},
}


class InstrumentError(ValueError):
    """An instrument file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Text:
    """One piece of wording in every language the instrument offers."""

    translations: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Text:
        """Build from a ``{"en": ..., "es": ...}`` mapping."""
        return cls(tuple((str(lang), str(value)) for lang, value in values.items()))

    def get(self, language: str = "en") -> str:
        """The wording in ``language``, falling back to English."""
        values = dict(self.translations)
        return values.get(language) or values.get("en", "")


@dataclass(frozen=True)
class Indicator:
    id: str
    domain: Domain
    framework: Framework
    label: Text
    weight: Weight


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Condition:
    """When an answer counts: ``values`` for equals/in, ``number`` for at_least/at_most."""

    kind: ConditionKind
    values: tuple[str, ...] = ()
    number: float | None = None


@dataclass(frozen=True)
class IndicatorRule:
    indicator: str
    when: Condition


@dataclass(frozen=True)
class AskedIf:
    question: str
    equals: str


@dataclass(frozen=True)
class Question:
    id: str
    text: Text
    answer_type: AnswerType
    choices: tuple[Choice, ...] = ()
    help: Text | None = None
    indicators: tuple[IndicatorRule, ...] = ()
    asked_if: AskedIf | None = None

    def allowed_values(self) -> tuple[str, ...] | None:
        """The values a choice-like answer may take; None for number and text questions."""
        if self.answer_type in ("number", "text"):
            return None
        return _YES_NO_VALUES.get(self.answer_type) or tuple(c.value for c in self.choices)

    def value_label(self, value: str) -> Text:
        """How to show one answer value (a choice's label, or Yes / No / Not sure)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return Text.of(_YES_NO_LABELS.get(value, {"en": value}))


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    title: Text
    languages: tuple[str, ...]
    notice: Text
    indicators: tuple[Indicator, ...]
    sections: tuple[Section, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Instrument:
        """Parse an instrument's JSON structure; raises InstrumentError on a malformed shape.

        This checks shape only; call :meth:`validate` for consistency.
        """
        try:
            return _parse(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InstrumentError(f"Malformed instrument data: {exc!r}") from exc

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order it is asked."""
        return tuple(q for section in self.sections for q in section.questions)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; KeyError if there is none."""
        return {i.id: i for i in self.indicators}[indicator_id]

    def validate(self) -> None:
        """Raise InstrumentError listing every inconsistency, or return None if there is none."""
        problems = _problems(self)
        if problems:
            listing = "\n".join(f"- {p}" for p in problems)
            raise InstrumentError(f"Instrument {self.id} v{self.version} is invalid:\n{listing}")


def _one_of(value: object, options: Any, what: str) -> Any:
    """``value`` if it is one of the Literal type ``options``' values, else ValueError."""
    if value not in get_args(options):
        raise ValueError(f"{what} must be one of {get_args(options)}, not {value!r}")
    return value


def _parse_condition(when: Mapping[str, Any]) -> Condition:
    [(kind, operand)] = when.items()  # exactly one condition
    kind = _one_of(kind, ConditionKind, "condition")
    if kind in ("equals", "in"):
        return Condition(
            kind, values=(str(operand),) if kind == "equals" else tuple(map(str, operand))
        )
    if isinstance(operand, bool) or not isinstance(operand, int | float):
        raise ValueError(f"{kind} needs a number, not {operand!r}")
    return Condition(kind, number=float(operand))


def _parse_question(q: Mapping[str, Any]) -> Question:
    asked_if = q.get("asked_if")
    return Question(
        id=str(q["id"]),
        text=Text.of(q["text"]),
        answer_type=_one_of(q["answer_type"], AnswerType, "answer_type"),
        choices=tuple(Choice(str(c["value"]), Text.of(c["label"])) for c in q.get("choices", ())),
        help=Text.of(q["help"]) if "help" in q else None,
        indicators=tuple(
            IndicatorRule(str(r["indicator"]), _parse_condition(r["when"]))
            for r in q.get("indicators", ())
        ),
        asked_if=AskedIf(str(asked_if["question"]), str(asked_if["equals"])) if asked_if else None,
    )


def _parse(data: Mapping[str, Any]) -> Instrument:
    return Instrument(
        id=str(data["id"]),
        version=int(data["version"]),
        title=Text.of(data["title"]),
        languages=tuple(str(lang) for lang in data["languages"]),
        notice=Text.of(data["notice"]),
        indicators=tuple(
            Indicator(
                id=str(i["id"]),
                domain=_one_of(i["domain"], Domain, "domain"),
                framework=_one_of(i["framework"], Framework, "framework"),
                label=Text.of(i["label"]),
                weight=_one_of(i["weight"], Weight, "weight"),
            )
            for i in data["indicators"]
        ),
        sections=tuple(
            Section(
                str(s["id"]), Text.of(s["title"]), tuple(_parse_question(q) for q in s["questions"])
            )
            for s in data["sections"]
        ),
    )


def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def _texts(instrument: Instrument) -> Iterator[tuple[str, Text]]:
    yield "title", instrument.title
    yield "notice", instrument.notice
    yield from ((f"indicator {i.id!r} label", i.label) for i in instrument.indicators)
    yield from ((f"section {s.id!r} title", s.title) for s in instrument.sections)
    for q in instrument.questions:
        yield f"question {q.id!r}", q.text
        if q.help is not None:
            yield f"question {q.id!r} help", q.help
        yield from ((f"question {q.id!r} choice {c.value!r}", c.label) for c in q.choices)


def _problems(instrument: Instrument) -> list[str]:
    problems: list[str] = []
    if "en" not in instrument.languages:
        problems.append("languages must include 'en'")
    for where, text in _texts(instrument):
        present = {lang for lang, value in text.translations if value.strip()}
        problems.extend(
            f"{where} has no {lang!r} text" for lang in instrument.languages if lang not in present
        )
    for kind, ids in (
        ("indicator", [i.id for i in instrument.indicators]),
        ("section", [s.id for s in instrument.sections]),
        ("question", [q.id for q in instrument.questions]),
    ):
        problems.extend(f"duplicate {kind} id {d!r}" for d in _duplicates(ids))

    known_indicators = {i.id for i in instrument.indicators}
    reached: set[str] = set()
    earlier: dict[str, Question] = {}
    for q in instrument.questions:
        where = f"question {q.id!r}"
        problems.extend(
            f"{where} has duplicate choice {d!r}" for d in _duplicates([c.value for c in q.choices])
        )
        choice_like = q.answer_type in ("choice", "multi_choice")
        if choice_like and not q.choices:
            problems.append(f"{where} is {q.answer_type} but has no choices")
        if q.choices and not choice_like:
            problems.append(f"{where} is {q.answer_type} and must not have choices")
        allowed = q.allowed_values()
        for rule in q.indicators:
            if rule.indicator not in known_indicators:
                problems.append(f"{where} refers to unknown indicator {rule.indicator!r}")
            reached.add(rule.indicator)
            numeric = rule.when.kind in ("at_least", "at_most")
            if numeric != (q.answer_type == "number"):
                problems.append(
                    f"{where} ({q.answer_type}) cannot use a {rule.when.kind!r} condition"
                )
            for value in rule.when.values:
                if allowed is not None and value not in allowed:
                    problems.append(f"{where} condition refers to unknown choice {value!r}")
        if q.asked_if is not None:
            parent = earlier.get(q.asked_if.question)
            if parent is None:
                problems.append(
                    f"{where} asked_if refers to {q.asked_if.question!r}, not an earlier question"
                )
            elif q.asked_if.equals not in (parent.allowed_values() or ()):
                problems.append(
                    f"{where} asked_if value {q.asked_if.equals!r} is not a choice of {parent.id!r}"
                )
        earlier[q.id] = q
    problems.extend(
        f"indicator {i!r} is not reachable from any question"
        for i in sorted(known_indicators - reached)
    )
    return problems


def available_instruments() -> list[tuple[str, int]]:
    """Every (id, version) shipped under the instruments directory, sorted."""
    found = []
    for path in INSTRUMENTS_DIR.glob("*.json"):
        match = _FILE_NAME.match(path.name)
        if match:
            found.append((match["id"], int(match["version"])))
    return sorted(found)


@functools.cache
def load_instrument(id: str = "ally-screening", version: int | None = None) -> Instrument:
    """Load and validate an instrument; the latest version when ``version`` is None.

    Raises InstrumentError if no such instrument exists or if it is invalid.
    """
    versions = [v for i, v in available_instruments() if i == id]
    if version is None and versions:
        version = max(versions)
    if version not in versions:
        raise InstrumentError(f"No screening instrument {id!r} version {version}")
    path = INSTRUMENTS_DIR / f"{id}-v{version}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InstrumentError(f"{path.name} is not valid JSON: {exc}") from exc
    instrument = Instrument.from_dict(data)
    if (instrument.id, instrument.version) != (id, version):
        raise InstrumentError(f"{path.name} declares {instrument.id} v{instrument.version}")
    instrument.validate()
    return instrument
