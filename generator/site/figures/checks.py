"""Physical checks of a movement figure: what a coach would object to in a drawing.

A figure can be drawable and still teach a wrong movement: a bar hanging in front of the toes,
a row that stops at mid-thigh, dumbbells swinging through the thighs, a heel sliding or lifting.
Each check here reads the placed poses (in the side view and in three dimensions, body3d.py)
and returns problems as (path in the figure, message), like ``movement.pose_problems``; the
content checker turns the path into the pose's line and column.

Lengths are the figure's units, which are centimetres of a 175 cm person (kinematics.py), so
the messages say cm.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from generator.site.figures.body3d import Body, Vec
from generator.site.figures.kinematics import BODY, Point, interpolate

# The bar (or the dumbbells, the kettlebell) of a standing lift stays over the middle of the
# foot: the part of the foot between the heel and the toes that balance allows (a third of
# the foot's 24 cm either way of its middle).
MIDFOOT_TOLERANCE = 8.0
# Loads rest against the body (a bar sliding down the thighs, dumbbells beside them): this
# much overlap of their drawn shapes is contact, more is passing through.
CONTACT = 4.0
# A row's top pose brings the load (or the hands) this close to the torso.
ROW_REACH = 6.0
# Feet on the floor: within this of it.
ON_FLOOR = 2.0
# How far apart the two hands may be on one implement: in the side view (a bar is rigid and
# level) and, for a kettlebell's handle, in three dimensions.
SAME_BAR = 2.0
KB_HANDLE = 12.0
STEPS = 6  # in-between frames checked for collisions between two poses

BAR_R = 1.5
DUMBBELL_R = 6.0  # the heads, whose centres sit DUMBBELL_HALF in front of and behind the hand
DUMBBELL_HALF = 9.0
KB_R = 8.0
TORSO_HALF_WIDTH = 15.0  # beside the spine, at the ribs
TORSO_FRONT, TORSO_BACK = 10.0, 11.0  # in front of and behind the hip-shoulder line

Problem = tuple[list, str]


# Lifts whose load the legs and back carry (hinges, rows, shrugs) keep it over the middle of
# the foot. In a fly or a raise the arms move a light load out from the body, and a kettlebell
# swing moves the bell on momentum (behind the heels in the backswing, out in front at the
# top): there the whole body's balance is what must hold (``_balance``).
LIGHT_LOAD_KG = 5.0  # per hand, for the balance of a fly or raise
KETTLEBELL_KG = 16.0
BODY_KG = 75.0
# Share of the body's mass by segment (Winter, Biomechanics and Motor Control of Human
# Movement): (segment, mass share); each segment's mass sits at its middle.
SEGMENT_MASS = (("head", 0.081), ("trunk", 0.497), ("upper_arm", 0.028), ("forearm", 0.022),
                ("thigh", 0.10), ("shin", 0.0465), ("foot", 0.0145))


def physical_problems(scene, pattern: str | None = None) -> list[Problem]:
    """Every physical problem of a built scene (``movement.build_scene``)."""
    bodies = scene.bodies()
    problems: list[Problem] = []
    if pattern in ("fly", "raise") or load_of(scene.props) == "kettlebell":
        problems += _balance(scene, bodies)
    else:
        problems += _midfoot(scene, bodies)
    problems += _hands_on_implement(scene, bodies)
    problems += _collisions(scene)
    if pattern == "row":
        problems += _row_top(scene, bodies)
    problems += _feet(scene, bodies)
    return problems


# ---- what is held, and where --------------------------------------------------------------------


def load_of(props: Sequence[str]) -> str | None:
    return next((p for p in ("barbell", "dumbbells", "kettlebell") if p in props), None)


def support_hand(scene) -> str | None:
    """A hand that leans on a bench beside the figure (a single-arm row) instead of holding a
    dumbbell: the left one, when the pose gives it arm angles of its own."""
    if scene.bench is None or not scene.bench.behind or "dumbbells" not in scene.props:
        return None
    arm = ("shoulder", "elbow", "shoulder_abduction", "shoulder_rotation")
    if any(scene.left[0][j] != scene.joints[0][j] for j in arm):
        return "left"
    return None


def loaded_hands(scene) -> list[str]:
    load = load_of(scene.props)
    if load is None:
        return []
    if load == "dumbbells":
        return [s for s in ("right", "left") if s != support_hand(scene)]
    return ["right"]


def _standing(scene) -> bool:
    return (scene.anchor == "toe" and scene.bar is None and scene.bench is None
            and -30 < scene.joints[0]["trunk"] < 100)


def _feet_on_floor(scene, body: Body) -> list[str]:
    return [s for s in ("right", "left")
            if min(body.side(s, "heel")[1], body.side(s, "toe")[1]) - scene.floor < ON_FLOOR]


def _held_out(body: Body, side: str) -> bool:
    """The load swung or held out at arm's length at shoulder height or above (the top of a
    kettlebell swing), where momentum, not balance, decides where it is."""
    sh, grip = body.side(side, "shoulder"), body.side(side, "grip")
    reach = BODY.upper_arm + BODY.forearm + BODY.hand
    return grip[1] > sh[1] - 15.0 and _dist(sh, grip) > 0.8 * reach


def _load_centre(body: Body, side: str, load: str) -> Vec:
    if load == "kettlebell":
        g = _mid(body.side("right", "grip"), body.side("left", "grip"))
        w, gr = _mid(body.side("right", "wrist"), body.side("left", "wrist")), g
        d = _unit(_sub(gr, w))
        return (g[0] + d[0] * 12.0, g[1] + d[1] * 12.0, g[2] + d[2] * 12.0)
    return body.side(side, "grip")


# ---- the checks -------------------------------------------------------------------------------


def _loaded_stances(scene, bodies: Sequence[Body]):
    """(pose index, body, feet on the floor, load) of each pose of a standing loaded lift."""
    load = load_of(scene.props)
    if load is None or not _standing(scene):
        return
    for i, body in enumerate(bodies):
        feet = _feet_on_floor(scene, body)
        if feet:
            yield i, body, feet, load


def _midfoot(scene, bodies: Sequence[Body]) -> list[Problem]:
    problems = []
    for i, body, feet, load in _loaded_stances(scene, bodies):
        mid = sum((body.side(s, "heel")[0] + body.side(s, "toe")[0]) / 2 for s in feet) / len(feet)
        for side in loaded_hands(scene):
            if _held_out(body, side):
                continue
            off = _load_centre(body, side, load)[0] - mid
            if abs(off) > MIDFOOT_TOLERANCE:
                where = "in front of" if off > 0 else "behind"
                fix = ("bring it back to the legs: less shoulder angle, or the hips further back"
                       if off > 0 else "bring it forward under the shoulders")
                problems.append((["poses", i, "joints"],
                                 f"in pose {scene.names[i]!r} the {_one(load)} is "
                                 f"{abs(off):.0f} cm {where} the middle of the foot; in a "
                                 f"standing lift it stays over the middle of the foot (within "
                                 f"{MIDFOOT_TOLERANCE:.0f} cm): {fix}"))
                break
    return problems


def _balance(scene, bodies: Sequence[Body]) -> list[Problem]:
    """Standing with a light load moved by the arms: the centre of mass of the body and the
    load stays over the feet (between the heels and the toes)."""
    problems = []
    for i, body, feet, load in _loaded_stances(scene, bodies):
        if load == "kettlebell":
            loads = [(_load_centre(body, "right", load), KETTLEBELL_KG)]
        else:
            loads = [(body.side(s, "grip"), LIGHT_LOAD_KG) for s in loaded_hands(scene)]
        x = centre_of_mass(body, loads)[0]
        heel = min(body.side(s, "heel")[0] for s in feet)
        toe = max(body.side(s, "toe")[0] for s in feet)
        if not heel <= x <= toe:
            where = (f"{x - toe:.0f} cm in front of the toes" if x > toe
                     else f"{heel - x:.0f} cm behind the heels")
            problems.append((["poses", i, "joints"],
                             f"in pose {scene.names[i]!r} the body's centre of mass (with "
                             f"{_load_words(load, scene)}) is {where}, so the figure "
                             "would fall: push the hips back (more hip bend) or bring the "
                             "shoulders back over the feet"))
    return problems


def _load_words(load: str, scene) -> str:
    if load == "kettlebell":
        return f"a {KETTLEBELL_KG:.0f} kg kettlebell"
    return f"{LIGHT_LOAD_KG:.0f} kg in " + ("each hand" if len(loaded_hands(scene)) > 1
                                             else "the hand")


def centre_of_mass(body: Body, loads: Sequence[tuple[Vec, float]] = ()) -> Vec:
    """The centre of mass of the body (BODY_KG) and of the loads, (point, kg)."""
    share = dict(SEGMENT_MASS)
    parts: list[tuple[Vec, float]] = [(body.points["head"], share["head"] * BODY_KG),
                                      (_mid(body.points["hip"], body.points["shoulder"]),
                                       share["trunk"] * BODY_KG)]
    for s in ("right", "left"):
        p = lambda n, s=s: body.side(s, n)  # noqa: E731
        parts += [(_mid(p("shoulder"), p("elbow")), share["upper_arm"] * BODY_KG),
                  (_mid(p("elbow"), p("grip")), share["forearm"] * BODY_KG),
                  (_mid(p("hip"), p("knee")), share["thigh"] * BODY_KG),
                  (_mid(p("knee"), p("ankle")), share["shin"] * BODY_KG),
                  (_mid(p("heel"), p("toe")), share["foot"] * BODY_KG)]
    parts += list(loads)
    total = sum(m for _, m in parts)
    return tuple(sum(pt[k] * m for pt, m in parts) / total for k in range(3))  # type: ignore


def _hands_on_implement(scene, bodies: Sequence[Body]) -> list[Problem]:
    problems = []
    one_bar = next((p for p in ("barbell", "pull-up-bar") if p in scene.props), None)
    support = support_hand(scene)
    for i, body in enumerate(bodies):
        r, lf = body.side("right", "grip"), body.side("left", "grip")
        apart = math.hypot(r[0] - lf[0], r[1] - lf[1])
        if one_bar and apart > SAME_BAR:
            problems.append((["poses", i], f"in pose {scene.names[i]!r} the hands are "
                             f"{apart:.0f} cm apart along the {one_bar.replace('-', ' ')}, "
                             "which is straight and level: both hands hold it, so give the left "
                             "and right arms the same shoulder and elbow angles"))
        if "kettlebell" in scene.props and _dist(r, lf) > KB_HANDLE:
            problems.append((["poses", i, "joints"], f"in pose {scene.names[i]!r} the hands are "
                             f"{_dist(r, lf):.0f} cm apart, too far to hold one kettlebell "
                             f"handle (up to {KB_HANDLE:.0f} cm): bring the arms in "
                             "(a negative shoulder_abduction)"))
        if support:
            bench = scene.bench
            hand = body.side(support, "grip")
            gap = hand[1] - BODY.r_hand - bench.top
            if abs(gap) > ON_FLOOR or not bench.x0 <= hand[0] <= bench.x1:
                where = (f"{abs(gap):.0f} cm {'above' if gap > 0 else 'below'} the bench top"
                         if abs(gap) > ON_FLOOR else "beside the bench")
                problems.append((["poses", i], f"in pose {scene.names[i]!r} the {support} hand, "
                                 f"which leans on the bench, is {where}; it stays on the bench "
                                 f"in every pose"))
    return problems


def _frames3d(scene):
    """(pose index for the message, label, body) for every key pose and STEPS frames between
    two poses (the pose where a between-frame is reported is the one the move goes to)."""
    n = len(scene.joints)
    for i in range(n):
        yield i, f"in pose {scene.names[i]!r}", scene.body(scene.joints[i], scene.left[i])
        if i == n - 1:
            break
        for k in range(1, STEPS):
            s = k / STEPS
            r = interpolate(scene.joints[i], scene.joints[i + 1], s)
            lf = interpolate(scene.left[i], scene.left[i + 1], s)
            yield (i + 1, f"between poses {scene.names[i]!r} and {scene.names[i + 1]!r}",
                   scene.body(r, lf))


def _collisions(scene) -> list[Problem]:
    load = load_of(scene.props)
    if load is None:
        return []
    hands = loaded_hands(scene)
    problems: list[Problem] = []
    reported: set[tuple[int, str]] = set()
    for i, label, body in _frames3d(scene):
        for part, depth in _load_hits(body, load, hands):
            if (i, part) in reported or any(r[1] == part for r in reported):
                continue
            reported.add((i, part))
            problems.append((["poses", i, "joints"],
                             f"{label} the {_one(load)} passes {math.ceil(depth)} cm into "
                             f"the {part}; "
                             f"loads may rest against the body (up to {CONTACT:.0f} cm) but not "
                             "go through it: move the hands clear of it (for a fly, the arms "
                             "out to the sides with shoulder_abduction)"))
    return problems


def _load_hits(body: Body, load: str, hands: Sequence[str]) -> list[tuple[str, float]]:
    """(body part, depth) for every body part the load goes into by more than CONTACT."""
    hits: list[tuple[str, float]] = []
    if load == "barbell":
        # the bar runs across the body, so the side view decides: its axle against the legs
        axle = body.side("right", "grip")
        for _side, name, a, b, r in body.limbs():
            if name in ("thigh", "shin"):
                depth = r + BAR_R - _seg_dist2(axle, a, b)
                if depth > CONTACT:
                    hits.append((f"{name}s", depth))
        return hits
    centres: list[tuple[Vec, float]] = []
    if load == "dumbbells":
        for side in hands:
            g = body.side(side, "grip")
            centres += [((g[0] + dx, g[1], g[2]), DUMBBELL_R) for dx in (-DUMBBELL_HALF, 0.0,
                                                                          DUMBBELL_HALF)]
    else:
        centres.append((_load_centre(body, "right", load), KB_R))
    for side, name, a, b, r in body.limbs():
        if name in ("upper_arm", "forearm"):
            continue
        depth = max(r + rl - _seg_dist3(c, a, b) for c, rl in centres)
        if depth > CONTACT:
            hits.append((f"{side} {name.replace('_', ' ')}", depth))
    depth = max(_torso_depth(body, c, rl) for c, rl in centres)
    if depth > CONTACT:
        hits.append(("torso", depth))
    return hits


def _torso_depth(body: Body, p: Vec, radius: float) -> float:
    """How far a ball goes into the torso, drawn as a box around the hip-shoulder line."""
    rel = _sub(p, body.points["hip"])
    u, f, r = body.frame["u"], body.frame["f"], body.frame["r"]
    along, front, side = _dot(rel, u), _dot(rel, f), abs(_dot(rel, r))
    depths = (
        along + radius, BODY.trunk - along + radius, TORSO_HALF_WIDTH - side + radius,
        TORSO_FRONT - front + radius, TORSO_BACK + front + radius,
    )
    return min(depths)


def _row_top(scene, bodies: Sequence[Body]) -> list[Problem]:
    """A row ends with the load (or the hands) at the torso: the pose with the most elbow
    bend is its top."""
    i = max(range(len(bodies)), key=lambda k: scene.joints[k]["elbow"])
    body = bodies[i]
    pose = scene.poses[i]
    hand = next(iter(loaded_hands(scene)), "right")
    g = body.side(hand, "grip")
    grip: Point = (g[0], g[1])
    outline = pose.torso_outline()
    gap = 0.0 if _inside(grip, outline) else min(
        _seg_dist2((*grip, 0.0), (*a, 0.0), (*b, 0.0))
        for a, b in zip(outline, outline[1:] + outline[:1], strict=True)
    )
    hx, hy = pose.points["head"]
    to_head = math.hypot(grip[0] - hx, grip[1] - hy) - BODY.head_r
    what = _one(load_of(scene.props)) if load_of(scene.props) else "hands"
    if gap > ROW_REACH and to_head > ROW_REACH * 2:
        return [(["poses", i, "joints"],
                 f"in the top pose {scene.names[i]!r} the {what} "
                 f"{'stop' if what == 'hands' else 'stops'} {gap:.0f} cm short of "
                 f"the torso; a row brings it to the body (within {ROW_REACH:.0f} cm), to the "
                 "lower ribs: a lower shoulder angle with more elbow bend")]
    return []


def _feet(scene, bodies: Sequence[Body]) -> list[Problem]:
    """Feet planted on the floor stay planted: never below it, no sliding, no rocking back on
    the heels. Rising onto the toes (a calf raise) and lifting a free leg are movements."""
    if scene.bar is not None:
        return []
    problems: list[Problem] = []
    first = bodies[0]
    for side in ("right", "left"):
        heel0, toe0 = first.side(side, "heel"), first.side(side, "toe")
        flat0 = max(heel0[1], toe0[1]) - scene.floor < ON_FLOOR
        for i, body in enumerate(bodies):
            heel, toe = body.side(side, "heel"), body.side(side, "toe")
            low = min(heel[1], toe[1]) - scene.floor
            msg = None
            if low < -ON_FLOOR:
                msg = f"goes {-low:.0f} cm into the floor"
            elif flat0 and heel[1] - scene.floor < ON_FLOOR:
                if toe[1] - scene.floor > ON_FLOOR:
                    msg = "rocks back onto the heel (the toes lift)"
                elif abs(heel[0] - heel0[0]) > ON_FLOOR:
                    msg = f"slides {abs(heel[0] - heel0[0]):.0f} cm along the floor"
            elif flat0 and toe[1] - scene.floor < ON_FLOOR and abs(toe[0] - toe0[0]) > ON_FLOOR:
                msg = f"slides {abs(toe[0] - toe0[0]):.0f} cm along the floor"
            if msg:
                problems.append((["poses", i, "joints"],
                                 f"in pose {scene.names[i]!r} the {side} foot {msg}; feet stay "
                                 "where they stand: change the ankle angle (or the knee) so the "
                                 "sole stays flat"))
                break
    return problems


# ---- geometry ---------------------------------------------------------------------------------


def _one(load: str | None) -> str:
    return {"dumbbells": "dumbbell", None: "load"}.get(load, load or "load")


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _dist(a: Vec, b: Vec) -> float:
    return math.sqrt(_dot(_sub(a, b), _sub(a, b)))


def _mid(a: Vec, b: Vec) -> Vec:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


def _unit(a: Vec) -> Vec:
    n = math.sqrt(_dot(a, a)) or 1.0
    return (a[0] / n, a[1] / n, a[2] / n)


def _seg_dist3(p: Vec, a: Vec, b: Vec) -> float:
    ab, ap = _sub(b, a), _sub(p, a)
    t = max(0.0, min(1.0, _dot(ap, ab) / (_dot(ab, ab) or 1.0)))
    return _dist(p, (a[0] + ab[0] * t, a[1] + ab[1] * t, a[2] + ab[2] * t))


def _seg_dist2(p: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    """Distance in the side view (x and y only)."""
    return _seg_dist3((p[0], p[1], 0.0), (a[0], a[1], 0.0), (b[0], b[1], 0.0))


def _inside(p: Point, polygon: Sequence[Point]) -> bool:
    x, y = p
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, list(polygon[1:]) + [polygon[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside
