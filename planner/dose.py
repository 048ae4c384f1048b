"""Step 5 of the pipeline: sets per exercise, reps in reserve, and filling the minutes asked.

Each level has its own sets per exercise (around the exercise's own prescription) and its own
effort, as reps in reserve (RIR): the reps a set stops short of failure. Every exercise starts
at its level's lowest sets; while a session uses less than TARGET_SHARE of its minutes, the
most important exercise with room gets one more set (the main lift first), a session without
a second compound gets one before the accessories' extra sets, and only when no set can be
added does the session get one more exercise. Weekly sets per group stay within the
level's range (`volume.RANGES`) and small groups within SMALL_DIRECT_SETS. A session over its
minutes pairs non-competing accessories as supersets, then drops what coverage does not need.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalogue import Catalogue, Exercise
from planner.fill import Chooser, Pick, Week, extra_picks
from planner.slots import role_rank
from planner.timing import exercise_seconds, superset_seconds, warmup
from planner.volume import RANGES, group_range

TARGET_SHARE = 0.9  # fill sessions to about this share of the minutes, never past all of them
SMALL_DIRECT_SETS = 6  # a week's sets led by a small group (neck, calves, ...)


@dataclass(frozen=True)
class LevelDose:
    sets_below: int  # sets per exercise from (its prescription - sets_below; -1 is one more)
    sets_above: int  # ... to (its prescription + sets_above)
    rir: tuple[int, int]  # reps in reserve


# ACSM 2009 starts novices on 1-3 sets per exercise and moves trained lifters to 3-6; reps in
# reserve follow Helms et al. 2016 (beginners further from failure while they learn the lift).
LEVEL_DOSE: dict[str, LevelDose] = {
    "beginner": LevelDose(1, 0, (2, 3)),
    "intermediate": LevelDose(0, 1, (1, 2)),
    "advanced": LevelDose(-1, 2, (0, 2)),
}


def sets_range(exercise: Exercise, level: str) -> tuple[int, int]:
    d = LEVEL_DOSE[level]
    # A beginner's one set fewer stops at two: one set of calf raises is below the two the
    # exercise is written for, and a coach gives an exercise worth a place at least two.
    # An exercise written as a single set stays one.
    return max(min(2, exercise.sets), exercise.sets - d.sets_below), exercise.sets + d.sets_above


def rir(exercise: Exercise, level: str) -> tuple[int, int]:
    lo, hi = LEVEL_DOSE[level].rir
    if exercise.gentle:
        # The neck is loaded gently at every level: a grinding last rep there is a strain risk
        # for no gain a physio would sign.
        return max(2, lo), max(3, hi)
    if exercise.spinal_load == "heavy":
        # A loaded spine bent forward is never taken close to failure: form goes first.
        return max(1, lo), max(2, hi)
    return lo, hi


@dataclass(frozen=True)
class SessionDose:
    picks: tuple[Pick, ...]
    sets: tuple[int, ...]
    supersets: tuple[tuple[int, int], ...]  # index pairs done as supersets


def session_seconds(dose: SessionDose, level: str, general_minutes: int = 5) -> int:
    if not dose.picks:
        return warmup(None, "bodyweight", level, general_minutes).seconds
    first = dose.picks[0].option
    total = warmup(first.exercise, first.resistance, level, general_minutes,
                   first.single).seconds
    paired = {i for pair in dose.supersets for i in pair}
    for a, b in dose.supersets:
        total += superset_seconds(
            dose.picks[a].option.exercise, dose.sets[a], dose.picks[b].option.exercise, dose.sets[b]
        )
    for i, pick in enumerate(dose.picks):
        if i not in paired:
            total += exercise_seconds(pick.option.exercise, dose.sets[i])
    return total


def order_picks(catalogue: Catalogue, picks: tuple[Pick, ...]) -> tuple[Pick, ...]:
    """A coach's order: compound before isolation, main lifts before the rest, small groups
    last; within that, the skeleton's own order (the order the picks were made in)."""
    indexed = list(enumerate(picks))
    indexed.sort(
        key=lambda ip: (
            ip[1].option.small,
            ip[1].option.exercise.mechanics != "compound",
            role_rank(ip[1].slot.role),
            ip[0],
        )
    )
    return tuple(p for _, p in indexed)


