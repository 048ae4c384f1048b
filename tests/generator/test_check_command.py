"""`python -m generator check`: exit codes, output formats and what it reports on."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import edit, line_of

RDL = "content/exercises/romanian-deadlift.yaml"
DEADLIFT = "content/exercises/deadlift.yaml"
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


@pytest.fixture
def check(project, monkeypatch, capsys):
    monkeypatch.chdir(project)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["check", "--content", "content", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def break_two_files(project: Path) -> None:
    edit(project / RDL, "level: beginner", "level: beginer")
    edit(project / DEADLIFT, "pattern: hinge", "pattern: hinged")


def test_clean_content_exits_0_and_says_what_it_checked(check):
    code, out, err = check()
    assert code == 0
    assert out == ""
    assert re.match(r"ok: \d+ exercises, \d+ muscle groups, \d+ splits", err)


def test_every_problem_is_one_line_with_file_line_column_and_a_suggestion(project, check):
    break_two_files(project)
    code, out, err = check()
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    found = [PROBLEM_LINE.match(line) for line in lines]
    assert all(found), lines
    by_path = {m["path"]: m for m in found}
    rdl = by_path[RDL]
    assert int(rdl["line"]) == line_of(project / RDL, "level: beginer")
    assert int(rdl["col"]) == len("level: ") + 1
    assert 'did you mean "beginner"' in rdl["message"]
    assert "allowed: beginner, intermediate, advanced" in rdl["message"]
    assert 'did you mean "hinge"' in by_path[DEADLIFT]["message"]
    assert err.strip() == "2 problems found."


def test_github_format_prints_workflow_annotations(project, check):
    break_two_files(project)
    code, out, _ = check("--format", "github")
    assert code == 1
    line = line_of(project / RDL, "level: beginer")
    assert f"::error file={RDL},line={line},col=8::level \"beginer\" is not allowed" in out
    assert all(row.startswith("::error file=") for row in out.splitlines())


def test_given_files_limit_the_report_to_them(project, check):
    break_two_files(project)
    code, out, _ = check(RDL)
    assert code == 1
    assert [PROBLEM_LINE.match(row)["path"] for row in out.splitlines()] == [RDL]


def test_a_clean_file_is_called_ok_alone_and_the_rest_of_the_content_is_not_hidden(
    project, check
):
    break_two_files(project)
    code, out, err = check("content/exercises/pull-up.yaml")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "ok: content/exercises/pull-up.yaml",
        "(other files in content/ have 2 problems; `python -m generator check` lists them)",
    ]


def test_a_file_that_links_to_a_broken_one_is_still_read(project, check):
    # Links between exercises are resolved across all files even when only one is reported.
    edit(project / RDL, "band-pull-through, glute-bridge]", "band-pull-through, glute-bridges]")
    code, out, _ = check(RDL)
    assert code == 1
    assert 'unknown exercise "glute-bridges"' in out and 'did you mean "glute-bridge"' in out


def test_a_file_check_does_not_read_is_a_usage_error_not_ok(project, check, tmp_path):
    (project / "notes.yaml").write_text("id: [\n")
    (project / "content" / "draft.yaml").write_text("id: x\n")
    for path in ("notes.yaml", "content/draft.yaml", "content/schema/exercise.schema.json"):
        code, out, err = check(path)
        assert code == 2 and out == "", path
        assert err.startswith(f"{path}: not a file check reads; it reports on these files in "
                              "content/: exercises/*.yaml, muscles.yaml"), err


def test_a_missing_file_is_a_usage_error(check):
    code, out, err = check("content/exercises/nope.yaml")
    assert code == 2
    assert "no such file" in err and out == ""


def test_an_unknown_option_or_format_is_a_usage_error(check):
    with pytest.raises(SystemExit) as exited:
        check("--format", "xml")
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        check("--colour")
    assert exited.value.code == 2


def test_the_real_command_line_exit_codes(project):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                              capture_output=True, text=True, check=False)

    ok = run("check", "--content", "content")
    assert ok.returncode == 0, ok.stderr
    edit(project / RDL, "sets: 3", "sets: 30")
    bad = run("check", "--content", "content")
    assert bad.returncode == 1
    assert bad.stdout.startswith(f"{RDL}:")
    assert "prescription.sets is 30; allowed: 1 to 10" in bad.stdout
    assert "Traceback" not in bad.stderr
    usage = run("check", "--format")
    assert usage.returncode == 2
    assert "usage:" in usage.stderr
    assert run().returncode == 2  # no command: help and exit 2
