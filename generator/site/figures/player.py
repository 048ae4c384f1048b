"""The movement figure as a player: the animated view(s) with buttons to pause, play and step.

The figures themselves (``movement.movement_svg``, one SVG per view) animate with CSS alone,
so a page without JavaScript still moves as before. This wraps them in a ``<figure>`` whose
controls are ``hidden`` until assets/figure-player.js takes over: it pauses and seeks the
figures' CSS animations through the Web Animations API, so every view shows the same pose.

The script needs to know where each pose is held on the animation's timeline; that is
``movement.holds`` (percent of one way through), written here as data so the script does not
repeat the arithmetic. Sizes come from the custom properties each figure already carries
(``--bc-panel-w``, ``--bc-strip-w``, the widths in viewBox units of the animated panel and the
strip of poses), so the player can be as wide as its figures at the player's scale.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from generator.site.figures.movement import holds
from generator.site.figures.svg import attrs, num

_WIDTH_VAR = re.compile(r"--bc-(panel|strip)-w:([\d.]+)")


def _view_widths(svgs: Sequence[str]) -> tuple[float, float]:
    """(animated, strip) width of all views side by side, in viewBox units."""
    panel = strip = 0.0
    for svg in svgs:
        found = dict(_WIDTH_VAR.findall(svg[: svg.find(">")]))
        panel += float(found.get("panel", 0))
        strip += float(found.get("strip", 0))
    return panel, strip


def movement_player(figure: Mapping | None, views: Sequence[str], *, name: str) -> str:
    """The figure of one exercise with its controls; ``views`` are the SVGs of its views (the
    side view, and a front or rear view where it has one), all drawn from ``figure``'s poses.

    Without poses (a placeholder) there is nothing to play: the views are returned as they are.
    """
    poses = [str(p["name"]) for p in (figure or {}).get("poses") or []]
    if len(poses) < 2:
        return "".join(views)
    panel, strip = _view_widths(views)
    style = f"--bc-player-w:{num(panel)};--bc-player-strip:{num(strip)}"
    holds_data = json.dumps([[a, b] for a, b in holds(len(poses))], separators=(",", ":"))
    # Text buttons (not icons): their names are what a screen reader says and what the eye
    # reads. "Play" keeps its name and says with aria-pressed whether the figure is moving.
    buttons = (
        '<button type="button" class="md-button bc-player-prev">Previous pose</button>'
        '<button type="button" class="md-button bc-player-play" aria-pressed="true">'
        "Play</button>"
        '<button type="button" class="md-button bc-player-next">Next pose</button>'
    )
    # A named group, not a <figure>: a figcaption would give the figure the buttons' words as
    # its name; the views inside keep their own titles and descriptions.
    return (
        "<div "
        + attrs(
            class_="bc-player",
            role="group",
            aria_label=f"Movement of the {name}",
            style=style,
            data_poses=json.dumps(poses, ensure_ascii=False, separators=(",", ":")),
            data_holds=holds_data,
        )
        + ">"
        + f'<div class="bc-player-stage">{"".join(views)}</div>'
        + f'<div class="bc-player-controls" hidden="">{buttons}'
        + '<span class="bc-player-status" role="status"></span></div>'
        + "</div>"
    )
