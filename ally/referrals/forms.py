"""Forms for sending and answering referrals. Meaning is checked by the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.referrals.models import DeclineReason, Urgency
from ally.survivors import vocabularies
from ally.survivors.fieldgroups import FieldGroup
from ally.tenancy.models import Organization, Region


class _Request(forms.Form):
    to_organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Send to an organization"), queryset=Organization.objects.none(), required=False
    )
    to_region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("Or to a region's navigator"), queryset=Region.objects.none(), required=False,
        help_text=_("The navigator finds a provider near the person and assigns it."),
    )
    services = forms.MultipleChoiceField(label=_("Services needed"), choices=[], widget=forms.CheckboxSelectMultiple)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.ROUTINE)
    note = forms.CharField(
        label=_("What the recipient should know"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what they need to answer. Never more than the person agreed to."),
    )

    def __init__(self, *args: Any, organizations: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["to_region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["services"].choices = vocabularies.choices("service_category")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("to_organization")) == bool(data.get("to_region")):
            raise forms.ValidationError(_("Choose one organization or one region's navigator."))
        return data


class PersonReferralForm(_Request):
    """A person encountered by law enforcement or another partner: the minimal form."""

    person_name = forms.CharField(label=_("Name or what the person goes by"), max_length=120, required=False)
    person_age = forms.CharField(label=_("Age or age range"), max_length=20, required=False)
    person_gender = forms.ChoiceField(label=_("Gender"), choices=[], required=False)
    person_languages = forms.CharField(label=_("Languages"), max_length=200, required=False)
    person_county = forms.CharField(label=_("County where the person is"), max_length=100, required=False)
    person_contact = forms.CharField(
        label=_("How to reach the person safely"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person_gender"].choices = [("", "—"), *vocabularies.choices("prs_Gender")]  # type: ignore[attr-defined]
        self.order_fields(["to_organization", "to_region", "services", "urgency", "person_name", "person_age",
                           "person_gender", "person_languages", "person_county", "person_contact", "note"])

    def person(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k.startswith("person_")}


class ClientReferralForm(_Request):
    """A provider's client: the record travels only as far as the client's consent allows."""

    field_groups = forms.MultipleChoiceField(
        label=_("Parts of the record the referral carries"), choices=FieldGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A consent in force must cover the recipient, these parts and referral for services."),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    note = forms.CharField(label=_("Note for the sender"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Why the referral is withdrawn"), required=False, max_length=500)


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    to_organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Assign to"), queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = organizations  # type: ignore[attr-defined]
