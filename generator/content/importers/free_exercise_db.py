"""Records in the format of free-exercise-db (public domain, the Unlicense).

free-exercise-db (https://github.com/yuhonas/free-exercise-db) is a JSON list of about 870
exercises with the fields `id`, `name`, `force`, `level`, `mechanic`, `equipment`,
`primaryMuscles`, `secondaryMuscles`, `instructions`, `category` and `images`. This module turns
each record into a Backchain exercise file:

    python -m generator import free-exercise-db exercises.json [--content DIR] [--dry-run]

Their vocabulary is mapped onto ours by the tables below, which are the whole of the mapping:
read them to see why a record was skipped or a muscle dropped, and edit them (not the code) to
change a decision. A mapping to an id that the content does not define counts as unmapped, so a
fork that renames its muscles gets a report rather than invalid files.

What the database does not have is filled in and flagged in the file's header comment: a
summary built from the mapped fields, the prescription below, and general cues, mistakes and
safety notes that the contributor should replace with exercise-specific ones. Their
`instructions` become our `steps` as they are (the licence allows it); the source, its licence
and the record id go into `source:`.
"""

from __future__ import annotations

import io
import json
import re
import sys
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content import schema as S
from generator.content.formatting import format_text
from generator.content.importers import names as near_names
from generator.content.loading import load_yaml, to_plain, yaml_rt
from generator.content.problems import ContentError
from generator.content.scaffold import slugify
from generator.paths import ROOT

NAME = "free-exercise-db"

SOURCE = {
    "name": "free-exercise-db",
    "url": "https://github.com/yuhonas/free-exercise-db",
    "license": "The Unlicense (public domain)",
}

# --- the mapping tables ------------------------------------------------------------------------

# Their muscle names -> our muscle ids (content/muscles.yaml). None: we have no such group; the
# muscle is dropped from the exercise and named in the report.
MUSCLES: dict[str, str | None] = {
    "abdominals": "core",
    "abductors": "glutes",  # the hip abductors are mostly gluteus medius and minimus
    "adductors": None,  # inner thigh: not a group we track
    "biceps": "biceps",
    "calves": "calves",
    "chest": None,
    "forearms": "forearms",
    "glutes": "glutes",
    "hamstrings": "hamstrings",
    "lats": "lats",
    "lower back": "erector-spinae",
    "middle back": "mid-back",  # rhomboids, middle and lower traps
    "neck": "neck",
    "quadriceps": "quads",
    "shoulders": None,  # all three deltoid heads; see REAR_DELT_WORK for when it is rear-delts
    "traps": "mid-back",  # outside a shrug, the traps' work is the middle and lower part's
    "triceps": None,
}

# Muscles that map differently in one movement pattern: in a shrug the traps are the upper traps.
MUSCLES_BY_PATTERN: dict[str, dict[str, str]] = {
    "shrug": {"traps": "upper-traps"},
}

# "shoulders" means the rear delts only in exercises whose name says the arms move out and back:
# flies, reverse flies, face pulls, pull-aparts and rear-delt rows and raises. In every other
# record (upright rows, lateral raises, cleans, snatches, pulldowns) the front and side heads do
# the work, which are not posterior-chain muscles; there "shoulders" is left out and reported.
REAR_DELT_WORK = (r"fl(y|ye|ies|yes)|face[- ]?pulls?|pull[- ]?aparts?|rear[- ]delts?|"
                  r"rear[- ]laterals?")
# A lateral raise done bent over or lying chest down is a rear-delt fly, whatever its name.
LATERAL_RAISE = r"laterals?( raises?)?|deltoid raises?"
BENT_OVER = (r"bent[- ]over|bend (forward|over)|chest down|chest-down|face ?down|"
             r"torso (is )?(parallel|resting) (to|on)")

# Patterns whose exercises always work the mid-back (rows squeeze the shoulder blades together),
# which free-exercise-db often files under "lats" alone.
MID_BACK_PATTERNS = ("row",)

# Their equipment -> our equipment ids (content/equipment.yaml). None: nothing of ours fits; the
# record is skipped unless EQUIPMENT_IN_NAME finds what it needs ("other" often hides a bar).
EQUIPMENT: dict[str | None, str | None] = {
    None: "bodyweight",  # the database leaves equipment empty when an exercise needs none
    "body only": "bodyweight",
    "barbell": "barbell",
    "dumbbell": "dumbbells",
    "kettlebells": "kettlebell",
    "bands": "band",
    "cable": "cable",
    "machine": "machine",
    "e-z curl bar": "barbell",  # a short bent barbell; a straight bar does the same job
    "medicine ball": None,
    "exercise ball": None,
    "foam roll": None,
    "other": None,
}

