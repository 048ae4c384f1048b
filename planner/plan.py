"""make_plan: from a catalogue and a request to a Plan, or an Infeasible with fixes.

The pipeline, read top to bottom in `make_plan`, one module a step:

  request.py      parse and check the request                      (before make_plan)
  eligible.py     the exercises the person can do, and the gear they will use
  placement.py    the split's sessions on the chosen days, the most restful way first
  slots.py        each session's skeleton: main lift, second compound, accessories, small groups
  fill.py         exercises into slots: main lifts, then what coverage needs
  dose.py         sets and reps in reserve by level; fill the minutes, sets before exercises
  progression.py  week by week: double progression by performance, deloads, starting doses
  explain.py      the words: why each exercise, what is not covered, fixes for a refusal
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.catalogue import BODYWEIGHT, LEVELS, Catalogue
from planner.dose import (
    SMALL_DIRECT_SETS,
    TARGET_SHARE,
    SessionDose,
    dose_week,
    rir,
    session_seconds,
)
from planner.eligible import (
    Option,
    eligible,
    groups_without_exercises,
    load_step,
    option_for,
)
from planner.explain import gap_fix, infeasible, reason
from planner.fill import Chooser, Week, fill_week
from planner.model import (
    SCHEMA_VERSION,
    CoverageRow,
    Gap,
    Infeasible,
    MuscleVolume,
    Plan,
    PlannedExercise,
    Progression,
    Session,
    Warmup,
    WeekPlan,
)
from planner.placement import Placement, on_days
from planner.progression import rule, week_dose, week_note
from planner.request import WEEKDAY_NAMES, WEEKDAYS, Request
from planner.swaps import PinnedWeek, mark_pins, pinned_week
from planner.timing import (
    GENERAL_WARMUP_MINUTES,
    LONGEST_GENERAL_WARMUP_MINUTES,
    exercise_seconds,
    minutes_up,
    warmup,
)
from planner.volume import RANGES, group_range, half_sets, is_deload
from planner.words import (
    and_list,
    gear_name,
    muscle_names,
    number_word,
    or_list,
    plural,
    times_word,
)

__all__ = ["SCHEMA_VERSION", "Infeasible", "Plan", "make_plan"]


def make_plan(catalogue: Catalogue, request: Request, *, suggest: bool = True) -> Plan | Infeasible:
    """The plan for a parsed request, or why there is none and what would make one.

    `suggest=False` skips looking for fixes: that is how a fix is tried without trying fixes
    for the fix."""
    need = catalogue.guidance.min_sessions_per_muscle
    placement = _placement(catalogue, request, suggest)
    if isinstance(placement, Infeasible):
        return placement
    options = eligible(catalogue, request.equipment, request.level, request.exclude)
    missing = groups_without_exercises(catalogue, request, options)
    if missing:
        names = muscle_names(catalogue, missing)
        return infeasible(
            catalogue,
            request,
            "exercises",
            f"No exercise you can do with the equipment and level chosen trains the "
            f"{names.lower()}, and a plan should train {'it' if len(missing) == 1 else 'them'} "
            f"at least {times_word(need)} a week.",
            make_plan if suggest else None,
            missing,
        )
    chooser, regions, close = _choosing(catalogue, request, placement, options)
    pinned = None
    if request.pins:
        pinned = _pinned_week(chooser, regions, close, request, placement, need)
        week, doses = pinned.week, pinned.doses
    else:
        week = fill_week(chooser, regions, close, request.focus, need)
        week, doses = dose_week(chooser, week, request.minutes)
    limit = request.minutes * 60
    if any(session_seconds(d, request.level) > limit for d in doses):
        return infeasible(
            catalogue,
            request,
            "time",
            f"{request.minutes} minutes is too short for a warm-up and the main lift of each "
            "session.",
            make_plan if suggest else None,
        )
    plan = _build(catalogue, request, placement, options, week, doses)
    return plan if pinned is None else mark_pins(plan, pinned)


def _choosing(catalogue: Catalogue, request: Request, placement: Placement, options):
    """The Chooser for the request, and each session's regions and too-close neighbours."""
    chooser = Chooser(
        catalogue, options, request.level, frozenset(request.prefer), frozenset(request.focus)
    )
    types = catalogue.session_type_by_id
    regions = tuple(tuple(types[t].regions) for t in placement.types)
    close = tuple(
        frozenset(b if a == pos else a for a, b in placement.adjacent if pos in (a, b))
        for pos in range(len(placement.types))
    )
    return chooser, regions, close


