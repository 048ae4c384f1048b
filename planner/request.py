"""The planner request: what the person asks for, checked against the catalogue.

`parse_request` turns the JSON object from the browser or the CLI into a frozen `Request`, or
raises `RequestError` with a message that names the field and lists what is allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planner.catalogue import BODYWEIGHT, LEVELS, Catalogue
from planner.errors import RequestError, shown
from planner.swaps import parse_pins

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
MIN_MINUTES, MAX_MINUTES = 10, 240
MIN_WEEKS, MAX_WEEKS = 1, 16
# Far beyond any real request (every exercise of a large catalogue excluded), and short enough
# that a hostile list is refused before anything walks it.
MAX_LIST_ITEMS = 20_000
FIELDS: tuple[str, ...] = (
    "split",
    "days",
    "equipment",
    "level",
    "minutes",
    "weeks",
    "start",
    "focus",
    "exclude",
    "prefer",
    "pins",
)
DEFAULTS: dict[str, Any] = {
    "equipment": [],
    "level": "beginner",
    "minutes": 45,
    "weeks": 4,
    "focus": None,
    "exclude": [],
    "prefer": [],
    "pins": [],
}


@dataclass(frozen=True)
class Request:
    split_id: str | None  # None for a custom list of session types
    split_name: str
    sessions: tuple[str, ...]  # session type ids, in the split's order
    days: tuple[str, ...]  # weekday ids in week order, no repeats
    equipment: tuple[str, ...]  # owned equipment ids, sorted, bodyweight always included
    level: str
    minutes: int
    weeks: int
    start: dt.date
    focus: tuple[str, ...]  # muscle ids, sorted
    focus_is_default: bool
    exclude: tuple[str, ...]
    prefer: tuple[str, ...]
    # "mon:romanian-deadlift=good-morning": swaps the person chose (planner.swaps), sorted
    pins: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The normalised request, in the same shape it was given."""
        return {
            "split": self.split_id if self.split_id is not None else list(self.sessions),
            "days": list(self.days),
            "equipment": [e for e in self.equipment if e != BODYWEIGHT],
            "level": self.level,
            "minutes": self.minutes,
            "weeks": self.weeks,
            "start": self.start.isoformat(),
            "focus": None if self.focus_is_default else list(self.focus),
            "exclude": list(self.exclude),
            "prefer": list(self.prefer),
            "pins": list(self.pins),
        }


# --- parsing ---------------------------------------------------------------------------------


def _listing(values, most: int = 30) -> str:
    """Allowed values in a message; a catalogue of thousands of exercises is not listed whole."""
    values = list(values)
    if len(values) <= most:
        return ", ".join(values)
    return ", ".join(values[:most]) + f" and {len(values) - most:,} more"


def _strings(raw: Any, name: str, what: str, most: int = MAX_LIST_ITEMS) -> list[str]:
    """A list of texts, or a comma-separated text, checked for type and length; any other value
    is refused with a sentence naming the field (also for fields other modules add)."""
    if isinstance(raw, str):
        raw = [p for p in (x.strip() for x in raw.split(",")) if p]
    if not isinstance(raw, list):
        raise RequestError(f"{name}: expected a list of {what}, got {shown(raw)}", field=name)
    if len(raw) > most:
        raise RequestError(
            f"{name}: expected at most {most:,} {what}, got {len(raw):,}", field=name
        )
    for i, value in enumerate(raw):
        if not isinstance(value, str):
            raise RequestError(
                f"{name}: expected a list of {what}, but item {i + 1} is {shown(value)}",
                field=name,
            )
    return raw


def _id_list(raw: Any, name: str, allowed: Mapping[str, Any] | tuple[str, ...], what: str) -> list:
    if raw is None:
        return []
    out: dict[str, None] = {}  # ordered, and a repeat costs nothing however long the list
    for value in _strings(raw, name, f"{what} ids"):
        ident = value.strip().lower()
        if ident not in allowed:
            raise RequestError(
                f"{name}: unknown {what} {shown(value)}. Allowed: "
                + _listing(allowed if isinstance(allowed, tuple) else sorted(allowed)),
                field=name,
            )
        out[ident] = None
    return list(out)


def _whole(raw: Any, name: str, lo: int, hi: int) -> int:
    text = raw.strip() if isinstance(raw, str) else ""
    # Only ASCII digits: "²".isdigit() is true but int("²") fails, and a short text is all a
    # number from lo to hi needs (int() of thousands of digits is refused by Python itself).
    if text.isascii() and text.isdigit() and len(text) <= len(str(hi)) + 2:
        raw = int(text)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise RequestError(
            f"{name}: expected a whole number from {lo} to {hi}, got {shown(raw)}", field=name
        )
    if not lo <= raw <= hi:
        raise RequestError(f"{name}: must be from {lo} to {hi}, got {shown(raw)}", field=name)
    return raw


