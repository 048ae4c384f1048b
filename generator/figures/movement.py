"""Side-view movement figures: an animated SVG between an exercise's key poses.

The figure is drawn as nested groups (hip -> thigh -> shin -> foot, trunk -> head, shoulder ->
upper arm -> forearm), so a CSS animation only has to rotate each joint: limbs stay attached and
keep their length in every frame. Every frame is also placed on the floor (or hangs from the bar)
by the same code the static side-by-side uses, so the feet never slide or sink.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.figures.kinematics import BODY, TORSO, Point, Pose, direction, interpolate, solve
from generator.figures.svg import attrs, esc, num, smooth_d

FLOOR_MAT = 3.0  # mat thickness
HANG_CLEARANCE = 10.0  # feet above the floor when hanging from the bar at the start
PLATE_R = 20.0  # barbell plate radius (a 40 cm bumper plate)
KB_R = 9.0
PAD = 14.0  # margin around the figure
LABEL_H = 20.0  # room for pose names under the static panels
DURATION_S = 2.0  # one way; the animation alternates, so one rep takes twice this
HOLD_END = 0.12  # share of the timeline spent still at the first and the last pose
HOLD_MID = 0.05
SAMPLES = 10  # frames per transition between two poses
FAR_OFFSET = (3.0, -2.0)  # the far arm and leg, seen a little behind the near ones
LOADS = ("barbell", "dumbbells", "kettlebell")


# ---- validation -------------------------------------------------------------------------------


def pose_problems(figure: Mapping) -> list[tuple[list, str]]:
    """Semantic problems the schema cannot express, as (path in the figure, message)."""
    problems: list[tuple[list, str]] = []
    poses = figure.get("poses") or []
    if not isinstance(poses, list):
        return problems
    if len(poses) < 2:
        problems.append((["poses"], "needs at least two poses (a start and an end) to animate"))
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
    return problems


def _complete(figure: Mapping) -> bool:
    """True when every pose has every joint as a number (the schema reports the rest)."""
    from generator.figures.joints import JOINTS, PROPS

    try:
        props_ok = all(p in PROPS for p in figure.get("props") or [])
        return props_ok and all(
            isinstance(p["joints"][j], int | float) for p in figure["poses"] for j in JOINTS
        )
    except (KeyError, TypeError):
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

    def place(self, joints: Mapping[str, float]) -> Pose:
        return _place(solve(joints), self.floor, self.anchor, self.bar, self._anchor_x)

    @property
    def _anchor_x(self) -> float:
        return _point(self.poses[0], self.anchor)[0]


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


def _place(pose: Pose, floor: float, anchor: str, bar: Point | None, anchor_x: float) -> Pose:
    if bar is not None:
        gx, gy = pose.points["grip"]
        return pose.moved(bar[0] - gx, bar[1] - gy)
    rested = pose.moved(0.0, floor - pose.lowest())
    return rested.moved(anchor_x - _point(rested, anchor)[0], 0.0)


def build_scene(figure: Mapping) -> Scene:
    props = tuple(figure.get("props") or ())
    names = tuple(str(p["name"]) for p in figure["poses"])
    joints = tuple({k: float(v) for k, v in p["joints"].items()} for p in figure["poses"])
    floor = FLOOR_MAT if "mat" in props else 0.0
    raw = [solve(j) for j in joints]

    bar: Point | None = None
    if "pull-up-bar" in props:
        first = raw[0].moved(0.0, floor + HANG_CLEARANCE - raw[0].lowest())
        bar = first.points["grip"]
        anchor = "grip"
        placed = [_place(p, floor, anchor, bar, 0.0) for p in raw]
    else:
        rested = [p.moved(0.0, floor - p.lowest()) for p in raw]
        anchor = next(
            (c for c in CONTACTS if all(_bottom_of(p, c) - floor < 3.0 for p in rested)), "hip"
        )
        ax = _point(rested[0], anchor)[0]
        placed = [_place(p, floor, anchor, None, ax) for p in raw]

    bench = _bench(placed[0], floor) if "bench" in props else None
    band = _band(placed) if "band" in props else None
    return Scene(names, joints, tuple(placed), props, floor, anchor, bar, bench, band)


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


# ---- frames -------------------------------------------------------------------------------------


def _ease(u: float) -> float:
    return u * u * (3 - 2 * u)


def timeline(n_poses: int) -> list[tuple[float, int, float]]:
    """(percent, from pose index, eased fraction toward the next pose) for every keyframe."""
    transitions = n_poses - 1
    mids = max(0, n_poses - 2)
    moving = 1.0 - 2 * HOLD_END - mids * HOLD_MID
    each = moving / transitions
    out: list[tuple[float, int, float]] = [(0.0, 0, 0.0)]
    t = HOLD_END
    for i in range(transitions):
        if i > 0:
            out.append((t, i, 0.0))
            t += HOLD_MID
        for k in range(SAMPLES + 1):
            u = k / SAMPLES
            out.append((t + each * u, i, _ease(u)))
        t += each
    out.append((1.0, transitions, 0.0))
    return out


def _frames(scene: Scene) -> list[tuple[float, Mapping[str, float], Pose]]:
    frames = []
    n = len(scene.joints)
    for pct, i, s in timeline(n):
        last = i >= n - 1
        j = scene.joints[-1] if last else interpolate(scene.joints[i], scene.joints[i + 1], s)
        frames.append((pct, j, scene.place(j)))
    return frames


# ---- drawing ------------------------------------------------------------------------------------


def _capsule_d(length: float, r0: float, r1: float) -> str:
    """A tapered limb from (0, 0) to (0, length) in its own frame."""
    if length <= 0:
        return ""
    # tangent lines of two circles on the y axis
    s = (r0 - r1) / length
    c = math.sqrt(max(0.0, 1 - s * s))
    p0r, p0l = (r0 * c, r0 * s), (-r0 * c, r0 * s)
    p1r, p1l = (r1 * c, length + r1 * s), (-r1 * c, length + r1 * s)
    return (
        f"M{num(p0r[0])} {num(p0r[1])} L{num(p1r[0])} {num(p1r[1])} "
        f"A{num(r1)} {num(r1)} 0 1 1 {num(p1l[0])} {num(p1l[1])} "
        f"L{num(p0l[0])} {num(p0l[1])} A{num(r0)} {num(r0)} 0 1 1 {num(p0r[0])} {num(p0r[1])}Z"
    )


def _foot_d() -> str:
    b = BODY
    pts = [(-b.heel * 0.8, 0.0), (-b.heel, b.ankle_h - 1), (-b.heel + 1, b.ankle_h),
           (b.toe, b.ankle_h), (b.toe, b.ankle_h - 2.5), (b.toe * 0.45, 1.6), (3.5, -2.5)]
    return smooth_d(pts, corners=(2, 3))


def _torso_d() -> str:
    return smooth_d(TORSO)


def _head_d() -> str:
    r = BODY.head_r
    # head with a small nose bump so the facing direction reads at thumbnail size
    return (
        f'<circle cx="0" cy="{num(-(BODY.neck + r))}" r="{num(r)}"/>'
        f'<path d="M{num(r - 2)} {num(-(BODY.neck + r) - 3)} L{num(r + 2.2)} '
        f'{num(-(BODY.neck + r) + 1.5)} L{num(r - 1.5)} {num(-(BODY.neck + r) + 3)}Z"/>'
    )


def _transforms(j: Mapping[str, float], root: Point) -> dict[str, str]:
    """SVG transform (function list) of every animated group, for one frame."""
    b = BODY
    t, hip, knee, ankle = j["trunk"], j["hip"], j["knee"], j["ankle"]
    sh, el, neck = j["shoulder"], j["elbow"], j["neck"]
    return {
        "root": f"translate({num(root[0])}px, {num(root[1])}px)",
        "thigh": f"rotate({num(t - hip)}deg)",
        "shin": f"translate(0px, {num(b.thigh)}px) rotate({num(knee)}deg)",
        "foot": f"translate(0px, {num(b.shin)}px) rotate({num(-ankle)}deg)",
        "arm": f"translate(0px, 0px) rotate({num(t)}deg) translate(0px, {num(-b.trunk)}px) "
               f"rotate({num(-sh)}deg)",
        "forearm": f"translate(0px, {num(b.upper_arm)}px) rotate({num(-el)}deg)",
        "level": f"translate(0px, {num(b.forearm + b.hand)}px) rotate({num(-(t - sh - el))}deg)",
        "trunk": f"rotate({num(t)}deg)",
        "head": f"translate(0px, {num(-b.trunk)}px) rotate({num(neck)}deg)",
    }


def _svg_transform(css: str) -> str:
    """The same transform as an SVG attribute (no units), for renderers without CSS."""
    return (css.replace("px", "").replace("deg", "").replace(", ", " "))


class _Groups:
    """Writes the figure's nested groups, with static transforms or animation names."""

    def __init__(self, frame0: tuple[Mapping[str, float], Point], anim: str | None) -> None:
        self.tf = _transforms(*frame0)
        self.anim = anim

    def open(self, key: str, cls: str = "", side: str = "") -> str:
        a = {"class_": ("bc-j " + cls).strip() if self.anim else (cls or None),
             "transform": _svg_transform(self.tf[key]),
             "data_part": f"{side}-{key}" if side else key}
        if self.anim:
            a["style"] = f"animation-name: {self.anim}-{key}"
        return f"<g {attrs(**a)}>"


