from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.notifications.kinds import EmailMode


class EmailModeForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("Emails about notifications"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "An email never says more than that something is waiting for you, with a link: "
            "you read the rest in Ally, after signing in."
        ),
    )
