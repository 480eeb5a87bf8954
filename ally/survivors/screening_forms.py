"""A screening instrument as a web form: one optional field per question, in the chosen language.

Every question may be skipped (skipping adds nothing to the score). Follow-up questions carry the
question and answer that ask them, so the page can hide them until then; a follow-up answered
anyway is ignored by the scoring, never counted.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.survivors.screening import Instrument
from ally.survivors.screening.instrument import Question

SKIP = ("", _("Skip"))


def _field(question: Question, language: str) -> forms.Field:
    label = question.text.get(language)
    help_text = question.help.get(language) if question.help else ""
    if question.answer_type == "number":
        return forms.DecimalField(label=label, help_text=help_text, required=False, min_value=0, max_digits=6, decimal_places=1)
    if question.answer_type == "text":
        return forms.CharField(label=label, help_text=help_text, required=False, max_length=500)
    choices = [(value, question.value_label(value).get(language)) for value in question.allowed_values() or ()]
    if question.answer_type == "multi_choice":
        return forms.MultipleChoiceField(
            label=label, help_text=help_text, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    return forms.ChoiceField(
        label=label, help_text=help_text, required=False, choices=[SKIP, *choices], widget=forms.RadioSelect
    )


class ScreeningForm(forms.Form):
    screened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(
        label=_("Reference (no names)"), max_length=80, required=False,
        help_text=_("To find a screening not yet linked to a client, e.g. “Call 14 Nov, 2:30 pm”."),
    )

    def __init__(self, *args: Any, instrument: Instrument, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument, self.language = instrument, language
        for question in instrument.questions:
            field = _field(question, language)
            if question.asked_if is not None:
                field.widget.attrs |= {
                    "data-asked-if": question.asked_if.question, "data-equals": question.asked_if.equals,
                }
            self.fields[question.id] = field

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (section.title.get(self.language), [self[q.id] for q in section.questions])
            for section in self.instrument.sections
        ]

    def answers(self) -> dict[str, object]:
        answers: dict[str, object] = {}
        for question in self.instrument.questions:
            value = self.cleaned_data.get(question.id)
            if value in (None, "", []):
                continue
            answers[question.id] = float(value) if question.answer_type == "number" else value
        return answers


class LinkScreeningForm(forms.Form):
    client = forms.ModelChoiceField(label=_("Client"), queryset=None)  # type: ignore[var-annotated]

    def __init__(self, *args: Any, clients: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients  # type: ignore[attr-defined]
        self.fields["client"].label_from_instance = (  # type: ignore[attr-defined]
            lambda c: f"{c.preferred_name or c.legal_name} (#{c.pk})"
        )
