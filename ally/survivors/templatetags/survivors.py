from __future__ import annotations

from django import template

from ally.survivors import vocabularies

register = template.Library()


@register.filter
def vocab(value: str, vocabulary_id: str) -> str:
    """A vocabulary value's label in the reader's language: {{ client.case_status|vocab:"cas_Status" }}."""
    if not value:
        return "—"
    return vocabularies.label(vocabulary_id, value) if vocabularies.is_valid(vocabulary_id, value) else value
