"""Across weeks: double progression inside each block and a lighter deload week at fixed spacing.

Double progression (ACSM 2009 describes the load step): keep the weight while you add reps, one
per set per week where you can. When every set reaches the top of the exercise's rep range, add
the smallest weight step (about 2-10 %) and start again at the bottom of the range. Every Nth
week (N depends on level, see planner.volume.RANGES) is a deload: about half the sets at the same
weight, so fatigue clears before the next block.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalogue import Exercise
from planner.volume import RANGES, deload_sets, is_deload


@dataclass(frozen=True)
class Target:
    sets: int
    target_reps: int
    add_load: bool


def training_week_index(week: int, level: str) -> int:
    """How many non-deload weeks have happened up to and including this one."""
    every = RANGES[level].deload_every
    return week - week // every


def target(exercise: Exercise, week: int, level: str) -> Target:
    if is_deload(week, level):
        return Target(deload_sets(exercise.sets), exercise.reps_min, False)
    k = training_week_index(week, level)
    span = exercise.reps_max - exercise.reps_min + 1
    step = (k - 1) % span
    return Target(exercise.sets, exercise.reps_min + step, k > 1 and step == 0)


def week_note(week: int, level: str, add_load_names: list[str]) -> str:
    every = RANGES[level].deload_every
    if is_deload(week, level):
        return (
            f"Deload week (every {every}th week at {level} level): do about half the sets at "
            "last week's weights and stop well short of failure, so fatigue clears before the "
            "next block."
        )
    if week == 1:
        return (
            "First week: pick a weight you can lift for the bottom of each rep range with one or "
            "two good reps to spare, and learn the movements."
        )
    note = (
        "Double progression: add a rep to each set where you can, up to the target shown. When "
        "every set of an exercise reaches the top of its range, add the smallest weight step "
        "(about 2-10 %) and start again at the bottom of the range."
    )
    if add_load_names:
        note += " Add weight this week for: " + ", ".join(add_load_names) + "."
    return note
