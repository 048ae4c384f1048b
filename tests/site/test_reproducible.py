"""Two builds of the same commit are the same site, byte for byte.

Each build starts from its own `git clone` of the commit under test (the committed state, which
is what CI and a deployment build), in its own folder, time zone, locale and string-hash seed,
with no SOURCE_DATE_EPOCH given: the build takes every date from the commit. The second build
runs under libfaketime (`faketime`) with its clock 400 days and 7 hours ahead, for everything it
starts too (git, npm): another date, weekday, year and hour, and file times that move with the
clock. Output that reads the wall clock therefore differs however close together the builds
run; a build of a commit that prints today's date proves it, and a build told a different
SOURCE_DATE_EPOCH proves the comparison notices what dates change.
Both builds use this Python: the generated Markdown of another Python version may differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, edit

AHEAD = dt.timedelta(days=400, hours=7)
NOW = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"}
LATER = {"TZ": "Pacific/Auckland", "LC_ALL": "C", "PYTHONHASHSEED": "2"}
HINT = (
    "Something in the build reads the clock, the time zone, the locale, file times or the order "
    "of a set or dict; take dates from SOURCE_DATE_EPOCH (generator/build/build_date.py) and sort."
)


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), *args], capture_output=True, text=True, check=True
    ).stdout


def clone(target: Path, source: Path = ROOT) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of the project")
    subprocess.run(["git", "clone", "--quiet", str(source), str(target)], check=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def clock_ahead() -> list[str]:
    """The command prefix that runs a program, and all it starts, with its clock moved AHEAD."""
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.skip(
            "needs faketime to build with the clock moved ahead (Debian package faketime; "
            "./run test installs it)"
        )
    prefix = [faketime, "-f", f"+{int(AHEAD.total_seconds())}"]
    # A faketime that left the clock alone would leave the gate blind to it without a word.
    shown = subprocess.run(
        [*prefix, sys.executable, "-c", "import time; print(time.time())"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert float(shown) - time.time() > AHEAD.total_seconds() - 600, (
        f"`{' '.join(prefix)} python` still sees today's clock ({shown.strip()})"
    )
    return prefix


def build(project: Path, *, prefix: list[str] | None = None, **env: str) -> Path:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(env)
    done = subprocess.run(
        [*(prefix or []), sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env=environment, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return project / "build" / "site"


def fingerprint(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def differences(a: Path, b: Path) -> dict[str, str]:
    """Every file that is only in one site or differs between them, and which of the three."""
    left, right = fingerprint(a), fingerprint(b)

    def why(name: str) -> str:
        if name not in right:
            return "only in the first"
        return "only in the second" if name not in left else "differs"

    return {
        name: why(name) for name in sorted(left.keys() | right.keys())
        if left.get(name) != right.get(name)
    }


def excerpt(line: str | None, column: int) -> str:
    """The line around `column`: one-line files (the search index, JSON) run to megabytes."""
    if line is None:
        return "(the file has ended)"
    start = max(0, column - 80)
    shown = line[start:column + 80]
    return ("…" if start else "") + shown + ("…" if column + 80 < len(line) else "")


def mismatch(a: str | bytes, b: str | bytes) -> int:
    """Where two strings first differ (the shorter one's length when one starts the other)."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))


def first_difference(name: str, a: Path, b: Path) -> list[str]:
    left, right = a.read_bytes(), b.read_bytes()
    try:
        left_lines, right_lines = left.decode().splitlines(), right.decode().splitlines()
    except UnicodeDecodeError:
        return [f"{name} is binary; the first differing byte is at offset {mismatch(left, right)}"]
    for number, (x, y) in enumerate(itertools.zip_longest(left_lines, right_lines), start=1):
        if x != y:
            column = mismatch(x or "", y or "")
            return [
                f"{name}, line {number}, the first that differs:",
                f"  first build:  {excerpt(x, column)}",
                f"  second build: {excerpt(y, column)}",
            ]
    return [f"{name}: the same lines, different line endings"]


def report(first: Path, second: Path) -> str:
    """Empty when the sites are identical; else every differing file and the first difference."""
    found = differences(first, second)
    if not found:
        return ""
    lines = [
        f"{len(found)} {'file differs' if len(found) == 1 else 'files differ'} between the "
        f"builds in {first} and {second}:",
        *(f"  {name}: {why}" for name, why in found.items()),
    ]
    changed = [name for name, why in found.items() if why == "differs"]
    if changed:
        lines += first_difference(changed[0], first / changed[0], second / changed[0])
    return "\n".join([*lines, HINT])


def build_now(source: Path, folder: Path) -> Path:
    return build(clone(folder / "backchain", source), **NOW)


def build_later(source: Path, folder: Path, ahead: list[str]) -> Path:
    return build(clone(folder / "backchain", source), prefix=ahead, **LATER)


@pytest.fixture(scope="module")
def ahead() -> list[str]:
    return clock_ahead()


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> tuple[Path, Path]:
    site = build_now(ROOT, tmp_path_factory.mktemp("first"))
    return site.parent.parent, site


@pytest.fixture(scope="module")
def later_build(tmp_path_factory, ahead) -> Path:
    return build_later(ROOT, tmp_path_factory.mktemp("later"), ahead)


def test_two_builds_of_the_same_commit_are_byte_identical(
    ahead, first_build, later_build
) -> None:
    _, first = first_build
    found = report(first, later_build)
    if found:
        pytest.fail(found, pytrace=False)
    assert len(fingerprint(first)) > 100


def test_the_builds_dates_are_the_commits_whatever_the_clock(
    ahead, first_build, later_build
) -> None:
    project, first = first_build
    day = dt.datetime.fromtimestamp(int(git(project, "log", "-1", "--format=%ct")), dt.UTC).date()
    for site in (first, later_build):
        page = (site / "planner" / "index.html").read_text(encoding="utf-8")
        initial = json.loads(re.search(r'id="bc-initial">(.*?)</script>', page, re.S).group(1))
        # The example week starts the Monday after the commit, whenever the build runs.
        assert initial["request"]["start"] == (
            day + dt.timedelta(days=7 - day.weekday())
        ).isoformat(), site


def test_a_build_told_another_date_differs_so_the_check_can_fail(first_build) -> None:
    project, first = first_build
    saved = project.parent / "first-site"
    shutil.copytree(first, saved)
    month_later = str(int(time.time()) + 30 * 86400)

    other = build(project, SOURCE_DATE_EPOCH=month_later)

    # The example week starts a month later.
    assert "  planner/index.html: differs\n" in report(saved, other)


WALL_CLOCK_HOOK = '''\
import datetime as dt


def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri != "exercises/index.md":
        return markdown
    return markdown + "\\n\\nUpdated " + dt.datetime.now(dt.UTC).date().isoformat() + "\\n"
'''


def test_a_commit_whose_catalogue_shows_todays_date_builds_differently_later(
    ahead, tmp_path: Path
) -> None:
    # What a reviewer once committed to the catalogue and the gate let through: two builds
    # seconds apart read the same date. With the second build's clock moved, they cannot.
    source = clone(tmp_path / "with-date" / "backchain")
    (source / "wall_clock.py").write_text(WALL_CLOCK_HOOK, encoding="utf-8")
    edit(source / "mkdocs.yml", "  - generator/build/mkdocs_hook.py\n",
         "  - generator/build/mkdocs_hook.py\n  - wall_clock.py\n")
    git(source, "add", "wall_clock.py", "mkdocs.yml")
    git(source, "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
        "-c", "commit.gpgSign=false",
        "commit", "-q", "-m", "Show the build's date on the catalogue")

    now = build_now(source, tmp_path / "now")
    found = report(now, build_later(source, tmp_path / "later", ahead))

    assert "  exercises/index.html: differs\n" in found, found
    dates = re.search(
        r"exercises/index\.html, line \d+, the first that differs:\n"
        r"  first build:  .*Updated (\S+)</p>.*\n  second build: .*Updated (\S+)</p>",
        found,
    )
    assert dates, found
    apart = dt.date.fromisoformat(dates[2]) - dt.date.fromisoformat(dates[1])
    assert apart.days in (400, 401), found
