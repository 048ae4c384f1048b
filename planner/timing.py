"""The session timing model (documented on the planner method page).

A session is a general warm-up, ramp-up sets before its first lift, and every working set
timed at the top of its rep range with the longest rest after it:

    seconds = warm-up + ramp-up + sum(sets * (reps_max * seconds_per_rep + rest_max))

Two exercises done as a superset share one rest after each round instead of resting after
each: a round is both exercises' reps, a short change-over and the longer of the two rests.
Using the top of each range means the estimate is an upper bound, so a session that fits on
paper fits in the gym.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.catalogue import Exercise

GENERAL_WARMUP_MINUTES = 5
GENERAL_WARMUP_SECONDS = GENERAL_WARMUP_MINUTES * 60
# When the weekly sets are reached before the minutes run out, the spare time goes to a longer
# general warm-up (mobility and technique work), up to this long.
LONGEST_GENERAL_WARMUP_MINUTES = 10
RAMP_SET_SECONDS = 60  # changing the load and a breath between ramp-up sets
CHANGEOVER_SECONDS = 15  # from one exercise of a superset to the other

# Ramp-up sets before the first loaded lift: (share of the working load in %, reps). Trained
# lifters handle heavier working sets, so they take one more, closer step.
RAMP_UP: dict[str, tuple[tuple[int, int], ...]] = {
    "beginner": ((50, 8), (70, 5)),
    "intermediate": ((50, 8), (70, 5)),
    "advanced": ((50, 8), (70, 5), (85, 3)),
}


@dataclass(frozen=True)
class Warmup:
    seconds: int
    general_minutes: int
    ramp_up: tuple[tuple[int, int], ...]  # (percent, reps) before the first lift
    easy_set: bool  # one easy set of the first exercise instead (bodyweight or band)


def warmup(
    first: Exercise | None,
    resistance: str,
    level: str,
    general_minutes: int = GENERAL_WARMUP_MINUTES,
    single: str = "",
) -> Warmup:
    """Ramp-up sets by percentages of the working weight for a loaded lift; an easy set
    instead when the lift is loaded by the one item of its kind the person owns (`single`: a
    kettlebell), or is done fast (a ballistic tempo: a swing is learnt again at each session
    with a light set, not worked up to in percentages)."""
    general = general_minutes * 60
    if first is None:
        return Warmup(general, general_minutes, (), False)
    if resistance == "load" and not single and first.tempo != "ballistic":
        ramp = RAMP_UP[level]
        seconds = sum(reps * first.seconds_per_rep + RAMP_SET_SECONDS for _, reps in ramp)
        return Warmup(general + seconds, general_minutes, ramp, False)
    easy = first.reps_min * first.seconds_per_rep + RAMP_SET_SECONDS
    return Warmup(general + easy, general_minutes, (), True)


def set_seconds(exercise: Exercise, reps_max: int | None = None) -> int:
    reps = exercise.reps_max if reps_max is None else reps_max
    return reps * exercise.seconds_per_rep + exercise.rest_max


def exercise_seconds(exercise: Exercise, sets: int, reps_max: int | None = None) -> int:
    """Upper-bound duration of one exercise, rest included."""
    return sets * set_seconds(exercise, reps_max)


def superset_seconds(a: Exercise, sets_a: int, b: Exercise, sets_b: int) -> int:
    """Both exercises in alternation: paired rounds share the longer rest, leftovers stand alone."""
    rounds = min(sets_a, sets_b)
    paired = rounds * (
        a.reps_max * a.seconds_per_rep
        + CHANGEOVER_SECONDS
        + b.reps_max * b.seconds_per_rep
        + max(a.rest_max, b.rest_max)
    )
    return paired + exercise_seconds(a, sets_a - rounds) + exercise_seconds(b, sets_b - rounds)


def minutes_up(seconds: int) -> int:
    return math.ceil(seconds / 60)


def tenths_of_minute(seconds: int) -> float:
    # Rounded from integer tenths so the printed value never depends on float noise.
    return round(seconds / 6) / 10
