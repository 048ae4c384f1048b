"""The plan as Markdown (the build-time example weeks and the browser's "copy as Markdown")."""

from __future__ import annotations

import html
import re

from planner.formats.common import (
    dash,
    effort,
    extras,
    long_date,
    number,
    prescription,
    rest,
    short_date,
)
from planner.model import Infeasible, Plan
from planner.request import WEEKDAY_NAMES
from planner.timing import minutes_up
from planner.words import times_word

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def escape(text: str) -> str:
    """Content comes from forks: neutralise HTML and Markdown syntax in every piece of it."""
    return _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _link(name: str, url: str, base_url: str) -> str:
    if not url:
        return escape(name)
    href = (base_url + url).replace(" ", "%20").replace(")", "%29").replace("(", "%28")
    return f"[{escape(name)}]({html.escape(href)})"


def to_markdown(
    result: Plan | Infeasible,
    *,
    base_url: str = "",
    weeks: int | None = None,
    heading_level: int = 1,
) -> str:
    """Markdown for a plan; `weeks` limits how many weeks are shown (the site shows one)."""
    h = "#" * heading_level
    if isinstance(result, Infeasible):
        lines = [f"{h} This plan cannot be made", "", escape(result.message), ""]
        lines += [f"- {escape(s.text)}" for s in result.suggestions]
        return "\n".join(lines) + ("\n" if result.suggestions else "")
    plan = result
    req = plan.request
    days = ", ".join(WEEKDAY_NAMES[d] for d in plan.days_used)
    lines = [
        f"{h} {escape(plan.split_name)}",
        "",
        f"{days} · up to {req.minutes} minutes · {req.level} · {req.weeks} "
        f"week{'s' if req.weeks != 1 else ''} from {long_date(req.start)}",
        "",
    ]
    for warning in plan.warnings:
        lines.append(f"- {escape(warning)}")
    for gap in plan.uncovered:
        lines.append(
            f"- Not covered {times_word(plan.min_sessions)} a week: {escape(gap.name)}. "
            f"{escape(gap.fix)}"
        )
    if plan.warnings or plan.uncovered:
        lines.append("")
    for week in plan.weeks[: weeks or len(plan.weeks)]:
        title = f"Week {week.number}" + (" (deload)" if week.deload else "")
        lines += [
            f"{h}# {title}: {short_date(week.start)} – {short_date(week.end)}",
            "",
            escape(week.note),
            "",
        ]
        for s in week.sessions:
            lines += [
                f"{h}## {long_date(s.date)}: {escape(s.type_name)} "
                f"(about {minutes_up(s.seconds)} min)",
                "",
                f"Warm-up ({s.warmup.minutes} min): {escape(s.warmup.general)}",
                "",
                "| Exercise | Sets × reps | Effort | Rest | Notes | Progression |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for e in s.exercises:
                notes = "; ".join(escape(x) for x in extras(e)) or "–"
                lines.append(
                    f"| {_link(e.name, e.url, base_url)} | {prescription(e)} | {effort(e)} | "
                    f"{rest(e)} | {notes} | {escape(e.progression.rule)} |"
                )
            lines.append("")
        lines += [
            "| Muscle group | Sets this week | Target |",
            "| --- | --- | --- |",
        ]
        for v in week.volume:
            target = dash(v.min_sets, v.max_sets) if v.focus else f"at most {v.max_sets}"
            lines.append(f"| {escape(v.name)} | {number(v.half_sets / 2)} | {target} |")
        lines.append("")
    return "\n".join(lines)