def weekly_half_sets(catalogue: Catalogue, doses: list[SessionDose]) -> dict[str, int]:
    half: dict[str, int] = {}
    for d in doses:
        for pick, n in zip(d.picks, d.sets, strict=True):
            for m, h in pick.option.per_set:
                half[m] = half.get(m, 0) + h * n
    return half


def direct_sets(catalogue: Catalogue, doses: list[SessionDose], group: str) -> int:
    """A week's sets of the group's own exercises (those that train only small groups): a
    neck extension is direct neck work, a band pull-apart is mid-back work, not rear-delt."""
    return sum(
        n
        for d in doses
        for pick, n in zip(d.picks, d.sets, strict=True)
        if group in pick.option.exercise.primary and pick.option.small
    )


def within_caps(
    catalogue: Catalogue,
    doses: list[SessionDose],
    level: str,
    balance=frozenset(),
    stuck=frozenset(),
) -> bool:
    """Every group within its level's weekly sets, small groups within SMALL_DIRECT_SETS, and,
    for the focus groups in `balance`, no small group above a large one of its region."""
    cap = RANGES[level].max_half
    half = weekly_half_sets(catalogue, doses)
    if balance and unbalanced(catalogue, half, balance, stuck):
        return False
    for m, h in half.items():
        muscle = catalogue.muscle_by_id[m]
        if muscle.chain == "posterior" and h > cap:
            return False
        if muscle.size == "small" and direct_sets(catalogue, doses, m) > SMALL_DIRECT_SETS:
            return False
    return True


def stuck_groups(catalogue: Catalogue, doses: list[SessionDose], focus) -> frozenset[str]:
    """Small groups already over, that only one-set exercises train: adding elsewhere is not
    what makes them so, so they do not block it."""
    half = weekly_half_sets(catalogue, doses)
    out = set()
    skip: set[str] = set()
    while (m := unbalanced(catalogue, half, focus, skip)) is not None:
        skip.add(m)
        out.add(m)
    return frozenset(out)


def unbalanced(catalogue: Catalogue, half: dict[str, int], focus, skip=()) -> str | None:
    """A small focus group with more weekly sets than the least-trained large focus group of
    its region (the neck outworking the lats), if any. The lower back is left out of the
    comparison: its sets come with the hinges, whose number the spine rules decide."""
    for m in catalogue.muscles:
        if m.id in skip:
            continue
        if m.size != "small" or m.id not in focus:
            continue
        large = [
            half.get(x.id, 0)
            for x in catalogue.muscles
            if x.size == "large"
            and x.region == m.region
            and x.id in focus
            and x.spinal_load_counts != "full"
            and half.get(x.id)
        ]
        if large and half.get(m.id, 0) > min(large):
            return m.id
    return None