# Words in an exercise's name that reveal equipment its `equipment` field leaves out. Read in the
# name up to "no" or "without" ("Hyperextensions With No Hyperextension Bench" needs no bench).
EQUIPMENT_IN_NAME: tuple[tuple[str, str], ...] = (
    (r"pull[- ]?ups?|chin[- ]?ups?|chins|chin$|muscle[ -]ups?", "pull-up-bar"),
    (r"bench", "bench"),
)
# Words in the instructions that say what "other" equipment is, when the name does not.
EQUIPMENT_IN_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    (r"hyperextension bench|roman chair|back extension bench", "back-extension-bench"),
    (r"calf raise machine|calf machine", "machine"),
    (r"pull-?up bar|chin-?up bar|chinning bar", "pull-up-bar"),
)

# Categories that cannot become a sets-reps-rest exercise, with the reason shown in the report.
SKIPPED_CATEGORIES: dict[str, str] = {
    "stretching": "Backchain plans sets of reps with rest, not held stretches",
    "cardio": "cardio is timed by distance or minutes, not by sets of reps",
    "plyometrics": "jumps and sprint drills are coached and timed differently from sets of reps",
}

# Name words for movements Backchain has no pattern for -> the movement, named in the reason.
FOREIGN_MOVEMENTS: tuple[tuple[str, str], ...] = (
    (r"squats?", "squat"),
    (r"lunges?", "lunge"),
    (r"step-?ups?", "step-up"),
    (r"press(es)?", "press"),
    (r"push-?ups?|pushups?", "push-up"),
    (r"dips?", "dip"),
    (r"sit-?ups?", "sit-up"),
    (r"crunch(es)?", "crunch"),
)


@dataclass(frozen=True)
class SkipRule:
    """Records that the defaults would get wrong, told by name, instructions or `force`.

    A record matches when any of `name`, `instructions` (regular expressions, case ignored) or
    `force` matches, unless `unless` matches its name and instructions together. With `muscle`,
    only records that list that muscle (primary or secondary) can match.
    """

    label: str  # the group in the report's count of skip reasons
    reason: str
    name: str | None = None
    instructions: str | None = None
    force: str | None = None
    unless: str | None = None
    muscle: str | None = None


# Tried in order; the first that matches skips the record with its reason.
SKIP_RULES: tuple[SkipRule, ...] = (
    SkipRule(
        "resisted by a partner",
        "a partner's hands are the resistance, which a load and a rep range cannot describe",
        name=r"manual",
        instructions=r"partner[^.]*\bresist|resist[^.]*\bpartner|partner[^.]*pressure"),
    SkipRule(
        "an isometric hold",
        "an isometric hold is dosed in seconds held, not in reps, and progresses by holding "
        "longer rather than by adding weight",
        name=r"isometric|planks?|holds?|static|wall sits?",
        instructions=r"\bhold[^.]{0,40}\bfor \d+(\s*(-|to)\s*\d+)? (seconds|minutes)|"
                     r"fail in \d+",
        force="static"),
    SkipRule(
        "a ballistic lift",
        "a ballistic lift (clean, snatch, jerk, high pull or swing) is coached for speed in "
        "short sets; the general 3 × 10–12 prescription and \"move under control\" cues would be "
        "wrong for it",
        name=r"cleans?(?! deadlift)|snatch(es)?(?! deadlift)|jerks?|high[- ]pulls?|swings?"),
    SkipRule(
        "side-delt work",
        "an upright row or lateral raise works the sides of the shoulders (the side delts), "
        "which are not posterior-chain muscles",
        name=rf"upright rows?|{LATERAL_RAISE}",
        instructions=r"sides? of (your|the) shoulders?|side shoulders?|side delts?|"
                     r"lateral delt|medial delt",
        muscle="shoulders",
        unless=rf"\b({REAR_DELT_WORK})\b|(\b({LATERAL_RAISE})\b[\s\S]*\b({BENT_OVER})\b)|"
               rf"(\b({BENT_OVER})\b[\s\S]*\b({LATERAL_RAISE})\b)"),
    SkipRule(
        "a hip abduction",
        "a hip abduction (legs pushed apart against a band or machine): Backchain has no "
        "hip-abduction pattern",
        name=r"monster walks?|band walks?|lateral walks?|side[- ]steps?|abduct(ion|ors?)|"
             r"clam(shell)?s?|fire hydrants?"),
    SkipRule(
        "a glute kickback",
        "a glute kickback (one leg swung back, standing or on all fours) is a hip extension "
        "none of our patterns describes: a bridge lifts the hips, an extension the trunk",
        name=r"kick-?backs?|leg lifts?|hip extensions? with bands?",
        muscle="glutes"),
)

