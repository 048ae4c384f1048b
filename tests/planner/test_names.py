"""What the plan calls an exercise done with other gear than its own.

A coach says "dumbbell row", not "barbell row, use dumbbells": a name that starts with its own
gear's word (equipment.yaml's `in_names`) takes the stand-in's. The line under it says which
guide it follows, since the link still goes to the original exercise's page.
"""

from __future__ import annotations

from planner.catalogue import Catalogue
from planner.eligible import option_for
from tests.planner.conftest import real_plan


def first_week(real_catalogue: dict, equipment: list[str], level: str = "beginner") -> dict:
    plan = real_plan(real_catalogue, equipment=equipment, level=level, weeks=1)
    return {e.id: e for s in plan.weeks[0].sessions for e in s.exercises}


def test_an_exercise_named_for_its_gear_takes_the_stand_ins_name(real_catalogue):
    done = first_week(real_catalogue, ["kettlebell", "mat"])
    shrug = done["dumbbell-shrug"]
    assert shrug.name == "Kettlebell shrug"
    assert shrug.use_instead == (
        "Done like the dumbbell shrug, with a kettlebell instead of the dumbbells.")
    assert shrug.url.endswith("exercises/dumbbell-shrug/")


def test_a_name_that_does_not_start_with_its_gear_stays_and_says_what_to_use(real_catalogue):
    done = first_week(real_catalogue, ["kettlebell", "mat"])
    rdl = done["romanian-deadlift"]
    assert rdl.name == "Romanian deadlift"
    assert rdl.use_instead == "Use a kettlebell instead of the barbell."


def test_an_exercise_done_with_its_own_gear_keeps_its_name(real_catalogue):
    names = {e["id"]: e["name"] for e in real_catalogue["exercises"]}
    done = first_week(real_catalogue, ["barbell", "dumbbells", "band", "bench", "cable"],
                      "intermediate")
    own = [e for e in done.values() if e.use_instead is None]
    assert len(own) >= 5
    assert all(e.name == names[e.id] for e in own)


def test_a_support_the_stand_in_cannot_replace_gets_its_makeshift(real_catalogue):
    # Dumbbells take the barbell's place in the hip thrust, not the bench's: the back still
    # needs something to rest on (equipment.yaml's `makeshift` for the bench).
    catalogue = Catalogue.from_dict(real_catalogue)
    thrust = catalogue.exercise_by_id["hip-thrust"]
    option = option_for(catalogue, thrust, frozenset({"bodyweight", "dumbbells"}))
    assert option.use_instead == ("Use dumbbells instead of the barbell, and a sturdy couch or "
                                  "box instead of the bench.")
    with_bench = option_for(catalogue, thrust, frozenset({"bodyweight", "dumbbells", "bench"}))
    assert with_bench.use_instead == "Use dumbbells instead of the barbell."


def test_a_support_nobody_needs_to_own_is_made_do_with(real_catalogue):
    # A single-arm dumbbell row braced on a couch is the same exercise: owning dumbbells and no
    # bench, a person still gets it, told what to lean on, and a barbell hip thrust likewise.
    catalogue = Catalogue.from_dict(real_catalogue)
    row = catalogue.exercise_by_id["single-arm-dumbbell-row"]
    option = option_for(catalogue, row, frozenset({"bodyweight", "dumbbells"}))
    assert option is not None and option.gear == ("dumbbells",)
    assert option.use_instead == "Use a sturdy couch or box instead of the bench."
    assert option.resistance == "load" and option.name == row.name
    thrust = catalogue.exercise_by_id["hip-thrust"]
    barbell = option_for(catalogue, thrust, frozenset({"bodyweight", "barbell"}))
    assert barbell.gear == ("barbell",)
    assert barbell.use_instead == "Use a sturdy couch or box instead of the bench."
    plan = real_plan(real_catalogue, split="two-upper-two-lower",
                     days=["mon", "tue", "thu", "fri"], equipment=["dumbbells"], weeks=1)
    rows = [e for s in plan.weeks[0].sessions for e in s.exercises
            if e.id == "single-arm-dumbbell-row"]
    assert rows and all(e.use_instead == "Use a sturdy couch or box instead of the bench."
                        for e in rows)


def test_a_gear_word_inside_a_name_takes_the_stand_ins_word(real_catalogue):
    # One kettlebell and no bench: the single-arm row is done with the bell, braced on a couch,
    # and called what a coach would call it.
    catalogue = Catalogue.from_dict(real_catalogue)
    row = catalogue.exercise_by_id["single-arm-dumbbell-row"]
    option = option_for(catalogue, row, frozenset({"bodyweight", "kettlebell"}))
    assert option.name == "Single-arm kettlebell row"
    assert option.use_instead == (
        "Done like the single-arm dumbbell row, with a kettlebell instead of the dumbbells, "
        "and a sturdy couch or box instead of the bench.")
    assert option.single  # one bell: warm-up and progression say so