def dose_week(chooser: Chooser, week: Week, minutes: int) -> tuple[Week, list[SessionDose]]:
    """Sets for every pick, more sets or exercises while time allows, fewer when over.

    Returns the week (with any exercises added or dropped) and each session's dose; a group
    that lost an exercise shows up as uncovered when the plan counts its sessions."""
    catalogue, level = chooser.catalogue, chooser.level
    limit = minutes * 60

    def initial(picks: tuple[Pick, ...]) -> SessionDose:
        ordered = order_picks(catalogue, picks)
        return SessionDose(
            ordered, tuple(sets_range(p.option.exercise, level)[0] for p in ordered), ()
        )

    doses = [initial(ps) for ps in week.picks]
    n = len(doses)

    def fits(k: int, dose: SessionDose) -> bool:
        return session_seconds(dose, level) <= limit

    # The starting sets can already put a small group over its share (two neck extensions at
    # an advanced lifter's four sets): trim first, or no set could be added anywhere.
    doses = _balance(catalogue, doses, chooser.focus)
    week, doses = _grow(chooser, week, doses, limit, initial)
    doses = _balance(catalogue, doses, chooser.focus)
    # The sets the balance took from small groups go to the others where time allows.
    stuck = stuck_groups(catalogue, doses, chooser.focus)
    week, doses = _grow(chooser, week, doses, limit, initial, chooser.focus, stuck)
    trimmed: set[int] = set()
    for k in range(n):
        if fits(k, doses[k]):
            continue
        trimmed.add(k)
        doses[k] = _supersets(catalogue, doses[k])
        # Fewer exercises before fewer sets than the level calls for: a trained lifter keeps
        # the sets that make the main lifts work, and a small group left out is said so.
        while not fits(k, doses[k]) and len(doses[k].picks) > 1:
            drop = _least_needed(catalogue, doses[k])
            if drop is None:
                break
            gone = doses[k].picks[drop]
            week = week.without(k, week.picks[k].index(gone))
            doses[k] = _supersets(catalogue, _drop(doses[k], drop))
        for floor, mains in ((1, False), (2, True), (1, True)):
            while not fits(k, doses[k]):
                fewer = _one_less_set(doses[k], floor, mains)
                if fewer is None:
                    break
                doses[k] = fewer
    # Cutting a session down to its minutes goes in steps of whole exercises and can overshoot:
    # what is left of the time goes back to sets of the exercises that stayed.
    if trimmed:
        week, doses = _grow(chooser, week, doses, limit, initial, chooser.focus, stuck,
                            only=trimmed)
    return week, doses


def _grow(
    chooser: Chooser,
    week: Week,
    doses: list[SessionDose],
    limit: int,
    initial,
    balance=(),
    stuck=frozenset(),
    only: set[int] | None = None,
):
    """Round by round, one more set (or, failing that, one more exercise) for each session
    (of `only`, if given) still under TARGET_SHARE of its minutes, while the weekly limits
    hold."""
    catalogue, level = chooser.catalogue, chooser.level
    n = len(doses)

    def fits(k: int, dose: SessionDose) -> bool:
        return session_seconds(dose, level) <= limit

    # Weekly room only shrinks as sets are added, so a session that could take nothing more
    # stays full for the rest of the loop.
    full: set[int] = set() if only is None else set(range(n)) - only
    no_second: set[int] = set()  # likewise, a second compound that did not fit never will
    changed = True
    while changed:
        changed = False
        for k in range(n):
            if k in full or session_seconds(doses[k], level) >= TARGET_SHARE * limit:
                continue
            grown, urgent = _one_more_set(catalogue, doses, k, level, fits, balance, stuck)
            # A coach adds the second compound (a pull-down beside the row) once the main
            # lifts have their sets and every group its weekly minimum, and before the
            # accessories' third and fourth sets use up the weekly room it needs.
            if (not urgent and k not in no_second
                    and not any(p.slot.role == "second" for p in week.picks[k])):
                added = _one_more_exercise(chooser, week, doses, k, fits, initial, balance,
                                           stuck, ("second",))
                if added is not None:
                    week, doses = added
                    changed = True
                    continue
                no_second.add(k)
            if grown is not None:
                doses[k] = grown
                changed = True
                continue
            added = _one_more_exercise(chooser, week, doses, k, fits, initial, balance, stuck)
            if added is None:
                full.add(k)
            else:
                week, doses = added
                changed = True

    return week, doses


