"""Exercise figures wait outside the Markdown and go into the page after the engine.

The engines parse less, and search never sees the player's buttons; what a reader gets is the
page the figures were always part of. The built site is checked in tests/site (test_search.py,
test_site.py) and in Chromium (tests/browser/test_figure_player.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import steps
from generator.build.generate import generate
from generator.memo import Memo
from generator.site import figure_slots
from tests.conftest import copy_project, edit


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


@pytest.fixture(autouse=True)
def no_snapshot(monkeypatch):
    monkeypatch.setenv("BACKCHAIN_NO_SNAPSHOT", "1")  # the planner's start-up snapshot: not ours


def test_an_exercise_page_holds_a_slot_and_its_figures_wait_in_the_docs_folder(project):
    docs = project / "build" / "docs"
    generate(project, docs, Memo.off())
    page = (docs / "exercises" / "romanian-deadlift.md").read_text("utf-8")
    assert "<svg" not in page
    assert '<div class="bc-figures" data-bc-slot="romanian-deadlift" data-bc-v="' in page
    figures = (docs / ".slots" / "romanian-deadlift.html").read_text("utf-8")
    assert figures.startswith('<div class="bc-figures">') and "Previous pose" in figures


def test_finishing_a_page_puts_the_figures_in_its_slot_with_links_from_that_page(project):
    docs = project / "build" / "docs"
    generate(project, docs, Memo.off())
    rendered = "<article>" + str(figure_slots.slot("romanian-deadlift", "any")) + "</article>"
    page = steps.finish_page(rendered, "exercises/romanian-deadlift/index.html", docs)
    assert "data-bc-slot" not in page
    assert '<div class="bc-player"' in page
    # the body map's sprite, an engine-neutral link, is resolved from the page's own place
    assert 'href="../../assets/bodymap.svg#' in page and "bc-root:" not in page


def test_a_slot_whose_figures_are_missing_names_the_page_and_the_fix(tmp_path):
    rendered = str(figure_slots.slot("no-such-exercise", "x"))
    with pytest.raises(steps.BuildError) as caught:
        steps.finish_page(rendered, "exercises/no-such-exercise/index.html", tmp_path)
    message = str(caught.value)
    assert message.startswith("exercises/no-such-exercise/index.html: no figures for")
    assert "generate the docs again" in message


def test_a_figure_only_edit_changes_the_pages_markdown_so_a_dirty_rebuild_renders_it(project):
    # `mkdocs serve --dirty` renders again only pages whose Markdown file changed.
    docs = project / "build" / "docs"
    generate(project, docs, Memo.off())
    before = (docs / "exercises" / "romanian-deadlift.md").read_text("utf-8")
    edit(project / "content" / "exercises" / "romanian-deadlift.yaml",
         "{neck: -5, trunk: 88, hip: 117,", "{neck: -5, trunk: 80, hip: 110,")
    generate(project, docs, Memo.off())
    after = (docs / "exercises" / "romanian-deadlift.md").read_text("utf-8")
    assert after != before
    assert after.replace(after.split('data-bc-v="')[1][:8], "") == \
        before.replace(before.split('data-bc-v="')[1][:8], "")
