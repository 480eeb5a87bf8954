"""A protocol's text as HTML: a small, safe subset of Markdown (headings, numbered and bulleted
lists, paragraphs). Everything is escaped; nothing else is interpreted."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")


def render(body: str) -> SafeString:
    """``# `` becomes a level-2 heading (the page's own <h1> is the protocol's title), ``## ``
    level 3, ``### `` level 4; "1. " lines a numbered list, "- " lines a bulleted list; an
    indented line continues the list item above it; other lines make paragraphs."""
    out: list[str] = []
    open_list = ""
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            out.append(f"<p>{escape(' '.join(paragraph))}</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal open_list
        if open_list:
            out.append(f"</li></{open_list}>")
            open_list = ""

    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            close_paragraph()
            close_list()
            continue
        if open_list and raw[:1] in (" ", "\t") and not (_NUMBERED.match(line) or _BULLET.match(line)):
            out.append(" " + str(escape(line)))
            continue
        heading, numbered, bullet = _HEADING.match(line), _NUMBERED.match(line), _BULLET.match(line)
        if heading:
            close_paragraph()
            close_list()
            level = len(heading.group(1)) + 1
            out.append(f"<h{level}>{escape(heading.group(2))}</h{level}>")
        elif numbered or bullet:
            close_paragraph()
            kind = "ol" if numbered else "ul"
            item = (numbered or bullet).group(1)  # type: ignore[union-attr]
            if open_list != kind:
                close_list()
                out.append(f"<{kind}><li>")
                open_list = kind
            else:
                out.append("</li><li>")
            out.append(str(escape(item)))
        else:
            if open_list and not paragraph:
                close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return mark_safe("".join(out))  # noqa: S308  (every piece of text above is escaped)
