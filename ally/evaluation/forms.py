"""The evaluation extract's options: k and the intake fiscal years."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.core.errors import InvalidInput
from ally.evaluation import extract


class ExtractForm(forms.Form):
    k = forms.IntegerField(
        label=_("k (smallest group released)"),
        help_text=_("Every released combination of the extract's columns covers at least this many client records (2 or more). k counts records, not people: a survivor served by two organizations has two records."),
        initial=5,
    )
    first_year = forms.CharField(
        label=_("Intake from fiscal year"), required=False, max_length=6,
        help_text=_("Like FY2025 (October 2024 – September 2025). Blank: from the first."),
    )
    last_year = forms.CharField(
        label=_("Intake to fiscal year"), required=False, max_length=6,
        help_text=_("Like FY2026. Blank: to the latest."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            data["options"] = extract.options(data.get("k"), data.get("first_year"), data.get("last_year"))
        except InvalidInput as error:
            raise forms.ValidationError(str(error)) from None
        return data
