"""Forward kinematics of the side-view figure: hand-computed positions, floor, fixed lengths."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.figures.joints import JOINT_RANGES, JOINTS
from generator.site.figures.kinematics import BODY, distance, on_floor, solve

STANDING = {j: 0 for j in JOINTS}


def close(p, q, tol=1e-6):
    return math.isclose(p[0], q[0], abs_tol=tol) and math.isclose(p[1], q[1], abs_tol=tol)


def test_standing_figure_stacks_every_joint_on_one_vertical_line():
    p = solve(STANDING).points
    assert close(p["hip"], (0, 0))
    assert close(p["shoulder"], (0, 50))
    assert close(p["elbow"], (0, 20))
    assert close(p["wrist"], (0, -6))
    assert close(p["grip"], (0, -13))
    assert close(p["knee"], (0, -44))
    assert close(p["ankle"], (0, -87))
    assert close(p["heel"], (-6, -95))
    assert close(p["toe"], (18, -95))
    assert close(p["head"], (0, 69))


def test_standing_figure_on_the_floor_is_175_units_tall_with_the_soles_at_zero():
    pose = on_floor(solve(STANDING))
    assert pose.points["heel"][1] == pytest.approx(0)
    assert pose.points["toe"][1] == pytest.approx(0)
    assert pose.points["head"][1] + BODY.head_r == pytest.approx(175)


def test_trunk_at_90_lies_face_down_with_the_shoulders_ahead_of_the_hips():
    p = solve({**STANDING, "trunk": 90}).points
    assert close(p["shoulder"], (50, 0))
    assert close(p["knee"], (-44, 0))  # hip 0: the legs continue the trunk line backward


def test_hip_flexion_of_90_with_an_upright_trunk_puts_the_thigh_forward_like_sitting():
    p = solve({**STANDING, "hip": 90, "knee": 90}).points
    assert close(p["knee"], (44, 0))
    assert close(p["ankle"], (44, -43))  # knee 90: shin straight down


def test_elbow_flexion_of_90_with_hanging_arm_points_the_forearm_forward():
    p = solve({**STANDING, "elbow": 90}).points
    assert close(p["elbow"], (0, 20))
    assert close(p["wrist"], (26, 20))


def test_shoulder_flexion_of_180_puts_the_arm_overhead():
    p = solve({**STANDING, "shoulder": 180}).points
    assert close(p["grip"], (0, 50 + 63))


def test_trunk_lean_of_30_degrees_moves_the_shoulder_forward_by_half_the_trunk_length():
    p = solve({**STANDING, "trunk": 30}).points
    assert close(p["shoulder"], (25, 50 * math.cos(math.radians(30))))


def test_plantarflexion_lifts_the_heel_above_the_toe():
    p = solve({**STANDING, "ankle": -40}).points
    assert p["heel"][1] > p["toe"][1] + 10


def test_neck_flexion_moves_the_head_forward_of_the_shoulder():
    p = solve({**STANDING, "neck": 30}).points
    assert p["head"][0] == pytest.approx(19 * math.sin(math.radians(30)))


def test_a_pose_without_every_joint_is_refused():
    with pytest.raises(ValueError, match="missing joints: elbow"):
        solve({j: 0 for j in JOINTS if j != "elbow"})


SEGMENTS = [("hip", "knee", BODY.thigh), ("knee", "ankle", BODY.shin),
            ("hip", "shoulder", BODY.trunk), ("shoulder", "elbow", BODY.upper_arm),
            ("elbow", "wrist", BODY.forearm), ("shoulder", "head", BODY.neck + BODY.head_r)]

angles = st.fixed_dictionaries(
    {j: st.integers(*JOINT_RANGES[j]) for j in JOINTS}
)


@settings(max_examples=200, deadline=None)
@given(angles)
def test_limb_lengths_are_the_same_in_every_pose(joints):
    p = on_floor(solve(joints)).points
    for a, b, length in SEGMENTS:
        assert distance(p[a], p[b]) == pytest.approx(length)


@settings(max_examples=200, deadline=None)
@given(angles)
def test_a_figure_placed_on_the_floor_touches_it_and_never_goes_below(joints):
    pose = on_floor(solve(joints))
    assert pose.lowest() == pytest.approx(0, abs=1e-9)
    for _x, y in pose.torso_outline() + pose.foot_outline():
        assert y >= -1e-9
