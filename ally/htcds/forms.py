"""The import form: one HTCDS file (CSV or XLSX)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ally.htcds.importer import MAX_BYTES, MAX_ROWS


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HTCDS file (CSV or XLSX)"),
        help_text=_("At most %(mb)s MB and %(rows)s clients. The first row names the columns.")
        % {"mb": MAX_BYTES // (1024 * 1024), "rows": MAX_ROWS},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; import it in parts.") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        content: bytes = upload.read()
        return content
