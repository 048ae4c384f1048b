"""Every link and resource reference in a built site, checked without a network.

Internal references (relative, or root-absolute) must name a file of the site, and a
`#fragment` must name an id (or an <a name>) in the page it points at. External ones are only
listed: a link a reader may follow is fine, but a page must not fetch anything from another host
(the site works offline and nothing may load from a CDN).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that hold one URL, by element. `a`, `area` and `form` are navigations (followed
# only if the reader chooses); everything else is fetched when the page loads.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "form": ("action",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "track": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
SRCSET_ELEMENTS = {"img", "source"}
NAVIGATIONS = {"a", "area", "form"}
# <link> types that only name another document; every other rel (stylesheet, icon, preload,
# manifest, preconnect, ...) makes the browser fetch or connect.
NAVIGATION_RELS = {"alternate", "author", "canonical", "help", "license", "next", "prev",
                   "search"}
# Schemes that reach no server, or none the page contacts by itself.
INERT_SCHEMES = {"data", "javascript", "blob", "about"}
FOREIGN_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}


@dataclass(frozen=True)
class Reference:
    page: str        # site-relative path of the page holding the reference
    line: int
    element: str
    url: str
    fetched: bool    # loaded with the page, rather than followed by the reader


@dataclass
class Report:
    broken: list[str] = field(default_factory=list)
    external: list[Reference] = field(default_factory=list)

    @property
    def fetched_external(self) -> list[Reference]:
        return [ref for ref in self.external if ref.fetched]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.references: list[tuple[int, str, str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        line = self.getpos()[0]
        fetched = tag not in NAVIGATIONS
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            fetched = not rels or not rels <= NAVIGATION_RELS
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                self.references.append((line, tag, values[attribute].strip(), fetched))
        if tag in SRCSET_ELEMENTS and "srcset" in values:
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    url = candidate.split()[0]
                    self.references.append((line, tag, url, True))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _resolve(page: str, path: str) -> str | None:
    """The site-relative path `path` names from `page`, or None if it climbs above the root."""
    if path.startswith("/"):
        parts: list[str] = []
    else:
        parts = page.split("/")[:-1]
    for segment in path.split("/"):
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    target = "/".join(parts)
    # A URL ending in "/" (or the bare root) names the directory's index page.
    if path.endswith("/") or path in ("", ".") or path.endswith("/.") or not target:
        target = posixpath.join(target, "index.html") if target else "index.html"
    return target


def check_site(site: Path) -> Report:
    """Check every reference in every HTML page of the built site at `site`."""
    pages = {path.relative_to(site).as_posix(): _parse(path)
             for path in sorted(site.rglob("*.html"))}
    other_anchor_files: dict[str, set[str]] = {}
    report = Report()

    def anchors_of(target: str) -> set[str]:
        if target in pages:
            return pages[target].anchors
        if target not in other_anchor_files:
            # An SVG sprite or similar XML document: html.parser reads its ids just as well.
            other_anchor_files[target] = _parse(site / target).anchors
        return other_anchor_files[target]

    for page, parsed in pages.items():
        for line, element, url, fetched in parsed.references:
            where = f"{page}:{line}: <{element}> {url}"
            if not url:
                report.broken.append(f"{where} → empty URL")
                continue
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme in INERT_SCHEMES:
                continue
            if scheme in FOREIGN_SCHEMES or parts.netloc:
                report.external.append(Reference(page, line, element, url, fetched))
                continue
            if scheme:
                report.broken.append(f"{where} → unknown scheme {scheme!r}")
                continue
            path = unquote(parts.path)
            if path.startswith("/") and page != "404.html":
                # 404.html is served at whatever URL was missed, so MkDocs gives it
                # root-absolute links; anywhere else they break when the site lives under a
                # sub-path (a project page, a mirror).
                report.broken.append(
                    f"{where} → root-absolute; breaks when the site is served from a sub-path"
                )
                continue
            if not parts.path:
                target = page  # "#id" or "?query": this same page
            else:
                resolved = _resolve(page, path)
                if resolved is None:
                    report.broken.append(f"{where} → climbs above the root of the site")
                    continue
                target = resolved
                if (site / target).is_dir() and (site / target / "index.html").is_file():
                    target = posixpath.join(target, "index.html")
                if not (site / target).is_file():
                    report.broken.append(f"{where} → no file {target} in the site")
                    continue
            fragment = unquote(parts.fragment)
            # A bare "#" names no element; a fragment into a script or an image names nothing
            # this checker can see.
            if not fragment or not target.endswith((".html", ".svg")):
                continue
            if fragment not in anchors_of(target):
                report.broken.append(f"{where} → no id {fragment!r} in {target}")
    return report
