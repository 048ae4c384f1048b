"""Two charts as standalone SVG: a muscle x weekday coverage grid and weekly sets per muscle
group against the target range. Each carries a <title> and <desc> for screen readers, and
every value is written as text too, so colour is never the only cue.

The same markup is a file of its own (the CLI's --format svg) and is inlined into the planner
page, whose light and dark palettes it has to follow. So text and lines are drawn in
currentColor (the surrounding text colour; black in a file of its own), and every colour is a
CSS custom property the page may set, `--bc-chart-<name>`, with a fallback that reads on light
and dark pages alike. Each colour is also given as a plain attribute, for renderers without
CSS variables.
"""

from __future__ import annotations

import math
import unicodedata
from html import escape

from planner.formats.common import number
from planner.model import Infeasible, Plan
from planner.request import WEEKDAY_NAMES, WEEKDAYS

# name: fallback. Fills keep enough contrast for the text drawn on them in either palette.
COLOURS = {
    "fg": "currentColor",  # text and lines
    "primary": "#1f6f78",
    "on-primary": "#ffffff",
    "secondary": "#a8d5da",
    "on-secondary": "#222222",
    "range": "#6aa84f",
}
EMPTY_OPACITY = "0.08"  # an untrained cell: a faint wash of the text colour
RANGE_OPACITY = "0.3"
FONT_SIZE = 12
FONT = f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}"'
PAD = 8  # between a label and the chart, and from a label to the left edge

# Average advance widths in em, a little over those of DejaVu Sans (a wide fallback font), so
# an estimate covers the fonts a reader's system-ui may pick. There is no font to measure
# with here: the planner core runs without I/O, also in the browser's worker.
_NARROW = frozenset("iljI.,:;'|!()[]{}ftr ")
_WIDE = frozenset("mwMW@%")
_BOLD = 1.15
_MARGIN = 1.1


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    base = unicodedata.normalize("NFD", ch)[:1] or ch
    if base in _NARROW:
        return 0.4
    if base in _WIDE:
        return 1.0
    if base.isupper() or base.isdigit():
        return 0.72
    return 0.62


def text_width(text: str, *, bold: bool = False, size: int = FONT_SIZE) -> int:
    """A generous estimate of the width of `text` in pixels (rounded up)."""
    ems = sum(_em(ch) for ch in text)
    return math.ceil(ems * size * (_BOLD if bold else 1.0) * _MARGIN)


def _label_column(names: list[tuple[str, bool]], least: int = 100) -> int:
    """Width of the left column that holds (name, bold) labels right-aligned before PAD."""
    longest = max((text_width(n, bold=b) for n, b in names), default=0)
    return max(least, PAD + longest + PAD)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _paint(name: str, attr: str = "fill") -> str:
    fallback = COLOURS[name]
    return f'{attr}="{fallback}" style="{attr}:var(--bc-chart-{name}, {fallback})"'


def _open(width: int, height: int, ident: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(desc)}</desc>',
    ]


