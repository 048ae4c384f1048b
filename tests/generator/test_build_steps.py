"""`python -m generator build`: the build as explicit steps, and a failed step loses nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.site import root_links
from tests.conftest import copy_project, edit, engine_build


def digest(folder: Path) -> str:
    """One hash of every file's path and bytes under `folder`."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_a_failed_step_leaves_the_last_good_site_exactly_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    first = engine_build(project, "mkdocs")
    assert first.returncode == 0, first.stderr
    site = project / "build" / "site"
    assert "mkdocs:" in first.stderr and "pages in" in first.stderr  # the step summary
    assert (site / "sw.js").is_file()
    assert 'http-equiv="Content-Security-Policy"' in (site / "index.html").read_text()
    before = digest(site)

    # Bad content: every problem printed, exit 1, nothing written.
    exercise = project / "content" / "exercises" / "glute-bridge.yaml"
    edit(exercise, "level: beginner", "level: beginer")
    edit(project / "content" / "exercises" / "deadlift.yaml", "pattern: hinge", "pattern: hnige")
    bad = engine_build(project, "mkdocs")
    assert bad.returncode == 1
    assert "content/exercises/glute-bridge.yaml:" in bad.stderr
    assert "content/exercises/deadlift.yaml:" in bad.stderr
    assert digest(site) == before

    # The engine itself failing (here a theme that does not exist): exit 2, a sentence that
    # names the engine, and still the last good site.
    edit(exercise, "level: beginer", "level: beginner")
    edit(project / "content" / "exercises" / "deadlift.yaml", "pattern: hnige", "pattern: hinge")
    edit(project / "mkdocs.yml", "name: material", "name: no-such-theme")
    broken = engine_build(project, "mkdocs")
    assert broken.returncode == 2
    assert "build: mkdocs failed" in broken.stderr
    assert digest(site) == before
    assert not (project / "build" / ".site.building").exists()


def test_an_unknown_engine_is_refused_with_the_engines_there_are(tmp_path: Path) -> None:
    done = engine_build(copy_project(tmp_path), "hugo")
    assert done.returncode == 2
    assert "mkdocs" in done.stderr and "zensical" in done.stderr


def test_engine_neutral_links_become_relative_to_each_page() -> None:
    html = f'<use href="{root_links.url("assets/bodymap.svg")}#b"/><a href="bc-root:planner/">'
    assert root_links.resolve(html, "exercises/deadlift/index.html") == (
        '<use href="../../assets/bodymap.svg#b"/><a href="../../planner/">'
    )
    assert root_links.resolve(html, "index.html").startswith('<use href="./assets/')
    # Only attribute values that hold a URL are touched, never the text of a page.
    text = "<p>write bc-root:assets in a link</p>"
    assert root_links.resolve(text, "index.html") == text
