"""The plan as plain text for a terminal."""

from __future__ import annotations

from planner.formats.common import dose, extras, long_date, number, short_date, weekly_target
from planner.model import Infeasible, Plan
from planner.request import WEEKDAY_NAMES
from planner.timing import minutes_up
from planner.words import times_word


def to_text(result: Plan | Infeasible) -> str:
    if isinstance(result, Infeasible):
        lines = ["This plan cannot be made.", result.message]
        lines += [f"  - {s.text}" for s in result.suggestions]
        return "\n".join(lines) + "\n"
    plan = result
    req = plan.request
    out = [
        plan.split_name,
        f"Days: {', '.join(WEEKDAY_NAMES[d] for d in plan.days_used)}. Up to {req.minutes} "
        f"minutes, {req.level}, {req.weeks} week{'s' if req.weeks != 1 else ''} from "
        f"{req.start.isoformat()}.",
    ]
    for warning in plan.warnings:
        out.append(f"! {warning}")
    for gap in plan.uncovered:
        out.append(f"! Not covered {times_word(plan.min_sessions)} a week: {gap.name}. {gap.fix}")
    for week in plan.weeks:
        out += [
            "",
            f"Week {week.number}{' - deload' if week.deload else ''} "
            f"({short_date(week.start)} to {short_date(week.end)})",
            f"  {week.note}",
        ]
        for s in week.sessions:
            out.append(
                f"  {long_date(s.date)}: {s.type_name}, about {minutes_up(s.seconds)} min "
                f"of {s.minutes_asked}"
            )
            out.append(f"    Warm-up ({s.warmup.minutes} min): {s.warmup.general}")
            width = max((len(e.name) for e in s.exercises), default=0)
            for e in s.exercises:
                out.append(f"    {e.name.ljust(width)}  {dose(e)}")
                for note in extras(e):
                    out.append(f"    {''.ljust(width)}  {note}")
        sets = ", ".join(f"{v.name} {number(v.half_sets / 2)}" for v in week.volume if v.focus)
        out.append(f"  Weekly sets (target {weekly_target(plan, week)}): {sets}")
    first = plan.weeks[0].sessions if plan.weeks else ()
    rules = {e.name: e.progression.rule for s in first for e in s.exercises}
    if rules:
        out += ["", "How each exercise progresses:"]
        out += [f"  {name}: {text}" for name, text in sorted(rules.items())]
    return "\n".join(out) + "\n"
