"""Two builds of the same commit are the same site, byte for byte.

Each build starts from its own `git clone` of the commit under test (the committed state, which
is what CI and a deployment build), in its own folder, at its own moment, in its own time zone,
locale and string-hash seed, with no SOURCE_DATE_EPOCH given: the build takes every date from
the commit. A third build told a different date proves the comparison notices what dates change.
Both builds use this Python: the generated Markdown of another Python version may differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT


def clone(target: Path) -> Path:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of the project")
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(target)], check=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def build(project: Path, **env: str) -> Path:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
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


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is only in one site or differs between them, one line each."""
    left, right = fingerprint(a), fingerprint(b)

    def why(name: str) -> str:
        if name not in right:
            return "only in the first"
        return "only in the second" if name not in left else "differs"

    return sorted(
        f"{name}: {why(name)}" for name in left.keys() | right.keys()
        if left.get(name) != right.get(name)
    )


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> tuple[Path, Path]:
    project = clone(tmp_path_factory.mktemp("first") / "backchain")
    return project, build(project, TZ="UTC", LC_ALL="C.UTF-8", PYTHONHASHSEED="1")


def test_two_builds_of_the_same_commit_are_byte_identical(first_build, tmp_path: Path) -> None:
    _, first = first_build
    time.sleep(1.1)  # a different second on the clock for anything that would read it
    second = build(
        clone(tmp_path / "elsewhere" / "backchain"),
        TZ="Pacific/Auckland", LC_ALL="C", PYTHONHASHSEED="2",
    )

    assert differences(first, second) == []
    assert len(fingerprint(first)) > 100


def test_the_builds_dates_are_the_commits(first_build) -> None:
    project, site = first_build
    epoch = subprocess.run(
        ["git", "-C", str(project), "log", "-1", "--format=%ct"],
        capture_output=True, text=True, check=True,
    ).stdout
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    page = (site / "planner" / "index.html").read_text(encoding="utf-8")
    initial = json.loads(re.search(r'id="bc-initial">(.*?)</script>', page, re.S).group(1))
    # The example week starts the Monday after the commit, whenever the build runs.
    assert initial["request"]["start"] == (day + dt.timedelta(days=7 - day.weekday())).isoformat()


def test_a_build_told_another_date_differs_so_the_check_can_fail(first_build) -> None:
    project, first = first_build
    saved = project.parent / "first-site"
    shutil.copytree(first, saved)
    month_later = str(int(time.time()) + 30 * 86400)

    other = build(project, SOURCE_DATE_EPOCH=month_later)

    found = differences(saved, other)
    assert "planner/index.html: differs" in found  # the example week starts a month later
