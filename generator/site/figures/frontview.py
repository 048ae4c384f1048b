"""Front and rear views of a movement figure, drawn from the same poses as the side view.

The side view (movement.py) is a rig of nested rotations: it cannot show a limb swinging out to
the side, which shortens as it turns toward the reader. These views are drawn from the body in
three dimensions (body3d.py) instead: every limb is a round-capped stroke between its joints,
projected straight onto the picture, so an arm swinging out lengthens and one pointing at the
reader shortens, as they should.

They animate through the same poses on the same timeline as the side view (movement.holds and
movement.ease, so a player that seeks both shows one pose in both): the joints are sampled at
the key poses and STEPS times between two, and each part's path is a CSS keyframe of ``d`` (or
a ``transform`` for round things) at those times, linear between them. A part that does not
move is written once, without keyframes. The static strip of named poses for reduced motion and
print is drawn like the side view's.

The SVG has the side view's structure, so the same stylesheet and player serve it:
``svg.bc-move`` > ``style``, ``g.bc-move-anim`` (animated parts carry ``bc-j``),
``g.bc-move-static`` > ``g.bc-pose[data-pose]``, and the same ``--bc-*`` sizes on the root.
Front view: the figure faces the reader (its right hand on the reader's left); rear view: seen
from behind.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from generator.site.figures.body3d import Body, Vec
from generator.site.figures.checks import load_of, loaded_hands, support_hand
from generator.site.figures.kinematics import BODY, interpolate
from generator.site.figures.movement import (
    DURATION_S,
    FLOOR_MAT,
    LABEL_H,
    PAD,
    Scene,
    _merged,
    _svg_open,
    _uid,
    build_scene,
    ease,
    holds,
)
from generator.site.figures.svg import esc, num

STEPS = 3  # samples from one pose to the next (2 in-between frames; an arm sweeping 90
# degrees then cuts its arc by about 2 units, under 4 px)
HALO = 2.4  # the page-coloured outline that separates a near limb from what is behind it
WIDTH = {"thigh": 14.0, "shin": 10.0, "arm": 8.5}  # as in STYLE
# Cross-sections of the torso (half width, half depth front, half depth back), at a share of
# the hip-shoulder line: the outline is their hull, so it reads as a torso from any angle.
SECTIONS = ((-0.12, 15.0, 8.0, 10.0), (0.45, 13.5, 9.0, 10.0), (0.92, 19.0, 8.0, 9.0))
DUMBBELL_R = 6.5
KB_R = 9.0
PLATE = (5.0, 40.0)  # a plate seen edge on
BAR_OVERHANG = 40.0  # bar beyond each hand
HULL_DIRECTIONS = 8
# One class per rule, with no descendant selectors: a still part shown again in the strip is a
# <use> copy, and selectors do not reach into a <use>'s copy through its ancestors (Chromium).
STYLE = (
    ".vn,.vf,.vh{fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".vn{stroke:var(--bc-fig-near)}.vf{stroke:var(--bc-fig-far)}.vh{stroke:var(--bc-paper)}"
    ".vt{fill:var(--bc-fig-near);stroke:var(--bc-paper);stroke-width:1.2}"
    ".vtf{fill:var(--bc-fig-far)}"
    # the limbs' widths, and their halos' (a width plus 2 * HALO)
    ".va{stroke-width:8.5}.vh.va{stroke-width:13.3}.vth{stroke-width:14}"
    ".vh.vth{stroke-width:18.8}.vsh{stroke-width:10}.vh.vsh{stroke-width:14.8}"
)


# ---- projection -------------------------------------------------------------------------------


class _View:
    """Projects world points onto the picture: X across, Y up; ``depth`` grows toward the
    reader."""

    def __init__(self, view: str) -> None:
        self.sign = -1.0 if view == "front" else 1.0

    def xy(self, p: Vec) -> tuple[float, float]:
        return (p[2] * self.sign, p[1])

    def depth(self, p: Vec) -> float:
        return -p[0] * self.sign


Sub = list[tuple[float, float]]


def _parts(body: Body, v: _View) -> dict[str, list[Sub]]:
    """Every drawn part of one pose as its lines of projected points (before placing); a
    limb of both sides drawn alike is one part of two lines (``both.arm``), one element."""
    out: dict[str, list[Sub]] = {"torso": [_torso(body, v)], "head": [[v.xy(body.points["head"])]]}
    for s in ("right", "left"):
        p = lambda n, s=s: v.xy(body.side(s, n))  # noqa: E731
        out[f"{s}.thigh"] = [[p("hip"), p("knee")]]
        out[f"{s}.shin"] = [[p("knee"), p("ankle"), p("heel"), p("toe")]]
        out[f"{s}.arm"] = [[p("shoulder"), p("elbow"), p("grip")]]
    for kind in ("thigh", "shin", "arm"):
        out[f"both.{kind}"] = out[f"right.{kind}"] + out[f"left.{kind}"]
    return out


def _torso(body: Body, v: _View) -> list[tuple[float, float]]:
    """The outline of the torso: the convex hull of its cross-sections, as the points that
    reach furthest in HULL_DIRECTIONS fixed directions (so every pose has as many points, and
    CSS can interpolate the outline from one pose to the next)."""
    f = body.frame
    pts: list[tuple[float, float]] = []
    for share, half, front, back in SECTIONS:
        centre = _along(body.points["hip"], f["u"], share * BODY.trunk)
        r, fw = (f["r2"], f["f2"]) if share > 0.5 else (f["r"], f["f"])
        for k in range(12):
            a = 2 * math.pi * k / 12
            depth = front if math.sin(a) > 0 else back
            q = _along(_along(centre, r, half * math.cos(a)), fw, depth * math.sin(a))
            pts.append(v.xy(q))
    hull = []
    for k in range(HULL_DIRECTIONS):
        a = 2 * math.pi * k / HULL_DIRECTIONS
        d = (math.cos(a), math.sin(a))
        hull.append(max(pts, key=lambda p: p[0] * d[0] + p[1] * d[1]))
    return hull


def _along(p: Vec, d: Vec, k: float) -> Vec:
    return (p[0] + d[0] * k, p[1] + d[1] * k, p[2] + d[2] * k)


# ---- frames -----------------------------------------------------------------------------------


def frames(scene: Scene) -> list[tuple[float, Body]]:
    """(percent of the timeline, body) at every key pose and STEPS - 1 times between two."""
    n = len(scene.joints)
    times = holds(n)
    out: list[tuple[float, Body]] = []
    for i in range(n):
        arrive, leave = times[i]
        body = scene.body(scene.joints[i], scene.left[i])
        out.append((arrive, body))
        if leave != arrive:
            out.append((leave, body))
        if i == n - 1:
            break
        nxt = times[i + 1][0]
        for k in range(1, STEPS):
            pct = round(leave + (nxt - leave) * k / STEPS, 1)
            s = ease((pct - leave) / (nxt - leave))
            right = interpolate(scene.joints[i], scene.joints[i + 1], s)
            left = interpolate(scene.left[i], scene.left[i + 1], s)
            out.append((pct, scene.body(right, left)))
    return out


# ---- drawing ----------------------------------------------------------------------------------


def view_svg(figure: Mapping, *, title: str, view: str) -> str:
    """The front (``view="front"``) or rear view of one exercise's figure, animated."""
    scene = build_scene(figure)
    v = _View(view)
    timeline = frames(scene)
    drawn = [(pct, _parts(b, v), b) for pct, b in timeline]
    keys = [_parts(scene.body(r, lf), v) for r, lf in zip(scene.joints, scene.left, strict=True)]
    key_bodies = scene.bodies()
    props = _Props(scene, v)

    xs, ys = [], []
    for _, parts, b in drawn:
        for subs in parts.values():
            xs += [p[0] for sub in subs for p in sub]
            ys += [p[1] for sub in subs for p in sub]
        for x0, y0, x1, y1 in props.extent(b):
            xs += [x0, x1]
            ys += [y0, y1]
    margin = WIDTH["thigh"] / 2 + BODY.head_r
    x0, x1 = min(xs) - margin, max(xs) + margin
    y0, y1 = min(min(ys), scene.floor), max(ys) + margin
    panel_w = (x1 - x0) + 2 * PAD
    height = (y1 - y0) + 2 * PAD + LABEL_H
    n = len(scene.joints)
    width = panel_w * n
    top = y1 + PAD
    ox = (width - panel_w) / 2 + PAD - x0
    uid = _uid(figure, title, False) + view[0]

    order = _order(scene, v, key_bodies)
    rules: list[str] = []
    # the floor and the still furniture are drawn once and shown again in every panel
    anim = ['<g class="bc-move-anim">', f'<g id="{uid}fl">'
            + _floor(scene, ox + x0 - PAD + 4, ox + x1 + PAD - 4, top)
            + props.behind(key_bodies[0], ox, top) + "</g>"]
    # a part that never moves is drawn once and shown again in every panel of the strip
    still = {name for name, _ in order
             if len({_d(name, _svg_pts(parts[name], 0, 0)) for _, parts, _ in drawn}) == 1}
    for name, far in order:
        part = _animated(uid, name, far, drawn, ox, top, rules)
        anim.append(f'<g id="{uid}{_key(name)}">{part}</g>' if name in still else part)
    anim.append(props.animated(uid, timeline, ox, top, rules))
    caption = " \u2194 ".join(scene.names)
    anim.append(f'<text x="{num(width / 2)}" y="{num(height - 6)}" text-anchor="middle">'
                f"{esc(caption)}</text></g>")

    statics = ['<g class="bc-move-static" display="none">']
    for i, parts in enumerate(keys):
        sx = panel_w * i + PAD - x0
        body = key_bodies[i]
        statics.append(
            f'<g class="bc-pose" data-pose="{esc(scene.names[i])}">'
            + f'<use href="#{uid}fl" x="{num(sx - ox)}"/>'
            + "".join(f'<use href="#{uid}{_key(name)}" x="{num(sx - ox)}"/>' if name in still
                      else _still(name, far, parts, sx, top) for name, far in order)
            + props.still(body, sx, top)
            + f'<text x="{num(panel_w * i + panel_w / 2)}" y="{num(height - 6)}" '
            f'text-anchor="middle">{esc(scene.names[i])}</text></g>'
        )
    statics.append("</g>")
    svg_style = (f"--bc-anim-ratio:{num(panel_w)}/{num(height)};--bc-panel-w:{num(panel_w)};"
                 f"--bc-strip-w:{num(width)};--bc-anim-duration:{num(DURATION_S)}s")
    desc = (f"{view.capitalize()} view of the movement, from "
            + " to ".join(f"the {s} pose" if i == 0 else s for i, s in enumerate(scene.names))
            + " and back.")
    return (
        _svg_open(uid, f"bc-move bc-move--{view} bcv", width, height, title, desc, svg_style,
                  slice_=True)
        + f"<style>{STYLE}{''.join(rules)}</style>" + "".join(anim) + "".join(statics)
        + "</svg>"
    )


