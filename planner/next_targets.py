"""Next targets from the log: each exercise's next sets, reps, effort and load, by performance.

The rules are the plan's own (`progression.py`, double progression after ACSM 2009): keep the
load while the reps climb through the range; when every set of the last session reached the
top of the range with at least the reps in reserve the plan asks for, take the smallest step
up and start again at the bottom. The step depends on what the exercise progresses with:

  load        about 2.5 kg on a barbell (and a cable stack or machine), 2 kg for dumbbells,
              4 kg for a kettlebell (the next size); with a kettlebell, the top of the range
              twice at one weight says it is the only bell, so a harder version or more reps
  band        the next stronger band
  bodyweight  first a slower lowering, then the harder version the plan names

A set short of the range keeps the load; three sessions in a row short of it at one load take
5-10 % off (or an easier band or version) to build back up. A session whose best set ended
three or more reps under the range with nothing in reserve takes about 10 % off at once: that
load is too heavy for the range, not a bad day. In a deload week the plan's sets
(about half) and its reps in reserve (further from failure) are kept at the last load. Sets
logged in a deload week never decide a step: they were meant to be easy.

`next_targets` reads the plan as the JSON dict `planner.formats.json_format.plan_to_dict`
writes (the CLI's `plan --format json`, the browser's envelope), so the CLI and the browser
answer from the same data with the same function, byte for byte (`targets_to_json`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planner.catalogue import DEFAULT_LOAD_STEP_KG
from planner.errors import PlannerError
from planner.formats.canonical import dumps
from planner.formats.common import dash, number
from planner.log import Log, LoggedSet
from planner.model import SCHEMA_VERSION

ACTIONS = (
    "start",
    "repeat",
    "add-reps",
    "add-load",
    "harder",
    "stronger-band",
    "slower",
    "reduce",
    "deload",
)
# Plans written before the step and the one-of-a-kind item came from equipment.yaml (their
# progression has no "step_kg") are read with the steps of the seed content's gear.
_OLD_PLAN_STEPS = (("kettlebell", 4.0), ("barbell", 2.5), ("dumbbells", 2.0))
_OLD_PLAN_SINGLE = "kettlebell"
STALLED_SESSIONS = 3  # sessions in a row short of the range before the load comes down
FAR_SHORT_REPS = 3  # a best set this far under the range, at failure: too heavy, come down now


class TargetsError(PlannerError):
    """The plan given is not one the planner wrote, or the week is not in it."""


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    sets: int
    reps_min: int  # the reps to reach at least in every set next time
    reps_max: int
    rir_min: int
    rir_max: int
    load: float | None  # kg; None when the lifter chooses it (first session, a new band)
    action: str  # one of ACTIONS
    reason: str  # one sentence a coach would sign


@dataclass(frozen=True)
class _Dose:
    """One exercise as the plan prescribes it in the week asked about."""

    id: str
    name: str
    sets: int
    reps_min: int
    reps_max: int
    rir_min: int
    rir_max: int
    kind: str  # load | band | bodyweight
    harder: str | None  # the name of the harder version, for bodyweight work
    equipment: tuple[str, ...]
    ballistic: bool = False  # done fast (a swing): never "lower it slowly"
    single: str = ""  # the one item of its kind loading it ("kettlebell")
    step: float = DEFAULT_LOAD_STEP_KG  # kg: the gear's smallest step up


@dataclass(frozen=True)
class _Week:
    number: int
    start: dt.date
    end: dt.date
    deload: bool


# --- reading the plan -------------------------------------------------------------------------

_NOT_A_PLAN = (
    "The plan is not one the planner wrote as JSON (python -m planner plan --format json); "
    "make the plan again and retry."
)


def _int(x: Any, lo: int = 0) -> int:
    if isinstance(x, bool) or not isinstance(x, int) or x < lo:
        raise TargetsError(_NOT_A_PLAN)
    return x


def _str(x: Any) -> str:
    if not isinstance(x, str) or not x:
        raise TargetsError(_NOT_A_PLAN)
    return x


def _list(x: Any) -> list:
    if not isinstance(x, list):
        raise TargetsError(_NOT_A_PLAN)
    return x


def _dict(x: Any) -> Mapping:
    if not isinstance(x, Mapping):
        raise TargetsError(_NOT_A_PLAN)
    return x


def _date(x: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_str(x))
    except ValueError:
        raise TargetsError(_NOT_A_PLAN) from None


def _weeks(plan: Any) -> list[Mapping]:
    plan = _dict(plan)
    if plan.get("status") != "ok" or plan.get("schema_version") != SCHEMA_VERSION:
        raise TargetsError(_NOT_A_PLAN)
    weeks = [_dict(w) for w in _list(plan.get("weeks"))]
    if not weeks:
        raise TargetsError(_NOT_A_PLAN)
    return weeks


def _week_of(w: Mapping) -> _Week:
    return _Week(
        _int(w.get("number"), 1),
        _date(w.get("start")),
        _date(w.get("end")),
        w.get("deload") is True,
    )


def _dose(e: Mapping) -> _Dose:
    progression = _dict(e.get("progression"))
    kind = progression.get("kind")
    if kind not in ("load", "band", "bodyweight"):
        raise TargetsError(_NOT_A_PLAN)
    harder = progression.get("harder")
    equipment = tuple(_str(g) for g in _list(e.get("equipment_used", [])))
    if "step_kg" in progression:
        single = progression.get("single") or ""
        if not isinstance(single, str):
            raise TargetsError(_NOT_A_PLAN)
        step = _kg_step(progression.get("step_kg"))
    else:  # a plan saved before these fields
        single = _OLD_PLAN_SINGLE if set(equipment) - {"bodyweight"} == {"kettlebell"} else ""
        step = next((kg for g, kg in _OLD_PLAN_STEPS if g in equipment), DEFAULT_LOAD_STEP_KG)
    reps_min, reps_max = _int(e.get("reps_min"), 1), _int(e.get("reps_max"), 1)
    rir_min, rir_max = _int(e.get("rir_min")), _int(e.get("rir_max"))
    if reps_min > reps_max or rir_min > rir_max:
        raise TargetsError(_NOT_A_PLAN)
    return _Dose(
        id=_str(e.get("id")),
        name=_str(e.get("name")),
        sets=_int(e.get("sets"), 1),
        reps_min=reps_min,
        reps_max=reps_max,
        rir_min=rir_min,
        rir_max=rir_max,
        kind=kind,
        harder=_str(_dict(harder).get("name")) if harder is not None else None,
        equipment=equipment,
        ballistic=progression.get("tempo") == "ballistic",
        single=single,
        step=step,
    )


def _doses(week: Mapping) -> list[_Dose]:
    """Each exercise of the week once, in the order the week first does it."""
    out: dict[str, _Dose] = {}
    for session in _list(week.get("sessions")):
        for e in _list(_dict(session).get("exercises")):
            dose = _dose(_dict(e))
            out.setdefault(dose.id, dose)
    return list(out.values())


def _which_week(raw: list[Mapping], weeks: list[_Week], log: Log, week: int | None) -> int:
    """The index of the week asked for; by default the week of the plan's next session after
    the last set logged (the last week once the plan is over)."""
    if week is not None:
        if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= len(weeks):
            has = f"weeks 1 to {len(weeks)}" if len(weeks) > 1 else "one week, week 1"
            if isinstance(week, int) and not isinstance(week, bool):
                raise TargetsError(f"Week {week} is not in the plan; it has {has}.")
            raise TargetsError(f"The week must be a whole number; the plan has {has}.")
        return week - 1
    if not log.sets:
        return 0
    last = dt.date.fromisoformat(log.sets[-1].date)
    for i, w in enumerate(raw):
        if any(_date(_dict(s).get("date")) > last for s in _list(w.get("sessions"))):
            return i
    return len(weeks) - 1


# --- the rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Session:
    date: str
    sets: tuple[LoggedSet, ...]

    @property
    def load(self) -> float:
        return max(s.load for s in self.sets)


def _sessions(
    by_date: dict[str, list[LoggedSet]], deloads: list[tuple[str, str]]
) -> list[_Session]:
    """An exercise's logged sessions, oldest first, without those of deload weeks unless
    there is nothing else. `deloads` are the deload weeks' (first, last) ISO dates, which
    compare as text."""
    # A parsed log is sorted by date, exercise and set number, so these are in order already.
    sessions = [_Session(d, tuple(ss)) for d, ss in by_date.items()]
    hard = [s for s in sessions if not any(a <= s.date <= b for a, b in deloads)]
    return hard or sessions


def _by_exercise(log: Log, wanted: set[str]) -> dict[str, dict[str, list[LoggedSet]]]:
    """The sets of the wanted exercises by exercise and date, in one pass over the log (which
    may hold 20,000 sets)."""
    out: dict[str, dict[str, list[LoggedSet]]] = {e: {} for e in wanted}
    for s in log.sets:
        dates = out.get(s.exercise)
        if dates is not None:
            dates.setdefault(s.date, []).append(s)
    return out


def _at_top(dose: _Dose, session: _Session) -> bool:
    return all(s.reps >= dose.reps_max for s in session.sets)


def _kept_reserve(dose: _Dose, session: _Session) -> bool:
    return all(s.rir >= dose.rir_min for s in session.sets)


def _short(dose: _Dose, session: _Session) -> bool:
    return any(s.reps < dose.reps_min for s in session.sets)


def _far_short(dose: _Dose, session: _Session) -> bool:
    """Even the best set ended FAR_SHORT_REPS or more under the range, and a set hit failure."""
    return (max(s.reps for s in session.sets) <= dose.reps_min - FAR_SHORT_REPS
            and min(s.rir for s in session.sets) == 0)


def _kg_step(x: Any) -> float:
    """A plan's step in kilograms; null (unloaded work) reads as the default."""
    if x is None:
        return DEFAULT_LOAD_STEP_KG
    if isinstance(x, bool) or not isinstance(x, int | float) or not 0.25 <= x <= 50:
        raise TargetsError(_NOT_A_PLAN)
    return float(x)


