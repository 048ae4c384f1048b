"""The one definition of every content file's shape.

Everything that knows what a content file may hold reads it from here:

- the validator (`generator.content.validation`) walks a file against these specs and reports
  problems with their line and column;
- `json_schema()` turns a spec into the JSON Schema that editors use (committed in
  `content/schema/`, see `python -m generator schema`);
- the field reference on the Contributing page is rendered from the same specs.

A spec is a tree of small frozen dataclasses. An exercise file, for instance, starts like this:

    id: romanian-deadlift
    name: Romanian deadlift
    muscles:
      primary: [hamstrings, glutes]

and `EXERCISE` below says that `id` is a kebab-case id, `name` a short text and `muscles.primary`
a non-empty list of muscle ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.site.figures.joints import (
    ALL_RANGES,
    EXTRA_JOINTS,
    JOINT_RANGES,
    JOINTS,
    LIMB_JOINTS,
    PROPS,
    VIEWS,
)

# Up to 64 characters: ids travel in file names and in the planner's share links.
ID_MAX = 64
ID_PATTERN = rf"^(?=.{{1,{ID_MAX}}}$)[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Text:
    """A string; `max_length` keeps names short enough for tables and calendars."""

    max_length: int = 2000
    description: str = "text"


@dataclass(frozen=True)
class Id:
    """A kebab-case id: lower-case letters, digits and single hyphens."""

    description: str = "a kebab-case id such as `romanian-deadlift`"


@dataclass(frozen=True)
class Ref:
    """An id that must name something that exists elsewhere in the content."""

    target: str  # "muscle", "equipment", "exercise" or "session type"


@dataclass(frozen=True)
class Integer:
    minimum: int
    maximum: int


@dataclass(frozen=True)
class Number:
    minimum: float
    maximum: float


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: Spec
    min_items: int = 0
    unique: bool = False


@dataclass(frozen=True)
class Field:
    name: str
    spec: Spec
    required: bool = True
    doc: str = ""


@dataclass(frozen=True)
class Mapping:
    fields: tuple[Field, ...]
    # Pairs of field names whose values must satisfy low <= high (e.g. a rep range).
    ordered: tuple[str, str] | None = None

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


Spec = Text | Id | Ref | Integer | Number | Choice | ListOf | Mapping

PATTERNS = ("hinge", "bridge", "row", "pull", "raise", "fly", "extension", "shrug", "carry", "curl")
LEVELS = ("beginner", "intermediate", "advanced")
MECHANICS = ("compound", "isolation")
REGIONS = ("upper", "lower")
CHAINS = ("posterior", "anterior")
SIZES = ("large", "small")
SPINAL_LOADS = ("light", "heavy")
TEMPOS = ("controlled", "ballistic")
RESISTANCES = ("weight", "band", "none")
EFFORTS = ("full", "gentle")
SPINAL_LOAD_COUNTS = ("half", "full")
OWNED = ("range", "single")


def _range(minimum: int, maximum: int, doc: str) -> Mapping:
    return Mapping(
        fields=(
            Field("min", Integer(minimum, maximum), doc=f"lowest {doc}"),
            Field("max", Integer(minimum, maximum), doc=f"highest {doc}"),
        ),
        ordered=("min", "max"),
    )


_texts = ListOf(Text(500), min_items=1)
_exercise_refs = ListOf(Ref("exercise"), unique=True)

_LIMB = Mapping(
    tuple(Field(j, Integer(*ALL_RANGES[j]), required=False, doc=f"{j.replace('_', ' ')} angle")
          for j in LIMB_JOINTS)
)

POSE = Mapping(
    fields=(
        Field("name", Text(40), doc="what the pose is, e.g. `start`, `bottom`, `top`"),
        Field(
            "joints",
            Mapping(
                tuple(
                    Field(j, Integer(*JOINT_RANGES[j]), doc=f"{j} angle in degrees")
                    for j in JOINTS
                )
                + tuple(
                    Field(j, Integer(*ALL_RANGES[j]), required=False,
                          doc=f"{j.replace('_', ' ')} in degrees (default 0; front and rear "
                              "views)")
                    for j in EXTRA_JOINTS
                )
            ),
            doc="joint angles in degrees; see generator/site/figures/joints.py for their meaning",
        ),
        *(
            Field(side, _LIMB, required=False,
                  doc=f"angles of the {side} arm and leg where they differ from `joints` "
                      "(one-sided movements)")
            for side in ("left", "right")
        ),
    )
)

FIGURE = Mapping(
    fields=(
        Field("views", ListOf(Choice(VIEWS), min_items=1, unique=True), required=False,
              doc="the views the page shows, drawn from the same poses (default `[side]`); "
                  "add `front` or `rear` for movements out to the side or one-sided ones"),
        Field("props", ListOf(Choice(PROPS), unique=True), required=False,
              doc="equipment drawn with the figure"),
        Field("poses", ListOf(POSE, min_items=2), doc="key poses in order, at least start and end"),
    )
)

EXERCISE = Mapping(
    fields=(
        Field("id", Id(), doc="the exercise id; must equal the file name without `.yaml`"),
        Field("name", Text(80), doc="display name, sentence case"),
        Field("aliases", ListOf(Text(80), unique=True), required=False,
              doc="other names people search for"),
        Field("summary", Text(400), doc="one or two sentences: what it is and why do it"),
        Field(
            "muscles",
            Mapping(
                (
                    Field("primary", ListOf(Ref("muscle"), min_items=1, unique=True),
                          doc="muscle ids that do most of the work"),
                    Field("secondary", ListOf(Ref("muscle"), unique=True), required=False,
                          doc="muscle ids that assist or stabilise"),
                )
            ),
            doc="which muscle groups the exercise trains",
        ),
        Field("pattern", Choice(PATTERNS), doc="movement pattern"),
        Field("mechanics", Choice(MECHANICS), doc="compound (several joints) or isolation"),
        Field("level", Choice(LEVELS), doc="the level at which it is a sensible choice"),
        Field("spinal_load", Choice(SPINAL_LOADS), required=False,
              doc="`heavy` when a loaded spine is held bent forward (deadlift, RDL, good morning, "
                  "bent-over row): the planner then rests the lower back after it (default "
                  "`light`)"),
        Field("tempo", Choice(TEMPOS), required=False,
              doc="`ballistic` for a lift done fast, with momentum (the kettlebell swing): its "
                  "progression never asks for a slow lowering (default `controlled`)"),
        Field("equipment", ListOf(Ref("equipment"), min_items=1, unique=True),
              doc="equipment ids, all needed; use `[bodyweight]` for none"),
        Field("substitutes", ListOf(Ref("equipment"), unique=True), required=False,
              doc="equipment ids, any one of which can stand in for the whole list"),
        Field(
            "prescription",
            Mapping(
                (
                    Field("sets", Integer(1, 10), doc="working sets"),
                    Field("reps", _range(1, 100, "reps per set"), doc="rep range"),
                    Field("rest_seconds", _range(0, 600, "rest in seconds"),
                          doc="rest between sets"),
                    Field("seconds_per_rep", Integer(1, 20), required=False,
                          doc="time per rep for session timing (default 4)"),
                    Field(
                        "start",
                        Mapping(
                            (
                                Field("sets", Integer(1, 10), doc="working sets while starting"),
                                Field("reps", _range(1, 100, "reps per set while starting"),
                                      doc="rep range while starting"),
                                Field("weeks", Integer(1, 8),
                                      doc="weeks at this dose, once a week, before the full one"),
                            )
                        ),
                        required=False,
                        doc="a lower starting dose for exercises that leave unusual soreness "
                            "(e.g. Nordic curls): the planner uses it once a week for the "
                            "first weeks",
                    ),
                )
            ),
            doc="sets, reps and rest",
        ),
        Field("steps", _texts, doc="how to do one rep, in order"),
        Field(
            "cues",
            Mapping(
                (
                    Field("do", _texts, doc="form cues to follow"),
                    Field("dont", _texts, doc="things to avoid"),
                )
            ),
            doc="short form cues",
        ),
        Field("mistakes", _texts, doc="common mistakes and their fix"),
        Field("safety", _texts, doc="safety notes"),
        Field(
            "links",
            Mapping(
                (
                    Field("variations", _exercise_refs, required=False,
                          doc="exercise ids of similar exercises"),
                    Field("easier", _exercise_refs, required=False,
                          doc="exercise ids to regress to"),
                    Field("harder", _exercise_refs, required=False,
                          doc="exercise ids to progress to"),
                )
            ),
            required=False,
            doc="related exercises by id",
        ),
        Field("figure", FIGURE, required=False,
              doc="movement figure (side view, and front or rear views if asked); without it "
                  "the page shows a placeholder"),
        Field(
            "source",
            Mapping(
                (
                    Field("name", Text(200), doc="where the text came from"),
                    Field("url", Text(500), required=False, doc="address of the source"),
                    Field("license", Text(200), doc="licence of the source"),
                    Field("id", Text(200), required=False, doc="the record id in the source"),
                )
            ),
            required=False,
            doc="provenance of imported exercises",
        ),
    )
)


def _records(key: str, fields: tuple[Field, ...], doc: str) -> Mapping:
    """A file holding one non-empty list of records under `key` (muscles.yaml, equipment.yaml)."""
    return Mapping(fields=(Field(key, ListOf(Mapping(fields), min_items=1), doc=doc),))


MUSCLES = _records(
    "muscles",
    (
        Field("id", Id(), doc="muscle group id"),
        Field("name", Text(80), doc="display name"),
        Field("aliases", ListOf(Text(80), unique=True), required=False,
              doc="other names"),
        Field("region", Choice(REGIONS), doc="upper or lower body"),
        Field("chain", Choice(CHAINS), doc="posterior (back) or anterior (front)"),
        Field("size", Choice(SIZES), required=False,
              doc="`small` groups (calves, neck, rear delts) get at most one "
                  "exercise a session and come last (default `large`)"),
        Field("effort", Choice(EFFORTS), required=False,
              doc="`gentle` keeps every set 2-3 reps short of failure at every level, as for "
                  "the neck, where a grinding last rep is a strain risk (default `full`: the "
                  "level's effort)"),
        Field("spinal_load_counts", Choice(SPINAL_LOAD_COUNTS), required=False,
              doc="`full` for the group that holds the spine straight in a heavy hinge or "
                  "bent-over lift (the lower back): an exercise with `spinal_load: heavy` counts "
                  "a full set for it, and trains it for the twice-a-week rule, even where it "
                  "only helps; and a session has one such lift (default `half`: a helper's half "
                  "set)"),
        Field("description", Text(600), doc="what the muscle group does"),
    ),
    doc="the muscle groups",
)

EQUIPMENT = _records(
    "equipment",
    (
        Field("id", Id(), doc="equipment id"),
        Field("name", Text(80), doc="display name"),
        Field("in_names", Text(30), required=False,
              doc="the word exercise names use for it (`Dumbbell` in \"Dumbbell row\"): a plan "
                  "that does the barbell row with dumbbells calls it the dumbbell row"),
        Field("makeshift", Text(60), required=False,
              doc="what serves in its place when you have none (`a sturdy couch or box` for "
                  "a bench), for an item with no resistance: exercises that need it are planned "
                  "for people who do not own it, and the plan says to use the makeshift"),
        Field("owned", Choice(OWNED), required=False,
              doc="how people own it: `single` for an item most own one of (a kettlebell: no "
                  "lighter one to warm up with, maybe no heavier one to move up to, so the "
                  "plan says what to do instead) or `range` (default: plates, a rack of "
                  "dumbbells)"),
        Field("load_step", Text(80), required=False,
              doc="the smallest step up it allows, in words for the progression rule (`about "
                  "2.5 kg on the bar`)"),
        Field("load_step_kg", Number(0.25, 50), required=False,
              doc="the same step in kilograms, for the next targets' loads (default 2.5)"),
        Field("resistance", Choice(RESISTANCES), required=False,
              doc="what the item adds: `weight` (progress by load), `band` "
                  "(progress to a stronger band) or `none` (default)"),
        Field("description", Text(400), required=False, doc="what it is"),
    ),
    doc="equipment items",
)

SPLITS = Mapping(
    fields=(
        Field(
            "session_types",
            ListOf(
                Mapping(
                    (
                        Field("id", Id(), doc="session type id"),
                        Field("name", Text(80), doc="display name"),
                        Field("regions", ListOf(Choice(REGIONS), min_items=1, unique=True),
                              doc="body regions the session trains"),
                        Field("description", Text(400), required=False, doc="what it is"),
                    )
                ),
                min_items=1,
            ),
            doc="kinds of workout",
        ),
        Field(
            "splits",
            ListOf(
                Mapping(
                    (
                        Field("id", Id(), doc="split id"),
                        Field("name", Text(80), doc="display name"),
                        Field("summary", Text(400), doc="one sentence"),
                        Field("sessions", ListOf(Ref("session type"), min_items=1),
                              doc="session type ids, in order"),
                        Field("rules", _texts, doc="rules that go with the split"),
                    )
                ),
                min_items=1,
            ),
            doc="weekly schedule options",
        ),
        Field(
            "guidance",
            Mapping(
                (
                    Field("min_sessions_per_muscle", Integer(1, 7),
                          doc="sessions a week each muscle group needs"),
                    Field("rest_days_between_same_muscle", Integer(0, 3),
                          doc="rest days before the same muscle is trained again"),
                )
            ),
            required=False,
            doc="weekly rules of thumb",
        ),
    )
)

# File kind -> spec; the validator picks the spec by where the file lives.
KINDS: dict[str, Mapping] = {
    "exercise": EXERCISE,
    "muscles": MUSCLES,
    "equipment": EQUIPMENT,
    "splits": SPLITS,
}


# --- JSON Schema -------------------------------------------------------------------------------


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for one content file kind."""
    schema = _to_json_schema(KINDS[kind])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://backchain.invalid/schema/{kind}.schema.json",
        "title": f"Backchain {kind} file",
        "description": "Generated from generator/content/schema.py by "
        "`python -m generator schema`; do not edit by hand.",
        **schema,
    }


