"""Two charts as standalone SVG: a muscle x weekday coverage grid and weekly sets per muscle
group against the target range. Each carries a <title> and <desc> for screen readers, and
every value is written as text too, so colour is never the only cue."""

from __future__ import annotations

from html import escape

from planner.formats.common import number
from planner.plan import Infeasible, Plan
from planner.request import WEEKDAY_NAMES, WEEKDAYS

PRIMARY = "#1f6f78"
SECONDARY = "#a8d5da"
EMPTY = "#f4f4f4"
RANGE = "#d9ead3"
INK = "#222222"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _e(text: str) -> str:
    return escape(text, quote=True)


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
    label_w, cell, top = 170, 44, 40
    width = label_w + cell * 7 + 10
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
    out.append(f'<g {FONT} fill="{INK}">')
    for k, wd in enumerate(WEEKDAYS):
        x = label_w + k * cell + cell // 2
        out.append(f'<text x="{x}" y="{top - 12}" text-anchor="middle">{wd.capitalize()}</text>')
    for j, r in enumerate(rows):
        y = top + j * cell
        weight = ' font-weight="bold"' if r.focus else ""
        out.append(
            f'<text x="{label_w - 8}" y="{y + cell // 2 + 4}" text-anchor="end"{weight}>'
            f"{_e(r.name)}</text>"
        )
        for k, (wd, role, half) in enumerate(r.cells):
            x = label_w + k * cell
            fill = PRIMARY if role == "primary" else SECONDARY if role == "secondary" else EMPTY
            state = f"{role}, {number(half / 2)} sets" if role else "not trained"
            out.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell - 4}" height="{cell - 4}" '
                f'fill="{fill}" stroke="#ffffff"><title>{_e(r.name)}, '
                f"{WEEKDAY_NAMES[wd]}: {state}</title></rect>"
            )
            if role:
                colour = "#ffffff" if role == "primary" else INK
                out.append(
                    f'<text x="{x + cell // 2}" y="{y + cell // 2 + 4}" text-anchor="middle" '
                    f'fill="{colour}">{"P" if role == "primary" else "S"}</text>'
                )
    ly = top + cell * len(rows) + 24
    out += [
        f'<rect x="{label_w}" y="{ly - 11}" width="14" height="14" fill="{PRIMARY}"/>',
        f'<text x="{label_w + 20}" y="{ly}">P: primary mover</text>',
        f'<rect x="{label_w + 150}" y="{ly - 11}" width="14" height="14" fill="{SECONDARY}"/>',
        f'<text x="{label_w + 170}" y="{ly}">S: secondary</text>',
        "</g>",
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def volume_svg(result: Plan | Infeasible) -> str:
    if isinstance(result, Infeasible):
        return ""
    plan = result
    training = next((w for w in plan.weeks if not w.deload), plan.weeks[0])
    rows = training.volume
    vr = plan.volume_range
    top_sets = max([vr.max_sets + 2] + [v.half_sets / 2 + 1 for v in rows])
    label_w, bar_h, top, plot_w = 170, 26, 30, 360
    scale = plot_w / top_sets
    width = label_w + plot_w + 60
    height = top + bar_h * len(rows) + 40
    desc = "; ".join(
        f"{v.name}: {number(v.half_sets / 2)} sets"
        + (f" (target {vr.min_sets} to {vr.max_sets})" if v.focus else "")
        for v in rows
    )
    out = _open(width, height, "volume", "Weekly sets per muscle group against the target", desc)
    out.append(f'<g {FONT} fill="{INK}">')
    x0 = label_w
    out.append(
        f'<rect x="{x0 + vr.min_sets * scale:.1f}" y="{top - 6}" '
        f'width="{(vr.max_sets - vr.min_sets) * scale:.1f}" '
        f'height="{bar_h * len(rows) + 6}" fill="{RANGE}"/>'
    )
    out.append(
        f'<text x="{x0 + vr.min_sets * scale:.1f}" y="{top - 12}">target {vr.min_sets}–'
        f"{vr.max_sets} sets ({_e(vr.level)})</text>"
    )
    for j, v in enumerate(rows):
        y = top + j * bar_h
        sets = v.half_sets / 2
        weight = ' font-weight="bold"' if v.focus else ""
        out.append(
            f'<text x="{label_w - 8}" y="{y + bar_h // 2 + 4}" text-anchor="end"{weight}>'
            f"{_e(v.name)}</text>"
        )
        fill = PRIMARY if v.focus else SECONDARY
        out.append(
            f'<rect x="{x0}" y="{y + 4}" width="{sets * scale:.1f}" height="{bar_h - 8}" '
            f'fill="{fill}"><title>{_e(v.name)}: {number(sets)} sets a week</title></rect>'
        )
        out.append(
            f'<text x="{x0 + sets * scale + 6:.1f}" y="{y + bar_h // 2 + 4}">{number(sets)}</text>'
        )
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"
