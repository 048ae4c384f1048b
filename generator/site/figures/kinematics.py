"""Forward kinematics of the side-view figure (conventions in joints.py).

World coordinates: x forward (the way the figure faces), y up, hip joint at the origin before
the figure is placed. Limb lengths are fixed body proportions (units ~ cm for a 175 cm person),
so every pose of every exercise is drawn with the same body.

Absolute segment directions are angles measured from straight down, positive toward +x:
``direction(0)`` points down, ``direction(90)`` forward, ``direction(180)`` up.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.site.figures.joints import JOINTS

Point = tuple[float, float]


@dataclass(frozen=True)
class Proportions:
    shin: float = 43.0  # knee to ankle
    thigh: float = 44.0  # hip to knee
    trunk: float = 50.0  # hip to shoulder
    neck: float = 8.0  # shoulder to the base of the head
    head_r: float = 11.0
    upper_arm: float = 30.0
    forearm: float = 26.0
    hand: float = 7.0  # wrist to the middle of the grip
    ankle_h: float = 8.0  # ankle joint above the sole
    heel: float = 6.0  # heel behind the ankle
    toe: float = 18.0  # toe tip in front of the ankle
    # half thicknesses, used for drawing and for finding the lowest point
    r_thigh: tuple[float, float] = (9.0, 6.0)
    r_shin: tuple[float, float] = (6.0, 4.0)
    r_upper_arm: tuple[float, float] = (5.0, 4.2)
    r_forearm: tuple[float, float] = (4.2, 3.2)
    r_hand: float = 3.8
    r_neck: float = 5.0


BODY = Proportions()

# Torso outline in the trunk's own frame: hip joint at (0, 0), shoulder at (0, -trunk),
# +x toward the chest. Back and buttocks at -x. Hand-placed to read as a torso from the side.
TORSO: tuple[Point, ...] = (
    (-4, 9), (-11, 4), (-13, -3), (-10, -14), (-8, -24), (-10, -36), (-10, -46), (-6, -53),
    (0, -55), (6, -53), (11, -46), (12, -36), (10, -26), (10, -14), (11, -4), (8, 5),
)


def direction(angle: float) -> Point:
    """Unit vector at ``angle`` degrees from straight down, positive toward +x."""
    rad = math.radians(angle)
    return (math.sin(rad), -math.cos(rad))


def _add(p: Point, v: Point, k: float = 1.0) -> Point:
    return (p[0] + v[0] * k, p[1] + v[1] * k)


@dataclass(frozen=True)
class Segments:
    """Absolute directions (degrees from straight down) of every segment in one pose."""

    trunk_up: float
    thigh: float
    shin: float
    foot: float  # heel-to-toe direction
    upper_arm: float
    forearm: float
    head: float  # from the shoulder toward the crown


def segment_angles(joints: Mapping[str, float]) -> Segments:
    t = joints["trunk"]
    thigh = -t + joints["hip"]
    shin = thigh - joints["knee"]
    upper_arm = -t + joints["shoulder"]
    return Segments(
        trunk_up=180 - t,
        thigh=thigh,
        shin=shin,
        foot=shin + 90 + joints["ankle"],
        upper_arm=upper_arm,
        forearm=upper_arm + joints["elbow"],
        head=180 - t - joints["neck"],
    )


@dataclass(frozen=True)
class Pose:
    """Joint positions of one pose (world coordinates) and the angles that produced them."""

    joints: Mapping[str, float]
    points: Mapping[str, Point]
    segments: Segments
    body: Proportions = field(default=BODY)

    def moved(self, dx: float, dy: float) -> Pose:
        pts = {k: (x + dx, y + dy) for k, (x, y) in self.points.items()}
        return Pose(self.joints, pts, self.segments, self.body)

    def torso_outline(self) -> list[Point]:
        """The torso outline in world coordinates."""
        t = math.radians(self.joints["trunk"])
        hx, hy = self.points["hip"]
        c, s = math.cos(t), math.sin(t)
        # local (lx, ly) with ly down; rotate(t) on screen maps to world (x, -y)
        return [(hx + lx * c - ly * s, hy - (lx * s + ly * c)) for lx, ly in TORSO]

    def foot_outline(self) -> list[Point]:
        b = self.body
        fwd = direction(self.segments.foot)
        down = direction(self.segments.foot - 90)
        sole = _add(self.points["ankle"], down, b.ankle_h)
        heel = _add(sole, fwd, -b.heel)
        toe = _add(sole, fwd, b.toe)
        instep = _add(_add(self.points["ankle"], fwd, b.toe * 0.45), down, b.ankle_h * 0.2)
        back = _add(self.points["ankle"], fwd, -b.heel * 0.8)
        return [back, heel, toe, instep, self.points["ankle"]]

    def capsules(self) -> list[tuple[Point, Point, float, float]]:
        """Every limb as (start, end, start radius, end radius), the way it is drawn."""
        b, p = self.body, self.points
        return [
            (p["hip"], p["knee"], *b.r_thigh),
            (p["knee"], p["ankle"], *b.r_shin),
            (p["shoulder"], p["elbow"], *b.r_upper_arm),
            (p["elbow"], p["wrist"], *b.r_forearm),
            (p["wrist"], p["grip"], b.r_hand, b.r_hand),
            (p["shoulder"], p["neck"], b.r_neck, b.r_neck),
        ]

    def lowest(self) -> float:
        """The lowest y of the drawn body (limb thickness included)."""
        ys = [y for _, y in self.torso_outline()] + [y for _, y in self.foot_outline()]
        for a, c, ra, rc in self.capsules():
            ys += [a[1] - ra, c[1] - rc]
        ys.append(self.points["head"][1] - self.body.head_r)
        return min(ys)

    def bounds(self) -> tuple[float, float, float, float]:
        """(min x, min y, max x, max y) of the drawn body."""
        pts = self.torso_outline() + self.foot_outline()
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        for a, c, ra, rc in self.capsules():
            xs += (a[0] - ra, a[0] + ra, c[0] - rc, c[0] + rc)
            ys += (a[1] - ra, a[1] + ra, c[1] - rc, c[1] + rc)
        hx, hy = self.points["head"]
        r = self.body.head_r
        xs += (hx - r, hx + r)
        ys += (hy - r, hy + r)
        return (min(xs), min(ys), max(xs), max(ys))


def solve(joints: Mapping[str, float], body: Proportions = BODY) -> Pose:
    """Joint positions for one pose, hip joint at the origin."""
    missing = [j for j in JOINTS if j not in joints]
    if missing:
        raise ValueError(f"pose is missing joints: {', '.join(missing)}")
    seg = segment_angles(joints)
    # each direction once: this runs for every sampled animation frame
    head_dir, forearm_dir = direction(seg.head), direction(seg.forearm)
    hip: Point = (0.0, 0.0)
    shoulder = _add(hip, direction(seg.trunk_up), body.trunk)
    neck = _add(shoulder, head_dir, body.neck)
    head = _add(shoulder, head_dir, body.neck + body.head_r)
    elbow = _add(shoulder, direction(seg.upper_arm), body.upper_arm)
    wrist = _add(elbow, forearm_dir, body.forearm)
    grip = _add(wrist, forearm_dir, body.hand)
    knee = _add(hip, direction(seg.thigh), body.thigh)
    ankle = _add(knee, direction(seg.shin), body.shin)
    # heel and toe as foot_outline() finds them
    fwd, down = direction(seg.foot), direction(seg.foot - 90)
    sole = _add(ankle, down, body.ankle_h)
    points = {
        "hip": hip, "shoulder": shoulder, "neck": neck, "head": head, "elbow": elbow,
        "wrist": wrist, "grip": grip, "knee": knee, "ankle": ankle,
        "heel": _add(sole, fwd, -body.heel), "toe": _add(sole, fwd, body.toe),
    }
    return Pose(dict(joints), points, seg, body)


def on_floor(pose: Pose, floor: float = 0.0) -> Pose:
    """The pose moved up or down so its lowest point rests on ``floor``."""
    return pose.moved(0.0, floor - pose.lowest())


def distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def interpolate(a: Mapping[str, float], b: Mapping[str, float], s: float) -> dict[str, float]:
    """Joint angles a fraction ``s`` of the way from pose ``a`` to pose ``b`` (every angle the
    two share, the optional ones of body3d.py included)."""
    return {j: a[j] + (b[j] - a[j]) * s for j in a if j in b}
