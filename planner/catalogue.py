"""The catalogue the planner works from: `catalogue.json` read into frozen dataclasses.

The generator writes catalogue.json from content/ (see ARCHITECTURE.md). The planner checks its
shape again here because the browser and the CLI may be handed any file, and a clear message
("exercises[3].sets: expected a whole number from 1 to 10") beats a KeyError deep in the search.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from planner.errors import CatalogueError, shown

LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
MECHANICS: tuple[str, ...] = ("compound", "isolation")
CHAINS: tuple[str, ...] = ("posterior", "anterior")
SIZES: tuple[str, ...] = ("large", "small")
RESISTANCES: tuple[str, ...] = ("weight", "band", "none")
EFFORTS: tuple[str, ...] = ("full", "gentle")
SPINAL_LOAD_COUNTS: tuple[str, ...] = ("half", "full")
OWNED: tuple[str, ...] = ("range", "single")
# The smallest step up of an item that names none: the smallest pair of plates most gyms have.
DEFAULT_LOAD_STEP_KG = 2.5
SPINAL_LOADS: tuple[str, ...] = ("light", "heavy")
TEMPOS: tuple[str, ...] = ("controlled", "ballistic")
REGIONS: tuple[str, ...] = ("upper", "lower")  # the regions the session skeletons know
BODYWEIGHT = "bodyweight"

# What a catalogue may hold. The file may come from anywhere (a fork, a hand-edited copy), so
# its sizes are checked before anything is built from it; the limits sit far above a real
# catalogue (13 muscle groups, 31 exercises) and match content/'s own rules where it has them.
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ID_MAX = 64
NAME_MAX = 200
TEXT_MAX = 2_000
MOST_ITEMS: dict[str, int] = {
    "muscles": 200,
    "equipment": 200,
    "session_types": 50,
    "splits": 200,
    "exercises": 20_000,
}
MOST_RULES = 50
MEMO_ENTRIES = 512
# Links in the plan are relative to the site, or plain web addresses: never javascript: or data:.
URL_PATTERN = re.compile(r"(https?://)?[A-Za-z0-9._~/#%?=&+:@!$,;-]*")


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    region: str
    chain: str
    description: str = ""
    size: str = "large"  # small groups get at most one exercise a session, placed last
    effort: str = "full"  # gentle: every set 2-3 reps short of failure at every level (the neck)
    # full: holds the spine straight in a heavy hinge (the lower back), so such a lift counts a
    # full set for it and trains it even where it only helps
    spinal_load_counts: str = "half"


@dataclass(frozen=True)
class Equipment:
    id: str
    name: str
    resistance: str = "none"  # weight | band | none: how an exercise using it progresses
    in_names: str = ""  # the word exercise names use for it: "Dumbbell" (row)
    makeshift: str = ""  # what serves in its place when you have none: "a sturdy couch or box"
    owned: str = "range"  # single: most people own one (a kettlebell), so no next one up
    load_step: str = ""  # the smallest step up in words: "about 2.5 kg on the bar"
    load_step_kg: float = DEFAULT_LOAD_STEP_KG


@dataclass(frozen=True)
class SessionType:
    id: str
    name: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Split:
    id: str
    name: str
    summary: str
    sessions: tuple[str, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Guidance:
    """The scheduling guidance from content/splits.yaml, which the rules follow.

    min_sessions_per_muscle: sessions a week with each focus group as a primary mover.
    rest_days_between_same_muscle: full days off before a group is a primary mover again.
    """

    min_sessions_per_muscle: int = 2
    rest_days_between_same_muscle: int = 1

    @property
    def rest_hours(self) -> int:
        """Hours from one session's day to the next session's day for the same group."""
        return 24 * (self.rest_days_between_same_muscle + 1)


@dataclass(frozen=True)
class StartDose:
    """A lower dose for the first weeks of an exercise that leaves unusual soreness."""

    sets: int
    reps_min: int
    reps_max: int
    weeks: int


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    url: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    pattern: str
    mechanics: str
    level: str
    equipment: tuple[str, ...]
    substitutes: tuple[str, ...]
    sets: int
    reps_min: int
    reps_max: int
    rest_min: int
    rest_max: int
    seconds_per_rep: int = 4
    spinal_load: str = "light"  # heavy: a loaded spine held bent forward
    tempo: str = "controlled"  # ballistic: done fast (a swing), so never "lower it slowly"
    gentle: bool = False  # it trains a group of gentle effort (the neck): never near failure
    # The groups a heavy spinal load trains in full (the lower back), whatever their part in it.
    held: tuple[str, ...] = ()
    start: StartDose | None = None
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()

    @property
    def level_rank(self) -> int:
        return LEVELS.index(self.level)


@dataclass(frozen=True)
class Catalogue:
    muscles: tuple[Muscle, ...]
    equipment: tuple[Equipment, ...]
    session_types: tuple[SessionType, ...]
    splits: tuple[Split, ...]
    exercises: tuple[Exercise, ...]
    guidance: Guidance = Guidance()
    # Lookup tables, derived from the tuples above; excluded from equality and hashing.
    muscle_by_id: Mapping[str, Muscle] = field(init=False, repr=False, compare=False)
    equipment_by_id: Mapping[str, Equipment] = field(init=False, repr=False, compare=False)
    session_type_by_id: Mapping[str, SessionType] = field(init=False, repr=False, compare=False)
    split_by_id: Mapping[str, Split] = field(init=False, repr=False, compare=False)
    exercise_by_id: Mapping[str, Exercise] = field(init=False, repr=False, compare=False)
    # What pure functions of the catalogue worked out once (see `remember`); never compared.
    memo: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "memo", {})
        object.__setattr__(self, "muscle_by_id", {m.id: m for m in self.muscles})
        object.__setattr__(self, "equipment_by_id", {e.id: e for e in self.equipment})
        object.__setattr__(self, "session_type_by_id", {t.id: t for t in self.session_types})
        object.__setattr__(self, "split_by_id", {s.id: s for s in self.splits})
        object.__setattr__(self, "exercise_by_id", {e.id: e for e in self.exercises})

    @classmethod
    def from_dict(cls, data: Any) -> Catalogue:
        """Read a catalogue.json object; raise CatalogueError naming the bad field."""
        return _read_catalogue(data)

    def remember(self, key: tuple, work: Callable[[], Any]) -> Any:
        """work(), computed once per key for this catalogue: a refusal's fixes plan the same
        person's request many times over, and with thousands of exercises the parts that do
        not change (who can do what) are most of the cost. Results must be immutable."""
        if key not in self.memo:
            if len(self.memo) >= MEMO_ENTRIES:
                self.memo.clear()  # a long-lived catalogue (a benchmark) stays bounded
            self.memo[key] = work()
        return self.memo[key]

    def posterior_muscles(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.muscles if m.chain == "posterior")

    def exercise_regions(self, exercise: Exercise) -> frozenset[str]:
        """The regions an exercise's primary movers belong to; a session must cover them all."""
        return frozenset(self.muscle_by_id[m].region for m in exercise.primary)