def _limbs(g: _Groups, side: str, props: Sequence[str]) -> tuple[str, str]:
    """The leg and the arm of one side; side "halo" draws their outline only, in the page
    colour, so a near limb stands out against the torso without seams at its joints."""
    b = BODY
    cls = f"bc-fig-{side}"
    if side == "halo":
        props = ()
    leg = (
        g.open("thigh", side=side)
        + f'<path class="{cls}" d="{_capsule_d(b.thigh, *b.r_thigh)}"/>'
        + g.open("shin", side=side)
        + f'<path class="{cls}" d="{_capsule_d(b.shin, *b.r_shin)}"/>'
        + g.open("foot", side=side) + f'<path class="{cls}" d="{_foot_d()}"/>'
        + "</g></g></g>"
    )
    hand_d = _capsule_d(b.hand, b.r_hand, b.r_hand * 0.9)
    arm = (
        g.open("arm", side=side)
        + f'<path class="{cls}" d="{_capsule_d(b.upper_arm, *b.r_upper_arm)}"/>'
        + g.open("forearm", side=side)
        + f'<path class="{cls}" d="{_capsule_d(b.forearm, *b.r_forearm)}"/>'
        + f'<g transform="translate(0 {num(b.forearm)})"><path class="{cls}" d="{hand_d}"/></g>'
        + f'<g data-part="{side}-grip" transform="translate(0 {num(b.forearm + b.hand)})"/>'
        + _hand_load(g, props, side)
        + "</g></g>"
    )
    return leg, arm


