"""Charts for reports and dashboards, drawn on the server as inline SVG strings.

No script, no external host, no ``style`` attribute (the CSP forbids inline styles): only
presentation attributes (``fill=``, ``stroke=``). Every chart is an ``<svg role="img">`` with a
``<title>`` and a ``<desc>`` (the caller's description followed by every value in words), a
``width``/``height`` and a ``viewBox``. Colour is never the only cue: each series has its own fill
pattern (solid, stripes, dots, …) defined in ``<defs>`` and named in a legend beside its swatch,
every bar has its label and its value written as text. All text is escaped here; callers pass
plain strings. The same numbers belong in a table next to the chart (the templates do that).

A value of ``None`` in a grouped chart is a count that is not shown (a suppressed small cell):
no bar is drawn and ``missing_text`` ("1–4") is written instead.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 760
LABEL_WIDTH = 250
VALUE_WIDTH = 150
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20
ROW = 24
BAR = 16
TOP = 12
LEGEND_ROW = 22
FONT = 'font-family="sans-serif"'
INK = "#111111"
MAX_LABEL = 32

# (key, the SVG of one 8×8 tile); names for the legend in pattern_names()
PATTERNS: tuple[tuple[str, str], ...] = (
    ("solid", '<rect width="8" height="8" fill="#1f4e79"/>'),  # drawn as a plain fill (see _fill)
    ("stripes", '<rect width="8" height="8" fill="#ffffff"/>'
                '<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="#8a4500" stroke-width="2"/>'),
    ("dots", '<rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="2.2" fill="#2d6a2d"/>'),
    ("grid", '<rect width="8" height="8" fill="#ffffff"/><path d="M0 4H8M4 0V8" stroke="#5b2a86" stroke-width="1.5"/>'),
    ("hlines", '<rect width="8" height="8" fill="#ffffff"/><path d="M0 2H8M0 6H8" stroke="#444444" stroke-width="2"/>'),
    ("vlines", '<rect width="8" height="8" fill="#ffffff"/><path d="M2 0V8M6 0V8" stroke="#8a1c1c" stroke-width="2"/>'),
    ("checks", '<rect width="8" height="8" fill="#ffffff"/><rect width="4" height="4" fill="#00607a"/>'
               '<rect x="4" y="4" width="4" height="4" fill="#00607a"/>'),
    ("backslash", '<rect width="8" height="8" fill="#ffffff"/>'
                  '<path d="M0 0L8 8M-2 6L2 10M6 -2L10 2" stroke="#6b5200" stroke-width="2"/>'),
)

_counter = itertools.count(1)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def pattern_names() -> dict[str, str]:
    return {
        "solid": _("solid"), "stripes": _("diagonal stripes"), "dots": _("dots"), "grid": _("grid"),
        "hlines": _("horizontal lines"), "vlines": _("vertical lines"), "checks": _("checks"),
        "backslash": _("reverse stripes"),
    }


def _text(value: object) -> str:
    """Plain text made safe for SVG: characters XML forbids dropped, then escaped."""
    return escape(_INVALID_XML.sub("", str(value)))


def _short(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def number(value: float | None) -> str:
    """How a value is written on a bar: whole numbers without decimals."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _new_id(chart_id: str | None) -> str:
    if chart_id:
        return re.sub(r"[^A-Za-z0-9_-]", "-", chart_id)
    return f"chart-{next(_counter)}"


def _open(cid: str, width: int, height: int, title: str, desc: str, css: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT}>'
        f'<title id="{cid}-title">{_text(title)}</title><desc id="{cid}-desc">{_text(desc)}</desc>'
    ]


def _defs(cid: str, count: int) -> str:
    tiles = "".join(
        f'<pattern id="{cid}-{key}" width="8" height="8" patternUnits="userSpaceOnUse">{tile}</pattern>'
        for key, tile in PATTERNS[: max(count, 1)]
    )
    return f"<defs>{tiles}</defs>"


SOLID = "#1f4e79"


def _fill(cid: str, index: int) -> str:
    """The fill of a series: the first is solid (a plain colour, crisp in print and on screen),
    the others their pattern."""
    key = PATTERNS[index % len(PATTERNS)][0]
    return SOLID if key == "solid" else f"url(#{cid}-{key})"


def _describe(description: str, items: Sequence[str]) -> str:
    body = "; ".join(items) if items else _("No data.")
    return f"{description} {body}".strip() if description else body


