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


@register.filter
def need_level(value: str) -> str:
    """A need level's label (stored in the assessment's JSON, so not a model field's display)."""
    from ally.survivors.models import NeedLevel

    return str(NeedLevel(value).label) if value in NeedLevel.values else value


@register.filter
def groups(values: list[str]) -> str:
    """Field-group names as their labels: {{ consent.field_groups|groups }}."""
    from ally.survivors.fieldgroups import FieldGroup

    return ", ".join(str(FieldGroup(v).label) if v in FieldGroup.values else v for v in values)