def _hand_load(g: _Groups, props: Sequence[str], side: str) -> str:
    """Loads held in the hand; barbell plates and dumbbells stay level (world-aligned)."""
    grip_y = BODY.forearm + BODY.hand
    if "barbell" in props:
        # the far plate sits behind the body, the bar end shows in the near hand
        if side == "far":
            return (g.open("level") + f'<circle class="bc-prop bc-plate" r="{num(PLATE_R)}"/>'
                    + '<circle class="bc-prop-soft" r="6"/></g>')
        return g.open("level") + '<circle class="bc-prop" r="2.6"/></g>'

    if "dumbbells" in props:
        return (
            g.open("level", f"bc-load-{side}")
            + '<rect class="bc-prop" x="-5" y="-1.6" width="10" height="3.2" rx="1"/>'
            + '<rect class="bc-prop" x="-13" y="-7" width="8" height="14" rx="2.5"/>'
            + '<rect class="bc-prop" x="5" y="-7" width="8" height="14" rx="2.5"/></g>'
        )
    if "kettlebell" in props and side == "near":
        return (
            f'<g transform="translate(0 {num(grip_y)})">'
            '<path class="bc-prop" d="M-5 -3 Q0 -9 5 -3 L5 5 L-5 5Z" fill-rule="evenodd"/>'
            f'<circle class="bc-prop" cx="0" cy="{num(12)}" r="{num(KB_R)}"/></g>'
        )
    return ""


