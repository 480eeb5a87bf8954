from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.accounts.models import User


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ["full_name", "title", "phone", "preferred_language"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    read_only = forms.BooleanField(label=_("Read only"), required=False, initial=True)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for 90 days. A token lasts at most a year."),
    )
