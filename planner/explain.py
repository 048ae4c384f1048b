"""Turning a failed solve into plain words: which rule cannot be met and what would fix it.

Each suggestion is checked by re-running the solver on the changed request, so the planner
never recommends a change that would not help. Suggestions are tried smallest first (one more
day before two, five more minutes before ten).
"""

from __future__ import annotations

import dataclasses
from itertools import combinations

from planner.catalogue import LEVELS, Catalogue
from planner.placement import placements
from planner.plan import (
    Failure,
    Infeasible,
    Solution,
    Steps,
    Suggestion,
    fitting,
    number_word,
    solve,
    times_word,
    whole_body_types,
)
from planner.request import (
    MAX_MINUTES,
    WEEKDAY_NAMES,
    WEEKDAYS,
    Request,
    eligible_exercises,
    usable,
)
from planner.volume import RANGES

# Search steps per re-run and for all re-runs of one explanation together: hints must stay
# quick. A re-run that runs out of steps counts as "does not work", so hints stay true.
SUGGESTION_BUDGET = 150
EXPLAIN_BUDGET = 1_200


def _day_list(days) -> str:
    names = [WEEKDAY_NAMES[d] for d in days]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


_count = number_word


def _split_words(catalogue: Catalogue, request: Request) -> str:
    types = catalogue.session_type_by_id
    counts: dict[str, int] = {}
    for t in request.sessions:
        counts[t] = counts.get(t, 0) + 1
    parts = [f"{_count(c)} {types[t].name.lower().replace(' ', '-')}" for t, c in counts.items()]
    # "one upper-body, one lower-body and one total-body session"; "two total-body sessions"
    noun = "session" if list(counts.values())[-1] == 1 else "sessions"
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{listed} {noun}"


def _sessions_for(catalogue: Catalogue, request: Request, muscle: str) -> int:
    """How many of the split's sessions could train the group with the exercises at hand."""
    exercises = eligible_exercises(catalogue, request)
    types = {
        t
        for t in set(request.sessions)
        if any(muscle in exercises[i].primary for i in fitting(catalogue, exercises, t))
    }
    return sum(1 for t in request.sessions if t in types)


def _spacing_ok(catalogue: Catalogue, sessions, days) -> bool:
    if len(sessions) > len(days):
        return False
    types = catalogue.session_type_by_id
    regions = {t: frozenset(types[t].regions) for t in set(sessions)}
    available = tuple(WEEKDAYS.index(d) for d in days)
    rest_days = catalogue.guidance.rest_days_between_same_muscle
    return bool(placements(available, sessions, whole_body_types(catalogue), regions, rest_days))


def _works(catalogue: Catalogue, request: Request, steps: Steps) -> bool:
    found = solve(catalogue, request, SUGGESTION_BUDGET, rest=False, steps=steps)
    return isinstance(found, Solution)


def _more_days(catalogue: Catalogue, request: Request) -> list[Suggestion]:
    free = [d for d in WEEKDAYS if d not in request.days]
    for k in range(1, len(free) + 1):
        for extra in combinations(free, k):
            days = tuple(d for d in WEEKDAYS if d in request.days or d in extra)
            if _spacing_ok(catalogue, request.sessions, days):
                return [
                    Suggestion(
                        f"add {_day_list(extra)}",
                        (("days", list(days)),),
                    )
                ]
    return []


def _other_splits(catalogue: Catalogue, request: Request, check) -> list[Suggestion]:
    out = []
    for split in catalogue.splits:
        if split.id == request.split_id:
            continue
        changed = dataclasses.replace(
            request, split_id=split.id, split_name=split.name, sessions=split.sessions
        )
        if check(changed):
            out.append(
                Suggestion(f"choose {split.name.lower()} ({split.id})", (("split", split.id),))
            )
    return out