def _to_json_schema(spec: Spec, doc: str = "") -> dict[str, Any]:
    out: dict[str, Any]
    match spec:
        case Text(max_length=n):
            out = {"type": "string", "minLength": 1, "maxLength": n}
        case Id() | Ref():
            out = {"type": "string", "pattern": ID_PATTERN}
        case Integer(minimum=lo, maximum=hi):
            out = {"type": "integer", "minimum": lo, "maximum": hi}
        case Number(minimum=lo, maximum=hi):
            out = {"type": "number", "minimum": lo, "maximum": hi}
        case Choice(values=values):
            out = {"enum": list(values)}
        case ListOf(item=item, min_items=n, unique=unique):
            out = {"type": "array", "items": _to_json_schema(item)}
            if n:
                out["minItems"] = n
            if unique:
                out["uniqueItems"] = True
        case Mapping(fields=fields):
            out = {
                "type": "object",
                "properties": {f.name: _to_json_schema(f.spec, f.doc) for f in fields},
                "required": [f.name for f in fields if f.required],
                "additionalProperties": False,
            }
        case _:  # pragma: no cover - a new Spec type must be added above
            raise TypeError(f"unknown spec {spec!r}")
    if doc:
        out = {"description": doc, **out}
    return out


# --- Field reference -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    """One line of the field reference table on the Contributing page."""

    path: str
    required: bool
    allowed: str
    doc: str
    children: tuple[FieldRow, ...] = field(default=())