def planned_week(
    catalogue: Catalogue, request: Request
) -> tuple[PinnedWeek, tuple[int, ...]] | str:
    """The week as make_plan fills and doses it (with the request's pins), and the weekday of
    each session; or, when there is no plan, the reason in words. Swaps start from it."""
    no_plan = "There is no plan for this request, so nothing to swap; make the plan first."
    placement = _placement(catalogue, request, False)
    if isinstance(placement, Infeasible):
        return no_plan
    options = eligible(catalogue, request.equipment, request.level, request.exclude)
    if groups_without_exercises(catalogue, request, options):
        return no_plan
    chooser, regions, close = _choosing(catalogue, request, placement, options)
    need = catalogue.guidance.min_sessions_per_muscle
    found = _pinned_week(chooser, regions, close, request, placement, need)
    if any(session_seconds(d, request.level) > request.minutes * 60 for d in found.doses):
        return no_plan
    return found, placement.days


# --- steps -------------------------------------------------------------------------------------


def _pinned_week(chooser, regions, close, request: Request, placement: Placement, need: int):
    """The week filled and dosed around the request's pins (the plan and its swaps share it)."""
    return pinned_week(
        chooser, regions, close, request.focus, need, placement.days, request.minutes,
        request.pins, dose_week,
    )


def _placement(catalogue: Catalogue, request: Request, suggest: bool) -> Placement | Infeasible:
    n = len(request.sessions)
    if n > len(request.days):
        return infeasible(
            catalogue,
            request,
            "days",
            f"{request.split_name} has {plural(n, 'session')} a week and you picked "
            f"{plural(len(request.days), 'day')}.",
            make_plan if suggest else None,
        )
    ranked = on_days(catalogue, request.sessions, request.days)
    if not ranked:
        rest = catalogue.guidance.rest_days_between_same_muscle
        return infeasible(
            catalogue,
            request,
            "spacing",
            "On the days you picked, two total-body sessions would fall too close together; "
            f"each needs {plural(rest, 'day')} of rest after it.",
            make_plan if suggest else None,
        )
    return ranked[0]


# --- the plan ---------------------------------------------------------------------------------


def _build(catalogue, request, placement, options, week: Week, doses) -> Plan:
    need = catalogue.guidance.min_sessions_per_muscle
    types = catalogue.session_type_by_id
    by_id = {o.id: o for o in options}
    names = {m.id: m.name for m in catalogue.muscles}

    # Which of the week's sessions training a group each session is: "second of two".
    order = sorted(range(len(doses)), key=lambda k: placement.days[k])
    counts: list[dict[str, tuple[int, int]]] = [{} for _ in doses]
    for m in catalogue.muscle_by_id:
        training = [k for k in order if m in week.trained(k)]
        for i, k in enumerate(training):
            counts[k][m] = (i + 1, len(training))

    weeks = []
    built: dict[tuple, Session] = {}
    volumes: dict[tuple, tuple[MuscleVolume, ...]] = {}
    for w in range(1, request.weeks + 1):
        start = request.start + dt.timedelta(days=7 * (w - 1))
        sessions = []
        week_keys: list[tuple] = []
        for k in order:
            day = placement.days[k]
            date = start + dt.timedelta(days=(day - start.weekday()) % 7)
            # Most weeks repeat a session's doses: build each distinct one once.
            key = (k,) + tuple(
                week_dose(
                    p.option.exercise, n, rir(p.option.exercise, request.level), w, request.level
                )
                for p, n in zip(doses[k].picks, doses[k].sets, strict=True)
            )
            if key not in built:
                built[key] = _session(
                    catalogue,
                    request,
                    types[placement.types[k]],
                    doses[k],
                    date,
                    day,
                    w,
                    counts[k],
                    need,
                    by_id,
                )
            sessions.append(replace(built[key], date=date))
            week_keys.append(key)
        # A plan that starts mid-week lists the week's sessions by date, not by weekday.
        sessions.sort(key=lambda x: x.date)
        focus = set(request.focus)
        signature = tuple(week_keys)
        if signature not in volumes:
            volumes[signature] = _volume(catalogue, focus, sessions, RANGES[request.level])
        weeks.append(
            WeekPlan(
                number=w,
                start=start,
                end=start + dt.timedelta(days=6),
                deload=is_deload(w, request.level),
                note=week_note(w, request.level),
                sessions=tuple(sessions),
                volume=volumes[signature],
            )
        )

    gaps = tuple(
        Gap(m, names[m], week.sessions_training(m), gap_fix(catalogue, request, m, options))
        for m in request.focus
        if week.sessions_training(m) < min(need, _places(catalogue, request, m))
        or _places(catalogue, request, m) < need
    )
    clashes = _clashes(catalogue, placement, week)
    rest_ok = not clashes
    return Plan(
        request=request,
        split_id=request.split_id,
        split_name=request.split_name,
        volume_range=RANGES[request.level],
        weeks=tuple(weeks),
        coverage=_coverage(catalogue, set(request.focus), placement, doses),
        days_used=tuple(WEEKDAYS[d] for d in placement.days),
        rest_ok=rest_ok,
        min_sessions=need,
        uncovered=gaps,
        warnings=_warnings(catalogue, request, placement, week, clashes, weeks, gaps),
        muscle_names=tuple((m.id, m.name) for m in catalogue.muscles),
    )


