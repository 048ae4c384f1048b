"""Small helpers shared by the text renderings."""

from __future__ import annotations

import datetime as dt

from planner.plan import PlannedExercise


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
