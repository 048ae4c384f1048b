"""Weekly set targets, deload spacing and the sources they come from.

Sets are counted per muscle group per training week: a set where the group is a primary mover
counts as one set, a set where it is a secondary mover as half a set. Internally we count in
half-sets (integers) so sums are exact and the JSON is byte-stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class VolumeRange:
    level: str
    min_sets: int
    max_sets: int
    deload_every: int  # every Nth week is a deload week

    @property
    def min_half(self) -> int:
        return self.min_sets * 2

    @property
    def max_half(self) -> int:
        return self.max_sets * 2


# Schoenfeld, Ogborn & Krieger 2017 (J Sports Sci 35:1073-1082): more weekly sets per muscle
# give more growth in a graded way, with fewer than 5 the low band, 5-9 the middle and 10 or
# more the top. ACSM 2009 (Med Sci Sports Exerc 41:687-708) starts novices on 1-3 sets per
# exercise and moves trained lifters to multiple sets. The ranges below follow those two: a
# beginner starts around the low-to-middle band, advanced lifters may work into the top band.
# The ceilings leave room for the half-sets a group collects as a helper (the upper traps, for
# one, assist in rows, flies, shrugs and neck work) without letting weekly work pile up.
# Deload spacing tightens with training age because harder training builds fatigue faster.
RANGES: dict[str, VolumeRange] = {
    "beginner": VolumeRange("beginner", 4, 12, 6),
    "intermediate": VolumeRange("intermediate", 6, 16, 5),
    "advanced": VolumeRange("advanced", 8, 20, 4),
}

# A small group (calves, neck, rear delts, upper traps) needs less direct work to progress: the
# seed article gives the calves 2 sets, and every group is trained twice a week, so 4 sets a week
# is where a small group's range starts at every level (the planner gives one at most 6 sets of
# its own work, dose.SMALL_DIRECT_SETS, which an advanced range's start of 8 would never reach).
SMALL_MIN_SETS = 4


def group_range(vr: VolumeRange, size: str) -> tuple[int, int]:
    """A group's weekly sets range at the level: a small group's starts lower."""
    low = min(vr.min_sets, SMALL_MIN_SETS) if size == "small" else vr.min_sets
    return low, vr.max_sets


SOURCES: tuple[dict[str, str], ...] = (
    {
        "id": "schoenfeld-2017",
        "citation": (
            "Schoenfeld BJ, Ogborn D, Krieger JW. Dose-response relationship between weekly "
            "resistance training volume and increases in muscle mass: a systematic review and "
            "meta-analysis. J Sports Sci. 2017;35(11):1073-1082."
        ),
        "used_for": "weekly sets per muscle group",
    },
    {
        "id": "schoenfeld-2016",
        "citation": (
            "Schoenfeld BJ, Ogborn D, Krieger JW. Effects of resistance training frequency on "
            "measures of muscle hypertrophy: a systematic review and meta-analysis. Sports Med. "
            "2016;46(11):1689-1697."
        ),
        "used_for": "training each muscle group at least twice a week",
    },
    {
        "id": "acsm-2009",
        "citation": (
            "American College of Sports Medicine. Position stand: progression models in "
            "resistance training for healthy adults. Med Sci Sports Exerc. 2009;41(3):687-708."
        ),
        "used_for": "sets for novices, rep ranges, load steps and progression",
    },
)


class Trains(Protocol):
    """What counting needs of an exercise: a catalogue Exercise or a planned one."""

    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    held: tuple[str, ...]
    sets: int


def half_sets(exercise: Trains, muscle: str, sets: int | None = None) -> int:
    """Half-sets this exercise adds to a muscle group: 2 per primary set, 1 per secondary set.

    A heavy hinge or bent-over lift (spinal_load heavy) is a full set for the lower back (the
    group muscles.yaml marks `spinal_load_counts: full`; `Exercise.held`), even as a helper: the
    back muscles hold the spine straight under the whole load for every rep, as
    hard as in a back extension. Counted as half, a beginner's two Romanian deadlifts a week
    read as too little back work, and the planner would add spine-loading sets to make it up.
    """
    n = exercise.sets if sets is None else sets
    if muscle in exercise.primary:
        return 2 * n
    if muscle in exercise.secondary:
        return 2 * n if muscle in exercise.held else n
    return 0


def deload_sets(sets: int) -> int:
    """A deload week keeps about half the sets (rounded up, never zero)."""
    return max(1, (sets + 1) // 2)


def is_deload(week: int, level: str) -> bool:
    return week % RANGES[level].deload_every == 0
