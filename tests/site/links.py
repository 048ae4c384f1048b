"""Every link and resource reference in a built site, checked without a network.

Internal references (relative, or root-absolute) must name a file of the site, and a
`#fragment` must name an id (or an <a name>) in the page it points at. External ones are only
listed: a link a reader may follow is fine, but a page must not fetch anything from another host
(the site works offline and nothing may load from a CDN).

Stylesheets are read too: every `url(...)`, `@import` and `image-set()` in a .css file of the
site (resolved from the stylesheet's own folder, as a browser does), and in a page's <style>
elements and style attributes (resolved from the page). Each one is fetched when it applies.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from collections.abc import Iterator
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

# The "element" of a reference found in CSS.
CSS_URL, CSS_IMPORT, CSS_IMAGE_SET = "url()", "@import", "image-set()"
CSS_KINDS = {CSS_URL, CSS_IMPORT, CSS_IMAGE_SET}

# One CSS token that matters here; everything between them is skipped. Comments and strings come
# first so that a "url(" inside either is not taken for one (Material's data: URLs hold
# parentheses and quotes of their own).
_CSS_TOKEN = re.compile(
    r"""
      (?P<comment>/\*.*?(?:\*/|\Z))
    | (?P<string>"(?:[^"\\\n]|\\(?:.|\n))*"?|'(?:[^'\\\n]|\\(?:.|\n))*'?)
    | (?<![\w\\-])url\(\s*(?P<bare>(?:[^"'()\\\s]|\\(?:.|\n))*)\s*\)
    | (?<![\w\\-])(?P<function>-?[a-z_][\w-]*)\(
    | @(?P<at>-?[a-z_][\w-]*)
    | (?P<punct>[();{}])
    | \\(?:.|\n)
    """,
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\f\n]?|(\n)|(.))", re.DOTALL)
_IMAGE_SETS = {"image-set", "-webkit-image-set"}


def _css_unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        hex_digits, newline, char = match.groups()
        if newline:
            return ""  # a line continuation inside a string
        if char is not None:
            return char
        code = int(hex_digits, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_ESCAPE.sub(replace, text)


def css_urls(css: str, first_line: int = 1) -> Iterator[tuple[int, str, str]]:
    """(line, kind, url) for every URL the stylesheet text `css` makes a browser fetch."""
    newlines = [i for i, char in enumerate(css) if char == "\n"]
    functions: list[str] = []  # the open parentheses, innermost last, by function name
    importing = False          # between "@import" and the end of its rule

    def line_at(offset: int) -> int:
        return first_line + bisect.bisect_left(newlines, offset)

    for token in _CSS_TOKEN.finditer(css):
        kind = token.lastgroup
        if kind == "bare":
            yield line_at(token.start()), CSS_URL, _css_unescape(token["bare"])
        elif kind == "string":
            url = _css_unescape(token["string"][1:].removesuffix(token["string"][0]))
            inside = functions[-1] if functions else ""
            if inside == "url":
                yield line_at(token.start()), CSS_URL, url
            elif inside in _IMAGE_SETS:
                yield line_at(token.start()), CSS_IMAGE_SET, url
            elif importing and not functions:
                yield line_at(token.start()), CSS_IMPORT, url
        elif kind == "function":
            functions.append(token["function"].lower())
        elif kind == "at":
            importing = token["at"].lower() == "import"
        elif kind == "punct":
            punct = token["punct"]
            if punct == "(":
                functions.append("")
            elif punct == ")":
                if functions:
                    functions.pop()
            else:
                importing = False
                functions.clear()


@dataclass(frozen=True)
class Reference:
    file: str        # site-relative path of the page or stylesheet holding the reference
    line: int
    element: str     # an HTML element, or one of CSS_KINDS
    url: str
    fetched: bool    # loaded with the page, rather than followed by the reader

    @property
    def where(self) -> str:
        if self.element == CSS_IMPORT:
            shown = f'@import "{self.url}"'
        elif self.element in CSS_KINDS:
            shown = f"{self.element[:-2]}({self.url})"
        else:
            shown = f"<{self.element}> {self.url}"
        return f"{self.file}:{self.line}: {shown}"


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
        self._in_style = False

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
        if "style" in values:
            self.references.extend((line, kind, url, True)
                                   for _, kind, url in css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.references.extend((line, kind, url, True)
                                   for line, kind, url in css_urls(data, self.getpos()[0]))


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
    """Check every reference in every HTML page and every stylesheet of the built site."""
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

    references = [Reference(page, *found) for page, parsed in pages.items()
                  for found in parsed.references]
    for stylesheet in sorted(site.rglob("*.css")):
        name = stylesheet.relative_to(site).as_posix()
        css = stylesheet.read_text(encoding="utf-8", errors="replace")
        references.extend(Reference(name, line, kind, url, True)
                          for line, kind, url in css_urls(css))

    for ref in references:
        where, url = ref.where, ref.url
        if not url:
            report.broken.append(f"{where} → empty URL")
            continue
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in INERT_SCHEMES:
            continue
        if scheme in FOREIGN_SCHEMES or parts.netloc:
            report.external.append(ref)
            continue
        if scheme:
            report.broken.append(f"{where} → unknown scheme {scheme!r}")
            continue
        path = unquote(parts.path)
        if path.startswith("/") and ref.file != "404.html":
            # 404.html is served at whatever URL was missed, so MkDocs gives it
            # root-absolute links; anywhere else they break when the site lives under a
            # sub-path (a project page, a mirror).
            report.broken.append(
                f"{where} → root-absolute; breaks when the site is served from a sub-path"
            )
            continue
        if not parts.path:
            if ref.file.endswith(".css"):
                # "#id" in a stylesheet names an element of whichever page uses it.
                continue
            target = ref.file  # "#id" or "?query": this same page
        else:
            resolved = _resolve(ref.file, path)
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
