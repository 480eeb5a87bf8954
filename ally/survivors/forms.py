from __future__ import annotations

import base64
import binascii
from typing import Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

from ally.survivors import vocabularies
from ally.survivors.actions import VOCABULARY_OF
from ally.survivors.fieldgroups import CLIENT_FIELDS, FieldGroup
from ally.tenancy.models import Organization

# The intake form: the fields an advocate fills at a first meeting. Editing shows every field.
INTAKE_FIELDS = [
    "legal_name",
    "preferred_name",
    "date_of_birth",
    "estimated_age",
    "phone",
    "email",
    "city",
    "state",
    "safe_contact_instructions",
    "gender",
    "citizenship_status",
    "country_of_origin",
    "minor_at_intake",
    "trafficking_type",
    "trafficking_status",
    "labor_industry",
    "methods_of_control",
    "exploitation_types",
    "legal_needs",
    "case_status",
    "intake_date",
    "referral_source",
]
ALL_FIELDS = list(CLIENT_FIELDS)
MULTI = {"methods_of_control", "exploitation_types", "legal_needs", "disabilities", "recruitment_methods"}
# Free-text lists: one alias per line, languages separated by commas.
LINES, COMMAS = {"aliases"}, {"languages"}
TEXT_FIELDS = (
    "preferred_name", "phone", "email", "street", "city", "state", "zip_code", "safe_contact_instructions",
    "country_of_origin", "recruitment",
)
DATE = forms.DateInput(attrs={"type": "date"})


class ClientForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    preferred_name = forms.CharField(label=_("Preferred name"), max_length=200, required=False)
    aliases = forms.CharField(
        label=_("Aliases and other names"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    estimated_age = forms.IntegerField(label=_("Estimated age"), required=False, min_value=0, max_value=120)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    street = forms.CharField(label=_("Street address"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    state = forms.CharField(label=_("State"), max_length=2, required=False)
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False)
    safe_contact_instructions = forms.CharField(
        label=_("Safe contact instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    country_of_origin = forms.CharField(label=_("Country of origin"), max_length=100, required=False)
    languages = forms.CharField(
        label=_("Languages"), max_length=300, required=False, help_text=_("Separated by commas, e.g. Spanish, K'iche'.")
    )
    minor_at_intake = forms.BooleanField(label=_("Minor at intake"), required=False)
    age_when_trafficked = forms.IntegerField(label=_("Age when trafficked"), required=False, min_value=0, max_value=120)
    status_determined_on = forms.DateField(label=_("Status determined on"), required=False, widget=DATE)
    recruitment = forms.CharField(
        label=_("How the survivor was recruited"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    intake_date = forms.DateField(label=_("Intake date"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, full: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Vocabulary fields, labelled in the reader's language.
        labels = {
            "gender": _("Gender"),
            "citizenship_status": _("Citizenship status"),
            "disabilities": _("Disabilities"),
            "trafficking_type": _("Trafficking type"),
            "trafficking_status": _("Trafficking status"),
            "status_determined_by": _("Status determined by"),
            "labor_industry": _("Labor industry"),
            "methods_of_control": _("Methods of control"),
            "exploitation_types": _("Types of exploitation"),
            "recruitment_methods": _("Methods of recruitment"),
            "legal_needs": _("Legal and immigration needs"),
            "case_status": _("Case status"),
            "referral_source": _("Referral source"),
        }
        for name, label in labels.items():
            choices = vocabularies.choices(VOCABULARY_OF[name])
            if name in MULTI:
                self.fields[name] = forms.MultipleChoiceField(
                    label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
                )
            else:
                required = name in {"trafficking_type", "case_status"}
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=choices if required else [("", "—"), *choices], required=required
                )
        shown = ALL_FIELDS if full else INTAKE_FIELDS
        for name in set(ALL_FIELDS) - set(shown):
            del self.fields[name]
        self.order_fields([*shown, "version"])

    @classmethod
    def initial_for(cls, client: Any) -> dict[str, Any]:
        initial = {name: getattr(client, name) for name in ALL_FIELDS}
        initial["aliases"] = "\n".join(client.aliases)
        initial["languages"] = ", ".join(client.languages)
        initial["version"] = client.version
        return initial

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The visible fields under their field group's name, in the order of the groups."""
        return [
            (str(group.label), [self[name] for name, g in CLIENT_FIELDS.items() if g == group and name in self.fields])
            for group in FieldGroup
            if any(g == group and name in self.fields for name, g in CLIENT_FIELDS.items())
        ]

    def values(self) -> dict[str, Any]:
        """The cleaned values as the actions take them."""
        data = {k: v for k, v in self.cleaned_data.items() if k in CLIENT_FIELDS and k in self.fields}
        for name in TEXT_FIELDS:
            if name in data:
                data[name] = data[name] or ""
        if "state" in data:
            data["state"] = data["state"].upper()
        for name in LINES & set(data):
            data[name] = [line.strip() for line in (data[name] or "").splitlines() if line.strip()]
        for name in COMMAS & set(data):
            data[name] = [part.strip() for part in (data[name] or "").split(",") if part.strip()]
        return data


class ConsentForm(forms.Form):
    recipients: forms.ModelMultipleChoiceField[Organization] = forms.ModelMultipleChoiceField(
        label=_("Organizations the information may go to"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    field_groups = forms.MultipleChoiceField(
        label=_("What the client agrees to share"), choices=[], widget=forms.CheckboxSelectMultiple
    )
    purposes = forms.MultipleChoiceField(
        label=_("For what purposes"), choices=[], widget=forms.CheckboxSelectMultiple
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Required: a consent is always time-limited."),
    )
    signature_method = forms.ChoiceField(label=_("How it was signed"), choices=[])
    guardian_name = forms.CharField(
        label=_("Parent or guardian who also signed (for a minor)"), max_length=200, required=False
    )
    guardian_relationship = forms.CharField(label=_("Relationship"), max_length=100, required=False)
    guardian_suspected_abuser = forms.BooleanField(
        label=_("This parent or guardian is suspected of abusing the client"), required=False
    )
    minor_consents_alone_basis = forms.CharField(
        label=_("If the minor may lawfully consent alone: under which rule"), max_length=300, required=False
    )
    language = forms.ChoiceField(label=_("Language of the form"), choices=[("en", "English"), ("es", "Español")])
    interpreter = forms.CharField(label=_("Interpreter"), max_length=200, required=False)
    signed_form = forms.FileField(
        label=_("The signed form (PDF, PNG or JPEG, at most 10 MB)"), required=False,
        help_text=_("You can also attach it later from the client's page."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
    # An in-person e-signature drawn on the screen, as a PNG data URL (filled by ally.js).
    signature_image = forms.CharField(widget=forms.HiddenInput, required=False, max_length=3_000_000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        drawn = data.get("signature_image") or ""
        if drawn and not data.get("signed_form"):
            data["signed_form"] = drawn_signature(drawn)
            if data["signed_form"] is None:
                self.add_error(None, _("The drawn signature could not be read. Ask the client to sign again."))
        return data

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        from ally.survivors.fieldgroups import FieldGroup
        from ally.survivors.models import SignatureMethod

        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["field_groups"].choices = FieldGroup.choices  # type: ignore[attr-defined]
        self.fields["purposes"].choices = vocabularies.choices("consent_purpose")  # type: ignore[attr-defined]
        self.fields["signature_method"].choices = SignatureMethod.choices  # type: ignore[attr-defined]


class ShareForm(forms.Form):
    recipient: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Share with"), queryset=Organization.objects.none()
    )
    field_groups = forms.MultipleChoiceField(
        label=_("What to share"), choices=[], widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=[])
    expires_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to share until the consent ends."),
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        from ally.survivors.fieldgroups import FieldGroup

        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["field_groups"].choices = FieldGroup.choices  # type: ignore[attr-defined]
        self.fields["purpose"].choices = vocabularies.choices("consent_purpose")  # type: ignore[attr-defined]


class ServiceForm(forms.Form):
    """The one short form for a routine service, on the client's page."""

    category = forms.ChoiceField(label=_("Service"), choices=[])
    delivered_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    units = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=8, decimal_places=2, initial=1)
    unit = forms.ChoiceField(label=_("Unit"), choices=[])
    outcome = forms.CharField(label=_("Outcome"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ally.survivors.models.care import ServiceUnit

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = vocabularies.choices("service_category")  # type: ignore[attr-defined]
        self.fields["unit"].choices = ServiceUnit.choices  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    note_type = forms.ChoiceField(label=_("Type"), choices=[])
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    sensitive = forms.BooleanField(
        label=_("Sensitive: only the assigned advocates and supervisors may read it"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note_type"].choices = vocabularies.choices("case_note_type")  # type: ignore[attr-defined]


class SignedFormUpload(forms.Form):
    signed_form = forms.FileField(
        label=_("The signed form (PDF, PNG or JPEG, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )


class CompelledDisclosureForm(forms.Form):
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=[])
    citation = forms.CharField(
        label=_("Statute, order or subpoena"), max_length=300,
        help_text=_("E.g. the statute section, or the court and docket number."),
    )
    field_groups = forms.MultipleChoiceField(
        label=_("What was disclosed"), choices=[], widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Details of what was disclosed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recipient = forms.CharField(label=_("Disclosed to"), max_length=200)
    disclosed_on = forms.DateField(label=_("Disclosed on"), widget=forms.DateInput(attrs={"type": "date"}))
    notify_within_days = forms.IntegerField(
        label=_("Tell the survivor within (days)"), min_value=0, max_value=90, initial=3
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ally.survivors.fieldgroups import FieldGroup
        from ally.survivors.models import LegalBasis

        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].choices = LegalBasis.choices  # type: ignore[attr-defined]
        self.fields["field_groups"].choices = FieldGroup.choices  # type: ignore[attr-defined]


class TaskOutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("How the survivor was told (or why it was not safe to)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdvocateForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Assign an advocate"), queryset=None)  # type: ignore[var-annotated]

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = lambda user: user.full_name or user.email  # type: ignore[attr-defined]


def drawn_signature(data_url: str) -> SimpleUploadedFile | None:
    """A signature drawn on the signature pad (a PNG data URL) as an uploaded file, or None."""
    prefix = "data:image/png;base64,"
    if not data_url.startswith(prefix):
        return None
    try:
        content = base64.b64decode(data_url[len(prefix):], validate=True)
    except (ValueError, binascii.Error):
        return None
    return SimpleUploadedFile("signature.png", content, content_type="image/png")