def coverage_svg(result: Plan | Infeasible) -> str:
    if isinstance(result, Infeasible):
        return ""
    rows = result.coverage
    cell, top = 44, 40
    legend = [("P", "primary", "P: primary mover"), ("S", "secondary", "S: secondary")]
    label_w = _label_column([(r.name, r.focus) for r in rows])
    legend_w = sum(14 + 6 + text_width(text) + 24 for _, _, text in legend)
    width = label_w + max(cell * 7, legend_w) + 10
    height = top + cell * len(rows) + 40
    desc_parts = []
    for r in rows:
        prim = [WEEKDAY_NAMES[wd] for wd, role, _ in r.cells if role == "primary"]
        desc_parts.append(f"{r.name}: primary on {', '.join(prim) if prim else 'no day'}")
    out = _open(
        width,
        height,
        "coverage",
        "Which muscle groups each training day works",
        "; ".join(desc_parts) + ".",
    )
    out.append(f"<g {FONT} {_paint('fg')}>")
    for k, wd in enumerate(WEEKDAYS):
        x = label_w + k * cell + cell // 2
        out.append(
            f'<text x="{x}" y="{top - 12}" text-anchor="middle">{_e(wd.capitalize())}</text>'
        )
    for j, r in enumerate(rows):
        y = top + j * cell
        weight = ' font-weight="bold"' if r.focus else ""
        out.append(
            f'<text x="{label_w - PAD}" y="{y + cell // 2 + 4}" text-anchor="end"{weight}>'
            f"{_e(r.name)}</text>"
        )
        for k, (wd, role, half) in enumerate(r.cells):
            x = label_w + k * cell
            paint = _paint(role) if role else f'fill="currentColor" fill-opacity="{EMPTY_OPACITY}"'
            state = f"{role}, {number(half / 2)} sets" if role else "not trained"
            out.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell - 4}" height="{cell - 4}" '
                f"{paint}><title>{_e(r.name)}, {_e(WEEKDAY_NAMES[wd])}: {_e(state)}</title></rect>"
            )
            if role:
                letter = "P" if role == "primary" else "S"
                out.append(
                    f'<text x="{x + cell // 2}" y="{y + cell // 2 + 4}" text-anchor="middle" '
                    f"{_paint('on-' + role)}>{letter}</text>"
                )
    ly = top + cell * len(rows) + 24
    x = label_w
    for _, role, text in legend:
        out += [
            f'<rect x="{x}" y="{ly - 11}" width="14" height="14" {_paint(role)}/>',
            f'<text x="{x + 20}" y="{ly}">{_e(text)}</text>',
        ]
        x += 14 + 6 + text_width(text) + 24
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"


def volume_svg(result: Plan | Infeasible) -> str:
    if isinstance(result, Infeasible):
        return ""
    plan = result
    training = next((w for w in plan.weeks if not w.deload), plan.weeks[0])
    rows = training.volume
    vr = plan.volume_range
    top_sets = max([vr.max_sets + 2] + [v.half_sets / 2 + 1 for v in rows])
    bar_h, top, plot_w = 26, 30, 360
    label_w = _label_column([(v.name, v.focus) for v in rows])
    scale = plot_w / top_sets
    caption = f"target {vr.min_sets}–{vr.max_sets} sets ({vr.level})"
    caption_x = label_w + vr.min_sets * scale
    width = max(label_w + plot_w + 60, math.ceil(caption_x + text_width(caption)) + PAD)
    height = top + bar_h * len(rows) + 40
    desc = "; ".join(
        f"{v.name}: {number(v.half_sets / 2)} sets"
        + (f" (target {vr.min_sets} to {vr.max_sets})" if v.focus else "")
        for v in rows
    )
    out = _open(width, height, "volume", "Weekly sets per muscle group against the target", desc)
    out.append(f"<g {FONT} {_paint('fg')}>")
    x0 = label_w
    out.append(
        f'<rect x="{caption_x:.1f}" y="{top - 6}" '
        f'width="{(vr.max_sets - vr.min_sets) * scale:.1f}" '
        f'height="{bar_h * len(rows) + 6}" {_paint("range")} fill-opacity="{RANGE_OPACITY}"/>'
    )
    out.append(f'<text x="{caption_x:.1f}" y="{top - 12}">{_e(caption)}</text>')
    for j, v in enumerate(rows):
        y = top + j * bar_h
        sets = v.half_sets / 2
        weight = ' font-weight="bold"' if v.focus else ""
        out.append(
            f'<text x="{label_w - PAD}" y="{y + bar_h // 2 + 4}" text-anchor="end"{weight}>'
            f"{_e(v.name)}</text>"
        )
        out.append(
            f'<rect x="{x0}" y="{y + 4}" width="{sets * scale:.1f}" height="{bar_h - 8}" '
            f"{_paint('primary' if v.focus else 'secondary')}>"
            f"<title>{_e(v.name)}: {number(sets)} sets a week</title></rect>"
        )
        out.append(
            f'<text x="{x0 + sets * scale + 6:.1f}" y="{y + bar_h // 2 + 4}">{number(sets)}</text>'
        )
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"
