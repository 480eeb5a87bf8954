"""Horizontal bar charts drawn on the server as inline SVG geometry (no script, no external host).

A chart is a list of bars, each with its label on the left and its value written after the bar,
so colour is never the only cue; the template puts a title and description on the SVG and the
same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 260
BAR_AREA = 300
VALUE_WIDTH = 200
ROW = 26
BAR = 16
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # what is written after the bar
    y: int
    width: int
    heading: bool = False  # a group heading row (no bar)

    @property
    def text_y(self) -> int:
        return self.y + BAR - 3

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR


def bar_chart(rows: list[tuple[str, float, str]], *, maximum: float | None = None) -> Chart:
    """Rows of (label, value, text); a label with value < 0 is a group heading."""
    top = maximum if maximum is not None else max([v for _, v, _ in rows if v > 0] + [1])
    bars = []
    for index, (label, value, text) in enumerate(rows):
        y = TOP + index * ROW
        if value < 0:
            bars.append(Bar(label, 0, "", y, 0, heading=True))
            continue
        width = round(BAR_AREA * value / top) if top else 0
        bars.append(Bar(label[:44], value, text, y, max(width, 1 if value else 0)))
    return Chart(bars, TOP * 2 + ROW * max(len(rows), 1))
