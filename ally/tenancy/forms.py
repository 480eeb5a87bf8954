from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.tenancy.actions._common import CLASSIFICATION_FIELDS
from ally.tenancy.models import Organization, Region
from ally.tenancy.vocab import Discipline, MembershipRole, TaskForceKind, TaskForceRoleKind


class OrganizationForm(forms.ModelForm):  # type: ignore[type-arg]
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            "name",
            "discipline",
            "agency_type",
            "jurisdiction",
            "street",
            "city",
            "state",
            "zip_code",
            "phone",
            "email",
            "confidential_address",
            "regions_served",
        ]
        widgets = {"regions_served": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, regions: Any, lock_classification: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions_served"].queryset = regions  # type: ignore[attr-defined]
        if lock_classification:
            for name in CLASSIFICATION_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Only the task force's coordinator changes this.")

    def validate_unique(self) -> None:
        # The action checks uniqueness inside its transaction and says so clearly.
        pass


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class TaskForceInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Task-force role"),
        choices=[c for c in TaskForceRoleKind.choices if c[0] != TaskForceRoleKind.NAVIGATOR],
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not a common password."),
    )


class TaskForceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=TaskForceKind.choices)
    states = forms.CharField(
        label=_("States"), help_text=_("Two-letter codes, separated by commas (e.g. WI, MN).")
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        help_text=_("Fiscal quarters begin at midnight in this zone, e.g. America/Chicago."),
    )
    co_lead_organizations = forms.ModelMultipleChoiceField(
        label=_("Co-lead organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        from ally.tenancy.actions.task_forces import LIMITS
        from ally.tenancy.models import TaskForce

        super().__init__(*args, **kwargs)
        self.fields["co_lead_organizations"].queryset = organizations  # type: ignore[attr-defined]
        for name, (low, high) in LIMITS.items():
            label = str(getattr(TaskForce._meta.get_field(name), "verbose_name", name))
            self.fields[name] = forms.IntegerField(label=label[:1].upper() + label[1:], min_value=low, max_value=high)

    def limits(self) -> dict[str, int]:
        from ally.tenancy.actions.task_forces import LIMITS

        return {name: self.cleaned_data[name] for name in LIMITS}

    def states_list(self) -> list[str]:
        text: str = self.cleaned_data["states"]
        return [s.strip() for s in text.replace(" ", ",").split(",") if s.strip()]


class RegionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    counties = forms.CharField(
        label=_("Counties"), help_text=_("Separate with commas."), widget=forms.Textarea(attrs={"rows": 2})
    )
    zip_codes = forms.CharField(
        label=_("ZIP codes"),
        required=False,
        help_text=_("Five-digit ZIP codes, separated by commas or spaces."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def counties_list(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["counties"].split(",")]

    def zip_list(self) -> list[str]:
        text: str = self.cleaned_data["zip_codes"]
        return text.replace(",", " ").split()


class TaskForceRoleForm(forms.Form):
    email = forms.EmailField(label=_("Person's email"))
    role = forms.ChoiceField(label=_("Role"), choices=TaskForceRoleKind.choices)
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions (navigators)"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = regions  # type: ignore[attr-defined]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    discipline = forms.ChoiceField(
        label=_("Discipline"), choices=[("", _("All disciplines")), *Discipline.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, empty_label=_("All regions")
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All organizations"),
    )

    def __init__(self, *args: Any, regions: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