def _empty(cid: str, title: str, description: str, css: str) -> SafeString:
    height = 60
    parts = _open(cid, WIDTH, height, title, _describe(description, []), css)
    parts.append(f'<text x="10" y="34" font-size="14" fill="{INK}">{_text(_("No data for this period."))}</text></svg>')
    return mark_safe("".join(parts))  # noqa: S308 — every text is escaped by _text


def _scale(values: Sequence[float | None]) -> float:
    return max([float(v) for v in values if v is not None and v > 0] + [1.0])


def _bar_width(value: float | None, top: float, area: int = BAR_AREA) -> int:
    if value is None or value <= 0:
        return 0
    return max(round(area * float(value) / top), 1)


def _label(x: int, y: int, text: str, *, anchor: str = "end", bold: bool = False, size: int = 12) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}"{weight} fill="{INK}">'
            f"{_text(text)}</text>")


def _legend(cid: str, names: Sequence[str], y0: int) -> list[str]:
    pnames = pattern_names()
    parts = []
    for index, name in enumerate(names):
        y = y0 + index * LEGEND_ROW
        key = PATTERNS[index % len(PATTERNS)][0]
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="16" height="16" fill="{_fill(cid, index)}" '
                     f'stroke="#222222" stroke-width="1"/>')
        parts.append(_label(LABEL_WIDTH + 24, y + 13, f"{name} ({pnames[key]})", anchor="start"))
    return parts


def bar_chart(
    rows: Sequence[tuple[str, float, str]], *, title: str, description: str, chart_id: str | None = None,
) -> SafeString:
    """Horizontal bars, one per row of (label, value, text written after the bar).

    A row whose text differs from its value (a suppressed "1–4") is drawn with the value given
    (callers pass 0 for a count not shown)."""
    cid = _new_id(chart_id)
    if not rows:
        return _empty(cid, title, description, "bar-chart")
    top = _scale([v for _l, v, _t in rows])
    height = TOP * 2 + ROW * len(rows)
    desc = _describe(description, [f"{label}: {text}" for label, _v, text in rows])
    parts = _open(cid, WIDTH, height, title, desc, "bar-chart")
    parts.append(_defs(cid, 1))
    for index, (label, value, text) in enumerate(rows):
        y = TOP + index * ROW
        width = _bar_width(value, top)
        parts.append(_label(LABEL_WIDTH - 8, y + BAR - 3, _short(label)))
        if width:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" fill="{_fill(cid, 0)}" '
                         f'stroke="#222222" stroke-width="1"><title>{_text(label)}: {_text(text)}</title></rect>')
        parts.append(_label(LABEL_WIDTH + width + 6, y + BAR - 3, text, anchor="start", bold=True))
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{height - TOP + 4}" '
                 f'stroke="#555555" stroke-width="1"/></svg>')
    return mark_safe("".join(parts))  # noqa: S308 — every text is escaped by _text


