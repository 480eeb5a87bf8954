"""Forms for prosecutions. They shape the input; the actions decide what it may mean."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.accounts.models import User
from ally.investigations.models import IdentifiedVictim, Subject
from ally.prosecutions.models import (
    CaseStatus,
    CourtEventKind,
    DeclineReason,
    Defendant,
    Disposition,
    Statute,
    StatuteCategory,
    StatuteJurisdiction,
)
from ally.tenancy.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class _SubjectChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        born = f" ({obj.date_of_birth.isoformat()})" if obj.date_of_birth else ""
        return f"{obj}{born}"


class _StatuteChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.citation} — {obj.title} ({obj.get_category_display()})"


class ReferForm(forms.Form):
    to_organization = forms.ModelChoiceField(label=_("Prosecutor's office"), queryset=Organization.objects.none())
    summary = forms.CharField(
        label=_("Summary for the prosecutor"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The office sees the case record, its subjects and its victims; the release is logged."),
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = offices  # type: ignore[attr-defined]


class _CaseFields(forms.Form):
    number = forms.CharField(label=_("Docket or case number"), max_length=60)
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), choices=StatuteJurisdiction.choices)
    court = forms.CharField(label=_("Court"), max_length=200, required=False)
    prosecutor = _PersonChoice(label=_("Assigned prosecutor"), queryset=User.objects.none(), required=False)
    opened_on = forms.DateField(label=_("Opened on"), required=False, widget=DATE,
                                help_text=_("Leave empty for today."))

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prosecutor"].queryset = members  # type: ignore[attr-defined]


class AcceptForm(_CaseFields):
    pass


class OpenCaseForm(_CaseFields):
    organization = forms.ModelChoiceField(label=_("Office"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = offices  # type: ignore[attr-defined]
        self.order_fields(["organization", "number", "jurisdiction", "court", "prosecutor", "opened_on"])


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           help_text=_("Required when the reason is \"other\". The referring agency sees it."))


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), max_length=500, required=False)


class UpdateCaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)
    court = forms.CharField(label=_("Court"), max_length=200, required=False)
    prosecutor = _PersonChoice(label=_("Assigned prosecutor"), queryset=User.objects.none(), required=False)
    closed_on = forms.DateField(label=_("Closed on"), required=False, widget=DATE,
                                help_text=_("Only for a closed case; empty means today."))

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prosecutor"].queryset = members  # type: ignore[attr-defined]


class DefendantForm(forms.Form):
    subject = _SubjectChoice(label=_("A subject of the investigation"), queryset=Subject.objects.none(), required=False,
                             help_text=_("Or name the defendant below."))
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)

    def __init__(self, *args: Any, subjects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("subject") and not data.get("family_name"):
            raise forms.ValidationError(_("Choose a subject or give the defendant's family name."))
        return data


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ChargeForm(forms.Form):
    defendant = forms.ModelChoiceField(label=_("Defendant"), queryset=Defendant.objects.none())
    statute = _StatuteChoice(label=_("Statute"), queryset=Statute.objects.none())
    counts = forms.IntegerField(label=_("Counts"), min_value=1, max_value=999, initial=1)
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)

    def __init__(self, *args: Any, defendants: Any, statutes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["defendant"].queryset = defendants  # type: ignore[attr-defined]
        self.fields["statute"].queryset = statutes  # type: ignore[attr-defined]


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=[c for c in Disposition.choices if c[0] != Disposition.PENDING]
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    sentence_months = forms.IntegerField(label=_("Sentence (months of custody)"), min_value=0, max_value=2000, required=False)
    sentence_note = forms.CharField(label=_("Sentence"), max_length=300, required=False,
                                    help_text=_("Only after a guilty plea or a conviction, e.g. probation, fine, restitution."))


class CourtEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=CourtEventKind.choices)
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Place"), max_length=300)
    victim_testimony_expected = forms.BooleanField(label=_("Victim testimony expected"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ChangeCourtEventForm(CourtEventForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why it is cancelled"), max_length=400)


class CaseVictimForm(forms.Form):
    victim = forms.ModelChoiceField(label=_("Identified victim"), queryset=IdentifiedVictim.objects.none())

    def __init__(self, *args: Any, victims: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].queryset = victims  # type: ignore[attr-defined]


class StatuteForm(forms.Form):
    citation = forms.CharField(label=_("Citation"), max_length=80)
    title = forms.CharField(label=_("Title"), max_length=300)
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), choices=StatuteJurisdiction.choices)
    state = forms.CharField(label=_("State (two letters)"), max_length=2, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=StatuteCategory.choices)


class StatuteEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    category = forms.ChoiceField(label=_("Category"), choices=StatuteCategory.choices)
    is_active = forms.BooleanField(label=_("In use (new charges may be filed under it)"), required=False)