def _one_more_exercise(chooser: Chooser, week: Week, doses: list[SessionDose], k: int, fits,
                       initial, balance, stuck, roles: tuple[str, ...] = ()):
    """(week, doses) with one more exercise in session `k` (of a slot with one of `roles`, or
    any), the first in the chooser's order that fits the minutes and the weekly limits; None
    when none does."""
    catalogue, level = chooser.catalogue, chooser.level
    half = weekly_half_sets(catalogue, doses)
    # The weekly caps see only the groups an added exercise trains and its sets, so one
    # refusal answers for every candidate with the same muscles: a catalogue of thousands of
    # exercises need not be checked one by one.
    over: set[tuple] = set()
    for pick in extra_picks(chooser, week, k, roles):
        option = pick.option
        added = option.exercise
        sets = sets_range(added, level)[0]
        muscles = (added.primary, added.secondary, option.small, sets)
        if muscles in over:
            continue
        if not _has_room(catalogue, half, added, sets, level):
            over.add(muscles)
            continue
        bigger = week.with_pick(k, pick)
        trial = initial(bigger.picks[k])
        trial_doses = doses[:k] + [_keep_sets(doses[k], trial)] + doses[k + 1 :]
        if not fits(k, trial_doses[k]):
            continue
        if within_caps(catalogue, trial_doses, level, balance, stuck):
            return bigger, trial_doses
        over.add(muscles)
    return None


def _has_room(catalogue: Catalogue, half: dict[str, int], e: Exercise, sets: int, level: str):
    """A quick look before the full check: would these sets take a posterior group past the
    level's weekly ceiling? (Most candidates stop here.)"""
    cap = RANGES[level].max_half
    for m in e.primary:
        if catalogue.muscle_by_id[m].chain == "posterior" and half.get(m, 0) + 2 * sets > cap:
            return False
    for m in e.secondary:
        if catalogue.muscle_by_id[m].chain == "posterior" and half.get(m, 0) + sets > cap:
            return False
    return True


def _keep_sets(old: SessionDose, new: SessionDose) -> SessionDose:
    """The new session's dose, with the sets already given to the picks it shares."""
    given = {p.option.id: s for p, s in zip(old.picks, old.sets, strict=True)}
    sets = tuple(given.get(p.option.id, s) for p, s in zip(new.picks, new.sets, strict=True))
    return SessionDose(new.picks, sets, ())


def _one_more_set(
    catalogue, doses, k, level, fits, balance=(), stuck=frozenset()
) -> tuple[SessionDose | None, bool]:
    """Session `k` with one more set, or None; and whether that set is urgent: a main lift's,
    or one for a group still under its weekly minimum."""
    dose = doses[k]
    half = weekly_half_sets(catalogue, doses)
    # A coach brings every group up to the level's weekly minimum before giving more to the
    # ones past it: the calves' third set comes before the main lift's fourth.
    vr = RANGES[level]
    short = {m.id for m in catalogue.muscles
             if m.chain == "posterior" and half.get(m.id, 0) < 2 * group_range(vr, m.size)[0]}
    order = sorted(range(len(dose.picks)), key=lambda i: (
        not short.intersection(dose.picks[i].option.exercise.primary),
        role_rank(dose.picks[i].slot.role), i))
    for i in order:
        e = dose.picks[i].option.exercise
        if dose.sets[i] >= sets_range(e, level)[1] or not _has_room(catalogue, half, e, 1, level):
            continue
        sets = dose.sets[:i] + (dose.sets[i] + 1,) + dose.sets[i + 1 :]
        trial = SessionDose(dose.picks, sets, dose.supersets)
        trial_doses = doses[:k] + [trial] + doses[k + 1 :]
        if fits(k, trial) and within_caps(catalogue, trial_doses, level, balance, stuck):
            urgent = dose.picks[i].slot.role == "main" or bool(short.intersection(e.primary))
            return trial, urgent
    return None, False


