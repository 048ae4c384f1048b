"""The figure in three dimensions: the side view's joint angles plus the ones it cannot show.

World coordinates as in kinematics.py, with a third axis: x forward (the way the figure faces),
y up, z toward the figure's right (toward a reader of the side view, which sees the right
side). The hips' midpoint is at the origin before the figure is placed.

Every side-view angle keeps its meaning: with no abduction, rotation or per-side override the
x and y of every point here are exactly what kinematics.solve() gives (tested), so the side
view, the front and rear views and the physical checks all describe one body.

How the extra angles act (joints.py says what they mean to a content author):

- the trunk's frame: ``u`` up the spine, ``f`` out of the chest, ``r`` to the right; the
  shoulders turn about ``u`` by ``trunk_rotation``, the pelvis does not;
- a limb's direction is its side-view direction (``s``, in the plane of ``u`` and ``f``) swung
  out to its own side by the abduction: ``cos(ab) * s + sin(ab) * side``;
- the elbow and the knee bend in the plane of the limb and ``b``, the side view's bending
  direction (perpendicular to ``s`` and to the side, so to the limb at any abduction); the
  shoulder's rotation turns ``b`` about the upper arm.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.site.figures.joints import ALL_RANGES, SIDES
from generator.site.figures.kinematics import BODY, Proportions

Vec = tuple[float, float, float]

SHOULDER_HALF = 18.0  # midline to the shoulder joint
HIP_HALF = 9.0  # midline to the hip joint
LIMB_RADIUS = {"upper_arm": 4.6, "forearm": 3.7, "thigh": 7.5, "shin": 5.0}


def _add(a: Vec, b: Vec, k: float = 1.0) -> Vec:
    return (a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k)


def _mix(a: Vec, ka: float, b: Vec, kb: float) -> Vec:
    return (a[0] * ka + b[0] * kb, a[1] * ka + b[1] * kb, a[2] * ka + b[2] * kb)


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _cs(deg: float) -> tuple[float, float]:
    rad = math.radians(deg)
    return math.cos(rad), math.sin(rad)


def full_joints(joints: Mapping[str, float], override: Mapping[str, float] | None = None
                ) -> dict[str, float]:
    """Every angle (the optional ones default to 0), with one side's overrides applied."""
    out = {j: float(joints.get(j, 0)) for j in ALL_RANGES}
    out.update({j: float(v) for j, v in (override or {}).items()})
    return out


@dataclass(frozen=True)
class Body:
    """Joint positions of one pose in three dimensions.

    ``points`` holds the midline points (``hip``, ``shoulder``, ``neck``, ``head``) and, per
    side, ``right.elbow``, ``left.grip`` and so on (shoulder, elbow, wrist, grip, hip, knee,
    ankle, heel, toe). ``frame`` holds the trunk's unit vectors ``u``, ``f``, ``r`` (pelvis)
    and ``f2``, ``r2`` (the shoulders, turned by ``trunk_rotation``).
    """

    points: Mapping[str, Vec]
    frame: Mapping[str, Vec]
    sides: Mapping[str, Mapping[str, float]]  # the angles of each side
    body: Proportions = BODY

    def moved(self, dx: float, dy: float, dz: float = 0.0) -> Body:
        pts = {k: (x + dx, y + dy, z + dz) for k, (x, y, z) in self.points.items()}
        return Body(pts, self.frame, self.sides, self.body)

    def side(self, side: str, name: str) -> Vec:
        return self.points[f"{side}.{name}"]

    def limbs(self) -> list[tuple[str, str, Vec, Vec, float]]:
        """Every limb as (side, name, start, end, radius), for the collision checks."""
        out = []
        for s in SIDES:
            p = lambda n, s=s: self.points[f"{s}.{n}"]  # noqa: E731
            out += [
                (s, "upper_arm", p("shoulder"), p("elbow"), LIMB_RADIUS["upper_arm"]),
                (s, "forearm", p("elbow"), p("grip"), LIMB_RADIUS["forearm"]),
                (s, "thigh", p("hip"), p("knee"), LIMB_RADIUS["thigh"]),
                (s, "shin", p("knee"), p("ankle"), LIMB_RADIUS["shin"]),
            ]
        return out