# Name words -> our movement pattern, tried in order (the database has no pattern field).
PATTERN_IN_NAME: tuple[tuple[str, str], ...] = (
    (r"glute[- ]?ham raises?|ghr", "curl"),  # the knees bend: a hamstring curl, not a raise
    (r"rack pulls?|pull[- ]?throughs?", "hinge"),
    (r"shrugs?", "shrug"),
    (r"curls?", "curl"),
    (rf"rear[- ]delt raises?|rear laterals?( raises?)?|{LATERAL_RAISE}|pull[- ]?aparts?", "fly"),
    (r"face[- ]?pulls?", "row"),
    (r"raises?", "raise"),
    (r"fl(y|ye|ies|yes)", "fly"),
    (r"rows?", "row"),
    (r"pull[- ]?ups?|chin[- ]?ups?|chins|chin$|pull[- ]?downs?|muscle[ -]ups?|pullovers?", "pull"),
    (r"deadlifts?|good mornings?|hinges?|rdl", "hinge"),
    (r"bridges?|thrusts?", "bridge"),
    (r"(hyper)?extensions?|supermans?|flutter kicks?", "extension"),
    (r"carry|carries|farmer'?s? walks?|suitcase walks?", "carry"),
)
# Instructions that describe the movement when the name does not.
PATTERN_IN_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    (r"(on your back|lay down|lie down|feet flat on the floor)[\s\S]*"
     r"\b(raise|lift|drive|push|thrust)\b[^.]{0,30}\b(hips|pelvis|glutes|butt)\b", "bridge"),
)

# When neither says anything, the pattern that usually trains their primary muscle. Glutes have
# none: a glute exercise may be a bridge, a kickback or an abduction, and guessing misfiles it.
PATTERN_BY_MUSCLE: dict[str, str] = {
    "hamstrings": "hinge",
    "lower back": "extension",
    "lats": "pull",
    "middle back": "row",
    "traps": "shrug",
    "calves": "raise",
    "neck": "extension",
}

LEVELS: dict[str, str] = {"beginner": "beginner", "intermediate": "intermediate",
                          "expert": "advanced"}

# Starting prescriptions: the seed article's 3 sets of 10-12 reps, with the rests our own
# exercises use for multi-joint and single-joint work.
PRESCRIPTIONS: dict[str, dict[str, Any]] = {
    "compound": {"sets": 3, "reps": {"min": 10, "max": 12}, "rest_seconds": {"min": 60, "max": 90}},
    "isolation": {"sets": 3, "reps": {"min": 10, "max": 12},
                  "rest_seconds": {"min": 45, "max": 60}},
}

# General text for the fields the database lacks; the header comment asks for specific ones.
GENERAL_TEXT: dict[str, list[str]] = {
    "do": ["Move under control both on the way up and on the way down.",
           "Keep the back position you set in the first step for the whole set."],
    "dont": ["Don't swing or bounce to finish a rep; lighten the load instead."],
    "mistakes": ["Choosing a load so heavy that the last reps lose their form; pick one you can "
                 "move cleanly for every rep of every set."],
    "safety": ["Start light while you learn the movement, and stop the set if you feel sharp pain "
               "rather than muscle effort."],
}

HEADER = (
    'Imported from free-exercise-db (public domain, the Unlicense), record "{record_id}", by '
    "`python -m generator import free-exercise-db`. The steps are that project's text. The "
    "summary, prescription, cues, mistakes and safety notes are general defaults: replace them "
    "with ones specific to this exercise, and add links and a figure, before you rely on this page."
)

_REQUIRED = ("id", "name", "primaryMuscles", "instructions")
ALREADY_THERE = "already in the content (the same name, or nearly)"
_STEP_LIMIT = 500