def _one_less_set(dose: SessionDose, floor: int = 1, mains: bool = False) -> SessionDose | None:
    """One set fewer for the exercise with the most sets above `floor` (the main lifts only
    when `mains`, as the last resort), so a short session keeps its exercises."""
    room = [
        i
        for i, p in enumerate(dose.picks)
        if (mains or p.slot.role != "main") and dose.sets[i] > floor
    ]
    if not room:
        return None
    i = max(room, key=lambda j: (dose.sets[j], j))
    sets = dose.sets[:i] + (dose.sets[i] - 1,) + dose.sets[i + 1 :]
    return SessionDose(dose.picks, sets, dose.supersets)


def _balance(catalogue: Catalogue, doses: list[SessionDose], focus) -> list[SessionDose]:
    """No small group gets more weekly sets than the least-trained large focus group of its
    region (the neck never outworks the lats): trim the small group's own exercises."""
    doses = list(doses)
    # Never trim a large group's own lift to make room for a small one.
    small_safe = {
        p.option.id
        for d in doses
        for p in d.picks
        if any(catalogue.muscle_by_id[m].size == "large" for m in p.option.exercise.primary)
    }
    stuck: set[str] = set()
    for _ in range(200):
        over = unbalanced(catalogue, weekly_half_sets(catalogue, doses), focus, stuck)
        if over is None:
            over = next(
                (
                    m.id
                    for m in catalogue.muscles
                    if m.size == "small"
                    and m.id not in stuck
                    and direct_sets(catalogue, doses, m.id) > SMALL_DIRECT_SETS
                ),
                None,
            )
        if over is None:
            return doses
        best = None
        for k, d in enumerate(doses):
            for i, p in enumerate(d.picks):
                e = p.option.exercise
                # Its own exercises first, then those where it only helps (a shrug for the neck).
                key = (over in e.primary, d.sets[i])
                trimmable = over in e.primary + e.secondary and e.id not in small_safe
                if trimmable and d.sets[i] > 1 and (best is None or key > best[2]):
                    best = (k, i, key)
        if best is None:
            stuck.add(over)  # nothing left to trim for it; look at the next group
            continue
        k, i, _ = best
        d = doses[k]
        doses[k] = SessionDose(d.picks, d.sets[:i] + (d.sets[i] - 1,) + d.sets[i + 1 :], ())
    return doses


def _supersets(catalogue: Catalogue, dose: SessionDose) -> SessionDose:
    """Pair accessories that do not compete (no group in common, no heavy lower-back load)."""
    free = [
        i
        for i, p in enumerate(dose.picks)
        if p.slot.role != "main" and p.option.exercise.spinal_load != "heavy"
    ]
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for a in free:
        if a in used:
            continue
        for b in free:
            if b <= a or b in used:
                continue
            ea, eb = dose.picks[a].option.exercise, dose.picks[b].option.exercise
            if dose.picks[a].option.trains & dose.picks[b].option.trains:
                continue
            if (set(ea.primary) | set(ea.secondary)) & (set(eb.primary) | set(eb.secondary)):
                continue
            pairs.append((a, b))
            used.update((a, b))
            break
    return SessionDose(dose.picks, dose.sets, tuple(pairs))


def _least_needed(catalogue: Catalogue, dose: SessionDose) -> int | None:
    """The pick to drop first: never a main lift nor one that covers a large group (their
    twice a week is a hard rule); one that covers nothing before one that covers a small
    group; the last in the session first."""
    candidates = [
        i
        for i, p in enumerate(dose.picks)
        if p.slot.role != "main"
        and not p.asked
        and not any(catalogue.muscle_by_id[m].size == "large" for m in p.covers)
    ]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda i: (not dose.picks[i].covers, role_rank(dose.picks[i].slot.role), i),
    )


def _drop(dose: SessionDose, index: int) -> SessionDose:
    picks = dose.picks[:index] + dose.picks[index + 1 :]
    sets = dose.sets[:index] + dose.sets[index + 1 :]
    return SessionDose(picks, sets, ())