def _lighter(load: float, step: float, at_least: float = 0.05) -> float:
    """A lighter load on the steps the gear comes in: the heaviest step at least `at_least`
    (5 % by default, so 5-10 % off) lighter."""
    steps = int(load * (1 - at_least) / step + 1e-9)
    return round(max(0.0, steps * step), 2) + 0.0


def _kg(load: float) -> str:
    return f"{number(load)} kg"


def _load_words(load: float) -> str:
    return "body weight" if load == 0 else _kg(load)


def _spare(dose: _Dose) -> str:
    return dash(dose.rir_min, dose.rir_max)


def _target(dose: _Dose, action: str, load: float | None, reason: str, **changes) -> Target:
    values = {
        "sets": dose.sets,
        "reps_min": dose.reps_min,
        "reps_max": dose.reps_max,
        "rir_min": dose.rir_min,
        "rir_max": dose.rir_max,
        **changes,
    }
    return Target(id=dose.id, name=dose.name, load=load, action=action, reason=reason, **values)


def _start(dose: _Dose) -> Target:
    reps = dash(dose.reps_min, dose.reps_max)
    what = {"load": "a load", "band": "a band"}.get(dose.kind)
    if what is None:
        return _target(
            dose,
            "start",
            0.0,
            f"No sets logged yet: do {dose.sets} × {reps}, stopping each set with "
            f"{_spare(dose)} reps still in reserve.",
        )
    return _target(
        dose,
        "start",
        None,
        f"No sets logged yet: choose {what} that leaves {_spare(dose)} reps in reserve at "
        f"{dose.reps_min} reps, and start at the bottom of the range.",
    )


