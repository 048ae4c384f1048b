"""Swaps and pins: another exercise in a slot of the plan, chosen by the person, kept by the rules.

A pin `"mon:romanian-deadlift=good-morning"` means: in Monday's session, good mornings take the
slot the plan gave Romanian deadlifts. It is a per-session preference plus a per-session
exclusion, so the fill step does the work: the replacement goes into that session's slot
first, the pinned-out exercise may not return to that session, and the rest of the week is
planned around them (coverage, rest, doses) with the usual rules.

What may replace an exercise is decided by the same `Chooser` that filled the slot: the
options that fit the slot (role, pattern, region), that train the group it leads and the
groups it was added to cover, that the person can do (equipment, level, not excluded), and
that the session's rules allow beside the exercises already in it (`Chooser.ranked`). They
are listed best first, in the Chooser's own order.

A pin that no longer applies - the day has no session, the exercise is not in that session,
or the replacement is not an allowed alternative there (the equipment or level changed, say)
- is left out and named in the plan's warnings, so a saved or shared plan still opens; a pin
that is not a pin at all (bad syntax, an unknown exercise) is a RequestError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

from planner.catalogue import Catalogue
from planner.errors import RequestError
from planner.fill import MAX_EXERCISES, Chooser, Pick, Week, fill_week
from planner.slots import skeleton
from planner.words import and_list, muscle_names

_DAYS = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")
# planner.request's own, repeated: the request module reads pins with this one.
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = {d: n + "day" for d, n in zip(WEEKDAYS, _DAYS, strict=True)}
MAX_PINS = len(WEEKDAYS) * MAX_EXERCISES  # one per exercise of a full week
_PIN = re.compile(r"^([a-z]{3}):([a-z0-9][a-z0-9-]*)=([a-z0-9][a-z0-9-]*)$")
_EXAMPLE = "e.g. mon:romanian-deadlift=good-morning"


@dataclass(frozen=True)
class Pin:
    day: str
    exercise: str
    replacement: str

    @property
    def text(self) -> str:
        return f"{self.day}:{self.exercise}={self.replacement}"


@dataclass(frozen=True)
class Alternative:
    id: str
    name: str
    url: str
    reason: str


# --- parsing -----------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_pin(raw: Any, catalogue: Catalogue) -> Pin:
    if not isinstance(raw, str):
        raise RequestError(f"pins: expected text like {_EXAMPLE}, got {_shown(raw)}", field="pins")
    match = _PIN.match(raw.strip().lower())
    if match is None:
        raise RequestError(
            f"pins: {_shown(raw)} is not a pin; write day:exercise=replacement, {_EXAMPLE}",
            field="pins",
        )
    day, exercise, replacement = match.groups()
    if day not in WEEKDAYS:
        raise RequestError(
            f"pins: {_shown(raw)} names the day {day!r}; a day is one of {', '.join(WEEKDAYS)}",
            field="pins",
        )
    for ident in (exercise, replacement):
        if ident not in catalogue.exercise_by_id:
            raise RequestError(
                f"pins: {_shown(raw)} names the unknown exercise {ident!r}", field="pins"
            )
    if exercise == replacement:
        raise RequestError(f"pins: {_shown(raw)} swaps an exercise for itself", field="pins")
    return Pin(day, exercise, replacement)


def parse_pins(raw: Any, catalogue: Catalogue) -> tuple[str, ...]:
    """The pins, checked, normalised (lower case, sorted, no repeats) as their text."""
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [p for p in (x.strip() for x in raw.split(",")) if p]
    if not isinstance(raw, list):
        raise RequestError(f"pins: expected a list of pins, {_EXAMPLE}", field="pins")
    if len(raw) > MAX_PINS:
        raise RequestError(
            f"pins: {len(raw)} pins; a week has room for at most {MAX_PINS}", field="pins"
        )
    pins = {parse_pin(p, catalogue) for p in raw}
    seen: dict[tuple[str, str], Pin] = {}
    for pin in sorted(pins, key=lambda p: p.text):
        other = seen.setdefault((pin.day, pin.exercise), pin)
        if other != pin:
            raise RequestError(
                f"pins: {other.text} and {pin.text} swap one exercise of one day twice",
                field="pins",
            )
    return tuple(sorted(p.text for p in pins))


def pins_of(texts: tuple[str, ...]) -> list[Pin]:
    """Parsed pins in week order (the order they are applied in)."""
    out = []
    for text in texts:
        day, rest = text.split(":", 1)
        exercise, replacement = rest.split("=", 1)
        out.append(Pin(day, exercise, replacement))
    return sorted(out, key=lambda p: (WEEKDAYS.index(p.day), p.text))


# --- choosing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PinnedChooser(Chooser):
    """The request's Chooser with exercises kept out of single sessions: (position, id)."""

    banned: frozenset[tuple[int, str]] = frozenset()

    def allowed(self, option, week: Week, pos: int, *, rest: bool = True) -> bool:
        return (pos, option.id) not in self.banned and super().allowed(option, week, pos, rest=rest)

    def ranked(self, slot, week: Week, pos: int, **kwargs) -> list:
        found = super().ranked(slot, week, pos, **kwargs)
        return [o for o in found if (pos, o.id) not in self.banned]


