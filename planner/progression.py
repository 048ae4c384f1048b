"""Step 6 of the pipeline: how each exercise moves on from week to week, by performance.

Double progression (ACSM 2009): keep the load while the reps climb through the range; once
every set reaches the top of the range with the reps in reserve the plan asks for, take the
smallest step up and start again at the bottom. What "a step up" is depends on the gear in use:
more weight for barbells, dumbbells, kettlebells, cables and machines; a stronger band for
bands; for bodyweight, a slower lowering and then a harder version - never "add weight". A
kettlebell lift offers both: the next bell, or, for whoever owns one, the bodyweight path. The
plan states the rule; the lifter's own sets decide when it applies, so no week of the calendar
tells everyone to add weight at once.

A deload week comes every Nth week (N by level, `volume.RANGES`): about half the sets at the
same loads, further from failure; the week after it picks up where the week before it was.
An exercise with a starting dose (Nordic curls) uses it for its first weeks.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalogue import Exercise
from planner.volume import RANGES, deload_sets, is_deload
from planner.words import plural


@dataclass(frozen=True)
class WeekDose:
    sets: int
    reps_min: int
    reps_max: int
    rir_min: int
    rir_max: int
    starting: bool


def week_dose(
    exercise: Exercise, sets: int, rir: tuple[int, int], week: int, level: str
) -> WeekDose:
    start = exercise.start
    if start is not None and week <= start.weeks:
        return WeekDose(
            start.sets, start.reps_min, start.reps_max, max(rir[0], 2), max(rir[1], 3), True
        )
    if is_deload(week, level):
        return WeekDose(
            deload_sets(sets), exercise.reps_min, exercise.reps_max, rir[0] + 2, rir[1] + 2, False
        )
    return WeekDose(sets, exercise.reps_min, exercise.reps_max, rir[0], rir[1], False)


def rule(
    exercise: Exercise,
    kind: str,
    rir: tuple[int, int],
    harder_name: str | None,
    single: str = "",
    step: str = "",
) -> str:
    """The progression rule in words, with this exercise's numbers. `single` names the one
    item of its kind that loads it (a kettlebell, see eligible.single_weight); `step` is the
    gear's smallest step up in words (eligible.load_step)."""
    spare = f"{rir[0]}–{rir[1]}" if rir[0] != rir[1] else str(rir[0])
    top = f"When every set reaches {exercise.reps_max} reps with {spare} reps still in reserve, "
    back = f"start again at {exercise.reps_min} reps."
    if kind == "load" and single:
        # Most people own one kettlebell: "the next one" alone would leave them stuck. A swing
        # is done fast, so it cannot be slowed down: more reps, then shorter rests.
        if exercise.tempo == "ballistic":
            instead = ("add a rep or two to each set instead, every rep as crisp as the first"
                       + (f", then move on to {harder_name}." if harder_name
                          else ", then shorten the rests."))
        else:
            instead = ("slow the lowering to three seconds with a pause at the hardest point "
                       "instead" + (f", then move on to {harder_name}." if harder_name
                                    else ", then add a rep or two."))
        text = (top + f"move up to the next {single} and " + back
                + f" With only one {single}, " + instead)
    elif kind == "load":
        text = top + f"add the smallest step you have ({step}) and " + back
    elif kind == "band":
        text = top + "move to the next stronger band, or stand further from the anchor, and " + back
    else:
        text = top + "slow the lowering to three seconds with a pause at the hardest point"
        text += f", then move on to {harder_name}." if harder_name else ", then add a rep or two."
    if exercise.start is not None:
        s = exercise.start
        text = (
            f"Start with {plural(s.sets, 'set')} of {s.reps_min}–{s.reps_max} once a week for "
            f"the first {plural(s.weeks, 'week')}, then the full dose. " + text
        )
    return text


def week_note(week: int, level: str) -> str:
    every = RANGES[level].deload_every
    if is_deload(week, level):
        return (
            f"Deload week (every {ordinal(every)} week at {level} level): about half the sets "
            "at the same loads, stopping further from failure, so fatigue clears. Next week "
            "carry on from where you were before it."
        )
    if week == 1:
        return (
            "First week: choose loads that leave the reps in reserve shown on each exercise, "
            "and learn the movements. Start every exercise at the bottom of its rep range."
        )
    if week > 1 and is_deload(week - 1, level):
        return (
            "Back to full sets, at the loads and reps you reached before the deload. Each "
            "exercise's rule says when to step up."
        )
    return (
        "Progress by performance: each exercise's rule says when to add load, reps or a harder "
        "version. Missed reps? Repeat the load next time; after three sessions without "
        "progress, take 5–10 % off and build back up. If even your best set ends three or "
        "more reps short at failure, take about 10 % off at once."
    )


def ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")
