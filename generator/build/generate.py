"""Generating the site's Markdown and assets from content/: the one entry point.

`generate()` is all an engine needs: MkDocs calls it from `generator/build/mkdocs_hook.py`; another
engine (Zensical, a plain script) can call it the same way. It validates everything first and
renders everything in memory, so bad content raises `ContentError` before a single file is
written and the previous build stays as it was.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from generator.content.validation import load_content
from generator.memo import Memo
from generator.site.catalogue import build_catalogue
from generator.site.render import render_site
from generator.site.schedule_examples import example_weeks
from generator.web import webapp

# Files this generator wrote last time, so files of exercises that were removed can be deleted
# without touching what other steps (the browser planner's runtime) put in the same folder.
MANIFEST = ".backchain-generated"


@dataclass(frozen=True)
class GenerateReport:
    pages: int
    written: int
    removed: int
    seconds: float
    reused: int = 0  # answers the memo gave back instead of working them out again
    worked_out: int = 0


def generate(root: Path, docs_dir: Path, memo: Memo | None = None, *,
             save: bool = True, written: Written | None = None) -> GenerateReport:
    """Validate content/ under `root` and write the generated docs into `docs_dir`.

    `memo` defaults to the one in build/.cache/memo, so an exercise that did not change is
    neither parsed, checked nor drawn again (generator/memo.py). `save=False` keeps it in
    memory only (`mkdocs serve` writes it when it stops), as `written` keeps what was written
    (see `sync`).
    """
    started = time.perf_counter()
    memo = memo or Memo.open(root / "build" / ".cache" / "memo")
    content = load_content(root / "content", root=root, memo=memo)
    catalogue = build_catalogue(content)
    # The example weeks are plans: functions of the planner's catalogue and the splits.
    weeks = memo.get("example-weeks", [catalogue, content.splits, content.equipment],
                     lambda: example_weeks(content))
    files = render_site(content, example_weeks=weeks, memo=memo)
    webapp.write_planner(docs_dir, catalogue, root=root, memo=memo)
    count, removed = sync(docs_dir, files, written)
    reused, worked_out = memo.hits, memo.misses  # this run's: saving starts the next count
    if save:
        memo.save()
    else:
        memo.next_run()
    pages = sum(1 for name in files if name.endswith(".md"))
    return GenerateReport(pages, count, removed, time.perf_counter() - started,
                          reused, worked_out)


class Written:
    """What `sync` left in the docs folder, kept in memory between the builds of one process
    (`mkdocs serve`): a file whose size, time and inode have not changed since still holds what
    was written, so it is not read back. Reading three thousand unchanged files was a fifth of
    a rebuild at a thousand exercises."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[tuple[int, int, int], str | bytes]] = {}

    def holds(self, name: str, path: str | Path, data: str | bytes) -> bool:
        seen = self._files.get(name)
        # The memo hands back the same string for an unchanged answer: `==` is then at once.
        return seen is not None and seen[1] == data and _stamp(path) == seen[0]

    def record(self, name: str, path: Path, data: str | bytes) -> None:
        stamp = _stamp(path)
        if stamp is None:
            self._files.pop(name, None)
        else:
            self._files[name] = (stamp, data)


def sync(docs_dir: Path, files: dict[str, str | bytes],
         written: Written | None = None) -> tuple[int, int]:
    """Make docs_dir hold `files`: write only what changed, remove what we wrote before.

    Unchanged files keep their timestamps, so `mkdocs serve` (which watches this folder) does
    not rebuild in a loop. `written` (kept by a long-running process) spares reading back what
    it saw last time.
    """
    written = written or Written()
    docs_dir.mkdir(parents=True, exist_ok=True)
    manifest = docs_dir / MANIFEST
    before = set(manifest.read_text().split("\n")) if manifest.exists() else set()
    count = 0
    base = os.fspath(docs_dir)
    for name, data in sorted(files.items()):
        if written.holds(name, os.path.join(base, name), data):
            continue
        target = docs_dir / name
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if not _holds(target, raw):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
            count += 1
        written.record(name, target, data)
    stale = sorted(n for n in before - set(files) if n)
    for name in stale:
        (docs_dir / name).unlink(missing_ok=True)
    listing = "\n".join(sorted(files))
    if stale or listing != "\n".join(sorted(before)):
        manifest.write_text(listing)
    return count, len(stale)


def _stamp(path: str | Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