def _places(catalogue: Catalogue, request: Request, muscle: str) -> int:
    """Sessions of the split whose regions include the group's region."""
    region = catalogue.muscle_by_id[muscle].region
    types = catalogue.session_type_by_id
    return sum(1 for t in request.sessions if region in types[t].regions)


def _session(catalogue, request, stype, dose: SessionDose, date, day, w, counts, need, by_id):
    letters: dict[int, str] = {}
    for n, (a, b) in enumerate(dose.supersets):
        letters[a] = letters[b] = "ABCDEFG"[n]
    planned = []
    seconds = 0
    for i, (pick, sets) in enumerate(zip(dose.picks, dose.sets, strict=True)):
        e, option = pick.option.exercise, pick.option
        effort = rir(e, request.level)
        wd = week_dose(e, sets, effort, w, request.level)
        harder = _harder(e, option, by_id)
        step_words, step_kg = load_step(catalogue, option.gear)
        planned.append(
            PlannedExercise(
                id=e.id,
                name=option.name,
                url=e.url,
                primary=e.primary,
                secondary=e.secondary,
                role=pick.slot.role,
                pattern=e.pattern,
                mechanics=e.mechanics,
                sets=wd.sets,
                reps_min=wd.reps_min,
                reps_max=wd.reps_max,
                rir_min=wd.rir_min,
                rir_max=wd.rir_max,
                rest_min=e.rest_min,
                rest_max=e.rest_max,
                seconds=exercise_seconds(e, wd.sets, wd.reps_max),
                superset=letters.get(i),
                starting_dose=wd.starting,
                spinal_load=e.spinal_load,
                held=e.held,
                progression=Progression(
                    option.resistance,
                    rule(e, option.resistance, effort, harder[1] if harder else None,
                         option.single, step_words),
                    harder,
                    e.tempo,
                    option.single,
                    step_kg if option.resistance == "load" else None,
                ),
                use_instead=option.use_instead,
                equipment_used=option.gear,
                reason=reason(catalogue, pick, stype.name, counts, need, e.id in request.prefer),
            )
        )
    # Full as the dose step sees it: filled to its share of the minutes, or no set fits.
    base, limit = session_seconds(dose, request.level), request.minutes * 60
    full = base >= TARGET_SHARE * limit or all(
        limit - base < exercise_seconds(p.option.exercise, 1) for p in dose.picks)
    # Spare minutes, when the weekly sets are reached first, lengthen the general warm-up.
    spare = int(0.8 * request.minutes * 60) - base
    general = GENERAL_WARMUP_MINUTES + min(
        LONGEST_GENERAL_WARMUP_MINUTES - GENERAL_WARMUP_MINUTES, max(0, minutes_up(spare))
    )
    week_sets = tuple(p.sets for p in planned)
    seconds = session_seconds(
        SessionDose(dose.picks, week_sets, dose.supersets), request.level, general
    )
    first = dose.picks[0].option if dose.picks else None
    wu = warmup(
        first.exercise if first else None, first.resistance if first else "", request.level,
        general, first.single if first else "",
    )
    return Session(
        date=date,
        weekday=WEEKDAYS[day],
        type_id=stype.id,
        type_name=stype.name,
        warmup=Warmup(
            minutes=minutes_up(wu.seconds),
            general=_warmup_words(wu, first),
            ramp_up=wu.ramp_up,
            exercise=first.id if first and (wu.ramp_up or wu.easy_set) else None,
        ),
        exercises=tuple(planned),
        seconds=seconds,
        minutes_asked=request.minutes,
        full=full,
    )


