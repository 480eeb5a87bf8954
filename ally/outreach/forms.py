"""Forms of the survivor-leader, outreach and threat-assessment pages. They shape input; the
actions decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.accounts.models import User
from ally.outreach import catalog
from ally.outreach.models import EngagementKind, EventKind, LeaderKind, SurvivorLeader
from ally.tenancy.models import Organization, Region

DATE = forms.DateInput(attrs={"type": "date"})
CHECKBOXES = forms.CheckboxSelectMultiple


class LeaderForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200,
        help_text=_("As they choose to be known. Only the coordinator (and they themselves) see this list."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=LeaderKind.choices)
    user = forms.ModelChoiceField(
        label=_("Ally account"), queryset=User.objects.none(), required=False,
        help_text=_("Optional: an account holding the survivor-leader-advisor role. They then see their own entry and engagements."),
    )
    expertise = forms.CharField(
        label=_("Areas of expertise"), max_length=2000, required=False,
        help_text=_("Separated by commas, e.g. labor trafficking, peer support, training design."),
    )
    started_on = forms.DateField(label=_("Started on"), widget=DATE)
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE, required=False)
    hourly_rate = forms.DecimalField(label=_("Hourly rate (dollars)"), max_digits=8, decimal_places=2, min_value=0, required=False)

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = accounts  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.full_name or u.email  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["expertise"] = [part.strip() for part in data["expertise"].split(",") if part.strip()]
        return data


class EngagementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=EngagementKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.DecimalField(label=_("Hours"), max_digits=6, decimal_places=2)
    compensation = forms.DecimalField(
        label=_("Compensation (dollars)"), max_digits=10, decimal_places=2,
        help_text=_("Survivor leaders are paid for their expertise. If 0, say why below."),
    )
    unpaid_reason = forms.CharField(
        label=_("Reason for no compensation"), max_length=300, required=False,
        help_text=_("Only when the compensation is 0, e.g. declined payment."),
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No details that could identify a survivor or a case."),
    )


class FeedbackForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    text = forms.CharField(
        label=_("Feedback"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Goes to the coordinator and the co-leads. Co-leads read it without your name."),
    )


class RecordFeedbackForm(FeedbackForm):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What will be done, or what was decided. The survivor leader reads it."),
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    county = forms.CharField(label=_("County"), max_length=100, required=False)
    audience = forms.CharField(label=_("Audience"), max_length=500, required=False, help_text=_("Who the event is for, e.g. dairy workers, hotel staff, students."))
    survivor_led = forms.BooleanField(label=_("Survivor-led"), required=False)
    leaders = forms.ModelMultipleChoiceField(
        label=_("Survivor leaders who led it"), queryset=SurvivorLeader.objects.none(), required=False, widget=CHECKBOXES,
        help_text=_("Only the coordinator sees these names."),
    )
    partners = forms.ModelMultipleChoiceField(label=_("Partner organizations"), queryset=Organization.objects.none(), required=False, widget=CHECKBOXES)
    other_partners = forms.CharField(label=_("Other partners"), max_length=500, required=False, help_text=_("Partners outside the task force."))

    def __init__(self, *args: Any, regions: Any, partners: Any, leaders: Any | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]
        if leaders is None:
            del self.fields["leaders"]
        else:
            self.fields["leaders"].queryset = leaders  # type: ignore[attr-defined]
            self.fields["leaders"].label_from_instance = lambda sl: sl.name  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class HeldForm(forms.Form):
    occurred_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendance = forms.IntegerField(label=_("Attendance"), min_value=0, help_text=_("How many people attended."))


class AssessmentForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    fiscal_year = forms.IntegerField(label=_("Federal fiscal year"), help_text=_("FY2026 runs from 1 October 2025 to 30 September 2026."))
    notes = forms.CharField(label=_("Notes"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]


class AssessmentNotesForm(forms.Form):
    notes = forms.CharField(label=_("Notes"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 6}))


class IndustryForm(forms.Form):
    naics_code = forms.ChoiceField(label=_("Industry (NAICS 2022)"))
    establishments = forms.IntegerField(label=_("Establishments (estimate)"), min_value=0, required=False)
    workers = forms.IntegerField(label=_("Workers (estimate)"), min_value=0, required=False)
    factors = forms.MultipleChoiceField(
        label=_("Vulnerability factors present"), required=False, widget=CHECKBOXES,
        help_text=_("The score is the sum of the weights (in brackets) of the factors present, at most 100."),
    )
    notes = forms.CharField(label=_("Notes"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, with_code: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["naics_code"].choices = catalog.naics_choices()  # type: ignore[attr-defined]
        else:
            del self.fields["naics_code"]
        self.fields["factors"].choices = catalog.factor_choices()  # type: ignore[attr-defined]
