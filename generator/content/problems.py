"""Content problems: where they are and how they are reported."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def lexical_path(path: Path) -> Path:
    """`path` made absolute with its folders resolved but not its own name.

    A symbolic link is named as itself, never as the file it points to: a link
    `content/exercises/x.yaml` is reported as that, whatever it points at (issue 17).
    """
    path = Path(os.path.abspath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def shown_path(path: Path, root: Path | None = None) -> str:
    """A file as messages name it: relative to `root` (the current folder) when inside it."""
    return shown_paths([path], root)[0]


def shown_paths(paths: Iterable[Path], root: Path | None = None) -> list[str]:
    """`shown_path` of each path, resolving the root and each folder once (a thousand exercise
    files share one folder, and resolving it is most of the cost). A link is named as itself,
    never as what it points to (`lexical_path`)."""
    base = os.path.join(os.path.realpath(root or Path.cwd()), "")  # with its final slash
    folders: dict[str, str] = {}
    shown = []
    for path in paths:
        folder, name = os.path.split(os.path.abspath(path))
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        real = os.path.join(folders[folder], name)
        if real.startswith(base):
            shown.append(real[len(base):])
        else:
            shown.append("." if os.path.join(real, "") == base else str(path))
    return shown


# Characters that would break a message over several lines or hide in a terminal: C0 and C1
# controls, the Unicode line and paragraph separators, and lone surrogates (a file name that is
# not UTF-8). They are written as escapes, so every problem stays on one line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    ch = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def one_line(text: str) -> str:
    """`text` with every line break and control character written as an escape."""
    return _UNPRINTABLE.sub(_escape, text)


def shown(value: object, limit: int = 40) -> str:
    """A value as a message echoes it: on one line, and cut to about `limit` characters."""
    text = one_line(value if isinstance(value, str) else str(value))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# The file being read, for the one line an unexpected error prints (`generator.cli`).
_reading: list[str] = [""]


def now_reading(label: str) -> None:
    _reading[0] = label


def being_read() -> str:
    return _reading[0]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}:{self.col}: {one_line(self.message)}"

    def github(self) -> str:
        """The same problem as a GitHub Actions annotation."""
        message = one_line(self.message).replace("%", "%25")
        path = one_line(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.col}::{message}"


class ContentError(Exception):
    """Raised when the content has problems; carries all of them, sorted by place."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        noun = "problem" if len(lines) == 1 else "problems"
        lines.append(f"{len(self.problems)} {noun} found; nothing was written.")
        return "\n".join(lines)


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """' (did you mean "x"?)' for a near miss, else ''."""
    value = str(value)
    if len(value) > 200:  # nothing known is that long; spare difflib the work
        return ""
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f' (did you mean "{shown(close[0])}"?)' if close else ""
