"""Making untrusted content text safe inside generated Markdown.

Content comes from forks, so every string from YAML is treated as plain text: HTML is escaped
(a `<script>` in a name shows as text) and Markdown syntax is neutralised (a `[link](...)` or
`**bold**` in a step shows literally). The Jinja2 environment applies `escape_text` to every
`{{ … }}` by default; only values wrapped in `Markup` (our own SVG and HTML) pass through.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

__all__ = ["Markup", "escape_text", "raw_html_block"]

# Characters Python-Markdown treats as inline syntax wherever they appear.
_INLINE = re.compile(r"([\\`*_\[\]{}|])")
# Characters that start a block (heading, quote, list) at the start of a line.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)\.")


def escape_text(value: object) -> str:
    """A content string as Markdown that renders exactly as the text it holds."""
    if isinstance(value, Markup):
        return str(value)
    text = " ".join(str(value).split())  # YAML block scalars: one paragraph, one line
    text = html.escape(text, quote=True)
    text = _INLINE.sub(r"\\\1", text)
    text = _LIST_NUMBER.sub(r"\1\\.", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def raw_html_block(fragment: str) -> Markup:
    """An HTML/SVG fragment that Markdown must pass through untouched.

    A blank line would end Markdown's raw-HTML block, and leading indentation would turn it into
    a code block, so both are removed.
    """
    lines = (line.strip() for line in fragment.splitlines())
    return Markup("\n".join(line for line in lines if line))
