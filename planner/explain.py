"""Step 7 of the pipeline: the plan's words - why each exercise is there, what a week cannot
cover and what would, and why a request cannot be planned, with fixes that were tried.

Every sentence uses display names; ids stay in the data. A fix offered for a refusal is
checked by planning with it first (`make` is `planner.plan.make_plan`), so the browser's
"Apply" button always leads to a plan.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from planner.catalogue import BODYWEIGHT, LEVELS, Catalogue
from planner.eligible import Option, eligible, groups_without_exercises, option_for
from planner.fill import Pick
from planner.model import Infeasible, Suggestion
from planner.placement import on_days
from planner.request import MAX_MINUTES, WEEKDAY_NAMES, WEEKDAYS, Request
from planner.words import and_list, gear_name, muscle_names, number_word, or_list, times_word

# planner.plan.make_plan, passed in so this module need not import the one that imports it;
# called as make(catalogue, request, suggest=False).
Make = Callable[..., object]


def reason(
    catalogue: Catalogue,
    pick: Pick,
    session_name: str,
    counts: dict[str, tuple[int, int]],
    need: int,
    preferred: bool,
) -> str:
    """Why this exercise is in this session. `counts` gives, for each group it trains,
    (this session's number among the week's sessions training it, how many there are)."""
    e = pick.option.exercise
    slot = pick.slot
    groups = [m for m in e.primary if catalogue.muscle_by_id[m].chain == "posterior"]
    names = the_groups(catalogue, groups)
    if slot.role == "main":
        text = f"The main lift of this {session_name.lower()} session: {names} first, while fresh."
    elif pick.covers:
        k, n = counts[pick.covers[0]]
        covered = the_groups(catalogue, pick.covers)
        if n == 1:
            text = f"Trains {covered} in the one session this week that has room for them."
        else:
            text = (
                f"Trains {covered} for the {ordinal_word(k)} of {number_word(n)} sessions this "
                f"week (each group at least {times_word(need)} a week where the split allows)."
            )
    elif slot.role == "small":
        text = f"Direct work for {names}, a small group, kept for the end."
    else:
        text = f"Adds {with_article(slot.name)} for {names} where the minutes allow."
    if preferred:
        text = "You asked for it. " + text
    # What to use instead is the exercise's own line (use_instead) in every format; here it
    # made the planner page say it twice.
    return text


def the_groups(catalogue: Catalogue, groups) -> str:
    """'the glutes, hamstrings and lower back (erector spinae)': group names in running text."""
    return "the " + muscle_names(catalogue, groups).lower()


def with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def ordinal_word(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth"}.get(n, f"{n}th")


# --- a group the week cannot cover --------------------------------------------------------------


def gap_fix(catalogue: Catalogue, request: Request, group: str, options: tuple[Option, ...]) -> str:
    """What would cover a focus group the plan trains too rarely, in plain words."""
    name = catalogue.muscle_by_id[group].name
    if not any(group in o.trains for o in options):
        gear = equipment_for(catalogue, request, group)
        if gear:
            return (
                f"No exercise you can do with the equipment ticked trains the {name.lower()}: "
                f"{gear}."
            )
        return f"No exercise you can do at your level trains the {name.lower()}."
    region = catalogue.muscle_by_id[group].region
    types = catalogue.session_type_by_id
    places = sum(1 for t in request.sessions if region in types[t].regions)
    need = catalogue.guidance.min_sessions_per_muscle
    if places < need:
        return (
            f"This split has {number_word(places)} {region}-body "
            f"session{'s' if places != 1 else ''} a week; a split with {number_word(need)} "
            f"would train the {name.lower()} {times_word(need)}."
        )
    return (
        f"The {name.lower()} did not fit next to the main lifts in "
        f"{request.minutes}-minute sessions with a day's rest around them; more minutes or "
        "another training day would make room."
    )


def equipment_for(catalogue: Catalogue, request: Request, group: str) -> str:
    """The single items of equipment that would each let the person train the group, grouped
    by the exercise they open: 'a resistance band, a barbell or dumbbells would let you do
    the dumbbell shrug'. Empty when no one item is enough."""
    owned = frozenset(request.equipment) | {BODYWEIGHT}
    opens: dict[str, list[str]] = {}
    for item in catalogue.equipment:
        if item.id in owned:
            continue
        for e in catalogue.exercises:
            if (
                group in e.primary
                and e.id not in request.exclude
                and e.level_rank <= LEVELS.index(request.level)
                and option_for(catalogue, e, owned | {item.id}) is not None
            ):
                opens.setdefault(e.name, []).append(gear_name(catalogue, item.id))
                break
    return "; ".join(
        f"{or_list(gear)} would let you do the {name.lower()}" for name, gear in opens.items()
    )


# --- refusals -------------------------------------------------------------------------------------