def pinned_chooser(chooser: Chooser, banned: frozenset[tuple[int, str]]) -> PinnedChooser:
    values = {f.name: getattr(chooser, f.name) for f in fields(Chooser)}
    return PinnedChooser(**values, banned=banned)


def options_for(chooser: Chooser, week: Week, pos: int, pick: Pick) -> list:
    """What could take `pick`'s place in session `pos`, best first, by the Chooser's rules:
    the same slot, the group it leads and the groups it covers, allowed beside the rest of the
    session (and rested like it: a pick placed without rest is replaced without it)."""
    index = next(i for i, p in enumerate(week.picks[pos]) if p is pick)
    without = week.without(pos, index)
    if pick.slot.role == "main":
        # The main lifts were chosen for every posterior group, whatever the focus.
        chooser = replace(chooser, focus=frozenset(chooser.catalogue.posterior_muscles()))
    rest = chooser.allowed(pick.option, without, pos, rest=True)
    lead = pick.option.exercise.primary[0]
    return [
        o
        for o in chooser.ranked(pick.slot, without, pos, rest=rest)
        if o.id != pick.option.id and lead in o.exercise.primary and set(pick.covers) <= o.trains
    ]


def _pick(week: Week, pos: int, exercise: str) -> Pick | None:
    return next((p for p in week.picks[pos] if p.option.id == exercise), None)


def _in_slot_order(week: Week, placed: list[tuple[int, Pick]]) -> Week:
    """Each pinned pick moved to where its slot stands in the session (it went in first, but
    a pinned row must not lead a total-body day before its hinge): before the first pick of a
    later slot; the other picks keep their order."""
    picks = []
    for pos, session in enumerate(week.picks):
        order = {slot: k for k, slot in enumerate(skeleton(week.regions[pos]))}
        mine = [pick for at, pick in placed if at == pos]
        rest = [p for p in session if p not in mine]
        for p in mine:
            at = next(
                (i for i, q in enumerate(rest) if order.get(q.slot, -1) > order.get(p.slot, -1)),
                len(rest),
            )
            rest.insert(at, p)
        picks.append(tuple(rest))
    return Week(week.regions, week.close, tuple(picks))


@dataclass(frozen=True)
class PinnedWeek:
    chooser: Chooser
    week: Week
    doses: list
    kept: frozenset[tuple[str, str]]  # (weekday, replacement id) of the pins that apply
    replaced: dict[tuple[str, str], str]  # (weekday, replacement id) -> the id it replaced
    notes: tuple[str, ...]  # why a pin was left out


def pinned_week(
    chooser: Chooser,
    regions: tuple[tuple[str, ...], ...],
    close: tuple[frozenset[int], ...],
    focus: tuple[str, ...],
    need: int,
    days: tuple[int, ...],
    minutes: int,
    pins: tuple[str, ...],
    dose_week,
) -> PinnedWeek:
    """The week with the pins that apply, each checked against the week planned with the
    pins before it (so two pins of one session are checked against each other)."""
    placed: list[tuple[int, Pick]] = []
    banned: set[tuple[int, str]] = set()
    kept: set[tuple[str, str]] = set()
    replaced: dict[tuple[str, str], str] = {}
    notes: list[str] = []

    def plan() -> tuple[Chooser, Week, list]:
        ch = pinned_chooser(chooser, frozenset(banned))
        week = fill_week(ch, regions, close, focus, need, pinned=tuple(placed))
        week = _in_slot_order(week, placed)
        week, doses = dose_week(ch, week, minutes)
        return ch, week, doses

    ch, week, doses = plan()
    names = chooser.catalogue.exercise_by_id
    for pin in pins_of(pins):
        day, old, new = WEEKDAY_NAMES[pin.day], names[pin.exercise].name, names[pin.replacement]
        why = None
        pos = days.index(WEEKDAYS.index(pin.day)) if WEEKDAYS.index(pin.day) in days else None
        pick = None if pos is None else _pick(week, pos, pin.exercise)
        if pos is None:
            why = f"the plan has no session on {day}"
        elif pick is None:
            why = f"{old} is not in {day}'s session"
        else:
            option = next((o for o in options_for(ch, week, pos, pick) if o.id == new.id), None)
            if option is None:
                why = (
                    f"{new.name} cannot take its place there under the plan's rules (same slot "
                    "and muscle group, your equipment and level, the session's other exercises)"
                )
            else:
                # A pin of a pin (mon:a=b, then mon:b=c) replaces the first choice.
                placed[:] = [(p, k) for p, k in placed if (p, k.option.id) != (pos, pin.exercise)]
                kept.discard((pin.day, pin.exercise))
                first = replaced.pop((pin.day, pin.exercise), pin.exercise)
                placed.append((pos, Pick(pick.slot, option, pick.covers, asked=True)))
                banned.add((pos, pin.exercise))
                kept.add((pin.day, new.id))
                replaced[(pin.day, new.id)] = first
                ch, week, doses = plan()
                if _pick(week, pos, new.id) is None:  # the rules never drop a placed pick
                    raise AssertionError(f"pin {pin.text} was placed but not kept")
        if why is not None:
            notes.append(f"The swap on {day} of {old} for {new.name} was left out: {why}.")
    return PinnedWeek(ch, week, doses, frozenset(kept), replaced, tuple(notes))