# --- reading ---------------------------------------------------------------------------------


def _fail(where: str, what: str) -> CatalogueError:
    return CatalogueError(f"catalogue: {where}: {what}", field=where)


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(where, f"expected an object, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _text(
    obj: Mapping[str, Any], key: str, where: str, *, required: bool = True, most: int = TEXT_MAX
) -> str:
    if key not in obj:
        if required:
            raise _fail(f"{where}.{key}", "missing")
        return ""
    value = obj[key]
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(f"{where}.{key}", f"expected non-empty text, got {_kind(value)}")
    if len(value) > most:
        raise _fail(f"{where}.{key}", f"expected at most {most:,} characters, got {len(value):,}")
    return value


def _name(obj: Mapping[str, Any], where: str) -> str:
    """A display name: it appears in sentences and calendar titles, so it stays on one line."""
    value = _text(obj, "name", where, most=NAME_MAX)
    if not value.isprintable():
        raise _fail(f"{where}.name", f"{shown(value)} holds a line break or control character")
    return value


def _id(value: str, where: str) -> str:
    if len(value) > ID_MAX or not ID_PATTERN.fullmatch(value):
        raise _fail(
            where,
            f"{shown(value)} is not an id: lower-case letters, digits and single hyphens, "
            f"up to {ID_MAX} characters",
        )
    return value


def _url(obj: Mapping[str, Any], where: str) -> str:
    value = _text(obj, "url", where, required=False)
    if not URL_PATTERN.fullmatch(value):
        raise _fail(
            f"{where}.url",
            f"{shown(value)} is not a link the plan can use: a path on the site such as "
            "exercises/romanian-deadlift/, or an http(s) address",
        )
    return value


def _texts(
    obj: Mapping[str, Any],
    key: str,
    where: str,
    *,
    required: bool = True,
    ids: bool = True,
    most: int = MOST_ITEMS["muscles"],
) -> tuple:
    """A list of ids (each once), or with ids=False a list of short texts."""
    if key not in obj:
        if required:
            raise _fail(f"{where}.{key}", "missing")
        return ()
    value = obj[key]
    what = "ids" if ids else "texts"
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(f"{where}.{key}", f"expected a list of {what}, got {_kind(value)}")
    if len(value) > most:
        raise _fail(f"{where}.{key}", f"expected at most {most:,} {what}, got {len(value):,}")
    for v in value:
        if len(v) > (ID_MAX if ids else TEXT_MAX):
            raise _fail(f"{where}.{key}", f"{shown(v)} is too long")
    if ids and len(set(value)) != len(value):
        twice = next(v for i, v in enumerate(value) if v in value[:i])
        raise _fail(f"{where}.{key}", f"{shown(twice)} appears twice")
    return tuple(value)


