"""`python -m generator import free-exercise-db`: the sample becomes valid, published exercises."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.catalogue import build_catalogue
from generator.cli import main
from generator.importers import free_exercise_db as fedb
from generator.loading import load_yaml
from generator.render import render_site
from generator.validation import load_content
from planner.catalogue import Catalogue

# 30 public-domain records kept in the repository, so the tests run on any checkout.
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "free-exercise-db"

# Records of the sample that map cleanly onto posterior-chain exercises.
EXPECTED = {
    "barbell-glute-bridge", "barbell-shrug", "bent-over-two-dumbbell-row", "power-clean",
    "romanian-deadlift-from-deficit", "v-bar-pullup", "one-arm-kettlebell-row",
    "dumbbell-seated-one-leg-calf-raise", "incline-bench-pull",
}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE / "exercises.json", tmp_path / "exercises.json")
    return tmp_path / "exercises.json"


@pytest.fixture
def run_import(project, monkeypatch, capsys):
    monkeypatch.chdir(project)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["import", "free-exercise-db", *args, "--content", "content"])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def new_files(project: Path) -> set[str]:
    real = Path(__file__).resolve().parents[2] / "content" / "exercises"
    return ({p.stem for p in (project / "content/exercises").glob("*.yaml")}
            - {p.stem for p in real.glob("*.yaml")})


def test_the_sample_imports_into_files_that_pass_check(project, sample, run_import):
    code, out, _ = run_import(str(sample))
    assert code == 0
    imported = new_files(project)
    assert imported >= EXPECTED
    assert "check: the" in out and "new files are valid" in out
    assert main(["check", "--content", "content"]) == 0
    assert main(["fmt", "--check", "--content", "content"]) == 0


def test_imported_exercises_are_on_the_site_and_in_the_planner_catalogue(project, sample,
                                                                        run_import):
    run_import(str(sample))
    imported = new_files(project)
    content = load_content(project / "content", root=project)
    pages = render_site(content)
    for exercise_id in imported:
        page = pages[f"exercises/{exercise_id}.md"]
        assert "free-exercise-db" in page
    assert "Barbell glute bridge" in pages["exercises/index.md"]
    catalogue = Catalogue.from_dict(build_catalogue(content))
    assert imported <= {e.id for e in catalogue.exercises}


def test_each_file_keeps_its_source_licence_and_record_id(project, sample, run_import):
    run_import(str(sample))
    path = project / "content/exercises/barbell-glute-bridge.yaml"
    loaded, problems = load_yaml(path, "x")
    assert problems == []
    assert loaded.data["source"] == {
        "name": "free-exercise-db",
        "url": "https://github.com/yuhonas/free-exercise-db",
        "license": "The Unlicense (public domain)",
        "id": "Barbell_Glute_Bridge",
    }
    text = path.read_text(encoding="utf-8")
    assert 'record "Barbell_Glute_Bridge"' in text.splitlines()[1]
    record = next(r for r in json.loads(sample.read_text()) if r["id"] == "Barbell_Glute_Bridge")
    assert loaded.data["steps"] == record["instructions"]
    assert loaded.data["muscles"]["primary"] == ["glutes"]
    assert loaded.data["pattern"] == "bridge"
    assert loaded.data["name"] == "Barbell glute bridge"


def test_muscles_and_equipment_are_mapped_by_the_tables(project, sample, run_import):
    run_import(str(sample))

    def data(exercise_id: str) -> dict:
        return load_yaml(project / f"content/exercises/{exercise_id}.yaml", "x")[0].data

    pullup = data("v-bar-pullup")  # "body only", but the name says it needs a bar
    assert pullup["equipment"] == ["pull-up-bar"]
    row = data("incline-bench-pull")  # middle back -> lats; shoulders in a pull -> rear delts
    assert row["muscles"]["primary"] == ["lats"]
    assert "rear-delts" in row["muscles"]["secondary"]
    assert row["equipment"] == ["barbell", "bench"]
    assert data("romanian-deadlift-from-deficit")["muscles"]["secondary"] == [
        "forearms", "glutes", "erector-spinae", "upper-traps"]
    assert data("power-clean")["level"] == "intermediate"


def test_the_report_says_what_was_skipped_and_what_could_not_be_mapped(sample, run_import):
    _, out, _ = run_import(str(sample))
    assert "30 records read" in out
    assert ("Ankle_Circles (Ankle Circles): category \"stretching\": Backchain plans sets of "
            "reps with rest, not held stretches") in out
    assert "Lunge_Pass_Through (Lunge Pass Through): a lunge:" in out
    assert 'Balance_Board (Balance Board): equipment "other" has no match among ours' in out
    assert ("Romanian_Deadlift (Romanian Deadlift): content/exercises/romanian-deadlift.yaml "
            "already exists") in out
    assert "is already the name of content/exercises/deadlift.yaml" in out
    assert 'muscle "chest": 2 records' in out
    assert 'muscle "triceps":' in out


def test_existing_files_are_never_overwritten(project, sample, run_import):
    rdl = project / "content/exercises/romanian-deadlift.yaml"
    before = rdl.read_text(encoding="utf-8")
    run_import(str(sample))
    assert rdl.read_text(encoding="utf-8") == before

    # A second import finds every file it would write already there.
    written = {p: p.read_text(encoding="utf-8") for p in (project / "content/exercises").iterdir()}
    code, out, _ = run_import(str(sample))
    assert code == 0
    assert "imported 0:" in out
    assert {p: p.read_text(encoding="utf-8")
            for p in (project / "content/exercises").iterdir()} == written


def test_a_dry_run_reports_without_writing(project, sample, run_import):
    code, out, _ = run_import(str(sample), "--dry-run")
    assert code == 0
    assert int(re.search(r"would import (\d+):", out).group(1)) >= len(EXPECTED)
    assert new_files(project) == set()


def record(**changes) -> dict:
    base = {"id": "Test_Row", "name": "Test Row", "force": "pull", "level": "beginner",
            "mechanic": "compound", "equipment": "dumbbell", "primaryMuscles": ["middle back"],
            "secondaryMuscles": ["biceps"], "instructions": ["Pull.", "Lower."],
            "category": "strength", "images": []}
    return {**base, **changes}


def convert(rec: dict):
    return fedb.convert(rec, fedb.known_content(Path(__file__).resolve().parents[2] / "content"))


def test_a_record_without_posterior_chain_muscles_is_skipped_with_the_reason():
    result = convert(record(primaryMuscles=["quadriceps"]))
    assert isinstance(result, fedb.Skipped)
    assert result.reason == "its primary muscles are not posterior-chain muscles"
    result = convert(record(primaryMuscles=["chest", "triceps"]))
    assert result.reason == "none of its primary muscles maps onto ours"
    assert result.unmapped == ('muscle "chest"', 'muscle "triceps"')


def test_a_word_missing_from_the_tables_is_reported_not_guessed():
    result = convert(record(secondaryMuscles=["wings"]))
    assert isinstance(result, fedb.Converted)
    assert result.exercise["muscles"]["primary"] == ["lats"]
    assert "secondary" not in result.exercise["muscles"]
    assert result.unmapped == ('muscle "wings" (not in the mapping table)',)


def test_incomplete_records_are_skipped():
    assert convert(record(instructions=[])).reason == "missing instructions"
    assert convert("not a record").reason.startswith("not a record")
    assert "level" in convert(record(level="godlike")).reason


def test_long_instructions_are_split_between_sentences():
    long_step = " ".join(["Keep your back flat and brace hard before you pull the weight."] * 12)
    result = convert(record(instructions=[long_step]))
    steps = result.exercise["steps"]
    assert len(steps) > 1 and all(len(s) <= 500 for s in steps)
    assert " ".join(steps) == long_step
    assert all(s.endswith(".") for s in steps)


def test_every_word_of_the_database_vocabulary_has_a_documented_mapping():
    vocabulary = json.loads((SAMPLE / "schema.json").read_text(encoding="utf-8"))["properties"]
    muscles = set(vocabulary["primaryMuscles"]["items"][0]["enum"])
    assert muscles == set(fedb.MUSCLES)
    assert set(vocabulary["equipment"]["enum"]) == set(fedb.EQUIPMENT)
    assert set(vocabulary["level"]["enum"]) == set(fedb.LEVELS)
    known = fedb.known_content(Path(__file__).resolve().parents[2] / "content")
    targets = {m for m in fedb.MUSCLES.values() if m} | set(fedb.PULLING_MUSCLES.values())
    assert targets <= set(known.muscles)
    assert {e for e in fedb.EQUIPMENT.values() if e} <= known.equipment


def test_a_file_that_is_not_json_is_reported_with_its_place(tmp_path, run_import):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x",,}]', encoding="utf-8")
    code, out, err = run_import(str(bad))
    assert code == 1
    assert f"{bad}:1:" in err and "not valid JSON" in err
    assert out == ""
    code, _, err = run_import(str(tmp_path / "missing.json"))
    assert code == 1 and "no such file" in err


def test_import_without_a_source_is_a_usage_error(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["import"]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["import", "some-other-db", "x.json"])
    assert exited.value.code == 2


def test_the_planner_can_schedule_an_imported_exercise(project, sample, run_import):
    from planner.formats import to_text
    from planner.plan import Plan, make_plan
    from planner.request import parse_request

    run_import(str(sample))
    catalogue = Catalogue.from_dict(build_catalogue(load_content(project / "content",
                                                                 root=project)))
    request = parse_request({
        "split": "three-total-body", "days": ["mon", "wed", "fri"],
        "equipment": ["barbell", "dumbbells", "kettlebell", "pull-up-bar", "bench", "cable",
                      "band", "machine"],
        "level": "intermediate", "minutes": 60, "weeks": 1, "start": "2026-11-30",
        "focus": None, "exclude": [], "prefer": ["barbell-shrug"]}, catalogue)
    plan = make_plan(catalogue, request)
    assert isinstance(plan, Plan), to_text(plan)
    assert "Barbell shrug" in to_text(plan)
