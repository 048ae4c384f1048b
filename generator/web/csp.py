"""The Content-Security-Policy every built page carries, and the build rules behind it.

A static host may send no headers at all, so the policy travels inside each page as
`<meta http-equiv="Content-Security-Policy">`. It allows scripts, styles, images, fonts and
connections from the site's own origin only. Inline scripts are not allowed as a class: each
page lists the SHA-256 of exactly the inline scripts it was built with, so a script that gets
into a page afterwards does not run. Those built-in scripts come from templates only (the
theme's small bootstrap scripts, the planner's early worker start): content cannot add one,
because YAML text is escaped and a content page with a <script> fails validation
(generator/content/page_markup.py).

The planner's Python runs in a Web Worker, and a worker takes its policy from its own HTTP
response, never from the page's <meta>. A host that can send headers should send
WORKER_POLICY with the site's scripts (README, "Hosting it anywhere static").

The policy is written after MkDocs has rendered every page (the hashes need the final HTML),
and before the service worker's precache list is made (which hashes the pages).
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

# Scripts the browser executes; `application/json` blocks are data and need no hash.
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
# Inline handlers and javascript: URLs would need 'unsafe-inline'; the site uses neither, and
# the build refuses a page that does, so a policy can never be loosened by accident. Tags are
# read attribute by attribute, so escaped text inside a quoted value (a fork's description
# that mentions onerror=) is not mistaken for a handler.
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_NOT_NEWLINE = re.compile(r"[^\n]")
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s>]+)"""
_TAG = re.compile(rf"""<[a-zA-Z][^\s/>]*((?:\s+[^\s"'=/>]+(?:\s*=\s*{_VALUE})?)*)\s*/?>""")
_ATTRIBUTE = re.compile(rf"""([^\s"'=/>]+)(?:\s*=\s*({_VALUE}))?""")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
# Most pages hold no handler-like word, no "script" before a colon or an entity (which could
# be &colon;), and no numeric entity but the escaped quotes (letters can only be written as
# numeric entities); only a page that does is read tag by tag (1.5 ms a page instead of 0.4).
_SUSPECT = re.compile(r"[\s/\"']on[a-z]+\s*=|script\s*[:&]|&#(?!x27;|39;|x22;|34;)")
_EXISTING = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>\n?", re.I)

# The policy for the planner's worker scripts, for hosts that send headers: the same origin
# rule, plus WebAssembly compilation, which Pyodide needs and nothing else on the site does.
WORKER_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'"
)


class PolicyError(RuntimeError):
    """A built page does something the policy forbids (named page and reason in the message)."""


@dataclass(frozen=True)
class Protected:
    pages: int
    inline_scripts: int


def policy(script_hashes: list[str]) -> str:
    """The policy for one page: the site's own origin, plus the page's own inline scripts."""
    script_src = ["'self'", *(f"'{h}'" for h in script_hashes)]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(script_src),
        "worker-src 'self'",
        # Inline style attributes carry the body map's per-muscle colours; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        # The theme draws its icons from data: SVGs in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in `html` that a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        if _SRC.search(attributes):
            continue
        typed = _TYPE.search(attributes)
        kind = next((g for g in typed.groups() if g is not None), "") if typed else ""
        if kind.strip().lower() in _EXECUTABLE_TYPES:
            found.append(body)
    return found


def script_hash(body: str) -> str:
    """The CSP source expression for an inline script (over its exact UTF-8 text)."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def findings(html: str) -> list[tuple[int, str]]:
    """Inline handlers and javascript: URLs in `html`, each with its offset in the text."""
    found: list[tuple[int, str]] = []
    if not _SUSPECT.search(html.lower()):
        return found
    # Blank out script and style bodies and comments, keeping every offset where it was.
    text = _RAW_TEXT.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group(0)), html)
    for tag in _TAG.finditer(text):
        for attribute in _ATTRIBUTE.finditer(tag.group(1)):
            name, value = attribute.group(1).lower(), attribute.group(2) or ""
            # Browsers decode entities and drop tabs and newlines inside a URL's scheme.
            value = re.sub(r"[\x00-\x20]", "", html_lib.unescape(value.strip("\"'"))).lower()
            at = tag.start(1) + attribute.start()
            if name.startswith("on"):
                found.append((at, f"inline event handler {name}="))
            elif name in _URL_ATTRIBUTES and value.startswith("javascript:"):
                found.append((at, f"a javascript: URL in {name}="))
    return found


def problems(html: str) -> list[str]:
    """What in a page would need the policy loosened: inline handlers, javascript: URLs."""
    return [reason for _, reason in findings(html)]


def with_policy(html: str) -> str:
    """`html` with its policy as the first thing after <meta charset>, replacing an old one."""
    html = _EXISTING.sub("", html)
    hashes = sorted({script_hash(body) for body in inline_scripts(html)})
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    charset = _CHARSET.search(html)
    if charset is None:
        # The policy must come before any script; a page without <meta charset> gets it first
        # in <head>.
        head = re.search(r"<head[^>]*>", html, re.I)
        at = head.end() if head else 0
    else:
        at = charset.end()
    return html[:at] + "\n" + meta + html[at:]


def protect_site(site_dir: Path) -> Protected:
    """Give every HTML page under `site_dir` its policy; refuse pages that would need more."""
    refused: list[str] = []
    rewritten: dict[Path, str] = {}
    scripts = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_dir).as_posix()
        refused += [f"{rel}: {reason}" for reason in problems(html)]
        scripts += len(inline_scripts(html))
        new = with_policy(html)
        if new != html:
            rewritten[path] = new
    if refused:
        # Nothing is written: the pages stay as MkDocs made them and the build fails loudly.
        raise PolicyError(
            "these pages need what the Content-Security-Policy forbids (remove it from the "
            "template or content that produced it):\n  " + "\n  ".join(refused)
        )
    for path, html in rewritten.items():
        path.write_text(html, encoding="utf-8")
    return Protected(pages=len(list(site_dir.rglob("*.html"))), inline_scripts=scripts)