def describe(spec: Spec) -> str:
    """Plain words for what a spec allows, used in messages and the field reference."""
    match spec:
        case Text(max_length=n):
            return f"text (up to {n} characters)"
        case Id():
            return f"a kebab-case id (lower-case letters, digits, hyphens; up to {ID_MAX})"
        case Ref(target=t):
            return f"a {t} id"
        case Integer(minimum=lo, maximum=hi):
            return f"a whole number from {lo} to {hi}"
        case Number(minimum=lo, maximum=hi):
            return f"a number from {lo} to {hi}"
        case Choice(values=values):
            return "one of " + ", ".join(values)
        case ListOf(item=item, min_items=n):
            if n == 1:
                return f"a non-empty list of {_describe_many(item)}"
            least = f"at least {n} " if n else ""
            return f"a list of {least}{_describe_many(item)}"
        case Mapping(fields=fields):
            return "a mapping with " + ", ".join(f.name for f in fields)
    raise TypeError(f"unknown spec {spec!r}")  # pragma: no cover


def _describe_many(spec: Spec) -> str:
    """`describe` for the items of a list, in the plural."""
    match spec:
        case Text(max_length=n):
            return f"texts (each up to {n} characters)"
        case Id():
            return "kebab-case ids"
        case Ref(target=t):
            return f"{t} ids"
        case Integer(minimum=lo, maximum=hi):
            return f"whole numbers from {lo} to {hi}"
        case Number(minimum=lo, maximum=hi):
            return f"numbers from {lo} to {hi}"
        case Choice(values=values):
            return "values from " + ", ".join(values)
        case ListOf() | Mapping():
            return describe(spec).removeprefix("a ").replace("list", "lists", 1).replace(
                "mapping", "mappings", 1)
    raise TypeError(f"unknown spec {spec!r}")  # pragma: no cover


def field_reference(kind: str) -> list[FieldRow]:
    """Flattened rows (`muscles.primary`, `prescription.reps.min`, …) for one file kind."""
    return list(_rows(KINDS[kind], ""))


def _rows(spec: Mapping, prefix: str):
    for f in spec.fields:
        path = f"{prefix}{f.name}"
        inner = f.spec.item if isinstance(f.spec, ListOf) else f.spec
        if isinstance(inner, Mapping):
            allowed = "a list of mappings" if isinstance(f.spec, ListOf) else "a mapping"
            yield FieldRow(path, f.required, allowed, f.doc)
            yield from _rows(inner, path + ("[]." if isinstance(f.spec, ListOf) else "."))
        else:
            yield FieldRow(path, f.required, describe(f.spec), f.doc)
