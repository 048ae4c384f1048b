"""Front and back body map with every muscle group of content/muscles.yaml as a named region.

The body is drawn once as a half (landmarks placed by hand, offsets from the centre line) and
mirrored, so both views are symmetric by construction. Each muscle group is one element with
``data-muscle`` so pages, tests and CSS can find it; colours come only from CSS variables
(figures.css).

The geometry is built once per process (``geometry()``). Exercise and muscle pages reference a
shared sprite file (``sprite_svg()``, written to ``assets/bodymap.svg``) and only name the
regions to colour; the interactive map, whose regions are links, stays inline.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.site.figures.svg import Point, attrs, esc, num, polyline_d, smooth_d

VIEW_W = 220.0  # one view (front or back)
VIEW_GAP = 16.0
BODY_TOP = 14.0
LABEL_Y = 462.0
LEGEND_Y = 494.0
NAME_Y = 526.0  # the focused region's name, under a legend
DEFAULT_LABELS = {"primary": "Primary", "secondary": "Secondary"}


@dataclass(frozen=True)
class Shape:
    """A closed outline in half coordinates (dx from the centre line, y down).

    ``pair`` shapes are drawn on both sides; ``mid`` shapes run from the centre line round one
    side and back, and are closed across the middle by their mirror image.
    """

    points: tuple[Point, ...]
    kind: str = "pair"  # pair | mid
    corners: tuple[int, ...] = ()


def _pair(*pts: Point, corners: tuple[int, ...] = ()) -> Shape:
    return Shape(tuple(pts), "pair", corners)


def _mid(*pts: Point, corners: tuple[int, ...] = ()) -> Shape:
    return Shape(tuple(pts), "mid", corners)


# The silhouette, right half, from the crown of the head down the arm and the outer leg and back
# up the inner leg to the crotch. Proportions: about 8 heads tall, shoulders ~2.3 heads wide.
OUTLINE_HALF: tuple[Point, ...] = (
    (0, 14), (12, 16), (19, 26), (20, 40), (22, 43), (21, 52), (18, 56), (15, 64),  # head, ear
    (12, 70), (13, 80),  # neck
    (26, 86), (40, 90), (49, 96), (54, 108), (56, 124),  # trapezius slope, deltoid
    (58, 142), (61, 162), (66, 180), (69, 200), (70, 220),  # upper arm, forearm (outer)
    (73, 232), (75, 248), (72, 262), (66, 266),  # hand (outer), fingertips
    (61, 254), (59, 236), (58, 222),  # hand and wrist (inner)
    (54, 200), (48, 180), (44, 162), (41, 144), (38, 126), (35, 120),  # inner arm to armpit
    (35, 134), (33, 156), (30, 178), (32, 196), (37, 212),  # flank, waist, hip
    (41, 232), (42, 256), (39, 282), (33, 310), (29, 328),  # outer thigh to knee
    (31, 346), (31, 366), (25, 392), (19, 412), (21, 422), (25, 432), (22, 437),  # calf, foot
    (9, 437), (8, 424), (9, 412), (12, 392), (14, 366), (12, 344), (9, 328),  # inner calf, knee
    (7, 300), (5, 270), (3, 252), (0, 246),  # inner thigh, crotch
)
OUTLINE_CORNERS = (24, 32, 33, 60)  # fingertip curl, armpit, crotch

MUSCLES: dict[str, dict[str, tuple[Shape, ...]]] = {
    "neck": {
        "back": (_mid((0, 56), (8, 58), (11, 68), (8, 78), (4, 86), (0, 88)),),
    },
    "upper-traps": {
        "front": (_pair((12, 73), (14, 80), (26, 86), (41, 90), (31, 94), (19, 92), (12, 87)),),
        "back": (
            _pair(
                (9, 60), (12, 70), (20, 82), (38, 88), (46, 93), (34, 97), (20, 102),
                (8, 112), (3, 116), (3, 94), (7, 84), (10, 74),
            ),
        ),
    },
    # rhomboids and middle/lower traps: between the shoulder blades, under the upper traps,
    # from the erectors out to the blade's inner edge and the lats
    "mid-back": {
        "back": (
            _pair(
                (8.5, 115), (14, 110), (16, 117), (20, 126), (20, 133), (16, 143), (12, 156),
                (10, 146), (8.5, 132), (7.5, 122),
                corners=(6,),
            ),
        ),
    },
    "rear-delts": {
        "back": (
            _pair((44, 95), (51, 100), (55, 112), (55, 124), (50, 122), (43, 110), (38, 101)),
        ),
    },
    "lats": {
        "front": (_pair((36, 124), (36, 136), (34, 152), (31, 164), (30, 148), (32, 134)),),
        "back": (
            _pair(
                (33, 118), (36, 128), (35, 146), (32, 166), (29, 180), (20, 192), (13, 197),
                (11, 186), (12, 166), (15, 148), (20, 136), (27, 126),
            ),
        ),
    },
    "erector-spinae": {
        "back": (
            _pair(
                (2.5, 118), (7, 120), (9, 142), (11, 170), (15, 196), (14, 212), (8, 220),
                (3, 214), (2.5, 180), (2.5, 150),
            ),
        ),
    },
    "glutes": {
        "back": (
            _pair(
                (2, 220), (14, 212), (28, 212), (38, 220), (42, 236), (40, 254), (32, 264),
                (18, 268), (6, 266), (2, 256), (1, 236),
            ),
        ),
    },
    "hamstrings": {
        "back": (
            _pair(
                (5, 272), (18, 272), (33, 268), (39, 276), (37, 296), (31, 316), (23, 326),
                (14, 322), (9, 306), (6, 288),
            ),
        ),
    },
    "calves": {
        "front": (_pair((12, 348), (15, 356), (15, 372), (13, 384), (11, 370)),),
        "back": (
            _pair(
                (12, 338), (20, 332), (28, 338), (31, 354), (29, 372), (24, 386), (18, 398),
                (14, 396), (12, 378), (11, 358),
            ),
        ),
    },
    "quads": {
        "front": (
            _pair(
                (8, 260), (18, 242), (33, 236), (41, 248), (40, 270), (35, 296), (29, 316),
                (21, 324), (13, 318), (9, 302), (7, 280),
            ),
        ),
    },
    "core": {
        "front": (
            _mid(
                (0, 140), (12, 138), (27, 142), (33, 154), (31, 176), (33, 196), (26, 212),
                (14, 230), (5, 240), (0, 242),
            ),
        ),
    },
    "biceps": {
        "front": (
            _pair((40, 124), (48, 120), (55, 130), (58, 146), (57, 160), (51, 164), (45, 156),
                  (41, 140)),
        ),
    },
    "forearms": {
        "front": (
            _pair((46, 170), (57, 168), (64, 180), (67, 198), (67, 214), (61, 218), (55, 206),
                  (50, 188)),
        ),
        "back": (
            _pair((46, 170), (57, 168), (64, 180), (67, 198), (67, 214), (61, 218), (55, 206),
                  (50, 188)),
        ),
    },
}

# Muscles outside the posterior-chain vocabulary: drawn faintly so the figure reads as anatomy.
DECOR: dict[str, tuple[Shape, ...]] = {
    "front": (
        _pair((14, 96), (36, 94), (46, 104), (42, 122), (30, 132), (14, 134), (6, 126), (5, 106)),
        _pair((40, 91), (49, 97), (54, 110), (53, 122), (46, 116), (40, 104), (34, 96)),
        _pair((16, 336), (26, 336), (29, 352), (27, 376), (22, 396), (19, 392), (19, 366)),
    ),
    "back": (
        _pair((14, 100), (32, 98), (38, 108), (33, 122), (24, 130), (17, 120)),
        _pair((40, 126), (52, 128), (58, 146), (56, 162), (48, 164), (42, 146)),
    ),
}

# Fine lines (abdominal segments, knee caps, spine) that help the eye; never interactive.
DETAIL_LINES: dict[str, tuple[tuple[Point, ...], ...]] = {
    "front": (
        ((0, 146), (0, 236)),
        ((4, 166), (22, 164)),
        ((4, 188), (22, 188)),
        ((4, 210), (20, 212)),
        ((14, 82), (30, 88)),
    ),
    "back": (
        ((0, 118), (0, 224)),
    ),
}

ORDER = (
    "neck", "upper-traps", "mid-back", "rear-delts", "lats", "erector-spinae", "glutes",
    "hamstrings", "calves", "quads", "core", "biceps", "forearms",
)


def _mirror(points: Sequence[Point], cx: float, side: int) -> list[Point]:
    return [(cx + side * dx, y) for dx, y in points]


def _shape_paths(shape: Shape, cx: float) -> list[str]:
    if shape.kind == "mid":
        right = _mirror(shape.points, cx, 1)
        left = _mirror(shape.points[::-1], cx, -1)[1:-1]
        n = len(right)
        corners = set(shape.corners) | {0, n - 1}
        return [smooth_d(right + left, corners=corners)]
    return [
        smooth_d(_mirror(shape.points, cx, side), corners=shape.corners) for side in (1, -1)
    ]


def _outline_path(cx: float) -> str:
    right = _mirror(OUTLINE_HALF, cx, 1)
    left = _mirror(OUTLINE_HALF[::-1], cx, -1)[1:-1]
    n = len(right)
    corners = set(OUTLINE_CORNERS)
    corners |= {2 * (n - 1) - c for c in OUTLINE_CORNERS if 0 < c < n - 1}
    return smooth_d(right + left, corners=corners)


CENTRES: dict[str, float] = {"front": VIEW_W / 2, "back": VIEW_W + VIEW_GAP + VIEW_W / 2}
WIDTH = 2 * VIEW_W + VIEW_GAP


@dataclass(frozen=True)
class Geometry:
    """Every path of the drawing as ready-made markup; the body never changes between calls."""

    outline: str  # <path>s of both silhouettes
    decor: str
    muscles: dict[str, str]  # muscle id -> its <path>s, front and back
    lines: str
    labels: str  # the "Front" and "Back" <text>s


@functools.cache
def geometry() -> Geometry:
    outline = "".join(f'<path d="{_outline_path(cx)}"/>' for cx in CENTRES.values())
    decor = "".join(
        f'<path d="{d}"/>'
        for view, shapes in DECOR.items()
        for shape in shapes
        for d in _shape_paths(shape, CENTRES[view])
    )
    muscles = {
        mid: "".join(
            f'<path d="{d}"/>'
            for view, view_shapes in shapes.items()
            for shape in view_shapes
            for d in _shape_paths(shape, CENTRES[view])
        )
        for mid, shapes in MUSCLES.items()
    }
    lines = []
    for view, view_lines in DETAIL_LINES.items():
        for line in view_lines:
            for side in (1, -1) if line[0][0] else (1,):
                lines.append(f'<path d="{polyline_d(_mirror(line, CENTRES[view], side))}"/>')
    labels = "".join(
        f'<text x="{num(cx)}" y="{num(LABEL_Y)}">{view.capitalize()}</text>'
        for view, cx in CENTRES.items()
    )
    return Geometry(outline, decor, muscles, "".join(lines), labels)


def _drawn_ids(known: Iterable[str]) -> list[str]:
    known = set(known)
    return [i for i in ORDER if i in known] + sorted(known - set(ORDER))


# ---- the shared sprite ------------------------------------------------------------------------

SPRITE_ID = "bc-body"


def muscle_vars(muscle_id: str) -> tuple[str, str]:
    """The custom properties (fill, outline) a page sets to colour one region of the sprite."""
    return f"--bc-m-{muscle_id}", f"--bc-ml-{muscle_id}"


@functools.cache
def sprite_svg() -> str:
    """Both views of the body as one ``<g id="bc-body">``, written once per site.

    Pages draw it with ``<use href=".../bodymap.svg#bc-body">``. Inline styles (not classes)
    colour it, because a page's stylesheet does not reach into an external file; every colour
    is a custom property, and custom properties inherit from the ``<use>`` into the copy, so a
    page highlights a muscle by setting its two ``muscle_vars`` on the ``<svg>`` around the use.
    The fallbacks after the commas are for opening the file on its own.
    """
    geo = geometry()
    muscles = []
    for mid in _drawn_ids(MUSCLES):
        fill, line = muscle_vars(mid)
        style = (f"fill:var({fill},var(--bc-muscle-fill,#ddd));"
                 f"stroke:var({line},var(--bc-muscle-line,#999))")
        muscles.append(f'<g {attrs(id=f"bc-m-{mid}", data_muscle=mid, style=style)}>'
                       f"{geo.muscles[mid]}</g>")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {num(WIDTH)} {num(LABEL_Y + 8)}">'
        f'<g id="{SPRITE_ID}">'
        '<g style="fill:var(--bc-body-fill,#f2f2f2);stroke:var(--bc-body-line,#888);'
        f'stroke-width:1.4;stroke-linejoin:round">{geo.outline}</g>'
        '<g style="fill:var(--bc-decor-fill,#e8e8e8);stroke:var(--bc-muscle-line,#999);'
        f'stroke-width:.6">{geo.decor}</g>'
        f'<g style="stroke-width:.8;stroke-linejoin:round">{"".join(muscles)}</g>'
        '<g style="fill:none;stroke:var(--bc-muscle-line,#999);stroke-width:.7;'
        f'stroke-linecap:round;pointer-events:none">{geo.lines}</g>'
        '<g style="fill:var(--bc-ink-soft,#666);font-size:17px" text-anchor="middle">'
        f"{geo.labels}</g>"
        "</g></svg>\n"
    )


# ---- one map ------------------------------------------------------------------------------------


def body_map_svg(
    muscles: list[dict],
    primary: list[str],
    secondary: list[str],
    *,
    title: str,
    links: dict[str, str] | None = None,
    size: str = "full",
    sprite_href: str | None = None,
    labels: dict[str, str] | None = None,
) -> str:
    """Front and back body map; ``primary``/``secondary`` ids are highlighted, unknown ids ignored.

    With ``links`` (muscle id -> URL) every region is a keyboard-focusable link to its page, so
    the whole drawing is inline. With ``sprite_href`` (the URL of ``sprite_svg()`` as written
    to the site, ``#bc-body`` is added) the drawing is referenced rather than repeated and the
    page only says which regions to colour: about 1 KB instead of 12 KB.

    ``labels`` names the colours in the legend and the description (``primary``, ``secondary``
    and, for a legend entry of the plain regions, ``plain``); an exercise's map says "Primary"
    and "Secondary", the site's muscle map "Posterior chain" and "Front of the body".
    """
    labels = {**DEFAULT_LABELS, **(labels or {})}
    known = {m["id"] for m in muscles}
    prim = [i for i in dict.fromkeys(primary) if i in known]
    sec = [i for i in dict.fromkeys(secondary) if i in known and i not in prim]
    names = {m["id"]: m.get("name", m["id"]) for m in muscles}
    highlighted = bool(prim or sec)
    # a map of links names the hovered or focused region on a line of its own under the legend
    height = LEGEND_Y + 10 if highlighted or links else LABEL_Y + 8
    if links and highlighted:
        height = NAME_Y + 10

    desc_parts = []
    if prim:
        desc_parts.append(f"{labels['primary']}: " + ", ".join(names[i] for i in prim) + ".")
    if sec:
        desc_parts.append(f"{labels['secondary']}: " + ", ".join(names[i] for i in sec) + ".")
    if links:
        desc_parts.append("Each muscle group links to its page.")
    if not desc_parts:
        desc_parts.append("Front and back view of the body with the muscle groups outlined.")

    uid = _uid(title)
    classes = "bc-bodymap" + (" bc-bodymap--small" if size == "small" else "")
    classes += " bc-bodymap--links" if links else ""
    use_sprite = sprite_href is not None and not links
    style = None
    if use_sprite:
        style = "".join(
            f"{fill}:var(--bc-{state});{line}:var(--bc-{state}-line);"
            for ids, state in ((prim, "primary"), (sec, "secondary"))
            for fill, line in map(muscle_vars, ids)
        ) or None
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        + attrs(
            class_=classes,
            viewBox=f"0 0 {num(WIDTH)} {num(height)}",
            width=num(WIDTH / 2) if size == "small" else num(WIDTH),
            role="group" if links else "img",
            aria_labelledby=f"{uid}t {uid}d",
            style=style,
            # Material's search leaves the map out of the index: its title, description and
            # region names would otherwise run together in every page's search text.
            data_search_exclude="",
        )
        + ">",
        f'<title id="{uid}t">{esc(title)}</title>',
        f'<desc id="{uid}d">{esc(" ".join(desc_parts))}</desc>',
    ]
    if use_sprite:
        out.append(f'<use href="{esc(sprite_href)}#{SPRITE_ID}"/>')
    else:
        out.append(_inline_body(names, prim, sec, links,
                                NAME_Y if highlighted else LEGEND_Y))
    if highlighted:
        out.append(_legend(bool(prim), bool(sec), labels))
    out.append("</svg>")
    return "".join(out)


def _inline_body(names: dict[str, str], prim: list[str], sec: list[str],
                 links: dict[str, str] | None, name_y: float = LEGEND_Y) -> str:
    """The whole drawing in the page, each region a group with ``data-muscle`` (and a link)."""
    geo = geometry()
    out = [
        '<g class="bc-body" aria-hidden="true">',
        f'<g class="bc-body-outline">{geo.outline}</g>',
        f'<g class="bc-body-decor">{geo.decor}</g>',
        "</g>",
    ]
    for mid in _drawn_ids(names):
        paths = geo.muscles.get(mid)
        if not paths:
            continue
        cls = "bc-muscle"
        if mid in prim:
            cls += " bc-primary"
        elif mid in sec:
            cls += " bc-secondary"
        group = f'<g {attrs(class_=cls, data_muscle=mid)}>{paths}</g>'
        if links and mid in links:
            label = names[mid]
            # the name also shows under the figure while the link is hovered or focused
            name = (f'<text class="bc-muscle-name" x="{num(WIDTH / 2)}" y="{num(name_y)}" '
                    f'text-anchor="middle" display="none" aria-hidden="true">{esc(label)}</text>')
            out.append(
                f'<a {attrs(href=links[mid], aria_label=label, class_="bc-muscle-link")}>'
                f"<title>{esc(label)}</title>{group}{name}</a>"
            )
        else:
            out.append(group)
    out.append(f'<g class="bc-body-lines" aria-hidden="true">{geo.lines}</g>')
    out.append('<g class="bc-bodymap-labels" text-anchor="middle" aria-hidden="true">'
               f"{geo.labels}</g>")
    return "".join(out)


def _legend(prim: bool, sec: bool, labels: dict[str, str]) -> str:
    items = [(c, labels[key]) for c, key, on in (
        ("bc-muscle bc-primary", "primary", prim),
        ("bc-muscle bc-secondary", "secondary", sec),
        ("bc-muscle", "plain", bool(labels.get("plain"))),
    ) if on]
    # each entry as wide as its words (17 px text is about 9 units a letter), centred as a row
    widths = [26.0 + 9.0 * len(text) + 24.0 for _, text in items]
    x = WIDTH / 2 - (sum(widths) - 24.0) / 2
    out = ['<g class="bc-legend" aria-hidden="true">']
    for (cls, text), w in zip(items, widths, strict=True):
        out.append(
            f'<rect class="{cls}" x="{num(x)}" y="{num(LEGEND_Y - 14)}" '
            f'width="18" height="18" rx="4"/>'
            f'<text x="{num(x + 26)}" y="{num(LEGEND_Y)}">{esc(text)}</text>'
        )
        x += w
    out.append("</g>")
    return "".join(out)


def _uid(text: str) -> str:
    """An id prefix from a title, so two maps on one page do not share ids."""
    return "bcb" + hashlib.sha1(text.encode()).hexdigest()[:8]