def _harder(e, option: Option, by_id) -> tuple[str, str, str] | None:
    """The harder version a bodyweight exercise moves on to, if the person can do it; also one
    done with a kettlebell, for whoever owns no heavier one."""
    if option.resistance != "bodyweight" and not option.single:
        return None
    for h in e.harder:
        if h in by_id:
            x = by_id[h].exercise
            return (x.id, x.name, x.url)
    return None


def _warmup_words(wu, first: Option | None) -> str:
    text = (
        f"{wu.general_minutes} minutes of easy cardio and the session's movements without "
        "load, raising your breathing and temperature"
        + (
            ", with hip and upper-back mobility and slow practice reps of the main lift."
            if wu.general_minutes > GENERAL_WARMUP_MINUTES
            else "."
        )
    )
    if first is None:
        return text
    name = first.name
    if wu.ramp_up:
        steps = and_list(f"{reps} reps at about {pct} %" for pct, reps in wu.ramp_up)
        text += (
            f" Then {number_word(len(wu.ramp_up))} ramp-up sets of {name} before your working "
            f"sets: {steps} of the working weight."
        )
    elif wu.easy_set:
        text += f" Then one easy set of {name} before your working sets."
    return text


def _volume(catalogue: Catalogue, focus: set[str], sessions, vr) -> tuple[MuscleVolume, ...]:
    half: dict[str, int] = {}
    times: dict[str, int] = {}
    for s in sessions:
        trained: set[str] = set()
        for pe in s.exercises:
            for m in (*pe.primary, *pe.secondary):
                half[m] = half.get(m, 0) + half_sets(pe, m)
            trained.update((*pe.primary, *pe.held))
        for m in trained:
            times[m] = times.get(m, 0) + 1
    out = []
    for m in muscle_order(catalogue, focus):
        if not half.get(m) and m not in focus:
            continue
        out.append(
            MuscleVolume(
                m,
                catalogue.muscle_by_id[m].name,
                m in focus,
                half.get(m, 0),
                times.get(m, 0),
                *group_range(vr, catalogue.muscle_by_id[m].size),
            )
        )
    return tuple(out)


def muscle_order(catalogue: Catalogue, focus: set[str]) -> list[str]:
    """Focus groups first, posterior before anterior, upper before lower, then by name."""
    return [
        m.id
        for m in sorted(
            catalogue.muscles,
            key=lambda m: (m.id not in focus, m.chain != "posterior", m.region, m.name, m.id),
        )
    ]


def _coverage(catalogue, focus, placement: Placement, doses) -> tuple[CoverageRow, ...]:
    by_day = {day: doses[k] for k, day in enumerate(placement.days)}
    rows = []
    for m in muscle_order(catalogue, focus):
        cells = []
        for d, wd in enumerate(WEEKDAYS):
            dose = by_day.get(d)
            half, role = 0, None
            if dose is not None:
                for pick, sets in zip(dose.picks, dose.sets, strict=True):
                    half += half_sets(pick.option.exercise, m, sets)
                    if m in pick.option.trains:
                        role = "primary"
                if role is None and half:
                    role = "secondary"
            cells.append((wd, role, half))
        if m in focus or any(c[1] for c in cells):
            rows.append(CoverageRow(m, catalogue.muscle_by_id[m].name, m in focus, tuple(cells)))
    return tuple(rows)


def _clashes(catalogue, placement: Placement, week: Week) -> list[tuple[str, int, int]]:
    """(group, day, day) for each group trained on two days too close to rest it."""
    out = []
    for a, b in placement.adjacent:
        for m in sorted(week.trained(a) & week.trained(b)):
            out.append((m, placement.days[a], placement.days[b]))
    return out


