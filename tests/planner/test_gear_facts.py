"""What the planner knows of gear and muscles comes from content/, not from their ids.

A fork that renames the kettlebell or the lower back, gives the barbell another step or treats
another group gently gets the same rules with no code change: equipment.yaml's `owned`,
`load_step` and `load_step_kg`, and muscles.yaml's `effort` and `spinal_load_counts`. Plans saved
before those fields were in the plan JSON still get their next targets.
"""

from __future__ import annotations

import copy
import json

from planner.catalogue import Catalogue
from planner.formats.json_format import plan_to_dict
from planner.volume import half_sets
from tests.planner.conftest import real_plan
from tests.planner.test_next_targets import at_the_top, target


def renamed(real_catalogue: dict, old: str, new: str) -> dict:
    """The catalogue with one equipment id changed everywhere, as a fork might."""
    text = json.dumps(real_catalogue).replace(f'"{old}"', f'"{new}"')
    return json.loads(text)


def plan(cat: dict, equipment: list[str], level: str = "beginner") -> dict:
    return plan_to_dict(real_plan(cat, equipment=equipment, level=level, weeks=1))


def exercise(p: dict, exercise_id: str) -> dict:
    return next(e for s in p["weeks"][0]["sessions"] for e in s["exercises"]
                if e["id"] == exercise_id)


def test_a_renamed_kettlebell_keeps_the_one_bell_rules(real_catalogue):
    cat = renamed(real_catalogue, "kettlebell", "kb")
    p = plan(cat, ["kb", "mat"])
    rdl = exercise(p, "romanian-deadlift")
    assert rdl["equipment_used"] == ["kb"]
    assert rdl["progression"]["single"] == "kettlebell"
    assert rdl["progression"]["step_kg"] == 4
    assert "With only one kettlebell" in rdl["progression"]["rule"]
    first = p["weeks"][0]["sessions"][0]["warmup"]
    assert first["ramp_up"] == []  # one bell: an easy set with it, not percentages
    top = at_the_top("romanian-deadlift", rdl["reps_max"], ("2026-11-30", 16))
    t = target(p, top, "romanian-deadlift")
    assert "move to the next kettlebell (about 20 kg)" in t.reason


def test_the_step_up_is_the_one_equipment_yaml_gives(real_catalogue):
    cat = copy.deepcopy(real_catalogue)
    barbell = next(e for e in cat["equipment"] if e["id"] == "barbell")
    barbell.update(load_step="about 1 kg on the bar (fractional plates)", load_step_kg=1)
    p = plan(cat, ["barbell"], "intermediate")
    rdl = exercise(p, "romanian-deadlift")
    assert "(about 1 kg on the bar (fractional plates))" in rdl["progression"]["rule"]
    top = at_the_top("romanian-deadlift", rdl["reps_max"], ("2026-11-30", 60))
    t = target(p, top, "romanian-deadlift")
    assert (t.action, t.load) == ("add-load", 61)


def test_a_group_marked_gentle_is_kept_short_of_failure_at_every_level(real_catalogue):
    cat = copy.deepcopy(real_catalogue)
    for muscle in cat["muscles"]:
        if muscle["id"] == "upper-traps":
            muscle["effort"] = "gentle"
    p = plan(cat, ["dumbbells"], "advanced")
    shrug = exercise(p, "dumbbell-shrug")
    assert shrug["rir_min"] >= 2
    default = exercise(plan(real_catalogue, ["dumbbells"], "advanced"), "dumbbell-shrug")
    assert default["rir_min"] < 2


def test_a_plan_saved_before_the_gear_facts_still_gets_its_steps(real_catalogue):
    p = plan(real_catalogue, ["kettlebell", "mat"])
    for s in p["weeks"][0]["sessions"]:
        for e in s["exercises"]:
            del e["progression"]["single"], e["progression"]["step_kg"]
    rdl = exercise(p, "romanian-deadlift")
    top = at_the_top("romanian-deadlift", rdl["reps_max"], ("2026-11-30", 16))
    t = target(p, top, "romanian-deadlift")
    assert "move to the next kettlebell (about 20 kg)" in t.reason


def test_a_renamed_lower_back_keeps_the_spine_rules(real_catalogue):
    # The lower back's rules (a heavy hinge counts a full set for it and trains it; one such
    # lift a session) follow muscles.yaml's `spinal_load_counts: full`, not its id.
    gym = ["barbell", "dumbbells", "bench", "band"]
    before = json.dumps(plan(real_catalogue, gym))
    after = json.dumps(plan(renamed(real_catalogue, "erector-spinae", "erectors"), gym))
    assert after == before.replace('"erector-spinae"', '"erectors"')
    assert '"erectors"' in after

    unmarked = copy.deepcopy(real_catalogue)
    for m in unmarked["muscles"]:
        m.pop("spinal_load_counts", None)
    rdl = Catalogue.from_dict(real_catalogue).exercise_by_id["romanian-deadlift"]
    assert half_sets(rdl, "erector-spinae", 3) == 6  # a full set each
    rdl = Catalogue.from_dict(unmarked).exercise_by_id["romanian-deadlift"]
    assert half_sets(rdl, "erector-spinae", 3) == 3  # a helper's half set each
