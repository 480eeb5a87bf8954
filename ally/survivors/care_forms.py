"""Forms for the care record: needs, the plan (goals, planned services, reviews), corrections,
and trafficking events. Validation of meaning stays in the actions; these parse the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.survivors import vocabularies
from ally.survivors.models import GoalStatus, NeedLevel, ServiceUnit
from ally.survivors.trafficking import DATE_PRECISIONS
from ally.tenancy.models import Organization

DATE = forms.DateInput(attrs={"type": "date"})


def _vocab(field: forms.Field, vocabulary_id: str, *, blank: bool = False) -> None:
    choices = vocabularies.choices(vocabulary_id)
    field.choices = [("", "—"), *choices] if blank else choices  # type: ignore[attr-defined]


class NeedsForm(forms.Form):
    """One level and note per need domain; a domain left unrated is not part of the assessment."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [("", _("Not rated")), *NeedLevel.choices]
        for term in vocabularies.vocabulary("need_domain").values:
            self.fields[f"level_{term.value}"] = forms.ChoiceField(
                label=term.label(), choices=levels, required=False
            )
            self.fields[f"note_{term.value}"] = forms.CharField(
                label=_("Note on %(domain)s") % {"domain": term.label()}, max_length=500, required=False
            )

    def domains(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (term.label(), self[f"level_{term.value}"], self[f"note_{term.value}"])
            for term in vocabularies.vocabulary("need_domain").values
        ]

    def needs(self) -> list[dict[str, str]]:
        return [
            {"domain": term.value, "level": level, "note": self.cleaned_data.get(f"note_{term.value}") or ""}
            for term in vocabularies.vocabulary("need_domain").values
            if (level := self.cleaned_data.get(f"level_{term.value}"))
        ]


class StartPlanForm(forms.Form):
    started_on = forms.DateField(label=_("Started on"), widget=DATE)


class ClosePlanForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("The goal, in the survivor's own words"), widget=forms.Textarea(attrs={"rows": 2})
    )
    priority = forms.IntegerField(
        label=_("Priority the survivor chose"), min_value=1, required=False,
        help_text=_("1 is most important. Leave empty to put it last."),
    )
    target_date = forms.DateField(label=_("Target date"), widget=DATE, required=False)


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlannedServiceForm(forms.Form):
    category = forms.ChoiceField(label=_("Service"), choices=[])
    provider: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Provider"), queryset=Organization.objects.none(), required=False,
        help_text=_("Leave empty if no provider is chosen yet."),
    )
    frequency = forms.CharField(label=_("How often"), max_length=100, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _vocab(self.fields["category"], "service_category")
        self.fields["provider"].queryset = organizations  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE)
    summary = forms.CharField(
        label=_("What the survivor and advocate agreed"), widget=forms.Textarea(attrs={"rows": 3})
    )
    next_review_on = forms.DateField(label=_("Next review"), widget=DATE, required=False)


class CorrectServiceForm(forms.Form):
    """The corrected service, or a withdrawal of a record made in error, always with a reason."""

    withdraw = forms.BooleanField(
        label=_("This service was recorded in error: withdraw it without a replacement"), required=False
    )
    category = forms.ChoiceField(label=_("Service"), choices=[])
    delivered_on = forms.DateField(label=_("Date"), widget=DATE)
    units = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=8, decimal_places=2)
    unit = forms.ChoiceField(label=_("Unit"), choices=ServiceUnit.choices)
    cost = forms.DecimalField(label=_("Cost"), min_value=0, max_digits=12, decimal_places=2, required=False)
    outcome = forms.CharField(label=_("Outcome"), max_length=500, required=False)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _vocab(self.fields["category"], "service_category")

    def corrections(self) -> dict[str, Any]:
        if self.cleaned_data["withdraw"]:
            return {}
        names = ("category", "delivered_on", "units", "unit", "cost", "outcome")
        return {name: self.cleaned_data[name] for name in names}


class CorrectNoteForm(forms.Form):
    text = forms.CharField(label=_("The corrected note"), widget=forms.Textarea(attrs={"rows": 4}))


class TraffickingEventForm(forms.Form):
    event_type = forms.ChoiceField(label=_("Event"), choices=[])
    occurred_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    date_precision = forms.ChoiceField(
        label=_("The date is exact to the"),
        choices=list(zip(DATE_PRECISIONS, (_("day"), _("month"), _("year")), strict=True)),
    )
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    state = forms.CharField(label=_("State or province"), max_length=100, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _vocab(self.fields["event_type"], "hte_Type")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