def _split(raw: Any, catalogue: Catalogue) -> tuple[str | None, str, tuple[str, ...]]:
    types = catalogue.session_type_by_id
    if isinstance(raw, str) and "," not in raw:
        ident = raw.strip().lower()
        if ident in catalogue.split_by_id:
            split = catalogue.split_by_id[ident]
            return split.id, split.name, split.sessions
        if ident not in types:
            raise RequestError(
                f"split: unknown split {shown(raw)}. Allowed splits: "
                f"{_listing(s.id for s in catalogue.splits)}; or a list of session types "
                f"({_listing(t.id for t in catalogue.session_types)}), e.g. upper,lower",
                field="split",
            )
        raw = [ident]
    if not isinstance(raw, str | list):
        raise RequestError(
            f"split: expected a split id or a list of session type ids, got {shown(raw)}",
            field="split",
        )
    sessions = []
    for value in _strings(raw, "split", "session type ids"):
        ident = value.strip().lower()
        if ident not in types:
            raise RequestError(
                f"split: unknown session type {shown(value)}. Allowed: "
                f"{_listing(t.id for t in catalogue.session_types)}",
                field="split",
            )
        sessions.append(ident)
    if not 1 <= len(sessions) <= 7:
        raise RequestError(
            f"split: a custom split needs 1 to 7 sessions, got {len(sessions)}", field="split"
        )
    name = "Custom: " + ", ".join(types[s].name for s in sessions)
    return None, name, tuple(sessions)


def _date(raw: Any, weeks: int) -> dt.date:
    try:
        start = dt.date.fromisoformat(raw.strip()) if isinstance(raw, str) else None
    except ValueError:
        start = None
    if start is None:
        raise RequestError(
            f"start: expected a date written YYYY-MM-DD, e.g. 2026-11-30, got {shown(raw)}",
            field="start",
        )
    # Every date of the plan, and the day after its last session (the calendar's end of an
    # all-day event), must be a date Python and the calendar formats can write: year 9999 at
    # the latest.
    latest = dt.date.max - dt.timedelta(days=7 * weeks)
    if start > latest:
        raise RequestError(
            f"start: a {weeks}-week plan from {start.isoformat()} would run past the year "
            f"9999; start on or before {latest.isoformat()}",
            field="start",
        )
    return start


def parse_request(data: Any, catalogue: Catalogue) -> Request:
    """Check a request object against the catalogue and normalise it.

    Raises RequestError for anything malformed. A well-formed request that simply cannot be
    scheduled is not an error here; make_plan answers it with an explanation.
    """
    if not isinstance(data, Mapping):
        raise RequestError("request: expected a JSON object with the fields " + _listing(FIELDS))
    unknown = sorted(k for k in data if k not in FIELDS)
    if unknown:
        raise RequestError(
            f"request: unknown field {unknown[0]!r}. Allowed fields: {_listing(FIELDS)}",
            field=unknown[0],
        )
    for key in ("split", "days", "start"):
        if key not in data:
            raise RequestError(f"{key}: missing (it is required)", field=key)
        if data[key] is None:
            raise RequestError(f"{key}: missing (it is required, and null is no value)", field=key)
    values = {**DEFAULTS, **{k: v for k, v in data.items() if v is not None or k == "focus"}}

    split_id, split_name, sessions = _split(values["split"], catalogue)
    days_given = _id_list(values["days"], "days", WEEKDAYS, "weekday")
    if not days_given:
        raise RequestError(f"days: pick at least one weekday ({_listing(WEEKDAYS)})", field="days")
    days = tuple(d for d in WEEKDAYS if d in days_given)
    equipment = _id_list(values["equipment"], "equipment", catalogue.equipment_by_id, "equipment")
    level = values["level"]
    if not isinstance(level, str):
        raise RequestError(
            f"level: expected one of {_listing(LEVELS)}, got {shown(level)}", field="level"
        )
    if level.strip().lower() not in LEVELS:
        raise RequestError(
            f"level: unknown level {shown(level)}. Allowed: {_listing(LEVELS)}", field="level"
        )
    level = level.strip().lower()
    minutes = _whole(values["minutes"], "minutes", MIN_MINUTES, MAX_MINUTES)
    weeks = _whole(values["weeks"], "weeks", MIN_WEEKS, MAX_WEEKS)
    start = _date(values["start"], weeks)
    focus_raw = values.get("focus")
    focus_is_default = focus_raw is None or focus_raw == []
    if focus_is_default:
        focus = catalogue.posterior_muscles()
    else:
        focus = tuple(sorted(_id_list(focus_raw, "focus", catalogue.muscle_by_id, "muscle")))
    exercises = catalogue.exercise_by_id
    exclude = tuple(sorted(_id_list(values["exclude"], "exclude", exercises, "exercise")))
    prefer = tuple(sorted(_id_list(values["prefer"], "prefer", exercises, "exercise")))
    pins = parse_pins(values["pins"], catalogue)
    both = sorted(set(exclude) & set(prefer))
    if both:
        raise RequestError(
            f"prefer: {shown(both[0])} is also in exclude; an exercise cannot be both",
            field="prefer",
        )
    if not focus:
        raise RequestError("focus: the catalogue has no posterior-chain muscle groups")

    return Request(
        split_id=split_id,
        split_name=split_name,
        sessions=sessions,
        days=days,
        equipment=tuple(sorted(set(equipment) | {BODYWEIGHT})),
        level=level,
        minutes=minutes,
        weeks=weeks,
        start=start,
        focus=focus,
        focus_is_default=focus_is_default,
        exclude=exclude,
        prefer=prefer,
        pins=pins,
    )