def _at(dose: _Dose, load: float) -> str:
    """Where the lifter stays: "at 40 kg", "with the same band", "at the same version"."""
    if dose.kind == "band":
        return "with the same band"
    if dose.kind == "bodyweight" and load == 0:
        return "at the same version"
    return f"at {_kg(load)}"


def _deload(dose: _Dose, last: _Session) -> Target:
    load = None if dose.kind == "band" else last.load
    at = _at(dose, last.load)
    return _target(
        dose,
        "deload",
        load,
        f"Deload week: {dose.sets} × {dash(dose.reps_min, dose.reps_max)} {at}, stopping "
        f"with {_spare(dose)} reps in reserve, so fatigue clears before you build on.",
    )


def _at_top_before(dose: _Dose, earlier: list[_Session], load: float) -> bool:
    return any(s.load == load and _at_top(dose, s) for s in earlier)


def _one_of_a_kind(dose: _Dose, sessions: list[_Session], done: str) -> Target:
    """At the top of the range with a kettlebell (an item most own one of): the next bell,
    unless the log shows the same bell at the top again, which says it is the only one; then
    the bodyweight path (a harder version, or more reps at a slow tempo)."""
    item = dose.single
    load, bottom = sessions[-1].load, dose.reps_min
    up = round(load + dose.step, 2) + 0.0
    if not _at_top_before(dose, sessions[:-1], load):
        instead = ("Add a rep or two to each set instead, every rep as crisp as the first."
                   if dose.ballistic else
                   "Lower in three seconds with a pause at the hardest point instead.")
        return _target(
            dose,
            "add-load",
            up,
            f"{done}: move to the next {item} (about {_kg(up)}) and start again at {bottom} "
            f"reps. Only one {item}? {instead}",
        )
    return _past_the_top(dose, load,
                         f"{done} at {_kg(load)} again, so that may be your heaviest {item}")


