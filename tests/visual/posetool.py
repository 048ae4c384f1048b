"""Print where the joints of a pose land once placed (a helper for writing figure: blocks).

    .venv/bin/python tests/visual/posetool.py '{"props":[],"poses":[...]}'
    .venv/bin/python tests/visual/posetool.py content/exercises/glute-bridge.yaml
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.site.figures.movement import build_scene  # noqa: E402


def report(figure: dict) -> None:
    scene = build_scene(figure)
    print(f"anchor={scene.anchor} bench={scene.bench} bar={scene.bar} band={scene.band}")
    for name, pose in zip(scene.names, scene.poses, strict=True):
        pts = {k: f"({x:.0f},{y:.0f})" for k, (x, y) in pose.points.items()}
        print(f"-- {name}: lowest={pose.lowest():.1f}")
        print("   " + " ".join(f"{k}={v}" for k, v in pts.items()))
        p = pose.points
        ang = math.degrees(math.atan2(p["knee"][1] - p["hip"][1], p["knee"][0] - p["hip"][0]))
        print(f"   thigh-from-horizontal={ang:.0f}")


if __name__ == "__main__":
    arg = sys.argv[1]
    if arg.endswith(".yaml"):
        from ruamel.yaml import YAML

        fig = YAML(typ="safe").load(Path(arg).read_text())["figure"]
    else:
        fig = json.loads(arg)
    report(fig)


def arm_ik(joints: dict, target: tuple[float, float], elbow_up: bool = False) -> tuple[int, int]:
    """Shoulder and elbow angles that put the grip at ``target`` (relative to the hip)."""
    from generator.site.figures.kinematics import BODY, solve

    p = solve({**joints, "shoulder": 0, "elbow": 0})
    sx, sy = p.points["shoulder"]
    dx, dy = target[0] - sx, target[1] - sy
    d = min(math.hypot(dx, dy), BODY.upper_arm + BODY.forearm + BODY.hand - 0.01)
    l1, l2 = BODY.upper_arm, BODY.forearm + BODY.hand
    cos_e = (d * d - l1 * l1 - l2 * l2) / (2 * l1 * l2)
    elbow = math.degrees(math.acos(max(-1, min(1, cos_e))))
    # absolute angle of the target from straight down, positive forward
    a_target = math.degrees(math.atan2(dx, -dy))
    inner = math.degrees(math.atan2(l2 * math.sin(math.radians(elbow)),
                                    l1 + l2 * math.cos(math.radians(elbow))))
    ua = a_target - inner  # flexion bends the forearm forward (+), so the upper arm trails
    return round(ua + joints["trunk"]), round(elbow)