def _whole(obj: Mapping[str, Any], key: str, where: str, lo: int, hi: int, default=None) -> int:
    if key not in obj and default is not None:
        return default
    if key not in obj:
        raise _fail(f"{where}.{key}", "missing")
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _fail(
            f"{where}.{key}", f"expected a whole number from {lo} to {hi}, got {shown(value)}"
        )
    return value


def _amount(obj: Mapping[str, Any], key: str, where: str, lo: float, hi: float,
            default: float) -> float:
    if key not in obj:
        return default
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise _fail(f"{where}.{key}", f"expected a number from {lo:g} to {hi:g}, got "
                    f"{shown(value)}")
    return float(value)


def _choice(obj: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _text(obj, key, where)
    if value not in allowed:
        raise _fail(f"{where}.{key}", f"{shown(value)} is not one of {', '.join(allowed)}")
    return value


def _held(spinal_load: str, muscles, muscle_ids) -> tuple[str, ...]:
    """An exercise's groups that its heavy spinal load trains in full (`Exercise.held`)."""
    if spinal_load != "heavy":
        return ()
    return tuple(m for m in dict.fromkeys(muscles)
                 if m in muscle_ids and muscle_ids[m].spinal_load_counts == "full")


def _items(data: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
    if key not in data:
        raise _fail(key, "missing")
    value = data[key]
    if not isinstance(value, list):
        raise _fail(key, f"expected a list, got {_kind(value)}")
    if len(value) > MOST_ITEMS[key]:
        raise _fail(key, f"expected at most {MOST_ITEMS[key]:,} items, got {len(value):,}")
    out = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        obj = _object(item, where)
        ident = _id(_text(obj, "id", where), f"{where}.id")
        if ident in seen:
            raise _fail(f"{where}.id", f"{shown(ident)} appears twice")
        seen.add(ident)
        out.append((where, obj))
    return out


def _known(ids: tuple[str, ...], allowed: Mapping[str, Any], where: str, what: str) -> None:
    for ident in ids:
        if ident not in allowed:
            known = sorted(allowed)
            listed = ", ".join(known[:30]) + (
                f" and {len(known) - 30:,} more" if known[30:] else ""
            )
            raise _fail(where, f"unknown {what} {shown(ident)}; known: {listed}")


def _read_catalogue(data: Any) -> Catalogue:
    top = _object(data, "top level")
    version = top.get("version", 1)
    if version != 1:
        raise _fail("version", f"this planner reads catalogue version 1, got {shown(version)}")

    muscles = tuple(
        Muscle(
            id=obj["id"],
            name=_name(obj, where),
            region=_choice(obj, "region", where, REGIONS),
            chain=_choice(obj, "chain", where, CHAINS),
            description=_text(obj, "description", where, required=False),
            size=_choice(obj, "size", where, SIZES) if "size" in obj else "large",
            effort=_choice(obj, "effort", where, EFFORTS) if "effort" in obj else "full",
            spinal_load_counts=(
                _choice(obj, "spinal_load_counts", where, SPINAL_LOAD_COUNTS)
                if "spinal_load_counts" in obj else "half"
            ),
        )
        for where, obj in _items(top, "muscles")
    )
    muscle_ids = {m.id: m for m in muscles}
    regions = {m.region for m in muscles}

    equipment = tuple(
        Equipment(
            id=obj["id"],
            name=_name(obj, where),
            resistance=(
                _choice(obj, "resistance", where, RESISTANCES) if "resistance" in obj else "none"
            ),
            in_names=_text(obj, "in_names", where, required=False, most=NAME_MAX),
            makeshift=_text(obj, "makeshift", where, required=False, most=NAME_MAX),
            owned=_choice(obj, "owned", where, OWNED) if "owned" in obj else "range",
            load_step=_text(obj, "load_step", where, required=False, most=NAME_MAX),
            load_step_kg=_amount(obj, "load_step_kg", where, 0.25, 50.0, DEFAULT_LOAD_STEP_KG),
        )
        for where, obj in _items(top, "equipment")
    )
    equipment_ids = {e.id: e for e in equipment}
    equipment_ids.setdefault(BODYWEIGHT, Equipment(BODYWEIGHT, "Bodyweight"))

    session_types = []
    for where, obj in _items(top, "session_types"):
        st_regions = _texts(obj, "regions", where)
        _known(st_regions, {r: r for r in regions}, f"{where}.regions", "region")
        if not st_regions:
            raise _fail(f"{where}.regions", "needs at least one region")
        session_types.append(SessionType(obj["id"], _name(obj, where), st_regions))
    type_ids = {t.id: t for t in session_types}

    splits = []
    for where, obj in _items(top, "splits"):
        sessions = _texts(obj, "sessions", where, ids=False)
        _known(sessions, type_ids, f"{where}.sessions", "session type")
        if not 1 <= len(sessions) <= 7:
            raise _fail(f"{where}.sessions", "expected 1 to 7 sessions")
        splits.append(
            Split(
                id=obj["id"],
                name=_name(obj, where),
                summary=_text(obj, "summary", where, required=False),
                sessions=sessions,
                rules=_texts(obj, "rules", where, required=False, ids=False, most=MOST_RULES),
            )
        )

    exercises = []
    for where, obj in _items(top, "exercises"):
        name = _name(obj, where)
        primary = _texts(obj, "primary", where)
        if not primary:
            raise _fail(f"{where}.primary", "needs at least one primary muscle")
        secondary = _texts(obj, "secondary", where, required=False)
        _known(primary, muscle_ids, f"{where}.primary", "muscle")
        _known(secondary, muscle_ids, f"{where}.secondary", "muscle")
        gear = _texts(obj, "equipment", where, required=False) or (BODYWEIGHT,)
        subs = _texts(obj, "substitutes", where, required=False)
        _known(gear, equipment_ids, f"{where}.equipment", "equipment")
        _known(subs, equipment_ids, f"{where}.substitutes", "equipment")
        reps_min = _whole(obj, "reps_min", where, 1, 100)
        reps_max = _whole(obj, "reps_max", where, reps_min, 100)
        rest_min = _whole(obj, "rest_min", where, 0, 600)
        rest_max = _whole(obj, "rest_max", where, rest_min, 600)
        start = None
        if obj.get("start") is not None:
            sd = _object(obj["start"], f"{where}.start")
            s_min = _whole(sd, "reps_min", f"{where}.start", 1, 100)
            start = StartDose(
                sets=_whole(sd, "sets", f"{where}.start", 1, 10),
                reps_min=s_min,
                reps_max=_whole(sd, "reps_max", f"{where}.start", s_min, 100),
                weeks=_whole(sd, "weeks", f"{where}.start", 1, 8),
            )
        spinal_load = (_choice(obj, "spinal_load", where, SPINAL_LOADS)
                       if "spinal_load" in obj else "light")
        exercises.append(
            Exercise(
                id=obj["id"],
                name=name,
                url=_url(obj, where),
                primary=primary,
                secondary=tuple(m for m in secondary if m not in primary),
                pattern=_text(obj, "pattern", where, required=False) or "other",
                mechanics=_choice(obj, "mechanics", where, MECHANICS),
                level=_choice(obj, "level", where, LEVELS),
                equipment=gear,
                substitutes=subs,
                sets=_whole(obj, "sets", where, 1, 10),
                reps_min=reps_min,
                reps_max=reps_max,
                rest_min=rest_min,
                rest_max=rest_max,
                seconds_per_rep=_whole(obj, "seconds_per_rep", where, 1, 30, default=4),
                spinal_load=spinal_load,
                tempo=_choice(obj, "tempo", where, TEMPOS) if "tempo" in obj else "controlled",
                gentle=any(muscle_ids[m].effort == "gentle" for m in primary if m in muscle_ids),
                held=_held(spinal_load, primary + secondary, muscle_ids),
                start=start,
                easier=_texts(obj, "easier", where, required=False, most=MOST_ITEMS["exercises"]),
                harder=_texts(obj, "harder", where, required=False, most=MOST_ITEMS["exercises"]),
            )
        )

    guidance = Guidance()
    if top.get("guidance") is not None:
        obj = _object(top["guidance"], "guidance")
        guidance = Guidance(
            min_sessions_per_muscle=_whole(obj, "min_sessions_per_muscle", "guidance", 1, 7, 2),
            rest_days_between_same_muscle=_whole(
                obj, "rest_days_between_same_muscle", "guidance", 0, 3, 1
            ),
        )

    # Links to exercises the file does not hold (a trimmed catalogue) are dropped, not fatal.
    known = {e.id for e in exercises}
    exercises = [
        replace(
            e,
            easier=tuple(x for x in e.easier if x in known),
            harder=tuple(x for x in e.harder if x in known),
        )
        for e in exercises
    ]
    # Sorting by id makes every later step independent of the order the file happened to use.
    return Catalogue(
        muscles=tuple(sorted(muscles, key=lambda m: m.id)),
        equipment=tuple(sorted(equipment, key=lambda e: e.id)),
        session_types=tuple(sorted(session_types, key=lambda t: t.id)),
        splits=tuple(sorted(splits, key=lambda s: s.id)),
        exercises=tuple(sorted(exercises, key=lambda e: e.id)),
        guidance=guidance,
    )
