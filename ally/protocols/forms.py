"""Forms of the protocol and agreement pages. They shape input; the actions decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ally.protocols.models import AgreementKind, ProtocolTopic
from ally.protocols.queries import BINDABLE_ROLES
from ally.tenancy.models import Organization
from ally.tenancy.vocab import Discipline, TaskForceRoleKind

DATE = forms.DateInput(attrs={"type": "date"})
CHECKBOXES = forms.CheckboxSelectMultiple


class OrganizationChoices(forms.ModelMultipleChoiceField[Organization]):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class RequirementsMixin(forms.Form):
    required_organizations = OrganizationChoices(
        queryset=Organization.objects.none(), required=False, widget=CHECKBOXES,
        label=_("These organizations must acknowledge it"),
    )
    required_disciplines = forms.MultipleChoiceField(
        choices=Discipline.choices, required=False, widget=CHECKBOXES,
        label=_("Every organization of these disciplines must acknowledge it"),
    )
    required_roles = forms.MultipleChoiceField(
        choices=[(r.value, r.label) for r in TaskForceRoleKind if r in BINDABLE_ROLES], required=False,
        widget=CHECKBOXES, label=_("Every holder of these task-force roles must acknowledge it personally"),
    )

    def set_organizations(self, organizations: QuerySet[Organization]) -> None:
        self.fields["required_organizations"].queryset = organizations  # type: ignore[attr-defined]

    def requirement_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "required_organizations": list(data["required_organizations"]),
            "required_disciplines": data["required_disciplines"],
            "required_roles": data["required_roles"],
        }


class ProtocolForm(RequirementsMixin):
    topic = forms.ChoiceField(label=_("Topic"), choices=ProtocolTopic.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 24}), max_length=100_000,
        help_text=_("Replace every [bracketed] place with your task force's own names, numbers and contacts."),
    )
    effective_on = forms.DateField(label=_("Effective date"), widget=DATE)
    template = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["topic", "title", "body", "effective_on"]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"topic": data["topic"], "title": data["title"], "body": data["body"],
                "effective_on": data["effective_on"], **self.requirement_values()}


class PublishForm(RequirementsMixin):
    body = forms.CharField(label=_("Text of the new version"), widget=forms.Textarea(attrs={"rows": 24}), max_length=100_000)
    summary = forms.CharField(
        label=_("Summary of changes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("What changed and why, in a sentence or two. Everyone asked to acknowledge reads it first."),
    )
    effective_on = forms.DateField(label=_("Effective date"), widget=DATE)
    based_on = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["body", "summary", "effective_on"]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"body": data["body"], "summary": data["summary"], "effective_on": data["effective_on"],
                "based_on": data["based_on"], **self.requirement_values()}


class AcknowledgeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    acknowledge_as = forms.ChoiceField(label=_("Acknowledge as"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, options: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["acknowledge_as"].choices = options  # type: ignore[attr-defined]
        if len(options) == 1:
            self.fields["acknowledge_as"].initial = options[0][0]


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices)
    parties = OrganizationChoices(queryset=Organization.objects.none(), widget=CHECKBOXES, label=_("Parties"), required=False)
    task_force_is_party = forms.BooleanField(label=_("The task force itself is a party"), required=False)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    effective_on = forms.DateField(label=_("In effect from"), widget=DATE)
    expires_on = forms.DateField(
        label=_("Expires on"), widget=DATE, required=False, help_text=_("Leave empty for an open-ended agreement."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False,
        help_text=_("Every member of the task force reads these: no survivor's details."),
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = organizations  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["parties"] = list(data["parties"])
        return data


class RenewForm(forms.Form):
    signed_on = forms.DateField(label=_("Renewal signed on"), widget=DATE)
    effective_on = forms.DateField(label=_("New term in effect from"), widget=DATE)
    expires_on = forms.DateField(
        label=_("New term expires on"), widget=DATE, required=False, help_text=_("Leave empty for an open-ended term."),
    )


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("No longer in effect from"), widget=DATE)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200, required=False,
                            help_text=_("For example: Signed MOU, 2025 renewal."))
    file = forms.FileField(
        label=_("The signed document (PDF, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
