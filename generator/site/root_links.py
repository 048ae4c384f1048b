"""Links in generated HTML that work whichever engine renders the page.

A page's Markdown may carry raw HTML (the body map's `<use href>`, the planner button). MkDocs
copies raw HTML as it is, so a URL there must be relative to the page's URL
(`exercises/deadlift/` → `../../assets/…`); Zensical rewrites it as if it were relative to
the Markdown file (`exercises/` → `../assets/…`). No relative URL means the same to both.

So the generator writes such URLs as `bc-root:assets/…`, which both engines leave alone (it has
a scheme), and the post-process step (`generator.build.steps.finish_page`) turns each one into the
path from that page to the site's root. The site keeps working under any sub-path.
"""

from __future__ import annotations

import re

SCHEME = "bc-root:"
_ATTRIBUTE = re.compile(r'(\s(?:href|src|action|data-root)=")' + re.escape(SCHEME))


def url(path: str) -> str:
    """The engine-neutral URL of `path` (from the site root, no leading slash)."""
    return SCHEME + path.lstrip("/")


def prefix(page: str) -> str:
    """From the page at `page` (a path in the built site, e.g. `exercises/x/index.html`) back
    to the site root: `../../`, or `./` for a page at the root."""
    depth = page.count("/")
    return "../" * depth or "./"


def resolve(html: str, page: str) -> str:
    """`html` with every engine-neutral URL made relative to the page at `page`."""
    if SCHEME not in html:
        return html
    return _ATTRIBUTE.sub(lambda m: m.group(1) + prefix(page), html)
