"""Shared fixtures: a throwaway copy of the real content to break on purpose."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BACKCHAIN_CHROMIUM", "/usr/bin/chromium")
# Debian's Chromium, headless, with nothing that reaches for the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of content/ inside a temporary project root."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a content file (the test fails if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def copy_project(target: Path) -> Path:
    """A buildable copy of the project: its own content/ and mkdocs.yml, code linked."""
    shutil.copytree(ROOT / "content", target / "content")
    for name in ("generator", "planner", "node_modules"):
        (target / name).symlink_to(ROOT / name)
    for name in ("mkdocs.yml", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, target / name)
    (target / "build" / "docs").mkdir(parents=True)
    return target


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project, capture_output=True, text=True, timeout=600,
    )


def engine_build(project: Path, engine: str) -> subprocess.CompletedProcess:
    """The project's own build command (generator/build/steps.py) with `engine`."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--engine", engine],
        cwd=project, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with Zensical (the second engine)."""
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    result = engine_build(project, "zensical")
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "build" / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with MkDocs from a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "build" / "site"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run: Playwright's sync API allows one at a time."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (./run test installs it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _fail_if_skipped(report) -> None:
    """Under `./run test` a skip is a failure: a gate that did not run did not pass.

    Skips stay skips when a contributor runs pytest by hand without Chromium or Java.
    """
    if not report.skipped or os.environ.get("BACKCHAIN_REQUIRE_ALL") != "1":
        return
    if hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
    report.outcome = "failed"
    report.longrepr = f"skipped, but ./run test requires every test to run: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    _fail_if_skipped((yield).get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    # A whole file skipped while collecting (a module-level importorskip).
    _fail_if_skipped((yield).get_result())