def solve3d(joints: Mapping[str, float], right: Mapping[str, float] | None = None,
            left: Mapping[str, float] | None = None, body: Proportions = BODY) -> Body:
    """Every joint of one pose in three dimensions, the hips' midpoint at the origin."""
    sides = {"right": full_joints(joints, right), "left": full_joints(joints, left)}
    j = sides["right"]
    ct, st = _cs(j["trunk"])
    u: Vec = (st, ct, 0.0)
    f: Vec = (ct, -st, 0.0)
    r: Vec = (0.0, 0.0, 1.0)
    cr, sr = _cs(j["trunk_rotation"])
    f2 = _mix(f, cr, r, sr)
    r2 = _mix(r, cr, f, -sr)
    hip: Vec = (0.0, 0.0, 0.0)
    shoulder = _add(hip, u, body.trunk)
    cn, sn = _cs(j["neck"])
    head_dir = _mix(u, cn, f2, sn)
    points: dict[str, Vec] = {
        "hip": hip, "shoulder": shoulder,
        "neck": _add(shoulder, head_dir, body.neck),
        "head": _add(shoulder, head_dir, body.neck + body.head_r),
    }
    for name, a in sides.items():
        sign = 1.0 if name == "right" else -1.0
        out_sh = _mix(r2, sign, r2, 0.0)  # the shoulder's own side
        out_hip = _mix(r, sign, r, 0.0)
        # arm
        # a shrug lifts the shoulder joint on the collarbone, pivoting at the breastbone
        ce, se = _cs(a["shoulder_elevation"])
        sh = _add(_add(shoulder, out_sh, SHOULDER_HALF * ce), u, SHOULDER_HALF * se)
        arm, bend = _limb(u, f2, out_sh, a["shoulder"], a["shoulder_abduction"])
        if a["shoulder_rotation"]:
            # turning the bending direction about the upper arm, outward for +
            cq, sq = _cs(a["shoulder_rotation"])
            bend = _mix(bend, cq, _cross(arm, bend), sq * sign)
        ce, se = _cs(a["elbow"])
        fore = _mix(arm, ce, bend, se)
        elbow = _add(sh, arm, body.upper_arm)
        wrist = _add(elbow, fore, body.forearm)
        # leg: the knee bends backwards, the foot points forward of the shin
        hp = _add(hip, out_hip, HIP_HALF)
        thigh, lbend = _limb(u, f, out_hip, a["hip"], a["hip_abduction"])
        ck, sk = _cs(-a["knee"])
        shin = _mix(thigh, ck, lbend, sk)
        cf, sf = _cs(-a["knee"] + 90 + a["ankle"])
        foot = _mix(thigh, cf, lbend, sf)
        cd, sd = _cs(-a["knee"] + a["ankle"])  # the foot's downward normal
        down = _mix(thigh, cd, lbend, sd)
        knee = _add(hp, thigh, body.thigh)
        ankle = _add(knee, shin, body.shin)
        sole = _add(ankle, down, body.ankle_h)
        points.update({
            f"{name}.shoulder": sh, f"{name}.elbow": elbow, f"{name}.wrist": wrist,
            f"{name}.grip": _add(wrist, fore, body.hand), f"{name}.hip": hp,
            f"{name}.knee": knee, f"{name}.ankle": ankle,
            f"{name}.heel": _add(sole, foot, -body.heel), f"{name}.toe": _add(sole, foot, body.toe),
        })
    frame = {"u": u, "f": f, "r": r, "f2": f2, "r2": r2}
    return Body(points, frame, sides, body)


def _limb(u: Vec, f: Vec, side: Vec, flexion: float, abduction: float) -> tuple[Vec, Vec]:
    """(direction, bending direction) of an arm or a thigh: down the trunk at 0, swung forward
    by ``flexion`` in the side-view plane, then out to ``side`` by ``abduction``."""
    cp, sp = _cs(flexion)
    s = _mix(u, -cp, f, sp)
    bend = _mix(u, sp, f, cp)
    ca, sa = _cs(abduction)
    return _mix(s, ca, side, sa), bend