def infeasible(
    catalogue: Catalogue,
    request: Request,
    rule: str,
    message: str,
    make: Make | None,
    groups=(),
    depth: int = 0,
) -> Infeasible:
    """The refusal, with the fixes that were tried and give a plan (none when `make` is None:
    the caller only wants to know whether a plan exists)."""
    if make is None:
        return Infeasible(request, rule, message, ())
    tries: list[Suggestion] = []
    if rule in ("days", "spacing"):
        tries += _more_days(catalogue, request)
        tries += _other_splits(catalogue, request)
    elif rule == "exercises":
        tries += _gear_for_groups(catalogue, request, groups)
        if request.exclude:
            tries.append(Suggestion("stop leaving exercises out", (("exclude", []),)))
        if request.level != LEVELS[-1]:
            nxt = LEVELS[LEVELS.index(request.level) + 1]
            tries.append(Suggestion(f"set the level to {nxt}", (("level", nxt),)))
        left = [m for m in request.focus if m not in groups]
        if left:
            tries.append(
                Suggestion(
                    f"leave {muscle_names(catalogue, groups).lower()} out of the focus",
                    (("focus", left),),
                )
            )
    elif rule == "time":
        tries += _more_minutes(request)
    # Only the smallest change of minutes that works is worth offering.
    if rule == "time":
        checked = _smallest_working(catalogue, request, tries, make)
    else:
        checked = _first_working(catalogue, request, tries, make, 4)
    if not checked and depth == 0:
        # One change is not enough (one day and 10 minutes, say): make the first change, see
        # what the changed request still lacks, and pair the change with that one's fix.
        for first in tries[:3]:
            changed = _changed(catalogue, request, first)
            if changed is None:
                continue
            result = make(catalogue, changed, suggest=False)
            if not isinstance(result, Infeasible):
                continue
            options = eligible(catalogue, changed.equipment, changed.level, changed.exclude)
            then = infeasible(
                catalogue,
                changed,
                result.rule,
                result.message,
                make,
                groups_without_exercises(catalogue, changed, options),
                depth=1,
            )
            checked = tuple(
                Suggestion(f"{first.text} and {second.text}", first.change + second.change)
                for second in then.suggestions[:2]
            )
            if checked:
                break
    return Infeasible(request, rule, message, checked)


def _first_working(catalogue, request, tries, make: Make, most: int) -> tuple[Suggestion, ...]:
    out: list[Suggestion] = []
    for s in tries:
        if _works(catalogue, request, s, make):
            out.append(s)
            if len(out) == most:
                break
    return tuple(out)


def _smallest_working(catalogue, request, tries, make: Make) -> tuple[Suggestion, ...]:
    """The first of `tries` that works, when each works if the one before it does (more
    minutes only ever make room): found by doubling the step, then halving the gap, so a
    request that no number of minutes helps costs seven plans instead of forty-six."""
    step, last_failed, found = 1, -1, None
    while found is None:
        k = min(last_failed + step, len(tries) - 1)
        if k <= last_failed:
            return ()
        if _works(catalogue, request, tries[k], make):
            found = k
        else:
            last_failed, step = k, step * 2
    while found - last_failed > 1:
        mid = (last_failed + found) // 2
        if _works(catalogue, request, tries[mid], make):
            found = mid
        else:
            last_failed = mid
    return (tries[found],)


def _changed(catalogue: Catalogue, request: Request, s: Suggestion) -> Request | None:
    """The request with the suggestion's change, parsed like any other (None if refused)."""
    from planner.request import parse_request

    data = request.to_dict()
    data.update(dict(s.change))
    try:
        return parse_request(data, catalogue)
    except ValueError:
        return None


def _works(catalogue: Catalogue, request: Request, s: Suggestion, make: Make) -> bool:
    changed = _changed(catalogue, request, s)
    return changed is not None and not isinstance(
        make(catalogue, changed, suggest=False), Infeasible
    )


def _day_list(days) -> str:
    return and_list(WEEKDAY_NAMES[d] for d in days)


def _more_days(catalogue: Catalogue, request: Request) -> list[Suggestion]:
    free = [d for d in WEEKDAYS if d not in request.days]
    out = []
    for k in (1, 2, 3):  # one more day before two; the caller keeps those that work
        for extra in combinations(free, k):
            days = [d for d in WEEKDAYS if d in request.days or d in extra]
            if on_days(catalogue, request.sessions, days):
                out.append(Suggestion(f"add {_day_list(extra)}", (("days", days),)))
        if out:
            return out
    return out


def _other_splits(catalogue: Catalogue, request: Request) -> list[Suggestion]:
    return [
        Suggestion(f"choose {split.name.lower()}", (("split", split.id),))
        for split in catalogue.splits
        if split.id != request.split_id and on_days(catalogue, split.sessions, request.days)
    ]


def _gear_for_groups(catalogue: Catalogue, request: Request, groups) -> list[Suggestion]:
    out = []
    for item in catalogue.equipment:
        if item.id in request.equipment or item.id == BODYWEIGHT:
            continue
        owned = tuple(sorted({*request.equipment, item.id} - {BODYWEIGHT}))
        opts = eligible(catalogue, owned, request.level, request.exclude)
        if all(any(g in o.trains for o in opts) for g in groups):
            out.append(
                Suggestion(f"tick {gear_name(catalogue, item.id)}", (("equipment", list(owned)),))
            )
    return out


def _more_minutes(request: Request) -> list[Suggestion]:
    return [
        Suggestion(f"allow {minutes} minutes per session", (("minutes", minutes),))
        for minutes in range((request.minutes // 5 + 1) * 5, MAX_MINUTES + 1, 5)
    ]
