"""What raw HTML a hand-written content page (content/pages/*.md) may hold.

Markdown passes HTML through, and a fork's contributor writes these pages. Layout markup is
welcome (a `<div>`, a `<figure>`, a table); markup that runs code or pulls in another document
is not: the build gives every inline script in a page a pass in its Content-Security-Policy
(generator/web/csp.py), so content must not be able to add one. Code blocks and code spans are
text, shown escaped, and are skipped: a page may *show* `<script>`.

Two passes: the source is scanned, with code blanked, to name each piece at its line and
column; and the page is rendered with Python-Markdown, as MkDocs renders it, because only the
renderer knows for sure what is code (a stray backtick must not hide a `<script>` from the
scan while Markdown lets it through). Whatever the rendered page holds that the scan missed is
reported too, at its first place in the source.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import markdown
import yaml

from generator.content.problems import Problem
from generator.web import csp

# Elements that run code, embed another document, or change where the page's links and
# requests go.
FORBIDDEN = ("script", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link")

_ELEMENT = re.compile(r"<\s*(" + "|".join(FORBIDDEN) + r")\b", re.I)
# A Markdown link or link definition whose address is a javascript: URL.
_SCRIPT_LINK = re.compile(
    r"\]\(\s*<?\s*javascript:|^ {0,3}\[[^\]]+\]:\s*<?\s*javascript:", re.I | re.M
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A code span never runs past a blank line: Markdown pairs backticks within a paragraph.
_CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_NOT_NEWLINE = re.compile(r"[^\n]")
# MkDocs always adds these to the extensions mkdocs.yml lists.
_MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
_PROJECT_CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its Markdown settings; `!ENV` and `!!python/...` values become
    None (the extension's default) and nothing is ever constructed from a tag."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@functools.cache
def site_markdown(config: Path = _PROJECT_CONFIG) -> tuple[tuple[str, ...], str]:
    """The Markdown extensions the site is rendered with, read from `config`, as a tuple of
    names and their settings as JSON (hashable, so the renderer is made once per config).

    The check must render exactly as the site does: one extension more or less changes what is
    code and what is raw HTML (with `md_in_html`, a code span inside a `<div markdown>` is
    code; without it, the same text is raw HTML that runs).
    """
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506
    names = list(_MKDOCS_BUILTINS)
    settings: dict[str, dict] = {}
    for entry in data.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if isinstance(options, dict):
            settings[name] = {k: v for k, v in options.items() if v is not None}
    return tuple(names), json.dumps(settings, sort_keys=True)


def markup_problems(label: str, text: str, config: Path = _PROJECT_CONFIG) -> list[Problem]:
    """Every piece of markup in a content page that may not be there, at its line and column.

    `config` is the mkdocs.yml whose Markdown extensions render the page.
    """
    visible = _without_code(text)
    found = [
        (match.start(), f"<{match.group(1).lower()}> is not allowed in a content page: content "
                        "may not run code or embed other pages (to show the tag, put it in "
                        "`code` or a fenced code block)")
        for match in _ELEMENT.finditer(visible)
    ]
    found += [
        (offset, f"{reason} is not allowed in a content page: content may not run code")
        for offset, reason in csp.findings(visible)
    ]
    found += [
        (match.start(), "a link to a javascript: URL is not allowed in a content page: "
                        "content may not run code")
        for match in _SCRIPT_LINK.finditer(visible)
    ]
    named = {_kind(message) for _, message in found}
    found += [(offset, message) for offset, message in _rendered_findings(text, config)
              if _kind(message) not in named]
    return [
        Problem(label, *_line_col(text, offset), message) for offset, message in sorted(found)
    ]


@functools.cache
def _renderer(names: tuple[str, ...], settings: str) -> markdown.Markdown:
    return markdown.Markdown(extensions=list(names), extension_configs=json.loads(settings))


def _rendered_findings(text: str, config: Path) -> list[tuple[int, str]]:
    """What the rendered page runs although the scan saw none of it, placed in the source."""
    try:
        html = _renderer(*site_markdown(config)).reset().convert(text)
    except Exception as exc:  # noqa: BLE001 - any extension's failure; MkDocs would stop too
        return [(0, f"this page cannot be rendered with the Markdown extensions of {config.name} "
                    f"({type(exc).__name__}: {exc}); fix markdown_extensions there or install "
                    "the extension")]
    elements = {m.group(1).lower() for m in _ELEMENT.finditer(html)}
    reasons = {reason for _, reason in csp.findings(html)}
    if not elements and not reasons:
        return []
    found = []
    for name in sorted(elements):
        match = re.search(r"<\s*" + name + r"\b", text, re.I)
        found.append((match.start() if match else 0,
                      f"<{name}> is not allowed in a content page: content may not run code or "
                      "embed other pages (the site's Markdown renders it as a tag here, not "
                      "as code)"))
    for reason in sorted(reasons):
        # e.g. "inline event handler onclick=" or "a javascript: URL in href="
        needle = "javascript:" if "javascript:" in reason else reason.split()[-1]
        match = re.search(re.escape(needle), text, re.I)
        found.append((match.start() if match else 0,
                      f"{reason} is not allowed in a content page: content may not run code"))
    return found


def _kind(message: str) -> str:
    """What a message is about, so the two passes report one thing once."""
    return "javascript:" if "javascript:" in message else message.split(" is not allowed")[0]


def _without_code(text: str) -> str:
    """`text` with fenced code blocks and code spans blanked, every offset kept."""
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
            lines[number] = " " * len(line)
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            lines[number] = " " * len(line)
    return _CODE_SPAN.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group(0)), "\n".join(lines))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
