"""Two charts as standalone SVG: a muscle x weekday coverage grid and weekly sets per muscle
group against the target range. Each carries a <title> and <desc> for screen readers, and
every value is written as text too, so colour is never the only cue.

The same markup is a file of its own (the CLI's --format svg) and is inlined into the planner
page, whose light and dark palettes it has to follow. So text and lines are drawn in
currentColor (the surrounding text colour; black in a file of its own), and every colour is a
CSS custom property the page may set, `--bc-chart-<name>`, with a fallback that reads on light
and dark pages alike. Each colour is also given as a plain attribute, for renderers without
CSS variables.

Both charts are drawn for a phone first: the page shows a chart at most as wide as it is drawn
(CHART_WIDTH, 420 px) and shrinks it to fit a narrower column, so its 16-unit text renders at
16 px on a wide screen and at 13.6 px in a 390 px phone's 358 px column (never under 12 px down
to a 360 px phone). So no label column eats the width: a muscle's name is written on its own
line (wrapped at spaces when longer than the chart) above its row of days or its bar.
"""

from __future__ import annotations

import math
import unicodedata
from html import escape

from planner.formats.common import number, weekly_target
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

# The coverage and volume charts: drawn CHART_WIDTH wide with CHART_FONT_SIZE text (see above).
CHART_WIDTH = 420
CHART_FONT_SIZE = 16
CHART_FONT = f'font-family="system-ui, sans-serif" font-size="{CHART_FONT_SIZE}"'
LINE = 20  # the distance between two lines of chart text

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


def _open(
    width: int, height: int, ident: str, title: str, desc: str, *, shrink: bool = False
) -> list[str]:
    """The opening of a chart. `shrink`: shown at most `width` px wide, smaller in a narrower
    column, whatever width a page's stylesheet gives its charts."""
    size = f' style="width:{width}px;max-width:100%;height:auto"' if shrink else ""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"{size} role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(desc)}</desc>',
    ]


def wrap(text: str, width: int, *, bold: bool = False, size: int = CHART_FONT_SIZE) -> list[str]:
    """`text` in lines no wider than `width` (by text_width): broken at spaces, and inside a word
    only when the word alone is wider."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if text_width(joined, bold=bold, size=size) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if line and text_width(line + ch, bold=bold, size=size) > width:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    return lines or [""]


def _label(text: str, y: int, *, bold: bool) -> tuple[str, int]:
    """A muscle's name in lines above its row, its first baseline at `y`; and the y under it."""
    lines = wrap(text, CHART_WIDTH - 2, bold=bold)
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="0" dy="{0 if k == 0 else LINE}">{_e(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text class="bc-chart-label" x="0" y="{y}"{weight}>{spans}</text>', (
        y + LINE * (len(lines) - 1) + 8
    )


def _legend(items: list[tuple[str, str]], y: int, opacity: str = "") -> tuple[list[str], int]:
    """Swatches with their words, as many to a line as fit; returns the markup and the y under
    the last line. `items` are (colour name, words); `y` is the first line's baseline."""
    out: list[str] = []
    x = 0
    for role, text in items:
        lines = wrap(text, CHART_WIDTH - 24)
        w = 24 + max(text_width(line) for line in lines)
        if x and x + w > CHART_WIDTH:
            x, y = 0, y + LINE + 6
        fade = f' fill-opacity="{opacity}"' if opacity else ""
        out.append(f'<rect x="{x}" y="{y - 13}" width="16" height="16" {_paint(role)}{fade}/>')
        for k, line in enumerate(lines):
            out.append(f'<text x="{x + 22}" y="{y + k * LINE}">{_e(line)}</text>')
        y += LINE * (len(lines) - 1)
        x += w + 18
    return out, y + 8


def coverage_svg(result: Plan | Infeasible) -> str:
    if isinstance(result, Infeasible):
        return ""
    rows = result.coverage
    col = CHART_WIDTH / 7
    cell_h = 28
    desc_parts = []
    for r in rows:
        prim = [WEEKDAY_NAMES[wd] for wd, role, _ in r.cells if role == "primary"]
        desc_parts.append(f"{r.name}: primary on {', '.join(prim) if prim else 'no day'}")
    body: list[str] = []
    for k, wd in enumerate(WEEKDAYS):
        x = round(k * col + col / 2, 1)
        body.append(f'<text x="{x:g}" y="18" text-anchor="middle">{_e(wd.capitalize())}</text>')
    y = 18 + LINE + 12
    for r in rows:
        label, y = _label(r.name, y, bold=r.focus)
        body.append(label)
        for k, (wd, role, half) in enumerate(r.cells):
            x = round(k * col + 3, 1)
            paint = _paint(role) if role else f'fill="currentColor" fill-opacity="{EMPTY_OPACITY}"'
            state = f"{role}, {number(half / 2)} sets" if role else "not trained"
            body.append(
                f'<rect x="{x:g}" y="{y}" width="{round(col - 6, 1):g}" height="{cell_h}" '
                f"{paint}><title>{_e(r.name)}, {_e(WEEKDAY_NAMES[wd])}: {_e(state)}</title></rect>"
            )
            if role:
                letter = "P" if role == "primary" else "S"
                body.append(
                    f'<text x="{round(k * col + col / 2, 1):g}" y="{y + cell_h // 2 + 6}" '
                    f'text-anchor="middle" {_paint("on-" + role)}>{letter}</text>'
                )
        y += cell_h + 10 + LINE
    legend, y = _legend([("primary", "P: primary mover"), ("secondary", "S: secondary")], y + 4)
    body += legend
    height = y
    out = _open(
        CHART_WIDTH,
        height,
        "coverage",
        "Which muscle groups each training day works",
        "; ".join(desc_parts) + ".",
        shrink=True,
    )
    out.append(f"<g {CHART_FONT} {_paint('fg')}>")
    out += body
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
    bar_h = 16
    # the bars' full length leaves room after the longest for its number
    plot_w = CHART_WIDTH - text_width("00.5") - 8
    scale = plot_w / top_sets
    caption = f"target {weekly_target(plan, training)} sets a week ({vr.level})"
    desc = "; ".join(
        f"{v.name}: {number(v.half_sets / 2)} sets"
        + (f" (target {v.min_sets} to {v.max_sets})" if v.focus else "")
        for v in rows
    )
    body, y = _legend([("range", caption)], 18, RANGE_OPACITY)
    y += LINE + 4
    for v in rows:
        label, y = _label(v.name, y, bold=v.focus)
        body.append(label)
        sets = v.half_sets / 2
        band_x, band_w = v.min_sets * scale, (v.max_sets - v.min_sets) * scale
        body.append(
            f'<rect x="{band_x:.1f}" y="{y - 3}" width="{band_w:.1f}" height="{bar_h + 6}" '
            f'{_paint("range")} fill-opacity="{RANGE_OPACITY}"/>'
        )
        body.append(
            f'<rect x="0" y="{y}" width="{sets * scale:.1f}" height="{bar_h}" '
            f"{_paint('primary' if v.focus else 'secondary')}>"
            f"<title>{_e(v.name)}: {number(sets)} sets a week</title></rect>"
        )
        body.append(f'<text x="{sets * scale + 6:.1f}" y="{y + bar_h - 2}">{number(sets)}</text>')
        y += bar_h + 10 + LINE
    height = y - LINE + 4
    out = _open(
        CHART_WIDTH, height, "volume", "Weekly sets per muscle group against the target", desc,
        shrink=True,
    )
    out.append(f"<g {CHART_FONT} {_paint('fg')}>")
    out += body
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"
