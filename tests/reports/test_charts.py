"""The shared SVG charts: well-formed, escaped, accessible, readable without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString

from ally.reports.charts import bar_chart, funnel_chart, grouped_bar_chart

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    assert isinstance(svg, SafeString)
    return ET.fromstring(svg)  # noqa: S314 — our own output, not untrusted input


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def check_common(root: ET.Element, title: str) -> None:
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("width") and root.get("height")
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.find(f"{NS}title").text == title
    assert root.find(f"{NS}desc").text
    labelled = root.get("aria-labelledby").split()
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert set(labelled) <= ids
    for element in root.iter():
        assert "style" not in element.attrib
        for value in element.attrib.values():
            assert "http://" not in value.replace("http://www.w3.org/2000/svg", "")
            assert "https://" not in value
    assert root.find(f"{NS}script") is None


def test_bar_chart_draws_labels_bars_and_values():
    svg = bar_chart([("Shelter", 12, "12"), ("Legal", 3, "1–4"), ("Medical", 0, "0")],
                    title="Services by category", description="Clients per category.")
    root = parse(svg)
    check_common(root, "Services by category")
    shown = texts(root)
    for word in ("Shelter", "Legal", "Medical", "12", "1–4", "0"):
        assert word in shown
    bars = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert len(bars) == 2  # no bar for zero
    widths = [int(b.get("width")) for b in bars]
    assert widths[0] > widths[1] > 0
    assert {b.get("fill") for b in bars} == {"#1f4e79"}  # one series: solid
    assert root.find(f"{NS}defs/{NS}pattern") is not None
    assert "Shelter: 12" in root.find(f"{NS}desc").text


def test_text_is_escaped_and_invalid_characters_dropped():
    nasty = '<script>alert("x")</script> & \x07bell'
    svg = bar_chart([(nasty, 1, "<b>1</b>")], title="A & <B>", description="d'<i>")
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    root = parse(svg)
    assert root.find(f"{NS}title").text == "A & <B>"
    assert root.find(f"{NS}script") is None
    assert any("<script>" in t for t in texts(root))  # shown as text, not markup
    assert "\x07" not in svg


@pytest.mark.parametrize("make", [
    lambda: bar_chart([], title="T", description="D"),
    lambda: funnel_chart([], title="T", description="D"),
    lambda: grouped_bar_chart([], [], title="T", description="D"),
    lambda: grouped_bar_chart(["Q1"], [], title="T", description="D"),
])
def test_empty_data_says_so(make):
    root = parse(make())
    check_common(root, "T")
    assert any("No data" in t for t in texts(root))


def test_all_zero_values_draw_no_bar_but_print_zero():
    root = parse(bar_chart([("A", 0, "0"), ("B", 0, "0")], title="T", description="D"))
    assert [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None] == []
    assert texts(root).count("0") == 2
    root = parse(funnel_chart([("Opened", 0, "0"), ("Arrest", 0, "0")], title="T", description="D"))
    assert "1. Opened" in texts(root)


def test_grouped_chart_has_one_pattern_per_series_and_a_legend():
    svg = grouped_bar_chart(["FY2026Q1", "FY2026Q2"], [("Sex", [5, 7]), ("Labor", [None, 2]), ("Both", [0, 1])],
                            title="Survivors", description="By quarter.", missing_text="1–4")
    root = parse(svg)
    check_common(root, "Survivors")
    patterns = [p.get("id") for p in root.iter(f"{NS}pattern")]
    assert len(patterns) == len(set(patterns)) == 3
    fills = {r.get("fill") for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None}
    expected = ["#1f4e79", *(f"url(#{p})" for p in patterns[1:])]  # the first series solid, then patterns
    assert fills == set(expected)
    shown = texts(root)
    assert "Sex: 5" in shown and "Labor: 1–4" in shown and "Both: 0" in shown
    legend = [t for t in shown if t.startswith(("Sex (", "Labor (", "Both ("))]
    assert legend == ["Sex (solid)", "Labor (diagonal stripes)", "Both (dots)"]
    # each legend entry has a swatch with that series' pattern
    swatches = [r.get("fill") for r in root.iter(f"{NS}rect") if r.get("width") == "16"]
    assert swatches == expected
    assert "FY2026Q1: Sex 5, Labor 1–4, Both 0" in root.find(f"{NS}desc").text


def test_stacked_chart_segments_add_up_and_values_are_written():
    root = parse(grouped_bar_chart(["Q1", "Q2"], [("Sex", [6, 2]), ("Labor", [4, 0])],
                                   title="T", description="D", stacked=True))
    segments = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert len(segments) == 3
    q1 = [int(s.get("width")) for s in segments[:2]]
    assert q1[0] > q1[1]
    assert "6 · 4 = 10" in texts(root) and "2 · 0 = 2" in texts(root)
    hidden = parse(grouped_bar_chart(["Q1"], [("Sex", [6]), ("Labor", [None])], title="T", description="D",
                                     stacked=True, missing_text="1–4"))
    assert "6 · 1–4" in texts(hidden)  # no total beside a hidden count


def test_each_missing_value_can_have_its_own_text():
    series = [("Sex", [None, 7]), ("Labor", [None, None])]
    texts_by_series = [["withheld", ""], ["1–4", "1–4"]]
    stacked = parse(grouped_bar_chart(["Q1", "Q2"], series, title="T", description="D", stacked=True,
                                      missing_text="1–4", missing_texts=texts_by_series))
    assert "withheld · 1–4" in texts(stacked) and "7 · 1–4" in texts(stacked)
    assert "Q1: Sex withheld, Labor 1–4" in stacked.find(f"{NS}desc").text
    grouped = parse(grouped_bar_chart(["Q1", "Q2"], series, title="T", description="D", missing_text="1–4",
                                      missing_texts=texts_by_series))
    assert "Sex: withheld" in texts(grouped) and "Sex: 7" in texts(grouped)
    plain = parse(grouped_bar_chart(["Q1"], [("Sex", [None])], title="T", description="D", stacked=True,
                                    missing_text="1–4"))
    assert "withheld" not in texts(plain) and "1–4" in texts(plain)  # without texts: as before


def test_funnel_stages_narrow_in_order():
    root = parse(funnel_chart([("Opened", 40, "40"), ("Arrest", 10, "10 (25%)"), ("Conviction", 2, "1–4")],
                              title="Funnel", description="Investigations."))
    check_common(root, "Funnel")
    bars = [int(r.get("width")) for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert bars[0] > bars[1] > bars[2] > 0
    assert "10 (25%)" in texts(root) and "3. Conviction" in texts(root)


def test_two_charts_on_one_page_have_distinct_ids():
    one = parse(bar_chart([("A", 1, "1")], title="T", description="D"))
    two = parse(bar_chart([("A", 1, "1")], title="T", description="D"))
    ids_one = {e.get("id") for e in one.iter() if e.get("id")}
    ids_two = {e.get("id") for e in two.iter() if e.get("id")}
    assert ids_one and not ids_one & ids_two
    named = parse(bar_chart([("A", 1, "1")], title="T", description="D", chart_id="svc <x>"))
    assert named.find(f"{NS}title").get("id") == "svc--x--title"


def test_long_labels_are_shortened_on_the_chart_but_complete_in_the_description():
    label = "A very long service category label that goes on and on"
    root = parse(bar_chart([(label, 3, "3")], title="T", description="D"))
    assert label not in texts(root)
    assert any(t.endswith("…") for t in texts(root))
    assert label in root.find(f"{NS}desc").text
