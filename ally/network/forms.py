"""Forms of the provider-network pages. They shape input; the actions decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.network import checklist
from ally.network.models import LineDecision, VettingOutcome
from ally.survivors import vocabularies

DATE = forms.DateInput(attrs={"type": "date"})
CHECKBOXES = forms.CheckboxSelectMultiple


def _comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class ProfileForm(forms.Form):
    services = forms.MultipleChoiceField(label=_("Services offered"), required=False, widget=CHECKBOXES)
    populations = forms.MultipleChoiceField(label=_("Populations served"), required=False, widget=CHECKBOXES)
    languages = forms.CharField(
        label=_("Languages"), max_length=600, required=False,
        help_text=_("Languages staff or on-call interpreters speak with survivors, separated by commas, e.g. English, Spanish, Hmong."),
    )
    counties = forms.CharField(
        label=_("Counties served"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Besides the regions your organization serves. Separated by commas, e.g. Dane, Rock."),
    )
    zip_code = forms.CharField(
        label=_("ZIP code where services are given"), max_length=10, required=False,
        help_text=_("Places the provider on the map for matching by distance. Only the ZIP code is used, never the street."),
    )
    hours = forms.CharField(label=_("Hours"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    crisis_line = forms.BooleanField(label=_("A crisis line answers 24 hours a day, 7 days a week"), required=False)
    crisis_phone = forms.CharField(label=_("Crisis line phone"), max_length=40, required=False)
    eligibility_notes = forms.CharField(
        label=_("Eligibility notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who can be served and how to refer. Every member of the task force reads this: no survivor's details."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = vocabularies.choices("service_category")  # type: ignore[attr-defined]
        self.fields["populations"].choices = vocabularies.choices("population")  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(profile: Any, zip_code: str) -> dict[str, Any]:
        if profile is None:
            return {"zip_code": zip_code}
        return {
            "services": profile.services,
            "populations": profile.populations,
            "languages": ", ".join(profile.languages),
            "counties": ", ".join(profile.counties),
            "zip_code": profile.zip_code,
            "hours": profile.hours,
            "crisis_line": profile.crisis_line,
            "crisis_phone": profile.crisis_phone,
            "eligibility_notes": profile.eligibility_notes,
            "version": profile.version,
        }

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["languages"] = _comma_list(data["languages"])
        data["counties"] = _comma_list(data["counties"])
        return data


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("New survivors you can take now"),
        help_text=_("0 when you cannot take anyone right now."),
    )


class VettingForm(forms.Form):
    visited_on = forms.DateField(label=_("Site visit date"), widget=DATE)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=VettingOutcome.choices)
    revisit_on = forms.DateField(
        label=_("Revisit by"), required=False, widget=DATE,
        help_text=_("An approval holds until this date."),
    )
    notes = forms.CharField(
        label=_("Notes and conditions"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Conditions of an approval go here. Write about the organization's practice, never about a survivor."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = checklist.current()
        answers = [(a.value, a.label) for a in self.checklist.answers]
        for item in self.checklist.items:
            self.fields[f"item_{item.key}"] = forms.ChoiceField(
                label=item.label, help_text=item.guidance, choices=answers, widget=forms.RadioSelect
            )

    def item_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("item_")]

    def visit_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("item_")]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "visited_on": data["visited_on"],
            "outcome": data["outcome"],
            "revisit_on": data["revisit_on"],
            "notes": data["notes"],
            "answers": {item.key: data[f"item_{item.key}"] for item in self.checklist.items},
        }


class SubAwardForm(forms.Form):
    reference = forms.CharField(label=_("Award number"), max_length=80, required=False)
    budget = forms.DecimalField(label=_("Budget (USD)"), max_digits=12, decimal_places=2, min_value=0)
    starts_on = forms.DateField(label=_("Award period starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Award period ends"), widget=DATE)


class ClaimPeriodForm(forms.Form):
    """The period whose services a claim lists (a GET form: it only chooses what to show)."""

    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("To"), widget=DATE)


class ClaimForm(ClaimPeriodForm):
    reference = forms.CharField(label=_("Your invoice number"), max_length=80, required=False)
    services = forms.TypedMultipleChoiceField(
        label=_("Services to claim"), coerce=int, widget=CHECKBOXES,
    )

    def __init__(self, *args: Any, services: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = services  # type: ignore[attr-defined]


class LineDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(LineDecision.APPROVED, _("Approve")), (LineDecision.REJECTED, _("Reject"))],
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class DirectoryFilterForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), required=False)
    population = forms.ChoiceField(label=_("Population"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    region: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Region"), queryset=None, required=False, empty_label=_("Any")
    )
    county = forms.CharField(label=_("County"), max_length=100, required=False)
    crisis_line = forms.BooleanField(label=_("24/7 crisis line"), required=False)
    has_capacity = forms.BooleanField(label=_("Taking new survivors"), required=False)
    vetted = forms.BooleanField(label=_("Vetted"), required=False)

    def __init__(self, *args: Any, regions: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["service"].choices = anything + vocabularies.choices("service_category")  # type: ignore[attr-defined]
        self.fields["population"].choices = anything + vocabularies.choices("population")  # type: ignore[attr-defined]
        self.fields["language"].choices = anything + [(name, name) for name in languages]  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