def _past_the_top(dose: _Dose, load: float, lead: str) -> Target:
    """The top of the range reached the slow way with the heaviest the lifter has: the harder
    version, or, with none in the plan, a rep or two more at the slow tempo."""
    top = dose.reps_max
    if dose.harder:
        return _target(dose, "harder", load,
                       f"{lead}: move on to {dose.harder} and start at {dose.reps_min} reps.")
    return _target(
        dose,
        "add-reps",
        load,
        f"{lead}: add a rep or two ({top + 1}–{top + 2}), "
        + ("then shorten the rests." if dose.ballistic else "lowering in three seconds."),
        reps_min=top + 1,
        reps_max=top + 2,
    )


def _decide(dose: _Dose, sessions: list[_Session], deload: bool) -> Target:
    if not sessions:
        return _start(dose)
    last = sessions[-1]
    if deload:
        return _deload(dose, last)
    load = last.load
    keep: float | None = None if dose.kind == "band" else load
    at = _at(dose, load)
    top, bottom = dose.reps_max, dose.reps_min

    if _at_top(dose, last) and _kept_reserve(dose, last):
        done = f"Every set reached {top} reps with {dose.rir_min} or more in reserve"
        if dose.kind == "load" and dose.single:
            return _one_of_a_kind(dose, sessions, done)
        if dose.kind == "load":
            up = round(load + dose.step, 2) + 0.0
            return _target(
                dose,
                "add-load",
                up,
                f"{done}: add {_kg(dose.step)} ({_kg(up)}) and start again at {bottom} reps.",
            )
        if dose.kind == "band":
            return _target(
                dose,
                "stronger-band",
                None,
                f"{done}: move to the next stronger band (or stand further from the anchor) "
                f"and start again at {bottom} reps.",
            )
        if not _at_top_before(dose, sessions[:-1], load):
            return _target(
                dose,
                "slower",
                load,
                f"{done}: lower in three seconds with a pause at the hardest point, from "
                f"{bottom} reps again.",
            )
        return _past_the_top(dose, load, f"{done}, the slow way too")

    if _short(dose, last):
        recent = sessions[-STALLED_SESSIONS:]
        stalled = len(recent) == STALLED_SESSIONS and all(
            _short(dose, s) and s.load == load for s in recent
        )
        where = f" at {_kg(load)}" if dose.kind == "load" and load > 0 else ""
        if _far_short(dose, last):
            best = max(s.reps for s in last.sets)
            return _reduce(dose, load, 0.10,
                           f"Your best set reached {best} reps{where}, {bottom - best} short of "
                           f"{bottom} with none in reserve, so it is too hard for the range")
        if stalled:
            return _reduce(dose, load, 0.05,
                           f"Three sessions in a row short of {bottom} reps{where}")
        return _target(
            dose,
            "repeat",
            keep,
            f"A set fell short of {bottom} reps {at}: stay {at} and aim for {bottom} reps in "
            "every set.",
        )

    if _at_top(dose, last):
        return _target(
            dose,
            "repeat",
            keep,
            f"Every set reached {top} reps but closer to failure than {dose.rir_min} in reserve: "
            f"stay {at} until the reps come with {_spare(dose)} to spare.",
        )
    aim = min(top, min(s.reps for s in last.sets) + 1)
    return _target(
        dose,
        "add-reps",
        keep,
        f"Your sets were within {bottom}–{top} reps: stay {at} and aim for one more rep "
        f"({aim} or more) in every set, up to {top}.",
        reps_min=aim,
    )