def _body(g: _Groups, props: Sequence[str]) -> str:
    far_leg, far_arm = _limbs(g, "far", props)
    near_leg, near_arm = _limbs(g, "near", props)
    halo_leg, halo_arm = _limbs(g, "halo", props)
    fx, fy = FAR_OFFSET
    far = f'<g transform="translate({num(fx)} {num(fy)})">{far_leg}{far_arm}</g>'
    neck_d = _capsule_d(BODY.neck + 2, BODY.r_neck, BODY.r_neck)
    trunk = (
        g.open("trunk") + f'<path class="bc-fig-near" d="{_torso_d()}"/>'
        + g.open("head")
        + f'<g transform="rotate(180)"><path class="bc-fig-near" d="{neck_d}"/></g>'
        + f'<g class="bc-fig-near">{_head_d()}</g></g></g>'
    )
    return g.open("root") + far + trunk + halo_leg + near_leg + halo_arm + near_arm + "</g>"


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
    if scene.band is not None:
        ax, ay = _to_svg(scene.band[1], ox, top)
        back.append(f'<circle class="bc-prop" cx="{num(ax)}" cy="{num(ay)}" r="3"/>'
                    f'<line class="bc-prop-soft bc-post" x1="{num(ax)}" y1="{num(ay)}" '
                    f'x2="{num(ax + 6)}" y2="{num(ay)}"/>')
    return "".join(back), "".join(front)


