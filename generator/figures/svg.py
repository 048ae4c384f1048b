"""Small helpers shared by the figure modules: number formatting, escaping and smooth paths."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

Point = tuple[float, float]


def num(value: float) -> str:
    """Format a coordinate compactly; two decimals keep paths small and output stable."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def esc(text: str) -> str:
    """Escape text for element content and attribute values (content comes from forks)."""
    return html.escape(str(text), quote=True)


def attrs(**values: object) -> str:
    """Render keyword arguments as attributes; ``class_`` becomes ``class``, ``_`` becomes ``-``."""
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f'{name}="{esc(value)}"')
    return " ".join(parts)


def polyline_d(points: Iterable[Point], closed: bool = False) -> str:
    pts = list(points)
    d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in pts)
    return d + ("Z" if closed else "")


def smooth_d(points: Sequence[Point], corners: Iterable[int] = (), closed: bool = True) -> str:
    """A Catmull-Rom curve through ``points`` as cubic Beziers.

    Hand-placed anatomical landmarks become organic outlines this way; the indices in
    ``corners`` keep a sharp angle (armpit, crotch, fingertips).
    """
    pts = list(points)
    n = len(pts)
    sharp = set(corners)
    if n < 3:
        return polyline_d(pts, closed)

    def tangent(i: int) -> Point:
        if i in sharp or (not closed and i in (0, n - 1)):
            return (0.0, 0.0)
        prev_p, next_p = pts[(i - 1) % n], pts[(i + 1) % n]
        return ((next_p[0] - prev_p[0]) / 6.0, (next_p[1] - prev_p[1]) / 6.0)

    d = [f"M{num(pts[0][0])} {num(pts[0][1])}"]
    last = n if closed else n - 1
    for i in range(last):
        a, b = pts[i], pts[(i + 1) % n]
        ta, tb = tangent(i), tangent((i + 1) % n)
        c1 = (a[0] + ta[0], a[1] + ta[1])
        c2 = (b[0] - tb[0], b[1] - tb[1])
        d.append(
            f"C{num(c1[0])} {num(c1[1])} {num(c2[0])} {num(c2[1])} {num(b[0])} {num(b[1])}"
        )
    if closed:
        d.append("Z")
    return "".join(d)