# --- converting one record ------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """What the content already has, which a record is mapped onto and checked against."""

    muscles: dict[str, dict]  # id -> muscle (with name and chain)
    equipment: frozenset[str]
    exercise_ids: frozenset[str]
    exercise_names: dict[str, str]  # lower-cased name or alias -> exercise id
    # names.normalise(id, name or alias) -> (exercise id, the name or alias it came from)
    near_names: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    record_id: str
    exercise: dict
    unmapped: tuple[str, ...] = ()  # e.g. 'muscle "chest"'


@dataclass(frozen=True)
class Skipped:
    record_id: str
    name: str
    reason: str
    unmapped: tuple[str, ...] = ()
    label: str = ""  # the reason's group in the report's count; the reason itself when empty


def convert(record: Any, known: Known) -> Converted | Skipped:
    """One free-exercise-db record as a Backchain exercise, or why it cannot be one."""
    if not isinstance(record, dict):
        return Skipped("?", "?", "not a record (expected a JSON object)")
    record_id, name = str(record.get("id", "?")), str(record.get("name", "?"))

    def skip(reason: str, unmapped: Iterable[str] = (), label: str = "") -> Skipped:
        return Skipped(record_id, name, reason, tuple(unmapped), label)

    missing = [k for k in _REQUIRED if not record.get(k)]
    if missing:
        return skip("missing " + ", ".join(missing), label="missing a required field")
    category = record.get("category")
    if category in SKIPPED_CATEGORIES:
        return skip(f'category "{category}": {SKIPPED_CATEGORIES[category]}')
    for words, movement in FOREIGN_MOVEMENTS:
        if _says(words, name):
            return skip(f"{_a(movement)}: Backchain has no such movement pattern "
                        f"(patterns: {', '.join(S.PATTERNS)})",
                        label=f"{_a(movement)}: no such movement pattern")
    duplicate = _duplicate(name, known)
    if duplicate:
        return skip(duplicate, label=ALREADY_THERE)
    instructions = " ".join(str(t) for t in record["instructions"]
                            if isinstance(record["instructions"], list))
    muscles = [m for key in ("primaryMuscles", "secondaryMuscles")
               for m in (record.get(key) if isinstance(record.get(key), list) else [])]
    for rule in SKIP_RULES:
        if _matches(rule, name, instructions, record.get("force"), muscles):
            return skip(rule.reason, label=rule.label)

    unmapped: list[str] = []
    pattern = _pattern(name, instructions, record["primaryMuscles"])
    rear_delts = _rear_delt_work(name, instructions)
    primary = _muscles(record["primaryMuscles"], known, pattern, rear_delts, unmapped)
    secondary = [m for m in _muscles(record.get("secondaryMuscles") or [], known, pattern,
                                     rear_delts, unmapped) if m not in primary]
    if not primary:
        return skip("none of its primary muscles maps onto ours", unmapped)
    if not any(known.muscles[m]["chain"] == "posterior" for m in primary):
        return skip("its primary muscles are not posterior-chain muscles", unmapped)
    if pattern in MID_BACK_PATTERNS and "mid-back" in known.muscles \
            and "mid-back" not in primary + secondary:
        secondary.append("mid-back")

    equipment = _equipment(record.get("equipment"), name, instructions, known, unmapped)
    if equipment is None:
        return skip(f'equipment "{record.get("equipment")}" has no match among ours', unmapped,
                    label="equipment with no match among ours")

    if pattern is None:
        return skip("no movement pattern could be told from its name, instructions or muscles",
                    unmapped)
    level = LEVELS.get(str(record.get("level")))
    if level is None:
        return skip(f'level "{record.get("level")}" is not one of {", ".join(LEVELS)}', unmapped,
                    label="a level we do not have")
    mechanics = record.get("mechanic")
    if mechanics not in S.MECHANICS:  # null in the database: judge by how many muscles work
        mechanics = "compound" if secondary else "isolation"

    steps = _steps(record["instructions"])
    if not steps:
        return skip("its instructions are empty", unmapped)

    exercise_id = slugify(name)
    display = _sentence_case(name)
    if not exercise_id:
        return skip("its name has no letters or digits to make an id from", unmapped)
    if len(display) > 80:
        return skip("its name is longer than 80 characters", unmapped)

    muscle_names = [known.muscles[m]["name"] for m in primary]
    summary = (f"{_a(level).capitalize()} {mechanics} {pattern} exercise for the "
               f"{_join(muscle_names).lower()}, imported from free-exercise-db.")
    exercise = {
        "id": exercise_id,
        "name": display,
        "summary": summary,
        "muscles": {"primary": primary, "secondary": secondary},
        "pattern": pattern,
        "mechanics": mechanics,
        "level": level,
        "equipment": equipment,
        "prescription": PRESCRIPTIONS[mechanics],
        "steps": steps,
        "cues": {"do": GENERAL_TEXT["do"], "dont": GENERAL_TEXT["dont"]},
        "mistakes": GENERAL_TEXT["mistakes"],
        "safety": GENERAL_TEXT["safety"],
        "source": {**SOURCE, "id": record_id},
    }
    if not secondary:
        del exercise["muscles"]["secondary"]
    return Converted(record_id, exercise, tuple(unmapped))


