"""Results of the build's slow pure functions, kept between builds by a hash of their inputs.

Drawing an exercise's figures, checking its poses and reading its YAML take most of
`generate`'s time, and each is a pure function of one exercise's data and of the generator's
code. A `Memo` remembers their answers by a hash of both, so a build after an edit to one
exercise does that exercise's work again and reuses the rest:

    memo = Memo.open(root / "build" / ".cache" / "memo")
    svg = memo.get("views", [figure, title], lambda: movement_views(figure, title=title))
    memo.save()

Values are plain JSON (never pickle: the cache is a file on disk like any other input), and a
value that does not come back from JSON exactly as it went in is not kept. The folder is named
by a hash of the generator's source, so a changed line of code starts a fresh cache; entries no
build used are dropped when it saves. A damaged or missing cache costs time, never correctness.
`Memo.off()` remembers nothing (the stages' default, and `check`'s).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

GENERATOR = Path(__file__).resolve().parent
# Every file whose change can change what a memoised function returns.
_SOURCE_SUFFIXES = (".py", ".j2", ".js", ".css", ".mjs")


# Libraries whose version can change an answer: Markdown and its extensions render the pages
# the markup check reads, Jinja2 the templates, the YAML readers the data.
_LIBRARIES = ("markdown", "pymdown-extensions", "jinja2", "ruamel.yaml", "pyyaml", "markupsafe")


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the generator's and the planner's source (generate calls both), the Python
    version and the versions of the libraries they use."""
    digest = hashlib.blake2b(digest_size=10)
    digest.update(sys.version.encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    for package in (GENERATOR, GENERATOR.parent / "planner"):
        for path in sorted(package.rglob("*")):
            if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(package.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(value: Any) -> str:
    """A short hash of JSON data, to stand for a large input shared by many keys."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=True)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _key(kind: str, inputs: Any) -> str:
    return digest([kind, inputs])


def text_of(path: Path) -> str | None:
    """A file's text as an input of a key (mkdocs.yml, package-lock.json); None if unreadable."""
    try:
        return Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _round_trips(value: Any) -> bool:
    try:
        return json.loads(json.dumps(value, allow_nan=False)) == value
    except (TypeError, ValueError):
        return False


class Memo:
    """A dictionary of answers by kind and inputs, loaded from and saved to one folder."""

    def __init__(self, folder: Path | None, entries: dict[str, dict[str, Any]]):
        self.folder = folder
        self._on_disk = entries
        # Answers that may be reused: those on disk, then also those of earlier runs in this
        # process (`mkdocs serve`); and the answers the current (or last finished) run used.
        self._known = {kind: dict(found) for kind, found in entries.items()}
        self._used: dict[str, dict[str, Any]] = {}
        self._finished: dict[str, dict[str, Any]] | None = None
        self.hits = 0
        self.misses = 0

    @classmethod
    def off(cls) -> Memo:
        return cls(None, {})

    @classmethod
    def open(cls, cache_dir: Path) -> Memo:
        """The memo for this code under `cache_dir` (made when first saved)."""
        folder = Path(cache_dir) / code_digest()
        entries: dict[str, dict[str, Any]] = {}
        if folder.is_dir():
            for path in folder.glob("*.json"):
                try:
                    loaded = json.loads(path.read_text("utf-8"))
                except (OSError, ValueError, UnicodeDecodeError):
                    continue  # damaged: those answers are worked out again
                if isinstance(loaded, dict):
                    entries[path.stem] = loaded
        return cls(folder, entries)

    def get(self, kind: str, inputs: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or its answer from an earlier call with equal `kind` and `inputs`.

        `inputs` must be JSON data holding everything `compute` depends on besides the code.
        """
        if self.folder is None:
            return compute()
        key = _key(kind, inputs)
        used = self._used.setdefault(kind, {})
        if key in used:
            self.hits += 1
            return used[key]
        known = self._known.get(kind, {})
        if key in known:
            self.hits += 1
            used[key] = known[key]
            return known[key]
        self.misses += 1
        value = compute()
        if _round_trips(value):
            used[key] = value
        return value

    def next_run(self) -> None:
        """End a run without writing (`mkdocs serve` rebuilds): its answers stay reusable, and
        the counts start again."""
        for kind, entries in self._used.items():
            self._known.setdefault(kind, {}).update(entries)
        self._finished, self._used = self._used, {}
        self.hits = self.misses = 0

    def save(self) -> None:
        """Write the answers the last run used; drop entries it did not use, and the folders
        of other code."""
        if self.folder is None:
            return
        if self._used or self._finished is None:  # else the run ended already (serve)
            self.next_run()
        finished = self._finished or {}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for kind, entries in finished.items():
                if entries != self._on_disk.get(kind):
                    _write_atomically(self.folder / f"{kind}.json",
                                      json.dumps(entries, ensure_ascii=False, sort_keys=True))
            for stale in self.folder.glob("*.json"):
                if stale.stem not in finished:
                    stale.unlink(missing_ok=True)
            for other in self.folder.parent.iterdir():
                if other != self.folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
            self._on_disk = finished
        except OSError:
            pass  # a read-only or full disk: the next build works everything out again


def _write_atomically(path: Path, text: str) -> None:
    # A build stopped half-way must not leave half a file for the next one to trip on.
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
