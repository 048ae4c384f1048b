"""Small helpers shared by the text renderings."""

from __future__ import annotations

import datetime as dt

from planner.model import PlannedExercise


def long_date(d: dt.date) -> str:
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def short_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%b')}"


def number(x: float) -> str:
    """7.0 -> '7', 7.5 -> '7.5'."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def dash(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}–{b}"


def prescription(e: PlannedExercise) -> str:
    return f"{e.sets} × {dash(e.reps_min, e.reps_max)}"


def rest(e: PlannedExercise) -> str:
    return f"{dash(e.rest_min, e.rest_max)} s"


def effort(e: PlannedExercise) -> str:
    """Reps in reserve, as a lifter reads it: '2–3 in reserve'."""
    return f"{dash(e.rir_min, e.rir_max)} in reserve"


def dose(e: PlannedExercise) -> str:
    """'3 × 10–12, 2–3 in reserve, rest 60–90 s'."""
    return f"{prescription(e)}, {effort(e)}, rest {rest(e)}"


def extras(e: PlannedExercise) -> list[str]:
    """What goes with an exercise beyond its dose: superset, starting dose, substitute."""
    out = []
    if e.superset:
        out.append(f"superset {e.superset}: alternate its sets with the other {e.superset}")
    if e.starting_dose:
        out.append("starting dose")
    if e.use_instead:
        out.append(e.use_instead)
    return out


def weekly_target(plan, week) -> str:
    """The weekly sets target as a plan states it: "8–20", or "8–20, small groups 4–20" when
    the small groups' range starts lower (volume.group_range)."""
    vr = plan.volume_range
    text = dash(vr.min_sets, vr.max_sets)
    small = sorted({(v.min_sets, v.max_sets) for v in week.volume
                    if v.focus and v.min_sets != vr.min_sets})
    if small:
        text += ", small groups " + ", ".join(dash(lo, hi) for lo, hi in small)
    return text
