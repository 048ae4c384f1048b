"""What the planner answers: a Plan, or an Infeasible with the fixes that would work.

Plain frozen data, built by `planner.plan.make_plan` and read by every format in
`planner.formats` (JSON, Markdown, text, iCalendar, SVG) and by the browser's plan view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.request import Request
from planner.volume import VolumeRange

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Progression:
    kind: str  # load | band | bodyweight
    rule: str  # the rule in words, with this exercise's numbers
    harder: tuple[str, str, str] | None  # (id, name, url) of the harder version to move to
    tempo: str = "controlled"  # ballistic (a swing): no step asks for a slow lowering
    single: str = ""  # the one item of its kind loading it ("kettlebell"): no next one assumed
    step_kg: float | None = None  # the smallest step up of a loaded lift, for next targets


@dataclass(frozen=True)
class PlannedExercise:
    id: str
    name: str
    url: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    role: str  # main | second | accessory | small
    pattern: str
    mechanics: str
    sets: int
    reps_min: int
    reps_max: int
    rir_min: int
    rir_max: int
    rest_min: int
    rest_max: int
    seconds: int
    superset: str | None  # exercises sharing a letter in a session alternate sets
    starting_dose: bool
    spinal_load: str
    progression: Progression
    use_instead: str | None  # "Use dumbbells instead of the barbell."
    equipment_used: tuple[str, ...]
    reason: str
    pinned: bool = False  # the person chose it in a swap (a pin of the request)
    held: tuple[str, ...] = ()  # groups its heavy spinal load trains in full (the lower back)


@dataclass(frozen=True)
class Warmup:
    minutes: int
    general: str
    ramp_up: tuple[tuple[int, int], ...]  # (percent of the working load, reps)
    exercise: str | None  # the id of the lift the ramp-up sets lead into


@dataclass(frozen=True)
class Session:
    date: dt.date
    weekday: str
    type_id: str
    type_name: str
    warmup: Warmup
    exercises: tuple[PlannedExercise, ...]
    seconds: int
    minutes_asked: int
    # No room for another set, as the dose step sees it (a shortfall is then the minutes').
    full: bool = False


@dataclass(frozen=True)
class MuscleVolume:
    muscle: str
    name: str
    focus: bool
    half_sets: int
    sessions: int  # sessions in the week that train this group
    min_sets: int
    max_sets: int


@dataclass(frozen=True)
class WeekPlan:
    number: int
    start: dt.date
    end: dt.date
    deload: bool
    note: str
    sessions: tuple[Session, ...]
    volume: tuple[MuscleVolume, ...]


@dataclass(frozen=True)
class CoverageRow:
    muscle: str
    name: str
    focus: bool
    cells: tuple[tuple[str, str | None, int], ...]  # (weekday, primary|secondary|None, half-sets)


@dataclass(frozen=True)
class Gap:
    """A focus group the week trains in fewer sessions than the guidance asks, and why."""

    muscle: str
    name: str
    sessions: int
    fix: str


@dataclass(frozen=True)
class Plan:
    request: Request
    split_id: str | None
    split_name: str
    volume_range: VolumeRange
    weeks: tuple[WeekPlan, ...]
    coverage: tuple[CoverageRow, ...]
    days_used: tuple[str, ...]
    rest_ok: bool
    min_sessions: int  # sessions a week each focus group should get (the guidance)
    uncovered: tuple[Gap, ...]
    warnings: tuple[str, ...]
    muscle_names: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Suggestion:
    """One change to the request that would make it work, checked by planning with it."""

    text: str
    change: tuple[tuple[str, object], ...]  # request fields and new values


@dataclass(frozen=True)
class Infeasible:
    request: Request
    rule: str  # days | spacing | exercises | time
    message: str
    suggestions: tuple[Suggestion, ...]