def _warnings(catalogue, request, placement, week: Week, clashes, weeks,
              gaps=()) -> tuple[str, ...]:
    out = []
    by_days: dict[tuple[int, int], list[str]] = {}
    for m, a, b in clashes:
        by_days.setdefault((a, b), []).append(m)
    for (a, b), groups in sorted(by_days.items()):
        out.append(
            f"Rest: {muscle_names(catalogue, groups).lower()} "
            f"{'is' if len(groups) == 1 else 'are'} trained on {WEEKDAY_NAMES[WEEKDAYS[a]]} "
            f"and {WEEKDAY_NAMES[WEEKDAYS[b]]}, days next to each other: with the equipment and "
            "days chosen no other exercise could take the place. A free day between those "
            "sessions would give them a day's rest."
        )
    training = [w for w in weeks if not w.deload]
    if training:
        used = min(s.seconds for s in training[0].sessions) if training[0].sessions else 0
        if used < 0.8 * request.minutes * 60:
            out.append(
                f"Some sessions are shorter than your {request.minutes} minutes (the shortest "
                f"about {minutes_up(used)}): the planner stops adding sets when a group reaches "
                f"the top of its weekly range at {request.level} level "
                f"({RANGES[request.level].max_sets} sets), the small groups their share, or no "
                "exercise that keeps the session rules is left. More back-of-the-body work would "
                "not make you progress faster; the spare minutes suit the front of the body "
                "(squats, presses, core), easy cardio or mobility."
            )
    if training:
        short = _under_the_range(catalogue, training[0], {g.muscle for g in gaps})
        if short:
            out.append(_under_the_range_warning(short, request))
    for pid in request.prefer:
        if not week.uses(pid):
            e = catalogue.exercise_by_id[pid]
            out.append(f"{e.name} was not added: {_why_not(catalogue, request, e)}.")
    used = {WEEKDAYS[d] for d in placement.days}
    unused = [d for d in request.days if d not in used]
    if unused:
        out.append(
            "Not every day you offered is needed: this split trains on "
            + and_list(WEEKDAY_NAMES[WEEKDAYS[d]] for d in placement.days)
            + "; "
            + and_list(WEEKDAY_NAMES[d] for d in unused)
            + (" stays" if len(unused) == 1 else " stay")
            + " free."
        )
    return tuple(out)


def _under_the_range(catalogue: Catalogue, week: WeekPlan,
                     uncovered: set[str]) -> list[MuscleVolume]:
    """Focus groups trained often enough but with fewer sets than their range starts at because
    the sessions that work them have no room for another set. Groups trained too rarely are
    `uncovered` (with their own fix), and a small group at its own weekly share
    (SMALL_DIRECT_SETS) is where the planner means it to be."""

    def small(m: str) -> bool:
        return catalogue.muscle_by_id[m].size == "small"

    def direct(m: str) -> int:
        return sum(e.sets for s in week.sessions for e in s.exercises
                   if m in e.primary and all(small(x) for x in e.primary))

    def full(m: str) -> bool:
        # Every session that works the group has no room left; a group no session works, or
        # one held back by another group's ceiling, is not short of minutes.
        working = [s for s in week.sessions
                   if any(m in e.primary or m in e.secondary for e in s.exercises)]
        return bool(working) and all(s.full for s in working)

    return [v for v in week.volume
            if v.focus and v.muscle not in uncovered and v.half_sets < 2 * v.min_sets
            and not (small(v.muscle) and direct(v.muscle) >= SMALL_DIRECT_SETS)
            and full(v.muscle)]


def _under_the_range_warning(short: list[MuscleVolume], request: Request) -> str:
    def sets(v: MuscleVolume) -> str:
        return f"{v.half_sets / 2:g} set{'' if v.half_sets == 2 else 's'}"

    listed = and_list(f"the {v.name.lower()} {sets(v)}" for v in short)
    starts = {v.min_sets for v in short}
    under = (f"under the {short[0].min_sets} the {request.level} range starts at"
             if len(starts) == 1 else
             f"under where their ranges start at {request.level} level ("
             + and_list(f"{v.min_sets} for the {v.name.lower()}" for v in short) + ")")
    return (
        f"Fewer sets than the weekly range: {listed} a week, {under}. Sessions of "
        f"{request.minutes} minutes have no room for more; more minutes or another training "
        f"day would bring {'it' if len(short) == 1 else 'them'} into the range."
    )


def _why_not(catalogue: Catalogue, request: Request, e) -> str:
    owned = frozenset(request.equipment) | {BODYWEIGHT}
    if option_for(catalogue, e, owned) is None:
        lacking = [gear_name(catalogue, g) for g in e.equipment if g not in owned]
        subs = [gear_name(catalogue, g) for g in e.substitutes]
        alt = f" (or instead {or_list(subs)})" if subs else ""
        return f"it needs {and_list(lacking)}{alt}, which you did not tick"
    if e.level_rank > LEVELS.index(request.level):
        return f"it is an exercise for the {e.level} level and yours is {request.level}"
    return (
        "no session had a free slot for it that keeps the session rules (one exercise per "
        "small group, no two of one pattern for a group, a day's rest for each group)"
    )
