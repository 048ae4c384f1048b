"""Generating the site's Markdown and assets from content/: the one entry point.

`generate()` is all an engine needs: MkDocs calls it from `generator/build/mkdocs_hook.py`; another
engine (Zensical, a plain script) can call it the same way. It validates everything first and
renders everything in memory, so bad content raises `ContentError` before a single file is
written and the previous build stays as it was.
"""

from __future__ import annotations

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
             save: bool = True) -> GenerateReport:
    """Validate content/ under `root` and write the generated docs into `docs_dir`.

    `memo` defaults to the one in build/.cache/memo, so an exercise that did not change is
    neither parsed, checked nor drawn again (generator/memo.py). `save=False` keeps it in
    memory only (`mkdocs serve` writes it when it stops).
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
    written, removed = sync(docs_dir, files)
    reused, worked_out = memo.hits, memo.misses  # this run's: saving starts the next count
    if save:
        memo.save()
    else:
        memo.next_run()
    pages = sum(1 for name in files if name.endswith(".md"))
    return GenerateReport(pages, written, removed, time.perf_counter() - started,
                          reused, worked_out)


def sync(docs_dir: Path, files: dict[str, str | bytes]) -> tuple[int, int]:
    """Make docs_dir hold `files`: write only what changed, remove what we wrote before.

    Unchanged files keep their timestamps, so `mkdocs serve` (which watches this folder) does
    not rebuild in a loop.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    manifest = docs_dir / MANIFEST
    before = set(manifest.read_text().split("\n")) if manifest.exists() else set()
    written = 0
    for name, data in sorted(files.items()):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        target = docs_dir / name
        if _holds(target, raw):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        written += 1
    stale = sorted(n for n in before - set(files) if n)
    for name in stale:
        (docs_dir / name).unlink(missing_ok=True)
    manifest.write_text("\n".join(sorted(files)))
    return written, len(stale)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
