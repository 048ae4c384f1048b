"""The front and rear views (generator/site/figures/frontview.py): drawn from the same body as the
side view, arms out to the side where the steps say so, and small enough for the page."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.site.figures.body3d import SHOULDER_HALF
from generator.site.figures.frontview import _parts, _View
from generator.site.figures.kinematics import BODY
from generator.site.figures.movement import build_scene, movement_svg, movement_views

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = {p.stem: YAML(typ="safe").load(p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "content" / "exercises").glob("*.yaml"))}
TWO_VIEWS = sorted(k for k, e in EXERCISES.items() if len(e["figure"].get("views") or []) > 1)
SVG = "{http://www.w3.org/2000/svg}"
REACH = BODY.upper_arm + BODY.forearm + BODY.hand


def test_the_exercises_the_issue_names_show_a_second_view():
    assert {"bent-over-rear-delt-fly", "band-pull-apart", "face-pull", "dumbbell-shrug",
            "single-leg-romanian-deadlift", "single-arm-dumbbell-row",
            "prone-y-t-w-raise"} <= set(TWO_VIEWS)


@pytest.mark.parametrize("exercise_id", TWO_VIEWS)
def test_the_side_and_the_second_view_agree_on_every_height(exercise_id):
    """Hips, hands and head are at the same height in both views, pose by pose."""
    figure = EXERCISES[exercise_id]["figure"]
    scene = build_scene(figure)
    view = _View(next(v for v in figure["views"] if v != "side"))
    for pose, body in zip(scene.poses, scene.bodies(), strict=True):
        parts = _parts(body, view)
        right_hip = parts["right.thigh"][0][0]
        right_hand = parts["right.arm"][0][-1]
        head = parts["head"][0][0]
        assert right_hip[1] == pytest.approx(pose.points["hip"][1])
        assert right_hand[1] == pytest.approx(pose.points["grip"][1])
        assert head[1] == pytest.approx(pose.points["head"][1])


@pytest.mark.parametrize(("exercise_id", "pose"), [
    ("bent-over-rear-delt-fly", "top"), ("band-pull-apart", "end"), ("prone-y-t-w-raise", "T"),
])
def test_lateral_poses_put_the_hands_out_to_the_sides(exercise_id, pose):
    figure = EXERCISES[exercise_id]["figure"]
    scene = build_scene(figure)
    first, lateral = scene.bodies()[0], scene.bodies()[scene.names.index(pose)]
    for side, sign in (("right", 1), ("left", -1)):
        # nearly a whole arm's length out from the shoulder, to the hand's own side
        out = (lateral.side(side, "grip")[2] - lateral.side(side, "shoulder")[2]) * sign
        assert out > 0.8 * REACH
        assert abs(first.side(side, "grip")[2]) < SHOULDER_HALF + 0.3 * REACH


def test_the_rear_view_is_the_front_view_mirrored():
    scene = build_scene(EXERCISES["single-arm-dumbbell-row"]["figure"])
    body = scene.bodies()[-1]
    front, rear = _parts(body, _View("front")), _parts(body, _View("rear"))
    for name in ("right.arm", "left.thigh", "head"):
        for (fx, fy), (rx, ry) in zip(front[name][0], rear[name][0], strict=True):
            assert (fx, fy) == pytest.approx((-rx, ry))


@pytest.mark.parametrize("exercise_id", TWO_VIEWS)
def test_each_view_names_itself_and_has_the_side_views_structure(exercise_id):
    ex = EXERCISES[exercise_id]
    views = movement_views(ex["figure"], title=f"How to do the {ex['name']}")
    assert len(views) == len(ex["figure"]["views"])
    for name, svg in zip(ex["figure"]["views"], views, strict=True):
        root = ET.fromstring(svg)
        assert root.find(f"{SVG}title").text == f"How to do the {ex['name']}: {name} view"
        assert root.find(f"{SVG}desc").text.startswith(f"{name.capitalize()} view of the")
        groups = {g.get("class"): g for g in root.iter(f"{SVG}g") if g.get("class")}
        assert "bc-move-anim" in groups and "bc-move-static" in groups
        poses = [g.get("data-pose") for g in groups["bc-move-static"]
                 if g.get("class") == "bc-pose"]
        assert poses == [p["name"] for p in ex["figure"]["poses"]]


def test_a_figure_without_views_shows_the_side_view_alone():
    ex = EXERCISES["romanian-deadlift"]
    assert movement_views(ex["figure"], title="RDL") == [movement_svg(ex["figure"],
                                                                      title="RDL")]


@pytest.mark.parametrize("exercise_id", TWO_VIEWS)
def test_the_two_views_together_stay_under_12_kb(exercise_id):
    # issue 12: with Material's frame and the text (~28 KB) the page stays under 40 KB
    ex = EXERCISES[exercise_id]
    views = movement_views(ex["figure"], title=f"How to do the {ex['name']}")
    assert sum(len(v.encode()) for v in views) < 12_000


def test_a_cable_exercise_draws_a_pulley_and_a_handle_not_a_band():
    ex = EXERCISES["face-pull"]
    side = movement_svg(ex["figure"], title="Face pull")
    assert "bc-pulley" in side and "bc-cable" in side
    front = movement_svg(ex["figure"], title="Face pull", view="front")
    assert 'class="bc-prop"' in front  # the pulley, seen from the front
    assert EXERCISES["lat-pulldown"]["figure"]["props"] == ["cable", "bench"]


def test_the_band_of_a_pull_apart_runs_between_the_hands():
    scene = build_scene(EXERCISES["band-pull-apart"]["figure"])
    assert scene.band_hands and scene.band is None
    end = scene.bodies()[-1]
    apart = end.side("right", "grip")[2] - end.side("left", "grip")[2]
    assert apart > 2 * (SHOULDER_HALF + 0.8 * REACH) * math.cos(math.radians(10))