def _says(words: str, text: str) -> bool:
    """Whether `text` has one of the alternatives in `words` as whole words (case ignored)."""
    return re.search(rf"\b({words})\b", text, re.IGNORECASE) is not None


def _matches(rule: SkipRule, name: str, instructions: str, force: Any,
             muscles: list[str]) -> bool:
    if rule.muscle is not None and rule.muscle not in muscles:
        return False
    hit = ((rule.name is not None and _says(rule.name, name))
           or (rule.instructions is not None
               and re.search(rule.instructions, instructions, re.IGNORECASE) is not None)
           or (rule.force is not None and force == rule.force))
    if hit and rule.unless:
        return re.search(rule.unless, f"{name}\n{instructions}", re.IGNORECASE) is None
    return hit


def _rear_delt_work(name: str, instructions: str) -> bool:
    """Whether "shoulders" in this record means the rear delts (see REAR_DELT_WORK)."""
    return _says(REAR_DELT_WORK, name) or (
        _says(LATERAL_RAISE, name) and _says(BENT_OVER, f"{name}\n{instructions}"))


def _duplicate(name: str, known: Known) -> str | None:
    """Why the content already has this exercise, if it does."""
    exercise_id = slugify(name)
    if exercise_id in known.exercise_ids:
        return f"content/exercises/{exercise_id}.yaml already exists"
    display = _sentence_case(name)
    clash = known.exercise_names.get(display.lower())
    if clash:
        return f'"{display}" is already the name of content/exercises/{clash}.yaml'
    for key in near_names.candidates(name):
        if key in known.near_names:
            ours, as_named = known.near_names[key]
            return (f'a near-duplicate of content/exercises/{ours}.yaml: "{name}" reads as '
                    f'"{as_named}" once case, punctuation, plurals and aliases are set aside')
    return None


def _muscles(names: Any, known: Known, pattern: str | None, rear_delts: bool,
             unmapped: list[str]) -> list[str]:
    out: list[str] = []
    by_pattern = MUSCLES_BY_PATTERN.get(pattern or "", {})
    for theirs in names if isinstance(names, list) else []:
        if theirs == "shoulders" and rear_delts:
            ours: str | None = "rear-delts"
        else:
            ours = by_pattern.get(theirs) or MUSCLES.get(theirs)
        if ours is None or ours not in known.muscles:
            why = "" if theirs in MUSCLES else " (not in the mapping table)"
            unmapped.append(f'muscle "{theirs}"{why}')
        elif ours not in out:
            out.append(ours)
    return out


def _equipment(theirs: Any, name: str, instructions: str, known: Known,
               unmapped: list[str]) -> list[str] | None:
    named = re.split(r"\b(no|without)\b", name, maxsplit=1, flags=re.IGNORECASE)[0]
    from_name = [ours for words, ours in EQUIPMENT_IN_NAME
                 if _says(words, named) and ours in known.equipment]
    ours = EQUIPMENT.get(theirs)
    if ours is None or ours not in known.equipment:
        unmapped.append(f'equipment "{theirs}"')
        if theirs == "other":
            from_name += [ours for words, ours in EQUIPMENT_IN_INSTRUCTIONS
                          if _says(words, instructions) and ours in known.equipment
                          and ours not in from_name]
        if theirs != "other" or not from_name:
            return None
        ours = None
    items = ([ours] if ours else []) + [e for e in from_name if e != ours]
    if len(items) > 1 and "bodyweight" in items:
        items.remove("bodyweight")  # a bar or bench is the equipment; the body always comes
    return items


