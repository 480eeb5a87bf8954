"""The roadmap chart: average stage per area, year by year, as inline SVG drawn on the server.

Grouped bars — one group per area, one bar per fiscal year. Every bar carries its value and its
year as text, and each year has its own fill pattern (solid, stripes, dots, …) named in the
legend, so colour is never the only cue. No script, no style attribute (CSP), no external host.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ally.trainings.queries import RoadmapHistory

WIDTH = 760
BAR = 26
GAP = 6
GROUP_GAP = 34
TOP = 40
PLOT = 200  # height of stage 5
LEFT = 44
STAGES = 5

# (pattern id suffix, the SVG of one 8×8 tile, its name for the legend)
PATTERNS = (
    ("solid", '<rect width="8" height="8" fill="#1f4e79"/>', "solid"),
    ("stripes", '<rect width="8" height="8" fill="#ffffff"/><path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="#7a3b00" stroke-width="2"/>', "diagonal stripes"),
    ("dots", '<rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="2" fill="#2d6a2d"/>', "dots"),
    ("grid", '<rect width="8" height="8" fill="#ffffff"/><path d="M0 4H8M4 0V8" stroke="#5b2a86" stroke-width="1.5"/>', "grid"),
    ("hbars", '<rect width="8" height="8" fill="#ffffff"/><path d="M0 2H8M0 6H8" stroke="#444444" stroke-width="2"/>', "horizontal lines"),
    ("vbars", '<rect width="8" height="8" fill="#ffffff"/><path d="M2 0V8M6 0V8" stroke="#8a1c1c" stroke-width="2"/>', "vertical lines"),
)


def _pattern_names() -> dict[str, str]:
    return {
        "solid": _("solid"), "stripes": _("diagonal stripes"), "dots": _("dots"), "grid": _("grid"),
        "hbars": _("horizontal lines"), "vbars": _("vertical lines"),
    }


def year_label(year: int, completed: bool) -> str:
    return _("FY %(year)d") % {"year": year} if completed else _("FY %(year)d (in progress)") % {"year": year}


def roadmap_svg(history: RoadmapHistory) -> SafeString:
    """The chart, or an empty string when there is no assessment yet."""
    years = history.years[-len(PATTERNS):]  # the latest six years
    offset = len(history.years) - len(years)
    if not years:
        return mark_safe("")
    names = _pattern_names()
    group_width = len(years) * (BAR + GAP) - GAP
    height = TOP + PLOT + 70 + 22 * len(years)
    width = max(WIDTH, LEFT + len(history.areas) * (group_width + GROUP_GAP) + 20)
    parts: list[str] = []
    title = _("Average stage of development by area and fiscal year")
    # Plain text: escaped once, below, where it goes into the SVG.
    desc = "; ".join(
        f"{area.label}: "
        + ", ".join(
            f"{year_label(y, c)} {str(v) if v is not None else _('not rated')}"
            for (y, c), v in zip(years, area.averages[offset:], strict=True)
        )
        for area in history.areas
    )
    parts.append(
        f'<svg class="roadmap-chart" role="img" aria-labelledby="roadmap-chart-title roadmap-chart-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="roadmap-chart-title">{escape(title)}</title><desc id="roadmap-chart-desc">{escape(desc)}</desc><defs>'
    )
    for key, tile, _name in PATTERNS:
        parts.append(f'<pattern id="roadmap-{key}" width="8" height="8" patternUnits="userSpaceOnUse">{tile}</pattern>')
    parts.append("</defs>")
    base = TOP + PLOT
    for stage in range(STAGES + 1):
        y = base - stage * PLOT // STAGES
        parts.append(f'<line x1="{LEFT}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#cccccc" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" font-size="12" fill="#333333">{stage}</text>')
    parts.append(
        f'<text x="{LEFT}" y="{TOP - 22}" font-size="12" fill="#333333">{escape(_("Stage (1 = forming, 5 = leading)"))}</text>'
    )
    for index, area in enumerate(history.areas):
        x0 = LEFT + 14 + index * (group_width + GROUP_GAP)
        for n, ((year, completed), value) in enumerate(zip(years, area.averages[offset:], strict=True)):
            x = x0 + n * (BAR + GAP)
            key = PATTERNS[n][0]
            if value is None:
                parts.append(f'<text x="{x + BAR / 2}" y="{base - 6}" text-anchor="middle" font-size="11" fill="#333333">—</text>')
            else:
                h = int(value * PLOT / STAGES)
                parts.append(
                    f'<rect x="{x}" y="{base - h}" width="{BAR}" height="{h}" fill="url(#roadmap-{key})" '
                    f'stroke="#222222" stroke-width="1"><title>{escape(area.label)}, {escape(year_label(year, completed))}: '
                    f"{escape(_fmt(value))}</title></rect>"
                )
                parts.append(
                    f'<text x="{x + BAR / 2}" y="{base - h - 4}" text-anchor="middle" font-size="11" fill="#111111">{escape(_fmt(value))}</text>'
                )
            parts.append(
                f'<text x="{x + BAR / 2}" y="{base + 14}" text-anchor="middle" font-size="10" fill="#333333">{str(year)[-2:]}</text>'
            )
        label_y = base + 32
        words = area.label.split()
        lines = [" ".join(words[: (len(words) + 1) // 2]), " ".join(words[(len(words) + 1) // 2:])]
        for k, line in enumerate(line for line in lines if line):
            parts.append(
                f'<text x="{x0 + group_width / 2}" y="{label_y + 14 * k}" text-anchor="middle" font-size="12" '
                f'font-weight="bold" fill="#111111">{escape(line)}</text>'
            )
    legend_y = base + 70
    for n, (year, completed) in enumerate(years):
        key, _tile, pattern = PATTERNS[n]
        y = legend_y + 22 * n
        parts.append(f'<rect x="{LEFT}" y="{y - 12}" width="16" height="16" fill="url(#roadmap-{key})" stroke="#222222"/>')
        parts.append(
            f'<text x="{LEFT + 24}" y="{y + 1}" font-size="12" fill="#111111">'
            + escape(_("%(year)s: %(pattern)s, bars marked %(short)s") % {
                "year": year_label(year, completed), "pattern": names[key], "short": str(year)[-2:],
            })
            + "</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def _fmt(value: Decimal) -> str:
    return f"{value:.1f}"
