"""Side-view movement figures: an animated SVG between an exercise's key poses.

The figure is drawn as nested groups (hip -> thigh -> shin -> foot, trunk -> head, shoulder ->
upper arm -> forearm), so an animation only has to rotate each joint: limbs stay attached and
keep their length in every frame. The joint angles are CSS custom properties animated between
the poses; where the whole figure rests is sampled by the same placing code the static
side-by-side uses, so the feet never slide or sink.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.site.figures.body3d import Body, full_joints, solve3d
from generator.site.figures.kinematics import (
    BODY,
    TORSO,
    Point,
    Pose,
    direction,
    interpolate,
    solve,
)
from generator.site.figures.svg import attrs, esc, num, pair, smooth_d

FLOOR_MAT = 3.0  # mat thickness
HANG_CLEARANCE = 10.0  # feet above the floor when hanging from the bar at the start
PLATE_R = 20.0  # barbell plate radius (a 40 cm bumper plate)
KB_R = 9.0
PAD = 14.0  # margin around the figure
LABEL_H = 20.0  # room for pose names under the static panels
DURATION_S = 2.0  # one way; the animation alternates, so one rep takes twice this
HOLD_END = 0.12  # share of the timeline spent still at the first and the last pose
HOLD_MID = 0.05
FAR_OFFSET = (3.0, -2.0)  # the far arm and leg, seen a little behind the near ones
LOADS = ("barbell", "dumbbells", "kettlebell")


# ---- validation -------------------------------------------------------------------------------


def pose_problems(figure: Mapping, pattern: str | None = None) -> list[tuple[list, str]]:
    """Semantic problems the schema cannot express, as (path in the figure, message): pose
    names, loads in the floor, and the physical checks of checks.py (``pattern`` is the
    exercise's movement pattern: a row's top pose is checked)."""
    problems: list[tuple[list, str]] = []
    poses = figure.get("poses") or []
    if not isinstance(poses, list):
        return problems
    if len(poses) < 2:
        return problems  # the schema asks for two (ListOf min_items); one message is enough
    seen: dict[str, int] = {}
    for i, pose in enumerate(poses):
        name = pose.get("name") if isinstance(pose, Mapping) else None
        if not isinstance(name, str):
            continue
        if name in seen:
            problems.append(
                (["poses", i, "name"],
                 f"pose name {name!r} is used twice (poses {seen[name] + 1} and {i + 1}); "
                 "give every pose its own name")
            )
        seen.setdefault(name, i)
    if problems or not _complete(figure):
        return problems
    scene = build_scene(figure)
    for i, placed in enumerate(scene.poses):
        low = _load_bottom(placed, scene.props)
        if low is not None and low < scene.floor - 1.0:
            problems.append(
                (["poses", i, "joints"],
                 f"in pose {poses[i]['name']!r} the {_load_name(scene.props)} goes "
                 f"{low - scene.floor:.0f} units below the floor; raise the hands "
                 "(less hip or knee bend, or more elbow bend)")
            )
    from generator.site.figures.checks import physical_problems  # checks.py reads Scene

    return problems + physical_problems(scene, pattern)


def _complete(figure: Mapping) -> bool:
    """True when every pose has every joint as a number (the schema reports the rest)."""
    from generator.site.figures.joints import ALL_RANGES, JOINTS, PROPS

    def numbers(values: object, required: Sequence[str]) -> bool:
        return isinstance(values, Mapping) and all(j in values for j in required) and all(
            j in ALL_RANGES and isinstance(v, int | float) and not isinstance(v, bool)
            for j, v in values.items()
        )

    try:
        props_ok = all(p in PROPS for p in figure.get("props") or [])
        return props_ok and all(
            numbers(p["joints"], JOINTS)
            and all(numbers(p.get(side) or {}, ()) for side in ("left", "right"))
            for p in figure["poses"]
        )
    except (KeyError, TypeError, AttributeError):
        return False


def _load_name(props: Sequence[str]) -> str:
    return next((p for p in LOADS if p in props), "weight")


def _load_bottom(pose: Pose, props: Sequence[str]) -> float | None:
    gx, gy = pose.points["grip"]
    if "barbell" in props:
        return gy - PLATE_R
    if "dumbbells" in props:
        return gy - 7.0
    if "kettlebell" in props:
        cx, cy = _kettlebell_centre(pose)
        return cy - KB_R
    return None


def _kettlebell_centre(pose: Pose) -> Point:
    d = direction(pose.segments.forearm)
    gx, gy = pose.points["grip"]
    return (gx + d[0] * 12.0, gy + d[1] * 12.0)


# ---- placing the figure -----------------------------------------------------------------------


@dataclass(frozen=True)
class Bench:
    x0: float
    x1: float
    top: float
    behind: bool  # drawn behind the figure (a support it does not lie on)


@dataclass(frozen=True)
class Scene:
    """Everything needed to draw a figure: placed key poses, props and the floor."""

    names: tuple[str, ...]
    joints: tuple[Mapping[str, float], ...]
    poses: tuple[Pose, ...]
    props: tuple[str, ...]
    floor: float
    anchor: str  # the point that stays put: toe, knee, hip, shoulder, grip
    bar: Point | None
    bench: Bench | None
    band: tuple[str, Point] | None  # (attached to "grip" or "head", anchor point)
    # every angle of each side of each pose (joints.py): ``joints`` above are the right
    # (near) side's, which the side view's rig draws; ``left`` the far side's
    left: tuple[Mapping[str, float], ...] = ()
    cable: Point | None = None  # the pulley, where a band would be anchored
    band_hands: bool = False  # a band held between the hands (a pull-apart), not anchored
    support: str = "right"  # the side whose foot (or knee...) the figure stands on
    anchor_x: float = 0.0  # where the anchor stays, across

    def place(self, joints: Mapping[str, float],
              left: Mapping[str, float] | None = None) -> Pose:
        """The near side's pose, placed; ``left``: the far side's angles, where they differ
        (a free leg must not decide where the figure stands)."""
        left = joints if left is None else left
        near = _solve(joints, left, "right")
        far = _solve(joints, left, "left") if left is not joints else near
        return _place(near, self.floor, self.anchor, self.bar, self._anchor_x,
                      far if self.support == "left" else near, min(near.lowest(), far.lowest()))

    def body(self, right: Mapping[str, float], left: Mapping[str, float] | None = None) -> Body:
        """The pose in three dimensions (body3d.py), placed where the side view places it."""
        hx, hy = self.place(right, left).points["hip"]
        return solve3d(right, None, left if left is not None else right).moved(hx, hy)

    def bodies(self) -> list[Body]:
        """The key poses in three dimensions."""
        return [self.body(r, lf) for r, lf in zip(self.joints, self.left, strict=True)]

    @property
    def _anchor_x(self) -> float:
        return self.anchor_x


def _point(pose: Pose, name: str) -> Point:
    return pose.points[name]


def _bottom_of(pose: Pose, name: str) -> float:
    """Lowest drawn y of a contact candidate."""
    b = pose.body
    if name == "toe":
        return min(y for _, y in pose.foot_outline())
    radius = {"knee": b.r_shin[0], "hip": 13.0, "shoulder": 10.0, "grip": b.r_hand,
              "head": b.head_r}[name]
    return pose.points[name][1] - radius


CONTACTS = ("toe", "knee", "hip", "shoulder", "grip", "head")


def _place(pose: Pose, floor: float, anchor: str, bar: Point | None, anchor_x: float,
           support: Pose | None = None, lowest: float | None = None) -> Pose:
    """``pose`` moved to where it rests; ``support``: the pose of the side that carries the
    figure (its anchor stays put), ``lowest``: the lowest point of both sides."""
    if bar is not None:
        gx, gy = pose.points["grip"]
        return pose.moved(bar[0] - gx, bar[1] - gy)
    # resting on the floor moves the figure straight up or down, so the anchor's x is known
    ref = support or pose
    low = pose.lowest() if lowest is None else lowest
    return pose.moved(anchor_x - _point(ref, anchor)[0], floor - low)


def build_scene(figure: Mapping) -> Scene:
    props = tuple(figure.get("props") or ())
    names = tuple(str(p["name"]) for p in figure["poses"])
    joints = tuple(full_joints(p["joints"], p.get("right")) for p in figure["poses"])
    left = tuple(full_joints(p["joints"], p.get("left")) for p in figure["poses"])
    floor = FLOOR_MAT if "mat" in props else 0.0
    raw = [_solve(j, jl, "right") for j, jl in zip(joints, left, strict=True)]

    bar: Point | None = None
    support, ax = "right", 0.0
    if "pull-up-bar" in props:
        first = raw[0].moved(0.0, floor + HANG_CLEARANCE - raw[0].lowest())
        bar = first.points["grip"]
        anchor = "grip"
        placed = [_place(p, floor, anchor, bar, 0.0) for p in raw]
    else:
        # both sides rest on the floor together; a free leg (a single-leg deadlift's) must not
        # carry the figure: the side whose foot stays down does
        raw_l = [_solve(j, jl, "left") for j, jl in zip(joints, left, strict=True)]
        lows = [min(r.lowest(), lf.lowest()) for r, lf in zip(raw, raw_l, strict=True)]

        def rests(poses: Sequence[Pose], c: str) -> bool:
            return all(_bottom_of(p, c) - lo < 3.0 for p, lo in zip(poses, lows, strict=True))

        if not rests(raw, "toe") and rests(raw_l, "toe"):
            support = "left"
        ref = raw_l if support == "left" else raw
        anchor = next((c for c in CONTACTS if rests(ref, c)), "hip")
        ax = _point(ref[0].moved(0.0, floor - lows[0]), anchor)[0]
        placed = [_place(p, floor, anchor, None, ax, s, lo)
                  for p, s, lo in zip(raw, ref, lows, strict=True)]

    bench = _bench(placed[0], floor) if "bench" in props else None
    if bench is not None and "dumbbells" in props and _own_arm(joints[0], left[0]):
        bench = _kneeling_bench(placed[0], joints[0], left[0], floor)
    band = _band(placed) if "band" in props or "cable" in props else None
    cable = band[1] if band is not None and "cable" in props else None
    band_hands = "band" in props and _hands_spread(joints, left)
    if band_hands:
        band = None
    return Scene(names, joints, tuple(placed), props, floor, anchor, bar, bench, band, left,
                 cable, band_hands, support, ax)


def _solve(right: Mapping[str, float], left: Mapping[str, float], side: str) -> Pose:
    """One side's pose as the side view sees it: its arm where the body in three dimensions
    puts it (an arm out to the side is shorter in the picture), so the figure rests on what
    really touches the floor."""
    from generator.site.figures.joints import EXTRA_JOINTS

    pose = solve(right if side == "right" else left)
    if not any(right[j] or left[j] for j in EXTRA_JOINTS):
        return pose
    body = solve3d(right, None, left)
    points = dict(pose.points)
    for name in ("elbow", "wrist", "grip"):
        x, y, _ = body.side(side, name)
        points[name] = (x, y)
    return Pose(pose.joints, points, pose.segments, pose.body)


def _hands_spread(right: Sequence[Mapping[str, float]],
                  left: Sequence[Mapping[str, float]]) -> bool:
    """True when the hands move apart sideways from the first pose to the last (a band
    pull-apart): the band then runs between them rather than to an anchor."""
    def apart(i: int) -> float:
        body = solve3d(right[i], None, left[i])
        return abs(body.side("right", "grip")[2] - body.side("left", "grip")[2])

    return apart(len(right) - 1) - apart(0) > 20.0


BENCH_MAX = 60.0
SHOULDER_BLADE = (-10, -46)  # a TORSO point
BENCH_STD = 44.0


def _bench(pose: Pose, floor: float) -> Bench:
    """Where the bench goes, read from the first pose: under the upper back when lying face up,
    under the front of the hips (and whatever lies level with them) when face down, under the
    buttocks when upright (seated)."""
    t = pose.joints["trunk"]
    outline = list(zip(pose.torso_outline(), TORSO, strict=True))
    legs = _capsule_bottom(pose.points["hip"], pose.points["knee"], BODY.r_thigh)
    legs += _capsule_bottom(pose.points["knee"], pose.points["ankle"], BODY.r_shin)
    if t <= -30:  # the bench edge sits just below the shoulder blades
        blade = next(w for w, local in outline if local == SHOULDER_BLADE)
        cand, top = [blade], blade[1]
    elif t >= 30:
        cand = [w for w, (lx, ly) in outline if lx > 0]
        top = min(w[1] for w, (lx, ly) in outline if lx > 0 and ly > -14)
        if abs(pose.segments.thigh + 90) < 20:  # lying flat: the thighs rest on it too
            cand += legs[:5]
    else:
        cand = [w for w, (lx, ly) in outline if lx < 0 and ly > -12] + legs[:5]
        top = min(y for _, y in cand)
    touching = [x for x, y in cand if abs(y - top) < 4.0]
    x0, x1 = min(touching) - 6.0, max(touching) + 6.0
    if t <= -30:  # the bench runs on under the head; the back pivots on its edge
        x0, x1 = x0 - 40.0, x1 + 6.0
    if x1 - x0 < 34.0:
        mid = (x0 + x1) / 2
        x0, x1 = mid - 17.0, mid + 17.0
    if top - floor > BENCH_MAX:  # e.g. a one-arm row: the bench stands beside the figure
        return Bench(x0 - 10.0, x1 + 10.0, floor + BENCH_STD, True)
    return Bench(x0, x1, top, False)


def _own_arm(right: Mapping[str, float], left: Mapping[str, float]) -> bool:
    return any(right[j] != left[j] for j in ("shoulder", "elbow", "shoulder_abduction"))


def _kneeling_bench(pose: Pose, right: Mapping[str, float], left: Mapping[str, float],
                    floor: float) -> Bench:
    """A one-arm row's bench: the far (left) knee and hand rest on it, beside the figure, so
    it stands behind the figure at the height of that knee and runs to that hand."""
    hx, hy = pose.points["hip"]
    body = solve3d(right, None, left).moved(hx, hy)
    knee, ankle, hand = (body.side("left", n) for n in ("knee", "ankle", "grip"))
    top = knee[1] - BODY.r_shin[0]
    if top - floor < 20.0:  # the knee is not up on a bench: the usual one beside the figure
        return _bench(pose, floor)
    return Bench(min(knee[0], ankle[0]) - 8.0, hand[0] + 8.0, top, True)


def _capsule_bottom(a: Point, b: Point, radii: tuple[float, float]) -> list[Point]:
    out = []
    for k in range(5):
        s = k / 4
        r = radii[0] + (radii[1] - radii[0]) * s
        out.append((a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s - r))
    return out


def _band(placed: Sequence[Pose]) -> tuple[str, Point]:
    """The band pulls on whichever end moves more between the first and the last pose."""
    first, last = placed[0], placed[-1]

    def travel(name: str) -> float:
        a = _rel(first, name)
        b = _rel(last, name)
        return math.hypot(a[0] - b[0], a[1] - b[1])

    part = "head" if travel("head") > travel("grip") else "grip"
    px, py = first.points[part]
    if part == "head":
        return part, (px + 70.0, py)
    sx, sy = first.points["shoulder"]
    length = math.hypot(px - sx, py - sy) or 1.0
    return part, (px + (px - sx) / length * 60.0, py + (py - sy) / length * 60.0)


def _rel(pose: Pose, name: str) -> Point:
    px, py = pose.points[name]
    sx, sy = pose.points["shoulder"]
    return (px - sx, py - sy)


# ---- timing -------------------------------------------------------------------------------------

# The joints move with this CSS timing function between two poses; the browser interpolates
# them, so only the poses themselves are written as keyframes. EASE_BEZIER is what the keyword
# means, used to compute the in-between frames of whatever cannot be interpolated as an angle.
EASE_CSS = "ease-in-out"
EASE_BEZIER = (0.42, 0.0, 0.58, 1.0)


def _bezier(p1: float, p2: float, s: float) -> float:
    return 3 * (1 - s) ** 2 * s * p1 + 3 * (1 - s) * s * s * p2 + s ** 3


def ease(u: float) -> float:
    """The share of the way from one pose to the next after a share ``u`` of the time."""
    x1, y1, x2, y2 = EASE_BEZIER
    s = u  # solve x(s) = u by Newton's method; x rises monotonically, so it settles quickly
    for _ in range(8):
        err = _bezier(x1, x2, s) - u
        if abs(err) < 1e-9:
            break
        slope = 3 * (1 - s) ** 2 * x1 + 6 * (1 - s) * s * (x2 - x1) + 3 * s * s * (1 - x2)
        if slope < 1e-6:
            break
        s = min(1.0, max(0.0, s - err / slope))
    return _bezier(y1, y2, s)


def holds(n_poses: int) -> list[tuple[float, float]]:
    """(arrive, leave) in percent of the timeline for every pose; the figure is still between
    them. Rounded to what the keyframes say, so computed frames and CSS agree exactly."""
    mids = max(0, n_poses - 2)
    each = (1.0 - 2 * HOLD_END - mids * HOLD_MID) / (n_poses - 1)
    out = [(0.0, round(HOLD_END * 100, 1))]
    t = HOLD_END
    for i in range(1, n_poses):
        t += each
        stay = HOLD_MID if i < n_poses - 1 else HOLD_END
        out.append((round(t * 100, 1), round((t + stay) * 100, 1)))
        t += stay
    return out


def _frames(scene: Scene) -> list[tuple[float, Mapping[str, float], Pose]]:
    """(percent, joint angles, placed pose) at every key pose and at in-between times.

    The joint angles follow ``ease`` between the poses; where the figure rests (the floor, the
    bar) depends on all of them at once, so the hip's place is written at enough times that the
    straight line between two of them stays within DRIFT of the true path (two for most moves,
    more for a whole body swinging round the knees).
    """
    n = len(scene.joints)
    times = holds(n)
    frames: list[tuple[float, Mapping[str, float], Pose]] = []
    for i in range(n):
        arrive, leave = times[i]
        frames.append((arrive, scene.joints[i], scene.poses[i]))
        if leave != arrive:
            frames.append((leave, scene.joints[i], scene.poses[i]))
        if i == n - 1:
            break
        nxt = times[i + 1][0]

        def at(pct: float, i: int = i, leave: float = leave, nxt: float = nxt):
            s = ease((pct - leave) / (nxt - leave))
            j = interpolate(scene.joints[i], scene.joints[i + 1], s)
            jl = interpolate(scene.left[i], scene.left[i + 1], s)
            return (pct, j, scene.place(j, jl))

        frames += _between(at, at(leave), at(nxt))
    return frames


DRIFT = 0.25  # viewBox units, under half a CSS pixel


def _between(at, a: tuple, b: tuple, depth: int = 0) -> list:
    """Frames strictly between ``a`` and ``b`` (bisecting in time) so that the hip moving in a
    straight line from one frame to the next stays within DRIFT of where it belongs."""
    mid_pct = round((a[0] + b[0]) / 2, 1)
    if mid_pct in (a[0], b[0]):
        return []
    mid = at(mid_pct)
    s = (mid_pct - a[0]) / (b[0] - a[0])
    (ax, ay), (bx, by) = a[2].points["hip"], b[2].points["hip"]
    mx, my = mid[2].points["hip"]
    off = math.hypot(ax + (bx - ax) * s - mx, ay + (by - ay) * s - my)
    if depth >= 1 and off <= DRIFT:  # the middle frame is always kept: a chord can hide a bend
        return []
    return _between(at, a, mid, depth + 1) + [mid] + _between(at, mid, b, depth + 1)


# ---- drawing ------------------------------------------------------------------------------------


def _capsule_d(length: float, r0: float, r1: float, offset: float = 0.0,
               flip: bool = False) -> str:
    """A tapered limb from (0, offset) to (0, offset + length) in its own frame; ``flip`` turns
    it half round (it then runs up from the origin)."""
    if length <= 0:
        return ""
    # tangent lines of two circles on the y axis
    s = (r0 - r1) / length
    c = math.sqrt(max(0.0, 1 - s * s))
    k = -1 if flip else 1
    y0 = offset * k

    def p(x: float, y: float) -> str:
        return pair(k * x, k * y + y0)

    return (
        f"M{p(r0 * c, r0 * s)}L{p(r1 * c, length + r1 * s)}"
        f"A{num(r1)} {num(r1)} 0 1 1 {p(-r1 * c, length + r1 * s)}"
        f"L{p(-r0 * c, r0 * s)}A{num(r0)} {num(r0)} 0 1 1 {p(r0 * c, r0 * s)}Z"
    )


# The animated groups: (constant translation along the parent's y, variable) steps, applied in
# order. A variable is one angle of the pose (see _angles), so the same drawing serves every pose:
# each <use> of it sets the variables, and CSS animates them between the poses.
GROUPS: dict[str, tuple[tuple[float, str], ...]] = {
    "trunk": ((0.0, "t"),),
    "head": ((-BODY.trunk, "n"),),
    "thigh": ((0.0, "th"),),
    "shin": ((BODY.thigh, "k"),),
    "foot": ((BODY.shin, "a"),),
    "arm": ((0.0, "t"), (-BODY.trunk, "s")),
    "forearm": ((BODY.upper_arm, "e"),),
    "level": ((BODY.forearm + BODY.hand, "l"),),
}


def _angles(j: Mapping[str, float]) -> dict[str, float]:
    """The rotation (degrees, clockwise on screen) of every animated group's variable.

    ``j`` is a pose as ``rig_joints`` gives it: when the figure has arms that swing out of the
    side view's plane it also holds ``ku`` and ``kf``, the share of the upper arm's and the
    forearm's length that the side view sees, and when one side differs from the other the
    far side's angles with a ``2`` (``hip2``, ``shoulder2``, ...).
    """
    t = j["trunk"]
    out = {"t": t, "n": j["neck"], "th": t - j["hip"], "k": j["knee"], "a": -j["ankle"],
           "s": -j["shoulder"], "e": -j["elbow"], "l": -(t - j["shoulder"] - j["elbow"])}
    for k in ("ku", "kf", "sl"):
        if k in j:
            out[k] = j[k]
    if "hip2" in j:
        out.update({"th2": t - j["hip2"], "k2": j["knee2"], "a2": -j["ankle2"]})
    if "shoulder2" in j:
        out.update({"s2": -j["shoulder2"], "e2": -j["elbow2"],
                    "l2": -(t - j["shoulder2"] - j["elbow2"])})
        for k in ("ku", "kf"):
            if k + "2" in j:
                out[k + "2"] = j[k + "2"]
    return out


NUMBER_VARS = ("ku", "kf", "ku2", "kf2", "sl")  # lengths, not angles


def angle_vars(j: Mapping[str, float], keys: Sequence[str] | None = None) -> str:
    """Custom property declarations (``--bc-t:84deg;...``) for one pose."""
    a = _angles(j)
    return ";".join(f"--bc-{k}:{num(a[k], 3 if k in NUMBER_VARS else 1)}"
                    + ("" if k in NUMBER_VARS else "deg") for k in (keys or a))


def _registrations(keys: Iterable[str]) -> str:
    """@property rules for the variables figures.css does not register (the arm's lengths and
    the far side's angles), so the browser interpolates them rather than jumping. The SVG is
    XML (also as a file of its own), so the syntax's angle brackets are written as entities."""
    out = []
    for k in keys:
        if k in NUMBER_VARS:
            out.append(f'@property --bc-{k}{{syntax:"&lt;number&gt;";inherits:true;'
                       "initial-value:1}")
        elif k.endswith("2"):
            out.append(f'@property --bc-{k}{{syntax:"&lt;angle&gt;";inherits:true;'
                       "initial-value:0deg}")
    return "".join(out)


def rig_joints(scene: Scene) -> list[dict[str, float]]:
    """The side view's rig angles of every key pose (see ``_angles``)."""
    rigs = [_rig(r, lf) for r, lf in zip(scene.joints, scene.left, strict=True)]
    # an arm a few degrees out to the side (dumbbells held clear of the thighs) looks the same
    # length: under 2 % (half a unit) the side view draws it at full length
    scaled = any(abs(r[k] - 1.0) > 0.02 for r in rigs for k in r
                 if k in NUMBER_VARS and k != "sl")
    shrug = len({round(r["sl"], 2) for r in rigs}) > 1
    legs = any(r["two_legs"] for r in rigs)
    arms = any(r["two_arms"] for r in rigs)
    out = []
    for r in rigs:
        keep = {k: v for k, v in r.items() if not k.startswith("two")}
        if not legs:  # the far leg moves as the near one: it needs no angles of its own
            keep = {k: v for k, v in keep.items() if k not in ("hip2", "knee2", "ankle2")}
        if not arms:
            keep = {k: v for k, v in keep.items()
                    if k not in ("shoulder2", "elbow2", "ku2", "kf2")}
        if not scaled:
            keep = {k: v for k, v in keep.items() if k not in NUMBER_VARS or k == "sl"}
        if not shrug:
            keep.pop("sl")
        out.append(keep)
    return out


def _rig(right: Mapping[str, float], left: Mapping[str, float]) -> dict[str, float]:
    from generator.site.figures.joints import LIMB_JOINTS

    body = solve3d(right, None, left)
    out: dict[str, float] = {k: right[k] for k in ("neck", "trunk", "hip", "knee", "ankle")}
    out.update(_arm_rig(body, "right", right))
    # the shoulder joint's place along the trunk line (a shrug lifts it)
    sh = body.side("right", "shoulder")
    out["sl"] = (sh[0] - body.points["hip"][0]) * math.sin(math.radians(right["trunk"])) + (
        sh[1] - body.points["hip"][1]) * math.cos(math.radians(right["trunk"]))
    far = _arm_rig(body, "left", left)
    out.update({"hip2": left["hip"], "knee2": left["knee"], "ankle2": left["ankle"],
                "shoulder2": far["shoulder"], "elbow2": far["elbow"], "ku2": far["ku"],
                "kf2": far["kf"]})
    out["two_legs"] = float(any(right[k] != left[k] for k in LIMB_JOINTS if k in LEGS))
    out["two_arms"] = float(any(right[k] != left[k] for k in LIMB_JOINTS if k not in LEGS))
    return out


LEGS = ("hip", "knee", "ankle", "hip_abduction")


def _arm_rig(body: Body, side: str, a: Mapping[str, float]) -> dict[str, float]:
    """The arm as the side view sees it: the directions of the upper arm and the forearm in
    the picture (as shoulder and elbow angles) and the share of their lengths that shows."""
    sh, el, gr = (body.side(side, n) for n in ("shoulder", "elbow", "grip"))
    t = a["trunk"]
    lu = math.hypot(el[0] - sh[0], el[1] - sh[1])
    lf = math.hypot(gr[0] - el[0], gr[1] - el[1])
    # an arm pointing straight at the reader has no direction in the picture: keep the one
    # its side-view angles give
    up = (math.degrees(math.atan2(el[0] - sh[0], sh[1] - el[1])) if lu > 0.5
          else a["shoulder"] - t)
    fore = (math.degrees(math.atan2(gr[0] - el[0], el[1] - gr[1])) if lf > 0.5
            else up + a["elbow"])
    shoulder = _near(up + t, a["shoulder"])
    return {"shoulder": shoulder, "elbow": _near(fore - up, a["elbow"]),
            "ku": lu / BODY.upper_arm, "kf": lf / (BODY.forearm + BODY.hand)}


def _near(angle: float, to: float) -> float:
    """``angle`` plus or minus whole turns, as close as can be to ``to`` (no spin in CSS)."""
    return angle + 360.0 * round((to - angle) / 360.0)


class _Tree:
    """Opens the animated groups: a transform attribute for the given pose (what a renderer
    without CSS shows) and, when ``dynamic``, a CSS transform that reads the variables.
    ``suffix`` "2" opens the far side's limbs, where they have angles of their own."""

    def __init__(self, joints: Mapping[str, float], dynamic: bool, suffix: str = "") -> None:
        self.angles = _angles(joints)
        self.dynamic = dynamic
        self.suffix = suffix
        self.legs = bool(suffix) and "th2" in self.angles  # the far leg has its own angles
        self.arms = bool(suffix) and "s2" in self.angles

    def _var(self, var: str) -> str:
        own = var + self.suffix
        return own if self.suffix and own in self.angles else var

    def scaled(self, var: str, inner: str) -> str:
        """``inner`` shortened along the limb to the share of it the side view sees."""
        if "ku" not in self.angles:
            return inner
        v = self._var(var)
        out = f'<g transform="scale(1 {num(self.angles[v], 3)})"'
        if self.dynamic:
            out += f' style="transform:scale(1,var(--bc-{v}))"'
        return out + ">" + inner + "</g>"

    def length(self, group: str, dy: float) -> tuple[str, str]:
        """A translation along a limb: (SVG, CSS), shortened like the limb."""
        if group == "arm" and "sl" in self.angles:  # the shoulder joint, raised by a shrug
            return (f"translate(0 {num(-self.angles['sl'])})",
                    "translateY(calc(var(--bc-sl) * -1px))")
        k = {"forearm": "ku", "level": "kf"}.get(group)
        if k is None or "ku" not in self.angles:
            return f"translate(0 {num(dy)})", f"translateY({num(dy)}px)"
        v = self._var(k)
        return (f"translate(0 {num(dy * self.angles[v])})",
                f"translateY(calc(var(--bc-{v}) * {num(dy)}px))")

    def open(self, group: str, part: str | None = None) -> str:
        svg, css = [], []
        for dy, var in GROUPS[group]:
            var = self._var(var)
            if dy:
                a, b = self.length(group, dy)
                svg.append(a)
                css.append(b)
            if num(self.angles[var]) != "0":
                svg.append(f"rotate({num(self.angles[var])})")
            css.append(f"rotate(var(--bc-{var}))")
        out = "<g" + (f' transform="{" ".join(svg)}"' if svg else "")
        if self.dynamic:
            out += f' style="transform:{" ".join(css)}"'
        if part:
            out += f' data-part="{part}"'
        return out + ">"


@functools.cache
def _shapes() -> dict[str, str]:
    """Path data of the body parts, each in its own group's frame; the same for every figure."""
    b = BODY
    foot = [(-b.heel * 0.8, 0.0), (-b.heel, b.ankle_h - 1), (-b.heel + 1, b.ankle_h),
            (b.toe, b.ankle_h), (b.toe, b.ankle_h - 2.5), (b.toe * 0.45, 1.6), (3.5, -2.5)]
    r, cy = b.head_r, -(b.neck + b.head_r)
    return {
        "thigh": _capsule_d(b.thigh, *b.r_thigh),
        "shin": _capsule_d(b.shin, *b.r_shin),
        "foot": smooth_d(foot, corners=(2, 3)),
        "upper_arm": _capsule_d(b.upper_arm, *b.r_upper_arm),
        "forearm": _capsule_d(b.forearm, *b.r_forearm),
        "hand": _capsule_d(b.hand, b.r_hand, b.r_hand * 0.9, offset=b.forearm),
        "torso": smooth_d(TORSO),
        "neck": _capsule_d(b.neck + 2, b.r_neck, b.r_neck, flip=True),
        # head with a small nose bump so the facing direction reads at thumbnail size
        "head": (f'<circle cy="{num(cy)}" r="{num(r)}"/>'
                 f'<path d="M{pair(r - 2, cy - 3)}L{pair(r + 2.2, cy + 1.5)}'
                 f'L{pair(r - 1.5, cy + 3)}Z"/>'),
    }


def _load(tree: _Tree, props: Sequence[str], side: str) -> str:
    """The load held in one hand, in groups that follow the arm; barbell plates and dumbbells
    stay level (world-aligned), a kettlebell hangs from the forearm."""
    inner = ""
    if "barbell" in props:
        # the far plate sits behind the body, the bar end shows in the near hand
        inner = (f'<circle class="bc-prop bc-plate" r="{num(PLATE_R)}"/>'
                 '<circle class="bc-prop-soft" r="6"/>' if side == "far"
                 else '<circle class="bc-prop" r="2.6"/>')
    elif "dumbbells" in props:
        inner = ('<rect class="bc-prop" x="-5" y="-1.6" width="10" height="3.2" rx="1"/>'
                 '<rect class="bc-prop" x="-13" y="-7" width="8" height="14" rx="2.5"/>'
                 '<rect class="bc-prop" x="5" y="-7" width="8" height="14" rx="2.5"/>')
    elif "kettlebell" in props and side == "near":
        grip_svg, grip_css = tree.length("level", BODY.forearm + BODY.hand)
        css = f' style="transform:{grip_css}"' if tree.dynamic and "ku" in tree.angles else ""
        return (tree.open("arm") + tree.open("forearm")
                + f'<g class="bc-prop" transform="{grip_svg}"{css}>'
                '<path d="M-5-3Q0-9 5-3L5 5L-5 5Z"/>'
                f'<circle cy="12" r="{num(KB_R)}"/></g></g></g>')
    if not inner:
        return ""
    return tree.open("arm") + tree.open("forearm") + tree.open("level") + inner + "</g></g></g>"


def _figure_defs(uid: str, props: Sequence[str], joints: Mapping[str, float],
                 dynamic: bool, far_load: bool = True) -> str:
    """The figure, hip joint at the origin, as ``#{uid}f``; its leg and arm (``#{uid}l``,
    ``#{uid}a``) are drawn three times each: far, as a halo in the page colour (so a near limb
    stands out against the torso without seams at its joints), and near. Where the far side
    has angles of its own (``rig_joints``) its leg and arm are ``#{uid}l2`` and ``#{uid}a2``;
    ``far_load``: the far hand holds the load too (not when it leans on a bench)."""
    sh = _shapes()
    t = _Tree(joints, dynamic)

    def limbs(tree: _Tree, key: str) -> str:
        leg = (
            f'<g id="{uid}l{key}">' + tree.open("thigh") + f'<path d="{sh["thigh"]}"/>'
            + tree.open("shin", "shin") + f'<path d="{sh["shin"]}"/>'
            + tree.open("foot", "foot") + f'<path d="{sh["foot"]}"/></g></g></g></g>'
        )
        grip_svg, grip_css = tree.length("level", BODY.forearm + BODY.hand)
        grip_style = f' style="transform:{grip_css}"' if dynamic and "ku" in tree.angles else ""
        arm = (
            f'<g id="{uid}a{key}">' + tree.open("arm")
            + tree.scaled("ku", f'<path d="{sh["upper_arm"]}"/>')
            + tree.open("forearm", "forearm")
            + tree.scaled("kf", f'<path d="{sh["forearm"]}{sh["hand"]}"/>')
            + f'<g data-part="grip" transform="{grip_svg}"{grip_style}/></g></g></g>'
        )
        return leg, arm

    far_tree = _Tree(joints, dynamic, "2")
    fx, fy = FAR_OFFSET
    far_held = _load(far_tree, props, "far") if far_load else ""
    far_leg = "2" if far_tree.legs else ""
    far_arm = "2" if far_tree.arms else ""
    figure = (
        f'<g id="{uid}f">'
        f'<g class="bc-fig-far" transform="translate({num(fx)} {num(fy)})">'
        f'<use href="#{uid}l{far_leg}"/><use href="#{uid}a{far_arm}"/>{far_held}</g>'
        '<g class="bc-fig-near">' + t.open("trunk") + f'<path d="{sh["torso"]}"/>'
        + t.open("head") + f'<path d="{sh["neck"]}"/>{sh["head"]}</g></g></g>'
        f'<use class="bc-fig-halo" href="#{uid}l"/><use class="bc-fig-near" href="#{uid}l"/>'
        f'<use class="bc-fig-halo" href="#{uid}a"/><use class="bc-fig-near" href="#{uid}a"/>'
        + _load(t, props, "near") + "</g>"
    )
    near_leg, near_arm = limbs(t, "")
    far_leg_d, far_arm_d = limbs(far_tree, "2")
    defs = (near_leg + near_arm + (far_leg_d if far_leg else "")
            + (far_arm_d if far_arm else ""))
    return f"<defs>{defs}{figure}</defs>"


def _use_figure(uid: str, root: Point, style: str = "", cls: str = "") -> str:
    """One showing of the figure with its hip joint at ``root`` (SVG coordinates)."""
    return (f'<use href="#{uid}f"' + (f' class="{cls}"' if cls else "")
            + f' transform="translate({num(root[0])} {num(root[1])})"'
            + (f' style="{style}"' if style else "") + "/>")


# ---- scene furniture -----------------------------------------------------------------------------


def _to_svg(p: Point, ox: float, top: float) -> Point:
    return (p[0] + ox, top - p[1])


def _furniture(scene: Scene, ox: float, top: float, x0: float, x1: float) -> tuple[str, str]:
    """(behind the figure, in front of the figure) static props and the floor."""
    back, front = [], []
    fy = top - 0.0
    back.append(f'<line class="bc-floor" x1="{num(x0)}" y1="{num(fy)}" x2="{num(x1)}" '
                f'y2="{num(fy)}"/>')
    if "mat" in scene.props:
        mx0 = min(p.bounds()[0] for p in scene.poses) - 8 + ox
        mx1 = max(p.bounds()[2] for p in scene.poses) + 8 + ox
        back.append(f'<rect class="bc-prop-soft" x="{num(mx0)}" y="{num(top - FLOOR_MAT)}" '
                    f'width="{num(mx1 - mx0)}" height="{num(FLOOR_MAT)}" rx="1.5"/>')
    if scene.bench is not None:
        bn = scene.bench
        bx0, bx1 = bn.x0 + ox, bn.x1 + ox
        by = top - bn.top
        legs = "".join(
            f'<rect class="bc-prop" x="{num(x - 2)}" y="{num(by + 6)}" width="4" '
            f'height="{num(max(0.0, top - by - 6))}"/>'
            for x in (bx0 + 6, bx1 - 6)
        )
        cls = "bc-prop-soft" if bn.behind else "bc-prop"
        legs = legs.replace('class="bc-prop"', f'class="{cls}"')
        back.append(f'<g class="bc-bench">{legs}<rect class="{cls}" x="{num(bx0)}" '
                    f'y="{num(by)}" width="{num(bx1 - bx0)}" height="6" rx="2.5"/></g>')
    if scene.bar is not None:
        bx, by = _to_svg(scene.bar, ox, top)
        back.append(f'<line class="bc-prop-line bc-bar-mount" x1="{num(bx)}" y1="{num(by)}" '
                    f'x2="{num(bx)}" y2="{num(by - 14)}"/>')
        front.append(f'<circle class="bc-prop" cx="{num(bx)}" cy="{num(by)}" r="3.2"/>')
    if scene.cable is not None:
        # a pulley on the machine's column (drawn as a post beyond the pulley)
        ax, ay = _to_svg(scene.cable, ox, top)
        back.append(f'<rect class="bc-prop-soft bc-post" x="{num(ax + 4)}" y="{num(ay - 12)}" '
                    f'width="5" height="24" rx="1.5"/>'
                    f'<circle class="bc-prop bc-pulley" cx="{num(ax)}" cy="{num(ay)}" r="4.5"/>'
                    f'<circle class="bc-prop-soft" cx="{num(ax)}" cy="{num(ay)}" r="1.5"/>')
    elif scene.band is not None:
        ax, ay = _to_svg(scene.band[1], ox, top)
        back.append(f'<circle class="bc-prop" cx="{num(ax)}" cy="{num(ay)}" r="3"/>'
                    f'<line class="bc-prop-soft bc-post" x1="{num(ax)}" y1="{num(ay)}" '
                    f'x2="{num(ax + 6)}" y2="{num(ay)}"/>')
    return "".join(back), "".join(front)


# A cable is thinner and darker than a band, and ends in a handle across it.
CABLE_STYLE = ".bc-cable{stroke:var(--bc-prop,#8b9099);stroke-width:1.6}"
HANDLE = 5.0  # half the handle's length


def _band_d(scene: Scene, pose: Pose, ox: float, top: float) -> str:
    assert scene.band is not None
    part, anchor = scene.band
    px, py = pose.points[part]
    if part == "head":
        px -= BODY.head_r * 0.8
    a = _to_svg(anchor, ox, top)
    p = _to_svg((px, py), ox, top)
    if scene.cable is None:
        return f"M{pair(*a)}L{pair(*p)}"
    # the handle: a short bar across the cable, in the hand
    dx, dy = p[0] - a[0], p[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    hx, hy = -dy / n * HANDLE, dx / n * HANDLE
    return f"M{pair(*a)}L{pair(*p)}M{pair(p[0] - hx, p[1] - hy)}L{pair(p[0] + hx, p[1] + hy)}"


# ---- whole SVGs ---------------------------------------------------------------------------------


def _bounds(scene: Scene, poses: Sequence[Pose]) -> tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = zip(*(p.bounds() for p in poses), strict=True)
    x0, y0, x1, y1 = min(xs0), min(ys0), max(xs1), max(ys1)
    for p in poses:
        gx, gy = p.points["grip"]
        if "barbell" in scene.props:
            x0, x1 = min(x0, gx - PLATE_R), max(x1, gx + PLATE_R)
            y1 = max(y1, gy + PLATE_R)
        elif "dumbbells" in scene.props:
            x0, x1 = min(x0, gx - 13), max(x1, gx + 13)
        elif "kettlebell" in scene.props:
            cx, cy = _kettlebell_centre(p)
            x0, x1 = min(x0, cx - KB_R), max(x1, cx + KB_R)
            y0 = min(y0, cy - KB_R)
    if scene.bench is not None:
        x0, x1 = min(x0, scene.bench.x0), max(x1, scene.bench.x1)
    if scene.bar is not None:
        y1 = max(y1, scene.bar[1] + 14)
    if scene.band is not None:
        ax, ay = scene.band[1]
        x0, x1, y0, y1 = min(x0, ax - 4), max(x1, ax + 8), min(y0, ay - 4), max(y1, ay + 4)
    return x0, min(y0, scene.floor, 0.0), x1, y1


def _uid(figure: Mapping, title: str, thumbnail: bool) -> str:
    key = json.dumps([figure, title, thumbnail], sort_keys=True, default=str)
    return "bm" + hashlib.sha1(key.encode()).hexdigest()[:6]


def _svg_open(uid: str, cls: str, w: float, h: float, title: str, desc: str,
              style: str | None = None, slice_: bool = False, inline: bool = True) -> str:
    # data-search-exclude: Material's search leaves a figure drawn into a page out of the index,
    # so its title, description and pose labels do not run together in search results.
    # Thumbnails are files of their own, never indexed.
    return (
        "<svg "
        + attrs(
            xmlns="http://www.w3.org/2000/svg",
            class_=cls,
            viewBox=f"0 0 {num(w)} {num(h)}",
            preserveAspectRatio="xMidYMid slice" if slice_ else None,
            role="img",
            aria_labelledby=f"{uid}t {uid}d",
            style=style,
            data_search_exclude="" if inline else None,
        )
        + f'><title id="{uid}t">{esc(title)}</title><desc id="{uid}d">{esc(desc)}</desc>'
    )


def _describe(scene: Scene) -> str:
    props = [p.replace("-", " ") for p in scene.props]
    text = "Side view of the movement, from " + " to ".join(
        f"the {n} pose" if i == 0 else n for i, n in enumerate(scene.names)
    ) + " and back."
    if props:
        text += " Equipment shown: " + ", ".join(props) + "."
    return text


def placeholder_svg(title: str, *, thumbnail: bool = False) -> str:
    uid = _uid({}, title, thumbnail)
    w, h = (120.0, 120.0) if thumbnail else (240.0, 180.0)
    cls = "bc-move bc-move--placeholder" + (" bc-move--thumb" if thumbnail else "")
    out = _svg_open(uid, cls, w, h, title, "No movement figure yet for this exercise.",
                    inline=not thumbnail)
    out += ("<style>.bc-placeholder-box{fill:none;stroke:var(--bc-ink-faint,#9aa0a8);"
            "stroke-width:1.5;stroke-dasharray:6 5}"
            "text{fill:var(--bc-ink-soft,#80868f);font:12px sans-serif}</style>")
    out += (f'<rect class="bc-placeholder-box" x="6" y="6" width="{num(w - 12)}" '
            f'height="{num(h - 12)}" rx="10"/>')
    lines = ["No movement", "figure yet"] if thumbnail else ["No movement figure yet"]
    y0 = h / 2 - 8 * (len(lines) - 1)
    for i, line in enumerate(lines):
        out += (f'<text x="{num(w / 2)}" y="{num(y0 + 16 * i)}" text-anchor="middle" '
                f'dominant-baseline="middle">{line}</text>')
    return out + "</svg>"


def movement_views(figure: Mapping | None, *, title: str) -> list[str]:
    """One SVG per view the figure asks for (``views``, default the side view alone), in that
    order. With more than one view each title names its view ("...: front view"), so a reader
    of the text alternatives can tell them apart."""
    views = list((figure or {}).get("views") or ["side"])
    if len(views) == 1 or not figure or not figure.get("poses"):
        return [movement_svg(figure, title=title, view=views[0] if figure else "side")]
    return [movement_svg(figure, title=f"{title}: {v} view", view=v) for v in views]


def movement_svg(figure: Mapping | None, *, title: str, thumbnail: bool = False,
                 view: str = "side") -> str:
    """The movement figure of one exercise (``figure`` is its validated ``figure:`` mapping),
    seen from the side (this module) or from the ``front`` or the ``rear`` (frontview.py).

    Animated between the poses; a static side-by-side of the poses with their names shows for
    readers who prefer reduced motion and in print. ``thumbnail``: small, still, last pose.
    Without a figure: a placeholder that says so.

    The body is drawn once (in ``<defs>``) and shown with ``<use>``: once animated, once per
    pose in the static strip. Each use sets the pose's joint angles as custom properties
    (``--bc-t`` ...), which the groups of the drawing turn into rotations; the animation is
    keyframes of those properties at the poses only (figures.css registers them as angles so
    the browser interpolates them), plus the sampled position of the hip.
    """
    if not figure or not figure.get("poses"):
        return placeholder_svg(title, thumbnail=thumbnail)
    if view != "side" and not thumbnail:
        from generator.site.figures.frontview import view_svg  # frontview builds on this module

        return view_svg(figure, title=title, view=view)
    scene = build_scene(figure)
    uid = _uid(figure, title, thumbnail)
    if thumbnail:
        return _thumbnail(scene, uid, title)

    frames = _frames(scene)
    x0, y0, x1, y1 = _bounds(scene, [f[2] for f in frames])
    panel_w = (x1 - x0) + 2 * PAD
    fig_h = (y1 - y0) + 2 * PAD
    height = fig_h + LABEL_H
    n = len(scene.poses)
    width = panel_w * n
    top = y1 + PAD  # world y of the SVG top edge
    ox = (width - panel_w) / 2 + PAD - x0  # the animated figure, centred in the strip

    rig = rig_joints(scene)
    css = _keyframes(scene, frames, uid, ox, top, rig)
    first = scene.poses[0]
    animations = [name for name, _ in css["figure"]]
    timing = [t for _, t in css["figure"]]
    style = (angle_vars(rig[0]) + f";animation-name:{','.join(animations)}"
             + f";animation-timing-function:{','.join(timing)}")
    back, front = _furniture(scene, ox, top, ox + x0 - PAD, ox + x1 + PAD)
    band = ""
    cable = " bc-cable" if scene.cable is not None else ""
    if scene.band is not None:
        band = (f'<path class="bc-prop-line{cable} bc-j" style="animation-name:{uid}b" '
                f'd="{_band_d(scene, first, ox, top)}"/>')
    caption = " \u2194 ".join(scene.names)
    anim = (
        '<g class="bc-move-anim">' + back + band
        + _use_figure(uid, _to_svg(first.points["hip"], ox, top), style, "bc-j") + front
        + f'<text x="{num(width / 2)}" y="{num(height - 6)}" text-anchor="middle">'
        + f"{esc(caption)}</text></g>"
    )

    statics = []
    for i, pose in enumerate(scene.poses):
        sx = panel_w * i + PAD - x0
        b2, f2 = _furniture(scene, sx, top, sx + x0 - PAD + 4, sx + x1 + PAD - 4)
        band_s = ""
        if scene.band is not None:
            band_s = f'<path class="bc-prop-line{cable}" d="{_band_d(scene, pose, sx, top)}"/>'
        statics.append(
            f'<g class="bc-pose" data-pose="{esc(scene.names[i])}">' + b2 + band_s
            + _use_figure(uid, _to_svg(pose.points["hip"], sx, top),
                          angle_vars(rig[i]))
            + f2 + f'<text x="{num(panel_w * i + panel_w / 2)}" y="{num(height - 6)}" '
            f'text-anchor="middle">{esc(scene.names[i])}</text></g>'
        )
    static = '<g class="bc-move-static" display="none">' + "".join(statics) + "</g>"
    # the CSS sizes figures from their viewBox so every page draws the body at the same scale
    svg_style = (f"--bc-anim-ratio:{num(panel_w)}/{num(height)};--bc-panel-w:{num(panel_w)};"
                 f"--bc-strip-w:{num(width)};--bc-anim-duration:{num(DURATION_S)}s")
    return (
        _svg_open(uid, "bc-move", width, height, title, _describe(scene), svg_style,
                  slice_=True)
        + f"<style>{_registrations(css['moving'])}{css['text']}"
        + f"{CABLE_STYLE if cable else ''}</style>"
        + _figure_defs(uid, scene.props, rig[0], dynamic=True, far_load=_far_load(scene))
        + anim + static + "</svg>"
    )


def _far_load(scene: Scene) -> bool:
    from generator.site.figures.checks import support_hand

    return support_hand(scene) != "left"


def _keyframes(scene: Scene, frames: Sequence[tuple[float, Mapping[str, float], Pose]],
               uid: str, ox: float, top: float, rig: Sequence[Mapping[str, float]]) -> dict:
    """The animation's CSS: joint angles at the poses (eased by the browser), the hip's place
    and the band at every sampled frame (linear between them)."""
    n = len(scene.joints)
    all_angles = [_angles(j) for j in rig]
    moving = [k for k in all_angles[0] if len({num(a[k], 3) for a in all_angles}) > 1]
    rules: list[str] = []
    figure: list[tuple[str, str]] = []
    if moving:
        blocks = []
        for (arrive, leave), joints in zip(holds(n), rig, strict=True):
            at = _percents([arrive, leave])
            blocks.append(f"{at}{{{angle_vars(joints, moving)}}}")
        rules.append(f"@keyframes {uid}j{{{''.join(blocks)}}}")
        figure.append((f"{uid}j", EASE_CSS))

    hips = [(pct, _to_svg(pose.points["hip"], ox, top)) for pct, _, pose in frames]
    if len({(num(x), num(y)) for _, (x, y) in hips}) > 1:
        rules.append(f"@keyframes {uid}r{{" + _merged(
            (pct, f"transform:translate({num(x)}px,{num(y)}px)") for pct, (x, y) in hips
        ) + "}")
        figure.append((f"{uid}r", "linear"))
    if scene.band is not None:
        rules.append(f"@keyframes {uid}b{{" + _merged(
            (pct, f'd:path("{_band_d(scene, pose, ox, top)}")') for pct, _, pose in frames
        ) + "}")
    return {"text": "".join(rules), "figure": figure, "moving": moving}


def _percents(values: Iterable[float]) -> str:
    return ",".join(f"{num(v)}%" for v in dict.fromkeys(values))


def _merged(frames: Iterable[tuple[float, str]]) -> str:
    """Keyframe blocks in time order; neighbours with the same declaration share one block."""
    runs: list[tuple[list[float], str]] = []
    for pct, decl in sorted(frames, key=lambda f: f[0]):
        if runs and runs[-1][1] == decl:
            runs[-1][0].append(pct)
        else:
            runs.append(([pct], decl))
    return "".join(f"{_percents(p)}{{{d}}}" for p, d in runs)


# Thumbnails are also served as stand-alone files (an <img> cannot see the page's CSS), so they
# carry their own colours: the page's variables when inlined, mid-greys that read on light and
# dark backgrounds otherwise.
THUMB_STYLE = (
    ".bc-fig-near{fill:var(--bc-fig-near,#6e737c)}"
    ".bc-fig-far{fill:var(--bc-fig-far,#aeb3bb)}"
    ".bc-fig-halo{fill:none;stroke:var(--bc-paper,#fff);stroke-opacity:.8;stroke-width:2.4}"
    ".bc-prop{fill:var(--bc-prop,#8b9099)}"
    ".bc-prop-soft{fill:var(--bc-prop-soft,#c9ccd2);stroke:var(--bc-prop,#8b9099);"
    "stroke-width:.8}"
    ".bc-prop-line{fill:none;stroke:var(--bc-fig-accent,#8b9099);stroke-width:2;"
    "stroke-linecap:round}"
    ".bc-floor{stroke:var(--bc-floor,#9aa0a8);stroke-width:1.5;stroke-linecap:round}"
)


def _thumbnail(scene: Scene, uid: str, title: str) -> str:
    pose = scene.poses[-1]
    x0, y0, x1, y1 = _bounds(scene, [pose])
    side = max(x1 - x0, y1 - y0) + 2 * 8.0
    ox = (side - (x1 - x0)) / 2 - x0
    top = y1 + (side - (y1 - y0)) / 2
    back, front = _furniture(scene, ox, top, 2.0, side - 2.0)
    band = ""
    if scene.band is not None:
        cable = " bc-cable" if scene.cable is not None else ""
        band = f'<path class="bc-prop-line{cable}" d="{_band_d(scene, pose, ox, top)}"/>'
    out = _svg_open(uid, "bc-move bc-move--thumb", side, side, title,
                    f"{title}: the {scene.names[-1]} pose.", inline=False)
    out += f"<style>{THUMB_STYLE}{CABLE_STYLE if scene.cable is not None else ''}</style>"
    out += _figure_defs(uid, scene.props, rig_joints(scene)[-1], dynamic=False,
                        far_load=_far_load(scene))
    return (out + back + band + _use_figure(uid, _to_svg(pose.points["hip"], ox, top))
            + front + "</svg>")