def _more_minutes(request: Request, works) -> list[Suggestion]:
    grid = list(range((request.minutes // 5 + 1) * 5, MAX_MINUTES + 1, 5))
    if not grid:
        return []
    top = dataclasses.replace(request, minutes=grid[-1])
    if not works(top):
        return []
    lo, hi = 0, len(grid) - 1  # grid[hi] works; find the first that does
    while lo < hi:
        mid = (lo + hi) // 2
        if works(dataclasses.replace(request, minutes=grid[mid])):
            hi = mid
        else:
            lo = mid + 1
    return [Suggestion(f"allow {grid[lo]} minutes per session", (("minutes", grid[lo]),))]


def _other_levels(request: Request, works) -> list[Suggestion]:
    out = []
    for level in LEVELS:
        if level != request.level and works(dataclasses.replace(request, level=level)):
            out.append(Suggestion(f"set the level to {level}", (("level", level),)))
    return out


def _unlocks(catalogue: Catalogue, request: Request, wanted) -> list[Suggestion]:
    """Single changes to equipment, level or exclusions that make some wanted exercise usable."""
    out: list[Suggestion] = []
    seen: set[str] = set()
    candidates = [e for e in catalogue.exercises if wanted(e)]
    for e in candidates:
        if e.id in request.exclude and usable(e, request.equipment, request.level):
            key = f"exclude:{e.id}"
            if key not in seen:
                seen.add(key)
                rest = [x for x in request.exclude if x != e.id]
                out.append(Suggestion(f"stop excluding {e.name}", (("exclude", rest),)))
    for gear in sorted(catalogue.equipment_by_id):
        if gear in request.equipment:
            continue
        owned = tuple(sorted(set(request.equipment) | {gear}))
        hits = [
            e for e in candidates if e.id not in request.exclude and usable(e, owned, request.level)
        ]
        if hits:
            name = catalogue.equipment_by_id[gear].name
            equipment = [g for g in owned if g != "bodyweight"]
            out.append(
                Suggestion(
                    f"add {name.lower()} ({gear}) to your equipment, for {hits[0].name}",
                    (("equipment", equipment),),
                )
            )
    for level in LEVELS[LEVELS.index(request.level) + 1 :]:
        hits = [
            e
            for e in candidates
            if e.id not in request.exclude and usable(e, request.equipment, level)
        ]
        if hits:
            out.append(
                Suggestion(f"set the level to {level}, for {hits[0].name}", (("level", level),))
            )
            break
    return out


def _muscle_list(catalogue: Catalogue, muscles, joiner: str) -> str:
    names = [catalogue.muscle_by_id[m].name for m in muscles]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {joiner} " + names[-1]


def _drop_focus(catalogue: Catalogue, request: Request, muscles, check=None) -> list[Suggestion]:
    """Leave some focus groups out; never all of them (an empty focus means every group)."""
    rest = [m for m in request.focus if m not in muscles]
    if not rest:
        return []
    changed = dataclasses.replace(request, focus=tuple(rest), focus_is_default=False)
    if check is not None and not check(changed):
        return []
    text = f"leave {_muscle_list(catalogue, muscles, 'and')} out of the focus"
    return [Suggestion(text, (("focus", rest),))]


def _drop_one(catalogue: Catalogue, request: Request, works) -> list[Suggestion]:
    """Leaving out one focus group (the one whose exercises crowd the others) can free a week."""
    if len(request.focus) < 2:
        return []
    out = []
    for m in request.focus:
        out += _drop_focus(catalogue, request, (m,), works)
    return out


def _message(head: str, suggestions: list[Suggestion]) -> str:
    if not suggestions:
        return head
    texts = [s.text for s in suggestions]
    tail = texts[0] if len(texts) == 1 else "; ".join(texts[:-1]) + "; or " + texts[-1]
    return f"{head} To fix it: {tail}."


def explain(catalogue: Catalogue, request: Request, failure: Failure) -> Infeasible:
    rule = failure.rule
    types = catalogue.session_type_by_id
    picked = _day_list(request.days)
    split_words = _split_words(catalogue, request)
    steps = Steps(EXPLAIN_BUDGET)
    need = catalogue.guidance.min_sessions_per_muscle

    def works(changed: Request) -> bool:
        return _works(catalogue, changed, steps)

    if rule in ("days", "spacing"):
        n = len(request.sessions)
        wb = whole_body_types(catalogue)
        n_wb = sum(1 for t in request.sessions if t in wb)
        rest_days = catalogue.guidance.rest_days_between_same_muscle
        if n_wb >= 2 and rest_days:
            gap = "a rest day" if rest_days == 1 else f"{_count(rest_days)} rest days"
            need = (
                f"{split_words.capitalize()} need {_count(n)} days, with {gap} between "
                "total-body sessions"
            )
        else:
            need = f"{split_words.capitalize()} need {_count(n)} different days"
        head = f"{need}; you picked {picked}."
        days_ok = lambda r: _spacing_ok(catalogue, r.sessions, r.days)  # noqa: E731
        suggestions = _more_days(catalogue, request) + _other_splits(catalogue, request, days_ok)
        return Infeasible(request, rule, _message(head, suggestions), tuple(suggestions))

    if rule == "exercises" and failure.muscles:
        ms = failure.muscles
        names = _muscle_list(catalogue, ms, "or")
        head = (
            f"No exercise you can do trains {names} as a primary mover (checked against your "
            f"equipment, level{', exclusions' if request.exclude else ''} and "
            f"{request.minutes}-minute sessions)."
        )
        session_regions = [set(types[t].regions) for t in set(request.sessions)]

        def wanted(e):
            regions = catalogue.exercise_regions(e)
            return any(m in e.primary for m in ms) and any(regions <= r for r in session_regions)

        suggestions = _unlocks(catalogue, request, wanted) + _drop_focus(catalogue, request, ms)
        return Infeasible(request, rule, _message(head, suggestions), tuple(suggestions))

    if rule == "exercises":
        t = failure.session_type or ""
        head = f"No exercise you can do fits a {types[t].name.lower()} session."

        def wanted(e):
            return catalogue.exercise_regions(e) <= set(types[t].regions)

        suggestions = _unlocks(catalogue, request, wanted)
        return Infeasible(request, rule, _message(head, suggestions), tuple(suggestions))

    if rule == "frequency":
        ms = failure.muscles
        names = _muscle_list(catalogue, ms, "and")
        each = " each" if len(ms) > 1 else ""
        most = max(_sessions_for(catalogue, request, m) for m in ms)
        can = "only one session can" if most == 1 else f"at most {_count(most)} sessions can"
        head = (
            f"{names} should{each} be trained in at least {_count(need)} sessions a week, but "
            f"with {split_words} {can} train {'them' if len(ms) > 1 else 'it'} with the "
            "exercises you can do."
        )
        suggestions = _other_splits(catalogue, request, works) + _drop_focus(
            catalogue, request, ms, works
        )
        return Infeasible(request, rule, _message(head, suggestions), tuple(suggestions))

    if rule == "time":
        head = (
            f"Training every focus group in at least {_count(need)} sessions a week does not "
            f"fit in {request.minutes}-minute sessions with the exercises you can do "
            f"({split_words})."
        )
        suggestions = _more_minutes(request, works) + _other_splits(catalogue, request, works)
        return Infeasible(request, rule, _message(head, suggestions), tuple(suggestions))

    if rule == "volume":
        vr = RANGES[request.level]
        vr_words = f"{vr.min_sets}-{vr.max_sets}"
        head = (
            f"No week keeps every focus group within {vr_words} weekly sets ({request.level} "
            f"level) while training each {times_word(need)} in {request.minutes}-minute "
            f"sessions with {split_words}."
        )
        suggestions = (
            _more_minutes(request, works)
            + _other_levels(request, works)
            + _other_splits(catalogue, request, works)
            + _drop_one(catalogue, request, works)
        )
        return Infeasible(request, rule, _message(head, suggestions), tuple(suggestions))

    head = (
        "This request is too demanding to settle: the planner stopped searching before it "
        "found a plan or proved that none exists. Demanding requests usually need longer "
        "sessions, fewer weekly sets (a lower level), fewer focus groups or more sessions."
    )
    suggestions = _quick_fixes(request, works)
    return Infeasible(request, "search-limit", _message(head, suggestions), tuple(suggestions))


def _quick_fixes(request: Request, works) -> list[Suggestion]:
    """A few bounded re-runs (more minutes, a lower level) that are shown only if they work."""
    out = []
    for extra in (15, 30, 60):
        minutes = min(MAX_MINUTES, request.minutes + extra)
        if minutes > request.minutes and works(dataclasses.replace(request, minutes=minutes)):
            out.append(Suggestion(f"allow {minutes} minutes per session", (("minutes", minutes),)))
            break
    for level in reversed(LEVELS[: LEVELS.index(request.level)]):
        if works(dataclasses.replace(request, level=level)):
            out.append(Suggestion(f"set the level to {level}", (("level", level),)))
            break
    return out
