"""make_plan: from a catalogue and a request to a Plan, or an Infeasible explanation.

The steps, each in its own module:
  placement.py   every way to put the split's sessions on the chosen days, ranked
  selection.py   a complete, scored search for the exercises of one placed week
  progression.py double progression and deload weeks across the requested weeks
  explain.py     which rule cannot be met and the smallest change that would fix it
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations

from planner.bounds import coverage_fits
from planner.catalogue import BODYWEIGHT, LEVELS, Catalogue, Exercise
from planner.placement import Placement, placements
from planner.progression import target, week_note
from planner.request import WEEKDAY_NAMES, WEEKDAYS, Request, eligible_exercises, usable
from planner.selection import Problem, SearchLimit, Week, search
from planner.timing import WARMUP_SECONDS, exercise_seconds
from planner.volume import RANGES, VolumeRange, half_sets, is_deload

SCHEMA_VERSION = 1
# Search steps: one step is one exercise tried in one session. Feasible real requests need well
# under 100; the caps keep the slowest refusal (and the "too demanding" answer) quick.
SEARCH_BUDGET = 2_500  # per make_plan, for settling whether any week exists
STRICT_TRY = 200  # per placement tried for a week with full rest


# --- result types ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedExercise:
    id: str
    name: str
    url: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    sets: int
    reps_min: int
    reps_max: int
    target_reps: int
    add_load: bool
    rest_min: int
    rest_max: int
    seconds: int
    rule: str  # frequency | volume | session | prefer
    reason: str
    use_instead: str | None  # a substitute the person owns, when they lack the listed gear


@dataclass(frozen=True)
class Session:
    date: dt.date
    weekday: str
    type_id: str
    type_name: str
    exercises: tuple[PlannedExercise, ...]

    @property
    def seconds(self) -> int:
        return WARMUP_SECONDS + sum(e.seconds for e in self.exercises)


@dataclass(frozen=True)
class MuscleVolume:
    muscle: str
    name: str
    focus: bool
    half_sets: int
    sessions: int  # sessions in the week with this group as a primary mover
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
class Plan:
    request: Request
    split_id: str | None
    split_name: str
    volume_range: VolumeRange
    weeks: tuple[WeekPlan, ...]
    coverage: tuple[CoverageRow, ...]
    days_used: tuple[str, ...]
    rest_ok: bool
    warnings: tuple[str, ...]
    muscle_names: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Suggestion:
    """One change to the request that would make it work, checked by re-running the solver."""

    text: str
    change: tuple[tuple[str, object], ...]  # request fields and new values


@dataclass(frozen=True)
class Infeasible:
    request: Request
    rule: str  # days | spacing | exercises | frequency | time | volume | search-limit
    message: str
    suggestions: tuple[Suggestion, ...]


# --- solving -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    rule: str
    muscles: tuple[str, ...] = ()  # every focus group the rule fails for
    session_type: str | None = None


@dataclass(frozen=True)
class Solution:
    placement: Placement
    week: Week
    exercises: tuple[Exercise, ...]
    rest_settled: bool = True  # every placement was shown to have no fully rested week


def whole_body_types(catalogue: Catalogue) -> frozenset[str]:
    """Session types that train every region: these are the total-body sessions."""
    regions = {m.region for m in catalogue.muscles}
    return frozenset(t.id for t in catalogue.session_types if regions <= set(t.regions))


def fitting(catalogue: Catalogue, exercises: tuple[Exercise, ...], type_id: str) -> tuple[int, ...]:
    allowed = set(catalogue.session_type_by_id[type_id].regions)
    return tuple(i for i, e in enumerate(exercises) if catalogue.exercise_regions(e) <= allowed)


class Steps:
    """Search steps left to spend; several searches draw on one allowance."""

    def __init__(self, steps: int) -> None:
        self.left = steps


def solve(
    catalogue: Catalogue,
    request: Request,
    budget: int = SEARCH_BUDGET,
    *,
    rest: bool = True,
    steps: Steps | None = None,
):
    """Solution or Failure, without building messages (explain.py re-runs this for hints).

    Only the settled answers are Failures with a rule; "search-limit" means the steps ran out.
    With rest=False the search stops at the first week that keeps every rule but rest: that is
    all a caller needs to learn whether a change to the request would give a plan. `steps`,
    when given, is an allowance shared with other calls; `budget` caps this call.
    """
    n = len(request.sessions)
    if n > len(request.days):
        return Failure("days")
    types = catalogue.session_type_by_id
    regions = {t: frozenset(types[t].regions) for t in set(request.sessions)}
    wb = whole_body_types(catalogue)
    available = tuple(WEEKDAYS.index(d) for d in request.days)
    need = catalogue.guidance.min_sessions_per_muscle
    rest_days = catalogue.guidance.rest_days_between_same_muscle
    ranked = placements(available, request.sessions, wb, regions, rest_days)
    if not ranked:
        return Failure("spacing")

    exercises = eligible_exercises(catalogue, request)
    fits = {t: fitting(catalogue, exercises, t) for t in set(request.sessions)}
    for t in sorted(set(request.sessions)):
        if not fits[t]:
            return Failure("exercises", session_type=t)
    trainable = {
        m: {t for t in fits if any(m in exercises[i].primary for i in fits[t])}
        for m in request.focus
    }
    positions = {m: sum(1 for t in request.sessions if t in trainable[m]) for m in request.focus}
    # A group with no exercise at all is the more basic problem, so it is reported first.
    missing = tuple(m for m in request.focus if positions[m] == 0)
    if missing:
        return Failure("exercises", muscles=missing)
    few = tuple(m for m in request.focus if positions[m] < need)
    if few:
        return Failure("frequency", muscles=few)

    limit = request.minutes * 60 - WARMUP_SECONDS
    # Exact and cheap: settles the time rule without searching exercises at all.
    if not coverage_fits(exercises, request.sessions, fits, request.focus, limit, need):
        return Failure("time")

    vr = RANGES[request.level]
    level_rank = LEVELS.index(request.level)
    allowance = steps if steps is not None else Steps(budget)
    cap = min(budget, allowance.left)

    def problem(pl: Placement) -> Problem:
        return Problem(
            exercises=exercises,
            types=pl.types,
            fits=tuple(fits[t] for t in pl.types),
            adjacent=pl.adjacent,
            limit_seconds=limit,
            focus=request.focus,
            min_half=vr.min_half,
            max_half=vr.max_half,
            preferred=frozenset(request.prefer),
            level_rank=level_rank,
            min_sessions=need,
        )

    def rest_possible(pl: Placement) -> bool:
        # Cheap necessary condition: each focus muscle has enough trainable sessions with its
        # rest between every two of them. Saves searching placements that cannot be rested.
        adj = set(pl.adjacent)
        for m in request.focus:
            pos = [k for k, t in enumerate(pl.types) if t in trainable[m]]
            if not any(
                all(pair not in adj for pair in combinations(group, 2))
                for group in combinations(pos, need)
            ):
                return False
        return True

    def attempt(pl: Placement, strict: bool, most: int) -> Week | None | bool:
        """The week found, None when there is none, False when the steps ran out."""
        nonlocal cap
        most = min(most, cap)
        if most <= 0:
            return False
        try:
            week, used = search(
                problem(pl), strict=strict, with_volume=True, budget=most, polish=rest
            )
        except SearchLimit:
            week, used = False, most
        cap -= used
        allowance.left -= used
        return week

    shapes: list[Placement] = []
    seen: set = set()
    for pl in ranked:
        if pl.signature() not in seen:
            seen.add(pl.signature())
            shapes.append(pl)
    restful = [pl for pl in shapes if rest_possible(pl)] if rest else []

    # The usual case: the best placement has a fully rested week, found in a few steps.
    first = restful[0] if restful else None
    if first is not None:
        # With no sessions too close together every week is fully rested, so this search
        # also settles whether any week exists.
        week = attempt(first, True, STRICT_TRY if first.adjacent else cap)
        if week:
            return Solution(first, week, exercises)
        if not first.adjacent:
            return Failure("volume" if week is None else "search-limit")

    # Whether any week exists does not depend on the placement once rest is set aside, so
    # one search settles it; the best-ranked placement gives that week its days.
    relaxed = attempt(ranked[0], False, cap)
    if relaxed is None:
        return Failure("volume")
    if relaxed is False:
        return Failure("search-limit")

    settled = first is None or week is None
    for pl in restful[1:]:
        week = attempt(pl, True, STRICT_TRY)
        if week:
            return Solution(pl, week, exercises)
        settled = settled and week is None
    return Solution(ranked[0], relaxed, exercises, rest_settled=settled)


def make_plan(catalogue: Catalogue, request: Request) -> Plan | Infeasible:
    """The plan for a parsed request, or an explanation of the rule that cannot be met."""
    result = solve(catalogue, request)
    if isinstance(result, Failure):
        from planner.explain import explain  # explain re-runs solve; keep the import one-way

        return explain(catalogue, request, result)
    return build_plan(catalogue, request, result)


# --- building the plan -------------------------------------------------------------------


def _session_order(e: Exercise) -> tuple:
    # ACSM 2009: multi-joint, large-muscle exercises before single-joint, small-muscle ones.
    return (0 if e.mechanics == "compound" else 1, -len(e.primary), e.id)


def _names(catalogue: Catalogue, ids) -> str:
    return _and([catalogue.muscle_by_id[m].name for m in ids])


def _and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _gear_name(catalogue: Catalogue, gear: str) -> str:
    item = catalogue.equipment_by_id.get(gear)
    return item.name if item else gear


def _substitute(e: Exercise, owned: tuple[str, ...], catalogue: Catalogue) -> str | None:
    have = set(owned) | {BODYWEIGHT}
    if all(g in have for g in e.equipment):
        return None
    for s in e.substitutes:
        if s in have:
            return catalogue.equipment_by_id[s].name if s in catalogue.equipment_by_id else s
    return None


def build_plan(catalogue: Catalogue, request: Request, sol: Solution) -> Plan:
    pl, week, exercises = sol.placement, sol.week, sol.exercises
    focus = set(request.focus)
    vr = RANGES[request.level]
    types = catalogue.session_type_by_id
    muscles = catalogue.muscle_by_id
    need = catalogue.guidance.min_sessions_per_muscle

    template: list[tuple[int, str, tuple[Exercise, ...]]] = []
    for pos, day in enumerate(pl.days):
        chosen = sorted((exercises[i] for i in week.sessions[pos]), key=_session_order)
        template.append((day, pl.types[pos], tuple(chosen)))

    # Reasons are worked out on the final week, so they describe what each exercise does there.
    reasons: dict[tuple[int, str], tuple[str, str]] = {}
    seen_primary: dict[str, int] = {}
    times_primary = {
        m: sum(1 for _, _, ch in template if any(m in e.primary for e in ch)) for m in focus
    }
    for pos, (_, type_id, chosen) in enumerate(template):
        covered_here: set[str] = set()
        for e in chosen:
            new = [m for m in e.primary if m in focus and m not in covered_here]
            for m in new:
                covered_here.add(m)
                seen_primary[m] = seen_primary.get(m, 0) + 1
            adds = [m for m in e.primary + e.secondary if m in focus]
            if new:
                rule = "frequency"
                counts = {(seen_primary[m], times_primary[m]) for m in new}
                if len(counts) == 1:
                    k, n = counts.pop()
                    text = f"Covers {_names(catalogue, new)}: session {k} of {n} this week."
                else:
                    text = (
                        "Covers "
                        + _and(
                            [
                                f"{muscles[m].name} (session {seen_primary[m]} of "
                                f"{times_primary[m]})"
                                for m in new
                            ]
                        )
                        + " this week."
                    )
                text += f" Every focus group is trained at least {times_word(need)} a week."
            elif adds:
                rule = "volume"
                text = (
                    f"Adds sets for {_names(catalogue, adds)}, toward {vr.min_sets}-"
                    f"{vr.max_sets} sets a week."
                )
            else:
                rule = "session"
                text = (
                    f"Gives the {types[type_id].name.lower()} session work for "
                    f"{_names(catalogue, e.primary)}; none of your focus groups belong to it."
                )
            if e.id in request.prefer:
                rule = "prefer"
                text = "You asked for it. " + text
            sub = _substitute(e, request.equipment, catalogue)
            if sub:
                lacking = [g for g in e.equipment if g not in request.equipment]
                text += (
                    f" Use {sub.lower()} instead of "
                    f"{_and([_gear_name(catalogue, g).lower() for g in lacking])}."
                )
            reasons[(pos, e.id)] = (rule, text)

    order = muscle_order(catalogue, focus)
    weeks = []
    for w in range(1, request.weeks + 1):
        start = request.start + dt.timedelta(days=7 * (w - 1))
        deload = is_deload(w, request.level)
        sessions = []
        add_load_names: list[str] = []
        for pos, (day, type_id, chosen) in enumerate(template):
            date = start + dt.timedelta(days=(day - start.weekday()) % 7)
            planned = []
            for e in chosen:
                t = target(e, w, request.level)
                if t.add_load and e.name not in add_load_names:
                    add_load_names.append(e.name)
                rule, reason = reasons[(pos, e.id)]
                planned.append(
                    PlannedExercise(
                        id=e.id,
                        name=e.name,
                        url=e.url,
                        primary=e.primary,
                        secondary=e.secondary,
                        sets=t.sets,
                        reps_min=e.reps_min,
                        reps_max=e.reps_max,
                        target_reps=t.target_reps,
                        add_load=t.add_load,
                        rest_min=e.rest_min,
                        rest_max=e.rest_max,
                        seconds=exercise_seconds(e, t.sets),
                        rule=rule,
                        reason=reason,
                        use_instead=_substitute(e, request.equipment, catalogue),
                    )
                )
            sessions.append(
                Session(date, WEEKDAYS[day], type_id, types[type_id].name, tuple(planned))
            )
        sessions.sort(key=lambda s: s.date)
        weeks.append(
            WeekPlan(
                number=w,
                start=start,
                end=start + dt.timedelta(days=6),
                deload=deload,
                note=week_note(w, request.level, sorted(add_load_names)),
                sessions=tuple(sessions),
                volume=_volume(catalogue, focus, vr, sessions, order),
            )
        )

    rest_ok = week.strict_rest or not _clashes(pl, template)
    warnings = _warnings(catalogue, request, sol, template, rest_ok)
    return Plan(
        request=request,
        split_id=request.split_id,
        split_name=request.split_name,
        volume_range=vr,
        weeks=tuple(weeks),
        coverage=_coverage(catalogue, focus, template),
        days_used=tuple(WEEKDAYS[d] for d in pl.days),
        rest_ok=rest_ok,
        warnings=warnings,
        muscle_names=tuple((m.id, m.name) for m in catalogue.muscles),
    )


def number_word(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven")
    return words[n] if 0 <= n < len(words) else str(n)


def times_word(n: int) -> str:
    """once, twice, three times, ..."""
    return {1: "once", 2: "twice"}.get(n, f"{number_word(n)} times")


def muscle_order(catalogue: Catalogue, focus: set[str]) -> list[str]:
    """Focus groups first, posterior before anterior, upper before lower, then by name."""
    return [
        m.id
        for m in sorted(
            catalogue.muscles,
            key=lambda m: (m.id not in focus, m.chain != "posterior", m.region, m.name, m.id),
        )
    ]


def _volume(catalogue, focus, vr, sessions, order) -> tuple[MuscleVolume, ...]:
    half: dict[str, int] = {}
    times: dict[str, int] = {}
    for s in sessions:
        primary_here: set[str] = set()
        for pe in s.exercises:
            for m in pe.primary:
                half[m] = half.get(m, 0) + 2 * pe.sets
                primary_here.add(m)
            for m in pe.secondary:
                half[m] = half.get(m, 0) + pe.sets
        for m in primary_here:
            times[m] = times.get(m, 0) + 1
    out = []
    for m in order:
        if not half.get(m) and m not in focus:
            continue
        out.append(
            MuscleVolume(
                m,
                catalogue.muscle_by_id[m].name,
                m in focus,
                half.get(m, 0),
                times.get(m, 0),
                vr.min_sets,
                vr.max_sets,
            )
        )
    return tuple(out)


def _coverage(catalogue, focus, template) -> tuple[CoverageRow, ...]:
    rows = []
    by_day = {day: chosen for day, _, chosen in template}
    for m in muscle_order(catalogue, focus):
        cells = []
        for d, wd in enumerate(WEEKDAYS):
            chosen = by_day.get(d, ())
            half = sum(half_sets(e, m) for e in chosen)
            role = None
            if any(m in e.primary for e in chosen):
                role = "primary"
            elif half:
                role = "secondary"
            cells.append((wd, role, half))
        if m in focus or any(c[1] for c in cells):
            rows.append(CoverageRow(m, catalogue.muscle_by_id[m].name, m in focus, tuple(cells)))
    return tuple(rows)


def _clashes(pl: Placement, template) -> list[tuple[str, str, str]]:
    out = []
    for a, b in pl.adjacent:
        pa = {m for e in template[a][2] for m in e.primary}
        pb = {m for e in template[b][2] for m in e.primary}
        for m in sorted(pa & pb):
            out.append((m, WEEKDAYS[pl.days[a]], WEEKDAYS[pl.days[b]]))
    return out


def _warnings(catalogue, request, sol: Solution, template, rest_ok) -> tuple[str, ...]:
    pl, exercises = sol.placement, sol.exercises
    # Only a search that finished may say no plan exists; a cut-short one says what it found.
    no_rest = (
        "With the days you picked no plan gives"
        if sol.rest_settled
        else "On the days you picked the planner found no plan that gives"
    )
    guidance = catalogue.guidance
    rest_days = guidance.rest_days_between_same_muscle
    free = "a free day" if rest_days == 1 else f"{number_word(rest_days)} free days"
    out = []
    if not rest_ok:
        by_pair: dict[tuple[str, str], list[str]] = {}
        for m, a, b in _clashes(pl, template):
            by_pair.setdefault((a, b), []).append(catalogue.muscle_by_id[m].name)
        for (a, b), names in sorted(
            by_pair.items(), key=lambda kv: (WEEKDAYS.index(kv[0][0]), kv[0][1])
        ):
            gap = (WEEKDAYS.index(b) - WEEKDAYS.index(a)) % 7
            between = min(gap, 7 - gap) - 1
            how = (
                "back to back"
                if between == 0
                else f"with only {number_word(between)} day{'s' if between > 1 else ''} between"
            )
            out.append(
                f"Rest: {', '.join(names)} {'is' if len(names) == 1 else 'are'} trained on "
                f"{WEEKDAY_NAMES[a]} and {WEEKDAY_NAMES[b]}, {how}. {no_rest} every muscle "
                f"group {guidance.rest_hours} hours between sessions; {free} between them "
                "would."
            )
    present = {e.id for _, _, ch in template for e in ch}
    usable_ids = {e.id for e in exercises}
    for pid in request.prefer:
        if pid in present:
            continue
        e = catalogue.exercise_by_id[pid]
        if pid in usable_ids:
            why = "there is no session it fits without breaking a rule (time, weekly sets or rest)"
        elif not usable(e, request.equipment, LEVELS[-1]):
            gear = _and([_gear_name(catalogue, g).lower() for g in e.equipment])
            why = f"it needs {gear}"
        elif e.level_rank > LEVELS.index(request.level):
            why = (
                f"it is an {e.level} exercise"
                if e.level[0] in "aeiou"
                else f"it is a {e.level} exercise"
            )
        else:
            why = f"it takes longer than a {request.minutes}-minute session allows"
        out.append(f"Preferred exercise {e.name} is not in the plan: {why}.")
    unused = [d for d in request.days if d not in {WEEKDAYS[x] for x in pl.days}]
    if unused:
        out.append(
            "Not every day you offered is needed: this split uses "
            + ", ".join(WEEKDAY_NAMES[WEEKDAYS[d]] for d in pl.days)
            + "; "
            + ", ".join(WEEKDAY_NAMES[d] for d in unused)
            + (" stays" if len(unused) == 1 else " stay")
            + " free."
        )
    return tuple(out)