def _pattern(name: str, instructions: str, primary: list[str]) -> str | None:
    for words, pattern in PATTERN_IN_NAME:
        if _says(words, name):
            return pattern
    for words, pattern in PATTERN_IN_INSTRUCTIONS:
        if re.search(words, instructions, re.IGNORECASE):
            return pattern
    return next((PATTERN_BY_MUSCLE[m] for m in primary if m in PATTERN_BY_MUSCLE), None)


def _steps(instructions: Any) -> list[str]:
    """Their instruction strings as steps, long ones split between sentences."""
    steps: list[str] = []
    for text in instructions if isinstance(instructions, list) else []:
        text = " ".join(str(text).split())
        while len(text) > _STEP_LIMIT:
            cut = text.rfind(". ", 0, _STEP_LIMIT)
            cut = cut + 1 if cut > 0 else text.rfind(" ", 0, _STEP_LIMIT)
            steps.append(text[:cut].strip())
            text = text[cut:].strip()
        if text:
            steps.append(text)
    return steps


def _sentence_case(name: str) -> str:
    """'Barbell Glute Bridge' -> 'Barbell glute bridge'; acronyms such as 'SMR' keep capitals."""
    words = " ".join(name.split()).split(" ")

    def lower(word: str) -> str:
        capitals = sum(ch.isupper() for ch in word)
        return word if capitals > 1 and "-" not in word else word.lower()

    text = " ".join(lower(w) for w in words)
    return text[:1].upper() + text[1:]


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- many records ----------------------------------------------------------------------------


@dataclass
class Report:
    imported: list[tuple[Converted, str]] = field(default_factory=list)  # (record, file label)
    skipped: list[Skipped] = field(default_factory=list)
    unmapped: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def lines(self, total: int, source: str, dry_run: bool) -> list[str]:
        verb = "would import" if dry_run else "imported"
        out = [f"{NAME}: {total} records read from {source}",
               f"{verb} {len(self.imported)}:"]
        out += [f"  {label}  ({c.record_id})" for c, label in self.imported]
        out.append(f"skipped {len(self.skipped)}:")
        out += [f"  {s.record_id} ({s.name}): {s.reason}" for s in self.skipped]
        if self.unmapped:
            out.append("not mapped (left out of the imported files, or the reason for a skip):")
            for word, records in sorted(self.unmapped.items()):
                shown = ", ".join(records[:5]) + (", …" if len(records) > 5 else "")
                out.append(f"  {word}: {_records(len(records))} ({shown})")
        if self.skipped:
            out.append(f"skipped {len(self.skipped)}, by reason:")
            out += [f"  {count:4}  {label}" for label, count in self.skip_counts()]
        return out

    def skip_counts(self) -> list[tuple[str, int]]:
        """(reason, how many records it skipped), most frequent first."""
        counts: dict[str, int] = defaultdict(int)
        for s in self.skipped:
            counts[s.label or s.reason] += 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _records(count: int) -> str:
    return f"{count} record{'s' * (count != 1)}"


def known_content(content_dir: Path) -> Known:
    """The ids and names in content/ that records are mapped onto."""
    def items(name: str, key: str) -> list[dict]:
        loaded, _ = load_yaml(content_dir / name, name)
        data = to_plain(loaded.data) if loaded.data is not None else {}
        found = data.get(key) if isinstance(data, dict) else None
        return [i for i in found or [] if isinstance(i, dict) and isinstance(i.get("id"), str)]

    names: dict[str, str] = {}
    near: dict[str, tuple[str, str]] = {}
    ids = set()
    for path in sorted((content_dir / "exercises").glob("*.yaml")):
        ids.add(path.stem)
        data = _names_only(path)
        if isinstance(data, dict):
            aliases = data.get("aliases")
            for text in [data.get("name"), *(aliases if isinstance(aliases, list) else [])]:
                if isinstance(text, str):
                    names.setdefault(text.lower(), path.stem)
                    near.setdefault(near_names.normalise(text), (path.stem, text))
        near.setdefault(near_names.normalise(path.stem), (path.stem, path.stem))
    return Known(
        muscles={m["id"]: m for m in items("muscles.yaml", "muscles")},
        equipment=frozenset(e["id"] for e in items("equipment.yaml", "equipment")),
        exercise_ids=frozenset(ids),
        exercise_names=names,
        near_names=near,
    )


