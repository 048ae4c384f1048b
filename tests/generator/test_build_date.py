"""Every date in a build is the commit's, so building a commit again gives the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import build_date

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

COMMITTED = 1_790_000_000  # 2026-09-21, a date no test run will share


def commit(repo: Path) -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": f"@{COMMITTED} +0000",
           "GIT_AUTHOR_DATE": f"@{COMMITTED} +0000"}
    run = {"cwd": repo, "env": env, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q"], **run)
    (repo / "a.txt").write_text("a\n")
    subprocess.run(["git", "add", "a.txt"], **run)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", "commit", "-q", "-m", "a"], **run)


@pytest.fixture(autouse=True)
def no_date_given(monkeypatch):
    monkeypatch.delenv(build_date.VARIABLE, raising=False)
    yield
    # pin_build_date sets the variable for the whole process; left behind, it would date every
    # later build of this test run (the engines' parity test saw two different weeks).
    os.environ.pop(build_date.VARIABLE, None)


def test_a_checkout_builds_with_its_commits_date(tmp_path: Path) -> None:
    commit(tmp_path)
    (tmp_path / "docs").mkdir()

    said = build_date.pin_build_date(tmp_path / "docs")  # a folder inside the checkout

    assert os.environ[build_date.VARIABLE] == str(COMMITTED)
    assert said == "SOURCE_DATE_EPOCH from the commit's date"


def test_a_date_given_by_the_caller_wins(tmp_path: Path, monkeypatch) -> None:
    commit(tmp_path)
    monkeypatch.setenv(build_date.VARIABLE, "1700000000")
    assert build_date.pin_build_date(tmp_path) == "SOURCE_DATE_EPOCH from the environment"
    assert os.environ[build_date.VARIABLE] == "1700000000"


def test_outside_a_checkout_the_date_is_todays_and_said_so(tmp_path: Path) -> None:
    assert build_date.pin_build_date(tmp_path).startswith("today's")
    assert build_date.VARIABLE not in os.environ


def test_a_checkout_git_cannot_read_stops_the_build_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("not a git folder\n")
    with pytest.raises(build_date.BuildDateError, match="git could not give the commit's date"):
        build_date.pin_build_date(tmp_path)
    assert build_date.VARIABLE not in os.environ