def _order(scene: Scene, v: _View, bodies: Sequence[Body]) -> list[tuple[str, bool]]:
    """Parts from back to front, each marked far (behind the torso) or near, by their mean
    depth over the key poses."""
    def depth(name: str) -> float:
        pts: list[Vec] = []
        for b in bodies:
            if name == "torso":
                pts += [b.points["hip"], b.points["shoulder"]]
            elif name in ("neck", "head"):
                pts.append(b.points[name])
            else:
                side, part = name.split(".")
                ends = {"thigh": ("hip", "knee"), "shin": ("knee", "ankle"),
                        "arm": ("elbow", "grip")}[part]
                sides = ("right", "left") if side == "both" else (side,)
                pts += [b.side(s, e) for s in sides for e in ends]
        return sum(v.depth(p) for p in pts) / len(pts)

    torso = depth("torso")

    def far(name: str) -> bool:
        return name not in ("torso", "head") and depth(name) < torso - 6.0

    names = ["torso", "head"]
    for kind in ("thigh", "shin", "arm"):
        r, lf = f"right.{kind}", f"left.{kind}"
        names += [f"both.{kind}"] if far(r) == far(lf) else [r, lf]
    return [(name, far(name)) for name in sorted(names, key=depth)]


def _kind(name: str) -> str:
    """The class that sets a limb's stroke width (STYLE): va, vth, vsh."""
    return {"arm": "va", "thigh": "vth", "shin": "vsh"}[name.split(".")[-1]]