def _band_d(scene: Scene, pose: Pose, ox: float, top: float) -> str:
    assert scene.band is not None
    part, anchor = scene.band
    px, py = pose.points[part]
    if part == "head":
        px -= BODY.head_r * 0.8
    a = _to_svg(anchor, ox, top)
    p = _to_svg((px, py), ox, top)
    return f"M{num(a[0])} {num(a[1])} L{num(p[0])} {num(p[1])}"


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
    return "bcm" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _svg_open(uid: str, cls: str, w: float, h: float, title: str, desc: str,
              style: str | None = None, slice_: bool = False) -> str:
    return (
        "<svg "
        + attrs(
            xmlns="http://www.w3.org/2000/svg",
            class_=cls,
            viewBox=f"0 0 {num(w)} {num(h)}",
            preserveAspectRatio="xMidYMid slice" if slice_ else None,
            role="img",
            aria_labelledby=f"{uid}-t {uid}-d",
            style=style,
        )
        + f'><title id="{uid}-t">{esc(title)}</title><desc id="{uid}-d">{esc(desc)}</desc>'
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
    out = _svg_open(uid, cls, w, h, title, "No movement figure yet for this exercise.")
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


def movement_svg(figure: Mapping | None, *, title: str, thumbnail: bool = False) -> str:
    """The movement figure of one exercise (``figure`` is its validated ``figure:`` mapping).

    Animated between the poses; a static side-by-side of the poses with their names shows for
    readers who prefer reduced motion and in print. ``thumbnail``: small, still, last pose.
    Without a figure: a placeholder that says so.
    """
    if not figure or not figure.get("poses"):
        return placeholder_svg(title, thumbnail=thumbnail)
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

    # animated figure, centred in the strip
    ox = (width - panel_w) / 2 + PAD - x0
    css = []
    keys = list(_transforms(frames[0][1], (0.0, 0.0)))
    per_key: dict[str, list[str]] = {k: [] for k in keys}
    band_frames: list[str] = []
    for pct, j, pose in frames:
        root = _to_svg(pose.points["hip"], ox, top)
        tf = _transforms(j, root)
        for k in keys:
            per_key[k].append(f"{num(pct * 100)}%{{transform:{tf[k]}}}")
        if scene.band is not None:
            band_frames.append(f'{num(pct * 100)}%{{d:path("{_band_d(scene, pose, ox, top)}")}}')
    for k in keys:
        if len(set(s.split("{", 1)[1] for s in per_key[k])) > 1:
            css.append(f"@keyframes {uid}-{k}{{{''.join(per_key[k])}}}")
    if band_frames:
        css.append(f"@keyframes {uid}-band{{{''.join(band_frames)}}}")
    first = scene.poses[0]
    g = _Groups((scene.joints[0], _to_svg(first.points["hip"], ox, top)), uid)
    back, front = _furniture(scene, ox, top, ox + x0 - PAD, ox + x1 + PAD)
    band = ""
    if scene.band is not None:
        band = (f'<path class="bc-prop-line bc-j" style="animation-name: {uid}-band" '
                f'd="{_band_d(scene, first, ox, top)}"/>')
    caption = " \u2194 ".join(scene.names)
    anim = (
        '<g class="bc-move-anim">' + back + band + _body(g, scene.props) + front
        + f'<text x="{num(width / 2)}" y="{num(height - 6)}" text-anchor="middle">'
        + f"{esc(caption)}</text></g>"
    )

    statics = []
    for i, pose in enumerate(scene.poses):
        sx = panel_w * i + PAD - x0
        gs = _Groups((scene.joints[i], _to_svg(pose.points["hip"], sx, top)), None)
        b2, f2 = _furniture(scene, sx, top, sx + x0 - PAD + 4, sx + x1 + PAD - 4)
        band_s = ""
        if scene.band is not None:
            band_s = f'<path class="bc-prop-line" d="{_band_d(scene, pose, sx, top)}"/>'
        statics.append(
            f'<g class="bc-pose" data-pose="{esc(scene.names[i])}">' + b2 + band_s
            + _body(gs, scene.props) + f2
            + f'<text x="{num(panel_w * i + panel_w / 2)}" y="{num(height - 6)}" '
            f'text-anchor="middle">{esc(scene.names[i])}</text></g>'
        )
    static = '<g class="bc-move-static" display="none">' + "".join(statics) + "</g>"
    # the CSS sizes figures from their viewBox so every page draws the body at the same scale
    style = (f"--bc-anim-ratio: {num(panel_w)} / {num(height)}; --bc-panel-w: {num(panel_w)}; "
             f"--bc-strip-w: {num(width)}; --bc-anim-duration: {num(DURATION_S)}s")
    out = _svg_open(uid, "bc-move", width, height, title, _describe(scene), style, slice_=True)
    out += f"<style>{''.join(css)}</style>" + anim + static + "</svg>"
    return out


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
    g = _Groups((scene.joints[-1], _to_svg(pose.points["hip"], ox, top)), None)
    back, front = _furniture(scene, ox, top, 2.0, side - 2.0)
    band = ""
    if scene.band is not None:
        band = f'<path class="bc-prop-line" d="{_band_d(scene, pose, ox, top)}"/>'
    out = _svg_open(uid, "bc-move bc-move--thumb", side, side, title,
                    f"{title}: the {scene.names[-1]} pose.")
    out += f"<style>{THUMB_STYLE}</style>"
    return out + back + band + _body(g, scene.props) + front + "</svg>"

