from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ally.protocols import text

register = template.Library()


@register.filter
def protocol_text(body: str) -> SafeString:
    """A protocol's text as HTML (headings, lists, paragraphs; everything escaped)."""
    return text.render(body or "")