def _key(name: str) -> str:
    return name.replace(".", "")


def _svg_pts(subs: Sequence[Sub], ox: float, top: float) -> list[Sub]:
    return [[(x + ox, top - y) for x, y in sub] for sub in subs]


def pair(x: float, y: float) -> str:
    """Whole units (0.5 unit is under a CSS pixel at the figures' size), which keeps the many
    keyframes of these views small; the space goes before a minus sign, as in svg.pair."""
    b = num(y, 0)
    return num(x, 0) + (b if b.startswith("-") else " " + b)


def _d(name: str, subs: Sequence[Sub]) -> str:
    return "".join(_d1(name, sub) for sub in subs)


def _d1(name: str, pts: Sequence[tuple[float, float]]) -> str:
    if name == "torso":
        return "M" + "L".join(pair(*p) for p in pts) + "Z"
    return "M" + "L".join(pair(*p) for p in pts)


def _animated(uid: str, name: str, far: bool, drawn, ox: float, top: float,
              rules: list[str]) -> str:
    """One part in the animation: keyframes of its shape if it moves, else one still shape."""
    frames_ = _simplify([(pct, _svg_pts(parts[name], ox, top)) for pct, parts, _ in drawn])
    if name == "head":
        values = [(pct, f"transform:translate({num(p[0][0][0], 0)}px,{num(p[0][0][1], 0)}px)")
                  for pct, p in frames_]
        return _shape(uid, "h", values, rules,
                      f'<circle class="bc-j {"vtf" if far else "vt"}"{{anim}} '
                      f'r="{num(BODY.head_r)}" '
                      f'transform="translate({pair(*frames_[0][1][0][0])})"/>')
    values = [(pct, f'd:path("{_d(name, p)}")') for pct, p in frames_]
    key = name.replace(".", "")
    first = _d(name, frames_[0][1])
    if name == "torso":
        cls = "vtf" if far else "vt"
        return _shape(uid, key, values, rules, f'<path class="bc-j {cls}"{{anim}} d="{first}"/>')
    k = _kind(name)
    body = f'<path class="bc-j {"vf" if far else "vn"} {k}"{{anim}} ' \
           f'd="{first}"/>'
    halo = "" if far else (f'<path class="bc-j vh {k}"{{anim}} '
                           f'd="{first}"/>')
    return _shape(uid, key, values, rules, halo + body)


