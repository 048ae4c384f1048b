"""The build's memo: answers kept between builds, never a different site.

A build that reuses answers must write the same files as one that works everything out, an edit
must show, and a damaged or foreign cache must cost time only.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.build.generate import generate
from generator.content.problems import ContentError
from generator.memo import Memo, code_digest
from tests.conftest import copy_project, edit


def counted(memo: Memo, kind: str, inputs, value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return memo.get(kind, inputs, compute), len(calls)


def test_an_answer_is_worked_out_once_and_read_back_by_the_next_build(tmp_path):
    first = Memo.open(tmp_path)
    assert counted(first, "views", ["figure", "title"], ["<svg/>"]) == (["<svg/>"], 1)
    first.save()

    second = Memo.open(tmp_path)
    assert counted(second, "views", ["figure", "title"], ["other"]) == (["<svg/>"], 0)
    assert counted(second, "views", ["figure", "another title"], ["new"]) == (["new"], 1)


def test_answers_no_build_used_are_dropped_when_it_saves(tmp_path):
    memo = Memo.open(tmp_path)
    counted(memo, "page", ["old"], "old page")
    memo.save()
    memo = Memo.open(tmp_path)
    counted(memo, "page", ["new"], "new page")
    memo.save()
    saved = json.loads((tmp_path / code_digest() / "page.json").read_text())
    assert list(saved.values()) == ["new page"]


def test_a_damaged_cache_file_is_worked_out_again(tmp_path):
    memo = Memo.open(tmp_path)
    counted(memo, "page", ["x"], "page")
    memo.save()
    (tmp_path / code_digest() / "page.json").write_text('{"cut off', "utf-8")
    assert counted(Memo.open(tmp_path), "page", ["x"], "page") == ("page", 1)


def test_another_versions_cache_is_never_read_and_is_removed(tmp_path):
    stale = tmp_path / "0123456789abcdef0123"
    stale.mkdir()
    (stale / "page.json").write_text('{"k": "from other code"}', "utf-8")
    memo = Memo.open(tmp_path)
    counted(memo, "page", ["x"], "page")
    memo.save()
    assert not stale.exists()


def test_a_value_json_would_change_is_not_kept(tmp_path):
    memo = Memo.open(tmp_path)
    counted(memo, "poses", ["f"], [("a", 1)])  # a tuple comes back from JSON as a list
    memo.save()
    assert counted(Memo.open(tmp_path), "poses", ["f"], [("a", 1)])[1] == 1


def test_serve_rebuilds_reuse_answers_in_memory_and_write_the_last_one_on_save(tmp_path):
    memo = Memo.open(tmp_path)
    counted(memo, "page", ["v1"], "one")
    memo.next_run()
    assert counted(memo, "page", ["v1"], "?") == ("one", 0)
    counted(memo, "page", ["v2"], "two")
    memo.next_run()
    memo.save()
    saved = json.loads((tmp_path / code_digest() / "page.json").read_text())
    assert sorted(saved.values()) == ["one", "two"]


# --- the memo in a real generate -----------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("memo"))


@pytest.fixture(autouse=True)
def no_snapshot(monkeypatch):
    # The planner's memory snapshot has its own cache and tests (tests/browser/test_snapshot.py).
    monkeypatch.setenv("BACKCHAIN_NO_SNAPSHOT", "1")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_that_reuses_every_answer_writes_the_same_site(project, tmp_path):
    cold = generate(project, tmp_path / "cold", Memo.off())
    generate(project, tmp_path / "first")  # fills build/.cache/memo
    warm = generate(project, tmp_path / "warm")
    assert warm.worked_out == 0 and warm.reused > cold.pages
    assert files_of(tmp_path / "warm") == files_of(tmp_path / "cold")


def test_rebuilds_that_reuse_answers_in_memory_write_the_same_site(project, tmp_path):
    # Under `mkdocs serve` the same answers (and the same data objects) serve every rebuild:
    # nothing the build does may change them.
    memo = Memo.open(tmp_path / "cache")
    reports = [generate(project, tmp_path / run, memo, save=False)
               for run in ("one", "two", "three")]
    generate(project, tmp_path / "cold", Memo.off())
    assert files_of(tmp_path / "three") == files_of(tmp_path / "cold")
    # Each report counts its own run: the third worked nothing out.
    assert reports[2].worked_out == 0 and reports[2].reused == reports[1].reused > 0


@contextmanager
def exercise_edited(project: Path, old: str, new: str):
    """The Romanian deadlift with `old` replaced by `new`, put back afterwards."""
    exercise = project / "content" / "exercises" / "romanian-deadlift.yaml"
    original = exercise.read_text("utf-8")
    edit(exercise, old, new)
    try:
        yield
    finally:
        exercise.write_text(original, "utf-8")


def test_an_edited_step_shows_on_the_next_build_and_only_that_exercise_is_redone(project):
    docs = project / "build" / "docs"
    generate(project, docs)
    with exercise_edited(project, "\n  - ", "\n  - Brace before the bar leaves the floor. "):
        report = generate(project, docs)
    page = (docs / "exercises" / "romanian-deadlift.md").read_text("utf-8")
    assert "Brace before the bar leaves the floor." in page
    assert report.written == 1
    assert report.worked_out <= 3  # the file read again, its poses checked, its page


def test_a_renamed_exercise_shows_in_the_catalogue_of_a_rebuild_in_memory(project, tmp_path):
    memo = Memo.open(tmp_path / "cache")
    docs = project / "build" / "docs"
    generate(project, docs, memo, save=False)
    with exercise_edited(project, "name: Romanian deadlift", "name: Romanian deadlift (RDL)"):
        generate(project, docs, memo, save=False)
    assert "Romanian deadlift (RDL)" in (docs / "exercises" / "index.md").read_text("utf-8")


def test_a_problem_is_found_in_a_file_whose_earlier_version_was_remembered_clean(project):
    docs = project / "build" / "docs"
    generate(project, docs)
    with exercise_edited(project, "primary: [hamstrings,", "primary: [hamstrngs,"), \
            pytest.raises(ContentError) as caught:
        generate(project, docs)
    (problem,) = caught.value.problems
    assert problem.path == "content/exercises/romanian-deadlift.yaml"
    assert problem.line > 1 and 'did you mean "hamstrings"' in problem.message


def test_the_planner_page_of_another_build_date_is_not_reused(project, tmp_path, monkeypatch):
    # The prerendered plan starts the Monday after the build date (SOURCE_DATE_EPOCH).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    generate(project, tmp_path / "january")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1785542400")  # 2026-08-01
    generate(project, tmp_path / "august")
    generate(project, tmp_path / "august-cold", Memo.off())
    page = "planner/index.md"
    assert files_of(tmp_path / "august")[page] == files_of(tmp_path / "august-cold")[page]
    assert files_of(tmp_path / "august")[page] != files_of(tmp_path / "january")[page]
