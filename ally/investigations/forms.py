"""Forms of the law-enforcement pages. They shape the input; the actions judge its meaning (a
malformed phone, an operation ending before it starts, a purge of an open case are refused there).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ally.accounts.models import User
from ally.investigations.actions.tips import TRIAGE_STATUSES
from ally.investigations.models import (
    ArrestKind,
    IdentifierKind,
    Investigation,
    InvestigationStatus,
    InvestigationType,
    OperationKind,
    Subject,
    TipSource,
    TipStatus,
)
from ally.survivors import vocabularies
from ally.tenancy.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _vocab(id: str, blank: bool = True) -> list[tuple[str, str]]:
    values = vocabularies.choices(id)
    return [("", "—"), *values] if blank else values


def indicator_choices() -> list[tuple[str, str]]:
    """The screening instrument's indicators, labelled in the reader's language."""
    from ally.investigations.actions.tips import indicator_ids
    from ally.survivors.screening.instrument import load_instrument

    language = (get_language() or "en").split("-")[0]
    known = indicator_ids()
    return [(i.id, i.label.get(language)) for i in load_instrument().indicators if i.id in known]


def indicator_labels(values: list[str]) -> list[str]:
    labels = dict(indicator_choices())
    return [labels.get(v, v) for v in values]


class _Org(forms.Form):
    """A user acting for more than one investigating agency chooses which."""

    organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(label=_("For the agency"), queryset=Organization.objects.none(), required=True)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations  # type: ignore[attr-defined]
        self._only = organizations[0] if len(organizations) == 1 else None
        if self._only is not None:
            field.initial = self._only.pk
            field.required = False
            field.widget = forms.HiddenInput()

    def clean_organization(self) -> Any:
        return self.cleaned_data.get("organization") or self._only


class TipForm(_Org):
    source = forms.ChoiceField(label=_("Source"), choices=TipSource.choices)
    received_at = forms.DateTimeField(
        label=_("Received"), required=False, widget=DATETIME, help_text=_("Leave empty for now.")
    )
    narrative = forms.CharField(label=_("What was reported"), widget=forms.Textarea(attrs={"rows": 5}))
    location = forms.CharField(label=_("Location"), max_length=300, required=False)
    county = forms.CharField(label=_("County"), max_length=100, required=False)
    industry = forms.ChoiceField(label=_("Industry"), choices=[], required=False)
    trafficking_type = forms.ChoiceField(label=_("Trafficking type"), choices=[], required=False)
    indicators = forms.MultipleChoiceField(
        label=_("Indicators"), choices=[], required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = _vocab("trafficking_industry")  # type: ignore[attr-defined]
        self.fields["trafficking_type"].choices = _vocab("trafficking_type")  # type: ignore[attr-defined]
        self.fields["indicators"].choices = indicator_choices()  # type: ignore[attr-defined]


class TipTriageForm(forms.Form):
    status = forms.ChoiceField(label=_("Triage status"), choices=[])
    assigned_to: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none(), required=False)
    reason = forms.CharField(label=_("Reason (when closing)"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(TipStatus.choices)
        self.fields["status"].choices = [(s.value, labels[s.value]) for s in TRIAGE_STATUSES]  # type: ignore[attr-defined]
        self.fields["assigned_to"].queryset = members  # type: ignore[attr-defined]


class TipJoinForm(forms.Form):
    investigation: forms.ModelChoiceField[Investigation] = forms.ModelChoiceField(label=_("Investigation"), queryset=Investigation.objects.none())

    def __init__(self, *args: Any, investigations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigation"].queryset = investigations  # type: ignore[attr-defined]
        self.fields["investigation"].label_from_instance = lambda i: f"{i.number} — {i.title}"  # type: ignore[attr-defined]


class _InvestigationFields(forms.Form):
    title = forms.CharField(label=_("Case name"), max_length=200)
    trafficking_type = forms.ChoiceField(label=_("Type"), choices=InvestigationType.choices)
    industry = forms.ChoiceField(label=_("Industry"), choices=[], required=False)
    lead_investigator: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Lead investigator"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = _vocab("trafficking_industry")  # type: ignore[attr-defined]
        self.fields["lead_investigator"].queryset = members  # type: ignore[attr-defined]


class InvestigationForm(_InvestigationFields):
    suspicion_basis = forms.CharField(
        label=_("Basis for reasonable suspicion"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("28 CFR Part 23: the facts that give reasonable suspicion of criminal activity."),
    )
    opened_on = forms.DateField(label=_("Opened on"), required=False, widget=DATE, help_text=_("Leave empty for today."))
    number = forms.CharField(label=_("Case number"), max_length=40, required=False,
                             help_text=_("Leave empty to number it automatically."))


class InvestigationEditForm(_InvestigationFields):
    version = forms.IntegerField(widget=forms.HiddenInput())


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InvestigationStatus.choices)
    reason = forms.CharField(label=_("Reason for closing"), max_length=500, required=False)
    on = forms.DateField(label=_("Closed on"), required=False, widget=DATE)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Validation note"), max_length=500,
                           help_text=_("Why the record still meets the reasonable-suspicion standard."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class PartnerForm(forms.Form):
    organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(label=_("Partner agency"), queryset=Organization.objects.none())
    reason = forms.CharField(label=_("Right to know and need to know"), max_length=500)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]


class DisseminationForm(forms.Form):
    to_organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(label=_("To an agency"), queryset=Organization.objects.none(), required=False)
    to_person = forms.CharField(label=_("Or to a person"), max_length=200, required=False)
    what = forms.CharField(label=_("What was released"), max_length=300)
    reason = forms.CharField(label=_("Right to know and need to know"), max_length=500)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = organizations  # type: ignore[attr-defined]


class SubjectForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    aliases = forms.CharField(label=_("Aliases"), max_length=1000, required=False,
                              help_text=_("Separate several with commas."))
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    gender = forms.ChoiceField(label=_("Gender"), choices=[], required=False)
    roles = forms.MultipleChoiceField(label=_("Role in the trafficking process"), choices=[], required=False,
                                      widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = _vocab("prs_Gender")  # type: ignore[attr-defined]
        self.fields["roles"].choices = _vocab("per_RoleInProcess", blank=False)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["aliases"] = [a.strip() for a in (data.get("aliases") or "").split(",") if a.strip()]
        return data


class IdentifierForm(forms.Form):
    """One form for every kind: fill in the fields of the chosen kind."""

    kind = forms.ChoiceField(label=_("Kind"), choices=IdentifierKind.choices)
    subject: forms.ModelChoiceField[Subject] = forms.ModelChoiceField(label=_("Belongs to subject"), queryset=Subject.objects.none(), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.CharField(label=_("Email"), max_length=254, required=False)
    plate = forms.CharField(label=_("Vehicle plate"), max_length=20, required=False)
    platform = forms.CharField(label=_("Account platform"), max_length=60, required=False,
                               help_text=_("For example instagram."))
    handle = forms.CharField(label=_("Account handle"), max_length=200, required=False)
    url = forms.CharField(label=_("Ad or web address"), max_length=300, required=False)
    street = forms.CharField(label=_("Street address"), max_length=200, required=False)
    business_name = forms.CharField(label=_("Business name"), max_length=200, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    city = forms.CharField(label=_("City"), max_length=100, required=False,
                           help_text=_("For an address or a business."))
    state = forms.CharField(label=_("State"), max_length=2, required=False,
                            help_text=_("Two letters: for a plate, an address or a business."))
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False,
                               help_text=_("For an address or a business."))

    def __init__(self, *args: Any, subjects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects  # type: ignore[attr-defined]

    def identifier(self) -> tuple[str, str, dict[str, Any]]:
        """(kind, value, details) as ``add_identifier`` takes them."""
        d = self.cleaned_data
        kind = d["kind"]
        place = {"city": d.get("city", ""), "state": d.get("state", ""), "zip": d.get("zip_code", "")}
        if kind == IdentifierKind.PHONE:
            return kind, d["phone"], {}
        if kind == IdentifierKind.EMAIL:
            return kind, d["email"], {}
        if kind == IdentifierKind.VEHICLE:
            return kind, d["plate"], {"state": d.get("state", "")}
        if kind == IdentifierKind.ACCOUNT:
            return kind, d["handle"], {"platform": d.get("platform", "")}
        if kind == IdentifierKind.URL:
            return kind, d["url"], {}
        if kind == IdentifierKind.ADDRESS:
            return kind, d["street"], place
        if kind == IdentifierKind.BUSINESS:
            return kind, d["business_name"], place
        born = d.get("date_of_birth")
        return kind, "", {"given_name": d.get("given_name", ""), "family_name": d.get("family_name", ""),
                          "date_of_birth": born.isoformat() if born else ""}


class VictimForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    is_minor = forms.BooleanField(label=_("A minor when identified"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=[], required=False)
    citizenship = forms.ChoiceField(label=_("Citizenship"), choices=[], required=False)
    trafficking_type = forms.ChoiceField(label=_("Trafficking type"), choices=[], required=False)
    languages = forms.CharField(label=_("Languages"), max_length=200, required=False)
    identified_on = forms.DateField(label=_("Identified on"), required=False, widget=DATE,
                                    help_text=_("Leave empty for today."))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = _vocab("prs_Gender")  # type: ignore[attr-defined]
        self.fields["citizenship"].choices = _vocab("citizenship_status")  # type: ignore[attr-defined]
        self.fields["trafficking_type"].choices = _vocab("trafficking_type")  # type: ignore[attr-defined]


class VictimLinkForm(forms.Form):
    client_number = forms.IntegerField(
        label=_("Client number"), min_value=1,
        help_text=_("The number of a client the survivor's provider shared with your agency."),
    )


class ArrestForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"), choices=[])
    kind = forms.ChoiceField(label=_("Kind"), choices=ArrestKind.choices)
    on = forms.DateField(label=_("Date"), widget=DATE)
    offense = forms.CharField(label=_("Offense"), max_length=300)
    agency: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(label=_("Arresting agency"), queryset=Organization.objects.none(), required=False,
                                    help_text=_("Leave empty for the agency that owns the case."))
    reason = forms.CharField(
        label=_("Stated reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for an identified victim: the task force reviews every arrest or charge of a "
                    "victim so that it can see and reduce the criminalization of survivors."),
    )

    def __init__(self, *args: Any, subjects: Any, victims: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            (_("Subjects"), [(f"s{s.pk}", str(s)) for s in subjects]),
            (_("Identified victims"), [(f"v{v.pk}", str(v)) for v in victims]),
        ]
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class OperationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=OperationKind.choices)
    name = forms.CharField(label=_("Operation name"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME,
                                    help_text=_("In the task force's time zone."))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=300, required=False)
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False,
                               help_text=_("Give a ZIP code, or the latitude and longitude."))
    latitude = forms.FloatField(label=_("Latitude"), required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False)
    radius_m = forms.IntegerField(label=_("Radius (meters)"), initial=200)
    contact: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Operation contact"), queryset=User.objects.none(), required=False)
    expected_victims = forms.IntegerField(label=_("Expected number of potential victims"), min_value=0, initial=0)
    expected_genders = forms.MultipleChoiceField(label=_("Their gender"), choices=[], required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    expected_languages = forms.CharField(label=_("Their languages"), max_length=200, required=False)
    minors_expected = forms.BooleanField(label=_("Minors expected"), required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = members  # type: ignore[attr-defined]
        self.fields["expected_genders"].choices = _vocab("prs_Gender", blank=False)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("zip_code"):
            from ally.core.errors import InvalidInput
            from ally.network.places import zip_place

            try:
                place = zip_place(data["zip_code"])
            except InvalidInput as error:
                self.add_error("zip_code", str(error))
            else:
                data["latitude"], data["longitude"] = place.latitude, place.longitude
        elif (data.get("latitude") is None or data.get("longitude") is None) and not (
            "latitude" in self.errors or "longitude" in self.errors
        ):
            raise forms.ValidationError(_("Give a ZIP code, or the latitude and longitude."))
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("zip_code", None)
        data.pop("version", None)
        data.pop("organization", None)
        data.pop("investigation", None)
        return data


class OperationPlanForm(OperationForm, _Org):
    investigation: forms.ModelChoiceField[Investigation] = forms.ModelChoiceField(label=_("Investigation"), queryset=Investigation.objects.none(), required=False)

    def __init__(self, *args: Any, investigations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigation"].queryset = investigations  # type: ignore[attr-defined]
        self.fields["investigation"].label_from_instance = lambda i: i.number  # type: ignore[attr-defined]
        self.order_fields(["organization", "investigation"])


class OperationEditForm(OperationForm):
    version = forms.IntegerField(widget=forms.HiddenInput())


class HeadsUpForm(forms.Form):
    to_organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(label=_("Victim-service provider"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = providers  # type: ignore[attr-defined]
