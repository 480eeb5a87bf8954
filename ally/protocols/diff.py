"""A readable comparison of two protocol versions: line by line, and word by word inside a
changed line. Rendered as HTML with <ins>/<del> and text markers ("[+ … +]", "[− … −]", and
"Added line", "Removed line") so that colour is never the only cue."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_WORDS = re.compile(r"\S+\s*|\s+")  # a word with the spaces after it
# Word-by-word comparison is quadratic in the worst case: a line longer than this is shown as
# removed and added, and once this many words have been compared in one comparison the remaining
# changed lines are too.
MAX_LINE_CHARS = 2_000
MAX_WORDS_COMPARED = 20_000
# Line-by-line comparison too: past this many lines (old × new, after the common beginning and
# end), the differing middle is shown as its old lines removed and its new lines added.
MAX_LINE_PAIRS = 4_000_000


@dataclass(frozen=True)
class Segment:
    op: str  # "same", "added", "removed"
    text: str


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "added", "removed", "changed"
    segments: tuple[Segment, ...]


def _words(old: str, new: str) -> tuple[Segment, ...]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Segment("removed", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(Segment("added", "".join(b[j1:j2])))
    return tuple(out)


def _line_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    if len(a) * len(b) <= MAX_LINE_PAIRS:
        return list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    opcodes: list[tuple[str, int, int, int, int]] = [("equal", 0, start, 0, start)] if start else []
    if end_a > start:
        opcodes.append(("delete", start, end_a, start, start))
    if end_b > start:
        opcodes.append(("insert", end_a, end_a, start, end_b))
    if end_a < len(a):
        opcodes.append(("equal", end_a, len(a), end_b, len(b)))
    return opcodes


def compare(old: str, new: str) -> list[Row]:
    """The rows of the comparison of ``old`` with ``new``. A changed line is compared word by
    word unless it is longer than ``MAX_LINE_CHARS`` or ``MAX_WORDS_COMPARED`` words have been
    compared already: then it is shown as the old line removed and the new line added."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[Row] = []
    budget = MAX_WORDS_COMPARED
    for tag, i1, i2, j1, j2 in _line_opcodes(a, b):
        if tag == "equal":
            rows.extend(Row("same", (Segment("same", line),)) for line in a[i1:i2])
        elif tag == "delete":
            rows.extend(Row("removed", (Segment("removed", line),)) for line in a[i1:i2])
        elif tag == "insert":
            rows.extend(Row("added", (Segment("added", line),)) for line in b[j1:j2])
        else:
            olds, news = a[i1:i2], b[j1:j2]
            for k in range(max(len(olds), len(news))):
                if k < len(olds) and k < len(news):
                    if budget > 0 and len(olds[k]) <= MAX_LINE_CHARS and len(news[k]) <= MAX_LINE_CHARS:
                        row = Row("changed", _words(olds[k], news[k]))
                        budget -= sum(len(s.text.split()) for s in row.segments)
                        rows.append(row)
                    else:
                        rows.append(Row("removed", (Segment("removed", olds[k]),)))
                        rows.append(Row("added", (Segment("added", news[k]),)))
                elif k < len(olds):
                    rows.append(Row("removed", (Segment("removed", olds[k]),)))
                else:
                    rows.append(Row("added", (Segment("added", news[k]),)))
    return rows


def counts(rows: list[Row]) -> dict[str, int]:
    result = {"same": 0, "added": 0, "removed": 0, "changed": 0}
    for row in rows:
        result[row.kind] += 1
    return result


def _segment_html(segment: Segment) -> str:
    if segment.op == "added":
        return str(format_html('<ins><span class="diff-marker">[+</span>{}<span class="diff-marker">+]</span></ins>', segment.text))
    if segment.op == "removed":
        return str(format_html('<del><span class="diff-marker">[−</span>{}<span class="diff-marker">−]</span></del>', segment.text))
    return str(escape(segment.text))


def render(rows: list[Row], *, context: int | None = 3) -> SafeString:
    """The comparison as HTML: a list of lines, each labelled. With ``context``, unchanged lines
    further than that from a change are folded into "… N unchanged lines"."""
    labels = {"same": "", "added": _("Added line"), "removed": _("Removed line"), "changed": _("Changed line")}
    near: set[int] = set()
    if context is not None:
        for i, row in enumerate(rows):
            if row.kind != "same":
                near.update(range(i - context, i + context + 1))
    parts: list[str] = ['<ol class="protocol-diff">']
    folded = 0
    for i, row in enumerate(rows):
        if context is not None and row.kind == "same" and i not in near:
            folded += 1
            continue
        if folded:
            parts.append(str(format_html('<li class="diff-fold">{}</li>', _("… %(n)d unchanged lines") % {"n": folded})))
            folded = 0
        text = "".join(_segment_html(s) for s in row.segments) or "&nbsp;"
        label = labels[row.kind]
        prefix = str(format_html('<strong class="diff-label">{}:</strong> ', label)) if label else ""
        parts.append(f'<li class="diff-{row.kind}">{prefix}{text}</li>')
    if folded:
        parts.append(str(format_html('<li class="diff-fold">{}</li>', _("… %(n)d unchanged lines") % {"n": folded})))
    parts.append("</ol>")
    return mark_safe("".join(parts))  # noqa: S308  (every piece of text above is escaped)
