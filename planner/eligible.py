"""Step 2 of the pipeline: the exercises a person can do, each with the gear they will use.

An exercise is eligible when it is not excluded, its level is at or below the person's, and
they own its equipment or one of its listed substitutes. The gear actually used decides how
the exercise progresses (see `resistance`) and what the plan tells them to use instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.catalogue import BODYWEIGHT, DEFAULT_LOAD_STEP_KG, LEVELS, Catalogue, Exercise
from planner.volume import half_sets
from planner.words import a_gear, gear_name, the_gear


def single_weight(catalogue: Catalogue, gear: tuple[str, ...]) -> str:
    """The name of the item loading the lift when most people own one of it (equipment.yaml's
    `owned: single`, a kettlebell), else "". Then "50 % of the working weight" cannot be done
    (timing.warmup gives an easy set with the same bell) and the next one up may not be there
    (progression, next_targets)."""
    items = catalogue.equipment_by_id
    loads = [g for g in gear if g != BODYWEIGHT]
    if not loads or not all(g in items and items[g].owned == "single" for g in loads):
        return ""
    return gear_name(catalogue, loads[0]).lower()


def load_step(catalogue: Catalogue, gear: tuple[str, ...]) -> tuple[str, float]:
    """The smallest step up of the gear loading the lift: its words and kilograms (the first
    item that names one; else a step that fits most gear)."""
    items = catalogue.equipment_by_id
    for g in gear:
        if g in items and items[g].load_step:
            return items[g].load_step, items[g].load_step_kg
    kg = next((items[g].load_step_kg for g in gear
               if g in items and items[g].resistance == "weight"), DEFAULT_LOAD_STEP_KG)
    return "about 2.5 kg on a barbell, the next dumbbell, one plate on a stack", kg


@dataclass(frozen=True)
class Option:
    exercise: Exercise
    gear: tuple[str, ...]  # the equipment used: its own list, or one owned substitute
    resistance: str  # load | band | bodyweight: how it progresses with that gear
    use_instead: str | None  # "Use dumbbells instead of the barbell.", when substituting
    trains: frozenset[str]  # groups it trains for frequency and rest (primary, plus the spine)
    regions: frozenset[str]  # the body regions of its primary movers
    small: bool  # every primary mover is a small group
    name: str = ""  # what the plan calls it with this gear: "Dumbbell row" (default its name)
    single: str = ""  # the one-of-a-kind item loading it ("kettlebell"), see `single_weight`

    id: str = field(init=False)  # the exercise's id, looked up often enough to keep at hand
    # (group, half-sets) one set adds to each group it trains, as `volume.half_sets` counts
    # them: the weekly sums are taken thousands of times a plan.
    per_set: tuple[tuple[str, int], ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.exercise.id)
        e = self.exercise
        object.__setattr__(self, "per_set", tuple(
            (m, half_sets(e, m, 1)) for m in dict.fromkeys((*e.primary, *e.secondary))))
        if not self.name:
            object.__setattr__(self, "name", self.exercise.name)

    @property
    def heavy(self) -> bool:
        return self.exercise.spinal_load == "heavy"


def gear_for(catalogue: Catalogue, exercise: Exercise,
             owned: frozenset[str]) -> tuple[str, ...] | None:
    """The equipment this person would use for the exercise, or None when they cannot.

    An item there only for support with a makeshift in equipment.yaml (a bench: a sturdy couch
    or box) need not be owned: a single-arm row braced on a couch is the same exercise."""
    if all(g in owned for g in exercise.equipment):
        return exercise.equipment
    if _propped(catalogue, exercise, owned):
        return tuple(g for g in exercise.equipment if g in owned) or (BODYWEIGHT,)
    for sub in exercise.substitutes:
        if sub in owned:
            return (sub,)
    return None


def _makeshift(catalogue: Catalogue, gear: str) -> str:
    item = catalogue.equipment_by_id.get(gear)
    return item.makeshift if item is not None and item.resistance == "none" else ""


def _propped(catalogue: Catalogue, exercise: Exercise, owned: frozenset[str]) -> bool:
    """Everything it needs is owned but for items a makeshift stands in for (and some are)."""
    lacking = [g for g in exercise.equipment if g not in owned]
    return bool(lacking) and all(_makeshift(catalogue, g) for g in lacking)


def resistance_of(catalogue: Catalogue, gear: tuple[str, ...]) -> str:
    kinds = {
        catalogue.equipment_by_id[g].resistance for g in gear if g in catalogue.equipment_by_id
    }
    if "weight" in kinds:
        return "load"
    if "band" in kinds:
        return "band"
    return "bodyweight"


def trained_groups(exercise: Exercise) -> frozenset[str]:
    """Its primary groups, and the lower back of a heavy hinge or bent-over row, which takes
    the load even where it only helps (`Exercise.held`): for rest and for coverage those
    exercises count as lower-back work."""
    return frozenset((*exercise.primary, *exercise.held))


def option_for(catalogue: Catalogue, exercise: Exercise, owned: frozenset[str]) -> Option | None:
    gear = gear_for(catalogue, exercise, owned)
    if gear is None:
        return None
    instead = None
    name = name_with(catalogue, exercise, gear)
    lacking = [g for g in exercise.equipment if g not in owned]
    if _propped(catalogue, exercise, owned):
        instead = "Use " + ", and ".join(
            f"{_makeshift(catalogue, g)} instead of the {gear_name(catalogue, g)}"
            for g in lacking) + "."
    elif gear != exercise.equipment:
        swap = _swap(catalogue, gear[0], lacking)
        # A renamed exercise still links to its own guide: say which one it follows.
        guide = exercise.name[:1].lower() + exercise.name[1:]  # "Romanian" keeps its capital
        instead = (f"Done like the {guide}, with {swap}." if name != exercise.name
                   else f"Use {swap}.")
    return Option(
        exercise,
        gear,
        resistance_of(catalogue, gear),
        instead,
        trained_groups(exercise),
        catalogue.exercise_regions(exercise),
        all(catalogue.muscle_by_id[m].size == "small" for m in exercise.primary),
        name,
        single_weight(catalogue, gear),
    )


def _swap(catalogue: Catalogue, stand_in: str, lacking: list[str]) -> str:
    """"dumbbells instead of the barbell": what takes the place of the gear not owned. The
    stand-in replaces the load; an item only there for support, with a makeshift in
    equipment.yaml, is replaced by that ("and a sturdy couch or box instead of the bench")."""
    items = catalogue.equipment_by_id
    props = [g for g in lacking if g in items and items[g].resistance == "none"
             and items[g].makeshift]
    loads = [g for g in lacking if g not in props]
    swap = f"{a_gear(catalogue, stand_in)} instead of {the_gear(catalogue, loads or lacking)}"
    if not loads:
        return swap
    return swap + "".join(f", and {items[g].makeshift} instead of the "
                          f"{gear_name(catalogue, g)}" for g in props)


def name_with(catalogue: Catalogue, exercise: Exercise, gear: tuple[str, ...]) -> str:
    """The exercise's name as a coach would say it with `gear`: a name with its own gear's word
    takes the stand-in's ("Barbell row" with dumbbells is the dumbbell row, the single-arm
    dumbbell row with a kettlebell the single-arm kettlebell row); any other name stays as it
    is ("Romanian deadlift", and the plan says which gear)."""
    if gear == exercise.equipment:
        return exercise.name
    words = catalogue.equipment_by_id
    new = words[gear[0]].in_names if gear[0] in words else ""
    name = exercise.name
    for own in exercise.equipment:
        old = words[own].in_names if own in words else ""
        if not (old and new) or old == new:
            continue
        if name.startswith(old + " "):
            return new + name[len(old):]
        middle = f" {old.lower()} "
        if middle in f" {name} ":
            return f" {name} ".replace(middle, f" {new.lower()} ", 1).strip()
    return name


def eligible(
    catalogue: Catalogue,
    equipment: tuple[str, ...],
    level: str,
    exclude: tuple[str, ...] = (),
) -> tuple[Option, ...]:
    return catalogue.remember(
        ("eligible", tuple(equipment), level, tuple(exclude)),
        lambda: _eligible(catalogue, equipment, level, exclude),
    )


def _eligible(catalogue: Catalogue, equipment, level: str, exclude) -> tuple[Option, ...]:
    owned = frozenset(equipment) | {BODYWEIGHT}
    rank = LEVELS.index(level)
    out = []
    for e in catalogue.exercises:
        if e.id in exclude or e.level_rank > rank:
            continue
        option = option_for(catalogue, e, owned)
        if option is not None:
            out.append(option)
    return tuple(out)


def groups_without_exercises(
    catalogue: Catalogue, request, options: tuple[Option, ...]
) -> tuple[str, ...]:
    """Large focus groups (the twice-a-week rule is hard for them) that no eligible exercise
    trains in any session of the split."""
    types = catalogue.session_type_by_id
    split_regions = {r for t in request.sessions for r in types[t].regions}
    return tuple(
        m
        for m in request.focus
        if catalogue.muscle_by_id[m].size == "large"
        and catalogue.muscle_by_id[m].region in split_regions
        and not any(m in o.trains for o in options)
    )
