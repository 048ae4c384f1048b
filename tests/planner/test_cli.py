"""`python -m planner plan` as a person runs it: every format, exit statuses, no tracebacks."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.planner.conftest import FIXTURE_CATALOGUE, ROOT, real_catalogue_text
from tests.planner.test_formats import INSTEAD, PATTERNED_CATALOGUE

icalendar = pytest.importorskip("icalendar")

PLAN = [
    "plan",
    "--split", "three-total-body",
    "--days", "mon,wed,fri",
    "--equipment", "barbell,dumbbells,band",
    "--start", "2026-11-30",
    "--weeks", "6",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue_file(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cat") / "catalogue.json"
    path.write_text(json.dumps(PATTERNED_CATALOGUE), encoding="utf-8")
    return str(path)


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        check=False,
    )


def plan(catalogue_file: str, *extra: str) -> subprocess.CompletedProcess:
    return run(*PLAN, "--catalogue", catalogue_file, *extra)


def test_text_is_the_default_and_lists_each_session_and_exercise(catalogue_file):
    done = plan(catalogue_file)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Three total-body workouts\n")
    assert "Monday 30 November 2026: Total body, about " in out
    assert "Week 6 - deload" in out
    assert out.count("    Warm-up (") == 18
    assert "ramp-up sets of Romanian deadlift before your working sets" in out
    assert "Calf raise" in out and "Weekly sets (target 4–12)" in out
    assert "2–3 in reserve" in out  # a beginner's effort
    assert "4–5 in reserve" in out  # the deload week's, further from failure
    assert "\nHow each exercise progresses:\n  " in out
    assert "Romanian deadlift: When every set reaches 12 reps with 2–3 reps still in reserve" in out


def test_a_substitute_is_named_on_the_command_line(catalogue_file):
    done = plan(catalogue_file, "--equipment", "dumbbells,band", "--weeks", "1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    rdl = next(k for k, line in enumerate(lines) if line.startswith("    Romanian deadlift  "))
    assert lines[rdl + 1].strip() == INSTEAD


def test_json_output_is_the_documented_schema(catalogue_file):
    done = plan(catalogue_file, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema_version"] == 2 and data["status"] == "ok"
    assert data["uncovered"] == []
    assert [w["number"] for w in data["weeks"]] == [1, 2, 3, 4, 5, 6]
    session = data["weeks"][0]["sessions"][0]
    assert [s["weekday"] for s in data["weeks"][0]["sessions"]] == ["mon", "wed", "fri"]
    assert session["minutes_asked"] == 45 and session["estimated_minutes"] <= 45
    assert set(session["warmup"]) == {"minutes", "general", "ramp_up", "exercise"}
    assert "warmup_minutes" not in session
    first = session["exercises"][0]
    assert first["id"] == "romanian-deadlift" and first["role"] == "main"
    assert first["pattern"] == "hinge" and first["spinal_load"] == "heavy"
    assert session["warmup"]["exercise"] == "romanian-deadlift"
    for key in (
        "id",
        "name",
        "url",
        "primary",
        "secondary",
        "role",
        "pattern",
        "mechanics",
        "sets",
        "reps_min",
        "reps_max",
        "rir_min",
        "rir_max",
        "rest_seconds_min",
        "rest_seconds_max",
        "estimated_minutes",
        "superset",
        "starting_dose",
        "spinal_load",
        "progression",
        "use_instead",
        "equipment_used",
        "reason",
    ):
        assert key in first
    for gone in ("target_reps", "add_load", "rule"):
        assert gone not in first
    assert first["progression"]["kind"] == "load" and first["equipment_used"] == ["barbell"]


def test_markdown_output_has_a_table_per_session(catalogue_file):
    done = plan(catalogue_file, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Three total-body workouts\n")
    assert done.stdout.count("| Exercise | Sets × reps |") == 18


def test_ics_output_parses_with_one_event_per_session_on_the_right_dates(catalogue_file, tmp_path):
    out = tmp_path / "plan.ics"
    done = plan(catalogue_file, "--format", "ics", "-o", str(out))
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 18  # six weeks of three sessions
    data = json.loads(plan(catalogue_file, "--format", "json").stdout)
    sessions = [s for w in data["weeks"] for s in w["sessions"]]
    assert [e.decoded("DTSTART") for e in events] == [
        dt.date.fromisoformat(s["date"]) for s in sessions
    ]
    for event, session in zip(events, sessions, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert end > start and end - start == dt.timedelta(days=1)
        lines = str(event.get("DESCRIPTION")).split("\n")
        names = [e["name"] for e in session["exercises"]]
        assert lines[: len(names)] == names
    uids = [str(e.get("UID")) for e in events]
    assert len(set(uids)) == len(uids)
    again = icalendar.Calendar.from_ical(plan(catalogue_file, "--format", "ics").stdout)
    assert [str(e.get("UID")) for e in again.walk("VEVENT")] == uids


def test_ics_uids_stay_the_same_when_the_exercises_change(catalogue_file):
    before = icalendar.Calendar.from_ical(plan(catalogue_file, "--format", "ics").stdout)
    after = icalendar.Calendar.from_ical(
        plan(catalogue_file, "--format", "ics", "--exclude", "romanian-deadlift").stdout
    )
    assert [str(e.get("UID")) for e in before.walk("VEVENT")] == [
        str(e.get("UID")) for e in after.walk("VEVENT")
    ]


@pytest.mark.parametrize("chart", ["coverage", "volume"])
def test_svg_charts_are_well_formed_and_titled(catalogue_file, chart):
    done = plan(catalogue_file, "--format", "svg", "--chart", chart)
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(done.stdout)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("role") == "img"
    assert root.find(f"{ns}title").text
    assert "Glutes" in done.stdout


def test_a_request_that_cannot_be_met_exits_1_and_says_what_to_change(catalogue_file):
    done = run(
        "plan",
        "--catalogue",
        catalogue_file,
        "--split",
        "three-total-body",
        "--days",
        "mon,tue",
        "--equipment",
        "barbell",
        "--start",
        "2026-11-30",
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("This plan cannot be made.\n")
    assert "has 3 sessions a week and you picked 2 days" in done.stderr
    assert "  - add Wednesday and Friday\n" in done.stderr
    assert "Traceback" not in done.stderr


def test_too_few_minutes_exits_1_with_the_minutes_that_would_work(catalogue_file):
    done = plan(catalogue_file, "--minutes", "10")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "10 minutes is too short for a warm-up and the main lift of each session" in (
        done.stderr
    )
    assert "  - allow " in done.stderr and " minutes per session\n" in done.stderr
    fixed = done.stderr.split("  - allow ")[1].split(" minutes")[0]
    assert plan(catalogue_file, "--minutes", fixed).returncode == 0


def test_cannot_be_met_in_json_is_written_to_stdout(catalogue_file):
    done = run(
        "plan",
        "--catalogue",
        catalogue_file,
        "--days",
        "mon,tue",
        "--equipment",
        "band",
        "--format",
        "json",
        "--start",
        "2026-11-30",
    )
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["schema_version"] == 2
    assert data["status"] == "infeasible" and data["rule"] == "days"
    assert data["suggestions"][0] == {
        "text": "add Wednesday and Friday",
        "change": {"days": ["mon", "tue", "wed", "fri"]},
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--split", "five-day"], "Allowed splits: three-total-body, two-total-body"),
        (["--days", "mon,funday"], "unknown weekday 'funday'"),
        (["--days", ""], "pick at least one weekday"),
        (["--equipment", "rowing-machine"], "unknown equipment 'rowing-machine'"),
        (["--focus", "abs"], "unknown muscle 'abs'"),
        (["--weeks", "20"], "weeks: must be from 1 to 16"),
        (["--minutes", "ten"], "minutes: expected a whole number"),
        (["--start", "next monday"], "YYYY-MM-DD"),
        (["--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_bad_usage_exits_2_with_a_message_and_no_traceback(catalogue_file, args, words):
    done = plan(catalogue_file, *args)
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_catalogue_file_is_bad_usage(tmp_path):
    done = run(*PLAN, "--catalogue", str(tmp_path / "nope.json"))
    assert done.returncode == 2
    assert "cannot read --catalogue" in done.stderr and "Traceback" not in done.stderr


def test_a_broken_catalogue_file_names_the_field(tmp_path):
    path = tmp_path / "cat.json"
    path.write_text(json.dumps({**FIXTURE_CATALOGUE, "exercises": [{"id": "x"}]}))
    done = run(*PLAN, "--catalogue", str(path))
    assert done.returncode == 2
    assert "exercises[0].name: missing" in done.stderr


def test_help_documents_every_flag_with_an_example():
    done = run("plan", "--help")
    assert done.returncode == 0
    for flag in (
        "--split",
        "--days",
        "--equipment",
        "--level",
        "--minutes",
        "--weeks",
        "--start",
        "--focus",
        "--exclude",
        "--prefer",
        "--format",
        "--catalogue",
        "-o",
    ):
        assert flag in done.stdout
    assert done.stdout.count("e.g.") >= 10
    assert "exit status: 0 plan made, 1 the request cannot be met" in done.stdout


def test_without_a_catalogue_it_reads_content_through_the_generator():
    if real_catalogue_text() is None:
        pytest.skip("`python -m generator catalogue` needs the project venv (.venv)")
    done = run(*PLAN)
    assert done.returncode == 0, done.stderr
    assert "Romanian deadlift" in done.stdout or "Lat pulldown" in done.stdout


def test_an_unreadable_content_folder_points_to_the_catalogue_flag(tmp_path):
    done = run(*PLAN, "--content", str(tmp_path / "missing"))
    assert done.returncode == 2
    assert "--catalogue FILE" in done.stderr and "Traceback" not in done.stderr


def documented_examples() -> list[tuple[str, str]]:
    """Every `python -m planner plan ...` command the docs show, with where it is shown."""
    from planner.cli import EPILOG

    sources = {
        "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
        "content/pages/planner-method.md":
            (ROOT / "content" / "pages" / "planner-method.md").read_text(encoding="utf-8"),
        "python -m planner plan --help": EPILOG,
    }
    examples = []
    for where, text in sources.items():
        joined = text.replace("\\\n", " ")
        for line in joined.splitlines():
            _, found, rest = line.partition("-m planner plan ")
            if found and "--help" not in rest:
                examples.append((where, "plan " + " ".join(rest.split())))
    return examples


def test_the_docs_show_the_command_line_in_several_places():
    assert len({where for where, _ in documented_examples()}) == 3


@pytest.mark.parametrize("where, command", documented_examples())
def test_every_example_in_the_docs_makes_a_plan(where, command, tmp_path):
    # Run where a reader would: in a copy of the project whose catalogue has been built.
    (tmp_path / "content").symlink_to(ROOT / "content")
    catalogue = tmp_path / "build" / "docs" / "catalogue.json"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(real_catalogue_text(), encoding="utf-8")

    done = run(*command.split(), cwd=tmp_path)

    assert done.returncode == 0, f"{where}: {command}\n{done.stdout}{done.stderr}"
    assert "Traceback" not in done.stderr


def test_content_problems_are_named_when_the_planner_builds_its_catalogue(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    bridge = tmp_path / "content" / "exercises" / "glute-bridge.yaml"
    bridge.write_text(bridge.read_text(encoding="utf-8").replace(
        "level: beginner", "level: beginer"), encoding="utf-8")

    done = run("plan", "--equipment", "band", cwd=tmp_path)

    assert done.returncode == 2
    assert done.stdout == ""
    assert "content/ has 1 problem" in done.stderr
    assert ("content/exercises/glute-bridge.yaml:" in done.stderr
            and 'level "beginer" is not allowed (did you mean "beginner"?)' in done.stderr)
    assert "python -m generator check" in done.stderr
    assert "Traceback" not in done.stderr
