"""The body map's highlights meet WCAG 1.4.11 (non-text contrast, 3:1) in both palettes.

The colours are read from the stylesheet the site ships (generator/site/assets/figures.css): one
block of custom properties for the light palette (Material's "default") and one for the dark
("slate"). The ratios are computed with WCAG 2's relative luminance, so a change of colour
there, by us or a fork, is checked here. tests/browser/test_figure_player.py measures the same
in Chromium, as painted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "generator" / "site" / "assets" / "figures.css"
BLOCKS = {
    "default": re.compile(r"(?m)^\.bc-bodymap\s*\{([^}]*)\}"),
    "slate": re.compile(r'(?m)^\[data-md-color-scheme="slate"\]\s+\.bc-bodymap\s*\{([^}]*)\}'),
}
DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")


def palette(scheme: str) -> dict[str, str]:
    """The custom properties the body map gets in one palette, var() references resolved."""
    # the block that defines the colours (figures.css has other .bc-bodymap rules for layout)
    found = [b for b in BLOCKS[scheme].findall(CSS.read_text(encoding="utf-8"))
             if "--bc-primary:" in b]
    assert len(found) == 1, f"figures.css should have one body map block for {scheme}"
    values = dict(DECLARATION.findall(found[0]))

    def resolve(value: str, depth: int = 0) -> str:
        ref = re.fullmatch(r"var\((--[\w-]+)\)", value.strip())
        if not ref:
            return value.strip()
        assert depth < 5 and ref.group(1) in values, f"{value} is not defined for {scheme}"
        return resolve(values[ref.group(1)], depth + 1)

    return {name: resolve(value) for name, value in values.items()}


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", digits), f"{hex_colour}: write map colours as #rrggbb"
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("scheme", BLOCKS)
@pytest.mark.parametrize("highlight", ["--bc-primary", "--bc-secondary"])
def test_highlight_stands_out_from_the_body_at_3_to_1(scheme, highlight):
    colours = palette(scheme)
    # against the body, and against the plain muscle groups it may border
    for ground in ("--bc-body-fill", "--bc-muscle-fill"):
        ratio = contrast(colours[highlight], colours[ground])
        assert ratio >= 3.0, (
            f"{scheme}: {highlight} {colours[highlight]} on {ground} {colours[ground]} is only "
            f"{ratio:.2f}:1 (WCAG 1.4.11 asks 3:1)"
        )


@pytest.mark.parametrize("scheme", BLOCKS)
def test_primary_and_secondary_can_be_told_apart(scheme):
    colours = palette(scheme)
    assert contrast(colours["--bc-primary"], colours["--bc-secondary"]) >= 1.4


@pytest.mark.parametrize("scheme", BLOCKS)
def test_plain_regions_stay_quiet(scheme):
    """The highlight is what stands out: plain groups sit close to the body colour."""
    colours = palette(scheme)
    assert contrast(colours["--bc-muscle-fill"], colours["--bc-body-fill"]) < 1.5


def test_the_highlighted_regions_and_the_legend_are_painted_with_these_colours():
    css = CSS.read_text(encoding="utf-8")
    for state in ("primary", "secondary"):
        rule = re.search(rf"\.bc-bodymap \.bc-muscle\.bc-{state}\s*\{{([^}}]*)\}}", css)
        assert rule, f"no rule paints .bc-{state} regions"
        assert f"fill: var(--bc-{state});" in rule.group(1)