SIMPLIFY = 1.0  # units a part may stray from its sampled path between two kept frames


def _simplify(frames_: list) -> list:
    """The frames of one part without those the browser's linear interpolation between their
    neighbours reproduces (within SIMPLIFY): a thigh that moves in a straight line needs only
    the poses; an arm sweeping round its shoulder keeps its in-between frames. Pose frames
    (two at the same place, arriving and leaving) are always kept."""
    def points(f) -> list:
        return [p for sub in f[1] for p in sub] if f[1] and isinstance(f[1][0], list) else f[1]

    def close(a, m, b) -> bool:
        t = (m[0] - a[0]) / (b[0] - a[0])
        return all(math.hypot(pa[0] + (pb[0] - pa[0]) * t - pm[0],
                              pa[1] + (pb[1] - pa[1]) * t - pm[1]) <= SIMPLIFY
                   for pa, pm, pb in zip(points(a), points(m), points(b), strict=True))

    poses = {f[0] for f, g in zip(frames_, frames_[1:], strict=False) if f[1] == g[1]}
    poses |= {g[0] for f, g in zip(frames_, frames_[1:], strict=False) if f[1] == g[1]}
    poses |= {frames_[0][0], frames_[-1][0]}
    out = [frames_[0]]
    i = 0
    while i < len(frames_) - 1:
        j = i + 1
        while (j + 1 < len(frames_) and frames_[j][0] not in poses
               and all(close(frames_[i], frames_[m], frames_[j + 1]) for m in range(i + 1, j + 1))):
            j += 1
        out.append(frames_[j])
        i = j
    return out


def _shape(uid: str, key: str, values: list[tuple[float, str]], rules: list[str],
           markup: str) -> str:
    """``markup`` with ``{anim}`` set to its animation when the values change over time."""
    if len({v for _, v in values}) == 1:
        return markup.replace("{anim}", "")
    name = f"{uid}{key}"
    rules.append(f"@keyframes {name}{{{_merged(values)}}}")
    return markup.replace("{anim}", f' style="animation-name:{name}"')


