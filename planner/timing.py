"""The session timing model (documented on the planner method page).

A session is a fixed warm-up plus, for each exercise, every set timed at the top of its rep
range with the longest rest after it:

    seconds = WARMUP_SECONDS + sum(sets * (reps_max * seconds_per_rep + rest_max))

The rest after the last set doubles as the change-over to the next exercise. Using the top of
each range means the estimate is an upper bound, so a session that fits on paper fits in the gym.
"""

from __future__ import annotations

import math

from planner.catalogue import Exercise

WARMUP_MINUTES = 5
WARMUP_SECONDS = WARMUP_MINUTES * 60


def exercise_seconds(exercise: Exercise, sets: int | None = None) -> int:
    """Upper-bound duration of one exercise, rest included."""
    n = exercise.sets if sets is None else sets
    return n * (exercise.reps_max * exercise.seconds_per_rep + exercise.rest_max)


def session_seconds(exercises: tuple[Exercise, ...] | list[Exercise]) -> int:
    return WARMUP_SECONDS + sum(exercise_seconds(e) for e in exercises)


def minutes_up(seconds: int) -> int:
    return math.ceil(seconds / 60)


def tenths_of_minute(seconds: int) -> float:
    # Rounded from integer tenths so the printed value never depends on float noise.
    return round(seconds / 6) / 10
