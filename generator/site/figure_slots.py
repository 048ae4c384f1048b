"""Exercise figures put into the pages after the engine has rendered them.

An exercise page's figures (the movement player and the body map) are most of its Markdown:
about 5.8 KB of SVG against 2.5 KB of text. Both engines parsed that SVG as raw HTML on every
page, a quarter of their time at 1,000 exercises, and Material's search indexed the player's
buttons as if they were the page's words ("Previous pose Play Next pose"). So the Markdown
holds an empty slot,

    <div class="bc-figures" data-bc-slot="deadlift" data-bc-v="3f9c0a1b"></div>

and the figures wait in build/docs/.slots/deadlift.html, a dot folder that neither engine copies
into the site. After the engine, `fill` swaps each slot for its figures (the build's post step,
or the MkDocs hook page by page under `mkdocs serve`). `data-bc-v` is a digest of the figures,
so an edit that changes only a figure still changes the page's Markdown, and a `--dirty`
rebuild renders that page again.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from markupsafe import Markup

FOLDER = ".slots"  # inside the docs folder

_SLOT = re.compile(r'<div class="bc-figures" data-bc-slot="([a-z0-9][a-z0-9-]*)" '
                   r'data-bc-v="[0-9a-f]+"></div>')


class SlotError(RuntimeError):
    """A page names figures that the docs folder does not hold."""


def slot(name: str, figures: str) -> Markup:
    """The Markdown that stands for `figures` (kept in `FOLDER/<name>.html`) until `fill`."""
    version = hashlib.blake2b(figures.encode("utf-8"), digest_size=4).hexdigest()
    return Markup(f'<div class="bc-figures" data-bc-slot="{name}" data-bc-v="{version}"></div>')


def path(name: str) -> str:
    """Where the figures of slot `name` live, relative to the docs folder."""
    return f"{FOLDER}/{name}.html"


def fill(html: str, docs_dir: Path) -> str:
    """`html` with every slot replaced by the figures the docs folder holds for it."""
    if "data-bc-slot=" not in html:
        return html

    def figures(match: re.Match[str]) -> str:
        try:
            return (Path(docs_dir) / path(match.group(1))).read_text(encoding="utf-8")
        except OSError:
            raise SlotError(f"no figures for {match.group(1)!r} in {docs_dir / FOLDER}: "
                            "generate the docs again") from None

    return _SLOT.sub(figures, html)
