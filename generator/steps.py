"""The build as the project's own steps, so no engine can lose one.

    python -m generator build                      # MkDocs (the default)
    python -m generator build --engine zensical    # Zensical, from the same mkdocs.yml
    ./run build --engine zensical                  # the same, after setting everything up

Steps, in order:

1. **date**: pin SOURCE_DATE_EPOCH to the commit's date, so a build is reproducible;
2. **generate**: validate content/ and write build/docs (`generator.build.generate`); bad
   content stops here, before anything else is written;
3. **engine**: MkDocs or Zensical renders build/docs into a fresh folder beside the site;
4. **post**: engine-neutral links resolved (`generator.root_links`), the
   Content-Security-Policy on every page, then the service worker (it hashes every file, so
   it comes last);
5. **swap**: the fresh folder replaces the site folder in one rename, so a failed step leaves
   the last good site as it was and a reader never sees half a site.

Zensical reads mkdocs.yml but ignores `hooks:`, so nothing here may live only in the MkDocs
hook: `generator/mkdocs_hook.py` calls these same steps for `mkdocs serve` and plain
`mkdocs build`, and stands aside when this module drives MkDocs (STEPS_VARIABLE).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import build_date, csp, root_links, webapp
from generator.build import GenerateReport, generate

ENGINES: tuple[str, ...] = ("mkdocs", "zensical")
# Set while this module runs an engine: the MkDocs hook then leaves generating and
# post-processing to these steps instead of doing them a second time.
STEPS_VARIABLE = "BACKCHAIN_BUILD_STEPS"
# mkdocs.yml reads its site_dir from here (`!ENV`), which both engines understand; Zensical has
# no command-line option for it.
SITE_DIR_VARIABLE = "BACKCHAIN_SITE_DIR"
# mkdocs.yml's extra.engine, for the theme override whose markup differs between the engines.
ENGINE_VARIABLE = "BACKCHAIN_ENGINE"


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
        run_engine(engine, root, fresh)
        seconds["engine"] = time.perf_counter() - started

        started = time.perf_counter()
        protected = post_process(fresh)
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


def generate_docs(root: Path, docs_dir: Path | None = None) -> GenerateReport:
    """build/docs from content/; raises ContentError (every problem) before writing a file."""
    return generate(root, docs_dir or root / "build" / "docs")


def engine_command(engine: str, root: Path) -> list[str]:
    config = str(root / "mkdocs.yml")
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config]
    return [sys.executable, "-m", "zensical", "build", "--strict", "-f", config]


# What Zensical 0.0.73 writes differently from Material for MkDocs, put back as Material has it
# so both sites pass the same gates (ARCHITECTURE.md, "Two engines"):
_ZENSICAL_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    # a host-less canonical even without site_url: it names the wrong page under a sub-path
    (re.compile(r'[ \t]*<link rel="canonical" href="/[^"]*">\n?'), ""),
    # the home page's logo and nav links as href="" (Material: "."); both mean this page
    (re.compile(r'(<a href=)""'), r'\1"./"'),
    # aria-hidden on the drawer overlay, a <label> for a checkbox, which HTML forbids
    (re.compile(r'(<label class="md-overlay" for="__drawer") aria-hidden="true">'), r"\1>"),
)


def zensical_fixups(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = html
        for pattern, replacement in _ZENSICAL_FIXES:
            fixed = pattern.sub(replacement, fixed)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def run_engine(engine: str, root: Path, site_dir: Path) -> None:
    env = dict(os.environ, **{
        STEPS_VARIABLE: "1", SITE_DIR_VARIABLE: str(site_dir), ENGINE_VARIABLE: engine,
    })
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the Material end-of-life notice is known
    done = subprocess.run(
        engine_command(engine, root), cwd=root, env=env, capture_output=True, text=True,
        check=False,
    )
    if done.returncode != 0 or not (site_dir / "index.html").is_file():
        output = (done.stderr + done.stdout).strip().splitlines()[-30:]
        raise BuildError(f"{engine} failed (exit {done.returncode}):\n" + "\n".join(output))
    if engine == "zensical":
        zensical_fixups(site_dir)


def post_process(site_dir: Path, *, dev: bool = False) -> csp.Protected:
    """Engine-neutral links resolved, the policy on every page, then the service worker,
    which hashes every file."""
    root_links.resolve_site(site_dir)
    try:
        protected = csp.Protected(0, 0) if dev else csp.protect_site(site_dir)
    except csp.PolicyError as exc:
        raise BuildError(str(exc)) from None
    webapp.write_service_worker(site_dir, dev=dev)
    return protected


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
    from generator.problems import ContentError

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
