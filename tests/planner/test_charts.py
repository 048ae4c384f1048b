"""The two charts as a reader sees them: rendered by a real browser, as a file of their own and
inlined into a light or a dark page, with nothing cut off and text in the page's colours."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest

from planner.catalogue import Catalogue
from planner.formats import coverage_svg, volume_svg
from planner.formats.svg import CHART_FONT_SIZE, CHART_WIDTH, text_width
from planner.plan import make_plan
from planner.request import parse_request
from tests.planner.conftest import BASE_REQUEST
from tests.planner.test_formats import PATTERNED_CATALOGUE

SVG = "{http://www.w3.org/2000/svg}"
LONG_NAMES = {
    "erector-spinae": "Lower back (erector spinae)",
    "calves": "Calves & soleus <deep> — MMMWWW 腓腹筋",
}


def charts(names: dict[str, str] | None = None) -> list[str]:
    cat = copy.deepcopy(PATTERNED_CATALOGUE)
    for m in cat["muscles"]:
        m["name"] = (names or {}).get(m["id"], m["name"])
    catalogue = Catalogue.from_dict(cat)
    plan = make_plan(catalogue, parse_request(BASE_REQUEST, catalogue))
    assert all(s.exercises for s in plan.weeks[0].sessions)  # charts of a real week
    return [coverage_svg(plan), volume_svg(plan)]


def test_every_muscle_name_is_written_whole_in_lines_as_wide_as_the_chart_at_most():
    for svg in charts(LONG_NAMES):
        root = ET.fromstring(svg)
        width = float(root.get("width"))
        labels = [t for t in root.iter(SVG + "text") if t.get("class") == "bc-chart-label"]
        assert {" ".join(t.itertext()) for t in labels} >= set(LONG_NAMES.values())
        for t in labels:
            bold = t.get("font-weight") == "bold"
            for line in t.iter(SVG + "tspan"):
                assert text_width(line.text, bold=bold, size=CHART_FONT_SIZE) <= width, line.text


def test_a_chart_is_shown_at_most_as_wide_as_it_is_drawn_with_text_of_16_units():
    # A page's column shrinks it: at 16 units, 13.6 px in a 390 px phone's 358 px column.
    for svg in charts(LONG_NAMES):
        root = ET.fromstring(svg)
        assert root.get("width") == str(CHART_WIDTH)
        assert root.get("style") == f"width:{CHART_WIDTH}px;max-width:100%;height:auto"
        sizes = {float(el.get("font-size")) for el in root.iter() if el.get("font-size")}
        assert sizes == {CHART_FONT_SIZE}


def test_chart_text_and_lines_follow_the_page_colour_with_fallbacks():
    for svg in charts():
        root = ET.fromstring(svg)
        group = root.find(SVG + "g")
        assert group.get("fill") == "currentColor"
        assert group.get("style") == "fill:var(--bc-chart-fg, currentColor)"
        for el in root.iter():
            style = el.get("style")
            if style and el is not root:  # the root's style is its size (the test above)
                prop, value = style.split(":", 1)
                # a page variable, and the same colour as a plain attribute for other renderers
                assert value.startswith("var(--bc-chart-") and el.get(prop) in value
            assert el.get("fill") not in ("#000", "#000000", "black", "#222222") or (
                el.get("style") == "fill:var(--bc-chart-on-secondary, #222222)"
            )
            assert el.get("stroke") in (None, "currentColor")


OUTSIDE = """() => {
  const svg = document.querySelector('svg');
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBBox();
    return b.x < box.x || b.y < box.y || b.x + b.width > box.x + box.width
      || b.y + b.height > box.y + box.height;
  }).map(t => t.textContent);
}"""
TEXT_FILLS = """() => [...new Set([...document.querySelectorAll('svg text')]
  .filter(t => !['P', 'S'].includes(t.textContent))
  .map(t => getComputedStyle(t).fill))]"""


def test_a_chart_file_shows_every_label_whole_in_black(browser, tmp_path):
    page = browser.new_page()
    for k, svg in enumerate(charts(LONG_NAMES)):
        path = tmp_path / f"chart{k}.svg"
        path.write_text(svg, encoding="utf-8")
        page.goto(path.as_uri())
        assert page.evaluate(OUTSIDE) == []
        assert page.evaluate(TEXT_FILLS) == ["rgb(0, 0, 0)"]
    page.close()


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("color: rgb(20, 20, 20); background: #fff", "rgb(20, 20, 20)"),
        ("color: rgb(226, 228, 233); background: #1e2129", "rgb(226, 228, 233)"),
        ("color: #fff; --bc-chart-fg: rgb(200, 100, 0)", "rgb(200, 100, 0)"),
    ],
)
def test_an_inlined_chart_takes_the_page_s_text_colour_and_fits_a_phone(
    browser, style, expected
):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    for svg in charts(LONG_NAMES):
        page.set_content(
            f'<html><body style="{style}"><figure style="margin:0">'
            f'<div style="width:100%">{svg}</div></figure></body></html>'
        )
        page.evaluate("document.querySelector('svg').style.cssText='width:100%;height:auto'")
        assert page.evaluate(OUTSIDE) == []
        assert page.evaluate(TEXT_FILLS) == [expected]
        shown = page.evaluate("document.querySelector('svg').getBoundingClientRect().right")
        assert shown <= 360
    page.close()