def grouped_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    description: str,
    stacked: bool = False,
    missing_text: str = "—",
    chart_id: str | None = None,
    missing_texts: Sequence[Sequence[str]] | None = None,
) -> SafeString:
    """Horizontal bars by category (e.g. quarters) and series (e.g. trafficking types).

    Grouped: one bar per series inside each category's group, each with its value. Stacked: one
    bar per category made of one segment per series, followed by the values of every segment in
    words and the total. Each series has its own pattern, named in the legend. A missing value
    (None) is written as ``missing_texts[series][category]`` when given (e.g. "1–4" for a small
    count, "withheld" for one withheld beside it), else as ``missing_text``."""
    cid = _new_id(chart_id)
    names = [name for name, _values in series]
    if not categories or not series:
        return _empty(cid, title, description, "grouped-bar-chart")
    table = [[(values[i] if i < len(values) else None) for _n, values in series] for i in range(len(categories))]

    def shown(v: float | None, s: int, i: int) -> str:
        if v is not None:
            return number(v)
        if missing_texts is not None and s < len(missing_texts) and i < len(missing_texts[s]):
            return missing_texts[s][i]
        return missing_text

    texts = [[shown(v, s, i) for s, v in enumerate(row)] for i, row in enumerate(table)]
    items = [
        f"{category}: " + ", ".join(f"{name} {text}" for name, text in zip(names, row_texts, strict=True))
        for category, row_texts in zip(categories, texts, strict=True)
    ]
    desc = _describe(description, items)
    parts: list[str] = []
    if stacked:
        value_width = 300
        area = WIDTH - LABEL_WIDTH - value_width
        top = _scale([sum(float(v) for v in row if v is not None) for row in table])
        body = TOP * 2 + ROW * len(categories)
        height = body + LEGEND_ROW * len(series) + 10
        parts += _open(cid, WIDTH, height, title, desc, "grouped-bar-chart stacked")
        parts.append(_defs(cid, len(series)))
        for index, (category, row) in enumerate(zip(categories, table, strict=True)):
            row_texts = texts[index]
            y = TOP + index * ROW
            parts.append(_label(LABEL_WIDTH - 8, y + BAR - 3, _short(category)))
            x = LABEL_WIDTH
            running = 0.0
            for s, (name, value) in enumerate(zip(names, row, strict=True)):
                if value is None or value <= 0:
                    continue
                running += float(value)
                end = LABEL_WIDTH + _bar_width(running, top, area)
                if end > x:
                    parts.append(f'<rect x="{x}" y="{y}" width="{end - x}" height="{BAR}" fill="{_fill(cid, s)}" '
                                 f'stroke="#222222" stroke-width="1"><title>{_text(category)}, {_text(name)}: '
                                 f"{_text(number(value))}</title></rect>")
                    x = end
            words = " · ".join(row_texts)
            if None in row:  # a hidden count: no total, it would be wrong (or give the count back)
                text = words
            else:
                total = number(sum(float(v) for v in row if v is not None))
                text = f"{words} = {total}" if len(row) > 1 else total
            parts.append(_label(x + 6, y + BAR - 3, text, anchor="start", bold=True, size=11))
        parts += _legend(cid, names, body)
    else:
        group = ROW * len(series) + 14
        body = TOP * 2 + group * len(categories)
        height = body + LEGEND_ROW * len(series) + 10
        top = _scale([v for row in table for v in row])
        parts += _open(cid, WIDTH, height, title, desc, "grouped-bar-chart")
        parts.append(_defs(cid, len(series)))
        for index, (category, row) in enumerate(zip(categories, table, strict=True)):
            y0 = TOP + index * group
            parts.append(_label(LABEL_WIDTH - 8, y0 + BAR - 3, _short(category), bold=True))
            for s, (name, value) in enumerate(zip(names, row, strict=True)):
                y = y0 + s * ROW
                width = _bar_width(value, top)
                text = texts[index][s]
                if width:
                    parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" '
                                 f'fill="{_fill(cid, s)}" stroke="#222222" stroke-width="1"><title>{_text(category)}, '
                                 f"{_text(name)}: {_text(text)}</title></rect>")
                series_label = f"{_short(name, 24)}: {text}" if len(series) > 1 else text
                parts.append(_label(LABEL_WIDTH + width + 6, y + BAR - 3, series_label, anchor="start", size=11))
            parts.append(f'<line x1="{LABEL_WIDTH}" y1="{y0 - 3}" x2="{LABEL_WIDTH}" '
                         f'y2="{y0 + ROW * len(series)}" stroke="#555555" stroke-width="1"/>')
        parts += _legend(cid, names, body)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text is escaped by _text


def funnel_chart(
    stages: Sequence[tuple[str, float, str]], *, title: str, description: str, chart_id: str | None = None,
) -> SafeString:
    """A funnel: one centred bar per stage (label, value, text), widest first, the label above
    each bar and its text (count, share of the first stage) written beside it."""
    cid = _new_id(chart_id)
    if not stages:
        return _empty(cid, title, description, "funnel-chart")
    step = 44
    area = 420
    centre = 30 + area // 2
    height = TOP * 2 + step * len(stages)
    top = _scale([v for _l, v, _t in stages])
    desc = _describe(description, [f"{label}: {text}" for label, _v, text in stages])
    parts = _open(cid, WIDTH, height, title, desc, "funnel-chart")
    parts.append(_defs(cid, 1))
    for index, (label, value, text) in enumerate(stages):
        y = TOP + index * step
        width = _bar_width(value, top, area)
        parts.append(_label(30, y + 12, f"{index + 1}. {_short(label, 70)}", anchor="start", bold=True))
        if width:
            parts.append(f'<rect x="{centre - width // 2}" y="{y + 17}" width="{width}" height="{BAR}" '
                         f'fill="{_fill(cid, 0)}" stroke="#222222" stroke-width="1">'
                         f"<title>{_text(label)}: {_text(text)}</title></rect>")
        else:
            parts.append(f'<line x1="{centre}" y1="{y + 17}" x2="{centre}" y2="{y + 17 + BAR}" stroke="#222222" stroke-width="1"/>')
        parts.append(_label(centre + (width + 1) // 2 + 8, y + 17 + BAR - 3, text, anchor="start", bold=True))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text is escaped by _text
