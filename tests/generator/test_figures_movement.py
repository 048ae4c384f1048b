"""Movement figure SVG: placeholder, animation, static strip, thumbnail and pose checks."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from generator.site.figures.joints import JOINTS
from generator.site.figures.kinematics import BODY
from generator.site.figures.movement import (
    _frames,
    _to_svg,
    build_scene,
    ease,
    movement_svg,
    pose_problems,
)

SVG = "{http://www.w3.org/2000/svg}"


def pose(name, **angles):
    return {"name": name, "joints": {j: angles.get(j, 0) for j in JOINTS}}


RDL = {
    "props": ["barbell"],
    "poses": [
        pose("start", knee=5, ankle=5, shoulder=6),
        pose("bottom", neck=-5, trunk=88, hip=110, knee=20, ankle=-2, shoulder=64),
    ],
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_no_figure_gives_a_titled_placeholder_that_says_so():
    for figure in (None, {}, {"poses": []}):
        root = parse(movement_svg(figure, title="Shrug: movement"))
        assert root.find(f"{SVG}title").text == "Shrug: movement"
        assert "No movement figure yet" in "".join(root.itertext())


def test_animated_figure_is_well_formed_titled_and_describes_its_poses():
    root = parse(movement_svg(RDL, title="How to do the Romanian deadlift"))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "How to do the Romanian deadlift"
    desc = root.find(f"{SVG}desc").text
    assert "start" in desc and "bottom" in desc and "barbell" in desc


def _keyframes(style: str) -> dict[str, list[tuple[list[str], str]]]:
    """@keyframes name -> [(percentages, declarations)]."""
    out = {}
    for name, body in re.findall(r"@keyframes ([\w-]+)\{((?:[^{}]*\{[^}]*\})*)\}", style):
        blocks = re.findall(r"([\d.,%]+)\{([^}]*)\}", body)
        out[name] = [(at.split(","), decl) for at, decl in blocks]
    return out


def _vars(decl: str) -> dict[str, float]:
    return {k: float(v) for k, v in re.findall(r"--bc-(\w+):(-?[\d.]+)deg", decl)}


def test_animation_moves_the_joints_through_exactly_the_drawn_poses():
    svg = movement_svg(RDL, title="RDL")
    root = parse(svg)
    frames = _keyframes(root.find(f"{SVG}style").text)
    anim = next(u for u in root.iter(f"{SVG}use") if "bc-j" in u.get("class", "").split())
    names = re.search(r"animation-name:([\w,-]+)", anim.get("style")).group(1).split(",")
    timing = re.search(r"animation-timing-function:([\w,-]+)", anim.get("style")).group(1)
    assert set(names) <= set(frames)  # every animation it names exists
    joints = next(n for n in names if any("--bc-" in d for _, d in frames[n]))
    # the browser eases the joint angles between the poses (one keyframe block per pose) ...
    assert timing.split(",")[names.index(joints)] == "ease-in-out"
    static = [u for u in root.iter(f"{SVG}use") if u.get("class") is None
              and u.get("href", "").endswith("f") and "--bc-t" in (u.get("style") or "")]
    blocks = frames[joints]
    assert len(blocks) == len(static) == 2
    for (_, decl), use in zip(blocks, static, strict=True):
        drawn = _vars(use.get("style"))
        assert all(drawn[k] == pytest.approx(v) for k, v in _vars(decl).items())
    # ... and the trunk and hips really move between them
    assert {"t", "th"} <= set(_vars(blocks[0][1]))


def test_css_easing_and_the_computed_frames_agree():
    # ease-in-out as Chromium evaluates it (Web Animations, sampled once by hand)
    for u, y in [(0.1, 0.019722), (0.25, 0.129162), (0.5, 0.5), (0.7, 0.812604)]:
        assert ease(u) == pytest.approx(y, abs=1e-5)


def test_the_figure_is_drawn_once_and_shown_by_reference():
    svg = movement_svg(RDL, title="RDL")
    root = parse(svg)
    defs = root.find(f"{SVG}defs")
    ids = {el.get("id") for el in defs.iter() if el.get("id")}
    uses = [u.get("href") for u in root.iter(f"{SVG}use")]
    assert all(h.startswith("#") and h[1:] in ids for h in uses)
    # one animated showing plus one per pose in the static strip
    figure = next(i for i in ids if i.endswith("f"))
    assert uses.count(f"#{figure}") == 1 + len(RDL["poses"])


def test_static_strip_shows_every_pose_with_its_name_and_is_hidden_until_asked_for():
    root = parse(movement_svg(RDL, title="RDL"))
    static = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "bc-move-static")
    assert static.get("display") == "none"  # figures.css shows it for reduced motion and print
    poses = [g for g in static.iter(f"{SVG}g") if g.get("class") == "bc-pose"]
    assert [g.get("data-pose") for g in poses] == ["start", "bottom"]
    assert [g.find(f"{SVG}text").text for g in poses] == ["start", "bottom"]


def test_thumbnail_is_small_still_and_shows_the_last_pose():
    root = parse(movement_svg(RDL, title="Romanian deadlift", thumbnail=True))
    assert "bc-move--thumb" in root.get("class")
    style = root.find(f"{SVG}style")
    assert "@keyframes" not in style.text and "animation" not in movement_svg(
        RDL, title="Romanian deadlift", thumbnail=True)
    # a stand-alone thumbnail file carries its own fallback colours
    assert "var(--bc-fig-near," in style.text
    assert root.find(f"{SVG}title").text == "Romanian deadlift"
    assert "bottom" in root.find(f"{SVG}desc").text


def test_pose_names_and_titles_are_escaped():
    fig = {"props": [], "poses": [pose("<b>start</b>"), pose('end" onload="x', knee=20)]}
    svg = movement_svg(fig, title="<script>alert(1)</script>")
    assert "<script>" not in svg and "<b>" not in svg and 'onload="x' not in svg
    parse(svg)


def _matrix(transform: str):
    """The affine matrix (a, b, c, d, e, f) of an SVG transform attribute."""
    m = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for fn, args in re.findall(r"(\w+)\(([^)]*)\)", transform):
        v = [float(x) for x in args.replace(",", " ").split()]
        if fn == "translate":
            n = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0)
        elif fn == "rotate":
            r = math.radians(v[0])
            n = (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0, 0)
        else:
            raise AssertionError(fn)
        a, b, c, d, e, f = m
        a2, b2, c2, d2, e2, f2 = n
        m = (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2,
             a * e2 + c * f2 + e, b * e2 + d * f2 + f)
    return m


def _drawn_parts(root: ET.Element, panel: ET.Element) -> dict[tuple[str, str], tuple]:
    """Where every group with a data-part puts its origin in one static panel, as a renderer
    does it: following each <use> to what it shows and reading the joint angles its style sets
    (custom properties the groups' CSS transforms use). Keys are (side, part); side is the
    class of the <use> the part is seen through (near, far, halo)."""
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    top = next(u for u in panel.iter(f"{SVG}use"))
    angles = dict(re.findall(r"--bc-(\w+):(-?[\d.]+)deg", top.get("style")))
    out: dict[tuple[str, str], tuple] = {}

    def transform_of(el: ET.Element) -> str:
        css = re.search(r"transform:([^;]+)", el.get("style") or "")
        if not css:
            return el.get("transform") or ""
        text = re.sub(r"var\(--bc-(\w+)\)", lambda m: angles[m.group(1)], css.group(1))
        return text.replace("translateY(", "translate(0 ").replace("px", "").replace("deg", "")

    def walk(el: ET.Element, chain: str, side: str) -> None:
        chain = f"{chain} {transform_of(el)}"
        cls = el.get("class", "").split()
        side = next((c[len("bc-fig-"):] for c in cls if c.startswith("bc-fig-")), side)
        if el.get("data-part"):
            m = _matrix(chain)
            out[(side, el.get("data-part"))] = (m[4], m[5])
        if el.tag == f"{SVG}use":
            walk(ids[el.get("href")[1:]], chain, side)
        for child in el:
            walk(child, chain, side)

    walk(top, "", "")
    m = _matrix(transform_of(top))
    out[("", "hip")] = (m[4], m[5])
    return out


@pytest.mark.parametrize("part,point", [("foot", "ankle"), ("shin", "knee"),
                                        ("grip", "grip"), ("forearm", "elbow")])
def test_drawn_joints_sit_where_the_kinematics_put_them(part, point):
    root = parse(movement_svg(RDL, title="RDL"))
    scene = build_scene(RDL)
    panels = [g for g in root.iter(f"{SVG}g") if g.get("class") == "bc-pose"]
    assert len(panels) == len(scene.poses)
    for i, panel in enumerate(panels):
        drawn = _drawn_parts(root, panel)
        hip = drawn[("", "hip")]
        near = drawn[("near", part)]
        placed = scene.poses[i]
        hx, hy = placed.points["hip"]
        px, py = placed.points[point]
        # the static panel draws world (x, y) at (x + ox, top - y); compare relative to the hip
        # (coordinates are written to a tenth of a unit)
        assert near[0] - hip[0] == pytest.approx(px - hx, abs=0.3)
        assert near[1] - hip[1] == pytest.approx(-(py - hy), abs=0.3)
        # the far limb is the same limb seen a little behind
        far = drawn[("far", part)]
        assert far[0] - near[0] == pytest.approx(3.0, abs=0.01)
    assert _to_svg((0, 0), 0, 0) == (0, 0)


def test_every_animation_frame_stays_on_the_floor_with_the_feet_planted():
    scene = build_scene(RDL)
    frames = _frames(scene)
    toes = {round(f[2].points["toe"][0], 6) for f in frames}
    assert len(toes) == 1  # the toes are the anchor: the feet never slide
    for _, _, placed in frames:
        assert placed.lowest() == pytest.approx(0, abs=1e-6)


def test_the_hip_keyframes_are_the_computed_frames_in_time_order():
    root = parse(movement_svg(RDL, title="RDL"))
    frames = _keyframes(root.find(f"{SVG}style").text)
    hips = next(b for b in frames.values() if "translate" in b[0][1])
    times = [float(t.rstrip("%")) for at, _ in hips for t in at]
    assert times == sorted(times) and times[0] == 0 and times[-1] == 100
    assert len(times) == len({f[0] for f in _frames(build_scene(RDL))})


def test_limb_lengths_stay_fixed_in_every_animation_frame():
    for _, _, placed in _frames(build_scene(RDL)):
        p = placed.points
        assert math.dist(p["hip"], p["knee"]) == pytest.approx(BODY.thigh)
        assert math.dist(p["knee"], p["ankle"]) == pytest.approx(BODY.shin)
        assert math.dist(p["shoulder"], p["elbow"]) == pytest.approx(BODY.upper_arm)


def test_hanging_from_the_bar_keeps_the_hands_on_the_bar_and_the_feet_off_the_floor():
    fig = {"props": ["pull-up-bar"], "poses": [
        pose("hang", shoulder=175, elbow=5),
        pose("top", shoulder=40, elbow=140),
    ]}
    scene = build_scene(fig)
    for placed in scene.poses:
        assert placed.points["grip"] == pytest.approx(scene.bar)
        assert placed.lowest() > 5
    assert scene.poses[1].lowest() > scene.poses[0].lowest() + 20  # the body rises


def test_a_good_figure_has_no_pose_problems():
    assert pose_problems(RDL) == []


def test_a_single_pose_is_left_to_the_schema_which_asks_for_two():
    assert pose_problems({"poses": [pose("start")]}) == []


def test_a_repeated_pose_name_is_a_problem_pointing_at_the_second_one():
    problems = pose_problems({"poses": [pose("start"), pose("start", knee=30)]})
    assert len(problems) == 1
    path, message = problems[0]
    assert path == ["poses", 1, "name"]
    assert "'start' is used twice" in message


def test_a_barbell_through_the_floor_is_a_problem():
    deep = {"props": ["barbell"], "poses": [
        pose("start", shoulder=6),
        pose("bottom", trunk=100, hip=120, knee=60, ankle=30, shoulder=100),
    ]}
    # (the bar is also far in front of the feet: the physical checks report that too)
    [problem] = [p for p in pose_problems(deep) if "below the floor" in p[1]]
    assert problem[0] == ["poses", 1, "joints"]
    assert "barbell goes" in problem[1]


def test_pose_problems_leave_schema_errors_to_the_schema():
    # missing joints and unknown props are the schema's to report; no crash, no duplicates
    assert pose_problems({"props": ["rocket"], "poses": [pose("a"), pose("b")]}) == []
    assert pose_problems({"poses": [{"name": "a", "joints": {}}, pose("b")]}) == []
