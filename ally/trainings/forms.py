"""Forms of the training and roadmap pages. They shape input; the actions decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ally.accounts.models import User
from ally.tenancy.models import Organization, Region
from ally.tenancy.vocab import Discipline
from ally.trainings import catalog
from ally.trainings.models import Audience

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = forms.CheckboxSelectMultiple


class PersonChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    topics = forms.MultipleChoiceField(label=_("Topics"), widget=CHECKBOXES)
    disciplines = forms.MultipleChoiceField(label=_("Audience disciplines"), widget=CHECKBOXES, choices=Discipline.choices)
    trainer_name = forms.CharField(label=_("Trainer"), max_length=150)
    trainer_organization = forms.ModelChoiceField(
        label=_("Trainer's organization"), queryset=Organization.objects.none(), required=False,
        help_text=_("The organization of the task force that delivers the session, if any."),
    )
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.25"), max_value=Decimal(40), decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25"}), help_text=_("In quarter hours, at most 40."),
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    delivered_to = forms.ChoiceField(label=_("Delivered to"), choices=Audience.choices, widget=forms.RadioSelect)
    external_attendees = forms.IntegerField(
        label=_("Attendees from outside the task force"), min_value=0, max_value=100_000, initial=0, required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Every colleague of the task force reads these notes."),
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = catalog.topics().choices()  # type: ignore[attr-defined]
        self.fields["trainer_organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["external_attendees"] = data.get("external_attendees") or 0
        return data


class AttendanceForm(forms.Form):
    people = PersonChoiceField(
        label=_("Task-force participants who attended"), queryset=User.objects.none(), widget=CHECKBOXES, required=False
    )
    external_attendees = forms.IntegerField(
        label=_("Attendees from outside the task force"), min_value=0, max_value=100_000, required=False,
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


class WindowForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The window starts before it ends."))
        return data


class StartAssessmentForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2200)


def field_key(element: str) -> str:
    return element.replace(".", "-")


class AreaRatingForm(forms.Form):
    """Stage, goal stage, goal and progress notes of every element of one area."""

    def __init__(self, *args: Any, framework: catalog.Framework, area: catalog.Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stages = [("", _("Not rated"))] + [(str(s.value), f"{s.value} — {s.label()}") for s in framework.stages]
        self.area = area
        for element in area.elements:
            key = field_key(element.value)
            name = element.label()
            self.fields[f"{key}-stage"] = forms.TypedChoiceField(
                label=_("%(e)s: stage reached") % {"e": name}, choices=stages, coerce=int, empty_value=None, required=False
            )
            self.fields[f"{key}-goal_stage"] = forms.TypedChoiceField(
                label=_("%(e)s: goal stage") % {"e": name}, choices=stages, coerce=int, empty_value=None, required=False
            )
            self.fields[f"{key}-goal"] = forms.CharField(
                label=_("%(e)s: goal") % {"e": name}, max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"{key}-progress"] = forms.CharField(
                label=_("%(e)s: progress notes") % {"e": name}, max_length=4000, required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def groups(self) -> list[tuple[catalog.Element, list[Any]]]:
        return [
            (e, [self[f"{field_key(e.value)}-{f}"] for f in ("stage", "goal_stage", "goal", "progress")])
            for e in self.area.elements
        ]

    def ratings(self) -> dict[str, dict[str, Any]]:
        return {
            e.value: {f: self.cleaned_data[f"{field_key(e.value)}-{f}"] for f in ("stage", "goal_stage", "goal", "progress")}
            for e in self.area.elements
        }

    @staticmethod
    def initial_for(ratings: dict[str, Any], area: catalog.Area) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for element in area.elements:
            row = ratings.get(element.value)
            if row is None:
                continue
            for f in ("stage", "goal_stage", "goal", "progress"):
                initial[f"{field_key(element.value)}-{f}"] = getattr(row, f)
        return initial
