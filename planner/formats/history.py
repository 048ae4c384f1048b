"""An exercise's history as a small SVG line chart: the best set of each session over time.

"Best" is the set with the highest estimated one-rep max (Epley: load × (1 + reps / 30)), so a
heavier set of fewer reps and a lighter set of more reps compare fairly; for bodyweight work
(every set logged at 0 kg) it is the set with the most reps. The chart is drawn for about 320
px of width (its viewBox), where its 12 px text stays readable; every value is also written
in the <desc>, so the chart is never the only way to read it. Colours follow the planner
charts (`svg.py`): currentColor and the page's `--bc-chart-primary`.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from planner.formats.common import number
from planner.formats.svg import COLOURS, FONT, FONT_SIZE
from planner.log import Log, LoggedSet

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28  # room for the value and date labels


def _e1rm(s: LoggedSet) -> float:
    return s.load * (1 + s.reps / 30)


def best_sets(log: Log, exercise_id: str) -> list[tuple[str, LoggedSet]]:
    """(date, best set) for each date the exercise was logged, oldest first."""
    mine = [s for s in log.sets if s.exercise == exercise_id]
    loaded = any(s.load > 0 for s in mine)
    best: dict[str, LoggedSet] = {}
    for s in mine:
        key = (_e1rm(s), s.reps, s.load) if loaded else (s.reps, 0, 0)
        old = best.get(s.date)
        if old is None or key > ((_e1rm(old), old.reps, old.load) if loaded else (old.reps, 0, 0)):
            best[s.date] = s
    return sorted(best.items())


def _short(date: str) -> str:
    d = dt.date.fromisoformat(date)
    return f"{d.day} {d.strftime('%b')}"


def _set_words(s: LoggedSet, loaded: bool) -> str:
    if not loaded:
        return f"{s.reps} reps"
    return f"{number(s.load)} kg × {s.reps} (about {number(round(_e1rm(s)))} kg for one rep)"


def history_svg(log: Log, exercise_id: str, name: str) -> str:
    """The chart, or "" when the exercise has fewer than two sessions logged (one point is
    not a line; the page shows the sets themselves instead)."""
    points = best_sets(log, exercise_id)
    if len(points) < 2:
        return ""
    loaded = any(s.load > 0 for _, s in points)
    values = [round(_e1rm(s), 1) if loaded else float(s.reps) for _, s in points]
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    days = [dt.date.fromisoformat(d).toordinal() for d, _ in points]
    first, span = days[0], max(1, days[-1] - days[0])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: int) -> float:
        return round(LEFT + (day - first) / span * plot_w, 1)

    def y(v: float) -> float:
        return round(TOP + (hi - v) / (hi - lo) * plot_h, 1)

    unit = " kg" if loaded else ""
    what = "estimated one-rep max" if loaded else "most reps in a set"
    title = f"{name}: best set per session ({what})"
    desc = "; ".join(f"{_short(d)} {d[:4]}: {_set_words(s, loaded)}" for d, s in points) + "."
    ident = escape(f"bc-history-{exercise_id}", quote=True)
    fg, line = COLOURS["fg"], COLOURS["primary"]
    path = " ".join(f"{x(d)},{y(v)}" for d, v in zip(days, values, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" style="width:{WIDTH}px;max-width:100%;height:auto" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="bc-history" {FONT}>',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<g stroke="{fg}" stroke-opacity="0.35">'
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>'
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/></g>',
        f'<g fill="{fg}">'
        f'<text x="{LEFT - 4}" y="{TOP + FONT_SIZE - 2}" text-anchor="end">'
        f"{escape(number(round(hi)) + unit)}</text>"
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end">'
        f"{escape(number(round(lo)) + unit)}</text>"
        f'<text x="{LEFT}" y="{HEIGHT - 8}">{escape(_short(points[0][0]))}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end">'
        f"{escape(_short(points[-1][0]))}</text></g>",
        f'<polyline fill="none" stroke="{line}" style="stroke:var(--bc-chart-primary, {line})" '
        f'stroke-width="2" points="{path}"/>',
        f'<g fill="{line}" style="fill:var(--bc-chart-primary, {line})">'
        + "".join(
            f'<circle cx="{x(d)}" cy="{y(v)}" r="3"/>' for d, v in zip(days, values, strict=True)
        )
        + "</g>",
        "</svg>",
    ]
    return "".join(parts)
