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
from planner.selection import Problem, SearchLimit, Week, rebuild, search
from planner.timing import WARMUP_SECONDS, exercise_seconds, minutes_up
from planner.volume import RANGES, VolumeRange, half_sets, is_deload

SCHEMA_VERSION = 1
# Search steps: one step is one exercise tried in one session. Feasible real requests need well
# under 100; the caps keep the slowest refusal (and the "too demanding" answer) quick.
SEARCH_BUDGET = 2_500  # per make_plan, for settling whether any week exists
STRICT_TRY = 200  # per placement tried for a week with full rest
REBUILD_TRY = 150  # for a week with a preferred exercise, rebuilt from the week without it
PREFER_BUDGET = 1_200  # per search for a week that also holds a preferred exercise
DIAGNOSIS_BUDGET = 600  # for telling which rule keeps a preferred exercise out


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
    required: tuple[str, ...] = (),
    volume: bool = True,
    uncapped: frozenset[str] = frozenset(),
    near: Solution | None = None,
):
    """Solution or Failure, without building messages (explain.py re-runs this for hints).

    Only the settled answers are Failures with a rule; "search-limit" means the steps ran out.
    With rest=False the search stops at the first week that keeps every rule but rest: that is
    all a caller needs to learn whether a change to the request would give a plan. `steps`,
    when given, is an allowance shared with other calls; `budget` caps this call.

    `required` names exercises (all eligible) the week must contain; a settled "volume"
    failure then means no week contains them all. `volume=False` sets the weekly set range
    aside and `uncapped` lifts the ceiling for some groups: both only serve to tell which rule
    keeps a preferred exercise out. `near`, a solution without them, is tried first: on its
    days, with a session rebuilt around each required exercise (see selection.rebuild).
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
    index = {e.id: i for i, e in enumerate(exercises)}
    must = tuple(index[x] for x in required)
    if must and not coverage_fits(
        exercises, request.sessions, fits, request.focus, limit, need, required=must
    ):
        return Failure("time")  # with the required exercises; the caller knows it asked

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
            required=must,
            uncapped=uncapped,
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
                problem(pl), strict=strict, with_volume=volume, budget=most, polish=rest
            )
        except SearchLimit:
            week, used = False, most
        cap -= used
        allowance.left -= used
        return week

    if near is not None and must:
        most = min(REBUILD_TRY, cap)
        week, used = rebuild(
            problem(near.placement),
            near.week.sessions,
            strict=near.week.strict_rest,
            budget=most,
        )
        cap -= used
        allowance.left -= used
        if week:
            return Solution(near.placement, week, exercises, near.rest_settled)

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
    """The plan for a parsed request, or an explanation of the rule that cannot be met.

    A preferred exercise the person can do that the first week found lacks is then searched
    for as a need of its own, so it is left out only when no week that keeps every rule (rest
    included, when the days allow it) contains it; the plan then says which rule keeps it out.
    """
    result = solve(catalogue, request)
    if isinstance(result, Failure):
        from planner.explain import explain  # explain re-runs solve; keep the import one-way

        return explain(catalogue, request, result)
    left_out: dict[str, str] = {}
    wanted = wanted_preferences(catalogue, request)
    if not set(wanted) <= _present(result):
        result, left_out = _add_preferences(catalogue, request, wanted, result)
    return build_plan(catalogue, request, result, left_out)


def wanted_preferences(catalogue: Catalogue, request: Request) -> tuple[str, ...]:
    """Preferred exercises the person can do and the split has a session for."""
    eligible = {e.id for e in eligible_exercises(catalogue, request)}
    allowed = [frozenset(catalogue.session_type_by_id[t].regions) for t in set(request.sessions)]
    return tuple(
        p
        for p in request.prefer
        if p in eligible
        and any(catalogue.exercise_regions(catalogue.exercise_by_id[p]) <= a for a in allowed)
    )


def rested(sol: Solution) -> bool:
    """No muscle group is a primary mover in two sessions too close together."""
    if sol.week.strict_rest:
        return True
    prim = [{m for i in chosen for m in sol.exercises[i].primary} for chosen in sol.week.sessions]
    return not any(prim[a] & prim[b] for a, b in sol.placement.adjacent)


def _present(sol: Solution) -> set[str]:
    return {sol.exercises[i].id for chosen in sol.week.sessions for i in chosen}


def _add_preferences(catalogue, request, wanted, base: Solution):
    """The week keeping the most preferred exercises the rules allow (one at a time, in id
    order), and why each of the others was left out.

    A week that loses rest for a preference is not taken when the week without it keeps rest.
    """

    def good(found) -> bool:
        return isinstance(found, Solution) and (rested(found) or not rested(base))

    present = _present(base)
    kept = tuple(p for p in wanted if p in present)
    chosen = base
    failed = []
    for p in wanted:
        if p in present:
            continue
        found = solve(catalogue, request, PREFER_BUDGET, required=kept + (p,), near=chosen)
        if good(found):
            kept, chosen = kept + (p,), found
        else:
            failed.append((p, found, kept))
    steps = Steps(DIAGNOSIS_BUDGET)
    why = {}
    for p, found, others in failed:
        if others:
            alone = solve(catalogue, request, DIAGNOSIS_BUDGET, steps=steps, required=(p,))
            if good(alone):
                names = _and([catalogue.exercise_by_id[k].name for k in others])
                why[p] = f"it does not fit next to the other exercises you preferred ({names})"
                continue
            found = alone
        why[p] = _why_left_out(catalogue, request, p, found, steps)
    return chosen, why


def _why_left_out(catalogue, request, pid: str, alone, steps: Steps) -> str:
    """Plain words for the rule that keeps an eligible preferred exercise out of the week,
    given what the search for a week with it (`alone`) answered. Only what the searches
    settled is stated as fact."""
    e = catalogue.exercise_by_id[pid]
    guidance = catalogue.guidance
    if isinstance(alone, Solution):
        return (
            "it only fits where a muscle group would be trained again before its "
            f"{guidance.rest_hours} hours of rest are up; without it the plan keeps that rest"
        )

    def exists(**relax) -> bool | None:
        found = solve(
            catalogue, request, DIAGNOSIS_BUDGET, rest=False, steps=steps, required=(pid,), **relax
        )
        if isinstance(found, Failure) and found.rule == "search-limit":
            return None
        return isinstance(found, Solution)

    without_range = False if alone.rule == "time" else exists(volume=False)
    if without_range is False:
        return (
            f"no session can spare its {minutes_up(exercise_seconds(e))} minutes: the exercises "
            "that train every focus group "
            f"{times_word(guidance.min_sessions_per_muscle)} a week already fill the "
            f"{request.minutes}-minute sessions"
        )
    vr = RANGES[request.level]
    sets = f"{vr.min_sets}-{vr.max_sets} sets a week in the {request.minutes} minutes"
    if alone.rule == "search-limit":
        return (
            "the planner stopped looking before it found a week that holds it and still gives "
            f"every focus group {sets}"
        )
    if without_range:
        for m in e.primary + e.secondary:
            if exists(uncapped=frozenset({m})):
                return (
                    f"it would take {catalogue.muscle_by_id[m].name} past {vr.max_sets} sets a "
                    f"week, the top of the {request.level} range"
                )
    return f"with it, the sessions cannot also give every focus group {sets}"


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


def build_plan(
    catalogue: Catalogue,
    request: Request,
    sol: Solution,
    left_out: dict[str, str] | None = None,
) -> Plan:
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
    warnings = _warnings(catalogue, request, sol, template, rest_ok, left_out or {})
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


def _warnings(catalogue, request, sol: Solution, template, rest_ok, left_out) -> tuple[str, ...]:
    pl = sol.placement
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
    for pid in request.prefer:
        if pid not in present:
            e = catalogue.exercise_by_id[pid]
            why = left_out.get(pid) or _cannot_do(catalogue, request, e, sol.exercises)
            out.append(f"Preferred exercise {e.name} was not added: {why}.")
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


def _cannot_do(catalogue: Catalogue, request: Request, e: Exercise, eligible) -> str:
    """Why a preferred exercise was never a candidate: gear, level, length or session type."""
    if not usable(e, request.equipment, LEVELS[-1]):
        lacking = [g for g in e.equipment if g not in request.equipment]
        gear = _and([_gear_name(catalogue, g).lower() for g in lacking])
        subs = [_gear_name(catalogue, g).lower() for g in e.substitutes]
        alt = f", or instead {_or(subs)}" if subs else ""
        return f"it needs equipment you did not tick: {gear}{alt}"
    if e.level_rank > LEVELS.index(request.level):
        article = "an" if e.level[0] in "aeiou" else "a"
        return f"it is {article} {e.level} exercise and your level is {request.level}"
    if e not in eligible:
        return (
            f"on its own it takes {minutes_up(WARMUP_SECONDS + exercise_seconds(e))} minutes "
            f"with the warm-up, more than your {request.minutes}-minute sessions"
        )
    regions = sorted(catalogue.exercise_regions(e), reverse=True)  # upper before lower
    body = " and ".join(regions) + " body"
    return f"it works the {body}, and none of this split's sessions covers the {body}"


def _or(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " or " + parts[-1]
