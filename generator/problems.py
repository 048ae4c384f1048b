"""Content problems: where they are and how they are reported."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def shown_path(path: Path, root: Path | None = None) -> str:
    """A file as messages name it: relative to `root` (the current folder) when inside it."""
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def github(self) -> str:
        """The same problem as a GitHub Actions annotation."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.col}::{message}"


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
    close = difflib.get_close_matches(str(value), sorted(known), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
