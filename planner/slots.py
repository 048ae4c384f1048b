"""Step 3 of the pipeline: the skeleton of a session, as slots in a coach's order.

A slot names the kind of exercise that belongs at that point of the session, by movement
pattern and body region: the main lift first (a hinge on lower and total-body days, a row or
pull on upper days), then a second compound, then accessories, with exercises for the small
groups (calves, neck, rear delts, upper traps: `size: small` in muscles.yaml) last. Slots are
defined by pattern and region, never by exercise id, so a fork's new exercises fill them.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalogue import Exercise
from planner.eligible import Option

ROLES: tuple[str, ...] = ("main", "second", "accessory", "small")


@dataclass(frozen=True)
class Slot:
    name: str  # what the slot is for, in words: "main hinge", "hamstring curl", ...
    role: str  # main | second | accessory | small
    region: str  # the body region whose groups it trains
    patterns: tuple[str, ...]  # allowed patterns, best first; () = any
    compound: bool = False  # only compound exercises

    def fits(self, option: Option) -> bool:
        e = option.exercise
        if self.patterns and e.pattern not in self.patterns:
            return False
        if self.compound and e.mechanics != "compound":
            return False
        if option.regions != {self.region}:
            return False
        return option.small if self.role == "small" else not option.small

    def pattern_rank(self, exercise: Exercise) -> int:
        return self.patterns.index(exercise.pattern) if exercise.pattern in self.patterns else 0


# Per region: the main lift, then what follows it, in the order a coach would add them.
SKELETONS: dict[str, tuple[Slot, ...]] = {
    "lower": (
        Slot("main hinge", "main", "lower", ("hinge",), compound=True),
        Slot("hip extension", "second", "lower", ("bridge", "hinge")),
        Slot("hamstring curl", "accessory", "lower", ("curl",)),
        Slot("lower-back extension", "accessory", "lower", ("extension",)),
        Slot("small lower-body group", "small", "lower", ()),
    ),
    "upper": (
        Slot("main pull", "main", "upper", ("row", "pull"), compound=True),
        Slot("second pull", "second", "upper", ("pull", "row"), compound=True),
        Slot("shoulder-blade work", "accessory", "upper", ("fly", "row", "raise", "extension")),
        Slot("small upper-body group", "small", "upper", ()),
    ),
}
# When no compound hinge is at hand the lower-body day starts with a bridge instead.
FALLBACK_MAIN = {"lower": Slot("main hip extension", "main", "lower", ("bridge",))}


def skeleton(regions: tuple[str, ...]) -> tuple[Slot, ...]:
    """The slots of a session training these regions, lower body first (the hinge leads a
    total-body day), interleaving the regions so each gets its main lift before accessories."""
    ordered = sorted(regions, key=lambda r: (r != "lower", r))
    lists = [SKELETONS.get(r, ()) for r in ordered]
    out: list[Slot] = []
    for role in ROLES:
        for slots in lists:
            out.extend(s for s in slots if s.role == role)
    return tuple(out)


def role_rank(role: str) -> int:
    return ROLES.index(role)