# --- alternatives -----------------------------------------------------------------------------


def _reason(catalogue: Catalogue, option, pick: Pick) -> str:
    e = option.exercise
    text = f"Trains the {muscle_names(catalogue, e.primary).lower()}"
    if pick.covers:
        covered = and_list(catalogue.muscle_by_id[m].name.lower() for m in pick.covers)
        text += f", covering the {covered}"
    text += f" in the {pick.slot.name} slot"
    text += f", as {pick.option.name} did."
    if option.use_instead:
        text += " " + option.use_instead
    return text


# The last few weeks swaps were asked about: the Swap menu asks once per exercise of the same
# plan, and planning the week again each time would cost as much as making the plan. Keyed by
# the catalogue's identity (kept in the value, so a new catalogue at a reused address is not
# mistaken for the old one) and the request (frozen, hashable). Answers do not change with it.
_RECENT: dict[tuple[int, Any], tuple[Catalogue, Any]] = {}
_RECENT_SIZE = 4


def _recent(catalogue: Catalogue, request, planned_week):
    key = (id(catalogue), request)
    hit = _RECENT.get(key)
    if hit is not None and hit[0] is catalogue:
        return hit[1]
    found = planned_week(catalogue, request)
    if len(_RECENT) >= _RECENT_SIZE:
        del _RECENT[next(iter(_RECENT))]
    _RECENT[key] = (catalogue, found)
    return found


def alternatives(
    catalogue: Catalogue, request, day: str, exercise_id: str
) -> tuple[Alternative, ...]:
    """The exercises that could replace `exercise_id` in the plan's session on `day`, best
    first, keeping every rule. Raises RequestError when that session or exercise is not in
    the plan (the request's own pins applied)."""
    from planner.plan import planned_week  # the plan module imports this one

    if not isinstance(day, str) or day.strip().lower() not in WEEKDAYS:
        raise RequestError(f"day: expected one of {', '.join(WEEKDAYS)}, got {_shown(day)}")
    day = day.strip().lower()
    if not isinstance(exercise_id, str) or exercise_id not in catalogue.exercise_by_id:
        raise RequestError(f"exercise: unknown exercise {_shown(exercise_id)}")
    found = _recent(catalogue, request, planned_week)
    if isinstance(found, str):
        raise RequestError(found)
    pinned, days = found
    d = WEEKDAYS.index(day)
    if d not in days:
        raise RequestError(f"The plan has no session on {WEEKDAY_NAMES[day]}.")
    pos = days.index(d)
    pick = _pick(pinned.week, pos, exercise_id)
    if pick is None:
        name = catalogue.exercise_by_id[exercise_id].name
        raise RequestError(f"{name} is not in {WEEKDAY_NAMES[day]}'s session of the plan.")
    return tuple(
        Alternative(o.id, o.name, o.exercise.url, _reason(catalogue, o, pick))
        for o in options_for(pinned.chooser, pinned.week, pos, pick)
    )


def mark_pins(plan, pinned: PinnedWeek):
    """The plan with each kept pin's exercise marked `pinned` (its reason says what it
    replaced) and the pins left out named in the warnings."""
    names = pinned.chooser.catalogue.exercise_by_id
    weeks = []
    for w in plan.weeks:
        sessions = []
        for s in w.sessions:
            exercises = tuple(
                replace(
                    e,
                    pinned=True,
                    reason=f"You chose it in place of {names[pinned.replaced[key]].name}. "
                    + e.reason,
                )
                if (key := (s.weekday, e.id)) in pinned.kept
                else e
                for e in s.exercises
            )
            sessions.append(replace(s, exercises=exercises))
        weeks.append(replace(w, sessions=tuple(sessions)))
    return replace(plan, weeks=tuple(weeks), warnings=plan.warnings + pinned.notes)
