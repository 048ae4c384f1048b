"""Small helpers shared by the figure modules: number formatting, escaping and smooth paths."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

Point = tuple[float, float]


def num(value: float, digits: int = 1) -> str:
    """Format a number compactly for SVG and CSS.

    One decimal is a tenth of a viewBox unit (under 0.2 CSS px at the sizes the figures are
    drawn), so it is invisible but keeps pages small; the leading zero of a fraction is dropped.
    """
    r = round(value, digits)
    i = int(r)
    if r == i:
        return str(i)
    text = repr(r)
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


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


def pair(x: float, y: float) -> str:
    """A coordinate pair; the space is dropped before a minus sign, as the path grammar allows."""
    b = num(y)
    return num(x) + (b if b.startswith("-") else " " + b)


def polyline_d(points: Iterable[Point], closed: bool = False) -> str:
    pts = list(points)
    d = "M" + "L".join(pair(x, y) for x, y in pts)
    return d + ("Z" if closed else "")


def smooth_d(points: Sequence[Point], corners: Iterable[int] = (), closed: bool = True) -> str:
    """A Catmull-Rom curve through ``points`` as cubic Beziers.

    Hand-placed anatomical landmarks become organic outlines this way; the indices in
    ``corners`` keep a sharp angle (armpit, crotch, fingertips). After the first segment every
    segment is written with the ``S`` shorthand: a Catmull-Rom curve's first control point is
    always the mirror of the previous segment's second one (at a corner both sit on the point),
    which is exactly what ``S`` assumes, so the path is a third shorter for the same curve.
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

    tangents = [tangent(i) for i in range(n)]
    d = ["M", pair(*pts[0])]
    last = n if closed else n - 1
    for i in range(last):
        j = (i + 1) % n
        a, b = pts[i], pts[j]
        ta, tb = tangents[i], tangents[j]
        c2 = pair(b[0] - tb[0], b[1] - tb[1])
        if i == 0:
            d.append(f"C{pair(a[0] + ta[0], a[1] + ta[1])} {c2} {pair(*b)}")
        else:
            d.append(f"{'S' if i == 1 else ' '}{c2} {pair(*b)}")
    if closed:
        d.append("Z")
    return "".join(d)