def _still(name: str, far: bool, parts, ox: float, top: float) -> str:
    pts = _svg_pts(parts[name], ox, top)
    if name == "head":
        return (f'<circle class="{"vtf" if far else "vt"}" cx="{num(pts[0][0][0], 0)}" '
                f'cy="{num(pts[0][0][1], 0)}" r="{num(BODY.head_r)}"/>')
    if name == "torso":
        return f'<path class="{"vtf" if far else "vt"}" d="{_d(name, pts)}"/>'
    d = _d(name, pts)
    k = _kind(name)
    halo = "" if far else f'<path class="vh {k}" d="{d}"/>'
    return halo + f'<path class="{"vf" if far else "vn"} {k}" d="{d}"/>'


def _floor(scene: Scene, x0: float, x1: float, top: float) -> str:
    out = (f'<line class="bc-floor" x1="{num(x0)}" y1="{num(top)}" x2="{num(x1)}" '
           f'y2="{num(top)}"/>')
    if "mat" in scene.props:
        out += (f'<rect class="bc-prop-soft" x="{num(x0 + 6)}" y="{num(top - FLOOR_MAT)}" '
                f'width="{num(x1 - x0 - 12)}" height="{num(FLOOR_MAT)}" rx="1.5"/>')
    return out


class _Props:
    """The equipment as seen from the front or the rear."""

    def __init__(self, scene: Scene, v: _View) -> None:
        self.scene, self.v = scene, v
        self.load = load_of(scene.props)
        self.hands = loaded_hands(scene)
        self.support = support_hand(scene)

    def _grip(self, body: Body, side: str) -> tuple[float, float]:
        return self.v.xy(body.side(side, "grip"))

    def extent(self, body: Body) -> list[tuple[float, float, float, float]]:
        out = []
        for side in self.hands:
            gx, gy = self._grip(body, side)
            r = {"barbell": BAR_OVERHANG + PLATE[0], "dumbbells": DUMBBELL_R,
                 "kettlebell": KB_R}[self.load or "dumbbells"]
            out.append((gx - r, gy - PLATE[1] / 2 - 2 * KB_R, gx + r, gy + PLATE[1] / 2))
        if self.scene.bar is not None:
            gx, gy = self._grip(body, "right")
            out.append((gx - 20, gy, gx + 20, gy + 14))
        return out

    def behind(self, body: Body, ox: float, top: float) -> str:
        """Still furniture: the bench, the pull-up bar's mount, a cable's pulley."""
        sc, out = self.scene, []
        if sc.bench is not None:
            z = body.side(self.support, "grip")[2] if self.support else 0.0
            cx = self.v.xy((0.0, 0.0, z))[0] + ox
            y = top - sc.bench.top
            cls = "bc-prop-soft" if sc.bench.behind else "bc-prop"
            out.append(f'<rect class="{cls}" x="{num(cx - 16)}" y="{num(y)}" width="32" '
                       f'height="6" rx="2.5"/><rect class="{cls}" x="{num(cx - 10)}" '
                       f'y="{num(y + 6)}" width="20" height="{num(max(0.0, top - y - 6))}"/>')
        if sc.bar is not None:
            bx, by = self.v.xy((0.0, sc.bar[1], 0.0))
            out.append(f'<line class="bc-prop-line bc-bar-mount" x1="{num(bx - 45 + ox)}" '
                       f'y1="{num(top - by)}" x2="{num(bx + 45 + ox)}" y2="{num(top - by)}"/>')
        pulley = _pulley(sc)
        if pulley is not None:
            px, py = self.v.xy(pulley)
            out.append(f'<circle class="bc-prop" cx="{num(px + ox)}" cy="{num(top - py)}" '
                       f'r="4.5"/>')
        return "".join(out)

    def _lines(self, body: Body) -> dict[str, list[list[tuple[float, float]]]]:
        """The load's lines (bar, band, cable and handle) of one pose, as lists of points
        (before placing)."""
        sc, out = self.scene, {}
        r, lf = self._grip(body, "right"), self._grip(body, "left")
        if self.load == "barbell":
            a, b = sorted((r, lf))
            out["bar"] = [[(a[0] - BAR_OVERHANG, a[1]), (b[0] + BAR_OVERHANG, b[1])]]
        if sc.band_hands:
            out["band"] = [[r, lf]]
        pulley = _pulley(sc)
        if pulley is not None:
            p = self.v.xy(pulley)
            mid = ((r[0] + lf[0]) / 2, (r[1] + lf[1]) / 2)
            out["cable"] = [[p, mid], [r, lf]]
        return out

    def _round(self, body: Body) -> list[tuple[str, tuple[float, float], float]]:
        """(key, centre, radius) of the round loads: dumbbells end on, a kettlebell."""
        out = []
        if self.load == "dumbbells":
            out += [(f"d{side[0]}", self._grip(body, side), DUMBBELL_R) for side in self.hands]
        elif self.load == "kettlebell":
            r, lf = self._grip(body, "right"), self._grip(body, "left")
            out.append(("kb", ((r[0] + lf[0]) / 2, (r[1] + lf[1]) / 2 - KB_R - 3), KB_R))
        elif self.load == "barbell":
            r, lf = sorted((self._grip(body, "right"), self._grip(body, "left")))
            out += [("pl", (r[0] - BAR_OVERHANG, r[1]), 0.0), ("pr", (lf[0] + BAR_OVERHANG,
                                                                     lf[1]), 0.0)]
        return out

    def _round_markup(self, key: str, r: float, anim: str, at: tuple[float, float]) -> str:
        t = f' transform="translate({pair(*at)})"'
        if key in ("pl", "pr"):
            w, h = PLATE
            return (f'<rect class="bc-prop{" bc-j" if anim else ""}"{anim}{t} x="{num(-w / 2)}" '
                    f'y="{num(-h / 2)}" width="{num(w)}" height="{num(h)}" rx="1.5"/>')
        return f'<circle class="bc-prop{" bc-j" if anim else ""}"{anim}{t} r="{num(r)}"/>'

    def animated(self, uid: str, timeline, ox: float, top: float, rules: list[str]) -> str:
        out = []
        lines = [(pct, self._lines(b)) for pct, b in timeline]
        for key in lines[0][1]:
            kept = _simplify([(pct, [p for sub in ls[key] for p in sub]) for pct, ls in lines])
            pcts = {pct for pct, _ in kept}
            values = [(pct, f'd:path("{_placed_d(ls[key], ox, top)}")') for pct, ls in lines
                      if pct in pcts]
            first = _placed_d(lines[0][1][key], ox, top)
            out.append(_shape(uid, key, values, rules,
                              f'<path class="bc-prop-line{{j}}"{{anim}} d="{first}"/>'))
        rounds = [(pct, self._round(b)) for pct, b in timeline]
        for k, (key, _, radius) in enumerate(rounds[0][1]):
            kept = _simplify([(pct, [c[k][1]]) for pct, c in rounds])
            values = [(pct, f"transform:translate({num(p[0][0] + ox, 0)}px,"
                            f"{num(top - p[0][1], 0)}px)") for pct, p in kept]
            c0 = rounds[0][1][k][1]
            markup = self._round_markup(key, radius, "{anim}", (c0[0] + ox, top - c0[1]))
            out.append(_shape(uid, key, values, rules, markup))
        return "".join(out).replace("{j}", " bc-j")

    def still(self, body: Body, ox: float, top: float) -> str:
        out = [f'<path class="bc-prop-line" d="{_placed_d(d, ox, top)}"/>'
               for d in self._lines(body).values()]
        for key, c, radius in self._round(body):
            out.append(self._round_markup(key, radius, "", (c[0] + ox, top - c[1])))
        return "".join(out)


def _placed_d(subpaths: Sequence[Sequence[tuple[float, float]]], ox: float, top: float) -> str:
    """Path data of polylines in picture units, moved onto the SVG."""
    return "".join("M" + "L".join(pair(x + ox, top - y) for x, y in sub) for sub in subpaths)


def _pulley(scene: Scene) -> Vec | None:
    if scene.cable is None:
        return None
    return (scene.cable[0], scene.cable[1], 0.0)
