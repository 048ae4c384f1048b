"""The plan as plain text for a terminal."""

from __future__ import annotations

from planner.formats.common import dash, long_date, number, prescription, rest, short_date
from planner.plan import Infeasible, Plan
from planner.request import WEEKDAY_NAMES
from planner.timing import WARMUP_MINUTES, minutes_up


def to_text(result: Plan | Infeasible) -> str:
    if isinstance(result, Infeasible):
        return f"Cannot make this plan ({result.rule}).\n{result.message}\n"
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
                f"({WARMUP_MINUTES} min warm-up)"
            )
            width = max(len(e.name) for e in s.exercises)
            for e in s.exercises:
                extra = " +weight" if e.add_load else ""
                out.append(
                    f"    {e.name.ljust(width)}  {prescription(e):>9}  target {e.target_reps}"
                    f"{extra}  rest {rest(e)}"
                )
        sets = ", ".join(f"{v.name} {number(v.half_sets / 2)}" for v in week.volume if v.focus)
        vr = plan.volume_range
        out.append(f"  Weekly sets (target {dash(vr.min_sets, vr.max_sets)}): {sets}")
    return "\n".join(out) + "\n"