def _reduce(dose: _Dose, load: float, at_least: float, why: str) -> Target:
    """Come down and build back up: a lighter load, band or version."""
    if dose.kind == "load" and load > 0:
        lighter = _lighter(load, dose.step, at_least)
        off = "5–10 %" if at_least < 0.10 else "about 10 %"
        return _target(dose, "reduce", lighter,
                       f"{why}: take {off} off ({_kg(lighter)}) and build back up through the "
                       "range.")
    easier = "a lighter band" if dose.kind == "band" else "an easier version"
    return _target(dose, "reduce", None if dose.kind == "band" else load,
                   f"{why}: go back to {easier} and build back up through the range.")


# --- the entry points --------------------------------------------------------------------------


def next_targets(plan: Mapping[str, Any], log: Log, week: int | None = None) -> tuple[Target, ...]:
    """Each exercise of the plan's week (default: the week of the next session after the
    last set logged) with its next targets by the double-progression rules.

    Raises TargetsError with one sentence when the plan is not a plan the planner wrote or
    the week is not in it; any valid log gives an answer."""
    raw_weeks = _weeks(plan)
    weeks = [_week_of(w) for w in raw_weeks]
    index = _which_week(raw_weeks, weeks, log, week)
    deloads = [(w.start.isoformat(), w.end.isoformat()) for w in weeks if w.deload]
    doses = _doses(raw_weeks[index])
    logged = _by_exercise(log, {d.id for d in doses})
    return tuple(
        _decide(dose, _sessions(logged[dose.id], deloads), weeks[index].deload) for dose in doses
    )


def target_to_dict(t: Target) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "sets": t.sets,
        "reps_min": t.reps_min,
        "reps_max": t.reps_max,
        "rir_min": t.rir_min,
        "rir_max": t.rir_max,
        "load": None if t.load is None else (int(t.load) if t.load.is_integer() else t.load),
        "action": t.action,
        "reason": t.reason,
    }


def targets_to_json(targets: tuple[Target, ...]) -> str:
    """The one JSON text of a list of targets: the CLI prints it, the browser's envelope
    carries the same list, so both give the same bytes."""
    return dumps([target_to_dict(t) for t in targets])


def targets_to_text(targets: tuple[Target, ...]) -> str:
    lines = []
    for t in targets:
        load = "" if t.load is None else " at " + _load_words(t.load)
        lines.append(
            f"{t.name}: {t.sets} × {dash(t.reps_min, t.reps_max)}{load}, "
            f"{dash(t.rir_min, t.rir_max)} in reserve ({t.action})"
        )
        lines.append(f"  {t.reason}")
    return "\n".join(lines) + "\n"
