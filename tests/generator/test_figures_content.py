"""The real exercise figures: drawable, on the floor, and matching their written cues."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.site.figures.kinematics import BODY, TORSO
from generator.site.figures.movement import (
    PLATE_R,
    SHOULDER_BLADE,
    _frames,
    _load_bottom,
    build_scene,
    movement_svg,
    pose_problems,
)

ROOT = Path(__file__).resolve().parents[2]
PATHS = sorted((ROOT / "content" / "exercises").glob("*.yaml"))
EXERCISES = {p.stem: YAML(typ="safe").load(p.read_text(encoding="utf-8")) for p in PATHS}


def scene(exercise_id: str):
    return build_scene(EXERCISES[exercise_id]["figure"])


def joints(exercise_id: str, pose_name: str) -> dict:
    poses = EXERCISES[exercise_id]["figure"]["poses"]
    return next(p["joints"] for p in poses if p["name"] == pose_name)


def placed(exercise_id: str, pose_name: str):
    sc = scene(exercise_id)
    return sc.poses[sc.names.index(pose_name)]


def angle_at(b, a, c) -> float:
    """The angle a-b-c in degrees (180 = a straight line through b)."""
    v1 = (a[0] - b[0], a[1] - b[1])
    v2 = (c[0] - b[0], c[1] - b[1])
    cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (math.hypot(*v1) * math.hypot(*v2))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_exercise_has_a_figure_that_draws_and_validates(exercise_id):
    figure = EXERCISES[exercise_id].get("figure")
    assert figure and len(figure["poses"]) >= 2
    assert pose_problems(figure, EXERCISES[exercise_id]["pattern"]) == []
    name = EXERCISES[exercise_id]["name"]
    for thumb in (False, True):
        root = ET.fromstring(movement_svg(figure, title=name, thumbnail=thumb))
        assert root.find("{http://www.w3.org/2000/svg}title").text == name


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_an_exercise_pages_two_figures_fit_its_page_weight_budget(exercise_id):
    # issue 2: an exercise page stays under 40 KB; Material's frame and the text take ~28 KB
    from generator.site.figures.bodymap import body_map_svg

    ex = EXERCISES[exercise_id]
    muscles = YAML(typ="safe").load((ROOT / "content" / "muscles.yaml").read_text())["muscles"]
    move = movement_svg(ex["figure"], title=f"How to do the {ex['name']}")
    body = body_map_svg(muscles, ex["muscles"]["primary"], ex["muscles"].get("secondary", []),
                        title=f"Muscles worked by the {ex['name']}",
                        sprite_href="../../assets/bodymap.svg")
    assert len(move.encode()) + len(body.encode()) < 10_000


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_frame_rests_on_the_floor_and_loads_stay_above_it(exercise_id):
    sc = scene(exercise_id)
    for _, _, pose in _frames(sc):
        if sc.bar is None and sc.support == "left":
            # standing on the far leg (a single-leg deadlift): the near, free leg is above
            assert pose.lowest() >= sc.floor - 1e-6
        elif sc.bar is None:
            assert pose.lowest() == pytest.approx(sc.floor, abs=1e-6)
        else:
            assert pose.lowest() > sc.floor
        low = _load_bottom(pose, sc.props)
        if low is not None:
            assert low >= sc.floor - 1.0


def test_romanian_deadlift_bottom_has_hips_back_a_flat_back_and_soft_knees():
    j = joints("romanian-deadlift", "bottom")
    assert 75 <= j["trunk"] <= 88  # near-flat back
    assert j["hip"] >= 80  # hips flexed
    assert 10 <= j["knee"] <= 22  # knees only slightly bent
    p = placed("romanian-deadlift", "bottom").points
    assert p["hip"][0] < p["ankle"][0] - 10  # hips pushed well back behind the feet
    # bar around mid-shin: between the knee and the floor
    assert PLATE_R <= p["grip"][1] < p["knee"][1]


def test_glute_bridge_top_puts_knees_hips_and_shoulders_in_one_straight_line():
    p = placed("glute-bridge", "top").points
    assert angle_at(p["hip"], p["knee"], p["shoulder"]) == pytest.approx(180, abs=5)
    sc = scene("glute-bridge")
    top = sc.poses[sc.names.index("top")]
    # shoulders and feet both stay on the floor (mat) while the hips are lifted
    assert min(y for _, y in top.foot_outline()) == pytest.approx(sc.floor, abs=2)
    assert min(y for _, y in top.torso_outline()) == pytest.approx(sc.floor, abs=2)
    assert top.points["hip"][1] > sc.poses[0].points["hip"][1] + 12


def test_calf_raise_top_points_the_ankle_and_lifts_the_heel_off_the_floor():
    assert joints("calf-raise", "top")["ankle"] <= -25
    p = placed("calf-raise", "top").points
    assert p["heel"][1] > 8  # heel well off the floor
    assert p["toe"][1] == pytest.approx(0, abs=1)  # balls of the feet stay down


@pytest.mark.parametrize("exercise_id", ["barbell-row", "single-arm-dumbbell-row"])
def test_rows_start_with_straight_arms_and_finish_with_bent_elbows(exercise_id):
    poses = EXERCISES[exercise_id]["figure"]["poses"]
    assert poses[0]["joints"]["elbow"] <= 15
    assert poses[-1]["joints"]["elbow"] >= 60
    assert all(p["joints"]["trunk"] >= 45 for p in poses)  # stays hinged over


def test_pull_up_top_brings_the_chin_to_the_bar():
    sc = scene("pull-up")
    top = sc.poses[-1]
    chin = top.points["head"][1] - BODY.head_r * 0.6
    assert chin >= sc.bar[1] - 6


def test_hip_thrust_top_has_a_level_torso_vertical_shins_and_shoulders_on_the_bench():
    j = joints("hip-thrust", "top")
    assert -100 <= j["trunk"] <= -80
    p = placed("hip-thrust", "top").points
    assert abs(p["knee"][0] - p["ankle"][0]) < 8  # shins vertical
    sc = scene("hip-thrust")
    assert sc.bench is not None and not sc.bench.behind
    blade_at = TORSO.index(SHOULDER_BLADE)
    for pose in sc.poses:  # the upper back pivots on the bench edge
        x, y = pose.torso_outline()[blade_at]
        assert sc.bench.x0 <= x <= sc.bench.x1
        assert y == pytest.approx(sc.bench.top, abs=3)


def test_seated_calf_raise_keeps_the_seat_on_the_bench():
    sc = scene("seated-calf-raise")
    hips = [p.points["hip"][1] for p in sc.poses]
    assert max(hips) - min(hips) < 2