def _names_only(path: Path) -> Any:
    """An exercise file's data, read quickly: only its name and aliases are used.

    libyaml's safe loader (PyYAML, which MkDocs brings) is about twenty times faster than the
    round-trip reader, which matters when content/ holds a thousand exercises.
    """
    try:
        import yaml

        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (ImportError, AttributeError):  # pragma: no cover - PyYAML without libyaml
        return to_plain(load_yaml(path, path.name)[0].data)
    except Exception:  # unreadable here; `check` reports it, the names just go unused
        return None


def exercise_yaml(converted: Converted) -> str:
    """The file text for one converted record, in canonical order and layout."""
    data = CommentedMap()
    for f in S.EXERCISE.fields:
        if f.name in converted.exercise:
            data[f.name] = _commented(converted.exercise[f.name])
    for key in ("reps", "rest_seconds"):
        data["prescription"][key].fa.set_flow_style()
    for key in ("primary", "secondary"):
        if key in data["muscles"]:
            data["muscles"][key].fa.set_flow_style()
    data["equipment"].fa.set_flow_style()
    out = io.StringIO()
    yaml = yaml_rt()
    yaml.width = 88  # ruamel breaks after passing the width, so lines stay within 100
    yaml.dump(data, out)
    header = HEADER.format(record_id=" ".join(converted.record_id.split()))
    # Keep the command on one line: \0 stands for its spaces while wrapping.
    command = "`python -m generator import free-exercise-db`"
    header = header.replace(command, command.replace(" ", "\0"))
    wrapped = textwrap.wrap(header, 98, break_on_hyphens=False)
    text = "".join(f"# {line}\n".replace("\0", " ") for line in wrapped) + out.getvalue()
    formatted = format_text(text, "exercise")
    assert formatted.text is not None, formatted.problems
    return formatted.text


def _commented(value: Any) -> Any:
    if isinstance(value, dict):
        return CommentedMap((k, _commented(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(v) for v in value)
    return value


def import_records(records: list[Any], content_dir: Path, *, dry_run: bool = False) -> Report:
    """Convert and write every record that can become an exercise; never overwrites."""
    known = known_content(content_dir)
    report = Report()
    for record in records:
        result = convert(record, known)
        for word in result.unmapped:
            report.unmapped[word].append(result.record_id)
        if isinstance(result, Skipped):
            report.skipped.append(result)
            continue
        exercise_id = result.exercise["id"]
        target = content_dir / "exercises" / f"{exercise_id}.yaml"
        if not dry_run:
            try:
                with target.open("x", encoding="utf-8") as handle:
                    handle.write(exercise_yaml(result))
            except FileExistsError:
                report.skipped.append(Skipped(result.record_id, result.exercise["name"],
                                              f"{target} already exists",
                                              label=ALREADY_THERE))
                continue
        report.imported.append((result, f"content/exercises/{exercise_id}.yaml"))
        # Later records must not take the same id or name.
        display = result.exercise["name"]
        known = Known(known.muscles, known.equipment, known.exercise_ids | {exercise_id},
                      {**known.exercise_names, display.lower(): exercise_id},
                      {near_names.normalise(display): (exercise_id, display),
                       **known.near_names})
    return report


# --- the command -----------------------------------------------------------------------------


class SourceError(Exception):
    """The input file cannot be read as free-exercise-db records."""


def read_records(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from exc
    if isinstance(data, dict):
        data = [data]  # one record on its own
    if not isinstance(data, list):
        raise SourceError(f"{path}: expected a JSON list of exercise records")
    return data


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.json",
                        help="free-exercise-db's exercises.json, or a list of its records")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the report without writing any file")


def run(args) -> int:
    try:
        records = read_records(args.file)
    except SourceError as exc:
        print(f"import: {exc}", file=sys.stderr)
        return 1
    if not (args.content / "exercises").is_dir():
        print(f"import: {args.content / 'exercises'} is not a folder; pass --content",
              file=sys.stderr)
        return 2
    report = import_records(records, args.content, dry_run=args.dry_run)
    print("\n".join(report.lines(len(records), str(args.file), args.dry_run)))
    if report.imported and not args.dry_run:
        return _check_written(args.content, [label for _, label in report.imported])
    return 0


def _check_written(content_dir: Path, labels: list[str]) -> int:
    from generator.content.validation import load_content

    written = [content_dir / "exercises" / Path(label).name for label in labels]
    try:
        load_content(content_dir, root=Path.cwd(), only=written)
    except ContentError as exc:
        print("the imported files have problems (please report this as a bug):",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"check: the {len(written)} new files are valid; "
          "run python -m generator check to see the whole content")
    return 0
