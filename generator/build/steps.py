"""The build as the project's own steps, so no engine can lose one.

    python -m generator build                      # MkDocs (the default)
    python -m generator build --engine zensical    # Zensical, from the same mkdocs.yml
    ./run build --engine zensical                  # the same, after setting everything up

Steps, in order:

1. **date**: pin SOURCE_DATE_EPOCH to the commit's date, so a build is reproducible;
2. **generate**: validate content/ and write build/docs (`generator.build.generate.generate`); bad
   content stops here, before anything else is written;
3. **engine**: MkDocs or Zensical renders build/docs into a fresh folder beside the site;
4. **post**: each page finished: the exercise figures put in their slots
   (`generator.site.figure_slots`) and engine-neutral links resolved (`generator.site.root_links`);
   then the Content-Security-Policy on every page, then the service worker (it hashes every file, so
   it comes last);
5. **swap**: the fresh folder replaces the site folder in one rename, so a failed step leaves
   the last good site as it was and a reader never sees half a site.

Zensical reads mkdocs.yml but ignores `hooks:`, so nothing here may live only in the MkDocs
hook: `generator/build/mkdocs_hook.py` calls these same steps for `mkdocs serve` and plain
`mkdocs build`, and stands aside when this module drives MkDocs (engines.STEPS_VARIABLE).
How each engine is run, and what is put back after Zensical, is `generator/build/engines.py`.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.build import build_date, engines
from generator.build.engines import ENGINES
from generator.build.generate import GenerateReport, Written, generate
from generator.memo import Memo
from generator.site import figure_slots, root_links
from generator.web import csp, webapp

class BuildError(RuntimeError):
    """A step failed; the text says which and why, and the previous site is untouched."""


@dataclass(frozen=True)
class BuildReport:
    engine: str
    site_dir: Path
    pages: int
    seconds: dict[str, float]  # step name -> wall time

    def summary(self) -> str:
        steps = ", ".join(f"{name} {s:.2f} s" for name, s in self.seconds.items())
        total = sum(self.seconds.values())
        return (
            f"{self.engine}: {self.pages} pages in {self.site_dir} "
            f"({steps}; total {total:.2f} s)"
        )


def build(
    root: Path,
    engine: str = "mkdocs",
    site_dir: Path | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> BuildReport:
    """Build the site under `root` with `engine` into `site_dir` (default build/site)."""
    if engine not in ENGINES:
        raise BuildError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    root = Path(root).resolve()
    site_dir = Path(site_dir).resolve() if site_dir else root / "build" / "site"
    seconds: dict[str, float] = {}

    started = time.perf_counter()
    log(f"date: {pin_date(root)}")
    seconds["date"] = time.perf_counter() - started

    started = time.perf_counter()
    generated = generate_docs(root)
    seconds["generate"] = time.perf_counter() - started
    log(f"generate: {generated.pages} pages ({generated.written} written)")

    # Zensical refuses a site folder outside the project, so the fresh one lives in build/.
    fresh = root / "build" / ".site.building"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        started = time.perf_counter()
        try:
            engines.run_engine(engine, root, fresh)
        except engines.EngineError as exc:
            raise BuildError(str(exc)) from None
        seconds["engine"] = time.perf_counter() - started

        started = time.perf_counter()
        protected = post_process(fresh, root / "build" / "docs")
        seconds["post"] = time.perf_counter() - started
        log(f"post: policy on {protected.pages} pages, service worker written")

        started = time.perf_counter()
        swap_in(fresh, site_dir)
        seconds["swap"] = time.perf_counter() - started
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return BuildReport(engine, site_dir, pages, seconds)


def pin_date(root: Path) -> str:
    try:
        return build_date.pin_build_date(root)
    except build_date.BuildDateError as exc:
        raise BuildError(f"{exc}; set SOURCE_DATE_EPOCH to build anyway") from None


def generate_docs(root: Path, docs_dir: Path | None = None, memo: Memo | None = None, *,
                  save: bool = True, written: Written | None = None) -> GenerateReport:
    """build/docs from content/; raises ContentError (every problem) before writing a file."""
    return generate(root, docs_dir or root / "build" / "docs", memo, save=save,
                    written=written)


def post_process(site_dir: Path, docs_dir: Path, *, dev: bool = False,
                 pages_finished: bool = False) -> csp.Protected:
    """Every page finished (unless the engine did it page by page: the MkDocs hook), the
    policy on every page, then the service worker, which hashes every file."""
    if not pages_finished:
        finish_site(site_dir, docs_dir)
    try:
        protected = csp.Protected(0, 0) if dev else csp.protect_site(site_dir)
    except csp.PolicyError as exc:
        raise BuildError(str(exc)) from None
    webapp.write_service_worker(site_dir, dev=dev)
    return protected


def finish_page(html: str, page: str, docs_dir: Path) -> str:
    """A page as the engine wrote it (`page`: its path in the site) made whole: the exercise
    figures put in their slots, then the engine-neutral links resolved (the figures hold some)."""
    try:
        return root_links.resolve(figure_slots.fill(html, docs_dir), page)
    except figure_slots.SlotError as exc:
        raise BuildError(f"{page}: {exc}") from None


def finish_site(site_dir: Path, docs_dir: Path) -> int:
    """`finish_page` on every page under `site_dir`; the number of pages changed."""
    changed = 0
    for path in sorted(Path(site_dir).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        new = finish_page(html, path.relative_to(site_dir).as_posix(), docs_dir)
        if new != html:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def swap_in(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` where `site_dir` is with renames only, so no reader sees a half site."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = site_dir.with_name(f".{site_dir.name}.new")
    old = site_dir.with_name(f".{site_dir.name}.old")
    for leftover in (staged, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        fresh.rename(staged)
    except OSError:  # another file system (a --site-dir elsewhere): copy beside it first
        shutil.copytree(fresh, staged, symlinks=True)
    if site_dir.exists():
        site_dir.rename(old)
    staged.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def add_command(subparsers) -> None:
    """Register `build` on the `python -m generator` command line."""
    p = subparsers.add_parser(
        "build", help="build the site: generate, engine, policy and service worker",
        description="Build the site into build/site (or --site-dir). Exit 0 built, 1 content "
        "problems (every one is printed; the last good site stays), 2 a step failed.")
    p.add_argument("--engine", choices=ENGINES, default="mkdocs",
                   help="the static site engine that renders build/docs (default mkdocs)")
    p.add_argument("--site-dir", type=Path, help="where the site goes (default build/site)")
    p.set_defaults(run=_run)


def _run(args) -> int:
    from generator.content.problems import ContentError

    def say(line: str) -> None:
        print(f"build: {line}", file=sys.stderr)

    try:
        report = build(Path.cwd(), args.engine, args.site_dir, log=say)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except (BuildError, webapp.WebAppError) as exc:
        say(str(exc))
        return 2
    say(report.summary())
    return 0
